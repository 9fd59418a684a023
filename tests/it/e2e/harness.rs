//! Drives the real `focus` binary the way a person would: in a pseudo-terminal
//! of a chosen size, with its own throwaway home, reading back what it drew
//! through a terminal emulator (`vt100`) and what it wrote to its log.
//!
//! Nothing here sleeps for a fixed time to let the app "catch up": every wait
//! polls for an observable state with a deadline, because CI machines are slow
//! and a fixed sleep is either flaky or wasteful.

// Each test module uses a different subset of the harness.
#![allow(dead_code)]

use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use serde_json::Value;
use tempfile::TempDir;

/// How long any single wait may take before the test fails. Generous on
/// purpose: the timer itself needs at most a few seconds, the rest is slack
/// for loaded CI machines.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How often waits look at the screen or the process again.
const POLL: Duration = Duration::from_millis(20);

/// The binary under test, built by cargo for integration tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_focus");

/// An isolated home directory: every XDG directory focus could touch points
/// inside it, so tests never read or write the developer's real files and can
/// run in parallel.
pub struct Home {
    dir: TempDir,
}

impl Home {
    /// A fresh home whose config file holds `config` (written even when empty,
    /// so "no config file" is never what a test accidentally exercises).
    pub fn new(config: &str) -> Home {
        // The prefix makes leftovers (processes' cwd, stray dirs) recognisable.
        let dir = tempfile::Builder::new()
            .prefix("focus-e2e-")
            .tempdir()
            .expect("create temp home");
        let home = Home { dir };
        // Private whatever the umask of whoever runs the tests: focus
        // refuses directories and a config file others can write to, and
        // the XDG spec wants the runtime dir private.
        let private = |path: PathBuf, mode: u32| {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                .unwrap_or_else(|e| panic!("chmod {}: {e}", path.display()));
        };
        for sub in ["config/focus", "data", "state", "runtime"] {
            std::fs::create_dir_all(home.root().join(sub)).expect("create XDG dir");
        }
        for sub in ["config", "config/focus", "data", "state", "runtime"] {
            private(home.root().join(sub), 0o700);
        }
        std::fs::write(home.config_file(), config).expect("write config.toml");
        private(home.config_file(), 0o600);
        home
    }

    /// The temp directory everything lives in; also `$HOME`.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `$XDG_CONFIG_HOME/focus/config.toml`.
    pub fn config_file(&self) -> PathBuf {
        self.root().join("config/focus/config.toml")
    }

    /// `$XDG_DATA_HOME/focus/sessions.jsonl`.
    pub fn log_file(&self) -> PathBuf {
        self.root().join("data/focus/sessions.jsonl")
    }

    /// `$XDG_STATE_HOME/focus`.
    pub fn state_dir(&self) -> PathBuf {
        self.root().join("state/focus")
    }

    /// The whole environment a child gets. Built from scratch rather than
    /// inherited, so a developer's own `XDG_*`, `FOCUS_*` or `NO_COLOR` cannot
    /// change what the tests see.
    pub fn env(&self) -> Vec<(&'static str, OsString)> {
        let root = self.root();
        let mut env = vec![
            ("HOME", root.as_os_str().to_owned()),
            ("XDG_CONFIG_HOME", root.join("config").into_os_string()),
            ("XDG_DATA_HOME", root.join("data").into_os_string()),
            ("XDG_STATE_HOME", root.join("state").into_os_string()),
            ("XDG_RUNTIME_DIR", root.join("runtime").into_os_string()),
            ("TERM", "xterm-256color".into()),
        ];
        // PATH for anything the program might exec; TZ so that "today" means
        // the same day to the TUI and to `focus today` on a machine with TZ set.
        for key in ["PATH", "TZ"] {
            if let Some(v) = std::env::var_os(key) {
                env.push((key, v));
            }
        }
        env
    }

