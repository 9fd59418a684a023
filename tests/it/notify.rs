//! Integration tests for `focus::integrations::notify`: which events notify, that the
//! caller never waits for the notifier, and how the real D-Bus notifier
//! behaves with no notification service.
//!
//! The D-Bus cases run in a child process (this test binary again, running
//! only [`dbus_child`]) because the bus address comes from the environment,
//! which one process's parallel tests cannot safely change.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use focus::domain::record::Kind;
use focus::engine::model::{Event, EventKind};
use focus::integrations::notify::{DBusNotifier, Note, Notifications, Notifier, Report, note_for};
use tempfile::TempDir;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

/// The longest a `notify` call may take: it only puts a note on a queue.
const QUICK: Duration = Duration::from_millis(50);

/// Generous for slow CI; waits poll and return as soon as they can.
const WAIT: Duration = Duration::from_secs(10);

fn event(kind: EventKind, phase: Kind) -> Event {
    Event {
        kind,
        phase,
        task: Some("Write report".into()),
        planned_secs: 1500,
        focused_secs: 1500,
        today: 3,
        goal: 8,
        interruption: None,
    }
}

fn note(n: usize) -> Note {
    Note {
        summary: format!("note {n}"),
        body: "body".into(),
    }
}

/// A notifier that records what it was asked to show, after `delay`, and
/// answers with `result`.
struct Fake {
    delay: Duration,
    result: Result<(), String>,
    shown: Arc<Mutex<Vec<Note>>>,
}

impl Fake {
    fn new(delay: Duration, result: Result<(), String>) -> (Fake, Arc<Mutex<Vec<Note>>>) {
        let shown = Arc::new(Mutex::new(Vec::new()));
        let fake = Fake {
            delay,
            result,
            shown: Arc::clone(&shown),
        };
        (fake, shown)
    }
}

impl Notifier for Fake {
    fn show(&mut self, note: &Note) -> Result<(), String> {
        thread::sleep(self.delay);
        self.shown.lock().unwrap().push(note.clone());
        self.result.clone()
    }
}

/// Counts the attempts of another notifier.
struct Counting<N> {
    inner: N,
    attempts: Arc<AtomicUsize>,
}

impl<N: Notifier> Notifier for Counting<N> {
    fn show(&mut self, note: &Note) -> Result<(), String> {
        let r = self.inner.show(note);
        self.attempts.fetch_add(1, Ordering::SeqCst);
        r
    }
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !done() {
        assert!(Instant::now() < deadline, "{what}: not within {WAIT:?}");
        thread::sleep(Duration::from_millis(5));
    }
}

fn next_report(rx: &mut UnboundedReceiver<Report>) -> Report {
    let mut got = None;
    wait_until("a report", || {
        got = rx.try_recv().ok();
        got.is_some()
    });
    got.expect("checked above")
}

#[test]
fn a_slow_notifier_does_not_delay_the_caller() {
    let (fake, shown) = Fake::new(Duration::from_secs(2), Ok(()));
    let (tx, mut reports) = unbounded_channel();
    let mut n = Notifications::start(fake, false, tx);

    let start = Instant::now();
    // More than the queue holds: once it is full, notes are dropped, still
    // without waiting.
    for i in 0..20 {
        let t = Instant::now();
        n.notify(note(i));
        assert!(t.elapsed() < QUICK, "notify {i} took {:?}", t.elapsed());
    }
    let t = Instant::now();
    n.event(&event(EventKind::Complete, Kind::Work));
    assert!(t.elapsed() < QUICK, "event took {:?}", t.elapsed());
    assert!(
        start.elapsed() < Duration::from_millis(500),
        "21 calls took {:?} with a notifier that takes 2s",
        start.elapsed()
    );

    // And the notes do arrive, in order, from the other thread.
    wait_until("the first note shown", || !shown.lock().unwrap().is_empty());
    assert_eq!(shown.lock().unwrap()[0], note(0));
    assert!(start.elapsed() >= Duration::from_secs(2));
    assert!(
        reports.try_recv().is_err(),
        "showing worked; nothing to report"
    );
}

#[test]
fn a_failing_notifier_is_reported_exactly_once() {
    let attempts = Arc::new(AtomicUsize::new(0));
    let (fake, _shown) = Fake::new(Duration::ZERO, Err("no service".into()));
    let counting = Counting {
        inner: fake,
        attempts: Arc::clone(&attempts),
    };
    let (tx, mut reports) = unbounded_channel();
    let n = Notifications::start(counting, false, tx);
    for i in 0..5 {
        n.notify(note(i));
    }
    wait_until("five attempts", || attempts.load(Ordering::SeqCst) == 5);
    assert_eq!(
        next_report(&mut reports),
        Report::Unavailable("no service".into())
    );
    // Later notes are still tried (a service may appear), quietly.
    n.notify(note(5));
    wait_until("a sixth attempt", || attempts.load(Ordering::SeqCst) == 6);
    assert!(reports.try_recv().is_err(), "reported more than once");
    assert_eq!(
        Report::Unavailable("no service".into()).to_string(),
        "desktop notifications unavailable: no service"
    );
}

