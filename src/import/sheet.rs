//! A roster as rows of cells: one sheet of an `.xlsx` or `.ods` workbook
//! (read by `calamine`), or a UTF-8 `.csv` file (read by `csv`).
//!
//! Input: the file's path and, for a workbook, the sheet's name. Output: a
//! [`Sheet`] whose every cell knows where it stands, so a problem names
//! `FILE:SHEET!C7` or `FILE.csv:7:3`. Nothing of the input may eat memory:
//! the file, a workbook's unpacked parts, the rows and the columns are each
//! bounded, and a workbook sheet is read cell by cell, never as a
//! rectangle whose size a damaged file could choose.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use calamine::{Data, DataRef, Reader};

use crate::messages::say;

/// The largest roster file read (a region's 50,000 persons fill about a
/// tenth of it).
pub(super) const MAX_FILE_BYTES: u64 = 64 << 20;
/// The most a workbook's parts may unpack to.
const MAX_UNPACKED_BYTES: u64 = 512 << 20;
/// The most rows a sheet may have below its header: a region of 5,500
/// villages with nine persons each is about half of it.
pub(super) const MAX_ROWS: usize = 100_000;
/// The most columns read; a roster has about twenty.
pub(super) const MAX_COLUMNS: usize = 200;

/// What one cell holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    /// Nothing (or only spaces).
    Empty,
    /// Text, as typed (a CSV field is always text).
    Text(String),
    /// A number cell.
    Number(f64),
    /// A date cell: year, month, day.
    Date(i16, i8, i8),
    /// A true/false cell.
    Bool(bool),
    /// A formula's error value (`#N/A`).
    Error(String),
}

impl Value {
    /// Whether the cell holds nothing but spaces.
    pub(super) fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person would read it in the sheet.
    pub(super) fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(text) => text.clone(),
            Value::Number(n) => number_shown(*n),
            Value::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            Value::Bool(true) => "TRUE".into(),
            Value::Bool(false) => "FALSE".into(),
            Value::Error(e) => e.clone(),
        }
    }
}

/// A number as a spreadsheet shows it: whole numbers without a point.
fn number_shown(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One row of a sheet.
#[derive(Debug, Clone)]
pub(super) struct Row {
    /// Where the row stands: a workbook's row from 0, or the line of the
    /// CSV file where the record starts, from 1.
    pub(super) number: u32,
    /// Its cells from the first column; missing ones are empty.
    pub(super) cells: Vec<Value>,
}

impl Row {
    /// The cell in `column` (0 based), empty past the row's end.
    pub(super) fn cell(&self, column: usize) -> &Value {
        self.cells.get(column).unwrap_or(&Value::Empty)
    }
}

/// A sheet of rows, and how its cells are named.
#[derive(Debug)]
pub(super) struct Sheet {
    /// The file as the command line gave it.
    pub(super) file: String,
    /// The sheet's name in its workbook; `None` for a CSV file.
    pub(super) name: Option<String>,
    /// Every row that holds anything, in order.
    pub(super) rows: Vec<Row>,
    /// Merged ranges of a workbook, `(first row, first column, last row,
    /// last column)`, from 0.
    pub(super) merged: Vec<(u32, u32, u32, u32)>,
}

impl Sheet {
    /// Where the cell at `column` of `row` is, as a problem names it:
    /// `roster.xlsx:候选人!C7` or `roster.csv:7:3`.
    pub(super) fn at(&self, row: &Row, column: usize) -> String {
        self.at_number(row.number, column)
    }

    /// [`Sheet::at`] by the row's number.
    pub(super) fn at_number(&self, number: u32, column: usize) -> String {
        match &self.name {
            Some(name) => format!(
                "{}:{}!{}{}",
                self.file,
                name,
                column_letters(column),
                number + 1
            ),
            None => format!("{}:{}:{}", self.file, number, column + 1),
        }
    }
}

/// A column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A merged range as a spreadsheet names it, from its first and last
/// cells (rows and columns from 0): `(2, 3, 5, 3)` → `D3:D6`.
pub(super) fn range_name((r0, c0, r1, c1): (u32, u32, u32, u32)) -> String {
    format!(
        "{}{}:{}{}",
        column_letters(c0 as usize),
        r0 + 1,
        column_letters(c1 as usize),
        r1 + 1
    )
}

/// Why a sheet could not be read: a message in the user's language, and
/// a hint where one helps.
#[derive(Debug)]
pub(super) struct Unreadable {
    /// What is wrong.
    pub(super) message: String,
    /// How to put it right.
    pub(super) hint: Option<String>,
}

impl Unreadable {
    fn new(message: String, hint: Option<String>) -> Unreadable {
        Unreadable { message, hint }
    }
}

/// Reads sheet `wanted` (the first if `None`) of the workbook, or the CSV
/// file, at `path`, by its extension.
pub(super) fn read(path: &Path, wanted: Option<&str>) -> Result<Sheet, Unreadable> {
    let shown = path.display().to_string();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let size = std::fs::metadata(path)
        .map_err(|e| Unreadable::new(say!("import.unreadable", file = shown, why = e), None))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Unreadable::new(
            say!(
                "import.too_large",
                file = shown,
                size = size >> 20,
                max = MAX_FILE_BYTES >> 20
            ),
            None,
        ));
    }
    match extension.as_str() {
        "csv" => read_csv(path, shown),
        "xlsx" | "xlsm" => guarded(&shown.clone(), || read_xlsx(path, shown, wanted)),
        "ods" => guarded(&shown.clone(), || read_ods(path, shown, wanted)),
        _ => Err(Unreadable::new(
            say!("import.unknown_kind", file = shown),
            Some(say!("hint.import_kinds")),
        )),
    }
}

