//! Stage 5: writing the site. What a build writes goes into a staging folder
//! beside the output; only a complete build touches the previous `public/`,
//! so a failed build leaves the old site untouched. The first build's
//! staging folder becomes the output; later builds write only the files that
//! are new or changed and then move them into place and remove what is no
//! longer made, so a second build that changes nothing writes nothing.
//! Every file is compared with what is really in the output, never with a
//! record of it: a build interrupted while moving files leaves a mix that
//! the next build puts right.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::fsutil::{self, FsError};

/// The file that marks a folder as gongkai's output, safe to replace.
pub const MARKER: &str = ".gongkai-output";

/// Why an `--out` folder is refused.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<(), String> {
    let root_abs = fsutil::resolve_lexically(root);
    let out_abs = fsutil::resolve_lexically(out);
    if out_abs.parent().is_none() {
        return Err(format!("不能把网站输出到根目录 {}", out.display()));
    }
    if out_abs == root_abs || root_abs.starts_with(&out_abs) {
        return Err(format!(
            "输出文件夹 {} 是网站文件夹本身或它的上级；生成时会整个替换输出文件夹，记录会被删掉",
            out.display()
        ));
    }
    for keep in ["content", "static", "templates", "themes", "site.yaml"] {
        let protected = root_abs.join(keep);
        if out_abs.starts_with(&protected) || protected.starts_with(&out_abs) {
            return Err(format!(
                "输出文件夹 {} 与网站的 {keep} 重叠；生成时会整个替换输出文件夹，原有文件会被删掉",
                out.display()
            ));
        }
    }
    if out_abs.is_file() {
        return Err(format!("{} 是一个文件，不是文件夹", out.display()));
    }
    if out_abs.is_dir() && !out_abs.join(MARKER).is_file() {
        let empty = std::fs::read_dir(&out_abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(format!(
                "{} 里已经有别的文件，不是 gongkai 生成的网站；为免误删，请换一个新的或空的文件夹",
                out.display()
            ));
        }
    }
    Ok(())
}

/// Holds the output's lock for the whole build, so two builds of one site
/// never interleave their swaps.
pub struct BuildLock {
    _file: File,
}

/// Locks the output folder `out` against other builds.
///
/// The lock file lives in the system's temporary folder, named after the
/// output's absolute path, not beside the output: a lock file in the site
/// folder would be committed by every clerk who keeps their site in git, and
/// removing it after the build would let a third build lock a fresh file
/// while a second still waits on the removed one.
pub fn lock_output(out: &Path) -> Result<BuildLock, FsError> {
    let (parent, name) = split_out(out);
    fsutil::create_dir_all(&parent)?;
    let path = lock_path(&parent.join(name));
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| FsError {
            path: path.clone(),
            action: "创建锁文件",
            source,
        })?;
    file.lock().map_err(|source| FsError {
        path,
        action: "锁定输出文件夹",
        source,
    })?;
    Ok(BuildLock { _file: file })
}

/// `$TMPDIR/gongkai-<hash of the output path>.lock`.
fn lock_path(out: &Path) -> PathBuf {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(out.as_os_str().as_encoded_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    std::env::temp_dir().join(format!("gongkai-{hex}.lock"))
}

fn split_out(out: &Path) -> (PathBuf, String) {
    let abs = fsutil::resolve_lexically(out);
    let parent = abs
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("/"));
    let name = abs
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    (parent, name)
}

/// How a build's files reach the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No output yet: everything is written into the staging folder, which
    /// then becomes the output by one rename.
    Fresh,
    /// An output from an earlier build: each file is compared with the one
    /// already there, and only new or changed files are written, into the
    /// staging folder; `commit` moves them into place and removes the files
    /// this build no longer makes. A second build that changes nothing
    /// writes nothing and deletes nothing.
    Update,
    /// Straight into the output (the preview's one-record changes).
    Live,
}

/// A half-built site. Dropped without `commit`, it removes itself; the
/// output is untouched until `commit`.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    mode: Mode,
    /// Every file this build makes, written or already in place (`Update`),
    /// with the file it was copied from.
    made: Mutex<HashMap<String, Option<PathBuf>>>,
    /// Files written because they were new or had changed.
    changed: AtomicUsize,
    committed: bool,
}

