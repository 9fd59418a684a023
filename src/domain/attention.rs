//! How well someone attended, hour by hour, and what distracted them.
//!
//! Minutes at the desk say how long someone sat, not how well they
//! attended; an hour full of abandoned pomodoros and interruptions is not a
//! peak however many minutes it holds. This module reads an hour-of-day
//! curve of [`Tally`]s (from [`crate::domain::review::Review::hours`]) as:
//!
//! * **completion**: completed pomodoros over work sessions ended in the
//!   hour (skipped and abandoned ones included);
//! * **rating**: the mean focus rating of the check-ins, on 1–5;
//! * **interruptions per pomodoro**: the interruptions of the sessions
//!   ended in the hour over those sessions;
//!
//! and combines them into one **attention score**, 0–100 (see
//! [`crate::domain::record::attention_score`]).
//! Every figure carries the number of sessions it stands on, and a peak or
//! a trough is only named among hours with at least [`MIN_SESSIONS`]
//! sessions, and only when at least [`MIN_HOURS`] hours have that many;
//! otherwise [`Verdict::NotEnough`] says how far the data is.
//!
//! Distractions (interruption notes and check-in causes) are grouped into
//! factors by [`Factors::factor_of`] (`domain::factors`).
//!
//! Pure: no I/O, no clock.

pub use crate::domain::factors::{Factors, fold};
use crate::domain::review::{FactorRow, Tally};
use crate::domain::text::{one_line, plural};

/// An hour is judged only on at least this many work sessions: with fewer,
/// one bad afternoon moves its completion by more than the gap between a
/// peak and a trough.
pub const MIN_SESSIONS: u32 = 8;

/// Peaks and troughs are named only when at least this many hours can be
/// judged: with fewer there is no curve to have a shape.
pub const MIN_HOURS: usize = 3;

/// Hours scoring within this many points of the best are peaks with it.
pub const PEAK_MARGIN: f64 = 5.0;

/// An hour is a trough only when it scores at least this many points
/// below the median hour: a curve flatter than this has no dip worth a
/// sentence.
pub const TROUGH_GAP: f64 = 10.0;

/// How many sessions' worth of the pooled spread an hour's own spread is
/// blended with (see [`verdict`]).
const PRIOR_SESSIONS: f64 = 8.0;

/// One hour of the attention curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HourStat {
    /// Clock hour, 0–23.
    pub hour: u32,
    /// Work sessions that ended in it, of any outcome: what every figure
    /// below stands on.
    pub sessions: u32,
    /// Of those, completed.
    pub pomodoros: u32,
    /// `pomodoros / sessions`.
    pub completion: Option<f64>,
    /// Sessions with a focus rating.
    pub rated: u32,
    /// Their mean rating, 1–5.
    pub rating: Option<f64>,
    /// Mean energy, 1–5, when the check-in asks for it.
    pub energy: Option<f64>,
    /// Interruptions of those sessions.
    pub interruptions: u32,
    /// Interruptions per session.
    pub per_session: Option<f64>,
    /// Seconds of focus in the hour (split rule), of any outcome.
    pub focused_secs: u64,
    /// The attention score, 0–100: the mean of its sessions'
    /// ([`crate::domain::record::Record::attention_score`]), when it has sessions.
    pub score: Option<f64>,
    /// The sample standard deviation of its sessions' scores.
    pub score_sd: f64,
}

impl HourStat {
    /// The hour `hour` of a curve.
    pub fn of(hour: u32, t: &Tally) -> HourStat {
        let completion = t.completion();
        let rating = t.mean_rating();
        let per_session = t.interruptions_per_session();
        HourStat {
            hour,
            sessions: t.work_sessions,
            pomodoros: t.pomodoros,
            completion,
            rated: t.rated,
            rating,
            energy: t.mean_energy(),
            interruptions: t.session_interruptions,
            per_session,
            focused_secs: t.focused_secs,
            score: t.score().map(|(m, _)| m),
            score_sd: t.score().map_or(0.0, |(_, sd)| sd),
        }
    }

