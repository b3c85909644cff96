//! What the exporters of the benchmarks (`hugo_export.rs`, `zola_export.rs`)
//! share: reading a synthetic site, resolving its calendar, and the data of
//! every page, which each exporter then writes as its generator's front
//! matter.
//!
//! The reader is a small line-based one made for exactly what
//! `examples/synthetic.rs` writes (`content/site.yaml`,
//! `content/calendar.yaml`, `content/villages/<county>/<township>/<village>.yaml`
//! and the `_index.yaml` files), not for YAML in general: block mappings and
//! sequences at fixed indents, one-line flow maps, double-quoted strings
//! without escapes.
//!
//! Done here rather than in the generators' templates, the same for both:
//! the last day of a notice period, resolved with the site's `calendar.yaml`
//! exactly as gongshi does (make-up workdays, then weekends and listed
//! holidays are days off), and the list of working days in the period, from
//! which the templates count the days left; the notice title
//! (`ui.notice_title`); the contact for objections (the village's, else the
//! site's); the seats of a results notice (those of the candidates notice of
//! the same body). A missing translation falls back to the other language
//! without a mark.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The languages of the site, the default first.
pub(crate) const LANGS: [&str; 2] = ["bo", "zh"];
/// The theme's catalogs, used when the root has no `themes/default/i18n/`.
const I18N: [&str; 2] = [
    include_str!("../../themes/default/i18n/bo.yaml"),
    include_str!("../../themes/default/i18n/zh.yaml"),
];
const STYLE: &[u8] = include_bytes!("../../themes/default/static/style.css");
const FONT: &[u8] =
    include_bytes!("../../themes/default/static/fonts/NotoSerifTibetan-Regular.woff2");
/// The Tibetan font's file name, under `static/fonts/` in every output.
pub(crate) const FONT_NAME: &str = "NotoSerifTibetan-Regular.woff2";

/// A value of the line-based reader: a scalar or a (flow or block) map.
#[derive(Clone, Debug)]
pub(crate) enum V {
    /// A scalar, unquoted.
    S(String),
    /// A map, in file order.
    M(Vec<(String, V)>),
}

/// A map of the reader, in file order.
pub(crate) type Map = Vec<(String, V)>;

impl V {
    /// The scalar, or "" for a map.
    pub(crate) fn s(&self) -> &str {
        match self {
            V::S(s) => s,
            V::M(_) => "",
        }
    }

    /// The map, or nothing for a scalar.
    pub(crate) fn map(&self) -> &[(String, V)] {
        match self {
            V::M(m) => m,
            V::S(_) => &[],
        }
    }

    /// The text in `lang` of a `{ bo: …, zh: … }` pair, else the other one.
    pub(crate) fn text(&self, lang: &str) -> &str {
        let m = self.map();
        get(m, lang)
            .or_else(|| m.first().map(|(_, v)| v))
            .map_or(self.s(), V::s)
    }
}

/// The value of `key` in `map`.
pub(crate) fn get<'m>(map: &'m [(String, V)], key: &str) -> Option<&'m V> {
    map.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// The scalar of `key` in `map`, or "".
pub(crate) fn gs<'m>(map: &'m [(String, V)], key: &str) -> &'m str {
    get(map, key).map_or("", V::s)
}

