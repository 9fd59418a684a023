//! Remote control: other programs (key bindings, scripts, `focus skip`)
//! drive the running TUI through a Unix socket.
//!
//! # Where
//!
//! `$XDG_RUNTIME_DIR/focus/focus.sock`, or `focus.sock` in the state dir
//! when there is no runtime dir (`store::paths::Paths::socket_file`). The directory is made
//! `0700` and the socket `0600`, and the server only answers peers with its
//! own user id: nobody else can start or stop your pomodoros.
//!
//! # Protocol
//!
//! One request per connection: the client writes one JSON object on one
//! line (at most [`MAX_REQUEST_BYTES`]), the server answers with one line
//! and closes.
//!
//! ```text
//! {"cmd":"toggle"}                                   start, pause or resume
//! {"cmd":"pause"}  {"cmd":"resume"}  {"cmd":"skip"}  {"cmd":"reset"}
//! {"cmd":"extend","secs":300}                        add time (1 s to 24 h)
//! {"cmd":"interrupt","kind":"internal","note":"Slack"}   kind internal|external, note optional
//! {"cmd":"skip","deadline_ms":81234567}              not applied from then on
//!
//! {"ok":true,"status":{"state":"running","phase":"work",…}}
//! {"ok":false,"error":"unknown variant `tggle`, expected one of …"}
//! ```
//!
//! A request is [`Command`]'s serde form, the same command a key sends;
//! `status` is [`Status`] as `focus status --json` prints it, taken after
//! the command was applied.
//!
//! # Never applied after the client gave up
//!
//! A stopped TUI (Ctrl-Z, `SIGSTOP`) leaves requests waiting in the
//! socket; when it resumes it would read and apply them, though their
//! clients timed out long ago and said the command failed (and a script
//! that retried would have it applied twice). So [`send_at`] adds
//! `deadline_ms`, an instant on the kernel's boot clock
//! (`CLOCK_BOOTTIME`, which every process of one boot shares and no
//! wall-clock step moves), [`APPLY_TIMEOUT`] after it sent the request and
//! well before it stops waiting. The event loop checks it at the instant
//! of its turn, the one it applies the command at ([`Reply::expired`]),
//! and refuses an expired request unapplied. A request without the field
//! (an older focus, a script) is applied whenever it is read, as before.
//!
//! The one window left is a stop between that check and the answer
//! leaving, within one turn of the loop: the answer then arrives late, for
//! a command that was applied.
//!
//! # Use from the event loop
//!
//! [`RemoteServer::bind`] inside the runtime, then a `select!` branch on
//! [`RemoteServer::next`] (cancel-safe): apply the [`Command`] as if it came
//! from a key, then answer through the [`Reply`]. Connections are read on
//! tasks of their own, so a slow or hostile client never holds up the loop.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
use tokio::net::unix::ReadHalf;
use tokio::net::{UnixListener, UnixStream};
use tokio::sync::{mpsc, oneshot};

use crate::engine::status::Status;
use crate::engine::{Command, Mono};

/// The longest request line the server reads, newline included. Commands
/// are tiny; the limit only stops a stray `cat /dev/zero` from eating
/// memory.
pub(crate) const MAX_REQUEST_BYTES: usize = 4096;

/// The longest extension a request may ask for, as for configured lengths.
pub(crate) const MAX_EXTEND_SECS: u64 = 24 * 60 * 60;

/// How long the server waits for a connection's request line.
const READ_TIMEOUT: Duration = Duration::from_secs(2);

/// How long a connection waits for the event loop to apply its command,
/// and how long after sending a request [`send_at`] lets it be applied.
/// The loop answers within milliseconds unless it is stuck on the disk or
/// stopped.
pub(crate) const APPLY_TIMEOUT: Duration = Duration::from_secs(3);

/// How long the client waits for the whole exchange. Longer than the 3 s
/// the server waits for its event loop, so a busy TUI's own answer arrives
/// before the client gives up.
pub(crate) const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);

/// The longest answer the client reads: a status with a long task title
/// is well under a kilobyte.
const MAX_RESPONSE_BYTES: u64 = 64 * 1024;

