//! The pages around the records: the board (home), the lists (each kind's
//! index and the archives, in [`archive`](crate::render::archive)), 404, the
//! Atom feed, the sitemap and the open-data JSON.

use serde::Serialize;
use tera::Context;

use crate::content::fields::Common;
use crate::content::{Kind, KindData, Record};
use crate::diagnostic::Diagnostic;
use crate::render::Writer;
use crate::render::archive::{ListKey, ListPages, archive_keys, render_lists};
use crate::render::views::{ListItem, ViewContext, list_item, record_view};

/// How many records of each kind the home page shows.
const LATEST_PER_KIND: usize = 5;
/// How many records the home page's 最近更新 shows, across kinds.
const RECENT: usize = 10;
/// How many records the Atom feed carries, newest first.
const FEED_ENTRIES: usize = 50;

#[derive(Serialize)]
struct KindList {
    kind: &'static str,
    link: String,
    count: usize,
    items: Vec<ListItem>,
}

/// Which of the pages around the records to render: all of them for a build,
/// those a changed record appears on for the preview server.
#[derive(Debug, Clone, Copy)]
pub struct Affected<'a> {
    /// Kinds whose index and open data list a changed record.
    pub kinds: &'a [Kind],
    /// A changed record is (or was) on the board.
    pub board: bool,
    /// The year, category and tag lists (and the list of tags) that show a
    /// changed record, before or after the change; `None` for all of them.
    pub lists: Option<&'a [ListKey]>,
    /// Records edited in place (same date, address and lists as before): of
    /// each list only the pages holding them change.
    pub only: Option<&'a [&'a Record]>,
}

impl Affected<'_> {
    pub const ALL: Affected<'static> = Affected {
        kinds: &Kind::RECORDS,
        board: true,
        lists: None,
        only: None,
    };
}

/// The pages a reader sees a record listed on: home, kind indexes and the
/// archives (the board pack is the print stage's). Says how many pages
/// each list got.
pub fn render_listing_pages(
    published: &[&Record],
    ctx: &ViewContext,
    w: &Writer,
    affected: Affected,
) -> (Vec<Diagnostic>, Vec<ListPages>) {
    let mut diags = Vec::new();
    diags.extend(render_home(published, ctx, w).err());
    let which: Option<Vec<ListKey>> = affected.lists.map(|lists| {
        let mut keys: Vec<ListKey> = affected.kinds.iter().map(|&k| ListKey::Kind(k)).collect();
        keys.extend(lists.iter().cloned());
        keys.sort();
        keys.dedup();
        keys
    });
    let (list_diags, pages) = render_lists(published, ctx, w, which.as_deref(), affected.only);
    diags.extend(list_diags);
    (diags, pages)
}

/// The files machines read: feed, sitemap, open data.
pub fn render_machine_files(
    published: &[&Record],
    ctx: &ViewContext,
    w: &Writer,
    affected: Affected,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    diags.extend(render_feed(published, ctx, w).err());
    diags.extend(render_sitemap(published, ctx, w).err());
    for &kind in affected.kinds {
        diags.extend(render_data(published, kind, ctx, w).err());
    }
    diags
}

fn records_of<'a>(
    published: &'a [&'a Record],
    kind: Kind,
) -> impl Iterator<Item = &'a Record> + 'a {
    published.iter().copied().filter(move |r| r.kind == kind)
}

fn render_home(published: &[&Record], ctx: &ViewContext, w: &Writer) -> Result<(), Diagnostic> {
    let mut board: Vec<&Record> = published
        .iter()
        .copied()
        .filter(|r| r.kind != Kind::Pages && r.is_on_board(ctx.today))
        .collect();
    board.sort_by_key(|r| (std::cmp::Reverse(r.common.date), r.kind, r.slug.clone()));
    let solicitations: Vec<ListItem> = published
        .iter()
        .filter(|r| {
            r.common
                .feedback
                .as_ref()
                .is_some_and(|f| f.deadline.is_some_and(|d| d >= ctx.today))
        })
        .map(|r| list_item(r, ctx))
        .collect();
    let latest: Vec<KindList> = Kind::RECORDS
        .iter()
        .map(|&k| {
            let all: Vec<&Record> = records_of(published, k).collect();
            KindList {
                kind: k.dir(),
                link: format!("{}/index.html", k.dir()),
                count: all.len(),
                items: all
                    .iter()
                    .take(LATEST_PER_KIND)
                    .map(|r| list_item(r, ctx))
                    .collect(),
            }
        })
        .collect();
    let mut c = Context::new();
    c.insert("root", "");
    c.insert("recent", &recent_items(published, ctx));
    c.insert(
        "board",
        &board.iter().map(|r| list_item(r, ctx)).collect::<Vec<_>>(),
    );
    c.insert("solicitations", &solicitations);
    c.insert("latest", &latest);
    w.page("home.html", &c, "index.html")
}

/// The records dated or amended last, across kinds: what is new on the site.
fn recent_items(published: &[&Record], ctx: &ViewContext) -> Vec<ListItem> {
    newest_first(published)
        .iter()
        .take(RECENT)
        .map(|r| {
            let mut item = list_item(r, ctx);
            item.show_kind = true;
            item.amended_display = updated(r)
                .filter(|&u| Some(u) > r.common.date)
                .map(|u| ctx.formats.date(u));
            item
        })
        .collect()
}

