//! Every connection of the preview, on one thread that no client can hold:
//! accepting, reading request heads, writing responses and keeping the
//! live-reload streams, all without blocking (mio: epoll, kqueue or IOCP).
//!
//! The limits, each a constant below:
//! - at most [`MAX_OPEN`] connections are open at once. When one more
//!   arrives, the connection that has waited longest for its request head
//!   is closed at once to make room (failing that, the oldest response
//!   being written), so idle or slow clients can never keep a real request
//!   out; live-reload streams are never closed for that;
//! - a request head must arrive whole within [`HEAD_DEADLINE`] of the
//!   connection (not per byte: dribbling does not extend it), or the
//!   connection gets a 408 and is closed; a head larger than [`MAX_HEAD`]
//!   gets a 400;
//! - a response must be taken by the client within [`SEND_DEADLINE`];
//! - at most [`MAX_STREAMS`] live-reload streams are open; more get a 503.
//!   A stream costs a socket, not a thread: it is written to when the site
//!   changes and every [`KEEP_ALIVE`], and closed when the tab goes away or
//!   stops reading.
//!
//! Responses come from memory and are written as far as the socket takes
//! them, so the thread goes on to the next connection at once. The only
//! other thread is a relay that wakes this one after each rebuild.

use std::collections::{HashMap, VecDeque};
use std::io::{self, IoSlice, Read, Write};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Registry, Token, Waker};

use super::http::{self, Load, Reply, Response};
use super::preview::{Body, Shared};
use crate::messages::say;

/// Connections open at once, live-reload streams included.
pub(crate) const MAX_OPEN: usize = 256;
/// Live-reload streams open at once (fewer than [`MAX_OPEN`], so there is
/// always a connection that can make room for a new one).
pub(crate) const MAX_STREAMS: usize = 64;
/// How long a client has, from connecting, to send its whole request head.
pub(crate) const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// How long a client has, from its request, to take the whole response.
pub(crate) const SEND_DEADLINE: Duration = Duration::from_secs(60);
/// Longest request head accepted.
pub(crate) const MAX_HEAD: usize = 16 * 1024;
/// How often an idle event stream says it is alive.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How soon to try again after `accept` failed (out of file descriptors):
/// the listener says nothing more until another client comes.
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);
/// The first token of a connection; later ones count up, never reused.
const FIRST: usize = 2;

/// Serves `shared` on `listener` until the process ends; returns only if
/// the event loop cannot be set up or fails.
pub(crate) fn run(listener: std::net::TcpListener, shared: Arc<Shared>) -> io::Result<()> {
    listener.set_nonblocking(true)?;
    let local = listener.local_addr().ok();
    let mut listener = TcpListener::from_std(listener);
    let poll = Poll::new()?;
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)?;
    let waker = Waker::new(poll.registry(), WAKER)?;
    let generation = shared.view().generation;
    relay(shared.clone(), waker);
    let mut server = Server {
        poll,
        listener,
        local,
        shared,
        conns: HashMap::new(),
        heads: VecDeque::new(),
        sends: VecDeque::new(),
        streams: 0,
        next: FIRST,
        generation,
        keep_alive: Instant::now() + KEEP_ALIVE,
        accept_again: false,
    };
    let mut events = Events::with_capacity(1024);
    loop {
        let timeout = server.timeout(Instant::now());
        if let Err(e) = server.poll.poll(&mut events, timeout) {
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        for event in events.iter() {
            match event.token() {
                LISTENER => server.accept(),
                WAKER => server.site_changed(),
                token => server.ready(token),
            }
        }
        if server.accept_again {
            server.accept();
        }
        server.on_time(Instant::now());
    }
}

/// Wakes the event loop after every rebuild (the rebuild signals a
/// condition variable; the loop waits on sockets).
fn relay(shared: Arc<Shared>, waker: Waker) {
    std::thread::spawn(move || {
        let mut current = shared.current.lock().unwrap_or_else(|e| e.into_inner());
        let mut seen = current.generation;
        loop {
            current = shared
                .changed
                .wait_while(current, |c| c.generation == seen)
                .unwrap_or_else(|e| e.into_inner());
            seen = current.generation;
            if waker.wake().is_err() {
                return;
            }
        }
    });
}

