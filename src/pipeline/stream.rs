//! The villages, a chunk of whole townships at a time: each township of a
//! chunk passes on its own thread, its villages on as many threads as are
//! free (`village::pass`), and its print page is rendered as soon as its
//! villages are in; then the outcomes are merged in village order:
//! problems into the report, index entries into the site's index, CSV
//! rows into the region-wide files.
//!
//! What stays is the index (names, notices and figures per village), the
//! problems, and the text of files that have problems, so memory follows
//! the largest chunk and the print parts of the townships in hand (a
//! village's print part, with its QR codes, is the largest thing it
//! gives), not the whole site.
//! Given a kept [`Session`], a village whose file and other inputs are as
//! in the last good run is not read again: its outcome is taken as it was.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::frame::Checked;
use super::saved::rows_at;
use super::session::{KeptVillage, Session};
use super::village::{self, CsvAt, Destination, VillageOutcome};
use crate::check::VillageChecks;
use crate::content::model::{Township, VillageFile};
use crate::content::Corpus;
use crate::render::{CsvParts, FileSet, PrintPart, RunFiles};
use crate::site::index::SiteIndex;

/// Villages handled at once: enough to keep every core busy, few enough
/// that their texts and models never weigh much.
const CHUNK: usize = 1024;

/// What the villages' passing gave, besides their problems (which are in
/// the [`Checked`] they joined).
#[derive(Default)]
pub(super) struct Passed {
    /// The site's index, as the villages passed.
    pub(super) index: SiteIndex,
    /// The villages' files.
    pub(super) rendering: RunFiles,
    /// What to keep of each village for the next run.
    pub(super) kept: HashMap<String, KeptVillage>,
    /// Files of the last run that no village makes any more.
    pub(super) gone: Vec<String>,
    /// Each township's print page, for the next run.
    pub(super) townships: HashMap<String, (u64, FileSet)>,
    /// The print parts of the villages of the townships whose print page
    /// was made (`serve`, while they are few), by village file.
    pub(super) print_parts: HashMap<String, PrintPart>,
}

/// At most how many townships' print parts `serve` keeps for the next
/// rebuild: those of the township being edited, not a first build's.
const KEPT_PRINT_PAGES: usize = 4;

