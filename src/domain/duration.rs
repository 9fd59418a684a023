//! Human-written durations (`25m`, `1h30m`, `90s`) and how we print them back.
//!
//! Durations appear in the config file and on the command line, so parsing is
//! strict (one spelling per meaning) and every error tells the user how to
//! write a good one instead.

use std::time::Duration;

/// The examples shown in most error messages; kept in one place so every
/// message teaches the same spelling.
const EXAMPLES: &str = r#""25m", "90s" or "1h30m""#;

/// Why a duration string was rejected.
///
/// Each variant's message names the input as the user typed it (trimmed)
/// and shows a correct spelling, because the message usually ends up in front
/// of someone editing a config file or retyping a flag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DurationError {
    /// Nothing but whitespace was given.
    #[error("invalid duration {input:?}: it is empty — write it like {EXAMPLES}")]
    Empty {
        /// The rejected text.
        input: String,
    },
    /// A number was not followed by a unit, as in `25` or `1h30`.
    #[error("invalid duration {input:?}: {number} needs a unit — write {suggestion:?}")]
    MissingUnit {
        /// The rejected text.
        input: String,
        /// The number that lacks a unit.
        number: String,
        /// The input with the most likely unit added.
        suggestion: String,
    },
    /// A minus sign was found where a number belongs.
    #[error("invalid duration {input:?}: it cannot be negative — write it like {EXAMPLES}")]
    Negative {
        /// The rejected text.
        input: String,
    },
    /// A unit was repeated or units were not in `h`, `m`, `s` order.
    #[error(
        "invalid duration {input:?}: units go in the order h, m, s, each at most once — write it like \"1h30m\""
    )]
    UnitOrder {
        /// The rejected text.
        input: String,
    },
    /// The value does not fit in a `u64` number of seconds.
    #[error("invalid duration {input:?}: it is too large — write it like {EXAMPLES}")]
    Overflow {
        /// The rejected text.
        input: String,
    },
    /// Anything else: an unknown unit, a fraction, a stray character.
    #[error("invalid duration {input:?} — write it like {EXAMPLES}")]
    Invalid {
        /// The rejected text.
        input: String,
    },
}

/// The units we accept, in the only order they may appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Hours,
    Minutes,
    Seconds,
}

impl Unit {
    fn from_suffix(s: &str) -> Option<Unit> {
        match s {
            "h" => Some(Unit::Hours),
            "m" => Some(Unit::Minutes),
            "s" => Some(Unit::Seconds),
            _ => None,
        }
    }

    fn seconds(self) -> u64 {
        match self {
            Unit::Hours => 3600,
            Unit::Minutes => 60,
            Unit::Seconds => 1,
        }
    }

    fn suffix(self) -> char {
        match self {
            Unit::Hours => 'h',
            Unit::Minutes => 'm',
            Unit::Seconds => 's',
        }
    }

    /// The unit a bare trailing number most plausibly meant: minutes first
    /// (Pomodoro lengths are minutes), otherwise the next smaller unit.
    fn after(prev: Option<Unit>) -> Option<Unit> {
        match prev {
            None => Some(Unit::Minutes),
            Some(Unit::Hours) => Some(Unit::Minutes),
            Some(Unit::Minutes) => Some(Unit::Seconds),
            Some(Unit::Seconds) => None,
        }
    }
}

