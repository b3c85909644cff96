//! The stages in order, shared by every command: load, check, and (for
//! `build` and `serve`) resolve and render.
//!
//! Everything but the villages is loaded and checked first. Villages are
//! then streamed: a chunk at a time, each village of the chunk is read,
//! parsed, checked and, when rendering, resolved and rendered on its own
//! thread, and then let go. What stays is the site's index (names, notices
//! and figures per village), the problems, and the text of files that have
//! problems, so memory follows the largest chunk, not the whole site. The
//! site-wide pages (home, counties, townships, statistics) are rendered
//! last, from the index.
//!
//! `serve` keeps a [`Units`] cache between runs. Everything but the
//! villages is kept as loaded while the watcher names only village files.
//! A village whose inputs (every other content file, the theme, the day)
//! are as in the last good run, and whose file the watcher did not name
//! (or names, but its size and time of change are as they were), is not
//! read again: its problems, index entry and files are taken as they were,
//! and the sink hears only of files that changed or are gone.

use crate::messages::say;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::check::VillageChecks;
use crate::content::model::VillageFile;
use crate::content::{self, Corpus, LoadError};
use crate::diagnostics::{Diagnostics, Sources};
use crate::render::{CsvParts, PrintPart, RenderCache, Renderer, Rendering, Sink, Theme};
use crate::site::{Site, SiteVillage, VillageFigures};

/// Villages handled at once: enough to keep every core busy, few enough
/// that their texts and models never weigh much.
const CHUNK: usize = 1024;

/// What loading and checking produced.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The model of everything but the villages, which pass one at a time.
    pub corpus: Corpus,
    /// Every file's path, and the text of every file that has a problem
    /// or is not a village.
    pub sources: Sources,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// The site's theme, loaded and checked (`None` if it could not be).
    pub theme: Option<Arc<Theme>>,
}

impl Checked {
    /// Every problem as `check` prints it, then the summary line.
    pub fn report(&self) -> String {
        let located = self.diagnostics.resolved(&self.sources);
        let mut out = String::new();
        for item in &located {
            out.push_str(&crate::diagnostics::render(item, &self.sources));
            out.push('\n');
        }
        let mut files: Vec<&str> = located.iter().map(|l| l.path).collect();
        files.dedup();
        out.push_str(&crate::diagnostics::summary(
            self.diagnostics.count(crate::diagnostics::Severity::Error),
            self.diagnostics
                .count(crate::diagnostics::Severity::Warning),
            files.len(),
            self.corpus.files_read,
        ));
        out.push('\n');
        out
    }
}

/// How a build ended, when it could not write the site.
#[derive(Debug)]
pub enum BuildError {
    /// The content has problems that stop a build (already in `Checked`).
    Problems,
    /// The theme, the output folder or the disk failed.
    Failed(String),
}

/// What a successful build wrote.
#[derive(Debug)]
pub struct Built {
    /// Files written.
    pub files: usize,
    /// The "as of" day used.
    pub today: jiff::civil::Date,
}

/// What one rendering run did.
#[derive(Debug)]
pub struct Run {
    /// Files in the site, and how many were rendered.
    pub stats: crate::render::RenderStats,
    /// The "as of" day used.
    pub today: jiff::civil::Date,
}

/// What a run is asked to render, and where to.
pub struct Render<'a> {
    /// The "as of" day (default: today in the site's time zone).
    pub today: Option<jiff::civil::Date>,
    /// Include drafts and scheduled items, marked.
    pub preview: bool,
    /// Keys of the last run's files.
    pub cache: &'a mut RenderCache,
    /// Where files go: called from several threads.
    pub sink: &'a Sink<'a>,
}

/// What a run produced: the checks, and the rendering if one was asked for.
#[derive(Debug)]
pub struct Ran {
    /// Loading and checking.
    pub checked: Checked,
    /// The rendering (`None` if none was asked for).
    pub rendered: Option<Result<Run, BuildError>>,
}

/// Loads `root/content` and runs every check; renders nothing.
pub fn check(root: &Path) -> Result<Checked, LoadError> {
    Ok(run(root, None, &mut Units::default())?.checked)
}

