//! Script checks for notice text.
//!
//! Finds whether a text has Tibetan letters or Han characters, and finds
//! characters that would not show as meant: private-use code points left by
//! old Chinese input methods, the two deprecated Tibetan vowels, vowel signs
//! typed before a subjoined letter (these show a dotted circle and NFC does
//! not fix them), vowel signs and subjoined letters with no letter to sit on,
//! a vowel sign twice on one letter, punctuation of other scripts typed for
//! the shad or the tsheg, and invisible format and control characters. Also
//! the shape of a value that YAML would publish other than meant: a Tibetan
//! name with Latin or Han letters in it (values wrapped in typographic
//! quotes are found by [`crate::chars::wrapping_quotes`]). The problems and
//! their words are [`RenderProblem`], in `diagnostics`.
//!
//! It never changes the text, never normalizes it, never panics, and runs in
//! one linear pass with no allocation except the returned list.

use crate::chars::{is_format, vowel_bits};
use crate::diagnostics::problem::RenderProblem;

/// Whether `text` has at least one Tibetan letter (consonants U+0F40–U+0F6C or subjoined consonants U+0F90–U+0FBC).
pub(crate) fn has_tibetan_letter(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{0F40}'..='\u{0F6C}') || is_subjoined(c))
}

/// Whether `text` has at least one Han character (CJK Unified Ideographs and Extensions A–H, Compatibility Ideographs, U+3007 〇).
pub(crate) fn has_han(text: &str) -> bool {
    text.chars().any(is_han)
}

/// Whether `c` is a Han character (CJK Unified Ideographs and Extensions A–H, Compatibility Ideographs, U+3007 〇).
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'    // Extension A
        | '\u{4E00}'..='\u{9FFF}'    // Unified Ideographs
        | '\u{F900}'..='\u{FAFF}'    // Compatibility Ideographs
        | '\u{20000}'..='\u{2A6DF}'  // Extension B
        | '\u{2A700}'..='\u{2EBEF}'  // Extensions C, D, E, F
        | '\u{2F800}'..='\u{2FA1F}'  // Compatibility Ideographs Supplement
        | '\u{30000}'..='\u{323AF}') // Extensions G, H
}

/// The first letter of another script in a `bo` name, and its script's
/// name: `Latin` (A–Z, a–z, full-width Ａ–Ｚ, ａ–ｚ) or `Han`.
pub(crate) fn foreign_letter(name: &str) -> Option<(&'static str, char)> {
    name.chars().find_map(|c| match c {
        'A'..='Z' | 'a'..='z' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            Some(("Latin", c))
        }
        c if is_han(c) => Some(("Han", c)),
        _ => None,
    })
}

/// Whether `c` is a Tibetan subjoined letter (U+0F90–U+0FBC).
fn is_subjoined(c: char) -> bool {
    matches!(c, '\u{0F90}'..='\u{0FBC}')
}

/// Whether `c` is a Tibetan letter a mark can sit on (U+0F40–U+0F6C, and
/// the sign letters U+0F88–U+0F8C).
fn is_letter(c: char) -> bool {
    matches!(c, '\u{0F40}'..='\u{0F6C}' | '\u{0F88}'..='\u{0F8C}')
}

/// Whether `c` is a combining Tibetan mark, which needs a letter before it:
/// vowel signs, subjoined letters and signs, and the other marks
/// (U+0F18–U+0F19, U+0F35, U+0F37, U+0F39, U+0F71–U+0F84, U+0F86–U+0F87,
/// U+0F8D–U+0FBC, U+0FC6). The spacing marks U+0F3E–U+0F3F, which follow
/// digits, are left out.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0F18}'..='\u{0F19}'
        | '\u{0F35}'
        | '\u{0F37}'
        | '\u{0F39}'
        | '\u{0F71}'..='\u{0F84}'
        | '\u{0F86}'..='\u{0F87}'
        | '\u{0F8D}'..='\u{0FBC}'
        | '\u{0FC6}')
}

/// Whether `c` is a Tibetan digit (U+0F20–U+0F33): the base of the digit
/// marks U+0F18–U+0F19.
fn is_digit(c: char) -> bool {
    matches!(c, '\u{0F20}'..='\u{0F33}')
}

