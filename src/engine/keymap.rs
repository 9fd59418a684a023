//! Which key does what on the timer: the defaults, and user bindings.

/// A key press, already decoded from the terminal's encoding.
///
/// Not `Copy`: a paste carries its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// A printable character.
    Char(char),
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Backspace.
    Backspace,
    /// Ctrl-C (raw mode delivers it as a key, not a signal).
    CtrlC,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Delete.
    Delete,
    /// Home.
    Home,
    /// End.
    End,
    /// Ctrl-A: to the start of the line.
    CtrlA,
    /// Ctrl-E: to the end of the line.
    CtrlE,
    /// Ctrl-U: delete to the start of the line.
    CtrlU,
    /// Ctrl-K: delete to the end of the line.
    CtrlK,
    /// Ctrl-W: delete the word before the cursor.
    CtrlW,
    /// Text pasted into the terminal (bracketed paste), as one piece: a
    /// pasted "q" is text, never the quit key.
    Paste(String),
    /// Any key focus has no use for.
    Other,
}

/// Something a key can do on the timer screen (or everywhere, for the
/// global ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Start, pause or resume (global).
    Toggle,
    /// Skip to the next phase.
    Skip,
    /// Reset the session.
    Reset,
    /// Add a minute.
    Extend,
    /// Type the task name.
    Task,
    /// Show the keys (global).
    Help,
    /// Quit (global).
    Quit,
    /// Mark an internal interruption.
    Internal,
    /// Mark an external interruption.
    External,
    /// Switch screens (global).
    NextScreen,
}

impl Action {
    /// Every action, in the order the config documents them.
    pub const ALL: [Action; 10] = [
        Action::Toggle,
        Action::Skip,
        Action::Reset,
        Action::Extend,
        Action::Task,
        Action::Help,
        Action::Quit,
        Action::Internal,
        Action::External,
        Action::NextScreen,
    ];

    /// The name of the action in the config's `[keys]` table.
    pub fn name(self) -> &'static str {
        match self {
            Action::Toggle => "toggle",
            Action::Skip => "skip",
            Action::Reset => "reset",
            Action::Extend => "extend",
            Action::Task => "task",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Internal => "internal",
            Action::External => "external",
            Action::NextScreen => "next_screen",
        }
    }

    /// Global actions work on every screen; the others only on the timer.
    pub(crate) fn is_global(self) -> bool {
        matches!(
            self,
            Action::Toggle | Action::Help | Action::Quit | Action::NextScreen
        )
    }

    /// The keys bound by default.
    pub(crate) fn default_keys(self) -> &'static [Key] {
        match self {
            Action::Toggle => &[Key::Char(' ')],
            Action::Skip => &[Key::Char('s')],
            Action::Reset => &[Key::Char('r')],
            Action::Extend => &[Key::Char('+'), Key::Char('=')],
            Action::Task => &[Key::Char('t')],
            Action::Help => &[Key::Char('?')],
            Action::Quit => &[Key::Char('q')],
            Action::Internal => &[Key::Char('\''), Key::Char('i')],
            Action::External => &[Key::Char('-'), Key::Char('e')],
            Action::NextScreen => &[Key::Tab, Key::BackTab],
        }
    }
}

/// The bindings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::with(&[])
    }
}

impl Keymap {
    /// The defaults, with each action in `overrides` bound to its given
    /// keys instead of its default ones.
    pub fn with(overrides: &[(Action, Vec<Key>)]) -> Keymap {
        let mut bindings = Vec::new();
        for action in Action::ALL {
            match overrides.iter().find(|(a, _)| *a == action) {
                Some((_, keys)) => bindings.extend(keys.iter().map(|k| (k.clone(), action))),
                None => bindings.extend(action.default_keys().iter().map(|k| (k.clone(), action))),
            }
        }
        Keymap { bindings }
    }

    /// What `key` does. Ctrl-C always quits, whatever is bound.
    pub fn action(&self, key: Key) -> Option<Action> {
        if key == Key::CtrlC {
            return Some(Action::Quit);
        }
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, a)| *a)
    }

    /// The keys bound to `action`, for help and hints.
    pub fn keys(&self, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| k.clone())
            .collect()
    }
}

/// How a key is written in the config and shown on screen: a character
/// as itself, others by name (`space`, `tab`, `enter`, …). The line
/// editor's own keys (Home, Ctrl-W, …) have names for messages but cannot
/// be bound.
pub fn key_name(key: &Key) -> String {
    match key {
        Key::Char(' ') => "space".into(),
        Key::Char(c) => c.to_string(),
        Key::Enter => "enter".into(),
        Key::Esc => "esc".into(),
        Key::Backspace => "backspace".into(),
        Key::CtrlC => "ctrl-c".into(),
        Key::Tab => "tab".into(),
        Key::BackTab => "backtab".into(),
        Key::Up => "up".into(),
        Key::Down => "down".into(),
        Key::Left => "left".into(),
        Key::Right => "right".into(),
        Key::Delete => "delete".into(),
        Key::Home => "home".into(),
        Key::End => "end".into(),
        Key::CtrlA => "ctrl-a".into(),
        Key::CtrlE => "ctrl-e".into(),
        Key::CtrlU => "ctrl-u".into(),
        Key::CtrlK => "ctrl-k".into(),
        Key::CtrlW => "ctrl-w".into(),
        Key::Paste(_) | Key::Other => "?".into(),
    }
}

/// Parses a key name as [`key_name`] writes it.
pub fn parse_key(name: &str) -> Option<Key> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(Key::Char(c));
    }
    Some(match name.to_ascii_lowercase().as_str() {
        "space" => Key::Char(' '),
        "enter" | "return" => Key::Enter,
        "esc" | "escape" => Key::Esc,
        "backspace" => Key::Backspace,
        "tab" => Key::Tab,
        "backtab" | "shift-tab" => Key::BackTab,
        "up" => Key::Up,
        "down" => Key::Down,
        "left" => Key::Left,
        "right" => Key::Right,
        "delete" | "del" => Key::Delete,
        _ => return None,
    })
}
