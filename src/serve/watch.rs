//! Which file changes call for a rebuild, decided by a pure function, and
//! the watcher that feeds it.

use crate::messages::say;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::Watcher;

use crate::content::is_ignored;

/// How long a burst of changes (an editor's save-via-rename, a copy of many
/// files) is gathered into one rebuild.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(25);

/// How long a burst is waited on after a file gongshi reads was saved
/// whole (written and closed, or renamed into place: the end of a save):
/// long enough for what an editor does at once after (removing its
/// backup), short enough that the 25 ms of [`DEBOUNCE`] are not added to
/// every edit (issue 16: one edit to page served within 100 ms).
pub(crate) const SAVED_WAIT: Duration = Duration::from_millis(5);

/// What one event says of the burst it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// A file gongshi reads was saved whole: the burst may be over.
    Saved,
    /// Something is still changing (or events were lost).
    Changing,
    /// Nothing gongshi reads: says nothing of the burst.
    Unrelated,
}

/// What `event` says of its burst. A file saved is one of the site's
/// (see [`classify`]) with an extension, as every file gongshi reads has:
/// the temporary files that `sed -i` and others write and then rename
/// into place have none, so their closing is no end of a save.
pub(crate) fn step(root: &Path, event: &notify::Result<notify::Event>) -> Step {
    use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RenameMode};
    let Ok(event) = event else {
        return Step::Changing;
    };
    if event.need_rescan() {
        return Step::Changing;
    }
    let saved = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => event.paths.last(),
        EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both)) => {
            event.paths.last()
        }
        EventKind::Access(_) => return Step::Unrelated,
        _ => None,
    };
    match saved {
        Some(path) if classify(root, std::slice::from_ref(path)) == Rebuild::Site => {
            if path.extension().is_some() {
                Step::Saved
            } else {
                Step::Changing
            }
        }
        Some(_) => Step::Unrelated,
        None if classify(root, &event.paths) == Rebuild::Site => Step::Changing,
        None => Step::Unrelated,
    }
}

/// What a set of changed paths calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rebuild {
    /// Nothing that gongshi reads changed (editor swap files, other folders).
    Nothing,
    /// Content or theme files changed.
    Site,
}

/// Decides from the changed paths alone: a change under `content/` or
/// `themes/` of the root counts, unless every such path is a file editors
/// leave behind.
pub(crate) fn classify(root: &Path, paths: &[PathBuf]) -> Rebuild {
    let relevant = paths.iter().any(|path| {
        let rel = path.strip_prefix(root).unwrap_or(path);
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        let top = parts.next();
        let in_site = matches!(top.as_deref(), Some("content" | "themes"));
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        in_site && !is_ignored(&name)
    });
    if relevant {
        Rebuild::Site
    } else {
        Rebuild::Nothing
    }
}

/// The folders below the root that are watched, each with all it holds.
const WATCHED: [&str; 2] = ["content", "themes"];

/// Which watched folders an event says appeared, went away or were
/// replaced as a whole (`mv content content.old; cp -r content.old
/// content`), so they must be watched again: a watch follows the folder it
/// was set on, not its name. Events that may have been lost (an overflow, a
/// watch error) call for watching both again.
pub(crate) fn replaced(root: &Path, event: &notify::Result<notify::Event>) -> Vec<&'static str> {
    use notify::event::{EventKind, ModifyKind};
    let event = match event {
        Ok(event) if !event.need_rescan() => event,
        _ => return WATCHED.to_vec(),
    };
    let whole = matches!(
        event.kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Name(_))
            | EventKind::Any
            | EventKind::Other
    );
    if !whole {
        return Vec::new();
    }
    WATCHED
        .into_iter()
        .filter(|folder| event.paths.iter().any(|p| *p == root.join(folder)))
        .collect()
}

