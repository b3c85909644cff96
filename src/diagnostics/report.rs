//! Diagnostics as text: `path:line:column: error|warning: message`, the
//! source line, a caret under the place, and a hint.
//!
//! Carets are placed by display width (Han characters take two columns,
//! Tibetan vowel signs and subjoined letters none), and the numeric column
//! is always printed too, since Windows consoles may draw Tibetan badly.
//!
//! Nothing of the input reaches the terminal as a control character: in
//! paths, messages, hints and source lines, control and format characters
//! are shown as Rust escapes (`\u{1b}`), see [`shown`].

use std::borrow::Cow;
use std::fmt::Write;

use unicode_width::UnicodeWidthChar;

use super::{At, Located, Severity, Sources};
use crate::messages::{fill_count, say};

/// Tabs are shown as this many spaces.
const TAB_WIDTH: usize = 4;

/// The full text of one diagnostic, ending with a newline.
pub fn render(located: &Located<'_>, sources: &Sources) -> String {
    let d = located.diagnostic;
    let label = label(d.severity());
    let mut out = format!(
        "{}:{}:{}: {label}: {}\n",
        shown(located.path),
        located.line,
        located.column,
        shown(&d.problem.to_string())
    );
    let line_text = match d.at {
        At::File => None,
        _ => sources.get(d.file).line(located.line),
    };
    let gutter = located.line.to_string().len();
    if let Some(text) = line_text {
        let (shown, caret_at, caret_len) = snippet(text, located.column);
        let _ = writeln!(out, "{:gutter$} |", "");
        let _ = writeln!(out, "{} | {}", located.line, shown.trim_end());
        let _ = writeln!(
            out,
            "{:gutter$} | {}{}",
            "",
            " ".repeat(caret_at),
            "^".repeat(caret_len.max(1))
        );
    }
    if let Some(hint) = d.problem.hint() {
        let _ = writeln!(
            out,
            "{:gutter$} = {}: {}",
            "",
            say!("report.hint"),
            shown(&hint)
        );
    }
    out
}

/// `error` or `warning` (错误, 警告) in the messages' language.
pub fn label(severity: Severity) -> String {
    match severity {
        Severity::Error => say!("report.error"),
        Severity::Warning => say!("report.warning"),
    }
}

/// The one-line summary: `2 errors, 5 warnings in 3 files`.
pub fn summary(errors: usize, warnings: usize, files_with_problems: usize, files: usize) -> String {
    if errors == 0 && warnings == 0 {
        return fill_count("report.no_problems", files, &[]);
    }
    say!(
        "report.summary",
        errors = fill_count("report.errors", errors, &[]),
        warnings = fill_count("report.warnings", warnings, &[]),
        files = fill_count("report.files", files_with_problems, &[]),
    )
}

/// `text` with every control character but the tab, and every format
/// character (zero-width, bidirectional), written as a Rust escape such as
/// `\u{1b}`: a terminal would act on the one and hide the other. Borrowed
/// when there is none, as nearly always.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_shown(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `c` as [`shown`] writes it.
fn push_shown(out: &mut String, c: char) {
    if escaped(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// Whether [`shown`] writes `c` as an escape.
fn escaped(c: char) -> bool {
    (c.is_control() && c != '\t') || crate::chars::is_format(c)
}

/// How many columns `c` takes in a shown line (a tab: up to the next stop,
/// given by the caller; an escape: its length).
fn shown_width(c: char) -> usize {
    if escaped(c) {
        let hex_digits = (u32::BITS - u32::from(c).leading_zeros())
            .div_ceil(4)
            .max(1);
        "\\u{}".len() + hex_digits as usize
    } else {
        c.width().unwrap_or(0)
    }
}

/// The line with tabs expanded and control characters escaped, the
/// display column of `column` and the display width of the token that
/// starts there.
fn snippet(line: &str, column: usize) -> (String, usize, usize) {
    let mut out = String::with_capacity(line.len());
    let mut width = 0;
    let mut caret_at = None;
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if i + 1 == column {
            caret_at = Some(width);
        }
        if c == '\t' {
            let spaces = TAB_WIDTH - width % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
            width += spaces;
        } else {
            push_shown(&mut out, c);
            width += shown_width(c);
        }
    }
    let start = column.saturating_sub(1).min(chars.len());
    let token: usize = token_at(&chars[start..])
        .iter()
        .map(|&c| if c == '\t' { TAB_WIDTH } else { shown_width(c) })
        .sum();
    (out, caret_at.unwrap_or(width), token)
}

/// The token that starts a slice: a quoted string through its closing quote,
/// else up to the end of a plain scalar or key.
fn token_at(chars: &[char]) -> &[char] {
    match chars.first() {
        None => chars,
        Some(&q @ ('"' | '\'')) => {
            let end = chars[1..]
                .iter()
                .position(|&c| c == q)
                .map_or(chars.len(), |i| i + 2);
            &chars[..end]
        }
        Some(c) if c.is_whitespace() || matches!(c, '{' | '[') => &chars[..1],
        Some(_) => {
            let mut end = chars.len();
            for (i, &c) in chars.iter().enumerate() {
                let next = chars.get(i + 1).copied();
                let ends = matches!(c, ',' | '}' | ']' | '"' | '\'')
                    || (c == ':' && next.is_none_or(char::is_whitespace))
                    || c.is_whitespace();
                if ends {
                    end = i;
                    break;
                }
            }
            let mut token = &chars[..end];
            while token.len() > 1 && token.last().is_some_and(|c| c.is_whitespace()) {
                token = &token[..token.len() - 1];
            }
            token
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_follow_display_width() {
        let (shown, at, len) = snippet("  zh: 扎西岗村 # note", 7);
        assert_eq!(shown, "  zh: 扎西岗村 # note");
        assert_eq!(at, 6);
        assert_eq!(len, 8);
        let (_, at, len) = snippet("\tname: x", 2);
        assert_eq!((at, len), (4, 4));
        let (_, at, len) = snippet("  bo: \"བཀྲ་ཤིས།\"", 7);
        assert_eq!(at, 6);
        assert!(len >= 2, "a quoted Tibetan token is underlined");
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert!(matches!(shown("扎西 ཀ\t"), Cow::Borrowed(_)));
        assert_eq!(shown("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(
            shown("\u{0}\u{7f}\u{85}\r\n\u{200b}\u{202e}"),
            "\\u{0}\\u{7f}\\u{85}\\u{d}\\u{a}\\u{200b}\\u{202e}"
        );
        // The caret stays under its character when an escape widens the line.
        let (line, at, len) = snippet("  bo: \"ཀ\u{1b}[31m\"", 9);
        assert_eq!(line, "  bo: \"ཀ\\u{1b}[31m\"");
        assert_eq!(at, "  bo: \"ཀ".chars().count()); // display columns
        assert!(line.ends_with("ཀ\\u{1b}[31m\""));
        assert_eq!(len, "\\u{1b}[31m".len());
        let (line, at, _) = snippet("\u{200b}\u{1b}x: 1", 3);
        assert_eq!(line, "\\u{200b}\\u{1b}x: 1");
        assert_eq!(at, 14);
        assert!(!line.chars().any(|c| c.is_control()));
    }

    #[test]
    fn summary_counts_in_words() {
        assert_eq!(summary(2, 5, 3, 9), "2 errors, 5 warnings in 3 files");
        assert_eq!(summary(1, 0, 1, 9), "1 error, 0 warnings in 1 file");
        assert_eq!(summary(0, 0, 0, 1), "no problems in 1 file");
    }
}
