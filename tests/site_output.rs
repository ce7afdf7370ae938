//! What a built site shows: figures, masking, numbering, overdue marks, what is
//! on the board, and the files around the records. Built from the small
//! fixture site `tests/fixtures/minimal` with the build date fixed.

mod common;

use common::{Site, links, stderr, text_of};

fn built() -> Site {
    let site = Site::copy_of("minimal");
    site.build(&[]);
    site
}

#[test]
fn ledger_page_shows_opening_totals_and_closing() {
    let site = built();
    let page = text_of(&site.read("disclosures/finance-2026-10/index.html"));
    assert!(page.contains("上期结余 36,750.00"), "{page}");
    assert!(page.contains("本期合计 20,000.00 4,750.50"), "{page}");
    assert!(page.contains("本期结余 51,999.50"), "{page}");
    assert!(
        page.contains("本期结余（人民币大写） 伍万壹仟玖佰玖拾玖元伍角整"),
        "{page}"
    );
    // Each entry shows the running balance (余额), as a cash journal does.
    assert!(page.contains("记-12 道路维修 3,500.00 33,250.00"), "{page}");
    assert!(
        page.contains("记-13 上级补助资金 20,000.00 53,250.00"),
        "{page}"
    );
    assert!(page.contains("记-14 办公用品 1,250.50 51,999.50"), "{page}");
    // No Western spaces around numbers in generated text.
    // Dates read the Chinese way, without leading zeros; a ledger within one
    // year names it once in the date column's header, as account books do.
    assert!(page.contains("日期（2026年） 凭证号"), "{page}");
    assert!(page.contains("10月3日 记-12 道路维修"), "{page}");
    assert!(page.contains("发布日期 2026年11月10日"), "{page}");
    assert!(page.contains("所属期间 2026年10月"), "{page}");
}

#[test]
fn tables_are_masked_and_totalled() {
    let site = built();
    let page = text_of(&site.read("disclosures/dibao/index.html"));
    assert!(
        page.contains("王*兰 220421********5120 180****9083 2 820.00"),
        "{page}"
    );
    assert!(
        page.contains("欧**生 220402********123X 138****5678 3 1,150.50"),
        "{page}"
    );
    assert!(
        page.contains("张* 220421********3897 139****0824 1 530.00"),
        "{page}"
    );
    assert!(page.contains("合计 6 2,500.50"), "{page}");
    assert!(page.contains("为保护个人隐私"), "{page}");
}

#[test]
fn raw_private_values_appear_in_no_output_file() {
    let site = built();
    let raw = [
        "王秀兰",
        "欧阳秀生",
        "220421195803125120",
        "22040219600101123X",
        "18018159083",
        "13812345678",
        "139 9603 0824",
        "13996030824",
    ];
    for (rel, bytes) in site.all_output() {
        let text = String::from_utf8_lossy(&bytes);
        for r in raw {
            assert!(!text.contains(r), "public/{rel} contains the raw value {r}");
        }
    }
}

#[test]
fn convention_articles_are_numbered_across_chapters_and_versions_link() {
    let site = built();
    let html = site.read("conventions/rules/index.html");
    let page = text_of(&html);
    assert!(page.contains("第一章 总则 第一条 为推进村民自治"), "{page}");
    assert!(
        page.contains("第二章 社会治安 第三条 村民之间发生矛盾纠纷"),
        "{page}"
    );
    assert!(page.contains("第十条 文明办理红白喜事"), "{page}");
    assert!(
        page.contains("第三章 附则 第十一条 本村规民约自2026年7月1日起施行"),
        "{page}"
    );
    assert!(
        page.contains("到会56人，赞成52票、反对1票、弃权3票"),
        "{page}"
    );
    assert!(page.contains("测试镇人民政府（2026年6月5日）"), "{page}");
    assert!(
        page.contains("原版本：测试村村规民约（2025年版）"),
        "{page}"
    );
    assert!(
        links(&html).contains(&"../../conventions/rules-2025/index.html".to_string()),
        "{html}"
    );
    let old = text_of(&site.read("conventions/rules-2025/index.html"));
    assert!(old.contains("现行版本：测试村村规民约"), "{old}");
}

