//! Printable sheets for the notice board （公开栏张贴稿）: one per record at
//! `<kind>/<slug>/print.html`, and every sheet on the board now in one file,
//! `print/board.html`, ready to print in one go. Paper, margins and page
//! numbers are CSS `@page` rules in the theme's sheet templates.

mod qr;

use serde::Serialize;
use tera::Context;

pub use qr::qr_svg;

use crate::content::{Kind, Record};
use crate::diagnostic::Diagnostic;
use crate::render::views::{RecordView, ViewContext, record_view};
use crate::render::{Writer, root_prefix};

#[derive(Serialize)]
struct Sheet<'a> {
    r: &'a RecordView,
    qr_svg: String,
}

/// Renders a record's sheet, reusing the page's context (which holds `r`).
pub fn render_sheet(
    view: &RecordView,
    context: &mut Context,
    w: &Writer,
) -> Result<(), Diagnostic> {
    let rel = format!("{}print.html", view.link.trim_end_matches("index.html"));
    context.insert("root", &root_prefix(&rel));
    context.insert("sheet", &true);
    context.insert("qr_svg", &qr_svg(&view.canonical, &view.canonical));
    w.page("sheet.html", context, &rel)
}

/// Every record on the board now, one sheet after another.
pub fn render_board(
    published: &[&Record],
    ctx: &ViewContext,
    w: &Writer,
) -> Result<(), Diagnostic> {
    let views: Vec<RecordView> = published
        .iter()
        .filter(|r| r.kind != Kind::Pages && r.is_on_board(ctx.today))
        .map(|r| record_view(r, ctx))
        .collect();
    let sheets: Vec<Sheet> = views
        .iter()
        .map(|v| Sheet {
            r: v,
            qr_svg: qr_svg(&v.canonical, &v.canonical),
        })
        .collect();
    let rel = "print/board.html";
    let mut c = Context::new();
    c.insert("root", &root_prefix(rel));
    c.insert("sheet", &true);
    c.insert("sheets", &sheets);
    w.page("board.html", &c, rel)
}

/// The `@page` rules for single sheets (numbered 第 x 页 共 y 页) and for the
/// board pack (not numbered: its pages count across all sheets). Rendered once
/// per build from the theme's `pages.css`, so no page carries inline CSS.
pub fn render_page_css(w: &Writer) -> Result<(), Diagnostic> {
    for (rel, numbered) in [
        ("assets/sheet-pages.css", true),
        ("assets/board-pages.css", false),
    ] {
        let mut c = Context::new();
        c.insert("numbered", &numbered);
        let css = w.render("pages.css", &c)?;
        w.file(rel, css.as_bytes())?;
    }
    Ok(())
}