    /// Every record in the session log, in file order; empty if there is no
    /// log yet. Panics on a line that is not JSON, naming it: a corrupt log is
    /// a failure in itself.
    pub fn log_records(&self) -> Vec<Value> {
        let text = match std::fs::read_to_string(self.log_file()) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
            Err(e) => panic!("cannot read {}: {e}", self.log_file().display()),
        };
        text.lines()
            .enumerate()
            .map(|(i, line)| {
                serde_json::from_str(line).unwrap_or_else(|e| {
                    panic!("sessions.jsonl line {} is not JSON ({e}): {line:?}", i + 1)
                })
            })
            .collect()
    }

    /// A `Command` for the binary with this home's environment and nothing
    /// else, for running subcommands or the TUI without a terminal.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args).env_clear().current_dir(self.root());
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs the binary with `args` and an empty stdin; see [`Home::run_with_stdin`].
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with_stdin(args, b"")
    }

    /// Runs the binary with `args`, feeding `input` on a pipe as stdin and
    /// capturing stdout and stderr. Fails the test if it takes longer than
    /// [`TIMEOUT`] (after killing it), so a hang cannot stall the suite.
    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        self.run_command(self.command(args), args, input)
    }

    /// Like [`Home::run`], with `extra` added to (or replacing in) the
    /// child's environment: `NO_COLOR` and friends.
    pub fn run_with_env(&self, args: &[&str], extra: &[(&str, &str)]) -> Output {
        let mut cmd = self.command(args);
        cmd.envs(extra.iter().copied());
        self.run_command(cmd, args, b"")
    }

    /// Runs `cmd` (built by [`Home::command`] for `args`) as
    /// [`Home::run_with_stdin`] describes.
    fn run_command(&self, mut cmd: Command, args: &[&str], input: &[u8]) -> Output {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn focus");
        let mut stdin = child.stdin.take().expect("stdin pipe");
        let input = input.to_vec();
        // Writing from a thread: the child may not read stdin at all, and a
        // large input would then block us forever.
        let writer = thread::spawn(move || {
            // The child may exit without reading; a broken pipe is fine.
            let _ = stdin.write_all(&input);
        });
        let stdout = drain(child.stdout.take().expect("stdout pipe"));
        let stderr = drain(child.stderr.take().expect("stderr pipe"));
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for focus") {
                break Some(status);
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            thread::sleep(POLL);
        };
        let _ = writer.join();
        let stdout = stdout.join().expect("stdout reader");
        let stderr = stderr.join().expect("stderr reader");
        let Some(status) = status else {
            panic!(
                "focus {args:?} did not exit within {TIMEOUT:?}\nstdout: {}\nstderr: {}",
                String::from_utf8_lossy(&stdout),
                String::from_utf8_lossy(&stderr)
            );
        };
        Output {
            status,
            stdout,
            stderr,
        }
    }

    /// Starts the TUI (with `args`) in a pseudo-terminal of `cols` x `rows`.
    pub fn spawn_tui(&self, args: &[&str], cols: u16, rows: u16) -> Tui<'_> {
        Tui::spawn(self, args, &[], cols, rows)
    }

    /// Like [`Home::spawn_tui`], with `extra` added to (or replacing in) the
    /// child's environment: `LD_PRELOAD` and friends.
    pub fn spawn_tui_with_env(
        &self,
        args: &[&str],
        extra: &[(&str, OsString)],
        cols: u16,
        rows: u16,
    ) -> Tui<'_> {
        Tui::spawn(self, args, extra, cols, rows)
    }

    /// `focus status --json`, parsed; fails the test if it does not succeed.
    pub fn status_json(&self) -> Value {
        let out = self.run(&["status", "--json"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "focus status --json: {:?}\nstdout: {stdout}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_str(stdout.trim())
            .unwrap_or_else(|e| panic!("focus status --json printed no JSON ({e}): {stdout:?}"))
    }

    /// `$XDG_STATE_HOME/focus/state.json`, parsed; `None` if there is none.
    pub fn snapshot(&self) -> Option<Value> {
        let path = self.state_dir().join("state.json");
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => panic!("cannot read {}: {e}", path.display()),
        };
        Some(
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not JSON ({e}): {text:?}", path.display())),
        )
    }

    /// Milliseconds until the running session's deadline as the snapshot
    /// states it (on the session clock, `CLOCK_BOOTTIME`); `None` when no
    /// session is running in the snapshot. Negative once it has passed.
    pub fn snapshot_remaining_ms(&self) -> Option<i64> {
        let snap = self.snapshot()?;
        let session = &snap["timer"]["session"];
        if session["run"]["state"] != "running" {
            return None;
        }
        let since = session["run"]["since"].as_i64()?;
        let planned = session["planned_ms"].as_i64()?;
        let focused = session["focused_ms"].as_i64()?;
        Some(since + planned - focused - session_clock_ms())
    }
}

