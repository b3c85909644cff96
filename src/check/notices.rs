//! One village's notices: slugs, posts and seats, periods, and the dates and
//! numbers of results.

use std::collections::HashMap;

use crate::calendar::{Calendar, Length, Period, PeriodError};
use crate::chars::wrapping_quotes;
use crate::composition::candidates_for;
use crate::content::codes::{Body, Code, Post};
use crate::content::is_slug;
use crate::content::model::{Notice, NoticeDetail, Seats, Village};
use crate::diagnostics::{At, Diagnostics, NodePath, Problem, Seg};

fn path(notice: &Notice, rest: &[Seg]) -> NodePath {
    let mut p = vec![Seg::Key("notices"), Seg::Index(notice.index)];
    p.extend_from_slice(rest);
    p
}

pub(super) fn check(
    village: &Village,
    calendar: &Calendar,
    has_calendar: bool,
    complete: bool,
    diagnostics: &mut Diagnostics,
) {
    let file = village.file;
    let mut push = |at, problem| diagnostics.push(file, at, problem);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for notice in &village.notices {
        let slug_at = At::value(path(notice, &[Seg::Key("slug")]));
        // A slug in typographic quotes is reported as such (see `texts`).
        if !is_slug(&notice.slug) && wrapping_quotes(&notice.slug).is_none() {
            push(
                slug_at.clone(),
                Problem::BadName {
                    name: notice.slug.clone(),
                    suggestion: crate::content::suggest_slug(&notice.slug),
                    copy: false,
                },
            );
        }
        if seen.insert(notice.slug.as_str(), notice.index).is_some() {
            push(slug_at, Problem::DuplicateSlug(notice.slug.clone()));
        }
        for (i, correction) in notice.corrections.iter().enumerate() {
            if correction.date < notice.published {
                let rest = [Seg::Key("corrections"), Seg::Index(i), Seg::Key("date")];
                push(
                    At::value(path(notice, &rest)),
                    Problem::CorrectionBeforePublished(notice.published.to_string()),
                );
            }
        }
        match &notice.detail {
            NoticeDetail::Candidates {
                period,
                seats,
                candidates,
            } => {
                check_seats(notice, seats, &mut push);
                for (i, person) in candidates.iter().enumerate() {
                    let post_at = At::value(path(
                        notice,
                        &[Seg::Key("candidates"), Seg::Index(i), Seg::Key("post")],
                    ));
                    if !notice.body.has_post(person.post) {
                        push(post_at, post_not_of_body(person.post, notice.body));
                    } else {
                        match seats.get(person.post) {
                            None => push(
                                post_at,
                                Problem::PostWithoutSeats(person.post.as_str().into()),
                            ),
                            Some(0) => push(
                                post_at,
                                Problem::PostWithZeroSeats {
                                    post: person.post.as_str(),
                                    candidates: None,
                                },
                            ),
                            Some(_) => {}
                        }
                    }
                }
                for (post, count) in seats.posts().filter(|(p, _)| notice.body.has_post(*p)) {
                    let have = candidates.iter().filter(|c| c.post == post).count();
                    if (have as u64) < u64::from(count) {
                        push(
                            At::key(path(notice, &[Seg::Key("slug")])),
                            Problem::FewCandidates {
                                post: post.as_str(),
                                have,
                                seats: count,
                            },
                        );
                    }
                }
                let period_at = |key| At::value(path(notice, &[Seg::Key("period"), Seg::Key(key)]));
                match calendar.resolve(*period) {
                    Ok(resolved) => {
                        let years = calendar.uncovered_years(resolved);
                        if has_calendar && !years.is_empty() {
                            let years: Vec<String> = years.iter().map(i16::to_string).collect();
                            push(
                                At::value(path(notice, &[Seg::Key("period")])),
                                Problem::UncoveredYears(years.join(", ")),
                            );
                        }
                    }
                    Err(PeriodError::EndBeforeStart) => {
                        push(period_at("end"), Problem::PeriodEndsBeforeStart)
                    }
                    Err(PeriodError::ZeroLength) => {
                        push(period_at(length_key(period.length)), Problem::PeriodZero)
                    }
                    Err(PeriodError::OutOfRange) => {
                        push(period_at(length_key(period.length)), Problem::PeriodTooLong)
                    }
                }
                if notice.published > period.start {
                    push(
                        At::value(path(notice, &[Seg::Key("published")])),
                        Problem::PublishedAfterStart,
                    );
                }
            }
            NoticeDetail::Results {
                election_day,
                turnout,
                results,
            } => {
                let at = |rest: &[Seg]| At::value(path(notice, rest));
                if notice.published < *election_day {
                    push(
                        at(&[Seg::Key("published")]),
                        Problem::PublishedBeforeElection,
                    );
                }
                if turnout.valid > turnout.cast {
                    push(
                        at(&[Seg::Key("turnout"), Seg::Key("valid")]),
                        Problem::Turnout {
                            field: "valid",
                            value: turnout.valid,
                            limit_field: "cast",
                            limit: turnout.cast,
                        },
                    );
                }
                if turnout.cast > turnout.electorate {
                    push(
                        at(&[Seg::Key("turnout"), Seg::Key("cast")]),
                        Problem::Turnout {
                            field: "cast",
                            value: turnout.cast,
                            limit_field: "electorate",
                            limit: turnout.electorate,
                        },
                    );
                }
                for (i, outcome) in results.iter().enumerate() {
                    let entry = |key| at(&[Seg::Key("results"), Seg::Index(i), Seg::Key(key)]);
                    if outcome.votes > turnout.valid {
                        push(
                            entry("votes"),
                            Problem::VotesOverValid {
                                votes: outcome.votes,
                                valid: turnout.valid,
                            },
                        );
                    }
                    if !notice.body.has_post(outcome.person.post) {
                        push(
                            entry("post"),
                            post_not_of_body(outcome.person.post, notice.body),
                        );
                    }
                }
                if !complete {
                    // Its candidates notice may be one that did not read.
                    continue;
                }
                let Some(candidates) = candidates_for(&village.notices, notice) else {
                    push(
                        At::key(path(notice, &[Seg::Key("slug")])),
                        Problem::ResultsWithoutCandidates,
                    );
                    continue;
                };
                let NoticeDetail::Candidates { period, seats, .. } = &candidates.detail else {
                    continue;
                };
                for (i, outcome) in results.iter().enumerate() {
                    let post = outcome.person.post;
                    if notice.body.has_post(post) && seats.get(post) == Some(0) {
                        push(
                            at(&[Seg::Key("results"), Seg::Index(i), Seg::Key("post")]),
                            Problem::PostWithZeroSeats {
                                post: post.as_str(),
                                candidates: Some(candidates.slug.clone()),
                            },
                        );
                    }
                }
                if let Ok(Period { last, .. }) = calendar.resolve(*period) {
                    for (field, day) in [
                        ("published", notice.published),
                        ("election_day", *election_day),
                    ] {
                        if day <= last {
                            push(
                                at(&[Seg::Key(field)]),
                                Problem::ResultsDuringPeriod {
                                    field,
                                    candidates: candidates.slug.clone(),
                                    last_day: last.to_string(),
                                },
                            );
                        }
                    }
                }
                for post in notice.body.posts().iter().filter_map(|p| post_code(p)) {
                    let elected = results
                        .iter()
                        .filter(|r| r.elected && r.person.post == post)
                        .count();
                    let count = seats.get(post).unwrap_or(0);
                    if elected as u64 > u64::from(count) {
                        push(
                            At::key(path(notice, &[Seg::Key("slug")])),
                            Problem::OverElected {
                                post: post.as_str(),
                                elected,
                                seats: count,
                            },
                        );
                    }
                }
            }
        }
    }
}

