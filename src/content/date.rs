//! Dates as content writes them: `2021-01-10`, and births as `1990-03` or
//! `1990-03-12`.
//!
//! Only ISO dates are accepted. The usual slips (`2021/1/10`, `2021-1-10`,
//! `2021年1月10日`) are recognised so the error can say how to write them,
//! and impossible days (`2021-02-30`) say why.

use crate::messages::say;
use std::fmt;

use jiff::civil::Date;
use serde::de::{Deserialize, Deserializer};

use super::scalar::deserialize_with;

/// A calendar date read from content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub Date);

/// A birth: year and month, and the day where given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Born {
    /// Year.
    pub year: i16,
    /// Month, 1–12.
    pub month: i8,
    /// Day of the month, if written.
    pub day: Option<i8>,
}

impl Born {
    /// The first day it can mean: the given day, or the 1st of the month.
    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, self.day.unwrap_or(1)).expect("validated when read")
    }

    /// The last day it can mean: the given day, or the month's last.
    pub fn last_day(self) -> Date {
        let first = self.first_day();
        match self.day {
            Some(_) => first,
            None => first.last_of_month(),
        }
    }

    /// As written: `1990-03` or `1990-03-12` (for diagnostics; pages show
    /// year and month only).
    pub fn as_written(self) -> String {
        match self.day {
            Some(day) => format!("{self}-{day:02}"),
            None => self.to_string(),
        }
    }

    /// Whether two births agree to the precision both give
    /// (`1981-05` matches `1981-05-12`).
    pub fn agrees_with(self, other: Born) -> bool {
        self.year == other.year
            && self.month == other.month
            && match (self.day, other.day) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }

    /// Age in completed years (周岁) on `day`, a birth given as a month
    /// counted as its 1st (as the contract says): the oldest the person
    /// can be.
    pub fn age_on(self, day: Date) -> i32 {
        completed_years(self.first_day(), day)
    }

    /// Age in completed years on `day`, a birth given as a month counted
    /// as its last day: the youngest the person can be.
    pub fn least_age_on(self, day: Date) -> i32 {
        completed_years(self.last_day(), day)
    }
}

