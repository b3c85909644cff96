//! The pages only a preview shows: a friendly 404 in both languages with a
//! link one level up, and the overlay that shows the last build's errors.

use crate::render::{escape_html, Catalog};

/// The folder above `path`, as a link that names `index.html`. Leading
/// slashes are collapsed: `//evil.example/…` would be another host.
fn up(path: &str) -> String {
    let path = format!("/{}", path.trim_start_matches('/'));
    let trimmed = path.trim_end_matches('/');
    let trimmed = trimmed
        .strip_suffix("index.html")
        .map_or(trimmed, |t| t.trim_end_matches('/'));
    match trimmed.rfind('/') {
        Some(at) => format!("{}/index.html", &trimmed[..at]),
        None => "/index.html".to_owned(),
    }
}

/// The 404 page for `path`, worded by the catalogs of the last good build.
pub(crate) fn page(path: &str, catalogs: Option<&(Catalog, Catalog)>) -> String {
    let up = escape_html(&up(path));
    let mut blocks = String::new();
    if let Some((bo, zh)) = catalogs {
        for (lang, catalog) in [("bo", bo), ("zh-Hans", zh)] {
            blocks.push_str(&format!(
                "<section class=\"language-choice\" lang=\"{lang}\"><h1>404</h1><p>{}</p><p><a href=\"{up}\">{}</a></p></section>\n",
                escape_html(catalog.ui("not_found")),
                escape_html(catalog.ui("up_one_level")),
            ));
        }
    } else {
        blocks.push_str(&format!("<section class=\"language-choice\"><h1>404</h1><p><a href=\"{up}\">↑</a></p></section>\n"));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>404</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n<main class=\"landing\">\n{blocks}</main>\n</body>\n</html>\n"
    )
}

/// The overlay's text colour. With [`OVERLAY_BACKGROUND`] it has a
/// contrast of 11.5:1 (WCAG asks at least 4.5:1 of body text).
pub(crate) const OVERLAY_TEXT: &str = "#ffffff";
/// The overlay's background: opaque, so the page below cannot lower the
/// contrast.
pub(crate) const OVERLAY_BACKGROUND: &str = "#7a0000";

/// Every style of the overlay's elements, declared inline and `!important`:
/// an inline `!important` declaration outranks every rule of the theme's
/// style sheets, whatever their selector, `!important` or cascade layer.
/// `all:initial` first, so nothing the theme sets is inherited either; the
/// elements have names of their own, so no theme rule is even aimed at them.
fn locked(styles: &[&str]) -> String {
    let mut out = String::from("all:initial!important;");
    for style in styles {
        out.push_str(style);
        out.push_str("!important;");
    }
    out
}

