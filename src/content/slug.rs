//! URL names: taken from `slug:` or derived from the file name, pinyin for
//! Chinese; the names the archive pages take, which no record may; and the
//! folder names of tags.

use std::fmt::Write as _;

use pinyin::ToPinyin;

use crate::content::Kind;
use crate::content::disclosure::Category;

/// The folder that holds a list's further pages: `disclosures/page/2/`.
pub const PAGE_DIR: &str = "page";

/// Whether `s` is a valid slug: `[a-z0-9][a-z0-9-]*`.
pub fn is_valid_slug(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
        && s.len() <= 120
}

/// The slug for a file stem: the date prefix (`2026-10-31-`) dropped, letters
/// lowercased, Chinese characters spelled in pinyin, everything else a hyphen.
pub fn slug_from_stem(stem: &str) -> String {
    let rest = strip_date_prefix(stem);
    let derived = slugify(rest);
    if derived.is_empty() {
        slugify(stem)
    } else {
        derived
    }
}

/// A slug for any text (titles, headings): ASCII kept, Han in pinyin.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    let push = |piece: &str, out: &mut String, dash: &mut bool| {
        if *dash && !out.is_empty() {
            out.push('-');
        }
        *dash = false;
        out.push_str(piece);
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            let mut buf = [0u8; 4];
            push(
                c.to_ascii_lowercase().encode_utf8(&mut buf),
                &mut out,
                &mut dash,
            );
        } else if let Some(p) = c.to_pinyin() {
            dash = true;
            push(p.plain(), &mut out, &mut dash);
            dash = true;
        } else {
            dash = true;
        }
    }
    out.truncate(100);
    out.trim_end_matches('-').to_string()
}

