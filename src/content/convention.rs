//! conventions/ — 村规民约 / 居民公约: the rules residents adopted, article by article.

use serde::{Deserialize, Serialize};

use crate::content::fields::front_matter;
use crate::types::{Count, Date, Text};

front_matter!(ConventionFront => Convention {
    #[serde(default)]
    status: Option<ConventionStatus>,
    #[serde(default)]
    adopted: Option<Adoption>,
    #[serde(default)]
    filed: Option<Filing>,
    #[serde(default)]
    effective: Option<Date>,
    #[serde(default)]
    replaces: Option<Text>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    chapters: Vec<Chapter>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    articles: Vec<Text>,
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ConventionStatus {
    #[serde(alias = "现行有效", alias = "有效")]
    InForce,
    #[serde(alias = "征求意见", alias = "征求意见稿")]
    Consultation,
    #[serde(alias = "已废止", alias = "废止")]
    Repealed,
}

impl ConventionStatus {
    pub fn key(self) -> &'static str {
        match self {
            ConventionStatus::InForce => "in-force",
            ConventionStatus::Consultation => "consultation",
            ConventionStatus::Repealed => "repealed",
        }
    }
}

/// The meeting that adopted the convention and its vote.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Adoption {
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub meeting: Option<Text>,
    #[serde(default)]
    pub present: Option<Count>,
    #[serde(default, rename = "for")]
    pub votes_for: Option<Count>,
    #[serde(default)]
    pub against: Option<Count>,
    #[serde(default)]
    pub abstain: Option<Count>,
}

/// 备案: where and when the convention was filed.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Filing {
    #[serde(default)]
    pub with: Option<Text>,
    #[serde(default)]
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    #[serde(default)]
    pub title: Option<Text>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    pub articles: Vec<Text>,
}
