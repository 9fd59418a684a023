//! The subcommands that run without the terminal UI, one module each.
//!
//! Each takes what it needs (paths, config, the current time) as arguments
//! and writes to a `Write`, so tests run them at a fixed instant.

pub mod color;
pub mod config;
pub(crate) mod error;
pub(crate) mod log;
pub mod plan;
pub(crate) mod remote;
pub mod report;
pub(crate) mod status;
pub mod task;
pub(crate) mod today;

use crate::store::log::LogRead;

/// Prints skipped-line warnings to stderr: nothing is dropped silently.
pub(crate) fn warn_skipped(read: &LogRead) {
    for w in &read.warnings {
        eprintln!("focus: warning: {w}");
    }
}
