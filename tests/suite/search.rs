//! Search from a USB stick (DESIGN.md, Site): the search page, opened from
//! `file://` in headless Chromium with `?q=…`, finds places and persons,
//! says when nothing matches, and never throws whatever is typed. Also the
//! county folder the search page's address would take.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::support::SiteTest;

/// Opens `url` in headless Chromium and gives the DOM once the page has
/// settled (its index scripts loaded and run), and every line the page
/// wrote to its console (an uncaught error among them).
fn open(url: &str, size: Option<(u32, u32)>, screenshot: Option<&Path>) -> (String, Vec<String>) {
    let profile = tempfile::tempdir().unwrap();
    let (dom, log) = (profile.path().join("dom"), profile.path().join("log"));
    let mut command = crate::support::chromium(profile.path());
    command.args([
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=10000",
    ]);
    if let Some((width, height)) = size {
        command.arg(format!("--window-size={width},{height}"));
    }
    match screenshot {
        Some(png) => command.arg(format!("--screenshot={}", png.display())),
        None => command.arg("--dump-dom"),
    };
    let mut child = command
        .arg(url)
        .stdout(std::fs::File::create(&dom).unwrap())
        .stderr(std::fs::File::create(&log).unwrap())
        .stdin(Stdio::null())
        .spawn()
        .expect("chromium is installed (.ci/run installs it)");
    crate::support::finish_within_time(&mut child, &url);
    let console = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .filter(|line| line.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    (std::fs::read_to_string(&dom).unwrap(), console)
}

/// The example built as of a day of its election: the site (which keeps
/// the folder) and its output folder.
fn example() -> (SiteTest, PathBuf) {
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", "2021-01-12"]);
    (site, output)
}

/// The `file://` address of the search page in `lang`.
fn search_page(output: &Path, lang: &str) -> String {
    format!("file://{}/{lang}/search/index.html", output.display())
}

/// `text` as a query in a URL: every byte but ASCII letters and digits
/// percent-encoded.
fn encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What the page found for `?q=` + `query` (already encoded): the DOM.
fn search(output: &Path, lang: &str, query: &str) -> String {
    let (dom, console) = open(
        &format!("{}?q={query}", search_page(output, lang)),
        None,
        None,
    );
    assert_eq!(console, Vec::<String>::new(), "{lang} {query}: the console");
    assert!(
        dom.contains("data-state=\""),
        "{lang} {query}: the search ran:\n{dom}"
    );
    dom
}

/// The list of results of one section (`search-places`, `search-persons`).
fn section<'d>(dom: &'d str, class: &str) -> &'d str {
    let Some(start) = dom.find(&format!("<ul class=\"listing {class}\">")) else {
        return "";
    };
    let rest = &dom[start..];
    &rest[..rest.find("</ul>").unwrap_or(rest.len())]
}

/// The status line's text.
fn status(dom: &str) -> &str {
    let start = dom
        .find("<p class=\"search-status\"")
        .expect("a status line");
    let text = &dom[start..];
    let text = &text[text.find('>').unwrap() + 1..];
    &text[..text.find("</p>").unwrap()]
}

