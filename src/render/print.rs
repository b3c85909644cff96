//! What only paper shows: the head and foot of a printed notice with its
//! QR code, and each township's print page (every current notice of its
//! villages, one A4 page each).

use jiff::civil::Date;
use tera::{Map, Value};

use super::context::Hashed;
use super::i18n::fill;
use super::pages::{html_lang, Pages};
use crate::content::codes::Body;
use crate::content::model::{Contact, Text};
use crate::site::{NoticeView, SiteCounty, SiteNotice, SiteTownship, SiteVillage};

/// The head and foot of a printed notice: the region, county, township
/// and village (`names`: county, township, village) at its head; the
/// issuing office and the publication date at its foot; and the QR code
/// of the absolute URL of the notice's page (`segments` below the
/// language folder), with that URL as printed.
pub(super) fn sheet(
    page: &Pages<'_>,
    names: [&Text; 3],
    contact: Option<&Contact>,
    published: Date,
    segments: &[&str],
) -> Result<Value, String> {
    let head: Vec<Value> = [&page.site.region, names[0], names[1], names[2]]
        .into_iter()
        // The names share one line: a final shad would read `། ·`.
        .map(|name| page.joined(name))
        .collect();
    let office = [contact, page.site.contact.as_ref()]
        .into_iter()
        .flatten()
        .map(|c| page.pick(&c.office))
        .find(|(text, _, _)| !text.is_empty())
        .map(|(text, lang, missing)| {
            object! { "text": text, "lang": html_lang(lang), "missing": missing }
        });
    let url = super::urls::page_url(&page.site.base_url, Some(page.lang), segments);
    Ok(object! {
        "head": head,
        "office": office,
        "published": page.date(published),
        "qr": super::qr::svg(&url, page.ui("qr_label"))?,
        "url": fill(page.ui("page_url"), &[("url", &url)]),
    })
}

/// The notices that hang on a village's board now: for each body, its
/// newest published notice (by publication day; of two on the same day,
/// the later in the file), in the order of the bodies. Indices into
/// `notices` (a village's published notices, in file order).
pub(crate) fn current_notices(notices: &[&SiteNotice]) -> Vec<usize> {
    let mut newest: Vec<(Body, usize)> = Vec::new();
    for (i, notice) in notices.iter().enumerate() {
        match newest.iter_mut().find(|(body, _)| *body == notice.body) {
            Some((_, at)) if notices[*at].published <= notice.published => *at = i,
            Some(_) => {}
            None => newest.push((notice.body, i)),
        }
    }
    newest.sort_by_key(|(body, _)| *body);
    newest.into_iter().map(|(_, i)| i).collect()
}

/// One current notice of a township's print page, in one language: what
/// its own page shows of it, and its sheet (head, foot, QR code).
pub(super) fn print_item(
    page: &Pages<'_>,
    area: [&Text; 2],
    segments: &[&str; 4],
    (village, contact): (&SiteVillage, Option<&Contact>),
    view: NoticeView<'_>,
) -> Result<Value, String> {
    let notice = view.notice();
    let body = page.notice_body((village, contact), view);
    let names = [area[0], area[1], &village.name];
    let sheet = sheet(page, names, contact, notice.published, segments)?;
    let mut item = Map::new();
    item.insert("notice".into(), Value::from(body));
    item.insert("print".into(), sheet);
    Ok(Value::from(item))
}

/// A village's part of its township's print page: for each language of
/// the site (in its order), the items of the village's current notices.
/// Held only until its township's page is rendered, so no more than one
/// township's people are in memory at once (`serve` keeps those of the
/// township last edited, see `pipeline::stream`).
#[derive(Debug, Default, Clone)]
pub struct PrintPart {
    items: Vec<Vec<Value>>,
}

