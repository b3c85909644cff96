//! The theme's interface strings and code labels (`i18n/bo.yaml`,
//! `i18n/zh.yaml`), and the rules that keep the two languages in step.

use std::collections::BTreeMap;

use serde::Deserialize;

pub use crate::diagnostics::problem::PairProblem;

use crate::content::codes::{
    spellings_of_kind, Background, Body, Code, Education, Ethnicity, Gender, NoticeType, Party,
    Post, VillageKind,
};

/// One language's catalog.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The language's name in itself (`བོད་ཡིག`, `中文`).
    pub language_name: String,
    /// Interface strings by key; `{name}` marks a placeholder.
    pub ui: BTreeMap<String, String>,
    /// Labels of codes, by kind (`gender`, `post`, …) and code.
    pub codes: BTreeMap<String, BTreeMap<String, String>>,
    /// How dates are written.
    pub dates: DatePatterns,
    /// Keys whose wording awaits a translator's confirmation.
    #[serde(default)]
    pub unconfirmed: Vec<String>,
}

/// Date patterns with `{year}`, `{month}`, `{day}` and `{ordinal}` (the
/// month's ordinal suffix, Tibetan only).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatePatterns {
    /// A day: `2021年1月10日`.
    pub day: String,
    /// A month: `1990年3月`.
    pub month: String,
    /// The first day of a range, with its connector: `2021年1月10日至`.
    pub range_start: String,
    /// The last day of a range in the same year: `1月16日`.
    pub range_end_same_year: String,
    /// The last day of a range in another year.
    pub range_end_other_year: String,
    /// Suffix per month 1–12.
    pub ordinals: Vec<String>,
}

impl DatePatterns {
    /// The names of the patterns, as the catalog writes them.
    const NAMES: [&'static str; 6] = [
        "day",
        "month",
        "range_start",
        "range_end_same_year",
        "range_end_other_year",
        "ordinals",
    ];
}

/// A site's catalog laid over the built-in one (its
/// `themes/default/i18n/<lang>.yaml`): every part is optional, and each
/// key it gives replaces that key of the built-in catalog, the others
/// staying as built in (DESIGN.md, Commands: a site may override one
/// catalog key and keep the rest).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogOverride {
    /// The language's name in itself.
    pub language_name: Option<String>,
    /// Interface strings by key.
    #[serde(default, deserialize_with = "or_empty")]
    pub ui: BTreeMap<String, String>,
    /// Labels of codes, by kind and code.
    #[serde(default, deserialize_with = "or_empty")]
    pub codes: BTreeMap<String, BTreeMap<String, String>>,
    /// Date patterns.
    #[serde(default, deserialize_with = "or_empty")]
    pub dates: DatesOverride,
    /// The keys of this file whose wording awaits a translator.
    #[serde(default, deserialize_with = "or_empty")]
    pub unconfirmed: Vec<String>,
}

/// The date patterns a site's catalog may give (see [`DatePatterns`]).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatesOverride {
    day: Option<String>,
    month: Option<String>,
    range_start: Option<String>,
    range_end_same_year: Option<String>,
    range_end_other_year: Option<String>,
    ordinals: Option<Vec<String>>,
}

/// A section written with nothing under it (`ui:` with every line
/// commented out) reads as empty, as a clerk means it.
fn or_empty<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

impl CatalogOverride {
    /// Every key the file gives a text for, as [`Catalog::keys`] names them.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        if self.language_name.is_some() {
            keys.push("language_name".to_owned());
        }
        keys.extend(self.ui.keys().map(|k| format!("ui.{k}")));
        for (kind, codes) in &self.codes {
            keys.extend(codes.keys().map(|code| format!("codes.{kind}.{code}")));
        }
        let d = &self.dates;
        let given = [
            d.day.is_some(),
            d.month.is_some(),
            d.range_start.is_some(),
            d.range_end_same_year.is_some(),
            d.range_end_other_year.is_some(),
            d.ordinals.is_some(),
        ];
        keys.extend(
            DatePatterns::NAMES
                .iter()
                .zip(given)
                .filter(|(_, given)| *given)
                .map(|(name, _)| format!("dates.{name}")),
        );
        keys
    }
}

