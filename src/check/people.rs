//! One village's persons: the same person with different details, and the
//! composition rules of `site.yaml` (judged by [`crate::composition`]).

use crate::calendar::Calendar;
use crate::composition::{judge, persons, records, Record};
use crate::content::codes::Code;
use crate::content::model::{Notice, Rules, Village};
use crate::diagnostics::{At, Diagnostics, Problem, Seg};

/// Where a record's person is named: its `name:` key.
fn name_at(record: &Record<'_>) -> At {
    At::key(vec![
        Seg::Key("notices"),
        Seg::Index(record.notice.index),
        Seg::Key(record.list),
        Seg::Index(record.index),
        Seg::Key("name"),
    ])
}

pub(super) fn check(
    village: &Village,
    rules: &Rules,
    calendar: &Calendar,
    diagnostics: &mut Diagnostics,
) {
    let notices: Vec<&Notice> = village.notices.iter().collect();
    let records = records(&notices);
    for person in persons(&records) {
        check_same_details(&person, village, diagnostics);
    }
    let Some(judgement) = judge(&notices, &records, rules, calendar) else {
        return;
    };
    for (record, rule) in &judgement.not_full_members {
        let problem = Problem::NotFullMember {
            rule: rule.spelling(),
            party: record.person.party.as_str(),
        };
        diagnostics.push(village.file, name_at(record), problem);
    }
    for (record, rule) in &judgement.not_party_members {
        diagnostics.push(
            village.file,
            name_at(record),
            Problem::NotPartyMember(rule.spelling()),
        );
    }
    let among = if judgement.on_members {
        "members"
    } else {
        "candidates"
    };
    let village_at = || At::key(vec![Seg::Key("name")]);
    if (judgement.women as u64) < u64::from(rules.min_women) {
        let problem = Problem::FewWomen {
            have: judgement.women,
            need: rules.min_women,
            among,
        };
        diagnostics.push(village.file, village_at(), problem);
    }
    if (judgement.young as u64) < u64::from(rules.min_young) {
        let problem = Problem::FewYoung {
            have: judgement.young,
            need: rules.min_young,
            age: rules.young_age,
            among,
        };
        diagnostics.push(village.file, village_at(), problem);
    }
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
                let problem = Problem::PersonMismatch {
                    field,
                    here,
                    there,
                    notice: first.notice.slug.clone(),
                };
                diagnostics.push(village.file, name_at(record), problem);
            }
        }
    }
}
