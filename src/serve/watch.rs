//! Which file changes call for a rebuild, decided by a pure function, and
//! the watcher that feeds it.

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
/// per burst of changes that calls for a rebuild: after the first relevant
/// event, events are gathered until none has come for [`DEBOUNCE`]. Access
/// events are ignored (a rebuild reads every file, and must not trigger
/// itself). The returned watcher must be kept alive.
pub(crate) fn watch(
    root: &Path,
    changes: Sender<()>,
) -> Result<notify::RecommendedWatcher, String> {
    let (events, incoming) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(events).map_err(|e| format!("cannot watch files: {e}"))?;
    for folder in ["content", "themes"] {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, notify::RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    let root = root.to_path_buf();
    let relevant = move |event: &notify::Result<notify::Event>| match event {
        Ok(event) => !event.kind.is_access() && classify(&root, &event.paths) == Rebuild::Site,
        // An overflow or a watch error: rebuild, to be safe.
        Err(_) => true,
    };
    std::thread::spawn(move || {
        while let Ok(event) = incoming.recv() {
            if !relevant(&event) {
                continue;
            }
            while incoming.recv_timeout(DEBOUNCE).is_ok() {}
            if changes.send(()).is_err() {
                return;
            }
        }
    });
    Ok(watcher)
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
