//! Rules on the fields every record may have.

use std::path::Path;

use crate::content::slug::{archive_clash, is_valid_slug, is_year_slug, slugify};
use crate::content::{Kind, Record};
use crate::diagnostic::quote;
use crate::privacy::{PHONE_HELP, looks_like_phone, phone_problem};
use crate::types::Text;
use crate::validate::Checks;
use crate::validate::attachments;

pub(crate) fn check_common(record: &Record, root: &Path, c: &mut Checks) {
    check_title_and_date(record, c);
    check_page_fields(record, c);
    check_contact_numbers(record, c);
    check_slug(record, c);
    check_posting(record, c);
    check_feedback(record, c);
    check_amendments(record, c);
    check_attachments(record, root, c);
}

fn blank(t: &Option<Text>) -> bool {
    t.as_ref().is_none_or(|t| t.as_str().trim().is_empty())
}

fn check_title_and_date(record: &Record, c: &mut Checks) {
    let m = &record.common;
    if !m.has_title {
        c.error("title", "缺少标题 title", "在资料区加一行 title: 标题");
    } else if m.title.is_empty() {
        c.error("title", "标题 title 是空的", "写上这条记录的标题");
    }
    if m.date.is_none() && record.kind != Kind::Pages {
        c.error(
            "date",
            "缺少发布日期 date",
            "在资料区加一行 date: 2026-11-06（发布日期）",
        );
    }
}

/// A free page (about, contacts) is not a notice: the fields that make a
/// record a notice would show nowhere, so they are refused, not dropped.
fn check_page_fields(record: &Record, c: &mut Checks) {
    if record.kind != Kind::Pages {
        return;
    }
    let m = &record.common;
    let present = [
        ("posting", m.posting.is_some()),
        ("issuer", m.issuer.is_some()),
        ("reviewed_by", m.reviewed_by.is_some()),
        ("feedback", m.feedback.is_some()),
        ("print", m.print.is_some()),
    ];
    for (field, _) in present.iter().filter(|(_, here)| *here) {
        c.error(
            field,
            format!("普通页面不用 {field} 字段，它不会显示在页面上"),
            "删掉这一行；要公示、征求意见或打印张贴的内容，请写成 content/disclosures/ 里的公开记录",
        );
    }
}

/// The published phone numbers and address of a record are what they say.
fn check_contact_numbers(record: &Record, c: &mut Checks) {
    let m = &record.common;
    let phones = [
        (
            "contact.phone",
            m.contact.as_ref().and_then(|x| x.phone.as_ref()),
        ),
        (
            "feedback.phone",
            m.feedback.as_ref().and_then(|x| x.phone.as_ref()),
        ),
    ];
    for (field, phone) in phones {
        if let Some(p) = phone.filter(|p| !looks_like_phone(p.as_str())) {
            c.error(field, phone_problem(p.as_str()), PHONE_HELP);
        }
    }
    if let Some(email) = m.feedback.as_ref().and_then(|f| f.email.as_ref())
        && !looks_like_email(email.as_str())
    {
        c.error(
            "feedback.email",
            format!("“{}”不是电子邮箱地址", quote(email.as_str())),
            "写成 name@example.org 这样；没有邮箱就删掉这一行",
        );
    }
}

fn looks_like_email(text: &str) -> bool {
    let t = text.trim();
    let ok = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && !"<>\"'@,;:()[]\\".contains(c))
    };
    match t.split_once('@') {
        Some((user, host)) => ok(user) && ok(host) && host.contains('.') && !host.starts_with('.'),
        None => false,
    }
}

fn check_posting(record: &Record, c: &mut Checks) {
    if let Some(p) = &record.common.posting
        && p.until < p.from
    {
        c.error(
            "posting.until",
            format!("公示期结束日期 {} 早于开始日期 {}", p.until, p.from),
            "把 until 改为 from 当天或之后",
        );
    }
}

