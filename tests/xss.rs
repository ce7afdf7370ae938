//! No script from a record reaches a reader's browser. Every string a record
//! or `site.yaml` can carry — the list is read from the JSON Schemas generated
//! from the loader's own types, so a field is covered the day it is added —
//! gets an attack payload with a marker. The built site must show each marker
//! as text (the payload escaped, or sanitized where the field is Markdown),
//! carry nothing live anywhere, or, for fields that are names and numbers
//! rather than text, refuse the payload with an error naming the field. A
//! field that is silently dropped fails the test.

mod common;

use std::collections::BTreeMap;

use gongkai::build::{BuildError, BuildOptions, build};
use gongkai::content::Kind;
use gongkai::diagnostic::Diagnostic;
use serde_json::Value as Json;
use serde_yaml::{Mapping, Value as Yaml};

use common::{Site, TODAY, text_of};

/// Classic cross-site-scripting payloads, from plain tags to encoded schemes.
const XSS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<body onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">点</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">点</a>",
    "<a href=\"java\tscript:alert(1)\">点</a>",
    "<a href=\"&#106;avascript:alert(1)\">点</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">点</a>",
    "<a href=\"vbscript:msgbox(1)\">点</a>",
    "[点](javascript:alert(1))",
    "[点](JAVASCRIPT:alert(1))",
    "[点](data:text/html,<script>alert(1)</script>)",
    "![图](javascript:alert(1))",
    "<div onclick=alert(1)>点我</div>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<form action=javascript:alert(1)><button>提交</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    "<img src=\"x\" style=\"x:expression(alert(1))\">",
    "{{ site.title }}{% raw %}",
];

/// Tags that run or load something, or restyle the page; none may come from a record.
const BAD_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "style", "form", "base", "meta", "link", "math",
    "marquee", "frame", "frameset", "applet",
];

/// Decodes the character references a browser would decode in an attribute.
fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &after[..e];
            let code = if let Some(hex) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X"))
            {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = ent.strip_prefix('#') {
                dec.parse().ok()
            } else {
                match ent {
                    "colon" => Some(58),
                    "tab" => Some(9),
                    "newline" => Some(10),
                    "amp" => Some(38),
                    _ => None,
                }
            };
            code.and_then(char::from_u32).map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One tag's name and attributes (names lowercased, values as written).
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The tags of an HTML text, attributes tokenized with their quotes, so
/// escaped text inside a harmless attribute value is never mistaken for one.
fn tags(html: &str) -> Vec<Tag> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let mut tag = &rest[name.len()..];
        let mut attrs = Vec::new();
        loop {
            tag = tag.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if tag.is_empty() || tag.starts_with('>') {
                break;
            }
            let attr_len = tag
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .unwrap_or(tag.len())
                .max(1);
            let attr = tag[..attr_len].to_ascii_lowercase();
            tag = tag[attr_len..].trim_start();
            let mut value = String::new();
            if let Some(v) = tag.strip_prefix('=') {
                let v = v.trim_start();
                let (val, after) = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let end = v[1..].find(q).map_or(v.len(), |e| e + 1);
                        (&v[1..end], &v[(end + 1).min(v.len())..])
                    }
                    _ => {
                        let end = v
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(v.len());
                        (&v[..end], &v[end..])
                    }
                };
                value = val.to_string();
                tag = after;
            }
            attrs.push((attr, value));
        }
        found.push(Tag { name, attrs });
        rest = tag;
    }
    found
}

/// Whether a tag in `<head>` is one the theme itself writes: the charset,
/// viewport and description, its style sheets and the feed link.
fn theme_head_tag(tag: &Tag) -> bool {
    let get = |k: &str| {
        tag.attrs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    };
    let only = |allowed: &[&str]| tag.attrs.iter().all(|(a, _)| allowed.contains(&a.as_str()));
    match tag.name.as_str() {
        "meta" => {
            only(&["charset", "name", "content"])
                && (get("charset").is_some()
                    || matches!(get("name"), Some("viewport" | "description")))
        }
        "link" => {
            only(&["rel", "href", "type", "title"])
                && matches!(get("rel"), Some("stylesheet" | "alternate" | "canonical"))
                && get("href").is_some_and(|h| !h.contains(':') || h.starts_with("https://"))
        }
        _ => false,
    }
}

