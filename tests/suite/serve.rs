//! `gongshi serve` over real HTTP on loopback: pages, live rebuilds, the
//! last good site kept through a bad edit, refused paths and hosts, and (in
//! Chromium) an open page that reloads itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::example_root;

/// A running `gongshi serve` on a copy of the example site; stopped on drop.
struct Server {
    child: Child,
    port: u16,
    site: tempfile::TempDir,
    stderr: PathBuf,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        Server::start_on(Some(&example_root().join("content")), extra)
    }

    /// Serves a copy of the `content` folder given (none: a site without
    /// `content/`).
    fn start_on(content: Option<&Path>, extra: &[&str]) -> Server {
        let site = tempfile::tempdir().unwrap();
        if let Some(content) = content {
            copy_dir(content, &site.path().join("content"));
        }
        let stderr = site.path().join("serve.err");
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongshi"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .args([
                "serve",
                "--root",
                site.path().to_str().unwrap(),
                "--port",
                "0",
                "--today",
                "2021-01-12",
            ])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .expect("gongshi starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
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
        }
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        self.request(path, &format!("127.0.0.1:{}", self.port))
    }

    /// A raw GET with the given Host header: status, headers, body.
    fn request(&self, path: &str, host: &str) -> (u16, String, String) {
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
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head.to_owned(), body.to_owned())
    }

    /// Sends `request` as it is and reads the whole response: the server
    /// must answer and close the connection within `limit`.
    fn exchange(&self, request: &[u8], limit: Duration) -> String {
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
    fn get_within(&self, path: &str, limit: Duration) -> (u16, String) {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        );
        let response = self.exchange(request.as_bytes(), limit);
        (status_of(&response), response)
    }

    /// A number from `/__gongshi/status`.
    fn status_number(&self, name: &str) -> u64 {
        let (_, _, status) = self.get("/__gongshi/status");
        status
            .split(&format!("\"{name}\":"))
            .nth(1)
            .and_then(|rest| rest.split([',', '}']).next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{name} in {status}"))
    }

    /// Opens a live-reload stream and reads its head (within 5 s).
    fn open_stream(&self) -> TcpStream {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        write!(
            stream,
            "GET /__gongshi/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        )
        .unwrap();
        let seen = read_until(&mut stream, ": connected\n\n");
        assert!(seen.starts_with("HTTP/1.1 200 OK\r\n"), "{seen}");
        assert!(
            seen.contains("Content-Type: text/event-stream\r\n"),
            "{seen}"
        );
        stream
    }

    /// Polls `path` until its body satisfies `wanted`, for at most `limit`.
    fn wait_for(&self, path: &str, limit: Duration, wanted: impl Fn(&str) -> bool) -> Duration {
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
    fn generation(&self) -> u64 {
        self.status_number("generation")
    }

    /// Waits (at most 10 s) until no rebuild has happened for half a second
    /// and the last one succeeded, so a following edit comes after
    /// everything the server has seen so far.
    fn settle(&self) {
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
            assert!(started.elapsed() < REBUILD, "the server did not settle");
        }
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.root().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} contains {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status code of a raw response, 0 if there is none.
fn status_of(response: &str) -> u16 {
    response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Reads from `stream` (its read timeout set) until `wanted` has come.
fn read_until(stream: &mut TcpStream, wanted: &str) -> String {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 1024];
    while !String::from_utf8_lossy(&seen).contains(wanted) {
        match stream.read(&mut buffer) {
            Ok(0) => panic!(
                "closed before {wanted:?}: {:?}",
                String::from_utf8_lossy(&seen)
            ),
            Ok(n) => seen.extend_from_slice(&buffer[..n]),
            Err(e) => panic!(
                "{e} before {wanted:?}: {:?}",
                String::from_utf8_lossy(&seen)
            ),
        }
    }
    String::from_utf8_lossy(&seen).into_owned()
}

/// The number of threads of process `pid`.
#[cfg(target_os = "linux")]
fn threads(pid: u32) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a thread count")
}

fn copy_dir(from: &Path, to: &Path) {
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

/// How long a test waits for a rebuild to be served: generous, since a
/// waiting test returns as soon as the change shows, and a loaded 2-core
/// machine may take several seconds (speed is measured by the benchmarks).
const REBUILD: Duration = Duration::from_secs(30);

const KEJIA: &str = "content/villages/purang/purang/kejia.yaml";
const KEJIA_PAGE: &str = "/zh/purang/purang/kejia/party-branch-candidates/index.html";

#[test]
fn pages_are_served_marked_as_a_preview_with_the_right_types() {
    let server = Server::start(&[]);
    let (status, head, body) = server.get(KEJIA_PAGE);
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(head.contains("Cache-Control: no-store"), "{head}");
    assert!(
        body.contains("class=\"preview-band\""),
        "every served page carries the preview band"
    );
    assert!(
        body.contains("new EventSource(\"/__gongshi/events\")"),
        "and the reload script"
    );
    for (path, content_type) in [
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/fonts/NotoSerifTibetan-Regular.woff2", "font/woff2"),
        ("/data/purang/purang/kejia.json", "application/json"),
        ("/data/candidates.csv", "text/csv; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
        ("/zh/", "text/html; charset=utf-8"),
    ] {
        let (status, head, _) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains(&format!("Content-Type: {content_type}\r\n")),
            "{path}: {head}"
        );
    }
    let (status, head, _) = server.get("/zh/gar");
    assert_eq!(status, 301);
    assert!(head.ends_with("Location: /zh/gar/"), "{head}");
}

#[test]
fn an_edit_is_served_within_two_seconds() {
    let server = Server::start(&[]);
    let (_, _, before) = server.get(KEJIA_PAGE);
    assert!(before.contains("扎西顿珠"));
    server.edit(KEJIA, "扎西顿珠", "扎西顿珠（改）");
    let took = server.wait_for(KEJIA_PAGE, Duration::from_secs(2), |body| {
        body.contains("扎西顿珠（改）")
    });
    eprintln!("edit served after {took:?}");
}

#[test]
fn villages_added_removed_and_shared_files_are_followed() {
    // serve re-reads only the files the watcher names and keeps the rest:
    // each kind of change must still reach every page it shows on.
    let server = Server::start(&[]);
    let township = "/zh/purang/purang/index.html";
    let copy = "content/villages/purang/purang/kejia-copy.yaml";
    let copy_page = "/zh/purang/purang/kejia-copy/index.html";
    let text = std::fs::read_to_string(server.root().join(KEJIA)).unwrap();
    std::fs::write(
        server.root().join(copy),
        text.replacen("科迦村", "科迦新村", 1),
    )
    .unwrap();
    server.wait_for(copy_page, REBUILD, |body| body.contains("科迦新村"));
    server.wait_for(township, REBUILD, |body| {
        body.contains("kejia-copy/index.html")
    });
    std::fs::remove_file(server.root().join(copy)).unwrap();
    server.wait_for(township, REBUILD, |body| {
        !body.contains("kejia-copy/index.html")
    });
    assert_eq!(
        server.get(copy_page).0,
        404,
        "a removed village's page is gone"
    );
    // A shared file changes every page, those of untouched villages too.
    server.edit("content/site.yaml", "换届选举公示", "换届选举公示（预览）");
    server.wait_for("/zh/purang/purang/chide/index.html", REBUILD, |body| {
        body.contains("换届选举公示（预览）")
    });
    // An edit made while another file is broken shows once that is fixed,
    // in the pages and in the region-wide CSV file.
    server.edit(KEJIA, "gender: male", "gender: mael");
    server.wait_for("/__gongshi/error", REBUILD, |body| {
        body.contains("unknown gender `mael`")
    });
    server.edit(
        "content/villages/purang/purang/chide.yaml",
        "赤德村",
        "赤德新村",
    );
    std::thread::sleep(Duration::from_millis(300));
    let (_, _, error) = server.get("/__gongshi/error");
    assert!(error.contains("mael"), "still broken: {error}");
    server.edit(KEJIA, "gender: mael", "gender: male");
    server.wait_for("/zh/purang/purang/chide/index.html", REBUILD, |body| {
        body.contains("赤德新村") && !body.contains("gongshi-errors")
    });
    let (status, _, csv) = server.get("/data/candidates.csv");
    assert_eq!(status, 200);
    assert!(
        csv.starts_with("\u{feff}county,"),
        "{}",
        &csv[..40.min(csv.len())]
    );
    assert!(csv.contains("chide") && csv.contains("kejia"));
}

#[test]
fn a_content_folder_replaced_as_a_whole_is_still_followed() {
    let server = Server::start(&[]);
    let content = server.root().join("content");
    // Away and back as a copy (`mv content content.old; cp -r content.old content`).
    std::fs::rename(&content, server.root().join("content.old")).unwrap();
    copy_dir(&server.root().join("content.old"), &content);
    server.settle();
    server.edit(KEJIA, "扎西顿珠", "扎西顿珠（一）");
    server.wait_for(KEJIA_PAGE, REBUILD, |body| body.contains("扎西顿珠（一）"));
    // Replaced by another folder renamed into its place.
    let new = server.root().join("content.new");
    copy_dir(&content, &new);
    std::fs::rename(&content, server.root().join("content.gone")).unwrap();
    std::fs::rename(&new, &content).unwrap();
    server.settle();
    server.edit(KEJIA, "扎西顿珠（一）", "扎西顿珠（二）");
    server.wait_for(KEJIA_PAGE, REBUILD, |body| body.contains("扎西顿珠（二）"));
    // The folders renamed away are no longer followed.
    let old = server
        .root()
        .join("content.gone/villages/purang/purang/kejia.yaml");
    let text = std::fs::read_to_string(&old).unwrap();
    // Late events of the renames above have been handled by now.
    server.settle();
    let before = server.generation();
    std::fs::write(&old, text.replacen("扎西顿珠（一）", "扎西顿珠（旧）", 1)).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        server.generation(),
        before,
        "an edit in content.gone/ rebuilt"
    );
}

#[test]
fn a_bad_edit_keeps_the_last_good_site_and_shows_the_error() {
    let server = Server::start(&[]);
    server.edit(KEJIA, "gender: male", "gender: mael");
    server.wait_for("/__gongshi/error", REBUILD, |body| {
        body.contains("unknown gender `mael`")
    });
    let (status, _, error) = server.get("/__gongshi/error");
    assert_eq!(status, 200);
    assert!(
        error.starts_with(
            "content/villages/purang/purang/kejia.yaml:14:17: error: unknown gender `mael`\n"
        ),
        "{error}"
    );
    let (status, _, page) = server.get(KEJIA_PAGE);
    assert_eq!(status, 200, "the last good page is still served");
    assert!(
        page.contains("扎西顿珠") && page.contains("id=\"gongshi-errors\""),
        "with the error over it"
    );
    assert!(page.contains("unknown gender `mael`"));
    let overlay = overlay_of(&page);
    assert!(
        overlay.contains(
            "gongshi: the last edit has problems; this is the last good version of the page."
        ),
        "{overlay}"
    );
    assert!(!overlay.contains("no good version"), "{overlay}");
    assert_readable(overlay);
    // Every page, the 404 included, carries it while the error lasts.
    for path in ["/", "/zh/", "/bo/purang/", "/no/such/page/"] {
        let (_, _, page) = server.get(path);
        assert!(
            overlay_of(&page).contains("this is the last good version"),
            "{path}"
        );
    }
    let stderr = std::fs::read_to_string(&server.stderr).unwrap();
    assert!(
        stderr.contains(&error),
        "the terminal shows the same report:\n{stderr}"
    );
    server.edit(KEJIA, "gender: mael", "gender: male");
    server.wait_for(KEJIA_PAGE, REBUILD, |body| !body.contains("gongshi-errors"));
    let (_, _, error) = server.get("/__gongshi/error");
    assert_eq!(error, "", "fixed: no error left");
}

/// The overlay element of a served page, from its opening tag to its end.
fn overlay_of(page: &str) -> &str {
    let start = page
        .find("<gongshi-overlay id=\"gongshi-errors\"")
        .unwrap_or_else(|| panic!("no overlay in the page:\n{page}"));
    let end = page[start..]
        .find("</gongshi-overlay>")
        .expect("the overlay is closed");
    &page[start..start + end]
}

/// WCAG 2 relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    assert_eq!(hex.len(), 6, "#rrggbb: {hex}");
    let channel = |at: usize| {
        let c = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).unwrap()) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

/// Every element of the overlay sets its own colours inline and
/// `!important` after resetting everything (no style sheet outranks that),
/// and they contrast at least 4.5:1.
fn assert_readable(overlay: &str) {
    let mut elements = 0;
    for tag in overlay.split('<').skip(1).filter(|t| !t.starts_with('/')) {
        elements += 1;
        let name = tag.split([' ', '>']).next().unwrap();
        assert!(
            name.starts_with("gongshi-"),
            "an element no theme styles: {name}"
        );
        let style = tag
            .split("style=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("{name} has no style of its own"));
        assert!(style.starts_with("all:initial!important;"), "{style}");
        let value = |property: &str| {
            let value = style
                .split(';')
                .find_map(|d| d.strip_prefix(property))
                .unwrap_or_else(|| panic!("{name} sets no {property}"));
            value
                .strip_suffix("!important")
                .unwrap_or_else(|| panic!("{property}{value} is not !important"))
        };
        let (text, background) = (luminance(value("color:")), luminance(value("background:")));
        let ratio = (text.max(background) + 0.05) / (text.min(background) + 0.05);
        assert!(ratio >= 4.5, "{name}: contrast {ratio:.2}:1");
    }
    assert_eq!(elements, 3, "the box, its title and the report");
}

/// A site that has never built: `serve` must not claim a last good version.
#[test]
fn a_site_broken_from_the_start_says_there_is_no_good_version_yet() {
    let broken = crate::support::fixture("broken").join("content");
    for (extra, title, last_good, terminal) in [
        (
            &[][..],
            "gongshi: the content has problems, and there is no good version of the site yet; fix the problems below and save.",
            "last good",
            "there is no good version of the site yet: the preview shows only these problems; fix them and save\n",
        ),
        (
            &["--lang", "zh"][..],
            "gongshi: 内容有问题，网站还没有一次正确生成的版本可以显示；请改正下面列出的问题并保存。",
            "上一次正确",
            "网站还没有一次正确生成的版本：预览只显示这些问题；请改正上面列出的问题并保存\n",
        ),
    ] {
        let server = Server::start_on(Some(&broken), extra);
        for path in ["/", "/zh/", "/zh/purang/purang/kejia/"] {
            let (status, _, page) = server.get(path);
            assert_eq!(status, 404, "{path}: no page was ever built");
            let overlay = overlay_of(&page);
            assert!(overlay.contains(title), "{extra:?} {path}:\n{overlay}");
            assert!(!page.contains(last_good), "{extra:?} {path}:\n{page}");
            assert!(
                overlay.contains("this announcement has no `bo` file")
                    || overlay.contains("此公告没有对应的 `bo` 文件"),
                "the report is shown: {overlay}"
            );
            assert_readable(overlay);
        }
        let stderr = std::fs::read_to_string(&server.stderr).unwrap();
        assert!(stderr.ends_with(terminal), "{extra:?}:\n{stderr}");
        assert!(!stderr.contains(last_good), "{stderr}");
    }
}

/// No `content/` at all: the same honest words, and the reason.
#[test]
fn a_site_without_content_says_there_is_no_good_version_yet() {
    let server = Server::start_on(None, &[]);
    let (_, _, page) = server.get("/");
    let overlay = overlay_of(&page);
    assert!(
        overlay.contains("there is no good version of the site yet"),
        "{overlay}"
    );
    assert!(
        overlay.contains("error: no `content` folder in "),
        "{overlay}"
    );
    assert!(!page.contains("last good"), "{page}");
    // Once content comes and builds, the site is served without a report.
    copy_dir(
        &example_root().join("content"),
        &server.root().join("content"),
    );
    server.wait_for(KEJIA_PAGE, Duration::from_secs(10), |body| {
        body.contains("扎西顿珠") && !body.contains("gongshi-errors")
    });
}

#[test]
fn paths_and_hosts_that_do_not_belong_are_refused() {
    let server = Server::start(&[]);
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/zh/%2E%2E/%2E%2E/Cargo.toml",
        "/static/..%5c..%5cCargo.toml",
        "/%00",
    ] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 400, "{path}: {body}");
    }
    for path in [
        "//etc/passwd",
        "/content/site.yaml",
        "/static/",
        "/zh/no-such-county/index.html",
    ] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("title:"),
            "{path}: nothing of the content leaks"
        );
    }
    let (_, _, body) = server.get("/zh/gar/shiquanhe/gone/index.html");
    assert!(
        body.contains("href=\"/zh/gar/shiquanhe/index.html\""),
        "the 404 links one level up:\n{body}"
    );
    assert!(
        body.contains("页面不存在") && body.contains("lang=\"bo\""),
        "in both languages"
    );
    let (status, _, _) = server.request(
        "/zh/index.html",
        &format!("attacker.example:{}", server.port),
    );
    assert_eq!(status, 403, "DNS rebinding: a foreign Host is refused");
    let (status, _, _) = server.request("/zh/index.html", &format!("localhost:{}", server.port));
    assert_eq!(status, 200);
}

