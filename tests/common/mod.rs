//! Helpers for the integration tests: fixture sites copied into a temporary
//! folder, the `gongkai` binary run inside it, and the output read back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// The build date every test uses, so "on the board" and "overdue" are fixed.
pub const TODAY: &str = "2026-11-20";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn gongkai() -> Command {
    Command::cargo_bin("gongkai").expect("the gongkai binary is built")
}

/// A site in a temporary folder, removed when dropped.
pub struct Site {
    dir: TempDir,
}

impl Site {
    /// A copy of `tests/fixtures/<name>` (or any folder given by path).
    pub fn copy_of(fixture: &str) -> Site {
        let src = if Path::new(fixture).is_absolute() {
            PathBuf::from(fixture)
        } else {
            repo().join("tests/fixtures").join(fixture)
        };
        let site = Site::empty();
        copy_dir(&src, site.path());
        site
    }

    /// A copy of a site in the repository (`.` for the demo, `examples/village`).
    pub fn copy_of_repo(rel: &str) -> Site {
        let site = Site::empty();
        let src = repo().join(rel);
        for part in ["site.yaml", "content", "static", "templates", "themes"] {
            let from = src.join(part);
            if from.is_dir() {
                copy_dir(&from, &site.path().join(part));
            } else if from.is_file() {
                std::fs::copy(&from, site.path().join(part)).unwrap();
            }
        }
        site
    }

    pub fn empty() -> Site {
        Site {
            dir: tempfile::Builder::new()
                .prefix("gongkai-test-")
                .tempdir()
                .expect("a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        let path = self.path().join(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
        self
    }

    /// Runs `gongkai <args>` inside the site folder (so paths print as `content/…`).
    pub fn run(&self, args: &[&str]) -> Output {
        gongkai()
            .current_dir(self.path())
            .args(args)
            .output()
            .expect("run gongkai")
    }

    /// `gongkai build --today TODAY <extra>`; panics with the messages if it fails.
    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build", "--today", TODAY];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        out
    }

    /// `gongkai check --today TODAY`, expected to fail; returns its stderr.
    pub fn check_fails(&self) -> String {
        let out = self.run(&["check", "--today", TODAY]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "check should fail with content errors:\n{}",
            stderr(&out)
        );
        stderr(&out)
    }

    pub fn out(&self, rel: &str) -> PathBuf {
        self.path().join("public").join(rel)
    }

    /// A file of the built site as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out(rel)).unwrap_or_else(|e| panic!("read public/{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out(rel).exists()
    }

    /// The names at the top of the site folder, sorted.
    pub fn top_level(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Every file of the built site, as (relative path, bytes).
    pub fn all_output(&self) -> Vec<(String, Vec<u8>)> {
        files_under(&self.path().join("public"))
    }
}

pub fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if e.file_type().is_file() {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// The visible text of an HTML page: tags dropped (block tags become a space,
/// inline ones nothing), entities for `&<>"'` decoded, whitespace collapsed.
/// Enough to assert what a reader sees.
pub fn text_of(html: &str) -> String {
    const INLINE: &[&str] = &[
        "a", "span", "strong", "b", "em", "i", "time", "sup", "sub", "code", "small", "abbr",
        "mark", "wbr",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else { break };
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !INLINE.contains(&name.to_ascii_lowercase().as_str()) {
            out.push(' ');
        }
        rest = &after[gt + 1..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `href` values of an HTML page, quoted or not.
pub fn links(html: &str) -> Vec<String> {
    html.split("href=")
        .skip(1)
        .map(|rest| match rest.strip_prefix('"') {
            Some(q) => q.split('"').next().unwrap_or("").to_string(),
            None => rest.split([' ', '>']).next().unwrap_or("").to_string(),
        })
        .collect()
}
