//! The writer every rendered file goes through: it counts what was written
//! and guards what a reader will receive. Each file's bytes are scanned for
//! private numbers (after markup, entities and invisible characters are
//! seen through) in memory before they are written, on the thread that
//! rendered them, so the scan runs in parallel with rendering.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use tera::{Context, Tera};

use crate::diagnostic::Diagnostic;
use crate::fsutil;
use crate::output::Staging;
use crate::privacy::{Allowed, Finding, TextKind, scan_output, scan_output_text};
use crate::render::documents;

/// What a build wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub records: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    /// Files written because they were new or had changed (all, on a first build).
    pub changed: usize,
}

/// Renders templates and writes into the staging folder.
pub struct Writer<'a> {
    /// The theme's templates, minified: what pages are rendered with.
    pub tera: &'a Tera,
    /// The same templates as written, so an error names the line the author sees.
    pub source_tera: &'a Tera,
    pub staging: &'a Staging,
    pages: AtomicUsize,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Extra HTML put before `</body>` of every page (the live-reload script in `serve`).
    pub inject: Option<String>,
    /// The search index record pages are fed to, once the guard passed them.
    pub search: Option<crate::render::search::Indexer>,
    /// Numbers the site declares public; any other private number found in
    /// an output file stops it from being written.
    allowed: Allowed,
    /// Private numbers found in what was to be written.
    found: Mutex<Vec<OutputFinding>>,
    /// What rendering did on its own that the clerk should hear about.
    notes: Mutex<Vec<Diagnostic>>,
}

/// A private number found in an output file (which was therefore not written).
#[derive(Debug, Clone)]
pub struct OutputFinding {
    /// Site-relative path of the file it was found in.
    pub rel: String,
    /// The file it was copied from, for attachments and static files.
    pub copied_from: Option<std::path::PathBuf>,
    /// Where in the copied file: `工作表“Sheet1” D7 单元格`.
    pub place: Option<String>,
    pub finding: Finding,
}

impl<'a> Writer<'a> {
    pub fn new(
        tera: &'a Tera,
        source_tera: &'a Tera,
        staging: &'a Staging,
        allowed: Allowed,
    ) -> Self {
        Writer {
            tera,
            source_tera,
            staging,
            pages: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            inject: None,
            search: None,
            allowed,
            found: Mutex::new(Vec::new()),
            notes: Mutex::new(Vec::new()),
        }
    }

    /// Tells the clerk about something rendering decided (printed after the build).
    pub fn note(&self, note: Diagnostic) {
        if let Ok(mut notes) = self.notes.lock() {
            notes.push(note);
        }
    }

    /// The notes, in file order.
    pub fn notes(&self) -> Vec<Diagnostic> {
        let mut notes = self.notes.lock().map(|n| n.clone()).unwrap_or_default();
        crate::diagnostic::sort_diagnostics(&mut notes);
        notes
    }

    /// Scans what a reader would receive at `rel`; returns whether it is clean.
    fn guard(&self, rel: &str, bytes: &[u8], kind: TextKind, from: Option<&Path>) -> bool {
        self.guard_part(rel, bytes, kind, from, None)
    }

    /// Scans one part of what a reader would receive at `rel` (`place` in it).
    fn guard_part(
        &self,
        rel: &str,
        bytes: &[u8],
        kind: TextKind,
        from: Option<&Path>,
        place: Option<&str>,
    ) -> bool {
        let found = scan_output(rel, bytes, kind, &self.allowed);
        self.record(rel, found, from, place)
    }

    /// Keeps what a scan of `rel` found; `true` when it found nothing.
    fn record(
        &self,
        rel: &str,
        found: Vec<Finding>,
        from: Option<&Path>,
        place: Option<&str>,
    ) -> bool {
        if found.is_empty() {
            return true;
        }
        if let Ok(mut all) = self.found.lock() {
            all.extend(found.into_iter().map(|finding| OutputFinding {
                rel: rel.to_string(),
                copied_from: from.map(Path::to_path_buf),
                place: place.map(str::to_string),
                finding,
            }));
        }
        false
    }

    /// Scans every readable part of a copied document (the cells of a
    /// workbook, the text of a Word file); `true` when it holds no private
    /// number, or is of a kind gongkai cannot look inside.
    fn guard_document(&self, rel: &str, from: &Path) -> Result<bool, Diagnostic> {
        if !documents::is_document(from) {
            return Ok(true);
        }
        let bytes = fsutil::read(from).map_err(|e| e.diagnostic())?;
        let parts = documents::readable_parts(from, &bytes).unwrap_or_default();
        let mut clean = true;
        for part in parts {
            clean &= self.guard_part(
                rel,
                part.text.as_bytes(),
                part.kind,
                Some(from),
                part.place.as_deref(),
            );
        }
        Ok(clean)
    }

