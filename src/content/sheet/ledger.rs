//! A cash ledger read from a spreadsheet: the header row found under any
//! title, Chinese column names mapped to fields, 上期结余 / 本期合计 /
//! 本期结余 rows recognised and checked, a 余额 column followed to the fen.

use rust_decimal::Decimal;
use serde_yaml::{Mapping, Value};

use crate::content::mask::scalar_text;
use crate::content::sheet::values::{date, money};
use crate::content::sheet::{Cell, Expanded, Opened, normalize_header};
use crate::types::{Money, Period};

/// A ledger column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Date,
    Voucher,
    Item,
    Income,
    Expense,
    Balance,
    Note,
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Voucher => "voucher",
            Field::Item => "item",
            Field::Income => "income",
            Field::Expense => "expense",
            Field::Balance => "balance",
            Field::Note => "note",
        }
    }

    fn from_key(key: &str) -> Option<Field> {
        Some(match key.trim() {
            "date" | "日期" => Field::Date,
            "voucher" | "凭证号" => Field::Voucher,
            "item" | "摘要" => Field::Item,
            "income" | "收入" => Field::Income,
            "expense" | "支出" => Field::Expense,
            "balance" | "余额" => Field::Balance,
            "note" | "备注" => Field::Note,
            _ => return None,
        })
    }

    /// The headers account books use for each column.
    fn from_header(header: &str) -> Option<Field> {
        let h = normalize_header(header);
        Some(match h.as_str() {
            "日期" | "记账日期" | "凭证日期" | "时间" | "月日" | "业务日期" => {
                Field::Date
            }
            "凭证号" | "凭证编号" | "凭证" | "记账凭证号" | "凭证字号" | "票据号" => {
                Field::Voucher
            }
            "摘要" | "事项" | "内容" | "项目" | "收支内容" | "款项" => Field::Item,
            "收入" | "收入金额" | "借方" | "借方金额" | "收款" => Field::Income,
            "支出" | "支出金额" | "贷方" | "贷方金额" | "付款" => Field::Expense,
            "余额" | "结余" | "结存" => Field::Balance,
            "备注" | "说明" | "附注" => Field::Note,
            _ => return None,
        })
    }
}

/// What a row of the sheet is.
enum Row {
    Blank,
    Opening,
    Totals,
    Closing,
    Entry,
}

fn row_kind(label: &str) -> Row {
    let l = normalize_header(label);
    match l.as_str() {
        "" => Row::Blank,
        "上期结余" | "期初余额" | "上月结余" | "承上期" | "上年结转" | "承前页" => {
            Row::Opening
        }
        "合计" | "本期合计" | "本月合计" | "总计" | "本季度合计" | "本年合计" => {
            Row::Totals
        }
        "本期结余" | "期末余额" | "本月结余" | "结余" => Row::Closing,
        _ => Row::Entry,
    }
}

