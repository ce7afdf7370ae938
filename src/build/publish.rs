//! Rendering a loaded site into a staging folder and swapping it in: every
//! record's page and sheet, the pages around them, the theme's assets and the
//! site's static files. `build` and the preview both publish through here.

use rayon::prelude::*;
use tera::Context;

use crate::build::{BuildError, BuildOptions, LoadedSite};
use crate::content::guard::{finding_diagnostic, site_phones};
use crate::content::{Kind, Record};
use crate::diagnostic::{Diagnostic, sort_diagnostics};
use crate::output::{self, Staging};
use crate::print;
use crate::privacy::Allowed;
pub use crate::render::archive::{ListKey, ListPages};
pub use crate::render::site::Affected;
use crate::render::views::{ViewContext, record_view};
use crate::render::{self, RenderStats, Writer, site};

/// Renders `site` into a staging folder beside the output and swaps it in;
/// the previous output stays untouched unless everything succeeded.
/// `inject` goes before `</body>` of every page (the preview's reload script).
pub fn publish(
    site: &mut LoadedSite,
    opts: &BuildOptions,
    inject: Option<String>,
) -> Result<RenderStats, BuildError> {
    let out = opts.out_dir();
    let _lock = output::lock_output(&out).map_err(BuildError::io)?;
    let staging = Staging::create(&out).map_err(BuildError::io)?;
    let (stats, notes) =
        with_renderer(site, opts, &staging, inject, true, |ctx, writer, assets| {
            let progress = crate::progress::Progress::new(opts.progress);
            render_site(ctx, writer, &progress, assets).map(|stats| (stats, writer.notes()))
        })
        .map_err(|mut d| {
            sort_diagnostics(&mut d);
            BuildError::Content(d)
        })?;
    site.warnings.extend(notes);
    staging.commit().map_err(BuildError::io)?;
    Ok(stats)
}

/// Sets up what rendering needs — the view context over the library, the
/// templates' globals (`site`, `t`) and a writer into `staging` — and runs `f`
/// with them and the theme's assets. With `search`, record pages are indexed
/// as they are written ([`render::write_search_index`] writes the index).
pub fn with_renderer<R>(
    site: &mut LoadedSite,
    opts: &BuildOptions,
    staging: &Staging,
    inject: Option<String>,
    search: bool,
    f: impl FnOnce(&ViewContext, &Writer, &[(String, Vec<u8>)]) -> R,
) -> R {
    let crate::render::theme::Theme {
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
        strings,
    };
    render::prepare_globals([tera, source_tera], &ctx, strings);
    let allowed = public_numbers(&site.config, &site.library);
    let mut writer = Writer::new(tera, source_tera, staging, allowed);
    writer.inject = inject;
    if search {
        writer.search = Some(crate::render::search::Indexer::new(&site.config.language));
    }
    f(&ctx, &writer, assets)
}

/// Renders the whole site into `writer`'s staging folder.
pub fn render_site(
    ctx: &ViewContext,
    writer: &Writer,
    progress: &crate::progress::Progress,
    assets: &[(String, Vec<u8>)],
) -> Result<RenderStats, Vec<Diagnostic>> {
    let published: Vec<&Record> = ctx
        .library
        .records
        .iter()
        .filter(|r| ctx.is_published(r))
        .collect();
    progress.set_total(published.len() as u64);
    // The pages around the records (home, indexes, feed, data, board) are one
    // long serial task; they run beside the per-record work, not after it.
    let (mut diags, site_diags) = rayon::join(
        || -> Vec<Diagnostic> {
            published
                .par_iter()
                .flat_map_iter(|r| {
                    let result = render_record_outputs(r, ctx, writer);
                    progress.inc();
                    result
                })
                .collect()
        },
        || {
            let (mut d, _) = render_listings(&published, ctx, writer, Affected::ALL);
            d.extend(site::render_machine_files(
                &published,
                ctx,
                writer,
                Affected::ALL,
            ));
            d.extend(site::render_not_found(ctx, writer).err());
            d.extend(site::render_search(&published, writer).err());
            // The JSON Schemas editors check records with (`gongkai schema`).
            for (name, json) in crate::schema::all() {
                d.extend(
                    writer
                        .file(&format!("schema/{name}"), json.as_bytes())
                        .err(),
                );
            }
            d.extend(print::render_page_css(writer).err());
            d
        },
    );
    diags.extend(site_diags);
    diags.extend(render::write_search_index(writer));
    diags.extend(render::copy_static(ctx.root, writer, assets));
    diags.extend(privacy_report(ctx, writer));
    progress.finish();
    if diags.is_empty() {
        Ok(writer.stats(published.len()))
    } else {
        Err(diags)
    }
}