/// Panics on every note.
struct Panicking;

impl Notifier for Panicking {
    fn show(&mut self, _: &Note) -> Result<(), String> {
        panic!("deliberate test panic in a notifier");
    }
}

#[test]
fn a_panicking_notifier_counts_as_unavailable_and_the_thread_goes_on() {
    let (tx, mut reports) = unbounded_channel();
    let n = Notifications::start(Panicking, false, tx);
    n.notify(note(0));
    assert!(matches!(next_report(&mut reports), Report::Unavailable(_)));
    // Still served: the channel stays open and no second report comes.
    n.notify(note(1));
    thread::sleep(Duration::from_millis(100));
    assert!(reports.try_recv().is_err());
    drop(n);
}

#[test]
fn sessions_that_run_out_notify_with_work_and_break_texts() {
    let done = note_for(&event(EventKind::Complete, Kind::Work), None, false).unwrap();
    assert_eq!(done.summary, "Pomodoro done — time for a break");
    assert_eq!(done.body, "Write report\n3/8 pomodoros today");

    let mut brk = event(EventKind::BreakEnd, Kind::ShortBreak);
    brk.task = None;
    let over = note_for(&brk, Some(EventKind::BreakStart), false).unwrap();
    assert_eq!(over.summary, "Break over — ready for the next pomodoro");
    assert_eq!(over.body, "3/8 pomodoros today");
    let long = event(EventKind::BreakEnd, Kind::LongBreak);
    assert!(note_for(&long, Some(EventKind::Complete), false).is_some());

    // No goal: a plain count.
    let mut no_goal = event(EventKind::Complete, Kind::Work);
    (no_goal.today, no_goal.goal) = (1, 0);
    assert_eq!(
        note_for(&no_goal, None, false).unwrap().body,
        "Write report\n1 pomodoro today"
    );
    no_goal.today = 4;
    assert_eq!(
        note_for(&no_goal, None, false).unwrap().body,
        "Write report\n4 pomodoros today"
    );
}

#[test]
fn skipped_or_reset_breaks_and_other_events_do_not_notify() {
    let brk = event(EventKind::BreakEnd, Kind::ShortBreak);
    assert_eq!(note_for(&brk, Some(EventKind::Skip), true), None);
    assert_eq!(note_for(&brk, Some(EventKind::Reset), true), None);
    for kind in [
        EventKind::Start,
        EventKind::Pause,
        EventKind::Resume,
        EventKind::Skip,
        EventKind::Reset,
        EventKind::BreakStart,
        EventKind::Interruption,
    ] {
        assert_eq!(
            note_for(&event(kind, Kind::Work), None, true),
            None,
            "{kind:?}"
        );
    }
}

#[test]
fn the_minute_warning_is_optional() {
    let work = event(EventKind::MinuteLeft, Kind::Work);
    assert_eq!(note_for(&work, None, false), None);
    assert_eq!(
        note_for(&work, None, true).unwrap().summary,
        "One minute left in this pomodoro"
    );
    let brk = event(EventKind::MinuteLeft, Kind::LongBreak);
    assert_eq!(
        note_for(&brk, None, true).unwrap().summary,
        "One minute left in the break"
    );
}

#[test]
fn the_handle_follows_the_event_sequence_the_core_emits() {
    let (fake, shown) = Fake::new(Duration::ZERO, Ok(()));
    let (tx, _reports) = unbounded_channel();
    let mut n = Notifications::start(fake, true, tx);
    let sequence = [
        (EventKind::Start, Kind::Work),
        (EventKind::MinuteLeft, Kind::Work),
        (EventKind::Complete, Kind::Work),
        (EventKind::BreakStart, Kind::ShortBreak),
        // The user skips the break: the core emits skip, then break_end.
        (EventKind::Skip, Kind::ShortBreak),
        (EventKind::BreakEnd, Kind::ShortBreak),
        (EventKind::Start, Kind::Work),
        (EventKind::Complete, Kind::Work),
        (EventKind::BreakStart, Kind::ShortBreak),
        // This break runs out.
        (EventKind::BreakEnd, Kind::ShortBreak),
    ];
    for (kind, phase) in sequence {
        n.event(&event(kind, phase));
    }
    wait_until("four notes", || shown.lock().unwrap().len() == 4);
    thread::sleep(Duration::from_millis(50));
    let summaries: Vec<String> = shown
        .lock()
        .unwrap()
        .iter()
        .map(|n| n.summary.clone())
        .collect();
    assert_eq!(
        summaries,
        [
            "One minute left in this pomodoro",
            "Pomodoro done — time for a break",
            "Pomodoro done — time for a break",
            "Break over — ready for the next pomodoro",
        ]
    );
}

