//! The theme: Tera templates, static files and i18n catalogs. The default
//! theme is built into the binary, so an empty project works; a site's
//! `themes/default/` overrides its templates and static files file by
//! file and its catalogs key by key. Another theme is its folder alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use tera::Tera;
use walkdir::WalkDir;

use super::i18n::{check_pair, Catalog, CatalogOverride, PairProblem};

macro_rules! embedded {
    ($($path:literal),+ $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../themes/default/", $path)) as &[u8])),+]
    };
}

/// The default theme's files, relative to its folder: every file of
/// `themes/default/` (a unit test holds the two together).
pub(crate) const DEFAULT_THEME: &[(&str, &[u8])] = embedded!(
    "templates/macros.html",
    "templates/base.html",
    "templates/landing.html",
    "templates/home.html",
    "templates/area.html",
    "templates/village.html",
    "templates/notice.html",
    "templates/print.html",
    "templates/announcements.html",
    "templates/announcement.html",
    "templates/stats.html",
    "templates/404.html",
    "templates/atom.xml",
    "templates/sitemap.xml",
    "templates/sitemap_index.xml",
    "templates/search.html",
    "static/style.css",
    "static/search.js",
    "static/fonts/NotoSerifTibetan-Regular.woff2",
    "static/fonts/OFL.txt",
    "static/fonts/README.md",
    "i18n/bo.yaml",
    "i18n/zh.yaml",
);

/// A loaded theme, ready to render.
pub struct Theme {
    /// Compiled templates.
    pub tera: Tera,
    /// Files published under `/static/`, by path below `static/`.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Tibetan strings.
    pub bo: Catalog,
    /// Chinese strings.
    pub zh: Catalog,
    /// Where each catalog came from, `bo` then `zh` (the site's file
    /// where it has one, else the built-in one), to place problems in it.
    pub catalog_files: [CatalogFile; 2],
    /// What the site's own files change of the built-in theme.
    pub overrides: Overrides,
    /// A hash of every file of the theme: a page may change when it does.
    pub key: u64,
    /// Per template, a hash of its source and of what it builds on.
    template_keys: BTreeMap<String, u64>,
    /// Per template, the interface strings it and what it builds on use
    /// (`None`: it may use any).
    template_strings: BTreeMap<String, Option<BTreeSet<String>>>,
}

/// A catalog file as read.
#[derive(Debug, Clone)]
pub struct CatalogFile {
    /// Its path as a site would write it (`themes/default/i18n/bo.yaml`,
    /// whether the site's or the built-in one).
    pub path: String,
    /// Its text.
    pub text: String,
    /// Its own `unconfirmed:` list (a site's file lays its list over the
    /// built-in one, see [`Catalog::overlay`]).
    pub listed: Vec<String>,
}

/// What a site's `themes/<name>/` changes of the built-in theme: where a
/// page's text comes from (`check --verbose`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// The theme folder, below the root (`themes/default`).
    pub folder: String,
    /// The theme is the site's own (not `default`): every file is the
    /// site's, none built in.
    pub own: bool,
    /// Templates and static files of the site's folder that differ from
    /// the built-in ones or add to them, below the theme folder.
    pub files: Vec<String>,
    /// How many of the site's templates and static files are the same as
    /// the built-in ones.
    pub same_files: usize,
    /// Per catalog, `bo` then `zh`: the keys whose text the site's file
    /// changes or adds (as `unconfirmed:` names them).
    pub keys: [Vec<String>; 2],
    /// Per catalog: how many keys the site's file gives with the built-in text.
    pub same_keys: [usize; 2],
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("statics", &self.statics.keys())
            .finish_non_exhaustive()
    }
}

