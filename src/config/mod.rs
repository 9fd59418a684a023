//! The user's settings: `config.toml` plus command-line overrides.
//!
//! Every key is optional, and a bad file is reported as a single
//! `path:line:column: key: what is wrong` line, because the person reading it
//! is about to open that exact spot in an editor.
//!
//! Adding a key: add a field to [`Config`] (with a `deserialize_with` helper
//! from the `field` module so type errors read well), its default in
//! `Config::default`, its name in [`KEYS`], and a documented line in
//! `config.example.toml`. Tests fail if any of those is forgotten. A key
//! inside a table (`[hooks]`, `[notifications]`, `[keys]`) goes in that
//! table's struct and key list ([`HOOK_KEYS`], [`NOTIFICATION_KEYS`],
//! [`ACTION_KEYS`]) instead, and one inside an array of tables (`[[busy]]`)
//! in [`BUSY_KEYS`]; unknown keys there are reported with suggestions just
//! like top-level ones.
//!
//! A rule that spans several values (one key bound to two actions) is
//! checked after deserializing, with the positions kept from the parse, so
//! its error still points at the value to change.

use std::fmt;
use std::ops::{Range, RangeInclusive};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::domain::duration::format_duration;
use crate::domain::plan::Slot;
use crate::domain::toml_input::{line_column, one_line};
use crate::engine::keymap::{Action, Keymap, key_name};
use crate::engine::theme::Theme;
use crate::engine::{AwayPolicy, Key};

/// Every top-level key the config file accepts, in documentation order.
///
/// Used to reject unknown keys and to suggest the one the user probably meant.
pub const KEYS: &[&str] = &[
    "work",
    "short_break",
    "long_break",
    "long_break_every",
    "auto_start_breaks",
    "auto_start_work",
    "bell",
    "daily_goal",
    "day_starts_at",
    "week_starts_on",
    "on_suspend",
    "void_on_interruption",
    "theme",
    "workday",
    "hooks",
    "notifications",
    "keys",
    "busy",
];

/// Every key of the `[hooks]` table: one `on_<event>` per
/// [`crate::engine::model::EventKind`], then `timeout`.
pub const HOOK_KEYS: &[&str] = &[
    "on_start",
    "on_pause",
    "on_resume",
    "on_complete",
    "on_skip",
    "on_reset",
    "on_break_start",
    "on_break_end",
    "on_interruption",
    "on_minute_left",
    "timeout",
];

/// Every key of the `[notifications]` table.
pub const NOTIFICATION_KEYS: &[&str] = &["desktop", "minute_warning"];

/// Every key of the `[keys]` table: one per [`Action`], named by
/// [`Action::name`], in [`Action::ALL`] order.
pub const ACTION_KEYS: &[&str] = &[
    "toggle",
    "skip",
    "reset",
    "extend",
    "task",
    "help",
    "quit",
    "internal",
    "external",
    "next_screen",
];

/// Every key of a `[[busy]]` entry.
pub const BUSY_KEYS: &[&str] = &["from", "to"];

/// The top-level keys that hold tables, with the keys each table accepts.
pub const TABLES: &[(&str, &[&str])] = &[
    ("hooks", HOOK_KEYS),
    ("notifications", NOTIFICATION_KEYS),
    ("keys", ACTION_KEYS),
];

/// The top-level keys that hold arrays of tables (`[[busy]]`), with the
/// keys each entry accepts.
pub const TABLE_ARRAYS: &[(&str, &[&str])] = &[("busy", BUSY_KEYS)];

/// Key names [`crate::engine::keymap::parse_key`] reads besides single
/// characters, as error messages list them.
const NAMED_KEYS: &str =
    "space, tab, backtab, enter, esc, backspace, up, down, left, right, delete";

/// Shortest and longest hook timeout: a hook needs at least a second to do
/// anything, and one still running after an hour is surely stuck.
const HOOK_TIMEOUT: RangeInclusive<Duration> = Duration::from_secs(1)..=Duration::from_secs(3600);

/// Shortest session a user may configure; zero would end instantly and
/// loop through phases.
const MIN_SESSION: Duration = Duration::from_secs(1);
/// Longest session a user may configure; beyond a day is surely a typo.
const MAX_SESSION: Duration = Duration::from_secs(24 * 3600);
/// Allowed values of `long_break_every`.
const LONG_BREAK_EVERY: RangeInclusive<u32> = 1..=100;
/// Allowed values of `daily_goal`; zero means "no goal".
const DAILY_GOAL: RangeInclusive<u32> = 0..=1000;

/// A weekday as the config spells it (`"monday"`), for showing
/// `week_starts_on`.
pub fn weekday_name(day: Weekday) -> &'static str {
    field::WEEKDAYS
        .iter()
        .find(|(_, d)| *d == day)
        .map_or("monday", |(name, _)| name)
}