/// Reads a pipe to its end on a thread of its own.
fn drain(mut r: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        buf
    })
}

/// Counts BEL characters the program sends (the `bell` setting).
#[derive(Default)]
struct Bells(usize);

impl vt100::Callbacks for Bells {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0 += 1;
    }
}

/// Everything the reader thread learns from the pty.
struct PtyOutput {
    parser: vt100::Parser<Bells>,
    raw: Vec<u8>,
    /// The pty returned end-of-file or an error: every process holding the
    /// terminal has closed it, so the screen will not change any more.
    eof: bool,
    /// Cursor position queries answered.
    dsr_replies: usize,
}

/// The terminal's input side, shared by the test (keys) and the reader
/// thread (answers to queries).
type Keyboard = Arc<Mutex<Box<dyn Write + Send>>>;

/// The TUI running in a pseudo-terminal.
///
/// Dropping it SIGKILLs the process if it is still running, so a failed
/// assertion never leaves a `focus` behind.
pub struct Tui<'h> {
    home: &'h Home,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Keyboard,
    output: Arc<Mutex<PtyOutput>>,
    /// Set once the process has been reaped.
    status: Option<ExitStatus>,
    pid: u32,
    /// The pty's settings before the program started, as `stty -g` would
    /// print them (rustix's `Debug` of the whole `termios`).
    initial_termios: String,
}

impl<'h> Tui<'h> {
    fn spawn(
        home: &'h Home,
        args: &[&str],
        extra: &[(&str, OsString)],
        cols: u16,
        rows: u16,
    ) -> Tui<'h> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env_clear();
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd.cwd(home.root());
        let initial_termios = termios_of(pair.master.as_ref());
        let child = pair.slave.spawn_command(cmd).expect("spawn focus in pty");
        // Our copy of the slave must go, or the master never sees end-of-file
        // when the child exits.
        drop(pair.slave);
        let pid = child.process_id().expect("child pid");

