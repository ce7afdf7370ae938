//! The JSON Schemas editors check records with: generated from the loader's
//! own types, so every record the loader accepts — the demo, both examples,
//! the test fixtures, a new record from `gongkai new --yaml` — passes its
//! schema, and the mistakes the loader refuses are flagged by it too.

mod common;

use std::path::Path;

use common::{Site, gongkai, repo, stderr, stdout};
use serde_json::Value;

fn schema(name: &str, dir: &Path) -> jsonschema::Validator {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

/// The YAML of a record file: all of a `.yaml`, the front matter of a `.md`.
fn record_yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        let rest = text.strip_prefix("---\n").unwrap();
        rest.split_once("\n---").unwrap().0.to_string()
    } else {
        text
    };
    serde_yaml::from_str(&yaml).unwrap()
}

fn errors(v: &jsonschema::Validator, value: &Value) -> Vec<String> {
    v.iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_record_the_loader_accepts_passes_its_schema() {
    let tmp = Site::empty();
    let out = tmp.path().join("schema");
    let run = gongkai()
        .args(["schema", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "admissions.schema.json",
            "consultations.schema.json",
            "conventions.schema.json",
            "disclosures.schema.json",
            "pages.schema.json",
            "site.schema.json"
        ]
    );
    let mut checked = 0;
    for site in [
        ".",
        "examples/village",
        "examples/community",
        "tests/fixtures/minimal",
    ] {
        let root = repo().join(site);
        let v = schema("site.schema.json", &out);
        let config = record_yaml(&root.join("site.yaml"));
        assert!(
            errors(&v, &config).is_empty(),
            "{site}/site.yaml: {:?}",
            errors(&v, &config)
        );
        for entry in walkdir::WalkDir::new(root.join("content")) {
            let entry = entry.unwrap();
            let path = entry.path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "md" | "yaml" | "yml") {
                continue;
            }
            let kind = path
                .parent()
                .unwrap()
                .strip_prefix(root.join("content"))
                .unwrap();
            let kind = kind
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_str()
                .unwrap();
            let v = schema(&format!("{kind}.schema.json"), &out);
            let record = record_yaml(path);
            // Drafts with a placeholder or two are still records the loader reads.
            let errs = errors(&v, &record);
            assert!(errs.is_empty(), "{}: {errs:?}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} records checked");
}

#[test]
fn the_schema_flags_what_the_loader_refuses_and_takes_its_chinese_words() {
    let tmp = Site::empty();
    let out = tmp.path().join("schema");
    assert!(
        gongkai()
            .args(["schema", "--out"])
            .arg(&out)
            .output()
            .unwrap()
            .status
            .success()
    );
    let v = schema("disclosures.schema.json", &out);
    let ok = serde_json::json!({
        "title": "十月财务公开", "date": "2026-11-05", "category": "财务", "period": "2026-10",
        "reviewed_by": "村务监督委员会",
        "ledger": {"opening": "24400.00", "from": "收支明细.xlsx"},
        "tables": [{"title": "低保名单", "from": "低保名单.xlsx", "mask": {"身份证号": "身份证号", "姓名": "name"}}]
    });
    assert!(errors(&v, &ok).is_empty(), "{:?}", errors(&v, &ok));
    for (bad, why) in [
        (
            serde_json::json!({"title": "x", "date": "2026-11-05", "categroy": "finance"}),
            "an unknown field",
        ),
        (
            serde_json::json!({"title": "x", "date": "2026-11-05", "category": "财务公示"}),
            "a category the loader does not take",
        ),
        (
            serde_json::json!({"title": "x", "date": "2026/11/05"}),
            "a date in the wrong form",
        ),
        (
            serde_json::json!({"title": "x", "date": "2026-11-05", "ledger": {"opening": "12.345"}}),
            "money with three decimals",
        ),
        (
            serde_json::json!({"title": "x", "date": "2026-11-05", "tables": [{"mask": {"姓名": "surname"}}]}),
            "an unknown mask",
        ),
    ] {
        assert!(!errors(&v, &bad).is_empty(), "the schema passes {why}");
        // The loader refuses it too.
        let site = Site::copy_of("minimal");
        site.write(
            "content/disclosures/2026-11-05-x.yaml",
            &serde_yaml::to_string(&bad).unwrap(),
        );
        let out = site.run(&["check", "--today", common::TODAY]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "the loader takes {why}: {}",
            stdout(&out)
        );
    }
    let help = std::fs::read_to_string(out.join("disclosures.schema.json")).unwrap();
    assert!(
        help.contains("从记录旁边的表格文件读收支"),
        "fields carry Chinese help"
    );
}

#[test]
fn a_new_yaml_record_points_at_its_published_schema_and_passes_it() {
    let site = Site::copy_of("minimal");
    let out = site.run(&[
        "new",
        "disclosure",
        "十一月财务公开",
        "--yaml",
        "--today",
        common::TODAY,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rel = "content/disclosures/2026-11-20-shi-yi-yue-cai-wu-gong-kai.yaml";
    let text = std::fs::read_to_string(site.path().join(rel)).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "# yaml-language-server: $schema=https://ceshi.example.org/schema/disclosures.schema.json"
    );
    site.build(&["--drafts"]);
    assert!(
        site.read("disclosures/shi-yi-yue-cai-wu-gong-kai/index.html")
            .contains("在这里写公开的正文")
    );
    // The site publishes the schema the line names.
    let published: Value =
        serde_json::from_str(&site.read("schema/disclosures.schema.json")).unwrap();
    let v = jsonschema::validator_for(&published).unwrap();
    let record = record_yaml(&site.path().join(rel));
    assert!(errors(&v, &record).is_empty(), "{:?}", errors(&v, &record));
}