/// The part of the village `placed` in its township's print page.
pub(super) fn village_part(
    all: &super::pages::Languages<'_>,
    (county, township, village, content): super::Placed<'_>,
) -> Result<PrintPart, String> {
    let views: Vec<NoticeView<'_>> = content.views(village).collect();
    let notices: Vec<&SiteNotice> = views.iter().map(NoticeView::notice).collect();
    let current = current_notices(&notices);
    let items = all
        .pages()
        .iter()
        .map(|page| {
            current
                .iter()
                .map(|&i| {
                    let (notice, view) = (notices[i], views[i]);
                    let segments = [
                        county.slug.as_str(),
                        township.slug.as_str(),
                        village.slug.as_str(),
                        notice.slug.as_str(),
                    ];
                    print_item(
                        page,
                        [&county.name, &township.name],
                        &segments,
                        (village, content.contact),
                        view,
                    )
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<_, _>>()?;
    Ok(PrintPart { items })
}

/// The print page of a township, `/{lang}/{county}/{township}/print/`, in
/// every language, from the parts of its villages in their order. Keyed
/// by everything it shows: the site's inputs, the county's and
/// township's names, and every item.
pub(super) fn township_page(
    all: &super::pages::Languages<'_>,
    (county, township): (&SiteCounty, &SiteTownship),
    parts: &[PrintPart],
    emit: &mut super::Out<'_>,
) -> Result<(), String> {
    let segments = [county.slug.as_str(), township.slug.as_str(), "print"];
    for (l, page) in all.pages().iter().enumerate() {
        let items: Vec<&Value> = parts
            .iter()
            .flat_map(|part| part.items.get(l).into_iter().flatten())
            .collect();
        let inputs = if emit.keeps() {
            crate::keys::hash_of(&(
                page.inputs_key,
                (&county.slug, &county.name),
                (&township.slug, &township.name),
                items.iter().map(|item| Hashed(item)).collect::<Vec<_>>(),
            ))
        } else {
            0
        };
        page.write_from(emit, "print.html", &segments, inputs, || {
            let depth = segments.len();
            let crumbs = vec![
                page.crumb(&county.name, depth, &segments[..1]),
                page.crumb(&township.name, depth, &segments[..2]),
            ];
            let title = object! { "text": page.ui("print_title"), "lang": html_lang(page.lang), "missing": false };
            let mut context = page.base(&segments, title, crumbs);
            context.insert("township".into(), page.txt(&township.name));
            context.insert(
                "items".into(),
                Value::from(items.into_iter().cloned().collect::<Vec<_>>()),
            );
            context
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::codes::{Body, VillageKind};
    use crate::site::{SiteNotice, SiteNoticeDetail};

    fn notice(slug: &str, body: Body, day: i8) -> SiteNotice {
        let date = jiff::civil::date(2021, 1, day);
        SiteNotice {
            slug: slug.into(),
            body,
            published: date,
            draft: false,
            scheduled: false,
            corrected: None,
            detail: SiteNoticeDetail::Results {
                election_day: date,
                turnout: crate::content::model::Turnout {
                    electorate: 0,
                    cast: 0,
                    valid: 0,
                },
                seats: Vec::new().into(),
            },
        }
    }

    #[test]
    fn the_current_notice_is_each_bodys_newest_the_later_in_the_file_on_a_tie() {
        let village = SiteVillage {
            key: 0,
            slug: "v".into(),
            name: Text::default(),
            kind: VillageKind::Village,
            notices: vec![
                notice("c1", Body::Committee, 5),
                notice("p1", Body::PartyBranch, 9),
                notice("p0", Body::PartyBranch, 3),
                notice("c2", Body::Committee, 5),
            ],
            persons: Default::default(),
        };
        let notices: Vec<&SiteNotice> = village.notices.iter().collect();
        let picked: Vec<&str> = current_notices(&notices)
            .into_iter()
            .map(|i| notices[i].slug.as_str())
            .collect();
        assert_eq!(picked, ["p1", "c2"]);
    }
}