/// Parses a value at `s[*i..]`: `{ k: v, … }`, `"…"` or a plain scalar.
fn value(s: &str, i: &mut usize) -> V {
    let b = s.as_bytes();
    while *i < b.len() && b[*i] == b' ' {
        *i += 1;
    }
    if b.get(*i) == Some(&b'{') {
        *i += 1;
        let mut map = Vec::new();
        loop {
            while *i < b.len() && matches!(b[*i], b' ' | b',') {
                *i += 1;
            }
            if *i >= b.len() || b[*i] == b'}' {
                *i += 1;
                return V::M(map);
            }
            let colon = s[*i..].find(':').map_or(b.len(), |c| *i + c);
            let key = s[*i..colon].trim().to_owned();
            *i = colon + 1;
            map.push((key, value(s, i)));
        }
    }
    if b.get(*i) == Some(&b'"') {
        let end = s[*i + 1..].find('"').map_or(b.len(), |e| *i + 1 + e);
        let text = s[*i + 1..end].to_owned();
        *i = (end + 1).min(b.len());
        return V::S(text);
    }
    let start = *i;
    while *i < b.len()
        && !matches!(b[*i], b',' | b'}')
        && !(b[*i] == b' ' && b.get(*i + 1) == Some(&b'#'))
    {
        *i += 1;
    }
    V::S(s[start..*i].trim().to_owned())
}

/// `key: value` (value possibly empty) of a trimmed line.
fn entry(line: &str) -> (String, V) {
    let (key, rest) = line.split_once(':').unwrap_or((line, ""));
    (key.trim().to_owned(), value(rest, &mut 0))
}

/// Indentation and content of the non-blank, non-comment lines.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().filter_map(|l| {
        let t = l.trim_start();
        (!t.is_empty() && !t.starts_with('#')).then(|| (l.len() - t.len(), t.trim_end()))
    })
}

/// A notice of a village file: its fields and its people (candidates or
/// results).
pub(crate) struct Notice {
    fields: Map,
    people: Vec<Map>,
}

/// A village file: its top-level fields and its notices.
fn read_village(text: &str) -> (Map, Vec<Notice>) {
    let (mut top, mut notices) = (Map::new(), Vec::<Notice>::new());
    for (indent, line) in lines(text) {
        let item = line.strip_prefix("- ");
        match (indent, item, notices.last_mut()) {
            (0, _, _) => top.push(entry(line)),
            (2, Some(rest), _) => notices.push(Notice {
                fields: vec![entry(rest)],
                people: Vec::new(),
            }),
            (4, None, Some(n)) => n.fields.push(entry(line)),
            (6, Some(rest), Some(n)) if rest.starts_with('{') => {
                n.people.push(value(rest, &mut 0).map().to_vec())
            }
            (6, Some(rest), Some(n)) => n.people.push(vec![entry(rest)]),
            (8, None, Some(n)) => n
                .people
                .last_mut()
                .into_iter()
                .for_each(|p| p.push(entry(line))),
            _ => {}
        }
    }
    (top, notices)
}

