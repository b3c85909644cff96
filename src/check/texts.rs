//! Texts: missing translations, the wrong script, Tibetan that would not
//! render, invisible characters, typographic quotes around a value, and
//! personal numbers that must never be published.
//!
//! Values are checked on the model (each located by its YAML path when a
//! problem is found): pairs for a missing half and the wrong script, `bo`
//! names for letters of other scripts, and every string for typographic
//! quotes around it and for invisible characters that only an escape
//! (`"\u200b"`) put there. Render problems and invisible characters are
//! found in the raw text of every file that loaded, comments included, so
//! their place is exact.
//!
//! Personal numbers are looked for in what is published (DESIGN, Checks,
//! Privacy): every value as YAML decoded it (a count as its digits), the
//! Markdown of notes and announcements as the text it renders to, and the
//! names of files and folders; and in the comments of a YAML file as
//! written, since a file is passed around whole. `contact.phone` is the
//! one value exempt. Each number is reported once: at its value (one
//! problem per value and kind), at its line in an announcement's Markdown
//! (or in a note written as a `|` block), at its place in a comment, or at
//! the file for a name. A village file that did not read whole (some
//! notices left out) is scanned as written instead, `contact` blocks
//! excepted: its values are not all known.

use std::collections::{BTreeSet, HashMap, VecDeque};

use super::privacy::{find_personal_numbers, Finding, Scanner};
use super::published::{markdown_numbers, yaml_comments_with_digits};
use super::script::{foreign_letter, has_han, has_tibetan_letter, invisible, render_problems};
use crate::chars::wrapping_quotes;
use crate::content::model::{Announcement, NoticeDetail, Person, Text, Village};
use crate::content::Corpus;
use crate::diagnostics::problem::NumberKind;
use crate::diagnostics::{At, Diagnostics, FileId, NodePath, Problem, Seg, SourceFile, Sources};

