//! One village's persons: persons who cannot be (births, ages, one person
//! twice in a notice), the same person with different details, and the
//! composition rules of `site.yaml` (judged by [`crate::composition`]).

use jiff::civil::Date;

use crate::calendar::Calendar;
use crate::composition::{judge, persons, records, Record};
use crate::content::codes::Code;
use crate::content::model::{Notice, NoticeDetail, Rules, Village};
use crate::diagnostics::{At, Diagnostics, Problem, Seg};

/// The youngest a person may stand for election: Chinese law lets a
/// villager of 18 stand.
const MIN_AGE: i32 = 18;
/// Older than this is a warning: possible, but more likely a slip.
const MAX_AGE: i32 = 100;
/// No one born before this year stands for election.
const EARLIEST_YEAR: i16 = 1900;

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

/// The checks of persons that need no settings but the calendar: births
/// and ages that cannot be, and one person twice in one notice.
pub(super) fn check_records(village: &Village, calendar: &Calendar, diagnostics: &mut Diagnostics) {
    for notice in &village.notices {
        let records = records(&[notice]);
        let day = age_day(notice, calendar);
        for record in &records {
            if let Some(problem) = impossible_birth(record, day) {
                diagnostics.push(village.file, name_at(record), problem);
            }
        }
        for person in persons(&records) {
            let Some((first, rest)) = person.split_first() else {
                continue;
            };
            for record in rest {
                let problem = Problem::SamePersonTwice {
                    list: first.list,
                    number: first.index + 1,
                };
                diagnostics.push(village.file, name_at(record), problem);
            }
        }
    }
}

/// The day a notice's persons are aged on, and what day it is: results on
/// their election day, candidates on the last day of their period (none
/// when the period cannot be resolved: that is reported on its own).
fn age_day(notice: &Notice, calendar: &Calendar) -> Option<(Date, &'static str)> {
    match &notice.detail {
        NoticeDetail::Results { election_day, .. } => Some((*election_day, "age_day.election_day")),
        NoticeDetail::Candidates { period, .. } => calendar
            .resolve(*period)
            .ok()
            .map(|p| (p.last, "age_day.period_last_day")),
    }
}

/// What is impossible about a record's birth, if anything: at most one
/// problem, the first of born after publication, born before 1900, under 18,
/// over 100 (a birth that cannot be makes its age meaningless).
///
/// A birth given as a month (`1990-03`) may be any day of it, and each
/// bound takes the day that never accuses wrongly: born after publication
/// only if its first day is after it (a birth in the month of publication
/// is not); under 18 only if even a birth on the 1st is (the oldest the
/// person can be, as the contract counts a month); over 100 only if even a
/// birth on the month's last day is (the youngest they can be). A birth
/// before 1900 is a whole month before it either way.
fn impossible_birth(record: &Record<'_>, day: Option<(Date, &'static str)>) -> Option<Problem> {
    let born = record.person.born;
    let published = record.notice.published;
    if born.first_day() > published {
        return Some(Problem::BornAfterNotice {
            born: born.as_written(),
            published: published.to_string(),
        });
    }
    if born.year < EARLIEST_YEAR {
        return Some(Problem::BornBefore1900(born.as_written()));
    }
    let (day, on) = day?;
    let oldest = born.age_on(day);
    if oldest < MIN_AGE {
        return Some(Problem::Underage {
            age: oldest,
            day: day.to_string(),
            on,
        });
    }
    let youngest = born.least_age_on(day);
    (youngest > MAX_AGE).then(|| Problem::Over100 {
        age: youngest,
        day: day.to_string(),
        on,
    })
}

