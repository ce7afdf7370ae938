//! The one orchestrator: config → load → validate → render → write.
//!
//! Two functions carry the pipeline, and `build`, `check` and the preview all
//! call the same ones: [`load_and_validate`] (every rule, every file) and
//! [`publish`] (render into a staging folder and swap it in).

mod publish;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use publish::{
    Affected, ListKey, ListPages, privacy_report, publish, render_listings, render_record_outputs,
    render_site, with_renderer,
};

use crate::config::{Config, ConfigError, load_config};
use crate::content::{Library, load_library};
use crate::diagnostic::{Diagnostic, sort_diagnostics};
use crate::output;
use crate::render::RenderStats;
use crate::render::theme::{Theme, load_theme};
use crate::types::Date;
use crate::validate::{check_across, check_record};

/// What `build` (and `check`, `serve`) are asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/public`.
    pub out: Option<PathBuf>,
    /// The build date; defaults to today in China time.
    pub today: Option<Date>,
    pub drafts: bool,
    pub base_url: Option<String>,
    pub progress: bool,
    /// Every warning is an error (`--strict`): for a township checking its
    /// villages, or a clerk who wants nothing left to chance.
    pub strict: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            out: None,
            today: None,
            drafts: false,
            base_url: None,
            progress: false,
            strict: false,
        }
    }

    pub fn out_dir(&self) -> PathBuf {
        self.out
            .clone()
            .unwrap_or_else(|| crate::fsutil::shown_path(&self.root, Path::new("public")))
    }

    pub fn build_date(&self) -> Date {
        self.today.unwrap_or_else(today_in_china)
    }
}

/// Today's date where the records are kept (Asia/Shanghai, UTC+8 all year).
pub fn today_in_china() -> Date {
    let now = jiff::Timestamp::now();
    Date(
        now.to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)))
            .date(),
    )
}

/// Why a run failed: the command was wrong (exit 2) or the content was (exit 1).
#[derive(Debug)]
pub enum BuildError {
    Usage(String),
    Content(Vec<Diagnostic>),
}

impl BuildError {
    /// A failure to read or write a file, as a content error naming it.
    pub fn io(e: crate::fsutil::FsError) -> Self {
        BuildError::Content(vec![e.diagnostic()])
    }
}

impl From<ConfigError> for BuildError {
    fn from(e: ConfigError) -> Self {
        match e {
            ConfigError::NotASite(root) => BuildError::Usage(not_a_site(&root)),
            ConfigError::Invalid(d) => BuildError::Content(d),
        }
    }
}

/// The message for a folder without `site.yaml`, naming it as a clerk would.
pub fn not_a_site(root: &Path) -> String {
    let shown = if root.as_os_str().is_empty() || root == Path::new(".") {
        "当前文件夹".to_string()
    } else {
        format!("文件夹 {}", root.display())
    };
    format!(
        "{shown}里没有 site.yaml，这不是一个 gongkai 网站文件夹。用 --root 指向网站文件夹，或先运行 gongkai init 新建一个"
    )
}

/// A site that loaded and validated, ready to render.
pub struct LoadedSite {
    pub config: Config,
    pub library: Library,
    pub theme: Theme,
    /// Warnings only (errors fail the load).
    pub warnings: Vec<Diagnostic>,
}

/// Everything loading and validating found, whether or not it can be built.
pub struct Checked {
    pub config: Config,
    pub library: Library,
    /// `None` when the theme could not be loaded (its errors are in `across`).
    pub theme: Option<Theme>,
    /// Problems of each record file, loading and its own rules, by site-relative path.
    pub per_file: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Problems across records, of files that are not records, and of the theme.
    pub across: Vec<Diagnostic>,
}

impl Checked {
    /// Every problem found, file by file.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .per_file
            .values()
            .flatten()
            .chain(&self.across)
            .cloned()
            .collect();
        sort_diagnostics(&mut all);
        all
    }

    pub fn has_errors(&self) -> bool {
        self.per_file
            .values()
            .flatten()
            .chain(&self.across)
            .any(Diagnostic::is_error)
    }
}

/// Reads `site.yaml`, loads every record and the theme, and runs every rule.
/// Fails only when there is no site or its settings are unreadable; every
/// other problem is in the result.
pub fn load_and_validate(opts: &BuildOptions) -> Result<Checked, BuildError> {
    let (mut config, config_warnings) = load_config(&opts.root)?;
    if let Some(url) = &opts.base_url {
        crate::config::check_base_url(url).map_err(|msg| {
            BuildError::Usage(format!(
                "--base-url：{msg}。{}",
                crate::config::BASE_URL_HELP
            ))
        })?;
        config.base_url = url.clone();
    }
    let (library, load_diags) = load_library(&opts.root, &config);
    let mut per_file: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    let mut across = config_warnings;
    for d in load_diags {
        match crate::fsutil::relative_to(&d.file, &opts.root) {
            Some(rel) if crate::content::record_kind(&rel).is_some() => {
                per_file.entry(rel).or_default().push(d)
            }
            _ => across.push(d),
        }
    }
    let checked: Vec<(PathBuf, Vec<Diagnostic>)> = library
        .records
        .par_iter()
        .map(|r| (r.rel_path.clone(), check_record(r, &opts.root)))
        .collect();
    for (rel, diags) in checked {
        per_file.entry(rel).or_default().extend(diags);
    }
    across.extend(check_across(&library, &opts.root));
    let theme = match load_theme(&opts.root, &config) {
        Ok(t) => Some(t),
        Err(d) => {
            across.extend(d);
            None
        }
    };
    Ok(Checked {
        config,
        library,
        theme,
        per_file,
        across,
    })
}

/// Loads and validates everything; fails with every error found.
pub fn load_site(opts: &BuildOptions) -> Result<LoadedSite, BuildError> {
    let checked = load_and_validate(opts)?;
    let mut diags = checked.diagnostics();
    if opts.strict {
        for d in &mut diags {
            if d.severity == crate::diagnostic::Severity::Warning {
                d.severity = crate::diagnostic::Severity::Error;
            }
        }
    }
    match checked.theme {
        Some(theme) if !diags.iter().any(Diagnostic::is_error) => Ok(LoadedSite {
            config: checked.config,
            library: checked.library,
            theme,
            warnings: diags,
        }),
        _ => Err(BuildError::Content(diags)),
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub stats: RenderStats,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// `gongkai build`: the whole site into `--out`, atomically.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let out = opts.out_dir();
    output::check_out_dir(&opts.root, &out).map_err(BuildError::Usage)?;
    crate::render::words::warm_up();
    let mut site = load_site(opts)?;
    for r in &mut site.library.records {
        r.source.release_text();
    }
    let stats = publish(&mut site, opts, None)?;
    Ok(BuildReport {
        out,
        stats,
        warnings: site.warnings,
        elapsed: started.elapsed(),
    })
}

/// `gongkai check`: load and validate, write nothing.
pub fn check(opts: &BuildOptions) -> Result<Vec<Diagnostic>, BuildError> {
    load_site(opts).map(|s| s.warnings)
}