/// A value of the model that is checked as text.
#[derive(Clone, Copy)]
enum Value<'a> {
    /// A text pair, and whether it is a name (of a person or an area).
    Pair(&'a Text, bool),
    /// A text pair of Markdown: a notice's note.
    Markdown(&'a Text),
    /// One string: a slug, a phone number, an address, a title, a scope.
    Plain(&'a str),
    /// A number published as its digits: votes, ballots.
    Count(u64),
}

/// The values of every file but the villages'.
pub(super) fn check(corpus: &Corpus, sources: &Sources, diagnostics: &mut Diagnostics) {
    for_each_site_value(corpus, |file, path, value| {
        let source = sources.get(file);
        let yaml = yaml_of(source);
        check_value(file, path, value, escapes_in(yaml), diagnostics);
        let lines_before = source.front_matter.as_ref().map_or(0, |(_, n)| *n);
        let yaml = Yaml {
            text: yaml,
            lines_before,
        };
        let mut numbers = Vec::new();
        guard_value(file, path, value, yaml, &mut numbers, diagnostics);
        place_numbers(file, yaml, numbers, diagnostics);
    });
    for file in loaded_files(corpus) {
        scan_raw(file, sources, diagnostics);
        let source = sources.get(file);
        let yaml = yaml_of(source);
        let start = source
            .front_matter
            .as_ref()
            .map_or(0, |(range, _)| range.start);
        guard_comments(
            file,
            yaml,
            |offset| source.position(start + offset),
            diagnostics,
        );
    }
    for announcement in &corpus.announcements {
        guard_announcement(announcement, sources, diagnostics);
    }
    guard_names(sources, diagnostics);
}

/// The values of one village file, whose text as written is `raw`;
/// `complete` if every notice of it read.
pub(super) fn check_village(
    village: &Village,
    raw: &str,
    complete: bool,
    diagnostics: &mut Diagnostics,
) {
    let yaml = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let escapes = escapes_in(yaml);
    let whole = Yaml {
        text: yaml,
        lines_before: 0,
    };
    let mut numbers = Vec::new();
    for_each_village_value(village, |path, value| {
        check_value(village.file, path, value, escapes, diagnostics);
        if complete {
            guard_value(village.file, path, value, whole, &mut numbers, diagnostics);
        }
    });
    place_numbers(village.file, whole, numbers, diagnostics);
    scan_text(village.file, raw, diagnostics);
    if complete {
        let place = |offset| crate::diagnostics::position_in(raw, offset);
        guard_comments(village.file, yaml, place, diagnostics);
    } else {
        guard_raw(village.file, yaml, place_in(raw), diagnostics);
    }
}

/// `yaml` if it has a backslash, the start of every YAML escape.
fn escapes_in(yaml: &str) -> Option<&str> {
    Some(yaml).filter(|yaml| yaml.contains('\\'))
}

/// The YAML text a file's paths lead into: its front matter, or all of it.
fn yaml_of(source: &SourceFile) -> &str {
    match &source.front_matter {
        Some((range, _)) => source.body().get(range.clone()).unwrap_or(""),
        None => source.body(),
    }
}

/// Every value of the YAML files but the villages', with its file and path.
fn for_each_site_value(corpus: &Corpus, mut visit: impl FnMut(FileId, &[Seg], Value)) {
    use Seg::{Index, Key};
    if let (Some(site), Some(file)) = (&corpus.site, corpus.site_file) {
        visit(file, &[Key("title")], Value::Pair(&site.title, false));
        visit(file, &[Key("region")], Value::Pair(&site.region, false));
        visit(file, &[Key("base_url")], Value::Plain(&site.base_url));
        visit(file, &[Key("timezone")], Value::Plain(&site.timezone));
        visit(file, &[Key("theme")], Value::Plain(&site.theme));
        if let Some(contact) = &site.contact {
            visit(
                file,
                &[Key("contact"), Key("phone")],
                Value::Plain(&contact.phone),
            );
            let office = Value::Pair(&contact.office, false);
            visit(file, &[Key("contact"), Key("office")], office);
        }
    }
    if let Some((file, calendar)) = &corpus.calendar {
        for (i, holiday) in calendar.holidays.iter().enumerate() {
            let path = [Key("holidays"), Index(i), Key("name")];
            visit(*file, &path, Value::Pair(&holiday.name, false));
        }
    }
    for county in &corpus.counties {
        if let Some(name) = &county.name {
            visit(county.file, &[Key("name")], Value::Pair(name, true));
        }
        for township in county.townships.iter() {
            if let Some(name) = &township.name {
                visit(township.file, &[Key("name")], Value::Pair(name, true));
            }
        }
    }
    for announcement in &corpus.announcements {
        let file = announcement.file;
        visit(file, &[Key("title")], Value::Plain(&announcement.title));
        for (i, scope) in announcement.scope.iter().enumerate() {
            visit(file, &[Key("scope"), Index(i)], Value::Plain(scope));
        }
    }
}

/// Every value of a village file, with its path.
fn for_each_village_value(village: &Village, mut visit: impl FnMut(&[Seg], Value)) {
    use Seg::{Index, Key};
    visit(&[Key("name")], Value::Pair(&village.name, true));
    if let Some(contact) = &village.contact {
        visit(
            &[Key("contact"), Key("phone")],
            Value::Plain(&contact.phone),
        );
        visit(
            &[Key("contact"), Key("office")],
            Value::Pair(&contact.office, false),
        );
    }
    for notice in &village.notices {
        let n = Index(notice.index);
        visit(
            &[Key("notices"), n, Key("slug")],
            Value::Plain(&notice.slug),
        );
        if let Some(note) = &notice.note {
            visit(&[Key("notices"), n, Key("note")], Value::Markdown(note));
        }
        for (i, correction) in notice.corrections.iter().enumerate() {
            let path = [Key("notices"), n, Key("corrections"), Index(i), Key("note")];
            visit(&path, Value::Markdown(&correction.note));
        }
        let mut person = |list: &'static str, i: usize, person: &Person, votes: Option<u64>| {
            let name = [Key("notices"), n, Key(list), Index(i), Key("name")];
            visit(&name, Value::Pair(&person.name, true));
            if let Some(role) = &person.current_role {
                let path = [Key("notices"), n, Key(list), Index(i), Key("current_role")];
                visit(&path, Value::Pair(role, false));
            }
            if let Some(votes) = votes {
                let path = [Key("notices"), n, Key(list), Index(i), Key("votes")];
                visit(&path, Value::Count(votes));
            }
        };
        match &notice.detail {
            NoticeDetail::Candidates { candidates, .. } => {
                for (i, p) in candidates.iter().enumerate() {
                    person("candidates", i, p, None);
                }
            }
            NoticeDetail::Results {
                results, turnout, ..
            } => {
                for (i, r) in results.iter().enumerate() {
                    person("results", i, &r.person, Some(r.votes));
                }
                for (key, count) in [
                    ("electorate", turnout.electorate),
                    ("cast", turnout.cast),
                    ("valid", turnout.valid),
                ] {
                    visit(
                        &[Key("notices"), n, Key("turnout"), Key(key)],
                        Value::Count(count),
                    );
                }
            }
        }
    }
}

/// The node at `path`, or at its `half` (`bo`, `zh`) when given.
fn node(path: &[Seg], half: Option<&'static str>) -> NodePath {
    let mut node = path.to_vec();
    node.extend(half.map(Seg::Key));
    node
}

/// Checks one value at `path` of `file`; `escapes` as for [`check_string`].
fn check_value(
    file: FileId,
    path: &[Seg],
    value: Value,
    escapes: Option<&str>,
    diagnostics: &mut Diagnostics,
) {
    match value {
        Value::Pair(text, is_name) => {
            check_pair(file, path, text, is_name, diagnostics);
            check_string(file, path, Some("bo"), &text.bo, escapes, diagnostics);
            check_string(file, path, Some("zh"), &text.zh, escapes, diagnostics);
        }
        Value::Markdown(text) => {
            check_value(file, path, Value::Pair(text, false), escapes, diagnostics)
        }
        Value::Plain(text) => check_string(file, path, None, text, escapes, diagnostics),
        Value::Count(_) => {}
    }
}

fn check_pair(
    file: FileId,
    path: &[Seg],
    text: &Text,
    is_name: bool,
    diagnostics: &mut Diagnostics,
) {
    let half = |lang| At::value(node(path, Some(lang)));
    for (lang, value) in [("bo", &text.bo), ("zh", &text.zh)] {
        if value.trim().is_empty() {
            diagnostics.push(file, half(lang), Problem::MissingTranslation(lang));
        }
    }
    if !text.bo.trim().is_empty() && !has_tibetan_letter(&text.bo) {
        let swapped = has_han(&text.bo) && has_tibetan_letter(&text.zh);
        diagnostics.push(
            file,
            half("bo"),
            Problem::WrongScript {
                lang: "bo",
                swapped,
                ewts: ewts_hint(&text.bo),
            },
        );
    } else if is_name {
        if let Some((script, letter)) = foreign_letter(&text.bo) {
            diagnostics.push(file, half("bo"), Problem::MixedScript { script, letter });
        }
    }
    if !text.zh.trim().is_empty() && !has_han(&text.zh) {
        let swapped = has_tibetan_letter(&text.zh) && has_han(&text.bo);
        diagnostics.push(
            file,
            half("zh"),
            Problem::WrongScript {
                lang: "zh",
                swapped,
                ewts: None,
            },
        );
    }
}

/// The Tibetan that a `bo` text typed in EWTS (Wylie) stands for, for the
/// hint of a `bo` text with no Tibetan letters.
pub(super) fn ewts_hint(text: &str) -> Option<String> {
    crate::ewts::looks_like_ewts(text).then(|| crate::ewts::to_tibetan(text).tibetan)
}

/// Checks one string at `path` (or at its `half`): wrapped in typographic
/// quotes, or holding an invisible or control character that an escape
/// put there (one written as it is, the raw scan reports at its place).
/// `escapes` is the YAML text the value was read from if it has a
/// backslash: without one, no escape put anything anywhere.
fn check_string(
    file: FileId,
    path: &[Seg],
    half: Option<&'static str>,
    value: &str,
    escapes: Option<&str>,
    diagnostics: &mut Diagnostics,
) {
    if let Some((open, close)) = wrapping_quotes(value) {
        let at = At::value(node(path, half));
        diagnostics.push(file, at, Problem::Quoted { open, close });
    }
    let Some(yaml) = escapes else {
        return;
    };
    let mut seen: Vec<char> = Vec::new();
    for c in value.chars() {
        let Some(problem) = invisible(c) else {
            continue;
        };
        if seen.contains(&c) {
            continue;
        }
        seen.push(c);
        let node = node(path, half);
        if written_as_escape(yaml, &node, value, c) {
            diagnostics.push(file, At::value(node), Problem::Render(problem));
        }
    }
}

/// Whether `value`, read from the node at `path` of `yaml`, holds `c`
/// more often than its text as written does: only a double-quoted scalar
/// can, through an escape (`"\u200b"`, `"\e"`).
fn written_as_escape(yaml: &str, path: &[Seg], value: &str, c: char) -> bool {
    let Some((line, column)) = crate::diagnostics::locate::locate(yaml, path, false) else {
        return false;
    };
    let start = yaml
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let Some(at) = yaml[start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| start + i)
    else {
        return false;
    };
    let Some(quoted) = yaml[at..].strip_prefix('"') else {
        return false;
    };
    let (mut literal, mut after_backslash) = (0, false);
    for ch in quoted.chars() {
        match ch {
            _ if after_backslash => after_backslash = false,
            '\\' => after_backslash = true,
            '"' => break,
            _ if ch == c => literal += 1,
            _ => {}
        }
    }
    value.matches(c).count() > literal
}

/// Every file but the villages' that loaded into the model.
fn loaded_files(corpus: &Corpus) -> Vec<FileId> {
    let mut files: Vec<FileId> = corpus.site_file.into_iter().collect();
    files.extend(corpus.calendar.as_ref().map(|(f, _)| *f));
    for county in &corpus.counties {
        files.extend(county.name.as_ref().map(|_| county.file));
        files.extend(
            county
                .townships
                .iter()
                .filter(|t| t.name.is_some())
                .map(|t| t.file),
        );
    }
    files.extend(corpus.announcements.iter().map(|a| a.file));
    files
}

fn scan_raw(file: FileId, sources: &Sources, diagnostics: &mut Diagnostics) {
    scan_text(file, &sources.get(file).text, diagnostics);
}

/// Render problems in a file's text as written (`raw`).
fn scan_text(file: FileId, raw: &str, diagnostics: &mut Diagnostics) {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    for (offset, problem) in render_problems(text) {
        let (line, column) = crate::diagnostics::position_in(raw, offset);
        diagnostics.push(file, At::Pos { line, column }, Problem::Render(problem));
    }
}

/// The place of a byte offset into `raw` without its byte-order mark.
fn place_in(raw: &str) -> impl Fn(usize) -> (usize, usize) + '_ {
    move |offset| crate::diagnostics::position_in(raw, offset)
}

