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

/// Watches `content/` and `themes/` of `root`, sending on `changes` once
/// per burst of changes that calls for a rebuild, with the paths changed:
/// after the first relevant event, events are gathered until none has come
/// for [`DEBOUNCE`]. Access events are ignored (a rebuild reads every
/// file, and must not trigger itself). The returned watcher must be kept
/// alive.
pub(crate) fn watch(
    root: &Path,
    changes: Sender<Changed>,
) -> Result<notify::RecommendedWatcher, String> {
    // Events name paths below the folder watched: watch the root's real
    // path, so they can be told relative to it.
    let root = root
        .canonicalize()
        .map_err(|e| say!("serve.cannot_watch", path = root.display(), why = e))?;
    let (events, incoming) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(events)
        .map_err(|e| say!("serve.cannot_watch", path = "content/", why = e))?;
    for folder in ["content", "themes"] {
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
    std::thread::spawn(move || {
        while let Ok(event) = incoming.recv() {
            if !relevant(&root, &event) {
                continue;
            }
            let mut changed = Changed::default();
            changed.add(&root, &event);
            while let Ok(event) = incoming.recv_timeout(DEBOUNCE) {
                changed.add(&root, &event);
            }
            if changes.send(changed).is_err() {
                return;
            }
        }
    });
    Ok(watcher)
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
}
