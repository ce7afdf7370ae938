//! The theme: templates, interface strings and assets. The default theme is
//! embedded in the binary; `themes/<name>/` in the site overrides it file by
//! file, and the site's `templates/` overrides templates by file name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use tera::Tera;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, FieldPath};
use crate::fsutil;
use crate::render::format::Formats;
use crate::render::minify::minify_template;

static DEFAULT_THEME: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Everything the renderer takes from the theme.
pub struct Theme {
    /// Templates with their HTML minified: what pages are rendered with.
    pub tera: Tera,
    /// Templates as written: parsed first so syntax errors name real lines,
    /// and used again to report a rendering error at the line the author sees.
    pub source_tera: Tera,
    pub formats: Formats,
    /// Interface strings for templates (`t.…`).
    pub strings: serde_json::Value,
    /// Files copied to `public/assets/`.
    pub assets: Vec<(String, Vec<u8>)>,
}

/// One theme file and where it came from (for error messages).
struct ThemeFile {
    bytes: Vec<u8>,
    origin: PathBuf,
}

/// The embedded default theme's file at `rel` (e.g. `archetypes/disclosures.md`).
pub fn default_file(rel: &str) -> Option<&'static [u8]> {
    DEFAULT_THEME.get_file(rel).map(|f| f.contents())
}

pub fn load_theme(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let mut files = embedded_files();
    let mut diags = Vec::new();
    let theme_dir = root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        overlay_dir(&mut files, &theme_dir, root, "", &mut diags);
    } else if config.theme != "default" {
        let shown = fsutil::shown_path(root, Path::new(crate::config::CONFIG_FILE));
        diags.push(
            Diagnostic::error(shown, format!("找不到主题文件夹 themes/{}/", config.theme))
                .field(&FieldPath::parse("theme"))
                .help("删掉 theme 这一行使用默认主题，或把主题放到 themes/ 下"),
        );
    }
    let site_templates = root.join("templates");
    if site_templates.is_dir() {
        overlay_dir(&mut files, &site_templates, root, "templates/", &mut diags);
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let source_tera = build_tera(&files, false).map_err(|d| vec![d])?;
    let tera = build_tera(&files, true).map_err(|d| vec![d])?;
    let (formats, strings) = load_strings(&files, &config.language, root).map_err(|d| vec![d])?;
    let assets = files
        .iter()
        .filter_map(|(rel, f)| {
            rel.strip_prefix("static/")
                .map(|r| (format!("assets/{r}"), f.bytes.clone()))
        })
        .collect();
    Ok(Theme {
        tera,
        source_tera,
        formats,
        strings,
        assets,
    })
}

fn embedded_files() -> BTreeMap<String, ThemeFile> {
    let mut out = BTreeMap::new();
    let mut stack = vec![&DEFAULT_THEME];
    while let Some(dir) = stack.pop() {
        for f in dir.files() {
            let rel = f.path().to_string_lossy().replace('\\', "/");
            let origin = PathBuf::from("（内置默认主题）").join(&rel);
            out.insert(
                rel,
                ThemeFile {
                    bytes: f.contents().to_vec(),
                    origin,
                },
            );
        }
        stack.extend(dir.dirs());
    }
    out
}

/// Adds every regular file under `dir` as `prefix + relative path`, replacing defaults.
fn overlay_dir(
    files: &mut BTreeMap<String, ThemeFile>,
    dir: &Path,
    root: &Path,
    prefix: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(dir, format!("无法读取主题文件夹：{e}")));
                continue;
            }
        };
        let shown = fsutil::shown_path(
            root,
            entry.path().strip_prefix(root).unwrap_or(entry.path()),
        );
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::error(&shown, "主题和模板文件不能是符号链接")
                    .help("把真正的文件复制到这里"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = rel
            .components()
            .filter_map(|c| c.as_os_str().to_str())
            .collect::<Vec<_>>()
            .join("/");
        if name.split('/').any(|p| p.starts_with('.')) {
            continue;
        }
        match fsutil::read(entry.path()) {
            Ok(bytes) => {
                files.insert(
                    format!("{prefix}{name}"),
                    ThemeFile {
                        bytes,
                        origin: shown,
                    },
                );
            }
            Err(e) => diags.push(e.diagnostic()),
        }
    }
}