/// Reads, checks and (given a destination) renders every village, a chunk
/// at a time. Problems go into `checked`, with the text of their files.
pub(super) fn villages(
    checked: &mut Checked,
    destination: Option<Destination<'_>>,
    session: &Session,
) -> Result<Passed, String> {
    let corpus = &checked.corpus;
    let setup = VillageChecks::new(corpus);
    let villages: Vec<(usize, usize, &VillageFile)> = corpus
        .counties
        .iter()
        .enumerate()
        .flat_map(|(c, county)| {
            county
                .townships
                .iter()
                .enumerate()
                .flat_map(move |(t, township)| township.villages.iter().map(move |v| (c, t, v)))
        })
        .collect();
    let mut passed = Passed {
        index: SiteIndex::for_corpus(corpus),
        // Sized once: grown, a country's map would be rehashed time and
        // again, and held twice while it is.
        kept: HashMap::with_capacity(villages.len()),
        ..Passed::default()
    };
    // Each township, with where its villages lie in `villages`.
    let mut townships: Vec<((usize, usize), std::ops::Range<usize>)> = Vec::new();
    for (c, county) in corpus.counties.iter().enumerate() {
        for (t, township) in county.townships.iter().enumerate() {
            let start = townships.last().map_or(0, |(_, range)| range.end);
            townships.push(((c, t), start..start + township.villages.len()));
        }
    }
    let places: Vec<(usize, usize)> = townships.iter().map(|&(place, _)| place).collect();
    let (reuse, fresh) = reusable(checked, &villages, &places, destination.as_ref(), session);
    // Whether print parts are kept for the next run, while few townships'.
    let mut keep_parts = session.keeps_print_parts();
    let mut printed_fresh = 0;
    // Bytes of each CSV file written so far: where the next rows start.
    let mut csv_written = CsvParts::headers().by_path().map(|part| part.len() as u64);
    if let Some(destination) = &destination {
        let headers = CsvParts::headers().by_path().map(|part| vec![part.clone()]);
        let headers = destination.renderer.parts(headers, true)?;
        passed.rendering.add(headers);
    }
    let mut next = 0;
    while next < townships.len() {
        // Whole townships, at least a chunk's worth of villages.
        let first = next;
        let mut count = 0;
        while next < townships.len() && (next == first || count < CHUNK) {
            count += townships[next].1.len();
            next += 1;
        }
        // Once any problem stops the build, villages are only checked.
        let destination = destination
            .as_ref()
            .filter(|_| !checked.diagnostics.has_error());
        let sources = &checked.sources;
        let fresh = &fresh;
        let pass_one = |(&(c, t, file), reused): (
            &(usize, usize, &VillageFile),
            &Option<Arc<VillageOutcome>>,
        )|
         -> Result<(Passing, Option<PrintPart>), String> {
            let rel = sources.get(file.file).path.as_str();
            let kept = session.villages.get(rel);
            if let (Some(_), Some(outcome)) = (destination, reused) {
                // Its township's print page is made again: with its part
                // as the last run kept it (see `reusable`).
                let part = fresh
                    .contains(&(c, t))
                    .then(|| session.print_parts.get(rel).cloned())
                    .flatten();
                // A saved build's rows are where its last output has them.
                let rows = match (&outcome.csv, kept, &session.rows_from) {
                    (None, Some(kept), Some(folder)) => Some(rows_at(folder, kept.csv_at)?),
                    _ => None,
                };
                let passing = Passing {
                    outcome: outcome.clone(),
                    reused: true,
                    rows,
                };
                return Ok((passing, part));
            }
            let stamp = session.stamp(&file.path);
            // Only a saved build knows what was published.
            let earlier = kept.filter(|_| session.rows_from_output());
            let earlier = earlier.map(|kept| &kept.outcome.seals[..]);
            let (mut outcome, part) = village::pass(&setup, (c, t, file), destination, earlier)?;
            let stamp = stamp.or_else(|| session.stamp_read(outcome.read));
            // A saved build keeps no rows: the next reads them back.
            let rows = session.rows_from_output().then(|| outcome.csv.take());
            let outcome = Arc::new(VillageOutcome { stamp, ..outcome });
            let passing = Passing {
                outcome,
                reused: false,
                rows: rows.flatten(),
            };
            Ok((passing, part))
        };
        // Each township on its own (its villages on as many threads as
        // are free), its print page made as soon as its villages are in:
        // their print parts, the largest thing a village gives, never
        // wait for the rest of the chunk.
        let done: Vec<Result<TownshipPassed, String>> = townships[first..next]
            .par_iter()
            .map(|(place, range)| {
                let passed: Vec<(Passing, Option<PrintPart>)> = villages[range.clone()]
                    .par_iter()
                    .zip(&reuse[range.clone()])
                    .map(pass_one)
                    .collect::<Result<_, _>>()?;
                let (passed, parts): (Vec<Passing>, Vec<Option<PrintPart>>) =
                    passed.into_iter().unzip();
                // Which village each part is of, by its place in the township.
                let (owners, parts): (Vec<usize>, Vec<PrintPart>) = parts
                    .into_iter()
                    .enumerate()
                    .filter_map(|(at, part)| Some((at, part?)))
                    .unzip();
                let clean = !fresh.contains(place);
                let failed = passed.iter().any(|p| p.outcome.problems.has_error());
                let printed = destination
                    .filter(|_| !failed)
                    .map(|d| print_page((corpus, d), session, *place, clean, &parts))
                    .transpose()?;
                // A village's print part, QR codes and all, is the largest
                // thing it gives: held until the chunk is merged only if
                // it is kept for the next run (25,000 villages peaked at
                // 248 MB with every chunk's parts held, 158 MB without).
                let parts = if keep_parts {
                    (owners, parts)
                } else {
                    Default::default()
                };
                Ok((passed, printed, parts))
            })
            .collect();
        let mut csv: [Vec<Arc<str>>; 2] = Default::default();
        for (done, (place, range)) in done.into_iter().zip(&townships[first..next]) {
            let (done, printed, (owners, parts)) = done?;
            if keep_parts && printed.as_ref().is_some_and(|(_, fresh)| *fresh) {
                printed_fresh += 1;
                if printed_fresh > KEPT_PRINT_PAGES {
                    keep_parts = false;
                    passed.print_parts = HashMap::new();
                } else {
                    for (at, part) in owners.into_iter().zip(parts) {
                        let (_, _, file) = villages[range.start + at];
                        let rel = checked.sources.get(file.file).path.clone();
                        passed.print_parts.insert(rel, part);
                    }
                }
            }
            for (passing, &(c, t, file)) in done.into_iter().zip(&villages[range.clone()]) {
                let Passing {
                    mut outcome,
                    reused,
                    rows,
                } = passing;
                if !reused && session.keep.is_some() {
                    outcome = Arc::new(outcome.kept_copy());
                }
                checked.diagnostics.extend_as(file.file, &outcome.problems);
                if let Some(text) = &outcome.text {
                    checked.sources.set_text(file.file, text.clone());
                }
                if let Some((entry, figures)) = &outcome.entry {
                    passed.index.add((c, t), entry.clone(), figures.clone());
                }
                let mut csv_at = CsvAt::default();
                if let Some(parts) = rows.as_ref().or(outcome.csv.as_ref()) {
                    for (i, (all, part)) in csv.iter_mut().zip(parts.by_path()).enumerate() {
                        csv_at[i] = (csv_written[i], part.len() as u64);
                        csv_written[i] += part.len() as u64;
                        if !part.is_empty() {
                            all.push(part.clone());
                        }
                    }
                }
                let rel = checked.sources.get(file.file).path.clone();
                if reused {
                    passed.rendering.add_unchanged(&outcome.rendering);
                } else {
                    passed.rendering.add(outcome.rendering.clone());
                    if let Some(earlier) = session.villages.get(&rel) {
                        let gone = outcome.rendering.gone_since(&earlier.outcome.rendering);
                        passed.gone.extend(gone.into_iter().map(str::to_owned));
                    }
                }
                if let (Some(destination), Some(stamp)) = (destination, outcome.stamp) {
                    if outcome.entry.is_some() {
                        let key = destination.key;
                        passed.kept.insert(
                            rel,
                            KeptVillage {
                                stamp,
                                key,
                                outcome,
                                csv_at,
                            },
                        );
                    }
                }
            }
            township_done(checked, session, &mut passed, *place, printed);
        }
        if let Some(destination) = destination {
            passed
                .rendering
                .add(destination.renderer.parts(csv, false)?);
        }
    }
    for (township, (_, earlier)) in &session.townships {
        if !passed.townships.contains_key(township) {
            passed.gone.extend(earlier.paths().map(str::to_owned));
        }
    }
    // Villages whose files are gone, or that no longer render.
    for (path, earlier) in &session.villages {
        if !passed.kept.contains_key(path) {
            passed
                .gone
                .extend(earlier.outcome.rendering.paths().map(str::to_owned));
        }
    }
    Ok(passed)
}

