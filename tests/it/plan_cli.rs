//! `focus plan` through [`plan_cli::run`]: a temp data dir with a task list
//! and a session log, a fixed `now`, and every output format, the
//! iCalendar export checked against a real parser and RFC 5545's framing.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use clap::Parser;
use focus::app::plan::{self as plan_cli, Format, PlanArgs, PlanError};
use focus::domain::plan::{PlanSettings, Slot, WindowError, parse_clock};
use focus::domain::record::{Kind, Outcome, Record};
use focus::domain::tasks::Priority;
use focus::store::log::SessionLog;
use focus::store::tasks::TaskStore;
use icalendar::{Component, DatePerhapsTime};
use serde_json::Value;
use tempfile::TempDir;

use crate::common::record::{record, work};

fn ts(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("test timestamp")
}

/// Early on Monday 2026-03-02, in UTC+01:00: the whole workday is ahead.
fn morning() -> DateTime<FixedOffset> {
    ts("2026-03-02T08:00:00+01:00")
}

fn hm(s: &str) -> NaiveTime {
    parse_clock(s).expect("test time")
}

/// The method's defaults, a 09:00–17:30 workday and no busy slots.
fn settings() -> PlanSettings {
    PlanSettings {
        work: Duration::from_secs(25 * 60),
        short_break: Duration::from_secs(5 * 60),
        long_break: Duration::from_secs(15 * 60),
        long_break_every: 4,
        day_starts_at: NaiveTime::MIN,
        workday: "09:00-17:30".parse().expect("slot"),
        busy: Vec::new(),
        daily_goal: 0,
    }
}

/// A data dir holding `tasks` as (title, estimate, priority, pomodoros
/// done), added in that order (so ids are 1, 2, …).
fn data_dir(tasks: &[(&str, u32, Priority, u32)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = TaskStore::in_dir(dir.path());
    for &(title, estimate, priority, done) in tasks {
        store
            .update(|list| {
                let id = list.add(title, estimate, priority, &[] as &[&str], morning())?;
                for _ in 0..done {
                    list.record_pomodoro(&id)?;
                }
                Ok(())
            })
            .expect("add task");
    }
    dir
}

/// "Write report" (high, 3 pomodoros) and "Emails" (medium, 2).
fn two_tasks() -> TempDir {
    data_dir(&[
        ("Emails", 2, Priority::Medium, 0),
        ("Write report", 3, Priority::High, 0),
    ])
}

fn window(from: &str, to: &str, format: Format) -> PlanArgs {
    PlanArgs {
        from: Some(hm(from)),
        to: Some(hm(to)),
        format,
        ..PlanArgs::default()
    }
}

fn run_at(
    args: &PlanArgs,
    settings: &PlanSettings,
    dir: &Path,
    now: DateTime<FixedOffset>,
) -> Result<String, PlanError> {
    let mut out = Vec::new();
    plan_cli::run(args, settings, dir, now, &mut out)?;
    Ok(String::from_utf8(out).expect("UTF-8 output"))
}

fn run(args: &PlanArgs, dir: &Path) -> String {
    run_at(args, &settings(), dir, morning()).expect("focus plan")
}

fn run_json(args: &PlanArgs, settings: &PlanSettings, dir: &Path, now: &str) -> Value {
    let args = PlanArgs {
        format: Format::Json,
        ..args.clone()
    };
    let out = run_at(&args, settings, dir, ts(now)).expect("focus plan");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

fn append(dir: &Path, records: &[Record]) {
    let log = SessionLog::new(dir.join("sessions.jsonl"));
    for r in records {
        log.append(r).expect("append record");
    }
}

/// The blocks of a JSON plan as `"HH:MM-HH:MM kind [#id] [done]"`.
fn blocks(plan: &Value) -> Vec<String> {
    let clock = |v: &Value| {
        let t = ts(v.as_str().expect("timestamp"));
        t.format("%H:%M").to_string()
    };
    plan["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| {
            let mut s = format!(
                "{}-{} {}",
                clock(&b["start"]),
                clock(&b["end"]),
                b["kind"].as_str().expect("kind")
            );
            if let Some(id) = b["task"]["id"].as_str() {
                s.push_str(&format!(" #{id}"));
            }
            if b["done"] == Value::Bool(true) {
                s.push_str(" done");
            }
            s
        })
        .collect()
}

#[test]
fn text_is_an_aligned_timeline_with_a_summary() {
    let dir = two_tasks();
    let out = run(&window("09:00", "11:00", Format::Text), dir.path());
    assert_eq!(
        out,
        "\
Plan for Mon 2026-03-02, 09:00–11:00
09:00–09:25  🍅 Write report
09:25–09:30  break
09:30–09:55  🍅 Write report
09:55–10:00  break
10:00–10:25  🍅 Write report
10:25–10:30  break
10:30–10:55  🍅 Emails
Blocks of up to 4 pomodoros:
  09:00–10:55: 4 pomodoros, W = 115 min
4 pomodoros fit between 09:00 and 11:00; 4 planned; 1 over capacity: Emails (1)
Not enough data yet to find your best hours (0 of 3 hours have 8 sessions, from 0 in the last 12 weeks); planned in priority order.
"
    );
}

#[test]
fn text_shows_busy_slots_and_long_breaks() {
    let dir = data_dir(&[("Write report", 5, Priority::High, 0)]);
    let args = PlanArgs {
        busy: vec!["10:00-10:30".parse().expect("slot")],
        ..window("09:00", "12:00", Format::Text)
    };
    assert_eq!(
        run(&args, dir.path()),
        "\
Plan for Mon 2026-03-02, 09:00–12:00
09:00–09:25  🍅 Write report
09:25–09:30  break
09:30–09:55  🍅 Write report
09:55–10:00  break
10:00–10:30  busy
10:30–10:55  🍅 Write report
10:55–11:00  break
11:00–11:25  🍅 Write report
11:25–11:30  break
11:30–11:55  🍅 Write report
Blocks of up to 4 pomodoros:
  09:00–09:55: 2 pomodoros, W = 55 min
  10:30–11:55: 3 pomodoros, W = 85 min
5 pomodoros fit between 09:00 and 12:00; 5 planned; nothing over capacity
Not enough data yet to find your best hours (0 of 3 hours have 8 sessions, from 0 in the last 12 weeks); planned in priority order.
"
    );
    // The meeting with the break before it lasts 35 minutes, at least a
    // long break: it was the long break, and a new block starts after it.
    // Without the meeting the fifth fits, after the cycle's long break.
    let out = run(&window("09:00", "12:00", Format::Text), dir.path());
    assert!(
        out.contains("10:55–11:10  long break\n11:10–11:35  🍅 Write report\n"),
        "{out}"
    );
    assert!(
        out.contains("5 pomodoros fit between 09:00 and 12:00; 5 planned; nothing over capacity"),
        "{out}"
    );
}

#[test]
fn json_follows_the_documented_schema() {
    let dir = two_tasks();
    let v = run_json(
        &window("09:00", "11:00", Format::Json),
        &settings(),
        dir.path(),
        "2026-03-02T08:00:00+01:00",
    );
    assert_eq!(v["schema"], 1);
    assert_eq!(v["date"], "2026-03-02");
    assert_eq!(v["window"]["start"], "2026-03-02T09:00:00+01:00");
    assert_eq!(v["window"]["end"], "2026-03-02T11:00:00+01:00");
    assert_eq!(
        v["settings"],
        serde_json::json!({"work_secs": 1500, "short_break_secs": 300,
                           "long_break_secs": 900, "long_break_every": 4})
    );
    assert_eq!(v["done_today"], 0);
    assert_eq!(v["cycle_done"], 0);
    assert_eq!(v["capacity"], 4);
    assert_eq!(v["planned"], 4);
    assert_eq!(v["free"], 0);
    assert_eq!(
        v["blocks"][0],
        serde_json::json!({
            "start": "2026-03-02T09:00:00+01:00",
            "end": "2026-03-02T09:25:00+01:00",
            "kind": "work",
            "task": {"id": "2", "title": "Write report"},
            "done": false,
        })
    );
    assert_eq!(
        v["blocks"][1],
        serde_json::json!({
            "start": "2026-03-02T09:25:00+01:00",
            "end": "2026-03-02T09:30:00+01:00",
            "kind": "short_break",
            "task": null,
            "done": false,
        })
    );
    assert_eq!(v["blocks"].as_array().map(Vec::len), Some(7));
    assert_eq!(
        v["over_capacity"],
        serde_json::json!([{"id": "1", "title": "Emails", "pomodoros": 1}])
    );
    assert_eq!(v["notes"], serde_json::json!([]));
}

#[test]
fn markdown_is_a_table_with_escaped_titles() {
    let dir = data_dir(&[("Fix a|b *now*", 1, Priority::High, 0)]);
    let args = PlanArgs {
        busy: vec!["09:30-10:00".parse().expect("slot")],
        ..window("09:00", "11:00", Format::Markdown)
    };
    let out = run(&args, dir.path());
    assert!(
        out.starts_with("## Plan for Mon 2026-03-02, 09:00–11:00\n\n"),
        "{out}"
    );
    assert!(
        out.contains("| Time | What | Task |\n|---|---|---|\n"),
        "{out}"
    );
    assert!(
        out.contains("| 09:00–09:25 | 🍅 pomodoro | Fix a\\|b \\*now\\* (#1) |\n"),
        "{out}"
    );
    assert!(out.contains("| 09:30–10:00 | busy |  |\n"), "{out}");
    assert!(
        out.contains("3 pomodoros fit between 09:00 and 11:00; 1 planned; nothing over capacity"),
        "{out}"
    );
}

/// The lines of an iCalendar text, checking the framing on the way: CRLF
/// after every line (and no bare LF or CR), at most 75 octets each.
fn ics_lines(text: &str) -> Vec<&str> {
    assert!(text.ends_with("\r\n"), "no CRLF at the end");
    let lines: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    for l in &lines {
        assert!(
            !l.contains('\n') && !l.contains('\r'),
            "bare line break in {l:?}"
        );
        assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
    }
    lines
}

fn utc(dt: &DatePerhapsTime) -> DateTime<Utc> {
    match dt {
        DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(t)) => *t,
        other => panic!("expected a UTC date-time, got {other:?}"),
    }
}

