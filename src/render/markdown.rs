//! Markdown to safe HTML: tables, footnotes, strikethrough, task lists and
//! heading ids; no stray spaces where a line break falls between Chinese
//! characters; only safe link schemes; raw HTML sanitized.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::content::slug::slugify;
use crate::render::minify::minify_fragment;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a record body. Headings move down so the topmost is `h2` (the page
/// title is the only `h1`) and get ids for linking. Every fragment passes
/// through the sanitizer, raw HTML in the source or not: Markdown's own
/// syntax (heading attributes, link targets) can carry markup too.
pub fn render_markdown(md: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(md, options()).collect();
    let events = join_cjk_breaks(events);
    let events = number_headings(events);
    let events = events.into_iter().map(safe_link);
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events);
    let out = align_by_class(out);
    minify_fragment(&sanitize(&out))
}

/// Splits rendered HTML before its last top-level element, so a sheet can
/// keep that element on the same page as its sign-off. HTML written by the
/// sanitizer is well formed, which is all this relies on.
pub fn split_last_block(html: &str) -> (&str, &str) {
    const VOID: &[&str] = &[
        "area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut last_start, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let closing = bytes.get(i + 1) == Some(&b'/');
        let name: String = html[i + 1 + usize::from(closing)..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let end = html[i..].find('>').map_or(bytes.len(), |e| i + e + 1);
        if closing {
            depth = depth.saturating_sub(1);
        } else if !name.is_empty() {
            if depth == 0 {
                last_start = i;
            }
            if !VOID.contains(&name.as_str()) && !html[i..end].ends_with("/>") {
                depth += 1;
            }
        }
        i = end;
    }
    html.split_at(last_start)
}

/// Table column alignment as a class (`ta-r`) instead of a `style` attribute:
/// the theme styles it, and no per-cell CSS has to be parsed when minifying.
fn align_by_class(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    html.replace(" style=\"text-align: left\"", " class=\"ta-l\"")
        .replace(" style=\"text-align: center\"", " class=\"ta-c\"")
        .replace(" style=\"text-align: right\"", " class=\"ta-r\"")
}

/// Renders a short text field (a decision, an article, a note) as inline
/// Markdown: one paragraph loses its `<p>`, several keep theirs.
pub fn render_inline(text: &str) -> String {
    let text = join_cjk_spaces(text.trim());
    let html = render_markdown(&text);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// Characters typeset without spaces between them: Han, kana, full-width forms, CJK punctuation.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31BF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x2FA1F)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

fn is_wide_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

/// Removes single spaces YAML folding put between two wide characters.
pub fn join_cjk_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' '
            && i > 0
            && i + 1 < chars.len()
            && is_wide(chars[i - 1])
            && is_wide(chars[i + 1])
        {
            continue;
        }
        out.push(c);
    }
    out
}

/// A soft line break between Chinese characters is no space at all.
fn join_cjk_breaks(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        if matches!(e, Event::SoftBreak) {
            let prev = last_char_before(&out);
            let next = first_char_after(&events[i + 1..]);
            let drop = match (prev, next) {
                (Some(p), _) if is_wide_punct(p) => true,
                (Some(p), Some(n)) => is_wide(p) && is_wide(n),
                _ => false,
            };
            if drop {
                continue;
            }
        }
        out.push(e.clone());
    }
    out
}

fn last_char_before(events: &[Event]) -> Option<char> {
    events.iter().rev().find_map(|e| match e {
        Event::Text(t) | Event::Code(t) => t.chars().last(),
        Event::Start(_) | Event::End(_) => None,
        _ => Some(' '),
    })
}

fn first_char_after(events: &[Event]) -> Option<char> {
    events.iter().find_map(|e| match e {
        Event::Text(t) | Event::Code(t) => t.chars().next(),
        Event::Start(_) | Event::End(_) => None,
        _ => Some(' '),
    })
}

/// Shifts headings down one level and gives each a unique id from its text.
fn number_headings(events: Vec<Event>) -> Vec<Event> {
    let mut used: HashSet<String> = HashSet::new();
    let by = heading_shift(&events);
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading {
            level, id, classes, ..
        }) = &events[i]
        else {
            if let Event::End(TagEnd::Heading(level)) = &events[i] {
                out.push(Event::End(TagEnd::Heading(lower(*level, by))));
            } else {
                out.push(events[i].clone());
            }
            i += 1;
            continue;
        };
        let text: String = events[i + 1..]
            .iter()
            .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let base = match id {
            Some(given) => slugify(given),
            None => slugify(&text),
        };
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            format!("h-{base}")
        };
        let mut unique = base.clone();
        let mut n = 1;
        while !used.insert(unique.clone()) {
            n += 1;
            unique = format!("{base}-{n}");
        }
        out.push(Event::Start(Tag::Heading {
            level: lower(*level, by),
            id: Some(CowStr::from(unique)),
            classes: classes.clone(),
            // `{key=value}` attributes are dropped: only the id (made here)
            // and classes (kept by the sanitizer) come from heading syntax.
            attrs: Vec::new(),
        }));
        i += 1;
    }
    out
}

