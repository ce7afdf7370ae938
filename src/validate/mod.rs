//! Stage 3: every check that protects residents and supervisors.
//!
//! Per-record rules run in parallel over the read-only library; rules across
//! records (unique slugs, `replaces`) run after. All problems are collected.

pub mod attachments;
mod common;
mod finance;
mod kinds;
mod markdown;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::content::{Kind, KindData, Library, Record};
use crate::diagnostic::{Diagnostic, FieldPath, MAX_PER_FILE, more_in_file};
use crate::source::Source;

/// Validates the whole library; returns every error and warning found.
pub fn validate(library: &Library, root: &Path) -> Vec<Diagnostic> {
    let mut diags: Vec<Diagnostic> = library
        .records
        .par_iter()
        .flat_map_iter(|r| check_record(r, root))
        .collect();
    diags.extend(check_across(library, root));
    diags
}

/// The rules that span records: unique slugs, page names, `replaces`, stray files.
pub fn check_across(library: &Library, root: &Path) -> Vec<Diagnostic> {
    let mut diags = check_unique_slugs(library);
    diags.extend(check_page_slugs(library, root));
    diags.extend(kinds::check_replaces(library));
    diags.extend(attachments::check_unused_files(library, root));
    diags
}

/// Collects the diagnostics of one record, located in its file.
pub(crate) struct Checks<'a> {
    pub src: &'a Source,
    pub out: Vec<Diagnostic>,
    /// Values the loader could not read and set aside (already reported):
    /// rules about them stay quiet instead of reporting them missing.
    repaired: &'a [FieldPath],
    /// Problems past [`MAX_PER_FILE`], counted but not located.
    suppressed: usize,
}

impl<'a> Checks<'a> {
    pub fn new(src: &'a Source, repaired: &'a [FieldPath]) -> Self {
        Checks {
            src,
            out: Vec::new(),
            repaired,
            suppressed: 0,
        }
    }

    /// Whether a problem at `path` saying `message` is about a value the
    /// loader set aside: inside it, or its parent naming it.
    fn about_repaired(&self, path: &FieldPath, message: &str) -> bool {
        self.repaired.iter().any(|r| {
            r.0.starts_with(&path.0) && r.0.len() > path.0.len() && {
                matches!(r.0.last(), Some(crate::diagnostic::Seg::Key(k)) if message.contains(k.as_str()))
            } || path.0.starts_with(&r.0)
        })
    }

    /// Whether any value under `prefix` (`ledger`) was set aside: figures
    /// computed from that part would be wrong, so rules on them stay quiet.
    pub fn repaired_under(&self, prefix: &str) -> bool {
        let p = FieldPath::parse(prefix);
        self.repaired.iter().any(|r| r.0.starts_with(&p.0))
    }

    /// Whether there is room for one more located diagnostic.
    fn room(&mut self) -> bool {
        if self.out.len() < MAX_PER_FILE {
            return true;
        }
        self.suppressed += 1;
        false
    }

    /// The diagnostics, with a note for any left unlisted.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        if self.suppressed > 0 {
            self.out.push(more_in_file(&self.src.path, self.suppressed));
        }
        self.out
    }

    pub fn error(&mut self, path: &str, message: impl Into<String>, help: impl Into<String>) {
        self.error_at(&FieldPath::parse(path), message, help);
    }

    pub fn error_at(
        &mut self,
        path: &FieldPath,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let message = message.into();
        if self.about_repaired(path, &message) || !self.room() {
            return;
        }
        let d = self.src.error(path, message);
        let help = help.into();
        self.out
            .push(if help.is_empty() { d } else { d.help(help) });
    }

    /// Adds a diagnostic made elsewhere (one located without a field path).
    pub fn push(&mut self, d: Diagnostic) {
        if self.room() {
            self.out.push(d);
        }
    }

    pub fn warn(&mut self, path: &str, message: impl Into<String>, help: impl Into<String>) {
        let (path, message) = (FieldPath::parse(path), message.into());
        if self.about_repaired(&path, &message) || !self.room() {
            return;
        }
        let d = self.src.warning(&path, message);
        let help = help.into();
        self.out
            .push(if help.is_empty() { d } else { d.help(help) });
    }
}

/// The rules on one record's own fields.
pub fn check_record(record: &Record, root: &Path) -> Vec<Diagnostic> {
    let mut c = Checks::new(&record.source, &record.repaired);
    common::check_common(record, root, &mut c);
    markdown::check_markdown_depth(record, &mut c);
    match &record.data {
        KindData::Disclosure(d) => finance::check_disclosure(record, d, &mut c),
        KindData::Convention(d) => kinds::check_convention(d, &mut c),
        KindData::Consultation(d) => kinds::check_consultation(d, &mut c),
        KindData::Admission(d) => kinds::check_admission(d, &mut c),
        KindData::Page(_) => {}
    }
    c.finish()
}

fn check_unique_slugs(library: &Library) -> Vec<Diagnostic> {
    let mut seen: HashMap<(Kind, &str), &Record> = HashMap::new();
    let mut out = Vec::new();
    for r in &library.records {
        match seen.get(&(r.kind, r.slug.as_str())) {
            Some(first) => {
                let path = if r.common.slug.is_some() { "slug" } else { "" };
                out.push(
                    r.source
                        .error(&FieldPath::parse(path), format!("网址名（slug）“{}”与 {} 重复", r.slug, first.source.path.display()))
                        .help("同一种记录的网址名不能相同：在其中一条的资料区写 slug: 另一个名字，或改文件名"),
                );
            }
            None => {
                seen.insert((r.kind, r.slug.as_str()), r);
            }
        }
    }
    out
}

/// Names a free page may not take: they are the site's own folders and files.
const RESERVED: &[&str] = &[
    "disclosures",
    "conventions",
    "consultations",
    "admissions",
    "pages",
    "print",
    "data",
    "static",
    "theme",
    "404",
    "index",
    "feed",
    "sitemap",
    "assets",
    "schema",
    "search",
    "pagefind",
    "tags",
];

fn check_page_slugs(library: &Library, root: &Path) -> Vec<Diagnostic> {
    let static_dir = root.join("static");
    library
        .of_kind(Kind::Pages)
        .filter_map(|r| {
            let clash = if RESERVED.contains(&r.slug.as_str()) {
                Some("网站自己的栏目".to_string())
            } else if static_dir.join(&r.slug).exists() {
                Some(format!("static/{} 里的文件", r.slug))
            } else {
                None
            };
            clash.map(|what| {
                let path = if r.common.slug.is_some() { "slug" } else { "" };
                r.source
                    .error(
                        &FieldPath::parse(path),
                        format!("页面网址名“{}”与{}冲突", r.slug, what),
                    )
                    .help("给这个页面换一个 slug，例如 slug: about-us")
            })
        })
        .collect()
}
