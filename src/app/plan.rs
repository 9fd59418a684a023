//! `focus plan`: lays out the day's pomodoros for the open tasks, around
//! fixed appointments, and prints the plan as text, JSON, Markdown or an
//! iCalendar file.
//!
//! The layout rules are [`crate::domain::plan`]'s; this module turns the command
//! line, the config, the task list and the session log into a
//! [`PlanInput`], and formats the [`Plan`].
//!
//! # The window
//!
//! `--from HH:MM` and `--to HH:MM` on `--date` (default: today, the day
//! `now` falls in after `day_starts_at`). Missing ends come from the
//! `workday` setting; when `--from` is left out and the date is today, the
//! window starts no earlier than now (rounded up to the minute), so running
//! `focus plan` mid-morning re-plans the rest of the day. An explicit
//! `--from` is taken as given, even in the past, to show how a day would
//! go or to export a template.
//!
//! Clock times belong to the focus day: with `day_starts_at = "04:00"`,
//! `--from 01:00` is the night after `--date`. A `--to` earlier than
//! `--from` means the window crosses midnight (`--from 22:00 --to 01:00`),
//! as long as that window lasts at most [`MAX_OVERNIGHT`]; a longer one is
//! refused as `--to` before `--from`, since swapped flags are far likelier
//! than a fifteen-hour night. Busy slots follow the same rule.
//!
//! Times are read in the UTC offset of `now`: focus has no time zone
//! database, so a plan for a date on the other side of a daylight-saving
//! change is off by the change.
//!
//! # Busy slots
//!
//! The config's `busy` list (recurring, like lunch) and every `--busy`
//! are planned around together. A slot is placed on whichever day puts it
//! in the window (so `--busy 00:30-01:00` lands after midnight in a window
//! crossing it). Slots partly outside the window are clipped; a `--busy`
//! wholly or partly outside it gets a note, a config slot does not, since a
//! daily slot outside an evening window is no news.
//!
//! # Calendar files
//!
//! `--busy-ics FILE` (or the config's `busy_ics`) adds the events of the
//! planned day from an iCalendar file, parsed here with the `icalendar`
//! crate's RFC 5545 parser into [`CalendarEvent`]s and expanded to the
//! day's occurrences by [`crate::domain::plan::events`] (which says what
//! counts as busy: not all-day, free or cancelled events). A file that
//! cannot be read or parsed is a [`PlanError::Calendar`], exit 2, with
//! nothing printed.
//!
//! # Blocks, the goal and the best hours
//!
//! `--block N` sets k, the pomodoros per block ([`crate::domain::plan`]
//! lays out the blocks). The daily goal limits the plan unless `--fill`.
//! The attention curve of the [`CURVE_DAYS`] before the planned day, read
//! from the log as `focus report` reads it, hands its peaks and troughs to
//! the planner when it has found them; one sentence says what it found and
//! on how many sessions, or that there is not enough data.
//!
//! # What is already done
//!
//! The log's completed pomodoros of the plan's day are the plan's past
//! blocks (`done`), and their count is "done today". The cycle position is
//! the number of completed pomodoros that day after the last long break
//! that was taken or skipped (an abandoned one is still due, as in the
//! timer); [`crate::domain::plan`] wraps it modulo `long_break_every`, so with
//! every 4, 5 pomodoros since a long break are 1 into a new cycle. A
//! session running in the TUI right now is not in the log, so it is not
//! counted.
//!
//! # Formats
//!
//! * `text`: a heading, an aligned timeline
//!   (`09:00–09:25  🍅 Write report`, `break`, `long break`, `busy`), and a
//!   summary: `4 pomodoros fit between 09:00 and 11:00; 3 planned; 2 over
//!   capacity: Write report (1), Emails (1)` (`left for another day` when
//!   the daily goal stopped the plan). Before the summary the blocks with
//!   their W (`09:00–10:55: 4 pomodoros, W = 115 min`); after it how the
//!   plan compares to the daily goal and the attention sentence. An open task that has used
//!   its estimate gets no blocks but is not left out: a line says it is
//!   over its estimate and how to give it a second one (`focus task edit ID
//!   --estimate N`) or finish it. Notes follow, prefixed `note:`.
//! * `json`: one pretty-printed object:
//!
//! ```json
//! {
//!   "schema": 1,
//!   "date": "2026-03-02",                          // the focus day, YYYY-MM-DD
//!   "window": { "start": "2026-03-02T09:00:00+01:00",   // as planned: from now on when
//!               "end": "2026-03-02T11:00:00+01:00" },  // --from was left out today
//!   "settings": { "work_secs": 1500, "short_break_secs": 300,
//!                 "long_break_secs": 900, "long_break_every": 4 },
//!   "done_today": 0,                               // completed pomodoros that day
//!   "cycle_done": 0,                               // pomodoros since the last long break
//!   "capacity": 4,                                 // pomodoros that fit in the window
//!   "planned": 3,                                  // of those, planned for tasks
//!   "free": 1,                                     // capacity - planned
//!   "blocks": [                                    // in time order
//!     { "start": "2026-03-02T09:00:00+01:00", "end": "2026-03-02T09:25:00+01:00",
//!       "kind": "work",                            // work | short_break | long_break | busy
//!       "task": { "id": "1", "title": "Write report" },   // or null; id may be null for a
//!                                                  // past pomodoro with a free title
//!       "done": false }                            // true: a completed pomodoro from the log
//!   ],
//!   "over_capacity": [ { "id": "2", "title": "Emails", "pomodoros": 1 } ],
//!   "over_estimate": [                             // open tasks with no pomodoros left
//!     { "id": "3", "title": "Tests", "estimate": 2, "pomodoros": 3 } ],  // of their estimate
//!   "notes": [ "busy 18:00-19:00 is outside the window 09:00-11:00; ignored" ],
//!   "block_size": 4,                               // k
//!   "focus_blocks": [                              // the planned blocks, W in seconds
//!     { "start": "2026-03-02T09:00:00+01:00", "end": "2026-03-02T10:55:00+01:00",
//!       "pomodoros": 4, "length_secs": 6900 } ],
//!   "daily_goal": 8,                               // 0: none
//!   "stopped_at_goal": false,                      // true: the goal left work unplanned
//!   "best_hours": "Not enough data yet …"          // the attention sentence
//! }
//! ```
//!
//!   Every field is always present; fields may be added, none renamed or
//!   removed without raising `schema`.
//! * `markdown`: a heading, a table (`Time | What | Task`, pipes and other
//!   Markdown punctuation in titles escaped), the summary and the notes.
//! * `ics`: an RFC 5545 calendar: CRLF line ends, lines folded at 75
//!   octets, `VERSION:2.0` and `PRODID`, one `VEVENT` per pomodoro and per
//!   break (busy slots are not exported: they are the user's own
//!   appointments and would be duplicated). Times are written in UTC
//!   (`…Z`), the only honest choice without a time zone database. The
//!   `UID` is `focus-<date>-<HHMM>-<what>@focus` (seconds added when not
//!   zero; `<what>` is `task<id>`, `work`, `short-break` or `long-break`),
//!   derived from the block's local start date and time and its task, so
//!   importing an unchanged plan again updates its events instead of
//!   duplicating them. `DTSTAMP` is `now`. Text values escape `\`, `;`,
//!   `,` and newlines. Each planned pomodoro's `DESCRIPTION` names its
//!   block and W. Notes go to standard error, since a calendar has no
//!   place for them.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{
    DateTime, Days, FixedOffset, NaiveDate, NaiveTime, SecondsFormat, TimeDelta, Timelike, Utc,
};
use serde::Serialize;

