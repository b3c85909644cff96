//! A look at an `.ods` before calamine reads it whole: a row or a cell may
//! say "repeated a million times" in a few bytes, and calamine would make
//! every copy. Counted here as the XML streams by, nothing kept: the rows
//! up to the last that holds anything, and per row the columns up to its
//! last cell that holds anything (trailing empty repeats, which every
//! LibreOffice file has, are free).

use std::io::{BufReader, Read, Seek};

use quick_xml::events::{BytesStart, Event};

use super::sheet::Unreadable;
use crate::messages::say;

/// Why an `.ods` is refused before it is read.
#[derive(Debug)]
pub(super) enum Refusal {
    /// A table holds rows beyond this many.
    Rows(usize),
    /// A row holds cells beyond this many columns.
    Columns(usize),
    /// The file is no readable `.ods`.
    Damaged(String),
}

impl Refusal {
    /// The refusal as the import reports it.
    pub(super) fn into_unreadable(self, file: &str) -> Unreadable {
        match self {
            Refusal::Rows(max) => Unreadable {
                message: say!("import.too_many_rows", file = file, max = max),
                hint: Some(say!("hint.import_split")),
            },
            Refusal::Columns(max) => Unreadable {
                message: say!("import.too_many_columns", at = file, max = max),
                hint: Some(say!("hint.import_columns", file = file)),
            },
            Refusal::Damaged(why) => Unreadable {
                message: say!("import.damaged", file = file, why = why),
                hint: Some(say!("hint.import_damaged")),
            },
        }
    }
}

/// Whether every table of the `.ods` in `reader` keeps within `max_rows`
/// rows and `max_columns` columns that hold anything.
pub(super) fn check(
    reader: impl Read + Seek,
    max_rows: usize,
    max_columns: usize,
) -> Result<(), Refusal> {
    let damaged = |e: &dyn std::fmt::Display| Refusal::Damaged(e.to_string());
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| damaged(&e))?;
    let content = zip.by_name("content.xml").map_err(|e| damaged(&e))?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut rows = Counter::default();
    let mut columns = Counter::default();
    let mut row_repeats = 1;
    let mut row_filled = false;
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| damaged(&e))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                rows = Counter::default();
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                row_repeats = repeats(&e, "table:number-rows-repeated");
                row_filled = false;
                columns = Counter::default();
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                rows.add(row_repeats, row_filled);
                if rows.used > max_rows {
                    return Err(Refusal::Rows(max_rows.saturating_sub(64)));
                }
            }
            Event::Start(e) if is_cell(&e) => {
                // A cell with content (its text or a value) is filled.
                columns.add(repeats(&e, "table:number-columns-repeated"), true);
                row_filled = true;
                if columns.used > max_columns {
                    return Err(Refusal::Columns(max_columns));
                }
            }
            Event::Empty(e) if is_cell(&e) => {
                let filled = e.attributes().flatten().any(|a| {
                    let key = a.key.as_ref();
                    key == "office:value-type" || key == "table:formula"
                });
                columns.add(repeats(&e, "table:number-columns-repeated"), filled);
                row_filled |= filled;
                if columns.used > max_columns {
                    return Err(Refusal::Columns(max_columns));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

fn is_cell(e: &BytesStart<'_>) -> bool {
    let name = e.name();
    name.as_ref() == "table:table-cell" || name.as_ref() == "table:covered-table-cell"
}

/// The repeat count an element gives itself (1 if none or unreadable).
fn repeats(e: &BytesStart<'_>, attribute: &str) -> usize {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == attribute)
        .and_then(|a| a.value.parse().ok())
        .unwrap_or(1)
}

/// Units (rows of a table, cells of a row) counted up to the last one
/// that holds anything: empty ones count only once something follows.
#[derive(Debug, Default)]
struct Counter {
    used: usize,
    pending: usize,
}

impl Counter {
    fn add(&mut self, count: usize, filled: bool) {
        if filled {
            self.used = self.used.saturating_add(self.pending).saturating_add(count);
            self.pending = 0;
        } else {
            self.pending = self.pending.saturating_add(count);
        }
    }
}
