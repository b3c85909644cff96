//! Writing the site: into a temporary folder beside the output, swapped in
//! only when everything was written, so a failed build leaves the previous
//! output exactly as it was.
//!
//! The output folder is guarded: never the root, never inside or around
//! `content/` or `themes/`, and an existing folder is replaced only if it is
//! empty or carries the marker file gongshi leaves in everything it writes.
//!
//! The folder swapped out is kept as the *spare* (`.<name>.gongshi-new`
//! beside the output) when the build is saved for the next: that build
//! writes into the spare only what differs from it and swaps again, so a
//! daily rebuild writes what changed rather than every file. Two real
//! folders, no links between them that a write could reach through (a
//! file is removed before it is written), so `cp -r` copies the site.

use crate::messages::say;
use std::fs;
use std::path::{Path, PathBuf};

/// The file that marks a folder as written by gongshi.
pub const MARKER: &str = ".gongshi-output";

/// A folder being filled, to be swapped in by [`Staging::publish`]; dropped
/// unpublished, it is removed and the output is untouched.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    published: bool,
    /// Whether `dir` is the spare, holding an earlier build: a file is
    /// then removed before it is written (it may be a link to the
    /// output's), and the output swapped out is kept as the next spare.
    spare: bool,
}

/// Which folder `path` is, as the file system knows it (device, inode and
/// the time its entry last changed): an exchange swaps names, not folders,
/// so a saved build can tell whether the output and the spare are still
/// the folders it left, and not copies or others put there since (a new
/// folder may get a deleted one's inode, never its time as well). None
/// where the system has no such numbers: then every build starts from
/// nothing.
pub fn folder_id(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = fs::symlink_metadata(path).ok().filter(|m| m.is_dir())?;
        let changed = (meta.ctime(), meta.ctime_nsec());
        Some(crate::keys::hash_of(&(meta.dev(), meta.ino(), changed)))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The real place `path` names (against the current folder): symbolic
/// links resolved, `.` and `..` too, also where the path does not exist yet
/// (the nearest existing ancestor is resolved and the rest appended, as the
/// folders will be made).
fn absolute(path: &Path) -> Result<PathBuf, String> {
    let path = std::path::absolute(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(real_path(&path, 0))
}

/// Links followed at most, as the kernel does (`ELOOP`).
const MAX_LINKS: u32 = 40;

/// [`absolute`] of an absolute path, `links` symbolic links deep.
fn real_path(path: &Path, links: u32) -> PathBuf {
    // The longest ancestor that resolves, and the names after it.
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    let real = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        // A link to nowhere (yet): what it points to is where folders
        // will be made.
        if links < MAX_LINKS {
            if let Ok(target) = fs::read_link(&existing) {
                let folder = existing.parent().unwrap_or(Path::new("/"));
                break real_path(&folder.join(target), links + 1);
            }
        }
        let Some(last) = existing.components().next_back() else {
            break existing;
        };
        let last = last.as_os_str().to_owned();
        if !existing.pop() {
            break existing;
        }
        rest.push(last);
    };
    // What follows does not exist: a `..` undoes the name before it, and
    // the result may then lead back into existing folders (or links).
    let mut resolved = real;
    let mut went_up = false;
    for name in rest.into_iter().rev() {
        match name.to_str() {
            Some(".") => {}
            Some("..") => {
                resolved.pop();
                went_up = true;
            }
            _ => resolved.push(name),
        }
    }
    if went_up && links < MAX_LINKS {
        return real_path(&resolved, links + 1);
    }
    resolved
}

/// Refuses an output folder that would cost anyone their files. Paths are
/// compared where they really lead, so a symbolic link (a linked
/// `content/`, an output through a link) cannot hide a protected folder.
pub fn guard(root: &Path, output: &Path) -> Result<PathBuf, String> {
    let root = absolute(root)?;
    let out = absolute(output)?;
    let shown = output.display();
    if out == root {
        return Err(say!("output.is_root", output = shown));
    }
    for protected in ["content", "themes"] {
        // The folder as named in the root, and where it leads if a link.
        let named = root.join(protected);
        let real = absolute(&named)?;
        for folder in [&named, &real] {
            if out.starts_with(folder) {
                return Err(say!("output.inside", output = shown, folder = protected));
            }
            if folder.starts_with(&out) {
                return Err(say!("output.holds", output = shown, folder = protected));
            }
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(say!("output.is_file", output = shown));
        }
        let empty = fs::read_dir(&out)
            .map_err(|e| format!("{shown}: {e}"))?
            .next()
            .is_none();
        if !empty && !out.join(MARKER).is_file() {
            return Err(say!("output.not_ours", output = shown, marker = MARKER));
        }
    }
    Ok(out)
}

impl Staging {
    /// A fresh temporary folder beside `output` (already guarded). Leftovers
    /// of a build that was killed (ours by their names) are removed first,
    /// whatever their permissions.
    pub fn new(output: &Path) -> Result<Staging, String> {
        let dir = sibling(output, "new")?;
        remove_leftover(&dir)?;
        remove_leftover(&sibling(output, "old")?)?;
        fs::create_dir_all(&dir)
            .map_err(|e| say!("output.cannot_create", path = dir.display(), why = e))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            published: false,
            spare: false,
        })
    }

    /// The spare folder beside `output` (already guarded) to fill with
    /// what differs from it, if it is the folder `spare` (see
    /// [`folder_id`]); else a fresh folder as [`Staging::new`] makes. The
    /// second value says which. The spare's marker goes first: until it is
    /// swapped in, it is no output of gongshi's.
    pub fn reusing(output: &Path, spare: Option<u64>) -> Result<(Staging, bool), String> {
        let dir = sibling(output, "new")?;
        if spare.is_none() || folder_id(&dir) != spare {
            return Staging::new(output).map(|staging| (staging, false));
        }
        remove_leftover(&sibling(output, "old")?)?;
        let staging = Staging {
            dir,
            output: output.to_path_buf(),
            published: false,
            spare: true,
        };
        staging.remove(MARKER)?;
        Ok((staging, true))
    }

    /// Where the file at `rel` (relative, with `/`) goes, its folder made.
    fn place(&self, rel: &str) -> Result<PathBuf, String> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| say!("output.cannot_create", path = parent.display(), why = e))?;
        }
        Ok(path)
    }

    /// Writes one file (path relative, with `/`).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        if self.spare {
            self.unlink(rel)?;
        }
        let path = self.place(rel)?;
        fs::write(&path, bytes)
            .map_err(|e| say!("output.cannot_write", path = path.display(), why = e))
    }

    /// The spare folder beside `output`.
    pub fn spare_of(output: &Path) -> Result<PathBuf, String> {
        sibling(output, "new")
    }

    /// Removes a file (path relative, with `/`), and the folders it leaves
    /// empty; nothing there is fine.
    pub fn remove(&self, rel: &str) -> Result<(), String> {
        self.unlink(rel)?;
        let path = self.dir.join(rel);
        let mut folder = path.parent();
        while let Some(f) = folder.filter(|f| *f != self.dir) {
            if fs::remove_dir(f).is_err() {
                break;
            }
            folder = f.parent();
        }
        Ok(())
    }

    /// Removes a file (path relative, with `/`), if it is there: a file
    /// about to be written may be a link to the output's.
    fn unlink(&self, rel: &str) -> Result<(), String> {
        let path = self.dir.join(rel);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(say!("output.cannot_write", path = path.display(), why = e))
            }
            _ => Ok(()),
        }
    }

    /// Takes the output's file at `rel` as it is: a hard link to it where
    /// the file system allows, else a copy.
    pub fn carry(&self, rel: &str) -> Result<(), String> {
        self.unlink(rel)?;
        let target = self.place(rel)?;
        let source = self.output.join(rel);
        fs::hard_link(&source, &target)
            .or_else(|_| fs::copy(&source, &target).map(drop))
            .map_err(|e| say!("output.cannot_write", path = target.display(), why = e))
    }

    /// Appends parts to a file (path relative, with `/`), creating it first.
    pub fn append(&self, rel: &str, parts: &[std::sync::Arc<str>]) -> Result<(), String> {
        use std::io::Write;
        let path = self.place(rel)?;
        fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                parts
                    .iter()
                    .try_for_each(|part| out.write_all(part.as_bytes()))?;
                out.flush()
            })
            .map_err(|e| say!("output.cannot_write", path = path.display(), why = e))
    }

    /// Swaps the new folder in. On Linux the new folder and the old output
    /// are exchanged in one step (`renameat2` with `RENAME_EXCHANGE`), so
    /// the output folder is never missing; elsewhere, or where the file
    /// system cannot exchange, the old output is renamed aside, the new one
    /// renamed into place, and on failure the old is put back. The old
    /// output is then removed.
    ///
    /// With `keep`, the old output stays beside the new as the next
    /// build's spare ([`Staging::spare_of`]).
    pub fn publish(mut self, keep: bool) -> Result<(), String> {
        self.write(
            MARKER,
            b"This folder was written by gongshi; a build replaces it whole.\n",
        )?;
        if fs::symlink_metadata(&self.output).is_ok() {
            match exchange(&self.dir, &self.output) {
                Ok(Exchanged::Done) => {
                    self.published = true;
                    // The staging folder now holds the old output; a
                    // failure here is cleaned up by the next build.
                    if !keep {
                        let _ = remove_leftover(&self.dir);
                    }
                    return Ok(());
                }
                Ok(Exchanged::Unsupported) => {}
                Err(e) => {
                    return Err(say!(
                        "output.cannot_swap",
                        output = self.output.display(),
                        why = e
                    ))
                }
            }
        }
        self.publish_in_two_steps(keep)
    }

    /// The swap where no exchange in one step is possible.
    fn publish_in_two_steps(&mut self, keep: bool) -> Result<(), String> {
        let old = sibling(&self.output, "old")?;
        remove_leftover(&old)?;
        let had_output = fs::symlink_metadata(&self.output).is_ok();
        if had_output {
            rename_retrying(&self.output, &old).map_err(|e| {
                say!(
                    "output.cannot_move_aside",
                    output = self.output.display(),
                    why = e
                )
            })?;
        }
        if let Err(e) = rename_retrying(&self.dir, &self.output) {
            if had_output {
                let _ = rename_retrying(&old, &self.output);
            }
            return Err(say!(
                "output.cannot_swap",
                output = self.output.display(),
                why = e
            ));
        }
        self.published = true;
        if had_output {
            if keep {
                let _ = rename_retrying(&old, &self.dir);
            } else {
                let _ = remove_leftover(&old);
            }
        }
        Ok(())
    }
}

