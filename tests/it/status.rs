//! `focus status` in every format, run as the real binary against snapshots
//! written into an isolated state dir.
//!
//! The snapshots come from a model driven through the core at simulated
//! times, then moved onto the real session clock: `focus status` reads the
//! real clock, so its answers are checked with a second of tolerance.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use chrono::Local;
use common::{Sim, settings};
use focus::domain::time::day_of;
use focus::engine::status::{State, Status};
use focus::engine::{Command as CoreCommand, Msg};
use focus::store::lock::InstanceLock;
use focus::store::log::SessionLog;
use focus::store::snapshot::{self, SNAPSHOT_VERSION, Snapshot};
use serde_json::Value;
use tempfile::TempDir;

/// A throwaway home: every XDG dir inside it, default config.
struct Home {
    dir: TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::Builder::new()
                .prefix("focus-status-")
                .tempdir()
                .unwrap(),
        }
    }

    fn state_dir(&self) -> PathBuf {
        self.dir.path().join("state/focus")
    }

    /// The binary with only this home's environment (plus `TZ`, so "today"
    /// agrees with this process), nothing inherited like `NO_COLOR`.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = crate::common::isolated_focus(self.dir.path());
        cmd.args(args);
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Stdout of a run that must succeed.
    fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "focus {args:?}: {:?}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(self.stdout(args).trim()).unwrap()
    }

    /// Saves the simulation's timer as the TUI would, as of now on the real
    /// clocks: the simulated session clock is shifted onto the real one, so
    /// a session `n` seconds from its end in the simulation is `n` seconds
    /// from its end now.
    fn save(&self, sim: &Sim) {
        let real = focus::tui::clock::now();
        let mut timer = sim.model.timer.clone();
        timer.rebase(real.mono.0 as i64 - sim.model.now.mono.0 as i64);
        let snap = Snapshot {
            v: SNAPSHOT_VERSION,
            pid: 1,
            boot_id: snapshot::boot_id(),
            saved_at: real.wall,
            saved_mono: real.mono,
            timer,
            task: sim.model.task.clone(),
            unsaved: Vec::new(),
        };
        snapshot::save(&self.state_dir().join("state.json"), &snap).unwrap();
    }

    /// Gives the saved session and the TUI's current task `title`, as a
    /// hand edit of the snapshot (or an older version) could.
    fn retitle(&self, title: &str) {
        let path = self.state_dir().join("state.json");
        let mut snap: Snapshot =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for task in [
            snap.task.as_mut(),
            snap.timer.session.as_mut().and_then(|s| s.task.as_mut()),
        ]
        .into_iter()
        .flatten()
        {
            task.title = title.into();
        }
        snapshot::save(&path, &snap).unwrap();
    }

    /// Appends the simulation's finished sessions to the log.
    fn append_log(&self, sim: &Sim) {
        let log = SessionLog::new(self.dir.path().join("data/focus/sessions.jsonl"));
        for r in &sim.log {
            log.append(r).unwrap();
        }
    }
}

/// A simulation whose wall clock starts `secs_ago` seconds before now, so
/// at `t = secs_ago` it is now.
fn sim_started(secs_ago: i64) -> Sim {
    let start = Local::now().fixed_offset() - chrono::Duration::seconds(secs_ago);
    Sim::new(settings(), &start.to_rfc3339())
}

fn set_task(sim: &mut Sim, title: &str, t: f64) {
    sim.send(Msg::Command(CoreCommand::SetTask(Some(title.into()))), t);
}

/// A pomodoro for "Write report" started 100 s ago, still running.
fn running(home: &Home) {
    let mut sim = sim_started(100);
    set_task(&mut sim, "Write report", 0.0);
    sim.key(' ', 0.0);
    sim.tick(100.0);
    home.save(&sim);
}

