//! Who is one person, who a village's members are, and how a village stands
//! against the composition rules of `site.yaml`: shared by `check` (which
//! warns) and the figures of the stats pages (which count).
//!
//! Two records of one village are one person when their names match (see
//! [`same_name_key`]) and their births agree to the precision both give; a
//! person's details are those of their latest published record, and their
//! age is taken on their earliest day (election day for members, the last
//! day of the period for candidates). Composition is judged on a village's
//! members once it has results for both bodies, before that on the persons
//! of its latest candidates notices.

use jiff::civil::Date;

use crate::calendar::Calendar;
use crate::content::codes::{Body, Gender, Party};
use crate::content::model::{Notice, NoticeDetail, Person, RuleTarget, Rules};

/// One appearance of a person in a notice.
#[derive(Debug, Clone, Copy)]
pub struct Record<'v> {
    /// The notice.
    pub notice: &'v Notice,
    /// `candidates` or `results`: the list in the file.
    pub list: &'static str,
    /// Index in that list.
    pub index: usize,
    /// The person as written there.
    pub person: &'v Person,
    /// Elected (results only).
    pub elected: bool,
}

/// Every record of the given notices, in file order.
pub fn records<'v>(notices: &[&'v Notice]) -> Vec<Record<'v>> {
    let mut records = Vec::new();
    for notice in notices {
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

/// A name compared as the contract says: NFC (already applied), without
/// white space, middle dots, or a final tsheg or shad. Invisible format
/// characters are dropped too: a zero-width space pasted into one record
/// must not make two people of one (nor count one member twice).
pub fn same_name_key(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|&c| {
            !c.is_whitespace()
                && !crate::chars::is_format(c)
                && !matches!(c, '·' | '・' | '‧' | '･' | '•')
        })
        .collect();
    kept.trim_end_matches(['\u{0F0B}', '\u{0F0D}', '\u{0F0E}'])
        .to_owned()
}

/// Groups records into persons, in order of first appearance. A record
/// joins the first person all of whose births agree with its own.
pub fn persons<'r, 'v>(
    records: impl IntoIterator<Item = &'r Record<'v>>,
) -> Vec<Vec<&'r Record<'v>>> {
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

/// One person, with the day their age is taken on.
#[derive(Debug, Clone, Copy)]
pub struct Counted<'r, 'v> {
    /// The latest published of their records: their details.
    pub latest: &'r Record<'v>,
    /// The earliest day among their records.
    pub day: Date,
}

impl Counted<'_, '_> {
    /// Whether they are young under `rules`: `young_age` or less, in
    /// completed years, on their day.
    pub fn is_young(&self, rules: &Rules) -> bool {
        i64::from(self.latest.person.born.age_on(self.day)) <= i64::from(rules.young_age)
    }
}

/// The persons of `dated` records (each with its day), counted once each.
pub fn count<'r, 'v>(dated: &[(&'r Record<'v>, Date)]) -> Vec<Counted<'r, 'v>> {
    persons(dated.iter().map(|(r, _)| *r))
        .into_iter()
        .map(|person| {
            let latest = *person
                .iter()
                .max_by_key(|r| (r.notice.published, r.notice.index))
                .expect("a person has a record");
            let day = person
                .iter()
                .filter_map(|r| {
                    dated
                        .iter()
                        .find(|(d, _)| std::ptr::eq(*d, *r))
                        .map(|(_, day)| *day)
                })
                .min()
                .expect("every record has a day");
            Counted { latest, day }
        })
        .collect()
}

/// The elected records of results notices, each with its election day.
pub fn members<'r, 'v>(records: &'r [Record<'v>]) -> Vec<(&'r Record<'v>, Date)> {
    records
        .iter()
        .filter(|r| r.elected)
        .filter_map(|r| match &r.notice.detail {
            NoticeDetail::Results { election_day, .. } => Some((r, *election_day)),
            NoticeDetail::Candidates { .. } => None,
        })
        .collect()
}

/// The candidates notice that `results` belong to: of their body, with the
/// latest `published` on or before theirs (the later in the file on a tie).
pub fn candidates_for<'v>(notices: &'v [Notice], results: &Notice) -> Option<&'v Notice> {
    notices
        .iter()
        .filter(|n| {
            n.body == results.body
                && matches!(n.detail, NoticeDetail::Candidates { .. })
                && n.published <= results.published
        })
        .max_by_key(|n| (n.published, n.index))
}

