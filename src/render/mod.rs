//! Pages and data files, rendered from the resolved [`Site`] with the theme.
//!
//! Input: a [`Site`] and a [`Theme`], and each village as it passes (see
//! [`Renderer`]). Output: every file of the published site, handed one at
//! a time to a sink as it is rendered (never all held at once), from
//! several threads. Each page's context is plain data built here;
//! templates only lay it out. Texts are escaped by Tera; Markdown is
//! rendered with raw HTML escaped. Nothing here touches the disk.
//!
//! Rebuilds: every file gets a key, a hash of everything it is made from
//! (its template and the templates that template builds on, and its
//! context: for a village's files, its file and how it stands on the day;
//! for listing pages, the index entries their context is built from; for
//! the few others, the context itself). A kept [`FileKeys`] remembers the
//! keys of the last run, and a file whose key has not changed is not
//! rendered again: the sink is told it is unchanged. `serve` keeps them in
//! memory, `build` saves them for the next build; `check` renders nothing.

/// A map of a page context, of the values given, each moved in as it
/// is: contexts are Tera's own values, which Tera reads without a copy
/// (a serialised `serde_json` value was copied once more into Tera's).
macro_rules! fields {
    ($($key:literal : $value:expr),* $(,)?) => {{
        let mut map = tera::Map::new();
        $( map.insert(tera::value::Key::from($key), tera::Value::from($value)); )*
        map
    }};
}

/// [`fields!`] as one value.
macro_rules! object {
    ($($key:literal : $value:expr),* $(,)?) => {
        tera::Value::from(fields! { $($key : $value),* })
    };
}

mod charts;
mod context;
mod data;
mod feeds;
mod format;
pub mod i18n;
pub mod markdown;
mod pages;
mod print;
mod qr;
mod search;
mod sitemap;
mod stats;
#[cfg(test)]
mod testing;
mod theme;
mod urls;

use std::collections::HashMap;
use std::sync::Arc;

pub use data::CsvParts;
pub use i18n::{Catalog, PairProblem};
pub use print::PrintPart;
pub(crate) use theme::{escape_html, DEFAULT_THEME};
pub use theme::{CatalogFile, Overrides, Theme, ThemeProblem};

use crate::content::model::Text;
use crate::keys::hash_of;
use crate::site::{Site, SiteCounty, SiteTownship, SiteVillage, VillageContent};

/// The keys of the files of the last run, by a hash of their path: a
/// file whose key is unchanged need not be rendered again (the default
/// keeps none). Paths are held once, in each village's [`FileSet`]; two
/// paths whose hashes met would only have one of them rendered again.
#[derive(Debug, Default)]
pub struct FileKeys {
    /// Whether keys are computed and kept at all (a run with no next run
    /// to compare with skips them).
    keep: bool,
    keys: HashMap<u64, u64>,
}

/// What a file's path is known by in [`FileKeys`].
pub fn path_key(path: &str) -> u64 {
    hash_of(&path)
}

impl FileKeys {
    /// Keys kept between runs (`serve`): a file whose key is unchanged is not rendered again.
    pub fn kept() -> FileKeys {
        FileKeys::of(HashMap::new())
    }

    /// Keys kept, starting from those of the files an earlier build wrote.
    pub fn of(keys: HashMap<u64, u64>) -> FileKeys {
        FileKeys { keep: true, keys }
    }

    /// The key of each file, by [`path_key`].
    pub fn keys(&self) -> &HashMap<u64, u64> {
        &self.keys
    }

    /// The same, taken out.
    pub fn into_keys(self) -> HashMap<u64, u64> {
        self.keys
    }
}

/// What became of one file in a run, as the sink hears it.
#[derive(Debug)]
pub enum FileState<'a> {
    /// New or changed: its bytes.
    Fresh(&'a [u8]),
    /// The same as in the last run of this cache.
    Unchanged,
    /// The next parts of a file handed over in parts, first part first
    /// (the region-wide CSV files, too large to hold at once). Each part
    /// is shared, so a sink that keeps them copies nothing.
    Parts(&'a [Arc<str>]),
    /// No longer in the site (a kept cache's runs only).
    Gone,
}

/// How many files a run produced, and how many of them it rendered.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct RenderStats {
    /// Files in the site.
    pub files: usize,
    /// Files rendered (not found unchanged).
    pub rendered: usize,
}

