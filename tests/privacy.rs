//! The privacy guard against a determined tester: a random resident ID or
//! mobile number, written through a random mix of disguises (separators of
//! every width, invisible characters, full-width digits, brackets, prefixes,
//! markup a reader never sees, character references) into a random field of a
//! random kind, into `site.yaml`, a file name or an attachment, fails the
//! build naming where it came from — and written into a masked column, never
//! appears in any output file in any of those forms.
//!
//! Runs `PROPTEST_CASES` cases per property (256 by default).

mod common;

use gongkai::build::{BuildError, BuildOptions, build};
use gongkai::privacy::{Allowed, TextKind, find_private_numbers, scan_output};
use proptest::prelude::*;

use common::{Site, TODAY};

/// A valid mobile: `1[3-9]` and nine digits.
fn mobile() -> impl Strategy<Value = String> {
    (3u8..=9, 0u64..1_000_000_000).prop_map(|(second, rest)| format!("1{second}{rest:09}"))
}

/// A valid resident ID: a real province, a birth date, a check character.
fn resident_id() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["11", "22", "31", "44", "51", "65"]),
        0u32..10_000,
        1930i16..2010,
        1i8..=12,
        1i8..=28,
        0u32..1000,
    )
        .prop_map(|(prov, area, y, m, d, seq)| {
            let body = format!("{prov}{area:04}{y:04}{m:02}{d:02}{seq:03}");
            const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            let sum: u32 = body
                .bytes()
                .zip(WEIGHTS)
                .map(|(c, w)| (c - b'0') as u32 * w)
                .sum();
            let check = b"10X98765432"[(sum % 11) as usize] as char;
            format!("{body}{check}")
        })
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![mobile(), resident_id()]
}

/// How a number is disguised. Markup and references only where the text is
/// Markdown (elsewhere they are shown as typed, and so disguise nothing).
#[derive(Debug, Clone)]
struct Disguise {
    /// Where the number is cut into groups, and what joins them.
    cuts: Vec<(prop::sample::Index, &'static str)>,
    /// Digits turned full-width.
    wide: Vec<prop::sample::Index>,
    /// Invisible characters put between digits.
    invisible: Vec<(prop::sample::Index, &'static str)>,
    prefix: &'static str,
    /// A character reference for the first digit (Markdown only).
    reference: bool,
}

const JOINERS: &[&str] = &[
    " ", "  ", "-", " - ", ".", "/", "\t", "\u{2009}", "\u{202F}", "\u{3000}", "\u{A0}", ")", "－",
];
const MARKUP_JOINERS: &[&str] = &["<!-- -->", "**", "<span></span>", "`", "<b></b>"];
const INVISIBLE: &[&str] = &["\u{200B}", "\u{00AD}", "\u{2060}", "\u{FEFF}"];

fn disguise() -> impl Strategy<Value = Disguise> {
    let joiner = prop::sample::select(
        JOINERS
            .iter()
            .chain(MARKUP_JOINERS)
            .copied()
            .collect::<Vec<_>>(),
    );
    (
        prop::collection::vec((any::<prop::sample::Index>(), joiner), 0..4),
        prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                prop::sample::select(INVISIBLE.to_vec()),
            ),
            0..3,
        ),
        prop::sample::select(vec!["", "", "+86 ", "0", "0086-", "86"]),
        any::<bool>(),
    )
        .prop_map(|(cuts, wide, invisible, prefix, reference)| Disguise {
            cuts,
            wide,
            invisible,
            prefix,
            reference,
        })
}

impl Disguise {
    fn apply(&self, number: &str, markdown: bool) -> String {
        let chars: Vec<char> = number.chars().collect();
        let n = chars.len();
        let mut joins: Vec<Option<&str>> = vec![None; n];
        for (at, j) in &self.cuts {
            let i = 1 + at.index(n - 1);
            // `**` must pair up to hide: use it only when it can; markup only in Markdown.
            let j = if MARKUP_JOINERS.contains(j) && !markdown {
                " "
            } else if *j == "." && i >= n - 2 {
                // `138123456.78` reads as an amount of money, to a person and
                // to the guard alike (it would fail every large ledger).
                "-"
            } else {
                j
            };
            joins[i] = Some(j);
        }
        for (at, inv) in &self.invisible {
            let i = 1 + at.index(n - 1);
            if joins[i].is_none() {
                joins[i] = Some(inv);
            }
        }
        let wide: Vec<usize> = self.wide.iter().map(|i| i.index(n)).collect();
        let mut out = String::new();
        let prefix = if number.len() == 11 { self.prefix } else { "" };
        out.push_str(prefix);
        let mut open_bold = false;
        for (i, c) in chars.iter().enumerate() {
            if let Some(j) = joins[i] {
                if j == "**" {
                    open_bold = !open_bold;
                }
                if j == "`" {
                    // A code span around the rest of the number.
                    out.push('`');
                    joins.iter_mut().skip(i + 1).for_each(|x| {
                        if *x == Some("`") {
                            *x = None
                        }
                    });
                    let rest: String = chars[i..].iter().collect();
                    out.push_str(&rest);
                    out.push('`');
                    if open_bold {
                        out.push_str("**");
                    }
                    return out;
                }
                out.push_str(j);
            }
            if i == 0 && markdown && self.reference && prefix.is_empty() {
                out.push_str(&format!("&#{};", *c as u32));
            } else if wide.contains(&i) && c.is_ascii_digit() {
                out.push(char::from_u32(*c as u32 - '0' as u32 + '０' as u32).unwrap());
            } else {
                out.push(*c);
            }
        }
        if open_bold {
            out.push_str("**");
        }
        out
    }
}