    /// True when it has enough sessions to be judged.
    pub fn judged(&self) -> bool {
        self.sessions >= MIN_SESSIONS
    }
}

/// The 24 hours of a curve.
pub fn curve(hours: &[Tally; 24]) -> [HourStat; 24] {
    std::array::from_fn(|h| HourStat::of(h as u32, &hours[h]))
}

/// Consecutive clock hours `from..to` (`to` exclusive: 9..11 is
/// 09:00–11:00, the hours 9 and 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    /// First hour.
    pub from: u32,
    /// The hour after the last.
    pub to: u32,
}

impl Hours {
    /// `09–11`.
    pub fn label(&self) -> String {
        format!("{:02}–{:02}", self.from, self.to)
    }

    /// True when `hour` is one of them.
    pub fn contains(&self, hour: u32) -> bool {
        self.from <= hour && hour < self.to
    }
}

/// What the curve says, and how sure it can be.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Too few hours have [`MIN_SESSIONS`] sessions to name anything.
    NotEnough {
        /// Work sessions in all.
        sessions: u32,
        /// Hours with enough sessions.
        judged: usize,
    },
    /// Every judged hour scores within [`PEAK_MARGIN`] of the best, or no
    /// hour stands out: the day has no shape to name.
    Even {
        /// Hours judged.
        judged: usize,
        /// Lowest and highest score among them.
        low: f64,
        /// Highest score.
        high: f64,
    },
    /// Peaks, and a trough when one hour dips well below the rest.
    Found {
        /// Runs of hours within [`PEAK_MARGIN`] of the best, best run
        /// first.
        peaks: Vec<Hours>,
        /// Runs of hours at least [`TROUGH_GAP`] below the median and
        /// within [`PEAK_MARGIN`] of the worst, worst run first.
        troughs: Vec<Hours>,
        /// Hours judged.
        judged: usize,
    },
}

/// Reads the curve: its peaks and troughs among the judged hours.
///
/// An hour is a peak when it scores above the median hour by more than
/// [`PEAK_MARGIN`] and cannot be told from the best hour (it is within
/// [`PEAK_MARGIN`] of it, or within the noise); a trough when it scores
/// below the median by more than [`TROUGH_GAP`] and cannot be told from the
/// worst. "The noise" between two hours is twice the standard error of
/// the difference of their means, from the spread of their session
/// scores; a gap to the median must exceed it too. So a dip made of
/// sampling noise is not named, and with more weeks of data a smaller real
/// one is.
pub fn verdict(curve: &[HourStat; 24]) -> Verdict {
    let judged: Vec<&HourStat> = curve
        .iter()
        .filter(|h| h.judged() && h.score.is_some())
        .collect();
    if judged.len() < MIN_HOURS {
        return Verdict::NotEnough {
            sessions: curve.iter().map(|h| h.sessions).sum(),
            judged: judged.len(),
        };
    }
    let score = |h: &HourStat| h.score.unwrap_or(0.0);
    let mut scores: Vec<f64> = judged.iter().map(|h| score(h)).collect();
    scores.sort_by(f64::total_cmp);
    let (low, high) = (scores[0], scores[scores.len() - 1]);
    let median = middle(&scores);
    let (ss, df) = judged.iter().fold((0.0, 0.0), |(ss, df), h| {
        let d = f64::from(h.sessions) - 1.0;
        (ss + h.score_sd * h.score_sd * d, df + d)
    });
    let pooled = if df > 0.0 { ss / df } else { 0.0 };
    // An hour's own spread, drawn towards the pooled one as if it had
    // PRIOR_SESSIONS more sessions of it: thirty completed pomodoros out
    // of thirty have no spread, yet are not certain.
    let var = |h: &HourStat| {
        let n = f64::from(h.sessions);
        (h.score_sd * h.score_sd * n + pooled * PRIOR_SESSIONS) / (n + PRIOR_SESSIONS)
    };
    // The hour the median score belongs to (the lower of two middles).
    let mid = judged
        .iter()
        .min_by(|a, b| {
            (score(a) - median)
                .abs()
                .total_cmp(&(score(b) - median).abs())
        })
        .copied()
        .unwrap_or(judged[0]);
    let best = judged
        .iter()
        .copied()
        .max_by(|a, b| score(a).total_cmp(&score(b)))
        .unwrap_or(mid);
    let worst = judged
        .iter()
        .copied()
        .min_by(|a, b| score(a).total_cmp(&score(b)))
        .unwrap_or(mid);
    let apart = |h: &HourStat, other: &HourStat| {
        2.0 * (var(h) / f64::from(h.sessions) + var(other) / f64::from(other.sessions)).sqrt()
    };
    let peak_hours: Vec<u32> = judged
        .iter()
        .filter(|h| {
            high - score(h) <= PEAK_MARGIN.max(apart(h, best))
                && score(h) - median > PEAK_MARGIN.max(apart(h, mid))
        })
        .map(|h| h.hour)
        .collect();
    let trough_hours: Vec<u32> = judged
        .iter()
        .filter(|h| {
            score(h) - low <= PEAK_MARGIN.max(apart(h, worst))
                && median - score(h) > TROUGH_GAP.max(apart(h, mid))
        })
        .map(|h| h.hour)
        .collect();
    if peak_hours.is_empty() && trough_hours.is_empty() {
        return Verdict::Even {
            judged: judged.len(),
            low,
            high,
        };
    }
    let best_of = |run: &Hours| {
        (run.from..run.to)
            .filter_map(|h| curve[h as usize].score)
            .fold(f64::MIN, f64::max)
    };
    let worst_of = |run: &Hours| {
        (run.from..run.to)
            .filter_map(|h| curve[h as usize].score)
            .fold(f64::MAX, f64::min)
    };
    let mut peaks = runs(&peak_hours);
    peaks.sort_by(|a, b| best_of(b).total_cmp(&best_of(a)).then(a.from.cmp(&b.from)));
    let mut troughs = runs(&trough_hours);
    troughs.sort_by(|a, b| {
        worst_of(a)
            .total_cmp(&worst_of(b))
            .then(a.from.cmp(&b.from))
    });
    Verdict::Found {
        peaks,
        troughs,
        judged: judged.len(),
    }
}

