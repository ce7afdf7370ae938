//! Masking of residents' names, ID numbers and phone numbers in table columns.
//!
//! Applied to the parsed YAML before anything else reads it, so the raw value
//! exists nowhere after loading: not in pages, sheets, feeds or data exports.

use serde_yaml::Value;

use crate::content::disclosure::MaskKind;
use crate::privacy::{mask_id, mask_name, mask_phone};

pub fn mask(kind: MaskKind, text: &str) -> String {
    match kind {
        MaskKind::Name => mask_name(text),
        MaskKind::Id => mask_id(text),
        MaskKind::Phone => mask_phone(text),
    }
}

/// Masks, in place, every cell of every column declared with `mask:` in `tables`.
/// Cells under an unrecognised mask are blanked rather than left raw.
pub fn mask_tables(front: &mut Value) {
    let Some(tables) = front.get_mut("tables").and_then(Value::as_sequence_mut) else {
        return;
    };
    for table in tables {
        let masks: Vec<(String, Option<MaskKind>)> = table
            .get("columns")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .filter_map(|col| {
                let key = scalar_text(col.get("key")?)?;
                let mask = col.get("mask").filter(|m| !m.is_null())?;
                let kind = scalar_text(mask).and_then(|m| match m.trim() {
                    "name" => Some(MaskKind::Name),
                    "id" => Some(MaskKind::Id),
                    "phone" => Some(MaskKind::Phone),
                    _ => None,
                });
                Some((key, kind))
            })
            .collect();
        if masks.is_empty() {
            continue;
        }
        let Some(rows) = table.get_mut("rows").and_then(Value::as_sequence_mut) else {
            continue;
        };
        for row in rows.iter_mut().filter_map(Value::as_mapping_mut) {
            for (cell_key, cell) in row.iter_mut() {
                let Some(cell_key) = scalar_text(cell_key) else {
                    continue;
                };
                let Some((_, kind)) = masks.iter().find(|(k, _)| *k == cell_key) else {
                    continue;
                };
                if cell.is_null() {
                    continue;
                }
                *cell = Value::String(match (kind, scalar_text(cell)) {
                    (Some(kind), Some(text)) => mask(*kind, &text),
                    _ => "****".into(),
                });
            }
        }
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
        mask_tables(&mut v);
        let row = &v["tables"][0]["rows"][0];
        assert_eq!(row["phone"].as_str(), Some("138****5678"));
        assert_eq!(row["n"].as_str(), Some("****"));
    }
}
