//! The site's index, built as the villages pass: each village's entry in
//! its township, in slug order, and its part in the figures.
//!
//! The [`Site`] the villages are rendered with has no village in its index
//! yet; once every village has passed, [`SiteIndex::complete`] makes the
//! complete site from it, whose figures are added up. A `Site` is never
//! changed after it is made.

use std::sync::Arc;

use super::{figures, Site, SiteVillage, VillageFigures};
use crate::content::Corpus;

/// Entries and figures of the villages that have passed so far.
#[derive(Debug, Default)]
pub struct SiteIndex {
    /// Per county, per township: its villages' entries and figures in the
    /// order added.
    villages: Vec<Vec<Passed>>,
}

/// A township's villages as they passed: entries, and figures in the
/// same order.
type Passed = (Vec<Arc<SiteVillage>>, Vec<Arc<VillageFigures>>);

impl SiteIndex {
    /// An empty index with room for the corpus's villages.
    pub fn for_corpus(corpus: &Corpus) -> SiteIndex {
        SiteIndex {
            villages: corpus
                .counties
                .iter()
                .map(|county| {
                    county
                        .townships
                        .iter()
                        .map(|t| {
                            let n = t.villages.len();
                            (Vec::with_capacity(n), Vec::with_capacity(n))
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// Adds a resolved village of county `c`, township `t`, after those
    /// before it in its township (villages pass in slug order).
    pub fn add(
        &mut self,
        (c, t): (usize, usize),
        entry: Arc<SiteVillage>,
        part: Arc<VillageFigures>,
    ) {
        let (entries, figures) = &mut self.villages[c][t];
        entries.push(entry);
        figures.push(part);
    }

    /// The complete site: `site` (as resolved before the villages) with
    /// every village in its township and the figures added up.
    pub fn complete(self, site: Site) -> Site {
        let mut counties = site.counties;
        for (county, villages) in counties.iter_mut().zip(self.villages) {
            for (township, (villages, figures)) in county.townships.iter_mut().zip(villages) {
                township.villages = villages;
                township.figures = figures;
            }
        }
        Site {
            figures: figures::total(&counties),
            counties,
            ..site
        }
    }
}
