//! Build benchmark: `cargo bench --bench build`.
//!
//! Generates deterministic synthetic records (see `synth/mod.rs`) once per
//! size and writes them out as a gongkai site and, for each other tool found,
//! as that tool's site with the same titles, dates, summaries, tags and
//! Markdown bodies. Every tool is then measured three ways; each figure is the
//! median wall time of the runs and the worst peak resident memory of the
//! build process (`wait4`), with the number and bytes of files in `public/`.
//!
//! - **Second build** (the headline): the site is built once and then built
//!   again straight away, the old `public/` in place, as a user who runs the
//!   build twice does; each timed run follows the build before it with no
//!   pause. gongkai writes a new `public/` beside the old one, swaps them and
//!   deletes the old one; Hugo writes over the old files; Zola deletes the old
//!   folder first.
//! - **Settled cold build**: `public/` moved aside before each run (nothing to
//!   reuse, nothing to delete), on a file system whose last large deletion is
//!   at least five minutes old. ext4 skips inodes freed in the last few
//!   minutes when it allocates new ones, so creating 30,000 files right after
//!   deleting 30,000 costs two to five times the system time (measured here:
//!   1 s versus 4–10 s); and on a disk mounted with `discard`, deleting waits
//!   for the disk. This row shows the build without either; the old outputs
//!   are deleted only after the last run (`GONGKAI_BENCH_NO_SETTLE=1` skips
//!   the wait).
//! - **RAM disk**: the second build again, with the site copied to a tmpfs.
//!
//! The settled cold builds run first, then the second builds, then the RAM
//! disk, so that no deletion comes before a settled run.
//!
//! Environment:
//! - `GONGKAI_BENCH_SIZES` — comma-separated record counts (default `10000`);
//! - `GONGKAI_BENCH_RUNS` — timed runs per size, tool and method (default 3);
//! - `GONGKAI_BENCH_NO_SETTLE` — set to skip the wait for ext4 to settle;
//! - `GONGKAI_BENCH_HUGO` — path of a `hugo` binary to measure beside gongkai
//!   (default: `hugo` if it is on `PATH`, else skipped);
//! - `GONGKAI_BENCH_PAGEFIND` — path of a Pagefind CLI (`pagefind_extended`,
//!   e.g. from `npm i pagefind`): Hugo's runs then index its output with it,
//!   as a Hugo site with search is built;
//! - `GONGKAI_BENCH_ZOLA` — likewise for `zola`;
//! - `GONGKAI_BENCH_RAMDISK` — the tmpfs folder for the RAM-disk rows
//!   (default `/dev/shm`; `off` skips them).

#[path = "synth/mod.rs"]
#[allow(dead_code)] // `generate_site` is the serve benchmark's
mod synth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use synth::{Record, ensure, site_dir};

const SEED: u64 = 2026;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tool {
    Gongkai,
    Hugo,
    Zola,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::Gongkai => "gongkai",
            Tool::Hugo => "hugo",
            Tool::Zola => "zola",
        }
    }
}

/// A tool found on this machine.
struct Bin {
    tool: Tool,
    path: PathBuf,
    version: String,
}

impl Bin {
    /// The command that builds `site` into `site/public`.
    fn command(&self, site: &Path) -> Command {
        let mut cmd = Command::new(&self.path);
        match self.tool {
            Tool::Gongkai => cmd
                .args(["build", "--today", "2026-11-25", "--root"])
                .arg(site),
            Tool::Hugo => match std::env::var_os("GONGKAI_BENCH_PAGEFIND") {
                // Hugo, then the Pagefind CLI over its output: a Hugo site
                // with search, against gongkai's built-in index.
                Some(pagefind) => {
                    cmd = Command::new("sh");
                    cmd.args([
                        "-c",
                        "\"$0\" --quiet --source \"$1\" && \"$2\" --site \"$1/public\" >/dev/null",
                    ])
                    .arg(&self.path)
                    .arg(site)
                    .arg(pagefind)
                }
                None => cmd.args(["--quiet", "--source"]).arg(site),
            },
            Tool::Zola => cmd.arg("--root").arg(site).arg("build"),
        };
        cmd.stdout(Stdio::null());
        cmd
    }

