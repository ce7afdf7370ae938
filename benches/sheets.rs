//! Spreadsheet benchmark: `cargo bench --bench sheets`.
//!
//! Two questions from issue 10, each answered by timing `gongkai build`
//! (the release binary, with the old `public/` in place: a second build run
//! straight after the first, as a clerk runs it):
//!
//! 1. **One big ledger.** A disclosure whose 5,000-entry ledger is read from
//!    an `.xlsx` (dates as date cells, amounts as numbers, a 本期合计 row)
//!    loads, is checked to the fen, and renders its page, sheet and workbook
//!    in under a second. The same ledger typed as YAML is timed beside it.
//! 2. **A whole site of workbooks.** The 10,000-record synthetic site of
//!    `benches/build.rs`, with every disclosure's ten-entry ledger in a small
//!    `.xlsx` beside it instead of in YAML, stays within twice the time of the
//!    same site in YAML.
//!
//! Environment: `GONGKAI_BENCH_RUNS` (timed runs, default 3),
//! `GONGKAI_BENCH_SHEET_SIZE` (records of the site, default 10000).

#[path = "synth/mod.rs"]
#[allow(dead_code)]
mod synth;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const SEED: u64 = 2026;
const TODAY: &str = "2026-11-25";

/// One ledger entry: (date, item, income in fen, expense in fen).
type Entry = ((u16, u8, u8), String, Option<i64>, Option<i64>);

fn fen(n: i64) -> String {
    format!(
        "{}{}.{:02}",
        if n < 0 { "-" } else { "" },
        n.abs() / 100,
        n.abs() % 100
    )
}

/// Writes the ledger as a clerk's workbook: a merged title, a header, the
/// 上期结余 row, the entries with their running balance, 本期合计 and 本期结余.
fn write_ledger_xlsx(path: &Path, opening: i64, entries: &[Entry]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let money = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .merge_range(0, 0, 0, 6, "收支明细账", &Format::new())
        .unwrap();
    for (c, h) in ["日期", "凭证号", "摘要", "收入", "支出", "余额", "备注"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    sheet.write_string(3, 2, "上期结余").unwrap();
    sheet
        .write_number_with_format(3, 5, opening as f64 / 100.0, &money)
        .unwrap();
    let (mut balance, mut income, mut expense) = (opening, 0, 0);
    for (i, ((y, m, d), item, inc, exp)) in entries.iter().enumerate() {
        let r = i as u32 + 4;
        let day = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
        sheet.write_datetime_with_format(r, 0, &day, &date).unwrap();
        sheet.write_string(r, 1, format!("记-{}", i + 1)).unwrap();
        sheet.write_string(r, 2, item).unwrap();
        if let Some(v) = inc {
            sheet
                .write_number_with_format(r, 3, *v as f64 / 100.0, &money)
                .unwrap();
            balance += v;
            income += v;
        }
        if let Some(v) = exp {
            sheet
                .write_number_with_format(r, 4, *v as f64 / 100.0, &money)
                .unwrap();
            balance -= v;
            expense += v;
        }
        sheet
            .write_number_with_format(r, 5, balance as f64 / 100.0, &money)
            .unwrap();
    }
    let r = entries.len() as u32 + 4;
    sheet.write_string(r, 2, "本期合计").unwrap();
    sheet
        .write_number_with_format(r, 3, income as f64 / 100.0, &money)
        .unwrap();
    sheet
        .write_number_with_format(r, 4, expense as f64 / 100.0, &money)
        .unwrap();
    sheet.write_string(r + 1, 2, "本期结余").unwrap();
    sheet
        .write_number_with_format(r + 1, 5, balance as f64 / 100.0, &money)
        .unwrap();
    book.save(path).unwrap();
}

fn ledger_yaml(opening: i64, entries: &[Entry]) -> String {
    let mut s = format!("ledger:\n  opening: \"{}\"\n  entries:\n", fen(opening));
    let mut closing = opening;
    for ((y, m, d), item, inc, exp) in entries {
        let amount = match (inc, exp) {
            (Some(v), _) => {
                closing += v;
                format!("income: \"{}\"", fen(*v))
            }
            (_, Some(v)) => {
                closing -= v;
                format!("expense: \"{}\"", fen(*v))
            }
            _ => unreachable!(),
        };
        s += &format!("    - {{date: {y}-{m:02}-{d:02}, item: {item}, {amount}}}\n");
    }
    s + &format!("  closing: \"{}\"\n", fen(closing))
}

fn site_yaml(root: &Path) {
    std::fs::create_dir_all(root.join("content/disclosures")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        "title: 测试社区居务公开栏\nbase_url: https://bench.example.org/\ncommunity:\n  name: 测试社区居民委员会\n  kind: community\n  hotline: \"0431-8888888\"\n",
    )
    .unwrap();
}

/// A site with one disclosure of `n` entries, its ledger in YAML or a workbook.
fn big_ledger_site(root: &Path, n: usize, xlsx: bool) {
    let _ = std::fs::remove_dir_all(root);
    site_yaml(root);
    let mut rng = synth::Lcg::new(SEED);
    let entries: Vec<Entry> = (0..n)
        .map(|i| {
            let day = ((i * 365 / n) as u16).min(364);
            let (m, d) = month_day(day);
            let cents = 100 + rng.below(500_000) as i64;
            let item = format!("第{}笔收支", i + 1);
            if i % 3 == 0 {
                ((2026, m, d), item, Some(cents), None)
            } else {
                ((2026, m, d), item, None, Some(cents / 3))
            }
        })
        .collect();
    let opening = 500_000_000; // cents: 5,000,000.00 yuan
    let head = "---\ntitle: 全年收支明细\ndate: 2026-11-20\ncategory: finance\nperiod: 2026\nreviewed_by: 村务监督委员会\n";
    let ledger = if xlsx {
        write_ledger_xlsx(
            &root.join("content/disclosures/全年收支.xlsx"),
            opening,
            &entries,
        );
        format!(
            "ledger:\n  opening: \"{}\"\n  from: 全年收支.xlsx\n",
            fen(opening)
        )
    } else {
        ledger_yaml(opening, &entries)
    };
    std::fs::write(
        root.join("content/disclosures/2026-11-20-ledger.md"),
        format!("{head}{ledger}---\n\n全年收支情况。\n"),
    )
    .unwrap();
}

fn month_day(day_of_year: u16) -> (u8, u8) {
    const DAYS: [u16; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut left = day_of_year;
    for (m, len) in DAYS.iter().enumerate() {
        if left < *len {
            return (m as u8 + 1, left as u8 + 1);
        }
        left -= len;
    }
    (12, 31)
}

/// The synthetic site of `benches/build.rs`, each disclosure's ledger in
/// YAML as generated, or moved into a workbook beside the record.
fn synthetic_site(root: &Path, n: usize, xlsx: bool) {
    let _ = std::fs::remove_dir_all(root);
    let mut records = synth::records(n, SEED);
    if xlsx {
        for r in records.iter_mut().filter(|r| r.kind == "disclosures") {
            let (kept, entries, opening) = split_ledger(&r.kind_fields);
            let file = format!("{}.xlsx", r.slug);
            let dir = root.join("content/disclosures");
            std::fs::create_dir_all(&dir).unwrap();
            write_ledger_xlsx(&dir.join(&file), opening, &entries);
            r.kind_fields = format!(
                "{kept}ledger:\n  opening: \"{}\"\n  from: {file}\n",
                fen(opening)
            );
        }
    }
    synth::write_gongkai_site(root, &records).unwrap();
}

/// The synthetic disclosure's front-matter lines without its ledger, and the ledger.
fn split_ledger(fields: &str) -> (String, Vec<Entry>, i64) {
    let (kept, ledger) = fields.split_once("ledger:\n").unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&format!("ledger:\n{ledger}")).unwrap();
    let l = &value["ledger"];
    let cents = |v: &serde_yaml::Value| -> i64 {
        let s = v.as_str().unwrap();
        let (a, b) = s.split_once('.').unwrap();
        a.parse::<i64>().unwrap() * 100 + b.parse::<i64>().unwrap()
    };
    let entries = l["entries"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|e| {
            let date = e["date"].as_str().unwrap();
            let p: Vec<u16> = date.split('-').map(|x| x.parse().unwrap()).collect();
            (
                (p[0], p[1] as u8, p[2] as u8),
                e["item"].as_str().unwrap().to_string(),
                e.get("income").map(cents),
                e.get("expense").map(cents),
            )
        })
        .collect();
    (kept.to_string(), entries, cents(&l["opening"]))
}

fn build(root: &Path) -> Duration {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["build", "--today", TODAY, "--root"])
        .arg(root)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "build of {} failed", root.display());
    started.elapsed()
}

