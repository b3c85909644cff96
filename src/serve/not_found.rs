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

/// The box laid over every page while the content has errors: the report
/// exactly as the terminal shows it.
pub(crate) fn overlay(report: &str) -> String {
    let lang = match crate::messages::lang() {
        crate::messages::Lang::Zh => "zh-Hans",
        crate::messages::Lang::Bo => "bo",
        crate::messages::Lang::En => "en",
    };
    format!(
        "<div id=\"gongshi-errors\" role=\"alert\" lang=\"{lang}\" style=\"position:fixed;inset:0;z-index:9999;overflow:auto;\
background:rgba(40,0,0,.92);color:#fff;padding:1rem;font:14px/1.5 monospace;\">\
<p style=\"font-weight:bold\">gongshi: {}</p>\
<pre style=\"white-space:pre-wrap\">{}</pre></div>",
        escape_html(crate::messages::text("serve.overlay_title")),
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

    #[test]
    fn the_overlay_escapes_the_report() {
        assert!(overlay("a <b> & c").contains("a &lt;b&gt; &amp; c"));
    }
}
