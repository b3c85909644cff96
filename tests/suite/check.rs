//! `gongshi check`: every rule of the contract's Checks section.
//!
//! `tests/fixtures/broken` is a site that breaks every rule at least once;
//! its whole report is pinned in `check.stderr` beside it. The tests below
//! cover inputs better made at run time (large, binary, Windows-written).

use std::time::Instant;

use crate::support::{assert_matches_file, fixture, run, TempSite};

#[test]
fn the_broken_site_reports_every_problem_in_one_run() {
    let root = fixture("broken");
    let (code, stdout, stderr) = run(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_matches_file(&stderr, &root.join("check.stderr"));
}

#[test]
fn problems_are_sorted_by_file_and_line() {
    let root = fixture("broken");
    let (_, _, stderr) = run(&["check", "--root", root.to_str().unwrap()]);
    let places: Vec<(String, usize, usize)> = stderr
        .lines()
        .filter(|l| {
            l.starts_with("content/") && l.contains(": error: ") || l.contains(": warning: ")
        })
        .map(|l| {
            let mut parts = l.splitn(4, ':');
            let path = parts.next().unwrap().to_owned();
            let line = parts.next().unwrap().parse().unwrap();
            let column = parts.next().unwrap().parse().unwrap();
            (path, line, column)
        })
        .collect();
    assert!(places.len() > 50, "{stderr}");
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted);
}

const VILLAGE: &str = "name: { bo: \"བཀྲ་ཤིས་སྒང་།\", zh: \"扎西岗村\" }\nkind: village\n";

#[test]
fn windows_files_with_bom_and_crlf_load() {
    let site = TempSite::new();
    let village = format!("\u{feff}{}", VILLAGE.replace('\n', "\r\n"));
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", &village);
    site.write(
        "content/announcements/news.zh.md",
        "\u{feff}---\r\ntitle: \"通知\"\r\ndate: 2021-01-10\r\n---\r\n\r\n正文。\r\n",
    );
    site.write(
        "content/announcements/news.bo.md",
        "---\r\ntitle: \"གསལ་བསྒྲགས།\"\r\ndate: 2021-01-10\r\n---\r\n\r\nཡི་གེ\r\n",
    );
    let (code, _, stderr) = site.check(&["--deny-warnings"]);
    assert_eq!(code, 0, "{stderr}");
    // A problem in such a file is placed by characters, the mark not counted.
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        "\u{feff}name: { bo: \"扎西岗\", zh: \"扎西岗村\" }\r\nkind: village\r\n",
    );
    let (_, _, stderr) = site.check(&[]);
    assert!(
        stderr.starts_with("content/villages/gar/shiquanhe/zhaxigang.yaml:1:13: error: the `bo` text has no Tibetan letters\n"),
        "{stderr}"
    );
}

#[test]
fn front_matter_errors_are_placed_in_the_whole_file() {
    let site = TempSite::new();
    site.write(
        "content/announcements/news.zh.md",
        "---\r\ntitle: \"通知\"\r\ndate: 2021-1-10\r\n---\r\n",
    );
    site.write(
        "content/announcements/news.bo.md",
        "---\ntitle: \"གསལ་བསྒྲགས།\"\ndate: 2021-01-10\ntitel: x\n---\n",
    );
    let (_, _, stderr) = site.check(&[]);
    assert!(
        stderr.contains("content/announcements/news.zh.md:3:7: error: `2021-1-10` is not a date\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= hint: write it as `2021-01-10`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/announcements/news.bo.md:4:1: error: unknown field `titel`"),
        "{stderr}"
    );
    assert!(stderr.contains("= hint: did you mean `title`?"), "{stderr}");
}

#[test]
fn a_gbk_file_is_named_with_its_first_bad_byte() {
    let site = TempSite::new();
    let mut bytes = "name: { bo: \"བཀྲ་ཤིས།\", zh: \"".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xd4, 0xfa, 0xce, 0xf7]); // 扎西 in GBK
    bytes.extend_from_slice(b"\" }\nkind: village\n");
    site.write_bytes("content/villages/gar/shiquanhe/zhaxigang.yaml", &bytes);
    let (code, _, stderr) = site.check(&[]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("content/villages/gar/shiquanhe/zhaxigang.yaml:1:30: error: this file is not UTF-8: byte 0xD4 is not a UTF-8 character\n"),
        "{stderr}"
    );
    assert!(stderr.contains("re-save the file as UTF-8"), "{stderr}");
}

