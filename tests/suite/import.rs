//! `gongshi import`: a roster spreadsheet becomes notices. A notice
//! imported from a sheet renders exactly as the same notice written by
//! hand; a wrong cell is reported at its cell, in the clerk's language,
//! and nothing is written; no sheet makes the import panic or write half
//! a site.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::{run, tree, Outcome, SiteTest};

/// One person of the roster: what the sheet says and what a clerk would
/// write by hand in the village file.
struct Person {
    bo: &'static str,
    zh: &'static str,
    /// (code, the sheet's label).
    gender: (&'static str, &'static str),
    /// (YAML, the sheet's cell: text, or a date cell when it starts with `@`).
    born: (&'static str, &'static str),
    education: (&'static str, &'static str),
    party: (&'static str, &'static str),
    post: (&'static str, &'static str),
}

const PEOPLE: [Person; 5] = [
    Person {
        bo: "བཀྲ་ཤིས་དོན་གྲུབ།",
        zh: "扎西顿珠",
        gender: ("male", "男 "),
        born: ("1971-08", "1971.08"),
        education: ("junior_high", "初中"),
        party: ("member", "中共党员"),
        post: ("chair", "主任"),
    },
    Person {
        bo: "པ་སངས་ལྷ་མོ།",
        zh: "巴桑拉姆",
        gender: ("female", "女"),
        born: ("1989-01", "1989年1月"),
        education: ("vocational", "中专(中技)"),
        party: ("member", "中共党员"),
        post: ("deputy_chair", "副主任"),
    },
    Person {
        bo: "ཚེ་རིང་སྒྲོལ་མ།",
        zh: "次仁卓玛",
        gender: ("female", "female"),
        born: ("1995-03-01", "@1995-03-01"),
        education: ("bachelor", "大学本科"),
        party: ("probationary", "中共预备党员"),
        post: ("member", "委员"),
    },
    Person {
        bo: "ཆོས་འཕེལ།",
        zh: "群培",
        gender: ("male", "男"),
        born: ("1975-04", "１９７５．０４"),
        education: ("primary", "小学"),
        party: ("member", "member"),
        post: ("member", "委员"),
    },
    Person {
        bo: "སྒྲོལ་དཀར།",
        zh: "卓嘎",
        gender: ("female", "女"),
        born: ("1988-12", "1988/12"),
        education: ("senior_high", "高中"),
        party: ("member", "中共党员"),
        post: ("member", "委员"),
    },
];

/// Fifteen villages: three townships of five, each village's persons a
/// different slice of [`PEOPLE`] (the chair and deputy always there).
struct Village {
    township: &'static str,
    slug: String,
    zh: String,
    bo: String,
    persons: Vec<&'static Person>,
}

const TOWNSHIPS: [(&str, &str, &str); 3] = [
    ("shiquanhe", "狮泉河镇", "སེང་གེ་ཁ་འབབ།"),
    ("kunsha", "昆莎乡", "ཁུན་ཤ་ཤང་།"),
    ("zhaxigang", "扎西岗乡", "བཀྲ་ཤིས་སྒང་ཤང་།"),
];

const VILLAGE_ZH: [&str; 5] = ["德吉", "加木", "朗久", "典角", "曲松"];
const VILLAGE_BO: [&str; 5] = ["བདེ་སྐྱིད", "རྒྱ་མོ", "གླང་ཆུ", "ཐེམ་ཅོག", "ཆུ་གསུམ"];

fn villages() -> Vec<Village> {
    let mut all = Vec::new();
    for (t, (township, _, _)) in TOWNSHIPS.iter().enumerate() {
        for (v, (zh, bo)) in VILLAGE_ZH.iter().zip(VILLAGE_BO).enumerate() {
            let count = 2 + (t + v) % 4;
            all.push(Village {
                township,
                slug: format!("v{t}{v}"),
                zh: format!("{zh}村"),
                bo: format!("{bo}གྲོང་ཚོ།"),
                persons: PEOPLE.iter().take(count.max(4)).collect(),
            });
        }
    }
    all
}

