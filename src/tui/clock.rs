//! The shell's clocks: the only place focus reads the time.
//!
//! The session clock is `CLOCK_BOOTTIME` on Linux: wall-clock steps do not
//! move it, it keeps counting through suspend (so a deadline stands while the
//! laptop sleeps), and it means the same thing to every process of one boot,
//! so a snapshot written by one `focus` can be resumed by the next.

use chrono::{DateTime, FixedOffset, Local, Offset, TimeDelta, TimeZone, Utc};

use crate::domain::record::Record;
use crate::engine::{Mono, Now};

pub use crate::domain::time::SESSION_CLOCK_BASE_MS;

/// Reads both clocks once.
pub fn now() -> Now {
    let mono = session_clock();
    let utc = Utc::now();
    Now {
        mono,
        wall: utc.with_timezone(&local_offset(utc, mono)),
    }
}

/// The local time of `ts`, the same instant in the UTC offset the time
/// zone has at that instant. For timestamps the engine worked out from
/// another instant's offset ([`Now::wall_at`] after a stop or a sleep
/// across a daylight-saving change), so none reads as a local time that
/// did not exist.
fn local(ts: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    ts.with_timezone(&zone_offset(ts.with_timezone(&Utc)))
}

/// `record` with the timestamps the engine works out from a later
/// instant ([`Now::wall_at`]) in their own instant's local offset
/// ([`local`]): the end of a session that ran out during a stop or a
/// sleep, or while focus was not running, and when the machine went to
/// sleep. The others are stamped with the offset of their own instant
/// when they happen.
pub(crate) fn localize(mut record: Record) -> Record {
    record.ended_at = local(record.ended_at);
    for a in &mut record.away {
        a.at = local(a.at);
    }
    record
}

/// The time zone's offset at `utc`, asked of the time zone database.
fn zone_offset(utc: DateTime<Utc>) -> FixedOffset {
    Local.offset_from_utc_datetime(&utc.naive_utc()).fix()
}

/// How long a looked-up UTC offset is trusted, at most.
const OFFSET_TTL_MS: u64 = 60_000;

/// The local UTC offset at `utc`, looked up at most about once a minute.
/// Asking the time zone database costs a `stat` of `/etc/localtime` and an
/// environment read (some 2 µs, ten times a cached answer), and the
/// offset changes a few times a year; but it must be right from the very
/// instant it changes,
/// or a session ending just after a daylight-saving change gets a local
/// time that does not exist. So each answer is kept only for the span of
/// instants it holds for ([`OffsetSpan`]), and a minute at most, so a
/// change of time zone is noticed too.
fn local_offset(utc: DateTime<Utc>, mono: Mono) -> FixedOffset {
    use std::sync::Mutex;
    static CACHE: Mutex<Option<OffsetSpan>> = Mutex::new(None);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cached_offset(&mut cache, utc, mono, zone_offset)
}

/// One looked-up offset and the instants it holds for: from the lookup
/// until a minute later, or until the offset changes if that is sooner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct OffsetSpan {
    offset: FixedOffset,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    /// The session clock at the lookup: the span also ends a minute after
    /// this, whatever the wall clock did.
    checked: Mono,
}

/// [`local_offset`] with the cache and the time zone handed in.
fn cached_offset(
    cache: &mut Option<OffsetSpan>,
    utc: DateTime<Utc>,
    mono: Mono,
    zone: impl Fn(DateTime<Utc>) -> FixedOffset,
) -> FixedOffset {
    if let Some(span) = *cache
        && (span.from..span.until).contains(&utc)
        && mono >= span.checked
        && mono.since(span.checked) < OFFSET_TTL_MS
    {
        return span.offset;
    }
    let offset = zone(utc);
    let ahead = utc + TimeDelta::milliseconds(OFFSET_TTL_MS as i64);
    // Offsets change at most twice a year, never twice within a minute:
    // the same offset a minute ahead means none in between.
    let until = if zone(ahead) == offset {
        ahead
    } else {
        first_change(utc, ahead, offset, &zone)
    };
    *cache = Some(OffsetSpan {
        offset,
        from: utc,
        until,
        checked: mono,
    });
    offset
}

