//! The stats pages (`/{lang}/stats/`), the figures block of each county
//! page, and the same figures as open data (`/data/stats.json`, `.csv`).

use serde_json::json;
use tera::Value;

use super::charts::{bars, share_pairs, Bar, PairRow};
use super::i18n::fill;
use super::pages::{html_lang, Emit, Pages};
use crate::content::codes::{Background, Code, Education, EducationGroup, Party};
use crate::site::figures::{hundredths, share};
use crate::site::{Figures, ListedVillage, Site};

const EDUCATION_GROUPS: [(EducationGroup, &str); 3] = [
    (EducationGroup::JuniorHighOrBelow, "junior_high_or_below"),
    (EducationGroup::Secondary, "secondary"),
    (EducationGroup::CollegeOrAbove, "college_or_above"),
];

/// A count with its share of `total`, apart and as one text in the
/// language's brackets (`16（37.21%）`).
fn count_and_share(page: &Pages<'_>, n: usize, total: usize) -> Value {
    let count = page.style().num(n);
    let share = share(n, total).map(|s| page.style().num_text(&s));
    let shown = match &share {
        Some(share) => super::i18n::fill(
            page.ui("count_share"),
            &[("count", &count), ("share", share)],
        ),
        None => count.clone(),
    };
    object! { "count": count, "share": share, "shown": shown }
}

/// A row per code of a kind, zeros included, labelled and with its share.
fn every_code<C: Code + Ord>(
    page: &Pages<'_>,
    kind: &str,
    counts: &std::collections::BTreeMap<C, usize>,
    total: usize,
) -> Vec<Value> {
    C::ALL
        .iter()
        .map(|(code, c)| {
            let n = counts.get(c).copied().unwrap_or(0);
            object! { "label": page.catalog().code(kind, code), "value": count_and_share(page, n, total) }
        })
        .collect()
}

/// The figures of one area, labelled for the page's language.
fn view(page: &Pages<'_>, figures: &Figures) -> Value {
    let cat = page.catalog();
    let style = page.style();
    let members = figures.members;
    let groups: Vec<Value> = EDUCATION_GROUPS
        .iter()
        .map(|(group, code)| {
            let n = figures.education_groups.get(group).copied().unwrap_or(0);
            object! { "label": cat.code("education_group", code), "value": count_and_share(page, n, members) }
        })
        .collect();
    let education = every_code(page, "education", &figures.education, members);
    let party = every_code(page, "party", &figures.party, members);
    let ethnicity: Vec<Value> = figures
        .ethnicity
        .iter()
        .map(|(e, n)| object! { "label": cat.code("ethnicity", e.as_str()), "value": count_and_share(page, *n, members) })
        .collect();
    let mut sources: Vec<(String, usize)> = Background::ALL
        .iter()
        .filter_map(|(code, b)| {
            figures
                .sources
                .get(b)
                .map(|n| (cat.code("background", code).to_owned(), *n))
        })
        .collect();
    if figures.sources_not_given > 0 {
        sources.push((
            page.ui("source_not_given").to_owned(),
            figures.sources_not_given,
        ));
    }
    let sources_rows: Vec<Value> = sources
        .iter()
        .map(|(label, n)| object! { "label": label.as_str(), "value": count_and_share(page, *n, figures.candidates) })
        .collect();
    let lang = html_lang(page.lang);
    let education_chart = bars(
        page.ui("chart_education"),
        lang,
        &EDUCATION_GROUPS
            .iter()
            .map(|(group, code)| {
                let n = figures.education_groups.get(group).copied().unwrap_or(0);
                Bar {
                    label: cat.code("education_group", code).to_owned(),
                    value: n as u64,
                    text: style.num(n),
                }
            })
            .collect::<Vec<_>>(),
    );
    let sources_chart = bars(
        page.ui("chart_sources"),
        lang,
        &sources
            .iter()
            .map(|(label, n)| Bar {
                label: label.clone(),
                value: *n as u64,
                text: style.num(n),
            })
            .collect::<Vec<_>>(),
    );
    object! {
        "covered": fill(page.ui("covered_value"), &[
            ("n", &style.num(figures.covered())),
            ("villages", &style.num(figures.villages)),
            ("communities", &style.num(figures.communities)),
        ]),
        "with_results": style.num(figures.with_results),
        "without_results": style.num(figures.covered() - figures.with_results),
        "members": style.num(members),
        "young_label": fill(page.ui("young"), &[("age", &style.num(page.site.rules.young_age))]),
        "women": count_and_share(page, figures.women, members),
        "young": count_and_share(page, figures.young, members),
        "education_groups": groups,
        "education": education,
        "party": party,
        "ethnicity": ethnicity,
        "candidates": style.num(figures.candidates),
        "sources": sources_rows,
        "education_chart": if members > 0 { Some(education_chart) } else { None },
        "sources_chart": if figures.candidates > 0 { Some(sources_chart) } else { None },
    }
}

