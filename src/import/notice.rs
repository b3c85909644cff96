//! A notice as YAML lines, each line knowing the cell it came from, so a
//! problem `check` finds on a line is reported at that cell.

/// Which cell a line came from: an index into the import's list of cells.
pub(super) type CellId = usize;

/// What a notice says besides its persons: the command line's flags.
#[derive(Debug, Clone)]
pub(super) struct Head {
    /// `slug:`.
    pub(super) slug: String,
    /// `candidates` or `results`.
    pub(super) kind: &'static str,
    /// `party_branch` or `committee`.
    pub(super) body: &'static str,
    /// `published:`, as `YYYY-MM-DD`.
    pub(super) published: String,
    /// `period:` as an inline mapping (candidates).
    pub(super) period: Option<String>,
    /// `seats:` as an inline mapping (candidates).
    pub(super) seats: Option<String>,
    /// `election_day:` (results).
    pub(super) election_day: Option<String>,
}

/// One value of a person, written as `key: value` (the value already in
/// YAML), from a cell.
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// The key (`gender`), or for a text's half `bo`/`zh` under `parent`.
    pub(super) key: &'static str,
    /// The YAML value.
    pub(super) value: String,
    /// Where it came from.
    pub(super) cell: CellId,
}

/// A person: their name's halves, then their other values in the village
/// file's order.
#[derive(Debug, Clone)]
pub(super) struct Person {
    /// `name: { bo, zh }`: the Tibetan and Chinese halves.
    pub(super) name: (Line, Line),
    /// `current_role: { bo, zh }`, if the roster gives one.
    pub(super) current_role: Option<(Line, Line)>,
    /// Every other value.
    pub(super) values: Vec<Line>,
}

/// A results notice's turnout, from its village's first row.
#[derive(Debug, Clone)]
pub(super) struct Turnout {
    /// `electorate`, `cast` and `valid`.
    pub(super) lines: [Line; 3],
}

/// The notice's lines at the top level (`- slug: …` at column 0), each
/// with the cell it came from; `village_cell` stands for the notice as a
/// whole (its `slug:` line and the lines written from the flags).
pub(super) fn lines(
    head: &Head,
    persons: &[Person],
    turnout: Option<&Turnout>,
    village_cell: CellId,
) -> Vec<(String, CellId)> {
    let mut out: Vec<(String, CellId)> = Vec::new();
    let mut put = |text: String, cell: CellId| out.push((text, cell));
    put(format!("- slug: {}", head.slug), village_cell);
    put(format!("  type: {}", head.kind), village_cell);
    put(format!("  body: {}", head.body), village_cell);
    put(format!("  published: {}", head.published), village_cell);
    if let Some(period) = &head.period {
        put(format!("  period: {period}"), village_cell);
    }
    if let Some(seats) = &head.seats {
        put(format!("  seats: {seats}"), village_cell);
    }
    if let Some(day) = &head.election_day {
        put(format!("  election_day: {day}"), village_cell);
    }
    if let Some(turnout) = turnout {
        put("  turnout:".to_owned(), turnout.lines[0].cell);
        for line in &turnout.lines {
            put(format!("    {}: {}", line.key, line.value), line.cell);
        }
    }
    put(format!("  {}:", head.kind), village_cell);
    for person in persons {
        let (bo, zh) = &person.name;
        put("    - name:".to_owned(), zh.cell);
        put(format!("        bo: {}", bo.value), bo.cell);
        put(format!("        zh: {}", zh.value), zh.cell);
        for line in &person.values {
            put(format!("      {}: {}", line.key, line.value), line.cell);
        }
        if let Some((bo, zh)) = &person.current_role {
            put("      current_role:".to_owned(), zh.cell);
            put(format!("        bo: {}", bo.value), bo.cell);
            put(format!("        zh: {}", zh.value), zh.cell);
        }
    }
    out
}
