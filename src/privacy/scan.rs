//! Finding private numbers in text however they are disguised, and in what a
//! reader receives: the text of a page after its markup is removed and its
//! entities decoded, every attribute value, JSON strings, plain files.
//!
//! Digits are read in *chains*: groups of digits joined by gaps of at most
//! [`MAX_GAP`] separator characters (spaces of any width, line breaks, tabs,
//! hyphens, dots, slashes, brackets, `+`). Invisible characters (zero-width
//! spaces, soft hyphens, word joiners) are not there at all, and inline markup
//! (`<b>`, `<code>`, comments, empty elements) is not either, so
//! `138<!-- -->1234**5678**` reads as one number. Anything else — a letter, a
//! Chinese character, a table cell or paragraph boundary — ends a chain. Every
//! run of whole groups inside a chain is then checked as a number, after a
//! `0`, `86` or `0086` prefix.
//!
//! The scanner looks at each byte once; outside a chain it skips ahead to the
//! next byte that could start one (a digit, `&`, `<`, or a full-width form),
//! which keeps scanning every page of a large site cheap.

use std::collections::HashSet;

use super::markup::{decode_entity, is_inline, is_office_inline, percent_decode, scan_markup};
use super::{Finding, NumberKind, ascii_digit, is_id_letter, is_mobile, is_resident_id};

/// The longest run of separators inside one number: `138 - 1234`.
const MAX_GAP: u8 = 3;
/// The most digits one group keeps; longer runs are account numbers and the like.
const MAX_GROUP: usize = 20;

/// Numbers the site may show: its declared public phones, as digits.
#[derive(Debug, Clone, Default)]
pub struct Allowed(HashSet<String>);

impl Allowed {
    pub fn new<'a>(phones: impl IntoIterator<Item = &'a str>) -> Allowed {
        Allowed(
            phones
                .into_iter()
                .map(|p| p.chars().filter_map(ascii_digit).collect::<String>())
                .filter(|d| !d.is_empty())
                .collect(),
        )
    }

    /// A finding is allowed when it is a declared number, or that number
    /// with a trunk or country prefix the finder removed.
    pub fn allows(&self, f: &Finding) -> bool {
        f.kind == NumberKind::Mobile
            && self.0.iter().any(|a| {
                *a == f.digits || (a.ends_with(&f.digits) && a.len() <= f.digits.len() + 4)
            })
    }
}

/// How a file's bytes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// HTML, XML, SVG: text without markup, plus every attribute value.
    Markup,
    /// The XML inside a Word, PowerPoint or OpenDocument file: a paragraph
    /// or table cell is a block; the runs inside one join into its text.
    Office,
    /// JSON: the strings, with their escapes decoded.
    Json,
    /// Anything else that is text: read as written.
    Plain,
}

impl TextKind {
    /// The kind of an output file by its name, or `None` for binary files.
    pub fn of_path(path: &str) -> Option<TextKind> {
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        match ext.to_ascii_lowercase().as_str() {
            "html" | "htm" | "xml" | "svg" | "xhtml" => Some(TextKind::Markup),
            "json" | "geojson" => Some(TextKind::Json),
            "txt" | "csv" | "tsv" | "md" | "markdown" | "yaml" | "yml" | "css" | "js" | "ics"
            | "vcf" => Some(TextKind::Plain),
            _ => None,
        }
    }
}

/// Every resident ID number and mobile number in plain `text`.
pub fn find_private_numbers(text: &str) -> Vec<Finding> {
    let mut chains = Chains::default();
    for (i, c) in text.char_indices() {
        chains.push(c, i);
    }
    chains.finish()
}

/// Every private number in an output file's bytes read as `kind`, and in the
/// file's own path (a slug made from a file name can carry one too). Found
/// numbers the site declares public are left out.
pub fn scan_output(path: &str, bytes: &[u8], kind: TextKind, allowed: &Allowed) -> Vec<Finding> {
    scan_output_text(path, &String::from_utf8_lossy(bytes), kind, allowed)
}