#[test]
#[ignore = "needs chromium"]
fn the_search_page_finds_places_and_persons_from_a_usb_stick() {
    let (_site, output) = example();

    // A village by a Chinese substring that is not its start (扎布让村).
    let dom = search(&output, "zh", &encoded("布让"));
    let places = section(&dom, "search-places");
    assert!(
        places.contains("<a href=\"../zanda/toling/zhabulang/index.html\">扎布让村</a>"),
        "{dom}"
    );
    assert_eq!(section(&dom, "search-persons"), "", "no person is named so");

    // A village by the first two syllables of its Tibetan name
    // (བཀྲ་ཤིས་སྒང་གྲོང་ཚོ།), on either language's page, shown by the
    // name that found it.
    for (lang, mark) in [("bo", ""), ("zh", " lang=\"bo\"")] {
        let dom = search(&output, lang, &encoded("བཀྲ་ཤིས"));
        assert!(
            section(&dom, "search-places").contains(&format!(
                "<a{mark} href=\"../gegyai/gegyai/zhaxigang/index.html\">བཀྲ་ཤིས་སྒང་གྲོང་ཚོ</a>"
            )),
            "{lang}: {dom}"
        );
    }
    // Syllables inside a name, the last only begun (སེང་གེ་སྡེ་ཁུལ།).
    let dom = search(&output, "bo", &encoded("གེ་སྡེ་ཁུ"));
    assert!(
        section(&dom, "search-places")
            .contains("<a href=\"../gar/shiquanhe/senge/index.html\">སེང་གེ་སྡེ་ཁུལ</a>"),
        "{dom}"
    );

    // A person by the start of the Chinese name and of the Tibetan name,
    // linked to the village and to each notice that names them.
    for (lang, query, name) in [
        ("zh", "次仁顿", "次仁顿珠"),
        ("bo", "ཚེ་རིང་དོན་གྲུབ", "ཚེ་རིང་དོན་གྲུབ"),
        (
            "zh",
            "ཚེ་རིང་དོ",
            "<span class=\"search-name\" lang=\"bo\">ཚེ་རིང་དོན་གྲུབ",
        ),
    ] {
        let dom = search(&output, lang, &encoded(query));
        let persons = section(&dom, "search-persons");
        assert!(persons.contains(name), "{lang} {query}: {dom}");
        for href in [
            "../gar/shiquanhe/senge/index.html",
            "../gar/shiquanhe/senge/party-branch-candidates/index.html",
            "../gar/shiquanhe/senge/party-branch-results/index.html",
        ] {
            assert!(
                persons.contains(&format!("href=\"{href}\"")),
                "{lang} {query}: {href}"
            );
        }
    }
    let dom = search(&output, "zh", &encoded("次仁顿珠"));
    assert!(
        section(&dom, "search-persons").contains(
            "<a href=\"../gar/shiquanhe/senge/party-branch-candidates/index.html\">社区党组织候选人公示</a>"
        ),
        "{dom}"
    );

    // Nothing matches.
    let dom = search(&output, "zh", &encoded("不存在的村"));
    assert_eq!(status(&dom), "没有与“不存在的村”相符的地点或人员。");
    assert!(dom.contains("data-found-places=\"0\" data-found-persons=\"0\" data-state=\"done\""));
    let dom = search(&output, "bo", &encoded("ཀཀཀ"));
    assert_eq!(status(&dom), "“ཀཀཀ”དང་མཐུན་པའི་ས་གནས་དང་མི་སྣ་མ་རྙེད།");
}

/// The names of the places a search found, in the order shown.
fn place_names(dom: &str) -> Vec<&str> {
    section(dom, "search-places")
        .split("<li>")
        .skip(1)
        .map(|item| {
            let link = &item[item.find("<a").unwrap()..];
            let text = &link[link.find('>').unwrap() + 1..];
            &text[..text.find("</a>").unwrap()]
        })
        .collect()
}

