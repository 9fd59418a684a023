//! Remote control and status bars against the real TUI: `focus toggle`,
//! `pause`, `resume`, `extend`, `interrupt`, `skip` and `reset` over the
//! socket, the socket's permissions and its life cycle (stale ones left by
//! `kill -9` included), and every `focus status` format, `--follow` too.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::PathBuf;
use std::process::{Child, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::harness::{Home, TIMEOUT, Tui, big_clock, clock_secs, must};

/// Seconds-long sessions: the pomodoro has to last only until `extend`
/// makes it long, and the break only until `reset`.
// No check-in: these tests read the log the moment a pomodoro ends,
// and a check-in holds the record back until it is rated.
const FAST: &str = "work = \"3s\"\nshort_break = \"2s\"\ncheck_in = \"off\"\n";

/// A pomodoro long enough that nothing ends while a test looks at it.
const SLOW: &str = "work = \"25m\"\nshort_break = \"5m\"\n";

/// `$XDG_RUNTIME_DIR/focus/focus.sock` of `home`.
fn socket(home: &Home) -> PathBuf {
    home.root().join("runtime/focus/focus.sock")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn describe(args: &[&str], out: &Output) -> String {
    format!(
        "focus {args:?}: {:?}\nstdout: {}\nstderr: {}",
        out.status,
        text(&out.stdout),
        text(&out.stderr)
    )
}

/// Runs `focus ARGS`, which must succeed and print exactly one line;
/// returns that line.
fn one_line(home: &Home, args: &[&str]) -> String {
    let out = home.run(args);
    assert!(out.status.success(), "{}", describe(args, &out));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", describe(args, &out));
    lines[0].to_string()
}

/// A status one-liner taken apart: `🍅 12:34 Write report (3/8)` gives
/// (`🍅`, 754, `Write report (3/8)`).
fn parse_line(line: &str) -> (String, u64, String) {
    let (icon, rest) = line
        .split_once(' ')
        .unwrap_or_else(|| panic!("not a status line: {line:?}"));
    let (clock, rest) = rest
        .split_once(' ')
        .unwrap_or_else(|| panic!("not a status line: {line:?}"));
    let secs = clock_secs(clock).unwrap_or_else(|| panic!("no countdown in {line:?}"));
    (icon.to_string(), secs, rest.to_string())
}

/// Runs a remote-control command, which must succeed, and checks the
/// status line it prints: `icon`, a countdown within `secs` and then
/// `rest`. Returns the line.
fn remote(
    home: &Home,
    args: &[&str],
    icon: &str,
    secs: std::ops::RangeInclusive<u64>,
    rest: &str,
) -> String {
    let line = one_line(home, args);
    let (got_icon, got_secs, got_rest) = parse_line(&line);
    assert!(
        got_icon == icon && secs.contains(&got_secs) && got_rest == rest,
        "focus {args:?} printed {line:?}; expected {icon} with {secs:?} s left and {rest:?}"
    );
    line
}

/// Whether some row of the screen holds `needle` and nothing else (blanks
/// and the frame's side borders aside).
fn row_is(screen: &vt100::Screen, needle: &str) -> bool {
    screen
        .contents()
        .lines()
        .any(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '│') == needle)
}

/// Whether the large countdown shows at least `secs` seconds.
fn clock_at_least(screen: &vt100::Screen, secs: u64) -> bool {
    big_clock(screen)
        .and_then(|c| clock_secs(&c))
        .is_some_and(|s| s >= secs)
}

/// What matters of each record, to compare runs: kind, outcome, task,
/// planned length and the interruptions' kinds and notes (not the times).
fn summary(records: &[Value]) -> Vec<Value> {
    records
        .iter()
        .map(|r| {
            let marks: Vec<Value> = r["interruptions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|i| json!({"kind": i["kind"], "note": i["note"]}))
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "kind": r["kind"],
                "outcome": r["outcome"],
                "task": r["task"],
                "planned_secs": r["planned_secs"],
                "interruptions": marks,
            })
        })
        .collect()
}

