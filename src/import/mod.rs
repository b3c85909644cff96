//! `gongshi import`: a roster kept in a spreadsheet becomes one notice in
//! each village it names.
//!
//! Input: the site, the roster file (`.xlsx`, `.ods` or UTF-8 `.csv`) and
//! the notice's flags. Output: the village files with the notice appended
//! (or put in place of the old one with `--replace`), written only when
//! the site as it would be passes `check`; else every problem, at its
//! cell where it came from one (`roster.xlsx:候选人!E7`), and nothing
//! written.
//!
//! Two rounds, so that no problem is a consequence of another: first the
//! sheet (headers, villages, every cell read against the site's labels),
//! all its problems at once; then, if it read cleanly, the checks of
//! `check` on every village file as it would be, each problem on a line
//! written from a cell reported at that cell.

mod columns;
mod notice;
mod ods_guard;
mod sheet;
mod splice;
mod values;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::check::VillageChecks;
use crate::content::model::Text;
use crate::content::{self, Corpus};
use crate::diagnostics::{Diagnostics, FileId, Located, Severity, Sources};
use crate::messages::{fill_count, say};
use crate::scaffold::Refused;

use columns::Field;
use notice::{CellId, Head, Line, Person, Turnout};
use sheet::{Row, Sheet, Value};
use values::{CodeLabels, Labels, Unread};

/// How long a notice's period is: one of the contract's three forms.
#[derive(Debug, Clone, Copy)]
pub enum PeriodLength {
    /// `working_days: N`.
    WorkingDays(u32),
    /// `end: DATE`, the last day.
    End(Date),
    /// `days: N`, calendar days.
    Days(u32),
}

/// What the command line asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's root.
    pub root: PathBuf,
    /// The roster file.
    pub roster: PathBuf,
    /// The workbook's sheet (default: the first).
    pub sheet: Option<String>,
    /// The notice's slug.
    pub slug: String,
    /// `candidates` or `results`.
    pub kind: String,
    /// `party_branch` or `committee`.
    pub body: String,
    /// Its publication day.
    pub published: Date,
    /// `--seats POST=N,…` as typed.
    pub seats: Option<String>,
    /// The period's first day.
    pub period_start: Option<Date>,
    /// The period's length.
    pub period_length: Option<PeriodLength>,
    /// The election day (results).
    pub election_day: Option<Date>,
    /// Put the notice in place of the village's notice of the same slug.
    pub replace: bool,
    /// Report only; write nothing.
    pub dry_run: bool,
}

/// What an import wrote (or, with `--dry-run`, would write).
#[derive(Debug)]
pub struct Imported {
    /// The village files, relative to the root, with `/`.
    pub files: Vec<String>,
    /// How many persons the notices list.
    pub persons: usize,
    /// Warnings, printed as the import prints problems (empty if none).
    pub warnings: String,
    /// Nothing was written.
    pub dry_run: bool,
}

/// A cell a value came from: where it is, what it shows, and its place
/// in the sheet's order (row, column).
#[derive(Debug, Clone)]
struct Cell {
    at: String,
    text: String,
    order: (u32, usize),
}

/// A problem of the sheet, at a cell.
#[derive(Debug)]
struct CellProblem {
    cell: Cell,
    severity: Severity,
    message: String,
    hint: Option<String>,
}

