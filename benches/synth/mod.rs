//! A deterministic generator of synthetic sites for benchmarks: N records of
//! mixed kinds, each about 2 KB of Chinese Markdown with headings, a list, a
//! table and a link; disclosures carry ten-entry ledgers that balance.
//!
//! The same `n` and `seed` always give byte-identical files.

use std::fmt::Write as _;
use std::path::Path;

/// A tiny linear congruential generator: deterministic and dependency-free.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const PHRASES: &[&str] = &[
    "经村民代表会议讨论通过",
    "村务监督委员会全程参与监督",
    "资金使用严格执行村级财务管理制度",
    "工程由具备资质的施工单位承建",
    "群众对公开内容有异议的可在公示期内反映",
    "各村民小组组长负责通知到户",
    "所需资金由上级补助和村集体收入共同承担",
    "完工后组织村民代表进行验收",
    "本事项按照“四议两公开”程序办理",
    "相关票据和合同可在村委会查阅",
    "冬季供暖期间注意用火用电安全",
    "垃圾分类收集点每日清运一次",
];

const ITEMS: &[&str] = &[
    "道路维修",
    "路灯电费",
    "垃圾清运",
    "办公用品",
    "上级补助资金",
    "机动地发包收入",
    "防汛物资",
    "绿化补植",
];
const GROUPS: &[&str] = &["一组", "二组", "三组", "四组", "五组", "六组"];

fn paragraph(rng: &mut Lcg, sentences: usize) -> String {
    let mut p = String::new();
    for i in 0..sentences {
        p.push_str(rng.pick(PHRASES));
        p.push_str(if i + 1 == sentences { "。" } else { "，" });
    }
    p
}

/// About 2 KB of Markdown: two headings, paragraphs with soft breaks, a list,
/// a table and a link to another record.
fn body(rng: &mut Lcg, link: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## 基本情况\n\n{}\n{}\n",
        paragraph(rng, 4),
        paragraph(rng, 3)
    );
    let _ = writeln!(
        s,
        "- {}\n- {}\n- {}\n",
        paragraph(rng, 2),
        paragraph(rng, 2),
        paragraph(rng, 1)
    );
    let _ = writeln!(
        s,
        "## 明细\n\n| 村民小组 | 户数 | 金额（元） |\n|---|---:|---:|"
    );
    for g in GROUPS {
        let _ = writeln!(
            s,
            "| {g} | {} | {}.00 |",
            20 + rng.below(80),
            100 + rng.below(9000)
        );
    }
    let _ = writeln!(s, "\n{}详见[相关公开]({link})。\n", paragraph(rng, 3));
    let _ = writeln!(s, "{}\n", paragraph(rng, 4));
    s
}

fn date(i: usize) -> String {
    let day = i % 28 + 1;
    let month = i / 28 % 12 + 1;
    let year = 2016 + (i / (28 * 12)) % 10;
    format!("{year}-{month:02}-{day:02}")
}

fn disclosure(rng: &mut Lcg, i: usize, d: &str, posting: &str) -> String {
    let opening = 10_000 + rng.below(90_000);
    let mut total: i64 = opening as i64 * 100;
    let mut entries = String::new();
    for e in 0..10 {
        let cents = (100 + rng.below(500_000)) as i64;
        let (field, sign) = if e % 3 == 0 {
            ("income", 1)
        } else {
            ("expense", -1)
        };
        total += sign * cents;
        let _ = writeln!(
            entries,
            "    - {{date: {d}, item: {}, voucher: 记-{}, {field}: \"{}.{:02}\"}}",
            rng.pick(ITEMS),
            e + 1,
            cents / 100,
            cents % 100
        );
    }
    let closing = format!(
        "{}{}.{:02}",
        if total < 0 { "-" } else { "" },
        total.abs() / 100,
        total.abs() % 100
    );
    format!(
        "---\ntitle: 第{i}号财务收支公开\ndate: {d}\nsummary: 本期村集体资金收支情况。\ncategory: finance\nreviewed_by: 村务监督委员会\n{posting}ledger:\n  opening: \"{opening}.00\"\n  entries:\n{entries}  closing: \"{closing}\"\n---\n\n{}",
        body(rng, "../r-1/")
    )
}

fn convention(rng: &mut Lcg, i: usize, d: &str, posting: &str) -> String {
    let mut chapters = String::new();
    for c in 0..3 {
        let _ = writeln!(chapters, "  - title: 第{}部分\n    articles:", c + 1);
        for _ in 0..4 {
            let _ = writeln!(chapters, "      - {}", paragraph(rng, 2));
        }
    }
    format!(
        "---\ntitle: 第{i}号居民公约\ndate: {d}\nstatus: in-force\n{posting}adopted: {{date: {d}, meeting: 居民会议, present: 80, for: 70, against: 4, abstain: 6}}\nchapters:\n{chapters}---\n\n{}",
        body(rng, "../r-2/")
    )
}

