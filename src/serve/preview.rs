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

/// The files of one build, by path below the site root (shared paths: each
/// rebuild starts from a copy of the last good map).
pub(crate) type Files = HashMap<Arc<str>, Body>;

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
        outcome
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
                files.extend(
                    parts
                        .into_iter()
                        .map(|(path, parts)| (Arc::from(path), Body::Parts(Arc::from(parts)))),
                );
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
