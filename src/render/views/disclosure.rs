//! The view of a disclosure: its ledger with running balance and totals, and
//! its tables with masked columns and money totals.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::content::disclosure::{Column, ColumnType, Disclosure, Ledger, Table};
use crate::render::format;
use crate::render::views::{ViewContext, text};
use crate::types::{Date, Money};

#[derive(Debug, Clone, Serialize)]
pub struct DisclosureView {
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
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
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
    pub columns: Vec<ColumnView>,
    pub rows: Vec<Vec<String>>,
    /// One cell per column: the total, or `None` where nothing is summed.
    pub totals: Option<Vec<Option<String>>>,
    pub note: Option<String>,
    /// Some column is masked, so the page says why names read 王*兰.
    pub any_masked: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnView {
    pub label: String,
    pub numeric: bool,
    pub masked: bool,
}

pub fn disclosure_view(d: &Disclosure, ctx: &ViewContext) -> DisclosureView {
    DisclosureView {
        category: d.category.map(|c| c.key()),
        period_display: d.period.map(|p| ctx.formats.period(p)),
        ledger: d.ledger.as_ref().map(|l| ledger_view(l, ctx)),
        tables: d.tables.iter().map(|t| table_view(t, ctx)).collect(),
    }
}

fn ledger_view(l: &Ledger, ctx: &ViewContext) -> LedgerView {
    let closing = l.closing.unwrap_or_else(|| l.expected_closing());
    let opening = l.opening.unwrap_or(Money::ZERO);
    let mut years = l.entries.iter().filter_map(|e| e.date).map(|d| d.year());
    let first = years.next();
    let year = first.filter(|y| years.all(|other| other == *y));
    let mut balance = opening.0;
    let entries = l
        .entries
        .iter()
        .map(|e| {
            balance +=
                e.income.map_or(Decimal::ZERO, |m| m.0) - e.expense.map_or(Decimal::ZERO, |m| m.0);
            EntryView {
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
    LedgerView {
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

fn table_view(t: &Table, ctx: &ViewContext) -> TableView {
    let rows = t
        .rows
        .iter()
        .map(|row| {
            t.columns
                .iter()
                .map(|c| cell_text(c, Table::cell(row, c.key_str()), ctx))
                .collect()
        })
        .collect();
    TableView {
        caption: text(&t.caption),
        columns: t
            .columns
            .iter()
            .map(|c| ColumnView {
                label: text(&c.label).unwrap_or_else(|| c.key_str().to_string()),
                numeric: matches!(c.column_type(), ColumnType::Money | ColumnType::Number),
                masked: c.mask.is_some(),
            })
            .collect(),
        rows,
        totals: table_totals(t),
        note: text(&t.note),
        any_masked: t.columns.iter().any(|c| c.mask.is_some()),
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
