//! The lists a reader pages through: each kind's index, its year pages, the
//! disclosures' category pages, the tag pages and the list of tags; fifty
//! records a page; and the links from a record to its year and its tags.
//! Each test builds a small site of its own in a temporary folder.

mod common;

use common::{Site, links, text_of};

const SITE_YAML: &str = "title: 测试村村务公开栏\nbase_url: https://ceshi.example.org/\ncommunity:\n  name: 测试村民委员会\n  kind: village\n";

/// A site with only `site.yaml`.
fn site() -> Site {
    let site = Site::empty();
    site.write("site.yaml", SITE_YAML);
    std::fs::create_dir_all(site.path().join("content/disclosures")).unwrap();
    site
}

/// Writes a disclosure dated `date` with `tags`, named `slug`.
fn disclosure(site: &Site, date: &str, slug: &str, title: &str, tags: &str) {
    site.write(
        &format!("content/disclosures/{date}-{slug}.md"),
        &format!(
            "---\ntitle: {title}\ndate: {date}\ncategory: affairs\ntags: [{tags}]\n---\n\n正文。\n"
        ),
    );
}

/// `n` disclosures, one a day from 2026-01-01, titled 公告1 … 公告n, tagged 测试.
fn site_with(n: usize) -> Site {
    let site = site();
    let start = jiff::civil::date(2026, 1, 1);
    for i in 1..=n {
        let date = start
            .checked_add(jiff::Span::new().days(i as i64 - 1))
            .unwrap();
        disclosure(
            &site,
            &date.to_string(),
            &format!("r{i}"),
            &format!("公告{i}号"),
            "测试",
        );
    }
    site.build(&[]);
    site
}

/// How many records a list page shows.
fn items(html: &str) -> usize {
    html.matches("class=item-title").count()
}

/// The lists every record of `site_with` is on: kind, year, category, tag.
const LISTS: [&str; 4] = [
    "disclosures/",
    "disclosures/2026/",
    "disclosures/affairs/",
    "tags/测试/",
];

#[test]
fn a_list_without_records_says_so_and_has_no_pager() {
    let site = site_with(0);
    let html = site.read("disclosures/index.html");
    assert!(text_of(&html).contains("暂无记录。"), "{html}");
    assert!(!html.contains("class=\"pager\""), "{html}");
    assert!(!site.exists("disclosures/page"));
    assert!(
        !site.exists("disclosures/2026"),
        "no year page for no records"
    );
    assert!(!site.exists("disclosures/affairs"));
    assert!(text_of(&site.read("tags/index.html")).contains("还没有记录写标签。"));
}

#[test]
fn one_and_fifty_records_fit_one_page_without_a_pager() {
    for n in [1, 50] {
        let site = site_with(n);
        for list in LISTS {
            let html = site.read(&format!("{list}index.html"));
            assert_eq!(items(&html), n, "{list} with {n}");
            assert!(!html.contains("class=\"pager\""), "{list} with {n}");
            assert!(!site.exists(&format!("{list}page")), "{list} with {n}");
        }
    }
}

#[test]
fn fifty_one_records_take_two_pages_linked_both_ways() {
    let site = site_with(51);
    for list in LISTS {
        let first = site.read(&format!("{list}index.html"));
        let second = site.read(&format!("{list}page/2/index.html"));
        assert_eq!((items(&first), items(&second)), (50, 1), "{list}");
        assert!(!site.exists(&format!("{list}page/3")), "{list}");
        // Newest first: the oldest record is the one on page 2.
        assert!(text_of(&second).contains("公告1号"), "{list}");
        assert!(!text_of(&first).contains("公告1号 "), "{list}");
        for html in [&first, &second] {
            assert!(
                html.contains("<nav aria-label=\"分页\" class=pager>"),
                "{list}: {html}"
            );
        }
        let (one, two) = (text_of(&first), text_of(&second));
        assert!(
            one.contains("第1页，共2页") && one.contains("下一页"),
            "{one}"
        );
        assert!(!one.contains("上一页"), "{one}");
        assert!(
            two.contains("上一页 第2页，共2页") && !two.contains("下一页"),
            "{two}"
        );
        assert!(first.contains("aria-current=page>1</a>"), "{list}: {first}");
        assert!(second.contains("aria-current=page>2</a>"), "{list}");
        assert!(second.contains("rel=prev"), "{list}");
        // Page 2 links back to the list's first page, from two folders further down.
        let back = format!(
            "{}{}index.html",
            "../".repeat(list.matches('/').count() + 2),
            list.replace("测试", "%E6%B5%8B%E8%AF%95")
        );
        assert!(
            links(&second).contains(&back),
            "{back}: {:?}",
            links(&second)
        );
        assert!(
            links(&first).contains(
                &back
                    .replacen("../", "", 2)
                    .replace("index.html", "page/2/index.html")
            ),
            "{list}: {:?}",
            links(&first)
        );
    }
    let second = site.read("disclosures/page/2/index.html");
    assert!(
        second.contains("<title>村务公开（第2页） - 测试村村务公开栏</title>"),
        "{second}"
    );
    let crumbs = text_of(second.split("<h1").next().unwrap());
    assert!(crumbs.ends_with("首页 › 村务公开 › 第2页"), "{crumbs}");
}

