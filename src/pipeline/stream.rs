//! The villages, a chunk at a time: each village of a chunk passes on its
//! own thread (`village::pass`), then the outcomes are merged in village
//! order: problems into the report, index entries into the site's index,
//! CSV rows into the region-wide files, and each township's print page is
//! rendered once its last village has passed.
//!
//! What stays is the index (names, notices and figures per village), the
//! problems, and the text of files that have problems, so memory follows
//! the largest chunk (and one township's print parts), not the whole site.
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
}

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
        ..Passed::default()
    };
    let townships: Vec<(usize, usize)> = corpus
        .counties
        .iter()
        .enumerate()
        .flat_map(|(c, county)| (0..county.townships.len()).map(move |t| (c, t)))
        .collect();
    let reuse = reusable(
        checked,
        &villages,
        &townships,
        destination.as_ref(),
        session,
    );
    // The township whose villages are passing, and their print parts.
    let mut gathering = 0;
    let mut parts: Vec<PrintPart> = Vec::new();
    let mut all_reused = true;
    // Bytes of each CSV file written so far: where the next rows start.
    let mut csv_written = CsvParts::headers().by_path().map(|part| part.len() as u64);
    if let Some(destination) = &destination {
        let headers = CsvParts::headers().by_path().map(|part| vec![part.clone()]);
        let headers = destination.renderer.parts(headers, true)?;
        passed.rendering.add(headers);
    }
    for (chunk, reuse) in villages.chunks(CHUNK).zip(reuse.chunks(CHUNK)) {
        // Once any problem stops the build, villages are only checked.
        let destination = destination
            .as_ref()
            .filter(|_| !checked.diagnostics.has_error());
        /// A village's outcome, whether it was reused, its print part,
        /// and its CSV rows (those kept out of the outcome, or read back).
        type Done = (
            Arc<VillageOutcome>,
            bool,
            Option<PrintPart>,
            Option<CsvParts>,
        );
        let done: Vec<Result<Done, String>> = chunk
            .par_iter()
            .zip(reuse)
            .map(|(&(c, t, file), reused)| {
                let rel = checked.sources.get(file.file).path.as_str();
                let kept = session.villages.get(rel);
                if let (Some(_), Some(outcome)) = (destination, reused) {
                    // A saved build's rows are where its last output has them.
                    let rows = match (&outcome.csv, kept, &session.rows_from) {
                        (None, Some(kept), Some(folder)) => Some(rows_at(folder, kept.csv_at)?),
                        _ => None,
                    };
                    return Ok((outcome.clone(), true, None, rows));
                }
                let stamp = session.stamp(&file.path);
                // Only a saved build knows what was published.
                let earlier = kept.filter(|_| session.rows_from_output());
                let earlier = earlier.map(|kept| &kept.outcome.seals[..]);
                let (mut outcome, part) =
                    village::pass(&setup, (c, t, file), destination, earlier)?;
                let stamp = stamp.or_else(|| session.stamp_read(outcome.read));
                // A saved build keeps no rows: the next reads them back.
                let rows = session.rows_from_output().then(|| outcome.csv.take());
                let outcome = Arc::new(VillageOutcome { stamp, ..outcome });
                Ok((outcome, false, part, rows.flatten()))
            })
            .collect();
        let mut csv: [Vec<Arc<str>>; 2] = Default::default();
        for (done, &(c, t, file)) in done.into_iter().zip(chunk) {
            let (outcome, reused, part, rows) = done?;
            while townships[gathering] != (c, t) {
                let parts = std::mem::take(&mut parts);
                let clean = std::mem::replace(&mut all_reused, true);
                township_done(
                    checked,
                    destination,
                    session,
                    &mut passed,
                    (townships[gathering], clean),
                    parts,
                )?;
                gathering += 1;
            }
            all_reused &= reused;
            parts.extend(part);
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
        if let Some(destination) = destination {
            passed
                .rendering
                .add(destination.renderer.parts(csv, false)?);
        }
    }
    for &township in &townships[gathering..] {
        let parts = std::mem::take(&mut parts);
        let clean = std::mem::replace(&mut all_reused, true);
        township_done(
            checked,
            destination.as_ref(),
            session,
            &mut passed,
            (township, clean),
            parts,
        )?;
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

/// For each village, its outcome of the last run if it may be taken as it
/// was. A township's print page is made from all its villages, so one
/// village read again has its whole township read again (their pages are
/// still found unchanged by their keys), and a township whose villages are
/// all reused keeps its print page as it was.
fn reusable(
    checked: &Checked,
    villages: &[(usize, usize, &VillageFile)],
    townships: &[(usize, usize)],
    destination: Option<&Destination<'_>>,
    session: &Session,
) -> Vec<Option<Arc<VillageOutcome>>> {
    let Some(destination) = destination else {
        return vec![None; villages.len()];
    };
    let corpus = &checked.corpus;
    let site = destination.site;
    // A village stands as it did if its notices' days say so (its files
    // show nothing else of the day). One saved with problems has no entry
    // to give: it is known by its files alone, and read again.
    let stands = |outcome: &Arc<VillageOutcome>| {
        outcome.entry.is_some()
            && session.day.is_some_and(|last| {
                site.standing(&outcome.dates, last) == site.standing(&outcome.dates, site.today)
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
    for (outcome, &(c, t, _)) in reuse.iter_mut().zip(villages) {
        if fresh.contains(&(c, t)) {
            *outcome = None;
        }
    }
    reuse
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

/// Renders the print page of the township `(c, t)` once its last village
/// has passed, from their `parts`; or, if every village of it was reused
/// (`clean`), keeps the page of the last run. Nothing once a problem
/// stops the build.
fn township_done(
    checked: &Checked,
    destination: Option<&Destination<'_>>,
    session: &Session,
    passed: &mut Passed,
    ((c, t), clean): ((usize, usize), bool),
    parts: Vec<PrintPart>,
) -> Result<(), String> {
    let Some(destination) = destination.filter(|_| !checked.diagnostics.has_error()) else {
        return Ok(());
    };
    let key = villages_key(&checked.corpus.counties[c].townships[t]);
    let path = township_path(&checked.corpus, (c, t));
    let earlier = session.townships.get(&path);
    let rendering = match earlier {
        Some((_, earlier)) if clean => {
            passed.rendering.add_unchanged(earlier);
            earlier.clone()
        }
        _ => {
            let county = &destination.site.counties[c];
            let rendering = destination
                .renderer
                .township_print((county, &county.townships[t]), &parts)?;
            if let Some((_, earlier)) = earlier {
                let gone = rendering.gone_since(earlier);
                passed.gone.extend(gone.into_iter().map(str::to_owned));
            }
            passed.rendering.add(rendering.clone());
            rendering
        }
    };
    passed.townships.insert(path, (key, rendering));
    Ok(())
}