/// The first millisecond in `(lo, hi]` whose offset is not `offset`,
/// given that `hi`'s is not: a bisection, some 16 lookups for a minute.
fn first_change(
    mut lo: DateTime<Utc>,
    mut hi: DateTime<Utc>,
    offset: FixedOffset,
    zone: &impl Fn(DateTime<Utc>) -> FixedOffset,
) -> DateTime<Utc> {
    let ms = TimeDelta::milliseconds(1);
    while hi - lo > ms {
        let mid = lo + (hi - lo) / 2;
        if zone(mid) == offset {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// The session clock, in milliseconds.
#[cfg(target_os = "linux")]
pub(crate) fn session_clock() -> Mono {
    ms(rustix::time::clock_gettime(rustix::time::ClockId::Boottime)).plus(SESSION_CLOCK_BASE_MS)
}

/// The session clock, in milliseconds. Elsewhere the monotonic clock is
/// the closest stand-in; it may stop during sleep.
#[cfg(not(target_os = "linux"))]
pub(crate) fn session_clock() -> Mono {
    ms(rustix::time::clock_gettime(
        rustix::time::ClockId::Monotonic,
    ))
}

/// A clock that stops while the machine is suspended. Comparing its
/// progress with [`session_clock`]'s tells how long the machine slept.
pub(crate) fn awake_clock() -> Mono {
    ms(rustix::time::clock_gettime(
        rustix::time::ClockId::Monotonic,
    ))
}

fn ms(t: rustix::time::Timespec) -> Mono {
    let secs = u64::try_from(t.tv_sec).unwrap_or(0);
    let nanos = u64::try_from(t.tv_nsec).unwrap_or(0);
    Mono(secs.saturating_mul(1000).saturating_add(nanos / 1_000_000))
}

/// A one-shot alarm on the session clock that the event loop can await.
///
/// On Linux it is a `timerfd` armed with an absolute `CLOCK_BOOTTIME`
/// deadline: one wake-up exactly when due, where a tokio sleep of about a
/// second wakes twice (the timer wheel fires a coarse slot early first).
#[cfg(target_os = "linux")]
pub(crate) struct Alarm {
    fd: tokio::io::unix::AsyncFd<std::os::fd::OwnedFd>,
    armed: Option<Mono>,
}

#[cfg(target_os = "linux")]
impl Alarm {
    /// Creates a disarmed alarm. Must be called inside a tokio runtime
    /// with IO enabled.
    pub(crate) fn new() -> std::io::Result<Alarm> {
        use rustix::time::{TimerfdClockId, TimerfdFlags, timerfd_create};
        let fd = timerfd_create(
            TimerfdClockId::Boottime,
            TimerfdFlags::NONBLOCK | TimerfdFlags::CLOEXEC,
        )?;
        // SAFETY: the `OwnedFd` moves into the `AsyncFd`, which owns it until
        // the alarm is dropped; nothing else closes or replaces it.
        let fd = unsafe {
            tokio::io::unix::AsyncFd::register_with_interest(fd, tokio::io::Interest::READABLE)?
        };
        Ok(Alarm { fd, armed: None })
    }

    /// Arms the alarm for `at`, or disarms it with `None`.
    pub(crate) fn set(&mut self, at: Option<Mono>) -> std::io::Result<()> {
        use rustix::time::{Itimerspec, TimerfdTimerFlags, Timespec, timerfd_settime};
        if at == self.armed {
            return Ok(());
        }
        let value = match at {
            // An all-zero value disarms a timerfd, so a deadline of 0 ms
            // becomes 1 ns: already due.
            Some(at) => {
                let raw = at.0.saturating_sub(SESSION_CLOCK_BASE_MS);
                Timespec {
                    tv_sec: (raw / 1000) as i64,
                    tv_nsec: ((raw % 1000) * 1_000_000).max(1) as _,
                }
            }
            None => Timespec {
                tv_sec: 0,
                tv_nsec: 0,
            },
        };
        let spec = Itimerspec {
            it_interval: Timespec {
                tv_sec: 0,
                tv_nsec: 0,
            },
            it_value: value,
        };
        timerfd_settime(self.fd.get_ref(), TimerfdTimerFlags::ABSTIME, &spec)?;
        self.armed = at;
        Ok(())
    }

    /// Resolves when the armed deadline passes; never while disarmed.
    pub(crate) async fn fired(&mut self) -> std::io::Result<()> {
        loop {
            let mut guard = self.fd.readable().await?;
            let mut count = [0u8; 8];
            match rustix::io::read(guard.get_inner(), &mut count) {
                Ok(_) => {
                    self.armed = None;
                    return Ok(());
                }
                Err(rustix::io::Errno::AGAIN) => guard.clear_ready(),
                Err(e) => return Err(e.into()),
            }
        }
    }
}

/// A one-shot alarm on the session clock (portable fallback on tokio's
/// timer).
#[cfg(not(target_os = "linux"))]
pub(crate) struct Alarm {
    armed: Option<Mono>,
}

#[cfg(not(target_os = "linux"))]
impl Alarm {
    /// Creates a disarmed alarm.
    pub(crate) fn new() -> std::io::Result<Alarm> {
        Ok(Alarm { armed: None })
    }

    /// Arms the alarm for `at`, or disarms it with `None`.
    pub(crate) fn set(&mut self, at: Option<Mono>) -> std::io::Result<()> {
        self.armed = at;
        Ok(())
    }

    /// Resolves when the armed deadline passes; never while disarmed.
    pub(crate) async fn fired(&mut self) -> std::io::Result<()> {
        match self.armed {
            Some(at) => {
                let wait = at.since(session_clock());
                tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
                self.armed = None;
                Ok(())
            }
            None => std::future::pending().await,
        }
    }
}

#[cfg(test)]
mod offset_tests {
    use super::*;

    /// A zone like Berlin's on the spring day of 2026: +01:00 until
    /// 01:00 UTC, then +02:00.
    fn spring(utc: DateTime<Utc>) -> FixedOffset {
        let change = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
        FixedOffset::east_opt(if utc < change { 3600 } else { 7200 }).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_offset_changes_at_the_very_instant_the_zone_does() {
        let mut cache = None;
        let start = Mono(5_000_000);
        // Looked up 30 s before the change, then asked every second.
        let first = utc("2026-03-29T00:59:30Z");
        for s in 0..60 {
            let at = first + TimeDelta::seconds(s);
            let offset = cached_offset(&mut cache, at, start.plus(s as u64 * 1000), spring);
            assert_eq!(offset, spring(at), "at {at}");
            let local = at.with_timezone(&offset);
            assert!(
                local.naive_local().format("%H").to_string() != "02",
                "{local} does not exist in the zone"
            );
        }
        let a_ms_before = utc("2026-03-29T00:59:59.999Z");
        let mut fresh = None;
        cached_offset(&mut fresh, first, start, spring);
        assert_eq!(
            cached_offset(&mut fresh, a_ms_before, start.plus(29_999), spring).local_minus_utc(),
            3600
        );
        assert_eq!(
            cached_offset(
                &mut fresh,
                a_ms_before + TimeDelta::milliseconds(1),
                start.plus(30_000),
                spring
            )
            .local_minus_utc(),
            7200
        );
    }

    #[test]
    fn an_answer_is_reused_within_its_span_and_looked_up_again_after() {
        use std::cell::Cell;
        let lookups = Cell::new(0);
        let zone = |t| {
            lookups.set(lookups.get() + 1);
            spring(t)
        };
        let mut cache = None;
        let t0 = utc("2026-03-28T12:00:00Z");
        let m0 = Mono(1_000_000);
        cached_offset(&mut cache, t0, m0, zone);
        assert_eq!(lookups.get(), 2, "the instant and a minute ahead");
        for s in 1..60 {
            cached_offset(
                &mut cache,
                t0 + TimeDelta::seconds(s),
                m0.plus(s as u64 * 1000),
                zone,
            );
        }
        assert_eq!(lookups.get(), 2, "a minute of seconds from the cache");
        cached_offset(
            &mut cache,
            t0 + TimeDelta::seconds(60),
            m0.plus(60_000),
            zone,
        );
        assert_eq!(lookups.get(), 4, "looked up again after a minute");
        // A wall clock stepped outside the span is looked up at once.
        cached_offset(&mut cache, t0 - TimeDelta::hours(1), m0.plus(61_000), zone);
        assert_eq!(lookups.get(), 6);
        // So is a session clock that went backwards or far forward.
        let t = t0 - TimeDelta::hours(1) + TimeDelta::seconds(1);
        cached_offset(&mut cache, t, m0, zone);
        assert_eq!(lookups.get(), 8);
    }
}
