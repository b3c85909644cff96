//! One village's persons: the same person with different details, and the
//! composition rules of `site.yaml`.
//!
//! Two records are one person when their names match (see [`same_name_key`])
//! and their births agree to the precision both give. Composition is judged
//! on the village's members once it has results for both bodies, aged on
//! their (earliest) election day; before that on the persons of its latest
//! candidates notices, aged on the last day of their period.

use jiff::civil::Date;

use crate::calendar::Calendar;
use crate::content::codes::{Body, Code, Gender, Party};
use crate::content::model::{Notice, NoticeDetail, Person, Rules, Village};
use crate::diagnostics::{At, Diagnostics, Problem, Seg};

/// One appearance of a person in a notice.
struct Record<'v> {
    notice: &'v Notice,
    list: &'static str,
    index: usize,
    person: &'v Person,
    elected: bool,
}

impl Record<'_> {
    fn name_at(&self) -> At {
        At::key(vec![
            Seg::Key("notices"),
            Seg::Index(self.notice.index),
            Seg::Key(self.list),
            Seg::Index(self.index),
            Seg::Key("name"),
        ])
    }
}

/// A name compared as the contract says: NFC (already applied), without
/// white space, middle dots, or a final tsheg or shad.
pub(crate) fn same_name_key(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '・' | '‧' | '･' | '•'))
        .collect();
    kept.trim_end_matches(['\u{0F0B}', '\u{0F0D}', '\u{0F0E}'])
        .to_owned()
}

/// Groups records into persons.
fn persons<'r, 'v>(records: impl IntoIterator<Item = &'r Record<'v>>) -> Vec<Vec<&'r Record<'v>>> {
    let mut groups: Vec<(String, String, Vec<&'r Record<'v>>)> = Vec::new();
    for record in records {
        let zh = same_name_key(&record.person.name.zh);
        let bo = same_name_key(&record.person.name.bo);
        let group = groups.iter_mut().find(|(gz, gb, members)| {
            *gz == zh
                && *gb == bo
                && members
                    .iter()
                    .all(|m| m.person.born.agrees_with(record.person.born))
        });
        match group {
            Some((_, _, members)) => members.push(record),
            None => groups.push((zh, bo, vec![record])),
        }
    }
    groups.into_iter().map(|(_, _, members)| members).collect()
}

pub(super) fn check(
    village: &Village,
    rules: &Rules,
    calendar: &Calendar,
    diagnostics: &mut Diagnostics,
) {
    let records = records(village);
    for person in persons(&records) {
        check_same_details(&person, village, diagnostics);
    }
    check_composition(village, &records, rules, calendar, diagnostics);
}

fn records(village: &Village) -> Vec<Record<'_>> {
    let mut records = Vec::new();
    for notice in &village.notices {
        match &notice.detail {
            NoticeDetail::Candidates { candidates, .. } => {
                records.extend(candidates.iter().enumerate().map(|(index, person)| Record {
                    notice,
                    list: "candidates",
                    index,
                    person,
                    elected: false,
                }));
            }
            NoticeDetail::Results { results, .. } => {
                records.extend(results.iter().enumerate().map(|(index, outcome)| Record {
                    notice,
                    list: "results",
                    index,
                    person: &outcome.person,
                    elected: outcome.elected,
                }));
            }
        }
    }
    records
}

