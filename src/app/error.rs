//! The errors a user can meet, and the exit code each maps to.

use crate::config::ConfigError;
use crate::store::log::LogError;
use crate::store::paths::NoHome;

/// Everything that can stop a focus command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The config file or a flag is wrong.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// No place for files.
    #[error(transparent)]
    NoHome(#[from] NoHome),
    /// The session log could not be read or written.
    #[error(transparent)]
    Log(#[from] LogError),
    /// The task list or a task command failed.
    #[error(transparent)]
    Task(#[from] crate::domain::tasks::TaskError),
    /// `focus report` could not read the log or was given a bad range.
    #[error(transparent)]
    Report(#[from] crate::app::report::ReportError),
    /// `focus plan` was asked for something it cannot lay out.
    #[error(transparent)]
    Plan(#[from] crate::app::plan::PlanError),
    /// A command-line argument focus refuses, named as `--help` names it.
    #[error("{name}: {problem}")]
    Argument {
        /// The flag or argument: `--task`, `NOTE`.
        name: &'static str,
        /// What is wrong with it, without echoing it (it may hold the very
        /// characters that must not reach the terminal).
        problem: String,
    },
    /// The TUI was started without a terminal.
    #[error(
        "focus needs a terminal: standard input and output must both be one. \
         In scripts use `focus today` or `focus log`."
    )]
    NotATerminal,
    /// Another focus TUI holds the lock.
    #[error(
        "focus is already running (pid {pid}); switch to it, or see what it is doing with `focus status`"
    )]
    AlreadyRunning {
        /// The process that holds the lock, if it could be read.
        pid: String,
    },
    /// Finished sessions could not be written before exit (they were
    /// printed to stderr and kept in the snapshot).
    #[error(
        "{count} session(s) could not be written to {}; they are printed above and kept in the snapshot for the next start",
        path.display()
    )]
    Unsaved {
        /// How many.
        count: usize,
        /// The log.
        path: std::path::PathBuf,
    },
    /// focus will not use a file or directory someone else could have
    /// planted or changed (see `store::private`); the message names it and
    /// says what to do.
    #[error("{0}")]
    Refused(std::io::Error),
    /// Some other I/O failure, with what was being done.
    #[error("{context}: {source}")]
    Io {
        /// What focus was doing.
        context: String,
        /// What the system said.
        source: std::io::Error,
    },
}

impl Error {
    /// The process exit code: 2 for mistakes in how focus was called or
    /// configured, 1 for everything else.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Error::Config(_) | Error::Argument { .. } | Error::NotATerminal => 2,
            Error::AlreadyRunning { .. } => 3,
            Error::Task(e) => e.exit_code(),
            Error::Plan(e) => e.exit_code(),
            Error::Report(e) => e.exit_code(),
            _ => 1,
        }
    }

    /// Wraps an I/O error with what was being done.
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }
}
