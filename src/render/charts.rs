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
/// Height of each further line of a label that wraps.
const LINE: u32 = 17;
/// The widest a label line may be, in user units: SVG text never wraps by
/// itself, and a label past the edge is cut off on a phone.
const LABEL_WIDTH: f32 = 340.0;

/// A label cut into lines that fit [`LABEL_WIDTH`]: Tibetan breaks after a
/// tsheg, shad or space, Chinese between any two characters, other text at
/// spaces. Widths are estimates at the labels' 13px, on the generous side
/// (measured in Chromium: a Tibetan letter of the shipped font with its
/// 115% size-adjust draws about 9.7 units wide, a tsheg about 4).
fn label_lines(label: &str) -> Vec<&str> {
    let width = |c: char| match c {
        '\u{0F71}'..='\u{0FBC}' => 0.0,
        '\u{0F0B}'..='\u{0F14}' | ' ' => 5.0,
        '\u{0F00}'..='\u{0FFF}' => 10.5,
        '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' => 13.5,
        _ => 8.0,
    };
    let mut lines = Vec::new();
    let (mut start, mut used, mut last_break) = (0, 0.0, None);
    for (i, c) in label.char_indices() {
        let wide = ('\u{2E80}'..='\u{9FFF}').contains(&c);
        if wide && i > start {
            last_break = Some(i);
        }
        used += width(c);
        if used > LABEL_WIDTH {
            if let Some(cut) = last_break.filter(|&cut| cut > start) {
                lines.push(label[start..cut].trim_end());
                start = cut;
                used = label[start..i + c.len_utf8()].chars().map(width).sum();
                last_break = None;
            }
        }
        if matches!(c, '\u{0F0B}'..='\u{0F14}' | ' ') {
            last_break = Some(i + c.len_utf8());
        }
    }
    lines.push(&label[start..]);
    lines
}

/// The lines of a label as `<text>` elements, the first at `y`.
fn label_text(svg: &mut String, x: u32, y: u32, lines: &[&str]) {
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"{}\" class=\"chart-label\">{}</text>",
            y + LINE * i as u32,
            escape_html(line)
        );
    }
}

/// The height that the further lines of these labels add.
fn extra_height(lines: &[Vec<&str>]) -> u32 {
    lines.iter().map(|l| LINE * (l.len() as u32 - 1)).sum()
}

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
    let labels: Vec<Vec<&str>> = bars.iter().map(|b| label_lines(&b.label)).collect();
    let height = ROW * bars.len().max(1) as u32 + extra_height(&labels) + 8;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let room = WIDTH - 50;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" lang=\"{lang}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        escape_html(title),
        escape_html(title)
    );
    let mut y = 0;
    for (bar, lines) in bars.iter().zip(&labels) {
        let length = (u64::from(room) * bar.value / max).max(u64::from(bar.value > 0));
        label_text(&mut svg, 0, y + 15, lines);
        y += LINE * (lines.len() as u32 - 1);
        let _ = write!(
            svg,
            "<rect x=\"0\" y=\"{}\" width=\"{length}\" height=\"13\" class=\"chart-bar\"/>\
<text x=\"{}\" y=\"{}\" class=\"chart-value\">{}</text>",
            y + 21,
            length + 5,
            y + 32,
            escape_html(&bar.text),
        );
        y += ROW;
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
    // The legend: a line per series, so a long label has the width.
    let legend_lines: Vec<Vec<&str>> = legend.iter().map(|l| label_lines(l)).collect();
    let top = 10 + 20 * legend.len() as u32 + extra_height(&legend_lines);
    let labels: Vec<Vec<&str>> = rows.iter().map(|r| label_lines(&r.label)).collect();
    let height = top + PAIR_ROW * rows.len().max(1) as u32 + extra_height(&labels) + 8;
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
    let mut y = 6;
    for (i, lines) in legend_lines.iter().enumerate() {
        let _ = write!(
            svg,
            "<rect x=\"0\" y=\"{y}\" width=\"14\" height=\"14\" class=\"chart-bar chart-series-{i}\"/>"
        );
        label_text(&mut svg, 20, y + 12, lines);
        y += 20 + LINE * (lines.len() as u32 - 1);
    }
    let mut y = top;
    for (PairRow { values: pair, .. }, lines) in rows.iter().zip(&labels) {
        label_text(&mut svg, 0, y + 14, lines);
        y += LINE * (lines.len() as u32 - 1);
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
        y += PAIR_ROW;
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

    #[test]
    fn long_labels_wrap_at_their_script_s_breaks() {
        let tibetan = "ཞིང་འབྲོག་པའི་ཆེད་ལས་མཉམ་ལས་དཔལ་འབྱོར་རྩ་འཛུགས་ཀྱི་འགན་འཛིན་པ";
        let lines = label_lines(tibetan);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].ends_with('\u{0F0B}'),
            "breaks after a tsheg: {lines:?}"
        );
        assert_eq!(lines.concat(), tibetan);
        let chinese = "农牧民专业合作经济组织负责人农牧民专业合作经济组织负责人";
        let lines = label_lines(chinese);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines.concat(), chinese);
        assert_eq!(label_lines("初中及以下"), ["初中及以下"]);
        assert_eq!(label_lines(""), [""]);
        let svg = bars(
            "t",
            "bo",
            &[Bar {
                label: tibetan.into(),
                value: 1,
                text: "1".into(),
            }],
        );
        assert!(
            svg.contains("viewBox=\"0 0 360 65\""),
            "a wrapped label makes the row taller: {svg}"
        );
    }
}