/// The log both the remote commands and the keys must leave: a pomodoro
/// extended by a minute, interrupted twice and skipped, then the break that
/// started by itself, reset.
fn expected_log() -> Vec<Value> {
    vec![
        json!({
            "kind": "work",
            "outcome": "skipped",
            "task": "Write report",
            "planned_secs": 63,
            "interruptions": [
                {"kind": "internal", "note": "Slack"},
                {"kind": "external", "note": null},
            ],
        }),
        json!({
            "kind": "short_break",
            "outcome": "abandoned",
            "task": null,
            "planned_secs": 2,
            "interruptions": [],
        }),
    ]
}

/// Presses `q` at a timer with nothing started, which quits at once.
fn quit(tui: &mut Tui<'_>) {
    tui.send("q");
    let status = tui
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("focus did not exit after q; screen:\n{}", tui.screen_text()));
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn remote_commands_drive_the_tui_and_log_like_keys() {
    let home = Home::new(FAST);
    let mut tui = home.spawn_tui(&["--task", "Write report"], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready", "Write report"], TIMEOUT),
        "first screen",
    );
    let task = "Write report (0/8)";

    remote(&home, &["toggle"], "🍅", 1..=3, task);
    must(
        tui.wait_for_text(&["Work · running"], TIMEOUT),
        "focus toggle starts the pomodoro",
    );
    remote(&home, &["pause"], "⏸", 1..=3, task);
    must(
        tui.wait_for_text(&["Work · paused"], TIMEOUT),
        "focus pause pauses it",
    );
    let paused = home.status_json();
    assert_eq!(paused["state"], "paused", "{paused:#}");
    // Unlike toggle, pause and resume do nothing when already so.
    remote(&home, &["pause"], "⏸", 1..=3, task);
    assert_eq!(home.status_json()["state"], "paused", "pause paused again");
    remote(&home, &["resume"], "🍅", 1..=3, task);
    must(
        tui.wait_for_text(&["Work · running"], TIMEOUT),
        "focus resume resumes it",
    );
    remote(&home, &["resume"], "🍅", 1..=3, task);
    assert_eq!(
        home.status_json()["state"],
        "running",
        "resume resumed again"
    );

    remote(&home, &["extend", "1m"], "🍅", 58..=63, task);
    let status = home.status_json();
    assert_eq!(status["planned_secs"], 63, "{status:#}");
    assert_eq!(status["state"], "running", "{status:#}");
    must(
        tui.wait_for(|s| clock_at_least(s, 58), TIMEOUT),
        "the screen counts down from over a minute after focus extend 1m",
    );

    remote(
        &home,
        &["interrupt", "internal", "Slack"],
        "🍅",
        55..=63,
        task,
    );
    must(
        tui.wait_for(|s| row_is(s, "Write report  '"), TIMEOUT),
        "the internal mark shows after the task title",
    );
    remote(&home, &["interrupt", "external"], "🍅", 55..=63, task);
    must(
        tui.wait_for(|s| row_is(s, "Write report  ' -"), TIMEOUT),
        "both marks show after the task title",
    );
    assert!(
        home.log_records().is_empty(),
        "nothing is logged while the pomodoro runs: {:#?}",
        home.log_records()
    );

    remote(&home, &["skip"], "☕", 1..=2, "(0/8)");
    must(
        tui.wait_for_text(
            &["Short break · running", "Interrupted by: ' Slack · -"],
            TIMEOUT,
        ),
        "focus skip ends the pomodoro and the break starts by itself",
    );
    let records = home.log_records();
    assert_eq!(
        summary(&records),
        expected_log()[..1],
        "after skip: {records:#?}"
    );

    // Ready, not counting: the ready icon, whatever the phase.
    remote(&home, &["reset"], "⏹", 2..=2, "(0/8)");
    must(
        tui.wait_for_text(&["Short break · ready"], TIMEOUT),
        "focus reset during the break makes it ready again",
    );
    quit(&mut tui);

    let records = home.log_records();
    assert_eq!(summary(&records), expected_log(), "{records:#?}");
    let work = &records[0];
    for key in ["started_at", "ended_at"] {
        assert!(work[key].is_string(), "{key} missing: {work:#}");
    }
    for m in work["interruptions"].as_array().expect("interruptions") {
        let at = m["at"].as_str().unwrap_or_default();
        assert!(
            at >= work["started_at"].as_str().unwrap_or_default()
                && at <= work["ended_at"].as_str().unwrap_or_default(),
            "interruption at {at} outside the session: {work:#}"
        );
    }
}

