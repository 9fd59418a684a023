//! Text for a fixed number of terminal columns, and words that agree with
//! their numbers. Every view and every text output fits, pads and cleans
//! text here, so a CJK title or a control character is handled the same
//! way everywhere.

use unicode_width::UnicodeWidthStr;

/// `text` cut to `width` display columns, with `…` when cut. Measures by
/// display width, so CJK and emoji titles never overrun their column.
pub(crate) fn fit(text: &str, width: u16) -> String {
    let width = usize::from(width);
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let (kept, _) = unicode_truncate::UnicodeTruncateStr::unicode_truncate(text, width - 1);
    format!("{kept}…")
}

/// The end of `text` that fits in `width` columns, with `…` in front when
/// the start is cut: while typing, the newest characters are the ones to
/// see.
pub(crate) fn tail_fit(text: &str, width: u16) -> String {
    let width = usize::from(width);
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let (kept, _) = unicode_truncate::UnicodeTruncateStr::unicode_truncate_start(text, width - 1);
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

/// Text on one row: line breaks, escape characters and other control
/// characters (a title can hold a newline, a synced log line anything)
/// become spaces, so they can neither break a row nor move the cursor.
pub(crate) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
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
        assert_eq!(one_line("a\nb\x1b[31m"), "a b [31m");
        assert_eq!(escape_markup("<a> & b"), "&lt;a&gt; &amp; b");
        assert_eq!(plural(1, "day", "days"), "1 day");
        assert_eq!(plural(2, "day", "days"), "2 days");
    }
}
