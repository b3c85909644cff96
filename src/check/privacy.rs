//! Personal-number scan: national ID numbers and mobile numbers in a text
//! as it is published.
//!
//! The callers (see `published`) feed the scanner what each value is
//! published as: a YAML value after decoding, Markdown as the text it
//! renders to, a file name. The scanner folds every character by its
//! compatibility decomposition (NFKC, one character at a time: full-width
//! `１３９－０８９７` and `①` become ASCII), then reads the text as *digit
//! groups* joined into *chains*.
//!
//! - A digit is `0`–`9` after folding, or a Tibetan digit `༠`–`༩`.
//! - A group is a maximal run of digits.
//! - Two groups are joined into one chain when only a *separator run* stands
//!   between them: up to three visible separators — white space other than
//!   a line break (U+3000, U+00A0 too), hyphens and dashes (`-`,
//!   U+2010–U+2015, U+2212; U+FF0D folds to `-`), dots (`.`, the middle dots
//!   `·‧・•∙⋅`, the tsheg `་`, the ideographic full stop `。`), parentheses
//!   (`()`, Tibetan `༺༻༼༽`) — and any number of invisible characters
//!   (format characters such as the zero-width space or soft hyphen, and
//!   combining marks), which do not count towards the three. Anything
//!   else (a letter, a comma, `、`, `:`, `/`, a line break, or the end of a
//!   text, a table cell or a block, which the caller marks) ends a chain.
//!
//! A chain holds a personal number when a *sub-chain* of whole consecutive
//! groups, their digits read together, is
//! - a mobile number: 11 digits starting with `1`, or 13 starting with `861`
//!   (`+86`/`86` in front);
//! - a national ID number: 18 digits, or 17 followed right away by `X`/`x`.
//!   Two or more groups make one only if they do not start with `0` and
//!   their digits 7 to 14 are a birth date (a year from 1900 to the year of
//!   the run's `--today`, or this one,
//!   month 1–12, day 1–31): `540102 19900312 1234` is one, while a local
//!   number beside a mobile (`2822222 13908971234`, 18 digits) is the
//!   mobile, and two office landlines are no ID (`0891-2822222
//!   0971-2212965` would hold the "birth date" 2097-12-21 without the
//!   year's bound: a year taken from an area code `0…` is never a past
//!   one). One group is read as the contract says: any 18 digits.
//!
//! A sub-chain may not cut through a *date*, nor consist of dates only: a
//! year 1900–2099 and a month 1–12, maybe a day 1–31, joined by one `-` or
//! one `.`, the same inside it and not the same as the separators on
//! either side of it (`2021-01-10`, `2021.1.10`, `1998.10` in
//! `1998.10—2003.7`). Without this, the range `2021.1.30—2021.10.15`
//! would hold the mobile-like 11 digits `1 30 2021 10 15`.
//!
//! Why sub-chains of whole groups: a group is never cut, so a number glued
//! digit to digit to more digits (`213908971234`, a run of more than 18
//! digits such as a document number) is no number, as the contract says;
//! and a number that merely stands next to another one is still found
//! (`0897-2822222 13908971234` holds the mobile, although the chain has 22
//! digits). From each group the search takes the shortest mobile, unless
//! an ID number starts there too (its first 11 digits may read as a mobile:
//! `1-1010119900-3121234`), and goes on after it.
//!
//! The price: a mobile typed as dates only (`1990.10—2012.1`) is read as
//! the dates it looks like, and honest figures that happen to add up
//! (`1023 987 1534` votes in a line, 11 digits) are reported: write lists
//! with `、` or commas, which end a chain.
//!
//! It never validates check digits (a mistyped ID is still personal),
//! never panics, and runs in linear time without regular
//! expressions: a sub-chain holds at most 18 groups. The happy path (a
//! text with fewer than 11 digits) allocates nothing.

use std::sync::atomic::{AtomicU64, Ordering};

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use crate::diagnostics::problem::NumberKind;

/// A personal number found: where its first and last characters were
/// pushed (positions as the caller gave them), and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Finding {
    /// Position of its first digit.
    pub(crate) start: usize,
    /// Position of its last digit (or of the `X` of an ID number).
    pub(crate) last: usize,
    /// What kind of number it is.
    pub(crate) kind: NumberKind,
}

