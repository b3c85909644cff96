//! Everything but the villages: the content files are loaded and checked,
//! the theme is loaded, and its problems become diagnostics of their files.
//!
//! Input: the site's root. Output: a [`Checked`], which the villages then
//! join one by one (their problems, and the text of files that have some).
//! Nothing here reads a village file or renders a page.

use std::path::Path;
use std::sync::Arc;

use crate::content::{self, Corpus, LoadError};
use crate::diagnostics::problem::ThemeFault;
use crate::diagnostics::{At, Diagnostics, Problem, Seg, Severity};
use crate::diagnostics::{FileId, Sources};
use crate::render::{Theme, ThemeProblem};
use crate::site::Site;

/// What loading and checking produced.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The model of everything but the villages, which pass one at a time.
    pub corpus: Corpus,
    /// Every file's path, and the text of every file that has a problem
    /// or is not a village.
    pub sources: Sources,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// The site's theme, loaded and checked (`None` if it could not be).
    pub theme: Option<Arc<Theme>>,
}

impl Checked {
    /// Every problem as `check` prints it, then the summary line.
    pub fn report(&self) -> String {
        let located = self.diagnostics.resolved(&self.sources);
        let mut out = String::new();
        for item in &located {
            out.push_str(&crate::diagnostics::render(item, &self.sources));
            out.push('\n');
        }
        let mut files: Vec<&str> = located.iter().map(|l| l.path).collect();
        files.dedup();
        out.push_str(&crate::diagnostics::summary(
            self.diagnostics.count(Severity::Error),
            self.diagnostics.count(Severity::Warning),
            files.len(),
            self.corpus.files_read,
        ));
        out.push('\n');
        out
    }

    /// A hash of what a rendered village's files are made from besides the
    /// village: the other content files (settings, calendar, area names,
    /// announcements), the theme, the announcements in the site on the
    /// day, the day's year (a birth year's bound in the checks) and the
    /// preview flag. The day itself is not in it: what else of it a
    /// village's files show depends on the village ([`Site::standing`]).
    pub(super) fn key_for_villages(&self, theme: &Theme, site: &Site) -> u64 {
        // Village files are not read yet: their texts are empty, and a
        // village added or removed changes no other village's files.
        let files: Vec<(&str, &str)> = self
            .sources
            .iter()
            .filter(|f| !f.text.is_empty())
            .map(|f| (f.path.as_str(), f.text.as_str()))
            .collect();
        let year = site.today.year();
        crate::keys::hash_of(&(files, theme.key, &site.announcements, year, site.preview))
    }
}

/// Loads and checks everything but the villages, and the theme.
pub(crate) fn load(root: &Path) -> Result<Checked, LoadError> {
    let (corpus, mut sources, mut diagnostics) = content::load(root)?;
    crate::check::run(&corpus, &sources, &mut diagnostics);
    // A `theme` that is no folder name is reported by the settings check
    // (and refused by the loader too): nothing to load or report again.
    let theme = corpus
        .site
        .as_ref()
        .filter(|site| content::is_slug(&site.theme));
    let theme = theme.and_then(|site| {
        let loaded = Theme::load(root, &site.theme);
        match &loaded {
            Ok(theme) => check_unconfirmed(theme, &mut sources, &mut diagnostics),
            Err(problems) => report_theme_problems(
                problems.clone(),
                corpus.site_file,
                &mut sources,
                &mut diagnostics,
            ),
        }
        loaded.ok().map(Arc::new)
    });
    Ok(Checked {
        corpus,
        sources,
        diagnostics,
        theme,
    })
}

/// The theme's problems as diagnostics of their files: a theme folder
/// that does not exist is placed at `theme:` in `site.yaml`, a catalog or
/// template that does not parse at the line where its parser stopped.
fn report_theme_problems(
    problems: Vec<ThemeProblem>,
    site_file: Option<FileId>,
    sources: &mut Sources,
    diagnostics: &mut Diagnostics,
) {
    for problem in problems {
        let (path, text, at, fault) = match problem {
            // Reported by the settings check, at `theme:`; never loaded.
            ThemeProblem::NotAFolderName(_) => continue,
            ThemeProblem::NoSuchFolder(name) => match site_file {
                Some(file) => {
                    diagnostics.push(
                        file,
                        At::value(vec![Seg::Key("theme")]),
                        Problem::Theme(ThemeFault::NoSuchFolder(name)),
                    );
                    continue;
                }
                None => (
                    format!("themes/{name}"),
                    None,
                    None,
                    ThemeFault::NoSuchFolder(name),
                ),
            },
            ThemeProblem::Unreadable { path, why } => {
                (path, None, None, ThemeFault::Unreadable(why))
            }
            ThemeProblem::Missing(path) => (path, None, None, ThemeFault::Missing),
            ThemeProblem::NotUtf8(path) => (path, None, None, ThemeFault::NotUtf8),
            ThemeProblem::BadCatalog {
                path,
                text,
                at,
                why,
            } => (path, Some(text), at, ThemeFault::CatalogSyntax(why)),
            ThemeProblem::UnknownKey {
                path,
                text,
                at,
                key,
                suggestion,
            } => (
                path,
                Some(text),
                at,
                ThemeFault::UnknownKey { key, suggestion },
            ),
            ThemeProblem::Catalog { path, problem } => {
                (path, None, None, ThemeFault::Catalog(problem))
            }
            ThemeProblem::BadTemplate {
                path,
                text,
                at,
                why,
                tera1,
            } => {
                let fault = if tera1 {
                    ThemeFault::Tera1Template(why)
                } else {
                    ThemeFault::TemplateSyntax(why)
                };
                (path, Some(text), at, fault)
            }
        };
        let at = match at {
            Some((line, column)) => At::Pos { line, column },
            None => At::File,
        };
        let file = sources.add(path, text.unwrap_or_default());
        diagnostics.push(file, at, Problem::Theme(fault));
    }
}

/// Reports each entry of the catalogs' `unconfirmed:` lists that names no
/// key of its catalog (a site's file's own list: the built-in lists name
/// only keys they have), placed at the entry (the catalog's text joins the
/// sources only then, for the report to show the line).
fn check_unconfirmed(theme: &Theme, sources: &mut Sources, diagnostics: &mut Diagnostics) {
    for (catalog, file) in [&theme.bo, &theme.zh].into_iter().zip(&theme.catalog_files) {
        let unknown = catalog.unknown_among(&file.listed);
        if unknown.is_empty() {
            continue;
        }
        let file = sources.add(file.path.clone(), file.text.clone());
        for (index, key, suggestion) in unknown {
            diagnostics.push(
                file,
                At::value(vec![Seg::Key("unconfirmed"), Seg::Index(index)]),
                Problem::UnknownUnconfirmed {
                    key: key.to_owned(),
                    suggestion,
                },
            );
        }
    }
}