        let nz = |n: u16| std::num::NonZeroU16::new(n).expect("terminal size must be > 0");
        let output = Arc::new(Mutex::new(PtyOutput {
            parser: vt100::Parser::new_with_callbacks(nz(rows), nz(cols), 0, Bells::default()),
            raw: Vec::new(),
            eof: false,
            dsr_replies: 0,
        }));
        let writer: Keyboard = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let reader = pair.master.try_clone_reader().expect("pty reader");
        let (sink, answer) = (Arc::clone(&output), Arc::clone(&writer));
        // Reading continuously (not only while a test waits) keeps the pty
        // buffer from filling up and blocking the program's writes. The thread
        // ends on its own when the child is gone (read fails with EIO).
        thread::Builder::new()
            .name(format!("pty-reader-{pid}"))
            .spawn(move || pump(reader, &sink, &answer))
            .expect("spawn pty reader");
        Tui {
            home,
            child,
            master: pair.master,
            writer,
            output,
            status: None,
            pid,
            initial_termios,
        }
    }

    /// The home this instance runs in.
    pub fn home(&self) -> &'h Home {
        self.home
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Types `text` (UTF-8) as if at the keyboard.
    pub fn send(&mut self, text: &str) {
        self.send_bytes(text.as_bytes());
    }

    /// Writes raw bytes to the terminal's input (escape sequences, Ctrl keys).
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let mut w = lock(&self.writer);
        w.write_all(bytes)
            .and_then(|()| w.flush())
            .unwrap_or_else(|e| panic!("cannot write {bytes:?} to the pty: {e}"));
    }

    /// Changes the terminal size, as a user dragging the window would: the
    /// emulator first (so the redraw lands on a screen of the new size), then
    /// the pty, whose kernel side sends SIGWINCH to the program.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let nz = |n: u16| std::num::NonZeroU16::new(n).expect("terminal size must be > 0");
        lock(&self.output).parser.set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }

    /// The screen as text, one line per row, trailing blanks trimmed.
    pub fn screen_text(&self) -> String {
        lock(&self.output).parser.screen().contents()
    }

    /// Runs `f` on the current screen, for checks beyond plain text
    /// (cursor, alternate screen, attributes).
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(lock(&self.output).parser.screen())
    }

    /// Every byte the program wrote to the terminal so far.
    pub fn raw_output(&self) -> Vec<u8> {
        lock(&self.output).raw.clone()
    }

    /// How many bytes the program wrote to the terminal so far.
    pub fn raw_len(&self) -> usize {
        lock(&self.output).raw.len()
    }

    /// How many cursor position queries (`ESC [ 6 n`) the harness answered.
    pub fn dsr_replies(&self) -> usize {
        lock(&self.output).dsr_replies
    }

    /// How many times the program rang the terminal bell.
    pub fn bells(&self) -> usize {
        lock(&self.output).parser.callbacks().0
    }

    /// Polls the parsed screen until `pred` holds. On timeout, or when the
    /// program has exited and closed the terminal without the screen ever
    /// matching, the error shows the last screen.
    pub fn wait_for(
        &mut self,
        mut pred: impl FnMut(&vt100::Screen) -> bool,
        timeout: Duration,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            let (matched, eof) = {
                let out = lock(&self.output);
                (pred(out.parser.screen()), out.eof)
            };
            if matched {
                return Ok(());
            }
            if eof {
                // Nothing can change any more: say how the program ended and
                // what it wrote last (a message may have been drawn over).
                let status = self.wait_exit(Duration::from_secs(2));
                let raw = self.raw_output();
                let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(400)..]);
                return Err(format!(
                    "the program closed the terminal before the screen matched \
                     (exit status {status:?}); last output bytes: {tail:?}; last screen:\n{}",
                    framed(&self.screen_text())
                ));
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "screen did not match within {timeout:?}; last screen:\n{}",
                    framed(&self.screen_text())
                ));
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen contains every one of `needles`.
    pub fn wait_for_text(&mut self, needles: &[&str], timeout: Duration) -> Result<(), String> {
        self.wait_for(
            |s| {
                let text = s.contents();
                needles.iter().all(|n| text.contains(n))
            },
            timeout,
        )
        .map_err(|e| format!("waiting for {needles:?}: {e}"))
    }

    /// Waits for the process to exit; `None` if it is still running after
    /// `timeout`. Once it has exited, also waits (briefly) for the reader to
    /// drain the terminal, so `screen_text` and `raw_output` are complete.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while self.status.is_none() {
            if let Some(status) = self.child.try_wait().expect("wait for focus") {
                self.status = Some(status);
                break;
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(POLL);
        }
        let drained = Instant::now() + Duration::from_secs(2);
        while !lock(&self.output).eof && Instant::now() < drained {
            thread::sleep(POLL);
        }
        self.status.clone()
    }

    /// Whether the process is still running (reaps it if it has exited).
    pub fn is_running(&mut self) -> bool {
        if self.status.is_none() {
            self.status = self.child.try_wait().expect("wait for focus");
        }
        self.status.is_none()
    }

    /// SIGKILLs the process (no chance to clean up) and reaps it.
    ///
    /// portable-pty's own `kill` sends SIGHUP first, which focus handles as a
    /// clean exit; tests that want that should send it themselves.
    pub fn kill(&mut self) {
        if self.is_running() {
            self.status = Some(self.sigkill().expect("reap killed focus"));
        }
    }

    /// SIGKILL and wait, without panicking: also used from `drop`, where a
    /// panic during a failing test's unwinding would abort the whole run.
    fn sigkill(&mut self) -> std::io::Result<ExitStatus> {
        if let Some(pid) = i32::try_from(self.pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        {
            // ESRCH only if it died just now; the wait settles either way.
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
        }
        self.child.wait()
    }

    /// Whether the terminal is in its normal line-editing mode (ICANON and
    /// ECHO on), i.e. not left in raw mode. Reads the pty's settings through
    /// the master side, so it works after the program has exited.
    pub fn terminal_is_cooked(&self) -> bool {
        use rustix::termios::LocalModes;
        let fd = self.master.as_raw_fd().expect("pty master fd");
        // SAFETY: `fd` belongs to `self.master`, which outlives this borrow.
        let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
        let t = rustix::termios::tcgetattr(fd).expect("tcgetattr on pty");
        t.local_modes
            .contains(LocalModes::ICANON | LocalModes::ECHO)
    }

    /// Whether the pty's settings are exactly what they were before the
    /// program started (every flag and control character, like comparing
    /// `stty -g` before and after); `Err` shows both when they differ.
    pub fn termios_restored(&self) -> Result<(), String> {
        let now = termios_of(self.master.as_ref());
        if now == self.initial_termios {
            Ok(())
        } else {
            Err(format!(
                "terminal settings changed:\nbefore: {}\nafter:  {now}",
                self.initial_termios
            ))
        }
    }

    /// Sends `signal` to the process.
    pub fn signal(&self, signal: rustix::process::Signal) {
        let pid = i32::try_from(self.pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
            .expect("valid pid");
        rustix::process::kill_process(pid, signal)
            .unwrap_or_else(|e| panic!("cannot send {signal:?} to {}: {e}", self.pid));
    }

    /// The process's scheduler state letter from `/proc/PID/stat` (`S`
    /// sleeping, `R` running, `T` stopped, `Z` zombie); `None` once gone.
    pub fn proc_state(&self) -> Option<char> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).ok()?;
        // The command name in parentheses may hold spaces; the state follows
        // the last `)`.
        stat.rsplit_once(')')?.1.trim_start().chars().next()
    }

    /// Polls until the process's state is `state` (see [`Tui::proc_state`]).
    pub fn wait_proc_state(&self, state: char, timeout: Duration) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            let now = self.proc_state();
            if now == Some(state) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "process {} is in state {now:?}, not {state:?}, after {timeout:?}",
                    self.pid
                ));
            }
            thread::sleep(POLL);
        }
    }

    /// The countdown the full view draws in large digits (`"24:59"`), if
    /// one is on screen.
    pub fn big_clock(&self) -> Option<String> {
        self.with_screen(big_clock)
    }
}