// --- The real D-Bus notifier, in a child process ---

/// Set (to anything) in the child process the D-Bus tests start.
const CHILD_VAR: &str = "FOCUS_TEST_NOTIFY_CHILD";

/// The child's half of the D-Bus tests; does nothing in a normal run. With
/// whatever `DBUS_SESSION_BUS_ADDRESS` the parent chose, several
/// notifications through [`DBusNotifier`] must each return at once, and
/// the thread must report "unavailable" exactly once.
#[test]
fn dbus_child() {
    if std::env::var_os(CHILD_VAR).is_none() {
        return;
    }
    let attempts = Arc::new(AtomicUsize::new(0));
    let counting = Counting {
        inner: DBusNotifier,
        attempts: Arc::clone(&attempts),
    };
    let (tx, mut reports) = unbounded_channel();
    let mut n = Notifications::start(counting, true, tx);
    let start = Instant::now();
    for i in 0..3 {
        let t = Instant::now();
        n.notify(note(i));
        assert!(t.elapsed() < QUICK, "notify {i} took {:?}", t.elapsed());
    }
    n.event(&event(EventKind::Complete, Kind::Work));
    wait_until("four D-Bus attempts", || {
        attempts.load(Ordering::SeqCst) == 4
    });
    let report = next_report(&mut reports);
    println!("attempts took {:?}", start.elapsed());
    let Report::Unavailable(reason) = &report;
    assert!(!reason.is_empty());
    println!("REASON: {reason}");
    thread::sleep(Duration::from_millis(100));
    assert!(reports.try_recv().is_err(), "reported more than once");
}

/// Runs [`dbus_child`] in a child process with `bus` as the session bus
/// address and returns the reason it printed.
fn run_dbus_child(bus: &str) -> String {
    let exe = std::env::current_exe().expect("test binary path");
    let mut child = Command::new(exe)
        .args([
            "--exact",
            &crate::common::test_name(module_path!(), "dbus_child"),
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_VAR, "1")
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the child test");
    let status = wait_or_kill(&mut child, Duration::from_secs(30));
    let output = child.wait_with_output().expect("child output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        status.is_some_and(|s| s.success()) && stdout.contains("1 passed"),
        "child with DBUS_SESSION_BUS_ADDRESS={bus} failed or hung ({status:?})\nstdout: {stdout}\nstderr: {stderr}"
    );
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("REASON: "))
        .unwrap_or_else(|| panic!("no reason printed: {stdout}"))
        .to_owned()
}

/// Waits for `child` up to `limit`; kills it and returns `None` after.
fn wait_or_kill(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("wait for child") {
            return Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// A private session bus: a `dbus-daemon` of our own, killed on drop.
struct PrivateBus {
    daemon: Child,
    address: String,
    _dir: TempDir,
}

impl PrivateBus {
    fn start() -> PrivateBus {
        let dir = TempDir::new().expect("temp dir");
        // Like `dbus-daemon --session`, but with no service directories:
        // on a desktop with a notification daemon installed, the standard
        // session config would start it on demand and the test would show
        // a real notification instead of finding no server.
        let config = dir.path().join("session.conf");
        std::fs::write(&config, bus_config(&dir.path().join("bus"))).expect("write bus config");
        // Its complaints (it cannot raise its fd limit without root, …) are
        // only worth reading if it fails to start.
        let errors = dir.path().join("daemon.err");
        let mut daemon = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&errors).expect("daemon stderr file"))
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run dbus-daemon ({e}); install it (Debian: apt-get install dbus-daemon), as .ci/run does")
            });
        let mut line = String::new();
        let stdout = daemon.stdout.take().expect("daemon stdout");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the bus address");
        let address = line.trim().to_owned();
        assert!(
            address.starts_with("unix:"),
            "dbus-daemon printed no address: {line:?}; it said: {}",
            std::fs::read_to_string(&errors).unwrap_or_default()
        );
        PrivateBus {
            daemon,
            address,
            _dir: dir,
        }
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

fn bus_config(socket: &Path) -> String {
    format!(
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
        socket.display()
    )
}

#[test]
fn a_session_bus_without_a_notification_server_is_unavailable_once() {
    let bus = PrivateBus::start();
    let reason = run_dbus_child(&bus.address);
    // The bus answered: the complaint is about the missing service, not
    // the connection, so this case is really the one meant.
    assert_eq!(reason, "no notification service running");
}

#[test]
fn no_session_bus_at_all_is_unavailable_once() {
    let reason = run_dbus_child("unix:path=/nonexistent/focus-test-bus");
    // One plain line for the footer, not the library's "failed to connect
    // to unix:path=…".
    assert_eq!(reason, "no session bus");
}
