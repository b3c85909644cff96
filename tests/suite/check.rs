//! `gongshi check`: every rule of the contract's Checks section.
//!
//! `tests/fixtures/broken` is a site that breaks every rule at least once;
//! its whole report is pinned in `check.stderr` beside it. The tests below
//! cover inputs better made at run time (large, binary, Windows-written).

use std::time::Instant;

use crate::support::{assert_matches_file, fixture, run, Outcome, SiteTest};

#[test]
fn the_broken_site_reports_every_problem_in_one_run() {
    let root = fixture("broken");
    let Outcome {
        code,
        stdout,
        stderr,
    } = run(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_matches_file(&stderr, &root.join("check.stderr"));
}

#[test]
fn problems_are_sorted_by_file_and_line() {
    let root = fixture("broken");
    let Outcome { stderr, .. } = run(&["check", "--root", root.to_str().unwrap()]);
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
    let site = SiteTest::empty();
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
    let Outcome { code, stderr, .. } = site.check(&["--deny-warnings"]);
    assert_eq!(code, 0, "{stderr}");
    // A problem in such a file is placed by characters, the mark not counted.
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        "\u{feff}name: { bo: \"扎西岗\", zh: \"扎西岗村\" }\r\nkind: village\r\n",
    );
    let Outcome { stderr, .. } = site.check(&[]);
    assert!(
        stderr.starts_with("content/villages/gar/shiquanhe/zhaxigang.yaml:1:13: error: the `bo` text has no Tibetan letters\n"),
        "{stderr}"
    );
}

#[test]
fn old_mac_files_with_cr_only_line_ends_read_like_any_other() {
    let site = SiteTest::empty();
    let cr = |text: &str| text.replace('\n', "\r");
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        &cr(&format!("# 扎西岗村\n\n{VILLAGE}")),
    );
    site.write(
        "content/announcements/news.zh.md",
        &cr("---\n# 通知\ntitle: \"通知\"\ndate: 2021-01-10\n---\n\n正文。\n"),
    );
    site.write(
        "content/announcements/news.bo.md",
        &cr("---\ntitle: \"གསལ་བསྒྲགས།\"\ndate: 2021-01-10\n---\n\nཡི་གེ\n"),
    );
    let Outcome { code, stderr, .. } = site.check(&["--deny-warnings"]);
    assert_eq!(code, 0, "not empty, and every line read: {stderr}");
    // Problems are placed at the lines an editor shows, with their text.
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        &cr("# 扎西岗村\n\nname: { bo: \"扎西岗\", zh: \"扎西岗村\" }\nkind: village\n"),
    );
    site.write(
        "content/announcements/news.zh.md",
        &cr("---\n# 通知\ntitle: \"通知\"\ndate: 2021-1-10\n---\n\n正文。\n"),
    );
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("content/villages/gar/shiquanhe/zhaxigang.yaml:3:13: error: the `bo` text has no Tibetan letters\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("name: { bo: \"扎西岗\", zh: \"扎西岗村\" }\n"),
        "the line itself is shown: {stderr}"
    );
    assert!(
        stderr.contains("content/announcements/news.zh.md:4:7: error: `2021-1-10` is not a date\n"),
        "{stderr}"
    );
    assert!(!stderr.contains('\r'), "{stderr:?}");
}

#[test]
fn front_matter_errors_are_placed_in_the_whole_file() {
    let site = SiteTest::empty();
    site.write(
        "content/announcements/news.zh.md",
        "---\r\ntitle: \"通知\"\r\ndate: 2021-1-10\r\n---\r\n",
    );
    site.write(
        "content/announcements/news.bo.md",
        "---\ntitle: \"གསལ་བསྒྲགས།\"\ndate: 2021-01-10\ntitel: x\n---\n",
    );
    let Outcome { stderr, .. } = site.check(&[]);
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
    let site = SiteTest::empty();
    let mut bytes = "name: { bo: \"བཀྲ་ཤིས།\", zh: \"".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xd4, 0xfa, 0xce, 0xf7]); // 扎西 in GBK
    bytes.extend_from_slice(b"\" }\nkind: village\n");
    site.write_bytes("content/villages/gar/shiquanhe/zhaxigang.yaml", &bytes);
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("content/villages/gar/shiquanhe/zhaxigang.yaml:1:30: error: this file is not UTF-8: byte 0xD4 is not a UTF-8 character\n"),
        "{stderr}"
    );
    assert!(stderr.contains("re-save the file as UTF-8"), "{stderr}");
}