use crate::domain::attention::{self, RunStat, Verdict};
use crate::domain::plan::day::{clock, local};
use crate::domain::plan::events::{self, CalendarEvent, EventTime};
use crate::domain::plan::{
    BestHours, Block, BlockKind, DayRequest, FocusBlock, Plan, PlanSettings, Prepared, Slot,
    WindowError, assemble, parse_clock, plan,
};
use crate::domain::record::Record;
use crate::domain::review::{Calendar, Period, Review};
use crate::domain::tasks::TaskError;
use crate::domain::text::{json_safe, one_line, shown};
use crate::domain::time::day_of;
use crate::store::log::{LogError, SessionLog};
use crate::store::tasks::TaskStore;

/// The session log's file name in the data dir (as `Paths::log_file`).
const LOG_FILE_NAME: &str = "sessions.jsonl";

/// Octets per iCalendar content line, CRLF excluded (RFC 5545, 3.1).
const ICS_LINE_OCTETS: usize = 75;

/// `focus plan`'s options.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct PlanArgs {
    /// Start of the window, HH:MM [default: the workday's start, or now if
    /// that is later and the date is today].
    #[arg(long, value_name = "HH:MM", value_parser = parse_clock)]
    pub from: Option<NaiveTime>,
    /// End of the window, HH:MM; earlier than --from means the window
    /// crosses midnight [default: the workday's end].
    #[arg(long, value_name = "HH:MM", value_parser = parse_clock)]
    pub to: Option<NaiveTime>,
    /// A fixed appointment to plan around, like 12:00-13:00; repeat for
    /// several. Added to the config's busy slots.
    #[arg(long, value_name = "HH:MM-HH:MM", value_parser = parse_slot)]
    pub busy: Vec<Slot>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,
    /// The day to plan, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Pomodoros per block, with a long break between blocks [default:
    /// long_break_every].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub block: Option<u32>,
    /// Plan past the daily goal, as far as the tasks and the window go.
    #[arg(long)]
    pub fill: bool,
    /// An iCalendar file whose events of the day are busy time (repeating
    /// events included) [default: the config's busy_ics].
    #[arg(long, value_name = "FILE")]
    pub busy_ics: Option<PathBuf>,
    /// The config's `busy_ics`, used when `--busy-ics` is not given.
    #[arg(skip)]
    pub config_busy_ics: Option<PathBuf>,
}

impl PlanArgs {
    /// The planner's request these options make.
    pub(crate) fn request(&self) -> DayRequest {
        DayRequest {
            from: self.from,
            to: self.to,
            busy: self.busy.clone(),
            date: self.date,
            block: self.block,
            fill: self.fill,
            events: Vec::new(),
            best_hours: None,
        }
    }

