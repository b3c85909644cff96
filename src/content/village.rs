//! A village file as written, and its conversion into the typed model.
//!
//! serde reads every notice into one flat struct (a `type`-tagged enum would
//! buffer the map and lose positions); the conversion then checks that each
//! kind of notice has its fields and no others, and types it.

use serde::Deserialize;

use super::codes::{
    Background, Body, Education, Ethnicity, Gender, NoticeType, Party, Post, VillageKind,
};
use super::date::{Born, Day};
use super::model::{Contact, Notice, NoticeDetail, Outcome, Person, Seats, Text, Turnout};
use crate::calendar::{Length, PeriodSpec};
use crate::diagnostics::{At, Problem, Seg};

/// The longest period in days or working days: longer is surely a typo.
pub(crate) const MAX_PERIOD: u32 = 366;

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a village: `name`, `kind` and `notices`"
)]
pub(crate) struct RawVillage {
    name: Text,
    kind: VillageKind,
    #[serde(default)]
    contact: Option<Contact>,
    #[serde(default)]
    notices: Vec<RawNotice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a notice: `slug`, `type`, `body`, …")]
struct RawNotice {
    slug: String,
    #[serde(rename = "type")]
    kind: NoticeType,
    body: Body,
    published: Day,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    note: Option<Text>,
    #[serde(default)]
    period: Option<RawPeriod>,
    #[serde(default)]
    seats: Option<Seats>,
    #[serde(default)]
    candidates: Option<Vec<RawPerson>>,
    #[serde(default)]
    election_day: Option<Day>,
    #[serde(default)]
    turnout: Option<Turnout>,
    #[serde(default)]
    results: Option<Vec<RawPerson>>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a period such as `{ start: 2021-01-10, working_days: 5 }`"
)]
struct RawPeriod {
    start: Day,
    #[serde(default)]
    end: Option<Day>,
    #[serde(default)]
    working_days: Option<u32>,
    #[serde(default)]
    days: Option<u32>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a person: `name`, `gender`, `born`, …"
)]
struct RawPerson {
    name: Text,
    gender: Gender,
    born: Born,
    ethnicity: Ethnicity,
    education: Education,
    party: Party,
    post: Post,
    #[serde(default)]
    background: Option<Background>,
    #[serde(default)]
    current_role: Option<Text>,
    #[serde(default)]
    votes: Option<u64>,
    #[serde(default)]
    elected: Option<bool>,
}

/// A village's fields, typed.
pub(crate) struct VillageParts {
    pub(crate) name: Text,
    pub(crate) kind: VillageKind,
    pub(crate) contact: Option<Contact>,
    pub(crate) notices: Vec<Notice>,
}

type Failure = (At, Problem);

/// Types a village, or returns its first structural problem.
pub(crate) fn convert(raw: RawVillage) -> Result<VillageParts, Failure> {
    let notices = raw
        .notices
        .into_iter()
        .enumerate()
        .map(|(index, notice)| convert_notice(index, notice))
        .collect::<Result<_, _>>()?;
    Ok(VillageParts {
        name: raw.name,
        kind: raw.kind,
        contact: raw.contact,
        notices,
    })
}

fn notice_path(index: usize, key: &'static str) -> Vec<Seg> {
    vec![Seg::Key("notices"), Seg::Index(index), Seg::Key(key)]
}

fn missing(index: usize, field: &'static str) -> Failure {
    (
        At::key(notice_path(index, "slug")),
        Problem::MissingField(field.into()),
    )
}

fn not_allowed(index: usize, field: &'static str, why: &'static str) -> Failure {
    (
        At::key(notice_path(index, field)),
        Problem::FieldNotAllowed { field, why },
    )
}

