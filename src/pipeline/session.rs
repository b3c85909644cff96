//! What one run keeps for the next, so that a rebuild costs what changed:
//! each village's outcome with the stamp of its file and the day it stood
//! on, the keys of every file rendered, and (in `serve`) everything but
//! the villages as loaded and which files the watcher says may have
//! changed since. `serve` keeps a session in memory; `build` saves one
//! for the next build (`saved`). A session that keeps nothing
//! ([`Session::once`], for `check`) computes no keys and stamps no file.
//! Nothing here reads content or renders; it only says what may be taken
//! as it was.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;

use super::frame::Checked;
use super::village::{stamp_of, CsvAt, Stamp, StampBy, VillageOutcome};
use crate::content;
use crate::render::{FileKeys, FileSet, PrintPart, SearchMemo};

/// What one run leaves for the next.
#[derive(Debug, Default)]
pub struct Session {
    /// Whether anything is kept (`serve`, a saved build) or not (a
    /// run that renders nothing), and how files are stamped.
    pub(super) keep: Option<StampBy>,
    /// The keys of the last run's files.
    pub(super) cache: FileKeys,
    /// Each village's outcome, by its file's path below the root
    /// (`content/villages/…`), with its file's stamp and the key of what
    /// else its files were made from.
    pub(super) villages: HashMap<String, KeptVillage>,
    /// The site-wide files.
    pub(super) site_wide: FileSet,
    /// Each township's print page (by `county/township`), with a hash of
    /// which villages it was made from.
    pub(super) townships: HashMap<String, (u64, FileSet)>,
    /// Files that may have changed since: only these are looked at again
    /// (the watcher names them), unless `all` may have.
    suspects: HashSet<String>,
    all: bool,
    /// Everything but the villages, as last loaded.
    frame: Option<KeptFrame>,
    /// The day of the last good run.
    pub(super) day: Option<Date>,
    /// The folder the last build wrote, where reused villages' CSV rows
    /// are read back from (saved builds, which keep no rows in memory).
    pub(super) rows_from: Option<std::path::PathBuf>,
    /// The print parts of the villages of the townships whose print page
    /// the last good run made, if they were few (`serve` only): editing a
    /// village again then reads none of its neighbours.
    pub(super) print_parts: HashMap<String, PrintPart>,
    /// What the last good run made the search index from (`serve` only:
    /// it holds every village's entry, which a saved build reads anew).
    pub(super) search: Option<SearchMemo>,
}

/// A village as the last good run left it.
#[derive(Debug, Clone)]
pub(super) struct KeptVillage {
    /// Its file's size and time of change when it was read.
    pub(super) stamp: Stamp,
    /// The key of everything but the village that its files were made from.
    pub(super) key: u64,
    /// What came of it.
    pub(super) outcome: Arc<VillageOutcome>,
    /// Where its rows lie in the CSV files of the run that kept it.
    pub(super) csv_at: CsvAt,
}

impl Session {
    /// A session for one run (`build`): every file is rendered and
    /// nothing is kept.
    pub fn once() -> Session {
        Session::default()
    }

    /// A session kept between runs (`serve`).
    pub fn kept() -> Session {
        Session::kept_by(StampBy::Changed, FileKeys::kept())
    }

    /// A session that keeps what runs make, stamps files `by`, and starts
    /// from the file keys `cache`.
    pub(super) fn kept_by(by: StampBy, cache: FileKeys) -> Session {
        Session {
            keep: Some(by),
            cache,
            search: (by == StampBy::Changed).then(SearchMemo::default),
            ..Session::default()
        }
    }

    /// The key of every file of the last good run, by
    /// [`crate::render::path_key`] (sessions kept in memory only; a saved
    /// build's are those it started from).
    pub fn file_keys(&self) -> &HashMap<u64, u64> {
        self.cache.keys()
    }

    /// The path and key of every file of the last good run that has a key
    /// (kept sessions only: all but the CSV files).
    pub fn files(&self) -> impl Iterator<Item = (&str, u64)> {
        let villages = self.villages.values().map(|kept| &kept.outcome.rendering);
        let townships = self.townships.values().map(|(_, set)| set);
        villages
            .chain(townships)
            .chain([&self.site_wide])
            .flat_map(FileSet::keys)
    }

    /// Files at these paths (below the root, with `/`) may have changed.
    pub fn suspect(&mut self, paths: impl IntoIterator<Item = String>) {
        self.suspects.extend(paths);
    }

