//! `site.yaml` and `calendar.yaml`.

use super::script::wrapping_quotes;
use crate::calendar::Calendar;
use crate::content::codes::Language;
use crate::content::Corpus;
use crate::diagnostics::{At, Diagnostics, Problem, Seg};

pub(super) fn check(corpus: &Corpus, calendar: &Calendar, diagnostics: &mut Diagnostics) {
    if let (Some(site), Some(file)) = (&corpus.site, corpus.site_file) {
        let mut languages = site.languages.clone();
        languages.sort();
        if languages != [Language::Bo, Language::Zh] {
            diagnostics.push(
                file,
                At::value(vec![Seg::Key("languages")]),
                Problem::BadLanguages,
            );
        }
        // A value in typographic quotes is reported as such (see `texts`).
        let quoted = |value: &str| wrapping_quotes(value).is_some();
        if jiff::tz::TimeZone::get(&site.timezone).is_err() && !quoted(&site.timezone) {
            diagnostics.push(
                file,
                At::value(vec![Seg::Key("timezone")]),
                Problem::UnknownTimezone(site.timezone.clone()),
            );
        }
        if !is_web_address(&site.base_url) && !quoted(&site.base_url) {
            diagnostics.push(
                file,
                At::value(vec![Seg::Key("base_url")]),
                Problem::BadBaseUrl(site.base_url.clone()),
            );
        }
        if !young_age_ok(site.rules.young_age) {
            diagnostics.push(
                file,
                At::value(vec![Seg::Key("rules"), Seg::Key("young_age")]),
                Problem::BadRule("`young_age` is an age from 18 to 100"),
            );
        }
    }
    if let Some((file, cal)) = &corpus.calendar {
        for (i, holiday) in cal.holidays.iter().enumerate() {
            if holiday.end < holiday.start {
                let path = vec![Seg::Key("holidays"), Seg::Index(i), Seg::Key("end")];
                diagnostics.push(*file, At::value(path), Problem::HolidayEndsBeforeStart);
            }
        }
        let conflicts = calendar.conflicts();
        for (i, day) in cal.workdays.iter().enumerate() {
            if conflicts.contains(&day.0) {
                let path = vec![Seg::Key("workdays"), Seg::Index(i)];
                diagnostics.push(
                    *file,
                    At::value(path),
                    Problem::HolidayAndWorkday(day.to_string()),
                );
            }
        }
    }
}

/// Whether `rules.young_age` is a plausible age.
pub(super) fn young_age_ok(age: u32) -> bool {
    (18..=100).contains(&age)
}

/// An absolute `http://` or `https://` address with a host.
fn is_web_address(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split('/').next().unwrap_or("");
        !host.is_empty() && !r.chars().any(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn web_addresses() {
        assert!(super::is_web_address("https://example.org/"));
        assert!(super::is_web_address("http://10.0.0.1/notices/"));
        assert!(!super::is_web_address("example.org"));
        assert!(!super::is_web_address("https:///x"));
        assert!(!super::is_web_address("ftp://example.org/"));
    }
}
