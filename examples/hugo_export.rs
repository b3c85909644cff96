//! Exports a gongshi content tree to an equivalent Hugo site, for the
//! benchmark against Hugo (`benches/vs-hugo.sh`).
//!
//! ```text
//! cargo run --release --example hugo_export -- GONGSHI_ROOT HUGO_DIR [TODAY]
//! hugo --source HUGO_DIR --destination OUT
//! ```
//!
//! It reads what `examples/synthetic.rs` writes with the reader shared with
//! `zola_export.rs` (`examples/export/mod.rs`, which also says what is
//! resolved before the templates run).
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
mod export;

use std::io;
use std::path::Path;
use std::process::ExitCode;

use export::{gs, q, NoticePage, Sink, Source, LANGS, V};

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

/// Writes the Hugo site: content files as the walk finds them.
type Export<'a> = export::Counted<'a>;

impl Export<'_> {
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
}

impl Sink for Export<'_> {
    fn area(&mut self, rel: &str, level: &str, name: Option<&V>, weight: usize) -> io::Result<()> {
        self.index_md(rel, name, &format!("level: {level}\nweight: {weight}\n"))
    }

    fn village(
        &mut self,
        rel: &str,
        name: Option<&V>,
        kind: &str,
        weight: usize,
        notices: Vec<(&str, [NoticePage; 2])>,
    ) -> io::Result<()> {
        let extra = format!("level: village\nweight: {weight}\nvillage_kind: {kind}\n");
        self.index_md(rel, name, &extra)?;
        for (slug, pages) in notices {
            for (lang, page) in LANGS.iter().zip(pages) {
                self.write(&format!("content/{lang}/{rel}/{slug}.md"), notice_md(&page))?;
            }
        }
        Ok(())
    }
}

/// A notice as a Markdown file: front matter (YAML, values in flow style)
/// and note.
fn notice_md(page: &NoticePage) -> String {
    let mut s = format!("---\ntitle: {}\nweight: {}\n", q(&page.title), page.weight);
    for (key, value) in &page.fields {
        s += &format!("{key}: {}\n", value.flow(": "));
    }
    s += "---\n";
    if let Some(note) = &page.note {
        s += note;
        s += "\n";
    }
    s
}

fn export(root: &Path, out: &Path, today: &str) -> io::Result<(u64, u64)> {
    let source = Source::read(root, today)?;
    let mut x = Export::new(out);
    for (lang, labels) in LANGS.iter().zip(&source.labels) {
        x.write(&format!("data/labels_{lang}.yaml"), &labels.yaml)?;
    }
    let mut config = format!(
        "baseURL = {}\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\nuglyURLs = false\nrelativeURLs = true\n\
         defaultContentLanguage = \"bo\"\ndefaultContentLanguageInSubdir = true\n\n[params]\ntoday = {}\n",
        q(gs(&source.site, "base_url")),
        q(today)
    );
    let title = source.title();
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
    for (path, bytes) in source.static_files() {
        x.write(&format!("static/{path}"), bytes)?;
    }
    let villages = source.walk(&mut x)?;
    Ok((villages, x.files))
}

fn main() -> ExitCode {
    export::run("hugo_export", "HUGO_DIR", export)
}
