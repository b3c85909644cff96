//! The stages in order, shared by every command: `check` stops after the
//! checks; `build` and `serve` will go on from the same result.

use std::path::Path;

use crate::content::{self, Corpus, LoadError, Sources};
use crate::diagnostics::Diagnostics;

/// What loading and checking produced.
#[derive(Debug)]
pub struct Checked {
    /// The model.
    pub corpus: Corpus,
    /// Every file read.
    pub sources: Sources,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// The site's theme, loaded and checked (`None` if it could not be).
    pub theme: Option<crate::render::Theme>,
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
            self.diagnostics.count(crate::diagnostics::Severity::Error),
            self.diagnostics
                .count(crate::diagnostics::Severity::Warning),
            files.len(),
            self.corpus.files_read,
        ));
        out.push('\n');
        out
    }
}

/// Loads `root/content` and runs every check.
pub fn check(root: &Path) -> Result<Checked, LoadError> {
    let (corpus, mut sources, mut diagnostics) = content::load(root)?;
    crate::check::run(&corpus, &sources, &mut diagnostics);
    let theme = corpus.site.as_ref().and_then(|site| {
        let loaded = crate::render::Theme::load(root, &site.theme);
        if let Err(problems) = &loaded {
            report_theme_problems(problems, corpus.site_file, &mut sources, &mut diagnostics);
        }
        loaded.ok()
    });
    Ok(Checked {
        corpus,
        sources,
        diagnostics,
        theme,
    })
}

/// The theme's problems (one per line, `path: message`) as diagnostics of
/// their files; a theme folder that does not exist is placed at `theme:`
/// in `site.yaml`.
fn report_theme_problems(
    problems: &str,
    site_file: Option<content::FileId>,
    sources: &mut Sources,
    diagnostics: &mut Diagnostics,
) {
    use crate::diagnostics::{At, Problem, Seg};
    for line in problems.lines() {
        let (path, message) = line.split_once(": ").unwrap_or(("themes", line));
        match site_file {
            Some(file) if message.starts_with("no such theme folder") => {
                diagnostics.push(
                    file,
                    At::value(vec![Seg::Key("theme")]),
                    Problem::Theme(message.to_owned()),
                );
            }
            _ => {
                let file = sources.add(path.to_owned(), String::new());
                diagnostics.push(file, At::File, Problem::Theme(message.to_owned()));
            }
        }
    }
}

/// How a build ended, when it could not write the site.
#[derive(Debug)]
pub enum BuildError {
    /// The content has problems that stop a build (already in `Checked`).
    Problems,
    /// The theme, the output folder or the disk failed.
    Failed(String),
}

/// What a successful build wrote.
#[derive(Debug)]
pub struct Built {
    /// Files written.
    pub files: usize,
    /// The "as of" day used.
    pub today: jiff::civil::Date,
}

/// Resolves the checked site as of `today` (default: today in the site's
/// time zone) and renders it through `cache` into `sink`. Shared by `build`
/// (an empty cache, a sink that writes files) and `serve` (a kept cache, a
/// sink that updates the served snapshot).
pub fn render(
    checked: &Checked,
    today: Option<jiff::civil::Date>,
    preview: bool,
    cache: &mut crate::render::RenderCache,
    sink: &crate::render::Sink<'_>,
) -> Result<Run, BuildError> {
    if checked.diagnostics.fails(false) {
        return Err(BuildError::Problems);
    }
    let config = checked.corpus.site.as_ref().ok_or(BuildError::Problems)?;
    let today = match today.or_else(|| config.today()) {
        Some(day) => day,
        None => {
            return Err(BuildError::Failed(format!(
                "unknown time zone `{}`",
                config.timezone
            )))
        }
    };
    let theme = checked.theme.as_ref().ok_or(BuildError::Problems)?;
    let site = crate::site::resolve(&checked.corpus, today, preview).ok_or(BuildError::Problems)?;
    let stats =
        crate::render::render_each(&site, theme, cache, sink).map_err(BuildError::Failed)?;
    Ok(Run { stats, today })
}

/// What one rendering run did.
#[derive(Debug)]
pub struct Run {
    /// Files in the site, and how many were rendered.
    pub stats: crate::render::RenderStats,
    /// The "as of" day used.
    pub today: jiff::civil::Date,
}

/// Renders the checked site into `output`, atomically: into a temporary
/// folder beside it, swapped in only when everything was written.
pub fn build(
    root: &Path,
    checked: &Checked,
    output: &Path,
    today: Option<jiff::civil::Date>,
    preview: bool,
    deny_warnings: bool,
) -> Result<Built, BuildError> {
    if checked.diagnostics.fails(deny_warnings) {
        return Err(BuildError::Problems);
    }
    let output = crate::output::guard(root, output).map_err(BuildError::Failed)?;
    let staging = crate::output::Staging::new(&output).map_err(BuildError::Failed)?;
    let sink = |path: &str, rendered: crate::render::Rendered<'_>| match rendered {
        crate::render::Rendered::Fresh(bytes) => staging.write(path, bytes),
        crate::render::Rendered::Unchanged => {
            Err(format!("{path}: no earlier build to keep it from"))
        }
    };
    let mut cache = crate::render::RenderCache::once();
    let run = render(checked, today, preview, &mut cache, &sink)?;
    staging.publish().map_err(BuildError::Failed)?;
    Ok(Built {
        files: run.stats.files,
        today: run.today,
    })
}
