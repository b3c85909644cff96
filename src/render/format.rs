//! Dates and numbers written the way each language writes them.

use jiff::civil::Date;

use super::i18n::{fill, Catalog};
use crate::content::codes::{Digits, Language};

/// How one language writes dates and numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style<'a> {
    /// The language.
    pub(crate) lang: Language,
    /// Its catalog.
    pub(crate) catalog: &'a Catalog,
    /// Digits for this language's numbers.
    pub(crate) digits: Digits,
}

impl Style<'_> {
    /// A number in this language's digits.
    pub(crate) fn num(&self, n: impl std::fmt::Display) -> String {
        let text = n.to_string();
        match (self.lang, self.digits) {
            (Language::Bo, Digits::Tibetan) => text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_u32(0x0F20 + d).unwrap_or(c),
                    None => c,
                })
                .collect(),
            _ => text,
        }
    }

    /// Digits inside a text (a share such as `20.67%`) in this language's digits.
    pub(crate) fn num_text(&self, text: &str) -> String {
        self.num(text)
    }

    fn fill_date(&self, pattern: &str, year: i16, month: i8, day: i8) -> String {
        let ordinal = self
            .catalog
            .dates
            .ordinals
            .get(month as usize - 1)
            .map_or("", String::as_str);
        fill(
            pattern,
            &[
                ("year", &self.num(year)),
                ("month", &self.num(month)),
                ("day", &self.num(day)),
                ("ordinal", ordinal),
            ],
        )
    }

    /// A day: `2021年1月10日`, `སྤྱི་ལོ2021ལོའི་ཟླ1པོའི་ཚེས10ཉིན།`.
    pub(crate) fn day(&self, date: Date) -> String {
        self.fill_date(
            &self.catalog.dates.day,
            date.year(),
            date.month(),
            date.day(),
        )
    }

    /// A month: `1990年3月`.
    pub(crate) fn month(&self, year: i16, month: i8) -> String {
        self.fill_date(&self.catalog.dates.month, year, month, 1)
    }

    /// A range of days, as the text of its first and of its last day.
    pub(crate) fn range(&self, first: Date, last: Date) -> (String, String) {
        let dates = &self.catalog.dates;
        let end_pattern = if first.year() == last.year() {
            &dates.range_end_same_year
        } else {
            &dates.range_end_other_year
        };
        (
            self.fill_date(&dates.range_start, first.year(), first.month(), first.day()),
            self.fill_date(end_pattern, last.year(), last.month(), last.day()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::i18n::Catalog;
    use jiff::civil::date;

    fn catalog(lang: &str) -> Catalog {
        let path = format!(
            "{}/themes/default/i18n/{lang}.yaml",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn dates_in_each_language_as_the_glossary_writes_them() {
        let (bo, zh) = (catalog("bo"), catalog("zh"));
        let zh = Style {
            lang: Language::Zh,
            catalog: &zh,
            digits: Digits::Tibetan,
        };
        assert_eq!(
            zh.day(date(2021, 1, 10)),
            "2021年1月10日",
            "Tibetan digits never touch Chinese pages"
        );
        assert_eq!(
            zh.range(date(2021, 1, 10), date(2021, 1, 16)),
            ("2021年1月10日至".to_owned(), "1月16日".to_owned())
        );
        let bo_arabic = Style {
            lang: Language::Bo,
            catalog: &bo,
            digits: Digits::Arabic,
        };
        assert_eq!(bo_arabic.day(date(2021, 1, 10)), "སྤྱི་ལོ2021ལོའི་ཟླ1པོའི་ཚེས10ཉིན");
        assert_eq!(bo_arabic.day(date(2021, 11, 3)), "སྤྱི་ལོ2021ལོའི་ཟླ11པའི་ཚེས3ཉིན");
        assert_eq!(
            bo_arabic.range(date(2021, 1, 10), date(2021, 1, 16)),
            (
                "སྤྱི་ལོ2021ལོའི་ཟླ1པོའི་ཚེས10ཉིན་ནས་".to_owned(),
                "ཟླ1པོའི་ཚེས16ཉིན་གྱི་བར".to_owned()
            )
        );
        let bo_tibetan = Style {
            lang: Language::Bo,
            catalog: &bo,
            digits: Digits::Tibetan,
        };
        assert_eq!(bo_tibetan.day(date(2021, 1, 10)), "སྤྱི་ལོ༢༠༢༡ལོའི་ཟླ༡པོའི་ཚེས༡༠ཉིན");
        assert_eq!(bo_tibetan.num(398), "༣༩༨");
    }
}