/// [`scan_output`] of text already known to be UTF-8 (a rendered page).
pub fn scan_output_text(path: &str, text: &str, kind: TextKind, allowed: &Allowed) -> Vec<Finding> {
    let mut found = find_private_numbers(&percent_decode(path));
    match kind {
        TextKind::Markup => found.extend(scan_markup(text, is_inline)),
        TextKind::Office => found.extend(scan_markup(text, is_office_inline)),
        TextKind::Json => found.extend(scan_json(text)),
        TextKind::Plain => found.extend(scan_plain(text)),
    }
    found.retain(|f| !allowed.allows(f));
    let mut seen = HashSet::new();
    found.retain(|f| seen.insert(f.digits.clone()));
    found
}

/// One run of digits (and an ID's closing `X`).
#[derive(Debug, Clone, Copy)]
struct Group {
    start: usize,
    digits: [u8; MAX_GROUP],
    len: u8,
    /// Longer than [`MAX_GROUP`] digits: no number is read through it.
    overflow: bool,
    /// Ends in the letter X (an ID's check character).
    x: bool,
    /// Came after a single `.`: a decimal fraction, never a number's tail.
    after_dot: bool,
}

impl Group {
    fn digits(&self) -> &[u8] {
        &self.digits[..self.len as usize]
    }
}

/// The chain being read and the numbers found so far.
#[derive(Debug, Default)]
pub(super) struct Chains {
    groups: Vec<Group>,
    in_group: bool,
    gap: u8,
    gap_is_dot: bool,
    found: Vec<Finding>,
}

impl Chains {
    /// No chain is being read: text up to the next digit can be skipped.
    pub(super) fn is_idle(&self) -> bool {
        self.groups.is_empty()
    }

    /// Reads one character found at byte `offset`.
    pub(super) fn push(&mut self, c: char, offset: usize) {
        if let Some(d) = ascii_digit(c) {
            self.digit(d as u8, offset);
        } else if is_invisible(c) {
        } else if is_id_letter(c)
            && !self.groups.is_empty()
            && self.groups.last().is_some_and(|g| !g.x)
        {
            // The check letter, right after the digits or after a gap.
            if let Some(g) = self.groups.last_mut() {
                g.x = true;
            }
            self.in_group = false;
            self.gap = 0;
            self.gap_is_dot = false;
        } else if is_gap(c) {
            if self.groups.is_empty() {
                return;
            }
            self.in_group = false;
            self.gap += 1;
            self.gap_is_dot = self.gap == 1 && matches!(c, '.' | '．');
            if self.gap > MAX_GAP {
                self.flush();
            }
        } else {
            self.flush();
        }
    }

    fn digit(&mut self, d: u8, offset: usize) {
        if !self.in_group {
            if self.groups.last().is_some_and(|g| g.x) {
                // Digits right after an ID's X start a new chain.
                self.flush();
            }
            self.groups.push(Group {
                start: offset,
                digits: [0; MAX_GROUP],
                len: 0,
                overflow: false,
                x: false,
                after_dot: self.gap_is_dot,
            });
            self.in_group = true;
            self.gap = 0;
            self.gap_is_dot = false;
        }
        let g = self.groups.last_mut().expect("a group was just opened");
        if (g.len as usize) < MAX_GROUP {
            g.digits[g.len as usize] = d;
            g.len += 1;
        } else {
            g.overflow = true;
        }
    }

    /// A boundary no number crosses: a paragraph, a table cell, a letter.
    pub(super) fn flush(&mut self) {
        if !self.groups.is_empty() {
            read_chain(&self.groups, &mut self.found);
            self.groups.clear();
        }
        self.in_group = false;
        self.gap = 0;
        self.gap_is_dot = false;
    }

    pub(super) fn finish(mut self) -> Vec<Finding> {
        self.flush();
        self.found
    }
}

/// Checks every run of whole groups in a chain as a number.
fn read_chain(groups: &[Group], found: &mut Vec<Finding>) {
    let before = found.len();
    let mut joined = [0u8; 24];
    for i in 0..groups.len() {
        let mut len = 0;
        for (j, g) in groups.iter().enumerate().skip(i) {
            if g.overflow || len + g.digits().len() > joined.len() {
                break;
            }
            joined[len..len + g.digits().len()].copy_from_slice(g.digits());
            len += g.digits().len();
            // `138.12`: a decimal fraction ends an amount, not a number.
            let fraction = j > i && g.after_dot && g.digits().len() <= 2 && !g.x;
            if fraction {
                continue;
            }
            let digits = std::str::from_utf8(&joined[..len]).unwrap_or("");
            if let Some((kind, number)) = classify(digits, g.x)
                && !found[before..].iter().any(|f| f.digits == number)
            {
                found.push(Finding {
                    kind,
                    offset: groups[i].start,
                    digits: number,
                });
            }
            if g.x {
                break;
            }
        }
    }
}

