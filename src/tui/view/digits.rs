//! Large digits for the countdown, drawn with block characters.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Rows of every glyph.
pub(crate) const HEIGHT: u16 = 5;

const FONT: [[&str; 5]; 10] = [
    ["███", "█ █", "█ █", "█ █", "███"],
    ["██ ", " █ ", " █ ", " █ ", "███"],
    ["███", "  █", "███", "█  ", "███"],
    ["███", "  █", "███", "  █", "███"],
    ["█ █", "█ █", "███", "  █", "  █"],
    ["███", "█  ", "███", "  █", "███"],
    ["███", "█  ", "███", "█ █", "███"],
    ["███", "  █", "  █", "  █", "  █"],
    ["███", "█ █", "███", "█ █", "███"],
    ["███", "█ █", "███", "  █", "███"],
];

const COLON: [&str; 5] = [" ", "█", " ", "█", " "];

fn glyph(c: char) -> Option<&'static [&'static str; 5]> {
    match c {
        '0'..='9' => Some(&FONT[c as usize - '0' as usize]),
        ':' => Some(&COLON),
        _ => None,
    }
}

/// Columns `text` takes when drawn large (one blank column between glyphs).
pub(crate) fn width(text: &str) -> u16 {
    let w: usize = text
        .chars()
        .filter_map(glyph)
        .map(|g| g[0].chars().count() + 1)
        .sum();
    w.saturating_sub(1) as u16
}

/// Draws `text` (digits and colons) large, centred in `area`, clipped to it.
pub(crate) fn render(text: &str, style: Style, area: Rect, buf: &mut Buffer) {
    let w = width(text);
    let x0 = area.x + area.width.saturating_sub(w) / 2;
    for row in 0..HEIGHT.min(area.height) {
        let mut x = x0;
        for g in text.chars().filter_map(glyph) {
            for ch in g[row as usize].chars() {
                if x >= area.right() {
                    break;
                }
                if ch != ' ' {
                    buf[(x, area.y + row)].set_char(ch).set_style(style);
                }
                x += 1;
            }
            x += 1;
        }
    }
}
