//! Every problem gongshi reports, with its severity and its words: each
//! message and hint is a key of the message catalogs (`src/messages/`),
//! filled with the problem's values. Tests assert on variants. The details
//! some problems carry (a [`RenderProblem`], a [`NumberKind`]) are here too,
//! so that the checks that find them and the report that words them agree.

use std::fmt;

use super::shown;
use super::Severity;
use crate::chars::{vowel_bits, wrapping_quotes};
use crate::messages::{fill_count, say};

/// What is wrong. The variant decides the severity; [`Problem::message`] says it.
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
    /// An announcement without front matter.
    NoFrontMatter,
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
    /// A quoted text whose closing quote is missing on its line.
    UnclosedQuote(char),
    /// A line indented unlike the lines around it.
    Indentation {
        /// Its spaces.
        have: usize,
        /// The spaces of its neighbours.
        want: usize,
    },
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
    /// A village slug that would collide with a township's own page.
    ReservedVillage(String),
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
    /// A national ID or mobile number in what is published (anywhere but
    /// `contact.phone`), a comment, or a file or folder name.
    PersonalNumber(NumberKind),
    /// A Markdown link or image that must not be published.
    UnsafeLink {
        /// The target as written.
        target: String,
        /// Whether it is an image.
        image: bool,
    },

    /// A theme file that cannot be used (a missing key, a template error).
    Theme(ThemeFault),
    /// An entry of a theme catalog's `unconfirmed:` list that names no
    /// text of that catalog: it would mark nothing as waiting for review.
    UnknownUnconfirmed {
        /// The entry as written.
        key: String,
        /// The catalog's key it probably means.
        suggestion: Option<String>,
    },

    // --- Site settings.
    /// `languages` must be bo and zh, once each.
    BadLanguages,
    /// An unknown IANA time zone name.
    UnknownTimezone(String),
    /// `base_url` is not an absolute http(s) URL.
    BadBaseUrl(String),
    /// `base_url` does not end in `/`.
    BaseUrlSlash(String),
    /// `base_url` has a query or a fragment.
    BaseUrlQuery(String),
    /// `base_url` holds a character no address may hold.
    BaseUrlChar {
        /// The address as written.
        url: String,
        /// The first such character.
        found: char,
    },
    /// `theme` is not a folder name.
    BadTheme(String),
    /// A `contact.phone` that is not a phone number.
    BadPhone {
        /// The value as written.
        phone: String,
        /// The likely slip, if one is recognised.
        slip: Option<PhoneSlip>,
    },
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
    /// A correction dated before its notice was published (on this day).
    CorrectionBeforePublished(String),
    /// A published notice (published on this day) whose content changed
    /// since the last build without a new correction.
    ChangedWithoutCorrection(String),

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
    /// A post listed in `seats` with 0 seats.
    ZeroSeats(&'static str),
    /// A person for a post whose seats are 0.
    PostWithZeroSeats {
        /// The post code.
        post: &'static str,
        /// The candidates notice whose seats count, for results.
        candidates: Option<String>,
    },
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

    // --- Persons who cannot be.
    /// Born after the notice is published.
    BornAfterNotice {
        /// The birth as written.
        born: String,
        /// The notice's `published`.
        published: String,
    },
    /// Born before 1900.
    BornBefore1900(String),
    /// Younger than 18 on the day a person's age is taken.
    Underage {
        /// Age in completed years (negative: not yet born).
        age: i32,
        /// The day.
        day: String,
        /// What day it is: `the election day`, `the last day of the notice period`.
        on: &'static str,
    },
    /// Older than 100 on the day a person's age is taken.
    Over100 {
        /// Age in completed years.
        age: i32,
        /// The day.
        day: String,
        /// What day it is.
        on: &'static str,
    },
    /// One person (by the identity rule) twice in one notice.
    SamePersonTwice {
        /// `candidates` or `results`.
        list: &'static str,
        /// The earlier record's place in that list, from 1.
        number: usize,
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

/// What a `contact.phone` that is not a phone number probably is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneSlip {
    /// A phone number typed with full-width (or Tibetan) digits.
    NotAscii,
    /// A national ID number.
    NationalId,
}

/// What kind of personal number was found (see `check::privacy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NumberKind {
    /// A national ID number: 18 digits, or 17 digits and `X`/`x`.
    NationalId,
    /// A mobile number, with its `86` prefix when present.
    Mobile,
}

