//! `gongshi serve`: a preview that rebuilds on every change and reloads the
//! browser.
//!
//! serve = watch + the same pipeline as `build` + a small HTTP server. The
//! preview lives in memory (never in `build`'s output folder, so it cannot
//! be uploaded by mistake); each rebuild goes through `pipeline::render`
//! with a kept `pipeline::Session`, so only files whose inputs changed are
//! read and rendered again. A failed rebuild keeps the last good site,
//! prints the report exactly as `check` does, and shows it over every open
//! page until the content is fixed.

mod http;
mod not_found;
mod preview;
mod server;
mod watch;

use crate::messages::say;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use jiff::civil::Date;

use preview::{Preview, Shared};
use watch::Changed;

/// What `serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Folder that holds `content/` and `themes/`.
    pub root: PathBuf,
    /// Address to listen on.
    pub bind: IpAddr,
    /// Port; 0 lets the system choose one.
    pub port: u16,
    /// Fixed "as of" day; otherwise today, followed as days pass.
    pub today: Option<Date>,
    /// Open the default browser.
    pub open: bool,
}

/// How often a serve without `--today` looks whether the date changed.
const DATE_CHECK: Duration = Duration::from_secs(30);

/// Runs the preview until the process is stopped (Ctrl-C). Returns only if
/// it cannot start.
pub fn run(options: ServeOptions) -> Result<(), String> {
    let shared = Arc::new(Shared::default());
    // Watch before the first build, so no edit made meanwhile is missed.
    let (changes, rebuilds) = mpsc::channel();
    watch::watch(&options.root, changes.clone())?;
    let mut preview = Preview::new(options.root.clone(), options.today);
    report(preview.rebuild(&shared, Changed::anything()), &shared);
    let address = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(address)
        .map_err(|e| say!("serve.cannot_listen", address = address, why = e))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    let host = match bound.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let url = format!("http://{host}:{}/", bound.port());
    if !bound.ip().is_loopback() {
        eprintln!(
            "{}: {}",
            say!("report.warning"),
            say!("serve.exposed", address = bound)
        );
    }
    println!("{}", say!("serve.serving", url = url));
    if options.today.is_none() {
        spawn_date_watch(shared.clone(), changes);
    }
    std::thread::spawn({
        let shared = shared.clone();
        move || {
            while let Ok(mut changed) = rebuilds.recv() {
                // A burst of events may have queued several: one rebuild serves all.
                while let Ok(more) = rebuilds.try_recv() {
                    changed.merge(more);
                }
                report(preview.rebuild(&shared, changed), &shared);
            }
        }
    });
    if options.open {
        open_browser(&url);
    }
    server::run(listener, shared).map_err(|e| say!("serve.cannot_listen", address = bound, why = e))
}

/// Prints the outcome of a rebuild: its time and page count, or the report
/// and what the preview shows meanwhile (the last good site, or, before
/// any build has succeeded, nothing but the report).
fn report(outcome: Result<preview::Outcome, Arc<str>>, shared: &Shared) {
    use std::io::Write;
    match outcome {
        Ok(done) => println!(
            "{}",
            say!(
                "serve.rebuilt",
                ms = done.took.as_millis(),
                rendered = done.rendered,
                files = done.files,
                today = done.today
            )
        ),
        Err(report) => {
            let _ = std::io::stderr().lock().write_all(report.as_bytes());
            if shared.view().ever_good {
                eprintln!("{}", say!("serve.last_good_kept"));
            } else {
                eprintln!("{}", say!("serve.no_good_build"));
            }
        }
    }
    let _ = std::io::stdout().flush();
}

/// Rebuilds when the date in the site's time zone (as of the last good
/// build) changes, so statuses and scheduled items follow the calendar
/// without a restart.
fn spawn_date_watch(shared: Arc<Shared>, changes: mpsc::Sender<Changed>) {
    std::thread::spawn(move || {
        let today = || {
            let zone = shared.current.lock().ok()?.timezone.clone()?;
            crate::content::model::today_in(&zone)
        };
        let mut last = today();
        loop {
            std::thread::sleep(DATE_CHECK);
            let now = today();
            if now.is_some() && now != last {
                last = now;
                if changes.send(Changed::anything()).is_err() {
                    return;
                }
            }
        }
    });
}

fn open_browser(url: &str) {
    let command = if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = command {
        eprintln!(
            "{}: {}",
            say!("report.warning"),
            say!("serve.no_browser", why = e, url = url)
        );
    }
}