    /// The calendar file to read, and what named it for messages.
    fn calendar_file(&self) -> Option<(&Path, &'static str)> {
        match (&self.busy_ics, &self.config_busy_ics) {
            (Some(p), _) => Some((p, "--busy-ics")),
            (None, Some(p)) => Some((p, "busy_ics (config)")),
            (None, None) => None,
        }
    }
}

/// The output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned timeline for people.
    #[default]
    Text,
    /// One JSON object for scripts: the window, capacity, blocks and what
    /// did not fit.
    Json,
    /// A Markdown table.
    #[value(alias = "md")]
    Markdown,
    /// An iCalendar file (RFC 5545) to import into a calendar.
    #[value(alias = "ical", alias = "icalendar")]
    Ics,
}

fn parse_slot(s: &str) -> Result<Slot, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date like 2026-03-02 (YYYY-MM-DD), found {s:?}"))
}

/// Why `focus plan` failed.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// The window asked for is not a window.
    #[error(transparent)]
    Window(#[from] WindowError),
    /// The task list could not be read.
    #[error(transparent)]
    Task(#[from] TaskError),
    /// The session log could not be read.
    #[error(transparent)]
    Log(#[from] LogError),
    /// Writing the plan failed.
    #[error("cannot write the plan: {0}")]
    Write(#[source] io::Error),
    /// The calendar file of busy time cannot be read or is not iCalendar.
    #[error("{what} {}: {why}", path.display())]
    Calendar {
        /// `--busy-ics` or the config key.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        why: String,
    },
}

impl PlanError {
    /// The process exit code: 2 for a window the user must fix, the task
    /// list's own code for its errors, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            PlanError::Window(_) | PlanError::Calendar { .. } => 2,
            PlanError::Task(e) => e.exit_code(),
            PlanError::Log(_) | PlanError::Write(_) => 1,
        }
    }
}

/// `focus plan`: gathers the input, lays out the plan and prints it in the
/// chosen format. `now` is the caller's reading of the wall clock.
pub fn run(
    args: &PlanArgs,
    settings: &PlanSettings,
    data_dir: &Path,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<(), PlanError> {
    let prepared = prepare(args, settings, data_dir, now)?;
    let laid_out = plan(&prepared.input);
    let text = render(&prepared, &laid_out, settings, args.format, now);
    if args.format == Format::Ics {
        for note in &prepared.notes {
            eprintln!("focus: note: {note}");
        }
    }
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(PlanError::Write)
}

/// Resolves the window and busy slots, and reads the task list and the
/// log, without laying anything out.
pub(crate) fn prepare(
    args: &PlanArgs,
    settings: &PlanSettings,
    data_dir: &Path,
    now: DateTime<FixedOffset>,
) -> Result<Prepared, PlanError> {
    let dsa = settings.day_starts_at;
    let date = args.date.unwrap_or(day_of(now, dsa));
    let offset = *now.offset();
    let mut request = args.request();
    let mut notes = Vec::new();
    if let Some((path, what)) = args.calendar_file() {
        let events = read_calendar(path, what)?;
        // The focus day with room for a window crossing midnight; the
        // planner clips the slots to the window.
        let from = local(date.and_time(dsa), offset)
            .and_then(|t| t.checked_sub_signed(TimeDelta::hours(12)))
            .ok_or(WindowError::DateOutOfRange { date })?;
        let to = from
            .checked_add_signed(TimeDelta::hours(60))
            .ok_or(WindowError::DateOutOfRange { date })?;
        let (busy, said) = events::busy_between(&events, date, from, to);
        request.events = busy;
        notes = said;
    }
    let (best, line) = best_hours(data_dir, date, dsa, offset)?;
    request.best_hours = best;
    let list = TaskStore::in_dir(data_dir).load()?;
    let day = day_records(data_dir, date, dsa, offset)?;
    let mut prepared = assemble(&request, settings, &list, &day, now)?;
    prepared.notes.extend(notes);
    prepared.hours_line = Some(line);
    Ok(prepared)
}

/// Days of history the attention curve is drawn from: twelve weeks, long
/// enough for most hours to reach the sessions a verdict needs, recent
/// enough to follow a change of habits.
const CURVE_DAYS: u64 = 84;

/// The attention curve's peaks and troughs over the [`CURVE_DAYS`] before
/// `date`, and the sentence saying what the plan does with them.
fn best_hours(
    data_dir: &Path,
    date: NaiveDate,
    day_starts_at: NaiveTime,
    offset: FixedOffset,
) -> Result<(Option<BestHours>, String), PlanError> {
    let from = date.checked_sub_days(Days::new(CURVE_DAYS)).unwrap_or(date);
    let to = date.pred_opt().unwrap_or(date).max(from);
    let cal = Calendar {
        day_starts_at,
        ..Calendar::default()
    };
    let in_order = "planned in priority order";
    let Some(period) = Period::custom(from, to) else {
        return Ok((
            None,
            format!("No history to find your best hours; {in_order}."),
        ));
    };
    let mut review = Review::new(cal, period);
    // Two days of slack cover records written in other UTC offsets; the
    // review counts each by its own day.
    let cutoff = from
        .checked_sub_days(Days::new(2))
        .and_then(|d| local(d.and_time(day_starts_at), offset))
        .unwrap_or(DateTime::<Utc>::MIN_UTC.fixed_offset());
    let log = SessionLog::new(data_dir.join(LOG_FILE_NAME));
    log.for_each_since(cutoff, |r| review.add(r))?;
    let curve = attention::curve(&review.hours());
    let cite = |run: attention::Hours| {
        let best = (run.from..run.to)
            .filter_map(|h| curve[h as usize].score)
            .fold(f64::MIN, f64::max);
        let worst = (run.from..run.to)
            .filter_map(|h| curve[h as usize].score)
            .fold(f64::MAX, f64::min);
        (best, worst, RunStat::of(&curve, run).sessions)
    };
    Ok(match attention::verdict(&curve) {
        Verdict::Found { peaks, troughs, .. } => {
            let mut parts = Vec::new();
            if let Some(&p) = peaks.first() {
                let (score, _, n) = cite(p);
                parts.push(format!(
                    "Important work goes to your peak hours {} (score {score:.0}, {n} sessions)",
                    p.label()
                ));
            }
            if let Some(&t) = troughs.first() {
                let (_, score, n) = cite(t);
                let lead = if parts.is_empty() {
                    "Routine work goes"
                } else {
                    "routine work"
                };
                parts.push(format!(
                    "{lead} to your weakest hours {} (score {score:.0}, {n} sessions)",
                    t.label()
                ));
            }
            let line = format!(
                "{}; from the last {} weeks.",
                parts.join(", "),
                CURVE_DAYS / 7
            );
            (Some(BestHours { peaks, troughs }), line)
        }
        Verdict::NotEnough { sessions, judged } => (
            None,
            format!(
                "Not enough data yet to find your best hours ({judged} of {} hours have {} sessions, from {sessions} in the last {} weeks); {in_order}.",
                attention::MIN_HOURS,
                attention::MIN_SESSIONS,
                CURVE_DAYS / 7
            ),
        ),
        Verdict::Even { low, high, .. } => (
            None,
            format!(
                "Your hours score alike ({low:.0} to {high:.0} over the last {} weeks); {in_order}.",
                CURVE_DAYS / 7
            ),
        ),
    })
}

/// Reads and parses the calendar file: every failure names the file and
/// what gave it, and nothing of the plan is written.
fn read_calendar(path: &Path, what: &'static str) -> Result<Vec<CalendarEvent>, PlanError> {
    let fail = |why: String| PlanError::Calendar {
        what,
        path: path.to_path_buf(),
        why,
    };
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read it: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| fail("not an iCalendar file: it is not UTF-8 text".to_owned()))?;
    parse_calendar(&text).map_err(fail)
}

/// The events of an iCalendar text, by a real RFC 5545 parser.
pub fn parse_calendar(text: &str) -> Result<Vec<CalendarEvent>, String> {
    use icalendar::parser::{Component, read_calendar as parse, unfold};
    let unfolded = unfold(text);
    if !unfolded
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("BEGIN:VCALENDAR")
    {
        return Err("not an iCalendar file: it does not begin with BEGIN:VCALENDAR".to_owned());
    }
    let cal = parse(&unfolded).map_err(|e| {
        let first = e.lines().next().unwrap_or("").trim().to_owned();
        format!("not valid iCalendar: {first}")
    })?;
    fn walk<'a>(cs: &'a [Component<'a>], out: &mut Vec<&'a Component<'a>>) {
        for c in cs {
            if c.name.as_str().eq_ignore_ascii_case("VEVENT") {
                out.push(c);
            }
            walk(&c.components, out);
        }
    }
    let mut found = Vec::new();
    walk(&cal.components, &mut found);
    let prop = |c: &Component<'_>, name: &str| {
        c.properties
            .iter()
            .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
            .map(|p| p.val.as_str().trim().to_owned())
    };
    // Moved occurrences: (UID, RECURRENCE-ID) to take out of the series.
    let mut moved: Vec<(String, EventTime)> = Vec::new();
    for c in &found {
        if let (Some(uid), Some(rid)) = (prop(c, "UID"), prop(c, "RECURRENCE-ID"))
            && let Some(t) = events::parse_time(&rid)
        {
            moved.push((uid, t));
        }
    }
    let mut out = Vec::new();
    for c in found {
        let summary = prop(c, "SUMMARY").unwrap_or_else(|| "(no title)".to_owned());
        let named = |m: &str| format!("event {summary:?}: {m}");
        let Some(start_raw) = prop(c, "DTSTART") else {
            return Err(named("it has no DTSTART"));
        };
        let start = events::parse_time(&start_raw)
            .ok_or_else(|| named(&format!("DTSTART {start_raw:?} is not a date or time")))?;
        let all_day = start_raw.len() == 8;
        let length = if let Some(end_raw) = prop(c, "DTEND") {
            let end = events::parse_time(&end_raw)
                .ok_or_else(|| named(&format!("DTEND {end_raw:?} is not a date or time")))?;
            // With one end in UTC and one local there is no zone to
            // relate them, so the length is taken as written.
            end.at.signed_duration_since(start.at)
        } else if let Some(d) = prop(c, "DURATION") {
            parse_duration(&d).ok_or_else(|| named(&format!("DURATION {d:?} is not a duration")))?
        } else if all_day {
            TimeDelta::days(1)
        } else {
            TimeDelta::zero()
        };
        if length < TimeDelta::zero() {
            return Err(named("it ends before it starts"));
        }
        let transparent = prop(c, "TRANSP").is_some_and(|t| t.eq_ignore_ascii_case("TRANSPARENT"));
        let cancelled = prop(c, "STATUS").is_some_and(|t| t.eq_ignore_ascii_case("CANCELLED"));
        let mut except = Vec::new();
        for p in c
            .properties
            .iter()
            .filter(|p| p.name.as_str().eq_ignore_ascii_case("EXDATE"))
        {
            for v in p.val.as_str().split(',') {
                except.push(
                    events::parse_time(v)
                        .ok_or_else(|| named(&format!("EXDATE {v:?} is not a date or time")))?,
                );
            }
        }
        let uid = prop(c, "UID");
        let is_override = prop(c, "RECURRENCE-ID").is_some();
        let rule = if is_override {
            None
        } else {
            prop(c, "RRULE").map(|r| r.parse())
        };
        if rule.is_some() {
            except.extend(
                moved
                    .iter()
                    .filter(|(u, _)| Some(u) == uid.as_ref())
                    .map(|(_, t)| *t),
            );
        }
        out.push(CalendarEvent {
            summary,
            start,
            length,
            all_day,
            busy: !transparent && !cancelled,
            rule,
            except,
        });
    }
    Ok(out)
}

