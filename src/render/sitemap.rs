//! The sitemap, `/sitemap.xml`: every page of the site at its absolute
//! URL, each with its `hreflang` alternates (every language of the site,
//! and `x-default`, the landing page).
//!
//! Made from the site's index alone, in the site-wide pass: a village's
//! pages are its entry and its notices'. Up to [`MAX_URLS`] addresses it
//! is one file; beyond, `/sitemap.xml` is a sitemap index of files
//! `/sitemap-1.xml`, `/sitemap-2.xml`, … of at most that many each (the
//! protocol's limit). The split keeps pages together by [`Group`]: the
//! site-wide pages, then each county's (a county too large for one file
//! takes several), so that a change in one county leaves every other
//! county's file as it was.
//!
//! Keys: a file's key is a hash of the slugs of its group's pages (its
//! addresses are made of nothing else) with the site's address and the
//! template, taken by walking the index without making any address; a
//! rebuild whose pages are the same (however their contents changed, say
//! a period's status from one day to the next) renders no sitemap again.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use tera::{Map, Value};

use super::pages::{html_lang, render_html, Emit};
use super::urls::{file_url, page_url};
use crate::site::{Site, SiteCounty};

/// Addresses in one sitemap file, at most (the sitemap protocol's limit).
pub(super) const MAX_URLS: usize = 50_000;

/// Where the sitemap (or, when split, its index) is.
const PATH: &str = "sitemap.xml";
/// The template of a sitemap file.
const TEMPLATE: &str = "sitemap.xml";
/// The template of a sitemap index.
const INDEX_TEMPLATE: &str = "sitemap_index.xml";

/// Pages that share a file of a split sitemap.
#[derive(Debug, Clone, Copy)]
enum Group<'s> {
    /// The landing page, and in each language the home, announcements,
    /// search and stats pages.
    SiteWide(&'s Site),
    /// A county's page, and its townships', their print pages, its
    /// villages' and their notices'.
    County(&'s SiteCounty),
}

/// A page of a group: the landing page (one address), or a page in every
/// language, by its folders below the language folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Page<'s> {
    Landing,
    Each([&'s str; 4], usize),
}

impl<'s> Page<'s> {
    fn segments(&self) -> &[&'s str] {
        match self {
            Page::Landing => &[],
            Page::Each(segments, n) => &segments[..*n],
        }
    }
}

impl<'s> Group<'s> {
    /// Calls `each` with every page of the group, in order.
    fn pages(&self, mut each: impl FnMut(Page<'s>)) {
        match *self {
            Group::SiteWide(site) => {
                each(Page::Landing);
                each(Page::Each(["", "", "", ""], 0));
                each(Page::Each(["announcements", "", "", ""], 1));
                for a in &site.announcements {
                    each(Page::Each(["announcements", &a.slug, "", ""], 2));
                }
                each(Page::Each(["search", "", "", ""], 1));
                each(Page::Each(["stats", "", "", ""], 1));
            }
            Group::County(county) => {
                let c = county.slug.as_str();
                each(Page::Each([c, "", "", ""], 1));
                for township in &county.townships {
                    let t = township.slug.as_str();
                    each(Page::Each([c, t, "", ""], 2));
                    each(Page::Each([c, t, "print", ""], 3));
                    for village in &township.villages {
                        let v = village.slug.as_str();
                        each(Page::Each([c, t, v, ""], 3));
                        for notice in &village.notices {
                            each(Page::Each([c, t, v, &notice.slug], 4));
                        }
                    }
                }
            }
        }
    }

    /// How many addresses each of its pages has, in order, with `languages`
    /// languages.
    fn counts(&self, languages: usize) -> Vec<usize> {
        let mut counts = Vec::new();
        self.pages(|page| {
            counts.push(match page {
                Page::Landing => 1,
                Page::Each(..) => languages,
            });
        });
        counts
    }
}

/// The group's pages, hashed as their slugs: what its addresses are made of.
impl Hash for Group<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.pages(|page| page.hash(state));
    }
}

/// Every group of the site, in the order of the sitemap.
fn groups(site: &Site) -> Vec<Group<'_>> {
    std::iter::once(Group::SiteWide(site))
        .chain(site.counties.iter().map(Group::County))
        .collect()
}

/// How a group's pages, with the addresses each has (`counts`), fill
/// files of at most `max` addresses: the ranges of pages of each file, in
/// order, each as full as it can be (a page is never split; a page with
/// more than `max` addresses, which no site has, fills a file alone).
fn pieces(counts: &[usize], max: usize) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let (mut start, mut filled) = (0, 0);
    for (i, &count) in counts.iter().enumerate() {
        if filled + count > max && i > start {
            pieces.push(start..i);
            (start, filled) = (i, 0);
        }
        filled += count;
    }
    if start < counts.len() {
        pieces.push(start..counts.len());
    }
    pieces
}

