//! Diagnostics as text: `path:line:column: error|warning: message`, the
//! source line, a caret under the place, and a hint.
//!
//! Carets are placed by display width (Han characters take two columns,
//! Tibetan vowel signs and subjoined letters none), and the numeric column
//! is always printed too, since Windows consoles may draw Tibetan badly.

use std::fmt::Write;

use unicode_width::UnicodeWidthChar;

use super::{At, Located, Severity};
use crate::content::Sources;
use crate::messages::{fill_count, say};

/// Tabs are shown as this many spaces.
const TAB_WIDTH: usize = 4;

/// The full text of one diagnostic, ending with a newline.
pub fn render(located: &Located<'_>, sources: &Sources) -> String {
    let d = located.diagnostic;
    let label = match d.severity() {
        Severity::Error => say!("report.error"),
        Severity::Warning => say!("report.warning"),
    };
    let mut out = format!(
        "{}:{}:{}: {label}: {}\n",
        located.path, located.line, located.column, d.problem
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
        let _ = writeln!(out, "{:gutter$} = {}: {hint}", "", say!("report.hint"));
    }
    out
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

/// The line with tabs expanded, the display column of `column` and the
/// display width of the token that starts there.
fn snippet(line: &str, column: usize) -> (String, usize, usize) {
    let mut shown = String::with_capacity(line.len());
    let mut width = 0;
    let mut caret_at = None;
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if i + 1 == column {
            caret_at = Some(width);
        }
        if c == '\t' {
            let spaces = TAB_WIDTH - width % TAB_WIDTH;
            shown.extend(std::iter::repeat_n(' ', spaces));
            width += spaces;
        } else {
            shown.push(c);
            width += c.width().unwrap_or(0);
        }
    }
    let start = column.saturating_sub(1).min(chars.len());
    let token: usize = token_at(&chars[start..])
        .iter()
        .map(|c| {
            if *c == '\t' {
                TAB_WIDTH
            } else {
                c.width().unwrap_or(0)
            }
        })
        .sum();
    (shown, caret_at.unwrap_or(width), token)
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
    fn summary_counts_in_words() {
        assert_eq!(summary(2, 5, 3, 9), "2 errors, 5 warnings in 3 files");
        assert_eq!(summary(1, 0, 1, 9), "1 error, 0 warnings in 1 file");
        assert_eq!(summary(0, 0, 0, 1), "no problems in 1 file");
    }
}