#[test]
fn a_huge_file_is_refused_before_it_is_parsed() {
    let site = TempSite::new();
    let line = "# padding padding padding padding padding padding padding padding\n";
    let huge = line.repeat(50 * 1024 * 1024 / line.len());
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", &huge);
    let started = Instant::now();
    let (code, _, stderr) = site.check(&[]);
    eprintln!("50 MB file checked in {:?}", started.elapsed());
    assert_eq!(code, 1);
    assert!(
        stderr.contains("zhaxigang.yaml:1:1: error: this file is 50.0 MiB; a content file may be at most 4 MiB\n"),
        "{stderr}"
    );
}

#[test]
fn nasty_yaml_gives_errors_not_panics() {
    let site = TempSite::new();
    let nasty: &[(&str, &str)] = &[
        ("deep", &format!("name: {}\n", "[".repeat(100_000))),
        ("bomb", "a: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c]\nname: *d\n"),
        ("docs", "name: { bo: ཀ, zh: 甲 }\nkind: village\n---\nname: x\n"),
        ("nul", "name: { bo: \"ཀ\u{0}\", zh: 甲 }\nkind: village\n"),
        ("tags", "name: !!binary aGVsbG8=\nkind: village\n"),
        ("numbers", "name: { bo: ཀ, zh: 甲 }\nkind: village\nnotices:\n  - slug: a\n    type: candidates\n    body: committee\n    published: 99999999999999999999\n"),
        ("huge-period", "name: { bo: ཀ, zh: 甲 }\nkind: village\nnotices:\n  - slug: a\n    type: candidates\n    body: committee\n    published: 2021-01-04\n    period: { start: 9999-12-30, days: 300 }\n    seats: { chair: 1 }\n    candidates: []\n"),
        ("only-comment", "# nothing here\n"),
        ("scalar", "just text\n"),
    ];
    for (name, text) in nasty {
        site.write(&format!("content/villages/gar/shiquanhe/{name}.yaml"), text);
    }
    let (code, _, stderr) = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (name, _) in nasty {
        assert!(
            stderr.contains(&format!("content/villages/gar/shiquanhe/{name}.yaml:")),
            "{name} is reported:\n{stderr}"
        );
    }
}

#[test]
fn windows_leftovers_are_ignored_and_strays_warned() {
    let site = TempSite::new();
    for junk in [
        "~$zhaxigang.yaml",
        ".zhaxigang.yaml.swp",
        "zhaxigang.yaml~",
        "Thumbs.db",
        "desktop.ini",
        "x.bak",
    ] {
        site.write(&format!("content/villages/gar/shiquanhe/{junk}"), "junk");
    }
    site.write("content/villages/gar/shiquanhe/photo.jpg", "jpeg");
    let (code, _, stderr) = site.check(&[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "content/villages/gar/shiquanhe/photo.jpg:1:1: warning: unexpected file: a township folder holds `_index.yaml` and village `.yaml` files\n\n0 errors, 1 warning in 1 file\n"
    );
}

#[test]
fn no_calendar_is_one_warning_at_its_place() {
    let site = TempSite::new();
    std::fs::remove_file(site.root().join("content/calendar.yaml")).unwrap();
    let (_, _, stderr) = site.check(&[]);
    assert!(
        stderr.starts_with("content/calendar.yaml:1:1: warning: no calendar.yaml: only weekends count as days off\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("0 errors, 1 warning in 1 file\n"),
        "{stderr}"
    );
}

#[test]
fn check_covers_the_theme_too() {
    let site = TempSite::new();
    let zh = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/i18n/zh.yaml"
    ))
    .unwrap();
    let without_period: String = zh
        .lines()
        .filter(|l| !l.starts_with("  period:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("themes/default/i18n/zh.yaml", &without_period);
    site.write("themes/default/templates/notice.html", "{% if %}");
    let (code, _, stderr) = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "themes/default/i18n/zh.yaml:1:1: error: missing `ui.period` (it is in i18n/bo.yaml)\n"
        ),
        "{stderr}"
    );
    site.write("themes/default/i18n/zh.yaml", &zh);
    let (_, _, stderr) = site.check(&[]);
    assert!(
        stderr.contains("themes/default/templates:1:1: error: "),
        "a broken template is named: {stderr}"
    );
    let text = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write("content/site.yaml", &format!("{text}theme: plain\n"));
    let (_, _, stderr) = site.check(&[]);
    assert!(
        stderr.starts_with(
            "content/site.yaml:5:8: error: no such theme folder (site.yaml names theme `plain`)\n"
        ),
        "{stderr}"
    );
}

