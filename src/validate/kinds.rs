//! Rules for conventions (votes, filing, versions), consultations and admission lists.

use std::collections::HashMap;

use crate::content::admission::Admission;
use crate::content::consultation::Consultation;
use crate::content::convention::{Convention, ConventionStatus};
use crate::content::{Kind, KindData, Library};
use crate::diagnostic::{Diagnostic, FieldPath};
use crate::types::Text;
use crate::validate::Checks;

fn blank(t: &Option<Text>) -> bool {
    t.as_ref().is_none_or(|t| t.as_str().trim().is_empty())
}

pub(crate) fn check_convention(d: &Convention, c: &mut Checks) {
    let Some(status) = d.status else {
        c.error(
            "status",
            "缺少状态 status",
            "加一行 status: in-force（现行有效）、consultation（征求意见稿）或 repealed（已废止）",
        );
        return;
    };
    check_adoption(d, status, c);
    check_filing(d, c);
    check_articles(d, c);
}

/// A convention in force says how it was adopted, and the vote carried it.
fn check_adoption(d: &Convention, status: ConventionStatus, c: &mut Checks) {
    match (&d.adopted, status) {
        (None, ConventionStatus::InForce) => c.error(
            "adopted",
            "现行有效的公约必须写明表决通过情况 adopted",
            "写 adopted: {date: 通过日期, meeting: 村民会议, present: 到会人数, for: 赞成, against: 反对, abstain: 弃权}",
        ),
        (Some(a), _) => {
            if a.date.is_none() {
                c.error("adopted", "表决情况缺少日期 date", "写上会议日期");
            }
            if blank(&a.meeting) {
                c.error(
                    "adopted",
                    "表决情况缺少会议名称 meeting",
                    "例如 meeting: 村民会议 或 村民代表会议",
                );
            }
            check_adoption_votes(a, c);
        }
        (None, _) => {}
    }
}

/// 备案: with whom, and not before the vote.
fn check_filing(d: &Convention, c: &mut Checks) {
    let Some(f) = &d.filed else { return };
    if blank(&f.with) {
        c.error(
            "filed",
            "备案缺少备案机关 with",
            "例如 with: 某某镇人民政府",
        );
    }
    match (f.date, d.adopted.as_ref().and_then(|a| a.date)) {
        (None, _) => c.error("filed", "备案缺少日期 date", "写上备案日期"),
        (Some(fd), Some(ad)) if fd < ad => c.error(
            "filed.date",
            format!("备案日期 {fd} 早于表决通过日期 {ad}"),
            "公约要先经会议通过再报备案，核对两个日期",
        ),
        _ => {}
    }
}

/// Articles: in chapters or flat, never both; none empty or numbered by hand.
fn check_articles(d: &Convention, c: &mut Checks) {
    if !d.chapters.is_empty() && !d.articles.is_empty() {
        c.error(
            "articles",
            "chapters 和 articles 只能写一种",
            "分章的公约把条文写在各章的 articles 里；不分章的只写 articles",
        );
    }
    let articles = d.chapters.iter().enumerate().flat_map(|(ci, ch)| {
        ch.articles
            .iter()
            .enumerate()
            .map(move |(ai, a)| (format!("chapters[{ci}].articles[{ai}]"), a))
    });
    let flat = d
        .articles
        .iter()
        .enumerate()
        .map(|(ai, a)| (format!("articles[{ai}]"), a));
    for (at, text) in articles.chain(flat) {
        let t = text.as_str().trim();
        if t.is_empty() {
            c.error(&at, "条文是空的", "写上条文内容，或删掉这一项");
        } else if t.starts_with('第') && t.chars().take(8).any(|ch| ch == '条') {
            c.warn(
                &at,
                "条文开头写了“第…条”，网站会自动编号，会重复",
                "删掉条文开头的“第…条”",
            );
        }
    }
    for (i, ch) in d.chapters.iter().enumerate() {
        if blank(&ch.title) {
            c.error(
                &format!("chapters[{i}]"),
                "这一章缺少章名 title",
                "例如 title: 总则",
            );
        }
    }
}

fn check_adoption_votes(a: &crate::content::convention::Adoption, c: &mut Checks) {
    let Some(present) = a.present else {
        c.error(
            "adopted",
            "表决情况缺少到会人数 present",
            "写上到会（参加表决）的人数，例如 present: 86",
        );
        return;
    };
    let Some(yes) = a.votes_for else {
        c.error(
            "adopted",
            "表决情况缺少赞成票数 for",
            "写上赞成票数，例如 for: 80",
        );
        return;
    };
    let no = a.against.map_or(0, |n| n.0);
    let abstain = a.abstain.map_or(0, |n| n.0);
    let (present, yes) = (present.0, yes.0);
    if yes + no + abstain > present {
        c.error(
            "adopted",
            format!(
                "票数对不上：赞成{yes}票、反对{no}票、弃权{abstain}票，合计{}票，超过到会人数{present}人",
                yes + no + abstain
            ),
            "核对会议记录中的票数和到会人数",
        );
    } else if yes * 2 <= present {
        c.error(
            "adopted.for",
            format!("赞成{yes}票，没有超过到会{present}人的半数，公约不能算通过"),
            "核对票数；未获通过的公约不能标为 in-force，可改为 status: consultation",
        );
    }
}

