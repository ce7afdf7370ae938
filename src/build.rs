//! The one orchestrator: config → load → validate → render → write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{Config, ConfigError, load_config};
use crate::content::types::Date;
use crate::content::{Library, load_library};
use crate::diagnostic::{Diagnostic, sort_diagnostics};
use crate::output::{self, Staging};
use crate::progress::Progress;
use crate::render::theme::{Theme, load_theme};
use crate::render::views::ViewContext;
use crate::render::{self, RenderStats, Writer};
use crate::validate::validate;

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

impl From<ConfigError> for BuildError {
    fn from(e: ConfigError) -> Self {
        match e {
            ConfigError::NotASite(root) => BuildError::Usage(format!(
                "{} 里没有 site.yaml，这不是一个 gongkai 网站文件夹。用 --root 指向网站文件夹，或先运行 gongkai init 新建一个",
                if root.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    &root
                }
                .display()
            )),
            ConfigError::Invalid(d) => BuildError::Content(d),
        }
    }
}

/// A site that loaded and validated, ready to render.
pub struct LoadedSite {
    pub config: Config,
    pub library: Library,
    pub theme: Theme,
    /// Warnings only (errors fail the load).
    pub warnings: Vec<Diagnostic>,
}

/// Loads and validates everything; fails with every error found.
pub fn load_site(opts: &BuildOptions) -> Result<LoadedSite, BuildError> {
    let mut config = load_config(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.base_url = url.clone();
    }
    let (library, mut diags) = load_library(&opts.root, &config);
    diags.extend(validate(&library, &opts.root));
    let theme = match load_theme(&opts.root, &config) {
        Ok(t) => Some(t),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    sort_diagnostics(&mut diags);
    match theme {
        Some(theme) if !diags.iter().any(Diagnostic::is_error) => Ok(LoadedSite {
            config,
            library,
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
    let mut site = load_site(opts)?;
    for r in &mut site.library.records {
        r.source.release_text();
    }
    let _lock = output::lock_output(&out).map_err(|e| BuildError::Content(vec![e.diagnostic()]))?;
    let staging = Staging::create(&out).map_err(|e| BuildError::Content(vec![e.diagnostic()]))?;
    let stats = render_into(&mut site, opts, &staging, None)?;
    staging
        .commit()
        .map_err(|e| BuildError::Content(vec![e.diagnostic()]))?;
    Ok(BuildReport {
        out,
        stats,
        warnings: site.warnings,
        elapsed: started.elapsed(),
    })
}

/// Renders a loaded site into a staging folder; `inject` goes before `</body>`.
pub fn render_into(
    site: &mut LoadedSite,
    opts: &BuildOptions,
    staging: &Staging,
    inject: Option<String>,
) -> Result<RenderStats, BuildError> {
    let result = with_renderer(site, opts, staging, inject, |ctx, writer, assets| {
        let progress = Progress::new(opts.progress);
        render::render_site(ctx, writer, &progress, assets)
    });
    result.map_err(|mut d| {
        sort_diagnostics(&mut d);
        BuildError::Content(d)
    })
}

/// Sets up what rendering needs — the view context over the library, the
/// templates' globals (`site`, `t`) and a writer into `staging` — and runs `f`
/// with them and the theme's assets.
pub fn with_renderer<R>(
    site: &mut LoadedSite,
    opts: &BuildOptions,
    staging: &Staging,
    inject: Option<String>,
    f: impl FnOnce(&ViewContext, &Writer, &[(String, Vec<u8>)]) -> R,
) -> R {
    let Theme {
        tera,
        source_tera,
        formats,
        strings,
        assets,
    } = &mut site.theme;
    let ctx = ViewContext {
        config: &site.config,
        formats,
        library: &site.library,
        today: opts.build_date(),
        drafts: opts.drafts,
        root: &opts.root,
        base: site.config.base(),
    };
    render::prepare_globals([tera, source_tera], &ctx, strings);
    let mut writer = Writer::new(tera, source_tera, staging);
    writer.inject = inject;
    f(&ctx, &writer, assets)
}

/// `gongkai check`: load and validate, write nothing.
pub fn check(opts: &BuildOptions) -> Result<Vec<Diagnostic>, BuildError> {
    load_site(opts).map(|s| s.warnings)
}
