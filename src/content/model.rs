//! The typed content model that every later stage reads.
//!
//! ```text
//! Corpus
//! ├── site: SiteConfig            (content/site.yaml)
//! ├── calendar: CalendarFile      (content/calendar.yaml, optional)
//! ├── counties: [County]          (content/villages/<county>/_index.yaml)
//! │   └── townships: [Township]   (…/<township>/_index.yaml)
//! │       └── villages: [VillageFile] (…/<village>.yaml, read one at a time
//! │           │                        into a Village)
//! │           └── notices: [Notice] → Candidates { period, seats, candidates: [Person] }
//! │                                 | Results { election_day, turnout, results: [Outcome] }
//! └── announcements: [Announcement] (content/announcements/<slug>.<lang>.md)
//! ```
//!
//! Values are as written, with texts normalised to NFC. Lists keep the order
//! of the file (the published order of candidates). Each item keeps its
//! index in its file's list, so checks can name the YAML node it came from.

use jiff::civil::Date;
use serde::{Deserialize, Deserializer};
use unicode_normalization::UnicodeNormalization;

use super::codes::{
    Background, Body, Digits, Education, Ethnicity, Gender, Language, Party, Post, VillageKind,
};
use super::date::{Born, Day};
use crate::calendar::PeriodSpec;
use crate::diagnostics::FileId;

/// A text in both languages. A missing or blank half is an empty string
/// (reported as a missing translation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Text {
    /// Tibetan.
    pub bo: String,
    /// Simplified Chinese.
    pub zh: String,
}

impl Text {
    /// The half in `lang`, or `None` if it is blank.
    pub fn get(&self, lang: Language) -> Option<&str> {
        let text = match lang {
            Language::Bo => &self.bo,
            Language::Zh => &self.zh,
        };
        (!text.trim().is_empty()).then_some(text.as_str())
    }
}

/// Normalises to NFC, the only change made to a published text.
pub(crate) fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// [`nfc`] of a text already owned: kept as it is when it is NFC already,
/// as nearly every text is.
fn into_nfc(text: String) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => nfc(&text),
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields, expecting = "a text pair `{ bo: …, zh: … }`")]
        struct Pair {
            bo: Option<String>,
            zh: Option<String>,
        }
        let pair = Pair::deserialize(d)?;
        Ok(Text {
            bo: pair.bo.map(into_nfc).unwrap_or_default(),
            zh: pair.zh.map(into_nfc).unwrap_or_default(),
        })
    }
}

/// Where to send objections.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a contact `{ phone: …, office: { bo: …, zh: … } }`"
)]
pub struct Contact {
    /// A landline, as written.
    pub phone: String,
    /// The office, in both languages.
    pub office: Text,
}

/// A body or a post on a body, as named by a rule (`committee.chair`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleTarget {
    /// The body.
    pub body: Body,
    /// The post, or every post of the body.
    pub post: Option<Post>,
}

impl RuleTarget {
    /// Whether a person on `body` as `post` falls under this rule.
    pub fn applies(self, body: Body, post: Post) -> bool {
        self.body == body && self.post.is_none_or(|p| p == post)
    }

    /// As written in `site.yaml`.
    pub fn spelling(self) -> String {
        use super::codes::Code;
        match self.post {
            Some(post) => format!("{}.{}", self.body.as_str(), post.as_str()),
            None => self.body.as_str().to_owned(),
        }
    }
}

impl<'de> Deserialize<'de> for RuleTarget {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use super::codes::{Code, RULE_TARGET, RULE_TARGETS};
        use super::encoded::{encode, Encoded};
        super::scalar::deserialize_with(d, |text| {
            let unknown = || {
                encode(&Encoded::UnknownCode {
                    kind: RULE_TARGET.to_owned(),
                    value: text.to_owned(),
                })
            };
            if !RULE_TARGETS.contains(&text) {
                return Err(unknown());
            }
            let (body, post) = match text.split_once('.') {
                Some((b, p)) => (b, Some(p)),
                None => (text, None),
            };
            let body = Body::ALL.iter().find(|(n, _)| *n == body).map(|(_, b)| *b);
            let post = post.map(|p| Post::ALL.iter().find(|(n, _)| *n == p).map(|(_, b)| *b));
            match (body, post) {
                (Some(body), None) => Ok(RuleTarget { body, post: None }),
                (Some(body), Some(Some(post))) => Ok(RuleTarget {
                    body,
                    post: Some(post),
                }),
                _ => Err(unknown()),
            }
        })
    }
}

