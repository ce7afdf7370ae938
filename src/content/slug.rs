//! URL names: taken from `slug:` or derived from the file name, pinyin for Chinese.

use pinyin::ToPinyin;

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
    fn validates_slugs() {
        assert!(is_valid_slug("q3-finance"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug("Q3"));
        assert!(!is_valid_slug("../etc"));
        assert!(!is_valid_slug(""));
    }
}
