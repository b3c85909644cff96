//! Stable hashes of inputs, the keys of rendered files.
//!
//! `site` keys each village and county by what it shows, `render` keys each
//! file by its template and inputs, and the pipeline keys whole runs: one
//! hash for all, so that equal inputs always make equal keys.

use std::hash::Hash;

/// The seeds of every key: fixed, so that equal inputs make equal keys in
/// every run (a saved build's keys are compared with the next build's).
const SEEDS: [u64; 4] = [
    0x6761_6e67_7368_6931,
    0x7075_626c_6963_2021,
    0x0f40_0f0b_0f0b_0f42,
    0x516c_5f21_3133_3337,
];

/// A hash of anything hashable, for keys: the same in every run of this
/// gongshi on this machine (ahash with fixed seeds, several times faster
/// than the standard library's SipHash on page contexts; a saved build
/// moved to a machine whose ahash takes the other path only finds every
/// key changed, and renders everything).
pub(crate) fn hash_of(value: &impl Hash) -> u64 {
    let [a, b, c, d] = SEEDS;
    ahash::RandomState::with_seeds(a, b, c, d).hash_one(value)
}