#[test]
fn follow_ups_past_due_and_not_done_are_overdue() {
    let site = built();
    let page = text_of(&site.read("consultations/snow/index.html"));
    assert!(page.contains("1项逾期未完成"), "{page}");
    assert!(page.contains("签订装载机租赁合同 办理中逾期"), "{page}");
    assert!(page.contains("张贴清雪包保路段表 已完成责任人"), "{page}");
    assert!(page.contains("统计独居老人 未开始责任人"), "{page}");
    assert!(page.contains("赞成18票、反对1票、弃权1票，通过"), "{page}");
    assert!(
        page.contains("共20人（村民代表15人、村“两委”成员5人）"),
        "{page}"
    );
    // A later build date makes the third one overdue too.
    let site2 = Site::copy_of("minimal");
    site2.run(&["build", "--today", "2026-12-05"]);
    let later = text_of(&site2.read("consultations/snow/index.html"));
    assert!(later.contains("2项逾期未完成"), "{later}");
}

#[test]
fn admission_list_counts_items_per_type() {
    let site = built();
    let page = text_of(&site.read("admissions/list/index.html"));
    assert!(
        page.contains("共7项：法定职责2项、承办1项、协助3项、不应承担1项。"),
        "{page}"
    );
    assert!(page.contains("依法协助政府工作事项（3项）"), "{page}");
    assert!(page.contains("3 养老保险资格认证 社保局 是"), "{page}");
}

#[test]
fn home_page_shows_what_is_on_the_board_today() {
    let site = built();
    let html = site.read("index.html");
    // The board comes first, before 最近更新 and the latest of each kind.
    let board = html.split("recent-h").next().unwrap();
    let board = text_of(board);
    assert!(board.contains("测试村低保对象公示"), "{board}");
    assert!(board.contains("测试村2026年10月财务收支公开"), "{board}");
    assert!(
        !board.contains("秋收安排"),
        "a posting that ended is not on the board: {board}"
    );
    assert!(board.contains("公示中，2026年11月24日截止"), "{board}");
    assert!(
        links(&html).contains(&"print/board.html".to_string()),
        "the home page links the board pack"
    );
    let pack = text_of(&site.read("print/board.html"));
    assert!(pack.contains("测试村低保对象公示") && pack.contains("测试村2026年10月财务收支公开"));
    assert!(!pack.contains("秋收安排"));
}

#[test]
fn drafts_and_future_records_wait_unless_asked_for() {
    let site = built();
    assert!(!site.exists("disclosures/draft/index.html"));
    assert!(!site.exists("disclosures/future/index.html"));
    let list = text_of(&site.read("disclosures/index.html"));
    assert!(
        !list.contains("尚未定稿") && !list.contains("十二月才发布"),
        "{list}"
    );
    assert!(!site.read("feed.xml").contains("尚未定稿"));
    assert!(!site.read("data/disclosures.json").contains("尚未定稿"));

    site.build(&["--drafts"]);
    assert!(site.exists("disclosures/draft/index.html"));
    assert!(site.exists("disclosures/future/index.html"));
    assert!(text_of(&site.read("disclosures/draft/index.html")).contains("草稿（未正式发布）"));
}

#[test]
fn kind_index_is_newest_first_and_grouped_by_year() {
    let site = built();
    let page = text_of(&site.read("conventions/index.html"));
    let y2026 = page.find("2026年").expect("a 2026 group");
    let y2025 = page.find("2025年 ").expect("a 2025 group");
    assert!(y2026 < y2025, "{page}");
    let list = text_of(&site.read("disclosures/index.html"));
    let dibao = list.find("测试村低保对象公示").unwrap();
    let finance = list.find("测试村2026年10月财务收支公开").unwrap();
    let autumn = list.find("秋收安排").unwrap();
    assert!(dibao < finance && finance < autumn, "{list}");
}

