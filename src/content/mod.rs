//! Stage 2: loading records from `content/` into a read-only library.
//!
//! Each file is read, split, parsed, masked, scanned for private numbers and
//! deserialized into its kind's strict struct. Files are loaded in parallel;
//! every problem in every file is collected, none stops the others.

pub mod admission;
pub mod consultation;
pub mod convention;
pub mod disclosure;
pub mod fields;
pub mod guard;
pub mod mask;
pub mod page;
pub mod sheet;
pub mod slug;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::fields::Common;
use crate::diagnostic::{Diagnostic, FieldPath};
use crate::fsutil;
use crate::source::{Format, Source, Typed, parse_yaml_value};
use crate::types::Date;

/// The folder under `content/` decides the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Disclosures,
    Conventions,
    Consultations,
    Admissions,
    Pages,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Disclosures,
        Kind::Conventions,
        Kind::Consultations,
        Kind::Admissions,
        Kind::Pages,
    ];

    /// The four kinds of public record (free pages are not records on the board).
    pub const RECORDS: [Kind; 4] = [
        Kind::Disclosures,
        Kind::Conventions,
        Kind::Consultations,
        Kind::Admissions,
    ];

    pub fn dir(self) -> &'static str {
        match self {
            Kind::Disclosures => "disclosures",
            Kind::Conventions => "conventions",
            Kind::Consultations => "consultations",
            Kind::Admissions => "admissions",
            Kind::Pages => "pages",
        }
    }

    pub fn from_dir(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.dir() == name)
    }

    /// The singular name `gongkai new` accepts (`disclosure`), plural and Chinese too.
    pub fn from_name(name: &str) -> Option<Kind> {
        let n = name.trim().to_lowercase();
        Kind::ALL.into_iter().find(|k| {
            let dir = k.dir();
            n == dir || n == dir.trim_end_matches('s') || k.chinese_names().contains(&n.as_str())
        })
    }

    fn chinese_names(self) -> &'static [&'static str] {
        match self {
            Kind::Disclosures => &["公开", "村务公开", "居务公开", "财务公开"],
            Kind::Conventions => &["公约", "村规民约", "居民公约"],
            Kind::Consultations => &["协商", "议事", "协商议事"],
            Kind::Admissions => &["准入", "准入清单"],
            Kind::Pages => &["页面"],
        }
    }
}

/// One record, loaded and typed. Its masked cells are already masked.
#[derive(Debug, Clone)]
pub struct Record {
    pub kind: Kind,
    pub slug: String,
    pub common: Common,
    /// Markdown body (after the front matter, or the `body` field).
    pub body: String,
    pub data: KindData,
    pub source: Source,
    /// Path relative to the site root, e.g. `content/disclosures/a.md`.
    pub rel_path: PathBuf,
    /// Values that could not be read and were set aside (their errors are
    /// reported); rules about them stay quiet.
    pub repaired: Vec<FieldPath>,
    /// Spreadsheets the record reads (`from:`), relative to the site root.
    pub sources: Vec<PathBuf>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum KindData {
    Disclosure(disclosure::Disclosure),
    Convention(convention::Convention),
    Consultation(consultation::Consultation),
    Admission(admission::Admission),
    Page(page::Page),
}

impl Record {
    /// Published on the site given the build date and `--drafts`.
    pub fn is_published(&self, today: Date, drafts: bool) -> bool {
        drafts || (!self.common.draft && self.common.date.is_none_or(|d| d <= today))
    }

    /// On the board now: its 公示期 covers the build date.
    pub fn is_on_board(&self, today: Date) -> bool {
        self.common
            .posting
            .as_ref()
            .is_some_and(|p| p.from <= today && today <= p.until)
    }

    /// Site-relative URL path of the record's page, e.g. `disclosures/q3/`.
    pub fn path(&self) -> String {
        match self.kind {
            Kind::Pages => format!("{}/", self.slug),
            k => format!("{}/{}/", k.dir(), self.slug),
        }
    }

