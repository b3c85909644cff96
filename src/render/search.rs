//! Search without a server (DESIGN.md, Site): the search page of each
//! language, and the index it reads.
//!
//! A page opened from `file://` may not fetch, so the index is JavaScript
//! that only assigns data to `window.gongshiSearch`, loaded with
//! `<script src>` by the theme's `static/search.js`. It is split so that
//! one query loads little of it (DESIGN.md: about 200 KB at a region's
//! scale), each script apart, since a query's characters are found in the
//! names of one script:
//!
//! - `search/zh.js`, `search/bo.js`: the script's manifest (see
//!   [`manifest`]), which every query loads: the keys of its lists and how
//!   many rows each holds.
//! - `search/<script>/p/<key>.<n>.js`: the places (counties, townships,
//!   villages) whose name holds a character (Chinese) or syllable
//!   (Tibetan), in the order a query of that one key shows them (see
//!   [`place_lists`]), [`PLACE_ROWS`] a file. A query loads the list of
//!   the key of its that fewest places hold; where its one key is the
//!   list's, only the first file, since the manifest gives the count.
//! - `search/bo/b/<key>.<n>.js`: where a Tibetan syllable only begun (no
//!   tsheg typed after it) would load the lists of many keys, the places
//!   they hold once more under the start the keys share, in the order
//!   such a query shows them (see [`begun_lists`]), so that a lone letter
//!   loads one file, not the lists of every syllable it begins.
//! - `search/<script>/n/<key>.<n>.js`: the persons whose name starts with
//!   a character (Chinese) or syllable (Tibetan), sorted by name,
//!   [`PERSON_ROWS`] a file, and where a list has more than one file
//!   `search/<script>/n/<key>.js` with each file's first and last name:
//!   the names a query finds are next to each other, so it loads the
//!   files they start in (two at most for the 50 it shows) and the one
//!   they end in, and counts the files between.
//!
//! `<key>` is the key's code points in hex (`6b21`, `0f5a-0f7a`): file
//! names stay ASCII on every file system; a Tibetan syllable keys by its
//! first [`KEY_CHARS`] code points. Each file holds the names of the
//! places it shows in its script, so it is read alone.
//!
//! Names are written trimmed and without a final shad (they are labels),
//! as the content has them otherwise (NFC: the loader normalises every
//! text). Each file is keyed by what it holds, so a rebuild in which no
//! name changed renders none of them, and a person list is sorted only
//! where it changed; rows are sorted, so the files are the same bytes in
//! every build. `search.js` splits Tibetan into syllables at the same
//! characters as [`is_syllable_end`], and keys lists as [`first_key`] and
//! [`place_keys`] do.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;

use tera::Value;

use super::i18n::without_final_shad;
use super::pages::{html_lang, Emit, Pages};
use crate::content::codes::{Body, VillageKind};
use crate::content::model::Text;
use crate::site::{SiteCounty, SiteNotice, SiteNoticeDetail, SitePerson, SiteVillage};

/// Bumped when the files' format changes: their keys change with it.
const FORMAT: &str = "gongshi search index 2";

/// A list is keyed by at most this many code points of a syllable (a
/// "syllable" of text without tshegs may be long).
const KEY_CHARS: usize = 8;

/// Places in a file of a places list.
const PLACE_ROWS: usize = 200;

/// Persons in a file of a persons list.
const PERSON_ROWS: usize = 100;

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

/// The scripts names are found in, each with its lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    /// By the first character of the Chinese name.
    Zh,
    /// By the first syllable of the Tibetan name.
    Bo,
}

impl Script {
    const ALL: [Script; 2] = [Script::Zh, Script::Bo];

    /// The script's half of a text.
    fn text(self, text: &Text) -> &str {
        match self {
            Script::Zh => &text.zh,
            Script::Bo => &text.bo,
        }
    }

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

/// The persons list that holds a name of `script`: its first character
/// (Chinese) or the first [`KEY_CHARS`] code points of its first syllable
/// (Tibetan); none for a blank name.
fn first_key(script: Script, name: &str) -> Option<&str> {
    let key = match script {
        Script::Zh => truncated(name.trim(), 1),
        Script::Bo => truncated(syllables(name).next()?, KEY_CHARS),
    };
    (!key.is_empty()).then_some(key)
}

/// The file name of a list (without `.js`): its code points in hex.
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

/// Where everything is: every county, township and village once, counties
/// first, then townships, then villages, each level in the site's order.
/// A place refers to the one it is in by its position here, so a list
/// names its places by number and every file gets the names it shows
/// from one table.
struct Area<'s> {
    /// 0 a county, 1 a township, 2 a village.
    level: u8,
    /// Its number among the places of its level, in the site's order.
    id: u32,
    /// The place it is in (a position in the table); [`NOWHERE`] for a
    /// county.
    up: u32,
    slug: &'s str,
    name: &'s Text,
}

/// The `up` of a county.
const NOWHERE: u32 = u32::MAX;

/// The table of places (see [`Area`]), and each village with its
/// position in it.
fn areas(counties: &[SiteCounty]) -> (Vec<Area<'_>>, Vec<(u32, &SiteVillage)>) {
    let mut all = Vec::new();
    let townships = || counties.iter().flat_map(|c| &c.townships);
    for (id, county) in (0u32..).zip(counties) {
        all.push(Area {
            level: 0,
            id,
            up: NOWHERE,
            slug: &county.slug,
            name: &county.name,
        });
    }
    let in_counties = counties.iter().zip(0u32..);
    let ups = in_counties.flat_map(|(c, at)| c.townships.iter().map(move |t| (t, at)));
    for (id, (township, up)) in (0u32..).zip(ups) {
        all.push(Area {
            level: 1,
            id,
            up,
            slug: &township.slug,
            name: &township.name,
        });
    }
    let first = u32::try_from(counties.len()).unwrap_or(u32::MAX);
    let in_townships = townships().zip(first..);
    let ups = in_townships.flat_map(|(t, at)| t.villages.iter().map(move |v| (v, at)));
    let mut villages = Vec::new();
    for (id, (village, up)) in (0u32..).zip(ups) {
        villages.push((u32::try_from(all.len()).unwrap_or(u32::MAX), &**village));
        all.push(Area {
            level: 2,
            id,
            up,
            slug: &village.slug,
            name: &village.name,
        });
    }
    (all, villages)
}