/// The code kinds every catalog labels, with their codes.
pub(crate) fn code_kinds() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut kinds: Vec<(&'static str, Vec<&'static str>)> = vec![
        ("gender", spellings_of_kind(Gender::KIND)),
        ("education", spellings_of_kind(Education::KIND)),
        (
            "education_group",
            vec!["junior_high_or_below", "secondary", "college_or_above"],
        ),
        ("party", spellings_of_kind(Party::KIND)),
        ("ethnicity", spellings_of_kind(Ethnicity::KIND)),
        ("background", spellings_of_kind(Background::KIND)),
        ("body", spellings_of_kind(Body::KIND)),
        ("village_body", spellings_of_kind(Body::KIND)),
        ("community_body", spellings_of_kind(Body::KIND)),
        ("post", spellings_of_kind(Post::KIND)),
        ("kind", spellings_of_kind(VillageKind::KIND)),
        ("notice_type", spellings_of_kind(NoticeType::KIND)),
    ];
    kinds.sort_by_key(|(k, _)| *k);
    kinds
}

/// Problems that make a pair of catalogs unusable: keys in one language
/// only, unlabelled codes, a wrong number of ordinals; each with the
/// language (`bo`, `zh`) of the catalog it is found in.
pub fn check_pair(bo: &Catalog, zh: &Catalog) -> Vec<(&'static str, PairProblem)> {
    let mut problems = Vec::new();
    for (name, this, other) in [("bo", bo, zh), ("zh", zh, bo)] {
        for key in this.ui.keys().filter(|k| !other.ui.contains_key(*k)) {
            let missing = if name == "bo" { "zh" } else { "bo" };
            problems.push((
                missing,
                PairProblem::MissingKey {
                    key: key.clone(),
                    has: name,
                },
            ));
        }
        for (kind, codes) in code_kinds() {
            for code in codes {
                let labelled = this
                    .codes
                    .get(kind)
                    .and_then(|m| m.get(code))
                    .is_some_and(|l| !l.trim().is_empty());
                if !labelled {
                    problems.push((name, PairProblem::NoLabel { kind, code }));
                }
            }
        }
        if this.dates.ordinals.len() != 12 {
            problems.push((name, PairProblem::Ordinals));
        }
    }
    problems
}