impl Staging {
    pub fn create(out: &Path) -> Result<Staging, FsError> {
        let (parent, name) = split_out(out);
        let dir = parent.join(format!(".{name}.gongkai-tmp-{}", std::process::id()));
        if dir.exists() {
            fsutil::remove_dir_all(&dir)?;
        }
        fsutil::create_dir_all(&dir)?;
        let out = parent.join(name);
        let mode = if out.join(MARKER).is_file() {
            Mode::Update
        } else {
            Mode::Fresh
        };
        let staging = Staging {
            dir,
            out,
            mode,
            made: Mutex::new(HashMap::new()),
            changed: AtomicUsize::new(0),
            committed: false,
        };
        staging.write(
            MARKER,
            b"This folder is generated by gongkai and replaced on every build.\n",
        )?;
        staging.changed.store(0, Ordering::Relaxed);
        Ok(staging)
    }

    /// Writes straight into an existing output folder, with no swap: what the
    /// preview server does for a one-record change. Never removes the folder.
    pub fn live(out: &Path) -> Staging {
        Staging {
            dir: out.to_path_buf(),
            out: out.to_path_buf(),
            mode: Mode::Live,
            made: Mutex::new(HashMap::new()),
            changed: AtomicUsize::new(0),
            committed: true,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many files were written because they were new or had changed.
    pub fn changed(&self) -> usize {
        self.changed.load(Ordering::Relaxed)
    }

    /// Removes a record's folder (`disclosures/q3/`) after it was deleted or renamed.
    pub fn remove_dir(&self, rel: &str) -> Result<(), FsError> {
        let dir = self.target(rel.trim_end_matches('/'))?;
        if dir.is_dir() {
            fsutil::remove_dir_all(&dir)?;
        }
        Ok(())
    }

    /// Writes `bytes` at the site-relative path `rel` (`disclosures/q3/index.html`).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), FsError> {
        let to = self.target(rel)?;
        if self.in_place(rel, None, |old| same_bytes(old, bytes)) {
            return Ok(());
        }
        self.changed.fetch_add(1, Ordering::Relaxed);
        fsutil::write_creating(&to, bytes)
    }

    pub fn copy(&self, from: &Path, rel: &str) -> Result<(), FsError> {
        let to = self.target(rel)?;
        if self.in_place(rel, Some(from), |old| same_files(old, from)) {
            return Ok(());
        }
        self.changed.fetch_add(1, Ordering::Relaxed);
        if let Some(parent) = to.parent() {
            fsutil::create_dir_all(parent)?;
        }
        fsutil::copy(from, &to)
    }

    /// Keeps the file already at `rel` in the output when `current` says it
    /// is what this build would write (a workbook made from the same
    /// content); returns whether it was kept.
    pub fn keep_if(&self, rel: &str, current: impl FnOnce(&Path) -> bool) -> bool {
        self.target(rel).is_ok() && self.in_place(rel, None, current)
    }

    /// Notes `rel` as made by this build and says whether the output already
    /// holds it as `same` judges (only when updating an output).
    fn in_place(&self, rel: &str, from: Option<&Path>, same: impl FnOnce(&Path) -> bool) -> bool {
        if self.mode != Mode::Update {
            return false;
        }
        if let Ok(mut made) = self.made.lock() {
            made.insert(rel.to_string(), from.map(Path::to_path_buf));
        }
        same(&self.out.join(rel))
    }

    /// Refuses any output path that is not plain relative components.
    fn target(&self, rel: &str) -> Result<PathBuf, FsError> {
        let path = Path::new(rel);
        if rel.is_empty()
            || rel.contains('\\')
            || !path.components().all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(FsError {
                path: path.to_path_buf(),
                action: "写入文件（路径不安全）",
                source: std::io::Error::from(std::io::ErrorKind::InvalidInput),
            });
        }
        Ok(self.dir.join(path))
    }

    /// Puts the new site in place of the old one.
    pub fn commit(mut self) -> Result<(), FsError> {
        match self.mode {
            Mode::Live => Ok(()),
            Mode::Fresh => {
                // An empty folder (allowed as --out) gives way to the new site.
                if self.out.is_dir() {
                    let _ = std::fs::remove_dir(&self.out);
                }
                fsutil::rename(&self.dir, &self.out)?;
                self.committed = true;
                Ok(())
            }
            Mode::Update => {
                let made = std::mem::take(&mut *self.made.lock().map_err(|_| FsError {
                    path: self.out.clone(),
                    action: "整理输出文件夹",
                    source: std::io::Error::other("lock poisoned"),
                })?);
                check_shape(&made)?;
                move_changed(&self.dir, &self.out)?;
                remove_unmade(&self.out, &made)?;
                let _ = std::fs::remove_dir_all(&self.dir);
                self.committed = true;
                Ok(())
            }
        }
    }
}