/// The same session as [`remote_commands_drive_the_tui_and_log_like_keys`],
/// driven by the keys: both must leave the same log.
#[test]
fn remote_commands_log_what_the_same_keys_log() {
    let home = Home::new(FAST);
    let mut tui = home.spawn_tui(&["--task", "Write report"], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready", "Write report"], TIMEOUT),
        "first screen",
    );
    tui.send(" ");
    must(
        tui.wait_for_text(&["Work · running"], TIMEOUT),
        "space starts",
    );
    tui.send(" ");
    must(
        tui.wait_for_text(&["Work · paused"], TIMEOUT),
        "space pauses",
    );
    tui.send(" ");
    must(
        tui.wait_for_text(&["Work · running"], TIMEOUT),
        "space resumes",
    );
    tui.send("+");
    must(
        tui.wait_for(|s| clock_at_least(s, 58), TIMEOUT),
        "+ adds a minute",
    );
    tui.send("'");
    must(
        tui.wait_for_text(&["Internal interruption · note?"], TIMEOUT),
        "' asks for a note",
    );
    tui.send("Slack");
    must(tui.wait_for_text(&["Slack"], TIMEOUT), "the note is typed");
    tui.send("\r");
    must(
        tui.wait_for(
            |s| !s.contents().contains("note?") && row_is(s, "Write report  '"),
            TIMEOUT,
        ),
        "Enter saves the note",
    );
    tui.send("-");
    must(
        tui.wait_for_text(&["External interruption · note?"], TIMEOUT),
        "- asks for a note",
    );
    // Enter keeps the mark without a note (Esc would take it back).
    tui.send("\r");
    must(
        tui.wait_for(
            |s| !s.contents().contains("note?") && row_is(s, "Write report  ' -"),
            TIMEOUT,
        ),
        "Enter without a note keeps the mark",
    );
    tui.send("s");
    must(
        tui.wait_for_text(
            &["Short break · running", "Interrupted by: ' Slack · -"],
            TIMEOUT,
        ),
        "s skips to the break, which starts by itself",
    );
    // The break runs, so r asks first.
    tui.send("r");
    tui.send("y");
    must(
        tui.wait_for_text(&["Short break · ready"], TIMEOUT),
        "r resets the break",
    );
    quit(&mut tui);
    let records = home.log_records();
    assert_eq!(summary(&records), expected_log(), "{records:#?}");
}

#[test]
fn remote_socket_is_private_and_removed_on_quit() {
    let home = Home::new(SLOW);
    let path = socket(&home);
    let dir = path.parent().expect("socket dir").to_path_buf();
    let mode = |p: &PathBuf| {
        std::fs::symlink_metadata(p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .permissions()
            .mode()
            & 0o777
    };
    for round in ["a fresh directory", "a directory left open (0755)"] {
        let mut tui = home.spawn_tui(&[], 80, 24);
        must(
            tui.wait_for_text(&["Work · ready"], TIMEOUT),
            "first screen",
        );
        let meta = std::fs::symlink_metadata(&path)
            .unwrap_or_else(|e| panic!("{round}: no socket at {}: {e}", path.display()));
        assert!(meta.file_type().is_socket(), "{round}: {meta:?}");
        assert_eq!(mode(&path), 0o600, "{round}: socket mode");
        assert_eq!(mode(&dir), 0o700, "{round}: socket directory mode");
        // It is the live socket: a command goes through it.
        let out = home.run(&["toggle"]);
        assert!(out.status.success(), "{}", describe(&["toggle"], &out));
        must(
            tui.wait_for_text(&["Work · running"], TIMEOUT),
            "focus toggle starts the pomodoro",
        );
        // Back to nothing started, so q quits without asking.
        let out = home.run(&["reset"]);
        assert!(out.status.success(), "{}", describe(&["reset"], &out));
        must(tui.wait_for_text(&["Work · ready"], TIMEOUT), "focus reset");
        quit(&mut tui);
        assert!(
            std::fs::symlink_metadata(&path).is_err(),
            "{round}: the socket is still there after q"
        );
        // The next round: focus must tighten a directory it did not make.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))
            .expect("chmod socket dir");
    }
}

#[test]
fn remote_stale_socket_from_a_killed_tui_does_not_block_the_next() {
    let home = Home::new(SLOW);
    let path = socket(&home);
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    tui.kill();
    drop(tui);
    let meta = std::fs::symlink_metadata(&path).expect("kill -9 leaves the socket file behind");
    assert!(meta.file_type().is_socket(), "{meta:?}");

    let out = home.run(&["toggle"]);
    let stderr = text(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("not running") && stderr.contains("stale"),
        "with only a stale socket: {}",
        describe(&["toggle"], &out)
    );

    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "a new focus starts over the stale socket",
    );
    remote(&home, &["toggle"], "🍅", 1490..=1500, "(0/8)");
    must(
        tui.wait_for_text(&["Work · running"], TIMEOUT),
        "focus toggle reaches the new focus",
    );
    let status = home.status_json();
    assert_eq!(status["pid"], tui.pid(), "{status:#}");
}

