//! The preview being served: the files of the last good build in memory,
//! the error of the last failed one, and a generation number that open
//! pages watch. A failed rebuild never replaces the files.

use crate::messages::say;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::pipeline::{self, Session, Stop};
use crate::render::{Catalog, FileState};

/// The files of one build, by path below the site root: a full map, shared
/// by later builds, and what they changed in it. A rebuild starts from a
/// copy of the changes alone: at 10,000 villages, copying and dropping a
/// map of 100,000 files was an eighth of a one-village rebuild. The
/// changes are folded into a new full map once they are many
/// ([`Files::folded`]), after the rebuild that made them is served.
#[derive(Debug, Default, Clone)]
pub(crate) struct Files {
    /// The files as of the last fold.
    base: Arc<HashMap<Arc<str>, Body>>,
    /// Files added or changed since (`Some`), or gone (`None`).
    changed: HashMap<Arc<str>, Option<Body>>,
}

impl Files {
    /// The file at `path`.
    pub(crate) fn get(&self, path: &str) -> Option<&Body> {
        match self.changed.get(path) {
            Some(changed) => changed.as_ref(),
            None => self.base.get(path),
        }
    }

    /// Whether there is a file at `path`.
    pub(crate) fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Adds or replaces the file at `path`.
    fn insert(&mut self, path: Arc<str>, body: Body) {
        self.changed.insert(path, Some(body));
    }

    /// Takes away the file at `path`, if there is one.
    fn remove(&mut self, path: &str) {
        match self.base.get_key_value(path) {
            Some((path, _)) => {
                self.changed.insert(path.clone(), None);
            }
            None => {
                self.changed.remove(path);
            }
        }
    }

    /// The same files in one full map, if the changes are many (more than
    /// [`Files::FOLD_AT`] of the full map's): then a lookup would more
    /// often miss the changes first, and each rebuild copy more of them.
    fn folded(&self) -> Option<Files> {
        if self.changed.len() <= self.base.len() / Files::FOLD_AT {
            return None;
        }
        let mut base = HashMap::clone(&self.base);
        for (path, body) in &self.changed {
            match body {
                Some(body) => base.insert(path.clone(), body.clone()),
                None => base.remove(path),
            };
        }
        Some(Files {
            base: Arc::new(base),
            changed: HashMap::new(),
        })
    }

    /// Changes are folded in when there are more than one for this many
    /// files of the full map.
    const FOLD_AT: usize = 8;
}

/// A file's bytes: whole, or in parts shared with the rebuild's caches (the
/// region-wide CSV files, one part per village, so a rebuild copies none).
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// The bytes.
    Whole(Arc<[u8]>),
    /// The parts, in order.
    Parts(Arc<[Arc<str>]>),
}

impl Body {
    /// Bytes in all.
    pub(crate) fn len(&self) -> usize {
        match self {
            Body::Whole(bytes) => bytes.len(),
            Body::Parts(parts) => parts.iter().map(|p| p.len()).sum(),
        }
    }
}

/// What the server shows.
#[derive(Debug, Default)]
pub(crate) struct Current {
    /// The last good build.
    pub(crate) files: Arc<Files>,
    /// The report of the last rebuild, if it failed.
    pub(crate) error: Option<Arc<str>>,
    /// Bumped after every rebuild, good or bad: open pages reload.
    pub(crate) generation: u64,
    /// Whether any build has succeeded: until one has, there is no good
    /// version to show, and the report must not claim one.
    pub(crate) ever_good: bool,
    /// Catalogs of the last good build, for the 404 page.
    pub(crate) catalogs: Option<Arc<(Catalog, Catalog)>>,
    /// The site's time zone, as of the last good build.
    pub(crate) timezone: Option<String>,
}

/// The shared state, and the signal that it changed.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    pub(crate) current: Mutex<Current>,
    pub(crate) changed: Condvar,
}

/// What one request sees: the handles of the current state, taken together.
pub(crate) struct View {
    pub(crate) files: Arc<Files>,
    pub(crate) error: Option<Arc<str>>,
    pub(crate) generation: u64,
    pub(crate) ever_good: bool,
    pub(crate) catalogs: Option<Arc<(Catalog, Catalog)>>,
}

