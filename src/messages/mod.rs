//! The tool's own words, in its user's language: diagnostics, progress
//! lines, the preview's error overlay and the command line's help.
//!
//! Every text lives in one catalog per language (`en.yaml`, `zh.yaml`,
//! `bo.yaml` beside this file, built into the binary), under a dotted key
//! (`problem.not_utf8`), with `{name}` where a value goes. A key may have
//! `.one` and `.other` forms for counts ([`fill_count`]). The Tibetan
//! catalog lists in `unconfirmed:` the keys a native reader has not yet
//! confirmed; a key it lacks falls back to Chinese, which Tibetan clerks
//! read, and Chinese falls back to English. A key no catalog has is shown
//! as itself, never a panic.
//!
//! The language is the process's, like a locale: chosen once by
//! [`choose`] before anything is printed (from `--lang`, else `LC_ALL`,
//! `LC_MESSAGES` or `LANG`, else the operating system's display
//! language), and English until then.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

/// A language gongshi speaks to its user in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese.
    Zh,
    /// Tibetan (texts still to be confirmed by a native reader).
    Bo,
    /// English.
    En,
}

impl Lang {
    /// The language a locale tag or `--lang` value names: `zh*` → Chinese,
    /// `bo*` → Tibetan, anything else → English.
    pub fn from_tag(tag: &str) -> Lang {
        let tag = tag.trim().to_ascii_lowercase();
        if tag.starts_with("zh") {
            Lang::Zh
        } else if tag.starts_with("bo") {
            Lang::Bo
        } else {
            Lang::En
        }
    }

    /// The language of the environment: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty, else the
    /// operating system's display language (Windows has no `LANG`).
    pub fn from_environment() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .or_else(sys_locale::get_locale)
            .map_or(Lang::En, |tag| Lang::from_tag(&tag))
    }

    fn catalog_source(self) -> &'static str {
        match self {
            Lang::Zh => include_str!("zh.yaml"),
            Lang::Bo => include_str!("bo.yaml"),
            Lang::En => include_str!("en.yaml"),
        }
    }

    /// The language whose catalog fills this one's gaps.
    fn fallback(self) -> Option<Lang> {
        match self {
            Lang::Bo => Some(Lang::Zh),
            Lang::Zh => Some(Lang::En),
            Lang::En => None,
        }
    }
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Sets the language of every message of this process; the first call wins.
pub fn choose(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The language messages are in.
pub fn lang() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::En)
}

/// One language's texts, by dotted key.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    texts: HashMap<String, String>,
    /// Keys whose text awaits a native reader.
    pub(crate) unconfirmed: Vec<String>,
}

impl Catalog {
    /// Reads a catalog's YAML: nested mappings of texts, and `unconfirmed:`.
    pub(crate) fn parse(source: &str) -> Result<Catalog, serde_yaml::Error> {
        let tree: serde_yaml::Mapping = serde_yaml::from_str(source)?;
        let mut catalog = Catalog::default();
        for (key, value) in &tree {
            let Some(key) = key.as_str() else { continue };
            if key == "unconfirmed" {
                catalog.unconfirmed = serde_yaml::from_value(value.clone())?;
            } else {
                flatten(key, value, &mut catalog.texts);
            }
        }
        Ok(catalog)
    }

    /// Every key, sorted.
    #[cfg(test)]
    pub(crate) fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.texts.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// The text of a key.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }
}

fn flatten(prefix: &str, value: &serde_yaml::Value, out: &mut HashMap<String, String>) {
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (key, child) in map {
                if let Some(key) = key.as_str() {
                    flatten(&format!("{prefix}.{key}"), child, out);
                }
            }
        }
        serde_yaml::Value::String(text) => {
            out.insert(prefix.to_owned(), text.clone());
        }
        _ => {}
    }
}

/// The built-in catalog of a language (a catalog that does not parse is
/// caught by the tests; here it would count as empty).
pub(crate) fn catalog(lang: Lang) -> &'static Catalog {
    static CATALOGS: [OnceLock<Catalog>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match lang {
        Lang::Zh => &CATALOGS[0],
        Lang::Bo => &CATALOGS[1],
        Lang::En => &CATALOGS[2],
    };
    slot.get_or_init(|| Catalog::parse(lang.catalog_source()).unwrap_or_default())
}

/// The keys of the tool's own catalog for `lang` that await a native
/// reader, in the order listed, each with its text (empty if the catalog
/// lacks it). English and Chinese are the source texts: none await one.
pub fn waiting_for_review(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let catalog = catalog(lang);
    catalog
        .unconfirmed
        .iter()
        .map(|key| (key.as_str(), catalog.get(key).unwrap_or("")))
        .collect()
}

/// The text of `key` in the chosen language (or the nearest fallback).
pub fn text(key: &str) -> &'static str {
    text_in(lang(), key)
}

/// The text of `key` in `lang` (or the nearest fallback), whatever language
/// this process chose: the man pages are written in several at once.
pub fn text_in(lang: Lang, key: &str) -> &'static str {
    let mut lang = Some(lang);
    while let Some(l) = lang {
        if let Some(text) = catalog(l).get(key) {
            return text;
        }
        lang = l.fallback();
    }
    ""
}

/// The text of `key` with each `{name}` replaced by its value. A key no
/// catalog has is shown as the key itself.
pub fn fill(key: &str, args: &[(&str, &dyn Display)]) -> String {
    let template = text(key);
    if template.is_empty() {
        return key.to_owned();
    }
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(&value.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Like [`fill`], for a text about `count` things: the key's `.one` form
/// when `count` is 1 and the language has one, else its `.other` form,
/// else the key itself. `{count}` stands for the number.
pub fn fill_count(key: &str, count: usize, args: &[(&str, &dyn Display)]) -> String {
    let mut all: Vec<(&str, &dyn Display)> = vec![("count", &count)];
    all.extend_from_slice(args);
    let one = format!("{key}.one");
    let other = format!("{key}.other");
    if count == 1 && !text(&one).is_empty() {
        fill(&one, &all)
    } else if !text(&other).is_empty() {
        fill(&other, &all)
    } else {
        fill(key, &all)
    }
}

/// `say!("key", name = value, …)`: the text of a catalog key, filled.
macro_rules! say {
    ($key:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::fill($key, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*])
    };
}
pub(crate) use say;

#[cfg(test)]
mod tests;
