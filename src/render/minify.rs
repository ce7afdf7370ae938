//! Minification with minify-html, done where it is cheap: every template once,
//! when the theme loads (its `{{ }}` and `{% %}` passed through untouched), and
//! every record's Markdown once, when its view is built. Finished pages are
//! then minified by construction; minifying 20,000 finished pages instead cost
//! as much as the rest of a build put together.

use std::sync::LazyLock;

/// Closing tags are kept: a template's `</li>` may be followed by `{% endfor %}`
/// and a fragment's `</p>` by whatever the template puts after it, which the
/// minifier cannot see when it decides whether a tag may be left out.
fn base_cfg() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    cfg
}

static TEMPLATE_CFG: LazyLock<minify_html::Cfg> = LazyLock::new(|| {
    let mut cfg = base_cfg();
    cfg.preserve_brace_template_syntax = true;
    cfg
});

static FRAGMENT_CFG: LazyLock<minify_html::Cfg> = LazyLock::new(base_cfg);

/// A template's HTML minified, its template syntax kept byte for byte.
pub fn minify_template(source: &str) -> String {
    String::from_utf8_lossy(&minify_html::minify(source.as_bytes(), &TEMPLATE_CFG)).into_owned()
}

/// A piece of HTML (rendered Markdown) minified for insertion into a page.
pub fn minify_fragment(html: &str) -> String {
    if html.is_empty() {
        return String::new();
    }
    String::from_utf8_lossy(&minify_html::minify(html.as_bytes(), &FRAGMENT_CFG)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_keep_their_syntax_and_lose_their_indentation() {
        let t = "<ul>\n  {%- for x in xs %}\n  <li class=\"a {% if x %}b{% endif %}\">{{ x.name }}</li>\n  {%- endfor %}\n</ul>\n";
        assert_eq!(
            minify_template(t),
            // The space before <li> is the template's own whitespace, collapsed: in
            // a list it renders as nothing, and the template may trim it with `-%}`.
            "<ul>{%- for x in xs %} <li class=\"a {% if x %}b{% endif %}\">{{ x.name }}</li>{%- endfor %}</ul>"
        );
    }

    #[test]
    fn fragments_keep_closing_tags_and_chinese_text() {
        let h = "<p>村委会决定，\n对道路进行维修。</p>\n<ul>\n<li>一组</li>\n</ul>\n";
        assert_eq!(
            minify_fragment(h),
            "<p>村委会决定， 对道路进行维修。</p><ul><li>一组</li></ul>"
        );
    }
}
