//! A deterministic generator of realistic session logs, for tests and
//! benchmarks (`examples/gen_log.rs` writes one to a file).
//!
//! The same [`Spec`] always gives the same records, byte for byte: every
//! day is drawn from its own random stream, seeded from the spec's seed and
//! the date, so a day does not depend on the days around it. The log is
//! built backwards from [`Spec::end`] until it holds [`Spec::records`]
//! records (the oldest day is cut to fit) and is then produced oldest
//! first, one day at a time, so even a million records need no memory.
//!
//! What a generated history looks like:
//!
//! * working days (Monday to Friday; a weekend day now and then, a day off
//!   now and then) of 4 to 12 pomodoros, mostly between 08:30 and 19:00
//!   with a lunch gap, and an evening block (21:00 onwards, sometimes past
//!   midnight) on a few days;
//! * a short break after each completed pomodoro and a long one after every
//!   fourth; some pomodoros skipped or abandoned, some breaks skipped, some
//!   pauses;
//! * tasks with ids and tags (titles with commas, quotes, CJK and emoji
//!   among them), ad-hoc tasks with only a title, and work without a task;
//! * internal and external interruptions, about half with a note;
//! * a home offset that follows the EU's DST rule (+01:00 in winter, +02:00
//!   from the last Sunday of March to the last Sunday of October, switching
//!   at 01:00 UTC), and a few trips a year to other offsets, from −12:00 to
//!   +14:00.
//!
//! The last day ([`Spec::end`]) always has work on it.

use std::io::{self, Write};

use chrono::{
    DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset as _,
    TimeDelta, Timelike, Utc, Weekday,
};

use crate::domain::record::{
    Interruption, InterruptionKind, Kind, Outcome, RECORD_VERSION, Record,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// How many records.
    pub records: usize,
    /// The seed: the same seed gives the same log.
    pub seed: u64,
    /// The last day with records (in the local time of that day).
    pub end: NaiveDate,
}

impl Spec {
    /// `records` records ending on `end`, with seed 1.
    pub fn new(records: usize, end: NaiveDate) -> Spec {
        Spec {
            records,
            seed: 1,
            end,
        }
    }
}

/// A tiny pseudo-random generator (SplitMix64): plenty for fake data, and
/// small enough to keep the generator free of dependencies.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi` (`lo` when the range is empty).
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        // The modulo bias is far below anything these logs could show.
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One element of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

/// A random stream for one purpose on one day, independent of all others.
fn stream(seed: u64, date: NaiveDate, purpose: u64) -> Rng {
    let mut mix = Rng::new(
        seed ^ (date.num_days_from_ce() as u64).wrapping_mul(0x2545_F491_4F6C_DD1D)
            ^ purpose.wrapping_mul(0x9E37_79B9_7F4A_7C15),
    );
    Rng::new(mix.next_u64())
}

/// Tasks of the task list: id, title, tags.
const TASKS: &[(&str, &str, &[&str])] = &[
    ("T001", "Write quarterly report", &["writing"]),
    ("T002", "Review PR #412, then merge", &["code", "review"]),
    ("T003", "Fix \"flaky\" login test", &["code", "bug"]),
    ("T004", "読書: 技術書の第3章", &["learning"]),
    ("T005", "Plan sprint 🚀", &["planning"]),
    ("T006", "Refactor config loader", &["code"]),
    (
        "T007",
        "Prepare talk: \"Rust, fast and safe\"",
        &["writing", "talks"],
    ),
    ("T008", "Answer support tickets", &["admin"]),
    ("T009", "Design review notes", &["writing", "review"]),
    ("T010", "Migrate CI to new runners", &["ops"]),
    ("T011", "Budget, Q3 and Q4", &["admin", "planning"]),
    ("T012", "Profile the log reader", &["code", "perf"]),
    ("T013", "Interview prep", &["hiring"]),
    ("T014", "Update dependencies", &["code", "ops"]),
    ("T015", "Draft blog post", &["writing"]),
    (
        "T016",
        "Onboarding docs for new hires",
        &["writing", "hiring"],
    ),
    ("T017", "Investigate memory spike", &["code", "bug", "perf"]),
    ("T018", "Week planning", &["planning"]),
    ("T019", "Learn Japanese — 日本語", &["learning"]),
    ("T020", "Tax return, line by line", &["admin"]),
    ("T021", "Build the report command", &["code"]),
    ("T022", "Write tests for the\nparser", &["code", "testing"]),
    ("T023", "Customer call notes", &["admin"]),
    ("T024", "Read papers on attention", &["learning"]),
];

