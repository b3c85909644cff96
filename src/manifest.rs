//! `SHA256SUMS`: the SHA-256 of every published file, at the output's
//! root, so that a county office can check a copy of the site with
//! coreutils' `sha256sum -c SHA256SUMS` alone, or with `gongshi verify`,
//! which also names the files that were added.
//!
//! The format is `sha256sum`'s: one line per file, 64 lowercase hex
//! digits, two spaces, the path relative to the output's root with `/`;
//! lines sorted by the paths' bytes. A path holding a backslash or a line
//! break (never one of ours: slugs are restricted) is written as
//! `sha256sum` writes it, the line starting with `\` and those characters
//! escaped. Every published file is listed but this file itself and
//! gongshi's marker file ([`crate::output::MARKER`]).
//!
//! Writing ([`write`]): a build hashes each file as it is written and
//! hands over the sorted paths; a file not written this run (a daily
//! rebuild leaves unchanged files as they were) takes its sum from the
//! previous output's `SHA256SUMS`, read in step with the sorted paths,
//! and only where that has no line for it is the file read and hashed.
//! Verifying ([`verify`]): the files listed are hashed in parallel, each
//! read a buffer at a time, and the folder is walked for files not listed.
//! Nothing here panics on what it reads: a line that cannot be read is a
//! finding with its line number.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::io::{self, BufRead, Read};
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest as _, Sha256};

use crate::messages::{fill_count, say};
use crate::output::MARKER;

/// The file's name, at the output's root.
pub const FILE: &str = "SHA256SUMS";

/// A file's SHA-256.
pub type Sum = [u8; 32];

/// The SHA-256 of `bytes`.
pub fn sum_of(bytes: &[u8]) -> Sum {
    Summer(Sha256::new_with_prefix(bytes)).finish()
}

/// A SHA-256 taken a part at a time (a file written in parts).
#[derive(Debug, Default, Clone)]
pub struct Summer(Sha256);

impl Summer {
    /// Adds the next bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The sum of every byte added.
    pub fn finish(self) -> Sum {
        let mut sum = [0; 32];
        sum.copy_from_slice(&self.0.finalize());
        sum
    }
}

/// Bytes read at a time when a file is hashed from the disk.
const BUFFER: usize = 64 * 1024;

