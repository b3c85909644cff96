//! Pages on a phone (360 px wide) in headless Chromium: nothing scrolls
//! sideways, every person's fields are inside the viewport, and phone
//! numbers are `tel:` links on one line (DESIGN.md, Site).

use std::path::Path;

use crate::browser::{chromium, fontconfig_without_tibetan};
use crate::support::SiteTest;

/// Pages of the example to look at: a community's and a village's
/// candidates notices, a results notice, a village page and the figures.
const PAGES: &[&str] = &[
    "gar/shiquanhe/senge/party-branch-candidates/index.html",
    "gar/shiquanhe/senge/party-branch-results/index.html",
    "purang/purang/kejia/committee-candidates/index.html",
    "purang/purang/kejia/index.html",
    "stats/index.html",
    "index.html",
];

/// Measures the laid-out page once its fonts are in, and posts what is
/// wrong (or `ok`) to the frame around it.
const PROBE: &str = r#"<script>
document.fonts.ready.then(function () {
  var width = document.documentElement.clientWidth, wrong = [];
  if (document.documentElement.scrollWidth > width) {
    wrong.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
  }
  document.querySelectorAll('body *').forEach(function (e) {
    var box = e.getBoundingClientRect();
    if (box.width > 1 && (box.right > width + 0.5 || box.left < -0.5)) {
      wrong.push('outside the viewport: <' + e.tagName.toLowerCase() + ' class="' + e.getAttribute('class') + '"> ' +
        Math.round(box.left) + '..' + Math.round(box.right) + ' "' + (e.textContent || '').slice(0, 30) + '"');
    }
  });
  document.querySelectorAll('.table-wrap').forEach(function (e) {
    if (e.scrollWidth > e.clientWidth) { wrong.push('a table scrolls sideways: ' + e.scrollWidth + ' > ' + e.clientWidth); }
  });
  var phones = document.querySelectorAll('a[href^="tel:"]');
  phones.forEach(function (a) {
    if (a.getClientRects().length !== 1) { wrong.push('a phone number breaks: ' + a.textContent); }
  });
  parent.postMessage({ phones: String(phones.length), width: String(width),
    layout: wrong.length ? wrong.join(' | ') : 'ok' }, '*');
});
</script>"#;

/// A phone's screen: the page in a frame 360 px wide (headless Chromium's
/// window is wider than a phone), tall enough that no scroll bar takes
/// room, as on a phone whose scroll bars float over the page. What the
/// page posts lands on this body's attributes.
const FRAME: &str = r#"<!DOCTYPE html><html><body style="margin:0">
<iframe src="phone-probe.html" style="width:360px;height:20000px;border:0"></iframe>
<script>
window.addEventListener('message', function (e) {
  document.body.setAttribute('data-phones', e.data.phones);
  document.body.setAttribute('data-width', e.data.width);
  document.body.setAttribute('data-layout', e.data.layout);
});
</script></body></html>"#;

/// A copy of `page` beside it with the probe, so its relative links hold,
/// and the phone-sized frame around it.
fn probed(page: &Path) -> std::path::PathBuf {
    let html = std::fs::read_to_string(page).unwrap();
    let probe = page.with_file_name("phone-probe.html");
    std::fs::write(&probe, html.replace("</body>", &format!("{PROBE}</body>"))).unwrap();
    let frame = page.with_file_name("phone-frame.html");
    std::fs::write(&frame, FRAME).unwrap();
    frame
}

/// The value of `name="…"` on the dumped page's body.
fn attribute<'a>(dom: &'a str, name: &str) -> Option<&'a str> {
    let start = dom.find(&format!("{name}=\""))? + name.len() + 2;
    Some(&dom[start..start + dom[start..].find('"')?])
}

#[test]
#[ignore = "needs chromium"]
fn a_phone_shows_every_field_without_sideways_scrolling() {
    let dir = tempfile::tempdir().unwrap();
    let fontconfig = fontconfig_without_tibetan(dir.path());
    let site = SiteTest::example();
    let output = site.build_ok(&["--today", "2021-01-12"]);
    let mut phones = 0;
    for lang in ["bo", "zh"] {
        for page in PAGES {
            let probe = probed(&output.join(lang).join(page));
            let url = format!("file://{}", probe.display());
            let dom = chromium(
                &fontconfig,
                &[
                    "--window-size=800,800",
                    "--virtual-time-budget=10000",
                    "--dump-dom",
                    &url,
                ],
            );
            assert_eq!(
                attribute(&dom, "data-width"),
                Some("360"),
                "{lang}/{page}: laid out 360 px wide"
            );
            assert_eq!(
                attribute(&dom, "data-layout"),
                Some("ok"),
                "{lang}/{page} at 360 px"
            );
            phones += attribute(&dom, "data-phones")
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
        }
    }
    assert!(
        phones >= 4,
        "the candidates notices link their phone numbers ({phones} links)"
    );
}
