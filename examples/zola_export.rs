//! Exports a gongshi content tree to an equivalent Zola 0.22 site, for the
//! benchmark against Zola (`benches/vs-hugo.sh`, which runs Hugo and Zola).
//!
//! ```text
//! cargo run --release --example zola_export -- GONGSHI_ROOT ZOLA_DIR [TODAY]
//! zola --root ZOLA_DIR build --output-dir OUT
//! ```
//!
//! It reads what `examples/synthetic.rs` writes with the reader shared with
//! `hugo_export.rs` (`examples/export/mod.rs`, which also says what is
//! resolved before the templates run), and builds the same pages as the Hugo
//! export, from the same data, with templates doing the same work in Tera 1
//! (the engine of Zola 0.22).
//!
//! ZOLA_DIR gets `config.toml` (languages `bo`, the default, whose pages are
//! at the root, and `zh` under `/zh/`; `extra.today` is the as-of date of the
//! statuses, default 2021-02-01, so the output is deterministic), one
//! `_index.md` and `_index.zh.md` per county, township and village and at the
//! root, one `<notice>.md` and `<notice>.zh.md` per notice (all data in the
//! front matter's `[extra]`, the Markdown note as the body), the labels in
//! `data/labels_{bo,zh}.yaml`, the templates, and the theme's stylesheet and
//! Tibetan font under `static/`.
//!
//! Chosen for Zola's speed:
//! - The labels are read with `load_data`, which caches the parsed file, once
//!   per page, and hold only the interface strings and code groups the
//!   templates use: Tera 1 copies a value it assigns, so the catalogs whole
//!   (about 600 strings a language) would be copied into every page. Put in
//!   `config.toml` instead (`[extra]` or `[translations]`), they would be
//!   serialised into every page's context, both languages of them.
//! - Counties, townships and villages are `transparent` sections, so that
//!   every section lists the notices under it (`section.pages`), as Hugo's
//!   `.RegularPagesRecursive` does, without a `get_section` per village.
//! - Tera 1 compares only numbers, so dates it compares are also given as
//!   numbers (`period_start_n` = 20210104, `period_working_days_n`,
//!   `extra.today_n`).

mod export;

use std::io;
use std::path::Path;
use std::process::ExitCode;

use export::{gs, q, Data, NoticePage, Sink, Source, LANGS, V};

/// The interface strings the templates use.
const UI_KEYS: [&str; 45] = [
    "breadcrumbs",
    "home",
    "page_url",
    "generated_by",
    "published",
    "period",
    "as_of",
    "status",
    "election_day",
    "seats",
    "seats_item",
    "turnout",
    "electorate",
    "cast",
    "valid",
    "candidates",
    "results",
    "col_name",
    "col_gender",
    "col_born",
    "col_ethnicity",
    "col_education",
    "col_party",
    "col_current_role",
    "col_post",
    "col_post_result",
    "votes",
    "elected",
    "not_elected",
    "objections",
    "objections_text",
    "village_notices",
    "no_notices",
    "open_notices",
    "no_open_notices",
    "open_notices_more",
    "latest_results",
    "no_results",
    "counties",
    "townships",
    "villages",
    "status_upcoming",
    "status_closed",
    "status_open_days_left",
    "status_open_last_day",
];

/// The code groups the templates look up.
const CODE_GROUPS: [&str; 6] = ["gender", "ethnicity", "education", "party", "post", "kind"];

const MACROS: &str = r#"{% macro date(iso, pat, ords) -%}
{%- set x = iso | split(pat="-") -%}
{%- set m = x.1 | int -%}{%- set i = m - 1 -%}
{%- if x | length > 2 %}{% set d = x.2 | int %}{% else %}{% set d = "" %}{% endif -%}
{{ pat | replace(from="{year}", to=x.0) | replace(from="{month}", to=m ~ "") | replace(from="{ordinal}", to=ords[i]) | replace(from="{day}", to=d ~ "") }}
{%- endmacro date %}
{% macro code(s, e, t) -%}
{%- if t < s %}upcoming{% elif t > e %}closed{% else %}open{% endif -%}
{%- endmacro code %}
"#;

