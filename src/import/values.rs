//! A cell's value as the village file writes it: a code from its code or
//! the theme's label (女, 初中, 中共预备党员), a birth month from the ways
//! offices type one, a count, a yes or no. Each reading either gives the
//! YAML value or says what is wrong with the cell, with a hint.

use crate::content::codes::{Background, Code, Education, Ethnicity, Gender, Party, Post};
use crate::messages::say;
use crate::render::i18n::Catalog;

use super::columns::normalised;
use super::sheet::Value;

/// Why a cell cannot be read: the message and a hint.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Unread {
    /// What is wrong.
    pub(super) message: String,
    /// How to put it right.
    pub(super) hint: Option<String>,
}

fn unread(message: String, hint: Option<String>) -> Unread {
    Unread { message, hint }
}

/// The codes of one kind with their labels in the site's catalogs.
#[derive(Debug)]
pub(super) struct Labels {
    kind: &'static str,
    /// `(code, its Chinese label, its Tibetan label)`, in the contract's order.
    codes: Vec<(&'static str, String, String)>,
}

/// The code lists a roster's cells are read against, labelled by the
/// site's effective catalogs (the built-in ones with the site's keys over
/// them).
#[derive(Debug)]
pub(super) struct CodeLabels {
    /// 性别.
    pub(super) gender: Labels,
    /// 文化程度.
    pub(super) education: Labels,
    /// 政治面貌.
    pub(super) party: Labels,
    /// 民族.
    pub(super) ethnicity: Labels,
    /// 人选来源.
    pub(super) background: Labels,
    /// 拟任职务.
    pub(super) post: Labels,
}

impl CodeLabels {
    /// The labels of `zh` and `bo`.
    pub(super) fn new(zh: &Catalog, bo: &Catalog) -> CodeLabels {
        CodeLabels {
            gender: Labels::of::<Gender>("gender", zh, bo),
            education: Labels::of::<Education>("education", zh, bo),
            party: Labels::of::<Party>("party", zh, bo),
            ethnicity: Labels::of::<Ethnicity>("ethnicity", zh, bo),
            background: Labels::of::<Background>("background", zh, bo),
            post: Labels::of::<Post>("post", zh, bo),
        }
    }
}

impl Labels {
    /// The codes of `C`, labelled under `codes.<kind>` of the catalogs.
    fn of<C: Code>(kind: &'static str, zh: &Catalog, bo: &Catalog) -> Labels {
        let codes = C::ALL
            .iter()
            .map(|(code, _)| {
                (
                    *code,
                    zh.code(kind, code).to_owned(),
                    bo.code(kind, code).to_owned(),
                )
            })
            .collect();
        Labels { kind, codes }
    }

    /// The code `text` names: the code itself, or its Chinese or Tibetan
    /// label (brackets and spaces as [`normalised`] takes them).
    pub(super) fn code_of(&self, text: &str) -> Result<&'static str, Unread> {
        let wanted = normalised(text);
        let trimmed_bo = crate::render::i18n::without_final_shad(text.trim());
        let found = self.codes.iter().find(|(code, zh, bo)| {
            *code == wanted
                || normalised(zh) == wanted
                || normalised(crate::render::i18n::without_final_shad(bo)) == normalised(trimmed_bo)
        });
        if let Some((code, ..)) = found {
            return Ok(code);
        }
        let shown = crate::diagnostics::shown(text.trim()).into_owned();
        let hint = match self.meant(&wanted) {
            Some(label) => say!("hint.did_you_mean", text = label),
            None if self.codes.len() <= 20 => {
                let labels: Vec<&str> = self.codes.iter().map(|(_, zh, _)| zh.as_str()).collect();
                say!("hint.import_labels", labels = labels.join("、"))
            }
            None => say!("hint.import_label_list", kind = self.kind),
        };
        Err(unread(
            say!("import.unknown_label", value = shown),
            Some(hint),
        ))
    }

    /// The Chinese label most likely meant by `wanted`: one that holds it
    /// or is held by it (大学 → 大学本科), the shortest such; else the
    /// closest by spelling.
    fn meant(&self, wanted: &str) -> Option<&str> {
        if wanted.is_empty() {
            return None;
        }
        let holding = self
            .codes
            .iter()
            .map(|(_, zh, _)| zh.as_str())
            .filter(|zh| {
                let zh = normalised(zh);
                zh.contains(wanted) || wanted.contains(zh.as_str())
            })
            .min_by_key(|zh| zh.chars().count());
        if holding.is_some() {
            return holding;
        }
        let labels: Vec<&str> = self.codes.iter().map(|(_, zh, _)| zh.as_str()).collect();
        crate::suggest::closest(wanted, &labels)
    }
}

/// Digits and the punctuation of dates typed full width (１９９０．０３)
/// made ASCII; everything else kept.
pub(super) fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
            '．' | '。' => '.',
            '－' | '—' => '-',
            '／' => '/',
            '，' => ',',
            c => c,
        })
        .collect()
}

/// A cell's text, trimmed of spaces of any width; a number or date shown
/// as the sheet shows it.
pub(super) fn text_of(value: &Value) -> String {
    value
        .shown()
        .trim_matches(|c: char| c.is_whitespace())
        .to_owned()
}

