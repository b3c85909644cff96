//! gongshi (公示, "public notice"): a static site generator for public
//! election notices in Tibetan and Chinese.
//!
//! Data flows one way, and the modules say so:
//!
//! ```text
//! content      read files → typed model (content::model) + where every value came from
//! calendar     working days, periods, status as of a date
//! chars        character classes: what is invisible
//! composition  who is one person, members, the composition rules
//! check        every rule of the contract's Checks section → diagnostics
//! diagnostics  problems, their places, and how they are printed
//! messages     the tool's own words, one catalog per language
//! site         what is published as of a day: the resolved site
//! render       tera + i18n → pages and open data, one file at a time
//! output       temporary folder, atomic swap, guarded output folder
//! pipeline     the stages in order, shared by every command
//! serve        HTTP, watch, live reload: reuses pipeline, never a copy of it
//! cli          arguments → options → a pipeline run → exit status
//! ```

pub mod calendar;
pub mod chars;
pub mod check;
pub mod cli;
pub mod composition;
pub mod content;
pub mod diagnostics;
pub mod ewts;
mod keys;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod site;
mod suggest;
