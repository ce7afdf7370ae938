//! Attachments: files beside a record or under `static/`, which must exist and
//! stay inside the site — no `..`, no absolute paths, no symlinks out.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use crate::content::{Library, Record};
use crate::diagnostic::Diagnostic;
use crate::fsutil;

/// Where an attachment comes from and where it lands in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentTarget {
    /// The file on disk.
    pub source: PathBuf,
    /// Output path relative to the site root, with `/` separators.
    pub output: String,
    /// Beside-the-record files are copied by the renderer; `static/` ones already are.
    pub needs_copy: bool,
}

/// Resolves `file` for `record`: beside the record first, then under `static/`.
/// The error is (message, what to do).
pub fn resolve(
    root: &Path,
    record: &Record,
    file: &str,
) -> Result<AttachmentTarget, (String, String)> {
    let rel = safe_relative(file)?;
    let beside = root.join(record.dir()).join(&rel);
    if beside.is_file() {
        if !fsutil::is_inside(&beside, &root.join("content")) {
            return Err(escapes(file));
        }
        let output = format!("{}{}", record.path(), slash_path(&rel));
        return Ok(AttachmentTarget {
            source: beside,
            output,
            needs_copy: true,
        });
    }
    let in_static = root.join("static").join(&rel);
    if in_static.is_file() {
        if !fsutil::is_inside(&in_static, &root.join("static")) {
            return Err(escapes(file));
        }
        return Ok(AttachmentTarget {
            source: in_static,
            output: slash_path(&rel),
            needs_copy: false,
        });
    }
    Err((
        format!("附件“{file}”不存在"),
        format!(
            "把文件放到 static/{}，或放在记录文件旁边；注意文件名和大小写要完全一致",
            slash_path(&rel)
        ),
    ))
}

fn escapes(file: &str) -> (String, String) {
    (
        format!("附件“{file}”指向网站文件夹以外"),
        "附件必须是放在网站文件夹里的真实文件，不能是指向别处的快捷方式（符号链接）".into(),
    )
}

/// Accepts only a plain relative path: no `..`, no root, no drive, no backslash, no NUL.
fn safe_relative(file: &str) -> Result<PathBuf, (String, String)> {
    let f = file.trim();
    let bad = |why: &str, help: &str| {
        Err((
            format!("附件路径“{}”{why}", f.replace('\0', "\\0")),
            help.to_string(),
        ))
    };
    if f.is_empty() {
        return bad("是空的", "写上附件的文件名，例如 files/预算表.pdf");
    }
    if f.contains("://") {
        return bad(
            "是网址，不是文件",
            "附件必须是网站里的文件；网上的链接请写在正文里",
        );
    }
    if f.contains('\0') || f.chars().any(char::is_control) {
        return bad("含有不可见字符", "重新输入文件名");
    }
    if f.contains('\\') {
        return bad("用了反斜杠 \\", "路径请用正斜杠 /，例如 files/预算表.pdf");
    }
    let path = Path::new(f);
    let plain = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let drive = f.len() >= 2 && f.as_bytes()[1] == b':';
    if !plain || drive {
        return bad(
            "不能含 ..、/ 开头或盘符",
            "写相对于 static/ 或记录文件所在文件夹的路径，例如 files/预算表.pdf",
        );
    }
    Ok(path.to_path_buf())
}

fn slash_path(p: &Path) -> String {
    p.components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect::<Vec<_>>()
        .join("/")
}

/// Files under `content/` that are neither records nor anyone's attachment.
pub fn check_unused_files(library: &Library, root: &Path) -> Vec<Diagnostic> {
    let used: HashSet<PathBuf> = library
        .records
        .iter()
        .flat_map(|r| {
            r.common
                .attachments
                .iter()
                .filter_map(|a| a.file.as_ref())
                .filter_map(|f| resolve(root, r, f.as_str()).ok())
                .filter(|t| t.needs_copy)
                .map(|t| t.source)
                .chain(r.sources.iter().map(|s| root.join(s)))
        })
        .collect();
    library
        .other_files
        .iter()
        .filter(|rel| !used.contains(&root.join(rel)))
        .map(|rel| {
            Diagnostic::warning(
                fsutil::shown_path(root, rel),
                "不是记录文件（.md/.yaml），也没有被哪条记录作为附件，不会发布",
            )
            .help(
                "如果是附件，在记录的 attachments 里写上它；如果是记录，把扩展名改为 .md 或 .yaml",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_could_leave_the_site() {
        for bad in [
            "../site.yaml",
            "/etc/passwd",
            "a/../../b",
            "C:/x",
            "a\\b",
            "a\0b",
            "",
            "https://x.org/a.pdf",
        ] {
            assert!(safe_relative(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(safe_relative("files/预算表.pdf").is_ok());
        assert!(safe_relative("./a.pdf").is_ok());
    }
}