/// The effective settings.
///
/// Deserialization goes through [`Config::parse`], which adds the file
/// position and key name to any error; deserializing this type directly
/// works but loses that context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Length of a work session (a pomodoro).
    #[serde(
        serialize_with = "crate::domain::duration::serde_duration::serialize",
        deserialize_with = "field::session_length"
    )]
    pub work: Duration,
    /// Length of the break after most pomodoros.
    #[serde(
        serialize_with = "crate::domain::duration::serde_duration::serialize",
        deserialize_with = "field::session_length"
    )]
    pub short_break: Duration,
    /// Length of the break after every `long_break_every`-th pomodoro.
    #[serde(
        serialize_with = "crate::domain::duration::serde_duration::serialize",
        deserialize_with = "field::session_length"
    )]
    pub long_break: Duration,
    /// Take a long break instead of a short one after this many pomodoros.
    #[serde(deserialize_with = "field::long_break_every")]
    pub long_break_every: u32,
    /// Start a break as soon as a pomodoro ends.
    #[serde(deserialize_with = "field::boolean")]
    pub auto_start_breaks: bool,
    /// Start the next pomodoro as soon as a break ends.
    #[serde(deserialize_with = "field::boolean")]
    pub auto_start_work: bool,
    /// Ring the terminal bell when a session ends.
    #[serde(deserialize_with = "field::boolean")]
    pub bell: bool,
    /// Pomodoros per day to aim for; zero means no goal.
    #[serde(deserialize_with = "field::daily_goal")]
    pub daily_goal: u32,
    /// Local time at which a new day starts for counting purposes, so a
    /// session at 01:00 can still belong to "yesterday".
    #[serde(
        serialize_with = "field::serialize_time",
        deserialize_with = "field::local_time"
    )]
    pub day_starts_at: NaiveTime,
    /// The first day of a week in weekly reviews and reports.
    #[serde(
        serialize_with = "field::serialize_weekday",
        deserialize_with = "field::weekday"
    )]
    pub week_starts_on: Weekday,
    /// What to do with a work session during which the machine slept.
    #[serde(deserialize_with = "field::on_suspend")]
    pub on_suspend: AwayPolicy,
    /// Cirillo's strict rule: an external interruption voids the pomodoro.
    #[serde(deserialize_with = "field::boolean")]
    pub void_on_interruption: bool,
    /// The TUI's colours. The TUI still draws [`Theme::Mono`] when colour
    /// is turned off (`NO_COLOR`, `--color never`), whatever this says.
    #[serde(
        serialize_with = "field::serialize_theme",
        deserialize_with = "field::theme"
    )]
    pub theme: Theme,
    /// The hours `focus plan` fills when `--from`/`--to` are not given.
    #[serde(
        serialize_with = "field::serialize_slot",
        deserialize_with = "field::workday"
    )]
    pub workday: Slot,
    /// Commands to run when the timer's events happen (`[hooks]`). Last,
    /// with the other tables: TOML writes tables after plain keys.
    pub hooks: Hooks,
    /// Desktop notifications (`[notifications]`).
    pub notifications: Notifications,
    /// Key bindings (`[keys]`); see [`Config::keymap`].
    pub keys: Keys,
    /// Fixed daily appointments `focus plan` plans around (`[[busy]]`).
    #[serde(
        serialize_with = "field::serialize_busy",
        deserialize_with = "field::busy"
    )]
    pub busy: Vec<Slot>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            work: Duration::from_secs(25 * 60),
            short_break: Duration::from_secs(5 * 60),
            long_break: Duration::from_secs(15 * 60),
            long_break_every: 4,
            auto_start_breaks: true,
            auto_start_work: false,
            bell: true,
            daily_goal: 8,
            day_starts_at: NaiveTime::MIN,
            week_starts_on: Weekday::Mon,
            on_suspend: AwayPolicy::Ask,
            void_on_interruption: false,
            theme: Theme::Default,
            workday: Slot {
                start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
                end: NaiveTime::from_hms_opt(17, 30, 0).unwrap_or(NaiveTime::MIN),
            },
            hooks: Hooks::default(),
            notifications: Notifications::default(),
            keys: Keys::default(),
            busy: Vec::new(),
        }
    }
}

/// A hook's command as written in the config.
///
/// Nothing goes through a shell unless the user asks for one: an array is
/// run as is, and a plain string is the explicit ask for `sh -c`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum HookCommand {
    /// `["program", "arg", …]`: the program and its arguments, passed on
    /// exactly as written (no globbing, no `$VAR`, no `;`).
    Exec(Vec<String>),
    /// `"a shell line"`: run with `sh -c`.
    Shell(String),
}

impl fmt::Display for HookCommand {
    /// The command as the hook log shows it: an array with every word
    /// quoted, a shell line as `sh -c "…"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HookCommand::Exec(argv) => {
                let words: Vec<String> = argv.iter().map(|w| format!("{w:?}")).collect();
                write!(f, "[{}]", words.join(", "))
            }
            HookCommand::Shell(line) => write!(f, "sh -c {line:?}"),
        }
    }
}

/// The `[hooks]` table: a command per event, and how long any may run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hooks {
    /// A pomodoro started.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "field::hook_command"
    )]
    pub on_start: Option<HookCommand>,
    /// A session was paused.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "field::hook_command"
    )]
    pub on_pause: Option<HookCommand>,
    /// A session was resumed.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "field::hook_command"
    )]
    pub on_resume: Option<HookCommand>,
    /// A pomodoro ran to its end.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "field::hook_command"
    )]
    pub on_complete: Option<HookCommand>,
    /// A session was skipped.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "field::hook_command"
    )]
    pub on_skip: Option<HookCommand>,
    /// A session was reset or abandoned.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "field::hook_command"
    )]
    pub on_reset: Option<HookCommand>,
    /// A break started.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "field::hook_command"
    )]
    pub on_break_start: Option<HookCommand>,
    /// A break ended, however it ended.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "field::hook_command"
    )]
    pub on_break_end: Option<HookCommand>,
    /// An interruption was marked.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "field::hook_command"
    )]
    pub on_interruption: Option<HookCommand>,
    /// A minute is left in the session.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "field::hook_command"
    )]
    pub on_minute_left: Option<HookCommand>,
    /// How long a hook may run before its whole process group is killed.
    #[serde(
        serialize_with = "crate::domain::duration::serde_duration::serialize",
        deserialize_with = "field::hook_timeout"
    )]
    pub timeout: Duration,
}

impl Default for Hooks {
    fn default() -> Self {
        Hooks {
            on_start: None,
            on_pause: None,
            on_resume: None,
            on_complete: None,
            on_skip: None,
            on_reset: None,
            on_break_start: None,
            on_break_end: None,
            on_interruption: None,
            on_minute_left: None,
            timeout: Duration::from_secs(10),
        }
    }
}

/// The `[notifications]` table. The terminal bell is the top-level `bell`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Notifications {
    /// Show a desktop notification when a session ends.
    #[serde(deserialize_with = "field::boolean")]
    pub desktop: bool,
    /// Also show one when a minute is left (sessions over two minutes).
    #[serde(deserialize_with = "field::boolean")]
    pub minute_warning: bool,
}

impl Default for Notifications {
    fn default() -> Self {
        Notifications {
            desktop: true,
            minute_warning: false,
        }
    }
}

