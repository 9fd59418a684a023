//! Pieces shared by the two hand-edited TOML readers, [`crate::config`] and
//! [`crate::domain::tasks`]: turning a parser's byte offset into the line and column
//! an editor shows, keeping its message on one line, and reading a value
//! raw so that a wrong type can be named in plain words.

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use toml::value::Datetime;

/// Converts a byte offset into a 1-based (line, column), counting columns
/// in characters because that is what editors show.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut column = before[line_start..].chars().count() + 1;
    // Editors hide a leading byte-order mark, so it must not shift columns.
    if line == 1 && before.starts_with('\u{feff}') {
        column -= 1;
    }
    (line, column)
}

/// Squeezes a possibly multi-line parser message onto one line, so every
/// error keeps the `path:line:column: message` shape.
pub(crate) fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(": ")
}

/// A TOML value, as far as telling the user what they wrote goes.
///
/// `toml::Value` would do, except that it cannot hold integers beyond
/// `i64`, and failing on those yields a serde-internal message instead of
/// "out of range".
pub(crate) enum Raw {
    Str(String),
    Int(i128),
    Float(f64),
    Bool(bool),
    Datetime(Datetime),
    Array(Vec<Raw>),
    Table,
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

/// Reads any value as a [`Raw`].
struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a TOML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Int(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(Raw::Int(i128::try_from(v).unwrap_or(i128::MAX)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Raw>()? {
            items.push(item);
        }
        Ok(Raw::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Raw, A::Error> {
        // toml hands date/times over as a private one-entry map; letting
        // `Datetime` decode it avoids depending on that encoding.
        Ok(
            match Datetime::deserialize(MapAccessDeserializer::new(map)) {
                Ok(dt) => Raw::Datetime(dt),
                Err(_) => Raw::Table,
            },
        )
    }
}

/// Names a value's type, with the value itself when it is short.
pub(crate) fn describe(v: &Raw) -> String {
    match v {
        Raw::Str(s) => format!("string {s:?}"),
        Raw::Int(i) => format!("integer {i}"),
        // Debug keeps the `.0` so `4.0` does not read as an integer.
        Raw::Float(f) => format!("float {f:?}"),
        Raw::Bool(b) => format!("boolean {b}"),
        Raw::Datetime(dt) => format!("date/time {dt}"),
        Raw::Array(_) => "an array".to_owned(),
        Raw::Table => "a table".to_owned(),
    }
}