/// Median of `runs` second builds (the first build untimed).
fn second_builds(root: &Path, runs: usize) -> Duration {
    build(root);
    let mut times: Vec<Duration> = (0..runs).map(|_| build(root)).collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("GONGKAI_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let n: usize = std::env::var("GONGKAI_BENCH_SHEET_SIZE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let base = synth::site_dir("sheets");

    println!("gongkai sheets benchmark, median of {runs} second builds");
    let mut big = Vec::new();
    for xlsx in [false, true] {
        let root = base.join(if xlsx {
            "ledger-5000-xlsx"
        } else {
            "ledger-5000-yaml"
        });
        big_ledger_site(&root, 5000, xlsx);
        big.push(second_builds(&root, runs));
    }
    println!("| site | YAML | xlsx | xlsx ÷ YAML |");
    println!("|---|---|---|---|");
    println!(
        "| one disclosure, 5,000-entry ledger | {:.2} s | {:.2} s | {:.2}× |",
        big[0].as_secs_f64(),
        big[1].as_secs_f64(),
        big[1].as_secs_f64() / big[0].as_secs_f64()
    );
    let mut site = Vec::new();
    for xlsx in [false, true] {
        let root = base.join(format!("site-{n}-{}", if xlsx { "xlsx" } else { "yaml" }));
        synthetic_site(&root, n, xlsx);
        site.push(second_builds(&root, runs));
    }
    println!(
        "| {n} records, every disclosure's ledger in YAML / in its own .xlsx | {:.2} s | {:.2} s | {:.2}× |",
        site[0].as_secs_f64(),
        site[1].as_secs_f64(),
        site[1].as_secs_f64() / site[0].as_secs_f64()
    );
}
