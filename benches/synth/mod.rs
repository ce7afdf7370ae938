//! A deterministic generator of synthetic sites for benchmarks: N records of
//! mixed kinds, each about 2 KB of Chinese Markdown with headings, a list, a
//! table and a link, two tags; disclosures carry ten-entry ledgers that
//! balance.
//!
//! The records are generated once ([`records`]) and written out as a gongkai
//! site, a Hugo site or a Zola site, so every tool renders the same titles,
//! dates, summaries, tags and Markdown bodies. Only gongkai gets the kinds' own
//! YAML fields (ledgers, chapters, agenda, admission items): the others have
//! nothing that reads them.
//!
//! The same `n` and `seed` always give byte-identical files.

use std::fmt::Write as _;
use std::path::Path;

/// A tiny linear congruential generator: deterministic and dependency-free.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const PHRASES: &[&str] = &[
    "经村民代表会议讨论通过",
    "村务监督委员会全程参与监督",
    "资金使用严格执行村级财务管理制度",
    "工程由具备资质的施工单位承建",
    "群众对公开内容有异议的可在公示期内反映",
    "各村民小组组长负责通知到户",
    "所需资金由上级补助和村集体收入共同承担",
    "完工后组织村民代表进行验收",
    "本事项按照“四议两公开”程序办理",
    "相关票据和合同可在村委会查阅",
    "冬季供暖期间注意用火用电安全",
    "垃圾分类收集点每日清运一次",
];

const ITEMS: &[&str] = &[
    "道路维修",
    "路灯电费",
    "垃圾清运",
    "办公用品",
    "上级补助资金",
    "机动地发包收入",
    "防汛物资",
    "绿化补植",
];
const GROUPS: &[&str] = &["一组", "二组", "三组", "四组", "五组", "六组"];

fn paragraph(rng: &mut Lcg, sentences: usize) -> String {
    let mut p = String::new();
    for i in 0..sentences {
        p.push_str(rng.pick(PHRASES));
        p.push_str(if i + 1 == sentences { "。" } else { "，" });
    }
    p
}

/// About 2 KB of Markdown: two headings, paragraphs with soft breaks, a list,
/// a table and a link to another record.
fn body(rng: &mut Lcg, link: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## 基本情况\n\n{}\n{}\n",
        paragraph(rng, 4),
        paragraph(rng, 3)
    );
    let _ = writeln!(
        s,
        "- {}\n- {}\n- {}\n",
        paragraph(rng, 2),
        paragraph(rng, 2),
        paragraph(rng, 1)
    );
    let _ = writeln!(
        s,
        "## 明细\n\n| 村民小组 | 户数 | 金额（元） |\n|---|---:|---:|"
    );
    for g in GROUPS {
        let _ = writeln!(
            s,
            "| {g} | {} | {}.00 |",
            20 + rng.below(80),
            100 + rng.below(9000)
        );
    }
    let _ = writeln!(s, "\n{}详见[相关公开]({link})。\n", paragraph(rng, 3));
    let _ = writeln!(s, "{}\n", paragraph(rng, 4));
    s
}

fn date(i: usize) -> String {
    let day = i % 28 + 1;
    let month = i / 28 % 12 + 1;
    let year = 2016 + (i / (28 * 12)) % 10;
    format!("{year}-{month:02}-{day:02}")
}

/// The record kinds, in the order gongkai's navigation lists them, with the
/// names its default theme gives them on a residents' committee's board.
pub const KINDS: [(&str, &str); 4] = [
    ("disclosures", "居务公开"),
    ("conventions", "居民公约"),
    ("consultations", "协商议事"),
    ("admissions", "工作准入清单"),
];

const TAGS: &[&str] = &[
    "财务",
    "民生",
    "基础设施",
    "环境整治",
    "社会保障",
    "集体经济",
    "安全生产",
    "议事协商",
];

const SITE_TITLE: &str = "基准测试社区居务公开栏";
const BASE_URL: &str = "https://bench.example.org/";
const COMMUNITY: &str = "基准测试社区居民委员会";
const HOTLINE: &str = "0431-1234567";
/// The benchmark's `--today`, as gongkai's footer shows it.
const TODAY: &str = "2026年11月25日";
/// Where a record on the board hangs: the benchmark's `--today` falls inside.
const POSTING: (&str, &str) = ("2020-01-01", "2030-12-31");
/// gongkai's stylesheet, so the other tools' pages link to the same file.
const STYLE_CSS: &str = include_str!("../../themes/default/static/style.css");

