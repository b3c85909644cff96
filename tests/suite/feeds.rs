//! The files for machines: the Atom feeds, the sitemap, and the "not
//! found" page a web server sends for a missing path (DESIGN.md, Site),
//! read with an XML parser.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{tree, SiteTest};

const ATOM: &str = "http://www.w3.org/2005/Atom";
/// Another `base_url` than the example's, under a folder, so that nothing
/// passes by chance.
const BASE: &str = "https://gongshi.example.net/ngari/";
/// The day of the builds: the notices published after it are scheduled.
const TODAY: &str = "2021-01-14";

/// The example site at [`BASE`], with a draft notice (published on
/// [`TODAY`]) and a draft announcement.
fn example() -> SiteTest {
    let site = SiteTest::example();
    site.edit(
        "content/site.yaml",
        "base_url: \"https://example.org/\"",
        &format!("base_url: \"{BASE}\""),
    );
    site.edit(
        "content/villages/gar/kunsha/qusong.yaml",
        "  - slug: committee-candidates\n",
        "  - slug: committee-candidates\n    draft: true\n",
    );
    for (lang, title) in [("bo", "གསལ་བསྒྲགས།"), ("zh", "草稿公告")] {
        site.write(
            &format!("content/announcements/unfinished.{lang}.md"),
            &format!("---\ntitle: \"{title}\"\ndate: 2021-01-13\ndraft: true\n---\n\n{title}\n"),
        );
    }
    site
}

/// One feed entry, as the feed gives it.
#[derive(Debug, PartialEq)]
struct Entry {
    title: String,
    link: String,
    id: String,
    published: String,
    updated: String,
}

/// The feed at `path`: its language, its `updated`, its entries.
fn feed(path: &Path) -> (String, String, Vec<Entry>) {
    let xml = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(ATOM));
    assert_eq!(root.tag_name().name(), "feed");
    let child = |node: roxmltree::Node<'_, '_>, name: &str| -> String {
        let found = node.children().find(|n| n.has_tag_name((ATOM, name)));
        let found = found.unwrap_or_else(|| panic!("no {name} in {node:?}"));
        found.text().unwrap_or_default().to_owned()
    };
    let lang = root
        .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
        .unwrap()
        .to_owned();
    let entries = root
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .map(|e| {
            let links: Vec<_> = e
                .children()
                .filter(|n| n.has_tag_name((ATOM, "link")))
                .collect();
            assert_eq!(links.len(), 1);
            assert_eq!(links[0].attribute("rel"), Some("alternate"));
            Entry {
                title: child(e, "title"),
                link: links[0].attribute("href").unwrap().to_owned(),
                id: child(e, "id"),
                published: child(e, "published"),
                updated: child(e, "updated"),
            }
        })
        .collect();
    (lang, child(root, "updated"), entries)
}

/// What the feeds must list as of `today`, newest first and of one day by
/// address: from the content itself, every notice and announcement that
/// is neither a draft nor dated after `today`, as (date, page folders).
fn expected(root: &Path, today: &str) -> Vec<(String, String)> {
    let mut items = Vec::new();
    for (path, bytes) in tree(&root.join("content/villages")) {
        let parts: Vec<&str> = path.trim_end_matches(".yaml").split('/').collect();
        if parts.len() != 3 || path.ends_with("_index.yaml") {
            continue; // a county's or township's names
        }
        let yaml: serde_yaml::Value = serde_yaml::from_slice(&bytes).unwrap();
        for notice in yaml["notices"].as_sequence().unwrap() {
            let published = notice["published"].as_str().unwrap();
            if notice["draft"].as_bool() != Some(true) && published <= today {
                let slug = notice["slug"].as_str().unwrap();
                // Updated on the day of its latest correction.
                let corrections = notice["corrections"].as_sequence();
                let dates = corrections.into_iter().flatten();
                let updated = dates
                    .map(|c| c["date"].as_str().unwrap())
                    .fold(published, |a, b| a.max(b));
                items.push((updated.to_owned(), format!("{}/{slug}", parts.join("/"))));
            }
        }
    }
    for (path, bytes) in tree(&root.join("content/announcements")) {
        let Some(slug) = path.strip_suffix(".zh.md") else {
            continue;
        };
        let text = String::from_utf8(bytes).unwrap();
        let front = text.split("---").nth(1).unwrap();
        let yaml: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
        let date = yaml["date"].as_str().unwrap();
        if yaml["draft"].as_bool() != Some(true) && date <= today {
            items.push((date.to_owned(), format!("announcements/{slug}")));
        }
    }
    items.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    items.truncate(100);
    items
}