fn consultation(rng: &mut Lcg, i: usize, d: &str, posting: &str) -> String {
    format!(
        "---\ntitle: 第{i}号议事协商记录\ndate: {d}\n{posting}meeting: {{date: {d}, place: 会议室, host: 王建国, recorder: 赵德顺, form: 会议协商}}\nattendees: {{count: 30, groups: [{{role: 居民代表, count: 25}}, {{role: 两委成员, count: 5}}]}}\nagenda:\n  - topic: {}\n    decision: {}\n    votes: {{for: 25, against: 3, abstain: 2}}\nfollow_up:\n  - {{task: {}, owner: 张立军, due: {d}, status: in-progress}}\n---\n\n{}",
        rng.pick(ITEMS),
        paragraph(rng, 2),
        rng.pick(ITEMS),
        body(rng, "../r-3/")
    )
}

fn admission(rng: &mut Lcg, i: usize, d: &str, posting: &str) -> String {
    let types = [
        "statutory",
        "undertaken",
        "assisted",
        "certificate",
        "excluded",
    ];
    let mut items = String::new();
    for n in 0..10 {
        let _ = writeln!(
            items,
            "  - {{no: {}, name: {}, type: {}, department: 民政局, funding: {}}}",
            n + 1,
            rng.pick(ITEMS),
            types[n % 5],
            n % 2 == 0
        );
    }
    format!(
        "---\ntitle: 第{i}号工作准入清单\ndate: {d}\n{posting}items:\n{items}---\n\n{}",
        body(rng, "../r-4/")
    )
}

/// Writes a complete site of `n` records under `root` (which must not exist yet).
pub fn generate_site(root: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Lcg::new(seed);
    std::fs::create_dir_all(root)?;
    std::fs::write(
        root.join("site.yaml"),
        "title: 基准测试社区居务公开栏\nbase_url: https://bench.example.org/\ncommunity:\n  name: 基准测试社区居民委员会\n  kind: community\n  hotline: \"0431-1234567\"\n",
    )?;
    let kinds = ["disclosures", "conventions", "consultations", "admissions"];
    for k in kinds {
        std::fs::create_dir_all(root.join("content").join(k))?;
    }
    for i in 0..n {
        let d = date(i);
        // One record in a hundred hangs on the board on the benchmark's --today.
        let posting = if i % 100 == 0 {
            "posting: {from: 2020-01-01, until: 2030-12-31}\n".to_string()
        } else {
            String::new()
        };
        let kind = kinds[i % 4];
        let text = match kind {
            "disclosures" => disclosure(&mut rng, i, &d, &posting),
            "conventions" => convention(&mut rng, i, &d, &posting),
            "consultations" => consultation(&mut rng, i, &d, &posting),
            _ => admission(&mut rng, i, &d, &posting),
        };
        std::fs::write(
            root.join("content")
                .join(kind)
                .join(format!("{d}-r-{i}.md")),
            text,
        )?;
    }
    Ok(())
}

/// The same bodies as a plain Hugo site, for a side-by-side measurement.
pub fn generate_hugo_site(root: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Lcg::new(seed);
    std::fs::create_dir_all(root.join("content/posts"))?;
    std::fs::create_dir_all(root.join("layouts/_default"))?;
    std::fs::write(
        root.join("hugo.toml"),
        "baseURL = 'https://bench.example.org/'\ntitle = 'bench'\ndisableKinds = ['taxonomy', 'term']\n",
    )?;
    std::fs::write(
        root.join("layouts/_default/single.html"),
        "<!DOCTYPE html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>",
    )?;
    std::fs::write(
        root.join("layouts/_default/list.html"),
        "<!DOCTYPE html><html><body><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>",
    )?;
    for i in 0..n {
        let d = date(i);
        let text = format!(
            "---\ntitle: 第{i}号公开\ndate: {d}\n---\n\n{}",
            body(&mut rng, "../r-1/")
        );
        std::fs::write(root.join("content/posts").join(format!("r-{i}.md")), text)?;
    }
    Ok(())
}

/// `target/bench-sites/<name>`, where generated sites are kept between runs.
pub fn site_dir(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-sites")
        .join(name)
}

/// Generates the site in `dir` with `make` unless a complete one is there.
pub fn ensure<F: FnOnce(&Path) -> std::io::Result<()>>(dir: &Path, make: F) {
    if !dir.join(".complete").exists() {
        let _ = std::fs::remove_dir_all(dir);
        make(dir).expect("generate the synthetic site");
        std::fs::write(dir.join(".complete"), "").expect("mark the site complete");
    }
}