fn rule_labels(page: &Pages<'_>, missed: &[&str]) -> Vec<String> {
    let site = page.site;
    missed
        .iter()
        .map(|rule| match *rule {
            "min_women" => fill(
                page.ui("rule_min_women"),
                &[("n", &page.style().num(site.rules.min_women))],
            ),
            "min_young" => fill(
                page.ui("rule_min_young"),
                &[
                    ("n", &page.style().num(site.rules.min_young)),
                    ("age", &page.style().num(site.rules.young_age)),
                ],
            ),
            "require_full_member" => page.ui("rule_require_full_member").to_owned(),
            _ => page.ui("rule_require_party_member").to_owned(),
        })
        .collect()
}

/// The villages of a county (or all) that miss a rule, and those without
/// results with their candidates, linked from a page `depth` below the
/// language folder.
fn village_lists(page: &Pages<'_>, county: Option<&str>, depth: usize) -> (Vec<Value>, Vec<Value>) {
    let (missing, without) = listed(page, county, depth);
    let values = |listed: Vec<(&str, Value)>| listed.into_iter().map(|(_, v)| v).collect();
    (values(missing), values(without))
}

/// Listed villages' entries, each with its county's slug.
type Listed<'s> = Vec<(&'s str, Value)>;

/// [`village_lists`], each village with its county's slug, in village
/// order (so by county).
fn listed<'s>(page: &Pages<'s>, county: Option<&str>, depth: usize) -> (Listed<'s>, Listed<'s>) {
    let link = |v: &ListedVillage<'_>| {
        page.href_from(depth, &[&v.county.slug, &v.township.slug, &v.village.slug])
    };
    let villages: Vec<ListedVillage<'s>> = page.site.listed(county).collect();
    let missing = villages
        .iter()
        .filter(|v| !v.figures.missed.is_empty())
        .map(|v| (v.county.slug.as_str(), object! { "name": page.txt(&v.village.name), "href": link(v), "missed": rule_labels(page, &v.figures.missed) }))
        .collect();
    let without = villages
        .iter()
        .filter(|v| !v.figures.has_results)
        .map(|v| (v.county.slug.as_str(), object! { "name": page.txt(&v.village.name), "href": link(v), "candidates": page.style().num(v.figures.figures.candidates) }))
        .collect();
    (missing, without)
}

/// The entries of `county` among the region's `listed` (see [`listed`]),
/// shared with it: the stats page lists each village twice, under its
/// county and for the region, and at country scale the list is most of
/// what the page's context holds.
fn county_run(listed: &[(&str, Value)], county: &str) -> Vec<Value> {
    let start = listed.partition_point(|(c, _)| *c < county);
    let len = listed[start..].partition_point(|(c, _)| *c == county);
    listed[start..start + len]
        .iter()
        .map(|(_, v)| v.clone())
        .collect()
}

/// The figures block of a county page.
pub(super) fn county_block(page: &Pages<'_>, county: &str, depth: usize) -> Value {
    let figures = page
        .site
        .figures
        .counties
        .iter()
        .find(|(slug, _)| slug == county)
        .map(|(_, f)| f);
    let (missing, without) = village_lists(page, Some(county), depth);
    object! {
        "view": figures.map(|f| view(page, f)),
        "missing": missing,
        "without": without,
        "stats_href": page.href_from(depth, &["stats"]),
    }
}

