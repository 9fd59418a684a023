//! Every colour and style the views use, in one place, for each
//! [`Theme`].
//!
//! Views call these with `model.settings.theme` and never name a colour
//! themselves, so `mono` can promise that nothing on screen is coloured.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::record::Kind;

pub use crate::engine::theme::Theme;

/// 256-colour palette entries for [`Theme::Light`]. Unlike the 16 named
/// colours, which every terminal theme redefines (a "yellow" can be pale
/// cream), these are fixed, so "dark enough to read on white" holds.
mod light {
    use ratatui::style::Color;

    /// #af0000, dark red.
    pub(crate) const RED: Color = Color::Indexed(124);
    /// #008700, dark green.
    pub(crate) const GREEN: Color = Color::Indexed(28);
    /// #005faf, dark blue.
    pub(crate) const BLUE: Color = Color::Indexed(25);
    /// #6c6c6c, a grey that still reads on white.
    pub(crate) const GREY: Color = Color::Indexed(242);
    /// #af5f00, dark orange: warnings, where yellow would vanish.
    pub(crate) const ORANGE: Color = Color::Indexed(130);
    /// #af8700, dark gold: the goal bar.
    pub(crate) const GOLD: Color = Color::Indexed(136);
}

/// The colour that marks a phase everywhere it appears. `mono` has none:
/// [`Color::Reset`] is the terminal's own, the same as no colour.
pub fn phase(t: Theme, kind: Kind) -> Color {
    match (t, kind) {
        (Theme::Mono, _) => Color::Reset,
        (Theme::Default, Kind::Work | Kind::Unknown) => Color::Red,
        (Theme::Default, Kind::ShortBreak) => Color::Green,
        (Theme::Default, Kind::LongBreak) => Color::Blue,
        (Theme::Light, Kind::Work | Kind::Unknown) => light::RED,
        (Theme::Light, Kind::ShortBreak) => light::GREEN,
        (Theme::Light, Kind::LongBreak) => light::BLUE,
    }
}

/// The phase name in its colour (bold alone in `mono`: the name itself
/// says which phase it is).
pub(crate) fn phase_title(t: Theme, kind: Kind) -> Style {
    Style::new().fg(phase(t, kind)).add_modifier(Modifier::BOLD)
}

/// Secondary text: hints, empty parts of bars.
pub fn dim(t: Theme) -> Style {
    match t {
        Theme::Default => Style::new().fg(Color::DarkGray),
        Theme::Light => Style::new().fg(light::GREY),
        Theme::Mono => Style::new().add_modifier(Modifier::DIM),
    }
}

/// Text that must be noticed: unsaved sessions, errors. Reversed in
/// `mono`, the one emphasis that cannot be missed without colour.
pub fn warning(t: Theme) -> Style {
    match t {
        Theme::Default => Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        Theme::Light => Style::new().fg(light::ORANGE).add_modifier(Modifier::BOLD),
        Theme::Mono => Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
    }
}

/// Something over its limit, or first in line: a task past its estimate,
/// a high priority. Underlined in `mono`, where red cannot be.
pub(crate) fn urgent(t: Theme) -> Style {
    match t {
        Theme::Default => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        Theme::Light => Style::new().fg(light::RED).add_modifier(Modifier::BOLD),
        Theme::Mono => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    }
}

/// A notch below [`urgent`]: a medium priority. Plain in `mono`, between
/// the bold of high and the dim of low.
pub(crate) fn caution(t: Theme) -> Style {
    match t {
        Theme::Default => Style::new().fg(Color::Yellow),
        Theme::Light => Style::new().fg(light::ORANGE),
        Theme::Mono => Style::new(),
    }
}

/// Emphasis without colour, the same in every theme.
pub(crate) fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// The daily-goal bar.
pub fn goal(t: Theme) -> Color {
    match t {
        Theme::Default => Color::Yellow,
        Theme::Light => light::GOLD,
        Theme::Mono => Color::Reset,
    }
}