#[test]
fn ics_is_a_valid_calendar_with_one_event_per_block() {
    let dir = two_tasks();
    let args = PlanArgs {
        busy: vec!["10:00-10:15".parse().expect("slot")],
        ..window("09:00", "11:30", Format::Ics)
    };
    let text = run(&args, dir.path());
    let lines = ics_lines(&text);
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
    assert!(lines.contains(&"VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));

    let cal: icalendar::Calendar = text.parse().expect("parses as iCalendar");
    let events: Vec<&icalendar::Event> = cal.events().collect();
    // The JSON plan of the same arguments says which blocks there are;
    // every pomodoro and break is an event, the busy slot is not.
    let v = run_json(&args, &settings(), dir.path(), "2026-03-02T08:00:00+01:00");
    let plan_blocks: Vec<&Value> = v["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .filter(|b| b["kind"] != "busy")
        .collect();
    assert_eq!(events.len(), plan_blocks.len());
    assert_eq!(
        events.len(),
        text.matches("BEGIN:VEVENT\r\n").count(),
        "every VEVENT parsed"
    );
    for (e, b) in events.iter().zip(&plan_blocks) {
        // 09:00 local at UTC+01:00 is 08:00Z.
        let start = ts(b["start"].as_str().expect("start")).with_timezone(&Utc);
        let end = ts(b["end"].as_str().expect("end")).with_timezone(&Utc);
        assert_eq!(utc(&e.get_start().expect("DTSTART")), start);
        assert_eq!(utc(&e.get_end().expect("DTEND")), end);
        assert!(e.get_uid().is_some_and(|u| u.ends_with("@focus")));
        assert_eq!(
            e.get_timestamp(),
            Some(morning().with_timezone(&Utc)),
            "DTSTAMP is now"
        );
        let summary = e.get_summary().expect("SUMMARY");
        match b["kind"].as_str() {
            Some("work") => assert_eq!(
                summary,
                format!("🍅 {}", b["task"]["title"].as_str().expect("title"))
            ),
            Some("short_break") => assert_eq!(summary, "Short break"),
            Some("long_break") => assert_eq!(summary, "Long break"),
            other => panic!("unexpected kind {other:?}"),
        }
    }
    let first = events.first().expect("an event");
    assert_eq!(first.get_uid(), Some("focus-2026-03-02-0900-task2@focus"));
    assert!(text.contains("DTSTART:20260302T080000Z\r\n"), "{text}");
}

#[test]
fn ics_uids_are_stable_across_runs_and_distinct_per_block() {
    let dir = two_tasks();
    let args = window("09:00", "17:30", Format::Ics);
    let uids = |now: &str| -> Vec<String> {
        let text = run_at(&args, &settings(), dir.path(), ts(now)).expect("plan");
        let cal: icalendar::Calendar = text.parse().expect("parses");
        cal.events()
            .map(|e| e.get_uid().expect("UID").to_owned())
            .collect()
    };
    let first = uids("2026-03-02T08:00:00+01:00");
    // A later run (another DTSTAMP) of the same plan gives the same UIDs,
    // so importing it again updates the events instead of adding copies.
    let again = uids("2026-03-02T08:30:00+01:00");
    assert_eq!(first, again);
    let mut unique = first.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), first.len(), "{first:?}");
    assert!(first.contains(&"focus-2026-03-02-0925-short-break@focus".to_owned()));
}

#[test]
fn ics_escapes_text_and_folds_long_lines_at_75_octets() {
    let title = "Review, merge; and ship \\ the 週次レポート for Q1 — with every stakeholder's comments 🍅🍅";
    let dir = data_dir(&[(title, 1, Priority::High, 0)]);
    let text = run(&window("09:00", "10:00", Format::Ics), dir.path());
    let lines = ics_lines(&text);
    assert!(
        lines.iter().any(|l| l.starts_with(' ')),
        "the summary should be folded: {text}"
    );
    // Continuation lines hold the rest; unfolded, the escapes are RFC 5545's.
    let unfolded = text.replace("\r\n ", "");
    assert!(
        unfolded.contains("SUMMARY:🍅 Review\\, merge\\; and ship \\\\ the 週次レポート for Q1"),
        "{unfolded}"
    );
    let cal: icalendar::Calendar = text.parse().expect("parses");
    let summary = cal
        .events()
        .next()
        .and_then(|e| e.get_summary().map(str::to_owned));
    assert_eq!(summary, Some(format!("🍅 {title}")));
}

#[test]
fn ics_of_a_hostile_log_is_still_valid_rfc_5545() {
    // A hand-edited log line: an OSC 52 clipboard write, an escape
    // sequence, the 8-bit CSI, a bidi override, TEXT's own specials and
    // enough of it all to be folded, with the three-octet U+FFFD it shows
    // as falling across the fold.
    let hostile = format!(
        "Ship, now; \\ \x1b]52;c;aGk=\x07 \x1b[2J\u{9b}1m \u{202e}gpj.exe\t{}",
        "\u{7f}".repeat(40)
    );
    let dir = two_tasks();
    append(
        dir.path(),
        &[
            work("2026-03-02T07:00:00+01:00", "2026-03-02T07:25:00+01:00")
                .task(&hostile)
                .build(),
        ],
    );
    let args = window("07:00", "09:00", Format::Ics);
    let text = run_at(
        &args,
        &settings(),
        dir.path(),
        ts("2026-03-02T08:56:00+01:00"),
    )
    .expect("focus plan");
    // CRLF after every line, none over 75 octets (ics_lines checks), and
    // no control character but those line ends (RFC 5545 §3.3.11: TEXT
    // holds none), nor a bidi override.
    let lines = ics_lines(&text);
    for l in &lines {
        assert!(
            !l.chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "raw control character in {l:?}"
        );
    }
    assert!(
        lines.iter().filter(|l| l.starts_with(' ')).count() >= 1,
        "the summary is folded: {text}"
    );
    let cal: icalendar::Calendar = text.parse().expect("parses as iCalendar");
    let events: Vec<&icalendar::Event> = cal.events().collect();
    let done = events
        .iter()
        .find(|e| e.get_summary().is_some_and(|s| s.contains("Ship")))
        .expect("the logged pomodoro is an event");
    // Every event has what RFC 5545 requires of it.
    for e in &events {
        assert!(e.get_uid().is_some() && e.get_timestamp().is_some());
        assert!(e.get_start().is_some() && e.get_end().is_some());
    }
    let expected = format!(
        "🍅 Ship, now; \\ \u{FFFD}]52;c;aGk=\u{FFFD} \u{FFFD}[2J\u{FFFD}1m \u{FFFD}gpj.exe {}",
        "\u{FFFD}".repeat(40)
    );
    assert_eq!(done.get_summary(), Some(expected.as_str()));
    let unfolded = text.replace("\r\n ", "");
    assert!(
        unfolded.contains("SUMMARY:🍅 Ship\\, now\\; \\\\ \u{FFFD}]52"),
        "{unfolded}"
    );
}

#[test]
fn ics_helpers_escape_and_fold_by_the_rfc() {
    assert_eq!(
        plan_cli::ics_escape("a,b;c\\d\ne\r\nf"),
        "a\\,b\\;c\\\\d\\ne\\nf"
    );
    let folded = plan_cli::ics_fold(&format!("SUMMARY:{}", "é".repeat(80)));
    for l in folded.trim_end_matches("\r\n").split("\r\n") {
        assert!(l.len() <= 75, "{} octets", l.len());
    }
    // Folding never cuts a two-octet character, and unfolding restores it.
    assert_eq!(
        folded.replace("\r\n ", "").trim_end(),
        format!("SUMMARY:{}", "é".repeat(80))
    );
    assert_eq!(plan_cli::ics_fold("SHORT:x"), "SHORT:x\r\n");
}

#[test]
fn the_default_window_is_the_workday_from_now_on() {
    let dir = two_tasks();
    let v = run_json(
        &PlanArgs::default(),
        &settings(),
        dir.path(),
        "2026-03-02T10:07:20+01:00",
    );
    // Now, rounded up to the minute, to the workday's end.
    assert_eq!(v["window"]["start"], "2026-03-02T10:08:00+01:00");
    assert_eq!(v["window"]["end"], "2026-03-02T17:30:00+01:00");
    assert_eq!(blocks(&v)[0], "10:08-10:33 work #2");
    // Before the workday the whole of it is planned.
    let v = run_json(
        &PlanArgs::default(),
        &settings(),
        dir.path(),
        "2026-03-02T07:00:00+01:00",
    );
    assert_eq!(v["window"]["start"], "2026-03-02T09:00:00+01:00");
}

#[test]
fn after_the_workday_nothing_fits_and_a_note_says_why() {
    let dir = two_tasks();
    let v = run_json(
        &PlanArgs::default(),
        &settings(),
        dir.path(),
        "2026-03-02T19:00:00+01:00",
    );
    assert_eq!(v["capacity"], 0);
    assert_eq!(v["planned"], 0);
    let notes = v["notes"].to_string();
    assert!(notes.contains("09:00-17:30 is over"), "{notes}");
}

#[test]
fn an_explicit_from_is_taken_as_given_even_in_the_past() {
    let dir = two_tasks();
    let v = run_json(
        &window("09:00", "11:00", Format::Json),
        &settings(),
        dir.path(),
        "2026-03-02T15:00:00+01:00",
    );
    assert_eq!(v["capacity"], 4);
}

#[test]
fn busy_slots_from_the_config_and_the_command_line_are_both_planned_around() {
    let dir = two_tasks();
    let mut s = settings();
    s.busy = vec!["12:00-13:00".parse().expect("slot")];
    let args = PlanArgs {
        busy: vec![
            "09:30-10:00".parse().expect("slot"),
            "18:00-19:00".parse().expect("slot"),
            "08:30-09:15".parse().expect("slot"),
        ],
        ..window("09:00", "13:30", Format::Json)
    };
    let v = run_json(&args, &s, dir.path(), "2026-03-02T08:00:00+01:00");
    let b = blocks(&v);
    assert!(b.contains(&"09:00-09:15 busy".to_owned()), "{b:?}");
    assert!(b.contains(&"09:30-10:00 busy".to_owned()), "{b:?}");
    assert!(b.contains(&"12:00-13:00 busy".to_owned()), "{b:?}");
    let notes: Vec<&str> = v["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        notes,
        [
            "busy 18:00-19:00 is outside the window 09:00-13:30; ignored",
            "busy 08:30-09:15 is partly outside the window 09:00-13:30; only 09:00-09:15 is planned around",
        ]
    );
    // A config slot outside an evening window is no news.
    let v = run_json(
        &window("19:00", "21:00", Format::Json),
        &s,
        dir.path(),
        "2026-03-02T08:00:00+01:00",
    );
    assert_eq!(v["notes"], serde_json::json!([]));
}

#[test]
fn a_window_may_cross_midnight() {
    let dir = two_tasks();
    let args = PlanArgs {
        busy: vec!["00:00-00:30".parse().expect("slot")],
        ..window("22:00", "01:00", Format::Json)
    };
    let v = run_json(&args, &settings(), dir.path(), "2026-03-02T08:00:00+01:00");
    assert_eq!(v["window"]["end"], "2026-03-03T01:00:00+01:00");
    let b = blocks(&v);
    // The busy slot lands after midnight, inside the window.
    assert!(b.contains(&"00:00-00:30 busy".to_owned()), "{b:?}");
    assert_eq!(v["blocks"][0]["start"], "2026-03-02T22:00:00+01:00");
    let text = run(&window("22:00", "01:00", Format::Text), dir.path());
    assert!(
        text.starts_with("Plan for Mon 2026-03-02, 22:00–01:00 (next day)\n"),
        "{text}"
    );
}

#[test]
fn to_before_from_is_refused_unless_it_is_a_short_night() {
    let dir = two_tasks();
    let err = run_at(
        &window("17:30", "09:00", Format::Text),
        &settings(),
        dir.path(),
        morning(),
    )
    .expect_err("a 15h30m night is a swap");
    assert!(
        matches!(err, PlanError::Window(WindowError::Backwards { .. })),
        "{err:?}"
    );
    assert_eq!(err.exit_code(), 2);
    assert_eq!(
        err.to_string(),
        "--to 09:00 is before --from 17:30; a window may cross midnight, but 17:30-09:00 would last 15h30m"
    );
    let err = run_at(
        &window("09:00", "09:00", Format::Text),
        &settings(),
        dir.path(),
        morning(),
    )
    .expect_err("empty window");
    assert!(
        matches!(err, PlanError::Window(WindowError::EmptyWindow { .. })),
        "{err:?}"
    );
    assert_eq!(err.exit_code(), 2);
    // The workday's end names itself when it is the one in the way.
    let args = PlanArgs {
        from: Some(hm("18:00")),
        ..PlanArgs::default()
    };
    let err = run_at(&args, &settings(), dir.path(), morning()).expect_err("backwards");
    assert!(
        err.to_string()
            .starts_with("the workday end (config) 17:30 is before --from 18:00"),
        "{err}"
    );
}

#[derive(Debug, Parser)]
struct Cmd {
    #[command(flatten)]
    plan: PlanArgs,
}

fn parse(args: &[&str]) -> Result<PlanArgs, String> {
    Cmd::try_parse_from(std::iter::once("plan").chain(args.iter().copied()))
        .map(|c| c.plan)
        .map_err(|e| e.to_string())
}

#[test]
fn flags_parse_and_bad_times_name_the_flag() {
    let args = parse(&[
        "--from",
        "9:00",
        "--to",
        "17:30",
        "--busy",
        "12:00-13:00",
        "--busy",
        "15:00–15:30",
        "--format",
        "ics",
        "--date",
        "2026-03-05",
    ])
    .expect("valid flags");
    assert_eq!(args.from, Some(hm("09:00")));
    assert_eq!(args.to, Some(hm("17:30")));
    assert_eq!(
        args.busy,
        [
            Slot {
                start: hm("12:00"),
                end: hm("13:00")
            },
            Slot {
                start: hm("15:00"),
                end: hm("15:30")
            },
        ]
    );
    assert_eq!(args.format, Format::Ics);
    assert_eq!(args.date, NaiveDate::from_ymd_opt(2026, 3, 5));
    assert_eq!(
        parse(&["--format", "md"]).map(|a| a.format),
        Ok(Format::Markdown)
    );

    for (flag, value) in [
        ("--from", "9h"),
        ("--to", "25:00"),
        ("--from", "09:5"),
        ("--busy", "12:00"),
        ("--busy", "13:00-12:00"),
        ("--busy", "12:00-12:00"),
        ("--date", "2026-02-30"),
    ] {
        let err = parse(&[flag, value]).expect_err(value);
        assert!(err.contains(flag), "{flag} {value}: {err}");
        assert!(err.contains(value), "{flag} {value}: {err}");
    }
    // A busy slot may cross midnight when short.
    assert!(parse(&["--busy", "23:30-00:30"]).is_ok());
}

#[test]
fn open_tasks_are_planned_by_priority_with_their_remaining_estimates() {
    let dir = data_dir(&[
        ("Low one", 1, Priority::Low, 0),
        ("Half done", 3, Priority::High, 2),
        ("Over its estimate", 2, Priority::High, 3),
        ("Medium", 1, Priority::Medium, 0),
        ("Finished", 4, Priority::High, 0),
    ]);
    TaskStore::in_dir(dir.path())
        .update(|l| l.mark_done("5", morning()))
        .expect("done");
    let v = run_json(
        &window("09:00", "17:30", Format::Json),
        &settings(),
        dir.path(),
        "2026-03-02T08:00:00+01:00",
    );
    let ids: Vec<String> = blocks(&v)
        .into_iter()
        .filter(|b| b.contains("work"))
        .collect();
    assert_eq!(
        ids,
        [
            "09:00-09:25 work #2",
            "09:30-09:55 work #4",
            "10:00-10:25 work #1"
        ]
    );
}

#[test]
fn the_log_gives_done_today_the_cycle_position_and_the_past_blocks() {
    let dir = two_tasks();
    append(
        dir.path(),
        &[
            // Yesterday: not today's.
            work("2026-03-01T20:00:00+01:00", "2026-03-01T20:25:00+01:00").build(),
            work("2026-03-02T07:00:00+01:00", "2026-03-02T07:25:00+01:00")
                .task("Write report")
                .task_id("2")
                .build(),
            work("2026-03-02T07:30:00+01:00", "2026-03-02T07:40:00+01:00")
                .planned(600)
                .outcome(Outcome::Abandoned)
                .task("Write report")
                .task_id("2")
                .build(),
            work("2026-03-02T08:00:00+01:00", "2026-03-02T08:25:00+01:00")
                .task("Write report")
                .task_id("2")
                .build(),
            work("2026-03-02T08:30:00+01:00", "2026-03-02T08:55:00+01:00").build(),
        ],
    );
    let v = run_json(
        &PlanArgs::default(),
        &settings(),
        dir.path(),
        "2026-03-02T08:56:00+01:00",
    );
    assert_eq!(v["done_today"], 3);
    assert_eq!(v["cycle_done"], 3);
    let b = blocks(&v);
    assert_eq!(
        b[..5],
        [
            "07:00-07:25 work #2 done",
            "08:00-08:25 work #2 done",
            "08:30-08:55 work done",
            // The break after the 08:55 pomodoro runs to 09:00, from the
            // window on; the workday starts at 09:00, so none of it shows.
            "09:00-09:25 work #2",
            // That pomodoro was the fourth of the cycle: a long break.
            "09:25-09:40 long_break",
        ]
    );
    assert_eq!(v["blocks"][0]["task"]["title"], "Write report");

    // A long break taken resets the count.
    append(
        dir.path(),
        &[record()
            .started("2026-03-02T08:55:00+01:00")
            .ended("2026-03-02T09:10:00+01:00")
            .kind(Kind::LongBreak)
            .planned(900)
            .build()],
    );
    let v = run_json(
        &PlanArgs::default(),
        &settings(),
        dir.path(),
        "2026-03-02T09:10:00+01:00",
    );
    assert_eq!(v["done_today"], 3);
    assert_eq!(v["cycle_done"], 0);
    assert_eq!(
        blocks(&v)[3..5],
        ["09:10-09:35 work #2", "09:35-09:40 short_break"]
    );
    let text = run_at(
        &PlanArgs::default(),
        &settings(),
        dir.path(),
        ts("2026-03-02T09:10:00+01:00"),
    )
    .expect("plan");
    assert!(text.contains("08:30–08:55  🍅 pomodoro (done)\n"), "{text}");
    assert!(
        text.contains("3 pomodoros already done on 2026-03-02."),
        "{text}"
    );
}

#[test]
fn a_plan_right_after_a_pomodoro_starts_with_its_break() {
    let dir = two_tasks();
    append(
        dir.path(),
        &[
            work("2026-03-02T09:00:00+01:00", "2026-03-02T09:25:00+01:00")
                .task("Write report")
                .task_id("2")
                .build(),
        ],
    );
    let v = run_json(
        &PlanArgs::default(),
        &settings(),
        dir.path(),
        "2026-03-02T09:25:30+01:00",
    );
    assert_eq!(
        blocks(&v)[..3],
        [
            "09:00-09:25 work #2 done",
            "09:26-09:30 short_break",
            "09:30-09:55 work #2"
        ]
    );
}

#[test]
fn another_date_is_planned_whole_without_today_s_log() {
    let dir = two_tasks();
    append(
        dir.path(),
        &[work("2026-03-02T07:00:00+01:00", "2026-03-02T07:25:00+01:00").build()],
    );
    let args = PlanArgs {
        date: NaiveDate::from_ymd_opt(2026, 3, 5),
        ..PlanArgs::default()
    };
    let v = run_json(&args, &settings(), dir.path(), "2026-03-02T12:00:00+01:00");
    assert_eq!(v["date"], "2026-03-05");
    assert_eq!(v["window"]["start"], "2026-03-05T09:00:00+01:00");
    assert_eq!(v["done_today"], 0);
}

#[test]
fn clock_times_belong_to_the_focus_day() {
    let dir = two_tasks();
    let mut s = settings();
    s.day_starts_at = hm("04:00");
    // At 23:00 on the 2nd, 01:00 is tonight: the 3rd on the calendar.
    let v = run_json(
        &window("01:00", "03:00", Format::Json),
        &s,
        dir.path(),
        "2026-03-02T23:00:00+01:00",
    );
    assert_eq!(v["date"], "2026-03-02");
    assert_eq!(v["window"]["start"], "2026-03-03T01:00:00+01:00");
    assert_eq!(v["window"]["end"], "2026-03-03T03:00:00+01:00");
}

#[test]
fn no_tasks_still_reports_the_capacity_with_a_hint() {
    let dir = data_dir(&[]);
    let out = run(&window("09:00", "11:00", Format::Text), dir.path());
    assert!(
        out.contains("4 pomodoros fit between 09:00 and 11:00; 0 planned; nothing over capacity"),
        "{out}"
    );
    assert!(out.contains("focus task add"), "{out}");
}

#[test]
fn a_broken_task_file_is_an_error_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("tasks.toml"), "[[task]]\nid = 1\n").expect("write");
    let err = run_at(
        &window("09:00", "11:00", Format::Text),
        &settings(),
        dir.path(),
        morning(),
    )
    .expect_err("corrupt tasks");
    assert!(matches!(err, PlanError::Task(_)), "{err:?}");
    assert!(err.to_string().contains("tasks.toml:"), "{err}");
}

