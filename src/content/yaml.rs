//! Reading one YAML text into a typed value, or into every problem that
//! stops it, each placed where the clerk made it.
//!
//! The happy path reads the text straight into its type, once. A text that
//! does not read is looked at again, in this order, and only the first
//! kind of problem found is reported: a syntax slip (a tab, a full-width
//! colon, an unclosed quote, a line indented unlike its neighbours, or
//! whatever the parser refuses), else every problem of meaning that the
//! walk of its value tree against the file's [`Shape`] finds, up to
//! [`MAX_PROBLEMS`].

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::codes::spellings_of_kind;
use super::encoded::{decode, Encoded};
use super::shape::{self, Found, Shape, Wrong};
use crate::diagnostics::problem::RenderProblem;
use crate::diagnostics::{At, NodePath, Problem, Seg};
use crate::messages::say;

/// The most problems reported for one file.
pub(crate) const MAX_PROBLEMS: usize = 50;

/// Why a text did not read.
#[derive(Debug)]
pub(crate) struct Unread {
    /// Every problem, each with its place.
    pub(crate) problems: Vec<(At, Problem)>,
    /// The value tree, when the text parsed as YAML.
    pub(crate) tree: Option<Value>,
    /// The nodes the problems of meaning are about (empty for a syntax slip).
    pub(crate) nodes: Vec<NodePath>,
}

impl Unread {
    fn one(at: At, problem: Problem) -> Unread {
        Unread {
            problems: vec![(at, problem)],
            tree: None,
            nodes: Vec::new(),
        }
    }
}

/// Parses `text` (no byte-order mark) as `T`, whose file has `shape`.
pub(crate) fn parse<T: DeserializeOwned>(text: &str, shape: &Shape) -> Result<T, Unread> {
    // The parser refuses a raw control character without saying where.
    if let Err((at, problem)) = refuse_controls(text) {
        return Err(Unread::one(at, problem));
    }
    if is_blank(text) {
        return Err(Unread::one(At::File, Problem::EmptyFile));
    }
    if let Some(at) = too_deep(text) {
        return Err(Unread::one(at, Problem::TooDeep(MAX_FLOW_DEPTH)));
    }
    serde_yaml::from_str(text).map_err(|err| explain(text, &err, shape))
}

/// Every problem of a text that did not read, syntax before meaning.
fn explain(text: &str, first: &serde_yaml::Error, shape: &Shape) -> Unread {
    let tree = match serde_yaml::from_str::<Value>(text) {
        Ok(tree) => tree,
        Err(err) => {
            let (at, problem) = syntax(text, &err);
            return Unread::one(at, problem);
        }
    };
    // A line indented unlike its neighbours may still parse, into a
    // structure the clerk did not mean: it is the problem to report.
    if let Some((at, problem)) = indentation_slip(text, usize::MAX) {
        return Unread::one(at, problem);
    }
    let found = shape::walk(&tree, shape, MAX_PROBLEMS);
    if found.is_empty() {
        // The shape saw nothing its type refuses; say what the type said.
        let (at, problem) = translate(text, first);
        return Unread::one(at, problem);
    }
    let problems = found.iter().map(|f| placed(text, &tree, f)).collect();
    Unread {
        problems,
        nodes: found.into_iter().map(|f| f.path).collect(),
        tree: Some(tree),
    }
}

/// A problem found by the walk, with its place.
fn placed(text: &str, tree: &Value, found: &Found) -> (At, Problem) {
    let path = &found.path;
    match &found.wrong {
        Wrong::Value(message) => (At::value(path.clone()), problem_of(message)),
        Wrong::UnknownField { field, expected } => {
            let at = crate::diagnostics::locate::locate_key(text, path, field).map_or_else(
                || At::value(path.clone()),
                |(line, column)| At::Pos { line, column },
            );
            let problem = Problem::UnknownField {
                field: field.clone(),
                expected: expected.iter().map(|s| (*s).to_owned()).collect(),
            };
            (at, problem)
        }
        Wrong::MissingField(field) => (
            head_of(tree, path),
            Problem::MissingField((*field).to_owned()),
        ),
    }
}

