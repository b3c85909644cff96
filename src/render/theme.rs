//! The theme: Tera templates, static files and i18n catalogs. The default
//! theme is built into the binary, so an empty project works; a site's
//! `themes/<name>/` overrides it file by file.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;
use walkdir::WalkDir;

use super::i18n::{check_pair, Catalog};

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
    "templates/announcements.html",
    "templates/announcement.html",
    "templates/stats.html",
    "static/style.css",
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
    /// Per template, a hash of its source and of what it builds on.
    template_keys: BTreeMap<String, u64>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("statics", &self.statics.keys())
            .finish_non_exhaustive()
    }
}

impl Theme {
    /// Loads theme `name`: the built-in default (for `default`), overridden
    /// by the files of `root/themes/<name>/`. Errors name the file.
    pub fn load(root: &Path, name: &str) -> Result<Theme, String> {
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
                let entry = entry.map_err(|e| format!("themes/{name}: {e}"))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry.path().strip_prefix(&folder).unwrap_or(entry.path());
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                let bytes = std::fs::read(entry.path())
                    .map_err(|e| format!("themes/{name}/{}: {e}", rel.join("/")))?;
                files.insert(rel.join("/"), bytes);
            }
        } else if name != "default" {
            return Err(format!(
                "themes/{name}: no such theme folder (site.yaml names theme `{name}`)"
            ));
        }
        let text = |path: &str| -> Result<String, String> {
            let bytes = files
                .get(path)
                .ok_or_else(|| format!("themes/{name}/{path}: missing"))?;
            String::from_utf8(bytes.clone()).map_err(|_| format!("themes/{name}/{path}: not UTF-8"))
        };
        let catalog = |lang: &str| -> Result<Catalog, String> {
            let path = format!("i18n/{lang}.yaml");
            let source = text(&path)?;
            serde_yaml::from_str(source.trim_start_matches('\u{feff}'))
                .map_err(|e| format!("themes/{name}/{path}: {e}"))
        };
        let (bo, zh) = (catalog("bo")?, catalog("zh")?);
        let problems = check_pair(&bo, &zh);
        if !problems.is_empty() {
            return Err(problems
                .iter()
                .map(|p| format!("themes/{name}/{p}"))
                .collect::<Vec<_>>()
                .join("\n"));
        }
        let mut tera = Tera::default();
        tera.set_escape_fn(escape_html);
        let templates: Vec<(String, String)> = files
            .keys()
            .filter_map(|p| {
                p.strip_prefix("templates/")
                    .map(|t| (p.clone(), t.to_owned()))
            })
            .map(|(path, template)| text(&path).map(|source| (template, source)))
            .collect::<Result<_, _>>()?;
        let template_keys = template_keys(&templates);
        tera.add_raw_templates(templates)
            .map_err(|e| format!("themes/{name}/templates: {}", error_chain(&e)))?;
        let statics = files
            .into_iter()
            .filter_map(|(p, b)| p.strip_prefix("static/").map(|s| (s.to_owned(), b)))
            .collect();
        Ok(Theme {
            tera,
            statics,
            bo,
            zh,
            template_keys,
        })
    }

    /// A hash of everything template `name` is made of: a page rendered
    /// with it must render again when this changes.
    pub fn template_key(&self, name: &str) -> u64 {
        self.template_keys.get(name).copied().unwrap_or(0)
    }
}

/// Each page template of the default theme builds on `base.html` and
/// `macros.html`; a theme with templates of other names may build on any of
/// them, so its pages key on every template. gongshi's version is part of
/// every key: a new gongshi may make the same page differently.
fn template_keys(templates: &[(String, String)]) -> BTreeMap<String, u64> {
    const SHARED: &[&str] = &["base.html", "macros.html"];
    const PAGES: &[&str] = &[
        "landing.html",
        "home.html",
        "area.html",
        "village.html",
        "notice.html",
        "announcements.html",
        "announcement.html",
        "stats.html",
    ];
    let only_known = templates
        .iter()
        .all(|(name, _)| SHARED.contains(&name.as_str()) || PAGES.contains(&name.as_str()));
    templates
        .iter()
        .map(|(name, _)| {
            let inputs: Vec<&(String, String)> = templates
                .iter()
                .filter(|(other, _)| {
                    other == name || !only_known || SHARED.contains(&other.as_str())
                })
                .collect();
            (
                name.clone(),
                super::hash_of(&(env!("CARGO_PKG_VERSION"), inputs)),
            )
        })
        .collect()
}

/// Escapes text for HTML: `&`, `<`, `>`, `"` and `'`. Tera's own also
/// escapes `/`, which bloats every relative link for no safety gained.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
