//! The view of a disclosure: its ledger with running balance and totals, and
//! its tables with masked columns and money totals.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::content::disclosure::{Column, ColumnType, Disclosure, Ledger, MaskKind, Table};
use crate::render::format;
use crate::render::views::layout::{self, ColLayout, Shape, lay_out, needed_em};
use crate::render::views::{ViewContext, text};
use crate::types::{Date, Money};

#[derive(Debug, Clone, Serialize)]
pub struct DisclosureView {
    /// The downloadable workbook of the ledger and tables (`<slug>.xlsx`).
    pub xlsx: Option<String>,
    pub category: Option<&'static str>,
    pub period_display: Option<String>,
    pub ledger: Option<LedgerView>,
    pub tables: Vec<TableView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LedgerView {
    pub currency: String,
    /// The year every entry falls in, named once in the date column's header
    /// (as account books do); entries then show 7月3日. `None` when years differ.
    pub year: Option<i16>,
    pub opening: String,
    pub entries: Vec<EntryView>,
    pub income_total: String,
    pub expense_total: String,
    pub closing: String,
    pub closing_capital: String,
    /// The sheet's columns: date, voucher, item, income, expense, balance, note.
    pub cols: Vec<ColLayout>,
    /// Some entry has a voucher number / a note: the column is shown.
    pub show_voucher: bool,
    pub show_note: bool,
    /// Columns before the amounts (date, [voucher], item): what a label row spans.
    pub lead: usize,
    /// Columns from income to the end: what the capital-figures cell spans.
    pub tail: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// `2026-10-03`, for the downloadable workbook's date cells.
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub item: String,
    pub voucher: Option<String>,
    pub income: Option<String>,
    pub expense: Option<String>,
    /// The running balance after this entry (余额), as a cash journal shows it.
    pub balance: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub caption: Option<String>,
    /// The columns shown: those with something in some row.
    pub columns: Vec<ColumnView>,
    pub rows: Vec<Vec<String>>,
    /// One cell per column: the total, or `None` where nothing is summed.
    pub totals: Option<Vec<Option<String>>>,
    pub note: Option<String>,
    /// What this table masks (`name`, `id`, `phone`), so its note names only those.
    pub masked: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnView {
    pub label: String,
    /// `text`, `number`, `money` or `date`.
    pub kind: &'static str,
    pub numeric: bool,
    pub masked: bool,
    pub layout: ColLayout,
}

pub fn disclosure_view(d: &Disclosure, ctx: &ViewContext) -> DisclosureView {
    let mut tables: Vec<TableView> = d.tables.iter().map(|t| table_view(t, ctx)).collect();
    share_widths(&mut tables);
    DisclosureView {
        xlsx: None,
        category: d.category.map(|c| c.key()),
        period_display: d.period.map(|p| ctx.formats.period(p)),
        ledger: d.ledger.as_ref().map(|l| ledger_view(l, ctx)),
        tables,
    }
}

impl DisclosureView {
    /// Shares out the width left on paper among the free-text columns.
    pub fn fill_flex(&mut self, available: f32) {
        for t in &mut self.tables {
            let mut cols: Vec<ColLayout> = t.columns.iter().map(|c| c.layout.clone()).collect();
            layout::fill_flex(&mut cols, available);
            for (c, l) in t.columns.iter_mut().zip(cols) {
                c.layout = l;
            }
        }
        share_widths(&mut self.tables);
        if let Some(l) = &mut self.ledger {
            layout::fill_flex(&mut l.cols, available);
        }
    }

    /// The width the widest table needs on paper, in em.
    pub fn needed_em(&self) -> f32 {
        let tables = self.tables.iter().map(|t| {
            needed_em(
                &t.columns
                    .iter()
                    .map(|c| c.layout.clone())
                    .collect::<Vec<_>>(),
            )
        });
        let ledger = self.ledger.iter().map(|l| needed_em(&l.cols));
        tables.chain(ledger).fold(0.0, f32::max)
    }
}

/// Tables of one record with the same columns share their widths, so a list
/// split into several tables reads as one.
fn share_widths(tables: &mut [TableView]) {
    for i in 0..tables.len() {
        let labels: Vec<&str> = tables[i].columns.iter().map(|c| c.label.as_str()).collect();
        let same: Vec<usize> = (0..tables.len())
            .filter(|&j| {
                tables[j].columns.len() == labels.len()
                    && tables[j]
                        .columns
                        .iter()
                        .zip(&labels)
                        .all(|(c, l)| c.label == *l)
            })
            .collect();
        for col in 0..labels.len() {
            let widest = same
                .iter()
                .filter_map(|&j| tables[j].columns[col].layout.width.clone())
                .max_by(|a, b| em_of(a).total_cmp(&em_of(b)));
            if let Some(w) = widest {
                let nowrap = tables[i].columns[col].layout.nowrap;
                for &j in &same {
                    let c = &mut tables[j].columns[col].layout;
                    if c.width.is_some() && c.nowrap == nowrap {
                        c.width = Some(w.clone());
                    }
                }
            }
        }
    }
}

fn em_of(width: &str) -> f32 {
    width.trim_end_matches("em").parse().unwrap_or(0.0)
}

fn ledger_view(l: &Ledger, ctx: &ViewContext) -> LedgerView {
    let closing = l.closing.unwrap_or_else(|| l.expected_closing());
    let opening = l.opening.unwrap_or(Money::ZERO);
    let mut years = l.entries.iter().filter_map(|e| e.date).map(|d| d.year());
    let first = years.next();
    let year = first.filter(|y| years.all(|other| other == *y));
    let mut balance = opening.0;
    let entries: Vec<EntryView> = l
        .entries
        .iter()
        .map(|e| {
            balance +=
                e.income.map_or(Decimal::ZERO, |m| m.0) - e.expense.map_or(Decimal::ZERO, |m| m.0);
            EntryView {
                date: e.date.map(|d| d.to_string()),
                date_display: e.date.map(|d| {
                    if year.is_some() {
                        ctx.formats.month_day(d)
                    } else {
                        ctx.formats.date(d)
                    }
                }),
                item: text(&e.item).unwrap_or_default(),
                voucher: text(&e.voucher),
                income: e.income.map(format::money),
                expense: e.expense.map(format::money),
                balance: format::money(Money(balance)),
                note: text(&e.note),
            }
        })
        .collect();
    let totals = LedgerTotals {
        income: format::money(l.income_total()),
        expense: format::money(l.expense_total()),
        opening: format::money(opening),
        closing: format::money(closing),
    };
    let cols = ledger_layout(&totals, &entries, ctx, year.is_some());
    LedgerView {
        show_voucher: cols[1].shown,
        show_note: cols[6].shown,
        lead: 2 + usize::from(cols[1].shown),
        tail: 3 + usize::from(cols[6].shown),
        cols,
        currency: text(&l.currency).unwrap_or_else(|| "CNY".into()),
        year,
        opening: format::money(opening),
        entries,
        income_total: format::money(l.income_total()),
        expense_total: format::money(l.expense_total()),
        closing: format::money(closing),
        closing_capital: format::rmb_capital(closing),
    }
}

/// A ledger's sums, as shown.
struct LedgerTotals {
    income: String,
    expense: String,
    opening: String,
    closing: String,
}

/// The ledger's columns on paper; the voucher and note columns go when empty.
fn ledger_layout(
    l: &LedgerTotals,
    entries: &[EntryView],
    ctx: &ViewContext,
    year_in_header: bool,
) -> Vec<ColLayout> {
    let t = &ctx.strings;
    let label = |k: &str| t[k].as_str().unwrap_or("").to_string();
    let date_label = if year_in_header {
        label("ledger_date_year").replace("{y}", "2026")
    } else {
        label("ledger_date")
    };
    let labels = [
        date_label,
        label("ledger_voucher"),
        label("ledger_item"),
        label("ledger_income"),
        label("ledger_expense"),
        label("ledger_balance"),
        label("ledger_note"),
    ];
    // The totals and balances sit in the same columns as the entries' figures.
    let sums = |income: &str, expense: &str, balance: &str| {
        let blank = String::new;
        vec![
            blank(),
            blank(),
            blank(),
            income.into(),
            expense.into(),
            balance.into(),
            blank(),
        ]
    };
    let rows: Vec<Vec<String>> = [
        sums(&l.income, &l.expense, &l.opening),
        sums("", "", &l.closing),
    ]
    .into_iter()
    .chain(entries.iter().map(|e| {
        vec![
            e.date_display.clone().unwrap_or_default(),
            e.voucher.clone().unwrap_or_default(),
            e.item.clone(),
            e.income.clone().unwrap_or_default(),
            e.expense.clone().unwrap_or_default(),
            e.balance.clone(),
            e.note.clone().unwrap_or_default(),
        ]
    }))
    .collect();
    let refs: Vec<&[String]> = rows.iter().map(Vec::as_slice).collect();
    use Shape::{Text as X, Token as T};
    let mut cols = lay_out(&labels, &[T, T, X, T, T, T, X], &refs, None);
    // The item column always takes what is left: it is what the entry is.
    cols[2].width = None;
    cols[2].nowrap = false;
    cols[2].shown = true;
    cols[2].weight = cols[2].weight.max(8.0) * 1.5;
    // Income and expense columns hold the totals row's sums too.
    for c in &mut cols[3..6] {
        c.shown = true;
    }
    cols
}

fn table_view(t: &Table, ctx: &ViewContext) -> TableView {
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|row| {
            t.columns
                .iter()
                .map(|c| cell_text(c, Table::cell(row, c.key_str()), ctx))
                .collect()
        })
        .collect();
    let labels: Vec<String> = t
        .columns
        .iter()
        .map(|c| text(&c.label).unwrap_or_else(|| c.key_str().to_string()))
        .collect();
    let shapes: Vec<Shape> = t
        .columns
        .iter()
        .map(|c| match (c.mask, c.column_type()) {
            (Some(_), _) | (_, ColumnType::Money | ColumnType::Number | ColumnType::Date) => {
                Shape::Token
            }
            _ => Shape::Text,
        })
        .collect();
    let totals = table_totals(t);
    let refs: Vec<&[String]> = rows.iter().map(Vec::as_slice).collect();
    let layouts = lay_out(&labels, &shapes, &refs, totals.as_deref());
    let keep: Vec<bool> = layouts.iter().map(|l| l.shown).collect();
    let pick = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c)
            .collect()
    };
    let mut masked: Vec<&'static str> = Vec::new();
    for kind in [MaskKind::Name, MaskKind::Id, MaskKind::Phone] {
        if t.columns
            .iter()
            .zip(&keep)
            .any(|(c, k)| *k && c.mask == Some(kind))
        {
            masked.push(mask_key(kind));
        }
    }
    TableView {
        caption: text(&t.caption),
        columns: t
            .columns
            .iter()
            .zip(labels)
            .zip(layouts)
            .filter(|(_, l)| l.shown)
            .map(|((c, label), layout)| ColumnView {
                label,
                kind: match c.column_type() {
                    ColumnType::Text => "text",
                    ColumnType::Number => "number",
                    ColumnType::Money => "money",
                    ColumnType::Date => "date",
                },
                numeric: matches!(c.column_type(), ColumnType::Money | ColumnType::Number),
                masked: c.mask.is_some(),
                layout,
            })
            .collect(),
        rows: rows.into_iter().map(pick).collect(),
        totals: totals.map(|t| {
            t.into_iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c)
                .collect()
        }),
        note: text(&t.note),
        masked,
    }
}