/// `read` run so that a panic of the workbook reader on a damaged file
/// (calamine subtracts a damaged range's corners unchecked, for one)
/// is that file's error, not the end of gongshi; the panic's own message
/// is not printed.
fn guarded(
    file: &str,
    read: impl FnOnce() -> Result<Sheet, Unreadable>,
) -> Result<Sheet, Unreadable> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(hook);
    result.unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(damaged(file, why))
    })
}

/// A damaged workbook: what the reader said, in a sentence of ours.
fn damaged(file: &str, why: impl std::fmt::Display) -> Unreadable {
    Unreadable::new(
        say!("import.damaged", file = file, why = why),
        Some(say!("hint.import_damaged")),
    )
}

/// Refuses a workbook (a zip file) whose parts would unpack to more than
/// [`MAX_UNPACKED_BYTES`]: a small damaged or hostile file must not fill
/// the memory of the reader behind it.
fn check_unpacked(file: &str, reader: impl Read + Seek) -> Result<(), Unreadable> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| damaged(file, e))?;
    let mut total: u64 = 0;
    for index in 0..zip.len() {
        let entry = zip.by_index_raw(index).map_err(|e| damaged(file, e))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(Unreadable::new(
            say!(
                "import.too_large_unpacked",
                file = file,
                size = total >> 20,
                max = MAX_UNPACKED_BYTES >> 20
            ),
            None,
        ));
    }
    Ok(())
}

/// The sheet named `wanted` among `names`, or the first; else why not.
fn choose_sheet(file: &str, names: &[String], wanted: Option<&str>) -> Result<String, Unreadable> {
    match wanted {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Unreadable::new(say!("import.no_sheets", file = file), None)),
        Some(wanted) => {
            if let Some(name) = names.iter().find(|n| n.as_str() == wanted) {
                return Ok(name.clone());
            }
            let listed: Vec<&str> = names.iter().map(String::as_str).collect();
            let hint = match crate::suggest::closest(wanted, &listed) {
                Some(meant) => say!("hint.did_you_mean", text = meant),
                None => say!("hint.import_sheets", sheets = listed.join("、")),
            };
            Err(Unreadable::new(
                say!("import.no_such_sheet", file = file, sheet = wanted),
                Some(hint),
            ))
        }
    }
}

fn open(path: &Path, file: &str) -> Result<BufReader<File>, Unreadable> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|e| Unreadable::new(say!("import.unreadable", file = file, why = e), None))
}

/// Reads one sheet of an `.xlsx` cell by cell.
fn read_xlsx(path: &Path, file: String, wanted: Option<&str>) -> Result<Sheet, Unreadable> {
    check_unpacked(&file, open(path, &file)?)?;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(open(path, &file)?).map_err(|e| damaged(&file, e))?;
    let name = choose_sheet(&file, &book.sheet_names(), wanted)?;
    let merged = book
        .merge_cells_by_sheet_name(&name)
        .map_err(|e| damaged(&file, e))?
        .iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect::<Vec<_>>();
    // A range whose corners are the wrong way round makes calamine
    // subtract past zero: a panic in a debug build, a range silently
    // ignored in a release one. Either way the file is damaged.
    if let Some(&range) = merged.iter().find(|(r0, c0, r1, c1)| r0 > r1 || c0 > c1) {
        let range = range_name(range);
        return Err(damaged(
            &file,
            say!("import.merged_reversed", range = range),
        ));
    }
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| damaged(&file, e))?;
    let mut grid = Grid::new(file.clone(), name.clone());
    while let Some(cell) = cells.next_cell().map_err(|e| damaged(&file, e))? {
        let (row, column) = cell.get_position();
        grid.put(row, column, value_of_ref(cell.get_value()))?;
    }
    Ok(grid.into_sheet(merged))
}

