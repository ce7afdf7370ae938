//! What a batch of saved records needs re-rendered in the preview: the
//! records and the versions they link, the lists that show them before or
//! after the change (kind indexes, year, category and tag pages), the board;
//! and what the live output no longer needs: the folders of records that
//! moved or went away, and the pages past the end of a list that shrank.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use crate::build::{ListKey, ListPages};
use crate::content::slug::PAGE_DIR;
use crate::content::{Kind, Library, Record};
use crate::diagnostic::Diagnostic;
use crate::output::Staging;
use crate::render::archive::lists_of;

/// Where a record's output lives, whether it was on the board and the lists
/// it was shown on, as last rendered.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Placed {
    kind: Kind,
    path: String,
    on_board: bool,
    lists: Vec<ListKey>,
    date: Option<crate::types::Date>,
}

impl Placed {
    pub(super) fn of(r: &Record, today: crate::types::Date) -> Placed {
        Placed {
            kind: r.kind,
            path: r.path(),
            on_board: r.is_on_board(today),
            lists: lists_of(r),
            date: r.common.date,
        }
    }
}

/// What a batch of saved records needs re-rendered.
pub(super) struct Plan<'a> {
    /// The changed records and the versions they link.
    pub(super) records: Vec<&'a Record>,
    /// The kinds whose lists show a changed record.
    pub(super) kinds: Vec<Kind>,
    /// The year, category and tag lists that show a changed record, before
    /// or after the change, and those whose list of years or categories changed.
    pub(super) lists: Vec<ListKey>,
    /// A changed record is (or was) on the board.
    pub(super) board: bool,
    /// Every changed record was edited in place: same address, date and
    /// lists as before, so no list moved and only the pages holding them change.
    pub(super) in_place: Option<Vec<&'a Record>>,
    /// Problems removing the folders of records that moved or went away.
    pub(super) errors: Vec<Diagnostic>,
}

/// Plans the re-render of `changed`, and removes the folders of records that
/// moved or went away.
pub(super) fn plan_changes<'a>(
    changed: &[PathBuf],
    placed: &mut HashMap<PathBuf, Placed>,
    ctx: &crate::render::views::ViewContext<'a>,
    staging: &Staging,
) -> Plan<'a> {
    let library = ctx.library;
    let mut errors = Vec::new();
    let mut kinds: Vec<Kind> = Vec::new();
    let mut board = false;
    let mut to_render: Vec<&Record> = Vec::new();
    let mut lists: Vec<ListKey> = Vec::new();
    let navs_before = year_and_category_lists(placed);
    let mut in_place: Option<Vec<&Record>> = Some(Vec::new());
    for rel in changed {
        let now = library.by_file(rel).filter(|r| ctx.is_published(r));
        let same_place = match (placed.get(rel), now) {
            (Some(old), Some(r)) => *old == Placed::of(r, ctx.today),
            _ => false,
        };
        match (&mut in_place, now) {
            (Some(edited), Some(r)) if same_place => edited.push(r),
            _ => in_place = None,
        }
        if let Some(old) = placed.remove(rel) {
            board |= old.on_board;
            kinds.push(old.kind);
            lists.extend(old.lists);
            if now.is_none_or(|r| r.path() != old.path) {
                errors.extend(staging.remove_dir(&old.path).err().map(|e| e.diagnostic()));
            }
        }
        if let Some(r) = now {
            board |= r.is_on_board(ctx.today);
            kinds.push(r.kind);
            to_render.push(r);
            let now_placed = Placed::of(r, ctx.today);
            lists.extend(now_placed.lists.iter().cloned());
            placed.insert(rel.clone(), now_placed);
            to_render.extend(linked_versions(library, r).filter(|o| ctx.is_published(o)));
        }
    }
    kinds.sort();
    kinds.dedup();
    lists.extend(lists_beside_new_or_gone(
        &navs_before,
        &year_and_category_lists(placed),
    ));
    if lists.iter().any(|k| matches!(k, ListKey::Tag(_))) {
        lists.push(ListKey::Tags);
    }
    lists.retain(|k| !matches!(k, ListKey::Kind(_)));
    lists.sort();
    lists.dedup();
    to_render.sort_by_key(|r| &r.rel_path);
    to_render.dedup_by_key(|r| &r.rel_path);
    Plan {
        records: to_render,
        kinds,
        board,
        lists,
        errors,
        in_place,
    }
}

/// Every year and category list the placed records are shown on.
fn year_and_category_lists(placed: &HashMap<PathBuf, Placed>) -> BTreeSet<ListKey> {
    placed
        .values()
        .flat_map(|p| &p.lists)
        .filter(|k| matches!(k, ListKey::Year(..) | ListKey::Category(_)))
        .cloned()
        .collect()
}

/// A year page links the kind's other years, and a category page the other
/// categories: when a year or a category comes or goes, all of them change.
fn lists_beside_new_or_gone(before: &BTreeSet<ListKey>, after: &BTreeSet<ListKey>) -> Vec<ListKey> {
    let changed: Vec<&ListKey> = before.symmetric_difference(after).collect();
    after
        .iter()
        .filter(|k| {
            changed.iter().any(|c| match (c, k) {
                (ListKey::Year(a, _), ListKey::Year(b, _)) => a == b,
                (ListKey::Category(_), ListKey::Category(_)) => true,
                _ => false,
            })
        })
        .cloned()
        .collect()
}

/// A list that got shorter leaves its last pages behind in the live output,
/// and one left empty its folder: removes them (a build does this itself).
pub(super) fn remove_pages_past_the_end(staging: &Staging, lists: &[ListPages]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for list in lists {
        let dir = list.key.dir();
        if list.pages == 0 {
            errors.extend(staging.remove_dir(&dir).err().map(|e| e.diagnostic()));
            continue;
        }
        let pages_dir = staging.dir().join(&dir).join(PAGE_DIR);
        let Ok(entries) = std::fs::read_dir(&pages_dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let past = name
                .to_str()
                .and_then(|n| n.parse::<usize>().ok())
                .is_some_and(|n| n > list.pages);
            if past {
                let rel = format!("{dir}{PAGE_DIR}/{}", name.to_string_lossy());
                errors.extend(staging.remove_dir(&rel).err().map(|e| e.diagnostic()));
            }
        }
    }
    errors
}

/// Conventions linked by `replaces` both ways show each other's titles.
fn linked_versions<'a>(library: &'a Library, r: &'a Record) -> impl Iterator<Item = &'a Record> {
    let replaced = match &r.data {
        crate::content::KindData::Convention(c) => c
            .replaces
            .as_ref()
            .and_then(|s| library.find(Kind::Conventions, s.as_str().trim())),
        _ => None,
    };
    let replacer = (r.kind == Kind::Conventions)
        .then(|| library.replacement_of(&r.slug))
        .flatten();
    replaced.into_iter().chain(replacer)
}