impl Shared {
    /// The current state's handles, cheap to take (no file is copied).
    pub(crate) fn view(&self) -> View {
        let current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        View {
            files: current.files.clone(),
            error: current.error.clone(),
            generation: current.generation,
            ever_good: current.ever_good,
            catalogs: current.catalogs.clone(),
        }
    }
}

/// Rebuilds for the preview through the same pipeline as `build`, keeping
/// a session (what is unchanged need not be read or rendered again)
/// between runs.
pub(crate) struct Preview {
    root: PathBuf,
    today: Option<Date>,
    session: Session,
    files: Arc<Files>,
}

/// What a rebuild reports.
pub(crate) struct Outcome {
    /// Files in the site.
    pub(crate) files: usize,
    /// Files rendered this time.
    pub(crate) rendered: usize,
    /// Wall time.
    pub(crate) took: Duration,
    /// The "as of" day used.
    pub(crate) today: Date,
    /// The site's time zone.
    pub(crate) timezone: String,
}

impl Preview {
    pub(crate) fn new(root: PathBuf, today: Option<Date>) -> Preview {
        Preview {
            session: Session::kept(),
            root,
            today,
            files: Arc::default(),
        }
    }

    /// Loads, checks and renders, told which files `changed` since the
    /// last rebuild; on success publishes the new files to `shared`, on
    /// failure keeps the last good ones and publishes the report. Either
    /// way open pages are told to reload.
    pub(crate) fn rebuild(
        &mut self,
        shared: &Shared,
        changed: super::watch::Changed,
    ) -> Result<Outcome, Arc<str>> {
        let started = Instant::now();
        if changed.anything {
            self.session.suspect_all();
        } else {
            self.session.suspect(changed.files);
        }
        let result = self.render();
        // The files replaced are let go only once the new ones are served:
        // at 10,000 villages, dropping 100,000 entries under the lock kept
        // every request waiting.
        let mut replaced = None;
        let mut current = shared.current.lock().unwrap_or_else(|e| e.into_inner());
        current.generation += 1;
        let outcome = match result {
            Ok((outcome, catalogs)) => {
                replaced = Some(std::mem::replace(&mut current.files, self.files.clone()));
                current.error = None;
                current.ever_good = true;
                current.catalogs = Some(Arc::new(catalogs));
                current.timezone = Some(outcome.timezone.clone());
                Ok(Outcome {
                    took: started.elapsed(),
                    ..outcome
                })
            }
            Err(report) => {
                current.error = Some(report.clone());
                Err(report)
            }
        };
        shared.changed.notify_all();
        drop(current);
        drop(replaced);
        self.fold(shared);
        outcome
    }

    /// Folds the changes of the files served into a new full map if they
    /// are many, once the rebuild that made them is served (the files
    /// stay the same: open pages are not told).
    fn fold(&mut self, shared: &Shared) {
        let Some(folded) = self.files.folded() else {
            return;
        };
        let folded = Arc::new(folded);
        let mut current = shared.current.lock().unwrap_or_else(|e| e.into_inner());
        // Only the files of the last good rebuild are folded, and only
        // while they are the ones served.
        if Arc::ptr_eq(&current.files, &self.files) {
            self.files = folded.clone();
            let replaced = std::mem::replace(&mut current.files, folded);
            drop(current);
            drop(replaced);
        }
    }