fn check_same_details(person: &[&Record<'_>], village: &Village, diagnostics: &mut Diagnostics) {
    let Some((first, rest)) = person.split_first() else {
        return;
    };
    for record in rest {
        let (a, b) = (record.person, first.person);
        let fields = [
            ("gender", a.gender.as_str(), b.gender.as_str()),
            ("ethnicity", a.ethnicity.as_str(), b.ethnicity.as_str()),
            ("education", a.education.as_str(), b.education.as_str()),
            ("party status", a.party.as_str(), b.party.as_str()),
        ];
        for (field, here, there) in fields {
            if here != there {
                diagnostics.push(
                    village.file,
                    record.name_at(),
                    Problem::PersonMismatch {
                        field,
                        here,
                        there,
                        notice: first.notice.slug.clone(),
                    },
                );
            }
        }
    }
}

/// The latest candidates notice of a body (the later in the file on a tie).
fn latest_candidates(village: &Village, body: Body) -> Option<&Notice> {
    village
        .notices
        .iter()
        .filter(|n| n.body == body && matches!(n.detail, NoticeDetail::Candidates { .. }))
        .max_by_key(|n| (n.published, n.index))
}

fn check_composition(
    village: &Village,
    records: &[Record<'_>],
    rules: &Rules,
    calendar: &Calendar,
    diagnostics: &mut Diagnostics,
) {
    let has_results = |body| {
        village
            .notices
            .iter()
            .any(|n| n.body == body && matches!(n.detail, NoticeDetail::Results { .. }))
    };
    let judged_on_members = has_results(Body::PartyBranch) && has_results(Body::Committee);
    // The records judged, each with the day its person's age is taken on.
    let judged: Vec<(&Record<'_>, Date)> = if judged_on_members {
        records
            .iter()
            .filter(|r| r.elected)
            .filter_map(|r| match &r.notice.detail {
                NoticeDetail::Results { election_day, .. } => Some((r, *election_day)),
                NoticeDetail::Candidates { .. } => None,
            })
            .collect()
    } else {
        let latest: Vec<&Notice> = [Body::PartyBranch, Body::Committee]
            .into_iter()
            .filter_map(|b| latest_candidates(village, b))
            .collect();
        records
            .iter()
            .filter(|r| latest.iter().any(|n| std::ptr::eq(*n, r.notice)))
            .filter_map(|r| match &r.notice.detail {
                NoticeDetail::Candidates { period, .. } => {
                    calendar.resolve(*period).ok().map(|p| (r, p.last))
                }
                NoticeDetail::Results { .. } => None,
            })
            .collect()
    };
    if judged.is_empty() {
        return;
    }
    let among = if judged_on_members {
        "members"
    } else {
        "candidates"
    };
    for (record, _) in &judged {
        let (body, post, party) = (record.notice.body, record.person.post, record.person.party);
        if let Some(rule) = rules
            .require_full_member
            .iter()
            .find(|r| r.applies(body, post))
        {
            if party != Party::Member {
                diagnostics.push(
                    village.file,
                    record.name_at(),
                    Problem::NotFullMember {
                        rule: rule.spelling(),
                        party: party.as_str(),
                    },
                );
            }
        }
        if let Some(rule) = rules
            .require_party_member
            .iter()
            .find(|r| r.applies(body, post))
        {
            if party == Party::None {
                diagnostics.push(
                    village.file,
                    record.name_at(),
                    Problem::NotPartyMember(rule.spelling()),
                );
            }
        }
    }
    let mut women = 0;
    let mut young = 0;
    for person in persons(judged.iter().map(|(r, _)| *r)) {
        // Details of the latest published record; age on the earliest day.
        let latest = person
            .iter()
            .max_by_key(|r| (r.notice.published, r.notice.index))
            .expect("a person has a record");
        let day = person
            .iter()
            .filter_map(|r| {
                judged
                    .iter()
                    .find(|(j, _)| std::ptr::eq(*j, *r))
                    .map(|(_, d)| *d)
            })
            .min()
            .expect("every judged record has a day");
        if latest.person.gender == Gender::Female {
            women += 1;
        }
        if i64::from(latest.person.born.age_on(day)) <= i64::from(rules.young_age) {
            young += 1;
        }
    }
    let village_at = || At::key(vec![Seg::Key("name")]);
    if (women as u64) < u64::from(rules.min_women) {
        diagnostics.push(
            village.file,
            village_at(),
            Problem::FewWomen {
                have: women,
                need: rules.min_women,
                among,
            },
        );
    }
    if (young as u64) < u64::from(rules.min_young) {
        diagnostics.push(
            village.file,
            village_at(),
            Problem::FewYoung {
                have: young,
                need: rules.min_young,
                age: rules.young_age,
                among,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_spaces_dots_and_final_tsheg() {
        assert_eq!(same_name_key("扎西 · 顿珠"), same_name_key("扎西顿珠"));
        assert_eq!(same_name_key("བཀྲ་ཤིས།"), same_name_key("བཀྲ་ཤིས"));
        assert_eq!(same_name_key("བཀྲ་ཤིས་"), same_name_key("བཀྲ་ཤིས"));
        assert_ne!(same_name_key("卓玛"), same_name_key("卓嘎"));
    }
}
