//! Typing a line of text: the one place every prompt and form field (the
//! task name, an interruption note, the task form's title, estimate and
//! tags) turns keys into changes of its text.
//!
//! The keys are the ones a terminal user's fingers already know from the
//! shell (readline's emacs mode): arrows, Home/End, Ctrl-A/E, Ctrl-U/K/W,
//! Backspace and Delete at the cursor, and a bracketed paste inserted as
//! one piece.

use super::keymap::Key;
use crate::domain::text;

/// A line being typed and the cursor in it.
///
/// The cursor is a character index (0 = before the first character), so
/// it can never split a UTF-8 sequence; views turn it into display columns
/// (a CJK character takes two).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EditLine {
    text: String,
    cursor: usize,
}

impl EditLine {
    /// A line holding `text`, with the cursor at its end: a pre-filled
    /// prompt reads as if its text had just been typed, and is cleaned as
    /// a paste would be.
    pub fn new(text: impl Into<String>) -> EditLine {
        let text = text::clean(&text.into());
        let cursor = text.chars().count();
        EditLine { text, cursor }
    }

    /// The text as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The text before the cursor, for views to measure where to draw it.
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.byte(self.cursor)]
    }

    /// Applies `key` if it is a key for the line, keeping the text within
    /// `max_chars` characters. Returns whether it was (a character, a
    /// paste, or an editing or cursor key); other keys (Enter, Esc, Tab,
    /// Up/Down, …) are the caller's to handle.
    ///
    /// Control and bidi formatting characters never enter the text: the
    /// title ends up in the log, on screen and in status bars, where they
    /// could move the cursor or reorder what is shown. A paste is cleaned
    /// by [`crate::domain::text::clean`]: line breaks and tabs become
    /// spaces (the line is one line), the others are dropped.
    pub(crate) fn edit(&mut self, key: &Key, max_chars: usize) -> bool {
        let len = self.text.chars().count();
        match key {
            Key::Char(c) if !text::is_unsafe(*c) => self.insert(&c.to_string(), max_chars),
            Key::Paste(s) => self.insert(&text::clean(s), max_chars),
            Key::Left => self.cursor = self.cursor.saturating_sub(1),
            Key::Right => self.cursor = (self.cursor + 1).min(len),
            Key::Home | Key::CtrlA => self.cursor = 0,
            Key::End | Key::CtrlE => self.cursor = len,
            Key::Backspace => {
                if self.cursor > 0 {
                    self.remove(self.cursor - 1, self.cursor);
                }
            }
            Key::Delete => {
                if self.cursor < len {
                    self.remove(self.cursor, self.cursor + 1);
                }
            }
            Key::CtrlU => self.remove(0, self.cursor),
            Key::CtrlK => self.remove(self.cursor, len),
            Key::CtrlW => {
                // As readline's unix-word-rubout: the spaces before the
                // cursor, then the word before them.
                let before: Vec<char> = self.before_cursor().chars().collect();
                let mut start = before.len();
                while start > 0 && before[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !before[start - 1].is_whitespace() {
                    start -= 1;
                }
                self.remove(start, self.cursor);
            }
            _ => return false,
        }
        true
    }

    /// Inserts `s` at the cursor, as much of it as fits `max_chars`.
    fn insert(&mut self, s: &str, max_chars: usize) {
        let room = max_chars.saturating_sub(self.text.chars().count());
        let kept: String = s.chars().take(room).collect();
        let at = self.byte(self.cursor);
        self.text.insert_str(at, &kept);
        self.cursor += kept.chars().count();
    }

    /// Removes the characters `from..to` and leaves the cursor at `from`.
    fn remove(&mut self, from: usize, to: usize) {
        let (a, b) = (self.byte(from), self.byte(to));
        self.text.replace_range(a..b, "");
        self.cursor = from;
    }

    /// The byte offset of character `i` (the end for `i` past it).
    fn byte(&self, i: usize) -> usize {
        self.text
            .char_indices()
            .nth(i)
            .map_or(self.text.len(), |(b, _)| b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(line: &mut EditLine, keys: &[Key]) {
        for k in keys {
            line.edit(k, 10);
        }
    }

    #[test]
    fn characters_insert_at_the_cursor_and_backspace_removes_before_it() {
        let mut line = EditLine::new("写");
        assert!(line.edit(&Key::Char('a'), 10));
        assert_eq!(line.text(), "写a");
        typed(&mut line, &[Key::Left, Key::Left, Key::Char('b')]);
        assert_eq!(line.text(), "b写a");
        assert_eq!(line.before_cursor(), "b");
        typed(&mut line, &[Key::Right, Key::Backspace]);
        assert_eq!(line.text(), "ba");
        typed(&mut line, &[Key::Backspace, Key::Backspace]);
        assert_eq!((line.text(), line.cursor()), ("a", 0));
        typed(&mut line, &[Key::Delete]);
        assert_eq!(line.text(), "");
    }

    #[test]
    fn the_limit_counts_characters_and_control_characters_stay_out() {
        let mut line = EditLine::new("报告");
        assert!(line.edit(&Key::Char('x'), 2));
        assert_eq!(line.text(), "报告");
        assert!(!line.edit(&Key::Char('\u{1b}'), 10));
        assert!(!line.edit(&Key::Char('\u{202e}'), 10));
        assert!(!line.edit(&Key::Enter, 10));
        assert!(line.edit(&Key::Paste("a\nb\u{1b}\u{2066}c".into()), 10));
        assert_eq!(line.text(), "报告a bc");
        assert!(line.edit(&Key::Paste("0123456789".into()), 10));
        assert_eq!(line.text(), "报告a bc0123");
    }

    #[test]
    fn readline_keys_move_and_cut() {
        let mut line = EditLine::new("ab cd  ef");
        typed(&mut line, &[Key::CtrlW]);
        assert_eq!(line.text(), "ab cd  ");
        typed(&mut line, &[Key::CtrlW]);
        assert_eq!(line.text(), "ab ");
        typed(&mut line, &[Key::Home, Key::Right, Key::CtrlK]);
        assert_eq!(line.text(), "a");
        typed(
            &mut line,
            &[Key::CtrlE, Key::Char('z'), Key::Left, Key::CtrlU],
        );
        assert_eq!((line.text(), line.cursor()), ("z", 0));
        typed(&mut line, &[Key::End, Key::CtrlA, Key::Char('y')]);
        assert_eq!(line.text(), "yz");
    }
}
