//! Rules for the names of folders and files under `content/`.

/// Names Windows will not create a file under.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Words editors append to copies of a file.
const COPY_MARKERS: &[&str] = &["副本", "copy", "拷贝", "复制"];

/// Whether `slug` matches `^[a-z0-9]+(-[a-z0-9]+)*$`, has at most 60
/// characters and is not a Windows reserved name.
pub(crate) fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 60
        && slug.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && !WINDOWS_RESERVED.contains(&slug)
}

/// Files that editors and Windows leave behind, skipped without a word.
pub(crate) fn is_ignored(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || [".bak", ".tmp", ".swp"].iter().any(|e| lower.ends_with(e))
        || lower == "desktop.ini"
        || lower == "thumbs.db"
}

/// Whether a name looks like an editor's copy of another file.
pub(crate) fn looks_like_copy(name: &str) -> bool {
    let lower = name.to_lowercase();
    COPY_MARKERS.iter().any(|m| lower.contains(m))
}

/// A slug made from a name that breaks the rule, if one can be made:
/// lower case, spaces and underscores as hyphens, copy markers dropped.
pub(crate) fn suggest_slug(name: &str) -> Option<String> {
    let mut lower = name.to_lowercase();
    for marker in COPY_MARKERS {
        lower = lower.replace(marker, " ");
    }
    let mut slug = String::new();
    for c in lower.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.ends_with('-')
            && !slug.is_empty()
            && (c.is_whitespace() || "_-.".contains(c))
        {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    is_slug(&slug).then_some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("zhaxigang"));
        assert!(is_slug("party-branch-2"));
        for bad in [
            "",
            "Zhaxigang",
            "a--b",
            "-a",
            "a-",
            "a_b",
            "扎西岗",
            "con",
            "lpt9",
            &"a".repeat(61),
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn junk_is_ignored() {
        for junk in [
            ".git",
            "~$zhaxigang.yaml",
            "a.yaml~",
            "a.BAK",
            "x.swp",
            "Thumbs.db",
            "desktop.ini",
        ] {
            assert!(is_ignored(junk), "{junk}");
        }
        assert!(!is_ignored("zhaxigang.yaml"));
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest_slug("Zhaxigang").as_deref(), Some("zhaxigang"));
        assert_eq!(
            suggest_slug("zhaxigang - 副本").as_deref(),
            Some("zhaxigang")
        );
        assert_eq!(
            suggest_slug("party_branch notes").as_deref(),
            Some("party-branch-notes")
        );
        assert_eq!(suggest_slug("扎西岗"), None);
        assert!(looks_like_copy("zhaxigang - 副本.yaml"));
    }
}
