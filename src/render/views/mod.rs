//! What templates see: view structs with every value formatted for display,
//! built from the read-only library. Templates never see the internal model.

mod admission;
mod consultation;
mod convention;
mod disclosure;
pub mod layout;

use std::path::Path;

use serde::Serialize;

use crate::config::{CommunityKind, Config};
use crate::content::{Kind, KindData, Library, Record};
use crate::render::archive;
use crate::render::format::Formats;
use crate::render::markdown::{render_inline, render_markdown, split_last_block};
use crate::types::{Date, Text};
use crate::validate::attachments;

pub use admission::{AdmissionView, admission_view};
pub use consultation::{ConsultationView, consultation_view};
pub use convention::{ConventionView, convention_view};
pub use disclosure::{DisclosureView, LedgerView, TableView, disclosure_view};

/// What every view builder needs to know.
pub struct ViewContext<'a> {
    pub config: &'a Config,
    pub formats: &'a Formats,
    pub library: &'a Library,
    pub today: Date,
    pub drafts: bool,
    pub root: &'a Path,
    /// `base_url` with one trailing slash.
    pub base: String,
    /// The theme's interface strings (`t` in templates).
    pub strings: &'a serde_json::Value,
}

impl ViewContext<'_> {
    pub fn date(&self, d: Option<Date>) -> Option<String> {
        d.map(|d| self.formats.date(d))
    }

    pub fn is_published(&self, r: &Record) -> bool {
        r.is_published(self.today, self.drafts)
    }

    /// A link to another record, only if it is published.
    pub fn reference(&self, r: &Record) -> Option<RefView> {
        self.is_published(r).then(|| RefView {
            title: r.common.title.clone(),
            link: page_link(r),
        })
    }
}

/// Site-wide values, available to every template as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub base_url: String,
    pub lang: String,
    pub community: CommunityView,
    pub nav: Vec<RefView>,
    pub today: String,
    pub today_display: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommunityView {
    pub name: String,
    /// `village` or `community`.
    pub kind: &'static str,
    pub parent: Option<String>,
    pub address: Option<String>,
    pub hotline: Option<String>,
    pub supervisor: Option<String>,
}

/// A title and a root-relative link.
#[derive(Debug, Clone, Serialize)]
pub struct RefView {
    pub title: String,
    pub link: String,
}

/// One record as its page and sheet show it.
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    pub kind: &'static str,
    pub slug: String,
    pub link: String,
    pub sheet_link: String,
    pub canonical: String,
    pub title: String,
    /// The title as HTML with `<wbr>` between its words, for headings that
    /// must not break inside a word.
    pub title_html: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    /// The record's tags linked to their pages (none on a free page).
    pub tag_links: Vec<RefView>,
    /// The year the record is listed under, and that year's page.
    pub year: Option<i16>,
    pub year_link: Option<String>,
    pub issuer: String,
    pub reviewed_by: Option<String>,
    pub contact: Option<ContactView>,
    pub posting: Option<PostingView>,
    pub feedback: Option<FeedbackView>,
    pub attachments: Vec<RefView>,
    pub amendments: Vec<AmendmentView>,
    pub body_html: String,
    /// The body split before its last block, for a sheet whose sign-off
    /// follows the body: the last block and the sign-off stay on one page.
    pub body_head_html: String,
    pub body_tail_html: String,
    /// What the sign-off stays with on the sheet: `table` (the last table's
    /// last rows), `ledger`, `items`, `articles`, `follow`, `agenda`, `boxes`
    /// (the amendments or feedback box) or `body` (its last block).
    pub sheet_tail: &'static str,
    pub draft: bool,
    pub paper: &'static str,
    pub orientation: &'static str,
    /// The sheet was turned to landscape because a table is too wide for portrait.
    pub auto_landscape: bool,
    /// `large` for the large-type sheet (大字版), else `normal`.
    pub type_size: &'static str,
    /// Key of the badge label in `t.badge` (category or status), if any.
    pub badge: Option<&'static str>,
    pub disclosure: Option<DisclosureView>,
    pub convention: Option<ConventionView>,
    pub consultation: Option<ConsultationView>,
    pub admission: Option<AdmissionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub person: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PostingView {
    pub from_display: String,
    pub until_display: String,
    pub on_board: bool,
    pub ended: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedbackView {
    pub deadline_display: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The deadline has not passed.
    pub open: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AmendmentView {
    /// `2026-11-06`, for `<time datetime>`.
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub note_html: String,
}

/// A record in a list (home page, kind index).
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub kind: &'static str,
    pub title: String,
    pub link: String,
    /// `2026-11-06`, for `<time datetime>`.
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub summary: Option<String>,
    pub badge: Option<&'static str>,
    pub on_board: bool,
    pub posting_until_display: Option<String>,
    pub draft: bool,
    /// The list mixes kinds: say which this is.
    pub show_kind: bool,
    /// When an amendment came after the date, its day (for a list of what changed).
    pub amended_display: Option<String>,
}

pub fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref()
        .map(|t| t.as_str().trim().to_string())
        .filter(|s| !s.is_empty())
}