/// An RFC 5545 DURATION: `PT1H30M`, `P1D`, `P1W`, `-` refused.
fn parse_duration(s: &str) -> Option<TimeDelta> {
    let body = s.strip_prefix('+').unwrap_or(s).strip_prefix(['P', 'p'])?;
    let mut total = TimeDelta::zero();
    let mut num = String::new();
    let mut in_time = false;
    for c in body.chars() {
        match c.to_ascii_uppercase() {
            'T' => in_time = true,
            d if d.is_ascii_digit() => num.push(d),
            unit => {
                let n: i64 = num.parse().ok()?;
                num.clear();
                total += match (unit, in_time) {
                    ('W', false) => TimeDelta::weeks(n),
                    ('D', false) => TimeDelta::days(n),
                    ('H', true) => TimeDelta::hours(n),
                    ('M', true) => TimeDelta::minutes(n),
                    ('S', true) => TimeDelta::seconds(n),
                    _ => return None,
                };
            }
        }
    }
    num.is_empty().then_some(total)
}

/// The plan day's records, oldest end first.
fn day_records(
    data_dir: &Path,
    date: NaiveDate,
    day_starts_at: NaiveTime,
    offset: FixedOffset,
) -> Result<Vec<Record>, PlanError> {
    let log = SessionLog::new(data_dir.join(LOG_FILE_NAME));
    // A day of slack before the day's start covers records written in other
    // UTC offsets; the day filter below is exact.
    let cutoff = date
        .pred_opt()
        .and_then(|d| local(d.and_time(day_starts_at), offset))
        .unwrap_or(DateTime::<Utc>::MIN_UTC.fixed_offset());
    let read = log.read_since(cutoff)?;
    crate::app::warn_skipped(&read);
    let mut day: Vec<Record> = read
        .records
        .into_iter()
        .filter(|r| day_of(r.ended_at, day_starts_at) == date)
        .collect();
    day.sort_by_key(|r| r.ended_at);
    Ok(day)
}