const BASE: &str = r#"{%- set L = load_data(path="data/labels_" ~ lang ~ ".yaml") -%}
{%- if lang == config.default_language %}{% set idx = "_index.md" %}{% else %}{% set idx = "_index." ~ lang ~ ".md" %}{% endif -%}
{%- set t = config.extra.today_n -%}
{%- if page %}{% set title = page.title %}{% set permalink = page.permalink %}{% set translations = page.translations %}{% set is_home = false -%}
{%- else %}{% set title = section.title %}{% set permalink = section.permalink %}{% set translations = section.translations %}{% set is_home = section.ancestors | length == 0 %}{% endif -%}
{%- set translations = translations | sort(attribute="lang") -%}
<!DOCTYPE html>
<html lang="{{ config.extra.lang_code[lang] }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · {{ config.title }}</title>
<link rel="stylesheet" href="{{ config.base_url | safe }}/style.css">
<link rel="canonical" href="{{ permalink | safe }}">
{%- for tr in translations %}
<link rel="alternate" hreflang="{{ config.extra.lang_code[tr.lang] }}" href="{{ tr.permalink | safe }}">
{%- endfor %}
<link rel="alternate" hreflang="x-default" href="{{ config.base_url | safe }}">
</head>
<body>
<header class="site-header">
<a class="site-title" href="{{ get_url(path="@/_index.md", lang=lang) | safe }}">{{ config.title }}</a>
<nav class="lang-switch">{% for tr in translations %}{% if tr.lang != lang %}<a href="{{ tr.permalink | safe }}" hreflang="{{ config.extra.lang_code[tr.lang] }}" lang="{{ config.extra.lang_code[tr.lang] }}">{{ config.extra.lang_name[tr.lang] }}</a>{% endif %}{% endfor %}</nav>
</header>
{%- if not is_home %}
<nav class="breadcrumbs" aria-label="{{ L.ui.breadcrumbs }}"><ol>
{%- if page %}
{%- set home = get_section(path=idx, metadata_only=true) %}
<li><a href="{{ home.permalink | safe }}">{{ L.ui.home }}</a></li>
{%- set_global prefix = "" %}
{%- for dir in page.relative_path | split(pat="/") | slice(end=-1) %}
{%- set_global prefix = prefix ~ dir ~ "/" %}
{%- set s = get_section(path=prefix ~ idx, metadata_only=true) %}
<li><a href="{{ s.permalink | safe }}">{{ s.title }}</a></li>
{%- endfor %}
{%- else %}
{%- for a in section.ancestors %}
{%- set s = get_section(path=a, metadata_only=true) %}
<li><a href="{{ s.permalink | safe }}">{% if loop.first %}{{ L.ui.home }}{% else %}{{ s.title }}{% endif %}</a></li>
{%- endfor %}
{%- endif %}
</ol></nav>
{%- endif %}
<main>
{% block main %}{% endblock main %}
</main>
<footer class="site-footer">
<p class="print-url">{{ L.ui.page_url | replace(from="{url}", to=permalink) }}</p>
<p>{{ L.ui.generated_by }}</p>
</footer>
</body>
</html>
"#;

