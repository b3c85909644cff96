//! One village: read → parse → check → resolve → render, and one
//! [`VillageOutcome`] that says what came of it.
//!
//! Each village passes on its own thread and is let go once its outcome is
//! merged (see `stream`); nothing here holds another village.

use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use crate::check::VillageChecks;
use crate::content::{self, model::Village, model::VillageFile};
use crate::diagnostics::{At, Diagnostics, Problem, Seg};
use crate::render::{CsvParts, FileSet, PrintPart, Renderer};
use crate::site::{NoticeDates, Site, SiteVillage, VillageFigures};

/// Where a village's files go when the run renders: the renderer, the
/// site as resolved before the villages, and a hash of everything but the
/// village that its files are made from.
pub(super) struct Destination<'r> {
    /// Renders the village's pages and data.
    pub(super) renderer: &'r Renderer<'r>,
    /// The site's settings, day, areas and announcements.
    pub(super) site: &'r Site,
    /// What the village's files are made from besides the village.
    pub(super) key: u64,
}

/// What became of one village file.
#[derive(Debug, Clone, Default)]
pub(super) struct VillageOutcome {
    /// What says its file is as it was, if known (kept runs only).
    pub(super) stamp: Option<Stamp>,
    /// A hash of its file as read (see `content::read_hash`), when it was
    /// read to be rendered.
    pub(super) read: Option<u64>,
    /// Its problems.
    pub(super) problems: Diagnostics,
    /// Its text, kept only if it has problems.
    pub(super) text: Option<String>,
    /// Its index entry and figures (when rendered).
    pub(super) entry: Option<(Arc<SiteVillage>, Arc<VillageFigures>)>,
    /// What of its notices changes with the day (when it was read).
    pub(super) dates: Arc<[NoticeDates]>,
    /// Its published notices as this run saw them (when rendered).
    pub(super) seals: Arc<[NoticeSeal]>,
    /// Its rows of the region-wide CSV files (when rendered).
    pub(super) csv: Option<CsvParts>,
    /// Its files (when rendered).
    pub(super) rendering: FileSet,
}

impl VillageOutcome {
    /// What of it is kept for the next run, copied so that it shares no
    /// memory with the rendering thread that made it: what a village
    /// keeps is small, and left among the short-lived allocations of its
    /// pages it would keep most of their memory from going back to the
    /// system (a build of 25,000 villages peaked at twice the memory it
    /// held).
    pub(super) fn kept_copy(&self) -> VillageOutcome {
        VillageOutcome {
            stamp: self.stamp,
            read: self.read,
            problems: self.problems.clone(),
            text: self.text.clone(),
            entry: self.entry.as_ref().map(|(entry, figures)| {
                (
                    Arc::new(SiteVillage::clone(entry)),
                    Arc::new(VillageFigures::clone(figures)),
                )
            }),
            dates: Arc::from(&self.dates[..]),
            seals: Arc::from(&self.seals[..]),
            csv: self.csv.clone(),
            rendering: self.rendering.copied(),
        }
    }
}

/// A published notice as a build saw it: a later change to what it says
/// must come with a new correction.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct NoticeSeal {
    /// A hash of its slug (a country's villages are all kept: the slug
    /// itself is in the village's file, read again if it changed).
    slug: u64,
    /// See `Notice::content_key`.
    content: u64,
    /// How many corrections it had.
    corrections: usize,
}

/// The seals of `village`'s notices published as of `site`'s day (none in
/// a preview, which publishes nothing).
fn seals(village: &Village, site: &Site) -> Arc<[NoticeSeal]> {
    let published = village
        .notices
        .iter()
        .filter(|n| !site.preview && !n.draft && !n.is_scheduled(site.today));
    let seal = |n: &content::model::Notice| NoticeSeal {
        slug: crate::keys::hash_of(&n.slug),
        content: n.content_key(),
        corrections: n.corrections.len(),
    };
    published.map(seal).collect()
}

