//! The Markdown dialect of announcements and notes, shared by the checks
//! that read Markdown and the rendering that turns it into HTML.

use pulldown_cmark::Options;

/// The Markdown dialect of every announcement and note: CommonMark plus
/// tables. The checks parse with the same options, so what they read (links,
/// the published text) is what is rendered.
pub fn options() -> Options {
    Options::ENABLE_TABLES
}