/// A notice: the same as Hugo's `single.html`.
const PAGE: &str = r#"{% extends "base.html" %}
{% import "macros.html" as m %}
{% block main %}
{%- set p = page.extra -%}
{%- set cand = p.notice_type == "candidates" -%}
{%- if cand %}{% set code = m::code(s=p.period_start_n, e=p.period_end_n, t=t) %}
<article class="notice" data-status="{{ code }}" data-period-start="{{ p.period_start }}" data-period-end="{{ p.period_end }}">
{%- else %}
<article class="notice" data-election-day="{{ p.election_day }}">
{%- endif %}
{%- set village = page.relative_path | split(pat="/") | slice(end=-1) | join(sep="/") %}
{%- set village = get_section(path=village ~ "/" ~ idx, metadata_only=true) %}
<p class="kicker">{{ village.title }}</p>
<h1>{{ page.title }}</h1>
<dl class="facts">
<dt>{{ L.ui.published }}</dt><dd><time datetime="{{ p.published_day }}">{{ m::date(iso=p.published_day, pat=L.dates.day, ords=L.dates.ordinals) }}</time></dd>
{%- if cand %}
<dt>{{ L.ui.period }}</dt><dd>{% include "range.html" %}</dd>
{%- set as = L.ui.as_of | split(pat="{date}") %}
<dt>{{ L.ui.status }}</dt><dd>{% include "status.html" %} <span class="as-of">{{ as.0 }}<time datetime="{{ config.extra.today }}">{{ m::date(iso=config.extra.today, pat=L.dates.day, ords=L.dates.ordinals) }}</time>{{ as.1 }}</span></dd>
{%- else %}
<dt>{{ L.ui.election_day }}</dt><dd><time datetime="{{ p.election_day }}">{{ m::date(iso=p.election_day, pat=L.dates.day, ords=L.dates.ordinals) }}</time></dd>
{%- endif %}
{%- if p.seats %}
<dt>{{ L.ui.seats }}</dt><dd>{% for s in p.seats %}{% if not loop.first %} {% endif %}<span class="seat">{{ L.ui.seats_item | replace(from="{post}", to=L.codes.post[s.post]) | replace(from="{n}", to=s.count ~ "") }}</span>{% endfor %}</dd>
{%- endif %}
</dl>
{%- if not cand %}
<h2>{{ L.ui.turnout }}</h2>
<div class="table-wrap"><table class="turnout">
<thead><tr><th scope="col">{{ L.ui.electorate }}</th><th scope="col">{{ L.ui.cast }}</th><th scope="col">{{ L.ui.valid }}</th></tr></thead>
<tbody><tr><td class="num">{{ p.turnout.electorate }}</td><td class="num">{{ p.turnout.cast }}</td><td class="num">{{ p.turnout.valid }}</td></tr></tbody>
</table></div>
{%- endif %}
<h2>{% if cand %}{{ L.ui.candidates }}{% else %}{{ L.ui.results }}{% endif %}</h2>
<div class="table-wrap"><table class="people">
<thead><tr>
<th scope="col">{{ L.ui.col_name }}</th><th scope="col">{{ L.ui.col_gender }}</th><th scope="col">{{ L.ui.col_born }}</th><th scope="col">{{ L.ui.col_ethnicity }}</th><th scope="col">{{ L.ui.col_education }}</th><th scope="col">{{ L.ui.col_party }}</th>
{%- if cand %}<th scope="col">{{ L.ui.col_current_role }}</th><th scope="col">{{ L.ui.col_post }}</th>
{%- else %}<th scope="col">{{ L.ui.col_post_result }}</th><th scope="col">{{ L.ui.votes }}</th><th scope="col">{{ L.ui.elected }}</th>{% endif %}
</tr></thead>
<tbody>
{%- for x in p.people %}
<tr{% if x.elected %} class="elected"{% endif %}>
<th scope="row">{{ x.name }}</th><td>{{ L.codes.gender[x.gender] }}</td><td><time datetime="{{ x.born }}">{{ m::date(iso=x.born, pat=L.dates.month, ords=L.dates.ordinals) }}</time></td><td>{{ L.codes.ethnicity[x.ethnicity] }}</td><td>{{ L.codes.education[x.education] }}</td><td>{{ L.codes.party[x.party] }}</td>
{%- if cand %}<td>{{ x.current_role | default(value="") }}</td><td>{{ L.codes.post[x.post] }}</td>
{%- else %}<td>{{ L.codes.post[x.post] }}</td><td class="num">{{ x.votes }}</td><td>{% if x.elected %}{{ L.ui.elected }}{% else %}{{ L.ui.not_elected }}{% endif %}</td>{% endif %}
</tr>
{%- endfor %}
</tbody>
</table></div>
{%- if page.content %}
<section class="note">
{{ page.content | safe }}
</section>
{%- endif %}
{%- if p.contact %}
<section class="objections">
<h2>{{ L.ui.objections }}</h2>
<p>{{ L.ui.objections_text | replace(from="{office}", to=p.contact.office) | replace(from="{phone}", to=p.contact.phone) }}</p>
</section>
{%- endif %}
</article>
{% endblock main %}
"#;

