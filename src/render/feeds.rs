//! The Atom feeds, `/{lang}/atom.xml`: the newest published notices and
//! announcements of the whole site, newest first, at most
//! [`MAX_ENTRIES`], for feed readers and for whoever watches the site.
//!
//! Made from the site's index alone (a notice's entry needs its village's
//! entry, never its file), in the site-wide pass. In a build the index
//! holds no draft and no scheduled item, so neither can reach a feed; in a
//! preview they are there, marked in their titles as on the pages. Every
//! date is a day at its start in the site's time zone (see [`rfc3339`]),
//! and the feed's own `updated` is its newest entry's, never the time of
//! the build, so two builds of the same input give the same bytes. A feed's
//! key is a hash of its context: it is rendered again only when the
//! newest entries (or how they read) change.

use std::borrow::Cow;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use jiff::civil::Date;
use tera::{Map, Value};

use super::i18n::{fill, without_final_shad};
use super::pages::{html_lang, Emit, Languages, Pages};
use super::urls::{file_url, page_url};
use crate::content::codes::{Code, Language};
use crate::content::model::Text;
use crate::site::{Site, SiteAnnouncement, SiteCounty, SiteNotice, SiteTownship, SiteVillage};

/// Entries in a feed, at most.
pub(super) const MAX_ENTRIES: usize = 100;

/// The feed's template.
const TEMPLATE: &str = "atom.xml";

/// The feed of `lang`, below the output folder.
pub(super) fn path(lang: Language) -> String {
    format!("{}/atom.xml", lang.as_str())
}

/// What a feed lists: a notice with the places it belongs to, or an
/// announcement.
#[derive(Debug, Clone, Copy)]
enum Item<'s> {
    Notice {
        county: &'s SiteCounty,
        township: &'s SiteTownship,
        village: &'s SiteVillage,
        notice: &'s SiteNotice,
    },
    Announcement(&'s SiteAnnouncement),
}

impl<'s> Item<'s> {
    /// The day its entry was last updated.
    fn updated(&self) -> Date {
        match self {
            Item::Notice { notice, .. } => notice.updated(),
            Item::Announcement(a) => a.date,
        }
    }

    /// The day it was published.
    fn published(&self) -> Date {
        match self {
            Item::Notice { notice, .. } => notice.published,
            Item::Announcement(a) => a.date,
        }
    }

    /// Its page's folders below the language folder (an announcement's
    /// two, the rest empty). No county is slugged `announcements`, so no
    /// two items have the same.
    fn segments(&self) -> [&'s str; 4] {
        match self {
            Item::Notice {
                county,
                township,
                village,
                notice,
            } => [&county.slug, &township.slug, &village.slug, &notice.slug],
            Item::Announcement(a) => ["announcements", &a.slug, "", ""],
        }
    }

    /// Whether it is a draft, and whether it is scheduled (previews only).
    fn marks(&self) -> (bool, bool) {
        match self {
            Item::Notice { notice, .. } => (notice.draft, notice.scheduled),
            Item::Announcement(a) => (a.draft, a.scheduled),
        }
    }
}

/// An item with its place in a feed: newer first, and of one day, by
/// the address of its page.
#[derive(Debug)]
struct Ranked<'s> {
    updated: Date,
    segments: [&'s str; 4],
    item: Item<'s>,
}

impl Ranked<'_> {
    /// Greater is earlier in the feed.
    fn order(&self) -> (Date, Reverse<&[&str; 4]>) {
        (self.updated, Reverse(&self.segments))
    }
}

impl PartialEq for Ranked<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.order() == other.order()
    }
}

impl Eq for Ranked<'_> {}

impl PartialOrd for Ranked<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order().cmp(&other.order())
    }
}

/// The newest `max` notices and announcements of the site, newest first:
/// a pass over the index keeping only the `max` newest so far, so a
/// country's notices cost no list of them all.
fn newest(site: &Site, max: usize) -> Vec<Item<'_>> {
    let mut kept = BinaryHeap::with_capacity(max + 1);
    for announcement in &site.announcements {
        offer(&mut kept, max, Item::Announcement(announcement));
    }
    for county in &site.counties {
        for township in &county.townships {
            for village in &township.villages {
                for notice in &village.notices {
                    offer(
                        &mut kept,
                        max,
                        Item::Notice {
                            county,
                            township,
                            village,
                            notice,
                        },
                    );
                }
            }
        }
    }
    // Ascending by `Reverse`: the newest first.
    kept.into_sorted_vec()
        .into_iter()
        .map(|Reverse(ranked)| ranked.item)
        .collect()
}