/// Whether `path` is the one value the privacy guard does not read.
fn is_contact_phone(path: &[Seg]) -> bool {
    path.ends_with(&[Seg::Key("contact"), Seg::Key("phone")])
}

/// The kinds of personal number among `findings`, each once, in order.
fn kinds(findings: &[Finding]) -> BTreeSet<NumberKind> {
    findings.iter().map(|f| f.kind).collect()
}

/// The YAML text values were read from, and the lines before it in its
/// file (an announcement's front matter starts on line 2).
#[derive(Clone, Copy)]
struct Yaml<'a> {
    text: &'a str,
    lines_before: usize,
}

/// A personal number found in a plain value, to be placed.
struct Number {
    /// The value (or its half).
    node: NodePath,
    kind: NumberKind,
    /// The number as the value has it.
    text: String,
}

/// How many values with a number one file may have for each to be
/// located exactly (see [`place_numbers`]).
const LOCATED: usize = 16;

/// Reports the numbers found in the plain values of one YAML text.
///
/// Placing a number at its value reads the file again (see
/// `diagnostics::locate`): exact, but quadratic in a file full of numbers.
/// So when a file has more than [`LOCATED`] of them, the numbers written as
/// such in its values (comments and `contact` blocks left out) are found
/// in one reading of the text, and a number whose text is written exactly
/// as many times as values have it takes those places in file order
/// (values with one number share its places, and all report the same
/// problem); only the others are located. A village of 2,000 values with
/// numbers is checked in half a second, not in half a minute.
fn place_numbers(file: FileId, yaml: Yaml, numbers: Vec<Number>, diagnostics: &mut Diagnostics) {
    let mut written: HashMap<&str, VecDeque<(usize, usize)>> = HashMap::new();
    if numbers.len() > LOCATED {
        let skip: Vec<std::ops::Range<usize>> = contact_ranges(yaml.text)
            .into_iter()
            .chain(yaml_comments_with_digits(yaml.text))
            .collect();
        for finding in find_personal_numbers(yaml.text) {
            if !skip.iter().any(|r| r.contains(&finding.start)) {
                let (line, column) = crate::diagnostics::position_in(yaml.text, finding.start);
                written
                    .entry(number_in(yaml.text, &finding))
                    .or_default()
                    .push_back((line + yaml.lines_before, column));
            }
        }
        let mut values: HashMap<&str, usize> = HashMap::new();
        for number in &numbers {
            *values.entry(number.text.as_str()).or_default() += 1;
        }
        written.retain(|text, places| values.get(text) == Some(&places.len()));
    }
    for number in numbers {
        let place = match written.get_mut(number.text.as_str()) {
            Some(places) => places.pop_front(),
            None => ValueSource::find(yaml, &number.node).and_then(|s| s.place(&number.text)),
        };
        let at = place.map_or_else(
            || At::value(number.node),
            |(line, column)| At::Pos { line, column },
        );
        diagnostics.push(file, at, Problem::PersonalNumber(number.kind));
    }
}