/// Where a problem about a whole mapping is shown: at its `name:` or
/// `slug:` key (a person, a notice, a village), else at the mapping.
fn head_of(tree: &Value, path: &NodePath) -> At {
    let node = path.iter().try_fold(tree, |node, seg| match seg {
        Seg::Key(key) => node.get(key),
        Seg::Index(index) => node.get(index),
    });
    let head = ["name", "slug", "title"]
        .into_iter()
        .find(|key| node.is_some_and(|n| n.get(key).is_some()));
    match head {
        Some(key) => {
            let mut at = path.clone();
            at.push(Seg::Key(key));
            At::key(at)
        }
        None if path.is_empty() => At::File,
        None => At::value(path.clone()),
    }
}

/// A syntax error, placed where the slip is rather than where the parser
/// gave up.
fn syntax(text: &str, err: &serde_yaml::Error) -> (At, Problem) {
    let line = err.location().map_or(usize::MAX, |l| l.line().max(1));
    if let Some(slip) = find_slip(text, line) {
        return slip;
    }
    if let Some(slip) = unclosed_quote(text, line) {
        return slip;
    }
    if let Some(slip) = indentation_slip(text, line) {
        return slip;
    }
    translate(text, err)
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

/// Whether a YAML text holds nothing but white space and comments. Any of
/// LF, CRLF or a lone CR ends a line, as for the YAML parser.
fn is_blank(text: &str) -> bool {
    text.split(['\n', '\r']).all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
    })
}

/// A parser error as a problem, at the parser's position (or at the slip
/// behind it).
fn translate(text: &str, err: &serde_yaml::Error) -> (At, Problem) {
    let (line, column) = err
        .location()
        .map(|l| (l.line().max(1), l.column().max(1)))
        .or_else(|| first_anchor(text))
        .unwrap_or((1, 1));
    let at = At::Pos { line, column };
    if let Some(encoded) = decode(&err.to_string()) {
        return (at, decoded(encoded));
    }
    if let Some(slip) = find_slip(text, line) {
        return slip;
    }
    if let Some(at) = context_position(&err.to_string(), "while scanning a quoted scalar at line ")
    {
        return (at, Problem::UnclosedQuote('"'));
    }
    // An unclosed `[` or `{` is reported where it opens, not where the
    // parser gave up looking for its end.
    for (context, bracket) in [
        ("while parsing a flow sequence at line ", "["),
        ("while parsing a flow mapping at line ", "{"),
    ] {
        if let Some(at) = context_position(&err.to_string(), context) {
            return (
                at,
                Problem::Yaml(say!("yaml.unclosed_bracket", bracket = bracket)),
            );
        }
    }
    (at, problem_of(&err.to_string()))
}

/// The problem a value's deserializer encoded.
fn decoded(encoded: Encoded) -> Problem {
    match encoded {
        Encoded::UnknownCode { kind, value } => {
            let kind = crate::content::codes::kind_name(&kind);
            Problem::UnknownCode {
                kind,
                value,
                expected: spellings_of_kind(kind),
            }
        }
        Encoded::BadDate {
            text,
            impossible,
            suggestion,
            month_allowed,
        } => Problem::BadDate {
            text,
            impossible,
            suggestion,
            month_allowed,
        },
    }
}

/// The problem a reader's message stands for.
fn problem_of(full: &str) -> Problem {
    if let Some(encoded) = decode(full) {
        return decoded(encoded);
    }
    let message = clean_message(full);
    let message = message.as_str();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once('`') {
            return Problem::UnknownField {
                field: field.to_owned(),
                expected: backquoted(expected),
            };
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return Problem::MissingField(field.to_owned());
    }
    if message.starts_with("recursion limit exceeded")
        || message.starts_with("repetition limit exceeded")
    {
        return Problem::Yaml(say!("yaml.aliases"));
    }
    Problem::Yaml(friendly(message))
}