/// The sink of a run: called from several threads at once, in no set order.
pub type Sink<'s> = dyn Fn(&str, FileState<'_>) -> Result<(), String> + Sync + 's;

/// Where rendered files go: through the cache to the sink. One per village
/// (and one for the site-wide files), turned into a [`FileSet`] when done.
pub(crate) struct Out<'a> {
    /// The keys of the last run, when keys are kept.
    last: Option<&'a HashMap<u64, u64>>,
    sink: &'a Sink<'a>,
    /// This run's paths, each ended by a NUL, and their keys in the same
    /// order (kept runs only).
    paths: String,
    keys: Vec<u64>,
    stats: RenderStats,
    /// For a village's files, a hash of everything they are made from
    /// (see [`Renderer::village`]): their pages' keys need no hash of
    /// their contexts.
    inputs: Option<u64>,
}

impl<'a> Out<'a> {
    fn new(cache: &'a FileKeys, sink: &'a Sink<'a>) -> Out<'a> {
        Out {
            last: cache.keep.then_some(&cache.keys),
            sink,
            paths: String::new(),
            keys: Vec::new(),
            stats: RenderStats::default(),
            inputs: None,
        }
    }

    /// A hash of everything the files handed over here are made from, if
    /// known (a village's, when keys are kept).
    pub(crate) fn inputs(&self) -> Option<u64> {
        self.inputs.filter(|_| self.keeps())
    }

    fn finish(self) -> FileSet {
        FileSet {
            files: Arc::new(FileList {
                paths: self.paths.into(),
                keys: self.keys.into(),
            }),
            stats: self.stats,
        }
    }

    /// Whether files need keys (kept runs only).
    pub(crate) fn keeps(&self) -> bool {
        self.last.is_some()
    }

    /// Hands over the file at `path` whose inputs hash to `key` (given
    /// whenever [`Out::keeps`]), making it only if the key differs from
    /// the last run's.
    pub(crate) fn file(
        &mut self,
        path: &str,
        key: Option<u64>,
        make: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        if let Some(key) = key.filter(|&key| self.unchanged(path, Some(key))) {
            return self.pass_on(path, key);
        }
        self.stats.files += 1;
        if let (Some(_), Some(key)) = (self.last, key) {
            self.paths.push_str(path);
            self.paths.push(FileList::END);
            self.keys.push(key);
        }
        let bytes = make()?;
        self.stats.rendered += 1;
        (self.sink)(path, FileState::Fresh(&bytes))
    }

    /// Whether the file at `path` whose inputs hash to `key` is as the
    /// last run left it (never without a key, or when keys are not kept).
    pub(crate) fn unchanged(&self, path: &str, key: Option<u64>) -> bool {
        match (self.last, key) {
            (Some(last), Some(key)) => last.get(&path_key(path)) == Some(&key),
            _ => false,
        }
    }

    /// Hands over the file at `path` as the last run left it, under `key`,
    /// the key it had then (see [`Out::last_key`]): the sink hears it is
    /// unchanged.
    pub(crate) fn pass_on(&mut self, path: &str, key: u64) -> Result<(), String> {
        self.stats.files += 1;
        self.paths.push_str(path);
        self.paths.push(FileList::END);
        self.keys.push(key);
        (self.sink)(path, FileState::Unchanged)
    }

    /// The key the file at `path` had in the last run (none when keys
    /// are not kept, or it was not made).
    pub(crate) fn last_key(&self, path: &str) -> Option<u64> {
        self.last?.get(&path_key(path)).copied()
    }

    /// Hands over the files of `set`, made by an earlier run from the same
    /// inputs, as they were: the sink hears they are unchanged.
    fn unchanged_set(&mut self, set: &FileSet) -> Result<(), String> {
        for (path, _) in set.keys() {
            (self.sink)(path, FileState::Unchanged)?;
        }
        self.append(&FileSet {
            stats: RenderStats {
                files: set.stats.files,
                rendered: 0,
            },
            files: set.files.clone(),
        });
        Ok(())
    }

    /// Counts the files of `set`, handed over already, among these.
    fn append(&mut self, set: &FileSet) {
        self.stats.files += set.stats.files;
        self.stats.rendered += set.stats.rendered;
        if self.keeps() {
            for (path, key) in set.keys() {
                self.paths.push_str(path);
                self.paths.push(FileList::END);
                self.keys.push(key);
            }
        }
    }

    /// A file whose bytes are already made: keyed by the bytes themselves.
    pub(crate) fn bytes(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        let key = self.keeps().then(|| hash_of(&bytes));
        self.file(path, key, || Ok(bytes.to_vec()))
    }
}

/// A village with the county and township it belongs to, and what its own
/// pages show.
pub type Placed<'s> = (
    &'s SiteCounty,
    &'s SiteTownship,
    &'s SiteVillage,
    &'s VillageContent<'s>,
);

