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