/// Where the disguised number is written.
#[derive(Debug, Clone, Copy)]
enum Place {
    Title,
    Summary,
    Body,
    AmendmentNote,
    ContactPerson,
    Tag,
    LedgerItem,
    TableCell,
    TableCaption,
    Article,
    Decision,
    FollowUpTask,
    AdmissionItem,
    SiteAddress,
    FileName,
    Attachment,
}

const PLACES: &[Place] = &[
    Place::Title,
    Place::Summary,
    Place::Body,
    Place::AmendmentNote,
    Place::ContactPerson,
    Place::Tag,
    Place::LedgerItem,
    Place::TableCell,
    Place::TableCaption,
    Place::Article,
    Place::Decision,
    Place::FollowUpTask,
    Place::AdmissionItem,
    Place::SiteAddress,
    Place::FileName,
    Place::Attachment,
];

impl Place {
    fn is_markdown(self) -> bool {
        matches!(
            self,
            Place::Body | Place::AmendmentNote | Place::Article | Place::Decision
        )
    }
}

/// YAML double-quoted text.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes `text` at `place` in a copy of the minimal site; returns the site
/// and the file a clerk should be told about.
fn plant(place: Place, text: &str) -> (Site, String) {
    let site = Site::copy_of("minimal");
    let t = q(text);
    let record = |extra: &str, body: &str| {
        format!(
            "title: 测试公开\ndate: 2026-11-01\ncategory: affairs\n{extra}body: {}\n",
            q(body)
        )
    };
    let file = "content/disclosures/2026-11-01-planted.yaml".to_string();
    let write = |rel: &str, s: &str| {
        site.write(rel, s);
    };
    match place {
        Place::Title => write(
            &file,
            &record("", "正文").replacen("title: 测试公开", &format!("title: {t}"), 1),
        ),
        Place::Summary => write(&file, &record(&format!("summary: {t}\n"), "正文")),
        Place::Body => write(&file, &record("", &format!("请联系 {text} 了解详情。"))),
        Place::AmendmentNote => write(
            &file,
            &record(
                &format!("amendments: [{{date: 2026-11-02, note: {t}}}]\n"),
                "正文",
            ),
        ),
        Place::ContactPerson => write(
            &file,
            &record(&format!("contact: {{person: {t}}}\n"), "正文"),
        ),
        Place::Tag => write(&file, &record(&format!("tags: [{t}]\n"), "正文")),
        Place::LedgerItem => write(
            &file,
            &record(
                &format!(
                    "reviewed_by: 监督委员会\nledger: {{opening: \"0\", entries: [{{date: 2026-10-02, item: {t}, income: \"1\"}}], closing: \"1.00\"}}\n"
                ),
                "正文",
            ),
        ),
        Place::TableCell => write(
            &file,
            &record(
                &format!("tables: [{{columns: [{{key: a, label: 备注}}], rows: [{{a: {t}}}]}}]\n"),
                "正文",
            ),
        ),
        Place::TableCaption => write(
            &file,
            &record(
                &format!(
                    "tables: [{{caption: {t}, columns: [{{key: a, label: 备注}}], rows: [{{a: 无}}]}}]\n"
                ),
                "正文",
            ),
        ),
        Place::Article => {
            let f = "content/conventions/2026-11-01-planted.yaml".to_string();
            write(
                &f,
                &format!("title: 公约\ndate: 2026-11-01\nstatus: consultation\narticles: [{t}]\n"),
            );
            return (site, f);
        }
        Place::Decision => {
            let f = "content/consultations/2026-11-01-planted.yaml".to_string();
            write(
                &f,
                &format!(
                    "title: 议事\ndate: 2026-11-01\nmeeting: {{date: 2026-11-01}}\nagenda: [{{topic: 议题, decision: {t}}}]\n"
                ),
            );
            return (site, f);
        }
        Place::FollowUpTask => {
            let f = "content/consultations/2026-11-01-planted.yaml".to_string();
            write(
                &f,
                &format!(
                    "title: 议事\ndate: 2026-11-01\nmeeting: {{date: 2026-11-01}}\nagenda: [{{topic: 议题}}]\nfollow_up: [{{task: {t}}}]\n"
                ),
            );
            return (site, f);
        }
        Place::AdmissionItem => {
            let f = "content/admissions/2026-11-01-planted.yaml".to_string();
            write(
                &f,
                &format!(
                    "title: 清单\ndate: 2026-11-01\nitems: [{{no: 1, name: {t}, type: assisted}}]\n"
                ),
            );
            return (site, f);
        }
        Place::SiteAddress => {
            let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
            write(
                "site.yaml",
                &config.replace(
                    "  kind: village\n",
                    &format!("  kind: village\n  address: {t}\n"),
                ),
            );
            return (site, "site.yaml".into());
        }
        Place::FileName => {
            // A file name holds no markup, no line breaks and no slashes.
            let name: String = text
                .chars()
                .map(|c| if c.is_control() || c == '/' { '-' } else { c })
                .collect();
            let f = format!("content/disclosures/2026-11-01-{name}.md");
            write(
                &f,
                "---\ntitle: 文件名\ndate: 2026-11-01\ncategory: affairs\n---\n\n正文。\n",
            );
            return (site, f);
        }
        Place::Attachment => {
            write(
                "static/files/名单.csv",
                &format!("姓名,号码\n王秀兰,{text}\n"),
            );
            write(
                &file,
                &record(
                    "attachments: [{file: files/名单.csv, title: 名单}]\n",
                    "正文",
                ),
            );
            return (site, "static/files/名单.csv".into());
        }
    }
    (site, file)
}