/// Imports the roster as `options` ask.
pub fn import(options: &Options) -> Result<Imported, Refused> {
    let checked = crate::pipeline::load_checked(&options.root).map_err(|e| Refused::Failed(e.0))?;
    let Some(theme) = checked.theme.clone() else {
        return Err(Refused::Problems(checked.report()));
    };
    let labels = CodeLabels::new(&theme.zh, &theme.bo);
    let head = head(options, &labels)?;
    let sheet = sheet::read(&options.roster, options.sheet.as_deref())
        .map_err(|u| Refused::asked(u.message, u.hint))?;
    let places = Places::read(&checked.corpus);
    let mut reading = Reading::new(&sheet, options, &labels, &places);
    let villages = reading.villages();
    if reading.errors() > 0 {
        let mut text = report(&reading.problems, &[], None);
        if reading.stopped {
            text.push_str(&say!("import.stopped", count = MAX_SHEET_ERRORS));
            text.push('\n');
        }
        return Err(Refused::Problems(text));
    }
    let sheet_warnings = std::mem::take(&mut reading.problems);
    let mut sources = checked.sources;
    let mut diagnostics = checked.diagnostics;
    let mut written = Vec::new();
    let mut problems = sheet_warnings;
    let setup = VillageChecks::new(&checked.corpus);
    let mut persons = 0;
    let mut line_cells: HashMap<FileId, (usize, Vec<CellId>)> = HashMap::new();
    // Each village is spliced and checked on its own thread; what they
    // found is gathered in the sheet's order.
    let outcomes: Vec<Spliced> = villages
        .par_iter()
        .map(|village| splice_village(village, &places.all[village.place], &head, options, &setup))
        .collect();
    for (village, outcome) in villages.iter().zip(outcomes) {
        let place = &places.all[village.place];
        match outcome {
            Spliced::Refused { message, hint } => problems.push(CellProblem {
                cell: reading.resolve(village.cell),
                severity: Severity::Error,
                message,
                hint,
            }),
            Spliced::Done {
                text,
                start,
                line_cells: lines,
                found,
            } => {
                persons += village.persons.len();
                if let Some(text) = text {
                    sources.set_text(place.file.file, text);
                    diagnostics.extend(found);
                }
                line_cells.insert(place.file.file, (start, lines));
                written.push(village);
            }
        }
    }
    let located = diagnostics.resolved(&sources);
    let mut by_file: Vec<&Located<'_>> = Vec::new();
    for item in &located {
        let mapped = line_cells
            .get(&item.diagnostic.file)
            .and_then(|(start, cells_of)| {
                let index = item.line.checked_sub(start + 1)?;
                cells_of.get(index).copied()
            });
        match mapped {
            Some(cell) => problems.push(CellProblem {
                cell: reading.resolve(cell),
                severity: item.diagnostic.severity(),
                message: item.diagnostic.problem.to_string(),
                hint: item.diagnostic.problem.hint(),
            }),
            None => by_file.push(item),
        }
    }
    let failed = problems.iter().any(|p| p.severity == Severity::Error)
        || by_file
            .iter()
            .any(|l| l.diagnostic.severity() == Severity::Error);
    let text = if problems.is_empty() && by_file.is_empty() {
        String::new()
    } else {
        report(&problems, &by_file, Some(&sources))
    };
    if failed {
        return Err(Refused::Problems(text));
    }
    if !options.dry_run {
        write_all(&written, &places, &head, options)?;
    }
    Ok(Imported {
        files: written
            .iter()
            .map(|village| {
                sources
                    .get(places.all[village.place].file.file)
                    .path
                    .clone()
            })
            .collect(),
        persons,
        warnings: text,
        dry_run: options.dry_run,
    })
}

/// One village's file with the notice in it, or why it cannot have it.
enum Spliced {
    /// The village cannot take the notice (it has one of that slug, its
    /// `notices:` cannot be added to): the message and a hint.
    Refused {
        message: String,
        hint: Option<String>,
    },
    /// The line (0 based) where the notice begins, the cell of each of
    /// its lines, what `check` finds in the file as it would be, and its
    /// text if that finds anything (to show the lines; the text written
    /// is made again then, so a large import holds no file it need not).
    Done {
        text: Option<String>,
        start: usize,
        line_cells: Vec<CellId>,
        found: Diagnostics,
    },
}

/// `village`'s notice written into its file's text and checked as
/// `check` would check the file.
fn splice_village(
    village: &VillageRows,
    place: &Place,
    head: &Head,
    options: &Options,
    setup: &VillageChecks,
) -> Spliced {
    let (new_text, start, line_cells) = match spliced_text(village, place, head, options) {
        Ok(spliced) => spliced,
        Err(Unread { message, hint }) => return Spliced::Refused { message, hint },
    };
    let read = content::village_from_text(&place.file, new_text);
    let mut found = Diagnostics::default();
    for (at, problem) in read.problems {
        found.push(place.file.file, at, problem);
    }
    if let Some(parsed) = &read.village {
        found.extend(crate::check::village(parsed, &read.text, setup, read.complete).problems);
    }
    Spliced::Done {
        text: (!found.is_empty()).then_some(read.text),
        start,
        line_cells,
        found,
    }
}