/// Warns of each notice published in the last build (`earlier`) and now
/// whose content changed with no new correction.
fn changed_without_correction(
    village: &Village,
    earlier: &[NoticeSeal],
    now: &[NoticeSeal],
    problems: &mut Diagnostics,
) {
    for seal in now {
        let Some(before) = earlier.iter().find(|e| e.slug == seal.slug) else {
            continue;
        };
        if before.content != seal.content && seal.corrections <= before.corrections {
            let slug_of = |n: &&content::model::Notice| crate::keys::hash_of(&n.slug) == seal.slug;
            let Some(notice) = village.notices.iter().find(slug_of) else {
                continue;
            };
            let at = vec![
                Seg::Key("notices"),
                Seg::Index(notice.index),
                Seg::Key("published"),
            ];
            let published = notice.published.to_string();
            problems.push(
                village.file,
                At::value(at),
                Problem::ChangedWithoutCorrection(published),
            );
        }
    }
}

/// Reads, checks and (given a destination, and no error in it) resolves
/// and renders one village of county `c`, township `t`; gives its part of
/// its township's print page too. `earlier` are its notices as the last
/// saved build published them, if known.
pub(super) fn pass(
    setup: &VillageChecks,
    (c, t, file): (usize, usize, &VillageFile),
    destination: Option<&Destination<'_>>,
    earlier: Option<&[NoticeSeal]>,
) -> Result<(VillageOutcome, Option<PrintPart>), String> {
    let read = content::read_village(file);
    let mut outcome = VillageOutcome::default();
    if let Some(model) = &read.village {
        outcome.dates = NoticeDates::of(model, setup.calendar()).into();
    }
    let mut missed = None;
    if let Some(model) = &read.village {
        let checked = crate::check::village(model, &read.text, setup, read.complete);
        outcome.problems = checked.problems;
        missed = checked.missed;
        if let Some(destination) = destination {
            outcome.seals = seals(model, destination.site);
            if let Some(earlier) = earlier {
                changed_without_correction(model, earlier, &outcome.seals, &mut outcome.problems);
            }
        }
    }
    for (at, problem) in read.problems {
        outcome.problems.push(file.file, at, problem);
    }
    // What its files are made from, of the village itself.
    outcome.read = destination.map(|_| crate::keys::hash_of(&read.text.as_bytes()));
    if !outcome.problems.is_empty() {
        outcome.text = Some(read.text);
    }
    let (Some(destination), Some(model), false) =
        (destination, &read.village, outcome.problems.has_error())
    else {
        return Ok((outcome, None));
    };
    let county = &destination.site.counties[c];
    let township = &county.townships[t];
    let (entry, content, figures) = destination.site.resolve_village(model, missed);
    let site = destination.site;
    let standing = site.standing(&outcome.dates, site.today);
    let inputs = crate::keys::hash_of(&(destination.key, outcome.read, standing));
    let (rendering, csv, part) = destination
        .renderer
        .village((county, township, &entry, &content), inputs)?;
    outcome.rendering = rendering;
    outcome.csv = Some(csv);
    outcome.entry = Some((Arc::new(entry), Arc::new(figures)));
    Ok((outcome, Some(part)))
}

/// Where a village's rows lie in each of the region-wide CSV files, in
/// the order of `CsvParts::PATHS`: the byte they start at, and how many.
pub(super) type CsvAt = [(u64, u64); 2];

/// What says a village file is as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stamp {
    /// Its size and time of change (`serve`: cheap, and the watcher names
    /// the files that changed).
    Changed(u64, SystemTime),
    /// A hash of its bytes (a saved build: between two builds the files
    /// may have been copied, with new times, or edited within a second).
    Bytes(u64),
}

/// How a session stamps files (see [`Stamp`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StampBy {
    /// [`Stamp::Changed`].
    Changed,
    /// [`Stamp::Bytes`].
    Bytes,
}

/// The stamp of the file at `path`, if it can be read.
pub(super) fn stamp_of(path: &Path, by: StampBy) -> Option<Stamp> {
    match by {
        StampBy::Changed => {
            let meta = std::fs::metadata(path).ok()?;
            Some(Stamp::Changed(meta.len(), meta.modified().ok()?))
        }
        StampBy::Bytes => content::read_hash(path).map(Stamp::Bytes),
    }
}
