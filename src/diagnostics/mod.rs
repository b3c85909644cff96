//! Problems found in content, where they are, and how they are shown.
//!
//! Every stage pushes [`Diagnostic`]s onto a [`Diagnostics`] it is handed and
//! keeps going, so one run reports everything. A diagnostic names its place
//! either as a position or as a node of a YAML file ([`At::Node`]); nodes are
//! turned into positions only when the report is printed, by walking that one
//! file again (see `diagnostics::locate`), so the happy path never pays for it.
//! All wording lives in [`problem`].

pub(crate) mod locate;
pub mod problem;
mod report;
mod source;

pub use problem::Problem;
pub use report::{label, render, shown, summary};
pub(crate) use source::position_in;
pub use source::{FileId, SourceFile, Sources};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops `build`.
    Error,
    /// Reported; stops `build` only with `--deny-warnings`.
    Warning,
}

/// One step from a YAML node to one of its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    /// A key of a mapping.
    Key(&'static str),
    /// An item of a sequence, counting from 0.
    Index(usize),
}

/// A YAML node, as the steps from the document root.
pub type NodePath = Vec<Seg>;

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// The whole file or folder: reported at line 1, column 1, with no snippet.
    File,
    /// A line and a column (in characters), both counting from 1.
    Pos {
        /// Line, from 1.
        line: usize,
        /// Column in characters, from 1.
        column: usize,
    },
    /// A node of the file's YAML (a markdown file's front matter included).
    Node {
        /// Steps from the document root.
        path: NodePath,
        /// Point at the last step's key rather than at its value.
        key: bool,
    },
}

impl At {
    /// The value at `path`.
    pub fn value(path: NodePath) -> At {
        At::Node { path, key: false }
    }

    /// The key of the last step of `path` (`name:` of a person, `slug:` of a notice).
    pub fn key(path: NodePath) -> At {
        At::Node { path, key: true }
    }
}

/// A problem, the file it is in and where.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The file (or folder) the problem is in.
    pub file: FileId,
    /// Where in that file.
    pub at: At,
    /// What is wrong.
    pub problem: Problem,
}

impl Diagnostic {
    /// Error or warning, decided by the kind of problem.
    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }
}

/// The problems found in one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, file: FileId, at: At, problem: Problem) {
        self.items.push(Diagnostic { file, at, problem });
    }

    /// Takes over every problem of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Takes over a copy of every problem of `other`, as problems of `file`
    /// (problems kept from an earlier run, whose file ids may differ).
    pub fn extend_as(&mut self, file: FileId, other: &Diagnostics) {
        self.items
            .extend(other.items.iter().map(|d| Diagnostic { file, ..d.clone() }));
    }

    /// Whether any problem is an error.
    pub fn has_error(&self) -> bool {
        self.items.iter().any(|d| d.severity() == Severity::Error)
    }

    /// Every problem, in the order recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Number of problems of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    /// Whether any problem in `file` is an error.
    pub fn has_error_in(&self, file: FileId) -> bool {
        self.items
            .iter()
            .any(|d| d.file == file && d.severity() == Severity::Error)
    }

    /// Whether these problems stop a build.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.count(Severity::Error) > 0 || (deny_warnings && self.count(Severity::Warning) > 0)
    }

    /// Whether there are no problems at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every problem with its position resolved, sorted by file path, line
    /// and column (errors first where they coincide).
    pub fn resolved<'a>(&'a self, sources: &'a Sources) -> Vec<Located<'a>> {
        let mut located: Vec<Located<'a>> = self
            .items
            .iter()
            .map(|d| {
                let (line, column) = locate::resolve_position(sources, d.file, &d.at);
                Located {
                    diagnostic: d,
                    path: &sources.get(d.file).path,
                    line,
                    column,
                }
            })
            .collect();
        located.sort_by(|a, b| {
            (a.path, a.line, a.column, a.diagnostic.severity()).cmp(&(
                b.path,
                b.line,
                b.column,
                b.diagnostic.severity(),
            ))
        });
        located
    }
}

/// A diagnostic with its position worked out.
#[derive(Debug)]
pub struct Located<'a> {
    /// The problem.
    pub diagnostic: &'a Diagnostic,
    /// Path of its file, relative to the root.
    pub path: &'a str,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}
