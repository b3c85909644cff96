//! A build: the pipeline renders into a folder beside the output, which
//! is swapped in only when everything was written and no problem stops
//! the build (`crate::output` does the guarding, staging and swap). A
//! failed build leaves the previous output as it was.
//!
//! Each build is saved for the next (`pipeline::Saved`, under the root's
//! `.gongshi/`): the next reads and hashes every village file but parses,
//! checks and renders only the villages whose file changed (with the
//! other villages of their township, which share a print page) and the
//! files whose inputs changed, writes into the spare folder (the output
//! before the last) only the files that differ from it, and swaps it in.
//! What it makes is byte for byte what a build from nothing makes; where
//! anything saved does not match the folders (another gongshi, a folder
//! replaced by hand, a build killed half-way), it starts from nothing.
//!
//! Every output gets its `SHA256SUMS` (`crate::manifest`): each file is
//! hashed as it is written (the CSV files as their parts pass, in order),
//! and a file not written this run takes its sum from the last output's
//! `SHA256SUMS`, so a daily rebuild reads no unchanged file to hash it.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Read as _, Seek as _, Write as _};
use std::path::Path;
use std::sync::{Arc, Mutex};

use rayon::slice::ParallelSliceMut;

use crate::content::LoadError;
use crate::manifest::{self, Sum, Summer};
use crate::messages::say;
use crate::output::{folder_id, Staging};
use crate::pipeline::{self, Options, Outcome, Saved, Session, Stop, SAVED_FOLDER};
use crate::render::{path_key, CsvParts, FileState};

/// Checks and renders the site at `root` into `output`, atomically. With
/// `deny_warnings`, a warning stops the build as an error does.
pub fn build(
    root: &Path,
    output: &Path,
    options: Options,
    deny_warnings: bool,
) -> Result<Outcome, LoadError> {
    let start = crate::output::guard(root, output).and_then(|output| {
        // No output: nothing saved can match it, so none is even read.
        let output_folder = folder_id(&output);
        let saved = output_folder
            .and_then(|_| Saved::load(root))
            .filter(|saved| saved.output == output && output_folder == saved.output_folder)
            .filter(Saved::rows_intact);
        let spare = saved.as_ref().and_then(|saved| saved.spare_folder);
        let (staging, reused) = Staging::reusing(&output, spare)?;
        Ok((output, saved, staging, reused))
    });
    let (output, saved, staging, reused) = match start {
        Ok(start) => start,
        // Nothing can be written: still report the content's problems.
        Err(why) => return failed(root, options, why),
    };
    // What the spare holds, and what the output holds (the next spare),
    // if known.
    let (spare, output_keys, mut session) = match saved {
        Some(mut saved) => {
            let spare_keys = std::mem::take(&mut saved.spare_keys);
            let spare_only = std::mem::take(&mut saved.spare_only);
            let output_keys = saved.output_keys();
            let spare = if reused {
                (spare_keys, spare_only)
            } else {
                Default::default()
            };
            (spare, Some(output_keys), saved.into_session())
        }
        None => (Default::default(), None, Session::fresh_saving()),
    };
    if reused {
        // The region-wide CSV files come in parts, appended: start them anew.
        for path in CsvParts::PATHS {
            if let Err(why) = staging.remove(path) {
                return failed(root, options, why);
            }
        }
    }
    // The output's files that are no longer in the site.
    let gone = Mutex::new(Vec::new());
    let sums = Sums::set_aside_under(root);
    let sink = |path: &str, rendered: FileState<'_>| match rendered {
        FileState::Fresh(bytes) => {
            sums.written(path, bytes);
            staging.write(path, bytes)
        }
        FileState::Parts(parts) => {
            sums.parts(path, parts);
            staging.append(path, parts)
        }
        FileState::Gone => {
            gone.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(path.to_owned());
            Ok(())
        }
        // Whatever the spare lacks is carried over once all is known.
        FileState::Unchanged => Ok(()),
    };
    let outcome = pipeline::render(root, options, &mut session, &sink)?;
    let rendered = match outcome.rendered {
        Ok(_) if outcome.checked.diagnostics.fails(deny_warnings) => Err(Stop::Problems),
        Ok(done) => {
            let last = output_keys.as_ref();
            let gone = gone.into_inner().unwrap_or_else(|e| e.into_inner());
            complete_spare(&staging, &session, &spare, &gone, last)
                .and_then(|()| write_sums(&staging, &output, &session, sums, root))
                // An output whose files are not known is no use as a spare.
                .and_then(|()| staging.publish(output_keys.is_some()))
                .and_then(|()| Staging::spare_of(&output))
                .map(|spare| {
                    // An output not saved before is a spare of unknown files.
                    // It has the output's files and those gone from it.
                    let spare = output_keys.map(|keys| (folder_id(&spare), (keys, gone)));
                    let (spare, spare_files) = spare.unwrap_or_default();
                    let folders = (folder_id(&output), spare);
                    let saved = Saved::of(session, output, folders, spare_files);
                    if saved.store(root).is_err() {
                        // The next build starts from nothing, as it must.
                        Saved::forget(root);
                    }
                    done
                })
                .map_err(Stop::Failed)
        }
        Err(stop) => Err(stop),
    };
    Ok(Outcome {
        checked: outcome.checked,
        rendered,
    })
}

