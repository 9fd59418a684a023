//! `focus toggle`, `pause`, `skip` and the other remote-control commands:
//! ask the running TUI over its socket.

use std::fmt;
use std::io::Write;

use crate::config::Config;
use crate::domain::duration::format_clock;
use crate::engine::status::State;
use crate::engine::{Command, Now};
use crate::integrations::remote::{self, RemoteError, Response};
use crate::store::paths::Paths;

use super::log::kind_name;

/// A remote command that was not carried out.
#[derive(Debug)]
pub struct RemoteFailure {
    /// Why.
    pub error: RemoteError,
    /// With no TUI to ask: the session a killed TUI left, still under way
    /// (what `focus status` shows), so the refusal and the status bar tell
    /// one story.
    pub left_behind: Option<String>,
}

impl fmt::Display for RemoteFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)?;
        match &self.left_behind {
            Some(session) => write!(f, " to take over {session}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for RemoteFailure {}

/// `focus toggle|pause|resume|skip|reset|extend|interrupt`: asks the
/// running TUI over its socket and prints the status it answers with.
/// `now` is when the request is sent: the TUI applies it only shortly
/// after (so a command this reports as timed out is never applied later);
/// and, when no TUI answers, the instant to describe what it left at.
pub(crate) fn remote(
    paths: &Paths,
    command: &Command,
    now: &Now,
    out: &mut impl Write,
) -> Result<(), RemoteFailure> {
    let failed = |error| RemoteFailure {
        error,
        left_behind: None,
    };
    match remote::send_at(&paths.socket_file(), command, now.mono) {
        Ok(Response::Ok(status)) => {
            // The command has been carried out; a closed stdout only loses
            // the courtesy line, so it is not reported as a failure.
            let _ = writeln!(out, "{}", status.line());
            Ok(())
        }
        Ok(Response::Err(message)) => Err(failed(RemoteError::Refused(message))),
        Err(error @ RemoteError::NotRunning { .. }) => Err(RemoteFailure {
            error,
            left_behind: left_behind(paths, now),
        }),
        Err(error) => Err(failed(error)),
    }
}

/// The session a TUI that is not running left in its snapshot, if one is
/// still under way: `the work session it left, still counting down (12:34
/// left)`. Read as `focus status` reads it; the config only sets the
/// lengths of what follows a session that ran out, so a broken one falls
/// back to the defaults rather than hiding the session.
fn left_behind(paths: &Paths, now: &Now) -> Option<String> {
    let config = Config::load(&paths.config_file, paths.config_explicit).unwrap_or_default();
    let status = super::status::read_status(&config, paths, now);
    let how = match status.state {
        State::Running => "still counting down",
        State::Paused => "paused",
        State::Ready | State::Idle => return None,
    };
    Some(format!(
        "the {} session it left, {how} ({} left)",
        kind_name(status.phase),
        format_clock(status.remaining_secs)
    ))
}
