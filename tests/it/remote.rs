//! Remote control: the socket server and the client in one process, and the
//! `focus toggle`-style subcommands against it.

use crate::common;

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener as StdListener, UnixStream as StdStream};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::{Duration, Instant};

use focus::domain::record::InterruptionKind;
use focus::engine::status::Status;
use focus::engine::{Command, Timer};
use focus::integrations::remote::{self, RemoteError, RemoteServer, Response};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_focus");

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// What the test's stand-in for the TUI answers with.
fn status() -> Status {
    let timer = Timer::new(&common::settings().durations);
    Status::of(&timer, None, focus::engine::Mono(0), 2, 8, Some(4242))
}

/// A socket path in a fresh runtime dir, like `$XDG_RUNTIME_DIR/focus/…`.
fn socket_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("runtime/focus/focus.sock")
}

/// Sends `request` from a blocking thread (the client is synchronous) while
/// the server is served on this one.
async fn send(path: &Path, request: Command) -> Result<Response, RemoteError> {
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || remote::send(&path, &request))
        .await
        .unwrap()
}

/// Serves one command: checks it is `want`, answers with [`status`].
async fn serve_one(server: &mut RemoteServer, want: Command) {
    let (command, reply) = server.next().await.unwrap();
    assert_eq!(command, want);
    reply.send(Ok(status()));
}

#[test]
fn every_request_reaches_the_loop_as_its_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = socket_in(&dir);
    let cases = [
        (Command::Toggle, Command::Toggle),
        (Command::Pause, Command::Pause),
        (Command::Resume, Command::Resume),
        (Command::Skip, Command::Skip),
        (Command::Reset, Command::Reset),
        (Command::Extend { secs: 300 }, Command::Extend { secs: 300 }),
        (
            Command::Interrupt {
                kind: InterruptionKind::Internal,
                note: Some("Slack".into()),
            },
            Command::Interrupt {
                kind: InterruptionKind::Internal,
                note: Some("Slack".into()),
            },
        ),
        (
            Command::Interrupt {
                kind: InterruptionKind::External,
                note: None,
            },
            Command::Interrupt {
                kind: InterruptionKind::External,
                note: None,
            },
        ),
    ];
    runtime().block_on(async {
        let mut server = RemoteServer::bind(&path).unwrap();
        for (request, command) in cases {
            let (response, ()) =
                tokio::join!(send(&path, request), serve_one(&mut server, command));
            assert_eq!(response.unwrap(), Response::Ok(status()));
        }
        // The loop may refuse, and the client hears why.
        let refuse = async {
            let (_, reply) = server.next().await.unwrap();
            reply.send(Err("nothing to skip".into()));
        };
        let (response, ()) = tokio::join!(send(&path, Command::Skip), refuse);
        assert_eq!(response.unwrap(), Response::Err("nothing to skip".into()));
    });
}

#[test]
fn the_socket_is_private_and_removed_on_drop() {
    let dir = tempfile::tempdir().unwrap();
    let path = socket_in(&dir);
    runtime().block_on(async {
        let server = RemoteServer::bind(&path).unwrap();
        assert_eq!(server.path(), path);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        drop(server);
        assert!(!path.exists(), "the socket outlived its server");

        // A directory left too open is tightened.
        std::fs::set_permissions(path.parent().unwrap(), PermissionsExt::from_mode(0o755)).unwrap();
        let _server = RemoteServer::bind(&path).unwrap();
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    });
}

#[test]
fn a_stale_socket_reads_as_not_running_and_does_not_block_bind() {
    let dir = tempfile::tempdir().unwrap();
    let path = socket_in(&dir);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // What a killed focus leaves: the socket file, nobody listening.
    drop(StdListener::bind(&path).unwrap());
    assert!(path.exists());
    match remote::send(&path, &Command::Toggle) {
        Err(e @ RemoteError::NotRunning { stale: true, .. }) => {
            assert!(e.to_string().starts_with("focus is not running"), "{e}");
        }
        other => panic!("expected NotRunning, got {other:?}"),
    }
    runtime().block_on(async {
        let mut server = RemoteServer::bind(&path).unwrap();
        let (response, ()) = tokio::join!(
            send(&path, Command::Skip),
            serve_one(&mut server, Command::Skip)
        );
        assert_eq!(response.unwrap(), Response::Ok(status()));
    });
}

#[test]
fn a_file_that_is_not_a_socket_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = socket_in(&dir);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "mine").unwrap();
    runtime().block_on(async {
        let err = RemoteServer::bind(&path).unwrap_err();
        assert!(err.to_string().contains("not a socket"), "{err}");
    });
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
}

