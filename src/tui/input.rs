//! Keyboard input: a thread that blocks on the terminal and hands events
//! to the loop, and the decoding of crossterm's keys into the core's.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tokio::sync::mpsc::Sender;

use crate::engine::Key;

/// Reads terminal events on a thread of its own.
///
/// Polling crossterm's `EventStream` from the loop costs a spin on its
/// reader lock at every timer wake; a thread blocked in `read` costs
/// nothing until a key arrives. When the terminal goes away `read` fails,
/// the thread ends, and the loop sees the channel close.
pub(crate) fn spawn(tx: Sender<Event>) {
    let _ = std::thread::Builder::new()
        .name("focus-input".into())
        .spawn(move || {
            while let Ok(event) = crossterm::event::read() {
                if tx.blocking_send(event).is_err() {
                    break;
                }
            }
        });
}

/// What a key press means to the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// A key for the core.
    Key(Key),
    /// Ctrl-Z: give the terminal back to the shell.
    Suspend,
    /// A release or repeat event, or nothing focus uses.
    Ignore,
}

/// Decodes one key event.
pub(crate) fn decode(k: KeyEvent) -> Input {
    if k.kind != KeyEventKind::Press {
        return Input::Ignore;
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    Input::Key(match k.code {
        KeyCode::Char('c') if ctrl => Key::CtrlC,
        KeyCode::Char('z') if ctrl => return Input::Suspend,
        // The line editor's keys, as readline binds them.
        KeyCode::Char('a') if ctrl => Key::CtrlA,
        KeyCode::Char('e') if ctrl => Key::CtrlE,
        KeyCode::Char('u') if ctrl => Key::CtrlU,
        KeyCode::Char('k') if ctrl => Key::CtrlK,
        KeyCode::Char('w') if ctrl => Key::CtrlW,
        // Some terminals send Ctrl-H for Backspace.
        KeyCode::Char('h') if ctrl => Key::Backspace,
        KeyCode::Char(_) if ctrl => Key::Other,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Delete => Key::Delete,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        _ => Key::Other,
    })
}

/// Decodes a bracketed paste: the whole text as one key, so a paste is
/// typed into a field at once and never read as commands.
pub fn decode_paste(text: String) -> Key {
    Key::Paste(text)
}
