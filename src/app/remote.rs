//! `focus toggle`, `pause`, `skip` and the other remote-control commands:
//! ask the running TUI over its socket.

use std::io::Write;

use crate::store::paths::Paths;

use crate::engine::Command;
use crate::integrations::remote::{self, RemoteError, Response};

/// `focus toggle|pause|resume|skip|reset|extend|interrupt`: asks the
/// running TUI over its socket and prints the status it answers with.
pub(crate) fn remote(
    paths: &Paths,
    command: &Command,
    out: &mut impl Write,
) -> Result<(), RemoteError> {
    match remote::send(&paths.socket_file(), command)? {
        Response::Ok(status) => {
            // The command has been carried out; a closed stdout only loses
            // the courtesy line, so it is not reported as a failure.
            let _ = writeln!(out, "{}", status.line());
            Ok(())
        }
        Response::Err(message) => Err(RemoteError::Refused(message)),
    }
}