/// Why a theme cannot be used. Each problem names its file below the
/// site's root; the checks turn them into diagnostics of those files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeProblem {
    /// `site.yaml`'s `theme` is not a folder name (`../elsewhere`).
    NotAFolderName(String),
    /// There is no folder `themes/<name>/` (and the name is not `default`).
    NoSuchFolder(String),
    /// A file or folder could not be read.
    Unreadable {
        /// Below the root.
        path: String,
        /// The system's reason.
        why: String,
    },
    /// A file every theme needs is missing.
    Missing(String),
    /// A file is not UTF-8.
    NotUtf8(String),
    /// A catalog is not valid YAML of a catalog's shape.
    BadCatalog {
        /// Below the root.
        path: String,
        /// The catalog's text, for the report to show the line.
        text: String,
        /// Line and column (from 1) where the parser stopped, if it says.
        at: Option<(usize, usize)>,
        /// The parser's words.
        why: String,
    },
    /// The two catalogs do not agree.
    Catalog {
        /// The catalog that lacks something, below the root.
        path: String,
        /// What.
        problem: PairProblem,
    },
    /// A site's catalog, laid over the built-in one, gives a key that
    /// neither the built-in catalogs nor its other language have (a typo
    /// such as `ui.perod`): it would change nothing.
    UnknownKey {
        /// The site's catalog, below the root.
        path: String,
        /// Its text, for the report to show the line.
        text: String,
        /// Line and column (from 1) of the key, where it can be found.
        at: Option<(usize, usize)>,
        /// The key as `unconfirmed:` names it (`ui.perod`).
        key: String,
        /// The built-in key it probably means.
        suggestion: Option<String>,
    },
    /// A template does not parse.
    BadTemplate {
        /// The template, below the root (or the templates folder, if the
        /// engine does not say which).
        path: String,
        /// Its text, for the report to show the line.
        text: String,
        /// Line and column (from 1), if the engine says.
        at: Option<(usize, usize)>,
        /// The engine's words.
        why: String,
        /// Whether it is written for Tera 1 (see [`written_for_tera1`]).
        tera1: bool,
    },
}

impl ThemeProblem {
    /// A template that Tera cannot use, from its error: a syntax error
    /// names the template and the place; other errors (a missing parent,
    /// a circular `extends`) name the template in their words only.
    fn template(dir: &str, templates: &[(String, String)], err: &tera::Error) -> ThemeProblem {
        let report = match err.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                Some(report)
            }
            _ => None,
        };
        let named = report
            .and_then(|r| templates.iter().find(|(t, _)| t == r.filename()))
            .or_else(|| {
                let words = err.to_string();
                let name = words.split(['\'', '"', '`']).nth(1)?.to_owned();
                templates.iter().find(|(t, _)| *t == name)
            });
        let why = report.map_or_else(|| error_chain(err), |r| r.message().to_owned());
        match named {
            Some((name, text)) => ThemeProblem::BadTemplate {
                path: format!("{dir}/templates/{name}"),
                text: text.clone(),
                at: report.map(|r| (r.span().start_line, r.span().start_col + 1)),
                why,
                tera1: written_for_tera1(text),
            },
            None => ThemeProblem::BadTemplate {
                path: format!("{dir}/templates"),
                text: String::new(),
                at: None,
                why,
                tera1: templates.iter().any(|(_, text)| written_for_tera1(text)),
            },
        }
    }
}

/// One language's catalog as loaded, with what the site's file did to it.
struct LoadedCatalog {
    file: CatalogFile,
    catalog: Catalog,
    /// Keys whose text the site's file changes or adds.
    changed: Vec<String>,
    /// How many keys the site's file gives with the built-in text.
    same_keys: usize,
    /// Keys the site's file gives that the built-in catalog lacks.
    new_keys: Vec<String>,
}

impl LoadedCatalog {
    fn new(path: String, text: String, listed: Vec<String>, catalog: Catalog) -> LoadedCatalog {
        LoadedCatalog {
            file: CatalogFile { path, text, listed },
            catalog,
            changed: Vec::new(),
            same_keys: 0,
            new_keys: Vec::new(),
        }
    }
}

/// Every file of a theme folder, by path below it (`templates/notice.html`).
fn read_folder(folder: &Path, dir: &str) -> Result<BTreeMap<String, Vec<u8>>, Vec<ThemeProblem>> {
    let unreadable = |path: String, e: &dyn std::fmt::Display| {
        vec![ThemeProblem::Unreadable {
            path,
            why: e.to_string(),
        }]
    };
    let mut files = BTreeMap::new();
    for entry in WalkDir::new(folder).sort_by_file_name() {
        let entry = entry.map_err(|e| unreadable(dir.to_owned(), &e))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(folder).unwrap_or(entry.path());
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = rel.join("/");
        let bytes =
            std::fs::read(entry.path()).map_err(|e| unreadable(format!("{dir}/{rel}"), &e))?;
        files.insert(rel, bytes);
    }
    Ok(files)
}

/// The text of a built-in theme file (empty for a name it lacks, which
/// the unit tests rule out for the catalogs).
fn built_in_text(rel: &str) -> &'static str {
    DEFAULT_THEME
        .iter()
        .find(|(path, _)| *path == rel)
        .and_then(|(_, bytes)| std::str::from_utf8(bytes).ok())
        .unwrap_or("")
}

