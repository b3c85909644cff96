//! `gongshi serve` over real HTTP on loopback: pages, live rebuilds, the
//! last good site kept through a bad edit, refused paths and hosts, and (in
//! Chromium) an open page that reloads itself.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{copy_dir, example_root, status_of, Server, SiteTest, REBUILD};

/// Opens a live-reload stream and reads its head (within 5 s).
fn open_stream(server: &Server) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET /__gongshi/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        server.port
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

const KEJIA: &str = "content/villages/purang/purang/kejia.yaml";
const CHIDE: &str = "content/villages/purang/purang/chide.yaml";
const KEJIA_PAGE: &str = "/zh/purang/purang/kejia/party-branch-candidates/index.html";

#[test]
fn pages_are_served_marked_as_a_preview_with_the_right_types() {
    let site = SiteTest::example();
    let server = site.serve(&[]);
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

/// An edit reaches the served page (how fast is for the benchmarks: a
/// loaded test machine says nothing about it; the time is printed).
#[test]
fn an_edit_is_served() {
    let site = SiteTest::example();
    let server = site.serve(&[]);
    let (_, _, before) = server.get(KEJIA_PAGE);
    assert!(before.contains("扎西顿珠"));
    server.edit(KEJIA, "扎西顿珠", "扎西顿珠（改）");
    let took = server.wait_for(KEJIA_PAGE, REBUILD, |body| body.contains("扎西顿珠（改）"));
    eprintln!("edit served after {took:?}");
}

#[test]
fn villages_added_removed_and_shared_files_are_followed() {
    // serve re-reads only the files the watcher names and keeps the rest:
    // each kind of change must still reach every page it shows on.
    let site = SiteTest::example();
    let server = site.serve(&[]);
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
    let site = SiteTest::example();
    let server = site.serve(&[]);
    let content = server.root().join("content");
    // Away and back as a copy (`mv content content.old; cp -r content.old content`).
    std::fs::rename(&content, server.root().join("content.old")).unwrap();
    copy_dir(&server.root().join("content.old"), &content);
    server.settle();
    // A whole new content/ is a rebuild from scratch: on a busy 2-core
    // machine (the rest of the suite runs meanwhile) that takes seconds.
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
    // The edit above may take more than one rebuild (its events can come
    // in two bursts): count from after the last of them.
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
    let site = SiteTest::example();
    let server = site.serve(&[]);
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
    let stderr = server.stderr();
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
        let site = SiteTest::with_content(&broken);
        let server = site.serve(extra);
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
        let stderr = server.stderr();
        assert!(stderr.ends_with(terminal), "{extra:?}:\n{stderr}");
        assert!(!stderr.contains(last_good), "{stderr}");
    }
}

/// No `content/` at all: the same honest words, and the reason.
#[test]
fn a_site_without_content_says_there_is_no_good_version_yet() {
    let site = SiteTest::bare();
    let server = site.serve(&[]);
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
    server.wait_for(KEJIA_PAGE, REBUILD, |body| {
        body.contains("扎西顿珠") && !body.contains("gongshi-errors")
    });
}

#[test]
fn paths_and_hosts_that_do_not_belong_are_refused() {
    let site = SiteTest::example();
    let server = site.serve(&[]);
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
    let site = SiteTest::example();
    let server = site.serve(&[]);
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
    let site = SiteTest::example();
    let server = site.serve(&[]);
    let limit = Duration::from_secs(5);
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
    let site = SiteTest::example();
    let server = site.serve(&[]);
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
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
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
    let site = SiteTest::example();
    let server = site.serve(&[]);
    let limit = Duration::from_secs(5);
    // 64: MAX_STREAMS in src/serve/server.rs.
    let mut streams: Vec<TcpStream> = (0..64).map(|_| open_stream(&server)).collect();
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
    streams.push(open_stream(&server));
    assert_eq!(server.status_number("clients"), 33);
}

