//! The exact message every kind of bad input produces: file, line and column,
//! field path, what is wrong and what to do. The text is part of the product;
//! a change here is a change a clerk will see, so read it as one would.
//!
//! Each case adds its files to a copy of `tests/fixtures/minimal` (or replaces
//! `site.yaml`) and runs `gongkai check`, which must fail with exit status 1
//! and print exactly the expected text.

mod common;

use common::{Site, TODAY, stderr};

struct Case {
    name: &'static str,
    files: &'static [(&'static str, &'static [u8])],
    expected: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "missing_title",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
date: 2026-11-01
category: affairs
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:2:1 字段 title
  缺少标题 title
  → 在资料区加一行 title: 标题

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "empty_title",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: ""
date: 2026-11-01
category: affairs
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:2:8 字段 title
  标题 title 是空的
  → 写上这条记录的标题

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "missing_date",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
category: affairs
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:2:1 字段 date
  缺少发布日期 date
  → 在资料区加一行 date: 2026-11-06（发布日期）

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "date_written_in_chinese",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026年11月6日
category: affairs
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:3:7 字段 date
  日期“2026年11月6日”格式不对，应写成 2026-11-06

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "date_that_does_not_exist",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-02-30
category: affairs
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:3:7 字段 date
  日期“2026-02-30”不存在（月份或日子超出范围），请核对

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "unknown_field_suggests_the_right_one",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
titel: 测试
date: 2026-11-01
category: affairs
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:2:8 字段 titel
  不认识的字段 titel
  → 是不是要写 title？可用的字段有：title、date、slug、summary、tags、draft、posting、issuer、reviewed_by、contact、feedback、attachments、amendments、print、body、category、period、ledger、tables

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "invalid_slug",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
slug: Road_Repair
category: affairs
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:4:7 字段 slug
  网址名（slug）“Road_Repair”不合规
  → 网址名只能用小写字母、数字和连字符 -，并以字母或数字开头，例如 slug: road-repair

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "duplicate_slug",
        files: &[
            (
                r#"content/disclosures/2026-11-01-roads.md"#,
                r#"---
title: 道路一
date: 2026-11-01
category: affairs
---

正文。
"#
                .as_bytes(),
            ),
            (
                r#"content/disclosures/2026-11-02-b.md"#,
                r#"---
title: 道路二
date: 2026-11-02
slug: roads
category: affairs
---

正文。
"#
                .as_bytes(),
            ),
        ],
        expected: r#"错误：content/disclosures/2026-11-01-roads.md:2:1
  网址名（slug）“roads”与 content/disclosures/2026-11-02-b.md 重复
  → 同一种记录的网址名不能相同：在其中一条的资料区写 slug: 另一个名字，或改文件名

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "posting_ends_before_it_starts",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: affairs
posting: {from: 2026-11-10, until: 2026-11-01}
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:5:36 字段 posting.until
  公示期结束日期 2026-11-01 早于开始日期 2026-11-10
  → 把 until 改为 from 当天或之后

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "missing_attachment",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: affairs
attachments:
  - {file: files/预算表.pdf, title: 预算表}
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:6:12 字段 attachments[0].file
  附件“files/预算表.pdf”不存在
  → 把文件放到 static/files/预算表.pdf，或放在记录文件旁边；注意文件名和大小写要完全一致

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "attachment_outside_the_site",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: affairs
attachments:
  - {file: ../../site.yaml}
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:6:12 字段 attachments[0].file
  附件路径“../../site.yaml”不能含 ..、/ 开头或盘符
  → 写相对于 static/ 或记录文件所在文件夹的路径，例如 files/预算表.pdf

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "amendment_without_note",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: affairs
amendments:
  - {date: 2026-11-05}
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:6:5 字段 amendments[0]
  更正记录缺少说明 note
  → 写明改了什么、为什么改

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "solicitation_without_deadline",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: affairs
feedback: {address: 村委会}
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:5:11 字段 feedback
  征求意见缺少截止日期 deadline
  → 加一行 deadline: 2026-11-30

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "yaml_indentation",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: affairs
posting:
  from: 2026-11-01
 until: 2026-11-10
---
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:7:2
  YAML 格式错误：缩进没对齐，或上一行的引号、括号没有配对（did not find expected key）
  → 常见原因：缩进没对齐、冒号后面少了空格、用了 Tab 键缩进、引号或括号没有配对

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "no_front_matter",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"title: 测试

正文
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:1:1
  文件开头缺少资料区（front matter）：第一行应是 ---
  → Markdown 记录的格式是：第一行 ---，接着写 title: 标题、date: 2026-11-06 等字段，再一行 ---，下面是正文

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "front_matter_not_closed",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01

正文
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:1:1
  资料区（front matter）没有结束：找不到第二个 --- 行
  → 在字段和正文之间单独写一行 ---

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "empty_file",
        files: &[(r#"content/disclosures/a.md"#, r#""#.as_bytes())],
        expected: r#"错误：content/disclosures/a.md
  文件是空的
  → 删除这个文件，或用 gongkai new 生成一条记录后再填写

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "gbk_encoded_file",
        files: &[(
            r#"content/disclosures/a.md"#,
            b"---\x0atitle: \xb2\xe2\xca\xd4\x0a---\x0a",
        )],
        expected: r#"错误：content/disclosures/a.md:2
  文件不是 UTF-8 编码（可能是 GBK/GB2312）
  → 用记事本打开，选“另存为”，编码选 UTF-8 后保存

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "list_expected",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: affairs
tags: {a: b}
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:5:7 字段 tags
  这里应是一个列表（每项以 - 开头），实际写的是一组“字段: 值”
  → 列表的每一项单独一行，以“- ”开头

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "draft_not_yes_or_no",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: affairs
draft: 是
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:5:8 字段 draft
  这里应是“true”（是）或“false”（否），实际写的是文字“是”

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "missing_category",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:2:1 字段 category
  缺少公开类别 category
  → 加一行 category: affairs（村务/居务）、finance（财务）、party（党务）或 other（其他）

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "unknown_category",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: financ
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:4:11 字段 category
  “financ”不是这里可选的值
  → 是不是要写 finance？可选的值有：affairs、finance、party、other

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "bad_period",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: affairs
period: 2026-Q5
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:5:9 字段 period
  期间“2026-Q5”格式不对，可写 2026（全年）、2026-H1（上半年）、2026-Q3（第三季度）或 2026-10（月份）

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "money_with_three_decimals",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: finance
reviewed_by: 监委会
ledger:
  opening: "100.00"
  entries:
    - {date: 2026-10-03, item: 道路维修, expense: "12.345"}
  closing: "87.66"
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:9:47 字段 ledger.entries[0].expense
  金额“12.345”超过两位小数，请精确到分，例如 "12.35"

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "money_in_words",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: finance
reviewed_by: 监委会
ledger:
  opening: "100.00"
  entries:
    - {date: 2026-10-03, item: 道路维修, expense: 三千元}
  closing: "100.00"
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:9:47 字段 ledger.entries[0].expense
  金额“三千元”不是数字，请写成 "3500.00" 这样（单位：元，不写“元”字）

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "ledger_does_not_balance",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: finance
reviewed_by: 监委会
ledger:
  opening: "12000.00"
  entries:
    - {date: 2026-10-03, item: 道路维修, voucher: 记-12, expense: "3500.00"}
    - {date: 2026-10-10, item: 上级补助资金, voucher: 记-13, income: "20000.00"}
  closing: "28000.00"
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:11:12 字段 ledger.closing
  本期结余 closing 写的是 28000.00，但上期结余 12000.00 + 收入合计 20000.00 − 支出合计 3500.00 = 28500.00
  → 核对每一笔收支；如果账目无误，把 closing 改为 "28500.00"

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "entry_with_income_and_expense",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: finance
reviewed_by: 监委会
ledger:
  opening: "0"
  entries:
    - {date: 2026-10-03, item: 道路维修, income: "1", expense: "1"}
  closing: "0"
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:9:7 字段 ledger.entries[0]
  一个条目不能同时有收入 income 和支出 expense
  → 拆成两个条目，一个写 income，一个写 expense

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "finance_without_reviewer",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: finance
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:2:1 字段 reviewed_by
  财务公开必须写明审核单位 reviewed_by
  → 财务公开在张贴前要经民主理财小组或村（居）务监督委员会审核，例如 reviewed_by: 幸福村村务监督委员会

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "row_with_undeclared_column",
        files: &[(
            r#"content/disclosures/a.yaml"#,
            r#"title: 测试
date: 2026-11-01
category: affairs
tables:
  - columns:
      - {key: name, label: 姓名, mask: name}
    rows:
      - {name: 王秀兰, nmae: 张三}
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.yaml:8:27 字段 tables[0].rows[0].nmae
  这一行有表格没有声明的列“nmae”，它的值不会显示
  → 在 columns 里加上这一列，或改成已有的列：name

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "money_cell_not_a_number",
        files: &[(
            r#"content/disclosures/a.yaml"#,
            r#"title: 测试
date: 2026-11-01
category: affairs
tables:
  - columns:
      - {key: amount, label: 金额, type: money}
    rows:
      - {amount: "650元"}
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.yaml:8:18 字段 tables[0].rows[0].amount
  金额“650元”不是数字，请写成 "3500.00" 这样（单位：元，不写“元”字）
  → “金额”列的类型是 money（金额）

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "total_on_a_text_column",
        files: &[(
            r#"content/disclosures/a.yaml"#,
            r#"title: 测试
date: 2026-11-01
category: affairs
tables:
  - columns:
      - {key: group, label: 组别, total: true}
    rows:
      - {group: 一组}
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.yaml:6:40 字段 tables[0].columns[0].total
  列“group”不是数字列，不能合计
  → 合计 total: true 只用在 type: money 或 type: number 的列上

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "resident_id_in_body",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: affairs
---

申请人王秀兰，
身份证号220421195803125120。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:8:5
  发现未遮盖的身份证号码 220421********5120
  → 身份证号只能出现在带 mask: id 的表格列里：请删除，或移到这样的列

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "mobile_in_title",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 请联系13812345678
date: 2026-11-01
category: affairs
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:2:8 字段 title
  发现未遮盖的手机号码 138****5678
  → 居民个人的号码不能公开：请删除，或放进带 mask: phone 的表格列；如果是公开的办公电话，请加入 site.yaml 的 public_phones，或写在本记录的 contact.phone

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "mobile_in_unmasked_column",
        files: &[(
            r#"content/disclosures/a.yaml"#,
            r#"title: 测试
date: 2026-11-01
category: affairs
tables:
  - columns:
      - {key: name, label: 姓名, mask: name}
      - {key: tel, label: 电话}
    rows:
      - {name: 王秀兰, tel: "138 1234 5678"}
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.yaml:9:26 字段 tables[0].rows[0].tel
  发现未遮盖的手机号码 138****5678
  → 居民个人的号码不能公开：请删除，或放进带 mask: phone 的表格列；如果是公开的办公电话，请加入 site.yaml 的 public_phones，或写在本记录的 contact.phone

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "fullwidth_mobile_in_body",
        files: &[(
            r#"content/disclosures/a.md"#,
            r#"---
title: 测试
date: 2026-11-01
category: affairs
---

联系人电话：１３９１２３４１２３４
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/disclosures/a.md:7:7
  发现未遮盖的手机号码 139****1234
  → 居民个人的号码不能公开：请删除，或放进带 mask: phone 的表格列；如果是公开的办公电话，请加入 site.yaml 的 public_phones，或写在本记录的 contact.phone

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "convention_without_status",
        files: &[(
            r#"content/conventions/a.md"#,
            r#"---
title: 公约
date: 2026-11-01
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/conventions/a.md:2:1 字段 status
  缺少状态 status
  → 加一行 status: in-force（现行有效）、consultation（征求意见稿）或 repealed（已废止）

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "convention_in_force_without_vote",
        files: &[(
            r#"content/conventions/a.md"#,
            r#"---
title: 公约
date: 2026-11-01
status: in-force
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/conventions/a.md:2:1 字段 adopted
  现行有效的公约必须写明表决通过情况 adopted
  → 写 adopted: {date: 通过日期, meeting: 村民会议, present: 到会人数, for: 赞成, against: 反对, abstain: 弃权}

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "votes_exceed_those_present",
        files: &[(
            r#"content/conventions/a.md"#,
            r#"---
title: 公约
date: 2026-11-01
status: in-force
adopted: {date: 2026-10-20, meeting: 村民会议, present: 50, for: 40, against: 8, abstain: 5}
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/conventions/a.md:5:10 字段 adopted
  票数对不上：赞成 40 + 反对 8 + 弃权 5 = 53，超过到会人数 50
  → 核对会议记录中的票数和到会人数

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "no_majority",
        files: &[(
            r#"content/conventions/a.md"#,
            r#"---
title: 公约
date: 2026-11-01
status: in-force
adopted: {date: 2026-10-20, meeting: 村民会议, present: 50, for: 25, against: 20, abstain: 5}
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/conventions/a.md:5:62 字段 adopted.for
  赞成 25 票没有超过到会人数 50 的半数，公约不能算通过
  → 核对票数；未获通过的公约不能标为 in-force，可改为 status: consultation

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "filed_before_adopted",
        files: &[(
            r#"content/conventions/a.md"#,
            r#"---
title: 公约
date: 2026-11-01
status: in-force
adopted: {date: 2026-10-20, meeting: 村民会议, present: 50, for: 40, against: 5, abstain: 5}
filed: {with: 测试镇人民政府, date: 2026-10-01}
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/conventions/a.md:6:30 字段 filed.date
  备案日期 2026-10-01 早于表决通过日期 2026-10-20
  → 公约要先经会议通过再报备案，核对两个日期

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "replaces_unknown_version",
        files: &[(
            r#"content/conventions/a.md"#,
            r#"---
title: 公约
date: 2026-11-01
status: consultation
replaces: rules-2024
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/conventions/a.md:5:11 字段 replaces
  找不到被取代的公约“rules-2024”
  → replaces 要写旧版本公约的网址名（slug），现有：rules、rules-2025

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "consultation_without_meeting_date",
        files: &[(
            r#"content/consultations/a.md"#,
            r#"---
title: 协商
date: 2026-11-01
meeting: {place: 会议室}
agenda:
  - topic: 议题
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/consultations/a.md:4:10 字段 meeting
  会议信息缺少日期 date
  → 写上协商的日期

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "consultation_without_agenda",
        files: &[(
            r#"content/consultations/a.md"#,
            r#"---
title: 协商
date: 2026-11-01
meeting: {date: 2026-11-01}
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/consultations/a.md:2:1 字段 agenda
  至少要有一个议题 agenda
  → 写 agenda: 列表，每个议题至少有 topic

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "agenda_item_without_topic",
        files: &[(
            r#"content/consultations/a.md"#,
            r#"---
title: 协商
date: 2026-11-01
meeting: {date: 2026-11-01}
agenda:
  - decision: 同意
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/consultations/a.md:6:5 字段 agenda[0]
  议题缺少题目 topic
  → 写明议的是什么事

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "unknown_follow_up_status",
        files: &[(
            r#"content/consultations/a.md"#,
            r#"---
title: 协商
date: 2026-11-01
meeting: {date: 2026-11-01}
agenda:
  - topic: 议题
follow_up:
  - {task: 修路, status: finished}
---

正文。
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/consultations/a.md:8:24 字段 follow_up[0].status
  “finished”不是这里可选的值
  → 可选的值有：planned、in-progress、done、dropped

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "admission_list_without_items",
        files: &[(
            r#"content/admissions/a.yaml"#,
            r#"title: 清单
date: 2026-11-01
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/admissions/a.yaml:1:1 字段 items
  准入清单没有事项 items
  → 写 items: 列表，每项至少有 name 和 type

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "admission_item_without_name",
        files: &[(
            r#"content/admissions/a.yaml"#,
            r#"title: 清单
date: 2026-11-01
items:
  - {no: 1, type: statutory}
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/admissions/a.yaml:4:5 字段 items[0]
  事项缺少名称 name
  → 写上事项名称

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "admission_numbers_repeat",
        files: &[(
            r#"content/admissions/a.yaml"#,
            r#"title: 清单
date: 2026-11-01
items:
  - {no: 1, name: 甲, type: statutory}
  - {no: 1, name: 乙, type: assisted}
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/admissions/a.yaml:5:10 字段 items[1].no
  序号 1 与 items[0] 重复
  → 每个事项的序号 no 要不同

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "admission_unknown_type",
        files: &[(
            r#"content/admissions/a.yaml"#,
            r#"title: 清单
date: 2026-11-01
items:
  - {no: 1, name: 甲, type: statutry}
"#
            .as_bytes(),
        )],
        expected: r#"错误：content/admissions/a.yaml:4:28 字段 items[0].type
  “statutry”不是这里可选的值
  → 是不是要写 statutory？可选的值有：statutory、undertaken、assisted、certificate、excluded

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "site_without_title",
        files: &[(
            r#"site.yaml"#,
            r#"base_url: https://ceshi.example.org/
community: {name: 测试村民委员会, kind: village}
"#
            .as_bytes(),
        )],
        expected: r#"错误：site.yaml:1:1
  缺少必填字段 title
  → 请补上 title: …

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "site_base_url_not_a_url",
        files: &[(
            r#"site.yaml"#,
            r#"title: 测试
base_url: ceshi.example.org
community: {name: 测试村民委员会, kind: village}
"#
            .as_bytes(),
        )],
        expected: r#"错误：site.yaml:2:11 字段 base_url
  base_url“ceshi.example.org”不是完整的网址
  → 写网站上线后的地址，以 https:// 开头，例如 https://xingfu.example.org/

共 1 个错误，改正后再生成网站。
"#,
    },
    Case {
        name: "site_unknown_community_kind",
        files: &[(
            r#"site.yaml"#,
            r#"title: 测试
base_url: https://ceshi.example.org/
community: {name: 测试村民委员会, kind: town}
"#
            .as_bytes(),
        )],
        expected: r#"错误：site.yaml:3:34 字段 community.kind
  “town”不是这里可选的值
  → 可选的值有：village、community

共 1 个错误，改正后再生成网站。
"#,
    },
];

#[test]
fn every_bad_input_gets_its_exact_message() {
    assert!(CASES.len() >= 40, "the table covers at least 40 bad inputs");
    let mut failures = Vec::new();
    for case in CASES {
        let site = Site::copy_of("minimal");
        for (path, bytes) in case.files {
            site.write_bytes(path, bytes);
        }
        let out = site.run(&["check", "--today", TODAY]);
        let got = stderr(&out);
        if out.status.code() != Some(1) || got != case.expected {
            failures.push(format!(
                "── {} (exit {:?}) ──\n{got}",
                case.name,
                out.status.code()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) changed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn all_problems_of_all_files_are_reported_together() {
    let site = Site::copy_of("minimal");
    let picked = [
        "ledger_does_not_balance",
        "mobile_in_title",
        "no_majority",
        "agenda_item_without_topic",
        "admission_numbers_repeat",
        "gbk_encoded_file",
    ];
    for case in CASES.iter().filter(|c| picked.contains(&c.name)) {
        for (path, bytes) in case.files {
            // Each case's file under its own name, so all of them sit side by side.
            let (dir, file) = path.rsplit_once('/').unwrap();
            site.write_bytes(&format!("{dir}/{}-{file}", case.name), bytes);
        }
    }
    let err = site.check_fails();
    for name in picked {
        assert!(
            err.contains(&format!("/{name}-a.")),
            "{name} is reported:\n{err}"
        );
    }
    let errors = err.matches("错误：").count();
    assert_eq!(errors, picked.len(), "{err}");
    assert!(
        err.trim_end()
            .ends_with(&format!("共 {errors} 个错误，改正后再生成网站。")),
        "{err}"
    );
}