/// The value of a digit (after folding): ASCII or Tibetan (U+0F20–U+0F29).
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{0F20}'..='\u{0F29}' => Some((u32::from(c) - 0x0F20) as u8),
        _ => None,
    }
}

/// Whether `c` is in the Tibetan block, whose compatibility decompositions
/// hold no digit and no separator.
fn is_tibetan(c: char) -> bool {
    ('\u{0F00}'..='\u{0FFF}').contains(&c)
}

/// What a character (after folding) is to the scanner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Digit(u8),
    /// A visible separator.
    Separator,
    /// A character that joins groups without being seen.
    Invisible,
    /// Anything else: ends a chain.
    Other,
}

fn class(c: char) -> Class {
    if let Some(d) = digit(c) {
        return Class::Digit(d);
    }
    match c {
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Other,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' => Class::Separator,
        '.' | '\u{00B7}' | '\u{2022}' | '\u{2027}' | '\u{2219}' | '\u{22C5}' | '\u{30FB}' => {
            Class::Separator
        }
        '\u{0F0B}' | '\u{0F0C}' | '\u{3002}' => Class::Separator,
        '(' | ')' | '\u{0F3A}'..='\u{0F3D}' => Class::Separator,
        c if c.is_whitespace() => Class::Separator,
        c if c.is_ascii() => Class::Other,
        c if crate::chars::is_format(c) || is_combining_mark(c) => Class::Invisible,
        _ => Class::Other,
    }
}

/// The visible separators between two groups (the first three).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Gap {
    chars: [char; 3],
    len: u8,
}

impl Gap {
    /// Whether the gap is exactly one `-` or `.`, as within a date.
    fn date_separator(self) -> bool {
        self.len == 1 && matches!(self.chars[0], '-' | '.')
    }
}

/// Where a group stands in a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Not in one.
    Loose,
    /// Its year.
    First,
    /// Its month, before a day.
    Middle,
    /// Its last group.
    Last,
}

/// A maximal run of digits.
#[derive(Debug, Clone, Copy)]
struct Group {
    /// Position of the first digit.
    start: usize,
    /// Position of the last digit (or of the `X` after it).
    last: usize,
    /// Number of digits (saturating).
    len: u32,
    /// Its value (saturating; exact up to 19 digits).
    value: u64,
    /// Whether `X` or `x` follows right away.
    x_after: bool,
    /// The separators before it (none for the first group of a chain).
    gap: Gap,
    /// Its place in a date.
    unit: Unit,
}

/// Where the scanner is in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// No chain open.
    Idle,
    /// In a group.
    Digits,
    /// After a group, in a separator run.
    Between(Gap),
}

/// The scanner: push characters, mark boundaries, take the findings.
#[derive(Debug)]
pub(crate) struct Scanner {
    chain: Vec<Group>,
    state: State,
    found: Vec<Finding>,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new()
    }
}

impl Scanner {
    /// An empty scanner.
    pub(crate) fn new() -> Scanner {
        Scanner {
            chain: Vec::new(),
            state: State::Idle,
            found: Vec::new(),
        }
    }

    /// Pushes one character of the text, at `at`.
    pub(crate) fn push(&mut self, at: usize, c: char) {
        if c.is_ascii() || is_tibetan(c) {
            // Nothing Tibetan folds to a digit or a separator it is not
            // already (U+0F0C, the non-breaking tsheg, is one).
            self.push_folded(at, c);
        } else {
            decompose_compatible(c, |folded| self.push_folded(at, folded));
        }
    }

    /// Pushes every character of `text`, each at `base` plus its byte
    /// offset in `text`.
    pub(crate) fn push_str(&mut self, base: usize, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if self.state == State::Idle {
                // Nothing is open: skip what can hold no digit, a byte
                // (ASCII) or a character (Han) at a time.
                if b < 0x80 && !b.is_ascii_digit() {
                    i += 1;
                    continue;
                }
                if (0xE4..=0xE9).contains(&b) {
                    i += 3;
                    continue;
                }
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            self.push(base + i, c);
            i += c.len_utf8();
        }
    }

