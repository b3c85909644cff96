//! Pages and data files, rendered from the resolved [`Site`] with the theme.
//!
//! Input: a [`Site`] and a [`Theme`]. Output: every file of the published
//! site, handed one at a time to a sink as it is rendered (never all held
//! at once). Each page's context is plain data built here; templates only
//! lay it out. Texts are escaped by Tera; Markdown is rendered with raw HTML
//! escaped. Nothing here touches the disk.

mod data;
mod format;
pub mod i18n;
pub mod markdown;
mod pages;
mod theme;

pub use theme::Theme;

use crate::site::Site;

/// Renders every file of the site, in a fixed order, handing each path
/// (relative, with `/`) and its bytes to `sink`. Returns how many files.
pub fn render_each(
    site: &Site,
    theme: &Theme,
    mut sink: impl FnMut(&str, &[u8]) -> Result<(), String>,
) -> Result<usize, String> {
    let mut count = 0;
    let mut emit = |path: &str, bytes: &[u8]| {
        count += 1;
        sink(path, bytes)
    };
    pages::render(site, theme, &mut emit)?;
    data::render(site, &mut emit)?;
    for (path, bytes) in &theme.statics {
        emit(&format!("static/{path}"), bytes)?;
    }
    Ok(count)
}