/// Keeps `item` among the `max` greatest of `kept` (a heap of the least
/// first), if it is one of them.
fn offer<'s>(kept: &mut BinaryHeap<Reverse<Ranked<'s>>>, max: usize, item: Item<'s>) {
    let ranked = Ranked {
        updated: item.updated(),
        segments: item.segments(),
        item,
    };
    // Most of a country's notices are older than all kept: no push.
    if kept.len() == max && kept.peek().is_some_and(|Reverse(least)| ranked <= *least) {
        return;
    }
    kept.push(Reverse(ranked));
    if kept.len() > max {
        kept.pop();
    }
}

/// The feed of every language of the site.
pub(super) fn render(all: &Languages<'_>, emit: &mut Emit<'_>) -> Result<(), String> {
    let Some(first) = all.pages().first() else {
        return Ok(());
    };
    let items = newest(first.site, MAX_ENTRIES);
    for page in all.pages() {
        let context = feed(page, &items);
        page.write_file(emit, TEMPLATE, &path(page.lang), context)?;
    }
    Ok(())
}

/// The context of the feed of `page`'s language.
fn feed(page: &Pages<'_>, items: &[Item<'_>]) -> Map {
    let site = page.site;
    let entries: Vec<Value> = items.iter().map(|item| entry(page, item)).collect();
    let updated = items.first().map(Item::updated);
    let (title, _, _) = page.pick(&site.title);
    let title = if site.preview {
        // A preview's feed says so, as its pages do.
        format!("{} · {title}", without_final_shad(page.ui("site_preview")))
    } else {
        title.to_owned()
    };
    // Who publishes: the office that takes objections, else the region.
    let author = site
        .contact
        .as_ref()
        .map(|c| page.pick(&c.office).0)
        .filter(|office| !office.is_empty())
        .unwrap_or_else(|| page.pick(&site.region).0);
    let self_url = file_url(&site.base_url, &path(page.lang));
    fields! {
        "html_lang": html_lang(page.lang),
        "title": xml_safe(&title).into_owned(),
        "author": xml_safe(author).into_owned(),
        // A feed's id is its own address.
        "id": self_url.clone(),
        "self_url": self_url,
        "home_url": page_url(&site.base_url, Some(page.lang), &[]),
        // A feed with no entry yet: the epoch, which never changes.
        "updated": updated.map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |d| rfc3339(site, d)),
        "entries": entries,
    }
}

/// One entry: its title in the feed's language (as listings show it),
/// the absolute URL of its page (its link and its id), its dates, and
/// for a notice the places it belongs to.
fn entry(page: &Pages<'_>, item: &Item<'_>) -> Value {
    let site = page.site;
    let segments = item.segments();
    let segments: Vec<&str> = segments.into_iter().filter(|s| !s.is_empty()).collect();
    let url = page_url(&site.base_url, Some(page.lang), &segments);
    let (title, title_lang, summary) = match item {
        Item::Notice {
            county,
            township,
            village,
            notice,
        } => {
            // A name missing in this language is given in the other, as
            // listings give it; the title as a whole is this language's.
            let title = format!(
                "{} · {}",
                place_name(page, &village.name),
                page.notice_title(village, notice)
            );
            let places = [&county.name, &township.name, &village.name]
                .map(|n| place_name(page, n))
                .join(" · ");
            (title, page.lang, Some(places))
        }
        Item::Announcement(a) => {
            // Missing in this language: the other's title, marked as such.
            let (title, lang, _) = page.pick(&a.title);
            (title.to_owned(), lang, None)
        }
    };
    let marked = marked(page, item, title);
    object! {
        "title": xml_safe(&marked).into_owned(),
        "title_lang": (title_lang != page.lang).then(|| html_lang(title_lang)),
        "url": url,
        "published": rfc3339(site, item.published()),
        "updated": rfc3339(site, item.updated()),
        "summary": summary.map(|s| xml_safe(&s).into_owned()),
    }
}

/// A place's name joined with more text: in this language, else in the
/// other (as listings give it), without its final shad.
fn place_name<'t>(page: &Pages<'_>, name: &'t Text) -> &'t str {
    without_final_shad(page.pick(name).0)
}

/// A title marked, in a preview, as a draft or as scheduled, with the
/// words the pages mark them with, joined by ` · ` (so without their
/// final shads).
fn marked(page: &Pages<'_>, item: &Item<'_>, title: String) -> String {
    let (draft, scheduled) = item.marks();
    let mut marks = Vec::new();
    if draft {
        marks.push(without_final_shad(page.ui("draft")).to_owned());
    }
    if scheduled {
        let day = page.style().day(item.published());
        let mark = fill(page.ui("scheduled"), &[("date", &day)]);
        marks.push(without_final_shad(&mark).to_owned());
    }
    marks.push(title);
    marks.join(" · ")
}

