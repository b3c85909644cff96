//! Markdown (announcements and notes) to HTML: CommonMark plus tables, with
//! raw HTML escaped, never passed through. The dialect is
//! [`crate::markdown::options`], which the checks read with too.

use pulldown_cmark::{html, Event, Parser};

use crate::markdown::options;

/// HTML for `markdown`. Raw HTML becomes text, so `<script>` shows as typed.
pub fn to_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn raw_html_is_escaped() {
        let html = super::to_html("a <script>alert(1)</script> b\n\n<div onclick=x>c</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("&lt;div onclick=x&gt;"), "{html}");
        assert!(
            !html.contains("<script>") && !html.contains("<div"),
            "{html}"
        );
        assert!(html.contains("<table>"), "{html}");
    }
}