    /// Pushes every character of `text`, all at `at` (a text that has no
    /// place of its own in the source, such as a decoded character
    /// reference).
    pub(crate) fn push_str_at(&mut self, at: usize, text: &str) {
        for c in text.chars() {
            self.push(at, c);
        }
    }

    /// Ends the chain open, if any: the end of a text, a line, a cell.
    pub(crate) fn boundary(&mut self) {
        self.end_chain();
        self.state = State::Idle;
    }

    /// Every finding so far, in order; the scanner is left empty.
    pub(crate) fn take(&mut self) -> Vec<Finding> {
        self.boundary();
        std::mem::take(&mut self.found)
    }

    fn push_folded(&mut self, at: usize, c: char) {
        match (class(c), self.state) {
            (Class::Digit(d), State::Digits) => {
                if let Some(group) = self.chain.last_mut() {
                    group.len = group.len.saturating_add(1);
                    group.value = group.value.saturating_mul(10).saturating_add(u64::from(d));
                    group.last = at;
                }
            }
            (Class::Digit(d), state) => {
                let gap = match state {
                    State::Between(gap) => gap,
                    _ => {
                        self.end_chain();
                        Gap::default()
                    }
                };
                self.chain.push(Group {
                    start: at,
                    last: at,
                    len: 1,
                    value: u64::from(d),
                    x_after: false,
                    gap,
                    unit: Unit::Loose,
                });
                self.state = State::Digits;
            }
            (Class::Invisible, State::Digits) => self.state = State::Between(Gap::default()),
            (Class::Separator, State::Digits) => {
                self.state = State::Between(Gap {
                    chars: [c, ' ', ' '],
                    len: 1,
                });
            }
            (Class::Separator, State::Between(mut gap)) => {
                if gap.len >= 3 {
                    self.boundary();
                } else {
                    gap.chars[usize::from(gap.len)] = c;
                    gap.len += 1;
                    self.state = State::Between(gap);
                }
            }
            (Class::Invisible, _) | (Class::Separator, State::Idle) => {}
            (Class::Other, State::Digits) if matches!(c, 'X' | 'x') => {
                if let Some(group) = self.chain.last_mut() {
                    group.x_after = true;
                    group.last = at;
                }
                self.boundary();
            }
            (Class::Other, State::Idle) => {}
            (Class::Other, _) => self.boundary(),
        }
    }

    /// Reads the chain open for personal numbers, then forgets it.
    fn end_chain(&mut self) {
        let total: u64 = self.chain.iter().map(|g| u64::from(g.len)).sum();
        if total >= 11 {
            mark_dates(&mut self.chain);
            find_in_chain(&self.chain, &mut self.found);
        }
        self.chain.clear();
    }
}

/// Whether `group` is a year 1900–2099.
fn is_year(group: &Group) -> bool {
    group.len == 4 && (1900..=2099).contains(&group.value)
}

/// Whether `group` is a month or a day of month (1–2 digits, 1 to `max`).
fn is_up_to(group: &Group, max: u64) -> bool {
    (1..=2).contains(&group.len) && (1..=max).contains(&group.value)
}

/// How many groups from `k` read as a date (3: year, month and day; 2:
/// year and month), if they do.
fn date_at(chain: &[Group], k: usize) -> Option<usize> {
    chain.get(k).filter(|g| is_year(g))?;
    let month = chain.get(k + 1).filter(|g| is_up_to(g, 12))?;
    let gap = month.gap;
    if !gap.date_separator() || chain[k].gap == gap {
        return None;
    }
    let day = chain.get(k + 2).filter(|g| g.gap == gap && is_up_to(g, 31));
    let len = if day.is_some() { 3 } else { 2 };
    // One more group joined the same way: not a date but a longer figure.
    if chain.get(k + len).is_some_and(|g| g.gap == gap) {
        return None;
    }
    Some(len)
}

/// Marks the dates of a chain, left to right.
fn mark_dates(chain: &mut [Group]) {
    let mut k = 0;
    while k < chain.len() {
        let Some(len) = date_at(chain, k) else {
            chain[k].unit = Unit::Loose;
            k += 1;
            continue;
        };
        chain[k].unit = Unit::First;
        for group in &mut chain[k + 1..k + len - 1] {
            group.unit = Unit::Middle;
        }
        chain[k + len - 1].unit = Unit::Last;
        k += len;
    }
}

