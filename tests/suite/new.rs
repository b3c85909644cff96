//! `gongshi new village|area|announcement`: each new file passes `check`
//! as written; what would not is refused with `check`'s own diagnostic,
//! and nothing is written over.

use crate::support::{run, tree, Outcome, SiteTest};

/// A minimal site (see [`SiteTest::empty`]) whose calendar covers the
/// years around today, so that what `new` dates today gets no warning
/// about an uncovered year.
fn site() -> SiteTest {
    let site = SiteTest::empty();
    let year = jiff::Zoned::now().year();
    let mut calendar = String::from("holidays:\n");
    for year in [year - 1, year, year + 1] {
        calendar.push_str(&format!(
            "  - {{ start: {year}-10-01, end: {year}-10-07, name: {{ bo: \"རྒྱལ་ཁབ་དགའ་སྟོན་དུས་ཆེན།\", zh: \"国庆节\" }} }}\n"
        ));
    }
    site.write("content/calendar.yaml", &calendar);
    site
}

/// `gongshi new ARGS --root <site>`.
fn new(site: &SiteTest, args: &[&str]) -> Outcome {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", site.root_str()]);
    run(&all)
}

/// Asserts that `date` is a date within a day of today's UTC date.
fn assert_about_today(date: &str) {
    let date: jiff::civil::Date = date.parse().unwrap_or_else(|e| panic!("{date}: {e}"));
    let utc = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let days = (date - utc).get_days().abs();
    assert!(days <= 1, "{date} is {days} days from {utc}");
}

/// The value after `key: ` on the first line that has it.
fn value_of<'t>(text: &'t str, key: &str) -> &'t str {
    text.lines()
        .find_map(|line| line.trim_start().strip_prefix(&format!("{key}: ")))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no {key} in\n{text}"))
}

/// The first diagnostic of a report (up to its blank line).
fn first_block(report: &str) -> &str {
    report.split("\n\n").next().unwrap()
}

#[test]
fn a_new_village_passes_check_as_written() {
    let site = site();
    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "village",
            "gar/shiquanhe/zhaxigang",
            "--bo",
            "བཀྲ་ཤིས་སྒང་གྲོང་ཚོ།",
            "--zh",
            "扎西岗村",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "wrote 1 file:\n  content/villages/gar/shiquanhe/zhaxigang.yaml\n\
         its candidates notice is a draft: fill in the seats and candidates, run gongshi check, then delete the `draft: true` line to publish it\n"
    );
    let text = site.read("content/villages/gar/shiquanhe/zhaxigang.yaml");
    assert!(text.contains("name: { bo: \"བཀྲ་ཤིས་སྒང་གྲོང་ཚོ།\", zh: \"扎西岗村\" }\nkind: village "));
    assert_eq!(value_of(&text, "draft"), "true");
    assert_about_today(value_of(&text, "published"));
    let checked = site.check(&["--deny-warnings"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert_eq!(checked.stderr, "no problems in 5 files\n");
    // A draft: the village is published, its unfinished notice is not.
    let today = value_of(&text, "published");
    let output = site.build_ok(&["--today", today]);
    let pages: Vec<String> = tree(&output).into_keys().collect();
    assert!(pages.contains(&"zh/gar/shiquanhe/zhaxigang/index.html".to_owned()));
    assert!(!pages.iter().any(|p| p.contains("party-branch-candidates")));

    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "village",
            "gar/shiquanhe/senge",
            "--bo",
            "སེང་གེ་སྡེ་ཁུལ།",
            "--zh",
            "森格社区",
            "--kind",
            "community",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let text = site.read("content/villages/gar/shiquanhe/senge.yaml");
    assert_eq!(value_of(&text, "kind"), "community");
    assert_eq!(site.check(&["--deny-warnings"]).code, 0);
}

#[test]
fn a_village_that_exists_is_never_written_over() {
    let site = site();
    let mine = "name: { bo: \"བཀྲ་ཤིས་སྒང་།\", zh: \"扎西岗村\" }\nkind: village\n";
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", mine);
    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "village",
            "gar/shiquanhe/zhaxigang",
            "--bo",
            "བཀྲ་ཤིས་སྒང་།",
            "--zh",
            "扎西岗村",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: content/villages/gar/shiquanhe/zhaxigang.yaml exists already; gongshi new never writes over a file\n\
         hint: edit that file instead, or choose another name\n\
         nothing written\n"
    );
    assert_eq!(
        site.read("content/villages/gar/shiquanhe/zhaxigang.yaml"),
        mine
    );
}