/// The SHA-256 of the file at `path`, read `buffer` at a time (a large
/// file is never held whole). Not a file (a folder in its place) is
/// [`io::ErrorKind::InvalidInput`].
fn sum_file(path: &Path, buffer: &mut [u8]) -> io::Result<Sum> {
    let mut file = fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::ErrorKind::InvalidInput.into());
    }
    let mut summer = Summer::default();
    loop {
        match file.read(buffer) {
            Ok(0) => return Ok(summer.finish()),
            Ok(n) => summer.update(&buffer[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Appends the line of `path` with `sum` to `out`, as `sha256sum` writes
/// it (with its newline).
pub fn push_line(out: &mut String, sum: &Sum, path: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let escaped = path.contains(['\\', '\n']);
    if escaped {
        out.push('\\');
    }
    // Digits made as bytes, pushed at once (a million lines at country scale).
    let mut hex = [0u8; 64];
    for (pair, byte) in hex.chunks_exact_mut(2).zip(sum) {
        pair[0] = HEX[usize::from(byte >> 4)];
        pair[1] = HEX[usize::from(byte & 15)];
    }
    out.push_str(std::str::from_utf8(&hex).unwrap_or_default());
    out.push_str("  ");
    if escaped {
        out.push_str(&path.replace('\\', "\\\\").replace('\n', "\\n"));
    } else {
        out.push_str(path);
    }
    out.push('\n');
}

/// A line of `sha256sum` (without its line break): the sum and the path
/// as written (unescaped), or None if it is no such line. Either digit
/// case is read, and `*` (binary mode) as well as a space before the
/// path, as `sha256sum -c` reads them; a carriage return at the end (a
/// file that passed through Windows) is left out.
pub fn parse_line(line: &[u8]) -> Option<(Sum, Cow<'_, str>)> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let (escaped, line) = match line.strip_prefix(b"\\") {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    if line.len() < 64 + 3 || line[64] != b' ' || !matches!(line[65], b' ' | b'*') {
        return None;
    }
    let mut sum = [0u8; 32];
    for (byte, pair) in sum.iter_mut().zip(line[..64].chunks_exact(2)) {
        let digit = |d: u8| char::from(d).to_digit(16);
        *byte = u8::try_from(digit(pair[0])? * 16 + digit(pair[1])?).ok()?;
    }
    let path = std::str::from_utf8(&line[66..]).ok()?;
    if !escaped {
        return Some((sum, Cow::Borrowed(path)));
    }
    let mut unescaped = String::with_capacity(path.len());
    let mut chars = path.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            unescaped.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => unescaped.push('\\'),
            'n' => unescaped.push('\n'),
            'r' => unescaped.push('\r'),
            _ => return None,
        }
    }
    Some((sum, Cow::Owned(unescaped)))
}

/// A listed path as a path inside the folder: its names joined by `/`,
/// `.` names left out; None where it leads outside (absolute, `..`) or
/// has an empty name.
fn inside(path: &str) -> Option<String> {
    let mut names = Vec::new();
    for name in path.split('/') {
        match name {
            "." => {}
            "" | ".." => return None,
            name if name.contains('\0') || (cfg!(windows) && name.contains(['\\', ':'])) => {
                return None
            }
            name => names.push(name),
        }
    }
    (!names.is_empty()).then(|| names.join("/"))
}

/// Paths a chunk at a time when `SHA256SUMS` is written: the files that
/// must be hashed from the disk are hashed in parallel, a chunk's lines
/// handed over together.
const CHUNK: usize = 8192;

/// Writes the `SHA256SUMS` of the files at `paths` (sorted by their bytes,
/// each once), handing its text over to `emit` a chunk at a time. Each
/// file's sum is `known`'s (asked for each path in order; its error
/// stops the writing), else the line of the previous output's
/// `SHA256SUMS` (in the folder `earlier`, read in step with `paths`),
/// else that of the file in `earlier`, which holds it unchanged.
pub fn write(
    paths: &[&str],
    known: &mut dyn FnMut(&str) -> Result<Option<Sum>, String>,
    earlier: &Path,
    mut emit: impl FnMut(String) -> Result<(), String>,
) -> Result<(), String> {
    let mut listed = Earlier::open(&earlier.join(FILE));
    for chunk in paths.chunks(CHUNK) {
        let mut sums: Vec<Option<Sum>> = Vec::with_capacity(chunk.len());
        for path in chunk {
            sums.push(known(path)?.or_else(|| listed.find(path)));
        }
        sums.par_iter_mut()
            .zip(chunk)
            .filter(|(sum, _)| sum.is_none())
            .try_for_each_init(
                || vec![0; BUFFER],
                |buffer, (sum, path)| {
                    let at = earlier.join(path);
                    let read = sum_file(&at, buffer)
                        .map_err(|e| say!("output.cannot_read", path = at.display(), why = e))?;
                    *sum = Some(read);
                    Ok::<(), String>(())
                },
            )?;
        let mut text = String::with_capacity(chunk.len() * 128);
        for (sum, path) in sums.iter().zip(chunk) {
            push_line(&mut text, &sum.unwrap_or_default(), path);
        }
        emit(text)?;
    }
    Ok(())
}

/// An earlier `SHA256SUMS`, read a line at a time as paths in order ask
/// for their sums. Missing, unreadable or not in order, it only gives
/// fewer sums: the files are then hashed.
struct Earlier {
    reader: Option<io::BufReader<fs::File>>,
    line: Vec<u8>,
    /// The last line read: its path and sum.
    current: Option<(String, Sum)>,
}

impl Earlier {
    fn open(path: &Path) -> Earlier {
        Earlier {
            reader: fs::File::open(path).ok().map(io::BufReader::new),
            line: Vec::new(),
            current: None,
        }
    }

    /// The sum listed for `path`, which sorts after every path asked before.
    fn find(&mut self, path: &str) -> Option<Sum> {
        loop {
            if let Some((listed, sum)) = &self.current {
                match listed.as_str().cmp(path) {
                    std::cmp::Ordering::Equal => return Some(*sum),
                    std::cmp::Ordering::Greater => return None,
                    std::cmp::Ordering::Less => {}
                }
            }
            if !self.advance() {
                return None;
            }
        }
    }

    /// Reads the next line that can be read; false at the end.
    fn advance(&mut self) -> bool {
        while let Some(reader) = self.reader.as_mut() {
            self.line.clear();
            // A line longer than any of ours is no line of ours: the rest
            // of the file is not trusted.
            match reader
                .by_ref()
                .take(MAX_LINE as u64)
                .read_until(b'\n', &mut self.line)
            {
                Ok(0) | Err(_) => self.reader = None,
                Ok(_) if !self.line.ends_with(b"\n") && self.line.len() == MAX_LINE => {
                    self.reader = None
                }
                Ok(_) => {
                    let line = self.line.strip_suffix(b"\n").unwrap_or(&self.line);
                    if let Some((sum, path)) = parse_line(line) {
                        let mut current = self.current.take().map(|(p, _)| p).unwrap_or_default();
                        current.clear();
                        current.push_str(&path);
                        self.current = Some((current, sum));
                        return true;
                    }
                }
            }
        }
        self.current = None;
        false
    }
}

/// The longest line read: a sum, a path of the longest any system allows
/// with every character escaped, and more.
const MAX_LINE: usize = 64 * 1024;

/// Malformed lines named one by one; past this many, only counted.
const NAMED_LINES: usize = 100;

/// What [`verify`] found in a folder.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Findings {
    /// Files listed and found as listed.
    pub intact: usize,
    /// Lines of `SHA256SUMS` that cannot be read (line number, why).
    pub lines: Vec<(usize, String)>,
    /// Lines past those named that cannot be read either.
    pub more_lines: usize,
    /// Files listed whose bytes differ.
    pub altered: Vec<String>,
    /// Files listed and not there.
    pub missing: Vec<String>,
    /// Files there and not listed (`SHA256SUMS` and the marker aside).
    pub added: Vec<String>,
    /// Files that could not be read (path, why).
    pub unreadable: Vec<(String, String)>,
}