#[test]
fn an_open_task_over_its_estimate_is_listed_with_a_way_to_re_estimate() {
    let dir = data_dir(&[
        ("Half done", 3, Priority::High, 2),
        ("Over its estimate", 2, Priority::High, 3),
        ("Just used up", 1, Priority::Medium, 1),
        ("Finished", 1, Priority::High, 1),
    ]);
    TaskStore::in_dir(dir.path())
        .update(|l| l.mark_done("4", morning()))
        .expect("done");
    let v = run_json(
        &window("09:00", "11:00", Format::Json),
        &settings(),
        dir.path(),
        "2026-03-02T08:00:00+01:00",
    );
    // Not planned, not done: listed, in priority order; a done task is not.
    assert_eq!(
        v["over_estimate"],
        serde_json::json!([
            {"id": "2", "title": "Over its estimate", "estimate": 2, "pomodoros": 3},
            {"id": "3", "title": "Just used up", "estimate": 1, "pomodoros": 1},
        ])
    );
    let text = run(&window("09:00", "11:00", Format::Text), dir.path());
    assert!(
        text.contains(
            "Over estimate: Over its estimate (#2), 3 pomodoros done of 2 estimated; \
             give it a second estimate with `focus task edit 2 --estimate N`, or `focus task done 2`."
        ),
        "{text}"
    );
    assert!(
        text.contains("Just used up (#3), 1 pomodoro done of 1"),
        "{text}"
    );
    assert!(!text.contains("Finished"), "{text}");
    let md = run(&window("09:00", "11:00", Format::Markdown), dir.path());
    assert!(
        md.contains("- Over estimate: Over its estimate (\\#2)") && md.contains("--estimate N"),
        "{md}"
    );

    // With every open task over its estimate, the plan says so rather than
    // "add one".
    let dir = data_dir(&[("Over its estimate", 2, Priority::High, 2)]);
    let text = run(&window("09:00", "11:00", Format::Text), dir.path());
    assert!(
        text.contains("Over estimate: Over its estimate (#1)"),
        "{text}"
    );
    assert!(!text.contains("No open task has pomodoros left"), "{text}");
}

