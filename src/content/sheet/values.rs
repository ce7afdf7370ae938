//! Amounts and dates from spreadsheet cells, read the way clerks type them,
//! and refused (never guessed at) when they are not what they seem.

use rust_decimal::Decimal;

use crate::content::sheet::Cell;
use crate::types::{Date, Money};

/// What is wrong with a cell, and what to do.
pub(crate) type Problem = (String, String);

/// An amount: a number cell (exact to the fen), or text with `,`, `¥` or `元`.
pub(crate) fn money(cell: &Cell) -> Result<Option<Money>, Problem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => {
            let fen = n * 100.0;
            // A float that is a whole number of fen up to its binary noise
            // (0.1 + 0.2) is that number of fen; anything else was never money.
            if !fen.is_finite() || (fen - fen.round()).abs() > 1e-6 || fen.abs() > 1e14 {
                return Err((
                    format!(
                        "金额 {} 不是整分的数（小数超过两位）",
                        super::read::number_text(*n)
                    ),
                    "把这一格改成精确到分的金额；表格显示的是四舍五入后的数，实际存的数要改".into(),
                ));
            }
            Ok(Some(Money(Decimal::new(fen.round() as i64, 2))))
        }
        Cell::Text(t) => {
            let t: String = t
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '，' | '¥' | '￥' | '元'))
                .collect();
            if t.is_empty() || matches!(t.as_str(), "-" | "—" | "－" | "/") {
                return Ok(None);
            }
            t.parse::<Money>()
                .map(Some)
                .map_err(|m| (m, "金额只写数字，可以带千分位逗号或“元”".into()))
        }
        other => not_a_value(other, "金额"),
    }
}

/// A date: a date cell, an Excel date number, or text like `2026-10-3`,
/// `2026/10/03`, `2026年10月3日`, or `10月3日` (the year from `year`).
pub(crate) fn date(cell: &Cell, year: Option<i16>) -> Result<Option<Date>, Problem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) if (1.0..2_958_466.0).contains(n) && n.fract() == 0.0 && *n < 100_000.0 => {
            let base = jiff::civil::date(1899, 12, 30);
            base.checked_add(jiff::Span::new().days(*n as i64))
                .map(|d| Some(Date(d)))
                .map_err(|_| bad_date(&super::read::number_text(*n)))
        }
        Cell::Number(n) => date_text(&super::read::number_text(*n), year),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Text(t) => date_text(t.trim(), year),
        other => not_a_value(other, "日期"),
    }
}

fn date_text(t: &str, year: Option<i16>) -> Result<Option<Date>, Problem> {
    let parts: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let nums: Vec<i32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let ymd = match nums.as_slice() {
        [ymd] if parts[0].len() == 8 => Some((ymd / 10000, ymd / 100 % 100, ymd % 100)),
        [y, m, d] if parts[0].len() == 4 => Some((*y, *m, *d)),
        [m, d] => year.map(|y| (i32::from(y), *m, *d)),
        _ => None,
    };
    let Some((y, m, d)) = ymd else {
        return Err(match (nums.len(), year) {
            (2, None) => (
                format!("日期“{t}”没有年份"),
                "写成 2026-10-03，或在记录里写 period（例如 period: 2026-10），月日就按那一年算"
                    .into(),
            ),
            _ => bad_date(t),
        });
    };
    jiff::civil::Date::new(y as i16, m as i8, d as i8)
        .map(|d| Some(Date(d)))
        .map_err(|_| (format!("日期“{t}”不存在"), "核对月份和日子".into()))
}

fn bad_date(t: &str) -> Problem {
    (
        format!("“{t}”不是日期"),
        "写成 2026-10-03、2026/10/3 或 2026年10月3日；也可以用表格的日期格式".into(),
    )
}

fn not_a_value<T>(cell: &Cell, what: &str) -> Result<Option<T>, Problem> {
    Err(match cell {
        Cell::FormulaWithoutValue(f) => (
            format!("这一格是公式（={f}），但文件里没有算好的结果"),
            "用 Excel 或 WPS 打开这个文件，让它算出结果后保存一次，再生成".into(),
        ),
        Cell::Error(e) => (
            format!("这一格是错误值 {e}，不是{what}"),
            "改正这一格的公式或内容".into(),
        ),
        other => (
            format!("“{}”不是{what}", other.text()),
            format!("这一列应是{what}"),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn amounts_are_exact_to_the_fen() {
        let m = |c: Cell| money(&c).unwrap().unwrap().to_string();
        assert_eq!(m(Cell::Number(0.1 + 0.2)), "0.30");
        assert_eq!(m(Cell::Number(24400.0)), "24400.00");
        assert_eq!(m(t("¥1,234.50元")), "1234.50");
        assert!(
            money(&Cell::Number(12.345))
                .unwrap_err()
                .0
                .contains("不是整分")
        );
        assert_eq!(money(&t("—")).unwrap(), None);
        assert!(
            money(&Cell::FormulaWithoutValue("SUM(D3:D9)".into()))
                .unwrap_err()
                .0
                .contains("公式")
        );
    }

    #[test]
    fn dates_as_clerks_type_them() {
        let d = |c: Cell, y| date(&c, y).unwrap().unwrap().to_string();
        assert_eq!(d(t("2026-10-3"), None), "2026-10-03");
        assert_eq!(d(t("2026/10/03"), None), "2026-10-03");
        assert_eq!(d(t("2026年10月3日"), None), "2026-10-03");
        assert_eq!(d(t("10月3日"), Some(2026)), "2026-10-03");
        assert_eq!(d(Cell::Number(46298.0), None), "2026-10-03");
        assert_eq!(d(t("20261003"), None), "2026-10-03");
        assert!(
            date(&t("10月3日"), None)
                .unwrap_err()
                .0
                .contains("没有年份")
        );
        assert!(
            date(&t("2026-02-30"), None)
                .unwrap_err()
                .0
                .contains("不存在")
        );
    }
}
