//! `gongkai serve` driven as a clerk would: start it, read pages with a real
//! HTTP client, save a record and see the open pages told to reload, break a
//! record and see the overlay, fix it, and try to read outside the site.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::Site;

/// A running `gongkai serve`, stopped with Ctrl-C when dropped.
struct Server {
    child: Child,
    port: u16,
    lines: Receiver<String>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    fn start(site: &Site) -> Server {
        let port = free_port();
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("gongkai"))
            .args(["serve", "--port", &port.to_string()])
            .current_dir(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = read_lines(child.stdout.take().unwrap());
        let server = Server { child, port, lines };
        server.wait_for_line("预览地址：");
        server
    }

    fn wait_for_line(&self, wanted: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(line) = self.lines.recv_timeout(Duration::from_millis(100))
                && line.contains(wanted)
            {
                return line;
            }
        }
        panic!("serve never printed “{wanted}”");
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// GET with a real client; (status, content type, body).
    fn get(&self, path: &str) -> (u16, String, String) {
        let agent = ureq::AgentBuilder::new().redirects(0).build();
        let response = match agent.get(&self.url(path)).call() {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("GET {path}: {e}"),
        };
        let status = response.status();
        let ctype = response.header("content-type").unwrap_or("").to_string();
        let location = response.header("location").unwrap_or("").to_string();
        let body = response.into_string().unwrap_or_default();
        (status, ctype, if status == 301 { location } else { body })
    }

    /// Sends `path` byte for byte (no client normalization) and returns the status line.
    fn raw_status(&self, path: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut reply = String::new();
        let _ = s.read_to_string(&mut reply);
        reply.lines().next().unwrap_or("").to_string()
    }

    /// Subscribes to the live events, as an open page does.
    fn events(&self) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            s,
            "GET /__gongkai/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        Events {
            stream: s,
            buffer: String::new(),
        }
    }

    fn interrupt(&mut self) -> (i32, String) {
        // SAFETY: sending SIGINT to our own child process.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGINT) };
        let status = self.child.wait().unwrap();
        let mut rest = String::new();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(200)) {
            rest.push_str(&line);
            rest.push('\n');
        }
        (status.code().unwrap_or(-1), rest)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_lines(out: ChildStdout) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

struct Events {
    stream: TcpStream,
    buffer: String,
}

impl Events {
    /// Waits for the next event of type `kind`; returns its data.
    fn next(&mut self, kind: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        let marker = format!("event: {kind}\ndata: ");
        loop {
            if let Some(at) = self.buffer.find(&marker) {
                let data_start = at + marker.len();
                if let Some(end) = self.buffer[data_start..].find('\n') {
                    let data = self.buffer[data_start..data_start + end].to_string();
                    self.buffer.drain(..data_start + end);
                    return data;
                }
            }
            assert!(
                Instant::now() < deadline,
                "no “{kind}” event; got:\n{}",
                self.buffer
            );
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => panic!("the event stream closed"),
                Ok(n) => self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n])),
                Err(_) => {}
            }
        }
    }
}

fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let path = site.path().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} contains {from}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

const FINANCE: &str = "content/disclosures/2026-11-10-finance-2026-10.md";

#[test]
fn pages_are_served_with_the_right_types_and_the_live_script() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    let (status, ctype, body) = server.get("/");
    assert_eq!((status, ctype.as_str()), (200, "text/html; charset=utf-8"));
    assert!(
        body.contains("测试村村务公开栏")
            && body.contains("<script src=\"/__gongkai/live.js\"></script></body>"),
        "{body}"
    );
    let (status, ctype, _) = server.get("/assets/style.css");
    assert_eq!((status, ctype.as_str()), (200, "text/css; charset=utf-8"));
    let (status, ctype, _) = server.get("/feed.xml");
    assert_eq!(
        (status, ctype.as_str()),
        (200, "application/xml; charset=utf-8")
    );
    assert_eq!(
        server
            .get("/files/%E5%87%AD%E8%AF%81%E6%B8%85%E5%8D%95.txt")
            .2,
        "记-12 道路维修\n记-13 上级补助资金\n"
    );
    assert_eq!(
        server.get("/disclosures/dibao").0,
        301,
        "a folder without its slash is redirected"
    );
    assert_eq!(server.get("/disclosures/dibao").2, "/disclosures/dibao/");
    let (status, _, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("找不到这个页面"));
    // The preview shows drafts, marked as such.
    assert!(
        server
            .get("/disclosures/draft/")
            .2
            .contains("草稿（未正式发布）")
    );
    // A real build never carries the live script.
    site.build(&[]);
    assert!(!site.read("index.html").contains("live.js"));
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/disclosures/../../site.yaml",
        "/..%2f..%2fetc/passwd",
        "/..%5c..%5csite.yaml",
        "//etc/passwd",
        "/.gongkai-output",
        "/a%00b",
        "/%ff%fe",
    ] {
        let status = server.raw_status(path);
        assert!(
            status.contains(" 404 ") || status.contains(" 400 "),
            "{path}: {status}"
        );
    }
    // The preview's folder holds no link out of it, and none is followed.
    assert!(server.raw_status("/index.html").contains(" 200 "));
}

