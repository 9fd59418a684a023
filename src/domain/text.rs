//! Text for a fixed number of terminal columns, and words that agree with
//! their numbers. Every view and every text output fits, pads and cleans
//! text here, so a CJK title or a control character is handled the same
//! way everywhere: [`is_unsafe`] is the one rule for what may not pass,
//! [`clean`] and [`first_unsafe`] apply it where text comes in, and
//! [`one_line`] and [`json_safe`] where it goes out.

use unicode_width::UnicodeWidthStr;

/// `text` on one row ([`one_line`]) cut to `width` display columns, with
/// `…` when cut. Measures by display width, so CJK and emoji titles never
/// overrun their column.
pub(crate) fn fit(text: &str, width: u16) -> String {
    let text = one_line(text);
    let width = usize::from(width);
    if text.width() <= width {
        return text;
    }
    if width == 0 {
        return String::new();
    }
    let (kept, _) =
        unicode_truncate::UnicodeTruncateStr::unicode_truncate(text.as_str(), width - 1);
    format!("{kept}…")
}

/// The end of `text` ([`one_line`]) that fits in `width` columns, with `…`
/// in front when the start is cut: while typing, the newest characters are
/// the ones to see.
pub(crate) fn tail_fit(text: &str, width: u16) -> String {
    let text = one_line(text);
    let width = usize::from(width);
    if text.width() <= width {
        return text;
    }
    if width == 0 {
        return String::new();
    }
    let (kept, _) =
        unicode_truncate::UnicodeTruncateStr::unicode_truncate_start(text.as_str(), width - 1);
    format!("…{kept}")
}

/// The part of `text` to show in `width` columns while typing, with the
/// cursor before character `cursor`, and the cursor's column in it.
///
/// A cursor at the end shows as [`tail_fit`] does, one column kept free
/// for the cursor. A cursor further in stays on screen: the text before it
/// gets what the text after it (up to half the width) leaves, and either
/// side cut shows `…`. Columns are display columns, so a CJK character
/// counts two and the cursor never lands inside one.
pub fn window(text: &str, cursor: usize, width: u16) -> (String, u16) {
    // One character for one: the cursor still counts the same characters.
    let text = one_line(text);
    let text = text.as_str();
    let split = text
        .char_indices()
        .nth(cursor)
        .map_or(text.len(), |(b, _)| b);
    let (before, after) = text.split_at(split);
    let w = usize::from(width);
    if text.width() < w {
        return (text.to_string(), before.width() as u16);
    }
    let after_room = after.width().min(w / 2);
    let shown_before = tail_fit(before, (w.saturating_sub(1 + after_room)) as u16);
    let col = shown_before.width();
    let shown_after = fit(after, (w - col) as u16);
    (format!("{shown_before}{shown_after}"), col as u16)
}

/// Where a padded cell puts its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Text first, then spaces.
    Left,
    /// Spaces first, then text.
    Right,
}

/// `s` padded with spaces to `width` display columns.
pub(crate) fn pad(s: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(s.width()));
    match align {
        Align::Left => format!("{s}{fill}"),
        Align::Right => format!("{fill}{s}"),
    }
}

/// What a text output shows in place of a character that must not reach a
/// terminal as it is (see [`is_unsafe`]): U+FFFD, the replacement
/// character. One column wide, so tables stay aligned, and plainly not
/// part of the title, so nobody mistakes it for what was there.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

/// The one rule for characters that may not pass through focus as they
/// are: every title and note is checked or cleaned by it where it comes
/// in, and every text output escapes by it what a hand-edited or synced
/// file may still bring.
///
/// * Control characters (C0, DEL and C1): ESC and CSI start the escape
///   sequences that move the cursor, recolour the screen, set the window
///   title or write the clipboard (OSC 52); a line break splits a row.
/// * The bidirectional formatting characters, which reorder the text
///   around them so that what a terminal shows is not what is there: the
///   embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069
///   and the marks U+200E, U+200F and U+061C.
/// * The line and paragraph separators U+2028 and U+2029, which break a
///   line in some terminals and editors.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// The unsafe characters that only break a line or leave a gap: a space
/// keeps the words apart where one of these is cleaned or escaped.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The first character of `s` that [`is_unsafe`], for an error message
/// that says what was refused.
pub(crate) fn first_unsafe(s: &str) -> Option<char> {
    s.chars().find(|&c| is_unsafe(c))
}