const HEAD: &str = "  - slug: committee-candidates\n    type: candidates\n    body: committee\n    published: 2021-01-12\n    period: { start: 2021-01-12, working_days: 5 }\n    seats: { chair: 1, deputy_chair: 1, member: 2 }\n    candidates:\n";

/// The import's flags for [`HEAD`].
const FLAGS: [&str; 14] = [
    "--slug",
    "committee-candidates",
    "--type",
    "candidates",
    "--body",
    "committee",
    "--published",
    "2021-01-12",
    "--period-start",
    "2021-01-12",
    "--working-days",
    "5",
    "--seats",
    "主任=1,副主任=1,委员=2",
];

/// The site with the fifteen villages, their notice written by hand
/// (`by_hand`) or not yet there (each file as a clerk leaves it: a
/// comment, no `notices:`, or an empty inline list).
fn site(by_hand: bool) -> SiteTest {
    let site = SiteTest::empty();
    for (slug, zh, bo) in TOWNSHIPS {
        site.write(
            &format!("content/villages/gar/{slug}/_index.yaml"),
            &format!("name: {{ bo: \"{bo}\", zh: \"{zh}\" }}\n"),
        );
    }
    for (n, village) in villages().iter().enumerate() {
        let mut text = format!(
            "# {} 村委会\nname: {{ bo: \"{}\", zh: \"{}\" }}\nkind: village\n",
            village.zh, village.bo, village.zh
        );
        if by_hand {
            text.push_str("notices:\n");
            text.push_str(HEAD);
            for p in &village.persons {
                text.push_str(&format!(
                    "      - name: {{ bo: \"{}\", zh: \"{}\" }}\n        gender: {}\n        born: {}\n        ethnicity: tibetan\n        education: {}\n        party: {}\n        post: {}\n",
                    p.bo, p.zh, p.gender.0, p.born.0, p.education.0, p.party.0, p.post.0
                ));
            }
        } else if n % 2 == 0 {
            text.push_str("notices: []   # 候选人名单导入后写在这里\n");
        }
        site.write(
            &format!(
                "content/villages/gar/{}/{}.yaml",
                village.township, village.slug
            ),
            &text,
        );
    }
    site
}

const HEADER: [&str; 11] = [
    "序号",
    "县（区）",
    "乡（镇）",
    "村（社区）",
    "姓名",
    "藏文姓名",
    "性别",
    "出生年月",
    "民族",
    "文化程度",
    "政治面貌",
];

/// The roster's rows below its header, as text (the date cells marked
/// `@`): every person of every village, with 拟任职务 last.
fn rows() -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for village in villages() {
        let township = TOWNSHIPS.iter().find(|t| t.0 == village.township).unwrap();
        for p in &village.persons {
            rows.push(vec![
                (rows.len() + 1).to_string(),
                "噶尔县".to_owned(),
                township.1.to_owned(),
                village.zh.clone(),
                p.zh.to_owned(),
                p.bo.to_owned(),
                p.gender.1.to_owned(),
                p.born.1.to_owned(),
                "藏族".to_owned(),
                p.education.1.to_owned(),
                p.party.1.to_owned(),
                p.post.1.to_owned(),
            ]);
        }
    }
    rows
}

