//! Every rule of the contract's Checks section, run over the loaded model.
//!
//! Input: the [`Corpus`] and its [`Sources`]. Output: problems pushed onto a
//! [`Diagnostics`]. Checks see drafts and scheduled items too, so problems
//! show before the publication day. A check never stops at the first
//! problem, never panics on what loading accepted, and never writes.

mod announcements;
mod links;
mod notices;
mod people;
pub mod privacy;
pub mod script;
mod settings;
mod texts;

use crate::content::model::Village;
use crate::content::{Corpus, Sources};
use crate::diagnostics::Diagnostics;

/// Runs every check over what loading produced; each village's on its own
/// thread, as a village's checks read only its file and the settings.
pub fn run(corpus: &Corpus, sources: &Sources, diagnostics: &mut Diagnostics) {
    use rayon::prelude::*;
    let calendar = corpus.calendar();
    settings::check(corpus, &calendar, diagnostics);
    texts::check(corpus, sources, diagnostics);
    // An out-of-range age is reported by `settings`; judge on the default meanwhile.
    let rules = corpus.site.as_ref().map(|site| {
        if settings::young_age_ok(site.rules.young_age) {
            site.rules.clone()
        } else {
            crate::content::model::Rules {
                young_age: 35,
                ..site.rules.clone()
            }
        }
    });
    let villages: Vec<&Village> = corpus.villages().map(|(_, _, v)| v).collect();
    let per_village: Vec<Diagnostics> = villages
        .par_iter()
        .map(|village| {
            let mut found = Diagnostics::default();
            texts::check_village(village, sources, &mut found);
            notices::check(village, &calendar, corpus.calendar.is_some(), &mut found);
            if let Some(rules) = &rules {
                people::check(village, rules, &calendar, &mut found);
            }
            found
        })
        .collect();
    for found in per_village {
        diagnostics.extend(found);
    }
    announcements::check(corpus, sources, diagnostics);
}
