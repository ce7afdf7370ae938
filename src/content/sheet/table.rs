//! A table read from a spreadsheet: the header row found under any title,
//! one column per header, masks and types named by header, a 合计 row
//! recognised and checked against the rows above it.

use rust_decimal::Decimal;
use serde_yaml::{Mapping, Value};

use crate::content::mask::scalar_text;
use crate::content::sheet::values::money;
use crate::content::sheet::{Cell, Expanded, Opened, normalize_header};

/// Words in a header that make its column an amount of money.
const MONEY_WORDS: &[&str] = &[
    "金额",
    "元",
    "资金",
    "补贴",
    "补助",
    "保障金",
    "费",
    "款",
    "工资",
    "报酬",
];
/// Words in a header that make its column a count to be totalled.
const COUNT_WORDS: &[&str] = &["人数", "户数", "数量", "人口", "面积", "亩数", "件数"];

/// Fills table number `t` (a YAML mapping with `from:`) from the opened sheet.
pub(crate) fn fill(table: &mut Value, t: usize, sheet: &Opened, out: &mut Expanded) {
    let grid = &sheet.grid;
    let widest = grid
        .cells
        .iter()
        .map(|r| r.iter().filter(|c| !c.is_empty()).count())
        .max()
        .unwrap_or(0);
    // The header: the first row about as full as the fullest row (a title
    // merged across the top holds one cell).
    let Some(header) = grid.cells.iter().position(|r| {
        let n = r.iter().filter(|c| !c.is_empty()).count();
        n >= 2 && n * 2 >= widest
    }) else {
        out.diags.push(
            crate::diagnostic::Diagnostic::error(
                &sheet.file,
                format!("工作表“{}”里找不到表头", grid.sheet),
            )
            .help("表格第一行（标题下面）要写各列的名称，例如 姓名、身份证号、金额"),
        );
        return;
    };
    let heads: Vec<(usize, String)> = grid.cells[header]
        .iter()
        .enumerate()
        .map(|(c, cell)| (c, cell.text().replace(['\n', '\r'], "")))
        .filter(|(_, h)| !h.trim().is_empty())
        .collect();
    let masks = named_map(table, "mask");
    let types = named_map(table, "types");
    let mut rows = Vec::new();
    let mut totals_row = None;
    // The column of the cell that says 合计.
    let mut totals_label = None;
    for r in header + 1..grid.cells.len() {
        let row = &grid.cells[r];
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        let first = row
            .iter()
            .find(|c| !c.is_empty())
            .map(Cell::text)
            .unwrap_or_default();
        if matches!(
            normalize_header(&first).as_str(),
            "合计" | "总计" | "小计" | "本期合计"
        ) {
            totals_row = Some(r);
            totals_label = row.iter().position(|c| !c.is_empty());
            continue;
        }
        rows.push(r);
    }
    let mut columns = Vec::new();
    let mut totalled = Vec::new();
    for (i, (c, head)) in heads.iter().enumerate() {
        let key = unique_key(head, &heads[..i]);
        let mask = masks
            .iter()
            .find(|(h, _)| normalize_header(h) == normalize_header(head))
            .map(|(_, m)| m.clone());
        let declared = types
            .iter()
            .find(|(h, _)| normalize_header(h) == normalize_header(head))
            .map(|(_, t)| t.clone());
        let kind = declared.unwrap_or_else(|| {
            infer_type(
                head,
                mask.is_some(),
                rows.iter().map(|&r| cell_at(sheet, r, *c)),
            )
        });
        // The clerk's 合计 row says which columns are summed; without one,
        // money and head counts are.
        let total = match totals_row {
            Some(r) => {
                let cell = cell_at(sheet, r, *c);
                let label = totals_label == Some(*c);
                if !label && !cell.is_empty() && !matches!(kind.as_str(), "money" | "number") {
                    out.diags.push(sheet.error(
                        r,
                        *c,
                        format!(
                            "合计行在“{head}”这一列写了 {}，但这一列不全是数字，无法核对",
                            cell.text()
                        ),
                        "检查这一列各行是否混进了文字或空格；不需要合计的，删掉合计行里的这一格",
                    ));
                }
                !label && !cell.is_empty() && matches!(kind.as_str(), "money" | "number")
            }
            None => {
                kind == "money"
                    || (kind == "number" && COUNT_WORDS.iter().any(|w| head.contains(w)))
            }
        };
        let mut col = Mapping::new();
        col.insert("key".into(), Value::String(key.clone()));
        col.insert("label".into(), Value::String(head.clone()));
        if let Some(m) = mask {
            col.insert("mask".into(), Value::String(m));
        }
        if kind != "text" {
            col.insert("type".into(), Value::String(kind.clone()));
        }
        if total {
            col.insert("total".into(), Value::Bool(true));
            totalled.push((*c, kind.clone()));
        }
        out.cells
            .insert(format!("tables[{t}].columns[{i}]"), sheet.at(header, *c));
        columns.push((key, *c, kind));
        columns_value(table).push(Value::Mapping(col));
    }
    let mut row_values = Vec::new();
    for (n, &r) in rows.iter().enumerate() {
        let mut map = Mapping::new();
        let at = format!("tables[{t}].rows[{n}]");
        out.cells
            .insert(at.clone(), sheet.at(r, heads.first().map_or(0, |h| h.0)));
        for (key, c, kind) in &columns {
            let cell = cell_at(sheet, r, *c);
            let text = match (kind.as_str(), cell) {
                (_, Cell::FormulaWithoutValue(_) | Cell::Error(_)) | ("money", _) => {
                    match money(cell) {
                        Ok(m) => m.map(|m| m.to_string()),
                        Err((msg, help)) => {
                            out.diags.push(sheet.error(r, *c, msg, help));
                            None
                        }
                    }
                }
                (_, Cell::Number(x))
                    if x.abs() >= 1e15
                        || (cell.text().len() >= 15 && x.fract() == 0.0 && x.abs() >= 1e14) =>
                {
                    out.diags.push(sheet.error(
                        r,
                        *c,
                        "这一格是很长的数字：身份证号等长号码存成数字后，最后几位会丢失",
                        "把这一列设成“文本”格式，重新输入号码（或在号码前加一个英文单引号 '）",
                    ));
                    None
                }
                _ => Some(cell.text()).filter(|s| !s.is_empty()),
            };
            if let Some(v) = text {
                out.cells.insert(format!("{at}.{key}"), sheet.at(r, *c));
                map.insert(Value::String(key.clone()), Value::String(v));
            }
        }
        row_values.push(Value::Mapping(map));
    }
    if let Some(r) = totals_row {
        check_totals(sheet, r, &totalled, &rows, out);
    }
    if let Some(map) = table.as_mapping_mut() {
        map.insert("rows".into(), Value::Sequence(row_values));
    }
}

