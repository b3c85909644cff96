//! `site.yaml` and `calendar.yaml`, and the contact phones of villages.

use crate::calendar::Calendar;
use crate::chars::wrapping_quotes;
use crate::content::codes::Language;
use crate::content::model::{Contact, Village};
use crate::content::{is_slug, Corpus};
use crate::diagnostics::problem::PhoneSlip;
use crate::diagnostics::{At, Diagnostics, FileId, Problem, Seg};

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
        if let Some(problem) = base_url_problem(&site.base_url).filter(|_| !quoted(&site.base_url))
        {
            diagnostics.push(file, At::value(vec![Seg::Key("base_url")]), problem);
        }
        // A folder name, never a path: the theme loader refuses the rest too.
        if !is_slug(&site.theme) {
            diagnostics.push(
                file,
                At::value(vec![Seg::Key("theme")]),
                Problem::BadTheme(site.theme.clone()),
            );
        }
        check_contact(file, site.contact.as_ref(), diagnostics);
        if !young_age_ok(site.rules.young_age) {
            diagnostics.push(
                file,
                At::value(vec![Seg::Key("rules"), Seg::Key("young_age")]),
                Problem::BadRule("rule.young_age"),
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

/// The contact phone of a village.
pub(super) fn check_village(village: &Village, diagnostics: &mut Diagnostics) {
    check_contact(village.file, village.contact.as_ref(), diagnostics);
}

fn check_contact(file: FileId, contact: Option<&Contact>, diagnostics: &mut Diagnostics) {
    let Some(contact) = contact else {
        return;
    };
    if !is_phone(&contact.phone) {
        diagnostics.push(
            file,
            At::value(vec![Seg::Key("contact"), Seg::Key("phone")]),
            Problem::BadPhone {
                phone: contact.phone.clone(),
                slip: phone_slip(&contact.phone),
            },
        );
    }
}

/// A phone number: 7 to 15 ASCII digits, with spaces, hyphens and
/// parentheses, and a `+` only in front (`+86 897 282 2222`).
fn is_phone(text: &str) -> bool {
    let body = text.trim_start().strip_prefix('+').unwrap_or(text);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
}

/// What a value that is not a phone number probably is: one typed in
/// full-width or Tibetan digits (or full-width `＋－（）` and spaces), or a
/// national ID number.
fn phone_slip(text: &str) -> Option<PhoneSlip> {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{0F20}'..='\u{0F29}' => char::from_u32(u32::from(c) - 0x0F20 + 0x30).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    if ascii != text && is_phone(&ascii) {
        return Some(PhoneSlip::NotAscii);
    }
    super::privacy::find_personal_numbers(text)
        .iter()
        .any(|f| f.kind == crate::diagnostics::problem::NumberKind::NationalId)
        .then_some(PhoneSlip::NationalId)
}

/// Whether `rules.young_age` is a plausible age.
pub(super) fn young_age_ok(age: u32) -> bool {
    (18..=100).contains(&age)
}

/// What is wrong with a `base_url`, if anything. It must be an absolute
/// `http://` or `https://` address with a host, ending in `/` (page paths
/// are added after it), with no query or fragment, and with nothing that
/// would break out of an HTML attribute or a printed URL: white space,
/// quotes (typographic ones too), `<`, `>`, a backslash, control or
/// invisible characters. The first such character is named, since a value
/// pasted with its quotes (`“https://…/”`) is the usual slip.
fn base_url_problem(url: &str) -> Option<Problem> {
    if let Some(found) = url.chars().find(|&c| forbidden_in_url(c)) {
        return Some(Problem::BaseUrlChar {
            url: url.to_owned(),
            found,
        });
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    if host.is_none_or(str::is_empty) {
        return Some(Problem::BadBaseUrl(url.to_owned()));
    }
    if url.contains(['?', '#']) {
        return Some(Problem::BaseUrlQuery(url.to_owned()));
    }
    if !url.ends_with('/') {
        return Some(Problem::BaseUrlSlash(url.to_owned()));
    }
    None
}

fn forbidden_in_url(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || crate::chars::is_format(c)
        || matches!(
            c,
            '"' | '\''
                | '`'
                | '<'
                | '>'
                | '\\'
                | '‘'
                | '’'
                | '‚'
                | '‛'
                | '“'
                | '”'
                | '„'
                | '‟'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '「'
                | '」'
                | '『'
                | '』'
                | '＂'
                | '＇'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses() {
        for good in [
            "https://example.org/",
            "http://10.0.0.1/notices/",
            "https://example.org:8443/ngari/",
            "https://example.org/%E9%98%BF%E9%87%8C/",
        ] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        let not_absolute = |url: &str| Some(Problem::BadBaseUrl(url.into()));
        for bad in [
            "example.org/",
            "https:///x/",
            "ftp://example.org/",
            "//example.org/",
            "",
        ] {
            assert_eq!(base_url_problem(bad), not_absolute(bad), "{bad}");
        }
        assert_eq!(
            base_url_problem("https://example.org"),
            Some(Problem::BaseUrlSlash("https://example.org".into()))
        );
        assert_eq!(
            base_url_problem("https://example.org/notices"),
            Some(Problem::BaseUrlSlash("https://example.org/notices".into()))
        );
        for bad in ["https://example.org/?lang=zh/", "https://example.org/#/"] {
            assert_eq!(
                base_url_problem(bad),
                Some(Problem::BaseUrlQuery(bad.into())),
                "{bad}"
            );
        }
        for (url, found) in [
            ("https://example.org/ngari notices/", ' '),
            ("https://example.org/\u{3000}", '\u{3000}'),
            ("“https://example.org/”", '“'),
            ("'https://example.org/'", '\''),
            ("https://example.org/\"onload=\"x/", '"'),
            ("https://example.org/<script>/", '<'),
            ("https://example.org/a>/", '>'),
            ("https:\\\\example.org\\", '\\'),
            ("https://example.org/\u{1b}[31m/", '\u{1b}'),
            ("https://example.org/\u{200B}/", '\u{200B}'),
        ] {
            assert_eq!(
                base_url_problem(url),
                Some(Problem::BaseUrlChar {
                    url: url.into(),
                    found
                }),
                "{url:?}"
            );
        }
    }

    #[test]
    fn base_url_messages_name_what_is_wrong() {
        let message = |url: &str| base_url_problem(url).unwrap().to_string();
        assert_eq!(
            message("https://example.org"),
            "`https://example.org` does not end in `/`"
        );
        assert_eq!(
            message("“https://example.org/”"),
            "`“https://example.org/”` holds `“`, which an address may not hold"
        );
        assert_eq!(
            message("https://example.org/a b/"),
            "`https://example.org/a b/` holds a space, which an address may not hold"
        );
        assert_eq!(
            message("https://example.org/\u{1b}/"),
            "`https://example.org/\\u{1b}/` holds a control character (U+001B), which an address may not hold",
            "a control character is never written to the terminal"
        );
        assert_eq!(
            message("https:\\\\example.org\\"),
            "`https:\\\\example.org\\` holds a backslash `\\`, which an address may not hold"
        );
    }

    #[test]
    fn phone_numbers() {
        for good in [
            "0897-2822222",
            "0897 282 2222",
            "(0897) 2822222",
            "+86 897 282 2222",
            "13908971234",
            "2822222",
            "+861234567890123",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in [
            "待定",
            "",
            "282222",
            "1234567890123456",
            "542521197504120017",
            "0897-2822222转8001",
            "tel:0897-2822222",
            "0897_2822222",
            "0897-282+2222",
            "０８９７-２８２２２２２",
            "༠༨༩༧-༢༨༢༢༢༢༢",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
        assert_eq!(
            phone_slip("０８９７－２８２２２２２"),
            Some(PhoneSlip::NotAscii)
        );
        assert_eq!(phone_slip("༠༨༩༧-༢༨༢༢༢༢༢"), Some(PhoneSlip::NotAscii));
        assert_eq!(
            phone_slip("542521197504120017"),
            Some(PhoneSlip::NationalId)
        );
        assert_eq!(
            phone_slip("54252119750412001X"),
            Some(PhoneSlip::NationalId)
        );
        assert_eq!(phone_slip("待定"), None);
        assert_eq!(phone_slip("１２"), None, "full width, but too short anyway");
    }

    #[test]
    fn contact_phones_of_villages_are_checked() {
        let yaml = "name: { bo: \"ཀ\", zh: \"甲村\" }\nkind: village\ncontact: { phone: \"待定\", office: { bo: \"ཀ\", zh: \"甲\" } }\n";
        let mut found = Diagnostics::default();
        check_village(&crate::content::village_from_yaml(yaml), &mut found);
        let found: Vec<_> = found
            .iter()
            .map(|d| (d.at.clone(), d.problem.clone()))
            .collect();
        assert_eq!(
            found,
            vec![(
                At::value(vec![Seg::Key("contact"), Seg::Key("phone")]),
                Problem::BadPhone {
                    phone: "待定".into(),
                    slip: None
                }
            )]
        );
        let fine = yaml.replace("待定", "0897-2822222");
        let mut found = Diagnostics::default();
        check_village(&crate::content::village_from_yaml(&fine), &mut found);
        assert!(found.is_empty());
    }
}
