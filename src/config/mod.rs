//! The user's settings: `config.toml` plus command-line overrides.
//!
//! Every key is optional, and a bad file is reported as a single
//! `path:line:column: key: what is wrong` line, because the person reading it
//! is about to open that exact spot in an editor.
//!
//! Reading goes in three steps, each in its own file: `raw` parses the text
//! into TOML values that keep their positions and rejects unknown keys;
//! `convert` turns each value into its setting, checking type and range;
//! `error` words the problems and gives them a line and column.
//! `serialize` writes settings back in the file's own spelling.
//!
//! Adding a key: add a field to [`Config`] (with a `serialize_with` helper
//! from `serialize` if its type does not write itself as the file spells
//! it), its default in `Config::default`, its name in [`KEYS`], its
//! conversion in `convert::config`, and a documented line in
//! `config.example.toml`. Tests fail if any of those is forgotten. A key
//! inside a table (`[hooks]`, `[notifications]`, `[keys]`) goes in that
//! table's struct, key list ([`HOOK_KEYS`], [`NOTIFICATION_KEYS`],
//! [`ACTION_KEYS`]) and converter instead, and one inside an array of
//! tables (`[[busy]]`) in [`BUSY_KEYS`]; unknown keys there are reported
//! with suggestions just like top-level ones.
//!
//! A rule that spans several values (one key bound to two actions) is
//! checked once the whole table is converted, with the positions kept from
//! the parse, so its error still points at the value to change.

mod convert;
mod error;
mod raw;
mod serialize;

mod views;

use std::fmt;
use std::path::Path;
use std::time::Duration;

use chrono::{NaiveTime, Weekday};
use serde::Serialize;

pub use self::error::ConfigError;
use crate::domain::plan::Slot;
use crate::domain::review::WorkDays;
use crate::engine::keymap::{Action, Keymap};
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
    "work_days",
    "on_suspend",
    "void_on_interruption",
    "check_in",
    "check_in_scale",
    "check_in_energy",
    "check_in_timeout",
    "theme",
    "workday",
    "busy_ics",
    "hooks",
    "notifications",
    "keys",
    "busy",
    "distractions",
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

/// A weekday as the config spells it (`"monday"`), for showing
/// `week_starts_on`.
pub(crate) fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(_, d)| *d == day)
        .map_or("monday", |(name, _)| name)
}

