//! The man pages and shell completions under `docs/` are generated from the
//! command line's definition (`gongshi::cli::command_in`) and committed, so
//! that a plain `cargo deb` on a fresh clone packages them without a build
//! script slowing every build. These tests regenerate them in memory and fail
//! when the committed files no longer match the command line.

use std::path::{Path, PathBuf};

use clap_complete::Shell;
use gongshi::messages::Lang;

use crate::support::example_root;

/// How to rewrite the generated files after an intended change.
const REGENERATE: &str = "GONGSHI_BLESS=1 cargo test --test suite packaging";

/// Where the man pages of each language go: English in `docs/man/`
/// (installed as `/usr/share/man/man1/`), Chinese in `docs/man/zh_CN/`
/// (installed as `/usr/share/man/zh_CN/man1/`, which `man` shows under a
/// Chinese locale). Tibetan waits until its catalog is confirmed.
const MAN_LANGS: [(Lang, &str); 2] = [(Lang::En, "docs/man"), (Lang::Zh, "docs/man/zh_CN")];

/// The shells whose completions are packaged, and their file names.
const SHELLS: [(Shell, &str); 3] = [
    (Shell::Bash, "gongshi.bash"),
    (Shell::Zsh, "_gongshi"),
    (Shell::Fish, "gongshi.fish"),
];

/// Every generated file: its path under the repository and its bytes.
fn generated() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for (lang, dir) in MAN_LANGS {
        let mut command = gongshi::cli::command_in(lang);
        command.build();
        man_pages(&command, Path::new(dir), &mut files);
    }
    // Completions describe commands and options in Chinese, the language
    // of the clerks who type them (shells pick no language by locale).
    for (shell, name) in SHELLS {
        let mut command = gongshi::cli::command_in(Lang::Zh);
        let mut bytes = Vec::new();
        clap_complete::generate(shell, &mut command, "gongshi", &mut bytes);
        files.push((Path::new("docs/completions").join(name), bytes));
    }
    files
}

/// The man page of `command` and of each of its subcommands
/// (`gongshi-new-village.1` and the like), as `clap_mangen::generate_to`
/// names them.
fn man_pages(command: &clap::Command, dir: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, dir, files);
    }
    // Subcommands carry no version: every page names gongshi's.
    let man = clap_mangen::Man::new(command.clone())
        .source(format!("gongshi {}", env!("CARGO_PKG_VERSION")));
    let mut bytes = Vec::new();
    man.render(&mut bytes).expect("render a man page");
    files.push((dir.join(man.get_filename()), bytes));
}

/// The files directly in `dir` (relative to the repository), sorted.
fn files_in(root: &Path, dir: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| Path::new(dir).join(e.file_name()))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn man_pages_and_completions_match_the_command_line() {
    let root = example_root();
    let files = generated();
    let bless = std::env::var_os("GONGSHI_BLESS").is_some();
    let mut stale = Vec::new();
    for (path, bytes) in &files {
        let full = root.join(path);
        if std::fs::read(&full).ok().as_deref() == Some(bytes.as_slice()) {
            continue;
        }
        if bless {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, bytes).unwrap();
        } else {
            stale.push(format!("{} differs from the command line", path.display()));
        }
    }
    // A removed command must not leave its page behind.
    let dirs = MAN_LANGS
        .iter()
        .map(|(_, dir)| *dir)
        .chain(["docs/completions"]);
    for leftover in dirs
        .flat_map(|dir| files_in(&root, dir))
        .filter(|found| !files.iter().any(|(path, _)| path == found))
    {
        if bless {
            std::fs::remove_file(root.join(&leftover)).unwrap();
        } else {
            stale.push(format!("{} is no command's any more", leftover.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: {REGENERATE}",
        stale.join("\n")
    );
}

#[test]
fn every_command_has_a_man_page_in_english_and_chinese() {
    let names: Vec<String> = generated()
        .into_iter()
        .map(|(path, _)| path.display().to_string())
        .collect();
    for page in [
        "docs/man/gongshi.1",
        "docs/man/gongshi-build.1",
        "docs/man/gongshi-new-village.1",
        "docs/man/zh_CN/gongshi.1",
        "docs/man/zh_CN/gongshi-init.1",
    ] {
        assert!(names.iter().any(|n| n == page), "{page} in {names:?}");
    }
    let chinese = generated()
        .into_iter()
        .find(|(path, _)| path == Path::new("docs/man/zh_CN/gongshi-init.1"))
        .unwrap()
        .1;
    let chinese = String::from_utf8(chinese).unwrap();
    assert!(
        chinese.contains(gongshi::messages::text_in(Lang::Zh, "cli.command.init")),
        "{chinese}"
    );
}