    /// The folder the record file sits in, relative to the root.
    pub fn dir(&self) -> &Path {
        self.rel_path.parent().unwrap_or(Path::new(""))
    }
}

/// Every record of the site, sorted by kind, newest first, with lookups by slug.
#[derive(Debug, Default)]
pub struct Library {
    pub records: Vec<Record>,
    /// Files under `content/` that are not records (may be attachments).
    pub other_files: Vec<PathBuf>,
    /// (kind, slug) → index of the first record with that slug.
    by_slug: HashMap<(Kind, String), usize>,
    /// Convention slug → index of the convention whose `replaces` names it.
    replaced_by: HashMap<String, usize>,
}

impl Library {
    /// Sorts the records and builds the lookups, so finding a record by slug
    /// never walks the whole library (10,000 records would make that quadratic).
    pub fn new(mut records: Vec<Record>, other_files: Vec<PathBuf>) -> Self {
        sort_records(&mut records);
        let mut by_slug = HashMap::with_capacity(records.len());
        let mut replaced_by = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            by_slug.entry((r.kind, r.slug.clone())).or_insert(i);
            if let KindData::Convention(c) = &r.data
                && let Some(old) = &c.replaces
            {
                replaced_by
                    .entry(old.as_str().trim().to_string())
                    .or_insert(i);
            }
        }
        Library {
            records,
            other_files,
            by_slug,
            replaced_by,
        }
    }

    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Record> {
        self.records.iter().filter(move |r| r.kind == kind)
    }

    pub fn find(&self, kind: Kind, slug: &str) -> Option<&Record> {
        self.by_slug
            .get(&(kind, slug.to_string()))
            .map(|&i| &self.records[i])
    }

    /// Replaces the record loaded from `rel` (if any) with `new` (if any) and
    /// rebuilds the lookups; returns the record that was there.
    pub fn replace_file(&mut self, rel: &Path, new: Option<Record>) -> Option<Record> {
        let mut records = std::mem::take(&mut self.records);
        let old = records
            .iter()
            .position(|r| r.rel_path == rel)
            .map(|i| records.swap_remove(i));
        records.extend(new);
        *self = Library::new(records, std::mem::take(&mut self.other_files));
        old
    }

    /// The record loaded from `rel`.
    pub fn by_file(&self, rel: &Path) -> Option<&Record> {
        self.records.iter().find(|r| r.rel_path == rel)
    }

    /// The convention that replaces the one with `slug`, if any.
    pub fn replacement_of(&self, slug: &str) -> Option<&Record> {
        self.replaced_by.get(slug).map(|&i| &self.records[i])
    }
}

/// Sorts records by kind, then newest first, then slug, so output never depends on disk order.
pub fn sort_records(records: &mut [Record]) {
    records.sort_by(|a, b| {
        (
            a.kind,
            std::cmp::Reverse(a.common.date),
            &a.slug,
            &a.rel_path,
        )
            .cmp(&(
                b.kind,
                std::cmp::Reverse(b.common.date),
                &b.slug,
                &b.rel_path,
            ))
    });
}

/// Loads every record under `ROOT/content/`.
pub fn load_library(root: &Path, config: &Config) -> (Library, Vec<Diagnostic>) {
    let (files, other_files, mut diags) = discover(root);
    let results: Vec<(Option<Record>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|(kind, rel)| load_record(root, *kind, rel, config))
        .collect();
    let mut records = Vec::with_capacity(results.len());
    for (record, d) in results {
        records.extend(record);
        diags.extend(d);
    }
    (Library::new(records, other_files), diags)
}

/// Lists the record files of each kind, and notes anything that will not be published.
fn discover(root: &Path) -> (Vec<(Kind, PathBuf)>, Vec<PathBuf>, Vec<Diagnostic>) {
    let content = root.join("content");
    let mut files = Vec::new();
    let mut others = Vec::new();
    let mut diags = Vec::new();
    if content.is_symlink() {
        diags.push(symlink_error(&fsutil::shown_path(
            root,
            Path::new("content"),
        )));
        return (files, others, diags);
    }
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name().to_str().unwrap_or("")));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or(content.clone());
                diags.push(Diagnostic::error(path, format!("无法读取：{e}")));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        match place(&entry, &rel) {
            Place::Record(kind) => files.push((kind, rel)),
            Place::Other => others.push(rel),
            Place::Skip => {}
            Place::Problem(d) => diags.push(d(&fsutil::shown_path(root, &rel))),
        }
    }
    (files, others, diags)
}

