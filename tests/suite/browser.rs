//! Pages in a real browser (Debian's `chromium`, headless): the shipped
//! Tibetan font is used on a machine with no Tibetan font of its own, and a
//! notice prints on one A4 page. `.ci/run` installs Chromium; elsewhere
//! these tests are listed as ignored.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{example_root, SiteTest};

/// A notice page of the example with seven persons.
const NOTICE: &str = "gar/shiquanhe/senge/party-branch-candidates/index.html";

/// A fontconfig setup that sees the system's fonts except every one that
/// covers Tibetan, so only the theme's web font can draw it.
pub(crate) fn fontconfig_without_tibetan(dir: &Path) -> PathBuf {
    let conf = dir.join("fonts.conf");
    let cache = dir.join("fc-cache");
    std::fs::write(
        &conf,
        format!(
            r#"<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts</dir>
  <cachedir>{}</cachedir>
  <selectfont><rejectfont>
    <glob>*Tibetan*</glob>
    <pattern><patelt name="lang"><string>bo</string></patelt></pattern>
  </rejectfont></selectfont>
</fontconfig>
"#,
            cache.display()
        ),
    )
    .unwrap();
    let listed = Command::new("fc-list")
        .arg(":charset=0f40")
        .arg("file")
        .env("FONTCONFIG_FILE", &conf)
        .output()
        .expect("fc-list (fontconfig) is installed with chromium");
    let tibetan = String::from_utf8_lossy(&listed.stdout).trim().to_owned();
    assert!(
        tibetan.is_empty(),
        "the test font setup still sees Tibetan fonts:\n{tibetan}"
    );
    conf
}

/// Runs headless Chromium with the flags this machine needs, a fresh
/// profile, and a time limit.
pub(crate) fn chromium(fontconfig: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = crate::support::chromium(profile.path())
        .args(args)
        .env("FONTCONFIG_FILE", fontconfig)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium is installed (.ci/run installs it)");
    crate::support::finish_within_time(&mut child, &args);
    let output = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A copy of a page, in the same folder, that reports the state of every
/// web font once the page has settled.
fn font_probe(page: &Path) -> PathBuf {
    let html = std::fs::read_to_string(page).unwrap();
    let script = "<script>document.fonts.ready.then(function(){document.body.setAttribute('data-fonts',\
        Array.from(document.fonts).map(function(f){return f.family+'='+f.status}).join(';'))});</script>";
    let probe = page.with_file_name("probe.html");
    std::fs::write(&probe, html.replace("</body>", &format!("{script}</body>"))).unwrap();
    probe
}

#[test]
#[ignore = "needs chromium"]
fn the_shipped_tibetan_font_is_used_where_the_system_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let fontconfig = fontconfig_without_tibetan(dir.path());
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", "2021-01-12"]);
    for lang in ["bo", "zh"] {
        let page = output.join(format!("{lang}/{NOTICE}"));
        let probe = font_probe(&page);
        let url = format!("file://{}", probe.display());
        let dom = chromium(
            &fontconfig,
            &["--virtual-time-budget=10000", "--dump-dom", &url],
        );
        assert!(
            dom.contains("data-fonts=\"Gongshi Tibetan=loaded\""),
            "{lang}: the Tibetan web font loaded and was used:\n{}",
            dom.lines()
                .find(|l| l.contains("data-fonts"))
                .unwrap_or("(no report: the page's script did not run)")
        );
    }
}

/// The number of pages of a PDF that Chromium wrote.
fn pdf_pages(bytes: &[u8]) -> usize {
    bytes
        .windows(12)
        .filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's')
        .count()
}

/// Prints the page at `page` to the PDF at `pdf`; if `GONGSHI_PRINT_SHOTS`
/// names a folder, a copy of the PDF goes there too, to look at.
fn print_to_pdf(fontconfig: &Path, page: &Path, pdf: &Path) -> Vec<u8> {
    chromium(
        fontconfig,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", page.display()),
        ],
    );
    let bytes = std::fs::read(pdf).expect("chromium wrote the PDF");
    if let Some(shots) = std::env::var_os("GONGSHI_PRINT_SHOTS") {
        std::fs::create_dir_all(&shots).unwrap();
        std::fs::write(Path::new(&shots).join(pdf.file_name().unwrap()), &bytes).unwrap();
    }
    bytes
}

