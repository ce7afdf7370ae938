//! What a public board must never do: run a script that came from a record,
//! read or write outside the site, publish a resident's number, or lose the
//! last good site.

mod common;

use common::{Site, TODAY, files_under, stderr};

/// Classic cross-site-scripting payloads, from plain tags to encoded schemes.
const XSS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<body onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">点</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">点</a>",
    "<a href=\"java\tscript:alert(1)\">点</a>",
    "<a href=\"&#106;avascript:alert(1)\">点</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">点</a>",
    "<a href=\"vbscript:msgbox(1)\">点</a>",
    "[点](javascript:alert(1))",
    "[点](JAVASCRIPT:alert(1))",
    "[点](data:text/html,<script>alert(1)</script>)",
    "![图](javascript:alert(1))",
    "<div onclick=alert(1)>点我</div>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<form action=javascript:alert(1)><button>提交</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    "<img src=\"x\" style=\"x:expression(alert(1))\">",
    "{{ site.title }}{% raw %}",
];

/// Tags that run or load something, or restyle the page; none may come from a record.
const BAD_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "style", "form", "base", "meta", "link", "math",
    "marquee", "frame", "frameset", "applet",
];
/// Tags the theme itself writes into `<head>`.
const HEAD_TAGS: &[&str] = &["meta", "link"];

/// Decodes the character references a browser would decode in an attribute.
fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &after[..e];
            let code = if let Some(hex) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X"))
            {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = ent.strip_prefix('#') {
                dec.parse().ok()
            } else {
                match ent {
                    "colon" => Some(58),
                    "tab" => Some(9),
                    "newline" => Some(10),
                    "amp" => Some(38),
                    _ => None,
                }
            };
            code.and_then(char::from_u32).map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Everything in an HTML file a browser would run or load from a record:
/// dangerous tags, `on…` handlers, and script or data URLs in link attributes.
/// Attributes are tokenized with their quotes, so escaped text inside a
/// harmless attribute value is not mistaken for a handler.
fn dangers(html: &str, theme_head: bool) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if BAD_TAGS.contains(&name.as_str()) && !(theme_head && HEAD_TAGS.contains(&name.as_str()))
        {
            found.push(format!("<{name}>"));
        }
        let mut tag = &rest[name.len()..];
        loop {
            tag = tag.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if tag.is_empty() || tag.starts_with('>') {
                break;
            }
            let attr_len = tag
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .unwrap_or(tag.len());
            let attr = tag[..attr_len].to_ascii_lowercase();
            tag = tag[attr_len..].trim_start();
            let mut value = String::new();
            if let Some(v) = tag.strip_prefix('=') {
                let v = v.trim_start();
                let (val, after) = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let end = v[1..].find(q).map_or(v.len(), |e| e + 1);
                        (&v[1..end], &v[(end + 1).min(v.len())..])
                    }
                    _ => {
                        let end = v
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(v.len());
                        (&v[..end], &v[end..])
                    }
                };
                value = val.to_string();
                tag = after;
            }
            if attr.starts_with("on") {
                found.push(format!("<{name} {attr}=…>"));
            }
            if [
                "href",
                "src",
                "action",
                "formaction",
                "data",
                "xlink:href",
                "poster",
                "background",
            ]
            .contains(&attr.as_str())
            {
                let url: String = decode_entities(&value)
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| url.starts_with(s))
                {
                    found.push(format!("<{name} {attr}={url}>"));
                }
            }
            if attr == "style" && value.to_ascii_lowercase().contains("expression") {
                found.push(format!("<{name} style=expression>"));
            }
        }
        rest = tag;
    }
    found
}

#[test]
fn the_danger_finder_finds_dangers() {
    assert!(
        dangers(
            "<p>&lt;script&gt;</p><meta content=\"&lt;img onerror=x&gt;\">",
            true
        )
        .is_empty()
    );
    assert_eq!(
        dangers("<img src=x onerror=alert(1)>", false),
        vec!["<img onerror=…>"]
    );
    assert_eq!(
        dangers("<a href=\"&#106;avascript:x\">", false),
        vec!["<a href=javascript:x>"]
    );
    assert_eq!(
        dangers("<a href='java\tscript:x'>", false),
        vec!["<a href=javascript:x>"]
    );
    assert_eq!(dangers("<SCRIPT>x</SCRIPT>", false), vec!["<script>"]);
    assert!(!dangers("<meta name=description content=x>", false).is_empty());
}

fn yaml_quote(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\t', "\\t")
    )
}

