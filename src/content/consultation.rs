//! consultations/ — 协商议事记录: meeting facts, attendees, decisions and follow-ups.

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::content::fields::front_matter;
use crate::types::{Count, Date, Text};

front_matter!(ConsultationFront => Consultation {
    #[serde(default)]
    meeting: Option<Meeting>,
    #[serde(default)]
    attendees: Option<Attendees>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    agenda: Vec<AgendaItem>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    follow_up: Vec<FollowUp>,
});

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub time: Option<Text>,
    #[serde(default)]
    pub place: Option<Text>,
    #[serde(default)]
    pub host: Option<Text>,
    #[serde(default)]
    pub recorder: Option<Text>,
    #[serde(default)]
    pub form: Option<Text>,
}

/// Who took part: a head count by group, or a list of names.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Attendees {
    Counted(AttendeeCount),
    Named(Vec<Text>),
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendeeCount {
    #[serde(default)]
    pub count: Option<Count>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    pub groups: Vec<AttendeeGroup>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendeeGroup {
    #[serde(default)]
    pub role: Option<Text>,
    #[serde(default)]
    pub count: Option<Count>,
}

impl Attendees {
    /// How many took part, when the record says.
    pub fn total(&self) -> Option<u32> {
        match self {
            Attendees::Counted(c) => c.count.map(|c| c.0).or_else(|| {
                (!c.groups.is_empty())
                    .then(|| c.groups.iter().filter_map(|g| g.count).map(|n| n.0).sum())
            }),
            Attendees::Named(names) => Some(names.len() as u32),
        }
    }
}

impl<'de> Deserialize<'de> for Attendees {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Attendees;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("{count: 人数, groups: [...]} 或者一个姓名列表")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Attendees, A::Error> {
                AttendeeCount::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Attendees::Counted)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Attendees, A::Error> {
                Vec::<Text>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(Attendees::Named)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    #[serde(default)]
    pub topic: Option<Text>,
    #[serde(default)]
    pub proposed_by: Option<Text>,
    #[serde(default)]
    pub discussion: Option<Text>,
    #[serde(default)]
    pub decision: Option<Text>,
    #[serde(default)]
    pub votes: Option<Votes>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Votes {
    #[serde(default, rename = "for")]
    pub votes_for: Count,
    #[serde(default)]
    pub against: Count,
    #[serde(default)]
    pub abstain: Count,
    /// How many votes carry it: more than half (default) or two thirds of
    /// those present (of the votes cast when the record gives no head count).
    #[serde(default)]
    pub rule: Option<VoteRule>,
}

/// The majority a vote needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum VoteRule {
    /// 过半数: more than half.
    #[serde(alias = "过半数", alias = "半数")]
    Half,
    /// 三分之二以上: at least two thirds.
    #[serde(alias = "三分之二", alias = "三分之二以上")]
    TwoThirds,
}

impl Votes {
    /// Whether the vote carried, counted against `present` (or the votes
    /// cast when the head count is not known).
    pub fn carried(&self, present: Option<u32>) -> bool {
        let base = present.unwrap_or(self.votes_for.0 + self.against.0 + self.abstain.0);
        let yes = self.votes_for.0;
        match self.rule.unwrap_or(VoteRule::Half) {
            VoteRule::Half => yes * 2 > base,
            VoteRule::TwoThirds => yes * 3 >= base * 2 && base > 0,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    #[serde(default)]
    pub task: Option<Text>,
    #[serde(default)]
    pub owner: Option<Text>,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default, deserialize_with = "crate::content::fields::nullable")]
    pub status: FollowStatus,
    #[serde(default)]
    pub result: Option<Text>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum FollowStatus {
    #[default]
    #[serde(alias = "未开始", alias = "计划")]
    Planned,
    #[serde(alias = "办理中", alias = "进行中")]
    InProgress,
    #[serde(alias = "已完成", alias = "完成", alias = "办结")]
    Done,
    #[serde(alias = "已取消", alias = "取消")]
    Dropped,
}

impl FollowStatus {
    pub fn key(self) -> &'static str {
        match self {
            FollowStatus::Planned => "planned",
            FollowStatus::InProgress => "in-progress",
            FollowStatus::Done => "done",
            FollowStatus::Dropped => "dropped",
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, FollowStatus::Planned | FollowStatus::InProgress)
    }
}

impl FollowUp {
    /// Past its due date and neither done nor dropped.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.is_open() && self.due.is_some_and(|due| due < today)
    }
}