/// A catalog file's YAML (a byte-order mark allowed), or the problem
/// placed where the parser stopped.
fn parse_catalog<T: serde::de::DeserializeOwned>(
    path: &str,
    source: &str,
) -> Result<T, Vec<ThemeProblem>> {
    serde_yaml::from_str(source.trim_start_matches('\u{feff}')).map_err(|e| {
        vec![ThemeProblem::BadCatalog {
            path: path.to_owned(),
            text: source.to_owned(),
            at: e.location().map(|l| (l.line(), l.column())),
            why: e.to_string(),
        }]
    })
}

/// The keys a site's catalogs give that would change nothing: an
/// interface string neither the built-in catalogs nor the site's other
/// language has (a site may add a string for a template of its own, in
/// both languages), and a code label the built-in catalogs do not have.
fn unknown_keys(bo: &LoadedCatalog, zh: &LoadedCatalog) -> Vec<ThemeProblem> {
    let mut problems = Vec::new();
    for (this, other) in [(bo, zh), (zh, bo)] {
        for key in &this.new_keys {
            let in_other = key
                .strip_prefix("ui.")
                .is_some_and(|k| other.catalog.ui.contains_key(k));
            if in_other || key == "language_name" || key.starts_with("dates.") {
                continue;
            }
            let known: Vec<String> = this
                .catalog
                .keys()
                .into_iter()
                .filter(|k| !this.new_keys.contains(k))
                .collect();
            let names: Vec<&str> = known.iter().map(String::as_str).collect();
            let steps: Vec<&str> = key.split('.').collect();
            problems.push(ThemeProblem::UnknownKey {
                path: this.file.path.clone(),
                text: this.file.text.clone(),
                at: key_position(&this.file.text, &steps),
                key: key.clone(),
                suggestion: crate::suggest::closest(key, &names).map(str::to_owned),
            });
        }
    }
    problems
}

/// Line and column (from 1) of the key at the end of `steps` in a YAML
/// text written as block mappings (`ui:` then `  perod: …`), found by
/// reading lines; `None` where the text is written otherwise.
fn key_position(text: &str, steps: &[&str]) -> Option<(usize, usize)> {
    let mut lines = text.lines().enumerate();
    let mut indent = None;
    for (depth, step) in steps.iter().enumerate() {
        let (number, column) = lines.find_map(|(number, line)| {
            let trimmed = line.trim_start_matches(' ');
            let column = line.len() - trimmed.len();
            let deeper = indent.is_none_or(|outer| column > outer);
            let named = [
                format!("{step}:"),
                format!("\"{step}\":"),
                format!("'{step}':"),
            ]
            .iter()
            .any(|written| trimmed.starts_with(written.as_str()));
            (deeper && named).then_some((number, column))
        })?;
        indent = Some(column);
        if depth + 1 == steps.len() {
            return Some((number + 1, column + 1));
        }
    }
    None
}

/// Whether a template uses what only Tera 1 had (gongshi before Tera 2):
/// macros, `import`, calls through `self::` or an import's `name::`.
fn written_for_tera1(text: &str) -> bool {
    ["endmacro", "{% import", "{%- import", "self::", "m::"]
        .iter()
        .any(|old| text.contains(old))
}