// ---------------------------------------------------------------------------
// Blocks, the daily goal, best hours, and busy time from a calendar
// ---------------------------------------------------------------------------

#[test]
fn every_format_shows_the_blocks_and_their_w() {
    let dir = data_dir(&[("Thesis", 20, Priority::High, 0)]);
    let eight_hours = window("09:00", "17:00", Format::Text);
    let text = run(&eight_hours, dir.path());
    assert!(
        text.contains(
            "Blocks of up to 4 pomodoros:\n  09:00–10:55: 4 pomodoros, W = 115 min\n  11:10–13:05: 4 pomodoros, W = 115 min\n  13:20–15:15: 4 pomodoros, W = 115 min\n  15:30–16:55: 3 pomodoros, W = 85 min\n"
        ),
        "{text}"
    );
    let md = run(
        &PlanArgs {
            format: Format::Markdown,
            ..eight_hours.clone()
        },
        dir.path(),
    );
    assert!(
        md.contains("| Block | Pomodoros | W |\n|---|---|---|\n| 09:00–10:55 | 4 | 115 min |\n"),
        "{md}"
    );
    let json = run_json(
        &eight_hours,
        &settings(),
        dir.path(),
        "2026-03-02T08:00:00+01:00",
    );
    assert_eq!(json["block_size"], 4);
    let w: Vec<(u64, i64)> = json["focus_blocks"]
        .as_array()
        .expect("focus_blocks")
        .iter()
        .map(|b| {
            (
                b["pomodoros"].as_u64().expect("k"),
                b["length_secs"].as_i64().expect("W"),
            )
        })
        .collect();
    assert_eq!(w, [(4, 6900), (4, 6900), (4, 6900), (3, 5100)]);
    let ics = run(
        &PlanArgs {
            format: Format::Ics,
            ..eight_hours.clone()
        },
        dir.path(),
    );
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded
            .contains("DESCRIPTION:Block 1 of 4: 09:00–10:55\\, 4 pomodoros\\, W = 115 min\r\n"),
        "{unfolded}"
    );
    // --block 2: W = 2·25 + 5.
    let two = run(
        &PlanArgs {
            block: Some(2),
            ..window("09:00", "11:00", Format::Text)
        },
        dir.path(),
    );
    assert!(
        two.contains(
            "  09:00–09:55: 2 pomodoros, W = 55 min\n  10:10–10:35: 1 pomodoro, W = 25 min\n"
        ),
        "{two}"
    );
}

