//! `gongkai init` (a new site that builds at once) and `gongkai new` (a record
//! from its kind's template, dated today).

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, CommunityKind, load_config};
use crate::content::Kind;
use crate::content::slug::slugify;
use crate::fsutil;
use crate::render::theme::default_file;
use crate::types::Date;

/// The files `init` writes, from the default theme's `init/` folder.
const INIT_FILES: &[(&str, &str)] = &[
    ("site.yaml", "init/site.yaml"),
    (".gitignore", "init/gitignore"),
    (
        "content/disclosures/{today}-finance-report.md",
        "init/disclosure.md",
    ),
    ("content/conventions/convention.md", "init/convention.md"),
    (
        "content/consultations/{today}-meeting.md",
        "init/consultation.md",
    ),
    ("content/admissions/admission-list.md", "init/admission.md"),
    ("content/pages/about.md", "init/about.md"),
    ("static/files/README.txt", "init/static-readme.txt"),
];

/// Creates a new site in `dir`; refuses to touch a folder that already has one.
pub fn init_site(dir: &Path, kind: CommunityKind, today: Date) -> Result<Vec<PathBuf>, String> {
    if dir.join(CONFIG_FILE).exists() {
        return Err(format!(
            "{} 里已经有 site.yaml，没有改动任何文件",
            dir.display()
        ));
    }
    if dir.join("content").exists() {
        return Err(format!(
            "{} 里已经有 content/ 文件夹，没有改动任何文件",
            dir.display()
        ));
    }
    let words = Words::for_kind(kind);
    let mut written = Vec::new();
    for (target, template) in INIT_FILES {
        let text = default_file(template)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .ok_or_else(|| format!("内置主题缺少 {template}"))?;
        let path = dir.join(target.replace("{today}", &today.to_string()));
        fsutil::write_creating(&path, words.fill(&text, today).as_bytes())
            .map_err(|e| e.to_string())?;
        written.push(path);
    }
    Ok(written)
}

/// The words that differ between a village and an urban community.
struct Words {
    kind: &'static str,
    name: &'static str,
    title: &'static str,
    parent: &'static str,
    meeting: &'static str,
    supervisor: &'static str,
    convention: &'static str,
    /// 村 or 社区, as in 本村 / 本社区.
    kind_word: &'static str,
    /// 村民代表 or 居民代表.
    representatives: &'static str,
}

impl Words {
    fn for_kind(kind: CommunityKind) -> Words {
        match kind {
            CommunityKind::Village => Words {
                kind: "village",
                name: "某某村村民委员会",
                title: "某某村村务公开栏",
                parent: "某某县某某镇人民政府",
                meeting: "村民会议",
                supervisor: "某某村村务监督委员会",
                convention: "村规民约",
                kind_word: "村",
                representatives: "村民代表",
            },
            CommunityKind::Community => Words {
                kind: "community",
                name: "某某社区居民委员会",
                title: "某某社区居务公开栏",
                parent: "某某区某某街道办事处",
                meeting: "居民会议",
                supervisor: "某某社区居务监督委员会",
                convention: "居民公约",
                kind_word: "社区",
                representatives: "居民代表",
            },
        }
    }

    fn fill(&self, text: &str, today: Date) -> String {
        text.replace("{{KIND}}", self.kind)
            .replace("{{NAME}}", self.name)
            .replace("{{TITLE}}", self.title)
            .replace("{{PARENT}}", self.parent)
            .replace("{{MEETING}}", self.meeting)
            .replace("{{SUPERVISOR}}", self.supervisor)
            .replace("{{CONVENTION}}", self.convention)
            .replace("{{KIND_WORD}}", self.kind_word)
            .replace("{{REPRESENTATIVES}}", self.representatives)
            .replace(
                "{{IN_TWO_WEEKS}}",
                &today
                    .0
                    .checked_add(jiff::Span::new().days(14))
                    .map_or_else(|_| today.to_string(), |d| crate::types::Date(d).to_string()),
            )
            .replace("{{TODAY}}", &today.to_string())
            .replace("{{YEAR}}", &today.year().to_string())
    }
}

/// Writes a new record of `kind` titled `title` under `root/content/`.
pub fn new_record(
    root: &Path,
    kind: Kind,
    title: &str,
    today: Date,
    yaml: bool,
) -> Result<PathBuf, String> {
    let (config, _) = load_config(root).map_err(|e| match e {
        crate::config::ConfigError::NotASite(_) => crate::build::not_a_site(root),
        crate::config::ConfigError::Invalid(d) => d
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    })?;
    let title = title.trim();
    if title.is_empty() {
        return Err("标题不能为空".into());
    }
    let rel = format!("archetypes/{}.md", kind.dir());
    let own = root.join("themes").join(&config.theme).join(&rel);
    let template = if own.is_file() {
        String::from_utf8_lossy(&fsutil::read(&own).map_err(|e| e.to_string())?).into_owned()
    } else {
        default_file(&rel)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .ok_or_else(|| format!("主题缺少 {rel}"))?
    };
    let slug = match slugify(title) {
        s if s.is_empty() => "record".to_string(),
        s => s
            .chars()
            .take(60)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string(),
    };
    // A title like “2026” or “Finance” would name a year page or a category list.
    let slug = match crate::content::slug::archive_clash(kind, &slug) {
        Some(_) if kind != Kind::Pages => format!("{slug}-{}", kind.dir().trim_end_matches('s')),
        _ => slug,
    };
    let ext = if yaml { "yaml" } else { "md" };
    let name = match kind {
        Kind::Pages => format!("{slug}.{ext}"),
        _ => format!("{today}-{slug}.{ext}"),
    };
    let path = root.join("content").join(kind.dir()).join(name);
    if path.exists() {
        return Err(format!("{} 已经存在，没有覆盖", path.display()));
    }
    let quoted = format!("\"{}\"", title.replace('\\', "\\\\").replace('"', "\\\""));
    // The title first: `fill` would put the sample site title there.
    let mut text =
        Words::for_kind(config.community.kind).fill(&template.replace("{{TITLE}}", &quoted), today);
    if yaml {
        let schema = format!(
            "{}schema/{}",
            config.base(),
            crate::schema::file_name(Some(kind))
        );
        text = as_yaml_record(&text, &schema);
    }
    fsutil::write_creating(&path, text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(path)
}

/// A Markdown record as a YAML one: the front matter as it is, the body as
/// `body: |`, and first the line that tells an editor's YAML extension
/// which schema checks the file.
fn as_yaml_record(markdown: &str, schema: &str) -> String {
    let rest = markdown.strip_prefix("---\n").unwrap_or(markdown);
    let (front, body) = rest.split_once("\n---\n").unwrap_or((rest, ""));
    let mut out = format!("# yaml-language-server: $schema={schema}\n{front}\n");
    let body = body.trim();
    if !body.is_empty() {
        out.push_str("# 正文（Markdown），每行前面保留两个空格\nbody: |\n");
        for line in body.lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}
