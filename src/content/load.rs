//! The walk over `content/`: which file is what, reading each once, and
//! turning it into the model.

use crate::messages::say;
use std::fs;
use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use super::announcement::{self, FrontMatter};
use super::codes::Language;
use super::model::{
    Announcement, AreaIndex, CalendarFile, Corpus, County, SiteConfig, Township, Village,
    VillageFile,
};
use super::names::{is_ignored, is_slug, looks_like_copy, suggest_slug};
use super::shape::{files, Shape};
use super::village::{self, RawVillage};
use super::yaml;
use crate::diagnostics::{At, Diagnostics, FileId, Problem, Sources};

/// The most a content file may weigh; larger files are not parsed.
pub(crate) const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// County slugs taken by site sections.
const RESERVED_COUNTIES: &[&str] = &["stats", "announcements", "search"];
/// Village slugs taken by a township's own pages (its print page).
const RESERVED_VILLAGES: &[&str] = &["print"];

/// Why loading could not start at all (exit status 2).
#[derive(Debug)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads every file under `root/content`.
pub fn load(root: &Path) -> Result<(Corpus, Sources, Diagnostics), LoadError> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(LoadError(say!("load.no_content", root = root.display())));
    }
    let mut loader = Loader::default();
    loader.walk(&content);
    loader.finish();
    loader.corpus.working_days = loader.corpus.make_calendar();
    Ok((loader.corpus, loader.sources, loader.diagnostics))
}

/// What the walk of `content/` gathers.
#[derive(Default)]
struct Loader {
    sources: Sources,
    diagnostics: Diagnostics,
    corpus: Corpus,
    county_has_index: Vec<bool>,
    township_has_index: Vec<Vec<bool>>,
}

/// What an entry under `content/` is, from its place and name.
enum Entry {
    Site,
    Calendar,
    Section,
    County(String),
    CountyIndex,
    Township(String),
    TownshipIndex,
    Village(String),
    Announcement(String, Language),
    Unexpected(&'static str),
    Bad(Problem),
}

/// A file read from disk, before it joins the sources.
enum FileRead {
    Text(String),
    Failed(Problem),
    /// Not UTF-8: the text with replacement characters, the first bad
    /// byte, and its offset in the text without a byte-order mark.
    NotUtf8 {
        text: String,
        byte: u8,
        offset: usize,
    },
}

/// Reads at most [`MAX_FILE_BYTES`] (and one more, to tell it is larger).
fn read_file(path: &Path) -> FileRead {
    let bytes = match read_bytes(path) {
        Ok(bytes) => bytes,
        Err(problem) => return FileRead::Failed(problem),
    };
    match String::from_utf8(bytes) {
        Ok(text) => FileRead::Text(text),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            // The valid prefix is unchanged by the lossy conversion, so
            // its offset is the bad byte's place in the stored text.
            FileRead::NotUtf8 {
                byte: bytes[valid],
                offset: valid.saturating_sub(bom_len(&bytes)),
                text: String::from_utf8_lossy(&bytes).into_owned(),
            }
        }
    }
}

/// The text of the file at `path` as the loader reads it (at most
/// [`MAX_FILE_BYTES`], lone CRs made LF), or why it has none: a file that
/// cannot be read, is too large or is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    match read_file(path) {
        FileRead::Text(text) => Ok(text),
        FileRead::Failed(problem) => Err(problem),
        FileRead::NotUtf8 { byte, .. } => Err(Problem::NotUtf8 { byte }),
    }
}

/// The bytes of the file at `path` as the loader reads them: at most
/// `MAX_FILE_BYTES`, old Mac line ends (a lone CR) made LF (the same one
/// byte, so every offset holds, and a break to YAML and CommonMark either
/// way, so what is read is unchanged; only lines counted by gongshi itself
/// needed it).
fn read_bytes(path: &Path) -> Result<Vec<u8>, Problem> {
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|err| Problem::Unreadable(err.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(Problem::TooLarge { bytes: size });
    }
    lone_cr_to_lf(&mut bytes);
    Ok(bytes)
}

/// A hash of the file at `path` as [`read_village`] reads it (its text's
/// bytes, when it is UTF-8): what says a village file is as it was.
pub fn read_hash(path: &Path) -> Option<u64> {
    read_bytes(path)
        .ok()
        .map(|bytes| crate::keys::hash_of(&bytes.as_slice()))
}