/// One record's page, its printable sheet and the attachments kept beside it.
pub fn render_record_outputs(r: &Record, ctx: &ViewContext, writer: &Writer) -> Vec<Diagnostic> {
    let view = record_view(r, ctx);
    if view.auto_landscape {
        writer.note(
            Diagnostic::note(
                &r.source.path,
                format!(
                    "表格太宽，竖版放不下，张贴稿已自动改为 {} 横向",
                    view.paper
                ),
            )
            .help("如果一定要竖版，在记录里写 print: {orientation: portrait}（窄的列会挤）；也可以少放几列"),
        );
    }
    let mut context = Context::new();
    let mut errors: Vec<Diagnostic> = render::render_page(r, &view, &mut context, writer)
        .err()
        .into_iter()
        .collect();
    if r.kind != Kind::Pages {
        errors.extend(print::render_sheet(&view, &mut context, writer).err());
    }
    errors.extend(render::copy_attachments(r, ctx, writer));
    if let Some(d) = view.disclosure.as_ref().filter(|d| d.xlsx.is_some()) {
        errors.extend(render::export::write_disclosure_xlsx(r, &view, d, ctx, writer).err());
    }
    errors
}

/// The pages a reader sees records listed on: home, kind indexes, archives,
/// and the board pack when a record on the board changed. Says how many
/// pages each list got.
pub fn render_listings(
    published: &[&Record],
    ctx: &ViewContext,
    writer: &Writer,
    affected: Affected,
) -> (Vec<Diagnostic>, Vec<ListPages>) {
    let (mut diags, pages) = site::render_listing_pages(published, ctx, writer, affected);
    if affected.board {
        diags.extend(print::render_board(published, ctx, writer).err());
    }
    (diags, pages)
}

/// Every number the site publishes on purpose: `public_phones`, the hotline,
/// and each record's `contact.phone` and `feedback.phone`.
fn public_numbers(config: &crate::config::Config, library: &crate::content::Library) -> Allowed {
    let own = library.records.iter().flat_map(|r| {
        let c = &r.common;
        c.contact
            .iter()
            .filter_map(|x| x.phone.as_ref())
            .chain(c.feedback.iter().filter_map(|x| x.phone.as_ref()))
            .map(|p| p.as_str())
    });
    Allowed::new(site_phones(config).into_iter().chain(own))
}

/// The private numbers the writer found in what a reader would receive, as
/// errors naming the record, or the copied file, they came from. Each number
/// is reported once per source; the site-wide files (feed, open data, lists)
/// only add numbers no record's own page showed.
pub fn privacy_report(ctx: &ViewContext, writer: &Writer) -> Vec<Diagnostic> {
    let mut findings = writer.findings();
    // Sources first: records' pages and copied files, then site-wide files.
    findings.sort_by_key(|f| owner_of(&f.rel, ctx).is_none() && f.copied_from.is_none());
    let mut seen_number = std::collections::HashSet::new();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for f in findings {
        let owner = owner_of(&f.rel, ctx).filter(|_| f.copied_from.is_none());
        let file = match (&f.copied_from, owner) {
            (Some(from), _) => {
                crate::fsutil::shown_path(ctx.root, from.strip_prefix(ctx.root).unwrap_or(from))
            }
            (None, Some(r)) => r.source.path.clone(),
            (None, None) => {
                if seen_number.contains(&f.finding.digits) {
                    continue;
                }
                std::path::PathBuf::from(format!("public/{}", f.rel))
            }
        };
        seen_number.insert(f.finding.digits.clone());
        if !seen.insert((file.clone(), f.finding.digits.clone())) {
            continue;
        }
        out.push(output_diagnostic(&f, file));
    }
    out
}

fn output_diagnostic(f: &crate::render::OutputFinding, file: std::path::PathBuf) -> Diagnostic {
    let d = finding_diagnostic(&f.finding, Diagnostic::error(&file, ""));
    let what = d.message.trim_start_matches("发现").to_string();
    if f.copied_from.is_some() {
        let message = match &f.place {
            Some(place) => format!("{place}里有{what}，这个文件会原样复制到网站上"),
            None => format!("这个文件里有{what}，它会原样复制到网站上"),
        };
        return Diagnostic { message, ..d }.help(
            "公开的附件不能含有居民的身份证号或手机号：删掉这些号码（或整列），遮盖后再放进来",
        );
    }
    Diagnostic {
        message: format!("生成的 {} 里有{what}", f.rel),
        ..d
    }
    .help("原文里这个号码可能被拆开、夹了标记或符号，或写成了别的样子（例如全角数字、&#49; 这样的编码）；请删除它，或放进带 mask 的表格列；如果是公开的办公电话，加入 site.yaml 的 public_phones")
}

/// The record whose page, sheet or attachment is at `rel`.
fn owner_of<'a>(rel: &str, ctx: &ViewContext<'a>) -> Option<&'a Record> {
    let mut parts = rel.split('/');
    let first = parts.next()?;
    match Kind::from_dir(first) {
        Some(kind) if kind != Kind::Pages => ctx.library.find(kind, parts.next()?),
        _ => ctx.library.find(Kind::Pages, first),
    }
}