/// The positions of a place and of those it is in, the county first.
fn chain(areas: &[Area<'_>], at: u32) -> Vec<u32> {
    let mut chain = vec![at];
    let mut up = areas.get(at as usize).map_or(NOWHERE, |a| a.up);
    // At most a county and a township: no loop, whatever the table holds.
    while up != NOWHERE && chain.len() < 3 {
        chain.push(up);
        up = areas.get(up as usize).map_or(NOWHERE, |a| a.up);
    }
    chain.reverse();
    chain
}

/// A place's name as search shows and matches it: trimmed, without a
/// final shad.
fn shown(script: Script, name: &Text) -> &str {
    without_final_shad(script.text(name).trim())
}

/// A name's tokens in `script`, in order: each character of a Chinese
/// name, each syllable of a Tibetan name (its first [`KEY_CHARS`] code
/// points).
fn tokens(script: Script, name: &str) -> Vec<&str> {
    match script {
        Script::Zh => name
            .char_indices()
            .map(|(at, c)| &name[at..at + c.len_utf8()])
            .collect(),
        Script::Bo => syllables(name).map(|s| truncated(s, KEY_CHARS)).collect(),
    }
}

/// The key of two tokens next to each other: Chinese characters as they
/// stand, Tibetan syllables joined by a tsheg (which no syllable holds).
fn pair(script: Script, first: &str, second: &str) -> String {
    match script {
        Script::Zh => format!("{first}{second}"),
        Script::Bo => format!("{first}\u{0F0B}{second}"),
    }
}

/// The keys a place's name is listed under in `script`: each of its
/// [`tokens`], each once, sorted.
fn place_keys(script: Script, name: &str) -> Vec<&str> {
    let mut keys = tokens(script, name);
    // Sorted rather than searched: a name may be long.
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The pairs a place's name is listed under in `script`: each two
/// [`tokens`] next to each other (see [`pair`]), each once, sorted.
fn place_pairs(script: Script, name: &str) -> Vec<String> {
    let tokens = tokens(script, name);
    let mut pairs: Vec<String> = tokens
        .windows(2)
        .map(|w| pair(script, w[0], w[1]))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The pair of the first two tokens of a name, if it has two.
fn first_pair(script: Script, name: &str) -> Option<String> {
    let tokens = tokens(script, name);
    (tokens.len() >= 2).then(|| pair(script, tokens[0], tokens[1]))
}

/// At most the first `chars` code points of `text`.
fn truncated(text: &str, chars: usize) -> &str {
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| at);
    &text[..end]
}

/// One list of the index, split into files of a fixed number of rows:
/// its key, how many rows, and the sum of a hash per row (zero where no
/// keys are kept). The sum does not depend on the rows' order, so a
/// rebuild learns which lists changed without sorting any.
struct List<'s, T> {
    key: Cow<'s, str>,
    rows: T,
    count: u32,
    sum: u64,
}

/// How many files a list of `count` rows takes, `per_file` a file.
fn files_of(count: u32, per_file: usize) -> usize {
    (count as usize).div_ceil(per_file)
}

/// The key of a file made from a whole list (a persons list's index):
/// its path and the list's rows.
fn file_key(path: &str, count: u32, sum: u64) -> u64 {
    crate::keys::hash_of(&(FORMAT, path, count, sum))
}

/// The key of one file of a list: its path and the hashes of the rows
/// it holds, in order. Only the files whose rows changed render again: a
/// village renamed changes the file it is in, not every file of its
/// lists.
fn rows_key(path: &str, rows: impl Iterator<Item = u64>) -> u64 {
    let rows: Vec<u64> = rows.collect();
    crate::keys::hash_of(&(FORMAT, path, rows))
}

/// Each list's count and sum of row hashes, by its name
/// (`<script>/<folder>/<key>`), as a run of [`index`] found them: given
/// to the next run (`serve` keeps them in its `SearchMemo`), they tell it
/// which lists are as they were, so that it neither sorts those lists nor
/// keys their files again. A run without them sorts every list.
#[derive(Debug, Default, Clone)]
pub(super) struct ListSums(HashMap<String, (u32, u64)>);

impl ListSums {
    /// Whether the list `name` held `count` rows of these hashes' `sum`.
    fn same(&self, name: &str, count: u32, sum: u64) -> bool {
        self.0.get(name) == Some(&(count, sum))
    }
}

/// The keys of the files at `paths` in the last run, if the list they
/// are made from is as it was then (see [`ListSums`]) and each has one.
fn kept_keys(
    last: Option<&ListSums>,
    emit: &Emit<'_>,
    name: &str,
    (count, sum): (u32, u64),
    paths: &[String],
) -> Option<Vec<u64>> {
    if !emit.keeps() || !last?.same(name, count, sum) {
        return None;
    }
    paths.iter().map(|path| emit.last_key(path)).collect()
}

/// The index files: each script's manifest, places lists and persons
/// lists (see the module's doc).
///
/// `last` is what the last run found (see [`ListSums`]); what this run
/// found is returned for the next.
pub(super) fn index(
    counties: &[SiteCounty],
    last: Option<&ListSums>,
    emit: &mut Emit<'_>,
) -> Result<ListSums, String> {
    let (areas, villages) = areas(counties);
    // What a village's persons files show whatever the script, once.
    let shared_keys: Vec<u64> = if emit.keeps() {
        villages
            .iter()
            .map(|&(_, village)| shared_key(village))
            .collect()
    } else {
        Vec::new()
    };
    let mut sums = ListSums::default();
    for script in Script::ALL {
        let lists = place_lists(script, &areas, emit.keeps());
        for (kind, of_kind) in [
            (ListKind::Token, &lists.singles),
            (ListKind::Pair, &lists.pairs),
            (ListKind::Begun, &lists.begun),
        ] {
            for list in of_kind {
                let name = emit_places(script, &areas, &lists.hashes, list, kind, last, emit)?;
                sums.0.insert(name, (list.count, list.sum));
            }
        }
        emit_pair_manifests(script, &lists.singles, &lists.pairs, emit)?;
        let village_keys: Vec<u64> = villages
            .iter()
            .zip(&shared_keys)
            .map(|(&(at, _), &shared)| village_key(script, &areas, at, shared))
            .collect();
        let persons = person_lists(script, &villages, &village_keys);
        let files = PersonFiles {
            script,
            areas: &areas,
            villages: &villages,
            village_keys: &village_keys,
        };
        files.emit(&persons, last, emit)?;
        for list in &persons {
            sums.0.insert(files.name(list), (list.count, list.sum));
        }
        let manifest = manifest(script, &lists.singles, &lists.begun, &persons);
        emit.bytes(
            &format!("search/{}.js", script.folder()),
            manifest.as_bytes(),
        )?;
    }
    Ok(sums)
}

/// The places lists of `script`, sorted by key: under each token (see
/// [`tokens`]) the places whose name holds it, and under each pair of
/// tokens (see [`pair`]) those whose name holds the two next to each
/// other. In each list counties come first, then townships, then
/// villages, and in each those whose name starts with the key first,
/// each in the site's order: the order a query of that one key shows
/// them in, so that such a query needs only a list's first file.
fn place_lists<'s>(script: Script, areas: &[Area<'s>], keeps: bool) -> AllPlaceLists<'s> {
    let mut singles: HashMap<&'s str, Vec<u32>> = HashMap::new();
    let mut pairs: HashMap<String, Vec<u32>> = HashMap::new();
    let mut hashes: Vec<u64> = Vec::new();
    for (at, area) in (0u32..).zip(areas) {
        let name = shown(script, area.name);
        if keeps {
            // What a row shows: the place and those it is in.
            let up = hashes.get(area.up as usize).copied().unwrap_or_default();
            hashes.push(crate::keys::hash_of(&(
                area.level, area.id, area.slug, name, up,
            )));
        }
        for key in place_keys(script, name) {
            singles.entry(key).or_default().push(at);
        }
        for key in place_pairs(script, name) {
            match pairs.get_mut(&key) {
                Some(rows) => rows.push(at),
                None => {
                    pairs.insert(key, vec![at]);
                }
            }
        }
    }
    let list = |key: Cow<'s, str>, rows: Vec<u32>| {
        let sum = hashes_sum(rows.iter().filter_map(|&at| hashes.get(at as usize)));
        List {
            key,
            count: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            sum,
            rows,
        }
    };
    let mut singles: PlaceLists<'s> = singles
        .into_iter()
        .map(|(key, rows)| list(Cow::Borrowed(key), rows))
        .collect();
    let mut pairs: PlaceLists<'s> = pairs
        .into_iter()
        .map(|(key, rows)| list(Cow::Owned(key), rows))
        .collect();
    singles.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    pairs.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    let begun = match script {
        // A Chinese token is one character: never begun.
        Script::Zh => Vec::new(),
        Script::Bo => begun_lists(&singles, &hashes),
    };
    AllPlaceLists {
        singles,
        pairs,
        begun,
        hashes,
    }
}