/// The 404 page is served at any depth, so its links start from the site's own path.
pub fn render_not_found(ctx: &ViewContext, w: &Writer) -> Result<(), Diagnostic> {
    let path = ctx
        .base
        .split_once("://")
        .map_or("/", |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
    let mut c = Context::new();
    c.insert("root", path);
    w.page("404.html", &c, "404.html")
}

#[derive(Serialize)]
struct Archive {
    kind: &'static str,
    /// Years with records, newest first.
    years: Vec<YearLink>,
}

#[derive(Serialize)]
struct YearLink {
    year: i16,
    link: String,
}

/// The search page; without JavaScript (or opened from a file) it still
/// leads to every kind's year pages.
pub fn render_search(published: &[&Record], w: &Writer) -> Result<(), Diagnostic> {
    let archives: Vec<Archive> = Kind::RECORDS
        .iter()
        .map(|&kind| {
            let mut years: Vec<i16> = records_of(published, kind)
                .filter_map(|r| r.common.date.map(|d| d.year()))
                .collect();
            years.sort_unstable_by(|a, b| b.cmp(a));
            years.dedup();
            Archive {
                kind: kind.dir(),
                years: years
                    .into_iter()
                    .map(|year| YearLink {
                        year,
                        link: crate::render::archive::year_link(kind, year),
                    })
                    .collect(),
            }
        })
        .collect();
    let mut c = Context::new();
    c.insert("root", "../");
    c.insert("archives", &archives);
    w.page("search.html", &c, "search/index.html")
}

#[derive(Serialize)]
struct FeedEntry {
    title: String,
    link: String,
    updated: String,
    summary: Option<String>,
    content_html: String,
    kind: &'static str,
}

/// RFC 3339 at midnight China time, which is what a posting date means.
fn rfc3339(d: crate::types::Date) -> String {
    format!("{d}T00:00:00+08:00")
}

/// The last day anything changed: the date or the latest amendment.
fn updated(r: &Record) -> Option<crate::types::Date> {
    r.common
        .amendments
        .iter()
        .filter_map(|a| a.date)
        .chain(r.common.date)
        .max()
}

/// The records (not free pages), the last dated or amended first.
fn newest_first<'a>(published: &[&'a Record]) -> Vec<&'a Record> {
    let mut records: Vec<&Record> = published
        .iter()
        .copied()
        .filter(|r| r.kind != Kind::Pages)
        .collect();
    records.sort_by_key(|r| (std::cmp::Reverse(updated(r)), r.kind, r.slug.clone()));
    records
}

fn render_feed(published: &[&Record], ctx: &ViewContext, w: &Writer) -> Result<(), Diagnostic> {
    let mut records = newest_first(published);
    records.truncate(FEED_ENTRIES);
    let entries: Vec<FeedEntry> = records
        .iter()
        .map(|r| {
            let view = record_view(r, ctx);
            FeedEntry {
                title: view.title,
                link: view.canonical,
                updated: updated(r).map(rfc3339).unwrap_or_default(),
                summary: view.summary,
                content_html: view.body_html,
                kind: view.kind,
            }
        })
        .collect();
    let mut c = Context::new();
    c.insert("entries", &entries);
    c.insert(
        "updated",
        &entries
            .first()
            .map_or_else(|| rfc3339(ctx.today), |e| e.updated.clone()),
    );
    let xml = w.render("feed.xml", &c)?;
    w.file("feed.xml", xml.as_bytes())
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}

fn render_sitemap(published: &[&Record], ctx: &ViewContext, w: &Writer) -> Result<(), Diagnostic> {
    let mut urls = vec![SitemapUrl {
        loc: ctx.base.clone(),
        lastmod: None,
    }];
    urls.extend(Kind::RECORDS.iter().map(|k| SitemapUrl {
        loc: format!("{}{}/", ctx.base, k.dir()),
        lastmod: None,
    }));
    urls.extend(archive_keys(published).iter().map(|k| SitemapUrl {
        loc: format!("{}{}", ctx.base, k.href()),
        lastmod: None,
    }));
    urls.extend(published.iter().map(|r| SitemapUrl {
        loc: format!("{}{}", ctx.base, r.path()),
        lastmod: updated(r).map(|d| d.to_string()),
    }));
    let mut c = Context::new();
    c.insert("urls", &urls);
    let xml = w.render("sitemap.xml", &c)?;
    w.file("sitemap.xml", xml.as_bytes())
}

/// A record as open data: common fields, the kind's own fields, the Markdown body.
#[derive(Serialize)]
struct DataRecord<'a> {
    slug: &'a str,
    url: String,
    #[serde(flatten)]
    common: &'a Common,
    #[serde(flatten)]
    data: &'a KindData,
    body: &'a str,
}

#[derive(Serialize)]
struct DataFile<'a> {
    kind: &'static str,
    generated: String,
    count: usize,
    records: Vec<DataRecord<'a>>,
}

fn render_data(
    published: &[&Record],
    kind: Kind,
    ctx: &ViewContext,
    w: &Writer,
) -> Result<(), Diagnostic> {
    {
        let records: Vec<DataRecord> = records_of(published, kind)
            .map(|r| DataRecord {
                slug: &r.slug,
                url: format!("{}{}", ctx.base, r.path()),
                common: &r.common,
                data: &r.data,
                body: &r.body,
            })
            .collect();
        let file = DataFile {
            kind: kind.dir(),
            generated: ctx.today.to_string(),
            count: records.len(),
            records,
        };
        let json = serde_json::to_vec_pretty(&file).map_err(|e| {
            Diagnostic::error(
                format!("data/{}.json", kind.dir()),
                format!("无法生成开放数据：{e}"),
            )
        })?;
        w.file(&format!("data/{}.json", kind.dir()), &json)?;
        let csv = crate::render::export::kind_csv(published, kind, ctx);
        w.file(&format!("data/{}.csv", kind.dir()), &csv)?;
    }
    Ok(())
}
