//! Command-line arguments, and the exit status of a run.
//!
//! Exit status: 0 clean (or warnings only), 1 problems found (errors, or
//! warnings with `--deny-warnings`; for `verify`, a folder not as its
//! `SHA256SUMS` lists it), 2 could not run at all.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use jiff::civil::Date;

use crate::messages::say;
use crate::pipeline;

/// Static site generator for public election notices in Tibetan and Chinese.
#[derive(Debug, Parser)]
#[command(name = "gongshi", version)]
pub struct Cli {
    /// Language of gongshi's messages: zh, bo or en (default: the system's).
    #[arg(long, global = true, value_name = "zh|bo|en", value_parser = ["zh", "bo", "en"])]
    pub lang: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the content, then write the public site (into public/ by default).
    Build(BuildArgs),
    /// Preview the site on this computer, rebuilding on every change.
    Serve(ServeArgs),
    /// Report every problem in the content; write nothing.
    Check(CheckArgs),
    /// Convert EWTS (Wylie) to Tibetan.
    Ewts(EwtsArgs),
    /// Start a new site in a folder.
    Init(InitArgs),
    /// Add a village, a county or township, or an announcement.
    #[command(subcommand)]
    New(NewCommand),
    /// Check a copy of the site against its SHA256SUMS.
    Verify(VerifyArgs),
    /// Turn a roster spreadsheet into a notice in each village it names.
    Import(ImportArgs),
}

/// `gongshi import`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("period_length").args(["working_days", "end", "days"]))]
pub struct ImportArgs {
    /// The roster: .xlsx, .ods or UTF-8 .csv.
    #[arg(value_name = "SHEET")]
    roster: PathBuf,
    /// The notice's slug, the same in every village.
    #[arg(long = "slug", id = "notice_slug", value_name = "SLUG")]
    slug: String,
    /// candidates or results.
    #[arg(long = "type", id = "notice_type", value_name = "candidates|results", value_parser = ["candidates", "results"])]
    kind: String,
    /// party_branch or committee.
    #[arg(long, value_name = "party_branch|committee", value_parser = ["party_branch", "committee"])]
    body: String,
    /// The day the notice is published.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    published: Date,
    /// Seats of a candidates notice: POST=N,…
    #[arg(long, value_name = "POST=N,…")]
    seats: Option<String>,
    /// The first day of a candidates notice's period.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    period_start: Option<Date>,
    /// The period lasts N working days.
    #[arg(long, value_name = "N", requires = "period_start")]
    working_days: Option<u32>,
    /// The period's last day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "period_start")]
    end: Option<Date>,
    /// The period lasts N calendar days.
    #[arg(long, value_name = "N", requires = "period_start")]
    days: Option<u32>,
    /// The election day of a results notice.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    election_day: Option<Date>,
    /// The workbook's sheet (default: the first).
    #[arg(long = "sheet", id = "sheet_name", value_name = "NAME")]
    sheet: Option<String>,
    /// Put the notice in place of each village's notice of the same slug.
    #[arg(long)]
    replace: bool,
    /// Report what would be written; write nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    root: RootArg,
}

/// `gongshi init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new site's folder (made if missing; must be empty).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Also write themes/default/, a copy of the built-in theme to edit.
    #[arg(long)]
    with_theme: bool,
}

/// What `gongshi new` adds.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A village or community: content/villages/COUNTY/TOWNSHIP/SLUG.yaml.
    Village(NewVillageArgs),
    /// A county (COUNTY) or a township (COUNTY/TOWNSHIP): its _index.yaml.
    Area(NewAreaArgs),
    /// An announcement: content/announcements/SLUG.bo.md and SLUG.zh.md.
    Announcement(NewAnnouncementArgs),
}