#[test]
fn saving_a_record_reloads_its_page_and_sheet() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    let mut events = server.events();
    edit(&site, FINANCE, "本月收支情况如下", "本月收支情况已更新如下");
    events.next("reload");
    server.wait_for_line("已更新（改动");
    assert!(
        server
            .get("/disclosures/finance-2026-10/")
            .2
            .contains("本月收支情况已更新如下")
    );
    assert!(
        server
            .get("/disclosures/finance-2026-10/print.html")
            .2
            .contains("本月收支情况已更新如下")
    );
    // A new title shows on the pages that list the record.
    edit(
        &site,
        FINANCE,
        "title: 测试村2026年10月财务收支公开",
        "title: 测试村十月份财务收支公开",
    );
    events.next("reload");
    assert!(server.get("/").2.contains("测试村十月份财务收支公开"));
    assert!(
        server
            .get("/disclosures/")
            .2
            .contains("测试村十月份财务收支公开")
    );
    // A new record appears; a deleted one is gone.
    site.write(
        "content/disclosures/2026-11-19-new.md",
        "---\ntitle: 新发布的公告\ndate: 2026-11-19\ncategory: other\n---\n\n正文。\n",
    );
    events.next("reload");
    assert_eq!(server.get("/disclosures/new/").0, 200);
    site.remove("content/disclosures/2026-11-19-new.md");
    events.next("reload");
    assert_eq!(server.get("/disclosures/new/").0, 404);
    assert!(!server.get("/disclosures/").2.contains("新发布的公告"));
    // A folder of records moved away takes its records with it.
    site.write(
        "content/disclosures/2025/2025-12-01-old.md",
        "---\ntitle: 去年的公告\ndate: 2025-12-01\ncategory: other\n---\n\n正文。\n",
    );
    events.next("reload");
    assert_eq!(server.get("/disclosures/old/").0, 200);
    std::fs::rename(
        site.path().join("content/disclosures/2025"),
        site.path().join("archive-2025"),
    )
    .unwrap();
    events.next("reload");
    assert_eq!(server.get("/disclosures/old/").0, 404);
}

#[test]
fn a_broken_save_shows_the_problem_and_keeps_the_last_good_site() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    let mut events = server.events();
    edit(
        &site,
        FINANCE,
        "closing: \"51999.50\"",
        "closing: \"51999.00\"",
    );
    let problems = events.next("errors");
    let list: serde_json::Value = serde_json::from_str(&problems).unwrap();
    assert_eq!(
        list[0]["location"],
        "content/disclosures/2026-11-10-finance-2026-10.md:16:12"
    );
    assert_eq!(list[0]["field"], "ledger.closing");
    assert!(
        list[0]["message"]
            .as_str()
            .unwrap()
            .contains("本期结余 closing 写的是 51999.00")
    );
    assert!(
        list[0]["help"]
            .as_str()
            .unwrap()
            .contains("把 closing 改为 \"51999.50\"")
    );
    // The last good page is still there, and a page opened now is told at once.
    assert!(
        server
            .get("/disclosures/finance-2026-10/")
            .2
            .contains("51,999.50")
    );
    let mut late = server.events();
    assert!(late.next("errors").contains("ledger.closing"));
    // Fixing it clears the overlay by reloading.
    edit(
        &site,
        FINANCE,
        "closing: \"51999.00\"",
        "closing: \"51999.50\"",
    );
    events.next("reload");
    late.next("reload");
    assert!(
        server
            .get("/disclosures/finance-2026-10/")
            .2
            .contains("51,999.50")
    );
}

#[test]
fn templates_and_settings_rebuild_everything() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    let mut events = server.events();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>此页不存在</h1>{% endblock main %}",
    );
    events.next("reload");
    assert!(server.get("/missing/").2.contains("此页不存在"));
    edit(
        &site,
        "site.yaml",
        "title: 测试村村务公开栏",
        "title: 测试村公开栏（新）",
    );
    events.next("reload");
    assert!(server.get("/").2.contains("测试村公开栏（新）"));
    assert!(
        server
            .get("/disclosures/dibao/")
            .2
            .contains("测试村公开栏（新）")
    );
}