/// The plan in `format`.
pub(crate) fn render(
    prepared: &Prepared,
    plan: &Plan,
    settings: &PlanSettings,
    format: Format,
    now: DateTime<FixedOffset>,
) -> String {
    match format {
        Format::Text => text(prepared, plan, settings),
        Format::Json => json(prepared, plan, settings),
        Format::Markdown => markdown(prepared, plan, settings),
        Format::Ics => ics(plan, now),
    }
}

/// HH:MM, or HH:MM:SS when the settings have lengths that are not whole
/// minutes, since then blocks start between minutes.
struct Clock {
    seconds: bool,
}

impl Clock {
    fn new(settings: &PlanSettings) -> Clock {
        let odd = |d: Duration| !d.as_secs().is_multiple_of(60) || d.subsec_nanos() != 0;
        Clock {
            seconds: odd(settings.work) || odd(settings.short_break) || odd(settings.long_break),
        }
    }

    fn at(&self, t: DateTime<FixedOffset>) -> String {
        if self.seconds {
            t.format("%H:%M:%S").to_string()
        } else {
            clock(t)
        }
    }

    fn span(&self, b: &Block) -> String {
        format!("{}–{}", self.at(b.start), self.at(b.end))
    }
}

/// What a block is, in words, for text and Markdown.
fn label(b: &Block) -> String {
    let what = match b.kind {
        BlockKind::Work => {
            let title = b.task.as_ref().map_or("pomodoro", |t| t.title.as_str());
            format!("🍅 {title}")
        }
        BlockKind::ShortBreak => "break".to_owned(),
        BlockKind::LongBreak => "long break".to_owned(),
        BlockKind::Busy => "busy".to_owned(),
    };
    if b.done {
        format!("{what} (done)")
    } else {
        what
    }
}

fn pomodoros(n: u32) -> String {
    if n == 1 {
        "1 pomodoro".to_owned()
    } else {
        format!("{n} pomodoros")
    }
}

