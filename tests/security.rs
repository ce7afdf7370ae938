//! What a public board must never do: read or write outside the site, publish
//! a resident's number, or lose the last good site. (Scripts from records:
//! `tests/xss.rs`.)

mod common;

use common::{Site, TODAY, files_under, stderr};

#[test]
fn attachments_slugs_and_replaces_cannot_leave_the_site() {
    let site = Site::copy_of("minimal");
    let outside = Site::empty();
    outside.write("secret.txt", "不该公开的内容");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path().join("static/files/link.txt"),
    )
    .unwrap();
    let record = |name: &str, extra: &str| {
        format!("---\ntitle: {name}\ndate: 2026-11-01\ncategory: affairs\n{extra}---\n\n正文。\n")
    };
    let cases = [
        (
            "dotdot",
            "attachments: [{file: ../../site.yaml}]\n",
            "attachments（第1项）.file",
            "不能含 ..、/ 开头或盘符",
        ),
        (
            "absolute",
            "attachments: [{file: /etc/passwd}]\n",
            "attachments（第1项）.file",
            "不能含 ..、/ 开头或盘符",
        ),
        (
            "windows",
            "attachments: [{file: \"files\\\\..\\\\..\\\\site.yaml\"}]\n",
            "attachments（第1项）.file",
            "用了反斜杠",
        ),
        (
            "drive",
            "attachments: [{file: \"C:/Windows/win.ini\"}]\n",
            "attachments（第1项）.file",
            "不能含 ..、/ 开头或盘符",
        ),
        (
            "nul",
            "attachments: [{file: \"files/a\\0.txt\"}]\n",
            "attachments（第1项）.file",
            "含有不可见字符",
        ),
        (
            "url",
            "attachments: [{file: \"https://example.org/a.pdf\"}]\n",
            "attachments（第1项）.file",
            "是网址，不是文件",
        ),
        (
            "symlink",
            "attachments: [{file: files/link.txt}]\n",
            "attachments（第1项）.file",
            "指向网站文件夹以外",
        ),
        ("slug", "slug: ../../etc\n", "slug", "不合规"),
    ];
    for (name, extra, _, _) in cases {
        site.write(
            &format!("content/disclosures/{name}.md"),
            &record(name, extra),
        );
    }
    site.write(
        "content/conventions/bad-replaces.md",
        "---\ntitle: 公约\ndate: 2026-11-01\nstatus: consultation\nreplaces: ../../site\n---\n",
    );
    let err = site.check_fails();
    for (name, _, field, why) in cases {
        let at = format!("content/disclosures/{name}.md:");
        let block = err
            .split("错误：")
            .find(|b| b.starts_with(&at))
            .unwrap_or_else(|| panic!("{name} is refused:\n{err}"));
        assert!(
            block.contains(&format!("字段 {field}")) && block.contains(why),
            "{name}: {block}"
        );
    }
    assert!(err.contains("找不到被取代的公约“../../site”"), "{err}");
    let built = site.run(&["build", "--today", TODAY]);
    assert_eq!(built.status.code(), Some(1));
    assert!(!site.path().join("public").exists());
}

#[test]
fn theme_names_and_templates_stay_inside_the_site() {
    let site = Site::copy_of("minimal");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}theme: ../../etc\n"));
    let err = site.check_fails();
    assert!(
        err.contains("字段 theme\n  theme“../../etc”不是有效的主题名"),
        "{err}"
    );

    let site = Site::copy_of("minimal");
    let outside = Site::empty();
    outside.write("evil.html", "<script>alert(1)</script>");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("evil.html"),
        site.path().join("templates/404.html"),
    )
    .unwrap();
    let err = site.check_fails();
    assert!(
        err.contains("templates/404.html") && err.contains("主题和模板文件不能是符号链接"),
        "{err}"
    );
}

