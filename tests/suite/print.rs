//! Each township's print page: every current notice of its villages once
//! (each body's newest published notice), each with its own QR code.

use std::path::Path;

use crate::support::SiteTest;

/// A notice of a village file, as far as choosing the current one needs.
struct Notice {
    slug: String,
    body: String,
    published: String,
    draft: bool,
}

/// The notices of the village file at `path`, in file order.
fn notices(path: &Path) -> Vec<Notice> {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    yaml["notices"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|n| Notice {
            slug: n["slug"].as_str().unwrap().to_owned(),
            body: n["body"].as_str().unwrap().to_owned(),
            published: n["published"].as_str().unwrap().to_owned(),
            draft: n["draft"].as_bool().unwrap_or(false),
        })
        .collect()
}

/// The slugs of the current notices among `notices` as of `today`: per
/// body, the newest published, the later in the file on a tie.
fn current(notices: &[Notice], today: &str) -> Vec<String> {
    let mut newest: Vec<&Notice> = Vec::new();
    for n in notices
        .iter()
        .filter(|n| !n.draft && n.published.as_str() <= today)
    {
        match newest.iter_mut().find(|c| c.body == n.body) {
            Some(c) if c.published <= n.published => *c = n,
            Some(_) => {}
            None => newest.push(n),
        }
    }
    newest.iter().map(|n| n.slug.clone()).collect()
}

/// The folders below `dir`, sorted.
fn folders(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut list: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    list.sort();
    list
}

#[test]
fn every_township_prints_each_current_notice_once_with_its_qr_code() {
    let today = "2021-01-25";
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", today]);
    let villages = site.root().join("content/villages");
    let mut townships = 0;
    for county in folders(&villages) {
        for township in folders(&county) {
            townships += 1;
            let c = county.file_name().unwrap().to_str().unwrap();
            let t = township.file_name().unwrap().to_str().unwrap();
            let mut files: Vec<_> = std::fs::read_dir(&township)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .filter(|p| !p.ends_with("_index.yaml"))
                .collect();
            files.sort();
            for lang in ["bo", "zh"] {
                let page = output.join(format!("{lang}/{c}/{t}/print/index.html"));
                let html = std::fs::read_to_string(&page)
                    .unwrap_or_else(|e| panic!("{}: {e}", page.display()));
                let mut expected = 0;
                for file in &files {
                    let v = file.file_stem().unwrap().to_str().unwrap();
                    let notices = notices(file);
                    let current = current(&notices, today);
                    for n in &notices {
                        // The printed URL, which ends its paragraph.
                        let url = format!("https://example.org/{lang}/{c}/{t}/{v}/{}/</p>", n.slug);
                        let times = html.matches(&url).count();
                        let wanted = usize::from(current.contains(&n.slug));
                        assert_eq!(
                            times, wanted,
                            "{lang}/{c}/{t}: notice {v}/{} printed {times} times",
                            n.slug
                        );
                    }
                    expected += current.len();
                }
                assert_eq!(
                    html.matches("<section class=\"print-sheet\">").count(),
                    expected,
                    "{lang}/{c}/{t}: one sheet per current notice"
                );
                let svgs: Vec<&str> = html.split("<svg").skip(1).collect();
                assert_eq!(svgs.len(), expected, "{lang}/{c}/{t}: a QR code per sheet");
                for svg in svgs {
                    let svg = svg.split("</svg>").next().unwrap();
                    assert_eq!(svg.matches("<path").count(), 1, "{lang}/{c}/{t}: {svg}");
                }
                let area =
                    std::fs::read_to_string(output.join(format!("{lang}/{c}/{t}/index.html")))
                        .unwrap();
                assert!(
                    area.contains(&format!("href=\"../../{c}/{t}/print/index.html\"")),
                    "{lang}/{c}/{t}: the township's page links to its print page"
                );
            }
        }
    }
    assert!(townships > 3, "the example has townships: {townships}");
}
