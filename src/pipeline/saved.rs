//! What a build leaves for the next one, in `<root>/.gongshi/build.json`,
//! so that a daily rebuild costs what changed: each village's outcome with
//! a hash of its file's bytes and the key of what else it was made from
//! (its CSV rows only as where they lie in the output's CSV files, which
//! the next build reads them back from: they are most of what a village
//! leaves),
//! each township's print page and the site-wide files with their keys,
//! and the keys of every file of the spare folder (the output before it),
//! which the next build fills with what differs and swaps in (see
//! `crate::build`). Paths and keys of the output's files are held once, in
//! the villages', townships' and site-wide file sets, and the output's
//! key map is made from them when the build is read back (a map of a
//! million files, made at the end of a build only to be saved, was the
//! largest thing it held then); the spare's key map knows a file by a
//! hash of its path, and the spare's files that the output lacks are
//! listed apart.
//!
//! It sits under the site's root, never in or beside the output, which may
//! be a web server's folder: it holds scheduled notices not public yet. A
//! village with problems is saved by its files alone (its file is read
//! again next time, so its problems are reported again, and its files go
//! if it goes); a file that cannot be read, or that another gongshi
//! wrote, makes the next build start afresh.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::session::{KeptVillage, Session};
use super::village::{CsvAt, NoticeSeal, Stamp, StampBy, VillageOutcome};
use crate::messages::say;
use crate::render::{path_key, CsvParts, FileKeys, FileSet};
use crate::site::{NoticeDates, SiteVillage, VillageFigures};

/// The folder below the root that holds it and what a build sets aside
/// while it runs: never in or beside the output, which may be served.
pub const FOLDER: &str = ".gongshi";

/// Where it is kept under `root`.
fn path_under(root: &Path) -> PathBuf {
    root.join(FOLDER).join("build.json")
}

/// This format and the gongshi that wrote it: keys are hashes that another
/// version may compute differently.
fn version() -> String {
    format!("{} 8", env!("CARGO_PKG_VERSION"))
}

/// A build, as the next one reads it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Saved {
    /// See [`version`].
    version: String,
    /// The output folder it wrote (absolute).
    pub output: PathBuf,
    /// Which folder the output is (`crate::output::folder_id`).
    pub output_folder: Option<u64>,
    /// Which folder the spare is, if there is one.
    pub spare_folder: Option<u64>,
    /// The key of each file of the spare folder, by `render::path_key`.
    pub spare_keys: HashMap<u64, u64>,
    /// The spare's files that are not in the output (the output's are
    /// the villages', townships' and site-wide file sets).
    pub spare_only: Vec<String>,
    /// The day it was built as of.
    day: Option<Date>,
    /// The length of each of the output's CSV files, whose rows of reused
    /// villages the next build reads back.
    csv_lengths: [u64; 2],
    villages: HashMap<String, SavedVillage>,
    townships: HashMap<String, (u64, FileSet)>,
    site_wide: FileSet,
}

/// A village as a build left it (one without problems).
#[derive(Debug, Serialize, Deserialize)]
struct SavedVillage {
    /// A hash of its file's bytes.
    bytes: u64,
    /// The key of everything but the village its files were made from.
    key: u64,
    dates: Arc<[NoticeDates]>,
    /// Its published notices, which a change must account for.
    seals: Arc<[NoticeSeal]>,
    /// Its index entry and figures; none if it had problems (it is read
    /// again: only its files are known).
    entry: Option<(Arc<SiteVillage>, Arc<VillageFigures>)>,
    /// Where its rows lie in the output's CSV files (kept there, not here:
    /// they are most of what a village leaves).
    csv_at: CsvAt,
    rendering: FileSet,
}

impl Saved {
    /// The build saved under `root`, if there is one this gongshi can use.
    pub fn load(root: &Path) -> Option<Saved> {
        // Read as it is parsed: the file is about as large as what it holds.
        let file = std::io::BufReader::new(std::fs::File::open(path_under(root)).ok()?);
        let saved: Saved = serde_json::from_reader(file).ok()?;
        (saved.version == version()).then_some(saved)
    }

    /// Whether the output's CSV files are as long as this build left them
    /// (the rows of reused villages are read back from there).
    pub fn rows_intact(&self) -> bool {
        CsvParts::PATHS
            .iter()
            .zip(self.csv_lengths)
            .all(|(path, length)| {
                std::fs::metadata(self.output.join(path)).is_ok_and(|m| m.len() == length)
            })
    }

