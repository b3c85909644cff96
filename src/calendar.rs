//! Working-day calendar and notice periods.
//!
//! Input: holidays as inclusive `(first, last)` date ranges and make-up
//! working days (调休), plus period specs (`start` with an end date, a number
//! of working days or a number of calendar days).
//!
//! Output: whether a day is a working day, the resolved last day of a
//! period, its status as of a date (with the working days left), the dates
//! listed both as holiday and make-up workday, and the years a period touches
//! that the calendar does not cover.
//!
//! Invariants: Saturday and Sunday are days off unless listed as make-up
//! workdays; holidays are days off unless also listed as make-up workdays
//! (a conflict the caller reports; such a day counts as working). Holiday
//! ranges are kept sorted, merged and disjoint, so every lookup is a binary
//! search; counting working days over a span is arithmetic over weeks plus
//! the listed dates inside it, never a walk over every day. No input panics,
//! loops for long or overflows past jiff's date range (years -9999..=9999):
//! such cases give `PeriodError::OutOfRange`.

use std::collections::BTreeSet;

use jiff::civil::{Date, Weekday};
use jiff::Span;

/// How a period's length is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Length {
    /// The last day, inclusive.
    End(Date),
    /// N working days, counted from the first working day on or after start.
    WorkingDays(u32),
    /// N calendar days, start being the first.
    Days(u32),
}

/// A period as written: a first day and a length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PeriodSpec {
    /// First day as written (may be a day off).
    pub start: Date,
    /// How long the period lasts.
    pub length: Length,
}

/// Why a period cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodError {
    /// The end date given is before the start.
    EndBeforeStart,
    /// A count of zero days or working days.
    ZeroLength,
    /// The last day would fall past the supported date range.
    OutOfRange,
}

/// A resolved period: first and last day (start as written even if a day off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Period {
    /// First day as written.
    pub start: Date,
    /// Last day, inclusive.
    pub last: Date,
}

/// Status of a period as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Status {
    /// Before the first day.
    Upcoming,
    /// From the first through the last day; working days from today through
    /// the last day, both included (0 when those are all days off).
    Open {
        /// Working days left, today included.
        working_days_left: u32,
    },
    /// After the last day.
    Closed,
}

/// Holidays, make-up workdays and the years they touch.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    /// Sorted, disjoint, non-adjacent inclusive ranges.
    holidays: Vec<(Date, Date)>,
    workdays: BTreeSet<Date>,
    years: BTreeSet<i16>,
}

/// Days from `a` to `b` (negative if `b < a`).
fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// `d` plus `n` days, or `None` outside jiff's range.
fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_days(n).ok()?).ok()
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Monday..Friday in `[a, b]`; `a <= b`.
fn weekdays_between(a: Date, b: Date) -> i64 {
    let n = days_between(a, b) + 1;
    let off = i64::from(a.weekday().to_monday_zero_offset());
    let rest = (0..n % 7).filter(|i| (off + i) % 7 < 5).count() as i64;
    n / 7 * 5 + rest
}

impl Calendar {
    /// Only weekends are days off; covers no year.
    pub fn weekends_only() -> Calendar {
        Calendar::default()
    }

    /// holidays: inclusive (first, last) ranges (a range with last < first is
    /// ignored here: the caller reports it); workdays: make-up working days.
    pub fn new(holidays: &[(Date, Date)], workdays: &[Date]) -> Calendar {
        let mut ranges: Vec<(Date, Date)> =
            holidays.iter().copied().filter(|(f, l)| f <= l).collect();
        ranges.sort_unstable();
        let mut merged: Vec<(Date, Date)> = Vec::with_capacity(ranges.len());
        for (f, l) in ranges {
            match merged.last_mut() {
                Some(prev) if days_between(prev.1, f) <= 1 => prev.1 = prev.1.max(l),
                _ => merged.push((f, l)),
            }
        }
        let mut years: BTreeSet<i16> = merged
            .iter()
            .flat_map(|(f, l)| f.year()..=l.year())
            .collect();
        years.extend(workdays.iter().map(|d| d.year()));
        Calendar {
            holidays: merged,
            workdays: workdays.iter().copied().collect(),
            years,
        }
    }

    /// Dates listed both as a holiday and as a make-up workday, ascending.
    pub fn conflicts(&self) -> Vec<Date> {
        self.workdays
            .iter()
            .copied()
            .filter(|&d| self.is_holiday(d))
            .collect()
    }