#[test]
fn remote_commands_without_a_tui_fail_fast_saying_not_running() {
    let home = Home::new(SLOW);
    let commands: [&[&str]; 7] = [
        &["toggle"],
        &["pause"],
        &["resume"],
        &["skip"],
        &["reset"],
        &["extend", "1m"],
        &["interrupt", "internal"],
    ];
    let check = |situation: &str| {
        for args in commands {
            let started = Instant::now();
            let out = home.run(args);
            let took = started.elapsed();
            assert!(
                took < Duration::from_secs(2),
                "{situation}: focus {args:?} took {took:?}"
            );
            assert!(
                !out.status.success()
                    && text(&out.stderr).contains("not running")
                    && out.stdout.is_empty(),
                "{situation}: {}",
                describe(args, &out)
            );
        }
    };
    check("no socket");
    // A socket file nobody listens on, as a crash leaves it.
    let path = socket(&home);
    std::fs::create_dir_all(path.parent().expect("socket dir")).expect("mkdir");
    drop(std::os::unix::net::UnixListener::bind(&path).expect("bind a socket"));
    check("a stale socket");
    assert!(home.log_records().is_empty(), "{:#?}", home.log_records());
}

#[test]
fn remote_status_in_every_format_against_a_running_tui() {
    let home = Home::new(SLOW);
    let mut tui = home.spawn_tui(&["--task", "Write report"], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready", "Write report"], TIMEOUT),
        "first screen",
    );
    let ready = home.status_json();
    assert_eq!(ready["state"], "ready", "{ready:#}");
    assert_eq!(ready["remaining_secs"], 1500, "{ready:#}");
    assert_eq!(ready["pid"], tui.pid(), "{ready:#}");
    remote(&home, &["toggle"], "🍅", 1490..=1500, "Write report (0/8)");
    must(
        tui.wait_for_text(&["Work · running"], TIMEOUT),
        "focus toggle starts the pomodoro",
    );

    let line = one_line(&home, &["status"]);
    let (icon, secs, rest) = parse_line(&line);
    assert!(
        icon == "🍅" && (1490..=1500).contains(&secs) && rest == "Write report (0/8)",
        "focus status: {line:?}"
    );

    let template = "{state} {phase} {remaining} {task} {today}/{goal} {percent}";
    let formatted = one_line(&home, &["status", "--format", template]);
    let json = home.status_json();
    let words: Vec<&str> = formatted.split(' ').collect();
    assert_eq!(words.len(), 7, "--format: {formatted:?}");
    assert_eq!(
        [words[0], words[1], words[3], words[4], words[5], words[6]],
        ["running", "work", "Write", "report", "0/8", "0"],
        "--format: {formatted:?}"
    );
    let shown = clock_secs(words[2]).unwrap_or_else(|| panic!("--format: {formatted:?}"));
    let remaining = json["remaining_secs"].as_u64().expect("remaining_secs");
    assert!(
        words[2].len() == 5 && (1490..=1500).contains(&shown) && shown.abs_diff(remaining) <= 2,
        "--format shows {:?}, --json says {remaining} s: {formatted:?}",
        words[2]
    );

    assert_eq!(json["state"], "running", "{json:#}");
    assert_eq!(json["phase"], "work", "{json:#}");
    assert_eq!(json["task"], "Write report", "{json:#}");
    assert_eq!(json["pid"], tui.pid(), "{json:#}");
    assert_eq!(json["planned_secs"], 1500, "{json:#}");
    assert_eq!(json["percent"], 0, "{json:#}");
    assert_eq!(
        (json["today"].clone(), json["goal"].clone()),
        (json!(0), json!(8))
    );
    assert!((1490..=1500).contains(&remaining), "{json:#}");

    let waybar_text = one_line(&home, &["status", "--waybar"]);
    let waybar: Value = serde_json::from_str(&waybar_text)
        .unwrap_or_else(|e| panic!("--waybar is not JSON ({e}): {waybar_text:?}"));
    let (icon, secs, rest) = parse_line(waybar["text"].as_str().expect("text"));
    assert!(
        icon == "🍅" && (1490..=1500).contains(&secs) && rest == "Write report (0/8)",
        "--waybar text: {waybar:#}"
    );
    let tooltip = waybar["tooltip"].as_str().expect("tooltip");
    assert!(
        tooltip.contains("Write report") && tooltip.contains("0 of 8"),
        "--waybar tooltip: {waybar:#}"
    );
    assert_eq!(waybar["class"], json!(["running", "work"]), "{waybar:#}");
    assert_eq!(waybar["alt"], "running", "{waybar:#}");
    assert_eq!(waybar["percentage"], 0, "{waybar:#}");

    // No colour codes, whatever the environment or --color say.
    let formats: [&[&str]; 4] = [
        &["status"],
        &["status", "--format", template],
        &["status", "--json"],
        &["status", "--waybar"],
    ];
    for args in formats {
        for (extra, color) in [(&[("NO_COLOR", "1")][..], None), (&[][..], Some("always"))] {
            let mut args = args.to_vec();
            if let Some(c) = color {
                args.extend(["--color", c]);
            }
            let out = home.run_with_env(&args, extra);
            assert!(
                out.status.success() && !out.stdout.is_empty(),
                "{}",
                describe(&args, &out)
            );
            assert!(
                !out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b),
                "escape sequence with {extra:?}: {}",
                describe(&args, &out)
            );
        }
    }

    // Paused: the icon and the state say so.
    remote(&home, &["pause"], "⏸", 1490..=1500, "Write report (0/8)");
    let paused = one_line(&home, &["status", "--format", "{icon} {state}"]);
    assert_eq!(paused, "⏸ paused");

    // Nothing started, so q quits at once; then no TUI runs.
    remote(&home, &["reset"], "⏹", 1500..=1500, "Write report (0/8)");
    must(tui.wait_for_text(&["Work · ready"], TIMEOUT), "focus reset");
    quit(&mut tui);
    assert_eq!(one_line(&home, &["status"]), "idle (0/8 today)");
    let idle = home.status_json();
    assert_eq!(idle["state"], "idle", "{idle:#}");
    assert!(idle["pid"].is_null(), "{idle:#}");
    let waybar_text = one_line(&home, &["status", "--waybar"]);
    let waybar: Value = serde_json::from_str(&waybar_text)
        .unwrap_or_else(|e| panic!("--waybar is not JSON ({e}): {waybar_text:?}"));
    assert_eq!(waybar["text"], "", "idle hides the module: {waybar:#}");
    assert_eq!(waybar["class"][0], "idle", "{waybar:#}");
}