/// `village`'s file as it would be with the notice in it: its text, the
/// line (0 based) where the notice begins and the cell of each of its
/// lines; or why the village cannot take it (a message and a hint). The
/// file is read as the loader reads it, bounded.
fn spliced_text(
    village: &VillageRows,
    place: &Place,
    head: &Head,
    options: &Options,
) -> Result<(String, usize, Vec<CellId>), Unread> {
    let exists = place.slugs.contains(&head.slug);
    if exists && !options.replace {
        let message = say!(
            "import.slug_exists",
            village = place.path(),
            slug = head.slug
        );
        return Err(Unread {
            message,
            hint: Some(say!("hint.import_replace")),
        });
    }
    let item = notice::lines(
        head,
        &village.persons,
        village.turnout.as_ref(),
        village.cell,
    );
    let text = content::read_text(&place.file.path).map_err(|problem| Unread {
        message: problem.to_string(),
        hint: problem.hint(),
    })?;
    let item_text: Vec<String> = item.iter().map(|(l, _)| l.clone()).collect();
    let replace = exists.then_some(head.slug.as_str());
    let (new_text, start, _) = splice::splice(&text, &item_text, replace).map_err(|why| {
        let key = match why {
            splice::Unspliced::InlineList => "import.inline_notices",
            splice::Unspliced::NoSuchNotice => "import.no_notice_to_replace",
        };
        Unread {
            message: say!(key, village = place.path(), slug = head.slug),
            hint: None,
        }
    })?;
    Ok((
        new_text,
        start,
        item.iter().map(|(_, cell)| *cell).collect(),
    ))
}

/// Writes the file of every village of `villages`, with its notice,
/// beside itself first, then puts each in place, so a failure leaves every
/// file as it was or whole.
fn write_all(
    villages: &[&VillageRows],
    places: &Places,
    head: &Head,
    options: &Options,
) -> Result<(), Refused> {
    let paths: Vec<&Path> = villages
        .iter()
        .map(|v| places.all[v.place].file.path.as_path())
        .collect();
    let aside = |path: &Path| {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".gongshi-import.tmp");
        path.with_file_name(format!(".{}", name.to_string_lossy()))
    };
    let failed = |path: &Path, e: std::io::Error| {
        Refused::Failed(say!("import.cannot_write", file = path.display(), why = e))
    };
    let written = villages.iter().zip(&paths).try_for_each(|(village, path)| {
        let place = &places.all[village.place];
        // Made again as it was checked: nothing has changed it since.
        let (text, ..) = spliced_text(village, place, head, options)
            .map_err(|unread| Refused::asked(unread.message, unread.hint))?;
        std::fs::write(aside(path), text).map_err(|e| failed(path, e))
    });
    if let Err(refused) = written {
        for path in &paths {
            let _ = std::fs::remove_file(aside(path));
        }
        return Err(refused);
    }
    for path in &paths {
        std::fs::rename(aside(path), path).map_err(|e| failed(path, e))?;
    }
    Ok(())
}

/// The notice's head from the flags, or why they do not make one.
fn head(options: &Options, labels: &CodeLabels) -> Result<Head, Refused> {
    if !content::is_slug(&options.slug) {
        return Err(Refused::asked(
            say!(
                "new.bad_slug",
                slug = crate::diagnostics::shown(&options.slug)
            ),
            Some(say!("hint.slug_rule")),
        ));
    }
    let kind: &'static str = if options.kind == "results" {
        "results"
    } else {
        "candidates"
    };
    let body: &'static str = if options.body == "committee" {
        "committee"
    } else {
        "party_branch"
    };
    let mut head = Head {
        slug: options.slug.clone(),
        kind,
        body,
        published: options.published.to_string(),
        period: None,
        seats: None,
        election_day: None,
    };
    let refuse = |key: &str| Err(Refused::asked(say!(key), None));
    if kind == "candidates" {
        if options.election_day.is_some() {
            return refuse("import.election_day_for_candidates");
        }
        let (Some(start), Some(length)) = (options.period_start, options.period_length) else {
            return refuse("import.needs_period");
        };
        let length = match length {
            PeriodLength::WorkingDays(n) => format!("working_days: {n}"),
            PeriodLength::End(end) => format!("end: {end}"),
            PeriodLength::Days(n) => format!("days: {n}"),
        };
        head.period = Some(format!("{{ start: {start}, {length} }}"));
        let Some(seats) = &options.seats else {
            return refuse("import.needs_seats");
        };
        head.seats = Some(seats_of(seats, labels)?);
    } else {
        if options.period_start.is_some() || options.seats.is_some() {
            return refuse("import.period_for_results");
        }
        let Some(day) = options.election_day else {
            return refuse("import.needs_election_day");
        };
        head.election_day = Some(day.to_string());
    }
    Ok(head)
}

/// `--seats secretary=1,member=3` (posts as codes or labels: 书记=1，委员=3)
/// as the inline mapping `{ secretary: 1, member: 3 }`.
fn seats_of(typed: &str, labels: &CodeLabels) -> Result<String, Refused> {
    let bad = |hint: Option<String>| {
        Refused::asked(
            say!("import.bad_seats", seats = crate::diagnostics::shown(typed)),
            hint.or_else(|| Some(say!("hint.import_seats"))),
        )
    };
    let mut seats = Vec::new();
    for part in typed.split([',', '，']).filter(|p| !p.trim().is_empty()) {
        let (post, count) = part.split_once(['=', '＝']).ok_or_else(|| bad(None))?;
        let post = labels
            .post
            .code_of(post)
            .map_err(|unread| bad(unread.hint))?;
        let count: u32 = values::half_width(count.trim())
            .parse()
            .map_err(|_| bad(None))?;
        seats.push(format!("{post}: {count}"));
    }
    if seats.is_empty() {
        return Err(bad(None));
    }
    Ok(format!("{{ {} }}", seats.join(", ")))
}