    fn write_site(&self, dir: &Path, records: &[Record]) -> std::io::Result<()> {
        match self.tool {
            Tool::Gongkai => synth::write_gongkai_site(dir, records),
            Tool::Hugo => synth::write_hugo_site(dir, records),
            Tool::Zola => synth::write_zola_site(dir, records),
        }
    }

    fn site(&self, n: usize) -> PathBuf {
        site_dir(&format!("{}-{n}", self.tool.name()))
    }
}

/// The binary named by `var`, else `tool` on `PATH`, else none.
fn find(tool: Tool, var: &str, version_args: &[&str]) -> Option<Bin> {
    let named = std::env::var_os(var).map(PathBuf::from);
    let path = named.clone().unwrap_or_else(|| PathBuf::from(tool.name()));
    let out = Command::new(&path).args(version_args).output();
    match out {
        Ok(out) if out.status.success() => Some(Bin {
            tool,
            path,
            version: String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_string(),
        }),
        _ if named.is_some() => panic!("{var}={} does not run", path.display()),
        _ => None,
    }
}

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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Second,
    Cold,
    RamDisk,
}

impl Method {
    const ALL: [Method; 3] = [Method::Second, Method::Cold, Method::RamDisk];

    fn label(self) -> &'static str {
        match self {
            Method::Second => "second build",
            Method::Cold => "settled cold",
            Method::RamDisk => "RAM disk, 2nd",
        }
    }
}

struct Row {
    n: usize,
    method: Method,
    tool: Tool,
    /// Median of the runs.
    wall: Duration,
    /// Worst of the runs.
    peak_rss_kb: i64,
    files: usize,
    bytes: u64,
}

impl Row {
    fn new(n: usize, method: Method, tool: Tool, mut runs: Vec<Run>, public: &Path) -> Row {
        runs.sort_by_key(|r| r.wall);
        let (files, bytes) = output_size(public);
        let row = Row {
            n,
            method,
            tool,
            wall: runs[runs.len() / 2].wall,
            peak_rss_kb: runs.iter().map(|r| r.peak_rss_kb).max().unwrap_or(0),
            files,
            bytes,
        };
        eprintln!(
            "{n} records, {}, {}: {:.3} s, {} MB, {files} files, {:.1} MB",
            method.label(),
            tool.name(),
            row.wall.as_secs_f64(),
            row.peak_rss_kb / 1024,
            bytes as f64 / 1e6
        );
        row
    }
}

/// The number of files under `dir` and their total length.
fn output_size(dir: &Path) -> (usize, u64) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(files, bytes), e| {
            (files + 1, bytes + e.metadata().map_or(0, |m| m.len()))
        })
}

/// Builds once untimed, then `runs` times back to back with the old output in place.
fn second_builds(bin: &Bin, site: &Path, runs: usize) -> Vec<Run> {
    measure(bin.command(site));
    (0..runs).map(|_| measure(bin.command(site))).collect()
}

