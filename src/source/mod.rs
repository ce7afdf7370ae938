//! A record file as text: front matter split from body, YAML parsed, and every
//! problem traced back to a line, column and field path in that file.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_yaml::Value;

mod locate;
pub mod serde_error;

use crate::diagnostic::{Diagnostic, FieldPath, Seg};
use locate::{locate_in_yaml, strip_location};
use serde_error::translate;

/// How the record is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `*.md`: YAML front matter between `---` lines, then Markdown.
    Markdown,
    /// `*.yaml` / `*.yml`: all YAML; an optional `body` field holds Markdown.
    Yaml,
}

/// One file's text and where its parts start.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown to the clerk (site root joined with the relative path).
    pub path: PathBuf,
    pub format: Format,
    text: String,
    yaml: Range<usize>,
    yaml_line: usize,
    body: Range<usize>,
    body_line: usize,
    /// Values read from spreadsheets, by field path: problems with them are
    /// reported at their cells.
    cells: Option<std::sync::Arc<crate::content::sheet::CellMap>>,
}

/// The largest record file gongkai reads; anything bigger is refused, not half-read.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

impl Source {
    /// Reads a record by its extension.
    pub fn from_file(path: PathBuf, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
        let is_md = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if is_md {
            Source::markdown_file(path, bytes)
        } else {
            Source::yaml_file(path, bytes)
        }
    }

    pub fn yaml_file(path: PathBuf, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
        let text = decode(&path, bytes)?;
        let len = text.len();
        Ok(Source {
            path,
            format: Format::Yaml,
            text,
            yaml: 0..len,
            yaml_line: 1,
            body: len..len,
            body_line: 1,
            cells: None,
        })
    }

    pub fn markdown_file(path: PathBuf, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
        let text = decode(&path, bytes)?;
        let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
        if text[..first_end].trim_end() != "---" {
            return Err(Diagnostic::error(&path, "文件开头缺少资料区（front matter）：第一行应是 ---")
                .at(Some(1), Some(1))
                .help("Markdown 记录的格式是：第一行 ---，接着写 title: 标题、date: 2026-11-06 等字段，再一行 ---，下面是正文"));
        }
        let mut pos = first_end;
        let mut line = 2;
        while pos < text.len() {
            let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
            let l = text[pos..end].trim_end();
            if l == "---" || l == "..." {
                return Ok(Source {
                    path,
                    format: Format::Markdown,
                    yaml: first_end..pos,
                    yaml_line: 2,
                    body: end..text.len(),
                    body_line: line + 1,
                    text,
                    cells: None,
                });
            }
            pos = end;
            line += 1;
        }
        Err(
            Diagnostic::error(&path, "资料区（front matter）没有结束：找不到第二个 --- 行")
                .at(Some(1), Some(1))
                .help("在字段和正文之间单独写一行 ---"),
        )
    }

    /// Drops the file's text once nothing will be located in it any more (a
    /// build past validation): the record keeps its body and fields, and a
    /// 100,000-record site does not hold every file twice.
    pub fn release_text(&mut self) {
        self.text = String::new();
        self.yaml = 0..0;
        self.body = 0..0;
    }

    pub fn yaml_text(&self) -> &str {
        &self.text[self.yaml.clone()]
    }

