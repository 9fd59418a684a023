//! Integration tests for `focus::integrations::hooks`: the runner driven directly with
//! `Event` values, real child processes, and `/proc` to see what is left.
//!
//! Tests that start hooks hold [`SERIAL`]: they check the whole process for
//! zombie children and leftover process groups, and another test's hook
//! finishing at that moment would blur the picture. The test that looks for
//! zombie children runs in a process of its own (this test binary again),
//! because the other modules of this binary start processes too, and one of
//! theirs that has just exited is a zombie child for a moment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use focus::config::{HookCommand, Hooks};
use focus::domain::record::{InterruptionKind, Kind};
use focus::engine::model::{Event, EventKind};
use focus::integrations::hooks::{
    HookFailure, HookRunner, OUTPUT_LIMIT_BYTES, Problem, environment,
};
use tempfile::TempDir;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Generous for slow CI; every wait polls and returns as soon as it can.
const WAIT: Duration = Duration::from_secs(10);

fn event(kind: EventKind) -> Event {
    Event {
        kind,
        phase: Kind::Work,
        task: Some("Write report".into()),
        planned_secs: 1500,
        focused_secs: 1499,
        today: 3,
        goal: 8,
        interruption: None,
    }
}

/// A command that writes its whole environment to `path`, one `K=V` a line.
fn env_to(path: &Path) -> HookCommand {
    HookCommand::Exec(vec![
        "sh".into(),
        "-c".into(),
        r#"env > "$1""#.into(),
        "sh".into(),
        path.display().to_string(),
    ])
}

fn hooks_with(set: impl FnOnce(&mut Hooks)) -> Hooks {
    let mut h = Hooks::default();
    set(&mut h);
    h
}

/// A runner writing its log inside `dir`, with its failure channel.
fn runner(dir: &TempDir, hooks: Hooks) -> (HookRunner, UnboundedReceiver<HookFailure>) {
    let (tx, rx) = unbounded_channel();
    (HookRunner::new(hooks, log_of(dir), tx), rx)
}

fn log_of(dir: &TempDir) -> PathBuf {
    dir.path().join("state/focus/hooks.log")
}

/// Waits until every hook of `r` has ended and been reaped.
fn settle(r: &HookRunner) {
    let deadline = Instant::now() + WAIT;
    while r.running() > 0 {
        assert!(
            Instant::now() < deadline,
            "{} hook(s) still running after {WAIT:?}",
            r.running()
        );
        thread::sleep(Duration::from_millis(10));
    }
}

/// The next failure report, waiting for it.
fn next_failure(rx: &mut UnboundedReceiver<HookFailure>) -> HookFailure {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Ok(f) = rx.try_recv() {
            return f;
        }
        assert!(
            Instant::now() < deadline,
            "no failure reported within {WAIT:?}"
        );
        thread::sleep(Duration::from_millis(10));
    }
}

