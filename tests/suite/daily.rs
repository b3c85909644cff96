//! The daily rebuild: a build saved under `.gongshi/` makes the next one
//! cost what changed, and makes byte for byte what a build from nothing
//! makes.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{tree, Outcome, SiteTest};

const DAY_ONE: &str = "2021-01-08";
/// After the day-one periods of `zangbu` closed, and after `deji`'s
/// second notice was published.
const DAY_TWO: &str = "2021-01-12";

/// Every folder under `dir`, empty ones included.
fn folders(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                found.insert(path.strip_prefix(dir).unwrap().display().to_string());
                stack.push(path);
            }
        }
    }
    found
}

/// The numbers of `wrote N files … ; M made anew` in a build's report.
fn written_and_made(outcome: &Outcome) -> (usize, usize) {
    let line = outcome
        .stderr
        .lines()
        .find(|l| l.starts_with("wrote "))
        .unwrap_or_else(|| panic!("no report of files written: {}", outcome.stderr));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    // wrote N files to …/public (as of YYYY-MM-DD); M made anew
    (numbers[0], numbers[numbers.len() - 1])
}

/// Asserts that `site`'s output is what a build from nothing of the same
/// content makes on `day`.
fn assert_as_from_nothing(site: &SiteTest, day: &str) {
    let fresh = SiteTest::with_content(&site.root().join("content"));
    let fresh_output = fresh.build_ok(&["--today", day]);
    let output = site.root().join("public");
    let (made, expected) = (tree(&output), tree(&fresh_output));
    let differ: Vec<&String> = made
        .keys()
        .chain(expected.keys())
        .filter(|path| made.get(*path) != expected.get(*path))
        .collect();
    assert!(differ.is_empty(), "files that differ: {differ:?}");
    assert_eq!(folders(&output), folders(&fresh_output), "the same folders");
}