/// One synthetic record, before it is written out for a tool.
pub struct Record {
    pub kind: &'static str,
    /// `r-<i>`: the page is `<kind>/r-<i>/` with every tool.
    pub slug: String,
    pub date: String,
    pub title: String,
    pub summary: Option<&'static str>,
    pub tags: [&'static str; 2],
    /// On the board (公示栏) on the benchmark's `--today`: one record in a hundred.
    pub on_board: bool,
    /// The kind's own front-matter lines (ledger, chapters, …): gongkai's alone.
    pub kind_fields: String,
    pub body: String,
}

fn disclosure(rng: &mut Lcg, d: &str) -> (String, String) {
    let opening = 10_000 + rng.below(90_000);
    let mut total: i64 = opening as i64 * 100;
    let mut entries = String::new();
    for e in 0..10 {
        let cents = (100 + rng.below(500_000)) as i64;
        let (field, sign) = if e % 3 == 0 {
            ("income", 1)
        } else {
            ("expense", -1)
        };
        total += sign * cents;
        let _ = writeln!(
            entries,
            "    - {{date: {d}, item: {}, voucher: 记-{}, {field}: \"{}.{:02}\"}}",
            rng.pick(ITEMS),
            e + 1,
            cents / 100,
            cents % 100
        );
    }
    let closing = format!(
        "{}{}.{:02}",
        if total < 0 { "-" } else { "" },
        total.abs() / 100,
        total.abs() % 100
    );
    let fields = format!(
        "category: finance\nreviewed_by: 村务监督委员会\nledger:\n  opening: \"{opening}.00\"\n  entries:\n{entries}  closing: \"{closing}\"\n"
    );
    (fields, body(rng, "../r-1/"))
}

fn convention(rng: &mut Lcg, d: &str) -> (String, String) {
    let mut chapters = String::new();
    for c in 0..3 {
        let _ = writeln!(chapters, "  - title: 第{}部分\n    articles:", c + 1);
        for _ in 0..4 {
            let _ = writeln!(chapters, "      - {}", paragraph(rng, 2));
        }
    }
    let fields = format!(
        "status: in-force\nadopted: {{date: {d}, meeting: 居民会议, present: 80, for: 70, against: 4, abstain: 6}}\nchapters:\n{chapters}"
    );
    (fields, body(rng, "../r-2/"))
}

fn consultation(rng: &mut Lcg, d: &str) -> (String, String) {
    let topic = rng.pick(ITEMS);
    let decision = paragraph(rng, 2);
    let task = rng.pick(ITEMS);
    let fields = format!(
        "meeting: {{date: {d}, place: 会议室, host: 王建国, recorder: 赵德顺, form: 会议协商}}\nattendees: {{count: 30, groups: [{{role: 居民代表, count: 25}}, {{role: 两委成员, count: 5}}]}}\nagenda:\n  - topic: {topic}\n    decision: {decision}\n    votes: {{for: 25, against: 3, abstain: 2}}\nfollow_up:\n  - {{task: {task}, owner: 张立军, due: {d}, status: in-progress}}\n"
    );
    (fields, body(rng, "../r-3/"))
}

fn admission(rng: &mut Lcg) -> (String, String) {
    let types = [
        "statutory",
        "undertaken",
        "assisted",
        "certificate",
        "excluded",
    ];
    let mut items = String::new();
    for n in 0..10 {
        let _ = writeln!(
            items,
            "  - {{no: {}, name: {}, type: {}, department: 民政局, funding: {}}}",
            n + 1,
            rng.pick(ITEMS),
            types[n % 5],
            n % 2 == 0
        );
    }
    (format!("items:\n{items}"), body(rng, "../r-4/"))
}

/// The `n` records of a site, a quarter of each kind.
pub fn records(n: usize, seed: u64) -> Vec<Record> {
    let mut rng = Lcg::new(seed);
    (0..n)
        .map(|i| {
            let d = date(i);
            let (kind, _) = KINDS[i % 4];
            let (title, summary, (kind_fields, body)) = match kind {
                "disclosures" => (
                    format!("第{i}号财务收支公开"),
                    Some("本期村集体资金收支情况。"),
                    disclosure(&mut rng, &d),
                ),
                "conventions" => (format!("第{i}号居民公约"), None, convention(&mut rng, &d)),
                "consultations" => (
                    format!("第{i}号议事协商记录"),
                    None,
                    consultation(&mut rng, &d),
                ),
                _ => (format!("第{i}号工作准入清单"), None, admission(&mut rng)),
            };
            // Two different tags, chosen by position so the text stream is untouched.
            let tags = [TAGS[i % 8], TAGS[(i % 8 + 1 + i / 8 % 7) % 8]];
            Record {
                kind,
                slug: format!("r-{i}"),
                date: d,
                title,
                summary,
                tags,
                on_board: i % 100 == 0,
                kind_fields,
                body,
            }
        })
        .collect()
}

/// The front matter every tool that reads YAML gets, word for word: title,
/// date, summary, tags and the posting period.
fn common_yaml(r: &Record) -> String {
    let mut s = format!("title: {}\ndate: {}\n", r.title, r.date);
    if let Some(summary) = r.summary {
        let _ = writeln!(s, "summary: {summary}");
    }
    let _ = writeln!(s, "tags: [{}, {}]", r.tags[0], r.tags[1]);
    if r.on_board {
        let _ = writeln!(s, "posting: {{from: {}, until: {}}}", POSTING.0, POSTING.1);
    }
    s
}

fn write_records(
    root: &Path,
    records: &[Record],
    file_name: impl Fn(&Record) -> String,
    text: impl Fn(&Record) -> String,
) -> std::io::Result<()> {
    for (kind, _) in KINDS {
        std::fs::create_dir_all(root.join("content").join(kind))?;
    }
    for r in records {
        std::fs::write(
            root.join("content").join(r.kind).join(file_name(r)),
            text(r),
        )?;
    }
    Ok(())
}

/// Writes `records` as a gongkai site under `root`.
pub fn write_gongkai_site(root: &Path, records: &[Record]) -> std::io::Result<()> {
    std::fs::create_dir_all(root)?;
    std::fs::write(
        root.join("site.yaml"),
        format!(
            "title: {SITE_TITLE}\nbase_url: {BASE_URL}\ncommunity:\n  name: {COMMUNITY}\n  kind: community\n  hotline: \"{HOTLINE}\"\n"
        ),
    )?;
    write_records(
        root,
        records,
        |r| format!("{}-{}.md", r.date, r.slug),
        |r| format!("---\n{}{}---\n\n{}", common_yaml(r), r.kind_fields, r.body),
    )
}

/// Writes a complete gongkai site of `n` records under `root`.
pub fn generate_site(root: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    write_gongkai_site(root, &records(n, seed))
}

fn write_files(root: &Path, files: &[(&str, &str)]) -> std::io::Result<()> {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a file in a folder"))?;
        std::fs::write(path, text)?;
    }
    Ok(())
}

