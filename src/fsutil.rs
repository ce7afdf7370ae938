//! File access that always knows which file it was touching.
//!
//! Every `std::fs` call the pipeline makes goes through here so an I/O failure
//! becomes a diagnostic naming the file, never a bare "No such file or directory".

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// An I/O failure with the path it happened on.
#[derive(Debug)]
pub struct FsError {
    pub path: PathBuf,
    pub action: &'static str,
    pub source: io::Error,
}

impl FsError {
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::error(
            &self.path,
            format!("无法{}：{}", self.action, explain(&self.source)),
        )
        .help("检查文件是否存在、是否有读写权限、磁盘是否已满")
    }
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}：无法{}：{}",
            self.path.display(),
            self.action,
            explain(&self.source)
        )
    }
}

impl std::error::Error for FsError {}

fn explain(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "文件或文件夹不存在".into(),
        io::ErrorKind::PermissionDenied => "没有权限".into(),
        io::ErrorKind::AlreadyExists => "已经存在".into(),
        _ => e.to_string(),
    }
}

fn wrap<T>(path: &Path, action: &'static str, r: io::Result<T>) -> Result<T, FsError> {
    r.map_err(|source| FsError {
        path: path.to_path_buf(),
        action,
        source,
    })
}

pub fn read(path: &Path) -> Result<Vec<u8>, FsError> {
    wrap(path, "读取文件", std::fs::read(path))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    wrap(path, "写入文件", std::fs::write(path, bytes))
}

pub fn create_dir_all(path: &Path) -> Result<(), FsError> {
    wrap(path, "创建文件夹", std::fs::create_dir_all(path))
}

pub fn copy(from: &Path, to: &Path) -> Result<(), FsError> {
    wrap(from, "复制文件", std::fs::copy(from, to).map(|_| ()))
}

pub fn rename(from: &Path, to: &Path) -> Result<(), FsError> {
    wrap(to, "替换文件夹", std::fs::rename(from, to))
}

pub fn remove_dir_all(path: &Path) -> Result<(), FsError> {
    wrap(path, "删除文件夹", std::fs::remove_dir_all(path))
}

/// Writes `bytes` to `path`, creating its parent folders when they are missing.
/// The write is tried first: most files land in a folder that already exists.
pub fn write_creating(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    match std::fs::write(path, bytes) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                create_dir_all(parent)?;
            }
            write(path, bytes)
        }
        other => wrap(path, "写入文件", other),
    }
}

/// The path a clerk should be shown: `ROOT/rel`, without a leading `./`.
pub fn shown_path(root: &Path, rel: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

/// `path` relative to the site `root` it was shown under (`ROOT/content/x.md`
/// → `content/x.md`); `None` for a path outside the site.
pub fn relative_to(path: &Path, root: &Path) -> Option<PathBuf> {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        return (!path.is_absolute()).then(|| path.to_path_buf());
    }
    path.strip_prefix(root).ok().map(Path::to_path_buf)
}

/// Whether `path` (after resolving `..` and symlinks) lies inside `dir`.
pub fn is_inside(path: &Path, dir: &Path) -> bool {
    match (path.canonicalize(), dir.canonicalize()) {
        (Ok(p), Ok(d)) => p.starts_with(d),
        _ => false,
    }
}

/// Resolves `path` as far as it exists: the existing ancestor canonicalized,
/// the rest appended. Used to compare folders that may not exist yet.
pub fn resolve_lexically(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return normalize(&out);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return normalize(&absolute),
        }
    }
}

/// Removes `.` and folds `..` without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