#[test]
#[ignore = "needs chromium"]
fn a_lone_begun_letter_loads_one_list_and_finds_every_place_with_a_syllable_so() {
    let (_site, output) = example();
    // ས begins many syllables of the example's names: the build lists
    // their places under it once more, in the order shown, so the query
    // loads that list's one file, not the list of every syllable.
    let dom = search(&output, "bo", &encoded("ས"));
    let loaded: Vec<&str> = dom
        .split("<script src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|src| src.contains("search/bo/") || src.contains("search/zh/"))
        .collect();
    assert_eq!(loaded, ["../../search/bo/b/0f66.0.js"], "{dom}");
    // Counties, townships, villages; in each, those whose first syllable
    // begins with ས first, each in the site's order.
    assert_eq!(
        place_names(&dom),
        [
            "སྒར་རྫོང",
            "སྒེར་རྩེ་རྫོང",
            "སྤུ་ཧྲེང་རྫོང",
            "སེང་གེ་ཁ་འབབ་གྲོང་རྡལ",
            "སྒེར་རྩེ་གྲོང་རྡལ",
            "སྤུ་ཧྲེང་གྲོང་རྡལ",
            "དགུན་ས་ཤང",
            "སེང་གེ་སྡེ་ཁུལ",
            "སྒང་སྟོད་གྲོང་ཚོ",
            "ནོར་བུ་སྒང་གྲོང་ཚོ",
            "བདེ་སྐྱིད་སྡེ་ཁུལ",
            "གཙང་པོ་སྡེ་ཁུལ",
            "བཀྲ་ཤིས་སྒང་གྲོང་ཚོ",
            "ཁྲི་སྡེ་གྲོང་ཚོ",
        ],
        "{dom}"
    );
    assert!(dom.contains("data-found-places=\"14\""), "{dom}");
    // Two letters begin fewer syllables: their own lists, which find the
    // same places as the list of ས does.
    let dom = search(&output, "bo", &encoded("སྒ"));
    assert_eq!(
        place_names(&dom),
        [
            "སྒར་རྫོང",
            "སྒེར་རྩེ་རྫོང",
            "སྒེར་རྩེ་གྲོང་རྡལ",
            "སྒང་སྟོད་གྲོང་ཚོ",
            "ནོར་བུ་སྒང་གྲོང་ཚོ",
            "བཀྲ་ཤིས་སྒང་གྲོང་ཚོ",
        ],
        "{dom}"
    );
    assert!(!dom.contains("search/bo/b/"), "{dom}");
}

/// Runs each of the page's queries in turn through `gongshiSearch.run`
/// (a text with a lone surrogate cannot come through a URL) and reports,
/// on the body's `data-probe`, what the status line said of each: `empty`
/// (the prompt), `no-match` (the no-match text) or what else it said.
const PROBE: &str = r#"<script>
(function () {
  var queries = QUERIES, out = [];
  var box = document.getElementById('search');
  var status = box.querySelector('.search-status');
  var noMatch = box.getAttribute('data-no-match').split('{query}');
  function said() {
    var text = status.textContent;
    if (text === box.getAttribute('data-empty')) { return 'empty'; }
    if (text.lastIndexOf(noMatch[0], 0) === 0 && text.slice(-noMatch[1].length) === noMatch[1]) { return 'no-match'; }
    return 'said ' + text.length + ' characters';
  }
  function next(i) {
    if (i === queries.length) { document.body.setAttribute('data-probe', out.join(' ')); return; }
    window.gongshiSearch.run(queries[i]);
    (function wait() {
      var state = box.getAttribute('data-state');
      if (!state) { setTimeout(wait, 10); return; }
      out.push(i + ':' + state + ':' + said() + ':' + box.querySelector('.search-results').childNodes.length);
      next(i + 1);
    }());
  }
  setTimeout(function () { next(0); }, 0);
}());
</script>"#;

#[test]
#[ignore = "needs chromium"]
fn no_query_makes_the_search_page_throw() {
    let (_site, output) = example();
    let queries = [
        r#""abc""#,
        r#""12345""#,
        r#""😀""#,
        r#""\uD800""#,
        r#""a\uDC00b""#,
        r#""ཀ་扎a1😀".repeat(200)"#,
        r#""""#,
        r#""   ""#,
        r#""་།་ ༌""#,
    ];
    let expected = [
        "no-match", "no-match", "no-match", "no-match", "no-match", "no-match", "empty", "empty",
        "empty",
    ];
    for lang in ["zh", "bo"] {
        let page = output.join(format!("{lang}/search/index.html"));
        let html = std::fs::read_to_string(&page).unwrap();
        let probe = page.with_file_name("probe.html");
        let script = PROBE.replace("QUERIES", &format!("[{}]", queries.join(",")));
        std::fs::write(&probe, html.replace("</body>", &format!("{script}</body>"))).unwrap();
        let (dom, console) = open(&format!("file://{}", probe.display()), None, None);
        assert_eq!(console, Vec::<String>::new(), "{lang}: the console");
        let report = dom
            .split("data-probe=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{lang}: the probe did not finish:\n{dom}"));
        let wanted: Vec<String> = expected
            .iter()
            .enumerate()
            .map(|(i, said)| {
                format!(
                    "{i}:{}:{said}:0",
                    if *said == "empty" { "empty" } else { "done" }
                )
            })
            .collect();
        assert_eq!(report, wanted.join(" "), "{lang}");

        // Through the address: malformed UTF-8 (a surrogate's bytes), a
        // blank query, none at all, and 1,000 characters.
        let long = encoded(&"扎ཀ་".repeat(334)[..]);
        for (query, state) in [
            ("?q=%ED%A0%80", "done"),
            ("?q=%E0%A4%A", "done"),
            ("?q=", "empty"),
            ("?q=+%E0%BC%8B+", "empty"),
            ("", "empty"),
            (&format!("?q={long}")[..], "done"),
        ] {
            let (dom, console) = open(
                &format!("{}{query}", search_page(&output, lang)),
                None,
                None,
            );
            assert_eq!(console, Vec::<String>::new(), "{lang} {query}: the console");
            assert!(
                dom.contains(&format!(
                    "data-found-places=\"0\" data-found-persons=\"0\" data-state=\"{state}\""
                )),
                "{lang} {query}:\n{dom}"
            );
        }
    }
}

