//! Time as the core sees it: values handed in, never read.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// Added to every session-clock reading. Readings are unsigned, and a
/// snapshot from before a reboot holds instants that lie before this boot's
/// zero; the offset (about 34 years) keeps them representable.
pub const SESSION_CLOCK_BASE_MS: u64 = 1 << 40;

/// A reading of the session clock in milliseconds.
///
/// The shell reads it from a clock that wall-clock steps do not move
/// (`CLOCK_BOOTTIME` on Linux, plus [`SESSION_CLOCK_BASE_MS`]), so durations
/// computed from two readings are real elapsed time. Only differences
/// between readings mean anything, except across processes of one boot,
/// which all read the same clock.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Mono(pub u64);

impl Mono {
    /// Milliseconds from `earlier` to `self`; zero if `earlier` is later,
    /// so a misbehaving clock can never produce a negative span.
    pub(crate) fn since(self, earlier: Mono) -> u64 {
        self.0.saturating_sub(earlier.0)
    }

    /// The reading `ms` milliseconds later.
    pub(crate) fn plus(self, ms: u64) -> Mono {
        Mono(self.0.saturating_add(ms))
    }

    /// The reading as the kernel's boot clock (`CLOCK_BOOTTIME`) gives it,
    /// in milliseconds: the form other programs can compute, for instance
    /// from `/proc/uptime`.
    pub fn boot_ms(self) -> u64 {
        self.0.saturating_sub(SESSION_CLOCK_BASE_MS)
    }

    /// The session-clock reading of a boot-clock instant in milliseconds;
    /// the inverse of [`Mono::boot_ms`].
    pub fn from_boot_ms(ms: u64) -> Mono {
        Mono(ms.saturating_add(SESSION_CLOCK_BASE_MS))
    }
}

/// The moment a message is handled: both clocks, read once by the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// The session clock: measures progress.
    pub mono: Mono,
    /// The wall clock with the local UTC offset: only for timestamps.
    pub wall: DateTime<FixedOffset>,
}

impl Now {
    /// The wall-clock time of another point on the session clock, as the
    /// wall clock reads now. Used to stamp an end that happened at a
    /// deadline slightly (or, after a stop, long) before this message.
    pub(crate) fn wall_at(&self, at: Mono) -> DateTime<FixedOffset> {
        let back = self.mono.0 as i128 - at.0 as i128;
        let back = back.clamp(-(i64::MAX as i128), i64::MAX as i128) as i64;
        Duration::try_milliseconds(back)
            .and_then(|d| self.wall.checked_sub_signed(d))
            .unwrap_or(self.wall)
    }
}

/// The local day a timestamp belongs to when days start at `day_starts_at`
/// (so with `04:00`, 02:30 still belongs to the previous day). The
/// timestamp's own UTC offset decides its local time, so a record written
/// while travelling keeps the day it had where it was written.
pub fn day_of(ts: DateTime<FixedOffset>, day_starts_at: NaiveTime) -> NaiveDate {
    let shift = day_starts_at.signed_duration_since(NaiveTime::MIN);
    (ts.naive_local() - shift).date()
}

/// When the day after `ts`'s ([`day_of`]) begins: the next `day_starts_at`
/// strictly after `ts`, in `ts`'s UTC offset. An idle screen must wake
/// then, or it would show yesterday's count until something else happens.
pub fn next_day_start(
    ts: DateTime<FixedOffset>,
    day_starts_at: NaiveTime,
) -> DateTime<FixedOffset> {
    let next = day_of(ts, day_starts_at)
        .succ_opt()
        .unwrap_or(NaiveDate::MAX)
        .and_time(day_starts_at);
    // A fixed offset maps every local time to exactly one instant.
    next.and_local_timezone(*ts.offset())
        .single()
        .unwrap_or(ts + Duration::days(1))
}

/// Drops the sub-second part: log timestamps are whole seconds.
pub(crate) fn whole_seconds(ts: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    use chrono::Timelike;
    ts.with_nanosecond(0).unwrap_or(ts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn the_next_day_starts_at_the_next_day_start() {
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        let cases = [
            (
                "2026-03-02T23:59:30+01:00",
                NaiveTime::MIN,
                "2026-03-03T00:00:00+01:00",
            ),
            (
                "2026-03-02T00:00:00+01:00",
                NaiveTime::MIN,
                "2026-03-03T00:00:00+01:00",
            ),
            (
                "2026-03-02T23:59:30+01:00",
                four,
                "2026-03-03T04:00:00+01:00",
            ),
            (
                "2026-03-03T02:30:00+01:00",
                four,
                "2026-03-03T04:00:00+01:00",
            ),
            (
                "2026-03-03T04:00:00+01:00",
                four,
                "2026-03-04T04:00:00+01:00",
            ),
            (
                "2026-12-31T23:00:00-05:00",
                NaiveTime::MIN,
                "2027-01-01T00:00:00-05:00",
            ),
        ];
        for (now, start, want) in cases {
            let next = next_day_start(at(now), start);
            assert_eq!(next, at(want), "{now} with days from {start}");
            assert_eq!(
                day_of(next, start),
                day_of(at(now), start).succ_opt().unwrap()
            );
        }
    }

    #[test]
    fn day_respects_day_start() {
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        assert_eq!(
            day_of(at("2026-03-02T02:30:00+01:00"), four),
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
        );
        assert_eq!(
            day_of(at("2026-03-02T04:00:00+01:00"), four),
            NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
        );
        assert_eq!(
            day_of(at("2026-03-02T00:00:00+01:00"), NaiveTime::MIN),
            NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
        );
    }

    #[test]
    fn wall_at_goes_back_along_the_session_clock() {
        let now = Now {
            mono: Mono(10_000),
            wall: at("2026-03-02T10:00:10+00:00"),
        };
        assert_eq!(now.wall_at(Mono(4_000)), at("2026-03-02T10:00:04+00:00"));
        assert_eq!(now.wall_at(Mono(12_000)), at("2026-03-02T10:00:12+00:00"));
    }
}