/// Parses a duration such as `"25m"`, `"90s"`, `"1h30m"` or `"1h 30m 15s"`.
///
/// Components are a non-negative whole number followed by `h`, `m` or `s`,
/// in that order, each unit at most once. Whitespace around the whole string
/// and between components is ignored. A bare number is rejected rather than
/// guessed at, because `25` could mean minutes or seconds depending on who
/// wrote it.
pub(crate) fn parse_duration(s: &str) -> Result<Duration, DurationError> {
    let input = s.trim();
    let owned = || input.to_owned();
    if input.is_empty() {
        return Err(DurationError::Empty { input: owned() });
    }

    let bytes = input.as_bytes();
    let mut pos = 0;
    let mut total: u64 = 0;
    let mut prev: Option<Unit> = None;

    while pos < bytes.len() {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }

        let digits_start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
        if pos == digits_start {
            return Err(match bytes.get(pos) {
                Some(b'-') => DurationError::Negative { input: owned() },
                _ => DurationError::Invalid { input: owned() },
            });
        }
        let number = &input[digits_start..pos];
        // Overflow is reported after the unit is known to be valid, so that
        // `99999999999999999999x` is called invalid rather than too large.
        let value = number.parse::<u64>().ok();

        // Tolerating `25 m` costs nothing and avoids a confusing "needs a
        // unit" message when the unit is visibly there.
        let mut unit_start = pos;
        while unit_start < bytes.len() && bytes[unit_start].is_ascii_whitespace() {
            unit_start += 1;
        }
        let mut unit_end = unit_start;
        while unit_end < bytes.len() && bytes[unit_end].is_ascii_alphabetic() {
            unit_end += 1;
        }

        if unit_end == unit_start {
            if unit_start < bytes.len() {
                return Err(DurationError::Invalid { input: owned() });
            }
            return Err(match Unit::after(prev) {
                Some(unit) => DurationError::MissingUnit {
                    input: owned(),
                    number: number.to_owned(),
                    suggestion: format!("{input}{}", unit.suffix()),
                },
                None => DurationError::UnitOrder { input: owned() },
            });
        }

        let unit = Unit::from_suffix(&input[unit_start..unit_end])
            .ok_or_else(|| DurationError::Invalid { input: owned() })?;
        if prev.is_some_and(|p| p >= unit) {
            return Err(DurationError::UnitOrder { input: owned() });
        }
        prev = Some(unit);

        total = value
            .and_then(|v| v.checked_mul(unit.seconds()))
            .and_then(|secs| total.checked_add(secs))
            .ok_or_else(|| DurationError::Overflow { input: owned() })?;
        pos = unit_end;
    }

    Ok(Duration::from_secs(total))
}

/// Formats a duration in the canonical short form parsed by
/// [`parse_duration`]: `25m`, `1h30m`, `1m30s`, `0s`.
///
/// Sub-second parts are dropped, since nothing in the app is finer than a
/// second and a fractional form could not be parsed back.
pub(crate) fn format_duration(d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

/// Formats a countdown the way a clock shows it: `MM:SS` below one hour,
/// `H:MM:SS` from one hour on.
pub(crate) fn format_clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h == 0 {
        format!("{m:02}:{s:02}")
    } else {
        format!("{h}:{m:02}:{s:02}")
    }
}

/// A total as people say it on screen: `50m`, `1h 15m`.
pub fn format_minutes(secs: u64) -> String {
    let m = secs / 60;
    if m >= 60 {
        format!("{}h {:02}m", m / 60, m % 60)
    } else {
        format!("{m}m")
    }
}

/// A total the way `focus report` prints it: `174h 41m`, `0h 25m`. Always
/// with both units, so a column of them lines up and none reads as a time
/// of day (as `174:41` did).
pub fn format_total(secs: u64) -> String {
    format!("{}h {:02}m", secs / 3600, secs / 60 % 60)
}

/// A span of clock time in notes and errors: `15h30m`, `45m`, `12h`.
pub(crate) fn format_span(d: chrono::TimeDelta) -> String {
    let m = d.num_minutes();
    match (m / 60, m % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m:02}m"),
    }
}

