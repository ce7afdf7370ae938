//! Rules for disclosures: the category, the ledger balancing to the fen, and tables.

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::content::Record;
use crate::content::disclosure::{Category, ColumnType, Disclosure, Entry, Ledger, Table};
use crate::types::{Date, Money, Text};
use crate::validate::Checks;

pub(crate) fn check_disclosure(record: &Record, d: &Disclosure, c: &mut Checks) {
    match d.category {
        None => c.error(
            "category",
            "缺少公开类别 category",
            "加一行 category: affairs（村务/居务）、finance（财务）、party（党务）或 other（其他）",
        ),
        Some(Category::Finance) if record.common.reviewed_by.as_ref().is_none_or(|r| r.as_str().trim().is_empty()) => c.error(
            "reviewed_by",
            "财务公开必须写明审核单位 reviewed_by",
            "财务公开在张贴前要经民主理财小组或村（居）务监督委员会审核，例如 reviewed_by: 幸福村村务监督委员会",
        ),
        Some(_) => {}
    }
    if let Some(ledger) = &d.ledger {
        let period = d.period.map(|p| p.bounds());
        check_ledger(ledger, period, c);
    }
    for (i, t) in d.tables.iter().enumerate() {
        check_table(t, &format!("tables[{i}]"), c);
    }
    if d.ledger.is_none() && d.tables.is_empty() && record.body.trim().is_empty() {
        c.warn(
            "",
            "这条公开没有正文、账目或表格，页面上将是空的",
            "写上公开的内容",
        );
    }
}

fn check_ledger(l: &Ledger, period: Option<(Date, Date)>, c: &mut Checks) {
    if l.from.is_none() {
        for (field, set) in [
            ("ledger.sheet", l.sheet.is_some()),
            ("ledger.range", l.range.is_some()),
            ("ledger.columns", l.columns.is_some()),
        ] {
            if set {
                c.error(field, SHEET_ONLY, "写上 from: 表格文件名，或删掉这一行");
            }
        }
    }
    if let Some(cur) = &l.currency
        && !matches!(
            cur.as_str().trim().to_ascii_uppercase().as_str(),
            "CNY" | "RMB" | "人民币" | "元"
        )
    {
        c.error(
            "ledger.currency",
            format!(
                "币种“{}”不对：公开的账目只用人民币",
                crate::diagnostic::quote(cur.as_str())
            ),
            "删掉 currency 这一行（默认人民币），或写 currency: CNY",
        );
    }
    if l.opening.is_none() {
        c.error(
            "ledger",
            "账目缺少上期结余 opening",
            "加一行 opening: \"0.00\"（没有结余就写 0.00）",
        );
    }
    for (i, e) in l.entries.iter().enumerate() {
        check_entry(e, &format!("ledger.entries[{i}]"), period, c);
    }
    check_closing(l, c);
}

/// One ledger line: what it is, when, and exactly one positive amount.
fn check_entry(e: &Entry, at: &str, period: Option<(Date, Date)>, c: &mut Checks) {
    if e.item.as_ref().is_none_or(|t| t.as_str().trim().is_empty()) {
        c.error(
            at,
            "账目条目缺少摘要 item",
            "写明这笔钱是什么，例如 item: 道路维修",
        );
    }
    match e.date {
        None => c.error(
            at,
            "账目条目缺少日期 date",
            "写上记账日期，例如 date: 2026-10-03",
        ),
        Some(date) => {
            if let Some((from, until)) = period.filter(|(f, u)| date < *f || date > *u) {
                c.warn(
                    &format!("{at}.date"),
                    format!("记账日期 {date} 不在所属期间（{from}至{until}）内"),
                    "核对日期或 period",
                );
            }
        }
    }
    match (e.income, e.expense) {
        (Some(_), Some(_)) => c.error(
            at,
            "一个条目不能同时有收入 income 和支出 expense",
            "拆成两个条目，一个写 income，一个写 expense",
        ),
        (None, None) => c.error(
            at,
            "账目条目没有金额（income 或 expense）",
            "写 income: \"金额\"（收入）或 expense: \"金额\"（支出）其中一个",
        ),
        (Some(m), None) | (None, Some(m)) if m.0 < Decimal::ZERO => {
            let field = if e.income.is_some() {
                "income"
            } else {
                "expense"
            };
            c.error(
                &format!("{at}.{field}"),
                format!("金额 {m} 是负数"),
                "收入和支出都写正数；退款写成收入，冲回写成支出，并在 note 里说明",
            );
        }
        _ => {}
    }
}

/// 本期结余 must equal 上期结余 + 收入 − 支出 to the fen.
fn check_closing(l: &Ledger, c: &mut Checks) {
    if c.repaired_under("ledger") {
        // An amount that could not be read is reported; a sum without it
        // would only mislead.
        return;
    }
    let expected = l.expected_closing();
    match l.closing {
        None => c.error(
            "ledger",
            "账目缺少本期结余 closing",
            format!("按账目计算，本期结余应为 {expected}，请写 closing: \"{expected}\""),
        ),
        Some(closing) if closing != expected => c.error(
            "ledger.closing",
            format!(
                "本期结余 closing 写的是 {closing}，但上期结余 {} + 收入合计 {} − 支出合计 {} = {expected}",
                l.opening.unwrap_or(Money::ZERO),
                l.income_total(),
                l.expense_total()
            ),
            format!("核对每一笔收支；如果账目无误，把 closing 改为 \"{expected}\""),
        ),
        Some(_) => {}
    }
}