#[test]
fn chinese_file_names_get_pinyin_slugs_and_pages_sit_at_the_root() {
    let site = built();
    assert!(site.exists("disclosures/qiu-shou-an-pai/index.html"));
    assert!(site.exists("about/index.html"));
    assert!(links(&site.read("index.html")).contains(&"about/index.html".to_string()));
}

#[test]
fn soft_line_breaks_between_chinese_leave_no_space() {
    let site = built();
    let html = site.read("disclosures/finance-2026-10/index.html");
    assert!(html.contains("本月收支情况如下，请村民监督。"), "{html}");
}

#[test]
fn pages_are_chinese_minified_and_link_their_sheet() {
    let site = built();
    let html = site.read("disclosures/finance-2026-10/index.html");
    assert!(
        html.starts_with("<!doctype html><html lang=\"zh-Hans\">"),
        "{}",
        &html[..80]
    );
    assert!(
        !html.contains("\n  "),
        "no indentation left in a minified page"
    );
    assert!(links(&html).contains(&"print.html".to_string()));
    assert!(site.exists("disclosures/finance-2026-10/print.html"));
    assert!(html.contains("<title>测试村2026年10月财务收支公开 - 测试村村务公开栏</title>"));
}

#[test]
fn amendments_and_attachments_show_on_page_and_sheet() {
    let site = built();
    let page = text_of(&site.read("disclosures/finance-2026-10/index.html"));
    assert!(page.contains("更正记录"), "{page}");
    assert!(
        page.contains("2026年11月12日：记-14 金额更正为 1250.50 元。"),
        "{page}"
    );
    assert!(page.contains("凭证清单"), "{page}");
    assert_eq!(
        std::fs::read_to_string(site.out("files/凭证清单.txt")).unwrap(),
        "记-12 道路维修\n记-13 上级补助资金\n"
    );
    let sheet = text_of(&site.read("disclosures/finance-2026-10/print.html"));
    assert!(
        sheet.contains("更正记录") && sheet.contains("记-14 金额更正为"),
        "{sheet}"
    );
}

#[test]
fn sheet_carries_board_header_posting_hotline_and_seal() {
    let site = built();
    let sheet = text_of(&site.read("disclosures/finance-2026-10/print.html"));
    assert!(sheet.contains("测试村民委员会村务公开栏"), "{sheet}");
    assert!(
        sheet.contains("公示时间：2026年11月10日至2026年11月25日"),
        "{sheet}"
    );
    assert!(sheet.contains("监督电话：0431-8888888"), "{sheet}");
    assert!(sheet.contains("审核单位：测试村村务监督委员会"), "{sheet}");
    assert!(sheet.contains("测试村民委员会（盖章）"), "{sheet}");
    assert!(
        sheet.contains("https://ceshi.example.org/disclosures/finance-2026-10/"),
        "{sheet}"
    );
    assert!(
        site.read("disclosures/finance-2026-10/print.html")
            .contains("<svg"),
        "a QR code"
    );
}

