//! Titles and notes that would act on a terminal: an escape sequence, an
//! OSC 52 clipboard write, the 8-bit CSI, a bidi override. The command
//! line refuses them where they come in, and every output of a log that
//! holds them anyway (edited by hand, synced from elsewhere) shows them
//! escaped: no raw control or bidi formatting character leaves focus.

use chrono::{DateTime, FixedOffset, Local, TimeZone};
use focus::domain::record::InterruptionKind;
use focus::store::log::SessionLog;

use super::harness::Home;
use crate::common::record::work;

/// ESC with a CSI that clears the screen, an OSC 52 that would put "hi"
/// on the clipboard (ended by BEL), the 8-bit CSI, DEL, a right-to-left
/// override, an isolate, a mark, a line separator, a tab and a NUL.
const HOSTILE: &str = "Report\x1b[2J \x1b]52;c;aGk=\x07 \u{9b}31m \x7f \u{202e}evil\u{202c} \u{2067}x\u{2069}\u{200f} \u{2028}\t\0end";

/// Whether `c` may not appear raw in an output: the characters the one
/// rule names (control characters, bidi formatting, line separators),
/// written out here so the test does not trust the code it checks.
fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Fails, naming the output, if `text` holds a forbidden character other
/// than its line ends (LF, or CRLF where the format asks for it).
fn assert_clean(what: &str, text: &str) {
    let body = text.replace("\r\n", "\n");
    if let Some((i, c)) = body
        .char_indices()
        .find(|&(_, c)| c != '\n' && forbidden(c))
    {
        panic!("{what}: raw {c:?} at byte {i} in {text:?}");
    }
}

/// 10:00 local time on 2026-03-02, plus `minutes`.
fn at(minutes: i64) -> DateTime<FixedOffset> {
    let start = Local
        .with_ymd_and_hms(2026, 3, 2, 10, 0, 0)
        .single()
        .expect("an unambiguous local time");
    (start + chrono::Duration::minutes(minutes)).fixed_offset()
}

/// A home whose log holds two pomodoros of 2026-03-02 with the hostile
/// title, tags and an interruption note, as a hand-edited log would.
fn hostile_home() -> Home {
    let home = Home::new("");
    let log = SessionLog::new(home.log_file());
    let records = [
        work(at(0), at(25))
            .task(HOSTILE)
            .tags(&["tag\u{202e}x", "esc\x1b[31m"])
            .interruption(at(10), InterruptionKind::External, Some(HOSTILE))
            .build(),
        work(at(30), at(55)).task(HOSTILE).build(),
    ];
    for r in &records {
        log.append(r).expect("append a record");
    }
    home
}