/// Places lists, each a list of positions in the table of places.
type PlaceLists<'s> = Vec<List<'s, Vec<u32>>>;

/// The places lists of a script, each kind sorted by key.
struct AllPlaceLists<'s> {
    /// Under each token.
    singles: PlaceLists<'s>,
    /// Under each pair of tokens next to each other.
    pairs: PlaceLists<'s>,
    /// Under a begun syllable (see [`begun_lists`]).
    begun: PlaceLists<'s>,
    /// A hash of what each place's row shows, by position in the table
    /// of places (none where no keys are kept).
    hashes: Vec<u64>,
}

/// What kind of key a places list is under, which says where its files
/// are and which places it shows first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    /// A token: `p/`, those whose name starts with it first.
    Token,
    /// A pair of tokens: `p/`, those whose name starts with it first.
    Pair,
    /// The start of a syllable: `b/`, those whose name's first syllable
    /// starts with it first.
    Begun,
}

/// What loading a list costs a query, in rows: its rows and, for each of
/// its files, as many as a request and the places each file names again
/// cost (`search.js` weighs its choices the same way).
fn load_cost(count: u32) -> usize {
    count as usize + FILE_COST * files_of(count, PLACE_ROWS)
}

/// See [`load_cost`].
const FILE_COST: usize = 50;

/// A begun syllable whose lists would cost more than this to load (see
/// [`load_cost`]) is given a list of its own.
const BEGUN_COST: usize = 2 * PLACE_ROWS;

/// The lists of begun syllables: a query whose last syllable is only
/// begun (no tsheg after it) finds the places with a syllable that starts
/// with it, in the lists of every key that does. A lone letter may begin
/// hundreds of keys, thousands of places, so where loading those lists
/// would cost more than [`BEGUN_COST`], the places they hold are listed
/// once more under what the keys share, in the order such a query shows
/// them: a query then loads that list's first file and reads its count
/// from the manifest. A begun text is listed by the longest start its
/// keys share (of `ཚ` `ཚལ` `ཚེ`: `ཚ`; of `སྒྲོལ` `སྒྲུབ`: `སྒྲ`, which a
/// query `སྒ` finds as well), and only if two keys or more start with
/// it: one key's list is the answer already.
fn begun_lists<'s>(singles: &[List<'s, Vec<u32>>], hashes: &[u64]) -> PlaceLists<'s> {
    let keys: Vec<&str> = singles.iter().map(|l| &*l.key).collect();
    // Every start of a key shorter than the key, each once.
    let mut starts: Vec<&str> = keys
        .iter()
        .flat_map(|key| key.char_indices().skip(1).map(|(at, _)| &key[..at]))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut begun = Vec::new();
    for start in starts {
        // The keys are sorted: those that start so are next to each other.
        let first = keys.partition_point(|key| *key < start);
        let after = first + keys[first..].partition_point(|key| key.starts_with(start));
        let under = &singles[first..after];
        if under.len() < 2 || shared_start(&under[0].key, &under[under.len() - 1].key) != start {
            continue;
        }
        if under.iter().map(|l| load_cost(l.count)).sum::<usize>() <= BEGUN_COST {
            continue;
        }
        let mut rows: Vec<u32> = under.iter().flat_map(|l| l.rows.iter().copied()).collect();
        rows.sort_unstable();
        rows.dedup();
        let sum = hashes_sum(rows.iter().filter_map(|&at| hashes.get(at as usize)));
        begun.push(List {
            key: Cow::Owned(start.to_owned()),
            count: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            sum,
            rows,
        });
    }
    begun
}

/// The longest start two texts share, whole characters.
fn shared_start<'a>(a: &'a str, b: &str) -> &'a str {
    let end = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((at, _), _)| at);
    &a[..end]
}

/// The sum of some hashes, which does not depend on their order.
fn hashes_sum<'h>(hashes: impl Iterator<Item = &'h u64>) -> u64 {
    hashes.fold(0u64, |sum, hash| sum.wrapping_add(*hash))
}

/// Whether a place is listed first under `key`, a list of `kind`:
/// whether its name starts with it.
fn starts_with_key(script: Script, area: &Area<'_>, key: &str, kind: ListKind) -> bool {
    let name = shown(script, area.name);
    match kind {
        ListKind::Token => tokens(script, name).first() == Some(&key),
        ListKind::Pair => first_pair(script, name).as_deref() == Some(key),
        ListKind::Begun => tokens(script, name)
            .first()
            .is_some_and(|first| first.starts_with(key)),
    }
}

/// The files of one places list: `search/<script>/p/<key>.<n>.js` (a
/// begun syllable's: `search/<script>/b/<key>.<n>.js`), each
/// [`PLACE_ROWS`] rows (the last fewer), each a table of the places it
/// names (every row's place and those it is in) and its rows: the
/// place's position in that table, its level and its number. `hashes`
/// are the places' (see [`AllPlaceLists`]); a list as it was in `last`
/// is neither sorted nor keyed again. Returns the list's name.
fn emit_places(
    script: Script,
    areas: &[Area<'_>],
    hashes: &[u64],
    list: &List<'_, Vec<u32>>,
    kind: ListKind,
    last: Option<&ListSums>,
    emit: &mut Emit<'_>,
) -> Result<String, String> {
    let folder = match kind {
        ListKind::Token | ListKind::Pair => "p",
        ListKind::Begun => "b",
    };
    let name = format!("{}/{folder}/{}", script.folder(), file_name(&list.key));
    let files = files_of(list.count, PLACE_ROWS);
    let paths: Vec<String> = (0..files)
        .map(|n| format!("search/{name}.{n}.js"))
        .collect();
    let kept = kept_keys(last, emit, &name, (list.count, list.sum), &paths);
    let mut rows = Vec::new();
    if kept.is_none() {
        rows.clone_from(&list.rows);
        rows.sort_by_cached_key(|&at| {
            let area = &areas[at as usize];
            let first = starts_with_key(script, area, &list.key, kind);
            (area.level, !first, area.id)
        });
    }
    let mut chunks = rows.chunks(PLACE_ROWS);
    for (n, path) in paths.iter().enumerate() {
        let chunk = chunks.next().unwrap_or_default();
        let key = match &kept {
            Some(keys) => Some(keys[n]),
            None => emit.keeps().then(|| {
                let rows = chunk.iter().map(|&at| hashes[at as usize]);
                rows_key(path, rows)
            }),
        };
        emit.file(path, key, || {
            let mut table = Table::new(areas, script);
            let mut found = String::new();
            for &at in chunk {
                let local = table.add(at);
                let area = &areas[at as usize];
                found.push_str(if found.is_empty() { "\n[" } else { ",\n[" });
                let _ = write!(found, "{local},{},{}]", area.level, area.id);
            }
            let mut js = chunk_start(&format!("{name}.{n}"));
            js.push_str("{a:[");
            js.push_str(&table.rows);
            js.push_str("],r:[");
            js.push_str(&found);
            js.push_str("]};\n");
            Ok(js.into_bytes())
        })?;
    }
    Ok(name)
}

/// The start of a list's file: the prelude and where its data goes.
fn chunk_start(name: &str) -> String {
    let mut js = String::from(PRELUDE);
    js.push_str("(g.c=g.c||{})[");
    js_string(&mut js, name);
    js.push_str("]=");
    js
}

/// The places one file names, each once, before the first that is in
/// it: `[up, folder, name]` rows, `up` a position in the same table (-1
/// for a county), the name in the file's script.
struct Table<'a, 's> {
    areas: &'a [Area<'s>],
    script: Script,
    numbers: HashMap<u32, usize>,
    rows: String,
}