/// Tasks typed in on the spot, with a title and no id.
const AD_HOC: &[&str] = &[
    "Inbox zero",
    "Call with the bank",
    "Expenses",
    "Sketch ideas, roughly",
    "Slides for Monday",
];

const NOTES: &[&str] = &[
    "email",
    "Slack ping from Ana",
    "coffee",
    "phone call, \"urgent\"",
    "checked the news",
    "delivery at the door",
    "colleague question about the build",
    "remembered to pay the rent",
    "meeting reminder",
    "会議の連絡",
];

/// Offsets visited on trips, in seconds east of UTC.
const TRIP_OFFSETS: &[i32] = &[
    -12 * 3600,
    -8 * 3600,
    -5 * 3600,
    -3 * 3600,
    5 * 3600 + 1800,
    9 * 3600,
    14 * 3600,
];

/// The records of a spec, oldest first.
pub fn records(spec: &Spec) -> Records {
    // Walk back from the end until enough records exist; days are cheap to
    // draw, so drawing the older ones twice beats holding them.
    let mut day = spec.end;
    let mut total = 0usize;
    let mut skip = 0usize;
    while total < spec.records {
        let n = day_records(spec, day).len();
        total += n;
        if total >= spec.records {
            skip = total - spec.records;
            break;
        }
        match day.pred_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    Records {
        spec: *spec,
        day,
        today: Vec::new(),
        next: 0,
        skip,
        left: spec.records,
    }
}

/// Writes the records of `spec` as JSON Lines; returns how many.
pub fn write_jsonl(spec: &Spec, out: &mut impl Write) -> io::Result<usize> {
    let mut n = 0;
    for r in records(spec) {
        serde_json::to_writer(&mut *out, &r)?;
        out.write_all(b"\n")?;
        n += 1;
    }
    Ok(n)
}

/// The generated records, oldest first (see [`records`]).
#[derive(Debug, Clone)]
pub struct Records {
    spec: Spec,
    day: NaiveDate,
    today: Vec<Record>,
    next: usize,
    skip: usize,
    left: usize,
}

impl Iterator for Records {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while self.left > 0 {
            if self.next < self.today.len() {
                let r = std::mem::replace(&mut self.today[self.next], placeholder());
                self.next += 1;
                self.left -= 1;
                return Some(r);
            }
            if self.day > self.spec.end {
                return None;
            }
            self.today = day_records(&self.spec, self.day);
            self.next = std::mem::take(&mut self.skip).min(self.today.len());
            self.day = self.day.succ_opt()?;
        }
        None
    }
}

fn placeholder() -> Record {
    let at = DateTime::<Utc>::UNIX_EPOCH.fixed_offset();
    Record {
        v: RECORD_VERSION,
        id: String::new(),
        kind: Kind::Work,
        started_at: at,
        ended_at: at,
        planned_secs: 0,
        focused_secs: 0,
        paused_secs: 0,
        outcome: Outcome::Completed,
        task: None,
        task_id: None,
        tags: Vec::new(),
        interruptions: Vec::new(),
        recovered: false,
        clock_adjusted_secs: None,
        away: Vec::new(),
        check_in: None,
    }
}

/// The last Sunday of a month, when the EU's DST changes.
fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    let last = first_next
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MIN);
    last - Days::new(u64::from(last.weekday().num_days_from_sunday()))
}

/// The home offset at a UTC instant: the EU rule for a +01:00 zone.
fn home_offset(utc: NaiveDateTime) -> FixedOffset {
    let year = utc.year();
    let at_one = |d: NaiveDate| d.and_hms_opt(1, 0, 0).unwrap_or(NaiveDateTime::MIN);
    let summer = utc >= at_one(last_sunday(year, 3)) && utc < at_one(last_sunday(year, 10));
    FixedOffset::east_opt(if summer { 7200 } else { 3600 }).unwrap_or(Utc.fix())
}

