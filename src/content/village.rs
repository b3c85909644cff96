//! A village file as written, and its conversion into the typed model.
//!
//! serde reads every notice into one flat struct (a `type`-tagged enum would
//! buffer the map and lose positions); the conversion then checks that each
//! kind of notice has its fields and no others, and types it.

use serde::Deserialize;

use super::shape::files::{BOOL, CONTACT, COUNT, DAY, STRING, TEXT};
use super::shape::{check, optional, required, Shape};

use super::codes::{
    Background, Body, Education, Ethnicity, Gender, NoticeType, Party, Post, VillageKind,
};
use super::date::{Born, Day};
use super::model::{
    Contact, Correction, Notice, NoticeDetail, Outcome, Person, Seats, Text, Turnout,
};
use crate::calendar::{Length, PeriodSpec};
use crate::diagnostics::{At, NodePath, Problem, Seg};

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
    corrections: Vec<RawCorrection>,
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
    expecting = "a correction such as `{ date: 2021-01-12, note: { bo: …, zh: … } }`"
)]
struct RawCorrection {
    date: Day,
    note: Text,
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

/// Types a village. Every structural problem of its notices is pushed onto
/// `problems`; a notice that has one is left out of the parts.
pub(crate) fn convert(raw: RawVillage, problems: &mut Vec<Failure>) -> VillageParts {
    let notices = raw.notices.into_iter().enumerate().collect();
    convert_parts(raw.name, raw.kind, raw.contact, notices, problems)
}

/// Types the village-level fields and the given notices (each with its
/// index in the file).
fn convert_parts(
    name: Text,
    kind: VillageKind,
    contact: Option<Contact>,
    notices: Vec<(usize, RawNotice)>,
    problems: &mut Vec<Failure>,
) -> VillageParts {
    let notices = notices
        .into_iter()
        .filter_map(|(index, notice)| convert_notice(index, notice, problems))
        .collect();
    VillageParts {
        name,
        kind,
        contact,
        notices,
    }
}

/// What can still be read of a village whose file did not read whole:
/// its village-level fields and every notice in which `bad` names no
/// problem. `None` if a village-level field is itself wrong.
pub(crate) fn salvage(
    tree: &serde_yaml::Value,
    bad: &[NodePath],
    problems: &mut Vec<Failure>,
) -> Option<VillageParts> {
    let is_bad = |index: usize| {
        bad.iter().any(|path| {
            matches!(path.as_slice(), [Seg::Key("notices"), Seg::Index(i), ..] if *i == index)
                || matches!(path.as_slice(), [Seg::Key("notices")])
        })
    };
    let village_level = bad.iter().any(|path| match path.first() {
        None => true,
        Some(Seg::Key(key)) => *key != "notices",
        Some(Seg::Index(_)) => true,
    });
    if village_level {
        return None;
    }
    let field = |key: &str| tree.get(key).unwrap_or(&serde_yaml::Value::Null);
    let name = Text::deserialize(field("name")).ok()?;
    let kind = VillageKind::deserialize(field("kind")).ok()?;
    let contact = Option::<Contact>::deserialize(field("contact")).ok()?;
    let notices = match field("notices") {
        serde_yaml::Value::Sequence(items) => items
            .iter()
            .enumerate()
            .filter(|(index, _)| !is_bad(*index))
            .filter_map(|(index, item)| Some((index, RawNotice::deserialize(item).ok()?)))
            .collect(),
        _ => Vec::new(),
    };
    Some(convert_parts(name, kind, contact, notices, problems))
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

/// Types one notice, or pushes every problem that keeps it from being typed.
fn convert_notice(index: usize, raw: RawNotice, problems: &mut Vec<Failure>) -> Option<Notice> {
    let before = problems.len();
    let detail = match raw.kind {
        NoticeType::Candidates => {
            const WHY: &str = "why.candidates_no_results";
            if raw.election_day.is_some() {
                problems.push(not_allowed(index, "election_day", WHY));
            }
            if raw.turnout.is_some() {
                problems.push(not_allowed(index, "turnout", WHY));
            }
            if raw.results.is_some() {
                problems.push(not_allowed(index, "results", WHY));
            }
            let period = raw.period.or_else(|| {
                problems.push(missing(index, "period"));
                None
            });
            let seats = raw.seats.or_else(|| {
                problems.push(missing(index, "seats"));
                None
            });
            let candidates = raw.candidates.or_else(|| {
                problems.push(missing(index, "candidates"));
                None
            });
            let candidates: Vec<Person> = candidates
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let person_path = |key| {
                        vec![
                            Seg::Key("notices"),
                            Seg::Index(index),
                            Seg::Key("candidates"),
                            Seg::Index(i),
                            Seg::Key(key),
                        ]
                    };
                    const WHY: &str = "why.votes_in_results";
                    let mut fine = true;
                    for (field, given) in [
                        ("votes", p.votes.is_some()),
                        ("elected", p.elected.is_some()),
                    ] {
                        if given {
                            problems.push((
                                At::key(person_path(field)),
                                Problem::FieldNotAllowed { field, why: WHY },
                            ));
                            fine = false;
                        }
                    }
                    fine.then(|| p.person())
                })
                .collect();
            let period = period.and_then(|period| convert_period(index, period, problems));
            NoticeDetail::Candidates {
                period: period?,
                seats: seats?,
                candidates,
            }
        }
        NoticeType::Results => {
            const WHY: &str = "why.results_take_period";
            if raw.period.is_some() {
                problems.push(not_allowed(index, "period", WHY));
            }
            if raw.seats.is_some() {
                problems.push(not_allowed(index, "seats", WHY));
            }
            if raw.candidates.is_some() {
                problems.push(not_allowed(
                    index,
                    "candidates",
                    "why.results_under_results",
                ));
            }
            let election_day = raw.election_day.or_else(|| {
                problems.push(missing(index, "election_day"));
                None
            });
            let turnout = raw.turnout.or_else(|| {
                problems.push(missing(index, "turnout"));
                None
            });
            let results = raw.results.or_else(|| {
                problems.push(missing(index, "results"));
                None
            });
            let results: Vec<Outcome> = results
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let name = vec![
                        Seg::Key("notices"),
                        Seg::Index(index),
                        Seg::Key("results"),
                        Seg::Index(i),
                        Seg::Key("name"),
                    ];
                    for (field, given) in [
                        ("votes", p.votes.is_some()),
                        ("elected", p.elected.is_some()),
                    ] {
                        if !given {
                            problems
                                .push((At::key(name.clone()), Problem::MissingField(field.into())));
                        }
                    }
                    Some(Outcome {
                        votes: p.votes?,
                        elected: p.elected?,
                        person: p.person(),
                    })
                })
                .collect();
            NoticeDetail::Results {
                election_day: election_day?.0,
                turnout: turnout?,
                results,
            }
        }
    };
    if problems.len() > before {
        return None;
    }
    Some(Notice {
        index,
        slug: raw.slug,
        body: raw.body,
        published: raw.published.0,
        draft: raw.draft,
        note: raw.note,
        corrections: raw
            .corrections
            .into_iter()
            .map(|c| Correction {
                date: c.date.0,
                note: c.note,
            })
            .collect(),
        detail,
    })
}

