//! JSON Schemas for `site.yaml` and each kind of record, generated from the
//! very types the loader reads, so they can never drift from what it accepts.
//! Editors with a YAML extension use them to complete and check fields.

//!
//! What schemars derives is finished here, from the loader itself: each
//! choice lists every word the loader accepts (`财务` beside `finance`, read
//! from serde's own list of names), a field's other spellings (`title` for a
//! table's `caption`) are allowed, and every field gets a line of Chinese
//! help (`help.rs`) in place of the code's English comments.

mod help;

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::config::{self, Config};
use crate::content::Kind;
use crate::content::{admission, consultation, convention, disclosure, fields, page};

/// The schema of `site.yaml`.
pub fn site_schema() -> Value {
    schema_of::<Config>("site.yaml：网站设置")
}

/// The schema of one kind's record files (the front matter of a `.md`, or a whole `.yaml`).
pub fn record_schema(kind: Kind) -> Value {
    match kind {
        Kind::Disclosures => {
            schema_of::<disclosure::DisclosureFront>("村（居）务公开记录（content/disclosures/）")
        }
        Kind::Conventions => {
            schema_of::<convention::ConventionFront>("村规民约、居民公约（content/conventions/）")
        }
        Kind::Consultations => {
            schema_of::<consultation::ConsultationFront>("协商议事记录（content/consultations/）")
        }
        Kind::Admissions => {
            schema_of::<admission::AdmissionFront>("工作事项准入清单（content/admissions/）")
        }
        Kind::Pages => schema_of::<page::PageFront>("普通页面（content/pages/）"),
    }
}

/// The file name a schema is published under: `site.schema.json`, `disclosures.schema.json`.
pub fn file_name(kind: Option<Kind>) -> String {
    match kind {
        None => "site.schema.json".into(),
        Some(k) => format!("{}.schema.json", k.dir()),
    }
}

fn schema_of<T: JsonSchema + DeserializeOwned>(title: &str) -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or(Value::Null);
    let names = names_by_type();
    let root = T::schema_name().into_owned();
    if let Value::Object(map) = &mut schema {
        finish(map, &root, names.get(&root).map(Vec::as_slice));
        if let Some(Value::Object(defs)) = map.get_mut("$defs") {
            for (name, def) in defs.iter_mut() {
                if let Value::Object(def) = def {
                    finish(def, name, names.get(name).map(Vec::as_slice));
                }
            }
        }
        map.insert("title".into(), Value::String(title.into()));
    }
    schema
}

/// Finishes the schema of the type `owner`: every name the loader accepts,
/// and Chinese help.
fn finish(def: &mut Map<String, Value>, owner: &str, accepted: Option<&[String]>) {
    match help::TYPES.iter().find(|(t, _)| *t == owner) {
        Some((_, h)) => {
            def.insert("description".into(), Value::String((*h).into()));
        }
        None => drop_english(def),
    }
    if let (Some(names), Some(Value::Array(choices))) = (accepted, def.get_mut("enum")) {
        *choices = names.iter().cloned().map(Value::String).collect();
    }
    let Some(Value::Object(props)) = def.get_mut("properties") else {
        return;
    };
    // serde lists a field's other spellings right after it.
    let mut last = None;
    for name in accepted.unwrap_or_default() {
        match props.get(name) {
            Some(_) => last = Some(name.clone()),
            None => {
                if let Some(l) = &last
                    && let Some(Value::Object(mut same)) = props.get(l).cloned()
                {
                    // Marked, so tools that fill every field fill one spelling.
                    same.insert("x-gongkai-same-as".into(), Value::String(l.clone()));
                    props.insert(name.clone(), Value::Object(same));
                }
            }
        }
    }
    for (field, prop) in props.iter_mut() {
        let Value::Object(prop) = prop else { continue };
        let field = prop
            .get("x-gongkai-same-as")
            .and_then(Value::as_str)
            .map_or(field.as_str(), |same| same)
            .to_string();
        let line = help::FIELDS
            .iter()
            .find(|(o, f, _)| *o == owner && *f == field)
            .or_else(|| {
                help::FIELDS
                    .iter()
                    .find(|(o, f, _)| *o == "*" && *f == field)
            });
        match line {
            Some((_, _, h)) => {
                prop.insert("description".into(), Value::String((*h).into()));
            }
            None => drop_english(prop),
        }
    }
}

