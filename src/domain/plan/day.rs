//! One day's planning input: the window, the busy slots, the tasks still
//! open and what the day's log already holds, gathered without I/O so the
//! CLI and the TUI's Plan screen lay out the same plan.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use chrono::{
    DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Timelike,
};

use super::{Block, BlockKind, BlockTask, PlanInput, PlanTask};
use crate::domain::duration::format_span;
use crate::domain::record::Outcome;
use crate::domain::record::{Kind, Record};
use crate::domain::tasks::TaskList;
use crate::domain::time::day_of;

/// Longest window (or busy slot) whose end may be earlier than its start,
/// read as crossing midnight.
pub(crate) const MAX_OVERNIGHT: TimeDelta = TimeDelta::hours(12);

/// A span of clock time, `HH:MM-HH:MM`: a busy slot or the workday. The end
/// may be earlier than the start (crossing midnight) within
/// [`MAX_OVERNIGHT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Slot {
    /// Where it starts.
    pub start: NaiveTime,
    /// Where it ends.
    pub end: NaiveTime,
}

impl Slot {
    /// A slot from `start` to `end`, if it is not empty and, when it
    /// crosses midnight, no longer than [`MAX_OVERNIGHT`].
    pub(crate) fn new(start: NaiveTime, end: NaiveTime) -> Result<Slot, String> {
        let slot = Slot { start, end };
        if start == end {
            return Err(format!("{slot} is empty: it starts and ends at once"));
        }
        if end < start && slot.length() > MAX_OVERNIGHT {
            return Err(format!(
                "{slot} ends before it starts; a slot may cross midnight, but this one would last {}",
                format_span(slot.length())
            ));
        }
        Ok(slot)
    }

    /// How long it lasts, crossing midnight when the end is earlier.
    pub(crate) fn length(&self) -> TimeDelta {
        let d = self.end.signed_duration_since(self.start);
        if d <= TimeDelta::zero() {
            d + TimeDelta::days(1)
        } else {
            d
        }
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

impl FromStr for Slot {
    type Err = String;

    /// Parses `HH:MM-HH:MM` (an en dash works too, spaces around are
    /// ignored), for `--busy` and for config values.
    fn from_str(s: &str) -> Result<Slot, String> {
        let (a, b) = s
            .split_once(['-', '–'])
            .ok_or_else(|| format!("expected a slot like 12:00-13:00, found {s:?}"))?;
        Slot::new(parse_clock(a)?, parse_clock(b)?)
    }
}

/// Parses a 24-hour clock time, `HH:MM` or `H:MM`, for `--from`, `--to`
/// and config values.
pub fn parse_clock(s: &str) -> Result<NaiveTime, String> {
    let bad = || format!("expected a time like 09:00 (HH:MM, 24-hour clock), found {s:?}");
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 1..=2) || !digits(m, 2..=2) {
        return Err(bad());
    }
    let (h, m) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// The settings `focus plan` takes from the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSettings {
    /// Length of a pomodoro (`work`).
    pub work: Duration,
    /// Length of a short break (`short_break`).
    pub short_break: Duration,
    /// Length of a long break (`long_break`).
    pub long_break: Duration,
    /// Pomodoros per long-break cycle (`long_break_every`).
    pub long_break_every: u32,
    /// When a new day starts for counting (`day_starts_at`).
    pub day_starts_at: NaiveTime,
    /// The default window (`workday`).
    pub workday: Slot,
    /// Recurring fixed appointments (the config's busy list).
    pub busy: Vec<Slot>,
    /// Pomodoros a day should hold (`daily_goal`); 0 for no goal.
    pub daily_goal: u32,
}

/// What a plan is asked for: the window (each end defaults to the
/// workday's), extra busy slots and the day (default: today).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DayRequest {
    /// Start of the window.
    pub(crate) from: Option<NaiveTime>,
    /// End of the window; earlier than `from` crosses midnight.
    pub(crate) to: Option<NaiveTime>,
    /// Busy slots besides the configured ones.
    pub(crate) busy: Vec<Slot>,
    /// The focus day to plan.
    pub(crate) date: Option<NaiveDate>,
    /// Pomodoros per block; `None` for `long_break_every`.
    pub(crate) block: Option<u32>,
    /// Plan past the daily goal.
    pub(crate) fill: bool,
    /// Appointments of that day from a calendar file, already placed.
    pub(crate) events: Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
    /// The attention curve's peaks and troughs, when it has found them.
    pub(crate) best_hours: Option<super::BestHours>,
}

