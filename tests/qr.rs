//! The QR code on every printed sheet opens that record's page. Each sheet's
//! SVG is drawn into a bitmap here (its path read as a renderer reads it) and
//! decoded with rqrr, so this holds on a machine with no browser at all.

mod common;

use common::{Site, repo};

/// Every `<svg>…</svg>` in `html`.
fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg")
        .filter_map(|(i, _)| html[i..].find("</svg>").map(|e| &html[i..i + e + 6]))
        .collect()
}

/// The value of attribute `name` in the first tag of `svg` that has it.
fn attr<'a>(svg: &'a str, name: &str) -> Option<&'a str> {
    let at = svg.find(&format!(" {name}=\""))? + name.len() + 3;
    svg[at..].find('"').map(|end| &svg[at..at + end])
}

/// Draws the SVG's stroked path (`M x y`, `m dx dy`, `h n`, one unit wide)
/// into a bitmap at `scale` pixels per unit: dark where a stroke covers.
fn rasterize(svg: &str, scale: usize) -> (usize, Vec<bool>) {
    let view: Vec<f64> = attr(svg, "viewBox")
        .expect("a viewBox")
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let size = view[2] as usize * scale;
    let mut pixels = vec![false; size * size];
    let path_at = svg.find("<path").expect("a path");
    let d = attr(&svg[path_at..], "d").expect("the path's d");
    let mut tokens = Vec::new();
    let mut number = String::new();
    for c in d.chars() {
        if c.is_ascii_digit() || c == '.' || c == '-' {
            number.push(c);
            continue;
        }
        if !number.is_empty() {
            tokens.push(number.clone());
            number.clear();
        }
        if c.is_ascii_alphabetic() {
            tokens.push(c.to_string());
        }
    }
    if !number.is_empty() {
        tokens.push(number);
    }
    let (mut x, mut y) = (0.0f64, 0.0f64);
    let mut i = 0;
    let num = |i: usize| -> f64 { tokens[i].parse().unwrap() };
    while i < tokens.len() {
        match tokens[i].as_str() {
            "M" => {
                (x, y) = (num(i + 1), num(i + 2));
                i += 3;
            }
            "m" => {
                (x, y) = (x + num(i + 1), y + num(i + 2));
                i += 3;
            }
            "h" => {
                let to = x + num(i + 1);
                // A one-unit stroke along y covers [y − ½, y + ½).
                for py in ((y - 0.5) * scale as f64) as usize..((y + 0.5) * scale as f64) as usize {
                    for px in (x * scale as f64) as usize..(to * scale as f64) as usize {
                        pixels[py * size + px] = true;
                    }
                }
                x = to;
                i += 2;
            }
            other => panic!("unexpected path command {other}"),
        }
    }
    (size, pixels)
}

fn decode(svg: &str) -> String {
    let (size, pixels) = rasterize(svg, 4);
    let mut img = rqrr::PreparedImage::prepare_from_bitmap(size, size, |x, y| pixels[y * size + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the SVG");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn the_qr_code_on_every_sheet_of_the_demo_and_examples_opens_its_record() {
    let mut checked = 0;
    for rel in [".", "examples/village", "examples/community"] {
        let site = Site::copy_of_repo(rel);
        site.build(&["--drafts"]);
        let config = std::fs::read_to_string(repo().join(rel).join("site.yaml")).unwrap();
        let base = config
            .lines()
            .find_map(|l| l.strip_prefix("base_url:"))
            .unwrap()
            .trim()
            .trim_end_matches('/')
            .to_string();
        for (path, bytes) in site.all_output() {
            let Some(record) = path.strip_suffix("print.html") else {
                continue;
            };
            let html = String::from_utf8(bytes).unwrap();
            let codes = svgs(&html);
            assert_eq!(codes.len(), 1, "{rel}/{path} carries one QR code");
            assert_eq!(
                decode(codes[0]),
                format!("{base}/{record}"),
                "{rel}/{path}: the QR code opens the record's page"
            );
            checked += 1;
        }
    }
    assert!(checked >= 30, "every sheet was checked ({checked})");
}

#[test]
fn the_board_pack_carries_one_working_code_per_notice() {
    let site = Site::copy_of_repo(".");
    site.build(&[]);
    let html = site.read("print/board.html");
    let codes = svgs(&html);
    assert!(codes.len() >= 3, "the demo's board holds several notices");
    for svg in codes {
        let url = decode(svg);
        assert!(
            url.starts_with("https://xingfu.example.org/") && url.ends_with('/'),
            "{url}"
        );
        let rel = url.trim_start_matches("https://xingfu.example.org/");
        assert!(
            site.exists(&format!("{rel}index.html")),
            "{url} is a page of the site"
        );
    }
}