/// Completed years from `birth` to `day` (negative before the birth).
fn completed_years(birth: Date, day: Date) -> i32 {
    let mut age = i32::from(day.year()) - i32::from(birth.year());
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

impl fmt::Display for Born {
    /// Year and month only: pages never show the day.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Parses `YYYY-MM-DD`; the error text is the marker message.
pub(crate) fn parse_day(text: &str) -> Result<Date, String> {
    match digits_groups(text, '-') {
        Some([y, m, d]) if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            make_date(text, y, m, d, false)
        }
        _ => Err(bad(text, None, lenient(text).map(|d| d.to_string()), false)),
    }
}

/// Parses `YYYY-MM` or `YYYY-MM-DD`.
pub(crate) fn parse_born(text: &str) -> Result<Born, String> {
    match digits_groups(text, '-') {
        Some([y, m, d]) if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            let date = make_date(text, y, m, d, true)?;
            Ok(Born {
                year: date.year(),
                month: date.month(),
                day: Some(date.day()),
            })
        }
        _ => match text.split_once('-') {
            Some((y, m)) if y.len() == 4 && m.len() == 2 && all_digits(y) && all_digits(m) => {
                let year = check_year(text, y, true)?;
                let month: i8 = m.parse().unwrap_or(0);
                if !(1..=12).contains(&month) {
                    return Err(bad(
                        text,
                        Some(say!("date.no_month", month = month)),
                        None,
                        true,
                    ));
                }
                Ok(Born {
                    year,
                    month,
                    day: None,
                })
            }
            _ => Err(bad(text, None, lenient(text).map(|d| d.to_string()), true)),
        },
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn digits_groups(text: &str, sep: char) -> Option<[&str; 3]> {
    let mut parts = text.split(sep);
    let groups = [parts.next()?, parts.next()?, parts.next()?];
    (parts.next().is_none() && groups.iter().all(|g| all_digits(g))).then_some(groups)
}

/// The years a date may name: all that four digits write but 0000, which
/// the proleptic calendar has and no clerk means. How old a birth or how
/// far off a date may plausibly be is for the checks to say.
pub(crate) const YEARS: std::ops::RangeInclusive<i16> = 1..=9999;

/// The year of four digits `y`, or the error that it is out of [`YEARS`].
fn check_year(text: &str, y: &str, month_allowed: bool) -> Result<i16, String> {
    match y.parse() {
        Ok(year) if YEARS.contains(&year) => Ok(year),
        _ => {
            let why = say!(
                "date.year_out_of_range",
                year = y,
                first = format!("{:04}", YEARS.start()),
                last = YEARS.end()
            );
            Err(bad(text, Some(why), None, month_allowed))
        }
    }
}

fn make_date(text: &str, y: &str, m: &str, d: &str, month_allowed: bool) -> Result<Date, String> {
    let year = check_year(text, y, month_allowed)?;
    let (month, day): (i8, i8) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
    if !(1..=12).contains(&month) {
        return Err(bad(
            text,
            Some(say!("date.no_month", month = month)),
            None,
            month_allowed,
        ));
    }
    Date::new(year, month, day).map_err(|_| {
        let days = Date::new(year, month, 1).map_or(0, |first| first.days_in_month());
        let why = say!(
            "date.days_in_month",
            month_name = crate::messages::text(&format!("date.month.{month}")),
            year = year,
            days = days
        );
        bad(text, Some(why), None, month_allowed)
    })
}

/// The date a slip most likely meant: `2021/1/10`, `2021.1.10`, `2021-1-10`,
/// `2021年1月10日`.
fn lenient(text: &str) -> Option<Date> {
    let cleaned: String = text
        .trim()
        .trim_end_matches('日')
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' | '－' | '／' => '-',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    let [y, m, d] = digits_groups(&cleaned, '-')?;
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

fn bad(
    text: &str,
    impossible: Option<String>,
    suggestion: Option<String>,
    month_allowed: bool,
) -> String {
    super::encoded::encode(&super::encoded::Encoded::BadDate {
        text: text.to_owned(),
        impossible,
        suggestion,
        month_allowed,
    })
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_with(d, |text| parse_day(text).map(Day))
    }
}

impl<'de> Deserialize<'de> for Born {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_with(d, parse_born)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn reads_iso_dates_and_explains_the_rest() {
        assert_eq!(parse_day("2021-01-10"), Ok(date(2021, 1, 10)));
        let err = parse_day("2021-02-30").unwrap_err();
        assert!(err.contains("February 2021 has 28 days"), "{err}");
        for slip in ["2021/1/10", "2021-1-10", "2021年1月10日", "2021.01.10"] {
            let err = parse_day(slip).unwrap_err();
            assert!(err.contains("2021-01-10"), "{slip}: {err}");
        }
        assert!(parse_day("2021-13-01").unwrap_err().contains("no month 13"));
        assert!(parse_day("").is_err());
        for zero in ["0000-01-31", "0000-02-30", "0000-13-01"] {
            let err = parse_day(zero).unwrap_err();
            assert!(
                err.contains("the year 0000 is out of range (years run from 0001 to 9999)"),
                "{zero}: {err}"
            );
            assert!(!err.contains("has 31 days"), "{zero}: {err}");
        }
        assert_eq!(parse_day("0001-01-01"), Ok(date(1, 1, 1)));
        assert_eq!(parse_day("9999-12-31"), Ok(date(9999, 12, 31)));
    }

    #[test]
    fn a_month_gives_the_oldest_and_the_youngest_age() {
        let month = parse_born("2003-01").unwrap();
        assert_eq!(month.first_day(), date(2003, 1, 1));
        assert_eq!(month.last_day(), date(2003, 1, 31));
        assert_eq!(month.as_written(), "2003-01");
        assert_eq!(month.age_on(date(2021, 1, 10)), 18);
        assert_eq!(month.least_age_on(date(2021, 1, 10)), 17);
        assert_eq!(month.least_age_on(date(2021, 1, 31)), 18);
        let day = parse_born("2003-02-28").unwrap();
        assert_eq!(day.as_written(), "2003-02-28");
        assert_eq!(day.last_day(), day.first_day());
        assert_eq!(day.age_on(date(2021, 2, 27)), 17);
        assert_eq!(day.least_age_on(date(2021, 2, 28)), 18);
        assert_eq!(day.age_on(date(2003, 2, 27)), -1, "not yet born");
    }

    #[test]
    fn births_keep_their_precision() {
        let month = parse_born("1981-05").unwrap();
        let day = parse_born("1981-05-12").unwrap();
        assert!(month.agrees_with(day) && day.agrees_with(month));
        assert!(!day.agrees_with(parse_born("1981-05-13").unwrap()));
        assert_eq!(month.to_string(), "1981-05");
        assert_eq!(day.to_string(), "1981-05");
        assert!(parse_born("1981-5").is_err());
        for zero in ["0000-03", "0000-03-12"] {
            let err = parse_born(zero).unwrap_err();
            assert!(
                err.contains("the year 0000 is out of range"),
                "{zero}: {err}"
            );
        }
    }

    #[test]
    fn age_is_in_completed_years() {
        let born = parse_born("1986-01-24").unwrap();
        assert_eq!(born.age_on(date(2021, 1, 24)), 35);
        assert_eq!(born.age_on(date(2021, 1, 23)), 34);
        assert_eq!(born.age_on(date(2022, 1, 24)), 36);
        let month_only = parse_born("1986-01").unwrap();
        assert_eq!(month_only.age_on(date(2021, 1, 1)), 35);
    }
}
