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
    /// Per county, per township: its villages' entries in the order added.
    villages: Vec<Vec<Vec<Arc<SiteVillage>>>>,
    /// Each village's figures with the index of its county, in village order.
    figures: Vec<(usize, Arc<VillageFigures>)>,
}

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
                        .map(|t| Vec::with_capacity(t.villages.len()))
                        .collect()
                })
                .collect(),
            figures: Vec::new(),
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
        self.villages[c][t].push(entry);
        self.figures.push((c, part));
    }

    /// The complete site: `site` (as resolved before the villages) with
    /// every village in its township and the figures added up.
    pub fn complete(self, site: Site) -> Site {
        let mut per_county: Vec<(String, Vec<Arc<VillageFigures>>)> = site
            .counties
            .iter()
            .map(|c| (c.slug.clone(), Vec::new()))
            .collect();
        for (county, village) in self.figures {
            per_county[county].1.push(village);
        }
        let mut counties = site.counties;
        for (county, villages) in counties.iter_mut().zip(self.villages) {
            for (township, villages) in county.townships.iter_mut().zip(villages) {
                township.villages = villages;
            }
        }
        Site {
            counties,
            figures: figures::total(per_county),
            ..site
        }
    }
}