/// The theme's own scripts (the print button, the search page), and nothing
/// else by that name.
fn theme_script(tag: &Tag) -> bool {
    let src = tag
        .attrs
        .iter()
        .find(|(a, _)| a == "src")
        .map(|(_, v)| v.as_str());
    tag.name == "script"
        && tag
            .attrs
            .iter()
            .all(|(a, v)| a == "src" || (a == "defer" && v.is_empty()))
        && src.is_some_and(|s| {
            (s.ends_with("assets/print.js") || s.ends_with("assets/search.js")) && !s.contains(':')
        })
}

/// The theme's own search box: a GET form to the search page of this site.
fn theme_form(tag: &Tag) -> bool {
    let get = |name: &str| {
        tag.attrs
            .iter()
            .find(|(a, _)| a == name)
            .map(|(_, v)| v.as_str())
    };
    tag.name == "form"
        && tag
            .attrs
            .iter()
            .all(|(a, _)| ["class", "role", "action", "method"].contains(&a.as_str()))
        // GET is the default, which the minifier leaves out.
        && get("method").is_none_or(|m| m == "get")
        && get("action").is_some_and(|a| {
            (a == "index.html" || a.ends_with("search/index.html"))
                && a.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '/' || c == '.')
        })
}

/// Everything in an HTML text a browser would run or load from a record:
/// dangerous tags, `on…` handlers, script or data URLs in link attributes.
/// With `head`, only the theme's own `<meta>`/`<link>` elements are allowed.
fn dangers(html: &str, head: bool) -> Vec<String> {
    let mut found = Vec::new();
    for tag in tags(html) {
        let name = tag.name.as_str();
        let themes_own = (head && theme_head_tag(&tag)) || theme_script(&tag) || theme_form(&tag);
        if BAD_TAGS.contains(&name) && !themes_own {
            found.push(format!("<{name}>"));
        }
        for (attr, value) in &tag.attrs {
            if attr.starts_with("on") {
                found.push(format!("<{name} {attr}=…>"));
            }
            let linky = [
                "href",
                "src",
                "action",
                "formaction",
                "data",
                "xlink:href",
                "poster",
                "background",
            ];
            if linky.contains(&attr.as_str()) {
                let url: String = decode_entities(value)
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| url.starts_with(s))
                {
                    found.push(format!("<{name} {attr}={url}>"));
                }
            }
            if attr == "style" && value.to_ascii_lowercase().contains("expression") {
                found.push(format!("<{name} style=expression>"));
            }
            if attr == "autofocus" {
                found.push(format!("<{name} autofocus>"));
            }
        }
    }
    found
}

#[test]
fn the_danger_finder_finds_dangers() {
    assert!(
        dangers(
            "<p>&lt;script&gt;</p><meta name=description content=\"&lt;img onerror=x&gt;\">",
            true
        )
        .is_empty()
    );
    assert_eq!(
        dangers("<img src=x onerror=alert(1)>", false),
        vec!["<img onerror=…>"]
    );
    assert_eq!(
        dangers("<a href=\"&#106;avascript:x\">", false),
        vec!["<a href=javascript:x>"]
    );
    assert_eq!(
        dangers("<a href='java\tscript:x'>", false),
        vec!["<a href=javascript:x>"]
    );
    assert_eq!(dangers("<SCRIPT>x</SCRIPT>", false), vec!["<script>"]);
    assert!(!dangers("<meta name=description content=x>", false).is_empty());
    assert!(dangers("<meta name=description content=\"&lt;b&gt;\">", true).is_empty());
    assert!(!dangers("<meta http-equiv=refresh content=\"0;url=x\">", true).is_empty());
    assert!(!dangers("<link rel=import href=x>", true).is_empty());
    assert_eq!(
        dangers("<h2 tabindex=0 autofocus onfocus=alert(1)>", false),
        vec!["<h2 autofocus>", "<h2 onfocus=…>"]
    );
}