fn build_at(site: &Site) -> Result<(), Vec<gongkai::diagnostic::Diagnostic>> {
    let opts = BuildOptions {
        today: Some(TODAY.parse().unwrap()),
        ..BuildOptions::new(site.path())
    };
    match build(&opts) {
        Ok(_) => Ok(()),
        Err(BuildError::Content(d)) => Err(d),
        Err(BuildError::Usage(m)) => panic!("{m}"),
    }
}

/// Every form a number can take in an output file: its digits, and whatever
/// our own finder (the strictest reading we have) sees in each file.
fn leaks(site: &Site, number: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (rel, bytes) in site.all_output() {
        let text = String::from_utf8_lossy(&bytes);
        if text.contains(number) {
            found.push(format!("{rel}: digits as typed"));
        }
        let kind = TextKind::of_path(&rel).unwrap_or(TextKind::Plain);
        for f in scan_output(&rel, &bytes, kind, &Allowed::default()) {
            if f.digits == number {
                found.push(format!("{rel}: disguised"));
            }
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

    #[test]
    fn a_disguised_private_number_anywhere_fails_the_build_naming_its_file(
        number in number(),
        disguise in disguise(),
        place in prop::sample::select(PLACES.to_vec()),
    ) {
        let text = disguise.apply(&number, place.is_markdown());
        let (site, file) = plant(place, &text);
        let result = build_at(&site);
        prop_assert!(result.is_err(), "{place:?} {text:?}: the build published it");
        let diags = result.unwrap_err();
        let named = diags.iter().any(|d| {
            d.is_error()
                && d.file.to_string_lossy().ends_with(&file)
                && d.message.contains("未遮盖的")
        });
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        prop_assert!(named, "{place:?} {text:?}: not named in {file}:\n{}", shown.join("\n"));
        prop_assert!(!site.path().join("public").exists(), "nothing was published");
    }

    #[test]
    fn a_number_in_a_masked_column_never_reaches_any_output(
        mobile in mobile(),
        id in resident_id(),
        spaced in any::<bool>(),
    ) {
        let site = Site::copy_of("minimal");
        let phone = if spaced { format!("{} {} {}", &mobile[..3], &mobile[3..7], &mobile[7..]) } else { mobile.clone() };
        site.write(
            "content/disclosures/2026-11-01-masked.yaml",
            &format!("title: 名单\ndate: 2026-11-01\ncategory: affairs\ntables:\n  - columns:\n      - {{key: name, label: 姓名, mask: name}}\n      - {{key: id, label: 身份证号, mask: id}}\n      - {{key: phone, label: 电话, mask: phone}}\n    rows:\n      - {{name: 王秀兰, id: \"{id}\", phone: \"{phone}\"}}\n"),
        );
        let built = build_at(&site);
        let shown: Vec<String> = built.err().unwrap_or_default().iter().map(ToString::to_string).collect();
        prop_assert!(shown.is_empty(), "{}", shown.join("\n"));
        for number in [&mobile, &id] {
            let leaked = leaks(&site, number);
            prop_assert!(leaked.is_empty(), "{number} leaked: {leaked:?}");
        }
        let page = site.read("disclosures/masked/index.html");
        let masked_phone = format!("{}****{}", &mobile[..3], &mobile[7..]);
        prop_assert!(page.contains(&masked_phone), "the masked phone is shown");
        prop_assert!(find_private_numbers(&page).is_empty());
    }
}

#[test]
fn the_disguises_are_real() {
    // The generator itself: each disguise must still read as the number to a
    // person, so a test that passes is not passing on mangled input.
    let d = Disguise {
        cuts: vec![],
        wide: vec![],
        invisible: vec![],
        prefix: "",
        reference: false,
    };
    assert_eq!(d.apply("13812345678", false), "13812345678");
}
