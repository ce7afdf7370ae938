//! The view of an admission list: items grouped by type, with the count per type.

use serde::Serialize;

use crate::content::admission::{Admission, ItemType};
use crate::render::views::{ViewContext, text};

#[derive(Debug, Clone, Serialize)]
pub struct AdmissionView {
    pub basis: Option<String>,
    pub issued_by: Option<String>,
    pub effective_display: Option<String>,
    pub total: usize,
    pub groups: Vec<ItemGroup>,
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
    AdmissionView {
        basis: text(&d.basis),
        issued_by: text(&d.issued_by),
        effective_display: ctx.date(d.effective),
        total: d.items.len(),
        groups,
    }
}
