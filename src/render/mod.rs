//! Stage 4: rendering. Every published record becomes a page (its printable
//! sheet is the print stage's); the site gets its home page, indexes, feed,
//! sitemap, data and 404. Each file is written as soon as it is rendered, so
//! memory does not grow with the size of the site.

pub mod archive;
pub mod documents;
pub mod export;
pub mod format;
pub mod markdown;
pub mod minify;
pub mod search;
pub mod site;
pub mod theme;
pub mod views;
pub mod words;
mod writer;

pub use writer::{OutputFinding, RenderStats, Writer};

use std::path::Path;

use tera::{Context, Tera};

use crate::content::{Kind, Record};
use crate::diagnostic::Diagnostic;
use crate::validate::attachments;
use views::{ViewContext, site_view};

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
    context.insert("sheet", &false);
    context.insert("r", view);
    let template = match r.kind {
        Kind::Disclosures => "disclosure.html",
        Kind::Conventions => "convention.html",
        Kind::Consultations => "consultation.html",
        Kind::Admissions => "admission.html",
        Kind::Pages => "page.html",
    };
    writer.record_page(template, context, &page_rel)
}

/// Writes the search index of the record pages rendered, or keeps the one
/// in the output when it was made from the same pages.
pub fn write_search_index(writer: &Writer) -> Vec<Diagnostic> {
    let Some(index) = &writer.search else {
        return Vec::new();
    };
    let key = index.key();
    let mut unchanged = None;
    writer.keep(&format!("{}/{}", search::DIR, search::KEY_FILE), |path| {
        unchanged = path
            .parent()
            .and_then(|dir| search::unchanged_index(dir, &key));
        unchanged.is_some()
    });
    if let Some(names) = unchanged {
        for name in names {
            writer.keep(&format!("{}/{name}", search::DIR), |_| true);
        }
        return Vec::new();
    }
    let files = match index.finish() {
        Ok(files) => files,
        Err(d) => return vec![d],
    };
    let key_file = search::key_file(&key, &files);
    files
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .chain([(search::KEY_FILE, key_file.as_bytes())])
        .filter_map(|(name, bytes)| writer.file(&format!("{}/{name}", search::DIR), bytes).err())
        .collect()
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
                diags.push(Diagnostic::error(&dir, format!("无法读取 static/：{e}")));
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