fn read_env(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("hook did not write {}: {e}", path.display()));
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The `FOCUS_*` part of an environment.
fn focus_vars(env: &BTreeMap<String, String>) -> BTreeMap<&str, &str> {
    env.iter()
        .filter(|(k, _)| k.starts_with("FOCUS_"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// Fields 3 (state), 4 (ppid) and 5 (pgrp) of `/proc/PID/stat`, for every
/// process; the command name in parentheses may hold spaces, so fields are
/// counted after the last `)`.
fn processes() -> Vec<(u32, char, u32, u32)> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| {
        let pid: u32 = e.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let mut rest = stat.rsplit_once(')')?.1.split_whitespace();
        let state = rest.next()?.chars().next()?;
        let ppid = rest.next()?.parse().ok()?;
        let pgrp = rest.next()?.parse().ok()?;
        Some((pid, state, ppid, pgrp))
    })
    .collect()
}

/// Children of this test process that have exited but not been reaped.
fn zombie_children() -> Vec<u32> {
    let me = std::process::id();
    processes()
        .into_iter()
        .filter(|&(_, state, ppid, _)| ppid == me && state == 'Z')
        .map(|(pid, ..)| pid)
        .collect()
}

/// Live (not zombie) processes in process group `pgid`.
fn live_in_group(pgid: u32) -> Vec<u32> {
    processes()
        .into_iter()
        .filter(|&(_, state, _, pgrp)| pgrp == pgid && state != 'Z' && state != 'X')
        .map(|(pid, ..)| pid)
        .collect()
}

fn wait_for_file(path: &Path) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && text.ends_with('\n')
        {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{} not written within {WAIT:?}",
            path.display()
        );
        thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn every_event_kind_runs_its_hook_with_the_documented_environment() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let file = |k: EventKind| dir.path().join(format!("{}.env", k.name()));
    let hooks = hooks_with(|h| {
        h.on_start = Some(env_to(&file(EventKind::Start)));
        h.on_pause = Some(env_to(&file(EventKind::Pause)));
        h.on_resume = Some(env_to(&file(EventKind::Resume)));
        h.on_complete = Some(env_to(&file(EventKind::Complete)));
        h.on_skip = Some(env_to(&file(EventKind::Skip)));
        h.on_reset = Some(env_to(&file(EventKind::Reset)));
        h.on_break_start = Some(env_to(&file(EventKind::BreakStart)));
        h.on_break_end = Some(env_to(&file(EventKind::BreakEnd)));
        h.on_interruption = Some(env_to(&file(EventKind::Interruption)));
        h.on_minute_left = Some(env_to(&file(EventKind::MinuteLeft)));
    });
    let (r, mut failures) = runner(&dir, hooks);
    assert!(!r.is_empty());

    // Each kind gets its own values, so a hook fed another event's data (or
    // a stale variable) is caught.
    let phases = [Kind::Work, Kind::ShortBreak, Kind::LongBreak];
    let events: Vec<Event> = EventKind::ALL
        .iter()
        .enumerate()
        .map(|(i, &kind)| Event {
            kind,
            phase: phases[i % 3],
            task: (i % 2 == 0).then(|| format!("task {i}: $HOME; `x` ü")),
            planned_secs: 100 + i as u64,
            focused_secs: 50 + i as u64,
            today: i as u32,
            goal: 8 + i as u32,
            interruption: (kind == EventKind::Interruption)
                .then(|| (InterruptionKind::External, Some("phone; call".into()))),
        })
        .collect();
    for e in &events {
        assert!(r.fire(e), "{:?} has a hook", e.kind);
    }
    settle(&r);

    for (i, e) in events.iter().enumerate() {
        let env = read_env(&file(e.kind));
        let mut expected: BTreeMap<&str, String> = BTreeMap::from([
            ("FOCUS_EVENT", e.kind.name().to_owned()),
            (
                "FOCUS_PHASE",
                ["work", "short_break", "long_break"][i % 3].to_owned(),
            ),
            ("FOCUS_TASK", e.task.clone().unwrap_or_default()),
            ("FOCUS_PLANNED_SECS", (100 + i).to_string()),
            ("FOCUS_FOCUSED_SECS", (50 + i).to_string()),
            ("FOCUS_TODAY_COUNT", i.to_string()),
            ("FOCUS_DAILY_GOAL", (8 + i).to_string()),
        ]);
        if e.kind == EventKind::Interruption {
            expected.insert("FOCUS_INTERRUPTION_KIND", "external".into());
            expected.insert("FOCUS_INTERRUPTION_NOTE", "phone; call".into());
        }
        let got = focus_vars(&env);
        let expected: BTreeMap<&str, &str> =
            expected.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(got, expected, "environment of the {} hook", e.kind.name());
        // The rest of the environment is focus's own, passed on.
        assert!(
            env.contains_key("PATH"),
            "PATH missing for {}",
            e.kind.name()
        );
    }
    assert!(failures.try_recv().is_err(), "no hook failed");
    // The public helper says the same as what the hooks saw.
    let documented: Vec<&str> = environment(&events[0]).iter().map(|(k, _)| *k).collect();
    assert_eq!(
        documented,
        [
            "FOCUS_EVENT",
            "FOCUS_PHASE",
            "FOCUS_TASK",
            "FOCUS_PLANNED_SECS",
            "FOCUS_FOCUSED_SECS",
            "FOCUS_TODAY_COUNT",
            "FOCUS_DAILY_GOAL"
        ]
    );
}

