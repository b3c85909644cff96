//! Open data: a JSON file per village with every notice and its computed
//! fields, and region-wide CSV files, one row per person and notice.
//!
//! CSV files start with a byte-order mark so spreadsheet programs read both
//! scripts, and a text cell starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return gets a leading `'` so it is never run as a formula.

use std::sync::Arc;

use serde_json::{json, Value};

use crate::calendar::Status;
use crate::content::codes::Code;
use crate::content::model::Person;
use crate::site::{NoticeView, SiteVillage, VillageContent};

/// A village's JSON file.
pub(super) fn render_village(
    (county, township, village, content): super::Placed<'_>,
    out: &mut super::Out<'_>,
) -> Result<(), String> {
    let json = village_json(village, content);
    let mut bytes = serde_json::to_vec_pretty(&json).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    out.bytes(
        &format!(
            "data/{}/{}/{}.json",
            county.slug, township.slug, village.slug
        ),
        &bytes,
    )
}

/// The region-wide CSV files, handed over in parts: their header rows,
/// then each village's rows as it passes (a country's worth of people is
/// never held at once).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CsvParts {
    /// Rows of `data/candidates.csv`.
    pub candidates: Arc<str>,
    /// Rows of `data/results.csv`.
    pub results: Arc<str>,
}

impl CsvParts {
    /// Where the parts go.
    pub const PATHS: [&'static str; 2] = ["data/candidates.csv", "data/results.csv"];

    /// The first parts: a byte-order mark and the header rows.
    pub fn headers() -> CsvParts {
        CsvParts {
            candidates: Csv::new(&columns(
                &["period_start", "period_end", "status", "working_days_left"],
                &["current_role_bo", "current_role_zh"],
            ))
            .into_text()
            .into(),
            results: Csv::new(&columns(
                &["election_day", "electorate", "cast", "valid"],
                &["votes", "elected"],
            ))
            .into_text()
            .into(),
        }
    }

    /// The parts in the order of [`CsvParts::PATHS`].
    pub fn by_path(&self) -> [&Arc<str>; 2] {
        [&self.candidates, &self.results]
    }
}

/// A village's rows of the region-wide CSV files: one per person and notice.
pub(super) fn village_rows((county, township, village, content): super::Placed<'_>) -> CsvParts {
    let mut candidates = Csv::rows();
    let mut results = Csv::rows();
    for view in content.views(village) {
        let notice = view.notice();
        let area = [
            county.slug.as_str(),
            township.slug.as_str(),
            village.slug.as_str(),
            notice.slug.as_str(),
        ];
        match view {
            NoticeView::Candidates {
                period,
                status,
                candidates: people,
                ..
            } => {
                let (status, left) = status_fields(status);
                for person in people {
                    let mut row = notice_cells(&area, notice.body, notice.published);
                    row.extend([
                        period.start.to_string(),
                        period.last.to_string(),
                        status.into(),
                        left.map(|n| n.to_string()).unwrap_or_default(),
                    ]);
                    row.extend(person_cells(person));
                    let role = person.current_role.as_ref();
                    row.extend([
                        role.map(|r| r.bo.clone()).unwrap_or_default(),
                        role.map(|r| r.zh.clone()).unwrap_or_default(),
                    ]);
                    candidates.row(&row);
                }
            }
            NoticeView::Results {
                election_day,
                turnout,
                results: outcomes,
                ..
            } => {
                for outcome in outcomes {
                    let mut row = notice_cells(&area, notice.body, notice.published);
                    row.extend([
                        election_day.to_string(),
                        turnout.electorate.to_string(),
                        turnout.cast.to_string(),
                        turnout.valid.to_string(),
                    ]);
                    row.extend(person_cells(&outcome.person));
                    row.extend([outcome.votes.to_string(), outcome.elected.to_string()]);
                    results.row(&row);
                }
            }
        }
    }
    CsvParts {
        candidates: candidates.into_text().into(),
        results: results.into_text().into(),
    }
}

/// Columns saying where a row's notice is, then `after_notice`, a person's
/// columns (see [`person_cells`]), then `after_person`.
fn columns(after_notice: &[&'static str], after_person: &[&'static str]) -> Vec<&'static str> {
    const NOTICE: [&str; 6] = [
        "county",
        "township",
        "village",
        "notice",
        "body",
        "published",
    ];
    const PERSON: [&str; 9] = [
        "name_bo",
        "name_zh",
        "gender",
        "born",
        "ethnicity",
        "education",
        "party",
        "post",
        "background",
    ];
    [&NOTICE[..], after_notice, &PERSON[..], after_person].concat()
}

/// The cells of the notice columns.
fn notice_cells(
    area: &[&str; 4],
    body: crate::content::codes::Body,
    published: jiff::civil::Date,
) -> Vec<String> {
    let mut cells: Vec<String> = area.iter().map(|s| (*s).to_owned()).collect();
    cells.extend([body.as_str().to_owned(), published.to_string()]);
    cells
}