/// Some files of a run (a village's, the site-wide ones): how many, how
/// many were rendered, and (when keys are kept) their paths and keys,
/// shared by every copy (a build keeps a set per village and passes it
/// on: at country scale the paths are most of what a build keeps).
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct FileSet {
    files: Arc<FileList>,
    /// Files, and how many were rendered.
    pub stats: RenderStats,
}

/// The paths and keys of a [`FileSet`], in two blocks: a village's ten or
/// so paths as one text rather than one text each (a million of them at
/// country scale), and their keys in the same order.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "SavedFileList", into = "SavedFileList")]
struct FileList {
    /// Each path followed by [`FileList::END`].
    paths: Box<str>,
    keys: Box<[u64]>,
}

impl FileList {
    /// What ends each path: no file name holds it.
    const END: char = '\0';

    fn paths(&self) -> impl Iterator<Item = &str> {
        self.paths.split_terminator(FileList::END)
    }
}

/// A [`FileList`] as saved: each path, and each key.
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedFileList {
    paths: Vec<String>,
    keys: Vec<u64>,
}

impl From<FileList> for SavedFileList {
    fn from(list: FileList) -> SavedFileList {
        SavedFileList {
            paths: list.paths().map(str::to_owned).collect(),
            keys: list.keys.into(),
        }
    }
}

impl TryFrom<SavedFileList> for FileList {
    type Error = &'static str;

    fn try_from(saved: SavedFileList) -> Result<FileList, &'static str> {
        let well_formed = |p: &String| !p.is_empty() && !p.contains(FileList::END);
        if saved.paths.len() != saved.keys.len() || !saved.paths.iter().all(well_formed) {
            return Err("a path for each key");
        }
        let mut paths = String::new();
        for path in &saved.paths {
            paths.push_str(path);
            paths.push(FileList::END);
        }
        Ok(FileList {
            paths: paths.into(),
            keys: saved.keys.into(),
        })
    }
}

impl FileSet {
    /// The paths of these files.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.paths()
    }

    /// Each file's path and key.
    pub fn keys(&self) -> impl Iterator<Item = (&str, u64)> {
        self.files.paths().zip(self.files.keys.iter().copied())
    }

    /// A copy that shares nothing with this set, allocated by the thread
    /// that asks (see `pipeline::stream`: what a build keeps is copied
    /// out of the rendering threads' memory).
    pub fn copied(&self) -> FileSet {
        FileSet {
            files: Arc::new(FileList::clone(&self.files)),
            stats: self.stats,
        }
    }

    /// The paths of `earlier` that are not among these files.
    pub fn gone_since<'e>(&self, earlier: &'e FileSet) -> Vec<&'e str> {
        let now: std::collections::HashSet<&str> = self.paths().collect();
        earlier.paths().filter(|p| !now.contains(p)).collect()
    }
}

/// The files of one run: how many, and the sets looked at (the files of
/// villages taken as they were are only counted).
#[derive(Debug, Default)]
pub struct RunFiles {
    /// Files, and how many were rendered.
    pub stats: RenderStats,
    looked_at: Vec<FileSet>,
}

impl RunFiles {
    /// Adds a set looked at this run.
    pub fn add(&mut self, set: FileSet) {
        self.stats.files += set.stats.files;
        self.stats.rendered += set.stats.rendered;
        self.looked_at.push(set);
    }

    /// Counts the files of an earlier run as this run's, unchanged: their
    /// village is as it was, so they are not even looked at.
    pub fn add_unchanged(&mut self, earlier: &FileSet) {
        self.stats.files += earlier.stats.files;
    }
}

impl FileKeys {
    /// Remembers the keys of the files this run looked at, and forgets
    /// the files that are gone (so they render again if they come back).
    pub fn remember(&mut self, run: &RunFiles, gone: &[String]) {
        if self.keep {
            for set in &run.looked_at {
                let keys = set.keys();
                self.keys
                    .extend(keys.map(|(path, key)| (path_key(path), key)));
            }
            for path in gone {
                self.keys.remove(&path_key(path));
            }
        }
    }
}

