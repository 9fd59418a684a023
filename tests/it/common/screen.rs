//! Shared helpers for the screen tests: drawing a model into a test
//! terminal and reading the screen back as text and cells.

use focus::engine::Model;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

pub fn draw(model: &Model, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| focus::tui::view::draw(f, model))
        .expect("draw");
    terminal
}

/// The buffer as text, one string per row, as a terminal shows it: the cell
/// hidden behind a wide character is skipped.
pub fn rows(buf: &Buffer) -> Vec<String> {
    let w = usize::from(buf.area.width);
    buf.content
        .chunks(w)
        .map(|cells| {
            let mut row = String::new();
            let mut skip = 0;
            for c in cells {
                if skip == 0 {
                    row.push_str(c.symbol());
                }
                skip = skip.max(c.symbol().width()).saturating_sub(1);
            }
            row
        })
        .collect()
}

pub fn screen(terminal: &Terminal<TestBackend>) -> Vec<String> {
    rows(terminal.backend().buffer())
}

pub fn text(terminal: &Terminal<TestBackend>) -> String {
    screen(terminal).join("\n")
}

/// The row containing `needle`, or a panic showing the whole screen.
pub fn row_with<'a>(rows: &'a [String], needle: &str) -> &'a str {
    rows.iter()
        .find(|r| r.contains(needle))
        .unwrap_or_else(|| panic!("no row contains {needle:?}:\n{}", rows.join("\n")))
}

/// The index of the first row containing `needle`, or a panic showing the
/// whole screen.
pub fn y_of(rows: &[String], needle: &str) -> usize {
    rows.iter()
        .position(|r| r.contains(needle))
        .unwrap_or_else(|| panic!("no row contains {needle:?}:\n{}", rows.join("\n")))
}

/// What a full-layout row shows inside the frame and its one-column
/// padding: the text between `│ ` and ` │`.
pub fn inside(row: &str) -> &str {
    row.strip_prefix("│ ")
        .and_then(|r| r.strip_suffix(" │"))
        .unwrap_or_else(|| panic!("not a row inside the frame: {row:?}"))
}

/// Asserts `row` holds exactly `text`, centred: the blanks on either side
/// differ by at most one.
pub fn assert_centred(row: &str, text: &str) {
    assert_eq!(row.trim(), text, "{row:?}");
    let left = row.len() - row.trim_start().len();
    let right = row.len() - row.trim_end().len();
    assert!(left.abs_diff(right) <= 1, "not centred: {row:?}");
}

/// The compact layout's lines, trimmed at the right, blank ones dropped.
pub fn lines(rows: &[String]) -> Vec<String> {
    rows.iter()
        .map(|r| r.trim_end().to_string())
        .filter(|r| !r.is_empty())
        .collect()
}

/// A rounded border on all four sides, the right one in the last column of
/// every row, and every row exactly as wide as the screen.
pub fn assert_full_frame(terminal: &Terminal<TestBackend>) {
    let buf = terminal.backend().buffer();
    let (w, h) = (buf.area.width, buf.area.height);
    assert_eq!(buf[(0, 0)].symbol(), "╭");
    assert_eq!(buf[(w - 1, 0)].symbol(), "╮");
    assert_eq!(buf[(0, h - 1)].symbol(), "╰");
    assert_eq!(buf[(w - 1, h - 1)].symbol(), "╯");
    for y in 1..h - 1 {
        for x in [0, w - 1] {
            assert_eq!(
                buf[(x, y)].symbol(),
                "│",
                "border at ({x}, {y})\n{}",
                text(terminal)
            );
        }
    }
    for (y, row) in screen(terminal).iter().enumerate() {
        assert_eq!(row.width(), usize::from(w), "row {y} is {row:?}");
    }
}

/// The columns `word` is drawn at on row `y`, one per character (a wide
/// character's hidden second cell is skipped), from its first occurrence.
pub fn find_cells(buf: &Buffer, y: u16, word: &str) -> Option<Vec<u16>> {
    let area = buf.area;
    'start: for x0 in area.left()..area.right() {
        let mut x = x0;
        let mut xs = Vec::new();
        for c in word.chars() {
            if x >= area.right() || buf[(x, y)].symbol() != c.to_string() {
                continue 'start;
            }
            xs.push(x);
            x += c.to_string().width().max(1) as u16;
        }
        return Some(xs);
    }
    None
}

/// The columns `word` is drawn at on row `y`, or a panic showing the row.
pub fn cells_x(buf: &Buffer, y: u16, word: &str) -> Vec<u16> {
    find_cells(buf, y, word)
        .unwrap_or_else(|| panic!("{word:?} not on row {y}: {:?}", rows(buf)[usize::from(y)]))
}

/// The cells `word` is drawn in on row `y`.
pub fn cells<'a>(buf: &'a Buffer, y: u16, word: &str) -> Vec<&'a Cell> {
    cells_x(buf, y, word)
        .into_iter()
        .map(|x| &buf[(x, y)])
        .collect()
}

/// The rows drawn reversed (the selection or current block), checked across
/// the whole width from `x0` to `x1` (exclusive).
pub fn reversed_rows(buf: &Buffer, x0: u16, x1: u16) -> Vec<u16> {
    (buf.area.top()..buf.area.bottom())
        .filter(|&y| buf[(x0, y)].modifier.contains(Modifier::REVERSED))
        .inspect(|&y| {
            for x in x0..x1 {
                assert!(
                    buf[(x, y)].modifier.contains(Modifier::REVERSED),
                    "({x}, {y}) not reversed with the rest of its row"
                );
            }
        })
        .collect()
}

/// Renders `model` at every size from 1x1 to 90x30 at an offset inside a
/// larger buffer filled with a sentinel, so a write outside the area shows
/// instead of hiding at the buffer's edge; then runs `each` with the size
/// for the caller's own checks.
pub fn sweep_sizes(name: &str, model: &Model, mut each: impl FnMut(u16, u16)) {
    let sentinel = Cell::new("x");
    for w in 1..=90u16 {
        for h in 1..=30u16 {
            let outer = Rect::new(0, 0, w + 4, h + 4);
            let area = Rect::new(2, 2, w, h);
            let mut buf = Buffer::filled(outer, sentinel.clone());
            focus::tui::view::render(model, area, &mut buf);
            for y in outer.top()..outer.bottom() {
                for x in outer.left()..outer.right() {
                    if !area.contains(Position::new(x, y)) {
                        assert_eq!(
                            buf[(x, y)],
                            sentinel,
                            "{name} at {w}x{h} wrote outside its area at ({x}, {y})"
                        );
                    }
                }
            }
            each(w, h);
        }
    }
}
