//! Texts: missing translations, the wrong script, Tibetan that would not
//! render, and personal numbers that must never be published.
//!
//! Pairs are checked on the model (each half located by its YAML path);
//! render problems and personal numbers are found in the raw text of every
//! file that loaded, comments included, so their place is exact.

use super::privacy::find_personal_numbers;
use super::script::{has_han, has_tibetan_letter, render_problems};
use crate::content::model::{NoticeDetail, Text, Village};
use crate::content::{Corpus, FileId, Sources};
use crate::diagnostics::{At, Diagnostics, NodePath, Problem, Seg};

/// The texts of every file but the villages'.
pub(super) fn check(corpus: &Corpus, sources: &Sources, diagnostics: &mut Diagnostics) {
    for_each_site_text(corpus, |file, path, text| {
        check_pair(file, path, text, diagnostics)
    });
    for file in loaded_files(corpus) {
        scan_raw(file, sources, diagnostics);
    }
}

/// The texts of one village file, whose text as written is `raw`.
pub(super) fn check_village(village: &Village, raw: &str, diagnostics: &mut Diagnostics) {
    for_each_village_text(village, |file, path, text| {
        check_pair(file, path, text, diagnostics)
    });
    scan_text(village.file, true, raw, diagnostics);
}

/// Every text pair of the YAML files but the villages', with its file and path.
fn for_each_site_text(corpus: &Corpus, mut visit: impl FnMut(FileId, NodePath, &Text)) {
    use Seg::{Index, Key};
    if let (Some(site), Some(file)) = (&corpus.site, corpus.site_file) {
        visit(file, vec![Key("title")], &site.title);
        visit(file, vec![Key("region")], &site.region);
        if let Some(contact) = &site.contact {
            visit(file, vec![Key("contact"), Key("office")], &contact.office);
        }
    }
    if let Some((file, calendar)) = &corpus.calendar {
        for (i, holiday) in calendar.holidays.iter().enumerate() {
            visit(
                *file,
                vec![Key("holidays"), Index(i), Key("name")],
                &holiday.name,
            );
        }
    }
    for county in &corpus.counties {
        if let Some(name) = &county.name {
            visit(county.file, vec![Key("name")], name);
        }
        for township in county.townships.iter() {
            if let Some(name) = &township.name {
                visit(township.file, vec![Key("name")], name);
            }
        }
    }
}

/// Every text pair of a village file, with its path.
fn for_each_village_text(village: &Village, mut visit: impl FnMut(FileId, NodePath, &Text)) {
    use Seg::{Index, Key};
    let file = village.file;
    visit(file, vec![Key("name")], &village.name);
    if let Some(contact) = &village.contact {
        visit(file, vec![Key("contact"), Key("office")], &contact.office);
    }
    for notice in &village.notices {
        let at = |rest: &[Seg]| {
            let mut path = vec![Key("notices"), Index(notice.index)];
            path.extend_from_slice(rest);
            path
        };
        if let Some(note) = &notice.note {
            visit(file, at(&[Key("note")]), note);
        }
        let (list, people): (&'static str, Vec<_>) = match &notice.detail {
            NoticeDetail::Candidates { candidates, .. } => {
                ("candidates", candidates.iter().collect())
            }
            NoticeDetail::Results { results, .. } => {
                ("results", results.iter().map(|r| &r.person).collect())
            }
        };
        for (i, person) in people.into_iter().enumerate() {
            visit(file, at(&[Key(list), Index(i), Key("name")]), &person.name);
            if let Some(role) = &person.current_role {
                visit(file, at(&[Key(list), Index(i), Key("current_role")]), role);
            }
        }
    }
}

fn check_pair(file: FileId, path: NodePath, text: &Text, diagnostics: &mut Diagnostics) {
    let half = |lang| {
        let mut p = path.clone();
        p.push(Seg::Key(lang));
        At::value(p)
    };
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
            },
        );
    }
    if !text.zh.trim().is_empty() && !has_han(&text.zh) {
        let swapped = has_tibetan_letter(&text.zh) && has_han(&text.bo);
        diagnostics.push(
            file,
            half("zh"),
            Problem::WrongScript {
                lang: "zh",
                swapped,
            },
        );
    }
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
    let source = sources.get(file);
    scan_text(
        file,
        source.path.ends_with(".yaml"),
        &source.text,
        diagnostics,
    );
}

/// Render problems and personal numbers in a file's text as written
/// (`raw`), contact blocks of a YAML file excepted.
fn scan_text(file: FileId, yaml: bool, raw: &str, diagnostics: &mut Diagnostics) {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let at = |offset| {
        let (line, column) = crate::content::position_in(raw, offset);
        At::Pos { line, column }
    };
    for (offset, problem) in render_problems(text) {
        diagnostics.push(file, at(offset), Problem::Render(problem));
    }
    let contact = if yaml {
        contact_ranges(text)
    } else {
        Vec::new()
    };
    for finding in find_personal_numbers(text) {
        if !contact.iter().any(|r| r.contains(&finding.start)) {
            diagnostics.push(
                file,
                at(finding.start),
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