const HUGO_CONFIG: &str = r##"baseURL = '{BASE_URL}'
title = '{SITE_TITLE}'
locale = 'zh-Hans'
hasCJKLanguage = true
# gongkai has no tag pages: tags are listed on each record's page only.
disableKinds = ['taxonomy', 'term']

# gongkai writes one site-wide feed (Atom, 50 entries, full text), no feed per
# section; the sections' open data stands in for gongkai's data/<kind>.json.
[outputs]
home = ['html', 'rss']
section = ['html', 'json']
page = ['html']

[services.rss]
limit = 50

# Like gongkai: a line break between Chinese characters is no space.
[markup.goldmark.extensions.cjk]
enable = true
eastAsianLineBreaks = true

[params]
community = '{COMMUNITY}'
hotline = '{HOTLINE}'
today = '{TODAY}'
"##;

/// The page furniture of gongkai's default theme (masthead, section nav,
/// footer), as compact as gongkai's minified templates.
const HUGO_BASEOF: &str = r##"<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title>{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}"><link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | relURL }}" title="{{ .Site.Title }}">{{ if .IsPage }}<link rel="canonical" href="{{ .Permalink }}">{{ end }}</head><body><a class="skip" href="#main">跳到正文</a><header class="masthead"><div class="wrap"><p class="board-name">居务公开栏</p><p class="site-title"><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></p><p class="site-issuer">{{ .Site.Params.community }}</p></div></header><nav class="sitenav" aria-label="栏目导航"><ul class="wrap">{{ partialCached "nav.html" . }}</ul></nav><main class="wrap" id="main">{{ block "main" . }}{{ end }}</main><footer class="sitefoot"><div class="wrap"><p class="foot-name">{{ .Site.Params.community }}</p><dl class="foot-facts"><div><dt>监督电话</dt><dd><a href="tel:{{ .Site.Params.hotline }}">{{ .Site.Params.hotline }}</a></dd></div></dl><p class="foot-links"><a href="{{ "index.xml" | relURL }}">订阅更新</a> · <a href="{{ "disclosures/index.json" | relURL }}">开放数据</a> · <a href="{{ "sitemap.xml" | relURL }}">网站地图</a></p><p class="foot-date">本站内容更新于 {{ .Site.Params.today }}</p></div></footer></body></html>"##;