/// A village as it passed: its outcome, whether it was reused, and its
/// CSV rows (those kept out of the outcome, or read back).
struct Passing {
    outcome: Arc<VillageOutcome>,
    reused: bool,
    rows: Option<CsvParts>,
}

/// A township's villages as they passed, its print page if made, and the
/// print parts it was made from, with the place of each one's village in
/// the township.
type TownshipPassed = (Vec<Passing>, Option<Printed>, (Vec<usize>, Vec<PrintPart>));

/// A township's print page: its files, and whether they were made this
/// run (else they are the last run's, every village being as it was).
type Printed = (FileSet, bool);

/// Townships by their county's and their own place in the corpus.
type Places = HashSet<(usize, usize)>;

/// For each village, its outcome of the last run if it may be taken as it
/// was; and the townships whose print page is made again. A township's
/// print page is made from all its villages, so one village read again has
/// its whole township read again (their pages are still found unchanged by
/// their keys), unless the last run kept their print parts (`serve`, for
/// the township last edited); a township whose villages are all reused
/// keeps its print page as it was.
fn reusable(
    checked: &Checked,
    villages: &[(usize, usize, &VillageFile)],
    townships: &[(usize, usize)],
    destination: Option<&Destination<'_>>,
    session: &Session,
) -> (Vec<Option<Arc<VillageOutcome>>>, Places) {
    let Some(destination) = destination else {
        return (vec![None; villages.len()], HashSet::new());
    };
    let corpus = &checked.corpus;
    let site = destination.site;
    // A village stands as it did if its notices' days say so (its files
    // show nothing else of the day). One saved with problems has no entry
    // to give: it is known by its files alone, and read again.
    let stands = |outcome: &Arc<VillageOutcome>| {
        outcome.entry.is_some()
            && session.day.is_some_and(|last| {
                // The same day (serve's every rebuild): no need to ask.
                last == site.today
                    || site.standing(&outcome.dates, last)
                        == site.standing(&outcome.dates, site.today)
            })
    };
    let mut reuse: Vec<Option<Arc<VillageOutcome>>> = villages
        .par_iter()
        .map(|&(_, _, file)| {
            let rel = checked.sources.get(file.file).path.as_str();
            session
                .reuse(rel, &file.path, destination.key)
                .filter(|outcome| stands(outcome))
                .cloned()
        })
        .collect();
    let fresh: HashSet<(usize, usize)> = villages
        .iter()
        .zip(&reuse)
        .filter(|(_, outcome)| outcome.is_none())
        .map(|(&(c, t, _), _)| (c, t))
        .chain(townships.iter().copied().filter(|&(c, t)| {
            let kept = session.townships.get(&township_path(corpus, (c, t)));
            kept.map(|(key, _)| *key) != Some(villages_key(&corpus.counties[c].townships[t]))
        }))
        .collect();
    for (outcome, &(c, t, file)) in reuse.iter_mut().zip(villages) {
        let rel = checked.sources.get(file.file).path.as_str();
        if fresh.contains(&(c, t)) && !session.print_parts.contains_key(rel) {
            *outcome = None;
        }
    }
    (reuse, fresh)
}

