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
    let (corpus, sources, mut diagnostics) = content::load(root)?;
    crate::check::run(&corpus, &sources, &mut diagnostics);
    Ok(Checked {
        corpus,
        sources,
        diagnostics,
    })
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
    root: &Path,
    checked: &Checked,
    today: Option<jiff::civil::Date>,
    preview: bool,
    cache: &mut crate::render::RenderCache,
    sink: &mut crate::render::Sink<'_>,
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
    let theme = crate::render::Theme::load(root, &config.theme).map_err(BuildError::Failed)?;
    let site = crate::site::resolve(&checked.corpus, today, preview).ok_or(BuildError::Problems)?;
    let stats =
        crate::render::render_each(&site, &theme, cache, sink).map_err(BuildError::Failed)?;
    Ok(Run {
        stats,
        today,
        theme,
    })
}

/// What one rendering run did.
#[derive(Debug)]
pub struct Run {
    /// Files in the site, and how many were rendered.
    pub stats: crate::render::RenderStats,
    /// The "as of" day used.
    pub today: jiff::civil::Date,
    /// The theme it used (serve words its error pages with it).
    pub theme: crate::render::Theme,
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
    let mut staging = crate::output::Staging::new(&output).map_err(BuildError::Failed)?;
    let mut sink = |path: &str, rendered: crate::render::Rendered<'_>| match rendered {
        crate::render::Rendered::Fresh(bytes) => staging.write(path, bytes),
        crate::render::Rendered::Unchanged => {
            Err(format!("{path}: no earlier build to keep it from"))
        }
    };
    let mut cache = crate::render::RenderCache::default();
    let run = render(root, checked, today, preview, &mut cache, &mut sink)?;
    staging.publish().map_err(BuildError::Failed)?;
    Ok(Built {
        files: run.stats.files,
        today: run.today,
    })
}