/// The latest candidates notice of a body (the later in the file on a tie).
pub fn latest_candidates<'v>(notices: &[&'v Notice], body: Body) -> Option<&'v Notice> {
    notices
        .iter()
        .copied()
        .filter(|n| n.body == body && matches!(n.detail, NoticeDetail::Candidates { .. }))
        .max_by_key(|n| (n.published, n.index))
}

/// The records of the latest candidates notice of each body, each with the
/// last day of its period.
pub fn latest_candidates_records<'r, 'v>(
    notices: &[&'v Notice],
    records: &'r [Record<'v>],
    calendar: &Calendar,
) -> Vec<(&'r Record<'v>, Date)> {
    let latest: Vec<&Notice> = [Body::PartyBranch, Body::Committee]
        .into_iter()
        .filter_map(|b| latest_candidates(notices, b))
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
}

/// How a village stands against the composition rules.
#[derive(Debug)]
pub struct Judgement<'r, 'v> {
    /// Judged on members (results for both bodies), else on candidates.
    pub on_members: bool,
    /// Women among the persons judged.
    pub women: usize,
    /// Young persons among them.
    pub young: usize,
    /// Records on a body or post that requires a full Party member, who is not.
    pub not_full_members: Vec<(&'r Record<'v>, RuleTarget)>,
    /// Records on a body that requires a Party member, who is not.
    pub not_party_members: Vec<(&'r Record<'v>, RuleTarget)>,
}

impl Judgement<'_, '_> {
    /// Whether any rule is missed.
    pub fn misses(&self, rules: &Rules) -> bool {
        !self.missed(rules).is_empty()
    }

    /// The rules missed, by their `site.yaml` key.
    pub fn missed(&self, rules: &Rules) -> Vec<&'static str> {
        let mut missed = Vec::new();
        if (self.women as u64) < u64::from(rules.min_women) {
            missed.push("min_women");
        }
        if (self.young as u64) < u64::from(rules.min_young) {
            missed.push("min_young");
        }
        if !self.not_full_members.is_empty() {
            missed.push("require_full_member");
        }
        if !self.not_party_members.is_empty() {
            missed.push("require_party_member");
        }
        missed
    }
}

/// Judges a village (its `notices`, and their `records`); `None` when it has
/// no candidates or results yet.
pub fn judge<'r, 'v>(
    notices: &[&'v Notice],
    records: &'r [Record<'v>],
    rules: &Rules,
    calendar: &Calendar,
) -> Option<Judgement<'r, 'v>> {
    let has_results = |body| {
        notices
            .iter()
            .any(|n| n.body == body && matches!(n.detail, NoticeDetail::Results { .. }))
    };
    let on_members = has_results(Body::PartyBranch) && has_results(Body::Committee);
    let judged = if on_members {
        members(records)
    } else {
        latest_candidates_records(notices, records, calendar)
    };
    if judged.is_empty() {
        return None;
    }
    let mut not_full_members = Vec::new();
    let mut not_party_members = Vec::new();
    for (record, _) in &judged {
        let (body, post, party) = (record.notice.body, record.person.post, record.person.party);
        if let Some(rule) = rules
            .require_full_member
            .iter()
            .find(|r| r.applies(body, post))
        {
            if party != Party::Member {
                not_full_members.push((*record, *rule));
            }
        }
        if let Some(rule) = rules
            .require_party_member
            .iter()
            .find(|r| r.applies(body, post))
        {
            if party == Party::None {
                not_party_members.push((*record, *rule));
            }
        }
    }
    let people = count(&judged);
    Some(Judgement {
        on_members,
        women: people
            .iter()
            .filter(|p| p.latest.person.gender == Gender::Female)
            .count(),
        young: people.iter().filter(|p| p.is_young(rules)).count(),
        not_full_members,
        not_party_members,
    })
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

    #[test]
    fn names_compare_without_invisible_characters() {
        for invisible in ['\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}'] {
            assert_eq!(
                same_name_key(&format!("扎西{invisible}顿珠")),
                same_name_key("扎西顿珠"),
                "U+{:04X}",
                invisible as u32
            );
            assert_eq!(
                same_name_key(&format!("བཀྲ་ཤིས{invisible}།")),
                same_name_key("བཀྲ་ཤིས")
            );
        }
        assert_ne!(same_name_key("扎\u{200B}西"), same_name_key("扎"));
    }
}