    /// The Markdown after the front matter (empty for YAML records).
    pub fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }

    /// The file line on which the Markdown body starts.
    pub fn body_line(&self) -> usize {
        self.body_line
    }

    /// Line and column (1-based, in the whole file) of the value at `path`,
    /// or of its nearest existing parent.
    pub fn locate(&self, path: &FieldPath) -> (Option<usize>, Option<usize>) {
        let mut segs: &[Seg] = &path.0;
        loop {
            if let Some((l, c)) = locate_in_yaml(self.yaml_text(), segs) {
                return (Some(l + self.yaml_line - 1), Some(c));
            }
            match segs.split_last() {
                Some((_, parent)) => segs = parent,
                None => return (Some(self.yaml_line), None),
            }
        }
    }

    /// Remembers which values came from which spreadsheet cells.
    pub fn set_cells(&mut self, cells: crate::content::sheet::CellMap) {
        if !cells.is_empty() {
            self.cells = Some(std::sync::Arc::new(cells));
        }
    }

    /// The spreadsheet cell the value at `path` (or its nearest parent) came from.
    fn cell_of(&self, path: &FieldPath) -> Option<&crate::content::sheet::CellRef> {
        let cells = self.cells.as_ref()?;
        (0..=path.0.len())
            .rev()
            .find_map(|n| cells.get(&FieldPath(path.0[..n].to_vec()).to_string()))
    }

    /// A problem at `path`: in a spreadsheet cell if the value came from one,
    /// else located in this file.
    fn place(&self, d: Diagnostic, path: &FieldPath) -> Diagnostic {
        match self.cell_of(path) {
            Some(cell) => d.in_sheet(&cell.file, cell.place()),
            None => {
                let (line, col) = self.locate(path);
                d.at(line, col).field(path)
            }
        }
    }

    /// An error at `path`, located in this file (or its spreadsheet).
    pub fn error(&self, path: &FieldPath, message: impl Into<String>) -> Diagnostic {
        self.place(Diagnostic::error(&self.path, message), path)
    }

    pub fn warning(&self, path: &FieldPath, message: impl Into<String>) -> Diagnostic {
        self.place(Diagnostic::warning(&self.path, message), path)
    }

    /// Deserializes the typed record from the already-parsed (and masked) value.
    /// On failure the text is deserialized again to learn the field path and line.
    pub fn deserialize_typed<T: DeserializeOwned>(&self, value: &Value) -> Result<T, Diagnostic> {
        match T::deserialize(value) {
            Ok(t) => Ok(t),
            Err(value_err) => Err(self.typed_error::<T>(&value_err.to_string())),
        }
    }

    /// Deserializes the typed record, collecting every problem in one run: on
    /// each error the offending value is set aside and reading goes on, so a
    /// file with an unknown field and a bad date reports both. Returns the
    /// record read from what was left (or `None` if even that failed), the
    /// errors, and the paths that were set aside.
    pub fn deserialize_all<T: DeserializeOwned>(&self, value: &Value) -> Typed<T> {
        let mut v = value.clone();
        let mut errors = Vec::new();
        let mut repaired: Vec<FieldPath> = Vec::new();
        while errors.len() < crate::diagnostic::MAX_PER_FILE {
            let err = match serde_path_to_error::deserialize::<_, T>(&v) {
                Ok(t) => {
                    return Typed {
                        value: Some(t),
                        errors,
                        repaired,
                    };
                }
                Err(e) => e,
            };
            let path = FieldPath::parse(&err.path().to_string());
            let raw = err.inner().to_string();
            // A required value that was set aside is now missing: its first
            // error says all there is to say.
            let missing_repaired = repaired.iter().any(|r| {
                matches!(r.0.last(), Some(Seg::Key(k)) if raw.starts_with(&format!("missing field `{k}`")))
                    && r.0.starts_with(&path.0)
            });
            if missing_repaired {
                break;
            }
            errors.push(self.value_error(&path, &raw));
            let again = repaired.iter().filter(|p| **p == path).count();
            if path.is_root() || !set_aside(&mut v, &path.0, again) {
                break;
            }
            repaired.push(path);
        }
        Typed {
            value: None,
            errors,
            repaired,
        }
    }

    /// An error about the value at `path`, located in this file.
    fn value_error(&self, path: &FieldPath, raw: &str) -> Diagnostic {
        let raw = strip_location(raw, path);
        let (message, help) = translate(&raw);
        let d = self.error(path, message);
        match help {
            Some(h) => d.help(h),
            None => d,
        }
    }

    fn typed_error<T: DeserializeOwned>(&self, fallback: &str) -> Diagnostic {
        let de = serde_yaml::Deserializer::from_str(self.yaml_text());
        let Err(err) = serde_path_to_error::deserialize::<_, T>(de) else {
            let (message, help) = translate(fallback);
            let d = Diagnostic::error(&self.path, message).at(Some(self.yaml_line), None);
            return match help {
                Some(h) => d.help(h),
                None => d,
            };
        };
        let path = FieldPath::parse(&err.path().to_string());
        let inner = err.inner();
        let raw = strip_location(&inner.to_string(), &path);
        let (message, help) = translate(&raw);
        // A value's own position beats the parser's, which for errors raised while
        // reading a value (a bad date, a bad amount) is where its mapping began.
        let exact = (!path.is_root())
            .then(|| locate_in_yaml(self.yaml_text(), &path.0))
            .flatten();
        let (line, col) = match (exact, inner.location()) {
            (Some((l, c)), _) => (Some(l + self.yaml_line - 1), Some(c)),
            (None, Some(loc)) => (Some(loc.line() + self.yaml_line - 1), Some(loc.column())),
            (None, None) => self.locate(&path),
        };
        let d = Diagnostic::error(&self.path, message)
            .at(line, col)
            .field(&path);
        match help {
            Some(h) => d.help(h),
            None => d,
        }
    }
}