/// What a path under `content/` is to the loader.
enum Place {
    Record(Kind),
    /// A file in a kind's folder that is not a record (perhaps an attachment).
    Other,
    Skip,
    /// Something a clerk must hear about; made with the path as shown.
    Problem(fn(&Path) -> Diagnostic),
}

fn place(entry: &walkdir::DirEntry, rel: &Path) -> Place {
    let kind = rel
        .components()
        .nth(1)
        .and_then(|c| c.as_os_str().to_str())
        .and_then(Kind::from_dir);
    let ty = entry.file_type();
    if ty.is_symlink() {
        // A record or a folder of records behind a link would vanish from the
        // site if skipped, or pull in files from outside it if followed.
        return Place::Problem(symlink_error);
    }
    match (entry.depth(), kind, ty.is_dir()) {
        (1, None, true) => Place::Problem(|p| {
            Diagnostic::warning(p, "不认识的文件夹，里面的文件都不会发布")
                .help("记录要放在 content/ 下的 disclosures、conventions、consultations、admissions 或 pages 文件夹里")
        }),
        (1, None, false) => Place::Problem(|p| {
            Diagnostic::warning(p, "这个文件直接放在 content/ 下，不会发布")
                .help("把它移到 content/disclosures/ 等对应种类的文件夹里")
        }),
        (_, _, true) | (1, Some(_), false) => Place::Skip,
        (_, Some(_), false) if !ty.is_file() && is_record_file(entry.path()) => {
            Place::Problem(not_regular_error)
        }
        (_, Some(_), false) if !ty.is_file() => Place::Skip,
        (_, Some(kind), false) if is_record_file(entry.path()) => Place::Record(kind),
        (_, Some(_), false) => Place::Other,
        (_, None, false) => Place::Skip,
    }
}

fn not_regular_error(shown: &Path) -> Diagnostic {
    Diagnostic::error(shown, "这不是普通文件（可能是管道或设备），不能读取")
        .help("记录必须是普通的 .md 或 .yaml 文件；删掉它，换成真正的文件")
}

fn symlink_error(shown: &Path) -> Diagnostic {
    Diagnostic::error(shown, "记录和记录文件夹不能是符号链接（快捷方式）")
        .help("把真正的文件或文件夹复制到这里")
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('_')
}

pub fn is_record_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["md", "markdown", "yaml", "yml"].contains(&e.to_ascii_lowercase().as_str())
    })
}

/// The kind of the record at `rel` (`content/disclosures/…/x.md`), if the path
/// is one the loader reads: a record file in a kind's folder, not hidden.
pub fn record_kind(rel: &Path) -> Option<Kind> {
    let mut parts = rel.components().filter_map(|c| c.as_os_str().to_str());
    if parts.next() != Some("content") {
        return None;
    }
    let kind = Kind::from_dir(parts.next()?)?;
    let rest: Vec<&str> = parts.collect();
    let visible = !rest.is_empty() && rest.iter().all(|p| !is_hidden(p));
    (visible && is_record_file(rel)).then_some(kind)
}

/// Loads the record file at `rel`, as the full load would.
pub fn load_one(
    root: &Path,
    kind: Kind,
    rel: &Path,
    config: &Config,
) -> (Option<Record>, Vec<Diagnostic>) {
    let shown = fsutil::shown_path(root, rel);
    match std::fs::symlink_metadata(root.join(rel)) {
        Ok(m) if m.file_type().is_symlink() => return (None, vec![symlink_error(&shown)]),
        Ok(m) if !m.is_file() => return (None, vec![not_regular_error(&shown)]),
        _ => {}
    }
    load_record(root, kind, rel, config)
}

/// Loads one record; panics inside the parsers are turned into a diagnostic.
fn load_record(
    root: &Path,
    kind: Kind,
    rel: &Path,
    config: &Config,
) -> (Option<Record>, Vec<Diagnostic>) {
    let shown = fsutil::shown_path(root, rel);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let bytes = fsutil::read(&root.join(rel)).map_err(|e| vec![e.diagnostic()])?;
        parse_record(kind, shown.clone(), rel.to_path_buf(), bytes, config)
    }));
    match caught {
        Ok(Ok((record, diags))) => (Some(record), diags),
        Ok(Err(diags)) => (None, diags),
        Err(_) => (
            None,
            vec![
                Diagnostic::error(&shown, "读取这个文件时 gongkai 内部出错")
                    .help("请把这个文件发给 gongkai 的维护者；其他文件不受影响"),
            ],
        ),
    }
}