/// A village of the site, as the roster may name it.
#[derive(Debug)]
struct Place {
    county: (String, Option<Text>),
    township: (String, Option<Text>),
    name: Option<Text>,
    file: content::model::VillageFile,
    /// The slugs of its notices.
    slugs: Vec<String>,
}

impl Place {
    /// `county/township/village`, as `new village` takes it.
    fn path(&self) -> String {
        format!("{}/{}/{}", self.county.0, self.township.0, self.file.slug)
    }
}

/// Every village of the site, and by what a roster may call it.
#[derive(Debug)]
struct Places {
    all: Vec<Place>,
    /// Slug, Chinese name and Tibetan name (the final shad aside) → the
    /// villages of that name.
    named: HashMap<String, Vec<usize>>,
}

impl Places {
    /// Reads every village file for its name and its notices' slugs, in
    /// parallel.
    fn read(corpus: &Corpus) -> Places {
        let files: Vec<_> = corpus.villages().collect();
        let all = files
            .par_iter()
            .map(|(county, township, file)| {
                let read = content::read_village(file);
                let (name, slugs) = match read.village {
                    Some(v) => (
                        Some(v.name),
                        v.notices.iter().map(|n| n.slug.clone()).collect(),
                    ),
                    None => (None, Vec::new()),
                };
                Place {
                    county: (county.slug.clone(), county.name.clone()),
                    township: (township.slug.clone(), township.name.clone()),
                    name,
                    file: (*file).clone(),
                    slugs,
                }
            })
            .collect::<Vec<Place>>();
        let mut named: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, place) in all.iter().enumerate() {
            let mut keys = vec![place.file.slug.clone()];
            if let Some(name) = &place.name {
                keys.push(name.zh.trim().to_owned());
                keys.push(crate::render::i18n::without_final_shad(name.bo.trim()).to_owned());
            }
            keys.sort();
            keys.dedup();
            for key in keys {
                named.entry(key).or_default().push(index);
            }
        }
        Places { all, named }
    }
}

/// Whether `typed` names the area of `slug` and `name`: its slug, or its
/// Chinese or Tibetan name (the final shad aside).
fn names(typed: &str, slug: &str, name: Option<&Text>) -> bool {
    let typed = typed.trim();
    if typed == slug {
        return true;
    }
    name.is_some_and(|name| {
        name.zh.trim() == typed
            || crate::render::i18n::without_final_shad(name.bo.trim())
                == crate::render::i18n::without_final_shad(typed)
    })
}

/// The persons of one village's notice, as read from the sheet.
#[derive(Debug)]
struct VillageRows {
    place: usize,
    /// The village cell of its first row: the notice as a whole.
    cell: CellId,
    persons: Vec<Person>,
    turnout: Option<Turnout>,
}

/// The sheet being read: the cells values came from, and its problems.
struct Reading<'a> {
    sheet: &'a Sheet,
    options: &'a Options,
    labels: &'a CodeLabels,
    places: &'a Places,
    /// The rows below the header, once read (merged cells filled).
    rows: Vec<Row>,
    /// Each value's cell: its row's number and its column.
    cells: Vec<(u32, u32)>,
    problems: Vec<CellProblem>,
    /// Reading stopped at [`MAX_SHEET_ERRORS`].
    stopped: bool,
    /// Whether a county (`[county, ""]`) or a township of a county
    /// (`[county, township]`), as typed, is in the site.
    areas_found: HashMap<[String; 2], bool>,
}

/// A sheet's errors reported before reading stops: a roster that is
/// wrong throughout (the wrong file, columns shifted) says so in a
/// screenful, not in a hundred thousand lines.
const MAX_SHEET_ERRORS: usize = 100;