fn mask_key(kind: MaskKind) -> &'static str {
    match kind {
        MaskKind::Name => "name",
        MaskKind::Id => "id",
        MaskKind::Phone => "phone",
    }
}

/// A cell as shown: money and numbers grouped, dates in words, text as written.
fn cell_text(col: &Column, raw: Option<&str>, ctx: &ViewContext) -> String {
    let Some(raw) = raw else { return String::new() };
    match col.column_type() {
        ColumnType::Money => raw
            .parse::<Money>()
            .map(format::money)
            .unwrap_or_else(|_| raw.to_string()),
        ColumnType::Number => raw
            .replace(',', "")
            .parse::<Decimal>()
            .map(format::number)
            .unwrap_or_else(|_| raw.to_string()),
        ColumnType::Date => raw
            .parse::<Date>()
            .map(|d| ctx.formats.date(d))
            .unwrap_or_else(|_| raw.to_string()),
        ColumnType::Text => raw.to_string(),
    }
}

/// The totals row: a sum under each `total: true` column, `None` elsewhere.
fn table_totals(t: &Table) -> Option<Vec<Option<String>>> {
    let any_total = t.columns.iter().any(|c| c.total);
    any_total.then(|| {
        t.columns
            .iter()
            .map(|c| {
                c.total.then(|| {
                    let sum: Decimal = t
                        .rows
                        .iter()
                        .filter_map(|row| Table::cell(row, c.key_str()))
                        .filter_map(|v| v.replace([',', '¥'], "").trim().parse::<Decimal>().ok())
                        .sum();
                    match c.column_type() {
                        ColumnType::Money => format::money(Money(sum)),
                        _ => format::number(sum),
                    }
                })
            })
            .collect()
    })
}