/// `focus status --follow` with its stdout on a pipe; SIGKILLed on drop
/// unless it has been reaped.
struct Follow {
    child: Child,
    reaped: bool,
}

impl Drop for Follow {
    fn drop(&mut self) {
        if !self.reaped {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn remote_status_follow_prints_every_second_and_ends_on_sigint() {
    let home = Home::new(SLOW);
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    remote(&home, &["toggle"], "🍅", 1490..=1500, "(0/8)");

    let mut follow = Follow {
        child: home
            .command(&["status", "--follow"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn focus status --follow"),
        reaped: false,
    };
    let stdout = follow.child.stdout.take().expect("stdout pipe");
    let (tx, rx) = mpsc::channel();
    let reader = thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });

    let first = rx
        .recv_timeout(TIMEOUT)
        .expect("focus status --follow printed nothing");
    // Three more lines are due within 3.5 s of the first; stop early once
    // they are there.
    let window = first.0 + Duration::from_millis(3500);
    let mut lines = vec![first];
    while lines.len() < 4 {
        let left = window.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => lines.push(line),
            Err(_) => break,
        }
    }
    let shown: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
    assert!(
        lines.len() >= 3,
        "only {} lines in 3.5 s: {shown:?}",
        lines.len()
    );
    let secs: Vec<u64> = lines
        .iter()
        .map(|(_, l)| {
            let (icon, secs, rest) = parse_line(l);
            assert!(icon == "🍅" && rest == "(0/8)", "{shown:?}");
            secs
        })
        .collect();
    assert!(
        secs.windows(2).all(|w| w[1] < w[0] && w[0] - w[1] <= 2),
        "each line should be a second or so lower: {shown:?}"
    );
    // About once a second: after the first line (which may come at any
    // point of a second) each comes as the countdown's second changes.
    let gaps: Vec<Duration> = lines.windows(2).map(|w| w[1].0 - w[0].0).collect();
    assert!(
        gaps[1..].iter().all(|g| *g <= Duration::from_millis(1600)),
        "lines {gaps:?} apart: {shown:?}"
    );
    // The countdown in the lines keeps pace with real time.
    let (t0, tn) = (lines[0].0, lines[lines.len() - 1].0);
    let elapsed = tn.duration_since(t0).as_secs_f64();
    let dropped = (secs[0] - secs[secs.len() - 1]) as f64;
    assert!(
        (dropped - elapsed).abs() <= 1.5,
        "the lines count {dropped} s down in {elapsed:.2} s: {shown:?}"
    );

    let pid = rustix::process::Pid::from_raw(follow.child.id() as i32).expect("pid");
    rustix::process::kill_process(pid, rustix::process::Signal::INT).expect("send SIGINT");
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = follow.child.try_wait().expect("wait") {
            follow.reaped = true;
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "focus status --follow still runs {TIMEOUT:?} after SIGINT"
        );
        thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "SIGINT ended --follow with {status:?}");
    reader.join().expect("reader thread");
    drop(follow);
    drop(tui);
}

/// Runs `focus ARGS` on a thread of its own, for commands that wait.
fn run_in_background(home: &Home, args: &'static [&'static str]) -> thread::JoinHandle<Output> {
    let mut cmd = home.command(args);
    thread::spawn(move || cmd.output().expect("run focus"))
}