#[test]
fn a_rebuild_makes_what_a_build_from_nothing_makes_and_costs_what_changed() {
    let site = SiteTest::example();
    let (first, output) = site.build(&["--today", DAY_ONE]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        site.root().join(".gongshi/build.json").is_file(),
        "saved under the root"
    );
    assert!(
        !output.join(".gongshi").exists(),
        "nothing saved is published: it holds scheduled notices"
    );
    let (files, made) = written_and_made(&first);
    assert_eq!(made, files, "a first build makes every file");

    let (again, _) = site.build(&["--today", DAY_ONE]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let (files, made) = written_and_made(&again);
    assert!(
        made * 20 < files,
        "nothing changed: only the region-wide CSV files are made ({made} of {files})"
    );
    assert_as_from_nothing(&site, DAY_ONE);

    // A village changed, one added, one removed, and the day moved past
    // the end of two periods and the publication of a notice.
    site.edit(
        "content/villages/gar/shiquanhe/zangbu.yaml",
        "zh: \"索朗旺堆\"",
        "zh: \"索朗旺久\"",
    );
    let deji = site.read("content/villages/gar/shiquanhe/deji.yaml");
    site.write(
        "content/villages/gar/shiquanhe/xinjian.yaml",
        &deji.replacen(
            "name: { bo: \"བདེ་སྐྱིད་སྡེ་ཁུལ།\", zh: \"德吉社区\" }",
            "name: { bo: \"གསར་བཞེངས་སྡེ་ཁུལ།\", zh: \"新建社区\" }",
            1,
        ),
    );
    std::fs::remove_file(
        site.root()
            .join("content/villages/gar/shiquanhe/senge.yaml"),
    )
    .unwrap();
    let (next, _) = site.build(&["--today", DAY_TWO]);
    assert_eq!(next.code, 0, "{}", next.stderr);
    assert!(
        !output.join("zh/gar/shiquanhe/senge").exists(),
        "a removed village's pages go"
    );
    assert!(output.join("zh/gar/shiquanhe/xinjian/index.html").is_file());
    assert_as_from_nothing(&site, DAY_TWO);

    // Whatever is saved, a build never trusts what does not match.
    site.write(".gongshi/build.json", "{ not what gongshi wrote");
    site.edit(
        "content/villages/gar/shiquanhe/zangbu.yaml",
        "zh: \"索朗旺久\"",
        "zh: \"索朗旺堆\"",
    );
    let (after, _) = site.build(&["--today", DAY_TWO]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_as_from_nothing(&site, DAY_TWO);
}

#[test]
fn a_listed_village_renamed_is_renamed_on_the_stats_and_county_pages_of_a_rebuild() {
    // The figures list villages without results by name; the name is
    // their index entry's, not a copy kept with the figures.
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", DAY_TWO]);
    let stats = output.join("zh/stats/index.html");
    assert!(std::fs::read_to_string(&stats)
        .unwrap()
        .contains("德吉社区"));
    site.edit(
        "content/villages/gar/shiquanhe/deji.yaml",
        "zh: \"德吉社区\"",
        "zh: \"德吉新社区\"",
    );
    site.build_ok(&["--today", DAY_TWO]);
    for page in ["zh/stats/index.html", "zh/gar/index.html"] {
        let text = std::fs::read_to_string(output.join(page)).unwrap();
        assert!(text.contains("德吉新社区"), "{page} shows the new name");
        assert!(
            !text.contains("德吉社区"),
            "{page} no longer shows the old name"
        );
    }
    assert_as_from_nothing(&site, DAY_TWO);
}

#[test]
fn a_spare_folder_changed_by_hand_is_not_trusted() {
    let site = SiteTest::example();
    site.build_ok(&["--today", DAY_ONE]);
    site.build_ok(&["--today", DAY_TWO]);
    // The spare now holds day one's site; someone edits a page in it.
    let spare = site.root().join(".public.gongshi-new");
    let page = spare.join("zh/index.html");
    assert!(
        page.is_file(),
        "the output before the last is kept beside it"
    );
    std::fs::write(&page, "edited by hand").unwrap();
    std::fs::write(spare.join(".gongshi-output"), "not a build of ours\n").unwrap();
    site.build_ok(&["--today", DAY_ONE]);
    assert_as_from_nothing(&site, DAY_ONE);
    // Reused villages' CSV rows are read back from the output's files: a
    // file cut short makes the next build start from nothing.
    let csv = site.root().join("public/data/candidates.csv");
    let text = std::fs::read(&csv).unwrap();
    std::fs::write(&csv, &text[..text.len() / 2]).unwrap();
    site.build_ok(&["--today", DAY_ONE]);
    assert_as_from_nothing(&site, DAY_ONE);
}

#[test]
fn a_village_with_warnings_goes_when_its_file_goes() {
    let site = SiteTest::example();
    // A village whose eldest candidate is over 100: a warning, so it is
    // published but read again by every build.
    let deji = site.read("content/villages/gar/shiquanhe/deji.yaml");
    let renamed = deji.replacen(
        "name: { bo: \"བདེ་སྐྱིད་སྡེ་ཁུལ།\", zh: \"德吉社区\" }",
        "name: { bo: \"གསར་བཞེངས་སྡེ་ཁུལ།\", zh: \"新建社区\" }",
        1,
    );
    site.write(
        "content/villages/gar/shiquanhe/xinjian.yaml",
        &renamed.replacen("born: 1970-01", "born: 1915-01", 1),
    );
    for _ in 0..2 {
        let (built, output) = site.build(&["--today", DAY_ONE]);
        assert_eq!(built.code, 0, "{}", built.stderr);
        assert!(built.stderr.contains("warning"), "{}", built.stderr);
        assert!(output.join("zh/gar/shiquanhe/xinjian/index.html").is_file());
    }
    std::fs::remove_file(
        site.root()
            .join("content/villages/gar/shiquanhe/xinjian.yaml"),
    )
    .unwrap();
    site.build_ok(&["--today", DAY_ONE]);
    assert!(
        !site.root().join("public/zh/gar/shiquanhe/xinjian").exists(),
        "a removed village's pages go, warnings or not"
    );
    assert_as_from_nothing(&site, DAY_ONE);
}

#[test]
fn a_published_notice_changed_without_a_correction_is_a_warning() {
    const ZANGBU: &str = "content/villages/gar/shiquanhe/zangbu.yaml";
    const DEJI: &str = "content/villages/gar/shiquanhe/deji.yaml";
    let site = SiteTest::example();
    site.build_ok(&["--today", DAY_ONE]);
    // Published on 2021-01-04, with one correction already.
    site.edit(ZANGBU, "zh: \"索朗旺堆\"", "zh: \"索朗旺久\"");
    // Published on 2021-01-11: on day one it is scheduled, and may change.
    site.edit(
        DEJI,
        "start: 2021-01-11, days: 7",
        "start: 2021-01-11, days: 8",
    );
    let (changed, _) = site.build(&["--today", DAY_ONE]);
    assert_eq!(changed.code, 0, "a warning: {}", changed.stderr);
    let warnings: Vec<&str> = changed
        .stderr
        .lines()
        .filter(|l| l.contains(": warning: "))
        .collect();
    assert_eq!(
        warnings,
        [format!(
            "{ZANGBU}:7:16: warning: this notice was published on 2021-01-04 and has \
             changed since the last build, with no new correction"
        )],
        "{}",
        changed.stderr
    );
    assert!(changed
        .stderr
        .contains("add an entry to its `corrections:`"));
    // Said once: the next build compares with this one.
    let (again, _) = site.build(&["--today", DAY_ONE]);
    assert!(!again.stderr.contains("warning"), "{}", again.stderr);
    // A change that comes with a correction is no warning, and the page
    // shows the corrections newest first.
    site.edit(ZANGBU, "zh: \"索朗旺久\"", "zh: \"索朗旺堆\"");
    site.edit(
        ZANGBU,
        "    corrections:\n",
        "    corrections:\n      - date: 2021-01-07\n        note: { bo: \"བསོད་ནམས་དབང་འདུས།\", zh: \"候选人索朗旺堆的姓名已更正。\" }\n",
    );
    let (corrected, output) = site.build(&["--today", DAY_ONE]);
    assert!(
        !corrected.stderr.contains("warning"),
        "{}",
        corrected.stderr
    );
    let page = std::fs::read_to_string(
        output.join("zh/gar/shiquanhe/zangbu/party-branch-candidates/index.html"),
    )
    .unwrap();
    let newest = page
        .find("<time datetime=\"2021-01-07\">")
        .expect("the new correction");
    let older = page
        .find("<time datetime=\"2021-01-05\">")
        .expect("the first correction");
    assert!(
        page.contains("<h2>更正</h2>") && newest < older,
        "newest first"
    );
    let data = std::fs::read_to_string(output.join("data/gar/shiquanhe/zangbu.json")).unwrap();
    assert!(data.contains("\"date\": \"2021-01-07\""), "{data}");
    // Its feed entry is updated on the day of its latest correction.
    let feed = std::fs::read_to_string(output.join("zh/atom.xml")).unwrap();
    let entry = feed
        .split("<entry>")
        .find(|e| e.contains("/zangbu/party-branch-candidates/"))
        .expect("the notice's feed entry");
    assert!(
        entry.contains("<updated>2021-01-07T") && entry.contains("<published>2021-01-04T"),
        "{entry}"
    );
}