#[test]
fn every_output_of_a_hostile_log_escapes_it() {
    let home = hostile_home();
    let day = "2026-03-02";
    let range = ["--from", day, "--to", day];
    let plan = ["plan", "--date", day, "--from", "09:00", "--to", "12:00"];
    let with = |head: &[&'static str], tail: &[&'static str]| -> Vec<&'static str> {
        head.iter().chain(tail).copied().collect()
    };
    // Each output, and what shows that the hostile record did reach it
    // (escaped), so a passing check is not an empty output.
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["log"], "\u{FFFD}"),
        (vec!["log", "--json"], "\\u001b"),
        (with(&plan, &[]), "\u{FFFD}"),
        (with(&plan, &["--format", "markdown"]), "\u{FFFD}"),
        (with(&plan, &["--format", "json"]), "\\u202e"),
        (with(&plan, &["--format", "ics"]), "\u{FFFD}"),
        (with(&["report"], &range), "\u{FFFD}"),
        (with(&["report", "--by", "task"], &range), "\u{FFFD}"),
        (with(&["report", "--by", "tag"], &range), "\u{FFFD}"),
        (
            with(&["report", "--by", "task", "--format", "csv"], &range),
            "\u{FFFD}",
        ),
        (
            with(&["report", "--by", "tag", "--format", "csv"], &range),
            "\u{FFFD}",
        ),
        (
            with(&["report", "--by", "task", "--format", "markdown"], &range),
            "\u{FFFD}",
        ),
        (
            with(&["report", "--by", "task", "--format", "json"], &range),
            "\\u202e",
        ),
    ];
    for (args, shown) in &cases {
        for color in ["never", "always"] {
            let mut args = args.clone();
            let colored = color == "always";
            if colored {
                // Colour codes are ours to send; the check is then for the
                // hostile ones only, so it runs on the uncoloured output.
                args.extend(["--color", "always"]);
            }
            let out = home.run(&args);
            let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "focus {args:?}: {stderr}");
            assert_clean(&format!("focus {args:?} stderr"), &stderr);
            if colored {
                assert!(
                    !stdout.contains("\x1b]") && !stdout.contains("\x1b[2J"),
                    "focus {args:?}: {stdout:?}"
                );
                continue;
            }
            assert_clean(&format!("focus {args:?}"), &stdout);
            assert!(
                stdout.contains(shown),
                "focus {args:?} should show the record escaped ({shown:?}): {stdout}"
            );
        }
    }

    // JSON escapes without losing anything: read back, the title is the
    // one in the log.
    let out = home.run(&["log", "--json"]);
    let first = String::from_utf8(out.stdout).expect("UTF-8");
    let record: serde_json::Value =
        serde_json::from_str(first.lines().next().expect("a line")).expect("JSON");
    assert_eq!(record["task"], HOSTILE);
    assert_eq!(record["interruptions"][0]["note"], HOSTILE);
}

#[test]
fn the_command_line_refuses_titles_and_notes_that_would_act_on_a_terminal() {
    let home = Home::new("");
    let refusals: [(&[&str], &str); 6] = [
        // A free `--task` is held to `task add`'s rule, before the
        // terminal is even looked at.
        (&["--task", "Report\x1b]52;c;aGk=\x07"], "--task: "),
        (&["--task", "Report \u{202e}txt.exe"], "--task: "),
        (&["task", "add", "Report \u{202e}evil"], "U+202E"),
        (&["task", "add", "Report", "--tag", "a\u{2066}b"], "tag"),
        (
            &["task", "edit", "1", "--title", "new\x1b]52;c;aGk=\x07"],
            "--title",
        ),
        (&["interrupt", "external", "Bob", "\u{9b}31m"], "NOTE: "),
    ];
    home.run(&["task", "add", "Write report"]);
    let tasks =
        std::fs::read_to_string(home.root().join("data/focus/tasks.toml")).expect("the task file");
    for (args, names) in refusals {
        let out = home.run(args);
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        assert_eq!(out.status.code(), Some(2), "focus {args:?}: {stderr}");
        assert!(stderr.contains(names), "focus {args:?}: {stderr}");
        // The message says what was refused without echoing it raw.
        assert_clean(&format!("focus {args:?} stderr"), &stderr);
        assert!(out.stdout.is_empty(), "focus {args:?}");
    }
    assert_eq!(
        std::fs::read_to_string(home.root().join("data/focus/tasks.toml")).expect("tasks"),
        tasks,
        "nothing refused reached the task file"
    );
    assert!(home.log_records().is_empty(), "nor the log");
    assert!(
        !home.state_dir().join("state.json").exists(),
        "nor a snapshot"
    );

    // A task file edited by hand to hold one is refused as a whole, with
    // the place and the character named, and `task list` prints nothing.
    let edited = tasks.replace("Write report", "Write \\u202Ereport");
    assert_ne!(edited, tasks);
    std::fs::write(home.root().join("data/focus/tasks.toml"), edited).expect("edit");
    let out = home.run(&["task", "list"]);
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(!out.status.success());
    assert!(
        stderr.contains("tasks.toml:") && stderr.contains("U+202E"),
        "{stderr}"
    );
    assert_clean("focus task list stderr", &stderr);
    assert!(out.stdout.is_empty());
}
