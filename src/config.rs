//! Stage 1: `site.yaml`, the site's settings.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, FieldPath};
use crate::fsutil;
use crate::source::{Source, parse_yaml_value};
use crate::types::Text;

/// The settings file every site has at its root.
pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: Text,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    pub community: Community,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub print: PrintSettings,
    #[serde(default)]
    pub public_phones: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Community {
    pub name: Text,
    pub kind: CommunityKind,
    #[serde(default)]
    pub parent: Option<Text>,
    #[serde(default)]
    pub address: Option<Text>,
    #[serde(default)]
    pub hotline: Option<Text>,
    #[serde(default)]
    pub supervisor: Option<Text>,
}

/// A village （村, 村委会） or an urban community （社区, 居委会）.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CommunityKind {
    #[serde(alias = "村")]
    Village,
    #[serde(alias = "社区")]
    Community,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrintSettings {
    #[serde(default)]
    pub paper: Paper,
    #[serde(default)]
    pub orientation: Orientation,
    /// The large-type sheet (大字版): bigger type on the same paper, for a
    /// board read from a distance. A3 alone holds more, not bigger.
    #[serde(default)]
    pub large: Option<bool>,
}

impl Default for PrintSettings {
    fn default() -> Self {
        PrintSettings {
            paper: Paper::A4,
            orientation: Orientation::Portrait,
            large: None,
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
pub enum Paper {
    #[default]
    #[serde(alias = "a4")]
    A4,
    #[serde(alias = "a3")]
    A3,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    #[default]
    #[serde(alias = "竖版", alias = "竖", alias = "纵向")]
    Portrait,
    #[serde(alias = "横版", alias = "横", alias = "横向")]
    Landscape,
}

fn default_language() -> String {
    "zh-Hans".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

/// Theme and template names: lowercase letters, digits, `-` and `_` only.
pub fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

impl Config {
    /// `base_url` with exactly one trailing slash.
    pub fn base(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

/// What to write as `base_url` (or `--base-url`).
pub const BASE_URL_HELP: &str =
    "写网站上线后的地址，以 https:// 开头，例如 https://xingfu.example.org/";

/// Whether `url` is a complete web address the site can live at: `http(s)://`
/// and a host, nothing a page could turn into a script or a broken link.
/// (A `file://` address is allowed for a site opened from the disk.)
pub fn check_base_url(url: &str) -> Result<(), String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let rest = ["https://", "http://", "file://"]
        .iter()
        .find_map(|s| lower.strip_prefix(s));
    let host = rest.map(|r| r.split('/').next().unwrap_or(""));
    let local_file = lower.starts_with("file:///");
    let clean = !u.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
    });
    if clean && (host.is_some_and(|h| !h.is_empty()) || local_file) {
        Ok(())
    } else {
        Err(format!(
            "base_url“{}”不是完整的网址",
            crate::diagnostic::quote(u)
        ))
    }
}

/// Why a site could not be opened: a usage problem (no site here) or content problems.
#[derive(Debug)]
pub enum ConfigError {
    NotASite(PathBuf),
    Invalid(Vec<Diagnostic>),
}

/// Reads and checks `ROOT/site.yaml`.
/// Reads and checks `ROOT/site.yaml`; returns the settings and their warnings
/// (placeholders left from `gongkai init`), or every error found.
pub fn load_config(root: &Path) -> Result<(Config, Vec<Diagnostic>), ConfigError> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        return Err(ConfigError::NotASite(root.to_path_buf()));
    }
    let shown = fsutil::shown_path(root, Path::new(CONFIG_FILE));
    let bytes = fsutil::read(&path).map_err(|e| ConfigError::Invalid(vec![e.diagnostic()]))?;
    let source =
        Source::yaml_file(shown.clone(), bytes).map_err(|d| ConfigError::Invalid(vec![d]))?;
    let value = parse_yaml_value(&source).map_err(|d| ConfigError::Invalid(vec![d]))?;
    let typed = source.deserialize_all::<Config>(&value);
    let Some(config) = typed.value else {
        return Err(ConfigError::Invalid(typed.errors));
    };
    let mut problems = typed.errors;
    problems.extend(check_config(&config, &source));
    if problems.iter().any(Diagnostic::is_error) {
        return Err(ConfigError::Invalid(problems));
    }
    Ok((config, problems))
}

/// The values `gongkai init` writes for a clerk to replace.
pub const PLACEHOLDER_HOTLINE: &str = "0000-1234567";
pub const PLACEHOLDER_URL_HOST: &str = "example.org";

/// Settings still holding the sample values of `gongkai init`: they would be
/// printed on every sheet and put in every QR code.
fn placeholder_warnings(config: &Config, source: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let warn = |field: &str, msg: &str, help: &str| {
        source.warning(&FieldPath::parse(field), msg).help(help)
    };
    if config.community.name.as_str().contains("某某") || config.title.as_str().contains("某某")
    {
        out.push(warn(
            "community.name",
            "网站名称和发布单位还是示例里的“某某”",
            "改成本村（社区）的名称，例如 name: 幸福村村民委员会、title: 幸福村村务公开栏",
        ));
    }
    if config
        .community
        .hotline
        .as_ref()
        .is_some_and(|h| h.as_str().trim() == PLACEHOLDER_HOTLINE)
    {
        out.push(warn(
            "community.hotline",
            "监督电话还是示例号码 0000-1234567，它会印在每份张贴稿上",
            "改成村（居）务监督委员会或乡镇的真实监督电话，并同样改 public_phones",
        ));
    }
    let host = config
        .base_url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("");
    if host.eq_ignore_ascii_case(PLACEHOLDER_URL_HOST) {
        out.push(warn(
            "base_url",
            "网址还是示例 https://example.org/，每份张贴稿的二维码都会指向它",
            "改成网站上线后的真实地址；还没有网址时，先问清乡镇或上级的网站空间",
        ));
    }
    out
}

fn check_config(config: &Config, source: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let err = |field: &str, msg: String, help: &str| {
        source.error(&FieldPath::parse(field), msg).help(help)
    };
    if config.title.as_str().trim().is_empty() {
        out.push(err(
            "title",
            "网站标题 title 不能为空".into(),
            "例如 title: 幸福村村务公开栏",
        ));
    }
    if config.community.name.as_str().trim().is_empty() {
        out.push(err(
            "community.name",
            "community.name（发布单位名称）不能为空".into(),
            "例如 name: 幸福村村民委员会",
        ));
    }
    if let Err(msg) = check_base_url(&config.base_url) {
        out.push(err("base_url", msg, BASE_URL_HELP));
    }
    if !config
        .language
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
        || config.language.is_empty()
    {
        out.push(err(
            "language",
            format!("language“{}”不是语言代码", config.language),
            "例如 zh-Hans",
        ));
    }
    for (field, phone) in config
        .community
        .hotline
        .iter()
        .map(|h| ("community.hotline".to_string(), h))
        .chain(
            config
                .public_phones
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("public_phones[{i}]"), p)),
        )
    {
        if !crate::privacy::looks_like_phone(phone.as_str()) {
            out.push(err(
                &field,
                crate::privacy::phone_problem(phone.as_str()),
                crate::privacy::PHONE_HELP,
            ));
        }
    }
    out.extend(private_numbers(config, source));
    out.extend(placeholder_warnings(config, source));
    if !is_safe_name(&config.theme) {
        out.push(err(
            "theme",
            format!("theme“{}”不是有效的主题名", config.theme),
            "主题名只能用小写字母、数字和连字符，对应 themes/ 下的文件夹名，例如 default",
        ));
    }
    out
}

