//! Reading `content/` into the typed model.
//!
//! Input: the root folder. Output: a [`Corpus`] (the [`model`]), the
//! [`Sources`](crate::diagnostics::Sources) of every file read, and the problems found while reading.
//! Each file is parsed once; a file that cannot be read into the model
//! reports its first problem and is left out of the corpus, and every other
//! file is still read. Nothing here writes to disk or decides what is
//! published: that is `check` and `site`.

pub mod codes;
pub mod date;
pub mod model;

mod announcement;
mod encoded;
mod load;
mod names;
mod scalar;
mod shape;
mod village;
mod yaml;

#[cfg(test)]
pub(crate) use load::village_from_yaml;
pub use load::{
    load, load_texts, read_hash, read_text, read_village, village_from_text, LoadError, VillageRead,
};
pub use model::Corpus;

pub(crate) use names::{is_ignored, is_slug, suggest_slug};
