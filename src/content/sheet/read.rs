//! Reading a spreadsheet into a grid of cells: `.xlsx`, `.xls` and `.ods`
//! with calamine; `.csv` (and `.tsv`/`.txt`) with the csv crate, in UTF-8
//! (with or without a byte-order mark) or GBK/GB18030 as Chinese Windows saves
//! it, separated by commas or tabs.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};

use crate::types::Date;

/// The largest spreadsheet gongkai reads; anything bigger is refused whole.
pub const MAX_SHEET_BYTES: usize = 20 * 1024 * 1024;

/// One cell's value as the clerk typed it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
    Bool(bool),
    /// `#DIV/0!` and the like.
    Error(String),
    /// A formula whose result the file does not hold (saved by a program
    /// that does not compute formulas).
    FormulaWithoutValue(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The text of the cell as a person reads it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty | Cell::FormulaWithoutValue(_) => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// A number as typed: whole numbers without `.0`, others as the shortest
/// decimal that reads back the same.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A sheet read from a file.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The sheet's name, as the spreadsheet program shows it on its tab.
    pub sheet: String,
    /// Rows of cells; `cells[r][c]` is at spreadsheet row `first_row + r`,
    /// column `first_col + c` (both counted from zero).
    pub cells: Vec<Vec<Cell>>,
    pub first_row: u32,
    pub first_col: u32,
}

impl Grid {
    /// `D7`: the name a spreadsheet user gives the cell at `(r, c)` of the grid.
    pub fn cell_name(&self, r: usize, c: usize) -> String {
        cell_name(self.first_row + r as u32, self.first_col + c as u32)
    }
}

/// `A1`-style name of the cell at zero-based `(row, col)`.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Parses `A3` into zero-based `(row, col)`.
pub fn parse_cell_name(name: &str) -> Option<(u32, u32)> {
    let name = name.trim().to_ascii_uppercase();
    let letters: String = name.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits = &name[letters.len()..];
    if letters.is_empty() || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1))
        - 1;
    let row: u32 = digits.parse().ok()?;
    (row > 0).then_some((row - 1, col))
}

/// Why a spreadsheet could not be read, in words a clerk understands.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    pub message: String,
    pub help: String,
}

fn fail(message: impl Into<String>, help: impl Into<String>) -> ReadError {
    ReadError {
        message: message.into(),
        help: help.into(),
    }
}

/// Reads sheet `sheet` (or the first) of the spreadsheet at `path`.
pub fn read_grid(path: &Path, sheet: Option<&str>) -> Result<Grid, ReadError> {
    let meta = std::fs::metadata(path).map_err(|_| {
        fail(
            "找不到这个表格文件",
            "把表格文件放在记录文件旁边（同一个文件夹），文件名要和 from: 写的完全一致",
        )
    })?;
    if !meta.is_file() {
        return Err(fail("这不是普通文件", "from: 要写表格文件的名字"));
    }
    if meta.len() as usize > MAX_SHEET_BYTES {
        return Err(fail(
            format!(
                "表格文件太大（{} MB），最多 {} MB",
                meta.len() / (1024 * 1024),
                MAX_SHEET_BYTES / (1024 * 1024)
            ),
            "只保留要公开的那张表，删掉图片和不用的工作表后另存",
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| fail(format!("无法读取：{e}"), "检查文件是否被其他程序占用"))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => read_csv(&bytes, path),
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(bytes, &ext, sheet),
        _ => Err(fail(
            "不认识这种表格文件",
            "表格请存成 .xlsx、.xls、.ods 或 .csv",
        )),
    }
}

type Book = calamine::Sheets<Cursor<Vec<u8>>>;

fn open_book(bytes: Vec<u8>, ext: &str) -> Result<Book, ReadError> {
    if bytes.is_empty() {
        return Err(fail(
            "表格文件是空的",
            "用 Excel 或 WPS 打开，确认内容后重新保存",
        ));
    }
    let cursor = Cursor::new(bytes);
    let opened: Result<Book, String> = match ext {
        "xls" => calamine::open_workbook_from_rs(cursor)
            .map(calamine::Sheets::Xls)
            .map_err(|e: calamine::XlsError| e.to_string()),
        "ods" => calamine::open_workbook_from_rs(cursor)
            .map(calamine::Sheets::Ods)
            .map_err(|e: calamine::OdsError| e.to_string()),
        _ => calamine::open_workbook_from_rs(cursor)
            .map(calamine::Sheets::Xlsx)
            .map_err(|e: calamine::XlsxError| e.to_string()),
    };
    opened.map_err(|e| {
        if e.to_lowercase().contains("password") {
            fail(
                "表格文件设了密码，读不出来",
                "用 Excel 或 WPS 打开，在“文件 → 信息 → 保护工作簿”里去掉密码后另存",
            )
        } else {
            fail(
                "表格文件已损坏，或不是它的扩展名所说的格式",
                "用 Excel 或 WPS 打开后另存为 .xlsx；如果打不开，请找原文件",
            )
        }
    })
}

fn read_workbook(bytes: Vec<u8>, ext: &str, sheet: Option<&str>) -> Result<Grid, ReadError> {
    let mut book = open_book(bytes, ext)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(want) => names
            .iter()
            .find(|n| n.trim() == want.trim())
            .cloned()
            .ok_or_else(|| {
                fail(
                    format!("找不到工作表“{want}”"),
                    format!("这个文件里的工作表有：{}", names.join("、")),
                )
            })?,
        None => names.first().cloned().ok_or_else(|| {
            fail(
                "表格文件里没有工作表",
                "用 Excel 或 WPS 打开，确认内容后重新保存",
            )
        })?,
    };
    let grid = grid_of(&mut book, name)?;
    if grid.cells.iter().all(|r| r.iter().all(Cell::is_empty)) {
        return Err(fail(
            format!("工作表“{}”是空的", grid.sheet),
            "确认表格内容在这张工作表里，或用 sheet: 写出要读的工作表",
        ));
    }
    Ok(grid)
}