impl<'a> Reading<'a> {
    fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    fn new(
        sheet: &'a Sheet,
        options: &'a Options,
        labels: &'a CodeLabels,
        places: &'a Places,
    ) -> Reading<'a> {
        Reading {
            sheet,
            options,
            labels,
            places,
            rows: Vec::new(),
            cells: Vec::new(),
            problems: Vec::new(),
            stopped: false,
            areas_found: HashMap::new(),
        }
    }

    /// Notes that a value came from `column` of `row`: eight bytes a
    /// cell, since a roster of many rows has a million of them.
    fn cell(&mut self, row: &Row, column: usize) -> CellId {
        self.cells.push((row.number, column as u32));
        self.cells.len() - 1
    }

    /// The cell of `row` at `column` as a problem names and shows it.
    fn cell_of(&self, row: &Row, column: usize) -> Cell {
        Cell {
            at: self.sheet.at(row, column),
            text: row.cell(column).shown(),
            order: (row.number, column),
        }
    }

    /// The cell `id` stands for, once the rows are read.
    fn resolve(&self, id: CellId) -> Cell {
        let (number, column) = self.cells[id];
        let row = self
            .rows
            .binary_search_by_key(&number, |row| row.number)
            .ok()
            .map(|at| &self.rows[at]);
        match row {
            Some(row) => self.cell_of(row, column as usize),
            None => Cell {
                at: self.sheet.at_number(number, column as usize),
                text: String::new(),
                order: (number, column as usize),
            },
        }
    }

    fn problem(&mut self, row: &Row, column: usize, unread: Unread, severity: Severity) {
        self.problems.push(CellProblem {
            cell: self.cell_of(row, column),
            severity,
            message: unread.message,
            hint: unread.hint,
        });
    }

    /// The notices' persons, village by village in the order the sheet
    /// first names each; problems as they are found.
    fn villages(&mut self) -> Vec<VillageRows> {
        let sheet = self.sheet;
        let Some(header_index) = columns::header_row(sheet) else {
            // A CSV file's rows count from line 1, a workbook's from row 0.
            let top = u32::from(sheet.name.is_none());
            let first = sheet.rows.first().map_or(top, |r| r.number);
            let cell = Cell {
                at: sheet.at_number(first, 0),
                text: String::new(),
                order: (first, 0),
            };
            let message = if sheet.rows.is_empty() {
                say!("import.empty_sheet")
            } else {
                say!("import.no_header", rows = columns::HEADER_SEARCH_ROWS)
            };
            self.problems.push(CellProblem {
                cell,
                severity: Severity::Error,
                message,
                hint: Some(say!("hint.import_header")),
            });
            return Vec::new();
        };
        let header = &sheet.rows[header_index];
        let Some(columns) = self.columns(header) else {
            return Vec::new();
        };
        let mut rows: Vec<Row> = sheet.rows[header_index + 1..].to_vec();
        let found = self.read_rows(&mut rows, &columns);
        self.rows = rows;
        found
    }

    /// The persons of `rows` (below the header), village by village.
    fn read_rows(
        &mut self,
        rows: &mut [Row],
        columns: &BTreeMap<Field, usize>,
    ) -> Vec<VillageRows> {
        let sheet = self.sheet;
        if rows.len() > sheet::MAX_ROWS {
            let unread = Unread {
                message: say!(
                    "import.too_many_rows",
                    file = sheet.file,
                    max = sheet::MAX_ROWS
                ),
                hint: Some(say!("hint.import_split")),
            };
            self.problem(&rows[sheet::MAX_ROWS], 0, unread, Severity::Error);
            return Vec::new();
        }
        fill_merged(rows, &sheet.merged);
        let mut found: Vec<VillageRows> = Vec::new();
        let mut index_of: HashMap<usize, usize> = HashMap::new();
        let mut resolved: HashMap<[String; 3], Option<usize>> = HashMap::new();
        for row in rows.iter() {
            if self.errors() >= MAX_SHEET_ERRORS {
                self.stopped = true;
                break;
            }
            let name_column = columns[&Field::NameZh];
            if row.cell(name_column).is_empty() {
                let unread = Unread {
                    message: say!("import.no_name"),
                    hint: Some(say!("hint.import_no_name")),
                };
                self.problem(row, name_column, unread, Severity::Error);
                continue;
            }
            let typed = |field: Field| {
                columns
                    .get(&field)
                    .map_or(String::new(), |c| values::text_of(row.cell(*c)))
            };
            let key = [
                typed(Field::County),
                typed(Field::Township),
                typed(Field::Village),
            ];
            let place = match resolved.get(&key) {
                Some(place) => *place,
                None => {
                    let place = self.place(row, columns, &key);
                    resolved.insert(key, place);
                    place
                }
            };
            let Some(place) = place else { continue };
            let person = self.person(row, columns);
            let index = *index_of.entry(place).or_insert_with(|| {
                found.push(VillageRows {
                    place,
                    cell: usize::MAX,
                    persons: Vec::new(),
                    turnout: None,
                });
                found.len() - 1
            });
            if found[index].cell == usize::MAX {
                found[index].cell = self.cell(row, columns[&Field::Village]);
                if self.options.kind == "results" {
                    found[index].turnout = self.turnout(row, columns);
                }
            }
            if let Some(person) = person {
                found[index].persons.push(person);
            }
        }
        found
    }

    /// Which column holds each field, or `None` when the header has an
    /// error (reported).
    fn columns(&mut self, header: &Row) -> Option<BTreeMap<Field, usize>> {
        let results = self.options.kind == "results";
        let mut map: BTreeMap<Field, usize> = BTreeMap::new();
        let mut ok = true;
        for (column, value) in header.cells.iter().enumerate() {
            let text = value.shown();
            if value.is_empty() {
                continue;
            }
            let merged = self.sheet.merged.iter().find(|(r0, c0, r1, c1)| {
                (*r0..=*r1).contains(&header.number)
                    && (*c0..=*c1).contains(&(column as u32))
                    && (r0, c0) != (r1, c1)
            });
            if let Some(&range) = merged {
                let range = sheet::range_name(range);
                let unread = Unread {
                    message: say!("import.header_merged", range = range),
                    hint: Some(say!("hint.import_header_merged")),
                };
                self.problem(header, column, unread, Severity::Error);
                ok = false;
                continue;
            }
            match columns::field_of(&text) {
                Some(field) if !results && columns::RESULTS.contains(&field) => {}
                Some(field) => {
                    if let std::collections::btree_map::Entry::Vacant(slot) = map.entry(field) {
                        slot.insert(column);
                    } else {
                        let unread = Unread {
                            message: say!(
                                "import.header_twice",
                                header = crate::diagnostics::shown(&text)
                            ),
                            hint: None,
                        };
                        self.problem(header, column, unread, Severity::Error);
                        ok = false;
                    }
                }
                None if columns::quietly_skipped(&text) => {}
                None => {
                    let unread = Unread {
                        message: say!(
                            "import.header_unknown",
                            header = crate::diagnostics::shown(&text)
                        ),
                        hint: Some(say!("hint.import_header")),
                    };
                    self.problem(header, column, unread, Severity::Warning);
                }
            }
        }
        let required = columns::REQUIRED
            .iter()
            .chain(if results { columns::RESULTS } else { &[] });
        for field in required {
            if !map.contains_key(field) {
                let unread = Unread {
                    message: say!("import.missing_column", header = field.header()),
                    hint: Some(say!("hint.import_header")),
                };
                let column = header.cells.len();
                self.problem(header, column, unread, Severity::Error);
                ok = false;
            }
        }
        ok.then_some(map)
    }

    /// The village a row names (`key`: its county, township and village
    /// cells), or `None` with the problem reported.
    fn place(
        &mut self,
        row: &Row,
        columns: &BTreeMap<Field, usize>,
        key: &[String; 3],
    ) -> Option<usize> {
        let [county, township, village] = key;
        let all = &self.places.all;
        let in_county =
            |p: &Place| county.is_empty() || names(county, &p.county.0, p.county.1.as_ref());
        let in_township = |p: &Place| {
            township.is_empty() || names(township, &p.township.0, p.township.1.as_ref())
        };
        // Each county and township typed is looked for once, not once a village.
        let county_found = *self
            .areas_found
            .entry([county.clone(), String::new()])
            .or_insert_with(|| all.iter().any(in_county));
        if !county_found {
            let known = unique(all.iter().map(|p| (&p.county.0, p.county.1.as_ref())));
            let unread = not_found("import.no_county", county, &known);
            self.problem(row, columns[&Field::County], unread, Severity::Error);
            return None;
        }
        let township_found = *self
            .areas_found
            .entry([county.clone(), township.clone()])
            .or_insert_with(|| all.iter().any(|p| in_county(p) && in_township(p)));
        if !township_found {
            let known = unique(
                all.iter()
                    .filter(|p| in_county(p))
                    .map(|p| (&p.township.0, p.township.1.as_ref())),
            );
            let unread = not_found("import.no_township", township, &known);
            self.problem(row, columns[&Field::Township], unread, Severity::Error);
            return None;
        }
        let village_column = columns[&Field::Village];
        if village.is_empty() {
            let unread = Unread {
                message: say!("import.no_village_named"),
                hint: Some(say!("hint.import_merged_village")),
            };
            self.problem(row, village_column, unread, Severity::Error);
            return None;
        }
        let typed = crate::render::i18n::without_final_shad(village.trim());
        let matching: Vec<usize> = [village.trim(), typed]
            .iter()
            .filter_map(|key| self.places.named.get(*key))
            .flatten()
            .copied()
            .filter(|&i| in_county(&all[i]) && in_township(&all[i]))
            .collect::<std::collections::BTreeSet<usize>>()
            .into_iter()
            .collect();
        match matching[..] {
            [one] => Some(one),
            [] => {
                let known: Vec<(&String, Option<&Text>)> = all
                    .iter()
                    .filter(|p| in_county(p) && in_township(p))
                    .map(|p| (&p.file.slug, p.name.as_ref()))
                    .collect();
                let unread = not_found("import.no_village", village, &known);
                self.problem(row, village_column, unread, Severity::Error);
                None
            }
            _ => {
                let paths: Vec<String> = matching.iter().map(|&i| all[i].path()).collect();
                let unread = Unread {
                    message: say!(
                        "import.ambiguous_village",
                        village = crate::diagnostics::shown(village),
                        places = paths.join("、")
                    ),
                    hint: Some(say!("hint.import_ambiguous")),
                };
                self.problem(row, village_column, unread, Severity::Error);
                None
            }
        }
    }

    /// A row's person, or `None` with its problems reported.
    fn person(&mut self, row: &Row, columns: &BTreeMap<Field, usize>) -> Option<Person> {
        let mut ok = true;
        let results = self.options.kind == "results";
        // A half with no column of its own stands at its other half's cell.
        let text_line = |me: &mut Self, field: Field, other: Field, key: &'static str| {
            let (value, cell) = match columns.get(&field) {
                Some(&column) => (values::text_of(row.cell(column)), me.cell(row, column)),
                None => {
                    let column = columns.get(&other).unwrap_or(&columns[&Field::NameZh]);
                    (String::new(), me.cell(row, *column))
                }
            };
            Line {
                key,
                value: format!("\"{}\"", crate::scaffold::quoted(&value)),
                cell,
            }
        };
        let name = (
            text_line(self, Field::NameBo, Field::NameZh, "bo"),
            text_line(self, Field::NameZh, Field::NameZh, "zh"),
        );
        let has_role = [Field::CurrentRoleZh, Field::CurrentRoleBo]
            .iter()
            .any(|f| columns.get(f).is_some_and(|c| !row.cell(*c).is_empty()));
        let current_role = has_role.then(|| {
            (
                text_line(self, Field::CurrentRoleBo, Field::CurrentRoleZh, "bo"),
                text_line(self, Field::CurrentRoleZh, Field::CurrentRoleBo, "zh"),
            )
        });
        let mut lines = Vec::new();
        let coded: [(Field, &'static str, &Labels); 6] = [
            (Field::Gender, "gender", &self.labels.gender),
            (Field::Ethnicity, "ethnicity", &self.labels.ethnicity),
            (Field::Education, "education", &self.labels.education),
            (Field::Party, "party", &self.labels.party),
            (Field::Post, "post", &self.labels.post),
            (Field::Background, "background", &self.labels.background),
        ];
        for (field, key, labels) in coded {
            let Some(&column) = columns.get(&field) else {
                continue;
            };
            if field == Field::Background && row.cell(column).is_empty() {
                continue;
            }
            let line = self.value_line(row, column, key, |value| {
                labels.code_of(&values::text_of(value))
            });
            ok &= line.is_some();
            lines.extend(line);
        }
        let born = self.value_line(row, columns[&Field::Born], "born", values::born);
        ok &= born.is_some();
        // After the gender, as a village file lists them.
        let at = usize::from(lines.first().is_some_and(|l| l.key == "gender"));
        lines.splice(at..at, born);
        if results {
            for (field, key) in [(Field::Votes, "votes"), (Field::Elected, "elected")] {
                let line = self.value_line(row, columns[&field], key, |value| {
                    if field == Field::Votes {
                        values::count(value).map(|n| n.to_string())
                    } else {
                        values::elected(value).map(|e| e.to_string())
                    }
                });
                ok &= line.is_some();
                lines.extend(line);
            }
        }
        ok.then_some(Person {
            name,
            current_role,
            values: lines,
        })
    }

    /// The line `key: VALUE` of the cell at `column` of `row`, its value
    /// read by `read`; or `None`, the cell's problem reported.
    fn value_line<T: ToString>(
        &mut self,
        row: &Row,
        column: usize,
        key: &'static str,
        read: impl FnOnce(&Value) -> Result<T, Unread>,
    ) -> Option<Line> {
        match read(row.cell(column)) {
            Ok(value) => Some(Line {
                key,
                value: value.to_string(),
                cell: self.cell(row, column),
            }),
            Err(unread) => {
                self.problem(row, column, unread, Severity::Error);
                None
            }
        }
    }

    /// A results notice's turnout from its village's first row.
    fn turnout(&mut self, row: &Row, columns: &BTreeMap<Field, usize>) -> Option<Turnout> {
        let mut lines = Vec::new();
        for (field, key) in [
            (Field::Electorate, "electorate"),
            (Field::Cast, "cast"),
            (Field::Valid, "valid"),
        ] {
            lines.extend(self.value_line(row, columns[&field], key, values::count));
        }
        let lines: [Line; 3] = lines.try_into().ok()?;
        Some(Turnout { lines })
    }
}