/// Renders the files of one run through a cache into a sink: each
/// village's as it passes ([`Renderer::village`]), from any thread, and
/// the site-wide ones once every village is in ([`Renderer::site_wide`]).
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    languages: pages::Languages<'a>,
    cache: &'a FileKeys,
    sink: &'a Sink<'a>,
}

impl<'a> Renderer<'a> {
    /// A renderer of `site` (complete, for the site-wide files) with `theme`.
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        cache: &'a FileKeys,
        sink: &'a Sink<'a>,
    ) -> Renderer<'a> {
        Renderer {
            site,
            theme,
            languages: pages::Languages::new(site, theme),
            cache,
            sink,
        }
    }

    /// A village's files: its pages in every language and its JSON; its
    /// rows of the region-wide CSV files; and its part of its township's
    /// print page (see [`Renderer::township_print`]). `inputs` is a hash
    /// of everything its files are made from (its file, the rest of the
    /// site's inputs, how it stands on the day), which keys its pages.
    pub fn village(
        &self,
        placed: Placed<'_>,
        inputs: u64,
    ) -> Result<(FileSet, CsvParts, PrintPart), String> {
        let mut out = Out::new(self.cache, self.sink);
        out.inputs = Some(inputs);
        pages::render_village(&self.languages, placed, &mut out)?;
        data::render_village(placed, &mut out)?;
        let part = print::village_part(&self.languages, placed)?;
        Ok((out.finish(), data::village_rows(placed), part))
    }

    /// The print page of a township in every language, once all its
    /// villages have passed, from their parts in village order (the
    /// villages stream by, so a township's print page is made as soon as
    /// its last village is in, and its parts let go).
    pub fn township_print(
        &self,
        place: (&SiteCounty, &SiteTownship),
        parts: &[PrintPart],
    ) -> Result<FileSet, String> {
        let mut out = Out::new(self.cache, self.sink);
        print::township_page(&self.languages, place, parts, &mut out)?;
        Ok(out.finish())
    }

    /// Tells the sink these files are no longer in the site.
    pub fn gone(&self, paths: &[String]) -> Result<(), String> {
        paths
            .iter()
            .try_for_each(|path| (self.sink)(path, FileState::Gone))
    }

    /// The next parts of the region-wide CSV files, in the order of
    /// [`CsvParts::PATHS`] (the `first` parts create them).
    pub fn parts(&self, parts: [Vec<Arc<str>>; 2], first: bool) -> Result<FileSet, String> {
        let mut rendering = FileSet::default();
        for (path, parts) in CsvParts::PATHS.into_iter().zip(parts) {
            if first || !parts.is_empty() {
                (self.sink)(path, FileState::Parts(&parts))?;
            }
            if first {
                rendering.stats.files += 1;
                rendering.stats.rendered += 1;
            }
        }
        Ok(rendering)
    }

    /// Everything but the villages' files: the landing and "not found"
    /// pages, each language's home, announcements, search, stats, county
    /// and township pages and feed, the sitemap, the statistics data, the
    /// search index and the theme's static files. The region-wide CSV
    /// files are handed over in parts by whoever streams the villages.
    ///
    /// Given what the last good run made the search index from
    /// (`search`, kept by `serve`), the index is made again only if its
    /// inputs changed; the [`SearchMemo`] of this run is returned for the
    /// next (only when one was given: a run that keeps none makes none).
    pub fn site_wide(
        &self,
        search: Option<&SearchMemo>,
    ) -> Result<(FileSet, Option<SearchMemo>), String> {
        let mut out = Out::new(self.cache, self.sink);
        pages::render_site_wide(&self.languages, &mut out)?;
        feeds::render(&self.languages, &mut out)?;
        sitemap::render(self.site, self.theme, &mut out)?;
        stats::data(self.site, &mut out)?;
        let search = self.search_index(search, &mut out)?;
        for (path, bytes) in &self.theme.statics {
            out.bytes(&format!("static/{path}"), bytes)?;
        }
        Ok((out.finish(), search))
    }

    /// The search index into `out`: the files of `last` passed on as they
    /// were if it was made from the same places and villages, else made
    /// anew (only the lists whose rows changed since `last`, see
    /// [`search::ListSums`]); with the memo of this run if `last` was
    /// given.
    fn search_index(
        &self,
        last: Option<&SearchMemo>,
        out: &mut Out<'_>,
    ) -> Result<Option<SearchMemo>, String> {
        // `search::index` reads nothing but the counties (their places and
        // villages' entries): the same counties give the same files.
        let counties = &self.site.counties;
        if let Some(files) = last.and_then(|memo| memo.files_for(counties)) {
            out.unchanged_set(files)?;
            return Ok(last.cloned());
        }
        let mut own = Out::new(self.cache, self.sink);
        let sums = search::index(counties, last.map(|memo| &*memo.lists), &mut own)?;
        let files = own.finish();
        out.append(&files);
        Ok(last.map(|_| SearchMemo {
            inputs: Arc::new(SearchInputs::of(counties)),
            files,
            lists: Arc::new(sums),
        }))
    }
}

