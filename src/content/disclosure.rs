//! disclosures/ — 村（居）务公开: affairs, finance, party and other disclosures,
//! with an optional cash ledger and tables.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::content::fields::front_matter;
use crate::types::{Date, Money, Period, Text};

front_matter!(DisclosureFront => Disclosure {
    #[serde(default)]
    category: Option<Category>,
    #[serde(default)]
    period: Option<Period>,
    #[serde(default)]
    ledger: Option<Ledger>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    tables: Vec<Table>,
});

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    #[serde(alias = "村务", alias = "居务", alias = "村务公开", alias = "居务公开")]
    Affairs,
    #[serde(alias = "财务", alias = "财务公开")]
    Finance,
    #[serde(alias = "党务", alias = "党务公开")]
    Party,
    #[serde(alias = "其他")]
    Other,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Affairs,
        Category::Finance,
        Category::Party,
        Category::Other,
    ];

    /// The word in its list's address (`disclosures/finance/`) and in `t.badge`.
    pub fn key(self) -> &'static str {
        match self {
            Category::Affairs => "affairs",
            Category::Finance => "finance",
            Category::Party => "party",
            Category::Other => "other",
        }
    }
}

/// A cash ledger: opening balance, entries, closing balance.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ledger {
    /// A spreadsheet beside the record to read the entries from.
    #[serde(default)]
    pub from: Option<Text>,
    /// Its worksheet (the first if not given) and range (`A3:G40`).
    #[serde(default)]
    pub sheet: Option<Text>,
    #[serde(default)]
    pub range: Option<Text>,
    /// Which header of the sheet is which field: `{收入金额: income}`.
    #[serde(default)]
    pub columns: Option<IndexMap<Text, Text>>,
    #[serde(default)]
    pub currency: Option<Text>,
    #[serde(default)]
    pub opening: Option<Money>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    pub entries: Vec<Entry>,
    #[serde(default)]
    pub closing: Option<Money>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub item: Option<Text>,
    #[serde(default)]
    pub voucher: Option<Text>,
    #[serde(default)]
    pub income: Option<Money>,
    #[serde(default)]
    pub expense: Option<Money>,
    #[serde(default)]
    pub note: Option<Text>,
}

impl Ledger {
    pub fn income_total(&self) -> Money {
        Money(
            self.entries
                .iter()
                .filter_map(|e| e.income)
                .map(|m| m.0)
                .sum(),
        )
    }

    pub fn expense_total(&self) -> Money {
        Money(
            self.entries
                .iter()
                .filter_map(|e| e.expense)
                .map(|m| m.0)
                .sum(),
        )
    }

    /// opening + Σincome − Σexpense.
    pub fn expected_closing(&self) -> Money {
        let opening = self.opening.unwrap_or(Money::ZERO).0;
        Money(opening + self.income_total().0 - self.expense_total().0)
    }
}

/// A table of rows under declared columns; masked columns are masked at load.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    #[serde(default, alias = "title")]
    pub caption: Option<Text>,
    /// A spreadsheet beside the record to read the columns and rows from.
    #[serde(default)]
    pub from: Option<Text>,
    /// Its worksheet (the first if not given) and range (`A3:G40`).
    #[serde(default)]
    pub sheet: Option<Text>,
    #[serde(default)]
    pub range: Option<Text>,
    /// Masks by the sheet's header: `{身份证号: id, 联系电话: phone, 姓名: name}`.
    #[serde(default)]
    pub mask: Option<IndexMap<Text, MaskKind>>,
    /// Column types by header where the guess is wrong: `{人数: number}`.
    #[serde(default)]
    pub types: Option<IndexMap<Text, ColumnType>>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    pub columns: Vec<Column>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    pub rows: Vec<IndexMap<Text, Option<Text>>>,
    #[serde(default)]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    #[serde(default)]
    pub key: Option<Text>,
    #[serde(default)]
    pub label: Option<Text>,
    #[serde(default)]
    pub mask: Option<MaskKind>,
    #[serde(default, rename = "type")]
    pub kind: Option<ColumnType>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    pub total: bool,
}

impl Column {
    pub fn key_str(&self) -> &str {
        self.key.as_ref().map_or("", |k| k.as_str())
    }

    pub fn column_type(&self) -> ColumnType {
        self.kind.unwrap_or(ColumnType::Text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MaskKind {
    #[serde(alias = "姓名")]
    Name,
    #[serde(alias = "身份证号", alias = "身份证")]
    Id,
    #[serde(alias = "电话", alias = "手机", alias = "联系电话")]
    Phone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    #[serde(alias = "文字")]
    Text,
    #[serde(alias = "数字")]
    Number,
    #[serde(alias = "金额")]
    Money,
    #[serde(alias = "日期")]
    Date,
}

impl Table {
    /// The cell of `row` under `key`, if filled in.
    pub fn cell<'a>(row: &'a IndexMap<Text, Option<Text>>, key: &str) -> Option<&'a str> {
        row.iter()
            .find(|(k, _)| k.as_str() == key)
            .and_then(|(_, v)| v.as_ref())
            .map(|t| t.as_str())
            .filter(|s| !s.trim().is_empty())
    }
}