/// `county/township`: a township by its slugs, which (unlike its
/// position) stays the same when a township is added before it.
fn township_path(corpus: &Corpus, (c, t): (usize, usize)) -> String {
    let county = &corpus.counties[c];
    format!("{}/{}", county.slug, county.townships[t].slug)
}

/// A hash of which villages a township has: its print page lists them all,
/// so a village added or removed makes it anew.
fn villages_key(township: &Township) -> u64 {
    crate::keys::hash_of(
        &township
            .villages
            .iter()
            .map(|v| &v.slug)
            .collect::<Vec<_>>(),
    )
}

/// The print page of the township `(c, t)` once its villages have passed,
/// from their `parts` in village order; or, if every village of it was
/// reused (`clean`), the page of the last run.
fn print_page(
    (corpus, destination): (&Corpus, &Destination<'_>),
    session: &Session,
    (c, t): (usize, usize),
    clean: bool,
    parts: &[PrintPart],
) -> Result<Printed, String> {
    let earlier = session.townships.get(&township_path(corpus, (c, t)));
    match earlier {
        Some((_, earlier)) if clean => Ok((earlier.clone(), false)),
        _ => {
            let county = &destination.site.counties[c];
            let rendering = destination
                .renderer
                .township_print((county, &county.townships[t]), parts)?;
            Ok((rendering, true))
        }
    }
}

/// Records the print page of the township `(c, t)` (if it was made),
/// once its villages are merged: nothing once a problem stops the build.
fn township_done(
    checked: &Checked,
    session: &Session,
    passed: &mut Passed,
    (c, t): (usize, usize),
    printed: Option<Printed>,
) {
    // None without a destination, or with a problem in the township.
    let Some((rendering, fresh)) = printed else {
        return;
    };
    if checked.diagnostics.has_error() {
        return;
    }
    let key = villages_key(&checked.corpus.counties[c].townships[t]);
    let path = township_path(&checked.corpus, (c, t));
    if fresh {
        if let Some((_, earlier)) = session.townships.get(&path) {
            let gone = rendering.gone_since(earlier);
            passed.gone.extend(gone.into_iter().map(str::to_owned));
        }
        passed.rendering.add(rendering.clone());
    } else {
        passed.rendering.add_unchanged(&rendering);
    }
    passed.townships.insert(path, (key, rendering));
}