/// Why a character would not show as it was meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderProblem {
    /// A private-use code point (U+E000–U+F8FF, U+F0000–U+FFFFD, U+100000–U+10FFFD), as old Chinese input methods leave.
    PrivateUse(char),
    /// U+0F77 or U+0F79, deprecated by Unicode.
    Deprecated(char),
    /// A vowel sign typed before a subjoined letter (ག + ི + ྱ instead of ག + ྱ + ི): renders with a dotted circle and survives NFC.
    VowelBeforeSubjoined {
        /// The vowel sign (U+0F71–U+0F7D or U+0F80–U+0F81).
        vowel: char,
        /// The subjoined letter right after it (U+0F90–U+0FBC).
        subjoined: char,
    },
    /// A vowel sign, subjoined letter or other combining Tibetan mark with
    /// no letter before it (at the start of a text, after a tsheg, a shad,
    /// a space, a quote or any other character): renders on a dotted circle.
    NoBase(char),
    /// A vowel sign typed a second time on one letter (ཀ + ི + ི), also
    /// through a precomposed vowel that holds it (ཀ + ཱ + ཱི).
    DoubledVowel(char),
    /// Punctuation of another script used for Tibetan punctuation.
    Lookalike {
        /// The character typed: `।` `॥` (Devanagari), `|`, or a middle dot
        /// such as `·` or `•` between two Tibetan syllables.
        found: char,
        /// The Tibetan character meant: the shad ། U+0F0D, the double shad
        /// ༎ U+0F0E or the tsheg ་ U+0F0B.
        right: char,
    },
    /// A format character (Unicode category Cf): a zero-width space or
    /// joiner, a bidirectional control, a soft hyphen, a byte-order mark
    /// inside a text, …; published, but not seen.
    Invisible(char),
    /// A control character (C0 and C1, DEL) other than tab, LF and CR.
    Control(char),
}

impl fmt::Display for RenderProblem {
    /// The message, in the chosen language of messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = |c: char| format!("U+{:04X}", u32::from(c));
        let text = match *self {
            Self::PrivateUse(c) => say!("render.private_use", code = code(c)),
            Self::Deprecated(c) => say!("render.deprecated", code = code(c)),
            Self::VowelBeforeSubjoined { vowel, subjoined } => say!(
                "render.vowel_before_subjoined",
                vowel = vowel,
                vowel_code = code(vowel),
                subjoined = subjoined,
                subjoined_code = code(subjoined)
            ),
            Self::NoBase(c) => say!(
                "render.no_base",
                mark = crate::messages::text(mark_kind(c)),
                char = c,
                code = code(c)
            ),
            Self::DoubledVowel(c) => say!("render.doubled_vowel", char = c, code = code(c)),
            Self::Lookalike { found, right } => say!(
                "render.lookalike",
                found = found,
                code = code(found),
                right = crate::messages::text(punctuation_name(right))
            ),
            Self::Invisible(c) => match format_name(c) {
                Some(name) => say!(
                    "render.invisible_named",
                    code = code(c),
                    name = crate::messages::text(name)
                ),
                None => say!("render.invisible", code = code(c)),
            },
            Self::Control(c) => match control_name(c) {
                Some(name) => say!(
                    "render.control_named",
                    code = code(c),
                    name = crate::messages::text(name)
                ),
                None => say!("render.control", code = code(c)),
            },
        };
        f.write_str(&text)
    }
}

