//! The resolved site: what is published, as of which day, at which address.
//!
//! Input: the checked [`Corpus`], the "as of" day and whether this is a
//! preview. Output: a [`Site`], built once and never changed, that every
//! renderer reads. Here drafts and scheduled items are left out (or kept and
//! marked, in a preview), periods are resolved to their last day and status,
//! results get the seats of their candidates notice, and every village gets
//! the contact for objections. Nothing here formats text or touches the disk.

pub mod figures;

use jiff::civil::Date;

pub use figures::{Figures, SiteFigures, VillageFigures};

use crate::calendar::{Calendar, Period, Status};
use crate::content::codes::{Body, Digits, Language, Post, VillageKind};
use crate::content::model::{
    Announcement, Contact, Corpus, NoticeDetail, Outcome, Person, Text, Turnout,
};

/// The whole published site.
#[derive(Debug)]
pub struct Site {
    /// The "as of" day for statuses.
    pub today: Date,
    /// Drafts and scheduled items included and marked; pages carry the preview band.
    pub preview: bool,
    /// Display order of the languages.
    pub languages: Vec<Language>,
    /// Absolute address of the site, ending in `/`.
    pub base_url: String,
    /// Digits on Tibetan pages.
    pub digits: Digits,
    /// The site's title.
    pub title: Text,
    /// The region.
    pub region: Text,
    /// Counties, townships, villages, in slug order.
    pub counties: Vec<SiteCounty>,
    /// Announcements, newest first (then by slug).
    pub announcements: Vec<SiteAnnouncement>,
    /// The figures of the stats pages and of each county page.
    pub figures: SiteFigures,
    /// The age up to which a member counts as young.
    pub young_age: u32,
    /// Women required per village (`rules.min_women`).
    pub min_women: u32,
    /// Young members required per village (`rules.min_young`).
    pub min_young: u32,
}

/// A county as published.
#[derive(Debug)]
pub struct SiteCounty {
    /// Folder name, the URL segment.
    pub slug: String,
    /// Names.
    pub name: Text,
    /// Townships.
    pub townships: Vec<SiteTownship>,
}

/// A township as published.
#[derive(Debug)]
pub struct SiteTownship {
    /// Folder name.
    pub slug: String,
    /// Names.
    pub name: Text,
    /// Villages and communities.
    pub villages: Vec<SiteVillage>,
}

/// A village as published.
#[derive(Debug)]
pub struct SiteVillage {
    /// File name, the URL segment.
    pub slug: String,
    /// Names.
    pub name: Text,
    /// Village or community.
    pub kind: VillageKind,
    /// Where to object: the village's contact, else the site's.
    pub contact: Option<Contact>,
    /// Published notices in file order.
    pub notices: Vec<SiteNotice>,
}

/// A notice as published.
#[derive(Debug)]
pub struct SiteNotice {
    /// URL segment.
    pub slug: String,
    /// The body.
    pub body: Body,
    /// Publication day.
    pub published: Date,
    /// A draft (previews only).
    pub draft: bool,
    /// Published after the "as of" day (previews only).
    pub scheduled: bool,
    /// Optional Markdown.
    pub note: Option<Text>,
    /// Candidates or results.
    pub detail: SiteNoticeDetail,
}

/// What a published notice shows.
#[derive(Debug)]
pub enum SiteNoticeDetail {
    /// A notice period with candidates.
    Candidates {
        /// First and last day.
        period: Period,
        /// As of the site's day.
        status: Status,
        /// Seats per post, in rank order.
        seats: Vec<(Post, u32)>,
        /// Candidates in the published order.
        candidates: Vec<Person>,
    },
    /// Election results.
    Results {
        /// The election day.
        election_day: Date,
        /// Ballots.
        turnout: Turnout,
        /// Every person voted on.
        results: Vec<Outcome>,
        /// Seats of the candidates notice they belong to (empty if none).
        seats: Vec<(Post, u32)>,
    },
}

/// An announcement in both languages.
#[derive(Debug)]
pub struct SiteAnnouncement {
    /// URL segment.
    pub slug: String,
    /// Date.
    pub date: Date,
    /// A draft (previews only).
    pub draft: bool,
    /// Dated after the "as of" day (previews only).
    pub scheduled: bool,
    /// Areas whose pages show it.
    pub scope: Vec<String>,
    /// Title per language (blank where a file is missing).
    pub title: Text,
    /// Markdown per language.
    pub markdown: Text,
}

impl SiteAnnouncement {
    /// Whether the announcement shows on the page of `area`
    /// (`gar`, `gar/shiquanhe`, …): scoped to it or to an area above it.
    pub fn shows_on(&self, area: &str) -> bool {
        self.scope
            .iter()
            .any(|s| area == s || area.starts_with(&format!("{s}/")))
    }
}

