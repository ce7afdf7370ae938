//! Views of each kind's own structure: ledgers and tables, numbered articles,
//! meeting minutes with follow-ups, admission items grouped by type.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::content::admission::{Admission, ItemType};
use crate::content::consultation::{Attendees, Consultation};
use crate::content::convention::Convention;
use crate::content::disclosure::{ColumnType, Disclosure, Ledger, Table};
use crate::content::types::{Date, Money};
use crate::content::{Kind, Record};
use crate::render::format;
use crate::render::markdown::render_inline;
use crate::render::views::{RefView, ViewContext, text};

#[derive(Debug, Clone, Serialize)]
pub struct DisclosureView {
    pub category: Option<&'static str>,
    pub period_display: Option<String>,
    pub ledger: Option<LedgerView>,
    pub tables: Vec<TableView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LedgerView {
    pub currency: String,
    /// The year every entry falls in, named once in the date column's header
    /// (as account books do); entries then show 7月3日. `None` when years differ.
    pub year: Option<i16>,
    pub opening: String,
    pub entries: Vec<EntryView>,
    pub income_total: String,
    pub expense_total: String,
    pub closing: String,
    pub closing_capital: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    pub date_display: Option<String>,
    pub item: String,
    pub voucher: Option<String>,
    pub income: Option<String>,
    pub expense: Option<String>,
    /// The running balance after this entry (余额), as a cash journal shows it.
    pub balance: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub caption: Option<String>,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<Vec<String>>,
    /// One cell per column: the total, or `None` where nothing is summed.
    pub totals: Option<Vec<Option<String>>>,
    pub note: Option<String>,
    /// Some column is masked, so the page says why names read 王*兰.
    pub any_masked: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnView {
    pub label: String,
    pub numeric: bool,
    pub masked: bool,
}

pub fn disclosure_view(d: &Disclosure, ctx: &ViewContext) -> DisclosureView {
    DisclosureView {
        category: d.category.map(|c| c.key()),
        period_display: d.period.map(|p| ctx.formats.period(p)),
        ledger: d.ledger.as_ref().map(|l| ledger_view(l, ctx)),
        tables: d.tables.iter().map(|t| table_view(t, ctx)).collect(),
    }
}

fn ledger_view(l: &Ledger, ctx: &ViewContext) -> LedgerView {
    let closing = l.closing.unwrap_or_else(|| l.expected_closing());
    let opening = l.opening.unwrap_or(Money::ZERO);
    let mut years = l.entries.iter().filter_map(|e| e.date).map(|d| d.year());
    let first = years.next();
    let year = first.filter(|y| years.all(|other| other == *y));
    let mut balance = opening.0;
    let entries = l
        .entries
        .iter()
        .map(|e| {
            balance +=
                e.income.map_or(Decimal::ZERO, |m| m.0) - e.expense.map_or(Decimal::ZERO, |m| m.0);
            EntryView {
                date_display: e.date.map(|d| {
                    if year.is_some() {
                        ctx.formats.month_day(d)
                    } else {
                        ctx.formats.date(d)
                    }
                }),
                item: text(&e.item).unwrap_or_default(),
                voucher: text(&e.voucher),
                income: e.income.map(format::money),
                expense: e.expense.map(format::money),
                balance: format::money(Money(balance)),
                note: text(&e.note),
            }
        })
        .collect();
    LedgerView {
        currency: text(&l.currency).unwrap_or_else(|| "CNY".into()),
        year,
        opening: format::money(opening),
        entries,
        income_total: format::money(l.income_total()),
        expense_total: format::money(l.expense_total()),
        closing: format::money(closing),
        closing_capital: format::rmb_capital(closing),
    }
}

fn table_view(t: &Table, ctx: &ViewContext) -> TableView {
    let cell = |col: &crate::content::disclosure::Column, raw: Option<&str>| -> String {
        let Some(raw) = raw else { return String::new() };
        match col.column_type() {
            ColumnType::Money => raw
                .parse::<Money>()
                .map(format::money)
                .unwrap_or_else(|_| raw.to_string()),
            ColumnType::Number => raw
                .replace(',', "")
                .parse::<Decimal>()
                .map(format::number)
                .unwrap_or_else(|_| raw.to_string()),
            ColumnType::Date => raw
                .parse::<Date>()
                .map(|d| ctx.formats.date(d))
                .unwrap_or_else(|_| raw.to_string()),
            ColumnType::Text => raw.to_string(),
        }
    };
    let rows = t
        .rows
        .iter()
        .map(|row| {
            t.columns
                .iter()
                .map(|c| cell(c, Table::cell(row, c.key_str())))
                .collect()
        })
        .collect();
    let any_total = t.columns.iter().any(|c| c.total);
    let totals = any_total.then(|| {
        t.columns
            .iter()
            .map(|c| {
                c.total.then(|| {
                    let sum: Decimal = t
                        .rows
                        .iter()
                        .filter_map(|row| Table::cell(row, c.key_str()))
                        .filter_map(|v| v.replace([',', '¥'], "").trim().parse::<Decimal>().ok())
                        .sum();
                    match c.column_type() {
                        ColumnType::Money => format::money(Money(sum)),
                        _ => format::number(sum),
                    }
                })
            })
            .collect()
    });
    TableView {
        caption: text(&t.caption),
        columns: t
            .columns
            .iter()
            .map(|c| ColumnView {
                label: text(&c.label).unwrap_or_else(|| c.key_str().to_string()),
                numeric: matches!(c.column_type(), ColumnType::Money | ColumnType::Number),
                masked: c.mask.is_some(),
            })
            .collect(),
        rows,
        totals,
        note: text(&t.note),
        any_masked: t.columns.iter().any(|c| c.mask.is_some()),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ConventionView {
    pub status: Option<&'static str>,
    pub adopted: Option<AdoptedView>,
    pub filed: Option<FiledView>,
    pub effective_display: Option<String>,
    pub replaces: Option<RefView>,
    pub replaced_by: Option<RefView>,
    pub chapters: Vec<ChapterView>,
    pub article_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct AdoptedView {
    pub date_display: Option<String>,
    pub meeting: Option<String>,
    pub present: Option<u32>,
    #[serde(rename = "for")]
    pub votes_for: Option<u32>,
    pub against: u32,
    pub abstain: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct FiledView {
    pub with: Option<String>,
    pub date_display: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChapterView {
    /// `第一章`, absent for a convention without chapters.
    pub number: Option<String>,
    pub title: Option<String>,
    pub articles: Vec<ArticleView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub number: String,
    pub html: String,
}

pub fn convention_view(r: &Record, d: &Convention, ctx: &ViewContext) -> ConventionView {
    let mut n = 0;
    let mut article = |t: &crate::content::types::Text| {
        n += 1;
        ArticleView {
            number: ctx.formats.article(n),
            html: render_inline(t.as_str()),
        }
    };
    let mut chapters: Vec<ChapterView> = d
        .chapters
        .iter()
        .enumerate()
        .map(|(i, ch)| ChapterView {
            number: Some(ctx.formats.chapter(i + 1)),
            title: text(&ch.title),
            articles: ch.articles.iter().map(&mut article).collect(),
        })
        .collect();
    if !d.articles.is_empty() {
        chapters.push(ChapterView {
            number: None,
            title: None,
            articles: d.articles.iter().map(&mut article).collect(),
        });
    }
    let replaces = d
        .replaces
        .as_ref()
        .and_then(|s| ctx.library.find(Kind::Conventions, s.as_str().trim()))
        .and_then(|old| ctx.reference(old));
    let replaced_by = ctx
        .library
        .replacement_of(&r.slug)
        .and_then(|newer| ctx.reference(newer));
    ConventionView {
        status: d.status.map(|s| s.key()),
        adopted: d.adopted.as_ref().map(|a| AdoptedView {
            date_display: ctx.date(a.date),
            meeting: text(&a.meeting),
            present: a.present.map(|c| c.0),
            votes_for: a.votes_for.map(|c| c.0),
            against: a.against.map_or(0, |c| c.0),
            abstain: a.abstain.map_or(0, |c| c.0),
        }),
        filed: d.filed.as_ref().map(|f| FiledView {
            with: text(&f.with),
            date_display: ctx.date(f.date),
        }),
        effective_display: ctx.date(d.effective),
        replaces,
        replaced_by,
        article_count: n,
        chapters,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsultationView {
    pub meeting: MeetingView,
    pub attendee_count: Option<u32>,
    pub attendee_groups: Vec<GroupCount>,
    pub attendee_names: Vec<String>,
    pub agenda: Vec<AgendaView>,
    pub follow_up: Vec<FollowView>,
    pub overdue_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub date_display: Option<String>,
    pub time: Option<String>,
    pub place: Option<String>,
    pub host: Option<String>,
    pub recorder: Option<String>,
    pub form: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupCount {
    pub role: String,
    pub count: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaView {
    pub number: String,
    pub topic: String,
    pub proposed_by: Option<String>,
    pub discussion_html: Option<String>,
    pub decision_html: Option<String>,
    pub votes: Option<VotesView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VotesView {
    #[serde(rename = "for")]
    pub votes_for: u32,
    pub against: u32,
    pub abstain: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct FollowView {
    pub task: String,
    pub owner: Option<String>,
    pub due_display: Option<String>,
    pub status: &'static str,
    pub result_html: Option<String>,
    pub overdue: bool,
}

pub fn consultation_view(d: &Consultation, ctx: &ViewContext) -> ConsultationView {
    let m = d.meeting.as_ref();
    let get =
        |f: fn(&crate::content::consultation::Meeting) -> &Option<crate::content::types::Text>| {
            m.and_then(|m| text(f(m)))
        };
    let (groups, names) = match &d.attendees {
        Some(Attendees::Counted(c)) => (
            c.groups
                .iter()
                .map(|g| GroupCount {
                    role: text(&g.role).unwrap_or_default(),
                    count: g.count.map(|n| n.0),
                })
                .collect(),
            Vec::new(),
        ),
        Some(Attendees::Named(n)) => (
            Vec::new(),
            n.iter().map(|t| t.as_str().trim().to_string()).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let follow_up: Vec<FollowView> = d
        .follow_up
        .iter()
        .map(|f| FollowView {
            task: text(&f.task).unwrap_or_default(),
            owner: text(&f.owner),
            due_display: ctx.date(f.due),
            status: f.status.key(),
            result_html: f.result.as_ref().map(|r| render_inline(r.as_str())),
            overdue: f.is_overdue(ctx.today),
        })
        .collect();
    ConsultationView {
        meeting: MeetingView {
            date_display: ctx.date(m.and_then(|m| m.date)),
            time: get(|m| &m.time),
            place: get(|m| &m.place),
            host: get(|m| &m.host),
            recorder: get(|m| &m.recorder),
            form: get(|m| &m.form),
        },
        attendee_count: d.attendees.as_ref().and_then(|a| a.total()),
        attendee_groups: groups,
        attendee_names: names,
        agenda: d
            .agenda
            .iter()
            .enumerate()
            .map(|(i, a)| AgendaView {
                number: ctx.formats.numeral(i as u64 + 1),
                topic: text(&a.topic).unwrap_or_default(),
                proposed_by: text(&a.proposed_by),
                discussion_html: a.discussion.as_ref().map(|t| render_inline(t.as_str())),
                decision_html: a.decision.as_ref().map(|t| render_inline(t.as_str())),
                votes: a.votes.map(|v| VotesView {
                    votes_for: v.votes_for.0,
                    against: v.against.0,
                    abstain: v.abstain.0,
                }),
            })
            .collect(),
        overdue_count: follow_up.iter().filter(|f| f.overdue).count(),
        follow_up,
    }
}

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