#[test]
fn the_daily_goal_stops_the_plan_unless_fill() {
    let dir = data_dir(&[("Thesis", 20, Priority::High, 0)]);
    let with_goal = PlanSettings {
        daily_goal: 8,
        ..settings()
    };
    let day = window("09:00", "17:30", Format::Text);
    let out = run_at(&day, &with_goal, dir.path(), morning()).expect("plan");
    assert!(
        out.contains("16 pomodoros fit between 09:00 and 17:30; 8 planned; 12 left for another day: Thesis (12)\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "Stopped at the daily goal of 8 (0 done + 8 planned); `--fill` plans past it.\n"
        ),
        "{out}"
    );
    let filled = PlanArgs {
        fill: true,
        ..day.clone()
    };
    let out = run_at(&filled, &with_goal, dir.path(), morning()).expect("plan");
    assert!(
        out.contains("; 16 planned; 4 over capacity: Thesis (4)\n"),
        "{out}"
    );
    assert!(
        out.contains("Daily goal of 8 met: 0 done + 16 planned.\n"),
        "{out}"
    );
    // A window too short for the goal says how far it falls short.
    let short = window("09:00", "11:00", Format::Text);
    let out = run_at(&short, &with_goal, dir.path(), morning()).expect("plan");
    assert!(
        out.contains("Daily goal of 8: 0 done + 4 planned leaves it 4 short.\n"),
        "{out}"
    );
    let json = run_json(&day, &with_goal, dir.path(), "2026-03-02T08:00:00+01:00");
    assert_eq!(json["planned"], 8);
    assert_eq!(json["stopped_at_goal"], true);
    assert_eq!(json["daily_goal"], 8);
}

