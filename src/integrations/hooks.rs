//! Hooks: the user's commands, run when something happens to the timer.
//!
//! The loop hands each [`Event`] to [`HookRunner::fire`], which only starts a
//! thread and returns: everything that can take time (opening the log,
//! `fork`/`exec`, waiting) happens on that thread, so a slow disk or a hook
//! that never ends cannot stall the countdown.
//!
//! Each run:
//! * gets the event as `FOCUS_*` environment variables ([`environment`]);
//! * reads stdin from `/dev/null`; its stdout and stderr go through one pipe
//!   that its thread reads into the hook log, between a header line (time,
//!   event, command) and an end line (how it ended). At most
//!   [`OUTPUT_LIMIT_BYTES`] of it are kept, then one line says the rest was
//!   dropped: the rest is still read, so a hook that prints a lot is never
//!   held up by a full pipe, and one that prints forever fills no disk
//!   before its timeout ends it. Output a background process of the hook
//!   writes after the hook itself has ended is not this run's, and is not
//!   waited for;
//! * runs in a process group of its own, so that at the timeout the whole
//!   group is killed: a `sh -c 'sleep 60'` takes its `sleep` with it;
//! * is waited for by a thread of its own, so no finished child is left a
//!   zombie in a process that runs all day;
//! * reports a non-zero exit, a signal, a timeout or a failure to start as a
//!   [`HookFailure`] on the channel the loop listens to.
//!
//! Hooks still running when focus exits are left to finish on their own
//! (their timeout then no longer applies): killing an `on_reset` hook
//! because the user quit would defeat its purpose. [`HookRunner::hand_over`]
//! gives their output pipes to a reader that outlives focus.
//!
//! The loop fires a turn's hooks only after that turn's records are in the
//! session log (or kept for a retry): a hook's output never competes with
//! the record it was fired for.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{PipeReader, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedSender;

use crate::config::{HookCommand, Hooks};
use crate::domain::duration::format_duration;
use crate::domain::record::Kind;
use crate::domain::text::one_line;
use crate::engine::model::{Event, EventKind};
use crate::store::private;

/// Most hooks that may run at once. Beyond this a new one is refused (and
/// reported) rather than started: each holds two threads and a process,
/// and a key held down must not turn into hundreds of them.
pub(crate) const MAX_RUNNING: usize = 16;

/// The hook log is moved to `hooks.log.old` (replacing it) once it is this
/// big, so a chatty hook cannot fill the disk over months.
const LOG_LIMIT_BYTES: u64 = 1 << 20;

/// Most of one run's output kept in the hook log; the rest is read and
/// dropped, with a line saying so. With the rotation checked before each
/// run and at most [`MAX_RUNNING`] runs at once, the log stays under
/// `LOG_LIMIT_BYTES + MAX_RUNNING × (this + its few lines)`, about 2 MiB,
/// however much a hook prints: hooks cannot take the disk space the session
/// log needs.
pub const OUTPUT_LIMIT_BYTES: usize = 64 * 1024;

/// Reads of what is left in the pipe once a hook has ended: enough for the
/// largest pipe buffer, bounded for a process it left writing to it.
const DRAIN_READS: usize = 64;

/// Longest [`HookRunner::hand_over`] waits for hooks still starting.
const HAND_OVER_WAIT: Duration = Duration::from_secs(2);

/// The variables only an interruption sets; removed for other events so a
/// value inherited from focus's own environment cannot mislead a hook.
const INTERRUPTION_VARS: [&str; 2] = ["FOCUS_INTERRUPTION_KIND", "FOCUS_INTERRUPTION_NOTE"];

/// How a hook run went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// It exited with this non-zero status.
    Exit(i32),
    /// A signal ended it (not our timeout).
    Signal(i32),
    /// It was still running at the timeout, so its process group was killed.
    TimedOut(Duration),
    /// It could not be started (program not found, not executable, …).
    Spawn(String),
    /// [`MAX_RUNNING`] hooks were already running, so it was not started.
    Busy,
    /// It ran, but the hook log could not be opened, so its output was
    /// discarded. Reported once per runner.
    Log(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Exit(code) => write!(f, "exit {code}"),
            Problem::Signal(sig) => write!(f, "killed by signal {sig}"),
            Problem::TimedOut(t) => write!(f, "timed out after {}, killed", format_duration(*t)),
            Problem::Spawn(e) => write!(f, "cannot start it: {e}"),
            Problem::Busy => write!(f, "{MAX_RUNNING} hooks are still running, not started"),
            Problem::Log(e) => write!(f, "cannot write the hook log ({e}), output discarded"),
        }
    }
}

