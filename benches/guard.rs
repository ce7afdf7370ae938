//! Privacy-guard benchmark: `cargo bench --bench guard`.
//!
//! Every file a build writes is scanned for private numbers before it is
//! written (`src/render/writer.rs`). This measures that scan on its own: the
//! 10,000-record synthetic site of `benches/build.rs` is built once, then
//! every file of its output is read into memory and scanned as the writer
//! scans it, on one thread, timed without the reading. The build runs the
//! scan on its rendering threads, so its share of a build's wall time is
//! about this figure divided by the cores.
//!
//! Environment: `GONGKAI_BENCH_RUNS` (default 3), `GONGKAI_BENCH_GUARD_SIZE`
//! (records, default 10000).

#[path = "synth/mod.rs"]
#[allow(dead_code)]
mod synth;

use std::time::Instant;

use gongkai::privacy::{Allowed, TextKind, scan_output};

fn main() {
    let runs = synth::env_number("GONGKAI_BENCH_RUNS", 3);
    let n = synth::env_number("GONGKAI_BENCH_GUARD_SIZE", 10_000);
    let out = synth::built_site(
        env!("CARGO_BIN_EXE_gongkai"),
        n,
        &format!("guard-{n}-public"),
    );
    let files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let allowed = Allowed::new(["0431-8888888"]);
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..runs {
        let started = Instant::now();
        found = 0;
        for (rel, b) in &files {
            if let Some(kind) = TextKind::of_path(rel) {
                found += scan_output(rel, b, kind, &allowed).len();
            }
        }
        times.push(started.elapsed());
    }
    times.sort();
    let t = times[times.len() / 2].as_secs_f64();
    println!(
        "scanned {} files, {:.1} MB, in {:.2} s on one thread ({:.0} MB/s); {found} private numbers found",
        files.len(),
        bytes as f64 / 1e6,
        t,
        bytes as f64 / 1e6 / t
    );
    assert_eq!(found, 0, "the synthetic site holds no private number");
}
