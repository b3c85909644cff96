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

/// A JSON object of the values given, each moved in as it is.
/// (`serde_json::json!` copies every value it is given by serialising it
/// again: page contexts are built of smaller ones, and those copies were a
/// tenth of a build.)
macro_rules! object {
    ($($key:literal : $value:expr),* $(,)?) => {{
        let mut map = serde_json::Map::new();
        $( map.insert(($key).to_owned(), serde_json::Value::from($value)); )*
        serde_json::Value::Object(map)
    }};
}

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

use rayon::prelude::*;

pub use i18n::Catalog;
pub(crate) use theme::escape_html;
pub use theme::Theme;

use crate::site::{Site, SiteCounty, SiteTownship, SiteVillage};

/// The keys of the files of the last run, by path.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Whether keys are computed and kept at all: a one-off build has no
    /// next run to compare with, so it skips them.
    keep: bool,
    keys: HashMap<String, u64>,
}

impl RenderCache {
    /// A cache for a single run (`build`): every file is rendered, no key is computed.
    pub fn once() -> RenderCache {
        RenderCache::default()
    }

    /// A cache kept between runs (`serve`): a file whose key is unchanged is not rendered again.
    pub fn kept() -> RenderCache {
        RenderCache {
            keep: true,
            keys: HashMap::new(),
        }
    }
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

/// The sink of a run: called from several threads at once, in no set order.
pub type Sink<'s> = dyn Fn(&str, Rendered<'_>) -> Result<(), String> + Sync + 's;

/// Where rendered files go: through the cache to the sink. Each thread has
/// its own, merged when the run ends.
pub(crate) struct Out<'a> {
    /// The keys of the last run, when keys are kept.
    last: Option<&'a HashMap<String, u64>>,
    sink: &'a Sink<'a>,
    /// This run's keys (kept runs only).
    keys: Vec<(String, u64)>,
    stats: RenderStats,
}

impl<'a> Out<'a> {
    fn new(cache: &'a RenderCache, sink: &'a Sink<'a>) -> Out<'a> {
        Out {
            last: cache.keep.then_some(&cache.keys),
            sink,
            keys: Vec::new(),
            stats: RenderStats::default(),
        }
    }

    fn merge(mut self, other: Out<'a>) -> Out<'a> {
        self.keys.extend(other.keys);
        self.stats.files += other.stats.files;
        self.stats.rendered += other.stats.rendered;
        self
    }

    /// Whether files need keys: a one-off build does not compute them.
    pub(crate) fn keeps(&self) -> bool {
        self.last.is_some()
    }

    /// Hands over the file at `path` whose inputs hash to `key` (given
    /// whenever [`Out::keeps`]), making it only if the key differs from
    /// the last run's.
    pub(crate) fn file(
        &mut self,
        path: &str,
        key: Option<u64>,
        make: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        self.stats.files += 1;
        if let (Some(last), Some(key)) = (self.last, key) {
            self.keys.push((path.to_owned(), key));
            if last.get(path) == Some(&key) {
                return (self.sink)(path, Rendered::Unchanged);
            }
        }
        let bytes = make()?;
        self.stats.rendered += 1;
        (self.sink)(path, Rendered::Fresh(&bytes))
    }

    /// A file whose bytes are already made: keyed by the bytes themselves.
    pub(crate) fn bytes(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        let key = self.keeps().then(|| hash_of(&bytes));
        self.file(path, key, || Ok(bytes.to_vec()))
    }
}

/// A stable hash of anything hashable, for keys.
pub(crate) fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A village with the county and township it belongs to.
pub(crate) type Placed<'s> = (&'s SiteCounty, &'s SiteTownship, &'s SiteVillage);

/// Renders every file of the site, handing each path (relative, with `/`)
/// to `sink` with its bytes, or as unchanged since the last run of
/// `cache`. The files of each village (its pages in every language and
/// its data) are rendered in parallel; the site-wide ones meanwhile.
pub fn render_each(
    site: &Site,
    theme: &Theme,
    cache: &mut RenderCache,
    sink: &Sink<'_>,
) -> Result<RenderStats, String> {
    let villages: Vec<Placed<'_>> = site
        .counties
        .iter()
        .flat_map(|c| c.townships.iter().map(move |t| (c, t)))
        .flat_map(|(c, t)| t.villages.iter().map(move |v| (c, t, v)))
        .collect();
    let languages = pages::Languages::new(site, theme);
    let shared: &RenderCache = cache;
    let (site_wide, per_village) = rayon::join(
        || -> Result<Out<'_>, String> {
            let mut out = Out::new(shared, sink);
            pages::render_site_wide(&languages, &mut out)?;
            data::render_site_wide(site, &mut out)?;
            stats::data(site, &mut out)?;
            for (path, bytes) in &theme.statics {
                out.bytes(&format!("static/{path}"), bytes)?;
            }
            Ok(out)
        },
        || {
            villages
                .par_iter()
                .try_fold(
                    || Out::new(shared, sink),
                    |mut out, placed| -> Result<Out<'_>, String> {
                        pages::render_village(&languages, *placed, &mut out)?;
                        data::render_village(*placed, &mut out)?;
                        Ok(out)
                    },
                )
                .try_reduce(|| Out::new(shared, sink), |a, b| Ok(a.merge(b)))
        },
    );
    let out = site_wide?.merge(per_village?);
    let stats = out.stats;
    if cache.keep {
        // Only this run's files: a file that is gone renders again if it comes back.
        cache.keys = out.keys.into_iter().collect();
    }
    Ok(stats)
}