/// The most input read and thrown away after answering, so the answer is
/// not lost to a connection reset (see `serve`).
const MAX_DRAIN_BYTES: u64 = 1024 * 1024;

/// Requests waiting for the loop; more wait in `send` on their own tasks.
const QUEUE: usize = 16;

/// One request: the command and, from focus's own client, when it stops
/// being wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    /// What to do.
    pub command: Command,
    /// The session-clock instant from which the command must not be
    /// applied; `None` for a client that set none.
    pub deadline: Option<Mono>,
}

/// The fields a request may carry beside its [`Command`]. The command's
/// own reading ignores them, so an older focus ignores them too.
#[derive(Deserialize)]
struct Envelope {
    /// Boot-clock milliseconds ([`Mono::boot_ms`]).
    #[serde(default)]
    deadline_ms: Option<u64>,
}

impl Request {
    /// The request line, newline included.
    fn to_line(&self) -> Result<Vec<u8>, String> {
        let mut value = serde_json::to_value(&self.command).map_err(|e| e.to_string())?;
        if let (Some(deadline), Some(object)) = (self.deadline, value.as_object_mut()) {
            object.insert("deadline_ms".into(), deadline.boot_ms().into());
        }
        let mut line = serde_json::to_vec(&value).map_err(|e| e.to_string())?;
        line.push(b'\n');
        Ok(line)
    }
}

/// Reads and checks one request line: a [`Command`] as its serde form
/// spells it, with the extension bounded, and its `deadline_ms` if it has
/// one. A note is cleaned where every title and note is, as the engine
/// takes it in.
pub(crate) fn parse_request(line: &str) -> Result<Request, String> {
    let invalid = |e: serde_json::Error| {
        format!(
            r#"invalid request: {e}; send one JSON object on one line, like {{"cmd":"toggle"}}"#
        )
    };
    let command: Command = serde_json::from_str(line.trim()).map_err(invalid)?;
    let envelope: Envelope = serde_json::from_str(line.trim()).map_err(|e| {
        format!("invalid request: {e}; deadline_ms is milliseconds of the boot clock")
    })?;
    if let Command::Extend { secs } = command
        && !(1..=MAX_EXTEND_SECS).contains(&secs)
    {
        return Err(format!(
            "extend: secs must be from 1 to {MAX_EXTEND_SECS}, not {secs}"
        ));
    }
    Ok(Request {
        command,
        deadline: envelope.deadline_ms.map(Mono::from_boot_ms),
    })
}

/// The answer to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "WireResponse", try_from = "WireResponse")]
pub enum Response {
    /// Applied; the status afterwards (`{"ok":true,"status":{…}}`).
    Ok(Status),
    /// Not applied, and why (`{"ok":false,"error":"…"}`).
    Err(String),
}

/// [`Response`] as JSON spells it: an `ok` flag beside the payload, which
/// reads better in a shell script than a tagged enum.
#[derive(Serialize, Deserialize)]
struct WireResponse {
    ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl From<Response> for WireResponse {
    fn from(r: Response) -> WireResponse {
        match r {
            Response::Ok(status) => WireResponse {
                ok: true,
                status: Some(status),
                error: None,
            },
            Response::Err(error) => WireResponse {
                ok: false,
                status: None,
                error: Some(error),
            },
        }
    }
}

impl TryFrom<WireResponse> for Response {
    type Error = String;

    fn try_from(w: WireResponse) -> Result<Response, String> {
        match (w.ok, w.status, w.error) {
            (true, Some(status), _) => Ok(Response::Ok(status)),
            (false, _, error) => Ok(Response::Err(
                error.unwrap_or_else(|| "focus gave no reason".into()),
            )),
            (true, None, _) => Err("\"ok\":true without a \"status\"".into()),
        }
    }
}

impl Response {
    fn to_line(&self) -> Vec<u8> {
        // Plain data always serialises; the fallback is never sent.
        let mut line = serde_json::to_vec(self).unwrap_or_default();
        line.push(b'\n');
        line
    }
}

/// The way back to the client that sent a command: the loop answers once
/// it has applied the command (or decided not to).
#[derive(Debug)]
pub struct Reply {
    tx: oneshot::Sender<Response>,
    /// The request's deadline, if it has one.
    deadline: Option<Mono>,
}

impl Reply {
    /// Whether the client's deadline has passed at `now`, the instant the
    /// command would be applied at: its client has given up, or is about
    /// to, and was or will be told it failed, so the command must not be
    /// applied (answer with [`Reply::refuse_expired`]).
    pub fn expired(&self, now: Mono) -> bool {
        self.deadline.is_some_and(|deadline| now >= deadline)
    }