// ── The fields, from the schemas ────────────────────────────────────────────

/// A field path as the diagnostics write it: `ledger.entries[0].item`.
type FieldPath = String;

/// Fields that are names, numbers or addresses rather than text: they must
/// refuse a payload with an error naming the field (what a clerk sees is
/// "this is not a valid …"), never publish it.
const STRICT: &[&str] = &[
    "slug",
    "replaces",
    "attachments[0].file",
    "contact.phone",
    "feedback.phone",
    "feedback.email",
    "ledger.currency",
    "tables[0].columns[0].key",
    "ledger.from",
    "ledger.sheet",
    "ledger.range",
    "ledger.columns.a",
    "tables[0].from",
    "tables[0].sheet",
    "tables[0].range",
    // site.yaml
    "base_url",
    "language",
    "theme",
    "community.hotline",
    "public_phones[0]",
];

fn resolve<'a>(root: &'a Json, node: &'a Json) -> &'a Json {
    match node.get("$ref").and_then(Json::as_str) {
        Some(r) => resolve(root, &root["$defs"][r.rsplit('/').next().unwrap()]),
        None => node,
    }
}

fn ref_name(node: &Json) -> Option<&str> {
    node.get("$ref")
        .and_then(Json::as_str)
        .map(|r| r.rsplit('/').next().unwrap())
}

/// The non-null alternatives of a node (`Option<T>` is `anyOf [T, null]`).
fn alternatives(node: &Json) -> Vec<&Json> {
    match node.get("anyOf").or_else(|| node.get("oneOf")) {
        Some(Json::Array(alts)) => alts
            .iter()
            .filter(|a| a.get("type") != Some(&Json::String("null".into())))
            .collect(),
        _ => vec![node],
    }
}

/// Builds a value for `node` with every text field filled by `text(path)`;
/// `variant` picks among alternatives (attendees as counts or as names).
fn fill(
    root: &Json,
    node: &Json,
    path: &str,
    variant: usize,
    text: &mut dyn FnMut(&str) -> Yaml,
) -> Yaml {
    let alts = alternatives(node);
    let node = alts[variant % alts.len()];
    if let Some(name) = ref_name(node) {
        match name {
            "Text" => return text(path),
            "Date" => return Yaml::String("2026-11-01".into()),
            "Period" => return Yaml::String("2026-10".into()),
            "Money" => return Yaml::String("1.00".into()),
            "Count" => return Yaml::Number(1.into()),
            _ => {}
        }
    }
    let node = resolve(root, node);
    if node.get("anyOf").is_some() {
        return fill(root, node, path, variant, text);
    }
    if let Some(first) = node.get("enum").and_then(|e| e.get(0)) {
        return serde_yaml::to_value(first).unwrap();
    }
    if let Some(Json::Array(one_of)) = node.get("oneOf") {
        let first = &one_of[0];
        let v = first
            .get("const")
            .or_else(|| first.get("enum").and_then(|e| e.get(0)));
        return serde_yaml::to_value(v.expect("an enum variant")).unwrap();
    }
    // `Option<T>` may be written `"type": ["object", "null"]`.
    let ty = match node.get("type") {
        Some(Json::Array(types)) => types
            .iter()
            .filter_map(Json::as_str)
            .find(|t| *t != "null")
            .unwrap_or(""),
        other => other.and_then(Json::as_str).unwrap_or(""),
    };
    match ty {
        "object" if node.get("properties").is_some() => {
            let mut map = Mapping::new();
            for (key, child) in node["properties"].as_object().unwrap() {
                // Another spelling of a field already filled (a table's `title`).
                if child.get("x-gongkai-same-as").is_some() {
                    continue;
                }
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                map.insert(
                    Yaml::String(key.clone()),
                    fill(root, child, &at, variant, text),
                );
            }
            Yaml::Mapping(map)
        }
        "object"
            if node
                .get("additionalProperties")
                .is_some_and(Json::is_object) =>
        {
            // A table row: cells under the column keys.
            let mut map = Mapping::new();
            let cell = fill(
                root,
                &node["additionalProperties"],
                &format!("{path}.a"),
                variant,
                text,
            );
            map.insert(Yaml::String("a".into()), cell);
            Yaml::Mapping(map)
        }
        "array" => Yaml::Sequence(vec![fill(
            root,
            &node["items"],
            &format!("{path}[0]"),
            variant,
            text,
        )]),
        "boolean" => Yaml::Bool(false),
        "integer" => Yaml::Number(1.into()),
        _ if node.get("type") == Some(&serde_json::json!(["string", "null"])) || ty == "string" => {
            text(path)
        }
        _ => Yaml::Null,
    }
}

