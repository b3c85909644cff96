//! Reading one YAML text into a typed value, or into the one problem that
//! stops it, placed as exactly as serde_yaml allows, with the usual typing
//! slips (a tab, a full-width colon or comma) recognised.

use serde::de::DeserializeOwned;

use super::codes::{spellings_of_kind, UNKNOWN_CODE};
use super::date::BAD_DATE;
use crate::diagnostics::{At, Problem};

/// Parses `text` (no byte-order mark) as `T`. On failure returns the first
/// problem and its line and column in `text`.
pub(crate) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, (At, Problem)> {
    crate::check::script::refuse_controls(text)?;
    if is_blank(text) {
        return Err((At::File, Problem::EmptyFile));
    }
    if let Some(at) = too_deep(text) {
        return Err((at, Problem::TooDeep(MAX_FLOW_DEPTH)));
    }
    serde_yaml::from_str(text).map_err(|err| translate(text, &err))
}

/// Deepest nesting of `[…]` and `{…}` accepted. Content needs about four;
/// libyaml takes quadratic time on deep nesting (100,000 levels: minutes).
const MAX_FLOW_DEPTH: usize = 32;

/// Where flow nesting first goes deeper than [`MAX_FLOW_DEPTH`], found in
/// one pass that skips quoted texts and comments.
fn too_deep(text: &str) -> Option<At> {
    let (mut depth, mut line, mut column) = (0usize, 1, 0);
    let mut quote: Option<char> = None;
    let mut previous = '\n';
    let mut comment = false;
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            (line, column, comment) = (line + 1, 0, false);
            if quote == Some('#') {
                quote = None;
            }
        } else if comment {
        } else if let Some(q) = quote {
            if c == q && previous != '\\' {
                quote = None;
            }
        } else {
            match c {
                '"' | '\''
                    if previous.is_whitespace() || matches!(previous, '[' | '{' | ',' | ':') =>
                {
                    quote = Some(c)
                }
                '#' if previous.is_whitespace() => comment = true,
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(At::Pos { line, column });
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        previous = c;
    }
    None
}

/// Whether a YAML text holds nothing but white space and comments.
fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
    })
}

