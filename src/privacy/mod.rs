//! Residents' private numbers: finding resident ID numbers and mobile numbers
//! in text however they are typed, and masking names, IDs and phones. Pure
//! functions on text, used by every stage that guards privacy: loading masks
//! table columns and scans the records, writing scans what a reader receives.

mod markup;
mod scan;

pub use scan::{Allowed, TextKind, find_private_numbers, scan_output, scan_output_text};

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

pub(crate) fn is_id_letter(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// `1[3-9]` followed by nine digits.
pub fn is_mobile(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

/// Whether `text` reads as a telephone number a committee publishes: digits
/// (7 to 16 of them) with the separators people write — spaces, hyphens,
/// brackets, a leading `+`, `转` before an extension — and nothing else.
/// A resident ID number is never a phone number, whatever its separators.
pub fn looks_like_phone(text: &str) -> bool {
    let t = text.trim();
    let digits: String = t.chars().filter_map(ascii_digit).collect();
    let allowed = |c: char| {
        ascii_digit(c).is_some()
            || matches!(
                c,
                ' ' | '-' | '－' | '(' | ')' | '（' | '）' | '+' | '＋' | '转' | '/'
            )
    };
    t.chars().all(allowed)
        && (7..=16).contains(&digits.len())
        && !is_resident_id(&digits)
        && !t.chars().any(is_id_letter)
}

/// What a clerk is told about a phone field that is not a phone number.
pub fn phone_problem(text: &str) -> String {
    let digits: String = text.chars().filter_map(ascii_digit).collect();
    let id_shaped =
        is_resident_id(&digits) || (digits.len() == 17 && text.chars().any(is_id_letter));
    if id_shaped {
        "这里写的是身份证号，不是电话号码；身份证号不能公开".into()
    } else {
        format!("“{}”不是电话号码", crate::diagnostic::quote(text))
    }
}

/// What to do about a phone field that is not a phone number.
pub const PHONE_HELP: &str = "只写号码，例如 \"0437-1234567\" 或 \"13912341234\"；这里的号码会公开显示，只能是办公电话或本人同意公开的电话";

/// Eighteen characters with a valid GB 11643 check character, a province
/// code that exists and a birth date that does: what a resident ID number is.
/// (The two plausibility checks keep an 18-digit account or serial number,
/// one in eleven of which passes the check character by chance, from
/// failing a build.)
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
        && is_province(&d[..2])
        && is_birth_date(&d[6..14])
}

/// The first two digits of an ID: a province-level division (GB/T 2260).
fn is_province(code: &str) -> bool {
    matches!(
        code.parse::<u8>().unwrap_or(0),
        11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83 | 91
    )
}

/// `YYYYMMDD` of a birth date between 1900 and 2099 that exists.
fn is_birth_date(text: &str) -> bool {
    let (Ok(y), Ok(m), Ok(day)) = (
        text[..4].parse::<i16>(),
        text[4..6].parse::<i8>(),
        text[6..8].parse::<i8>(),
    ) else {
        return false;
    };
    (1900..=2099).contains(&y) && jiff::civil::Date::new(y, m, day).is_ok()
}

/// Whether a table cell fits the mask its column declares; if not, what is
/// wrong. A value that is not what the mask expects would be masked into
/// something that still shows too much (a mobile under an ID mask keeps ten
/// of its eleven digits) or means nothing.
pub fn fits_mask(kind: MaskShape, value: &str) -> Result<(), &'static str> {
    let v = value.trim();
    let digits: String = v.chars().filter_map(ascii_digit).collect();
    let letters = v.chars().filter(|c| is_id_letter(*c)).count();
    let others = v
        .chars()
        .filter(|c| {
            ascii_digit(*c).is_none() && !is_id_letter(*c) && !c.is_whitespace() && *c != '-'
        })
        .count();
    match kind {
        MaskShape::Id => {
            let ok = others == 0
                && ((digits.len() == 18 && letters == 0)
                    || (digits.len() == 17 && letters == 1)
                    || (digits.len() == 15 && letters == 0));
            if ok {
                Ok(())
            } else {
                Err("不像身份证号（应是18位，最后一位可以是X；或旧式的15位）")
            }
        }
        MaskShape::Phone => {
            if looks_like_phone(v) {
                Ok(())
            } else {
                Err("不像电话号码（应是7到16位数字，可以带“-”或空格）")
            }
        }
        MaskShape::Name => {
            let has_digit = v.chars().any(|c| ascii_digit(c).is_some());
            let len = v.chars().count();
            if has_digit || len == 0 || len > 20 {
                Err("不像姓名（姓名里不能有数字）")
            } else {
                Ok(())
            }
        }
    }
}

/// What a column's `mask:` expects its cells to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaskShape {
    Name,
    Id,
    Phone,
}

/// `王秀兰` → `王*兰`, `张三` → `张*`, `欧阳秀生` → `欧**生`.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".into(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

/// Keeps the first 6 and last 4 characters: `220421********0027`.
pub fn mask_id(id: &str) -> String {
    let chars: Vec<char> = id
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len().max(4));
    }
    let n = chars.len();
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[n - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(n - 10))
}

/// Keeps the first 3 and last 4 digits: `139****1234`.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter_map(ascii_digit).collect();
    if digits.len() < 8 {
        return "*".repeat(digits.len().max(4));
    }
    let n = digits.len();
    let head: String = digits[..3].iter().collect();
    let tail: String = digits[n - 4..].iter().collect();
    format!("{head}****{tail}")
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
    fn phones_are_digits_with_the_usual_separators() {
        for ok in [
            "0437-1234567",
            "13912341234",
            "(0431) 8888 8888",
            "+86 139 1234 1234",
            "0431-88888888转123",
            "０４３７－１２３４５６７",
        ] {
            assert!(looks_like_phone(ok), "{ok}");
        }
        for bad in [
            "110105194912310021",
            "11010519491231002X",
            "12345",
            "0437-1234567<script>",
            "电话0437-1234567",
            "a@b.c",
            "",
        ] {
            assert!(!looks_like_phone(bad), "{bad}");
        }
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

    #[test]
    fn masks_as_the_spec_says() {
        assert_eq!(mask_name("王秀兰"), "王*兰");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳秀生"), "欧**生");
        assert_eq!(mask_id("220421198001010027"), "220421********0027");
        assert_eq!(mask_id("22040219600101123X"), "220402********123X");
        assert_eq!(mask_phone("13912341234"), "139****1234");
        assert_eq!(mask_phone("139 1234 1234"), "139****1234");
    }
}
