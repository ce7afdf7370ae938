//! The privacy guard: an unmasked resident ID number or mobile number anywhere
//! in a record fails the build. Residents' privacy is not a warning.
//!
//! Numbers are found however they are typed: full-width digits, spaces or
//! hyphens inside, `+86` in front, inside tables, links or YAML escapes (the
//! scan reads parsed values, not raw text).

use serde_yaml::Value;

use crate::config::Config;
use crate::content::mask::{mask_id, mask_phone, scalar_text};
use crate::content::source::Source;
use crate::diagnostic::{Diagnostic, FieldPath, MAX_PER_FILE, more_in_file};

/// A private number found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: NumberKind,
    /// Byte offset in the scanned text where the number starts.
    pub offset: usize,
    /// The number's digits, normalized to ASCII (`X` for the ID check letter).
    pub digits: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    ResidentId,
    Mobile,
}

/// ASCII digit for an ASCII or full-width digit.
pub fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

fn is_id_letter(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// Characters people put inside a number: `138 1234 5678`, `138-1234-5678`.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '\u{a0}' | '\u{3000}' | '－' | '‐' | '‑' | '‒' | '–' | '—' | '_'
    )
}

struct Group {
    start: usize,
    digits: String,
    /// Joined to the next group by exactly one separator.
    linked: bool,
}

fn digit_groups(text: &str) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut current: Option<Group> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(d) = ascii_digit(c) {
            current
                .get_or_insert(Group {
                    start: i,
                    digits: String::new(),
                    linked: false,
                })
                .digits
                .push(d);
            continue;
        }
        let Some(mut g) = current.take() else {
            continue;
        };
        if is_id_letter(c) && g.digits.len() == 17 {
            g.digits.push('X');
            groups.push(g);
            continue;
        }
        g.linked = is_separator(c) && chars.peek().is_some_and(|&(_, n)| ascii_digit(n).is_some());
        groups.push(g);
    }
    groups.extend(current);
    groups
}

/// Every resident ID number and mobile number in `text`.
pub fn find_private_numbers(text: &str) -> Vec<Finding> {
    let groups = digit_groups(text);
    let mut found: Vec<Finding> = Vec::new();
    let mut chain_start = 0;
    for end in 0..groups.len() {
        if groups[end].linked && end + 1 < groups.len() {
            continue;
        }
        let chain = &groups[chain_start..=end];
        let chain_found = found.len();
        for i in 0..chain.len() {
            let mut joined = String::new();
            for g in &chain[i..] {
                joined.push_str(&g.digits);
                if joined.len() > 20 {
                    break;
                }
                if let Some((kind, digits)) = classify(&joined) {
                    // `+86 138 1234 5678` holds the same number twice (with and without 86).
                    if !found[chain_found..].iter().any(|f| f.digits == digits) {
                        found.push(Finding {
                            kind,
                            offset: chain[i].start,
                            digits,
                        });
                    }
                }
            }
        }
        chain_start = end + 1;
    }
    found
}

fn classify(digits: &str) -> Option<(NumberKind, String)> {
    if is_mobile(digits) {
        return Some((NumberKind::Mobile, digits.to_string()));
    }
    if let Some(rest) = digits.strip_prefix("86").filter(|r| is_mobile(r)) {
        return Some((NumberKind::Mobile, rest.to_string()));
    }
    if is_resident_id(digits) {
        return Some((NumberKind::ResidentId, digits.to_string()));
    }
    None
}

/// `1[3-9]` followed by nine digits.
pub fn is_mobile(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

/// Eighteen characters with a valid GB 11643 check character.
pub fn is_resident_id(d: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = d.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| (c - b'0') as u32 * w)
        .sum();
    CHECK[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}

/// Numbers allowed to appear: `public_phones`, the hotline, and the record's own
/// `contact.phone` and `feedback.phone` (both are the committee's published numbers).
pub fn allowed_numbers(config: &Config, front: &Value) -> Vec<String> {
    let mut allowed: Vec<String> = config
        .public_phones
        .iter()
        .map(|p| digits_of(p.as_str()))
        .collect();
    if let Some(h) = &config.community.hotline {
        allowed.push(digits_of(h.as_str()));
    }
    for section in ["contact", "feedback"] {
        if let Some(phone) = front
            .get(section)
            .and_then(|c| c.get("phone"))
            .and_then(scalar_text)
        {
            allowed.push(digits_of(&phone));
        }
    }
    allowed.retain(|d| !d.is_empty());
    allowed
}

fn digits_of(text: &str) -> String {
    text.chars().filter_map(ascii_digit).collect()
}

fn is_allowed(f: &Finding, allowed: &[String]) -> bool {
    allowed
        .iter()
        .any(|a| *a == f.digits || a.ends_with(&f.digits) && a.len() <= f.digits.len() + 2)
}

fn finding_diagnostic(f: &Finding, d: Diagnostic) -> Diagnostic {
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

/// Scans every key and scalar of the (already masked) front matter.
pub fn scan_value(front: &Value, source: &Source, allowed: &[String]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut more = 0;
    walk(front, &FieldPath::root(), &mut |path, text| {
        for f in find_private_numbers(text) {
            if is_allowed(&f, allowed) {
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
pub fn scan_body(source: &Source, allowed: &[String]) -> Vec<Diagnostic> {
    let body = source.body_text();
    find_private_numbers(body)
        .into_iter()
        .filter(|f| !is_allowed(f, allowed))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(NumberKind, String)> {
        find_private_numbers(text)
            .into_iter()
            .map(|f| (f.kind, f.digits))
            .collect()
    }

    #[test]
    fn finds_mobiles_however_written() {
        let m = |d: &str| vec![(NumberKind::Mobile, d.to_string())];
        assert_eq!(kinds("电话13812345678。"), m("13812345678"));
        assert_eq!(kinds("电话 138 1234 5678"), m("13812345678"));
        assert_eq!(kinds("电话138-1234-5678"), m("13812345678"));
        assert_eq!(kinds("电话１３８１２３４５６７８"), m("13812345678"));
        assert_eq!(kinds("+86 138 1234 5678"), m("13812345678"));
        assert_eq!(kinds("[打电话](tel:13812345678)"), m("13812345678"));
        assert_eq!(kinds("2026-11-06 13812345678"), m("13812345678"));
    }

    #[test]
    fn ignores_landlines_dates_money_and_long_numbers() {
        assert!(kinds("监督电话 0437-1234567").is_empty());
        assert!(kinds("2026-11-06 至 2026-11-20").is_empty());
        assert!(kinds("合计 13812345.00 元").is_empty());
        assert!(kinds("账号 6222021381234567890").is_empty());
        assert!(kinds("12345678901").is_empty());
    }

    #[test]
    fn finds_ids_only_with_a_valid_check_digit() {
        assert_eq!(
            kinds("身份证 11010519491231002X"),
            vec![(NumberKind::ResidentId, "11010519491231002X".into())]
        );
        assert_eq!(kinds("110105 19491231 002x").len(), 1);
        assert!(kinds("身份证 110105194912310021").is_empty());
    }
}