/// Why `sheet:`, `range:`, `columns:` or `mask:` as a map need `from:`.
const SHEET_ONLY: &str = "这一项是读表格文件用的，要和 from:（表格文件名）一起写";

fn check_table(t: &Table, at: &str, c: &mut Checks) {
    if t.from.is_none() {
        for (field, set) in [
            ("sheet", t.sheet.is_some()),
            ("range", t.range.is_some()),
            ("mask", t.mask.is_some()),
            ("types", t.types.is_some()),
        ] {
            if set {
                c.error(
                    &format!("{at}.{field}"),
                    SHEET_ONLY,
                    "写上 from: 表格文件名，或删掉这一行",
                );
            }
        }
    }
    if t.columns.is_empty() {
        c.error(
            at,
            "表格没有列 columns",
            "先写 columns，例如 - {key: name, label: 姓名, mask: name}",
        );
        return;
    }
    check_columns(t, at, c);
    for (r, row) in t.rows.iter().enumerate() {
        for (key, value) in row {
            check_cell(
                t,
                &format!("{at}.rows[{r}].{}", key.as_str()),
                key,
                value,
                c,
            );
        }
    }
}

/// Each column has a unique key; totals only on numbers; masks only on text.
fn check_columns(t: &Table, at: &str, c: &mut Checks) {
    let mut keys = HashSet::new();
    for (i, col) in t.columns.iter().enumerate() {
        let cat = format!("{at}.columns[{i}]");
        let key = col.key_str().trim();
        if key.is_empty() {
            c.error(
                &cat,
                "表格列缺少 key",
                "每一列都要有 key（行里用它填值），例如 key: name",
            );
            continue;
        }
        if key
            .chars()
            .any(|ch| ch.is_whitespace() || ch.is_control() || "<>\"'&`{}[]:,#".contains(ch))
            || key.chars().count() > 40
        {
            c.error(
                &format!("{cat}.key"),
                format!("列 key“{}”里有空格或符号", crate::diagnostic::quote(key)),
                "key 只是行里填值用的名字，用字母、数字、汉字或下划线，例如 key: name 或 key: 姓名",
            );
        }
        if !keys.insert(key) {
            c.error(
                &format!("{cat}.key"),
                format!("列 key“{key}”重复了"),
                "每一列的 key 要不同",
            );
        }
        let numeric = matches!(col.column_type(), ColumnType::Money | ColumnType::Number);
        if col.total && !numeric {
            c.error(
                &format!("{cat}.total"),
                format!("列“{key}”不是数字列，不能合计"),
                "合计 total: true 只用在 type: money 或 type: number 的列上",
            );
        }
        if col.mask.is_some() && col.kind.is_some_and(|k| k != ColumnType::Text) {
            c.error(
                &format!("{cat}.mask"),
                "遮盖（mask）的列只能是文字列",
                "删掉这一列的 type，或删掉 mask",
            );
        }
    }
}

/// A cell belongs to a declared column and reads as that column's type.
fn check_cell(t: &Table, at: &str, key: &Text, value: &Option<Text>, c: &mut Checks) {
    let Some(col) = t
        .columns
        .iter()
        .find(|c| c.key_str().trim() == key.as_str())
    else {
        let known: Vec<&str> = t.columns.iter().map(|c| c.key_str()).collect();
        c.error(
            at,
            format!("这一行有表格没有声明的列“{}”，它的值不会显示", key.as_str()),
            format!(
                "在 columns 里加上这一列，或改成已有的列：{}",
                known.join("、")
            ),
        );
        return;
    };
    let Some(value) = value
        .as_ref()
        .map(|v| v.as_str().trim())
        .filter(|v| !v.is_empty())
    else {
        return;
    };
    let problem = match col.column_type() {
        ColumnType::Money => value.parse::<Money>().err(),
        ColumnType::Number => value
            .replace(',', "")
            .parse::<Decimal>()
            .err()
            .map(|_| format!("“{value}”不是数字")),
        ColumnType::Date => value.parse::<Date>().err(),
        ColumnType::Text => None,
    };
    if let Some(msg) = problem {
        c.error(
            at,
            msg,
            format!(
                "“{}”列的类型是 {}",
                col.label.as_ref().map_or(key.as_str(), |l| l.as_str()),
                type_name(col.column_type())
            ),
        );
    }
}

fn type_name(t: ColumnType) -> &'static str {
    match t {
        ColumnType::Money => "money（金额）",
        ColumnType::Number => "number（数字）",
        ColumnType::Date => "date（日期）",
        ColumnType::Text => "text（文字）",
    }
}