/// Runs a poppler or zbar tool (`.ci/run` installs them), giving its
/// standard output; panics unless it succeeds.
fn tool(name: &str, args: &[&str]) -> String {
    let output = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is installed (.ci/run installs it): {e}"));
    assert!(
        output.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What `zbarimg` reads from each page of `pdf` rasterised at 200 dpi,
/// page by page.
fn qr_codes_of(pdf: &Path) -> Vec<String> {
    let prefix = pdf.with_extension("");
    tool(
        "pdftoppm",
        &[
            "-r",
            "200",
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let stem = prefix.file_name().unwrap().to_str().unwrap().to_owned();
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(pdf.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.starts_with(&format!("{stem}-")) && name.ends_with(".png")
        })
        .collect();
    // pdftoppm numbers pages with as many digits as the last one needs.
    pngs.sort_by_key(|p| (p.as_os_str().len(), p.clone()));
    pngs.iter()
        .map(|png| {
            tool("zbarimg", &["--raw", "-q", png.to_str().unwrap()])
                .trim()
                .to_owned()
        })
        .collect()
}

/// A value of the example's YAML file at `path` (below the root).
fn example_yaml(path: &str) -> serde_yaml::Value {
    let text = std::fs::read_to_string(example_root().join(path)).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// Text without whitespace or a final shad, to compare with what
/// `pdftotext` reads (which breaks lines and spaces as it likes).
fn squeezed(text: &str) -> String {
    text.trim_end_matches(['\u{0F0D}', '\u{0F0B}'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
#[ignore = "needs chromium"]
fn a_printed_notice_names_its_place_and_its_qr_code_reads_as_its_url() {
    let dir = tempfile::tempdir().unwrap();
    let fontconfig = fontconfig_without_tibetan(dir.path());
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", "2021-01-12"]);
    let base_url = example_yaml("content/site.yaml")["base_url"]
        .as_str()
        .unwrap()
        .to_owned();
    let county = example_yaml("content/villages/gar/_index.yaml");
    let township = example_yaml("content/villages/gar/shiquanhe/_index.yaml");
    for lang in ["bo", "zh"] {
        let page = output.join(format!("{lang}/{NOTICE}"));
        let pdf = dir.path().join(format!("notice-{lang}.pdf"));
        let bytes = print_to_pdf(&fontconfig, &page, &pdf);
        assert_eq!(pdf_pages(&bytes), 1, "{lang}: one A4 page");
        let text = squeezed(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
        for name in [&county, &township] {
            let name = squeezed(name["name"][lang].as_str().unwrap());
            assert!(
                text.contains(&name),
                "{lang}: the printed notice names {name}:\n{text}"
            );
        }
        let url = format!("{base_url}{lang}/{}", NOTICE.trim_end_matches("index.html"));
        assert_eq!(
            qr_codes_of(&pdf),
            [url],
            "{lang}: the QR code reads as the page's URL"
        );
    }
}

#[test]
#[ignore = "needs chromium"]
fn a_townships_print_page_prints_each_current_notice_on_its_own_page() {
    let dir = tempfile::tempdir().unwrap();
    let fontconfig = fontconfig_without_tibetan(dir.path());
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", "2021-01-12"]);
    let base_url = example_yaml("content/site.yaml")["base_url"]
        .as_str()
        .unwrap()
        .to_owned();
    for lang in ["bo", "zh"] {
        let page = output.join(format!("{lang}/gar/shiquanhe/print/index.html"));
        let html = std::fs::read_to_string(&page).unwrap();
        // The URL printed on each sheet, in order.
        let printed: Vec<String> = html
            .split("<section class=\"print-sheet\">")
            .skip(1)
            .map(|sheet| {
                let url = sheet.split("<p class=\"print-url\">").nth(1).unwrap();
                let url = &url[url.find(&base_url).unwrap()..url.find("</p>").unwrap()];
                url.to_owned()
            })
            .collect();
        assert!(printed.len() > 1, "{lang}: several current notices");
        for url in &printed {
            assert!(
                url.starts_with(&format!("{base_url}{lang}/gar/shiquanhe/")),
                "{url}"
            );
        }
        let pdf = dir.path().join(format!("township-{lang}.pdf"));
        let bytes = print_to_pdf(&fontconfig, &page, &pdf);
        assert_eq!(
            pdf_pages(&bytes),
            printed.len(),
            "{lang}: one page per current notice"
        );
        assert_eq!(
            qr_codes_of(&pdf),
            printed,
            "{lang}: each page's QR code reads as its notice's URL"
        );
    }
}

#[test]
#[ignore = "needs chromium"]
fn a_notice_prints_on_one_a4_page() {
    let dir = tempfile::tempdir().unwrap();
    let fontconfig = fontconfig_without_tibetan(dir.path());
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", "2021-01-12"]);
    for lang in ["bo", "zh"] {
        let page = output.join(format!("{lang}/{NOTICE}"));
        let pdf = dir.path().join(format!("{lang}.pdf"));
        let pages = pdf_pages(&print_to_pdf(&fontconfig, &page, &pdf));
        assert_eq!(pages, 1, "{lang}: a seven-person notice fits one A4 page");
    }
}
