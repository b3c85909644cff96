//! Exports a gongshi content tree to an equivalent Hugo site, for the
//! benchmark against Hugo (`benches/vs-hugo.sh`).
//!
//! ```text
//! cargo run --release --example hugo_export -- GONGSHI_ROOT HUGO_DIR [TODAY]
//! hugo --source HUGO_DIR --destination OUT
//! ```
//!
//! It reads what `examples/synthetic.rs` writes (`content/site.yaml`,
//! `content/calendar.yaml`, `content/villages/<county>/<township>/<village>.yaml`
//! and the `_index.yaml` files) with a small line-based reader made for that
//! exact format, not for YAML in general (block mappings and sequences at
//! fixed indents, one-line flow maps, double-quoted strings without escapes).
//!
//! HUGO_DIR gets `config.toml` (languages `bo` and `zh`, each with its own
//! `contentDir`; `params.today` is the as-of date of the statuses, default
//! 2021-02-01, so the output is deterministic), one `_index.md` per county,
//! township and village and one `<notice>.md` per notice and language (all
//! data in front matter, the Markdown note as the body),
//! `data/labels_{bo,zh}.yaml` (the `ui`, `codes` and `dates` blocks of the
//! theme's `i18n/{bo,zh}.yaml`), the layouts, and the theme's stylesheet and
//! Tibetan font under `static/`. The templates build the same notice page as
//! gongshi's `notice.html` (facts, seats, turnout, the people table, note,
//! objections) and look every code up in the labels, as gongshi does.
//!
//! Done here rather than in the templates: the last day of a notice period,
//! resolved with the site's `calendar.yaml` exactly as gongshi does (make-up
//! workdays, then weekends and listed holidays are days off), and the list of
//! working days in the period, from which the template counts the days left;
//! the notice title (`ui.notice_title`); the contact for objections (the
//! village's, else the site's); the seats of a results notice (those of the
//! candidates notice of the same body). A missing translation falls back to
//! the other language without a mark.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const LANGS: [&str; 2] = ["bo", "zh"];
const I18N: [&str; 2] = [
    include_str!("../themes/default/i18n/bo.yaml"),
    include_str!("../themes/default/i18n/zh.yaml"),
];
const STYLE: &[u8] = include_bytes!("../themes/default/static/style.css");
const FONT: &[u8] = include_bytes!("../themes/default/static/fonts/NotoSerifTibetan-Regular.woff2");
const FONT_NAME: &str = "NotoSerifTibetan-Regular.woff2";

