//! The view of an admission list: items grouped by type, with the count per type.

use serde::Serialize;

use crate::content::admission::{Admission, ItemType};
use crate::render::views::layout::{ColLayout, Shape, lay_out};
use crate::render::views::{ViewContext, text};

#[derive(Debug, Clone, Serialize)]
pub struct AdmissionView {
    pub basis: Option<String>,
    pub issued_by: Option<String>,
    pub effective_display: Option<String>,
    pub total: usize,
    pub groups: Vec<ItemGroup>,
    /// The sheet's columns (no, name, department, basis, funding, note),
    /// shared by every group's table.
    pub cols: Vec<ColLayout>,
    /// How many of them are shown (what a full-width row spans).
    pub shown_cols: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemGroup {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub count: usize,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub no: Option<u32>,
    pub name: String,
    pub department: Option<String>,
    pub basis: Option<String>,
    pub funding: bool,
    pub note: Option<String>,
}

pub fn admission_view(d: &Admission, ctx: &ViewContext) -> AdmissionView {
    let groups: Vec<ItemGroup> = ItemType::ALL
        .into_iter()
        .filter_map(|ty| {
            let items: Vec<ItemView> = d
                .items
                .iter()
                .filter(|i| i.kind == Some(ty))
                .map(|i| ItemView {
                    no: i.no.map(|n| n.0),
                    name: text(&i.name).unwrap_or_default(),
                    department: text(&i.department),
                    basis: text(&i.basis),
                    funding: i.funding,
                    note: text(&i.note),
                })
                .collect();
            (!items.is_empty()).then(|| ItemGroup {
                kind: ty.key(),
                count: items.len(),
                items,
            })
        })
        .collect();
    let cols = items_layout(&groups, ctx);
    AdmissionView {
        shown_cols: cols.iter().filter(|c| c.shown).count(),
        cols,
        basis: text(&d.basis),
        issued_by: text(&d.issued_by),
        effective_display: ctx.date(d.effective),
        total: d.items.len(),
        groups,
    }
}

/// One layout for every group's table, so the list reads as one; columns
/// empty in every item are left out.
fn items_layout(groups: &[ItemGroup], ctx: &ViewContext) -> Vec<ColLayout> {
    let t = ctx.strings;
    let label = |k: &str| t[k].as_str().unwrap_or("").to_string();
    let labels = [
        label("item_no"),
        label("item_name"),
        label("item_department"),
        label("item_basis"),
        label("item_funding"),
        label("item_note"),
    ];
    let yes = label("yes");
    let rows: Vec<Vec<String>> = groups
        .iter()
        .flat_map(|g| &g.items)
        .map(|i| {
            vec![
                i.no.map(|n| n.to_string()).unwrap_or_default(),
                i.name.clone(),
                i.department.clone().unwrap_or_default(),
                i.basis.clone().unwrap_or_default(),
                if i.funding {
                    yes.clone()
                } else {
                    String::new()
                },
                i.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let refs: Vec<&[String]> = rows.iter().map(Vec::as_slice).collect();
    use Shape::{Text as X, Token as T};
    let mut cols = lay_out(&labels, &[T, X, X, X, T, X], &refs, None);
    // The item's name always takes the room that is left.
    cols[1].width = None;
    cols[1].nowrap = false;
    cols[1].weight = cols[1].weight.max(12.0) * 1.5;
    cols
}