/// Judges the village's composition on all its notices and reports what
/// falls short; gives the rules missed, for its figures (see
/// [`crate::check::VillageChecked::missed`]).
pub(super) fn check(
    village: &Village,
    rules: &Rules,
    calendar: &Calendar,
    diagnostics: &mut Diagnostics,
) -> Vec<&'static str> {
    let notices: Vec<&Notice> = village.notices.iter().collect();
    let records = records(&notices);
    for person in persons(&records) {
        check_same_details(&person, village, diagnostics);
    }
    let Some(judgement) = judge(&notices, &records, rules, calendar) else {
        return Vec::new();
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
    judgement.missed(rules)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::village_from_yaml;
    use crate::diagnostics::Severity;

    /// A person's line for a list, named `zh` (and a Tibetan name made
    /// from it), born `born`.
    fn person(zh: &str, born: &str, post: &str, result: bool) -> String {
        let bo = match zh {
            "扎西" | "扎 西" => "བཀྲ་ཤིས།",
            "卓玛" => "སྒྲོལ་མ།",
            _ => "ཀ",
        };
        let votes = if result {
            ", votes: 5, elected: true"
        } else {
            ""
        };
        format!(
            "      - {{ name: {{ bo: \"{bo}\", zh: \"{zh}\" }}, gender: male, born: {born}, ethnicity: tibetan, education: primary, party: member, post: {post}{votes} }}\n"
        )
    }

    /// Problems of persons, each with its notice, list and index.
    fn problems(yaml: &str) -> Vec<(usize, &'static str, usize, Problem)> {
        let village = village_from_yaml(yaml);
        let mut found = Diagnostics::default();
        check_records(&village, &Calendar::weekends_only(), &mut found);
        found
            .iter()
            .map(|d| match &d.at {
                At::Node { path, key: true } => match path.as_slice() {
                    [Seg::Key("notices"), Seg::Index(n), Seg::Key(list), Seg::Index(i), Seg::Key("name")] => {
                        (*n, *list, *i, d.problem.clone())
                    }
                    other => panic!("not at a name: {other:?}"),
                },
                other => panic!("not at a key: {other:?}"),
            })
            .collect()
    }

    const HEAD: &str = "name: { bo: \"ཀ\", zh: \"甲村\" }\nkind: village\nnotices:\n";

    /// Candidates published 2021-01-04, period ending 2021-01-10 (a Sunday).
    fn candidates(people: &[String]) -> String {
        format!(
            "  - slug: c\n    type: candidates\n    body: committee\n    published: 2021-01-04\n    period: {{ start: 2021-01-04, days: 7 }}\n    seats: {{ member: 9 }}\n    candidates:\n{}",
            people.concat()
        )
    }

    /// Results published 2021-01-25 of an election on 2021-01-24.
    fn results(people: &[String]) -> String {
        format!(
            "  - slug: r\n    type: results\n    body: committee\n    published: 2021-01-25\n    election_day: 2021-01-24\n    turnout: {{ electorate: 9, cast: 9, valid: 9 }}\n    results:\n{}",
            people.concat()
        )
    }

    fn underage(age: i32, day: &str, on: &'static str) -> Problem {
        Problem::Underage {
            age,
            day: day.into(),
            on,
        }
    }

    #[test]
    fn births_that_cannot_be() {
        const PERIOD: &str = "age_day.period_last_day";
        let after = |born: &str| Problem::BornAfterNotice {
            born: born.into(),
            published: "2021-01-04".into(),
        };
        let over = |age| Problem::Over100 {
            age,
            day: "2021-01-10".into(),
            on: PERIOD,
        };
        // Published 2021-01-04; the period's last day is 2021-01-10.
        let table: Vec<(&str, Option<Problem>)> = vec![
            // A birth in the month of publication is not after it (it may
            // be on the 1st), but its person is not 18 either.
            ("2021-01", Some(underage(0, "2021-01-10", PERIOD))),
            ("2021-01-04", Some(underage(0, "2021-01-10", PERIOD))),
            ("2021-01-05", Some(after("2021-01-05"))),
            ("2021-02", Some(after("2021-02"))),
            ("1899-12", Some(Problem::BornBefore1900("1899-12".into()))),
            // Born on the 1st (as a month counts), 18 on the last day.
            ("2003-01", None),
            ("2003-01-10", None),
            ("2003-01-11", Some(underage(17, "2021-01-10", PERIOD))),
            // Born on the 31st, still 100: not accused.
            ("1920-01", None),
            ("1920-01-11", None),
            ("1920-01-10", Some(over(101))),
            ("1900-01", Some(over(120))),
        ];
        let people: Vec<String> = table
            .iter()
            .enumerate()
            .map(|(i, (born, _))| person(&format!("人{i}"), born, "member", false))
            .collect();
        let expected: Vec<_> = table
            .iter()
            .enumerate()
            .filter_map(|(i, (_, p))| p.clone().map(|p| (0, "candidates", i, p)))
            .collect();
        assert_eq!(
            problems(&format!("{HEAD}{}", candidates(&people))),
            expected
        );
        for problem in table.iter().filter_map(|(_, p)| p.as_ref()) {
            let severity = match problem {
                Problem::Over100 { .. } => Severity::Warning,
                _ => Severity::Error,
            };
            assert_eq!(problem.severity(), severity, "{problem}");
        }
    }

    #[test]
    fn results_are_aged_on_the_election_day() {
        let people = [
            person("甲", "2003-01-24", "member", true),
            person("乙", "2003-01-25", "member", true),
        ];
        let found = problems(&format!("{HEAD}{}", results(&people)));
        assert_eq!(
            found,
            vec![(
                0,
                "results",
                1,
                underage(17, "2021-01-24", "age_day.election_day")
            )]
        );
    }

    #[test]
    fn the_same_person_twice_in_one_notice() {
        let list = [
            person("扎西", "1990-03", "member", false),
            person("卓玛", "1990-03", "member", false),
            // Spaces and a birth to the day: still the person above.
            person("扎 西", "1990-03-05", "member", false),
            // Same name, another birth: another person.
            person("扎西", "1991-03", "member", false),
        ];
        let results_list: Vec<String> = list
            .iter()
            .map(|p| p.replace(" }\n", ", votes: 5, elected: true }\n"))
            .collect();
        let yaml = format!("{HEAD}{}{}", candidates(&list), results(&results_list));
        let twice = |list| Problem::SamePersonTwice { list, number: 1 };
        assert_eq!(
            problems(&yaml),
            vec![
                (0, "candidates", 2, twice("candidates")),
                (1, "results", 2, twice("results")),
            ],
            "one person in two notices is not twice in one"
        );
    }

    /// One candidate of a committee, of the gender, birth, party status and
    /// post given.
    fn member(zh: &str, gender: &str, born: &str, party: &str, post: &str) -> String {
        format!(
            "      - {{ name: {{ bo: \"ཀ\", zh: \"{zh}\" }}, gender: {gender}, born: {born}, ethnicity: tibetan, education: primary, party: {party}, post: {post} }}\n"
        )
    }

    /// The problems [`check`] finds in a village of committee candidates
    /// (one seat of chair, two of member), under the default rules.
    fn composition(people: &[String]) -> Vec<Problem> {
        let yaml = format!(
            "{HEAD}  - slug: c\n    type: candidates\n    body: committee\n    published: 2021-01-04\n    period: {{ start: 2021-01-04, days: 7 }}\n    seats: {{ chair: 1, member: 2 }}\n    candidates:\n{}",
            people.concat()
        );
        let village = village_from_yaml(&yaml);
        let mut found = Diagnostics::default();
        check(
            &village,
            &Rules::default(),
            &Calendar::weekends_only(),
            &mut found,
        );
        found.iter().map(|d| d.problem.clone()).collect()
    }

    /// A committee that meets every default rule: a young woman, a full
    /// member as chair.
    fn good_committee() -> Vec<String> {
        vec![
            member("甲", "male", "1970-01", "member", "chair"),
            member("乙", "female", "1995-01", "member", "member"),
            member("丙", "male", "1980-01", "probationary", "member"),
        ]
    }

    #[test]
    fn a_committee_that_meets_the_rules_has_no_problem() {
        assert_eq!(composition(&good_committee()), vec![]);
    }

    #[test]
    fn too_few_women() {
        let mut people = good_committee();
        people[1] = member("乙", "male", "1995-01", "member", "member");
        assert_eq!(
            composition(&people),
            vec![Problem::FewWomen {
                have: 0,
                need: 1,
                among: "candidates"
            }]
        );
    }

    #[test]
    fn too_few_young() {
        let mut people = good_committee();
        people[1] = member("乙", "female", "1960-01", "member", "member");
        assert_eq!(
            composition(&people),
            vec![Problem::FewYoung {
                have: 0,
                need: 1,
                age: 35,
                among: "candidates"
            }]
        );
    }

    #[test]
    fn a_committee_member_outside_the_party() {
        let mut people = good_committee();
        people[2] = member("丙", "male", "1980-01", "none", "member");
        let found = composition(&people);
        assert!(
            matches!(found.as_slice(), [Problem::NotPartyMember(_)]),
            "{found:?}"
        );
    }

    #[test]
    fn a_chair_who_is_only_probationary() {
        let mut people = good_committee();
        people[0] = member("甲", "male", "1970-01", "probationary", "chair");
        let found = composition(&people);
        assert!(
            matches!(
                found.as_slice(),
                [Problem::NotFullMember {
                    party: "probationary",
                    ..
                }]
            ),
            "{found:?}"
        );
    }

    #[test]
    fn the_same_person_with_other_details_in_another_notice() {
        let people = good_committee();
        let yaml = |gender: &str| {
            format!(
                "{HEAD}  - slug: c\n    type: candidates\n    body: committee\n    published: 2021-01-04\n    period: {{ start: 2021-01-04, days: 7 }}\n    seats: {{ chair: 1, member: 2 }}\n    candidates:\n{}  - slug: c2\n    type: candidates\n    body: committee\n    published: 2021-01-05\n    period: {{ start: 2021-01-05, days: 7 }}\n    seats: {{ chair: 1, member: 2 }}\n    candidates:\n{}{}{}",
                people.concat(),
                member("甲", gender, "1970-01", "member", "chair"),
                people[1],
                people[2],
            )
        };
        let run = |yaml: &str| {
            let village = village_from_yaml(yaml);
            let mut found = Diagnostics::default();
            check(
                &village,
                &Rules::default(),
                &Calendar::weekends_only(),
                &mut found,
            );
            found.iter().map(|d| d.problem.clone()).collect::<Vec<_>>()
        };
        assert_eq!(run(&yaml("male")), vec![], "the same details: no problem");
        assert_eq!(
            run(&yaml("female")),
            vec![Problem::PersonMismatch {
                field: "gender",
                here: "female",
                there: "male",
                notice: "c".into(),
            }],
            "the later record is told where the first one is"
        );
    }
}