const BASEOF: &str = r#"{{- $L := index site.Data (printf "labels_%s" site.Language.Lang) -}}
<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
<link rel="canonical" href="{{ .Permalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Site.LanguageCode }}" href="{{ .Permalink }}">
{{- end }}
<link rel="alternate" hreflang="x-default" href="{{ site.BaseURL }}">
</head>
<body>
<header class="site-header">
<a class="site-title" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav class="lang-switch">{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Site.LanguageCode }}" lang="{{ .Site.LanguageCode }}">{{ .Language.LanguageName }}</a>{{ end }}</nav>
</header>
{{- if not .IsHome }}
<nav class="breadcrumbs" aria-label="{{ $L.ui.breadcrumbs }}"><ol>
{{- range .Ancestors.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ if .IsHome }}{{ $L.ui.home }}{{ else }}{{ .Title }}{{ end }}</a></li>
{{- end }}
</ol></nav>
{{- end }}
<main>
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<p class="print-url">{{ replace $L.ui.page_url "{url}" .Permalink }}</p>
<p>{{ $L.ui.generated_by }}</p>
</footer>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}
{{- $L := index site.Data (printf "labels_%s" site.Language.Lang) -}}
{{- $p := .Params -}}
{{- $cand := eq $p.notice_type "candidates" -}}
{{- if $cand }}
<article class="notice" data-status="{{ partial "code.html" $p }}" data-period-start="{{ $p.period_start }}" data-period-end="{{ $p.period_end }}">
{{- else }}
<article class="notice" data-election-day="{{ $p.election_day }}">
{{- end }}
<p class="kicker">{{ .Parent.Title }}</p>
<h1>{{ .Title }}</h1>
<dl class="facts">
<dt>{{ $L.ui.published }}</dt><dd><time datetime="{{ $p.published_day }}">{{ partial "date.html" (dict "iso" $p.published_day "pat" $L.dates.day "L" $L) }}</time></dd>
{{- if $cand }}
<dt>{{ $L.ui.period }}</dt><dd>{{ partial "range.html" (dict "p" $p "L" $L) }}</dd>
{{- $as := split $L.ui.as_of "{date}" }}
<dt>{{ $L.ui.status }}</dt><dd>{{ partial "status.html" (dict "p" $p "L" $L) }} <span class="as-of">{{ index $as 0 }}<time datetime="{{ site.Params.today }}">{{ partial "date.html" (dict "iso" site.Params.today "pat" $L.dates.day "L" $L) }}</time>{{ index $as 1 }}</span></dd>
{{- else }}
<dt>{{ $L.ui.election_day }}</dt><dd><time datetime="{{ $p.election_day }}">{{ partial "date.html" (dict "iso" $p.election_day "pat" $L.dates.day "L" $L) }}</time></dd>
{{- end }}
{{- with $p.seats }}
<dt>{{ $L.ui.seats }}</dt><dd>{{ range $i, $s := . }}{{ if $i }} {{ end }}<span class="seat">{{ replace (replace $L.ui.seats_item "{post}" (index $L.codes.post $s.post)) "{n}" (string $s.count) }}</span>{{ end }}</dd>
{{- end }}
</dl>
{{- if not $cand }}
<h2>{{ $L.ui.turnout }}</h2>
<div class="table-wrap"><table class="turnout">
<thead><tr><th scope="col">{{ $L.ui.electorate }}</th><th scope="col">{{ $L.ui.cast }}</th><th scope="col">{{ $L.ui.valid }}</th></tr></thead>
<tbody><tr><td class="num">{{ $p.turnout.electorate }}</td><td class="num">{{ $p.turnout.cast }}</td><td class="num">{{ $p.turnout.valid }}</td></tr></tbody>
</table></div>
{{- end }}
<h2>{{ if $cand }}{{ $L.ui.candidates }}{{ else }}{{ $L.ui.results }}{{ end }}</h2>
<div class="table-wrap"><table class="people">
<thead><tr>
<th scope="col">{{ $L.ui.col_name }}</th><th scope="col">{{ $L.ui.col_gender }}</th><th scope="col">{{ $L.ui.col_born }}</th><th scope="col">{{ $L.ui.col_ethnicity }}</th><th scope="col">{{ $L.ui.col_education }}</th><th scope="col">{{ $L.ui.col_party }}</th>
{{- if $cand }}<th scope="col">{{ $L.ui.col_current_role }}</th><th scope="col">{{ $L.ui.col_post }}</th>
{{- else }}<th scope="col">{{ $L.ui.col_post_result }}</th><th scope="col">{{ $L.ui.votes }}</th><th scope="col">{{ $L.ui.elected }}</th>{{ end }}
</tr></thead>
<tbody>
{{- range $p.people }}
<tr{{ if .elected }} class="elected"{{ end }}>
<th scope="row">{{ .name }}</th><td>{{ index $L.codes.gender .gender }}</td><td><time datetime="{{ .born }}">{{ partial "date.html" (dict "iso" .born "pat" $L.dates.month "L" $L) }}</time></td><td>{{ index $L.codes.ethnicity .ethnicity }}</td><td>{{ index $L.codes.education .education }}</td><td>{{ index $L.codes.party .party }}</td>
{{- if $cand }}<td>{{ .current_role }}</td><td>{{ index $L.codes.post .post }}</td>
{{- else }}<td>{{ index $L.codes.post .post }}</td><td class="num">{{ .votes }}</td><td>{{ if .elected }}{{ $L.ui.elected }}{{ else }}{{ $L.ui.not_elected }}{{ end }}</td>{{ end }}
</tr>
{{- end }}
</tbody>
</table></div>
{{- with .Content }}
<section class="note">
{{ . }}
</section>
{{- end }}
{{- with $p.contact }}
<section class="objections">
<h2>{{ $L.ui.objections }}</h2>
<p>{{ replace (replace $L.ui.objections_text "{office}" .office) "{phone}" .phone }}</p>
</section>
{{- end }}
</article>
{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}
{{- $L := index site.Data (printf "labels_%s" site.Language.Lang) -}}
{{- $t := site.Params.today -}}
{{- $as := split $L.ui.as_of "{date}" -}}
{{- $asof := printf "%s<time datetime=\"%s\">%s</time>%s" (index $as 0) $t (partial "date.html" (dict "iso" $t "pat" $L.dates.day "L" $L)) (index $as 1) | safeHTML -}}
{{- if eq .Params.level "village" }}
<h1>{{ .Title }} <span class="badge">{{ index $L.codes.kind .Params.village_kind }}</span></h1>
<section class="village-notices">
<h2>{{ $L.ui.village_notices }}</h2>
<p class="as-of">{{ $asof }}</p>
{{ with .Pages }}<ul class="listing">
{{- range . }}{{ partial "item.html" (dict "n" . "L" $L) }}{{ end }}
</ul>{{ else }}<p>{{ $L.ui.no_notices }}</p>{{ end }}
</section>
{{- else }}
{{- $all := cond .IsHome site.RegularPages .RegularPagesRecursive }}
{{- $cand := where $all "Params.notice_type" "candidates" }}
{{- $open := sort (sort (where (where $cand "Params.period_start" "le" $t) "Params.period_end" "ge" $t) "File.Path") "Params.period_end" }}
<h1>{{ .Title }}</h1>
{{- if .IsHome }}
<p class="as-of">{{ $asof }}</p>
<section class="open-notices">
<h2>{{ $L.ui.open_notices }}</h2>
{{ template "items" (dict "items" (first 50 $open) "L" $L "none" $L.ui.no_open_notices) }}
{{ if gt (len $open) 50 }}<p>{{ $L.ui.open_notices_more }}</p>{{ end }}
</section>
<section class="latest-results">
<h2>{{ $L.ui.latest_results }}</h2>
{{- $res := where $all "Params.notice_type" "results" }}
{{ template "items" (dict "items" (first 20 (sort (sort $res "File.Path") "Params.published_day" "desc")) "L" $L "none" $L.ui.no_results) }}
</section>
{{- end }}
<section class="{{ if .IsHome }}areas{{ else }}children{{ end }}">
<h2>{{ if .IsHome }}{{ $L.ui.counties }}{{ else if eq .Params.level "county" }}{{ $L.ui.townships }}{{ else }}{{ $L.ui.villages }}{{ end }}</h2>
<ul class="listing">
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if eq .Params.level "village" }} <span class="meta">{{ index $L.codes.kind .Params.village_kind }}</span>{{ else if eq .Params.level "township" }} <span class="meta">{{ len .Pages }}</span>{{ end }}</li>
{{- end }}
</ul>
</section>
{{- if not .IsHome }}
<section class="open-notices">
<h2>{{ $L.ui.open_notices }}</h2>
<p class="as-of">{{ $asof }}</p>
{{ template "items" (dict "items" $open "L" $L "none" $L.ui.no_open_notices) }}
</section>
{{- end }}
{{- end }}
{{ end }}
{{ define "items" }}{{ $L := .L }}{{ with .items }}<ul class="listing">
{{- range . }}{{ partial "item.html" (dict "n" . "L" $L "village" true) }}{{ end }}
</ul>{{ else }}<p>{{ .none }}</p>{{ end }}{{ end }}
"#;

