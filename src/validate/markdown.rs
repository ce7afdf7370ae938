//! Markdown that nests too deeply is refused before anything renders it: a
//! few kilobytes of `>` or `<div>` would otherwise overflow the stack of the
//! HTML sanitizer and end the process. Real records nest a handful of levels.

use pulldown_cmark::{Event, Parser};

use crate::content::{KindData, Record};
use crate::types::Text;
use crate::validate::Checks;

/// The deepest nesting of quotes, lists, emphasis and HTML elements a
/// Markdown text may have.
pub const MAX_DEPTH: usize = 48;

/// Every Markdown text of a record: the body and the fields shown as Markdown.
pub(crate) fn check_markdown_depth(record: &Record, c: &mut Checks) {
    if depth(&record.body) > MAX_DEPTH {
        let line = record.source.body_line();
        let d = crate::diagnostic::Diagnostic::error(&record.source.path, too_deep())
            .at(Some(line), None)
            .help(HELP);
        c.push(d);
    }
    for (path, text) in markdown_fields(record) {
        if depth(text.as_str()) > MAX_DEPTH {
            c.error(&path, too_deep(), HELP);
        }
    }
}

fn too_deep() -> String {
    format!("正文嵌套得太深（超过 {MAX_DEPTH} 层）：引用 >、列表或 HTML 标签一层套一层")
}

const HELP: &str = "正常的记录只会嵌套几层；检查是否误粘贴了大量 >、缩进或 <div>";

/// The fields rendered as Markdown, with their paths.
fn markdown_fields(record: &Record) -> Vec<(String, &Text)> {
    let mut out = Vec::new();
    for (i, a) in record.common.amendments.iter().enumerate() {
        out.extend(
            a.note
                .as_ref()
                .map(|n| (format!("amendments[{i}].note"), n)),
        );
    }
    match &record.data {
        KindData::Convention(d) => {
            for (ci, ch) in d.chapters.iter().enumerate() {
                for (ai, a) in ch.articles.iter().enumerate() {
                    out.push((format!("chapters[{ci}].articles[{ai}]"), a));
                }
            }
            for (ai, a) in d.articles.iter().enumerate() {
                out.push((format!("articles[{ai}]"), a));
            }
        }
        KindData::Consultation(d) => {
            for (i, a) in d.agenda.iter().enumerate() {
                out.extend(
                    a.discussion
                        .as_ref()
                        .map(|t| (format!("agenda[{i}].discussion"), t)),
                );
                out.extend(
                    a.decision
                        .as_ref()
                        .map(|t| (format!("agenda[{i}].decision"), t)),
                );
            }
            for (i, f) in d.follow_up.iter().enumerate() {
                out.extend(
                    f.result
                        .as_ref()
                        .map(|t| (format!("follow_up[{i}].result"), t)),
                );
            }
        }
        _ => {}
    }
    out
}

/// How deeply `md` nests: Markdown containers and inline spans, plus the HTML
/// elements opened inside raw HTML.
pub fn depth(md: &str) -> usize {
    // Cheap first: text with few nesting characters cannot be deep.
    let markers = md
        .bytes()
        .filter(|b| matches!(b, b'>' | b'<' | b'-' | b'*' | b'+' | b'_' | b' ' | b'['))
        .count();
    if markers <= MAX_DEPTH {
        return 0;
    }
    let (mut depth, mut html, mut deepest) = (0usize, 0usize, 0usize);
    for event in Parser::new_ext(md, pulldown_cmark::Options::all()) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(t) | Event::InlineHtml(t) => html = html_depth(&t, html),
            _ => {}
        }
        deepest = deepest.max(depth + html);
    }
    deepest
}

/// Elements left open after `html`, starting from `open`.
fn html_depth(html: &str, mut open: usize) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let self_closing = rest.find('>').is_some_and(|gt| rest[..gt].ends_with('/'));
        if closing {
            open = open.saturating_sub(1);
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            open += 1;
        }
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_records_are_shallow_and_bombs_are_deep() {
        assert!(depth("## 说明\n\n- 一\n  - 二\n\n> 引用 **重点**\n") < 10);
        assert!(depth(&">".repeat(2000)) > MAX_DEPTH);
        assert!(depth(&"<div>".repeat(2000)) > MAX_DEPTH);
        let list: String = (0..1000)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        assert!(depth(&list) > MAX_DEPTH);
        assert!(depth(&"<br>".repeat(2000)) < MAX_DEPTH);
    }
}