impl RenderProblem {
    /// A line of advice, where one helps, in the chosen language.
    pub fn hint(&self) -> Option<String> {
        Some(match *self {
            Self::NoBase(_) => say!("render.hint.no_base"),
            Self::DoubledVowel(_) => say!("render.hint.doubled_vowel"),
            Self::Lookalike { right, .. } => say!(
                "render.hint.lookalike",
                right_name = crate::messages::text(punctuation_name(right)),
                right = right,
                code = format!("U+{:04X}", u32::from(right))
            ),
            Self::Invisible(_) => say!("render.hint.invisible"),
            Self::Control(_) => say!("render.hint.control"),
            _ => return None,
        })
    }
}

/// What kind of combining mark `c` is, for messages (a catalog key).
fn mark_kind(c: char) -> &'static str {
    if vowel_bits(c) != 0 {
        "render.mark.vowel_sign"
    } else if matches!(c, '\u{0F90}'..='\u{0FBC}') {
        "render.mark.subjoined_letter"
    } else {
        "render.mark.tibetan_mark"
    }
}

/// The name of a Tibetan punctuation mark a lookalike stands for (a catalog key).
fn punctuation_name(right: char) -> &'static str {
    match right {
        '\u{0F0B}' => "render.mark.tsheg",
        '\u{0F0E}' => "render.mark.double_shad",
        _ => "render.mark.shad",
    }
}

/// A plain name for the format characters staff meet most (a catalog key).
fn format_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "render.char.soft_hyphen",
        '\u{200B}' => "render.char.zero_width_space",
        '\u{200C}' => "render.char.zero_width_non_joiner",
        '\u{200D}' => "render.char.zero_width_joiner",
        '\u{200E}' => "render.char.left_to_right_mark",
        '\u{200F}' => "render.char.right_to_left_mark",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "render.char.bidirectional_control",
        '\u{2060}' => "render.char.word_joiner",
        '\u{2061}'..='\u{2064}' => "render.char.invisible_operator",
        '\u{FEFF}' => "render.char.byte_order_mark",
        _ => return None,
    })
}