    /// Whether print parts are kept for the next run (`serve` only: a
    /// saved build would have to save them).
    pub(super) fn keeps_print_parts(&self) -> bool {
        self.keep == Some(StampBy::Changed)
    }

    /// After a good run: the print parts it kept (none if it made many
    /// townships' print pages), for the next.
    pub(super) fn keep_print_parts(&mut self, parts: HashMap<String, PrintPart>) {
        self.print_parts = parts;
    }

    /// Any file may have changed.
    pub fn suspect_all(&mut self) {
        self.all = true;
    }

    /// Everything but the villages as last loaded from `root`, if no file
    /// of it may have changed since.
    pub(super) fn frame(&self, root: &Path) -> Option<Checked> {
        let frame = self.frame.as_ref()?;
        let unchanged = !self.all && self.suspects.iter().all(|rel| frame.survives(root, rel));
        unchanged.then(|| frame.loaded.clone())
    }

    /// Keeps what was loaded of everything but the villages (kept sessions only).
    pub(super) fn keep_frame(&mut self, loaded: &Checked) {
        if self.keep == Some(StampBy::Changed) {
            self.frame = Some(KeptFrame::new(loaded));
        }
    }

    /// The outcome of the file at `rel` (on disk at `path`) from the last
    /// run, if the file and the other inputs (`key`) are unchanged; a
    /// file not suspected of a change is not even looked at.
    pub(super) fn reuse(&self, rel: &str, path: &Path, key: u64) -> Option<&Arc<VillageOutcome>> {
        let kept = self.villages.get(rel)?;
        if kept.key != key {
            return None;
        }
        if !self.all && !self.suspects.contains(rel) {
            return Some(&kept.outcome);
        }
        let by = self.keep?;
        (stamp_of(path, by)? == kept.stamp).then_some(&kept.outcome)
    }

    /// The stamp to keep for a village file about to be read: taken before
    /// reading, so a change made meanwhile is seen next time. None when
    /// nothing is kept (a session that keeps nothing stamps no file).
    pub(super) fn stamp(&self, path: &Path) -> Option<Stamp> {
        match self.keep? {
            StampBy::Changed => stamp_of(path, StampBy::Changed),
            // Hashed as read instead ([`Session::stamp_read`]): once.
            StampBy::Bytes => None,
        }
    }

    /// The stamp to keep for a village file whose text, as read to be
    /// rendered, hashes to `read`, where files are stamped by their bytes.
    pub(super) fn stamp_read(&self, read: Option<u64>) -> Option<Stamp> {
        (self.keep == Some(StampBy::Bytes)).then_some(Stamp::Bytes(read?))
    }

    /// After a good run: what it made is what the next run compares with,
    /// and nothing is suspected any more.
    pub(super) fn settle(
        &mut self,
        villages: HashMap<String, KeptVillage>,
        (site_wide, search): (FileSet, Option<SearchMemo>),
        townships: HashMap<String, (u64, FileSet)>,
        day: Date,
    ) {
        if self.keep.is_some() {
            self.day = Some(day);
            self.villages = villages;
            self.site_wide = site_wide;
            self.townships = townships;
            self.suspects.clear();
            self.all = false;
            if search.is_some() {
                self.search = search;
            }
        }
    }
}

/// Everything but the villages as loaded, kept while only villages change.
#[derive(Debug)]
struct KeptFrame {
    loaded: Checked,
    paths: FramePaths,
}

impl KeptFrame {
    fn new(loaded: &Checked) -> KeptFrame {
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
        KeptFrame {
            loaded: loaded.clone(),
            paths: FramePaths { villages, others },
        }
    }

    fn survives(&self, root: &Path, rel: &str) -> bool {
        self.paths.survives(root, rel)
    }
}

/// The files a frame was loaded from, below the root: the village files,
/// and every other file read.
#[derive(Debug, Default)]
struct FramePaths {
    villages: HashSet<String>,
    others: HashSet<String>,
}

impl FramePaths {
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

#[cfg(test)]
mod tests {
    use super::*;

    const VILLAGE: &str = "content/villages/gar/shiquanhe/senge.yaml";

    fn root_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path = root.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        root
    }

    fn paths() -> FramePaths {
        FramePaths {
            villages: [VILLAGE.to_owned()].into(),
            others: ["content/site.yaml".to_owned()].into(),
        }
    }

    #[test]
    fn a_changed_village_leaves_the_frame_as_loaded() {
        let root = root_with(&[(VILLAGE, "name: x"), ("content/site.yaml", "")]);
        assert!(paths().survives(root.path(), VILLAGE));
    }