/// The `[keys]` table: for each action, the keys that replace its default
/// ones, or `None` to keep the defaults.
///
/// Only the bindings written in the file are here; [`Config::keymap`]
/// adds the defaults for the rest.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Keys {
    /// Start, pause or resume.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "field::serialize_binding",
        deserialize_with = "field::binding"
    )]
    pub toggle: Option<Vec<Key>>,
    /// Skip to the next phase.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "field::serialize_binding",
        deserialize_with = "field::binding"
    )]
    pub skip: Option<Vec<Key>>,
    /// Reset the session.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "field::serialize_binding",
        deserialize_with = "field::binding"
    )]
    pub reset: Option<Vec<Key>>,
    /// Add a minute.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "field::serialize_binding",
        deserialize_with = "field::binding"
    )]
    pub extend: Option<Vec<Key>>,
    /// Type the task name.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "field::serialize_binding",
        deserialize_with = "field::binding"
    )]
    pub task: Option<Vec<Key>>,
    /// Show the keys.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "field::serialize_binding",
        deserialize_with = "field::binding"
    )]
    pub help: Option<Vec<Key>>,
    /// Quit (Ctrl-C always quits too).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "field::serialize_binding",
        deserialize_with = "field::binding"
    )]
    pub quit: Option<Vec<Key>>,
    /// Mark an internal interruption.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "field::serialize_binding",
        deserialize_with = "field::binding"
    )]
    pub internal: Option<Vec<Key>>,
    /// Mark an external interruption.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "field::serialize_binding",
        deserialize_with = "field::binding"
    )]
    pub external: Option<Vec<Key>>,
    /// Switch screens.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "field::serialize_binding",
        deserialize_with = "field::binding"
    )]
    pub next_screen: Option<Vec<Key>>,
}

impl Keys {
    /// The keys written for `action`, or `None` when it keeps its defaults.
    pub fn get(&self, action: Action) -> Option<&[Key]> {
        match action {
            Action::Toggle => self.toggle.as_deref(),
            Action::Skip => self.skip.as_deref(),
            Action::Reset => self.reset.as_deref(),
            Action::Extend => self.extend.as_deref(),
            Action::Task => self.task.as_deref(),
            Action::Help => self.help.as_deref(),
            Action::Quit => self.quit.as_deref(),
            Action::Internal => self.internal.as_deref(),
            Action::External => self.external.as_deref(),
            Action::NextScreen => self.next_screen.as_deref(),
        }
    }

    /// The keys in force for `action`: the ones written, else the defaults.
    pub fn effective(&self, action: Action) -> &[Key] {
        self.get(action).unwrap_or(action.default_keys())
    }

    /// The first key bound to two actions, as `(key, first, second)` with
    /// the actions in [`Action::ALL`] order, or `None` when every key does
    /// one thing.
    fn clash(&self) -> Option<(Key, Action, Action)> {
        Action::ALL.iter().enumerate().find_map(|(i, &a)| {
            Action::ALL[i + 1..].iter().find_map(|&b| {
                self.effective(a)
                    .iter()
                    .find(|k| self.effective(b).contains(k))
                    .map(|&k| (k, a, b))
            })
        })
    }
}