/// A birth month as the village file writes it (`1990-03`, or
/// `1990-03-15` where the day was given), from `1990.03`, `1990-03`,
/// `1990/3`, `1990年3月`, the same with a day, or a date cell. A number
/// cell is refused: a spreadsheet shows `1990.10` typed into it as
/// `1990.1`, so the month cannot be known.
pub(super) fn born(value: &Value) -> Result<String, Unread> {
    let text = match value {
        Value::Date(y, m, d) => return Ok(format!("{y:04}-{m:02}-{d:02}")),
        Value::Number(_) => {
            return Err(unread(
                say!("import.born_number", value = value.shown()),
                Some(say!("hint.import_born_text")),
            ))
        }
        other => half_width(&text_of(other)),
    };
    let shown = crate::diagnostics::shown(&text).into_owned();
    let bad = || {
        unread(
            say!("import.bad_born", value = shown.clone()),
            Some(say!("hint.import_born_forms")),
        )
    };
    let parts: Vec<&str> = text
        .trim_end_matches(['月', '日'])
        .split(['.', '-', '/', '年', '月'])
        .collect();
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    let number = |p: &str| p.parse::<u32>().unwrap_or(0);
    match parts[..] {
        [y, m] if y.len() == 4 && (1..=12).contains(&number(m)) && m.len() <= 2 => {
            // `1990.1` is what a spreadsheet makes of a typed 1990.10 too.
            if m == "1" && text.contains('.') {
                return Err(unread(
                    say!("import.born_ambiguous", value = shown.clone()),
                    Some(say!("hint.import_born_text")),
                ));
            }
            Ok(format!("{y}-{:02}", number(m)))
        }
        [y, m, d]
            if y.len() == 4
                && (1..=12).contains(&number(m))
                && (1..=31).contains(&number(d))
                && m.len() <= 2
                && d.len() <= 2 =>
        {
            Ok(format!("{y}-{:02}-{:02}", number(m), number(d)))
        }
        _ => Err(bad()),
    }
}

/// A count (votes, voters, ballots): a whole number cell, or digits typed
/// as text (full width, with thousands separators, is fine).
pub(super) fn count(value: &Value) -> Result<u64, Unread> {
    let shown = crate::diagnostics::shown(&value.shown()).into_owned();
    let bad = || {
        unread(
            say!("import.bad_count", value = shown.clone()),
            Some(say!("hint.import_count")),
        )
    };
    match value {
        Value::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e12 => Ok(*n as u64),
        Value::Text(text) => {
            let digits: String = half_width(text.trim())
                .chars()
                .filter(|c| *c != ',')
                .collect();
            if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(bad());
            }
            digits.parse().map_err(|_| bad())
        }
        _ => Err(bad()),
    }
}

/// 是否当选: 是 or 否 (当选, 未当选, a true/false cell, `true`, `false`).
pub(super) fn elected(value: &Value) -> Result<bool, Unread> {
    if let Value::Bool(b) = value {
        return Ok(*b);
    }
    match normalised(&text_of(value)).as_str() {
        "是" | "当选" | "true" | "yes" | "y" => Ok(true),
        "否" | "未当选" | "落选" | "false" | "no" | "n" => Ok(false),
        _ => Err(unread(
            say!(
                "import.bad_elected",
                value = crate::diagnostics::shown(&value.shown())
            ),
            Some(say!("hint.import_elected")),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn birth_months_are_read_in_the_forms_offices_type() {
        for (typed, meant) in [
            ("1990.03", "1990-03"),
            ("1990-03", "1990-03"),
            ("1990/3", "1990-03"),
            ("1990年3月", "1990-03"),
            ("１９９０．０３", "1990-03"),
            ("1990.10 ", "1990-10"),
            ("1990.3", "1990-03"),
            ("1990年3月15日", "1990-03-15"),
            ("1990-03-15", "1990-03-15"),
        ] {
            assert_eq!(born(&text(typed)).as_deref(), Ok(meant), "{typed}");
        }
        assert_eq!(born(&Value::Date(1990, 3, 1)).as_deref(), Ok("1990-03-01"));
    }

    #[test]
    fn a_birth_month_that_cannot_be_known_is_refused() {
        for typed in [
            "1990.1",
            "1990",
            "90.03",
            "1990.13",
            "1990年",
            "三月",
            "1990.03.4x",
        ] {
            assert!(born(&text(typed)).is_err(), "{typed}");
        }
        assert!(born(&Value::Number(1990.1)).is_err());
        assert!(born(&Value::Number(1990.03)).is_err());
    }

    #[test]
    fn counts_take_numbers_stored_as_text() {
        assert_eq!(count(&Value::Number(350.0)), Ok(350));
        assert_eq!(count(&text(" 350 ")), Ok(350));
        assert_eq!(count(&text("１,２３４")), Ok(1234));
        assert!(count(&Value::Number(3.5)).is_err());
        assert!(count(&text("-3")).is_err());
        assert!(count(&text("三百")).is_err());
        assert!(count(&text("99999999999999999999")).is_err());
    }

    #[test]
    fn elected_reads_yes_and_no() {
        assert_eq!(elected(&text("是")), Ok(true));
        assert_eq!(elected(&text(" 否")), Ok(false));
        assert_eq!(elected(&Value::Bool(true)), Ok(true));
        assert!(elected(&text("也许")).is_err());
    }
}
