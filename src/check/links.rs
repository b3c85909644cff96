//! Links and images in Markdown (announcements and notes): what may be
//! published. Raw HTML needs no check here: it is always escaped on output.

use pulldown_cmark::{Event, Parser, Tag};

use crate::diagnostics::Problem;

/// Every link or image in `markdown` that must not be published, with the
/// byte offset where it starts.
pub(crate) fn unsafe_links(markdown: &str) -> Vec<(usize, Problem)> {
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(markdown, crate::markdown::options()).into_offset_iter() {
        let (target, image) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        let allowed = if image {
            is_local(&target)
        } else {
            is_allowed_link(&target)
        };
        if !allowed {
            found.push((
                range.start,
                Problem::UnsafeLink {
                    target: target.to_string(),
                    image,
                },
            ));
        }
    }
    found
}

/// The scheme of a URL (`https`, `javascript`), lower-cased, if it has one.
fn scheme(url: &str) -> Option<String> {
    let url = url.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Links may be relative, or `https:`, `http:`, `mailto:` or `tel:`.
fn is_allowed_link(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(s) => matches!(s.as_str(), "https" | "http" | "mailto" | "tel"),
    }
}

/// Images must be files of the site, named by a relative path.
fn is_local(url: &str) -> bool {
    let url = url.trim();
    scheme(url).is_none() && !url.starts_with('/') && !url.starts_with('\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_scripts_and_remote_images() {
        let md = "[ok](../a/index.html) [web](https://example.org) [mail](mailto:a@b.c)\n\
                  [bad](javascript:alert(1)) [Bad]( JavaScript:x) ![local](img/a.png)\n\
                  ![remote](https://cdn.example.org/a.png) ![proto](//cdn.example.org/a.png) <javascript:x>\n";
        let found: Vec<String> = unsafe_links(md)
            .into_iter()
            .map(|(_, p)| match p {
                Problem::UnsafeLink { target, .. } => target,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            found,
            [
                "javascript:alert(1)",
                "JavaScript:x",
                "https://cdn.example.org/a.png",
                "//cdn.example.org/a.png",
                "javascript:x"
            ]
        );
    }
}