/// Where a connection is.
enum Stage {
    /// Reading the request head (the bytes so far).
    Head(Vec<u8>),
    /// Writing a response; `stream`: then kept as a live-reload stream.
    Send { out: Outgoing, stream: bool },
    /// A live-reload stream, written to when the site changes.
    Stream,
}

struct Conn {
    socket: TcpStream,
    stage: Stage,
}

impl Conn {
    fn is_stream(&self) -> bool {
        matches!(self.stage, Stage::Stream | Stage::Send { stream: true, .. })
    }
}

/// A connection's deadline for one stage. Deadlines are set in the order
/// they fall due, so each stage's are a queue, the oldest first; an entry
/// whose connection has left that stage (or is closed) is skipped.
type Due = VecDeque<(Instant, Token)>;

struct Server {
    poll: Poll,
    listener: TcpListener,
    local: Option<SocketAddr>,
    shared: Arc<Shared>,
    conns: HashMap<Token, Conn>,
    /// Deadlines of the connections reading their heads, oldest first.
    heads: Due,
    /// Deadlines of the responses being written, oldest first.
    sends: Due,
    /// Open live-reload streams (those whose head is being written too).
    streams: usize,
    next: usize,
    /// The generation the streams were last told of.
    generation: u64,
    /// When the streams next hear that the server is alive.
    keep_alive: Instant,
    accept_again: bool,
}

impl Server {
    /// The first entry of `due` whose connection is still in that stage,
    /// dropping those before it.
    fn first(due: &mut Due, conns: &HashMap<Token, Conn>, head: bool) -> Option<(Instant, Token)> {
        while let Some(&(at, token)) = due.front() {
            let current = conns.get(&token).is_some_and(|conn| match conn.stage {
                Stage::Head(_) => head,
                Stage::Send { .. } => !head,
                Stage::Stream => false,
            });
            if current {
                return Some((at, token));
            }
            due.pop_front();
        }
        None
    }

    /// How long the loop may sleep: until the first deadline, the next
    /// keep-alive or another try at accepting; `None`: until an event.
    fn timeout(&mut self, now: Instant) -> Option<Duration> {
        let head = Server::first(&mut self.heads, &self.conns, true).map(|(at, _)| at);
        let send = Server::first(&mut self.sends, &self.conns, false).map(|(at, _)| at);
        let keep_alive = (self.streams > 0).then_some(self.keep_alive);
        let retry = self.accept_again.then_some(now + ACCEPT_RETRY);
        [head, send, keep_alive, retry]
            .into_iter()
            .flatten()
            .min()
            .map(|at| at.saturating_duration_since(now))
    }

    fn load(&self) -> Load {
        Load {
            streams: self.streams,
            open: self.conns.len(),
        }
    }

    /// Takes every waiting connection, making room as needed.
    fn accept(&mut self) {
        self.accept_again = false;
        loop {
            match self.listener.accept() {
                Ok((mut socket, _)) => {
                    if self.conns.len() >= MAX_OPEN && !self.evict() {
                        continue;
                    }
                    let token = Token(self.next);
                    self.next += 1;
                    let _ = socket.set_nodelay(true);
                    if self
                        .poll
                        .registry()
                        .register(&mut socket, token, Interest::READABLE)
                        .is_err()
                    {
                        continue;
                    }
                    let conn = Conn {
                        socket,
                        stage: Stage::Head(Vec::new()),
                    };
                    self.conns.insert(token, conn);
                    self.heads
                        .push_back((Instant::now() + HEAD_DEADLINE, token));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::Interrupted
                            | io::ErrorKind::ConnectionAborted
                            | io::ErrorKind::ConnectionReset
                    ) => {}
                Err(_) => {
                    // Out of file descriptors or memory: make room and
                    // try again shortly.
                    self.evict();
                    self.accept_again = true;
                    return;
                }
            }
        }
    }

    /// Closes the connection that has waited longest for its request head,
    /// or failing that the oldest response being written. Never a stream.
    fn evict(&mut self) -> bool {
        let oldest = Server::first(&mut self.heads, &self.conns, true)
            .or_else(|| Server::first(&mut self.sends, &self.conns, false));
        match oldest {
            Some((_, token)) => {
                self.close(token);
                true
            }
            None => false,
        }
    }

    fn close(&mut self, token: Token) {
        if let Some(mut conn) = self.conns.remove(&token) {
            if conn.is_stream() {
                self.streams -= 1;
            }
            let _ = self.poll.registry().deregister(&mut conn.socket);
        }
    }

