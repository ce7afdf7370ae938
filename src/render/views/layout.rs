//! Tables laid out from their content, for the printed sheet: no column is
//! narrower than the longest thing in it that must not break (a masked ID, a
//! phone, an amount, a date, a short name or header), columns empty in every
//! row are left out, and free-text columns share what width is left.
//!
//! Widths are estimated in `em` of the table's type: a Chinese character is
//! one em, a digit a little over half. The estimate only has to be generous
//! enough that an unbreakable cell never overflows its column.

use serde::Serialize;

/// How a column's cells may be set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Figures, dates, masked numbers, codes: never broken across lines.
    Token,
    /// Words: kept on one line when every cell is short, else wrapped.
    Text,
}

/// One column as the sheet sets it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColLayout {
    /// Width in em of the table's type, or `None` for a free-text column
    /// that takes its share of what is left.
    pub width: Option<String>,
    /// Whether its cells stay on one line.
    pub nowrap: bool,
    /// False for a column empty in every row (and its total): left out.
    pub shown: bool,
    /// A free-text column's claim on the width left over: how much it holds.
    #[serde(skip)]
    pub weight: f32,
}

/// Room a cell's padding and borders take, in em.
const PADDING_EM: f32 = 1.0;
/// The narrowest a free-text column may be: five characters a line.
pub const MIN_FLEX_EM: f32 = 5.5;
/// A text column whose cells are all at most this wide stays on one line.
const SHORT_TEXT_EM: f32 = 6.0;

/// Estimated width of `text` in em: CJK and full-width forms one em, ASCII
/// digits and letters about half, narrow punctuation less.
pub fn text_em(text: &str) -> f32 {
    text.chars()
        .map(|c| match c {
            '0'..='9' => 0.57,
            'A'..='Z' => 0.68,
            'a'..='z' => 0.56,
            '*' | '-' | '/' | '(' | ')' => 0.45,
            '.' | ',' | ':' | ';' | '\'' | '"' | ' ' | '|' | '!' => 0.3,
            c if c.is_ascii() => 0.6,
            _ => 1.0,
        })
        .sum()
}

/// The widest piece of a header that must stay together: headers may break
/// before a bracket (`月保障金` / `（元）`) and nowhere else.
pub fn header_em(label: &str) -> f32 {
    label
        .split(['（', '('])
        .enumerate()
        .map(|(i, part)| text_em(part) + if i > 0 { 1.0 } else { 0.0 })
        .fold(0.0, f32::max)
}

/// Lays out the columns of one or more tables that share them (the groups of
/// an admission list): `rows` are every row of all of them.
pub fn lay_out(
    labels: &[String],
    shapes: &[Shape],
    rows: &[&[String]],
    totals: Option<&[Option<String>]>,
) -> Vec<ColLayout> {
    labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let cells = || {
                rows.iter()
                    .filter_map(move |r| r.get(i))
                    .filter(|c| !c.trim().is_empty())
            };
            let total = totals.and_then(|t| t.get(i)).and_then(|t| t.as_deref());
            let shown = cells().next().is_some() || total.is_some();
            let widest = cells()
                .map(|c| text_em(c))
                .chain(total.map(text_em))
                .fold(0.0, f32::max);
            let token = shapes.get(i) == Some(&Shape::Token) || widest <= SHORT_TEXT_EM;
            let width = token.then(|| widest.max(header_em(label)) + PADDING_EM);
            let (sum, n) = cells().fold((0.0, 0), |(s, n), c| (s + text_em(c), n + 1));
            ColLayout {
                width: width.map(|w| format!("{:.1}em", w)),
                nowrap: token,
                shown,
                weight: if n == 0 {
                    1.0
                } else {
                    (sum / n as f32).clamp(4.0, 40.0)
                },
            }
        })
        .collect()
}

/// The width the shown columns need at least, in em: fixed ones as set,
/// free-text ones at their narrowest.
pub fn needed_em(cols: &[ColLayout]) -> f32 {
    cols.iter()
        .filter(|c| c.shown)
        .map(|c| c.width.as_deref().and_then(em).unwrap_or(MIN_FLEX_EM))
        .sum()
}

/// Gives each shown free-text column its share of the width the fixed
/// columns leave on paper (`available` em), in proportion to how much its
/// cells hold, and never less than [`MIN_FLEX_EM`].
pub fn fill_flex(cols: &mut [ColLayout], available: f32) {
    let fixed: f32 = cols
        .iter()
        .filter(|c| c.shown)
        .filter_map(|c| em(c.width.as_deref()?))
        .sum();
    let flex: Vec<usize> = (0..cols.len())
        .filter(|&i| cols[i].shown && cols[i].width.is_none())
        .collect();
    let total_weight: f32 = flex.iter().map(|&i| cols[i].weight).sum();
    let left = (available - fixed).max(MIN_FLEX_EM * flex.len() as f32);
    for &i in &flex {
        let share = (left * cols[i].weight / total_weight).max(MIN_FLEX_EM);
        cols[i].width = Some(format!("{share:.1}em"));
    }
}

fn em(width: &str) -> Option<f32> {
    width.trim_end_matches("em").parse().ok()
}

/// Table text width of each paper, in em of the sheets' 12-point table type
/// (`sheet.css`), with a margin for rounding.
pub fn available_em(paper: &str, orientation: &str) -> f32 {
    // Page width less 2 × 12 mm margins, at 4.233 mm per 12-point em.
    let mm = match (paper, orientation) {
        ("A3", "landscape") => 420.0,
        ("A3", _) | (_, "landscape") => 297.0,
        _ => 210.0,
    } - 24.0;
    mm / 4.233 * 0.97
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn unbreakable_cells_set_the_width_and_empty_columns_go() {
        let labels = strings(&["户主姓名", "身份证号", "致贫原因", "备注", "月保障金（元）"]);
        let shapes = [
            Shape::Text,
            Shape::Token,
            Shape::Text,
            Shape::Text,
            Shape::Token,
        ];
        let a = strings(&[
            "刘*珍",
            "220421********5120",
            "因病，长期住院治疗，家中无劳动力",
            "",
            "820.00",
        ]);
        let b = strings(&["欧**生", "220402********123X", "因残", "", "1,150.50"]);
        let cols = lay_out(&labels, &shapes, &[&a, &b], None);
        assert!(cols[0].nowrap && cols[1].nowrap && cols[4].nowrap);
        assert!(
            !cols[2].nowrap && cols[2].width.is_none(),
            "free text takes what is left"
        );
        assert!(!cols[3].shown, "an empty column is left out");
        let id: f32 = cols[1]
            .width
            .as_deref()
            .unwrap()
            .trim_end_matches("em")
            .parse()
            .unwrap();
        assert!(id > text_em("220421********5120"), "{id}");
        let name: f32 = cols[0]
            .width
            .as_deref()
            .unwrap()
            .trim_end_matches("em")
            .parse()
            .unwrap();
        assert!(name >= 4.0, "a four-character header never breaks: {name}");
        assert!(needed_em(&cols) < available_em("A4", "portrait"));
    }

    #[test]
    fn a3_holds_more_not_bigger() {
        assert!(available_em("A3", "portrait") > available_em("A4", "portrait") * 1.4);
        assert_eq!(
            available_em("A3", "portrait"),
            available_em("A4", "landscape")
        );
    }
}
