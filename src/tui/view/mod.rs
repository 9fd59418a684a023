//! Views: pure functions from the [`Model`] to the screen.
//!
//! Nothing here changes state or reads a clock: everything is drawn as of
//! `model.now`, so a test can draw any moment at any size.

pub(crate) mod digits;
mod overlay;
mod plan;
mod review;
mod tasks;
pub mod theme;
mod timer;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::domain::duration::format_minutes as minutes;
use crate::domain::text::fit;
use crate::engine::model::{Mode, Model, Screen};

/// Below this size the full layout does not fit and a compact one is used.
pub const FULL_MIN: (u16, u16) = (24, 12);
/// Below this size only a "too small" note is drawn.
pub const COMPACT_MIN: (u16, u16) = (12, 1);

/// Which layout a size gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Full,
    Compact,
    TooSmall,
}

fn layout_for(area: Rect) -> Layout {
    if area.width >= FULL_MIN.0 && area.height >= FULL_MIN.1 {
        Layout::Full
    } else if area.width >= COMPACT_MIN.0 && area.height >= COMPACT_MIN.1 {
        Layout::Compact
    } else {
        Layout::TooSmall
    }
}

/// Draws the whole screen, and places the cursor when text is being typed.
pub fn draw(frame: &mut Frame, model: &Model) {
    let area = frame.area();
    render(model, area, frame.buffer_mut());
    if let Some(pos) = cursor(model, area) {
        frame.set_cursor_position(pos);
    }
}

/// Draws the whole screen into `buf`.
pub fn render(model: &Model, area: Rect, buf: &mut Buffer) {
    match (layout_for(area), model.screen) {
        (Layout::Full, screen) => {
            let inner = frame(model, area, buf);
            match screen {
                Screen::Timer => timer::full(model, inner, buf),
                Screen::Tasks => tasks::render(model, inner, buf),
                Screen::Plan => plan::render(model, inner, buf),
                Screen::Review => review::render(model, inner, buf),
            }
        }
        (Layout::Compact, Screen::Timer) => timer::compact(model, area, buf),
        (Layout::Compact, Screen::Tasks) => tasks::compact(model, area, buf),
        (Layout::Compact, Screen::Plan) => plan::compact(model, area, buf),
        (Layout::Compact, Screen::Review) => review::render(model, area, buf),
        (Layout::TooSmall, _) => {
            Paragraph::new(fit("too small", area.width)).render(area, buf);
            return;
        }
    }
    overlay::render(model, area, buf);
}

/// The rounded frame in the phase's colour, with the screens as tabs in
/// its title; returns the area inside it.
fn frame(model: &Model, area: Rect, buf: &mut Buffer) -> Rect {
    let phase = model.timer.kind;
    let th = model.settings.theme;
    let mut title = vec![Span::styled(" focus ", theme::bold())];
    let current = theme::phase_title(th, phase).add_modifier(Modifier::UNDERLINED);
    for s in Screen::ALL {
        let style = if s == model.screen {
            current
        } else {
            theme::dim(th)
        };
        title.push(Span::raw(" "));
        title.push(Span::styled(s.title(), style));
        title.push(Span::raw(" "));
    }
    // Where the tabs would be cut, name only the screen showing: a cut
    // tab row can hide exactly the one that matters.
    let tabs_width: usize = title.iter().map(|s| s.width()).sum();
    if tabs_width + 2 > usize::from(area.width) {
        title = vec![
            Span::styled(" focus ", theme::bold()),
            Span::styled(model.screen.title(), current),
            Span::raw(" "),
        ];
    }
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(theme::phase(th, phase)))
        .title(Line::from(title.clone()))
        .padding(Padding::horizontal(1));
    if model.screen != Screen::Timer {
        // Other screens keep the countdown in sight, where it does not
        // cover the tabs.
        let mut status = timer::status_line(model);
        status.spans.insert(0, Span::raw(" "));
        status.spans.push(Span::raw(" "));
        let tabs: usize = title.iter().map(|s| s.width()).sum();
        if tabs + status.width() + 4 <= usize::from(area.width) {
            block = block.title(status.right_aligned());
        }
    }
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// Where the terminal cursor goes: at its place in the text being typed, and
/// nowhere when the screen is too small to show the text.
fn cursor(model: &Model, area: Rect) -> Option<Position> {
    if layout_for(area) == Layout::TooSmall {
        return None;
    }
    match &model.mode {
        Mode::EditTask { buffer } | Mode::Note { buffer, .. } | Mode::Distraction { buffer } => {
            overlay::text_cursor(buffer, area)
        }
        Mode::TaskForm(form) => overlay::form_cursor(form, area),
        _ => None,
    }
}

/// A bar of `━` filled to `done / total`, in whole cells so it changes
/// rarely. Integer arithmetic: a float ratio would leave a minute of a
/// five-minute break one cell short.
fn progress(th: theme::Theme, done: u64, total: u64, color: Color, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let filled = if total == 0 {
        0
    } else {
        (u128::from(done.min(total)) * u128::from(area.width) / u128::from(total)) as u16
    };
    for i in 0..area.width {
        let (ch, style) = if i < filled {
            ('━', Style::new().fg(color))
        } else {
            ('─', theme::dim(th))
        };
        buf[(area.x + i, area.y)].set_char(ch).set_style(style);
    }
}

/// `width` columns in the middle of `area`.
fn centered(area: Rect, width: u16) -> Rect {
    let width = width.min(area.width);
    Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..area
    }
}

/// The keys bound to `action`, as the help and hints name them.
fn keys_label(model: &Model, action: crate::engine::keymap::Action) -> String {
    model
        .settings
        .keys
        .keys(action)
        .into_iter()
        // Shift-Tab goes back where Tab goes on; naming Tab says enough.
        .filter(|k| *k != crate::engine::Key::BackTab)
        .map(|k| crate::engine::keymap::key_name(&k))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first key bound to `action`, for one-line hints.
fn key_label(model: &Model, action: crate::engine::keymap::Action) -> String {
    model
        .settings
        .keys
        .keys(action)
        .first()
        .map_or_else(|| "?".into(), crate::engine::keymap::key_name)
}

/// Key hints joined with ` · `, as many as fit `width` with `tail` (the
/// way to the help) always last.
fn hint_line(keys: Vec<String>, tail: &str, width: u16) -> String {
    let mut out = String::new();
    for k in keys {
        let next = if out.is_empty() {
            k
        } else {
            format!("{out} · {k}")
        };
        if next.width() + " · ".width() + tail.width() > usize::from(width) {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        tail.to_string()
    } else {
        format!("{out} · {tail}")
    }
}
