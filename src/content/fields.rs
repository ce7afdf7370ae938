//! The fields every record may have (SPEC §2), and the macro that gives each
//! kind one strict struct: common fields plus its own, unknown keys refused.

use serde::{Deserialize, Deserializer, Serialize};

use crate::config::{Orientation, Paper};
use crate::types::{Date, Text};

/// Deserializes a field that a clerk may leave blank (`tags:`) as its default.
pub fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// 公示期: the days the notice hangs on the board.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Posting {
    pub from: Date,
    pub until: Date,
}

/// Who answers questions about the record; their phone counts as public.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub person: Option<Text>,
    #[serde(default)]
    pub phone: Option<Text>,
}

/// 征求意见: makes the record a public solicitation with a feedback form.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    #[serde(default)]
    pub deadline: Option<Date>,
    #[serde(default)]
    pub address: Option<Text>,
    #[serde(default)]
    pub email: Option<Text>,
    #[serde(default)]
    pub phone: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    #[serde(default)]
    pub file: Option<Text>,
    #[serde(default)]
    pub title: Option<Text>,
}

/// A correction made after posting, shown on the page and the sheet.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub note: Option<Text>,
}

/// A record's own paper for its printed sheet.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrintOverride {
    #[serde(default)]
    pub paper: Option<Paper>,
    #[serde(default)]
    pub orientation: Option<Orientation>,
    /// The large-type sheet (大字版) for this record.
    #[serde(default)]
    pub large: Option<bool>,
}

/// The common fields, once split from a kind's front matter.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Common {
    pub title: String,
    pub date: Option<Date>,
    #[serde(skip)]
    pub slug: Option<Text>,
    pub summary: Option<Text>,
    pub tags: Vec<Text>,
    #[serde(skip)]
    pub draft: bool,
    pub posting: Option<Posting>,
    pub issuer: Option<Text>,
    pub reviewed_by: Option<Text>,
    pub contact: Option<Contact>,
    pub feedback: Option<Feedback>,
    pub attachments: Vec<Attachment>,
    pub amendments: Vec<Amendment>,
    #[serde(skip)]
    pub print: Option<PrintOverride>,
    /// The Markdown body when given as a field (YAML records).
    #[serde(skip)]
    pub body: Option<String>,
    /// Whether `title` was present at all (an empty title is a different mistake).
    #[serde(skip)]
    pub has_title: bool,
}

/// Declares `$front` (what serde reads: common fields + the kind's own) and
/// `$data` (the kind's own fields), with `into_parts` splitting one into both.
macro_rules! front_matter {
    ($front:ident => $data:ident { $( $(#[$attr:meta])* $field:ident : $ty:ty ),* $(,)? }) => {
        #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $front {
            #[serde(default)]
            title: Option<$crate::types::Text>,
            #[serde(default)]
            date: Option<$crate::types::Date>,
            #[serde(default)]
            slug: Option<$crate::types::Text>,
            #[serde(default)]
            summary: Option<$crate::types::Text>,
            #[serde(default, deserialize_with = "crate::content::fields::nullable")]
            tags: Vec<$crate::types::Text>,
            #[serde(default, deserialize_with = "crate::content::fields::nullable")]
            draft: bool,
            #[serde(default)]
            posting: Option<$crate::content::fields::Posting>,
            #[serde(default)]
            issuer: Option<$crate::types::Text>,
            #[serde(default)]
            reviewed_by: Option<$crate::types::Text>,
            #[serde(default)]
            contact: Option<$crate::content::fields::Contact>,
            #[serde(default)]
            feedback: Option<$crate::content::fields::Feedback>,
            #[serde(default, deserialize_with = "crate::content::fields::nullable")]
            attachments: Vec<$crate::content::fields::Attachment>,
            #[serde(default, deserialize_with = "crate::content::fields::nullable")]
            amendments: Vec<$crate::content::fields::Amendment>,
            #[serde(default)]
            print: Option<$crate::content::fields::PrintOverride>,
            #[serde(default)]
            body: Option<String>,
            $( $(#[$attr])* $field: $ty, )*
        }

        #[derive(Debug, Clone, serde::Serialize)]
        pub struct $data {
            $( pub $field: $ty, )*
        }

        impl $front {
            pub fn into_parts(self) -> ($crate::content::fields::Common, $data) {
                let common = $crate::content::fields::Common {
                    has_title: self.title.is_some(),
                    title: self.title.map(|t| t.0.trim().to_string()).unwrap_or_default(),
                    date: self.date,
                    slug: self.slug,
                    summary: self.summary,
                    tags: self.tags,
                    draft: self.draft,
                    posting: self.posting,
                    issuer: self.issuer,
                    reviewed_by: self.reviewed_by,
                    contact: self.contact,
                    feedback: self.feedback,
                    attachments: self.attachments,
                    amendments: self.amendments,
                    print: self.print,
                    body: self.body,
                };
                (common, $data { $( $field: self.$field, )* })
            }
        }
    };
}

pub(crate) use front_matter;
