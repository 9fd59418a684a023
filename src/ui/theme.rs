//! Every colour and style the views use, in one place.

use ratatui::style::{Color, Modifier, Style};

use crate::record::Kind;

/// The colour that marks a phase everywhere it appears.
pub fn phase(kind: Kind) -> Color {
    match kind {
        Kind::Work | Kind::Unknown => Color::Red,
        Kind::ShortBreak => Color::Green,
        Kind::LongBreak => Color::Blue,
    }
}

/// The phase name in its colour.
pub fn phase_title(kind: Kind) -> Style {
    Style::new().fg(phase(kind)).add_modifier(Modifier::BOLD)
}

/// Secondary text: hints, empty parts of bars.
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Text that must be noticed: unsaved sessions, errors.
pub fn warning() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// Emphasis without colour.
pub fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// The daily-goal bar.
pub fn goal() -> Color {
    Color::Yellow
}
