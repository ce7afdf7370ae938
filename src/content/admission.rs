//! admissions/ — 社区工作准入事项清单: what work may be handed to the committee.

use serde::{Deserialize, Serialize};

use crate::content::fields::front_matter;
use crate::types::{Count, Date, Text};

front_matter!(AdmissionFront => Admission {
    #[serde(default)]
    basis: Option<Text>,
    #[serde(default)]
    issued_by: Option<Text>,
    #[serde(default)]
    effective: Option<Date>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    items: Vec<AdmissionItem>,
});

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdmissionItem {
    #[serde(default)]
    pub no: Option<Count>,
    #[serde(default)]
    pub name: Option<Text>,
    #[serde(default, rename = "type")]
    pub kind: Option<ItemType>,
    #[serde(default)]
    pub department: Option<Text>,
    #[serde(default)]
    pub basis: Option<Text>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    pub funding: bool,
    #[serde(default)]
    pub note: Option<Text>,
}

/// The five kinds of item an admission list sorts work into.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ItemType {
    #[serde(alias = "依法履行职责事项", alias = "法定职责")]
    Statutory,
    #[serde(alias = "承办事项", alias = "承办")]
    Undertaken,
    #[serde(alias = "依法协助政府工作事项", alias = "协助事项", alias = "协助")]
    Assisted,
    #[serde(alias = "出具证明事项", alias = "出具证明")]
    Certificate,
    #[serde(alias = "不得进入社区", alias = "不得进入", alias = "不应出具证明")]
    Excluded,
}

impl ItemType {
    pub const ALL: [ItemType; 5] = [
        ItemType::Statutory,
        ItemType::Undertaken,
        ItemType::Assisted,
        ItemType::Certificate,
        ItemType::Excluded,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ItemType::Statutory => "statutory",
            ItemType::Undertaken => "undertaken",
            ItemType::Assisted => "assisted",
            ItemType::Certificate => "certificate",
            ItemType::Excluded => "excluded",
        }
    }
}
