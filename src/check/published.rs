//! What a text is published as, for the privacy guard: Markdown as the
//! text it renders to (with every link target, title, image source and
//! alt text), and the comments of a YAML file as written.
//!
//! Values reach the guard already decoded (the model holds what YAML
//! read); this module adds the two things the model does not hold as
//! text: the rendering of Markdown, and comments.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::privacy::{may_hold_number, Finding, Scanner};

/// Every personal number in the text `markdown` renders to (as
/// `render::markdown` renders it: CommonMark and tables), each at the byte
/// offset in `markdown` of the character it starts at (of the construct
/// it came from, for a decoded character reference).
///
/// Inline markup (emphasis, code spans, link texts) joins the text around
/// it, as a reader sees it; a line break, a table cell or a block ends a
/// number. Link targets (percent-decoded, as a browser dials a `tel:`
/// link), titles, image sources and alt texts are texts of their own; a
/// reference link's target is read once, at its definition, whether used
/// or not.
pub(super) fn markdown_numbers(markdown: &str) -> Vec<Finding> {
    // Rendering adds no digit but through a character reference (`&#49;`)
    // or, in a link, a percent escape (`%31`).
    if !may_hold_number(markdown) && !markdown.contains(['&', '%']) {
        return Vec::new();
    }
    let mut text = Scanner::new();
    let mut side = Scanner::new();
    let mut images = 0usize;
    let parser = Parser::new_ext(markdown, crate::markdown::options()).into_offset_iter();
    for (_, definition) in parser.reference_definitions().iter() {
        attribute(&mut side, definition.span.start, &definition.dest, true);
        if let Some(title) = &definition.title {
            attribute(&mut side, definition.span.start, title, false);
        }
    }
    for (event, range) in parser {
        let scanner = if images > 0 { &mut side } else { &mut text };
        match event {
            Event::Text(t)
            | Event::Code(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::FootnoteReference(t) => {
                push_event(scanner, markdown, range, &t);
            }
            Event::Start(
                Tag::Link {
                    link_type,
                    ref dest_url,
                    ref title,
                    ..
                }
                | Tag::Image {
                    link_type,
                    ref dest_url,
                    ref title,
                    ..
                },
            ) => {
                if !by_reference(link_type) {
                    attribute(&mut side, range.start, dest_url, true);
                    attribute(&mut side, range.start, title, false);
                }
                if matches!(event, Event::Start(Tag::Image { .. })) {
                    // The alt text is an attribute: a text of its own.
                    side.boundary();
                    images += 1;
                }
            }
            Event::End(TagEnd::Image) => {
                side.boundary();
                images = images.saturating_sub(1);
            }
            Event::Start(tag) if is_inline(&tag.to_end()) => {}
            Event::End(end) if is_inline(&end) => {}
            Event::Start(_)
            | Event::End(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Rule
            | Event::TaskListMarker(_) => scanner.boundary(),
        }
    }
    let mut found = text.take();
    found.extend(side.take());
    found.sort_by_key(|f| (f.start, f.kind));
    found
}

/// Whether a link or image takes its target from a definition.
fn by_reference(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Reference
            | LinkType::ReferenceUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
            | LinkType::Shortcut
            | LinkType::ShortcutUnknown
    )
}

/// Whether a tag's content flows on with the text around it.
fn is_inline(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
    )
}

/// Pushes the text of an event: at its own place when it is the source
/// as written, else every character at the start of its construct.
fn push_event(scanner: &mut Scanner, markdown: &str, range: Range<usize>, text: &str) {
    if markdown.get(range.clone()) == Some(text) {
        scanner.push_str(range.start, text);
    } else {
        scanner.push_str_at(range.start, text);
    }
}

/// Reads a link target (`url`, percent-decoded) or title as a text of its
/// own, placed at `at`.
fn attribute(scanner: &mut Scanner, at: usize, text: &str, url: bool) {
    scanner.boundary();
    if url && text.contains('%') {
        scanner.push_str_at(at, &percent_decoded(text));
    } else {
        scanner.push_str_at(at, text);
    }
    scanner.boundary();
}

