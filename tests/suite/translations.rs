//! Translations waiting for review: the theme catalogs' `unconfirmed:`
//! lists are checked against their keys, and `check --translations` lists
//! what a translator has to read, per catalog and language.
//!
//! The example site's whole list is pinned in
//! `tests/fixtures/translations/example.stdout`.

use crate::support::{
    assert_matches_file, example_root, fixture, gongshi, outcome, run, Outcome, SiteTest,
};

/// The built-in catalog of `lang`, as a site would copy it to override it.
fn built_in(lang: &str) -> String {
    std::fs::read_to_string(example_root().join(format!("themes/default/i18n/{lang}.yaml")))
        .unwrap()
}

#[test]
fn an_unconfirmed_key_the_catalog_lacks_is_an_error_at_its_entry() {
    let site = SiteTest::empty();
    let bo = built_in("bo");
    assert!(
        bo.trim_end().lines().last().unwrap().starts_with("  - ")
            && bo.contains("\nunconfirmed:\n"),
        "`unconfirmed:` ends bo.yaml"
    );
    site.write(
        "themes/default/i18n/bo.yaml",
        &format!("{}\n  - ui.no_such_key\n", bo.trim_end()),
    );
    let bo_line = bo.trim_end().lines().count() + 1;
    let zh = built_in("zh");
    assert!(zh.contains("\nunconfirmed: []\n"));
    site.write(
        "themes/default/i18n/zh.yaml",
        &zh.replace(
            "\nunconfirmed: []\n",
            "\nunconfirmed: [ui.home, codes.gender.femal, dates.day]\n",
        ),
    );
    let zh_line = zh.lines().position(|l| l == "unconfirmed: []").unwrap() + 1;
    let Outcome {
        code,
        stdout,
        stderr,
    } = site.check(&[]);
    assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
    let bo_pad = " ".repeat(bo_line.to_string().len());
    let zh_pad = " ".repeat(zh_line.to_string().len());
    let expected = format!(
        "themes/default/i18n/bo.yaml:{bo_line}:5: error: `ui.no_such_key` is listed as waiting for review, but this catalog has no such key
{bo_pad} |
{bo_line} |   - ui.no_such_key
{bo_pad} |     ^^^^^^^^^^^^^^
{bo_pad} = hint: list keys as they are written above: `ui.<name>`, `codes.<kind>.<code>`, `dates.<name>` or `language_name`

themes/default/i18n/zh.yaml:{zh_line}:24: error: `codes.gender.femal` is listed as waiting for review, but this catalog has no such key
{zh_pad} |
{zh_line} | unconfirmed: [ui.home, codes.gender.femal, dates.day]
{zh_pad} |                        ^^^^^^^^^^^^^^^^^^
{zh_pad} = hint: did you mean `codes.gender.female`?

2 errors, 0 warnings in 2 files
"
    );
    assert_eq!(stderr, expected);
    // `build` refuses it likewise, in the messages' language.
    let root = site.root().to_str().unwrap().to_owned();
    let Outcome { code, stderr, .. } =
        outcome(gongshi(&["build", "--lang", "zh", "--root", &root]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!(
            "themes/default/i18n/zh.yaml:{zh_line}:24: 错误: `codes.gender.femal` 列为待审核，但此词条文件中没有这个键\n"
        )),
        "{stderr}"
    );
}

#[test]
fn every_kind_of_catalog_key_may_wait_for_review() {
    let site = SiteTest::empty();
    site.write(
        "themes/default/i18n/zh.yaml",
        &built_in("zh").replace(
            "\nunconfirmed: []\n",
            "\nunconfirmed: [language_name, ui.home, codes.post.deputy_chair, dates.range_start, dates.ordinals]\n",
        ),
    );
    let Outcome { code, stderr, .. } = site.check(&[]);
    assert_eq!(code, 0, "{stderr}");
    let root = site.root().to_str().unwrap().to_owned();
    let Outcome { stdout, .. } = run(&["check", "--translations", "--root", &root]);
    let zh: Vec<&str> = stdout
        .split("\n\n")
        .find(|s| s.starts_with("site pages in Chinese"))
        .unwrap()
        .lines()
        .collect();
    assert_eq!(
        zh,
        [
            "site pages in Chinese (themes/default/i18n/zh.yaml): 5 texts waiting for review",
            "language_name: 中文",
            "ui.home: 首页",
            "codes.post.deputy_chair: 副主任",
            "dates.range_start: {year}年{month}{ordinal}月{day}日至",
            "dates.ordinals: , , , , , , , , , , , ",
        ]
    );
}

#[test]
fn check_translations_lists_every_text_waiting_for_review() {
    let root = example_root();
    let Outcome {
        code,
        stdout,
        stderr,
    } = run(&["check", "--translations", "--root", root.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let Outcome { stderr: plain, .. } = run(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(stderr, plain, "the report is the plain check's");
    assert_matches_file(&stdout, &fixture("translations").join("example.stdout"));
    // One heading per catalog and language, each text on one line.
    let headings: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.is_empty() && !l.contains(": ") || l.contains("waiting for review"))
        .collect();
    assert_eq!(headings.len(), 3, "{headings:?}");
    assert!(headings[0].starts_with("site pages in Tibetan (themes/default/i18n/bo.yaml): "));
    for line in stdout
        .lines()
        .filter(|l| !l.is_empty() && !headings.contains(l))
    {
        let (key, _) = line.split_once(": ").unwrap_or_else(|| panic!("{line}"));
        assert!(
            key.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.'),
            "{line}"
        );
    }
}

#[test]
fn the_headings_are_in_the_messages_language_and_the_status_is_check_s() {
    let site = SiteTest::empty();
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        "name: { bo: \"བཀྲ་ཤིས་སྒང་།\", zh: \"扎西岗村\" }\nkind: villag\n",
    );
    let root = site.root().to_str().unwrap();
    let Outcome {
        code,
        stdout,
        stderr,
    } = outcome(gongshi(&[
        "check",
        "--translations",
        "--lang",
        "zh",
        "--root",
        root,
    ]));
    assert_eq!(code, 1, "a broken site fails as with plain check");
    assert!(stderr.contains(": 错误: "), "{stderr}");
    let headings: Vec<&str> = stdout.lines().filter(|l| l.contains("条待审核")).collect();
    assert_eq!(headings.len(), 3, "{stdout}");
    assert!(
        headings[0].starts_with("网站页面的藏文译文（themes/default/i18n/bo.yaml）："),
        "{}",
        headings[0]
    );
    assert!(
        headings[2].starts_with("gongshi 自身消息的藏文译文（"),
        "{}",
        headings[2]
    );
    let Outcome { code, .. } = run(&["check", "--translations", "--deny-warnings", "--root", root]);
    assert_eq!(code, 1);
}

#[test]
fn the_flag_has_its_help_in_the_catalog() {
    let Outcome { code, stdout, .. } = run(&["check", "--help"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("--translations        Also list, per language, the translations waiting for review, with their current text."),
        "{stdout}"
    );
    let Outcome { stdout, .. } = run(&["check", "--help", "--lang", "zh"]);
    assert!(
        stdout.contains("另按语言列出待审核的译文及其现有文字。"),
        "{stdout}"
    );
}
