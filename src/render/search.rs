//! The search index: Pagefind, fed each record page as it is rendered (the
//! same masked HTML a reader receives, after the privacy guard passed it), on
//! a thread of its own so indexing runs beside rendering. What it writes under
//! `pagefind/` is searched in the browser with no server.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::diagnostic::Diagnostic;

/// Where the index and its scripts go in the output.
pub const DIR: &str = "pagefind";

/// Parts of a record page that are not the record: navigation, buttons and
/// the sign-off every notice repeats. Searching 监督电话 should not list every
/// record.
const NOT_CONTENT: &[&str] = &[
    ".crumbs",
    ".actions",
    ".flags",
    ".download",
    ".signoff-row",
    ".sheet-foot",
    ".table-note",
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

/// A page to index: its site-relative path and its HTML.
type Page = (String, String);

/// Indexes pages sent to it on a thread of its own.
pub struct Indexer {
    pages: Mutex<Option<SyncSender<Page>>>,
    worker: Mutex<Option<JoinHandle<Result<Vec<(String, Vec<u8>)>, String>>>>,
}

impl Indexer {
    /// Starts indexing pages written in `lang` (`zh-Hans`, `zh-Hant`).
    pub fn start(lang: &str) -> Indexer {
        // A few pages queue while the index catches up; rendering waits
        // beyond that, so memory does not grow with the site.
        let (tx, rx) = sync_channel::<Page>(64);
        let lang = pagefind_language(lang);
        let worker = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || index_pages(&lang, rx))
            .expect("start the search index thread");
        Indexer {
            pages: Mutex::new(Some(tx)),
            worker: Mutex::new(Some(worker)),
        }
    }

    /// Adds the page at `rel` (e.g. `disclosures/q3/index.html`).
    pub fn add(&self, rel: &str, html: &str) {
        let tx = self.pages.lock().ok().and_then(|t| t.clone());
        if let Some(tx) = tx {
            // A send fails only when the thread has stopped with an error,
            // which `finish` reports.
            let _ = tx.send((rel.to_string(), html.to_string()));
        }
    }

    /// Waits for every page sent to be indexed; returns the files to write
    /// under [`DIR`], by their path inside it.
    pub fn finish(&self) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        drop(self.pages.lock().ok().and_then(|mut t| t.take()));
        let worker = self.worker.lock().ok().and_then(|mut w| w.take());
        let failed = |why: String| {
            Diagnostic::error(DIR, format!("搜索索引没有生成：{why}"))
                .help("这是 gongkai 的问题，请把这条信息报告给维护者")
        };
        match worker.map(|w| w.join()) {
            Some(Ok(Ok(files))) => Ok(files),
            Some(Ok(Err(why))) => Err(failed(why)),
            Some(Err(_)) => Err(failed("建索引的线程意外中止".into())),
            None => Err(failed("索引已经生成过".into())),
        }
    }
}

/// The language Pagefind indexes in: `zh-cn` or `zh-tw`. Pagefind segments
/// every `zh-*` language into words, so two-character words such as 低保 are
/// found.
fn pagefind_language(lang: &str) -> String {
    if lang.eq_ignore_ascii_case("zh-Hant") || lang.to_ascii_lowercase().starts_with("zh-hant") {
        "zh-tw".into()
    } else {
        "zh-cn".into()
    }
}

fn index_pages(lang: &str, pages: Receiver<Page>) -> Result<Vec<(String, Vec<u8>)>, String> {
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
        for (rel, html) in pages {
            index
                .add_html_file(None, Some(rel.clone()), html)
                .await
                .map_err(|e| format!("{rel}：{e}"))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
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
            .collect())
    })
}