/// `url` with its `%XX` escapes decoded (as UTF-8, lossily).
fn percent_decoded(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if let (b'%', Some(&hi), Some(&lo)) = (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            if let (Some(hi), Some(lo)) = (hex(hi), hex(lo)) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Byte ranges of the comments of a YAML text that parsed, each from its
/// `#` to the end of its line (line end excluded).
///
/// A light lexer, enough for a text the parser accepted: it knows quoted
/// scalars (over several lines, with their escapes), block scalars (whose
/// lines are text, not comments), flow collections and plain scalars (a
/// `#` is a comment only at the start of a line or after white space).
#[cfg(test)]
fn yaml_comments(yaml: &str) -> Vec<Range<usize>> {
    comments_until(yaml, yaml.len())
}

/// The comments of `yaml` that start at or before byte `last`.
fn comments_until(yaml: &str, last: usize) -> Vec<Range<usize>> {
    let mut comments = Vec::new();
    let mut lexer = Lexer::default();
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        if offset > last {
            break;
        }
        let bare = line.trim_end_matches(['\n', '\r']);
        if let Some(start) = lexer.line(bare) {
            comments.push(offset + start..offset + bare.len());
        }
        offset += line.len();
    }
    comments
}

/// The comments of `yaml` that may hold a personal number (11 digits or
/// more). Nearly every file has none: then no line is lexed, and
/// otherwise only the lines up to the last such `#`.
pub(super) fn yaml_comments_with_digits(yaml: &str) -> Vec<Range<usize>> {
    let last = yaml
        .rmatch_indices('#')
        .find(|&(at, _)| {
            let rest = &yaml[at..];
            may_hold_number(&rest[..rest.find('\n').unwrap_or(rest.len())])
        })
        .map(|(at, _)| at);
    let Some(last) = last else {
        return Vec::new();
    };
    comments_until(yaml, last)
        .into_iter()
        .filter(|range| may_hold_number(&yaml[range.clone()]))
        .collect()
}

/// Where the lexer is between lines.
#[derive(Default)]
struct Lexer {
    /// Inside a quoted scalar opened by this quote.
    quote: Option<u8>,
    /// Inside a block scalar: its parent's indentation, and its content's
    /// once known.
    block: Option<(usize, Option<usize>)>,
    /// Depth of `[`/`{`.
    flow: usize,
}

impl Lexer {
    /// Reads one line (without its line end); the byte offset of its
    /// comment, if it has one.
    fn line(&mut self, line: &str) -> Option<usize> {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        if let Some((parent, content)) = self.block {
            let blank = line.trim().is_empty();
            match content {
                _ if blank => return None,
                Some(content) if indent >= content => return None,
                None if indent > parent => {
                    self.block = Some((parent, Some(indent)));
                    return None;
                }
                _ => self.block = None,
            }
        }
        let mut i = 0;
        if let Some(quote) = self.quote {
            match close_quote(bytes, 0, quote) {
                Some(end) => {
                    self.quote = None;
                    i = end;
                }
                None => return None,
            }
        }
        // A line with none of these changes nothing and holds no comment.
        if !bytes[i..].iter().any(|b| {
            matches!(
                b,
                b'#' | b'"' | b'\'' | b'|' | b'>' | b'[' | b']' | b'{' | b'}'
            )
        }) {
            return None;
        }
        // A node may start here (after indentation, `- `, `: `, `[`, `,`).
        let mut node_start = i == 0;
        let mut blank_before = true;
        // The column of the key or `-` a block scalar's indentation is
        // counted from.
        let mut parent = indent;
        while i < bytes.len() {
            let b = bytes[i];
            let next_blank = bytes.get(i + 1).is_none_or(|&n| n == b' ' || n == b'\t');
            match b {
                b' ' | b'\t' => {
                    blank_before = true;
                    i += 1;
                    continue;
                }
                b'#' if blank_before => return Some(i),
                b'"' | b'\'' if node_start => {
                    if self.flow == 0 {
                        parent = i;
                    }
                    match close_quote(bytes, i + 1, b) {
                        Some(end) => {
                            i = end;
                            node_start = false;
                            blank_before = false;
                            continue;
                        }
                        None => {
                            self.quote = Some(b);
                            return None;
                        }
                    }
                }
                b'-' | b'?' if node_start && next_blank => {
                    parent = i;
                }
                b':' if next_blank || (self.flow > 0 && !node_start) => node_start = true,
                b'|' | b'>' if node_start && self.flow == 0 => {
                    // A block scalar: its header, then maybe a comment.
                    let header_end = bytes[i + 1..]
                        .iter()
                        .position(|&h| !(h.is_ascii_digit() || h == b'+' || h == b'-'))
                        .map_or(bytes.len(), |p| i + 1 + p);
                    let explicit = bytes[i + 1..header_end]
                        .iter()
                        .find(|h| h.is_ascii_digit())
                        .map(|h| usize::from(h - b'0'));
                    self.block = Some((parent, explicit.map(|n| parent + n)));
                    i = header_end;
                    node_start = false;
                    blank_before = false;
                    continue;
                }
                b'[' | b'{' => {
                    self.flow += 1;
                    node_start = true;
                }
                b']' | b'}' => {
                    self.flow = self.flow.saturating_sub(1);
                    node_start = false;
                }
                b',' if self.flow > 0 => node_start = true,
                b'&' | b'!' if node_start => {
                    // An anchor or a tag: the node starts after it.
                    while bytes.get(i).is_some_and(|&c| c != b' ' && c != b'\t') {
                        i += 1;
                    }
                    blank_before = false;
                    continue;
                }
                _ => {
                    if node_start && self.flow == 0 {
                        parent = i;
                    }
                    node_start = false;
                }
            }
            blank_before = false;
            i += 1;
        }
        None
    }
}

/// Where a quoted scalar opened by `quote` ends (just past its closing
/// quote), reading from `from`; `None` if it goes on past the line.
pub(super) fn close_quote(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::problem::NumberKind;

    /// The comments of `yaml`, as texts.
    fn comments(yaml: &str) -> Vec<&str> {
        yaml_comments(yaml).into_iter().map(|r| &yaml[r]).collect()
    }

    #[test]
    fn comments_are_told_from_text() {
        let yaml = "# top\nname: { bo: \"ཀ # not\", zh: '甲 # not' } # after\nkind: village # k\n\
                    notices:\n  - slug: a#b\n    note:\n      zh: |\n        # a heading, not a comment\n\n        text # text\n      # back out\n      bo: >-\n          folded # text\n    # comment\n    x: \"two\n      lines # not\n      end\" # yes\n    y: 'it''s # not' # y\n    z: [a, \"b # not\", {c: d}] # z\n    w: plain text # w\n  - |\n   seq # text\n  # seq comment\n";
        assert_eq!(
            comments(yaml),
            [
                "# top",
                "# after",
                "# k",
                "# back out",
                "# comment",
                "# yes",
                "# y",
                "# z",
                "# w",
                "# seq comment"
            ]
        );
        let header = "note: |2 # header\n   # text, indented more than 2\n# out\n";
        assert_eq!(comments(header), ["# header", "# out"]);
        assert!(comments("a: b\n").is_empty());
        let crlf = "a: b # c\r\nd: e\r\n";
        assert_eq!(comments(crlf), ["# c"]);
        // Only comments that may hold a number are looked at again.
        let yaml = "# no digits\na: \"x # 13908971234\" # 139 0897 1234\nb: 1 # 12\n";
        let kept: Vec<&str> = yaml_comments_with_digits(yaml)
            .into_iter()
            .map(|r| &yaml[r])
            .collect();
        assert_eq!(kept, ["# 139 0897 1234"]);
        assert!(yaml_comments_with_digits("a: \"#13908971234\"\n").is_empty());
    }

    /// The numbers `markdown` renders to, each as (the markdown from its
    /// place to the end of that line, kind).
    fn numbers(markdown: &str) -> Vec<(&str, NumberKind)> {
        markdown_numbers(markdown)
            .into_iter()
            .map(|f| {
                let rest = &markdown[f.start..];
                (rest.split('\n').next().unwrap_or(rest), f.kind)
            })
            .collect()
    }

    #[test]
    fn markdown_is_read_as_rendered() {
        // Each kind once (an autolink's target and text are one number).
        let kinds = |md: &str| -> Vec<NumberKind> {
            let mut kinds: Vec<NumberKind> = numbers(md).into_iter().map(|n| n.1).collect();
            kinds.dedup();
            kinds
        };
        for md in [
            "&#49;3908971234",
            "&#x31;&#51;908971234",
            "139\\-0897\\-1234",
            "139**0897**1234",
            "139*0897*1234",
            "139 _0897_ 1234",
            "139`0897`1234",
            "[x](tel:13908971234)",
            "[x](tel:%31%33%39%30%38%39%37%31%32%33%34)",
            "[x](https://example.org \"13908971234\")",
            "![13908971234](a.png)",
            "![x](13908971234.png)",
            "[x]\n\n[x]: tel:13908971234\n",
            "[unused]: tel:+86-139-0897-1234\n",
            "<tel:13908971234>",
            "[139](https://example.org)0897 1234",
            "电话：**139 0897 1234**。",
            "> 139 0897 1234",
            "- 139 0897 1234",
            "| a | b |\n|---|---|\n| x | 139 0897 1234 |\n",
            "    139 0897 1234\n",
            "<span>13908971234</span>",
            "&sup1;3908971234",
        ] {
            assert_eq!(kinds(md), [NumberKind::Mobile], "{md:?}");
        }
        assert_eq!(
            kinds("身份证 540102 19900312 1234"),
            [NumberKind::NationalId]
        );
        for md in [
            "139\n0897 1234",
            "139  \n0897 1234",
            "139\n\n0897 1234",
            "| 139 | 0897 1234 |\n|---|---|\n",
            "<span>139</span>0897 1234",
            "![139](a.png)0897 1234",
            "电话 0897-2822222，2021-01-10 至 2021-01-17。",
            "# 2021年\n\n共 1234 人",
        ] {
            assert!(numbers(md).is_empty(), "{md:?}: {:?}", numbers(md));
        }
        // A character reference is placed at its own start.
        assert_eq!(
            numbers("a\n\nb &#49;3908971234"),
            [("&#49;3908971234", NumberKind::Mobile)]
        );
        // A reference link is read at its definition, not where it is used.
        let md = "see [x] and [x]\n\n[x]: tel:13908971234\n";
        assert_eq!(numbers(md), [("[x]: tel:13908971234", NumberKind::Mobile)]);
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decoded("tel:%2B86%20139"), "tel:+86 139");
        assert_eq!(percent_decoded("a%zz%4"), "a%zz%4");
        assert_eq!(percent_decoded("%E4%B8%AD"), "中");
    }
}
