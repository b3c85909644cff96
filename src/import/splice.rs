//! A notice written into a village file as text: appended to its
//! `notices:` list, or put in place of the notice of the same slug, with
//! every other line of the file (its comments, its order, its line ends)
//! kept as the clerk wrote it.

/// Where the `notices:` list of a file stands.
#[derive(Debug, PartialEq)]
struct List {
    /// The line `notices:` (0 based).
    key_line: usize,
    /// The lines after it that belong to the list: up to and including
    /// the last line that holds more than a comment.
    end: usize,
    /// How far its items' `-` is indented.
    indent: usize,
    /// `notices: []`: an empty list written inline.
    empty_inline: bool,
}

/// Why a notice cannot be written into a file.
#[derive(Debug, PartialEq)]
pub(super) enum Unspliced {
    /// `notices:` written inline (`notices: [ … ]`), which text cannot be
    /// added to without rewriting it.
    InlineList,
    /// `--replace` found no notice of that slug to replace.
    NoSuchNotice,
}

/// A file's text with `item` (a notice's lines, indented for the top
/// level: `- slug: …` at column 0) in its `notices:` list: in place of the
/// notice whose slug is `replace`, or else appended. Also the number of
/// the line (0 based) where the item begins, and the indentation it took.
pub(super) fn splice(
    text: &str,
    item: &[String],
    replace: Option<&str>,
) -> Result<(String, usize, usize), Unspliced> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.lines().collect();
    let list = find_list(&lines)?;
    let indent = list.as_ref().map_or(2, |l| l.indent);
    let pad = " ".repeat(indent);
    let indented: Vec<String> = item
        .iter()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect();
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let at = match (&list, replace) {
        (Some(list), Some(slug)) => {
            let (start, end) = notice_span(&lines, list, slug).ok_or(Unspliced::NoSuchNotice)?;
            out.splice(start..end, indented);
            start
        }
        (None, Some(_)) => return Err(Unspliced::NoSuchNotice),
        (Some(list), None) if list.empty_inline => {
            out[list.key_line] = rewrite_inline_empty(lines[list.key_line]);
            let at = list.key_line + 1;
            out.splice(at..at, indented);
            at
        }
        (Some(list), None) => {
            let at = list.end;
            out.splice(at..at, indented);
            at
        }
        (None, None) => {
            while out.last().is_some_and(|l| l.trim().is_empty()) {
                out.pop();
            }
            out.push("notices:".to_owned());
            let at = out.len();
            out.extend(indented);
            at
        }
    };
    let mut joined = out.join(newline);
    joined.push_str(newline);
    Ok((joined, at, indent))
}

/// The file's top-level `notices:` list, if it has one.
fn find_list(lines: &[&str]) -> Result<Option<List>, Unspliced> {
    let Some(key_line) = lines.iter().position(|line| {
        let line = line.trim_start_matches('\u{feff}');
        line.starts_with("notices:") || line.starts_with("notices :")
    }) else {
        return Ok(None);
    };
    let after_key = lines[key_line]
        .split_once(':')
        .map_or("", |(_, rest)| rest)
        .trim();
    let value = strip_comment(after_key).trim();
    let empty_inline = value == "[]";
    if !value.is_empty() && !empty_inline {
        return Err(Unspliced::InlineList);
    }
    let mut end = key_line + 1;
    let mut indent = None;
    for (index, line) in lines.iter().enumerate().skip(key_line + 1) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let leading = line.len() - trimmed.len();
        if leading == 0 && !trimmed.starts_with('-') {
            break;
        }
        if indent.is_none() && trimmed.starts_with('-') {
            indent = Some(leading);
        }
        end = index + 1;
    }
    Ok(Some(List {
        key_line,
        end,
        indent: indent.unwrap_or(2),
        empty_inline,
    }))
}

/// `text` without a YAML comment (` #` to the end; a `#` in quotes is
/// not one, but the value after `notices:` has no quotes).
fn strip_comment(text: &str) -> &str {
    if text.starts_with('#') {
        return "";
    }
    text.split(" #").next().unwrap_or(text)
}

/// `notices: []  # …` as `notices:  # …`.
fn rewrite_inline_empty(line: &str) -> String {
    line.replacen(" []", "", 1).trim_end().to_owned()
}

