//! Search-index benchmark: `cargo bench --bench search`.
//!
//! The 10,000-record synthetic site of `benches/build.rs` is built once; its
//! record pages are read into memory and fed to the search index as a build
//! feeds them ([`gongkai::render::search::Indexer`]), timed without the
//! reading: adding the pages (Pagefind reads and splits each one) and
//! writing the index. A build does this after rendering, on one thread
//! (Pagefind's library indexes one page at a time), when any record page
//! changed; when none did, the index in the output is kept.
//!
//! It also reports what a phone downloads for a first search: Pagefind's
//! script and worker, its WebAssembly, the entry and metadata files, the
//! filters, one index chunk (a two-character query falls in one) and the
//! ten fragments of the first page of results, with average sizes.
//!
//! Environment: `GONGKAI_BENCH_RUNS` (default 3), `GONGKAI_BENCH_SEARCH_SIZE`
//! (records, default 10000).

#[path = "synth/mod.rs"]
#[allow(dead_code)]
mod synth;

use std::time::{Duration, Instant};

use gongkai::render::search::Indexer;

fn main() {
    let runs = synth::env_number("GONGKAI_BENCH_RUNS", 3);
    let n = synth::env_number("GONGKAI_BENCH_SEARCH_SIZE", 10_000);
    let out = synth::built_site(
        env!("CARGO_BIN_EXE_gongkai"),
        n,
        &format!("search-{n}-public"),
    );
    let kinds = [
        "disclosures/",
        "conventions/",
        "consultations/",
        "admissions/",
    ];
    let pages: Vec<(String, String)> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let record_page = kinds.iter().any(|k| rel.starts_with(k))
                && rel.ends_with("/index.html")
                && rel.matches('/').count() == 2;
            record_page.then(|| (rel, std::fs::read_to_string(e.path()).unwrap()))
        })
        .collect();
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    let mut adds = Vec::new();
    let mut finishes = Vec::new();
    let mut files = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let index = Indexer::new("zh-Hans");
        for (rel, html) in &pages {
            index.add(rel, html);
        }
        let collected = started.elapsed();
        files = index.finish().expect("the index is written");
        adds.push(collected);
        finishes.push(started.elapsed() - collected);
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64()
    };
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!(
        "indexed {} record pages ({:.1} MB of HTML): collecting {:.2} s, Pagefind {:.2} s, {:.2} s in all; {} files, {:.1} MB",
        pages.len(),
        bytes as f64 / 1e6,
        median(adds.clone()),
        median(finishes.clone()),
        median(adds) + median(finishes),
        files.len(),
        total as f64 / 1e6
    );
    let size = |pick: &dyn Fn(&str) -> bool| -> (usize, usize) {
        let sizes: Vec<usize> = files
            .iter()
            .filter(|(name, _)| pick(name))
            .map(|(_, b)| b.len())
            .collect();
        (sizes.iter().sum(), sizes.len())
    };
    let fixed = size(&|n: &str| !n.contains('/')).0;
    let (filters, _) = size(&|n: &str| n.starts_with("filter/"));
    let (chunks, chunk_count) = size(&|n: &str| n.starts_with("index/"));
    let (fragments, fragment_count) = size(&|n: &str| n.starts_with("fragment/"));
    let first =
        fixed + filters + chunks / chunk_count.max(1) + 10 * fragments / fragment_count.max(1);
    println!(
        "a first search downloads about {:.0} KB: scripts, WebAssembly and metadata {:.0} KB, filters {:.0} KB, one index chunk {:.0} KB (of {chunk_count}), ten fragments {:.0} KB",
        first as f64 / 1e3,
        fixed as f64 / 1e3,
        filters as f64 / 1e3,
        chunks as f64 / chunk_count.max(1) as f64 / 1e3,
        10.0 * fragments as f64 / fragment_count.max(1) as f64 / 1e3
    );
}