#[test]
fn hostile_titles_and_notes_reach_hooks_escaped() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    // An OSC 52 clipboard write, an escape sequence, the 8-bit CSI, a bidi
    // override and a NUL, as a hand-edited snapshot could hold them.
    let hostile = "Report\x1b]52;c;aGk=\x07 \x1b[2J\u{9b}1m \u{202e}evil\u{2066}\0end";
    let shown =
        "Report\u{FFFD}]52;c;aGk=\u{FFFD} \u{FFFD}[2J\u{FFFD}1m \u{FFFD}evil\u{FFFD}\u{FFFD}end";
    let mut e = event(EventKind::Interruption);
    e.task = Some(hostile.into());
    e.interruption = Some((InterruptionKind::External, Some(format!("{hostile}\nline"))));
    let env: BTreeMap<&str, String> = environment(&e).into_iter().collect();
    assert_eq!(env["FOCUS_TASK"], shown);
    assert_eq!(env["FOCUS_INTERRUPTION_NOTE"], format!("{shown} line"));

    // A real hook gets the same: the NUL no longer stops it from starting.
    let file = dir.path().join("interruption.env");
    let hooks = hooks_with(|h| h.on_interruption = Some(env_to(&file)));
    let (r, mut failures) = runner(&dir, hooks);
    assert!(r.fire(&e));
    settle(&r);
    assert!(failures.try_recv().is_err(), "the hook ran");
    let got = read_env(&file);
    assert_eq!(got["FOCUS_TASK"], shown);
    assert_eq!(got["FOCUS_INTERRUPTION_NOTE"], format!("{shown} line"));
}

#[test]
fn an_event_without_a_hook_runs_nothing() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("start.env");
    let (r, _failures) = runner(&dir, hooks_with(|h| h.on_start = Some(env_to(&out))));
    assert!(!r.fire(&event(EventKind::Complete)));
    assert_eq!(r.running(), 0);
    let (empty, _f) = runner(&dir, Hooks::default());
    assert!(empty.is_empty());
    assert!(!empty.fire(&event(EventKind::Start)));
    assert!(!log_of(&dir).exists(), "nothing ran, nothing logged");
}

#[test]
fn an_array_command_gets_its_arguments_without_a_shell() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let args = [
        "$HOME",
        "a; touch pwned",
        "*",
        "$(id)",
        "'quoted'",
        "two words",
    ];
    let mut argv = vec!["printf".to_owned(), "<%s>".to_owned()];
    argv.extend(args.iter().map(|s| s.to_string()));
    let (r, mut failures) = runner(
        &dir,
        hooks_with(|h| h.on_complete = Some(HookCommand::Exec(argv))),
    );
    assert!(r.fire(&event(EventKind::Complete)));
    settle(&r);
    let log = std::fs::read_to_string(log_of(&dir)).unwrap();
    let expected: String = args.iter().map(|a| format!("<{a}>")).collect();
    assert!(
        log.contains(&expected),
        "arguments changed on the way: {log}"
    );
    assert!(!dir.path().join("pwned").exists());
    assert!(failures.try_recv().is_err());
}

