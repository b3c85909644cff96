//! QR codes as inline SVG, for the URL printed on paper notices.
//!
//! The `qrcode` crate computes the modules; the SVG is written here, small:
//! each row's runs of dark modules become one subpath (`M x y h w v 1 h -w z`)
//! of a single `<path>`, so a code of a 60-character URL is a few KB rather
//! than a rectangle per module. Coordinates are in modules (the `viewBox`),
//! so the printed size is set by CSS alone.

use qrcode::{Color, QrCode};

use super::escape_html;

/// The light margin around the code, in modules: the minimum the QR
/// standard asks for, without which phone cameras often fail to find it.
pub(crate) const QUIET_ZONE: usize = 4;

/// Codes made last on this thread, newest last: a notice's code is asked
/// for twice in a row, by its own page and by its township's print page
/// (made from the same village on the same thread), and choosing a code's
/// mask is most of a build's work. A few entries, so memory stays flat.
const RECENT: usize = 8;

thread_local! {
    static MADE: std::cell::RefCell<std::collections::VecDeque<(String, String, String)>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
}

/// The SVG of a QR code of `text`, labelled `label` for screen readers.
/// Fails only if `text` is too long for any QR code (about 2.9 KB).
pub(crate) fn svg(text: &str, label: &str) -> Result<String, String> {
    let found = MADE.with(|made| {
        made.borrow()
            .iter()
            .find(|(t, l, _)| t == text && l == label)
            .map(|(_, _, svg)| svg.clone())
    });
    if let Some(svg) = found {
        return Ok(svg);
    }
    let svg = make(text, label)?;
    MADE.with(|made| {
        let mut made = made.borrow_mut();
        if made.len() == RECENT {
            made.pop_front();
        }
        made.push_back((text.to_owned(), label.to_owned(), svg.clone()));
    });
    Ok(svg)
}

/// Makes the SVG of a QR code of `text` (see [`svg`]).
fn make(text: &str, label: &str) -> Result<String, String> {
    let code = QrCode::new(text.as_bytes())
        .map_err(|_| crate::messages::say!("render.qr_too_long", url = text))?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::with_capacity(width * width / 2);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let run = x - start;
            path.push_str(&format!(
                "M{} {}h{run}v1h-{run}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            ));
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 {size} {size}\" \
         role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\">\
         <path d=\"{path}\"/></svg>",
        escape_html(label)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://example.org/bo/gar/shiquanhe/senge/party-branch-candidates/";

    /// The runs of the path: (x, y, width) of each subpath.
    fn runs(svg: &str) -> Vec<(usize, usize, usize)> {
        let d = svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        d.split('M')
            .filter(|s| !s.is_empty())
            .map(|s| {
                let (xy, rest) = s.split_once('h').unwrap();
                let (x, y) = xy.split_once(' ').unwrap();
                let (w, tail) = rest.split_once("v1h-").unwrap();
                assert_eq!(tail, format!("{w}z"), "each run closes where it began");
                (x.parse().unwrap(), y.parse().unwrap(), w.parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn an_address_too_long_for_any_code_is_an_error_not_a_panic() {
        let long = format!("https://example.org/{}/", "a".repeat(3000));
        let err = svg(&long, "a").unwrap_err();
        assert!(err.contains("base_url"), "{err}");
    }

    #[test]
    fn a_code_asked_for_again_is_the_same_and_each_label_is_kept() {
        let first = svg(URL, "a").unwrap();
        assert_eq!(svg(URL, "a").unwrap(), first);
        assert_eq!(make(URL, "a").unwrap(), first, "as made afresh");
        let other = svg(URL, "b").unwrap();
        assert!(other.contains("aria-label=\"b\""), "{other}");
        for i in 0..2 * RECENT {
            svg(&format!("{URL}{i}"), "a").unwrap();
        }
        assert_eq!(svg(URL, "a").unwrap(), first, "made again once forgotten");
    }

    #[test]
    fn the_svg_is_one_well_formed_element_with_one_path() {
        let svg = svg(URL, "QR <code> & \"url\"").unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("/></svg>"));
        assert_eq!(svg.matches('<').count(), 3, "svg, path, /svg: {svg}");
        assert_eq!(svg.matches("<path").count(), 1);
        assert_eq!(svg.matches('"').count() % 2, 0);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-label=\"QR &lt;code&gt; &amp; &quot;url&quot;\""));
        assert!(svg.contains("shape-rendering=\"crispEdges\""));
        assert!(
            svg.len() < 6_000,
            "a few KB for a 60-character URL: {}",
            svg.len()
        );
    }

    #[test]
    fn sizes_and_dark_modules_are_those_of_the_code() {
        let code = QrCode::new(URL.as_bytes()).unwrap();
        let size = code.width() + 2 * QUIET_ZONE;
        let svg = svg(URL, "QR").unwrap();
        assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
        let runs = runs(&svg);
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        assert_eq!(runs.iter().map(|r| r.2).sum::<usize>(), dark);
        // Every run lies inside the code, clear of the quiet zone, and
        // draws exactly the dark modules of its row.
        for &(x, y, w) in &runs {
            assert!(x >= QUIET_ZONE && y >= QUIET_ZONE);
            assert!(x + w <= size - QUIET_ZONE && y < size - QUIET_ZONE);
            for i in x..x + w {
                assert_eq!(code[(i - QUIET_ZONE, y - QUIET_ZONE)], Color::Dark);
            }
        }
    }
}