impl Theme {
    /// Loads theme `name`: for `default`, the built-in theme with the files
    /// of `root/themes/default/` over it (a catalog there laid over the
    /// built-in one key by key, see [`Catalog::overlay`]); for another
    /// name, the files of `root/themes/<name>/` alone. Errors name the file. A
    /// `name` that is not a folder name (`../elsewhere`, `/abs`, `a/b`) is
    /// refused, so no theme is ever read from outside `themes/`, whether
    /// or not the settings were checked.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<ThemeProblem>> {
        if !crate::content::is_slug(name) {
            return Err(vec![ThemeProblem::NotAFolderName(name.to_owned())]);
        }
        let dir = format!("themes/{name}");
        let built_in = name == "default";
        let folder = root.join("themes").join(name);
        let own = if folder.is_dir() {
            read_folder(&folder, &dir)?
        } else if built_in {
            BTreeMap::new()
        } else {
            return Err(vec![ThemeProblem::NoSuchFolder(name.to_owned())]);
        };
        let mut overrides = Overrides {
            folder: dir.clone(),
            own: !built_in,
            ..Overrides::default()
        };
        let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        if built_in {
            files.extend(
                DEFAULT_THEME
                    .iter()
                    .map(|(p, b)| ((*p).to_owned(), b.to_vec())),
            );
            for (rel, bytes) in &own {
                let shown = rel.starts_with("templates/") || rel.starts_with("static/");
                if !shown {
                    continue;
                }
                if files.get(rel) == Some(bytes) {
                    overrides.same_files += 1;
                } else {
                    overrides.files.push(rel.clone());
                }
            }
        }
        files.extend(own.clone());
        // The built-in catalogs count too where the site's lie over them.
        let key = crate::keys::hash_of(&(env!("CARGO_PKG_VERSION"), &files, built_in));
        let text = |path: &str| -> Result<String, Vec<ThemeProblem>> {
            let bytes = files
                .get(path)
                .ok_or_else(|| vec![ThemeProblem::Missing(format!("{dir}/{path}"))])?;
            String::from_utf8(bytes.clone())
                .map_err(|_| vec![ThemeProblem::NotUtf8(format!("{dir}/{path}"))])
        };
        let catalog = |lang: &str| -> Result<LoadedCatalog, Vec<ThemeProblem>> {
            let rel = format!("i18n/{lang}.yaml");
            let path = format!("{dir}/{rel}");
            if !built_in {
                let source = text(&rel)?;
                let catalog: Catalog = parse_catalog(&path, &source)?;
                let listed = catalog.unconfirmed.clone();
                return Ok(LoadedCatalog::new(path, source, listed, catalog));
            }
            let base = built_in_text(&rel);
            let mut catalog: Catalog = parse_catalog(&path, base)?;
            if !own.contains_key(&rel) {
                let listed = catalog.unconfirmed.clone();
                return Ok(LoadedCatalog::new(path, base.to_owned(), listed, catalog));
            }
            let source = text(&rel)?;
            let over: Option<CatalogOverride> = parse_catalog(&path, &source)?;
            let over = over.unwrap_or_default();
            let base_keys = catalog.keys();
            let given = over.keys();
            let listed = over.unconfirmed.clone();
            let changed = catalog.overlay(over);
            let mut loaded = LoadedCatalog::new(path, source, listed, catalog);
            loaded.same_keys = given.len().saturating_sub(changed.len());
            loaded.changed = changed;
            loaded.new_keys = given
                .into_iter()
                .filter(|key| !base_keys.contains(key))
                .collect();
            Ok(loaded)
        };
        let (mut bo, mut zh) = (catalog("bo")?, catalog("zh")?);
        let unknown = unknown_keys(&bo, &zh);
        let reported = |key: &str| {
            unknown.iter().any(|u| {
                matches!(u, ThemeProblem::UnknownKey { key: k, .. } if k.strip_prefix("ui.") == Some(key))
            })
        };
        let mut problems: Vec<ThemeProblem> = check_pair(&bo.catalog, &zh.catalog)
            .into_iter()
            .filter(|(_, problem)| match problem {
                // Reported at the key, in the file that has it.
                PairProblem::MissingKey { key, .. } => !reported(key),
                _ => true,
            })
            .map(|(lang, problem)| ThemeProblem::Catalog {
                path: format!("{dir}/i18n/{lang}.yaml"),
                problem,
            })
            .collect();
        problems.extend(unknown);
        if !problems.is_empty() {
            return Err(problems);
        }
        overrides.keys = [
            std::mem::take(&mut bo.changed),
            std::mem::take(&mut zh.changed),
        ];
        overrides.same_keys = [bo.same_keys, zh.same_keys];
        let catalog_files = [bo.file, zh.file];
        let mut tera = Tera::new();
        tera.set_escape_fn(escape_html_to);
        let templates: Vec<(String, String)> = files
            .keys()
            .filter_map(|p| {
                p.strip_prefix("templates/")
                    .map(|t| (p.clone(), t.to_owned()))
            })
            .map(|(path, template)| text(&path).map(|source| (template, source)))
            .collect::<Result<_, _>>()?;
        let template_keys = template_keys(&templates);
        let template_strings = template_strings(&templates);
        tera.add_raw_templates(templates.clone())
            .map_err(|e| vec![ThemeProblem::template(&dir, &templates, &e)])?;
        let statics = files
            .into_iter()
            .filter_map(|(p, b)| p.strip_prefix("static/").map(|s| (s.to_owned(), b)))
            .collect();
        Ok(Theme {
            tera,
            statics,
            bo: bo.catalog,
            zh: zh.catalog,
            catalog_files,
            overrides,
            key,
            template_keys,
            template_strings,
        })
    }

    /// A hash of everything template `name` is made of: a page rendered
    /// with it must render again when this changes.
    pub fn template_key(&self, name: &str) -> u64 {
        self.template_keys.get(name).copied().unwrap_or(0)
    }

    /// The interface strings of `ui` that template `name` can use, as its
    /// `t`: copied into every page's context, so only those it names.
    pub(crate) fn strings_for(&self, name: &str, ui: &BTreeMap<String, String>) -> tera::Value {
        let used = self.template_strings.get(name).and_then(Option::as_ref);
        let map: tera::Map = ui
            .iter()
            .filter(|(key, _)| used.is_none_or(|used| used.contains(*key)))
            .map(|(k, v)| (k.clone().into(), tera::Value::from(v.as_str())))
            .collect();
        tera::Value::from(map)
    }

    /// The names of the templates.
    pub(crate) fn template_names(&self) -> impl Iterator<Item = &str> {
        self.template_keys.keys().map(String::as_str)
    }
}

