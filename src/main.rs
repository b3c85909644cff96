//! The `gongshi` command: everything happens in [`gongshi::cli::run`].

fn main() -> std::process::ExitCode {
    gongshi::cli::run(std::env::args_os())
}