/// The layouts; the partials are a notice in a listing, its status code and
/// text, its period, and one date (`iso` is `YYYY-MM-DD` or `YYYY-MM`, `pat`
/// a pattern of the labels' `dates`).
const LAYOUTS: [(&str, &str); 8] = [
    ("_default/baseof.html", BASEOF),
    ("_default/single.html", SINGLE),
    ("_default/list.html", LIST),
    (
        "partials/item.html",
        r#"{{- $L := .L }}{{ $p := .n.Params }}{{ $cand := eq $p.notice_type "candidates" }}
<li data-notice-status="{{ if $cand }}{{ partial "code.html" $p }}{{ end }}">
<a href="{{ .n.RelPermalink }}">{{ if .village }}{{ .n.Parent.Title }} · {{ end }}{{ .n.Title }}</a>
<span class="meta">{{ if $cand }}{{ $L.ui.period }} {{ partial "range.html" (dict "p" $p "L" $L) }} {{ partial "status.html" (dict "p" $p "L" $L) }}{{ else }}{{ $L.ui.election_day }} <time datetime="{{ $p.election_day }}">{{ partial "date.html" (dict "iso" $p.election_day "pat" $L.dates.day "L" $L) }}</time>{{ end }}</span>
</li>"#,
    ),
    (
        "partials/code.html",
        r#"{{- $t := site.Params.today -}}
{{- if lt $t .period_start }}upcoming{{ else if gt $t .period_end }}closed{{ else }}open{{ end -}}"#,
    ),
    (
        "partials/status.html",
        r#"{{- $t := site.Params.today -}}{{- $L := .L -}}{{- $p := .p -}}
{{- $code := partial "code.html" $p -}}
<span class="status status-{{ $code }}">
{{- if eq $code "upcoming" }}{{ $L.ui.status_upcoming }}{{ else if eq $code "closed" }}{{ $L.ui.status_closed }}{{ else -}}
{{- $n := 0 }}{{ range $p.period_working_days }}{{ if ge . $t }}{{ $n = add $n 1 }}{{ end }}{{ end -}}
{{- if $n }}{{ replace $L.ui.status_open_days_left "{n}" (string $n) }}{{ else -}}
{{- $s := split $L.ui.status_open_last_day "{date}" }}{{ index $s 0 }}<time datetime="{{ $p.period_end }}">{{ partial "date.html" (dict "iso" $p.period_end "pat" $L.dates.day "L" $L) }}</time>{{ index $s 1 }}
{{- end }}{{ end }}</span>"#,
    ),
    (
        "partials/range.html",
        r#"{{- $p := .p }}{{ $L := .L -}}
{{- $end := cond (eq (substr $p.period_start 0 4) (substr $p.period_end 0 4)) $L.dates.range_end_same_year $L.dates.range_end_other_year -}}
<time datetime="{{ $p.period_start }}">{{ partial "date.html" (dict "iso" $p.period_start "pat" $L.dates.range_start "L" $L) }}</time><time datetime="{{ $p.period_end }}">{{ partial "date.html" (dict "iso" $p.period_end "pat" $end "L" $L) }}</time>"#,
    ),
    (
        "partials/date.html",
        r#"{{- $x := split .iso "-" -}}
{{- $m := int (strings.TrimLeft "0" (index $x 1)) -}}
{{- $d := "" }}{{ if gt (len $x) 2 }}{{ $d = strings.TrimLeft "0" (index $x 2) }}{{ end -}}
{{- replace (replace (replace (replace .pat "{year}" (index $x 0)) "{month}" (string $m)) "{ordinal}" (index .L.dates.ordinals (sub $m 1))) "{day}" $d -}}"#,
    ),
];

