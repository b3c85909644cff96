//! QR codes as inline SVG, for the URL printed on paper notices.
//!
//! The `qrcode` crate computes the modules, in the steps of its
//! `QrCode::new` but for the mask, which [`mask`] chooses as the crate
//! would, much faster. The SVG is written here, small:
//! each row's runs of dark modules become one subpath (`M x y h w v 1 h -w z`)
//! of a single `<path>`, so a code of a 60-character URL is a few KB rather
//! than a rectangle per module. Coordinates are in modules (the `viewBox`),
//! so the printed size is set by CSS alone.

mod mask;

use qrcode::bits;
use qrcode::canvas::Canvas;
use qrcode::ec;
use qrcode::{Color, EcLevel, QrResult, Version};

use super::escape_html;

/// The light margin around the code, in modules: the minimum the QR
/// standard asks for, without which phone cameras often fail to find it.
pub(crate) const QUIET_ZONE: usize = 4;

/// Codes made last on this thread, newest last: a notice's code is asked
/// for twice in a row, by its own page and by its township's print page
/// (made from the same village on the same thread), and a code takes tens
/// of microseconds to make. A few entries, so memory stays flat.
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
    let (colors, width) = modules(text.as_bytes())
        .map_err(|_| crate::messages::say!("render.qr_too_long", url = text))?;
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
            // `M{x} {y}h{run}v1h-{run}z`, digit by digit: formatting each
            // run was half the time of a code once its mask came fast.
            path.push('M');
            push_number(&mut path, start + QUIET_ZONE);
            path.push(' ');
            push_number(&mut path, y + QUIET_ZONE);
            path.push('h');
            push_number(&mut path, run);
            path.push_str("v1h-");
            push_number(&mut path, run);
            path.push('z');
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 {size} {size}\" \
         role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\">\
         <path d=\"{path}\"/></svg>",
        escape_html(label)
    ))
}

/// Appends `n` in decimal to `path`.
fn push_number(path: &mut String, n: usize) {
    if n >= 10 {
        push_number(path, n / 10);
    }
    path.push(char::from(b'0' + (n % 10) as u8));
}

/// The modules of the QR code of `data`, row by row, and its width: those
/// of `QrCode::new(data).to_colors()`, the mask chosen by [`mask::best`].
fn modules(data: &[u8]) -> QrResult<(Vec<Color>, usize)> {
    let (canvas, version) = unmasked(data)?;
    let canvas = match mask::best(&canvas, version, EC_LEVEL) {
        Some(pattern) => {
            let mut canvas = canvas;
            canvas.apply_mask(pattern);
            canvas
        }
        None => canvas.apply_best_mask(),
    };
    Ok((canvas.into_colors(), version.width() as usize))
}

/// The error correction level of `QrCode::new`.
const EC_LEVEL: EcLevel = EcLevel::M;

/// The code of `data` before masking, and its version: `QrCode::new`'s
/// steps (the smallest version that holds `data`) up to the mask.
fn unmasked(data: &[u8]) -> QrResult<(Canvas, Version)> {
    let bits = bits::encode_auto(data, EC_LEVEL)?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, EC_LEVEL)?;
    let mut canvas = Canvas::new(version, EC_LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    Ok((canvas, version))
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::QrCode;

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

    /// `text` with every byte but ASCII letters, digits and `-` written
    /// `%XX`, as a browser writes a Tibetan or Chinese path.
    fn percent_encoded(text: &str) -> String {
        text.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' => char::from(b).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    /// Several hundred URLs like a site's, of 30 to about 400 bytes:
    /// villages' ASCII paths, and paths of Tibetan and Chinese names written
    /// raw or percent-encoded, picked by a fixed pseudo-random sequence.
    fn urls() -> Vec<String> {
        let names = [
            "shiquanhe",
            "སེང་གེ་ཁ་འབབ",
            "狮泉河镇",
            "gar",
            "ཆུ་མིག",
            "噶尔县",
            "committee-candidates",
            "party-branch-candidates",
            "ལྷ་ས",
        ];
        let mut urls: Vec<String> = (0..200)
            .map(|n| {
                let village = 7_u64.pow(n % 8) * u64::from(n);
                format!(
                    "http://example.org/zh/gar/shiquanhe/village-{village}/committee-candidates/"
                )
            })
            .collect();
        let mut seed = 0x2021_0110_u64;
        for n in 0..400_usize {
            let lang = ["zh", "bo"][n % 2];
            let mut url = format!("https://example.org/{lang}/");
            let length = 30 + n * 37 % 280;
            while url.len() < length {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let name = names[(seed >> 33) as usize % names.len()];
                if seed >> 62 == 0 {
                    url.push_str(name);
                } else {
                    url.push_str(&percent_encoded(name));
                }
                url.push('/');
            }
            urls.push(url);
        }
        urls
    }

    #[test]
    fn the_modules_are_those_of_the_crates_own_code_whichever_mask_it_chooses() {
        let mut chosen = [0; 8];
        for url in urls() {
            let code = QrCode::new(url.as_bytes()).unwrap();
            let (colors, width) = modules(url.as_bytes()).unwrap();
            assert_eq!(width, code.width(), "{url}");
            assert!(colors == code.to_colors(), "the modules of {url}");
            let (canvas, version) = unmasked(url.as_bytes()).unwrap();
            chosen[mask::best(&canvas, version, EC_LEVEL).unwrap() as usize] += 1;
        }
        assert!(
            chosen.iter().all(|&n| n > 0),
            "every mask is tried: {chosen:?}"
        );
    }

    #[test]
    fn the_widest_codes_scored_here_and_wider_ones_are_the_crates_own_too() {
        // Versions 26 to 28: sides of 121, 125 (the last that fits a `u128`)
        // and 129 modules (chosen by the crate itself).
        for (length, version) in [(1_000, 26), (1_090, 27), (1_150, 28)] {
            let text: String = (0..length)
                .map(|i: u32| char::from(b'a' + (i.wrapping_mul(2_654_435_761) >> 27) as u8 % 26))
                .collect();
            assert_eq!(
                unmasked(text.as_bytes()).unwrap().1,
                Version::Normal(version)
            );
            let code = QrCode::new(text.as_bytes()).unwrap();
            assert!(
                modules(text.as_bytes()).unwrap().0 == code.to_colors(),
                "{length}"
            );
        }
    }
}