/// Days since 1970-01-01 of `YYYY-MM-DD` (proleptic Gregorian).
fn day_number(iso: &str) -> i64 {
    let mut parts = iso.split('-').map(|p| p.parse::<i64>().unwrap_or(1));
    let (y, m, d) = (
        parts.next().unwrap_or(1970),
        parts.next().unwrap_or(1),
        parts.next().unwrap_or(1),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// `YYYY-MM-DD` of a day number.
fn iso(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `calendar.yaml`: holiday ranges and make-up workdays.
struct Calendar {
    holidays: Vec<(i64, i64)>,
    workdays: HashSet<i64>,
}

impl Calendar {
    fn read(text: &str) -> Calendar {
        let (mut cal, mut section) = (
            Calendar {
                holidays: Vec::new(),
                workdays: HashSet::new(),
            },
            "",
        );
        for (indent, line) in lines(text) {
            match (indent, line.strip_prefix("- ")) {
                (0, _) => section = line.trim_end_matches(':'),
                (_, Some(rest)) if section == "holidays" => {
                    let m = value(rest, &mut 0);
                    cal.holidays.push((
                        day_number(gs(m.map(), "start")),
                        day_number(gs(m.map(), "end")),
                    ));
                }
                (_, Some(rest)) if section == "workdays" => {
                    cal.workdays.insert(day_number(value(rest, &mut 0).s()));
                }
                _ => {}
            }
        }
        cal
    }

    fn is_working_day(&self, day: i64) -> bool {
        let weekend = matches!((day + 4).rem_euclid(7), 0 | 6);
        self.workdays.contains(&day)
            || !(weekend || self.holidays.iter().any(|&(a, b)| a <= day && day <= b))
    }

    /// The last day of a `period` spec and the working days in the period.
    fn resolve(&self, period: &[(String, V)]) -> (i64, Vec<i64>) {
        let start = day_number(gs(period, "start"));
        let n = |key| gs(period, key).parse::<i64>().unwrap_or(1).max(1);
        let last = if let Some(end) = get(period, "end") {
            day_number(end.s())
        } else if get(period, "days").is_some() {
            start + n("days") - 1
        } else {
            let (mut day, mut left) = (start, n("working_days"));
            loop {
                left -= i64::from(self.is_working_day(day));
                if left == 0 || day > start + 3660 {
                    break day;
                }
                day += 1;
            }
        };
        let working = (start..=last).filter(|&d| self.is_working_day(d)).collect();
        (last, working)
    }
}

/// A double-quoted string, the same in YAML and in TOML (a backslash, a
/// quote and the control characters escaped).
pub(crate) fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Labels of one language: the `ui`, `codes` and `dates` blocks of the
/// theme's i18n file, as text, and what the notice titles need
/// (`ui.notice_title`, `codes.body`, `codes.notice_type`).
pub(crate) struct Labels {
    /// The three blocks, line by line as in the catalog, comments left out.
    pub(crate) yaml: String,
    title: String,
    codes: Vec<(String, String)>,
}

impl Labels {
    fn read(text: &str) -> Labels {
        let mut l = Labels {
            yaml: String::new(),
            title: String::new(),
            codes: Vec::new(),
        };
        let (mut block, mut group) = ("", String::new());
        for (indent, line) in lines(text) {
            if indent == 0 {
                block = line;
            }
            if !matches!(block, "ui:" | "codes:" | "dates:") {
                continue;
            }
            l.yaml.extend([" ".repeat(indent).as_str(), line, "\n"]);
            let (key, v) = entry(line);
            match (block, indent) {
                ("ui:", 2) if key == "notice_title" => l.title = v.s().to_owned(),
                ("codes:", 2) => group = key,
                ("codes:", 4) => l.codes.push((format!("{group}.{key}"), v.s().to_owned())),
                _ => {}
            }
        }
        l
    }

    /// The labels' text with, of `ui`, only the keys in `ui` and, of
    /// `codes`, only the groups in `codes` (`dates` whole): for a generator
    /// that copies the labels into every page it renders.
    #[allow(dead_code, reason = "hugo_export reads the labels in place, whole")]
    pub(crate) fn yaml_only(&self, ui: &[&str], codes: &[&str]) -> String {
        let (mut out, mut block, mut keep_group) = (String::new(), "", false);
        for (indent, line) in lines(&self.yaml) {
            let key = line.split(':').next().unwrap_or("").trim();
            let keep = match (indent, block) {
                (0, _) => {
                    block = line;
                    true
                }
                (2, "ui:") => ui.contains(&key),
                (2, "codes:") => {
                    keep_group = codes.contains(&key);
                    keep_group
                }
                (_, "codes:") => keep_group,
                _ => true,
            };
            if keep {
                out.extend([" ".repeat(indent).as_str(), line, "\n"]);
            }
        }
        out
    }

    fn code<'a>(&'a self, key: &'a str) -> &'a str {
        self.codes
            .iter()
            .find(|(k, _)| k == key)
            .map_or(key, |(_, v)| v)
    }

    /// A notice's title: `ui.notice_title` filled with its body and type.
    fn title(&self, body: &str, kind: &str) -> String {
        let body = self.code(&format!("body.{body}")).to_owned();
        let kind = self.code(&format!("notice_type.{kind}")).to_owned();
        self.title.replace("{body}", &body).replace("{type}", &kind)
    }
}

/// A value of a page's front matter, written by each exporter in its
/// generator's format.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Data {
    /// A string, always quoted.
    Str(String),
    /// A number or a boolean, written as it is.
    Bare(String),
    /// A list.
    List(Vec<Data>),
    /// A map, in order.
    Map(Vec<(String, Data)>),
}

impl Data {
    /// A scalar as YAML would read it unquoted: a number or a boolean as
    /// such, anything else a string.
    pub(crate) fn scalar(s: &str) -> Data {
        if s == "true" || s == "false" || (!s.is_empty() && s.parse::<f64>().is_ok()) {
            Data::Bare(s.to_owned())
        } else {
            Data::Str(s.to_owned())
        }
    }

    fn str(s: &str) -> Data {
        Data::Str(s.to_owned())
    }

    /// The value in flow style: YAML's with `sep` ": ", TOML's inline
    /// form with " = ".
    pub(crate) fn flow(&self, sep: &str) -> String {
        match self {
            Data::Str(s) => q(s),
            Data::Bare(s) => s.clone(),
            Data::List(items) => {
                let items: Vec<String> = items.iter().map(|d| d.flow(sep)).collect();
                format!("[{}]", items.join(", "))
            }
            Data::Map(entries) if entries.is_empty() => "{}".to_owned(),
            Data::Map(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|(k, d)| format!("{k}{sep}{}", d.flow(sep)))
                    .collect();
                format!("{{ {} }}", entries.join(", "))
            }
        }
    }
}

/// The front matter of a notice page in one language, and its Markdown note.
pub(crate) struct NoticePage {
    /// `ui.notice_title` filled.
    pub(crate) title: String,
    /// Its place among the village's notices, from 1.
    pub(crate) weight: usize,
    /// The rest, in order: `notice_type`, `body`, `published_day`, `seats`,
    /// then `period_start`, `period_end`, `period_working_days`, `contact`
    /// (candidates) or `election_day`, `turnout` (results), then `people`.
    pub(crate) fields: Vec<(&'static str, Data)>,
    /// The note, if any.
    pub(crate) note: Option<String>,
}

/// Where an exporter puts what the walk finds, in name order.
pub(crate) trait Sink {
    /// A county (`level` "county") or township ("township") at `rel`
    /// (`c001/t01`), its `weight` its place among its siblings from 1.
    fn area(&mut self, rel: &str, level: &str, name: Option<&V>, weight: usize) -> io::Result<()>;
    /// A village: its name, its `kind` and its published notices (each
    /// with its page in both languages, in [`LANGS`] order).
    fn village(
        &mut self,
        rel: &str,
        name: Option<&V>,
        kind: &str,
        weight: usize,
        notices: Vec<(&str, [NoticePage; 2])>,
    ) -> io::Result<()>;
}

/// A synthetic site: what every page needs.
pub(crate) struct Source {
    content: PathBuf,
    theme: PathBuf,
    today: String,
    /// The settings of `site.yaml` (`title`, `base_url`, …).
    pub(crate) site: Map,
    contact: V,
    /// The labels, in [`LANGS`] order.
    pub(crate) labels: Vec<Labels>,
    cal: Calendar,
}

impl Source {
    /// Reads the settings, calendar and labels of the site at `root`;
    /// notices published after `today` are left out, as gongshi does.
    pub(crate) fn read(root: &Path, today: &str) -> io::Result<Source> {
        let content = root.join("content");
        let (mut site, mut contact) = (Map::new(), Map::new());
        for (indent, line) in lines(&fs::read_to_string(content.join("site.yaml"))?) {
            match (indent, site.last()) {
                (0, _) => site.push(entry(line)),
                (_, Some((k, _))) if k == "contact" => contact.push(entry(line)),
                _ => {}
            }
        }
        // A `themes/default/` of the root overrides the theme's files, as in gongshi.
        let theme = root.join("themes/default");
        let labels = LANGS
            .iter()
            .zip(I18N)
            .map(|(lang, embedded)| {
                Labels::read(
                    &fs::read_to_string(theme.join(format!("i18n/{lang}.yaml")))
                        .unwrap_or_else(|_| embedded.into()),
                )
            })
            .collect();
        Ok(Source {
            cal: Calendar::read(&fs::read_to_string(content.join("calendar.yaml"))?),
            content,
            theme,
            today: today.to_owned(),
            site,
            contact: V::M(contact),
            labels,
        })
    }

    /// The site's title, by language.
    pub(crate) fn title(&self) -> V {
        get(&self.site, "title")
            .cloned()
            .unwrap_or(V::S("gongshi".into()))
    }

    /// The theme's stylesheet and Tibetan font: (path under `static/`, bytes).
    pub(crate) fn static_files(&self) -> [(String, Vec<u8>); 2] {
        let style = fs::read(self.theme.join("static/style.css")).unwrap_or_else(|_| STYLE.into());
        let font = fs::read(self.theme.join("static/fonts").join(FONT_NAME))
            .unwrap_or_else(|_| FONT.into());
        [
            ("style.css".into(), style),
            (format!("fonts/{FONT_NAME}"), font),
        ]
    }

    /// Walks every county, township and village in name order into `sink`;
    /// returns the number of villages.
    pub(crate) fn walk(&self, sink: &mut impl Sink) -> io::Result<u64> {
        let mut counties = children(&self.content.join("villages"))?;
        counties.retain(|p| p.is_dir());
        let mut villages = 0;
        for (i, county) in counties.iter().enumerate() {
            let rel = county.file_name().unwrap_or_default().to_string_lossy();
            villages += self.area(sink, county, &rel, 0, i + 1)?;
        }
        Ok(villages)
    }

    /// The county (depth 0) or township (1) folder `dir` at `rel`, with
    /// everything under it.
    fn area(
        &self,
        sink: &mut impl Sink,
        dir: &Path,
        rel: &str,
        depth: usize,
        weight: usize,
    ) -> io::Result<u64> {
        let (top, _) = read_village(&fs::read_to_string(dir.join("_index.yaml"))?);
        sink.area(
            rel,
            ["county", "township"][depth],
            get(&top, "name"),
            weight,
        )?;
        let mut villages = 0;
        for (i, path) in children(dir)?.iter().enumerate() {
            let child = format!(
                "{rel}/{}",
                path.file_stem().unwrap_or_default().to_string_lossy()
            );
            if depth == 0 && path.is_dir() {
                villages += self.area(sink, path, &child, 1, i + 1)?;
            } else if depth == 1 && path.extension().is_some_and(|e| e == "yaml") {
                self.village(sink, &fs::read_to_string(path)?, &child, i + 1)?;
                villages += 1;
            }
        }
        Ok(villages)
    }

    fn village(
        &self,
        sink: &mut impl Sink,
        text: &str,
        rel: &str,
        weight: usize,
    ) -> io::Result<()> {
        let (top, notices) = read_village(text);
        let contact = get(&top, "contact").unwrap_or(&self.contact);
        let mut pages = Vec::new();
        for (i, n) in notices.iter().enumerate() {
            // Scheduled (published after `today`): gongshi leaves it out.
            if gs(&n.fields, "published") > self.today.as_str() {
                continue;
            }
            let body = gs(&n.fields, "body");
            let candidates = notices
                .iter()
                .find(|c| gs(&c.fields, "type") == "candidates" && gs(&c.fields, "body") == body);
            let seats: Vec<Data> = candidates
                .and_then(|c| get(&c.fields, "seats"))
                .map_or(&[][..], V::map)
                .iter()
                .map(|(post, count)| {
                    Data::Map(vec![
                        ("post".into(), Data::str(post)),
                        ("count".into(), Data::scalar(count.s())),
                    ])
                })
                .collect();
            let page = |l: usize| {
                self.notice_page(
                    n,
                    i + 1,
                    LANGS[l],
                    Data::List(seats.clone()),
                    &self.labels[l],
                    contact,
                )
            };
            pages.push((gs(&n.fields, "slug"), [page(0), page(1)]));
        }
        sink.village(rel, get(&top, "name"), gs(&top, "kind"), weight, pages)
    }

    /// A notice's page in `lang`.
    fn notice_page(
        &self,
        n: &Notice,
        weight: usize,
        lang: &str,
        seats: Data,
        labels: &Labels,
        contact: &V,
    ) -> NoticePage {
        let f = &n.fields;
        let (kind, body) = (gs(f, "type"), gs(f, "body"));
        let mut fields = vec![
            ("notice_type", Data::str(kind)),
            ("body", Data::str(body)),
            ("published_day", Data::str(gs(f, "published"))),
            ("seats", seats),
        ];
        if kind == "candidates" {
            let period = get(f, "period").map_or(&[][..], V::map);
            let (last, working) = self.cal.resolve(period);
            let office = get(contact.map(), "office").map_or("", |o| o.text(lang));
            fields.extend([
                ("period_start", Data::str(gs(period, "start"))),
                ("period_end", Data::Str(iso(last))),
                (
                    "period_working_days",
                    Data::List(working.into_iter().map(|d| Data::Str(iso(d))).collect()),
                ),
                (
                    "contact",
                    Data::Map(vec![
                        ("office".into(), Data::str(office)),
                        ("phone".into(), Data::str(gs(contact.map(), "phone"))),
                    ]),
                ),
            ]);
        } else {
            let t = get(f, "turnout").map_or(&[][..], V::map);
            let turnout = ["electorate", "cast", "valid"]
                .into_iter()
                .map(|k| (k.to_owned(), Data::scalar(gs(t, k))))
                .collect();
            fields.extend([
                ("election_day", Data::str(gs(f, "election_day"))),
                ("turnout", Data::Map(turnout)),
            ]);
        }
        let people = n.people.iter().map(|p| person(p, lang)).collect();
        fields.push(("people", Data::List(people)));
        NoticePage {
            title: labels.title(body, kind),
            weight,
            fields,
            note: get(f, "note").map(|note| note.text(lang).to_owned()),
        }
    }
}

/// One candidate or elected person in `lang`.
fn person(p: &[(String, V)], lang: &str) -> Data {
    let born: String = gs(p, "born").chars().take(7).collect();
    let mut entries = vec![
        (
            "name".to_owned(),
            Data::str(get(p, "name").map_or("", |v| v.text(lang))),
        ),
        ("born".to_owned(), Data::Str(born)),
    ];
    for key in [
        "gender",
        "ethnicity",
        "education",
        "party",
        "post",
        "votes",
        "elected",
    ] {
        if let Some(v) = get(p, key) {
            entries.push((key.to_owned(), Data::scalar(v.s())));
        }
    }
    if let Some(role) = get(p, "current_role") {
        entries.push(("current_role".to_owned(), Data::str(role.text(lang))));
    }
    Data::Map(entries)
}

/// The entries of `dir` that are not hidden or `_index`, in name order.
fn children(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut all: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    all.retain(|p| {
        p.file_name()
            .is_some_and(|n| !n.to_string_lossy().starts_with(['.', '_']))
    });
    all.sort();
    Ok(all)
}

/// Creates the folders of `out/rel` and writes `bytes` there.
pub(crate) fn write(out: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> io::Result<()> {
    let path = out.join(rel);
    fs::create_dir_all(path.parent().unwrap_or(out))?;
    fs::write(&path, bytes)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_weekdays() {
        assert_eq!(iso(day_number("2021-02-28") + 1), "2021-03-01");
        assert_eq!(iso(day_number("2024-02-28") + 1), "2024-02-29");
        // 2021-01-04 was a Monday: five working days end on Friday the 8th.
        let cal = Calendar::read("holidays:\nworkdays:\n");
        let period = value("{ start: 2021-01-04, working_days: 5 }", &mut 0);
        let (last, working) = cal.resolve(period.map());
        assert_eq!(iso(last), "2021-01-08");
        assert_eq!(working.len(), 5);
    }

    #[test]
    fn holidays_and_make_up_days() {
        let cal = Calendar::read(
            "holidays:\n  - { start: 2021-02-11, end: 2021-02-17 }\nworkdays:\n  - 2021-02-07\n",
        );
        // From Saturday the 6th: Sunday the 7th is worked, the holiday is not.
        let period = value("{ start: 2021-02-06, working_days: 5 }", &mut 0);
        let (last, _) = cal.resolve(period.map());
        assert_eq!(iso(last), "2021-02-18");
    }

    #[test]
    fn flow_values_in_both_formats() {
        let seat = Data::Map(vec![
            ("post".into(), Data::scalar("secretary")),
            ("count".into(), Data::scalar("1")),
        ]);
        let list = Data::List(vec![seat, Data::scalar("true"), Data::str("a\"b\n")]);
        assert_eq!(
            list.flow(": "),
            r#"[{ post: "secretary", count: 1 }, true, "a\"b\n"]"#
        );
        assert_eq!(
            list.flow(" = "),
            r#"[{ post = "secretary", count = 1 }, true, "a\"b\n"]"#
        );
    }

    #[test]
    fn labels_keep_only_what_is_asked() {
        let l = Labels::read(
            "ui:\n  home: \"H\"\n  other: \"O\"\n  notice_title: \"{body}{type}\"\ncodes:\n  gender:\n    male: \"M\"\n  body:\n    committee: \"C\"\n  notice_type:\n    results: \"R\"\ndates:\n  ordinals: [\"\"]\n",
        );
        assert_eq!(l.title("committee", "results"), "CR");
        assert_eq!(
            l.yaml_only(&["home"], &["gender"]),
            "ui:\n  home: \"H\"\ncodes:\n  gender:\n    male: \"M\"\ndates:\n  ordinals: [\"\"]\n"
        );
    }
}

/// Writes an exported site's files under `out`, counting them.
pub(crate) struct Counted<'a> {
    out: &'a Path,
    /// How many were written.
    pub(crate) files: u64,
}

impl<'a> Counted<'a> {
    pub(crate) fn new(out: &'a Path) -> Self {
        Counted { out, files: 0 }
    }

    /// Writes `bytes` at `rel` under `out` (see [`write`]).
    pub(crate) fn write(&mut self, rel: &str, bytes: impl AsRef<[u8]>) -> io::Result<()> {
        write(self.out, rel, bytes)?;
        self.files += 1;
        Ok(())
    }
}

/// The `main` of an exporter named `tool`: reads `GONGSHI_ROOT OUT_DIR
/// [TODAY]` from the command line (`dir` names OUT_DIR in the usage line),
/// refuses an OUT_DIR whose `content/` is not an earlier export, replaces
/// that `content/` with what `export` writes and says how much it wrote.
pub(crate) fn run(
    tool: &str,
    dir: &str,
    export: fn(&Path, &Path, &str) -> io::Result<(u64, u64)>,
) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (root, out, today) = match args.as_slice() {
        [root, out] => (root, out, "2021-02-01"),
        [root, out, today] => (root, out, today.as_str()),
        _ => {
            eprintln!("usage: cargo run --release --example {tool} -- GONGSHI_ROOT {dir} [TODAY]");
            return ExitCode::from(2);
        }
    };
    let (root, out) = (Path::new(root), Path::new(out));
    if out.join("content").exists() && !out.join("config.toml").exists() {
        eprintln!(
            "{tool}: {} has a content/ that is not an export; choose another {dir}",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let _ = fs::remove_dir_all(out.join("content"));
    match export(root, out, today) {
        Ok((villages, files)) => {
            println!(
                "{tool}: {villages} villages, {files} files in {} ({:.2} s)",
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{tool}: {e}");
            ExitCode::FAILURE
        }
    }
}
