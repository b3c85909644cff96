//! Stable hashes of inputs, the keys of rendered files.
//!
//! `site` keys each village and county by what it shows, `render` keys each
//! file by its template and inputs, and the pipeline keys whole runs: one
//! hash for all, so that equal inputs always make equal keys.

use std::hash::{Hash, Hasher};

/// A stable hash of anything hashable, for keys.
pub(crate) fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}
