//! Hostile and broken input never panics: arbitrary bytes, arbitrary YAML
//! (deep nesting, anchors and alias bombs, huge numbers, wrong types
//! everywhere) and truncated or corrupted real records all end in diagnostics.
//!
//! Every case goes through the path `gongkai check` takes (a site folder on
//! disk, `build::check`), and the assertions are what a clerk would see: a
//! status of 0 or 1 (a panic would be 101), every error naming its file, and
//! never the loader's "internal error" note for a parser that panicked.
//!
//! The property tests run a bounded number of cases (`PROPTEST_CASES`, default
//! 256 here); for a longer hunt run e.g.
//! `PROPTEST_CASES=100000 cargo test --release --test hostile`.

mod common;

use gongkai::build::{BuildError, BuildOptions, check};
use gongkai::content::Kind;
use gongkai::diagnostic::Diagnostic;
use proptest::prelude::*;

use common::{Site, gongkai, repo, stderr};

const SITE_YAML: &str = "title: 测试\nbase_url: https://ceshi.example.org/\ncommunity: {name: 测试村民委员会, kind: village, hotline: \"0431-8888888\"}\npublic_phones: [\"0431-8888888\"]\n";

/// What `gongkai check` does with a site holding `files` (site-relative path,
/// bytes), through the same function the command calls: the exit status it
/// would give and what it would print. A panic anywhere fails the test, as it
/// would end the command with status 101.
fn check_site(files: &[(String, Vec<u8>)]) -> (u8, Vec<Diagnostic>) {
    let site = Site::empty();
    site.write("site.yaml", SITE_YAML);
    for (rel, bytes) in files {
        site.write_bytes(rel, bytes);
    }
    let opts = BuildOptions {
        today: Some("2026-11-20".parse().unwrap()),
        ..BuildOptions::new(site.path())
    };
    match check(&opts) {
        Ok(warnings) => (0, warnings),
        Err(BuildError::Content(diags)) => (1, diags),
        Err(BuildError::Usage(msg)) => panic!("a record file made a usage error: {msg}"),
    }
}

/// Checks `bytes` as a record of every kind, `.md` and `.yaml`, in one site,
/// and asserts what a clerk would see: exit 0 or 1, every error naming one of
/// the files, and no parser panic caught and reported as an internal error.
fn each_kind(file_stem: &str, bytes: &[u8]) {
    let mut files = Vec::new();
    for kind in Kind::ALL {
        for ext in ["md", "yaml"] {
            files.push((
                format!("content/{}/{file_stem}.{ext}", kind.dir()),
                bytes.to_vec(),
            ));
        }
    }
    assert_named_and_calm(&files);
}

/// Runs the check over `files` and asserts the user-visible promises.
fn assert_named_and_calm(files: &[(String, Vec<u8>)]) -> Vec<Diagnostic> {
    let (status, diags) = check_site(files);
    for d in &diags {
        assert!(
            !d.message.is_empty(),
            "every diagnostic says something: {d:?}"
        );
        assert!(
            !d.message.contains("内部出错"),
            "a parser panicked and the loader caught it: {d}"
        );
        if d.is_error() {
            let file = d.file.to_string_lossy();
            assert!(
                files.iter().any(|(rel, _)| file.ends_with(rel.as_str())),
                "an error names the file it is about: {d}"
            );
        }
    }
    if status == 1 {
        assert!(diags.iter().any(Diagnostic::is_error), "exit 1 says why");
    }
    diags
}

/// Loads and validates `bytes` as one record of `kind` named `file`.
fn load_and_check(kind: Kind, file: &str, bytes: Vec<u8>) -> Vec<Diagnostic> {
    assert_named_and_calm(&[(format!("content/{}/{file}", kind.dir()), bytes)])
}

const FIELDS: &[&str] = &[
    "title",
    "date",
    "slug",
    "summary",
    "tags",
    "draft",
    "posting",
    "from",
    "until",
    "issuer",
    "reviewed_by",
    "contact",
    "person",
    "phone",
    "feedback",
    "deadline",
    "attachments",
    "file",
    "amendments",
    "note",
    "print",
    "paper",
    "orientation",
    "body",
    "category",
    "period",
    "ledger",
    "opening",
    "entries",
    "income",
    "expense",
    "closing",
    "voucher",
    "item",
    "tables",
    "columns",
    "rows",
    "key",
    "label",
    "mask",
    "type",
    "total",
    "status",
    "adopted",
    "present",
    "for",
    "against",
    "abstain",
    "filed",
    "with",
    "effective",
    "replaces",
    "chapters",
    "articles",
    "meeting",
    "attendees",
    "count",
    "groups",
    "role",
    "agenda",
    "topic",
    "decision",
    "votes",
    "follow_up",
    "due",
    "task",
    "items",
    "no",
    "name",
    "funding",
    "order",
];

/// Scalars chosen to hit every parser's edges.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z\\-]{0,10}",
        "[\\u{4e00}-\\u{4e80}]{0,6}",
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| f.to_string()),
        Just("1e99999".to_string()),
        Just("-0.000".to_string()),
        Just("99999999999999999999999999999".to_string()),
        Just("\"12.345\"".to_string()),
        Just("~".to_string()),
        Just("true".to_string()),
        Just("2026-02-30".to_string()),
        Just("2026-11-06".to_string()),
        Just("2026-Q5".to_string()),
        Just("\"\\u0000\"".to_string()),
        Just("\"13812345678\"".to_string()),
        Just("'22040219600101123X'".to_string()),
        Just("!!binary aGVsbG8=".to_string()),
        Just("&anchor 1".to_string()),
        Just("*anchor".to_string()),
        Just("in-force".to_string()),
        Just("finance".to_string()),
        Just("name".to_string()),
        Just("\"../../etc/passwd\"".to_string()),
    ]
}

