//! The exact message every kind of bad input produces: file, line and column,
//! field path, what is wrong and what to do. The text is part of the product;
//! a change here is a change a clerk will see, so read it as one would.
//!
//! Each case is a folder `tests/fixtures/errors/<case>/` holding the files it
//! adds to a copy of `tests/fixtures/minimal`, byte for byte (a `site.yaml`
//! there replaces the fixture's). `gongkai check` must fail with exit status 1,
//! and what it prints on stderr must equal the snapshot
//! `tests/snapshots/errors__check@<case>.snap`.
//!
//! A changed message fails the test and leaves `<snapshot>.snap.new` beside the
//! old one (in CI nothing is written). To accept a change, or to write the
//! snapshot of a new case, run `INSTA_UPDATE=always cargo test --test errors`
//! and read `git diff tests/snapshots` before committing (or use
//! `cargo insta review`, if cargo-insta is installed).

mod common;

use std::path::{Path, PathBuf};

use common::{Site, TODAY, files_under, repo, stderr};

fn cases() -> PathBuf {
    repo().join("tests/fixtures/errors")
}

/// The files of a case folder, as (path relative to the site, bytes).
fn files_of(case: &Path) -> Vec<(String, Vec<u8>)> {
    let files = files_under(case);
    assert!(!files.is_empty(), "{} holds no file", case.display());
    files
}

fn names_of_cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cases())
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_bad_input_gets_its_exact_message() {
    let names = names_of_cases();
    assert!(names.len() >= 40, "the cases cover at least 40 bad inputs");

    insta::glob!("fixtures/errors/*", |case| {
        let name = case.file_name().unwrap().to_string_lossy();
        let site = Site::copy_of("minimal");
        for (rel, bytes) in files_of(case) {
            site.write_bytes(&rel, &bytes);
        }
        let out = site.run(&["check", "--today", TODAY]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: exit status\n{err}");
        // insta compares with trailing whitespace trimmed and CRLF read as LF;
        // the message itself ends in exactly one newline and has no CR.
        assert!(
            err == format!("{}\n", err.trim_end()) && !err.contains('\r'),
            "{name}: stray whitespace at the end, or a CR:\n{err:?}"
        );
        insta::assert_snapshot!("check", err);
    });

    // A snapshot whose case folder was renamed or removed is stale.
    let stale: Vec<String> = std::fs::read_dir(repo().join("tests/snapshots"))
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let case = file.strip_prefix("errors__check@")?.strip_suffix(".snap")?;
            (!names.iter().any(|n| n == case)).then_some(file)
        })
        .collect();
    assert!(stale.is_empty(), "snapshots without a case: {stale:?}");
}

#[test]
fn all_problems_of_all_files_are_reported_together() {
    let site = Site::copy_of("minimal");
    let picked = [
        "ledger_does_not_balance",
        "mobile_in_title",
        "no_majority",
        "agenda_item_without_topic",
        "admission_numbers_repeat",
        "gbk_encoded_file",
    ];
    for name in picked {
        for (path, bytes) in files_of(&cases().join(name)) {
            // Each case's file under its own name, so all of them sit side by side.
            let (dir, file) = path.rsplit_once('/').unwrap();
            site.write_bytes(&format!("{dir}/{name}-{file}"), &bytes);
        }
    }
    let err = site.check_fails();
    for name in picked {
        assert!(
            err.contains(&format!("/{name}-a.")),
            "{name} is reported:\n{err}"
        );
    }
    let errors = err.matches("错误：").count();
    assert_eq!(errors, picked.len(), "{err}");
    assert!(
        err.trim_end()
            .ends_with(&format!("共{errors}个错误，改正后再生成网站。")),
        "{err}"
    );
}