fn check_feedback(record: &Record, c: &mut Checks) {
    let m = &record.common;
    let Some(f) = &m.feedback else { return };
    match f.deadline {
        None => c.error(
            "feedback",
            "征求意见缺少截止日期 deadline",
            "加一行 deadline: 2026-11-30",
        ),
        Some(d) if m.date.is_some_and(|date| d < date) => c.error(
            "feedback.deadline",
            format!("反馈截止日期 {d} 早于发布日期"),
            "截止日期要在发布日期之后，给居民留出反馈时间",
        ),
        Some(_) => {}
    }
    if blank(&f.address) && blank(&f.email) && blank(&f.phone) {
        c.error(
            "feedback",
            "征求意见没有写居民怎样反馈意见",
            "至少写一项：address（送达地点）、email（电子邮箱）或 phone（电话）",
        );
    }
}

fn check_amendments(record: &Record, c: &mut Checks) {
    let m = &record.common;
    for (i, a) in m.amendments.iter().enumerate() {
        let at = format!("amendments[{i}]");
        match a.date {
            None => c.error(
                &at,
                "更正记录缺少日期 date",
                "写上更正的日期，例如 date: 2026-11-10",
            ),
            Some(d) if m.date.is_some_and(|date| d < date) => c.error(
                &format!("{at}.date"),
                format!("更正日期 {d} 早于发布日期"),
                "更正只能发生在发布之后；核对日期",
            ),
            Some(_) => {}
        }
        if blank(&a.note) {
            c.error(&at, "更正记录缺少说明 note", "写明改了什么、为什么改");
        }
    }
}

fn check_attachments(record: &Record, root: &Path, c: &mut Checks) {
    for (i, a) in record.common.attachments.iter().enumerate() {
        let at = format!("attachments[{i}]");
        match &a.file {
            None => c.error(&at, "附件缺少文件名 file", "例如 file: files/预算表.pdf"),
            Some(f) => {
                if let Err((msg, help)) = attachments::resolve(root, record, f.as_str()) {
                    c.error(&format!("{at}.file"), msg, help);
                }
            }
        }
    }
}

fn check_slug(record: &Record, c: &mut Checks) {
    match &record.common.slug {
        Some(s) if !is_valid_slug(s.as_str().trim()) => {
            let suggestion = slugify(s.as_str());
            let help = if suggestion.is_empty() {
                "网址名只能用小写字母、数字和连字符 -，并以字母或数字开头，例如 slug: road-repair"
                    .to_string()
            } else {
                format!(
                    "网址名只能用小写字母、数字和连字符 -，并以字母或数字开头，例如 slug: {suggestion}"
                )
            };
            c.error(
                "slug",
                format!("网址名（slug）“{}”不合规", s.as_str()),
                help,
            );
        }
        None if !is_valid_slug(&record.slug) => c.error(
            "",
            "无法从文件名得出网址名（slug）",
            "在资料区写一行 slug: 网址名，例如 slug: road-repair",
        ),
        _ => check_archive_clash(record, c),
    }
}

/// Year pages, further pages and category lists sit beside the records of a
/// kind (`disclosures/2026/`, `disclosures/page/2/`, `disclosures/finance/`):
/// a record may not take their names.
fn check_archive_clash(record: &Record, c: &mut Checks) {
    if record.kind == Kind::Pages {
        return;
    }
    let Some(what) = archive_clash(record.kind, &record.slug) else {
        return;
    };
    let slug = &record.slug;
    let suggestion = match record.common.date {
        Some(d) if is_year_slug(slug) => format!("{slug}-{:02}", d.month()),
        Some(d) => format!("{slug}-{}-{:02}", d.year(), d.month()),
        None => format!("{slug}-1"),
    };
    let reserved = if record.kind == Kind::Disclosures {
        "年份（四位数字）、page 和类别名 affairs、finance、party、other"
    } else {
        "年份（四位数字）和 page"
    };
    let (path, how) = if record.common.slug.is_some() {
        (
            "slug",
            format!("把 slug 改成别的名字，例如 slug: {suggestion}"),
        )
    } else {
        (
            "",
            format!("这个网址名来自文件名：在资料区写一行 slug: {suggestion}，或改文件名"),
        )
    };
    c.error(
        path,
        format!("网址名（slug）“{slug}”与网站的{what} 冲突"),
        format!("{reserved} 是列表页用的网址名，记录不能用；{how}"),
    );
}