/// Flags given on the command line; each `Some` overrides the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--work`
    pub work: Option<Duration>,
    /// `--short-break`
    pub short_break: Option<Duration>,
    /// `--long-break`
    pub long_break: Option<Duration>,
    /// `--long-break-every`
    pub long_break_every: Option<u32>,
}

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
        /// The file, as given to [`Config::parse`].
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
        /// The file, as given to [`Config::parse`].
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
        /// The file, as given to [`Config::parse`].
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
fn keys_of_table(table: &str) -> &'static [&'static str] {
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

impl Config {
    /// Reads and validates `path`.
    ///
    /// A missing file is `Ok(Config::default())` only when `must_exist` is
    /// false (the default location, which most users never create); with
    /// `--config PATH` the user asked for that file, so its absence is an
    /// error.
    pub fn load(path: &Path, must_exist: bool) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if must_exist {
                    Err(ConfigError::NotFound {
                        path: path.to_owned(),
                    })
                } else {
                    Ok(Config::default())
                }
            }
            Err(source) => Err(ConfigError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Parses and validates TOML text; `origin` is the path used in messages.
    pub fn parse(text: &str, origin: &Path) -> Result<Config, ConfigError> {
        let at = |span: Option<Range<usize>>| line_column(text, span.map_or(0, |s| s.start));

        let doc = toml::de::DeTable::parse(text).map_err(|e| {
            let (line, column) = at(e.span());
            ConfigError::Syntax {
                origin: origin.to_owned(),
                line,
                column,
                message: one_line(e.message()),
            }
        })?;

        // The table iterates in key order, not file order; sorting by
        // position makes the first reported problem the first in the file.
        let mut entries: Vec<Entry> = Vec::new();
        for (k, v) in doc.get_ref() {
            let key = k.get_ref().to_string();
            // Keys inside a known table get the same checks as top-level
            // ones, so a typo in [hooks] is caught with a suggestion too.
            if let Some(&(table, _)) = TABLES.iter().chain(TABLE_ARRAYS).find(|(t, _)| *t == key) {
                // A table's keys, or the keys of each entry of an array of
                // tables (`[busy]` by mistake is a table: its keys are
                // still checked, and the type error comes later).
                let tables: Vec<&toml::de::DeTable> = match v.get_ref() {
                    toml::de::DeValue::Table(t) => vec![t],
                    toml::de::DeValue::Array(items) => items
                        .iter()
                        .filter_map(|i| i.get_ref().as_table())
                        .collect(),
                    _ => Vec::new(),
                };
                for inner in tables {
                    entries.extend(inner.iter().map(|(ik, iv)| Entry::new(ik, iv, Some(table))));
                }
                // Each entry of an array of tables, so that an error about
                // a whole entry (a missing `to`) is still named `busy`.
                if TABLE_ARRAYS.iter().any(|(t, _)| *t == key)
                    && let Some(items) = v.get_ref().as_array()
                {
                    entries.extend(items.iter().map(|i| Entry {
                        key: key.clone(),
                        table: None,
                        key_span: i.span(),
                        value_span: i.span(),
                        value_type: i.get_ref().type_str(),
                        items: Vec::new(),
                    }));
                }
            }
            entries.push(Entry::new(k, v, None));
        }
        entries.sort_by_key(|e| e.key_span.start);

        if let Some(unknown) = entries.iter().find(|e| !e.is_known()) {
            let (line, column) = at(Some(unknown.key_span.clone()));
            return Err(ConfigError::UnknownKey {
                origin: origin.to_owned(),
                line,
                column,
                key: unknown.key.clone(),
                suggestion: match unknown.table {
                    None => suggest_key(&unknown.key),
                    Some(t) => suggest_among(&unknown.key, keys_of_table(t)),
                },
                table: unknown.table,
            });
        }
        // serde would call `hooks = 3` an "invalid type … expected struct";
        // say what to write instead.
        if let Some(bad) = entries.iter().find(|e| {
            e.table.is_none() && TABLES.iter().any(|(t, _)| *t == e.key) && e.value_type != "table"
        }) {
            let (line, column) = at(Some(bad.value_span.clone()));
            return Err(ConfigError::Invalid {
                origin: origin.to_owned(),
                line,
                column,
                key: bad.key.clone(),
                message: format!(
                    "expected a table (a [{}] section), found {}",
                    bad.key, bad.value_type
                ),
            });
        }

        let config = Config::deserialize(toml::de::Deserializer::from(doc)).map_err(|e| {
            let (line, column) = at(e.span());
            let message = one_line(e.message());
            // A value inside a table lies within the table's own span too;
            // the smallest span that holds the error names the exact key.
            let entry = e.span().and_then(|span| {
                let innermost = |hit: &dyn Fn(&Entry) -> bool| {
                    entries
                        .iter()
                        .filter(|en| hit(en))
                        .min_by_key(|en| en.value_span.len())
                };
                innermost(&|en| spans_overlap(&en.value_span, &span))
                    .or_else(|| innermost(&|en| spans_overlap(&en.key_span, &span)))
            });
            match entry {
                Some(entry) => ConfigError::Invalid {
                    origin: origin.to_owned(),
                    line,
                    column,
                    key: entry.name(),
                    message,
                },
                // Not expected (every value error carries its span), but an
                // unattributed message still beats losing it.
                None => ConfigError::Syntax {
                    origin: origin.to_owned(),
                    line,
                    column,
                    message,
                },
            }
        })?;

        if let Some((span, key, message)) = config.clash_error(&entries) {
            let (line, column) = at(Some(span));
            return Err(ConfigError::Invalid {
                origin: origin.to_owned(),
                line,
                column,
                key,
                message,
            });
        }
        Ok(config)
    }

    /// The key bindings in force: the `[keys]` table over the defaults.
    ///
    /// A key listed twice for one action is bound once. [`Config::parse`]
    /// refuses a key bound to two actions, so every key does one thing.
    pub fn keymap(&self) -> Keymap {
        let overrides: Vec<(Action, Vec<Key>)> = Action::ALL
            .into_iter()
            .filter_map(|action| {
                let keys = self.keys.get(action)?;
                let mut unique: Vec<Key> = Vec::with_capacity(keys.len());
                for &k in keys {
                    if !unique.contains(&k) {
                        unique.push(k);
                    }
                }
                Some((action, unique))
            })
            .collect();
        Keymap::with(&overrides)
    }

    /// A key bound to two actions, as the span to point at, the key name
    /// for the message (`keys.skip`) and the message; `None` if there is
    /// no such key.
    ///
    /// The binding blamed is one the user wrote (a default cannot be
    /// edited in the file), the later one in the file when both were.
    fn clash_error(&self, entries: &[Entry]) -> Option<(Range<usize>, String, String)> {
        let (key, first, second) = self.keys.clash()?;
        let entry_of = |a: Action| {
            entries
                .iter()
                .find(|e| e.table == Some("keys") && e.key == a.name())
        };
        let (blamed, other, other_is_default) = match (entry_of(first), entry_of(second)) {
            (Some(f), Some(s)) if f.value_span.start > s.value_span.start => (first, second, false),
            (_, Some(_)) => (second, first, entry_of(first).is_none()),
            (Some(_), None) => (first, second, true),
            // Defaults never clash (a test makes sure); nothing to point at.
            (None, None) => return None,
        };
        let entry = entry_of(blamed)?;
        // Point at the very key inside an array when there is one.
        let position = self
            .keys
            .get(blamed)
            .and_then(|keys| keys.iter().position(|k| *k == key))
            .and_then(|i| entry.items.get(i))
            .unwrap_or(&entry.value_span)
            .clone();
        let name = key_name(key);
        let message = if other_is_default {
            format!(
                "{name:?} is bound to both {} (its default key) and {} — bind {} to other keys in [keys] too, or pick another key here",
                other.name(),
                blamed.name(),
                other.name()
            )
        } else {
            format!(
                "{name:?} is bound to both {} and {} — a key can do only one thing",
                other.name(),
                blamed.name()
            )
        };
        Some((position, entry.name(), message))
    }

    /// Applies command-line overrides, checking them with the same rules as
    /// the file; errors name the flag (e.g. `--work`).
    ///
    /// Either every override is applied or, on error, none is.
    pub fn apply(&mut self, o: &Overrides) -> Result<(), ConfigError> {
        let flag_err = |key: &str, message: String| ConfigError::Flag {
            flag: format!("--{}", key.replace('_', "-")),
            message,
        };
        let session = |key: &str, d: Option<Duration>| {
            d.map(|d| check_session_length(d).map_err(|m| flag_err(key, m)))
                .transpose()
        };

        let work = session("work", o.work)?;
        let short_break = session("short_break", o.short_break)?;
        let long_break = session("long_break", o.long_break)?;
        let long_break_every = o
            .long_break_every
            .map(|n| {
                check_count(i128::from(n), &LONG_BREAK_EVERY)
                    .map_err(|m| flag_err("long_break_every", m))
            })
            .transpose()?;

        if let Some(v) = work {
            self.work = v;
        }
        if let Some(v) = short_break {
            self.short_break = v;
        }
        if let Some(v) = long_break {
            self.long_break = v;
        }
        if let Some(v) = long_break_every {
            self.long_break_every = v;
        }
        Ok(())
    }
}

/// Where one key and its value sit in the file.
struct Entry {
    key: String,
    /// The table the key is in (`hooks`), or `None` at the top level.
    table: Option<&'static str>,
    key_span: Range<usize>,
    value_span: Range<usize>,
    /// The TOML type of the value (`"table"`, `"string"`, …).
    value_type: &'static str,
    /// Where each element sits when the value is an array, so a check
    /// made after deserializing can point at one of them.
    items: Vec<Range<usize>>,
}

impl Entry {
    /// The entry for a key and its value, `table` being where it is.
    fn new(
        key: &toml::Spanned<toml::de::DeString>,
        value: &toml::Spanned<toml::de::DeValue>,
        table: Option<&'static str>,
    ) -> Entry {
        Entry {
            key: key.get_ref().to_string(),
            table,
            key_span: key.span(),
            value_span: value.span(),
            value_type: value.get_ref().type_str(),
            items: value
                .get_ref()
                .as_array()
                .map(|items| items.iter().map(toml::Spanned::span).collect())
                .unwrap_or_default(),
        }
    }

    fn is_known(&self) -> bool {
        match self.table {
            None => KEYS.contains(&self.key.as_str()),
            Some(t) => keys_of_table(t).contains(&self.key.as_str()),
        }
    }

    /// The key as messages name it: `hooks.timeout` inside a table.
    fn name(&self) -> String {
        match self.table {
            None => self.key.clone(),
            Some(t) => format!("{t}.{}", self.key),
        }
    }
}

/// True if `inner` starts inside `outer`; empty spans count as touching
/// their start so zero-width error spans still find their key.
fn spans_overlap(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.contains(&inner.start) || (outer.start == inner.start)
}

/// The known key nearest to `key`, if it is close enough to be a typo.
///
/// Case and `-`/`_` are normalised first since `Short-Break` is clearly a
/// spelling of `short_break`, not a different key.
fn suggest_key(key: &str) -> Option<&'static str> {
    suggest_among(key, KEYS)
}

