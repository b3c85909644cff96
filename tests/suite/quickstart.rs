//! Every command of the Chinese quick start (`docs/快速入门.md`) is run
//! here, in the order the page gives them, so the page cannot rot: a
//! renamed option or a village `new` refuses fails this test.

use std::path::{Path, PathBuf};

use crate::support::{example_root, gongshi};

/// The lines of the page that are not run here, and why: installing
/// (`apt`, `dpkg`, `cargo install`), the preview server (runs until
/// stopped; tested in `serve.rs`), copying to a USB stick and checking the
/// copy with `sha256sum` (`gongshi verify` is run), and copying the
/// sample roster from where the package installs it (the test copies the
/// repository's `docs/名单示例.csv`). Exactly these:
/// any other line must be a `gongshi` or `cd` line that is run.
const NOT_RUN: [&str; 7] = [
    "sudo apt install ./gongshi_*.deb",
    "sudo dpkg -i gongshi_*.deb",
    "cargo install --locked --path .",
    "cp /usr/share/doc/gongshi/名单示例.csv .",
    "gongshi serve",
    "cp -r public /media/$USER/U盘/",
    "sha256sum -c SHA256SUMS",
];

/// The command lines of the page's fenced `sh` blocks, in order.
fn command_lines(page: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_sh = false;
    for line in page.lines() {
        let trimmed = line.trim();
        if let Some(fence) = trimmed.strip_prefix("```") {
            in_sh = !in_sh && fence.trim() == "sh";
        } else if in_sh && !trimmed.is_empty() && !trimmed.starts_with('#') {
            lines.push(trimmed.to_owned());
        }
    }
    lines
}

/// A command line split into words as a shell would, for the page's
/// simple lines: spaces separate words, double quotes group them.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            ' ' if !quoted => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    assert!(!quoted, "unbalanced quote in `{line}`");
    words.extend(word);
    words
}

#[test]
fn the_quick_start_commands_run() {
    let page = std::fs::read_to_string(example_root().join("docs/快速入门.md")).unwrap();
    let lines = command_lines(&page);
    let tmp = tempfile::tempdir().unwrap();
    let mut dir: PathBuf = tmp.path().to_owned();
    let mut not_run = Vec::new();
    let mut ran = Vec::new();
    for line in &lines {
        if NOT_RUN.contains(&line.as_str()) {
            not_run.push(line.as_str());
            continue;
        }
        let words = words(line);
        match words[0].as_str() {
            "cd" => {
                assert_eq!(words.len(), 2, "`{line}`");
                dir = dir.join(&words[1]);
            }
            "gongshi" => {
                if words[1] == "import" {
                    let sample = example_root().join("docs/名单示例.csv");
                    std::fs::copy(sample, dir.join("名单示例.csv")).unwrap();
                }
                let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
                let output = gongshi(&args).current_dir(&dir).output().unwrap();
                assert!(
                    output.status.success(),
                    "`{line}` in {} failed ({}):\n{}{}",
                    dir.display(),
                    output.status,
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                );
                ran.push(words[1].clone());
            }
            _ => panic!("`{line}` is neither run here nor in NOT_RUN"),
        }
    }
    assert_eq!(not_run, NOT_RUN, "the lines the test does not run");
    assert_eq!(
        ran,
        [
            "--version",
            "init",
            "new",
            "import",
            "check",
            "build",
            "verify"
        ],
        "the gongshi commands run"
    );
    // The site was built with the built-in theme alone.
    assert!(dir.join("public/index.html").is_file());
    assert!(dir
        .join("content/villages/gar/shiquanhe/deji.yaml")
        .is_file());
    assert!(!Path::new(&dir.join("themes")).exists());
    // The sample roster's notice was imported, built and published.
    assert!(dir
        .join("public/zh/gar/shiquanhe/deji/committee-candidates/index.html")
        .is_file());
}

#[test]
fn words_are_split_as_a_shell_splits_the_page_lines() {
    assert_eq!(
        words(r#"gongshi new village a/b/c --bo "ཀ ཁ" --zh "德吉""#),
        ["gongshi", "new", "village", "a/b/c", "--bo", "ཀ ཁ", "--zh", "德吉"]
    );
    assert_eq!(words(r#"x """#), ["x", ""]);
}
