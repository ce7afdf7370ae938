//! Value types records are made of: dates, periods, exact money, lenient text and counts.
//!
//! Each deserializes from what a clerk naturally types in YAML and rejects the rest
//! with a message that says how to write it.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    pub fn year(&self) -> i16 {
        self.0.year()
    }
    pub fn month(&self) -> i8 {
        self.0.month()
    }
    pub fn day(&self) -> i8 {
        self.0.day()
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let b = t.as_bytes();
        let shaped = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shaped {
            return Err(match suggest_date(t) {
                Some(fix) => format!("日期“{t}”格式不对，应写成 {fix}"),
                None => format!("日期“{t}”格式不对，应写成 年-月-日，例如 2026-11-06"),
            });
        }
        t.parse::<jiff::civil::Date>()
            .map(Date)
            .map_err(|_| format!("日期“{t}”不存在（这个月没有这一天），请核对"))
    }
}

/// Turns `2026年11月6日`, `2026/11/6` or `2026-11-6` into `2026-11-06` for the hint.
fn suggest_date(t: &str) -> Option<String> {
    let parts: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    let (y, m, d): (i16, i8, i8) = (
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    );
    jiff::civil::Date::new(y, m, d)
        .ok()
        .map(|d| d.strftime("%Y-%m-%d").to_string())
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_any(ScalarText("日期，写成 2026-11-06 这样"))?;
        text.parse().map_err(de::Error::custom)
    }
}

/// A period a disclosure covers: a year, half year, quarter or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    Year(i16),
    Half(i16, u8),
    Quarter(i16, u8),
    Month(i16, u8),
}

impl Period {
    /// First and last day of the period.
    pub fn bounds(&self) -> (Date, Date) {
        let (y, m0, months) = match *self {
            Period::Year(y) => (y, 1, 12),
            Period::Half(y, h) => (y, (h as i8 - 1) * 6 + 1, 6),
            Period::Quarter(y, q) => (y, (q as i8 - 1) * 3 + 1, 3),
            Period::Month(y, m) => (y, m as i8, 1),
        };
        let start = jiff::civil::Date::new(y, m0, 1).expect("valid period start");
        let last_month = jiff::civil::Date::new(y, m0 + months - 1, 1).expect("valid month");
        (Date(start), Date(last_month.last_of_month()))
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let bad = || {
            format!(
                "期间“{t}”格式不对，可写 2026（全年）、2026-H1（上半年）、2026-Q3（第三季度）或 2026-10（月份）"
            )
        };
        let (year, rest) = t.split_at_checked(4).ok_or_else(bad)?;
        if !year.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let y: i16 = year.parse().map_err(|_| bad())?;
        if !(1900..=2999).contains(&y) {
            return Err(bad());
        }
        if rest.is_empty() {
            return Ok(Period::Year(y));
        }
        let rest = rest.strip_prefix('-').ok_or_else(bad)?;
        let num = |s: &str, max: u8| -> Result<u8, String> {
            match s.parse::<u8>() {
                Ok(n) if (1..=max).contains(&n) && s.len() <= 2 => Ok(n),
                _ => Err(bad()),
            }
        };
        if let Some(h) = rest.strip_prefix(['H', 'h']) {
            Ok(Period::Half(y, num(h, 2)?))
        } else if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            Ok(Period::Quarter(y, num(q, 4)?))
        } else if rest.len() == 2 {
            Ok(Period::Month(y, num(rest, 12)?))
        } else {
            Err(bad())
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_any(ScalarText("期间，例如 2026-Q3"))?;
        text.parse().map_err(de::Error::custom)
    }
}

/// An exact amount of money in yuan, at most two decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);
}

impl FromStr for Money {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim().replace([',', ','], "");
        let t = t.strip_prefix(['¥', '¥']).unwrap_or(&t).trim();
        let plain = !t.is_empty()
            && t.trim_start_matches('-')
                .bytes()
                .all(|c| c.is_ascii_digit() || c == b'.')
            && t.matches('.').count() <= 1;
        let value = match Decimal::from_str_exact(t) {
            Ok(v) if plain => v,
            _ => {
                return Err(format!(
                    "金额“{}”不是数字，请写成 \"3500.00\" 这样（单位：元，不写“元”字）",
                    s.trim()
                ));
            }
        };
        if value.scale() > 2 && value.normalize().scale() > 2 {
            return Err(format!(
                "金额“{}”超过两位小数，请精确到分，例如 \"{}\"",
                s.trim(),
                value.round_dp_with_strategy(
                    2,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero
                )
            ));
        }
        if value.abs() >= Decimal::from(1_000_000_000_000i64) {
            return Err(format!("金额“{}”大得不合常理，请核对", s.trim()));
        }
        let mut v = value;
        v.rescale(2);
        Ok(Money(v))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_any(ScalarText("金额，写成 \"3500.00\" 这样"))?;
        text.parse().map_err(de::Error::custom)
    }
}