#[test]
fn no_response_names_another_host_through_a_doubled_slash() {
    // `//host/…` is a protocol-relative URL: a browser goes to `host`.
    let server = Server::start(&[]);
    for (path, location) in [
        ("//zh", "/zh/"),
        ("///zh", "/zh/"),
        ("//zh/gar", "/zh/gar/"),
        ("/zh//gar", "/zh/gar/"),
    ] {
        let (status, head, _) = server.get(path);
        assert_eq!(status, 301, "{path}: {head}");
        assert!(
            head.ends_with(&format!("\r\nLocation: {location}")),
            "{path}: {head}"
        );
        let (status, _, _) = server.get(location);
        assert_eq!(status, 200, "{path} redirects to a page");
    }
    for path in [
        "//evil.example/x",
        "//evil.example",
        "///evil.example/x/",
        "/%2F%2Fevil.example/x",
    ] {
        let (status, head, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!head.contains("Location"), "{path}: {head}");
        assert!(
            body.contains("<a href=\"/"),
            "{path}: the 404 links up:\n{body}"
        );
        for attribute in ["href", "src", "action"] {
            assert!(
                !body.contains(&format!("{attribute}=\"//")),
                "{path}: a protocol-relative {attribute}:\n{body}"
            );
        }
    }
}

#[test]
fn a_thousand_idle_connections_keep_no_request_out() {
    // Liveness, not speed: each request has 5 s to be answered whole.
    let server = Server::start(&[]);
    let limit = REBUILD;
    // Once a request is answered, every thread serve runs has started.
    assert_eq!(server.get_within("/", limit).0, 200);
    #[cfg(target_os = "linux")]
    let threads_before = threads(server.child.id());
    let idle: Vec<TcpStream> = (0..1000)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    // And a few that send a byte a second and never finish their head.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let dribblers: Vec<_> = (0..4)
        .map(|_| {
            let stop = stop.clone();
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            std::thread::spawn(move || {
                let head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
                for byte in head.iter().chain(std::iter::repeat(&b'a')) {
                    if stop.load(std::sync::atomic::Ordering::Relaxed)
                        || stream.write_all(&[*byte]).is_err()
                    {
                        return;
                    }
                    std::thread::sleep(Duration::from_secs(1));
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    for _ in 0..3 {
        let (status, response) = server.get_within(KEJIA_PAGE, limit);
        assert_eq!(status, 200, "{response}");
        assert!(response.contains("扎西顿珠"));
    }
    #[cfg(target_os = "linux")]
    {
        let now = threads(server.child.id());
        assert!(
            now <= threads_before + 2,
            "no thread per connection: {threads_before} threads before, {now} with 1,000 open"
        );
    }
    let open = server.status_number("connections");
    assert!(
        open < 1000,
        "open connections are capped: {open} of the 1,000 idle ones are kept"
    );
    drop(idle);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for dribbler in dribblers {
        dribbler.join().unwrap();
    }
    for _ in 0..3 {
        let (status, response) = server.get_within(KEJIA_PAGE, limit);
        assert_eq!(status, 200, "after they closed: {response}");
    }
    // The server lets go of what the clients closed.
    let started = Instant::now();
    while server.status_number("connections") > 1 {
        assert!(
            started.elapsed() < limit,
            "connections left open: {}",
            server.status_number("connections")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_request_head_must_come_whole_within_ten_seconds_however_it_trickles() {
    // A byte every 0.9 s keeps a per-byte timeout from ever running out;
    // the deadline is for the whole head, so the server answers 408 and
    // closes, while the bytes still come (30 s: a bound, not a speed).
    let server = Server::start(&[]);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(900)))
        .unwrap();
    let started = Instant::now();
    let head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    for byte in head.iter().chain(std::iter::repeat(&b'a')) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server still waits for a head begun 30 s ago"
        );
        stream
            .write_all(&[*byte])
            .expect("the server answers before it closes");
        match stream.read(&mut buffer) {
            Ok(n) if n > 0 => {
                answer.extend_from_slice(&buffer[..n]);
                break;
            }
            Ok(_) => panic!("closed without an answer"),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => panic!("{e}"),
        }
    }
    stream.set_read_timeout(Some(REBUILD)).unwrap();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    assert!(
        answer.ends_with("the request head did not arrive within 10 s\n"),
        "{answer}"
    );
}

#[test]
fn live_reload_streams_are_capped_and_hold_no_request_back() {
    let server = Server::start(&[]);
    let limit = REBUILD;
    // 64: MAX_STREAMS in src/serve/server.rs.
    let mut streams: Vec<TcpStream> = (0..64).map(|_| server.open_stream()).collect();
    assert_eq!(server.status_number("clients"), 64);
    let (status, response) = server.get_within("/__gongshi/events", limit);
    assert_eq!(status, 503, "one stream too many: {response}");
    assert!(response.contains("64 pages already follow"), "{response}");
    let (status, _) = server.get_within(KEJIA_PAGE, limit);
    assert_eq!(status, 200, "pages are served while every stream is open");
    server.edit(KEJIA, "扎西顿珠", "扎西顿珠（改）");
    for stream in &mut streams {
        read_until(stream, "data: reload\n\n");
    }
    // Tabs that go away give their places back.
    drop(streams.drain(..32));
    let started = Instant::now();
    while server.status_number("clients") != 32 {
        assert!(started.elapsed() < limit, "closed streams are let go");
        std::thread::sleep(Duration::from_millis(50));
    }
    streams.push(server.open_stream());
    assert_eq!(server.status_number("clients"), 33);
}

#[test]
fn head_of_the_event_stream_sends_no_body_and_ends() {
    let server = Server::start(&[]);
    let limit = REBUILD;
    let host = format!("127.0.0.1:{}", server.port);
    let response = server.exchange(
        format!("HEAD /__gongshi/events HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
        limit,
    );
    let (head, body) = response.split_once("\r\n\r\n").expect("a whole head");
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.contains("Content-Type: text/event-stream"), "{head}");
    assert_eq!(body, "", "HEAD: no body");
    assert_eq!(server.status_number("clients"), 0, "and no stream kept");
    // A page's HEAD: the same head as its GET, no body.
    let get = server.exchange(
        format!("GET /zh/ HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
        limit,
    );
    let response = server.exchange(
        format!("HEAD /zh/ HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
        limit,
    );
    let (get_head, get_body) = get.split_once("\r\n\r\n").unwrap();
    assert!(!get_body.is_empty());
    assert_eq!(response, format!("{get_head}\r\n\r\n"));
}

#[test]
fn a_request_with_two_host_headers_is_refused() {
    let server = Server::start(&[]);
    let ours = format!("127.0.0.1:{}", server.port);
    for (first, second) in [
        (ours.as_str(), ours.as_str()),
        (ours.as_str(), "evil.example"),
        ("evil.example", ours.as_str()),
    ] {
        let response = server.exchange(
            format!("GET /zh/ HTTP/1.1\r\nHost: {first}\r\nhost: {second}\r\n\r\n").as_bytes(),
            REBUILD,
        );
        assert_eq!(status_of(&response), 400, "{first}, {second}: {response}");
        assert!(
            response.ends_with("more than one Host header: a request names one host\n"),
            "{response}"
        );
    }
}

#[test]
fn a_refused_method_is_told_which_are_allowed() {
    let server = Server::start(&[]);
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let response = server.exchange(
            format!(
                "{method} /zh/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\n\r\n",
                server.port
            )
            .as_bytes(),
            REBUILD,
        );
        assert_eq!(status_of(&response), 405, "{method}: {response}");
        assert!(
            response.contains("\r\nAllow: GET, HEAD\r\n"),
            "{method}: {response}"
        );
    }
}

#[test]
fn request_heads_with_bare_line_feeds_are_answered_at_once() {
    // Answered, or refused with 400, but not left to time out.
    let server = Server::start(&[]);
    let limit = REBUILD;
    let host = format!("127.0.0.1:{}", server.port);
    for request in [
        format!("GET /zh/ HTTP/1.1\nHost: {host}\n\n"),
        format!("GET /zh/ HTTP/1.1\r\nHost: {host}\n\n"),
        format!("GET /zh/ HTTP/1.1\nHost: {host}\r\n\r\n"),
    ] {
        let response = server.exchange(request.as_bytes(), limit);
        assert_eq!(status_of(&response), 200, "{request:?}: {response}");
        assert!(response.contains("</html>"), "{request:?}: the whole page");
    }
    let response = server.exchange(
        format!("HEAD /zh/ HTTP/1.1\nHost: {host}\n\n").as_bytes(),
        limit,
    );
    assert_eq!(status_of(&response), 200, "{response}");
    for request in [
        "GET\n\n",
        "GET /zh/\nHost: x\n\n",
        "GET /zh/ HTTP/1.1\nHost x\n\n",
    ] {
        let response = server.exchange(request.as_bytes(), limit);
        assert_eq!(status_of(&response), 400, "{request:?}: {response}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn the_socket_listens_on_loopback_only() {
    let server = Server::start(&[]);
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
    let port = format!(":{:04X}", server.port);
    let listening: Vec<&str> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|local| local.ends_with(&port))
        .collect();
    assert!(!listening.is_empty(), "the port is in /proc/net/tcp");
    assert!(
        listening.iter().all(|local| local.starts_with("0100007F")),
        "bound to 127.0.0.1: {listening:?}"
    );
}

#[test]
fn another_address_is_used_only_when_asked_and_then_warned_about() {
    let server = Server::start(&["--bind", "0.0.0.0"]);
    let (status, _, _) = server.get("/zh/index.html");
    assert_eq!(status, 200);
    let stderr = std::fs::read_to_string(&server.stderr).unwrap();
    assert!(stderr.contains("warning: serving on 0.0.0.0:"), "{stderr}");
}

#[test]
#[ignore = "needs chromium"]
fn an_open_page_reloads_itself_after_an_edit() {
    let server = Server::start(&[]);
    let debug_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let profile = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}{KEJIA_PAGE}", server.port);
    let mut chromium = crate::support::chromium(profile.path())
        .arg(format!("--remote-debugging-port={debug_port}"))
        .arg(&url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium is installed (.ci/run installs it)");
    // The page's title, as Chromium's debugging endpoint lists it.
    let title = || -> String {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", debug_port)) else {
            return String::new();
        };
        // Chromium may keep the connection open: read what comes in a second.
        let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
        let _ = write!(
            stream,
            "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{debug_port}\r\nConnection: close\r\n\r\n"
        );
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes);
        text.lines()
            .filter(|l| l.trim_start().starts_with("\"title\""))
            .map(str::to_owned)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let wait = |what: &str, ok: &dyn Fn(&str) -> bool| {
        let started = Instant::now();
        loop {
            let seen = title();
            if ok(&seen) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{what}; titles seen:\n{seen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    wait("the page opens", &|t| t.contains("村党组织候选人公示 · "));
    // The page is connected for reloads before the edit.
    server.wait_for("/__gongshi/status", Duration::from_secs(10), |b| {
        !b.contains("\"clients\":0")
    });
    server.edit("content/site.yaml", "换届选举公示", "换届选举公示（修订）");
    wait("the open page reloads by itself", &|t| {
        t.contains("换届选举公示（修订）")
    });
    let _ = chromium.kill();
    let _ = chromium.wait();
}