/// A mobile (after a `0`, `86` or `0086` prefix) or a resident ID number.
fn classify(digits: &str, x: bool) -> Option<(NumberKind, String)> {
    if x {
        let id = format!("{digits}X");
        return is_resident_id(&id).then_some((NumberKind::ResidentId, id));
    }
    for prefix in ["", "0", "86", "086", "0086"] {
        if let Some(rest) = digits.strip_prefix(prefix)
            && is_mobile(rest)
        {
            return Some((NumberKind::Mobile, rest.to_string()));
        }
    }
    is_resident_id(digits).then(|| (NumberKind::ResidentId, digits.to_string()))
}

/// Characters people put inside a number, of any width.
fn is_gap(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '‐'
                | '‑'
                | '‒'
                | '–'
                | '—'
                | '－'
                | '_'
                | '.'
                | '．'
                | '/'
                | '／'
                | '('
                | ')'
                | '（'
                | '）'
                | '+'
                | '＋'
                | '~'
                | '·'
        )
}

/// Characters a reader never sees.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// Bytes that may begin something the scanner must read: a digit, an entity,
/// a tag, or (0xEF) a full-width digit or letter; 0xC2, 0xE1–0xE3 begin
/// invisible characters and wide spaces, which matter only inside a chain.
fn starts_something(b: u8) -> bool {
    b.is_ascii_digit() || b == b'&' || b == b'<' || b == 0xEF
}

/// Text in `text` from byte `i` up to the next byte that matters while no
/// chain is open; returns where to continue.
pub(super) fn skip_idle(text: &[u8], mut i: usize) -> usize {
    while i < text.len() && !starts_something(text[i]) {
        i += 1;
    }
    i
}