/// Watches `content/` and `themes/` of `root`, sending on `changes` once
/// per burst of changes that calls for a rebuild, with the paths changed:
/// after the first relevant event, events are gathered until none has come
/// for [`DEBOUNCE`], or for [`SAVED_WAIT`] after a save (see [`step`]). Access events are ignored (a rebuild reads every
/// file, and must not trigger itself). The root itself is watched too (not
/// what is below it), so a `content/` or `themes/` that is created,
/// removed or replaced is watched again and the site rebuilt from scratch.
pub(crate) fn watch(root: &Path, changes: Sender<Changed>) -> Result<(), String> {
    // Events name paths below the folder watched: watch the root's real
    // path, so they can be told relative to it.
    let root = root
        .canonicalize()
        .map_err(|e| say!("serve.cannot_watch", path = root.display(), why = e))?;
    let (events, incoming) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(events)
        .map_err(|e| say!("serve.cannot_watch", path = "content/", why = e))?;
    watcher
        .watch(&root, notify::RecursiveMode::NonRecursive)
        .map_err(|e| say!("serve.cannot_watch", path = root.display(), why = e))?;
    for folder in WATCHED {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, notify::RecursiveMode::Recursive)
                .map_err(|e| say!("serve.cannot_watch", path = path.display(), why = e))?;
        }
    }
    let relevant = |root: &Path, event: &notify::Result<notify::Event>| match event {
        Ok(event) => !event.kind.is_access() && classify(root, &event.paths) == Rebuild::Site,
        // An overflow or a watch error: rebuild, to be safe.
        Err(_) => true,
    };
    // The watcher lives in the thread that reads its events, which is the
    // one that must set its watches again.
    std::thread::spawn(move || {
        let mut take = |changed: &mut Changed, event: &notify::Result<notify::Event>| {
            changed.add(&root, event);
            for folder in replaced(&root, event) {
                rewatch(&mut watcher, &root.join(folder));
                changed.anything = true;
            }
        };
        while let Ok(event) = incoming.recv() {
            if !relevant(&root, &event) {
                continue;
            }
            let mut changed = Changed::default();
            let mut wait = DEBOUNCE;
            let mut next = Some(event);
            while let Some(event) = next {
                wait = match step(&root, &event) {
                    Step::Saved => SAVED_WAIT,
                    Step::Changing => DEBOUNCE,
                    Step::Unrelated => wait,
                };
                take(&mut changed, &event);
                next = incoming.recv_timeout(wait).ok();
            }
            if changes.send(changed).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Drops the watch on `path` (it may follow a folder renamed away, or be
/// gone already) and sets a new one if a folder is there now.
fn rewatch(watcher: &mut impl Watcher, path: &Path) {
    let _ = watcher.unwatch(path);
    if path.is_dir() {
        if let Err(e) = watcher.watch(path, notify::RecursiveMode::Recursive) {
            eprintln!(
                "{}: {}",
                say!("report.warning"),
                say!("serve.cannot_watch", path = path.display(), why = e)
            );
        }
    }
}

/// What changed in a burst: files by their path below the root (with `/`),
/// or possibly anything (an overflow, a path outside the root, the date).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Changed {
    /// Paths as `content/villages/…/x.yaml`.
    pub(crate) files: std::collections::HashSet<String>,
    /// Anything may have changed.
    pub(crate) anything: bool,
}

impl Changed {
    /// Anything may have changed.
    pub(crate) fn anything() -> Changed {
        Changed {
            anything: true,
            ..Changed::default()
        }
    }

    /// Adds what `event` says changed.
    fn add(&mut self, root: &Path, event: &notify::Result<notify::Event>) {
        let Ok(event) = event else {
            self.anything = true;
            return;
        };
        if event.need_rescan() {
            self.anything = true;
        }
        for path in &event.paths {
            match path.strip_prefix(root) {
                Ok(rel) => {
                    let parts: Vec<String> = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    self.files.insert(parts.join("/"));
                }
                Err(_) => self.anything = true,
            }
        }
    }

    /// Adds what changed in a later burst.
    pub(crate) fn merge(&mut self, other: Changed) {
        self.anything |= other.anything;
        self.files.extend(other.files);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_and_other_folders_do_not_rebuild() {
        let root = Path::new("/site");
        let p = |s: &str| root.join(s);
        assert_eq!(
            classify(root, &[p("content/villages/gar/a.yaml")]),
            Rebuild::Site
        );
        assert_eq!(
            classify(root, &[p("themes/default/templates/notice.html")]),
            Rebuild::Site
        );
        assert_eq!(
            classify(root, &[p("content/villages/gar/.a.yaml.swp")]),
            Rebuild::Nothing
        );
        assert_eq!(
            classify(
                root,
                &[p("content/villages/gar/a.yaml~"), p("content/~$a.yaml")]
            ),
            Rebuild::Nothing
        );
        assert_eq!(
            classify(root, &[p("public/index.html"), p("target/debug/x")]),
            Rebuild::Nothing
        );
        assert_eq!(
            classify(root, &[p("content/x.swp"), p("content/site.yaml")]),
            Rebuild::Site
        );
        assert_eq!(classify(root, &[]), Rebuild::Nothing);
    }

    #[test]
    fn a_burst_may_end_soon_after_a_file_the_site_reads_is_saved_whole() {
        use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, EventKind};
        use notify::event::{ModifyKind, RenameMode};
        let root = Path::new("/site");
        let event = |kind: EventKind, paths: &[&str]| -> notify::Result<notify::Event> {
            let event = notify::Event::new(kind);
            Ok(paths.iter().fold(event, |e, p| e.add_path(root.join(p))))
        };
        let village = "content/villages/gar/a.yaml";
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let renamed_to = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let created = EventKind::Create(CreateKind::File);
        // Saved in place, or renamed into place (`sed -i`, most editors).
        assert_eq!(step(root, &event(closed, &[village])), Step::Saved);
        assert_eq!(step(root, &event(renamed_to, &[village])), Step::Saved);
        let temporary = "content/villages/gar/sedX4k2Pq";
        assert_eq!(
            step(root, &event(renamed, &[temporary, village])),
            Step::Saved
        );
        assert_eq!(
            step(
                root,
                &event(closed, &["themes/default/templates/notice.html"])
            ),
            Step::Saved
        );
        // Still being written, or a temporary file without an extension
        // closed before it is renamed into place.
        assert_eq!(step(root, &event(written, &[village])), Step::Changing);
        assert_eq!(step(root, &event(created, &[village])), Step::Changing);
        assert_eq!(step(root, &event(closed, &[temporary])), Step::Changing);
        assert_eq!(
            step(
                root,
                &event(renamed, &[village, "content/villages/gar/a.yaml~"])
            ),
            Step::Unrelated,
            "moved away to an editor's backup: what follows is the save"
        );
        // Lost events: anything may still be changing.
        assert_eq!(
            step(root, &Err(notify::Error::generic("lost"))),
            Step::Changing
        );
        // Reading, editors' leftovers and other folders say nothing.
        let opened = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert_eq!(step(root, &event(opened, &[village])), Step::Unrelated);
        let swap = "content/villages/gar/.a.yaml.swp";
        assert_eq!(step(root, &event(closed, &[swap])), Step::Unrelated);
        assert_eq!(step(root, &event(written, &[swap])), Step::Unrelated);
        assert_eq!(
            step(root, &event(closed, &["public/index.html"])),
            Step::Unrelated
        );
    }

    #[test]
    fn a_watched_folder_replaced_as_a_whole_is_watched_again() {
        use notify::event::{CreateKind, DataChange, EventKind, ModifyKind, RemoveKind};
        use notify::event::{MetadataKind, RenameMode};
        let root = Path::new("/site");
        let event = |kind: EventKind, path: &str| -> notify::Result<notify::Event> {
            Ok(notify::Event::new(kind).add_path(root.join(path)))
        };
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        let created = EventKind::Create(CreateKind::Folder);
        let removed = EventKind::Remove(RemoveKind::Folder);
        assert_eq!(replaced(root, &event(renamed, "content")), ["content"]);
        assert_eq!(replaced(root, &event(created, "content")), ["content"]);
        assert_eq!(replaced(root, &event(removed, "themes")), ["themes"]);
        // What happens inside a folder, or to other folders, is no reason.
        let edited = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(replaced(root, &event(edited, "content/site.yaml")).is_empty());
        assert!(replaced(root, &event(created, "content/villages")).is_empty());
        assert!(replaced(root, &event(renamed, "content.old")).is_empty());
        assert!(replaced(root, &event(created, "public")).is_empty());
        let touched = EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any));
        assert!(replaced(root, &event(touched, "content")).is_empty());
        // Lost events: anything may have been replaced.
        let overflow =
            Ok(notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan));
        assert_eq!(replaced(root, &overflow), ["content", "themes"]);
        assert_eq!(
            replaced(root, &Err(notify::Error::generic("lost"))),
            ["content", "themes"]
        );
    }
}
