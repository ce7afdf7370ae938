//! Rendering a loaded site into a staging folder and swapping it in: every
//! record's page and sheet, the pages around them, the theme's assets and the
//! site's static files. `build` and the preview both publish through here.

use rayon::prelude::*;
use tera::Context;

use crate::build::{BuildError, BuildOptions, LoadedSite};
use crate::content::{Kind, Record};
use crate::diagnostic::{Diagnostic, sort_diagnostics};
use crate::output::{self, Staging};
use crate::print;
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
    let stats = with_renderer(site, opts, &staging, inject, |ctx, writer, assets| {
        let progress = crate::progress::Progress::new(opts.progress);
        render_site(ctx, writer, &progress, assets)
    })
    .map_err(|mut d| {
        sort_diagnostics(&mut d);
        BuildError::Content(d)
    })?;
    staging.commit().map_err(BuildError::io)?;
    Ok(stats)
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
    };
    render::prepare_globals([tera, source_tera], &ctx, strings);
    let mut writer = Writer::new(tera, source_tera, staging);
    writer.inject = inject;
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
            let mut d = render_listings(&published, ctx, writer, Affected::ALL);
            d.extend(site::render_machine_files(
                &published,
                ctx,
                writer,
                Affected::ALL,
            ));
            d.extend(site::render_not_found(ctx, writer).err());
            d.extend(print::render_page_css(writer).err());
            d
        },
    );
    diags.extend(site_diags);
    diags.extend(render::copy_static(ctx.root, writer, assets));
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
    let mut context = Context::new();
    let mut errors: Vec<Diagnostic> = render::render_page(r, &view, &mut context, writer)
        .err()
        .into_iter()
        .collect();
    if r.kind != Kind::Pages {
        errors.extend(print::render_sheet(&view, &mut context, writer).err());
    }
    errors.extend(render::copy_attachments(r, ctx, writer));
    errors
}

/// The pages a reader sees records listed on: home, kind indexes, and the
/// board pack when a record on the board changed.
pub fn render_listings(
    published: &[&Record],
    ctx: &ViewContext,
    writer: &Writer,
    affected: Affected,
) -> Vec<Diagnostic> {
    let mut diags = site::render_listing_pages(published, ctx, writer, affected);
    if affected.board {
        diags.extend(print::render_board(published, ctx, writer).err());
    }
    diags
}