/// What became of an attempt to exchange two folders in one step.
#[derive(Debug, PartialEq, Eq)]
enum Exchanged {
    /// Each now holds what the other held.
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    Done,
    /// The system or the file system cannot do it: nothing was changed.
    Unsupported,
}

/// Exchanges `a` and `b` (both existing) in one step: `renameat2` with
/// `RENAME_EXCHANGE`. A kernel without the call (`ENOSYS`) or a file
/// system that refuses the flag (`EINVAL`, `EOPNOTSUPP`) changes nothing
/// and is [`Exchanged::Unsupported`].
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<Exchanged> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c_path = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))
    };
    let (a, b) = (c_path(a)?, c_path(b)?);
    // SAFETY: both paths are NUL-terminated C strings that outlive the
    // call; the system call only reads them.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        return Ok(Exchanged::Done);
    }
    let err = std::io::Error::last_os_error();
    match err.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(Exchanged::Unsupported),
        _ => Err(err),
    }
}

/// No exchange in one step here: the two-step swap is used.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<Exchanged> {
    Ok(Exchanged::Unsupported)
}

/// Removes `path`, a leftover of a build that was killed (a folder, a file
/// or a symbolic link, never what a link points to), making it writable
/// first where it will not go as it is. Nothing there is fine; what cannot
/// be removed is an error that names it, so the clerk can delete it.
fn remove_leftover(path: &Path) -> Result<(), String> {
    let remove = |path: &Path| -> std::io::Result<()> {
        match fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
            Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
            Ok(_) => fs::remove_file(path),
        }
    };
    if remove(path).is_ok() {
        return Ok(());
    }
    make_writable(path);
    remove(path).map_err(|e| say!("output.leftover", path = path.display(), why = e))
}

