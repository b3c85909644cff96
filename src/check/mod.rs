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

use crate::content::{Corpus, Sources};
use crate::diagnostics::Diagnostics;

/// Runs every check over what loading produced.
pub fn run(corpus: &Corpus, sources: &Sources, diagnostics: &mut Diagnostics) {
    let calendar = corpus.calendar();
    settings::check(corpus, &calendar, diagnostics);
    texts::check(corpus, sources, diagnostics);
    for (_, _, village) in corpus.villages() {
        notices::check(village, &calendar, corpus.calendar.is_some(), diagnostics);
        if let Some(site) = &corpus.site {
            // An out-of-range age is reported by `settings`; judge on the default meanwhile.
            let default_rules;
            let rules = if settings::young_age_ok(site.rules.young_age) {
                &site.rules
            } else {
                default_rules = crate::content::model::Rules {
                    young_age: 35,
                    ..site.rules.clone()
                };
                &default_rules
            };
            people::check(village, rules, &calendar, diagnostics);
        }
    }
    announcements::check(corpus, sources, diagnostics);
}
