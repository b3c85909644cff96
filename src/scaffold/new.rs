//! `gongshi new village|area|announcement`: one new content file (two for
//! an announcement), checked as `check` would check it before it is
//! written.

use std::path::Path;

use jiff::civil::Date;

use super::{create, exists, fill, quoted, report, Refused, Written};
use crate::check::VillageChecks;
use crate::content::model::{Text, DEFAULT_TIMEZONE};
use crate::content::{self, Corpus};
use crate::diagnostics::{Diagnostics, Sources};
use crate::messages::say;

const VILLAGE: &str = include_str!("new/village.yaml");
const COUNTY: &str = include_str!("new/county.yaml");
const TOWNSHIP: &str = include_str!("new/township.yaml");
const ANNOUNCEMENT_BO: &str = include_str!("new/announcement.bo.md");
const ANNOUNCEMENT_ZH: &str = include_str!("new/announcement.zh.md");

/// Writes `content/villages/COUNTY/TOWNSHIP/SLUG.yaml` for `place`
/// (`COUNTY/TOWNSHIP/SLUG`): a village (or, with `kind` `community`, a
/// community) named `names` (`bo`, `zh`), with one candidates notice to
/// fill in, as a draft dated today. The county and township must exist,
/// the village must not.
pub fn new_village(
    root: &Path,
    place: &str,
    names: (&str, &str),
    kind: &str,
) -> Result<Written, Refused> {
    let parts = split_place(place, &[3], "new.bad_place_village")?;
    let (county, township, slug) = (&parts[0], &parts[1], &parts[2]);
    let site = load(root)?;
    // The county and township are looked up among those that exist (a
    // name typed in Chinese gets its slug suggested); the village's slug
    // is new, so it must keep the rule.
    let county = find_county(&site, county, &format!("/{township}/{slug}"))?;
    let Some(township_found) = county.townships.iter().find(|t| t.slug == *township) else {
        let hint = suggestion(
            township,
            county.townships.iter().map(|t| (&t.slug, t.name.as_ref())),
        )
        .map(|found| {
            say!(
                "hint.did_you_mean",
                text = format!("{}/{found}/{slug}", county.slug)
            )
        })
        .unwrap_or_else(|| {
            if content::is_slug(township) {
                say!(
                    "hint.new_township",
                    area = format!("{}/{township}", county.slug)
                )
            } else {
                say!("hint.slug_rule")
            }
        });
        let township = crate::diagnostics::shown(township);
        return Err(Refused::asked(
            say!("new.no_township", county = county.slug, township = township),
            Some(hint),
        ));
    };
    check_slug(slug)?;
    let rel = format!(
        "content/villages/{}/{}/{slug}.yaml",
        county.slug, township_found.slug
    );
    refuse_existing(root, &rel)?;
    let today = today(&site)?.to_string();
    let (bo, zh) = (quoted(names.0), quoted(names.1));
    let text = fill(
        VILLAGE,
        &[("bo", &bo), ("zh", &zh), ("kind", kind), ("today", &today)],
    );
    let (corpus, mut sources, mut diagnostics) =
        content::load_texts(vec![(rel.clone(), text.clone())]);
    let checks = VillageChecks::new(&site);
    for (_, _, file) in corpus.villages() {
        let read = content::village_from_text(file, text.clone());
        sources.set_text(file.file, read.text.clone());
        for (at, problem) in read.problems {
            diagnostics.push(file.file, at, problem);
        }
        if let Some(village) = &read.village {
            let checked = crate::check::village(village, &read.text, &checks, read.complete);
            diagnostics.extend(checked.problems);
        }
    }
    let checked = (corpus, sources, diagnostics);
    write_checked(root, vec![(rel, text)], checked, say!("new.village_next"))
}

