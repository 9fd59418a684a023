//! Busy time from a calendar: the events of an iCalendar file, already
//! parsed into plain values (the app reads and parses the file), expanded
//! to the occurrences that fall on a span of time.
//!
//! # What counts as busy
//!
//! * Timed events (`DTSTART` with a time), one occurrence or repeated by an
//!   `RRULE`: `FREQ` `DAILY`, `WEEKLY`, `MONTHLY` or `YEARLY`, with
//!   `INTERVAL`, `COUNT`, `UNTIL` and, for weekly rules, `BYDAY` of plain
//!   weekdays. `EXDATE`s and moved occurrences (`RECURRENCE-ID`) are taken
//!   out; a moved occurrence is its own event.
//! * Not busy: all-day events (a `DATE` start: holidays, birthdays and
//!   reminders mark a day, not hours of it), events marked
//!   `TRANSP:TRANSPARENT` (free time by the calendar's own word) and
//!   cancelled ones. Rules with other parts (`BYDAY=1MO`, `BYMONTHDAY`,
//!   `BYSETPOS`, …) are not expanded; such an event is named in a note and
//!   left out, rather than guessed at.
//! * Times: UTC times (`…Z`) are converted to the plan's UTC offset; times
//!   with a `TZID` and floating times are read as local clock times, since
//!   focus has no time zone database.

use chrono::{
    DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, NaiveDateTime, TimeDelta, Weekday,
};

use super::day::local;

/// A point in time as a calendar writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventTime {
    /// The date and clock time as written.
    pub at: NaiveDateTime,
    /// True for a UTC time (`…Z`); false for a local or floating one.
    pub utc: bool,
}

impl EventTime {
    /// The moment in the plan's UTC offset.
    fn resolve(self, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
        if self.utc {
            Some(self.at.and_utc().with_timezone(&offset))
        } else {
            local(self.at, offset)
        }
    }
}

/// How often a rule repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    /// Every `interval` days.
    Daily,
    /// Every `interval` weeks, on `by_day` (or the start's weekday).
    Weekly,
    /// Every `interval` months, on the start's day of the month.
    Monthly,
    /// Every `interval` years, on the start's month and day.
    Yearly,
}

/// An `RRULE`, the parts focus expands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// `FREQ`.
    pub freq: Freq,
    /// `INTERVAL`, at least 1.
    pub interval: u32,
    /// `COUNT`: occurrences in all, counted from the start.
    pub count: Option<u32>,
    /// `UNTIL`: the last start allowed (inclusive).
    pub until: Option<EventTime>,
    /// `BYDAY` of a weekly rule; empty for the start's weekday.
    pub by_day: Vec<Weekday>,
}

impl std::str::FromStr for Rule {
    type Err = String;

    /// Parses an `RRULE` value; a part focus cannot expand is an error
    /// naming it.
    fn from_str(s: &str) -> Result<Rule, String> {
        let mut freq = None;
        let mut rule = Rule {
            freq: Freq::Daily,
            interval: 1,
            count: None,
            until: None,
            by_day: Vec::new(),
        };
        for part in s.split(';').filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("{part:?} is not NAME=VALUE"))?;
            match k.to_ascii_uppercase().as_str() {
                "FREQ" => {
                    freq = Some(match v.to_ascii_uppercase().as_str() {
                        "DAILY" => Freq::Daily,
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        "YEARLY" => Freq::Yearly,
                        other => return Err(format!("FREQ={other} is not expanded")),
                    })
                }
                "INTERVAL" => {
                    rule.interval = v
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| format!("INTERVAL={v} is not a positive number"))?;
                }
                "COUNT" => {
                    rule.count = Some(
                        v.parse()
                            .map_err(|_| format!("COUNT={v} is not a number"))?,
                    );
                }
                "UNTIL" => {
                    rule.until = Some(
                        parse_time(v).ok_or_else(|| format!("UNTIL={v} is not a date or time"))?,
                    );
                }
                "BYDAY" => {
                    for d in v.split(',') {
                        rule.by_day.push(weekday(d).ok_or_else(|| {
                            format!("BYDAY={v} is not expanded (only plain weekdays are)")
                        })?);
                    }
                }
                // The week start only matters for BYDAY with INTERVAL > 1;
                // weeks are counted from Monday, the RFC's default.
                "WKST" => {}
                other => return Err(format!("{other} is not expanded")),
            }
        }
        rule.freq = freq.ok_or("it has no FREQ")?;
        if !rule.by_day.is_empty() && rule.freq != Freq::Weekly {
            return Err("BYDAY is only expanded in weekly rules".to_owned());
        }
        Ok(rule)
    }
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s.trim().to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// Parses an iCalendar `DATE-TIME` (`20261204T100000`, `…Z`) or `DATE`
/// (`20261204`, as midnight).
pub fn parse_time(s: &str) -> Option<EventTime> {
    let s = s.trim();
    let (body, utc) = match s.strip_suffix(['Z', 'z']) {
        Some(b) => (b, true),
        None => (s, false),
    };
    let at = if body.len() == 8 {
        NaiveDate::parse_from_str(body, "%Y%m%d")
            .ok()?
            .and_hms_opt(0, 0, 0)?
    } else {
        NaiveDateTime::parse_from_str(body, "%Y%m%dT%H%M%S").ok()?
    };
    Some(EventTime { at, utc })
}