/// The folder `new` writes in.
#[derive(Debug, Args)]
pub struct RootArg {
    /// Folder that holds content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

/// `gongshi new village`.
#[derive(Debug, Args)]
pub struct NewVillageArgs {
    /// Where it goes: COUNTY/TOWNSHIP/SLUG.
    #[arg(value_name = "COUNTY/TOWNSHIP/SLUG")]
    village: String,
    /// Its name in Tibetan.
    #[arg(long, value_name = "NAME")]
    bo: String,
    /// Its name in Chinese.
    #[arg(long, value_name = "NAME")]
    zh: String,
    /// village or community.
    #[arg(long, default_value = "village", value_parser = ["village", "community"])]
    kind: String,
    #[command(flatten)]
    root: RootArg,
}

/// `gongshi new area`.
#[derive(Debug, Args)]
pub struct NewAreaArgs {
    /// COUNTY, or COUNTY/TOWNSHIP.
    #[arg(value_name = "COUNTY[/TOWNSHIP]")]
    area: String,
    /// Its name in Tibetan.
    #[arg(long, value_name = "NAME")]
    bo: String,
    /// Its name in Chinese.
    #[arg(long, value_name = "NAME")]
    zh: String,
    #[command(flatten)]
    root: RootArg,
}

/// `gongshi new announcement`.
#[derive(Debug, Args)]
pub struct NewAnnouncementArgs {
    /// The announcement's slug, the start of its file names.
    #[arg(value_name = "SLUG")]
    slug: String,
    #[command(flatten)]
    root: RootArg,
}

/// `gongshi verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The folder to check: a build's output, or a copy of it.
    #[arg(value_name = "DIR")]
    copy: PathBuf,
}

/// `gongshi ewts`.
#[derive(Debug, Args)]
pub struct EwtsArgs {
    /// Texts to convert (default: each line of standard input).
    #[arg(value_name = "TEXT")]
    text: Vec<String>,
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
    /// Also list, per language, the translations waiting for review.
    #[arg(long)]
    translations: bool,
    /// Also list what the site's theme files change of the built-in theme.
    #[arg(long, short = 'v')]
    verbose: bool,
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
    crate::content::date::parse_day(text).map_err(|_| say!("cli.bad_today", text = text))
}

/// The value of `--lang` among raw arguments, read before they are parsed
/// so that `--help` and argument errors are in that language too.
fn lang_argument(args: &[OsString]) -> Option<String> {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    args.iter().enumerate().find_map(|(i, arg)| {
        if *arg == "--lang" {
            args.get(i + 1).map(|v| (*v).to_owned())
        } else {
            arg.strip_prefix("--lang=").map(str::to_owned)
        }
    })
}

/// The command line with its help texts in the chosen language.
fn command() -> clap::Command {
    command_in(crate::messages::lang())
}

/// The command line with its help texts in `lang` (the doc comments above
/// are the developers' record; users read the catalogs). Public so that the
/// committed man pages and shell completions are generated from it.
pub fn command_in(lang: crate::messages::Lang) -> clap::Command {
    use clap::{Arg, ArgAction};
    let text = |key: &str| crate::messages::text_in(lang, key);
    let arg_help = |command: clap::Command| {
        command
            .mut_args(|arg| {
                let help = text(&format!("cli.arg.{}", arg.get_id()));
                let takes_value = arg.get_action().takes_values();
                let arg = arg.help(help).help_heading(text("cli.options"));
                if takes_value {
                    arg.hide_default_value(true).hide_possible_values(true)
                } else {
                    arg
                }
            })
            .help_template(text("cli.help_template"))
    };
    // clap's own -h and -V would carry its English words: ours are the catalog's.
    let flags = Cli::command()
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(ArgAction::Help),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version),
        );
    let mut command = arg_help(flags)
        .about(text("cli.about"))
        .subcommand_help_heading(text("cli.commands"))
        .disable_help_subcommand(true);
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| {
            // `new village` and the like: `cli.command.new_village`.
            let inner: Vec<String> = sub
                .get_subcommands()
                .map(|c| c.get_name().to_owned())
                .collect();
            let mut sub = arg_help(sub)
                .about(text(&format!("cli.command.{name}")))
                .subcommand_help_heading(text("cli.commands"))
                .disable_help_subcommand(true);
            for inner in inner {
                sub = sub.mut_subcommand(&inner, |leaf| {
                    arg_help(leaf).about(text(&format!("cli.command.{name}_{inner}")))
                });
            }
            sub
        });
    }
    command
}