/// A hook that failed, as reported to the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookFailure {
    /// The event whose hook it was.
    pub event: EventKind,
    /// What went wrong.
    pub problem: Problem,
    /// The hook log, as shown to the user (`~` for the home directory).
    pub log: String,
}

impl fmt::Display for HookFailure {
    /// One line for the screen: `hook on_complete failed: exit 3 (see
    /// ~/.local/state/focus/hooks.log)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.event.name();
        match &self.problem {
            Problem::Log(_) => write!(f, "hook on_{name}: {}", self.problem),
            p => write!(f, "hook on_{name} failed: {p} (see {})", self.log),
        }
    }
}

/// The environment a hook gets for `event`, in documentation order.
///
/// `FOCUS_INTERRUPTION_KIND` and `FOCUS_INTERRUPTION_NOTE` are only present
/// for interruptions; `FOCUS_TASK` and the note are empty when there is none.
/// Both go out by the one output rule ([`one_line`]): a hook that echoes
/// them to a terminal or a notification must not pass on an escape
/// sequence, and a NUL would stop the hook from starting at all.
pub fn environment(event: &Event) -> Vec<(&'static str, String)> {
    let mut env = vec![
        ("FOCUS_EVENT", event.kind.name().to_owned()),
        ("FOCUS_PHASE", phase_name(event.phase).to_owned()),
        (
            "FOCUS_TASK",
            event.task.as_deref().map(one_line).unwrap_or_default(),
        ),
        ("FOCUS_PLANNED_SECS", event.planned_secs.to_string()),
        ("FOCUS_FOCUSED_SECS", event.focused_secs.to_string()),
        ("FOCUS_TODAY_COUNT", event.today.to_string()),
        ("FOCUS_DAILY_GOAL", event.goal.to_string()),
    ];
    if let Some((kind, note)) = &event.interruption {
        env.push(("FOCUS_INTERRUPTION_KIND", kind.as_str().to_owned()));
        env.push((
            "FOCUS_INTERRUPTION_NOTE",
            note.as_deref().map(one_line).unwrap_or_default(),
        ));
    }
    env
}

/// The phase as `FOCUS_PHASE` spells it: the session log's `kind`.
pub(crate) fn phase_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Work => "work",
        Kind::ShortBreak => "short_break",
        Kind::LongBreak => "long_break",
        Kind::Unknown => "unknown",
    }
}

/// The configured hook for an event kind, if any.
pub(crate) fn command_for(hooks: &Hooks, kind: EventKind) -> Option<&HookCommand> {
    match kind {
        EventKind::Start => hooks.on_start.as_ref(),
        EventKind::Pause => hooks.on_pause.as_ref(),
        EventKind::Resume => hooks.on_resume.as_ref(),
        EventKind::Complete => hooks.on_complete.as_ref(),
        EventKind::Skip => hooks.on_skip.as_ref(),
        EventKind::Reset => hooks.on_reset.as_ref(),
        EventKind::BreakStart => hooks.on_break_start.as_ref(),
        EventKind::BreakEnd => hooks.on_break_end.as_ref(),
        EventKind::Interruption => hooks.on_interruption.as_ref(),
        EventKind::MinuteLeft => hooks.on_minute_left.as_ref(),
    }
}

/// Starts the configured hooks in the background; see the module docs.
#[derive(Debug)]
pub struct HookRunner {
    hooks: Hooks,
    shared: Arc<Shared>,
}

/// What every hook thread needs from the runner.
#[derive(Debug)]
struct Shared {
    log: PathBuf,
    log_shown: String,
    failures: UnboundedSender<HookFailure>,
    running: AtomicUsize,
    /// Numbers runs, so that a run's header and end line can be matched up
    /// in the log when hooks overlap.
    runs: AtomicU64,
    /// The hook log could not be opened and the user was told so.
    log_warned: AtomicBool,
    /// The output pipe (a second handle on it) and the process group of
    /// each run being read, by run number, for [`HookRunner::hand_over`].
    reading: Mutex<BTreeMap<u64, (PipeReader, u32)>>,
    /// Runs fired whose hook is not yet started (and its output known to
    /// `reading`), and the signal that one got there.
    launching: Mutex<usize>,
    launched: Condvar,
}