/// One event of the file, as the app parsed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// `SUMMARY`, for notes.
    pub summary: String,
    /// `DTSTART`.
    pub start: EventTime,
    /// How long each occurrence lasts (`DTEND` − `DTSTART`, or
    /// `DURATION`).
    pub length: TimeDelta,
    /// True for a `DATE` start: not busy time.
    pub all_day: bool,
    /// False for `TRANSP:TRANSPARENT` or `STATUS:CANCELLED`.
    pub busy: bool,
    /// The `RRULE`, parsed; `Err` says what focus could not expand.
    pub rule: Option<Result<Rule, String>>,
    /// Starts taken out: `EXDATE`s and moved occurrences.
    pub except: Vec<EventTime>,
}

/// Busy spans as `(start, end)`.
pub type Spans = Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>)>;

/// The busy time the events hold within `[from, to)`, and notes on events
/// left out: the all-day events on `date` (the planned day) and the rules
/// not expanded.
pub fn busy_between(
    events: &[CalendarEvent],
    date: NaiveDate,
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
) -> (Spans, Vec<String>) {
    let offset = *from.offset();
    let mut busy = Vec::new();
    let mut notes = Vec::new();
    let mut all_day = 0;
    for e in events.iter().filter(|e| e.busy) {
        let starts = match &e.rule {
            None => vec![e.start],
            Some(Ok(rule)) => occurrences(e, rule, to, offset),
            Some(Err(why)) => {
                notes.push(format!(
                    "calendar event {:?} repeats by a rule focus does not expand ({why}); left out",
                    e.summary
                ));
                continue;
            }
        };
        let mut on_the_day = false;
        for s in starts {
            if e.except.iter().any(|x| same_time(*x, s, offset)) {
                continue;
            }
            if e.all_day {
                // A day from its date, however long the event.
                let last = (s.at + e.length.max(TimeDelta::days(1)) - TimeDelta::seconds(1)).date();
                on_the_day |= s.at.date() <= date && date <= last;
                continue;
            }
            let Some(start) = s.resolve(offset) else {
                continue;
            };
            let Some(end) = start.checked_add_signed(e.length) else {
                continue;
            };
            if start < to && end > from && start < end {
                busy.push((start, end));
            }
        }
        all_day += u32::from(on_the_day);
    }
    if all_day > 0 {
        notes.push(format!(
            "{all_day} all-day calendar event{} not planned around: they mark a day, not its hours",
            if all_day == 1 { " is" } else { "s are" }
        ));
    }
    busy.sort();
    (busy, notes)
}

fn same_time(a: EventTime, b: EventTime, offset: FixedOffset) -> bool {
    a == b || (a.resolve(offset).is_some() && a.resolve(offset) == b.resolve(offset))
}

/// Most starts a rule is walked through before giving up: a rule repeating
/// every second since 1970 must not hang the planner.
const MAX_STEPS: u32 = 200_000;

/// The rule's starts up to `to` (the caller filters the span).
fn occurrences(
    e: &CalendarEvent,
    rule: &Rule,
    to: DateTime<FixedOffset>,
    offset: FixedOffset,
) -> Vec<EventTime> {
    let mut out = Vec::new();
    let first = e.start;
    let time = first.at.time();
    let mut emitted: u32 = 0;
    let past_end = |t: EventTime| {
        t.resolve(offset).is_none_or(|s| s >= to)
            || rule.until.is_some_and(|u| {
                t.resolve(offset)
                    .zip(u.resolve(offset))
                    .is_some_and(|(t, u)| t > u)
            })
    };
    let mut push = |date: NaiveDate, out: &mut Vec<EventTime>| -> bool {
        let t = EventTime {
            at: date.and_time(time),
            utc: first.utc,
        };
        if t.at < first.at {
            return true;
        }
        if past_end(t) || rule.count.is_some_and(|c| emitted >= c) {
            return false;
        }
        emitted += 1;
        // Only the last day or so can matter; older starts are counted for
        // COUNT and dropped.
        if t.resolve(offset)
            .is_some_and(|s| s + e.length + TimeDelta::days(2) >= to)
        {
            out.push(t);
        }
        true
    };
    let d0 = first.at.date();
    for step in 0..MAX_STEPS {
        let n = step.saturating_mul(rule.interval);
        let go = match rule.freq {
            Freq::Daily => d0
                .checked_add_days(Days::new(u64::from(n)))
                .is_some_and(|d| push(d, &mut out)),
            Freq::Weekly => {
                let monday = d0 - TimeDelta::days(i64::from(d0.weekday().num_days_from_monday()));
                let Some(week) = monday.checked_add_days(Days::new(7 * u64::from(n))) else {
                    break;
                };
                let mut days = if rule.by_day.is_empty() {
                    vec![d0.weekday()]
                } else {
                    rule.by_day.clone()
                };
                days.sort_by_key(|d| d.num_days_from_monday());
                days.dedup();
                let mut go = true;
                for d in days {
                    let date = week + TimeDelta::days(i64::from(d.num_days_from_monday()));
                    if !push(date, &mut out) {
                        go = false;
                        break;
                    }
                }
                go
            }
            Freq::Monthly | Freq::Yearly => {
                let months = if rule.freq == Freq::Yearly {
                    n.saturating_mul(12)
                } else {
                    n
                };
                // A month without the day (the 31st in April) has no
                // occurrence, as RFC 5545 says; the walk goes on.
                let first_of = d0
                    .with_day(1)
                    .and_then(|d| d.checked_add_months(Months::new(months)));
                match first_of {
                    None => false,
                    Some(m) => match m.with_day(d0.day()) {
                        Some(d) => push(d, &mut out),
                        None => !past_end(EventTime {
                            at: m.and_time(time),
                            utc: first.utc,
                        }),
                    },
                }
            }
        };
        if !go {
            break;
        }
    }
    out
}
