//! Character classes shared by the checks, the identity of persons and the
//! printing of diagnostics, so that all three agree on what is invisible,
//! what is a Tibetan vowel sign and what wraps a value in quotes.

/// Whether `c` is a format character (Unicode 15.1 general category Cf).
pub fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0600}'..='\u{0605}'
        | '\u{061C}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

/// The vowels a vowel sign writes, one bit each (a-chung, i, u, e, ai, o,
/// au, reversed i), so that a precomposed sign (ཱི U+0F73 = ཱ + ི) counts as
/// both of its parts; 0 for anything that is not a vowel sign.
pub fn vowel_bits(c: char) -> u8 {
    const AA: u8 = 1;
    const RI: u8 = 1 << 7;
    match c {
        '\u{0F71}' => AA,
        '\u{0F72}' => 1 << 1,
        '\u{0F73}' => AA | 1 << 1,
        '\u{0F74}' => 1 << 2,
        '\u{0F75}' => AA | 1 << 2,
        '\u{0F76}' | '\u{0F78}' | '\u{0F80}' => RI,
        '\u{0F77}' | '\u{0F79}' | '\u{0F81}' => AA | RI,
        '\u{0F7A}' => 1 << 3,
        '\u{0F7B}' => 1 << 4,
        '\u{0F7C}' => 1 << 5,
        '\u{0F7D}' => 1 << 6,
        _ => 0,
    }
}

/// Typographic quotes that wrap a whole value: “…”, ‘…’, 「…」, 『…』 and the
/// full-width ＂…＂.
const QUOTE_PAIRS: [(char, char); 5] = [
    ('\u{201C}', '\u{201D}'),
    ('\u{2018}', '\u{2019}'),
    ('\u{300C}', '\u{300D}'),
    ('\u{300E}', '\u{300F}'),
    ('\u{FF02}', '\u{FF02}'),
];

/// The opening and closing quote, if `value` (white space around it aside)
/// is wrapped in a pair of typographic quotes with no closing quote of that
/// pair inside: `“扎西”`, but not `关于“两委”换届` nor `“两委”和“村委”`.
pub fn wrapping_quotes(value: &str) -> Option<(char, char)> {
    let value = value.trim();
    let mut chars = value.chars();
    let (first, last) = (chars.next()?, chars.next_back()?);
    QUOTE_PAIRS
        .into_iter()
        .find(|&(open, close)| first == open && last == close)
        .filter(|&(_, close)| !chars.as_str().contains(close))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_characters_are_those_of_category_cf() {
        let cf = [
            '\u{00AD}',
            '\u{0605}',
            '\u{180E}',
            '\u{200B}',
            '\u{200F}',
            '\u{202A}',
            '\u{2064}',
            '\u{2066}',
            '\u{206F}',
            '\u{FEFF}',
            '\u{FFFB}',
            '\u{1343F}',
            '\u{E0001}',
            '\u{E007F}',
        ];
        for c in cf {
            assert!(is_format(c), "U+{:04X}", c as u32);
        }
        let not_cf = [
            'a',
            ' ',
            '\u{00AC}',
            '\u{00AE}',
            '\u{200A}',
            '\u{2010}',
            '\u{2065}',
            '\u{0F0B}',
            '\u{FEFE}',
            '\u{FFFC}',
            '\u{E0002}',
            '\u{E0080}',
            '扎',
        ];
        for c in not_cf {
            assert!(!is_format(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn values_in_typographic_quotes() {
        assert_eq!(wrapping_quotes("“扎西”"), Some(('“', '”')));
        assert_eq!(wrapping_quotes(" ‘ཀ’ "), Some(('‘', '’')));
        assert_eq!(wrapping_quotes("「a」"), Some(('「', '」')));
        assert_eq!(wrapping_quotes("『a』"), Some(('『', '』')));
        assert_eq!(wrapping_quotes("＂a＂"), Some(('＂', '＂')));
        assert_eq!(wrapping_quotes("“”"), Some(('“', '”')));
        for fine in [
            "关于“两委”换届",
            "“两委”换届",
            "换届“两委”",
            "“两委”和“村委”",
            "“",
            "”",
            "",
            "\"a\"",
            "“a“",
            "＂",
        ] {
            assert_eq!(wrapping_quotes(fine), None, "{fine}");
        }
    }
}