/// Without JavaScript a browser shows what `<noscript>` holds (headless
/// Chromium renders nothing with scripts off, so this reads the HTML).
#[test]
fn without_javascript_the_search_page_points_to_the_county_list() {
    let (_site, output) = example();
    let html = std::fs::read_to_string(output.join("zh/search/index.html")).unwrap();
    assert!(html.contains(
        "<noscript><p class=\"search-noscript\">搜索需要浏览器启用 JavaScript。 <a href=\"../index.html#counties\">从各县名单逐级查找</a></p></noscript>"
    ));
    let html = std::fs::read_to_string(output.join("bo/search/index.html")).unwrap();
    assert!(html.contains(
        "<noscript><p class=\"search-noscript\">འཚོལ་ཞིབ་བྱེད་པར་JavaScriptདགོས། <a href=\"../index.html#counties\">རྫོང་སོ་སོའི་ཐོ་ནས་རིམ་བཞིན་འཚོལ</a></p></noscript>"
    ));
    for lang in ["bo", "zh"] {
        let home = std::fs::read_to_string(output.join(format!("{lang}/index.html"))).unwrap();
        assert!(home.contains("<section class=\"areas\" id=\"counties\">"));
    }
}

#[test]
#[ignore = "needs chromium"]
fn every_pages_header_searches_with_a_relative_get_form() {
    let (_site, output) = example();
    for (page, action) in [
        ("zh/index.html", "../zh/search/index.html"),
        (
            "bo/gar/shiquanhe/senge/index.html",
            "../../../../bo/search/index.html",
        ),
        (
            "zh/gar/shiquanhe/senge/party-branch-candidates/index.html",
            "../../../../../zh/search/index.html",
        ),
        ("zh/search/index.html", "../../zh/search/index.html"),
    ] {
        let html = std::fs::read_to_string(output.join(page)).unwrap();
        assert!(
            html.contains(&format!("<form class=\"site-search\" action=\"{action}\" method=\"get\" role=\"search\"><input type=\"search\" name=\"q\"")),
            "{page}"
        );
    }
    // Submitting it from a village page opens the search page with the query.
    let page = output.join("zh/gar/shiquanhe/senge/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let probe = page.with_file_name("submit.html");
    let submit = "<script>document.getElementById('site-search-q').value='扎布让';\
        document.querySelector('form.site-search').submit();</script>";
    std::fs::write(&probe, html.replace("</body>", &format!("{submit}</body>"))).unwrap();
    let (dom, console) = open(&format!("file://{}", probe.display()), None, None);
    assert_eq!(console, Vec::<String>::new());
    assert!(
        section(&dom, "search-places").contains("../zanda/toling/zhabulang/index.html"),
        "{dom}"
    );

    // Screenshots to look at, when GONGSHI_SEARCH_SHOTS names a folder.
    if let Some(shots) = std::env::var_os("GONGSHI_SEARCH_SHOTS") {
        std::fs::create_dir_all(&shots).unwrap();
        for (lang, query) in [("zh", "扎西"), ("bo", "བཀྲ་ཤིས")] {
            for (width, height) in [(360, 1400), (1280, 1100)] {
                let png = Path::new(&shots).join(format!("search-{lang}-{width}.png"));
                let url = format!("{}?q={}", search_page(&output, lang), encoded(query));
                open(&url, Some((width, height)), Some(&png));
            }
        }
    }
}

#[test]
fn a_county_may_not_take_the_search_pages_address() {
    let site = SiteTest::empty();
    site.write(
        "content/villages/search/_index.yaml",
        "name: { bo: \"འཚོལ།\", zh: \"搜索县\" }\n",
    );
    let outcome = site.check(&[]);
    assert_ne!(outcome.code, 0);
    assert!(
        outcome
            .stderr
            .contains("a county may not be named `search`: that address is taken by the site"),
        "{}",
        outcome.stderr
    );
}

/// The example with 250 copies of one community (`s000` … `s249`, named
/// 森格0社区 … 森格249社区 and སེང་གེ་0་སྡེ་ཁུལ …), each naming the same
/// persons: lists of several files.
fn crowded() -> (SiteTest, PathBuf) {
    let site = SiteTest::example();
    let senge = site.read("content/villages/gar/shiquanhe/senge.yaml");
    for i in 0..250 {
        let copy = senge.replacen(
            "name: { bo: \"སེང་གེ་སྡེ་ཁུལ།\", zh: \"森格社区\" }",
            &format!("name: {{ bo: \"སེང་གེ་{i}་སྡེ་ཁུལ།\", zh: \"森格{i}社区\" }}"),
            1,
        );
        assert_ne!(copy, senge);
        site.write(
            &format!("content/villages/gar/shiquanhe/s{i:03}.yaml"),
            &copy,
        );
    }
    let output = site.build_ok(&["--today", "2021-01-12"]);
    (site, output)
}

/// The index files the page loaded, as their paths under `search/`.
fn loaded(dom: &str) -> Vec<&str> {
    dom.split("/search/")
        .skip(1)
        .filter_map(|rest| rest.split_once(".js\"").map(|(path, _)| path))
        .filter(|path| !path.contains('<'))
        .collect()
}

#[test]
#[ignore = "needs chromium"]
fn a_query_loads_only_the_files_it_shows_and_counts_the_rest() {
    let (_site, output) = crowded();
    let more = |dom: &str| {
        let start = dom.find("<p class=\"search-more\">").map(|at| at + 23)?;
        Some(dom[start..start + dom[start..].find("</p>")?].to_owned())
    };

    // One character: the first file of its list, the count from the
    // manifest; counties, townships, villages, each starting with it
    // first, in the site's order.
    let dom = search(&output, "zh", &encoded("森"));
    assert_eq!(loaded(&dom), ["zh", "bo", "zh/p/68ee.0"], "{dom}");
    assert!(dom.contains("data-found-places=\"251\""), "{dom}");
    assert_eq!(
        more(&dom).as_deref(),
        Some("另有201条结果未列出，请输入更完整的名称。")
    );
    let places = section(&dom, "search-places");
    assert_eq!(places.matches("<li>").count(), 50);
    let first = places.find("森格0社区").unwrap();
    assert!(first < places.find("森格1社区").unwrap());
    assert!(places.find("森格10社区").unwrap() < places.find("森格11社区").unwrap());

    // Two characters: the first file of the list of the pair.
    let dom = search(&output, "zh", &encoded("格1"));
    assert_eq!(
        loaded(&dom),
        ["zh", "bo", "zh/q/683c", "zh/p/683c-0031.0", "zh/n/683c.0"]
    );
    assert!(
        dom.contains("data-found-places=\"111\""),
        "1, 10-19, 100-199: {dom}"
    );
    assert_eq!(
        more(&dom).as_deref(),
        Some("另有61条结果未列出，请输入更完整的名称。")
    );

    // A person named in every copy: the files the names start and end
    // in, not those between.
    for (lang, query, found) in [
        ("zh", "次仁旺姆", 251),
        ("zh", "次仁", 507),
        ("bo", "ཚེ་རིང་དབང", 251),
        ("bo", "ཚེ་རིང་དབང་མོ་", 251),
    ] {
        let dom = search(&output, lang, &encoded(query));
        assert!(
            dom.contains(&format!("data-found-persons=\"{found}\"")),
            "{lang} {query}: {dom}"
        );
        let persons = section(&dom, "search-persons");
        assert_eq!(persons.matches("<li>").count(), 50, "{lang} {query}");
        let files = loaded(&dom);
        let list = files.iter().filter(|f| f.contains("/n/")).count();
        assert!(
            list <= 4,
            "{lang} {query}: the index and 3 files: {files:?}"
        );
    }
    // A name before all others of its list, and one after.
    let dom = search(&output, "zh", &encoded("次"));
    assert!(dom.contains("data-found-persons=\"510\""), "{dom}");
    // More: the whole list of the rarest pair, matched anywhere.
    let dom = search(&output, "zh", &encoded("格10社"));
    assert_eq!(
        loaded(&dom),
        [
            "zh",
            "bo",
            "zh/q/683c",
            "zh/q/0031",
            "zh/q/0030",
            "zh/p/0031-0030.0",
            "zh/n/683c.0"
        ],
        "10 is the rarest pair (10, 100-110, 210; 0社 is in 25 names, 格1 in 111)"
    );
    assert!(dom.contains("data-found-places=\"1\""), "{dom}");
    let dom = search(&output, "bo", &encoded("གེ་1"));
    assert_eq!(
        loaded(&dom),
        ["zh", "bo", "bo/q/0f42-0f7a", "bo/b/0031.0"],
        "the begun syllable's own list of the places with 1, 10, 100 … (one file of 111), \
         rather than the two files of གེ or the pairs of གེ and 1, 10, 100 … (111 files)"
    );
    assert!(dom.contains("data-found-places=\"111\""), "{dom}");
    let dom = search(&output, "zh", &encoded("次仁顿珠珠"));
    assert!(dom.contains("data-found-persons=\"0\""), "{dom}");
    assert_eq!(status(&dom), "没有与“次仁顿珠珠”相符的地点或人员。",);
}
