//! A roster spreadsheet for a site's villages, to time `gongshi import` at
//! scale:
//!
//! ```text
//! cargo run --release --example synthetic -- 5500 /tmp/syn5500
//! cargo run --release --example roster -- /tmp/syn5500 /tmp/roster.xlsx
//! gongshi import /tmp/roster.xlsx --root /tmp/syn5500 --slug committee-roster \
//!   --type candidates --body committee --published 2021-01-12 \
//!   --period-start 2021-01-12 --working-days 5 --seats 主任=1,副主任=1,委员=2
//! ```
//!
//! One row per person, four persons a village (a chair, a deputy, two
//! members; two women, one aged 35 or under, all Party members), every
//! village of `SITE/content/villages/` named by its county, township and
//! village slugs, the codes written as the theme's Chinese labels and the
//! birth months as text. `OUT` ending in `.csv` gives UTF-8 CSV, else
//! `.xlsx`. Reproducible: the same site gives the same rows.

use std::path::Path;

const PERSONS: [[&str; 9]; 4] = [
    [
        "扎西",
        "བཀྲ་ཤིས།",
        "男",
        "1975.04",
        "藏族",
        "高中",
        "中共党员",
        "主任",
        "农牧民",
    ],
    [
        "卓玛",
        "སྒྲོལ་མ།",
        "女",
        "1992.10",
        "藏族",
        "大学本科",
        "中共党员",
        "副主任",
        "大学生村官",
    ],
    [
        "次仁",
        "ཚེ་རིང་།",
        "男",
        "1980.01",
        "藏族",
        "初中",
        "中共党员",
        "委员",
        "优秀退役军人",
    ],
    [
        "拉姆",
        "ལྷ་མོ།",
        "女",
        "1986.07",
        "藏族",
        "中专（中技）",
        "中共党员",
        "委员",
        "返乡致富能人",
    ],
];

const HEADER: [&str; 13] = [
    "县(区)",
    "乡(镇)",
    "村(社区)",
    "姓名",
    "藏文姓名",
    "性别",
    "出生年月",
    "民族",
    "文化程度",
    "政治面貌",
    "拟任职务",
    "人选来源",
    "序号",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, out] = &args[..] else {
        eprintln!("usage: roster SITE OUT.xlsx|OUT.csv");
        std::process::exit(2);
    };
    let villages = Path::new(site).join("content/villages");
    let mut places: Vec<[String; 3]> = walkdir::WalkDir::new(&villages)
        .min_depth(3)
        .max_depth(3)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .filter(|e| e.file_name() != "_index.yaml")
        .map(|e| {
            let rel = e.path().strip_prefix(&villages).unwrap();
            let parts: Vec<String> = rel
                .with_extension("")
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            [parts[0].clone(), parts[1].clone(), parts[2].clone()]
        })
        .collect();
    places.sort();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (v, place) in places.iter().enumerate() {
        for (p, person) in PERSONS.iter().enumerate() {
            let mut row: Vec<String> = place.to_vec();
            // A name of its own in each village, so no two read as one person.
            row.push(format!("{}{}", person[0], v));
            row.extend(person[1..].iter().map(|s| (*s).to_owned()));
            row.push((v * PERSONS.len() + p + 1).to_string());
            rows.push(row);
        }
    }
    if out.ends_with(".csv") {
        let mut text = HEADER.join(",");
        text.push('\n');
        for row in &rows {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        std::fs::write(out, text).expect("write the roster");
    } else {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, header) in HEADER.iter().enumerate() {
            sheet.write_string(0, c as u16, *header).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32 + 1, c as u16, cell).unwrap();
            }
        }
        book.save(out).expect("write the roster");
    }
    eprintln!("{} villages, {} rows: {out}", places.len(), rows.len());
}