    /// Answers a request that [`Reply::expired`] without applying it.
    pub fn refuse_expired(self) {
        self.send(Err(
            "the request expired before focus could apply it (was focus stopped?); nothing was done"
                .into(),
        ));
    }

    /// Answers the client: `Ok` with the status after the command, `Err`
    /// with a reason it was not applied. A client that already gave up is
    /// no error.
    pub fn send(self, result: Result<Status, String>) {
        let _ = self.tx.send(match result {
            Ok(status) => Response::Ok(status),
            Err(error) => Response::Err(error),
        });
    }
}

/// The listening socket and the requests it has read. Dropping it stops
/// listening and removes the socket file.
#[derive(Debug)]
pub struct RemoteServer {
    path: PathBuf,
    /// The socket file's identity, so drop removes only our own socket.
    id: (u64, u64),
    requests: mpsc::Receiver<(Command, Reply)>,
    accept: tokio::task::JoinHandle<()>,
}

impl RemoteServer {
    /// Listens at `path`, creating its directory (`0700`) if needed and
    /// making the socket `0600`. An existing socket is removed first: the
    /// caller holds the single-instance lock, so a socket there was left by
    /// a focus that was killed. Anything else there is refused, never
    /// removed. Must be called inside a tokio runtime with
    /// IO and time enabled, as the TUI's is; outside any runtime it is an
    /// error.
    pub fn bind(path: &Path) -> io::Result<RemoteServer> {
        let with_path = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(io::Error::other(
                "the remote-control socket needs a tokio runtime",
            ));
        }
        if let Some(dir) = path.parent() {
            private_dir(dir)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
        }
        // A socket there is a dead focus's; anything else is not focus's to
        // delete (it may be the user's), so remote control stays off and
        // the user is told what is in the way.
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_socket() => std::fs::remove_file(path).map_err(with_path)?,
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "{} is {}, not a socket; focus leaves it alone: remove it and restart focus",
                        path.display(),
                        not_a_socket(path).unwrap_or("something else")
                    ),
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(with_path(e)),
        }
        let std_listener = std::os::unix::net::UnixListener::bind(path).map_err(with_path)?;
        // The directory is private, so nobody could reach the socket in the
        // moment before this; chmod rather than umask, which is process-wide.
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(with_path)?;
        std_listener.set_nonblocking(true).map_err(with_path)?;
        let listener = UnixListener::from_std(std_listener).map_err(with_path)?;
        let meta = std::fs::metadata(path).map_err(with_path)?;
        let (tx, requests) = mpsc::channel(QUEUE);
        Ok(RemoteServer {
            path: path.to_path_buf(),
            id: (meta.dev(), meta.ino()),
            requests,
            accept: tokio::spawn(accept_loop(listener, tx)),
        })
    }

    /// The next command from a client, with the way to answer it.
    /// Cancel-safe, for `tokio::select!`. Never resolves while no client
    /// asks; an error means remote control has stopped for good (its task
    /// died) and the server should be dropped, not polled again.
    pub async fn next(&mut self) -> io::Result<(Command, Reply)> {
        while let Some((command, reply)) = self.requests.recv().await {
            // A client that timed out was told it failed; applying its
            // command now would contradict that.
            if !reply.tx.is_closed() {
                return Ok((command, reply));
            }
        }
        Err(io::Error::other("remote control stopped"))
    }

    /// Where it listens.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for RemoteServer {
    fn drop(&mut self) {
        self.accept.abort();
        // Only our own socket: never one a later focus bound at the path.
        if std::fs::symlink_metadata(&self.path).is_ok_and(|m| (m.dev(), m.ino()) == self.id) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Creates `dir` (and missing parents) as `0700`, and makes an existing one
/// `0700` too; refuses a directory someone else owns, where the socket
/// would not be private.
fn private_dir(dir: &Path) -> io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let meta = std::fs::metadata(dir)?;
    if meta.uid() != rustix::process::geteuid().as_raw() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the directory belongs to another user",
        ));
    }
    if meta.mode() & 0o777 != 0o700 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