/// `/{lang}/stats/index.html`.
/// The stats page: keyed by the figures and the county names, so an
/// unchanged one costs no context.
pub(super) fn page(page: &Pages<'_>, emit: &mut Emit<'_>) -> Result<(), String> {
    let counties: Vec<(&str, &crate::content::model::Text)> = page
        .site
        .counties
        .iter()
        .map(|c| (c.slug.as_str(), &c.name))
        .collect();
    // What the page shows: the region's and counties' counts, and the
    // villages it lists (those missing a rule or without results).
    let figures = &page.site.figures;
    let listed: Vec<ListedVillage<'_>> = page.site.listed(None).collect();
    let inputs = crate::keys::hash_of(&(
        page.inputs_key,
        (&figures.region, &figures.counties, listed),
        counties,
    ));
    page.write_from(emit, "stats.html", &["stats"], inputs, || context(page))
}

fn context(page: &Pages<'_>) -> tera::Map {
    let site = page.site;
    let title =
        object! { "text": page.ui("stats_title"), "lang": html_lang(page.lang), "missing": false };
    let mut context = page.base(&["stats"], title, Vec::new());
    let (missing, without) = listed(page, None, 1);
    let counties: Vec<Value> = site
        .counties
        .iter()
        .map(|county| {
            let (missing, without) = (
                county_run(&missing, &county.slug),
                county_run(&without, &county.slug),
            );
            let figures = site
                .figures
                .counties
                .iter()
                .find(|(s, _)| *s == county.slug)
                .map(|(_, f)| f);
            object! {
                "slug": county.slug.as_str(),
                "name": page.txt(&county.name),
                "href": page.href_from(1, &[&county.slug]),
                "view": figures.map(|f| view(page, f)),
                "missing": missing,
                "without": without,
            }
        })
        .collect();
    let region = &site.figures.region;
    let rows: Vec<PairRow> = site
        .counties
        .iter()
        .zip(&site.figures.counties)
        .map(|(county, (_, f))| {
            let label = page.pick(&county.name).0.to_owned();
            let point = |n| {
                hundredths(n, f.members).zip(share(n, f.members).map(|s| page.style().num_text(&s)))
            };
            PairRow {
                label,
                values: [point(f.women), point(f.young)],
            }
        })
        .collect();
    let young_label = fill(
        page.ui("young"),
        &[("age", &page.style().num(site.rules.young_age))],
    );
    let shares_chart = share_pairs(
        page.ui("chart_shares"),
        html_lang(page.lang),
        [page.ui("women"), &young_label],
        &rows,
        [
            hundredths(region.women, region.members),
            hundredths(region.young, region.members),
        ],
    );
    let values =
        |listed: Listed<'_>| -> Vec<Value> { listed.into_iter().map(|(_, v)| v).collect() };
    let (missing, without) = (values(missing), values(without));
    context.insert("region".into(), page.txt(&site.region));
    context.insert("view".into(), view(page, region));
    context.insert(
        "shares_chart".into(),
        Value::from(if region.members > 0 {
            Some(shares_chart)
        } else {
            None
        }),
    );
    context.insert("counties".into(), Value::from(counties));
    context.insert("missing".into(), Value::from(missing));
    context.insert("without".into(), Value::from(without));
    context.insert(
        "counting_rules".into(),
        Value::from(fill(
            page.ui("counting_rules"),
            &[("age", &page.style().num(site.rules.young_age))],
        )),
    );
    context.insert("young_label".into(), Value::from(young_label));
    context.insert(
        "data_json".into(),
        Value::from(format!("{}data/stats.json", "../".repeat(2))),
    );
    context.insert(
        "data_csv".into(),
        Value::from(format!("{}data/stats.csv", "../".repeat(2))),
    );
    context
}