fn status_fields(status: Status) -> (&'static str, Option<u32>) {
    match status {
        Status::Upcoming => ("upcoming", None),
        Status::Open { working_days_left } => ("open", Some(working_days_left)),
        Status::Closed => ("closed", None),
    }
}

fn person_cells(person: &Person) -> Vec<String> {
    vec![
        person.name.bo.clone(),
        person.name.zh.clone(),
        person.gender.as_str().into(),
        person.born.to_string(),
        person.ethnicity.as_str().into(),
        person.education.as_str().into(),
        person.party.as_str().into(),
        person.post.as_str().into(),
        person
            .background
            .map(|b| b.as_str().to_owned())
            .unwrap_or_default(),
    ]
}

fn person_json(person: &Person) -> Value {
    json!({
        "name": { "bo": person.name.bo, "zh": person.name.zh },
        "gender": person.gender.as_str(),
        "born": person.born.to_string(),
        "ethnicity": person.ethnicity.as_str(),
        "education": person.education.as_str(),
        "party": person.party.as_str(),
        "post": person.post.as_str(),
        "background": person.background.map(|b| b.as_str()),
        "current_role": person.current_role.as_ref().map(|r| json!({ "bo": r.bo, "zh": r.zh })),
    })
}

fn village_json(village: &SiteVillage, content: &VillageContent<'_>) -> Value {
    let notices: Vec<Value> = content
        .views(village)
        .map(|view| {
            let notice = view.notice();
            let mut value = json!({
                "slug": notice.slug,
                "body": notice.body.as_str(),
                "published": notice.published.to_string(),
                "draft": notice.draft,
                "scheduled": notice.scheduled,
                "corrections": view.corrections().iter().map(|c| json!({
                    "date": c.date.to_string(),
                    "note": { "bo": c.note.bo, "zh": c.note.zh },
                })).collect::<Vec<_>>(),
            });
            let fields = match view {
                NoticeView::Candidates { period, status, seats, candidates, .. } => {
                    let (status, left) = status_fields(status);
                    json!({
                        "type": "candidates",
                        "period_start": period.start.to_string(),
                        "period_end": period.last.to_string(),
                        "status": status,
                        "working_days_left": left,
                        "seats": seats.iter().map(|(p, n)| (p.as_str().to_owned(), json!(n))).collect::<serde_json::Map<_, _>>(),
                        "candidates": candidates.iter().map(person_json).collect::<Vec<_>>(),
                    })
                }
                NoticeView::Results { election_day, turnout, seats, results, .. } => json!({
                    "type": "results",
                    "election_day": election_day.to_string(),
                    "turnout": { "electorate": turnout.electorate, "cast": turnout.cast, "valid": turnout.valid },
                    "seats": seats.iter().map(|(p, n)| (p.as_str().to_owned(), json!(n))).collect::<serde_json::Map<_, _>>(),
                    "results": results.iter().map(|r| {
                        let mut person = person_json(&r.person);
                        person["votes"] = json!(r.votes);
                        person["elected"] = json!(r.elected);
                        person
                    }).collect::<Vec<_>>(),
                }),
            };
            if let (Value::Object(map), Value::Object(extra)) = (&mut value, fields) {
                map.extend(extra);
            }
            value
        })
        .collect();
    json!({
        "slug": village.slug,
        "name": { "bo": village.name.bo, "zh": village.name.zh },
        "kind": village.kind.as_str(),
        "notices": notices,
    })
}

/// A CSV file being written: UTF-8 with a byte-order mark, CRLF line ends.
pub(super) struct Csv {
    text: String,
}

impl Csv {
    /// Rows to follow a header written before.
    pub(super) fn rows() -> Csv {
        Csv {
            text: String::new(),
        }
    }

    /// A file with its header row.
    pub(super) fn new(header: &[&str]) -> Csv {
        let mut csv = Csv {
            text: String::from("\u{feff}"),
        };
        let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        csv.row(&header);
        csv
    }

    /// Adds a row.
    pub(super) fn row(&mut self, cells: &[String]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            self.text.push_str(&cell_text(cell));
        }
        self.text.push_str("\r\n");
    }
}

impl Csv {
    /// The finished file.
    pub(super) fn into_text(self) -> String {
        self.text
    }
}

/// One cell, guarded against formulas and quoted where needed.
fn cell_text(cell: &str) -> String {
    let guarded = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::cell_text;

    #[test]
    fn cells_never_run_as_formulas() {
        assert_eq!(cell_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell_text("-1"), "'-1");
        assert_eq!(cell_text("扎西, 卓玛"), "\"扎西, 卓玛\"");
        assert_eq!(cell_text("2021-01-10"), "2021-01-10");
    }
}