/// A value of the line-based reader: a scalar or a (flow or block) map.
#[derive(Clone, Debug)]
enum V {
    S(String),
    M(Vec<(String, V)>),
}

type Map = Vec<(String, V)>;

impl V {
    fn s(&self) -> &str {
        match self {
            V::S(s) => s,
            V::M(_) => "",
        }
    }

    fn map(&self) -> &[(String, V)] {
        match self {
            V::M(m) => m,
            V::S(_) => &[],
        }
    }

    /// The text in `lang` of a `{ bo: …, zh: … }` pair, else the other one.
    fn text(&self, lang: &str) -> &str {
        let m = self.map();
        get(m, lang)
            .or_else(|| m.first().map(|(_, v)| v))
            .map_or(self.s(), V::s)
    }
}

fn get<'m>(map: &'m [(String, V)], key: &str) -> Option<&'m V> {
    map.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn gs<'m>(map: &'m [(String, V)], key: &str) -> &'m str {
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

struct Notice {
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

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Labels of one language: the `ui`, `codes` and `dates` blocks of the
/// theme's i18n file (as text for Hugo's `data/`), and what the notice
/// titles need (`ui.notice_title`, `codes.body`, `codes.notice_type`).
struct Labels {
    yaml: String,
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

/// The exporter's state: where it writes, what every page needs, counts.
struct Export<'a> {
    out: &'a Path,
    today: &'a str,
    labels: Vec<Labels>,
    cal: Calendar,
    contact: V,
    files: u64,
    villages: u64,
}

impl Export<'_> {
    fn write(&mut self, rel: &str, text: impl AsRef<[u8]>) -> io::Result<()> {
        let path = self.out.join(rel);
        fs::create_dir_all(path.parent().unwrap_or(self.out))?;
        fs::write(&path, text)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        self.files += 1;
        Ok(())
    }