/// The templates each page template may build on (`extends`, `import`,
/// `include`): for the default theme's pages, `base.html` and
/// `macros.html`; in a theme with templates of other names, all of them.
fn inputs_of<'t>(templates: &'t [(String, String)], name: &str) -> Vec<&'t (String, String)> {
    const SHARED: &[&str] = &["base.html", "macros.html"];
    const PAGES: &[&str] = &[
        "landing.html",
        "home.html",
        "area.html",
        "village.html",
        "notice.html",
        "print.html",
        "announcements.html",
        "announcement.html",
        "stats.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "sitemap_index.xml",
        "search.html",
    ];
    let only_known = templates
        .iter()
        .all(|(name, _)| SHARED.contains(&name.as_str()) || PAGES.contains(&name.as_str()));
    templates
        .iter()
        .filter(|(other, _)| other == name || !only_known || SHARED.contains(&other.as_str()))
        .collect()
}

/// Per template, the keys of `t` named in it and what it builds on.
fn template_strings(templates: &[(String, String)]) -> BTreeMap<String, Option<BTreeSet<String>>> {
    templates
        .iter()
        .map(|(name, _)| {
            let sources = inputs_of(templates, name);
            let used = sources
                .iter()
                .try_fold(BTreeSet::new(), |mut used, (_, source)| {
                    used.extend(strings_named(source)?);
                    Some(used)
                });
            (name.clone(), used)
        })
        .collect()
}

/// The keys in every `t.key` of a template's tags; `None` if `t` appears
/// in a tag any other way (`t[k]`, `x=t`), when any key may be used. `t`
/// as a macro's parameter and passed on as `t=t` keeps its name, so the
/// keys the macro uses are among those found.
fn strings_named(source: &str) -> Option<BTreeSet<String>> {
    let mut used = BTreeSet::new();
    let mut rest = source;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = match after.as_bytes().first() {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                rest = after;
                continue;
            }
        };
        let Some(end) = after.find(close) else { break };
        let tag = &after[1..end];
        rest = &after[end + close.len()..];
        let words = tag.trim_start_matches(['-', ' ', '\n']);
        if words.starts_with("macro ") {
            continue;
        }
        strings_in_tag(tag, &mut used)?;
    }
    Some(used)
}

/// Adds the keys of the `t.key` in one tag's text; `None` if `t` is used whole.
fn strings_in_tag(tag: &str, used: &mut BTreeSet<String>) -> Option<()> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let is_t = |text: &str| {
        text.strip_suffix('t')
            .is_some_and(|b| !b.ends_with(|c: char| is_ident(c) || c == '.'))
    };
    for (at, _) in tag.match_indices('t') {
        let (before, after) = (&tag[..at], &tag[at + 1..]);
        if before.ends_with(|c: char| is_ident(c) || c == '.') || after.starts_with(is_ident) {
            continue; // part of another name
        }
        if let Some(path) = after.strip_prefix('.') {
            let key: String = path.chars().take_while(|&c| is_ident(c)).collect();
            if key.is_empty() {
                return None;
            }
            used.insert(key);
            continue;
        }
        // `t=t`: the keyword argument named `t`, and the `t` passed to it.
        let after = after.trim_start();
        let is_name = after.starts_with('=') && !after.starts_with("==");
        let is_value = before
            .trim_end()
            .strip_suffix('=')
            .is_some_and(|b| is_t(b.trim_end()));
        if !(is_name || is_value) {
            return None;
        }
    }
    Some(())
}