/// What the search index was last made from and the files it gave, kept
/// by `serve` between runs: at 10,000 villages making the index is most of
/// a one-village rebuild, and most edits (a candidate's birth date, a
/// notice's period) change nothing it reads. The default matches nothing.
#[derive(Debug, Default, Clone)]
pub struct SearchMemo {
    inputs: Arc<SearchInputs>,
    files: FileSet,
    /// What each list of the index held: a rebuild sorts and keys again
    /// only the lists whose rows changed.
    lists: Arc<search::ListSums>,
}

impl SearchMemo {
    /// The files of the index, if it was made from these counties.
    fn files_for(&self, counties: &[SiteCounty]) -> Option<&FileSet> {
        self.inputs.matches(counties).then_some(&self.files)
    }
}

/// The counties as search reads them, in the site's order: each county
/// and township by slug, name and how many places it holds, and every
/// village's index entry (shared with the site, so keeping them costs a
/// pointer each).
#[derive(Debug, Default)]
struct SearchInputs {
    /// `None` until made from a site: a memo made from nothing matches
    /// nothing, not even a site without counties.
    places: Option<Vec<(String, Text, usize)>>,
    villages: Vec<Arc<SiteVillage>>,
}

impl SearchInputs {
    fn of(counties: &[SiteCounty]) -> SearchInputs {
        let mut places = Vec::new();
        let mut villages = Vec::new();
        for county in counties {
            places.push((
                county.slug.clone(),
                county.name.clone(),
                county.townships.len(),
            ));
            for township in &county.townships {
                places.push((
                    township.slug.clone(),
                    township.name.clone(),
                    township.villages.len(),
                ));
                villages.extend(township.villages.iter().cloned());
            }
        }
        SearchInputs {
            places: Some(places),
            villages,
        }
    }

    /// Whether `counties` are these, place by place and village by
    /// village.
    fn matches(&self, counties: &[SiteCounty]) -> bool {
        let Some(places) = &self.places else {
            return false;
        };
        let mut places = places.iter();
        let mut villages = self.villages.iter();
        let mut same_place = |slug: &str, name: &Text, holds: usize| {
            places
                .next()
                .is_some_and(|(s, n, h)| (s.as_str(), n, *h) == (slug, name, holds))
        };
        for county in counties {
            if !same_place(&county.slug, &county.name, county.townships.len()) {
                return false;
            }
            for township in &county.townships {
                if !same_place(&township.slug, &township.name, township.villages.len()) {
                    return false;
                }
                for village in &township.villages {
                    if !villages
                        .next()
                        .is_some_and(|kept| same_entry(kept, village))
                    {
                        return false;
                    }
                }
            }
        }
        places.next().is_none() && villages.next().is_none()
    }
}

/// Whether two index entries of a village are the same: the same entry
/// (an unchanged village's is passed on as it was), or equal: their
/// slugs, names, kinds and persons, and their keys, which hash the rest
/// (the notices), as the pages that list villages are keyed by them.
fn same_entry(kept: &Arc<SiteVillage>, now: &Arc<SiteVillage>) -> bool {
    Arc::ptr_eq(kept, now)
        || (kept.key == now.key
            && kept.slug == now.slug
            && kept.name == now.name
            && kept.kind == now.kind
            && kept.persons == now.persons)
}

#[cfg(test)]
mod tests {
    use super::testing::{site, text, theme, village};
    use super::*;
    use std::sync::Mutex;