/// A build that failed before it began: the content's problems, and why.
fn failed(root: &Path, options: Options, why: String) -> Result<Outcome, LoadError> {
    Ok(Outcome {
        checked: pipeline::check(root, options.today)?,
        rendered: Err(Stop::Failed(why)),
    })
}

/// Makes the staging folder hold exactly the files of `session`'s run. A
/// file whose key is the output's (`last`, the keys the run started from)
/// was not written this run: it is carried over from the output where the
/// spare's key differs (`spare`: its keys, and its files that the output
/// lacks). Every other file was written. The spare's files that are no
/// longer in the site go: those the output lacks, and those `gone` from
/// the output this run (the CSV files, which have no keys, are always
/// written).
fn complete_spare(
    staging: &Staging,
    session: &Session,
    (spare_keys, spare_only): &(HashMap<u64, u64>, Vec<String>),
    gone: &[String],
    last: Option<&HashMap<u64, u64>>,
) -> Result<(), String> {
    let Some(last) = last else {
        // Nothing was known of the output: every file was written.
        return Ok(());
    };
    for (path, key) in session.files() {
        let path_key = path_key(path);
        if last.get(&path_key) == Some(&key) && spare_keys.get(&path_key) != Some(&key) {
            staging.carry(path)?;
        }
    }
    let keys: HashSet<u64> = session.files().map(|(path, _)| path_key(path)).collect();
    for path in spare_only.iter().chain(gone) {
        if !keys.contains(&path_key(path)) {
            staging.remove(path)?;
        }
    }
    Ok(())
}

/// The sums of the files written this run, by `render::path_key` (a
/// million files at country scale: no path is kept, and each sum is kept
/// in blocks filled in turn, never in a table with room to spare), and of
/// the files written in parts, as far as their parts have passed.
#[derive(Default)]
struct Sums {
    written: Mutex<Written>,
    parts: Mutex<HashMap<String, Summer>>,
}

/// The sums of files written whole, in the order taken. Each full block
/// is set aside in an unnamed file under the root's `.gongshi/` where one
/// can be made (six million sums, 240 MB at country scale, would
/// otherwise be held while the index grows) and read back when
/// `SHA256SUMS` is written; where none can be made or written, blocks
/// are held.
#[derive(Default)]
struct Written {
    /// The file, if one could be made.
    aside: Option<Aside>,
    /// Full blocks held, taken after those in the file.
    held: Vec<Vec<(u64, Sum)>>,
    /// The block being filled.
    block: Vec<(u64, Sum)>,
}

/// Sums a block of [`Sums`] holds: a growing list would hold up to twice
/// what it needs while it grows.
const SUMS_A_BLOCK: usize = 4096;

/// A sum set aside: its path key's 8 bytes, then the sum's 32.
const SUM_BYTES: usize = 40;

impl Sums {
    /// Sums whose full blocks are set aside under `root`'s `.gongshi/`
    /// where possible.
    fn set_aside_under(root: &Path) -> Sums {
        let folder = root.join(SAVED_FOLDER);
        let file = fs::create_dir_all(&folder).and_then(|()| tempfile::tempfile_in(&folder));
        Sums {
            written: Mutex::new(Written {
                aside: file.ok().map(|file| Aside {
                    file,
                    count: 0,
                    open: true,
                }),
                ..Written::default()
            }),
            ..Sums::default()
        }
    }

    /// A file written whole: hashed here, on the thread that made it.
    fn written(&self, path: &str, bytes: &[u8]) {
        let sum = manifest::sum_of(bytes);
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if written.block.capacity() == 0 {
            written.block.reserve_exact(SUMS_A_BLOCK);
        }
        written.block.push((path_key(path), sum));
        if written.block.len() == SUMS_A_BLOCK {
            written.set_aside();
        }
    }

    /// The next parts of a file written in parts (handed over in order).
    fn parts(&self, path: &str, parts: &[Arc<str>]) {
        let mut all = self.parts.lock().unwrap_or_else(|e| e.into_inner());
        let summer = all.entry(path.to_owned()).or_default();
        for part in parts {
            summer.update(part.as_bytes());
        }
    }