#[test]
fn a_bad_slug_is_refused_with_the_one_meant() {
    let site = site();
    let before = tree(site.root());
    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "village",
            "gar/shiquanhe/Zhaxi Gang",
            "--bo",
            "བཀྲ་ཤིས་སྒང་།",
            "--zh",
            "扎西岗村",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: `Zhaxi Gang` cannot be a name in the site's addresses\n\
         hint: did you mean `zhaxi-gang`?\n\
         nothing written\n"
    );
    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "village",
            "gar/shiquanhe/con",
            "--bo",
            "བཀྲ་ཤིས་སྒང་།",
            "--zh",
            "扎西岗村",
        ],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("hint: Windows keeps this name"), "{stderr}");
    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "village",
            "gar/shiquanhe/print",
            "--bo",
            "བཀྲ་ཤིས་སྒང་།",
            "--zh",
            "扎西岗村",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("content/villages/gar/shiquanhe/print.yaml:1:1: error: a village may not be named `print`"),
        "{stderr}"
    );
    let Outcome { code, stderr, .. } = new(&site, &["announcement", "Election_Day"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("hint: did you mean `election-day`?"),
        "{stderr}"
    );
    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "area",
            "gar/Kun Sha",
            "--bo",
            "དགུན་ས་ཤང་།",
            "--zh",
            "昆莎乡",
        ],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("hint: did you mean `kun-sha`?"), "{stderr}");
    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "village",
            "gar/zhaxigang",
            "--bo",
            "བཀྲ་ཤིས་སྒང་།",
            "--zh",
            "扎西岗村",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("error: `gar/zhaxigang` is not COUNTY/TOWNSHIP/SLUG"),
        "{stderr}"
    );
    assert!(tree(site.root()) == before, "nothing was written");
}

#[test]
fn a_tibetan_name_typed_with_a_slip_gets_the_diagnostic_of_a_file() {
    let site = site();
    let args = |bo: &'static str| -> Vec<&'static str> {
        vec![
            "village",
            "gar/shiquanhe/zhaxigang",
            "--bo",
            bo,
            "--zh",
            "扎西岗村",
        ]
    };
    // Typed in EWTS, and with a vowel sign before a subjoined letter.
    for slip in ["bkra shis sgang", "བཀིྲ་ཤིས་སྒང་།"] {
        let refused = new(&site, &args(slip));
        assert_eq!(refused.code, 1, "{}", refused.stderr);
        assert!(
            refused.stderr.ends_with("\nnothing written\n"),
            "{}",
            refused.stderr
        );
        assert!(!site
            .root()
            .join("content/villages/gar/shiquanhe/zhaxigang.yaml")
            .exists());
        // The same name in the file `new` writes, as `check` reports it.
        assert_eq!(new(&site, &args("བཀྲ་ཤིས་སྒང་།")).code, 0);
        site.edit(
            "content/villages/gar/shiquanhe/zhaxigang.yaml",
            "བཀྲ་ཤིས་སྒང་།",
            slip,
        );
        let checked = site.check(&[]);
        assert_eq!(checked.code, 1);
        assert_eq!(first_block(&refused.stderr), first_block(&checked.stderr));
        std::fs::remove_file(
            site.root()
                .join("content/villages/gar/shiquanhe/zhaxigang.yaml"),
        )
        .unwrap();
    }
    let refused = new(&site, &args("bkra shis sgang"));
    assert!(
        refused.stderr.starts_with(
            "content/villages/gar/shiquanhe/zhaxigang.yaml:3:13: error: the `bo` text has no Tibetan letters\n"
        ),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("བཀྲ་ཤིས་སྒང"),
        "the EWTS hint: {}",
        refused.stderr
    );
}

#[test]
fn an_unknown_township_or_county_gets_the_one_meant() {
    let site = site();
    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "village",
            "gar/shiquanhr/zhaxigang",
            "--bo",
            "བཀྲ་ཤིས་སྒང་།",
            "--zh",
            "扎西岗村",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: county `gar` has no township `shiquanhr`\n\
         hint: did you mean `gar/shiquanhe/zhaxigang`?\n\
         nothing written\n"
    );
    // A county typed by its Chinese name.
    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "village",
            "噶尔县/shiquanhe/zhaxigang",
            "--bo",
            "བཀྲ་ཤིས་སྒང་།",
            "--zh",
            "扎西岗村",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: there is no county `噶尔县` in content/villages/\n\
         hint: did you mean `gar/shiquanhe/zhaxigang`?\n\
         nothing written\n"
    );
    // Nothing close: how to add it.
    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "area",
            "purang/purang",
            "--bo",
            "སྤུ་ཧྲེང་ཤང་།",
            "--zh",
            "普兰镇",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: there is no county `purang` in content/villages/\n\
         hint: add the county first: gongshi new area purang --bo … --zh …\n\
         nothing written\n"
    );
    let Outcome { code, stderr, .. } = new(
        &site,
        &[
            "village",
            "gar/kunsha/deqing",
            "--bo",
            "བདེ་ཆེན།",
            "--zh",
            "德庆村",
            "--lang",
            "zh",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "错误: 县 `gar` 中没有乡（镇）`kunsha`\n\
         提示: 请先添加这个乡（镇）：gongshi new area gar/kunsha --bo … --zh …\n\
         未写出任何文件\n"
    );
}