fn convert_period(index: usize, raw: RawPeriod, problems: &mut Vec<Failure>) -> Option<PeriodSpec> {
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
            problems.push((
                At::value(notice_path(index, "period")),
                Problem::PeriodLength,
            ));
            return None;
        }
    };
    let wrong = match length {
        Length::WorkingDays(0) => Some((at("working_days"), Problem::PeriodZero)),
        Length::Days(0) => Some((at("days"), Problem::PeriodZero)),
        Length::WorkingDays(n) if n > MAX_PERIOD => {
            Some((at("working_days"), Problem::PeriodTooLong))
        }
        Length::Days(n) if n > MAX_PERIOD => Some((at("days"), Problem::PeriodTooLong)),
        _ => None,
    };
    if let Some(wrong) = wrong {
        problems.push(wrong);
        return None;
    }
    Some(PeriodSpec {
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

/// The shape of a village file, for finding every problem of one that does
/// not read (see `shape`).
pub(crate) static VILLAGE: Shape = Shape::Map {
    fields: &[
        required("name", &TEXT),
        required("kind", &Shape::Leaf(check::<VillageKind>)),
        optional("contact", &CONTACT),
        optional(
            "notices",
            &Shape::List {
                item: &NOTICE,
                whole: check::<Vec<serde::de::IgnoredAny>>,
            },
        ),
    ],
    whole: check::<RawVillage>,
};

static PERSONS: Shape = Shape::List {
    item: &PERSON,
    whole: check::<Vec<serde::de::IgnoredAny>>,
};

static NOTICE: Shape = Shape::Map {
    fields: &[
        required("slug", &STRING),
        required("type", &Shape::Leaf(check::<NoticeType>)),
        required("body", &Shape::Leaf(check::<Body>)),
        required("published", &DAY),
        optional("draft", &BOOL),
        optional("note", &TEXT),
        optional("corrections", &CORRECTIONS),
        optional("period", &PERIOD),
        optional("seats", &SEATS),
        optional("candidates", &PERSONS),
        optional("election_day", &DAY),
        optional("turnout", &TURNOUT),
        optional("results", &PERSONS),
    ],
    whole: check::<RawNotice>,
};

static CORRECTIONS: Shape = Shape::List {
    item: &CORRECTION,
    whole: check::<Vec<serde::de::IgnoredAny>>,
};

static CORRECTION: Shape = Shape::Map {
    fields: &[required("date", &DAY), required("note", &TEXT)],
    whole: check::<RawCorrection>,
};

static PERIOD: Shape = Shape::Map {
    fields: &[
        required("start", &DAY),
        optional("end", &DAY),
        optional("working_days", &COUNT),
        optional("days", &COUNT),
    ],
    whole: check::<RawPeriod>,
};

static SEATS: Shape = Shape::Map {
    fields: &[
        optional("secretary", &COUNT),
        optional("deputy_secretary", &COUNT),
        optional("chair", &COUNT),
        optional("deputy_chair", &COUNT),
        optional("member", &COUNT),
    ],
    whole: check::<Seats>,
};

static VOTES: Shape = Shape::Leaf(check::<u64>);

static TURNOUT: Shape = Shape::Map {
    fields: &[
        required("electorate", &VOTES),
        required("cast", &VOTES),
        required("valid", &VOTES),
    ],
    whole: check::<Turnout>,
};

static PERSON: Shape = Shape::Map {
    fields: &[
        required("name", &TEXT),
        required("gender", &Shape::Leaf(check::<Gender>)),
        required("born", &Shape::Leaf(check::<Born>)),
        required("ethnicity", &Shape::Leaf(check::<Ethnicity>)),
        required("education", &Shape::Leaf(check::<Education>)),
        required("party", &Shape::Leaf(check::<Party>)),
        required("post", &Shape::Leaf(check::<Post>)),
        optional("background", &Shape::Leaf(check::<Background>)),
        optional("current_role", &TEXT),
        optional("votes", &VOTES),
        optional("elected", &BOOL),
    ],
    whole: check::<RawPerson>,
};

/// The village shapes with the keys their types accept, for the test that
/// holds them together.
#[cfg(test)]
pub(crate) fn shapes() -> Vec<(&'static Shape, Vec<String>)> {
    use super::shape::accepted_keys;
    vec![
        (&VILLAGE, accepted_keys::<RawVillage>()),
        (&NOTICE, accepted_keys::<RawNotice>()),
        (&CORRECTION, accepted_keys::<RawCorrection>()),
        (&PERIOD, accepted_keys::<RawPeriod>()),
        (&SEATS, accepted_keys::<Seats>()),
        (&TURNOUT, accepted_keys::<Turnout>()),
        (&PERSON, accepted_keys::<RawPerson>()),
    ]
}
