//! Typing a line of text: the one place every prompt and form field (the
//! task name, an interruption note, the task form's title, estimate and
//! tags) turns keys into changes of its text.

use super::keymap::Key;

/// Applies `key` to `text` if it is a typing key, keeping `text` within
/// `max_chars` characters. Returns whether the key was one for the line
/// (a character or Backspace); other keys are the caller's to handle.
///
/// Control characters never enter the text: the title ends up in the log,
/// on screen and in status bars, where they could move the cursor.
pub(crate) fn edit(text: &mut String, key: Key, max_chars: usize) -> bool {
    match key {
        Key::Backspace => {
            text.pop();
            true
        }
        Key::Char(c) if !c.is_control() => {
            if text.chars().count() < max_chars {
                text.push(c);
            }
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_append_and_backspace_removes_the_last() {
        let mut text = String::from("写");
        assert!(edit(&mut text, Key::Char('a'), 10));
        assert_eq!(text, "写a");
        assert!(edit(&mut text, Key::Backspace, 10));
        assert!(edit(&mut text, Key::Backspace, 10));
        assert!(edit(&mut text, Key::Backspace, 10));
        assert_eq!(text, "");
    }

    #[test]
    fn the_limit_counts_characters_and_control_characters_stay_out() {
        let mut text = String::from("报告");
        assert!(edit(&mut text, Key::Char('x'), 2));
        assert_eq!(text, "报告");
        assert!(!edit(&mut text, Key::Char('\u{1b}'), 10));
        assert!(!edit(&mut text, Key::Enter, 10));
        assert_eq!(text, "报告");
    }
}