/// Reads one sheet of an `.ods`. calamine reads it whole; a row or column
/// repeated past the limits is refused first by [`super::ods_guard`].
fn read_ods(path: &Path, file: String, wanted: Option<&str>) -> Result<Sheet, Unreadable> {
    check_unpacked(&file, open(path, &file)?)?;
    super::ods_guard::check(open(path, &file)?, MAX_ROWS + 64, MAX_COLUMNS)
        .map_err(|e| e.into_unreadable(&file))?;
    let mut book: calamine::Ods<_> =
        calamine::open_workbook_from_rs(open(path, &file)?).map_err(|e| damaged(&file, e))?;
    let name = choose_sheet(&file, &book.sheet_names(), wanted)?;
    let range = book.worksheet_range(&name).map_err(|e| damaged(&file, e))?;
    let mut grid = Grid::new(file.clone(), name.clone());
    for (row, column, value) in range.used_cells() {
        let (row0, column0) = range.start().unwrap_or((0, 0));
        grid.put(row0 + row as u32, column0 + column as u32, value_of(value))?;
    }
    Ok(grid.into_sheet(Vec::new()))
}

/// Reads a UTF-8 CSV file (a byte-order mark is skipped); a file in
/// another encoding (GBK, as Excel writes "CSV" on a Chinese Windows) is
/// refused with the way to save it as UTF-8.
fn read_csv(path: &Path, file: String) -> Result<Sheet, Unreadable> {
    let mut bytes = Vec::new();
    open(path, &file)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Unreadable::new(say!("import.unreadable", file = file, why = e), None))?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if let Err(e) = std::str::from_utf8(body) {
        let (line, _) = crate::diagnostics::position_in(
            &String::from_utf8_lossy(&body[..e.valid_up_to()]),
            e.valid_up_to(),
        );
        return Err(Unreadable::new(
            say!("import.csv_not_utf8", file = file, line = line),
            Some(say!("hint.csv_utf8")),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut rows = Vec::new();
    let mut lines = Lines::new(body);
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            Unreadable::new(
                say!("import.csv_broken", file = file, line = line),
                Some(say!("hint.csv_quotes")),
            )
        })?;
        let line = lines.line_of(record.position().map_or(0, |p| p.byte() as usize));
        if record.len() > MAX_COLUMNS {
            return Err(too_many_columns(&file, &format!("{file}:{line}")));
        }
        let cells: Vec<Value> = record
            .iter()
            .map(|field| {
                if field.trim().is_empty() {
                    Value::Empty
                } else {
                    Value::Text(field.to_owned())
                }
            })
            .collect();
        if cells.iter().all(Value::is_empty) {
            continue;
        }
        if rows.len() > MAX_ROWS + 64 {
            return Err(too_many_rows(&file));
        }
        rows.push(Row {
            number: line,
            cells,
        });
    }
    Ok(Sheet {
        file,
        name: None,
        rows,
        merged: Vec::new(),
    })
}

/// Lines counted as the records of a CSV body pass, forward only, so
/// that a file of many rows is counted once, not once a row.
struct Lines<'b> {
    body: &'b [u8],
    /// How far the count has got, and the line there.
    at: usize,
    line: usize,
}