/// What [`Source::deserialize_all`] read.
pub struct Typed<T> {
    pub value: Option<T>,
    pub errors: Vec<Diagnostic>,
    /// Values set aside because they could not be read.
    pub repaired: Vec<FieldPath>,
}

/// Sets aside the value at `segs` so reading can go on: a mapping key is
/// removed; a list element is replaced by an empty mapping, then (if that does
/// not fit either, `again`) by an empty string. Returns false when there is
/// nothing to set aside.
fn set_aside(v: &mut Value, segs: &[Seg], again: usize) -> bool {
    let Some((last, parents)) = segs.split_last() else {
        return false;
    };
    let mut node = v;
    for seg in parents {
        let next = match (seg, node) {
            (Seg::Key(k), Value::Mapping(m)) => m.get_mut(k.as_str()),
            (Seg::Index(i), Value::Sequence(s)) => s.get_mut(*i),
            (_, Value::Tagged(t)) => Some(&mut t.value),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return false,
        }
    }
    match (last, node) {
        (Seg::Key(k), Value::Mapping(m)) => m.remove(k.as_str()).is_some(),
        (Seg::Index(i), Value::Sequence(s)) if *i < s.len() && again < 2 => {
            s[*i] = if again == 0 {
                Value::Mapping(Default::default())
            } else {
                Value::String(String::new())
            };
            true
        }
        _ => false,
    }
}

/// Parses the YAML part of a file into a value, mapping syntax errors to the file's lines.
pub fn parse_yaml_value(source: &Source) -> Result<Value, Diagnostic> {
    let yaml = source.yaml_text();
    if let Some((line, col)) = too_deep_flow(yaml) {
        return Err(Diagnostic::error(&source.path, "YAML 嵌套层数太深")
            .at(Some(line + source.yaml_line - 1), Some(col))
            .help("记录的字段最多嵌套几层；检查是否误用了大量缩进或方括号"));
    }
    let parsed: Result<Value, _> = serde_yaml::from_str(yaml);
    let mapping = matches!(parsed, Ok(Value::Mapping(_)) | Ok(Value::Null));
    if !mapping && let Some(d) = full_width_punctuation(source) {
        return Err(d);
    }
    let mut value: Value = parsed.map_err(|e| {
        let (message, help) = translate(&strip_location(&e.to_string(), &FieldPath::root()));
        let (line, col) = match e.location() {
            Some(loc) => (Some(loc.line() + source.yaml_line - 1), Some(loc.column())),
            None => (Some(source.yaml_line), None),
        };
        let d = Diagnostic::error(&source.path, message).at(line, col);
        match help {
            Some(h) => d.help(h),
            None => d,
        }
    })?;
    if let Err(e) = value.apply_merge() {
        return Err(
            Diagnostic::error(&source.path, format!("YAML 合并（<<）写法有误：{e}"))
                .at(Some(source.yaml_line), None),
        );
    }
    match value {
        Value::Mapping(_) => Ok(value),
        Value::Null => Err(
            Diagnostic::error(&source.path, "没有任何字段：文件的资料区是空的")
                .at(Some(source.yaml_line), None)
                .help("至少要写 title: 标题 和 date: 2026-11-06"),
        ),
        _ => Err(
            Diagnostic::error(&source.path, "资料区应是“字段: 值”一行一个的形式")
                .at(Some(source.yaml_line), Some(1))
                .help("例如 title: 2026年第三季度财务公开"),
        ),
    }
}

/// A field written with a full-width colon (`title：…`) or a list or mapping
/// separated with full-width commas: what a Chinese keyboard types, and what
/// YAML does not read. Named as such, on its line.
fn full_width_punctuation(source: &Source) -> Option<Diagnostic> {
    for (i, line) in source.yaml_text().lines().enumerate() {
        let at = Some(i + source.yaml_line);
        let t = line.trim_start().trim_start_matches("- ");
        let key: String = t
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !key.is_empty() && t[key.len()..].trim_start().starts_with('：') {
            return Some(
                Diagnostic::error(&source.path, format!("字段 {key} 后面用了全角冒号“：”"))
                    .at(
                        at,
                        Some(line.find('：').map_or(1, |b| line[..b].chars().count() + 1)),
                    )
                    .help(format!(
                        "改成半角冒号加一个空格：{key}: …（切换到英文输入法再打冒号）"
                    )),
            );
        }
        let bracketed = line.contains(['{', '[']);
        if bracketed && let Some(b) = line.find('，') {
            return Some(
                Diagnostic::error(&source.path, "花括号或方括号里用了全角逗号“，”")
                    .at(at, Some(line[..b].chars().count() + 1))
                    .help("{ } 和 [ ] 里的各项用半角逗号 , 隔开；文字里的逗号请给整段文字加引号"),
            );
        }
    }
    None
}

