//! Stage 4: rendering. Every published record becomes a page and a printable
//! sheet; the site gets its home page, indexes, feed, sitemap, data and 404.
//! Records render in parallel over the read-only library, each written as soon
//! as it is rendered, so memory does not grow with the size of the site.

pub mod format;
pub mod markdown;
pub mod minify;
pub mod site;
pub mod theme;
pub mod views;

use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::content::{Kind, Record};
use crate::diagnostic::Diagnostic;
use crate::output::Staging;
use crate::progress::Progress;
use crate::validate::attachments;
use views::{ViewContext, record_view, site_view};

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

/// Renders the whole site into `writer`'s staging folder.
pub fn render_site(
    ctx: &ViewContext,
    writer: &Writer,
    progress: &Progress,
    assets: &[(String, Vec<u8>)],
) -> Result<RenderStats, Vec<Diagnostic>> {
    let published: Vec<&Record> = ctx
        .library
        .records
        .iter()
        .filter(|r| ctx.is_published(r))
        .collect();
    progress.set_total(published.len() as u64);
    // The pages around the records (home, indexes, feed, data, board) are one
    // long serial task; they run beside the per-record work, not after it.
    let (mut diags, site_diags) = rayon::join(
        || -> Vec<Diagnostic> {
            published
                .par_iter()
                .flat_map_iter(|r| {
                    let result = render_record(r, ctx, writer);
                    progress.inc();
                    result.err()
                })
                .flatten()
                .collect()
        },
        || site::render_site_pages(&published, ctx, writer),
    );
    diags.extend(site_diags);
    diags.extend(copy_static(ctx.root, writer, assets));
    progress.finish();
    if diags.is_empty() {
        Ok(writer.stats(published.len()))
    } else {
        Err(diags)
    }
}

/// One record's page, its sheet and the attachments kept beside it.
pub fn render_record(
    r: &Record,
    ctx: &ViewContext,
    writer: &Writer,
) -> Result<(), Vec<Diagnostic>> {
    let view = record_view(r, ctx);
    let page_rel = format!("{}index.html", r.path());
    let mut context = Context::new();
    context.insert("root", &root_prefix(&page_rel));
    context.insert("r", &view);
    let template = match r.kind {
        Kind::Disclosures => "disclosure.html",
        Kind::Conventions => "convention.html",
        Kind::Consultations => "consultation.html",
        Kind::Admissions => "admission.html",
        Kind::Pages => "page.html",
    };
    let mut errors = Vec::new();
    errors.extend(writer.page(template, &context, &page_rel).err());
    if r.kind != Kind::Pages {
        errors.extend(crate::print::render_sheet(&view, &mut context, writer).err());
    }
    for a in &r.common.attachments {
        let Some(file) = &a.file else { continue };
        if let Ok(t) = attachments::resolve(ctx.root, r, file.as_str())
            && t.needs_copy
        {
            errors.extend(writer.copy(&t.source, &t.output).err());
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Theme assets to `assets/`, then the site's `static/` over them.
fn copy_static(root: &Path, writer: &Writer, assets: &[(String, Vec<u8>)]) -> Vec<Diagnostic> {
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