/// The home page, a county, a township or a village: the same as Hugo's
/// `list.html`.
const SECTION: &str = r#"{% extends "base.html" %}
{% import "macros.html" as m %}
{% block main %}
{%- set as = L.ui.as_of | split(pat="{date}") -%}
{%- set today = m::date(iso=config.extra.today, pat=L.dates.day, ords=L.dates.ordinals) -%}
{%- set asof = as.0 ~ '<time datetime="' ~ config.extra.today ~ '">' ~ today ~ '</time>' ~ as.1 -%}
{%- if section.extra.level == "village" %}
<h1>{{ section.title }} <span class="badge">{{ L.codes.kind[section.extra.village_kind] }}</span></h1>
<section class="village-notices">
<h2>{{ L.ui.village_notices }}</h2>
<p class="as-of">{{ asof | safe }}</p>
{% if section.pages %}<ul class="listing">
{%- for n in section.pages %}{% set village = false %}{% include "item.html" %}{% endfor %}
</ul>{% else %}<p>{{ L.ui.no_notices }}</p>{% endif %}
</section>
{%- else %}
{%- set cands = section.pages | filter(attribute="extra.notice_type", value="candidates") | sort(attribute="relative_path") | sort(attribute="extra.period_end") %}
{%- set_global open = 0 %}
{%- for n in cands %}{% if n.extra.period_start_n <= t and n.extra.period_end_n >= t %}{% set_global open = open + 1 %}{% endif %}{% endfor %}
<h1>{{ section.title }}</h1>
{%- if is_home %}
<p class="as-of">{{ asof | safe }}</p>
<section class="open-notices">
<h2>{{ L.ui.open_notices }}</h2>
{% include "open.html" %}
{% if open > 50 %}<p>{{ L.ui.open_notices_more }}</p>{% endif %}
</section>
<section class="latest-results">
<h2>{{ L.ui.latest_results }}</h2>
{%- set res = section.pages | filter(attribute="extra.notice_type", value="results") | sort(attribute="relative_path") | reverse | sort(attribute="extra.published_day") | reverse | slice(end=20) %}
{% if res %}<ul class="listing">
{%- for n in res %}{% set village = true %}{% include "item.html" %}{% endfor %}
</ul>{% else %}<p>{{ L.ui.no_results }}</p>{% endif %}
</section>
{%- endif %}
<section class="{% if is_home %}areas{% else %}children{% endif %}">
<h2>{% if is_home %}{{ L.ui.counties }}{% elif section.extra.level == "county" %}{{ L.ui.townships }}{% else %}{{ L.ui.villages }}{% endif %}</h2>
<ul class="listing">
{%- for path in section.subsections %}
{%- set c = get_section(path=path, metadata_only=true) %}
<li><a href="{{ c.permalink | safe }}">{{ c.title }}</a>{% if c.extra.level == "village" %} <span class="meta">{{ L.codes.kind[c.extra.village_kind] }}</span>{% elif c.extra.level == "township" %} <span class="meta">{{ c.subsections | length }}</span>{% endif %}</li>
{%- endfor %}
</ul>
</section>
{%- if not is_home %}
<section class="open-notices">
<h2>{{ L.ui.open_notices }}</h2>
<p class="as-of">{{ asof | safe }}</p>
{% include "open.html" %}
</section>
{%- endif %}
{%- endif %}
{% endblock main %}
"#;

/// The open notices among `cands` (at most 50 on the home page), or a line
/// saying there are none.
const OPEN: &str = r#"{% if open > 0 %}<ul class="listing">
{%- set_global shown = 0 %}
{%- for n in cands %}{% if n.extra.period_start_n <= t and n.extra.period_end_n >= t %}{% if not is_home or shown < 50 %}{% set_global shown = shown + 1 %}{% set village = true %}{% include "item.html" %}{% endif %}{% endif %}{% endfor %}
</ul>{% else %}<p>{{ L.ui.no_open_notices }}</p>{% endif %}"#;

/// A notice `n` in a listing, after its village's name if `village`.
const ITEM: &str = r#"{% import "macros.html" as m %}
{%- set p = n.extra %}{% set cand = p.notice_type == "candidates" %}
{%- if cand %}{% set code = m::code(s=p.period_start_n, e=p.period_end_n, t=t) %}{% endif %}
<li data-notice-status="{% if cand %}{{ code }}{% endif %}">
<a href="{{ n.permalink | safe }}">{% if village %}{% set parent = n.relative_path | split(pat="/") | slice(end=-1) | join(sep="/") %}{% set v = get_section(path=parent ~ "/" ~ idx, metadata_only=true) %}{{ v.title }} · {% endif %}{{ n.title }}</a>
<span class="meta">{% if cand %}{{ L.ui.period }} {% include "range.html" %} {% include "status.html" %}{% else %}{{ L.ui.election_day }} <time datetime="{{ p.election_day }}">{{ m::date(iso=p.election_day, pat=L.dates.day, ords=L.dates.ordinals) }}</time>{% endif %}</span>
</li>"#;

