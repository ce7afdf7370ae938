//! Cold-build benchmark: `cargo bench --bench build`.
//!
//! Generates deterministic synthetic sites (see `synth/mod.rs`), then runs the
//! release `gongkai build` on each with `public/` removed first, and reports
//! the median wall time and the peak resident memory of the build process.
//!
//! "Removed" means moved aside, and deleted only after the last run: ext4 skips
//! inodes freed in the last few minutes when it allocates new ones, so creating
//! 30,000 files right after deleting 30,000 costs two to five times the system
//! time (measured here: 1 s versus 4–10 s). The benchmark measures the build,
//! not that: it also waits until its previous clean-up is five minutes old
//! (`GONGKAI_BENCH_NO_SETTLE=1` skips the wait).
//!
//! Environment:
//! - `GONGKAI_BENCH_SIZES` — comma-separated record counts (default `10000`);
//! - `GONGKAI_BENCH_RUNS` — runs per size (default 3);
//! - `GONGKAI_BENCH_HUGO` — path of a `hugo` binary to measure beside it on the
//!   same bodies (default: `hugo` if it is on `PATH`, else skipped).

#[path = "synth/mod.rs"]
mod synth;

use std::path::{Path, PathBuf};

use std::process::Command;
use std::time::{Duration, Instant};
use synth::{ensure, site_dir};

struct Run {
    wall: Duration,
    peak_rss_kb: i64,
}

/// Runs `cmd` to completion and returns its wall time and peak RSS.
fn measure(mut cmd: Command) -> Run {
    let started = Instant::now();
    let child = cmd.spawn().expect("start the command");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data and `wait4` fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "command failed: {cmd:?}"
    );
    std::mem::forget(child);
    Run {
        wall,
        peak_rss_kb: usage.ru_maxrss,
    }
}

fn median(mut runs: Vec<Run>) -> Run {
    runs.sort_by_key(|r| r.wall);
    let peak = runs.iter().map(|r| r.peak_rss_kb).max().unwrap_or(0);
    let mid = runs.swap_remove(runs.len() / 2);
    Run {
        wall: mid.wall,
        peak_rss_kb: peak,
    }
}

fn hugo_binary() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GONGKAI_BENCH_HUGO") {
        return Some(PathBuf::from(p));
    }
    let found = Command::new("hugo").arg("version").output().ok()?;
    found.status.success().then(|| PathBuf::from("hugo"))
}

fn trash_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-trash")
}

/// Moves `dir` out of the way without freeing its inodes.
fn move_aside(dir: &Path) {
    if dir.exists() {
        let trash = trash_dir();
        std::fs::create_dir_all(&trash).expect("create the trash folder");
        let n = std::fs::read_dir(&trash).map(|d| d.count()).unwrap_or(0);
        std::fs::rename(dir, trash.join(format!("run-{n}"))).expect("move the old output aside");
    }
}

const SETTLE: Duration = Duration::from_secs(300);

/// Waits until the last clean-up's freed inodes are old enough not to slow ext4 down.
fn settle() {
    if std::env::var_os("GONGKAI_BENCH_NO_SETTLE").is_some() {
        return;
    }
    let marker = trash_dir().join(".cleaned");
    let Ok(age) = std::fs::metadata(&marker)
        .and_then(|m| m.modified())
        .map(|t| t.elapsed().unwrap_or_default())
    else {
        return;
    };
    if age < SETTLE {
        let wait = SETTLE - age;
        eprintln!(
            "waiting {} s for the file system to settle after the last clean-up…",
            wait.as_secs()
        );
        std::thread::sleep(wait);
    }
}

/// Deletes the outputs moved aside, and notes when.
fn clean_up() {
    let trash = trash_dir();
    if let Ok(entries) = std::fs::read_dir(&trash) {
        for e in entries.flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
        let _ = std::fs::write(trash.join(".cleaned"), "");
    }
}

fn main() {
    settle();
    let sizes: Vec<usize> = std::env::var("GONGKAI_BENCH_SIZES")
        .unwrap_or_else(|_| "10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs: usize = std::env::var("GONGKAI_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let gongkai = env!("CARGO_BIN_EXE_gongkai");
    let hugo = hugo_binary();
    println!("records  tool     median wall   peak RSS   output files");
    for n in sizes {
        let dir = site_dir(&format!("gongkai-{n}"));
        ensure(&dir, |d| synth::generate_site(d, n, 2026));
        let out = dir.join("public");
        let results: Vec<Run> = (0..runs)
            .map(|_| {
                move_aside(&out);
                let mut cmd = Command::new(gongkai);
                cmd.args(["build", "--today", "2026-11-25", "--root"])
                    .arg(&dir)
                    .stdout(std::process::Stdio::null());
                measure(cmd)
            })
            .collect();
        let files = walkdir::WalkDir::new(&out)
            .into_iter()
            .filter(|e| e.as_ref().is_ok_and(|e| e.file_type().is_file()))
            .count();
        let m = median(results);
        println!(
            "{n:>7}  gongkai  {:>9.3} s  {:>6} MB   {files}",
            m.wall.as_secs_f64(),
            m.peak_rss_kb / 1024
        );
        let gk = m.wall;
        if let Some(hugo) = &hugo {
            let hdir = site_dir(&format!("hugo-{n}"));
            ensure(&hdir, |d| synth::generate_hugo_site(d, n, 2026));
            let hout = hdir.join("public");
            let results: Vec<Run> = (0..runs)
                .map(|_| {
                    move_aside(&hout);
                    let mut cmd = Command::new(hugo);
                    cmd.args(["--quiet", "--source"])
                        .arg(&hdir)
                        .stdout(std::process::Stdio::null());
                    measure(cmd)
                })
                .collect();
            let m = median(results);
            println!(
                "{n:>7}  hugo     {:>9.3} s  {:>6} MB   (gongkai is {:.1}× faster)",
                m.wall.as_secs_f64(),
                m.peak_rss_kb / 1024,
                m.wall.as_secs_f64() / gk.as_secs_f64()
            );
        }
    }
    clean_up();
}
