//! Tests of `focus report` through `report::run`/`run_in` on generated logs
//! in a temporary data directory: every format, colour, ranges, and that
//! reading only the tail of the log gives the same answer as reading all
//! of it.

use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use clap::Parser;
use focus::app::color::ColorChoice;
use focus::app::report::{self, By, Context, Format, ReportArgs, ReportError, schema};
use focus::config::Config;
use focus::domain::loggen::{self, Spec};
use focus::domain::record::Record;
use focus::domain::review::{Calendar, Review};
use focus::store::log::SessionLog;
use focus::store::paths::Paths;
use unicode_width::UnicodeWidthStr;

use crate::common::record::ending;

/// The generated logs end on this (Wednesday) day …
const END: &str = "2026-03-18";
/// … and the report is made late that evening.
const NOW: &str = "2026-03-18T23:00:00+01:00";

fn date(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn ts(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("test timestamp")
}

struct Fixture {
    _dir: tempfile::TempDir,
    paths: Paths,
}

impl Fixture {
    fn empty() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = Paths {
            config_file: dir.path().join("config/focus/config.toml"),
            config_explicit: false,
            data_dir: dir.path().join("data/focus"),
            state_dir: dir.path().join("state/focus"),
        };
        Fixture { _dir: dir, paths }
    }

    /// A data dir holding `n` generated records ending on [`END`].
    fn generated(n: usize) -> Fixture {
        let f = Fixture::empty();
        std::fs::create_dir_all(&f.paths.data_dir).expect("data dir");
        let mut file = std::fs::File::create(f.paths.log_file()).expect("log file");
        loggen::write_jsonl(&Spec::new(n, date(END)), &mut file).expect("write log");
        f
    }

    fn log(&self) -> SessionLog {
        SessionLog::new(self.paths.log_file())
    }

    fn append(&self, r: &Record) {
        self.log().append(r).expect("append");
    }
}

/// Parses `focus report` flags the way the CLI will: the report's own,
/// and focus's global `--color`, which the caller copies in.
#[derive(Debug, Parser)]
struct Cli {
    #[arg(long, global = true, value_enum, default_value_t)]
    color: ColorChoice,
    #[command(flatten)]
    report: ReportArgs,
}

fn args(flags: &[&str]) -> ReportArgs {
    let cli = Cli::try_parse_from(std::iter::once("report").chain(flags.iter().copied()))
        .expect("valid flags");
    ReportArgs {
        color: cli.color,
        ..cli.report
    }
}

/// Output of `run_in` with a non-terminal, colourless context.
fn run_with(f: &Fixture, config: &Config, flags: &[&str], ctx: &Context) -> String {
    let mut out = Vec::new();
    report::run_in(&args(flags), config, &f.paths, ts(NOW), ctx, &mut out).expect("report");
    String::from_utf8(out).expect("UTF-8 output")
}

fn run(f: &Fixture, flags: &[&str]) -> String {
    run_with(f, &Config::default(), flags, &Context::default())
}

fn json(f: &Fixture, flags: &[&str]) -> schema::Report {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(flags);
    let out = run(f, &all);
    let report: schema::Report = serde_json::from_str(&out).expect("JSON in the documented schema");
    // Nothing in the output is outside the schema: it round-trips whole.
    let raw: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(serde_json::to_value(&report).expect("re-encode"), raw);
    report
}

/// The lines of the table: after the first blank line, up to the next.
fn table_lines(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .nth(1)
        .expect("a table")
        .lines()
        .collect()
}