/// A plain name for the control characters staff meet most (a catalog key).
fn control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{0}' => "render.char.null",
        '\u{8}' => "render.char.backspace",
        '\u{B}' => "render.char.vertical_tab",
        '\u{C}' => "render.char.form_feed",
        '\u{1B}' => "render.char.escape",
        '\u{7F}' => "render.char.delete",
        '\u{85}' => "render.char.next_line",
        _ => return None,
    })
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
            | ChangedWithoutCorrection(_)
            | ResultsWithoutCandidates
            | FewWomen { .. }
            | FewYoung { .. }
            | NotFullMember { .. }
            | NotPartyMember(_)
            | OverElected { .. }
            | FewCandidates { .. }
            | PersonMismatch { .. }
            | Over100 { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// A line of advice, where one helps, in the chosen language.
    pub fn hint(&self) -> Option<String> {
        use Problem::*;
        Some(match self {
            NotUtf8 { .. } => say!("hint.not_utf8"),
            TooLarge { .. } => say!("hint.too_large"),
            EmptyFile => say!("hint.empty_file"),
            ChangedWithoutCorrection(_) => say!("hint.changed_without_correction"),
            UnknownField { field, expected } => did_you_mean(field, expected)?,
            UnknownCode { value, .. } | BadDate { text: value, .. }
                if wrapping_quotes(value).is_some() =>
            {
                say!("hint.quoted")
            }
            BadDate {
                suggestion: Some(s),
                ..
            } => say!("hint.write_it_as", text = s),
            BadDate {
                month_allowed: true,
                ..
            } => say!("hint.birth_format"),
            BadDate { .. } => say!("hint.date_format"),
            UnknownCode {
                value, expected, ..
            } => did_you_mean(value, expected)
                .unwrap_or_else(|| say!("hint.one_of", codes = code_list(expected))),
            TabIndent => say!("hint.tab_indent"),
            UnclosedQuote(q) => say!("hint.unclosed_quote", quote = q),
            Indentation { want: 0, .. } => say!("hint.indent_none"),
            Indentation { want, .. } => say!("hint.indent", spaces = want),
            FullWidthPunctuation(c) => say!("hint.full_width", ascii = ascii_for(*c)),
            BadName { copy: true, .. } => say!("hint.editor_copy"),
            BadName {
                suggestion: Some(s),
                ..
            } => say!("hint.rename", name = s),
            BadAnnouncementName(_) => say!("hint.announcement_name"),
            BadName {
                suggestion: None, ..
            } => say!("hint.slug_rule"),
            MissingIndex(what) => say!("hint.missing_index", area = area_name(what)),
            MissingTranslation(_) => say!("hint.missing_translation"),
            WrongScript { swapped: true, .. } => say!("hint.swapped"),
            WrongScript {
                ewts: Some(tibetan),
                ..
            } => say!("hint.did_you_mean_ewts", text = tibetan),
            Render(problem) => problem.hint()?,
            MixedScript { script: "Han", .. } => say!("hint.mixed_han"),
            MixedScript { .. } => say!("hint.mixed_latin"),
            Quoted { .. } => say!("hint.quoted"),
            PersonalNumber(_) => say!("hint.personal_number"),
            UnsafeLink { image: true, .. } => say!("hint.local_image"),
            UnsafeLink { image: false, .. } => say!("hint.link_schemes"),
            NoCalendar => say!("hint.no_calendar"),
            UncoveredYears(_) => say!("hint.uncovered_years"),
            PeriodLength => say!("hint.period_length"),
            UnknownScope {
                suggestion: Some(s),
                ..
            } => say!("hint.did_you_mean", text = s),
            UnknownScope {
                suggestion: None, ..
            } => say!("hint.scope"),
            PostNotOfBody { posts, .. } => say!("hint.posts_of_body", posts = code_list(posts)),
            AnnouncementAlone { lang } => say!("hint.add_file", lang = lang),
            ZeroSeats(_) => say!("hint.zero_seats"),
            BornAfterNotice { .. } | BornBefore1900(_) | Underage { .. } | Over100 { .. } => {
                say!("hint.check_birth")
            }
            SamePersonTwice { .. } => say!("hint.same_person_twice"),
            BaseUrlSlash(url) => say!("hint.base_url_slash", url = shown(url)),
            BaseUrlQuery(_) => say!("hint.base_url_query"),
            BaseUrlChar { .. } => say!("hint.base_url_char"),
            BadTheme(_) => say!("hint.bad_theme"),
            BadPhone {
                slip: Some(PhoneSlip::NotAscii),
                ..
            } => say!("hint.phone_ascii"),
            BadPhone {
                slip: Some(PhoneSlip::NationalId),
                ..
            } => say!("hint.phone_national_id"),
            BadPhone { slip: None, .. } => say!("hint.phone"),
            Theme(ThemeFault::Tera1Template(_)) => say!("hint.theme_tera1"),
            Theme(ThemeFault::UnknownKey {
                suggestion: Some(key),
                ..
            }) => say!("hint.did_you_mean", text = key),
            Theme(ThemeFault::UnknownKey { .. }) => say!("hint.override_key"),
            Theme(_) => say!("hint.theme"),
            UnknownUnconfirmed {
                suggestion: Some(key),
                ..
            } => say!("hint.did_you_mean", text = key),
            UnknownUnconfirmed {
                suggestion: None, ..
            } => say!("hint.unconfirmed_key"),
            _ => return None,
        })
    }

    /// What is wrong, in the chosen language.
    pub fn message(&self) -> String {
        use Problem::*;
        match self {
            Unreadable(why) => say!("problem.unreadable", why = why),
            NotUtf8 { byte } => say!("problem.not_utf8", byte = format!("0x{byte:02X}")),
            TooLarge { bytes } => say!(
                "problem.too_large",
                size = format!("{:.1}", *bytes as f64 / (1024.0 * 1024.0))
            ),
            EmptyFile => say!("problem.empty_file"),
            NoFrontMatter => say!("problem.no_front_matter"),
            Yaml(message) => message.clone(),
            UnknownField { field, expected } => {
                say!(
                    "problem.unknown_field",
                    field = field,
                    expected = code_list(expected)
                )
            }
            MissingField(field) => say!("problem.missing_field", field = field),
            FieldNotAllowed { field, why } => {
                say!(
                    "problem.field_not_allowed",
                    field = field,
                    why = crate::messages::text(why)
                )
            }
            BadDate {
                text,
                impossible: Some(why),
                ..
            } => {
                say!("problem.impossible_date", text = text, why = why)
            }
            BadDate {
                text,
                impossible: None,
                ..
            } => say!("problem.bad_date", text = text),
            UnknownCode { kind, value, .. } => {
                say!(
                    "problem.unknown_code",
                    kind = kind_name(kind),
                    value = value
                )
            }
            TooDeep(limit) => say!("problem.too_deep", limit = limit),
            TabIndent => say!("problem.tab_indent"),
            UnclosedQuote(q) => say!("problem.unclosed_quote", quote = q),
            Indentation { have, want } => say!("problem.indentation", have = have, want = want),
            FullWidthPunctuation(c) => {
                say!("problem.full_width", found = c, ascii = ascii_for(*c))
            }
            BadName { name, .. } => say!("problem.bad_name", name = name),
            BadAnnouncementName(name) => say!("problem.bad_announcement_name", name = name),
            ReservedCounty(slug) => say!("problem.reserved_county", slug = slug),
            ReservedVillage(slug) => say!("problem.reserved_village", slug = slug),
            MissingIndex(what) => say!("problem.missing_index", area = area_name(what)),
            MissingSite => say!("problem.missing_site"),
            UnexpectedFile(why) => {
                say!("problem.unexpected_file", why = crate::messages::text(why))
            }
            MissingTranslation(lang) => say!("problem.missing_translation", lang = lang),
            WrongScript { lang: "bo", .. } => say!("problem.no_tibetan"),
            WrongScript { .. } => say!("problem.no_han"),
            Render(problem) => problem.to_string(),
            MixedScript {
                script: "Han",
                letter,
            } => say!("problem.mixed_han", letter = letter),
            MixedScript { letter, .. } => say!("problem.mixed_latin", letter = letter),
            Quoted { open, close } => say!("problem.quoted", open = open, close = close),
            PersonalNumber(NumberKind::NationalId) => say!("problem.national_id"),
            PersonalNumber(NumberKind::Mobile) => say!("problem.mobile"),
            UnsafeLink {
                target,
                image: true,
            } => say!("problem.remote_image", target = target),
            UnsafeLink {
                target,
                image: false,
            } => say!("problem.unsafe_link", target = target),
            Theme(fault) => fault.message(),
            UnknownUnconfirmed { key, .. } => {
                say!("problem.unknown_unconfirmed", key = shown(key))
            }
            BadLanguages => say!("problem.bad_languages"),
            UnknownTimezone(name) => say!("problem.unknown_timezone", name = name),
            BadBaseUrl(url) => say!("problem.bad_base_url", url = url),
            BadRule(why) => crate::messages::text(why).to_owned(),
            NoCalendar => say!("problem.no_calendar"),
            HolidayEndsBeforeStart => say!("problem.holiday_ends_before_start"),
            HolidayAndWorkday(date) => say!("problem.holiday_and_workday", date = date),
            PeriodLength => say!("problem.period_length"),
            PeriodEndsBeforeStart => say!("problem.period_ends_before_start"),
            PeriodZero => say!("problem.period_zero"),
            PeriodTooLong => say!("problem.period_too_long"),
            UncoveredYears(years) => say!("problem.uncovered_years", years = years),
            PublishedAfterStart => say!("problem.published_after_start"),
            CorrectionBeforePublished(published) => {
                say!("problem.correction_before_published", published = published)
            }
            ChangedWithoutCorrection(published) => {
                say!("problem.changed_without_correction", published = published)
            }
            DuplicateSlug(slug) => say!("problem.duplicate_slug", slug = slug),
            UnknownScope { scope, .. } => say!("problem.unknown_scope", scope = scope),
            PostNotOfBody { post, body, .. } => {
                say!("problem.post_not_of_body", post = post, body = body)
            }
            PostWithoutSeats(post) => say!("problem.post_without_seats", post = post),
            ResultsDuringPeriod {
                field: "published",
                candidates,
                last_day,
            } => say!(
                "problem.results_published_during_period",
                candidates = candidates,
                last_day = last_day
            ),
            ResultsDuringPeriod {
                candidates,
                last_day,
                ..
            } => say!(
                "problem.election_during_period",
                candidates = candidates,
                last_day = last_day
            ),
            PublishedBeforeElection => say!("problem.published_before_election"),
            Turnout {
                field,
                value,
                limit_field,
                limit,
            } => say!(
                "problem.turnout",
                field = field,
                value = value,
                limit_field = limit_field,
                limit = limit
            ),
            VotesOverValid { votes, valid } => {
                say!("problem.votes_over_valid", votes = votes, valid = valid)
            }
            ResultsWithoutCandidates => say!("problem.results_without_candidates"),
            AnnouncementMismatch { field, other } => {
                say!(
                    "problem.announcement_mismatch",
                    field = field,
                    other = other
                )
            }
            AnnouncementAlone { lang } => say!("problem.announcement_alone", lang = lang),
            FewWomen { have, need, among } => fill_count(
                &format!("problem.few_women_{among}"),
                *have,
                &[("need", need)],
            ),
            FewYoung {
                have,
                need,
                age,
                among,
            } => fill_count(
                &format!("problem.few_young_{among}"),
                *have,
                &[("need", need), ("age", age)],
            ),
            NotFullMember { rule, party } => {
                say!("problem.not_full_member", rule = rule, party = party)
            }
            NotPartyMember(rule) => say!("problem.not_party_member", rule = rule),
            OverElected {
                post,
                elected,
                seats,
            } => say!(
                "problem.over_elected",
                elected = elected,
                post = post,
                seats = fill_count("count.seats", *seats as usize, &[])
            ),
            FewCandidates { post, have, seats } => say!(
                "problem.few_candidates",
                candidates = fill_count("count.candidates", *have, &[]),
                post = post,
                seats = fill_count("count.seats", *seats as usize, &[])
            ),
            BaseUrlSlash(url) => say!("problem.base_url_slash", url = shown(url)),
            BaseUrlQuery(url) => say!("problem.base_url_query", url = shown(url)),
            BaseUrlChar { url, found } => say!(
                "problem.base_url_char",
                url = shown(url),
                found = character(*found)
            ),
            BadTheme(name) => say!("problem.bad_theme", name = shown(name)),
            BadPhone { phone, .. } => say!("problem.bad_phone", phone = shown(phone)),
            ZeroSeats(post) => say!("problem.zero_seats", post = post),
            PostWithZeroSeats {
                post,
                candidates: None,
            } => say!("problem.post_with_zero_seats", post = post),
            PostWithZeroSeats {
                post,
                candidates: Some(notice),
            } => say!(
                "problem.result_post_with_zero_seats",
                post = post,
                notice = notice
            ),
            BornAfterNotice { born, published } => {
                say!(
                    "problem.born_after_notice",
                    born = born,
                    published = published
                )
            }
            BornBefore1900(born) => say!("problem.born_before_1900", born = born),
            Underage { age, day, on } if *age < 0 => {
                say!(
                    "problem.not_yet_born",
                    day = day,
                    on = crate::messages::text(on)
                )
            }
            Underage { age, day, on } => say!(
                "problem.underage",
                age = age,
                day = day,
                on = crate::messages::text(on)
            ),
            Over100 { age, day, on } => say!(
                "problem.over_100",
                age = age,
                day = day,
                on = crate::messages::text(on)
            ),
            SamePersonTwice {
                list: "candidates",
                number,
            } => say!("problem.same_candidate_twice", number = number),
            SamePersonTwice { number, .. } => say!("problem.same_result_twice", number = number),
            PersonMismatch {
                field,
                here,
                there,
                notice,
            } => say!(
                "problem.person_mismatch",
                field = kind_name(field),
                here = here,
                there = there,
                notice = notice
            ),
        }
    }
}

