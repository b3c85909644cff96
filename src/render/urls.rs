//! Absolute URLs: the one place where `base_url` meets a page's path.
//!
//! Pages link to each other by relative links (the site works from any
//! host or folder, and from `file://`); an absolute URL is made only where
//! one is needed: the canonical and `hreflang` links, the URL printed on
//! paper and in its QR code, the feeds and the sitemap. Every one is
//! `base_url` followed by the page's folder path, ending in `/`, without
//! `index.html` (DESIGN.md, Site), so that the same page always has the
//! same address whichever file names it.

use super::pages::html_lang;
use crate::content::codes::{Code, Language};
use crate::site::Site;

/// The absolute URL of a page: `base_url` (which ends in `/`), then the
/// language folder (none for the landing page) and each segment, each
/// followed by `/` (`https://example.org/zh/gar/shiquanhe/zhaxigang/`).
pub(super) fn page_url(base_url: &str, lang: Option<Language>, segments: &[&str]) -> String {
    let length: usize = segments.iter().map(|s| s.len() + 1).sum();
    let mut url = String::with_capacity(base_url.len() + 3 + length);
    url.push_str(base_url);
    if let Some(lang) = lang {
        url.push_str(lang.as_str());
        url.push('/');
    }
    for segment in segments {
        url.push_str(segment);
        url.push('/');
    }
    url
}

/// The absolute URL of a file that is not a page (a feed, a part of the
/// sitemap): `base_url` followed by its path below the output folder.
pub(super) fn file_url(base_url: &str, path: &str) -> String {
    format!("{base_url}{path}")
}

/// The `hreflang` alternates of the page of `segments` (below the language
/// folder): its URL in each language of the site, in the site's order,
/// each named as pages' `lang` attributes name it (`bo`, `zh-Hans`),
/// then `x-default`, the landing page, where a reader picks a language.
/// The landing page has the alternates of the home pages (`segments`
/// empty): it is their `x-default`.
pub(super) fn alternates(site: &Site, segments: &[&str]) -> Vec<(&'static str, String)> {
    site.languages
        .iter()
        .map(|&lang| {
            (
                html_lang(lang),
                page_url(&site.base_url, Some(lang), segments),
            )
        })
        .chain([("x-default", page_url(&site.base_url, None, &[]))])
        .collect()
}

/// The path of `base_url` on its host (`/` for `https://example.org/`,
/// `/ngari/` for `https://example.org/ngari/`): the start of the links of
/// a page that a web server may send for any path (`404.html`), where no
/// relative link would do.
pub(super) fn root_path(base_url: &str) -> &str {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    // The host ends at the first `/`; a checked `base_url` always has one.
    after_scheme.find('/').map_or("/", |at| &after_scheme[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_url_is_its_folder_ending_in_a_slash() {
        let base = "https://example.org/";
        assert_eq!(
            page_url(base, Some(Language::Zh), &["gar", "shiquanhe", "zhaxigang"]),
            "https://example.org/zh/gar/shiquanhe/zhaxigang/"
        );
        assert_eq!(
            page_url(base, Some(Language::Bo), &[]),
            "https://example.org/bo/"
        );
        assert_eq!(page_url(base, None, &[]), base);
        assert_eq!(
            page_url("https://example.org/ngari/", Some(Language::Zh), &["stats"]),
            "https://example.org/ngari/zh/stats/"
        );
        assert_eq!(
            file_url(base, "zh/atom.xml"),
            "https://example.org/zh/atom.xml"
        );
    }

    #[test]
    fn the_root_path_is_base_urls_path() {
        assert_eq!(root_path("https://example.org/"), "/");
        assert_eq!(root_path("http://example.org:8080/ngari/"), "/ngari/");
        assert_eq!(root_path("https://example.org/a/b/"), "/a/b/");
        assert_eq!(root_path("https://example.org"), "/");
    }
}
