//! Reading `content/` into the typed model.
//!
//! Input: the root folder. Output: a [`Corpus`] (the [`model`]), the
//! [`Sources`] of every file read, and the problems found while reading.
//! Each file is parsed once; a file that cannot be read into the model
//! reports its first problem and is left out of the corpus, and every other
//! file is still read. Nothing here writes to disk or decides what is
//! published: that is `check` and `site`.

pub mod codes;
pub mod date;
pub mod model;

mod announcement;
mod load;
mod locate;
mod names;
mod scalar;
mod shape;
mod sources;
mod village;
mod yaml;

#[cfg(test)]
pub(crate) use load::village_from_yaml;
pub use load::{load, read_village, LoadError, VillageRead};
pub(crate) use locate::locate;
pub use model::Corpus;
pub(crate) use sources::position_in;
pub use sources::{FileId, SourceFile, Sources};

pub(crate) use names::{is_ignored, is_slug, suggest_slug};

use crate::diagnostics::At;

/// Line and column (from 1) of a diagnostic's place in its file.
pub(crate) fn resolve_position(sources: &Sources, file: FileId, at: &At) -> (usize, usize) {
    match at {
        At::File => (1, 1),
        At::Pos { line, column } => (*line, *column),
        At::Node { path, key } => {
            let source = sources.get(file);
            let (text, lines_before) = match &source.front_matter {
                Some((range, before)) => (&source.body()[range.clone()], *before),
                None => (source.body(), 0),
            };
            // A node that is not in the file (a missing half of a pair) is
            // placed at its nearest ancestor that is.
            (0..=path.len())
                .rev()
                .find_map(|len| locate::locate(text, &path[..len], *key && len == path.len()))
                .map_or((1, 1), |(l, c)| (l + lines_before, c))
        }
    }
}