    /// What `session` (after a good run) leaves for the next build, which
    /// wrote `output`; `folders` say which folders the output and the
    /// spare are, and the spare's files have the keys `spare_keys` (those
    /// the output lacks are `spare_only`).
    pub fn of(
        session: Session,
        output: PathBuf,
        (output_folder, spare_folder): (Option<u64>, Option<u64>),
        (spare_keys, spare_only): (HashMap<u64, u64>, Vec<String>),
    ) -> Saved {
        let csv_lengths = CsvParts::PATHS
            .map(|path| std::fs::metadata(output.join(path)).map_or(0, |meta| meta.len()));
        // Taken apart, not copied: at country scale it is most of the memory.
        let Session {
            villages,
            townships,
            site_wide,
            day,
            ..
        } = session;
        let villages = villages
            .into_iter()
            .filter_map(|(rel, kept)| {
                let Stamp::Bytes(bytes) = kept.stamp else {
                    return None;
                };
                let outcome = Arc::unwrap_or_clone(kept.outcome);
                let entry = outcome.entry.filter(|_| outcome.problems.is_empty());
                let saved = SavedVillage {
                    bytes,
                    key: kept.key,
                    dates: outcome.dates,
                    seals: outcome.seals,
                    entry,
                    csv_at: kept.csv_at,
                    rendering: outcome.rendering,
                };
                Some((rel, saved))
            })
            .collect();
        Saved {
            version: version(),
            output,
            output_folder,
            spare_folder,
            spare_keys,
            spare_only,
            day,
            csv_lengths,
            villages,
            townships,
            site_wide,
        }
    }

    /// Writes it under `root`, whole or not at all (a temporary file
    /// renamed into place).
    pub fn store(&self, root: &Path) -> std::io::Result<()> {
        let path = path_under(root);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let temporary = path.with_extension("json.tmp");
        let mut file = std::io::BufWriter::new(std::fs::File::create(&temporary)?);
        serde_json::to_writer(&mut file, self).map_err(std::io::Error::other)?;
        std::io::Write::flush(&mut file)?;
        drop(file);
        std::fs::rename(&temporary, &path)
    }

    /// Removes what is saved under `root`, so the next build starts afresh.
    pub fn forget(root: &Path) {
        let _ = std::fs::remove_file(path_under(root));
    }

    /// The key of each file of the output, by `render::path_key`: those
    /// of its villages', townships' and site-wide file sets.
    pub fn output_keys(&self) -> HashMap<u64, u64> {
        let villages = self.villages.values().map(|saved| &saved.rendering);
        let townships = self.townships.values().map(|(_, set)| set);
        let sets = villages.chain(townships).chain([&self.site_wide]);
        let mut keys = HashMap::with_capacity(sets.clone().map(|set| set.stats.files).sum());
        for set in sets {
            keys.extend(set.keys().map(|(path, key)| (path_key(path), key)));
        }
        keys
    }

    /// The session the next build runs in: each village reused if its
    /// file's bytes are as they were (and it had no problems), each file
    /// found unchanged if its key is the output's.
    pub fn into_session(self) -> Session {
        let keys = FileKeys::of(self.output_keys());
        let villages = self
            .villages
            .into_iter()
            .map(|(rel, saved)| {
                let outcome = VillageOutcome {
                    stamp: Some(Stamp::Bytes(saved.bytes)),
                    dates: saved.dates,
                    seals: saved.seals,
                    entry: saved.entry,
                    rendering: saved.rendering,
                    ..VillageOutcome::default()
                };
                let kept = KeptVillage {
                    stamp: Stamp::Bytes(saved.bytes),
                    key: saved.key,
                    outcome: Arc::new(outcome),
                    csv_at: saved.csv_at,
                };
                (rel, kept)
            })
            .collect();
        let mut session = Session::saving(keys, villages, self.townships, self.site_wide);
        session.day = self.day;
        session.rows_from = Some(self.output);
        session
    }
}

/// The rows at `at` of the CSV files in `folder` (see [`CsvAt`]).
pub(super) fn rows_at(folder: &Path, at: CsvAt) -> Result<CsvParts, String> {
    use std::io::{Read, Seek, SeekFrom};
    let [candidates, results] = [0, 1].map(|i| {
        let path = folder.join(CsvParts::PATHS[i]);
        let (start, length) = at[i];
        let mut text = String::new();
        std::fs::File::open(&path)
            .and_then(|mut file| {
                file.seek(SeekFrom::Start(start))?;
                file.take(length).read_to_string(&mut text)
            })
            .map_err(|e| say!("output.cannot_read", path = path.display(), why = e))
            .map(|_| Arc::<str>::from(text))
    });
    Ok(CsvParts {
        candidates: candidates?,
        results: results?,
    })
}

impl Session {
    /// A session for a build whose outcome is saved for the next: files
    /// are stamped by their bytes and every file is looked at.
    pub(super) fn saving(
        cache: FileKeys,
        villages: HashMap<String, KeptVillage>,
        townships: HashMap<String, (u64, FileSet)>,
        site_wide: FileSet,
    ) -> Session {
        let mut session = Session::kept_by(StampBy::Bytes, cache);
        session.villages = villages;
        session.townships = townships;
        session.site_wide = site_wide;
        session.suspect_all();
        session
    }

    /// Whether reused villages' CSV rows are read back from the last
    /// output rather than kept in memory (saved builds).
    pub(super) fn rows_from_output(&self) -> bool {
        self.keep == Some(StampBy::Bytes)
    }

    /// Whether the keys of the run's files are found in its file sets
    /// when it is saved (saved builds) rather than kept in a map of every
    /// file (sessions kept in memory).
    pub(super) fn keys_from_file_sets(&self) -> bool {
        self.keep == Some(StampBy::Bytes)
    }

    /// A session for a first build whose outcome is saved for the next.
    pub fn fresh_saving() -> Session {
        Session::saving(
            FileKeys::kept(),
            HashMap::new(),
            HashMap::new(),
            FileSet::default(),
        )
    }
}
