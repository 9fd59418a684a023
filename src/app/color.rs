//! When to colour output: the global `--color auto|always|never` flag and
//! the `NO_COLOR` convention (<https://no-color.org>).
//!
//! The rule, in one place so every command agrees:
//!
//! * `always` colours, even into a pipe and even with `NO_COLOR` set: an
//!   explicit flag beats the environment.
//! * `never` does not colour.
//! * `auto` (the default) colours only when the output is a terminal and
//!   `NO_COLOR` is unset or empty.
//!
//! A command asks once, with the stream it writes to, and then either emits
//! escape codes or not:
//!
//! ```
//! use focus::app::color::{self, ColorChoice};
//! let on = color::use_color(ColorChoice::Never, true);
//! assert!(!on);
//! assert_eq!(color::paint(on, "1;31", "late"), "late");
//! ```

use std::borrow::Cow;

/// The `--color` flag.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when the output is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour, even into a pipe or with `NO_COLOR` set.
    Always,
    /// Never colour.
    Never,
}

/// Whether to colour output going to a stream that is (or is not) a
/// terminal, given `choice` and the process's `NO_COLOR`.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    decide(choice, is_terminal, no_color_requested())
}

/// [`use_color`] with the environment handed in, for tests and for callers
/// that already looked.
pub(crate) fn decide(choice: ColorChoice, is_terminal: bool, no_color: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && !no_color,
    }
}

/// True when `NO_COLOR` is set to a non-empty value. An empty value counts
/// as unset, as no-color.org asks, so `NO_COLOR=` in a wrapper script does
/// not switch colour off by accident.
pub(crate) fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `text` wrapped in the SGR escape `sgr` (such as `"1"` for bold or
/// `"32"` for green) and a reset, or `text` untouched when `on` is false.
pub fn paint<'a>(on: bool, sgr: &str, text: &'a str) -> Cow<'a, str> {
    if on {
        Cow::Owned(format!("\x1b[{sgr}m{text}\x1b[0m"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_follows_no_color_org() {
        use ColorChoice::*;
        // (choice, terminal, NO_COLOR) -> colour
        let cases = [
            (Auto, true, false, true),
            (Auto, true, true, false),
            (Auto, false, false, false),
            (Always, false, true, true),
            (Never, true, false, false),
        ];
        for (choice, term, no_color, want) in cases {
            assert_eq!(
                decide(choice, term, no_color),
                want,
                "{choice:?} {term} {no_color}"
            );
        }
    }

    #[test]
    fn paint_adds_codes_only_when_on() {
        assert_eq!(paint(true, "32", "ok"), "\x1b[32mok\x1b[0m");
        assert_eq!(paint(false, "32", "ok"), "ok");
    }
}