/// The status of the candidates notice `p` (its `code` set): its text.
const STATUS: &str = r#"{% import "macros.html" as m %}<span class="status status-{{ code }}">
{%- if code == "upcoming" %}{{ L.ui.status_upcoming }}{% elif code == "closed" %}{{ L.ui.status_closed }}{% else -%}
{%- set_global left = 0 %}{% for day in p.period_working_days_n %}{% if day >= t %}{% set_global left = left + 1 %}{% endif %}{% endfor -%}
{%- if left > 0 %}{{ L.ui.status_open_days_left | replace(from="{n}", to=left ~ "") }}{% else -%}
{%- set s = L.ui.status_open_last_day | split(pat="{date}") %}{{ s.0 }}<time datetime="{{ p.period_end }}">{{ m::date(iso=p.period_end, pat=L.dates.day, ords=L.dates.ordinals) }}</time>{{ s.1 }}
{%- endif %}{% endif %}</span>"#;

/// The period of the candidates notice `p`.
const RANGE: &str = r#"{% import "macros.html" as m %}
{%- if p.period_start | truncate(length=4, end="") == p.period_end | truncate(length=4, end="") %}{% set end = L.dates.range_end_same_year %}{% else %}{% set end = L.dates.range_end_other_year %}{% endif -%}
<time datetime="{{ p.period_start }}">{{ m::date(iso=p.period_start, pat=L.dates.range_start, ords=L.dates.ordinals) }}</time><time datetime="{{ p.period_end }}">{{ m::date(iso=p.period_end, pat=end, ords=L.dates.ordinals) }}</time>"#;

const TEMPLATES: [(&str, &str); 9] = [
    ("macros.html", MACROS),
    ("base.html", BASE),
    ("page.html", PAGE),
    ("section.html", SECTION),
    ("index.html", SECTION),
    ("open.html", OPEN),
    ("item.html", ITEM),
    ("status.html", STATUS),
    ("range.html", RANGE),
];

/// The Zola file name of `stem` in `lang`: `stem.md` in the default language,
/// `stem.zh.md` in the other.
fn md_name(stem: &str, lang: &str) -> String {
    if lang == LANGS[0] {
        format!("{stem}.md")
    } else {
        format!("{stem}.{lang}.md")
    }
}

/// `YYYY-MM-DD` as the number Tera 1 can compare: 20210104.
fn day_n(iso: &str) -> Data {
    Data::scalar(&iso.replace('-', ""))
}

/// A notice as a Markdown file: TOML front matter, the data under `[extra]`
/// with the dates the templates compare also as numbers, and the note.
fn notice_md(page: &NoticePage) -> String {
    let mut s = format!(
        "+++\ntitle = {}\nweight = {}\n\n[extra]\n",
        q(&page.title),
        page.weight
    );
    for (key, value) in &page.fields {
        match (*key, value) {
            ("period_start" | "period_end", Data::Str(iso)) => {
                s += &format!("{key} = {}\n{key}_n = {}\n", q(iso), day_n(iso).flow(" = "));
            }
            ("period_working_days", Data::List(days)) => {
                let days = days
                    .iter()
                    .map(|d| match d {
                        Data::Str(iso) => day_n(iso),
                        other => other.clone(),
                    })
                    .collect();
                s += &format!("{key}_n = {}\n", Data::List(days).flow(" = "));
            }
            _ => s += &format!("{key} = {}\n", value.flow(" = ")),
        }
    }
    s += "+++\n";
    if let Some(note) = &page.note {
        s += note;
        s += "\n";
    }
    s
}

/// Writes the Zola site: content files as the walk finds them.
type Export<'a> = export::Counted<'a>;

