//! `gongshi init DIR [--with-theme]`: a new site to start from.

use std::path::Path;

use super::{create, Refused, Written};
use crate::messages::say;

macro_rules! embedded {
    ($($path:literal),+ $(,)?) => {
        &[$(($path, include_str!(concat!("init/", $path)))),+]
    };
}

/// What `init` writes, relative to the new site's folder: every file of
/// `src/scaffold/init/` (a unit test holds the two together). The theme
/// is not among them: it is built into gongshi.
const SITE: &[(&str, &str)] = embedded!(
    "content/site.yaml",
    "content/calendar.yaml",
    "content/villages/gar/_index.yaml",
    "content/villages/gar/shiquanhe/_index.yaml",
    "content/villages/gar/shiquanhe/zhaxigang.yaml",
);

/// Starts a site in `dir`, which must be missing or empty: its `content/`
/// (settings, the calendar, one county, township and village whose
/// notices are drafts) and, `with_theme`, a copy of the built-in theme in
/// `themes/default/` to edit.
pub fn init(dir: &Path, with_theme: bool) -> Result<Written, Refused> {
    let shown = dir.display();
    if dir.is_file() {
        return Err(Refused::asked(
            say!("init.is_file", dir = shown),
            Some(say!("hint.init_folder")),
        ));
    }
    if dir.is_dir() {
        let mut entries = std::fs::read_dir(dir)
            .map_err(|e| Refused::Failed(say!("output.cannot_read", path = shown, why = e)))?;
        if entries.next().is_some() {
            return Err(Refused::asked(
                say!("init.not_empty", dir = shown),
                Some(say!("hint.init_folder")),
            ));
        }
    }
    let mut files = Vec::new();
    for (rel, text) in SITE {
        create(dir, rel, text.as_bytes())?;
        files.push((*rel).to_owned());
    }
    if with_theme {
        for (rel, bytes) in crate::render::DEFAULT_THEME {
            let rel = format!("themes/default/{rel}");
            create(dir, &rel, bytes)?;
            files.push(rel);
        }
    }
    Ok(Written {
        files,
        warnings: String::new(),
        next: say!("init.next", dir = shown),
    })
}

#[cfg(test)]
mod tests {
    use super::SITE;

    #[test]
    fn every_file_of_the_init_folder_is_written() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/scaffold/init");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&folder)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&folder).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = SITE.iter().map(|(p, _)| (*p).to_owned()).collect();
        listed.sort();
        assert_eq!(
            on_disk, listed,
            "SITE in src/scaffold/init.rs lists every file of src/scaffold/init/"
        );
    }

    #[test]
    fn a_folder_with_anything_in_it_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".keep"), "").unwrap();
        assert!(matches!(
            super::init(dir.path(), false),
            Err(super::Refused::Asked { .. })
        ));
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn writes_the_site_and_with_it_the_theme() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("new/site");
        let written = super::init(&site, false).unwrap();
        assert_eq!(written.files.len(), SITE.len());
        assert!(!site.join("themes").exists());
        let themed = dir.path().join("themed");
        std::fs::create_dir(&themed).unwrap();
        let written = super::init(&themed, true).unwrap();
        assert_eq!(
            written.files.len(),
            SITE.len() + crate::render::DEFAULT_THEME.len()
        );
        assert!(themed
            .join("themes/default/templates/notice.html")
            .is_file());
    }
}