/// A window that cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    /// The window ends before it starts (and is too long to be read as
    /// crossing midnight).
    #[error(
        "{to_what} {to} is before {from_what} {from}; a window may cross midnight, but {from}-{to} would last {}",
        format_span(*length)
    )]
    Backwards {
        /// The start's clock time.
        from: String,
        /// `--from` or "the workday start (config)".
        from_what: &'static str,
        /// The end's clock time.
        to: String,
        /// `--to` or "the workday end (config)".
        to_what: &'static str,
        /// How long the window would be, read as crossing midnight.
        length: TimeDelta,
    },
    /// The window starts and ends at the same time.
    #[error("the window {from}-{to} is empty: {from_what} and {to_what} are the same time")]
    EmptyWindow {
        /// The start's clock time.
        from: String,
        /// What gave it.
        from_what: &'static str,
        /// The end's clock time.
        to: String,
        /// What gave it.
        to_what: &'static str,
    },
    /// The date and time cannot be represented.
    #[error("cannot plan {date}: the date is out of range")]
    DateOutOfRange {
        /// The date asked for.
        date: NaiveDate,
    },
}

/// Everything gathered for a plan, before laying it out: what a view needs
/// to call [`plan`] itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Prepared {
    /// The focus day planned.
    pub(crate) date: NaiveDate,
    /// The planner's input.
    pub(crate) input: PlanInput,
    /// Things the user should know (busy slots ignored, the window over).
    pub(crate) notes: Vec<String>,
    /// Open tasks that have used their estimate, in priority order.
    pub over_estimate: Vec<OverEstimate>,
    /// What the attention curve says about where the work goes, as a
    /// sentence naming its evidence; `None` when it was not asked.
    pub(crate) hours_line: Option<String>,
}

/// An open task whose pomodoros have reached its estimate. The planner has
/// nothing left to give it, but it is not done, so it is listed rather than
/// dropped: Cirillo's answer is a second estimate (or marking it done), a
/// decision for the user, not a number for the planner to guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverEstimate {
    /// The task list id.
    pub id: String,
    /// The title.
    pub title: String,
    /// Its estimate.
    pub estimate: u32,
    /// Completed pomodoros spent on it: the estimate or more.
    pub pomodoros: u32,
}

/// The planner's input from a task list and the day's records, already in
/// hand: no I/O, so the TUI can plan from its own state on every frame.
/// `day` holds the records of the planned focus day, in end order.
pub(crate) fn assemble(
    args: &DayRequest,
    settings: &PlanSettings,
    list: &TaskList,
    day: &[Record],
    now: DateTime<FixedOffset>,
) -> Result<Prepared, WindowError> {
    let dsa = settings.day_starts_at;
    let today = day_of(now, dsa);
    let date = args.date.unwrap_or(today);
    let offset = *now.offset();
    let mut notes = Vec::new();

    let (from, from_what) = match args.from {
        Some(t) => (t, "--from"),
        None => (settings.workday.start, "the workday start (config)"),
    };
    let (to, to_what) = match args.to {
        Some(t) => (t, "--to"),
        None => (settings.workday.end, "the workday end (config)"),
    };
    let length = window_length(from, from_what, to, to_what)?;
    let out_of_range = || WindowError::DateOutOfRange { date };
    let start_naive = on_focus_day(date, from, dsa).ok_or_else(out_of_range)?;
    let mut window_start = local(start_naive, offset).ok_or_else(out_of_range)?;
    let window_end = window_start
        .checked_add_signed(length)
        .ok_or_else(out_of_range)?;
    let asked = format!("{}-{}", clock(window_start), clock(window_end));
    if args.from.is_none() && date == today {
        let now = ceil_minute(now);
        if now > window_start {
            window_start = now.min(window_end);
        }
        if window_start >= window_end {
            notes.push(format!(
                "the window {asked} is over; plan another with --from and --to, or another day with --date"
            ));
        }
    }

    let mut busy = Vec::new();
    let slots = settings
        .busy
        .iter()
        .map(|s| (s, false))
        .chain(args.busy.iter().map(|s| (s, true)));
    for (slot, from_command_line) in slots {
        let placed = place(slot, window_start, window_end);
        if from_command_line && window_start < window_end {
            match placed {
                None => notes.push(format!(
                    "busy {slot} is outside the window {}-{}; ignored",
                    clock(window_start),
                    clock(window_end)
                )),
                Some((s, e)) if s < window_start || e > window_end => notes.push(format!(
                    "busy {slot} is partly outside the window {}-{}; only {}-{} is planned around",
                    clock(window_start),
                    clock(window_end),
                    clock(s.max(window_start)),
                    clock(e.min(window_end)),
                )),
                Some(_) => {}
            }
        }
        busy.extend(placed);
    }
    busy.extend(args.events.iter().copied());

    let open: Vec<_> = list.sorted().into_iter().filter(|t| !t.done).collect();
    let tasks = open
        .iter()
        .map(|t| PlanTask {
            id: t.id.clone(),
            title: t.title.clone(),
            remaining: t.estimate.saturating_sub(t.pomodoros),
        })
        .collect();
    let over_estimate = open
        .iter()
        .filter(|t| t.pomodoros >= t.estimate)
        .map(|t| OverEstimate {
            id: t.id.clone(),
            title: t.title.clone(),
            estimate: t.estimate,
            pomodoros: t.pomodoros,
        })
        .collect();

    let done_today = day.iter().filter(|r| r.is_pomodoro()).count();
    let cycle_done = cycle_position(day);
    let past = day
        .iter()
        .filter(|r| r.is_pomodoro())
        .map(|r| Block {
            start: r.started_at.with_timezone(&offset),
            end: r.ended_at.with_timezone(&offset),
            kind: BlockKind::Work,
            task: r.task.as_ref().map(|title| BlockTask {
                id: r.task_id.clone(),
                title: title.clone(),
            }),
            done: true,
        })
        .collect();

    Ok(Prepared {
        date,
        input: PlanInput {
            window_start,
            window_end,
            busy,
            work: settings.work,
            short_break: settings.short_break,
            long_break: settings.long_break,
            long_break_every: settings.long_break_every,
            cycle_done,
            done_today: u32::try_from(done_today).unwrap_or(u32::MAX),
            tasks,
            past,
            block: args.block.unwrap_or(0),
            goal: (settings.daily_goal > 0 && !args.fill).then(|| {
                settings
                    .daily_goal
                    .saturating_sub(u32::try_from(done_today).unwrap_or(u32::MAX))
            }),
            best_hours: args.best_hours.clone(),
        },
        notes,
        over_estimate,
        hours_line: None,
    })
}