/// Runs the command line and returns the exit status.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    crate::messages::choose(match lang_argument(&args) {
        Some(tag) => crate::messages::Lang::from_tag(&tag),
        None => crate::messages::Lang::from_environment(),
    });
    let cli = match command()
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
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
        Command::Check(args) => check(&args),
        Command::Build(args) => build(&args),
        Command::Serve(args) => serve(&args),
        Command::Ewts(args) => ewts(&args),
        Command::Init(args) => written(crate::scaffold::init(&args.dir, args.with_theme)),
        Command::New(NewCommand::Village(args)) => written(crate::scaffold::new_village(
            &args.root.root,
            &args.village,
            (&args.bo, &args.zh),
            &args.kind,
        )),
        Command::New(NewCommand::Area(args)) => written(crate::scaffold::new_area(
            &args.root.root,
            &args.area,
            (&args.bo, &args.zh),
        )),
        Command::New(NewCommand::Announcement(args)) => written(crate::scaffold::new_announcement(
            &args.root.root,
            &args.slug,
        )),
        Command::Verify(args) => verify(&args),
        Command::Import(args) => import(args),
    }
}

/// Runs `import` and reports, on standard error, its problems or what it
/// wrote; the exit status as for `new`.
fn import(args: ImportArgs) -> ExitCode {
    use crate::import::PeriodLength;
    let period_length = match (args.working_days, args.end, args.days) {
        (Some(n), _, _) => Some(PeriodLength::WorkingDays(n)),
        (_, Some(end), _) => Some(PeriodLength::End(end)),
        (_, _, Some(n)) => Some(PeriodLength::Days(n)),
        _ => None,
    };
    let options = crate::import::Options {
        root: args.root.root,
        roster: args.roster,
        sheet: args.sheet,
        slug: args.slug,
        kind: args.kind,
        body: args.body,
        published: args.published,
        seats: args.seats,
        period_start: args.period_start,
        period_length,
        election_day: args.election_day,
        replace: args.replace,
        dry_run: args.dry_run,
    };
    let outcome = crate::import::import(&options).map(|done| {
        let key = if done.dry_run {
            "import.would_write"
        } else {
            "import.wrote"
        };
        let persons = crate::messages::fill_count("import.persons", done.persons, &[]);
        let mut text = crate::messages::fill_count(key, done.files.len(), &[("persons", &persons)]);
        text.push('\n');
        for file in &done.files {
            text.push_str(&format!("  {file}\n"));
        }
        (
            done.warnings,
            text,
            say!(if done.dry_run {
                "import.dry_run_next"
            } else {
                "import.next"
            }),
        )
    });
    reported(outcome)
}

