//! From TOML values to settings: one conversion per key, each checking the
//! value's type and range and saying in plain words what to write instead
//! ("expected true or false, found string \"yes\"", not serde's "expected
//! bool").
//!
//! Keys are converted in the order they are written, so with several bad
//! values the first one in the file is reported. Unknown keys were
//! reported before this runs ([`super::raw::check_keys`]), so they are
//! passed over here.

use std::ops::RangeInclusive;
use std::time::Duration;

use chrono::{NaiveTime, Weekday};
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use super::error::{Bad, Problem};
use super::raw::{Item, in_file_order, raw};
use super::{Config, HookCommand, Hooks, Keys, Notifications, WEEKDAYS};
use crate::domain::duration::{format_duration, parse_duration};
use crate::domain::plan::{Slot, parse_clock};
use crate::domain::review::WorkDays;
use crate::domain::toml_input::{Raw, describe};
use crate::engine::AwayPolicy;
use crate::engine::Key;
use crate::engine::keymap::{Action, key_name, parse_key};
use crate::engine::theme::Theme;

/// Shortest and longest hook timeout: a hook needs at least a second to do
/// anything, and one still running after an hour is surely stuck.
const HOOK_TIMEOUT: RangeInclusive<Duration> = Duration::from_secs(1)..=Duration::from_secs(3600);

/// Shortest session a user may configure; zero would end instantly and
/// loop through phases.
const MIN_SESSION: Duration = Duration::from_secs(1);
/// Longest session a user may configure; beyond a day is surely a typo.
const MAX_SESSION: Duration = Duration::from_secs(24 * 3600);
/// Allowed values of `long_break_every`.
pub(super) const LONG_BREAK_EVERY: RangeInclusive<u32> = 1..=100;
/// Allowed values of `daily_goal`; zero means "no goal".
const DAILY_GOAL: RangeInclusive<u32> = 0..=1000;

/// Key names [`parse_key`] reads besides single characters, as error
/// messages list them.
const NAMED_KEYS: &str =
    "space, tab, backtab, enter, esc, backspace, up, down, left, right, delete";

/// The settings a parsed file gives: the defaults, with every key written
/// in the file converted and put in their place.
pub(super) fn config(doc: &DeTable<'_>) -> Result<Config, Problem> {
    let mut c = Config::default();
    for (key, v) in in_file_order(doc) {
        let at = |bad: Bad| bad.of(key);
        match key {
            "work" => c.work = session_length(v).map_err(at)?,
            "short_break" => c.short_break = session_length(v).map_err(at)?,
            "long_break" => c.long_break = session_length(v).map_err(at)?,
            "long_break_every" => c.long_break_every = count(v, &LONG_BREAK_EVERY).map_err(at)?,
            "auto_start_breaks" => c.auto_start_breaks = boolean(v).map_err(at)?,
            "auto_start_work" => c.auto_start_work = boolean(v).map_err(at)?,
            "bell" => c.bell = boolean(v).map_err(at)?,
            "daily_goal" => c.daily_goal = count(v, &DAILY_GOAL).map_err(at)?,
            "day_starts_at" => c.day_starts_at = local_time(v).map_err(at)?,
            "week_starts_on" => c.week_starts_on = weekday(v).map_err(at)?,
            "work_days" => c.work_days = work_days(v).map_err(at)?,
            "on_suspend" => c.on_suspend = on_suspend(v).map_err(at)?,
            "void_on_interruption" => c.void_on_interruption = boolean(v).map_err(at)?,
            "check_in" => c.check_in = one_of(v, [("ask", true), ("off", false)]).map_err(at)?,
            "check_in_scale" => c.check_in_scale = check_in_scale(v).map_err(at)?,
            "check_in_energy" => c.check_in_energy = boolean(v).map_err(at)?,
            "check_in_timeout" => c.check_in_timeout = check_in_timeout(v).map_err(at)?,
            "theme" => c.theme = theme(v).map_err(at)?,
            "workday" => c.workday = workday(v).map_err(at)?,
            "busy_ics" => c.busy_ics = path(v).map_err(at)?,
            "hooks" => c.hooks = hooks(v)?,
            "notifications" => c.notifications = notifications(v)?,
            "keys" => c.keys = keys(v)?,
            "busy" => c.busy = busy(v)?,
            "distractions" => c.distractions = distractions(v)?,
            // Unknown keys, here and in the tables below, were reported
            // before conversion began.
            _ => {}
        }
    }
    Ok(c)
}