/// The `columns:` list of the table, created empty for the sheet's columns.
fn columns_value(table: &mut Value) -> &mut Vec<Value> {
    let map = table.as_mapping_mut().expect("a table is a mapping");
    let cols = map
        .entry("columns".into())
        .or_insert_with(|| Value::Sequence(Vec::new()));
    if !cols.is_sequence() {
        *cols = Value::Sequence(Vec::new());
    }
    cols.as_sequence_mut().expect("just made a list")
}

fn cell_at(sheet: &Opened, r: usize, c: usize) -> &Cell {
    sheet
        .grid
        .cells
        .get(r)
        .and_then(|row| row.get(c))
        .unwrap_or(&Cell::Empty)
}

/// `mask: {身份证号: id}` or `types: {人数: number}`, as (header, value) pairs.
fn named_map(table: &Value, key: &str) -> Vec<(String, String)> {
    table
        .get(key)
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
        .filter_map(|(h, v)| Some((scalar_text(h)?, scalar_text(v)?)))
        .collect()
}

/// A column key from its header, unique in the table.
fn unique_key(head: &str, before: &[(usize, String)]) -> String {
    let base = normalize_header(head);
    let taken = before
        .iter()
        .filter(|(_, h)| normalize_header(h) == base)
        .count();
    if taken == 0 {
        base
    } else {
        format!("{base}{}", taken + 1)
    }
}

/// `money` for a header that names an amount and cells that are amounts,
/// `number` for counts, `date` for date cells, else `text`.
fn infer_type<'a>(head: &str, masked: bool, cells: impl Iterator<Item = &'a Cell>) -> String {
    if masked {
        return "text".into();
    }
    let cells: Vec<&Cell> = cells.filter(|c| !c.is_empty()).collect();
    if cells.is_empty() {
        return "text".into();
    }
    let numeric = cells
        .iter()
        .all(|c| matches!(c, Cell::Number(_)) || money(c).is_ok_and(|m| m.is_some()));
    if cells.iter().all(|c| matches!(c, Cell::Date(_))) {
        "date".into()
    } else if numeric && MONEY_WORDS.iter().any(|w| head.contains(w)) {
        "money".into()
    } else if numeric && cells.iter().all(|c| is_count(c)) {
        "number".into()
    } else {
        "text".into()
    }
}

/// A whole number a person counts with: a number cell, or digits typed as
/// text (as every cell of a CSV is), short enough not to be an account number.
fn is_count(cell: &Cell) -> bool {
    match cell {
        Cell::Number(n) => n.fract() == 0.0 && n.abs() < 1e9,
        Cell::Text(t) => {
            let t = t.trim();
            !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

/// The sheet's 合计 row must equal the sums of the rows above it.
fn check_totals(
    sheet: &Opened,
    r: usize,
    totalled: &[(usize, String)],
    rows: &[usize],
    out: &mut Expanded,
) {
    for (c, kind) in totalled {
        let Ok(Some(written)) = money(cell_at(sheet, r, *c)) else {
            continue;
        };
        let sum: Decimal = rows
            .iter()
            .filter_map(|&row| money(cell_at(sheet, row, *c)).ok().flatten())
            .map(|m| m.0)
            .sum();
        if written.0 != sum {
            out.diags.push(sheet.error(
                r,
                *c,
                {
                    let show = |d: Decimal| match kind.as_str() {
                        "money" => crate::types::Money(d).to_string(),
                        _ => d.normalize().to_string(),
                    };
                    format!(
                        "合计行写的是 {}，但上面各行加起来是 {}",
                        show(written.0),
                        show(sum)
                    )
                },
                "核对每一行的数和合计公式的范围（是否漏了行、多了行）",
            ));
        }
    }
}