/// README, The site: "`/zh/atom.xml` and `/bo/atom.xml` … list the newest
/// published notices and announcements".
#[test]
fn each_language_has_a_feed_of_what_is_published_newest_first() {
    let site = example();
    let output = site.build_ok(&["--today", TODAY]);
    let wanted = expected(site.root(), TODAY);
    assert!(wanted.len() > 30, "most of the example is published");
    for (lang, html_lang) in [("bo", "bo"), ("zh", "zh-Hans")] {
        let (feed_lang, updated, entries) = feed(&output.join(format!("{lang}/atom.xml")));
        assert_eq!(feed_lang, html_lang);
        let listed: Vec<(String, String)> = entries
            .iter()
            .map(|e| {
                let folder = e.id.strip_prefix(&format!("{BASE}{lang}/")).unwrap();
                let folder = folder.strip_suffix('/').expect("an id ends in /");
                (e.updated[..10].to_owned(), folder.to_owned())
            })
            .collect();
        assert_eq!(listed, wanted, "{lang}");
        for e in &entries {
            assert_eq!(e.link, e.id, "the id is the page's address");
            let page = e.id.strip_prefix(BASE).unwrap();
            assert!(output.join(page).join("index.html").is_file(), "{page}");
            // The start of the day in the site's time zone (Asia/Shanghai).
            assert_eq!(e.updated, format!("{}T00:00:00+08:00", &e.updated[..10]));
            let corrected = e.id.ends_with("/zangbu/party-branch-candidates/");
            assert_eq!(
                e.published != e.updated,
                corrected,
                "only zangbu's is corrected"
            );
        }
        assert_eq!(updated, entries[0].updated, "the newest entry's");
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        let (announcement, notice) = match lang {
            "zh" => (
                "噶尔县村（社区）“两委”候选人初步人选联审情况通报",
                "森格社区 · 居民委员会选举结果公示",
            ),
            _ => (
                "སྒར་རྫོང་གི་གྲོང་ཚོ་དང་སྡེ་ཁུལ་གྱི་ཨུ་ཡོན་ལྷན་ཁང་གཉིས་ཀྱི་འོས་མིའི་ཐོག་མའི་མི་སྣར་མཉམ་ཞིབ་བྱས་པའི་གནས་ཚུལ་གསལ་བསྒྲགས།",
                "སེང་གེ་སྡེ་ཁུལ · སྡོད་དམངས་ཨུ་ཡོན་ལྷན་ཁང་གི་འདེམས་བསྐོའི་མཇུག་འབྲས་ཁྱབ་བསྒྲགས",
            ),
        };
        assert!(titles.contains(&announcement), "{titles:#?}");
        assert!(titles.contains(&notice), "{titles:#?}");
    }
    // Neither the draft nor the scheduled items are anywhere in them.
    for lang in ["bo", "zh"] {
        let xml = std::fs::read_to_string(output.join(format!("{lang}/atom.xml"))).unwrap();
        for absent in ["qusong/committee-candidates", "unfinished", "zhabulang"] {
            assert!(!xml.contains(absent), "{lang}: {absent}");
        }
    }
}