/// `disclosures/q3/index.html`: links work on any host and from the disk.
pub fn page_link(r: &Record) -> String {
    format!("{}index.html", r.path())
}

pub fn site_view(ctx: &ViewContext) -> SiteView {
    let c = &ctx.config.community;
    let mut pages: Vec<&Record> = ctx
        .library
        .of_kind(Kind::Pages)
        .filter(|r| ctx.is_published(r))
        .collect();
    pages.sort_by_key(|r| {
        let order = match &r.data {
            KindData::Page(p) => p.order.unwrap_or(i64::MAX),
            _ => i64::MAX,
        };
        (order, r.common.title.clone())
    });
    SiteView {
        title: ctx.config.title.as_str().trim().to_string(),
        base_url: ctx.base.clone(),
        lang: ctx.config.language.clone(),
        community: CommunityView {
            name: c.name.as_str().trim().to_string(),
            kind: match c.kind {
                CommunityKind::Village => "village",
                CommunityKind::Community => "community",
            },
            parent: text(&c.parent),
            address: text(&c.address),
            hotline: text(&c.hotline),
            supervisor: text(&c.supervisor),
        },
        nav: pages.into_iter().filter_map(|r| ctx.reference(r)).collect(),
        today: ctx.today.to_string(),
        today_display: ctx.formats.date(ctx.today),
    }
}

fn badge(r: &Record) -> Option<&'static str> {
    match &r.data {
        KindData::Disclosure(d) => d.category.map(|c| c.key()),
        KindData::Convention(d) => d.status.map(|s| s.key()),
        _ => None,
    }
}

pub fn list_item(r: &Record, ctx: &ViewContext) -> ListItem {
    ListItem {
        kind: r.kind.dir(),
        title: r.common.title.clone(),
        link: page_link(r),
        date: r.common.date.map(|d| d.to_string()),
        date_display: ctx.date(r.common.date),
        summary: text(&r.common.summary),
        badge: badge(r),
        on_board: r.is_on_board(ctx.today),
        posting_until_display: r.common.posting.as_ref().map(|p| ctx.formats.date(p.until)),
        draft: r.common.draft || r.common.date.is_some_and(|d| d > ctx.today),
        show_kind: false,
        amended_display: None,
    }
}

/// The record's tags as links to their pages; a free page's are not listed there.
fn tag_links(r: &Record) -> Vec<RefView> {
    if r.kind == Kind::Pages {
        return Vec::new();
    }
    r.common
        .tags
        .iter()
        .filter_map(|t| {
            Some(RefView {
                title: t.as_str().trim().to_string(),
                link: archive::tag_link(t.as_str())?,
            })
        })
        .collect()
}

/// Builds the full view of one record.
pub fn record_view(r: &Record, ctx: &ViewContext) -> RecordView {
    let m = &r.common;
    let (paper, orientation) = paper_of(r, ctx);
    let mut view = RecordView {
        kind: r.kind.dir(),
        slug: r.slug.clone(),
        link: page_link(r),
        sheet_link: format!("{}print.html", r.path()),
        canonical: format!("{}{}", ctx.base, r.path()),
        title: m.title.clone(),
        title_html: crate::render::words::with_word_breaks(&m.title),
        date: m.date.map(|d| d.to_string()),
        date_display: ctx.date(m.date),
        summary: text(&m.summary),
        tags: m.tags.iter().map(|t| t.as_str().to_string()).collect(),
        tag_links: tag_links(r),
        year: m.date.filter(|_| r.kind != Kind::Pages).map(|d| d.year()),
        year_link: m
            .date
            .filter(|_| r.kind != Kind::Pages)
            .map(|d| archive::year_link(r.kind, d.year())),
        issuer: text(&m.issuer)
            .unwrap_or_else(|| ctx.config.community.name.as_str().trim().to_string()),
        reviewed_by: text(&m.reviewed_by),
        contact: m.contact.as_ref().map(|c| ContactView {
            person: text(&c.person),
            phone: text(&c.phone),
        }),
        posting: m.posting.as_ref().map(|p| PostingView {
            from_display: ctx.formats.date(p.from),
            until_display: ctx.formats.date(p.until),
            on_board: r.is_on_board(ctx.today),
            ended: p.until < ctx.today,
        }),
        feedback: m.feedback.as_ref().map(|f| feedback_view(f, ctx)),
        attachments: attachment_views(r, ctx),
        amendments: m
            .amendments
            .iter()
            .map(|a| amendment_view(a, ctx))
            .collect(),
        body_html: render_markdown(&r.body),
        body_head_html: String::new(),
        body_tail_html: String::new(),
        sheet_tail: "body",
        draft: m.draft || m.date.is_some_and(|d| d > ctx.today),
        paper,
        orientation,
        auto_landscape: false,
        type_size: if m
            .print
            .and_then(|p| p.large)
            .or(ctx.config.print.large)
            .unwrap_or(false)
        {
            "large"
        } else {
            "normal"
        },
        badge: badge(r),
        disclosure: None,
        convention: None,
        consultation: None,
        admission: None,
    };
    let needed = match &r.data {
        KindData::Disclosure(d) => {
            let mut v = disclosure_view(d, ctx);
            if v.ledger.is_some() || !v.tables.is_empty() {
                v.xlsx = Some(format!("{}.xlsx", r.slug));
            }
            let needed = v.needed_em();
            view.disclosure = Some(v);
            needed
        }
        KindData::Convention(d) => {
            view.convention = Some(convention_view(r, d, ctx));
            0.0
        }
        KindData::Consultation(d) => {
            view.consultation = Some(consultation_view(d, ctx));
            0.0
        }
        KindData::Admission(d) => {
            let v = admission_view(d, ctx);
            let needed = layout::needed_em(&v.cols);
            view.admission = Some(v);
            needed
        }
        KindData::Page(_) => 0.0,
    };
    turn_if_too_wide(&mut view, r, needed);
    let scale = if view.type_size == "large" { 1.4 } else { 1.0 };
    let available = layout::available_em(view.paper, view.orientation) / scale;
    if let Some(d) = &mut view.disclosure {
        d.fill_flex(available);
    }
    if let Some(a) = &mut view.admission {
        layout::fill_flex(&mut a.cols, available);
    }
    view.sheet_tail = sheet_tail(&view);
    let (head, tail) = split_last_block(&view.body_html);
    (view.body_head_html, view.body_tail_html) = (head.to_string(), tail.to_string());
    view
}