impl Export<'_> {
    /// One `_index.md` per language: a section that hands its pages up
    /// (`transparent`) unless it is the root, `rel` "".
    fn index_md(
        &mut self,
        rel: &str,
        name: Option<&V>,
        front: &str,
        extra: &str,
    ) -> io::Result<()> {
        let transparent = if rel.is_empty() {
            ""
        } else {
            "transparent = true\n"
        };
        for lang in LANGS {
            let title = q(name.map_or(rel, |n| n.text(lang)));
            let dir = if rel.is_empty() {
                String::new()
            } else {
                format!("{rel}/")
            };
            self.write(
                &format!("content/{dir}{}", md_name("_index", lang)),
                format!("+++\ntitle = {title}\n{front}{transparent}\n[extra]\n{extra}+++\n"),
            )?;
        }
        Ok(())
    }
}

impl Sink for Export<'_> {
    fn area(&mut self, rel: &str, level: &str, name: Option<&V>, weight: usize) -> io::Result<()> {
        self.index_md(
            rel,
            name,
            &format!("weight = {weight}\n"),
            &format!("level = \"{level}\"\n"),
        )
    }

    fn village(
        &mut self,
        rel: &str,
        name: Option<&V>,
        kind: &str,
        weight: usize,
        notices: Vec<(&str, [NoticePage; 2])>,
    ) -> io::Result<()> {
        self.index_md(
            rel,
            name,
            &format!("weight = {weight}\nsort_by = \"weight\"\n"),
            &format!("level = \"village\"\nvillage_kind = {}\n", q(kind)),
        )?;
        for (slug, pages) in notices {
            for (lang, page) in LANGS.iter().zip(pages) {
                self.write(
                    &format!("content/{rel}/{}", md_name(slug, lang)),
                    notice_md(&page),
                )?;
            }
        }
        Ok(())
    }
}

fn export(root: &Path, out: &Path, today: &str) -> io::Result<(u64, u64)> {
    let source = Source::read(root, today)?;
    let mut x = Export::new(out);
    for (lang, labels) in LANGS.iter().zip(&source.labels) {
        x.write(
            &format!("data/labels_{lang}.yaml"),
            labels.yaml_only(&UI_KEYS, &CODE_GROUPS),
        )?;
    }
    let title = source.title();
    let config = format!(
        "base_url = {}\ntitle = {}\ndefault_language = \"bo\"\ngenerate_sitemap = false\ngenerate_robots_txt = false\n\
         \n[extra]\ntoday = {}\ntoday_n = {}\nlang_code = {{ bo = \"bo\", zh = \"zh-Hans\" }}\nlang_name = {{ bo = \"བོད་ཡིག\", zh = \"中文\" }}\n\
         \n[languages.zh]\ntitle = {}\n",
        q(gs(&source.site, "base_url").trim_end_matches('/')),
        q(title.text("bo")),
        q(today),
        day_n(today).flow(" = "),
        q(title.text("zh")),
    );
    x.write("config.toml", config)?;
    for (name, text) in TEMPLATES {
        x.write(&format!("templates/{name}"), text)?;
    }
    for (path, bytes) in source.static_files() {
        x.write(&format!("static/{path}"), bytes)?;
    }
    x.index_md("", Some(&title), "", "level = \"home\"\n")?;
    let villages = source.walk(&mut x)?;
    Ok((villages, x.files))
}

fn main() -> ExitCode {
    export::run("zola_export", "ZOLA_DIR", export)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_by_language() {
        assert_eq!(md_name("_index", "bo"), "_index.md");
        assert_eq!(
            md_name("committee-results", "zh"),
            "committee-results.zh.md"
        );
    }

    #[test]
    fn compared_dates_are_also_numbers() {
        let page = NoticePage {
            title: "T\"".into(),
            weight: 2,
            fields: vec![
                ("notice_type", Data::Str("candidates".into())),
                ("period_start", Data::Str("2021-01-04".into())),
                (
                    "period_working_days",
                    Data::List(vec![Data::Str("2021-01-04".into())]),
                ),
                ("people", Data::List(vec![])),
            ],
            note: Some("**n**".into()),
        };
        assert_eq!(
            notice_md(&page),
            "+++\ntitle = \"T\\\"\"\nweight = 2\n\n[extra]\nnotice_type = \"candidates\"\n\
             period_start = \"2021-01-04\"\nperiod_start_n = 20210104\n\
             period_working_days_n = [20210104]\npeople = []\n+++\n**n**\n"
        );
    }
}
