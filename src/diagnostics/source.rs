//! The content files of a run: every path, and the text of every file
//! but the villages without problems (those are read, checked and let go
//! one at a time).
//!
//! Diagnostics point into these texts by file and line, so each file is read
//! once, kept as written (a byte-order mark and CRLF line ends included), and
//! never changed: normalisation applies to parsed values, never to the source.
//! The one exception is made as it is read: an old Mac line end (a CR not
//! followed by LF) becomes LF, byte for byte, so that lines here are counted
//! as the YAML and Markdown parsers count them.

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub(crate) u32);

/// One content file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// The text as written (invalid UTF-8 replaced by U+FFFD), or empty
    /// when the file could not be read.
    pub text: String,
    /// For a Markdown file: the byte range of its YAML front matter in
    /// [`SourceFile::body`] and the number of lines before it.
    pub front_matter: Option<(std::ops::Range<usize>, usize)>,
}

impl SourceFile {
    /// The text without a leading byte-order mark: what parsers see.
    pub fn body(&self) -> &str {
        self.text.strip_prefix('\u{feff}').unwrap_or(&self.text)
    }

    /// Line `line` (counting from 1) without its line end, or `None` past the end.
    pub fn line(&self, line: usize) -> Option<&str> {
        let text = self.body();
        let raw = text.split('\n').nth(line.checked_sub(1)?)?;
        Some(raw.strip_suffix('\r').unwrap_or(raw))
    }

    /// Line and column (both from 1, the column in characters) of a byte offset
    /// into [`SourceFile::body`].
    pub fn position(&self, offset: usize) -> (usize, usize) {
        position_in(&self.text, offset)
    }
}

/// Line and column (both from 1, the column in characters) of a byte offset
/// into `text` without its byte-order mark.
pub(crate) fn position_in(text: &str, offset: usize) -> (usize, usize) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Every file read in one run, addressed by [`FileId`].
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Keeps a file and returns its id.
    pub fn add(&mut self, path: String, text: String) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 4 billion files"));
        self.files.push(SourceFile {
            path,
            text,
            front_matter: None,
        });
        id
    }

    /// Records where a Markdown file's front matter is.
    pub fn set_front_matter(
        &mut self,
        id: FileId,
        range: std::ops::Range<usize>,
        lines_before: usize,
    ) {
        self.files[id.0 as usize].front_matter = Some((range, lines_before));
    }

    /// Keeps the text of a file added before it was read.
    pub fn set_text(&mut self, id: FileId, text: String) {
        self.files[id.0 as usize].text = text;
    }

    /// The file behind an id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Every file, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    /// Number of files kept.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was kept.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_skip_the_bom_and_count_characters() {
        let file = SourceFile {
            path: "a.yaml".into(),
            text: "\u{feff}name: x\r\nzh: 扎西岗村 y\r\n".into(),
            front_matter: None,
        };
        assert_eq!(file.line(1), Some("name: x"));
        assert_eq!(file.line(2), Some("zh: 扎西岗村 y"));
        let body = file.body();
        let offset = body.find('y').unwrap();
        assert_eq!(file.position(offset), (2, 10));
        assert_eq!(file.position(0), (1, 1));
    }
}