/// The pty's settings in a comparable form.
fn termios_of(master: &(dyn MasterPty + Send)) -> String {
    let fd = master.as_raw_fd().expect("pty master fd");
    // SAFETY: `fd` belongs to `master`, which outlives this borrow.
    let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
    let t = rustix::termios::tcgetattr(fd).expect("tcgetattr on pty");
    format!("{t:?}")
}

/// The session clock focus uses (`CLOCK_BOOTTIME`), in milliseconds, on the
/// scale of its snapshot (which adds 2^40 to every reading).
pub fn session_clock_ms() -> i64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
    let nanos = u64::try_from(t.tv_nsec).unwrap_or(0);
    (1i64 << 40) + t.tv_sec * 1000 + (nanos / 1_000_000) as i64
}

/// The large-digit font of `src/ui/digits.rs`, rows top to bottom.
const BIG_DIGITS: [[&str; 5]; 10] = [
    ["███", "█ █", "█ █", "█ █", "███"],
    ["██ ", " █ ", " █ ", " █ ", "███"],
    ["███", "  █", "███", "█  ", "███"],
    ["███", "  █", "███", "  █", "███"],
    ["█ █", "█ █", "███", "  █", "  █"],
    ["███", "█  ", "███", "  █", "███"],
    ["███", "█  ", "███", "█ █", "███"],
    ["███", "  █", "  █", "  █", "  █"],
    ["███", "█ █", "███", "█ █", "███"],
    ["███", "█ █", "███", "  █", "███"],
];
const BIG_COLON: [&str; 5] = [" ", "█", " ", "█", " "];