/// Seats listed for posts of the other body, or 0 seats for a post.
fn check_seats(notice: &Notice, seats: &Seats, push: &mut impl FnMut(At, Problem)) {
    for (post, count) in seats.posts() {
        let seat = path(notice, &[Seg::Key("seats"), Seg::Key(post.as_str())]);
        if !notice.body.has_post(post) {
            push(At::key(seat), post_not_of_body(post, notice.body));
        } else if count == 0 {
            push(At::value(seat), Problem::ZeroSeats(post.as_str()));
        }
    }
}

fn post_not_of_body(post: Post, body: Body) -> Problem {
    Problem::PostNotOfBody {
        post: post.as_str().into(),
        body: body.as_str(),
        posts: body.posts(),
    }
}

fn post_code(spelling: &str) -> Option<Post> {
    Post::ALL
        .iter()
        .find(|(n, _)| *n == spelling)
        .map(|(_, p)| *p)
}

fn length_key(length: Length) -> &'static str {
    match length {
        Length::End(_) => "end",
        Length::WorkingDays(_) => "working_days",
        Length::Days(_) => "days",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::village_from_yaml;

    const SEATS: &str = r#"name: { bo: "ཀ", zh: "甲村" }
kind: village
notices:
  - slug: c
    type: candidates
    body: committee
    published: 2021-01-04
    period: { start: 2021-01-04, days: 7 }
    seats: { chair: 1, deputy_chair: 0, member: 1 }
    candidates:
      - { name: { bo: "ཀ", zh: "甲" }, gender: female, born: 1990-01, ethnicity: tibetan, education: primary, party: member, post: chair }
      - { name: { bo: "ཁ", zh: "乙" }, gender: male, born: 1980-01, ethnicity: tibetan, education: primary, party: member, post: deputy_chair }
      - { name: { bo: "ག", zh: "丙" }, gender: male, born: 1980-01, ethnicity: tibetan, education: primary, party: member, post: member }
  - slug: r
    type: results
    body: committee
    published: 2021-01-25
    election_day: 2021-01-24
    turnout: { electorate: 9, cast: 9, valid: 9 }
    results:
      - { name: { bo: "ཀ", zh: "甲" }, gender: female, born: 1990-01, ethnicity: tibetan, education: primary, party: member, post: chair, votes: 5, elected: true }
      - { name: { bo: "ཁ", zh: "乙" }, gender: male, born: 1980-01, ethnicity: tibetan, education: primary, party: member, post: deputy_chair, votes: 4, elected: false }
"#;

    /// Every problem of a village's notices, with its place.
    fn problems(yaml: &str) -> Vec<(At, Problem)> {
        let village = village_from_yaml(yaml);
        let mut found = Diagnostics::default();
        check(
            &village,
            &Calendar::weekends_only(),
            false,
            true,
            &mut found,
        );
        found
            .iter()
            .map(|d| (d.at.clone(), d.problem.clone()))
            .collect()
    }

    fn node(notice: usize, rest: &[Seg]) -> NodePath {
        let mut p = vec![Seg::Key("notices"), Seg::Index(notice)];
        p.extend_from_slice(rest);
        p
    }

    #[test]
    fn zero_seats_and_persons_for_them() {
        assert_eq!(
            problems(SEATS),
            vec![
                (
                    At::value(node(0, &[Seg::Key("seats"), Seg::Key("deputy_chair")])),
                    Problem::ZeroSeats("deputy_chair"),
                ),
                (
                    At::value(node(
                        0,
                        &[Seg::Key("candidates"), Seg::Index(1), Seg::Key("post")]
                    )),
                    Problem::PostWithZeroSeats {
                        post: "deputy_chair",
                        candidates: None,
                    },
                ),
                (
                    At::value(node(
                        1,
                        &[Seg::Key("results"), Seg::Index(1), Seg::Key("post")]
                    )),
                    Problem::PostWithZeroSeats {
                        post: "deputy_chair",
                        candidates: Some("c".into()),
                    },
                ),
            ]
        );
        let one = SEATS.replace("deputy_chair: 0", "deputy_chair: 1");
        assert_eq!(problems(&one), vec![], "1 seat is fine");
    }

    /// A village whose notices break no rule: a committee's candidates
    /// (period 2021-01-04 to 01-10) and its results two weeks later.
    const CLEAN: &str = r#"name: { bo: "ཀ", zh: "甲村" }
kind: village
notices:
  - slug: cands
    type: candidates
    body: committee
    published: 2021-01-04
    period: { start: 2021-01-04, days: 7 }
    seats: { chair: 1, member: 1 }
    candidates:
      - { name: { bo: "ཀ", zh: "甲" }, gender: female, born: 1990-01, ethnicity: tibetan, education: primary, party: member, post: chair }
      - { name: { bo: "ཁ", zh: "乙" }, gender: male, born: 1980-01, ethnicity: tibetan, education: primary, party: member, post: member }
  - slug: res
    type: results
    body: committee
    published: 2021-01-25
    election_day: 2021-01-24
    turnout: { electorate: 9, cast: 8, valid: 7 }
    results:
      - { name: { bo: "ཀ", zh: "甲" }, gender: female, born: 1990-01, ethnicity: tibetan, education: primary, party: member, post: chair, votes: 6, elected: true }
      - { name: { bo: "ཁ", zh: "乙" }, gender: male, born: 1980-01, ethnicity: tibetan, education: primary, party: member, post: member, votes: 5, elected: true }
"#;

    /// A test that the clean village passes the rule and that `CLEAN` with
    /// its first `from` replaced by `to` breaks it.
    macro_rules! rule {
        ($name:ident, $from:expr, $to:expr, $problem:pat) => {
            #[test]
            fn $name() {
                assert!(
                    !problems(CLEAN).iter().any(|(_, p)| matches!(p, $problem)),
                    "the clean village passes"
                );
                assert!(CLEAN.contains($from), "CLEAN has {}", $from);
                let found = problems(&CLEAN.replacen($from, $to, 1));
                assert!(
                    found.iter().any(|(_, p)| matches!(p, $problem)),
                    "{found:?}"
                );
            }
        };
    }

    #[test]
    fn the_clean_village_has_no_problem() {
        assert_eq!(problems(CLEAN), vec![]);
    }

    rule!(
        a_slug_that_is_no_slug,
        "slug: cands",
        "slug: Cands_1",
        Problem::BadName { .. }
    );
    rule!(
        a_correction_dated_before_its_notice_was_published,
        "    period: { start: 2021-01-04, days: 7 }\n",
        "    period: { start: 2021-01-04, days: 7 }\n    corrections: [{ date: 2021-01-03, note: { bo: \"ཀ\", zh: \"甲\" } }]\n",
        Problem::CorrectionBeforePublished(_)
    );
    rule!(
        two_notices_with_one_slug,
        "slug: res",
        "slug: cands",
        Problem::DuplicateSlug(_)
    );
    rule!(
        a_candidate_for_a_post_of_the_other_body,
        "post: member }",
        "post: secretary }",
        Problem::PostNotOfBody { .. }
    );
    rule!(
        seats_for_a_post_of_the_other_body,
        "seats: { chair: 1, member: 1 }",
        "seats: { chair: 1, member: 1, secretary: 1 }",
        Problem::PostNotOfBody { .. }
    );
    rule!(
        a_candidate_for_a_post_without_seats,
        "post: member }",
        "post: deputy_chair }",
        Problem::PostWithoutSeats(_)
    );
    rule!(
        fewer_candidates_than_seats,
        "seats: { chair: 1, member: 1 }",
        "seats: { chair: 1, member: 2 }",
        Problem::FewCandidates {
            post: "member",
            have: 1,
            seats: 2
        }
    );
    rule!(
        a_period_that_ends_before_it_starts,
        "period: { start: 2021-01-04, days: 7 }",
        "period: { start: 2021-01-04, end: 2021-01-01 }",
        Problem::PeriodEndsBeforeStart
    );
    /// The problems of `CLEAN` with its candidates' period lasting `length`
    /// (loading refuses lengths that cannot be: the model is made directly).
    fn with_length(length: Length) -> Vec<Problem> {
        let mut village = village_from_yaml(CLEAN);
        let NoticeDetail::Candidates { period, .. } = &mut village.notices[0].detail else {
            panic!("the first notice is of candidates");
        };
        period.length = length;
        let mut found = Diagnostics::default();
        check(
            &village,
            &Calendar::weekends_only(),
            false,
            true,
            &mut found,
        );
        found.iter().map(|d| d.problem.clone()).collect()
    }

    #[test]
    fn a_period_of_no_days() {
        assert!(!with_length(Length::Days(1)).contains(&Problem::PeriodZero));
        let found = with_length(Length::Days(0));
        assert!(found.contains(&Problem::PeriodZero), "{found:?}");
        let found = with_length(Length::WorkingDays(0));
        assert!(found.contains(&Problem::PeriodZero), "{found:?}");
    }

    #[test]
    fn a_period_past_the_calendar() {
        assert!(!with_length(Length::Days(7)).contains(&Problem::PeriodTooLong));
        let found = with_length(Length::Days(u32::MAX));
        assert!(found.contains(&Problem::PeriodTooLong), "{found:?}");
    }

    rule!(
        candidates_published_after_their_period_starts,
        "published: 2021-01-04",
        "published: 2021-01-05",
        Problem::PublishedAfterStart
    );
    rule!(
        results_published_before_the_election,
        "published: 2021-01-25",
        "published: 2021-01-23",
        Problem::PublishedBeforeElection
    );
    rule!(
        more_valid_ballots_than_cast,
        "valid: 7",
        "valid: 9",
        Problem::Turnout { field: "valid", .. }
    );
    rule!(
        more_ballots_cast_than_voters,
        "electorate: 9",
        "electorate: 7",
        Problem::Turnout { field: "cast", .. }
    );
    rule!(
        more_votes_than_valid_ballots,
        "votes: 6",
        "votes: 8",
        Problem::VotesOverValid { votes: 8, valid: 7 }
    );
    rule!(
        a_result_for_a_post_of_the_other_body,
        "post: member, votes",
        "post: secretary, votes",
        Problem::PostNotOfBody { .. }
    );
    rule!(
        results_without_candidates,
        "type: results\n    body: committee",
        "type: results\n    body: party_branch",
        Problem::ResultsWithoutCandidates
    );
    rule!(
        an_election_during_the_candidates_period,
        "election_day: 2021-01-24",
        "election_day: 2021-01-08",
        Problem::ResultsDuringPeriod {
            field: "election_day",
            ..
        }
    );
    rule!(
        more_elected_than_seats,
        "post: member, votes: 5",
        "post: chair, votes: 5",
        Problem::OverElected {
            post: "chair",
            elected: 2,
            seats: 1
        }
    );

    #[test]
    fn a_period_in_a_year_the_calendar_does_not_cover() {
        let village = village_from_yaml(CLEAN);
        let run = |calendar: &Calendar, has_calendar: bool| {
            let mut found = Diagnostics::default();
            check(&village, calendar, has_calendar, true, &mut found);
            found.iter().map(|d| d.problem.clone()).collect::<Vec<_>>()
        };
        let d = |m, day| jiff::civil::date(2021, m, day);
        let covering = Calendar::new(&[(d(1, 1), d(1, 3))], &[]);
        assert_eq!(run(&covering, true), vec![], "2021 is in the calendar");
        assert_eq!(
            run(&Calendar::weekends_only(), false),
            vec![],
            "no calendar at all is reported once, elsewhere"
        );
        assert_eq!(
            run(&Calendar::weekends_only(), true),
            vec![Problem::UncoveredYears("2021".into())]
        );
    }
}
