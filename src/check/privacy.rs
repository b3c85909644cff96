//! Personal-number scan for notice content.
//!
//! Finds anything that looks like a national ID number (17 digits, then a
//! digit or X) or a mobile number (11 digits starting with 1, also after `+86`
//! or `86`, or split `139 0897 1234` / `139-0897-1234`), wherever it stands,
//! also joined to Han or Tibetan letters (`身份证540102199003121234`), unless it
//! is part of a longer run of digits. The product must never publish these;
//! contact fields are excluded by the caller, not here.
//!
//! Digits are ASCII `0-9`, full-width `０-９` and Tibetan `༠-༩` (a phone typed in
//! Tibetan digits is still a phone number); they may be mixed in one number.
//! A "run" is a maximal sequence of such digits, so any other character,
//! Han and Tibetan letters included, separates runs.
//!
//! It never validates check digits or birth dates (a mistyped ID is still
//! personal), never changes the text, never panics, and runs in linear time
//! without regular expressions: each digit run is read a bounded number of times.

/// What kind of personal number was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A national ID number: 18 digits, or 17 digits and `X`/`x`/`Ｘ`/`ｘ`.
    NationalId,
    /// A mobile number, with its `+86`/`86` prefix when present.
    Mobile,
}

/// A personal number found in text: byte range in the original text, and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    /// Byte offset of the first character (a `+` or `86` prefix included).
    pub(crate) start: usize,
    /// Byte offset just past the last character.
    pub(crate) end: usize,
    /// What kind of number it is.
    pub(crate) kind: Kind,
}

/// The value of a digit: ASCII, full-width (U+FF10–U+FF19) or Tibetan (U+0F20–U+0F29).
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(u32::from(c) - 0x30),
        '０'..='９' => Some(u32::from(c) - 0xFF10),
        '\u{0F20}'..='\u{0F29}' => Some(u32::from(c) - 0x0F20),
        _ => None,
    }
}

/// A maximal run of digits.
struct Run {
    /// Byte offset of the first digit.
    start: usize,
    /// Byte offset just past the last digit.
    end: usize,
    /// Number of digits.
    len: usize,
    /// Values of the first three digits (10 where the run is shorter).
    lead: [u32; 3],
}

impl Run {
    /// The run of digits starting at byte `start`, if a digit stands there.
    fn at(text: &str, start: usize) -> Option<Run> {
        let mut run = Run {
            start,
            end: start,
            len: 0,
            lead: [10; 3],
        };
        for c in text.get(start..)?.chars() {
            let Some(d) = digit(c) else { break };
            if let Some(slot) = run.lead.get_mut(run.len) {
                *slot = d;
            }
            run.len += 1;
            run.end += c.len_utf8();
        }
        (run.len > 0).then_some(run)
    }

    /// Whether the run starts with the digit 1.
    fn starts_with_one(&self) -> bool {
        self.lead[0] == 1
    }
}

/// The separator (`' '` or `'-'`) at byte `at`, if any.
fn separator(text: &str, at: usize) -> Option<u8> {
    text.as_bytes()
        .get(at)
        .copied()
        .filter(|b| matches!(b, b' ' | b'-'))
}

/// Where the rest of a split mobile `1xx-xxxx-xxxx` ends, given its first run.
fn split_mobile_end(text: &str, first: &Run) -> Option<usize> {
    if first.len != 3 || !first.starts_with_one() {
        return None;
    }
    let sep = separator(text, first.end)?;
    let middle = Run::at(text, first.end + 1).filter(|r| r.len == 4)?;
    if separator(text, middle.end) != Some(sep) {
        return None;
    }
    Run::at(text, middle.end + 1)
        .filter(|r| r.len == 4)
        .map(|r| r.end)
}

/// Where a mobile number (one 11-digit run starting with 1, or split 3-4-4) starting at `at` ends.
fn mobile_end(text: &str, at: usize) -> Option<usize> {
    let run = Run::at(text, at)?;
    if run.len == 11 && run.starts_with_one() {
        return Some(run.end);
    }
    split_mobile_end(text, &run)
}