    /// The county (depth 0) or township (1) folder `dir` at `rel`, with
    /// everything under it, in name order.
    fn area(&mut self, dir: &Path, rel: &str, depth: usize, weight: usize) -> io::Result<()> {
        let (top, _) = read_village(&fs::read_to_string(dir.join("_index.yaml"))?);
        let level = ["county", "township"][depth];
        self.index_md(
            rel,
            get(&top, "name"),
            &format!("level: {level}\nweight: {weight}\n"),
        )?;
        let mut all: Vec<PathBuf> = fs::read_dir(dir)?
            .map(|e| e.map(|e| e.path()))
            .collect::<io::Result<_>>()?;
        all.retain(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with(['.', '_']))
        });
        all.sort();
        for (i, path) in all.iter().enumerate() {
            let child = format!(
                "{rel}/{}",
                path.file_stem().unwrap_or_default().to_string_lossy()
            );
            if depth == 0 && path.is_dir() {
                self.area(path, &child, 1, i + 1)?;
            } else if depth == 1 && path.extension().is_some_and(|e| e == "yaml") {
                self.village(&fs::read_to_string(path)?, &child, i + 1)?;
            }
        }
        Ok(())
    }

    /// One `_index.md` per language.
    fn index_md(&mut self, rel: &str, name: Option<&V>, extra: &str) -> io::Result<()> {
        for lang in LANGS {
            let title = q(name.map_or(rel, |n| n.text(lang)));
            self.write(
                &format!("content/{lang}/{rel}/_index.md"),
                format!("---\ntitle: {title}\n{extra}---\n"),
            )?;
        }
        Ok(())
    }

    fn village(&mut self, text: &str, rel: &str, weight: usize) -> io::Result<()> {
        let (top, notices) = read_village(text);
        let extra = format!(
            "level: village\nweight: {weight}\nvillage_kind: {}\n",
            gs(&top, "kind")
        );
        self.index_md(rel, get(&top, "name"), &extra)?;
        let contact = get(&top, "contact").unwrap_or(&self.contact).clone();
        for (i, n) in notices.iter().enumerate() {
            // Scheduled (published after `today`): gongshi leaves it out.
            if gs(&n.fields, "published") > self.today {
                continue;
            }
            let body = gs(&n.fields, "body");
            let candidates = notices
                .iter()
                .find(|c| gs(&c.fields, "type") == "candidates" && gs(&c.fields, "body") == body);
            let seats: Vec<String> = candidates
                .and_then(|c| get(&c.fields, "seats"))
                .map_or(&[][..], V::map)
                .iter()
                .map(|(post, count)| format!("{{ post: {post}, count: {} }}", count.s()))
                .collect();
            for (lang, l) in LANGS.iter().zip(0..) {
                let md = notice_md(
                    n,
                    i + 1,
                    lang,
                    &seats.join(", "),
                    &self.labels[l],
                    &contact,
                    &self.cal,
                );
                self.write(
                    &format!("content/{lang}/{rel}/{}.md", gs(&n.fields, "slug")),
                    md,
                )?;
            }
        }
        self.villages += 1;
        Ok(())
    }
}

/// A notice as a Markdown file of `lang`: front matter and note.
fn notice_md(
    n: &Notice,
    weight: usize,
    lang: &str,
    seats: &str,
    labels: &Labels,
    contact: &V,
    cal: &Calendar,
) -> String {
    let f = &n.fields;
    let (kind, body) = (gs(f, "type"), gs(f, "body"));
    let mut s = format!(
        "---\ntitle: {}\nweight: {weight}\nnotice_type: {kind}\nbody: {body}\npublished_day: {}\nseats: [{seats}]\n",
        q(&labels.title(body, kind)),
        q(gs(f, "published"))
    );
    if kind == "candidates" {
        let period = get(f, "period").map_or(&[][..], V::map);
        let (last, working) = cal.resolve(period);
        let working: Vec<String> = working.into_iter().map(|d| q(&iso(d))).collect();
        s += &format!(
            "period_start: {}\nperiod_end: {}\nperiod_working_days: [{}]\ncontact: {{ office: {}, phone: {} }}\n",
            q(gs(period, "start")),
            q(&iso(last)),
            working.join(", "),
            q(get(contact.map(), "office").map_or("", |o| o.text(lang))),
            q(gs(contact.map(), "phone"))
        );
    } else {
        let t = get(f, "turnout").map_or(&[][..], V::map);
        let (e, c, v) = (gs(t, "electorate"), gs(t, "cast"), gs(t, "valid"));
        s += &format!(
            "election_day: {}\nturnout: {{ electorate: {e}, cast: {c}, valid: {v} }}\n",
            q(gs(f, "election_day"))
        );
    }
    s += "people:\n";
    for p in &n.people {
        let born: String = gs(p, "born").chars().take(7).collect();
        s += &format!(
            "  - name: {}\n    born: {}\n",
            q(get(p, "name").map_or("", |v| v.text(lang))),
            q(&born)
        );
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
                s += &format!("    {key}: {}\n", v.s());
            }
        }
        if let Some(role) = get(p, "current_role") {
            s += &format!("    current_role: {}\n", q(role.text(lang)));
        }
    }
    s += "---\n";
    if let Some(note) = get(f, "note") {
        s += note.text(lang);
        s += "\n";
    }
    s
}