impl<'a, 's> Table<'a, 's> {
    fn new(areas: &'a [Area<'s>], script: Script) -> Self {
        Table {
            areas,
            script,
            numbers: HashMap::new(),
            rows: String::new(),
        }
    }

    /// The place at `at`'s position in the table, added with those it
    /// is in where it is not there yet.
    fn add(&mut self, at: u32) -> usize {
        let mut up: i64 = -1;
        for place in chain(self.areas, at) {
            let next = self.numbers.len();
            let number = match self.numbers.get(&place) {
                Some(&number) => number,
                None => {
                    let area = &self.areas[place as usize];
                    self.rows.push_str(if next == 0 { "\n[" } else { ",\n[" });
                    let _ = write!(self.rows, "{up},");
                    js_string(&mut self.rows, area.slug);
                    self.rows.push(',');
                    js_string(&mut self.rows, shown(self.script, area.name));
                    self.rows.push(']');
                    self.numbers.insert(place, next);
                    next
                }
            };
            up = i64::try_from(number).unwrap_or(-1);
        }
        usize::try_from(up).unwrap_or_default()
    }
}

/// A hash of what a persons file of either script may show of a village
/// but its place: its kind, notices and persons (both names of each: a
/// list is ordered by the other name where the names it is found by are
/// the same).
fn shared_key(village: &SiteVillage) -> u64 {
    let notices: Vec<(&str, u8)> = village
        .notices
        .iter()
        .map(|n| (n.slug.as_str(), notice_code(n)))
        .collect();
    crate::keys::hash_of(&(village.kind, notices, &village.persons))
}

/// A hash of everything of a village that a persons file of `script` may
/// show: its place and those it is in (slugs, names in `script`: a file
/// shows no other) and its [`shared_key`].
fn village_key(script: Script, areas: &[Area<'_>], at: u32, shared: u64) -> u64 {
    let places: Vec<(&str, &str)> = chain(areas, at)
        .into_iter()
        .map(|a| (areas[a as usize].slug, script.text(areas[a as usize].name)))
        .collect();
    crate::keys::hash_of(&(places, shared))
}

/// The hash of a person's row: its village's [`village_key`] and its
/// number among the village's persons.
fn person_hash(village_key: u64, person: u32) -> u64 {
    crate::keys::hash_of(&(village_key, person))
}

/// One person of one village: its village's number among the villages and
/// its number among the village's persons (compact: a country has
/// millions).
#[derive(Debug, Clone, Copy)]
struct Found {
    list: u32,
    village: u32,
    person: u32,
}

/// The persons lists of `script`, sorted by key: under each first
/// character (Chinese) or first syllable (Tibetan) the persons whose
/// name starts with it. Counted and hashed here; sorted only where
/// rendered (see [`found_in`]).
fn person_lists<'s>(
    script: Script,
    villages: &[(u32, &'s SiteVillage)],
    village_keys: &[u64],
) -> Vec<List<'s, ()>> {
    let mut lists: HashMap<&'s str, (u32, u64)> = HashMap::new();
    for (v, (_, village)) in villages.iter().enumerate() {
        let village_key = village_keys.get(v);
        for (p, person) in (0u32..).zip(village.persons.iter()) {
            let Some(key) = first_key(script, script.names(&person).0) else {
                continue;
            };
            let (count, sum) = lists.entry(key).or_default();
            *count += 1;
            if let Some(&village_key) = village_key {
                *sum = sum.wrapping_add(person_hash(village_key, p));
            }
        }
    }
    let mut lists: Vec<List<'s, ()>> = lists
        .into_iter()
        .map(|(key, (count, sum))| List {
            key: Cow::Borrowed(key),
            rows: (),
            count,
            sum,
        })
        .collect();
    lists.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    lists
}

/// What the files of a script's persons lists are made from.
struct PersonFiles<'a, 's> {
    script: Script,
    areas: &'a [Area<'s>],
    villages: &'a [(u32, &'s SiteVillage)],
    /// Each village's [`village_key`] in this script (none where no keys
    /// are kept).
    village_keys: &'a [u64],
}

impl PersonFiles<'_, '_> {
    /// A list's name: `<script>/n/<key>`.
    fn name(&self, list: &List<'_, ()>) -> String {
        format!("{}/n/{}", self.script.folder(), file_name(&list.key))
    }

    /// The files of the persons lists: per list
    /// `search/<script>/n/<key>.<n>.js` of [`PERSON_ROWS`] persons each
    /// (see [`PersonsFile`]) and, for a list of more than one,
    /// `search/<script>/n/<key>.js` with the first and last name of each
    /// file, so that a query finds the files its names are in. A list as
    /// it was in `last` is neither gathered, sorted nor keyed again; of
    /// the others, only the files whose rows changed are rendered.
    fn emit(
        &self,
        lists: &[List<'_, ()>],
        last: Option<&ListSums>,
        emit: &mut Emit<'_>,
    ) -> Result<(), String> {
        let mut files: Vec<(String, Vec<String>, Option<Vec<u64>>)> =
            Vec::with_capacity(lists.len());
        let mut changed: HashMap<&str, u32> = HashMap::new();
        for (number, list) in (0u32..).zip(lists) {
            let name = self.name(list);
            let count = files_of(list.count, PERSON_ROWS);
            let paths: Vec<String> = (0..=count)
                .map(|n| person_path(&name, n, count))
                .filter(|path| !path.is_empty())
                .collect();
            let kept = kept_keys(last, emit, &name, (list.count, list.sum), &paths);
            if kept.is_none() {
                changed.insert(&list.key, number);
            }
            files.push((name, paths, kept));
        }
        let found = found_in(self.script, self.villages, &changed);
        let mut groups = found.chunk_by(|a, b| a.list == b.list);
        for (list, (name, paths, kept)) in lists.iter().zip(files) {
            if let Some(keys) = kept {
                for (path, key) in paths.iter().zip(keys) {
                    emit.pass_on(path, key)?;
                }
                continue;
            }
            let group = groups.next().unwrap_or_default();
            self.emit_list(list, &name, group, emit)?;
        }
        Ok(())
    }

    /// The files of one list whose persons, sorted, are `group`.
    fn emit_list(
        &self,
        list: &List<'_, ()>,
        name: &str,
        group: &[Found],
        emit: &mut Emit<'_>,
    ) -> Result<(), String> {
        let script = self.script;
        let count = files_of(list.count, PERSON_ROWS);
        let mut chunks = group.chunks(PERSON_ROWS);
        let mut bounds: Vec<(&str, &str)> = Vec::new();
        for n in 0..count {
            let path = person_path(name, n, count);
            let chunk = chunks.next().unwrap_or_default();
            let file = PersonsFile {
                script,
                areas: self.areas,
                villages: self.villages,
                found: chunk,
            };
            let mut names = file
                .persons()
                .map(|(_, person)| person_name(script, &person));
            if let Some(first) = names.next() {
                bounds.push((first, names.last().unwrap_or(first)));
            }
            let key = emit.keeps().then(|| {
                let rows = chunk.iter().map(|f| {
                    let village_key = self.village_keys.get(f.village as usize);
                    person_hash(village_key.copied().unwrap_or_default(), f.person)
                });
                rows_key(&path, rows)
            });
            emit.file(&path, key, || {
                Ok(file.render(&format!("{name}.{n}")).into_bytes())
            })?;
        }
        let path = person_path(name, count, count);
        if !path.is_empty() {
            // The list's index: the first and last name of each file.
            let key = emit.keeps().then(|| file_key(&path, list.count, list.sum));
            emit.file(&path, key, || {
                let mut js = chunk_start(name);
                js.push('[');
                for (i, (first, last)) in bounds.iter().enumerate() {
                    js.push_str(if i == 0 { "\n[" } else { ",\n[" });
                    js_string(&mut js, first);
                    js.push(',');
                    js_string(&mut js, last);
                    js.push(']');
                }
                js.push_str("];\n");
                Ok(js.into_bytes())
            })?;
        }
        Ok(())
    }
}

/// The path of a persons list's `n`-th file of `count`, or at `count`
/// its index (none, an empty path, for a list of one file).
fn person_path(name: &str, n: usize, count: usize) -> String {
    match n.cmp(&count) {
        std::cmp::Ordering::Less => format!("search/{name}.{n}.js"),
        _ if count > 1 => format!("search/{name}.js"),
        _ => String::new(),
    }
}

/// A person's name as search shows and matches it.
fn person_name<'a>(script: Script, person: &SitePerson<'a>) -> &'a str {
    without_final_shad(script.names(person).0.trim())
}