    /// The search files a run made: each path, and whether it was fresh.
    type Made = Vec<(String, bool)>;

    /// The site-wide files of `site` with the keys of `keys` and the memo
    /// `search`: the search files made, the files' paths and keys, and the
    /// memo for the next run.
    fn site_wide(
        site: &Site,
        keys: &mut FileKeys,
        search: &SearchMemo,
    ) -> (Made, Vec<(String, u64)>, SearchMemo) {
        let theme = theme();
        let made = Mutex::new(Vec::new());
        let sink = |path: &str, state: FileState<'_>| {
            if path.starts_with("search/") {
                let fresh = matches!(state, FileState::Fresh(_));
                made.lock().unwrap().push((path.to_owned(), fresh));
            }
            Ok(())
        };
        let (set, memo) = {
            let renderer = Renderer::new(site, &theme, keys, &sink);
            renderer.site_wide(Some(search)).unwrap()
        };
        let files = set.keys().map(|(p, k)| (p.to_owned(), k)).collect();
        let mut run = RunFiles::default();
        run.add(set);
        keys.remember(&run, &[]);
        (made.into_inner().unwrap(), files, memo.unwrap())
    }

    #[test]
    fn the_search_index_is_made_again_only_when_what_it_reads_changed() {
        let today = jiff::civil::date(2021, 1, 12);
        let mut keys = FileKeys::kept();
        let (made, files, memo) = site_wide(&site(2, 3, today), &mut keys, &SearchMemo::default());
        assert!(!made.is_empty() && made.iter().all(|(_, fresh)| *fresh));
        // The same places and villages, resolved again (other entries,
        // equal): the index is passed on, every file of it still there.
        let (again, same_files, memo) = site_wide(&site(2, 3, today), &mut keys, &memo);
        assert_eq!(
            again.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            made.iter().map(|(p, _)| p).collect::<Vec<_>>()
        );
        assert!(again.iter().all(|(_, fresh)| !fresh), "{again:?}");
        assert_eq!(same_files, files);
        // A village renamed: its files are made again.
        let mut renamed = site(2, 3, today);
        let mut entry = village("v2", 2);
        entry.name = text("གྲོང་ཚོ།", "新名村");
        renamed.counties[1].townships[0].villages[1] = Arc::new(entry);
        let (made, files, _) = site_wide(&renamed, &mut keys, &memo);
        assert!(made.iter().any(|(_, fresh)| *fresh), "{made:?}");
        assert_ne!(files, same_files);
    }

    #[test]
    fn search_inputs_match_the_same_places_and_villages_only() {
        let today = jiff::civil::date(2021, 1, 12);
        let base = site(2, 3, today);
        let inputs = SearchInputs::of(&base.counties);
        assert!(inputs.matches(&base.counties));
        assert!(inputs.matches(&site(2, 3, today).counties), "equal entries");
        assert!(!SearchInputs::default().matches(&base.counties));
        assert!(!SearchInputs::default().matches(&[]), "made from nothing");
        assert!(SearchInputs::of(&[]).matches(&[]));
        assert!(
            !inputs.matches(&site(3, 3, today).counties),
            "a county more"
        );
        assert!(
            !inputs.matches(&site(1, 3, today).counties),
            "a county less"
        );
        assert!(
            !inputs.matches(&site(2, 4, today).counties),
            "a village more"
        );
        let mut changed = site(2, 3, today);
        changed.counties[0].townships[0].name = text("ཤང་།", "新乡");
        assert!(!inputs.matches(&changed.counties), "a township renamed");
        let mut changed = site(2, 3, today);
        changed.counties[1].slug = "c9".into();
        assert!(!inputs.matches(&changed.counties), "a county's slug");
        let mut changed = site(2, 3, today);
        let mut entry = village("v1", 1);
        entry.key ^= 1;
        changed.counties[0].townships[0].villages[0] = Arc::new(entry);
        assert!(!inputs.matches(&changed.counties), "a village's notices");
        let mut changed = site(2, 3, today);
        let mut entry = village("v1", 1);
        let person = text("བཀྲ་ཤིས།", "扎西");
        entry.persons = crate::site::SitePersons::of([[&person]]);
        changed.counties[0].townships[0].villages[0] = Arc::new(entry);
        assert!(!inputs.matches(&changed.counties), "a village's persons");
    }
}