impl HookRunner {
    /// A runner for `hooks` writing output to `log` (created, with its
    /// directory, on first use) and reporting failures on `failures`.
    pub fn new(hooks: Hooks, log: PathBuf, failures: UnboundedSender<HookFailure>) -> HookRunner {
        let log_shown = shown_path(&log, std::env::var_os("HOME").as_deref().map(Path::new));
        HookRunner {
            hooks,
            shared: Arc::new(Shared {
                log,
                log_shown,
                failures,
                running: AtomicUsize::new(0),
                runs: AtomicU64::new(0),
                log_warned: AtomicBool::new(false),
                reading: Mutex::new(BTreeMap::new()),
                launching: Mutex::new(0),
                launched: Condvar::new(),
            }),
        }
    }

    /// Whether any hook is configured at all.
    pub fn is_empty(&self) -> bool {
        EventKind::ALL
            .iter()
            .all(|&k| command_for(&self.hooks, k).is_none())
    }

    /// Starts the hook for `event` if one is configured, and returns at
    /// once; true if one was started. Problems arrive on the failure
    /// channel, never as a panic or a wait.
    pub fn fire(&self, event: &Event) -> bool {
        let Some(command) = command_for(&self.hooks, event.kind) else {
            return false;
        };
        let shared = &self.shared;
        // Claim a slot first; the slot is given back when the run's thread
        // has reaped its child (or if the thread never starts).
        if shared.running.fetch_add(1, Ordering::SeqCst) >= MAX_RUNNING {
            shared.running.fetch_sub(1, Ordering::SeqCst);
            shared.report(event.kind, Problem::Busy);
            return false;
        }
        let job = Job {
            kind: event.kind,
            command: command.clone(),
            env: environment(event),
            timeout: self.hooks.timeout,
            number: shared.runs.fetch_add(1, Ordering::Relaxed) + 1,
            slot: Slot(Arc::clone(shared)),
            launch: Launch::new(shared),
        };
        let started = thread::Builder::new()
            .name(format!("hook-on_{}", event.kind.name()))
            .spawn(move || job.run());
        match started {
            Ok(_) => true,
            Err(e) => {
                // The job (and its slot) was dropped with the closure.
                shared.report(event.kind, Problem::Spawn(format!("no thread for it: {e}")));
                false
            }
        }
    }

    /// How many hooks are running (started and not yet reaped).
    pub fn running(&self) -> usize {
        self.shared.running.load(Ordering::SeqCst)
    }

    /// For focus's exit: gives the output of each hook still running to a
    /// `cat` that discards it, started in the hook's process group, so the
    /// hook can finish on its own as promised. Without a reader left on
    /// its pipe, the hook's next write would kill it (SIGPIPE). What such a
    /// hook prints after focus has gone is not logged. Hooks fired but not
    /// yet started are waited for, up to [`HAND_OVER_WAIT`].
    pub fn hand_over(&self) {
        let shared = &self.shared;
        // A hook fired by the quit itself may still be starting; waited
        // for (briefly), or it would never run, or lose its reader.
        let deadline = Instant::now() + HAND_OVER_WAIT;
        let mut launching = shared.launching();
        while *launching > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            launching = shared
                .launched
                .wait_timeout(launching, left)
                .map_or_else(|e| e.into_inner().0, |(guard, _)| guard);
        }
        drop(launching);
        let reading = std::mem::take(&mut *shared.reading());
        for (_, (pipe, group)) in reading {
            let Ok(group) = i32::try_from(group) else {
                continue;
            };
            // Not waited for: focus is on its way out, and the orphan is
            // reaped by whoever inherits it. If the group is already gone,
            // so is the hook, and there is nothing to do.
            let _ = Command::new("cat")
                .stdin(pipe)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(group)
                .spawn();
        }
    }
}

impl Shared {
    /// The runs being read; a panic elsewhere leaves the map usable.
    fn reading(&self) -> MutexGuard<'_, BTreeMap<u64, (PipeReader, u32)>> {
        self.reading
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many runs are still starting.
    fn launching(&self) -> MutexGuard<'_, usize> {
        self.launching
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn report(&self, event: EventKind, problem: Problem) {
        // The loop may be gone (focus is exiting); nobody to tell then.
        let _ = self.failures.send(HookFailure {
            event,
            problem,
            log: self.log_shown.clone(),
        });
    }