    /// The private numbers found in what was to be written, in file order.
    pub fn findings(&self) -> Vec<OutputFinding> {
        let mut all = self.found.lock().map(|f| f.clone()).unwrap_or_default();
        all.sort_by(|a, b| (&a.rel, a.finding.offset).cmp(&(&b.rel, b.finding.offset)));
        all
    }

    /// Renders `template` with `context` to the HTML page at `rel`. The page is
    /// minified already: its templates and its Markdown were (see [`minify`]).
    pub fn page(&self, template: &str, context: &Context, rel: &str) -> Result<(), Diagnostic> {
        self.page_html(template, context, rel).map(drop)
    }

    /// Like [`Writer::page`] for a record's page, which is also added to the
    /// search index — the HTML exactly as written, so the index holds what
    /// the page shows and nothing the guard stopped.
    pub fn record_page(
        &self,
        template: &str,
        context: &Context,
        rel: &str,
    ) -> Result<(), Diagnostic> {
        if let (Some(html), Some(search)) = (self.page_html(template, context, rel)?, &self.search)
        {
            search.add(rel, &html);
        }
        Ok(())
    }

    /// Renders and writes a page; returns its HTML unless the guard stopped it.
    fn page_html(
        &self,
        template: &str,
        context: &Context,
        rel: &str,
    ) -> Result<Option<String>, Diagnostic> {
        let mut html = self.render(template, context)?;
        if let Some(script) = &self.inject {
            match html.rfind("</body>") {
                Some(i) => html.insert_str(i, script),
                None => html.push_str(script),
            }
        }
        self.pages.fetch_add(1, Ordering::Relaxed);
        let found = scan_output_text(rel, &html, TextKind::Markup, &self.allowed);
        if !self.record(rel, found, None, None) {
            return Ok(None);
        }
        self.put(rel, html.as_bytes())?;
        Ok(Some(html))
    }

    /// Writes bytes the guard has passed.
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.staging.write(rel, bytes).map_err(|e| e.diagnostic())?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    pub fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(template, context).map_err(|e| {
            // Report the error as the unminified template gives it: its lines are the file's.
            let e = self
                .source_tera
                .render(template, context)
                .err()
                .unwrap_or(e);
            Diagnostic::error(
                format!("templates/{template}"),
                format!("模板渲染出错：{e}"),
            )
            .help("如果改过站点 templates/ 里的这个模板，检查其中用到的变量；删掉它可恢复默认模板")
        })
    }

    /// Writes `bytes` at `rel`, unless they carry a private number.
    pub fn file(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let clean = match TextKind::of_path(rel) {
            Some(kind) => self.guard(rel, bytes, kind, None),
            None => true,
        };
        if !clean {
            return Ok(());
        }
        self.put(rel, bytes)
    }

    /// Writes a binary file (a workbook) at `rel`, unless `text`, everything
    /// it holds as text, carries a private number.
    pub fn binary(&self, rel: &str, bytes: &[u8], text: &str) -> Result<(), Diagnostic> {
        if !self.guard(rel, text.as_bytes(), TextKind::Plain, None) {
            return Ok(());
        }
        self.put(rel, bytes)
    }

    /// Like [`Writer::binary`] for a file that is costly to make: when the
    /// output already holds it as `current` judges (made from the same
    /// content), it is kept and `make` is not run.
    pub fn binary_cached(
        &self,
        rel: &str,
        text: &str,
        current: impl FnOnce(&Path) -> bool,
        make: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<(), Diagnostic> {
        if !self.guard(rel, text.as_bytes(), TextKind::Plain, None) {
            return Ok(());
        }
        if self.staging.keep_if(rel, current) {
            self.files.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        self.put(rel, &make()?)
    }

    /// Keeps the file already at `rel` in the output when `current` says it
    /// is what this build would write; returns whether it was kept.
    pub fn keep(&self, rel: &str, current: impl FnOnce(&Path) -> bool) -> bool {
        let kept = self.staging.keep_if(rel, current);
        if kept {
            self.files.fetch_add(1, Ordering::Relaxed);
        }
        kept
    }

    /// Copies a file (an attachment, a static file) to `rel`, unless it is
    /// text that carries a private number.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        let clean = match TextKind::of_path(rel) {
            Some(kind) => {
                let bytes = fsutil::read(from).map_err(|e| e.diagnostic())?;
                self.guard(rel, &bytes, kind, Some(from))
            }
            None => self.guard_document(rel, from)?,
        };
        if !clean {
            return Ok(());
        }
        self.staging.copy(from, rel).map_err(|e| e.diagnostic())?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    pub fn stats(&self, records: usize) -> RenderStats {
        RenderStats {
            records,
            pages: self.pages.load(Ordering::Relaxed),
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            changed: self.staging.changed(),
        }
    }
}