/// The key of `known` nearest to `key`, by the rules of [`suggest_key`].
fn suggest_among(key: &str, known: &'static [&'static str]) -> Option<&'static str> {
    let normalised = key.to_lowercase().replace('-', "_");
    // Roughly one edit in three characters, but always allow two so a
    // swapped pair of letters (`wrok`) in a short key is still caught.
    let limit = (normalised.chars().count() / 3).max(2);
    known
        .iter()
        .map(|&k| (levenshtein(&normalised, k), k))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Edit distance (insertions, deletions, substitutions) between two strings,
/// by characters.
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The rule for every session length, from the file or a flag.
fn check_session_length(d: Duration) -> Result<Duration, String> {
    if (MIN_SESSION..=MAX_SESSION).contains(&d) {
        Ok(d)
    } else {
        Err(format!(
            "{} is out of range — must be between {} and {}",
            format_duration(d),
            format_duration(MIN_SESSION),
            format_duration(MAX_SESSION)
        ))
    }
}

/// The rule for counted settings; takes `i128` so that negative and huge
/// TOML integers get a range message rather than a type error.
fn check_count(n: i128, range: &RangeInclusive<u32>) -> Result<u32, String> {
    u32::try_from(n)
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "{n} is out of range — must be between {} and {}",
                range.start(),
                range.end()
            )
        })
}

/// Field-level (de)serializers for [`Config`].
///
/// Each reads the raw TOML value first so that a wrong type can be named in
/// plain words ("expected true or false, found string \"yes\"") instead of
/// serde's Rust-flavoured defaults ("expected u32").
mod field {
    use std::time::Duration;

    use chrono::{NaiveTime, Timelike, Weekday};
    use serde::de::{Error as _, MapAccess, SeqAccess, Visitor};
    use serde::{Deserialize, Deserializer, Serializer};
    use toml::value::Datetime;

    use super::{
        AwayPolicy, DAILY_GOAL, HOOK_TIMEOUT, HookCommand, LONG_BREAK_EVERY, NAMED_KEYS,
        check_count, check_session_length,
    };
    use crate::domain::duration::{format_duration, parse_duration};
    use crate::domain::plan::{Slot, parse_clock};
    use crate::domain::toml_input::{Raw, RawVisitor, describe};
    use crate::engine::Key;
    use crate::engine::keymap::{key_name, parse_key};
    use crate::engine::theme::Theme;

    fn raw<'de, D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }

    fn wrong_type<E: serde::de::Error>(expected: &str, found: &Raw) -> E {
        E::custom(format!("expected {expected}, found {}", describe(found)))
    }

    pub(super) fn session_length<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        match raw(d)? {
            Raw::Str(s) => parse_duration(&s)
                .map_err(D::Error::custom)
                .and_then(|d| check_session_length(d).map_err(D::Error::custom)),
            // A bare number is the likeliest mistake; show the fix using
            // the user's own number.
            Raw::Int(n) if n >= 0 => Err(D::Error::custom(format!(
                "expected a duration string like \"{n}m\", found integer {n}"
            ))),
            other => Err(wrong_type(r#"a duration string like "25m""#, &other)),
        }
    }

    fn count<'de, D: Deserializer<'de>>(
        d: D,
        range: &std::ops::RangeInclusive<u32>,
    ) -> Result<u32, D::Error> {
        match raw(d)? {
            Raw::Int(n) => check_count(n, range).map_err(D::Error::custom),
            other => Err(wrong_type(
                &format!("a whole number from {} to {}", range.start(), range.end()),
                &other,
            )),
        }
    }

    pub(super) fn long_break_every<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        count(d, &LONG_BREAK_EVERY)
    }