#[test]
fn a_huge_file_is_refused_before_it_is_parsed() {
    let site = SiteTest::empty();
    let line = "# padding padding padding padding padding padding padding padding\n";
    let huge = line.repeat(50 * 1024 * 1024 / line.len());
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", &huge);
    let started = Instant::now();
    let Outcome { code, stderr, .. } = site.check(&[]);
    eprintln!("50 MB file checked in {:?}", started.elapsed());
    assert_eq!(code, 1);
    assert!(
        stderr.contains("zhaxigang.yaml:1:1: error: this file is 50.0 MiB; a content file may be at most 4 MiB\n"),
        "{stderr}"
    );
}

#[test]
fn nasty_yaml_gives_errors_not_panics() {
    let site = SiteTest::empty();
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
    let Outcome { code, stderr, .. } = site.check(&[]);
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
    let site = SiteTest::empty();
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
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "content/villages/gar/shiquanhe/photo.jpg:1:1: warning: unexpected file: a township folder holds `_index.yaml` and village `.yaml` files\n\n0 errors, 1 warning in 1 file\n"
    );
}

#[test]
fn no_calendar_is_one_warning_at_its_place() {
    let site = SiteTest::empty();
    std::fs::remove_file(site.root().join("content/calendar.yaml")).unwrap();
    let Outcome { stderr, .. } = site.check(&[]);
    assert!(
        stderr.starts_with("content/calendar.yaml:1:1: warning: no calendar.yaml: only weekends count as days off\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("0 errors, 1 warning in 1 file\n"),
        "{stderr}"
    );
}

/// A theme written for gongshi before Tera 2 (macros, `import`, calls
/// through `m::`) is named at the line Tera 2 stops at, and told how to
/// write it now.
#[test]
fn a_theme_written_for_tera_1_is_told_what_changed() {
    let site = SiteTest::empty();
    site.write(
        "themes/default/templates/notice.html",
        "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}\n{% block main %}{{ m::notice(n=notice) }}{% endblock main %}\n",
    );
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "themes/default/templates/notice.html:2:4: error: this template is written for Tera 1, which gongshi no longer reads: "
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 | {% import \"macros.html\" as m %}\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= hint: macros are components now: `{% macro x(a) %}` becomes `{% component m.x(a) %}`"
        ),
        "{stderr}"
    );
    let (Outcome { code, .. }, _) = site.build(&["--today", "2021-01-10"]);
    assert_eq!(code, 1, "the build refuses it likewise");
}

#[test]
fn check_covers_the_theme_too() {
    let site = SiteTest::empty();
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
    // Over the built-in theme a catalog gives only the keys it changes:
    // one it leaves out keeps its built-in text.
    site.write("themes/default/i18n/zh.yaml", &without_period);
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 0, "{stderr}");
    // A theme of the site's own has no built-in text to fall back on.
    let text = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write("content/site.yaml", &format!("{text}theme: plain\n"));
    let Outcome { stderr, .. } = site.check(&[]);
    assert!(
        stderr.starts_with(
            "content/site.yaml:5:8: error: no such theme folder (site.yaml names theme `plain`)\n"
        ),
        "{stderr}"
    );
    crate::support::copy_dir(
        &crate::support::example_root().join("themes/default"),
        &site.root().join("themes/plain"),
    );
    site.write("themes/plain/i18n/zh.yaml", &without_period);
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "themes/plain/i18n/zh.yaml:1:1: error: missing `ui.period` (it is in i18n/bo.yaml)\n"
        ),
        "{stderr}"
    );
    site.write("content/site.yaml", &text);
    site.write("themes/default/templates/notice.html", "{% if %}");
    let Outcome { stderr, .. } = site.check(&[]);
    assert!(
        stderr.contains(
            "themes/default/templates/notice.html:1:7: error: this template cannot be read: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`\n  |\n1 | {% if %}\n  |       ^\n"
        ),
        "a broken template is named, at its place, once: {stderr}"
    );
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
}