    #[test]
    fn a_village_file_gone_settings_themes_and_new_files_load_the_frame_again() {
        let root = root_with(&[
            ("content/site.yaml", ""),
            ("content/villages/gar/shiquanhe/new.yaml", ""),
        ]);
        let paths = paths();
        assert!(!paths.survives(root.path(), VILLAGE), "a village removed");
        assert!(!paths.survives(root.path(), "content/site.yaml"));
        assert!(!paths.survives(root.path(), "themes/default/i18n/zh.yaml"));
        assert!(
            !paths.survives(root.path(), "content/villages/gar/shiquanhe/new.yaml"),
            "a village added"
        );
    }

    #[test]
    fn an_editors_leftovers_and_files_gone_unread_change_nothing() {
        let root = root_with(&[("content/villages/gar/shiquanhe/.senge.yaml.swp", "")]);
        let paths = paths();
        assert!(paths.survives(
            root.path(),
            "content/villages/gar/shiquanhe/.senge.yaml.swp"
        ));
        assert!(paths.survives(root.path(), "content/villages/gar/shiquanhe/4913"));
    }

    fn kept_session(root: &Path, key: u64) -> Session {
        let mut session = Session::kept();
        let stamp = stamp_of(&root.join(VILLAGE), StampBy::Changed).unwrap();
        session.villages.insert(
            VILLAGE.to_owned(),
            KeptVillage {
                stamp,
                key,
                outcome: Arc::default(),
                csv_at: CsvAt::default(),
            },
        );
        session
    }

    #[test]
    fn an_unsuspected_village_is_reused_without_looking_at_its_file() {
        let root = root_with(&[(VILLAGE, "name: x")]);
        let session = kept_session(root.path(), 7);
        std::fs::write(root.path().join(VILLAGE), "name: a longer text").unwrap();
        let path = root.path().join(VILLAGE);
        assert!(session.reuse(VILLAGE, &path, 7).is_some());
        assert!(
            session.reuse(VILLAGE, &path, 8).is_none(),
            "other inputs changed"
        );
        assert!(session
            .reuse("content/villages/gar/shiquanhe/deji.yaml", &path, 7)
            .is_none());
    }

    #[test]
    fn a_suspected_village_is_reused_only_if_its_file_is_as_it_was() {
        let root = root_with(&[(VILLAGE, "name: x")]);
        let path = root.path().join(VILLAGE);
        let mut session = kept_session(root.path(), 7);
        session.suspect([VILLAGE.to_owned()]);
        assert!(
            session.reuse(VILLAGE, &path, 7).is_some(),
            "touched, not changed"
        );
        std::fs::write(&path, "name: a longer text").unwrap();
        assert!(session.reuse(VILLAGE, &path, 7).is_none(), "changed");
        std::fs::remove_file(&path).unwrap();
        assert!(session.reuse(VILLAGE, &path, 7).is_none(), "gone");
    }

    #[test]
    fn when_anything_may_have_changed_every_file_is_looked_at() {
        let root = root_with(&[(VILLAGE, "name: x")]);
        let path = root.path().join(VILLAGE);
        let mut session = kept_session(root.path(), 7);
        session.suspect_all();
        assert!(session.reuse(VILLAGE, &path, 7).is_some());
        std::fs::write(&path, "name: a longer text").unwrap();
        assert!(session.reuse(VILLAGE, &path, 7).is_none());
    }

    #[test]
    fn a_settled_session_suspects_nothing_and_a_one_off_one_keeps_nothing() {
        let root = root_with(&[(VILLAGE, "name: x")]);
        let path = root.path().join(VILLAGE);
        let mut session = kept_session(root.path(), 7);
        session.suspect_all();
        let villages = std::mem::take(&mut session.villages);
        session.settle(
            villages,
            (FileSet::default(), None),
            HashMap::new(),
            jiff::civil::date(2021, 1, 12),
        );
        std::fs::write(&path, "name: a longer text").unwrap();
        assert!(
            session.reuse(VILLAGE, &path, 7).is_some(),
            "no longer suspected"
        );
        let mut once = Session::once();
        assert!(
            once.stamp(&path).is_none(),
            "a one-off build stamps no file"
        );
        let day = jiff::civil::date(2021, 1, 12);
        once.settle(
            session.villages.clone(),
            (FileSet::default(), None),
            HashMap::new(),
            day,
        );
        assert!(once.villages.is_empty());
    }
}
