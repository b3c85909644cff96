//! Announcement files: YAML front matter between `---` lines, then Markdown.

use serde::Deserialize;

use super::date::Day;
use super::model::nfc;

/// The front matter as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "front matter: `title` and `date`")]
pub(crate) struct FrontMatter {
    pub(crate) title: String,
    pub(crate) date: Day,
    #[serde(default)]
    pub(crate) draft: bool,
    #[serde(default)]
    pub(crate) scope: Vec<String>,
}

impl FrontMatter {
    /// The title in NFC, as published.
    pub(crate) fn title(&self) -> String {
        nfc(&self.title)
    }
}

/// Where the front matter and the body are in a file's text (without its
/// byte-order mark): the YAML's byte range, the lines before it, and the
/// offset where the Markdown starts. `None` if the file does not open with
/// a `---` line closed by another.
pub(crate) fn split(text: &str) -> Option<(std::ops::Range<usize>, usize, usize)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end_matches('\r') != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare == "---" {
            return Some((yaml_start..offset, 1, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_with_crlf() {
        let text = "---\r\ntitle: x\r\ndate: 2021-01-10\r\n---\r\nBody\r\n";
        let (yaml, lines_before, body) = split(text).unwrap();
        assert_eq!(&text[yaml], "title: x\r\ndate: 2021-01-10\r\n");
        assert_eq!(lines_before, 1);
        assert_eq!(&text[body..], "Body\r\n");
        assert!(split("title: x\n").is_none());
        assert!(split("---\ntitle: x\n").is_none());
    }
}