async fn accept_loop(listener: UnixListener, tx: mpsc::Sender<(Command, Reply)>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(serve(stream, tx.clone()));
            }
            // Out of descriptors or memory: a pause lets it pass instead of
            // spinning on an error that is still there.
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// One connection: read its request, have the loop apply it, answer.
async fn serve(mut stream: UnixStream, tx: mpsc::Sender<(Command, Reply)>) {
    let own = rustix::process::geteuid().as_raw();
    let peer = stream.peer_cred().map(|c| c.uid()).ok();
    let (read, mut write) = stream.split();
    let mut read = tokio::io::BufReader::new(read);
    let response = if peer != Some(own) {
        Response::Err("permission denied: focus takes commands only from its own user".into())
    } else {
        respond(&mut read, &tx).await
    };
    // A client that stopped reading gets as long as one that never wrote.
    let _ = tokio::time::timeout(READ_TIMEOUT, write.write_all(&response.to_line())).await;
    let _ = write.shutdown().await;
    // Closing with unread input makes the kernel reset the connection, and
    // the client may then lose the answer: read what is left (an oversized
    // request, a second line) until it hangs up, within bounds.
    let (mut rest, mut sink) = (read.take(MAX_DRAIN_BYTES), tokio::io::sink());
    let _ = tokio::time::timeout(READ_TIMEOUT, tokio::io::copy(&mut rest, &mut sink)).await;
}

async fn respond(read: &mut Input<'_>, tx: &mpsc::Sender<(Command, Reply)>) -> Response {
    let line = match tokio::time::timeout(READ_TIMEOUT, read_request(read)).await {
        Ok(Ok(line)) => line,
        Ok(Err(e)) => return Response::Err(e),
        Err(_) => {
            return Response::Err(format!(
                "no request line within {} s",
                READ_TIMEOUT.as_secs()
            ));
        }
    };
    let request = match parse_request(&line) {
        Ok(request) => request,
        Err(e) => return Response::Err(e),
    };
    let (reply_tx, reply_rx) = oneshot::channel();
    let reply = Reply {
        tx: reply_tx,
        deadline: request.deadline,
    };
    let exchange = async {
        if tx.send((request.command, reply)).await.is_err() {
            return Response::Err("focus is shutting down".into());
        }
        reply_rx
            .await
            .unwrap_or_else(|_| Response::Err("focus ended without answering".into()))
    };
    tokio::time::timeout(APPLY_TIMEOUT, exchange)
        .await
        .unwrap_or_else(|_| Response::Err("focus is busy and did not apply it; try again".into()))
}

/// A connection's reading side.
type Input<'a> = tokio::io::BufReader<ReadHalf<'a>>;

/// Reads one line of at most [`MAX_REQUEST_BYTES`]. End of input also ends
/// the line, so `printf '{"cmd":"skip"}' | socat - UNIX:…` works.
async fn read_request(read: &mut Input<'_>) -> Result<String, String> {
    let mut line = Vec::new();
    read.take(MAX_REQUEST_BYTES as u64 + 1)
        .read_until(b'\n', &mut line)
        .await
        .map_err(|e| format!("cannot read the request: {e}"))?;
    if line.len() > MAX_REQUEST_BYTES {
        return Err(format!("request longer than {MAX_REQUEST_BYTES} bytes"));
    }
    String::from_utf8(line).map_err(|_| "the request is not UTF-8".into())
}