    /// Every sum taken, to be read back a range of paths at a time (the
    /// files written in parts are summed now).
    fn finish(self) -> Taken {
        let written = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        let parts = self.parts.into_inner().unwrap_or_else(|e| e.into_inner());
        let parts = parts
            .into_iter()
            .map(|(path, summer)| (path_key(&path), summer.finish()))
            .collect();
        Taken { written, parts }
    }
}

/// Every sum a build took, in the order taken.
struct Taken {
    written: Written,
    /// The files written in parts, last.
    parts: Vec<(u64, Sum)>,
}

impl Taken {
    /// The sums whose path key is among `keys` (sorted), sorted by key
    /// and, for a file written twice, in the order taken (the later sum
    /// last), for [`sum_by_key`]. Each carries its place in that order, so
    /// that it is sorted in place: a stable sort of a million sums would
    /// need room for as many again. Fails only where the sums set aside
    /// cannot be read back.
    fn sorted_among(&mut self, keys: &[u64], root: &Path) -> Result<Vec<Ordered>, String> {
        let mut sorted: Vec<Ordered> = Vec::new();
        let mut order = 0;
        let mut take = |key, sum| {
            if keys.binary_search(&key).is_ok() {
                sorted.push(Ordered { key, order, sum });
            }
            order += 1;
        };
        if let Some(aside) = self.written.aside.as_mut() {
            read_aside(&mut aside.file, aside.count, &mut take).map_err(|e| {
                let folder = root.join(SAVED_FOLDER);
                say!("output.cannot_read", path = folder.display(), why = e)
            })?;
        }
        let held = self.written.held.iter().flatten();
        for &(key, sum) in held.chain(&self.written.block).chain(&self.parts) {
            take(key, sum);
        }
        sorted.par_sort_unstable_by_key(|taken| (taken.key, taken.order));
        Ok(sorted)
    }
}

/// Paths whose sums are read back together when `SHA256SUMS` is written:
/// at country scale the end of a build then holds a quarter of a million
/// sums at a time (12 MB), not six million beside every village kept for
/// the next build; each range reads every sum set aside once (240 MB at
/// 600,000 villages, from the page cache).
const PATHS_A_RANGE: usize = 1 << 18;

/// The sums a build took of the files at `paths` (sorted), read back a
/// range of paths at a time as they are asked for in order.
struct SumsInOrder<'p> {
    taken: Taken,
    paths: &'p [&'p str],
    /// Paths a range holds.
    a_range: usize,
    /// Where the range read back ends in `paths`.
    end: usize,
    range: Vec<Ordered>,
}

impl<'p> SumsInOrder<'p> {
    fn new(taken: Taken, paths: &'p [&'p str], a_range: usize) -> SumsInOrder<'p> {
        SumsInOrder {
            taken,
            paths,
            a_range,
            end: 0,
            range: Vec::new(),
        }
    }

    /// The sum taken of the file at `path`, one of `paths`, each asked
    /// after those before it.
    fn sum(&mut self, path: &str, root: &Path) -> Result<Option<Sum>, String> {
        while self.end < self.paths.len() && (self.end == 0 || path > self.paths[self.end - 1]) {
            let start = self.end;
            self.end = (start + self.a_range).min(self.paths.len());
            let mut keys: Vec<u64> = self.paths[start..self.end]
                .iter()
                .map(|path| path_key(path))
                .collect();
            keys.sort_unstable();
            // The last range is let go before the next is read back.
            self.range = Vec::new();
            self.range = self.taken.sorted_among(&keys, root)?;
        }
        Ok(sum_by_key(&self.range, path_key(path)))
    }
}

impl Written {
    /// Sets the full block aside: into the file, else held.
    fn set_aside(&mut self) {
        let block = std::mem::take(&mut self.block);
        if let Some(aside) = self.aside.as_mut().filter(|aside| aside.open) {
            let mut bytes = Vec::with_capacity(block.len() * SUM_BYTES);
            for (key, sum) in &block {
                bytes.extend_from_slice(&key.to_le_bytes());
                bytes.extend_from_slice(sum);
            }
            if aside.file.write_all(&bytes).is_ok() {
                aside.count += block.len();
                // Its room is filled again.
                self.block = block;
                self.block.clear();
                return;
            }
            // What the file holds stays readable (a block half written
            // is past the count, never read); nothing more goes there.
            aside.open = false;
        }
        self.held.push(block);
    }
}

/// The file sums are set aside in.
struct Aside {
    file: fs::File,
    /// How many sums it holds.
    count: usize,
    /// Whether more may go there (not after a write failed).
    open: bool,
}