/// A preview lists drafts and scheduled items, marked as on the pages.
#[test]
fn a_preview_feed_marks_drafts_and_scheduled_items() {
    let site = example();
    let preview = site.root().join("preview");
    let built = site.build_into(&preview, &["--today", TODAY, "--drafts"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let (_, _, entries) = feed(&preview.join("zh/atom.xml"));
    let title = |folder: &str| {
        let id = format!("{BASE}zh/{folder}/");
        let entry = entries.iter().find(|e| e.id == id);
        entry
            .unwrap_or_else(|| panic!("{id} in {entries:#?}"))
            .title
            .clone()
    };
    assert_eq!(title("announcements/unfinished"), "草稿 · 草稿公告");
    assert_eq!(
        title("gar/kunsha/qusong/committee-candidates"),
        "草稿 · 曲松村 · 村民委员会候选人公示"
    );
    assert_eq!(
        title("zanda/toling/zhabulang/party-branch-candidates"),
        "定时发布：2021年1月15日 · 扎布让村 · 村党组织候选人公示"
    );
    // Marks and names joined by ` · ` lose their final shad (README,
    // Labels): no `། ·` anywhere in the Tibetan feed.
    let bo = std::fs::read_to_string(preview.join("bo/atom.xml")).unwrap();
    assert!(bo.contains("སྤེལ་རྒྱུ · "), "the scheduled mark: {bo}");
    assert!(!bo.contains("། ·") && !bo.contains("།་"), "{bo}");
}

/// README: "the feeds hold at most the 100 newest".
#[test]
fn a_feed_holds_the_100_newest() {
    let site = example();
    // 60 more villages of two notices each, one day older each.
    let zhaxigang = site.read("content/villages/gegyai/gegyai/zhaxigang.yaml");
    for n in 0..60 {
        site.write(
            &format!("content/villages/gegyai/gegyai/copy{n:02}.yaml"),
            &zhaxigang.replace("扎西岗村", &format!("扎西岗{n}村")),
        );
    }
    let output = site.build_ok(&["--today", "2021-03-01"]);
    let wanted = expected(site.root(), "2021-03-01");
    assert_eq!(wanted.len(), 100);
    let (_, _, entries) = feed(&output.join("zh/atom.xml"));
    let ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
    let wanted: Vec<String> = wanted
        .iter()
        .map(|(_, f)| format!("{BASE}zh/{f}/"))
        .collect();
    assert_eq!(ids, wanted);
}

/// Every page of the output, at its absolute address: `base_url` and its
/// folder, ending in `/`.
fn pages(output: &Path) -> BTreeSet<String> {
    tree(output)
        .into_keys()
        .filter_map(|path| {
            let folder = path.strip_suffix("index.html")?;
            Some(format!("{BASE}{folder}"))
        })
        .collect()
}

/// README, The site: "`/sitemap.xml` lists every page with its
/// alternates".
#[test]
fn the_sitemap_lists_every_page_with_its_alternates() {
    let site = example();
    let output = site.build_ok(&["--today", TODAY]);
    let xml = std::fs::read_to_string(output.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml = "http://www.w3.org/1999/xhtml";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let mut listed = BTreeSet::new();
    for url in doc.root_element().children().filter(|n| n.is_element()) {
        assert!(url.has_tag_name((ns, "url")));
        let loc = url
            .children()
            .find(|n| n.has_tag_name((ns, "loc")))
            .unwrap();
        let loc = loc.text().unwrap().to_owned();
        assert!(loc.starts_with(BASE) && loc.ends_with('/'), "{loc}");
        let links: Vec<(&str, &str)> = url
            .children()
            .filter(|n| n.has_tag_name((xhtml, "link")))
            .map(|l| {
                assert_eq!(l.attribute("rel"), Some("alternate"));
                (
                    l.attribute("hreflang").unwrap(),
                    l.attribute("href").unwrap(),
                )
            })
            .collect();
        // The page in each language, then the landing page.
        let folder = loc.strip_prefix(BASE).unwrap();
        let below = folder.split_once('/').map_or("", |(_, rest)| rest);
        assert_eq!(
            links,
            [
                ("bo", format!("{BASE}bo/{below}").as_str()),
                ("zh-Hans", format!("{BASE}zh/{below}").as_str()),
                ("x-default", BASE),
            ],
            "{loc}"
        );
        assert!(listed.insert(loc.clone()), "{loc} listed twice");
    }
    assert_eq!(listed, pages(&output), "every page, and only pages");
    let scheduled = "zhabulang/party-branch-candidates";
    for absent in ["qusong/committee-candidates", "unfinished", scheduled] {
        assert!(!xml.contains(absent), "{absent}");
    }
}

/// README, The site: every page's head names its language's feed.
#[test]
fn every_page_links_its_languages_feed() {
    let site = example();
    let output = site.build_ok(&["--today", TODAY]);
    let mut checked = 0;
    for (path, bytes) in tree(&output) {
        let Some(folder) = path.strip_suffix("index.html") else {
            continue;
        };
        let html = String::from_utf8(bytes).unwrap();
        let head = &html[..html.find("</head>").unwrap()];
        let langs: &[&str] = match folder.split('/').next() {
            Some("bo") => &["bo"],
            Some("zh") => &["zh"],
            _ => &["bo", "zh"], // the landing page names both
        };
        let links: Vec<&str> = head
            .lines()
            .filter(|l| l.contains("type=\"application/atom+xml\""))
            .collect();
        assert_eq!(links.len(), langs.len(), "{path}: {head}");
        for (link, lang) in links.iter().zip(langs) {
            let href = link
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let depth = folder.matches('/').count();
            assert_eq!(
                href,
                format!("{}{lang}/atom.xml", "../".repeat(depth)),
                "{path}"
            );
        }
        checked += 1;
    }
    assert!(checked > 50, "{checked} pages");
}

/// README, The site: "`/404.html` … for any missing path".
#[test]
fn the_not_found_page_speaks_both_languages_from_any_depth() {
    let site = example();
    let output = site.build_ok(&["--today", TODAY]);
    let html = std::fs::read_to_string(output.join("404.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"bo\">"),
        "{html}"
    );
    for wanted in [
        "<section class=\"language-choice\" lang=\"bo\">",
        "<section class=\"language-choice\" lang=\"zh-Hans\">",
        "<p>页面不存在，可能已被移动或删除。</p>",
        "<p>ཤོག་ངོས་འདི་མི་འདུག ཕར་སྤོས་པའམ་བསུབ་ཟིན་པ་ཡིན་སྲིད།</p>",
        "<meta name=\"robots\" content=\"noindex\">",
    ] {
        assert!(html.contains(wanted), "{wanted} in {html}");
    }
    // Every link starts at base_url's path, and leads to a file.
    let links: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "/ngari/static/style.css",
            "/ngari/bo/index.html",
            "/ngari/zh/index.html"
        ]
    );
    for link in links {
        assert!(
            output.join(link.strip_prefix("/ngari/").unwrap()).is_file(),
            "{link}"
        );
    }
    assert!(!pages(&output).iter().any(|p| p.contains("404")));
}

/// Same input, same day: the same bytes, feeds and sitemap included.
#[test]
fn two_builds_make_the_same_feeds_and_sitemap() {
    let site = example();
    let first = tree(&site.build_ok(&["--today", TODAY]));
    let other = site.root().join("again");
    let built = site.build_into(&other, &["--today", TODAY]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let second = tree(&other);
    for path in ["sitemap.xml", "bo/atom.xml", "zh/atom.xml", "404.html"] {
        assert!(first.contains_key(path), "{path}");
    }
    let differ: Vec<&String> = first
        .keys()
        .chain(second.keys())
        .filter(|p| first.get(*p) != second.get(*p))
        .collect();
    assert!(differ.is_empty(), "{differ:?}");
}

/// The file at `path` as the file system knows it: a file carried over
/// unchanged by a rebuild is a link to the same one, a file made again
/// is another.
#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
}

/// README, Sitemap: a rebuild whose pages are the same does not make the
/// sitemap again, nor a feed whose entries are the same, whatever else
/// changed (here every open period's status, from one day to the next).
#[cfg(unix)]
#[test]
fn a_rebuild_with_the_same_pages_and_entries_keeps_the_sitemap_and_feeds() {
    let site = example();
    // After the last publication of the example (2021-01-20), while
    // periods are still open.
    let output = site.build_ok(&["--today", "2021-01-21"]);
    let kept = ["sitemap.xml", "bo/atom.xml", "zh/atom.xml", "404.html"];
    let before: Vec<u64> = kept.iter().map(|p| inode(&output.join(p))).collect();
    let page = "zh/zanda/toling/zhabulang/committee-candidates/index.html";
    let status = std::fs::read_to_string(output.join(page)).unwrap();
    for day in ["2021-01-21", "2021-01-22", "2021-01-25"] {
        site.build_ok(&["--today", day]);
        let after: Vec<u64> = kept.iter().map(|p| inode(&output.join(p))).collect();
        assert_eq!(after, before, "{day}: {kept:?}");
    }
    let later = std::fs::read_to_string(output.join(page)).unwrap();
    assert_ne!(status, later, "the pages themselves changed");
    // A notice published: the feeds and the sitemap are made again.
    site.edit(
        "content/villages/gar/kunsha/qusong.yaml",
        "    draft: true\n",
        "",
    );
    site.build_ok(&["--today", "2021-01-25"]);
    let after: Vec<u64> = kept.iter().map(|p| inode(&output.join(p))).collect();
    for ((path, after), before) in kept.iter().zip(after).zip(before) {
        if *path == "404.html" {
            assert_eq!(after, before, "{path}");
        } else {
            assert_ne!(after, before, "{path}");
        }
    }
}
