//! Turns serde's and libyaml's English messages into sentences a clerk can act on.

/// A message and what to do about it.
type Explained = (String, Option<String>);

/// Returns (message, help) for a deserialization or YAML syntax message.
pub fn translate(raw: &str) -> Explained {
    const READERS: &[fn(&str) -> Option<Explained>] = &[
        unknown_field,
        unknown_variant,
        missing_or_duplicate,
        number_too_big,
        invalid_type,
        yaml_limits,
        yaml_syntax,
    ];
    READERS
        .iter()
        .find_map(|read| read(raw))
        .unwrap_or_else(|| (raw.to_string(), None))
}

fn unknown_field(raw: &str) -> Option<Explained> {
    let (name, expected) = split_tick(raw.strip_prefix("unknown field `")?);
    let options = ticked_list(expected);
    Some((
        format!("不认识的字段 {name}"),
        Some(unknown_help(name, &options, "可用的字段有")),
    ))
}

fn unknown_variant(raw: &str) -> Option<Explained> {
    let (name, expected) = split_tick(raw.strip_prefix("unknown variant `")?);
    let options = ticked_list(expected);
    // serde lists the Chinese aliases too; each is shown beside its value.
    let shown: Vec<String> = options
        .iter()
        .filter(|o| o.is_ascii())
        .map(|o| match chinese_of(o) {
            Some(zh) => format!("{o}（{zh}）"),
            None => o.clone(),
        })
        .collect();
    let help = match did_you_mean(name, &options) {
        Some(best) => format!("是不是要写 {best}？可选的值有：{}", shown.join("、")),
        None => format!("可选的值有：{}；英文、中文都可以写", shown.join("、")),
    };
    Some((format!("“{name}”不是这里可选的值"), Some(help)))
}

/// The Chinese a clerk may write instead of each English value.
fn chinese_of(value: &str) -> Option<&'static str> {
    Some(match value {
        "affairs" => "村务/居务",
        "finance" => "财务",
        "party" => "党务",
        "other" => "其他",
        "in-force" => "现行有效",
        "consultation" => "征求意见稿",
        "repealed" => "已废止",
        "planned" => "未开始",
        "in-progress" => "办理中",
        "done" => "已完成",
        "dropped" => "已取消",
        "statutory" => "依法履行职责事项",
        "undertaken" => "承办事项",
        "assisted" => "依法协助政府工作事项",
        "certificate" => "保留的证明事项",
        "excluded" => "不应承担或不得进入社区的事项",
        "name" => "姓名",
        "id" => "身份证号",
        "phone" => "电话",
        "text" => "文字",
        "number" => "数字",
        "money" => "金额",
        "date" => "日期",
        "village" => "村",
        "community" => "社区",
        "portrait" => "竖版",
        "landscape" => "横版",
        _ => return None,
    })
}

fn missing_or_duplicate(raw: &str) -> Option<Explained> {
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let (name, _) = split_tick(rest);
        return Some((
            format!("缺少必填字段 {name}"),
            Some(format!("请补上 {name}: …")),
        ));
    }
    if let Some(rest) = raw.strip_prefix("duplicate field `") {
        let (name, _) = split_tick(rest);
        return Some((
            format!("字段 {name} 写了两次"),
            Some("删掉其中一处，只保留正确的那一个".into()),
        ));
    }
    raw.starts_with("duplicate entry").then(|| {
        (
            format!("同一层里有重复的字段：{raw}"),
            Some("删掉重复的那一行".into()),
        )
    })
}

fn number_too_big(raw: &str) -> Option<Explained> {
    if !(raw.contains("` as u128") || raw.contains("` as i128")) {
        return None;
    }
    let digits = raw
        .split('`')
        .nth(1)
        .unwrap_or("")
        .chars()
        .take(40)
        .collect::<String>();
    Some((
        format!("数字 {digits} 太大，超出了能处理的范围"),
        Some("核对这个数字；金额、编号、证件号等请加引号写成文字，例如 \"3500.00\"".into()),
    ))
}

fn invalid_type(raw: &str) -> Option<Explained> {
    if let Some(rest) = raw.strip_prefix("invalid length ") {
        return Some((format!("列表长度不对：{rest}"), None));
    }
    let (found, expected) = raw
        .strip_prefix("invalid type: ")?
        .split_once(", expected ")?;
    Some((
        format!(
            "这里应是{}，实际写的是{}",
            expected_zh(expected),
            found_zh(found)
        ),
        hint_for(expected),
    ))
}

fn yaml_limits(raw: &str) -> Option<Explained> {
    let (message, help) = if raw.contains("recursion limit exceeded") {
        (
            "YAML 嵌套层数太深",
            "记录的字段最多嵌套几层；检查是否误用了大量缩进或方括号",
        )
    } else if raw.contains("repetition limit exceeded") || raw.contains("too many aliases") {
        (
            "YAML 中的引用（& 和 *）展开后过大",
            "不要用 & 和 * 反复引用同一段内容",
        )
    } else if raw.contains("unknown anchor") {
        (
            "YAML 引用了不存在的锚点（*名称）",
            "检查 * 后面的名称是否有对应的 &名称",
        )
    } else if raw.contains("more than one document") {
        (
            "文件里有多个 YAML 文档（多了一行 ---）",
            "一个文件只写一条记录；删掉多余的 --- 行",
        )
    } else {
        return None;
    };
    Some((message.into(), Some(help.into())))
}

fn yaml_syntax(raw: &str) -> Option<Explained> {
    is_yaml_syntax(raw).then(|| {
        (
            format!("YAML 格式错误：{}", syntax_zh(raw)),
            Some(
                "常见原因：缩进没对齐、冒号后面少了空格、用了 Tab 键缩进、引号或括号没有配对"
                    .into(),
            ),
        )
    })
}

