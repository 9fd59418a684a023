//! The shell's clocks: the only place focus reads the time.
//!
//! The session clock is `CLOCK_BOOTTIME` on Linux: wall-clock steps do not
//! move it, it keeps counting through suspend (so a deadline stands while the
//! laptop sleeps), and it means the same thing to every process of one boot,
//! so a snapshot written by one `focus` can be resumed by the next.

use chrono::{FixedOffset, Local, Utc};

use crate::engine::{Mono, Now};

pub use crate::domain::time::SESSION_CLOCK_BASE_MS;

/// Reads both clocks once.
pub fn now() -> Now {
    let mono = session_clock();
    Now {
        mono,
        wall: Utc::now().with_timezone(&local_offset(mono)),
    }
}

/// How long a looked-up UTC offset is trusted.
const OFFSET_TTL_MS: u64 = 60_000;

/// The local UTC offset, looked up at most once a minute. Asking the time
/// zone database costs a `stat` of `/etc/localtime` and a good share of a
/// countdown frame's CPU; the offset changes a few times a year, and a
/// minute's delay in noticing is harmless (durations never depend on it).
fn local_offset(mono: Mono) -> FixedOffset {
    use std::sync::Mutex;
    static CACHE: Mutex<Option<(Mono, FixedOffset)>> = Mutex::new(None);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    match *cache {
        Some((at, offset)) if mono.since(at) < OFFSET_TTL_MS && mono >= at => offset,
        _ => {
            let offset = *Local::now().offset();
            *cache = Some((mono, offset));
            offset
        }
    }
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
