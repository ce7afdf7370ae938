//! The preview's site: loaded once, then kept up to date file by file. A saved
//! record is re-read, re-checked and re-rendered with the pages that list it
//! (its kind's index, and the year, category and tag pages it was or is on);
//! settings, templates, static files and free pages rebuild everything.
//! While any file has errors nothing is written: the last good site stays.
//!
//! Loading and publishing go through the same functions as `gongkai build`
//! ([`load_and_validate`], [`publish`]), so no rule can be missing here.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::plan::{Placed, plan_changes, remove_pages_past_the_end};
use crate::build::{
    Affected, BuildError, BuildOptions, LoadedSite, load_and_validate, privacy_report, publish,
    render_listings, render_record_outputs, with_renderer,
};
use crate::content::{Kind, Record, load_one, record_kind};
use crate::diagnostic::{Diagnostic, sort_diagnostics};
use crate::output::Staging;
use crate::render::site::render_machine_files;
use crate::validate::{check_across, check_record};

/// What a rebuild did.
#[derive(Debug)]
pub enum Outcome {
    /// Pages were written; open pages should reload. `full` when everything was.
    Rendered { full: bool, took: Duration },
    /// Some file has errors; nothing was written.
    Errors(Vec<Diagnostic>),
}

pub struct Preview {
    opts: BuildOptions,
    site: Option<LoadedSite>,
    /// Problems of each record file (loading and its own rules), by relative path.
    file_diags: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Problems across records, of the settings, or of the theme.
    site_diags: Vec<Diagnostic>,
    /// Record files changed since the last render (kept while errors block it).
    pending: BTreeSet<PathBuf>,
    /// A change needed everything rebuilt, and errors have blocked it so far.
    pending_full: bool,
    placed: HashMap<PathBuf, Placed>,
    /// HTML put before `</body>` of every page: the live-reload script.
    inject: String,
    /// Remakes the search index after a saved record.
    reindex: super::reindex::Reindexer,
}

impl Preview {
    pub fn new(opts: BuildOptions, inject: String) -> Preview {
        Preview {
            opts,
            site: None,
            file_diags: BTreeMap::new(),
            site_diags: Vec::new(),
            pending: BTreeSet::new(),
            pending_full: false,
            placed: HashMap::new(),
            inject,
            reindex: Default::default(),
        }
    }

