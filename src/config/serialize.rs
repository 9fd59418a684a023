//! Writing settings back as TOML, in the very spelling the file takes, so
//! that what is written parses back to the same settings (a test checks
//! the defaults do).

use chrono::{NaiveTime, Timelike, Weekday};
use serde::Serializer;

use crate::domain::plan::Slot;
use crate::domain::review::WorkDays;
use crate::engine::Key;
use crate::engine::keymap::key_name;
use crate::engine::theme::Theme;

/// `HH:MM`, as `day_starts_at` is written.
pub(super) fn time<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{:02}:{:02}", t.hour(), t.minute()))
}

/// `"monday"`, as `week_starts_on` is written.
pub(super) fn weekday<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(super::weekday_name(*day))
}

/// The work days as an array of names, Monday first.
pub(super) fn work_days<S: Serializer>(days: &WorkDays, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(days.days().map(super::weekday_name))
}

/// `"ask"` or `"off"`, as `check_in` is written.
pub(super) fn check_in<S: Serializer>(ask: &bool, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(if *ask { "ask" } else { "off" })
}

/// A duration as a string the file takes back (`"2m"`, `"90s"`).
pub(super) fn duration<S: Serializer>(d: &std::time::Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::domain::duration::format_duration(*d))
}

/// The distraction categories as a table of name = [aliases].
pub(super) fn distractions<S: Serializer>(
    categories: &[(String, Vec<String>)],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(categories.iter().map(|(name, aliases)| (name, aliases)))
}

/// The theme's name.
pub(super) fn theme<S: Serializer>(t: &Theme, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.name())
}

/// `HH:MM-HH:MM`, as `workday` is written.
pub(super) fn slot<S: Serializer>(slot: &Slot, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(slot)
}

/// The busy slots as `[[busy]]` entries.
pub(super) fn busy<S: Serializer>(slots: &[Slot], s: S) -> Result<S::Ok, S::Error> {
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

/// A binding as an array of key names, the longer of the two forms a
/// binding may take, since it fits any number of keys.
pub(super) fn binding<S: Serializer>(keys: &Option<Vec<Key>>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(keys.iter().flatten().map(key_name))
}

/// A path as written in the file; none as `""`, which reads back as none.
pub(super) fn path<S: Serializer>(p: &Option<std::path::PathBuf>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.serialize_str(&p.to_string_lossy()),
        None => s.serialize_str(""),
    }
}