/// The box laid over every page while the content has errors: what the
/// page is (the last good version, or nothing good yet when no build has
/// succeeded since `serve` started) and the report exactly as the terminal
/// shows it. `ever_good`: whether a build has succeeded.
pub(crate) fn overlay(report: &str, ever_good: bool) -> String {
    let lang = match crate::messages::lang() {
        crate::messages::Lang::Zh => "zh-Hans",
        crate::messages::Lang::Bo => "bo",
        crate::messages::Lang::En => "en",
    };
    let title = if ever_good {
        crate::messages::text("serve.overlay_title")
    } else {
        crate::messages::text("serve.overlay_no_good_build")
    };
    let colours = [
        format!("color:{OVERLAY_TEXT}"),
        format!("background:{OVERLAY_BACKGROUND}"),
    ];
    let colours: Vec<&str> = colours.iter().map(String::as_str).collect();
    let text = |more: &[&str]| {
        let mut styles = vec![
            "display:block",
            "font:14px/1.5 monospace",
            "white-space:pre-wrap",
            "overflow-wrap:anywhere",
            "text-align:left",
        ];
        styles.extend_from_slice(&colours);
        styles.extend_from_slice(more);
        locked(&styles)
    };
    let mut frame = vec![
        "display:block",
        "position:fixed",
        "top:0",
        "right:0",
        "bottom:0",
        "left:0",
        "z-index:2147483647",
        "overflow:auto",
        "box-sizing:border-box",
        "margin:0",
        "padding:1rem",
        "visibility:visible",
        "opacity:1",
        "font:14px/1.5 monospace",
    ];
    frame.extend_from_slice(&colours);
    // Pseudo-elements have no style attribute: a theme's `*::before` with
    // content would otherwise show inside the box.
    let pseudo = "<style>#gongshi-errors::before,#gongshi-errors::after,#gongshi-errors *::before,\
#gongshi-errors *::after{content:none!important;display:none!important}</style>";
    format!(
        "{pseudo}<gongshi-overlay id=\"gongshi-errors\" role=\"alert\" lang=\"{lang}\" dir=\"ltr\" style=\"{}\">\
<gongshi-title style=\"{}\">gongshi: {}</gongshi-title>\
<gongshi-report style=\"{}\">{}</gongshi-report></gongshi-overlay>",
        locked(&frame),
        text(&["font-weight:bold", "margin:0 0 1em"]),
        escape_html(title),
        text(&[]),
        escape_html(report)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_goes_one_level_up() {
        assert_eq!(
            up("/zh/gar/shiquanhe/gone/"),
            "/zh/gar/shiquanhe/index.html"
        );
        assert_eq!(
            up("/zh/gar/shiquanhe/gone/index.html"),
            "/zh/gar/shiquanhe/index.html"
        );
        assert_eq!(up("/zh/gone"), "/zh/index.html");
        assert_eq!(up("/gone"), "/index.html");
        assert_eq!(up("/"), "/index.html");
        assert_eq!(up("//evil.example/x"), "/evil.example/index.html");
        assert_eq!(up("//evil.example"), "/index.html");
        assert_eq!(up("///"), "/index.html");
    }

    /// WCAG 2 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let hex = hex.trim_start_matches('#');
        let channel = |at: usize| {
            let c = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn the_contrast_is_computed_as_wcag_defines_it() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
    }

    /// Each element of the overlay carries every style itself, inline and
    /// `!important`, after a reset of everything: no theme rule can reach
    /// its colours, and it holds no element a theme styles (the `pre` that
    /// once came out white on light grey).
    #[test]
    fn the_overlay_carries_its_own_readable_colours() {
        let html = overlay("content/x.yaml:1:1: error: <pre>", false);
        let elements: Vec<&str> = html
            .split('<')
            .skip(1)
            .filter(|t| !t.starts_with('/'))
            .collect();
        let names: Vec<&str> = elements
            .iter()
            .map(|t| t.split([' ', '>']).next().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "style",
                "gongshi-overlay",
                "gongshi-title",
                "gongshi-report"
            ]
        );
        for element in &elements[1..] {
            let style = element
                .split("style=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_else(|| panic!("no style: {element}"));
            assert!(style.starts_with("all:initial!important;"), "{style}");
            for declaration in style.split(';').filter(|d| !d.is_empty()) {
                assert!(declaration.ends_with("!important"), "{declaration}");
            }
            let colour = style
                .split("color:")
                .nth(1)
                .unwrap()
                .split('!')
                .next()
                .unwrap();
            let background = style
                .split("background:")
                .nth(1)
                .unwrap()
                .split('!')
                .next()
                .unwrap();
            let ratio = contrast(colour, background);
            assert!(ratio >= 4.5, "{colour} on {background}: {ratio:.2}:1");
        }
        assert!((contrast(OVERLAY_TEXT, OVERLAY_BACKGROUND) - 11.5).abs() < 0.1);
    }

    #[test]
    fn the_overlay_says_whether_a_good_version_exists() {
        // The test process speaks English.
        let good = overlay("r", true);
        assert!(good.contains("this is the last good version of the page."));
        let never = overlay("r", false);
        assert!(never.contains("there is no good version of the site yet"));
        assert!(!never.contains("last good"));
    }

    #[test]
    fn the_overlay_escapes_the_report() {
        assert!(overlay("a <b> & c", true).contains("a &lt;b&gt; &amp; c"));
    }
}
