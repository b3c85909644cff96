//! Search without a server (DESIGN.md, Site): the search page of each
//! language, and the index it reads.
//!
//! A page opened from `file://` may not fetch, so the index is JavaScript
//! that only assigns data to `window.gongshiSearch`, loaded with
//! `<script src>` by the theme's `static/search.js`:
//!
//! - `search/places.js`: every county, township and village (folder name
//!   and both names), loaded whole; and which person shards exist, so
//!   the page never asks for one that does not (a missing script is an
//!   error in the browser's console).
//! - `search/zh/<key>.js`, `search/bo/<key>.js`: the persons whose Chinese
//!   name starts with one character, or whose Tibetan name starts with one
//!   syllable, with the village and notices that name them. `<key>` is the
//!   character's or syllable's code points in hex (`6b21`, `0f5a-0f7a`):
//!   file names stay ASCII on every file system, and a query loads only
//!   its shard.
//!
//! Names are written without a final shad (they are labels), as the
//! content has them otherwise (NFC: the loader normalises every text).
//! Each file is keyed by what it holds, so a rebuild in which no name
//! changed renders none of them; rows are sorted, so the files are the
//! same bytes in every build. `search.js` splits Tibetan into syllables
//! at the same characters as [`is_syllable_end`], and keys shards as
//! [`shard_of`] does.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use tera::Value;

use super::i18n::without_final_shad;
use super::pages::{html_lang, Emit, Pages};
use crate::content::codes::{Body, VillageKind};
use crate::site::{Site, SiteNotice, SiteNoticeDetail, SitePerson, SiteVillage};

/// Bumped when the files' format changes: their keys change with it.
const FORMAT: &str = "gongshi search index 1";

/// A shard is keyed by at most this many code points of a first
/// syllable (a "syllable" of text without tshegs may be long).
const KEY_CHARS: usize = 8;

/// The prefix of every index file: the object the data goes into.
const PRELUDE: &str = "var g=window.gongshiSearch=window.gongshiSearch||{};";

/// Where a Tibetan name is split into syllables: the tsheg (and its
/// non-breaking form), the shads and spaces.
pub(crate) fn is_syllable_end(c: char) -> bool {
    matches!(
        c,
        '\u{0F0B}'..='\u{0F12}' | '\u{0F14}' | ' ' | '\t' | '\n' | '\r' | '\u{A0}' | '\u{3000}'
    )
}

/// The syllables of a Tibetan text, without their ends.
pub(crate) fn syllables(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_syllable_end).filter(|s| !s.is_empty())
}

/// The scripts a person is found by, each with its shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    /// By the first character of the Chinese name.
    Zh,
    /// By the first syllable of the Tibetan name.
    Bo,
}

impl Script {
    const ALL: [Script; 2] = [Script::Zh, Script::Bo];

    fn folder(self) -> &'static str {
        match self {
            Script::Zh => "zh",
            Script::Bo => "bo",
        }
    }

    /// The person's name in this script, and in the other.
    fn names<'a>(self, person: &SitePerson<'a>) -> (&'a str, &'a str) {
        match self {
            Script::Zh => (person.zh, person.bo),
            Script::Bo => (person.bo, person.zh),
        }
    }
}

/// The shard that holds a name of `script`: its first character (Chinese)
/// or the first [`KEY_CHARS`] code points of its first syllable
/// (Tibetan); none for a blank name.
pub(crate) fn shard_of(script: Script, name: &str) -> Option<&str> {
    let (text, chars) = match script {
        Script::Zh => (name.trim(), 1),
        Script::Bo => (syllables(name).next()?, KEY_CHARS),
    };
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| at);
    (end > 0).then(|| &text[..end])
}

/// The file name of a shard (without `.js`): its code points in hex.
pub(crate) fn file_name(key: &str) -> String {
    let hex: Vec<String> = key.chars().map(|c| format!("{:04x}", c as u32)).collect();
    hex.join("-")
}