/// `MM:SS` for every second within one of `secs`.
fn clocks_near(secs: u64) -> Vec<String> {
    (secs - 1..=secs + 1)
        .map(|s| format!("{:02}:{:02}", s / 60, s % 60))
        .collect()
}

fn assert_near(value: &Value, want: u64) {
    let got = value
        .as_u64()
        .unwrap_or_else(|| panic!("not a number: {value}"));
    assert!(got.abs_diff(want) <= 1, "{got} is not within 1 of {want}");
}

#[test]
fn a_running_pomodoro_in_every_format() {
    let home = Home::new();
    running(&home);

    let line = home.stdout(&["status"]);
    assert!(
        clocks_near(1400)
            .iter()
            .any(|c| line == format!("🍅 {c} Write report (0/8)\n")),
        "{line:?}"
    );

    let j = home.json(&["status", "--json"]);
    assert_eq!(j["state"], "running");
    assert_eq!(j["phase"], "work");
    assert_near(&j["remaining_secs"], 1400);
    assert_eq!(j["planned_secs"], 1500);
    assert_near(&j["percent"], 6);
    assert_eq!(j["task"], "Write report");
    assert_eq!(j["today"], 0);
    assert_eq!(j["goal"], 8);
    assert_eq!(j["pid"], Value::Null);

    let f = home.stdout(&[
        "status",
        "--format",
        "{icon}|{remaining}|{phase}|{state}|{percent}|{today}/{goal}|{task}|{{x}}",
    ]);
    let fields: Vec<&str> = f.trim_end().split('|').collect();
    assert_eq!(fields.len(), 8, "{f:?}");
    assert_eq!(fields[0], "🍅");
    assert!(clocks_near(1400).contains(&fields[1].to_string()), "{f:?}");
    assert_eq!(&fields[2..4], ["work", "running"]);
    assert!(["6", "7"].contains(&fields[4]), "{f:?}");
    assert_eq!(&fields[5..], ["0/8", "Write report", "{x}"]);

    let w = home.json(&["status", "--waybar"]);
    for key in ["text", "tooltip", "class", "percentage"] {
        assert!(w.get(key).is_some(), "waybar output lacks {key}: {w}");
    }
    assert_eq!(w["class"], serde_json::json!(["running", "work"]));
    assert!(w["text"].as_str().unwrap().starts_with("🍅 "), "{w}");
    assert!(
        w["tooltip"].as_str().unwrap().contains("Write report"),
        "{w}"
    );
    assert_near(&w["percentage"], 6);

    let w = home.json(&["status", "--waybar", "--format", "{remaining}"]);
    assert!(
        clocks_near(1400).contains(&w["text"].as_str().unwrap().to_string()),
        "{w}"
    );
}

#[test]
fn paused_shows_the_pause_sign_and_does_not_move() {
    let home = Home::new();
    let mut sim = sim_started(600);
    sim.key(' ', 0.0);
    sim.key(' ', 60.0);
    sim.tick(600.0);
    home.save(&sim);
    assert_eq!(home.stdout(&["status"]), "⏸ 24:00 (0/8)\n");
    let j = home.json(&["status", "--json"]);
    assert_eq!(j["state"], "paused");
    assert_eq!(j["remaining_secs"], 1440);
    assert_eq!(j["percent"], 4);
    assert_eq!(
        home.json(&["status", "--waybar"])["class"],
        serde_json::json!(["paused", "work"])
    );
}

