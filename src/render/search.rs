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
//! Names are written trimmed and without a final shad (they are labels),
//! as the content has them otherwise (NFC: the loader normalises every
//! text); a shard holds only the name in its script. Each file is keyed
//! by what it holds (see [`index`]), so a rebuild in which no name changed
//! renders none of them; rows are sorted, so the files are the same bytes
//! in every build. `search.js` splits Tibetan into syllables at the same
//! characters as [`is_syllable_end`], and keys shards as [`shard_of`]
//! does.

use std::collections::HashMap;
use std::fmt::Write;
use std::hash::{Hash, Hasher};

use tera::Value;

use super::i18n::without_final_shad;
use super::pages::{html_lang, Emit, Pages};
use crate::content::codes::{Body, VillageKind};
use crate::site::{SiteCounty, SiteNotice, SiteNoticeDetail, SitePerson, SiteVillage};

/// Bumped when the files' format changes: their keys change with it.
const FORMAT: &str = "gongshi search index 1";

/// A shard is keyed by at most this many code points of a first
/// syllable (a "syllable" of text without tshegs may be long).
const KEY_CHARS: usize = 8;

/// The prefix of every index file: the object the data goes into.
const PRELUDE: &str = "var g=window.gongshiSearch=window.gongshiSearch||{};";

/// Where a Tibetan name is split into syllables: the tsheg (and its
/// non-breaking form), the shads and spaces.
fn is_syllable_end(c: char) -> bool {
    matches!(
        c,
        '\u{0F0B}'..='\u{0F12}' | '\u{0F14}' | ' ' | '\t' | '\n' | '\r' | '\u{A0}' | '\u{3000}'
    )
}

/// The syllables of a Tibetan text, without their ends.
fn syllables(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_syllable_end).filter(|s| !s.is_empty())
}