#[test]
fn with_a_known_curve_the_important_work_goes_to_the_peak_hours() {
    use crate::common::history;
    let h = history::slump();
    // The Monday after six weeks of history: 09–11 the peak, 13 the trough.
    let date = h.last_day() + chrono::Days::new(3);
    let dir = data_dir(&[
        ("Filing", 2, Priority::Low, 0),
        ("Review", 3, Priority::Medium, 0),
        ("Thesis", 4, Priority::High, 0),
    ]);
    append(dir.path(), &h.records());
    let now = ts(&format!("{date}T08:00:00+01:00"));
    let args = PlanArgs {
        date: Some(date),
        format: Format::Json,
        ..window("09:00", "14:00", Format::Json)
    };
    let out = run_at(&args, &settings(), dir.path(), now).expect("plan");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let line = json["best_hours"].as_str().expect("best_hours line");
    assert!(
        line.starts_with("Important work goes to your peak hours 09–11 (score "),
        "{line}"
    );
    assert!(
        line.contains("routine work to your weakest hours 13–14 (score "),
        "{line}"
    );
    assert!(line.contains(" sessions)"), "{line}");
    let who: Vec<String> = json["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .filter(|b| b["kind"] == "work")
        .map(|b| {
            format!(
                "{} {}",
                &b["start"].as_str().expect("start")[11..16],
                b["task"]["title"].as_str().expect("title")
            )
        })
        .collect();
    assert_eq!(
        who,
        [
            "09:00 Thesis",
            "09:30 Thesis",
            "10:00 Thesis",
            "10:30 Thesis",
            "11:10 Review",
            "11:40 Review",
            "12:10 Review",
            "12:40 Filing",
            "13:20 Filing",
        ]
    );
}

#[test]
fn without_enough_history_the_plan_says_so_and_keeps_priority_order() {
    let dir = two_tasks();
    let out = run(&window("09:00", "11:00", Format::Text), dir.path());
    assert!(
        out.contains("Not enough data yet to find your best hours (0 of 3 hours have 8 sessions, from 0 in the last 12 weeks); planned in priority order.\n"),
        "{out}"
    );
    assert!(
        out.starts_with("Plan for Mon 2026-03-02, 09:00–11:00\n09:00–09:25  🍅 Write report\n"),
        "{out}"
    );
}

/// A calendar as another program writes it: a weekly meeting on Mondays, a
/// weekly one whose occurrence on the planned Monday is taken out by an
/// EXDATE, a one-off in UTC, an all-day event, a free (transparent) one,
/// and a daily series that ended the day before.
const CALENDAR: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example Corp//Calendar//EN\r
BEGIN:VEVENT\r
UID:standup@example.com\r
DTSTAMP:20260101T000000Z\r
DTSTART:20260202T100000\r
DTEND:20260202T103000\r
RRULE:FREQ=WEEKLY;BYDAY=MO,WE\r
SUMMARY:Stand-up\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:review@example.com\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID=Europe/Berlin:20260209T140000\r
DTEND;TZID=Europe/Berlin:20260209T150000\r
RRULE:FREQ=WEEKLY\r
EXDATE;TZID=Europe/Berlin:20260302T140000\r
SUMMARY:Weekly review\\, skipped this week\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:lunch@example.com\r
DTSTAMP:20260101T000000Z\r
DTSTART:20260302T110000Z\r
DURATION:PT1H\r
SUMMARY:Lunch with a very long title that the writer folded over two lines of\r
  the file\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:holiday@example.com\r
DTSTAMP:20260101T000000Z\r
DTSTART;VALUE=DATE:20260302\r
DTEND;VALUE=DATE:20260303\r
SUMMARY:Company day\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:free@example.com\r
DTSTAMP:20260101T000000Z\r
DTSTART:20260302T150000\r
DTEND:20260302T160000\r
TRANSP:TRANSPARENT\r
SUMMARY:Maybe\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:course@example.com\r
DTSTAMP:20260101T000000Z\r
DTSTART:20260227T160000\r
DTEND:20260227T170000\r
RRULE:FREQ=DAILY;COUNT=3\r
SUMMARY:Course\r
END:VEVENT\r
END:VCALENDAR\r
";

fn busy_of(plan: &Value) -> Vec<String> {
    blocks(plan)
        .into_iter()
        .filter(|b| b.ends_with("busy"))
        .collect()
}

#[test]
fn busy_ics_reads_the_days_events_with_repeats_and_exceptions() {
    let dir = data_dir(&[("Thesis", 20, Priority::High, 0)]);
    let ics = dir.path().join("work.ics");
    std::fs::write(&ics, CALENDAR).expect("write calendar");
    let args = PlanArgs {
        busy_ics: Some(ics.clone()),
        ..window("09:00", "17:00", Format::Json)
    };
    let plan = run_json(&args, &settings(), dir.path(), "2026-03-02T08:00:00+01:00");
    // The Monday stand-up by its weekly rule, lunch at 11:00 UTC = 12:00
    // here; not the review (EXDATE), the all-day event, the free one, or
    // the course (three days from Friday).
    assert_eq!(busy_of(&plan), ["10:00-10:30 busy", "12:00-13:00 busy"]);
    let notes: Vec<&str> = plan["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        notes,
        ["1 all-day calendar event is not planned around: they mark a day, not its hours"]
    );
    // On the Tuesday nothing repeats; on the Wednesday the stand-up does,
    // and the review (on Mondays) not.
    let tuesday = run_json(
        &PlanArgs {
            date: Some(NaiveDate::from_ymd_opt(2026, 3, 3).expect("date")),
            ..args.clone()
        },
        &settings(),
        dir.path(),
        "2026-03-02T08:00:00+01:00",
    );
    assert_eq!(busy_of(&tuesday), [] as [&str; 0]);
    // The all-day event was on the Monday: no word of it on the Tuesday.
    assert_eq!(tuesday["notes"], serde_json::json!([]));
    let next_monday = run_json(
        &PlanArgs {
            date: Some(NaiveDate::from_ymd_opt(2026, 3, 9).expect("date")),
            ..args.clone()
        },
        &settings(),
        dir.path(),
        "2026-03-02T08:00:00+01:00",
    );
    // The review is back the Monday after its EXDATE.
    assert_eq!(
        busy_of(&next_monday),
        ["10:00-10:30 busy", "14:00-15:00 busy"]
    );
}

#[test]
fn the_config_names_the_calendar_when_the_flag_does_not() {
    let dir = data_dir(&[("Thesis", 20, Priority::High, 0)]);
    let ics = dir.path().join("work.ics");
    std::fs::write(&ics, CALENDAR).expect("write calendar");
    let args = PlanArgs {
        config_busy_ics: Some(ics),
        ..window("09:00", "17:00", Format::Json)
    };
    let plan = run_json(&args, &settings(), dir.path(), "2026-03-02T08:00:00+01:00");
    assert_eq!(busy_of(&plan), ["10:00-10:30 busy", "12:00-13:00 busy"]);
    // The flag wins over the config.
    let missing = PlanArgs {
        busy_ics: Some(dir.path().join("other.ics")),
        ..args
    };
    let err = run_at(&missing, &settings(), dir.path(), morning()).expect_err("missing");
    assert!(err.to_string().starts_with("--busy-ics "), "{err}");
}

#[test]
fn an_unreadable_or_invalid_calendar_is_refused_naming_the_file() {
    let dir = data_dir(&[("Thesis", 20, Priority::High, 0)]);
    let cases: [(&str, Option<&[u8]>, &str); 5] = [
        ("missing.ics", None, "cannot read it"),
        ("notes.ics", Some(b"Just some notes\n"), "not an iCalendar file: it does not begin with BEGIN:VCALENDAR"),
        ("binary.ics", Some(b"BEGIN:VCALENDAR\r\n\xff\xfe\r\nEND:VCALENDAR\r\n"), "not an iCalendar file: it is not UTF-8 text"),
        (
            "bad-start.ics",
            Some(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:tomorrow\r\nSUMMARY:Call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
            "event \"Call\": DTSTART \"tomorrow\" is not a date or time",
        ),
        (
            "unclosed.ics",
            Some(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20260302T100000\r\n"),
            "not valid iCalendar",
        ),
    ];
    for (name, content, why) in cases {
        let path = dir.path().join(name);
        if let Some(bytes) = content {
            std::fs::write(&path, bytes).expect("write");
        }
        let args = PlanArgs {
            busy_ics: Some(path.clone()),
            ..window("09:00", "17:00", Format::Ics)
        };
        let mut out = Vec::new();
        let err =
            plan_cli::run(&args, &settings(), dir.path(), morning(), &mut out).expect_err(name);
        assert_eq!(err.exit_code(), 2, "{name}: {err}");
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("--busy-ics {}: ", path.display())),
            "{name}: {msg}"
        );
        assert!(msg.contains(why), "{name}: {msg}");
        assert!(out.is_empty(), "{name}: nothing written");
    }
}

#[test]
fn a_rule_focus_cannot_expand_is_named_and_left_out() {
    let dir = data_dir(&[("Thesis", 20, Priority::High, 0)]);
    let ics = dir.path().join("monthly.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:m\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T090000\r\nDTEND:20260105T100000\r\nRRULE:FREQ=MONTHLY;BYDAY=1MO\r\nSUMMARY:Board\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("write");
    let args = PlanArgs {
        busy_ics: Some(ics),
        ..window("09:00", "17:00", Format::Json)
    };
    let plan = run_json(&args, &settings(), dir.path(), "2026-03-02T08:00:00+01:00");
    assert_eq!(busy_of(&plan), [] as [&str; 0]);
    assert_eq!(
        plan["notes"][0],
        "calendar event \"Board\" repeats by a rule focus does not expand (BYDAY=1MO is not expanded (only plain weekdays are)); left out"
    );
}

#[test]
fn repeat_rules_count_interval_until_and_months_land_on_the_right_days() {
    use focus::domain::plan::events::busy_between;
    let event = |uid: &str, start: &str, rule: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{start}\r\nDURATION:PT30M\r\nRRULE:{rule}\r\nSUMMARY:{uid}\r\nEND:VEVENT\r\n"
        )
    };
    let text = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{}{}{}{}{}{}END:VCALENDAR\r\n",
        // Every other day from Saturday 28 February: 28, 2, 4, …
        event(
            "every-other-day",
            "20260228T090000",
            "FREQ=DAILY;INTERVAL=2"
        ),
        // Two Mondays only: 16 and 23 February.
        event("two-mondays", "20260216T100000", "FREQ=WEEKLY;COUNT=2"),
        // Mondays until 1 March: over before the 2nd.
        event(
            "until",
            "20260209T110000",
            "FREQ=WEEKLY;UNTIL=20260301T235959Z"
        ),
        // The 2nd of each month.
        event("monthly", "20260102T120000", "FREQ=MONTHLY"),
        // 2 March every year.
        event("yearly", "20250302T130000", "FREQ=YEARLY"),
        // Every other week from 23 February: not the 2nd.
        event(
            "fortnightly",
            "20260223T140000",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
        ),
    );
    let events = plan_cli::parse_calendar(&text).expect("parses");
    let on = |day: &str| {
        let from = ts(&format!("{day}T00:00:00+01:00"));
        let (busy, notes) = busy_between(
            &events,
            from.date_naive(),
            from,
            from + chrono::TimeDelta::days(1),
        );
        assert_eq!(notes, [] as [String; 0]);
        busy.iter()
            .map(|(s, _)| s.format("%H:%M").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(on("2026-03-02"), ["09:00", "12:00", "13:00"]);
    assert_eq!(on("2026-03-03"), [] as [&str; 0]);
    assert_eq!(on("2026-03-04"), ["09:00"]);
    assert_eq!(on("2026-03-09"), ["14:00"]);
    assert_eq!(on("2026-02-23"), ["10:00", "11:00", "14:00"]);
}