/// The lines `[start, end)` of the notice whose `slug:` is `slug`: from
/// its `-` to the line before the next item's (or the list's end),
/// trailing blank and comment lines left to what follows.
fn notice_span(lines: &[&str], list: &List, slug: &str) -> Option<(usize, usize)> {
    let body = list.key_line + 1..list.end;
    let starts: Vec<usize> = body
        .clone()
        .filter(|&i| {
            let line = lines[i];
            let trimmed = line.trim_start();
            line.len() - trimmed.len() == list.indent && trimmed.starts_with('-')
        })
        .collect();
    let key_indent = list.indent + 2;
    for (n, &start) in starts.iter().enumerate() {
        let stop = starts.get(n + 1).copied().unwrap_or(list.end);
        let names_slug = (start..stop).any(|i| {
            let line = lines[i];
            let key = if i == start {
                line.trim_start().trim_start_matches('-').trim_start()
            } else if line.len() - line.trim_start().len() == key_indent {
                line.trim_start()
            } else {
                return false;
            };
            key.strip_prefix("slug:")
                .map(|v| strip_comment(v.trim()).trim().trim_matches(['"', '\'']) == slug)
                .unwrap_or(false)
        });
        if names_slug {
            let mut end = stop;
            while end > start + 1 {
                let t = lines[end - 1].trim_start();
                if t.is_empty() || t.starts_with('#') {
                    end -= 1;
                } else {
                    break;
                }
            }
            return Some((start, end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> Vec<String> {
        vec!["- slug: new".into(), "  type: candidates".into()]
    }

    #[test]
    fn a_notice_is_appended_after_the_last_one_and_comments_stay() {
        let text = "# 扎西岗村\nname: { bo: a, zh: b }\nnotices:\n  # 第一条\n  - slug: old\n    type: results\n# 结尾\ncontact: x\n";
        let (out, at, indent) = splice(text, &item(), None).unwrap();
        assert_eq!(
            out,
            "# 扎西岗村\nname: { bo: a, zh: b }\nnotices:\n  # 第一条\n  - slug: old\n    type: results\n  - slug: new\n    type: candidates\n# 结尾\ncontact: x\n"
        );
        assert_eq!((at, indent), (6, 2));
    }

    #[test]
    fn the_list_s_own_indentation_and_line_ends_are_kept() {
        let text = "notices:\r\n- slug: old\r\n  type: results\r\n";
        let (out, at, indent) = splice(text, &item(), None).unwrap();
        assert_eq!(
            out,
            "notices:\r\n- slug: old\r\n  type: results\r\n- slug: new\r\n  type: candidates\r\n"
        );
        assert_eq!((at, indent), (3, 0));
    }

    #[test]
    fn a_file_without_notices_gets_the_list() {
        let (out, at, _) = splice("name: x\n\n", &item(), None).unwrap();
        assert_eq!(
            out,
            "name: x\nnotices:\n  - slug: new\n    type: candidates\n"
        );
        assert_eq!(at, 2);
        let (out, _, _) = splice("name: x\nnotices: []  # 暂无\n", &item(), None).unwrap();
        assert_eq!(
            out,
            "name: x\nnotices:  # 暂无\n  - slug: new\n    type: candidates\n"
        );
        assert_eq!(
            splice("notices: [{slug: a}]\n", &item(), None),
            Err(Unspliced::InlineList)
        );
    }

    #[test]
    fn replace_puts_the_notice_where_the_old_one_was() {
        let text = "notices:\n  - slug: a\n    type: x\n\n  # b 的说明\n  - type: y\n    slug: \"new\"  # 旧\n    people:\n      - slug: not-this\n  - slug: c\n";
        let (out, at, _) = splice(text, &item(), Some("new")).unwrap();
        assert_eq!(
            out,
            "notices:\n  - slug: a\n    type: x\n\n  # b 的说明\n  - slug: new\n    type: candidates\n  - slug: c\n"
        );
        assert_eq!(at, 5);
        assert_eq!(
            splice(text, &item(), Some("not-this")),
            Err(Unspliced::NoSuchNotice)
        );
    }
}
