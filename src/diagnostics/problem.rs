//! Every problem gongshi reports, with its wording and severity.
//!
//! All user-facing text of `check` lives here, so it can be reviewed (and one
//! day translated for staff) in one place. Tests assert on variants.

use std::fmt;

use super::Severity;
use crate::check::privacy;
use crate::check::script::{wrapping_quotes, RenderProblem};

/// What is wrong. The variant decides the severity; `Display` is the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    // --- The file cannot be read into the model.
    /// The file could not be read at all.
    Unreadable(String),
    /// Bytes that are not UTF-8 (a GBK file, say).
    NotUtf8 {
        /// The first offending byte.
        byte: u8,
    },
    /// Over the size limit; not parsed.
    TooLarge {
        /// Size in bytes.
        bytes: u64,
    },
    /// Nothing but white space and comments.
    EmptyFile,
    /// A YAML syntax or type error, in the parser's words.
    Yaml(String),
    /// A key the format does not have.
    UnknownField {
        /// The key as written.
        field: String,
        /// The keys allowed there.
        expected: Vec<String>,
    },
    /// A required key is absent.
    MissingField(String),
    /// A field that this kind of notice does not have.
    FieldNotAllowed {
        /// The key.
        field: &'static str,
        /// Why it does not belong.
        why: &'static str,
    },
    /// A value that is not a date, or a date that cannot be.
    BadDate {
        /// The value as written.
        text: String,
        /// Why, when the shape was right but the day impossible.
        impossible: Option<String>,
        /// The date that was probably meant, written the right way.
        suggestion: Option<String>,
        /// Whether a month alone is accepted too (a birth).
        month_allowed: bool,
    },
    /// A code that is not in its list.
    UnknownCode {
        /// What the code names (`gender`, `education`, …).
        kind: &'static str,
        /// The value as written.
        value: String,
        /// Every allowed code.
        expected: Vec<&'static str>,
    },
    /// Lists or mappings nested deeper than any content needs.
    TooDeep(usize),
    /// A tab where YAML wants spaces.
    TabIndent,
    /// A full-width colon or comma where YAML wants `:` or `,`.
    FullWidthPunctuation(char),

    // --- Names of files and folders.
    /// A file or folder name that breaks the slug rule.
    BadName {
        /// The name as found.
        name: String,
        /// A name that would be accepted, if one can be made.
        suggestion: Option<String>,
        /// Whether it looks like an editor's copy of another file.
        copy: bool,
    },
    /// An announcement file not named `<slug>.bo.md` or `<slug>.zh.md`.
    BadAnnouncementName(String),
    /// A county slug that would collide with a site section.
    ReservedCounty(String),
    /// A county or township folder without `_index.yaml`.
    MissingIndex(&'static str),
    /// `content/site.yaml` is absent.
    MissingSite,
    /// A file where none is expected.
    UnexpectedFile(&'static str),

    // --- Texts.
    /// Half of a text pair is missing or blank.
    MissingTranslation(&'static str),
    /// A `bo` text with no Tibetan letter or a `zh` text with no Han character.
    WrongScript {
        /// The half that is wrong.
        lang: &'static str,
        /// Whether the other half looks like this one's script (a swapped pair).
        swapped: bool,
        /// A `bo` text typed in EWTS (Wylie), converted to Tibetan.
        ewts: Option<String>,
    },
    /// A character that would not show as meant: Tibetan that would not
    /// render, lookalike punctuation, an invisible or control character.
    Render(RenderProblem),
    /// A `bo` name (of a person, village, county or township) with letters
    /// of another script in it.
    MixedScript {
        /// `Latin` or `Han`.
        script: &'static str,
        /// The first such letter.
        letter: char,
    },
    /// A value wrapped in typographic quotes, which YAML would publish with it.
    Quoted {
        /// The opening quote.
        open: char,
        /// The closing quote.
        close: char,
    },
    /// A national ID or mobile number outside `contact`.
    PersonalNumber(privacy::Kind),
    /// A Markdown link or image that must not be published.
    UnsafeLink {
        /// The target as written.
        target: String,
        /// Whether it is an image.
        image: bool,
    },

    /// A theme file that cannot be used (a missing key, a template error).
    Theme(String),

    // --- Site settings.
    /// `languages` must be bo and zh, once each.
    BadLanguages,
    /// An unknown IANA time zone name.
    UnknownTimezone(String),
    /// `base_url` is not an absolute http(s) URL.
    BadBaseUrl(String),
    /// A `young_age` or `min_*` rule out of range.
    BadRule(&'static str),

    // --- Calendar and periods.
    /// No `calendar.yaml`: only weekends are days off.
    NoCalendar,
    /// A holiday whose end is before its start.
    HolidayEndsBeforeStart,
    /// A date both a holiday and a make-up workday.
    HolidayAndWorkday(String),
    /// A period without exactly one of `end`, `working_days`, `days`.
    PeriodLength,
    /// A period ending before it starts.
    PeriodEndsBeforeStart,
    /// A period of 0 days.
    PeriodZero,
    /// A period longer than a year.
    PeriodTooLong,
    /// A period with a day in a year the calendar does not cover.
    UncoveredYears(String),
    /// A notice published after its period started.
    PublishedAfterStart,

    // --- Notices.
    /// Two notices of one village with one slug.
    DuplicateSlug(String),
    /// A scope naming no area.
    UnknownScope {
        /// The scope as written.
        scope: String,
        /// The closest area, if any.
        suggestion: Option<String>,
    },
    /// A post of the other body.
    PostNotOfBody {
        /// The post code.
        post: String,
        /// The notice's body code.
        body: &'static str,
        /// Posts of that body.
        posts: &'static [&'static str],
    },
    /// A post that has no seats in the notice.
    PostWithoutSeats(String),
    /// Results published, or held, before the period of their candidates ended.
    ResultsDuringPeriod {
        /// `published` or `election_day`.
        field: &'static str,
        /// The candidates notice.
        candidates: String,
        /// Its last day.
        last_day: String,
    },
    /// Results published before the election.
    PublishedBeforeElection,
    /// Turnout numbers that contradict each other.
    Turnout {
        /// The larger number's field.
        field: &'static str,
        /// Its value.
        value: u64,
        /// The field it may not exceed.
        limit_field: &'static str,
        /// That field's value.
        limit: u64,
    },
    /// More votes than valid ballots.
    VotesOverValid {
        /// Votes.
        votes: u64,
        /// Valid ballots.
        valid: u64,
    },
    /// Results with no candidates notice of their body.
    ResultsWithoutCandidates,
    /// Two announcement files of one slug that disagree.
    AnnouncementMismatch {
        /// The field that differs.
        field: &'static str,
        /// The other file.
        other: String,
    },
    /// One language's announcement file without the other.
    AnnouncementAlone {
        /// The missing language.
        lang: &'static str,
    },

    // --- Composition.
    /// Fewer women than `rules.min_women`.
    FewWomen {
        /// Counted.
        have: usize,
        /// Required.
        need: u32,
        /// `members` or `candidates`.
        among: &'static str,
    },
    /// Fewer young persons than `rules.min_young`.
    FewYoung {
        /// Counted.
        have: usize,
        /// Required.
        need: u32,
        /// The age limit.
        age: u32,
        /// `members` or `candidates`.
        among: &'static str,
    },
    /// A person on a body or post that requires full Party membership.
    NotFullMember {
        /// The rule entry (`party_branch`, `committee.chair`).
        rule: String,
        /// The person's party code.
        party: &'static str,
    },
    /// A person on a body that requires Party membership.
    NotPartyMember(String),
    /// More elected to a post than its seats.
    OverElected {
        /// Post code.
        post: &'static str,
        /// Elected.
        elected: usize,
        /// Seats.
        seats: u32,
    },
    /// Fewer candidates for a post than its seats.
    FewCandidates {
        /// Post code.
        post: &'static str,
        /// Candidates.
        have: usize,
        /// Seats.
        seats: u32,
    },
    /// One person with different details in two notices.
    PersonMismatch {
        /// The field.
        field: &'static str,
        /// Value here.
        here: &'static str,
        /// Value there.
        there: &'static str,
        /// The other notice's slug.
        notice: String,
    },
}

impl Problem {
    /// Error or warning.
    pub fn severity(&self) -> Severity {
        use Problem::*;
        match self {
            UnexpectedFile(_)
            | MissingTranslation(_)
            | NoCalendar
            | UncoveredYears(_)
            | PublishedAfterStart
            | ResultsWithoutCandidates
            | FewWomen { .. }
            | FewYoung { .. }
            | NotFullMember { .. }
            | NotPartyMember(_)
            | OverElected { .. }
            | FewCandidates { .. }
            | PersonMismatch { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// A line of advice, where one helps.
    pub fn hint(&self) -> Option<String> {
        use Problem::*;
        Some(match self {
            NotUtf8 { .. } => "re-save the file as UTF-8 (in Notepad: File > Save As > Encoding: UTF-8); GBK is not read".into(),
            TooLarge { .. } => "split the file, or remove what does not belong in it".into(),
            EmptyFile => "a file here holds at least a `name: { bo: …, zh: … }` line".into(),
            UnknownField { field, expected } => did_you_mean(field, expected)?,
            UnknownCode { value, .. } | BadDate { text: value, .. } if wrapping_quotes(value).is_some() => QUOTED_HINT.into(),
            BadDate { suggestion: Some(s), .. } => format!("write it as `{s}`"),
            BadDate { month_allowed: true, .. } => "write a birth as YYYY-MM or YYYY-MM-DD, e.g. `1990-03`".into(),
            BadDate { .. } => "write dates as YYYY-MM-DD, e.g. `2021-01-10`".into(),
            UnknownCode { value, expected, .. } => did_you_mean(value, expected).unwrap_or_else(|| {
                format!("expected one of: {}", expected.join(", "))
            }),
            TabIndent => "YAML indents with spaces: replace the tab with spaces".into(),
            FullWidthPunctuation(c) => format!(
                "type the ASCII `{}` (switch the input method to half-width)",
                ascii_for(*c)
            ),
            BadName { copy: true, .. } => "this looks like a copy an editor made: delete it, or give it a name of its own".into(),
            BadName { suggestion: Some(s), .. } => format!("rename it to `{s}`"),
            BadAnnouncementName(_) => "name it `<slug>.bo.md` or `<slug>.zh.md`, e.g. `election-schedule.zh.md`".into(),
            BadName { suggestion: None, .. } => "use lower-case letters a-z, digits and single hyphens, at most 60 characters".into(),
            MissingIndex(what) => format!("add `_index.yaml` with the {what}'s name: `name: {{ bo: …, zh: … }}`"),
            MissingTranslation(_) => "the page says the translation is missing until it is added".into(),
            WrongScript { swapped: true, .. } => "the `bo` and `zh` texts look swapped".into(),
            WrongScript { ewts: Some(tibetan), .. } => format!("did you mean {tibetan}?"),
            Render(problem) => problem.hint()?,
            MixedScript { script: "Han", .. } => "write a `bo` name in Tibetan letters only; the Chinese name belongs in `zh`".into(),
            MixedScript { .. } => "write a `bo` name in Tibetan letters only".into(),
            Quoted { .. } => QUOTED_HINT.into(),
            PersonalNumber(_) => "personal numbers must never be published; a phone for objections belongs in `contact`".into(),
            UnsafeLink { image: true, .. } => "put the image in the site and link it with a relative path".into(),
            UnsafeLink { image: false, .. } => "links may be relative, or start with https:, http:, mailto: or tel:".into(),
            NoCalendar => "add content/calendar.yaml with the holidays and make-up workdays of the election season".into(),
            UncoveredYears(_) => "add that year's holidays and make-up workdays to calendar.yaml".into(),
            PeriodLength => "write `period: { start: 2021-01-10, working_days: 5 }`, or `end:`, or `days:`".into(),
            UnknownScope { suggestion: Some(s), .. } => format!("did you mean `{s}`?"),
            UnknownScope { suggestion: None, .. } => "a scope is a county, county/township or county/township/village slug".into(),
            PostNotOfBody { posts, .. } => format!("posts of this body: {}", posts.join(", ")),
            AnnouncementAlone { lang } => format!("add the `{lang}` file"),
            Theme(_) => "a site's theme overrides the built-in one file by file: see the README's theme section".into(),
            _ => return None,
        })
    }
}

const QUOTED_HINT: &str = "write the value in ASCII quotes \"…\" or without quotes";

fn ascii_for(c: char) -> char {
    match c {
        '：' => ':',
        '，' => ',',
        other => other,
    }
}

fn did_you_mean<S: AsRef<str>>(value: &str, expected: &[S]) -> Option<String> {
    let expected: Vec<&str> = expected.iter().map(AsRef::as_ref).collect();
    crate::suggest::closest(value, &expected).map(|s| format!("did you mean `{s}`?"))
}

fn code_list(codes: &[impl AsRef<str>]) -> String {
    codes
        .iter()
        .map(|c| format!("`{}`", c.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Problem::*;
        match self {
            Unreadable(why) => write!(f, "cannot read this file: {why}"),
            NotUtf8 { byte } => write!(f, "this file is not UTF-8: byte 0x{byte:02X} is not a UTF-8 character"),
            TooLarge { bytes } => write!(
                f,
                "this file is {:.1} MiB; a content file may be at most 4 MiB",
                *bytes as f64 / (1024.0 * 1024.0)
            ),
            EmptyFile => f.write_str("this file is empty"),
            Yaml(message) => f.write_str(message),
            UnknownField { field, expected } => {
                write!(f, "unknown field `{field}`; expected {}", code_list(expected))
            }
            MissingField(field) => write!(f, "missing field `{field}`"),
            FieldNotAllowed { field, why } => write!(f, "`{field}` does not belong here: {why}"),
            BadDate { text, impossible: Some(why), .. } => write!(f, "`{text}` is not a date: {why}"),
            BadDate { text, impossible: None, .. } => write!(f, "`{text}` is not a date"),
            UnknownCode { kind, value, .. } => write!(f, "unknown {kind} `{value}`"),
            TooDeep(limit) => write!(f, "`[` and `{{` are nested more than {limit} deep here; content never needs that"),
            TabIndent => f.write_str("a tab is used for indentation"),
            FullWidthPunctuation(c) => write!(
                f,
                "full-width `{c}` where YAML expects `{}`",
                ascii_for(*c)
            ),
            BadName { name, .. } => write!(
                f,
                "`{name}` is not a valid name: use lower-case letters a-z, digits and hyphens"
            ),
            BadAnnouncementName(name) => write!(f, "`{name}` is not an announcement file name"),
            ReservedCounty(slug) => write!(f, "a county may not be named `{slug}`: that address is taken by the site"),
            MissingIndex(what) => write!(f, "this {what} folder has no `_index.yaml`"),
            MissingSite => f.write_str("no `content/site.yaml`: the site's title, region and address are required"),
            UnexpectedFile(why) => write!(f, "unexpected file: {why}"),
            MissingTranslation(lang) => write!(f, "missing `{lang}` translation"),
            WrongScript { lang: "bo", .. } => f.write_str("the `bo` text has no Tibetan letters"),
            WrongScript { .. } => f.write_str("the `zh` text has no Chinese characters"),
            Render(problem) => write!(f, "{problem}"),
            MixedScript { script: "Han", letter } => write!(f, "this `bo` name has the Han character {letter} in it"),
            MixedScript { letter, .. } => write!(f, "this `bo` name has the Latin letter {letter} in it"),
            Quoted { open, close } => write!(f, "this value is wrapped in {open}…{close}, which would be published with it"),
            PersonalNumber(privacy::Kind::NationalId) => {
                f.write_str("this looks like a national ID number, which must never be published")
            }
            PersonalNumber(privacy::Kind::Mobile) => {
                f.write_str("this looks like a mobile phone number, which must not be published outside `contact`")
            }
            UnsafeLink { target, image: true } => write!(f, "image `{target}` is not a local file"),
            UnsafeLink { target, image: false } => write!(f, "link `{target}` is not allowed"),
            Theme(message) => f.write_str(message),
            BadLanguages => f.write_str("`languages` must list `bo` and `zh`, each once"),
            UnknownTimezone(name) => write!(f, "unknown time zone `{name}`"),
            BadBaseUrl(url) => write!(f, "`{url}` is not an absolute http:// or https:// address"),
            BadRule(why) => f.write_str(why),
            NoCalendar => f.write_str("no calendar.yaml: only weekends count as days off"),
            HolidayEndsBeforeStart => f.write_str("this holiday ends before it starts"),
            HolidayAndWorkday(date) => write!(f, "{date} is listed both as a holiday and as a make-up workday"),
            PeriodLength => f.write_str("a period has `start` and exactly one of `end`, `working_days`, `days`"),
            PeriodEndsBeforeStart => f.write_str("this period ends before it starts"),
            PeriodZero => f.write_str("a period lasts at least 1 day"),
            PeriodTooLong => f.write_str("a notice period may last at most 366 days"),
            UncoveredYears(years) => write!(
                f,
                "calendar.yaml has no holidays for {years}: working days in this period may be miscounted"
            ),
            PublishedAfterStart => f.write_str("this notice is published after its period started"),
            DuplicateSlug(slug) => write!(f, "slug `{slug}` is used twice in this village"),
            UnknownScope { scope, .. } => write!(f, "scope `{scope}` names no county, township or village"),
            PostNotOfBody { post, body, .. } => write!(f, "`{post}` is not a post of `{body}`"),
            PostWithoutSeats(post) => write!(f, "this notice has no seats for `{post}`"),
            ResultsDuringPeriod { field: "published", candidates, last_day } => write!(
                f,
                "results are published before the notice period of `{candidates}` is over (last day {last_day})"
            ),
            ResultsDuringPeriod { candidates, last_day, .. } => write!(
                f,
                "the election is held before the notice period of `{candidates}` is over (last day {last_day})"
            ),
            PublishedBeforeElection => f.write_str("results are published before their election day"),
            Turnout { field, value, limit_field, limit } => write!(
                f,
                "`{field}` ({value}) is more than `{limit_field}` ({limit})"
            ),
            VotesOverValid { votes, valid } => write!(f, "{votes} votes is more than the {valid} valid ballots"),
            ResultsWithoutCandidates => f.write_str(
                "no candidates notice of this body is published before these results: their seats are unknown",
            ),
            AnnouncementMismatch { field, other } => write!(f, "`{field}` differs from `{other}`"),
            AnnouncementAlone { lang } => write!(f, "this announcement has no `{lang}` file"),
            FewWomen { have, need, among } => write!(
                f,
                "{have} women among this village's {among}; the rules ask for at least {need}"
            ),
            FewYoung { have, need, age, among } => write!(
                f,
                "{have} persons aged {age} or under among this village's {among}; the rules ask for at least {need}"
            ),
            NotFullMember { rule, party } => write!(
                f,
                "`{rule}` requires a full Party member, but this person's party is `{party}`"
            ),
            NotPartyMember(rule) => write!(f, "`{rule}` requires a Party member, but this person's party is `none`"),
            OverElected { post, elected, seats } => write!(
                f,
                "{elected} elected as `{post}` but the post has {seats} seat{}",
                if *seats == 1 { "" } else { "s" }
            ),
            FewCandidates { post, have, seats } => write!(
                f,
                "{have} candidate{} for `{post}` but the post has {seats} seat{}",
                if *have == 1 { "" } else { "s" },
                if *seats == 1 { "" } else { "s" }
            ),
            PersonMismatch { field, here, there, notice } => write!(
                f,
                "this person's {field} is `{here}` here but `{there}` in notice `{notice}`"
            ),
        }
    }
}
