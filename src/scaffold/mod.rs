//! `init` and `new`: the files a clerk starts from, checked before they
//! are written.
//!
//! Input: a folder and what the command line asked for. Output: new files
//! under that folder, or why none was written. What is written comes from
//! templates built into the binary (`src/scaffold/init/` for a new site,
//! `src/scaffold/new/` for a village, an area or an announcement), their
//! comments in Chinese, which the clerks read. Everything `new` would
//! write is first read and checked exactly as `check` reads and checks a
//! file at that place (`content::load_texts`, `check::run`,
//! `check::village`), so a name typed with a slip is refused with the
//! diagnostic it would get in the file, and nothing half-made is left.
//! A file is never written over: each is created only if it does not
//! exist.

mod init;
mod new;

pub use init::init;
pub use new::{new_announcement, new_area, new_village};

use std::path::Path;

use crate::diagnostics::{Diagnostics, Severity, Sources};
use crate::messages::say;

/// What a command wrote.
#[derive(Debug)]
pub struct Written {
    /// The files, relative to the folder it wrote in, with `/`.
    pub files: Vec<String>,
    /// Warnings about what was written, printed as `check` prints them
    /// (empty if there are none).
    pub warnings: String,
    /// What to do next, in the messages' language.
    pub next: String,
}

/// Why a command wrote nothing.
#[derive(Debug)]
pub enum Refused {
    /// What was asked cannot be done (a bad slug, a file that exists, an
    /// area that does not): the message and, where one helps, a hint.
    /// Exit status 1.
    Asked {
        /// What is wrong.
        message: String,
        /// How to put it right.
        hint: Option<String>,
    },
    /// What would be written has errors, reported as `check` reports them
    /// (with the summary line). Exit status 1.
    Problems(String),
    /// The command could not run (no `content/`, a file that cannot be
    /// written). Exit status 2.
    Failed(String),
}

impl Refused {
    /// What was asked cannot be done: `message`, and `hint` where one helps.
    pub(crate) fn asked(message: String, hint: Option<String>) -> Refused {
        Refused::Asked { message, hint }
    }
}

/// `template` with each `{{name}}` replaced by its value, in one pass (a
/// value is never searched for placeholders itself).
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let value = after.find("}}").and_then(|close| {
            let name = &after[..close];
            let value = values.iter().find(|(n, _)| *n == name)?.1;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` as a YAML double-quoted scalar that reads back as `text`: `\`
/// and `"` escaped, and every control or invisible format character
/// written as an escape (`\u200B`), so the file shows it and the checks
/// name it as they would in any file.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() || crate::chars::is_format(c) => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Every problem as `check` prints it, then the summary line.
fn report(diagnostics: &Diagnostics, sources: &Sources, files: usize) -> String {
    let located = diagnostics.resolved(sources);
    let mut out = String::new();
    for item in &located {
        out.push_str(&crate::diagnostics::render(item, sources));
        out.push('\n');
    }
    let mut paths: Vec<&str> = located.iter().map(|l| l.path).collect();
    paths.dedup();
    out.push_str(&crate::diagnostics::summary(
        diagnostics.count(Severity::Error),
        diagnostics.count(Severity::Warning),
        paths.len(),
        files,
    ));
    out.push('\n');
    out
}

/// Creates the file `rel` under `root` with `bytes`, and the folders
/// above it; never writes over a file (one that appeared meanwhile is
/// refused by the system, not replaced).
fn create(root: &Path, rel: &str, bytes: &[u8]) -> Result<(), Refused> {
    use std::io::Write;
    let path = root.join(rel);
    let failed = |path: &Path, why: std::io::Error| {
        Refused::Failed(say!(
            "output.cannot_write",
            path = path.display(),
            why = why
        ))
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            Refused::Failed(say!(
                "output.cannot_create",
                path = parent.display(),
                why = e
            ))
        })?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| failed(&path, e))?;
    file.write_all(bytes).map_err(|e| failed(&path, e))
}

/// Whether anything (a file, a folder, a broken link) is at `path`.
fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

#[cfg(test)]
mod tests {
    use super::{fill, quoted};

    #[test]
    fn fills_each_placeholder_once() {
        assert_eq!(
            fill("{{a}}-{{b}}-{{c}}-{{", &[("a", "{{b}}"), ("b", "2")]),
            "{{b}}-2-{{c}}-{{"
        );
    }

    #[test]
    fn a_quoted_value_reads_back_as_typed() {
        for text in [
            "扎西岗村",
            "བཀྲ་ཤིས།",
            "a \"b\" \\ c",
            "zero\u{200B}width",
            "esc\u{1b}ape\ttab\nline",
            "\u{feff}bom",
        ] {
            let yaml = format!("v: \"{}\"\n", quoted(text));
            let read: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(read["v"], text, "{yaml}");
            assert!(!yaml.contains('\u{200B}') && !yaml.contains('\u{1b}'));
        }
    }
}