impl Findings {
    /// How many things are wrong.
    pub fn problems(&self) -> usize {
        self.lines.len()
            + self.more_lines
            + self.altered.len()
            + self.missing.len()
            + self.added.len()
            + self.unreadable.len()
    }

    /// One line for each thing wrong, in the messages' language: the lines
    /// of `SHA256SUMS` that cannot be read, then the files altered,
    /// missing, added and unreadable, each sorted.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let mut line = |text: String| {
            out.push_str(&text);
            out.push('\n');
        };
        for (number, why) in &self.lines {
            line(say!("verify.line", file = FILE, line = number, why = why));
        }
        if self.more_lines > 0 {
            line(fill_count(
                "verify.more_lines",
                self.more_lines,
                &[("file", &FILE)],
            ));
        }
        for path in &self.altered {
            line(say!("verify.altered", path = path));
        }
        for path in &self.missing {
            line(say!("verify.missing", path = path));
        }
        for path in &self.added {
            line(say!("verify.added", path = path));
        }
        for (path, why) in &self.unreadable {
            line(say!("verify.unreadable", path = path, why = why));
        }
        out
    }

    /// The closing line about the folder `dir` (as the user named it).
    pub fn summary(&self, dir: &dyn std::fmt::Display) -> String {
        match self.problems() {
            0 => fill_count(
                "verify.intact",
                self.intact,
                &[("dir", dir), ("file", &FILE)],
            ),
            problems => fill_count("verify.differs", problems, &[("dir", dir), ("file", &FILE)]),
        }
    }
}

