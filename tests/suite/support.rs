//! Helpers shared by the integration tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The folder of a fixture under `tests/fixtures/`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The repository root, which holds the example site.
pub(crate) fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `gongshi` with the given arguments, speaking English whatever the
/// machine's locale (tests of other languages set their own).
pub(crate) fn gongshi(args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("gongshi").expect("the binary is built");
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(args);
    cmd
}

/// Runs `gongshi`, returning exit code, stdout and stderr.
pub(crate) fn run(args: &[&str]) -> (i32, String, String) {
    outcome(gongshi(args))
}

/// Runs a prepared `gongshi` command, returning exit code, stdout and stderr.
pub(crate) fn outcome(mut command: Command) -> (i32, String, String) {
    let output = command.output().expect("gongshi runs");
    (
        output
            .status
            .code()
            .expect("exited normally, not by a signal"),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

/// Compares `actual` with the file `expected`, or rewrites the file when
/// `GONGSHI_BLESS` is set.
pub(crate) fn assert_matches_file(actual: &str, expected: &Path) {
    if std::env::var_os("GONGSHI_BLESS").is_some() {
        std::fs::write(expected, actual).expect("write expected output");
        return;
    }
    let wanted = std::fs::read_to_string(expected).unwrap_or_else(|e| {
        panic!(
            "read {}: {e} (run with GONGSHI_BLESS=1 to create it)",
            expected.display()
        )
    });
    if wanted != actual {
        let first = wanted
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| wanted.lines().count().min(actual.lines().count()));
        panic!(
            "output differs from {} at line {}:\n  expected: {:?}\n    actual: {:?}\n\n--- actual output ---\n{actual}",
            expected.display(),
            first + 1,
            wanted.lines().nth(first),
            actual.lines().nth(first),
        );
    }
}

/// A site in a temporary folder, built file by file.
pub(crate) struct TempSite {
    /// Keeps the folder alive.
    pub(crate) dir: tempfile::TempDir,
}

impl TempSite {
    /// A minimal valid site: settings, a calendar, one county and township.
    pub(crate) fn new() -> TempSite {
        let site = TempSite {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write(
            "content/site.yaml",
            "title: { bo: \"མངའ་རིས།\", zh: \"阿里公示\" }\nregion: { bo: \"མངའ་རིས་ས་ཁུལ།\", zh: \"阿里地区\" }\nbase_url: \"https://example.org/\"\nlanguages: [bo, zh]\n",
        );
        site.write(
            "content/calendar.yaml",
            "holidays:\n  - { start: 2021-01-01, end: 2021-01-03, name: { bo: \"སྤྱི་ལོའི་ལོ་གསར།\", zh: \"元旦\" } }\n",
        );
        site.write(
            "content/villages/gar/_index.yaml",
            "name: { bo: \"སྒར་རྫོང་།\", zh: \"噶尔县\" }\n",
        );
        site.write(
            "content/villages/gar/shiquanhe/_index.yaml",
            "name: { bo: \"སེང་གེ་ཁ་འབབ།\", zh: \"狮泉河镇\" }\n",
        );
        site
    }

    /// The site's root folder.
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (text) under the root, creating folders.
    pub(crate) fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    /// Writes a file (bytes) under the root, creating folders.
    pub(crate) fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folders");
        std::fs::write(path, bytes).expect("write file");
    }

    /// `gongshi check` on this site.
    pub(crate) fn check(&self, extra: &[&str]) -> (i32, String, String) {
        let root = self.root().to_str().expect("UTF-8 temp path").to_owned();
        let mut args = vec!["check", "--root", root.as_str()];
        args.extend_from_slice(extra);
        run(&args)
    }
}

/// Debian's headless Chromium with the flags this machine needs (no
/// sandbox as root, no GPU, no traffic to other hosts) and a fresh profile.
pub(crate) fn chromium(profile: &Path) -> std::process::Command {
    let mut command = std::process::Command::new("chromium");
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// Every file under `dir`, relative path (with `/`) to bytes.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}