/// The same on every page, so rendered once: ranging over the sections on
/// each of 10,000 pages took Hugo eight seconds more.
const HUGO_NAV: &str = r##"<li><a href="{{ "" | relURL }}">首页</a></li>{{ range site.Home.Sections.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}"##;

const HUGO_SINGLE: &str = r##"{{ define "title" }}{{ .Title }} - {{ .Site.Title }}{{ end }}{{ define "main" }}<article class="record record-{{ .Section }}"><nav class="crumbs" aria-label="您的位置"><a href="{{ "" | relURL }}">首页</a> › <a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></nav><header class="record-head"><h1>{{ .Title }}</h1>{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}<dl class="facts"><div><dt>发布单位</dt><dd>{{ .Site.Params.community }}</dd></div><div><dt>发布日期</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time></dd></div>{{ with .Params.posting }}<div><dt>公示期</dt><dd>{{ time.Format "2006年1月2日" .from }}至{{ time.Format "2006年1月2日" .until }}</dd></div>{{ end }}</dl></header><div class="body">{{ .Content }}</div>{{ with .Params.tags }}<p class="tags"><span class="visually-hidden">标签：</span>{{ range . }}<span class="tag">{{ . }}</span>{{ end }}</p>{{ end }}</article>{{ end }}"##;

const HUGO_ITEM: &str = r##"<li class="item"><a class="item-title" href="{{ .RelPermalink }}">{{ .Title }}</a><p class="item-meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time></p>{{ with .Params.summary }}<p class="item-summary">{{ . }}</p>{{ end }}</li>"##;

const HUGO_LIST: &str = r##"{{ define "title" }}{{ .Title }} - {{ .Site.Title }}{{ end }}{{ define "main" }}<nav class="crumbs" aria-label="您的位置"><a href="{{ "" | relURL }}">首页</a> › <span aria-current="page">{{ .Title }}</span></nav><h1>{{ .Title }}</h1><p class="lead">共 {{ len .Pages }} 条。</p>{{ range .Pages.GroupByDate "2006" }}<section class="year"><h2>{{ .Key }}年</h2><ul class="items">{{ range .Pages }}{{ partial "item.html" . }}{{ end }}</ul></section>{{ end }}{{ end }}"##;

const HUGO_INDEX: &str = r##"{{ define "main" }}<section class="board"><h1>公示栏<span class="board-date">{{ .Site.Params.today }}</span></h1><ul class="items items-board">{{ range where .Site.RegularPages "Params.posting" "!=" nil }}{{ partial "item.html" . }}{{ end }}</ul></section>{{ range .Sections.ByWeight }}<section class="latest"><h2>{{ .Title }}</h2><ul class="items">{{ range first 5 .Pages }}{{ partial "item.html" . }}{{ end }}</ul><p class="more"><a href="{{ .RelPermalink }}">更多{{ .Title }}（共 {{ len .Pages }} 条）</a></p></section>{{ end }}{{ end }}"##;

const HUGO_404: &str = r##"{{ define "main" }}<h1>找不到这个页面</h1><p><a href="{{ "" | relURL }}">回到首页</a></p>{{ end }}"##;