/// Personal numbers in one value at `path` of `file`, read from `yaml`:
/// those of a plain value are added to `numbers` (placed by
/// [`place_numbers`]); those of a note are placed at once, the note
/// located once: at their line in a `|` block, else at the number when
/// the note has it as written on its first line, else at the note.
fn guard_value(
    file: FileId,
    path: &[Seg],
    value: Value,
    yaml: Yaml,
    numbers: &mut Vec<Number>,
    diagnostics: &mut Diagnostics,
) {
    if is_contact_phone(path) {
        return;
    }
    let mut plain = |half: Option<&'static str>, text: &str| {
        let findings = find_personal_numbers(text);
        for kind in kinds(&findings) {
            if let Some(first) = findings.iter().find(|f| f.kind == kind) {
                numbers.push(Number {
                    node: node(path, half),
                    kind,
                    text: number_in(text, first).to_owned(),
                });
            }
        }
    };
    match value {
        Value::Pair(text, _) => {
            plain(Some("bo"), &text.bo);
            plain(Some("zh"), &text.zh);
        }
        Value::Plain(text) => plain(None, text),
        Value::Count(count) if count >= 10_000_000_000 => plain(None, &count.to_string()),
        Value::Count(_) => {}
        Value::Markdown(text) => {
            for (half, markdown) in [("bo", &text.bo), ("zh", &text.zh)] {
                let findings = markdown_numbers(markdown);
                if findings.is_empty() {
                    continue;
                }
                let node = node(path, Some(half));
                let source = ValueSource::find(yaml, &node);
                let mut seen: Vec<(At, NumberKind)> = Vec::new();
                for finding in findings {
                    let before = &markdown[..finding.start];
                    let line = before.matches('\n').count();
                    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
                        .chars()
                        .count();
                    let place = source.as_ref().and_then(|source| {
                        source
                            .block_line(line, column)
                            .or_else(|| source.place(number_in(markdown, &finding)))
                    });
                    let at = place.map_or_else(
                        || At::value(node.clone()),
                        |(line, column)| At::Pos { line, column },
                    );
                    if !seen.contains(&(at.clone(), finding.kind)) {
                        seen.push((at.clone(), finding.kind));
                        diagnostics.push(file, at, Problem::PersonalNumber(finding.kind));
                    }
                }
            }
        }
    }
}