pub(crate) fn check_consultation(d: &Consultation, c: &mut Checks) {
    match &d.meeting {
        None => c.error(
            "meeting",
            "缺少会议信息 meeting",
            "写 meeting: {date: 2026-11-06, place: 地点, host: 主持人}",
        ),
        Some(m) if m.date.is_none() => {
            c.error("meeting", "会议信息缺少日期 date", "写上协商的日期")
        }
        Some(_) => {}
    }
    if d.agenda.is_empty() {
        c.error(
            "agenda",
            "至少要有一个议题 agenda",
            "写 agenda: 列表，每个议题至少有 topic",
        );
    }
    let attendees = d.attendees.as_ref().and_then(|a| a.total());
    for (i, item) in d.agenda.iter().enumerate() {
        let at = format!("agenda[{i}]");
        if blank(&item.topic) {
            c.error(&at, "议题缺少题目 topic", "写明议的是什么事");
        }
        if let Some(v) = item.votes {
            check_agenda_votes(&v, attendees, &format!("{at}.votes"), c);
        }
    }
    for (i, f) in d.follow_up.iter().enumerate() {
        if blank(&f.task) {
            c.error(
                &format!("follow_up[{i}]"),
                "落实事项缺少内容 task",
                "写明要做的事",
            );
        }
    }
}

/// Votes add up to no more than those present; a vote that did not carry is
/// published as 未通过, and a clerk is told when its decision reads otherwise.
fn check_agenda_votes(
    v: &crate::content::consultation::Votes,
    present: Option<u32>,
    at: &str,
    c: &mut Checks,
) {
    let sum = v.votes_for.0 + v.against.0 + v.abstain.0;
    match present {
        Some(n) if sum > n => c.error(
            at,
            format!("票数合计{sum}票，超过到会人数{n}人"),
            "核对表决票数和 attendees 里的到会人数",
        ),
        None if sum > 0 => c.warn(
            at,
            "写了表决票数，但没有写到会人数，无法核对票数；是否通过只能按投票人数计算",
            "在 attendees 里写上到会人数，例如 attendees: {count: 28}",
        ),
        _ => {}
    }
}

pub(crate) fn check_admission(d: &Admission, c: &mut Checks) {
    if d.items.is_empty() {
        c.error(
            "items",
            "准入清单没有事项 items",
            "写 items: 列表，每项至少有 name 和 type",
        );
    }
    let mut numbers: HashMap<u32, usize> = HashMap::new();
    for (i, item) in d.items.iter().enumerate() {
        let at = format!("items[{i}]");
        if blank(&item.name) {
            c.error(&at, "事项缺少名称 name", "写上事项名称");
        }
        if item.kind.is_none() {
            c.error(
                &at,
                "事项缺少类型 type",
                "type 写 statutory（依法履行职责事项）、undertaken（承办事项）、assisted（依法协助政府工作事项）、certificate（保留的证明事项）或 excluded（不应承担或不得进入社区的事项）",
            );
        }
        if let Some(no) = item.no
            && let Some(first) = numbers.insert(no.0, i)
        {
            c.error(
                &format!("{at}.no"),
                format!("序号{}与第{}项重复", no.0, first + 1),
                "每个事项的序号 no 要不同",
            );
        }
    }
}

/// `replaces` must name another convention of the site.
pub(crate) fn check_replaces(library: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in library.of_kind(Kind::Conventions) {
        let KindData::Convention(d) = &r.data else {
            continue;
        };
        let Some(target) = &d.replaces else { continue };
        let target = target.as_str().trim();
        let at = FieldPath::parse("replaces");
        if target == r.slug {
            out.push(
                r.source
                    .error(&at, "公约不能取代它自己")
                    .help("replaces 写被取代的旧版本的网址名（slug）"),
            );
            continue;
        }
        match library.find(Kind::Conventions, target) {
            None => {
                let known: Vec<&str> = library
                    .of_kind(Kind::Conventions)
                    .map(|x| x.slug.as_str())
                    .filter(|s| *s != r.slug)
                    .collect();
                let help = if known.is_empty() {
                    "content/conventions/ 里没有别的公约；先把旧版本加进来".to_string()
                } else {
                    format!(
                        "replaces 要写旧版本公约的网址名（slug），现有：{}",
                        known.join("、")
                    )
                };
                out.push(
                    r.source
                        .error(&at, format!("找不到被取代的公约“{target}”"))
                        .help(help),
                );
            }
            Some(old) => {
                if let KindData::Convention(o) = &old.data
                    && o.status == Some(ConventionStatus::InForce)
                    && d.status == Some(ConventionStatus::InForce)
                {
                    out.push(
                        old.source
                            .warning(
                                &FieldPath::parse("status"),
                                format!("这一版已被“{}”取代，状态却仍是 in-force", r.common.title),
                            )
                            .help("把旧版本改为 status: repealed"),
                    );
                }
            }
        }
    }
    out
}