fn translate(text: &str, err: &serde_yaml::Error) -> (At, Problem) {
    let (line, column) = err
        .location()
        .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
    let message = clean_message(&err.to_string());
    let at = At::Pos { line, column };
    if let Some(rest) = message.strip_prefix(UNKNOWN_CODE) {
        let (kind, value) = rest.split_once('\u{1}').unwrap_or((rest, ""));
        let kind = crate::content::codes::kind_name(kind);
        return (
            at,
            Problem::UnknownCode {
                kind,
                value: value.to_owned(),
                expected: spellings_of_kind(kind),
            },
        );
    }
    if let Some(rest) = message.strip_prefix(BAD_DATE) {
        let mut parts = rest.split('\u{1}');
        let mut next = || parts.next().unwrap_or("").to_owned();
        let (text, impossible, suggestion, month) = (next(), next(), next(), next());
        return (
            at,
            Problem::BadDate {
                text,
                impossible: Some(impossible).filter(|s| !s.is_empty()),
                suggestion: Some(suggestion).filter(|s| !s.is_empty()),
                month_allowed: !month.is_empty(),
            },
        );
    }
    if let Some(slip) = find_slip(text, line) {
        return slip;
    }
    if let Some(at) = context_position(&err.to_string(), "while scanning a quoted scalar at line ")
    {
        return (
            at,
            Problem::Yaml("this quoted text has no closing quote".into()),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once('`') {
            return (
                at,
                Problem::UnknownField {
                    field: field.to_owned(),
                    expected: backquoted(expected),
                },
            );
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (at, Problem::MissingField(field.to_owned()));
    }
    if message.starts_with("recursion limit exceeded")
        || message.starts_with("repetition limit exceeded")
    {
        return (
            at,
            Problem::Yaml("too deeply nested or too many repeated aliases (`*name`): content files have no use for them".into()),
        );
    }
    (at, Problem::Yaml(friendly(&message)))
}

/// serde_yaml's message without its ` at line N column M` tail and without
/// the `notices[0].slug: ` path in front (the position says where).
fn clean_message(full: &str) -> String {
    let mut message = full;
    if let Some(i) = message.find(" at line ") {
        message = &message[..i];
    }
    if let Some((path, rest)) = message.split_once(": ") {
        let looks_like_path = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'));
        if looks_like_path {
            message = rest;
        }
    }
    message.to_owned()
}

/// The position libyaml gives after `context` (`… at line 3 column 9`).
fn context_position(full: &str, context: &str) -> Option<At> {
    let rest = &full[full.find(context)? + context.len()..];
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(At::Pos {
        line: line.parse().ok()?,
        column: column.parse().ok()?,
    })
}

/// Plainer words for the parser messages staff meet most.
fn friendly(message: &str) -> String {
    match message {
        "mapping values are not allowed in this context" => {
            "a `: ` inside a value: put the value in quotes".into()
        }
        "did not find expected key" => {
            "this line does not fit the indentation of the lines around it".into()
        }
        "EOF while parsing a value" => "the file ends where a value was expected".into(),
        m if m.starts_with("deserializing from YAML containing more than one document") => {
            "this file has more than one YAML document (`---` lines): keep one".into()
        }
        m => match m
            .strip_prefix("invalid type: ")
            .and_then(|r| r.split_once(", expected "))
        {
            Some((found, expected)) => {
                format!("{} is expected here, not {found}", plain_type(expected))
            }
            None => format!(
                "cannot read this YAML: {}",
                m.replace("expected u32", "expected a whole number")
                    .replace("expected u64", "expected a whole number")
            ),
        },
    }
}

fn plain_type(expected: &str) -> &str {
    match expected {
        "u32" | "u64" => "a whole number",
        "a boolean" => "`true` or `false`",
        "a sequence" => "a list",
        other => other,
    }
}

fn backquoted(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The first typing slip on or before `error_line`: a tab in the
/// indentation, or a full-width colon or comma where YAML needs an ASCII one
/// (after a key, or between items), never inside a text.
fn find_slip(text: &str, error_line: usize) -> Option<(At, Problem)> {
    for (index, line) in text.split('\n').take(error_line).enumerate() {
        let chars: Vec<char> = line.trim_end_matches('\r').chars().collect();
        let indent = chars
            .iter()
            .take_while(|c| matches!(c, ' ' | '\t' | '-'))
            .count();
        if let Some(tab) = chars[..indent].iter().position(|&c| c == '\t') {
            let at = At::Pos {
                line: index + 1,
                column: tab + 1,
            };
            return Some((at, Problem::TabIndent));
        }
        let mut quote = None;
        for (i, &c) in chars.iter().enumerate() {
            match (quote, c) {
                (None, '#') if i == 0 || chars[i - 1] == ' ' => break,
                (None, '"' | '\'') if is_value_start(&chars[..i]) => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '：') if ends_with_key(&chars[..i]) => {
                    return Some((
                        At::Pos {
                            line: index + 1,
                            column: i + 1,
                        },
                        Problem::FullWidthPunctuation(c),
                    ));
                }
                (None, '，')
                    if starts_with_key(&chars[i + 1..]) || quote_closed_before(&chars[..i]) =>
                {
                    return Some((
                        At::Pos {
                            line: index + 1,
                            column: i + 1,
                        },
                        Problem::FullWidthPunctuation(c),
                    ));
                }
                _ => {}
            }
        }
    }
    None
}

/// Whether a quote at this point opens a quoted scalar (after `: `, `- `,
/// `{`, `[`, `,` or at the start of the line).
fn is_value_start(before: &[char]) -> bool {
    let trimmed: Vec<&char> = before.iter().rev().skip_while(|c| **c == ' ').collect();
    matches!(trimmed.first(), None | Some(':' | '-' | '{' | '[' | ','))
}

fn ends_with_key(before: &[char]) -> bool {
    let trimmed: Vec<char> = before
        .iter()
        .rev()
        .skip_while(|c| **c == ' ')
        .copied()
        .collect();
    let key_len = trimmed
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
        .count();
    key_len > 0
        && trimmed[key_len..]
            .iter()
            .find(|c| **c != ' ')
            .is_none_or(|c| matches!(c, '-' | '{' | ',' | '，'))
}

fn starts_with_key(after: &[char]) -> bool {
    let rest: Vec<char> = after.iter().skip_while(|c| **c == ' ').copied().collect();
    let key_len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
        .count();
    key_len > 0 && matches!(rest.get(key_len), Some(':' | '：'))
}

fn quote_closed_before(before: &[char]) -> bool {
    matches!(before.iter().rev().find(|c| **c != ' '), Some('"' | '\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slip(text: &str) -> Option<(At, Problem)> {
        find_slip(text, usize::MAX)
    }

    #[test]
    fn finds_typing_slips_but_not_text() {
        assert_eq!(
            slip("name：\n  bo: x\n"),
            Some((
                At::Pos { line: 1, column: 5 },
                Problem::FullWidthPunctuation('：')
            ))
        );
        assert_eq!(
            slip("name: { bo: \"ཀ\"， zh: \"扎西\" }\n"),
            Some((
                At::Pos {
                    line: 1,
                    column: 16
                },
                Problem::FullWidthPunctuation('，')
            ))
        );
        assert_eq!(
            slip("kind: village\n\tname: x\n"),
            Some((At::Pos { line: 2, column: 1 }, Problem::TabIndent))
        );
        assert_eq!(slip("zh: 会议：明天，扎西\n"), None);
        assert_eq!(slip("zh: \"name：x\"\n"), None);
        assert_eq!(slip("# name：x\n"), None);
    }

    #[test]
    fn messages_lose_their_position_tail() {
        assert_eq!(
            clean_message("notices[0]: unknown field `x`, expected `a` at line 3 column 5"),
            "unknown field `x`, expected `a`"
        );
        assert_eq!(backquoted(", expected one of `a`, `b`"), vec!["a", "b"]);
    }
}