/// The kind of number that the groups `sub` make, read together as the
/// `digits` digits of `value` (exact: at most 18 digits).
///
/// A single group is read as the contract says. Two or more groups are an
/// ID number only if the number does not start with `0` and its digits 7
/// to 14 are a birth date (a year from 1900 to this one, month 1–12, day
/// 1–31): an ID number
/// split into groups is still found (`540102 19900312 1234`), while an 18
/// digit line such as a local number and a mobile (`2822222 13908971234`)
/// is read as what it is.
fn kind_of(sub: &[Group], digits: u32, value: u64) -> Option<NumberKind> {
    let last = sub.last()?;
    let id_digits = match digits {
        11 if value / POW10[10] == 1 => return Some(NumberKind::Mobile),
        13 if value / POW10[10] == 861 => return Some(NumberKind::Mobile),
        18 => 18,
        17 if last.x_after => 17,
        _ => return None,
    };
    if sub.len() == 1 {
        return Some(NumberKind::NationalId);
    }
    let born = value / POW10[id_digits - 14] % POW10[8];
    let (year, month, day) = (born / POW10[4], born / 100 % 100, born % 100);
    let plausible = value >= POW10[id_digits - 1]
        && (1900..=this_year()).contains(&year)
        && (1..=12).contains(&month)
        && (1..=31).contains(&day);
    plausible.then_some(NumberKind::NationalId)
}

/// The year of the run's "as of" day, `0` until a run sets it.
static AS_OF_YEAR: AtomicU64 = AtomicU64::new(0);

/// Bounds the birth year of a split ID number by the year of `day` (the
/// run's `--today`), so that what `check` finds depends on its input and
/// `--today` alone; `None`: by this year (UTC). One value for the process,
/// since a run checks with one day (every scanner, on every thread, reads
/// it); the pipeline sets it before it checks anything.
pub fn set_as_of(day: Option<jiff::civil::Date>) {
    let year = day.and_then(|day| u64::try_from(day.year()).ok());
    AS_OF_YEAR.store(year.unwrap_or(0), Ordering::Relaxed);
}

/// The year no one was born after: the "as of" year, or this year (UTC).
fn this_year() -> u64 {
    match AS_OF_YEAR.load(Ordering::Relaxed) {
        0 => clock_year(),
        year => year,
    }
}

/// This year by the clock (UTC; read once).
fn clock_year() -> u64 {
    static YEAR: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *YEAR.get_or_init(|| {
        let year = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .year();
        u64::try_from(year).unwrap_or(2099)
    })
}

/// Powers of ten up to 10^18.
const POW10: [u64; 19] = {
    let mut table = [1u64; 19];
    let mut i = 1;
    while i < 19 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// Every personal number in a chain with its dates marked: for each
/// group from the left that may start one, the shortest sub-chain that
/// makes a mobile number, unless one from there makes an ID number (whose
/// first 11 digits may read as a mobile: `1 1010119900 3121234`); the
/// search goes on after it.
fn find_in_chain(chain: &[Group], found: &mut Vec<Finding>) {
    let mut i = 0;
    while i < chain.len() {
        if matches!(chain[i].unit, Unit::Middle | Unit::Last) {
            i += 1;
            continue;
        }
        let (mut digits, mut value) = (0u32, 0u64);
        let mut loose = false;
        let (mut mobile, mut id) = (None, None);
        for (j, group) in chain.iter().enumerate().skip(i) {
            digits = digits.saturating_add(group.len);
            if digits > 18 {
                break;
            }
            value = value * POW10[group.len as usize] + group.value;
            loose |= group.unit == Unit::Loose;
            if !loose || matches!(group.unit, Unit::First | Unit::Middle) {
                continue;
            }
            match kind_of(&chain[i..=j], digits, value) {
                Some(NumberKind::Mobile) => mobile = mobile.or(Some(j)),
                Some(NumberKind::NationalId) => {
                    id = Some(j);
                    break;
                }
                None => {}
            }
        }
        let hit = id
            .map(|j| (j, NumberKind::NationalId))
            .or(mobile.map(|j| (j, NumberKind::Mobile)));
        match hit {
            Some((j, kind)) => {
                found.push(Finding {
                    start: chain[i].start,
                    last: chain[j].last,
                    kind,
                });
                i = j + 1;
            }
            None => i += 1,
        }
    }
}

/// Whether `text` has at least 11 digits once folded: fewer can hold no
/// personal number, so the scan is skipped (nearly every text).
pub(crate) fn may_hold_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut digits = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            digits += usize::from(b.is_ascii_digit());
            i += 1;
        } else if (0xE4..=0xE9).contains(&b) {
            i += 3;
        } else if b == 0xE0 && bytes.get(i + 1).is_some_and(|b| (0xBC..=0xBF).contains(b)) {
            // Tibetan (U+0F00–U+0FFF): only its digits count.
            let tibetan_digit =
                bytes[i + 1] == 0xBC && bytes.get(i + 2).is_some_and(|b| (0xA0..=0xA9).contains(b));
            digits += usize::from(tibetan_digit);
            i += 3;
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            if digit(c).is_some() {
                digits += 1;
            } else if !is_tibetan(c) {
                decompose_compatible(c, |folded| digits += usize::from(digit(folded).is_some()));
            }
            i += c.len_utf8();
        }
        if digits >= 11 {
            return true;
        }
    }
    false
}

