//! Which lists there are and what is on them: a record is on its kind's
//! index, its year's page, its category's (disclosures) and each of its
//! tags' pages; the list of tags names every tag.

use std::collections::{BTreeMap, BTreeSet};

use super::{PER_PAGE, TAGS_PER_PAGE, page_count, page_rel};
use crate::content::disclosure::Category;
use crate::content::slug::tag_slug;
use crate::content::{Kind, KindData, Record};

/// One list of records (or of tags) and the folder of its first page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListKey {
    /// `disclosures/`: every record of the kind.
    Kind(Kind),
    /// `disclosures/2026/`: the kind's records dated that year.
    Year(Kind, i16),
    /// `disclosures/finance/`.
    Category(Category),
    /// `tags/一事一议/`, by the tag's folder name ([`tag_slug`]).
    Tag(String),
    /// `tags/`: every tag with its count.
    Tags,
}

impl ListKey {
    /// The folder of the list's first page, as written to disk (a tag's
    /// folder is named in UTF-8): `tags/一事一议/`.
    pub fn dir(&self) -> String {
        match self {
            ListKey::Kind(k) => format!("{}/", k.dir()),
            ListKey::Year(k, y) => format!("{}/{y}/", k.dir()),
            ListKey::Category(c) => format!("{}/{}/", Kind::Disclosures.dir(), c.key()),
            ListKey::Tag(slug) => format!("tags/{slug}/"),
            ListKey::Tags => "tags/".into(),
        }
    }

    /// The same folder in a link: anything not ASCII percent-encoded, so the
    /// address survives being copied into a chat or an old browser.
    pub fn href(&self) -> String {
        percent_encoding::utf8_percent_encode(&self.dir(), percent_encoding::CONTROLS).to_string()
    }

    /// A list that has a first page even with nothing in it.
    fn always_shown(&self) -> bool {
        matches!(self, ListKey::Kind(_) | ListKey::Tags)
    }
}

/// The lists a record is shown on, besides the home page.
pub fn lists_of(r: &Record) -> Vec<ListKey> {
    if r.kind == Kind::Pages {
        return Vec::new();
    }
    let mut keys = vec![ListKey::Kind(r.kind)];
    keys.extend(r.common.date.map(|d| ListKey::Year(r.kind, d.year())));
    keys.extend(category_of(r).map(ListKey::Category));
    let mut tags: Vec<ListKey> = r
        .common
        .tags
        .iter()
        .filter_map(|t| tag_slug(t.as_str()))
        .map(ListKey::Tag)
        .collect();
    tags.sort();
    tags.dedup();
    keys.extend(tags);
    keys
}

fn category_of(r: &Record) -> Option<Category> {
    match &r.data {
        KindData::Disclosure(d) => d.category,
        _ => None,
    }
}

/// A link to a record's tag, by its name as the record writes it.
pub fn tag_link(tag: &str) -> Option<String> {
    tag_slug(tag).map(|slug| page_rel(&ListKey::Tag(slug).href(), 1))
}

/// A link to the year page a record dated in `year` is listed on.
pub fn year_link(kind: Kind, year: i16) -> String {
    page_rel(&ListKey::Year(kind, year).href(), 1)
}

/// Every list of the site with its records, newest first.
pub(super) struct Lists<'a> {
    pub(super) records: BTreeMap<ListKey, Vec<&'a Record>>,
}

impl<'a> Lists<'a> {
    pub(super) fn collect(published: &[&'a Record]) -> Lists<'a> {
        let mut records: BTreeMap<ListKey, Vec<&Record>> = BTreeMap::new();
        for &r in published {
            for key in lists_of(r) {
                records.entry(key).or_default().push(r);
            }
        }
        // The library is in kind order; a tag's records mix the kinds.
        for (key, list) in records.iter_mut() {
            if let ListKey::Tag(_) = key {
                list.sort_by(|a, b| {
                    (std::cmp::Reverse(a.common.date), a.kind, &a.slug).cmp(&(
                        std::cmp::Reverse(b.common.date),
                        b.kind,
                        &b.slug,
                    ))
                });
            }
        }
        Lists { records }
    }

    pub(super) fn of(&self, key: &ListKey) -> &[&'a Record] {
        self.records.get(key).map_or(&[], Vec::as_slice)
    }

    pub(super) fn tags(&self) -> impl Iterator<Item = (&String, &Vec<&'a Record>)> {
        self.records.iter().filter_map(|(k, v)| match k {
            ListKey::Tag(slug) => Some((slug, v)),
            _ => None,
        })
    }

    pub(super) fn pages(&self, key: &ListKey) -> usize {
        let (n, per) = match key {
            ListKey::Tags => (self.tags().count(), TAGS_PER_PAGE),
            _ => (self.of(key).len(), PER_PAGE),
        };
        page_count(n, per, usize::from(key.always_shown()))
    }

    /// Every list with a first page: each kind's index, then the rest.
    pub(super) fn all_keys(&self) -> Vec<ListKey> {
        let mut keys: BTreeSet<ListKey> = Kind::RECORDS.into_iter().map(ListKey::Kind).collect();
        keys.extend(self.records.keys().cloned());
        keys.insert(ListKey::Tags);
        keys.into_iter().collect()
    }
}

/// The archive pages besides each kind's index (year, category and tag
/// pages and the list of tags), first pages only: what the sitemap lists.
pub fn archive_keys(published: &[&Record]) -> Vec<ListKey> {
    Lists::collect(published)
        .all_keys()
        .into_iter()
        .filter(|k| !matches!(k, ListKey::Kind(_)))
        .collect()
}

/// A tag as its newest record writes it (tags that differ only in case or
/// spaces share a page).
pub(super) fn tag_name(lists: &Lists, slug: &str) -> Option<String> {
    lists
        .of(&ListKey::Tag(slug.to_string()))
        .iter()
        .flat_map(|r| &r.common.tags)
        .map(|t| t.as_str().trim())
        .find(|t| tag_slug(t).as_deref() == Some(slug))
        .map(str::to_string)
}