/// From bytes to a typed record: split, parse, mask, guard privacy, deserialize.
pub fn parse_record(
    kind: Kind,
    shown: PathBuf,
    rel: PathBuf,
    bytes: Vec<u8>,
    config: &Config,
) -> Result<(Record, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut source = Source::from_file(shown, bytes).map_err(|d| vec![d])?;
    let mut value = parse_yaml_value(&source).map_err(|d| vec![d])?;
    let period = value
        .get("period")
        .and_then(mask::scalar_text)
        .and_then(|p| p.parse().ok());
    let rel_dir = rel.parent().unwrap_or(Path::new("")).to_path_buf();
    let sheets = sheet::expand(&mut value, &source.path, &rel_dir, period);
    source.set_cells(sheets.cells);
    let mask_problems = mask::mask_tables(&mut value);
    let allowed = guard::allowed_numbers(config, &value);
    let mut diags = sheets.diags;
    diags.extend(guard::scan_file_name(&rel, &source.path));
    diags.extend(mask_problems.into_iter().map(|p| {
        source
            .error(&p.path, p.message)
            .help("核对这一格是不是填错了列；遮盖的列只放对应的姓名、身份证号或电话")
    }));
    diags.extend(guard::scan_value(&value, &source, &allowed));
    diags.extend(guard::scan_body(&source, &allowed));
    let typed = deserialize_kind(kind, &source, &value);
    diags.extend(typed.errors);
    let Some((mut common, data)) = typed.value else {
        return Err(diags);
    };
    let body = match (source.format, common.body.take()) {
        (Format::Markdown, Some(_)) => {
            diags.push(
                source
                    .error(&FieldPath::parse("body"), "Markdown 记录不用 body 字段")
                    .help("正文直接写在第二个 --- 行的下面；只有 .yaml 记录才用 body: 字段"),
            );
            source.body_text().to_string()
        }
        (Format::Markdown, None) => source.body_text().to_string(),
        (Format::Yaml, body) => body.unwrap_or_default(),
    };
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let slug = match &common.slug {
        Some(s) => s.as_str().trim().to_string(),
        None => slug::slug_from_stem(stem),
    };
    // A record with errors is kept, so the rules that check it run in the
    // same round; the errors stop the build all the same.
    Ok((
        Record {
            kind,
            slug,
            common,
            body,
            data,
            source,
            rel_path: rel,
            repaired: typed.repaired,
            sources: sheets.sources,
        },
        diags,
    ))
}

/// Reads the kind's typed record from the parsed value, every problem at once.
fn deserialize_kind(
    kind: Kind,
    source: &Source,
    value: &serde_yaml::Value,
) -> Typed<(Common, KindData)> {
    fn read<T: serde::de::DeserializeOwned>(
        source: &Source,
        value: &serde_yaml::Value,
        split: impl FnOnce(T) -> (Common, KindData),
    ) -> Typed<(Common, KindData)> {
        let t = source.deserialize_all::<T>(value);
        Typed {
            value: t.value.map(split),
            errors: t.errors,
            repaired: t.repaired,
        }
    }
    match kind {
        Kind::Disclosures => read(source, value, |f: disclosure::DisclosureFront| {
            let (c, d) = f.into_parts();
            (c, KindData::Disclosure(d))
        }),
        Kind::Conventions => read(source, value, |f: convention::ConventionFront| {
            let (c, d) = f.into_parts();
            (c, KindData::Convention(d))
        }),
        Kind::Consultations => read(source, value, |f: consultation::ConsultationFront| {
            let (c, d) = f.into_parts();
            (c, KindData::Consultation(d))
        }),
        Kind::Admissions => read(source, value, |f: admission::AdmissionFront| {
            let (c, d) = f.into_parts();
            (c, KindData::Admission(d))
        }),
        Kind::Pages => read(source, value, |f: page::PageFront| {
            let (c, d) = f.into_parts();
            (c, KindData::Page(d))
        }),
    }
}
