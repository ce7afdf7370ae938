//! Open data a spreadsheet user can take away: `data/<kind>.csv` (UTF-8 with
//! a byte-order mark, so Excel and WPS open it with its Chinese intact) and,
//! for each record with a ledger or tables, a workbook of exactly what its
//! page shows, masked, with amounts as numbers and dates as dates.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

use crate::content::{Kind, KindData, Record};
use crate::diagnostic::Diagnostic;
use crate::render::views::{DisclosureView, RecordView, ViewContext, list_item};
use crate::render::writer::Writer;

/// The columns of `data/<kind>.csv`: what every record has, then its kind's own.
fn csv_header(kind: Kind) -> Vec<&'static str> {
    let mut h = vec![
        "网址名",
        "标题",
        "发布日期",
        "摘要",
        "发布单位",
        "公示开始",
        "公示结束",
        "网址",
    ];
    h.extend_from_slice(match kind {
        Kind::Disclosures => &["类别", "所属期间", "本期收入", "本期支出", "本期结余"][..],
        Kind::Conventions => &["状态", "通过日期", "施行日期"],
        Kind::Consultations => &["会议日期", "议题数", "落实事项数"],
        Kind::Admissions => &["事项数"],
        Kind::Pages => &[],
    });
    h
}

/// One row of `data/<kind>.csv`.
fn csv_row(r: &Record, ctx: &ViewContext) -> Vec<String> {
    let c = &r.common;
    let item = list_item(r, ctx);
    let mut row = vec![
        r.slug.clone(),
        c.title.clone(),
        c.date.map(|d| d.to_string()).unwrap_or_default(),
        item.summary.unwrap_or_default(),
        c.issuer.as_ref().map_or_else(
            || ctx.config.community.name.as_str().to_string(),
            |i| i.as_str().to_string(),
        ),
        c.posting
            .as_ref()
            .map(|p| p.from.to_string())
            .unwrap_or_default(),
        c.posting
            .as_ref()
            .map(|p| p.until.to_string())
            .unwrap_or_default(),
        format!("{}{}", ctx.base, r.path()),
    ];
    let opt = |o: Option<String>| o.unwrap_or_default();
    match &r.data {
        KindData::Disclosure(d) => row.extend([
            opt(d.category.map(|c| badge(ctx, c.key()))),
            opt(d.period.map(|p| p.to_string())),
            opt(d.ledger.as_ref().map(|l| l.income_total().to_string())),
            opt(d.ledger.as_ref().map(|l| l.expense_total().to_string())),
            opt(d.ledger.as_ref().map(|l| {
                l.closing
                    .unwrap_or_else(|| l.expected_closing())
                    .to_string()
            })),
        ]),
        KindData::Convention(d) => row.extend([
            opt(d.status.map(|s| badge(ctx, s.key()))),
            opt(d
                .adopted
                .as_ref()
                .and_then(|a| a.date)
                .map(|d| d.to_string())),
            opt(d.effective.map(|d| d.to_string())),
        ]),
        KindData::Consultation(d) => row.extend([
            opt(d
                .meeting
                .as_ref()
                .and_then(|m| m.date)
                .map(|d| d.to_string())),
            d.agenda.len().to_string(),
            d.follow_up.len().to_string(),
        ]),
        KindData::Admission(d) => row.push(d.items.len().to_string()),
        KindData::Page(_) => {}
    }
    row
}

/// The theme's label for a category or status (`t.badge`), as pages show it.
fn badge(ctx: &ViewContext, key: &str) -> String {
    let label = &ctx.strings["badge"][key];
    let kind = match ctx.config.community.kind {
        crate::config::CommunityKind::Village => "village",
        crate::config::CommunityKind::Community => "community",
    };
    label
        .as_str()
        .or_else(|| label[kind].as_str())
        .unwrap_or(key)
        .to_string()
}

/// `data/<kind>.csv` of the published records of `kind`, and the same text
/// for the privacy guard (cells apart).
pub fn kind_csv(published: &[&Record], kind: Kind, ctx: &ViewContext) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let _ = w.write_record(csv_header(kind));
        for r in published.iter().filter(|r| r.kind == kind) {
            let _ = w.write_record(csv_row(r, ctx));
        }
        let _ = w.flush();
    }
    out
}

/// Writes `<kind>/<slug>/<slug>.xlsx`, the workbook the page's 下载表格 links to.
pub fn write_disclosure_xlsx(
    r: &Record,
    view: &RecordView,
    d: &DisclosureView,
    ctx: &ViewContext,
    writer: &Writer,
) -> Result<(), Diagnostic> {
    let Some(name) = &d.xlsx else { return Ok(()) };
    let rel = format!("{}{name}", r.path());
    let date = r.common.date.unwrap_or(ctx.today);
    let key = content_key(view, d, date, ctx);
    let text = cells_text(view, d, ctx);
    writer.binary_cached(
        &rel,
        &text,
        |path| holds_key(path, &key),
        || {
            disclosure_xlsx(view, d, date, &key, ctx).ok_or_else(|| {
                Diagnostic::error(&rel, "无法生成可下载的表格文件")
                    .help("请把这条记录和出错信息发给维护 gongkai 的人")
            })
        },
    )
}