/// Full text, newest first, as many entries as `services.rss.limit` allows.
const HUGO_RSS: &str = r##"{{ printf "<?xml version=\"1.0\" encoding=\"utf-8\"?>" | safeHTML }}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{{ .Site.Title }}</title><link>{{ .Permalink }}</link><language>zh-Hans</language>{{ $pages := .Site.RegularPages.ByDate.Reverse }}{{ $limit := .Site.Config.Services.RSS.Limit }}{{ if ge $limit 1 }}{{ $pages = first $limit $pages }}{{ end }}{{ range $pages }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><guid>{{ .Permalink }}</guid><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" }}</pubDate>{{ with .Params.summary }}<description>{{ . }}</description>{{ end }}<content:encoded>{{ .Content | transform.XMLEscape | safeHTML }}</content:encoded></item>{{ end }}</channel></rss>"##;

/// A section's records as open data: front matter and Markdown body.
const HUGO_JSON: &str = r##"{"kind":{{ .Section | jsonify }},"count":{{ len .Pages }},"records":[{{ range $i, $p := .Pages }}{{ if $i }},{{ end }}{{ dict "slug" $p.File.ContentBaseName "url" $p.Permalink "title" $p.Title "date" ($p.Date.Format "2006-01-02") "summary" $p.Params.summary "tags" $p.Params.tags "body" $p.RawContent | jsonify }}{{ end }}]}"##;

fn fill(template: &str) -> String {
    template
        .replace("{BASE_URL}", BASE_URL)
        .replace("{SITE_TITLE}", SITE_TITLE)
        .replace("{COMMUNITY}", COMMUNITY)
        .replace("{HOTLINE}", HOTLINE)
        .replace("{TODAY}", TODAY)
}

/// Writes `records` as a Hugo site under `root`: the same front matter less
/// the kinds' own fields, the same bodies, and templates with gongkai's page
/// furniture.
pub fn write_hugo_site(root: &Path, records: &[Record]) -> std::io::Result<()> {
    write_files(
        root,
        &[
            ("hugo.toml", &fill(HUGO_CONFIG)),
            ("layouts/_default/baseof.html", HUGO_BASEOF),
            ("layouts/_default/single.html", HUGO_SINGLE),
            ("layouts/_default/list.html", HUGO_LIST),
            ("layouts/_default/list.json", HUGO_JSON),
            ("layouts/_default/rss.xml", HUGO_RSS),
            ("layouts/index.html", HUGO_INDEX),
            ("layouts/404.html", HUGO_404),
            ("layouts/partials/item.html", HUGO_ITEM),
            ("layouts/partials/nav.html", HUGO_NAV),
            ("static/assets/style.css", STYLE_CSS),
        ],
    )?;
    for (weight, (kind, title)) in KINDS.iter().enumerate() {
        write_files(
            root,
            &[(
                &format!("content/{kind}/_index.md"),
                &format!("---\ntitle: {title}\nweight: {}\n---\n", weight + 1),
            )],
        )?;
    }
    write_records(
        root,
        records,
        |r| format!("{}.md", r.slug),
        |r| format!("---\n{}---\n\n{}", common_yaml(r), r.body),
    )
}

const ZOLA_CONFIG: &str = r##"base_url = "https://bench.example.org"
title = "{SITE_TITLE}"
default_language = "zh"
# Zola 0.19 and later; gongkai's feed carries 50 entries, full text.
generate_feeds = true
feed_filenames = ["atom.xml"]
feed_limit = 50

[extra]
community = "{COMMUNITY}"
hotline = "{HOTLINE}"
today = "{TODAY}"
kinds = [
  { dir = "disclosures", title = "居务公开" },
  { dir = "conventions", title = "居民公约" },
  { dir = "consultations", title = "协商议事" },
  { dir = "admissions", title = "工作准入清单" },
]
"##;