#[test]
fn a_client_that_hangs_up_does_not_stop_the_server() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    for _ in 0..20 {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let _ = write!(
            s,
            "GET /disclosures/finance-2026-10/print.html HTTP/1.1\r\nHost: x\r\n\r\n"
        );
        drop(s);
        let mut half = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let _ = write!(half, "GET /index.html HTT");
        drop(half);
    }
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn ctrl_c_stops_cleanly_and_a_busy_port_says_what_to_do() {
    let site = Site::copy_of("minimal");
    let mut server = Server::start(&site);
    let busy = Command::new(assert_cmd::cargo::cargo_bin("gongkai"))
        .args(["serve", "--port", &server.port.to_string()])
        .current_dir(site.path())
        .output()
        .unwrap();
    assert_eq!(busy.status.code(), Some(2));
    let err = String::from_utf8_lossy(&busy.stderr);
    assert!(
        err.contains(&format!("端口 {} 已被占用", server.port))
            && err.contains("换一个端口：gongkai serve --port"),
        "{err}"
    );
    let (code, rest) = server.interrupt();
    assert_eq!(code, 0);
    assert!(rest.contains("预览已停止。"), "{rest}");
    assert!(
        !site.path().join("public").exists(),
        "the preview never touches public/"
    );
}

/// Sends a raw request head and returns the whole reply.
fn raw_request(port: u16, head: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut reply = String::new();
    let _ = s.read_to_string(&mut reply);
    reply
}

#[test]
fn a_page_on_another_site_cannot_read_the_preview_by_rebinding_dns() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    for host in [
        "evil.example.com",
        "evil.example.com:80",
        "127.0.0.1.evil.example",
    ] {
        let reply = raw_request(
            server.port,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert!(reply.starts_with("HTTP/1.1 421"), "Host {host}: {reply}");
        assert!(!reply.contains("测试村"), "no page is given to {host}");
    }
    for host in [
        format!("127.0.0.1:{}", server.port),
        format!("localhost:{}", server.port),
        format!("[::1]:{}", server.port),
    ] {
        let reply = raw_request(
            server.port,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert!(reply.starts_with("HTTP/1.1 200"), "Host {host}: {reply}");
    }
    let reply = raw_request(server.port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert!(reply.starts_with("HTTP/1.1 421"), "no Host: {reply}");
}

#[test]
fn a_slow_client_is_dropped_while_others_are_served() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    // Half a request head, then silence.
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        .unwrap();
    let started = Instant::now();
    let (status, _, body) = server.get("/");
    assert_eq!(status, 200, "others are served meanwhile");
    assert!(body.contains("测试村"));
    slow.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(15),
        "the slow client was dropped after the header timeout, not held ({waited:?})"
    );
}

#[test]
fn double_slashes_never_redirect_to_another_host() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    for path in [
        "//disclosures",
        "///disclosures",
        "//evil.example.com/",
        "/\\evil.example.com",
    ] {
        let reply = raw_request(
            server.port,
            &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        );
        let location = reply.lines().find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        });
        if let Some(to) = location {
            assert!(
                to.starts_with('/') && !to.starts_with("//") && !to.contains('\\'),
                "{path} redirects to {to}"
            );
        }
    }
}

#[test]
fn saving_a_spreadsheet_re_renders_the_records_that_read_it() {
    let sheets = common::repo().join("tests/fixtures/sheets");
    let good = std::fs::read(sheets.join("ledger.xlsx")).unwrap();
    let wrong = std::fs::read(sheets.join("ledger-wrong-total.xlsx")).unwrap();
    let site = Site::copy_of("minimal");
    site.write_bytes("content/disclosures/收支明细.xlsx", &good);
    site.write(
        "content/disclosures/2026-11-05-sheet.md",
        "---\ntitle: 十月收支（表格）\ndate: 2026-11-05\ncategory: finance\nperiod: 2026-10\nreviewed_by: 测试村村务监督委员会\nledger:\n  opening: \"24400.00\"\n  from: 收支明细.xlsx\n---\n\n本月收支情况。\n",
    );
    let server = Server::start(&site);
    let mut events = server.events();
    assert!(server.get("/disclosures/sheet/").2.contains("38,787.10"));
    // Excel opens the workbook (a lock file appears), then saves it the way
    // it does: a temporary file with a made-up name, renamed over the original.
    let save = |bytes: &[u8]| {
        site.write_bytes("content/disclosures/8A3F2B10", bytes);
        std::fs::rename(
            site.path().join("content/disclosures/8A3F2B10"),
            site.path().join("content/disclosures/收支明细.xlsx"),
        )
        .unwrap();
    };
    site.write_bytes("content/disclosures/~$收支明细.xlsx", b"\x0clock");
    // Were the lock file taken for a change, it would rebuild the site now.
    std::thread::sleep(Duration::from_millis(1500));
    save(&wrong);
    let problems = events.next("errors");
    assert!(problems.contains("工作表“10月” D10 单元格"), "{problems}");
    assert!(problems.contains("99999.00"), "{problems}");
    save(&good);
    events.next("reload");
    let line = server.wait_for_line("已更新");
    assert!(
        line.contains("改动了"),
        "only the record that reads the workbook: {line}"
    );
    site.remove("content/disclosures/~$收支明细.xlsx");
    assert!(server.get("/disclosures/sheet/").2.contains("38,787.10"));
}

