//! `SHA256SUMS` in every build, checked by coreutils' `sha256sum -c` and
//! by `gongshi verify DIR`, which also names files added.

use std::path::Path;
use std::process::Command;

use crate::support::{run, tree, SiteTest};

const DAY: &str = "2021-01-12";

/// `gongshi verify DIR` (in English unless `args` say otherwise).
fn verify(dir: &Path, args: &[&str]) -> crate::support::Outcome {
    let mut all = vec!["verify", dir.to_str().expect("UTF-8 path")];
    all.extend_from_slice(args);
    run(&all)
}

#[test]
fn sha256sum_checks_every_published_file_of_a_build() {
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", DAY]);
    let checked = Command::new("sha256sum")
        .args(["-c", "--strict", "SHA256SUMS"])
        .current_dir(&output)
        .output()
        .expect("sha256sum (coreutils) runs");
    let stdout = String::from_utf8(checked.stdout).unwrap();
    assert!(
        checked.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.iter().all(|line| line.ends_with(": OK")), "{stdout}");
    // Every file is listed but the list itself and the marker, in byte order.
    let files = tree(&output);
    let listed: Vec<&str> = lines
        .iter()
        .map(|line| line.strip_suffix(": OK").unwrap())
        .collect();
    let expected: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|path| *path != "SHA256SUMS" && *path != ".gongshi-output")
        .collect();
    assert_eq!(listed, expected);
    assert!(listed.contains(&"data/candidates.csv"), "written in parts");
    assert!(listed.contains(&"zh/index.html"));
    // The format of `sha256sum` itself: lowercase hex, two spaces, path.
    let sums = String::from_utf8(files["SHA256SUMS"].clone()).unwrap();
    let first = sums.lines().next().unwrap();
    let (hex, path) = first.split_once("  ").unwrap();
    assert_eq!(hex.len(), 64);
    assert!(hex
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    assert_eq!(path, expected[0]);
}

#[test]
fn verify_names_every_file_altered_missing_or_added() {
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", DAY]);
    let files = tree(&output).len() - 2;
    let shown = output.display();

    let intact = verify(&output, &[]);
    assert_eq!(intact.code, 0, "{}", intact.stderr);
    assert_eq!(intact.stdout, "");
    assert_eq!(
        intact.stderr,
        format!(
            "{shown} is intact: its {files} files are as SHA256SUMS lists them, and there are no others\n"
        )
    );

    let page = output.join("zh/index.html");
    let mut bytes = std::fs::read(&page).unwrap();
    bytes.extend_from_slice(b"<!-- edited -->");
    std::fs::write(&page, bytes).unwrap();
    std::fs::remove_file(output.join("bo/index.html")).unwrap();
    std::fs::write(output.join("zh/notes.txt"), "not published by gongshi").unwrap();
    let changed = verify(&output, &[]);
    assert_eq!(changed.code, 1, "{}", changed.stderr);
    assert_eq!(
        changed.stdout,
        "altered: zh/index.html\nmissing: bo/index.html\nadded: zh/notes.txt\n"
    );
    assert_eq!(
        changed.stderr,
        format!("{shown} differs from its SHA256SUMS: 3 problems\n")
    );

    // In the messages' language.
    let zh = verify(&output, &["--lang", "zh"]);
    assert_eq!(zh.code, 1);
    assert_eq!(
        zh.stdout,
        "已改动：zh/index.html\n缺少：bo/index.html\n多出：zh/notes.txt\n"
    );
    assert_eq!(
        zh.stderr,
        format!("{shown} 与其 SHA256SUMS 不符：发现 3 处问题\n")
    );
}

#[test]
fn a_damaged_sha256sums_is_reported_line_by_line_never_a_panic() {
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", DAY]);
    let list = output.join("SHA256SUMS");
    let text = std::fs::read_to_string(&list).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    // Line 2 cut short, line 3 leading outside the folder, line 4 repeating
    // line 1's path; the files they named are then not listed: added.
    let second = lines[1].clone();
    lines[1] = second[..40].to_owned();
    let third = lines[2].split_once("  ").unwrap().1.to_owned();
    lines[2] = format!("{}  ../../etc/passwd", &lines[2][..64]);
    let fourth = lines[3].split_once("  ").unwrap().1.to_owned();
    let first = lines[0].split_once("  ").unwrap().1.to_owned();
    lines[3] = format!("{}  {first}", &lines[3][..64]);
    let mut damaged = lines.join("\n").into_bytes();
    damaged.extend_from_slice(b"\n\xff\xfe binary\n");
    std::fs::write(&list, damaged).unwrap();

    let found = verify(&output, &[]);
    assert_eq!(found.code, 1, "{}", found.stderr);
    let second_path = second.split_once("  ").unwrap().1;
    let mut added = [second_path, third.as_str(), fourth.as_str()];
    added.sort_unstable();
    let expected = format!(
        "SHA256SUMS:2: not a line of sha256sum: 64 hexadecimal digits, two spaces, then a file's path\n\
         SHA256SUMS:3: `../../etc/passwd` is not a file inside the folder\n\
         SHA256SUMS:4: `{first}` is listed again (first on line 1)\n\
         SHA256SUMS:{}: not a line of sha256sum: 64 hexadecimal digits, two spaces, then a file's path\n\
         added: {}\nadded: {}\nadded: {}\n",
        lines.len() + 1,
        added[0],
        added[1],
        added[2],
    );
    assert_eq!(found.stdout, expected);
    assert!(found
        .stderr
        .ends_with("differs from its SHA256SUMS: 7 problems\n"));
}

#[test]
fn nothing_to_check_against_is_an_error_of_its_own() {
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", DAY]);
    let nowhere = site.root().join("nowhere");
    let missing = verify(&nowhere, &[]);
    assert_eq!(missing.code, 2);
    assert_eq!(
        missing.stderr,
        format!("error: {} is not a folder\n", nowhere.display())
    );
    std::fs::remove_file(output.join("SHA256SUMS")).unwrap();
    let unlisted = verify(&output, &[]);
    assert_eq!(unlisted.code, 2);
    assert_eq!(
        unlisted.stderr,
        format!(
            "error: {} has no SHA256SUMS file: every build writes one; copy the whole folder again, or build it again\n",
            output.display()
        )
    );
    let help = run(&["verify", "--help"]);
    assert!(help
        .stdout
        .contains("Check a copy of the site against its SHA256SUMS"));
}

#[test]
fn two_builds_write_the_same_sha256sums() {
    let site = SiteTest::example();
    let first = site.root().join("first");
    let second = site.root().join("second");
    for output in [&first, &second] {
        let built = site.build_into(output, &["--today", DAY]);
        assert_eq!(built.code, 0, "{}", built.stderr);
    }
    let sums = |dir: &Path| std::fs::read(dir.join("SHA256SUMS")).unwrap();
    assert!(!sums(&first).is_empty());
    assert_eq!(sums(&first), sums(&second));
}