/// The heading: the day and the window as planned.
fn heading(prepared: &Prepared, plan: &Plan) -> String {
    let next_day = plan.window_end.date_naive() > plan.window_start.date_naive();
    format!(
        "Plan for {}, {}–{}{}",
        prepared.date.format("%a %Y-%m-%d"),
        clock(plan.window_start),
        clock(plan.window_end),
        if next_day { " (next day)" } else { "" }
    )
}

/// `4 pomodoros fit between 09:00 and 11:00; 3 planned; 2 over capacity:
/// Write report (1), Emails (1)`.
fn summary(plan: &Plan) -> String {
    let fit = if plan.capacity == 1 { "fits" } else { "fit" };
    let over = plan.over_capacity_total();
    let over = if over == 0 {
        "nothing over capacity".to_owned()
    } else {
        let each: Vec<String> = plan
            .over_capacity
            .iter()
            .map(|o| format!("{} ({})", o.title, o.pomodoros))
            .collect();
        let why = if plan.stopped_at_goal {
            "left for another day"
        } else {
            "over capacity"
        };
        format!("{over} {why}: {}", each.join(", "))
    };
    format!(
        "{} {fit} between {} and {}; {} planned; {over}",
        pomodoros(plan.capacity),
        clock(plan.window_start),
        clock(plan.window_end),
        plan.planned,
    )
}