/// Sets the value at a dotted path (`a.b[0].c`), creating missing mappings.
fn set(v: &mut Yaml, path: &str, value: Yaml) {
    let mut node = v;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (
                k,
                Some(rest.trim_end_matches(']').parse::<usize>().unwrap()),
            ),
            None => (*part, None),
        };
        let last = i + 1 == parts.len();
        if last && index.is_none() {
            node.as_mapping_mut()
                .unwrap()
                .insert(Yaml::String(key.into()), value);
            return;
        }
        let map = node.as_mapping_mut().unwrap();
        if !map.contains_key(key) {
            // A mapping the valid record does not have (ledger.columns).
            map.insert(Yaml::String(key.into()), Yaml::Mapping(Mapping::new()));
        }
        node = node.get_mut(key).unwrap();
        if let Some(n) = index {
            if last {
                node.as_sequence_mut().unwrap()[n] = value;
                return;
            }
            node = node.get_mut(n).unwrap();
        }
    }
}

/// Removes the key at a dotted path, if the path exists.
fn remove(v: &mut Yaml, path: &str) {
    let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
    let mut node = Some(v);
    for part in parent.split('.').filter(|p| !p.is_empty()) {
        let (k, index) = match part.split_once('[') {
            Some((k, rest)) => (
                k,
                Some(rest.trim_end_matches(']').parse::<usize>().unwrap()),
            ),
            None => (part, None),
        };
        node = node.and_then(|n| n.get_mut(k));
        if let Some(i) = index {
            node = node.and_then(|n| n.get_mut(i));
        }
    }
    if let Some(map) = node.and_then(Yaml::as_mapping_mut) {
        map.remove(key);
    }
}

/// What a valid record needs beyond free text: figures that add up, votes
/// that carry, a table whose rows use its columns, an attachment that exists.
fn make_valid(kind: Kind, v: &mut Yaml, variant: usize) {
    let y = |s: &str| serde_yaml::from_str::<Yaml>(s).unwrap();
    match kind {
        Kind::Disclosures => {
            remove(v, "ledger.entries[0].expense");
            set(v, "ledger.entries[0].date", y("2026-10-15"));
            set(v, "ledger.closing", y("\"2.00\""));
            set(v, "category", y("finance"));
            set(v, "tables[0].columns[0].key", y("a"));
            set(v, "tables[0].columns[0].total", y("false"));
            remove(v, "tables[0].columns[0].mask");
            remove(v, "tables[0].columns[0].type");
        }
        Kind::Conventions => {
            set(v, "status", y("in-force"));
            set(v, "adopted.present", y("5"));
            set(v, "adopted.for", y("3"));
            // chapters and articles are two ways to write one list.
            remove(v, if variant == 0 { "articles" } else { "chapters" });
        }
        Kind::Consultations => {
            if v["attendees"].is_mapping() {
                set(v, "attendees.count", y("5"));
            }
            set(v, "agenda[0].votes", y("{for: 1, against: 0, abstain: 0}"));
        }
        Kind::Pages => {
            // A free page is not a notice: these are refused on it (tested below).
            for notice_only in ["posting", "issuer", "reviewed_by", "feedback", "print"] {
                remove(v, notice_only);
            }
        }
        _ => {}
    }
    remove(v, "replaces");
    remove(v, "slug");
    set(v, "attachments[0].file", y("files/附件.txt"));
    remove(v, "contact.phone");
    remove(v, "feedback.phone");
    remove(v, "feedback.email");
    remove(v, "ledger.currency");
    // Spreadsheet sources are refused by name when the file is not there.
    for sheet_field in [
        "ledger.from",
        "ledger.sheet",
        "ledger.range",
        "ledger.columns",
        "tables[0].from",
        "tables[0].sheet",
        "tables[0].range",
        "tables[0].mask",
        "tables[0].types",
    ] {
        remove(v, sheet_field);
    }
    set(v, "draft", y("false"));
    set(v, "date", y("2026-11-01"));
}

