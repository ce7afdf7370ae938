//! Stage 4: rendering. Every published record becomes a page (its printable
//! sheet is the print stage's); the site gets its home page, indexes, feed,
//! sitemap, data and 404. Each file is written as soon as it is rendered, so
//! memory does not grow with the size of the site.

pub mod format;
pub mod markdown;
pub mod minify;
pub mod site;
pub mod theme;
pub mod views;

use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use tera::{Context, Tera};

use crate::content::{Kind, Record};
use crate::diagnostic::Diagnostic;
use crate::output::Staging;
use crate::validate::attachments;
use views::{ViewContext, site_view};

/// What a build wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub records: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
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
}

impl<'a> Writer<'a> {
    pub fn new(tera: &'a Tera, source_tera: &'a Tera, staging: &'a Staging) -> Self {
        Writer {
            tera,
            source_tera,
            staging,
            pages: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            inject: None,
        }
    }

    /// Renders `template` with `context` to the HTML page at `rel`. The page is
    /// minified already: its templates and its Markdown were (see [`minify`]).
    pub fn page(&self, template: &str, context: &Context, rel: &str) -> Result<(), Diagnostic> {
        let mut html = self.render(template, context)?;
        if let Some(script) = &self.inject {
            match html.rfind("</body>") {
                Some(i) => html.insert_str(i, script),
                None => html.push_str(script),
            }
        }
        self.pages.fetch_add(1, Ordering::Relaxed);
        self.file(rel, html.as_bytes())
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

    pub fn file(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.staging.write(rel, bytes).map_err(|e| e.diagnostic())?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    pub fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
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
        }
    }
}

/// `../../` for a file at `disclosures/q3/index.html`: links stay relative.
pub fn root_prefix(rel: &str) -> String {
    "../".repeat(rel.matches('/').count())
}

/// Sets what every template sees (`site`, `t`) once, before rendering in parallel.
pub fn prepare_globals(teras: [&mut Tera; 2], ctx: &ViewContext, strings: &serde_json::Value) {
    let site = site_view(ctx);
    for tera in teras {
        let globals = tera.global_context();
        globals.insert("site", &site);
        globals.insert("t", strings);
    }
}

/// A record's web page, with `context` set up for it (the sheet reuses it).
pub fn render_page(
    r: &Record,
    view: &views::RecordView,
    context: &mut Context,
    writer: &Writer,
) -> Result<(), Diagnostic> {
    let page_rel = format!("{}index.html", r.path());
    context.insert("root", &root_prefix(&page_rel));
    context.insert("r", view);
    let template = match r.kind {
        Kind::Disclosures => "disclosure.html",
        Kind::Conventions => "convention.html",
        Kind::Consultations => "consultation.html",
        Kind::Admissions => "admission.html",
        Kind::Pages => "page.html",
    };
    writer.page(template, context, &page_rel)
}

/// Copies the attachments kept beside a record into its folder.
pub fn copy_attachments(r: &Record, ctx: &ViewContext, writer: &Writer) -> Vec<Diagnostic> {
    r.common
        .attachments
        .iter()
        .filter_map(|a| a.file.as_ref())
        .filter_map(|file| attachments::resolve(ctx.root, r, file.as_str()).ok())
        .filter(|t| t.needs_copy)
        .filter_map(|t| writer.copy(&t.source, &t.output).err())
        .collect()
}

/// Theme assets to `assets/`, then the site's `static/` over them.
pub fn copy_static(root: &Path, writer: &Writer, assets: &[(String, Vec<u8>)]) -> Vec<Diagnostic> {
    let mut diags: Vec<Diagnostic> = assets
        .iter()
        .filter_map(|(rel, bytes)| writer.file(rel, bytes).err())
        .collect();
    let dir = root.join("static");
    if !dir.is_dir() {
        return diags;
    }
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(&dir, format!("无法读取 static/:{e}")));
                continue;
            }
        };
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let parts: Vec<&str> = rel
            .components()
            .filter_map(|c| c.as_os_str().to_str())
            .collect();
        if parts.iter().any(|p| p.starts_with('.')) {
            continue;
        }
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::error(entry.path(), "static/ 里的文件不能是符号链接（快捷方式）")
                    .help("把真正的文件复制到 static/ 里"),
            );
            continue;
        }
        if entry.file_type().is_file() {
            diags.extend(writer.copy(entry.path(), &parts.join("/")).err());
        }
    }
    diags
}
