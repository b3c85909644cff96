//! The resolved site: what is published, as of which day, at which address.
//!
//! Input: the checked [`Corpus`], the "as of" day and whether this is a
//! preview, then each village in turn. Output: a [`Site`] that every
//! renderer reads, and for each village, as it passes, what only its own
//! pages show ([`VillageContent`], borrowed from its model). The site keeps
//! an index entry per village (names, notices, figures: what listings and
//! statistics need), never its people, so a site of any size fits in memory.
//! Here drafts and scheduled items are left out (or kept and marked, in a
//! preview), periods are resolved to their last day and status, results get
//! the seats of their candidates notice, and every village gets the contact
//! for objections. Nothing here formats text or touches the disk.

pub mod figures;
pub mod index;
pub mod persons;
pub mod shared;

use std::sync::Arc;

use jiff::civil::Date;

pub use figures::{Figures, ListedVillage, SiteFigures, VillageFigures};
pub use persons::{SitePerson, SitePersons};
pub use shared::{Seats, Slug};

use crate::calendar::{Calendar, Period, Status};
use crate::content::codes::{Body, Digits, Language, Post, VillageKind};
use crate::content::model::{
    Announcement, Contact, Corpus, Correction, Notice, NoticeDetail, Outcome, Person, Rules, Text,
    Turnout, Village,
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
    /// The site's time zone, in which its days begin and end (the feeds
    /// date each entry at the start of its day there).
    pub timezone: jiff::tz::TimeZone,
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
    /// The figures of the stats pages and of each county page (empty
    /// while the villages pass: see [`index::SiteIndex::complete`]).
    pub figures: SiteFigures,
    /// The composition rules: each village's figures, and the young age
    /// and minimums the stats pages state.
    pub rules: Rules,
    /// The working-day calendar.
    pub calendar: Calendar,
    /// The site's contact for objections, where a village has none.
    pub contact: Option<Contact>,
    /// One copy of the slugs and seats its villages' notices repeat.
    pub shared: shared::Shared,
}

/// A county as published.
#[derive(Debug, Hash)]
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
    /// Villages and communities (those whose file could be read), shared
    /// with serve's cache of unchanged villages.
    pub villages: Vec<Arc<SiteVillage>>,
    /// Each of [`SiteTownship::villages`]' part in the figures, in the
    /// same order (its names and place are its entry's and the
    /// township's, not copied: a country has 600,000 of them).
    pub figures: Vec<Arc<VillageFigures>>,
}

impl std::hash::Hash for SiteTownship {
    /// What its own pages show: not its villages' figures, which the
    /// pages that show them hash apart.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (&self.slug, &self.name, &self.villages).hash(state);
    }
}

/// A village as the site's index holds it: what listings show.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SiteVillage {
    /// A hash of the rest, which stands for it in the keys of the pages
    /// that list it (hashing a country's villages anew on every rebuild
    /// would cost more than the rebuild).
    pub key: u64,
    /// File name, the URL segment.
    pub slug: String,
    /// Names.
    pub name: Text,
    /// Village or community.
    pub kind: VillageKind,
    /// Published notices in file order.
    pub notices: Vec<SiteNotice>,
    /// Who they name, for search (not in [`SiteVillage::key`]: listings
    /// do not show persons).
    pub persons: SitePersons,
}

impl std::hash::Hash for SiteVillage {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

/// What only a village's own pages show, borrowed from its model while
/// they are rendered.
#[derive(Debug)]
pub struct VillageContent<'v> {
    /// Where to object: the village's contact, else the site's.
    pub contact: Option<&'v Contact>,
    /// For each of [`SiteVillage::notices`], in order.
    pub notices: Vec<NoticeContent<'v>>,
}

/// A published notice's note, corrections and people.
#[derive(Debug)]
pub struct NoticeContent<'v> {
    /// Optional Markdown.
    pub note: Option<&'v Text>,
    /// As written.
    pub corrections: &'v [Correction],
    /// Candidates in the published order, or every person voted on.
    pub people: People<'v>,
}