/// Turns every CR not followed by LF into LF (a CRLF is left as written).
fn lone_cr_to_lf(bytes: &mut [u8]) {
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
}

/// A village file read and typed.
#[derive(Debug)]
pub struct VillageRead {
    /// The text as written (invalid UTF-8 replaced); empty if unreadable.
    pub text: String,
    /// The village, or as much of it as could be read: its notices that
    /// read whole (see `complete`).
    pub village: Option<Village>,
    /// Whether `village` holds every notice of the file.
    pub complete: bool,
    /// Why the file did not read whole: every problem found.
    pub problems: Vec<(At, Problem)>,
}

/// Reads and types one village file. Safe to call from any thread.
pub fn read_village(file: &VillageFile) -> VillageRead {
    village_from(file, read_file(&file.path))
}

/// Types a village file from its text, as [`read_village`] would read
/// it from `file`'s place: what a file would be if it were written.
pub fn village_from_text(file: &VillageFile, text: String) -> VillageRead {
    village_from(file, FileRead::Text(text))
}

fn village_from(file: &VillageFile, read: FileRead) -> VillageRead {
    let mut problems = Vec::new();
    let (text, parts) = match read {
        FileRead::Text(text) => {
            let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let parts = match yaml::parse::<RawVillage>(body, &village::VILLAGE) {
                Ok(raw) => Some(village::convert(raw, &mut problems)),
                Err(unread) => {
                    problems = unread.problems;
                    let tree = unread.tree;
                    let nodes = unread.nodes;
                    tree.and_then(|tree| village::salvage(&tree, &nodes, &mut problems))
                }
            };
            (text, parts)
        }
        FileRead::Failed(problem) => {
            problems.push((At::File, problem));
            (String::new(), None)
        }
        FileRead::NotUtf8 { text, byte, offset } => {
            let (line, column) = crate::diagnostics::position_in(&text, offset);
            problems.push((At::Pos { line, column }, Problem::NotUtf8 { byte }));
            (text, None)
        }
    };
    problems.truncate(yaml::MAX_PROBLEMS);
    VillageRead {
        text,
        complete: problems.is_empty(),
        village: parts.map(|parts| Village {
            slug: file.slug.clone(),
            file: file.file,
            name: parts.name,
            kind: parts.kind,
            contact: parts.contact,
            notices: parts.notices,
        }),
        problems,
    }
}