/// The search page of one language: its texts, the titles of notices it
/// shows beside a person, and where the county list is for a browser
/// without JavaScript. Made from the site's settings and the theme alone.
pub(super) fn page(page: &Pages<'_>, emit: &mut Emit<'_>) -> Result<(), String> {
    let segments = ["search"];
    page.write_from(emit, "search.html", &segments, page.inputs_key, || {
        let title = object! {
            "text": page.ui("search_title"),
            "lang": html_lang(page.lang),
            "missing": false,
        };
        let mut context = page.base(&segments, title, Vec::new());
        let titles: Vec<String> = [VillageKind::Village, VillageKind::Community]
            .into_iter()
            .flat_map(|kind| {
                [Body::PartyBranch, Body::Committee]
                    .into_iter()
                    .flat_map(move |body| {
                        [false, true].map(|results| page.title_of(kind, body, results))
                    })
            })
            .collect();
        debug_assert_eq!(titles.len(), 8);
        context.insert(
            "titles".into(),
            Value::from(serde_json::to_string(&titles).unwrap_or_default()),
        );
        context.insert(
            "counties_href".into(),
            Value::from(format!("{}#counties", page.href_from(1, &[]))),
        );
        context
    })
}

/// A village with the places it is in, numbered as `places.js` lists them.
struct Placed<'s> {
    county: &'s str,
    township: &'s str,
    village: &'s SiteVillage,
}

/// One person of one village: indices into the list of [`Placed`]
/// villages and into its persons (compact: a country has millions).
#[derive(Debug, Clone, Copy)]
struct Found {
    shard: u32,
    village: u32,
    person: u32,
}

/// The index files: `search/places.js` and every person shard.
pub(super) fn index(site: &Site, emit: &mut Emit<'_>) -> Result<(), String> {
    let villages: Vec<Placed<'_>> = site
        .counties
        .iter()
        .flat_map(|county| {
            county.townships.iter().flat_map(move |township| {
                township.villages.iter().map(move |village| Placed {
                    county: &county.slug,
                    township: &township.slug,
                    village,
                })
            })
        })
        .collect();
    let mut manifests: [Vec<&str>; 2] = [Vec::new(), Vec::new()];
    for (script, manifest) in Script::ALL.into_iter().zip(&mut manifests) {
        let (keys, found) = sharded(script, &villages);
        for group in found.chunk_by(|a, b| a.shard == b.shard) {
            let key = keys[group[0].shard as usize];
            let shard = Shard {
                script,
                key,
                villages: &villages,
                found: group,
            };
            let path = format!("search/{}/{}.js", script.folder(), file_name(key));
            let hash = emit.keeps().then(|| crate::keys::hash_of(&shard));
            emit.file(&path, hash, || Ok(shard.render().into_bytes()))?;
            manifest.push(key);
        }
    }
    let places = Places { site, manifests };
    let hash = emit.keeps().then(|| crate::keys::hash_of(&places));
    emit.file("search/places.js", hash, || {
        Ok(places.render().into_bytes())
    })
}

/// Every person with a name in `script`, with the shard it belongs to,
/// sorted by shard, then by that name, the other name and the village's
/// place in the site; and the shards' keys, by their number.
fn sharded<'s>(script: Script, villages: &[Placed<'s>]) -> (Vec<&'s str>, Vec<Found>) {
    let mut numbers: HashMap<&'s str, u32> = HashMap::new();
    let mut keys: Vec<&'s str> = Vec::new();
    let mut found = Vec::new();
    for (v, placed) in (0u32..).zip(villages) {
        for (p, person) in (0u32..).zip(placed.village.persons.iter()) {
            let Some(key) = shard_of(script, script.names(&person).0) else {
                continue;
            };
            let shard = *numbers.entry(key).or_insert_with(|| {
                keys.push(key);
                (keys.len() - 1) as u32
            });
            found.push(Found {
                shard,
                village: v,
                person: p,
            });
        }
    }
    let person = |f: &Found| {
        let persons = &villages[f.village as usize].village.persons;
        persons.get(f.person as usize).map(|p| script.names(&p))
    };
    found.sort_unstable_by(|a, b| {
        keys[a.shard as usize]
            .cmp(keys[b.shard as usize])
            .then_with(|| person(a).cmp(&person(b)))
            .then_with(|| (a.village, a.person).cmp(&(b.village, b.person)))
    });
    (keys, found)
}

/// One shard: the persons of a script whose names start alike.
struct Shard<'a, 's> {
    script: Script,
    key: &'a str,
    villages: &'a [Placed<'s>],
    /// Sorted (see [`sharded`]).
    found: &'a [Found],
}

impl Shard<'_, '_> {
    /// Each person found, with its village and the village's number.
    fn persons(&self) -> impl Iterator<Item = (u32, &Placed<'_>, SitePerson<'_>)> {
        self.found.iter().filter_map(|f| {
            let placed = &self.villages[f.village as usize];
            let person = placed.village.persons.get(f.person as usize)?;
            Some((f.village, placed, person))
        })
    }