/// The name of a kind of code (`gender`, `party status`) in the chosen language.
fn kind_name(kind: &str) -> &'static str {
    let text = crate::messages::text(&format!("kind.{}", kind.replace(' ', "_")));
    if text.is_empty() {
        crate::messages::text("kind.code")
    } else {
        text
    }
}

/// `county` or `township`, in the chosen language.
fn area_name(what: &str) -> &'static str {
    crate::messages::text(&format!("area.{what}"))
}

fn ascii_for(c: char) -> char {
    match c {
        '：' => ':',
        '，' => ',',
        other => other,
    }
}

/// A character named for a message: `a space`, `a control character (U+001B)`, `` `"` ``.
fn character(c: char) -> String {
    let code = format!("U+{:04X}", u32::from(c));
    match c {
        ' ' => say!("char.space"),
        '\\' => say!("char.backslash"),
        c if c.is_control() => say!("char.control", code = code),
        c if c.is_whitespace() => say!("char.other_space", code = code),
        c if crate::chars::is_format(c) => say!("char.invisible", code = code),
        c => format!("`{c}`"),
    }
}

fn did_you_mean<S: AsRef<str>>(value: &str, expected: &[S]) -> Option<String> {
    let expected: Vec<&str> = expected.iter().map(AsRef::as_ref).collect();
    crate::suggest::closest(value, &expected).map(|s| say!("hint.did_you_mean", text = s))
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
        f.write_str(&self.message())
    }
}