/// Every national ID or mobile number in `text`, in order, non-overlapping.
///
/// A `+` (or full-width `＋`) right before an `86` prefix is part of the finding.
/// `86` followed by one space or hyphen and a mobile number is a prefix too.
pub(crate) fn find_personal_numbers(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(c) = text.get(pos..).and_then(|rest| rest.chars().next()) {
        let Some(run) = Run::at(text, pos) else {
            pos += c.len_utf8();
            continue;
        };
        let plus_start = text[..run.start]
            .strip_suffix(['+', '＋'])
            .map_or(run.start, str::len);
        let found = match run.len {
            11 if run.starts_with_one() => Some((run.start, run.end, Kind::Mobile)),
            13 if run.lead == [8, 6, 1] => Some((plus_start, run.end, Kind::Mobile)),
            18 => Some((run.start, run.end, Kind::NationalId)),
            17 => text[run.end..]
                .chars()
                .next()
                .filter(|x| matches!(x, 'X' | 'x' | 'Ｘ' | 'ｘ'))
                .map(|x| (run.start, run.end + x.len_utf8(), Kind::NationalId)),
            2 if run.lead[..2] == [8, 6] => separator(text, run.end)
                .and_then(|_| mobile_end(text, run.end + 1))
                .map(|end| (plus_start, end, Kind::Mobile)),
            3 => split_mobile_end(text, &run).map(|end| (run.start, end, Kind::Mobile)),
            _ => None,
        };
        pos = match found {
            Some((start, end, kind)) => {
                out.push(Finding { start, end, kind });
                end
            }
            None => run.end,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The findings in `text` as (matched text, kind) pairs.
    fn found(text: &str) -> Vec<(&str, Kind)> {
        let findings = find_personal_numbers(text);
        findings
            .iter()
            .map(|f| (&text[f.start..f.end], f.kind))
            .collect()
    }

    /// Whether `text` holds exactly one finding, of `kind`, covering `expected`.
    fn one(text: &str, expected: &str, kind: Kind) {
        assert_eq!(found(text), vec![(expected, kind)], "in {text:?}");
    }

    #[test]
    fn national_ids() {
        one(
            "身份证540102199003121234",
            "540102199003121234",
            Kind::NationalId,
        );
        one("54010219900312123X", "54010219900312123X", Kind::NationalId);
        one(
            "号码54010219900312123x。",
            "54010219900312123x",
            Kind::NationalId,
        );
        one(
            "５４０１０２１９９００３１２１２３Ｘ",
            "５４０１０２１９９００３１２１２３Ｘ",
            Kind::NationalId,
        );
        assert!(found("5401021990031212345").is_empty()); // 19 digits
        assert!(found("54010219900312123").is_empty()); // 17 digits, no X
        assert!(found("54010219900312123Y").is_empty());
    }

    #[test]
    fn mobiles() {
        one("13908971234", "13908971234", Kind::Mobile);
        one("电话13908971234。", "13908971234", Kind::Mobile);
        one("ཁ་པར13908971234", "13908971234", Kind::Mobile);
        one(
            "１３９０８９７１２３４",
            "１３９０８９７１２３４",
            Kind::Mobile,
        );
        one("ཁ་པར༡༣༩༠༨༩༧༡༢༣༤།", "༡༣༩༠༨༩༧༡༢༣༤", Kind::Mobile);
        one("+8613908971234", "+8613908971234", Kind::Mobile);
        one("8613908971234", "8613908971234", Kind::Mobile);
        one("tel ＋8613908971234", "＋8613908971234", Kind::Mobile);
        one("139 0897 1234", "139 0897 1234", Kind::Mobile);
        one("139-0897-1234", "139-0897-1234", Kind::Mobile);
        one("拨打+86 139-0897-1234吧", "+86 139-0897-1234", Kind::Mobile);
        one("86-139 0897 1234", "86-139 0897 1234", Kind::Mobile);
        one("+86 13908971234", "+86 13908971234", Kind::Mobile);
    }

    #[test]
    fn not_personal_numbers() {
        for text in [
            "0897-2822222",
            "2021-01-10",
            "1390897123",
            "139089712345",
            "139 0897-1234",
            "139  0897 1234",
            "得票398",
            "23908971234",
            "8623908971234",
            "+8713908971234",
            "1139 0897 1234",
            "139 0897 12345",
            "86 1390897123",
            "",
        ] {
            assert!(found(text).is_empty(), "{text:?}");
        }
        // The split form is a mobile, the leftover "86 " is not part of it.
        one("86 x 139 0897 1234", "139 0897 1234", Kind::Mobile);
    }

    #[test]
    fn positions_and_several() {
        let text = "13908971234，身份证540102199003121234\n13908971234";
        let f = find_personal_numbers(text);
        assert_eq!(f.len(), 3);
        assert_eq!((f[0].start, f[0].end), (0, 11));
        assert_eq!((f[2].start, f[2].end), (text.len() - 11, text.len()));
        // Digits on both sides of a newline are separate runs.
        one("1390897\n1234 13908971234", "13908971234", Kind::Mobile);
        assert_eq!(found("139089\n71234").len(), 0);
        assert_eq!(found("13908971234\n540102199003121234").len(), 2);
    }

    #[test]
    fn never_panics_and_stays_consistent() {
        let check = |text: &str| {
            let mut last = 0;
            for f in find_personal_numbers(text) {
                assert!(last <= f.start && f.start < f.end && f.end <= text.len());
                assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                last = f.end;
            }
        };
        check(&('\u{0F00}'..='\u{0FFF}').collect::<String>());
        check(&"1".repeat(1 << 20));
        check(&"13908971234".repeat(1000));
        check(&"86 ".repeat(100_000));
        check(&"139 ".repeat(100_000));
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet = [
            "1", "3", "8", "6", "+", " ", "-", "X", "１", "༣", "Ｘ", "号",
        ];
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..48).map(|_| next() as u8).collect();
            check(&String::from_utf8_lossy(&bytes));
            let text: String = (0..40)
                .map(|_| alphabet[next() as usize % alphabet.len()])
                .collect();
            check(&text);
        }
    }
}