/// Fills `ledger` (a YAML mapping with `from:`) from the opened sheet.
pub(crate) fn fill(ledger: &mut Value, sheet: &Opened, period: Option<Period>, out: &mut Expanded) {
    let Some((header, columns)) = find_header(ledger, sheet) else {
        out.diags.push(
            crate::diagnostic::Diagnostic::error(&sheet.file, format!("工作表“{}”里找不到账目的表头", sheet.grid.sheet))
                .help("表头要有“摘要”和“收入”“支出”（或“借方”“贷方”）这样的列名；列名不同时，在记录的 ledger 里用 columns 写明，例如 columns: {收入金额: income, 支出金额: expense}"),
        );
        return;
    };
    let col = |f: Field| columns.iter().position(|c| *c == Some(f));
    let cell = |r: usize, f: Field| -> &Cell {
        col(f)
            .and_then(|c| sheet.grid.cells.get(r).and_then(|row| row.get(c)))
            .unwrap_or(&Cell::Empty)
    };
    let mut year = period.map(|p| p.bounds().0.year());
    let mut entries = Vec::new();
    let mut opening: Option<(Money, usize, usize)> = None;
    let mut closing: Option<(Money, usize)> = None;
    let mut totals: Option<usize> = None;
    let mut running = scalar_text(ledger.get("opening").unwrap_or(&Value::Null))
        .and_then(|t| t.parse::<Money>().ok())
        .map(|m| m.0);
    for r in header + 1..sheet.grid.cells.len() {
        let label = [Field::Item, Field::Date, Field::Voucher]
            .iter()
            .map(|f| cell(r, *f).text())
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        let label = if sheet.grid.cells[r].iter().all(Cell::is_empty) {
            String::new()
        } else {
            label
        };
        match row_kind(&label) {
            Row::Blank => {}
            Row::Opening => {
                let c = col(Field::Balance).or(col(Field::Income)).unwrap_or(0);
                if let Some(m) = read_money(sheet, r, c, out) {
                    if let Some(typed) = running.filter(|t| opening.is_none() && *t != m.0) {
                        out.diags.push(sheet.error(
                            r,
                            c,
                            format!(
                                "表格的上期结余是 {m}，但记录里 opening 写的是 {}",
                                Money(typed)
                            ),
                            "两处只留一处：删掉记录里的 opening（以表格为准），或改正表格",
                        ));
                    }
                    opening = Some((m, r, c));
                    running = running.or(Some(m.0));
                }
            }
            Row::Totals => totals = Some(r),
            Row::Closing => {
                let c = col(Field::Balance).or(col(Field::Income)).unwrap_or(0);
                closing = read_money(sheet, r, c, out).map(|m| (m, r));
            }
            Row::Entry => {
                let i = entries.len();
                entries.push(entry(sheet, r, &columns, &mut year, i, out));
                if let Some(b) = running.as_mut() {
                    follow_balance(sheet, r, col, b, out);
                }
            }
        }
    }
    if let Some(r) = totals {
        check_totals(
            sheet,
            r,
            col(Field::Income),
            col(Field::Expense),
            &entries,
            out,
        );
    }
    let Some(map) = ledger.as_mapping_mut() else {
        return;
    };
    if let Some((m, r, c)) = opening
        && map.get("opening").is_none()
    {
        map.insert("opening".into(), Value::String(m.to_string()));
        out.cells.insert("ledger.opening".into(), sheet.at(r, c));
    }
    if let Some((m, r)) = closing
        && map.get("closing").is_none()
    {
        map.insert("closing".into(), Value::String(m.to_string()));
        let c = col(Field::Balance).or(col(Field::Income)).unwrap_or(0);
        out.cells.insert("ledger.closing".into(), sheet.at(r, c));
    }
    if let Some(b) = running
        && map.get("closing").is_none()
    {
        // No 本期结余 row: the sheet's own running balance is the closing.
        map.insert("closing".into(), Value::String(Money(b).to_string()));
    }
    map.insert("entries".into(), Value::Sequence(entries));
}

/// The header row: the first row (of twenty) that names the item and an
/// amount column; with the record's `columns:` mapping applied.
fn find_header(ledger: &Value, sheet: &Opened) -> Option<(usize, Vec<Option<Field>>)> {
    let own: Vec<(String, Field)> = ledger
        .get("columns")
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
        .filter_map(|(h, f)| {
            Some((
                normalize_header(&scalar_text(h)?),
                Field::from_key(&scalar_text(f)?)?,
            ))
        })
        .collect();
    sheet
        .grid
        .cells
        .iter()
        .take(20)
        .enumerate()
        .find_map(|(r, row)| {
            let fields: Vec<Option<Field>> = row
                .iter()
                .map(|c| {
                    let h = normalize_header(&c.text());
                    own.iter()
                        .find(|(name, _)| *name == h)
                        .map(|(_, f)| *f)
                        .or_else(|| Field::from_header(&h))
                })
                .collect();
            let has = |f: Field| fields.contains(&Some(f));
            (has(Field::Item) && (has(Field::Income) || has(Field::Expense))).then_some((r, fields))
        })
}

fn read_money(sheet: &Opened, r: usize, c: usize, out: &mut Expanded) -> Option<Money> {
    let cell = sheet
        .grid
        .cells
        .get(r)
        .and_then(|row| row.get(c))
        .unwrap_or(&Cell::Empty);
    match money(cell) {
        Ok(m) => m,
        Err((msg, help)) => {
            out.diags.push(sheet.error(r, c, msg, help));
            None
        }
    }
}