/// Checks a folder against its `SHA256SUMS`: each thing wrong on a line of
/// its own on standard output (so it can be kept in a file), the closing
/// line on standard error; 0 when the folder is intact, 1 when it is not,
/// 2 when there is nothing to check it against.
fn verify(args: &VerifyArgs) -> ExitCode {
    let findings = match crate::manifest::verify(&args.copy) {
        Ok(findings) => findings,
        Err(why) => {
            eprintln!("{}: {why}", say!("report.error"));
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = out
        .write_all(findings.report().as_bytes())
        .and_then(|()| out.flush());
    eprintln!("{}", findings.summary(&args.copy.display()));
    if findings.problems() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Reports what `init` or `new` wrote (its warnings, the files, what to
/// do next) or why it wrote nothing, all on standard error, and gives the
/// exit status: 0 written, 1 refused (what was asked cannot be done, or
/// would not pass `check`), 2 could not run.
fn written(outcome: Result<crate::scaffold::Written, crate::scaffold::Refused>) -> ExitCode {
    reported(outcome.map(|done| {
        let count = done.files.len();
        let mut files = crate::messages::fill_count("scaffold.wrote", count, &[]);
        files.push('\n');
        for file in &done.files {
            files.push_str(&format!("  {file}\n"));
        }
        (done.warnings, files, done.next)
    }))
}

/// Prints, on standard error, what a command that writes content files
/// did (`(warnings, the files, what next)`) or why it wrote nothing, and
/// gives the exit status: 0 written, 1 refused, 2 could not run.
fn reported(outcome: Result<(String, String, String), crate::scaffold::Refused>) -> ExitCode {
    use crate::scaffold::Refused;
    let mut err = std::io::stderr().lock();
    let (text, code) = match outcome {
        Ok((warnings, files, next)) => {
            let text = format!("{warnings}{files}{next}\n");
            (text, ExitCode::SUCCESS)
        }
        Err(Refused::Asked { message, hint }) => {
            let mut text = format!("{}: {message}\n", say!("report.error"));
            if let Some(hint) = hint {
                text.push_str(&format!("{}: {hint}\n", say!("report.hint")));
            }
            text.push_str(&say!("scaffold.nothing_written"));
            text.push('\n');
            (text, ExitCode::from(1))
        }
        Err(Refused::Problems(report)) => {
            let text = format!("{report}{}\n", say!("scaffold.nothing_written"));
            (text, ExitCode::from(1))
        }
        Err(Refused::Failed(why)) => (
            format!("{}: {why}\n", say!("report.error")),
            ExitCode::from(2),
        ),
    };
    let _ = err.write_all(text.as_bytes());
    code
}

/// Prints the Tibetan of each argument (or each line of standard input) on
/// a line of its own; what could not be converted exactly is a warning on
/// standard error (`ewts:LINE:COLUMN: warning: …`), and the exit status is
/// 0 all the same: a best effort is what was asked for.
fn ewts(args: &EwtsArgs) -> ExitCode {
    use std::io::BufRead;
    let convert = |number: usize, text: &str| {
        let converted = crate::ewts::to_tibetan(text);
        println!("{}", converted.tibetan);
        for warning in &converted.warnings {
            eprintln!(
                "ewts:{number}:{}: {}: {}",
                warning.at() + 1,
                say!("report.warning"),
                crate::diagnostics::shown(&warning.message())
            );
        }
    };
    if args.text.is_empty() {
        for (index, line) in std::io::stdin().lock().lines().enumerate() {
            match line {
                Ok(line) => convert(index + 1, line.trim_end_matches('\r')),
                Err(err) => {
                    eprintln!("{}: {err}", say!("report.error"));
                    return ExitCode::from(2);
                }
            }
        }
    } else {
        for (index, text) in args.text.iter().enumerate() {
            convert(index + 1, text);
        }
    }
    ExitCode::SUCCESS
}

fn serve(args: &ServeArgs) -> ExitCode {
    let Ok(bind) = args.bind.parse::<std::net::IpAddr>() else {
        eprintln!(
            "{}: {}",
            say!("report.error"),
            say!("cli.bad_bind", bind = args.bind)
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
            eprintln!("{}: {why}", say!("report.error"));
            ExitCode::from(2)
        }
    }
}

fn check(args: &CheckArgs) -> ExitCode {
    let checked = match pipeline::check(&args.common.root, args.common.today) {
        Ok(checked) => checked,
        Err(err) => {
            eprintln!("{}: {err}", say!("report.error"));
            return ExitCode::from(2);
        }
    };
    report(&checked);
    let mut listed = String::new();
    if args.verbose {
        if let Some(theme) = checked.theme.as_deref() {
            listed.push_str(&overrides(theme));
        }
    }
    if args.translations {
        if !listed.is_empty() {
            listed.push('\n');
        }
        listed.push_str(&translations(checked.theme.as_deref()));
    }
    if !listed.is_empty() {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(listed.as_bytes()).and_then(|()| out.flush());
    }
    if checked.diagnostics.fails(args.deny_warnings) {
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
        eprintln!(
            "{}: {}",
            say!("report.error"),
            say!("cli.drafts_need_output")
        );
        return ExitCode::from(2);
    }
    let options = pipeline::Options {
        today: args.common.today,
        preview: args.drafts,
    };
    let outcome = match crate::build::build(root, &output, options, args.deny_warnings) {
        Ok(outcome) => outcome,
        Err(err) => {
            eprintln!("{}: {err}", say!("report.error"));
            return ExitCode::from(2);
        }
    };
    report(&outcome.checked);
    match outcome.rendered {
        Ok(done) => {
            eprintln!(
                "{}",
                say!(
                    "cli.wrote",
                    files = done.stats.files,
                    made = done.stats.rendered,
                    output = output.display(),
                    today = done.today
                )
            );
            ExitCode::SUCCESS
        }
        Err(pipeline::Stop::Problems) => {
            eprintln!("{}", say!("cli.nothing_written", output = output.display()));
            ExitCode::from(1)
        }
        Err(pipeline::Stop::Failed(why)) => {
            eprintln!(
                "{}: {why}\n{}",
                say!("report.error"),
                say!("cli.failed_unchanged", output = output.display())
            );
            ExitCode::from(2)
        }
    }
}

/// What `check --verbose` prints: where the theme's files and texts come
/// from. The site's templates and static files that differ from the
/// built-in ones (or add to them), then per catalog the keys whose text
/// the site's file changes, each as `key: text` on one line; or, for a
/// theme of the site's own, that every file is the site's.
fn overrides(theme: &crate::render::Theme) -> String {
    use crate::messages::fill_count;
    let o = &theme.overrides;
    let folder = &o.folder;
    let mut out = String::new();
    if o.own {
        out.push_str(&say!("verbose.own", folder = folder));
        out.push('\n');
        return out;
    }
    let nothing = o.files.is_empty()
        && o.same_files == 0
        && o.keys.iter().all(Vec::is_empty)
        && o.same_keys.iter().all(|n| *n == 0);
    if nothing {
        out.push_str(&say!("verbose.built_in", folder = folder));
        out.push('\n');
        return out;
    }
    let args: &[(&str, &dyn std::fmt::Display)] = &[("folder", folder)];
    if !o.files.is_empty() {
        out.push_str(&fill_count("verbose.files", o.files.len(), args));
        out.push('\n');
        for file in &o.files {
            out.push_str(&format!("  {file}\n"));
        }
    }
    if o.same_files > 0 {
        out.push_str(&fill_count("verbose.same_files", o.same_files, args));
        out.push('\n');
    }
    for ((catalog, file), (keys, same)) in [&theme.bo, &theme.zh]
        .into_iter()
        .zip(&theme.catalog_files)
        .zip(o.keys.iter().zip(o.same_keys))
    {
        let args: &[(&str, &dyn std::fmt::Display)] = &[("path", &file.path)];
        if !keys.is_empty() {
            out.push_str(&fill_count("verbose.keys", keys.len(), args));
            out.push('\n');
            for key in keys {
                let text = catalog.text(key).unwrap_or_default();
                out.push_str(&format!("  {key}: {}\n", one_line(&text)));
            }
        }
        if same > 0 {
            out.push_str(&fill_count("verbose.same_keys", same, args));
            out.push('\n');
        }
    }
    out.push_str(&say!("verbose.rest"));
    out.push('\n');
    out
}

/// What `check --translations` prints: for each catalog and language, a
/// heading with the count, then a `key: text` line per text waiting for
/// review, in the order listed: the site's page catalogs (without a theme
/// that loads, whose problems are reported, none) and gongshi's Tibetan
/// messages. Each text stays on its line ([`one_line`]).
fn translations(theme: Option<&crate::render::Theme>) -> String {
    use crate::messages::{fill_count, text, waiting_for_review, Lang};
    let mut out = String::new();
    let mut section = |heading: String, entries: Vec<(&str, String)>| {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&heading);
        out.push('\n');
        for (key, value) in entries {
            out.push_str(&format!("{key}: {}\n", one_line(&value)));
        }
    };
    if let Some(theme) = theme {
        for (lang, catalog, file) in [
            ("bo", &theme.bo, &theme.catalog_files[0]),
            ("zh", &theme.zh, &theme.catalog_files[1]),
        ] {
            let path = &file.path;
            let entries: Vec<(&str, String)> = catalog
                .unconfirmed
                .iter()
                .map(|key| (key.as_str(), catalog.text(key).unwrap_or_default()))
                .collect();
            let language = text(&format!("translations.language.{lang}"));
            let heading = fill_count(
                "translations.pages",
                entries.len(),
                &[("language", &language), ("path", path)],
            );
            section(heading, entries);
        }
    }
    let entries: Vec<(&str, String)> = waiting_for_review(Lang::Bo)
        .into_iter()
        .map(|(key, value)| (key, value.to_owned()))
        .collect();
    let heading = fill_count(
        "translations.messages",
        entries.len(),
        &[
            ("language", &text("translations.language.bo")),
            ("path", &"src/messages/bo.yaml"),
        ],
    );
    section(heading, entries);
    out
}

/// `text` on one line: a backslash, line break, carriage return or tab
/// written as `\\`, `\n`, `\r`, `\t`, so each key's text is one line and
/// can be read back exactly.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
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
    fn a_text_for_review_stays_on_one_line_and_reads_back() {
        assert_eq!(super::one_line("a\nb\\n\tc\r"), "a\\nb\\\\n\\tc\\r");
        assert_eq!(super::one_line("བཀྲ་ཤིས།"), "བཀྲ་ཤིས།");
    }

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
        super::command().debug_assert();
    }
}