/// Gives the owner the right to list, enter and change every folder under
/// `path` (itself included) and to change every file, without following
/// symbolic links. Best effort: what cannot be changed is left as it is.
fn make_writable(path: &Path) {
    let mut stack = vec![path.to_path_buf()];
    while let Some(path) = stack.pop() {
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            continue;
        }
        let mut permissions = meta.permissions();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let owner = if meta.is_dir() { 0o700 } else { 0o600 };
            permissions.set_mode(permissions.mode() | owner);
        }
        #[cfg(not(unix))]
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        let _ = fs::set_permissions(&path, permissions);
        if meta.is_dir() {
            if let Ok(entries) = fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|entry| entry.path()));
            }
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// `parent/.name.gongshi-<what>`.
fn sibling(output: &Path, what: &str) -> Result<PathBuf, String> {
    let name = output
        .file_name()
        .ok_or_else(|| format!("{}: not a folder name", output.display()))?
        .to_string_lossy();
    let parent = output.parent().unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{name}.gongshi-{what}")))
}

/// Renames, retrying a few times where Windows reports a file in use (a
/// virus scanner or a preview holding a file open).
fn rename_retrying(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut attempt = 0;
    loop {
        match fs::rename(from, to) {
            Err(e)
                if attempt < 5
                    && e.kind() == std::io::ErrorKind::PermissionDenied
                    && cfg!(windows) =>
            {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(100 * attempt));
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_against_losing_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/villages")).unwrap();
        fs::create_dir_all(root.join("themes")).unwrap();
        assert!(guard(root, root).unwrap_err().contains("root folder"));
        assert!(guard(root, &root.join("content/out"))
            .unwrap_err()
            .contains("inside content/"));
        assert!(guard(root, root.parent().unwrap())
            .unwrap_err()
            .contains("holds content/"));
        fs::create_dir_all(root.join("docs")).unwrap();
        fs::write(root.join("docs/letter.txt"), "keep me").unwrap();
        assert!(guard(root, &root.join("docs"))
            .unwrap_err()
            .contains("not written by gongshi"));
        assert!(guard(root, &root.join("public")).is_ok());
        fs::create_dir_all(root.join("empty")).unwrap();
        assert!(guard(root, &root.join("empty")).is_ok());
    }

    #[test]
    fn publish_swaps_and_a_dropped_staging_leaves_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::new(&out).unwrap();
        first.write("a/index.html", b"one").unwrap();
        first.publish(false).unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        let second = Staging::new(&out).unwrap();
        second.write("a/index.html", b"two").unwrap();
        drop(second);
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert!(!dir.path().join(".public.gongshi-new").exists());
        assert!(out.join(MARKER).is_file());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_spare_is_kept_filled_with_what_differs_and_never_reaches_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let spare = Staging::spare_of(&out).unwrap();
        let staging = Staging::new(&out).unwrap();
        staging.write("a/same.html", b"same").unwrap();
        staging.write("gone/old.html", b"old").unwrap();
        staging.publish(true).unwrap();
        assert!(!spare.exists(), "no earlier output: nothing to keep");
        let staging = Staging::new(&out).unwrap();
        staging.write("a/same.html", b"same").unwrap();
        staging.publish(true).unwrap();
        assert_eq!(
            fs::read(spare.join("gone/old.html")).unwrap(),
            b"old",
            "the old output is the spare"
        );
        let (other, reused) = Staging::reusing(&out, folder_id(&out)).unwrap();
        assert!(!reused, "another folder is not the spare");
        drop(other);
        // Dropped unpublished, the fresh folder took the spare's place.
        let staging = Staging::new(&out).unwrap();
        staging.write("gone/old.html", b"old").unwrap();
        staging.publish(true).unwrap();
        let (staging, reused) = Staging::reusing(&out, folder_id(&spare)).unwrap();
        assert!(reused);
        assert!(
            !spare.join(MARKER).exists(),
            "a spare being filled is no output"
        );
        staging.carry("gone/old.html").unwrap();
        staging.write("gone/old.html", b"new").unwrap();
        assert_eq!(
            fs::read(out.join("gone/old.html")).unwrap(),
            b"old",
            "a file carried over and then written leaves the output's as it was"
        );
        staging.remove("gone/old.html").unwrap();
        assert!(!spare.join("gone").exists(), "an emptied folder goes too");
        staging.publish(true).unwrap();
        assert!(!out.join("gone").exists());
        assert_eq!(fs::read(spare.join("gone/old.html")).unwrap(), b"old");
    }

    #[test]
    fn exchange_swaps_two_folders_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir_all(a.join("only-in-a")).unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::write(b.join("index.html"), "b").unwrap();
        // ext4, tmpfs, btrfs and xfs all exchange; the fallback is for others.
        assert_eq!(exchange(&a, &b).unwrap(), Exchanged::Done);
        assert_eq!(fs::read_to_string(a.join("index.html")).unwrap(), "b");
        assert!(b.join("only-in-a").is_dir() && !b.join("index.html").exists());
        // Nothing to exchange with is an error, not a reason to fall back.
        let missing = dir.path().join("missing");
        assert!(exchange(&a, &missing).is_err());
        assert!(a.join("index.html").is_file() && !missing.exists());
    }

    /// Where folders are exchanged in one step (elsewhere the two-step swap
    /// has its moment without an output).
    #[cfg(target_os = "linux")]
    #[test]
    fn the_output_folder_is_there_throughout_every_swap() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::new(&out).unwrap();
        first.write("index.html", b"0").unwrap();
        first.publish(false).unwrap();
        let done = AtomicBool::new(false);
        let (seen, missing) = std::thread::scope(|scope| {
            let watcher = scope.spawn(|| {
                let (mut seen, mut missing) = (0u64, 0u64);
                while !done.load(Ordering::Relaxed) {
                    seen += 1;
                    if !out.join("index.html").is_file() {
                        missing += 1;
                    }
                }
                (seen, missing)
            });
            for round in 1..=300 {
                let staging = Staging::new(&out).unwrap();
                staging
                    .write("index.html", round.to_string().as_bytes())
                    .unwrap();
                staging.write("a/b/c.html", b"deeper").unwrap();
                staging.publish(false).unwrap();
            }
            done.store(true, Ordering::Relaxed);
            watcher.join().unwrap()
        });
        assert!(seen > 0);
        assert_eq!(
            missing, 0,
            "index.html was missing {missing} times of {seen} looks"
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "300");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "only the output is left: {left:?}");
    }

    /// The swap of systems and file systems that cannot exchange, run here
    /// too so that it stays right.
    #[test]
    fn the_two_step_swap_replaces_the_output_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("gone")).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        let mut staging = Staging::new(&out).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.publish_in_two_steps(false).unwrap();
        drop(staging);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"new");
        assert!(!out.join("gone").exists());
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "only the output is left: {left:?}");
    }

    #[cfg(unix)]
    #[test]
    fn leftovers_of_every_shape_are_removed_and_what_is_not_is_named() {
        use std::os::unix::fs::{symlink, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        let mode = |path: &Path, mode: u32| {
            fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap()
        };
        // Nothing there.
        remove_leftover(&at("nothing")).unwrap();
        // A file, read-only.
        fs::write(at("file"), "x").unwrap();
        mode(&at("file"), 0o444);
        // A read-only tree, with a folder that cannot even be listed.
        fs::create_dir_all(at("tree/a/b")).unwrap();
        fs::write(at("tree/a/b/page.html"), "x").unwrap();
        fs::create_dir_all(at("tree/closed/inner")).unwrap();
        mode(&at("tree/a/b/page.html"), 0o444);
        for folder in ["tree/a/b", "tree/a", "tree/closed/inner"] {
            mode(&at(folder), 0o555);
        }
        mode(&at("tree/closed"), 0o000);
        mode(&at("tree"), 0o555);
        // A link to a folder that must survive, and a link to nowhere.
        fs::create_dir_all(at("kept")).unwrap();
        fs::write(at("kept/letter.txt"), "keep me").unwrap();
        mode(&at("kept"), 0o555);
        symlink(at("kept"), at("link")).unwrap();
        symlink(at("nowhere"), at("dangling")).unwrap();
        for name in ["file", "tree", "link", "dangling"] {
            remove_leftover(&at(name)).unwrap();
            assert!(fs::symlink_metadata(at(name)).is_err(), "{name} is gone");
        }
        assert_eq!(
            fs::read_to_string(at("kept/letter.txt")).unwrap(),
            "keep me"
        );
        assert_eq!(
            fs::metadata(at("kept")).unwrap().permissions().mode() & 0o777,
            0o555,
            "a link's target is not touched"
        );
        // What cannot be removed (here: under a file, so it cannot even be
        // looked at) is named, with what to do.
        let stuck = at("kept/letter.txt/.public.gongshi-old");
        let err = remove_leftover(&stuck).unwrap_err();
        assert!(err.contains(&stuck.display().to_string()), "{err}");
        assert!(err.contains("delete it yourself"), "{err}");
    }

    #[test]
    fn a_leftover_file_in_the_way_of_the_staging_folder_goes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::write(dir.path().join(".public.gongshi-new"), "in the way").unwrap();
        fs::create_dir_all(dir.path().join(".public.gongshi-old/a")).unwrap();
        let staging = Staging::new(&out).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.publish(false).unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"new");
        assert!(!dir.path().join(".public.gongshi-new").exists());
        assert!(!dir.path().join(".public.gongshi-old").exists());
    }

    #[cfg(unix)]
    #[test]
    fn protected_folders_are_compared_where_links_lead() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let real = dir.path().join("real");
        fs::create_dir_all(real.join("content/villages")).unwrap();
        fs::create_dir_all(real.join("themes/default")).unwrap();
        fs::create_dir_all(&root).unwrap();
        symlink(real.join("content"), root.join("content")).unwrap();
        symlink(real.join("themes"), root.join("themes")).unwrap();
        let refused = |output: &Path, why: &str| {
            let err = guard(&root, output).unwrap_err();
            assert!(err.contains(why), "{}: {err}", output.display());
        };
        refused(&real.join("content/public"), "inside content/");
        refused(&real.join("content/villages"), "inside content/");
        refused(&real.join("themes/new/out"), "inside themes/");
        refused(&root.join("content/public"), "inside content/");
        refused(&real, "holds content/");
        // Not there yet, but leading inside once made.
        refused(&root.join("new/../content/public"), "inside content/");
        refused(&root.join("new/../../real/themes/x"), "inside themes/");
        symlink(real.join("content/not-yet"), root.join("public")).unwrap();
        refused(&root.join("public"), "inside content/");
        refused(&root.join("public/deeper"), "inside content/");
        assert!(guard(&root, &root.join("out")).is_ok());
        assert!(guard(&root, &real.join("out")).is_ok());
    }
}
