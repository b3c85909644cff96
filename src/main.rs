//! The `gongshi` command: everything happens in [`gongshi::cli::run`].

fn main() -> std::process::ExitCode {
    gongshi::cli::run(std::env::args_os())
}

// glibc's allocator slows down as the site's index grows among short-lived
// page contexts (a fifth of a 100,000-village build went to merging free
// chunks); mimalloc does not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
