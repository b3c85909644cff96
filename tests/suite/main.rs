//! Integration tests: the real `gongshi` binary on fixture sites.
//!
//! One test binary (cheap to link on a 2-core CI), one module per area.
//! Expected output lives beside the fixtures; run with `GONGSHI_BLESS=1` to
//! rewrite it after an intended change, then review the diff.

mod browser;
mod build;
mod check;
mod cli;
mod daily;
mod ewts;
mod feeds;
mod import;
mod init;
mod language;
mod mutations;
mod new;
mod overrides;
mod packaging;
mod phone;
mod print;
mod privacy;
mod quickstart;
mod search;
mod serve;
mod stats;
mod support;
mod translations;
mod verify;