    /// Whether `day` is a working day: a make-up workday, or a weekday that is
    /// not a holiday. O(log n).
    pub fn is_working_day(&self, day: Date) -> bool {
        self.workdays.contains(&day) || !(is_weekend(day) || self.is_holiday(day))
    }

    /// Whether `day` falls in a listed holiday range (even if also a make-up
    /// workday). O(log n).
    pub fn is_holiday(&self, day: Date) -> bool {
        let i = self.holidays.partition_point(|&(f, _)| f <= day);
        i > 0 && self.holidays[i - 1].1 >= day
    }

    /// Whether the calendar lists a holiday or workday in this year.
    pub fn covers_year(&self, year: i16) -> bool {
        self.years.contains(&year)
    }

    /// Years from start.year() to last.year() (inclusive) that the calendar
    /// does not cover, ascending.
    pub fn uncovered_years(&self, period: Period) -> Vec<i16> {
        (period.start.year()..=period.last.year())
            .filter(|&y| !self.covers_year(y))
            .collect()
    }

    /// Resolve a spec to its last day.
    pub fn resolve(&self, spec: PeriodSpec) -> Result<Period, PeriodError> {
        let start = spec.start;
        let last = match spec.length {
            Length::End(e) if e < start => return Err(PeriodError::EndBeforeStart),
            Length::End(e) => e,
            Length::Days(0) | Length::WorkingDays(0) => return Err(PeriodError::ZeroLength),
            Length::Days(n) => add_days(start, i64::from(n) - 1).ok_or(PeriodError::OutOfRange)?,
            Length::WorkingDays(n) => self.nth_working_day(start, n)?,
        };
        Ok(Period { start, last })
    }

