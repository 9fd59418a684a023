//! Hooks: the user's commands, run when something happens to the timer.
//!
//! The loop hands each [`Event`] to [`HookRunner::fire`], which only starts a
//! thread and returns: everything that can take time (opening the log,
//! `fork`/`exec`, waiting) happens on that thread, so a slow disk or a hook
//! that never ends cannot stall the countdown.
//!
//! Each run:
//! * gets the event as `FOCUS_*` environment variables ([`environment`]);
//! * reads stdin from `/dev/null` and appends stdout and stderr to the hook
//!   log, between a header line (time, event, command) and an end line (how
//!   it ended);
//! * runs in a process group of its own, so that at the timeout the whole
//!   group is killed: a `sh -c 'sleep 60'` takes its `sleep` with it;
//! * is waited for by its thread, so no finished child is left a zombie in
//!   a process that runs all day;
//! * reports a non-zero exit, a signal, a timeout or a failure to start as a
//!   [`HookFailure`] on the channel the loop listens to.
//!
//! Hooks still running when focus exits are left to finish on their own
//! (their timeout then no longer applies): killing an `on_reset` hook
//! because the user quit would defeat its purpose.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedSender;

use crate::config::{HookCommand, Hooks};
use crate::domain::duration::format_duration;
use crate::domain::record::Kind;
use crate::domain::text::one_line;
use crate::engine::model::{Event, EventKind};

/// Most hooks that may run at once. Beyond this a new one is refused (and
/// reported) rather than started: each holds two threads and a process,
/// and a key held down must not turn into hundreds of them.
pub(crate) const MAX_RUNNING: usize = 16;

/// The hook log is moved to `hooks.log.old` (replacing it) once it is this
/// big, so a chatty hook cannot fill the disk over months.
const LOG_LIMIT_BYTES: u64 = 1 << 20;

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
}

impl Shared {
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
            if let Some(dir) = self.log.parent() {
                std::fs::create_dir_all(dir)?;
            }
            if std::fs::metadata(&self.log).is_ok_and(|m| m.len() > LOG_LIMIT_BYTES) {
                let _ = std::fs::rename(&self.log, self.log.with_extension("log.old"));
            }
            OpenOptions::new().create(true).append(true).open(&self.log)
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

/// One hook run, carried out on its own thread.
struct Job {
    kind: EventKind,
    command: HookCommand,
    env: Vec<(&'static str, String)>,
    timeout: Duration,
    number: u64,
    slot: Slot,
}

impl Job {
    fn run(self) {
        let shared = Arc::clone(&self.slot.0);
        let name = format!("on_{}", self.kind.name());
        let mut log = shared.open_log(self.kind);
        let tag = |log: &mut Option<File>, text: &str| {
            if let Some(f) = log {
                let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S%:z");
                // A failed write only loses a log line; the hook matters more.
                let _ = writeln!(f, "[#{} {now} {name}] {text}", self.number);
            }
        };
        tag(&mut log, &format!("start {}", self.command));

        let mut cmd = match &self.command {
            HookCommand::Exec(argv) => {
                // The config refuses an empty array; one built in code
                // still must not panic.
                let Some((program, args)) = argv.split_first() else {
                    tag(&mut log, "cannot start: the command is empty");
                    shared.report(self.kind, Problem::Spawn("the command is empty".into()));
                    return;
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
        for var in INTERRUPTION_VARS {
            cmd.env_remove(var);
        }
        cmd.envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(output(&log))
            .stderr(output(&log))
            // Its own group: the timeout kills everything it started, and
            // the terminal's Ctrl-C or hang-up does not reach it.
            .process_group(0);

        let started = Instant::now();
        let mut child = match cmd.spawn() {
            Ok(child) => child,
            Err(e) => {
                tag(&mut log, &format!("cannot start: {e}"));
                shared.report(self.kind, Problem::Spawn(e.to_string()));
                return;
            }
        };

        // The watchdog sleeps until the timeout or until told the hook
        // ended (its channel closing), whichever comes first: no polling.
        let group = child.id();
        let (ended, ended_rx) = mpsc::channel::<()>();
        let killed = Arc::new(AtomicBool::new(false));
        let dog_killed = Arc::clone(&killed);
        let timeout = self.timeout;
        let dog = thread::Builder::new()
            .name(format!("hook-{name}-timeout"))
            .spawn(move || {
                if let Err(mpsc::RecvTimeoutError::Timeout) = ended_rx.recv_timeout(timeout) {
                    dog_killed.store(true, Ordering::SeqCst);
                    kill_group(group);
                }
            });
        if dog.is_err() {
            // Without a watchdog the timeout could not hold; better to end
            // the hook now than to let it run unbounded.
            killed.store(true, Ordering::SeqCst);
            kill_group(group);
        }

        let status = child.wait();
        drop(ended);
        if let Ok(dog) = dog {
            // Settles whether the watchdog fired before the hook ended.
            let _ = dog.join();
        }
        let took = started.elapsed();
        let problem = match status {
            Err(e) => Some(Problem::Spawn(format!("cannot wait for it: {e}"))),
            Ok(_) if killed.load(Ordering::SeqCst) => Some(Problem::TimedOut(timeout)),
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
        tag(
            &mut log,
            &format!("{how} (ran {:.1}s, pid {group})", took.as_secs_f64()),
        );
        if let Some(p) = problem {
            shared.report(self.kind, p);
        }
    }
}

/// Where a hook's stdout or stderr goes: the log, or nowhere.
fn output(log: &Option<File>) -> Stdio {
    log.as_ref()
        .and_then(|f| f.try_clone().ok())
        .map_or_else(Stdio::null, Stdio::from)
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
