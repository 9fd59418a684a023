//! The file as TOML values that remember where they were written, and the
//! checks that need only the keys: syntax, and keys nobody knows.
//!
//! Values are read as [`toml::de::DeValue`] rather than through serde
//! because every value, every array element and every table keeps its span
//! there, so a later complaint can point at the exact spot; and because an
//! integer beyond `i64` is still there, as text, to be called out of range.

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue, ValueDeserializer};

use super::error::{Bad, Problem, keys_of_table};
use super::{KEYS, TABLE_ARRAYS, TABLES};
use crate::domain::toml_input::{Raw, one_line};

/// A value and where it is written.
pub(super) type Item<'i> = Spanned<DeValue<'i>>;

/// Parses `text` as a TOML document.
pub(super) fn parse(text: &str) -> Result<DeTable<'_>, Problem> {
    DeTable::parse(text)
        .map(Spanned::into_inner)
        .map_err(|e| Problem::Syntax {
            span: e.span(),
            message: one_line(e.message()),
        })
}

/// The entries of a table in the order they are written.
///
/// The table itself iterates by key; going by position makes the first
/// problem reported the first one in the file.
pub(super) fn in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<(&'a str, &'a Item<'i>)> {
    let mut entries: Vec<(&Spanned<DeString<'i>>, &Item<'i>)> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
        .into_iter()
        .map(|(k, v)| (k.get_ref().as_ref(), v))
        .collect()
}

/// Fails on the first key, in file order, that is known neither at the
/// top level nor in the table it is in, with the known key it is most
/// likely a typo of.
///
/// This runs before any value is looked at, so a misspelt key is reported
/// as such rather than as the default its value silently failed to change.
pub(super) fn check_keys(doc: &DeTable<'_>) -> Result<(), Problem> {
    let mut unknown: Vec<(&Spanned<DeString<'_>>, Option<&'static str>)> = Vec::new();
    for (key, value) in doc {
        if !KEYS.contains(&key.get_ref().as_ref()) {
            unknown.push((key, None));
        }
        let Some(&(table, known)) = TABLES
            .iter()
            .chain(TABLE_ARRAYS)
            .find(|(t, _)| *t == key.get_ref())
        else {
            continue;
        };
        // A table's keys, or those of each entry of an array of tables;
        // `[busy]` by mistake is a table whose keys are still checked,
        // the complaint about its shape coming later.
        let inner: Vec<&DeTable<'_>> = match value.get_ref() {
            DeValue::Table(t) => vec![t],
            DeValue::Array(items) => items
                .iter()
                .filter_map(|i| i.get_ref().as_table())
                .collect(),
            _ => Vec::new(),
        };
        unknown.extend(
            inner
                .into_iter()
                .flatten()
                .filter(|(k, _)| !known.contains(&k.get_ref().as_ref()))
                .map(|(k, _)| (k, Some(table))),
        );
    }
    match unknown.into_iter().min_by_key(|(k, _)| k.span().start) {
        None => Ok(()),
        Some((key, table)) => Err(Problem::UnknownKey {
            span: key.span(),
            key: key.get_ref().to_string(),
            suggestion: suggest_among(key.get_ref(), table.map_or(KEYS, keys_of_table)),
            table,
        }),
    }
}

/// The key of `known` nearest to `key`, if it is close enough to be a typo.
///
/// Case and `-`/`_` are normalised first since `Short-Break` is clearly a
/// spelling of `short_break`, not a different key.
fn suggest_among(key: &str, known: &'static [&'static str]) -> Option<&'static str> {
    let normalised = key.to_lowercase().replace('-', "_");
    // Roughly one edit in three characters, but always allow two so a
    // swapped pair of letters (`wrok`) in a short key is still caught.
    let limit = (normalised.chars().count() / 3).max(2);
    known
        .iter()
        .map(|&k| (strsim::levenshtein(&normalised, k), k))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// The value as a [`Raw`], to match on its type or name it in a message.
///
/// Going through toml's own deserializer keeps its reading of numbers
/// (`0x1F`, `1_000`, integers up to `u128`) and its overflow messages.
pub(super) fn raw(value: &Item<'_>) -> Result<Raw, Bad> {
    Raw::deserialize(ValueDeserializer::from(value.clone())).map_err(|e| Bad {
        span: e.span().unwrap_or_else(|| value.span()),
        message: one_line(e.message()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::toml_input::line_column;

    fn suggest_key(key: &str) -> Option<&'static str> {
        suggest_among(key, KEYS)
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
    fn edit_distance_counts_characters_not_bytes() {
        // The limit above is in characters, so the distance must be too.
        assert_eq!(strsim::levenshtein("é", "e"), 1);
        assert_eq!(strsim::levenshtein("wrok", "work"), 2);
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
    fn one_line_joins_lines() {
        assert_eq!(one_line("a\n  b\n\nc"), "a: b: c");
        assert_eq!(one_line("single"), "single");
    }

    #[test]
    fn entries_come_in_file_order() {
        let doc = parse("zzz = 1\naaa = 2\nmmm = 3\n").unwrap();
        let keys: Vec<&str> = in_file_order(&doc).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["zzz", "aaa", "mmm"]);
    }

    #[test]
    fn huge_integers_are_still_integers() {
        let doc = parse("n = 99999999999999999999\n").unwrap();
        let (_, value) = in_file_order(&doc)[0];
        assert!(matches!(
            raw(value),
            Ok(Raw::Int(99_999_999_999_999_999_999))
        ));
    }
}