/// The marker planted in each free-text field: number → (file, field path).
/// A field's payload is its marker, then an attack from [`XSS`].
struct Planted {
    markers: BTreeMap<usize, (String, FieldPath)>,
}

impl Planted {
    fn marker(n: usize) -> String {
        format!("标记{n}号")
    }
}

/// Every field path reached by `fill` for a schema.
fn paths_of(schema: &Json, variant: usize) -> Vec<String> {
    let mut paths = Vec::new();
    fill(schema, schema, "", variant, &mut |p| {
        paths.push(p.to_string());
        Yaml::Null
    });
    paths
}

fn record_schema(kind: Kind) -> Json {
    gongkai::schema::record_schema(kind)
}

#[test]
fn the_schemas_list_every_text_field_including_the_easily_forgotten() {
    let all: Vec<String> = Kind::ALL
        .iter()
        .flat_map(|&k| (0..2).flat_map(move |v| paths_of(&record_schema(k), v)))
        .chain(paths_of(&gongkai::schema::site_schema(), 0))
        .collect();
    for expected in [
        "title",
        "body",
        "attachments[0].title",
        "contact.person",
        "feedback.address",
        "adopted.meeting",
        "filed.with",
        "attendees.groups[0].role",
        "attendees[0]",
        "ledger.currency",
        "community.address",
        "public_phones[0]",
    ] {
        assert!(
            all.iter().any(|p| p == expected),
            "{expected} is found: {all:?}"
        );
    }
}

/// A site with a payload in every free-text field of every kind (both
/// variants of each record) and of `site.yaml`, and the marker of each.
fn plant_everywhere(site: &Site) -> Planted {
    let markers = std::cell::RefCell::new(BTreeMap::new());
    let mut n = 0;
    let mut text = |file: &str, path: &str| -> Yaml {
        if STRICT.contains(&path) {
            return Yaml::String("a".into());
        }
        n += 1;
        markers
            .borrow_mut()
            .insert(n, (file.to_string(), path.to_string()));
        let payload = format!("{}{}", Planted::marker(n), XSS[n % XSS.len()]);
        Yaml::String(if path == "body" {
            format!(
                "{payload}\n\n## 小标题 {{#x .y tabindex=0 autofocus onfocus=alert(1)}}\n\n段落 {payload} 中间\n\n- {payload}\n\n| 表 | 头 |\n|---|---|\n| {payload} | x |\n"
            )
        } else {
            payload
        })
    };
    let schema = gongkai::schema::site_schema();
    let mut config = fill(&schema, &schema, "", 0, &mut |p| text("site.yaml", p));
    let y = |s: &str| serde_yaml::from_str::<Yaml>(s).unwrap();
    set(&mut config, "base_url", y("https://xss.example.org/"));
    set(&mut config, "language", y("zh-Hans"));
    set(&mut config, "theme", y("default"));
    set(&mut config, "community.hotline", y("\"0431-8888888\""));
    set(&mut config, "public_phones", y("[\"0431-8888888\"]"));
    site.write("site.yaml", &serde_yaml::to_string(&config).unwrap());
    site.write("static/files/附件.txt", "附件内容");
    for kind in Kind::ALL {
        let schema = record_schema(kind);
        for variant in 0..2 {
            let file = format!("content/{}/2026-11-01-v{variant}.yaml", kind.dir());
            let mut record = fill(&schema, &schema, "", variant, &mut |p| text(&file, p));
            make_valid(kind, &mut record, variant);
            let written = serde_yaml::to_string(&record).unwrap();
            site.write(&file, &written);
            // Fields `make_valid` removed (one of two alternatives) carry no marker.
            markers
                .borrow_mut()
                .retain(|n, (f, _)| *f != file || written.contains(&Planted::marker(*n)));
        }
    }
    Planted {
        markers: markers.into_inner(),
    }
}

