//! Helpers shared by the integration tests.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// How long a test waits for a rebuild to be served: generous, since a
/// waiting test returns as soon as the change shows, and a loaded 2-core
/// machine may take several seconds (speed is measured by the benchmarks,
/// never here).
pub(crate) const REBUILD: Duration = Duration::from_secs(30);

/// The folder of a fixture under `tests/fixtures/`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The repository root, which holds the example site.
pub(crate) fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `gongshi` with the given arguments, speaking English whatever the
/// machine's locale (tests of other languages set their own).
pub(crate) fn gongshi(args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("gongshi").expect("the binary is built");
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(args);
    cmd
}

/// What a finished `gongshi` run left: its exit code and its output.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Runs `gongshi`, returning exit code, stdout and stderr.
pub(crate) fn run(args: &[&str]) -> Outcome {
    outcome(gongshi(args))
}

/// Runs a prepared `gongshi` command, returning exit code, stdout and stderr.
pub(crate) fn outcome(mut command: Command) -> Outcome {
    let output = command.output().expect("gongshi runs");
    Outcome {
        code: output
            .status
            .code()
            .expect("exited normally, not by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Copies the folder `from` to `to`, creating `to` and what it holds.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Compares `actual` with the file `expected`, or rewrites the file when
/// `GONGSHI_BLESS` is set.
pub(crate) fn assert_matches_file(actual: &str, expected: &Path) {
    if std::env::var_os("GONGSHI_BLESS").is_some() {
        std::fs::write(expected, actual).expect("write expected output");
        return;
    }
    let wanted = std::fs::read_to_string(expected).unwrap_or_else(|e| {
        panic!(
            "read {}: {e} (run with GONGSHI_BLESS=1 to create it)",
            expected.display()
        )
    });
    if wanted != actual {
        let first = wanted
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| wanted.lines().count().min(actual.lines().count()));
        panic!(
            "output differs from {} at line {}:\n  expected: {:?}\n    actual: {:?}\n\n--- actual output ---\n{actual}",
            expected.display(),
            first + 1,
            wanted.lines().nth(first),
            actual.lines().nth(first),
        );
    }
}

/// A site in a temporary folder that the tests write, check, build and
/// serve through the real binary.
pub(crate) struct SiteTest {
    /// Keeps the folder alive.
    dir: tempfile::TempDir,
}

impl SiteTest {
    /// A folder with nothing in it, not even `content/`.
    pub(crate) fn bare() -> SiteTest {
        SiteTest {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A minimal valid site: settings, a calendar, one county and township.
    pub(crate) fn empty() -> SiteTest {
        let site = SiteTest::bare();
        site.write(
            "content/site.yaml",
            "title: { bo: \"མངའ་རིས།\", zh: \"阿里公示\" }\nregion: { bo: \"མངའ་རིས་ས་ཁུལ།\", zh: \"阿里地区\" }\nbase_url: \"https://example.org/\"\nlanguages: [bo, zh]\n",
        );
        site.write(
            "content/calendar.yaml",
            "holidays:\n  - { start: 2021-01-01, end: 2021-01-03, name: { bo: \"སྤྱི་ལོའི་ལོ་གསར།\", zh: \"元旦\" } }\n",
        );
        site.write(
            "content/villages/gar/_index.yaml",
            "name: { bo: \"སྒར་རྫོང་།\", zh: \"噶尔县\" }\n",
        );
        site.write(
            "content/villages/gar/shiquanhe/_index.yaml",
            "name: { bo: \"སེང་གེ་ཁ་འབབ།\", zh: \"狮泉河镇\" }\n",
        );
        site
    }

    /// A copy of the repository's example site (its `content/`; the theme
    /// is the one built into the binary).
    pub(crate) fn example() -> SiteTest {
        SiteTest::with_content(&example_root().join("content"))
    }

    /// A site whose `content/` is a copy of the folder given.
    pub(crate) fn with_content(content: &Path) -> SiteTest {
        let site = SiteTest::bare();
        copy_dir(content, &site.root().join("content"));
        site
    }

    /// The site's root folder.
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The site's root folder as a string, for command lines.
    pub(crate) fn root_str(&self) -> &str {
        self.root().to_str().expect("UTF-8 temp path")
    }

    /// Writes a file (text) under the root, creating folders.
    pub(crate) fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    /// Writes a file (bytes) under the root, creating folders.
    pub(crate) fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folders");
        std::fs::write(path, bytes).expect("write file");
    }

    /// Reads a file under the root.
    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Replaces the first `from` in the file `rel` with `to` (which must be
    /// there: an edit that changes nothing would test nothing).
    pub(crate) fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} contains {from}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// `gongshi check --root <root>` and `args`.
    pub(crate) fn check(&self, args: &[&str]) -> Outcome {
        let mut all = vec!["check", "--root", self.root_str()];
        all.extend_from_slice(args);
        run(&all)
    }

    /// `gongshi build` of this site into `<root>/public`: the outcome and
    /// the output folder.
    pub(crate) fn build(&self, args: &[&str]) -> (Outcome, PathBuf) {
        let output = self.root().join("public");
        (self.build_into(&output, args), output)
    }

    /// `gongshi build` into `output`, which must then hold the site: the
    /// output folder.
    pub(crate) fn build_ok(&self, args: &[&str]) -> PathBuf {
        let (outcome, output) = self.build(args);
        assert_eq!(outcome.code, 0, "the build fails:\n{}", outcome.stderr);
        output
    }

    /// `gongshi build --root <root> --output <output>` and `args`.
    pub(crate) fn build_into(&self, output: &Path, args: &[&str]) -> Outcome {
        let mut all = vec![
            "build",
            "--root",
            self.root_str(),
            "--output",
            output.to_str().expect("UTF-8 output path"),
        ];
        all.extend_from_slice(args);
        run(&all)
    }

    /// `gongshi serve` of this site on a free loopback port, as of
    /// 2021-01-12 unless `args` give `--today`; stopped when the handle
    /// goes.
    pub(crate) fn serve(&self, args: &[&str]) -> Server<'_> {
        Server::start(self, args)
    }
}

/// A running `gongshi serve` (see [`SiteTest::serve`]); killed on drop.
pub(crate) struct Server<'a> {
    pub(crate) child: Child,
    pub(crate) port: u16,
    pub(crate) site: &'a SiteTest,
    /// The file that takes the server's stderr.
    pub(crate) stderr: PathBuf,
    /// The lines the server printed on stdout so far.
    stdout: Arc<Mutex<Vec<String>>>,
    /// Keeps the stderr file's folder alive.
    _logs: tempfile::TempDir,
}

impl<'a> Server<'a> {
    fn start(site: &'a SiteTest, args: &[&str]) -> Server<'a> {
        let logs = tempfile::tempdir().unwrap();
        let stderr = logs.path().join("serve.err");
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"));
        command
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .args(["serve", "--root", site.root_str(), "--port", "0"]);
        if !args.contains(&"--today") {
            command.args(["--today", "2021-01-12"]);
        }
        let mut child = command
            .args(args)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .expect("gongshi starts");
        let stdout = child.stdout.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let seen = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // The line is in the messages' language: find the URL in it.
                if let Some(url) = line.split("http://").nth(1) {
                    let port = url
                        .split('/')
                        .next()
                        .and_then(|host| host.rsplit(':').next())
                        .and_then(|p| p.parse().ok());
                    let _ = tx.send(port);
                }
                seen.lock().unwrap().push(line);
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(30))
            .ok()
            .flatten()
            .expect("serve prints its URL");
        Server {
            child,
            port,
            site,
            stderr,
            stdout: lines,
            _logs: logs,
        }
    }

    /// The served site's root folder.
    pub(crate) fn root(&self) -> &Path {
        self.site.root()
    }

    /// Everything the server printed on stdout so far, a line each.
    pub(crate) fn stdout(&self) -> Vec<String> {
        self.stdout.lock().unwrap().clone()
    }

    /// Everything the server printed on stderr so far.
    pub(crate) fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap()
    }

    /// A GET of `path`: status, head and body.
    pub(crate) fn get(&self, path: &str) -> (u16, String, String) {
        self.request(path, &format!("127.0.0.1:{}", self.port))
    }

    /// A raw GET with the given Host header: status, headers, body.
    pub(crate) fn request(&self, path: &str, host: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        (status_of(head), head.to_owned(), body.to_owned())
    }

    /// Sends `request` as it is and reads the whole response: the server
    /// must answer and close the connection within `limit`.
    pub(crate) fn exchange(&self, request: &[u8], limit: Duration) -> String {
        let started = Instant::now();
        let address = std::net::SocketAddr::from(([127, 0, 0, 1], self.port));
        let mut stream = TcpStream::connect_timeout(&address, limit)
            .unwrap_or_else(|e| panic!("no connection within {limit:?}: {e}"));
        stream.set_write_timeout(Some(limit)).unwrap();
        stream.write_all(request).unwrap();
        let mut response = Vec::new();
        let mut buffer = [0u8; 8192];
        loop {
            let left = limit.saturating_sub(started.elapsed());
            assert!(
                !left.is_zero(),
                "no whole answer within {limit:?} to {:?}; got {:?}",
                String::from_utf8_lossy(request),
                String::from_utf8_lossy(&response)
            );
            stream.set_read_timeout(Some(left)).unwrap();
            match stream.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => response.extend_from_slice(&buffer[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("reading the answer: {e}"),
            }
        }
        String::from_utf8_lossy(&response).into_owned()
    }

    /// A GET of `path` that must be answered whole within `limit`.
    pub(crate) fn get_within(&self, path: &str, limit: Duration) -> (u16, String) {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        );
        let response = self.exchange(request.as_bytes(), limit);
        (status_of(&response), response)
    }

    /// A number from `/__gongshi/status`.
    pub(crate) fn status_number(&self, name: &str) -> u64 {
        let (_, _, status) = self.get("/__gongshi/status");
        status
            .split(&format!("\"{name}\":"))
            .nth(1)
            .and_then(|rest| rest.split([',', '}']).next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{name} in {status}"))
    }

    /// Polls `path` until its body satisfies `wanted`, for at most `limit`.
    pub(crate) fn wait_for(
        &self,
        path: &str,
        limit: Duration,
        wanted: impl Fn(&str) -> bool,
    ) -> Duration {
        let started = Instant::now();
        loop {
            let (_, _, body) = self.get(path);
            if wanted(&body) {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < limit,
                "{path} did not change within {limit:?}:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The number of rebuilds so far, from `/__gongshi/status`.
    pub(crate) fn generation(&self) -> u64 {
        self.status_number("generation")
    }

    /// Waits (at most 30 s) until no rebuild has happened for half a second
    /// and the last one succeeded, so a following edit comes after
    /// everything the server has seen so far.
    pub(crate) fn settle(&self) {
        let started = Instant::now();
        let mut last = (self.generation(), Instant::now());
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let now = self.generation();
            if now != last.0 {
                last = (now, Instant::now());
            } else if last.1.elapsed() > Duration::from_millis(500) {
                let (_, _, error) = self.get("/__gongshi/error");
                if error.is_empty() {
                    return;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not settle"
            );
        }
    }

    /// Edits a file of the served site (see [`SiteTest::edit`]).
    pub(crate) fn edit(&self, rel: &str, from: &str, to: &str) {
        self.site.edit(rel, from, to);
    }
}

impl Drop for Server<'_> {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status code of a raw response (or its head), 0 if there is none.
pub(crate) fn status_of(response: &str) -> u16 {
    response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Debian's headless Chromium with the flags this machine needs (no
/// sandbox as root, no GPU, no traffic to other hosts) and a fresh profile.
pub(crate) fn chromium(profile: &Path) -> std::process::Command {
    let mut command = std::process::Command::new("chromium");
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// Waits for a Chromium run to end, killing it after 90 s (a page that
/// never settles must fail the test, not hang it); `what` names the run.
pub(crate) fn finish_within_time(child: &mut std::process::Child, what: &dyn std::fmt::Debug) {
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish in 90 s: {what:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Every file under `dir`, relative path (with `/`) to bytes.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}