/// Checks the folder `dir` against its `SHA256SUMS`: every file listed is
/// read and hashed (in parallel, a buffer at a time), and every file of
/// the folder that is not listed is named. An error (in the messages'
/// language) where there is nothing to check: no such folder, no
/// `SHA256SUMS` that can be read.
pub fn verify(dir: &Path) -> Result<Findings, String> {
    if !dir.is_dir() {
        return Err(say!("verify.no_folder", dir = dir.display()));
    }
    let sums_path = dir.join(FILE);
    let file = fs::File::open(&sums_path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => say!("verify.no_sums", dir = dir.display(), file = FILE),
        _ => say!("output.cannot_read", path = sums_path.display(), why = e),
    })?;
    let mut findings = Findings::default();
    let listed = read_listed(file, &mut findings)
        .map_err(|e| say!("output.cannot_read", path = sums_path.display(), why = e))?;
    /// What became of one file listed.
    enum Found {
        Intact,
        Altered,
        Missing,
        Unreadable(String),
    }
    let found: Vec<Found> = listed
        .par_iter()
        .map_init(
            || vec![0; BUFFER],
            |buffer, (path, sum)| match sum_file(&dir.join(path), buffer) {
                Ok(read) if read == *sum => Found::Intact,
                Ok(_) => Found::Altered,
                Err(e) if e.kind() == io::ErrorKind::InvalidInput => Found::Altered,
                Err(e) if e.kind() == io::ErrorKind::NotFound => Found::Missing,
                Err(e) => Found::Unreadable(e.to_string()),
            },
        )
        .collect();
    for ((path, _), found) in listed.iter().zip(found) {
        match found {
            Found::Intact => findings.intact += 1,
            Found::Altered => findings.altered.push(path.clone()),
            Found::Missing => findings.missing.push(path.clone()),
            Found::Unreadable(why) => findings.unreadable.push((path.clone(), why)),
        }
    }
    let known: std::collections::HashSet<&str> = listed.keys().map(String::as_str).collect();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let why = e
                    .io_error()
                    .map_or_else(|| e.to_string(), |io| io.to_string());
                findings.unreadable.push((relative(dir, &path), why));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = relative(dir, entry.path());
        if path != FILE && path != MARKER && !known.contains(path.as_str()) {
            findings.added.push(path);
        }
    }
    for list in [
        &mut findings.altered,
        &mut findings.missing,
        &mut findings.added,
    ] {
        list.sort_unstable();
    }
    findings.unreadable.sort_unstable();
    Ok(findings)
}

/// `path` below `dir`, its names joined by `/` (shown, so a name that is
/// not UTF-8 is shown as well as it can be).
fn relative(dir: &Path, path: &Path) -> String {
    let names = path.strip_prefix(dir).unwrap_or(path).components();
    let names: Vec<_> = names.map(|c| c.as_os_str().to_string_lossy()).collect();
    names.join("/")
}