/// The sitemap of the site: one file of at most [`MAX_URLS`] addresses,
/// or an index of such files.
pub(super) fn render(site: &Site, theme: &super::Theme, emit: &mut Emit<'_>) -> Result<(), String> {
    render_split_at(site, theme, emit, MAX_URLS)
}

/// [`render`] with files of at most `max` addresses (tests split small
/// sites with a small `max`).
fn render_split_at(
    site: &Site,
    theme: &super::Theme,
    emit: &mut Emit<'_>,
    max: usize,
) -> Result<(), String> {
    let languages = site.languages.len();
    let groups = groups(site);
    let counts: Vec<Vec<usize>> = groups.iter().map(|g| g.counts(languages)).collect();
    let total: usize = counts.iter().flatten().sum();
    // What every key has besides the pages: the addresses' start, the
    // languages, the template.
    let common = (
        theme.template_key(TEMPLATE),
        &site.base_url,
        &site.languages,
    );
    if total <= max {
        let key = emit
            .keeps()
            .then(|| crate::keys::hash_of(&(common, &groups)));
        return emit.file(PATH, key, || {
            let mut file = File::new(site, counts.iter().map(Vec::len).sum());
            for group in &groups {
                group.pages(|page| file.add(page));
            }
            render_html(theme, TEMPLATE, PATH, file.context())
        });
    }
    let mut files = Vec::new();
    for (group, counts) in groups.iter().zip(&counts) {
        let pieces = pieces(counts, max);
        let group_key = emit.keeps().then(|| crate::keys::hash_of(&(common, group)));
        for (i, piece) in pieces.iter().enumerate() {
            let path = format!("sitemap-{}.xml", files.len() + 1);
            let key = group_key.map(|key| crate::keys::hash_of(&(key, i, pieces.len())));
            emit.file(&path, key, || {
                let mut file = File::new(site, piece.len());
                let mut at = 0;
                group.pages(|page| {
                    if piece.contains(&at) {
                        file.add(page);
                    }
                    at += 1;
                });
                render_html(theme, TEMPLATE, &path, file.context())
            })?;
            files.push(file_url(&site.base_url, &path));
        }
    }
    let context = fields! { "sitemaps": files };
    let key = emit.keeps().then(|| {
        crate::keys::hash_of(&(
            theme.template_key(INDEX_TEMPLATE),
            super::context::HashedMap(&context),
        ))
    });
    emit.file(PATH, key, || {
        render_html(theme, INDEX_TEMPLATE, PATH, context)
    })
}

/// The context of one sitemap file, as its pages are added: for each
/// page its address in each language of the site, in the site's order
/// (the `hreflang` alternates of each of them); the landing page, if the
/// file has it, as the home pages' addresses (its alternates), apart.
/// Plain arrays of strings, not a map per address: a sitemap file has
/// tens of thousands.
struct File<'s> {
    site: &'s Site,
    landing: Option<Value>,
    pages: Vec<Value>,
}

