//! Command-line arguments, and the exit status of a run.
//!
//! Exit status: 0 clean (or warnings only), 1 problems found (errors, or
//! warnings with `--deny-warnings`), 2 could not run at all.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;

use crate::pipeline;

/// Static site generator for public election notices in Tibetan and Chinese.
#[derive(Debug, Parser)]
#[command(name = "gongshi", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The three commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the content, then write the public site (into public/ by default).
    Build(BuildArgs),
    /// Preview the site on this computer, rebuilding on every change.
    Serve(ServeArgs),
    /// Report every problem in the content; write nothing.
    Check(CheckArgs),
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Common {
    /// Folder that holds content/ and themes/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The "as of" date for notice status (default: today in the site's time zone).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<Date>,
}

/// `gongshi check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// Fail on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

/// `gongshi build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    common: Common,
    /// Output folder (default: public/ under the root).
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Include drafts and scheduled items, marked as a preview.
    #[arg(long)]
    drafts: bool,
    /// Fail on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

/// `gongshi serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    common: Common,
    /// Address to listen on: this computer only by default. Another address
    /// shows the preview, drafts included, to whoever can reach it.
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

fn parse_date(text: &str) -> Result<Date, String> {
    crate::content::date::parse_day(text)
        .map_err(|_| format!("`{text}` is not a date: write YYYY-MM-DD"))
}

/// Runs the command line and returns the exit status.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Check(args) => check(&args.common, args.deny_warnings),
        Command::Build(args) => build(&args),
        Command::Serve(args) => serve(&args),
    }
}

fn serve(args: &ServeArgs) -> ExitCode {
    let Ok(bind) = args.bind.parse::<std::net::IpAddr>() else {
        eprintln!(
            "error: `{}` is not an IP address (for this computer only: 127.0.0.1)",
            args.bind
        );
        return ExitCode::from(2);
    };
    let options = crate::serve::ServeOptions {
        root: args.common.root.clone(),
        bind,
        port: args.port,
        today: args.common.today,
        open: args.open,
    };
    match crate::serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("error: {why}");
            ExitCode::from(2)
        }
    }
}

fn check(common: &Common, deny_warnings: bool) -> ExitCode {
    let checked = match pipeline::check(&common.root) {
        Ok(checked) => checked,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    report(&checked);
    if checked.diagnostics.fails(deny_warnings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let root = &args.common.root;
    let default_output = args.output.is_none();
    let output = args.output.clone().unwrap_or_else(|| root.join("public"));
    if args.drafts && default_output {
        eprintln!("error: a --drafts build is a preview: name another folder with --output, so it is never published by mistake");
        return ExitCode::from(2);
    }
    let ran = pipeline::build(
        root,
        &output,
        args.common.today,
        args.drafts,
        args.deny_warnings,
    );
    let (checked, built) = match ran {
        Ok(ran) => ran,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    report(&checked);
    match built {
        Ok(built) => {
            eprintln!(
                "wrote {} files to {} (as of {})",
                built.files,
                output.display(),
                built.today
            );
            ExitCode::SUCCESS
        }
        Err(pipeline::BuildError::Problems) => {
            eprintln!(
                "nothing written: fix the problems above; {} is unchanged",
                output.display()
            );
            ExitCode::from(1)
        }
        Err(pipeline::BuildError::Failed(why)) => {
            eprintln!(
                "error: {why}\nnothing written: {} is unchanged",
                output.display()
            );
            ExitCode::from(2)
        }
    }
}

/// Prints every problem and the summary line to standard error.
fn report(checked: &pipeline::Checked) {
    let _ = std::io::stderr()
        .lock()
        .write_all(checked.report().as_bytes());
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