    /// The smallest `last` with `n` working days in `[start, last]`: gallop,
    /// then binary search on the day offset (O(log days) counts).
    fn nth_working_day(&self, start: Date, n: u32) -> Result<Date, PeriodError> {
        let max_off = days_between(start, Date::MAX);
        let count =
            |off: i64| add_days(start, off).map_or(0, |d| self.working_days_between(start, d));
        // At most one working day per day, so offsets below n - 1 cannot do.
        let mut lo = i64::from(n) - 1;
        if lo > max_off {
            return Err(PeriodError::OutOfRange);
        }
        let (mut hi, mut step) = (lo, lo.max(7));
        while count(hi) < n {
            if hi == max_off {
                return Err(PeriodError::OutOfRange);
            }
            lo = hi + 1;
            hi = (hi + step).min(max_off);
            step = step.saturating_mul(2);
        }
        // count(lo - 1) < n <= count(hi)
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if count(mid) >= n {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        add_days(start, hi).ok_or(PeriodError::OutOfRange)
    }

    /// Working days in [from, to], both included (0 if to < from). Computed
    /// from whole weeks plus the listed dates in the span, never day by day.
    pub fn working_days_between(&self, from: Date, to: Date) -> u32 {
        if to < from {
            return 0;
        }
        let in_span = |a: Date, b: Date| self.workdays.range(a..=b).copied();
        let mut n = weekdays_between(from, to);
        // Weekdays lost to holidays, unless also listed as make-up workdays.
        let i = self.holidays.partition_point(|&(_, l)| l < from);
        for &(f, l) in self.holidays[i..].iter().take_while(|&&(f, _)| f <= to) {
            let (a, b) = (f.max(from), l.min(to));
            n -= weekdays_between(a, b) - in_span(a, b).filter(|&d| !is_weekend(d)).count() as i64;
        }
        // Weekends gained by make-up workdays.
        n += in_span(from, to).filter(|&d| is_weekend(d)).count() as i64;
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// Status as of `today`.
    pub fn status(&self, period: Period, today: Date) -> Status {
        if today < period.start {
            Status::Upcoming
        } else if today > period.last {
            Status::Closed
        } else {
            Status::Open {
                working_days_left: self.working_days_between(today, period.last),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;
    use Length::{Days, End, WorkingDays as Wd};
    use PeriodError::*;

    fn cal2021() -> Calendar {
        let holidays = [
            (d(2021, 1, 1), d(2021, 1, 3)),
            (d(2021, 2, 11), d(2021, 2, 17)),
        ];
        Calendar::new(&holidays, &[d(2021, 2, 7), d(2021, 2, 20)])
    }

    fn last(cal: &Calendar, start: Date, length: Length) -> Result<Date, PeriodError> {
        cal.resolve(PeriodSpec { start, length }).map(|p| p.last)
    }

    fn open(working_days_left: u32) -> Status {
        Status::Open { working_days_left }
    }

    #[test]
    fn weekdays_of_the_test_data() {
        assert_eq!(d(2020, 12, 30).weekday(), Weekday::Wednesday);
        assert_eq!(d(2021, 2, 7).weekday(), Weekday::Sunday);
        assert_eq!(d(2021, 2, 20).weekday(), Weekday::Saturday);
        assert_eq!(d(2021, 3, 6).weekday(), Weekday::Saturday);
    }

    #[test]
    fn working_day_lookup() {
        let c = cal2021();
        assert!(!c.is_working_day(d(2021, 1, 1))); // Friday holiday
        assert!(c.is_working_day(d(2021, 1, 4)));
        assert!(c.is_working_day(d(2021, 2, 7))); // make-up Sunday
        assert!(!c.is_working_day(d(2021, 2, 14)));
        assert!(!c.is_working_day(d(2021, 2, 21))); // plain Sunday
        assert!(c.is_holiday(d(2021, 2, 17)) && !c.is_holiday(d(2021, 2, 18)));
    }

    #[test]
    fn resolve_cases() {
        let c = cal2021();
        let cases = [
            // Dec 30, Dec 31, (Jan 1-3 off), Jan 4, 5, 6.
            (d(2020, 12, 30), Wd(5), Ok(d(2021, 1, 6))),
            // Starts on a holiday: Feb 18 Thu, 19 Fri, 20 make-up Saturday.
            (d(2021, 2, 12), Wd(3), Ok(d(2021, 2, 20))),
            // Sat Feb 6 off, Sun Feb 7 make-up, Mon Feb 8.
            (d(2021, 2, 6), Wd(2), Ok(d(2021, 2, 8))),
            // Starts on a plain weekend.
            (d(2021, 3, 6), Wd(1), Ok(d(2021, 3, 8))),
            (d(2021, 3, 6), Wd(6), Ok(d(2021, 3, 15))),
            // Days may end on a day off.
            (d(2021, 3, 1), Days(6), Ok(d(2021, 3, 6))),
            (d(2021, 3, 1), Days(1), Ok(d(2021, 3, 1))),
            (d(2021, 3, 1), End(d(2021, 3, 1)), Ok(d(2021, 3, 1))),
            (d(2021, 3, 2), End(d(2021, 3, 1)), Err(EndBeforeStart)),
            (d(2021, 3, 1), Days(0), Err(ZeroLength)),
            (d(2021, 3, 1), Wd(0), Err(ZeroLength)),
        ];
        for (start, length, want) in cases {
            assert_eq!(last(&c, start, length), want, "{start} {length:?}");
        }
        let p = c.resolve(PeriodSpec {
            start: d(2021, 2, 12),
            length: Wd(3),
        });
        assert_eq!(p.unwrap().start, d(2021, 2, 12), "start kept as written");
        let plain = Calendar::weekends_only();
        assert_eq!(last(&plain, d(2021, 2, 6), Wd(2)), Ok(d(2021, 2, 9)));
        assert_eq!(last(&plain, d(2020, 12, 30), Wd(5)), Ok(d(2021, 1, 5)));
    }

    #[test]
    fn huge_lengths_are_out_of_range_quickly() {
        let t = std::time::Instant::now();
        let c = cal2021();
        assert_eq!(last(&c, d(2021, 3, 1), Wd(u32::MAX)), Err(OutOfRange));
        assert_eq!(last(&c, d(2021, 3, 1), Days(u32::MAX)), Err(OutOfRange));
        assert_eq!(last(&c, d(9999, 12, 31), Wd(2)), Err(OutOfRange));
        assert_eq!(last(&c, d(9999, 12, 30), Wd(1)), Ok(d(9999, 12, 30)));
        assert_eq!(last(&c, d(9999, 12, 1), Days(31)), Ok(Date::MAX));
        let all = Calendar::new(&[(d(2021, 1, 1), Date::MAX)], &[]);
        assert_eq!(last(&all, d(2021, 3, 1), Wd(1)), Err(OutOfRange));
        // Weekdays from -9999-01-01 to 2020-12-31, and in the whole range (counted by stepping).
        assert_eq!(all.working_days_between(Date::MIN, Date::MAX), 3_135_869);
        let plain = Calendar::weekends_only();
        assert_eq!(plain.working_days_between(Date::MIN, Date::MAX), 5_217_490);
        assert!(t.elapsed().as_millis() < 500, "took {:?}", t.elapsed());
    }

    #[test]
    fn status_boundaries() {
        let c = cal2021();
        let p = c
            .resolve(PeriodSpec {
                start: d(2021, 3, 1),
                length: Days(6),
            })
            .unwrap();
        assert_eq!(c.status(p, d(2021, 2, 28)), Status::Upcoming);
        assert_eq!(c.status(p, d(2021, 3, 1)), open(5));
        assert_eq!(c.status(p, d(2021, 3, 5)), open(1));
        assert_eq!(c.status(p, d(2021, 3, 6)), open(0)); // last day is a Saturday
        assert_eq!(c.status(p, d(2021, 3, 7)), Status::Closed);
        let q = Period {
            start: d(2021, 3, 1),
            last: d(2021, 3, 5),
        };
        assert_eq!(c.status(q, d(2021, 3, 5)), open(1));
    }

    #[test]
    fn counting_and_resolving_match_day_by_day() {
        let holidays = [
            (d(2021, 1, 1), d(2021, 1, 3)),
            (d(2021, 2, 15), d(2021, 2, 22)),
            (d(2021, 2, 11), d(2021, 2, 17)), // overlaps the one above
            (d(2021, 2, 23), d(2021, 2, 24)), // adjacent
        ];
        let workdays = [d(2021, 2, 7), d(2021, 2, 20), d(2021, 2, 16), d(2021, 3, 3)];
        let c = Calendar::new(&holidays, &workdays);
        for a in 0..40 {
            let from = add_days(d(2020, 12, 20), a * 3).unwrap();
            let (mut day, mut n) = (from, 0);
            for _ in 0..90 {
                if c.is_working_day(day) {
                    n += 1;
                    assert_eq!(last(&c, from, Wd(n)), Ok(day), "{from} {n}");
                }
                assert_eq!(c.working_days_between(from, day), n, "{from}..{day}");
                day = day.tomorrow().unwrap();
            }
        }
        assert_eq!(c.working_days_between(d(2021, 2, 1), d(2021, 1, 1)), 0);
    }

    #[test]
    fn years_and_conflicts() {
        let c = cal2021();
        assert!(c.covers_year(2021) && !c.covers_year(2020) && !c.covers_year(2022));
        let p = Period {
            start: d(2021, 12, 20),
            last: d(2023, 1, 5),
        };
        assert_eq!(c.uncovered_years(p), vec![2022, 2023]);
        let p2022 = Period {
            start: d(2022, 3, 1),
            last: d(2022, 3, 6),
        };
        assert_eq!(c.uncovered_years(p2022), vec![2022]);
        let p2021 = Period {
            start: d(2021, 3, 1),
            last: d(2021, 3, 6),
        };
        assert!(c.uncovered_years(p2021).is_empty());
        assert!(c.conflicts().is_empty());

        let holidays = [
            (d(2020, 12, 31), d(2021, 1, 2)),
            (d(2022, 5, 3), d(2022, 5, 1)),
        ];
        let x = Calendar::new(&holidays, &[d(2021, 1, 2), d(2020, 12, 31), d(2021, 1, 9)]);
        assert_eq!(x.conflicts(), vec![d(2020, 12, 31), d(2021, 1, 2)]);
        assert!(x.covers_year(2020) && x.covers_year(2021) && !x.covers_year(2022));
        assert!(x.is_working_day(d(2020, 12, 31)) && !x.is_working_day(d(2021, 1, 1)));
        assert!(!x.is_holiday(d(2022, 5, 2))); // reversed range ignored
    }

    #[test]
    fn weekends_only_calendar() {
        let c = Calendar::weekends_only();
        assert!(c.is_working_day(d(2021, 1, 1)) && !c.is_working_day(d(2021, 1, 2)));
        assert!(!c.covers_year(2021) && c.conflicts().is_empty());
        assert_eq!(c.working_days_between(d(2021, 1, 1), d(2021, 12, 31)), 261);
        let p = Period {
            start: d(2021, 1, 1),
            last: d(2021, 1, 1),
        };
        assert_eq!(c.uncovered_years(p), vec![2021]);
    }
}