/// A stopped TUI (Ctrl-Z, `SIGSTOP`) cannot answer, so its clients time
/// out and say the command failed. When it resumes, it reads their
/// requests from the socket after all: it must not apply them, or a
/// failed `focus extend 5m` would extend anyway (and a retrying script
/// would extend twice).
#[test]
fn remote_commands_that_timed_out_on_a_stopped_tui_are_never_applied() {
    let home = Home::new(SLOW);
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    remote(&home, &["toggle"], "🍅", 1495..=1500, "(0/8)");
    must(
        tui.wait_for_text(&["Work · running"], TIMEOUT),
        "the pomodoro runs",
    );

    tui.signal(rustix::process::Signal::STOP);
    must(tui.wait_proc_state('T', TIMEOUT), "the TUI is stopped");
    let clients = [
        run_in_background(&home, &["extend", "5m"]),
        run_in_background(&home, &["interrupt", "internal", "Slack"]),
    ];
    for client in clients {
        let out = client.join().expect("client thread");
        assert!(
            out.status.code() == Some(1)
                && text(&out.stderr).contains("did not answer within 5 s")
                && out.stdout.is_empty(),
            "a stopped TUI: {}",
            describe(&["…"], &out)
        );
    }
    tui.signal(rustix::process::Signal::CONT);
    must(
        tui.wait_proc_state('S', TIMEOUT),
        "the TUI runs again and waits",
    );
    // A command sent now is applied: the TUI serves again, and has read
    // the stale requests (they were queued first).
    one_line(&home, &["pause"]);
    must(
        tui.wait_for_text(&["Work · paused"], TIMEOUT),
        "focus pause after the resume",
    );
    thread::sleep(Duration::from_millis(300));

    let status = home.status_json();
    assert_eq!(
        status["planned_secs"], 1500,
        "the timed-out extend was applied on resume: {status:#}"
    );
    let snapshot = home.snapshot().expect("snapshot");
    let marks = &snapshot["timer"]["session"]["interruptions"];
    assert_eq!(
        marks,
        &json!([]),
        "the timed-out interrupt was applied on resume: {snapshot:#}"
    );
    tui.send("q");
    tui.send("y");
    tui.wait_exit(TIMEOUT).expect("q y quits");
}