/// What comes last on the sheet before the sign-off, which keeps it company.
fn sheet_tail(v: &RecordView) -> &'static str {
    if !v.amendments.is_empty() || v.feedback.is_some() {
        return "boxes";
    }
    if let Some(d) = &v.disclosure {
        if !d.tables.is_empty() {
            return "table";
        }
        if d.ledger.is_some() {
            return "ledger";
        }
    }
    if v.convention.as_ref().is_some_and(|c| c.article_count > 0) {
        return "articles";
    }
    if let Some(c) = &v.consultation {
        if !c.follow_up.is_empty() {
            return "follow";
        }
        if !c.agenda.is_empty() {
            return "agenda";
        }
    }
    if v.admission.as_ref().is_some_and(|a| !a.groups.is_empty()) {
        return "items";
    }
    "body"
}

/// A table too wide for portrait turns its sheet to landscape, unless the
/// record asked for portrait itself: numbers are never broken to fit.
fn turn_if_too_wide(view: &mut RecordView, r: &Record, needed_em: f32) {
    let own_orientation = r.common.print.and_then(|p| p.orientation).is_some();
    let scale = if view.type_size == "large" { 1.4 } else { 1.0 };
    if view.orientation == "portrait"
        && !own_orientation
        && needed_em * scale > layout::available_em(view.paper, "portrait")
    {
        view.orientation = "landscape";
        view.auto_landscape = true;
    }
}

/// The sheet's paper and orientation: the record's own, else the site's.
fn paper_of(r: &Record, ctx: &ViewContext) -> (&'static str, &'static str) {
    let site = ctx.config.print;
    let own = r.common.print;
    let paper = match own.and_then(|p| p.paper).unwrap_or(site.paper) {
        crate::config::Paper::A4 => "A4",
        crate::config::Paper::A3 => "A3",
    };
    let orientation = match own.and_then(|p| p.orientation).unwrap_or(site.orientation) {
        crate::config::Orientation::Portrait => "portrait",
        crate::config::Orientation::Landscape => "landscape",
    };
    (paper, orientation)
}

fn feedback_view(f: &crate::content::fields::Feedback, ctx: &ViewContext) -> FeedbackView {
    FeedbackView {
        deadline_display: ctx.date(f.deadline),
        address: text(&f.address),
        email: text(&f.email),
        phone: text(&f.phone),
        open: f.deadline.is_none_or(|d| d >= ctx.today),
    }
}

fn attachment_views(r: &Record, ctx: &ViewContext) -> Vec<RefView> {
    r.common
        .attachments
        .iter()
        .filter_map(|a| {
            let file = a.file.as_ref()?;
            let target = attachments::resolve(ctx.root, r, file.as_str()).ok()?;
            let title = text(&a.title)
                .unwrap_or_else(|| file.as_str().rsplit('/').next().unwrap_or("").to_string());
            Some(RefView {
                title,
                link: target.output,
            })
        })
        .collect()
}

fn amendment_view(a: &crate::content::fields::Amendment, ctx: &ViewContext) -> AmendmentView {
    AmendmentView {
        date: a.date.map(|d| d.to_string()),
        date_display: ctx.date(a.date),
        note_html: a
            .note
            .as_ref()
            .map(|n| render_inline(n.as_str()))
            .unwrap_or_default(),
    }
}