/// One entry as YAML, each value remembering its cell.
fn entry(
    sheet: &Opened,
    r: usize,
    columns: &[Option<Field>],
    year: &mut Option<i16>,
    i: usize,
    out: &mut Expanded,
) -> Value {
    let mut map = Mapping::new();
    let at = format!("ledger.entries[{i}]");
    let row = &sheet.grid.cells[r];
    let first = columns
        .iter()
        .position(|c| *c == Some(Field::Item))
        .unwrap_or(0);
    out.cells.insert(at.clone(), sheet.at(r, first));
    for (c, field) in columns.iter().enumerate() {
        let Some(field) = field else { continue };
        let cell = row.get(c).unwrap_or(&Cell::Empty);
        let value = match field {
            Field::Balance => continue,
            Field::Date => match date(cell, *year) {
                Ok(Some(d)) => {
                    *year = Some(d.year());
                    Some(d.to_string())
                }
                Ok(None) => None,
                Err((msg, help)) => {
                    out.diags.push(sheet.error(r, c, msg, help));
                    None
                }
            },
            Field::Income | Field::Expense => match money(cell) {
                Ok(m) => m.filter(|m| m.0 != Decimal::ZERO).map(|m| m.to_string()),
                Err((msg, help)) => {
                    out.diags.push(sheet.error(r, c, msg, help));
                    None
                }
            },
            _ => Some(cell.text()).filter(|t| !t.is_empty()),
        };
        if let Some(v) = value {
            out.cells
                .insert(format!("{at}.{}", field.key()), sheet.at(r, c));
            map.insert(field.key().into(), Value::String(v));
        }
    }
    Value::Mapping(map)
}

/// Follows the sheet's 余额 column: each row's balance is the one before it,
/// plus its income, less its expense.
fn follow_balance(
    sheet: &Opened,
    r: usize,
    col: impl Fn(Field) -> Option<usize>,
    balance: &mut Decimal,
    out: &mut Expanded,
) {
    let get = |f: Field| {
        col(f)
            .and_then(|c| sheet.grid.cells[r].get(c))
            .and_then(|cell| money(cell).ok().flatten())
            .map_or(Decimal::ZERO, |m| m.0)
    };
    *balance += get(Field::Income) - get(Field::Expense);
    let Some(c) = col(Field::Balance) else { return };
    let cell = sheet.grid.cells[r].get(c).unwrap_or(&Cell::Empty);
    if let Ok(Some(written)) = money(cell)
        && written.0 != *balance
    {
        out.diags.push(sheet.error(
            r,
            c,
            format!(
                "余额写的是 {written}，按上一行余额和这一行的收支算应为 {}",
                Money(*balance)
            ),
            "核对这一行和上面几行的收入、支出；余额一列要逐行接上",
        ));
        *balance = written.0;
    }
}

/// The sheet's 合计 row must equal the sums of its entries.
fn check_totals(
    sheet: &Opened,
    r: usize,
    income: Option<usize>,
    expense: Option<usize>,
    entries: &[Value],
    out: &mut Expanded,
) {
    for (col, key, what) in [(income, "income", "收入"), (expense, "expense", "支出")] {
        let Some(c) = col else { continue };
        let cell = sheet.grid.cells[r].get(c).unwrap_or(&Cell::Empty);
        let Ok(Some(written)) = money(cell) else {
            continue;
        };
        let sum: Decimal = entries
            .iter()
            .filter_map(|e| e.get(key).and_then(scalar_text))
            .filter_map(|t| t.parse::<Money>().ok())
            .map(|m| m.0)
            .sum();
        if written.0 != sum {
            out.diags.push(sheet.error(
                r,
                c,
                format!(
                    "合计行的{what}写的是 {written}，但上面各行{what}加起来是 {}",
                    Money(sum)
                ),
                "核对每一行的金额和合计公式的范围（是否漏了行、多了行）",
            ));
        }
    }
}