/// Every personal number in `text` read as one text, positions as byte
/// offsets into it.
pub(crate) fn find_personal_numbers(text: &str) -> Vec<Finding> {
    if !may_hold_number(text) {
        return Vec::new();
    }
    let mut scanner = Scanner::new();
    scanner.push_str(0, text);
    scanner.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The findings in `text` as (text from first to last character, kind).
    fn found(text: &str) -> Vec<(&str, NumberKind)> {
        find_personal_numbers(text)
            .iter()
            .map(|f| {
                let end = f.last + text[f.last..].chars().next().map_or(0, char::len_utf8);
                (&text[f.start..end], f.kind)
            })
            .collect()
    }

    /// Whether `text` holds exactly one finding, of `kind`, covering `expected`.
    fn one(text: &str, expected: &str, kind: NumberKind) {
        assert_eq!(found(text), vec![(expected, kind)], "in {text:?}");
    }

    #[test]
    fn national_ids() {
        one(
            "身份证540102199003121234",
            "540102199003121234",
            NumberKind::NationalId,
        );
        one(
            "54010219900312123X",
            "54010219900312123X",
            NumberKind::NationalId,
        );
        one(
            "号码54010219900312123x。",
            "54010219900312123x",
            NumberKind::NationalId,
        );
        one(
            "５４０１０２１９９００３１２１２３Ｘ",
            "５４０１０２１９９００３１２１２３Ｘ",
            NumberKind::NationalId,
        );
        one(
            "540102 19900312 1234",
            "540102 19900312 1234",
            NumberKind::NationalId,
        );
        one(
            "540102-19900312-1234",
            "540102-19900312-1234",
            NumberKind::NationalId,
        );
        one(
            "540102 1990-03-12 123X",
            "540102 1990-03-12 123X",
            NumberKind::NationalId,
        );
        assert!(found("5401021990031212345").is_empty()); // 19 digits
        assert!(found("54010219900312123").is_empty()); // 17 digits, no X
        assert!(found("54010219900312123Y").is_empty());
    }

    #[test]
    fn mobiles() {
        one("13908971234", "13908971234", NumberKind::Mobile);
        one("电话13908971234。", "13908971234", NumberKind::Mobile);
        one("ཁ་པར13908971234", "13908971234", NumberKind::Mobile);
        one(
            "１３９０８９７１２３４",
            "１３９０８９７１２３４",
            NumberKind::Mobile,
        );
        one("ཁ་པར༡༣༩༠༨༩༧༡༢༣༤།", "༡༣༩༠༨༩༧༡༢༣༤", NumberKind::Mobile);
        one("+8613908971234", "8613908971234", NumberKind::Mobile);
        one("8613908971234", "8613908971234", NumberKind::Mobile);
        one("tel ＋8613908971234", "8613908971234", NumberKind::Mobile);
        one(
            "拨打+86 139-0897-1234吧",
            "86 139-0897-1234",
            NumberKind::Mobile,
        );
        one("86-139 0897 1234", "86-139 0897 1234", NumberKind::Mobile);
        one("+86 13908971234", "86 13908971234", NumberKind::Mobile);
    }

    #[test]
    fn groups_join_across_any_separator_run() {
        for text in [
            "139 0897 1234",
            "139-0897-1234",
            "139 0897-1234",
            "139  0897 1234",
            "139\u{3000}0897\u{3000}1234",
            "139－0897－1234",
            "139.0897.1234",
            "139 08971234",
            "1390 897 1234",
            "(139)0897-1234",
            "（139）0897－1234",
            "139\u{a0}0897\u{a0}1234",
            "139\u{2010}0897\u{2010}1234",
            "139\u{2014}0897\u{2212}1234",
            "139\u{200b}0897\u{200b}1234",
            "139\u{ad}0897\u{ad}1234",
            "139\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}0897 1234",
            "139 - 0897 - 1234",
            "139·0897·1234",
            "139。0897。1234",
            "1 3 9 0 8 9 7 1 2 3 4",
            "①③⑨⓪⑧⑨⑦①②③④",
            "𝟏𝟑𝟗𝟎𝟖𝟗𝟕𝟏𝟐𝟑𝟒",
            "༡༣༩་༠༨༩༧་༡༢༣༤",
        ] {
            assert_eq!(
                found(text).iter().map(|f| f.1).collect::<Vec<_>>(),
                [NumberKind::Mobile],
                "{text:?}"
            );
        }
    }

    #[test]
    fn what_does_not_join() {
        for text in [
            "139    0897 1234",   // four spaces
            "139 -- 0897 - 1234", // four separators
            "139\n0897\n1234",
            "139,0897,1234",
            "139、0897、1234",
            "139/0897/1234",
            "139:0897:1234",
            "139_0897_1234",
            "139a0897b1234",
        ] {
            assert!(found(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn a_number_beside_another_is_found() {
        one(
            "0897-2822222 13908971234",
            "13908971234",
            NumberKind::Mobile,
        );
        one(
            "0897-2822222 139 0897 1234",
            "139 0897 1234",
            NumberKind::Mobile,
        );
        one(
            "(0897)2822222 139-0897-1234",
            "139-0897-1234",
            NumberKind::Mobile,
        );
        one("0-1390897-1234", "1390897-1234", NumberKind::Mobile);
        one("2021-01-10 13908971234", "13908971234", NumberKind::Mobile);
        one("1990.8.12.1234", "1990.8.12.1234", NumberKind::Mobile);
        one("1990.8.12 1234", "1990.8.12 1234", NumberKind::Mobile);
        one("2822222 13908971234", "13908971234", NumberKind::Mobile);
        // Born this year: still a person's.
        let newborn = format!("540102 {}0101 1234", this_year());
        assert_eq!(found(&newborn).len(), 1, "{newborn}");
        one(
            "110101 19900312 123X",
            "110101 19900312 123X",
            NumberKind::NationalId,
        );
        // Its first 11 digits read as a mobile; the whole is the ID.
        one(
            "1-1010119900-3121234",
            "1-1010119900-3121234",
            NumberKind::NationalId,
        );
        one(
            "0897-2822222-139-0897-1234",
            "139-0897-1234",
            NumberKind::Mobile,
        );
    }

    #[test]
    fn honest_numbers_pass() {
        for text in [
            "0897-2822222",
            "(0897)2822222",
            "（0897）2822222",
            "0897 2822222",
            "0897-2822222 0897-2822223",
            "0893 2198212 0971 2212965",
            "0891-2822222 0891-2122222",
            "2198212 0971-2212965",
            "0897-2822222、0897-2822223",
            "010-62822222 010-62822223",
            "0891-6322222 转 8001",
            "0897-2822222-8001",
            "+86 897 2822222",
            "2021-01-10",
            "2021.1.10",
            "2021年1月10日",
            "2021-01-10—2021-01-17",
            "2021.1.30—2021.10.15",
            "2021.1.30 — 2021.10.15",
            "2021.1.10-2021.10.17",
            "1998.10—2003.7",
            "1998.10-2003.12 2004.1-2010.12",
            "2021-01-10 0897-2822222",
            "2021-01-10 09:00—12:00",
            "9.00-12.00 14.30-17.30",
            "得票 1234 票，应到 1523 人，实到 1498 人",
            "2019 2020 2021 2022",
            "12345678901234567890123",
            "藏政发〔2021〕15号",
            "859000 0897-2822222",
            "1390897123",
            "139089712345",
            "23908971234",
            "8623908971234",
            "+8713908971234",
            "1139 0897 1234",
            "139 0897 12345",
            "86 1390897123",
            "213908971234",
            "",
        ] {
            assert!(found(text).is_empty(), "{text:?}: {:?}", found(text));
        }
    }

    #[test]
    fn positions_and_several() {
        let text = "13908971234，身份证540102199003121234\n13908971234";
        let f = find_personal_numbers(text);
        assert_eq!(f.len(), 3);
        assert_eq!((f[0].start, f[0].last), (0, 10));
        assert_eq!(f[2].start, text.len() - 11);
        // Digits on both sides of a newline are separate groups.
        one(
            "1390897\n1234 13908971234",
            "13908971234",
            NumberKind::Mobile,
        );
        assert_eq!(found("139089\n71234").len(), 0);
        assert_eq!(found("13908971234\n540102199003121234").len(), 2);
        // A boundary ends a chain too.
        let mut scanner = Scanner::new();
        scanner.push_str(0, "139 0897");
        scanner.boundary();
        scanner.push_str(8, " 1234");
        assert!(scanner.take().is_empty());
        let mut scanner = Scanner::new();
        scanner.push_str(0, "139 0897");
        scanner.push_str_at(20, "\u{2014}1234");
        let f = scanner.take();
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].start, f[0].last, f[0].kind),
            (0, 20, NumberKind::Mobile)
        );
    }

    #[test]
    fn tibetan_needs_no_folding() {
        for c in '\u{0F00}'..='\u{0FFF}' {
            let mut folded = Vec::new();
            decompose_compatible(c, |f| folded.push(class(f)));
            let own = class(c);
            assert!(
                folded.iter().all(|&f| f == own)
                    || (own == Class::Invisible
                        && folded
                            .iter()
                            .all(|&f| f != Class::Separator && !matches!(f, Class::Digit(_))))
                    || (own == Class::Other
                        && folded
                            .iter()
                            .all(|&f| matches!(f, Class::Other | Class::Invisible))),
                "U+{:04X}: {own:?} folds to {folded:?}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn the_quick_test_counts_folded_digits() {
        assert!(!may_hold_number("扎西岗村 ཀཁག 2021年1月10日"));
        assert!(may_hold_number("13908971234"));
        assert!(may_hold_number("１３９０８９７１２３４"));
        assert!(may_hold_number("༡༣༩༠༨༩༧༡༢༣༤"));
        assert!(may_hold_number("①③⑨⓪⑧⑨⑦①②③④"));
        assert!(!may_hold_number("1390897123"));
    }

    #[test]
    fn never_panics_and_stays_consistent() {
        let check = |text: &str| {
            let mut last = 0;
            for f in find_personal_numbers(text) {
                assert!(last <= f.start && f.start <= f.last && f.last < text.len());
                assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.last));
                last = f.last + 1;
            }
        };
        check(&('\u{0F00}'..='\u{0FFF}').collect::<String>());
        check(&"1".repeat(1 << 20));
        check(&"13908971234".repeat(1000));
        check(&"86 ".repeat(100_000));
        check(&"139 ".repeat(100_000));
        check(&"2021-01-10 ".repeat(10_000));
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet = [
            "1", "3", "8", "6", "0", "+", " ", "-", ".", "(", ")", "X", "１", "༣", "Ｘ", "号",
            "\u{200b}", "\n",
        ];
        for _ in 0..3000 {
            let bytes: Vec<u8> = (0..48).map(|_| next() as u8).collect();
            check(&String::from_utf8_lossy(&bytes));
            let text: String = (0..40)
                .map(|_| alphabet[next() as usize % alphabet.len()])
                .collect();
            check(&text);
        }
    }
}