#[test]
fn text_is_a_header_and_a_table_aligned_by_display_width() {
    let f = Fixture::generated(4_000);
    let text = run(&f, &["--month"]);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("focus report · 2026-03-01 → 2026-03-31 · by day")
    );
    let totals = json(&f, &["--month"]).totals;
    let summary = lines.next().expect("summary");
    assert!(
        summary.starts_with(&format!("{} pomodoros · ", totals.pomodoros)),
        "{summary}"
    );
    assert!(summary.contains(&format!(
        "{} focused",
        focus::domain::duration::format_total(totals.focused_secs)
    )));
    // Judged on the work days gone by, not on all 31 (which counted days to
    // come as misses).
    assert!(summary.contains(&format!(
        "met on {} of {} days",
        totals.goal_met_days, totals.due_days
    )));
    assert!(lines.next().expect("streaks").starts_with("streak "));
    let peaks = lines.next().expect("peaks");
    let named = json(&f, &["--month"]).peak_hours;
    if named.is_empty() {
        assert!(peaks.starts_with("no peak hours named · "), "{peaks}");
    } else {
        assert!(peaks.starts_with("peak hours "), "{peaks}");
    }

    let table = table_lines(&text);
    assert_eq!(table.len(), 1 + 31, "a header and every day of March");
    assert!(
        table[0].starts_with("DATE        DAY  POMS"),
        "{}",
        table[0]
    );
    // Every bar starts in the same column, the goal mark too.
    let column_of = |line: &str, chars: &str| {
        line.find(|c: char| chars.contains(c))
            .map(|i| line[..i].width())
    };
    let starts: Vec<usize> = table[1..]
        .iter()
        .filter_map(|l| column_of(l, "█▏▎▍▌▋▊▉"))
        .collect();
    assert!(starts.len() > 5, "{text}");
    assert!(starts.iter().all(|&c| c == starts[0]), "{text}");
    let marks: Vec<usize> = table[1..]
        .iter()
        .filter_map(|l| column_of(l, "┆"))
        .collect();
    assert!(!marks.is_empty());
    assert!(marks.iter().all(|&c| c == marks[0]), "{text}");
    assert!(marks[0] > starts[0]);

    // Titles with CJK and emoji are padded by how wide they look.
    let text = run(&f, &["--from", "2025-01-01", "--by", "task"]);
    let table = table_lines(&text);
    assert!(table.len() > 5);
    assert!(
        table.iter().any(|l| l.contains("読書")) || table.iter().any(|l| l.contains('🚀')),
        "{text}"
    );
    let width = table[0].width();
    for line in &table {
        assert_eq!(line.width(), width, "{line:?}");
    }
    let id_at = |line: &str| line.find(" T0").map(|i| line[..i].width());
    let ids: Vec<usize> = table.iter().filter_map(|l| id_at(l)).collect();
    assert!(ids.len() > 3);
    assert!(ids.iter().all(|&i| i == ids[0]), "{ids:?}");
    assert!(!text.contains('\x1b'));
}

impl Fixture {
    /// A data dir holding the generated slump history (see
    /// `common::history::slump`).
    fn history(h: &crate::common::history::History) -> Fixture {
        let f = Fixture::empty();
        std::fs::create_dir_all(&f.paths.data_dir).expect("data dir");
        std::fs::write(f.paths.log_file(), h.jsonl()).expect("write log");
        f
    }
}

/// The slump's six weeks.
const SLUMP: [&str; 4] = ["--from", "2026-03-02", "--to", "2026-04-10"];