impl Catalog {
    /// Every key of the catalog's texts, as `unconfirmed:` names them:
    /// `language_name`, `ui.<key>`, `codes.<kind>.<code>` and `dates.<name>`.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = vec!["language_name".to_owned()];
        keys.extend(self.ui.keys().map(|k| format!("ui.{k}")));
        for (kind, codes) in &self.codes {
            keys.extend(codes.keys().map(|code| format!("codes.{kind}.{code}")));
        }
        keys.extend(DatePatterns::NAMES.iter().map(|n| format!("dates.{n}")));
        keys
    }

    /// The text of a key as [`Catalog::keys`] names it (the month
    /// ordinals joined by `, `); `None` for a key the catalog lacks.
    pub fn text(&self, key: &str) -> Option<String> {
        if key == "language_name" {
            return Some(self.language_name.clone());
        }
        let (section, rest) = key.split_once('.')?;
        match section {
            "ui" => self.ui.get(rest).cloned(),
            "codes" => {
                let (kind, code) = rest.split_once('.')?;
                self.codes.get(kind)?.get(code).cloned()
            }
            "dates" => {
                let d = &self.dates;
                Some(match rest {
                    "day" => d.day.clone(),
                    "month" => d.month.clone(),
                    "range_start" => d.range_start.clone(),
                    "range_end_same_year" => d.range_end_same_year.clone(),
                    "range_end_other_year" => d.range_end_other_year.clone(),
                    "ordinals" => d.ordinals.join(", "),
                    _ => return None,
                })
            }
            _ => None,
        }
    }

    /// The entries of `unconfirmed:` that name no key of this catalog,
    /// each with its place in the list and the key it probably means.
    pub fn unknown_unconfirmed(&self) -> Vec<(usize, &str, Option<String>)> {
        self.unknown_among(&self.unconfirmed)
    }

    /// The entries of `listed` (an `unconfirmed:` list as one file gives
    /// it) that name no key of this catalog, each with its place in the
    /// list and the key it probably means.
    pub fn unknown_among<'l>(&self, listed: &'l [String]) -> Vec<(usize, &'l str, Option<String>)> {
        let keys = self.keys();
        let names: Vec<&str> = keys.iter().map(String::as_str).collect();
        listed
            .iter()
            .enumerate()
            .filter(|(_, key)| self.text(key).is_none())
            .map(|(index, key)| {
                let closest = crate::suggest::closest(key, &names).map(str::to_owned);
                (index, key.as_str(), closest)
            })
            .collect()
    }

    /// Lays a site's catalog over this one, key by key. A key the site
    /// gives awaits review only if the site's `unconfirmed:` lists it (its
    /// wording is the site's); every other key keeps its built-in
    /// standing. Returns the keys whose text the site changes or adds, in
    /// the order of [`Catalog::keys`].
    pub fn overlay(&mut self, over: CatalogOverride) -> Vec<String> {
        let given = over.keys();
        let before: Vec<(String, Option<String>)> = given
            .iter()
            .map(|key| (key.clone(), self.text(key)))
            .collect();
        let CatalogOverride {
            language_name,
            ui,
            codes,
            dates,
            unconfirmed,
        } = over;
        if let Some(name) = language_name {
            self.language_name = name;
        }
        self.ui.extend(ui);
        for (kind, labels) in codes {
            self.codes.entry(kind).or_default().extend(labels);
        }
        let d = &mut self.dates;
        let patterns = [
            (&mut d.day, dates.day),
            (&mut d.month, dates.month),
            (&mut d.range_start, dates.range_start),
            (&mut d.range_end_same_year, dates.range_end_same_year),
            (&mut d.range_end_other_year, dates.range_end_other_year),
        ];
        for (pattern, given) in patterns {
            if let Some(given) = given {
                *pattern = given;
            }
        }
        if let Some(ordinals) = dates.ordinals {
            d.ordinals = ordinals;
        }
        self.unconfirmed.retain(|key| !given.contains(key));
        for key in unconfirmed {
            if !self.unconfirmed.contains(&key) {
                self.unconfirmed.push(key);
            }
        }
        let changed: Vec<&String> = before
            .iter()
            .filter(|(key, text)| self.text(key) != *text)
            .map(|(key, _)| key)
            .collect();
        self.keys()
            .into_iter()
            .filter(|key| changed.contains(&key))
            .collect()
    }

    /// An interface string, or its key in brackets if a custom theme lacks it
    /// (the pair check has reported that already).
    pub fn ui<'a>(&'a self, key: &'a str) -> &'a str {
        self.ui.get(key).map_or(key, String::as_str)
    }

    /// The label of a code.
    pub fn code<'a>(&'a self, kind: &str, code: &'a str) -> &'a str {
        self.codes
            .get(kind)
            .and_then(|m| m.get(code))
            .map_or(code, String::as_str)
    }

    /// The name of one village's body, which follows its kind: 村民委员会
    /// for a village, 居民委员会 for a community (`codes.body` holds the
    /// combined 村（居）民委员会 for texts about many villages).
    pub fn body_of(&self, kind: VillageKind, body: Body) -> &str {
        let kinds = match kind {
            VillageKind::Village => "village_body",
            VillageKind::Community => "community_body",
        };
        self.code(kinds, body.as_str())
    }
}