#[test]
fn a_record_dated_new_years_eve_and_one_on_new_years_day_are_on_different_year_pages() {
    let site = site();
    disclosure(&site, "2025-12-31", "eve", "除夕前的公告", "年终");
    disclosure(&site, "2026-01-01", "day", "元旦的公告", "年终");
    site.build(&[]);
    let y2025 = text_of(&site.read("disclosures/2025/index.html"));
    let y2026 = text_of(&site.read("disclosures/2026/index.html"));
    assert!(y2025.contains("2025年12月 除夕前的公告"), "{y2025}");
    assert!(!y2025.contains("元旦的公告"), "{y2025}");
    assert!(y2026.contains("2026年1月 元旦的公告"), "{y2026}");
    assert!(!y2026.contains("除夕前的公告"), "{y2026}");
    assert!(y2026.contains("2026年村务公开"), "{y2026}");
    assert!(y2026.contains("首页 › 村务公开 › 2026年"), "{y2026}");
    // The kind's index names both years, newest first, with their counts,
    // and each year page names the other.
    let index = site.read("disclosures/index.html");
    assert!(
        text_of(&index).contains("按年份查看 2026年（1条） 2025年（1条）"),
        "{}",
        text_of(&index)
    );
    assert!(links(&index).contains(&"../disclosures/2025/index.html".to_string()));
    let html = site.read("disclosures/2026/index.html");
    assert!(links(&html).contains(&"../../disclosures/2025/index.html".to_string()));
    assert!(html.contains("aria-current=page>2026年</a>"), "{html}");
}

#[test]
fn a_chinese_tag_gets_one_page_listing_its_records_of_every_kind() {
    let site = site();
    disclosure(
        &site,
        "2026-11-12",
        "lights",
        "路灯安装征求意见",
        "一事一议, 路灯",
    );
    site.write(
        "content/consultations/2026-11-08-lights.md",
        "---\ntitle: 路灯议事\ndate: 2026-11-08\ntags: [\" 一事 一议 \", LED路灯]\nmeeting: {date: 2026-11-08}\nagenda:\n  - {topic: 装路灯}\n---\n\n正文。\n",
    );
    disclosure(&site, "2026-11-13", "led", "路灯验收", "led 路灯");
    site.build(&[]);
    // The folder is the tag itself; links percent-encode it.
    let html = site.read("tags/一事一议/index.html");
    let page = text_of(&html);
    assert!(page.contains("标签：一事一议"), "{page}");
    assert!(page.contains("共2条"), "{page}");
    let lights = page.find("路灯安装征求意见").unwrap();
    let meeting = page.find("路灯议事").unwrap();
    assert!(lights < meeting, "newest first across kinds: {page}");
    // Each says its kind (set apart by the style sheet).
    assert!(page.contains("村务公开村务2026年11月12日"), "{page}");
    assert!(page.contains("协商议事2026年11月8日"), "{page}");
    assert!(
        links(&html).contains(&"../../consultations/lights/index.html".to_string()),
        "{:?}",
        links(&html)
    );
    // Tags that differ only by case or spaces are one tag.
    let led = text_of(&site.read("tags/led路灯/index.html"));
    assert!(
        led.contains("路灯议事") && led.contains("路灯验收"),
        "{led}"
    );
    let tags = site.read("tags/index.html");
    let list = text_of(&tags);
    assert!(list.contains("一事一议（2条）"), "{list}");
    assert!(list.contains("路灯（1条）"), "{list}");
    assert!(list.contains("共3个标签"), "{list}");
    assert!(
        links(&tags)
            .contains(&"../tags/%E4%B8%80%E4%BA%8B%E4%B8%80%E8%AE%AE/index.html".to_string()),
        "{:?}",
        links(&tags)
    );
    let sitemap = site.read("sitemap.xml");
    for loc in [
        "https://ceshi.example.org/tags/",
        "https://ceshi.example.org/tags/%E4%B8%80%E4%BA%8B%E4%B8%80%E8%AE%AE/",
        "https://ceshi.example.org/disclosures/2026/",
        "https://ceshi.example.org/disclosures/affairs/",
        "https://ceshi.example.org/consultations/2026/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{loc}</loc>")),
            "{loc}: {sitemap}"
        );
    }
}