/// Drops a description written for programmers (no Chinese in it).
fn drop_english(node: &mut Map<String, Value>) {
    let chinese = node
        .get("description")
        .and_then(Value::as_str)
        .is_some_and(|d| d.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    if !chinese {
        node.remove("description");
    }
}

/// The names serde accepts for `T`, in its order: the variants of an enum
/// with their Chinese aliases, or a struct's fields with their other
/// spellings. They are read from the message serde gives for a name it does
/// not know, so they are exactly what the loader takes.
pub fn accepted_names<T: DeserializeOwned>() -> Vec<String> {
    use serde_yaml::{Mapping, Value as Yaml};
    let unknown = "\u{1}";
    let mut map = Mapping::new();
    map.insert(Yaml::String(unknown.into()), Yaml::Null);
    for probe in [Yaml::String(unknown.into()), Yaml::Mapping(map)] {
        let Err(e) = serde_yaml::from_value::<T>(probe) else {
            continue;
        };
        let message = e.to_string();
        if !message.contains(unknown) {
            continue;
        }
        let Some((_, expected)) = message.split_once("expected") else {
            continue;
        };
        return expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
    }
    Vec::new()
}

/// Every type a schema names a choice or a closed set of fields by, and the
/// names the loader accepts for it.
fn names_by_type() -> HashMap<String, Vec<String>> {
    macro_rules! names {
        ($($t:ty),* $(,)?) => {
            HashMap::from([$(
                (<$t as JsonSchema>::schema_name().into_owned(), accepted_names::<$t>()),
            )*])
        };
    }
    names!(
        Config,
        config::Community,
        config::CommunityKind,
        config::PrintSettings,
        config::Paper,
        config::Orientation,
        fields::Posting,
        fields::Contact,
        fields::Feedback,
        fields::Attachment,
        fields::Amendment,
        fields::PrintOverride,
        disclosure::DisclosureFront,
        disclosure::Category,
        disclosure::Ledger,
        disclosure::Entry,
        disclosure::Table,
        disclosure::Column,
        disclosure::MaskKind,
        disclosure::ColumnType,
        convention::ConventionFront,
        convention::ConventionStatus,
        convention::Adoption,
        convention::Filing,
        convention::Chapter,
        consultation::ConsultationFront,
        consultation::Meeting,
        consultation::AttendeeCount,
        consultation::AttendeeGroup,
        consultation::AgendaItem,
        consultation::Votes,
        consultation::VoteRule,
        consultation::FollowUp,
        consultation::FollowStatus,
        admission::AdmissionFront,
        admission::AdmissionItem,
        admission::ItemType,
        page::PageFront,
    )
}

/// Every schema, as `(file name, pretty JSON)`: `site.schema.json` first.
pub fn all() -> Vec<(String, String)> {
    std::iter::once((file_name(None), site_schema()))
        .chain(
            Kind::ALL
                .iter()
                .map(|&k| (file_name(Some(k)), record_schema(k))),
        )
        .map(|(name, v)| {
            (
                name,
                serde_json::to_string_pretty(&v).unwrap_or_default() + "\n",
            )
        })
        .collect()
}

/// Writes every schema into `dir`; returns the files written.
pub fn write_all(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, String> {
    crate::fsutil::create_dir_all(dir).map_err(|e| e.to_string())?;
    all()
        .into_iter()
        .map(|(name, json)| {
            let path = dir.join(name);
            crate::fsutil::write(&path, json.as_bytes()).map_err(|e| e.to_string())?;
            Ok(path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new choice or record type the registry does not know would keep
    /// only its English names in the schema: every one must be listed.
    #[test]
    fn every_choice_and_closed_type_lists_what_the_loader_accepts() {
        let names = names_by_type();
        let schemas: Vec<Value> = std::iter::once(site_schema())
            .chain(Kind::ALL.iter().map(|&k| record_schema(k)))
            .collect();
        for schema in &schemas {
            for (name, def) in schema["$defs"].as_object().into_iter().flatten() {
                let closed = def.get("enum").is_some()
                    || def.get("additionalProperties") == Some(&Value::Bool(false));
                if closed {
                    let accepted = names
                        .get(name)
                        .unwrap_or_else(|| panic!("{name} is not in names_by_type()"));
                    assert!(!accepted.is_empty(), "serde named nothing for {name}");
                }
            }
        }
        let category = &names["Category"];
        assert!(
            category.contains(&"finance".to_string()) && category.contains(&"财务".to_string()),
            "{category:?}"
        );
        let table = &names["Table"];
        assert_eq!(table[..2], ["caption".to_string(), "title".to_string()]);
    }

    #[test]
    fn help_is_chinese_and_names_real_fields() {
        let all: Vec<Value> = std::iter::once(site_schema())
            .chain(Kind::ALL.iter().map(|&k| record_schema(k)))
            .collect();
        let text = all.iter().map(Value::to_string).collect::<String>();
        for (owner, field, _) in help::FIELDS {
            assert!(
                text.contains(&format!("\"{field}\"")),
                "{owner}.{field} is in no schema"
            );
        }
        for schema in &all {
            let mut stack = vec![schema];
            while let Some(node) = stack.pop() {
                match node {
                    Value::Object(map) => {
                        if let Some(Value::String(d)) = map.get("description") {
                            assert!(
                                d.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                                "{d}"
                            );
                        }
                        stack.extend(map.values());
                    }
                    Value::Array(items) => stack.extend(items),
                    _ => {}
                }
            }
        }
    }
}
