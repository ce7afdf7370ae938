//! Private numbers in markup: HTML pages and the XML inside office files.
//! Tags the reader never sees join the text around them; block tags end a
//! number; every attribute value and entity is read as the text it stands for.

use super::scan::{Chains, skip_idle};
use crate::privacy::{Finding, find_private_numbers};

/// Inline elements: their tags are invisible to the reader, so text on both
/// sides joins. Every other element starts a new block (a cell, a paragraph).
pub(super) fn is_inline(name: &str) -> bool {
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
pub(super) fn is_office_inline(name: &str) -> bool {
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

pub(super) fn scan_markup(text: &str, inline: fn(&str) -> bool) -> Vec<Finding> {
    let bytes = text.as_bytes();
    let mut chains = Chains::default();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if chains.is_idle() {
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
pub(super) fn percent_decode(text: &str) -> String {
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
pub(super) fn decode_entity(text: &str) -> (char, usize) {
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