/// Free text. Numbers and booleans typed without quotes are taken as their text,
/// so `voucher: 12` or `title: 2026` never trip a clerk up.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarText("一段文字")).map(Text)
    }
}

/// A whole number of people or votes; `"23"` in quotes is accepted too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(transparent)]
pub struct Count(pub u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_any(ScalarText("人数或票数（整数）"))?;
        text.trim().parse::<u32>().map(Count).map_err(|_| {
            de::Error::custom(format!(
                "“{text}”不是人数或票数，请写不带单位的整数，例如 23"
            ))
        })
    }
}

/// Accepts any scalar and yields its text; lists and mappings are refused with `what`.
struct ScalarText(&'static str);

impl Visitor<'_> for ScalarText {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        // The shortest text that reads back as the same float is what the clerk typed
        // for any realistic figure (up to 15 significant digits), so no precision is lost.
        if v.is_finite() {
            Ok(v.to_string())
        } else {
            Err(E::custom(format!("“{v}”不是有效的数字")))
        }
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(if v { "true" } else { "false" }.to_string())
    }
}

/// The JSON Schemas an editor uses to check and complete record files: each
/// value type says what a clerk may write for it.
mod schema {
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use super::{Count, Date, Money, Period, Text};

    impl JsonSchema for Text {
        fn schema_name() -> Cow<'static, str> {
            "Text".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "一段文字（数字也可以，会按写的样子显示）",
                "type": ["string", "number", "boolean"]
            })
        }
    }

    impl JsonSchema for Date {
        fn schema_name() -> Cow<'static, str> {
            "Date".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "日期，写成 2026-11-06",
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
            })
        }
    }

    impl JsonSchema for Period {
        fn schema_name() -> Cow<'static, str> {
            "Period".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "期间：2026（全年）、2026-H1（上半年）、2026-Q3（第三季度）或 2026-10（月份）",
                "type": ["string", "integer"],
                "pattern": "^[0-9]{4}(-(H[12]|Q[1-4]|[0-9]{2}))?$"
            })
        }
    }

    impl JsonSchema for Money {
        fn schema_name() -> Cow<'static, str> {
            "Money".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "金额（元），最多两位小数，写在引号里，例如 \"3500.00\"",
                "type": ["string", "number"],
                "pattern": "^-?[0-9,]+(\\.[0-9]{1,2})?$"
            })
        }
    }

    impl JsonSchema for Count {
        fn schema_name() -> Cow<'static, str> {
            "Count".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "人数或票数（整数）",
                "type": ["integer", "string"],
                "minimum": 0
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly_and_suggest_a_fix() {
        assert_eq!(
            "2026-11-06".parse::<Date>().unwrap().to_string(),
            "2026-11-06"
        );
        assert_eq!(
            "2026年11月6日".parse::<Date>().unwrap_err(),
            "日期“2026年11月6日”格式不对，应写成 2026-11-06"
        );
        assert_eq!(
            "2026-02-30".parse::<Date>().unwrap_err(),
            "日期“2026-02-30”不存在（这个月没有这一天），请核对"
        );
    }

    #[test]
    fn periods_cover_their_days() {
        let q3: Period = "2026-Q3".parse().unwrap();
        let (a, b) = q3.bounds();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2026-07-01".into(), "2026-09-30".into())
        );
        assert_eq!(
            "2026-H2".parse::<Period>().unwrap().bounds().1.to_string(),
            "2026-12-31"
        );
        assert_eq!(
            "2026-02".parse::<Period>().unwrap().bounds().1.to_string(),
            "2026-02-28"
        );
        assert!("2026-Q5".parse::<Period>().is_err());
        assert!("2026-13".parse::<Period>().is_err());
        assert!("26-10".parse::<Period>().is_err());
    }

    #[test]
    fn money_is_exact_with_two_places() {
        assert_eq!("3500".parse::<Money>().unwrap().to_string(), "3500.00");
        assert_eq!("1,234.5".parse::<Money>().unwrap().to_string(), "1234.50");
        assert_eq!("0.10".parse::<Money>().unwrap().0, Decimal::new(10, 2));
        assert!(
            "12.345"
                .parse::<Money>()
                .unwrap_err()
                .contains("超过两位小数")
        );
        assert!("三千元".parse::<Money>().is_err());
        assert!("1e5".parse::<Money>().is_err());
        let sum = "0.10".parse::<Money>().unwrap().0 + "0.20".parse::<Money>().unwrap().0;
        assert_eq!(sum, "0.30".parse::<Money>().unwrap().0);
    }
}
