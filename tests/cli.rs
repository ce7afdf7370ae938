//! The command line as a clerk meets it: `init`, `new`, `check`, `build`, the
//! exit statuses, and the promises about `public/` (never half-written, never
//! pointed at the records).

mod common;

use common::{Site, TODAY, files_under, gongkai, stderr, stdout, text_of};

#[test]
fn init_makes_a_site_that_builds_at_once_but_publishes_no_placeholder() {
    for (kind, board, representatives) in [
        ("village", "村务公开栏", "村民代表"),
        ("community", "居务公开栏", "居民代表"),
    ] {
        let tmp = Site::empty();
        let out = gongkai()
            .current_dir(tmp.path())
            .args(["init", "board", "--kind", kind])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let site = tmp.path().join("board");
        assert!(site.join("site.yaml").is_file());
        assert_eq!(
            std::fs::read_to_string(site.join(".gitignore"))
                .unwrap()
                .lines()
                .last(),
            Some("/public/"),
            "the new site's git ignores the built site"
        );
        let out = gongkai()
            .args(["build", "--root"])
            .arg(&site)
            .output()
            .unwrap();
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        // It builds, and says plainly what still holds sample values.
        let said = stderr(&out);
        for warning in [
            "网站名称和发布单位还是示例里的“某某”",
            "监督电话还是示例号码 0000-1234567，它会印在每份张贴稿上",
            "网址还是示例 https://example.org/，每份张贴稿的二维码都会指向它",
        ] {
            assert!(said.contains(warning), "{kind}: {said}");
        }
        assert!(said.ends_with("共3条警告。\n"), "{kind}: {said}");
        let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
        assert!(home.contains(board), "{kind}");
        assert!(
            !home.contains("示例") && !site.join("public/about/index.html").exists(),
            "{kind}: the samples are drafts, not published"
        );
        // A clerk who wants nothing left to chance: --strict refuses.
        let strict = gongkai()
            .args(["build", "--strict", "--root"])
            .arg(&site)
            .output()
            .unwrap();
        assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
        assert!(
            stderr(&strict).ends_with("共3个错误，网站没有生成，原来的网站保持不变。\n"),
            "{}",
            stderr(&strict)
        );
        // `new consultation` speaks the site's language.
        let out = gongkai()
            .args([
                "new",
                "consultation",
                "议事",
                "--today",
                "2026-11-20",
                "--root",
            ])
            .arg(&site)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let made = std::fs::read_dir(site.join("content/consultations"))
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().starts_with("2026-11-20-"))
            .unwrap();
        let text = std::fs::read_to_string(made.path()).unwrap();
        assert!(
            text.contains(&format!("role: {representatives}")),
            "{kind}: {text}"
        );
    }
}

#[test]
fn a_new_page_is_a_draft_until_the_clerk_publishes_it() {
    let site = Site::copy_of("minimal");
    let out = site.run(&["new", "page", "办事指南"]);
    assert!(out.status.success(), "{}", stderr(&out));
    site.build(&[]);
    assert!(!site.exists("ban-shi-zhi-nan/index.html"));
    assert!(!text_of(&site.read("index.html")).contains("办事指南"));
}