/// The table under `key`. A plain value gets its own message, saying what
/// to write, where serde would have said "expected struct".
fn table<'a, 'i>(v: &'a Item<'i>, key: &str) -> Result<&'a DeTable<'i>, Problem> {
    v.get_ref().as_table().ok_or_else(|| {
        Bad::at(
            v,
            format!(
                "expected a table (a [{key}] section), found {}",
                v.get_ref().type_str()
            ),
        )
        .of(key)
    })
}

fn wrong_type(v: &Item<'_>, expected: &str, found: &Raw) -> Bad {
    Bad::at(v, format!("expected {expected}, found {}", describe(found)))
}

/// The rule for every session length, from the file or a flag.
pub(super) fn check_session_length(d: Duration) -> Result<Duration, String> {
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
pub(super) fn check_count(n: i128, range: &RangeInclusive<u32>) -> Result<u32, String> {
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

fn session_length(v: &Item<'_>) -> Result<Duration, Bad> {
    match raw(v)? {
        Raw::Str(s) => parse_duration(&s)
            .map_err(|e| e.to_string())
            .and_then(check_session_length)
            .map_err(|m| Bad::at(v, m)),
        // A bare number is the likeliest mistake; show the fix using the
        // user's own number.
        Raw::Int(n) if n >= 0 => Err(Bad::at(
            v,
            format!("expected a duration string like \"{n}m\", found integer {n}"),
        )),
        other => Err(wrong_type(v, r#"a duration string like "25m""#, &other)),
    }
}

fn count(v: &Item<'_>, range: &RangeInclusive<u32>) -> Result<u32, Bad> {
    match raw(v)? {
        Raw::Int(n) => check_count(n, range).map_err(|m| Bad::at(v, m)),
        other => Err(wrong_type(
            v,
            &format!("a whole number from {} to {}", range.start(), range.end()),
            &other,
        )),
    }
}

fn boolean(v: &Item<'_>) -> Result<bool, Bad> {
    match raw(v)? {
        Raw::Bool(b) => Ok(b),
        other => Err(wrong_type(v, "true or false", &other)),
    }
}

fn local_time(v: &Item<'_>) -> Result<NaiveTime, Bad> {
    match raw(v)? {
        Raw::Str(s) => parse_hh_mm(&s).ok_or_else(|| {
            Bad::at(
                v,
                format!(
                    "invalid time {s:?} — write it as \"HH:MM\" from \"00:00\" to \"23:59\", like \"04:00\""
                ),
            )
        }),
        // TOML has a local-time literal; someone who writes `04:00`
        // without quotes means exactly what the string would say.
        Raw::Datetime(dt) => match toml_clock(&dt) {
            Some(t) => t.ok_or_else(|| Bad::at(v, OUT_OF_DAY)),
            None => Err(wrong_type(
                v,
                r#"a time string like "04:00""#,
                &Raw::Datetime(dt),
            )),
        },
        other => Err(wrong_type(v, r#"a time string like "04:00""#, &other)),
    }
}

/// The complaint about a TOML time literal that is no time of day.
const OUT_OF_DAY: &str = "expected a time from \"00:00\" to \"23:59\"";

/// A TOML local-time literal of whole minutes (`04:00`) as a time: `None`
/// if `dt` is not such a literal, `Some(None)` if it is one but not a
/// valid time.
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

/// One of a fixed set of names, listed in the message when it is not.
fn one_of<T: Copy>(
    v: &Item<'_>,
    choices: impl IntoIterator<Item = (&'static str, T)>,
) -> Result<T, Bad> {
    let choices: Vec<(&str, T)> = choices.into_iter().collect();
    let listed = choices
        .iter()
        .map(|(name, _)| format!("{name:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    match raw(v)? {
        Raw::Str(s) => choices
            .iter()
            .find(|(name, _)| *name == s)
            .map(|&(_, value)| value)
            .ok_or_else(|| Bad::at(v, format!("unknown value {s:?} — expected one of {listed}"))),
        other => Err(wrong_type(v, &format!("one of {listed}"), &other)),
    }
}

fn weekday(v: &Item<'_>) -> Result<Weekday, Bad> {
    one_of(v, WEEKDAYS)
}

/// What `work_days` may look like, for type errors.
const WORK_DAYS: &str =
    r#"an array of weekdays like ["monday", "tuesday", "wednesday", "thursday", "friday"]"#;

/// `work_days`: an array of weekday names, each checked where it is
/// written; at least one, since a week of days off has no goal to keep.
fn work_days(v: &Item<'_>) -> Result<WorkDays, Bad> {
    let DeValue::Array(names) = v.get_ref() else {
        return Err(wrong_type(v, WORK_DAYS, &raw(v)?));
    };
    let mut days = Vec::with_capacity(names.len());
    for name in names.iter() {
        days.push(weekday(name)?);
    }
    if days.is_empty() {
        return Err(Bad::at(
            v,
            format!("no days given — expected {WORK_DAYS}; for no goal at all, set daily_goal = 0"),
        ));
    }
    Ok(WorkDays::from_days(days))
}

/// `check_in_scale`: 5 or 3, nothing else.
fn check_in_scale(v: &Item<'_>) -> Result<u8, Bad> {
    match raw(v)? {
        Raw::Int(5) => Ok(5),
        Raw::Int(3) => Ok(3),
        Raw::Int(n) => Err(Bad::at(
            v,
            format!("{n} is not a scale focus offers — use 5 (1–5) or 3 (low, fair, high)"),
        )),
        other => Err(wrong_type(v, "5 or 3", &other)),
    }
}

/// How long a check-in may wait: 10 seconds to an hour.
const CHECK_IN_TIMEOUT: RangeInclusive<Duration> =
    Duration::from_secs(10)..=Duration::from_secs(3600);

fn check_in_timeout(v: &Item<'_>) -> Result<Duration, Bad> {
    bounded_duration(v, &CHECK_IN_TIMEOUT, "2m")
}

/// A duration string within `range`, the one rule for the timeouts; an
/// integer gets told to name its unit, like `example`.
fn bounded_duration(
    v: &Item<'_>,
    range: &RangeInclusive<Duration>,
    example: &str,
) -> Result<Duration, Bad> {
    match raw(v)? {
        Raw::Str(s) => {
            let t = parse_duration(&s).map_err(|e| Bad::at(v, e.to_string()))?;
            if range.contains(&t) {
                Ok(t)
            } else {
                Err(Bad::at(
                    v,
                    format!(
                        "{} is out of range — must be between {} and {}",
                        format_duration(t),
                        format_duration(*range.start()),
                        format_duration(*range.end())
                    ),
                ))
            }
        }
        Raw::Int(n) if n >= 0 => Err(Bad::at(
            v,
            format!("expected a duration string like \"{n}s\", found integer {n}"),
        )),
        other => Err(wrong_type(
            v,
            &format!("a duration string like \"{example}\""),
            &other,
        )),
    }
}

/// What a `[distractions]` entry looks like, for type errors.
const DISTRACTION: &str = r#"an array of words like ["slack", "teams", "dm"]"#;

/// The `[distractions]` table: category = [aliases], in file order.
fn distractions(v: &Item<'_>) -> Result<Vec<(String, Vec<String>)>, Problem> {
    let mut out = Vec::new();
    for (name, aliases) in in_file_order(table(v, "distractions")?) {
        let at = |bad: Bad| bad.of(format!("distractions.{name}"));
        let DeValue::Array(words) = aliases.get_ref() else {
            return Err(at(wrong_type(
                aliases,
                DISTRACTION,
                &raw(aliases).map_err(at)?,
            )));
        };
        let mut list = Vec::with_capacity(words.len());
        for word in words.iter() {
            match raw(word).map_err(at)? {
                Raw::Str(s) if !s.trim().is_empty() => list.push(s),
                Raw::Str(_) => {
                    return Err(at(Bad::at(
                        word,
                        format!("an empty word — expected {DISTRACTION}"),
                    )));
                }
                other => return Err(at(wrong_type(word, DISTRACTION, &other))),
            }
        }
        out.push((name.to_string(), list));
    }
    Ok(out)
}

fn on_suspend(v: &Item<'_>) -> Result<AwayPolicy, Bad> {
    one_of(v, AwayPolicy::ALL.map(|s| (s.as_str(), s)))
}

fn theme(v: &Item<'_>) -> Result<Theme, Bad> {
    one_of(v, Theme::ALL.map(|t| (t.name(), t)))
}

/// Reads `workday`: `"HH:MM-HH:MM"` by `focus plan`'s own rules, so the
/// file and `--busy` agree on what a span of time is.
fn workday(v: &Item<'_>) -> Result<Slot, Bad> {
    match raw(v)? {
        Raw::Str(s) => s.parse::<Slot>().map_err(|m| Bad::at(v, m)),
        other => Err(wrong_type(
            v,
            r#"a time span string like "09:00-17:30""#,
            &other,
        )),
    }
}

/// A file path, taken as written (no `~` expansion: that is the shell's);
/// an empty string means none.
fn path(v: &Item<'_>) -> Result<Option<std::path::PathBuf>, Bad> {
    match raw(v)? {
        Raw::Str(s) if s.trim().is_empty() => Ok(None),
        Raw::Str(s) => Ok(Some(std::path::PathBuf::from(s))),
        other => Err(wrong_type(
            v,
            r#"a file path string like "calendar.ics""#,
            &other,
        )),
    }
}

/// The `[hooks]` table.
fn hooks(v: &Item<'_>) -> Result<Hooks, Problem> {
    let mut h = Hooks::default();
    for (key, v) in in_file_order(table(v, "hooks")?) {
        let at = |bad: Bad| bad.of(format!("hooks.{key}"));
        let command = || hook_command(v).map(Some).map_err(at);
        match key {
            "on_start" => h.on_start = command()?,
            "on_pause" => h.on_pause = command()?,
            "on_resume" => h.on_resume = command()?,
            "on_complete" => h.on_complete = command()?,
            "on_skip" => h.on_skip = command()?,
            "on_reset" => h.on_reset = command()?,
            "on_break_start" => h.on_break_start = command()?,
            "on_break_end" => h.on_break_end = command()?,
            "on_interruption" => h.on_interruption = command()?,
            "on_minute_left" => h.on_minute_left = command()?,
            "timeout" => h.timeout = hook_timeout(v).map_err(at)?,
            _ => {}
        }
    }
    Ok(h)
}

/// What a hook command may look like, for type errors.
const COMMAND: &str = r#"a command: an array like ["program", "arg"], or a string for sh -c"#;

/// A hook command: a string (for `sh -c`) or an array of strings (program
/// and arguments, no shell).
fn hook_command(v: &Item<'_>) -> Result<HookCommand, Bad> {
    match v.get_ref() {
        DeValue::String(line) if line.trim().is_empty() => Err(Bad::at(
            v,
            format!("the command is empty — expected {COMMAND}"),
        )),
        DeValue::String(line) => Ok(HookCommand::Shell(line.to_string())),
        DeValue::Array(words) => {
            let mut argv = Vec::with_capacity(words.len());
            for word in words.iter() {
                match raw(word)? {
                    Raw::Str(s) => argv.push(s),
                    other => {
                        return Err(Bad::at(
                            v,
                            format!(
                                "every word of a command must be a string, found {}",
                                describe(&other)
                            ),
                        ));
                    }
                }
            }
            match argv.first() {
                None => Err(Bad::at(
                    v,
                    r#"the command is empty — the first string is the program to run, as in ["paplay", "bell.oga"]"#,
                )),
                Some(program) if program.is_empty() => {
                    Err(Bad::at(v, "the program name (the first string) is empty"))
                }
                Some(_) => Ok(HookCommand::Exec(argv)),
            }
        }
        _ => Err(wrong_type(v, COMMAND, &raw(v)?)),
    }
}

fn hook_timeout(v: &Item<'_>) -> Result<Duration, Bad> {
    bounded_duration(v, &HOOK_TIMEOUT, "10s")
}

/// The `[notifications]` table.
fn notifications(v: &Item<'_>) -> Result<Notifications, Problem> {
    let mut n = Notifications::default();
    for (key, v) in in_file_order(table(v, "notifications")?) {
        let at = |bad: Bad| bad.of(format!("notifications.{key}"));
        match key {
            "desktop" => n.desktop = boolean(v).map_err(at)?,
            "minute_warning" => n.minute_warning = boolean(v).map_err(at)?,
            _ => {}
        }
    }
    Ok(n)
}

/// The `[keys]` table, refused if it leaves a key bound to two actions.
fn keys(v: &Item<'_>) -> Result<Keys, Problem> {
    let written = table(v, "keys")?;
    let mut keys = Keys::default();
    for (name, v) in in_file_order(written) {
        if let Some(action) = Action::ALL.into_iter().find(|a| a.name() == name) {
            *keys.get_mut(action) = Some(binding(v).map_err(|bad| bad.of(format!("keys.{name}")))?);
        }
    }
    match clash(&keys, written) {
        Some(problem) => Err(problem),
        None => Ok(keys),
    }
}

/// What a binding may look like, for type errors.
const BINDING: &str = r#"a key name like "n", or an array like ["n", "right"]"#;

/// One action's keys in `[keys]`: a key name or an array of them.
fn binding(v: &Item<'_>) -> Result<Vec<Key>, Bad> {
    match v.get_ref() {
        DeValue::String(name) => key(name).map(|k| vec![k]).map_err(|m| Bad::at(v, m)),
        DeValue::Array(names) => {
            let mut keys = Vec::with_capacity(names.len());
            // Each error points at the element itself, not the array.
            for name in names.iter() {
                match raw(name)? {
                    Raw::Str(s) => keys.push(key(&s).map_err(|m| Bad::at(name, m))?),
                    other => {
                        return Err(Bad::at(
                            name,
                            format!(
                                "every key must be a string like \"n\" or \"space\", found {}",
                                describe(&other)
                            ),
                        ));
                    }
                }
            }
            if keys.is_empty() {
                // An action no key reaches is almost surely a mistake, and
                // for `toggle` or `quit` a trap.
                return Err(Bad::at(v, format!("no keys given — expected {BINDING}")));
            }
            Ok(keys)
        }
        _ => Err(wrong_type(v, BINDING, &raw(v)?)),
    }
}

/// A key by the name [`parse_key`] reads.
fn key(name: &str) -> Result<Key, String> {
    parse_key(name).ok_or_else(|| {
        format!("unknown key {name:?} — use a single character or one of {NAMED_KEYS}")
    })
}

/// A key bound to two actions, pointed at in `written` (the `[keys]`
/// table); `None` if every key does one thing.
///
/// The binding blamed is one the user wrote (a default cannot be edited
/// in the file), the later one in the file when both were.
fn clash(keys: &Keys, written: &DeTable<'_>) -> Option<Problem> {
    let (key, first, second) = keys.clash()?;
    let value_of = |a: Action| written.get(a.name());
    let (blamed, other, other_is_default) = match (value_of(first), value_of(second)) {
        (Some(f), Some(s)) if f.span().start > s.span().start => (first, second, false),
        (_, Some(_)) => (second, first, value_of(first).is_none()),
        (Some(_), None) => (first, second, true),
        // Defaults never clash (a test makes sure); nothing to point at.
        (None, None) => return None,
    };
    let value = value_of(blamed)?;
    // Point at the very key inside an array when there is one.
    let position = keys
        .get(blamed)
        .and_then(|keys| keys.iter().position(|k| *k == key))
        .and_then(|i| value.get_ref().as_array()?.get(i))
        .unwrap_or(value);
    let name = key_name(&key);
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
    Some(Bad::at(position, message).of(format!("keys.{}", blamed.name())))
}

/// What a `[[busy]]` entry looks like, for type errors.
const BUSY_ENTRY: &str = r#"a [[busy]] entry like { from = "12:00", to = "13:00" }"#;

/// The `[[busy]]` entries.
fn busy(v: &Item<'_>) -> Result<Vec<Slot>, Problem> {
    match v.get_ref() {
        DeValue::Array(entries) => entries.iter().map(busy_entry).collect(),
        // `[busy]` with one pair of brackets is the likeliest slip.
        DeValue::Table(_) => Err(Bad::at(
            v,
            "expected [[busy]] entries, found a table — write the header with two pairs of brackets, [[busy]], once per appointment",
        )
        .of("busy")),
        _ => Err(raw(v)
            .map_or_else(|bad| bad, |found| wrong_type(v, BUSY_ENTRY, &found))
            .of("busy")),
    }
}

/// One `[[busy]]` entry, checked as a whole: both ends given, and a slot
/// `focus plan` accepts. Complaints about the whole entry point at its
/// header.
fn busy_entry(v: &Item<'_>) -> Result<Slot, Problem> {
    let at = |bad: Bad| bad.of("busy");
    let Some(entry) = v.get_ref().as_table() else {
        return Err(at(
            raw(v).map_or_else(|bad| bad, |found| wrong_type(v, BUSY_ENTRY, &found))
        ));
    };
    let (mut from, mut to) = (None, None);
    for (key, v) in in_file_order(entry) {
        match key {
            "from" => from = Some(clock(v).map_err(|bad| bad.of("busy.from"))?),
            "to" => to = Some(clock(v).map_err(|bad| bad.of("busy.to"))?),
            _ => {}
        }
    }
    let complaint = match (from, to) {
        (Some(from), Some(to)) => return Slot::new(from, to).map_err(|m| at(Bad::at(v, m))),
        (None, None) => r#"the entry is empty — write from = "12:00" and to = "13:00""#,
        (None, Some(_)) => r#"`from` is missing — write from = "12:00""#,
        (Some(_), None) => r#"`to` is missing — write to = "13:00""#,
    };
    Err(at(Bad::at(v, complaint)))
}

/// A clock time in a `[[busy]]` entry, by `focus plan`'s rules (`"12:00"`,
/// `"9:30"`), or a TOML local time (`12:00`).
fn clock(v: &Item<'_>) -> Result<NaiveTime, Bad> {
    match raw(v)? {
        Raw::Str(s) => parse_clock(&s).map_err(|m| Bad::at(v, m)),
        Raw::Datetime(dt) => match toml_clock(&dt) {
            Some(t) => t.ok_or_else(|| Bad::at(v, OUT_OF_DAY)),
            None => Err(wrong_type(
                v,
                r#"a time string like "12:00""#,
                &Raw::Datetime(dt),
            )),
        },
        other => Err(wrong_type(v, r#"a time string like "12:00""#, &other)),
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
