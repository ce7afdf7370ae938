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
struct Chains {
    groups: Vec<Group>,
    in_group: bool,
    gap: u8,
    gap_is_dot: bool,
    found: Vec<Finding>,
}

impl Chains {
    /// Reads one character found at byte `offset`.
    fn push(&mut self, c: char, offset: usize) {
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
    fn flush(&mut self) {
        if !self.groups.is_empty() {
            read_chain(&self.groups, &mut self.found);
            self.groups.clear();
        }
        self.in_group = false;
        self.gap = 0;
        self.gap_is_dot = false;
    }

    fn finish(mut self) -> Vec<Finding> {
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
fn skip_idle(text: &[u8], mut i: usize) -> usize {
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
        if chains.groups.is_empty() {
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

/// Inline elements: their tags are invisible to the reader, so text on both
/// sides joins. Every other element starts a new block (a cell, a paragraph).
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
            | "wbr"
    )
}

/// In office XML everything inside a paragraph or a cell is one line of
/// text: only those, and the tables and bodies around them, are blocks.
fn is_office_inline(name: &str) -> bool {
    !matches!(
        name,
        "w:p"
            | "w:tc"
            | "w:tr"
            | "w:tbl"
            | "w:body"
            | "w:document"
            | "w:hdr"
            | "w:ftr"
            | "w:footnote"
            | "w:endnote"
            | "w:comment"
            | "w:txbxcontent"
            | "a:p"
            | "a:tc"
            | "a:tr"
            | "p:sp"
            | "text:p"
            | "text:h"
            | "text:list-item"
            | "table:table-cell"
            | "table:table-row"
    )
}

fn scan_markup(text: &str, inline: fn(&str) -> bool) -> Vec<Finding> {
    let bytes = text.as_bytes();
    let mut chains = Chains::default();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if chains.groups.is_empty() {
            i = skip_idle(bytes, i);
            if i >= bytes.len() {
                break;
            }
        }
        match bytes[i] {
            b'<' => i = read_tag(text, i, &mut chains, &mut found, inline),
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
    found.extend(chains.finish());
    found
}

/// Reads the tag, comment or declaration at `at` (a `<`): inline tags and
/// comments vanish, `<br>` is a line break, other tags end the chain; each
/// attribute value is scanned as text of its own. Returns where text resumes.
fn read_tag(
    text: &str,
    at: usize,
    chains: &mut Chains,
    found: &mut Vec<Finding>,
    inline: fn(&str) -> bool,
) -> usize {
    let rest = &text[at..];
    if rest.starts_with("<!--") {
        return rest.find("-->").map_or(text.len(), |e| at + e + 3);
    }
    let name_start = if rest[1..].starts_with('/') { 2 } else { 1 };
    let name_len = rest.as_bytes()[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
        .count();
    // This runs for every tag of every page: lower-cased on the stack, and
    // only when the name has a capital.
    let mut buf = [0u8; 32];
    let raw = &rest[name_start..name_start + name_len];
    let name: &str = if !raw.bytes().any(|b| b.is_ascii_uppercase()) {
        raw
    } else if name_len <= buf.len() {
        buf[..name_len].copy_from_slice(raw.as_bytes());
        buf[..name_len].make_ascii_lowercase();
        std::str::from_utf8(&buf[..name_len]).unwrap_or("?")
    } else {
        // No element has a name this long: a block, like any unknown one.
        "?"
    };
    if name_len == 0 && !rest[1..].starts_with(['!', '?']) {
        // A lone `<` in text.
        chains.push('<', at);
        return at + 1;
    }
    let end = tag_end(text, at + name_start + name_len);
    scan_attributes(&text[at + name_start + name_len..end], at, found);
    if matches!(name, "br" | "w:br" | "w:cr" | "text:line-break" | "a:br") {
        chains.push('\n', at);
    } else if matches!(name, "w:tab" | "text:tab" | "text:s") {
        chains.push(' ', at);
    } else if !inline(name) {
        chains.flush();
    }
    let after = (end + 1).min(text.len());
    if name_start == 1 && matches!(name, "script" | "style") {
        // Their content is code, not text: skip to the closing tag.
        return closing_tag(text, after, name);
    }
    after
}

/// Where `</name` (in any case) next starts at or after `from`, or the end.
fn closing_tag(text: &str, from: usize, name: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(lt) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + lt;
        let tail = &bytes[at + 1..];
        if tail.first() == Some(&b'/')
            && tail.len() > name.len()
            && tail[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return at;
        }
        i = at + 1;
    }
    text.len()
}

/// The `>` that ends a tag starting before `from`, skipping quoted values.
fn tag_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i,
            _ => {}
        }
    }
    bytes.len()
}

/// Scans each attribute value in `attrs` (the inside of a tag) on its own:
/// entities decoded, and `%31`-style escapes too, as a browser reads a link.
fn scan_attributes(attrs: &str, at: usize, found: &mut Vec<Finding>) {
    if !attrs
        .bytes()
        .any(|b| b.is_ascii_digit() || b == b'&' || b == b'%' || b == 0xEF)
    {
        return;
    }
    let mut rest = attrs;
    while let Some(eq) = rest.find('=') {
        let attr_name = rest[..eq].trim_end();
        let attr_name = attr_name
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or(attr_name);
        let v = rest[eq + 1..].trim_start();
        let (value, after) = match v.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => {
                let end = v[1..].find(q as char).map_or(v.len(), |e| e + 1);
                (&v[1..end.min(v.len())], &v[(end + 1).min(v.len())..])
            }
            _ => {
                let end = v.find(|c: char| c.is_whitespace()).unwrap_or(v.len());
                (&v[..end], &v[end..])
            }
        };
        rest = after;
        // Geometry (an SVG path, a QR code) is numbers no reader reads.
        if GEOMETRY.iter().any(|g| attr_name.eq_ignore_ascii_case(g)) {
            continue;
        }
        // Eleven digits at least, written as they are, or some encoding.
        let plain = !value.bytes().any(|b| b == b'&' || b == b'%' || b >= 0x80);
        if plain && value.bytes().filter(u8::is_ascii_digit).count() < 11 {
            continue;
        }
        let decoded = percent_decode(&decode_entities(value));
        for mut f in find_private_numbers(&decoded) {
            f.offset = at;
            found.push(f);
        }
    }
}