/// What the workbook is made from, as a SHA-256: the tables and ledger as
/// the page shows them, the title, the date, the issuer, the interface words
/// and this version of gongkai. Stored in the workbook, so a rebuild that
/// would make the same workbook keeps the one in place instead of making it
/// again (making one costs about a millisecond).
fn content_key(
    view: &RecordView,
    d: &DisclosureView,
    date: crate::types::Date,
    ctx: &ViewContext,
) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [
        env!("CARGO_PKG_VERSION"),
        view.title.as_str(),
        &date.to_string(),
        ctx.config.community.name.as_str(),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.update(serde_json::to_vec(&(&d.ledger, &d.tables)).unwrap_or_default());
    h.update(serde_json::to_vec(ctx.strings).unwrap_or_default());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The custom document property the content key is kept in.
const KEY_PROPERTY: &str = "gongkai-content";

/// Whether the workbook at `path` was made from content with `key`.
fn holds_key(path: &std::path::Path, key: &str) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return false;
    };
    let Ok(entry) = zip.by_name("docProps/custom.xml") else {
        return false;
    };
    let mut xml = String::new();
    entry.take(64 * 1024).read_to_string(&mut xml).is_ok() && xml.contains(key)
}

/// Every cell the workbook holds, as text (one cell a line), for the
/// privacy guard: the same cells [`disclosure_xlsx`] writes.
fn cells_text(view: &RecordView, d: &DisclosureView, ctx: &ViewContext) -> String {
    fill_book(&mut Workbook::new(), view, d, ctx)
}

/// A workbook of the ledger and tables a disclosure's page shows, marked
/// with the content `key` it was made from.
pub fn disclosure_xlsx(
    view: &RecordView,
    d: &DisclosureView,
    date: crate::types::Date,
    key: &str,
    ctx: &ViewContext,
) -> Option<Vec<u8>> {
    let mut book = Workbook::new();
    // The same record gives the same bytes: dated the record's day, never the clock.
    let created =
        ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8).ok()?;
    book.set_properties(
        &DocProperties::new()
            .set_title(view.title.as_str())
            .set_company(ctx.config.community.name.as_str())
            .set_creation_datetime(&created)
            .set_custom_property(KEY_PROPERTY, key),
    );
    fill_book(&mut book, view, d, ctx);
    book.save_to_buffer().ok()
}

/// Adds the ledger's and tables' sheets to `book`; returns their cells as text.
fn fill_book(
    book: &mut Workbook,
    view: &RecordView,
    d: &DisclosureView,
    ctx: &ViewContext,
) -> String {
    let t = ctx.strings;
    let mut seen = String::new();
    let label = |k: &str| t[k].as_str().unwrap_or(k).to_string();
    let mut names = vec![label("ledger_caption")];
    if let Some(l) = &d.ledger {
        let sheet = book.add_worksheet();
        let _ = sheet.set_name(label("ledger_caption"));
        ledger_sheet(sheet, l, &label, &mut seen);
    }
    for (i, tb) in d.tables.iter().enumerate() {
        let sheet = book.add_worksheet();
        let name = sheet_name(tb.caption.as_deref(), i, &names);
        let _ = sheet.set_name(&name);
        names.push(name);
        table_sheet(sheet, tb, view, &label("table_total"), &mut seen);
    }
    seen
}

/// A worksheet's name from a table's caption: at most 31 characters, none of
/// `[]:*?/\` or `'`, unique in the workbook; `表2` when the caption will not do.
fn sheet_name(caption: Option<&str>, i: usize, taken: &[String]) -> String {
    let clean: String = caption
        .unwrap_or_default()
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\''))
        .take(31)
        .collect();
    if clean.trim().is_empty() || taken.contains(&clean) {
        format!("表{}", i + 1)
    } else {
        clean
    }
}

fn money_format() -> Format {
    Format::new().set_num_format("#,##0.00")
}

fn date_format() -> Format {
    Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"")
}

/// `12,000.00` as the number 12000.
fn number_of(text: &str) -> Option<f64> {
    let t: String = text.chars().filter(|c| *c != ',').collect();
    t.parse().ok()
}

/// `2026-10-03` or `2026年10月3日` as an Excel date.
fn date_of(text: &str) -> Option<ExcelDateTime> {
    let parts: Vec<u16> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match parts.as_slice() {
        [y, m, d] if *y > 1900 => ExcelDateTime::from_ymd(*y, *m as u8, *d as u8).ok(),
        _ => None,
    }
}