/// The window's length from clock times, crossing midnight when `to` is
/// earlier, within [`MAX_OVERNIGHT`].
fn window_length(
    from: NaiveTime,
    from_what: &'static str,
    to: NaiveTime,
    to_what: &'static str,
) -> Result<TimeDelta, WindowError> {
    let hm = |t: NaiveTime| t.format("%H:%M").to_string();
    if from == to {
        return Err(WindowError::EmptyWindow {
            from: hm(from),
            from_what,
            to: hm(to),
            to_what,
        });
    }
    let length = Slot {
        start: from,
        end: to,
    }
    .length();
    if to < from && length > MAX_OVERNIGHT {
        return Err(WindowError::Backwards {
            from: hm(from),
            from_what,
            to: hm(to),
            to_what,
            length,
        });
    }
    Ok(length)
}

/// The moment `time` on the focus day `date`: times before `day_starts_at`
/// belong to the night after the date.
fn on_focus_day(
    date: NaiveDate,
    time: NaiveTime,
    day_starts_at: NaiveTime,
) -> Option<NaiveDateTime> {
    let date = if time < day_starts_at {
        date.succ_opt()?
    } else {
        date
    };
    Some(date.and_time(time))
}

pub(crate) fn local(t: NaiveDateTime, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    offset.from_local_datetime(&t).single()
}

/// The slot on the day (before, of or after the window's start) that puts
/// it in the window, if any.
fn place(
    slot: &Slot,
    window_start: DateTime<FixedOffset>,
    window_end: DateTime<FixedOffset>,
) -> Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
    let day = window_start.date_naive();
    [day.pred_opt(), Some(day), day.succ_opt()]
        .into_iter()
        .flatten()
        .filter_map(|d| {
            let s = local(d.and_time(slot.start), *window_start.offset())?;
            Some((s, s.checked_add_signed(slot.length())?))
        })
        .find(|&(s, e)| s < window_end && e > window_start)
}

/// Completed pomodoros after the day's last long break that was taken or
/// skipped; an abandoned long break is still due, as in the timer.
fn cycle_position(day: &[Record]) -> u32 {
    let since = day
        .iter()
        .rposition(|r| {
            r.kind == Kind::LongBreak && matches!(r.outcome, Outcome::Completed | Outcome::Skipped)
        })
        .map_or(0, |i| i + 1);
    let n = day[since..].iter().filter(|r| r.is_pomodoro()).count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(crate) fn clock(t: DateTime<FixedOffset>) -> String {
    t.format("%H:%M").to_string()
}

/// `t` rounded up to a whole minute.
fn ceil_minute(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    if t.second() == 0 && t.nanosecond() == 0 {
        return t;
    }
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .and_then(|t| t.checked_add_signed(TimeDelta::minutes(1)))
        .unwrap_or(t)
}
