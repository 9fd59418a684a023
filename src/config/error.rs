//! What can go wrong with the settings, and how each problem is worded.
//!
//! Reading and converting the file only note the byte span of a problem
//! ([`Problem`], [`Bad`]); [`Problem::locate`] turns that into the line and
//! column an editor shows, in this one place.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::{KEYS, TABLE_ARRAYS, TABLES};
use crate::domain::toml_input::line_column;

/// Why the configuration could not be loaded or a flag was refused.
///
/// Every variant displays as a single line meant to be printed as is.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A config file named explicitly (`--config PATH`) does not exist.
    #[error("{}: config file not found", path.display())]
    NotFound {
        /// The missing file.
        path: PathBuf,
    },
    /// The file exists but could not be read (permissions, not UTF-8, ...).
    #[error("{}: cannot read config file: {source}", path.display())]
    Read {
        /// The unreadable file.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML.
    #[error("{}:{line}:{column}: {message}", origin.display())]
    Syntax {
        /// The file, as given to [`Config::parse`](super::Config::parse).
        origin: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// What is wrong, on one line.
        message: String,
    },
    /// A top-level key that [`KEYS`] does not list, or a key inside a table
    /// that the table's list ([`TABLES`]) does not.
    #[error(
        "{}:{line}:{column}: unknown key `{}`{}; {}",
        origin.display(),
        key.escape_debug(),
        table.map(|t| format!(" in {}", section(t))).unwrap_or_default(),
        unknown_key_hint(*table, suggestion.as_deref())
    )]
    UnknownKey {
        /// The file, as given to [`Config::parse`](super::Config::parse).
        origin: PathBuf,
        /// 1-based line of the key.
        line: usize,
        /// 1-based column (in characters) of the key.
        column: usize,
        /// The key as written.
        key: String,
        /// The known key closest to it, if any is close enough to be a typo.
        suggestion: Option<&'static str>,
        /// The table it is in (`hooks`, or `busy` for a `[[busy]]` entry),
        /// or `None` at the top level.
        table: Option<&'static str>,
    },
    /// A known key with a value of the wrong type or out of range.
    #[error("{}:{line}:{column}: {key}: {message}", origin.display())]
    Invalid {
        /// The file, as given to [`Config::parse`](super::Config::parse).
        origin: PathBuf,
        /// 1-based line of the value.
        line: usize,
        /// 1-based column (in characters) of the value.
        column: usize,
        /// The key whose value is wrong.
        key: String,
        /// What is wrong with the value.
        message: String,
    },
    /// A command-line override broke the same rule a file value would.
    #[error("{flag}: {message}")]
    Flag {
        /// The flag as typed, e.g. `--work`.
        flag: String,
        /// What is wrong with its value.
        message: String,
    },
}

impl ConfigError {
    /// Process exit status for this error: 2, the conventional "usage
    /// error" status, for every kind, since each is fixed by editing the
    /// file or the command line.
    pub fn exit_code(&self) -> u8 {
        2
    }
}

fn unknown_key_hint(table: Option<&str>, suggestion: Option<&str>) -> String {
    match (suggestion, table) {
        (Some(key), _) => format!("did you mean `{key}`?"),
        (None, None) => format!("valid keys are: {}", KEYS.join(", ")),
        (None, Some(t)) => format!(
            "valid keys in {} are: {}",
            section(t),
            keys_of_table(t).join(", ")
        ),
    }
}

/// The keys a table (or each entry of an array of tables) accepts; empty
/// for a name that is neither.
pub(super) fn keys_of_table(table: &str) -> &'static [&'static str] {
    TABLES
        .iter()
        .chain(TABLE_ARRAYS)
        .find(|(t, _)| *t == table)
        .map_or(&[], |&(_, keys)| keys)
}

/// A table as its header is written: `[hooks]`, or `[[busy]]` for an
/// array of tables.
fn section(table: &str) -> String {
    if TABLE_ARRAYS.iter().any(|(t, _)| *t == table) {
        format!("[[{table}]]")
    } else {
        format!("[{table}]")
    }
}

/// A value that is wrong, before anyone has said which key it belongs to:
/// the converters of single values know the value but not its name.
#[derive(Debug)]
pub(super) struct Bad {
    /// The bytes to point at.
    pub(super) span: Range<usize>,
    /// What is wrong, on one line.
    pub(super) message: String,
}

impl Bad {
    /// A complaint about `value` as a whole.
    pub(super) fn at<T>(value: &Spanned<T>, message: impl Into<String>) -> Bad {
        Bad {
            span: value.span(),
            message: message.into(),
        }
    }

    /// The same complaint, now known to be about `key` (`hooks.timeout`).
    pub(super) fn of(self, key: impl Into<String>) -> Problem {
        Problem::Invalid {
            span: self.span,
            key: key.into(),
            message: self.message,
        }
    }
}

/// A problem with the text, located by byte span; [`Problem::locate`]
/// makes a [`ConfigError`] of it.
#[derive(Debug)]
pub(super) enum Problem {
    /// Not TOML. The parser gives no span for a few errors.
    Syntax {
        span: Option<Range<usize>>,
        message: String,
    },
    /// See [`ConfigError::UnknownKey`].
    UnknownKey {
        span: Range<usize>,
        key: String,
        suggestion: Option<&'static str>,
        table: Option<&'static str>,
    },
    /// See [`ConfigError::Invalid`].
    Invalid {
        span: Range<usize>,
        key: String,
        message: String,
    },
}

impl Problem {
    /// The error to show, at the line and column where the span starts in
    /// `text`, naming the file as `origin`.
    pub(super) fn locate(self, text: &str, origin: &Path) -> ConfigError {
        let at = |start: usize| line_column(text, start);
        let origin = origin.to_owned();
        match self {
            Problem::Syntax { span, message } => {
                let (line, column) = at(span.map_or(0, |s| s.start));
                ConfigError::Syntax {
                    origin,
                    line,
                    column,
                    message,
                }
            }
            Problem::UnknownKey {
                span,
                key,
                suggestion,
                table,
            } => {
                let (line, column) = at(span.start);
                ConfigError::UnknownKey {
                    origin,
                    line,
                    column,
                    key,
                    suggestion,
                    table,
                }
            }
            Problem::Invalid { span, key, message } => {
                let (line, column) = at(span.start);
                ConfigError::Invalid {
                    origin,
                    line,
                    column,
                    key,
                    message,
                }
            }
        }
    }
}