/// W as minutes: `115 min`, with seconds when the lengths have them.
pub fn block_length(b: &FocusBlock) -> String {
    let secs = b.length().num_seconds();
    match (secs / 60, secs % 60) {
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// `09:00–10:55: 4 pomodoros, W = 115 min`.
fn block_line(clock: &Clock, b: &FocusBlock) -> String {
    format!(
        "{}–{}: {}, W = {}",
        clock.at(b.start),
        clock.at(b.end),
        pomodoros(b.pomodoros),
        block_length(b)
    )
}

/// How the plan compares to the daily goal; `None` without a goal.
fn goal_line(plan: &Plan, settings: &PlanSettings) -> Option<String> {
    let goal = settings.daily_goal;
    if goal == 0 {
        return None;
    }
    let (done, planned) = (plan.done_today, plan.planned);
    let total = done.saturating_add(planned);
    let sum = format!("{done} done + {planned} planned");
    Some(if plan.stopped_at_goal {
        format!("Stopped at the daily goal of {goal} ({sum}); `--fill` plans past it.")
    } else if total >= goal {
        format!("Daily goal of {goal} met: {sum}.")
    } else {
        format!(
            "Daily goal of {goal}: {sum} leaves it {} short.",
            goal - total
        )
    })
}

/// The attention sentence, and whether the planned work reaches the peaks.
fn hours_line(prepared: &Prepared, plan: &Plan) -> Option<String> {
    let line = prepared.hours_line.clone()?;
    Some(match plan.in_best_hours {
        Some((0, _)) if plan.planned > 0 => {
            format!("{line} No planned pomodoro falls in the peak hours today.")
        }
        _ => line,
    })
}

/// Lines said after the summary: what was done, hints and notes.
fn afterword(prepared: &Prepared, plan: &Plan, settings: &PlanSettings) -> Vec<String> {
    let mut lines = Vec::new();
    lines.extend(goal_line(plan, settings));
    lines.extend(hours_line(prepared, plan));
    if plan.done_today > 0 {
        lines.push(format!(
            "{} already done on {}.",
            pomodoros(plan.done_today),
            prepared.date
        ));
    }
    if prepared.over_estimate.is_empty() && prepared.input.tasks.iter().all(|t| t.remaining == 0) {
        lines.push("No open task has pomodoros left; add one with `focus task add`.".to_owned());
    }
    // Not planned, yet not done: without a line here such a task would
    // vanish from the plan without a word.
    for o in &prepared.over_estimate {
        lines.push(format!(
            "Over estimate: {} (#{}), {} done of {} estimated; give it a second estimate with `focus task edit {} --estimate N`, or `focus task done {}`.",
            o.title,
            o.id,
            pomodoros(o.pomodoros),
            o.estimate,
            o.id,
            o.id
        ));
    }
    lines.extend(prepared.notes.iter().map(|n| format!("note: {n}")));
    lines
}

/// Every line goes out by the one output rule ([`one_line`]): titles come
/// from the task file and from the day's log, which may have been edited.
fn text(prepared: &Prepared, plan: &Plan, settings: &PlanSettings) -> String {
    let clock = Clock::new(settings);
    let mut lines = vec![heading(prepared, plan)];
    for b in &plan.blocks {
        lines.push(format!("{}  {}", clock.span(b), label(b)));
    }
    if !plan.focus_blocks.is_empty() {
        lines.push(format!("Blocks of up to {}:", pomodoros(plan.block)));
        for b in &plan.focus_blocks {
            lines.push(format!("  {}", block_line(&clock, b)));
        }
    }
    lines.push(summary(plan));
    lines.extend(afterword(prepared, plan, settings));
    let mut out = String::new();
    for line in lines {
        out.push_str(&one_line(&line));
        out.push('\n');
    }
    out
}

/// Escapes the Markdown punctuation that would change a title's meaning in
/// a table cell, after the one output rule ([`one_line`]): a line break
/// becomes a space, an escape sequence or a bidi override shows as U+FFFD.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        if matches!(
            c,
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown(prepared: &Prepared, plan: &Plan, settings: &PlanSettings) -> String {
    let clock = Clock::new(settings);
    let mut out = format!("## {}\n\n", md_escape(&heading(prepared, plan)));
    if plan.blocks.is_empty() {
        out.push_str("Nothing planned.\n\n");
    } else {
        out.push_str("| Time | What | Task |\n|---|---|---|\n");
        for b in &plan.blocks {
            let what = match (b.kind, b.done) {
                (BlockKind::Work, true) => "🍅 pomodoro (done)",
                (BlockKind::Work, false) => "🍅 pomodoro",
                (BlockKind::ShortBreak, _) => "break",
                (BlockKind::LongBreak, _) => "long break",
                (BlockKind::Busy, _) => "busy",
            };
            let task = b.task.as_ref().map_or(String::new(), |t| {
                let id =
                    t.id.as_ref()
                        .map_or(String::new(), |id| format!(" (#{id})"));
                format!("{}{id}", md_escape(&t.title))
            });
            out.push_str(&format!("| {} | {what} | {task} |\n", clock.span(b)));
        }
        out.push('\n');
    }
    if !plan.focus_blocks.is_empty() {
        out.push_str("| Block | Pomodoros | W |\n|---|---|---|\n");
        for b in &plan.focus_blocks {
            out.push_str(&format!(
                "| {}–{} | {} | {} |\n",
                clock.at(b.start),
                clock.at(b.end),
                b.pomodoros,
                block_length(b)
            ));
        }
        out.push('\n');
    }
    out.push_str(&md_escape(&summary(plan)));
    out.push('\n');
    let after = afterword(prepared, plan, settings);
    if !after.is_empty() {
        out.push('\n');
        for line in after {
            out.push_str(&format!("- {}\n", md_escape(&line)));
        }
    }
    out
}

mod schema {
    //! The JSON shape, kept apart from the planner's types so neither can
    //! change the other by accident.
    use serde::Serialize;

    #[derive(Serialize)]
    pub(super) struct Plan {
        pub(crate) schema: u32,
        pub(crate) date: String,
        pub(crate) window: Window,
        pub(crate) settings: Settings,
        pub(crate) done_today: u32,
        pub(crate) cycle_done: u32,
        pub(crate) capacity: u32,
        pub(crate) planned: u32,
        pub(crate) free: u32,
        pub(crate) blocks: Vec<Block>,
        pub(crate) over_capacity: Vec<Over>,
        pub over_estimate: Vec<OverEstimate>,
        pub(crate) notes: Vec<String>,
        pub(crate) block_size: u32,
        pub(crate) focus_blocks: Vec<FocusBlock>,
        pub(crate) daily_goal: u32,
        pub(crate) stopped_at_goal: bool,
        pub(crate) best_hours: Option<String>,
    }

    #[derive(Serialize)]
    pub(super) struct FocusBlock {
        pub(crate) start: String,
        pub(crate) end: String,
        pub(crate) pomodoros: u32,
        pub(crate) length_secs: i64,
    }

    #[derive(Serialize)]
    pub(super) struct Window {
        pub(crate) start: String,
        pub(crate) end: String,
    }

    #[derive(Serialize)]
    pub(super) struct Settings {
        pub(crate) work_secs: u64,
        pub(crate) short_break_secs: u64,
        pub(crate) long_break_secs: u64,
        pub(crate) long_break_every: u32,
    }

    #[derive(Serialize)]
    pub(super) struct Block {
        pub(crate) start: String,
        pub(crate) end: String,
        pub(crate) kind: &'static str,
        pub(crate) task: Option<Task>,
        pub(crate) done: bool,
    }

    #[derive(Serialize)]
    pub(super) struct Task {
        pub(crate) id: Option<String>,
        pub(crate) title: String,
    }

    #[derive(Serialize)]
    pub(super) struct Over {
        pub(crate) id: String,
        pub(crate) title: String,
        pub(crate) pomodoros: u32,
    }

    #[derive(Serialize)]
    pub(super) struct OverEstimate {
        pub id: String,
        pub title: String,
        pub estimate: u32,
        pub pomodoros: u32,
    }
}

fn rfc3339(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

#[derive(Serialize)]
struct JsonError {
    error: String,
}

fn json(prepared: &Prepared, plan: &Plan, settings: &PlanSettings) -> String {
    let doc = schema::Plan {
        schema: 1,
        date: prepared.date.to_string(),
        window: schema::Window {
            start: rfc3339(plan.window_start),
            end: rfc3339(plan.window_end),
        },
        settings: schema::Settings {
            work_secs: settings.work.as_secs(),
            short_break_secs: settings.short_break.as_secs(),
            long_break_secs: settings.long_break.as_secs(),
            long_break_every: settings.long_break_every,
        },
        done_today: plan.done_today,
        cycle_done: plan.cycle_done,
        capacity: plan.capacity,
        planned: plan.planned,
        free: plan.free(),
        blocks: plan
            .blocks
            .iter()
            .map(|b| schema::Block {
                start: rfc3339(b.start),
                end: rfc3339(b.end),
                kind: b.kind.as_str(),
                task: b.task.as_ref().map(|t| schema::Task {
                    id: t.id.clone(),
                    title: t.title.clone(),
                }),
                done: b.done,
            })
            .collect(),
        over_capacity: plan
            .over_capacity
            .iter()
            .map(|o| schema::Over {
                id: o.id.clone(),
                title: o.title.clone(),
                pomodoros: o.pomodoros,
            })
            .collect(),
        over_estimate: prepared
            .over_estimate
            .iter()
            .map(|o| schema::OverEstimate {
                id: o.id.clone(),
                title: o.title.clone(),
                estimate: o.estimate,
                pomodoros: o.pomodoros,
            })
            .collect(),
        notes: prepared.notes.clone(),
        block_size: plan.block,
        focus_blocks: plan
            .focus_blocks
            .iter()
            .map(|b| schema::FocusBlock {
                start: rfc3339(b.start),
                end: rfc3339(b.end),
                pomodoros: b.pomodoros,
                length_secs: b.length().num_seconds(),
            })
            .collect(),
        daily_goal: settings.daily_goal,
        stopped_at_goal: plan.stopped_at_goal,
        best_hours: hours_line(prepared, plan),
    };
    // Serialising plain strings and numbers cannot fail; if it somehow did,
    // a JSON error object is still something a script can read.
    let mut text = json_safe(serde_json::to_string_pretty(&doc).unwrap_or_else(|e| {
        serde_json::to_string(&JsonError {
            error: e.to_string(),
        })
        .unwrap_or_default()
    }));
    text.push('\n');
    text
}

/// An RFC 5545 TEXT value: backslash, semicolon, comma and newlines
/// escaped. TEXT may hold no other control character (RFC 5545 §3.3.11),
/// so the rest go out as in every other output
/// ([`crate::domain::text::one_line`]): a tab as a space, the others and
/// the bidi formatting characters as U+FFFD.
pub fn ics_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // CRLF is one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(shown(c)),
        }
    }
    out
}