/// The files `SHA256SUMS` lists, each with its sum; a line that cannot be
/// read is a finding, and the file's other lines are still read.
fn read_listed(file: fs::File, findings: &mut Findings) -> io::Result<HashMap<String, Sum>> {
    let mut reader = io::BufReader::new(file);
    // Each path listed, with its sum and the line that lists it.
    let mut listed: HashMap<String, (Sum, usize)> = HashMap::new();
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        let read = reader
            .by_ref()
            .take(MAX_LINE as u64)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            break;
        }
        number += 1;
        let too_long = !line.ends_with(b"\n") && line.len() == MAX_LINE;
        if too_long {
            // The rest of the line is skipped, never held.
            let mut rest = Vec::new();
            while reader
                .by_ref()
                .take(BUFFER as u64)
                .read_until(b'\n', &mut rest)?
                > 0
                && !rest.ends_with(b"\n")
            {
                rest.clear();
            }
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let why = match parse_line(text).filter(|_| !too_long) {
            None => say!("verify.not_a_line"),
            Some((sum, path)) => match inside(&path) {
                None => say!("verify.outside", path = path.escape_debug()),
                Some(path) => match listed.get(&path) {
                    Some(&(_, first)) => say!("verify.twice", path = path, first = first),
                    None => {
                        listed.insert(path, (sum, number));
                        continue;
                    }
                },
            },
        };
        if findings.lines.len() < NAMED_LINES {
            findings.lines.push((number, why));
        } else {
            findings.more_lines += 1;
        }
    }
    Ok(listed
        .into_iter()
        .map(|(path, (sum, _))| (path, sum))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sha256sum` of the empty file and of "abc".
    const EMPTY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    fn hex(sum: &Sum) -> String {
        let mut line = String::new();
        push_line(&mut line, sum, "x");
        line[..64].to_owned()
    }

    #[test]
    fn sums_are_sha256_whole_or_in_parts() {
        assert_eq!(hex(&sum_of(b"")), EMPTY);
        assert_eq!(hex(&sum_of(b"abc")), ABC);
        let mut parts = Summer::default();
        parts.update(b"a");
        parts.update(b"");
        parts.update(b"bc");
        assert_eq!(hex(&parts.finish()), ABC);
    }

    #[test]
    fn lines_are_written_as_sha256sum_writes_them() {
        let mut text = String::new();
        push_line(&mut text, &sum_of(b"abc"), "zh/gar/index.html");
        assert_eq!(text, format!("{ABC}  zh/gar/index.html\n"));
        let mut text = String::new();
        push_line(&mut text, &sum_of(b""), "a b/c\\d\ne");
        assert_eq!(text, format!("\\{EMPTY}  a b/c\\\\d\\ne\n"));
    }

    #[test]
    fn lines_read_back_as_written_and_as_sha256sum_may_write_them() {
        for path in ["zh/index.html", "with space/x", "back\\slash", "new\nline"] {
            let mut text = String::new();
            push_line(&mut text, &sum_of(b"abc"), path);
            let (sum, read) = parse_line(text.trim_end_matches('\n').as_bytes()).unwrap();
            assert_eq!((sum, &*read), (sum_of(b"abc"), path));
        }
        let upper = format!("{}  a", ABC.to_uppercase());
        assert_eq!(parse_line(upper.as_bytes()).unwrap().0, sum_of(b"abc"));
        let binary = format!("{ABC} *a\r");
        assert_eq!(&*parse_line(binary.as_bytes()).unwrap().1, "a");
        let carriage = format!("\\{ABC}  a\\rb");
        assert_eq!(&*parse_line(carriage.as_bytes()).unwrap().1, "a\rb");
    }

    #[test]
    fn what_is_no_line_of_sha256sum_is_none_never_a_panic() {
        let short = &ABC[..63];
        for line in [
            String::new(),
            "\\".into(),
            "x".repeat(200),
            format!("{short}  a"),
            format!("{ABC} a"),
            format!("{ABC}  "),
            format!("{ABC}\ta"),
            format!("{}g  a", &ABC[..63]),
            format!("{}é  a", &ABC[..62]),
            format!("\\{ABC}  a\\"),
            format!("\\{ABC}  a\\t"),
            format!("SHA256 (a) = {ABC}"),
        ] {
            assert!(parse_line(line.as_bytes()).is_none(), "{line:?}");
        }
        let mut not_utf8 = format!("{ABC}  ").into_bytes();
        not_utf8.push(0xff);
        assert!(parse_line(&not_utf8).is_none());
    }

    #[test]
    fn only_paths_inside_the_folder_are_checked() {
        assert_eq!(inside("zh/index.html").as_deref(), Some("zh/index.html"));
        assert_eq!(inside("./zh/./a").as_deref(), Some("zh/a"));
        for outside in [
            "",
            ".",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "a/",
            "a\0",
        ] {
            assert_eq!(inside(outside), None, "{outside:?}");
        }
    }

    fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in files {
            let at = dir.path().join(path);
            fs::create_dir_all(at.parent().unwrap()).unwrap();
            fs::write(at, bytes).unwrap();
        }
        dir
    }

    /// The `SHA256SUMS` that [`write`] makes of `paths` in `dir`, whose
    /// files are known only by `known`, with the sums of `earlier`'s
    /// `SHA256SUMS` and files.
    fn written(paths: &[&str], known: &[(&str, &[u8])], earlier: &Path) -> Result<String, String> {
        let known: HashMap<&str, Sum> = known.iter().map(|(p, b)| (*p, sum_of(b))).collect();
        let mut text = String::new();
        write(
            paths,
            &mut |path| Ok(known.get(path).copied()),
            earlier,
            |chunk| {
                text.push_str(&chunk);
                Ok(())
            },
        )?;
        Ok(text)
    }

    #[test]
    fn a_file_not_written_takes_its_earlier_line_or_is_read() {
        let earlier = folder(&[("a", b"a"), ("b", b"abc"), ("c/d", b"cd")]);
        // The earlier list knows `b` (under a sum the file does not have,
        // to tell a line taken from a file read) and not `c/d`.
        let stale = sum_of(b"stale");
        let mut list = String::new();
        push_line(&mut list, &sum_of(b"a"), "a");
        push_line(&mut list, &stale, "b");
        list.push_str("not a line\n");
        push_line(&mut list, &sum_of(b"gone"), "bb");
        fs::write(earlier.path().join(FILE), &list).unwrap();
        let text = written(
            &["a", "b", "c/d", "e"],
            &[("a", b"new"), ("e", b"e")],
            earlier.path(),
        )
        .unwrap();
        let mut expected = String::new();
        push_line(&mut expected, &sum_of(b"new"), "a");
        push_line(&mut expected, &stale, "b");
        push_line(&mut expected, &sum_of(b"cd"), "c/d");
        push_line(&mut expected, &sum_of(b"e"), "e");
        assert_eq!(text, expected);
        // A file neither known nor listed nor there is an error that names it.
        let err = written(&["f"], &[], earlier.path()).unwrap_err();
        assert!(
            err.contains(&earlier.path().join("f").display().to_string()),
            "{err}"
        );
        // Without an earlier list, every file is read.
        fs::remove_file(earlier.path().join(FILE)).unwrap();
        let text = written(&["b"], &[], earlier.path()).unwrap();
        assert_eq!(text, format!("{ABC}  b\n"));
    }

    #[test]
    fn verify_names_what_is_altered_missing_added_and_unreadable() {
        let dir = folder(&[("a", b"abc"), ("b/c", b"c"), ("d", b"d")]);
        let mut list = String::new();
        push_line(&mut list, &sum_of(b"abc"), "a");
        push_line(&mut list, &sum_of(b"other"), "b/c");
        push_line(&mut list, &sum_of(b"e"), "e");
        list.push_str("garbage\n");
        push_line(&mut list, &sum_of(b"abc"), "./a");
        push_line(&mut list, &sum_of(b"x"), "../x");
        fs::write(dir.path().join(FILE), &list).unwrap();
        fs::write(dir.path().join(MARKER), "m").unwrap();
        let found = verify(dir.path()).unwrap();
        assert_eq!(found.intact, 1);
        assert_eq!(found.altered, ["b/c"]);
        assert_eq!(found.missing, ["e"]);
        assert_eq!(found.added, ["d"]);
        let lines: Vec<usize> = found.lines.iter().map(|(n, _)| *n).collect();
        assert_eq!(lines, [4, 5, 6]);
        assert_eq!(found.problems(), 6);
    }

    #[test]
    fn verify_reads_any_bytes_without_a_panic_or_holding_a_long_line() {
        let dir = folder(&[("a", b"abc")]);
        let mut bytes = vec![b'x'; MAX_LINE * 3];
        bytes.extend_from_slice(format!("\n{ABC}  a\n").as_bytes());
        bytes.extend((0..=255u8).cycle().take(100_000));
        fs::write(dir.path().join(FILE), &bytes).unwrap();
        let found = verify(dir.path()).unwrap();
        assert_eq!(found.intact, 1);
        assert_eq!(found.lines[0].0, 1, "the long line is one line");
        assert_eq!(found.lines.len(), NAMED_LINES);
        assert!(found.more_lines > 0);
    }

    #[test]
    fn verify_without_a_folder_or_its_list_says_so() {
        let dir = folder(&[("a", b"abc")]);
        assert!(verify(&dir.path().join("nowhere")).is_err());
        assert!(verify(&dir.path().join("a")).is_err());
        assert!(verify(dir.path()).is_err());
    }
}
