//! What a reader can read inside a copied file that is not plain text: every
//! cell of every sheet of a workbook (hidden sheets too), the XML of a Word,
//! PowerPoint or OpenDocument file. The writer's privacy guard scans these
//! parts as it scans pages, so an attachment cannot carry a resident's ID
//! number or mobile number past it.

use std::io::Read;
use std::path::Path;

use crate::content::sheet::read::read_every_sheet;
use crate::privacy::TextKind;

/// A piece of a document, and where in it a person would find it.
pub struct Part {
    /// `工作表“Sheet1” D7 单元格`, or `None` for a document's body.
    pub place: Option<String>,
    pub text: String,
    pub kind: TextKind,
}

/// The largest part of an office document read (a zip bomb stops here).
const MAX_PART: u64 = 64 * 1024 * 1024;

/// The readable parts of the file at `path` whose bytes are `bytes`, or
/// `None` when gongkai cannot look inside files of its kind (images, PDF).
/// A workbook or document that cannot be opened (a password, damage) has
/// no readable parts: a reader cannot open it either.
pub fn readable_parts(path: &Path, bytes: &[u8]) -> Option<Vec<Part>> {
    match document_kind(path)? {
        Document::Workbook => Some(workbook_parts(path, bytes)),
        Document::Office => Some(office_parts(bytes)),
    }
}

enum Document {
    Workbook,
    Office,
}

/// Whether gongkai can look inside the file at `path`, and how.
fn document_kind(path: &Path) -> Option<Document> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => Some(Document::Workbook),
        "docx" | "docm" | "pptx" | "odt" | "odp" => Some(Document::Office),
        _ => None,
    }
}

/// Whether gongkai can look inside the file at `path`.
pub fn is_document(path: &Path) -> bool {
    document_kind(path).is_some()
}

fn workbook_parts(path: &Path, bytes: &[u8]) -> Vec<Part> {
    let Ok(grids) = read_every_sheet(bytes, path) else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    for grid in grids {
        for (r, row) in grid.cells.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let text = cell.text();
                if text.is_empty() {
                    continue;
                }
                parts.push(Part {
                    place: Some(format!(
                        "工作表“{}” {} 单元格",
                        grid.sheet,
                        grid.cell_name(r, c)
                    )),
                    text,
                    kind: TextKind::Plain,
                });
            }
        }
    }
    parts
}

fn office_parts(bytes: &[u8]) -> Vec<Part> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index(i) else {
            continue;
        };
        if !entry.name().is_ok_and(|n| n.ends_with(".xml")) {
            continue;
        }
        let mut text = String::new();
        if entry.take(MAX_PART).read_to_string(&mut text).is_ok() {
            parts.push(Part {
                place: None,
                text,
                kind: TextKind::Office,
            });
        }
    }
    parts
}