/// Writes the `_index.yaml` of `area`: a county (`COUNTY`, its folder
/// made) or a township of an existing county (`COUNTY/TOWNSHIP`), named
/// `names` (`bo`, `zh`). An area whose `_index.yaml` exists is refused;
/// a folder without one gets it.
pub fn new_area(root: &Path, area: &str, names: (&str, &str)) -> Result<Written, Refused> {
    let parts = split_place(area, &[1, 2], "new.bad_place_area")?;
    let site = load(root)?;
    let (template, next) = if let [county, township] = &parts[..] {
        find_county(&site, county, &format!("/{township}"))?;
        check_slug(township)?;
        (TOWNSHIP, "new.township_next")
    } else {
        check_slug(area)?;
        (COUNTY, "new.county_next")
    };
    let area = parts.join("/");
    let slug = parts.last().map_or("", String::as_str);
    let rel = format!("content/villages/{area}/_index.yaml");
    refuse_existing(root, &rel)?;
    let (bo, zh) = (quoted(names.0), quoted(names.1));
    let text = fill(
        template,
        &[("bo", &bo), ("zh", &zh), ("slug", slug), ("area", &area)],
    );
    let checked = content::load_texts(vec![(rel.clone(), text.clone())]);
    write_checked(root, vec![(rel, text)], checked, say!(next, area = area))
}

/// Writes `content/announcements/SLUG.bo.md` and `SLUG.zh.md`: an
/// announcement in both languages to write, as drafts dated today in the
/// site's time zone. Refused if either file exists.
pub fn new_announcement(root: &Path, slug: &str) -> Result<Written, Refused> {
    check_slug(slug)?;
    let site = load(root)?;
    let files = [
        (
            format!("content/announcements/{slug}.bo.md"),
            ANNOUNCEMENT_BO,
        ),
        (
            format!("content/announcements/{slug}.zh.md"),
            ANNOUNCEMENT_ZH,
        ),
    ];
    for (rel, _) in &files {
        refuse_existing(root, rel)?;
    }
    let today = today(&site)?;
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|(rel, template)| {
            let text = fill(template, &[("today", &today.to_string())]);
            (rel.clone(), text)
        })
        .collect();
    let checked = content::load_texts(texts.clone());
    let next = say!("new.announcement_next", date = today);
    write_checked(root, texts, checked, next)
}

/// Writes `texts` (paths below `root` with their texts) once the site's
/// checks (`check::run`) add nothing that stops them to what `checked`
/// found of them loaded; else refuses, writing nothing.
fn write_checked(
    root: &Path,
    texts: Vec<(String, String)>,
    (corpus, sources, mut diagnostics): (Corpus, Sources, Diagnostics),
    next: String,
) -> Result<Written, Refused> {
    crate::check::run(&corpus, &sources, &mut diagnostics);
    let warnings = judged(&diagnostics, &sources, texts.len())?;
    for (rel, text) in &texts {
        create(root, rel, text.as_bytes())?;
    }
    Ok(Written {
        files: texts.into_iter().map(|(rel, _)| rel).collect(),
        warnings,
        next,
    })
}

/// The parts of `place` (`gar/shiquanhe/zhaxigang`), if it has one of
/// the `counts` of parts; else why not (`shape` names the form it should
/// have). A part is a slug only once it is checked ([`check_slug`]) or
/// found among the areas that exist.
fn split_place(place: &str, counts: &[usize], shape: &str) -> Result<Vec<String>, Refused> {
    let parts: Vec<String> = place.split('/').map(str::to_owned).collect();
    if !counts.contains(&parts.len()) {
        let given = crate::diagnostics::shown(place);
        return Err(Refused::asked(say!(shape, given = given), None));
    }
    Ok(parts)
}

/// Refuses a slug that breaks the rule of folder and file names (DESIGN,
/// Content), with the slug it was probably meant to be.
fn check_slug(slug: &str) -> Result<(), Refused> {
    if content::is_slug(slug) {
        return Ok(());
    }
    let hint = match content::suggest_slug(slug) {
        Some(meant) if meant != slug => say!("hint.did_you_mean", text = meant),
        _ if is_reserved(slug) => say!("hint.reserved_slug"),
        _ => say!("hint.slug_rule"),
    };
    Err(Refused::asked(
        say!("new.bad_slug", slug = crate::diagnostics::shown(slug)),
        Some(hint),
    ))
}