#[test]
fn init_refuses_a_folder_that_already_has_a_site() {
    let site = Site::copy_of("minimal");
    let before = files_under(site.path());
    let out = site.run(&["init", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "错误：. 里已经有 site.yaml，没有改动任何文件\n"
    );
    assert_eq!(files_under(site.path()), before);
}

#[test]
fn new_writes_a_dated_draft_that_checks_and_waits_to_be_published() {
    let site = Site::copy_of("minimal");
    let out = site.run(&[
        "new",
        "disclosure",
        "2026年11月财务收支公开",
        "--today",
        TODAY,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = "content/disclosures/2026-11-20-2026-nian-11-yue-cai-wu-shou-zhi-gong-kai.md";
    assert!(stdout(&out).contains(path), "{}", stdout(&out));
    let text = std::fs::read_to_string(site.path().join(path)).unwrap();
    assert!(
        text.contains("title: \"2026年11月财务收支公开\"\ndate: 2026-11-20\n"),
        "{text}"
    );
    assert!(text.contains("draft: true"));
    let check = site.run(&["check", "--today", TODAY]);
    assert!(check.status.success(), "{}", stderr(&check));
    site.build(&[]);
    assert!(!text_of(&site.read("disclosures/index.html")).contains("2026年11月财务收支公开"));
    // The clerk fills it in and removes the draft line: now it is published.
    std::fs::write(site.path().join(path), text.replace("draft: true\n", "")).unwrap();
    site.build(&[]);
    assert!(text_of(&site.read("disclosures/index.html")).contains("2026年11月财务收支公开"));

    for kind in ["convention", "consultation", "admission", "page", "协商"] {
        let out = site.run(&["new", kind, &format!("新建的{kind}"), "--today", TODAY]);
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
    }
    let check = site.run(&["check", "--today", TODAY]);
    assert!(
        check.status.success(),
        "every kind's template checks: {}",
        stderr(&check)
    );
}

#[test]
fn new_refuses_an_unknown_kind_and_an_existing_file() {
    let site = Site::copy_of("minimal");
    let out = site.run(&["new", "notice", "通知"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("错误：不认识的记录种类“notice”；可用：disclosure（公开）"),
        "{}",
        stderr(&out)
    );
    assert!(site.run(&["new", "page", "联系我们"]).status.success());
    let again = site.run(&["new", "page", "联系我们"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("已经存在，没有覆盖"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn usage_errors_exit_with_two() {
    let site = Site::copy_of("minimal");
    let out = site.run(&["build", "--today", "2026-13-01"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("日期“2026-13-01”不存在"),
        "{}",
        stderr(&out)
    );
    assert_eq!(site.run(&["publish"]).status.code(), Some(2));
    let empty = Site::empty();
    let out = empty.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "错误：当前文件夹里没有 site.yaml，这不是一个 gongkai 网站文件夹。用 --root 指向网站文件夹，或先运行 gongkai init 新建一个\n"
    );
}

#[test]
fn check_writes_nothing() {
    let site = Site::copy_of("minimal");
    let before = files_under(site.path());
    let out = site.run(&["check", "--today", TODAY]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "检查完毕，没有发现错误。\n");
    assert_eq!(files_under(site.path()), before);
}

#[test]
fn build_reports_what_it_wrote() {
    let site = Site::copy_of("minimal");
    let out = site.build(&[]);
    let said = stdout(&out);
    assert!(said.starts_with("网站已生成：public（8条记录，"), "{said}");
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = Site::copy_of("minimal");
    site.build(&[]);
    let before = site.all_output();
    site.write(
        "content/disclosures/broken.md",
        "---\ntitle: 坏记录\ndate: 2026-11-01\ncategory: finance\n---\n\n正文。\n",
    );
    let out = site.run(&["build", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).ends_with("共1个错误，网站没有生成，原来的网站保持不变。\n"),
        "{}",
        stderr(&out)
    );
    assert_eq!(site.all_output(), before, "public/ is exactly as it was");
    assert_eq!(
        site.top_level(),
        ["content", "public", "site.yaml", "static"],
        "nothing but public/ is left in the site folder"
    );
}

#[test]
fn a_build_leaves_nothing_in_the_site_folder_but_public() {
    let site = Site::copy_of("minimal");
    let before = site.top_level();
    site.build(&[]);
    site.build(&[]);
    let mut expected = before.clone();
    expected.push("public".into());
    expected.sort();
    assert_eq!(
        site.top_level(),
        expected,
        "no lock, staging or old folder is left where a clerk's git would see it"
    );
}

#[test]
fn a_rebuild_replaces_the_whole_site() {
    let site = Site::copy_of("minimal");
    site.build(&[]);
    assert!(site.exists("disclosures/qiu-shou-an-pai/index.html"));
    site.remove("content/disclosures/2026-09-01-秋收安排.md");
    site.build(&[]);
    assert!(
        !site.exists("disclosures/qiu-shou-an-pai/index.html"),
        "a removed record's page is gone"
    );
}

#[test]
fn out_may_not_be_the_site_its_records_or_a_folder_of_other_files() {
    let site = Site::copy_of("minimal");
    let before = files_under(site.path());
    for (out_dir, why) in [
        (".", "是网站文件夹本身或它的上级"),
        ("..", "是网站文件夹本身或它的上级"),
        ("content", "与网站的 content 重叠"),
        ("content/disclosures", "与网站的 content 重叠"),
        ("static", "与网站的 static 重叠"),
        ("/", "不能把网站输出到根目录"),
    ] {
        let out = site.run(&["build", "--today", TODAY, "--out", out_dir]);
        assert_eq!(out.status.code(), Some(2), "--out {out_dir}");
        assert!(
            stderr(&out).contains(why),
            "--out {out_dir}: {}",
            stderr(&out)
        );
    }
    assert_eq!(files_under(site.path()), before, "nothing was touched");
    site.write("notes/keep.txt", "会议笔记");
    let out = site.run(&["build", "--today", TODAY, "--out", "notes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("里已经有别的文件，不是 gongkai 生成的网站"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(site.path().join("notes/keep.txt")).unwrap(),
        "会议笔记"
    );
}

#[test]
fn out_can_be_anywhere_else() {
    let site = Site::copy_of("minimal");
    let elsewhere = Site::empty();
    let target = elsewhere.path().join("网站");
    let out = gongkai()
        .current_dir(site.path())
        .args(["build", "--today", TODAY, "--out"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(target.join("index.html").is_file());
    assert!(!site.path().join("public").exists());
}

#[test]
fn usage_errors_and_help_are_in_chinese() {
    let site = Site::copy_of("minimal");
    let cases: [(&[&str], &str); 4] = [
        (
            &["biuld"],
            "错误：不认识的命令“biuld”，是不是要写 build？可用的命令有：init、new、check、build、serve\n  → 运行 gongkai --help 查看全部命令和用法\n",
        ),
        (
            &["build", "--todya", "2026-11-20"],
            "错误：不认识的选项“--todya”，是不是要写 --today？\n  → 运行 gongkai --help 查看全部命令和用法\n",
        ),
        (
            &["init", "--kind", "town"],
            "错误：选项 --kind 的值“town”不对；可选的值有：village、community\n  → 运行 gongkai --help 查看全部命令和用法\n",
        ),
        (
            &["new"],
            "错误：缺少参数：种类、标题\n  → 运行 gongkai --help 查看全部命令和用法\n",
        ),
    ];
    for (args, expected) in cases {
        let out = site.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out), expected, "{args:?}");
    }
    for args in [&["--help"][..], &["build", "--help"], &["serve", "--help"]] {
        let out = site.run(args);
        assert!(out.status.success());
        let help = stdout(&out);
        assert!(
            help.contains("用法：gongkai") && help.contains("选项："),
            "{help}"
        );
        for english in ["Usage", "Options", "Commands", "default:", "Print help"] {
            assert!(!help.contains(english), "{args:?}: {english} in\n{help}");
        }
    }
}