/// Builds `runs` times, each into a missing `public/`.
fn cold_builds(bin: &Bin, site: &Path, runs: usize) -> Vec<Run> {
    (0..runs)
        .map(|_| {
            move_aside(&site.join("public"));
            measure(bin.command(site))
        })
        .collect()
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

/// Notes that many inodes were freed just now.
fn note_freed() {
    let trash = trash_dir();
    let _ = std::fs::create_dir_all(&trash);
    let _ = std::fs::write(trash.join(".cleaned"), "");
}

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
    if let Ok(entries) = std::fs::read_dir(trash_dir()) {
        for e in entries.flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    note_freed();
}

/// The tmpfs folder for the RAM-disk rows, if there is one.
fn ram_disk() -> Option<PathBuf> {
    let dir = std::env::var_os("GONGKAI_BENCH_RAMDISK")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/dev/shm"));
    (dir != Path::new("off") && dir.is_dir()).then(|| dir.join("gongkai-bench"))
}

/// Copies the site at `from` to `to`, without its output.
fn copy_site(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    let entries = walkdir::WalkDir::new(from)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.file_name() != "public");
    for e in entries {
        let e = e.expect("read the site");
        let dest = to.join(e.path().strip_prefix(from).expect("under the site"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("copy the site");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy the site");
        }
    }
}

fn print_table(bins: &[Bin], sizes: &[usize], rows: &[Row]) {
    println!();
    for b in bins {
        println!("{:<8} {}", b.tool.name(), b.version);
    }
    println!(
        "\nrecords  build          tool     median wall   peak RSS    files       bytes   time ÷ gongkai's"
    );
    for &n in sizes {
        for method in Method::ALL {
            let of = |tool| {
                rows.iter()
                    .find(|r| r.n == n && r.method == method && r.tool == tool)
            };
            let Some(gk) = of(Tool::Gongkai) else {
                continue;
            };
            for b in bins {
                let Some(r) = of(b.tool) else { continue };
                let ratio = if b.tool == Tool::Gongkai {
                    String::new()
                } else {
                    format!("{:.2}×", r.wall.as_secs_f64() / gk.wall.as_secs_f64())
                };
                println!(
                    "{n:>7}  {:<13}  {:<7}  {:>9.3} s  {:>6} MB  {:>7}  {:>7.1} MB   {ratio}",
                    method.label(),
                    b.tool.name(),
                    r.wall.as_secs_f64(),
                    r.peak_rss_kb / 1024,
                    r.files,
                    r.bytes as f64 / 1e6,
                );
            }
        }
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("GONGKAI_BENCH_SIZES")
        .unwrap_or_else(|_| "10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs: usize = std::env::var("GONGKAI_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
        .max(1);
    let mut bins = vec![Bin {
        tool: Tool::Gongkai,
        path: PathBuf::from(env!("CARGO_BIN_EXE_gongkai")),
        version: format!("gongkai {} (release)", env!("CARGO_PKG_VERSION")),
    }];
    bins.extend(find(Tool::Hugo, "GONGKAI_BENCH_HUGO", &["version"]));
    if let (Some(hugo), Some(pagefind)) = (
        bins.iter_mut().find(|b| b.tool == Tool::Hugo),
        std::env::var_os("GONGKAI_BENCH_PAGEFIND"),
    ) {
        let out = Command::new(&pagefind).arg("--version").output();
        let version = out.map_or(String::new(), |o| {
            String::from_utf8_lossy(&o.stdout).trim().to_string()
        });
        hugo.version = format!("{} + Pagefind CLI ({version})", hugo.version);
    }
    bins.extend(find(Tool::Zola, "GONGKAI_BENCH_ZOLA", &["--version"]));

    // The sites, from one list of records per size.
    for &n in &sizes {
        let mut records = None;
        for b in &bins {
            let dir = b.site(n);
            let existed = dir.exists();
            let made = ensure(&dir, |d| {
                b.write_site(d, records.get_or_insert_with(|| synth::records(n, SEED)))
            });
            if made && existed {
                note_freed(); // an outdated site was deleted
            }
        }
    }

    let mut rows = Vec::new();
    settle();
    for &n in &sizes {
        for b in &bins {
            let site = b.site(n);
            let runs = cold_builds(b, &site, runs);
            rows.push(Row::new(
                n,
                Method::Cold,
                b.tool,
                runs,
                &site.join("public"),
            ));
        }
    }
    for &n in &sizes {
        for b in &bins {
            let site = b.site(n);
            let runs = second_builds(b, &site, runs);
            rows.push(Row::new(
                n,
                Method::Second,
                b.tool,
                runs,
                &site.join("public"),
            ));
        }
    }
    if let Some(shm) = ram_disk() {
        for &n in &sizes {
            for b in &bins {
                let site = shm.join(format!("{}-{n}", b.tool.name()));
                copy_site(&b.site(n), &site);
                let runs = second_builds(b, &site, runs);
                rows.push(Row::new(
                    n,
                    Method::RamDisk,
                    b.tool,
                    runs,
                    &site.join("public"),
                ));
                let _ = std::fs::remove_dir_all(&site);
            }
        }
        let _ = std::fs::remove_dir(&shm);
    }
    clean_up();
    print_table(&bins, &sizes, &rows);
}