fn split_tick(rest: &str) -> (&str, &str) {
    match rest.split_once('`') {
        Some((name, after)) => (name, after),
        None => (rest, ""),
    }
}

/// The names listed as `` `a`, `b` or `c` ``.
fn ticked_list(text: &str) -> Vec<String> {
    text.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

fn unknown_help(name: &str, options: &[String], lead: &str) -> String {
    let list = options.join("、");
    match did_you_mean(name, options) {
        Some(best) if !list.is_empty() => format!("是不是要写 {best}？{lead}：{list}"),
        _ if !list.is_empty() => format!("{lead}：{list}"),
        _ => "这里不能写任何字段".into(),
    }
}

/// The option closest to a mistyped name, if one is close enough to be a typo.
pub fn did_you_mean<'a>(name: &str, options: &'a [String]) -> Option<&'a str> {
    let lower = name.to_lowercase();
    options
        .iter()
        .map(|o| (strsim::jaro_winkler(&lower, o), o))
        .filter(|(score, o)| *score > 0.8 || strsim::levenshtein(&lower, o) <= 2)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o.as_str())
}

fn expected_zh(expected: &str) -> String {
    let e = expected.trim();
    if !e.is_ascii() {
        return e.to_string();
    }
    match e {
        "a sequence" => "一个列表（每项以 - 开头）".into(),
        "a string" => "一段文字".into(),
        "a boolean" => "“true”（是）或“false”（否）".into(),
        "a map" => "一组“字段: 值”".into(),
        s if s.starts_with("struct ") => "一组“字段: 值”".into(),
        s if s.starts_with('u') || s.starts_with('i') || s.contains("integer") => "一个整数".into(),
        s if s.starts_with("enum ") || s.contains("variant") => "可选值之一".into(),
        s if s.contains("sequence") && s.contains("map") => "一组“字段: 值”或一个列表".into(),
        other => other.to_string(),
    }
}

fn found_zh(found: &str) -> String {
    let f = found.trim();
    if f.starts_with("sequence") {
        "一个列表".into()
    } else if f.starts_with("map") {
        "一组“字段: 值”".into()
    } else if f.starts_with("unit") {
        "空值（冒号后面什么也没写）".into()
    } else if let Some(v) = f.strip_prefix("string ") {
        format!("文字“{}”", v.trim_matches('"'))
    } else if let Some(v) = f.strip_prefix("integer ") {
        format!("数字 {}", v.trim_matches('`'))
    } else if let Some(v) = f.strip_prefix("floating point ") {
        format!("数字 {}", v.trim_matches('`'))
    } else if let Some(v) = f.strip_prefix("boolean ") {
        v.trim_matches('`').to_string()
    } else {
        f.to_string()
    }
}

fn hint_for(expected: &str) -> Option<String> {
    if expected.contains("sequence") {
        Some("列表的每一项单独一行，以“- ”开头".into())
    } else if expected.starts_with("struct") || expected == "a map" {
        Some("在下一行缩进两个空格，逐个写“字段: 值”".into())
    } else {
        None
    }
}

fn is_yaml_syntax(raw: &str) -> bool {
    [
        "did not find expected",
        "while parsing",
        "while scanning",
        "found character that cannot start",
        "mapping values are not allowed",
        "found unexpected end of stream",
        "found undefined tag handle",
        "control characters are not allowed",
        "invalid leading UTF-8",
        "found unknown escape character",
        "could not find expected",
        "found a tab character",
        "block sequence entries are not allowed",
        "invalid trailing UTF-8",
        "incomplete UTF-8",
        "found incompatible YAML document",
        "did not find URI",
        "EOF while parsing",
    ]
    .iter()
    .any(|p| raw.contains(p))
}

/// A short Chinese reading of the commonest libyaml complaints, keeping the original.
fn syntax_zh(raw: &str) -> String {
    let first = raw.split(" at line ").next().unwrap_or(raw);
    let zh = if raw.contains("found character that cannot start any token") {
        "这里有不能开头的字符（常见于 Tab 缩进，或 @、` 开头的值没加引号）"
    } else if raw.contains("mapping values are not allowed") {
        "这一行多了一个冒号（值里有“: ”时要给整个值加引号）"
    } else if raw.contains("did not find expected key") {
        "缩进没对齐，或上一行的引号、括号没有配对"
    } else if raw.contains("did not find expected ',' or ']'")
        || raw.contains("did not find expected ',' or '}'")
    {
        "方括号或花括号没有配对"
    } else if raw.contains("found unexpected end of stream") {
        "文件在引号或括号还没结束时就结束了"
    } else if raw.contains("found unknown escape character") {
        "双引号里的反斜杠 \\ 用法不对（改用单引号，或写成 \\\\）"
    } else if raw.contains("control characters are not allowed") {
        "文件里有看不见的控制字符"
    } else if raw.contains("block sequence entries are not allowed") {
        "列表项“- ”的位置不对（检查缩进）"
    } else {
        "YAML 语法不对"
    };
    // libyaml's own words help the rare clerk who searches for them; they
    // are labelled as such rather than passed off as an explanation.
    format!("{zh}（原始信息：{first}）")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_suggests_the_closest() {
        let (m, h) = translate("unknown field `titel`, expected one of `title`, `date`, `slug`");
        assert_eq!(m, "不认识的字段 titel");
        assert_eq!(
            h.unwrap(),
            "是不是要写 title？可用的字段有：title、date、slug"
        );
    }

    #[test]
    fn invalid_type_is_explained() {
        let (m, _) = translate("invalid type: map, expected a string");
        assert_eq!(m, "这里应是一段文字，实际写的是一组“字段: 值”");
    }
}