/// The text of a finding in the text it was found in.
fn number_in<'t>(text: &'t str, finding: &Finding) -> &'t str {
    let end = finding.last
        + text[finding.last..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
    text.get(finding.start..end).unwrap_or("")
}

/// Where a value is written: its first line, where the scalar starts and
/// ends on it, and for a literal block (`|`) the indentation of its lines.
struct ValueSource<'a> {
    /// Line of the value (in the whole file).
    line: usize,
    /// The text of that line.
    text: &'a str,
    /// Byte range of the scalar on that line (to the closing quote of a
    /// quoted one, else to the end of the line).
    scalar: std::ops::Range<usize>,
    /// For a literal block: the indentation of its lines.
    block: Option<usize>,
}

impl<'a> ValueSource<'a> {
    /// The value at `path` of `yaml`, located (the file is read again).
    fn find(yaml: Yaml<'a>, path: &[Seg]) -> Option<ValueSource<'a>> {
        let (line, column) = crate::diagnostics::locate::locate(yaml.text, path, false)?;
        let mut lines = yaml.text.lines().skip(line.checked_sub(1)?);
        let text = lines.next()?;
        let from = text.char_indices().nth(column.checked_sub(1)?)?.0;
        let rest = &text.as_bytes()[from..];
        let end = match rest.first() {
            Some(&q @ (b'"' | b'\'')) => {
                super::published::close_quote(rest, 1, q).unwrap_or(rest.len())
            }
            _ => rest.len(),
        };
        let block = (rest.first() == Some(&b'|'))
            .then(|| lines.find(|l| !l.trim().is_empty()))
            .flatten()
            .map(|first| first.chars().take_while(|&c| c == ' ').count());
        Some(ValueSource {
            line: line + yaml.lines_before,
            text,
            scalar: from..from + end,
            block,
        })
    }

    /// Where `number` is written as such in the scalar on its first line.
    fn place(&self, number: &str) -> Option<(usize, usize)> {
        if number.is_empty() {
            return None;
        }
        let i = self.text.get(self.scalar.clone())?.find(number)?;
        let column = self.text[..self.scalar.start + i].chars().count() + 1;
        Some((self.line, column))
    }

    /// Where line `line` (from 0), column `column` (in characters, from 0)
    /// of a literal block's text is written.
    fn block_line(&self, line: usize, column: usize) -> Option<(usize, usize)> {
        let indent = self.block?;
        Some((self.line + 1 + line, indent + column + 1))
    }
}

/// Personal numbers in the comments of `yaml`, each at its place
/// (`place` turns an offset into `yaml` into a line and column).
fn guard_comments(
    file: FileId,
    yaml: &str,
    place: impl Fn(usize) -> (usize, usize),
    diagnostics: &mut Diagnostics,
) {
    let mut scanner = Scanner::new();
    for comment in yaml_comments_with_digits(yaml) {
        scanner.push_str(comment.start, &yaml[comment]);
        scanner.boundary();
    }
    for finding in scanner.take() {
        let (line, column) = place(finding.start);
        diagnostics.push(
            file,
            At::Pos { line, column },
            Problem::PersonalNumber(finding.kind),
        );
    }
}

/// Personal numbers in an announcement's Markdown, each once per line.
fn guard_announcement(
    announcement: &Announcement,
    sources: &Sources,
    diagnostics: &mut Diagnostics,
) {
    let source = sources.get(announcement.file);
    let mut seen = BTreeSet::new();
    for finding in markdown_numbers(&announcement.body) {
        let (line, column) = source.position(announcement.body_offset + finding.start);
        if seen.insert((line, finding.kind)) {
            diagnostics.push(
                announcement.file,
                At::Pos { line, column },
                Problem::PersonalNumber(finding.kind),
            );
        }
    }
}

/// Personal numbers in the names of the files and folders under
/// `content/`: they become addresses and data.
fn guard_names(sources: &Sources, diagnostics: &mut Diagnostics) {
    for (i, source) in sources.iter().enumerate() {
        let Some(rel) = source.path.strip_prefix("content/") else {
            continue;
        };
        let name = rel.rsplit('/').next().unwrap_or(rel);
        for kind in kinds(&find_personal_numbers(name)) {
            let file = FileId(u32::try_from(i).expect("fewer than 4 billion files"));
            diagnostics.push(file, At::File, Problem::PersonalNumber(kind));
        }
    }
}

/// Personal numbers in a YAML text as written (`yaml`, without its
/// byte-order mark), its top-level `contact` blocks excepted.
fn guard_raw(
    file: FileId,
    yaml: &str,
    place: impl Fn(usize) -> (usize, usize),
    diagnostics: &mut Diagnostics,
) {
    let contact = contact_ranges(yaml);
    for finding in find_personal_numbers(yaml) {
        if !contact.iter().any(|r| r.contains(&finding.start)) {
            let (line, column) = place(finding.start);
            diagnostics.push(
                file,
                At::Pos { line, column },
                Problem::PersonalNumber(finding.kind),
            );
        }
    }
}

/// Byte ranges of the top-level `contact:` blocks of a YAML text: from the
/// key to the next line that starts at column 1 with anything but a comment.
fn contact_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let top_level = line.starts_with(|c: char| !c.is_whitespace() && c != '#');
        if top_level {
            if let Some(s) = start.take() {
                ranges.push(s..offset);
            }
            if line.starts_with("contact:") {
                start = Some(offset);
            }
        }
        offset += line.len();
    }
    if let Some(s) = start {
        ranges.push(s..offset);
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(d: &Diagnostics) -> Vec<(At, Problem)> {
        d.iter()
            .map(|d| (d.at.clone(), d.problem.clone()))
            .collect()
    }

    #[test]
    fn escapes_are_told_from_characters_written_as_they_are() {
        use Seg::Key;
        let path = [Key("name"), Key("bo")];
        let escaped = "name: { bo: \"ཀ\\u200bཁ\", zh: 甲 }\n";
        assert!(written_as_escape(escaped, &path, "ཀ\u{200b}ཁ", '\u{200b}'));
        let literal = "name: { bo: \"ཀ\u{200b}ཁ\", zh: 甲 }\n";
        assert!(!written_as_escape(literal, &path, "ཀ\u{200b}ཁ", '\u{200b}'));
        let plain = "name: { bo: ཀ\u{200b}ཁ, zh: 甲 }\n";
        assert!(!written_as_escape(plain, &path, "ཀ\u{200b}ཁ", '\u{200b}'));
        // One of each: the escaped one is reported here.
        let both = "name:\n  zh: 甲\n  bo: \"ཀ\u{200b}\\\"\\u200B\"\n";
        assert!(written_as_escape(
            both,
            &path,
            "ཀ\u{200b}\"\u{200b}",
            '\u{200b}'
        ));
        let esc = "# c\nname: { zh: 甲, bo: \"ཀ\\e\" }\n";
        assert!(written_as_escape(esc, &path, "ཀ\u{1b}", '\u{1b}'));
        let block = "name:\n  bo: |\n    ཀ\u{200b}\n  zh: 甲\n";
        assert!(!written_as_escape(block, &path, "ཀ\u{200b}\n", '\u{200b}'));
        // Without a backslash in the file, no value is looked at again.
        assert_eq!(escapes_in(literal), None);
        assert_eq!(escapes_in(escaped), Some(escaped));
    }

    #[test]
    fn values_are_checked_where_they_are() {
        use Seg::Key;
        let name = [Key("name")];
        let mut d = Diagnostics::default();
        let file = FileId(0);
        let yaml = "name: { bo: \"“བཀྲ་ཤིས་Dorje”\", zh: \"扎西\\u200b\" }\n";
        let text = Text {
            bo: "“བཀྲ་ཤིས་Dorje”".into(),
            zh: "扎西\u{200b}".into(),
        };
        check_value(
            file,
            &name,
            Value::Pair(&text, true),
            escapes_in(yaml),
            &mut d,
        );
        let bo = At::value(vec![Key("name"), Key("bo")]);
        let zh = At::value(vec![Key("name"), Key("zh")]);
        assert_eq!(
            problems(&d),
            vec![
                (
                    bo.clone(),
                    Problem::MixedScript {
                        script: "Latin",
                        letter: 'D'
                    }
                ),
                (
                    bo,
                    Problem::Quoted {
                        open: '“',
                        close: '”'
                    }
                ),
                (
                    zh,
                    Problem::Render(crate::diagnostics::problem::RenderProblem::Invisible(
                        '\u{200b}'
                    ))
                ),
            ]
        );
        // Not a name: Latin letters are fine; no Tibetan letter at all is
        // the wrong script, with room for the EWTS hint.
        let mut d = Diagnostics::default();
        let text = Text {
            bo: "CPC 2021 ཀ".into(),
            zh: "中共".into(),
        };
        check_value(file, &name, Value::Pair(&text, false), None, &mut d);
        assert!(d.is_empty());
        let text = Text {
            bo: "bkra shis".into(),
            zh: "扎西".into(),
        };
        check_value(file, &name, Value::Pair(&text, true), None, &mut d);
        assert_eq!(
            problems(&d),
            vec![(
                At::value(vec![Key("name"), Key("bo")]),
                Problem::WrongScript {
                    lang: "bo",
                    swapped: false,
                    ewts: Some("བཀྲ་ཤིས".into())
                }
            )]
        );
        // A plain string in quotes, at itself.
        let mut d = Diagnostics::default();
        let slug = [Key("notices"), Seg::Index(0), Key("slug")];
        check_value(file, &slug, Value::Plain("「a」"), None, &mut d);
        assert_eq!(
            problems(&d),
            vec![(
                At::value(slug.to_vec()),
                Problem::Quoted {
                    open: '「',
                    close: '」'
                }
            )]
        );
    }

    #[test]
    fn contact_blocks_end_at_the_next_key() {
        let text = "name: x\ncontact:\n  phone: \"13908971234\"\n  # c\nkind: village\ncontact: { phone: 1 }\n";
        let ranges = contact_ranges(text);
        assert_eq!(ranges.len(), 2);
        assert!(ranges[0].contains(&text.find("139").unwrap()));
        assert!(!ranges[0].contains(&text.find("kind").unwrap()));
        assert_eq!(ranges[1].end, text.len());
    }
}