#[test]
fn a_break_after_a_finished_pomodoro_counts_it_today() {
    let home = Home::new();
    let mut sim = sim_started(1560);
    sim.key(' ', 0.0);
    sim.tick(1500.0); // the pomodoro ends; the break starts by itself
    sim.tick(1560.0);
    home.save(&sim);
    home.append_log(&sim);
    assert_eq!(sim.log.len(), 1);
    // It ended a minute ago: yesterday only if midnight came since.
    let today_day = day_of(Local::now().fixed_offset(), chrono::NaiveTime::MIN);
    let today = u32::from(day_of(sim.log[0].ended_at, chrono::NaiveTime::MIN) == today_day);

    let line = home.stdout(&["status"]);
    assert!(
        clocks_near(240)
            .iter()
            .any(|c| line == format!("☕ {c} ({today}/8)\n")),
        "{line:?}"
    );
    let f = home.stdout(&["status", "--format", "{phase}:{state}:{today}"]);
    assert_eq!(f, format!("short break:running:{today}\n"));
    let w = home.json(&["status", "--waybar"]);
    assert_eq!(w["class"], serde_json::json!(["running", "short_break"]));
}

#[test]
fn ready_while_a_tui_holds_the_lock() {
    let home = Home::new();
    let mut sim = sim_started(0);
    set_task(&mut sim, "Plan", 0.0);
    home.save(&sim);
    // This process stands in for the TUI: the lock is what tells.
    let _lock = InstanceLock::acquire(&home.state_dir().join("focus.lock")).unwrap();
    assert_eq!(home.stdout(&["status"]), "⏹ 25:00 Plan (0/8)\n");
    let j = home.json(&["status", "--json"]);
    assert_eq!(j["state"], "ready");
    assert_eq!(j["pid"], std::process::id());
    assert_eq!(j["percent"], 0);
}

#[test]
fn with_nothing_running_it_says_idle_and_succeeds() {
    let home = Home::new();
    let idle = |home: &Home| {
        assert_eq!(home.stdout(&["status"]), "idle (0/8 today)\n");
        assert_eq!(
            home.stdout(&["status", "--format", "[{state}|{remaining}|{icon}|{today}]"]),
            "[idle|||0]\n"
        );
        assert_eq!(home.json(&["status", "--json"])["state"], "idle");
        let w = home.json(&["status", "--waybar"]);
        assert_eq!(w["text"], "", "an empty text hides the module: {w}");
        assert_eq!(w["class"][0], "idle");
        assert!(
            w["tooltip"].as_str().unwrap().contains("not running"),
            "{w}"
        );
    };
    // No snapshot at all: focus never ran here.
    idle(&home);
    // A snapshot of a waiting timer, but its TUI has quit.
    home.save(&sim_started(0));
    idle(&home);
}