/// A village typed from YAML text (file 0, slug `test`), for the unit
/// tests of the stages that read villages. Panics on a file that does not
/// load.
#[cfg(test)]
pub(crate) fn village_from_yaml(text: &str) -> Village {
    let raw = yaml::parse::<RawVillage>(text, &village::VILLAGE)
        .unwrap_or_else(|unread| panic!("{:?}", unread.problems));
    let mut problems = Vec::new();
    let parts = village::convert(raw, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    Village {
        slug: "test".into(),
        file: FileId(0),
        name: parts.name,
        kind: parts.kind,
        contact: parts.contact,
        notices: parts.notices,
    }
}

/// Loads files given as text (`content/…` paths with their texts) as if
/// they stood there: what `new` would write, checked before it is. The
/// folders above each file are entered anew for it, so each file stands
/// alone (an area file with its county, an announcement); a village file
/// is listed in its township, and read with [`village_from_text`]. The
/// walk's own findings about the whole (no `site.yaml`, a folder without
/// `_index.yaml`) are not made.
pub fn load_texts(files: Vec<(String, String)>) -> (Corpus, Sources, Diagnostics) {
    let mut loader = Loader::default();
    for (rel, text) in files {
        let parts: Vec<String> = rel
            .strip_prefix("content/")
            .unwrap_or(&rel)
            .split('/')
            .map(str::to_owned)
            .collect();
        for depth in 1..parts.len() {
            let folder = format!("content/{}", parts[..depth].join("/"));
            let kind = classify(&parts[..depth], true);
            loader.take(kind, FileSource::Text(String::new()), folder);
        }
        let kind = classify(&parts, false);
        loader.take(kind, FileSource::Text(text), rel);
    }
    loader.corpus.working_days = loader.corpus.make_calendar();
    (loader.corpus, loader.sources, loader.diagnostics)
}

/// Where a file's text comes from.
enum FileSource<'p> {
    /// The file on disk.
    Disk(&'p Path),
    /// Given (a file not written yet).
    Text(String),
}

impl Loader {
    fn walk(&mut self, content: &Path) {
        let mut walker = WalkDir::new(content)
            .min_depth(1)
            .max_depth(4)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walker.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err
                        .path()
                        .map_or_else(|| "content".into(), |p| relative(content, p));
                    let id = self.sources.add(path, String::new());
                    self.diagnostics
                        .push(id, At::File, Problem::Unreadable(err.to_string()));
                    continue;
                }
            };
            let parts: Vec<String> = entry
                .path()
                .strip_prefix(content)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let name = parts.last().cloned().unwrap_or_default();
            let is_dir = entry.file_type().is_dir();
            if is_ignored(&name) {
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
            let rel = format!("content/{}", parts.join("/"));
            let kind = if entry.file_type().is_symlink() {
                Entry::Unexpected("why.links_not_followed")
            } else {
                classify(&parts, is_dir)
            };
            let descend = matches!(kind, Entry::Section | Entry::County(_) | Entry::Township(_));
            if is_dir && !descend {
                walker.skip_current_dir();
            }
            self.take(kind, FileSource::Disk(entry.path()), rel);
        }
    }

    fn take(&mut self, kind: Entry, path: FileSource<'_>, rel: String) {
        match kind {
            Entry::Section => {}
            Entry::Site => {
                if let Some((id, site)) = self.read_yaml::<SiteConfig>(path, rel, &files::SITE) {
                    self.corpus.site = Some(site);
                    self.corpus.site_file = Some(id);
                }
            }
            Entry::Calendar => {
                if let Some(calendar) = self.read_yaml::<CalendarFile>(path, rel, &files::CALENDAR)
                {
                    self.corpus.calendar = Some(calendar);
                }
            }
            Entry::County(slug) => {
                let file = self.sources.add(rel, String::new());
                if RESERVED_COUNTIES.contains(&slug.as_str()) {
                    self.diagnostics
                        .push(file, At::File, Problem::ReservedCounty(slug.clone()));
                }
                self.corpus.counties.push(County {
                    slug,
                    file,
                    name: None,
                    townships: Vec::new(),
                });
                self.county_has_index.push(false);
                self.township_has_index.push(Vec::new());
            }
            Entry::CountyIndex => {
                *self
                    .county_has_index
                    .last_mut()
                    .expect("index inside a county") = true;
                let read = self.read_yaml::<AreaIndex>(path, rel, &files::AREA_INDEX);
                let county = self
                    .corpus
                    .counties
                    .last_mut()
                    .expect("index inside a county");
                if let Some((file, index)) = read {
                    county.file = file;
                    county.name = Some(index.name);
                }
            }
            Entry::Township(slug) => {
                let file = self.sources.add(rel, String::new());
                let county = self
                    .corpus
                    .counties
                    .last_mut()
                    .expect("township inside a county");
                county.townships.push(Township {
                    slug,
                    file,
                    name: None,
                    villages: Vec::new(),
                });
                self.township_has_index
                    .last_mut()
                    .expect("county")
                    .push(false);
            }
            Entry::TownshipIndex => {
                let flags = self.township_has_index.last_mut().expect("county");
                *flags.last_mut().expect("township") = true;
                let read = self.read_yaml::<AreaIndex>(path, rel, &files::AREA_INDEX);
                let township = self.last_township();
                if let Some((file, index)) = read {
                    township.file = file;
                    township.name = Some(index.name);
                }
            }
            Entry::Village(slug) => {
                self.corpus.files_read += 1;
                let file = self.sources.add(rel, String::new());
                if RESERVED_VILLAGES.contains(&slug.as_str()) {
                    self.diagnostics
                        .push(file, At::File, Problem::ReservedVillage(slug.clone()));
                }
                let path = match path {
                    FileSource::Disk(path) => path.to_path_buf(),
                    FileSource::Text(_) => self.sources.get(file).path.clone().into(),
                };
                self.last_township()
                    .villages
                    .push(VillageFile { slug, file, path });
            }
            Entry::Announcement(slug, lang) => self.read_announcement(path, rel, slug, lang),
            Entry::Unexpected(why) => {
                let id = self.sources.add(rel, String::new());
                self.diagnostics
                    .push(id, At::File, Problem::UnexpectedFile(why));
            }
            Entry::Bad(problem) => {
                let id = self.sources.add(rel, String::new());
                self.diagnostics.push(id, At::File, problem);
            }
        }
    }

    fn last_township(&mut self) -> &mut Township {
        self.corpus
            .counties
            .last_mut()
            .and_then(|c| c.townships.last_mut())
            .expect("inside a township")
    }

    /// Reads a file into the sources; `None` (with the problem recorded) if
    /// it is too large, unreadable or not UTF-8.
    fn read(&mut self, path: FileSource<'_>, rel: String) -> Option<FileId> {
        let read = match path {
            FileSource::Disk(path) => read_file(path),
            FileSource::Text(text) => FileRead::Text(text),
        };
        self.keep(rel, read)
    }

    /// Keeps a file that was read; `None` (with the problem recorded) if
    /// it could not be used.
    fn keep(&mut self, rel: String, read: FileRead) -> Option<FileId> {
        self.corpus.files_read += 1;
        match read {
            FileRead::Text(text) => Some(self.sources.add(rel, text)),
            FileRead::Failed(problem) => {
                let id = self.sources.add(rel, String::new());
                self.diagnostics.push(id, At::File, problem);
                None
            }
            FileRead::NotUtf8 { text, byte, offset } => {
                let id = self.sources.add(rel, text);
                let (line, column) = self.sources.get(id).position(offset);
                self.diagnostics
                    .push(id, At::Pos { line, column }, Problem::NotUtf8 { byte });
                None
            }
        }
    }

    fn read_yaml<T: DeserializeOwned>(
        &mut self,
        path: FileSource<'_>,
        rel: String,
        shape: &Shape,
    ) -> Option<(FileId, T)> {
        let id = self.read(path, rel)?;
        match yaml::parse::<T>(self.sources.get(id).body(), shape) {
            Ok(value) => Some((id, value)),
            Err(unread) => {
                for (at, problem) in unread.problems {
                    self.diagnostics.push(id, at, problem);
                }
                None
            }
        }
    }

    fn read_announcement(
        &mut self,
        path: FileSource<'_>,
        rel: String,
        slug: String,
        lang: Language,
    ) {
        let Some(id) = self.read(path, rel) else {
            return;
        };
        let body = self.sources.get(id).body();
        let Some((range, lines_before, body_offset)) = announcement::split(body) else {
            self.diagnostics.push(id, At::File, Problem::NoFrontMatter);
            return;
        };
        let parsed = yaml::parse::<FrontMatter>(&body[range.clone()], &files::FRONT_MATTER);
        let markdown = body[body_offset..].to_owned();
        self.sources.set_front_matter(id, range, lines_before);
        match parsed {
            Ok(front) => self.corpus.announcements.push(Announcement {
                slug,
                lang,
                file: id,
                title: front.title(),
                date: front.date.0,
                draft: front.draft,
                scope: front.scope,
                body: markdown,
                body_offset,
            }),
            Err(unread) => {
                for (at, problem) in unread.problems {
                    let at = match at {
                        At::Pos { line, column } => At::Pos {
                            line: line + lines_before,
                            column,
                        },
                        other => other,
                    };
                    self.diagnostics.push(id, at, problem);
                }
            }
        }
    }

    /// Problems only the whole walk can see: folders without `_index.yaml`,
    /// no `site.yaml`, no `calendar.yaml`.
    fn finish(&mut self) {
        for (c, county) in self.corpus.counties.iter().enumerate() {
            if !self.county_has_index[c] {
                self.diagnostics
                    .push(county.file, At::File, Problem::MissingIndex("county"));
            }
            for (t, township) in county.townships.iter().enumerate() {
                if !self.township_has_index[c][t] {
                    self.diagnostics.push(
                        township.file,
                        At::File,
                        Problem::MissingIndex("township"),
                    );
                }
            }
        }
        let site_seen = self.corpus.site_file.is_some()
            || self
                .diagnostics
                .iter()
                .any(|d| self.sources.get(d.file).path == "content/site.yaml");
        if !site_seen {
            let id = self.sources.add("content/site.yaml".into(), String::new());
            self.diagnostics.push(id, At::File, Problem::MissingSite);
        }
        let calendar_seen = self.corpus.calendar.is_some()
            || self
                .diagnostics
                .iter()
                .any(|d| self.sources.get(d.file).path == "content/calendar.yaml");
        if !calendar_seen {
            let id = self
                .sources
                .add("content/calendar.yaml".into(), String::new());
            self.diagnostics.push(id, At::File, Problem::NoCalendar);
        }
    }
}