/// What makes a pair of theme catalogs unusable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairProblem {
    /// `ui.<key>` is in the catalog of `has` but not in the other one.
    MissingKey {
        /// The key below `ui`.
        key: String,
        /// The language whose catalog has it.
        has: &'static str,
    },
    /// A code has no label.
    NoLabel {
        /// The code's kind (`gender`).
        kind: &'static str,
        /// The code (`female`).
        code: &'static str,
    },
    /// `dates.ordinals` does not have 12 entries.
    Ordinals,
}

/// What is wrong with a theme file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeFault {
    /// `site.yaml` names a theme whose folder is missing.
    NoSuchFolder(String),
    /// The file or folder could not be read (the system's reason).
    Unreadable(String),
    /// A file every theme needs is missing.
    Missing,
    /// The file is not UTF-8.
    NotUtf8,
    /// A catalog that is not valid YAML of a catalog's shape (the parser's words).
    CatalogSyntax(String),
    /// The two catalogs do not agree.
    Catalog(PairProblem),
    /// A template that does not parse (the engine's words).
    TemplateSyntax(String),
    /// A template written for Tera 1 (macros, `import`), which gongshi no
    /// longer reads (the engine's words).
    Tera1Template(String),
    /// A key of a site's catalog that changes nothing: the built-in
    /// catalogs and the site's other language lack it.
    UnknownKey {
        /// The key (`ui.perod`).
        key: String,
        /// The built-in key it probably means.
        suggestion: Option<String>,
    },
}

