//! Spreadsheets as sources: a record's ledger or table can be read from an
//! `.xlsx`, `.xls`, `.ods` or `.csv` kept beside it (`from:`), as clerks keep
//! them: a title merged across the top, blank rows, Chinese headers, a 合计
//! row at the bottom, dates and amounts typed every which way.
//!
//! The sheet's rows are turned into the same YAML values a clerk would have
//! typed, so masking, the privacy guard and every rule apply unchanged; each
//! value remembers its cell, and every problem found in it is reported at
//! that cell, the way a spreadsheet user says it (`低保名单.xlsx 工作表“Sheet1”
//! D7 单元格`).

mod ledger;
pub mod read;
mod table;
mod values;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde_yaml::Value;

use crate::diagnostic::{Diagnostic, FieldPath};
use crate::types::Period;
pub use read::{Cell, Grid, ReadError, read_grid};

/// Where a value read from a spreadsheet came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    /// The spreadsheet, as shown to the clerk (`content/disclosures/名单.xlsx`).
    pub file: PathBuf,
    pub sheet: String,
    /// `D7`.
    pub cell: String,
}

impl CellRef {
    /// `工作表“Sheet1” D7 单元格`.
    pub fn place(&self) -> String {
        format!("工作表“{}” {} 单元格", self.sheet, self.cell)
    }
}

/// Field path (`tables[0].rows[3].id`) → the cell its value was read from.
pub type CellMap = BTreeMap<String, CellRef>;

/// What reading a record's spreadsheets produced.
#[derive(Debug, Default)]
pub struct Expanded {
    pub cells: CellMap,
    /// Problems with the spreadsheets themselves (unreadable, a 合计 row that
    /// does not add up, a balance column that does not follow).
    pub diags: Vec<Diagnostic>,
    /// The spreadsheets read, relative to the site root.
    pub sources: Vec<PathBuf>,
}

/// Fills in, in `front`, every ledger and table that names a spreadsheet with
/// `from:`. `record` is the record file as shown; `rel_dir` its folder
/// relative to the site root. `period` gives the year of dates written
/// without one (`10月3日`).
pub fn expand(
    front: &mut Value,
    record: &Path,
    rel_dir: &Path,
    period: Option<Period>,
) -> Expanded {
    let mut out = Expanded::default();
    let dir = record.parent().unwrap_or(Path::new(""));
    if let Some(ledger) = front.get_mut("ledger").filter(|l| l.get("from").is_some())
        && let Some(sheet) = open(ledger, "ledger", dir, rel_dir, record, &mut out)
    {
        ledger::fill(ledger, &sheet, period, &mut out);
    }
    if let Some(tables) = front.get_mut("tables").and_then(Value::as_sequence_mut) {
        for (i, t) in tables.iter_mut().enumerate() {
            if t.get("from").is_none() {
                continue;
            }
            let at = format!("tables[{i}]");
            if let Some(sheet) = open(t, &at, dir, rel_dir, record, &mut out) {
                table::fill(t, i, &sheet, &mut out);
            }
        }
    }
    out
}

/// A spreadsheet opened for a `from:` in `node`, with where it is.
pub(crate) struct Opened {
    pub grid: Grid,
    /// The file as shown to the clerk.
    pub file: PathBuf,
}

impl Opened {
    pub fn at(&self, r: usize, c: usize) -> CellRef {
        CellRef {
            file: self.file.clone(),
            sheet: self.grid.sheet.clone(),
            cell: self.grid.cell_name(r, c),
        }
    }

    /// An error at the grid's cell `(r, c)`.
    pub fn error(
        &self,
        r: usize,
        c: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(&self.file, message)
            .in_sheet(&self.file, self.at(r, c).place())
            .help(help)
    }
}

fn open(
    node: &mut Value,
    field: &str,
    dir: &Path,
    rel_dir: &Path,
    record: &Path,
    out: &mut Expanded,
) -> Option<Opened> {
    let from = node
        .get("from")
        .and_then(crate::content::mask::scalar_text)?;
    let at = |key: &str| FieldPath::parse(&format!("{field}.{key}"));
    let Some(rel) = safe_file_name(&from) else {
        out.diags.push(
            Diagnostic::error(record, format!("表格文件“{}”的写法不对", crate::diagnostic::quote(&from)))
                .field(&at("from"))
                .help("from: 只写记录旁边的表格文件名，例如 from: 2026年10月收支明细.xlsx；不能含 .. 或 /"),
        );
        return None;
    };
    let file = dir.join(&rel);
    // Known even when missing, so the preview re-reads the record once it appears.
    out.sources.push(rel_dir.join(&rel));
    if !file.is_file() {
        // Nothing to point at in a file that is not there: say it at `from:`.
        out.diags.push(
            Diagnostic::error(record, format!("找不到表格文件“{}”", crate::diagnostic::quote(&from)))
                .field(&at("from"))
                .help("把表格文件放在记录文件旁边（同一个文件夹），文件名要和 from: 写的完全一致（包括 .xlsx 这样的扩展名）"),
        );
        return None;
    }
    out.sources.push(rel_dir.join(&rel));
    let sheet = node
        .get("sheet")
        .and_then(crate::content::mask::scalar_text);
    let grid = match read_grid(&file, sheet.as_deref()) {
        Ok(g) => g,
        Err(ReadError { message, help }) => {
            out.diags.push(Diagnostic::error(&file, message).help(help));
            return None;
        }
    };
    let grid = match node
        .get("range")
        .and_then(crate::content::mask::scalar_text)
    {
        Some(range) => match crop(grid, &range) {
            Some(g) => g,
            None => {
                out.diags.push(
                    Diagnostic::error(
                        record,
                        format!("范围“{}”的写法不对", crate::diagnostic::quote(&range)),
                    )
                    .field(&at("range"))
                    .help("写左上角和右下角的单元格，例如 range: A3:G40"),
                );
                return None;
            }
        },
        None => grid,
    };
    Some(Opened { grid, file })
}

/// A plain file name or path below the record's folder.
fn safe_file_name(name: &str) -> Option<PathBuf> {
    let p = Path::new(name.trim());
    let plain = !name.trim().is_empty()
        && !name.contains('\\')
        && p.components().all(|c| matches!(c, Component::Normal(_)));
    plain.then(|| p.to_path_buf())
}

/// The part of `grid` inside `A3:G40`.
fn crop(grid: Grid, range: &str) -> Option<Grid> {
    let (a, b) = range.split_once(':')?;
    let (r0, c0) = read::parse_cell_name(a)?;
    let (r1, c1) = read::parse_cell_name(b)?;
    if r1 < r0 || c1 < c0 {
        return None;
    }
    let rows = grid
        .cells
        .iter()
        .enumerate()
        .filter(|(r, _)| {
            let row = grid.first_row + *r as u32;
            (r0..=r1).contains(&row)
        })
        .map(|(_, row)| {
            row.iter()
                .enumerate()
                .filter(|(c, _)| (c0..=c1).contains(&(grid.first_col + *c as u32)))
                .map(|(_, cell)| cell.clone())
                .collect()
        })
        .collect();
    Some(Grid {
        sheet: grid.sheet,
        cells: rows,
        first_row: r0.max(grid.first_row),
        first_col: c0.max(grid.first_col),
    })
}

/// A header as compared with the names gongkai knows: no spaces or line
/// breaks, no `（元）`.
pub(crate) fn normalize_header(text: &str) -> String {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.replace("（元）", "")
        .replace("(元)", "")
        .replace("（万元）", "")
        .replace('：', "")
}