fn bom_len(bytes: &[u8]) -> usize {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    }
}

fn relative(content: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(content).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("content/{}", parts.join("/"))
}

/// What an entry is, from its path below `content/` and whether it is a folder.
fn classify(parts: &[String], is_dir: bool) -> Entry {
    let name = parts.last().map_or("", String::as_str);
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match (parts.as_slice(), is_dir) {
        (["site.yaml"], false) => Entry::Site,
        (["calendar.yaml"], false) => Entry::Calendar,
        (["villages" | "announcements"], true) => Entry::Section,
        ([_], true) => Entry::Unexpected("why.content_folders"),
        ([_], false) => Entry::Unexpected("why.content_files"),
        (["villages", county], true) => match check_slug(county, "") {
            Some(bad) => Entry::Bad(bad),
            None => Entry::County((*county).to_owned()),
        },
        (["villages", _], false) => Entry::Unexpected("why.villages_holds_counties"),
        (["villages", _, "_index.yaml"], false) => Entry::CountyIndex,
        (["villages", _, township], true) => match check_slug(township, "") {
            Some(bad) => Entry::Bad(bad),
            None => Entry::Township((*township).to_owned()),
        },
        (["villages", _, _], false) => match yaml_stem(name) {
            Some(_) => Entry::Unexpected("why.village_in_township"),
            None => Entry::Unexpected("why.county_folder"),
        },
        (["villages", _, _, "_index.yaml"], false) => Entry::TownshipIndex,
        (["villages", _, _, file], false) => match yaml_stem(file) {
            Some((stem, ext)) => match check_slug(stem, ".yaml") {
                Some(bad) => Entry::Bad(bad),
                None if ext == "yml" => Entry::Bad(Problem::BadName {
                    name: (*file).to_owned(),
                    suggestion: Some(format!("{stem}.yaml")),
                    copy: false,
                }),
                None => Entry::Village(stem.to_owned()),
            },
            None => Entry::Unexpected("why.township_folder"),
        },
        (["villages", ..], _) => Entry::Unexpected("why.township_no_folders"),
        (["announcements", file], false) => match file.strip_suffix(".md") {
            Some(stem) => match stem.rsplit_once('.') {
                Some((slug, "bo")) => announcement_entry(slug, Language::Bo),
                Some((slug, "zh")) => announcement_entry(slug, Language::Zh),
                _ => Entry::Bad(Problem::BadAnnouncementName((*file).to_owned())),
            },
            None => Entry::Unexpected("why.announcements_folder"),
        },
        _ => Entry::Unexpected("`announcements/` holds no folders"),
    }
}