/// Open data: the same counts, per county and for the region.
pub(super) fn data(site: &Site, out: &mut super::Out<'_>) -> Result<(), String> {
    let area = |slug: &str, name: Option<&crate::content::model::Text>, f: &Figures| {
        json!({
            "area": slug,
            "name": name.map(|n| json!({ "bo": n.bo, "zh": n.zh })),
            "villages": f.villages,
            "communities": f.communities,
            "with_results": f.with_results,
            "members": f.members,
            "women": f.women,
            "women_share": share(f.women, f.members),
            "young": f.young,
            "young_share": share(f.young, f.members),
            "education_groups": EDUCATION_GROUPS.iter().map(|(g, code)| ((*code).to_owned(), json!(f.education_groups.get(g).copied().unwrap_or(0)))).collect::<serde_json::Map<_, _>>(),
            "education": Education::ALL.iter().map(|(code, e)| ((*code).to_owned(), json!(f.education.get(e).copied().unwrap_or(0)))).collect::<serde_json::Map<_, _>>(),
            "party": Party::ALL.iter().map(|(code, p)| ((*code).to_owned(), json!(f.party.get(p).copied().unwrap_or(0)))).collect::<serde_json::Map<_, _>>(),
            "ethnicity": f.ethnicity.iter().map(|(e, n)| (e.as_str().to_owned(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "candidates": f.candidates,
            "sources": f.sources.iter().map(|(b, n)| (b.as_str().to_owned(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "sources_not_given": f.sources_not_given,
        })
    };
    let counties: Vec<serde_json::Value> = site
        .counties
        .iter()
        .zip(&site.figures.counties)
        .map(|(c, (slug, f))| area(slug, Some(&c.name), f))
        .collect();
    let missing: Vec<serde_json::Value> = site
        .listed(None)
        .filter(|v| !v.figures.missed.is_empty())
        .map(|v| {
            let path = [&v.county.slug, &v.township.slug, &v.village.slug];
            json!({ "village": path.map(String::as_str).join("/"), "missed": v.figures.missed })
        })
        .collect();
    let json = json!({
        "young_age": site.rules.young_age,
        "region": area("", Some(&site.region), &site.figures.region),
        "counties": counties,
        "villages_missing_rules": missing,
    });
    let mut bytes = serde_json::to_vec_pretty(&json).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    out.bytes("data/stats.json", &bytes)?;
    out.bytes("data/stats.csv", csv(site).as_bytes())
}

/// One row per county and one for the region (area empty).
fn csv(site: &Site) -> String {
    let mut header: Vec<String> = [
        "area",
        "name_bo",
        "name_zh",
        "villages",
        "communities",
        "with_results",
        "members",
        "women",
        "women_share",
        "young",
        "young_share",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    header.extend(
        EDUCATION_GROUPS
            .iter()
            .map(|(_, c)| format!("education_{c}")),
    );
    header.extend(Education::ALL.iter().map(|(c, _)| format!("education_{c}")));
    header.extend(Party::ALL.iter().map(|(c, _)| format!("party_{c}")));
    header.push("candidates".into());
    header.extend(Background::ALL.iter().map(|(c, _)| format!("source_{c}")));
    header.push("source_not_given".into());
    let row = |slug: &str, name: &crate::content::model::Text, f: &Figures| -> Vec<String> {
        let mut cells = vec![
            slug.to_owned(),
            name.bo.clone(),
            name.zh.clone(),
            f.villages.to_string(),
            f.communities.to_string(),
            f.with_results.to_string(),
            f.members.to_string(),
            f.women.to_string(),
            share(f.women, f.members).unwrap_or_default(),
            f.young.to_string(),
            share(f.young, f.members).unwrap_or_default(),
        ];
        cells.extend(
            EDUCATION_GROUPS
                .iter()
                .map(|(g, _)| f.education_groups.get(g).copied().unwrap_or(0).to_string()),
        );
        cells.extend(
            Education::ALL
                .iter()
                .map(|(_, e)| f.education.get(e).copied().unwrap_or(0).to_string()),
        );
        cells.extend(
            Party::ALL
                .iter()
                .map(|(_, p)| f.party.get(p).copied().unwrap_or(0).to_string()),
        );
        cells.push(f.candidates.to_string());
        cells.extend(
            Background::ALL
                .iter()
                .map(|(_, b)| f.sources.get(b).copied().unwrap_or(0).to_string()),
        );
        cells.push(f.sources_not_given.to_string());
        cells
    };
    let mut csv = super::data::Csv::new(&header.iter().map(String::as_str).collect::<Vec<_>>());
    csv.row(&row("", &site.region, &site.figures.region));
    for (county, (slug, f)) in site.counties.iter().zip(&site.figures.counties) {
        csv.row(&row(slug, &county.name, f));
    }
    csv.into_text()
}