    fn render(&mut self) -> Result<(Outcome, (Catalog, Catalog)), Arc<str>> {
        // The sink hears only of what changed: start from the last good files.
        let next = Mutex::new(Files::clone(&self.files));
        let parts: Mutex<HashMap<String, Vec<Arc<str>>>> = Mutex::default();
        let sink = |path: &str, rendered: FileState<'_>| {
            let mut next = next.lock().unwrap_or_else(|e| e.into_inner());
            match rendered {
                FileState::Fresh(bytes) => {
                    next.insert(Arc::from(path), Body::Whole(Arc::from(bytes)));
                }
                FileState::Unchanged if next.contains_key(path) => {}
                FileState::Unchanged => return Err(format!("{path}: missing from the last build")),
                FileState::Gone => {
                    next.remove(path);
                }
                FileState::Parts(more) => {
                    let mut parts = parts.lock().unwrap_or_else(|e| e.into_inner());
                    parts
                        .entry(path.to_owned())
                        .or_default()
                        .extend_from_slice(more);
                }
            }
            Ok(())
        };
        let options = pipeline::Options {
            today: self.today,
            preview: true,
        };
        let outcome = pipeline::render(&self.root, options, &mut self.session, &sink)
            .map_err(|e| Arc::from(format!("{}: {e}\n", say!("report.error"))))?;
        let checked = outcome.checked;
        match outcome.rendered {
            Ok(done) => {
                let mut files = next.into_inner().unwrap_or_else(|e| e.into_inner());
                let parts = parts.into_inner().unwrap_or_else(|e| e.into_inner());
                for (path, parts) in parts {
                    files.insert(Arc::from(path), Body::Parts(Arc::from(parts)));
                }
                self.files = Arc::new(files);
                let outcome = Outcome {
                    files: done.stats.files,
                    rendered: done.stats.rendered,
                    took: Duration::ZERO,
                    today: done.today,
                    timezone: checked
                        .corpus
                        .site
                        .as_ref()
                        .map(|s| s.timezone.clone())
                        .unwrap_or_default(),
                };
                let theme = checked
                    .theme
                    .as_ref()
                    .expect("a rendered site has its theme");
                Ok((outcome, (theme.bo.clone(), theme.zh.clone())))
            }
            // The caches are as of the last good run (a failed run keeps
            // nothing), like the files served.
            Err(err) => Err(Arc::from(match err {
                Stop::Problems => checked.report(),
                Stop::Failed(why) => format!("{}: {why}\n", say!("report.error")),
            })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Body {
        Body::Whole(Arc::from(text.as_bytes()))
    }

    fn text(files: &Files, path: &str) -> Option<String> {
        match files.get(path)? {
            Body::Whole(bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
            Body::Parts(parts) => Some(parts.concat()),
        }
    }

    /// Every path of `paths` and what `files` hold there.
    fn contents(files: &Files, paths: &[&str]) -> Vec<Option<String>> {
        paths.iter().map(|path| text(files, path)).collect()
    }

    #[test]
    fn changes_over_a_full_map_read_as_one_map_and_fold_into_one() {
        let mut files = Files::default();
        for n in 0..16 {
            files.insert(Arc::from(format!("f{n}")), body("first"));
        }
        let full = files.folded().expect("a first build is all changes");
        assert!(full.changed.is_empty() && full.base.len() == 16);
        let mut next = full.clone();
        next.insert(Arc::from("f1"), body("second"));
        next.insert(Arc::from("new"), body("added"));
        next.remove("f2");
        next.remove("never");
        next.insert(Arc::from("brief"), body("gone again"));
        next.remove("brief");
        let paths = ["f0", "f1", "f2", "new", "never", "brief"];
        let seen = |s: Option<&str>| s.map(str::to_owned);
        let expected = [
            seen(Some("first")),
            seen(Some("second")),
            None,
            seen(Some("added")),
            None,
            None,
        ];
        assert_eq!(contents(&next, &paths), expected);
        assert!(!next.contains_key("f2") && next.contains_key("f0"));
        assert_eq!(
            contents(&full, &paths)[..3],
            [
                seen(Some("first")),
                seen(Some("first")),
                seen(Some("first"))
            ]
        );
        // Three changes of sixteen files: more than one in eight.
        let folded = next.folded().expect("many changes are folded");
        assert!(folded.changed.is_empty());
        assert_eq!(contents(&folded, &paths), expected);
        assert_eq!(folded.base.len(), 16);
        let mut few = folded.clone();
        few.insert(Arc::from("f3"), body("third"));
        assert!(
            few.folded().is_none(),
            "one change in sixteen is kept apart"
        );
    }
}