const ZOLA_BASE: &str = r##"<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{% block title %}{{ config.title }}{% endblock title %}</title>{% block head %}{% endblock head %}<link rel="stylesheet" href="{{ get_url(path='assets/style.css') }}"><link rel="alternate" type="application/atom+xml" href="{{ get_url(path='atom.xml') }}" title="{{ config.title }}"></head><body><a class="skip" href="#main">跳到正文</a><header class="masthead"><div class="wrap"><p class="board-name">居务公开栏</p><p class="site-title"><a href="{{ config.base_url }}/">{{ config.title }}</a></p><p class="site-issuer">{{ config.extra.community }}</p></div></header><nav class="sitenav" aria-label="栏目导航"><ul class="wrap"><li><a href="{{ config.base_url }}/">首页</a></li>{% for k in config.extra.kinds %}<li><a href="{{ get_url(path=k.dir) }}/">{{ k.title }}</a></li>{% endfor %}</ul></nav><main class="wrap" id="main">{% block main %}{% endblock main %}</main><footer class="sitefoot"><div class="wrap"><p class="foot-name">{{ config.extra.community }}</p><dl class="foot-facts"><div><dt>监督电话</dt><dd><a href="tel:{{ config.extra.hotline }}">{{ config.extra.hotline }}</a></dd></div></dl><p class="foot-links"><a href="{{ get_url(path='atom.xml') }}">订阅更新</a> · <a href="{{ get_url(path='sitemap.xml') }}">网站地图</a></p><p class="foot-date">本站内容更新于 {{ config.extra.today }}</p></div></footer></body></html>"##;

const ZOLA_ITEM: &str = r##"<li class="item"><a class="item-title" href="{{ p.permalink }}">{{ p.title }}</a><p class="item-meta"><time datetime="{{ p.date }}">{{ p.date | date(format="%Y年%-m月%-d日") }}</time></p>{% if p.description %}<p class="item-summary">{{ p.description }}</p>{% endif %}</li>"##;

const ZOLA_PAGE: &str = r##"{% extends "base.html" %}{% block title %}{{ page.title }} - {{ config.title }}{% endblock title %}{% block head %}{% if page.description %}<meta name="description" content="{{ page.description }}">{% endif %}<link rel="canonical" href="{{ page.permalink }}">{% endblock head %}{% block main %}{% set kind = page.components | first %}<article class="record record-{{ kind }}"><nav class="crumbs" aria-label="您的位置"><a href="{{ config.base_url }}/">首页</a> › {% for k in config.extra.kinds %}{% if k.dir == kind %}<a href="{{ get_url(path=k.dir) }}/">{{ k.title }}</a>{% endif %}{% endfor %}</nav><header class="record-head"><h1>{{ page.title }}</h1>{% if page.description %}<p class="summary">{{ page.description }}</p>{% endif %}<dl class="facts"><div><dt>发布单位</dt><dd>{{ config.extra.community }}</dd></div><div><dt>发布日期</dt><dd><time datetime="{{ page.date }}">{{ page.date | date(format="%Y年%-m月%-d日") }}</time></dd></div>{% if page.extra.posting %}<div><dt>公示期</dt><dd>{{ page.extra.posting.from | date(format="%Y年%-m月%-d日") }}至{{ page.extra.posting.until | date(format="%Y年%-m月%-d日") }}</dd></div>{% endif %}</dl></header><div class="body">{{ page.content | safe }}</div>{% if page.extra.tags %}<p class="tags"><span class="visually-hidden">标签：</span>{% for tag in page.extra.tags %}<span class="tag">{{ tag }}</span>{% endfor %}</p>{% endif %}</article>{% endblock main %}"##;

const ZOLA_SECTION: &str = r##"{% extends "base.html" %}{% block title %}{{ section.title }} - {{ config.title }}{% endblock title %}{% block main %}<nav class="crumbs" aria-label="您的位置"><a href="{{ config.base_url }}/">首页</a> › <span aria-current="page">{{ section.title }}</span></nav><h1>{{ section.title }}</h1><p class="lead">共 {{ section.pages | length }} 条。</p>{% for year, pages in section.pages | group_by(attribute="year") %}<section class="year"><h2>{{ year }}年</h2><ul class="items">{% for p in pages %}{% include "item.html" %}{% endfor %}</ul></section>{% endfor %}{% endblock main %}"##;