/// Each area once, by slug, in order.
fn unique<'p>(
    areas: impl Iterator<Item = (&'p String, Option<&'p Text>)>,
) -> Vec<(&'p String, Option<&'p Text>)> {
    let mut seen = std::collections::HashSet::new();
    areas.filter(|(slug, _)| seen.insert(*slug)).collect()
}

/// `typed` names none of `known`: the message under `key`, and the name
/// most likely meant.
fn not_found(key: &str, typed: &str, known: &[(&String, Option<&Text>)]) -> Unread {
    let mut words: Vec<&str> = Vec::new();
    for (slug, name) in known {
        words.push(slug.as_str());
        if let Some(name) = name {
            words.push(name.zh.as_str());
        }
    }
    let holding = known
        .iter()
        .filter_map(|(_, name)| name.as_ref())
        .map(|name| name.zh.as_str())
        .find(|zh| !typed.is_empty() && (zh.contains(typed) || typed.contains(*zh)));
    let hint = holding
        .or_else(|| crate::suggest::closest(typed, &words))
        .map(|meant| say!("hint.did_you_mean", text = meant));
    Unread {
        message: say!(key, name = crate::diagnostics::shown(typed)),
        hint,
    }
}

/// Every cell of a merged range below the header given the range's value,
/// as the clerk meant it (a village's name merged over its persons' rows).
fn fill_merged(rows: &mut [Row], merged: &[(u32, u32, u32, u32)]) {
    for &(a0, b0, a1, b1) in merged {
        // A damaged file may give a range's corners the wrong way round.
        let (r0, r1, c0, c1) = (a0.min(a1), a0.max(a1), b0.min(b1), b0.max(b1));
        let Ok(first) = rows.binary_search_by_key(&r0, |row| row.number) else {
            continue;
        };
        let c0 = c0 as usize;
        let value = rows[first].cell(c0).clone();
        let last_column = (c1 as usize).min(sheet::MAX_COLUMNS - 1);
        if c0 > last_column {
            continue;
        }
        for row in rows[first..].iter_mut().take_while(|row| row.number <= r1) {
            if row.cells.len() <= last_column {
                row.cells.resize(last_column + 1, Value::Empty);
            }
            for cell in &mut row.cells[c0..=last_column] {
                if cell.is_empty() {
                    *cell = value.clone();
                }
            }
        }
    }
}

