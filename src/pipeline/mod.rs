//! The stages in order, shared by every command: load and check
//! everything but the villages (`frame`), then pass the villages a chunk
//! at a time (`stream`, each village in `village`), and for `build` and
//! `serve` render the site-wide pages from the completed index.
//!
//! Input: the site's root, the day, whether this is a preview, a
//! [`Session`] (what `serve` keeps between runs, or what the last build
//! saved, see [`Saved`]; nothing for `check`) and
//! a sink that takes each file as it is rendered. Output: an [`Outcome`]:
//! the checks, and whether the site was rendered. Nothing here writes a
//! file: the sink does (`crate::build` for a build, `serve` for a
//! preview).
//!
//! As mdBook's driver and `just`'s run, this is one function for every
//! command: `check` stops after the checks, `serve` calls [`render`] in a
//! loop with a kept session, `build` once with the session its last build
//! saved.

mod frame;
mod saved;
mod session;
mod stream;
mod village;

use std::path::Path;

use jiff::civil::Date;

pub(crate) use frame::load as load_checked;
pub use frame::Checked;
pub use saved::{Saved, FOLDER as SAVED_FOLDER};
pub use session::Session;

use crate::content::LoadError;
use crate::messages::say;
use crate::render::{RenderStats, Renderer, Sink};
use village::Destination;

/// What a rendering run is asked for.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The "as of" day (default: today in the site's time zone).
    pub today: Option<Date>,
    /// Include drafts and scheduled items, marked.
    pub preview: bool,
}

/// What a run produced: the checks, and whether the site was rendered.
#[derive(Debug)]
pub struct Outcome {
    /// Loading and checking: every problem, with the files' texts.
    pub checked: Checked,
    /// The rendering, or why there is none.
    pub rendered: Result<Done, Stop>,
}

/// What a rendering run did.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    /// Files in the site, and how many were rendered.
    pub stats: RenderStats,
    /// The "as of" day used.
    pub today: Date,
}

/// Why a run rendered no site.
#[derive(Debug)]
pub enum Stop {
    /// The content has problems that stop a build (in [`Outcome::checked`]).
    Problems,
    /// The theme, the output folder or the disk failed.
    Failed(String),
}

/// Loads `root/content` and runs every check as of `today` (see
/// [`crate::check::privacy::set_as_of`]); renders nothing.
pub fn check(root: &Path, today: Option<Date>) -> Result<Checked, LoadError> {
    crate::check::privacy::set_as_of(today);
    let mut checked = frame::load(root)?;
    stream::villages(&mut checked, None, &Session::once()).map_err(LoadError)?;
    Ok(checked)
}

/// Loads, checks and renders into `sink`: the villages a chunk at a time
/// (see `stream`), reusing what `session` kept of an unchanged village,
/// then the site-wide pages.
pub fn render(
    root: &Path,
    options: Options,
    session: &mut Session,
    sink: &Sink<'_>,
) -> Result<Outcome, LoadError> {
    crate::check::privacy::set_as_of(options.today);
    let mut checked = match session.frame(root) {
        Some(frame) => frame,
        None => {
            let frame = frame::load(root)?;
            session.keep_frame(&frame);
            frame
        }
    };
    let rendered = render_checked(&mut checked, options, session, sink);
    Ok(Outcome { checked, rendered })
}

/// Resolves the site as of the day asked and renders it while the
/// villages pass; without the settings or the theme (their problems are
/// reported), the villages are only checked.
fn render_checked(
    checked: &mut Checked,
    options: Options,
    session: &mut Session,
    sink: &Sink<'_>,
) -> Result<Done, Stop> {
    let only_check = |checked: &mut Checked, session: &Session, stop: Stop| {
        stream::villages(checked, None, session).map_err(Stop::Failed)?;
        Err(stop)
    };
    // Problems of the settings (an unknown time zone among them) or of the
    // theme are reported already: the villages are only checked.
    let (Some(config), Some(theme), false) = (
        checked.corpus.site.as_ref(),
        checked.theme.clone(),
        checked.diagnostics.has_error(),
    ) else {
        return only_check(checked, session, Stop::Problems);
    };
    let Some(today) = options.today.or_else(|| config.today()) else {
        let why = say!("problem.unknown_timezone", name = config.timezone);
        return only_check(checked, session, Stop::Failed(why));
    };
    let Some(site) = crate::site::resolve(&checked.corpus, today, options.preview) else {
        return only_check(checked, session, Stop::Problems);
    };
    let key = checked.key_for_villages(&theme, &site);
    let passed = {
        let renderer = Renderer::new(&site, &theme, &session.cache, sink);
        let destination = Destination {
            renderer: &renderer,
            site: &site,
            key,
        };
        stream::villages(checked, Some(destination), session).map_err(Stop::Failed)?
    };
    if checked.diagnostics.has_error() {
        return Err(Stop::Problems);
    }
    let stream::Passed {
        index,
        mut rendering,
        kept,
        mut gone,
        townships,
        print_parts,
    } = passed;
    let site = index.complete(site);
    let site_wide = {
        let renderer = Renderer::new(&site, &theme, &session.cache, sink);
        let (site_wide, search) = renderer
            .site_wide(session.search.as_ref())
            .map_err(Stop::Failed)?;
        gone.extend(
            site_wide
                .gone_since(&session.site_wide)
                .into_iter()
                .map(str::to_owned),
        );
        renderer.gone(&gone).map_err(Stop::Failed)?;
        (site_wide, search)
    };
    rendering.add(site_wide.0.clone());
    // A saved build's keys are read from its file sets (`Saved`): a map of
    // every file is made only for a session kept in memory.
    if !session.keys_from_file_sets() {
        session.cache.remember(&rendering, &gone);
    }
    session.settle(kept, site_wide, townships, site.today);
    session.keep_print_parts(print_parts);
    Ok(Done {
        stats: rendering.stats,
        today: site.today,
    })
}