impl<'s> File<'s> {
    fn new(site: &'s Site, pages: usize) -> File<'s> {
        File {
            site,
            landing: None,
            pages: Vec::with_capacity(pages),
        }
    }

    fn add(&mut self, page: Page<'_>) {
        let urls: Vec<String> = self
            .site
            .languages
            .iter()
            .map(|&lang| page_url(&self.site.base_url, Some(lang), page.segments()))
            .collect();
        match page {
            Page::Landing => self.landing = Some(Value::from(urls)),
            Page::Each(..) => self.pages.push(Value::from(urls)),
        }
    }

    fn context(self) -> Map {
        let hreflangs: Vec<&str> = self.site.languages.iter().map(|&l| html_lang(l)).collect();
        fields! {
            "hreflangs": hreflangs,
            "x_default": page_url(&self.site.base_url, None, &[]),
            "landing": self.landing,
            "pages": self.pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{run, site, theme, village, Made};
    use crate::render::FileKeys;

    #[test]
    fn files_are_filled_with_whole_pages_up_to_the_limit() {
        assert_eq!(pieces(&[1, 2, 2, 2], 4), [0..2, 2..4]);
        assert_eq!(pieces(&[2, 2, 2], 4), [0..2, 2..3]);
        assert_eq!(pieces(&[2, 2, 2], 6), vec![Range { start: 0, end: 3 }]);
        assert_eq!(pieces(&[5, 1], 4), [0..1, 1..2]);
        assert_eq!(pieces(&[], 4), Vec::<Range<usize>>::new());
    }

    /// The addresses of a sitemap file, each with its alternates.
    fn urls(xml: &[u8]) -> Vec<(String, Vec<(String, String)>)> {
        let xml = std::str::from_utf8(xml).unwrap();
        let doc = roxmltree::Document::parse(xml).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "urlset");
        doc.root_element()
            .children()
            .filter(|n| n.has_tag_name("url"))
            .map(|url| {
                let loc = url.children().find(|n| n.has_tag_name("loc")).unwrap();
                let links = url
                    .children()
                    .filter(|n| n.has_tag_name("link"))
                    .map(|l| {
                        (
                            l.attribute("hreflang").unwrap().to_owned(),
                            l.attribute("href").unwrap().to_owned(),
                        )
                    })
                    .collect();
                (loc.text().unwrap().to_owned(), links)
            })
            .collect()
    }

    /// The files listed by a sitemap index.
    fn listed(xml: &[u8]) -> Vec<String> {
        let xml = std::str::from_utf8(xml).unwrap();
        let doc = roxmltree::Document::parse(xml).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
        doc.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .map(|n| n.text().unwrap().to_owned())
            .collect()
    }

    fn sitemap(site: &Site, keys: &mut FileKeys, max: usize) -> Made {
        let theme = theme();
        run(keys, |out| render_split_at(site, &theme, out, max))
    }

    #[test]
    fn a_large_sitemap_is_an_index_of_files_of_at_most_the_limit_each_county_apart() {
        let base = "https://example.org/ngari/";
        let site = site(3, 2, jiff::civil::date(2021, 1, 12));
        let whole = sitemap(&site, &mut FileKeys::default(), MAX_URLS);
        assert_eq!(whole.keys().collect::<Vec<_>>(), ["sitemap.xml"]);
        let all = urls(whole["sitemap.xml"].as_deref().unwrap());
        // The landing page, 4 site-wide pages, and per county its page,
        // its township's, the print page, 2 villages and their notices.
        assert_eq!(all.len(), 1 + 2 * 4 + 3 * 2 * 7);
        for (loc, links) in &all {
            let langs: Vec<&str> = links.iter().map(|(l, _)| l.as_str()).collect();
            assert_eq!(langs, ["bo", "zh-Hans", "x-default"], "{loc}");
            assert!(
                links.iter().any(|(_, href)| href == loc),
                "{loc} is its own alternate"
            );
            assert_eq!(links[2].1, base);
            assert!(loc.starts_with(base) && loc.ends_with('/'), "{loc}");
        }
        assert_eq!(all[1].0, format!("{base}bo/"));
        assert_eq!(all[2].0, format!("{base}zh/"));

        // At most 10 addresses a file: 7 site-wide, then 14 per county.
        let mut keys = FileKeys::kept();
        let split = sitemap(&site, &mut keys, 10);
        let files: Vec<String> = (1..=7).map(|n| format!("{base}sitemap-{n}.xml")).collect();
        assert_eq!(listed(split["sitemap.xml"].as_deref().unwrap()), files);
        let mut joined = Vec::new();
        for n in 1..=7 {
            let part = urls(split[&format!("sitemap-{n}.xml")].as_deref().unwrap());
            assert!(part.len() <= 10, "sitemap-{n}.xml has {}", part.len());
            joined.extend(part);
        }
        assert_eq!(joined, all, "the same addresses, in the same order");
        assert_eq!(split.len(), 8);
        // Each county starts a file of its own: a county's page first.
        let first = urls(split["sitemap-2.xml"].as_deref().unwrap());
        assert_eq!(first[0].0, format!("{base}bo/c1/"));

        // The same pages: nothing made again. A notice in county 2: its
        // files only (the index lists the same files).
        let again = sitemap(&site, &mut keys, 10);
        assert!(again.values().all(Option::is_none), "{:?}", again.keys());
        let mut changed = site;
        let villages = &mut changed.counties[1].townships[0].villages;
        let mut more = village("v2", 2);
        more.notices.push(more.notices[0].clone());
        more.notices[1].slug = "committee-candidates".into();
        villages[1] = std::sync::Arc::new(more);
        let made = sitemap(&changed, &mut keys, 10);
        let made: Vec<&str> = made
            .iter()
            .filter(|(_, bytes)| bytes.is_some())
            .map(|(path, _)| path.as_str())
            .collect();
        assert_eq!(made, ["sitemap-4.xml", "sitemap-5.xml"]);
    }

    #[test]
    fn a_changed_status_leaves_the_sitemap_as_it_was() {
        let mut keys = FileKeys::kept();
        let today = site(2, 3, jiff::civil::date(2021, 1, 12));
        sitemap(&today, &mut keys, MAX_URLS);
        let mut tomorrow = site(2, 3, jiff::civil::date(2021, 1, 13));
        for county in &mut tomorrow.counties {
            for village in &mut county.townships[0].villages {
                let mut closed = (**village).clone();
                closed.notices[0].detail = crate::site::SiteNoticeDetail::Candidates {
                    period: crate::calendar::Period {
                        start: closed.notices[0].published,
                        last: closed.notices[0].published,
                    },
                    status: crate::calendar::Status::Closed,
                    seats: Vec::new().into(),
                };
                closed.key += 1;
                *village = std::sync::Arc::new(closed);
            }
        }
        let made = sitemap(&tomorrow, &mut keys, MAX_URLS);
        assert_eq!(made, Made::from([("sitemap.xml".to_owned(), None)]));
    }
}
