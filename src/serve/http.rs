//! The preview's HTTP/1.1, without the sockets: what a request head asks
//! for and the response to it. GET and HEAD of files held in memory and a
//! live-reload event stream, nothing else; `server.rs` reads the heads and
//! writes the answers.
//!
//! One request per connection: a preview has a handful of tabs, and every
//! response is a file already in memory. Paths are looked up in the build's
//! file map, never on the disk, so `..`, encoded dots, absolute paths and
//! symbolic links cannot reach anything outside the site; they are refused
//! outright all the same. Only requests whose `Host` is the bound address,
//! `localhost` or `127.0.0.1` are answered, so no other web page can read
//! unpublished candidates through DNS rebinding. Nothing is cached by the
//! browser.

use crate::messages::say;
use std::net::SocketAddr;
use std::sync::Arc;

use super::preview::{Body, Shared, View};

/// Most headers a request may have.
const MAX_HEADERS: usize = 48;

/// The script added to every served page: reload when the site changes.
const RELOAD_SCRIPT: &str = "<script>(function(){var s=new EventSource(\"/__gongshi/events\");\
s.onmessage=function(e){if(e.data===\"reload\"){s.close();location.reload();}};})();</script>";

/// What a request calls for, once its head has come.
pub(crate) enum Reply {
    /// This response, then the connection is closed.
    Send(Response),
    /// The live-reload event stream: [`events_head`], then (for GET) an
    /// event after every rebuild.
    Events {
        /// HEAD: the head only, then the connection is closed.
        head_only: bool,
    },
}

/// How busy the server is, as `/__gongshi/status` reports it.
pub(crate) struct Load {
    /// Open live-reload streams.
    pub(crate) streams: usize,
    /// Open connections, streams included.
    pub(crate) open: usize,
}

/// A response before it is written.
pub(crate) struct Response {
    status: u16,
    content_type: &'static str,
    body: Body,
    location: Option<String>,
    /// A 405 says which methods are.
    allow: bool,
    head_only: bool,
}

impl Response {
    /// A plain-text response: `text` and a line end.
    pub(crate) fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: Body::Whole(Arc::from(format!("{text}\n").as_bytes())),
            location: None,
            allow: false,
            head_only: false,
        }
    }

    /// The status line and headers, and the body to send after them (none
    /// for HEAD).
    pub(crate) fn encode(self) -> (Vec<u8>, Option<Body>) {
        let reason = match self.status {
            200 => "OK",
            301 => "Moved Permanently",
            400 => "Bad Request",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            408 => "Request Timeout",
            503 => "Service Unavailable",
            _ => "Error",
        };
        let mut head = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            self.content_type,
            self.body.len()
        );
        if self.allow {
            head.push_str("Allow: GET, HEAD\r\n");
        }
        if let Some(location) = &self.location {
            head.push_str(&format!("Location: {location}\r\n"));
        }
        head.push_str("\r\n");
        (head.into_bytes(), (!self.head_only).then_some(self.body))
    }
}

/// The head of a live-reload stream and its first (comment) event; for
/// HEAD, the head alone.
pub(crate) fn events_head(head_only: bool) -> Vec<u8> {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
    if head_only {
        format!("{head}Connection: close\r\n\r\n").into_bytes()
    } else {
        format!("{head}Connection: keep-alive\r\n\r\n: connected\n\n").into_bytes()
    }
}

/// Whether `bytes` hold a whole request head, or enough to tell that they
/// never will (then [`respond`] answers 400). Line ends may be CR LF or a
/// bare LF.
pub(crate) fn head_done(bytes: &[u8]) -> bool {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    !matches!(request.parse(bytes), Ok(httparse::Status::Partial))
}

/// The reply to the request whose head is `head`.
pub(crate) fn respond(
    head: &[u8],
    shared: &Shared,
    local: Option<SocketAddr>,
    load: Load,
) -> Reply {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    if !matches!(request.parse(head), Ok(httparse::Status::Complete(_))) {
        return Reply::Send(Response::text(400, &say!("serve.bad_request")));
    }
    let method = request.method.unwrap_or("");
    let target = request.path.unwrap_or("");
    let mut hosts = request
        .headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("host"));
    let host = hosts.next().and_then(|h| std::str::from_utf8(h.value).ok());
    if hosts.next().is_some() {
        // Which one a proxy or a browser heeded is anyone's guess.
        return Reply::Send(Response::text(400, &say!("serve.two_hosts")));
    }
    if !host.is_some_and(|h| host_allowed(h, local)) {
        return Reply::Send(Response::text(403, &say!("serve.wrong_host")));
    }
    if method != "GET" && method != "HEAD" {
        return Reply::Send(Response {
            allow: true,
            ..Response::text(405, &say!("serve.method_not_allowed"))
        });
    }
    let head_only = method == "HEAD";
    let path = target.split(['?', '#']).next().unwrap_or("");
    let response = match file_key(path) {
        None => Response::text(400, &say!("serve.bad_path")),
        Some(key) => match key.as_str() {
            "__gongshi/events" => return Reply::Events { head_only },
            "__gongshi/status" => {
                let view = shared.view();
                let json = format!(
                    "{{\"generation\":{},\"error\":{},\"clients\":{},\"connections\":{}}}",
                    view.generation,
                    view.error.is_some(),
                    load.streams,
                    load.open,
                );
                Response {
                    content_type: "application/json",
                    ..Response::text(200, &json)
                }
            }
            "__gongshi/error" => match shared.view().error {
                Some(report) => Response {
                    body: Body::Whole(Arc::from(report.as_bytes())),
                    ..Response::text(200, "")
                },
                None => Response {
                    body: Body::Whole(Arc::from(&b""[..])),
                    ..Response::text(200, "")
                },
            },
            _ => file(shared, path, &key),
        },
    };
    Reply::Send(Response {
        head_only,
        ..response
    })
}