/// The order of persons in a list: by the name in its script (a Tibetan
/// name syllable by syllable, so that the names a query finds are next
/// to each other whatever separates their syllables, then as written),
/// then by the other name.
fn person_order(script: Script, a: (&str, &str), b: (&str, &str)) -> std::cmp::Ordering {
    match script {
        Script::Zh => a.cmp(&b),
        Script::Bo => syllables(a.0).cmp(syllables(b.0)).then_with(|| a.cmp(&b)),
    }
}

/// The persons of the lists of `script` numbered in `lists` (by key),
/// grouped by list in the order of their numbers, and in each sorted by
/// [`person_order`], then by the village's place in the site.
fn found_in(
    script: Script,
    villages: &[(u32, &SiteVillage)],
    lists: &HashMap<&str, u32>,
) -> Vec<Found> {
    if lists.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (v, (_, village)) in (0u32..).zip(villages) {
        for (p, person) in (0u32..).zip(village.persons.iter()) {
            let key = first_key(script, script.names(&person).0);
            if let Some(&list) = key.and_then(|key| lists.get(key)) {
                found.push(Found {
                    list,
                    village: v,
                    person: p,
                });
            }
        }
    }
    found.sort_unstable_by_key(|f| (f.list, f.village, f.person));
    for group in found.chunk_by_mut(|a, b| a.list == b.list) {
        // The names beside each, so sorting reads no village again.
        let mut named: Vec<((&str, &str), Found)> = group
            .iter()
            .filter_map(|f| {
                let persons = &villages[f.village as usize].1.persons;
                let person = persons.get(f.person as usize)?;
                let other = script.names(&person).1;
                Some(((person_name(script, &person), other), *f))
            })
            .collect();
        // Stable: equal names keep the village order.
        named.sort_by(|a, b| person_order(script, a.0, b.0));
        for (slot, (_, f)) in group.iter_mut().zip(named) {
            *slot = f;
        }
    }
    found
}

/// One file of a persons list.
struct PersonsFile<'a, 's> {
    script: Script,
    areas: &'a [Area<'s>],
    villages: &'a [(u32, &'s SiteVillage)],
    /// Sorted (see [`found_in`]).
    found: &'a [Found],
}