fn build_in(site: &Site) -> Result<(), Vec<Diagnostic>> {
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

#[test]
fn every_text_field_of_every_kind_shows_its_payload_as_text_and_runs_nothing() {
    let site = Site::empty();
    let planted = plant_everywhere(&site);
    if let Err(diags) = build_in(&site) {
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        panic!(
            "the site with a payload in every text field builds:\n{}",
            shown.join("\n")
        );
    }
    let mut visible = String::new();
    let mut problems = Vec::new();
    for (rel, bytes) in site.all_output() {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let found = if rel.ends_with(".html") {
            visible.push_str(&text_of(&text));
            visible.push('\n');
            let (head, body) = text.split_once("<body").unwrap_or(("", &text));
            let mut found = dangers(head, true);
            found.extend(dangers(body, false));
            found
        } else if rel.ends_with(".xml") {
            // Each Atom entry's content is HTML escaped once for XML: look at
            // that HTML as a feed reader would.
            text.split("<content type=\"html\"")
                .skip(1)
                .flat_map(|part| {
                    let body = part.split_once('>').map_or("", |(_, b)| b);
                    let body = body.split("</content>").next().unwrap_or("");
                    dangers(
                        &decode_entities(&body.replace("&lt;", "<").replace("&gt;", ">")),
                        false,
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        if !found.is_empty() {
            problems.push(format!("public/{rel}: {found:?}"));
        }
    }
    for (n, (file, path)) in &planted.markers {
        if !visible.contains(&Planted::marker(*n)) {
            problems.push(format!("{file} {path}: the field is not shown anywhere"));
        }
    }
    assert!(
        planted.markers.len() > 100,
        "{} fields planted",
        planted.markers.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn fields_that_are_not_text_refuse_a_payload_naming_the_field() {
    let mut problems = Vec::new();
    for &path in STRICT {
        let site = Site::empty();
        plant_everywhere(&site);
        // The one field under test gets the payload, in the first file that has it.
        let payload = Yaml::String(format!("{}{}", XSS[0], Planted::marker(0)));
        let mut target = None;
        for rel in std::iter::once("site.yaml".to_string()).chain(
            Kind::ALL
                .iter()
                .map(|k| format!("content/{}/2026-11-01-v0.yaml", k.dir())),
        ) {
            let file = site.path().join(&rel);
            let mut v: Yaml =
                serde_yaml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            let schema = if rel == "site.yaml" {
                gongkai::schema::site_schema()
            } else {
                record_schema(Kind::from_dir(rel.split('/').nth(1).unwrap()).unwrap())
            };
            if !paths_of(&schema, 0).iter().any(|p| p == path) {
                continue;
            }
            if path.ends_with("[0]") {
                set(
                    &mut v,
                    path.trim_end_matches("[0]"),
                    Yaml::Sequence(vec![payload.clone()]),
                );
            } else {
                set(&mut v, path, payload.clone());
            }
            std::fs::write(&file, serde_yaml::to_string(&v).unwrap()).unwrap();
            target = Some(rel);
            break;
        }
        let target = target.unwrap_or_else(|| panic!("no schema has {path}"));
        match build_in(&site) {
            Ok(()) => problems.push(format!("{target} {path}: the payload was accepted")),
            Err(diags) => {
                let named = diags.iter().any(|d| {
                    d.is_error()
                        && d.file.to_string_lossy().ends_with(&target)
                        && d.field.as_deref().is_some_and(|f| {
                            f == path
                                || path.starts_with(&format!("{f}["))
                                || path.starts_with(&format!("{f}."))
                        })
                });
                if !named {
                    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
                    problems.push(format!(
                        "{target} {path}: not refused by name:\n{}",
                        shown.join("\n")
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