/// `day` as an RFC 3339 date-time: its start in the site's time zone,
/// with that zone's offset (`2021-01-06T00:00:00+08:00`). A notice is
/// published on a day of the site's calendar, the day `--today` is
/// counted in; `Z` would date it at 08:00 there, a time nobody gave.
fn rfc3339(site: &Site, day: Date) -> String {
    // A zone whose day starts later than midnight (a gap) starts it at
    // the gap's end; a date outside jiff's range cannot come from content.
    match day.to_zoned(site.timezone.clone()) {
        Ok(zoned) => zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        Err(_) => format!("{day}T00:00:00Z"),
    }
}

/// `text` without the characters XML 1.0 does not allow (control
/// characters other than tab and line ends, U+FFFE and U+FFFF): `check`
/// refuses control characters, but not the two noncharacters, and one
/// would make the whole feed unreadable.
fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{run, site, text, theme};
    use crate::render::FileKeys;
    use jiff::civil::date;

    #[test]
    fn only_what_xml_allows() {
        assert_eq!(xml_safe("扎西 & <b>\t\n"), "扎西 & <b>\t\n");
        assert_eq!(xml_safe("a\u{1}b\u{fffe}c\u{ffff}"), "abc");
    }

    #[test]
    fn a_day_starts_in_the_sites_time_zone() {
        let mut site = site(0, 0, date(2021, 1, 12));
        assert_eq!(
            rfc3339(&site, date(2021, 1, 6)),
            "2021-01-06T00:00:00+08:00"
        );
        site.timezone = jiff::tz::TimeZone::UTC;
        assert_eq!(
            rfc3339(&site, date(2021, 1, 6)),
            "2021-01-06T00:00:00+00:00"
        );
        // Where a day began at 01:00 (a clock change at midnight), then.
        site.timezone = jiff::tz::TimeZone::get("America/Sao_Paulo").unwrap();
        assert_eq!(
            rfc3339(&site, date(2018, 11, 4)),
            "2018-11-04T01:00:00-02:00"
        );
    }

    fn announcement(slug: &str, day: Date) -> SiteAnnouncement {
        SiteAnnouncement {
            slug: slug.into(),
            date: day,
            draft: false,
            scheduled: false,
            scope: Vec::new(),
            title: text("གསལ་བསྒྲགས།", slug),
            markdown: Text::default(),
        }
    }

    #[test]
    fn the_newest_come_first_and_of_one_day_by_address() {
        // Village k of each county published on day k.
        let mut site = site(2, 4, date(2021, 1, 12));
        site.announcements = vec![
            announcement("late", date(2021, 1, 4)),
            announcement("early", date(2020, 12, 1)),
        ];
        let order = |max| -> Vec<String> {
            newest(&site, max)
                .iter()
                .map(|item| format!("{} {}", item.updated(), item.segments().join("/")))
                .collect()
        };
        assert_eq!(
            order(4),
            [
                "2021-01-04 announcements/late//",
                "2021-01-04 c1/t/v4/party-branch-candidates",
                "2021-01-04 c2/t/v4/party-branch-candidates",
                "2021-01-03 c1/t/v3/party-branch-candidates",
            ]
        );
        assert_eq!(order(100).len(), 10);
        assert_eq!(
            order(100).last().unwrap(),
            "2020-12-01 announcements/early//"
        );
        assert!(order(0).is_empty());
    }

    #[test]
    fn a_feed_is_made_again_only_when_its_entries_change() {
        let theme = theme();
        let mut keys = FileKeys::kept();
        let feeds = |site: &Site, keys: &mut FileKeys| {
            let languages = Languages::new(site, &theme);
            run(keys, |out| render(&languages, out))
        };
        let first = feeds(&site(2, 3, date(2021, 1, 12)), &mut keys);
        assert_eq!(
            first.keys().collect::<Vec<_>>(),
            ["bo/atom.xml", "zh/atom.xml"]
        );
        assert!(first.values().all(Option::is_some));
        // Another day, statuses changed: the same entries.
        let next = feeds(&site(2, 3, date(2021, 1, 13)), &mut keys);
        assert!(next.values().all(Option::is_none));
        let mut more = site(2, 3, date(2021, 1, 13));
        more.announcements = vec![announcement("news", date(2021, 1, 13))];
        let changed = feeds(&more, &mut keys);
        assert!(changed.values().all(Option::is_some));
        let zh = String::from_utf8(changed["zh/atom.xml"].clone().unwrap()).unwrap();
        assert!(
            zh.contains("<updated>2021-01-13T00:00:00+08:00</updated>\n<author>"),
            "{zh}"
        );
    }
}
