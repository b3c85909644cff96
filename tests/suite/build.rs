//! `gongshi build`: every page of the contract, the data attributes, escaping,
//! atomic output and byte-identical builds.

use std::path::Path;

use crate::support::{run, tree, Outcome, SiteTest};

#[test]
fn every_page_of_the_contract_exists_in_both_languages() {
    let site = SiteTest::example();
    let (Outcome { code, stderr, .. }, output) = site.build(&["--today", "2021-02-01"]);
    assert_eq!(code, 0, "{stderr}");
    let files = tree(&output);
    let checked = gongshi::pipeline::check(site.root(), None).unwrap();
    let mut expected = vec![
        "index.html".to_owned(),
        "data/candidates.csv".into(),
        "data/results.csv".into(),
    ];
    for lang in ["bo", "zh"] {
        expected.push(format!("{lang}/index.html"));
        expected.push(format!("{lang}/announcements/index.html"));
        for a in &checked.corpus.announcements {
            expected.push(format!("{lang}/announcements/{}/index.html", a.slug));
        }
        for county in &checked.corpus.counties {
            expected.push(format!("{lang}/{}/index.html", county.slug));
            for township in &county.townships {
                expected.push(format!(
                    "{lang}/{}/{}/index.html",
                    county.slug, township.slug
                ));
                for file in &township.villages {
                    let village = gongshi::content::read_village(file)
                        .village
                        .expect("the example's villages load");
                    let v = format!("{}/{}/{}", county.slug, township.slug, village.slug);
                    expected.push(format!("{lang}/{v}/index.html"));
                    expected.push(format!("data/{v}.json"));
                    for notice in &village.notices {
                        expected.push(format!("{lang}/{v}/{}/index.html", notice.slug));
                    }
                }
            }
        }
    }
    let missing: Vec<&String> = expected
        .iter()
        .filter(|p| !files.contains_key(*p))
        .collect();
    assert!(missing.is_empty(), "missing pages: {missing:?}");
    assert!(files.contains_key("static/style.css"));
    assert!(files.contains_key("static/fonts/NotoSerifTibetan-Regular.woff2"));
    assert!(files.contains_key(".gongshi-output"));
    // Every page links to its counterpart in the other language.
    for (path, bytes) in files
        .iter()
        // The landing and "not found" pages speak both languages.
        .filter(|(p, _)| p.ends_with(".html") && !matches!(p.as_str(), "index.html" | "404.html"))
    {
        let html = String::from_utf8_lossy(bytes);
        let (lang, rest) = path.split_once('/').unwrap();
        let other = if lang == "bo" { "zh" } else { "bo" };
        let depth = rest.matches('/').count() + 1;
        let link = format!("href=\"{}{other}/{rest}\"", "../".repeat(depth));
        assert!(
            html.contains(&link),
            "{path} links to its {other} page with {link}"
        );
        let html_lang = if lang == "bo" {
            "lang=\"bo\""
        } else {
            "lang=\"zh-Hans\""
        };
        assert!(
            html.contains(&format!("<html {html_lang}>")),
            "{path} declares its language"
        );
        assert!(
            !html.contains("http://") || html.contains("https://example.org/"),
            "{path}: no other host"
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let site = SiteTest::example();
    let (a, b) = (site.root().join("a"), site.root().join("b"));
    assert_eq!(site.build_into(&a, &["--today", "2021-01-12"]).code, 0);
    assert_eq!(site.build_into(&b, &["--today", "2021-01-12"]).code, 0);
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
}

/// A shad ends an office's name where it stands alone; inserted into a
/// sentence it gives way, so no page reads `།་` (a tsheg after a shad).
#[test]
fn no_page_has_a_tsheg_after_a_shad() {
    let example_site = SiteTest::example();
    let example = example_site.build_ok(&["--today", "2021-01-12"]);
    let site = SiteTest::empty();
    // Office names that end in a shad, the one after ང with its tsheg.
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", CANDIDATES);
    site.write(
        "content/villages/gar/shiquanhe/deqing.yaml",
        &CANDIDATES
            .replace("སྒར་རྫོང་།", "སྒར་རྫོང་གྲོང་ཁང་།")
            .replace("扎西岗村", "德庆村"),
    );
    let generated = site.build_ok(&["--today", "2021-01-12"]);
    for (root, files) in [(&example, tree(&example)), (&generated, tree(&generated))] {
        let mut tibetan = 0;
        for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
            let page = String::from_utf8_lossy(bytes);
            tibetan += usize::from(page.contains('\u{0F0B}'));
            assert!(
                !page.contains("།་"),
                "{}/{path} has a tsheg after a shad",
                root.display()
            );
            // Where the theme joins a name with more (a `·` label, the
            // browser's title, a breadcrumb), its final shad gives way too.
            for joined in ["། ·", "།</a> ·"] {
                assert!(
                    !page.contains(joined),
                    "{}/{path} has {joined:?}",
                    root.display()
                );
            }
            if let Some(start) = page.find("<nav class=\"breadcrumbs\"") {
                let crumbs = &page[start..start + page[start..].find("</nav>").unwrap()];
                assert!(
                    !crumbs.contains("།</a>"),
                    "{}/{path}: a breadcrumb ends in a shad: {crumbs}",
                    root.display()
                );
            }
        }
        assert!(tibetan > 5, "the build has Tibetan pages");
    }
}

/// A village's bodies are 村党组织 / 村民委员会, a community's 社区党组织 /
/// 居民委员会; the combined 村（居）forms are for pages about many villages.
/// Tibetan titles read body, genitive, type.
#[test]
fn each_village_and_community_is_named_by_its_kind() {
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", "2021-01-12"]);
    let heading = |page: &str| {
        let html = std::fs::read_to_string(output.join(page)).unwrap();
        let start = html.find("<h1>").unwrap() + 4;
        html[start..start + html[start..].find("</h1>").unwrap()].to_owned()
    };
    for (page, expected) in [
        // senge is a community, kejia a village (content/villages/…).
        (
            "zh/gar/shiquanhe/senge/party-branch-candidates/index.html",
            "社区党组织候选人公示",
        ),
        (
            "zh/gar/shiquanhe/senge/committee-candidates/index.html",
            "居民委员会候选人公示",
        ),
        (
            "zh/gar/shiquanhe/senge/party-branch-results/index.html",
            "社区党组织选举结果公示",
        ),
        (
            "zh/purang/purang/kejia/committee-candidates/index.html",
            "村民委员会候选人公示",
        ),
        (
            "zh/purang/purang/kejia/party-branch-candidates/index.html",
            "村党组织候选人公示",
        ),
        (
            "bo/gar/shiquanhe/senge/party-branch-candidates/index.html",
            "སྡེ་ཁུལ་གྱི་ཏང་རྩ་འཛུགས་ཀྱི་འོས་མིའི་ཁྱབ་བསྒྲགས",
        ),
        (
            "bo/gar/shiquanhe/senge/committee-candidates/index.html",
            "སྡོད་དམངས་ཨུ་ཡོན་ལྷན་ཁང་གི་འོས་མིའི་ཁྱབ་བསྒྲགས",
        ),
        (
            "bo/purang/purang/kejia/committee-candidates/index.html",
            "གྲོང་མི་ཨུ་ཡོན་ལྷན་ཁང་གི་འོས་མིའི་ཁྱབ་བསྒྲགས",
        ),
        (
            "bo/purang/purang/kejia/party-branch-candidates/index.html",
            "གྲོང་ཚོའི་ཏང་རྩ་འཛུགས་ཀྱི་འོས་མིའི་ཁྱབ་བསྒྲགས",
        ),
    ] {
        assert_eq!(heading(page), expected, "{page}");
    }
    // No page about one village or community uses the combined forms or
    // the other kind's words in what the theme writes (the site's own
    // title, in the header, is content).
    let files = tree(&output);
    let mut checked = 0;
    for (path, bytes) in &files {
        let parts: Vec<&str> = path.split('/').collect();
        // A village's page and its notices' (a township's print page is
        // about many villages).
        if !(path.starts_with("zh/") && parts.len() >= 5 && path.ends_with(".html"))
            || parts[3] == "print"
        {
            continue;
        }
        let yaml = std::fs::read_to_string(site.root().join(format!(
            "content/villages/{}/{}/{}.yaml",
            parts[1], parts[2], parts[3]
        )))
        .unwrap();
        let community = yaml.lines().any(|l| l.trim() == "kind: community");
        let page = String::from_utf8_lossy(bytes);
        // Up to the announcements, whose titles are content.
        let end = page
            .find("<section class=\"announcements\">")
            .or_else(|| page.find("</main>"))
            .unwrap();
        let main = &page[page.find("<main>").unwrap()..end];
        let wrong: &[&str] = if community {
            &["村（居）", "村（社区）", "村民委员会", "村党组织", "本村"]
        } else {
            &[
                "村（居）",
                "村（社区）",
                "居民委员会",
                "社区党组织",
                "本社区",
            ]
        };
        for w in wrong {
            assert!(!main.contains(w), "{path} says {w}");
        }
        checked += 1;
    }
    assert!(
        checked > 20,
        "village and notice pages were checked ({checked})"
    );
}

const CANDIDATES: &str = r#"name: { bo: "བཀྲ་ཤིས་སྒང་།", zh: "扎西岗村 <b>&</b>" }
kind: village
contact: { phone: "0897-2821234", office: { bo: "སྒར་རྫོང་།", zh: "狮泉河镇党委" } }
notices:
  - slug: committee-candidates
    type: candidates
    body: committee
    published: 2021-01-08
    period: { start: 2021-01-09, working_days: 5 }
    seats: { chair: 1 }
    candidates:
      - name: { bo: "སྒྲོལ་མ།", zh: "卓玛<script>alert(1)</script>" }
        gender: female
        born: 1990-03-12
        ethnicity: tibetan
        education: junior_high
        party: member
        post: chair
    note:
      bo: "ཡི་གེ <img src=x onerror=alert(1)>"
      zh: "如有异议 <script>alert(2)</script>"
"#;

fn notice_page(site: &SiteTest, today: &str) -> String {
    let (Outcome { code, stderr, .. }, output) = site.build(&["--today", today]);
    assert_eq!(code, 0, "{stderr}");
    std::fs::read_to_string(
        output.join("zh/gar/shiquanhe/zhaxigang/committee-candidates/index.html"),
    )
    .unwrap()
}

#[test]
fn the_notice_page_carries_status_and_period_for_machines() {
    let site = SiteTest::empty();
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", CANDIDATES);
    // 2021-01-09 is a Saturday: five working days run Mon 11 to Fri 15.
    for (today, status) in [
        ("2021-01-08", "upcoming"),
        ("2021-01-09", "open"),
        ("2021-01-15", "open"),
        ("2021-01-16", "closed"),
    ] {
        let html = notice_page(&site, today);
        let root = format!(
            "<article class=\"notice\" data-status=\"{status}\" data-period-start=\"2021-01-09\" data-period-end=\"2021-01-15\">"
        );
        assert!(html.contains(&root), "{today}: {root}\n{html}");
        assert_eq!(
            html.matches("data-status=").count(),
            1,
            "only the root element carries data-status"
        );
        // Open or upcoming: as of the build's day; closed: the day it closed,
        // so the page no longer changes from day to day.
        let as_of = format!("<time datetime=\"{today}\">");
        if status == "closed" {
            assert!(!html.contains(&as_of), "{today}: no as-of date once closed");
            assert!(
                html.contains("公示期已于<time datetime=\"2021-01-15\">2021年1月15日</time>结束"),
                "{today}: the day it closed\n{html}"
            );
        } else {
            assert!(html.contains(&as_of), "{today}: the as-of date is shown");
        }
    }
    assert_eq!(
        notice_page(&site, "2021-01-16"),
        notice_page(&site, "2021-03-01"),
        "a closed notice's page is the same on any later day"
    );
    let html = notice_page(&site, "2021-01-13");
    assert!(html.contains("公示中，剩余3个工作日"), "{html}");
    assert!(html.contains("<time datetime=\"2021-01-09\">2021年1月9日至</time><time datetime=\"2021-01-15\">1月15日</time>"), "{html}");
    assert!(
        html.contains("<time datetime=\"1990-03\">1990年3月</time>"),
        "birth shows year and month only"
    );
    assert!(
        !html.contains("1990-03-12") && !html.contains("12日</time>"),
        "never the day of birth"
    );
}

#[test]
fn names_and_markdown_are_escaped() {
    let site = SiteTest::empty();
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", CANDIDATES);
    let html = notice_page(&site, "2021-01-13");
    assert!(
        html.contains("卓玛&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("扎西岗村 &lt;b&gt;&amp;&lt;/b&gt;"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        !html.contains("<script"),
        "no script element reaches the page"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_intact() {
    let site = SiteTest::empty();
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", CANDIDATES);
    let (Outcome { code, .. }, output) = site.build(&["--today", "2021-01-13"]);
    assert_eq!(code, 0);
    let before = tree(&output);
    // 1. A content error.
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        &CANDIDATES.replace("gender: female", "gender: femal"),
    );
    let Outcome { code, stderr, .. } = site.build_into(&output, &["--today", "2021-01-14"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("is unchanged"), "{stderr}");
    assert!(
        tree(&output) == before,
        "output unchanged after a content error"
    );
    // 2. A template that fails half-way through rendering.
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", CANDIDATES);
    site.write(
        "themes/default/templates/notice.html",
        "{{ no_such_variable.field }}",
    );
    let Outcome { code, stderr, .. } = site.build_into(&output, &["--today", "2021-01-14"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("notice.html"),
        "the error names the template: {stderr}"
    );
    assert!(
        tree(&output) == before,
        "output unchanged after a template error"
    );
    // 3. A file left where the new site is staged (a killed build's, by
    // its name) is cleaned up, and the build goes on.
    std::fs::remove_file(site.root().join("themes/default/templates/notice.html")).unwrap();
    std::fs::write(site.root().join(".public.gongshi-new"), "in the way").unwrap();
    assert_eq!(site.build_into(&output, &["--today", "2021-01-14"]).code, 0);
    assert!(tree(&output) != before, "a good build replaces it");
    assert!(
        tree(&site.root().join(".public.gongshi-new")) == before,
        "the file in the way is gone, and the output replaced is kept as the next build's spare"
    );
}

#[test]
fn the_output_folder_is_guarded() {
    let site = SiteTest::empty();
    std::fs::create_dir_all(site.root().join("docs")).unwrap();
    std::fs::write(site.root().join("docs/letter.txt"), "keep me").unwrap();
    let Outcome { code, stderr, .. } = site.build_into(&site.root().join("docs"), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not written by gongshi"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(site.root().join("docs/letter.txt")).unwrap(),
        "keep me"
    );
    let Outcome { code, stderr, .. } = site.build_into(&site.root().join("content"), &[]);
    assert_eq!(code, 2, "{stderr}");
    let Outcome { code, stderr, .. } =
        run(&["build", "--root", site.root().to_str().unwrap(), "--drafts"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--drafts build is a preview"), "{stderr}");
}

#[test]
fn drafts_and_scheduled_items_wait_unless_previewed() {
    let site = SiteTest::empty();
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        &CANDIDATES.replace("    note:", "    draft: true\n    note:"),
    );
    let (Outcome { code, .. }, output) = site.build(&["--today", "2021-01-13"]);
    assert_eq!(code, 0);
    assert!(!output
        .join("zh/gar/shiquanhe/zhaxigang/committee-candidates/index.html")
        .exists());
    let preview = site.root().join("preview");
    assert_eq!(
        site.build_into(&preview, &["--today", "2021-01-07", "--drafts"])
            .code,
        0
    );
    let html = std::fs::read_to_string(
        preview.join("zh/gar/shiquanhe/zhaxigang/committee-candidates/index.html"),
    )
    .unwrap();
    assert!(
        html.contains("data-draft=\"true\" data-scheduled=\"true\""),
        "{html}"
    );
    assert!(
        html.contains("class=\"preview-band\""),
        "previews carry the band"
    );
    let public = std::fs::read_to_string(output.join("zh/index.html")).unwrap();
    assert!(!public.contains("preview-band"), "published pages never do");
}

#[test]
fn csv_files_open_in_spreadsheets_safely() {
    let site = SiteTest::empty();
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        &CANDIDATES.replace("卓玛<script>alert(1)</script>", "=卓玛"),
    );
    let (Outcome { code, .. }, output) = site.build(&["--today", "2021-01-13"]);
    assert_eq!(code, 0);
    let csv = std::fs::read_to_string(output.join("data/candidates.csv")).unwrap();
    assert!(
        csv.starts_with("\u{feff}county,township,village,notice,"),
        "{csv}"
    );
    assert!(csv.contains(",'=卓玛,"), "{csv}");
    let json = std::fs::read_to_string(output.join("data/gar/shiquanhe/zhaxigang.json")).unwrap();
    assert!(json.contains("\"period_end\": \"2021-01-15\""), "{json}");
    assert!(json.contains("\"status\": \"open\""), "{json}");
    assert!(json.contains("\"working_days_left\": 3"), "{json}");
    assert!(json.contains("\"born\": \"1990-03\""), "{json}");
}

/// The `<main>` element of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main>").expect("a <main> element");
    let end = html.find("</main>").expect("a closed <main>") + "</main>".len();
    &html[start..end]
}

#[test]
fn notice_pages_read_as_pinned_in_both_languages() {
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", "2021-01-08"]);
    let pages = crate::support::fixture("pages");
    let later = site.root().join("later");
    assert_eq!(site.build_into(&later, &["--today", "2021-01-25"]).code, 0);
    for (site, lang, notice) in [
        (&output, "zh", "party-branch-candidates"),
        (&output, "bo", "party-branch-candidates"),
        (&later, "zh", "party-branch-results"),
        (&later, "bo", "party-branch-results"),
    ] {
        let html = std::fs::read_to_string(
            site.join(format!("{lang}/purang/purang/kejia/{notice}/index.html")),
        )
        .unwrap();
        crate::support::assert_matches_file(
            &format!("{}\n", main_of(&html)),
            &pages.join(format!("kejia-{notice}.{lang}.html")),
        );
    }
}

#[test]
fn every_page_but_the_stats_stays_under_30_kb() {
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", "2021-01-25"]);
    let files = tree(&output);
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        // The stats pages hold the region's tables and charts: the README says why they may be larger.
        // A township's print page holds one notice per sheet: the limit of a notice page each.
        let limit = if path.ends_with("/stats/index.html") {
            64
        } else if path.ends_with("/print/index.html") {
            30 * String::from_utf8_lossy(bytes)
                .matches("class=\"print-sheet\"")
                .count()
                .max(1)
        } else {
            30
        };
        assert!(
            bytes.len() < limit * 1024,
            "{path} is {} bytes",
            bytes.len()
        );
    }
}

/// On Linux, where the swap is one exchange (elsewhere the two-step swap
/// has its moment without an output).
#[cfg(target_os = "linux")]
#[test]
fn the_output_folder_never_goes_missing_while_builds_replace_it() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let site = SiteTest::empty();
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", CANDIDATES);
    let (Outcome { code, .. }, output) = site.build(&["--today", "2021-01-08"]);
    assert_eq!(code, 0);
    let done = AtomicBool::new(false);
    let days = ["2021-01-08", "2021-01-11", "2021-01-13", "2021-01-16"];
    let (seen, missing) = std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            let (mut seen, mut missing) = (0u64, 0u64);
            while !done.load(Ordering::Relaxed) {
                seen += 1;
                if !output.is_dir() || !output.join("index.html").is_file() {
                    missing += 1;
                }
            }
            (seen, missing)
        });
        // Each day changes the pages, so every build is a real swap.
        for today in days.iter().cycle().take(12) {
            let Outcome { code, stderr, .. } = site.build_into(&output, &["--today", today]);
            assert_eq!(code, 0, "{stderr}");
        }
        done.store(true, Ordering::Relaxed);
        watcher.join().unwrap()
    });
    assert!(seen > 0);
    assert_eq!(
        missing, 0,
        "the output was missing {missing} of {seen} looks"
    );
    let page = std::fs::read_to_string(
        output.join("zh/gar/shiquanhe/zhaxigang/committee-candidates/index.html"),
    )
    .unwrap();
    assert!(page.contains("data-status=\"closed\""), "the last build's");
}