/// The people of a notice (read through [`VillageContent::views`]).
#[derive(Debug)]
pub enum People<'v> {
    /// Of a candidates notice.
    Candidates(&'v [Person]),
    /// Of a results notice.
    Results(&'v [Outcome]),
}

impl<'v> People<'v> {
    /// Each person's names, in order.
    fn names(&self) -> Box<dyn Iterator<Item = &'v Text> + 'v> {
        match *self {
            People::Candidates(people) => Box::new(people.iter().map(|p| &p.name)),
            People::Results(outcomes) => Box::new(outcomes.iter().map(|o| &o.person.name)),
        }
    }
}

/// A published notice with its people: what its page, its open data and
/// its rows of the CSV files show. Made only by [`VillageContent::views`],
/// the one place where a notice's index entry and its people are matched
/// by kind.
#[derive(Debug, Clone, Copy)]
pub enum NoticeView<'a> {
    /// A candidates notice.
    Candidates {
        /// The notice as the index has it.
        notice: &'a SiteNotice,
        /// First and last day.
        period: &'a Period,
        /// As of the site's day.
        status: Status,
        /// Seats per post, in rank order.
        seats: &'a [(Post, u32)],
        /// In the published order.
        candidates: &'a [Person],
        /// Optional Markdown.
        note: Option<&'a Text>,
        /// As written.
        corrections: &'a [Correction],
    },
    /// A results notice.
    Results {
        /// The notice as the index has it.
        notice: &'a SiteNotice,
        /// The election day.
        election_day: Date,
        /// Ballots.
        turnout: &'a Turnout,
        /// Seats of the candidates notice they belong to.
        seats: &'a [(Post, u32)],
        /// Every person voted on.
        results: &'a [Outcome],
        /// Optional Markdown.
        note: Option<&'a Text>,
        /// As written.
        corrections: &'a [Correction],
    },
}

impl<'a> NoticeView<'a> {
    /// The notice as the index has it.
    pub fn notice(&self) -> &'a SiteNotice {
        match self {
            NoticeView::Candidates { notice, .. } | NoticeView::Results { notice, .. } => notice,
        }
    }

    /// Its note.
    pub fn note(&self) -> Option<&'a Text> {
        match self {
            NoticeView::Candidates { note, .. } | NoticeView::Results { note, .. } => *note,
        }
    }

    /// Its corrections, newest first (by date; of one day, the later
    /// written first).
    pub fn corrections(&self) -> Vec<&'a Correction> {
        let (NoticeView::Candidates { corrections, .. } | NoticeView::Results { corrections, .. }) =
            self;
        let mut newest_first: Vec<&Correction> = corrections.iter().rev().collect();
        newest_first.sort_by_key(|c| std::cmp::Reverse(c.date));
        newest_first
    }
}

impl<'v> VillageContent<'v> {
    /// Each published notice of `village` (the entry this content was
    /// resolved with) with its people, in file order.
    pub fn views<'a>(&'a self, village: &'a SiteVillage) -> impl Iterator<Item = NoticeView<'a>> {
        village
            .notices
            .iter()
            .zip(&self.notices)
            .filter_map(|(notice, content)| {
                Some(match (&notice.detail, &content.people) {
                    (
                        SiteNoticeDetail::Candidates {
                            period,
                            status,
                            seats,
                        },
                        People::Candidates(candidates),
                    ) => NoticeView::Candidates {
                        notice,
                        period,
                        status: *status,
                        seats,
                        candidates,
                        note: content.note,
                        corrections: content.corrections,
                    },
                    (
                        SiteNoticeDetail::Results {
                            election_day,
                            turnout,
                            seats,
                        },
                        People::Results(results),
                    ) => NoticeView::Results {
                        notice,
                        election_day: *election_day,
                        turnout,
                        seats,
                        results,
                        note: content.note,
                        corrections: content.corrections,
                    },
                    // Never: `resolve_village` makes both from one notice.
                    _ => return None,
                })
            })
    }
}

/// A notice as published.
#[derive(Debug, Clone, Hash, serde::Serialize, serde::Deserialize)]
pub struct SiteNotice {
    /// URL segment.
    pub slug: Slug,
    /// The body.
    pub body: Body,
    /// Publication day.
    pub published: Date,
    /// A draft (previews only).
    pub draft: bool,
    /// Published after the "as of" day (previews only).
    pub scheduled: bool,
    /// The day of its latest correction, if it has any.
    pub corrected: Option<Date>,
    /// Candidates or results.
    pub detail: SiteNoticeDetail,
}