/// A village with one candidates notice, written as a clerk would, into
/// which each test below puts one slip.
const CLERK_VILLAGE: &str = "\
name: { bo: \"བཀྲ་ཤིས་སྒང་།\", zh: \"扎西岗村\" }
kind: village
notices:
  - slug: committee-candidates
    type: candidates
    body: committee
    published: 2021-01-06
    period: { start: 2021-01-06, working_days: 5 }
    seats: { chair: 1, member: 2 }
    candidates:
      - name: { bo: \"ཉི་མ་ཚེ་རིང་།\", zh: \"尼玛次仁\" }
        gender: male
        born: 1979-11
        ethnicity: tibetan
        education: senior_high
        party: member
        post: chair
      - name: { bo: \"སྒྲོལ་མ།\", zh: \"卓玛\" }
        gender: female
        born: 1990-03
        ethnicity: tibetan
        education: junior_high
        party: member
        post: member
      - name: { bo: \"བསོད་ནམས།\", zh: \"索朗\" }
        gender: male
        born: 1985-07
        ethnicity: tibetan
        education: junior_high
        party: member
        post: member
";

/// The first line of `check`'s report on the clerk's village with one
/// replacement made, and the number of problems.
fn first_problem(from: &str, to: &str) -> (String, usize) {
    assert!(CLERK_VILLAGE.contains(from), "{from}");
    let site = SiteTest::empty();
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        &CLERK_VILLAGE.replacen(from, to, 1),
    );
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("content/villages/"))
        .collect();
    (lines[0].to_owned(), lines.len())
}

#[test]
fn the_clean_clerk_village_passes() {
    let site = SiteTest::empty();
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        CLERK_VILLAGE,
    );
    let Outcome { code, stderr, .. } = site.check(&["--deny-warnings"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_syntax_slip_is_reported_alone_at_its_line() {
    let path = "content/villages/gar/shiquanhe/zhaxigang.yaml";
    assert_eq!(
        first_problem("kind: village\n", "kind: village\n  broken: [unclosed\n"),
        (format!("{path}:3:3: error: this line is indented 2 spaces; the lines around it are indented 0"), 1)
    );
    assert_eq!(
        first_problem("zh: \"尼玛次仁\" }", "zh: \"尼玛次仁 }"),
        (
            format!("{path}:11:42: error: this quoted text has no closing `\"`"),
            1
        )
    );
    // A line two spaces too deep, or one too shallow, is reported at that
    // line, not as a missing or duplicate field on the line before.
    assert_eq!(
        first_problem("        born: 1979-11", "          born: 1979-11"),
        (format!("{path}:13:11: error: this line is indented 10 spaces; the lines around it are indented 8"), 1)
    );
    assert_eq!(
        first_problem("        born: 1979-11", "       born: 1979-11"),
        (format!("{path}:13:8: error: this line is indented 7 spaces; the lines around it are indented 8"), 1)
    );
    assert_eq!(
        first_problem("        post: chair\n", "        post: chair\n          background: veteran\n"),
        (format!("{path}:18:11: error: this line is indented 10 spaces; the lines around it are indented 8"), 1)
    );
    assert_eq!(
        first_problem(
            "seats: { chair: 1, member: 2 }",
            "seats: { chair: 1, member: 2"
        ),
        (format!("{path}:9:12: error: a `{{` is not closed"), 1)
    );
    assert_eq!(
        first_problem("    published: 2021-01-06", "    published: @2021-01-06"),
        (
            format!(
                "{path}:7:16: error: a value may not start with `@` or `` ` ``: put it in quotes"
            ),
            1
        )
    );
    // A syntax slip wins over a problem of meaning found before it.
    let (first, count) = first_problem("kind: village\n", "kind: villag\n");
    assert_eq!(
        (first.as_str(), count),
        (
            format!("{path}:2:7: error: unknown kind `villag`").as_str(),
            1
        )
    );
    let (first, count) = first_problem(
        "        post: member\n",
        "        post: member\n      broken: [unclosed\n",
    );
    assert_eq!(count, 1, "{first}");
    assert!(
        first.starts_with(&format!("{path}:25:7: error: ")),
        "{first}"
    );
}

#[test]
fn every_problem_of_a_file_that_parses_is_reported_at_its_own_line() {
    let site = SiteTest::empty();
    let text = CLERK_VILLAGE
        .replacen("education: senior_high", "education: senior-high", 1)
        .replacen("gender: female", "gender: femal", 1)
        .replacen("born: 1985-07", "born: 1985/7", 1)
        .replacen("    seats:", "    seat:", 1);
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", &text);
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 1);
    let heads: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("content/villages/"))
        .collect();
    let path = "content/villages/gar/shiquanhe/zhaxigang.yaml";
    assert_eq!(
        heads,
        vec![
            format!("{path}:9:5: error: unknown field `seat`; expected `slug`, `type`, `body`, `published`, `draft`, `note`, `corrections`, `period`, `seats`, `candidates`, `election_day`, `turnout`, `results`"),
            format!("{path}:15:20: error: unknown education `senior-high`"),
            format!("{path}:19:17: error: unknown gender `femal`"),
            format!("{path}:27:15: error: `1985/7` is not a date"),
        ],
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `seats`?"), "{stderr}");
    assert!(stderr.contains("write a birth as YYYY-MM"), "{stderr}");
}

#[test]
fn a_year_0000_is_out_of_range_not_a_short_month() {
    let site = SiteTest::empty();
    let text = CLERK_VILLAGE
        .replacen("published: 2021-01-06", "published: 0000-01-06", 1)
        .replacen("born: 1990-03", "born: 0000-03", 1);
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", &text);
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    let path = "content/villages/gar/shiquanhe/zhaxigang.yaml";
    for (place, date) in [("7:16", "0000-01-06"), ("20:15", "0000-03")] {
        let line = format!("{path}:{place}: error: `{date}` is not a date: the year 0000 is out of range (years run from 0001 to 9999)\n");
        assert!(stderr.contains(&line), "{line}{stderr}");
    }
    assert!(!stderr.contains("has 31 days"), "{stderr}");
    let Outcome { stderr, .. } = site.check(&["--lang", "zh"]);
    assert!(
        stderr.contains("年份 0000 超出范围（年份须在 0001 至 9999 之间）"),
        "{stderr}"
    );
}

#[test]
fn settings_that_cannot_be_published() {
    let site = SiteTest::empty();
    site.write(
        "content/site.yaml",
        "title: { bo: \"མངའ་རིས།\", zh: \"阿里公示\" }\nregion: { bo: \"མངའ་རིས་ས་ཁུལ།\", zh: \"阿里地区\" }\nbase_url: \"https://example.org/ngari\"\nlanguages: [bo, zh]\ntheme: themes/plain\ncontact: { phone: \"０８９７－２８２２２２２\", office: { bo: \"ས་ཁུལ།\", zh: \"地区\" } }\n",
    );
    // The theme is reported once, as a name: not also as a missing folder.
    let Outcome {
        code,
        stdout,
        stderr,
    } = site.check(&[]);
    assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
    assert_eq!(
        stderr,
        r#"content/site.yaml:3:11: error: `https://example.org/ngari` does not end in `/`
  |
3 | base_url: "https://example.org/ngari"
  |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = hint: write `https://example.org/ngari/`: page addresses are added after it

content/site.yaml:5:8: error: `themes/plain` is not a theme folder name
  |
5 | theme: themes/plain
  |        ^^^^^^^^^^^^
  = hint: `theme` names a folder under `themes/`: lower-case letters a-z, digits and single hyphens, such as `default`

content/site.yaml:6:19: error: `０８９７－２８２２２２２` is not a phone number: 7 to 15 digits, with `+`, spaces, hyphens and parentheses
  |
6 | contact: { phone: "０８９７－２８２２２２２", office: { bo: "ས་ཁུལ།", zh: "地区" } }
  |                   ^^^^^^^^^^^^^^^^^^^^^^^^^^
  = hint: type the digits as ASCII 0-9 (switch the input method to half-width)

3 errors, 0 warnings in 1 file
"#
    );
}

/// Whether a report holds a control character other than a line end (a
/// terminal would act on it).
fn has_control(report: &str) -> bool {
    report.chars().any(|c| c.is_control() && c != '\n')
}

#[test]
fn control_characters_are_placed_and_never_printed() {
    let site = SiteTest::empty();
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
    let Outcome { code, stderr, .. } = site.check(&[]);
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
    let site = SiteTest::empty();
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
    let Outcome { code, stderr, .. } = site.check(&[]);
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

/// `/{lang}/{county}/{township}/print/` is the township's print page: no
/// village may take that address.
#[test]
fn a_village_may_not_take_the_print_pages_address() {
    let site = SiteTest::empty();
    site.write(
        "content/villages/gar/shiquanhe/print.yaml",
        "name: { bo: \"བཀྲ་ཤིས་སྒང་།\", zh: \"扎西岗村\" }\nkind: village\nnotices: []\n",
    );
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("content/villages/gar/shiquanhe/print.yaml:1:1: error: a village may not be named `print`: that address is taken by the township's print page\n"),
        "{stderr}"
    );
}

/// A catalog that is not YAML is reported at the line where its parser
/// stopped, in the messages' language, with the line shown.
#[test]
fn a_broken_catalog_is_shown_at_its_line() {
    let site = SiteTest::empty();
    let zh = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/i18n/zh.yaml"
    ))
    .unwrap();
    site.write(
        "themes/default/i18n/zh.yaml",
        &zh.replacen("  home: \"首页\"", "  home: \"首页", 1),
    );
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    let first = stderr.lines().next().unwrap();
    assert!(
        first.starts_with("themes/default/i18n/zh.yaml:")
            && first.contains(": error: this catalog cannot be read: "),
        "{stderr}"
    );
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
}