#[test]
fn by_hour_names_the_attention_peaks_and_trough_in_every_format() {
    use crate::common::history;
    use focus::domain::attention;
    let h = history::slump();
    let f = Fixture::history(&h);
    let by_hour = [&SLUMP[..], &["--by", "hour"]].concat();
    let report = json(&f, &by_hour);
    assert_eq!(report.schema, 2);
    assert_eq!(report.peak_hours, vec![9, 10]);
    assert_eq!(report.trough_hours, vec![13]);
    assert_eq!(report.min_sessions, attention::MIN_SESSIONS);
    // The findings are the domain's, for the same records.
    let period =
        focus::domain::review::Period::custom(date("2026-03-02"), date("2026-04-10")).unwrap();
    let review =
        focus::domain::review::Review::of(Config::default().calendar(), period, &h.records());
    let curve = attention::curve(&review.hours());
    assert_eq!(
        report.findings,
        attention::findings(&curve, &review.distractions())
    );
    assert!(report.findings[0].starts_with("Your best hours are 09–11"));
    // The JSON rows carry the curve's figures.
    let rows: Vec<serde_json::Value> = serde_json::from_str::<serde_json::Value>(&run(
        &f,
        &[&["--format", "json"][..], &by_hour].concat(),
    ))
    .unwrap()["rows"]
        .as_array()
        .unwrap()
        .clone();
    let hour13 = &rows[13];
    assert_eq!(hour13["work_sessions"], curve[13].sessions);
    assert_eq!(hour13["verdict"], "trough");
    assert_eq!(hour13["judged"], true);
    assert_eq!(rows[9]["verdict"], "peak");
    assert_eq!(rows[3]["judged"], false);
    assert_eq!(rows[3]["score"], serde_json::Value::Null);
    // Weekday × hour carries the same figures, each with its sessions.
    let by_day: u32 = report
        .weekday_hours
        .iter()
        .map(|w| w.work_sessions[13])
        .sum();
    assert_eq!(by_day, curve[13].sessions);
    let monday = &report.weekday_hours[0];
    assert_eq!(monday.weekday, "monday");
    assert!(monday.work_sessions[13] > 0);
    assert!(monday.score[13].unwrap() < monday.score[10].unwrap());
    assert_eq!(monday.score[3], None);
    let score13 = hour13["score"].as_f64().unwrap();
    assert!((score13 - curve[13].score.unwrap()).abs() < 0.06);

    // Text: the sentences under the header, a row per hour with its
    // sessions, done share, score and verdict.
    let text = run(&f, &by_hour);
    for sentence in &report.findings {
        assert!(
            text.contains(sentence.as_str()),
            "{sentence} missing:\n{text}"
        );
    }
    let table = table_lines(&text);
    let head = table[0];
    for col in ["HOUR", "SESSIONS", "DONE", "RATING", "INT/POM", "SCORE"] {
        assert!(head.contains(col), "{head}");
    }
    let row13 = table.iter().find(|l| l.starts_with("13:00")).unwrap();
    assert!(
        row13.contains(&format!(" {} ", curve[13].sessions)),
        "{row13}"
    );
    assert!(row13.contains(&format!("{:.0}%", curve[13].completion.unwrap() * 100.0)));
    assert!(
        row13.trim_end().ends_with("trough") || row13.contains(" trough "),
        "{row13}"
    );

    // CSV: the JSON field names as the header, the same values.
    let csv = run(&f, &[&["--format", "csv"][..], &by_hour].concat());
    let mut lines = csv.split("\r\n");
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for name in [
        "completion",
        "rated",
        "mean_rating",
        "interruptions_per_pomodoro",
        "score",
        "judged",
        "verdict",
    ] {
        assert!(header.contains(&name), "{header:?}");
    }
    let line13: Vec<&str> = lines.nth(13).unwrap().split(',').collect();
    let col = |name: &str| line13[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(col("hour"), "13");
    assert_eq!(col("verdict"), "trough");
    assert_eq!(col("score").parse::<f64>().unwrap(), score13);

    insta::assert_snapshot!("report_by_hour_slump_text", text);

    // Markdown: the same columns people see in text.
    let md = run(&f, &[&["--format", "markdown"][..], &by_hour].concat());
    let md_row = md.lines().find(|l| l.starts_with("| 13:00")).unwrap();
    assert!(md_cells(md_row).contains(&"trough".to_string()), "{md_row}");
}

#[test]
fn by_distraction_shows_the_top_factors_and_when_they_strike() {
    use crate::common::history;
    let f = Fixture::history(&history::slump());
    let by = [&SLUMP[..], &["--by", "distraction"]].concat();
    let report = json(&f, &by);
    let schema::Row::Distraction(top) = &report.rows[0] else {
        panic!("distraction rows")
    };
    assert_eq!(top.factor, "slack");
    assert_eq!(top.peak_hour, Some(13));
    assert_eq!(top.hours.iter().sum::<u32>(), top.count);
    assert_eq!(top.weekdays.iter().sum::<u32>(), top.count);
    let text = run(&f, &by);
    let row = table_lines(&text)
        .into_iter()
        .find(|l| l.starts_with("slack "))
        .unwrap();
    assert!(row.contains("13:00"), "{row}");
    // A category from the config gathers aliases.
    let config = Config {
        distractions: vec![("chat".into(), vec!["slack".into(), "lunch chat".into()])],
        ..Config::default()
    };
    let out = run_with(
        &f,
        &config,
        &[&["--format", "json"][..], &by].concat(),
        &Context::default(),
    );
    let grouped: schema::Report = serde_json::from_str(&out).unwrap();
    let schema::Row::Distraction(chat) = &grouped.rows[0] else {
        panic!("distraction rows")
    };
    assert_eq!(chat.factor, "chat");
    assert!(chat.count > top.count);
}

/// Cells of a Markdown table row, split on pipes that are not escaped.
fn md_cells(line: &str) -> Vec<String> {
    assert!(line.starts_with("| ") && line.ends_with(" |"), "{line:?}");
    let inner = &line[2..line.len() - 2];
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next().expect("escape has a character");
                cells.last_mut().expect("cell").push(next);
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut().expect("cell").push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

#[test]
fn markdown_is_a_well_formed_table() {
    let f = Fixture::generated(2_000);
    // A title that would break a naive table.
    let r = ending("2026-03-18T20:00:00+01:00")
        .task("Pipes | and \\ back\nslashes")
        .task_id("T|99")
        .build();
    f.append(&r);

    for by in ["day", "week", "month", "hour", "task", "tag"] {
        let out = run(
            &f,
            &["--from", "2026-01-01", "--by", by, "--format", "markdown"],
        );
        assert!(
            out.starts_with("## focus report: 2026-01-01 → 2026-03-18"),
            "{out}"
        );
        let table: Vec<&str> = out.lines().filter(|l| l.starts_with('|')).collect();
        let rows = json(&f, &["--from", "2026-01-01", "--by", by]).rows.len();
        assert_eq!(table.len(), 2 + rows, "by {by}");
        let header = md_cells(table[0]);
        for cell in md_cells(table[1]) {
            assert!(cell == "---" || cell == "---:", "{cell}");
        }
        for line in &table {
            assert_eq!(md_cells(line).len(), header.len(), "by {by}: {line}");
        }
        if by == "task" {
            let row = table
                .iter()
                .map(|l| md_cells(l))
                .find(|c| c[1] == "T|99")
                .expect("the odd task");
            assert_eq!(row[0], "Pipes | and \\ back slashes");
        }
    }
}

/// Reads CSV with the `csv` crate, as a spreadsheet or a script would, and
/// holds it to RFC 4180 where that reader is lenient: written back out
/// with CRLF after every record (the last one too) and quotes only around
/// fields holding a comma, a quote or a line break, the rows must give the
/// text back byte for byte. So a bare LF, a stray quote, a quoted field
/// that needed no quotes or a missing final CRLF all fail.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        // Every record must have as many fields as the first.
        .flexible(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            r.expect("well-formed CSV")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    let field = |f: &String| {
        if f.contains([',', '"', '\r', '\n']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.clone()
        }
    };
    let written: String = rows
        .iter()
        .map(|row| row.iter().map(field).collect::<Vec<_>>().join(",") + "\r\n")
        .collect();
    assert_eq!(written, text, "not RFC 4180 as written");
    rows
}

#[test]
fn csv_parses_with_a_strict_rfc_4180_reader() {
    let f = Fixture::generated(4_000);
    let out = run(
        &f,
        &["--from", "2025-06-01", "--by", "task", "--format", "csv"],
    );
    let rows = parse_csv(&out);
    assert_eq!(
        rows[0],
        [
            "title",
            "task_id",
            "tags",
            "pomodoros",
            "pomodoros_to_date",
            "estimate",
            "over",
            "focused_secs",
            "sessions",
            "interruptions"
        ]
    );
    let report = json(&f, &["--from", "2025-06-01", "--by", "task"]);
    assert_eq!(rows.len(), 1 + report.rows.len());
    let mut tricky = 0;
    for (csv, row) in rows[1..].iter().zip(&report.rows) {
        let schema::Row::Task(t) = row else {
            panic!("task rows expected")
        };
        assert_eq!(csv.len(), rows[0].len());
        // As logged, but on one line: the generated log has a title with
        // a line break, which CSV shows as a space (JSON keeps it).
        assert_eq!(
            csv[0],
            t.title.clone().unwrap_or_default().replace('\n', " ")
        );
        assert_eq!(csv[1], t.task_id.clone().unwrap_or_default());
        assert_eq!(csv[2], t.tags.join(";"));
        assert_eq!(csv[3], t.pomodoros.to_string());
        assert_eq!(csv[7], t.focused_secs.to_string());
        if csv[0].contains([',', '"']) {
            tricky += 1;
        }
    }
    assert!(tricky >= 2, "titles with commas and quotes: {tricky}");
    assert!(out.contains("\"Fix \"\"flaky\"\" login test\""));

    for by in ["day", "week", "month", "hour", "tag"] {
        let out = run(&f, &["--month", "--by", by, "--format", "csv"]);
        let rows = parse_csv(&out);
        let n = json(&f, &["--month", "--by", by]).rows.len();
        assert_eq!(rows.len(), 1 + n, "by {by}");
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "by {by}");
    }
    let days = parse_csv(&run(&f, &["--month", "--format", "csv"]));
    assert_eq!(days[0][0], "date");
    assert_eq!(days[1][0], "2026-03-01");
    assert_eq!(days[1][1], "sunday");
}

#[test]
fn json_follows_the_documented_schema_for_every_bucket() {
    let f = Fixture::generated(4_000);
    let r = json(&f, &["--month"]);
    assert_eq!(r.schema, schema::VERSION);
    assert_eq!((r.from, r.to), (date("2026-03-01"), date("2026-03-31")));
    assert_eq!((r.period.as_str(), r.by), ("month", By::Day));
    assert_eq!(r.generated_at, ts(NOW));
    assert_eq!(
        (
            r.day_starts_at.as_str(),
            r.week_starts_on.as_str(),
            r.daily_goal
        ),
        ("00:00", "monday", 8)
    );
    assert_eq!(r.rows.len(), 31);
    assert_eq!(r.weekday_hours.len(), 7);
    assert_eq!(r.weekday_hours[0].weekday, "monday");
    assert!(r.weekday_hours.iter().all(|w| w.focused_secs.len() == 24));
    let mut poms = 0;
    let mut secs = 0;
    let mut met = 0;
    for row in &r.rows {
        let schema::Row::Day(d) = row else {
            panic!("day rows expected")
        };
        poms += d.pomodoros;
        secs += d.focused_secs;
        met += u32::from(d.goal_met);
        assert_eq!(d.goal_met, d.pomodoros >= 8);
    }
    assert_eq!(
        (
            r.totals.pomodoros,
            r.totals.focused_secs,
            r.totals.goal_met_days
        ),
        (poms, secs, met)
    );
    assert!(r.totals.pomodoros > 0);
    assert!(r.streaks.best >= u32::from(met > 0));
    let matrix: u64 = r.weekday_hours.iter().flat_map(|w| &w.focused_secs).sum();
    assert_eq!(matrix, secs);
    assert!(r.recent_notes.len() <= 10);
    assert!(r.recent_notes.windows(2).all(|w| w[0].at >= w[1].at));

    let variant = |row: &schema::Row| match row {
        schema::Row::Day(_) => "day",
        schema::Row::Span(_) => "span",
        schema::Row::Hour(_) => "hour",
        schema::Row::Task(_) => "task",
        schema::Row::Tag(_) => "tag",
        schema::Row::Distraction(_) => "distraction",
    };
    for (by, expected, rows) in [
        ("week", "span", None),
        ("month", "span", Some(1)),
        ("hour", "hour", Some(24)),
        ("task", "task", None),
        ("tag", "tag", None),
    ] {
        let r = json(&f, &["--month", "--by", by]);
        assert!(!r.rows.is_empty(), "by {by}");
        assert!(r.rows.iter().all(|row| variant(row) == expected), "by {by}");
        if let Some(n) = rows {
            assert_eq!(r.rows.len(), n, "by {by}");
        }
    }
    let weeks = json(&f, &["--month", "--by", "week"]);
    let schema::Row::Span(first) = &weeks.rows[0] else {
        panic!("span")
    };
    assert_eq!(
        (first.from, first.to),
        (date("2026-03-01"), date("2026-03-01"))
    );
}

#[test]
fn colour_only_on_a_terminal_without_no_color_or_when_forced() {
    let f = Fixture::generated(1_000);
    let ctx = |stdout_is_terminal, no_color| Context {
        stdout_is_terminal,
        no_color,
    };
    let config = Config::default();
    let has_escapes =
        |flags: &[&str], c: Context| run_with(&f, &config, flags, &c).contains('\x1b');
    assert!(has_escapes(&["--month"], ctx(true, false)));
    assert!(
        !has_escapes(&["--month"], ctx(true, true)),
        "NO_COLOR wins over auto"
    );
    assert!(
        !has_escapes(&["--month"], ctx(false, false)),
        "not a terminal"
    );
    assert!(has_escapes(
        &["--month", "--color", "always"],
        ctx(false, true)
    ));
    assert!(!has_escapes(
        &["--month", "--color", "never"],
        ctx(true, false)
    ));
    for format in ["json", "csv", "markdown"] {
        assert!(
            !has_escapes(
                &["--month", "--format", format, "--color", "always"],
                ctx(true, false)
            ),
            "{format}"
        );
    }

    // Through `run`, which looks at the real standard output.
    let real = |flags: &[&str]| {
        let mut out = Vec::new();
        report::run(&args(flags), &config, &f.paths, ts(NOW), &mut out).expect("report");
        String::from_utf8(out).expect("UTF-8")
    };
    assert!(real(&["--color", "always"]).contains('\x1b'));
    assert!(!real(&["--color", "never"]).contains('\x1b'));
    let ctx = Context::from_process();
    if !ctx.stdout_is_terminal || ctx.no_color {
        assert!(!real(&[]).contains('\x1b'));
    }
}

#[test]
fn ranges_come_from_the_flags() {
    let cal = Calendar::default();
    let today = date(END);
    let period = |flags: &[&str]| {
        let p = report::period_of(&args(flags), today, &cal).expect("range");
        (p.from(), p.to())
    };
    assert_eq!(period(&[]), (date("2026-03-16"), date("2026-03-22")));
    assert_eq!(period(&["--week"]), period(&[]));
    assert_eq!(period(&["--today"]), (today, today));
    assert_eq!(
        period(&["--month"]),
        (date("2026-03-01"), date("2026-03-31"))
    );
    assert_eq!(
        period(&["--from", "2026-02-10"]),
        (date("2026-02-10"), today)
    );
    assert_eq!(
        period(&["--from", "2025-12-30", "--to", "2026-01-02"]),
        (date("2025-12-30"), date("2026-01-02"))
    );
    let sunday = Calendar {
        week_starts_on: chrono::Weekday::Sun,
        ..cal
    };
    let p = report::period_of(&args(&["--week"]), today, &sunday).expect("range");
    assert_eq!(p.from(), date("2026-03-15"));

    let err = |flags: &[&str]| report::period_of(&args(flags), today, &cal).expect_err("refused");
    let e = err(&["--from", "2026-03-10", "--to", "2026-03-01"]);
    assert_eq!(
        e.to_string(),
        "--from 2026-03-10 is after --to 2026-03-01; the range would be empty"
    );
    assert_eq!(e.exit_code(), 2);
    assert!(matches!(
        err(&["--from", "2026-04-01"]),
        ReportError::Backwards { .. }
    ));
    assert!(matches!(
        err(&["--from", "1800-01-01"]),
        ReportError::TooLong { .. }
    ));

    for bad in [
        &["--to", "2026-03-01"][..],
        &["--today", "--week"],
        &["--month", "--from", "2026-03-01"],
        &["--from", "2026-3-1"],
        &["--by", "year"],
        &["--format", "xml"],
    ] {
        let argv = std::iter::once("report").chain(bad.iter().copied());
        assert!(Cli::try_parse_from(argv).is_err(), "{bad:?}");
    }
    let parsed = args(&["--format", "md", "--by", "tag", "--color", "never"]);
    assert_eq!(
        (parsed.format, parsed.by, parsed.color),
        (Format::Markdown, By::Tag, ColorChoice::Never)
    );
}

/// The report made from every record in the file, the slow obvious way.
fn expected(f: &Fixture, config: &Config, flags: &[&str]) -> schema::Report {
    let all = f.log().read_all().expect("read all").records;
    let cal = config.calendar();
    let now = ts(NOW);
    let a = args(flags);
    let period = report::period_of(&a, cal.day_of(now), &cal).expect("range");
    report::build(&Review::of(cal, period, &all), &a, config, now, &[])
}

#[test]
fn reading_the_tail_gives_the_same_report_as_reading_everything() {
    let f = Fixture::generated(6_000);
    // A damaged line deep in history and a torn last line: skipped, and
    // the rest still counts.
    let path = f.paths.log_file();
    let mut bytes = std::fs::read(&path).expect("log");
    let middle = bytes.len() / 3;
    let nl = middle
        + bytes[middle..]
            .iter()
            .position(|&b| b == b'\n')
            .expect("a newline");
    bytes.splice(nl + 1..nl + 1, b"{not json}\n".iter().copied());
    bytes.extend_from_slice(b"{\"v\":1,\"id\":\"torn");
    std::fs::write(&path, &bytes).expect("rewrite log");

    for goal in [8, 1, 0] {
        let config = Config {
            daily_goal: goal,
            ..Config::default()
        };
        for flags in [
            &["--today"][..],
            &["--week"],
            &["--month"],
            &["--from", "2025-11-20", "--to", "2026-01-10"],
            &["--from", "2000-01-01", "--by", "task"],
            &["--from", "2024-02-01", "--by", "tag"],
        ] {
            let mut all = vec!["--format", "json"];
            all.extend_from_slice(flags);
            let got: schema::Report =
                serde_json::from_str(&run_with(&f, &config, &all, &Context::default()))
                    .expect("JSON");
            assert_eq!(got, expected(&f, &config, flags), "goal {goal}, {flags:?}");
        }
    }
}

#[test]
fn a_long_current_streak_is_found_far_before_the_range() {
    let f = Fixture::empty();
    // 400 days in a row with two pomodoros, after an older gap.
    f.append(&ending("2024-06-01T10:00:00+02:00").build());
    let first = date(END) - Duration::days(399);
    for day in first.iter_days().take(400) {
        for hour in [10, 15] {
            f.append(&ending(&format!("{day}T{hour}:00:00+01:00")).build());
        }
    }
    // Every day a work day: the streak runs through weekends too.
    let config = Config {
        daily_goal: 2,
        work_days: focus::domain::review::WorkDays::EVERY_DAY,
        ..Config::default()
    };
    for flags in [&["--today"][..], &["--week"], &["--from", "2026-03-01"]] {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(flags);
        let r: schema::Report =
            serde_json::from_str(&run_with(&f, &config, &all, &Context::default())).expect("JSON");
        assert_eq!(r.streaks.current, 400, "{flags:?}");
        assert_eq!(r.streaks.current_from, Some(first));
        assert_eq!(r.streaks.current_to, Some(date(END)));
        assert_eq!(r, expected(&f, &config, flags));
    }
}

#[test]
fn today_agrees_with_focus_today() {
    let f = Fixture::generated(3_000);
    let r = json(&f, &["--today"]);
    let records = f.log().read_all().expect("read").records;
    let t = focus::domain::stats::today(&records, ts(NOW), Config::default().day_starts_at);
    assert_eq!(
        (r.totals.pomodoros, r.totals.focused_secs),
        (t.pomodoros, t.focused_secs)
    );
    assert!(
        t.pomodoros > 0,
        "the generator always works on its last day"
    );
}

#[test]
fn estimates_are_compared_with_actuals() {
    // Estimates come from the task file the TUI reads: the report reads it
    // too (it used to be handed none, so EST and OVER were always blank).
    // An estimate is for the whole task: it is set against the task list's
    // pomodoros to date, never against the range's share.
    let f = Fixture::generated(3_000);
    write_tasks(&f, &[("Inbox zero", 1, 6), ("Expenses", 100, 2)]);
    let r = json(&f, &["--month", "--by", "task"]);
    let tasks: Vec<&schema::TaskRow> = r
        .rows
        .iter()
        .filter_map(|row| match row {
            schema::Row::Task(t) => Some(t),
            _ => None,
        })
        .collect();
    let row = |title: &str| {
        tasks
            .iter()
            .find(|t| t.title.as_deref() == Some(title))
            .unwrap_or_else(|| panic!("a row for {title}: {tasks:?}"))
    };
    let inbox = row("Inbox zero");
    assert_eq!(
        (inbox.estimate, inbox.pomodoros_to_date, inbox.over),
        (Some(1), Some(6), Some(5))
    );
    let expenses = row("Expenses");
    assert_eq!(expenses.over, Some(2 - 100));
    // Most over their estimate first.
    assert_eq!(tasks[0].title.as_deref(), Some("Inbox zero"));
    assert!(
        tasks
            .iter()
            .filter(|t| !matches!(t.title.as_deref(), Some("Inbox zero" | "Expenses")))
            .all(|t| t.estimate.is_none() && t.over.is_none())
    );
    let text = run(&f, &["--month", "--by", "task"]);
    let inbox_line = table_lines(&text)
        .into_iter()
        .find(|l| l.starts_with("Inbox zero"))
        .expect("an Inbox zero row");
    let cells: Vec<&str> = inbox_line.split_whitespace().collect();
    assert_eq!(cells[2..6], ["2", "6", "1", "+5"], "{text}");
}

#[test]
fn a_task_file_that_cannot_be_read_leaves_estimates_out() {
    let f = Fixture::generated(500);
    std::fs::write(f.paths.data_dir.join("tasks.toml"), "this is [not toml").expect("write");
    let r = json(&f, &["--month", "--by", "task"]);
    assert!(!r.rows.is_empty());
}

#[test]
fn a_missing_or_empty_log_gives_an_empty_report() {
    let missing = Fixture::empty();
    let empty = Fixture::empty();
    std::fs::create_dir_all(&empty.paths.data_dir).expect("data dir");
    std::fs::write(empty.paths.log_file(), "").expect("empty log");
    for f in [&missing, &empty] {
        for by in ["day", "week", "month", "hour", "task", "tag"] {
            for format in ["text", "json", "csv", "markdown"] {
                let out = run(f, &["--month", "--by", by, "--format", format]);
                assert!(!out.is_empty());
            }
        }
        let r = json(f, &["--month"]);
        assert_eq!(r.totals.pomodoros, 0);
        assert_eq!(r.rows.len(), 31);
        assert!(r.peak_hours.is_empty());
        assert!(run(f, &["--by", "task"]).contains("Nothing was logged in this range."));
    }
    assert!(
        !Path::new(&missing.paths.log_file()).exists(),
        "reading creates nothing"
    );
}

#[test]
fn week_starts_on_comes_from_the_config_file() {
    let parse = |text: &str| Config::parse(text, Path::new("config.toml"));
    assert_eq!(
        parse("").expect("defaults").week_starts_on,
        chrono::Weekday::Mon
    );
    for (name, day) in [
        ("sunday", chrono::Weekday::Sun),
        ("saturday", chrono::Weekday::Sat),
        ("wednesday", chrono::Weekday::Wed),
    ] {
        let config = parse(&format!("week_starts_on = \"{name}\"")).expect("valid");
        assert_eq!(config.week_starts_on, day);
        assert_eq!(config.calendar().week_starts_on, day);
    }
    let err = parse("week_starts_on = \"Sunday\"").expect_err("case matters");
    assert_eq!(
        err.to_string(),
        "config.toml:1:18: week_starts_on: unknown value \"Sunday\" — expected one of \
         \"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\", \"saturday\", \"sunday\""
    );
    assert!(parse("week_starts_on = 1").is_err());
    let sunday = Config {
        week_starts_on: chrono::Weekday::Sun,
        ..Config::default()
    };
    let text = toml::to_string(&sunday).expect("serialize");
    assert!(text.contains("week_starts_on = \"sunday\""), "{text}");
    assert_eq!(parse(&text).expect("round trip"), sunday);
}

#[test]
fn report_args_fit_under_focus_as_a_subcommand_with_the_global_color() {
    use clap::CommandFactory;

    #[derive(Debug, Parser)]
    struct Focus {
        #[arg(long, global = true, value_enum, default_value_t)]
        color: ColorChoice,
        #[command(subcommand)]
        command: Sub,
    }
    #[derive(Debug, clap::Subcommand)]
    enum Sub {
        Report(ReportArgs),
    }
    Focus::command().debug_assert();
    let cli =
        Focus::try_parse_from(["focus", "report", "--month", "--color", "always"]).expect("valid");
    let Sub::Report(args) = cli.command;
    assert!(args.month);
    assert_eq!(cli.color, ColorChoice::Always);
}

/// Writes a task list of `(title, estimate, pomodoros to date)` into the
/// fixture's data dir, where the TUI keeps it.
fn write_tasks(f: &Fixture, tasks: &[(&str, u32, u32)]) {
    use focus::domain::tasks::{Priority, TaskList};
    let mut list = TaskList::new();
    for (title, estimate, done) in tasks {
        let id = list
            .add(title, *estimate, Priority::Medium, &[] as &[&str], ts(NOW))
            .expect("task");
        for _ in 0..*done {
            list.record_pomodoro(&id).expect("count");
        }
    }
    std::fs::create_dir_all(&f.paths.data_dir).expect("data dir");
    std::fs::write(f.paths.data_dir.join("tasks.toml"), list.to_toml()).expect("tasks.toml");
}

#[test]
fn the_goal_is_judged_only_on_work_days_gone_by() {
    // The 18th of March 2026, a Wednesday: of March's 31 days, 13 are work
    // days that have begun (Monday to Friday, 2–6, 9–13, 16–18). Days to
    // come and weekends are neither met nor missed.
    let f = Fixture::generated(4_000);
    let r = json(&f, &["--month"]);
    assert_eq!((r.totals.days, r.totals.due_days), (31, 13));
    assert!(r.totals.goal_met_days <= 13);
    let text = run(&f, &["--month"]);
    let summary = text.lines().nth(1).expect("summary");
    assert!(
        summary.contains(&format!("met on {} of 13 days", r.totals.goal_met_days)),
        "{summary}"
    );
}

#[test]
fn totals_read_as_hours_and_minutes_not_a_time_of_day() {
    let f = Fixture::generated(4_000);
    let text = run(&f, &["--month"]);
    let summary = text.lines().nth(1).expect("summary");
    let focused = summary
        .split(" · ")
        .find(|part| part.ends_with(" focused"))
        .expect("a focused total");
    let total = focused.trim_end_matches(" focused");
    let (h, m) = total.split_once("h ").expect("hours and minutes");
    assert!(h.parse::<u64>().expect("hours") > 24, "{summary}");
    assert!(m.ends_with('m') && m.len() == 3, "{summary}");
    let md = run(&f, &["--month", "--format", "markdown"]);
    assert!(md.contains(&format!("{total} focused")), "{md}");
    // Machines still get seconds.
    let csv = run(&f, &["--month", "--format", "csv"]);
    assert!(!csv.contains("h "));
}