/// Composition rules of `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    default,
    expecting = "rules such as `min_women: 1`"
)]
pub struct Rules {
    /// Women required among a village's members.
    pub min_women: u32,
    /// Young members required.
    pub min_young: u32,
    /// Young means this age or less on election day (35岁以下 includes 35).
    pub young_age: u32,
    /// Bodies or posts whose holders must be full Party members.
    pub require_full_member: Vec<RuleTarget>,
    /// Bodies whose members must be Party members (probationary included).
    pub require_party_member: Vec<RuleTarget>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            min_women: 1,
            min_young: 1,
            young_age: 35,
            require_full_member: vec![
                RuleTarget {
                    body: Body::PartyBranch,
                    post: None,
                },
                RuleTarget {
                    body: Body::Committee,
                    post: Some(Post::Chair),
                },
            ],
            require_party_member: vec![RuleTarget {
                body: Body::Committee,
                post: None,
            }],
        }
    }
}

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "site settings: `title`, `region`, `base_url`, `languages`, …"
)]
pub struct SiteConfig {
    /// The site's title.
    pub title: Text,
    /// The region the site covers.
    pub region: Text,
    /// Where the site is published; ends in `/`.
    pub base_url: String,
    /// Display order of the languages; the first is the default.
    pub languages: Vec<Language>,
    /// IANA time zone for "today".
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// Theme folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Digits on Tibetan pages.
    #[serde(default = "default_digits")]
    pub digits: Digits,
    /// Where to object when a village names no contact.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// Composition rules.
    #[serde(default)]
    pub rules: Rules,
}

/// The time zone of a site whose `site.yaml` names none.
pub const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";

fn default_timezone() -> String {
    DEFAULT_TIMEZONE.into()
}

fn default_theme() -> String {
    "default".into()
}

fn default_digits() -> Digits {
    Digits::Arabic
}

/// `content/calendar.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a calendar: `holidays` and `workdays`"
)]
pub struct CalendarFile {
    /// Holidays, each a range of days off.
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    /// Make-up working days (调休).
    #[serde(default)]
    pub workdays: Vec<Day>,
}

/// A holiday: first and last day off, and its name.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a holiday `{ start: …, end: …, name: { bo: …, zh: … } }`"
)]
pub struct Holiday {
    /// First day off.
    pub start: Day,
    /// Last day off.
    pub end: Day,
    /// Its name.
    pub name: Text,
}

/// `_index.yaml` of a county or township.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, expecting = "`name: { bo: …, zh: … }`")]
pub(crate) struct AreaIndex {
    pub(crate) name: Text,
}

/// A county and its townships.
#[derive(Debug, Clone)]
pub struct County {
    /// Folder name.
    pub slug: String,
    /// Its `_index.yaml` (or the folder, if that is missing).
    pub file: FileId,
    /// Names; `None` if `_index.yaml` is missing or could not be read.
    pub name: Option<Text>,
    /// Townships, by slug.
    pub townships: Vec<Township>,
}

/// A township and its villages.
#[derive(Debug, Clone)]
pub struct Township {
    /// Folder name.
    pub slug: String,
    /// Its `_index.yaml` (or the folder).
    pub file: FileId,
    /// Names; `None` if `_index.yaml` is missing or could not be read.
    pub name: Option<Text>,
    /// Village and community files, by slug: read one at a time later.
    pub villages: Vec<VillageFile>,
}

/// A village file found by the walk. Villages are most of a site, so they
/// are not held together: the pipeline reads, checks and renders each in
/// turn ([`crate::content::read_village`]).
#[derive(Debug, Clone)]
pub struct VillageFile {
    /// File name without `.yaml`.
    pub slug: String,
    /// Its file.
    pub file: FileId,
    /// Where it is on disk.
    pub path: std::path::PathBuf,
}

/// A village or community with its notices.
#[derive(Debug, Clone)]
pub struct Village {
    /// File name without `.yaml`.
    pub slug: String,
    /// Its file.
    pub file: FileId,
    /// Names.
    pub name: Text,
    /// Village or community.
    pub kind: VillageKind,
    /// Where to object, if not the site's.
    pub contact: Option<Contact>,
    /// Notices in file order.
    pub notices: Vec<Notice>,
}