/// Loads, checks and, if asked, renders: villages a chunk at a time (see
/// the module's notes), reusing what `units` kept of an unchanged village.
pub fn run(root: &Path, render: Option<Render<'_>>, units: &mut Units) -> Result<Ran, LoadError> {
    let mut checked = match units.frame(root) {
        Some(frame) => frame,
        None => {
            let frame = load_frame(root)?;
            if units.keep {
                units.frame = Some(Frame::new(&frame));
            }
            frame
        }
    };
    let rendered = match render {
        Some(render) => Some(render_run(&mut checked, render, units)),
        None => {
            stream(&mut checked, None, units).map_err(LoadError)?;
            None
        }
    };
    Ok(Ran { checked, rendered })
}

/// Loads and checks everything but the villages, and the theme.
fn load_frame(root: &Path) -> Result<Checked, LoadError> {
    let (corpus, mut sources, mut diagnostics) = content::load(root)?;
    crate::check::run(&corpus, &sources, &mut diagnostics);
    // A `theme` that is no folder name is reported by the settings check
    // (and refused by the loader too): nothing to load or report again.
    let theme = corpus
        .site
        .as_ref()
        .filter(|site| content::is_slug(&site.theme));
    let theme = theme.and_then(|site| {
        let loaded = Theme::load(root, &site.theme);
        match &loaded {
            Ok(theme) => check_unconfirmed(theme, &mut sources, &mut diagnostics),
            Err(problems) => {
                report_theme_problems(problems, corpus.site_file, &mut sources, &mut diagnostics)
            }
        }
        loaded.ok().map(Arc::new)
    });
    Ok(Checked {
        corpus,
        sources,
        diagnostics,
        theme,
    })
}

/// What [`load_frame`] gave, kept by `serve` while only villages change.
#[derive(Debug)]
struct Frame {
    loaded: Checked,
    /// The paths of the village files, and of every other file read.
    villages: HashSet<String>,
    others: HashSet<String>,
}

impl Frame {
    fn new(loaded: &Checked) -> Frame {
        let villages: HashSet<String> = loaded
            .corpus
            .villages()
            .map(|(_, _, v)| loaded.sources.get(v.file).path.clone())
            .collect();
        let others = loaded
            .sources
            .iter()
            .map(|f| f.path.clone())
            .filter(|p| !villages.contains(p))
            .collect();
        Frame {
            loaded: loaded.clone(),
            villages,
            others,
        }
    }

    /// Whether a change to the file at `rel` (below the root) leaves
    /// everything but the villages as loaded: a village file that is still
    /// there, or a file gone that was never read (an editor's temporary).
    fn survives(&self, root: &Path, rel: &str) -> bool {
        if rel.starts_with("themes/") || self.others.contains(rel) {
            return false;
        }
        let exists = root.join(rel).exists();
        if self.villages.contains(rel) {
            return exists;
        }
        let name = rel.rsplit('/').next().unwrap_or(rel);
        !exists || content::is_ignored(name)
    }
}

/// Resolves the site as of the day asked and renders it while the
/// villages stream by; without the settings or the theme (their problems
/// are reported), the villages are only checked.
fn render_run(
    checked: &mut Checked,
    render: Render<'_>,
    units: &mut Units,
) -> Result<Run, BuildError> {
    let config = checked.corpus.site.as_ref();
    let today = match (render.today, config) {
        (Some(day), _) => Some(day),
        (None, Some(config)) => match config.today() {
            Some(day) => Some(day),
            None => {
                let why = say!("problem.unknown_timezone", name = config.timezone);
                stream(checked, None, units).map_err(BuildError::Failed)?;
                return Err(BuildError::Failed(why));
            }
        },
        (None, None) => None,
    };
    let site = match today {
        Some(today) if !checked.diagnostics.has_error() && checked.theme.is_some() => {
            crate::site::resolve(&checked.corpus, today, render.preview)
        }
        _ => None,
    };
    let Some(mut site) = site else {
        stream(checked, None, units).map_err(BuildError::Failed)?;
        return Err(BuildError::Problems);
    };
    let theme = checked.theme.clone().expect("a theme, as checked above");
    let result = (|| {
        let cache: &RenderCache = render.cache;
        let frame = frame_key(&checked.sources, &theme, &site);
        let mut streamed = {
            let renderer = Renderer::new(&site, &theme, cache, render.sink);
            let target = Target {
                renderer: &renderer,
                site: &site,
                frame,
            };
            stream(checked, Some(target), units)?
        };
        if checked.diagnostics.has_error() {
            return Ok(None);
        }
        let mut figures = Vec::with_capacity(streamed.index.len());
        for (county, township, entry, village_figures) in std::mem::take(&mut streamed.index) {
            site.place(county, township, entry);
            figures.push((county, village_figures));
        }
        site.count(figures);
        let renderer = Renderer::new(&site, &theme, cache, render.sink);
        let site_wide = renderer.site_wide()?;
        let gone_site_wide = site_wide.gone_since(&units.site_wide);
        streamed
            .gone
            .extend(gone_site_wide.into_iter().map(str::to_owned));
        renderer.gone(&streamed.gone)?;
        streamed.rendering.add(site_wide.clone());
        Ok(Some((streamed, site_wide)))
    })();
    match result {
        Ok(Some((streamed, site_wide))) => {
            render.cache.remember(&streamed.rendering, &streamed.gone);
            if units.keep {
                units.kept = streamed.kept;
                units.site_wide = site_wide;
                units.townships = streamed.townships;
                units.suspects.clear();
                units.all = false;
            }
            Ok(Run {
                stats: streamed.rendering.stats,
                today: site.today,
            })
        }
        Ok(None) => Err(BuildError::Problems),
        Err(why) => Err(BuildError::Failed(why)),
    }
}