/// The problems as the import prints them: each cell's first, in the
/// sheet's order, then those of files as `check` prints them; then the
/// summary line.
fn report(problems: &[CellProblem], by_file: &[&Located<'_>], sources: Option<&Sources>) -> String {
    let mut sorted: Vec<&CellProblem> = problems.iter().collect();
    sorted.sort_by_key(|p| (p.cell.order, p.severity));
    let mut out = String::new();
    for problem in sorted {
        let label = crate::diagnostics::label(problem.severity);
        let _ = writeln!(
            out,
            "{}: {label}: {}",
            crate::diagnostics::shown(&problem.cell.at),
            crate::diagnostics::shown(&problem.message)
        );
        if !problem.cell.text.is_empty() {
            let _ = writeln!(out, "  | {}", crate::diagnostics::shown(&problem.cell.text));
        }
        if let Some(hint) = &problem.hint {
            let _ = writeln!(
                out,
                "  = {}: {}",
                say!("report.hint"),
                crate::diagnostics::shown(hint)
            );
        }
        out.push('\n');
    }
    if let Some(sources) = sources {
        for item in by_file {
            out.push_str(&crate::diagnostics::render(item, sources));
            out.push('\n');
        }
    }
    let count = |severity: Severity| {
        problems.iter().filter(|p| p.severity == severity).count()
            + by_file
                .iter()
                .filter(|l| l.diagnostic.severity() == severity)
                .count()
    };
    let _ = writeln!(
        out,
        "{}",
        say!(
            "import.summary",
            errors = fill_count("report.errors", count(Severity::Error), &[]),
            warnings = fill_count("report.warnings", count(Severity::Warning), &[]),
        )
    );
    out
}