#[test]
fn new_areas_pass_check_and_are_never_written_over() {
    let site = site();
    let Outcome { code, stderr, .. } = new(
        &site,
        &["area", "rutog", "--bo", "རུ་ཐོག་རྫོང་།", "--zh", "日土县"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "wrote 1 file:\n  content/villages/rutog/_index.yaml\n\
         add its townships with `gongshi new area rutog/TOWNSHIP --bo … --zh …`\n"
    );
    let Outcome { code, stderr, .. } = new(
        &site,
        &["area", "rutog/rutog", "--bo", "རུ་ཐོག་ཤང་།", "--zh", "日土乡"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(site
        .read("content/villages/rutog/rutog/_index.yaml")
        .ends_with("name: { bo: \"རུ་ཐོག་ཤང་།\", zh: \"日土乡\" }\n"));
    let Outcome { code, .. } = new(
        &site,
        &[
            "village",
            "rutog/rutog/ritu",
            "--bo",
            "རི་ཐོག་གྲོང་ཚོ།",
            "--zh",
            "日土村",
        ],
    );
    assert_eq!(code, 0);
    let checked = site.check(&["--deny-warnings"]);
    assert_eq!(checked.stderr, "no problems in 7 files\n");

    let Outcome { code, stderr, .. } =
        new(&site, &["area", "rutog", "--bo", "རུ་ཐོག", "--zh", "日土"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("error: content/villages/rutog/_index.yaml exists already"),
        "{stderr}"
    );
    assert!(site
        .read("content/villages/rutog/_index.yaml")
        .contains("日土县"));

    // A county folder without its `_index.yaml` gets one.
    site.write(
        "content/villages/zanda/toling/_index.yaml",
        "name: { bo: \"མཐོ་ལྡིང་།\", zh: \"托林镇\" }\n",
    );
    let Outcome { code, .. } = new(
        &site,
        &["area", "zanda", "--bo", "རྩ་མདའ་རྫོང་།", "--zh", "札达县"],
    );
    assert_eq!(code, 0);
    assert_eq!(site.check(&["--deny-warnings"]).code, 0);

    // A Chinese character in a `bo` name, as `check` reports it.
    let Outcome { code, stderr, .. } = new(
        &site,
        &["area", "gerze", "--bo", "སྒེར་རྩེ་县", "--zh", "改则县"],
    );
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "content/villages/gerze/_index.yaml:3:13: error: this `bo` name has the Han character 县 in it\n"
        ),
        "{stderr}"
    );
    assert!(!site.root().join("content/villages/gerze").exists());
    // A reserved county name.
    let Outcome { code, stderr, .. } = new(
        &site,
        &["area", "stats", "--bo", "སྒེར་རྩེ་རྫོང་།", "--zh", "改则县"],
    );
    assert_eq!(code, 1);
    assert!(
        stderr.contains("a county may not be named `stats`"),
        "{stderr}"
    );
}

#[test]
fn a_new_announcement_is_a_pair_of_drafts_dated_today() {
    let site = site();
    let Outcome { code, stderr, .. } = new(&site, &["announcement", "election-schedule"]);
    assert_eq!(code, 0, "{stderr}");
    let bo = site.read("content/announcements/election-schedule.bo.md");
    let zh = site.read("content/announcements/election-schedule.zh.md");
    let date = value_of(&zh, "date");
    assert_about_today(date);
    assert_eq!(value_of(&bo, "date"), date);
    assert_eq!(
        (value_of(&bo, "draft"), value_of(&zh, "draft")),
        ("true", "true")
    );
    assert_eq!(
        stderr,
        format!(
            "wrote 2 files:\n  content/announcements/election-schedule.bo.md\n  content/announcements/election-schedule.zh.md\n\
             both are drafts dated {date}: write the title and text in each, then delete `draft: true` from both to publish them\n"
        )
    );
    let checked = site.check(&["--deny-warnings"]);
    assert_eq!(checked.stderr, "no problems in 6 files\n");
    let preview = site.root().join("preview");
    let outcome = site.build_into(&preview, &["--drafts", "--today", date]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let page =
        std::fs::read_to_string(preview.join("zh/announcements/election-schedule/index.html"))
            .unwrap();
    assert!(page.contains("公告标题"), "{page}");

    // One file of the pair is enough to refuse.
    std::fs::remove_file(
        site.root()
            .join("content/announcements/election-schedule.zh.md"),
    )
    .unwrap();
    let Outcome { code, stderr, .. } = new(&site, &["announcement", "election-schedule"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "error: content/announcements/election-schedule.bo.md exists already; gongshi new never writes over a file\n"
        ),
        "{stderr}"
    );
    assert!(!site
        .root()
        .join("content/announcements/election-schedule.zh.md")
        .exists());
}

#[test]
fn without_content_new_cannot_run() {
    let site = SiteTest::bare();
    let Outcome { code, stderr, .. } = new(&site, &["announcement", "x"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: no `content` folder in "),
        "{stderr}"
    );
    assert!(tree(site.root()).is_empty());
}