    /// Opens the hook log for appending, moving an oversized one aside
    /// first. `None` (after telling the user once) if it cannot be opened:
    /// the hook still runs, only its output is lost.
    fn open_log(&self, event: EventKind) -> Option<File> {
        let opened = (|| {
            // As for every file of focus's: a private directory, 0600, and
            // never through a symlink (`store::private`).
            private::ensure_dir(private::parent_dir(&self.log))?;
            if std::fs::symlink_metadata(&self.log).is_ok_and(|m| m.len() > LOG_LIMIT_BYTES) {
                let _ = std::fs::rename(&self.log, self.log.with_extension("log.old"));
            }
            private::open(&self.log, OpenOptions::new().append(true))
        })();
        match opened {
            Ok(file) => Some(file),
            Err(e) => {
                if !self.log_warned.swap(true, Ordering::SeqCst) {
                    self.report(event, Problem::Log(e.to_string()));
                }
                None
            }
        }
    }
}

/// Gives a running-hook slot back when dropped, however the run ends.
struct Slot(Arc<Shared>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Counts a run as starting until dropped: once its hook is started and
/// its output registered, or it failed to start.
struct Launch(Arc<Shared>);

impl Launch {
    fn new(shared: &Arc<Shared>) -> Launch {
        *shared.launching() += 1;
        Launch(Arc::clone(shared))
    }
}

impl Drop for Launch {
    fn drop(&mut self) {
        let mut launching = self.0.launching();
        *launching = launching.saturating_sub(1);
        self.0.launched.notify_all();
    }
}

/// One hook run, carried out on its own thread.
struct Job {
    kind: EventKind,
    command: HookCommand,
    env: Vec<(&'static str, String)>,
    timeout: Duration,
    number: u64,
    slot: Slot,
    launch: Launch,
}

impl Job {
    fn run(self) {
        let shared = Arc::clone(&self.slot.0);
        let name = format!("on_{}", self.kind.name());
        let mut log = shared.open_log(self.kind).map(|file| HookLog {
            file,
            number: self.number,
            name: name.clone(),
            kept: 0,
            truncated: false,
            at_line_start: true,
        });
        let fail = |log: &mut Option<HookLog>, why: &str| {
            if let Some(l) = log {
                l.tag(&format!("cannot start: {why}"));
            }
            shared.report(self.kind, Problem::Spawn(why.to_owned()));
        };
        if let Some(l) = &mut log {
            l.tag(&format!("start {}", self.command));
        }

        let mut cmd = match &self.command {
            HookCommand::Exec(argv) => {
                // The config refuses an empty array; one built in code
                // still must not panic.
                let Some((program, args)) = argv.split_first() else {
                    return fail(&mut log, "the command is empty");
                };
                let mut c = Command::new(program);
                c.args(args);
                c
            }
            HookCommand::Shell(line) => {
                let mut c = Command::new("sh");
                c.arg("-c").arg(line);
                c
            }
        };
        // Output goes through a pipe this thread reads rather than straight
        // into the log: only so can one run's share of the disk be capped.
        // Without a log there is nothing to keep, and it goes nowhere.
        let mut output = None;
        if log.is_some() {
            match output_pipe() {
                Ok((reader, out, err)) => {
                    cmd.stdout(out).stderr(err);
                    output = Some(reader);
                }
                Err(e) => return fail(&mut log, &format!("no pipe for its output: {e}")),
            }
        } else {
            cmd.stdout(Stdio::null()).stderr(Stdio::null());
        }
        for var in INTERRUPTION_VARS {
            cmd.env_remove(var);
        }
        cmd.envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            // Its own group: the timeout kills everything it started, and
            // the terminal's Ctrl-C or hang-up does not reach it.
            .process_group(0);

        // The waiter reaps the hook and then closes `ended`, which this
        // thread watches beside the output: so the output, the hook's end
        // and the timeout are waited for at once, without polling. It is
        // started first, so a hook is never started without one.
        let (ended, ended_tx) = match std::io::pipe() {
            Ok(p) => p,
            Err(e) => return fail(&mut log, &format!("no pipe to wait on: {e}")),
        };
        let (to_waiter, child_rx) = mpsc::channel::<Child>();
        let waiter = thread::Builder::new()
            .name(format!("hook-{name}-wait"))
            .spawn(move || {
                let mut child = child_rx.recv().ok()?;
                let status = child.wait();
                drop(ended_tx);
                Some(status)
            });
        let Ok(waiter) = waiter else {
            return fail(&mut log, "no thread to wait for it");
        };

        let started = Instant::now();
        let child = match cmd.spawn() {
            Ok(child) => child,
            // Dropping `to_waiter` lets the waiter go.
            Err(e) => return fail(&mut log, &e.to_string()),
        };
        // The command holds this process's copies of the pipe's write end;
        // the output's end is only seen once they are closed.
        drop(cmd);
        let group = child.id();
        // Known to `hand_over` while it is read, should focus exit first.
        let registered = match output.as_ref().map(PipeReader::try_clone) {
            Some(Ok(pipe)) => {
                shared.reading().insert(self.number, (pipe, group));
                true
            }
            _ => false,
        };
        drop(self.launch);
        if let Err(mpsc::SendError(mut child)) = to_waiter.send(child) {
            // The waiter is gone (it cannot be, short of a panic); the hook
            // cannot be watched, so it is ended and reaped here.
            kill_group(group);
            let _ = child.wait();
        }
        let killed = watch(output, &ended, &mut log, started + self.timeout, group);
        if registered {
            shared.reading().remove(&self.number);
        }
        let status = match waiter.join() {
            Ok(Some(status)) => status,
            _ => Err(std::io::Error::other("its waiting thread failed")),
        };
        let took = started.elapsed();
        let problem = match status {
            Err(e) => Some(Problem::Spawn(format!("cannot wait for it: {e}"))),
            Ok(_) if killed => Some(Problem::TimedOut(self.timeout)),
            Ok(s) if s.success() => None,
            Ok(s) => match (s.code(), s.signal()) {
                (Some(code), _) => Some(Problem::Exit(code)),
                (None, Some(sig)) => Some(Problem::Signal(sig)),
                (None, None) => Some(Problem::Exit(-1)),
            },
        };
        let how = match &problem {
            None => "exit 0".to_owned(),
            Some(p) => p.to_string(),
        };
        if let Some(l) = &mut log {
            l.tag(&format!(
                "{how} (ran {:.1}s, pid {group})",
                took.as_secs_f64()
            ));
        }
        if let Some(p) = problem {
            shared.report(self.kind, p);
        }
    }
}

/// One run's part of the hook log: its tagged lines and at most
/// [`OUTPUT_LIMIT_BYTES`] of its output.
struct HookLog {
    file: File,
    number: u64,
    name: String,
    /// Output bytes written so far.
    kept: usize,
    /// The truncation line was written.
    truncated: bool,
    /// The last byte written ended a line.
    at_line_start: bool,
}

impl HookLog {
    /// A line of focus's own: `[#3 2026-03-02 09:25:00+01:00 on_complete]
    /// exit 0 (…)`, on a line of its own even after output that did not
    /// end one.
    fn tag(&mut self, text: &str) {
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S%:z");
        let newline = if self.at_line_start { "" } else { "\n" };
        let line = format!("{newline}[#{} {now} {}] {text}\n", self.number, self.name);
        // One write, so a run's line is not split by another run's output
        // appended at the same moment. A failed write only loses a log
        // line; the hook matters more.
        let _ = self.file.write_all(line.as_bytes());
        self.at_line_start = true;
    }

    /// Output as the hook wrote it, up to the limit; past it, one line
    /// says the rest was dropped.
    fn output(&mut self, bytes: &[u8]) {
        let room = OUTPUT_LIMIT_BYTES - self.kept;
        let kept = &bytes[..bytes.len().min(room)];
        if !kept.is_empty() {
            let _ = self.file.write_all(kept);
            self.kept += kept.len();
            self.at_line_start = kept.ends_with(b"\n");
        }
        if kept.len() < bytes.len() && !self.truncated {
            self.truncated = true;
            self.tag(&format!(
                "… output truncated after {} KiB; the rest was read and dropped",
                OUTPUT_LIMIT_BYTES / 1024
            ));
        }
    }
}

/// A pipe for a hook's output: the end this thread reads, and the write
/// end twice, for stdout and stderr, so both land in order in one place.
fn output_pipe() -> std::io::Result<(PipeReader, Stdio, Stdio)> {
    let (reader, writer) = std::io::pipe()?;
    let second = writer.try_clone()?;
    Ok((reader, writer.into(), second.into()))
}

/// Copies the hook's output into the log until `ended` closes (the hook
/// was reaped), killing the hook's process group at `deadline`; true if it
/// was killed.
///
/// Output is read as it comes, all of it, and kept up to the limit: a hook
/// that prints a lot is never held up on a full pipe, and one that prints
/// forever costs a bounded share of the disk until its timeout ends it.
fn watch(
    mut output: Option<PipeReader>,
    ended: &PipeReader,
    log: &mut Option<HookLog>,
    deadline: Instant,
    group: u32,
) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let mut buf = vec![0; 16 * 1024];
    let mut killed = false;
    loop {
        let timeout = if killed {
            None
        } else {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                killed = true;
                kill_group(group);
                continue;
            }
            Some(Timespec::try_from(left).unwrap_or(Timespec {
                tv_sec: i64::MAX,
                tv_nsec: 0,
            }))
        };
        let mut fds = vec![PollFd::new(ended, PollFlags::IN)];
        if let Some(out) = &output {
            fds.push(PollFd::new(out, PollFlags::IN));
        }
        match poll(&mut fds, timeout.as_ref()) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => {
                // Nothing left to wait with: the hook is ended rather than
                // left to run unwatched.
                kill_group(group);
                return true;
            }
        }
        let is_ready = |fd: Option<&PollFd>| fd.is_some_and(|f| !f.revents().is_empty());
        let hook_ended = is_ready(fds.first());
        let readable = is_ready(fds.get(1));
        drop(fds);
        if readable {
            read_some(&mut output, log, &mut buf);
        }
        if hook_ended {
            break;
        }
    }
    // What the hook wrote last may still be in the pipe: read what is
    // there now without waiting, since a process it left behind may hold
    // the pipe open (and keep writing) for as long as it likes.
    for _ in 0..DRAIN_READS {
        let ready = output.as_ref().is_some_and(|out| {
            let mut fds = [PollFd::new(out, PollFlags::IN)];
            poll(
                &mut fds,
                Some(&Timespec {
                    tv_sec: 0,
                    tv_nsec: 0,
                }),
            )
            .is_ok()
                && !fds[0].revents().is_empty()
        });
        if !ready {
            break;
        }
        read_some(&mut output, log, &mut buf);
    }
    killed
}