impl<'b> Lines<'b> {
    fn new(body: &'b [u8]) -> Lines<'b> {
        Lines {
            body,
            at: 0,
            line: 1,
        }
    }

    /// The line (from 1) where the record at `byte` starts: the reader's
    /// own line count can still stand on the end of the line before
    /// (after a `\r`, before its `\n`).
    fn line_of(&mut self, byte: usize) -> u32 {
        let body = self.body;
        let start = body[byte.min(body.len())..]
            .iter()
            .position(|b| *b != b'\r' && *b != b'\n')
            .map_or(body.len(), |skip| byte + skip);
        if start >= self.at {
            self.line += body[self.at..start].iter().filter(|b| **b == b'\n').count();
            self.at = start;
        }
        u32::try_from(self.line).unwrap_or(u32::MAX)
    }
}

fn too_many_rows(file: &str) -> Unreadable {
    Unreadable::new(
        say!("import.too_many_rows", file = file, max = MAX_ROWS),
        Some(say!("hint.import_split")),
    )
}

fn too_many_columns(file: &str, at: &str) -> Unreadable {
    Unreadable::new(
        say!("import.too_many_columns", at = at, max = MAX_COLUMNS),
        Some(say!("hint.import_columns", file = file)),
    )
}

/// Rows gathered cell by cell, in the order a workbook lists them (row by
/// row, left to right), bounded as they come.
struct Grid {
    file: String,
    sheet: String,
    rows: Vec<Row>,
}

impl Grid {
    fn new(file: String, sheet: String) -> Grid {
        Grid {
            file,
            sheet,
            rows: Vec::new(),
        }
    }

    fn put(&mut self, row: u32, column: u32, value: Value) -> Result<(), Unreadable> {
        if value.is_empty() {
            return Ok(());
        }
        let column = column as usize;
        if column >= MAX_COLUMNS {
            let at = format!(
                "{}:{}!{}{}",
                self.file,
                self.sheet,
                column_letters(column),
                row + 1
            );
            return Err(too_many_columns(&self.file, &at));
        }
        if self.rows.last().is_none_or(|last| last.number != row) {
            if self.rows.len() > MAX_ROWS + 64 {
                return Err(too_many_rows(&self.file));
            }
            self.rows.push(Row {
                number: row,
                cells: Vec::new(),
            });
        }
        let Some(last) = self.rows.last_mut() else {
            return Ok(());
        };
        if last.cells.len() <= column {
            last.cells.resize(column + 1, Value::Empty);
        }
        last.cells[column] = value;
        Ok(())
    }

    fn into_sheet(mut self, merged: Vec<(u32, u32, u32, u32)>) -> Sheet {
        // A workbook may list its rows out of order; the roster's order is
        // the sheet's.
        self.rows.sort_by_key(|row| row.number);
        Sheet {
            file: self.file,
            name: Some(self.sheet),
            rows: self.rows,
            merged,
        }
    }
}

fn value_of_ref(value: &DataRef<'_>) -> Value {
    match value {
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text((*s).to_owned()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(d) => date_of_excel(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => date_of_iso(s),
        DataRef::Error(e) => Value::Error(e.to_string()),
        DataRef::Empty => Value::Empty,
    }
}

fn value_of(value: &Data) -> Value {
    match value {
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::String(s) => Value::Text(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(d) => date_of_excel(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => date_of_iso(s),
        Data::Error(e) => Value::Error(e.to_string()),
        Data::Empty => Value::Empty,
    }
}

/// A date cell's day (its time, if any, is dropped); a duration is shown
/// as the number it is.
fn date_of_excel(date: &calamine::ExcelDateTime) -> Value {
    if date.is_duration() {
        return Value::Number(date.as_f64());
    }
    let (y, m, d, ..) = date.to_ymd_hms_milli();
    Value::Date(y as i16, m as i8, d as i8)
}

/// An ODS date (`1990-03-01` or `1990-03-01T00:00:00`), else its text.
fn date_of_iso(text: &str) -> Value {
    let day = text.split('T').next().unwrap_or(text);
    match day.parse::<jiff::civil::Date>() {
        Ok(date) => Value::Date(date.year(), date.month(), date.day()),
        Err(_) => Value::Text(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(51), "AZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(range_name((2, 3, 5, 3)), "D3:D6");
    }

    #[test]
    fn numbers_show_as_a_spreadsheet_shows_them() {
        assert_eq!(Value::Number(1990.1).shown(), "1990.1");
        assert_eq!(Value::Number(350.0).shown(), "350");
        assert_eq!(Value::Date(1990, 3, 1).shown(), "1990-03-01");
    }

    #[test]
    fn a_record_s_line_is_where_it_starts_whatever_the_line_ends() {
        let body = b"a,b\r\nc,d\r\ne,\"f\ng\"\r\nh,i\n";
        let mut counted = Lines::new(body);
        let lines: Vec<u32> = [0, 4, 9, 18].iter().map(|b| counted.line_of(*b)).collect();
        assert_eq!(lines, [1, 2, 3, 5]);
    }
}
