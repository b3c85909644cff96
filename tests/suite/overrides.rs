//! A site's `themes/default/` over the built-in theme: templates and
//! static files replace theirs file by file, catalogs key by key.

use crate::support::{example_root, tree, SiteTest};

/// What the site adds to `notice.html`, inside its `main` block.
const MARK: &str = "<p class=\"ours\">本站自定</p>";

/// The built-in `notice.html` with [`MARK`] in its `main` block.
fn marked_notice_template() -> String {
    let built_in =
        std::fs::read_to_string(example_root().join("themes/default/templates/notice.html"))
            .unwrap();
    assert!(built_in.contains("{% endblock main %}"));
    built_in.replacen(
        "{% endblock main %}",
        &format!("{MARK}{{% endblock main %}}"),
        1,
    )
}

#[test]
fn one_template_and_one_key_change_those_and_nothing_else() {
    let plain = SiteTest::example();
    let before = tree(&plain.build_ok(&["--today", "2021-01-12"]));

    let site = SiteTest::example();
    site.write(
        "themes/default/templates/notice.html",
        &marked_notice_template(),
    );
    site.write(
        "themes/default/i18n/zh.yaml",
        "# 只改“公示期”这一个词，其余沿用内置词条\nui:\n  period: \"公示时段\"\n",
    );
    let after = tree(&site.build_ok(&["--today", "2021-01-12"]));

    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    let mut changed = Vec::new();
    for (path, bytes) in &before {
        // SHA256SUMS lists the sums of the pages that changed.
        if after[path] == *bytes || path == "SHA256SUMS" {
            continue;
        }
        changed.push(path.as_str());
        let was = String::from_utf8(bytes.clone()).unwrap();
        let now = String::from_utf8(after[path].clone()).unwrap();
        assert!(!was.contains("公示时段"), "{path}");
        // Undoing the two changes gives the page without them, byte for byte.
        let undone = now.replace(MARK, "").replace("公示时段", "公示期");
        assert_eq!(
            undone, was,
            "{path} changed in more than the template and the key"
        );
    }
    let notice = "zh/gar/shiquanhe/senge/party-branch-candidates/index.html";
    let bo_notice = "bo/gar/shiquanhe/senge/party-branch-candidates/index.html";
    let village = "zh/gar/shiquanhe/senge/index.html";
    for path in [notice, bo_notice, village] {
        assert!(changed.contains(&path), "{path} changed: {changed:?}");
    }
    let page = String::from_utf8(after[notice].clone()).unwrap();
    assert!(
        page.contains(MARK) && page.contains("<dt>公示时段</dt>"),
        "{page}"
    );
    let bo_page = String::from_utf8(after[bo_notice].clone()).unwrap();
    assert!(bo_page.contains(MARK) && !bo_page.contains("公示时段"));
    let village_page = String::from_utf8(after[village].clone()).unwrap();
    assert!(
        !village_page.contains(MARK),
        "the village page keeps its template"
    );
    for untouched in [
        "bo/stats/index.html",
        "zh/stats/index.html",
        "static/style.css",
    ] {
        assert!(!changed.contains(&untouched), "{untouched}");
    }
}

#[test]
fn check_verbose_says_where_the_texts_come_from() {
    let site = SiteTest::example();
    let outcome = site.check(&["--verbose"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(
        outcome.stdout,
        "theme: the one built into gongshi, as it is (nothing in themes/default/)\n"
    );

    site.write(
        "themes/default/templates/notice.html",
        &marked_notice_template(),
    );
    let style = std::fs::read(example_root().join("themes/default/static/style.css")).unwrap();
    site.write_bytes("themes/default/static/style.css", &style);
    site.write(
        "themes/default/i18n/zh.yaml",
        "ui:\n  period: \"公示时段\"\n  home: \"首页\"\n",
    );
    let outcome = site.check(&["-v"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(
        outcome.stdout,
        "1 file of themes/default/ replaces a built-in one or adds to the theme:
  templates/notice.html
1 file of themes/default/ is the same as the built-in one
1 key of themes/default/i18n/zh.yaml is used instead of the built-in text:
  ui.period: 公示时段
1 key of themes/default/i18n/zh.yaml gives the built-in text
every other file and text: the theme built into gongshi
"
    );
    let outcome = site.check(&["-v", "--lang", "zh"]);
    assert!(
        outcome
            .stdout
            .starts_with("themes/default/ 中有 1 个文件代替（或补充）内置主题的文件：\n"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn a_key_that_changes_nothing_is_an_error_at_its_line() {
    let site = SiteTest::example();
    site.write(
        "themes/default/i18n/zh.yaml",
        "ui:\n  perod: \"公示时段\"\n",
    );
    let outcome = site.check(&[]);
    assert_eq!(outcome.code, 1);
    assert_eq!(
        outcome.stderr,
        "themes/default/i18n/zh.yaml:2:3: error: `ui.perod` changes nothing: the built-in catalogs have no such key
  |
2 |   perod: \"公示时段\"
  |   ^^^^^
  = hint: did you mean `ui.period`?

1 error, 0 warnings in 1 file
"
    );
}