/// Whether a report holds a control character other than a line end (a
/// terminal would act on it).
fn has_control(report: &str) -> bool {
    report.chars().any(|c| c.is_control() && c != '\n')
}

#[test]
fn control_characters_are_placed_and_never_printed() {
    let site = TempSite::new();
    // site.yaml: refused before parsing, at the character, not at 1:1.
    let text = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        &text.replace("阿里公示", "阿里\u{1b}]0;pwned\u{7}公示"),
    );
    // A Markdown body is not YAML: the raw scan finds it; front matter
    // problems are placed in the whole file.
    site.write(
        "content/announcements/news.zh.md",
        "---\ntitle: \"通知\"\ndate: 2021-01-10\n---\n\n正文\u{8}\u{9b}31m。\n",
    );
    site.write(
        "content/announcements/news.bo.md",
        "---\r\ntitle: \"གསལ་བསྒྲགས།\"\r\ndate: 2021-01-10\u{0}\r\n---\r\n",
    );
    // A file name with a control character in it, shown escaped.
    site.write("content/villages/gar/shiquanhe/a\u{1b}[2J.yaml", VILLAGE);
    let (code, _, stderr) = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!has_control(&stderr), "{stderr:?}");
    for line in [
        "content/site.yaml:1:33: error: control character U+001B (escape)\n",
        "1 | title: { bo: \"མངའ་རིས།\", zh: \"阿里\\u{1b}]0;pwned\\u{7}公示\" }\n",
        "content/announcements/news.zh.md:6:3: error: control character U+0008 (backspace)\n",
        "content/announcements/news.zh.md:6:4: error: control character U+009B\n",
        "6 | 正文\\u{8}\\u{9b}31m。\n",
        "content/announcements/news.bo.md:3:17: error: control character U+0000 (null)\n",
        "content/villages/gar/shiquanhe/a\\u{1b}[2J.yaml:1:1: error: `a\\u{1b}[2J.yaml` is not a valid name",
        "= hint: delete it (or the escape such as `\\e` that writes it): a published text has no control characters\n",
    ] {
        assert!(stderr.contains(line), "{line:?} in:\n{stderr}");
    }
    // The caret is under the escape, which widens the line.
    assert!(
        stderr.contains("6 | 正文\\u{8}\\u{9b}31m。\n  |     ^^^^^^^^^^^^^^^^\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("6 | 正文\\u{8}\\u{9b}31m。\n  |          ^^^^^^^^^^^\n"),
        "{stderr}"
    );
}

#[test]
fn escapes_are_reported_at_their_value_once() {
    let site = TempSite::new();
    // The same character once as written and once as an escape: one
    // problem at the character, one at the value.
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        "name: { bo: \"བཀྲ་ཤིས་\u{200b}སྒང\\u200b།\", zh: '扎西岗村\\u200b' }\nkind: village\n",
    );
    site.write(
        "content/announcements/news.zh.md",
        "---\ntitle: \"通知\\x1b\"\ndate: 2021-01-10\nscope: [“gar”]\n---\n\n正文。\n",
    );
    site.write(
        "content/announcements/news.bo.md",
        "---\ntitle: \"གསལ་བསྒྲགས།\"\ndate: 2021-01-10\nscope: [“gar”]\n---\n\nཡི་གེ\n",
    );
    let (code, _, stderr) = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!has_control(&stderr), "{stderr:?}");
    let zwsp = "error: invisible character U+200B (zero-width space)";
    assert_eq!(stderr.matches(zwsp).count(), 2, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "content/villages/gar/shiquanhe/zhaxigang.yaml:1:22: {zwsp}\n"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "content/villages/gar/shiquanhe/zhaxigang.yaml:1:13: {zwsp}\n"
        )),
        "{stderr}"
    );
    // A single-quoted `\u200b` is six characters of text, not an escape.
    assert!(!stderr.contains("zhaxigang.yaml:1:4"), "{stderr}");
    assert!(
        stderr.contains(
            "content/announcements/news.zh.md:2:8: error: control character U+001B (escape)\n"
        ),
        "{stderr}"
    );
    // A scope in typographic quotes is that, not an unknown area.
    assert!(
        stderr.contains("content/announcements/news.bo.md:4:9: error: this value is wrapped in “…”, which would be published with it\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("names no county"), "{stderr}");
}
