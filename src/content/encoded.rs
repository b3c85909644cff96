//! Problems that serde can carry only as text. A value's deserializer
//! (a code, a date) knows exactly what is wrong, but serde lets it say so
//! only in an error message; the loader wants a typed `Problem`. So the
//! deserializer encodes the problem here, and the loader decodes it here,
//! and no other module knows the encoding.
//!
//! The encoding is a marker, the kind of problem, its fields and an end
//! marker, separated by U+0001 (a control character, which no content
//! file can carry raw, and which an escaped one inside a field cannot
//! fake: fields are escaped). Whatever serde or the YAML parser put
//! around it (a path before, ` at line …` after) is ignored.

/// A problem a value's deserializer found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Encoded {
    /// A code that is not one of its kind's spellings.
    UnknownCode {
        /// The kind's name (`gender`), as `Code::KIND` spells it.
        kind: String,
        /// The value as written.
        value: String,
    },
    /// A date that cannot be read.
    BadDate {
        /// The text as written.
        text: String,
        /// Why the date does not exist, if it is well formed.
        impossible: Option<String>,
        /// The date probably meant.
        suggestion: Option<String>,
        /// Whether a month alone (`1990-03`) is allowed here.
        month_allowed: bool,
    },
}

const START: &str = "\u{1}gongshi\u{1}";
const END: &str = "\u{1}end\u{1}";
const SEP: char = '\u{1}';

/// `problem` as the text of a serde error.
pub(crate) fn encode(problem: &Encoded) -> String {
    let fields: Vec<&str> = match problem {
        Encoded::UnknownCode { kind, value } => vec!["code", kind, value],
        Encoded::BadDate {
            text,
            impossible,
            suggestion,
            month_allowed,
        } => vec![
            "date",
            text,
            impossible.as_deref().unwrap_or(""),
            suggestion.as_deref().unwrap_or(""),
            if *month_allowed { "m" } else { "" },
        ],
    };
    let fields: Vec<String> = fields.iter().map(|f| escape(f)).collect();
    format!("{START}{}{END}", fields.join("\u{1}"))
}

/// The problem encoded somewhere in `message`, if there is one.
pub(crate) fn decode(message: &str) -> Option<Encoded> {
    let start = message.find(START)? + START.len();
    let end = start + message[start..].find(END)?;
    let fields: Vec<String> = message[start..end].split(SEP).map(unescape).collect();
    let optional = |s: &String| Some(s.clone()).filter(|s| !s.is_empty());
    match fields.as_slice() {
        [kind, code, value] if kind == "code" => Some(Encoded::UnknownCode {
            kind: code.clone(),
            value: value.clone(),
        }),
        [kind, text, impossible, suggestion, month] if kind == "date" => Some(Encoded::BadDate {
            text: text.clone(),
            impossible: optional(impossible),
            suggestion: optional(suggestion),
            month_allowed: !month.is_empty(),
        }),
        _ => None,
    }
}

/// U+0001 and U+0002 inside a field, written so that U+0001 only separates.
fn escape(field: &str) -> String {
    field.replace('\u{2}', "\u{2}b").replace('\u{1}', "\u{2}a")
}

fn unescape(field: &str) -> String {
    field.replace("\u{2}a", "\u{1}").replace("\u{2}b", "\u{2}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_reads_back_as_it_was_written_whatever_its_text() {
        let texts = [
            "",
            "mael",
            "男",
            "a\u{1}b",
            "\u{2}a\u{1}",
            "x at line 3 column 4",
            "\u{1}end\u{1}",
            "\u{1}gongshi\u{1}code",
        ];
        for text in texts {
            for problem in [
                Encoded::UnknownCode {
                    kind: "gender".into(),
                    value: text.into(),
                },
                Encoded::BadDate {
                    text: text.into(),
                    impossible: Some(text.to_owned()).filter(|t| !t.is_empty()),
                    suggestion: Some(format!("{text}?")),
                    month_allowed: text.is_empty(),
                },
            ] {
                let message = encode(&problem);
                assert_eq!(decode(&message), Some(problem.clone()), "{message:?}");
                // As serde and the parser pass it on: a path before, a place after.
                let passed = format!("notices[0].gender: {message} at line 3 column 11");
                assert_eq!(decode(&passed), Some(problem), "{passed:?}");
            }
        }
    }

    #[test]
    fn other_messages_are_not_taken_for_an_encoded_problem() {
        for message in [
            "unknown field `nmae`",
            "",
            "\u{1}",
            "\u{1}gongshi\u{1}code\u{1}x",
        ] {
            assert_eq!(decode(message), None, "{message:?}");
        }
    }
}
