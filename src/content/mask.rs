//! Masking of residents' names, ID numbers and phone numbers in table columns.
//!
//! Applied to the parsed YAML before anything else reads it, so the raw value
//! exists nowhere after loading: not in pages, sheets, feeds or data exports.

use serde_yaml::Value;

use crate::content::disclosure::MaskKind;
use crate::diagnostic::FieldPath;
use crate::privacy::{MaskShape, fits_mask, mask_id, mask_name, mask_phone};

pub fn mask(kind: MaskKind, text: &str) -> String {
    match kind {
        MaskKind::Name => mask_name(text),
        MaskKind::Id => mask_id(text),
        MaskKind::Phone => mask_phone(text),
    }
}

/// A cell that does not fit its column's mask, at its field path.
pub struct MaskProblem {
    pub path: FieldPath,
    pub message: String,
}

/// Masks, in place, every cell of every column declared with `mask:` in `tables`.
/// Cells under an unrecognised mask are blanked rather than left raw; a cell
/// that is not what its mask expects (a mobile under `mask: id`) is blanked
/// and reported, since masking it would show too much or nothing useful.
pub fn mask_tables(front: &mut Value) -> Vec<MaskProblem> {
    let mut problems = Vec::new();
    let Some(tables) = front.get_mut("tables").and_then(Value::as_sequence_mut) else {
        return problems;
    };
    for (t, table) in tables.iter_mut().enumerate() {
        let masks: Vec<(String, Option<MaskKind>, String)> = table
            .get("columns")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .filter_map(|col| {
                let key = scalar_text(col.get("key")?)?;
                let mask = col.get("mask").filter(|m| !m.is_null())?;
                // Read as the record's own type reads it, Chinese names included.
                let kind = serde_yaml::from_value::<MaskKind>(mask.clone()).ok();
                let label = col
                    .get("label")
                    .and_then(scalar_text)
                    .unwrap_or_else(|| key.clone());
                Some((key, kind, label))
            })
            .collect();
        if masks.is_empty() {
            continue;
        }
        let Some(rows) = table.get_mut("rows").and_then(Value::as_sequence_mut) else {
            continue;
        };
        for (r, row) in rows.iter_mut().enumerate() {
            let Some(row) = row.as_mapping_mut() else {
                continue;
            };
            for (cell_key, cell) in row.iter_mut() {
                let Some(cell_key) = scalar_text(cell_key) else {
                    continue;
                };
                let Some((_, kind, label)) = masks.iter().find(|(k, _, _)| *k == cell_key) else {
                    continue;
                };
                if cell.is_null() {
                    continue;
                }
                let text = scalar_text(cell);
                let fits = match (kind, &text) {
                    (Some(kind), Some(text)) if !text.trim().is_empty() => {
                        fits_mask(shape(*kind), text)
                    }
                    _ => Ok(()),
                };
                if let Err(why) = fits {
                    problems.push(MaskProblem {
                        path: FieldPath::root()
                            .key("tables")
                            .index(t)
                            .key("rows")
                            .index(r)
                            .key(&cell_key),
                        message: format!("“{label}”列要遮盖，但这一格的内容{why}"),
                    });
                }
                *cell = Value::String(match (kind, text, fits) {
                    (Some(_), Some(text), _) if text.trim().is_empty() => String::new(),
                    (Some(kind), Some(text), Ok(())) => mask(*kind, &text),
                    _ => "****".into(),
                });
            }
        }
    }
    problems
}

fn shape(kind: MaskKind) -> MaskShape {
    match kind {
        MaskKind::Name => MaskShape::Name,
        MaskKind::Id => MaskShape::Id,
        MaskKind::Phone => MaskShape::Phone,
    }
}

/// The text of a YAML scalar (string, number or bool).
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_cells_in_place_including_unquoted_numbers() {
        let mut v: Value = serde_yaml::from_str(
            "tables:\n- columns: [{key: phone, mask: phone}, {key: n, mask: nmae}]\n  rows:\n  - {phone: 13812345678, n: 王秀兰}\n",
        )
        .unwrap();
        assert!(mask_tables(&mut v).is_empty());
        let row = &v["tables"][0]["rows"][0];
        assert_eq!(row["phone"].as_str(), Some("138****5678"));
        assert_eq!(row["n"].as_str(), Some("****"));
    }

    #[test]
    fn a_value_that_does_not_fit_its_mask_is_blanked_and_reported() {
        let mut v: Value = serde_yaml::from_str(
            "tables:\n- columns: [{key: id, mask: id}, {key: name, mask: name}]\n  rows:\n  - {id: \"13812345678\", name: 王秀兰}\n  - {id: \"11010519491231002X\", name: \"13912341234\"}\n",
        )
        .unwrap();
        let problems = mask_tables(&mut v);
        let paths: Vec<String> = problems.iter().map(|p| p.path.to_string()).collect();
        assert_eq!(paths, ["tables[0].rows[0].id", "tables[0].rows[1].name"]);
        assert_eq!(v["tables"][0]["rows"][0]["id"].as_str(), Some("****"));
        assert_eq!(
            v["tables"][0]["rows"][1]["id"].as_str(),
            Some("110105********002X")
        );
    }
}
