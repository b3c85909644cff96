//! Script checks for notice text.
//!
//! Finds whether a text has Tibetan letters or Han characters, and finds
//! characters that would not render on the web: private-use code points left
//! by old Chinese input methods, the two deprecated Tibetan vowels, and vowel
//! signs typed before a subjoined letter (these show a dotted circle and NFC
//! does not fix them).
//!
//! It never changes the text, never normalizes it, never panics, and runs in
//! one linear pass with no allocation except the returned list.

use std::fmt;

/// Whether `text` has at least one Tibetan letter (consonants U+0F40–U+0F6C or subjoined consonants U+0F90–U+0FBC).
pub(crate) fn has_tibetan_letter(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{0F40}'..='\u{0F6C}') || is_subjoined(c))
}

/// Whether `text` has at least one Han character (CJK Unified Ideographs and Extensions A–H, Compatibility Ideographs, U+3007 〇).
pub(crate) fn has_han(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{3007}'
            | '\u{3400}'..='\u{4DBF}'    // Extension A
            | '\u{4E00}'..='\u{9FFF}'    // Unified Ideographs
            | '\u{F900}'..='\u{FAFF}'    // Compatibility Ideographs
            | '\u{20000}'..='\u{2A6DF}'  // Extension B
            | '\u{2A700}'..='\u{2EBEF}'  // Extensions C, D, E, F
            | '\u{2F800}'..='\u{2FA1F}'  // Compatibility Ideographs Supplement
            | '\u{30000}'..='\u{323AF}') // Extensions G, H
    })
}

/// Why Tibetan text would not render.
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
}

impl fmt::Display for RenderProblem {
    /// A short plain-English message for staff.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::PrivateUse(c) => write!(
                f,
                "private-use character U+{:04X}: it shows as an empty box on the web",
                u32::from(c)
            ),
            Self::Deprecated(c) => {
                write!(f, "deprecated Tibetan character U+{:04X}", u32::from(c))
            }
            Self::VowelBeforeSubjoined { vowel, subjoined } => write!(
                f,
                "vowel sign {vowel} (U+{:04X}) typed before subjoined letter {subjoined} (U+{:04X}): type the subjoined letter first",
                u32::from(vowel),
                u32::from(subjoined)
            ),
        }
    }
}

/// Whether `c` is a Tibetan subjoined letter (U+0F90–U+0FBC).
fn is_subjoined(c: char) -> bool {
    matches!(c, '\u{0F90}'..='\u{0FBC}')
}

/// Every render problem in `text`, each with the byte offset of the offending character (for `VowelBeforeSubjoined`: of the vowel sign), in order.
///
/// U+0F77 or U+0F79 right before a subjoined letter yields two problems at the
/// same offset: `Deprecated` first, then `VowelBeforeSubjoined`.
pub(crate) fn render_problems(text: &str) -> Vec<(usize, RenderProblem)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}' => {
                out.push((at, RenderProblem::PrivateUse(c)));
            }
            '\u{0F77}' | '\u{0F79}' => out.push((at, RenderProblem::Deprecated(c))),
            _ => {}
        }
        if matches!(c, '\u{0F71}'..='\u{0F7D}' | '\u{0F80}'..='\u{0F81}') {
            if let Some(&(_, next)) = chars.peek().filter(|&&(_, n)| is_subjoined(n)) {
                let problem = RenderProblem::VowelBeforeSubjoined {
                    vowel: c,
                    subjoined: next,
                };
                out.push((at, problem));
            }
        }
    }
    out
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
    fn never_panics() {
        let block: String = ('\u{0F00}'..='\u{0FFF}').collect();
        let _ = (
            has_tibetan_letter(&block),
            has_han(&block),
            render_problems(&block),
        );
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
            let _ = (has_tibetan_letter(&text), has_han(&text));
        }
    }
}