impl ThemeFault {
    /// What is wrong, in the chosen language.
    fn message(&self) -> String {
        match self {
            ThemeFault::NoSuchFolder(name) => say!("problem.theme_no_folder", name = shown(name)),
            ThemeFault::Unreadable(why) => say!("problem.theme_unreadable", why = why),
            ThemeFault::Missing => say!("problem.theme_missing"),
            ThemeFault::NotUtf8 => say!("problem.theme_not_utf8"),
            ThemeFault::CatalogSyntax(why) => say!("problem.theme_catalog", why = why),
            ThemeFault::Catalog(PairProblem::MissingKey { key, has }) => {
                say!("problem.theme_missing_key", key = key, has = has)
            }
            ThemeFault::Catalog(PairProblem::NoLabel { kind, code }) => {
                say!("problem.theme_no_label", kind = kind, code = code)
            }
            ThemeFault::Catalog(PairProblem::Ordinals) => say!("problem.theme_ordinals"),
            ThemeFault::TemplateSyntax(why) => say!("problem.theme_template", why = why),
            ThemeFault::Tera1Template(why) => say!("problem.theme_tera1", why = why),
            ThemeFault::UnknownKey { key, .. } => {
                say!("problem.theme_unknown_key", key = shown(key))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_plain() {
        let m = |p: RenderProblem| p.to_string();
        assert_eq!(
            m(RenderProblem::PrivateUse('\u{F345}')),
            "private-use character U+F345: it shows as an empty box on the web"
        );
        assert_eq!(
            m(RenderProblem::Deprecated('\u{0F77}')),
            "deprecated Tibetan character U+0F77"
        );
        assert_eq!(
            m(RenderProblem::VowelBeforeSubjoined { vowel: 'ི', subjoined: 'ྱ' }),
            "vowel sign ི (U+0F72) typed before subjoined letter ྱ (U+0FB1): type the subjoined letter first"
        );
        assert!(m(RenderProblem::PrivateUse('\u{10FFFD}')).contains("U+10FFFD"));
    }

    #[test]
    fn new_messages_are_plain() {
        let m = |p: RenderProblem| (p.to_string(), p.hint());
        assert_eq!(
            m(RenderProblem::NoBase('\u{0F72}')).0,
            "vowel sign ི (U+0F72) has no letter before it: it shows on a dotted circle"
        );
        assert!(m(RenderProblem::NoBase('\u{0FB1}'))
            .0
            .starts_with("subjoined letter ྱ (U+0FB1)"));
        assert!(m(RenderProblem::NoBase('\u{0F7E}'))
            .0
            .starts_with("Tibetan mark ཾ (U+0F7E)"));
        assert_eq!(
            m(RenderProblem::DoubledVowel('\u{0F72}')).0,
            "vowel sign ི (U+0F72) repeats a vowel sign already on this letter"
        );
        assert_eq!(
            m(RenderProblem::Lookalike {
                found: '।',
                right: '།'
            }),
            (
                "। (U+0964) only looks like the Tibetan shad".into(),
                Some("type the shad ། (U+0F0D) instead".into())
            )
        );
        assert_eq!(
            m(RenderProblem::Lookalike {
                found: '·',
                right: '་'
            })
            .1
            .unwrap(),
            "type the tsheg ་ (U+0F0B) instead"
        );
        assert_eq!(
            m(RenderProblem::Lookalike {
                found: '॥',
                right: '༎'
            })
            .1
            .unwrap(),
            "type the double shad ༎ (U+0F0E) instead"
        );
        assert_eq!(
            m(RenderProblem::Invisible('\u{200B}')).0,
            "invisible character U+200B (zero-width space)"
        );
        assert_eq!(
            m(RenderProblem::Invisible('\u{E0041}')).0,
            "invisible format character U+E0041"
        );
        assert_eq!(
            m(RenderProblem::Control('\u{1B}')).0,
            "control character U+001B (escape)"
        );
        assert_eq!(
            m(RenderProblem::Control('\u{1}')).0,
            "control character U+0001"
        );
        assert_eq!(
            m(RenderProblem::Control('\u{1}')).1.unwrap(),
            "delete it (or the escape such as `\\e` that writes it): a published text has no control characters"
        );
        assert!(m(RenderProblem::Invisible('\u{AD}'))
            .1
            .unwrap()
            .contains("`\\u200b`"));
    }
}
