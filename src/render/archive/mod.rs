//! The lists a reader pages through: each kind's index, its year pages, the
//! disclosures' category pages, one page per tag and the list of tags. A
//! page holds at most fifty records, so no page grows with the site.
//!
//! ```text
//! disclosures/index.html               every disclosure, newest first
//! disclosures/page/2/index.html        its second page
//! disclosures/2026/index.html          2026's, by month
//! disclosures/finance/index.html       the finance disclosures
//! tags/index.html                      every tag, with its count
//! tags/一事一议/index.html              the records of every kind with that tag
//! ```

mod lists;
mod pager;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use lists::{Lists, tag_name};

pub use lists::{ListKey, archive_keys, lists_of, tag_link, year_link};
pub use pager::{PagerView, page_count, page_rel, pager};

use crate::content::disclosure::Category;
use crate::content::slug::slugify;
use crate::content::{Kind, Record};
use crate::diagnostic::Diagnostic;
use crate::render::views::{ListItem, ViewContext, list_item};
use crate::render::{Writer, root_prefix};
use crate::types::Period;

/// Records on one page of a list.
pub const PER_PAGE: usize = 50;
/// Tags on one page of the list of tags.
pub const TAGS_PER_PAGE: usize = 300;

/// How many pages one list got: the preview removes the pages past it.
#[derive(Debug, Clone)]
pub struct ListPages {
    pub key: ListKey,
    pub pages: usize,
}

/// Renders every page of the lists in `which` (all of them for `None`), or
/// with `only` just the pages holding those records (records edited in place,
/// so nothing else on any page moved). A list with no records left gets no
/// page (a kind's index and the list of tags get one saying so).
pub fn render_lists(
    published: &[&Record],
    ctx: &ViewContext,
    w: &Writer,
    which: Option<&[ListKey]>,
    only: Option<&[&Record]>,
) -> (Vec<Diagnostic>, Vec<ListPages>) {
    let lists = Lists::collect(published);
    let keys = which.map_or_else(|| lists.all_keys(), <[ListKey]>::to_vec);
    let counts: Vec<ListPages> = keys
        .into_iter()
        .map(|key| ListPages {
            pages: lists.pages(&key),
            key,
        })
        .collect();
    let jobs: Vec<(&ListKey, usize)> = match only {
        None => counts
            .iter()
            .flat_map(|c| (1..=c.pages).map(move |p| (&c.key, p)))
            .collect(),
        Some(edited) => {
            let mut jobs: Vec<(&ListKey, usize)> = counts
                .iter()
                .filter(|c| c.key != ListKey::Tags)
                .flat_map(|c| {
                    let list = lists.of(&c.key);
                    edited.iter().filter_map(move |e| {
                        let at = list.iter().position(|r| r.rel_path == e.rel_path)?;
                        Some((&c.key, at / PER_PAGE + 1))
                    })
                })
                .collect();
            jobs.sort();
            jobs.dedup();
            jobs
        }
    };
    let diags = jobs
        .par_iter()
        .filter_map(|&(key, page)| render_list_page(&lists, key, page, ctx, w).err())
        .collect();
    (diags, counts)
}

/// What a list page's templates see about the list.
#[derive(Serialize)]
struct ListView {
    /// `kind`, `year`, `category` or `tag`.
    of: &'static str,
    kind: Option<&'static str>,
    year: Option<i16>,
    category: Option<&'static str>,
    tag: Option<String>,
    /// The list's first page.
    link: String,
    page: usize,
    pages: usize,
}

/// Records under one heading: a year, or a month on a year page.
#[derive(Serialize)]
struct Group {
    year: Option<i16>,
    /// `2026年11月` on a year page; a year's heading is the template's.
    heading: Option<String>,
    items: Vec<ListItem>,
}

/// A link to another list beside this one: a year or a category.
#[derive(Serialize)]
struct NavLink {
    year: Option<i16>,
    category: Option<&'static str>,
    link: String,
    /// Shown on the kind's index only, so a year page need not change when
    /// another year gains a record.
    count: Option<usize>,
    current: bool,
}

fn render_list_page(
    lists: &Lists,
    key: &ListKey,
    page: usize,
    ctx: &ViewContext,
    w: &Writer,
) -> Result<(), Diagnostic> {
    if *key == ListKey::Tags {
        return render_tags_page(lists, page, w);
    }
    let all = lists.of(key);
    let pages = lists.pages(key);
    let rel = page_rel(&key.dir(), page);
    let shown = all
        .get((page - 1) * PER_PAGE..(page * PER_PAGE).min(all.len()))
        .unwrap_or(&[]);
    let mut c = Context::new();
    c.insert("root", &root_prefix(&rel));
    c.insert("list", &list_view(lists, key, page, pages));
    c.insert("count", &all.len());
    let by_month = matches!(key, ListKey::Year(..));
    let cross_kind = matches!(key, ListKey::Tag(_));
    c.insert("groups", &groups(shown, by_month, cross_kind, ctx));
    c.insert("pager", &pager(&key.href(), page, pages));
    let template = match key {
        ListKey::Kind(kind) => {
            c.insert("kind", kind.dir());
            "list.html"
        }
        _ => "archive.html",
    };
    if let ListKey::Kind(kind) | ListKey::Year(kind, _) = key {
        c.insert("years", &year_links(lists, *kind, key));
    }
    if matches!(key, ListKey::Kind(Kind::Disclosures) | ListKey::Category(_)) {
        c.insert("categories", &category_links(lists, key));
    }
    w.page(template, &c, &rel)
}