/// Deepest `[`/`{` nesting a record may have; real records use three or four.
const MAX_FLOW_DEPTH: usize = 64;

/// Where flow brackets nest deeper than any record needs. The YAML scanner
/// takes quadratic time on such input (a minute for 100,000 `[`), so it is
/// refused before parsing. Quoted text and comments are skipped.
fn too_deep_flow(yaml: &str) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut col) = (0usize, 1usize, 0usize);
    let (mut single, mut double, mut comment, mut escaped) = (false, false, false, false);
    let mut prev = '\n';
    for c in yaml.chars() {
        col += 1;
        match c {
            '\n' => {
                line += 1;
                col = 0;
                comment = false;
            }
            _ if comment => {}
            _ if double => match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => double = false,
                _ => {}
            },
            '\'' if single => single = false,
            _ if single => {}
            '"' => double = true,
            '\'' if !prev.is_alphanumeric() => single = true,
            '#' if prev.is_whitespace() => comment = true,
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some((line, col));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    None
}

/// Turns raw bytes into text, or says plainly why the file is not readable text.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            path,
            format!(
                "文件太大（{} MB），一条记录最多 {} MB",
                bytes.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .help("把长表格拆成几条记录，或把原始材料作为附件（attachments）放在 static/ 下"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            Diagnostic::error(path, "文件是 UTF-16 编码，gongkai 只读 UTF-8")
                .help("用记事本打开，选“另存为”，编码选 UTF-8 后保存"),
        );
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Diagnostic::error(path, "文件是空的")
            .help("删除这个文件，或用 gongkai new 生成一条记录后再填写"));
    }
    match String::from_utf8(bytes) {
        Ok(text) if text.contains('\0') => {
            Err(Diagnostic::error(path, "这不是文本文件（含有二进制内容）")
                .help("记录只能是 .md 或 .yaml 文本；图片、PDF 等请放在 static/ 下作为附件"))
        }
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let binary = bytes.iter().take(4096).any(|&b| b == 0);
            let d = Diagnostic::error(
                path,
                if binary {
                    "这不是文本文件（含有二进制内容）".to_string()
                } else {
                    "文件不是 UTF-8 编码（可能是 GBK/GB2312）".to_string()
                },
            )
            .at(Some(line), None);
            Err(if binary {
                d.help("记录只能是 .md 或 .yaml 文本；图片、PDF 等请放在 static/ 下作为附件")
            } else {
                d.help("用记事本打开，选“另存为”，编码选 UTF-8 后保存")
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Source {
        Source::markdown_file("a.md".into(), text.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn splits_front_matter_from_body() {
        let s = md("---\ntitle: 标题\n---\n正文\n");
        assert_eq!(s.yaml_text(), "title: 标题\n");
        assert_eq!(s.body_text(), "正文\n");
        assert_eq!(s.body_line(), 4);
    }

    #[test]
    fn locates_nested_fields_in_file_lines() {
        let s = md(
            "---\ntitle: t\nledger:\n  opening: \"1.00\"\n  entries:\n    - {item: a, expense: \"2\"}\n    - item: b\n      expense: \"3\"\n---\n",
        );
        assert_eq!(s.locate(&"ledger.opening".into()), (Some(4), Some(12)));
        assert_eq!(s.locate(&"ledger.entries[1].expense".into()).0, Some(8));
        assert_eq!(s.locate(&"ledger.entries[0].expense".into()).0, Some(6));
        // A missing field points at its parent.
        assert_eq!(s.locate(&"ledger.closing".into()).0, Some(4));
    }

    #[test]
    fn refuses_non_text_and_wrong_encodings() {
        let gbk = vec![b'-', b'-', b'-', b'\n', 0xB4, 0xE5, b'\n'];
        let e = Source::markdown_file("a.md".into(), gbk).unwrap_err();
        assert!(e.message.contains("不是 UTF-8"), "{e}");
        let e = Source::markdown_file("a.md".into(), b"   \n".to_vec()).unwrap_err();
        assert_eq!(e.message, "文件是空的");
        let e = Source::markdown_file("a.md".into(), b"title: x\n".to_vec()).unwrap_err();
        assert!(e.message.contains("缺少资料区"), "{e}");
    }
}
