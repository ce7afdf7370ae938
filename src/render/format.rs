//! How figures read on pages and sheets: dates as 2026年11月6日, money with
//! separators, Chinese numerals for articles, and 人民币大写 for balances.

use chinese_number::{ChineseCase, ChineseCountMethod, ChineseVariant, NumberToChinese};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Deserialize;

use crate::types::{Date, Money, Period};

/// Display patterns from the theme's i18n file (`formats:`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formats {
    pub date: String,
    /// A date without its year, for a ledger whose header names the year.
    pub month_day: String,
    pub period_year: String,
    pub period_half: [String; 2],
    pub period_quarter: String,
    pub period_month: String,
    pub article: String,
    pub chapter: String,
    /// `chinese` for 第十二条, `arabic` for 12.
    pub numerals: Numerals,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Numerals {
    Chinese,
    Arabic,
}

impl Formats {
    /// `2026年11月6日` (no leading zeros), or whatever the pattern says.
    pub fn date(&self, d: Date) -> String {
        self.date
            .replace("{y}", &d.year().to_string())
            .replace("{m}", &d.month().to_string())
            .replace("{d}", &d.day().to_string())
    }

    /// `11月6日`, for a table whose header already says the year.
    pub fn month_day(&self, d: Date) -> String {
        self.month_day
            .replace("{m}", &d.month().to_string())
            .replace("{d}", &d.day().to_string())
    }

    pub fn period(&self, p: Period) -> String {
        match p {
            Period::Year(y) => self.period_year.replace("{y}", &y.to_string()),
            Period::Half(y, h) => {
                self.period_half[(h as usize).clamp(1, 2) - 1].replace("{y}", &y.to_string())
            }
            Period::Quarter(y, q) => self
                .period_quarter
                .replace("{y}", &y.to_string())
                .replace("{q}", &self.numeral(q as u64)),
            Period::Month(y, m) => self
                .period_month
                .replace("{y}", &y.to_string())
                .replace("{m}", &m.to_string()),
        }
    }

    /// 第十二条.
    pub fn article(&self, n: usize) -> String {
        self.article.replace("{n}", &self.numeral(n as u64))
    }

    /// 第三章.
    pub fn chapter(&self, n: usize) -> String {
        self.chapter.replace("{n}", &self.numeral(n as u64))
    }

    pub fn numeral(&self, n: u64) -> String {
        match self.numerals {
            Numerals::Arabic => n.to_string(),
            Numerals::Chinese => chinese_numeral(n),
        }
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 101 → 一百零一.
pub fn chinese_numeral(n: u64) -> String {
    n.to_chinese(
        ChineseVariant::Simple,
        ChineseCase::Lower,
        ChineseCountMethod::TenThousand,
    )
    .unwrap_or_else(|_| n.to_string())
}

/// `12,000.00`: thousands separated, always two decimals.
pub fn money(m: Money) -> String {
    let s = format!("{:.2}", m.0.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if m.0 < Decimal::ZERO { "-" } else { "" };
    format!("{sign}{grouped}.{frac}")
}

/// A number cell: separators for the integer part, decimals kept as written.
pub fn number(d: Decimal) -> String {
    let s = d.normalize().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let digits = int.trim_start_matches('-');
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if int.starts_with('-') { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// 人民币大写 as written on Chinese vouchers: `36750.00` → 叁万陆仟柒佰伍拾元整.
pub fn rmb_capital(m: Money) -> String {
    let negative = m.0 < Decimal::ZERO;
    let fen_total = (m.0.abs() * Decimal::from(100))
        .round()
        .to_u128()
        .unwrap_or(0);
    let yuan = fen_total / 100;
    let jiao = (fen_total / 10 % 10) as usize;
    let fen = (fen_total % 10) as usize;
    let mut out = String::new();
    if negative {
        out.push('负');
    }
    if yuan > 0 {
        out.push_str(&capital_integer(yuan));
        out.push('元');
    }
    match (yuan > 0, jiao, fen) {
        (false, 0, 0) => out.push_str("零元整"),
        (_, 0, 0) => out.push('整'),
        (true, 0, f) => {
            out.push('零');
            out.push(DIGITS[f]);
            out.push('分');
        }
        (_, j, 0) => {
            out.push(DIGITS[j]);
            out.push_str("角整");
        }
        (_, 0, f) => {
            out.push(DIGITS[f]);
            out.push('分');
        }
        (_, j, f) => {
            out.push(DIGITS[j]);
            out.push('角');
            out.push(DIGITS[f]);
            out.push('分');
        }
    }
    out
}

/// The integer part in capital figures, groups of four: 万, 亿, 万亿.
fn capital_integer(n: u128) -> String {
    const GROUP_UNITS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 10_000) as usize);
        rest /= 10_000;
    }
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (g < 1000 || pending_zero) {
            out.push('零');
        }
        out.push_str(&capital_group(g));
        out.push_str(GROUP_UNITS.get(i).copied().unwrap_or(""));
        pending_zero = false;
    }
    out
}

/// 0 < g < 10000 without leading zeros: 1010 → 壹仟零壹拾.
fn capital_group(g: usize) -> String {
    const UNITS: [&str; 4] = ["仟", "佰", "拾", ""];
    let digits = [g / 1000, g / 100 % 10, g / 10 % 10, g % 10];
    let mut out = String::new();
    let mut zero = false;
    for (d, unit) in digits.iter().zip(UNITS) {
        if *d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push(DIGITS[*d]);
        out.push_str(unit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn capital_figures_follow_voucher_rules() {
        assert_eq!(rmb_capital(m("36750.00")), "叁万陆仟柒佰伍拾元整");
        assert_eq!(rmb_capital(m("1680.32")), "壹仟陆佰捌拾元叁角贰分");
        assert_eq!(rmb_capital(m("107000.53")), "壹拾万柒仟元伍角叁分");
        assert_eq!(rmb_capital(m("100007")), "壹拾万零柒元整");
        assert_eq!(rmb_capital(m("1004")), "壹仟零肆元整");
        assert_eq!(rmb_capital(m("10.05")), "壹拾元零伍分");
        assert_eq!(rmb_capital(m("0.50")), "伍角整");
        assert_eq!(rmb_capital(m("0.07")), "柒分");
        assert_eq!(rmb_capital(m("0")), "零元整");
        assert_eq!(rmb_capital(m("100010000")), "壹亿零壹万元整");
        assert_eq!(rmb_capital(m("28500")), "贰万捌仟伍佰元整");
        assert_eq!(rmb_capital(m("-15.10")), "负壹拾伍元壹角整");
    }

    #[test]
    fn numerals_and_money_read_naturally() {
        assert_eq!(chinese_numeral(1), "一");
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(12), "十二");
        assert_eq!(chinese_numeral(20), "二十");
        assert_eq!(chinese_numeral(101), "一百零一");
        assert_eq!(money(m("1234567.5")), "1,234,567.50");
        assert_eq!(money(m("-12.00")), "-12.00");
        assert_eq!(money(m("999")), "999.00");
        assert_eq!(number("12345.60".parse().unwrap()), "12,345.6");
    }
}