#[test]
fn no_script_survives_from_any_field_or_body_into_any_output() {
    let site = Site::copy_of("minimal");
    for (i, payload) in XSS.iter().enumerate() {
        let q = yaml_quote(payload);
        site.write(
            &format!("content/disclosures/2026-11-0{}-xss-{i}.md", i % 9 + 1),
            &format!(
                "---\ntitle: {q}\ndate: 2026-11-0{}\nsummary: {q}\ntags: [{q}]\ncategory: finance\nperiod: 2026-10\nissuer: {q}\nreviewed_by: {q}\n\
                 posting: {{from: 2026-11-01, until: 2026-11-30}}\ncontact: {{person: {q}}}\nfeedback: {{deadline: 2026-11-30, address: {q}, email: {q}}}\n\
                 amendments: [{{date: 2026-11-10, note: {q}}}]\n\
                 ledger: {{opening: \"0\", entries: [{{date: 2026-10-01, item: {q}, voucher: {q}, income: \"1\", note: {q}}}], closing: \"1.00\"}}\n\
                 tables: [{{caption: {q}, note: {q}, columns: [{{key: a, label: {q}}}, {{key: b, label: b, mask: name}}], rows: [{{a: {q}, b: {q}}}]}}]\n---\n\n\
                 {payload}\n\n段落 {payload} 中间\n\n- {payload}\n\n| 表 | 头 |\n|---|---|\n| {payload} | x |\n",
                i % 9 + 1
            ),
        );
        site.write(
            &format!("content/conventions/xss-{i}.md"),
            &format!(
                "---\ntitle: {q}\ndate: 2026-11-01\nstatus: consultation\nchapters: [{{title: {q}, articles: [{q}, \"第二条 {}\"]}}]\n---\n\n{payload}\n",
                payload.replace('\\', "\\\\").replace('"', "\\\"")
            ),
        );
        site.write(
            &format!("content/consultations/xss-{i}.md"),
            &format!(
                "---\ntitle: {q}\ndate: 2026-11-01\nmeeting: {{date: 2026-11-01, time: {q}, place: {q}, host: {q}, recorder: {q}, form: {q}}}\n\
                 attendees: [{q}]\nagenda: [{{topic: {q}, proposed_by: {q}, discussion: {q}, decision: {q}}}]\n\
                 follow_up: [{{task: {q}, owner: {q}, due: 2026-11-01, result: {q}}}]\n---\n"
            ),
        );
        site.write(
            &format!("content/admissions/xss-{i}.yaml"),
            &format!("title: {q}\ndate: 2026-11-01\nbasis: {q}\nissued_by: {q}\nitems: [{{no: 1, name: {q}, type: assisted, department: {q}, basis: {q}, note: {q}}}]\nbody: {q}\n"),
        );
    }
    let out = site.run(&["build", "--today", TODAY]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut problems = Vec::new();
    let files = site.all_output();
    assert!(files.len() > 4 * XSS.len() * 2, "every record was built");
    for (rel, bytes) in files {
        // Open data is data: it keeps the clerk's text as written and is never
        // put into a page. Pages, sheets and the feed must carry nothing live.
        if !(rel.ends_with(".html") || rel.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        let found = if rel.ends_with(".xml") {
            // Titles and summaries are text in Atom; each entry's content is HTML
            // escaped once for XML. Look at that HTML as a feed reader would.
            let mut found = Vec::new();
            for part in text.split("<content type=\"html\"").skip(1) {
                let body = part
                    .split_once('>')
                    .map_or("", |(_, b)| b)
                    .split("</content>")
                    .next()
                    .unwrap_or("");
                let html = body
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&");
                found.extend(dangers(&html, false));
            }
            found
        } else {
            // The theme writes its own <meta>/<link> in <head>; a record's never reach it.
            let (head, body) = text.split_once("<body").unwrap_or(("", &text));
            let mut found: Vec<String> = dangers(head, true);
            found.extend(dangers(body, false));
            found
        };
        if !found.is_empty() {
            problems.push(format!("public/{rel}: {found:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // What Markdown is for still works beside the sanitizing.
    let page = site.read("disclosures/xss-0/index.html");
    assert!(
        page.contains("<table>") || page.contains("<table"),
        "tables still render"
    );
}

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
            "attachments[0].file",
            "不能含 ..、/ 开头或盘符",
        ),
        (
            "absolute",
            "attachments: [{file: /etc/passwd}]\n",
            "attachments[0].file",
            "不能含 ..、/ 开头或盘符",
        ),
        (
            "windows",
            "attachments: [{file: \"files\\\\..\\\\..\\\\site.yaml\"}]\n",
            "attachments[0].file",
            "用了反斜杠",
        ),
        (
            "drive",
            "attachments: [{file: \"C:/Windows/win.ini\"}]\n",
            "attachments[0].file",
            "不能含 ..、/ 开头或盘符",
        ),
        (
            "nul",
            "attachments: [{file: \"files/a\\0.txt\"}]\n",
            "attachments[0].file",
            "含有不可见字符",
        ),
        (
            "url",
            "attachments: [{file: \"https://example.org/a.pdf\"}]\n",
            "attachments[0].file",
            "是网址，不是文件",
        ),
        (
            "symlink",
            "attachments: [{file: files/link.txt}]\n",
            "attachments[0].file",
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
    assert!(err.contains("错误：content/disclosures/many.md\n  这个文件还有 2950 个问题没有列出\n  → 先改正上面列出的问题，再运行一次检查\n\n共 51 个错误"), "{err}");
}