/// `gongshi` as an ordinary user would run it: a root process gives up the
/// capabilities that pass over permission bits (from its bounding set,
/// before the binary starts), so a read-only folder stops it as it would
/// anyone; another user has none of them to give up.
#[cfg(target_os = "linux")]
fn unprivileged(program: &str, args: &[&str]) -> (i32, String) {
    use std::os::unix::process::CommandExt;
    const CAP_DAC_OVERRIDE: libc::c_ulong = 1;
    const CAP_DAC_READ_SEARCH: libc::c_ulong = 2;
    let mut command = std::process::Command::new(program);
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(args);
    // SAFETY: prctl is async-signal-safe and touches only the child.
    unsafe {
        command.pre_exec(|| {
            for cap in [CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH] {
                // Fails (EPERM) where the capability was never held.
                libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0);
            }
            Ok(())
        });
    }
    let output = command.output().expect("runs");
    let code = output.status.code().expect("exited normally");
    (code, String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Makes `path` and everything under it read-only; `closed` folders also
/// unreadable.
#[cfg(target_os = "linux")]
fn read_only_tree(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode =
        |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    std::fs::create_dir_all(path.join("zh/gar/closed/inner")).unwrap();
    std::fs::write(path.join("zh/gar/index.html"), "old").unwrap();
    mode(&path.join("zh/gar/index.html"), 0o444);
    mode(&path.join("zh/gar/closed/inner"), 0o555);
    mode(&path.join("zh/gar/closed"), 0o000);
    for folder in ["zh/gar", "zh", ""] {
        mode(&path.join(folder), 0o555);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn read_only_leftovers_of_a_killed_build_are_cleaned_up_or_named() {
    use std::os::unix::fs::PermissionsExt;
    let site = SiteTest::empty();
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", CANDIDATES);
    let output = site.root().join("public");
    let root = site.root().to_str().unwrap();
    let out = output.to_str().unwrap();
    let gongshi = env!("CARGO_BIN_EXE_gongshi");
    let args = |today: &'static str| ["build", "--root", root, "--output", out, "--today", today];
    assert_eq!(unprivileged(gongshi, &args("2021-01-08")).0, 0);
    let before = tree(&output);
    // The premise: without gongshi's own care, such a tree does not go.
    let premise = site.root().join("premise");
    read_only_tree(&premise);
    let rm = format!("rm -rf '{}'", premise.display());
    let (code, _) = unprivileged("sh", &["-c", &rm]);
    assert_ne!(code, 0, "permission bits must bind the test's builds");
    assert!(premise.join("zh/gar/index.html").exists());
    // Both leftovers, read-only, one folder not even readable.
    let (old, new) = (
        site.root().join(".public.gongshi-old"),
        site.root().join(".public.gongshi-new"),
    );
    read_only_tree(&old);
    read_only_tree(&new);
    let (code, stderr) = unprivileged(gongshi, &args("2021-01-16"));
    assert_eq!(code, 0, "{stderr}");
    assert!(!old.exists(), "the leftover is gone");
    assert!(
        tree(&new) == before,
        "the other leftover is gone too: the output replaced is the spare now"
    );
    assert!(tree(&output) != before, "the new site is in place");
    // A leftover that cannot go (the folder around it is read-only) is
    // named, with what to do, and the output is left as it was.
    let before = tree(&output);
    std::fs::remove_dir_all(&new).unwrap();
    std::fs::create_dir(&new).unwrap();
    let mode =
        |m: u32| std::fs::set_permissions(site.root(), std::fs::Permissions::from_mode(m)).unwrap();
    mode(0o555);
    let (code, stderr) = unprivileged(gongshi, &args("2021-01-08"));
    mode(0o755);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains(&new.display().to_string()), "{stderr}");
    assert!(stderr.contains("delete it yourself"), "{stderr}");
    assert!(tree(&output) == before, "the output is untouched");
    // Once the folder around it is writable again, the next build cleans up.
    assert_eq!(unprivileged(gongshi, &args("2021-01-08")).0, 0);
    assert!(
        tree(&new) == before,
        "the empty leftover is gone: the output replaced is the spare"
    );
    // Let the temporary folder go, whoever runs the test.
    let chmod = std::process::Command::new("chmod")
        .args(["-R", "u+rwx"])
        .arg(&premise)
        .status()
        .unwrap();
    assert!(chmod.success());
}

#[cfg(unix)]
#[test]
fn a_linked_content_or_themes_folder_is_guarded_where_it_leads() {
    use std::os::unix::fs::symlink;
    let site = SiteTest::empty();
    site.write("content/villages/gar/shiquanhe/zhaxigang.yaml", CANDIDATES);
    std::fs::create_dir_all(site.root().join("themes/default")).unwrap();
    // content/ and themes/ live elsewhere; the root holds links to them.
    let elsewhere = tempfile::tempdir().unwrap();
    for folder in ["content", "themes"] {
        let real = elsewhere.path().join(folder);
        std::fs::rename(site.root().join(folder), &real).unwrap();
        symlink(&real, site.root().join(folder)).unwrap();
    }
    let before = tree(elsewhere.path());
    for (output, why) in [
        (elsewhere.path().join("content/public"), "inside content/"),
        (elsewhere.path().join("content/villages"), "inside content/"),
        (elsewhere.path().join("themes/site"), "inside themes/"),
        (elsewhere.path().to_path_buf(), "holds content/"),
        (site.root().join("new/../content/public"), "inside content/"),
    ] {
        let Outcome { code, stderr, .. } = site.build_into(&output, &["--today", "2021-01-13"]);
        assert_eq!(code, 2, "{}: {stderr}", output.display());
        assert!(stderr.contains(why), "{}: {stderr}", output.display());
    }
    assert!(
        tree(elsewhere.path()) == before,
        "nothing written in the real folders"
    );
    // Linked folders are fine for a build into its own folder.
    let (Outcome { code, stderr, .. }, _) = site.build(&["--today", "2021-01-13"]);
    assert_eq!(code, 0, "{stderr}");
}

/// README, The site: every page "declares `hreflang` alternates", and
/// `base_url` is used for them, each `base_url` followed by the page's folder
/// path; `x-default` is the landing page (the contract, Pages).
#[test]
fn every_page_declares_its_hreflang_alternates_at_base_url() {
    let site = SiteTest::example();
    // Another base_url than the example's, so nothing passes by chance.
    site.edit(
        "content/site.yaml",
        "base_url: \"https://example.org/\"",
        "base_url: \"https://gongshi.example.net/ngari/\"",
    );
    let base = "https://gongshi.example.net/ngari/";
    let output = site.build_ok(&["--today", "2021-01-25"]);
    let alternate = |hreflang: &str, href: &str| {
        format!("<link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{href}\">")
    };
    let mut pages = 0;
    // The "not found" page is sent for any address: it has none of its own.
    let html_pages = tree(&output)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") && p != "404.html");
    for (path, bytes) in html_pages {
        let html = String::from_utf8_lossy(&bytes);
        let head = &html[..html.find("</head>").expect("a head")];
        // Language alternates only (the feed's link is an alternate too).
        let declared = head.matches("rel=\"alternate\" hreflang=").count();
        if path == "index.html" {
            // The landing page is the home pages' x-default: theirs.
            assert!(
                head.contains(&alternate("bo", &format!("{base}bo/"))),
                "{head}"
            );
            assert!(
                head.contains(&alternate("zh-Hans", &format!("{base}zh/"))),
                "{head}"
            );
            assert!(head.contains(&alternate("x-default", base)), "{head}");
            assert_eq!(declared, 3, "{path}: {head}");
            continue;
        }
        let (_, rest) = path.split_once('/').unwrap();
        let folder = rest
            .strip_suffix("index.html")
            .expect("pages are index.html");
        for (hreflang, lang) in [("bo", "bo"), ("zh-Hans", "zh")] {
            let wanted = alternate(hreflang, &format!("{base}{lang}/{folder}"));
            assert!(head.contains(&wanted), "{path} lacks {wanted}:\n{head}");
        }
        let wanted = alternate("x-default", base);
        assert!(head.contains(&wanted), "{path} lacks {wanted}:\n{head}");
        assert_eq!(declared, 3, "{path}: {head}");
        pages += 1;
    }
    assert!(pages > 50, "the example's pages were checked ({pages})");
}

/// The Tibetan digits, ༠ to ༩.
fn tibetan_digits(text: &str) -> usize {
    text.chars()
        .filter(|c| ('\u{0F20}'..='\u{0F29}').contains(c))
        .count()
}

/// README, The theme: "`digits: tibetan` writes dates, counts and votes on
/// Tibetan pages in Tibetan digits (never phone numbers, attributes or open
/// data)".
#[test]
fn tibetan_digits_are_for_what_people_read_on_tibetan_pages() {
    let site = SiteTest::empty();
    site.edit(
        "content/site.yaml",
        "languages: [bo, zh]\n",
        "languages: [bo, zh]\ndigits: tibetan\n",
    );
    site.write(
        "content/villages/gar/shiquanhe/zhaxigang.yaml",
        &format!(
            "{CANDIDATES}{}",
            r#"  - slug: committee-results
    type: results
    body: committee
    published: 2021-01-25
    election_day: 2021-01-24
    turnout: { electorate: 1523, cast: 1498, valid: 1467 }
    results:
      - name: { bo: "སྒྲོལ་མ།", zh: "卓玛" }
        gender: female
        born: 1990-03-12
        ethnicity: tibetan
        education: junior_high
        party: member
        post: chair
        votes: 1234
        elected: true
"#
        ),
    );
    let check = site.check(&["--deny-warnings"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let output = site.build_ok(&["--today", "2021-01-25"]);
    let page = |rel: &str| std::fs::read_to_string(output.join(rel)).unwrap();
    let candidates = page("bo/gar/shiquanhe/zhaxigang/committee-candidates/index.html");
    let results = page("bo/gar/shiquanhe/zhaxigang/committee-results/index.html");
    // Dates: ༢༠༢༡ for 2021, the period's first day ༩ (9 January).
    assert!(
        candidates.contains("༢༠༢༡"),
        "a year in Tibetan digits:\n{candidates}"
    );
    assert!(
        candidates.contains("0897-2821234"),
        "the phone number as written:\n{candidates}"
    );
    // Counts and votes.
    for number in ["༡༥༢༣", "༡༤༩༨", "༡༤༦༧", "༡༢༣༤"] {
        assert!(
            results.contains(number),
            "{number} on the results page:\n{results}"
        );
    }
    for (name, html) in [("candidates", &candidates), ("results", &results)] {
        // Never in the phone number, shown or dialled.
        assert!(
            !html.contains("༠༨༩༧"),
            "{name}: a phone number in Tibetan digits"
        );
        // Never in an attribute: every `datetime`, `href`, `data-…` is ASCII.
        for attribute in html.split('"').skip(1).step_by(2) {
            assert_eq!(
                tibetan_digits(attribute),
                0,
                "{name}: an attribute (or text between quotes) in Tibetan digits: {attribute}"
            );
        }
        for time in html.split("<time datetime=\"").skip(1) {
            let value = &time[..time.find('"').unwrap()];
            assert!(
                value.bytes().all(|b| b.is_ascii_digit() || b == b'-'),
                "{name}: {value}"
            );
        }
    }
    // The same figures in Arabic digits on the Chinese pages.
    let zh = page("zh/gar/shiquanhe/zhaxigang/committee-results/index.html");
    assert_eq!(
        tibetan_digits(&zh),
        0,
        "no Tibetan digits on a Chinese page"
    );
    assert!(zh.contains("1234"), "{zh}");
    // Open data stays in Arabic digits.
    for (path, bytes) in tree(&output.join("data")) {
        assert_eq!(
            tibetan_digits(&String::from_utf8_lossy(&bytes)),
            0,
            "data/{path} holds Tibetan digits"
        );
    }
}

/// An unknown time zone is reported by the settings check: an error of the
/// content, exit status 1 as for any other (not 2, which means gongshi could
/// not run), and nothing is written, with or without `--today`.
#[test]
fn an_unknown_time_zone_is_an_error_of_the_content() {
    let site = SiteTest::empty();
    let settings = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &format!("{settings}timezone: Asia/Lhasa-Typo\n"),
    );
    for args in [&[][..], &["--today", "2021-01-12"][..]] {
        let (Outcome { code, stderr, .. }, output) = site.build(args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains("content/site.yaml:5:11: error: unknown time zone `Asia/Lhasa-Typo`"),
            "{args:?}: {stderr}"
        );
        assert!(!output.exists(), "nothing is written");
    }
}
