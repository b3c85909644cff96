//! Pages and data files, rendered from the resolved [`Site`] with the theme.
//!
//! Input: a [`Site`] and a [`Theme`]. Output: every file of the published
//! site, handed one at a time to a sink as it is rendered (never all held
//! at once). Each page's context is plain data built here; templates only
//! lay it out. Texts are escaped by Tera; Markdown is rendered with raw HTML
//! escaped. Nothing here touches the disk.
//!
//! Rebuilds: every file gets a key, a hash of everything it is made from
//! (its template and the templates that template builds on, and its whole
//! context). A [`RenderCache`] remembers the keys of the last run, and a
//! file whose key has not changed is not rendered again: the sink is told
//! it is unchanged. `build` runs this with an empty cache, `serve` keeps
//! one, so both go through the same code.

mod charts;
mod data;
mod format;
pub mod i18n;
pub mod markdown;
mod pages;
mod stats;
mod theme;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

pub use i18n::Catalog;
pub(crate) use theme::escape_html;
pub use theme::Theme;

use crate::site::Site;

/// The keys of the files of the last run, by path.
#[derive(Debug, Default)]
pub struct RenderCache {
    keys: HashMap<String, u64>,
}

/// What became of one file in a run.
#[derive(Debug)]
pub enum Rendered<'a> {
    /// New or changed: its bytes.
    Fresh(&'a [u8]),
    /// The same as in the last run of this cache.
    Unchanged,
}

/// How many files a run produced, and how many of them it rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderStats {
    /// Files in the site.
    pub files: usize,
    /// Files rendered (not found unchanged).
    pub rendered: usize,
}

/// The sink of a run.
pub type Sink<'s> = dyn FnMut(&str, Rendered<'_>) -> Result<(), String> + 's;

/// Where rendered files go: through the cache to the sink.
pub(crate) struct Out<'a, 's> {
    cache: &'a mut RenderCache,
    sink: &'a mut Sink<'s>,
    seen: Vec<String>,
    stats: RenderStats,
}

impl Out<'_, '_> {
    /// Hands over the file at `path` whose inputs hash to `key`, making it
    /// only if the key differs from the last run's.
    pub(crate) fn file(
        &mut self,
        path: &str,
        key: u64,
        make: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        self.stats.files += 1;
        self.seen.push(path.to_owned());
        if self.cache.keys.get(path) == Some(&key) {
            return (self.sink)(path, Rendered::Unchanged);
        }
        let bytes = make()?;
        self.stats.rendered += 1;
        self.cache.keys.insert(path.to_owned(), key);
        (self.sink)(path, Rendered::Fresh(&bytes))
    }

    /// A file whose bytes are already made: keyed by the bytes themselves.
    pub(crate) fn bytes(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        self.file(path, hash_of(&bytes), || Ok(bytes.to_vec()))
    }
}

/// A stable hash of anything hashable, for keys.
pub(crate) fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Renders every file of the site, in a fixed order, handing each path
/// (relative, with `/`) to `sink` with its bytes, or as unchanged since the
/// last run of `cache`.
pub fn render_each(
    site: &Site,
    theme: &Theme,
    cache: &mut RenderCache,
    sink: &mut Sink<'_>,
) -> Result<RenderStats, String> {
    let mut out = Out {
        cache,
        sink,
        seen: Vec::new(),
        stats: RenderStats::default(),
    };
    pages::render(site, theme, &mut out)?;
    data::render(site, &mut out)?;
    stats::data(site, &mut out)?;
    for (path, bytes) in &theme.statics {
        out.bytes(&format!("static/{path}"), bytes)?;
    }
    // Forget files that are gone, so they render again if they come back.
    let seen: std::collections::HashSet<String> = out.seen.into_iter().collect();
    out.cache.keys.retain(|path, _| seen.contains(path));
    Ok(out.stats)
}