/// Whether `c` is a middle dot typed for the tsheg between two syllables.
fn is_middle_dot(c: char) -> bool {
    matches!(
        c,
        '\u{00B7}' | '\u{2022}' | '\u{2027}' | '\u{2219}' | '\u{22C5}' | '\u{30FB}' | '\u{FF65}'
    )
}

/// Whether `c` is a control character (C0, DEL, C1) other than tab, LF and CR.
pub(crate) fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The problem of an invisible or control character, if `c` is one.
pub(crate) fn invisible(c: char) -> Option<RenderProblem> {
    if is_control(c) {
        Some(RenderProblem::Control(c))
    } else if is_format(c) {
        Some(RenderProblem::Invisible(c))
    } else {
        None
    }
}

/// What came before a character, as far as the rules look back.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Before {
    /// A Tibetan letter and its marks so far, with the vowels on it
    /// (see [`vowel_bits`]).
    Letter(u8),
    /// Marks with no letter (reported at the first of them).
    Orphan,
    /// A Tibetan digit, and whether digit marks followed it.
    Digit(bool),
    /// A tsheg.
    Tsheg,
    /// A letter of an Indic script, which keeps its own danda.
    Indic,
    /// Anything else, or the start of the text.
    Other,
}

/// Whether a byte is printable ASCII other than `|`: never a problem, and
/// most of a YAML file.
fn plain_ascii(b: u8) -> bool {
    (0x20..0x7F).contains(&b) && b != b'|'
}

/// Every render problem in `text`, each with the byte offset of the offending character (for `VowelBeforeSubjoined`: of the vowel sign), in order.
///
/// Problems of one character come in this order: `PrivateUse`,
/// `Deprecated`, `Invisible`, `Control` or `Lookalike`, then `NoBase` or
/// `DoubledVowel`, then `VowelBeforeSubjoined`. A run of marks with no
/// letter is one `NoBase`, at its first mark. An ASCII `|` counts only
/// right after a Tibetan letter, mark or tsheg, and not on a line that
/// starts with `|` (a Markdown table); a middle dot only between a Tibetan
/// letter or mark and a Tibetan letter; a Devanagari danda anywhere but
/// after an Indic letter.
///
/// Printable ASCII and Han characters, which can hold no problem, are
/// skipped a byte at a time without decoding.
pub(crate) fn render_problems(text: &str) -> Vec<(usize, RenderProblem)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut before = Before::Other;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if plain_ascii(b) {
            at += 1;
            while bytes.get(at).copied().is_some_and(plain_ascii) {
                at += 1;
            }
            before = Before::Other;
            continue;
        }
        if (0xE4..=0xE9).contains(&b) {
            // U+4000–U+9FFF: Han.
            at += 3;
            before = Before::Other;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let next = at + c.len_utf8();
        before = if ('\u{0F00}'..='\u{0FFF}').contains(&c) {
            tibetan(c, at, before, &bytes[next..], &mut out)
        } else {
            other(c, at, before, text, &mut out)
        };
        at = next;
    }
    out
}

/// The problems of Tibetan character `c` at `at`, followed by `rest`; what
/// comes before the next character.
fn tibetan(
    c: char,
    at: usize,
    before: Before,
    rest: &[u8],
    out: &mut Vec<(usize, RenderProblem)>,
) -> Before {
    if matches!(c, '\u{0F77}' | '\u{0F79}') {
        out.push((at, RenderProblem::Deprecated(c)));
    }
    if !is_mark(c) {
        return match c {
            c if is_letter(c) => Before::Letter(0),
            c if is_digit(c) => Before::Digit(false),
            '\u{0F0B}' | '\u{0F0C}' => Before::Tsheg,
            _ => Before::Other,
        };
    }
    let bits = vowel_bits(c);
    let after = match before {
        Before::Letter(seen) => {
            if seen & bits != 0 {
                out.push((at, RenderProblem::DoubledVowel(c)));
            }
            Before::Letter(seen | bits)
        }
        Before::Digit(_) if matches!(c, '\u{0F18}' | '\u{0F19}') => Before::Digit(true),
        Before::Orphan => Before::Orphan,
        _ => {
            out.push((at, RenderProblem::NoBase(c)));
            Before::Orphan
        }
    };
    // A subjoined letter U+0F90–U+0FBC is E0 BE 90 to E0 BE BC in UTF-8.
    if let (true, [0xE0, 0xBE, third @ 0x90..=0xBC, ..]) = (bits != 0, rest) {
        let subjoined = char::from_u32(0x0F00 + u32::from(*third)).unwrap_or(c);
        out.push((
            at,
            RenderProblem::VowelBeforeSubjoined {
                vowel: c,
                subjoined,
            },
        ));
    }
    after
}