/// One content line, folded at [`ICS_LINE_OCTETS`] octets (never inside a
/// UTF-8 character), each physical line ended by CRLF.
pub fn ics_fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / ICS_LINE_OCTETS * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > ICS_LINE_OCTETS {
            out.push_str("\r\n ");
            // The leading space is part of the continuation line's octets.
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

fn ics_time(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string()
}

/// The stable part of a block's UID: its local start and what it is for.
fn uid_base(b: &Block) -> String {
    let time = if b.start.second() == 0 {
        b.start.format("%Y-%m-%d-%H%M")
    } else {
        b.start.format("%Y-%m-%d-%H%M%S")
    };
    let what = match (b.kind, b.task.as_ref().and_then(|t| t.id.as_deref())) {
        (BlockKind::Work, Some(id)) => format!("task{id}"),
        (BlockKind::Work, None) => "work".to_owned(),
        (BlockKind::ShortBreak, _) => "short-break".to_owned(),
        (BlockKind::LongBreak, _) => "long-break".to_owned(),
        (BlockKind::Busy, _) => "busy".to_owned(),
    };
    format!("focus-{time}-{what}")
}

fn ics(plan: &Plan, now: DateTime<FixedOffset>) -> String {
    let mut out = String::new();
    let mut line = |s: &str| out.push_str(&ics_fold(s));
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//focus//focus plan//EN");
    line("CALSCALE:GREGORIAN");
    let stamp = ics_time(now);
    let mut used = std::collections::HashSet::new();
    for b in plan.blocks.iter().filter(|b| b.kind != BlockKind::Busy) {
        // Blocks start at distinct times, so the base is unique; the
        // counter only guards against overlapping records in the log.
        let base = uid_base(b);
        let mut uid = base.clone();
        let mut n = 1;
        while !used.insert(uid.clone()) {
            n += 1;
            uid = format!("{base}-{n}");
        }
        let summary = match b.kind {
            BlockKind::Work => {
                let title = b.task.as_ref().map_or("Pomodoro", |t| t.title.as_str());
                format!("🍅 {title}")
            }
            BlockKind::ShortBreak => "Short break".to_owned(),
            BlockKind::LongBreak => "Long break".to_owned(),
            BlockKind::Busy => "Busy".to_owned(),
        };
        line("BEGIN:VEVENT");
        line(&format!("UID:{uid}@focus"));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART:{}", ics_time(b.start)));
        line(&format!("DTEND:{}", ics_time(b.end)));
        line(&format!("SUMMARY:{}", ics_escape(&summary)));
        let block = plan.focus_blocks.iter().enumerate().find(|(_, f)| {
            b.kind == BlockKind::Work && !b.done && f.start <= b.start && b.end <= f.end
        });
        if let Some((i, f)) = block {
            line(&format!(
                "DESCRIPTION:{}",
                ics_escape(&format!(
                    "Block {} of {}: {}–{}, {}, W = {}",
                    i + 1,
                    plan.focus_blocks.len(),
                    clock(f.start),
                    clock(f.end),
                    pomodoros(f.pomodoros),
                    block_length(f)
                ))
            ));
        }
        // Breaks leave the time free for others to book; pomodoros do not.
        line(if b.kind == BlockKind::Work {
            "TRANSP:OPAQUE"
        } else {
            "TRANSP:TRANSPARENT"
        });
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}
