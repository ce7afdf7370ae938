//! JSON Schemas for `site.yaml` and each kind of record, generated from the
//! very types the loader reads, so they can never drift from what it accepts.
//! Editors with a YAML extension use them to complete and check fields.

use schemars::JsonSchema;
use serde_json::Value;

use crate::config::Config;
use crate::content::Kind;
use crate::content::{admission, consultation, convention, disclosure, page};

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

fn schema_of<T: JsonSchema>(title: &str) -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut schema {
        map.insert("title".into(), Value::String(title.into()));
    }
    schema
}