/// Why a command could not be delivered.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// No TUI listens: no socket, or one left by a focus that was killed.
    #[error(
        "focus is not running ({} at {}); start it with `focus`",
        if *stale { "stale socket" } else { "no socket" },
        path.display()
    )]
    NotRunning {
        /// The socket path.
        path: PathBuf,
        /// A socket file exists but nothing listens on it.
        stale: bool,
    },
    /// Something other than a socket is at the socket path (a regular file
    /// a script wrote there, a directory): no focus can listen there, and
    /// a TUI that starts leaves it alone rather than delete what it did
    /// not make.
    #[error(
        "cannot reach focus: {} is {what}, not a socket, so no focus can listen there; remove it and restart focus",
        path.display()
    )]
    NotASocket {
        /// The socket path.
        path: PathBuf,
        /// What is there instead: "a regular file", "a directory", ….
        what: &'static str,
    },
    /// The TUI did not answer in time.
    #[error(
        "focus did not answer within {} s at {} (is it suspended?)",
        CLIENT_TIMEOUT.as_secs(),
        path.display()
    )]
    Timeout {
        /// The socket path.
        path: PathBuf,
    },
    /// Connecting, writing or reading failed otherwise.
    #[error("cannot talk to focus at {}: {source}", path.display())]
    Io {
        /// The socket path.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The answer was not a response this version understands.
    #[error("focus answered something unexpected: {0}")]
    Protocol(String),
    /// The TUI answered with an error.
    #[error("{0}")]
    Refused(String),
}

/// Sends `command` to the TUI listening at `path` and returns its answer,
/// giving up after [`CLIENT_TIMEOUT`]. The request has no deadline, like a
/// script's: a TUI that is stopped applies it whenever it resumes. Blocking:
/// for the command line, not for async code. A command that is not
/// remote-controllable (see [`Command`]) fails as
/// [`RemoteError::Protocol`] before connecting.
pub fn send(path: &Path, command: &Command) -> Result<Response, RemoteError> {
    exchange(
        path,
        &Request {
            command: command.clone(),
            deadline: None,
        },
    )
}

/// [`send`], for a request sent at `sent` on the session clock: the TUI
/// applies it only until [`APPLY_TIMEOUT`] after that, so a command the
/// client gave up on (and reported as failed) is never applied later.
pub fn send_at(path: &Path, command: &Command, sent: Mono) -> Result<Response, RemoteError> {
    exchange(
        path,
        &Request {
            command: command.clone(),
            deadline: Some(sent.plus(APPLY_TIMEOUT.as_millis() as u64)),
        },
    )
}

fn exchange(path: &Path, request: &Request) -> Result<Response, RemoteError> {
    let io_err = |source: io::Error| match source.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => RemoteError::Timeout {
            path: path.to_path_buf(),
        },
        _ => RemoteError::Io {
            path: path.to_path_buf(),
            source,
        },
    };
    let line = request.to_line().map_err(RemoteError::Protocol)?;
    let mut stream = std::os::unix::net::UnixStream::connect(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => RemoteError::NotRunning {
            path: path.to_path_buf(),
            stale: false,
        },
        // Connecting to a file that is not a socket is refused too.
        io::ErrorKind::ConnectionRefused => match not_a_socket(path) {
            Some(what) => RemoteError::NotASocket {
                path: path.to_path_buf(),
                what,
            },
            None => RemoteError::NotRunning {
                path: path.to_path_buf(),
                stale: true,
            },
        },
        _ => io_err(e),
    })?;
    stream
        .set_read_timeout(Some(CLIENT_TIMEOUT))
        .map_err(io_err)?;
    stream
        .set_write_timeout(Some(CLIENT_TIMEOUT))
        .map_err(io_err)?;
    stream.write_all(&line).map_err(io_err)?;
    let mut answer = String::new();
    BufReader::new(stream.take(MAX_RESPONSE_BYTES))
        .read_line(&mut answer)
        .map_err(io_err)?;
    if answer.trim().is_empty() {
        return Err(RemoteError::Protocol("an empty answer".into()));
    }
    serde_json::from_str(&answer).map_err(|e| RemoteError::Protocol(e.to_string()))
}

