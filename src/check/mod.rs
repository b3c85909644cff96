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
mod published;
pub mod script;
mod settings;
mod texts;

use crate::calendar::Calendar;
use crate::content::model::{Rules, Village};
use crate::content::Corpus;
use crate::diagnostics::{Diagnostics, Sources};

/// Runs the checks of everything but the villages (see [`village`]).
pub fn run(corpus: &Corpus, sources: &Sources, diagnostics: &mut Diagnostics) {
    settings::check(corpus, corpus.calendar(), diagnostics);
    texts::check(corpus, sources, diagnostics);
    announcements::check(corpus, sources, diagnostics);
}

/// What a village's checks read besides its file: the settings.
#[derive(Debug)]
pub struct VillageChecks {
    calendar: Calendar,
    has_calendar: bool,
    rules: Option<Rules>,
}

impl VillageChecks {
    /// The calendar the villages are checked with.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The settings of `corpus` as the village checks use them.
    pub fn new(corpus: &Corpus) -> VillageChecks {
        // An out-of-range age is reported by `settings`; judge on the default meanwhile.
        let rules = corpus.site.as_ref().map(|site| {
            if settings::young_age_ok(site.rules.young_age) {
                site.rules.clone()
            } else {
                Rules {
                    young_age: 35,
                    ..site.rules.clone()
                }
            }
        });
        VillageChecks {
            calendar: corpus.calendar().clone(),
            has_calendar: corpus.calendar.is_some(),
            rules,
        }
    }
}

/// Runs every check of one village, whose file's text as written is `raw`.
/// A village's checks read only its file and the settings, so villages
/// are checked in parallel and need not be held together. A village that
/// is not `complete` (some notices did not read) gets only the checks that
/// look at one notice at a time: judging its persons or matching results
/// to candidates without the missing notices would report what is not so.
pub fn village(
    village: &Village,
    raw: &str,
    setup: &VillageChecks,
    complete: bool,
) -> VillageChecked {
    let mut found = Diagnostics::default();
    texts::check_village(village, raw, complete, &mut found);
    notices::check(
        village,
        &setup.calendar,
        setup.has_calendar,
        complete,
        &mut found,
    );
    people::check_records(village, &setup.calendar, &mut found);
    settings::check_village(village, &mut found);
    let missed = match (&setup.rules, complete) {
        (Some(rules), true) => Some(people::check(village, rules, &setup.calendar, &mut found)),
        _ => None,
    };
    announcements::check_notes(village, &mut found);
    VillageChecked {
        problems: found,
        missed,
    }
}

/// What the checks of one village found.
#[derive(Debug, Default)]
pub struct VillageChecked {
    /// Its problems.
    pub problems: Diagnostics,
    /// The composition rules its notices, all of them, miss (by their
    /// `site.yaml` key), when they were judged: the village's figures take
    /// this judgement rather than judge again when every notice is
    /// published.
    pub missed: Option<Vec<&'static str>>,
}