/// YAML flow values nested a few levels deep, with known field names as keys.
fn value() -> impl Strategy<Value = String> {
    scalar().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6)
                .prop_map(|items| format!("[{}]", items.join(", "))),
            prop::collection::vec((prop::sample::select(FIELDS), inner), 0..6).prop_map(
                |pairs| format!(
                    "{{{}}}",
                    pairs
                        .iter()
                        .map(|(k, v)| format!("{k}: {v}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            ),
        ]
    })
}

/// A front matter of known fields with arbitrary values, then a body.
fn record_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((prop::sample::select(FIELDS), value()), 0..12),
        "[^\\u{0}]{0,80}",
    )
        .prop_map(|(fields, body)| {
            format!(
                "---\n{}---\n{body}\n",
                fields
                    .iter()
                    .map(|(k, v)| format!("{k}: {v}\n"))
                    .collect::<String>()
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), fm in any::<bool>()) {
        let mut input = if fm { b"---\n".to_vec() } else { Vec::new() };
        input.extend(bytes);
        each_kind("fuzz", &input);
    }

    #[test]
    fn arbitrary_yaml_never_panics(text in record_text()) {
        each_kind("fuzz", text.as_bytes());
    }

    #[test]
    fn truncated_and_corrupted_real_records_never_panic(which in 0usize..64, cut in any::<prop::sample::Index>(), flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4)) {
        let files = demo_records();
        let (kind, name, bytes) = &files[which % files.len()];
        let mut bytes = bytes[..cut.index(bytes.len() + 1)].to_vec();
        for (at, b) in flips {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
        }
        load_and_check(*kind, name, bytes);
    }
}

/// Every record file of the demo and the examples, with its kind.
fn demo_records() -> &'static [(Kind, String, Vec<u8>)] {
    static FILES: std::sync::OnceLock<Vec<(Kind, String, Vec<u8>)>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        let mut out = Vec::new();
        for site in [
            "content",
            "examples/village/content",
            "examples/community/content",
        ] {
            for kind in Kind::ALL {
                let dir = repo().join(site).join(kind.dir());
                for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                    out.push((
                        kind,
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    ));
                }
            }
        }
        out.sort();
        out
    })
}

#[test]
fn alias_bombs_deep_nesting_and_huge_numbers_get_a_clear_message() {
    let mut bomb = String::from(
        "---\na: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for (i, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!("{i}: &{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    bomb.push_str("title: *i\n---\n");
    let diags = load_and_check(Kind::Disclosures, "bomb.md", bomb.into_bytes());
    assert!(diags.iter().any(|d| d.is_error()), "{diags:?}");

    let deep = format!(
        "---\ntitle: {}{}\n---\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let diags = load_and_check(Kind::Disclosures, "deep.md", deep.into_bytes());
    assert!(
        diags.iter().any(|d| d.message.contains("嵌套层数太深")),
        "{diags:?}"
    );

    let huge = "---\ntitle: 测试\ndate: 2026-11-01\ncategory: finance\nreviewed_by: x\nledger: {opening: 1e99999, entries: [{date: 2026-11-01, item: a, income: \"1\"}], closing: \"0\"}\n---\n";
    let diags = load_and_check(Kind::Disclosures, "huge.md", huge.as_bytes().to_vec());
    assert!(
        diags
            .iter()
            .any(|d| d.field.as_deref() == Some("ledger.opening")),
        "{diags:?}"
    );

    let too_big = "---\ntitle: 测试\ndate: 2026-11-01\ncategory: affairs\ntags: [99999999999999999999999999999999]\n---\n";
    let diags = load_and_check(Kind::Disclosures, "big.md", too_big.as_bytes().to_vec());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].to_string().ends_with("/content/disclosures/big.md:5:8\n  数字 99999999999999999999999999999999 太大，超出了能处理的范围\n  → 核对这个数字；金额、编号、证件号等请加引号写成文字，例如 \"3500.00\""),
        "{}",
        diags[0]
    );
}

#[test]
fn a_whole_build_over_garbage_files_ends_in_diagnostics() {
    let site = Site::copy_of("minimal");
    let garbage: [&[u8]; 6] = [
        b"\x00\x01\x02\xff\xfe binary",
        b"---\n---\n",
        b"---\ntitle: [unclosed\n---\n",
        b"---\n: : :\n---\n",
        "---\ntitle: 标题\ndate: 2026-11-01\ncategory: affairs\ntables: [{columns: [{key: a, mask: id}], rows: [{a: [1, 2]}, {a: {b: c}}, 7]}]\n---\n".as_bytes(),
        "---\ntitle: 标题\ndate: 2026-11-01\nstatus: in-force\nadopted: {present: -1, for: 1e3}\nchapters: [[], {}, 3]\n---\n".as_bytes(),
    ];
    let mut names = Vec::new();
    for (i, bytes) in garbage.iter().enumerate() {
        for kind in Kind::ALL {
            let rel = format!("content/{}/garbage-{i}.md", kind.dir());
            site.write_bytes(&rel, bytes);
            names.push(rel);
        }
    }
    // The real command, as a clerk runs it.
    let out = gongkai()
        .current_dir(site.path())
        .args(["build", "--today", "2026-11-20"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit 1, never a crash:\n{err}");
    for rel in &names {
        assert!(
            err.contains(&format!("错误：{rel}")),
            "{rel} is reported:\n{err}"
        );
    }
    assert!(!err.contains("内部出错"), "no parser panicked:\n{err}");
    assert!(!site.path().join("public").exists(), "nothing was written");
}