/// A hash of each template with what it builds on ([`inputs_of`]) and
/// gongshi's version: a new gongshi may make the same page differently.
fn template_keys(templates: &[(String, String)]) -> BTreeMap<String, u64> {
    templates
        .iter()
        .map(|(name, _)| {
            let inputs = inputs_of(templates, name);
            (
                name.clone(),
                crate::keys::hash_of(&(env!("CARGO_PKG_VERSION"), inputs)),
            )
        })
        .collect()
}

/// Escapes text for HTML: `&`, `<`, `>`, `"` and `'`, the set Tera 1's
/// pages had (less its `/`, which bloated every link for no safety
/// gained), so pages are the same whichever of Tera 2's escapers its
/// features choose.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into memory cannot fail, and entities keep the text UTF-8.
    let _ = escape_html_to(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`escape_html`] as Tera calls it, for every value a page shows:
/// straight into the page, the runs between entities copied whole.
fn escape_html_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let Some(entity) = entity(byte) else {
            continue;
        };
        out.write_all(&text.as_bytes()[start..i])?;
        out.write_all(entity.as_bytes())?;
        start = i + 1;
    }
    out.write_all(&text.as_bytes()[start..])
}

/// The entity that stands for `byte` in HTML text and attributes, if it
/// needs one.
fn entity(byte: u8) -> Option<&'static str> {
    Some(match byte {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        b'\'' => "&#39;",
        _ => return None,
    })
}