fn export(root: &Path, out: &Path, today: &str) -> io::Result<(u64, u64)> {
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
    let mut x = Export {
        out,
        today,
        labels,
        cal: Calendar::read(&fs::read_to_string(content.join("calendar.yaml"))?),
        contact: V::M(contact),
        files: 0,
        villages: 0,
    };
    for (i, lang) in LANGS.iter().enumerate() {
        let yaml = std::mem::take(&mut x.labels[i].yaml);
        x.write(&format!("data/labels_{lang}.yaml"), yaml)?;
    }
    let mut config = format!(
        "baseURL = {}\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\nuglyURLs = false\nrelativeURLs = true\n\
         defaultContentLanguage = \"bo\"\ndefaultContentLanguageInSubdir = true\n\n[params]\ntoday = {}\n",
        q(gs(&site, "base_url")),
        q(today)
    );
    let title = get(&site, "title")
        .cloned()
        .unwrap_or(V::S("gongshi".into()));
    for (weight, (lang, code, name)) in [(1, ("bo", "bo", "བོད་ཡིག")), (2, ("zh", "zh-Hans", "中文"))]
    {
        config += &format!(
            "\n[languages.{lang}]\ncontentDir = \"content/{lang}\"\nlanguageCode = \"{code}\"\nlanguageName = \"{name}\"\ntitle = {}\nweight = {weight}\n",
            q(title.text(lang)),
        );
    }
    x.write("config.toml", config)?;
    for (name, text) in LAYOUTS {
        x.write(&format!("layouts/{name}"), text)?;
    }
    x.write(
        "static/style.css",
        fs::read(theme.join("static/style.css")).unwrap_or_else(|_| STYLE.to_vec()),
    )?;
    let font =
        fs::read(theme.join("static/fonts").join(FONT_NAME)).unwrap_or_else(|_| FONT.to_vec());
    x.write(&format!("static/fonts/{FONT_NAME}"), font)?;

    let villages = content.join("villages");
    let mut counties: Vec<PathBuf> = fs::read_dir(&villages)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    counties.retain(|p| {
        p.is_dir()
            && p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
    });
    counties.sort();
    for (i, county) in counties.iter().enumerate() {
        x.area(
            county,
            &county.file_name().unwrap_or_default().to_string_lossy(),
            0,
            i + 1,
        )?;
    }
    Ok((x.villages, x.files))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (root, out, today) = match args.as_slice() {
        [root, out] => (root, out, "2021-02-01"),
        [root, out, today] => (root, out, today.as_str()),
        _ => {
            eprintln!(
                "usage: cargo run --release --example hugo_export -- GONGSHI_ROOT HUGO_DIR [TODAY]"
            );
            return ExitCode::from(2);
        }
    };
    let (root, out) = (Path::new(root), Path::new(out));
    if out.join("content").exists() && !out.join("config.toml").exists() {
        eprintln!(
            "hugo_export: {} has a content/ that is not an export; choose another HUGO_DIR",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let _ = fs::remove_dir_all(out.join("content"));
    match export(root, out, today) {
        Ok((villages, files)) => {
            println!(
                "hugo_export: {villages} villages, {files} files in {} ({:.2} s)",
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("hugo_export: {e}");
            ExitCode::FAILURE
        }
    }
}