/// Sends one raw request line on the socket and returns the answer.
fn raw_request(home: &Home, line: &str) -> Value {
    use std::io::{Read, Write};
    let mut stream = std::os::unix::net::UnixStream::connect(socket(home)).expect("connect");
    stream
        .set_read_timeout(Some(TIMEOUT))
        .expect("read timeout");
    stream
        .write_all(line.as_bytes())
        .expect("write the request");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read the answer");
    serde_json::from_str(&answer).unwrap_or_else(|e| panic!("{answer:?}: {e}"))
}

/// Runs `focus ARGS`, which must fail with exit 1 saying `why`, and
/// print nothing on stdout.
fn refused(home: &Home, args: &[&str], why: &str) {
    let out = home.run(args);
    assert!(
        out.status.code() == Some(1)
            && text(&out.stderr) == format!("focus: {why}\n")
            && out.stdout.is_empty(),
        "{}",
        describe(args, &out)
    );
}

/// A command with nothing to act on says so and fails (exit 1,
/// `"ok":false` on the socket), changing nothing; one whose end state
/// already holds, or that acts on the waiting session, succeeds.
#[test]
fn remote_commands_with_nothing_to_act_on_fail_saying_why() {
    let home = Home::new(FAST);
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    refused(
        &home,
        &["pause"],
        "nothing to pause: no session has started",
    );
    refused(
        &home,
        &["interrupt", "internal"],
        "no pomodoro under way to mark an interruption on",
    );
    refused(
        &home,
        &["reset"],
        "nothing to reset: no session has started",
    );
    let answer = raw_request(&home, "{\"cmd\":\"pause\"}\n");
    assert_eq!(
        answer,
        json!({"ok": false, "error": "nothing to pause: no session has started"})
    );
    let status = home.status_json();
    assert_eq!(status["state"], "ready", "{status:#}");
    assert!(
        tui.screen_text().contains("Work · ready"),
        "{}",
        tui.screen_text()
    );

    // Lengthening the waiting pomodoro acts on it, and reset undoes that.
    remote(&home, &["extend", "1m"], "⏹", 63..=63, "(0/8)");
    remote(&home, &["reset"], "⏹", 3..=3, "(0/8)");
    // Resume starts the waiting session; again, it is already running.
    remote(&home, &["resume"], "🍅", 1..=3, "(0/8)");
    remote(&home, &["resume"], "🍅", 1..=3, "(0/8)");
    must(
        tui.wait_for_text(&["Short break · running"], TIMEOUT),
        "the pomodoro ends and the break starts",
    );
    refused(
        &home,
        &["interrupt", "external", "Phone"],
        "no pomodoro under way to mark an interruption on: this is a short break",
    );
    quit_running(&mut tui);
    let records = home.log_records();
    assert_eq!(records.len(), 2, "{records:#?}");
    assert!(
        records.iter().all(|r| r["interruptions"] == json!([])),
        "{records:#?}"
    );
}

/// Quits a TUI whose session runs: `q`, then `y` to the question.
fn quit_running(tui: &mut Tui<'_>) {
    tui.send("q");
    must(tui.wait_for_text(&["Quit?"], TIMEOUT), "q asks first");
    tui.send("y");
    let status = tui.wait_exit(TIMEOUT).expect("y quits");
    assert!(status.success(), "exit status {status:?}");
}