/// All templates in one Tera; with `minify`, the HTML ones pass through minify-html first.
fn build_tera(files: &BTreeMap<String, ThemeFile>, minify: bool) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut templates = Vec::new();
    for (rel, f) in files {
        let Some(name) = rel.strip_prefix("templates/") else {
            continue;
        };
        let text = String::from_utf8(f.bytes.clone()).map_err(|_| {
            Diagnostic::error(&f.origin, "模板文件不是 UTF-8 编码")
                .help("用 UTF-8 编码另存这个文件")
        })?;
        let text = if minify && name.ends_with(".html") {
            minify_template(&text)
        } else {
            text
        };
        templates.push((name.to_string(), text, &f.origin));
    }
    tera.add_raw_templates(templates.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
        .map_err(|e| {
            let text = e.to_string();
            let origin = templates
                .iter()
                .find(|(n, _, _)| text.contains(n.as_str()))
                .map_or(PathBuf::from("templates"), |(_, _, o)| (*o).clone());
            Diagnostic::error(origin, format!("模板有错误：{text}"))
                .help("检查模板语法；删掉站点 templates/ 里的这个文件可恢复默认模板")
        })?;
    Ok(tera)
}

/// Reads `i18n/<language>.yaml`, merged over the default theme's file of that language.
fn load_strings(
    files: &BTreeMap<String, ThemeFile>,
    language: &str,
    root: &Path,
) -> Result<(Formats, serde_json::Value), Diagnostic> {
    let rel = format!("i18n/{language}.yaml");
    let Some(file) = files.get(&rel) else {
        return Err(Diagnostic::error(
            fsutil::shown_path(root, Path::new(crate::config::CONFIG_FILE)),
            format!("主题没有语言“{language}”的界面文字（缺少 {rel}）"),
        )
        .field(&FieldPath::parse("language"))
        .help("删掉 language 这一行使用简体中文 zh-Hans，或在主题里添加这个语言文件"));
    };
    let parse = |bytes: &[u8], origin: &Path| -> Result<serde_yaml::Value, Diagnostic> {
        serde_yaml::from_slice(bytes)
            .map_err(|e| Diagnostic::error(origin, format!("界面文字文件格式有误：{e}")))
    };
    let mut merged = match default_file(&rel) {
        Some(base) => parse(base, Path::new(&rel))?,
        None => serde_yaml::Value::Null,
    };
    merge(&mut merged, parse(&file.bytes, &file.origin)?);
    let formats_value = merged
        .get("formats")
        .cloned()
        .unwrap_or(serde_yaml::Value::Null);
    let formats: Formats = serde_yaml::from_value(formats_value).map_err(|e| {
        Diagnostic::error(
            &file.origin,
            format!("界面文字文件的 formats 部分有误：{e}"),
        )
    })?;
    let strings = serde_json::to_value(&merged)
        .map_err(|e| Diagnostic::error(&file.origin, format!("界面文字文件无法读取：{e}")))?;
    Ok((formats, strings))
}

/// Deep-merges mappings; anything else in `over` replaces `base`.
fn merge(base: &mut serde_yaml::Value, over: serde_yaml::Value) {
    match (base, over) {
        (serde_yaml::Value::Mapping(b), serde_yaml::Value::Mapping(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key path of a YAML mapping, `category_title.affairs.village`.
    fn key_paths(value: &serde_yaml::Value, prefix: &str, out: &mut Vec<String>) {
        if let serde_yaml::Value::Mapping(m) = value {
            for (k, v) in m {
                let path = format!("{prefix}{}", k.as_str().unwrap_or("?"));
                key_paths(v, &format!("{path}."), out);
                out.push(path);
            }
        }
    }

    #[test]
    fn simplified_and_traditional_strings_have_the_same_keys() {
        let read = |lang: &str| -> Vec<String> {
            let bytes = default_file(&format!("i18n/{lang}.yaml")).unwrap();
            let value: serde_yaml::Value = serde_yaml::from_slice(bytes).unwrap();
            let mut keys = Vec::new();
            key_paths(&value, "", &mut keys);
            keys.sort();
            keys
        };
        assert_eq!(read("zh-Hans"), read("zh-Hant"));
    }
}