/// The scripts a person is found by, each with its shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
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
fn shard_of(script: Script, name: &str) -> Option<&str> {
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
fn file_name(key: &str) -> String {
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

impl Placed<'_> {
    /// A hash of everything of the village that a shard may show: its
    /// path, kind, notices and persons.
    fn key(&self) -> u64 {
        let village = self.village;
        let notices: Vec<(&str, u8)> = village
            .notices
            .iter()
            .map(|n| (n.slug.as_str(), notice_code(n)))
            .collect();
        crate::keys::hash_of(&(
            (self.county, self.township, &village.slug, village.kind),
            notices,
            &village.persons,
        ))
    }
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
///
/// A shard's key is a sum of a hash per person in it (of the person's
/// place in its village and its village's [`Placed::key`]), which does
/// not depend on their order: a rebuild learns which shards changed
/// without sorting anyone, and sorts only the persons of those.
pub(super) fn index(counties: &[SiteCounty], emit: &mut Emit<'_>) -> Result<(), String> {
    let villages: Vec<Placed<'_>> = counties
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
    let village_keys: Vec<u64> = if emit.keeps() {
        villages.iter().map(Placed::key).collect()
    } else {
        Vec::new()
    };
    let mut manifests: [Vec<&str>; 2] = [Vec::new(), Vec::new()];
    for (script, manifest) in Script::ALL.into_iter().zip(&mut manifests) {
        let shards = shards(script, &villages, &village_keys);
        let files: Vec<(String, Option<u64>)> = shards
            .iter()
            .map(|(key, (count, sum))| {
                let path = format!("search/{}/{}.js", script.folder(), file_name(key));
                let hash = emit
                    .keeps()
                    .then(|| crate::keys::hash_of(&(FORMAT, &path, count, sum)));
                (path, hash)
            })
            .collect();
        let changed: HashMap<&str, u32> = (0u32..)
            .zip(&shards)
            .zip(&files)
            .filter(|(_, (path, hash))| !emit.unchanged(path, *hash))
            .map(|((number, (key, _)), _)| (*key, number))
            .collect();
        let found = found_in(script, &villages, &changed);
        let mut groups = found.chunk_by(|a, b| a.shard == b.shard);
        for (number, ((key, _), (path, hash))) in (0u32..).zip(shards.iter().zip(files)) {
            let group = match changed.get(key) {
                Some(_) => groups.next().unwrap_or_default(),
                None => &[],
            };
            debug_assert!(group.iter().all(|f| f.shard == number));
            let shard = Shard {
                script,
                key,
                villages: &villages,
                found: group,
            };
            emit.file(&path, hash, || Ok(shard.render().into_bytes()))?;
            manifest.push(key);
        }
    }
    let places = Places {
        counties,
        manifests,
    };
    let hash = emit.keeps().then(|| crate::keys::hash_of(&places));
    emit.file("search/places.js", hash, || {
        Ok(places.render().into_bytes())
    })
}

/// The shards of `script`, sorted by key, each with how many persons it
/// holds and the sum of a hash per person (see [`index`]; zero where
/// `village_keys` is empty: no keys are kept).
fn shards<'s>(
    script: Script,
    villages: &[Placed<'s>],
    village_keys: &[u64],
) -> Vec<(&'s str, (u32, u64))> {
    let mut shards: HashMap<&'s str, (u32, u64)> = HashMap::new();
    for (v, placed) in villages.iter().enumerate() {
        let village_key = village_keys.get(v);
        for (p, person) in placed.village.persons.iter().enumerate() {
            let Some(key) = shard_of(script, script.names(&person).0) else {
                continue;
            };
            let (count, sum) = shards.entry(key).or_default();
            *count += 1;
            if let Some(village_key) = village_key {
                *sum = sum.wrapping_add(crate::keys::hash_of(&(village_key, p)));
            }
        }
    }
    let mut shards: Vec<_> = shards.into_iter().collect();
    shards.sort_unstable_by_key(|(key, _)| *key);
    shards
}

/// The persons of the shards of `script` numbered in `shards` (by key),
/// grouped by shard in the order of their numbers, and in each shard
/// sorted by the name in `script`, then by the other name and the
/// village's place in the site.
fn found_in(script: Script, villages: &[Placed<'_>], shards: &HashMap<&str, u32>) -> Vec<Found> {
    if shards.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (v, placed) in (0u32..).zip(villages) {
        for (p, person) in (0u32..).zip(placed.village.persons.iter()) {
            let key = shard_of(script, script.names(&person).0);
            if let Some(&shard) = key.and_then(|key| shards.get(key)) {
                found.push(Found {
                    shard,
                    village: v,
                    person: p,
                });
            }
        }
    }
    found.sort_unstable_by_key(|f| (f.shard, f.village, f.person));
    for group in found.chunk_by_mut(|a, b| a.shard == b.shard) {
        // The names beside each, so sorting reads no village again.
        let mut named: Vec<((&str, &str), Found)> = group
            .iter()
            .filter_map(|f| {
                let persons = &villages[f.village as usize].village.persons;
                let person = persons.get(f.person as usize)?;
                Some((script.names(&person), *f))
            })
            .collect();
        // Stable: equal names keep the village order.
        named.sort_by(|a, b| a.0.cmp(&b.0));
        for (slot, (_, f)) in group.iter_mut().zip(named) {
            *slot = f;
        }
    }
    found
}

/// One shard: the persons of a script whose names start alike.
struct Shard<'a, 's> {
    script: Script,
    key: &'a str,
    villages: &'a [Placed<'s>],
    /// Sorted (see [`found_in`]).
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

    /// The shard's file: the notices its villages have (folder name and
    /// [`notice_code`], each once), its villages in order of first
    /// mention (path, kind, the numbers of their notices), then its
    /// persons (name in the shard's script, the village's number, the
    /// positions of its notices among the village's). Only the name that
    /// finds a person is written: the other script's would double a
    /// Chinese shard.
    fn render(&self) -> String {
        let mut js = String::from(PRELUDE);
        js.push_str("(g.shards=g.shards||{})[");
        js_string(
            &mut js,
            &format!("{}/{}", self.script.folder(), file_name(self.key)),
        );
        let mut notices: HashMap<(&str, u8), usize> = HashMap::new();
        let mut notice_rows = String::new();
        let mut villages: HashMap<u32, usize> = HashMap::new();
        let mut village_rows = String::new();
        let mut persons = String::new();
        for (village, placed, person) in self.persons() {
            let next = villages.len();
            let number = *villages.entry(village).or_insert_with(|| {
                village_rows.push_str(if next == 0 { "\n[" } else { ",\n[" });
                let path = format!(
                    "{}/{}/{}",
                    placed.county, placed.township, placed.village.slug
                );
                js_string(&mut village_rows, &path);
                village_rows.push_str(match placed.village.kind {
                    VillageKind::Village => ",0",
                    VillageKind::Community => ",1",
                });
                for notice in &placed.village.notices {
                    let entry = (notice.slug.as_str(), notice_code(notice));
                    let next = notices.len();
                    let number = *notices.entry(entry).or_insert_with(|| {
                        notice_rows.push_str(if next == 0 { "[" } else { ",[" });
                        js_string(&mut notice_rows, entry.0);
                        let _ = write!(notice_rows, ",{}]", entry.1);
                        next
                    });
                    let _ = write!(village_rows, ",{number}");
                }
                village_rows.push(']');
                next
            });
            persons.push_str(if persons.is_empty() { "\n[" } else { ",\n[" });
            js_string(
                &mut persons,
                without_final_shad(self.script.names(&person).0.trim()),
            );
            let _ = write!(persons, ",{number}");
            for notice in person.notices {
                let _ = write!(persons, ",{notice}");
            }
            persons.push(']');
        }
        for (part, rows) in [
            ("]={n:[", notice_rows),
            ("],v:[", village_rows),
            ("],p:[", persons),
        ] {
            js.push_str(part);
            js.push_str(&rows);
        }
        js.push_str("]};\n");
        js
    }
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

/// Every place of the site, and which shards there are.
struct Places<'s> {
    counties: &'s [SiteCounty],
    /// The keys of the shards of each of [`Script::ALL`], sorted.
    manifests: [Vec<&'s str>; 2],
}

impl Places<'_> {
    /// The file: counties (folder, Chinese, Tibetan name), townships (the
    /// county's number, folder, names), villages (the township's number,
    /// folder, names), then the keys of the Chinese and the Tibetan shards.
    fn render(&self) -> String {
        let counties = self.counties.iter();
        let townships = || counties.clone().flat_map(|c| &c.townships);
        let villages: usize = townships().map(|t| t.villages.len()).sum();
        // One string, each list a pass: nothing is built twice (at a
        // country's scale the file is tens of MB).
        let mut js = String::with_capacity(PRELUDE.len() + 100 * villages);
        js.push_str(PRELUDE);
        js.push_str("g.places={c:[");
        for (c, county) in counties.clone().enumerate() {
            js.push_str(if c == 0 { "\n[" } else { ",\n[" });
            js_string(&mut js, &county.slug);
            names(&mut js, &county.name);
            js.push(']');
        }
        js.push_str("],t:[");
        let numbered = counties.clone().enumerate();
        let all = numbered.flat_map(|(c, county)| county.townships.iter().map(move |t| (c, t)));
        for (t, (c, township)) in all.enumerate() {
            js.push_str(if t == 0 { "\n[" } else { ",\n[" });
            let _ = write!(js, "{c},");
            js_string(&mut js, &township.slug);
            names(&mut js, &township.name);
            js.push(']');
        }
        js.push_str("],v:[");
        let all = townships().enumerate();
        let all = all.flat_map(|(t, township)| township.villages.iter().map(move |v| (t, v)));
        for (v, (t, village)) in all.enumerate() {
            js.push_str(if v == 0 { "\n[" } else { ",\n[" });
            let _ = write!(js, "{t},");
            js_string(&mut js, &village.slug);
            names(&mut js, &village.name);
            js.push(']');
        }
        js.push(']');
        for (script, keys) in Script::ALL.iter().zip(&self.manifests) {
            let _ = write!(js, ",\n{}:[", script.folder());
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

/// `,"zh","bo"`: a place's names, trimmed, without a final shad.
fn names(js: &mut String, name: &crate::content::model::Text) {
    js.push(',');
    js_string(js, without_final_shad(name.zh.trim()));
    js.push(',');
    js_string(js, without_final_shad(name.bo.trim()));
}

impl Hash for Places<'_> {
    /// What the file is made of, in the order it is written.
    fn hash<H: Hasher>(&self, state: &mut H) {
        FORMAT.hash(state);
        self.counties.len().hash(state);
        for county in self.counties {
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
/// older browsers refuse inside a literal escaped. The runs between them
/// are copied whole.
fn js_string(js: &mut String, text: &str) {
    js.push('"');
    let mut start = 0;
    for (at, c) in text.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\u{0}'..='\u{1f}' | '\u{7f}' | '\u{2028}' | '\u{2029}' => "",
            _ => continue,
        };
        js.push_str(&text[start..at]);
        if escape.is_empty() {
            let _ = write!(js, "\\u{:04x}", c as u32);
        } else {
            js.push_str(escape);
        }
        start = at + c.len_utf8();
    }
    js.push_str(&text[start..]);
    js.push('"');
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};
    use std::sync::{Arc, Mutex};

    use super::{file_name, index, js_string, shard_of, syllables, Script};
    use crate::content::codes::{Body, VillageKind};
    use crate::content::model::{Text, Turnout};
    use crate::render::{path_key, FileKeys, FileState, Out};
    use crate::site::{
        SiteCounty, SiteNotice, SiteNoticeDetail, SitePersons, SiteTownship, SiteVillage,
    };

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

    fn text(zh: &str, bo: &str) -> Text {
        Text {
            zh: zh.to_owned(),
            bo: bo.to_owned(),
        }
    }

    fn notice(slug: &str, body: Body, results: bool) -> SiteNotice {
        let day = jiff::civil::date(2021, 1, 10);
        let detail = if results {
            SiteNoticeDetail::Results {
                election_day: day,
                turnout: Turnout {
                    electorate: 0,
                    cast: 0,
                    valid: 0,
                },
                seats: Vec::new(),
            }
        } else {
            SiteNoticeDetail::Candidates {
                period: crate::calendar::Period {
                    start: day,
                    last: day,
                },
                status: crate::calendar::Status::Closed,
                seats: Vec::new(),
            }
        };
        SiteNotice {
            slug: slug.into(),
            body,
            published: day,
            draft: false,
            scheduled: false,
            corrected: None,
            detail,
        }
    }

    /// A village with a party branch's candidates, named by every person
    /// given, and a committee's results, named by the first.
    fn village(slug: &str, name: (&str, &str), people: &[(&str, &str)]) -> Arc<SiteVillage> {
        village_of(slug, name, people, &people[..1])
    }

    /// A village with a party branch's candidates and a committee's results.
    fn village_of(
        slug: &str,
        name: (&str, &str),
        candidates: &[(&str, &str)],
        results: &[(&str, &str)],
    ) -> Arc<SiteVillage> {
        let names = |people: &[(&str, &str)]| -> Vec<Text> {
            people.iter().map(|(zh, bo)| text(zh, bo)).collect()
        };
        let (candidates, results) = (names(candidates), names(results));
        let persons = SitePersons::of([&candidates, &results]);
        Arc::new(SiteVillage {
            key: 0,
            slug: slug.into(),
            name: text(name.0, name.1),
            kind: VillageKind::Village,
            notices: vec![
                notice("party-branch-candidates", Body::PartyBranch, false),
                notice("committee-results", Body::Committee, true),
            ],
            persons,
        })
    }

    /// One county with one township of these villages.
    fn counties(villages: Vec<Arc<SiteVillage>>) -> Vec<SiteCounty> {
        vec![SiteCounty {
            slug: "gar".into(),
            name: text("噶尔县", "སྒར་རྫོང་།"),
            townships: vec![SiteTownship {
                slug: "shiquanhe".into(),
                name: text("狮泉河镇", "སེང་གེ་ཁ་འབབ།"),
                villages,
            }],
        }]
    }

    /// The index files of `counties` that a run starting from the keys
    /// `last` renders (path → text), and every file's key.
    fn run(
        counties: &[SiteCounty],
        last: &HashMap<u64, u64>,
    ) -> (BTreeMap<String, String>, HashMap<u64, u64>) {
        let rendered = Mutex::new(BTreeMap::new());
        let sink = |path: &str, state: FileState<'_>| {
            if let FileState::Fresh(bytes) = state {
                let text = String::from_utf8(bytes.to_vec()).unwrap();
                rendered.lock().unwrap().insert(path.to_owned(), text);
            }
            Ok(())
        };
        let cache = FileKeys::of(last.clone());
        let mut out = Out::new(&cache, &sink);
        index(counties, &mut out).unwrap();
        let keys = out.finish().keys().map(|(p, k)| (path_key(p), k)).collect();
        (rendered.into_inner().unwrap(), keys)
    }

    fn example() -> Vec<SiteCounty> {
        counties(vec![
            village(
                "senge",
                ("森格社区", "སེང་གེ་སྡེ་ཁུལ།"),
                &[("次仁顿珠", "ཚེ་རིང་དོན་གྲུབ།"), ("丹增罗布", "བསྟན་འཛིན་ནོར་བུ།")],
            ),
            village(
                "zangbu",
                ("藏布社区", "གཙང་པོ་སྡེ་ཁུལ།"),
                &[("次仁拉姆", "ཚེ་རིང་ལྷ་མོ།"), ("次仁顿珠", "ཚེ་རིང་དོན་གྲུབ།")],
            ),
        ])
    }

    #[test]
    fn the_index_is_places_and_persons_sorted_by_name_in_each_script() {
        let (files, _) = run(&example(), &HashMap::new());
        let paths: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(
            paths,
            [
                "search/bo/0f56-0f66-0f9f-0f53.js",
                "search/bo/0f5a-0f7a.js",
                "search/places.js",
                "search/zh/4e39.js",
                "search/zh/6b21.js",
            ]
        );
        assert_eq!(
            files["search/places.js"],
            "var g=window.gongshiSearch=window.gongshiSearch||{};g.places={c:[\n\
             [\"gar\",\"噶尔县\",\"སྒར་རྫོང\"]],t:[\n\
             [0,\"shiquanhe\",\"狮泉河镇\",\"སེང་གེ་ཁ་འབབ\"]],v:[\n\
             [0,\"senge\",\"森格社区\",\"སེང་གེ་སྡེ་ཁུལ\"],\n\
             [0,\"zangbu\",\"藏布社区\",\"གཙང་པོ་སྡེ་ཁུལ\"]],\n\
             zh:[\"丹\",\"次\"],\n\
             bo:[\"བསྟན\",\"ཚེ\"]};\n"
        );
        // 次仁拉姆 before 次仁顿珠 (U+62C9 < U+987F); the two 次仁顿珠 in
        // village order; each village listed once, at its first person.
        assert_eq!(
            files["search/zh/6b21.js"],
            "var g=window.gongshiSearch=window.gongshiSearch||{};(g.shards=g.shards||{})[\"zh/6b21\"]=\
             {n:[[\"party-branch-candidates\",0],[\"committee-results\",3]],v:[\n\
             [\"gar/shiquanhe/zangbu\",0,0,1],\n\
             [\"gar/shiquanhe/senge\",0,0,1]],p:[\n\
             [\"次仁拉姆\",0,0,1],\n\
             [\"次仁顿珠\",1,0,1],\n\
             [\"次仁顿珠\",0,0]]};\n"
        );
        // By the Tibetan name: དོན (U+0F51) before ལྷ (U+0F63).
        let bo = &files["search/bo/0f5a-0f7a.js"];
        let dondrub = bo.find("\"ཚེ་རིང་དོན་གྲུབ\",").unwrap();
        let lhamo = bo.find("\"ཚེ་རིང་ལྷ་མོ\"").unwrap();
        assert!(dondrub < lhamo, "{bo}");
    }

    #[test]
    fn the_same_persons_in_another_order_make_the_same_bytes() {
        let (files, _) = run(&example(), &HashMap::new());
        // Each village's persons first named in the other order.
        let dondrub = ("次仁顿珠", "ཚེ་རིང་དོན་གྲུབ།");
        let reordered = counties(vec![
            village_of(
                "senge",
                ("森格社区", "སེང་གེ་སྡེ་ཁུལ།"),
                &[("丹增罗布", "བསྟན་འཛིན་ནོར་བུ།"), dondrub],
                &[dondrub],
            ),
            village_of(
                "zangbu",
                ("藏布社区", "གཙང་པོ་སྡེ་ཁུལ།"),
                &[dondrub, ("次仁拉姆", "ཚེ་རིང་ལྷ་མོ།")],
                &[("次仁拉姆", "ཚེ་རིང་ལྷ་མོ།")],
            ),
        ]);
        let original = example();
        for v in 0..2 {
            let first = |c: &[SiteCounty]| {
                c[0].townships[0].villages[v]
                    .persons
                    .get(0)
                    .unwrap()
                    .zh
                    .to_owned()
            };
            assert_ne!(first(&reordered), first(&original));
        }
        assert_eq!(run(&reordered, &HashMap::new()).0, files);
        let again = run(&example(), &HashMap::new()).0;
        assert_eq!(again, files);
    }

    #[test]
    fn a_rebuild_renders_only_the_files_whose_contents_changed() {
        let (_, keys) = run(&example(), &HashMap::new());
        let (rendered, same) = run(&example(), &keys);
        assert!(rendered.is_empty(), "nothing changed: {rendered:?}");
        assert_eq!(same, keys);

        // A village renamed: only the places.
        let mut renamed = example();
        let zangbu = &mut renamed[0].townships[0].villages[1];
        Arc::make_mut(zangbu).name = text("藏布村", "གཙང་པོ་གྲོང་ཚོ།");
        let (rendered, _) = run(&renamed, &keys);
        assert_eq!(rendered.keys().collect::<Vec<_>>(), ["search/places.js"]);

        // A person renamed within its shards: only those shards.
        let lhamo = counties(vec![
            example()[0].townships[0].villages[0].clone(),
            village(
                "zangbu",
                ("藏布社区", "གཙང་པོ་སྡེ་ཁུལ།"),
                &[("次仁拉珍", "ཚེ་རིང་ལྷ་སྒྲོན།"), ("次仁顿珠", "ཚེ་རིང་དོན་གྲུབ།")],
            ),
        ]);
        let (rendered, _) = run(&lhamo, &keys);
        assert_eq!(
            rendered.keys().collect::<Vec<_>>(),
            ["search/bo/0f5a-0f7a.js", "search/zh/6b21.js"]
        );
    }
}