fn convert_notice(index: usize, raw: RawNotice) -> Result<Notice, Failure> {
    let detail = match raw.kind {
        NoticeType::Candidates => {
            const WHY: &str = "a candidates notice has no election results";
            if raw.election_day.is_some() {
                return Err(not_allowed(index, "election_day", WHY));
            }
            if raw.turnout.is_some() {
                return Err(not_allowed(index, "turnout", WHY));
            }
            if raw.results.is_some() {
                return Err(not_allowed(index, "results", WHY));
            }
            let period = raw.period.ok_or_else(|| missing(index, "period"))?;
            let seats = raw.seats.ok_or_else(|| missing(index, "seats"))?;
            let candidates = raw.candidates.ok_or_else(|| missing(index, "candidates"))?;
            let candidates = candidates
                .into_iter()
                .enumerate()
                .map(|(i, p)| {
                    let person_path = |key| {
                        vec![
                            Seg::Key("notices"),
                            Seg::Index(index),
                            Seg::Key("candidates"),
                            Seg::Index(i),
                            Seg::Key(key),
                        ]
                    };
                    const WHY: &str = "votes are given in a results notice";
                    if p.votes.is_some() {
                        return Err((
                            At::key(person_path("votes")),
                            Problem::FieldNotAllowed {
                                field: "votes",
                                why: WHY,
                            },
                        ));
                    }
                    if p.elected.is_some() {
                        return Err((
                            At::key(person_path("elected")),
                            Problem::FieldNotAllowed {
                                field: "elected",
                                why: WHY,
                            },
                        ));
                    }
                    Ok(p.person())
                })
                .collect::<Result<_, _>>()?;
            NoticeDetail::Candidates {
                period: convert_period(index, period)?,
                seats,
                candidates,
            }
        }
        NoticeType::Results => {
            const WHY: &str =
                "a results notice takes the period and seats of its candidates notice";
            if raw.period.is_some() {
                return Err(not_allowed(index, "period", WHY));
            }
            if raw.seats.is_some() {
                return Err(not_allowed(index, "seats", WHY));
            }
            if raw.candidates.is_some() {
                return Err(not_allowed(
                    index,
                    "candidates",
                    "results are listed under `results`",
                ));
            }
            let election_day = raw
                .election_day
                .ok_or_else(|| missing(index, "election_day"))?;
            let turnout = raw.turnout.ok_or_else(|| missing(index, "turnout"))?;
            let results = raw.results.ok_or_else(|| missing(index, "results"))?;
            let results = results
                .into_iter()
                .enumerate()
                .map(|(i, p)| {
                    let name = vec![
                        Seg::Key("notices"),
                        Seg::Index(index),
                        Seg::Key("results"),
                        Seg::Index(i),
                        Seg::Key("name"),
                    ];
                    let votes = p.votes.ok_or_else(|| {
                        (At::key(name.clone()), Problem::MissingField("votes".into()))
                    })?;
                    let elected = p
                        .elected
                        .ok_or_else(|| (At::key(name), Problem::MissingField("elected".into())))?;
                    Ok(Outcome {
                        person: p.person(),
                        votes,
                        elected,
                    })
                })
                .collect::<Result<_, _>>()?;
            NoticeDetail::Results {
                election_day: election_day.0,
                turnout,
                results,
            }
        }
    };
    Ok(Notice {
        index,
        slug: raw.slug,
        body: raw.body,
        published: raw.published.0,
        draft: raw.draft,
        note: raw.note,
        detail,
    })
}

fn convert_period(index: usize, raw: RawPeriod) -> Result<PeriodSpec, Failure> {
    let at = |key: &'static str| {
        let mut path = notice_path(index, "period");
        path.push(Seg::Key(key));
        At::value(path)
    };
    let length = match (raw.end, raw.working_days, raw.days) {
        (Some(end), None, None) => Length::End(end.0),
        (None, Some(n), None) => Length::WorkingDays(n),
        (None, None, Some(n)) => Length::Days(n),
        _ => {
            return Err((
                At::value(notice_path(index, "period")),
                Problem::PeriodLength,
            ))
        }
    };
    match length {
        Length::WorkingDays(0) => return Err((at("working_days"), Problem::PeriodZero)),
        Length::Days(0) => return Err((at("days"), Problem::PeriodZero)),
        Length::WorkingDays(n) if n > MAX_PERIOD => {
            return Err((at("working_days"), Problem::PeriodTooLong))
        }
        Length::Days(n) if n > MAX_PERIOD => return Err((at("days"), Problem::PeriodTooLong)),
        _ => {}
    }
    Ok(PeriodSpec {
        start: raw.start.0,
        length,
    })
}

impl RawPerson {
    fn person(self) -> Person {
        Person {
            name: self.name,
            gender: self.gender,
            born: self.born,
            ethnicity: self.ethnicity,
            education: self.education,
            party: self.party,
            post: self.post,
            background: self.background,
            current_role: self.current_role,
        }
    }
}