fn put(sheet: &mut Worksheet, row: u32, col: u16, kind: &str, text: &str, seen: &mut String) {
    seen.push_str(text);
    seen.push_str(" |\n");
    if text.is_empty() {
        return;
    }
    let _ = match kind {
        "money" => match number_of(text) {
            Some(n) => sheet.write_number_with_format(row, col, n, &money_format()),
            None => sheet.write_string(row, col, text),
        },
        "number" => match number_of(text) {
            Some(n) => sheet.write_number(row, col, n),
            None => sheet.write_string(row, col, text),
        },
        "date" => match date_of(text) {
            Some(d) => sheet.write_datetime_with_format(row, col, d, &date_format()),
            None => sheet.write_string(row, col, text),
        },
        _ => sheet.write_string(row, col, text),
    };
}

fn ledger_sheet(
    sheet: &mut Worksheet,
    l: &crate::render::views::LedgerView,
    label: &dyn Fn(&str) -> String,
    seen: &mut String,
) {
    // The page's columns: voucher and note only when some entry has one.
    let heads: Vec<(&str, &str)> = [
        ("ledger_date", "date", true),
        ("ledger_voucher", "text", l.show_voucher),
        ("ledger_item", "text", true),
        ("ledger_income", "money", true),
        ("ledger_expense", "money", true),
        ("ledger_balance", "money", true),
        ("ledger_note", "text", l.show_note),
    ]
    .into_iter()
    .filter(|(_, _, shown)| *shown)
    .map(|(k, kind, _)| (k, kind))
    .collect();
    let col = |key: &str| heads.iter().position(|(k, _)| *k == key).unwrap_or(0) as u16;
    for (c, (k, _)) in heads.iter().enumerate() {
        put(sheet, 0, c as u16, "text", &label(k), seen);
    }
    put(
        sheet,
        1,
        col("ledger_item"),
        "text",
        &label("ledger_opening"),
        seen,
    );
    put(sheet, 1, col("ledger_balance"), "money", &l.opening, seen);
    for (i, e) in l.entries.iter().enumerate() {
        let r = i as u32 + 2;
        for (c, (k, kind)) in heads.iter().enumerate() {
            let text = match *k {
                "ledger_date" => e.date.as_deref(),
                "ledger_voucher" => e.voucher.as_deref(),
                "ledger_item" => Some(e.item.as_str()),
                "ledger_income" => e.income.as_deref(),
                "ledger_expense" => e.expense.as_deref(),
                "ledger_balance" => Some(e.balance.as_str()),
                _ => e.note.as_deref(),
            };
            put(sheet, r, c as u16, kind, text.unwrap_or_default(), seen);
        }
    }
    let r = l.entries.len() as u32 + 2;
    put(
        sheet,
        r,
        col("ledger_item"),
        "text",
        &label("ledger_totals"),
        seen,
    );
    put(
        sheet,
        r,
        col("ledger_income"),
        "money",
        &l.income_total,
        seen,
    );
    put(
        sheet,
        r,
        col("ledger_expense"),
        "money",
        &l.expense_total,
        seen,
    );
    put(
        sheet,
        r + 1,
        col("ledger_item"),
        "text",
        &label("ledger_closing"),
        seen,
    );
    put(
        sheet,
        r + 1,
        col("ledger_balance"),
        "money",
        &l.closing,
        seen,
    );
    put(
        sheet,
        r + 2,
        col("ledger_item"),
        "text",
        &label("ledger_capital"),
        seen,
    );
    put(
        sheet,
        r + 2,
        col("ledger_income"),
        "text",
        &l.closing_capital,
        seen,
    );
    let _ = sheet.set_column_width(0, 12);
    let _ = sheet.set_column_width(col("ledger_item"), 28);
    for k in ["ledger_income", "ledger_expense", "ledger_balance"] {
        let _ = sheet.set_column_width(col(k), 14);
    }
}

fn table_sheet(
    sheet: &mut Worksheet,
    tb: &crate::render::views::TableView,
    view: &RecordView,
    total: &str,
    seen: &mut String,
) {
    put(
        sheet,
        0,
        0,
        "text",
        tb.caption.as_deref().unwrap_or(&view.title),
        seen,
    );
    for (c, col) in tb.columns.iter().enumerate() {
        put(sheet, 1, c as u16, "text", &col.label, seen);
    }
    for (i, row) in tb.rows.iter().enumerate() {
        for (c, (col, text)) in tb.columns.iter().zip(row).enumerate() {
            put(sheet, i as u32 + 2, c as u16, col.kind, text, seen);
        }
    }
    if let Some(totals) = &tb.totals {
        let r = tb.rows.len() as u32 + 2;
        for (c, (col, tot)) in tb.columns.iter().zip(totals).enumerate() {
            match tot {
                Some(t) => put(sheet, r, c as u16, col.kind, t, seen),
                None if c == 0 => put(sheet, r, 0, "text", total, seen),
                None => {}
            }
        }
    }
    if let Some(note) = &tb.note {
        let r = tb.rows.len() as u32 + 2 + u32::from(tb.totals.is_some());
        put(sheet, r, 0, "text", note, seen);
    }
}