#[test]
fn feed_sitemap_404_and_open_data_are_written() {
    let site = built();
    let feed = site.read("feed.xml");
    assert!(feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    assert!(
        feed.contains("<id>https://ceshi.example.org/disclosures/dibao/</id>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2026-11-18T00:00:00+08:00</updated>"),
        "{feed}"
    );
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://ceshi.example.org/conventions/rules/</loc>"),
        "{sitemap}"
    );
    assert!(site.read("404.html").contains("找不到这个页面"));
    let data: serde_json::Value =
        serde_json::from_str(&site.read("data/disclosures.json")).unwrap();
    assert_eq!(data["count"], 3);
    let dibao = data["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == "dibao")
        .unwrap();
    assert_eq!(dibao["tables"][0]["rows"][0]["name"], "王*兰");
    assert_eq!(dibao["tables"][0]["rows"][0]["amount"], "820.00");
    let finance = data["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == "finance-2026-10")
        .unwrap();
    assert_eq!(finance["ledger"]["closing"], "51999.50");
    assert_eq!(
        finance["url"],
        "https://ceshi.example.org/disclosures/finance-2026-10/"
    );
}

#[test]
fn the_same_input_and_date_give_byte_identical_output() {
    let a = built();
    let b = Site::copy_of("minimal");
    b.build(&[]);
    let (fa, fb) = (a.all_output(), b.all_output());
    assert_eq!(fa.len(), fb.len());
    for ((ra, ba), (rb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(ra, rb);
        assert!(ba == bb, "{ra} differs between two builds");
    }
}

#[test]
fn base_url_flag_changes_links_qr_and_feed() {
    let site = Site::copy_of("minimal");
    site.build(&["--base-url", "https://new.example.org/board"]);
    assert!(
        site.read("feed.xml")
            .contains("https://new.example.org/board/disclosures/dibao/")
    );
    assert!(
        site.read("disclosures/dibao/print.html")
            .contains("https://new.example.org/board/disclosures/dibao/")
    );
}

#[test]
fn site_templates_override_the_theme_by_file_name() {
    let site = Site::copy_of("minimal");
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block main %}<h1>此页不存在，请回首页</h1>{% endblock main %}");
    site.build(&[]);
    assert!(site.read("404.html").contains("此页不存在，请回首页"));
    assert!(
        site.read("404.html").contains("测试村村务公开栏"),
        "the override still extends the theme's base"
    );
}

#[test]
fn the_demo_and_both_examples_build_clean() {
    for rel in [".", "examples/village", "examples/community"] {
        let site = Site::copy_of_repo(rel);
        let out = site.build(&[]);
        let err = common::stderr(&out);
        assert!(!err.contains("错误"), "{rel}: {err}");
        assert!(
            !err.contains("警告"),
            "{rel} should build without warnings: {err}"
        );
        assert!(
            site.exists("index.html") && site.exists("print/board.html") && site.exists("feed.xml"),
            "{rel}"
        );
        for kind in ["disclosures", "conventions", "consultations", "admissions"] {
            let data: serde_json::Value =
                serde_json::from_str(&site.read(&format!("data/{kind}.json"))).unwrap();
            assert!(data["count"].as_u64().unwrap() >= 1, "{rel} has {kind}");
        }
    }
}

#[test]
fn a_traditional_chinese_board_reads_in_traditional_characters() {
    let site = Site::copy_of("minimal");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}language: zh-Hant\n"));
    site.build(&[]);
    let home = site.read("index.html");
    assert!(home.contains("<html lang=\"zh-Hant\">"), "{}", &home[..80]);
    let text = text_of(&home);
    assert!(
        text.contains("村務公開欄") && text.contains("首頁") && text.contains("村規民約"),
        "{text}"
    );
    let sheet = text_of(&site.read("disclosures/finance-2026-10/print.html"));
    assert!(
        sheet.contains("監督電話：0431-8888888") && sheet.contains("本期結餘"),
        "{sheet}"
    );
    // A language the theme has no strings for is a clear error, not English or blanks.
    site.write("site.yaml", &format!("{config}language: en\n"));
    let err = site.check_fails();
    assert!(
        err.contains("字段 language\n  主题没有语言“en”的界面文字（缺少 i18n/en.yaml）"),
        "{err}"
    );
}

#[test]
fn a_free_page_refuses_the_fields_of_a_notice() {
    let site = Site::copy_of("minimal");
    site.write(
        "content/pages/rules.md",
        "---\ntitle: 办事指南\nissuer: 村委会\nposting: {from: 2026-11-01, until: 2026-11-30}\n---\n\n正文。\n",
    );
    let err = site.check_fails();
    for field in ["issuer", "posting"] {
        assert!(
            err.contains(&format!(
                "字段 {field}\n  普通页面不用 {field} 字段，它不会显示在页面上"
            )),
            "{err}"
        );
    }
}

#[test]
fn consultation_votes_show_whether_they_carried_and_chinese_values_are_accepted() {
    let site = Site::copy_of("minimal");
    site.write(
        "content/consultations/2026-11-15-votes.md",
        "---\ntitle: 小区议事\ndate: 2026-11-15\nmeeting: {date: 2026-11-15}\nattendees: {count: 30, groups: [{role: 居民代表, count: 30}]}\nagenda:\n  - {topic: 停车位划线, decision: 划线方案, votes: {for: 5, against: 22, abstain: 3}}\n  - {topic: 加装电梯, votes: {for: 20, against: 9, abstain: 1, rule: 三分之二}}\n  - {topic: 绿化补植, votes: {for: 16, against: 10, abstain: 4}}\nfollow_up:\n  - {task: 补植, status: 办理中}\n---\n",
    );
    site.write(
        "content/disclosures/2026-11-15-zh.md",
        "---\ntitle: 中文写法\ndate: 2026-11-15\ncategory: 党务\n---\n\n正文。\n",
    );
    let out = site.build(&[]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let page = text_of(&site.read("consultations/votes/index.html"));
    assert!(
        page.contains("赞成5票、反对22票、弃权3票，未通过（赞成票须超过到会30人的半数）"),
        "{page}"
    );
    assert!(
        page.contains("赞成20票、反对9票、弃权1票，通过（赞成票不少于到会30人的三分之二）"),
        "{page}"
    );
    assert!(page.contains("赞成16票、反对10票、弃权4票，通过"), "{page}");
    assert!(
        page.contains("居民代表30人"),
        "no Western spaces around numbers: {page}"
    );
    assert!(page.contains("补植 办理中"), "{page}");
    assert!(text_of(&site.read("disclosures/zh/index.html")).contains("党务"));
}

/// Modification time and inode of every output file, by path.
fn stamps(site: &Site) -> std::collections::BTreeMap<String, (std::time::SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(site.out(""))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            let rel = e
                .path()
                .strip_prefix(site.out(""))
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, (m.modified().unwrap(), m.ino()))
        })
        .collect()
}