/// A person as a notice lists them.
#[derive(Debug, Clone, Hash)]
pub struct Person {
    /// Name in both scripts.
    pub name: Text,
    /// Gender.
    pub gender: Gender,
    /// Birth (pages show year and month only).
    pub born: Born,
    /// Ethnicity.
    pub ethnicity: Ethnicity,
    /// Highest education.
    pub education: Education,
    /// Party status.
    pub party: Party,
    /// The post stood for or won.
    pub post: Post,
    /// How the person was found.
    pub background: Option<Background>,
    /// Current role.
    pub current_role: Option<Text>,
}

/// One line of a results notice.
#[derive(Debug, Clone, Hash)]
pub struct Outcome {
    /// Who.
    pub person: Person,
    /// Votes received.
    pub votes: u64,
    /// Whether elected.
    pub elected: bool,
}

/// Seats per post.
#[derive(Debug, Clone, Default, Hash, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "seats per post such as `{ chair: 1, member: 3 }`"
)]
pub struct Seats {
    /// 书记
    pub secretary: Option<u32>,
    /// 副书记
    pub deputy_secretary: Option<u32>,
    /// 主任
    pub chair: Option<u32>,
    /// 副主任
    pub deputy_chair: Option<u32>,
    /// 委员
    pub member: Option<u32>,
}

impl Seats {
    /// Seats for `post`, if the notice lists it.
    pub fn get(&self, post: Post) -> Option<u32> {
        match post {
            Post::Secretary => self.secretary,
            Post::DeputySecretary => self.deputy_secretary,
            Post::Chair => self.chair,
            Post::DeputyChair => self.deputy_chair,
            Post::Member => self.member,
        }
    }

    /// Posts with seats, in rank order.
    pub fn posts(&self) -> impl Iterator<Item = (Post, u32)> + '_ {
        [
            Post::Secretary,
            Post::DeputySecretary,
            Post::Chair,
            Post::DeputyChair,
            Post::Member,
        ]
        .into_iter()
        .filter_map(|p| self.get(p).map(|n| (p, n)))
    }
}

/// Ballots of an election.
#[derive(Debug, Clone, Copy, Hash, Deserialize, serde::Serialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a turnout `{ electorate: …, cast: …, valid: … }`"
)]
pub struct Turnout {
    /// Registered voters.
    pub electorate: u64,
    /// Ballots cast.
    pub cast: u64,
    /// Valid ballots.
    pub valid: u64,
}

/// A notice of a village.
#[derive(Debug, Clone, Hash)]
pub struct Notice {
    /// Index in the file's `notices` list.
    pub index: usize,
    /// Unique within the village.
    pub slug: String,
    /// The body it concerns.
    pub body: Body,
    /// Publication day; after `--today` the notice is scheduled.
    pub published: Date,
    /// Left out unless previewing.
    pub draft: bool,
    /// Optional Markdown.
    pub note: Option<Text>,
    /// Changes made after publication, as written (each dated on or after
    /// `published`).
    pub corrections: Vec<Correction>,
    /// What it announces.
    pub detail: NoticeDetail,
}

/// A change to a notice after its publication (更正): a published notice
/// is never changed silently.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    /// The day it was made.
    pub date: Date,
    /// What changed and why (Markdown).
    pub note: Text,
}

impl Notice {
    /// Whether the notice is published after `today`: left out of the site
    /// (and of every listing, figure and data file) until that day.
    pub fn is_scheduled(&self, today: Date) -> bool {
        self.published > today
    }

    /// A hash of what it says, its corrections aside: what a correction
    /// must account for when it changes after publication.
    pub fn content_key(&self) -> u64 {
        let Notice {
            index: _,
            slug,
            body,
            published,
            draft: _,
            note,
            corrections: _,
            detail,
        } = self;
        crate::keys::hash_of(&(slug, body, published, note, detail))
    }
}

/// The two kinds of notice.
#[derive(Debug, Clone, Hash)]
pub enum NoticeDetail {
    /// Candidates, with a notice period for objections.
    Candidates {
        /// The period as written.
        period: PeriodSpec,
        /// Seats per post.
        seats: Seats,
        /// Candidates in the published order.
        candidates: Vec<Person>,
    },
    /// Election results.
    Results {
        /// The election day.
        election_day: Date,
        /// Ballots.
        turnout: Turnout,
        /// Every person voted on, in file order.
        results: Vec<Outcome>,
    },
}

