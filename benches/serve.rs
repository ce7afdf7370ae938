//! Live-preview benchmark: `cargo bench --bench serve`.
//!
//! Starts the release `gongkai serve` on a synthetic site (10,000 records by
//! default, `GONGKAI_BENCH_SERVE_SIZE` to change), subscribes to its live
//! events as an open page does, then saves one record at a time and measures
//! from the file write to the `reload` event reaching the page. Also measures
//! a template change, which rebuilds everything.

#[path = "synth/mod.rs"]
#[allow(dead_code)] // the Hugo and Zola sites are the build benchmark's
mod synth;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use synth::{ensure, site_dir};

/// Reads the event stream until a `reload` event; returns when it arrived.
fn wait_reload(stream: &mut TcpStream, buffer: &mut String) -> Instant {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(at) = buffer.find("event: reload") {
            buffer.drain(..at + "event: reload".len());
            return Instant::now();
        }
        assert!(Instant::now() < deadline, "no reload event");
        let mut chunk = [0u8; 4096];
        if let Ok(n) = stream.read(&mut chunk) {
            buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let n: usize = std::env::var("GONGKAI_BENCH_SERVE_SIZE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let edits: usize = std::env::var("GONGKAI_BENCH_EDITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    // A copy of its own: the edits must not change the build benchmark's site.
    let dir = site_dir(&format!("serve-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    ensure(&dir, |d| synth::generate_site(d, n, 2026));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start gongkai serve");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        if line.unwrap_or_default().contains("预览地址") {
            break;
        }
    }
    let first_build = started.elapsed();
    std::thread::spawn(move || for _ in lines {});

    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__gongkai/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(50)))
        .unwrap();
    let mut buffer = String::new();
    std::thread::sleep(Duration::from_millis(300));

    let kinds = ["disclosures", "conventions", "consultations", "admissions"];
    let mut times = Vec::new();
    for i in 0..edits {
        let kind = kinds[i % 4];
        let record = (i * 97 + 4) % n / 4 * 4 + i % 4;
        let path = std::fs::read_dir(dir.join("content").join(kind))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .ends_with(&format!("-r-{record}.md"))
            })
            .expect("the record file");
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = text.replacen("## 基本情况", &format!("## 基本情况（第{i}次修改）"), 1);
        buffer.clear();
        let t0 = Instant::now();
        std::fs::write(&path, edited).unwrap();
        let t1 = wait_reload(&mut stream, &mut buffer);
        times.push(t1 - t0);
        std::thread::sleep(Duration::from_millis(150));
    }
    times.sort();

    // A template change rebuilds the whole site.
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    let t0 = Instant::now();
    std::fs::write(
        dir.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>404</h1>{% endblock main %}",
    )
    .unwrap();
    let full = wait_reload(&mut stream, &mut buffer) - t0;

    // SAFETY: asking our own child to stop as Ctrl-C would.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "records {n}: first build and serve {:.2} s",
        first_build.as_secs_f64()
    );
    println!(
        "save one record → reload event, {edits} saves: median {:.0} ms, p90 {:.0} ms, max {:.0} ms",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.9)),
        ms(*times.last().unwrap())
    );
    println!(
        "template change → reload (full rebuild): {:.0} ms",
        ms(full)
    );
}