/// Reads back the `count` sums set aside in `file`, in the order taken.
fn read_aside(
    file: &mut fs::File,
    count: usize,
    take: &mut impl FnMut(u64, Sum),
) -> io::Result<()> {
    file.seek(io::SeekFrom::Start(0))?;
    let mut bytes = vec![0; SUMS_A_BLOCK * SUM_BYTES];
    let mut left = count;
    while left > 0 {
        let now = left.min(SUMS_A_BLOCK);
        let bytes = &mut bytes[..now * SUM_BYTES];
        file.read_exact(bytes)?;
        for record in bytes.chunks_exact(SUM_BYTES) {
            let (key, sum) = record.split_at(8);
            let key = u64::from_le_bytes(key.try_into().unwrap_or_default());
            take(key, sum.try_into().unwrap_or_default());
        }
        left -= now;
    }
    Ok(())
}

/// A sum taken: the path key of its file, and where it came in the order
/// taken.
struct Ordered {
    key: u64,
    order: usize,
    sum: Sum,
}

/// The sum of the file whose path key is `key` among `sorted` (see
/// [`Taken::sorted_among`]): the last taken.
fn sum_by_key(sorted: &[Ordered], key: u64) -> Option<Sum> {
    let end = sorted.partition_point(|taken| taken.key <= key);
    sorted[..end]
        .last()
        .filter(|taken| taken.key == key)
        .map(|taken| taken.sum)
}

/// Writes the staging folder's `SHA256SUMS`: one line for each file of
/// `session`'s run and each CSV file, with the sum this run took of it
/// or, for a file not written this run, the one `output` (the last
/// output, which holds it unchanged) lists or, failing that, has.
fn write_sums(
    staging: &Staging,
    output: &Path,
    session: &Session,
    sums: Sums,
    root: &Path,
) -> Result<(), String> {
    let mut paths: Vec<&str> = session.files().map(|(path, _)| path).collect();
    paths.extend(CsvParts::PATHS);
    paths.par_sort_unstable();
    paths.dedup();
    // Written in parts: the spare's earlier list goes first.
    staging.remove(manifest::FILE)?;
    let mut known = SumsInOrder::new(sums.finish(), &paths, PATHS_A_RANGE);
    manifest::write(&paths, &mut |path| known.sum(path, root), output, |text| {
        staging.append(manifest::FILE, &[Arc::from(text)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes more sums than two blocks hold, one file twice, and a file
    /// in parts, then checks each is found.
    fn check_sums_found(sums: Sums, root: &Path) {
        let paths: Vec<String> = (0..2 * SUMS_A_BLOCK + 10)
            .map(|i| format!("zh/{i}/index.html"))
            .collect();
        for (i, path) in paths.iter().enumerate() {
            sums.written(path, path.as_bytes());
            if i == SUMS_A_BLOCK {
                // The first block is set aside (if it can be): any write
                // from now on fails, as on a full disk.
                let mut written = sums.written.lock().unwrap();
                if let Some(aside) = written.aside.as_mut() {
                    let path = root.join(SAVED_FOLDER).join("read-only");
                    fs::write(&path, b"").unwrap();
                    let mut copy = fs::File::create(&path).unwrap();
                    aside.file.seek(io::SeekFrom::Start(0)).unwrap();
                    io::copy(&mut aside.file, &mut copy).unwrap();
                    aside.file = fs::File::open(&path).unwrap();
                    assert_eq!(aside.count, SUMS_A_BLOCK);
                }
            }
        }
        sums.written("zh/0/index.html", b"again");
        sums.parts("data/candidates.csv", &[Arc::from("a,"), Arc::from("b\n")]);
        let mut asked: Vec<&str> = paths.iter().map(String::as_str).collect();
        asked.extend(["data/candidates.csv", "zh/missing/index.html"]);
        asked.sort_unstable();
        // Ranges smaller than the paths, so that several are read back.
        let mut in_order = SumsInOrder::new(sums.finish(), &asked, 1000);
        let mut found = HashMap::new();
        for path in &asked {
            found.insert(*path, in_order.sum(path, root).unwrap());
        }
        assert_eq!(found["zh/0/index.html"], Some(manifest::sum_of(b"again")));
        for path in &paths[1..] {
            let sum = Some(manifest::sum_of(path.as_bytes()));
            assert_eq!(found[path.as_str()], sum, "{path}");
        }
        let csv = Some(manifest::sum_of(b"a,b\n"));
        assert_eq!(found["data/candidates.csv"], csv);
        assert_eq!(found["zh/missing/index.html"], None);
    }

    #[test]
    fn each_files_sum_is_found_by_its_path_the_later_of_two_writes_winning() {
        let root = tempfile::tempdir().unwrap();
        check_sums_found(Sums::default(), root.path());
    }

    #[test]
    fn sums_set_aside_in_a_file_are_found_as_those_held_after_a_write_fails() {
        let root = tempfile::tempdir().unwrap();
        let sums = Sums::set_aside_under(root.path());
        assert!(sums.written.lock().unwrap().aside.is_some());
        check_sums_found(sums, root.path());
    }
}