fn announcement_entry(slug: &str, lang: Language) -> Entry {
    let suffix = match lang {
        Language::Bo => ".bo.md",
        Language::Zh => ".zh.md",
    };
    match check_slug(slug, suffix) {
        Some(bad) => Entry::Bad(bad),
        None => Entry::Announcement(slug.to_owned(), lang),
    }
}

/// `(stem, extension)` of a `.yaml` or `.yml` file name.
fn yaml_stem(name: &str) -> Option<(&str, &str)> {
    let (stem, ext) = name.rsplit_once('.')?;
    matches!(ext, "yaml" | "yml").then_some((stem, ext))
}

/// The problem with a name, if its slug part breaks the rule.
fn check_slug(stem: &str, suffix: &str) -> Option<Problem> {
    if is_slug(stem) {
        return None;
    }
    Some(Problem::BadName {
        name: format!("{stem}{suffix}"),
        suggestion: suggest_slug(stem).map(|s| format!("{s}{suffix}")),
        copy: looks_like_copy(stem),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_cr_becomes_lf_in_place() {
        let mut bytes = b"# a\rname: x\r\nkind: y\r\r\n\r".to_vec();
        let len = bytes.len();
        lone_cr_to_lf(&mut bytes);
        assert_eq!(bytes, b"# a\nname: x\r\nkind: y\n\r\n\n");
        assert_eq!(bytes.len(), len, "every offset holds");
    }
}
