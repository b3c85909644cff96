//! The theme: Tera templates, static files and i18n catalogs. The default
//! theme is built into the binary, so an empty project works; a site's
//! `themes/<name>/` overrides it file by file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use tera::Tera;
use walkdir::WalkDir;

use super::i18n::{check_pair, Catalog, PairProblem};

macro_rules! embedded {
    ($($path:literal),+ $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../themes/default/", $path)) as &[u8])),+]
    };
}

/// The default theme's files, relative to its folder.
const DEFAULT_THEME: &[(&str, &[u8])] = embedded!(
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
    "templates/search.html",
    "static/style.css",
    "static/search.js",
    "static/fonts/NotoSerifTibetan-Regular.woff2",
    "static/fonts/OFL.txt",
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
    /// Where each catalog came from, `bo` then `zh`: its path as a site
    /// would write it (`themes/default/i18n/bo.yaml`, whether the site's
    /// or the built-in one) and its text, to place problems in it.
    pub catalog_files: [(String, String); 2],
    /// A hash of every file of the theme: a page may change when it does.
    pub key: u64,
    /// Per template, a hash of its source and of what it builds on.
    template_keys: BTreeMap<String, u64>,
    /// Per template, the interface strings it and what it builds on use
    /// (`None`: it may use any).
    template_strings: BTreeMap<String, Option<BTreeSet<String>>>,
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

/// Whether a template uses what only Tera 1 had (gongshi before Tera 2):
/// macros, `import`, calls through `self::` or an import's `name::`.
fn written_for_tera1(text: &str) -> bool {
    ["endmacro", "{% import", "{%- import", "self::", "m::"]
        .iter()
        .any(|old| text.contains(old))
}

impl Theme {
    /// Loads theme `name`: the built-in default (for `default`), overridden
    /// by the files of `root/themes/<name>/`. Errors name the file. A
    /// `name` that is not a folder name (`../elsewhere`, `/abs`, `a/b`) is
    /// refused, so no theme is ever read from outside `themes/`, whether
    /// or not the settings were checked.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<ThemeProblem>> {
        if !crate::content::is_slug(name) {
            return Err(vec![ThemeProblem::NotAFolderName(name.to_owned())]);
        }
        let dir = format!("themes/{name}");
        let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        if name == "default" {
            files.extend(
                DEFAULT_THEME
                    .iter()
                    .map(|(p, b)| ((*p).to_owned(), b.to_vec())),
            );
        }
        let folder = root.join("themes").join(name);
        if folder.is_dir() {
            for entry in WalkDir::new(&folder).sort_by_file_name() {
                let unreadable = |path: String, e: &dyn std::fmt::Display| {
                    vec![ThemeProblem::Unreadable {
                        path,
                        why: e.to_string(),
                    }]
                };
                let entry = entry.map_err(|e| unreadable(dir.clone(), &e))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry.path().strip_prefix(&folder).unwrap_or(entry.path());
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                let rel = rel.join("/");
                let bytes = std::fs::read(entry.path())
                    .map_err(|e| unreadable(format!("{dir}/{rel}"), &e))?;
                files.insert(rel, bytes);
            }
        } else if name != "default" {
            return Err(vec![ThemeProblem::NoSuchFolder(name.to_owned())]);
        }
        let key = crate::keys::hash_of(&(env!("CARGO_PKG_VERSION"), &files));
        let text = |path: &str| -> Result<String, Vec<ThemeProblem>> {
            let bytes = files
                .get(path)
                .ok_or_else(|| vec![ThemeProblem::Missing(format!("{dir}/{path}"))])?;
            String::from_utf8(bytes.clone())
                .map_err(|_| vec![ThemeProblem::NotUtf8(format!("{dir}/{path}"))])
        };
        let catalog = |lang: &str| -> Result<((String, String), Catalog), Vec<ThemeProblem>> {
            let path = format!("{dir}/i18n/{lang}.yaml");
            let source = text(&format!("i18n/{lang}.yaml"))?;
            let catalog =
                serde_yaml::from_str(source.trim_start_matches('\u{feff}')).map_err(|e| {
                    let at = e.location().map(|l| (l.line(), l.column()));
                    vec![ThemeProblem::BadCatalog {
                        path: path.clone(),
                        text: source.clone(),
                        at,
                        why: e.to_string(),
                    }]
                })?;
            Ok(((path, source), catalog))
        };
        let ((bo_file, bo), (zh_file, zh)) = (catalog("bo")?, catalog("zh")?);
        let catalog_files = [bo_file, zh_file];
        let problems: Vec<ThemeProblem> = check_pair(&bo, &zh)
            .into_iter()
            .map(|(lang, problem)| ThemeProblem::Catalog {
                path: format!("{dir}/i18n/{lang}.yaml"),
                problem,
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
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
            bo,
            zh,
            catalog_files,
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