/// Whether a `Host` header names this server: the bound address,
/// `localhost` or `127.0.0.1` (or `[::1]`), with the server's port or none.
fn host_allowed(host: &str, local: Option<SocketAddr>) -> bool {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, "")) => (format!("[{ip}]"), None),
            Some((ip, port)) => match port.strip_prefix(':') {
                Some(port) => (format!("[{ip}]"), Some(port)),
                None => return false,
            },
            None => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name.to_owned(), Some(port)),
            None => (host.to_owned(), None),
        }
    };
    let port_ok = match (port, local) {
        (None, _) => true,
        (Some(p), Some(addr)) => p == addr.port().to_string(),
        (Some(_), None) => false,
    };
    let bound = local.map(|a| match a.ip() {
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    });
    let name_ok = name.eq_ignore_ascii_case("localhost")
        || name == "127.0.0.1"
        || name == "[::1]"
        || bound.as_deref() == Some(name.as_str());
    port_ok && name_ok
}

/// The key of a request path in the file map: percent-decoded, `/`-joined,
/// `index.html` for folders. `None` for a path that tries to leave the site
/// (`..`, `.`, a backslash, a NUL, bytes that are not UTF-8).
fn file_key(path: &str) -> Option<String> {
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return None;
    }
    let mut key = segments.join("/");
    if decoded.ends_with('/') || key.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

/// The path of a file key as a link on this site: one leading `/`, then the
/// key percent-encoded. Never `//…`, which a browser reads as another host
/// (`//evil.example/x`), however many slashes the request had.
fn site_path(key: &str) -> String {
    let mut path = String::from("/");
    for &byte in key.trim_start_matches('/').as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            path.push(char::from(byte));
        } else {
            path.push_str(&format!("%{byte:02X}"));
        }
    }
    path
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(key: &str) -> &'static str {
    match key.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("woff2") => "font/woff2",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A file of the site, with the reload script (and the error, if the last
/// rebuild failed) added to pages; a folder without its slash redirects;
/// anything else is the friendly 404.
fn file(shared: &Shared, path: &str, key: &str) -> Response {
    let View {
        files,
        error,
        ever_good,
        catalogs,
        ..
    } = shared.view();
    let error = error.as_deref().map(|report| (report, ever_good));
    if let Some(body) = files.get(key) {
        let content_type = content_type(key);
        let body = match body {
            Body::Whole(bytes) if content_type.starts_with("text/html") => {
                Body::Whole(Arc::from(decorate(bytes, error)))
            }
            body => body.clone(),
        };
        return Response {
            status: 200,
            content_type,
            body,
            location: None,
            allow: false,
            head_only: false,
        };
    }
    if !path.ends_with('/') && files.contains_key(format!("{key}/index.html").as_str()) {
        let location = format!("{}/", site_path(key));
        return Response {
            location: Some(location.clone()),
            ..Response::text(301, &say!("serve.moved", location = location))
        };
    }
    let page = super::not_found::page(&site_path(key), catalogs.as_deref());
    Response {
        status: 404,
        content_type: "text/html; charset=utf-8",
        body: Body::Whole(Arc::from(decorate(page.as_bytes(), error))),
        location: None,
        allow: false,
        head_only: false,
    }
}

/// Adds the reload script, and the error overlay when there is an error
/// (the report, and whether any build has succeeded), before `</body>`.
fn decorate(page: &[u8], error: Option<(&str, bool)>) -> Vec<u8> {
    let html = String::from_utf8_lossy(page);
    let mut extra = String::from(RELOAD_SCRIPT);
    if let Some((report, ever_good)) = error {
        extra.push_str(&super::not_found::overlay(report, ever_good));
    }
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(file_key("/").as_deref(), Some("index.html"));
        assert_eq!(file_key("/zh/gar/").as_deref(), Some("zh/gar/index.html"));
        assert_eq!(file_key("/zh/gar").as_deref(), Some("zh/gar"));
        assert_eq!(
            file_key("/static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(file_key("//etc/passwd").as_deref(), Some("etc/passwd"));
        assert_eq!(
            file_key("/zh/%E4%B8%AD/").as_deref(),
            Some("zh/中/index.html")
        );
        for bad in [
            "/../etc/passwd",
            "/zh/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a/./b",
            "/a\\b",
            "/a%5c..",
            "/%00",
            "/%ff",
            "/%zz",
            "x",
        ] {
            assert_eq!(file_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn links_to_the_site_never_name_another_host() {
        for (target, link) in [
            ("/zh", "/zh"),
            ("//zh", "/zh"),
            ("///zh/gar", "/zh/gar"),
            ("//evil.example/x", "/evil.example/x"),
            ("/%2F%2Fevil.example", "/evil.example"),
            ("/zh/%E4%B8%AD", "/zh/%E4%B8%AD"),
            ("/a%0D%0ALocation:%20x", "/a%0D%0ALocation%3A%20x"),
        ] {
            let key = file_key(target).unwrap();
            assert_eq!(site_path(&key), link, "{target}");
        }
    }

    #[test]
    fn only_our_own_host_names_are_answered() {
        let local: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "localhost",
            "[::1]:1111",
        ] {
            assert!(host_allowed(ok, Some(local)), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1:2222",
            "127.0.0.1.evil.example:1111",
            "",
        ] {
            assert!(!host_allowed(bad, Some(local)), "{bad}");
        }
        let lan: SocketAddr = "192.168.1.5:8000".parse().unwrap();
        assert!(host_allowed("192.168.1.5:8000", Some(lan)));
    }
}
