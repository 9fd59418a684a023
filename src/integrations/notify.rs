//! Desktop notifications when a session ends (and, if asked, a minute
//! before).
//!
//! Talking to D-Bus can take a while or hang outright (a wedged
//! notification daemon), so it never happens on the loop: [`Notifications`]
//! puts each [`Note`] on a short queue served by a thread of its own, which
//! hands it to a [`Notifier`] — [`DBusNotifier`] in the app, a fake in
//! tests. The loop's side only ever does a non-blocking `try_send`; when the
//! queue is full (the notifier is stuck) new notes are dropped, since a
//! stale "break over" is worth nothing.
//!
//! When no notification service is reachable the thread says so once, as a
//! [`Report`] on a channel the loop listens to, and keeps trying quietly: a
//! daemon started later still gets the next notification.

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::thread;

use tokio::sync::mpsc::UnboundedSender;

use crate::domain::text::{escape_markup, one_line};
use crate::engine::model::{Event, EventKind};

/// Notes waiting for the notifier thread, at most. Sessions end minutes
/// apart, so a full queue means the notifier is stuck, not busy.
const QUEUE: usize = 8;

/// One desktop notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The title line.
    pub summary: String,
    /// The details, plain text (a notifier escapes it as its service needs).
    pub body: String,
}

/// Something that can show a [`Note`]. It runs on the notifier thread, so
/// it may block; it must not panic (a panic is caught and counted as a
/// failure, but its message would still be printed over the screen).
pub trait Notifier: Send + 'static {
    /// Shows `note`, or says why it could not.
    fn show(&mut self, note: &Note) -> Result<(), String>;
}

/// The freedesktop notification service over the session D-Bus (through
/// notify-rust; on macOS and Windows, the platform's own).
#[derive(Debug, Default)]
pub struct DBusNotifier;

impl Notifier for DBusNotifier {
    fn show(&mut self, note: &Note) -> Result<(), String> {
        notify_rust::Notification::new()
            .appname("focus")
            .summary(&note.summary)
            .body(&escape_markup(&note.body))
            .show()
            .map(|_| ())
            .map_err(|e| plain_reason(&e.to_string()))
    }
}

/// The reason notifications failed, in words for the footer.
///
/// The library's errors are for developers (`failed to connect to
/// unix:path=/run/user/1000/bus: No such file or directory`, a D-Bus error
/// name and its text); the footer has one line for someone who only needs
/// to know that no notifications will come, and roughly why. The two
/// common cases get a short name; anything else keeps its first line.
pub fn plain_reason(raw: &str) -> String {
    if raw.contains("failed to connect")
        || raw.contains("address error")
        || raw.contains("DBUS_SESSION_BUS_ADDRESS")
    {
        return "no session bus".into();
    }
    if raw.contains("ServiceUnknown") || raw.contains("NameHasNoOwner") {
        return "no notification service running".into();
    }
    raw.lines().next().unwrap_or_default().trim().to_string()
}

/// What the notifier thread tells the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// Notifications cannot be shown; the reason from the first failure.
    /// Sent at most once per [`Notifications`].
    Unavailable(String),
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Report::Unavailable(why) => write!(f, "desktop notifications unavailable: {why}"),
        }
    }
}

/// The loop's handle on the notifier thread. Dropping it ends the thread
/// once the note it may be showing is done.
#[derive(Debug)]
pub struct Notifications {
    /// `None` if the thread could not be started (already reported).
    queue: Option<SyncSender<Note>>,
    minute_warning: bool,
    /// The previous event seen, to tell a break that ran out from one the
    /// user skipped or reset (the core emits `skip` or `reset` right before
    /// that `break_end`).
    last: Option<EventKind>,
}

impl Notifications {
    /// Starts the notifier thread around `notifier`. `minute_warning`
    /// enables the note a minute before the end; failures go to `reports`.
    pub fn start(
        notifier: impl Notifier,
        minute_warning: bool,
        reports: UnboundedSender<Report>,
    ) -> Notifications {
        let (queue, notes) = mpsc::sync_channel(QUEUE);
        let thread_reports = reports.clone();
        let started = thread::Builder::new()
            .name("notifier".into())
            .spawn(move || serve(notifier, notes, thread_reports));
        let queue = match started {
            Ok(_) => Some(queue),
            Err(e) => {
                let _ = reports.send(Report::Unavailable(format!("no thread for them: {e}")));
                None
            }
        };
        Notifications {
            queue,
            minute_warning,
            last: None,
        }
    }

    /// Shows the notification `event` calls for, if any; never blocks.
    pub fn event(&mut self, event: &Event) {
        if let Some(note) = note_for(event, self.last, self.minute_warning) {
            self.notify(note);
        }
        self.last = Some(event.kind);
    }

    /// Queues `note` for the notifier thread and returns at once; the note
    /// is dropped if the queue is full or the thread is gone.
    pub fn notify(&self, note: Note) {
        if let Some(queue) = &self.queue {
            match queue.try_send(note) {
                Ok(()) | Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {}
            }
        }
    }
}

/// The notifier thread: shows notes until the handle is dropped, telling
/// the loop about the first failure only.
fn serve(mut notifier: impl Notifier, notes: Receiver<Note>, reports: UnboundedSender<Report>) {
    let mut told = false;
    for note in notes {
        let shown = catch_unwind(AssertUnwindSafe(|| notifier.show(&note)))
            .unwrap_or_else(|_| Err("the notification library panicked".into()));
        if let Err(why) = shown
            && !told
        {
            told = true;
            // The loop may be gone already; then nobody needs to know.
            let _ = reports.send(Report::Unavailable(why));
        }
    }
}

/// The notification for `event`, given the event before it and whether the
/// one-minute warning is on; `None` when it calls for none.
///
/// Only sessions that run out are announced: a skip or reset was the
/// user's own doing, and they are looking at the screen.
pub fn note_for(event: &Event, previous: Option<EventKind>, minute_warning: bool) -> Option<Note> {
    let summary = match event.kind {
        EventKind::Complete => "Pomodoro done — time for a break",
        EventKind::BreakEnd if !matches!(previous, Some(EventKind::Skip | EventKind::Reset)) => {
            "Break over — ready for the next pomodoro"
        }
        EventKind::MinuteLeft if minute_warning => {
            if event.phase.is_break() {
                "One minute left in the break"
            } else {
                "One minute left in this pomodoro"
            }
        }
        _ => return None,
    };
    let count = match (event.today, event.goal) {
        (1, 0) => "1 pomodoro today".to_owned(),
        (n, 0) => format!("{n} pomodoros today"),
        (n, goal) => format!("{n}/{goal} pomodoros today"),
    };
    let body = match &event.task {
        Some(task) if !task.trim().is_empty() => format!("{}\n{count}", one_line(task)),
        _ => count,
    };
    Some(Note {
        summary: summary.to_owned(),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_plain() {
        assert_eq!(
            plain_reason(
                "failed to connect to `unix:path=/run/user/1000/bus`: No such file or directory (os error 2)"
            ),
            "no session bus"
        );
        assert_eq!(
            plain_reason("org.freedesktop.DBus.Error.ServiceUnknown: The name was not provided"),
            "no notification service running"
        );
        assert_eq!(plain_reason("it broke\nbacktrace"), "it broke");
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape_markup("<draft> & notes"),
            "&lt;draft&gt; &amp; notes"
        );
        assert_eq!(escape_markup("plain — text"), "plain — text");
    }
}