/// Where the villages' files go, in a rendering run.
struct Target<'r> {
    renderer: &'r Renderer<'r>,
    site: &'r Site,
    /// A hash of everything but the village that its files are made from.
    frame: u64,
}

/// A village's place in the index: county and township (by position),
/// its entry and its part in the figures.
type Indexed = (usize, usize, Arc<SiteVillage>, Arc<VillageFigures>);

/// What streaming the villages gave, besides their problems.
#[derive(Default)]
struct Streamed {
    /// The index, in village order.
    index: Vec<Indexed>,
    /// The villages' files (only those looked at: unchanged villages'
    /// files are counted, not listed).
    rendering: Rendering,
    /// What to keep of each village for the next run.
    kept: HashMap<String, (Stamp, u64, Arc<Unit>)>,
    /// Files of the last run that no village makes any more.
    gone: Vec<String>,
    /// Each township's print page, for the next run (see [`Units::townships`]).
    townships: HashMap<String, (u64, Rendering)>,
}

/// Reads, checks and (given a target) renders every village, a chunk at a
/// time. Problems go into `checked`, with the text of their files.
fn stream(
    checked: &mut Checked,
    target: Option<Target<'_>>,
    units: &Units,
) -> Result<Streamed, String> {
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
    let mut streamed = Streamed {
        index: Vec::with_capacity(villages.len()),
        ..Streamed::default()
    };
    let townships: Vec<(usize, usize)> = corpus
        .counties
        .iter()
        .enumerate()
        .flat_map(|(c, county)| (0..county.townships.len()).map(move |t| (c, t)))
        .collect();
    // What is reused is decided for every village first: a township's
    // print page is made from all its villages, so one village read again
    // has its whole township read again (their pages are still found
    // unchanged by their keys), and a township whose villages are all
    // reused keeps its print page as it was.
    let reuse: Vec<Option<Arc<Unit>>> = match &target {
        Some(target) => {
            let mut reuse: Vec<Option<Arc<Unit>>> = villages
                .iter()
                .map(|&(_, _, file)| {
                    let rel = checked.sources.get(file.file).path.as_str();
                    units.reuse(rel, &file.path, target.frame).cloned()
                })
                .collect();
            let fresh: HashSet<(usize, usize)> = villages
                .iter()
                .zip(&reuse)
                .filter(|(_, unit)| unit.is_none())
                .map(|(&(c, t, _), _)| (c, t))
                .chain(townships.iter().copied().filter(|&(c, t)| {
                    let kept = units.townships.get(&township_path(corpus, (c, t)));
                    kept.map(|(key, _)| *key)
                        != Some(villages_key(&corpus.counties[c].townships[t]))
                }))
                .collect();
            for (unit, &(c, t, _)) in reuse.iter_mut().zip(&villages) {
                if fresh.contains(&(c, t)) {
                    *unit = None;
                }
            }
            reuse
        }
        None => vec![None; villages.len()],
    };
    // The township whose villages are passing, and their print parts.
    let mut gathering = 0;
    let mut parts: Vec<PrintPart> = Vec::new();
    let mut all_reused = true;
    if let Some(target) = &target {
        let headers = CsvParts::headers().by_path().map(|part| vec![part.clone()]);
        let headers = target.renderer.parts(headers, true)?;
        streamed.rendering.add(headers);
    }
    for (chunk, reuse) in villages.chunks(CHUNK).zip(reuse.chunks(CHUNK)) {
        // Once any problem stops the build, villages are only checked.
        let target = target.as_ref().filter(|_| !checked.diagnostics.has_error());
        type Done = Result<(Arc<Unit>, bool, Option<PrintPart>), String>;
        let done: Vec<Done> = chunk
            .par_iter()
            .zip(reuse)
            .map(|(&(c, t, file), reused)| {
                if let (Some(_), Some(unit)) = (target, reused) {
                    return Ok((unit.clone(), true, None));
                }
                // Stamped before reading: a change made meanwhile is seen next time.
                let stamp = stamp_of(&file.path);
                let (unit, part) = village(&setup, (c, t, file), target)?;
                Ok((Arc::new(Unit { stamp, ..unit }), false, part))
            })
            .collect();
        let mut csv: [Vec<Arc<str>>; 2] = Default::default();
        for (done, &(c, t, file)) in done.into_iter().zip(chunk) {
            let (unit, reused, part) = done?;
            while townships[gathering] != (c, t) {
                let parts = std::mem::take(&mut parts);
                let clean = std::mem::replace(&mut all_reused, true);
                township_done(
                    checked,
                    target,
                    units,
                    &mut streamed,
                    (townships[gathering], clean),
                    parts,
                )?;
                gathering += 1;
            }
            all_reused &= reused;
            parts.extend(part);
            checked.diagnostics.extend_as(file.file, &unit.problems);
            if let Some(text) = &unit.text {
                checked.sources.set_text(file.file, text.clone());
            }
            if let Some((entry, figures)) = &unit.entry {
                streamed.index.push((c, t, entry.clone(), figures.clone()));
            }
            if let Some(parts) = &unit.csv {
                for (all, part) in csv.iter_mut().zip(parts.by_path()) {
                    if !part.is_empty() {
                        all.push(part.clone());
                    }
                }
            }
            if reused {
                streamed.rendering.add_unchanged(&unit.rendering);
            } else {
                streamed.rendering.add(unit.rendering.clone());
                if let Some((_, _, earlier)) = units.kept.get(&checked.sources.get(file.file).path)
                {
                    let gone = unit.rendering.gone_since(&earlier.rendering);
                    streamed.gone.extend(gone.into_iter().map(str::to_owned));
                }
            }
            if let (true, Some(target), Some(stamp)) = (units.keep, target, unit.stamp) {
                if unit.entry.is_some() {
                    let rel = checked.sources.get(file.file).path.clone();
                    streamed.kept.insert(rel, (stamp, target.frame, unit));
                }
            }
        }
        if let Some(target) = target {
            streamed.rendering.add(target.renderer.parts(csv, false)?);
        }
    }
    for &township in &townships[gathering..] {
        let parts = std::mem::take(&mut parts);
        let clean = std::mem::replace(&mut all_reused, true);
        township_done(
            checked,
            target.as_ref(),
            units,
            &mut streamed,
            (township, clean),
            parts,
        )?;
    }
    for (township, (_, earlier)) in &units.townships {
        if !streamed.townships.contains_key(township) {
            streamed.gone.extend(earlier.paths().map(str::to_owned));
        }
    }
    // Villages whose files are gone, or that no longer render.
    for (path, (_, _, earlier)) in &units.kept {
        if !streamed.kept.contains_key(path) {
            streamed
                .gone
                .extend(earlier.rendering.paths().map(str::to_owned));
        }
    }
    Ok(streamed)
}