/// The median of sorted values.
fn middle(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Sorted hours grouped into runs of consecutive ones.
fn runs(hours: &[u32]) -> Vec<Hours> {
    let mut out: Vec<Hours> = Vec::new();
    for &h in hours {
        match out.last_mut() {
            Some(run) if run.to == h => run.to = h + 1,
            _ => out.push(Hours { from: h, to: h + 1 }),
        }
    }
    out
}

/// The figures of a run of hours summed: what a sentence cites.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunStat {
    /// Work sessions.
    pub sessions: u32,
    /// Completed ones.
    pub pomodoros: u32,
    /// Rated ones.
    pub rated: u32,
    /// Mean rating over the rated ones.
    pub rating: Option<f64>,
    /// Interruptions of the sessions.
    pub interruptions: u32,
}

impl RunStat {
    /// The hours `run` of `curve` summed (means weighted by sessions).
    pub fn of(curve: &[HourStat; 24], run: Hours) -> RunStat {
        let hours = || (run.from..run.to.min(24)).map(|h| &curve[h as usize]);
        let rated: u32 = hours().map(|h| h.rated).sum();
        let rating_sum: f64 = hours()
            .filter_map(|h| h.rating.map(|r| r * f64::from(h.rated)))
            .sum();
        RunStat {
            sessions: hours().map(|h| h.sessions).sum(),
            pomodoros: hours().map(|h| h.pomodoros).sum(),
            rated,
            rating: (rated > 0).then(|| rating_sum / f64::from(rated)),
            interruptions: hours().map(|h| h.interruptions).sum(),
        }
    }

    /// Completed share, in whole percent.
    pub fn completion_percent(&self) -> u32 {
        if self.sessions == 0 {
            return 0;
        }
        (100.0 * f64::from(self.pomodoros) / f64::from(self.sessions)).round() as u32
    }