/// `text` followed by the Tibetan genitive particle its last syllable
/// takes (ཀྱི after ད བ ས, གྱི after ན མ ར ལ, གི after ག ང, འི joined
/// to a syllable that ends in a vowel or འ), so that a title reads body,
/// genitive, type: `གྲོང་མི་ཨུ་ཡོན་ལྷན་ཁང་གི་འོས་མིའི་ཁྱབ་བསྒྲགས`. A final shad
/// of `text` is dropped first; text that does not end in a Tibetan letter
/// takes ཡི.
pub(crate) fn with_genitive(text: &str) -> String {
    let text = without_final_shad(text).trim_end_matches('\u{0F0B}');
    let syllable = text.rsplit('\u{0F0B}').next().unwrap_or(text);
    let is_letter = |c: char| ('\u{0F40}'..='\u{0F6C}').contains(&c);
    let Some(last) = syllable.chars().last() else {
        return text.to_owned();
    };
    // A syllable ends in a consonant only when its last character is a
    // letter and it has another letter before it (ཁང, འཛུགས); a lone
    // letter, a vowel sign or a subjoined letter ends it in a vowel (ཚོ, རྩ).
    let ends_in_consonant =
        is_letter(last) && syllable.chars().filter(|&c| is_letter(c)).count() > 1;
    if !ends_in_consonant {
        return if is_letter(last) || ('\u{0F71}'..='\u{0FBC}').contains(&last) {
            format!("{text}འི")
        } else {
            format!("{text}་ཡི")
        };
    }
    match last {
        'ད' | 'བ' | 'ས' => format!("{text}་ཀྱི"),
        'ན' | 'མ' | 'ར' | 'ལ' => format!("{text}་གྱི"),
        'ག' | 'ང' => format!("{text}་གི"),
        'འ' => format!("{text}ི"),
        _ => format!("{text}་ཡི"),
    }
}

/// Fills `{name}` placeholders. A value that ends in a shad and is followed
/// by more of the sentence loses that shad (and the tsheg before it, as in
/// `ང་།`), so that no `།་` arises: the sentence supplies its own
/// punctuation (DESIGN.md, Content).
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    // One pass: a value is never searched for placeholders itself.
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                rest = &after[close + 1..];
                out.push_str(if rest.is_empty() {
                    value
                } else {
                    without_final_shad(value)
                });
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` without a final shad (or double shad), and without the tsheg
/// that a shad after ང is written with.
pub(crate) fn without_final_shad(text: &str) -> &str {
    match text.strip_suffix(['\u{0F0D}', '\u{0F0E}']) {
        Some(rest) => rest.strip_suffix('\u{0F0B}').unwrap_or(rest),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::{fill, with_genitive};

    #[test]
    fn the_genitive_follows_the_last_syllable() {
        for (text, expected) in [
            ("གྲོང་མི་ཨུ་ཡོན་ལྷན་ཁང", "གྲོང་མི་ཨུ་ཡོན་ལྷན་ཁང་གི"),
            ("གྲོང་ཚོའི་ཏང་རྩ་འཛུགས", "གྲོང་ཚོའི་ཏང་རྩ་འཛུགས་ཀྱི"),
            ("སྡེ་ཁུལ", "སྡེ་ཁུལ་གྱི"),
            ("གྲོང་ཚོ", "གྲོང་ཚོའི"),
            ("ཏང་རྩ", "ཏང་རྩའི"),
            ("ཁ", "ཁའི"),
            ("དགའ", "དགའི"),
            ("ཏང་ཡན་ལག", "ཏང་ཡན་ལག་གི"),
            ("རྫོང་།", "རྫོང་གི"),
            ("ལྷན་ཁང་", "ལྷན་ཁང་གི"),
            ("JSON", "JSON་ཡི"),
        ] {
            assert_eq!(with_genitive(text), expected, "{text}");
        }
    }

    #[test]
    fn fills_each_placeholder_once() {
        let filled = fill(
            "{n} of {total} {unknown} {",
            &[("n", "{total}"), ("total", "7")],
        );
        assert_eq!(filled, "{total} of 7 {unknown} {");
        assert_eq!(fill("第{n}天", &[("n", "3")]), "第3天");
    }

    #[test]
    fn an_inserted_final_shad_gives_way_to_the_sentence() {
        let sentence = "{office}་ལ་ཞུ་རོགས།";
        assert_eq!(
            fill(sentence, &[("office", "རྩ་འཛུགས་པུའུ།")]),
            "རྩ་འཛུགས་པུའུ་ལ་ཞུ་རོགས།"
        );
        assert_eq!(
            fill(sentence, &[("office", "ཏང་ཨུད་ཁང་།")]),
            "ཏང་ཨུད་ཁང་ལ་ཞུ་རོགས།"
        );
        // At the end of the pattern the text stands alone and keeps its shad.
        assert_eq!(fill("{name}", &[("name", "བཀྲ་ཤིས།")]), "བཀྲ་ཤིས།");
        assert_eq!(fill("{n}天", &[("n", "3")]), "3天");
    }
}
