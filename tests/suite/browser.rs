//! Pages in a real browser (Debian's `chromium`, headless): the shipped
//! Tibetan font is used on a machine with no Tibetan font of its own, and a
//! notice prints on one A4 page. `.ci/run` installs Chromium; elsewhere
//! these tests are listed as ignored.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{example_root, run};

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
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish in 90 s: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn build_example(dir: &Path) -> PathBuf {
    let output = dir.join("public");
    let (code, _, stderr) = run(&[
        "build",
        "--root",
        example_root().to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--today",
        "2021-01-12",
    ]);
    assert_eq!(code, 0, "{stderr}");
    output
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
    let output = build_example(dir.path());
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

#[test]
#[ignore = "needs chromium"]
fn a_notice_prints_on_one_a4_page() {
    let dir = tempfile::tempdir().unwrap();
    let fontconfig = fontconfig_without_tibetan(dir.path());
    let output = build_example(dir.path());
    for lang in ["bo", "zh"] {
        let page = output.join(format!("{lang}/{NOTICE}"));
        let pdf = dir.path().join(format!("{lang}.pdf"));
        chromium(
            &fontconfig,
            &[
                "--no-pdf-header-footer",
                &format!("--print-to-pdf={}", pdf.display()),
                &format!("file://{}", page.display()),
            ],
        );
        let bytes = std::fs::read(&pdf).expect("chromium wrote the PDF");
        let pages = bytes
            .windows(12)
            .filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's')
            .count();
        assert_eq!(pages, 1, "{lang}: a seven-person notice fits one A4 page");
    }
}