#[test]
fn a_string_command_runs_through_sh_c() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out.txt");
    let line = format!(
        r#"echo "$FOCUS_EVENT:$FOCUS_TASK" > '{0}'; for w in a b; do echo "$w" >> '{0}'; done"#,
        out.display()
    );
    let (r, mut failures) = runner(
        &dir,
        hooks_with(|h| h.on_break_start = Some(HookCommand::Shell(line))),
    );
    assert!(r.fire(&event(EventKind::BreakStart)));
    settle(&r);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "break_start:Write report\na\nb\n"
    );
    assert!(failures.try_recv().is_err());
}

#[test]
fn a_slow_hook_does_not_delay_the_caller_and_dies_with_its_group_at_the_timeout() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let pid_file = dir.path().join("pid");
    // The shell records its pid (= its process group) and waits on a
    // `sleep` child: killing only the shell would leave `sleep` behind.
    let line = format!("echo $$ > '{}'; sleep 60; echo never", pid_file.display());
    let hooks = Hooks {
        on_complete: Some(HookCommand::Shell(line)),
        timeout: Duration::from_secs(1),
        ..Hooks::default()
    };
    let (r, mut failures) = runner(&dir, hooks);

    let before = Instant::now();
    assert!(r.fire(&event(EventKind::Complete)));
    let took = before.elapsed();
    assert!(took < Duration::from_millis(100), "fire took {took:?}");
    assert_eq!(r.running(), 1);

    let pgid: u32 = wait_for_file(&pid_file).trim().parse().unwrap();
    // While it runs, the group holds the shell and its sleep.
    assert!(
        live_in_group(pgid).len() >= 2,
        "expected sh and sleep in group {pgid}: {:?}",
        live_in_group(pgid)
    );

    let failure = next_failure(&mut failures);
    let after = before.elapsed();
    assert_eq!(failure.event, EventKind::Complete);
    assert_eq!(failure.problem, Problem::TimedOut(Duration::from_secs(1)));
    assert!(
        after >= Duration::from_secs(1) && after < Duration::from_secs(5),
        "killed after {after:?}, timeout 1s"
    );
    assert!(
        failure
            .to_string()
            .starts_with("hook on_complete failed: timed out after 1s, killed (see "),
        "{failure}"
    );
    settle(&r);
    // Every process of the group is gone: the sleep died with the shell.
    let deadline = Instant::now() + WAIT;
    while !live_in_group(pgid).is_empty() {
        assert!(
            Instant::now() < deadline,
            "left in group {pgid}: {:?}",
            live_in_group(pgid)
        );
        thread::sleep(Duration::from_millis(10));
    }
    let log = std::fs::read_to_string(log_of(&dir)).unwrap();
    assert!(
        !log.lines().any(|l| l == "never"),
        "the hook ran past its timeout: {log}"
    );
    assert!(
        log.contains("on_complete] timed out after 1s, killed (ran 1."),
        "{log}"
    );
}

#[test]
fn a_failing_hook_is_reported_with_its_event_and_status() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let hooks = hooks_with(|h| {
        h.on_complete = Some(HookCommand::Exec(vec![
            "sh".into(),
            "-c".into(),
            "echo broken >&2; exit 3".into(),
        ]));
        h.on_skip = Some(HookCommand::Exec(vec!["/nonexistent/focus-hook".into()]));
        h.on_pause = Some(HookCommand::Shell("kill -TERM $$".into()));
    });
    let (r, mut failures) = runner(&dir, hooks);

    r.fire(&event(EventKind::Complete));
    let f = next_failure(&mut failures);
    assert_eq!(
        (f.event, &f.problem),
        (EventKind::Complete, &Problem::Exit(3))
    );
    assert_eq!(f.log, log_of(&dir).display().to_string());
    assert_eq!(
        f.to_string(),
        format!(
            "hook on_complete failed: exit 3 (see {})",
            log_of(&dir).display()
        )
    );

    r.fire(&event(EventKind::Skip));
    let f = next_failure(&mut failures);
    assert_eq!(f.event, EventKind::Skip);
    assert!(matches!(f.problem, Problem::Spawn(_)), "{f:?}");
    assert!(
        f.to_string()
            .starts_with("hook on_skip failed: cannot start it: "),
        "{f}"
    );

    r.fire(&event(EventKind::Pause));
    let f = next_failure(&mut failures);
    assert_eq!(
        (f.event, &f.problem),
        (EventKind::Pause, &Problem::Signal(15))
    );

    settle(&r);
    assert!(failures.try_recv().is_err(), "one report per failure");
    let log = std::fs::read_to_string(log_of(&dir)).unwrap();
    assert!(log.contains("broken\n"), "stderr goes to the log: {log}");
    assert!(log.contains("on_complete] exit 3 (ran "), "{log}");
    assert!(log.contains("on_skip] cannot start: "), "{log}");
}

