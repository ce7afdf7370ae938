//! The search index: Pagefind, fed every record page as written (the same
//! masked HTML a reader receives, after the privacy guard passed it). What it
//! writes under `pagefind/` is searched in the browser with no server.
//!
//! Pages are collected while the site renders and indexed in path order, so
//! the same pages always give the same index; when no record page changed
//! since the last build, the index already in the output is kept (Pagefind
//! cannot update an index, and indexing is most of a large site's build).

use std::sync::Mutex;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;

/// Where the index and its scripts go in the output.
pub const DIR: &str = "pagefind";

/// Beside the index: the digest of the pages it was made from, then the
/// names of its files, one a line.
pub const KEY_FILE: &str = "gongkai-index.txt";

/// Parts of a record page that are not what the record says: navigation,
/// buttons, the facts every notice repeats (发布单位, dates), the sign-off
/// and the amounts of ledgers and tables. Searching 监督电话 or 发布单位
/// should not list every record, and nobody looks for 1,150.50.
const NOT_CONTENT: &[&str] = &[
    ".crumbs",
    ".actions",
    ".flags",
    ".facts",
    ".download",
    ".signoff-row",
    ".sheet-foot",
    ".table-note",
    "td.num",
    "nav",
];

/// Pagefind's own files the site does not use: its ready-made interfaces (the
/// theme has a search page of its own) and its highlighter.
const UNUSED: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// A page to index: its site-relative path, the digest of path and HTML,
/// and the HTML.
struct Page {
    rel: String,
    digest: [u8; 32],
    html: String,
}

/// Collects the pages of a build for the index.
pub struct Indexer {
    lang: String,
    pages: Mutex<Vec<Page>>,
}

/// The index's files, by their path inside [`DIR`].
pub type IndexFiles = Vec<(String, Vec<u8>)>;

impl Indexer {
    /// An index of pages written in `lang` (`zh-Hans`, `zh-Hant`).
    pub fn new(lang: &str) -> Indexer {
        Indexer {
            lang: pagefind_language(lang),
            pages: Mutex::new(Vec::new()),
        }
    }

    /// Adds the page at `rel` (e.g. `disclosures/q3/index.html`). Called
    /// from the rendering threads; the digest is worked out there.
    pub fn add(&self, rel: &str, html: &str) {
        let mut h = Sha256::new();
        h.update(rel.as_bytes());
        h.update([0]);
        h.update(html.as_bytes());
        let page = Page {
            rel: rel.to_string(),
            digest: h.finalize().into(),
            html: html.to_string(),
        };
        if let Ok(mut pages) = self.pages.lock() {
            pages.push(page);
        }
    }

    /// The digest of every page added, in path order, and of what decides
    /// how they are indexed: equal keys give equal indexes.
    pub fn key(&self) -> String {
        let mut pages = self
            .pages
            .lock()
            .map(|p| {
                p.iter()
                    .map(|p| (p.rel.clone(), p.digest))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        pages.sort();
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(self.lang.as_bytes());
        for s in NOT_CONTENT {
            h.update(s.as_bytes());
        }
        for (_, digest) in &pages {
            h.update(digest);
        }
        // Written with the letters a to p, one a half byte: a hexadecimal
        // digest has runs of digits the privacy guard would take for a number.
        h.finalize()
            .iter()
            .flat_map(|b| [b >> 4, b & 15])
            .map(|n| char::from(b'a' + n))
            .collect()
    }

    /// Indexes every page added, in path order; returns the files to write.
    pub fn finish(&self) -> Result<IndexFiles, Diagnostic> {
        let mut pages = self
            .pages
            .lock()
            .map(|mut p| std::mem::take(&mut *p))
            .unwrap_or_default();
        pages.sort_by(|a, b| a.rel.cmp(&b.rel));
        index_pages(&self.lang, pages).map_err(|why| {
            Diagnostic::error(DIR, format!("搜索索引没有生成：{why}"))
                .help("这是 gongkai 的问题，请把这条信息报告给维护者")
        })
    }
}

/// The language Pagefind indexes in: `zh-cn` or `zh-tw`. Pagefind splits
/// every `zh-*` language into words.
fn pagefind_language(lang: &str) -> String {
    if lang.to_ascii_lowercase().starts_with("zh-hant") {
        "zh-tw".into()
    } else {
        "zh-cn".into()
    }
}

fn index_pages(lang: &str, pages: Vec<Page>) -> Result<IndexFiles, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    let config = PagefindServiceConfig::builder()
        .keep_index_url(true)
        .force_language(lang.to_string())
        .exclude_selectors(NOT_CONTENT.iter().map(|s| s.to_string()).collect())
        .build();
    let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
    runtime.block_on(async {
        for page in pages {
            index
                .add_html_file(None, Some(page.rel.clone()), page.html)
                .await
                .map_err(|e| format!("{}：{e}", page.rel))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let mut files: IndexFiles = files
            .into_iter()
            .filter_map(|f| {
                let name = f
                    .filename
                    .strip_prefix(DIR)
                    .unwrap_or(&f.filename)
                    .to_string_lossy()
                    .replace('\\', "/");
                let name = name.trim_start_matches('/').to_string();
                (!UNUSED.contains(&name.as_str())).then_some((name, f.contents))
            })
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(files)
    })
}

/// The key file's text for an index made from pages with `key`.
pub fn key_file(key: &str, files: &IndexFiles) -> String {
    let mut text = format!("{key}\n");
    for (name, _) in files {
        text.push_str(name);
        text.push('\n');
    }
    text
}

/// The files of the index at `dir` when it was made from pages with `key`
/// and every one of them is still there.
pub fn unchanged_index(dir: &std::path::Path, key: &str) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(dir.join(KEY_FILE)).ok()?;
    let mut lines = text.lines();
    if lines.next()? != key {
        return None;
    }
    let names: Vec<String> = lines.map(str::to_string).collect();
    names.iter().all(|n| dir.join(n).is_file()).then_some(names)
}