/// Weekday spellings in the config file, in documentation order.
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// The effective settings.
///
/// Read with [`Config::parse`] (or [`Config::load`]), which puts the file
/// position and key name in every error. It serializes in the file's own
/// spelling (`focus config check` shows it so).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    /// Length of a work session (a pomodoro).
    #[serde(serialize_with = "crate::domain::duration::serde_duration::serialize")]
    pub work: Duration,
    /// Length of the break after most pomodoros.
    #[serde(serialize_with = "crate::domain::duration::serde_duration::serialize")]
    pub short_break: Duration,
    /// Length of the break after every `long_break_every`-th pomodoro.
    #[serde(serialize_with = "crate::domain::duration::serde_duration::serialize")]
    pub long_break: Duration,
    /// Take a long break instead of a short one after this many pomodoros.
    pub long_break_every: u32,
    /// Start a break as soon as a pomodoro ends.
    pub auto_start_breaks: bool,
    /// Start the next pomodoro as soon as a break ends.
    pub auto_start_work: bool,
    /// Ring the terminal bell when a session ends.
    pub bell: bool,
    /// Pomodoros per day to aim for; zero means no goal.
    pub daily_goal: u32,
    /// Local time at which a new day starts for counting purposes, so a
    /// session at 01:00 can still belong to "yesterday".
    #[serde(serialize_with = "serialize::time")]
    pub day_starts_at: NaiveTime,
    /// The first day of a week in weekly reviews and reports.
    #[serde(serialize_with = "serialize::weekday")]
    pub week_starts_on: Weekday,
    /// The days the daily goal applies to; on the others (days off) the
    /// goal is neither met nor missed, so they do not break a streak.
    #[serde(serialize_with = "serialize::work_days")]
    pub work_days: WorkDays,
    /// What to do with a work session during which the machine slept.
    pub on_suspend: AwayPolicy,
    /// Cirillo's strict rule: an external interruption voids the pomodoro.
    pub void_on_interruption: bool,
    /// Ask for a rating when a pomodoro ends (`"ask"`) or not (`"off"`).
    #[serde(serialize_with = "serialize::check_in")]
    pub check_in: bool,
    /// The rating scale: 5 (1–5) or 3 (low, fair, high).
    pub check_in_scale: u8,
    /// Ask for energy too, after focus.
    pub check_in_energy: bool,
    /// How long the check-in waits before the pomodoro is logged unrated.
    #[serde(serialize_with = "serialize::duration")]
    pub check_in_timeout: Duration,
    /// The TUI's colours. The TUI still draws [`Theme::Mono`] when colour
    /// is turned off (`NO_COLOR`, `--color never`), whatever this says.
    #[serde(serialize_with = "serialize::theme")]
    pub theme: Theme,
    /// The hours `focus plan` fills when `--from`/`--to` are not given.
    #[serde(serialize_with = "serialize::slot")]
    pub workday: Slot,
    /// An iCalendar file whose events of the day `focus plan` plans around
    /// (`busy_ics`); `--busy-ics` overrides it.
    #[serde(serialize_with = "serialize::path")]
    pub busy_ics: Option<std::path::PathBuf>,
    /// Commands to run when the timer's events happen (`[hooks]`). Last,
    /// with the other tables: TOML writes tables after plain keys.
    pub hooks: Hooks,
    /// Desktop notifications (`[notifications]`).
    pub notifications: Notifications,
    /// Key bindings (`[keys]`); see [`Config::keymap`].
    pub keys: Keys,
    /// Fixed daily appointments `focus plan` plans around (`[[busy]]`).
    #[serde(serialize_with = "serialize::busy")]
    pub busy: Vec<Slot>,
    /// Distraction categories (`[distractions]`): each name with the words
    /// that mean it, in the file's order (the first that matches wins).
    #[serde(serialize_with = "serialize::distractions")]
    pub distractions: Vec<(String, Vec<String>)>,
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
            work_days: WorkDays::MONDAY_TO_FRIDAY,
            on_suspend: AwayPolicy::Ask,
            void_on_interruption: false,
            check_in: true,
            check_in_scale: 5,
            check_in_energy: false,
            check_in_timeout: Duration::from_secs(120),
            theme: Theme::Default,
            workday: Slot {
                start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
                end: NaiveTime::from_hms_opt(17, 30, 0).unwrap_or(NaiveTime::MIN),
            },
            busy_ics: None,
            hooks: Hooks::default(),
            notifications: Notifications::default(),
            keys: Keys::default(),
            busy: Vec::new(),
            distractions: Vec::new(),
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hooks {
    /// A pomodoro started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_start: Option<HookCommand>,
    /// A session was paused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_pause: Option<HookCommand>,
    /// A session was resumed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_resume: Option<HookCommand>,
    /// A pomodoro ran to its end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_complete: Option<HookCommand>,
    /// A session was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_skip: Option<HookCommand>,
    /// A session was reset or abandoned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_reset: Option<HookCommand>,
    /// A break started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_break_start: Option<HookCommand>,
    /// A break ended, however it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_break_end: Option<HookCommand>,
    /// An interruption was marked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_interruption: Option<HookCommand>,
    /// A minute is left in the session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_minute_left: Option<HookCommand>,
    /// How long a hook may run before its whole process group is killed.
    #[serde(serialize_with = "crate::domain::duration::serde_duration::serialize")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notifications {
    /// Show a desktop notification when a session ends.
    pub desktop: bool,
    /// Also show one when a minute is left (sessions over two minutes).
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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Keys {
    /// Start, pause or resume.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize::binding"
    )]
    pub toggle: Option<Vec<Key>>,
    /// Skip to the next phase.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize::binding"
    )]
    pub skip: Option<Vec<Key>>,
    /// Reset the session.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize::binding"
    )]
    pub reset: Option<Vec<Key>>,
    /// Add a minute.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize::binding"
    )]
    pub extend: Option<Vec<Key>>,
    /// Type the task name.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize::binding"
    )]
    pub task: Option<Vec<Key>>,
    /// Show the keys.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize::binding"
    )]
    pub help: Option<Vec<Key>>,
    /// Quit (Ctrl-C always quits too).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize::binding"
    )]
    pub quit: Option<Vec<Key>>,
    /// Mark an internal interruption.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize::binding"
    )]
    pub internal: Option<Vec<Key>>,
    /// Mark an external interruption.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize::binding"
    )]
    pub external: Option<Vec<Key>>,
    /// Switch screens.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize::binding"
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
    pub(crate) fn effective(&self, action: Action) -> &[Key] {
        self.get(action).unwrap_or(action.default_keys())
    }

    /// Where the keys written for `action` go.
    fn get_mut(&mut self, action: Action) -> &mut Option<Vec<Key>> {
        match action {
            Action::Toggle => &mut self.toggle,
            Action::Skip => &mut self.skip,
            Action::Reset => &mut self.reset,
            Action::Extend => &mut self.extend,
            Action::Task => &mut self.task,
            Action::Help => &mut self.help,
            Action::Quit => &mut self.quit,
            Action::Internal => &mut self.internal,
            Action::External => &mut self.external,
            Action::NextScreen => &mut self.next_screen,
        }
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
                    .map(|k| (k.clone(), a, b))
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
        let read = || {
            let doc = raw::parse(text)?;
            raw::check_keys(&doc)?;
            convert::config(&doc)
        };
        read().map_err(|problem| problem.locate(text, origin))
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
                for k in keys {
                    if !unique.contains(k) {
                        unique.push(k.clone());
                    }
                }
                Some((action, unique))
            })
            .collect();
        Keymap::with(&overrides)
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
            d.map(|d| convert::check_session_length(d).map_err(|m| flag_err(key, m)))
                .transpose()
        };

        let work = session("work", o.work)?;
        let short_break = session("short_break", o.short_break)?;
        let long_break = session("long_break", o.long_break)?;
        let long_break_every = o
            .long_break_every
            .map(|n| {
                convert::check_count(i128::from(n), &convert::LONG_BREAK_EVERY)
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_first_bad_value_in_the_file_is_reported() {
        // Tables iterate by key (`bell` before `work`); the report must
        // follow the file, in tables as well.
        let message = |text: &str| {
            Config::parse(text, Path::new("x.toml"))
                .unwrap_err()
                .to_string()
        };
        assert!(message("work = 0\nbell = 1\n").starts_with("x.toml:1:8: work: "));
        assert!(
            message("[hooks]\ntimeout = 1\non_start = 1\n")
                .starts_with("x.toml:2:11: hooks.timeout: ")
        );
        assert!(message("[[busy]]\nto = 1\nfrom = 1\n").starts_with("x.toml:2:6: busy.to: "));
    }

    #[test]
    fn on_suspend_names_round_trip() {
        let read = |name: &str| {
            Config::parse(&format!("on_suspend = \"{name}\"\n"), Path::new("x.toml"))
                .map(|c| c.on_suspend)
        };
        for v in AwayPolicy::ALL {
            assert_eq!(read(v.as_str()).ok(), Some(v));
            assert_eq!(v.to_string(), v.as_str());
        }
        assert!(read("Ask").is_err());
    }
}