/// Reads once from `output`, which poll said is ready, into the log; at
/// its end (or an error) it is closed.
fn read_some(output: &mut Option<PipeReader>, log: &mut Option<HookLog>, buf: &mut [u8]) {
    let Some(out) = output else {
        return;
    };
    match out.read(buf) {
        Ok(0) => *output = None,
        Ok(n) => {
            if let Some(l) = log {
                l.output(&buf[..n]);
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
        Err(_) => *output = None,
    }
}

/// SIGKILLs every process in the group led by `pid`.
fn kill_group(pid: u32) {
    if let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    {
        // ESRCH: the group is already gone, which is what we wanted.
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

/// `path` with the home directory shown as `~`, for one-line messages.
fn shown_path(path: &Path, home: Option<&Path>) -> String {
    match home.and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
        _ => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_home_are_shortened() {
        let home = Path::new("/home/me");
        assert_eq!(
            shown_path(
                Path::new("/home/me/.local/state/focus/hooks.log"),
                Some(home)
            ),
            "~/.local/state/focus/hooks.log"
        );
        assert_eq!(
            shown_path(Path::new("/var/focus/hooks.log"), Some(home)),
            "/var/focus/hooks.log"
        );
        assert_eq!(shown_path(Path::new("/home/me"), Some(home)), "/home/me");
        assert_eq!(shown_path(Path::new("/x/hooks.log"), None), "/x/hooks.log");
        // A sibling with a common prefix is not "under" home.
        assert_eq!(
            shown_path(Path::new("/home/meg/hooks.log"), Some(home)),
            "/home/meg/hooks.log"
        );
    }

    #[test]
    fn failures_read_as_one_line() {
        let f = HookFailure {
            event: EventKind::Complete,
            problem: Problem::Exit(3),
            log: "~/.local/state/focus/hooks.log".into(),
        };
        assert_eq!(
            f.to_string(),
            "hook on_complete failed: exit 3 (see ~/.local/state/focus/hooks.log)"
        );
        let t = HookFailure {
            event: EventKind::BreakEnd,
            problem: Problem::TimedOut(Duration::from_secs(10)),
            log: "hooks.log".into(),
        };
        assert_eq!(
            t.to_string(),
            "hook on_break_end failed: timed out after 10s, killed (see hooks.log)"
        );
    }
}