/// What is at `path` when it is something other than a socket.
fn not_a_socket(path: &Path) -> Option<&'static str> {
    let kind = std::fs::symlink_metadata(path).ok()?.file_type();
    Some(if kind.is_socket() {
        return None;
    } else if kind.is_file() {
        "a regular file"
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_fifo() {
        "a named pipe"
    } else {
        "a device file"
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::InterruptionKind;

    #[test]
    fn requests_parse_from_the_documented_lines() {
        let cases = [
            (r#"{"cmd":"toggle"}"#, Command::Toggle),
            (
                r#"{"cmd":"extend","secs":300}"#,
                Command::Extend { secs: 300 },
            ),
            (
                r#"{"cmd":"interrupt","kind":"internal","note":"Slack"}"#,
                Command::Interrupt {
                    kind: InterruptionKind::Internal,
                    note: Some("Slack".into()),
                },
            ),
        ];
        for (line, want) in cases {
            let request = Request {
                command: want,
                deadline: None,
            };
            assert_eq!(parse_request(line), Ok(request.clone()));
            assert_eq!(request.to_line().unwrap(), format!("{line}\n").into_bytes());
        }
    }

    #[test]
    fn a_deadline_travels_as_boot_clock_milliseconds_beside_the_command() {
        let request = Request {
            command: Command::Extend { secs: 300 },
            deadline: Some(Mono::from_boot_ms(81_234_567)),
        };
        let line = String::from_utf8(request.to_line().unwrap()).unwrap();
        assert_eq!(
            line,
            "{\"cmd\":\"extend\",\"deadline_ms\":81234567,\"secs\":300}\n"
        );
        assert_eq!(parse_request(&line), Ok(request));
        // What an older focus reads from it: the command, the rest ignored.
        assert_eq!(
            serde_json::from_str::<Command>(&line).unwrap(),
            Command::Extend { secs: 300 }
        );
        let err = parse_request(r#"{"cmd":"skip","deadline_ms":"soon"}"#).unwrap_err();
        assert!(err.contains("deadline_ms"), "{err}");
    }

    #[test]
    fn a_reply_expires_at_its_deadline_and_never_without_one() {
        let reply = |deadline| Reply {
            tx: oneshot::channel().0,
            deadline,
        };
        let at = Mono::from_boot_ms(10_000);
        assert!(!reply(Some(at)).expired(Mono::from_boot_ms(9_999)));
        assert!(reply(Some(at)).expired(at));
        assert!(reply(Some(at)).expired(Mono::from_boot_ms(60_000)));
        assert!(!reply(None).expired(Mono(u64::MAX)));
    }

    #[test]
    fn bad_requests_say_why() {
        let err = parse_request(r#"{"cmd":"extend","secs":0}"#).unwrap_err();
        assert!(err.contains("from 1 to"), "{err}");
        let err = parse_request(r#"{"cmd":"tggle"}"#).unwrap_err();
        assert!(err.contains("tggle") && err.contains("toggle"), "{err}");
        let err = parse_request("toggle").unwrap_err();
        assert!(err.contains(r#"{"cmd":"toggle"}"#), "{err}");
    }

    #[test]
    fn only_remote_commands_travel() {
        // The engine's own commands are not on the wire, either way.
        for cmd in ["quit", "set_task", "pick_task"] {
            let err = parse_request(&format!(r#"{{"cmd":"{cmd}"}}"#)).unwrap_err();
            assert!(
                err.contains("expected one of `toggle`, `pause`, `resume`, `skip`, `reset`, `extend`, `interrupt`, `rate` "),
                "{err}"
            );
        }
        assert!(serde_json::to_string(&Command::Quit).is_err());
        // The log's catch-all kind is no kind to ask for.
        for kind in ["unknown", "bogus", "Internal"] {
            let err =
                parse_request(&format!(r#"{{"cmd":"interrupt","kind":"{kind}"}}"#)).unwrap_err();
            assert!(
                err.contains(&format!(
                    "unknown variant `{kind}`, expected `internal` or `external`"
                )),
                "{err}"
            );
        }
    }

    #[test]
    fn responses_use_the_ok_flag() {
        let line = serde_json::to_string(&Response::Err("no".into())).unwrap();
        assert_eq!(line, r#"{"ok":false,"error":"no"}"#);
        assert_eq!(
            serde_json::from_str::<Response>(&line).unwrap(),
            Response::Err("no".into())
        );
        assert!(serde_json::from_str::<Response>(r#"{"ok":true}"#).is_err());
    }
}
