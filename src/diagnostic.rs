//! Diagnostics: every problem found in a run, with file, line, field and what to do.
//!
//! Messages are written for the clerk, in Chinese, with the field names exactly as
//! they appear in the record file. The text is part of the product and pinned by tests.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Something the build did on its own that the clerk should know
    /// (a sheet turned to landscape); not counted as a problem.
    Note,
}

/// One step of a field path: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path into a record, shown as `ledger.entries[2].expense`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    /// Parses the dotted form written by serde and by this crate.
    pub fn parse(text: &str) -> Self {
        let mut segs = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty() && *p != "?") {
            let (key, rest) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                segs.push(Seg::Key(key.to_string()));
            }
            for idx in rest.split('[').filter(|s| !s.is_empty()) {
                if let Ok(n) = idx.trim_end_matches(']').parse() {
                    segs.push(Seg::Index(n));
                }
            }
        }
        FieldPath(segs)
    }

    pub fn key(&self, key: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Key(key.to_string()));
        p
    }

    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The path as a clerk reads it: list positions counted from one, rows
    /// as rows (`ledger.entries（第25行）.expense`, `agenda（第2项）.topic`).
    pub fn for_clerk(&self) -> String {
        let mut out = String::new();
        let mut parent = "";
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => out.push_str(k),
                Seg::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Seg::Index(n) => {
                    let unit = if matches!(parent, "entries" | "rows") {
                        "行"
                    } else {
                        "项"
                    };
                    out.push_str(&format!("（第{}{unit}）", n + 1));
                }
            }
            if let Seg::Key(k) = seg {
                parent = k;
            }
        }
        out
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

impl From<&str> for FieldPath {
    fn from(text: &str) -> Self {
        FieldPath::parse(text)
    }
}

/// One problem, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as the clerk would find it (site root joined with the relative path).
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub field: Option<String>,
    /// Where in a spreadsheet, as its user says it: `工作表“Sheet1” D7 单元格`
    /// (then `line` and `column` are not used).
    pub place: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// Printed after the file's other problems (the "还有 N 个问题" note).
    pub last: bool,
}

impl Diagnostic {
    pub fn error(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.as_ref().to_path_buf(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            help: None,
            last: false,
            place: None,
        }
    }

    pub fn note(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn warning(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: Option<usize>, column: Option<usize>) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn field(mut self, path: &FieldPath) -> Self {
        if !path.is_root() {
            self.field = Some(path.to_string());
        }
        self
    }

    /// Puts the problem at a spreadsheet cell (`工作表“Sheet1” D7 单元格`) of `file`.
    pub fn in_sheet(mut self, file: &Path, place: String) -> Self {
        self.file = file.to_path_buf();
        self.line = None;
        self.column = None;
        self.place = Some(place);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where the problem is: `content/x.md:14:3`.
    pub fn location(&self) -> String {
        let mut s = self.file.display().to_string();
        if let Some(place) = &self.place {
            s.push(' ');
            s.push_str(place);
        } else if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }
}

/// Text from a file name, a field or a record as it may reach a terminal:
/// control characters (escape sequences, carriage returns, stray line
/// breaks) become `�`, so nothing in a record can rewrite the clerk's screen.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        text.chars()
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Note => "提示",
        };
        write!(f, "{word}：{}", terminal_safe(&self.location()))?;
        if let Some(field) = &self.field {
            let shown = FieldPath::parse(field).for_clerk();
            write!(f, " 字段 {}", terminal_safe(&shown))?;
        }
        write!(f, "\n  {}", terminal_safe(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, "\n  → {}", terminal_safe(help))?;
        }
        Ok(())
    }
}

/// A value as quoted back in a message: one line, at most 30 characters,
/// control characters (escape sequences) replaced so nothing reaches the
/// terminal raw.
pub fn quote(text: &str) -> String {
    let one_line: String = text
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut s: String = one_line.chars().take(30).collect();
    if one_line.chars().count() > 30 {
        s.push('…');
    }
    s
}

/// How many problems one file reports before the rest are only counted. A
/// clerk fixes the first few and checks again; listing 100,000 identical row
/// errors helps no one, and locating each one costs a parse of the file.
pub const MAX_PER_FILE: usize = 50;

/// The note that stands for the problems of `file` left unlisted.
pub fn more_in_file(file: &Path, more: usize) -> Diagnostic {
    Diagnostic {
        last: true,
        ..Diagnostic::error(file, format!("这个文件还有{more}个问题没有列出"))
            .help("先改正上面列出的问题，再运行一次检查")
    }
}

/// Sorts diagnostics so a run prints them file by file, top to bottom.
pub fn sort_diagnostics(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (
            &a.file, a.last, a.line, a.column, &a.place, a.severity, &a.message,
        )
            .cmp(&(
                &b.file, b.last, b.line, b.column, &b.place, b.severity, &b.message,
            ))
    });
}

/// What the run was: a check writes nothing, a build fails without touching `public/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    Check,
    Build,
    /// `serve`: the browser keeps showing the last good site.
    Preview,
}

/// Prints every problem to the terminal (stderr), then the closing line.
pub fn print_report(diags: &[Diagnostic], run: RunKind) {
    for d in diags {
        eprintln!("{d}\n");
    }
    let s = summary(diags, run);
    if !s.is_empty() {
        eprintln!("{s}");
    }
}

/// The closing line of a run that found problems.
pub fn summary(diags: &[Diagnostic], run: RunKind) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let counts = match (errors, warnings) {
        (0, 0) => return String::new(),
        (0, w) => return format!("共{w}条警告。"),
        (e, 0) => format!("共{e}个错误"),
        (e, w) => format!("共{e}个错误、{w}条警告"),
    };
    match run {
        RunKind::Check => format!("{counts}，改正后再生成网站。"),
        RunKind::Build => format!("{counts}，网站没有生成，原来的网站保持不变。"),
        RunKind::Preview => format!("{counts}，预览没有更新，浏览器里仍是上一次正确的网站。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_round_trips_through_text() {
        let p = FieldPath::parse("ledger.entries[2].expense");
        assert_eq!(
            p.0,
            vec![
                Seg::Key("ledger".into()),
                Seg::Key("entries".into()),
                Seg::Index(2),
                Seg::Key("expense".into())
            ]
        );
        assert_eq!(p.to_string(), "ledger.entries[2].expense");
        assert_eq!(FieldPath::parse("rows[1][0]").to_string(), "rows[1][0]");
        assert_eq!(
            FieldPath::parse("ledger.entries[24].expense").for_clerk(),
            "ledger.entries（第25行）.expense"
        );
        assert_eq!(
            FieldPath::parse("tables[0].rows[2].name").for_clerk(),
            "tables（第1项）.rows（第3行）.name"
        );
    }

    #[test]
    fn escape_sequences_never_reach_the_terminal() {
        let d = Diagnostic::error("content/\u{1b}[2Ja.md", "不认识的字段 x\u{1b}]0;title\u{7}")
            .field(&"a\nb".into());
        let shown = d.to_string();
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown:?}"
        );
        assert_eq!(shown.matches('\n').count(), 1, "{shown:?}");
    }

    #[test]
    fn display_names_file_line_field_and_help() {
        let d = Diagnostic::error("content/a.md", "不对")
            .at(Some(3), Some(5))
            .field(&"ledger.closing".into())
            .help("改一下");
        assert_eq!(
            d.to_string(),
            "错误：content/a.md:3:5 字段 ledger.closing\n  不对\n  → 改一下"
        );
    }
}