    pub(super) fn daily_goal<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        count(d, &DAILY_GOAL)
    }

    pub(super) fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        match raw(d)? {
            Raw::Bool(b) => Ok(b),
            other => Err(wrong_type("true or false", &other)),
        }
    }

    pub(super) fn local_time<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        match raw(d)? {
            Raw::Str(s) => parse_hh_mm(&s).ok_or_else(|| {
                D::Error::custom(format!(
                    "invalid time {s:?} — write it as \"HH:MM\" from \"00:00\" to \"23:59\", like \"04:00\""
                ))
            }),
            // TOML has a local-time literal; someone who writes `04:00`
            // without quotes means exactly what the string would say.
            Raw::Datetime(dt) => match toml_clock(&dt) {
                Some(t) => t.ok_or_else(|| D::Error::custom(OUT_OF_DAY)),
                None => Err(wrong_type(r#"a time string like "04:00""#, &Raw::Datetime(dt))),
            },
            other => Err(wrong_type(r#"a time string like "04:00""#, &other)),
        }
    }

    /// The complaint about a TOML time literal that is no time of day.
    const OUT_OF_DAY: &str = "expected a time from \"00:00\" to \"23:59\"";

    /// A TOML local-time literal of whole minutes (`04:00`) as a time:
    /// `None` if `dt` is not such a literal, `Some(None)` if it is one but
    /// not a valid time.
    fn toml_clock(dt: &Datetime) -> Option<Option<NaiveTime>> {
        let t = dt.time.filter(|t| {
            dt.date.is_none()
                && dt.offset.is_none()
                && t.second.unwrap_or(0) == 0
                && t.nanosecond.unwrap_or(0) == 0
        })?;
        Some(NaiveTime::from_hms_opt(t.hour.into(), t.minute.into(), 0))
    }

    /// Strict `HH:MM`: two digits each, so `4:00` or `04:00:30` are refused
    /// rather than silently interpreted.
    fn parse_hh_mm(s: &str) -> Option<NaiveTime> {
        let b = s.as_bytes();
        if b.len() != 5 || b[2] != b':' {
            return None;
        }
        let two = |hi: u8, lo: u8| {
            (hi.is_ascii_digit() && lo.is_ascii_digit())
                .then(|| u32::from(hi - b'0') * 10 + u32::from(lo - b'0'))
        };
        NaiveTime::from_hms_opt(two(b[0], b[1])?, two(b[3], b[4])?, 0)
    }

    pub(super) fn serialize_time<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:02}:{:02}", t.hour(), t.minute()))
    }

    /// Weekday spellings in the config file, in documentation order.
    pub(super) const WEEKDAYS: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];

    pub(super) fn weekday<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let choices = WEEKDAYS
            .iter()
            .map(|(name, _)| format!("{name:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        match raw(d)? {
            Raw::Str(s) => WEEKDAYS
                .iter()
                .find(|(name, _)| *name == s)
                .map(|&(_, day)| day)
                .ok_or_else(|| {
                    D::Error::custom(format!("unknown value {s:?} — expected one of {choices}"))
                }),
            other => Err(wrong_type(&format!("one of {choices}"), &other)),
        }
    }

    pub(super) fn serialize_weekday<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(super::weekday_name(*day))
    }

    /// What a hook command may look like, for type errors.
    const COMMAND: &str = r#"a command: an array like ["program", "arg"], or a string for sh -c"#;

    /// Reads a hook command: a string (for `sh -c`) or an array of strings
    /// (program and arguments, no shell).
    pub(super) fn hook_command<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<HookCommand>, D::Error> {
        d.deserialize_any(CommandVisitor).map(Some)
    }

    struct CommandVisitor;

    impl<'de> Visitor<'de> for CommandVisitor {
        type Value = HookCommand;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(COMMAND)
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<HookCommand, E> {
            if v.trim().is_empty() {
                return Err(E::custom(format!(
                    "the command is empty — expected {COMMAND}"
                )));
            }
            Ok(HookCommand::Shell(v.to_owned()))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<HookCommand, A::Error> {
            let mut argv = Vec::new();
            while let Some(word) = seq.next_element::<Raw>()? {
                match word {
                    Raw::Str(s) => argv.push(s),
                    other => {
                        return Err(A::Error::custom(format!(
                            "every word of a command must be a string, found {}",
                            describe(&other)
                        )));
                    }
                }
            }
            match argv.first() {
                None => Err(A::Error::custom(
                    r#"the command is empty — the first string is the program to run, as in ["paplay", "bell.oga"]"#,
                )),
                Some(program) if program.is_empty() => Err(A::Error::custom(
                    "the program name (the first string) is empty",
                )),
                Some(_) => Ok(HookCommand::Exec(argv)),
            }
        }

        // The other types only need naming, the way `wrong_type` does.
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<HookCommand, E> {
            Err(wrong_type(COMMAND, &Raw::Bool(v)))
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<HookCommand, E> {
            Err(wrong_type(COMMAND, &Raw::Int(v.into())))
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<HookCommand, E> {
            Err(wrong_type(COMMAND, &Raw::Int(v.into())))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<HookCommand, E> {
            Err(wrong_type(COMMAND, &Raw::Float(v)))
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<HookCommand, A::Error> {
            let found = RawVisitor.visit_map(map)?;
            Err(wrong_type(COMMAND, &found))
        }
    }

    pub(super) fn hook_timeout<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        match raw(d)? {
            Raw::Str(s) => {
                let t = parse_duration(&s).map_err(D::Error::custom)?;
                if HOOK_TIMEOUT.contains(&t) {
                    Ok(t)
                } else {
                    Err(D::Error::custom(format!(
                        "{} is out of range — must be between {} and {}",
                        format_duration(t),
                        format_duration(*HOOK_TIMEOUT.start()),
                        format_duration(*HOOK_TIMEOUT.end())
                    )))
                }
            }
            Raw::Int(n) if n >= 0 => Err(D::Error::custom(format!(
                "expected a duration string like \"{n}s\", found integer {n}"
            ))),
            other => Err(wrong_type(r#"a duration string like "10s""#, &other)),
        }
    }

    pub(super) fn theme<'de, D: Deserializer<'de>>(d: D) -> Result<Theme, D::Error> {
        let choices = Theme::ALL
            .iter()
            .map(|t| format!("{:?}", t.name()))
            .collect::<Vec<_>>()
            .join(", ");
        match raw(d)? {
            Raw::Str(s) => Theme::from_name(&s).ok_or_else(|| {
                D::Error::custom(format!("unknown value {s:?} — expected one of {choices}"))
            }),
            other => Err(wrong_type(&format!("one of {choices}"), &other)),
        }
    }

    pub(super) fn serialize_theme<S: Serializer>(t: &Theme, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(t.name())
    }

    /// Reads `workday`: `"HH:MM-HH:MM"` by `focus plan`'s own rules, so
    /// the file and `--busy` agree on what a span of time is.
    pub(super) fn workday<'de, D: Deserializer<'de>>(d: D) -> Result<Slot, D::Error> {
        match raw(d)? {
            Raw::Str(s) => s.parse::<Slot>().map_err(D::Error::custom),
            other => Err(wrong_type(
                r#"a time span string like "09:00-17:30""#,
                &other,
            )),
        }
    }

    /// Writes a slot the way [`workday`] reads it.
    pub(super) fn serialize_slot<S: Serializer>(slot: &Slot, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(slot)
    }

    /// What a `[[busy]]` entry looks like, for type errors.
    const BUSY_ENTRY: &str = r#"a [[busy]] entry like { from = "12:00", to = "13:00" }"#;

    /// Reads the `[[busy]]` entries.
    pub(super) fn busy<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Slot>, D::Error> {
        d.deserialize_any(BusyVisitor)
    }

    struct BusyVisitor;

    impl<'de> Visitor<'de> for BusyVisitor {
        type Value = Vec<Slot>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("[[busy]] entries")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Slot>, A::Error> {
            let mut slots = Vec::new();
            while let Some(BusyEntry(slot)) = seq.next_element()? {
                slots.push(slot);
            }
            Ok(slots)
        }

        // `[busy]` with one pair of brackets is the likeliest slip.
        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Vec<Slot>, A::Error> {
            Err(A::Error::custom(
                "expected [[busy]] entries, found a table — write the header with two pairs of brackets, [[busy]], once per appointment",
            ))
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<Slot>, E> {
            Err(wrong_type(BUSY_ENTRY, &Raw::Str(v.to_owned())))
        }

        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Vec<Slot>, E> {
            Err(wrong_type(BUSY_ENTRY, &Raw::Bool(v)))
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Vec<Slot>, E> {
            Err(wrong_type(BUSY_ENTRY, &Raw::Int(v.into())))
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Vec<Slot>, E> {
            Err(wrong_type(BUSY_ENTRY, &Raw::Int(v.into())))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Vec<Slot>, E> {
            Err(wrong_type(BUSY_ENTRY, &Raw::Float(v)))
        }
    }

    /// One `[[busy]]` entry, checked as a whole: both ends given, and a
    /// slot `focus plan` accepts.
    struct BusyEntry(Slot);

    impl<'de> Deserialize<'de> for BusyEntry {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<BusyEntry, D::Error> {
            d.deserialize_any(BusyEntryVisitor)
        }
    }

    struct BusyEntryVisitor;

    impl<'de> Visitor<'de> for BusyEntryVisitor {
        type Value = BusyEntry;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(BUSY_ENTRY)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BusyEntry, A::Error> {
            let (mut from, mut to) = (None, None);
            while let Some(key) = map.next_key::<String>()? {
                // Reading each time as its own value puts an error on it.
                let Clock(time) = map.next_value()?;
                match key.as_str() {
                    "from" => from = Some(time),
                    "to" => to = Some(time),
                    // Unknown keys were reported, with a suggestion,
                    // before deserializing began.
                    other => {
                        return Err(A::Error::custom(format!("unknown key `{other}`")));
                    }
                }
            }
            let (from, to) = match (from, to) {
                (Some(from), Some(to)) => (from, to),
                (None, None) => {
                    return Err(A::Error::custom(
                        r#"the entry is empty — write from = "12:00" and to = "13:00""#,
                    ));
                }
                (None, Some(_)) => {
                    return Err(A::Error::custom(
                        r#"`from` is missing — write from = "12:00""#,
                    ));
                }
                (Some(_), None) => {
                    return Err(A::Error::custom(r#"`to` is missing — write to = "13:00""#));
                }
            };
            Slot::new(from, to).map(BusyEntry).map_err(A::Error::custom)
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<BusyEntry, E> {
            Err(wrong_type(BUSY_ENTRY, &Raw::Str(v.to_owned())))
        }

        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<BusyEntry, E> {
            Err(wrong_type(BUSY_ENTRY, &Raw::Bool(v)))
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<BusyEntry, E> {
            Err(wrong_type(BUSY_ENTRY, &Raw::Int(v.into())))
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<BusyEntry, E> {
            Err(wrong_type(BUSY_ENTRY, &Raw::Int(v.into())))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<BusyEntry, E> {
            Err(wrong_type(BUSY_ENTRY, &Raw::Float(v)))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<BusyEntry, A::Error> {
            Err(wrong_type(BUSY_ENTRY, &Raw::Array(Vec::new())))
        }
    }

    /// A clock time in a `[[busy]]` entry, by `focus plan`'s rules
    /// (`"12:00"`, `"9:30"`), or a TOML local time (`12:00`).
    struct Clock(NaiveTime);

    impl<'de> Deserialize<'de> for Clock {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Clock, D::Error> {
            match raw(d)? {
                Raw::Str(s) => parse_clock(&s).map(Clock).map_err(D::Error::custom),
                Raw::Datetime(dt) => match toml_clock(&dt) {
                    Some(t) => t.map(Clock).ok_or_else(|| D::Error::custom(OUT_OF_DAY)),
                    None => Err(wrong_type(
                        r#"a time string like "12:00""#,
                        &Raw::Datetime(dt),
                    )),
                },
                other => Err(wrong_type(r#"a time string like "12:00""#, &other)),
            }
        }
    }

    /// Writes the busy slots as `[[busy]]` entries.
    pub(super) fn serialize_busy<S: Serializer>(slots: &[Slot], s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Entry {
            from: String,
            to: String,
        }
        s.collect_seq(slots.iter().map(|slot| Entry {
            from: slot.start.format("%H:%M").to_string(),
            to: slot.end.format("%H:%M").to_string(),
        }))
    }

    /// What a binding may look like, for type errors.
    const BINDING: &str = r#"a key name like "n", or an array like ["n", "right"]"#;

    /// Reads one action's keys in `[keys]`: a key name or an array of them.
    pub(super) fn binding<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Key>>, D::Error> {
        d.deserialize_any(BindingVisitor).map(Some)
    }

    struct BindingVisitor;

    impl<'de> Visitor<'de> for BindingVisitor {
        type Value = Vec<Key>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(BINDING)
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<Key>, E> {
            key(v).map(|k| vec![k]).map_err(E::custom)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Key>, A::Error> {
            let mut keys = Vec::new();
            while let Some(KeyName(k)) = seq.next_element()? {
                keys.push(k);
            }
            if keys.is_empty() {
                // An action no key reaches is almost surely a mistake, and
                // for `toggle` or `quit` a trap.
                return Err(A::Error::custom(format!(
                    "no keys given — expected {BINDING}"
                )));
            }
            Ok(keys)
        }

        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Vec<Key>, E> {
            Err(wrong_type(BINDING, &Raw::Bool(v)))
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Vec<Key>, E> {
            Err(wrong_type(BINDING, &Raw::Int(v.into())))
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Vec<Key>, E> {
            Err(wrong_type(BINDING, &Raw::Int(v.into())))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Vec<Key>, E> {
            Err(wrong_type(BINDING, &Raw::Float(v)))
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<Key>, A::Error> {
            let found = RawVisitor.visit_map(map)?;
            Err(wrong_type(BINDING, &found))
        }
    }

    /// One key name inside a binding's array, read on its own so that an
    /// error points at it rather than at the whole array.
    struct KeyName(Key);

    impl<'de> Deserialize<'de> for KeyName {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyName, D::Error> {
            d.deserialize_any(Check(|raw| match raw {
                Raw::Str(s) => key(&s).map(KeyName),
                other => Err(format!(
                    "every key must be a string like \"n\" or \"space\", found {}",
                    describe(&other)
                )),
            }))
        }
    }

    /// Reads a value as [`Raw`] and checks it with the function, while
    /// still inside the value's own deserializer.
    ///
    /// An error made after `raw(d)` returns takes the position of whatever
    /// holds the value; for an array element that is the whole array.
    /// Made in here, it points at the element itself.
    struct Check<T>(fn(Raw) -> Result<T, String>);

    impl<T> Check<T> {
        fn check<E: serde::de::Error>(self, v: Raw) -> Result<T, E> {
            (self.0)(v).map_err(E::custom)
        }
    }

    impl<'de, T> Visitor<'de> for Check<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a TOML value")
        }

        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<T, E> {
            self.check(Raw::Bool(v))
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<T, E> {
            self.check(Raw::Int(v.into()))
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<T, E> {
            self.check(Raw::Int(v.into()))
        }

        fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<T, E> {
            self.check(Raw::Int(v))
        }

        fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<T, E> {
            self.check(Raw::Int(i128::try_from(v).unwrap_or(i128::MAX)))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<T, E> {
            self.check(Raw::Float(v))
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            self.check(Raw::Str(v.to_owned()))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
            let found = RawVisitor.visit_seq(seq)?;
            self.check(found)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            let found = RawVisitor.visit_map(map)?;
            self.check(found)
        }
    }

    /// A key by the name [`parse_key`] reads.
    fn key(name: &str) -> Result<Key, String> {
        parse_key(name).ok_or_else(|| {
            format!("unknown key {name:?} — use a single character or one of {NAMED_KEYS}")
        })
    }

    /// Writes a binding as an array of key names, the form [`binding`]
    /// reads.
    pub(super) fn serialize_binding<S: Serializer>(
        keys: &Option<Vec<Key>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(keys.iter().flatten().map(|&k| key_name(k)))
    }

    pub(super) fn on_suspend<'de, D: Deserializer<'de>>(d: D) -> Result<AwayPolicy, D::Error> {
        let choices = AwayPolicy::ALL
            .iter()
            .map(|v| format!("{:?}", v.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        match raw(d)? {
            Raw::Str(s) => AwayPolicy::from_name(&s).ok_or_else(|| {
                D::Error::custom(format!("unknown value {s:?} — expected one of {choices}"))
            }),
            other => Err(wrong_type(&format!("one of {choices}"), &other)),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn hh_mm_is_strict() {
            assert_eq!(parse_hh_mm("04:00"), NaiveTime::from_hms_opt(4, 0, 0));
            assert_eq!(parse_hh_mm("23:59"), NaiveTime::from_hms_opt(23, 59, 0));
            assert_eq!(parse_hh_mm("00:00"), Some(NaiveTime::MIN));
            for bad in [
                "24:00", "23:60", "4:00", "04:0", "04:00:00", "0400", "ab:cd", "", "+4:00",
            ] {
                assert_eq!(parse_hh_mm(bad), None, "{bad}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("", ""), 0);
        assert_eq!(levenshtein("work", "work"), 0);
        assert_eq!(levenshtein("wrok", "work"), 2);
        assert_eq!(levenshtein("bel", "bell"), 1);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("abc", ""), 3);
        assert_eq!(levenshtein("é", "e"), 1);
    }

    #[test]
    fn suggestions_catch_typos_but_not_unrelated_words() {
        assert_eq!(suggest_key("wrok"), Some("work"));
        assert_eq!(suggest_key("shortbreak"), Some("short_break"));
        assert_eq!(suggest_key("Short-Break"), Some("short_break"));
        assert_eq!(suggest_key("long_break_evry"), Some("long_break_every"));
        assert_eq!(suggest_key("day_start_at"), Some("day_starts_at"));
        assert_eq!(suggest_key("bel"), Some("bell"));
        assert_eq!(suggest_key("them"), Some("theme"));
        assert_eq!(suggest_key("font_size"), None);
        assert_eq!(suggest_key("x"), None);
    }

    #[test]
    fn line_column_is_one_based_and_counts_characters() {
        let text = "a = 1\nbé = \"x\"\r\nc";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 4), (1, 5));
        assert_eq!(line_column(text, 6), (2, 1));
        // "bé = " is 6 bytes but 5 characters.
        assert_eq!(line_column(text, 12), (2, 6));
        assert_eq!(line_column(text, text.len()), (3, 2));
        // Out-of-range and mid-character offsets must not panic.
        assert_eq!(line_column(text, 1000), (3, 2));
        assert_eq!(line_column(text, 8), (2, 2));
        assert_eq!(line_column("\u{feff}work", 3), (1, 1));
        assert_eq!(line_column("\u{feff}work", 5), (1, 3));
    }

    #[test]
    fn keys_match_the_struct_fields() {
        let table = toml::Table::try_from(Config::default()).unwrap();
        let mut fields: Vec<&str> = table.keys().map(String::as_str).collect();
        let mut keys = KEYS.to_vec();
        fields.sort_unstable();
        keys.sort_unstable();
        assert_eq!(fields, keys);
    }

    #[test]
    fn serialized_defaults_parse_back_to_defaults() {
        let text = toml::to_string(&Config::default()).unwrap();
        assert_eq!(
            Config::parse(&text, Path::new("x.toml")).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn on_suspend_names_round_trip() {
        for v in AwayPolicy::ALL {
            assert_eq!(AwayPolicy::from_name(v.as_str()), Some(v));
            assert_eq!(v.to_string(), v.as_str());
        }
        assert_eq!(AwayPolicy::from_name("Ask"), None);
    }

    #[test]
    fn one_line_joins_lines() {
        assert_eq!(one_line("a\n  b\n\nc"), "a: b: c");
        assert_eq!(one_line("single"), "single");
    }
}