/// Moves a heading down by `by` levels, never past `h6`.
fn lower(level: HeadingLevel, by: usize) -> HeadingLevel {
    HeadingLevel::try_from((level as usize + by).min(6)).unwrap_or(HeadingLevel::H6)
}

/// How far the body's headings move so the topmost becomes `h2`: `#` and `##`
/// written as the first level both read as sections under the page's `h1`.
fn heading_shift(events: &[Event]) -> usize {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    2usize.saturating_sub(top)
}

/// Whether a link target is safe: relative, or http(s), mailto, tel.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = cleaned.find(':');
    let path_start = cleaned.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(colon), Some(p)) if p < colon => true,
        (Some(colon), _) => ["http", "https", "mailto", "tel"].contains(&&cleaned[..colon]),
        (None, _) => true,
    }
}

fn safe_link(e: Event) -> Event {
    match e {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !is_safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if !is_safe_url(&dest_url) || dest_url.starts_with("mailto") => {
            Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::from(""),
                title,
                id,
            })
        }
        other => other,
    }
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_generic_attributes(["id", "class"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("input", "type") => (value == "checkbox").then_some(value.into()),
            _ => Some(value.into()),
        });
    b
});

/// Keeps what Markdown produces and harmless HTML; drops scripts, handlers,
/// styles, frames and unsafe URLs.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_breaks_between_chinese_leave_no_space() {
        assert_eq!(
            render_markdown("村委会决定\n对道路进行维修。\n"),
            "<p>村委会决定对道路进行维修。</p>"
        );
        assert_eq!(
            render_markdown("经讨论，\nRoad 修好了\n"),
            "<p>经讨论，Road 修好了</p>"
        );
        assert_eq!(
            render_markdown("共 3 项\nplus more\n"),
            "<p>共 3 项 plus more</p>"
        );
        assert_eq!(
            render_markdown("完成**维修**\n工作\n"),
            "<p>完成<strong>维修</strong>工作</p>"
        );
    }

    #[test]
    fn headings_shift_down_and_get_ids() {
        let h = render_markdown("# 资金来源\n\n## 资金来源\n");
        assert_eq!(
            h,
            "<h2 id=h-zi-jin-lai-yuan>资金来源</h2><h3 id=h-zi-jin-lai-yuan-2>资金来源</h3>"
        );
        // A body that starts at `##` keeps it: sections are h2 under the page title.
        let h = render_markdown("## 说明\n\n### 细则\n");
        assert_eq!(h, "<h2 id=h-shuo-ming>说明</h2><h3 id=h-xi-ze>细则</h3>");
    }

    #[test]
    fn unsafe_links_and_html_are_neutralised() {
        let h = render_markdown("[点](javascript:alert(1)) [x](JaVa\tScRiPt:alert(1))");
        assert!(!h.to_lowercase().contains("javascript"), "{h}");
        let h = render_markdown(
            "<script>alert(1)</script><img src=x onerror=alert(1)>\n\n| a |\n|---|\n| b |\n",
        );
        assert!(!h.contains("<script") && !h.contains("onerror"), "{h}");
        assert!(h.contains("<table>"), "{h}");
        let h = render_markdown("- [x] 已完成\n\n注[^1]\n\n[^1]: 说明\n\n<b>粗</b>\n");
        assert!(
            h.contains("type=checkbox") && h.contains("footnote") && h.contains("<b>粗</b>"),
            "{h}"
        );
    }

    #[test]
    fn the_last_block_splits_off() {
        let html = render_markdown("第一段。\n\n- 一\n- 二\n\n最后一段。\n");
        let (head, tail) = split_last_block(&html);
        assert_eq!(tail, "<p>最后一段。</p>");
        assert!(head.ends_with("</ul>"), "{head}");
        assert_eq!(split_last_block(""), ("", ""));
    }

    #[test]
    fn heading_attributes_carry_no_handlers() {
        let h = render_markdown("## 说明 {#x .note tabindex=0 autofocus onfocus=alert(1)}\n");
        assert_eq!(h, "<h2 class=note id=h-x>说明</h2>");
    }

    #[test]
    fn inline_fields_lose_the_paragraph() {
        assert_eq!(render_inline("同意 **实施**"), "同意 <strong>实施</strong>");
        assert_eq!(
            render_inline("居民代表认为 应当尽快实施"),
            "居民代表认为应当尽快实施"
        );
    }
}