#[test]
fn a_saved_record_updates_the_year_category_and_tag_pages_it_is_or_was_on() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    let mut events = server.events();
    assert!(
        server
            .get("/disclosures/2026/")
            .2
            .contains("测试村2026年10月财务收支公开")
    );
    // An edited title shows on its year page and its category page, and
    // the preview says it changed a few files, not the whole site.
    edit(
        &site,
        FINANCE,
        "title: 测试村2026年10月财务收支公开",
        "title: 测试村十月份财务收支公开",
    );
    events.next("reload");
    let line = server.wait_for_line("已更新");
    assert!(line.contains("改动了"), "{line}");
    for page in ["/disclosures/2026/", "/disclosures/finance/"] {
        let html = server.get(page).2;
        assert!(html.contains("测试村十月份财务收支公开"), "{page}: {html}");
        assert!(!html.contains("测试村2026年10月财务收支公开"), "{page}");
    }
    // A record of last year with a tag: its year and tag pages appear.
    let old = "content/disclosures/2025-06-01-old.md";
    site.write(
        old,
        "---\ntitle: 去年的公告\ndate: 2025-06-01\ncategory: other\ntags: [旧账]\n---\n\n正文。\n",
    );
    events.next("reload");
    assert!(server.get("/disclosures/2025/").2.contains("去年的公告"));
    let tag = "/tags/%E6%97%A7%E8%B4%A6/";
    assert!(server.get(tag).2.contains("去年的公告"));
    assert!(common::text_of(&server.get("/tags/").2).contains("旧账（1条）"));
    assert!(
        server.get("/disclosures/2026/").2.contains("2025年"),
        "the other year pages name the new year"
    );
    // Moved to this year with another tag: the pages it left are gone.
    edit(&site, old, "date: 2025-06-01", "date: 2026-06-01");
    events.next("reload");
    edit(&site, old, "tags: [旧账]", "tags: [新账]");
    events.next("reload");
    assert_eq!(server.get("/disclosures/2025/").0, 404);
    assert_eq!(server.get(tag).0, 404);
    assert!(!server.get("/tags/").2.contains("旧账"));
    let this_year = server.get("/disclosures/2026/").2;
    assert!(this_year.contains("去年的公告"), "{this_year}");
    assert!(!this_year.contains("2025年"), "{this_year}");
    assert!(
        server
            .get("/tags/%E6%96%B0%E8%B4%A6/")
            .2
            .contains("去年的公告")
    );
}

/// The text of every search fragment the preview serves, unzipped.
fn searchable_text(server: &Server) -> String {
    use std::io::Read;
    let (status, _, list) = server.get("/pagefind/gongkai-index.txt");
    assert_eq!(status, 200, "the preview serves the search index");
    let mut all = String::new();
    for name in list.lines().skip(1).filter(|l| l.starts_with("fragment/")) {
        let mut gz = Vec::new();
        ureq::get(&server.url(&format!("/pagefind/{name}")))
            .call()
            .unwrap()
            .into_reader()
            .read_to_end(&mut gz)
            .unwrap();
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut text)
            .unwrap();
        all.push_str(&String::from_utf8_lossy(&text).replace('\u{200b}', ""));
    }
    all
}

#[test]
fn a_saved_title_becomes_searchable_and_the_old_one_does_not() {
    let site = Site::copy_of("minimal");
    let server = Server::start(&site);
    let mut events = server.events();
    assert!(searchable_text(&server).contains("测试村2026年10月财务收支公开"));
    edit(
        &site,
        FINANCE,
        "title: 测试村2026年10月财务收支公开",
        "title: 测试村十月份财务收支公开",
    );
    events.next("reload");
    // The index is remade just after the pages, in the background.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = searchable_text(&server);
        if text.contains("测试村十月份财务收支公开") {
            assert!(!text.contains("测试村2026年10月财务收支公开"));
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new title never became searchable"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
