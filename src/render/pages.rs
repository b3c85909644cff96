//! The HTML pages: a context of plain data per page, laid out by a template.

use std::sync::Arc;

use jiff::civil::Date;
use std::borrow::Cow;
use tera::{Map, Value};

use tera::value::Key;
use tera::Context;

use super::context::HashedMap;
use super::format::Style;
use super::i18n::{fill, with_genitive, without_final_shad, Catalog};
use super::markdown::to_html;
use super::theme::{error_chain, Theme};
use super::urls::{alternates, page_url};
use crate::calendar::Status;
use crate::content::codes::{Body, Code, Language, Post, VillageKind};
use crate::content::model::{Contact, Person, Text};
use crate::site::{
    NoticeView, Site, SiteAnnouncement, SiteCounty, SiteNotice, SiteNoticeDetail, SiteTownship,
    SiteVillage, VillageContent,
};

/// At most this many open notices on a home page; the rest through the county pages.
const HOME_OPEN_NOTICES: usize = 50;
/// Results listed on a home page.
const HOME_RESULTS: usize = 20;
/// Announcements listed on a home page.
const HOME_ANNOUNCEMENTS: usize = 10;

pub(super) type Emit<'a> = super::Out<'a>;

/// The pages of every language of the site, ready to render.
pub(super) struct Languages<'a> {
    site: &'a Site,
    theme: &'a Theme,
    pages: Vec<Pages<'a>>,
}

impl<'a> Languages<'a> {
    pub(super) fn new(site: &'a Site, theme: &'a Theme) -> Languages<'a> {
        let pages = site
            .languages
            .iter()
            .map(|&lang| {
                let ui = &catalog_of(theme, lang).ui;
                let strings = theme
                    .template_names()
                    .map(|name| (name.to_owned(), theme.strings_for(name, ui)))
                    .collect();
                Pages {
                    site,
                    theme,
                    lang,
                    strings,
                    strings_key: crate::keys::hash_of(ui),
                    inputs_key: crate::keys::hash_of(&(site.inputs_key(), theme.key, lang)),
                }
            })
            .collect();
        Languages { site, theme, pages }
    }

    /// The pages of each language, in the site's order.
    pub(super) fn pages(&self) -> &[Pages<'a>] {
        &self.pages
    }
}

/// The pages that are not a village's: the landing page, and per language
/// the home, announcements, search, stats, county and township pages.
pub(super) fn render_site_wide(all: &Languages<'_>, emit: &mut Emit<'_>) -> Result<(), String> {
    landing(all.site, all.theme, emit)?;
    not_found(all.site, all.theme, emit)?;
    for page in &all.pages {
        page.home(emit)?;
        page.announcements(emit)?;
        super::search::page(page, emit)?;
        super::stats::page(page, emit)?;
        for county in &all.site.counties {
            page.county(emit, county)?;
            for township in &county.townships {
                page.township(emit, county, township)?;
            }
        }
    }
    Ok(())
}

/// A village's pages and those of its notices, in every language.
pub(super) fn render_village(
    all: &Languages<'_>,
    (county, township, village, content): super::Placed<'_>,
    emit: &mut Emit<'_>,
) -> Result<(), String> {
    let crumbs = [
        (&county.name, vec![county.slug.as_str()]),
        (
            &township.name,
            vec![county.slug.as_str(), township.slug.as_str()],
        ),
    ];
    for page in &all.pages {
        page.village(
            emit,
            &[&county.slug, &township.slug],
            (village, content),
            &crumbs,
        )?;
    }
    Ok(())
}

/// Keeps the first `max` of `list` in the order of `by`, sorted: the home
/// page lists 50 of a region's thousands of notices, and a full sort of
/// them was most of its cost on each of serve's rebuilds. `by` must tell
/// every two items apart (a notice is known by its village and slug), so
/// that the items kept are those a full sort puts first.
fn first_in_order<T>(list: &mut Vec<T>, max: usize, by: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if list.len() > max {
        list.select_nth_unstable_by(max, &by);
        list.truncate(max);
    }
    list.sort_unstable_by(by);
}

fn county_children(page: &Pages<'_>, county: &SiteCounty) -> Vec<Value> {
    county
        .townships
        .iter()
        .map(|t| {
            object! {
                "name": page.txt(&t.name),
                "href": page.href_from(1, &[&county.slug, &t.slug]),
                "meta": page.style().num(t.villages.len()),
            }
        })
        .collect()
}

pub(super) fn html_lang(lang: Language) -> &'static str {
    match lang {
        Language::Bo => "bo",
        Language::Zh => "zh-Hans",
    }
}

fn other(lang: Language) -> Language {
    match lang {
        Language::Bo => Language::Zh,
        Language::Zh => Language::Bo,
    }
}

fn catalog_of(theme: &Theme, lang: Language) -> &Catalog {
    match lang {
        Language::Bo => &theme.bo,
        Language::Zh => &theme.zh,
    }
}