    /// A connection's socket is ready: go on with whatever it is doing.
    fn ready(&mut self, token: Token) {
        let load = self.load();
        let Some(conn) = self.conns.get_mut(&token) else {
            return;
        };
        let registry = self.poll.registry();
        let keep = match &mut conn.stage {
            Stage::Head(head) => match read_head(&mut conn.socket, head) {
                Ok(true) => {
                    let reply = if head.len() > MAX_HEAD {
                        Reply::Send(Response::text(400, &say!("serve.bad_request")))
                    } else {
                        http::respond(head, &self.shared, self.local, load)
                    };
                    let reply = match reply {
                        Reply::Events { head_only: false } if self.streams >= MAX_STREAMS => {
                            let text = say!("serve.too_many_streams", max = MAX_STREAMS);
                            Reply::Send(Response::text(503, &text))
                        }
                        Reply::Events { head_only: false } => {
                            self.streams += 1;
                            Reply::Events { head_only: false }
                        }
                        reply => reply,
                    };
                    self.sends
                        .push_back((Instant::now() + SEND_DEADLINE, token));
                    start(conn, token, reply, registry)
                }
                Ok(false) => true,
                Err(_) => false,
            },
            Stage::Send { out, stream } => match out.write(&mut conn.socket) {
                Ok(true) => *stream && to_stream(conn, token, registry),
                Ok(false) => true,
                Err(_) => false,
            },
            Stage::Stream => drain(&mut conn.socket),
        };
        if !keep {
            self.close(token);
        }
    }

    /// After a rebuild: every stream is told to reload.
    fn site_changed(&mut self) {
        let generation = self.shared.view().generation;
        if generation != self.generation {
            self.generation = generation;
            self.tell_streams(b"data: reload\n\n");
        }
    }

    /// Writes `message` to every stream; a stream that cannot take it
    /// whole at once (gone, or not reading) is closed.
    fn tell_streams(&mut self, message: &[u8]) {
        if self.streams == 0 {
            return;
        }
        let mut failed = Vec::new();
        for (token, conn) in &mut self.conns {
            if matches!(conn.stage, Stage::Stream)
                && !matches!(conn.socket.write(message), Ok(n) if n == message.len())
            {
                failed.push(*token);
            }
        }
        for token in failed {
            self.close(token);
        }
    }

    /// Closes what is past its deadline (a late head gets a 408), and keeps
    /// the streams alive.
    fn on_time(&mut self, now: Instant) {
        if now >= self.keep_alive {
            self.keep_alive = now + KEEP_ALIVE;
            self.tell_streams(b": alive\n\n");
        }
        while let Some((at, token)) = Server::first(&mut self.heads, &self.conns, true) {
            if at > now {
                break;
            }
            if let Some(conn) = self.conns.get_mut(&token) {
                let seconds = HEAD_DEADLINE.as_secs();
                let text = say!("serve.request_timeout", seconds = seconds);
                let (head, body) = Response::text(408, &text).encode();
                // What the socket takes at once; it is closed anyway.
                let _ = Outgoing::new(head, body).write(&mut conn.socket);
            }
            self.close(token);
        }
        while let Some((at, token)) = Server::first(&mut self.sends, &self.conns, false) {
            if at > now {
                break;
            }
            self.close(token);
        }
    }
}

