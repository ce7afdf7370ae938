//! The search index: built from the pages as published (masked), never from
//! drafts or records not yet published, in the site's language; and the
//! search box on every page leads somewhere without JavaScript.

mod common;

use std::io::Read;

use common::*;

/// Everything the index holds as text: each file under `pagefind/` that
/// Pagefind gzips (index chunks, fragments, filters, metadata), unzipped.
fn index_text(site: &Site) -> String {
    let mut all = String::new();
    for (rel, bytes) in files_under(&site.out("pagefind")) {
        if !rel.contains(".pf_") {
            continue;
        }
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut text)
            .unwrap_or_else(|e| panic!("pagefind/{rel} is gzip: {e}"));
        // Pagefind keeps the words it split Chinese text into apart with
        // zero-width spaces; a reader's search joins them again.
        all.push_str(&String::from_utf8_lossy(&text).replace('\u{200b}', ""));
        all.push('\n');
    }
    all
}

#[test]
fn the_index_holds_what_the_pages_show_and_no_unmasked_value() {
    let site = Site::copy_of("minimal");
    site.build(&[]);
    let index = index_text(&site);
    // What the pages show is found: the record and its masked rows.
    for shown in [
        "测试村低保对象公示",
        "经村民主评议",
        "王*兰",
        "220421********5120",
        "180****9083",
    ] {
        assert!(index.contains(shown), "the index holds “{shown}”");
    }
    // What the masks hid is not, in any form.
    for hidden in [
        "王秀兰",
        "欧阳秀生",
        "220421195803125120",
        "22040219600101123X",
        "18018159083",
        "13812345678",
        "9603",
    ] {
        assert!(
            !index.contains(hidden),
            "the index must not hold “{hidden}”"
        );
    }
}

#[test]
fn drafts_and_records_not_yet_published_are_indexed_only_with_drafts() {
    let site = Site::copy_of("minimal");
    site.build(&[]);
    let index = index_text(&site);
    for title in ["尚未定稿的公开", "十二月才发布的公开"] {
        assert!(!index.contains(title), "“{title}” is not searchable");
    }
    site.build(&["--drafts"]);
    let index = index_text(&site);
    for title in ["尚未定稿的公开", "十二月才发布的公开"] {
        assert!(
            index.contains(title),
            "with --drafts “{title}” is searchable"
        );
    }
}

#[test]
fn a_traditional_chinese_site_is_indexed_in_traditional_chinese() {
    let site = Site::copy_of("minimal");
    let settings = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("language: zh-Hant\n{settings}"));
    site.build(&[]);
    let entry = site.read("pagefind/pagefind-entry.json");
    assert!(entry.contains("\"zh-tw\""), "{entry}");
    let search = site.read("search/index.html");
    assert!(
        search.contains("搜尋"),
        "the search page is in Traditional Chinese"
    );
}

#[test]
fn every_page_has_a_search_box_and_the_search_page_leads_on_without_javascript() {
    let site = Site::copy_of("minimal");
    site.build(&[]);
    let pages: Vec<(String, Vec<u8>)> = site
        .all_output()
        .into_iter()
        .filter(|(rel, _)| rel.ends_with("index.html") && !rel.starts_with("pagefind/"))
        .collect();
    assert!(pages.len() > 5);
    for (rel, bytes) in &pages {
        let html = String::from_utf8_lossy(bytes);
        let depth = rel.matches('/').count();
        let action = format!("{}search/index.html", "../".repeat(depth));
        if rel == "search/index.html" {
            assert!(html.contains("role=search"), "the search page has its form");
        } else {
            assert!(
                html.contains(&format!("action={action}"))
                    || html.contains(&format!("action=\"{action}\"")),
                "{rel} has a search box sending to {action}"
            );
        }
    }
    // The search page: the index's script, and without it links to each
    // kind and each year that has records, every one of them a real page.
    let search = site.read("search/index.html");
    assert!(search.contains("assets/search.js"));
    assert!(site.exists("assets/search.js") && site.exists("pagefind/pagefind.js"));
    let links: Vec<String> = links(&search)
        .into_iter()
        .filter(|l| l.starts_with("../") && l.ends_with("index.html"))
        .collect();
    for year in ["disclosures/2026/index.html", "conventions/2025/index.html"] {
        assert!(
            links.iter().any(|l| l.ends_with(year)),
            "the search page links {year}: {links:?}"
        );
    }
    for link in &links {
        let target = site.out("search").join(link);
        assert!(
            target.is_file(),
            "the search page links {link}, which exists"
        );
    }
}

#[test]
fn a_rebuild_keeps_the_index_until_a_record_changes_and_then_remakes_it() {
    let site = Site::copy_of("minimal");
    site.build(&[]);
    let key = site.read("pagefind/gongkai-index.txt");
    let before = index_text(&site);
    assert!(before.contains("经村民主评议"));
    site.build(&[]);
    assert_eq!(
        site.read("pagefind/gongkai-index.txt"),
        key,
        "nothing changed"
    );
    assert_eq!(index_text(&site), before);
    let rel = "content/disclosures/2026-11-18-dibao.yaml";
    let record = std::fs::read_to_string(site.path().join(rel)).unwrap();
    site.write(rel, &record.replace("经村民主评议", "经村民代表会议评议"));
    site.build(&[]);
    assert_ne!(site.read("pagefind/gongkai-index.txt"), key);
    let after = index_text(&site);
    assert!(after.contains("经村民代表会议评议") && !after.contains("经村民主评议"));
    // No file of the old index is left behind.
    let listed = site.read("pagefind/gongkai-index.txt");
    for (rel, _) in files_under(&site.out("pagefind")) {
        assert!(
            rel == "gongkai-index.txt" || listed.lines().any(|l| l == rel),
            "pagefind/{rel} belongs to the index"
        );
    }
}
