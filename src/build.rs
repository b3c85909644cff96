//! A one-off build: the pipeline renders into a staging folder beside the
//! output, which is swapped in only when everything was written and no
//! problem stops the build (`crate::output` does the guarding, staging and
//! swap). A failed build leaves the previous output as it was.

use std::path::Path;

use crate::content::LoadError;
use crate::messages::say;
use crate::pipeline::{self, Options, Outcome, Session, Stop};
use crate::render::FileState;

/// Checks and renders the site at `root` into `output`, atomically. With
/// `deny_warnings`, a warning stops the build as an error does.
pub fn build(
    root: &Path,
    output: &Path,
    options: Options,
    deny_warnings: bool,
) -> Result<Outcome, LoadError> {
    let staging =
        crate::output::guard(root, output).and_then(|output| crate::output::Staging::new(&output));
    let staging = match staging {
        Ok(staging) => staging,
        // Nothing can be written: still report the content's problems.
        Err(why) => {
            return Ok(Outcome {
                checked: pipeline::check(root, options.today)?,
                rendered: Err(Stop::Failed(why)),
            })
        }
    };
    let sink = |path: &str, rendered: FileState<'_>| match rendered {
        FileState::Fresh(bytes) => staging.write(path, bytes),
        FileState::Parts(parts) => staging.append(path, parts),
        // A session that keeps nothing never finds a file unchanged or gone.
        FileState::Unchanged | FileState::Gone => Err(say!("output.no_earlier_build", path = path)),
    };
    let outcome = pipeline::render(root, options, &mut Session::once(), &sink)?;
    let rendered = match outcome.rendered {
        Ok(_) if outcome.checked.diagnostics.fails(deny_warnings) => Err(Stop::Problems),
        Ok(done) => staging.publish().map(|()| done).map_err(Stop::Failed),
        Err(stop) => Err(stop),
    };
    Ok(Outcome {
        checked: outcome.checked,
        rendered,
    })
}