impl SiteNotice {
    /// The day it last changed as published: its latest correction's, or
    /// its publication's (the `updated` of its feed entry).
    pub fn updated(&self) -> Date {
        self.corrected
            .map_or(self.published, |day| day.max(self.published))
    }
}

/// What a published notice shows besides its people.
#[derive(Debug, Clone, Hash, serde::Serialize, serde::Deserialize)]
pub enum SiteNoticeDetail {
    /// A notice period with candidates.
    Candidates {
        /// First and last day.
        period: Period,
        /// As of the site's day.
        status: Status,
        /// Seats per post, in rank order.
        seats: Seats,
    },
    /// Election results.
    Results {
        /// The election day.
        election_day: Date,
        /// Ballots.
        turnout: Turnout,
        /// Seats of the candidates notice they belong to (empty if none).
        seats: Seats,
    },
}

/// An announcement in both languages.
#[derive(Debug, Hash)]
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

/// Resolves the site as of `today`, with no village in it yet: resolve
/// each with [`Site::resolve_village`], gather them in an
/// [`index::SiteIndex`], and make the complete site with
/// [`index::SiteIndex::complete`].
/// The corpus must have passed `check` without errors (a site needs its
/// settings).
pub fn resolve(corpus: &Corpus, today: Date, preview: bool) -> Option<Site> {
    let config = corpus.site.as_ref()?;
    let counties = corpus
        .counties
        .iter()
        .map(|county| SiteCounty {
            slug: county.slug.clone(),
            name: county.name.clone().unwrap_or_default(),
            townships: county
                .townships
                .iter()
                .map(|township| SiteTownship {
                    slug: township.slug.clone(),
                    name: township.name.clone().unwrap_or_default(),
                    villages: Vec::with_capacity(township.villages.len()),
                    figures: Vec::with_capacity(township.villages.len()),
                })
                .collect(),
        })
        .collect();
    Some(Site {
        today,
        preview,
        languages: config.languages.clone(),
        base_url: with_trailing_slash(&config.base_url),
        // `check` refuses an unknown zone; were one to pass, UTC.
        timezone: jiff::tz::TimeZone::get(&config.timezone).unwrap_or(jiff::tz::TimeZone::UTC),
        digits: config.digits,
        title: config.title.clone(),
        region: config.region.clone(),
        counties,
        announcements: announcements(&corpus.announcements, today, preview),
        figures: SiteFigures::default(),
        rules: config.rules.clone(),
        calendar: corpus.calendar().clone(),
        contact: config.contact.clone(),
        shared: Default::default(),
    })
}

/// A village resolved: its index entry, what its own pages show, and its
/// part in the figures.
pub type ResolvedVillage<'v> = (SiteVillage, VillageContent<'v>, VillageFigures);

impl Site {
    /// Resolves one village as of the site's day. The village must have passed `check`,
    /// which judged its composition on all its notices: `missed`, the
    /// rules that judgement found missed (see
    /// [`crate::check::VillageChecked`]).
    pub fn resolve_village<'v>(
        &'v self,
        village: &'v Village,
        missed: Option<Vec<&'static str>>,
    ) -> ResolvedVillage<'v> {
        let published: Vec<&Notice> = village
            .notices
            .iter()
            .filter(|n| included(self.preview, n.draft, n.published, self.today))
            .collect();
        // Figures judge the published notices: check's judgement of all
        // of them is theirs when none is left out.
        let judged = missed.filter(|_| published.len() == village.notices.len());
        let (figures, has_results, missed) =
            figures::village(village, &published, &self.rules, &self.calendar, judged);
        let figures = VillageFigures::new(figures, has_results, missed);
        let mut notices = Vec::with_capacity(published.len());
        let mut contents = Vec::with_capacity(published.len());
        for notice in published {
            let Some((detail, people)) = resolve_detail(village, notice, self) else {
                continue;
            };
            notices.push(SiteNotice {
                slug: self.shared.slug(&notice.slug),
                body: notice.body,
                published: notice.published,
                draft: notice.draft,
                scheduled: notice.is_scheduled(self.today),
                corrected: notice.corrections.iter().map(|c| c.date).max(),
                detail,
            });
            contents.push(NoticeContent {
                note: notice.note.as_ref(),
                corrections: &notice.corrections,
                people,
            });
        }
        let key = crate::keys::hash_of(&(&village.slug, &village.name, village.kind, &notices));
        let persons = SitePersons::of(contents.iter().map(|content| content.people.names()));
        let entry = SiteVillage {
            key,
            slug: village.slug.clone(),
            name: village.name.clone(),
            kind: village.kind,
            notices,
            persons,
        };
        let content = VillageContent {
            contact: village.contact.as_ref().or(self.contact.as_ref()),
            notices: contents,
        };
        (entry, content, figures)
    }

    /// A hash of everything of the site but its counties and figures: what
    /// every page shows besides its own part.
    pub fn inputs_key(&self) -> u64 {
        crate::keys::hash_of(&(
            (self.today, self.preview, &self.languages, &self.base_url),
            (self.digits, &self.title, &self.region, &self.announcements),
            (
                self.rules.young_age,
                self.rules.min_women,
                self.rules.min_young,
            ),
        ))
    }
}

fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

/// Whether a notice that is a draft or not, published on `published`,
/// is in the site on `today`: published and no draft, or any in a preview.
fn included(preview: bool, draft: bool, published: Date, today: Date) -> bool {
    preview || (!draft && published <= today)
}

/// What of a notice changes with the day: whether it is a draft, when it
/// is published, and its period. A village's files depend on the day only
/// through these (see [`Site::standing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct NoticeDates {
    /// A draft.
    pub draft: bool,
    /// Its publication day.
    pub published: Date,
    /// Its period, for a candidates notice.
    pub period: Option<Period>,
}

impl NoticeDates {
    /// Those of each notice of `village`, in file order.
    pub fn of(village: &Village, calendar: &Calendar) -> Vec<NoticeDates> {
        village
            .notices
            .iter()
            .map(|notice| NoticeDates {
                draft: notice.draft,
                published: notice.published,
                period: match &notice.detail {
                    NoticeDetail::Candidates { period, .. } => calendar.resolve(*period).ok(),
                    NoticeDetail::Results { .. } => None,
                },
            })
            .collect()
    }
}

impl Site {
    /// How a village whose notices have `dates` stands on `day`, as a
    /// hash: which notices are in the site and which are scheduled, each
    /// period's status, and the day itself while a period in the site is
    /// upcoming or open (its pages then say "as of" that day). On two days
    /// of equal standing, the village's files are the same.
    pub fn standing(&self, dates: &[NoticeDates], day: Date) -> u64 {
        let mut current = false;
        let notices: Vec<(bool, bool, Option<Status>)> = dates
            .iter()
            .map(|d| {
                let shown = included(self.preview, d.draft, d.published, day);
                let status = d.period.map(|p| self.calendar.status(p, day));
                current |= shown && matches!(status, Some(Status::Upcoming | Status::Open { .. }));
                (shown, d.published > day, status)
            })
            .collect();
        crate::keys::hash_of(&(notices, current.then_some(day)))
    }
}

fn resolve_detail<'v>(
    village: &'v Village,
    notice: &'v Notice,
    site: &Site,
) -> Option<(SiteNoticeDetail, People<'v>)> {
    let (calendar, today) = (&site.calendar, site.today);
    let shared_seats = |seats: &crate::content::model::Seats| {
        site.shared.seats(&seats.posts().collect::<Vec<_>>())
    };
    Some(match &notice.detail {
        NoticeDetail::Candidates {
            period,
            seats,
            candidates,
        } => {
            let period = calendar.resolve(*period).ok()?;
            let detail = SiteNoticeDetail::Candidates {
                status: calendar.status(period, today),
                period,
                seats: shared_seats(seats),
            };
            (detail, People::Candidates(candidates))
        }
        NoticeDetail::Results {
            election_day,
            turnout,
            results,
        } => {
            let seats = match crate::composition::candidates_for(&village.notices, notice)
                .map(|c| &c.detail)
            {
                Some(NoticeDetail::Candidates { seats, .. }) => shared_seats(seats),
                _ => site.shared.seats(&[]),
            };
            let detail = SiteNoticeDetail::Results {
                election_day: *election_day,
                turnout: *turnout,
                seats,
            };
            (detail, People::Results(results))
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