/// Whether `slug` would be one but for being a name Windows reserves.
fn is_reserved(slug: &str) -> bool {
    let other = format!("{slug}-x");
    content::is_slug(&other)
}

/// Reads the site's content (everything but the villages' files).
fn load(root: &Path) -> Result<Corpus, Refused> {
    content::load(root)
        .map(|(corpus, _, _)| corpus)
        .map_err(|e| Refused::Failed(e.0))
}

/// The county of slug `county`, or why there is none: the county most
/// likely meant (`rest` completes the argument shown in the hint), else
/// how to add it.
fn find_county<'c>(
    site: &'c Corpus,
    county: &str,
    rest: &str,
) -> Result<&'c content::model::County, Refused> {
    if let Some(found) = site.counties.iter().find(|c| c.slug == county) {
        return Ok(found);
    }
    let hint = suggestion(
        county,
        site.counties.iter().map(|c| (&c.slug, c.name.as_ref())),
    )
    .map(|found| say!("hint.did_you_mean", text = format!("{found}{rest}")))
    .unwrap_or_else(|| {
        if content::is_slug(county) {
            say!("hint.new_county", county = county)
        } else {
            say!("hint.slug_rule")
        }
    });
    let county = crate::diagnostics::shown(county);
    Err(Refused::asked(
        say!("new.no_county", county = county),
        Some(hint),
    ))
}

/// The slug of the area most likely meant by `given`: one whose name is
/// `given` (a clerk may type 噶尔县 for `gar`), else the closest slug.
fn suggestion<'a>(
    given: &str,
    areas: impl Iterator<Item = (&'a String, Option<&'a Text>)> + Clone,
) -> Option<&'a str> {
    let named = areas.clone().find(|(_, name)| {
        name.is_some_and(|name| {
            let trimmed = crate::render::i18n::without_final_shad(&name.bo);
            name.zh == given || name.bo == given || trimmed == given
        })
    });
    if let Some((slug, _)) = named {
        return Some(slug);
    }
    let slugs: Vec<&str> = areas.map(|(slug, _)| slug.as_str()).collect();
    crate::suggest::closest(given, &slugs)
}

/// Refuses to write over anything at `rel`.
fn refuse_existing(root: &Path, rel: &str) -> Result<(), Refused> {
    if exists(&root.join(rel)) {
        return Err(Refused::asked(
            say!("new.exists", path = rel),
            Some(say!("hint.exists")),
        ));
    }
    Ok(())
}

/// Today in the site's time zone (the default zone if `site.yaml` names
/// none or cannot be read), as `build` takes it without `--today`.
fn today(site: &Corpus) -> Result<Date, Refused> {
    let zone = site
        .site
        .as_ref()
        .map_or(DEFAULT_TIMEZONE, |s| s.timezone.as_str());
    content::model::today_in(zone)
        .ok_or_else(|| Refused::Failed(say!("problem.unknown_timezone", name = zone)))
}

/// Nothing if there are no problems; the warnings as `check` prints them;
/// or, with any error, the refusal that reports them.
fn judged(diagnostics: &Diagnostics, sources: &Sources, files: usize) -> Result<String, Refused> {
    if diagnostics.is_empty() {
        return Ok(String::new());
    }
    let text = report(diagnostics, sources, files);
    if diagnostics.has_error() {
        return Err(Refused::Problems(text));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_reserved_name_is_told_apart_from_a_bad_one() {
        assert!(super::is_reserved("con") && super::is_reserved("lpt1"));
        assert!(!super::is_reserved("Con") && !super::is_reserved("a b"));
    }
}