/// The offset of a trip that covers `date`, if one does: trips are drawn
/// per week, so several days of one trip share it.
fn trip_offset(seed: u64, date: NaiveDate) -> Option<FixedOffset> {
    let monday = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
    let mut rng = stream(seed, monday, 7);
    if !rng.chance(6) {
        return None;
    }
    let first = rng.range(1, 3) as u32; // Tuesday to Thursday
    let len = rng.range(1, 3) as u32;
    let idx = date.weekday().num_days_from_monday();
    let offset = *rng.pick(TRIP_OFFSETS);
    (first..first + len)
        .contains(&idx)
        .then(|| FixedOffset::east_opt(offset))
        .flatten()
}

/// A ULID-shaped id: 48 bits of milliseconds and 80 random bits in
/// Crockford's base 32.
fn ulid(ms: i64, rng: &mut Rng) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let value: u128 = (u128::from(ms.max(0) as u64 & 0xFFFF_FFFF_FFFF) << 80)
        | (u128::from(rng.next_u64()) << 16)
        | u128::from(rng.next_u64() & 0xFFFF);
    (0..26)
        .rev()
        .map(|i| ALPHABET[((value >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// Builds one day's records: all timestamps are produced as UTC instants
/// and stamped with the offset in force where the user was at that instant.
struct Day {
    rng: Rng,
    trip: Option<FixedOffset>,
    out: Vec<Record>,
}

impl Day {
    fn stamp(&self, utc: NaiveDateTime) -> DateTime<FixedOffset> {
        let offset = self.trip.unwrap_or_else(|| home_offset(utc));
        DateTime::<Utc>::from_naive_utc_and_offset(utc, Utc).with_timezone(&offset)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: Kind,
        start: NaiveDateTime,
        planned: u64,
        focused: u64,
        paused: u64,
        outcome: Outcome,
        task: &TaskPick,
        interruptions: Vec<Interruption>,
    ) -> NaiveDateTime {
        let end = start + TimeDelta::seconds((focused + paused) as i64);
        let ms = start.and_utc().timestamp_millis();
        let id = ulid(ms, &mut self.rng);
        let (task, task_id, tags) = match (kind, task) {
            (Kind::Work, TaskPick::Listed(i)) => {
                let (id, title, tags) = TASKS[*i];
                (
                    Some(title.to_string()),
                    Some(id.to_string()),
                    tags.iter().map(|t| t.to_string()).collect(),
                )
            }
            (Kind::Work, TaskPick::AdHoc(title)) => (Some(title.to_string()), None, Vec::new()),
            _ => (None, None, Vec::new()),
        };
        self.out.push(Record {
            v: RECORD_VERSION,
            id,
            kind,
            started_at: self.stamp(start),
            ended_at: self.stamp(end),
            planned_secs: planned,
            focused_secs: focused,
            paused_secs: paused,
            outcome,
            task,
            task_id,
            tags,
            interruptions,
            recovered: false,
            clock_adjusted_secs: None,
            away: Vec::new(),
            check_in: None,
        });
        end
    }

    /// One work session and the break after it; returns when the next can
    /// start.
    fn pomodoro(&mut self, start: NaiveDateTime, task: &TaskPick, done: &mut u32) -> NaiveDateTime {
        let roll = self.rng.range(0, 99);
        let outcome = match roll {
            0..=85 => Outcome::Completed,
            86..=93 => Outcome::Skipped,
            _ => Outcome::Abandoned,
        };
        let focused = if outcome == Outcome::Completed {
            1500
        } else {
            self.rng.range(60, 1400)
        };
        let paused = if self.rng.chance(15) {
            self.rng.range(20, 400)
        } else {
            0
        };
        let count = match self.rng.range(0, 99) {
            0..=64 => 0,
            65..=89 => 1,
            90..=97 => 2,
            _ => 3,
        };
        let mut interruptions = Vec::new();
        for _ in 0..count {
            let at = start + TimeDelta::seconds(self.rng.range(10, focused + paused) as i64);
            let kind = if self.rng.chance(60) {
                InterruptionKind::Internal
            } else {
                InterruptionKind::External
            };
            let note = self
                .rng
                .chance(50)
                .then(|| self.rng.pick(NOTES).to_string());
            interruptions.push(Interruption {
                at: self.stamp(at),
                kind,
                note,
            });
        }
        interruptions.sort_by_key(|i| i.at);
        let end = self.push(
            Kind::Work,
            start,
            1500,
            focused,
            paused,
            outcome,
            task,
            interruptions,
        );
        if outcome != Outcome::Completed {
            return end + TimeDelta::seconds(self.rng.range(30, 300) as i64);
        }
        *done += 1;
        let (kind, planned) = if done.is_multiple_of(4) {
            (Kind::LongBreak, 900)
        } else {
            (Kind::ShortBreak, 300)
        };
        let start = end + TimeDelta::seconds(self.rng.range(0, 45) as i64);
        let (outcome, secs) = if self.rng.chance(12) {
            (Outcome::Skipped, self.rng.range(10, planned - 1))
        } else {
            (Outcome::Completed, planned)
        };
        let end = self.push(
            kind,
            start,
            planned,
            secs,
            0,
            outcome,
            &TaskPick::None,
            Vec::new(),
        );
        let gap = if self.rng.chance(10) {
            self.rng.range(900, 3600)
        } else {
            self.rng.range(0, 420)
        };
        end + TimeDelta::seconds(gap as i64)
    }
}

enum TaskPick {
    Listed(usize),
    AdHoc(&'static str),
    None,
}

/// Every record of one day, in time order.
fn day_records(spec: &Spec, date: NaiveDate) -> Vec<Record> {
    let mut rng = stream(spec.seed, date, 1);
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    let last = date == spec.end;
    let active = last
        || if weekend {
            rng.chance(10)
        } else {
            !rng.chance(7)
        };
    if !active {
        return Vec::new();
    }
    let pomodoros = if weekend {
        rng.range(2, 5)
    } else {
        rng.range(4, 12)
    } as u32;
    let trip = trip_offset(spec.seed, date);
    // Around a change of offset the day starts late and the evening before
    // stays free, so that no day overlaps the one before it in real time
    // (a morning at +14:00 is the previous evening in Europe).
    let arriving = date.pred_opt().map(|d| trip_offset(spec.seed, d)) != Some(trip);
    let leaving = date.succ_opt().map(|d| trip_offset(spec.seed, d)) != Some(trip);
    let evening = rng.chance(8) && !leaving;
    // Tasks drift over the weeks like projects do: each week draws from a
    // window of the list that moves along it.
    let week = (date.num_days_from_ce() / 7) as usize;
    let day_tasks: Vec<usize> = (0..rng.range(1, 4))
        .map(|_| (week * 2 + rng.range(0, 7) as usize) % TASKS.len())
        .collect();

    let offset_guess = trip.unwrap_or_else(|| home_offset(date.and_time(NaiveTime::MIN)));
    let (hour, minute) = if arriving { (10, 0) } else { (8, 30) };
    let local_start = date
        .and_hms_opt(hour, minute, 0)
        .unwrap_or(NaiveDateTime::MIN)
        + TimeDelta::minutes(rng.range(0, 90) as i64);
    let to_utc =
        |local: NaiveDateTime| local - TimeDelta::seconds(offset_guess.local_minus_utc().into());

    let mut day = Day {
        rng: stream(spec.seed, date, 2),
        trip,
        out: Vec::new(),
    };
    let mut t = to_utc(local_start);
    let mut lunch = false;
    let mut done = 0u32;
    let mut task_rng = stream(spec.seed, date, 3);
    let mut current = *task_rng.pick(&day_tasks);
    let mut pick = |task_rng: &mut Rng| -> TaskPick {
        match task_rng.range(0, 99) {
            0..=3 => TaskPick::None,
            4..=12 => TaskPick::AdHoc(task_rng.pick::<&str>(AD_HOC)),
            _ => {
                // Stay on a task for a while, as people do.
                if task_rng.chance(35) {
                    current = *task_rng.pick(&day_tasks);
                }
                TaskPick::Listed(current)
            }
        }
    };
    let mut worked = 0;
    while worked < pomodoros {
        let local = day.stamp(t).naive_local();
        if local.hour() >= 19 {
            break;
        }
        if !lunch && local.hour() >= 12 {
            lunch = true;
            t += TimeDelta::minutes(day.rng.range(40, 80) as i64);
            continue;
        }
        let task = pick(&mut task_rng);
        t = day.pomodoro(t, &task, &mut done);
        worked += 1;
    }
    if evening {
        let start = date.and_hms_opt(21, 0, 0).unwrap_or(NaiveDateTime::MIN)
            + TimeDelta::minutes(day.rng.range(0, 150) as i64);
        let mut t = to_utc(start).max(t);
        for _ in 0..day.rng.range(1, 4) {
            let task = pick(&mut task_rng);
            t = day.pomodoro(t, &task, &mut done);
        }
    }
    day.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn the_same_spec_gives_the_same_bytes() {
        let spec = Spec {
            records: 500,
            seed: 7,
            end: date("2025-06-30"),
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        assert_eq!(write_jsonl(&spec, &mut a).expect("write"), 500);
        write_jsonl(&spec, &mut b).expect("write");
        assert_eq!(a, b);
        let mut c = Vec::new();
        write_jsonl(&Spec { seed: 8, ..spec }, &mut c).expect("write");
        assert_ne!(a, c, "another seed gives another log");
    }

    #[test]
    fn exactly_n_records_in_order_ending_on_the_end_day() {
        for n in [0, 1, 17, 2000] {
            let spec = Spec::new(n, date("2026-03-29"));
            let recs: Vec<Record> = records(&spec).collect();
            assert_eq!(recs.len(), n);
            for w in recs.windows(2) {
                assert!(
                    w[0].ended_at <= w[1].started_at,
                    "{:?} then {:?}",
                    w[0].id,
                    w[1].id
                );
            }
            if let Some(last) = recs.last() {
                let days_off = (last.ended_at.date_naive() - spec.end).num_days();
                assert!((0..=1).contains(&days_off), "{}", last.ended_at);
            }
        }
    }

    #[test]
    fn a_long_log_has_everything_a_real_one_has() {
        let spec = Spec::new(20_000, date("2026-03-29"));
        let recs: Vec<Record> = records(&spec).collect();
        let offsets: std::collections::BTreeSet<i32> = recs
            .iter()
            .map(|r| r.ended_at.offset().local_minus_utc())
            .collect();
        assert!(
            offsets.contains(&3600) && offsets.contains(&7200),
            "{offsets:?}"
        );
        assert!(offsets.len() > 3, "trips to other offsets: {offsets:?}");
        for w in recs.windows(2) {
            assert!(
                w[0].ended_at <= w[1].started_at,
                "{:?} then {:?}",
                w[0],
                w[1]
            );
        }
        for kind in [Kind::Work, Kind::ShortBreak, Kind::LongBreak] {
            assert!(recs.iter().any(|r| r.kind == kind), "{kind:?}");
        }
        for outcome in [Outcome::Completed, Outcome::Skipped, Outcome::Abandoned] {
            assert!(recs.iter().any(|r| r.outcome == outcome), "{outcome:?}");
        }
        assert!(recs.iter().any(|r| r.task_id.is_none() && r.task.is_some()));
        assert!(
            recs.iter()
                .any(|r| r.kind == Kind::Work && r.task.is_none())
        );
        assert!(
            recs.iter()
                .any(|r| r.interruptions.iter().any(|i| i.note.is_some()))
        );
        assert!(
            recs.iter()
                .any(|r| r.kind == Kind::Work && r.ended_at.hour() >= 21),
            "evening sessions"
        );
        assert!(
            recs.iter()
                .any(|r| r.started_at.date_naive() != r.ended_at.date_naive()),
            "sessions across midnight"
        );
        let ids: std::collections::HashSet<&str> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), recs.len(), "ids are unique");
        assert!(recs.iter().all(|r| r.id.len() == 26));
    }

    #[test]
    fn dst_follows_the_eu_rule() {
        assert_eq!(last_sunday(2026, 3), date("2026-03-29"));
        assert_eq!(last_sunday(2026, 10), date("2026-10-25"));
        let utc = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time");
        assert_eq!(home_offset(utc("2026-03-29 00:59")).local_minus_utc(), 3600);
        assert_eq!(home_offset(utc("2026-03-29 01:00")).local_minus_utc(), 7200);
        assert_eq!(home_offset(utc("2026-10-25 00:59")).local_minus_utc(), 7200);
        assert_eq!(home_offset(utc("2026-10-25 01:00")).local_minus_utc(), 3600);
    }
}
