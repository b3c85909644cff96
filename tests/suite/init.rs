//! `gongshi init`: a new site that checks and builds without the
//! repository (its theme is the one built into the binary).

use std::path::Path;

use crate::support::{copy_dir, example_root, run, tree, Outcome};

/// What `init` writes, and nothing else.
const FILES: [&str; 5] = [
    "content/calendar.yaml",
    "content/site.yaml",
    "content/villages/gar/_index.yaml",
    "content/villages/gar/shiquanhe/_index.yaml",
    "content/villages/gar/shiquanhe/zhaxigang.yaml",
];

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

#[test]
fn a_new_site_checks_and_builds_as_with_the_theme_copied_in() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let Outcome { code, stderr, .. } = run(&["init", path_str(&site)]);
    assert_eq!(code, 0, "{stderr}");
    let mut expected = String::from("wrote 5 files:\n");
    for file in [
        "content/site.yaml",
        "content/calendar.yaml",
        "content/villages/gar/_index.yaml",
        "content/villages/gar/shiquanhe/_index.yaml",
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
    ] {
        expected.push_str(&format!("  {file}\n"));
    }
    expected.push_str(&format!(
        "next: fill in content/site.yaml and content/calendar.yaml, then preview the site with `gongshi serve --root {}`\n",
        site.display()
    ));
    assert_eq!(stderr, expected);
    let written: Vec<String> = tree(&site).into_keys().collect();
    assert_eq!(written, FILES, "init writes content/ and nothing else");

    let Outcome { code, stderr, .. } =
        run(&["check", "--deny-warnings", "--root", path_str(&site)]);
    assert_eq!((code, stderr.as_str()), (0, "no problems in 5 files\n"));

    let built = dir.path().join("built");
    let Outcome { code, stderr, .. } = run(&[
        "build",
        "--root",
        path_str(&site),
        "--output",
        path_str(&built),
        "--today",
        "2021-01-12",
    ]);
    assert_eq!(code, 0, "{stderr}");

    // The same content beside a copy of the repository's theme.
    let themed = dir.path().join("themed");
    copy_dir(&site.join("content"), &themed.join("content"));
    copy_dir(
        &example_root().join("themes/default"),
        &themed.join("themes/default"),
    );
    let reference = dir.path().join("reference");
    let Outcome { code, stderr, .. } = run(&[
        "build",
        "--root",
        path_str(&themed),
        "--output",
        path_str(&reference),
        "--today",
        "2021-01-12",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (ours, theirs) = (tree(&built), tree(&reference));
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &ours {
        assert!(theirs[path] == *bytes, "{path} differs");
    }
    assert!(ours.contains_key("zh/gar/shiquanhe/zhaxigang/index.html"));
    // The example village's notices are drafts: published nowhere.
    assert!(!ours.keys().any(|p| p.contains("party-branch-candidates")));
    let page = String::from_utf8(ours["zh/gar/shiquanhe/zhaxigang/index.html"].clone()).unwrap();
    assert!(page.contains("扎西岗村"), "{page}");

    // A preview shows them, marked as drafts.
    let preview = dir.path().join("preview");
    let Outcome { code, stderr, .. } = run(&[
        "build",
        "--root",
        path_str(&site),
        "--drafts",
        "--output",
        path_str(&preview),
        "--today",
        "2021-01-12",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let notice = std::fs::read_to_string(
        preview.join("zh/gar/shiquanhe/zhaxigang/party-branch-candidates/index.html"),
    )
    .unwrap();
    assert!(notice.contains("data-draft=\"true\""), "{notice}");
}

#[test]
fn with_theme_writes_the_built_in_theme_to_edit() {
    let dir = tempfile::tempdir().unwrap();
    let Outcome { code, stderr, .. } = run(&["init", path_str(dir.path()), "--with-theme"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("  themes/default/templates/notice.html\n"),
        "{stderr}"
    );
    let theme = tree(&dir.path().join("themes/default"));
    assert!(
        theme == tree(&example_root().join("themes/default")),
        "themes/default/ is the built-in theme, file for file"
    );
    let Outcome { code, stdout, .. } = run(&[
        "check",
        "--deny-warnings",
        "--verbose",
        "--root",
        path_str(dir.path()),
    ]);
    assert_eq!(code, 0);
    assert!(
        !stdout.contains("replace") && !stdout.contains("instead of"),
        "nothing differs from the built-in theme:\n{stdout}"
    );
    assert!(
        stdout.contains("files of themes/default/ are the same as the built-in ones"),
        "{stdout}"
    );
}

#[test]
fn a_folder_that_is_not_empty_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let Outcome { code, stderr, .. } = run(&["init", path_str(dir.path())]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!(
            "error: refusing to start a site in {}: the folder is not empty\n\
             hint: name a new folder, or an empty one: gongshi init never writes over anything\n\
             nothing written\n",
            dir.path().display()
        )
    );
    let left: Vec<String> = tree(dir.path()).into_keys().collect();
    assert_eq!(left, ["notes.txt"]);

    let file = dir.path().join("notes.txt");
    let Outcome { code, stderr, .. } = run(&["init", path_str(&file), "--lang", "zh"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(&format!(
            "错误: 不能在 {} 中新建网站：它是一个文件\n",
            file.display()
        )),
        "{stderr}"
    );
}

#[test]
fn an_empty_folder_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let Outcome { code, stderr, .. } = run(&["init", path_str(dir.path())]);
    assert_eq!(code, 0, "{stderr}");
    let written: Vec<String> = tree(dir.path()).into_keys().collect();
    assert_eq!(written, FILES);
}