/// Resolves what is published as of `today`. The corpus must have passed
/// `check` without errors (a site needs its settings).
pub fn resolve(corpus: &Corpus, today: Date, preview: bool) -> Option<Site> {
    let config = corpus.site.as_ref()?;
    let calendar = corpus.calendar();
    let included = |draft: bool, day: Date| preview || (!draft && day <= today);
    // One walk: each village's published notices give both its pages and
    // its part in the figures.
    let mut counties = Vec::with_capacity(corpus.counties.len());
    let mut counted = Vec::with_capacity(corpus.counties.len());
    for county in &corpus.counties {
        let mut townships = Vec::with_capacity(county.townships.len());
        let mut county_figures = Vec::new();
        for township in &county.townships {
            let mut villages = Vec::with_capacity(township.villages.len());
            for village in &township.villages {
                let published: Vec<_> = village
                    .notices
                    .iter()
                    .filter(|n| included(n.draft, n.published))
                    .collect();
                let (figures, has_results, missed) =
                    figures::village(village, &published, &config.rules, &calendar);
                county_figures.push(VillageFigures {
                    path: [
                        county.slug.clone(),
                        township.slug.clone(),
                        village.slug.clone(),
                    ],
                    name: village.name.clone(),
                    figures,
                    has_results,
                    missed,
                });
                let notices = published
                    .into_iter()
                    .filter_map(|n| {
                        let detail = resolve_detail(village, n, &calendar, today)?;
                        Some(SiteNotice {
                            slug: n.slug.clone(),
                            body: n.body,
                            published: n.published,
                            draft: n.draft,
                            scheduled: n.is_scheduled(today),
                            note: n.note.clone(),
                            detail,
                        })
                    })
                    .collect();
                villages.push(SiteVillage {
                    slug: village.slug.clone(),
                    name: village.name.clone(),
                    kind: village.kind,
                    contact: village.contact.clone().or_else(|| config.contact.clone()),
                    notices,
                });
            }
            townships.push(SiteTownship {
                slug: township.slug.clone(),
                name: township.name.clone().unwrap_or_default(),
                villages,
            });
        }
        counties.push(SiteCounty {
            slug: county.slug.clone(),
            name: county.name.clone().unwrap_or_default(),
            townships,
        });
        counted.push((county.slug.clone(), county_figures));
    }
    Some(Site {
        today,
        preview,
        languages: config.languages.clone(),
        base_url: with_trailing_slash(&config.base_url),
        digits: config.digits,
        title: config.title.clone(),
        region: config.region.clone(),
        counties,
        announcements: announcements(&corpus.announcements, today, preview),
        figures: figures::total(counted),
        young_age: config.rules.young_age,
        min_women: config.rules.min_women,
        min_young: config.rules.min_young,
    })
}

fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

fn resolve_detail(
    village: &crate::content::model::Village,
    notice: &crate::content::model::Notice,
    calendar: &Calendar,
    today: Date,
) -> Option<SiteNoticeDetail> {
    Some(match &notice.detail {
        NoticeDetail::Candidates {
            period,
            seats,
            candidates,
        } => {
            let period = calendar.resolve(*period).ok()?;
            SiteNoticeDetail::Candidates {
                status: calendar.status(period, today),
                period,
                seats: seats.posts().collect(),
                candidates: candidates.clone(),
            }
        }
        NoticeDetail::Results {
            election_day,
            turnout,
            results,
        } => {
            let seats = match crate::composition::candidates_for(&village.notices, notice)
                .map(|c| &c.detail)
            {
                Some(NoticeDetail::Candidates { seats, .. }) => seats.posts().collect(),
                _ => Vec::new(),
            };
            SiteNoticeDetail::Results {
                election_day: *election_day,
                turnout: *turnout,
                results: results.clone(),
                seats,
            }
        }
    })
}

fn announcements(files: &[Announcement], today: Date, preview: bool) -> Vec<SiteAnnouncement> {
    let mut by_slug: std::collections::BTreeMap<&str, SiteAnnouncement> = Default::default();
    for file in files {
        let entry = by_slug
            .entry(&file.slug)
            .or_insert_with(|| SiteAnnouncement {
                slug: file.slug.clone(),
                date: file.date,
                draft: file.draft,
                scheduled: file.is_scheduled(today),
                scope: file.scope.clone(),
                title: Text::default(),
                markdown: Text::default(),
            });
        let (title, markdown) = match file.lang {
            Language::Bo => (&mut entry.title.bo, &mut entry.markdown.bo),
            Language::Zh => (&mut entry.title.zh, &mut entry.markdown.zh),
        };
        title.clone_from(&file.title);
        markdown.clone_from(&file.body);
    }
    let mut list: Vec<SiteAnnouncement> = by_slug
        .into_values()
        .filter(|a| preview || (!a.draft && !a.scheduled))
        .collect();
    list.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    list
}