/// Set in the child process [`alone`] starts.
const ALONE_ENV: &str = "FOCUS_TEST_HOOKS_ALONE";

/// Whether the caller, the test `name` of this module, should go on and
/// check: true in the process of its own that this starts for it (this test
/// binary again, running only `name`), false in the test process, once that
/// child has passed.
fn alone(name: &str) -> bool {
    if std::env::var_os(ALONE_ENV).is_some() {
        return true;
    }
    let out = Command::new(std::env::current_exe().expect("test binary path"))
        .args([
            "--exact",
            &crate::common::test_name(module_path!(), name),
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ALONE_ENV, "1")
        .output()
        .expect("run the test in a process of its own");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{name} alone: {}\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    false
}

#[test]
fn finished_hooks_leave_no_zombies() {
    if !alone("finished_hooks_leave_no_zombies") {
        return;
    }
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let hooks = hooks_with(|h| {
        h.on_start = Some(HookCommand::Exec(vec!["true".into()]));
        h.on_pause = Some(HookCommand::Exec(vec!["false".into()]));
        h.on_resume = Some(HookCommand::Shell("sleep 0.2".into()));
        // A hook that leaves a background child behind: that child is the
        // hook's business (it is re-parented), not a zombie of ours.
        h.on_skip = Some(HookCommand::Shell("sleep 0.3 &".into()));
    });
    let (r, _failures) = runner(&dir, hooks);
    for _ in 0..5 {
        for kind in [
            EventKind::Start,
            EventKind::Pause,
            EventKind::Resume,
            EventKind::Skip,
        ] {
            r.fire(&event(kind));
        }
    }
    settle(&r);
    assert_eq!(zombie_children(), Vec::<u32>::new(), "zombie children left");
    // Still none a little later, when the background sleeps have ended.
    thread::sleep(Duration::from_millis(500));
    assert_eq!(zombie_children(), Vec::<u32>::new(), "zombie children left");
}

#[test]
fn the_hook_log_gets_a_header_the_output_and_the_status() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let hooks = hooks_with(|h| {
        h.on_start = Some(HookCommand::Exec(vec![
            "sh".into(),
            "-c".into(),
            r#"echo "out: $FOCUS_TASK"; echo "err: $FOCUS_EVENT" >&2"#.into(),
        ]));
    });
    let (r, _failures) = runner(&dir, hooks);
    r.fire(&event(EventKind::Start));
    settle(&r);
    r.fire(&event(EventKind::Start));
    settle(&r);
    let log = std::fs::read_to_string(log_of(&dir)).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 8, "{log}");
    for (run, chunk) in lines.chunks(4).enumerate() {
        let tag = format!("[#{} ", run + 1);
        // [#1 2026-03-02 09:00:00+01:00 on_start] start ["sh", "-c", "…"]
        assert!(chunk[0].starts_with(&tag), "{log}");
        assert!(
            chunk[0].contains(r#" on_start] start ["sh", "-c", "echo \"out: $FOCUS_TASK\";"#),
            "{log}"
        );
        let time = chunk[0][tag.len()..].split(" on_start]").next().unwrap();
        assert!(
            chrono::DateTime::parse_from_str(time, "%Y-%m-%d %H:%M:%S%:z").is_ok(),
            "bad time {time:?} in {log}"
        );
        let mut output = [chunk[1], chunk[2]];
        output.sort_unstable();
        assert_eq!(output, ["err: start", "out: Write report"], "{log}");
        assert!(chunk[3].starts_with(&tag), "{log}");
        assert!(chunk[3].contains(" on_start] exit 0 (ran "), "{log}");
        assert!(chunk[3].contains("s, pid "), "{log}");
    }
}