/// Where the first anchor (`&name`) is defined: the parser gives no place
/// for a limit that aliases exceed, and the anchor is where they start.
fn first_anchor(text: &str) -> Option<(usize, usize)> {
    text.split('\n').enumerate().find_map(|(index, line)| {
        let chars: Vec<char> = line.chars().collect();
        (0..chars.len())
            .find(|&i| {
                chars[i] == '&'
                    && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())
                    && (i == 0 || matches!(chars[i - 1], ' ' | '[' | ',' | '{'))
            })
            .map(|i| (index + 1, i + 1))
    })
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
        "mapping values are not allowed in this context" => say!("yaml.colon_in_value"),
        "did not find expected key" => say!("yaml.indentation"),
        "EOF while parsing a value" | "found unexpected end of stream" => say!("yaml.ends_early"),
        "did not find expected '-' indicator" => say!("yaml.indentation"),
        "found character that cannot start any token" => say!("yaml.reserved_start"),
        "unknown anchor" => say!("yaml.unknown_anchor"),
        m if m.starts_with("deserializing from YAML containing more than one document") => {
            say!("yaml.documents")
        }
        m if m.starts_with("did not find expected ',' or ']'") => {
            say!("yaml.unclosed_bracket", bracket = "[")
        }
        m if m.starts_with("did not find expected ',' or '}'") => {
            say!("yaml.unclosed_bracket", bracket = "{")
        }
        m if m.starts_with("duplicate entry with key ") => {
            say!(
                "yaml.duplicate_key",
                key = m["duplicate entry with key ".len()..].trim_matches('"')
            )
        }
        m => match m
            .strip_prefix("invalid type: ")
            .and_then(|r| r.split_once(", expected "))
        {
            Some((found, expected)) => say!(
                "yaml.wrong_type",
                expected = plain_type(expected),
                found = plain_type(found)
            ),
            None => say!("yaml.other", message = m),
        },
    }
}

/// A type as the reader names it, in plain words where there are some.
fn plain_type(name: &str) -> String {
    let key = match name {
        "u32" | "u64" | "i64" => "yaml.type.number",
        "a boolean" => "yaml.type.boolean",
        "a sequence" | "sequence" => "yaml.type.list",
        "map" | "a map" => "yaml.type.mapping",
        "unit value" => "yaml.type.nothing",
        other if other.starts_with("string ") => {
            return say!("yaml.type.text", text = &other["string ".len()..]);
        }
        other if other.starts_with("integer ") => {
            return say!(
                "yaml.type.number_value",
                number = &other["integer ".len()..]
            );
        }
        other => return other.to_owned(),
    };
    say!(key)
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

/// The first line, up to `error_line`, with a quoted text opened and not
/// closed on that line: where the clerk forgot the closing quote. (The
/// parser reads on to the next quote, often lines further down.)
fn unclosed_quote(text: &str, error_line: usize) -> Option<(At, Problem)> {
    for (index, line) in text.split('\n').take(error_line).enumerate() {
        let chars: Vec<char> = line.trim_end_matches('\r').chars().collect();
        let mut open: Option<(char, usize)> = None;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match open {
                None if c == '#' && (i == 0 || chars[i - 1] == ' ') => break,
                None if matches!(c, '"' | '\'') && is_value_start(&chars[..i]) => {
                    open = Some((c, i))
                }
                Some(('"', _)) if c == '\\' => i += 1,
                Some(('\'', _)) if c == '\'' && chars.get(i + 1) == Some(&'\'') => i += 1,
                Some((q, _)) if c == q => open = None,
                _ => {}
            }
            i += 1;
        }
        if let Some((quote, column)) = open {
            let at = At::Pos {
                line: index + 1,
                column: column + 1,
            };
            return Some((at, Problem::UnclosedQuote(quote)));
        }
    }
    None
}

/// One open block level of the indentation walk.
#[derive(Clone, Copy)]
struct Level {
    indent: usize,
    /// Whether it holds `- ` items (a key at its indent ends the list).
    items: bool,
}