/// Whether the file at `path` holds exactly `bytes`. Read in pieces into a
/// buffer on the stack: comparing a whole site must not allocate it again.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut buf = [0u8; 16 * 1024];
    let mut rest = bytes;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && buf[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) | Err(_) => return false,
        }
    }
}

/// Whether the files at `a` and `b` hold the same bytes.
fn same_files(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    ma.is_file()
        && mb.is_file()
        && ma.len() == mb.len()
        && std::fs::read(b).is_ok_and(|bytes| same_bytes(a, &bytes))
}

/// Moves every file under `staged` to the same place under `out`, replacing
/// what is there (a file or, where the site changed shape, a folder).
fn move_changed(staged: &Path, out: &Path) -> Result<(), FsError> {
    for entry in walkdir::WalkDir::new(staged).min_depth(1) {
        let entry = entry.map_err(|e| FsError {
            path: staged.to_path_buf(),
            action: "读取暂存文件夹",
            source: e.into(),
        })?;
        let rel = entry.path().strip_prefix(staged).unwrap_or(entry.path());
        let to = out.join(rel);
        if entry.file_type().is_dir() {
            if to.is_file() || to.is_symlink() {
                std::fs::remove_file(&to).map_err(|source| FsError {
                    path: to.clone(),
                    action: "删除旧文件",
                    source,
                })?;
            }
            fsutil::create_dir_all(&to)?;
            continue;
        }
        if to.is_dir() && !to.is_symlink() {
            fsutil::remove_dir_all(&to)?;
        }
        std::fs::rename(entry.path(), &to).map_err(|source| FsError {
            path: to.clone(),
            action: "写入文件",
            source,
        })?;
    }
    Ok(())
}

/// Refuses a site in which one path is both a file and a folder (a file in
/// `static/` named like a kind's folder), before anything is moved.
fn check_shape(made: &HashMap<String, Option<PathBuf>>) -> Result<(), FsError> {
    let folders: HashSet<&str> = made
        .keys()
        .flat_map(|rel| rel.match_indices('/').map(move |(i, _)| &rel[..i]))
        .collect();
    let mut clashes: Vec<(&String, &Option<PathBuf>)> = made
        .iter()
        .filter(|(rel, _)| folders.contains(rel.as_str()))
        .collect();
    clashes.sort();
    match clashes.first() {
        None => Ok(()),
        Some((rel, from)) => Err(FsError {
            path: (*from)
                .clone()
                .unwrap_or_else(|| PathBuf::from(rel.as_str())),
            action: "复制文件（网站里这个位置要放一个文件夹）",
            source: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        }),
    }
}

/// Removes the files under `out` this build did not make, and the folders
/// left empty.
fn remove_unmade(out: &Path, made: &HashMap<String, Option<PathBuf>>) -> Result<(), FsError> {
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let Ok(entry) = entry else { continue };
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
        let key = rel
            .to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/");
        if entry.file_type().is_dir() {
            // Fails, as it should, while the folder still holds made files.
            let _ = std::fs::remove_dir(entry.path());
        } else if key != MARKER && !made.contains_key(&key) {
            std::fs::remove_file(entry.path()).map_err(|source| FsError {
                path: entry.path().to_path_buf(),
                action: "删除不再生成的文件",
                source,
            })?;
        }
    }
    Ok(())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_outputs_that_would_delete_records() {
        let site = std::env::temp_dir().join(format!("gk-out-{}", std::process::id()));
        std::fs::create_dir_all(site.join("content/disclosures")).unwrap();
        assert!(check_out_dir(&site, &site).is_err());
        assert!(check_out_dir(&site, &site.join("content")).is_err());
        assert!(check_out_dir(&site, &site.join("content/disclosures/x")).is_err());
        assert!(check_out_dir(&site, site.parent().unwrap()).is_err());
        assert!(check_out_dir(&site, Path::new("/")).is_err());
        assert!(check_out_dir(&site, &site.join("public")).is_ok());
        std::fs::create_dir_all(site.join("other")).unwrap();
        std::fs::write(site.join("other/keep.txt"), "x").unwrap();
        assert!(check_out_dir(&site, &site.join("other")).is_err());
        std::fs::remove_dir_all(&site).unwrap();
    }
}