#[test]
fn a_rebuild_writes_only_what_changed_and_equals_a_clean_build() {
    let site = Site::copy_of("minimal");
    site.build(&[]);
    let first = stamps(&site);
    // Nothing changed: nothing is written, nothing replaced.
    let out = site.build(&[]);
    assert!(
        common::stdout(&out).contains("和上次相比没有改动"),
        "{}",
        common::stdout(&out)
    );
    assert_eq!(stamps(&site), first, "an unchanged build rewrote files");

    // One record edited, one deleted, the date moved past a posting period,
    // a file dropped into public/ by hand: the result is a clean build's.
    let path = site
        .path()
        .join("content/disclosures/2026-11-10-finance-2026-10.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("测试村2026年10月财务收支公开", "测试村十月份财务收支公开"),
    )
    .unwrap();
    site.remove("content/disclosures/2026-09-01-秋收安排.md");
    std::fs::write(site.out("stray.html"), "<p>不是生成的</p>").unwrap();
    let out = site.run(&["build", "--today", "2026-11-26"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let said = common::stdout(&out);
    assert!(said.contains("个文件有改动"), "{said}");
    let after = stamps(&site);
    let clean = Site::copy_of("minimal");
    clean.write(
        "content/disclosures/2026-11-10-finance-2026-10.md",
        &text.replace("测试村2026年10月财务收支公开", "测试村十月份财务收支公开"),
    );
    clean.remove("content/disclosures/2026-09-01-秋收安排.md");
    assert!(
        clean
            .run(&["build", "--today", "2026-11-26"])
            .status
            .success()
    );
    assert_eq!(
        site.all_output(),
        clean.all_output(),
        "the rebuilt output is the clean build's"
    );
    assert!(
        !site.exists("disclosures/qiu-shou-an-pai/index.html"),
        "a deleted record's pages go"
    );
    assert!(!site.exists("stray.html"));
    // Pages the changes did not touch were left as they were.
    let untouched = "conventions/rules-2025/print.html";
    assert_eq!(
        after[untouched], first[untouched],
        "{untouched} was rewritten"
    );
    assert_ne!(
        after["disclosures/finance-2026-10/index.html"],
        first["disclosures/finance-2026-10/index.html"]
    );
    let names = site.top_level();
    assert!(
        !names.iter().any(|n| n.contains("gongkai-tmp")),
        "{names:?}"
    );
}