/// What became of one village file.
#[derive(Debug, Clone, Default)]
struct Unit {
    /// Its size and time of change, if known.
    stamp: Option<Stamp>,
    /// Its problems.
    problems: Diagnostics,
    /// Its text, kept only if it has problems.
    text: Option<String>,
    /// Its index entry and figures (when rendered).
    entry: Option<(Arc<SiteVillage>, Arc<VillageFigures>)>,
    /// Its rows of the region-wide CSV files (when rendered).
    csv: Option<CsvParts>,
    /// Its files (when rendered).
    rendering: Rendering,
}

/// Reads, checks and (given a target, and no error in it) resolves and
/// renders one village; gives its part of its township's print page too.
fn village(
    setup: &VillageChecks,
    (c, t, file): (usize, usize, &VillageFile),
    target: Option<&Target<'_>>,
) -> Result<(Unit, Option<PrintPart>), String> {
    let read = content::read_village(file);
    let mut unit = Unit::default();
    if let Some(model) = &read.village {
        unit.problems = crate::check::village(model, &read.text, setup, read.complete);
    }
    for (at, problem) in read.problems {
        unit.problems.push(file.file, at, problem);
    }
    if !unit.problems.is_empty() {
        unit.text = Some(read.text);
    }
    if let (Some(target), Some(model), false) = (target, &read.village, unit.problems.has_error()) {
        let county = &target.site.counties[c];
        let township = &county.townships[t];
        let (entry, content, figures) =
            target
                .site
                .resolve_village(&county.slug, &township.slug, model);
        let (rendering, csv, part) = target
            .renderer
            .village((county, township, &entry, &content))?;
        unit.rendering = rendering;
        unit.csv = Some(csv);
        unit.entry = Some((Arc::new(entry), Arc::new(figures)));
        return Ok((unit, Some(part)));
    }
    Ok((unit, None))
}