#[test]
fn head_of_the_event_stream_sends_no_body_and_ends() {
    let site = SiteTest::example();
    let server = site.serve(&[]);
    let limit = Duration::from_secs(5);
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
    let site = SiteTest::example();
    let server = site.serve(&[]);
    let ours = format!("127.0.0.1:{}", server.port);
    for (first, second) in [
        (ours.as_str(), ours.as_str()),
        (ours.as_str(), "evil.example"),
        ("evil.example", ours.as_str()),
    ] {
        let response = server.exchange(
            format!("GET /zh/ HTTP/1.1\r\nHost: {first}\r\nhost: {second}\r\n\r\n").as_bytes(),
            Duration::from_secs(5),
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
    let site = SiteTest::example();
    let server = site.serve(&[]);
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let response = server.exchange(
            format!(
                "{method} /zh/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\n\r\n",
                server.port
            )
            .as_bytes(),
            Duration::from_secs(5),
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
    let site = SiteTest::example();
    let server = site.serve(&[]);
    let limit = Duration::from_secs(5);
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
    let site = SiteTest::example();
    let server = site.serve(&[]);
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
    let site = SiteTest::example();
    let server = site.serve(&["--bind", "0.0.0.0"]);
    let (status, _, _) = server.get("/zh/index.html");
    assert_eq!(status, 200);
    let stderr = server.stderr();
    assert!(stderr.contains("warning: serving on 0.0.0.0:"), "{stderr}");
}

#[test]
#[ignore = "needs chromium"]
fn an_open_page_reloads_itself_after_an_edit() {
    let site = SiteTest::example();
    let server = site.serve(&[]);
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
    server.wait_for("/__gongshi/status", REBUILD, |b| {
        !b.contains("\"clients\":0")
    });
    server.edit("content/site.yaml", "换届选举公示", "换届选举公示（修订）");
    wait("the open page reloads by itself", &|t| {
        t.contains("换届选举公示（修订）")
    });
    let _ = chromium.kill();
    let _ = chromium.wait();
}

/// The rendered and total file counts of every `rebuilt …` line among
/// `lines` (the terminal's English words, `serve.rebuilt` in the catalog).
fn rebuilds(lines: &[String]) -> Vec<(usize, usize)> {
    lines
        .iter()
        .filter_map(|line| {
            let counts = line.strip_prefix("rebuilt in ")?.split(": ").nth(1)?;
            let (rendered, rest) = counts.split_once(" of ")?;
            let files = rest.split(' ').next()?;
            Some((rendered.parse().ok()?, files.parse().ok()?))
        })
        .collect()
}

/// Replaces `from` with `to` in `rel` the way editors save: a new file
/// renamed over the old one, so the watcher sees one whole change.
fn save_via_rename(site: &SiteTest, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} contains {from}");
    let path = site.root().join(rel);
    let temporary = path.with_file_name(".gongshi-test-save.tmp");
    std::fs::write(&temporary, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&temporary, &path).unwrap();
}

/// Waits (at most 10 s) for the server to have printed more than `before`
/// rebuild lines and to have settled; returns the new ones.
fn rebuilds_after(server: &Server, before: usize) -> Vec<(usize, usize)> {
    let started = Instant::now();
    while rebuilds(&server.stdout()).len() <= before {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no rebuild line: {:?}",
            server.stdout()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    server.settle();
    rebuilds(&server.stdout()).split_off(before)
}

/// README, Preview: "a village edit reads and renders that village and the
/// listings that show it", and the terminal says how many files it rendered.
#[test]
fn a_village_edit_renders_only_that_village_and_the_listings_that_show_it() {
    let site = SiteTest::example();
    let server = site.serve(&[]);
    server.settle();
    let first = rebuilds(&server.stdout());
    let &(rendered, files) = first.last().expect("the first build is reported");
    assert_eq!(rendered, files, "the first build renders everything");
    // Kejia's own pages and every listing a village can appear on.
    let kejia: serde_yaml::Value = serde_yaml::from_str(&site.read(KEJIA)).unwrap();
    let notices: Vec<&str> = kejia["notices"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|n| n["slug"].as_str().unwrap())
        .collect();
    let mut allowed = vec![
        "/index.html".to_owned(),
        "/data/purang/purang/kejia.json".into(),
        "/data/candidates.csv".into(),
        "/data/results.csv".into(),
        "/data/stats.json".into(),
        "/data/stats.csv".into(),
    ];
    for lang in ["bo", "zh"] {
        for page in [
            "",
            "stats/",
            "purang/",
            "purang/purang/",
            "purang/purang/print/",
            "purang/purang/kejia/",
        ] {
            allowed.push(format!("/{lang}/{page}index.html"));
        }
        for notice in &notices {
            allowed.push(format!("/{lang}/purang/purang/kejia/{notice}/index.html"));
        }
    }
    // The search files of the names of its persons (first character,
    // first syllable, each named by its code points in hex; the
    // example's lists are one file each).
    let hex = |key: &str| -> String {
        let points: Vec<String> = key.chars().map(|c| format!("{:04x}", c as u32)).collect();
        points.join("-")
    };
    for notice in kejia["notices"].as_sequence().unwrap() {
        let people = notice
            .get("candidates")
            .or_else(|| notice.get("results"))
            .and_then(|p| p.as_sequence())
            .unwrap();
        for person in people {
            let name = &person["name"];
            let zh: String = name["zh"].as_str().unwrap().chars().take(1).collect();
            let bo = name["bo"].as_str().unwrap();
            let syllable = bo.split(['\u{0F0B}', '\u{0F0D}']).next().unwrap();
            for shard in [
                format!("/search/zh/n/{}.0.js", hex(&zh)),
                format!("/search/bo/n/{}.0.js", hex(syllable)),
            ] {
                if !allowed.contains(&shard) {
                    allowed.push(shard);
                }
            }
        }
    }
    for path in &allowed {
        assert_eq!(server.get(path).0, 200, "{path} is served");
    }
    assert!(allowed.len() * 4 < files, "{} of {files}", allowed.len());
    // A candidate's name: it shows on some of those files only.
    save_via_rename(&site, KEJIA, "扎西顿珠", "扎西顿珠（改）");
    let rendered: usize = rebuilds_after(&server, first.len())
        .iter()
        .map(|&(rendered, _)| rendered)
        .sum();
    let showing = allowed
        .iter()
        .filter(|path| server.get(path).2.contains("扎西顿珠（改）"))
        .count();
    assert!(showing >= 3, "the new name is served ({showing} files)");
    assert!(
        (showing..=allowed.len()).contains(&rendered),
        "{rendered} files rendered for a village edit that shows on {showing}; at most {} may depend on it",
        allowed.len()
    );
    // The count is the pages rendered, not a constant: a `site.yaml` edit
    // changes the title on far more pages.
    let before = rebuilds(&server.stdout()).len();
    save_via_rename(
        &site,
        "content/site.yaml",
        "换届选举公示",
        "换届选举公示（预览）",
    );
    let rendered: usize = rebuilds_after(&server, before)
        .iter()
        .map(|&(rendered, _)| rendered)
        .sum();
    assert!(
        rendered > allowed.len(),
        "a site.yaml edit renders more than one village's pages ({rendered})"
    );
}

/// README, The theme: a site overrides a template or a catalog by a file
/// of its own under `themes/default/`; serve watches `themes/` and
/// `content/`, announcements included.
#[test]
fn template_catalog_and_announcement_edits_reach_a_running_serve() {
    let site = SiteTest::example();
    let built_in = |rel: &str| std::fs::read_to_string(example_root().join(rel)).unwrap();
    let template = "themes/default/templates/notice.html";
    let catalog = "themes/default/i18n/zh.yaml";
    site.write(template, &built_in(template));
    site.write(catalog, &built_in(catalog));
    let server = site.serve(&[]);
    let (status, _, page) = server.get(KEJIA_PAGE);
    assert_eq!(status, 200);
    assert!(page.contains("公示期") && !page.contains("公示时段"));
    assert!(!page.contains("site-template-note"));
    server.settle();
    save_via_rename(
        &site,
        template,
        "{% block main %}",
        "{% block main %}<p class=\"site-template-note\">本站模板</p>",
    );
    server.wait_for(KEJIA_PAGE, REBUILD, |body| {
        body.contains("<p class=\"site-template-note\">本站模板</p>")
    });
    server.settle();
    save_via_rename(
        &site,
        catalog,
        "  period: \"公示期\"",
        "  period: \"公示时段\"",
    );
    server.wait_for(KEJIA_PAGE, REBUILD, |body| {
        body.contains("公示时段") && body.contains("site-template-note")
    });
    server.settle();
    let announcement = "/zh/announcements/joint-review/index.html";
    let (status, _, page) = server.get(announcement);
    assert_eq!(status, 200);
    assert!(!page.contains("联审合格（更正）"));
    save_via_rename(
        &site,
        "content/announcements/joint-review.zh.md",
        "联审合格",
        "联审合格（更正）",
    );
    server.wait_for(announcement, REBUILD, |body| {
        body.contains("联审合格（更正）")
    });
}

/// README, Preview: "The server answers only `GET` and `HEAD` (anything
/// else gets 405 with `Allow: GET, HEAD`)": HEAD gives each kind of
/// response's head without its body, and POST is refused wherever it goes.
#[test]
fn head_answers_every_kind_of_path_without_a_body_and_post_is_refused() {
    let site = SiteTest::example();
    let server = site.serve(&[]);
    let limit = Duration::from_secs(5);
    let ask = |method: &str, path: &str| {
        server.exchange(
            format!(
                "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\n\r\n",
                server.port
            )
            .as_bytes(),
            limit,
        )
    };
    for (path, status) in [
        (KEJIA_PAGE, 200),
        ("/static/style.css", 200),
        ("/data/candidates.csv", 200),
        ("/zh/no-such-county/index.html", 404),
    ] {
        let get = ask("GET", path);
        let (get_head, get_body) = get.split_once("\r\n\r\n").expect("a whole GET");
        assert_eq!(status_of(get_head), status, "{path}: {get_head}");
        assert!(!get_body.is_empty(), "{path}: GET has a body");
        let head = ask("HEAD", path);
        assert_eq!(
            head,
            format!("{get_head}\r\n\r\n"),
            "{path}: HEAD is GET's head and nothing more"
        );
        let post = ask("POST", path);
        assert_eq!(status_of(&post), 405, "{path}: {post}");
        assert!(post.contains("\r\nAllow: GET, HEAD\r\n"), "{path}: {post}");
        assert!(!post.contains("扎西顿珠"), "{path}: no page with a 405");
    }
}

/// The files served after `edits` (each saved via rename, then served;
/// an edit from nothing removes the file) are byte for byte those `build
/// --drafts` writes for the same content, the reload script aside: HTML,
/// data and search index. Returns how many files were rendered by the
/// rebuild of each edit.
fn served_as_built_after(edits: &[(&str, &str, &str)]) -> Vec<usize> {
    let site = SiteTest::example();
    let server = site.serve(&[]);
    server.settle();
    let mut rendered = Vec::new();
    for &(rel, from, to) in edits {
        let before = rebuilds(&server.stdout()).len();
        if from.is_empty() {
            std::fs::remove_file(site.root().join(rel)).unwrap();
        } else {
            save_via_rename(&site, rel, from, to);
        }
        let counts = rebuilds_after(&server, before);
        rendered.push(counts.iter().map(|&(rendered, _)| rendered).sum());
    }
    let output = tempfile::tempdir().unwrap();
    let outcome = site.build_into(output.path(), &["--drafts", "--today", "2021-01-12"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let built = crate::support::tree(output.path());
    let mut compared = 0;
    for (path, bytes) in &built {
        let text = ["html", "js", "json", "csv", "xml"]
            .iter()
            .any(|ext| path.ends_with(&format!(".{ext}")));
        if !text {
            continue;
        }
        let (status, _, body) = server.get(&format!("/{path}"));
        assert_eq!(status, 200, "{path} is served");
        let body = match body.split_once("<script>(function(){var s=new EventSource") {
            Some((before, after)) => {
                format!("{before}{}", &after[after.find("</script>").unwrap() + 9..])
            }
            None => body,
        };
        assert!(body.as_bytes() == &bytes[..], "{path} is served as built");
        compared += 1;
    }
    assert!(compared > 100, "{compared} files compared");
    rendered
}

/// Issue 16: a rebuild makes the search index again only if what it
/// reads changed (places, villages' entries and persons), and what is
/// served stays what `build` writes either way.
#[test]
fn an_edit_search_does_not_read_leaves_its_index_and_a_renamed_village_updates_it() {
    let rendered = served_as_built_after(&[
        // What search does not read: a candidate's current role.
        (KEJIA, "现任村党支部书记、村委会主任", "现任村党支部书记"),
        // What it does: a village's name, and a candidate's.
        (KEJIA, "\"科迦村\"", "\"科迦新村\""),
        (KEJIA, "扎西顿珠", "扎西顿珠（改）"),
        // A neighbour, then Kejia again: the township's print page is
        // made from the print parts serve kept of the villages not read
        // again, which must be theirs as they are now.
        (CHIDE, "\"赤德村\"", "\"赤德新村\""),
        (KEJIA, "现任村党支部书记", "现任村党支部书记（兼）"),
    ]);
    // The role shows on the village's own pages and data, no listing
    // and no search file; the name on every listing of the village.
    assert!(rendered[1] > rendered[0], "{rendered:?}");
}

/// Issue 16: a rebuild sorts and renders again only the search lists a
/// renamed village or person is in; what is served is still what `build`
/// writes, after each kind of rename.
#[test]
fn renamed_villages_and_persons_are_served_in_the_search_index_as_built() {
    served_as_built_after(&[
        // A village's Chinese name, then its Tibetan one.
        (KEJIA, "\"科迦村\"", "\"科迦新村\""),
        (KEJIA, "\"འཁོར་ཆགས་གྲོང་ཚོ།\"", "\"འཁོར་ཆགས་གསར་པ་གྲོང་ཚོ།\""),
        // A person's name, in both scripts.
        (
            KEJIA,
            "{ bo: \"སྐལ་བཟང་དོན་གྲུབ།\", zh: \"格桑顿珠\" }",
            "{ bo: \"ཚེ་རིང་དོན་གྲུབ།\", zh: \"次仁顿珠\" }",
        ),
        // A person moved: Chide's 群培 gone from it, now in Kejia.
        (
            CHIDE,
            "{ bo: \"ཆོས་འཕེལ།\", zh: \"群培\" }",
            "{ bo: \"ཉི་མ།\", zh: \"尼玛\" }",
        ),
        (
            KEJIA,
            "{ bo: \"སྤེན་པ་ཚེ་རིང་།\", zh: \"边巴次仁\" }",
            "{ bo: \"ཆོས་འཕེལ།\", zh: \"群培\" }",
        ),
        // A village removed: its places and persons leave every list.
        ("content/villages/gar/shiquanhe/deji.yaml", "", ""),
        // And a name back as it was.
        (KEJIA, "\"科迦新村\"", "\"科迦村\""),
    ]);
}
