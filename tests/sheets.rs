//! Spreadsheets as the source of ledgers and lists: workbooks written by a
//! real spreadsheet program (`tests/fixtures/sheets/make.py`: openpyxl, then
//! LibreOffice), a GBK CSV as Chinese Windows saves it, an ODS and an XLS.
//! Every rule that holds for YAML holds for them, and every problem is named
//! at its cell.

mod common;

use common::{Site, repo, stderr, text_of};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("tests/fixtures/sheets").join(name)).unwrap()
}

const LEDGER_RECORD: &str = "---\ntitle: 十月收支（表格）\ndate: 2026-11-05\ncategory: finance\nperiod: 2026-10\nreviewed_by: 测试村村务监督委员会\nledger:\n  opening: \"24400.00\"\n  from: 收支明细.xlsx\n---\n\n本月收支情况。\n";

fn list_record(file: &str, extra: &str) -> String {
    format!(
        "title: 低保名单\ndate: 2026-11-05\ncategory: affairs\ntables:\n  - title: 2026年第四季度低保对象名单\n    from: {file}\n    mask: {{身份证号: id, 联系电话: phone, 姓名: name}}\n{extra}"
    )
}

#[test]
fn a_ledger_from_a_workbook_balances_and_reads_as_typed() {
    let site = Site::copy_of("minimal");
    site.write_bytes("content/disclosures/收支明细.xlsx", &fixture("ledger.xlsx"));
    site.write("content/disclosures/2026-11-05-sheet.md", LEDGER_RECORD);
    let out = site.build(&[]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let page = text_of(&site.read("disclosures/sheet/index.html"));
    // A title merged over the header, a blank row, the 上期结余 row: skipped.
    // Excel date cells, 2026/10/05 and 10月8日 typed as text: all dates.
    for row in [
        "上期结余 24,400.00",
        "10月3日 记-12 道路维修 3,500.00 20,900.00 三组村道",
        "10月5日 记-13 上级补助资金 20,000.00 40,900.00",
        "10月8日 记-14 办公用品 1,250.50 39,649.50",
        // =0.1+0.2, a float that is exactly 30 fen.
        "10月12日 记-15 利息收入 0.30 39,649.80",
        "本期合计 20,000.30 5,613.20",
        "本期结余 38,787.10",
    ] {
        assert!(page.contains(row), "{row}\n{page}");
    }
}

#[test]
fn a_list_reads_the_same_from_xlsx_ods_xls_and_a_gbk_csv_and_masks_every_number() {
    let mut pages = Vec::new();
    for file in ["dibao.xlsx", "dibao.ods", "dibao.xls"] {
        let site = Site::copy_of("minimal");
        site.write_bytes(&format!("content/disclosures/{file}"), &fixture(file));
        site.write(
            "content/disclosures/2026-11-05-list.yaml",
            &list_record(file, ""),
        );
        let out = site.build(&[]);
        assert!(stderr(&out).is_empty(), "{file}: {}", stderr(&out));
        let page = text_of(&site.read("disclosures/list/index.html"));
        for row in [
            "1 王*兰 220421********5120 180****9083 2 820.00 因病",
            "2 欧**生 220402********123X 138****5678 3 1,150.50 因残",
            "3 张* 220421********3897 139****0824 1 530.00",
            "合计 6 2,500.50",
        ] {
            assert!(page.contains(row), "{file}: {row}\n{page}");
        }
        for (rel, bytes) in site.all_output() {
            let text = String::from_utf8_lossy(&bytes);
            for raw in ["220421195803125120", "18018159083", "王秀兰", "13812345678"] {
                assert!(!text.contains(raw), "{file}: {raw} reached public/{rel}");
            }
        }
        pages.push(page);
    }
    assert!(
        pages.windows(2).all(|w| w[0] == w[1]),
        "the three formats read alike"
    );

    let site = Site::copy_of("minimal");
    site.write_bytes(
        "content/disclosures/dibao-gbk.csv",
        &fixture("dibao-gbk.csv"),
    );
    site.write(
        "content/disclosures/2026-11-05-list.yaml",
        &list_record("dibao-gbk.csv", ""),
    );
    let out = site.build(&[]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let page = text_of(&site.read("disclosures/list/index.html"));
    assert!(
        page.contains("王*兰 220421********5120 180****9083 820.00"),
        "{page}"
    );
    assert!(page.contains("合计 1,350.00"), "{page}");
}

/// `gongkai check` of a site with `files` added; the exact stderr.
fn check_with(files: &[(&str, Vec<u8>)]) -> String {
    let site = Site::copy_of("minimal");
    for (rel, bytes) in files {
        site.write_bytes(rel, bytes);
    }
    site.check_fails()
}

#[test]
fn problems_in_a_sheet_are_named_at_their_cell() {
    let err = check_with(&[
        (
            "content/disclosures/收支明细.xlsx",
            fixture("ledger-wrong-total.xlsx"),
        ),
        (
            "content/disclosures/2026-11-05-sheet.md",
            LEDGER_RECORD.as_bytes().to_vec(),
        ),
    ]);
    assert!(
        err.contains("错误：content/disclosures/收支明细.xlsx 工作表“10月” D10 单元格\n  合计行的收入写的是 99999.00，但上面各行收入加起来是 20000.30\n"),
        "{err}"
    );
    let err = check_with(&[
        (
            "content/disclosures/收支明细.xlsx",
            fixture("formula-no-cache.xlsx"),
        ),
        (
            "content/disclosures/2026-11-05-sheet.md",
            LEDGER_RECORD.as_bytes().to_vec(),
        ),
    ]);
    assert!(
        err.contains("错误：content/disclosures/收支明细.xlsx 工作表“10月” D8 单元格\n  这一格是公式（=0.1+0.2），但文件里没有算好的结果\n  → 用 Excel 或 WPS 打开这个文件，让它算出结果后保存一次，再生成\n"),
        "{err}"
    );
}

#[test]
fn an_unmasked_id_in_an_undeclared_column_fails_at_its_cell() {
    let err = check_with(&[
        (
            "content/disclosures/dibao.xlsx",
            fixture("dibao-id-in-note.xlsx"),
        ),
        (
            "content/disclosures/2026-11-05-list.yaml",
            list_record("dibao.xlsx", "").into_bytes(),
        ),
    ]);
    assert!(
        err.contains("错误：content/disclosures/dibao.xlsx 工作表“名单” G6 单元格\n  发现未遮盖的身份证号码 110105********002X\n"),
        "{err}"
    );
    assert!(!err.contains("11010519491231002X"), "{err}");
}

#[test]
fn unreadable_workbooks_get_a_clear_message_never_a_panic() {
    let record = |extra: &str| list_record("名单.xlsx", extra).into_bytes();
    let cases: [(&str, Vec<u8>, &str, &str); 5] = [
        (
            "password",
            fixture("password.xlsx"),
            "",
            "表格文件设了密码，读不出来",
        ),
        (
            "corrupt",
            b"PK\x03\x04 not really a workbook".to_vec(),
            "",
            "表格文件已损坏，或不是它的扩展名所说的格式",
        ),
        ("empty", Vec::new(), "", "表格文件是空的"),
        (
            "sheet",
            fixture("dibao.xlsx"),
            "    sheet: 第二季度\n",
            "找不到工作表“第二季度”\n  → 这个文件里的工作表有：名单",
        ),
        (
            "big",
            vec![0u8; 21 * 1024 * 1024],
            "",
            "表格文件太大（21 MB），最多 20 MB",
        ),
    ];
    for (name, bytes, extra, expected) in cases {
        let site = Site::copy_of("minimal");
        site.write_bytes("content/disclosures/名单.xlsx", &bytes);
        site.write_bytes("content/disclosures/2026-11-05-list.yaml", &record(extra));
        let out = site.run(&["build", "--today", common::TODAY]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(&format!(
                "错误：content/disclosures/名单.xlsx\n  {expected}"
            )),
            "{name}: {err}"
        );
        assert!(!site.path().join("public").exists(), "{name}");
    }
    let err = check_with(&[(
        "content/disclosures/2026-11-05-list.yaml",
        list_record("不在这里.xlsx", "").into_bytes(),
    )]);
    assert!(
        err.contains("字段 tables（第1项）.from\n  找不到表格文件“不在这里.xlsx”"),
        "{err}"
    );
}

/// Each `<table>` of a page as rows of its non-empty cells' text.
fn page_tables(html: &str) -> Vec<Vec<Vec<String>>> {
    let opens = |s: &str, tag: &str| -> Vec<usize> {
        s.match_indices(&format!("<{tag}"))
            .filter(|(i, m)| matches!(s.as_bytes().get(i + m.len()), Some(b' ' | b'>')))
            .map(|(i, _)| i)
            .collect()
    };
    let pieces = |s: &str, starts: Vec<usize>| -> Vec<String> {
        let mut ends = starts[1..].to_vec();
        ends.push(s.len());
        starts
            .iter()
            .zip(ends)
            .map(|(&a, b)| s[a..b].to_string())
            .collect()
    };
    html.split("<table")
        .skip(1)
        .map(|t| {
            let t = t.split("</table>").next().unwrap();
            pieces(t, opens(t, "tr"))
                .iter()
                .map(|row| {
                    let mut starts = opens(row, "td");
                    starts.extend(opens(row, "th"));
                    starts.sort();
                    if starts.is_empty() {
                        return Vec::new();
                    }
                    pieces(row, starts)
                        .iter()
                        .map(|c| text_of(&format!("<{c}")))
                        .filter(|c| !c.is_empty())
                        .collect()
                })
                .filter(|r: &Vec<String>| !r.is_empty())
                .collect()
        })
        .collect()
}

/// A workbook's sheets as rows of their non-empty cells, written the way the
/// page writes them: amounts without grouping commas, dates as `10月3日`.
fn workbook_rows(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Data, Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    book.worksheets()
        .into_iter()
        .map(|(name, range)| {
            let rows = range
                .rows()
                .map(|row| {
                    row.iter()
                        .filter_map(|cell| match cell {
                            Data::Empty => None,
                            Data::Float(f) => Some(format!("{f}")),
                            Data::Int(i) => Some(format!("{i}")),
                            Data::DateTime(d) => {
                                // `2026-10-03T00:00:00`
                                let iso = format!("{:?}", d.as_datetime().unwrap());
                                let n: Vec<u32> =
                                    iso[..10].split('-').map(|p| p.parse().unwrap()).collect();
                                Some(format!("{}月{}日", n[1], n[2]))
                            }
                            other => Some(other.to_string()),
                        })
                        .collect::<Vec<_>>()
                })
                .filter(|r| !r.is_empty())
                .collect();
            (name, rows)
        })
        .collect()
}

/// A page cell as the workbook holds it: `1,150.50` is the number 1150.5.
fn as_cell(text: &str) -> String {
    let plain = text.replace(',', "");
    match plain.parse::<f64>() {
        Ok(f) if !plain.contains('*') => format!("{f}"),
        _ => text.to_string(),
    }
}

#[test]
fn the_downloadable_workbook_holds_exactly_the_page_tables_and_the_csv_opens_in_excel() {
    let site = Site::copy_of("minimal");
    site.write_bytes("content/disclosures/收支明细.xlsx", &fixture("ledger.xlsx"));
    site.write("content/disclosures/2026-11-05-sheet.md", LEDGER_RECORD);
    site.write_bytes("content/disclosures/dibao.xlsx", &fixture("dibao.xlsx"));
    site.write(
        "content/disclosures/2026-11-05-list.yaml",
        &list_record("dibao.xlsx", ""),
    );
    let out = site.build(&[]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    for (slug, sheet_names) in [
        ("sheet", vec!["收支明细"]),
        ("list", vec!["2026年第四季度低保对象名单"]),
    ] {
        let html = site.read(&format!("disclosures/{slug}/index.html"));
        assert!(
            html.contains(&format!("href={slug}.xlsx"))
                || html.contains(&format!("href=\"{slug}.xlsx\"")),
            "the page links its workbook"
        );
        assert!(text_of(&html).contains("下载表格"));
        let page = page_tables(&html);
        let book = workbook_rows(
            std::fs::read(site.out(&format!("disclosures/{slug}/{slug}.xlsx"))).unwrap(),
        );
        assert_eq!(
            book.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            sheet_names
        );
        assert_eq!(page.len(), book.len());
        for (table, (name, rows)) in page.iter().zip(&book) {
            // A list's sheet starts with its caption, which the page shows as a heading.
            let rows = if slug == "list" {
                assert_eq!(rows[0], vec![name.clone()]);
                &rows[1..]
            } else {
                &rows[..]
            };
            let page_rows: Vec<Vec<String>> = table
                .iter()
                .map(|r| r.iter().map(|c| as_cell(c)).collect())
                .collect();
            // The ledger's date header names the year on the page (日期（2026年）).
            let mut page_rows = page_rows;
            if slug == "sheet" {
                page_rows[0][0] = "日期".into();
            }
            assert_eq!(&page_rows, rows, "public/disclosures/{slug}/{slug}.xlsx");
        }
    }
    // Amounts are numbers shown with two decimals; dates are dates.
    let bytes = std::fs::read(site.out("disclosures/sheet/sheet.xlsx")).unwrap();
    let mut zip = std::io::Cursor::new(bytes);
    let styles = {
        use std::io::Read;
        let mut archive = zip::ZipArchive::new(&mut zip).unwrap();
        let mut s = String::new();
        archive
            .by_name("xl/styles.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(styles.contains("#,##0.00"), "{styles}");

    let csv = std::fs::read(site.out("data/disclosures.csv")).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "the CSV starts with a byte-order mark"
    );
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("网址名,标题,发布日期,摘要")
    );
    let row = lines
        .find(|l| l.starts_with("sheet,"))
        .expect("the ledger's record has its row");
    assert!(
        row.starts_with("sheet,十月收支（表格）,2026-11-05,"),
        "{row}"
    );
    assert!(
        row.ends_with(",财务,2026-10,20000.30,5613.20,38787.10"),
        "{row}"
    );
}

#[test]
fn an_attached_workbook_or_word_file_with_an_unmasked_number_fails_the_build() {
    let record = "title: 低保名单原件\ndate: 2026-11-05\ncategory: affairs\nattachments:\n  - {file: 名单原件.xlsx, title: 名单原件}\n";
    let site = Site::copy_of("minimal");
    site.write_bytes("content/disclosures/名单原件.xlsx", &fixture("dibao.xlsx"));
    site.write("content/disclosures/2026-11-05-list.yaml", record);
    let out = site.run(&["build", "--today", "2026-11-10"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("名单原件.xlsx"), "{err}");
    assert!(err.contains("工作表“名单” C4 单元格"), "{err}");
    assert!(err.contains("D4 单元格"), "{err}");
    assert!(!site.exists("disclosures/list/名单原件.xlsx"));

    // A Word file splits what was typed into runs; the number is seen whole.
    let mut docx = Vec::new();
    {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut docx));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(
            "<w:document><w:body><w:p><w:r><w:t>联系电话：138</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>1234</w:t></w:r><w:r><w:t>5678</w:t></w:r></w:p></w:body></w:document>"
                .as_bytes(),
        )
        .unwrap();
        zip.finish().unwrap();
    }
    let site = Site::copy_of("minimal");
    site.write_bytes("static/通知.docx", &docx);
    site.write(
        "content/disclosures/2026-11-05-list.md",
        "---\ntitle: 通知\ndate: 2026-11-05\ncategory: affairs\nattachments:\n  - {file: 通知.docx, title: 通知原件}\n---\n通知见附件。\n",
    );
    let out = site.run(&["build", "--today", "2026-11-10"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("static/通知.docx") && err.contains("手机号"),
        "{err}"
    );
}

#[test]
fn a_csv_counts_and_sums_what_its_total_row_sums_and_names_a_total_it_cannot_check() {
    // Every cell of a CSV is text: 人数 is still counted and checked.
    let csv = "姓名,身份证号,人数,月保障金（元）\r\n王秀兰,220421195803125120,2,820.00\r\n张三,220421194711083897,1,530.00\r\n合计,,3,1350.00\r\n";
    let site = Site::copy_of("minimal");
    site.write_bytes("content/disclosures/名单.csv", csv.as_bytes());
    site.write(
        "content/disclosures/2026-11-05-list.yaml",
        &list_record("名单.csv", ""),
    );
    site.build(&[]);
    let page = text_of(&site.read("disclosures/list/index.html"));
    assert!(page.contains("合计 3 1,350.00"), "{page}");

    let wrong = csv.replace("合计,,3,", "合计,,4,");
    let err = check_with(&[
        ("content/disclosures/名单.csv", wrong.into_bytes()),
        (
            "content/disclosures/2026-11-05-list.yaml",
            list_record("名单.csv", "").into_bytes(),
        ),
    ]);
    assert!(err.contains("名单.csv 工作表“名单” C4 单元格"), "{err}");
    assert!(
        err.contains("合计行写的是 4，但上面各行加起来是 3"),
        "{err}"
    );

    let text_total = csv.replace("合计,,3,", "合计,共两户,3,");
    let err = check_with(&[
        ("content/disclosures/名单.csv", text_total.into_bytes()),
        (
            "content/disclosures/2026-11-05-list.yaml",
            list_record("名单.csv", "").into_bytes(),
        ),
    ]);
    assert!(err.contains("B4 单元格"), "{err}");
    assert!(err.contains("合计行在“身份证号”这一列写了 共两户"), "{err}");
}

#[test]
fn an_opening_balance_typed_in_the_record_and_the_sheet_must_agree() {
    let err = check_with(&[
        ("content/disclosures/收支明细.xlsx", fixture("ledger.xlsx")),
        (
            "content/disclosures/2026-11-05-sheet.md",
            LEDGER_RECORD.replace("24400.00", "24000.00").into_bytes(),
        ),
    ]);
    assert!(
        err.contains("收支明细.xlsx 工作表“10月” F4 单元格"),
        "{err}"
    );
    assert!(
        err.contains("表格的上期结余是 24400.00，但记录里 opening 写的是 24000.00"),
        "{err}"
    );
}