/// Reads the countdown drawn in large digits anywhere on `screen`: the
/// longest run of glyphs (one blank column apart) that looks like a clock
/// (`MM:SS` or `H:MM:SS`).
pub fn big_clock(screen: &vt100::Screen) -> Option<String> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let cell = |r: u16, c: u16| -> char {
        screen
            .cell(r, c)
            .and_then(|cell| cell.contents().chars().next())
            .unwrap_or(' ')
    };
    let glyph_at = |r: u16, c: u16, glyph: &[&str; 5]| -> bool {
        glyph.iter().enumerate().all(|(dy, line)| {
            line.chars()
                .enumerate()
                .all(|(dx, ch)| cell(r + dy as u16, c + dx as u16) == ch)
        })
    };
    let mut best: Option<String> = None;
    for r in 0..rows.saturating_sub(4) {
        for c0 in 0..cols {
            let mut text = String::new();
            let mut c = c0;
            loop {
                if let Some(d) = (0..10).find(|&d| glyph_at(r, c, &BIG_DIGITS[d])) {
                    text.push(char::from(b'0' + d as u8));
                    c += 4;
                } else if glyph_at(r, c, &BIG_COLON) {
                    text.push(':');
                    c += 2;
                } else {
                    break;
                }
            }
            let parts: Vec<&str> = text.split(':').collect();
            let clock_like = parts.len() >= 2
                && parts.iter().all(|p| !p.is_empty())
                && parts[1..].iter().all(|p| p.len() == 2);
            if clock_like && best.as_ref().is_none_or(|b| text.len() > b.len()) {
                best = Some(text);
            }
        }
    }
    best
}

/// Seconds in a clock like `"01:05"` or `"1:00:05"`.
pub fn clock_secs(clock: &str) -> Option<u64> {
    clock
        .split(':')
        .try_fold(0u64, |acc, p| Some(acc * 60 + p.parse::<u64>().ok()?))
}

/// Raw bytes after the last occurrence of `needle` in `haystack`; `None` if
/// it never occurs.
pub fn after_last<'a>(haystack: &'a [u8], needle: &[u8]) -> Option<&'a [u8]> {
    (0..=haystack.len().saturating_sub(needle.len()))
        .rev()
        .find(|&i| haystack[i..].starts_with(needle))
        .map(|i| &haystack[i + needle.len()..])
}

/// How many times `needle` occurs in `haystack`.
pub fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

impl Drop for Tui<'_> {
    fn drop(&mut self) {
        // A still-running child means the test failed (or forgot to quit);
        // either way it must not outlive the test.
        if self.status.is_none() && !matches!(self.child.try_wait(), Ok(Some(_))) {
            let _ = self.sigkill();
        }
    }
}

/// Device status report "where is the cursor?"; a real terminal answers it.
const DSR: &[u8] = b"\x1b[6n";

/// The reader thread: feeds the emulator, keeps the raw bytes, and answers
/// cursor position queries the way a real terminal does, so a program that
/// asks does not stall for its timeout and fail for a reason no user sees.
fn pump(mut reader: Box<dyn Read + Send>, sink: &Mutex<PtyOutput>, answer: &Keyboard) {
    let mut buf = [0u8; 8192];
    // The last few bytes of the previous read: a query may straddle two.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let chunk = &buf[..n];
        let mut out = lock(sink);
        out.raw.extend_from_slice(chunk);
        let joined = [carry.as_slice(), chunk].concat();
        let mut done = 0;
        for end in (DSR.len()..=joined.len()).filter(|&e| &joined[e - DSR.len()..e] == DSR) {
            // Everything up to the query is drawn first, so the reply holds
            // the cursor position as of the moment it was asked.
            let upto = end - carry.len();
            out.parser.process(&chunk[done..upto]);
            done = upto;
            let (row, col) = out.parser.screen().cursor_position();
            let reply = format!("\x1b[{};{}R", row + 1, col + 1);
            let mut w = lock(answer);
            // The program may be gone already; then nobody needs the answer.
            let _ = w.write_all(reply.as_bytes()).and_then(|()| w.flush());
            out.dsr_replies += 1;
        }
        out.parser.process(&chunk[done..]);
        carry = joined[joined.len().saturating_sub(DSR.len() - 1)..].to_vec();
    }
    lock(sink).eof = true;
}

/// Locks shared state; a panic elsewhere only poisons the lock, the data is
/// still worth showing.
fn lock<T: ?Sized>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A screen dump between rulers, so trailing blanks and empty rows show.
fn framed(text: &str) -> String {
    format!("-----\n{text}\n-----")
}

/// Fails the test with `context` and the harness's error (shown with real
/// line breaks, unlike `expect`, so the screen dump is readable).
#[track_caller]
pub fn must(result: Result<(), String>, context: &str) {
    if let Err(e) = result {
        panic!("{context}: {e}");
    }
}
