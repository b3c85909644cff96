//! Bar charts as inline SVG, made when the page is built: no script and no
//! chart library at view time. Every label carries its language so Tibetan
//! is drawn with the Tibetan font; every chart sits beside a table of its
//! numbers, so the chart itself is a picture (`role="img"`) with a title.

use std::fmt::Write;

use super::escape_html;

/// Width of the drawing in user units: about a phone's width, so labels
/// are drawn near their CSS size there; it scales up on wider screens.
const WIDTH: u32 = 360;
/// Height of one labelled bar: label line, then the bar.
const ROW: u32 = 40;
/// Height of one labelled pair of bars.
const PAIR_ROW: u32 = 48;

/// One bar: its label, its length as a count, and the text at its end.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    /// What the bar stands for.
    pub(crate) label: String,
    /// Its length, against the longest bar.
    pub(crate) value: u64,
    /// The number shown at its end.
    pub(crate) text: String,
}

/// A horizontal bar chart: a label above each bar, its number at the end.
pub(crate) fn bars(title: &str, lang: &str, bars: &[Bar]) -> String {
    let height = ROW * bars.len().max(1) as u32 + 8;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let room = WIDTH - 50;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" lang=\"{lang}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        escape_html(title),
        escape_html(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = ROW * i as u32;
        let length = (u64::from(room) * bar.value / max).max(u64::from(bar.value > 0));
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" class=\"chart-label\">{}</text>\
<rect x=\"0\" y=\"{}\" width=\"{length}\" height=\"13\" class=\"chart-bar\"/>\
<text x=\"{}\" y=\"{}\" class=\"chart-value\">{}</text>",
            y + 15,
            escape_html(&bar.label),
            y + 21,
            length + 5,
            y + 32,
            escape_html(&bar.text),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A labelled row of two shares, each in hundredths of a percent with the
/// text shown at the end of its bar.
#[derive(Debug, Clone)]
pub(crate) struct PairRow {
    /// The county.
    pub(crate) label: String,
    /// Women's and young members' shares, where there are members.
    pub(crate) values: [Option<(u64, String)>; 2],
}

/// Two shares per row (women and young members of each county), drawn on a
/// 0–100% scale stretched to the largest, with the region's two shares as
/// dashed lines across all rows.
pub(crate) fn share_pairs(
    title: &str,
    lang: &str,
    legend: [&str; 2],
    rows: &[PairRow],
    region: [Option<u64>; 2],
) -> String {
    let top = 30;
    let height = top + PAIR_ROW * rows.len().max(1) as u32 + 8;
    // Shares are in hundredths of a percent; scale to the largest, at least 10%.
    let max = rows
        .iter()
        .flat_map(|row| row.values.iter().flatten().map(|(v, _)| *v))
        .chain(region.iter().flatten().copied())
        .max()
        .unwrap_or(0)
        .max(1000);
    let room = u64::from(WIDTH - 60);
    let x = |v: u64| room * v / max;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" lang=\"{lang}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        escape_html(title),
        escape_html(title)
    );
    for (i, name) in legend.iter().enumerate() {
        let lx = i as u32 * (WIDTH / 2);
        let _ = write!(
            svg,
            "<rect x=\"{lx}\" y=\"6\" width=\"14\" height=\"14\" class=\"chart-bar chart-series-{i}\"/><text x=\"{}\" y=\"18\" class=\"chart-label\">{}</text>",
            lx + 20,
            escape_html(name)
        );
    }
    for (
        i,
        PairRow {
            label,
            values: pair,
        },
    ) in rows.iter().enumerate()
    {
        let y = top + PAIR_ROW * i as u32;
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" class=\"chart-label\">{}</text>",
            y + 14,
            escape_html(label)
        );
        for (series, value) in pair.iter().enumerate() {
            let Some((value, text)) = value else { continue };
            let by = y + 19 + series as u32 * 12;
            let _ = write!(
                svg,
                "<rect x=\"0\" y=\"{by}\" width=\"{}\" height=\"10\" class=\"chart-bar chart-series-{series}\"/><text x=\"{}\" y=\"{}\" class=\"chart-value\">{}</text>",
                x(*value).max(1),
                x(*value) + 6,
                by + 9,
                escape_html(text)
            );
        }
    }
    for (series, value) in region.iter().enumerate() {
        if let Some(value) = value {
            let _ = write!(
                svg,
                "<line x1=\"{0}\" x2=\"{0}\" y1=\"{top}\" y2=\"{1}\" class=\"chart-region chart-series-{series}\"/>",
                x(*value),
                height - 4
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_longest_and_escape_labels() {
        let svg = bars(
            "学历",
            "zh-Hans",
            &[
                Bar {
                    label: "初中及以下".into(),
                    value: 839,
                    text: "839".into(),
                },
                Bar {
                    label: "<b>".into(),
                    value: 0,
                    text: "0".into(),
                },
            ],
        );
        assert!(
            svg.contains("width=\"310\""),
            "the longest bar fills the room: {svg}"
        );
        assert!(svg.contains("width=\"0\""), "an empty bar has no length");
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
        assert!(svg.starts_with("<svg class=\"chart\"") && svg.ends_with("</svg>"));
    }
}