    /// Interruptions per session.
    pub fn per_session(&self) -> f64 {
        if self.sessions == 0 {
            return 0.0;
        }
        f64::from(self.interruptions) / f64::from(self.sessions)
    }

    /// `96% completed, rating 4.4, 0.2 interruptions per pomodoro, 84
    /// sessions`: the evidence, with what it stands on.
    pub fn evidence(&self) -> String {
        let mut parts = vec![format!("{}% completed", self.completion_percent())];
        if let Some(r) = self.rating {
            parts.push(format!(
                "rating {r:.1} from {}",
                plural(u64::from(self.rated), "check-in", "check-ins")
            ));
        }
        parts.push(format!(
            "{:.1} interruptions per pomodoro",
            self.per_session()
        ));
        parts.push(plural(u64::from(self.sessions), "session", "sessions"));
        parts.join(", ")
    }
}

/// One or two plain sentences about the curve, computed from it: the best
/// hours and the weakest, each with its figures and the number of sessions
/// behind them, and the top distraction in the weakest hours when one was
/// named there. `factors` are the period's distraction factors
/// ([`crate::domain::review::Review::distractions`]).
pub fn findings(curve: &[HourStat; 24], factors: &[FactorRow]) -> Vec<String> {
    match verdict(curve) {
        Verdict::NotEnough { sessions, judged } => vec![format!(
            "Not enough data yet to name peaks: {} {} at least {MIN_SESSIONS} sessions \
             (of {MIN_HOURS} needed), from {} in all.",
            judged,
            if judged == 1 {
                "hour has"
            } else {
                "hours have"
            },
            plural(u64::from(sessions), "session", "sessions"),
        )],
        Verdict::Even { judged, low, high } => vec![format!(
            "Your attention is even across the day: no hour stands out from the others by more \
             than chance gives ({judged} hours judged, scores {low:.0} to {high:.0} of 100).",
        )],
        Verdict::Found { peaks, troughs, .. } => {
            let mut out = Vec::new();
            if !peaks.is_empty() {
                let names: Vec<String> = peaks.iter().map(Hours::label).collect();
                let stat = RunStat::of(curve, peaks[0]);
                let lead = if peaks.len() == 1 {
                    format!("Your best hours are {}", names[0])
                } else {
                    format!("Your best hours are {}", join_and(&names))
                };
                let whose = if peaks.len() == 1 {
                    String::new()
                } else {
                    format!(" at {}", names[0])
                };
                out.push(format!("{lead} ({}{whose}).", stat.evidence()));
            }
            if let Some(worst) = troughs.first() {
                let stat = RunStat::of(curve, *worst);
                let mut s = format!(
                    "At {}, you complete {}% ({}, {:.1} interruptions per pomodoro)",
                    worst.label(),
                    stat.completion_percent(),
                    plural(u64::from(stat.sessions), "session", "sessions"),
                    stat.per_session(),
                );
                if let Some(r) = stat.rating {
                    s.push_str(&format!(", rating {r:.1}"));
                }
                match top_factor(factors, *worst) {
                    Some((name, n, all)) => s.push_str(&format!(
                        ": {} is the top distraction then ({n} of {all} named).",
                        one_line(&name)
                    )),
                    None => s.push('.'),
                }
                out.push(s);
            }
            out
        }
    }
}

/// The factor named most in `run`, with its count and the count of all
/// factors named then.
pub fn top_factor(factors: &[FactorRow], run: Hours) -> Option<(String, u32, u32)> {
    let all: u32 = factors.iter().map(|f| f.in_hours(run.from, run.to)).sum();
    factors
        .iter()
        .map(|f| (f, f.in_hours(run.from, run.to)))
        .filter(|(_, n)| *n > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.factor.cmp(&a.0.factor)))
        .map(|(f, n)| (f.factor.clone(), n, all))
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_consecutive_hours() {
        assert_eq!(
            runs(&[9, 10, 13, 15, 16]),
            vec![
                Hours { from: 9, to: 11 },
                Hours { from: 13, to: 14 },
                Hours { from: 15, to: 17 },
            ]
        );
        assert_eq!(Hours { from: 9, to: 11 }.label(), "09–11");
    }
}