#[test]
fn a_record_page_links_its_year_and_its_tags() {
    let site = site();
    disclosure(
        &site,
        "2026-11-12",
        "lights",
        "路灯安装征求意见",
        "一事一议, 5G/宽带",
    );
    site.build(&[]);
    let html = site.read("disclosures/lights/index.html");
    let found = links(&html);
    for link in [
        "../../disclosures/2026/index.html",
        "../../tags/%E4%B8%80%E4%BA%8B%E4%B8%80%E8%AE%AE/index.html",
        "../../tags/5g_2f%E5%AE%BD%E5%B8%A6/index.html",
    ] {
        assert!(found.contains(&link.to_string()), "{link}: {found:?}");
    }
    let page = text_of(&html);
    assert!(page.contains("首页 › 村务公开 › 2026年"), "{page}");
    assert!(page.contains("标签：一事一议5G/宽带"), "{page}");
    assert!(site.exists("tags/5g_2f宽带/index.html"));
    assert!(text_of(&site.read("tags/5g_2f宽带/index.html")).contains("标签：5G/宽带"));
}

#[test]
fn disclosures_are_listed_by_category() {
    let site = site();
    disclosure(&site, "2026-11-12", "roads", "道路硬化", "道路");
    site.write(
        "content/disclosures/2026-11-10-party-q3.md",
        "---\ntitle: 党费收缴公开\ndate: 2026-11-10\ncategory: 党务\n---\n\n正文。\n",
    );
    site.build(&[]);
    let party = text_of(&site.read("disclosures/party/index.html"));
    assert!(party.contains("首页 › 村务公开 › 党务公开"), "{party}");
    assert!(
        party.contains("党费收缴公开") && !party.contains("道路硬化"),
        "{party}"
    );
    assert!(party.contains("按类别查看 村务事项 党务公开"), "{party}");
    let index = text_of(&site.read("disclosures/index.html"));
    assert!(
        index.contains("按类别查看 村务事项（1条） 党务公开（1条）"),
        "{index}"
    );
    assert!(
        !site.exists("disclosures/finance"),
        "no page for a category without records"
    );
}

#[test]
fn the_home_page_shows_what_changed_last_across_kinds() {
    let site = site();
    disclosure(&site, "2026-10-01", "old", "十月的公告", "");
    site.write(
        "content/disclosures/2026-09-01-fixed.md",
        "---\ntitle: 九月的公告\ndate: 2026-09-01\ncategory: other\namendments:\n  - {date: 2026-11-15, note: 更正了金额。}\n---\n\n正文。\n",
    );
    site.write(
        "content/consultations/2026-11-08-meet.md",
        "---\ntitle: 十一月议事\ndate: 2026-11-08\nmeeting: {date: 2026-11-08}\nagenda:\n  - {topic: 议题}\n---\n\n正文。\n",
    );
    site.build(&[]);
    let home = site.read("index.html");
    let recent = text_of(
        home.split("id=recent-h")
            .nth(1)
            .unwrap()
            .split("</section>")
            .next()
            .unwrap(),
    );
    let fixed = recent.find("九月的公告").unwrap();
    let meeting = recent.find("十一月议事").unwrap();
    let old = recent.find("十月的公告").unwrap();
    assert!(fixed < meeting && meeting < old, "{recent}");
    assert!(
        recent.contains("2026年9月1日2026年11月15日更正"),
        "{recent}"
    );
    assert!(recent.contains("协商议事2026年11月8日"), "{recent}");
    assert!(links(&home).contains(&"tags/index.html".to_string()));
}

#[test]
fn a_record_moved_to_another_year_leaves_no_page_behind() {
    let site = site_with(51);
    disclosure(&site, "2025-06-01", "lone", "去年唯一的公告", "旧标签");
    site.build(&[]);
    assert!(site.exists("disclosures/2025/index.html"));
    assert!(site.exists("tags/旧标签/index.html"));
    assert!(site.exists("disclosures/2026/page/2/index.html"));
    // It moves to 2026 and loses its tag; one of 2026's records goes.
    site.remove("content/disclosures/2025-06-01-lone.md");
    disclosure(&site, "2026-06-01", "lone", "去年唯一的公告", "");
    site.remove("content/disclosures/2026-01-01-r1.md");
    site.remove("content/disclosures/2026-01-02-r2.md");
    site.build(&[]);
    assert!(
        !site.exists("disclosures/2025"),
        "the empty year's page is gone"
    );
    assert!(!site.exists("tags/旧标签"), "the unused tag's page is gone");
    assert!(
        !site.exists("disclosures/2026/page/2"),
        "50 records fit one page"
    );
    assert!(text_of(&site.read("disclosures/2026/index.html")).contains("去年唯一的公告"));
}

#[test]
fn a_new_record_titled_like_a_year_gets_a_name_of_its_own() {
    let site = site();
    let out = site.run(&["new", "disclosure", "2026"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let made: Vec<String> = std::fs::read_dir(site.path().join("content/disclosures"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        made.len() == 1 && made[0].ends_with("-2026-disclosure.md"),
        "{made:?}"
    );
    let check = site.run(&["check"]);
    assert!(
        !common::stderr(&check).contains("冲突"),
        "{}",
        common::stderr(&check)
    );
}