#[test]
fn an_unknown_placeholder_is_a_usage_error_naming_it() {
    let home = Home::new();
    let out = home.run(&["status", "--format", "{icon} {remianing} {tsak}"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("{remianing}") && err.contains("{tsak}"),
        "{err}"
    );
    assert!(
        err.contains("{remaining}"),
        "the known ones are listed: {err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn no_escape_codes_with_no_color_or_into_a_pipe() {
    let home = Home::new();
    let mut sim = sim_started(100);
    set_task(&mut sim, "placeholder", 0.0);
    sim.key(' ', 0.0);
    sim.tick(100.0);
    // A title with an escape sequence, an OSC 52 clipboard write, the
    // 8-bit CSI and bidi overrides must reach no status bar as such. The
    // engine cleans titles as they come in, so this one is put in the
    // snapshot as a hand edit (or an older version) would.
    let hostile =
        "red \x1b[31malert\x1b[0m\nnext \x1b]52;c;aGk=\x07\u{9b}2J \u{202e}txt.exe\u{2066}";
    home.save(&sim);
    home.retitle(hostile);
    let views: [&[&str]; 5] = [
        &["status"],
        &["status", "--json"],
        &["status", "--waybar"],
        &["status", "--format", "{icon} {task} {remaining}"],
        &["--color", "always", "status"],
    ];
    for args in views {
        for no_color in [true, false] {
            let mut cmd = home.command(args);
            if no_color {
                cmd.env("NO_COLOR", "1");
            }
            let out = cmd.output().unwrap();
            assert!(out.status.success(), "{args:?}");
            let text = String::from_utf8(out.stdout).unwrap();
            let raw = text.trim_end_matches('\n').chars().find(|&c| {
                c.is_control()
                    || ('\u{2066}'..='\u{2069}').contains(&c)
                    || ('\u{202a}'..='\u{202e}').contains(&c)
            });
            assert_eq!(raw, None, "{args:?} NO_COLOR={no_color}: {text:?}");
            assert_eq!(text.lines().count(), 1, "{args:?}: {text:?}");
            assert!(
                text.contains('\u{FFFD}') || text.contains("\\u202e"),
                "{args:?}: the title is shown, escaped: {text:?}"
            );
        }
    }
    // JSON keeps the title as it is, escaped the JSON way.
    assert_eq!(home.json(&["status", "--json"])["task"], hostile);
}

/// Reads lines from a `--follow` child, failing the test if one takes more
/// than a few seconds.
fn next_line(lines: &std::sync::mpsc::Receiver<String>) -> String {
    lines
        .recv_timeout(Duration::from_secs(5))
        .expect("a --follow line within 5 s")
}

fn spawn_follow(
    home: &Home,
    format: &str,
) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    let mut child = home
        .command(&["status", "--follow", "--format", format])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

fn seconds(clock: &str) -> u64 {
    let (m, s) = clock.split_once(':').unwrap();
    m.parse::<u64>().unwrap() * 60 + s.parse::<u64>().unwrap()
}

#[test]
fn follow_counts_down_a_line_a_second_and_sees_new_snapshots() {
    let home = Home::new();
    running(&home);
    let (child, lines) = spawn_follow(&home, "{state} {remaining}");
    let first = next_line(&lines);
    let started = Instant::now();
    let second = next_line(&lines);
    let third = next_line(&lines);
    let took = started.elapsed();
    let secs = |l: &str| {
        seconds(
            l.strip_prefix("running ")
                .unwrap_or_else(|| panic!("{l:?}")),
        )
    };
    assert_eq!(secs(&first) - secs(&second), 1, "{first:?} then {second:?}");
    assert_eq!(secs(&second) - secs(&third), 1, "{second:?} then {third:?}");
    // Two intervals on second boundaries: about two seconds, not drifting.
    assert!(
        took > Duration::from_millis(1500) && took < Duration::from_millis(3000),
        "{took:?}"
    );

    // The TUI pauses: the next lines say so.
    let mut sim = sim_started(200);
    sim.key(' ', 0.0);
    sim.key(' ', 100.0);
    sim.tick(200.0);
    home.save(&sim);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if next_line(&lines) == "paused 23:20" {
            break;
        }
        assert!(Instant::now() < deadline, "never saw the paused snapshot");
    }

    // SIGINT ends it quietly and successfully.
    let pid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::INT).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn follow_ends_successfully_when_its_reader_goes_away() {
    let home = Home::new();
    let mut child = home
        .command(&["status", "--follow"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert_eq!(line, "idle (0/8 today)\n");
    drop(stdout);
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running after its pipe closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn the_tui_answers_with_the_status_of_its_own_model() {
    let mut sim = sim_started(0);
    set_task(&mut sim, "Write report", 0.0);
    let s = Status::from_model(&sim.model, std::process::id());
    assert_eq!(
        (s.state, s.percent, s.pid),
        (State::Ready, 0, Some(std::process::id()))
    );
    sim.key(' ', 0.0);
    sim.tick(100.0);
    let s = Status::from_model(&sim.model, std::process::id());
    assert_eq!(
        (s.state, s.remaining_secs, s.percent),
        (State::Running, 1400, 6)
    );
    assert_eq!(s.line(), "🍅 23:20 Write report (0/8)");
}

#[test]
fn a_pomodoro_that_ran_out_with_no_tui_counts_today_at_once() {
    let home = Home::new();
    // Started 1560 s ago, saved 1550 s ago while running; focus was then
    // killed. Its deadline passed a minute ago.
    let mut sim = sim_started(1560);
    sim.key(' ', 0.0);
    sim.tick(10.0);
    let mut stale = sim.model.timer.clone();
    // On the real clock, its start lies 1560 s back.
    let real = focus::tui::clock::now();
    stale.rebase(real.mono.0 as i64 - sim.now(1560.0).mono.0 as i64);
    let snap = Snapshot {
        v: SNAPSHOT_VERSION,
        pid: 1,
        boot_id: snapshot::boot_id(),
        saved_at: real.wall,
        saved_mono: real.mono,
        timer: stale,
        task: None,
        unsaved: Vec::new(),
    };
    snapshot::save(&home.state_dir().join("state.json"), &snap).unwrap();
    let ended = Local::now().fixed_offset() - chrono::Duration::seconds(60);
    let today_day = day_of(Local::now().fixed_offset(), chrono::NaiveTime::MIN);
    let today = u32::from(day_of(ended, chrono::NaiveTime::MIN) == today_day);
    let j = home.json(&["status", "--json"]);
    assert_eq!(j["state"], "idle", "{j}");
    assert_eq!(j["today"], today, "{j}");
    assert_eq!(j["phase"], "short_break", "{j}");
}

/// A waybar shows at a glance whether the pomodoro counts: "ready" has an
/// icon of its own, not the running one's 🍅.
#[test]
fn ready_and_running_have_different_icons() {
    let mut sim = sim_started(0);
    let ready = Status::from_model(&sim.model, std::process::id());
    assert_eq!(ready.state, State::Ready);
    sim.key(' ', 0.0);
    let running = Status::from_model(&sim.model, std::process::id());
    assert_eq!(running.icon(), "🍅");
    assert!(!ready.icon().is_empty());
    assert_ne!(ready.icon(), running.icon());
}

/// Saves the simulation's timer as a TUI killed at its current moment
/// left it, with `unsaved` records the log had refused, on the real clocks
/// as if the simulation's `now_t` were now.
fn save_left_behind(
    home: &Home,
    sim: &Sim,
    now_t: f64,
    unsaved: Vec<focus::domain::record::Record>,
) {
    let real = focus::tui::clock::now();
    let mut timer = sim.model.timer.clone();
    timer.rebase(real.mono.0 as i64 - sim.now(now_t).mono.0 as i64);
    let snap = Snapshot {
        v: SNAPSHOT_VERSION,
        pid: 1,
        boot_id: snapshot::boot_id(),
        saved_at: real.wall,
        saved_mono: real.mono,
        timer,
        task: sim.model.task.clone(),
        unsaved,
    };
    snapshot::save(&home.state_dir().join("state.json"), &snap).unwrap();
}

/// How many of `ends` fall on today (days starting at midnight).
fn on_today(ends: &[chrono::DateTime<chrono::FixedOffset>]) -> u64 {
    let today = day_of(Local::now().fixed_offset(), chrono::NaiveTime::MIN);
    ends.iter()
        .filter(|e| day_of(**e, chrono::NaiveTime::MIN) == today)
        .count() as u64
}

#[test]
fn with_its_tui_killed_status_today_and_toggle_tell_one_story() {
    let home = Home::new();
    let toggle = |home: &Home| {
        let out = home.run(&["toggle"]);
        assert!(!out.status.success(), "toggle without a TUI succeeded");
        String::from_utf8(out.stderr).unwrap()
    };

    // Killed mid-pomodoro, after an earlier pomodoro the log refused: the
    // pomodoro counts on (the next `focus` resumes it), status shows it
    // with no pid, today counts the refused record as status does, and
    // toggle names the session it cannot reach.
    let mut sim = sim_started(1900);
    sim.key(' ', 0.0);
    sim.tick(1500.0); // the first pomodoro ends; its break starts by itself
    sim.tick(1800.0);
    sim.key(' ', 1800.0);
    sim.tick(1810.0);
    let refused = sim.log.clone();
    assert_eq!(refused.iter().filter(|r| r.is_pomodoro()).count(), 1);
    save_left_behind(&home, &sim, 1900.0, refused.clone());
    let first_end = refused[0].ended_at;
    let s = home.json(&["status", "--json"]);
    assert_eq!(
        (&s["state"], &s["pid"]),
        (&"running".into(), &Value::Null),
        "{s}"
    );
    assert_near(&s["remaining_secs"], 1400);
    let t = home.json(&["today", "--json"]);
    assert_eq!(t["pomodoros"], s["today"], "today {t} vs status {s}");
    assert_eq!(s["today"], on_today(&[first_end]), "{s}");
    let err = toggle(&home);
    assert!(
        err.contains("not running")
            && err.contains("to take over the work session it left, still counting down (23:"),
        "{err}"
    );
    let tooltip = home.json(&["status", "--waybar"])["tooltip"].clone();
    assert!(
        tooltip.as_str().unwrap().contains("focus is not running"),
        "{tooltip}"
    );

    // Past that pomodoro's deadline: it has ended as the next `focus` will
    // log it, so status is idle, status and today both count it, and
    // toggle has no session to name.
    save_left_behind(&home, &sim, 3360.0, refused);
    let second_end = Local::now().fixed_offset() - chrono::Duration::seconds(60);
    let s = home.json(&["status", "--json"]);
    assert_eq!(s["state"], "idle", "{s}");
    assert_eq!(s["today"], on_today(&[first_end, second_end]), "{s}");
    let t = home.json(&["today", "--json"]);
    assert_eq!(t["pomodoros"], s["today"], "today {t} vs status {s}");
    let line = home.stdout(&["today"]);
    assert!(
        line.starts_with(&format!("{} of 8 pomodoros", s["today"])),
        "{line}"
    );
    let err = toggle(&home);
    assert!(
        err.contains("not running") && !err.contains("take over"),
        "{err}"
    );
}

/// A storage failure: the log's directory cannot be read (here a file
/// stands where it should be), and the pomodoro that just ended went to the
/// snapshot instead, as the TUI keeps a record the log refused. `status`
/// and `today` must tell the same story: the same count, from what can be
/// read, each warning that the log could not be.
#[test]
fn with_the_log_unreadable_status_and_today_count_alike_and_warn() {
    let home = Home::new();
    let mut sim = sim_started(1600);
    sim.key(' ', 0.0);
    sim.tick(1500.0); // the pomodoro ends; its break starts by itself
    sim.tick(1600.0);
    let refused = sim.log.clone();
    assert_eq!(refused.iter().filter(|r| r.is_pomodoro()).count(), 1);
    save_left_behind(&home, &sim, 1600.0, refused.clone());
    std::fs::write(home.dir.path().join("data"), "not a directory\n").unwrap();
    let want = on_today(&[refused[0].ended_at]);

    let mut seen = Vec::new();
    for args in [&["status", "--json"][..], &["today", "--json"]] {
        let out = home.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            out.status.success(),
            "focus {args:?}: {:?}\nstderr: {stderr}",
            out.status
        );
        assert!(
            stderr.contains("warning: cannot read")
                && stderr.contains("sessions.jsonl")
                && stderr.contains("today's count leaves out what it holds"),
            "focus {args:?} stderr: {stderr}"
        );
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        seen.push(json);
    }
    let (status, today) = (&seen[0], &seen[1]);
    assert_eq!(status["state"], "running", "{status}");
    assert_eq!(status["today"], want, "{status}");
    assert_eq!(
        today["pomodoros"], status["today"],
        "today {today} vs status {status}"
    );
    let line = home.stdout(&["today"]);
    assert!(
        line.starts_with(&format!("{want} of 8 pomodoros")),
        "{line}"
    );
}