/// Tera's error with its causes, which hold the useful part.
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{escape_html, strings_named, Theme, DEFAULT_THEME};

    #[test]
    fn a_theme_is_a_folder_under_themes_never_a_path() {
        let root = tempfile::tempdir().unwrap();
        // A complete theme beside the site, where `../elsewhere` would lead.
        let elsewhere = root.path().join("elsewhere");
        for (path, bytes) in DEFAULT_THEME {
            let file = elsewhere.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, bytes).unwrap();
        }
        let site = root.path().join("site");
        std::fs::create_dir_all(site.join("themes")).unwrap();
        let name = elsewhere.to_str().unwrap().to_owned();
        for name in [
            "../elsewhere",
            "themes/../../elsewhere",
            &name,
            "a/b",
            "",
            "con",
        ] {
            let err = Theme::load(&site, name).unwrap_err();
            assert_eq!(err, [super::ThemeProblem::NotAFolderName(name.to_owned())]);
        }
        assert!(Theme::load(&site, "default").is_ok());
        std::fs::rename(&elsewhere, site.join("themes/plain")).unwrap();
        assert!(Theme::load(&site, "plain").is_ok());
    }

    #[test]
    fn every_file_of_themes_default_is_built_in() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: std::collections::BTreeSet<String> = walkdir::WalkDir::new(&folder)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&folder).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        let built_in: std::collections::BTreeSet<String> =
            DEFAULT_THEME.iter().map(|(p, _)| (*p).to_owned()).collect();
        let forgotten: Vec<String> = on_disk
            .difference(&built_in)
            .map(|path| {
                format!(
                    "themes/default/{path} is not built into gongshi: add \"{path}\" to \
                     DEFAULT_THEME in src/render/theme.rs"
                )
            })
            .collect();
        assert!(forgotten.is_empty(), "{}", forgotten.join("\n"));
        let gone: Vec<&String> = built_in.difference(&on_disk).collect();
        assert!(
            gone.is_empty(),
            "DEFAULT_THEME in src/render/theme.rs lists {gone:?}, which themes/default/ lacks"
        );
        for (path, bytes) in DEFAULT_THEME {
            assert_eq!(std::fs::read(folder.join(path)).unwrap(), *bytes, "{path}");
        }
    }

    fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let site = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let file = site.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        site
    }

    #[test]
    fn a_site_catalog_overrides_key_by_key() {
        let built_in = Theme::load(tempfile::tempdir().unwrap().path(), "default").unwrap();
        let site = site_with(&[(
            "themes/default/i18n/zh.yaml",
            "# 只改一个键\nui:\n  period: \"公示时段\"\n  home: \"首页\"\ncodes:\n  gender: { female: \"女性\" }\ndates:\n  day: \"{year}/{month}/{day}\"\n",
        )]);
        let theme = Theme::load(site.path(), "default").unwrap();
        assert_eq!(theme.zh.ui("period"), "公示时段");
        assert_eq!(theme.zh.code("gender", "female"), "女性");
        assert_eq!(theme.zh.dates.day, "{year}/{month}/{day}");
        for key in built_in.zh.keys() {
            if !["ui.period", "codes.gender.female", "dates.day"].contains(&key.as_str()) {
                assert_eq!(theme.zh.text(&key), built_in.zh.text(&key), "{key}");
            }
        }
        assert_eq!(theme.bo.keys(), built_in.bo.keys());
        assert_eq!(
            theme.overrides.keys[1],
            ["ui.period", "codes.gender.female", "dates.day"]
        );
        assert_eq!(theme.overrides.same_keys, [0, 1]);
        assert!(theme.overrides.keys[0].is_empty() && theme.overrides.files.is_empty());
        assert_ne!(theme.key, built_in.key);
    }

    #[test]
    fn a_site_decides_the_review_of_the_keys_it_gives() {
        let built_in = Theme::load(tempfile::tempdir().unwrap().path(), "default").unwrap();
        assert!(built_in.bo.unconfirmed.iter().any(|k| k == "ui.period"));
        let site = site_with(&[(
            "themes/default/i18n/bo.yaml",
            "ui:\n  period: \"ཁྱབ་བསྒྲགས་དུས་ཚོད།\"\n  home: \"ཤོག་ངོས་དང་པོ།\"\nunconfirmed: [ui.home]\n",
        )]);
        let theme = Theme::load(site.path(), "default").unwrap();
        let waiting = &theme.bo.unconfirmed;
        assert!(
            !waiting.iter().any(|k| k == "ui.period"),
            "the site's wording is confirmed"
        );
        assert!(waiting.iter().any(|k| k == "ui.home"), "the site lists it");
        assert_eq!(
            waiting.len(),
            built_in.bo.unconfirmed.len() - 1
                + usize::from(!built_in.bo.unconfirmed.iter().any(|k| k == "ui.home"))
        );
        assert_eq!(theme.catalog_files[0].listed, ["ui.home"]);
        assert_eq!(theme.catalog_files[0].path, "themes/default/i18n/bo.yaml");
    }

    #[test]
    fn an_empty_or_commented_site_catalog_changes_nothing() {
        let built_in = Theme::load(tempfile::tempdir().unwrap().path(), "default").unwrap();
        for text in [
            "",
            "# nothing yet\n",
            "ui:\n  # period: x\ncodes:\nunconfirmed:\n",
        ] {
            let site = site_with(&[("themes/default/i18n/zh.yaml", text)]);
            let theme =
                Theme::load(site.path(), "default").unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
            assert_eq!(theme.zh.ui, built_in.zh.ui, "{text:?}");
            assert_eq!(theme.zh.unconfirmed, built_in.zh.unconfirmed, "{text:?}");
        }
    }

    #[test]
    fn a_key_that_changes_nothing_is_found_at_its_line() {
        let site = site_with(&[(
            "themes/default/i18n/zh.yaml",
            "ui:\n  home: \"首页\"\n  perod: \"公示时段\"\ncodes:\n  gender:\n    femal: \"女性\"\n",
        )]);
        let problems = Theme::load(site.path(), "default").unwrap_err();
        type Found = (String, Option<(usize, usize)>, Option<String>);
        let found: Vec<Found> = problems
            .into_iter()
            .map(|p| match p {
                super::ThemeProblem::UnknownKey {
                    path,
                    at,
                    key,
                    suggestion,
                    ..
                } => {
                    assert_eq!(path, "themes/default/i18n/zh.yaml");
                    (key, at, suggestion)
                }
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "ui.perod".to_owned(),
                    Some((3, 3)),
                    Some("ui.period".to_owned())
                ),
                (
                    "codes.gender.femal".to_owned(),
                    Some((6, 5)),
                    Some("codes.gender.female".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn a_site_may_add_a_string_in_both_languages() {
        let site = site_with(&[
            ("themes/default/i18n/zh.yaml", "ui:\n  hotline: \"热线\"\n"),
            ("themes/default/i18n/bo.yaml", "ui:\n  hotline: \"ཁ་པར།\"\n"),
        ]);
        let theme = Theme::load(site.path(), "default").unwrap();
        assert_eq!(theme.zh.ui("hotline"), "热线");
        assert_eq!(
            theme.overrides.keys,
            [vec!["ui.hotline".to_owned()], vec!["ui.hotline".to_owned()]]
        );
    }

    #[test]
    fn a_template_overrides_its_file_only() {
        let notice = String::from_utf8(
            DEFAULT_THEME
                .iter()
                .find(|(p, _)| *p == "templates/notice.html")
                .unwrap()
                .1
                .to_vec(),
        )
        .unwrap();
        let style = std::str::from_utf8(
            DEFAULT_THEME
                .iter()
                .find(|(p, _)| *p == "static/style.css")
                .unwrap()
                .1,
        )
        .unwrap();
        let site = site_with(&[
            (
                "themes/default/templates/notice.html",
                &notice.replace("{% endblock main %}", "<!-- ours -->{% endblock main %}"),
            ),
            ("themes/default/static/style.css", style),
            ("themes/default/static/extra.txt", "x"),
        ]);
        let theme = Theme::load(site.path(), "default").unwrap();
        assert_eq!(
            theme.overrides.files,
            ["static/extra.txt", "templates/notice.html"]
        );
        assert_eq!(theme.overrides.same_files, 1);
        assert!(!theme.overrides.own);
        assert_eq!(theme.statics["extra.txt"], b"x");
    }

    #[test]
    fn a_theme_of_its_own_needs_whole_catalogs() {
        let site = site_with(&[("themes/plain/i18n/zh.yaml", "ui:\n  period: \"公示时段\"\n")]);
        let problems = Theme::load(site.path(), "plain").unwrap_err();
        assert!(
            matches!(&problems[..], [super::ThemeProblem::Missing(path)] if path == "themes/plain/i18n/bo.yaml"),
            "{problems:?}"
        );
    }

    #[test]
    fn the_built_in_catalogs_mark_only_keys_they_have() {
        let site = tempfile::tempdir().unwrap();
        let theme = Theme::load(site.path(), "default").unwrap();
        for catalog in [&theme.bo, &theme.zh] {
            assert_eq!(catalog.unknown_unconfirmed(), []);
            for key in catalog.keys() {
                assert!(catalog.text(&key).is_some(), "{key}");
            }
        }
        assert!(
            theme.bo.unconfirmed.len() > 100,
            "the Tibetan awaits review"
        );
    }

    #[test]
    fn an_unconfirmed_key_the_catalog_lacks_is_found_with_the_likely_one() {
        let site = tempfile::tempdir().unwrap();
        let mut zh = Theme::load(site.path(), "default").unwrap().zh;
        zh.unconfirmed = ["ui.home", "ui.hom", "codes.gender", "dates.year", "x"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(
            zh.unknown_unconfirmed(),
            [
                (1, "ui.hom", Some("ui.home".to_owned())),
                (2, "codes.gender", None),
                (3, "dates.year", Some("dates.day".to_owned())),
                (4, "x", None),
            ]
        );
    }

    #[test]
    fn escapes_markup_and_quotes_only() {
        assert_eq!(
            escape_html("<a href=\"x\">Tom's & 扎西</a>/"),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; 扎西&lt;/a&gt;/"
        );
        assert_eq!(escape_html("བཀྲ་ཤིས།"), "བཀྲ་ཤིས།");
        assert_eq!(escape_html(""), "");
    }

    fn named(source: &str) -> Option<Vec<String>> {
        strings_named(source).map(|s| s.into_iter().collect())
    }

    #[test]
    fn finds_the_strings_a_template_names() {
        let source = r#"{% import "macros.html" as m %}<h1>{{ t.title }}</h1>
{{ m::figures(v=view, t=t) }} {%- if x %}{{ t.no_members | upper }}{% endif %}
<p>it's a text, not a tag: t t.</p>{{ item.t }}{{ format }}"#;
        assert_eq!(named(source).unwrap(), ["no_members", "title"]);
        let macros =
            "{% macro figures(v, t) -%}{{ t.count }}{{ self::summary(v=v, t = t) }}{%- endmacro %}";
        assert_eq!(named(macros).unwrap(), ["count"]);
    }

    #[test]
    fn any_other_use_of_t_gives_every_string() {
        assert_eq!(named("{{ t[key] }}"), None);
        assert_eq!(named("{{ m::x(labels=t) }}"), None);
        assert_eq!(named("{% set s = t %}"), None);
        assert_eq!(named("{% for k, v in t %}{% endfor %}"), None);
        assert_eq!(named("{{ t. }}"), None);
    }
}