/// Every sheet of the spreadsheet in `bytes` (named `path`), hidden ones
/// too: what a reader who downloads the file can see in it.
pub fn read_every_sheet(bytes: &[u8], path: &Path) -> Result<Vec<Grid>, ReadError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(ext.as_str(), "csv" | "tsv" | "txt") {
        return read_csv(bytes, path).map(|g| vec![g]);
    }
    let mut book = open_book(bytes.to_vec(), &ext)?;
    book.sheet_names()
        .into_iter()
        .map(|name| grid_of(&mut book, name))
        .collect()
}

/// The sheet `name` of `book`, formula cells without a cached result marked.
fn grid_of(book: &mut Book, name: String) -> Result<Grid, ReadError> {
    let range = book.worksheet_range(&name).map_err(|e| {
        fail(
            format!("读不出工作表“{name}”：{e}"),
            "用 Excel 或 WPS 打开后另存为 .xlsx",
        )
    })?;
    let formulas = book.worksheet_formula(&name).ok();
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut cells: Vec<Vec<Cell>> = range
        .rows()
        .map(|row| row.iter().map(cell_of).collect())
        .collect();
    // A formula cell with nothing cached reads as empty: say so instead.
    if let Some(f) = formulas {
        let (fr, fc) = f.start().unwrap_or((0, 0));
        for (r, row) in f.rows().enumerate() {
            for (c, formula) in row.iter().enumerate() {
                if formula.is_empty() {
                    continue;
                }
                let (gr, gc) = (
                    fr as i64 + r as i64 - first_row as i64,
                    fc as i64 + c as i64 - first_col as i64,
                );
                if gr < 0 || gc < 0 {
                    continue;
                }
                let (gr, gc) = (gr as usize, gc as usize);
                if cells.len() <= gr {
                    cells.resize(gr + 1, Vec::new());
                }
                if cells[gr].len() <= gc {
                    cells[gr].resize(gc + 1, Cell::Empty);
                }
                if cells[gr][gc] == Cell::Empty {
                    cells[gr][gc] = Cell::FormulaWithoutValue(formula.clone());
                }
            }
        }
    }
    Ok(Grid {
        sheet: name,
        cells,
        first_row,
        first_col,
    })
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => dt
            .as_datetime()
            // `2026-10-03 00:00:00`: the date is its first ten characters.
            .and_then(|t| t.to_string().get(..10).and_then(|d| d.parse::<Date>().ok()))
            .map_or(Cell::Number(dt.as_f64()), Cell::Date),
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| d.parse::<Date>().ok())
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A CSV file as Chinese Windows saves it: UTF-8 with or without a BOM, or
/// GBK/GB18030; commas or tabs.
fn read_csv(bytes: &[u8], path: &Path) -> Result<Grid, ReadError> {
    let text = decode_text(bytes);
    if text.trim().is_empty() {
        return Err(fail(
            "表格文件是空的",
            "用 Excel 或 WPS 打开，确认内容后重新保存",
        ));
    }
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut cells = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            fail(
                format!(
                    "CSV 文件第{}行读不通：{e}",
                    e.position().map_or(0, |p| p.line())
                ),
                "检查这一行的引号是否配对；或用 Excel 打开后重新另存为 CSV",
            )
        })?;
        cells.push(record.iter().map(|s| Cell::Text(s.to_string())).collect());
    }
    Ok(Grid {
        sheet: path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
        cells,
        first_row: 0,
        first_col: 0,
    })
}

/// Text in UTF-8 (a BOM dropped) or, when it is not valid UTF-8, GB18030 —
/// the superset of GBK that Chinese Windows writes.
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(parse_cell_name("d7"), Some((6, 3)));
        assert_eq!(parse_cell_name("AA1"), Some((0, 26)));
        assert_eq!(parse_cell_name("7D"), None);
    }

    #[test]
    fn gbk_and_utf8_both_read() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,金额\n王秀兰,650\n");
        assert_eq!(decode_text(&gbk), "姓名,金额\n王秀兰,650\n");
        assert_eq!(decode_text("\u{feff}姓名".as_bytes()), "姓名");
        assert_eq!(number_text(13812345678.0), "13812345678");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
    }
}