    /// The shard's file: its villages (path, kind, each notice's folder
    /// name and [`notice_code`]), in order of first mention, then its
    /// persons (Chinese and Tibetan name, the village's number in this
    /// shard, the numbers of its notices in the village).
    fn render(&self) -> String {
        let mut js = String::from(PRELUDE);
        js.push_str("(g.shards=g.shards||{})[");
        js_string(
            &mut js,
            &format!("{}/{}", self.script.folder(), file_name(self.key)),
        );
        js.push_str("]={v:[");
        let mut numbers: HashMap<u32, usize> = HashMap::new();
        let mut persons = String::new();
        for (village, placed, person) in self.persons() {
            let next = numbers.len();
            let number = *numbers.entry(village).or_insert_with(|| {
                if next > 0 {
                    js.push(',');
                }
                village_row(&mut js, placed);
                next
            });
            persons.push_str(if persons.is_empty() { "\n[" } else { ",\n[" });
            js_string(&mut persons, without_final_shad(person.zh));
            persons.push(',');
            js_string(&mut persons, without_final_shad(person.bo));
            persons.push_str(&format!(",{number}"));
            for notice in person.notices {
                persons.push_str(&format!(",{notice}"));
            }
            persons.push(']');
        }
        js.push_str("],p:[");
        js.push_str(&persons);
        js.push_str("]};\n");
        js
    }
}

/// A village's row in a shard: `["county/township/village",kind,[slug,code,…]]`.
fn village_row(js: &mut String, placed: &Placed<'_>) {
    js.push_str("\n[");
    let path = format!(
        "{}/{}/{}",
        placed.county, placed.township, placed.village.slug
    );
    js_string(js, &path);
    js.push_str(match placed.village.kind {
        VillageKind::Village => ",0,[",
        VillageKind::Community => ",1,[",
    });
    for (i, notice) in placed.village.notices.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        js_string(js, &notice.slug);
        js.push_str(&format!(",{}", notice_code(notice)));
    }
    js.push_str("]]");
}

/// Which of the titles the search page gives (see [`page`]) a notice has,
/// but for its village's kind: its body, then candidates or results.
fn notice_code(notice: &SiteNotice) -> u8 {
    let body = match notice.body {
        Body::PartyBranch => 0,
        Body::Committee => 2,
    };
    match notice.detail {
        SiteNoticeDetail::Candidates { .. } => body,
        SiteNoticeDetail::Results { .. } => body + 1,
    }
}

impl Hash for Shard<'_, '_> {
    /// What the shard's file is made of, in the order it is written.
    fn hash<H: Hasher>(&self, state: &mut H) {
        (FORMAT, self.script.folder(), self.key).hash(state);
        self.found.len().hash(state);
        for (_, placed, person) in self.persons() {
            (placed.county, placed.township, &placed.village.slug).hash(state);
            placed.village.kind.hash(state);
            placed.village.notices.len().hash(state);
            for notice in &placed.village.notices {
                (&notice.slug, notice_code(notice)).hash(state);
            }
            (person.zh, person.bo, person.notices).hash(state);
        }
    }
}

/// Every place of the site, and which shards there are.
struct Places<'s> {
    site: &'s Site,
    /// The keys of the shards of each of [`Script::ALL`], sorted.
    manifests: [Vec<&'s str>; 2],
}

impl Places<'_> {
    /// The file: counties (folder, Chinese, Tibetan name), townships (the
    /// county's number, folder, names), villages (the township's number,
    /// folder, names), then the keys of the Chinese and the Tibetan shards.
    fn render(&self) -> String {
        let mut js = String::from(PRELUDE);
        js.push_str("g.places={c:[");
        let mut townships = String::new();
        let mut villages = String::new();
        let mut t = 0usize;
        for (c, county) in self.site.counties.iter().enumerate() {
            js.push_str(if c == 0 { "\n[" } else { ",\n[" });
            js_string(&mut js, &county.slug);
            names(&mut js, &county.name);
            js.push(']');
            for township in &county.townships {
                townships.push_str(if t == 0 { "\n[" } else { ",\n[" });
                townships.push_str(&format!("{c},"));
                js_string(&mut townships, &township.slug);
                names(&mut townships, &township.name);
                townships.push(']');
                for village in &township.villages {
                    villages.push_str(if villages.is_empty() { "\n[" } else { ",\n[" });
                    villages.push_str(&format!("{t},"));
                    js_string(&mut villages, &village.slug);
                    names(&mut villages, &village.name);
                    villages.push(']');
                }
                t += 1;
            }
        }
        js.push_str("],t:[");
        js.push_str(&townships);
        js.push_str("],v:[");
        js.push_str(&villages);
        js.push(']');
        for (script, keys) in Script::ALL.iter().zip(&self.manifests) {
            js.push_str(&format!(",\n{}:[", script.folder()));
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    js.push(',');
                }
                js_string(&mut js, key);
            }
            js.push(']');
        }
        js.push_str("};\n");
        js
    }
}