/// Renders `context` with template `name` into the file at `path`
/// (escaped for HTML, which is XML's escaping too: `.xml` templates are
/// escaped by the same function).
pub(super) fn render_html(
    theme: &Theme,
    name: &str,
    path: &str,
    context: Map,
) -> Result<Vec<u8>, String> {
    let mut top = Context::new();
    for (key, value) in context {
        let key: Cow<'static, str> = match key {
            Key::Str(key) => Cow::Borrowed(key),
            key => Cow::Owned(key.to_string()),
        };
        top.insert_value(key, value);
    }
    let context = top;
    let html = theme
        .tera
        .render(name, &context)
        .map_err(|e| format!("rendering {path} with template {name}: {}", error_chain(&e)))?;
    Ok(html.into_bytes())
}

/// `/index.html`: the bilingual landing page.
fn landing(site: &Site, theme: &Theme, emit: &mut Emit<'_>) -> Result<(), String> {
    let choices: Vec<Value> = site
        .languages
        .iter()
        .map(|&lang| {
            let catalog = catalog_of(theme, lang);
            object! {
                "html_lang": html_lang(lang),
                "language_name": catalog.language_name.as_str(),
                "title": site.title.get(lang).unwrap_or(""),
                "choose": catalog.ui("choose_language"),
                "href": format!("{}/index.html", lang.as_str()),
            }
        })
        .collect();
    let feeds: Vec<Value> = site
        .languages
        .iter()
        .map(|&lang| feed_link(site, lang, ""))
        .collect();
    let context = fields! {
        "root": "",
        "choices": choices,
        "title": vec![site.title.get(Language::Bo).unwrap_or(""), site.title.get(Language::Zh).unwrap_or("")],
        "title_tag": format!(
            "{} · {}",
            without_final_shad(site.title.get(Language::Bo).unwrap_or("")),
            site.title.get(Language::Zh).unwrap_or("")
        ),
        "canonical": page_url(&site.base_url, None, &[]),
        "alternates": alternate_links(site, &[]),
        "feeds": feeds,
        "preview": site.preview,
        "preview_band": preview_band(site, theme),
    };
    page_of_its_context(theme, "landing.html", "index.html", context, emit)
}

/// Renders a page outside the languages' folders whose key is its
/// template and its whole context (the landing and "not found" pages).
fn page_of_its_context(
    theme: &Theme,
    template: &str,
    path: &str,
    context: Map,
    emit: &mut Emit<'_>,
) -> Result<(), String> {
    let key = emit
        .keeps()
        .then(|| crate::keys::hash_of(&(theme.template_key(template), HashedMap(&context))));
    emit.file(path, key, || render_html(theme, template, path, context))
}

/// `/404.html`: "not found" in every language on one page, which a web
/// server sends for any missing path, at any depth. So its links start
/// from the path of `base_url` on its host (`/static/style.css`, or
/// `/ngari/static/…` for a site under `/ngari/`), not relative to the
/// page (which would break one folder down) nor at `base_url` itself
/// (which would send a reader of a copy on another host, or of a test
/// server, to the public site for the style sheet).
fn not_found(site: &Site, theme: &Theme, emit: &mut Emit<'_>) -> Result<(), String> {
    let root = super::urls::root_path(&site.base_url);
    let choices: Vec<Value> = site
        .languages
        .iter()
        .map(|&lang| {
            let catalog = catalog_of(theme, lang);
            object! {
                "html_lang": html_lang(lang),
                "title": site.title.get(lang).unwrap_or(""),
                "text": catalog.ui("not_found"),
                "home": catalog.ui("home"),
                "href": format!("{root}{}/index.html", lang.as_str()),
            }
        })
        .collect();
    let titles: Vec<&str> = site
        .languages
        .iter()
        .map(|&lang| without_final_shad(site.title.get(lang).unwrap_or("")))
        .collect();
    let context = fields! {
        "root": root,
        "choices": choices,
        "title_tag": format!("404 · {}", titles.join(" · ")),
        "preview": site.preview,
        "preview_band": preview_band(site, theme),
    };
    page_of_its_context(theme, "404.html", "404.html", context, emit)
}

/// The `hreflang` alternates of the page of `segments`, for its head.
fn alternate_links(site: &Site, segments: &[&str]) -> Vec<Value> {
    alternates(site, segments)
        .into_iter()
        .map(|(hreflang, href)| object! { "hreflang": hreflang, "href": href })
        .collect()
}

/// The head's link to the Atom feed of `lang`, from a page whose way to
/// the output folder is `root`: relative, as every link between the
/// site's files. Its title is the feed's, the site's title.
fn feed_link(site: &Site, lang: Language, root: &str) -> Value {
    object! {
        "href": format!("{root}{}", super::feeds::path(lang)),
        "title": site.title.get(lang).or_else(|| site.title.get(other(lang))).unwrap_or(""),
        "hreflang": html_lang(lang),
    }
}

fn preview_band(site: &Site, theme: &Theme) -> Vec<Value> {
    site.languages
        .iter()
        .map(|&l| object!{ "html_lang": html_lang(l), "text": catalog_of(theme, l).ui("site_preview") })
        .collect()
}