/// `county/township`: a township by its slugs, which (unlike its
/// position) stays the same when a township is added before it.
fn township_path(corpus: &Corpus, (c, t): (usize, usize)) -> String {
    let county = &corpus.counties[c];
    format!("{}/{}", county.slug, county.townships[t].slug)
}

/// A hash of which villages a township has: its print page lists them all,
/// so a village added or removed makes it anew.
fn villages_key(township: &crate::content::model::Township) -> u64 {
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
    target: Option<&Target<'_>>,
    units: &Units,
    streamed: &mut Streamed,
    ((c, t), clean): ((usize, usize), bool),
    parts: Vec<PrintPart>,
) -> Result<(), String> {
    let Some(target) = target.filter(|_| !checked.diagnostics.has_error()) else {
        return Ok(());
    };
    let key = villages_key(&checked.corpus.counties[c].townships[t]);
    let path = township_path(&checked.corpus, (c, t));
    let earlier = units.townships.get(&path);
    let rendering = match earlier {
        Some((_, earlier)) if clean => {
            streamed.rendering.add_unchanged(earlier);
            earlier.clone()
        }
        _ => {
            let county = &target.site.counties[c];
            let rendering = target
                .renderer
                .township_print((county, &county.townships[t]), &parts)?;
            if let Some((_, earlier)) = earlier {
                let gone = rendering.gone_since(earlier);
                streamed.gone.extend(gone.into_iter().map(str::to_owned));
            }
            streamed.rendering.add(rendering.clone());
            rendering
        }
    };
    streamed.townships.insert(path, (key, rendering));
    Ok(())
}

/// A file's size and time of change: if both are as they were, the file is
/// taken to be as it was.
type Stamp = (u64, SystemTime);

