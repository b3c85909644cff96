//! Announcements: both languages present and agreeing, scopes that name
//! areas, titles in the right script, and safe links (notes of notices too).

use std::collections::BTreeMap;

use super::links::unsafe_links;
use super::script::{has_han, has_tibetan_letter};
use crate::chars::wrapping_quotes;
use crate::content::codes::Language;
use crate::content::model::{Announcement, Corpus, Village};
use crate::diagnostics::{At, Diagnostics, Problem, Seg, Sources};

pub(super) fn check(corpus: &Corpus, sources: &Sources, diagnostics: &mut Diagnostics) {
    let areas = area_paths(corpus);
    let mut by_slug: BTreeMap<&str, Vec<&Announcement>> = BTreeMap::new();
    for announcement in &corpus.announcements {
        by_slug
            .entry(&announcement.slug)
            .or_default()
            .push(announcement);
        check_one(announcement, &areas, sources, diagnostics);
    }
    for files in by_slug.values() {
        match files.as_slice() {
            [only] => {
                let lang = match only.lang {
                    Language::Bo => "zh",
                    Language::Zh => "bo",
                };
                diagnostics.push(only.file, At::File, Problem::AnnouncementAlone { lang });
            }
            [bo, zh, ..] => {
                let other = sources.get(bo.file).path.clone();
                let differs = [
                    ("date", bo.date != zh.date),
                    ("draft", bo.draft != zh.draft),
                    ("scope", bo.scope != zh.scope),
                ];
                for (field, differ) in differs {
                    if differ {
                        diagnostics.push(
                            zh.file,
                            At::key(vec![Seg::Key(field)]),
                            Problem::AnnouncementMismatch {
                                field,
                                other: other.clone(),
                            },
                        );
                    }
                }
            }
            [] => {}
        }
    }
}

/// Links in the notes of a village's notices and of their corrections.
pub(super) fn check_notes(village: &Village, diagnostics: &mut Diagnostics) {
    for notice in &village.notices {
        let here = [Seg::Key("notices"), Seg::Index(notice.index)];
        let note = notice
            .note
            .iter()
            .map(|note| (vec![Seg::Key("note")], note));
        let corrections = notice.corrections.iter().enumerate().map(|(i, c)| {
            let at = vec![Seg::Key("corrections"), Seg::Index(i), Seg::Key("note")];
            (at, &c.note)
        });
        for (at, note) in note.chain(corrections) {
            for (lang, text) in [("bo", &note.bo), ("zh", &note.zh)] {
                for (_, problem) in unsafe_links(text) {
                    let mut path = here.to_vec();
                    path.extend(at.iter().cloned());
                    path.push(Seg::Key(lang));
                    diagnostics.push(village.file, At::value(path), problem);
                }
            }
        }
    }
}

fn check_one(
    announcement: &Announcement,
    areas: &[String],
    sources: &Sources,
    diagnostics: &mut Diagnostics,
) {
    let file = announcement.file;
    let title_at = || At::value(vec![Seg::Key("title")]);
    let (lang, right_script) = match announcement.lang {
        Language::Bo => ("bo", has_tibetan_letter(&announcement.title)),
        Language::Zh => ("zh", has_han(&announcement.title)),
    };
    if announcement.title.trim().is_empty() {
        diagnostics.push(file, title_at(), Problem::MissingTranslation(lang));
    } else if !right_script {
        diagnostics.push(
            file,
            title_at(),
            Problem::WrongScript {
                lang,
                swapped: false,
                ewts: match announcement.lang {
                    Language::Bo => super::texts::ewts_hint(&announcement.title),
                    Language::Zh => None,
                },
            },
        );
    }
    for (i, scope) in announcement.scope.iter().enumerate() {
        // A scope in typographic quotes is reported as such (see `texts`).
        if !areas.iter().any(|a| a == scope) && wrapping_quotes(scope).is_none() {
            let candidates: Vec<&str> = areas.iter().map(String::as_str).collect();
            let suggestion = crate::suggest::closest(scope, &candidates).map(str::to_owned);
            diagnostics.push(
                file,
                At::value(vec![Seg::Key("scope"), Seg::Index(i)]),
                Problem::UnknownScope {
                    scope: scope.clone(),
                    suggestion,
                },
            );
        }
    }
    let source = sources.get(file);
    for (offset, problem) in unsafe_links(&announcement.body) {
        let (line, column) = source.position(announcement.body_offset + offset);
        diagnostics.push(file, At::Pos { line, column }, problem);
    }
}

/// Every area a scope may name: `county`, `county/township`, `county/township/village`.
fn area_paths(corpus: &Corpus) -> Vec<String> {
    let mut areas = Vec::new();
    for county in &corpus.counties {
        areas.push(county.slug.clone());
        for township in &county.townships {
            areas.push(format!("{}/{}", county.slug, township.slug));
            for village in &township.villages {
                // A village whose file has problems is still an area.
                areas.push(format!(
                    "{}/{}/{}",
                    county.slug, township.slug, village.slug
                ));
            }
        }
    }
    areas
}