/// Reads what has come of a request head: `Ok(true)` once it is whole (or
/// too long, or cannot be a request), `Ok(false)` to wait for more, an
/// error when the client is gone.
fn read_head(socket: &mut TcpStream, head: &mut Vec<u8>) -> io::Result<bool> {
    let mut buffer = [0u8; 4096];
    loop {
        match socket.read(&mut buffer) {
            // The client stopped sending: answer what came, if it is whole.
            Ok(0) if http::head_done(head) => return Ok(true),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                head.extend_from_slice(&buffer[..n]);
                if head.len() > MAX_HEAD {
                    return Ok(true);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(http::head_done(head)),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Starts writing `reply`: `false` if the connection is done with.
fn start(conn: &mut Conn, token: Token, reply: Reply, registry: &Registry) -> bool {
    let (out, stream) = match reply {
        Reply::Send(response) => {
            let (head, body) = response.encode();
            (Outgoing::new(head, body), false)
        }
        Reply::Events { head_only } => (
            Outgoing::new(http::events_head(head_only), None),
            !head_only,
        ),
    };
    conn.stage = Stage::Send { out, stream };
    if registry
        .reregister(&mut conn.socket, token, Interest::WRITABLE)
        .is_err()
    {
        return false;
    }
    let Stage::Send { out, stream } = &mut conn.stage else {
        unreachable!("just set")
    };
    match out.write(&mut conn.socket) {
        Ok(true) => *stream && to_stream(conn, token, registry),
        Ok(false) => true,
        Err(_) => false,
    }
}

/// A stream's head is written: from now on it is written to on changes,
/// and read only to see that the tab is gone.
fn to_stream(conn: &mut Conn, token: Token, registry: &Registry) -> bool {
    conn.stage = Stage::Stream;
    registry
        .reregister(&mut conn.socket, token, Interest::READABLE)
        .is_ok()
}

/// Reads and drops what a stream's client sends: `false` once it is gone.
fn drain(socket: &mut TcpStream) -> bool {
    let mut buffer = [0u8; 1024];
    loop {
        match socket.read(&mut buffer) {
            Ok(0) => return false,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return true,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// A response being written: the head, then the body's pieces, from where
/// the socket last stopped taking them.
struct Outgoing {
    head: Vec<u8>,
    body: Option<Body>,
    /// The piece being written (0: the head) and how much of it is out.
    piece: usize,
    offset: usize,
}

impl Outgoing {
    fn new(head: Vec<u8>, body: Option<Body>) -> Outgoing {
        Outgoing {
            head,
            body,
            piece: 0,
            offset: 0,
        }
    }

    fn get(&self, piece: usize) -> Option<&[u8]> {
        if piece == 0 {
            return Some(&self.head);
        }
        match self.body.as_ref()? {
            Body::Whole(bytes) => (piece == 1).then_some(&bytes[..]),
            Body::Parts(parts) => parts.get(piece - 1).map(|p| p.as_bytes()),
        }
    }

    /// Writes as much as `socket` takes now: `Ok(true)` once all is out.
    fn write(&mut self, socket: &mut impl Write) -> io::Result<bool> {
        loop {
            let mut slices = Vec::with_capacity(64);
            let (mut piece, mut offset) = (self.piece, self.offset);
            while slices.len() < 64 {
                let Some(bytes) = self.get(piece) else { break };
                if offset < bytes.len() {
                    slices.push(IoSlice::new(&bytes[offset..]));
                }
                piece += 1;
                offset = 0;
            }
            if slices.is_empty() {
                return Ok(true);
            }
            match socket.write_vectored(&slices) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => self.advance(n),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn advance(&mut self, mut n: usize) {
        while n > 0 {
            let Some(left) = self.get(self.piece).map(|b| b.len() - self.offset) else {
                return;
            };
            if n < left {
                self.offset += n;
                return;
            }
            n -= left;
            self.piece += 1;
            self.offset = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A socket that takes at most `room` bytes per write, then says
    /// "would block" after `writes` writes.
    struct Slow {
        taken: Vec<u8>,
        room: usize,
        writes: usize,
    }

    impl Write for Slow {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.writes == 0 {
                return Err(io::ErrorKind::WouldBlock.into());
            }
            self.writes -= 1;
            let n = buf.len().min(self.room);
            self.taken.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_response_goes_out_whole_however_the_socket_takes_it() {
        let parts: Arc<[Arc<str>]> = ["ab", "", "cde", "f"].into_iter().map(Arc::from).collect();
        for room in 1..8 {
            let mut out = Outgoing::new(b"HEAD\n".to_vec(), Some(Body::Parts(parts.clone())));
            let mut socket = Slow {
                taken: Vec::new(),
                room,
                writes: 2,
            };
            let mut rounds = 0;
            while !out.write(&mut socket).unwrap() {
                socket.writes = 2;
                rounds += 1;
                assert!(rounds < 100, "room {room}: no progress");
            }
            assert_eq!(socket.taken, b"HEAD\nabcdef", "room {room}");
            assert!(out.write(&mut socket).unwrap(), "and stays done");
        }
        let mut out = Outgoing::new(b"H".to_vec(), None);
        let mut socket = Slow {
            taken: Vec::new(),
            room: 9,
            writes: 1,
        };
        assert!(out.write(&mut socket).unwrap());
        assert_eq!(socket.taken, b"H", "HEAD: no body");
    }
}