/// An announcement in one language.
#[derive(Debug, Clone)]
pub struct Announcement {
    /// File name before `.<lang>.md`.
    pub slug: String,
    /// The file's language.
    pub lang: Language,
    /// Its file.
    pub file: FileId,
    /// Title, in the file's language.
    pub title: String,
    /// Date of publication.
    pub date: Date,
    /// Left out unless previewing.
    pub draft: bool,
    /// Areas whose pages show it (`gar`, `gar/shiquanhe/zhaxigang`).
    pub scope: Vec<String>,
    /// Markdown after the front matter.
    pub body: String,
    /// Byte offset of `body` in the file (after any byte-order mark).
    pub body_offset: usize,
}

impl Announcement {
    /// Whether the announcement is dated after `today`.
    pub fn is_scheduled(&self, today: Date) -> bool {
        self.date > today
    }
}

/// Everything read from `content/`.
#[derive(Debug, Default, Clone)]
pub struct Corpus {
    /// Site settings, if they could be read.
    pub site: Option<SiteConfig>,
    /// `site.yaml`'s file.
    pub site_file: Option<FileId>,
    /// Calendar file and its id, if present and readable.
    pub calendar: Option<(FileId, CalendarFile)>,
    /// The working-day calendar made from it (weekends only without one),
    /// made once when the corpus is loaded: see [`Corpus::calendar`].
    pub working_days: crate::calendar::Calendar,
    /// Counties by slug.
    pub counties: Vec<County>,
    /// Announcements by slug, then language.
    pub announcements: Vec<Announcement>,
    /// How many files were read (for the summary line).
    pub files_read: usize,
}

impl Corpus {
    /// Every village file with its county and township.
    pub fn villages(&self) -> impl Iterator<Item = (&County, &Township, &VillageFile)> {
        self.counties.iter().flat_map(|c| {
            c.townships
                .iter()
                .flat_map(move |t| t.villages.iter().map(move |v| (c, t, v)))
        })
    }
}

impl SiteConfig {
    /// Today's date in the site's time zone (time-zone data is built into
    /// gongshi, so this works on Windows too); `None` for an unknown zone.
    pub fn today(&self) -> Option<Date> {
        today_in(&self.timezone)
    }
}

/// Today's date in the IANA time zone `timezone`, from the time-zone data
/// built into gongshi; `None` for an unknown zone.
pub fn today_in(timezone: &str) -> Option<Date> {
    let zone = jiff::tz::TimeZone::get(timezone).ok()?;
    Some(jiff::Timestamp::now().to_zoned(zone).date())
}

impl Corpus {
    /// The working-day calendar: that of `calendar.yaml`, or weekends only.
    pub fn calendar(&self) -> &crate::calendar::Calendar {
        &self.working_days
    }

    /// Makes the working-day calendar from `calendar.yaml` (once loaded).
    pub(crate) fn make_calendar(&self) -> crate::calendar::Calendar {
        match &self.calendar {
            Some((_, file)) => {
                let holidays: Vec<_> = file.holidays.iter().map(|h| (h.start.0, h.end.0)).collect();
                let workdays: Vec<_> = file.workdays.iter().map(|d| d.0).collect();
                crate::calendar::Calendar::new(&holidays, &workdays)
            }
            None => crate::calendar::Calendar::weekends_only(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn scheduled_means_published_after_today() {
        let notice = Notice {
            index: 0,
            slug: "a".into(),
            body: Body::Committee,
            published: date(2021, 1, 10),
            draft: false,
            note: None,
            corrections: Vec::new(),
            detail: NoticeDetail::Results {
                election_day: date(2021, 1, 9),
                turnout: Turnout {
                    electorate: 3,
                    cast: 2,
                    valid: 1,
                },
                results: Vec::new(),
            },
        };
        assert!(notice.is_scheduled(date(2021, 1, 9)));
        assert!(!notice.is_scheduled(date(2021, 1, 10)));
    }

    #[test]
    fn today_uses_the_built_in_time_zone_data() {
        let mut site: SiteConfig = serde_yaml::from_str(
            "title: { bo: ཀ, zh: 甲 }\nregion: { bo: ཀ, zh: 甲 }\nbase_url: \"https://example.org/\"\nlanguages: [bo, zh]\n",
        )
        .unwrap();
        assert_eq!(site.timezone, "Asia/Shanghai");
        let today = site.today().expect("Asia/Shanghai is known");
        let utc = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date();
        assert!((today - utc).get_days().abs() <= 1);
        site.timezone = "Asia/Nowhere".into();
        assert_eq!(site.today(), None);
    }
}