/// `,"zh","bo"`: a place's names, without a final shad.
fn names(js: &mut String, name: &crate::content::model::Text) {
    js.push(',');
    js_string(js, without_final_shad(&name.zh));
    js.push(',');
    js_string(js, without_final_shad(&name.bo));
}

impl Hash for Places<'_> {
    /// What the file is made of, in the order it is written.
    fn hash<H: Hasher>(&self, state: &mut H) {
        FORMAT.hash(state);
        self.site.counties.len().hash(state);
        for county in &self.site.counties {
            (&county.slug, &county.name, county.townships.len()).hash(state);
            for township in &county.townships {
                (&township.slug, &township.name, township.villages.len()).hash(state);
                for village in &township.villages {
                    (&village.slug, &village.name).hash(state);
                }
            }
        }
        self.manifests.hash(state);
    }
}

/// Appends `text` as a JavaScript string literal: quoted, with quotes,
/// backslashes, control characters and the two line separators that
/// older browsers refuse inside a literal escaped.
fn js_string(js: &mut String, text: &str) {
    js.push('"');
    for c in text.chars() {
        match c {
            '"' => js.push_str("\\\""),
            '\\' => js.push_str("\\\\"),
            '\u{0}'..='\u{1f}' | '\u{7f}' | '\u{2028}' | '\u{2029}' => {
                js.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => js.push(c),
        }
    }
    js.push('"');
}

#[cfg(test)]
mod tests {
    use super::{file_name, js_string, shard_of, syllables, Script};

    #[test]
    fn tibetan_splits_at_tsheg_shad_and_space() {
        let all: Vec<&str> = syllables("བཀྲ་ཤིས་སྒང་གྲོང་ཚོ།").collect();
        assert_eq!(all, ["བཀྲ", "ཤིས", "སྒང", "གྲོང", "ཚོ"]);
        let all: Vec<&str> = syllables("  ་ཚེ་རིང༌དོན་གྲུབ། ། ཝང ཅན\u{3000}ཧྭ༎").collect();
        assert_eq!(all, ["ཚེ", "རིང", "དོན", "གྲུབ", "ཝང", "ཅན", "ཧྭ"]);
        assert_eq!(syllables("་། ").count(), 0);
        assert_eq!(syllables("").count(), 0);
        // Text without tshegs is one syllable.
        assert_eq!(syllables("次仁").collect::<Vec<_>>(), ["次仁"]);
    }

    #[test]
    fn a_chinese_name_is_sharded_by_its_first_character_a_tibetan_by_its_first_syllable() {
        assert_eq!(shard_of(Script::Zh, "次仁顿珠"), Some("次"));
        assert_eq!(shard_of(Script::Zh, " 𠀀丁"), Some("𠀀"), "beyond the BMP");
        assert_eq!(shard_of(Script::Bo, "ཚེ་རིང་དོན་གྲུབ།"), Some("ཚེ"));
        assert_eq!(shard_of(Script::Bo, "།བསྟན་འཛིན"), Some("བསྟན"));
        assert_eq!(
            shard_of(Script::Bo, "abcdefghijk lm"),
            Some("abcdefgh"),
            "at most eight code points"
        );
        for blank in ["", " ", "\u{3000}"] {
            assert_eq!(shard_of(Script::Zh, blank), None);
        }
        for blank in ["", "་།", " "] {
            assert_eq!(shard_of(Script::Bo, blank), None);
        }
    }

    #[test]
    fn shard_files_are_named_by_code_points_in_hex() {
        assert_eq!(file_name("次"), "6b21");
        assert_eq!(file_name("ཚེ"), "0f5a-0f7a");
        assert_eq!(file_name("A"), "0041");
        assert_eq!(file_name("𠀀"), "20000");
    }

    #[test]
    fn strings_are_javascript_literals() {
        let mut js = String::new();
        js_string(&mut js, "a\"b\\c\n\u{2028}ཀ་扎");
        assert_eq!(js, r#""a\"b\\c\u000a\u2028ཀ་扎""#);
    }
}