impl<'s> PersonsFile<'_, 's> {
    /// Each person, with its village's number.
    fn persons(&self) -> impl Iterator<Item = (u32, SitePerson<'s>)> + '_ {
        self.found.iter().filter_map(|f| {
            let &(_, village) = self.villages.get(f.village as usize)?;
            let person = village.persons.get(f.person as usize)?;
            Some((f.village, person))
        })
    }

    /// The file: the notices its villages have (folder name and
    /// [`notice_code`], each once), the places it names (see [`Table`]),
    /// its villages in order of first mention (position in that table,
    /// kind, the numbers of their notices), then its persons (name in the
    /// file's script, the village's number, the positions of its notices
    /// among the village's). Only the name that finds a person is
    /// written, and places only in that script: the other would double a
    /// Chinese file.
    fn render(&self, name: &str) -> String {
        let mut js = chunk_start(name);
        let mut table = Table::new(self.areas, self.script);
        let mut notices: HashMap<(&str, u8), usize> = HashMap::new();
        let mut notice_rows = String::new();
        let mut villages: HashMap<u32, usize> = HashMap::new();
        let mut village_rows = String::new();
        let mut persons = String::new();
        for (village, person) in self.persons() {
            let next = villages.len();
            let number = *villages.entry(village).or_insert_with(|| {
                let (at, site_village) = self.villages[village as usize];
                let place = table.add(at);
                village_rows.push_str(if next == 0 { "\n[" } else { ",\n[" });
                let _ = write!(village_rows, "{place}");
                village_rows.push_str(match site_village.kind {
                    VillageKind::Village => ",0",
                    VillageKind::Community => ",1",
                });
                for notice in &site_village.notices {
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
            js_string(&mut persons, person_name(self.script, &person));
            let _ = write!(persons, ",{number}");
            for notice in person.notices {
                let _ = write!(persons, ",{notice}");
            }
            persons.push(']');
        }
        for (part, rows) in [
            ("{n:[", &notice_rows),
            ("],a:[", &table.rows),
            ("],v:[", &village_rows),
            ("],p:[", &persons),
        ] {
            js.push_str(part);
            js.push_str(rows);
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

/// The pairs of each token, `search/<script>/q/<token>.js`: every pair
/// the token begins (see [`pair`]) with its count, sorted (none for a
/// token that ends every name it is in: the file is there all the same,
/// so the page never asks for one that is not). A query of several
/// tokens loads those of its first few tokens and takes the list of a
/// pair where it is the smallest: a pair is rarer than either token.
fn emit_pair_manifests(
    script: Script,
    singles: &[List<'_, Vec<u32>>],
    pairs: &[List<'_, Vec<u32>>],
    emit: &mut Emit<'_>,
) -> Result<(), String> {
    let first = |key: &str| -> String {
        match script {
            Script::Zh => truncated(key, 1).to_owned(),
            Script::Bo => key.split('\u{0F0B}').next().unwrap_or_default().to_owned(),
        }
    };
    let mut by_first: HashMap<String, Vec<&List<'_, Vec<u32>>>> = HashMap::new();
    for list in pairs {
        by_first.entry(first(&list.key)).or_default().push(list);
    }
    for single in singles {
        let name = format!("{}/q/{}", script.folder(), file_name(&single.key));
        let mut js = chunk_start(&name);
        js.push('[');
        // In the order of `pairs`: sorted.
        let begun = by_first.get(&*single.key).map_or(&[][..], Vec::as_slice);
        for (i, list) in begun.iter().enumerate() {
            js.push_str(if i == 0 { "\n" } else { ",\n" });
            js_string(&mut js, &list.key);
            let _ = write!(js, ",{}", list.count);
        }
        js.push_str("];\n");
        emit.bytes(&format!("search/{name}.js"), js.as_bytes())?;
    }
    Ok(())
}

/// A script's manifest, `search/<script>.js`: how many rows a file of
/// places and of persons holds, then every key of its places lists, of
/// its persons lists and (Tibetan) of its begun syllables' lists with its
/// count, sorted: from it a query knows which files exist and how many
/// each list's files hold, so it never asks for one that does not (a
/// missing script is an error in the browser's console) and counts what
/// it need not load.
fn manifest<A, B>(
    script: Script,
    places: &[List<'_, A>],
    begun: &[List<'_, A>],
    persons: &[List<'_, B>],
) -> String {
    let mut js = String::from(PRELUDE);
    let _ = write!(
        js,
        "g.{}={{r:[{PLACE_ROWS},{PERSON_ROWS}],p:[",
        script.folder()
    );
    for (part, keys) in [
        (
            "",
            places
                .iter()
                .map(|l| (&*l.key, l.count))
                .collect::<Vec<_>>(),
        ),
        (
            "],\nn:[",
            persons.iter().map(|l| (&*l.key, l.count)).collect(),
        ),
        (
            if begun.is_empty() { "" } else { "],\nb:[" },
            begun.iter().map(|l| (&*l.key, l.count)).collect(),
        ),
    ] {
        js.push_str(part);
        for (i, (key, count)) in keys.into_iter().enumerate() {
            js.push_str(if i == 0 { "\n" } else { ",\n" });
            js_string(&mut js, key);
            let _ = write!(js, ",{count}");
        }
    }
    js.push_str("]};\n");
    js
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

    use super::{
        file_name, first_key, first_pair, index, js_string, person_order, place_keys, place_pairs,
        syllables, ListSums, Script, PERSON_ROWS, PLACE_ROWS,
    };
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
    fn a_chinese_name_is_listed_by_its_first_character_a_tibetan_by_its_first_syllable() {
        assert_eq!(first_key(Script::Zh, "次仁顿珠"), Some("次"));
        assert_eq!(first_key(Script::Zh, " 𠀀丁"), Some("𠀀"), "beyond the BMP");
        assert_eq!(first_key(Script::Bo, "ཚེ་རིང་དོན་གྲུབ།"), Some("ཚེ"));
        assert_eq!(first_key(Script::Bo, "།བསྟན་འཛིན"), Some("བསྟན"));
        assert_eq!(
            first_key(Script::Bo, "abcdefghijk lm"),
            Some("abcdefgh"),
            "at most eight code points"
        );
        for blank in ["", " ", "\u{3000}"] {
            assert_eq!(first_key(Script::Zh, blank), None);
        }
        for blank in ["", "་།", " "] {
            assert_eq!(first_key(Script::Bo, blank), None);
        }
    }

    #[test]
    fn a_place_is_listed_under_each_character_or_syllable_once() {
        assert_eq!(
            place_keys(Script::Zh, "扎布让村扎"),
            ["布", "扎", "村", "让"],
            "sorted by code point, each once"
        );
        assert_eq!(
            place_keys(Script::Bo, "སེང་གེ་སྡེ་ཁུལ་སེང abcdefghijk"),
            ["abcdefgh", "ཁུལ", "གེ", "སེང", "སྡེ"]
        );
        assert!(place_keys(Script::Bo, "་། ").is_empty());
        // A long name costs its length, not its square.
        let long = "扎".repeat(100_000) + "村";
        assert_eq!(place_keys(Script::Zh, &long), ["扎", "村"]);
        assert_eq!(place_pairs(Script::Zh, &long), ["扎扎", "扎村"]);
        // And each two next to each other, Tibetan joined by a tsheg.
        assert_eq!(
            place_pairs(Script::Zh, "扎布让村"),
            ["布让", "扎布", "让村"]
        );
        assert_eq!(
            place_pairs(Script::Bo, "སེང་གེ་སྡེ་ཁུལ། "),
            ["གེ་སྡེ", "སེང་གེ", "སྡེ་ཁུལ"]
        );
        assert!(place_pairs(Script::Bo, "སེང།").is_empty());
        assert_eq!(first_pair(Script::Bo, "།སེང གེ"), Some("སེང་གེ".to_owned()));
        assert_eq!(first_pair(Script::Zh, "扎"), None);
    }

    #[test]
    fn tibetan_names_sort_syllable_by_syllable_whatever_separates_them() {
        use std::cmp::Ordering::{Greater, Less};
        let bo = |a: &str, b: &str| person_order(Script::Bo, (a, ""), (b, ""));
        // A space sorts before a tsheg as written, but ཀ before རིང.
        assert_eq!(bo("ཚེ རིང", "ཚེ་ཀ"), Greater);
        assert_eq!(bo("ཚེ", "ཚེ་རིང"), Less);
        assert_eq!(bo("ཚེ་རིང", "ཚེས"), Less);
        let zh = |a: &str, b: &str| person_order(Script::Zh, (a, ""), (b, ""));
        assert_eq!(zh("次仁拉姆", "次仁顿珠"), Less);
        assert_eq!(zh("\u{FFFD}", "𠀀"), Less, "by code point, not UTF-16");
    }

    /// A places list under `key` of the places at `rows`.
    fn list_of(key: &str, rows: std::ops::Range<u32>) -> super::List<'_, Vec<u32>> {
        let rows: Vec<u32> = rows.collect();
        super::List {
            key: key.into(),
            count: rows.len() as u32,
            sum: 0,
            rows,
        }
    }

    #[test]
    fn a_begun_syllable_whose_lists_cost_much_is_listed_under_what_its_keys_share() {
        let begun = |singles: &[super::List<'_, Vec<u32>>]| -> Vec<(String, u32, Vec<u32>)> {
            super::begun_lists(singles, &[])
                .into_iter()
                .map(|l| (l.key.into_owned(), l.count, l.rows))
                .collect()
        };
        // ཚ begins three keys whose lists cost 650 rows to load: their
        // places once each; ཚེ begins one key only.
        let lists = [
            list_of("ཚལ", 0..150),
            list_of("ཚེ", 100..300),
            list_of("ཚོ", 250..400),
        ];
        assert_eq!(begun(&lists), [("ཚ".to_owned(), 400, (0..400).collect())]);
        // སྒ and ས begin the same two keys: listed once, under སྒྲ.
        let lists = [list_of("སྒྲུབ", 0..300), list_of("སྒྲོལ", 300..600)];
        let found = begun(&lists);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0.as_str(), found[0].1), ("སྒྲ", 600));
        // Lists cheap to load are enough as they are.
        let lists = [list_of("ཀུན", 0..100), list_of("ཀླུ", 100..200)];
        assert_eq!(begun(&lists), []);
        assert_eq!(super::shared_start("ཚེས", "ཚེ"), "ཚེ");
        assert_eq!(super::shared_start("𠀀a", "𠀀b"), "𠀀");
        assert_eq!(super::shared_start("a", "b"), "");
    }

    #[test]
    fn a_begun_list_shows_first_the_places_whose_first_syllable_begins_so() {
        // Nine keys begin with ཚ (each costs a file to load): more than a
        // begun syllable may cost, so the index lists them under ཚ.
        let person = [("次仁", "ཚེ་རིང")];
        let mut villages = vec![village("kha", ("卡", "ཁ་ཚོགས།"), &person)];
        for (i, first) in ["ཚལ", "ཚེ", "ཚོ", "ཚང", "ཚན", "ཚུལ", "ཚིག", "ཚད"]
            .into_iter()
            .enumerate()
        {
            let name = format!("{first}་ཁ།");
            villages.push(village(&format!("v{i}"), ("村", &name), &person));
        }
        let (files, _) = run(&counties(villages), &HashMap::new());
        let manifest = &files["search/bo.js"];
        assert!(manifest.ends_with("],\nb:[\n\"ཚ\",9]};\n"), "{manifest}");
        let list = &files["search/bo/b/0f5a.0.js"];
        let rows = &list[list.find("r:[").unwrap()..];
        // Villages 1 to 8 start with ཚ, village 0 only holds it.
        let numbers: Vec<&str> = rows
            .lines()
            .skip(1)
            .map(|row| {
                row.trim_end_matches([']', '}', ';', ','])
                    .rsplit(',')
                    .next()
                    .unwrap()
            })
            .collect();
        assert_eq!(
            numbers,
            ["1", "2", "3", "4", "5", "6", "7", "8", "0"],
            "{list}"
        );
        assert!(
            !files.keys().any(|path| path.starts_with("search/zh/b/")),
            "a Chinese character is never begun"
        );
    }

    #[test]
    fn list_files_are_named_by_code_points_in_hex() {
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
                seats: Vec::new().into(),
            }
        } else {
            SiteNoticeDetail::Candidates {
                period: crate::calendar::Period {
                    start: day,
                    last: day,
                },
                status: crate::calendar::Status::Closed,
                seats: Vec::new().into(),
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
                figures: Vec::new(),
            }],
        }]
    }

    /// The index files of `counties` that a run starting from the keys
    /// `last` renders (path → text), and every file's key.
    fn run(
        counties: &[SiteCounty],
        last: &HashMap<u64, u64>,
    ) -> (BTreeMap<String, String>, HashMap<u64, u64>) {
        let (rendered, keys, _) = run_kept(counties, last, None);
        (rendered, keys)
    }

    /// The same as [`run`] given what the last run found of its lists, as
    /// `serve` runs it; with what this run found.
    fn run_kept(
        counties: &[SiteCounty],
        last: &HashMap<u64, u64>,
        sums: Option<&ListSums>,
    ) -> (BTreeMap<String, String>, HashMap<u64, u64>, ListSums) {
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
        let sums = index(counties, sums, &mut out).unwrap();
        let keys = out.finish().keys().map(|(p, k)| (path_key(p), k)).collect();
        (rendered.into_inner().unwrap(), keys, sums)
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
        // Persons by first character or syllable, places by every one.
        for path in [
            "search/zh.js",
            "search/bo.js",
            "search/zh/n/4e39.0.js",
            "search/zh/n/6b21.0.js",
            "search/bo/n/0f56-0f66-0f9f-0f53.0.js",
            "search/bo/n/0f5a-0f7a.0.js",
            "search/zh/p/793e.0.js",
            "search/bo/p/0f66-0fa1-0f7a.0.js",
        ] {
            assert!(paths.contains(&path), "{path}: {paths:?}");
        }
        assert_eq!(paths.len(), 70, "{paths:?}");
        // Pairs: 社区 in both communities, each token's pairs.
        assert_eq!(
            files["search/zh/p/793e-533a.0.js"],
            files["search/zh/p/793e.0.js"].replace("793e.0", "793e-533a.0")
        );
        assert_eq!(
            files["search/zh/q/793e.js"],
            "var g=window.gongshiSearch=window.gongshiSearch||{};(g.c=g.c||{})[\"zh/q/793e\"]=[\n\"社区\",2];\n"
        );
        assert_eq!(
            files["search/bo/q/0f41-0f74-0f63.js"],
            "var g=window.gongshiSearch=window.gongshiSearch||{};(g.c=g.c||{})[\"bo/q/0f41-0f74-0f63\"]=[];\n",
            "ཁུལ ends every name it is in"
        );
        let zh = &files["search/zh.js"];
        assert!(
            zh.starts_with(
                "var g=window.gongshiSearch=window.gongshiSearch||{};g.zh={r:[200,100],p:[\n\
                 \"区\",2,\n\"县\",1,\n"
            ),
            "{zh}"
        );
        assert!(
            zh.ends_with("\"镇\",1],\nn:[\n\"丹\",1,\n\"次\",3]};\n"),
            "{zh}"
        );
        // Both communities, in the site's order; each with the places it
        // is in, each place once.
        assert_eq!(
            files["search/zh/p/793e.0.js"],
            "var g=window.gongshiSearch=window.gongshiSearch||{};(g.c=g.c||{})[\"zh/p/793e.0\"]={a:[\n\
             [-1,\"gar\",\"噶尔县\"],\n\
             [0,\"shiquanhe\",\"狮泉河镇\"],\n\
             [1,\"senge\",\"森格社区\"],\n\
             [1,\"zangbu\",\"藏布社区\"]],r:[\n\
             [2,2,0],\n\
             [3,2,1]]};\n"
        );
        // 次仁拉姆 before 次仁顿珠 (U+62C9 < U+987F); the two 次仁顿珠 in
        // village order; each village listed once, at its first person.
        assert_eq!(
            files["search/zh/n/6b21.0.js"],
            "var g=window.gongshiSearch=window.gongshiSearch||{};(g.c=g.c||{})[\"zh/n/6b21.0\"]=\
             {n:[[\"party-branch-candidates\",0],[\"committee-results\",3]],a:[\n\
             [-1,\"gar\",\"噶尔县\"],\n\
             [0,\"shiquanhe\",\"狮泉河镇\"],\n\
             [1,\"zangbu\",\"藏布社区\"],\n\
             [1,\"senge\",\"森格社区\"]],v:[\n\
             [2,0,0,1],\n\
             [3,0,0,1]],p:[\n\
             [\"次仁拉姆\",0,0,1],\n\
             [\"次仁顿珠\",1,0,1],\n\
             [\"次仁顿珠\",0,0]]};\n"
        );
        // By the Tibetan name: དོན (U+0F51) before ལྷ (U+0F63); places in
        // Tibetan.
        let bo = &files["search/bo/n/0f5a-0f7a.0.js"];
        let dondrub = bo.find("\"ཚེ་རིང་དོན་གྲུབ\",").unwrap();
        let lhamo = bo.find("\"ཚེ་རིང་ལྷ་མོ\"").unwrap();
        assert!(dondrub < lhamo, "{bo}");
        assert!(bo.contains("[1,\"senge\",\"སེང་གེ་སྡེ་ཁུལ\"]"), "{bo}");
    }

    /// `count` villages of one township, the `i`-th named `村i` where `i`
    /// is even and `i村` where odd, each with one person `次仁i`.
    fn many(count: usize) -> Vec<SiteCounty> {
        let villages = (0..count)
            .map(|i| {
                let zh = if i % 2 == 0 {
                    format!("村{i}")
                } else {
                    format!("{i}村")
                };
                let person = format!("次仁{i:04}");
                village(
                    &format!("v{i}"),
                    (&zh, &format!("གྲོང་{i}")),
                    &[(&person, "ཚེ་རིང")],
                )
            })
            .collect();
        counties(villages)
    }

    #[test]
    fn a_long_list_is_split_into_files_of_a_fixed_number_of_rows() {
        let count = PLACE_ROWS + 50;
        let (files, _) = run(&many(count), &HashMap::new());
        // The places under 村: those that start with it first.
        let rows = |path: &str| -> Vec<String> {
            let text = &files[path];
            let rows = &text[text.find("r:[").unwrap() + 3..];
            rows.lines()
                .filter(|l| l.starts_with('['))
                .map(str::to_owned)
                .collect()
        };
        let first = rows("search/zh/p/6751.0.js");
        let second = rows("search/zh/p/6751.1.js");
        assert_eq!(first.len(), PLACE_ROWS);
        assert_eq!(second.len(), 50);
        assert!(!files.contains_key("search/zh/p/6751.2.js"));
        assert!(first[0].ends_with(",2,0],"), "{}", first[0]);
        assert!(first[1].ends_with(",2,2],"), "{}", first[1]);
        assert!(first[count / 2].ends_with(",2,1],"), "{}", first[count / 2]);
        assert!(second
            .last()
            .unwrap()
            .ends_with(&format!(",2,{}]]}};", count - 1)));
        let manifest = &files["search/zh.js"];
        assert!(
            manifest.contains(&format!("\n\"村\",{count},\n")),
            "{manifest}"
        );

        // The persons under 次, by name; the list's index gives each
        // file's first and last name.
        let persons = (0..count)
            .map(|i| format!("次仁{i:04}"))
            .collect::<Vec<_>>();
        let files_of = count.div_ceil(PERSON_ROWS);
        for n in 0..files_of {
            let text = &files[&format!("search/zh/n/6b21.{n}.js")];
            let names: Vec<&str> = text
                .lines()
                .filter_map(|l| l.strip_prefix("[\"次仁"))
                .map(|l| &l[..4])
                .collect();
            let wanted: Vec<String> = persons
                .iter()
                .skip(n * PERSON_ROWS)
                .take(PERSON_ROWS)
                .map(|p| p["次仁".len()..].to_owned())
                .collect();
            assert_eq!(names, wanted, "file {n}");
        }
        let index = &files["search/zh/n/6b21.js"];
        assert!(index.starts_with(
            "var g=window.gongshiSearch=window.gongshiSearch||{};(g.c=g.c||{})[\"zh/n/6b21\"]=[\n\
             [\"次仁0000\",\"次仁0099\"],\n\
             [\"次仁0100\",\"次仁0199\"],\n"
        ));
        assert!(
            manifest.ends_with(&format!("n:[\n\"次\",{count}]}};\n")),
            "{manifest}"
        );
        // One Tibetan name for all: a list of as many files, no person lost.
        let bo: usize = (0..files_of)
            .map(|n| {
                files[&format!("search/bo/n/0f5a-0f7a.{n}.js")]
                    .matches("[\"ཚེ་རིང\",")
                    .count()
            })
            .sum();
        assert_eq!(bo, count);
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

        // A village renamed: the lists of the keys and pairs of its old
        // and new names, the manifests and pairs files that count them (布
        // no longer begins 布社, 村 is new; 藏布 counts as many) and its
        // persons' files (which name it).
        let mut renamed = example();
        let zangbu = &mut renamed[0].townships[0].villages[1];
        Arc::make_mut(zangbu).name = text("藏布村", "གཙང་པོ་གྲོང་ཚོ།");
        let (rendered, _) = run(&renamed, &keys);
        assert_eq!(
            rendered.keys().collect::<Vec<_>>(),
            [
                "search/bo.js",
                "search/bo/n/0f5a-0f7a.0.js",
                "search/bo/p/0f41-0f74-0f63.0.js",
                "search/bo/p/0f42-0f59-0f44-0f0b-0f54-0f7c.0.js",
                "search/bo/p/0f42-0f59-0f44.0.js",
                "search/bo/p/0f42-0fb2-0f7c-0f44-0f0b-0f5a-0f7c.0.js",
                "search/bo/p/0f42-0fb2-0f7c-0f44.0.js",
                "search/bo/p/0f54-0f7c-0f0b-0f42-0fb2-0f7c-0f44.0.js",
                "search/bo/p/0f54-0f7c.0.js",
                "search/bo/p/0f5a-0f7c.0.js",
                "search/bo/p/0f66-0fa1-0f7a-0f0b-0f41-0f74-0f63.0.js",
                "search/bo/p/0f66-0fa1-0f7a.0.js",
                "search/bo/q/0f42-0fb2-0f7c-0f44.js",
                "search/bo/q/0f54-0f7c.js",
                "search/bo/q/0f5a-0f7c.js",
                "search/bo/q/0f66-0fa1-0f7a.js",
                "search/zh.js",
                "search/zh/n/6b21.0.js",
                "search/zh/p/533a.0.js",
                "search/zh/p/5e03-6751.0.js",
                "search/zh/p/5e03.0.js",
                "search/zh/p/6751.0.js",
                "search/zh/p/793e-533a.0.js",
                "search/zh/p/793e.0.js",
                "search/zh/p/85cf-5e03.0.js",
                "search/zh/p/85cf.0.js",
                "search/zh/q/5e03.js",
                "search/zh/q/6751.js",
                "search/zh/q/793e.js",
            ]
        );

        // A person renamed within its lists: only their files.
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
            ["search/bo/n/0f5a-0f7a.0.js", "search/zh/n/6b21.0.js"]
        );
    }

    /// `many(count)` with the village `v{at}` renamed (its person keeps
    /// its name).
    fn many_renamed(count: usize, at: usize, zh: &str, bo: &str) -> Vec<SiteCounty> {
        let mut renamed = many(count);
        let village = &mut renamed[0].townships[0].villages[at];
        Arc::make_mut(village).name = text(zh, bo);
        renamed
    }

    #[test]
    fn a_village_renamed_renders_again_only_the_persons_file_it_is_in() {
        let count = 2 * PERSON_ROWS + 50;
        let (_, keys, sums) = run_kept(&many(count), &HashMap::new(), None);
        // Its Chinese name: of the persons files, only the Chinese one
        // its person is in (次仁0150: the second), and the list's index
        // (which is keyed by the whole list).
        let renamed = many_renamed(count, 150, "新村", "གྲོང་150");
        for sums in [Some(&sums), None] {
            let (rendered, now, _) = run_kept(&renamed, &keys, sums);
            let persons: Vec<&str> = rendered
                .keys()
                .map(String::as_str)
                .filter(|path| path.contains("/n/"))
                .collect();
            assert_eq!(persons, ["search/zh/n/6b21.1.js", "search/zh/n/6b21.js"]);
            // The same files, keys and bytes as a run from nothing.
            let (cold, cold_keys) = run(&renamed, &HashMap::new());
            assert_eq!(now, cold_keys);
            for (path, text) in &rendered {
                assert_eq!(text, &cold[path], "{path}");
            }
            assert!(rendered["search/zh/n/6b21.1.js"].contains("\"新村\""));
        }
    }

    #[test]
    fn lists_as_they_were_are_passed_on_and_the_others_made_again() {
        let count = PERSON_ROWS + 20;
        let (_, keys, sums) = run_kept(&many(count), &HashMap::new(), None);
        let (rendered, same, again) = run_kept(&many(count), &keys, Some(&sums));
        assert!(rendered.is_empty(), "{rendered:?}");
        assert_eq!(same, keys);
        assert_eq!(again.0, sums.0);

        // Its Tibetan name: no Chinese file; the Tibetan persons list
        // (one name for all: its first file holds 次仁0000..0099).
        let renamed = many_renamed(count, 7, "7村", "གཞིས་7");
        let (rendered, now, after) = run_kept(&renamed, &keys, Some(&sums));
        assert!(
            !rendered.keys().any(|path| path.starts_with("search/zh")),
            "{:?}",
            rendered.keys()
        );
        assert!(rendered.contains_key("search/bo/n/0f5a-0f7a.0.js"));
        assert!(!rendered.contains_key("search/bo/n/0f5a-0f7a.1.js"));
        let (cold, cold_keys) = run(&renamed, &HashMap::new());
        assert_eq!(now, cold_keys);
        for (path, text) in &rendered {
            assert_eq!(text, &cold[path], "{path}");
        }
        // And back, from what that run found.
        let (rendered, back, _) = run_kept(&many(count), &now, Some(&after));
        assert_eq!(back, keys);
        assert!(rendered.contains_key("search/bo/n/0f5a-0f7a.0.js"));
    }
}
