//! The view of consultation minutes: meeting facts, attendees, each agenda
//! item's decision and votes, and follow-ups with overdue marks.

use serde::Serialize;

use crate::content::consultation::{AgendaItem, Attendees, Consultation, FollowUp, Meeting};
use crate::render::markdown::render_inline;
use crate::render::views::{ViewContext, text};
use crate::types::Text;

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
    /// The vote carried under its rule (通过) or not (未通过).
    pub passed: bool,
    /// `half` or `two-thirds`, for the sentence that says what was needed.
    pub rule: &'static str,
    /// What it was counted against: those present, or the votes cast.
    pub base: u32,
    pub base_is_present: bool,
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
    let (groups, names) = attendee_views(d.attendees.as_ref());
    let follow_up: Vec<FollowView> = d.follow_up.iter().map(|f| follow_view(f, ctx)).collect();
    ConsultationView {
        meeting: meeting_view(d.meeting.as_ref(), ctx),
        attendee_count: d.attendees.as_ref().and_then(|a| a.total()),
        attendee_groups: groups,
        attendee_names: names,
        agenda: d
            .agenda
            .iter()
            .enumerate()
            .map(|(i, a)| agenda_view(i, a, ctx, d.attendees.as_ref().and_then(|a| a.total())))
            .collect(),
        overdue_count: follow_up.iter().filter(|f| f.overdue).count(),
        follow_up,
    }
}

fn meeting_view(m: Option<&Meeting>, ctx: &ViewContext) -> MeetingView {
    let get = |f: fn(&Meeting) -> &Option<Text>| m.and_then(|m| text(f(m)));
    MeetingView {
        date_display: ctx.date(m.and_then(|m| m.date)),
        time: get(|m| &m.time),
        place: get(|m| &m.place),
        host: get(|m| &m.host),
        recorder: get(|m| &m.recorder),
        form: get(|m| &m.form),
    }
}

/// Head counts by group, or the names, whichever the record gives.
fn attendee_views(a: Option<&Attendees>) -> (Vec<GroupCount>, Vec<String>) {
    match a {
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
    }
}

fn agenda_view(i: usize, a: &AgendaItem, ctx: &ViewContext, present: Option<u32>) -> AgendaView {
    AgendaView {
        number: ctx.formats.numeral(i as u64 + 1),
        topic: text(&a.topic).unwrap_or_default(),
        proposed_by: text(&a.proposed_by),
        discussion_html: a.discussion.as_ref().map(|t| render_inline(t.as_str())),
        decision_html: a.decision.as_ref().map(|t| render_inline(t.as_str())),
        votes: a.votes.map(|v| VotesView {
            votes_for: v.votes_for.0,
            against: v.against.0,
            abstain: v.abstain.0,
            passed: v.carried(present),
            rule: match v.rule {
                Some(crate::content::consultation::VoteRule::TwoThirds) => "two-thirds",
                _ => "half",
            },
            base: present.unwrap_or(v.votes_for.0 + v.against.0 + v.abstain.0),
            base_is_present: present.is_some(),
        }),
    }
}

fn follow_view(f: &FollowUp, ctx: &ViewContext) -> FollowView {
    FollowView {
        task: text(&f.task).unwrap_or_default(),
        owner: text(&f.owner),
        due_display: ctx.date(f.due),
        status: f.status.key(),
        result_html: f.result.as_ref().map(|r| render_inline(r.as_str())),
        overdue: f.is_overdue(ctx.today),
    }
}