fn stamp_of(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// What a rendered village's files are made from besides the village: the
/// other content files (settings, calendar, area names, announcements),
/// the theme, the day and the preview flag.
fn frame_key(sources: &Sources, theme: &Theme, site: &Site) -> u64 {
    // Village files are not read yet: their texts are empty, and a village
    // added or removed changes no other village's files.
    let files: Vec<(&str, &str)> = sources
        .iter()
        .filter(|f| !f.text.is_empty())
        .map(|f| (f.path.as_str(), f.text.as_str()))
        .collect();
    crate::keys::hash_of(&(files, theme.key, site.today, site.preview))
}

/// What `serve` keeps of each village between runs, as of the last run
/// that succeeded (whose files are the ones served).
#[derive(Debug, Default)]
pub struct Units {
    keep: bool,
    /// By the file's path below the root (`content/villages/…`).
    kept: HashMap<String, (Stamp, u64, Arc<Unit>)>,
    /// The site-wide files.
    site_wide: Rendering,
    /// Each township's print page (by `county/township`), with a hash of
    /// which villages it was made from.
    townships: HashMap<String, (u64, Rendering)>,
    /// Files that may have changed since: only these are looked at again
    /// (the watcher names them), unless `all` may have.
    suspects: HashSet<String>,
    all: bool,
    /// Everything but the villages, as last loaded.
    frame: Option<Frame>,
}

impl Units {
    /// A cache kept between runs.
    pub fn kept() -> Units {
        Units {
            keep: true,
            ..Units::default()
        }
    }

    /// Files at these paths (below the root, with `/`) may have changed.
    pub fn suspect(&mut self, paths: impl IntoIterator<Item = String>) {
        self.suspects.extend(paths);
    }

    /// Any file may have changed.
    pub fn suspect_all(&mut self) {
        self.all = true;
    }

    /// Everything but the villages as last loaded from `root`, if no file
    /// of it may have changed since.
    fn frame(&self, root: &Path) -> Option<Checked> {
        let frame = self.frame.as_ref()?;
        let unchanged = !self.all && self.suspects.iter().all(|rel| frame.survives(root, rel));
        unchanged.then(|| frame.loaded.clone())
    }

    /// The unit of the file at `rel` (on disk at `path`) from the last
    /// run, if the file and the other inputs (`frame`) are unchanged; a
    /// file not suspected of a change is not even looked at.
    fn reuse(&self, rel: &str, path: &Path, frame: u64) -> Option<&Arc<Unit>> {
        let (stamp, kept_frame, unit) = self.kept.get(rel)?;
        if *kept_frame != frame {
            return None;
        }
        if !self.all && !self.suspects.contains(rel) {
            return Some(unit);
        }
        (stamp_of(path)? == *stamp).then_some(unit)
    }
}

/// The theme's problems (one per line, `path: message`) as diagnostics of
/// their files; a theme folder that does not exist is placed at `theme:`
/// in `site.yaml`.
fn report_theme_problems(
    problems: &str,
    site_file: Option<crate::diagnostics::FileId>,
    sources: &mut Sources,
    diagnostics: &mut Diagnostics,
) {
    use crate::diagnostics::{At, Problem, Seg};
    for line in problems.lines() {
        let (path, message) = line.split_once(": ").unwrap_or(("themes", line));
        match site_file {
            Some(file) if message.starts_with("no such theme folder") => {
                diagnostics.push(
                    file,
                    At::value(vec![Seg::Key("theme")]),
                    Problem::Theme(message.to_owned()),
                );
            }
            _ => {
                let file = sources.add(path.to_owned(), String::new());
                diagnostics.push(file, At::File, Problem::Theme(message.to_owned()));
            }
        }
    }
}

/// Reports each entry of the catalogs' `unconfirmed:` lists that names no
/// key of its catalog, placed at the entry (the catalog's text joins the
/// sources only then, for the report to show the line).
fn check_unconfirmed(theme: &Theme, sources: &mut Sources, diagnostics: &mut Diagnostics) {
    use crate::diagnostics::{At, Problem, Seg};
    for (catalog, (path, text)) in [&theme.bo, &theme.zh].into_iter().zip(&theme.catalog_files) {
        let unknown = catalog.unknown_unconfirmed();
        if unknown.is_empty() {
            continue;
        }
        let file = sources.add(path.clone(), text.clone());
        for (index, key, suggestion) in unknown {
            diagnostics.push(
                file,
                At::value(vec![Seg::Key("unconfirmed"), Seg::Index(index)]),
                Problem::UnknownUnconfirmed {
                    key: key.to_owned(),
                    suggestion,
                },
            );
        }
    }
}

/// Checks and renders the site into `output`, atomically: into a temporary
/// folder beside it, swapped in only when everything was written and no
/// problem stops the build.
pub fn build(
    root: &Path,
    output: &Path,
    today: Option<jiff::civil::Date>,
    preview: bool,
    deny_warnings: bool,
) -> Result<(Checked, Result<Built, BuildError>), LoadError> {
    let staging =
        crate::output::guard(root, output).and_then(|output| crate::output::Staging::new(&output));
    let staging = match staging {
        Ok(staging) => staging,
        // Nothing can be written: still report the content's problems.
        Err(why) => return Ok((check(root)?, Err(BuildError::Failed(why)))),
    };
    let sink = |path: &str, rendered: crate::render::Rendered<'_>| match rendered {
        crate::render::Rendered::Fresh(bytes) => staging.write(path, bytes),
        crate::render::Rendered::Parts(parts) => staging.append(path, parts),
        crate::render::Rendered::Unchanged | crate::render::Rendered::Gone => {
            Err(say!("output.no_earlier_build", path = path))
        }
    };
    let mut cache = RenderCache::once();
    let render = Render {
        today,
        preview,
        cache: &mut cache,
        sink: &sink,
    };
    let ran = run(root, Some(render), &mut Units::default())?;
    let built = match ran.rendered.expect("a rendering was asked for") {
        Ok(_) if ran.checked.diagnostics.fails(deny_warnings) => Err(BuildError::Problems),
        Ok(run) => staging
            .publish()
            .map(|()| Built {
                files: run.stats.files,
                today: run.today,
            })
            .map_err(BuildError::Failed),
        Err(err) => Err(err),
    };
    Ok((ran.checked, built))
}