/// A year page's name: four digits (`disclosures/2026/`).
pub fn is_year_slug(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The archive page a record of `kind` named `slug` would stand in the way
/// of, if the name is one the archives take: a year, `page`, or (for
/// disclosures) a category's key.
pub fn archive_clash(kind: Kind, slug: &str) -> Option<String> {
    let dir = kind.dir();
    if is_year_slug(slug) {
        return Some(format!("年份页 {dir}/{slug}/"));
    }
    if slug == PAGE_DIR {
        return Some(format!("列表的分页 {dir}/{PAGE_DIR}/2/"));
    }
    if kind == Kind::Disclosures && Category::ALL.iter().any(|c| c.key() == slug) {
        return Some(format!("类别列表 {dir}/{slug}/"));
    }
    None
}

/// The longest tag folder name, in bytes; longer tags end in a hash. File
/// systems allow 255 bytes, and a Chinese character takes three.
const MAX_TAG_SLUG: usize = 150;

/// The folder name of a tag's pages (`tags/一事一议/`), `None` for a tag
/// with nothing in it. The tag itself, so the address reads as the tag:
/// whitespace and invisible characters dropped and letters lowercased (tags
/// that differ only in those are one tag); Chinese and other letters,
/// digits and `-` kept; every other character — ASCII punctuation, which
/// paths and URLs give meanings to, and control characters — written as
/// `_` and its UTF-8 bytes in hex (`/` is `_2f`, `_` itself `_5f`). Nothing
/// kept is `_`, so two different tags never get the same name. A name
/// Windows reserves for a device (`con`, `nul`, …) or `page` has its first
/// letter written the same way, and a name too long for a file system ends
/// in `_x` and a hash of the whole tag.
pub fn tag_slug(tag: &str) -> Option<String> {
    let normal: String = tag
        .chars()
        .filter(|&c| !c.is_whitespace() && !is_invisible(c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = String::with_capacity(normal.len());
    for c in normal.chars() {
        push_tag_char(&mut out, c, false);
    }
    if out.is_empty() {
        return None;
    }
    if is_reserved_name(&out) {
        let mut chars = out.chars();
        let mut escaped = String::new();
        if let Some(first) = chars.next() {
            push_tag_char(&mut escaped, first, true);
        }
        escaped.push_str(chars.as_str());
        out = escaped;
    }
    if out.len() > MAX_TAG_SLUG {
        use sha2::{Digest, Sha256};
        let mut cut = MAX_TAG_SLUG - 18;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        // An escape is `_` and two hex digits: cut through one, drop its rest.
        let tail = out.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
        if let Some(i) = out[tail..].find('_') {
            out.truncate(tail + i);
        }
        let digest = Sha256::digest(normal.as_bytes());
        out.push_str("_x");
        for b in &digest[..8] {
            let _ = write!(out, "{b:02x}");
        }
    }
    Some(out)
}

/// Writes `c` into a tag's folder name, as itself or escaped.
fn push_tag_char(out: &mut String, c: char, escape: bool) {
    let keep = c == '-'
        || c.is_ascii_lowercase()
        || c.is_ascii_digit()
        || (!c.is_ascii() && !c.is_control());
    if keep && !escape {
        out.push(c);
        return;
    }
    let mut buf = [0u8; 4];
    for b in c.encode_utf8(&mut buf).bytes() {
        let _ = write!(out, "_{b:02x}");
    }
}

/// Characters that take no room: two tags that differ only by them look the same.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Names a folder cannot safely take: Windows device names (a clerk may copy
/// the site there), and `page`, which the tag list's own pages use.
fn is_reserved_name(name: &str) -> bool {
    const DEVICES: &[&str] = &["con", "prn", "aux", "nul"];
    let b = name.as_bytes();
    DEVICES.contains(&name)
        || name == PAGE_DIR
        || (b.len() == 4
            && (name.starts_with("com") || name.starts_with("lpt"))
            && b[3].is_ascii_digit())
}

fn strip_date_prefix(stem: &str) -> &str {
    let b = stem.as_bytes();
    let dated = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !dated {
        return stem;
    }
    stem[10..].trim_start_matches(['-', '_', ' '])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_slugs_from_file_names() {
        assert_eq!(slug_from_stem("2026-10-31-roads"), "roads");
        assert_eq!(
            slug_from_stem("2026-11-05-冬季供暖安排"),
            "dong-ji-gong-nuan-an-pai"
        );
        assert_eq!(slug_from_stem("Road_Repair 2026"), "road-repair-2026");
        assert_eq!(slug_from_stem("2026-10-31"), "2026-10-31");
        assert_eq!(slug_from_stem("第3季度财务"), "di-3-ji-du-cai-wu");
        assert!(is_valid_slug(&slug_from_stem("2026-11-05-冬季供暖安排")));
    }

    #[test]
    fn chinese_tags_are_their_own_folder_names() {
        assert_eq!(tag_slug("一事一议").as_deref(), Some("一事一议"));
        assert_eq!(tag_slug(" 道路 硬化 ").as_deref(), Some("道路硬化"));
        assert_eq!(tag_slug("低保\u{200B}").as_deref(), Some("低保"));
        assert_eq!(tag_slug("LED路灯").as_deref(), Some("led路灯"));
        assert_eq!(
            tag_slug("《村规民约》（修订）").as_deref(),
            Some("《村规民约》（修订）")
        );
        assert_eq!(tag_slug("2026年").as_deref(), Some("2026年"));
        assert_eq!(tag_slug("  ").as_deref(), None);
        assert_eq!(tag_slug("").as_deref(), None);
    }

    #[test]
    fn tags_that_differ_only_by_case_or_spaces_are_one_tag() {
        assert_eq!(tag_slug("LED 路灯"), tag_slug("led路灯"));
        assert_eq!(tag_slug("一事　一议"), tag_slug("一事一议"));
    }

    #[test]
    fn characters_paths_give_meaning_to_are_escaped() {
        assert_eq!(tag_slug("5G/宽带").as_deref(), Some("5g_2f宽带"));
        assert_eq!(tag_slug("..").as_deref(), Some("_2e_2e"));
        assert_eq!(tag_slug("a_b").as_deref(), Some("a_5fb"));
        assert_eq!(tag_slug("C++").as_deref(), Some("c_2b_2b"));
        assert_eq!(tag_slug("50%").as_deref(), Some("50_25"));
        assert_eq!(tag_slug("a\u{0}b").as_deref(), Some("a_00b"));
        assert_eq!(tag_slug("CON").as_deref(), Some("_63on"));
        assert_eq!(tag_slug("com1").as_deref(), Some("_63om1"));
        assert_eq!(tag_slug("page").as_deref(), Some("_70age"));
        for tag in ["<script>", "../../etc", "a/b?c#d", "x\\y", "a:b*c|d\"e"] {
            let slug = tag_slug(tag).unwrap();
            assert!(
                slug.chars()
                    .all(|c| c == '_' || c == '-' || c.is_ascii_alphanumeric()),
                "{tag} → {slug}"
            );
        }
    }

    #[test]
    fn different_tags_never_share_a_folder() {
        let tags = [
            "a-b",
            "a_b",
            "a/b",
            "a b",
            "ab",
            "a_2fb",
            "_2f",
            "/",
            "con",
            "_63on",
            "page",
            "_70age",
            "一事一议",
            "一事一议-",
            "一事-一议",
            "财务",
            "財務",
            "低保（城市）",
            "低保(城市)",
            "低保_28城市_29",
            "2026",
            "２０２６",
        ];
        let mut seen = std::collections::HashMap::new();
        for tag in tags {
            let normal: String = tag.chars().filter(|c| !c.is_whitespace()).collect();
            let slug = tag_slug(tag).unwrap();
            if let Some(other) = seen.insert(slug.clone(), tag) {
                let other_normal: String = other.chars().filter(|c| !c.is_whitespace()).collect();
                assert_eq!(
                    normal.to_lowercase(),
                    other_normal.to_lowercase(),
                    "{tag} and {other} → {slug}"
                );
            }
        }
    }

    #[test]
    fn long_tags_are_cut_with_a_hash_and_stay_apart() {
        let a = "很长的标签".repeat(20);
        let b = format!("{a}甲");
        let (sa, sb) = (tag_slug(&a).unwrap(), tag_slug(&b).unwrap());
        assert!(sa.len() <= MAX_TAG_SLUG && sb.len() <= MAX_TAG_SLUG, "{sa}");
        assert_ne!(sa, sb);
        assert!(sa.starts_with("很长的标签") && sa.contains("_x"), "{sa}");
        let escapes = "/".repeat(80);
        let s = tag_slug(&escapes).unwrap();
        assert!(s.len() <= MAX_TAG_SLUG, "{s}");
        assert!(
            s.split("_x")
                .next()
                .unwrap()
                .split('_')
                .skip(1)
                .all(|e| e == "2f"),
            "{s}"
        );
    }

    #[test]
    fn archive_names_are_refused_for_records() {
        assert!(archive_clash(Kind::Disclosures, "2026").is_some());
        assert!(archive_clash(Kind::Conventions, "2025").is_some());
        assert!(archive_clash(Kind::Consultations, "page").is_some());
        assert!(archive_clash(Kind::Disclosures, "finance").is_some());
        assert!(archive_clash(Kind::Conventions, "finance").is_none());
        assert!(archive_clash(Kind::Disclosures, "finance-2026-10").is_none());
        assert!(archive_clash(Kind::Disclosures, "20261").is_none());
    }

    #[test]
    fn validates_slugs() {
        assert!(is_valid_slug("q3-finance"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug("Q3"));
        assert!(!is_valid_slug("../etc"));
        assert!(!is_valid_slug(""));
    }
}