/// The first line, up to `last_line`, indented unlike the lines around it:
/// deeper than its siblings though the line above opens nothing, or
/// between two levels. Block scalars (`|`, `>`), texts and `{…}`/`[…]`
/// that span lines, comments and blank lines are passed over.
fn indentation_slip(text: &str, last_line: usize) -> Option<(At, Problem)> {
    let mut levels: Vec<Level> = Vec::new();
    let mut opens = true;
    let mut block_scalar: Option<usize> = None;
    let mut carry = Carry::default();
    for (index, line) in text.split('\n').take(last_line).enumerate() {
        let line = line.trim_end_matches('\r');
        let rest = line.trim_start_matches(' ');
        let indent = line.len() - rest.len();
        if let Some(key_indent) = block_scalar {
            if rest.is_empty() || indent > key_indent {
                continue;
            }
            block_scalar = None;
        }
        if carry.is_open() {
            carry = carry.scan(rest);
            continue;
        }
        if rest.is_empty() || rest.starts_with('#') || rest == "---" || rest == "..." {
            continue;
        }
        if rest.starts_with('\t') {
            return None;
        }
        let item = rest == "-" || rest.starts_with("- ");
        let slip = |want: usize| {
            let at = At::Pos {
                line: index + 1,
                column: indent + 1,
            };
            Some((at, Problem::Indentation { have: indent, want }))
        };
        match levels.last().copied() {
            None => levels.push(Level {
                indent,
                items: item,
            }),
            Some(top) if indent > top.indent => {
                if opens {
                    levels.push(Level {
                        indent,
                        items: item,
                    });
                } else if item || starts_with_key(&rest.chars().collect::<Vec<_>>()) {
                    return slip(top.indent);
                } else {
                    // A plain text going on over lines.
                    continue;
                }
            }
            Some(top) if indent < top.indent => {
                let mut inner = top;
                while levels.last().is_some_and(|l| l.indent > indent) {
                    inner = levels.pop().unwrap_or(inner);
                }
                match levels.last() {
                    Some(l) if l.indent == indent && (item || !l.items) => {}
                    _ => return slip(inner.indent),
                }
            }
            Some(top) if top.items && !item => {
                // A key where the list's items start: it belongs to an item.
                return slip(indent + 2);
            }
            Some(_) => {}
        }
        // `- ` opens a level for the item's own fields.
        let mut content_indent = indent;
        let mut content = rest;
        while content == "-" || content.starts_with("- ") {
            let after = content[1..].trim_start_matches(' ');
            content_indent += content.len() - after.len();
            content = after;
            if !content.is_empty() {
                levels.push(Level {
                    indent: content_indent,
                    items: content.starts_with("- "),
                });
            }
        }
        let body = strip_comment(content);
        carry = Carry::default().scan(body);
        opens = body.is_empty() || body.ends_with(':');
        if is_block_scalar(body) {
            block_scalar = Some(content_indent);
        }
    }
    None
}

/// A quoted text or a flow collection still open at the end of a line.
#[derive(Default, Clone, Copy)]
struct Carry {
    quote: Option<char>,
    depth: usize,
}

impl Carry {
    fn is_open(self) -> bool {
        self.quote.is_some() || self.depth > 0
    }

    /// The state after one more line.
    fn scan(mut self, line: &str) -> Carry {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match self.quote {
                Some('"') if c == '\\' => i += 1,
                Some('\'') if c == '\'' && chars.get(i + 1) == Some(&'\'') => i += 1,
                Some(q) if c == q => self.quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' if is_value_start(&chars[..i]) => self.quote = Some(c),
                    '#' if i == 0 || chars[i - 1] == ' ' => break,
                    '[' | '{' => self.depth += 1,
                    ']' | '}' => self.depth = self.depth.saturating_sub(1),
                    _ => {}
                },
            }
            i += 1;
        }
        self
    }
}

/// A line without its trailing comment (outside quotes), trimmed.
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'') => quote = Some(c),
            None if c == '#' && previous == ' ' => return line[..i].trim_end(),
            None => {}
        }
        previous = c;
    }
    line.trim_end()
}

/// Whether a line's value is a block scalar indicator (`key: |`, `>-`, `|2`).
fn is_block_scalar(body: &str) -> bool {
    let value = body.rsplit_once(": ").map_or(body, |(_, v)| v).trim();
    let mut chars = value.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| matches!(c, '+' | '-') || c.is_ascii_digit())
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