#[test]
fn a_file_that_is_not_a_socket_is_named_by_the_client() {
    let dir = tempfile::tempdir().unwrap();
    let path = socket_in(&dir);
    std::fs::create_dir_all(&path).unwrap();
    // A directory where the socket should be.
    match remote::send(&path, &Command::Toggle) {
        Err(
            e @ RemoteError::NotASocket {
                what: "a directory",
                ..
            },
        ) => {
            assert!(e.to_string().contains("remove it"), "{e}");
        }
        other => panic!("expected NotASocket, got {other:?}"),
    }
    std::fs::remove_dir(&path).unwrap();
    std::fs::write(&path, "mine").unwrap();
    let err = remote::send(&path, &Command::Toggle).unwrap_err();
    let text = err.to_string();
    // Not "focus is not running": a TUI may well be running, with its
    // remote control off because of this file.
    assert!(
        matches!(err, RemoteError::NotASocket { .. })
            && text.contains(&path.display().to_string())
            && text.contains("is a regular file, not a socket")
            && text.contains("remove it")
            && !text.contains("not running"),
        "{text}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
}

#[test]
fn bind_outside_a_runtime_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let err = RemoteServer::bind(&socket_in(&dir)).unwrap_err();
    assert!(err.to_string().contains("runtime"), "{err}");
}

#[test]
fn with_no_server_the_client_says_not_running_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = socket_in(&dir);
    let started = Instant::now();
    let err = remote::send(&path, &Command::Toggle).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(
        err.to_string(),
        format!(
            "focus is not running (no socket at {}); start it with `focus`",
            path.display()
        )
    );
}

/// Writes `bytes` on a raw connection and returns the answer, parsed.
fn raw_exchange(path: &Path, bytes: &[u8]) -> Value {
    let mut stream = StdStream::connect(path).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(bytes).unwrap();
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(
        answer.ends_with('\n') && answer.lines().count() == 1,
        "{answer:?}"
    );
    serde_json::from_str(&answer).unwrap()
}

#[test]
fn bad_requests_get_an_error_and_the_server_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = socket_in(&dir);
    runtime().block_on(async {
        let mut server = RemoteServer::bind(&path).unwrap();
        let bad: Vec<(Vec<u8>, &str)> = vec![
            (b"toggle\n".to_vec(), "invalid request"),
            (br#"{"cmd":"explode"}"#.to_vec(), "explode"),
            (br#"{"cmd":"extend","secs":0}"#.to_vec(), "from 1 to"),
            (br#"{"cmd":"interrupt","kind":"cosmic"}"#.to_vec(), "cosmic"),
            (b"\xff\xfe\n".to_vec(), "not UTF-8"),
            (vec![b'x'; 64 * 1024], "longer than 4096 bytes"),
            (Vec::new(), "invalid request"),
        ];
        for (bytes, why) in bad {
            let p = path.clone();
            let answer = tokio::task::spawn_blocking(move || raw_exchange(&p, &bytes))
                .await
                .unwrap();
            assert_eq!(answer["ok"], false, "{answer}");
            let error = answer["error"].as_str().unwrap();
            assert!(error.contains(why), "{why:?} not in {error:?}");
        }
        // Nothing reached the loop, and it still serves.
        let (response, ()) = tokio::join!(
            send(&path, Command::Reset),
            serve_one(&mut server, Command::Reset)
        );
        assert_eq!(response.unwrap(), Response::Ok(status()));
    });
}

#[test]
fn a_silent_client_does_not_hold_up_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = socket_in(&dir);
    runtime().block_on(async {
        let mut server = RemoteServer::bind(&path).unwrap();
        // Connects and says nothing: the server gives up on it by itself.
        let silent = StdStream::connect(&path).unwrap();
        let started = Instant::now();
        let (response, ()) = tokio::join!(
            send(&path, Command::Toggle),
            serve_one(&mut server, Command::Toggle)
        );
        assert_eq!(response.unwrap(), Response::Ok(status()));
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        let answer = tokio::task::spawn_blocking(move || {
            let mut silent = silent;
            silent
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let mut answer = String::new();
            silent.read_to_string(&mut answer).unwrap();
            answer
        })
        .await
        .unwrap();
        assert!(answer.contains("no request line"), "{answer:?}");
    });
}

/// The binary with its runtime dir (and everything else) inside `dir`.
fn focus(dir: &Path, args: &[&str]) -> Process {
    let mut cmd = Process::new(BIN);
    cmd.args(args)
        .env_clear()
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_RUNTIME_DIR", dir.join("runtime"));
    cmd
}

#[test]
fn cli_commands_without_a_tui_fail_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["skip"][..],
        &["toggle"],
        &["extend", "5m"],
        &["interrupt", "internal"],
    ] {
        let started = Instant::now();
        let out = focus(dir.path(), args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert!(started.elapsed() < Duration::from_secs(3));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("focus: focus is not running (no socket at "),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn cli_commands_reach_a_running_server_and_print_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("runtime/focus/focus.sock");
    let run = |args: &'static [&'static str]| {
        let cmd = focus(dir.path(), args);
        tokio::task::spawn_blocking(move || {
            let mut cmd = cmd;
            cmd.output().unwrap()
        })
    };
    let cases: [(&[&str], Command); 3] = [
        (&["toggle"], Command::Toggle),
        (&["extend", "5m"], Command::Extend { secs: 300 }),
        (
            &["interrupt", "external", "Phone", "call"],
            Command::Interrupt {
                kind: InterruptionKind::External,
                note: Some("Phone call".into()),
            },
        ),
    ];
    runtime().block_on(async {
        let mut server = RemoteServer::bind(&path).unwrap();
        for (args, command) in cases {
            let (out, ()) = tokio::join!(run(args), serve_one(&mut server, command));
            let out = out.unwrap();
            assert!(out.status.success(), "{args:?}: {out:?}");
            assert_eq!(String::from_utf8_lossy(&out.stdout), "⏹ 25:00 (2/8)\n");
        }
        let refuse = async {
            let (_, reply) = server.next().await.unwrap();
            reply.send(Err("nothing to skip".into()));
        };
        let (out, ()) = tokio::join!(run(&["skip"]), refuse);
        let out = out.unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "focus: nothing to skip\n"
        );
    });
}