/// A resident's ID or mobile number in the settings would be on every page.
fn private_numbers(config: &Config, source: &Source) -> Vec<Diagnostic> {
    let c = &config.community;
    let allowed = crate::privacy::Allowed::new(
        config
            .public_phones
            .iter()
            .chain(&c.hotline)
            .map(|p| p.as_str()),
    );
    let fields = [
        ("title", Some(&config.title)),
        ("community.name", Some(&c.name)),
        ("community.parent", c.parent.as_ref()),
        ("community.address", c.address.as_ref()),
        ("community.supervisor", c.supervisor.as_ref()),
    ];
    let mut out = Vec::new();
    for (field, text) in fields {
        let Some(text) = text else { continue };
        for f in crate::privacy::find_private_numbers(text.as_str()) {
            if allowed.allows(&f) {
                continue;
            }
            let what = match f.kind {
                crate::privacy::NumberKind::Mobile => "手机号码",
                crate::privacy::NumberKind::ResidentId => "身份证号码",
            };
            out.push(
                source
                    .error(
                        &FieldPath::parse(field),
                        format!("网站设置里有未遮盖的{what}，它会印在每一页上"),
                    )
                    .help("删掉这个号码；公开的办公电话写在 community.hotline 或 public_phones"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_always_ends_with_one_slash() {
        let mut c: Config = serde_yaml::from_str(
            "title: t\nbase_url: https://a.example.org\ncommunity: {name: n, kind: village}\n",
        )
        .unwrap();
        assert_eq!(c.base(), "https://a.example.org/");
        c.base_url = "https://a.example.org/board//".into();
        assert_eq!(c.base(), "https://a.example.org/board/");
    }
}