/// Writes `rows` under a title row and the header (with 拟任职务) as an
/// `.xlsx` whose village cells are merged over each village's persons.
fn write_xlsx(path: &Path, rows: &[Vec<String>]) {
    let mut book = Workbook::new();
    // A fixed creation time, so the file's bytes (and the mutations made
    // of them below) are the same on every run.
    let made = ExcelDateTime::from_ymd(2021, 1, 1).unwrap();
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&made));
    let sheet = book.add_worksheet();
    sheet.set_name("候选人").unwrap();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, 11, "噶尔县村委会候选人名单", &plain)
        .unwrap();
    for (c, header) in HEADER.iter().chain(["拟任职务"].iter()).enumerate() {
        sheet.write_string(1, c as u16, *header).unwrap();
    }
    let date = Format::new().set_num_format("yyyy年m月");
    let mut r = 0;
    while r < rows.len() {
        let village = &rows[r][3];
        let span = rows[r..]
            .iter()
            .take_while(|row| row[3] == *village)
            .count();
        let first = (r + 2) as u32;
        if span > 1 {
            sheet
                .merge_range(first, 3, first + span as u32 - 1, 3, village, &plain)
                .unwrap();
        } else {
            sheet.write_string(first, 3, village).unwrap();
        }
        for (i, row) in rows[r..r + span].iter().enumerate() {
            let at = first + i as u32;
            for (c, value) in row.iter().enumerate() {
                if c == 3 {
                    continue;
                }
                if c == 0 {
                    sheet
                        .write_number(at, 0, value.parse::<f64>().unwrap())
                        .unwrap();
                } else if let Some(day) = value.strip_prefix('@') {
                    let d: Vec<u16> = day.split('-').map(|p| p.parse().unwrap()).collect();
                    let when = ExcelDateTime::from_ymd(d[0], d[1] as u8, d[2] as u8).unwrap();
                    sheet
                        .write_datetime_with_format(at, c as u16, &when, &date)
                        .unwrap();
                } else {
                    sheet.write_string(at, c as u16, value).unwrap();
                }
            }
        }
        r += span;
    }
    book.save(path).unwrap();
}

/// Writes `rows` under the header as UTF-8 CSV with a byte-order mark, as
/// Excel's "CSV UTF-8" does.
fn write_csv(path: &Path, rows: &[Vec<String>]) {
    let mut text = String::from("\u{feff}");
    let header: Vec<&str> = HEADER.iter().copied().chain(["拟任职务"]).collect();
    text.push_str(&header.join(","));
    text.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| c.trim_start_matches('@').to_owned())
            .collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    std::fs::write(path, text).unwrap();
}

/// `gongshi import ROSTER FLAGS… --root SITE` and `extra`.
fn import(site: &SiteTest, roster: &Path, extra: &[&str]) -> Outcome {
    let mut args = vec!["import", roster.to_str().unwrap()];
    args.extend_from_slice(&FLAGS);
    args.extend_from_slice(&["--root", site.root_str()]);
    args.extend_from_slice(extra);
    run(&args)
}

/// A roster file in a folder of its own.
fn roster_file(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    (dir, path)
}

fn content(site: &SiteTest) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(&site.root().join("content"))
}

/// Builds `site` as of 2021-01-14: every file of its output.
fn built(site: &SiteTest) -> std::collections::BTreeMap<String, Vec<u8>> {
    let output = site.build_ok(&["--today", "2021-01-14"]);
    tree(&output)
}

#[test]
fn fifteen_villages_imported_from_xlsx_render_as_written_by_hand() {
    let by_hand = site(true);
    let imported = site(false);
    let (_dir, roster) = roster_file("名单.xlsx");
    write_xlsx(&roster, &rows());
    let Outcome { code, stderr, .. } = import(&imported, &roster, &[]);
    assert_eq!(code, 0, "{stderr}");
    let persons: usize = villages().iter().map(|v| v.persons.len()).sum();
    assert!(
        stderr.contains(&format!(
            "notices written into 15 village files ({persons} persons):"
        )),
        "{stderr}"
    );
    assert_eq!(imported.check(&[]).code, 0);
    let (hand, import) = (built(&by_hand), built(&imported));
    assert_eq!(hand.len(), import.len());
    for (path, bytes) in &hand {
        assert!(import.get(path) == Some(bytes), "{path} differs");
    }
    // The files keep what the clerk wrote, and read as a clerk would write them.
    let file = imported.read("content/villages/gar/shiquanhe/v00.yaml");
    assert!(
        file.starts_with("# 德吉村 村委会\nname: { bo: \"བདེ་སྐྱིདགྲོང་ཚོ།\", zh: \"德吉村\" }\nkind: village\nnotices:   # 候选人名单导入后写在这里\n  - slug: committee-candidates\n    type: candidates\n"),
        "{file}"
    );
    assert!(file.contains("      - name:\n          bo: \"བཀྲ་ཤིས་དོན་གྲུབ།\"\n          zh: \"扎西顿珠\"\n        gender: male\n        born: 1971-08\n"));
}

