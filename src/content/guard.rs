//! The privacy guard on what a clerk wrote: an unmasked resident ID number or
//! mobile number anywhere in a record fails the build, located at its line.
//! Residents' privacy is not a warning.
//!
//! Numbers are found however they are typed: full-width digits, spaces or
//! hyphens inside, `+86` in front, inside tables, links or YAML escapes (the
//! scan reads parsed values, not raw text).

use serde_yaml::Value;

use crate::config::Config;
use crate::content::mask::scalar_text;
use crate::diagnostic::{Diagnostic, FieldPath, MAX_PER_FILE, more_in_file};
use crate::privacy::{Allowed, Finding, NumberKind, find_private_numbers, mask_id, mask_phone};
use crate::source::Source;

/// Numbers a record may show: `public_phones`, the hotline, and its own
/// `contact.phone` and `feedback.phone` (the committee's published numbers).
pub fn allowed_numbers(config: &Config, front: &Value) -> Allowed {
    let own: Vec<String> = ["contact", "feedback"]
        .iter()
        .filter_map(|section| front.get(*section)?.get("phone").and_then(scalar_text))
        .collect();
    Allowed::new(
        site_phones(config)
            .into_iter()
            .chain(own.iter().map(String::as_str)),
    )
}

/// The numbers `site.yaml` declares public.
pub fn site_phones(config: &Config) -> Vec<&str> {
    config
        .public_phones
        .iter()
        .map(|p| p.as_str())
        .chain(config.community.hotline.iter().map(|h| h.as_str()))
        .collect()
}

/// The diagnostic for a private number found in a record, at `d`'s place.
pub fn finding_diagnostic(f: &Finding, d: Diagnostic) -> Diagnostic {
    match f.kind {
        NumberKind::Mobile => Diagnostic {
            message: format!("发现未遮盖的手机号码 {}", mask_phone(&f.digits)),
            ..d
        }
        .help("居民个人的号码不能公开：请删除，或放进带 mask: phone 的表格列；如果是公开的办公电话，请加入 site.yaml 的 public_phones，或写在本记录的 contact.phone"),
        NumberKind::ResidentId => Diagnostic {
            message: format!("发现未遮盖的身份证号码 {}", mask_id(&f.digits)),
            ..d
        }
        .help("身份证号只能出现在带 mask: id 的表格列里：请删除，或移到这样的列"),
    }
}

/// A private number in the record's file name would become its web address.
pub fn scan_file_name(rel: &std::path::Path, shown: &std::path::Path) -> Vec<Diagnostic> {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    find_private_numbers(&name)
        .iter()
        .map(|f| {
            let d = finding_diagnostic(f, Diagnostic::error(shown, ""));
            Diagnostic {
                message: format!("文件名里{}", d.message.trim_start_matches("发现")),
                ..d
            }
            .help("文件名会成为网页地址：把号码从文件名里去掉，或在资料区写 slug: 网址名")
        })
        .collect()
}

/// Scans every key and scalar of the (already masked) front matter.
pub fn scan_value(front: &Value, source: &Source, allowed: &Allowed) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut more = 0;
    walk(front, &FieldPath::root(), &mut |path, text| {
        for f in find_private_numbers(text) {
            if allowed.allows(&f) {
                continue;
            }
            if out.len() < MAX_PER_FILE {
                out.push(finding_diagnostic(&f, source.error(path, "")));
            } else {
                more += 1;
            }
        }
    });
    if more > 0 {
        out.push(more_in_file(&source.path, more));
    }
    out
}

fn walk(v: &Value, path: &FieldPath, visit: &mut dyn FnMut(&FieldPath, &str)) {
    match v {
        Value::Mapping(map) => {
            for (k, child) in map {
                let key = scalar_text(k).unwrap_or_default();
                visit(path, &key);
                walk(child, &path.key(&key), visit);
            }
        }
        Value::Sequence(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, &path.index(i), visit);
            }
        }
        Value::Tagged(t) => walk(&t.value, path, visit),
        other => {
            if let Some(text) = scalar_text(other) {
                visit(path, &text);
            }
        }
    }
}

/// Scans the Markdown body of a `.md` record, pointing at line and column.
pub fn scan_body(source: &Source, allowed: &Allowed) -> Vec<Diagnostic> {
    let body = source.body_text();
    find_private_numbers(body)
        .into_iter()
        .filter(|f| !allowed.allows(f))
        .map(|f| {
            let before = &body[..f.offset];
            let line = source.body_line() + before.matches('\n').count();
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            finding_diagnostic(
                &f,
                Diagnostic::error(&source.path, "").at(Some(line), Some(col)),
            )
        })
        .collect()
}