/// The pages of one language.
pub(super) struct Pages<'a> {
    pub(super) site: &'a Site,
    pub(super) theme: &'a Theme,
    pub(super) lang: Language,
    /// This language's interface strings, as each template's `t`.
    strings: std::collections::HashMap<String, Value>,
    /// A hash of them.
    strings_key: u64,
    /// A hash of what every page of the site is made from besides its own
    /// part: the site's settings, day, announcements and theme.
    pub(super) inputs_key: u64,
}

impl<'a> Pages<'a> {
    pub(super) fn catalog(&self) -> &'a Catalog {
        catalog_of(self.theme, self.lang)
    }

    pub(super) fn style(&self) -> Style<'a> {
        Style {
            lang: self.lang,
            catalog: self.catalog(),
            digits: self.site.digits,
        }
    }

    pub(super) fn ui(&self, key: &'static str) -> &'a str {
        self.catalog().ui(key)
    }

    /// A text in this language; where it is missing, the other language's
    /// text marked as such, so the page says so rather than showing nothing.
    pub(super) fn txt(&self, text: &Text) -> Value {
        let (text, lang, missing) = self.pick(text);
        object! { "text": text, "lang": html_lang(lang), "missing": missing }
    }

    /// A text that the theme joins with more (a breadcrumb, a listing
    /// line, a `·` label): as [`Pages::txt`], without a final shad, so no
    /// `། ·` arises (DESIGN.md, Content).
    pub(super) fn joined(&self, text: &Text) -> Value {
        let (text, lang, missing) = self.pick(text);
        object! { "text": without_final_shad(text), "lang": html_lang(lang), "missing": missing }
    }

    /// The half of a pair to show: this language's, else the other's,
    /// with its language and whether the translation is missing.
    pub(super) fn pick<'t>(&self, text: &'t Text) -> (&'t str, Language, bool) {
        match text.get(self.lang) {
            Some(t) => (t, self.lang, false),
            None => (
                text.get(other(self.lang)).unwrap_or(""),
                other(self.lang),
                true,
            ),
        }
    }

    pub(super) fn date(&self, date: Date) -> Value {
        object! { "iso": date.to_string(), "text": self.style().day(date) }
    }

    /// A pattern with one `{date}` split around it, so the date can sit in `<time>`.
    pub(super) fn with_date(&self, key: &'static str, date: Date) -> Value {
        let pattern = self.ui(key);
        let (before, after) = pattern.split_once("{date}").unwrap_or((pattern, ""));
        object! { "before": before, "after": after, "date": self.date(date) }
    }

    /// Link from a page `depth` folders below the language folder to the
    /// page of `segments` in this language.
    pub(super) fn href_from(&self, depth: usize, segments: &[&str]) -> String {
        let mut href = "../".repeat(depth);
        for s in segments {
            href.push_str(s);
            href.push('/');
        }
        href.push_str("index.html");
        href
    }

    fn post_label(&self, post: Post) -> &'a str {
        self.catalog().code("post", post.as_str())
    }

    /// What every page of this language has: the language switch, the
    /// preview band, the printed URL, breadcrumbs.
    pub(super) fn base(&self, segments: &[&str], title: Value, crumbs: Vec<Value>) -> Map {
        let depth = segments.len() + 1;
        let root = "../".repeat(depth);
        let rel: String = segments.iter().map(|s| format!("{s}/")).collect();
        let other = other(self.lang);
        let url = page_url(&self.site.base_url, Some(self.lang), segments);
        let mut map = Map::new();
        map.insert("lang".into(), Value::from(self.lang.as_str()));
        map.insert("html_lang".into(), Value::from(html_lang(self.lang)));
        map.insert("root".into(), Value::from(root.as_str()));
        map.insert(
            "home".into(),
            Value::from(format!("{root}{}/index.html", self.lang.as_str())),
        );
        let title_tag = self.title_tag(&[title
            .get_from_path("text")
            .and_then(Value::as_str)
            .unwrap_or_default()]);
        map.insert("title".into(), title);
        map.insert("title_tag".into(), Value::from(title_tag));
        map.insert("site_title".into(), self.txt(&self.site.title));
        map.insert("crumbs".into(), Value::from(crumbs));
        map.insert(
            "other".into(),
            object! {
                "html_lang": html_lang(other),
                "name": catalog_of(self.theme, other).language_name.as_str(),
                "href": format!("{root}{}/{rel}index.html", other.as_str()),
            },
        );
        map.insert(
            "page_url".into(),
            Value::from(fill(self.ui("page_url"), &[("url", &url)])),
        );
        map.insert("canonical".into(), Value::from(url));
        map.insert(
            "alternates".into(),
            Value::from(alternate_links(self.site, segments)),
        );
        map.insert("feed".into(), self.feed_link(&root));
        map.insert("preview".into(), Value::from(self.site.preview));
        map.insert(
            "preview_band".into(),
            Value::from(preview_band(self.site, self.theme)),
        );
        map
    }

    /// The browser's title: the page's own parts, then the site's title,
    /// joined by ` · ` (so without their final shads), a part that is the
    /// site's title (the home page's) not repeated.
    fn title_tag(&self, parts: &[&str]) -> String {
        let (site, _, _) = self.pick(&self.site.title);
        let mut tag: Vec<&str> = parts
            .iter()
            .filter(|part| **part != site)
            .map(|part| without_final_shad(part))
            .collect();
        tag.push(site);
        tag.join(" · ")
    }

    /// The head's link to this language's feed.
    fn feed_link(&self, root: &str) -> Value {
        feed_link(self.site, self.lang, root)
    }

    pub(super) fn crumb(&self, name: &Text, depth: usize, segments: &[&str]) -> Value {
        object! { "name": self.joined(name), "href": self.href_from(depth, segments) }
    }

    /// Writes a page of this language: its interface strings (`t`) join
    /// the context only when it is rendered, and its key takes them as one
    /// hash, so an unchanged page costs no copy of them.
    pub(super) fn write(
        &self,
        emit: &mut Emit<'_>,
        template: &str,
        segments: &[&str],
        context: Map,
    ) -> Result<(), String> {
        if let Some(inputs) = emit.inputs() {
            return self.write_from(emit, template, segments, inputs, || context);
        }
        let inputs = if emit.keeps() {
            crate::keys::hash_of(&HashedMap(&context))
        } else {
            0
        };
        self.write_from(emit, template, segments, inputs, || context)
    }

    /// Writes a village's page ([`Pages::write`]) whose context is built
    /// only if it is rendered: its key is the village's inputs (see
    /// `Out::inputs`), so the other villages of a township read again
    /// for its print page cost no context (a notice page's holds QR codes).
    fn write_lazily(
        &self,
        emit: &mut Emit<'_>,
        template: &str,
        segments: &[&str],
        context: impl FnOnce() -> Result<Map, String>,
    ) -> Result<(), String> {
        match emit.inputs() {
            Some(inputs) => self.write_keyed(emit, template, segments, inputs, context),
            None => self.write(emit, template, segments, context()?),
        }
    }

    /// Writes a page whose key is `inputs`, a hash of everything its
    /// context is made from: the context is built only if it is rendered.
    pub(super) fn write_from(
        &self,
        emit: &mut Emit<'_>,
        template: &str,
        segments: &[&str],
        inputs: u64,
        context: impl FnOnce() -> Map,
    ) -> Result<(), String> {
        self.write_keyed(emit, template, segments, inputs, || Ok(context()))
    }

    /// [`Pages::write_from`] with a context that may fail to be built.
    fn write_keyed(
        &self,
        emit: &mut Emit<'_>,
        template: &str,
        segments: &[&str],
        inputs: u64,
        context: impl FnOnce() -> Result<Map, String>,
    ) -> Result<(), String> {
        let mut path = format!("{}/", self.lang.as_str());
        for s in segments {
            path.push_str(s);
            path.push('/');
        }
        path.push_str("index.html");
        let key = emit.keeps().then(|| {
            crate::keys::hash_of(&(self.theme.template_key(template), self.strings_key, inputs))
        });
        emit.file(&path, key, || {
            let mut context = context()?;
            let strings = self.strings.get(template).cloned();
            context.insert("t".into(), strings.unwrap_or_else(Value::none));
            render_html(self.theme, template, &path, context)
        })
    }

    /// Writes a file of this language that is not one of its pages (its
    /// feed) at `path` below the output folder: keyed, as a page is, by
    /// its template, the interface strings and its context.
    pub(super) fn write_file(
        &self,
        emit: &mut Emit<'_>,
        template: &str,
        path: &str,
        mut context: Map,
    ) -> Result<(), String> {
        let key = emit.keeps().then(|| {
            crate::keys::hash_of(&(
                self.theme.template_key(template),
                self.strings_key,
                HashedMap(&context),
            ))
        });
        emit.file(path, key, || {
            let strings = self.strings.get(template).cloned();
            context.insert("t".into(), strings.unwrap_or_else(Value::none));
            render_html(self.theme, template, path, context)
        })
    }

    fn marks(&self, draft: bool, scheduled: bool, day: Date) -> Value {
        object! {
            "draft": draft,
            "scheduled": scheduled,
            "scheduled_text": if scheduled { self.with_date("scheduled", day) } else { Value::none() },
        }
    }

    fn status(&self, status: Status, last: Date) -> Value {
        match status {
            Status::Upcoming => object! { "code": "upcoming", "text": self.ui("status_upcoming") },
            Status::Closed => {
                object! { "code": "closed", "text": Value::none(), "last_day": self.with_date("status_closed", last) }
            }
            Status::Open {
                working_days_left: 0,
            } => {
                object! { "code": "open", "text": Value::none(), "last_day": self.with_date("status_open_last_day", last) }
            }
            Status::Open { working_days_left } => object! {
                "code": "open",
                "text": fill(self.ui("status_open_days_left"), &[("n", &self.style().num(working_days_left))]),
            },
        }
    }

    /// A notice's title: its village's body (named by the village's kind)
    /// and the type of notice.
    pub(super) fn notice_title(&self, village: &SiteVillage, notice: &SiteNotice) -> String {
        let results = matches!(notice.detail, SiteNoticeDetail::Results { .. });
        self.title_of(village.kind, notice.body, results)
    }

    /// The title of a notice of `body` of a village of `kind`, of
    /// results or of candidates.
    pub(super) fn title_of(&self, kind: VillageKind, body: Body, results: bool) -> String {
        let body = self.catalog().body_of(kind, body);
        let kind = if results { "results" } else { "candidates" };
        fill(
            self.ui("notice_title"),
            &[
                ("body", body),
                ("body_of", &with_genitive(body)),
                ("type", self.catalog().code("notice_type", kind)),
            ],
        )
    }

    /// A notice as a line of a listing on a page `depth` below the language folder.
    fn notice_item(
        &self,
        depth: usize,
        area: [&str; 3],
        village: &SiteVillage,
        notice: &SiteNotice,
    ) -> Value {
        let mut item = fields! {
            "title": self.notice_title(village, notice),
            "village": self.joined(&village.name),
            "href": self.href_from(depth, &[area[0], area[1], area[2], &notice.slug]),
            "published": self.date(notice.published),
            "marks": self.marks(notice.draft, notice.scheduled, notice.published),
        };
        match &notice.detail {
            SiteNoticeDetail::Candidates { period, status, .. } => {
                item.insert("period".into(), self.period(period));
                item.insert("status".into(), self.status(*status, period.last));
            }
            SiteNoticeDetail::Results { election_day, .. } => {
                item.insert("election_day".into(), self.date(*election_day));
            }
        }
        Value::from(item)
    }

    fn announcement_items(
        &self,
        depth: usize,
        list: impl Iterator<Item = &'a SiteAnnouncement>,
    ) -> Vec<Value> {
        list.map(|a| {
            object! {
                "title": self.txt(&a.title),
                "date": self.date(a.date),
                "href": self.href_from(depth, &["announcements", &a.slug]),
                "marks": self.marks(a.draft, a.scheduled, a.date),
            }
        })
        .collect()
    }

    fn home(&self, emit: &mut Emit<'_>) -> Result<(), String> {
        let mut open = Vec::new();
        let mut results = Vec::new();
        for county in &self.site.counties {
            for township in &county.townships {
                for village in &township.villages {
                    let area = [
                        county.slug.as_str(),
                        township.slug.as_str(),
                        village.slug.as_str(),
                    ];
                    for notice in &village.notices {
                        match &notice.detail {
                            SiteNoticeDetail::Candidates {
                                period,
                                status: Status::Open { .. },
                                ..
                            } => {
                                open.push(((period.last, area, &notice.slug), (village, notice)));
                            }
                            SiteNoticeDetail::Results { .. } => {
                                results.push((
                                    (notice.published, area, &notice.slug),
                                    (village, notice),
                                ));
                            }
                            SiteNoticeDetail::Candidates { .. } => {}
                        }
                    }
                }
            }
        }
        let more_open = open.len() > HOME_OPEN_NOTICES;
        first_in_order(&mut open, HOME_OPEN_NOTICES, |a, b| a.0.cmp(&b.0));
        first_in_order(&mut results, HOME_RESULTS, |a, b| {
            b.0 .0
                .cmp(&a.0 .0)
                .then_with(|| a.0 .1.cmp(&b.0 .1))
                .then_with(|| a.0 .2.cmp(b.0 .2))
        });
        // Listed items only: a country has far more notices than a home page shows.
        let items = |list: Vec<(_, (&Arc<SiteVillage>, &SiteNotice))>, max: usize| -> Vec<Value> {
            list.into_iter()
                .take(max)
                .map(|((_, area, _), (village, notice))| self.notice_item(0, area, village, notice))
                .collect()
        };
        let counties: Vec<Value> = self
            .site
            .counties
            .iter()
            .map(|c| object! { "name": self.txt(&c.name), "href": self.href_from(0, &[&c.slug]) })
            .collect();
        let mut context = self.base(&[], self.txt(&self.site.title), Vec::new());
        context.insert("is_home".into(), Value::from(true));
        context.insert("region".into(), self.txt(&self.site.region));
        context.insert("as_of".into(), self.with_date("as_of", self.site.today));
        context.insert(
            "open_notices".into(),
            Value::from(items(open, HOME_OPEN_NOTICES)),
        );
        context.insert("more_open".into(), Value::from(more_open));
        context.insert(
            "latest_results".into(),
            Value::from(items(results, HOME_RESULTS)),
        );
        context.insert(
            "announcements".into(),
            Value::from(
                self.announcement_items(0, self.site.announcements.iter().take(HOME_ANNOUNCEMENTS)),
            ),
        );
        context.insert(
            "all_announcements".into(),
            Value::from(self.href_from(0, &["announcements"])),
        );
        context.insert("counties".into(), Value::from(counties));
        self.write(emit, "home.html", &[], context)
    }

    fn announcements(&self, emit: &mut Emit<'_>) -> Result<(), String> {
        let title = object! { "text": self.ui("all_announcements"), "lang": html_lang(self.lang), "missing": false };
        let mut context = self.base(&["announcements"], title, Vec::new());
        context.insert(
            "announcements".into(),
            Value::from(self.announcement_items(1, self.site.announcements.iter())),
        );
        self.write(emit, "announcements.html", &["announcements"], context)?;
        let crumbs = vec![object! {
            "name": object! { "text": self.ui("announcements"), "lang": html_lang(self.lang), "missing": false },
            "href": self.href_from(2, &["announcements"]),
        }];
        for a in &self.site.announcements {
            let mut context = self.base(
                &["announcements", &a.slug],
                self.txt(&a.title),
                crumbs.clone(),
            );
            let (markdown, lang, missing) = self.pick(&a.markdown);
            context.insert("date".into(), self.date(a.date));
            context.insert("marks".into(), self.marks(a.draft, a.scheduled, a.date));
            context.insert("body_html".into(), Value::from(to_html(markdown)));
            context.insert("body_lang".into(), Value::from(html_lang(lang)));
            context.insert("body_missing".into(), Value::from(missing));
            self.write(
                emit,
                "announcement.html",
                &["announcements", &a.slug],
                context,
            )?;
        }
        Ok(())
    }

    fn scoped_announcements(&self, depth: usize, area: &str) -> Vec<Value> {
        self.announcement_items(
            depth,
            self.site.announcements.iter().filter(|a| a.shows_on(area)),
        )
    }

    /// A county's page: keyed by what it is made from (the county with its
    /// villages, its figures, and the site's own inputs), so an unchanged
    /// one costs no context.
    fn county(&self, emit: &mut Emit<'_>, county: &SiteCounty) -> Result<(), String> {
        let figures = self
            .site
            .figures
            .counties
            .iter()
            .find(|(s, _)| *s == county.slug);
        // Its figures list the villages that miss a rule or have no results.
        let listed: Vec<_> = self.site.listed(Some(&county.slug)).collect();
        let inputs = crate::keys::hash_of(&(self.inputs_key, county, figures, listed));
        self.write_from(emit, "area.html", &[&county.slug], inputs, || {
            let children = county_children(self, county);
            self.area(
                &[&county.slug],
                &county.name,
                "county",
                children,
                &county.slug,
            )
        })
    }

    /// A township's page, keyed as a county's.
    fn township(
        &self,
        emit: &mut Emit<'_>,
        county: &SiteCounty,
        township: &SiteTownship,
    ) -> Result<(), String> {
        let segments = [county.slug.as_str(), township.slug.as_str()];
        let inputs = crate::keys::hash_of(&(self.inputs_key, &county.slug, &county.name, township));
        self.write_from(emit, "area.html", &segments, inputs, || {
            let children = township
                .villages
                .iter()
                .map(|v| {
                    object! {
                        "name": self.txt(&v.name),
                        "href": self.href_from(2, &[&county.slug, &township.slug, &v.slug]),
                        "meta": self.catalog().code("kind", v.kind.as_str()),
                    }
                })
                .collect();
            let area = segments.join("/");
            let mut context = self.area(&segments, &township.name, "township", children, &area);
            context.insert(
                "print_href".into(),
                Value::from(self.href_from(2, &[&county.slug, &township.slug, "print"])),
            );
            context
        })
    }

    /// The context of a county or township page.
    fn area(
        &self,
        segments: &[&str],
        name: &Text,
        level: &str,
        children: Vec<Value>,
        area: &str,
    ) -> Map {
        let depth = segments.len();
        let crumbs = if segments.len() == 2 {
            let county = self
                .site
                .counties
                .iter()
                .find(|c| c.slug == segments[0])
                .map(|c| &c.name);
            county
                .map(|n| vec![self.crumb(n, depth, &segments[..1])])
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let mut open = Vec::new();
        for county in self.site.counties.iter().filter(|c| c.slug == segments[0]) {
            for township in county
                .townships
                .iter()
                .filter(|t| segments.len() < 2 || t.slug == segments[1])
            {
                for village in &township.villages {
                    let slugs = [
                        county.slug.as_str(),
                        township.slug.as_str(),
                        village.slug.as_str(),
                    ];
                    for notice in &village.notices {
                        if let SiteNoticeDetail::Candidates {
                            period,
                            status: Status::Open { .. },
                            ..
                        } = &notice.detail
                        {
                            open.push((
                                (period.last, slugs, notice.slug.clone()),
                                self.notice_item(depth, slugs, village, notice),
                            ));
                        }
                    }
                }
            }
        }
        open.sort_by(|a, b| a.0.cmp(&b.0));
        let mut context = self.base(segments, self.txt(name), crumbs);
        context.insert("level".into(), Value::from(level));
        context.insert("children".into(), Value::from(children));
        context.insert(
            "open_notices".into(),
            Value::from(open.into_iter().map(|(_, v)| v).collect::<Vec<_>>()),
        );
        context.insert("as_of".into(), self.with_date("as_of", self.site.today));
        context.insert(
            "announcements".into(),
            Value::from(self.scoped_announcements(depth, area)),
        );
        if let [county] = segments {
            context.insert(
                "figures".into(),
                super::stats::county_block(self, county, depth),
            );
        }
        context
    }

    fn village(
        &self,
        emit: &mut Emit<'_>,
        parents: &[&str; 2],
        (village, content): (&SiteVillage, &VillageContent<'_>),
        crumbs: &[(&Text, Vec<&str>); 2],
    ) -> Result<(), String> {
        let segments = [parents[0], parents[1], village.slug.as_str()];
        let area = segments.join("/");
        let depth = 3;
        self.write_lazily(emit, "village.html", &segments, || {
            Ok(self.village_context(village, crumbs, segments, &area))
        })?;
        let mut notice_crumbs: Vec<Value> = crumbs
            .iter()
            .map(|(n, s)| self.crumb(n, depth + 1, s))
            .collect();
        notice_crumbs.push(object! { "name": self.joined(&village.name), "href": "../index.html" });
        for view in content.views(village) {
            self.notice(
                emit,
                &segments,
                (village, content.contact),
                view,
                notice_crumbs.clone(),
                &area,
                [crumbs[0].0, crumbs[1].0],
            )?;
        }
        Ok(())
    }

    /// The context of a village's own page, at `segments` (`area` joined).
    fn village_context(
        &self,
        village: &SiteVillage,
        crumbs: &[(&Text, Vec<&str>); 2],
        segments: [&str; 3],
        area: &str,
    ) -> Map {
        let depth = 3;
        let crumb_list: Vec<Value> = crumbs
            .iter()
            .map(|(n, s)| self.crumb(n, depth, s))
            .collect();
        let items: Vec<Value> = village
            .notices
            .iter()
            .map(|n| self.notice_item(depth, segments, village, n))
            .collect();
        let mut context = self.base(&segments, self.txt(&village.name), crumb_list);
        context.insert(
            "kind".into(),
            Value::from(self.catalog().code("kind", village.kind.as_str())),
        );
        let (notices_heading, data_label) = match village.kind {
            VillageKind::Village => ("village_notices", "data_village"),
            VillageKind::Community => ("community_notices", "data_community"),
        };
        context.insert(
            "notices_heading".into(),
            Value::from(self.ui(notices_heading)),
        );
        context.insert("data_label".into(), Value::from(self.ui(data_label)));
        context.insert("notices".into(), Value::from(items));
        // "As of" only while a period is upcoming or open: a village whose
        // periods are all closed has a page that stays as it is, day by day.
        let current = village.notices.iter().any(|n| {
            matches!(
                n.detail,
                SiteNoticeDetail::Candidates {
                    status: Status::Upcoming | Status::Open { .. },
                    ..
                }
            )
        });
        if current {
            context.insert("as_of".into(), self.with_date("as_of", self.site.today));
        }
        context.insert(
            "announcements".into(),
            Value::from(self.scoped_announcements(depth, area)),
        );
        context.insert(
            "data_href".into(),
            Value::from(format!("{}data/{}.json", "../".repeat(depth + 1), area)),
        );
        context
    }

    /// A notice period's first and last day.
    fn period(&self, period: &crate::calendar::Period) -> Value {
        let (start, end) = self.style().range(period.start, period.last);
        object! {
            "start": object! { "iso": period.start.to_string(), "text": start },
            "end": object! { "iso": period.last.to_string(), "text": end },
        }
    }

    fn person(&self, person: &Person) -> Map {
        fields! {
            "name": self.txt(&person.name),
            "gender": self.catalog().code("gender", person.gender.as_str()),
            "born": object! { "iso": person.born.to_string(), "text": self.style().month(person.born.year, person.born.month) },
            "ethnicity": self.catalog().code("ethnicity", person.ethnicity.as_str()),
            "education": self.catalog().code("education", person.education.as_str()),
            "party": self.catalog().code("party", person.party.as_str()),
            "post": self.post_label(person.post),
            "current_role": person.current_role.as_ref().map(|r| self.txt(r)),
        }
    }

    fn seats(&self, seats: &[(Post, u32)]) -> Vec<String> {
        seats
            .iter()
            .map(|(post, n)| {
                fill(
                    self.ui("seats_item"),
                    &[
                        ("post", self.post_label(*post)),
                        ("n", &self.style().num(n)),
                    ],
                )
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn notice(
        &self,
        emit: &mut Emit<'_>,
        village_segments: &[&str; 3],
        (village, contact): (&SiteVillage, Option<&Contact>),
        view: NoticeView<'_>,
        crumbs: Vec<Value>,
        area: &str,
        areas: [&Text; 2],
    ) -> Result<(), String> {
        let notice = view.notice();
        let segments = [
            village_segments[0],
            village_segments[1],
            village_segments[2],
            notice.slug.as_str(),
        ];
        self.write_lazily(emit, "notice.html", &segments, || {
            let body = (village, contact);
            self.notice_context(body, view, crumbs, (area, areas), &segments)
        })
    }

    /// The context of a notice's page, at `segments`.
    fn notice_context(
        &self,
        (village, contact): (&SiteVillage, Option<&Contact>),
        view: NoticeView<'_>,
        crumbs: Vec<Value>,
        (area, areas): (&str, [&Text; 2]),
        segments: &[&str; 4],
    ) -> Result<Map, String> {
        let notice = view.notice();
        let title = object! { "text": self.notice_title(village, notice), "lang": html_lang(self.lang), "missing": false };
        let mut context = self.base(segments, title, crumbs);
        // The heading names the body; the browser's title names the village too.
        let (village_name, _, _) = self.pick(&village.name);
        let title_tag = self.title_tag(&[&self.notice_title(village, notice), village_name]);
        context.insert("title_tag".into(), Value::from(title_tag));
        context.insert(
            "announcements".into(),
            Value::from(self.scoped_announcements(4, area)),
        );
        context.insert(
            "notice".into(),
            Value::from(self.notice_body((village, contact), view)),
        );
        let names = [areas[0], areas[1], &village.name];
        context.insert(
            "print".into(),
            super::print::sheet(self, names, contact, notice.published, segments)?,
        );
        Ok(context)
    }

    /// What a notice shows, on its own page and on its township's print
    /// page alike: its facts, people, note and where to object.
    pub(super) fn notice_body(
        &self,
        (village, contact): (&SiteVillage, Option<&Contact>),
        view: NoticeView<'_>,
    ) -> Map {
        let notice = view.notice();
        let mut context = Map::new();
        context.insert(
            "title".into(),
            Value::from(self.notice_title(village, notice)),
        );
        context.insert("published".into(), self.date(notice.published));
        context.insert(
            "marks".into(),
            self.marks(notice.draft, notice.scheduled, notice.published),
        );
        context.insert(
            "note_html".into(),
            Value::from(view.note().map(|n| self.note(n))),
        );
        let corrections = view.corrections().into_iter().map(|c| {
            object! { "date": self.date(c.date), "note_html": self.note(&c.note) }
        });
        context.insert(
            "corrections".into(),
            Value::from(corrections.collect::<Vec<_>>()),
        );
        match view {
            NoticeView::Candidates {
                period,
                status,
                seats,
                candidates,
                ..
            } => {
                context.insert("kind".into(), Value::from("candidates"));
                context.insert("period".into(), self.period(period));
                context.insert("status".into(), self.status(status, period.last));
                // A closed notice names the day it closed instead, so its
                // page stops changing once the period is over.
                if !matches!(status, Status::Closed) {
                    context.insert("as_of".into(), self.with_date("as_of", self.site.today));
                }
                context.insert("seats".into(), Value::from(self.seats(seats)));
                context.insert(
                    "people".into(),
                    Value::from(
                        candidates
                            .iter()
                            .map(|p| self.person(p))
                            .collect::<Vec<_>>(),
                    ),
                );
                if let Some(contact) = contact {
                    let office = contact
                        .office
                        .get(self.lang)
                        .or_else(|| contact.office.get(other(self.lang)))
                        .unwrap_or("");
                    context.insert("objections".into(), self.objections(office, &contact.phone));
                }
            }
            NoticeView::Results {
                election_day,
                turnout,
                seats,
                results,
                ..
            } => {
                context.insert("kind".into(), Value::from("results"));
                context.insert("election_day".into(), self.date(election_day));
                context.insert(
                    "turnout".into(),
                    object! {
                        "electorate": self.style().num(turnout.electorate),
                        "cast": self.style().num(turnout.cast),
                        "valid": self.style().num(turnout.valid),
                    },
                );
                context.insert("seats".into(), Value::from(self.seats(seats)));
                let people: Vec<Value> = results
                    .iter()
                    .map(|r| {
                        let mut person = self.person(&r.person);
                        person.insert("votes".into(), Value::from(self.style().num(r.votes)));
                        person.insert("elected".into(), Value::from(r.elected));
                        Value::from(person)
                    })
                    .collect();
                context.insert("people".into(), Value::from(people));
            }
        }
        context
    }

    /// Where to object, split around the phone number so that it can be a
    /// `tel:` link that never breaks.
    fn objections(&self, office: &str, phone: &str) -> Value {
        // NUL marks the number's place: content never contains it (a
        // control character is refused when read).
        let text = fill(
            self.ui("objections_text"),
            &[("office", office), ("phone", "\0")],
        );
        let (before, after) = text.split_once('\0').unwrap_or((&text, ""));
        let dial: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || matches!(c, '+' | '-'))
            .collect();
        object! { "before": before, "after": after, "phone": phone, "tel": format!("tel:{dial}") }
    }

    fn note(&self, note: &Text) -> Value {
        let (markdown, lang, missing) = self.pick(note);
        object! { "html": to_html(markdown), "lang": html_lang(lang), "missing": missing }
    }
}

#[cfg(test)]
mod tests {
    use super::first_in_order;

    #[test]
    fn the_first_items_in_order_are_those_a_full_sort_puts_first() {
        // Distinct numbers in a scrambled order.
        let all: Vec<u32> = (0..500u32).map(|n| (n * 7919) % 503).collect();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        for max in [0, 1, 50, 499, 500, 501] {
            let mut first = all.clone();
            first_in_order(&mut first, max, |a, b| a.cmp(b));
            assert_eq!(first, sorted[..max.min(500)], "{max}");
            let mut last = all.clone();
            first_in_order(&mut last, max, |a, b| b.cmp(a));
            let expected: Vec<u32> = sorted.iter().rev().take(max).copied().collect();
            assert_eq!(last, expected, "{max}, reversed");
        }
    }
}
