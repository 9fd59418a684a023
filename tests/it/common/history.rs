//! Generated histories whose attention curve is known: each hour of the
//! working day has a true completion rate, mean rating, interruption rate
//! and distraction, and a seeded generator draws weeks of sessions from
//! them. A test then checks that what focus concludes is what was put in.

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Weekday};
use focus::domain::record::{
    CheckIn, Interruption, InterruptionKind, Kind, Outcome, RECORD_VERSION, Record,
};

/// How one hour of the day goes, on average.
#[derive(Debug, Clone, Copy)]
pub struct HourProfile {
    /// Clock hour.
    pub hour: u32,
    /// Sessions started in it per work day.
    pub sessions: u32,
    /// Percent of them completed.
    pub completion: u64,
    /// Mean focus rating ×10 (44 = 4.4); 0: never rated.
    pub rating_x10: u64,
    /// Interruptions per session ×10 (2 = 0.2).
    pub interruptions_x10: u64,
    /// What the interruption notes say, in turn.
    pub notes: &'static [&'static str],
}

/// A history to generate.
#[derive(Debug, Clone)]
pub struct History {
    /// The first day.
    pub from: NaiveDate,
    /// Work days (Monday to Friday) to fill.
    pub days: u32,
    /// The hours.
    pub hours: Vec<HourProfile>,
    /// Seed of the draws.
    pub seed: u64,
}

/// A steady, reproducible generator (xorshift64*): the same seed gives the
/// same history on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Six weeks from Monday 2 March 2026 with a post-lunch slump: 09:00–11:00
/// the best (97% completed, rating 4.5, 0.2 interruptions per pomodoro), 13:00 the
/// trough (44% completed, rating 2.2, Slack interrupting) — and the
/// *longest* hour at the desk, so a curve of minutes would call it a peak.
pub fn slump() -> History {
    let p = |hour, sessions, completion, rating_x10, interruptions_x10, notes| HourProfile {
        hour,
        sessions,
        completion,
        rating_x10,
        interruptions_x10,
        notes,
    };
    History {
        from: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        days: 30,
        hours: vec![
            p(9, 2, 97, 45, 2, &["email"]),
            p(10, 2, 97, 45, 2, &["Email!", "coffee"]),
            p(11, 2, 82, 36, 4, &["email", "#slack"]),
            p(
                13,
                3,
                44,
                22,
                12,
                &["#slack", "slack dm", "#slack", "lunch chat"],
            ),
            p(14, 2, 75, 33, 6, &["#slack", "phone"]),
            p(15, 2, 82, 36, 4, &["phone"]),
            p(16, 2, 82, 35, 5, &["email"]),
        ],
        seed: 7,
    }
}

/// `h` without any ratings: a log from before check-ins.
pub fn unrated(mut h: History) -> History {
    for p in &mut h.hours {
        p.rating_x10 = 0;
    }
    h
}

/// An evening person: 20:00–22:00 the best, 14:00 the dip.
pub fn evening() -> History {
    let p = |hour, completion, rating_x10, interruptions_x10| HourProfile {
        hour,
        sessions: 1,
        completion,
        rating_x10,
        interruptions_x10,
        notes: &["kids", "#news"],
    };
    History {
        from: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        days: 30,
        hours: vec![
            p(12, 80, 32, 5),
            p(13, 78, 31, 5),
            p(14, 40, 20, 14),
            p(15, 80, 32, 5),
            p(16, 80, 33, 5),
            p(20, 98, 47, 1),
            p(21, 98, 46, 1),
            p(22, 80, 35, 3),
        ],
        seed: 11,
    }
}

/// Every hour alike: nothing to name.
pub fn flat() -> History {
    History {
        from: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        days: 30,
        hours: (9..17)
            .map(|hour| HourProfile {
                hour,
                sessions: 1,
                completion: 90,
                rating_x10: 40,
                interruptions_x10: 3,
                notes: &["email"],
            })
            .collect(),
        seed: 3,
    }
}

/// The slump's shape over three days: far too few sessions to judge.
pub fn sparse() -> History {
    History { days: 3, ..slump() }
}

impl History {
    /// The last day it fills.
    pub fn last_day(&self) -> NaiveDate {
        self.work_days().last().copied().unwrap_or(self.from)
    }

    fn work_days(&self) -> Vec<NaiveDate> {
        self.from
            .iter_days()
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .take(self.days as usize)
            .collect()
    }

    /// The records, oldest first: each session starts at minute 0 or 30 of
    /// its hour (so it ends in the same hour), lasts 25 minutes when
    /// completed and 5–20 when abandoned, and carries a check-in when the
    /// hour is rated.
    pub fn records(&self) -> Vec<Record> {
        let mut rng = Rng(self.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let tz = FixedOffset::east_opt(3600).unwrap();
        let mut out = Vec::new();
        let mut n = 0u64;
        let mut note_turn = 0usize;
        for day in self.work_days() {
            for p in &self.hours {
                for s in 0..p.sessions {
                    n += 1;
                    let start = tz
                        .from_local_datetime(
                            &day.and_hms_opt(p.hour, (s * 30 / p.sessions.max(1)).min(30), 0)
                                .unwrap(),
                        )
                        .unwrap();
                    let done = rng.chance(p.completion);
                    let minutes = if done {
                        25
                    } else {
                        5 + (rng.next() % 16) as i64
                    };
                    let end = start + Duration::minutes(minutes);
                    // Interruptions: a whole part and a chance of one more.
                    let mut count = p.interruptions_x10 / 10;
                    if rng.chance((p.interruptions_x10 % 10) * 10) {
                        count += 1;
                    }
                    let interruptions = (0..count)
                        .map(|i| {
                            note_turn += 1;
                            Interruption {
                                at: start + Duration::minutes(1 + i as i64 % minutes.max(2)),
                                kind: if i % 2 == 0 {
                                    InterruptionKind::External
                                } else {
                                    InterruptionKind::Internal
                                },
                                note: Some(p.notes[note_turn % p.notes.len()].to_string()),
                            }
                        })
                        .collect();
                    let check_in = (p.rating_x10 > 0).then(|| {
                        // Around the mean: ±1 with equal chances, so the
                        // mean stays the profile's.
                        let base = p.rating_x10 / 10;
                        let frac = p.rating_x10 % 10;
                        let focus = if rng.chance(frac * 10) {
                            base + 1
                        } else {
                            base
                        };
                        CheckIn {
                            focus: focus.clamp(1, 5) as u8,
                            scale: 5,
                            energy: None,
                            distraction: None,
                        }
                    });
                    out.push(Record {
                        v: RECORD_VERSION,
                        id: format!("gen-{n:06}"),
                        kind: Kind::Work,
                        started_at: start,
                        ended_at: end,
                        planned_secs: 1500,
                        focused_secs: minutes as u64 * 60,
                        paused_secs: 0,
                        outcome: if done {
                            Outcome::Completed
                        } else {
                            Outcome::Abandoned
                        },
                        task: Some(format!("task {}", p.hour % 3)),
                        task_id: None,
                        tags: Vec::new(),
                        interruptions,
                        recovered: false,
                        clock_adjusted_secs: None,
                        away: Vec::new(),
                        check_in,
                    });
                }
            }
        }
        out
    }

    /// The records as log lines.
    pub fn jsonl(&self) -> String {
        self.records()
            .iter()
            .map(|r| serde_json::to_string(r).unwrap() + "\n")
            .collect()
    }
}