#[test]
fn static_files_and_records_may_not_be_symlinks_out_of_the_site() {
    let site = Site::copy_of("minimal");
    let outside = Site::empty();
    outside.write("passwd", "root:x:0:0");
    std::os::unix::fs::symlink(
        outside.path().join("passwd"),
        site.path().join("static/passwd"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("passwd"),
        site.path().join("content/disclosures/linked.md"),
    )
    .unwrap();
    let out = site.run(&["build", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("content/disclosures/linked.md\n  记录和记录文件夹不能是符号链接"),
        "{err}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn private_numbers_are_caught_however_they_are_written() {
    let cases = [
        ("fullwidth", "body: 电话１３８１２３４５６７８\n"),
        ("spaced", "summary: 联系 138 1234 5678\n"),
        ("hyphens", "summary: 联系138-1234-5678\n"),
        ("plus86", "summary: 联系 +86 138 1234 5678\n"),
        ("in_link", "body: \"[打电话](tel:13812345678)\"\n"),
        (
            "in_key",
            "tables: [{columns: [{key: a, label: a}], rows: [{a: 1}]}]\nsummary: x\ntags: [\"13812345678\"]\n",
        ),
        (
            "escaped",
            "summary: \"\\u0031\\u0033\\u0038\\u0031\\u0032\\u0033\\u0034\\u0035\\u0036\\u0037\\u0038\"\n",
        ),
        ("id_lowercase_x", "summary: 身份证 11010519491231002x\n"),
        ("id_spaced", "summary: 身份证 110105 19491231 002X\n"),
        (
            "table_cell",
            "tables: [{columns: [{key: a, label: 电话}], rows: [{a: \"13912341234\"}]}]\n",
        ),
        (
            "amendment",
            "amendments: [{date: 2026-11-02, note: 更正联系电话为13912341234}]\n",
        ),
        (
            "attachment_title",
            "attachments: [{file: files/凭证清单.txt, title: 张三13912341234}]\n",
        ),
        ("contact_person", "contact: {person: 王秀兰 13912341234}\n"),
    ];
    for (name, extra) in cases {
        let site = Site::copy_of("minimal");
        let is_yaml = extra.contains("body:");
        let (path, text) = if is_yaml {
            (
                format!("content/disclosures/{name}.yaml"),
                format!("title: 测试\ndate: 2026-11-01\ncategory: affairs\n{extra}"),
            )
        } else {
            (
                format!("content/disclosures/{name}.md"),
                format!(
                    "---\ntitle: 测试\ndate: 2026-11-01\ncategory: affairs\n{extra}---\n\n正文。\n"
                ),
            )
        };
        site.write(&path, &text);
        let out = site.run(&["check", "--today", TODAY]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name} is caught: {err}");
        assert!(
            err.contains(&path)
                && (err.contains("发现未遮盖的手机号码") || err.contains("发现未遮盖的身份证号码")),
            "{name}: {err}"
        );
        assert!(
            !err.contains("13812345678")
                && !err.contains("13912341234")
                && !err.contains("11010519491231002"),
            "{name}: the message itself masks the number:\n{err}"
        );
    }
}

#[test]
fn public_numbers_and_look_alikes_are_allowed() {
    let site = Site::copy_of("minimal");
    site.write(
        "content/disclosures/ok.md",
        "---\ntitle: 测试\ndate: 2026-11-01\ncategory: affairs\ncontact: {person: 刘会计, phone: \"13911112222\"}\n---\n\n\
         监督电话0431-8888888，会计电话13911112222。账号6222021381234567890，金额13812345.00元，\
         编号220421195803125121（校验位不对，不是身份证号），日期2026-11-06至2026-11-20。\n",
    );
    let out = site.run(&["check", "--today", TODAY]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_build_that_fails_while_writing_leaves_the_previous_site_complete() {
    let site = Site::copy_of("minimal");
    site.build(&[]);
    let before = site.all_output();
    // A file in static/ where the site needs a folder: rendering has written
    // pages into the staging folder when the copy fails.
    site.write("static/disclosures", "挡路的文件");
    let out = site.run(&["build", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("static"), "{}", stderr(&out));
    assert_eq!(
        site.all_output(),
        before,
        "public/ is complete and unchanged"
    );
    assert_eq!(
        site.top_level(),
        ["content", "public", "site.yaml", "static"],
        "no half-built folder or lock is left in the site folder"
    );
}

#[test]
fn concurrent_builds_of_one_site_do_not_corrupt_it() {
    let site = Site::copy_of("minimal");
    let reference = Site::copy_of("minimal");
    reference.build(&[]);
    let expected = reference.all_output();
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("gongkai"))
                .current_dir(site.path())
                .args(["build", "--today", TODAY])
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        let status = child.wait().unwrap();
        assert!(status.success());
    }
    assert_eq!(
        site.all_output(),
        expected,
        "the site is exactly one complete build"
    );
}

#[test]
fn an_unreadable_record_is_reported_not_skipped() {
    let site = Site::copy_of("minimal");
    std::os::unix::fs::symlink(
        "/nonexistent/record.md",
        site.path().join("content/disclosures/dangling.md"),
    )
    .unwrap();
    // A folder named like a record is a folder: the records in it are read.
    site.write(
        "content/disclosures/folder.md/2026-11-02-inner.md",
        "---\ntitle: 文件夹里的记录\ndate: 2026-11-02\ncategory: affairs\n---\n\n正文。\n",
    );
    let err = site.check_fails();
    assert!(
        err.contains("错误：content/disclosures/dangling.md"),
        "{err}"
    );
    assert_eq!(err.matches("错误：").count(), 1, "{err}");
    site.remove("content/disclosures/dangling.md");
    site.build(&[]);
    assert!(site.exists("disclosures/inner/index.html"));
}

#[test]
fn oversized_records_are_refused_with_a_clear_message() {
    let site = Site::copy_of("minimal");
    let mut big =
        String::from("---\ntitle: 超大文件\ndate: 2026-11-01\ncategory: affairs\n---\n\n");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str("这是一段很长的正文，用来测试超大的记录文件。\n");
    }
    site.write("content/disclosures/huge.md", &big);
    let err = site.check_fails();
    assert!(
        err.contains("content/disclosures/huge.md\n  文件太大（50 MB），一条记录最多 8 MB"),
        "{err}"
    );
}

#[test]
fn a_table_of_100_000_rows_builds() {
    let site = Site::copy_of("minimal");
    let mut text = String::from(
        "title: 十万行名单\ndate: 2026-11-01\ncategory: affairs\ntables:\n  - caption: 名单\n    columns:\n      - {key: name, label: 姓名, mask: name}\n      - {key: n, label: 金额, type: money, total: true}\n    rows:\n",
    );
    for i in 0..100_000 {
        text.push_str(&format!(
            "      - {{name: 王秀{}, n: \"{}.50\"}}\n",
            ["兰", "英", "梅", "芳"][i % 4],
            i % 1000
        ));
    }
    assert!(
        text.len() < 8 * 1024 * 1024,
        "under the file limit: {}",
        text.len()
    );
    site.write("content/disclosures/big.yaml", &text);
    let started = std::time::Instant::now();
    site.build(&[]);
    let page = site.read("disclosures/big/index.html");
    assert!(page.contains("王*兰") && !page.contains("王秀兰"));
    assert!(page.contains("50,000,000.00"), "the total adds up");
    eprintln!("100,000-row table built in {:?}", started.elapsed());
}

#[test]
fn ten_thousand_files_in_one_folder_build() {
    let site = Site::copy_of("minimal");
    for i in 0..10_000 {
        site.write(&format!("content/disclosures/2026-10-01-n{i}.md"), &format!("---\ntitle: 第{i}号公告\ndate: 2026-10-01\ncategory: other\n---\n\n第{i}号公告正文。\n"));
    }
    site.build(&[]);
    assert!(site.exists("disclosures/n9999/index.html"));
    let files = files_under(&site.path().join("public/disclosures"));
    assert!(files.len() > 20_000);
}

#[test]
fn a_file_with_thousands_of_mistakes_lists_fifty_and_counts_the_rest() {
    let site = Site::copy_of("minimal");
    let rows: String = (0..3000)
        .map(|_| "      - {name: 王秀兰, nmae: x}\n")
        .collect();
    site.write(
        "content/disclosures/many.md",
        &format!("---\ntitle: x\ndate: 2026-11-01\ncategory: affairs\ntables:\n  - columns:\n      - {{key: name, label: 姓名, mask: name}}\n    rows:\n{rows}---\n"),
    );
    let err = site.check_fails();
    assert_eq!(err.matches("这一行有表格没有声明的列“nmae”").count(), 50);
    assert!(err.contains("错误：content/disclosures/many.md\n  这个文件还有2950个问题没有列出\n  → 先改正上面列出的问题，再运行一次检查\n\n共51个错误"), "{err}");
}

#[test]
fn markdown_nested_thousands_deep_is_refused_not_a_crash() {
    let nests = [
        ("quote", ">".repeat(2000)),
        ("div", "<div>".repeat(2000)),
        (
            "list",
            (0..1000)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect(),
        ),
    ];
    for (name, body) in nests {
        let site = Site::copy_of("minimal");
        site.build(&[]);
        let before = site.all_output();
        let top = site.top_level();
        site.write(
            &format!("content/disclosures/2026-11-01-{name}.md"),
            &format!("---\ntitle: 嵌套\ndate: 2026-11-01\ncategory: affairs\n---\n\n{body}\n"),
        );
        let out = site.run(&["build", "--today", TODAY]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(&format!(
                "content/disclosures/2026-11-01-{name}.md:6\n  正文嵌套得太深"
            )),
            "{name}: {err}"
        );
        assert_eq!(site.all_output(), before, "{name}: the site is unchanged");
        assert_eq!(site.top_level(), top, "{name}: nothing is left behind");
    }
}

#[test]
fn a_fifo_named_like_a_record_is_refused_without_hanging() {
    let site = Site::copy_of("minimal");
    let fifo = site.path().join("content/disclosures/2026-11-01-pipe.md");
    let c_path = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
    // SAFETY: mkfifo on a path in our own temporary folder.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gongkai"))
        .current_dir(site.path())
        .args(["build", "--today", TODAY])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("the build hangs on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/disclosures/2026-11-01-pipe.md\n  这不是普通文件"),
        "{err}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_symlinked_content_or_kind_folder_is_an_error_not_a_silent_skip() {
    for linked in ["content", "content/disclosures"] {
        let site = Site::copy_of("minimal");
        let elsewhere = Site::empty();
        let real = elsewhere.path().join("real");
        std::fs::rename(site.path().join(linked), &real).unwrap();
        std::os::unix::fs::symlink(&real, site.path().join(linked)).unwrap();
        let out = site.run(&["build", "--today", TODAY]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{linked}: {err}");
        assert!(
            err.contains(&format!("错误：{linked}\n  记录和记录文件夹不能是符号链接")),
            "{linked}: {err}"
        );
        assert!(!site.path().join("public").exists());
    }
}

#[test]
fn a_base_url_on_the_command_line_is_checked_like_site_yaml() {
    let site = Site::copy_of("minimal");
    for bad in [
        "javascript:alert(1)//",
        "ceshi.example.org",
        "https://a b.org/",
        "https://\"><script>/",
    ] {
        let out = site.run(&["build", "--today", TODAY, "--base-url", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(stderr(&out).contains("--base-url："), "{}", stderr(&out));
    }
    assert!(!site.path().join("public").exists());
}

#[test]
fn control_characters_in_names_never_reach_the_terminal_raw() {
    let site = Site::copy_of("minimal");
    site.write(
        "content/disclosures/2026-11-01-\u{1b}[2J.md",
        "---\ntitle: 标题\ndate: 2026-11-01\ncategory: affairs\n\"\\e]0;x\\a\": 1\n---\n",
    );
    let err = site.check_fails();
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}