#[test]
fn the_same_rows_as_csv_import_alike() {
    let by_hand = site(true);
    let imported = site(false);
    let (_dir, roster) = roster_file("roster.csv");
    write_csv(&roster, &rows());
    let Outcome { code, stderr, .. } = import(&imported, &roster, &["--lang", "en"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(built(&by_hand), built(&imported));
}

#[test]
fn a_wrong_cell_is_reported_at_its_cell_in_both_languages_and_nothing_is_written() {
    let imported = site(false);
    let before = content(&imported);
    let mut rows = rows();
    rows[6][9] = "大学".to_owned();
    let (_dir, roster) = roster_file("名单.xlsx");
    write_xlsx(&roster, &rows);
    let zh = import(&imported, &roster, &["--lang", "zh"]);
    assert_eq!(zh.code, 1);
    let at = format!("{}:候选人!J9", roster.display());
    assert_eq!(
        zh.stderr,
        format!("{at}: 错误: “大学”不是这一列可用的值\n  | 大学\n  = 提示: 是否应为 `大学本科`？\n\n共有 1 个错误、0 个警告\n未写出任何文件\n")
    );
    let en = import(&imported, &roster, &["--lang", "en"]);
    assert_eq!(en.code, 1);
    assert_eq!(
        en.stderr,
        format!("{at}: error: \"大学\" is not one of the values of this column\n  | 大学\n  = hint: did you mean `大学本科`?\n\n1 error, 0 warnings\nnothing written\n")
    );
    // Tibetan, where a translation exists (the rest falls back to Chinese).
    let bo = import(&imported, &roster, &["--lang", "bo"]);
    assert_eq!(bo.code, 1);
    assert!(
        bo.stderr.starts_with(&format!(
            "{at}: ནོར་འཁྲུལ: “大学”ནི་སྒྲོམ་འདིར་འབྲི་ཆོག་པ་ཞིག་མིན།\n  | 大学\n"
        )),
        "{}",
        bo.stderr
    );
    assert_eq!(content(&imported), before, "nothing is written");
}

#[test]
fn a_problem_check_finds_is_placed_at_the_cell_it_came_from() {
    let imported = site(false);
    let before = content(&imported);
    let mut rows = rows();
    // The same person twice in one village's list, and a name typed with
    // a zero-width space: check's own rules, reported at the cells.
    rows[1] = rows[0].clone();
    rows[1][0] = "2".into();
    rows[5][4] = "巴\u{200b}桑拉姆".into();
    let (_dir, roster) = roster_file("roster.csv");
    write_csv(&roster, &rows);
    let Outcome { code, stderr, .. } = import(&imported, &roster, &["--lang", "en"]);
    assert_eq!(code, 1, "{stderr}");
    let file = roster.display();
    assert!(stderr.contains(&format!("{file}:3:5: error: ")), "{stderr}");
    assert!(stderr.contains(&format!("{file}:7:5: error: ")), "{stderr}");
    assert!(stderr.contains("  | 巴\\u{200b}桑拉姆\n"), "{stderr}");
    assert_eq!(content(&imported), before);
}

#[test]
fn a_roster_imported_again_needs_replace_and_replaces_in_place() {
    let imported = site(false);
    let (_dir, roster) = roster_file("roster.csv");
    write_csv(&roster, &rows());
    assert_eq!(import(&imported, &roster, &[]).code, 0);
    let once = content(&imported);
    let again = import(&imported, &roster, &["--lang", "en"]);
    assert_eq!(again.code, 1);
    assert!(again
        .stderr
        .contains("error: village gar/shiquanhe/v00 already has a notice committee-candidates\n  | 德吉村\n  = hint: to import a corrected roster over it, add --replace\n"));
    assert_eq!(content(&imported), once);
    let mut rows = rows();
    rows[0][7] = "1971.09".into();
    write_csv(&roster, &rows);
    let replaced = import(&imported, &roster, &["--replace"]);
    assert_eq!(replaced.code, 0, "{}", replaced.stderr);
    let file = imported.read("content/villages/gar/shiquanhe/v00.yaml");
    assert_eq!(file.matches("slug: committee-candidates").count(), 1);
    assert!(file.contains("born: 1971-09"));
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let imported = site(false);
    let before = content(&imported);
    let (_dir, roster) = roster_file("roster.csv");
    write_csv(&roster, &rows());
    let Outcome { code, stderr, .. } = import(&imported, &roster, &["--dry-run", "--lang", "en"]);
    assert_eq!(code, 0, "{stderr}");
    let persons: usize = villages().iter().map(|v| v.persons.len()).sum();
    assert!(stderr.contains(&format!("--dry-run: notices would be written into 15 village files ({persons} persons), and nothing was written:\n  content/villages/gar/shiquanhe/v00.yaml\n")), "{stderr}");
    assert_eq!(content(&imported), before);
}

#[test]
fn results_take_votes_and_turnout_from_the_sheet() {
    let imported = site(true);
    let (_dir, roster) = roster_file("results.csv");
    let mut text = String::from("村,姓名,藏文姓名,性别,出生年月,民族,文化程度,政治面貌,拟任职务,得票数,是否当选,选民数,参加投票,有效票\n");
    for (n, p) in PEOPLE.iter().take(4).enumerate() {
        let turnout = if n == 0 { "412,398,395" } else { ",," };
        text.push_str(&format!(
            "v00,{},{},{},{},藏族,{},{},{},{},{},{turnout}\n",
            p.zh,
            p.bo,
            p.gender.1,
            p.born.1.trim_start_matches('@'),
            p.education.1,
            p.party.1,
            p.post.1,
            ["３５０", "300", " 280", "120"][n],
            ["是", "是", "是", "否"][n],
        ));
    }
    std::fs::write(&roster, text).unwrap();
    let out = run(&[
        "import",
        roster.to_str().unwrap(),
        "--slug",
        "committee-results",
        "--type",
        "results",
        "--body",
        "committee",
        "--published",
        "2021-01-25",
        "--election-day",
        "2021-01-24",
        "--root",
        imported.root_str(),
        "--lang",
        "en",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let file = imported.read("content/villages/gar/shiquanhe/v00.yaml");
    assert!(file.contains("    election_day: 2021-01-24\n    turnout:\n      electorate: 412\n      cast: 398\n      valid: 395\n    results:\n"), "{file}");
    assert!(file.contains("        votes: 350\n        elected: true\n"));
    let output = imported.build_ok(&["--today", "2021-01-26"]);
    let page =
        std::fs::read_to_string(output.join("zh/gar/shiquanhe/v00/committee-results/index.html"))
            .unwrap();
    assert!(page.contains("350"));
}

/// What the bad rosters below must all do: refuse with a message that
/// names the file, write nothing, and never panic.
fn refused(site: &SiteTest, roster: &Path, wanted: &str) {
    let before = content(site);
    let Outcome { code, stderr, .. } = import(site, roster, &["--lang", "en"]);
    assert_eq!(code, 1, "{}: {stderr}", roster.display());
    assert!(
        stderr.contains(wanted),
        "{}: wanted {wanted:?} in\n{stderr}",
        roster.display()
    );
    assert!(!stderr.contains("panicked"));
    assert_eq!(content(site), before);
}

#[test]
fn bad_rosters_are_refused_at_their_cells_and_write_nothing() {
    let site = site(false);
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name);

    // An empty sheet, and one with no header row.
    let mut book = Workbook::new();
    book.add_worksheet();
    book.save(at("empty.xlsx")).unwrap();
    refused(&site, &at("empty.xlsx"), "the sheet is empty");
    std::fs::write(at("noheader.csv"), "a,b\nc,d\n").unwrap();
    refused(
        &site,
        &at("noheader.csv"),
        "no header row with a 姓名 (name.zh) column in the first 20 rows",
    );

    // A required column missing.
    let csv = |rows: &[Vec<String>], skip: usize| {
        let mut text = String::new();
        let header: Vec<&str> = HEADER.iter().copied().chain(["拟任职务"]).collect();
        let keep = |r: &[String]| -> String {
            r.iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c.as_str())
                .collect::<Vec<_>>()
                .join(",")
        };
        let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        text.push_str(&keep(&header));
        text.push('\n');
        for row in rows {
            text.push_str(&keep(row));
            text.push('\n');
        }
        text
    };
    std::fs::write(at("nogender.csv"), csv(&rows(), 6)).unwrap();
    refused(
        &site,
        &at("nogender.csv"),
        "nogender.csv:1:12: error: the roster has no column 性别",
    );

    // Merged header cells.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .merge_range(0, 0, 0, 1, "姓名", &Format::new())
        .unwrap();
    sheet.write_string(1, 0, "扎西").unwrap();
    book.save(at("merged.xlsx")).unwrap();
    refused(
        &site,
        &at("merged.xlsx"),
        "merged.xlsx:Sheet1!A1: error: the header cells A1:B1 are merged",
    );

    // A birth month stored as a number.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let header: Vec<&str> = HEADER.iter().copied().chain(["拟任职务"]).collect();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in rows()[0].iter().enumerate() {
        if c == 7 {
            sheet.write_number(1, 7, 1971.1).unwrap();
        } else {
            sheet.write_string(1, c as u16, v).unwrap();
        }
    }
    book.save(at("number.xlsx")).unwrap();
    refused(
        &site,
        &at("number.xlsx"),
        "number.xlsx:Sheet1!H2: error: the birth month 1971.1 is stored as a number",
    );

    // A village the site does not have, with the one meant.
    let mut rows_unknown = rows();
    rows_unknown[0][3] = "德吉".into();
    std::fs::write(at("village.csv"), csv(&rows_unknown, usize::MAX)).unwrap();
    refused(&site, &at("village.csv"), "village.csv:2:4: error: content/villages/ has no village 德吉 here\n  | 德吉\n  = hint: did you mean `德吉村`?");

    // GBK, as Excel writes "CSV" on a Chinese Windows: 姓名 is C8 D5 C3 FB.
    std::fs::write(
        at("gbk.csv"),
        b"\xd0\xf2\xba\xc5,\xd0\xd5\xc3\xfb\n1,\xd4\xfa\xce\xf7\n",
    )
    .unwrap();
    refused(
        &site,
        &at("gbk.csv"),
        "gbk.csv is not UTF-8 (first at line 1)",
    );

    // A damaged workbook: cut short, and one that is no zip at all.
    write_xlsx(&at("whole.xlsx"), &rows());
    let bytes = std::fs::read(at("whole.xlsx")).unwrap();
    std::fs::write(at("cut.xlsx"), &bytes[..bytes.len() / 2]).unwrap();
    refused(&site, &at("cut.xlsx"), "cannot be read as a spreadsheet");
    std::fs::write(at("text.xlsx"), "姓名,性别\n").unwrap();
    refused(&site, &at("text.xlsx"), "cannot be read as a spreadsheet");
    std::fs::write(at("old.xls"), "x").unwrap();
    refused(&site, &at("old.xls"), "is not a roster gongshi can read");
    // A merged range whose corners are the wrong way round (calamine
    // subtracts them unchecked).
    rewrite_entry(
        &at("whole.xlsx"),
        &at("reversed.xlsx"),
        "xl/worksheets/sheet1.xml",
        |xml| xml.replacen("ref=\"D3:D6\"", "ref=\"D6:C3\"", 1),
    );
    // Refused by a release build as by a debug one, where calamine
    // panics before gongshi sees the range (`cargo test --release` for
    // the other).
    refused(
        &site,
        &at("reversed.xlsx"),
        "reversed.xlsx cannot be read as a spreadsheet",
    );

    // More rows than the limit, refused before they are all read.
    let mut big = String::from("姓名,村\n");
    for n in 0..100_100 {
        big.push_str(&format!("人{n},德吉村\n"));
    }
    std::fs::write(at("big.csv"), big).unwrap();
    refused(
        &site,
        &at("big.csv"),
        "big.csv has more than 100000 rows below its header",
    );
}

#[test]
fn an_ods_roster_reads_like_an_xlsx_and_its_repeats_are_bounded() {
    let site = site(false);
    let dir = tempfile::tempdir().unwrap();
    let row = |cells: &[&str]| {
        let mut xml = String::from("<table:table-row>");
        for c in cells {
            xml.push_str(&format!("<table:table-cell office:value-type=\"string\"><text:p>{c}</text:p></table:table-cell>"));
        }
        xml.push_str("</table:table-row>");
        xml
    };
    let header: Vec<&str> = HEADER.iter().copied().chain(["拟任职务"]).collect();
    let mut body = row(&header);
    let rows = rows();
    for r in rows.iter().take(4) {
        let cells: Vec<&str> = r.iter().map(|c| c.trim_start_matches('@')).collect();
        body.push_str(&row(&cells));
    }
    write_ods(&dir.path().join("roster.ods"), &body);
    let imported = import(&site, &dir.path().join("roster.ods"), &["--lang", "en"]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert!(
        imported
            .stderr
            .contains("notices written into 1 village file (4 persons):"),
        "{}",
        imported.stderr
    );

    // A row repeated a million times in a few bytes is refused unread.
    let other = site_with_nothing();
    let bomb = format!(
        "{}<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell office:value-type=\"string\" table:number-columns-repeated=\"100\"><text:p>x</text:p></table:table-cell></table:table-row>",
        row(&header)
    );
    write_ods(&dir.path().join("bomb.ods"), &bomb);
    refused(
        &other,
        &dir.path().join("bomb.ods"),
        "bomb.ods has more than 100000 rows below its header",
    );
}

fn site_with_nothing() -> SiteTest {
    site(false)
}

/// Copies the zip `from` to `to` with its entry `name` changed by `change`.
fn rewrite_entry(from: &Path, to: &Path, name: &str, change: impl Fn(&str) -> String) {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let mut found = false;
    for index in 0..zip.len() {
        let mut entry = zip.by_index(index).unwrap();
        let entry_name = entry.name().unwrap().into_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        if entry_name == name {
            let changed = change(&text);
            assert_ne!(changed, text, "{name} changed");
            text = changed;
            found = true;
        }
        out.start_file(entry_name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap();
    assert!(found, "{name} is in {}", from.display());
}

/// Writes an `.ods` whose one sheet's rows are `rows_xml`.
fn write_ods(path: &Path, rows_xml: &str) {
    use std::io::Write;
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="名单">{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

/// A small deterministic generator, so a failure can be replayed.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Imports `roster` into `site` in this process, as the command would
/// with [`FLAGS`]; panics only if the import does.
fn import_in_process(site: &SiteTest, roster: &Path, dry_run: bool) -> bool {
    let day = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let options = gongshi::import::Options {
        root: site.root().to_owned(),
        roster: roster.to_owned(),
        sheet: None,
        slug: "committee-candidates".into(),
        kind: "candidates".into(),
        body: "committee".into(),
        published: day("2021-01-12"),
        seats: Some("主任=1,副主任=1,委员=2".into()),
        period_start: Some(day("2021-01-12")),
        period_length: Some(gongshi::import::PeriodLength::WorkingDays(5)),
        election_day: None,
        replace: false,
        dry_run,
    };
    gongshi::import::import(&options).is_ok()
}

#[test]
fn mutated_rosters_never_make_the_import_panic_or_write_half_a_site() {
    let site = site(false);
    let before = content(&site);
    let dir = tempfile::tempdir().unwrap();
    let mut random = XorShift(0x9e37_79b9_7f4a_7c15);

    // Workbooks with bytes changed, cut or doubled: damaged zips, XML
    // that no longer parses, cells that say other things.
    let xlsx = dir.path().join("roster.xlsx");
    write_xlsx(&xlsx, &rows());
    let bytes = std::fs::read(&xlsx).unwrap();
    let mutated = dir.path().join("mutated.xlsx");
    for round in 0..150 {
        let mut copy = bytes.clone();
        match round % 3 {
            0 => {
                for _ in 0..1 + random.below(8) {
                    let at = random.below(copy.len());
                    copy[at] = random.below(256) as u8;
                }
            }
            1 => copy.truncate(random.below(copy.len())),
            _ => {
                let at = random.below(copy.len());
                let piece = copy[at..(at + random.below(64)).min(copy.len())].to_vec();
                copy.splice(at..at, piece);
            }
        }
        std::fs::write(&mutated, &copy).unwrap();
        let _ = import_in_process(&site, &mutated, true);
    }

    // CSV text with the slips of hand-made files: quotes, separators,
    // line breaks, full-width and invisible characters, numbers.
    let tokens = [
        "\"", ",", "\n", "\r\n", "，", "：", "\u{200b}", "\u{feff}", "1990.1", "-", "０", " ",
        "否", "村", "合计", "\t", "\u{0}", "ཀ", "#", "=",
    ];
    let csv = dir.path().join("roster.csv");
    write_csv(&csv, &rows());
    let text = std::fs::read_to_string(&csv).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let mutated = dir.path().join("mutated.csv");
    let mut written = 0;
    for round in 0..300 {
        let mut copy = chars.clone();
        for _ in 0..1 + random.below(4) {
            let at = random.below(copy.len());
            if random.below(2) == 0 {
                copy.remove(at);
            } else {
                let token = tokens[random.below(tokens.len())];
                for (i, c) in token.chars().enumerate() {
                    copy.insert(at + i, c);
                }
            }
        }
        std::fs::write(&mutated, copy.iter().collect::<String>()).unwrap();
        // Every tenth for real: whatever it did, it wrote all or nothing.
        let dry_run = round % 10 != 0;
        let ok = import_in_process(&site, &mutated, dry_run);
        if !dry_run {
            let now = content(&site);
            if ok {
                written += 1;
                let changed = now
                    .iter()
                    .filter(|(k, v)| before.get(*k) != Some(v))
                    .count();
                assert_eq!(changed, 15, "round {round}: every village file or none");
                for (path, bytes) in &before {
                    std::fs::write(site.root().join("content").join(path), bytes).unwrap();
                }
            } else {
                assert_eq!(now, before, "round {round}: a refused import wrote nothing");
            }
        }
    }
    assert!(written > 0, "some mutated rosters still import");
    assert_eq!(content(&site), before);
}

#[test]
fn cells_are_read_against_the_site_s_own_labels() {
    let site = site(false);
    // The office calls 大学本科 本科 on its pages, and so in its rosters.
    site.write(
        "themes/default/i18n/zh.yaml",
        "codes:\n  education:\n    bachelor: \"本科\"\n",
    );
    let mut rows = rows();
    for row in &mut rows {
        if row[9] == "大学本科" {
            row[9] = "本科".into();
        }
    }
    let (_dir, roster) = roster_file("roster.csv");
    write_csv(&roster, &rows);
    let Outcome { code, stderr, .. } = import(&site, &roster, &["--lang", "en"]);
    assert_eq!(code, 0, "{stderr}");
    let file = site.read("content/villages/gar/shiquanhe/v00.yaml");
    assert!(file.contains("education: bachelor"), "{file}");
}

#[test]
fn a_roster_wrong_throughout_reports_its_first_hundred_errors() {
    let site = site(false);
    let mut rows = rows();
    for row in &mut rows {
        row[6] = "?".into();
        row[9] = "?".into();
    }
    let (_dir, roster) = roster_file("roster.csv");
    write_csv(&roster, &rows);
    let Outcome { code, stderr, .. } = import(&site, &roster, &["--lang", "en"]);
    assert_eq!(code, 1);
    assert_eq!(stderr.matches(": error: ").count(), 100, "{stderr}");
    assert!(stderr.ends_with("100 errors, 0 warnings\nreading stopped after the first 100 errors: put them right and import again\nnothing written\n"), "{stderr}");
}
