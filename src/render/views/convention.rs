//! The view of a convention: articles numbered across chapters, the vote,
//! the filing, and the versions it replaces or is replaced by.

use serde::Serialize;

use crate::content::convention::Convention;
use crate::content::{Kind, Record};
use crate::render::markdown::render_inline;
use crate::render::views::{RefView, ViewContext, text};

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
    let mut article = |t: &crate::types::Text| {
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