/// Refuses a YAML text with a control character (other than tab, LF and
/// CR) in it, placed at the first one: the YAML parser would stop there
/// with no useful place, and a terminal would act on it if shown.
fn refuse_controls(text: &str) -> Result<(), (At, Problem)> {
    // Bytes below 0x20 and 0x7F are C0 and DEL; 0xC2 0x80–0x9F is C1.
    // A first pass without branches (which the compiler can vectorise)
    // tells the files that have none, nearly all.
    let bytes = text.as_bytes();
    let suspect =
        |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) | (b == 0x7F) | (b == 0xC2);
    if !bytes
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |any, &b| any | suspect(b)))
    {
        return Ok(());
    }
    let found = bytes.iter().enumerate().find_map(|(i, &b)| {
        let control = (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7F
            || (b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..0xA0).contains(n)));
        control.then_some(i)
    });
    match found {
        None => Ok(()),
        Some(offset) => {
            let c = text[offset..].chars().next().unwrap_or('\u{0}');
            let (line, column) = crate::diagnostics::position_in(text, offset);
            Err((
                At::Pos { line, column },
                Problem::Render(RenderProblem::Control(c)),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_text_is_blank_whatever_its_line_ends() {
        for end in ["\n", "\r\n", "\r"] {
            let comment = format!("# 扎西岗村{end}{end}---{end}");
            assert!(is_blank(&comment), "{end:?}");
            let village = format!("{comment}name: x{end}");
            assert!(!is_blank(&village), "{end:?}");
        }
    }

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
    fn unclosed_quotes_are_found_at_their_opening_quote() {
        let text = "name: { bo: \"ཀ\", zh: \"尼玛次仁 }\nkind: village\nnotices: []\n";
        assert_eq!(
            unclosed_quote(text, 9),
            Some((
                At::Pos {
                    line: 1,
                    column: 22
                },
                Problem::UnclosedQuote('"')
            ))
        );
        assert_eq!(unclosed_quote("a: \"x \\\" y\"\nb: 'it''s'\n", 9), None);
        assert_eq!(unclosed_quote("a: x # \"\n", 9), None);
    }

    #[test]
    fn indentation_slips_are_found_at_their_line() {
        let person =
            "notices:\n  - slug: a\n    candidates:\n      - name: x\n        gender: female\n";
        let deeper = format!("{person}          born: 1990-03\n        party: member\n");
        assert_eq!(
            indentation_slip(&deeper, usize::MAX),
            Some((
                At::Pos {
                    line: 6,
                    column: 11
                },
                Problem::Indentation { have: 10, want: 8 }
            ))
        );
        let shallower = format!("{person}       born: 1990-03\n");
        assert_eq!(
            indentation_slip(&shallower, usize::MAX),
            Some((
                At::Pos { line: 6, column: 8 },
                Problem::Indentation { have: 7, want: 8 }
            ))
        );
        let at_items = format!("{person}      born: 1990-03\n");
        assert_eq!(
            indentation_slip(&at_items, usize::MAX),
            Some((
                At::Pos { line: 6, column: 7 },
                Problem::Indentation { have: 6, want: 8 }
            ))
        );
        let fine = format!(
            "{person}        note: |\n          any\n            text\n        x: {{ a: 1,\n   b: 2 }}\n        zh: a long\n          text\n  - slug: b\nkind: v\nlist:\n- a\n- b\n"
        );
        assert_eq!(indentation_slip(&fine, usize::MAX), None);
    }

    #[test]
    fn messages_lose_their_position_tail() {
        assert_eq!(
            clean_message("notices[0]: unknown field `x`, expected `a` at line 3 column 5"),
            "unknown field `x`, expected `a`"
        );
        assert_eq!(backquoted(", expected one of `a`, `b`"), vec!["a", "b"]);
    }

    #[test]
    fn controls_stop_yaml_at_their_place() {
        assert_eq!(refuse_controls("name: x\n\tkind: y\r\n"), Ok(()));
        assert_eq!(
            refuse_controls("a: \u{85}x"),
            Err((
                At::Pos { line: 1, column: 4 },
                Problem::Render(RenderProblem::Control('\u{85}'))
            ))
        );
        assert_eq!(
            refuse_controls("name: { bo: \"ཀ\", zh: 甲 }\nnote: \"ཀཁ\u{1B}[31m\"\n"),
            Err((
                At::Pos {
                    line: 2,
                    column: 10
                },
                Problem::Render(RenderProblem::Control('\u{1B}'))
            ))
        );
        assert!(refuse_controls("\u{7F}").is_err());
        assert!(refuse_controls("\u{0}").is_err());
        assert_eq!(refuse_controls("\u{A0}\u{C0}\u{200B}"), Ok(())); // 0xC2 0xA0, 0xC3 0x80
    }

    #[test]
    fn refusing_controls_never_panics() {
        let block: String = ('\u{0F00}'..='\u{0FFF}').collect();
        assert_eq!(refuse_controls(&block), Ok(()));
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..500 {
            let bytes: Vec<u8> = (0..64)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect();
            let _ = refuse_controls(&String::from_utf8_lossy(&bytes));
        }
    }
}