fn list_view(lists: &Lists, key: &ListKey, page: usize, pages: usize) -> ListView {
    let (of, kind, year, category, tag) = match key {
        ListKey::Kind(k) => ("kind", Some(k.dir()), None, None, None),
        ListKey::Year(k, y) => ("year", Some(k.dir()), Some(*y), None, None),
        ListKey::Category(c) => (
            "category",
            Some(Kind::Disclosures.dir()),
            None,
            Some(c.key()),
            None,
        ),
        ListKey::Tag(slug) => ("tag", None, None, None, tag_name(lists, slug)),
        ListKey::Tags => ("tags", None, None, None, None),
    };
    ListView {
        of,
        kind,
        year,
        category,
        tag,
        link: page_rel(&key.href(), 1),
        page,
        pages,
    }
}

/// Records under their year's heading, or their month's on a year page.
fn groups(records: &[&Record], by_month: bool, cross_kind: bool, ctx: &ViewContext) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for r in records {
        let year = r.common.date.map(|d| d.year());
        let heading = r
            .common
            .date
            .filter(|_| by_month)
            .map(|d| ctx.formats.period(Period::Month(d.year(), d.month() as u8)));
        let mut item = list_item(r, ctx);
        item.show_kind = cross_kind;
        match groups.last_mut() {
            Some(g) if g.year == year && g.heading == heading => g.items.push(item),
            _ => groups.push(Group {
                year,
                heading,
                items: vec![item],
            }),
        }
    }
    groups
}

/// The years of a kind, newest first, with counts on the kind's index.
fn year_links(lists: &Lists, kind: Kind, current: &ListKey) -> Vec<NavLink> {
    let on_index = matches!(current, ListKey::Kind(_));
    lists
        .records
        .iter()
        .rev()
        .filter_map(|(key, records)| match key {
            ListKey::Year(k, y) if *k == kind => Some(NavLink {
                year: Some(*y),
                category: None,
                link: page_rel(&key.href(), 1),
                count: on_index.then_some(records.len()),
                current: key == current,
            }),
            _ => None,
        })
        .collect()
}

/// The disclosures' categories that have records, with counts on the index.
fn category_links(lists: &Lists, current: &ListKey) -> Vec<NavLink> {
    let on_index = matches!(current, ListKey::Kind(_));
    Category::ALL
        .into_iter()
        .map(ListKey::Category)
        .filter_map(|key| {
            let n = lists.of(&key).len();
            let ListKey::Category(c) = key else {
                return None;
            };
            (n > 0).then(|| NavLink {
                year: None,
                category: Some(c.key()),
                link: page_rel(&key.href(), 1),
                count: on_index.then_some(n),
                current: key == *current,
            })
        })
        .collect()
}

/// One tag on the list of tags.
#[derive(Serialize)]
struct TagView {
    name: String,
    link: String,
    count: usize,
}

/// The list of tags: the most used first, then in pinyin order.
fn render_tags_page(lists: &Lists, page: usize, w: &Writer) -> Result<(), Diagnostic> {
    let mut tags: Vec<(String, TagView)> = lists
        .tags()
        .map(|(slug, records)| {
            let name = tag_name(lists, slug).unwrap_or_else(|| slug.clone());
            let view = TagView {
                link: page_rel(&ListKey::Tag(slug.clone()).href(), 1),
                count: records.len(),
                name,
            };
            (slugify(&view.name), view)
        })
        .collect();
    tags.sort_by(|(ka, a), (kb, b)| {
        (std::cmp::Reverse(a.count), ka, &a.name).cmp(&(std::cmp::Reverse(b.count), kb, &b.name))
    });
    let total = tags.len();
    let pages = page_count(total, TAGS_PER_PAGE, 1);
    let shown: Vec<TagView> = tags
        .into_iter()
        .skip((page - 1) * TAGS_PER_PAGE)
        .take(TAGS_PER_PAGE)
        .map(|(_, v)| v)
        .collect();
    let key = ListKey::Tags;
    let rel = page_rel(&key.dir(), page);
    let mut c = Context::new();
    c.insert("root", &root_prefix(&rel));
    c.insert("list", &list_view(lists, &key, page, pages));
    c.insert("count", &total);
    c.insert("tags", &shown);
    c.insert("pager", &pager(&key.href(), page, pages));
    w.page("tags.html", &c, &rel)
}