    /// Every current problem, errors and warnings, file by file.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .file_diags
            .values()
            .flatten()
            .chain(&self.site_diags)
            .cloned()
            .collect();
        sort_diagnostics(&mut all);
        all
    }

    /// Whether `rel` is a folder (present, or moved away) that records were loaded from.
    fn holds_records(&self, rel: &Path) -> bool {
        self.opts.root.join(rel).is_dir()
            || self.site.as_ref().is_some_and(|s| {
                s.library
                    .records
                    .iter()
                    .any(|r| r.rel_path.starts_with(rel) && r.rel_path != rel)
            })
    }

    /// The record files that read the spreadsheet at `rel` (`from:`).
    fn readers_of(&self, rel: &Path) -> Vec<PathBuf> {
        self.site.as_ref().map_or_else(Vec::new, |s| {
            s.library
                .records
                .iter()
                .filter(|r| r.sources.iter().any(|src| src == rel))
                .map(|r| r.rel_path.clone())
                .collect()
        })
    }

    fn has_errors(&self) -> bool {
        self.file_diags
            .values()
            .flatten()
            .chain(&self.site_diags)
            .any(Diagnostic::is_error)
    }

    /// Loads and renders the whole site into the output folder (swapped in whole).
    pub fn rebuild_all(&mut self) -> Result<Outcome, BuildError> {
        let started = Instant::now();
        self.pending.clear();
        self.pending_full = true;
        let checked = match load_and_validate(&self.opts) {
            Ok(c) => c,
            Err(BuildError::Content(d)) => {
                self.site_diags = d;
                self.file_diags.clear();
                return Ok(Outcome::Errors(self.diagnostics()));
            }
            Err(usage) => return Err(usage),
        };
        self.file_diags = checked.per_file;
        self.site_diags = checked.across;
        self.site = checked.theme.map(|theme| LoadedSite {
            config: checked.config,
            library: checked.library,
            theme,
            warnings: Vec::new(),
        });
        if self.has_errors() {
            return Ok(Outcome::Errors(self.diagnostics()));
        }
        let Some(site) = self.site.as_mut() else {
            return Ok(Outcome::Errors(self.diagnostics()));
        };
        publish(site, &self.opts, Some(self.inject.clone()))?;
        let today = self.opts.build_date();
        self.placed = site
            .library
            .records
            .iter()
            .map(|r| (r.rel_path.clone(), Placed::of(r, today)))
            .collect();
        self.pending_full = false;
        Ok(Outcome::Rendered {
            full: true,
            took: started.elapsed(),
        })
    }

    /// Applies a batch of changed paths (relative to the site root).
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Option<Outcome>, BuildError> {
        let (mut records, other): (Vec<&PathBuf>, Vec<&PathBuf>) = changed
            .iter()
            .partition(|p| record_kind(p).is_some_and(|k| k != Kind::Pages));
        // A saved spreadsheet re-reads the records that take a ledger or table from it.
        let (sheets, other): (Vec<&PathBuf>, Vec<&PathBuf>) = other
            .into_iter()
            .partition(|p| !self.readers_of(p).is_empty());
        let readers: Vec<PathBuf> = sheets.iter().flat_map(|p| self.readers_of(p)).collect();
        records.extend(readers.iter());
        let needs_full = self.site.is_none()
            || self.pending_full
            || other
                .iter()
                .any(|p| affects_everything(p, &self.opts.root) || self.holds_records(p));
        if needs_full {
            return self.rebuild_all().map(Some);
        }
        if records.is_empty() {
            return Ok(None);
        }
        let started = Instant::now();
        self.reload_records(&records);
        if self.has_errors() {
            return Ok(Some(Outcome::Errors(self.diagnostics())));
        }
        let changed: Vec<PathBuf> = std::mem::take(&mut self.pending).into_iter().collect();
        self.render_changed(&changed)?;
        Ok(Some(Outcome::Rendered {
            full: false,
            took: started.elapsed(),
        }))
    }

    /// Re-reads and re-checks the saved record files, and the rules across records.
    fn reload_records(&mut self, records: &[&PathBuf]) {
        let Some(site) = self.site.as_mut() else {
            return;
        };
        for rel in records {
            let kind = record_kind(rel).expect("partitioned by kind");
            let (record, mut diags) = if self.opts.root.join(rel).is_file() {
                load_one(&self.opts.root, kind, rel, &site.config)
            } else {
                (None, Vec::new())
            };
            if let Some(r) = &record {
                diags.extend(check_record(r, &self.opts.root));
            }
            self.file_diags.insert((*rel).clone(), diags);
            site.library.replace_file(rel, record);
            self.pending.insert((*rel).clone());
        }
        self.site_diags = check_across(&site.library, &self.opts.root);
    }

    /// Renders the changed records, the records linked to them, and the pages
    /// that list them, writing straight into the output folder.
    fn render_changed(&mut self, changed: &[PathBuf]) -> Result<(), BuildError> {
        let Some(site) = self.site.as_mut() else {
            return Ok(());
        };
        let staging = Staging::live(&self.opts.out_dir());
        let placed = &mut self.placed;
        let mut searchable = Vec::new();
        let errors = with_renderer(
            site,
            &self.opts,
            &staging,
            Some(self.inject.clone()),
            false,
            |ctx, writer, _assets| {
                let plan = plan_changes(changed, placed, ctx, &staging);
                let mut errors = plan.errors;
                for r in &plan.records {
                    errors.extend(render_record_outputs(r, ctx, writer));
                }
                let published: Vec<&Record> = ctx
                    .library
                    .records
                    .iter()
                    .filter(|r| ctx.is_published(r))
                    .collect();
                let affected = Affected {
                    kinds: &plan.kinds,
                    board: plan.board,
                    lists: Some(&plan.lists),
                    only: plan.in_place.as_deref(),
                };
                let (listed, pages) = render_listings(&published, ctx, writer, affected);
                errors.extend(listed);
                errors.extend(remove_pages_past_the_end(&staging, &pages));
                errors.extend(render_machine_files(&published, ctx, writer, affected));
                errors.extend(privacy_report(ctx, writer));
                searchable = published
                    .iter()
                    .map(|r| format!("{}index.html", r.path()))
                    .collect();
                errors
            },
        );
        if errors.is_empty() {
            self.reindex.request(super::reindex::Job {
                out: self.opts.out_dir(),
                lang: site.config.language.clone(),
                pages: searchable,
            });
            Ok(())
        } else {
            Err(BuildError::Content(errors))
        }
    }
}

/// Settings, templates, themes, static files, free pages and files beside
/// records (attachments) change what many pages show: rebuild everything.
fn affects_everything(rel: &Path, root: &Path) -> bool {
    let first = rel
        .components()
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .unwrap_or("");
    match first {
        "site.yaml" | "templates" | "themes" | "static" => true,
        // A file under content/ that is not a record may be an attachment;
        // a vanished one only matters if it was a record, handled elsewhere.
        "content" => {
            record_kind(rel) == Some(Kind::Pages)
                || (root.join(rel).is_file() && !is_editor_scratch(rel))
        }
        _ => false,
    }
}

/// Files editors write and remove while saving (`.x.md.swp`, `x.md~`, vim's
/// `4913`), and the lock and temporary files of spreadsheet programs: Excel
/// and WPS keep `~$名单.xlsx` while a workbook is open and save through
/// `~WRL0001.tmp` or an extensionless `8A3F2B10`; LibreOffice keeps
/// `.~lock.名单.xlsx#`.
fn is_editor_scratch(rel: &Path) -> bool {
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.starts_with('_')
        || name.starts_with("~$")
        || (name.len() == 8 && name.bytes().all(|b| b.is_ascii_hexdigit()))
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.bytes().all(|b| b.is_ascii_digit())
}