/// Attributes that hold shapes, not text.
const GEOMETRY: &[&str] = &["d", "points", "viewbox", "transform"];

/// Decodes `%XX` escapes where they make valid UTF-8 (a URL as read).
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_string(), |s| s.into_owned())
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text.as_bytes()[i] == b'&' {
            let (c, len) = decode_entity(&text[i..]);
            out.push(c);
            i += len;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The character an entity at the start of `text` stands for, and its length
/// in bytes; an `&` that starts no entity stands for itself.
fn decode_entity(text: &str) -> (char, usize) {
    let Some(end) = text[1..].find(';').filter(|&e| e <= 10).map(|e| e + 1) else {
        return ('&', 1);
    };
    let name = &text[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        code.and_then(char::from_u32)
    } else {
        match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{A0}'),
            "ensp" => Some('\u{2002}'),
            "emsp" => Some('\u{2003}'),
            "thinsp" => Some('\u{2009}'),
            "shy" => Some('\u{AD}'),
            "zwj" => Some('\u{200D}'),
            "zwnj" => Some('\u{200C}'),
            "lrm" => Some('\u{200E}'),
            "rlm" => Some('\u{200F}'),
            "hyphen" | "dash" => Some('‐'),
            "period" => Some('.'),
            "sol" => Some('/'),
            "lpar" => Some('('),
            "rpar" => Some(')'),
            "plus" => Some('+'),
            _ => None,
        }
    };
    match c {
        Some(c) => (c, end + 1),
        None => ('&', 1),
    }
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