#[test]
fn stdin_is_empty() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("stdin.txt");
    // `cat` would block forever on a terminal or an open pipe.
    let line = format!("cat > '{}'", out.display());
    let hooks = Hooks {
        on_start: Some(HookCommand::Shell(line)),
        timeout: Duration::from_secs(5),
        ..Hooks::default()
    };
    let (r, mut failures) = runner(&dir, hooks);
    r.fire(&event(EventKind::Start));
    settle(&r);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "");
    assert!(failures.try_recv().is_err());
}

#[test]
fn an_unwritable_log_is_reported_once_and_hooks_still_run() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    // The log's directory is a file, so the log cannot be created.
    let blocker = dir.path().join("state");
    std::fs::write(&blocker, "not a directory").unwrap();
    let out = dir.path().join("ran");
    let hooks = hooks_with(|h| {
        h.on_start = Some(HookCommand::Exec(vec![
            "touch".into(),
            out.display().to_string(),
        ]))
    });
    let (r, mut failures) = runner(&dir, hooks);
    r.fire(&event(EventKind::Start));
    r.fire(&event(EventKind::Start));
    settle(&r);
    assert!(out.exists(), "the hook ran anyway");
    let f = next_failure(&mut failures);
    assert!(matches!(f.problem, Problem::Log(_)), "{f:?}");
    assert!(
        f.to_string()
            .starts_with("hook on_start: cannot write the hook log ("),
        "{f}"
    );
    assert!(failures.try_recv().is_err(), "told once");
}

/// The hook log's size, 0 when there is none.
fn log_size(dir: &TempDir) -> u64 {
    std::fs::metadata(log_of(dir)).map_or(0, |m| m.len())
}

#[test]
fn an_endless_printer_fills_no_disk_and_ends_at_its_timeout() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let pid_file = dir.path().join("pid");
    // `yes` prints as fast as the pipe takes it, and never stops.
    let line = format!("echo $$ > '{}'; yes focus", pid_file.display());
    let hooks = Hooks {
        on_complete: Some(HookCommand::Shell(line)),
        timeout: Duration::from_secs(1),
        ..Hooks::default()
    };
    let (r, mut failures) = runner(&dir, hooks);
    let before = Instant::now();
    assert!(r.fire(&event(EventKind::Complete)));
    let pgid: u32 = wait_for_file(&pid_file).trim().parse().unwrap();
    let failure = next_failure(&mut failures);
    assert_eq!(failure.problem, Problem::TimedOut(Duration::from_secs(1)));
    settle(&r);
    let took = before.elapsed();
    assert!(took < Duration::from_secs(5), "ran {took:?}, timeout 1s");
    // Every process of the hook is gone.
    let deadline = Instant::now() + WAIT;
    while !live_in_group(pgid).is_empty() {
        assert!(
            Instant::now() < deadline,
            "left in group {pgid}: {:?}",
            live_in_group(pgid)
        );
        thread::sleep(Duration::from_millis(10));
    }
    // The log holds the cap's worth of output, a line saying the rest was
    // dropped, and the run's end: a few lines more than the cap, not the
    // gigabytes `yes` printed in that second.
    let size = log_size(&dir);
    assert!(
        size <= (OUTPUT_LIMIT_BYTES + 1024) as u64,
        "hooks.log is {size} bytes"
    );
    let log = std::fs::read(log_of(&dir)).unwrap();
    let log = String::from_utf8_lossy(&log);
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines[0].contains(" on_complete] start "), "{}", lines[0]);
    // The output as printed, the last line maybe cut short by the cap.
    let output = &lines[1..lines.len() - 2];
    assert!(output.len() > 1000, "{} lines kept", output.len());
    assert!(output.iter().all(|l| "focus".starts_with(l)), "{output:?}");
    assert!(
        lines[lines.len() - 2].ends_with(
            " on_complete] … output truncated after 64 KiB; the rest was read and dropped"
        ),
        "{}",
        lines[lines.len() - 2]
    );
    assert!(
        lines[lines.len() - 1].contains(" on_complete] timed out after 1s, killed (ran "),
        "{}",
        lines[lines.len() - 1]
    );
    // The next run starts a fresh allowance, and the log stays bounded.
    assert!(r.fire(&event(EventKind::Complete)));
    next_failure(&mut failures);
    settle(&r);
    let size = log_size(&dir);
    assert!(
        size <= 2 * (OUTPUT_LIMIT_BYTES + 1024) as u64,
        "hooks.log is {size} bytes"
    );
}