#[test]
fn next_survives_being_cancelled_by_a_busier_select_branch() {
    let dir = tempfile::tempdir().unwrap();
    let path = socket_in(&dir);
    runtime().block_on(async {
        let mut server = RemoteServer::bind(&path).unwrap();
        // Like the TUI's loop: `next` raced against a tick that keeps
        // winning, each win dropping the `next` future mid-wait.
        let mut tick = tokio::time::interval(Duration::from_millis(1));
        let mut ticks = 0;
        let mut client = None;
        let (command, reply) = loop {
            tokio::select! {
                request = server.next() => break request.unwrap(),
                _ = tick.tick() => {
                    ticks += 1;
                    if ticks == 20 {
                        let path = path.clone();
                        client = Some(tokio::task::spawn_blocking(move || {
                            remote::send(&path, &Command::Pause)
                        }));
                    }
                }
            }
        };
        assert!(ticks >= 20);
        assert_eq!(command, Command::Pause);
        reply.send(Ok(status()));
        let response = client.unwrap().await.unwrap().unwrap();
        assert_eq!(response, Response::Ok(status()));
    });
}

#[test]
fn a_request_sent_at_an_instant_expires_three_seconds_later_and_one_without_never() {
    use focus::engine::Mono;
    let dir = tempfile::tempdir().unwrap();
    let path = socket_in(&dir);
    let sent = Mono::from_boot_ms(50_000);
    runtime().block_on(async {
        let mut server = RemoteServer::bind(&path).unwrap();
        let p = path.clone();
        let client = tokio::task::spawn_blocking(move || {
            remote::send_at(&p, &Command::Extend { secs: 300 }, sent)
        });
        let (command, reply) = server.next().await.unwrap();
        assert_eq!(command, Command::Extend { secs: 300 });
        assert!(!reply.expired(Mono::from_boot_ms(52_999)));
        assert!(reply.expired(Mono::from_boot_ms(53_000)));
        reply.refuse_expired();
        let response = client.await.unwrap().unwrap();
        let Response::Err(why) = response else {
            panic!("{response:?}")
        };
        assert!(
            why.contains("expired") && why.contains("nothing was done"),
            "{why}"
        );

        let (response, ()) = tokio::join!(send(&path, Command::Skip), async {
            let (_, reply) = server.next().await.unwrap();
            assert!(
                !reply.expired(Mono(u64::MAX)),
                "a request without a deadline"
            );
            reply.send(Ok(status()));
        });
        assert_eq!(response.unwrap(), Response::Ok(status()));
    });
}