fn scan_plain(text: &str) -> Vec<Finding> {
    let bytes = text.as_bytes();
    let mut chains = Chains::default();
    let mut i = 0;
    while i < bytes.len() {
        if chains.is_idle() {
            i = skip_idle(bytes, i);
            if i >= bytes.len() {
                break;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        chains.push(c, i);
        i += c.len_utf8();
    }
    chains.finish()
}

fn scan_json(text: &str) -> Vec<Finding> {
    let bytes = text.as_bytes();
    let mut chains = Chains::default();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !in_string {
            if b == b'"' {
                in_string = true;
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                chains.flush();
                in_string = false;
                i += 1;
            }
            b'\\' => {
                let (c, len) = json_escape(&text[i..]);
                chains.push(c, i);
                i += len;
            }
            b'&' => {
                let (c, len) = decode_entity(&text[i..]);
                chains.push(c, i);
                i += len;
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                chains.push(c, i);
                i += c.len_utf8();
            }
        }
    }
    chains.finish()
}

/// The character a JSON escape at the start of `text` stands for, and its length.
fn json_escape(text: &str) -> (char, usize) {
    match text.as_bytes().get(1) {
        Some(b'n') => ('\n', 2),
        Some(b't') => ('\t', 2),
        Some(b'r') => ('\r', 2),
        Some(b'u') if text.len() >= 6 => {
            let c = u32::from_str_radix(&text[2..6], 16)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            (c, 6)
        }
        Some(&b) => (b as char, 2),
        None => ('\\', 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(found: Vec<Finding>) -> Vec<String> {
        found.into_iter().map(|f| f.digits).collect()
    }

    fn markup(html: &str) -> Vec<String> {
        digits(scan_output(
            "x.html",
            html.as_bytes(),
            TextKind::Markup,
            &Allowed::default(),
        ))
    }

    const M: &str = "13812345678";
    const ID: &str = "11010519491231002X";

    #[test]
    fn disguises_in_plain_text_are_seen_through() {
        for text in [
            "13812345678",
            "１３８１２３４５６７８",
            "138 1234 5678",
            "138  1234  5678",
            "138\t1234\t5678",
            "138\n1234\n5678",
            "138\u{2009}1234\u{202F}5678",
            "138.1234.5678",
            "138/1234/5678",
            "(138)1234-5678",
            "+86 138 1234 5678",
            "0086-138-1234-5678",
            "013812345678",
            "138\u{200B}1234\u{00AD}56\u{2060}78",
            "电话：138-1234-5678。",
        ] {
            assert_eq!(digits(find_private_numbers(text)), vec![M], "{text:?}");
        }
        for text in [
            "11010519491231002X",
            "110105 19491231 002X",
            "110105-1949-1231-002x",
            "１１０１０５１９４９１２３１００２Ｘ",
            "110105\u{200B}19491231002X",
        ] {
            assert_eq!(digits(find_private_numbers(text)), vec![ID], "{text:?}");
        }
    }

    #[test]
    fn markup_a_reader_never_sees_hides_nothing() {
        for html in [
            "<p>138<!-- -->12345678</p>",
            "<p>138<b>1234</b>5678</p>",
            "<p>138<code>1234</code><span></span>5678</p>",
            "<p>&#49;3812345678</p>",
            "<p>&#x31;38&nbsp;1234&nbsp;5678</p>",
            "<p>138<br>1234<br>5678</p>",
            "<a href=\"tel:&#49;3812345678\">电话</a>",
            "<a href=\"tel:%31%33%38%31%32%33%34%35%36%37%38\">电话</a>",
            "<img alt=\"138 1234 5678\" src=x>",
            "<h2 id=\"h-13812345678\">标题</h2>",
        ] {
            assert_eq!(markup(html), vec![M], "{html}");
        }
        assert_eq!(
            digits(scan_output(
                "disclosures/13812345678/index.html",
                b"",
                TextKind::Markup,
                &Allowed::default()
            )),
            vec![M]
        );
        let json = br#"{"body": "\u0031\u0033\u0038 1234\n5678"}"#;
        assert_eq!(
            digits(scan_output(
                "x.json",
                json,
                TextKind::Json,
                &Allowed::default()
            )),
            vec![M]
        );
    }

    #[test]
    fn figures_dates_cells_and_masks_are_not_numbers() {
        for html in [
            "<td>1</td><td>35</td><td>12</td><td>3456.78</td>",
            "<p>合计 13,812,345.67 元</p>",
            "<p>金额 138123456.78 元</p>",
            "<p>2026-11-06 至 2026-11-20，共138户 12345678元</p>",
            "<p>账号 6222021381234567890</p>",
            "<td>220402********0027</td><td>138****5678</td>",
            "<p>监督电话 0437-1234567</p>",
            "<p>编号 220421195803125121</p>",
            "<svg><path d=\"M4 4.5h7m2 0h1m13 81\"/></svg>",
        ] {
            assert!(markup(html).is_empty(), "{html}: {:?}", markup(html));
        }
    }

    #[test]
    fn declared_public_numbers_pass() {
        let allowed = Allowed::new(["0437-1234567", "139 1111 2222"]);
        let found = scan_output(
            "x.html",
            "<p>会计 13911112222</p>".as_bytes(),
            TextKind::Markup,
            &allowed,
        );
        assert!(found.is_empty(), "{found:?}");
        let found = scan_output(
            "x.html",
            "<p>13811112222</p>".as_bytes(),
            TextKind::Markup,
            &allowed,
        );
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_word_paragraph_reads_as_one_line_its_runs_joined() {
        let office = |xml: &str| {
            digits(scan_output(
                "x.docx",
                xml.as_bytes(),
                TextKind::Office,
                &Allowed::default(),
            ))
        };
        let runs = "<w:p><w:r><w:t>电话138</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">1234</w:t></w:r><w:r><w:t>5678</w:t></w:r></w:p>";
        assert_eq!(office(runs), vec![M]);
        let cells = "<w:tr><w:tc><w:p><w:r><w:t>138</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12345678</w:t></w:r></w:p></w:tc></w:tr>";
        assert!(office(cells).is_empty(), "two cells are two numbers");
        let odt = "<text:p>电话<text:span>138</text:span><text:s/>1234<text:s/>5678</text:p>";
        assert_eq!(office(odt), vec![M]);
    }
}