/// `c` as a message names it: `U+001B`.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Text as it comes in where nobody can be asked to type it again (a key
/// or a paste in a prompt, a remote-control request): line breaks and tabs
/// become spaces, every other [`is_unsafe`] character is dropped. The
/// command line refuses such text instead, with a message.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            c if is_break(c) => Some(' '),
            c if is_unsafe(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Text on one row of any output: line breaks and tabs become spaces, so
/// they cannot break a row, and every other [`is_unsafe`] character shows
/// as [`REPLACEMENT`], so an escape sequence or a bidi override in a
/// hand-edited log line is seen as something odd, never acted upon.
pub(crate) fn one_line(s: &str) -> String {
    s.chars().map(shown).collect()
}

/// One character as [`one_line`] shows it, for outputs with escaping of
/// their own to do around it.
pub(crate) fn shown(c: char) -> char {
    match c {
        c if is_break(c) => ' ',
        c if is_unsafe(c) => REPLACEMENT,
        c => c,
    }
}

/// JSON text with every [`is_unsafe`] character escaped as `\uXXXX`.
///
/// serde_json escapes C0 controls in strings but writes DEL, C1 controls
/// and the bidi characters as they are; `\u` escapes mean the same to any
/// JSON reader, so the values are unchanged while a terminal showing the
/// output sees only ASCII for them. Outside strings JSON has no such
/// characters except the pretty printer's line breaks, which stay.
pub(crate) fn json_safe(json: String) -> String {
    if !json.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c != '\n' && is_unsafe(c) {
            // Every unsafe character is in the Basic Multilingual Plane,
            // so one `\u` escape holds it.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Escapes the three characters markup languages give a meaning to
/// (Pango for waybar, the notification spec's body markup), so a task
/// called `<draft> & notes` shows as written.
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` broken into lines of at most `width` display columns, at spaces
/// where it can be; a word longer than a line is cut with `…`.
pub(crate) fn wrap(text: &str, width: u16) -> Vec<String> {
    let width = usize::from(width.max(1));
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let needed = if line.is_empty() {
            word.width()
        } else {
            line.width() + 1 + word.width()
        };
        if needed <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line = if word.width() > width {
            fit(word, width as u16)
        } else {
            word.to_string()
        };
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `1 day`, `3 days`: the count and the word that agrees with it.
pub(crate) fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(
            wrap("Your best hours are 09–11 (97% completed)", 20),
            vec!["Your best hours are", "09–11 (97%", "completed)"]
        );
        assert_eq!(wrap("写周报写周报写周报", 6), vec!["写周…"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn fit_cuts_by_display_width_and_marks_the_cut() {
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 3), "ab…");
        assert_eq!(fit("写报告", 4), "写…");
        assert_eq!(fit("写报告", 5), "写报…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("abc", 1), "…");
    }

    #[test]
    fn tail_fit_keeps_the_end() {
        assert_eq!(tail_fit("abcdef", 4), "…def");
        assert_eq!(tail_fit("写报告", 4), "…告");
        assert_eq!(tail_fit("ab", 4), "ab");
    }

    #[test]
    fn window_keeps_the_cursor_on_screen() {
        // Fits: all of it, the cursor after the characters before it.
        assert_eq!(window("写报告", 1, 10), ("写报告".into(), 2));
        // At the end: as tail_fit, with a column left for the cursor.
        assert_eq!(window("abcdefgh", 8, 5), (tail_fit("abcdefgh", 4), 4));
        // At the start: the head, cut at the end.
        assert_eq!(window("abcdefgh", 0, 5), ("abcd…".into(), 0));
        // In the middle: both sides cut, the cursor between them.
        assert_eq!(window("abcdefghij", 5, 6), ("…efgh…".into(), 2));
        // Wide characters: the cursor sits on a character's first column.
        assert_eq!(window("写报告写报告", 3, 6), ("…写报…".into(), 1));
        assert_eq!(window("", 0, 0), (String::new(), 0));
    }

    #[test]
    fn pad_counts_columns_not_bytes() {
        assert_eq!(pad("写", 4, Align::Left), "写  ");
        assert_eq!(pad("ab", 4, Align::Right), "  ab");
        assert_eq!(pad("abcdef", 4, Align::Left), "abcdef");
    }

    #[test]
    fn one_line_and_markup() {
        assert_eq!(one_line("a\nb\x1b[31m"), "a b\u{FFFD}[31m");
        assert_eq!(escape_markup("<a> & b"), "&lt;a&gt; &amp; b");
        assert_eq!(plural(1, "day", "days"), "1 day");
        assert_eq!(plural(2, "day", "days"), "2 days");
    }

    /// ESC and CSI (the 8-bit form), OSC 52 ending in BEL, DEL, a bidi
    /// override, isolate and mark, and a line separator.
    const HOSTILE: &str =
        "a\x1b[2Jb\u{9b}31mc\x1b]52;c;aGk=\x07d\x7fe\u{202e}f\u{2066}g\u{200f}h\u{2028}i\tj";

    #[test]
    fn the_unsafe_characters_are_controls_bidi_formatting_and_separators() {
        for c in [
            '\0', '\x07', '\t', '\n', '\x1b', '\x7f', '\u{85}', '\u{9b}', '\u{9f}', '\u{61c}',
            '\u{200e}', '\u{200f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{2028}',
            '\u{2029}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        // Text of any script, emoji joined by ZWJ, and the replacement
        // character itself pass.
        for c in ['a', ' ', 'é', '写', 'ש', 'ع', '\u{200d}', '🍅', REPLACEMENT] {
            assert!(!is_unsafe(c), "{c:?}");
        }
        assert_eq!(first_unsafe("ok \u{202e}x\x1b"), Some('\u{202e}'));
        assert_eq!(first_unsafe("שלום world"), None);
        assert_eq!(code_point('\x1b'), "U+001B");
        assert_eq!(code_point('\u{202e}'), "U+202E");
    }

    #[test]
    fn entry_drops_what_output_replaces() {
        assert_eq!(clean(HOSTILE), "a[2Jb31mc]52;c;aGk=defgh i j");
        assert_eq!(
            one_line(HOSTILE),
            "a\u{FFFD}[2Jb\u{FFFD}31mc\u{FFFD}]52;c;aGk=\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\u{FFFD}h i j"
        );
        assert_eq!(one_line("plain 写 text"), "plain 写 text");
        // Fitting and the typing window show the same.
        assert_eq!(fit("\x1b]52;c;x\x07", 20), "\u{FFFD}]52;c;x\u{FFFD}");
        assert_eq!(tail_fit("a\u{202e}b", 5), "a\u{FFFD}b");
        assert_eq!(window("a\u{202e}b", 3, 10), ("a\u{FFFD}b".into(), 3));
    }

    #[test]
    fn json_keeps_the_value_and_escapes_the_characters() {
        let value = serde_json::json!({ "task": HOSTILE });
        for json in [
            serde_json::to_string(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap(),
        ] {
            let safe = json_safe(json.clone());
            assert!(!safe.chars().any(|c| c != '\n' && is_unsafe(c)), "{safe:?}");
            assert!(
                safe.contains("\\u202e") && safe.contains("\\u009b"),
                "{safe}"
            );
            let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
            assert_eq!(back, value);
            assert_eq!(safe.lines().count(), json.lines().count());
        }
        let plain = r#"{"task":"Write report"}"#.to_string();
        assert_eq!(json_safe(plain.clone()), plain);
    }
}
