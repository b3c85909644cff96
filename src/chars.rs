//! Character classes shared by the checks, the identity of persons and the
//! printing of diagnostics, so that all three agree on what is invisible.

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
}
