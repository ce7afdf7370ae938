//! Where a Chinese title may break: between words. Titles are segmented into
//! words (jieba's dictionary) and the breaks marked with `<wbr>`; the theme
//! sets titles with `word-break: keep-all`, so a line breaks only there and a
//! two-character word such as 名单 or 公示 is never split across lines.

use std::sync::LazyLock;

use jieba_rs::Jieba;

/// The dictionary takes a moment to load (about 0.15 s); [`warm_up`] starts
/// it on a thread of its own while the records are read.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Loads the dictionary in the background; rendering waits for it only if it
/// gets there first.
pub fn warm_up() {
    std::thread::spawn(|| LazyLock::force(&JIEBA));
}

/// `text` as HTML, escaped, with `<wbr>` between its words.
pub fn with_word_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let words = JIEBA.cut(text, false);
    for (i, word) in words.iter().enumerate() {
        let wide = word
            .chars()
            .next()
            .is_some_and(crate::render::markdown::is_wide);
        let after_wide = i > 0
            && words[i - 1]
                .chars()
                .last()
                .is_some_and(crate::render::markdown::is_wide);
        if i > 0 && (wide || after_wide) {
            out.push_str("<wbr>");
        }
        push_escaped(&mut out, word);
    }
    out
}

/// `text` escaped for HTML text or a quoted attribute value.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_fall_between_words_only() {
        assert_eq!(
            with_word_breaks("2026年11月低保对象名单公示"),
            "2026<wbr>年<wbr>11<wbr>月<wbr>低保<wbr>对象<wbr>名单<wbr>公示"
        );
        assert_eq!(
            with_word_breaks("<b>路灯</b>"),
            "&lt;b&gt;<wbr>路灯<wbr>&lt;/b&gt;"
        );
    }
}