const ZOLA_INDEX: &str = r##"{% extends "base.html" %}{% block main %}<section class="board"><h1>公示栏<span class="board-date">{{ config.extra.today }}</span></h1><ul class="items items-board">{% for k in config.extra.kinds %}{% set s = get_section(path=k.dir ~ "/_index.md") %}{% for p in s.pages %}{% if p.extra.posting %}{% include "item.html" %}{% endif %}{% endfor %}{% endfor %}</ul></section>{% for k in config.extra.kinds %}{% set s = get_section(path=k.dir ~ "/_index.md") %}<section class="latest"><h2>{{ k.title }}</h2><ul class="items">{% for p in s.pages | slice(end=5) %}{% include "item.html" %}{% endfor %}</ul><p class="more"><a href="{{ s.permalink }}">更多{{ k.title }}（共 {{ s.pages | length }} 条）</a></p></section>{% endfor %}{% endblock main %}"##;

const ZOLA_404: &str = r##"{% extends "base.html" %}{% block main %}<h1>找不到这个页面</h1><p><a href="{{ config.base_url }}/">回到首页</a></p>{% endblock main %}"##;

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes `records` as a Zola site under `root`. Zola reads TOML front matter
/// and refuses keys it does not know, so tags and the posting go under
/// `[extra]` and the summary becomes `description`.
pub fn write_zola_site(root: &Path, records: &[Record]) -> std::io::Result<()> {
    write_files(
        root,
        &[
            ("config.toml", &fill(ZOLA_CONFIG)),
            ("templates/base.html", ZOLA_BASE),
            ("templates/page.html", ZOLA_PAGE),
            ("templates/section.html", ZOLA_SECTION),
            ("templates/index.html", ZOLA_INDEX),
            ("templates/item.html", ZOLA_ITEM),
            ("templates/404.html", ZOLA_404),
            ("static/assets/style.css", STYLE_CSS),
        ],
    )?;
    for (weight, (kind, title)) in KINDS.iter().enumerate() {
        write_files(
            root,
            &[(
                &format!("content/{kind}/_index.md"),
                &format!(
                    "+++\ntitle = {}\nsort_by = \"date\"\nweight = {}\n+++\n",
                    toml_string(title),
                    weight + 1
                ),
            )],
        )?;
    }
    write_records(
        root,
        records,
        |r| format!("{}.md", r.slug),
        |r| {
            let mut s = format!(
                "+++\ntitle = {}\ndate = {}\n",
                toml_string(&r.title),
                r.date
            );
            if let Some(summary) = r.summary {
                let _ = writeln!(s, "description = {}", toml_string(summary));
            }
            let _ = writeln!(
                s,
                "[extra]\ntags = [{}, {}]",
                toml_string(r.tags[0]),
                toml_string(r.tags[1])
            );
            if r.on_board {
                let _ = writeln!(
                    s,
                    "posting = {{ from = \"{}\", until = \"{}\" }}",
                    POSTING.0, POSTING.1
                );
            }
            format!("{s}+++\n\n{}", r.body)
        },
    )
}

/// `target/bench-sites/<name>`, where generated sites are kept between runs.
pub fn site_dir(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-sites")
        .join(name)
}

/// Changes whenever the generator writes different files, so that sites kept
/// from an older generator are made again.
const GENERATOR: &str = "3: shared records, tags, cached Hugo nav";

/// Generates the site in `dir` with `make` unless a complete one from this
/// generator is there. Returns whether it (re)made the site.
pub fn ensure<F: FnOnce(&Path) -> std::io::Result<()>>(dir: &Path, make: F) -> bool {
    let marker = dir.join(".complete");
    if std::fs::read_to_string(&marker).is_ok_and(|v| v == GENERATOR) {
        return false;
    }
    let _ = std::fs::remove_dir_all(dir);
    make(dir).expect("generate the synthetic site");
    std::fs::write(marker, GENERATOR).expect("mark the site complete");
    true
}

/// A number from the environment variable `name`, else `default`.
pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The `n`-record synthetic gongkai site (made once), built by the release
/// `gongkai` at `gongkai` into the bench folder `out_name`; returns the output.
pub fn built_site(gongkai: &str, n: usize, out_name: &str) -> std::path::PathBuf {
    let site = site_dir(&format!("gongkai-{n}"));
    ensure(&site, |dir| generate_site(dir, n, 2026));
    let out = site_dir(out_name);
    let status = std::process::Command::new(gongkai)
        .args(["build", "--today", "2026-11-25", "--root"])
        .arg(&site)
        .arg("--out")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run gongkai build");
    assert!(status.success(), "the synthetic site builds");
    out
}