/// The problems of non-Tibetan character `c` at `at` in `text`; what comes
/// before the next character.
fn other(
    c: char,
    at: usize,
    before: Before,
    text: &str,
    out: &mut Vec<(usize, RenderProblem)>,
) -> Before {
    let after_syllable = matches!(
        before,
        Before::Letter(_) | Before::Orphan | Before::Digit(true)
    );
    let lookalike = |right| RenderProblem::Lookalike { found: c, right };
    match c {
        '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}' => {
            out.push((at, RenderProblem::PrivateUse(c)));
        }
        '\u{0964}' if before != Before::Indic => out.push((at, lookalike('\u{0F0D}'))),
        '\u{0965}' if before != Before::Indic => out.push((at, lookalike('\u{0F0E}'))),
        '|' if (after_syllable || before == Before::Tsheg) && !in_table_row(text, at) => {
            out.push((at, lookalike('\u{0F0D}')));
        }
        c if is_middle_dot(c)
            && after_syllable
            && text[at + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(is_letter) =>
        {
            out.push((at, lookalike('\u{0F0B}')));
        }
        _ => {
            if let Some(problem) = invisible(c) {
                out.push((at, problem));
            }
        }
    }
    match c {
        '\u{0964}' | '\u{0965}' => Before::Other,
        '\u{0900}'..='\u{0DFF}' => Before::Indic,
        _ => Before::Other,
    }
}

/// Whether the line of byte offset `at` starts with `|` (after spaces or
/// tabs): a row of a Markdown table.
fn in_table_row(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..]
        .trim_start_matches([' ', '\t'])
        .starts_with('|')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_scripts() {
        assert!(has_tibetan_letter("ཁ་པར"));
        assert!(has_tibetan_letter("\u{0FB1}"));
        assert!(!has_tibetan_letter("༡༢༣ ། ༄")); // digits and marks only
        assert!(
            has_han("选举公告") && has_han("〇") && has_han("\u{2EBE0}") && has_han("\u{31350}")
        );
        assert!(!has_han("ཁ་པར 123 。，"));
    }

    #[test]
    fn finds_render_problems_with_offsets() {
        let text = "a\u{F345}ག\u{0F72}\u{0FB1}ར\u{0F77}";
        let found = render_problems(text);
        assert_eq!(
            found,
            vec![
                (1, RenderProblem::PrivateUse('\u{F345}')),
                (
                    7,
                    RenderProblem::VowelBeforeSubjoined {
                        vowel: 'ི',
                        subjoined: 'ྱ'
                    }
                ),
                (16, RenderProblem::Deprecated('\u{0F77}')),
            ]
        );
        assert!(render_problems("གྱི བཀྲ་ཤིས་ 选举").is_empty()); // correct order
        assert_eq!(render_problems("\u{10FFFD}\u{F0000}").len(), 2);
        let both = render_problems("ར\u{0F79}\u{0FB2}");
        assert!(matches!(
            both[..],
            [
                (3, RenderProblem::Deprecated(_)),
                (3, RenderProblem::VowelBeforeSubjoined { .. })
            ]
        ));
    }

    /// The problems of `text`, with offsets counted in characters (easier
    /// to read in a test than bytes).
    fn found(text: &str) -> Vec<(usize, RenderProblem)> {
        render_problems(text)
            .into_iter()
            .map(|(at, p)| (text[..at].chars().count(), p))
            .collect()
    }

    #[test]
    fn marks_without_a_letter() {
        use RenderProblem::NoBase;
        // At the start, after a tsheg, a shad, a space, a quote, Latin, Han.
        assert_eq!(found("\u{0F72}ཀ"), vec![(0, NoBase('\u{0F72}'))]);
        assert_eq!(found("ཀ་\u{0F74}"), vec![(2, NoBase('\u{0F74}'))]);
        assert_eq!(found("ཀ༌\u{0FB1}"), vec![(2, NoBase('\u{0FB1}'))]);
        assert_eq!(found("ཀ།\u{0F7C}"), vec![(2, NoBase('\u{0F7C}'))]);
        assert_eq!(found("ཀ༑\u{0F7C}"), vec![(2, NoBase('\u{0F7C}'))]);
        assert_eq!(found("ཀ \u{0F7A}"), vec![(2, NoBase('\u{0F7A}'))]);
        assert_eq!(found("\"\u{0F72}ཀ\""), vec![(1, NoBase('\u{0F72}'))]);
        assert_eq!(found("a\u{0F7E}"), vec![(1, NoBase('\u{0F7E}'))]);
        assert_eq!(found("扎\u{0F90}"), vec![(1, NoBase('\u{0F90}'))]);
        assert_eq!(found("\u{0F35}"), vec![(0, NoBase('\u{0F35}'))]);
        assert_eq!(found("x\u{0FC6}"), vec![(1, NoBase('\u{0FC6}'))]);
        // A run of marks with no letter is one problem, at its first mark.
        assert_eq!(
            found("ཀ་\u{0FB1}\u{0F72}\u{0F7E}ཁ"),
            vec![(2, NoBase('\u{0FB1}'))]
        );
        // Digit marks sit on digits; other marks do not.
        assert!(found("༢\u{0F18}༣\u{0F19}").is_empty());
        assert_eq!(found("༢\u{0F72}"), vec![(1, NoBase('\u{0F72}'))]);
        // Correct Tibetan: a-chung with a vowel, stacks, marks on marks.
        for good in [
            "ཨ་ཀཱི",
            "བཀྲ་ཤིས་བདེ་ལེགས།",
            "སྐྱེས་",
            "ཀྵ",
            "ཧཱུྃ",
            "ཨོཾ",
            "ཧྨྱཱ",
            "ཀ\u{0F7F}",
            "\u{0F88}\u{0F8D}",
            "ཀ\u{0F39}",
            "བསྒྲུབས",
            "རྒྱལ་",
        ] {
            assert!(found(good).is_empty(), "{good}: {:?}", found(good));
        }
    }

    #[test]
    fn a_vowel_twice_on_one_letter() {
        use RenderProblem::DoubledVowel;
        assert_eq!(
            found("ཀ\u{0F72}\u{0F72}"),
            vec![(2, DoubledVowel('\u{0F72}'))]
        );
        // Apart, with a subjoined letter or another vowel between.
        assert_eq!(
            found("ག\u{0FB1}\u{0F74}\u{0F7E}\u{0F74}"),
            vec![(4, DoubledVowel('\u{0F74}'))]
        );
        // Through a precomposed vowel that holds it: ཱ + ཱི.
        assert_eq!(
            found("ཀ\u{0F71}\u{0F73}"),
            vec![(2, DoubledVowel('\u{0F73}'))]
        );
        assert_eq!(
            found("ཀ\u{0F71}\u{0F71}"),
            vec![(2, DoubledVowel('\u{0F71}'))]
        );
        // Different vowels, or the same on two letters, are no slip here.
        assert!(found("ཀ\u{0F71}\u{0F72} ཀི་ཀི ཀིཀི").is_empty());
        assert!(found("ཀོ\u{0F7E}").is_empty());
        // Marks with no letter are one NoBase, not also doubled.
        assert_eq!(found(" \u{0F72}\u{0F72}").len(), 1);
    }

    #[test]
    fn lookalike_punctuation() {
        let shad = |found| RenderProblem::Lookalike {
            found, right: '།'
        };
        let tsheg = |found| RenderProblem::Lookalike {
            found, right: '་'
        };
        assert_eq!(found("ཀ।"), vec![(1, shad('।'))]);
        assert_eq!(
            found("ཀ ॥"),
            vec![(
                2,
                RenderProblem::Lookalike {
                    found: '॥',
                    right: '༎'
                }
            )]
        );
        assert!(found("नमस्ते।").is_empty()); // Devanagari keeps its danda
        assert_eq!(found("ཀ।।"), vec![(1, shad('।')), (2, shad('।'))]);
        assert_eq!(found("ཀ|"), vec![(1, shad('|'))]);
        assert_eq!(found("ཀི|"), vec![(2, shad('|'))]);
        assert_eq!(found("ཀ་|"), vec![(2, shad('|'))]);
        assert_eq!(found("བཀྲ·ཤིས"), vec![(3, tsheg('·'))]);
        assert_eq!(found("ཀི•ཁ"), vec![(2, tsheg('•'))]);
        assert_eq!(found("ཀ・ཁ"), vec![(1, tsheg('・'))]);
        for good in [
            "note: |\n  ཀ\n",                  // a YAML block scalar
            "| ཀ | ཁ |\n| --- | --- |\n",      // a Markdown table
            "|ཀ|ཁ|\n|---|---|\n  |ག|ང|\n",     // one without spaces
            "ཀ | ཁ",                           // a `|` after a space
            "扎西·顿珠 ཀ · ཁ ཀ·1 a·ཁ ཀ།·ཁ ཀ·", // dots not between syllables
            "ཀ།",
        ] {
            assert!(found(good).is_empty(), "{good:?}: {:?}", found(good));
        }
        // A table row ends with its line.
        assert_eq!(found("|ཀ|\nཁ|"), vec![(5, shad('|'))]);
    }

    #[test]
    fn invisible_and_control_characters() {
        use RenderProblem::{Control, Invisible};
        let text = "a\u{200B}b\u{00AD}\u{FEFF}ཀ\u{202E}\u{E0041}\u{1B}\u{7F}\u{85}\u{0}\t\r\n";
        assert_eq!(
            found(text),
            vec![
                (1, Invisible('\u{200B}')),
                (3, Invisible('\u{00AD}')),
                (4, Invisible('\u{FEFF}')),
                (6, Invisible('\u{202E}')),
                (7, Invisible('\u{E0041}')),
                (8, Control('\u{1B}')),
                (9, Control('\u{7F}')),
                (10, Control('\u{85}')),
                (11, Control('\u{0}')),
            ]
        );
        // Byte offsets, for the places in a file.
        assert_eq!(render_problems("ཀ\u{200D}")[0].0, 3);
        for c in [
            '\u{200C}',
            '\u{2060}',
            '\u{2064}',
            '\u{206F}',
            '\u{FFFB}',
            '\u{1343F}',
        ] {
            assert_eq!(found(&c.to_string()), vec![(0, Invisible(c))]);
        }
        // Not format characters: no-break space, ideographic space, variation selector.
        assert!(found("a\u{A0}b\u{3000}c\u{FE0F}\u{2028}").is_empty());
    }

    #[test]
    fn letters_of_other_scripts_in_a_name() {
        assert_eq!(foreign_letter("བཀྲ་ཤིས་Dorje"), Some(("Latin", 'D')));
        assert_eq!(foreign_letter("ཀ་ｂ"), Some(("Latin", 'ｂ')));
        assert_eq!(foreign_letter("ཀ་Ｚ"), Some(("Latin", 'Ｚ')));
        assert_eq!(foreign_letter("བཀྲ་ཤིས་扎西"), Some(("Han", '扎')));
        assert_eq!(foreign_letter("བཀྲ་ཤིས་ 2021 · ༡ (ཀ)"), None);
    }

    #[test]
    fn never_panics() {
        let block: String = ('\u{0F00}'..='\u{0FFF}').collect();
        let _ = (
            has_tibetan_letter(&block),
            has_han(&block),
            render_problems(&block),
            foreign_letter(&block),
            crate::chars::wrapping_quotes(&block),
        );
        // Every pair of the block, in both orders around a tsheg and a `|`.
        for a in '\u{0F00}'..='\u{0FFF}' {
            for b in ['ཀ', '\u{0F72}', '\u{0FB1}', '་', '|', '·', '༢'] {
                let text: String = [a, b, a, '|', a, '·', b].iter().collect();
                for (at, _) in render_problems(&text) {
                    assert!(text.is_char_boundary(at));
                }
            }
        }
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..500 {
            let bytes: Vec<u8> = (0..64)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect();
            let text = String::from_utf8_lossy(&bytes);
            for (at, _) in render_problems(&text) {
                assert!(text.is_char_boundary(at));
            }
            let _ = (crate::chars::wrapping_quotes(&text), foreign_letter(&text));
            let _ = (has_tibetan_letter(&text), has_han(&text));
        }
    }
}