#[test]
fn a_hook_printing_more_than_the_cap_is_not_held_up_by_it() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    // 4 MiB, far more than the cap and than a pipe holds, then an exit:
    // the output is read (and dropped) as it comes, so the hook finishes
    // in its own time instead of blocking on a full pipe until killed.
    let hooks = Hooks {
        on_start: Some(HookCommand::Shell(
            "head -c 4194304 /dev/zero | tr '\\0' x; echo; echo done >&2; exit 4".into(),
        )),
        timeout: Duration::from_secs(10),
        ..Hooks::default()
    };
    let (r, mut failures) = runner(&dir, hooks);
    let before = Instant::now();
    r.fire(&event(EventKind::Start));
    let f = next_failure(&mut failures);
    assert_eq!(f.problem, Problem::Exit(4), "ran to its end");
    settle(&r);
    assert!(
        before.elapsed() < Duration::from_secs(8),
        "{:?}",
        before.elapsed()
    );
    let log = std::fs::read_to_string(log_of(&dir)).unwrap();
    assert!(
        log.len() <= OUTPUT_LIMIT_BYTES + 1024,
        "{} bytes",
        log.len()
    );
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 4, "{log}");
    // Exactly the cap's worth of the output, then the line saying so on a
    // line of its own, then how the run ended.
    assert_eq!(lines[1], "x".repeat(OUTPUT_LIMIT_BYTES));
    assert!(
        lines[2]
            .ends_with(" on_start] … output truncated after 64 KiB; the rest was read and dropped"),
        "{}",
        lines[2]
    );
    assert!(lines[3].contains(" on_start] exit 4 (ran "), "{}", lines[3]);
}

#[test]
fn a_child_left_holding_the_output_does_not_hold_the_run() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    // The background sleep keeps the output pipe open long after the hook
    // itself has ended; the run ends with the hook, with its output.
    let hooks = Hooks {
        on_start: Some(HookCommand::Shell(
            "(sleep 3; echo late) & echo main".into(),
        )),
        timeout: Duration::from_secs(10),
        ..Hooks::default()
    };
    let (r, mut failures) = runner(&dir, hooks);
    let before = Instant::now();
    r.fire(&event(EventKind::Start));
    settle(&r);
    assert!(
        before.elapsed() < Duration::from_secs(2),
        "the run waited for the background child: {:?}",
        before.elapsed()
    );
    assert!(failures.try_recv().is_err());
    let log = std::fs::read_to_string(log_of(&dir)).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    assert_eq!(lines[1], "main");
    assert!(lines[2].contains(" on_start] exit 0 (ran "), "{log}");
}