/// Serde support for [`Duration`] fields written as duration strings.
///
/// Use as `#[serde(with = "crate::domain::duration::serde_duration")]`. Values are
/// read with [`parse_duration`] (its message becomes the serde error) and
/// written with [`format_duration`].
pub(crate) mod serde_duration {
    use std::fmt;
    use std::time::Duration;

    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};

    use super::{format_duration, parse_duration};

    /// Writes the duration in canonical short form, e.g. `"1h30m"`.
    pub(crate) fn serialize<S: Serializer>(d: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_duration(*d))
    }

    /// Reads a duration string such as `"25m"`.
    #[allow(
        dead_code,
        reason = "the read half of the documented `with` pair; today only its tests read durations through it"
    )]
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Duration, D::Error> {
        deserializer.deserialize_str(DurationVisitor)
    }

    struct DurationVisitor;

    impl Visitor<'_> for DurationVisitor {
        type Value = Duration;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(r#"a duration string like "25m""#)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
            parse_duration(v).map_err(E::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn parses_single_components() {
        assert_eq!(parse_duration("25m"), Ok(secs(25 * 60)));
        assert_eq!(parse_duration("90s"), Ok(secs(90)));
        assert_eq!(parse_duration("2s"), Ok(secs(2)));
        assert_eq!(parse_duration("2h"), Ok(secs(7200)));
        assert_eq!(parse_duration("0s"), Ok(secs(0)));
        assert_eq!(parse_duration("0m"), Ok(secs(0)));
    }

    #[test]
    fn parses_compound_forms() {
        assert_eq!(parse_duration("1h30m"), Ok(secs(5400)));
        assert_eq!(parse_duration("1h 30m"), Ok(secs(5400)));
        assert_eq!(parse_duration("1h30m15s"), Ok(secs(5415)));
        assert_eq!(parse_duration("1h  30m\t15s"), Ok(secs(5415)));
        assert_eq!(parse_duration("1h15s"), Ok(secs(3615)));
        assert_eq!(parse_duration("90m"), Ok(secs(5400)));
        assert_eq!(parse_duration("25 m"), Ok(secs(1500)));
    }

    #[test]
    fn trims_surrounding_whitespace() {
        assert_eq!(parse_duration("  25m\n"), Ok(secs(1500)));
    }

    #[test]
    fn rejects_empty() {
        for s in ["", "   ", "\t"] {
            let err = parse_duration(s).unwrap_err();
            assert!(matches!(err, DurationError::Empty { .. }), "{s:?}: {err:?}");
            assert!(err.to_string().contains("\"25m\""), "{err}");
        }
    }

    #[test]
    fn bare_number_suggests_minutes() {
        let err = parse_duration("25").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"invalid duration "25": 25 needs a unit — write "25m""#
        );
    }

    #[test]
    fn trailing_bare_number_suggests_next_unit() {
        let err = parse_duration("1h30").unwrap_err();
        assert!(err.to_string().contains(r#"write "1h30m""#), "{err}");
        let err = parse_duration("5m30").unwrap_err();
        assert!(err.to_string().contains(r#"write "5m30s""#), "{err}");
        let err = parse_duration("5s3").unwrap_err();
        assert!(matches!(err, DurationError::UnitOrder { .. }), "{err:?}");
    }

    #[test]
    fn rejects_negative() {
        for s in ["-5m", "1h -5m", "1h-5m"] {
            let err = parse_duration(s).unwrap_err();
            assert!(
                matches!(err, DurationError::Negative { .. }),
                "{s}: {err:?}"
            );
            assert!(err.to_string().contains("negative"), "{err}");
        }
    }

    #[test]
    fn rejects_unknown_units_and_stray_characters() {
        for s in [
            "25x", "25min", "25M", "1.5h", "h", "m25", "25m!", "+5m", "1,5h", "２５m",
        ] {
            let err = parse_duration(s).unwrap_err();
            assert!(matches!(err, DurationError::Invalid { .. }), "{s}: {err:?}");
        }
    }

    #[test]
    fn unknown_unit_message_matches_the_documented_form() {
        assert_eq!(
            parse_duration("25x").unwrap_err().to_string(),
            r#"invalid duration "25x" — write it like "25m", "90s" or "1h30m""#
        );
    }

    #[test]
    fn rejects_repeated_or_out_of_order_units() {
        for s in ["30m1h", "1m1m", "5s2m", "1h2h", "1s1h"] {
            let err = parse_duration(s).unwrap_err();
            assert!(
                matches!(err, DurationError::UnitOrder { .. }),
                "{s}: {err:?}"
            );
        }
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        for s in [
            "99999999999999999999h",
            "99999999999999999999s",
            "5124095576030432h",
            "18446744073709551615s1s",
            "5124095576030431h1h",
        ] {
            let err = parse_duration(s).unwrap_err();
            assert!(
                matches!(
                    err,
                    DurationError::Overflow { .. } | DurationError::UnitOrder { .. }
                ),
                "{s}: {err:?}"
            );
        }
        assert!(matches!(
            parse_duration("99999999999999999999h"),
            Err(DurationError::Overflow { .. })
        ));
        assert_eq!(parse_duration("18446744073709551615s"), Ok(secs(u64::MAX)));
    }

    #[test]
    fn messages_quote_the_trimmed_input() {
        let err = parse_duration("  3q ").unwrap_err();
        assert!(
            err.to_string().starts_with(r#"invalid duration "3q""#),
            "{err}"
        );
    }

    #[test]
    fn formats_canonically() {
        assert_eq!(format_duration(secs(0)), "0s");
        assert_eq!(format_duration(secs(25 * 60)), "25m");
        assert_eq!(format_duration(secs(5400)), "1h30m");
        assert_eq!(format_duration(secs(90)), "1m30s");
        assert_eq!(format_duration(secs(3600)), "1h");
        assert_eq!(format_duration(secs(3601)), "1h1s");
        assert_eq!(format_duration(secs(5415)), "1h30m15s");
        assert_eq!(format_duration(Duration::from_millis(1999)), "1s");
        assert_eq!(format_duration(Duration::from_millis(999)), "0s");
    }

    #[test]
    fn formats_clock() {
        assert_eq!(format_clock(0), "00:00");
        assert_eq!(format_clock(59), "00:59");
        assert_eq!(format_clock(25 * 60), "25:00");
        assert_eq!(format_clock(3599), "59:59");
        assert_eq!(format_clock(3600), "1:00:00");
        assert_eq!(format_clock(5415), "1:30:15");
        assert_eq!(format_clock(36000), "10:00:00");
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Holder {
        #[serde(with = "crate::domain::duration::serde_duration")]
        d: Duration,
    }

    #[test]
    fn serde_helper_round_trips_through_toml() {
        let h: Holder = toml::from_str(r#"d = "1h 30m""#).unwrap();
        assert_eq!(h.d, secs(5400));
        assert_eq!(toml::to_string(&h).unwrap().trim(), r#"d = "1h30m""#);
    }

    #[test]
    fn serde_helper_reports_the_parse_message() {
        let err = toml::from_str::<Holder>(r#"d = "25""#).unwrap_err();
        assert_eq!(
            err.message(),
            r#"invalid duration "25": 25 needs a unit — write "25m""#
        );
        let err = toml::from_str::<Holder>("d = 25").unwrap_err();
        assert!(
            err.message().contains(r#"a duration string like "25m""#),
            "{err}"
        );
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips(n in 0u64..=1000 * 3600) {
            let d = secs(n);
            prop_assert_eq!(parse_duration(&format_duration(d)), Ok(d));
        }

        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = parse_duration(&s);
        }

        #[test]
        fn parsed_values_format_to_an_equivalent_string(
            h in proptest::option::of(0u64..100),
            m in proptest::option::of(0u64..100),
            s in proptest::option::of(0u64..100),
        ) {
            prop_assume!(h.is_some() || m.is_some() || s.is_some());
            let text: String = [(h, 'h'), (m, 'm'), (s, 's')]
                .iter()
                .filter_map(|(v, u)| v.map(|v| format!("{v}{u} ")))
                .collect();
            let d = parse_duration(&text).unwrap();
            let expected = h.unwrap_or(0) * 3600 + m.unwrap_or(0) * 60 + s.unwrap_or(0);
            prop_assert_eq!(d, secs(expected));
            prop_assert_eq!(parse_duration(&format_duration(d)), Ok(d));
        }
    }
}
