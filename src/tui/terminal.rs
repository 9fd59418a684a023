//! Entering and leaving the full-screen terminal, resizing and Ctrl-Z.

use std::io::{self, Stdout};

use ratatui::layout::Rect;
use ratatui::prelude::CrosstermBackend;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// The terminal focus draws on.
pub(crate) type Term = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, alternate screen, hidden cursor, and ratatui's panic hook that
/// restores all of it.
///
/// The viewport is fixed and changed only on resize events: a fullscreen
/// viewport asks the terminal for its size on every draw (an open of
/// `/dev/tty` and an ioctl each second).
pub(crate) fn enter() -> io::Result<Term> {
    let (w, h) = crossterm::terminal::size()?;
    let term = ratatui::try_init_with_options(TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    })?;
    // ratatui enters the alternate screen only for fullscreen viewports.
    crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    Ok(term)
}

/// Gives the terminal back: raw mode off, main screen, cursor shown.
pub(crate) fn leave() {
    ratatui::restore();
}

/// Follows a new terminal size.
pub(crate) fn resize(term: &mut Term, w: u16, h: u16) -> io::Result<()> {
    term.resize(Rect::new(0, 0, w, h))
}

/// Ctrl-Z: restore the terminal, stop like any job, and take the screen
/// back (redrawn from scratch) when continued with `fg`.
pub(crate) fn suspend(term: &mut Term) -> io::Result<()> {
    leave();
    rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::TSTP)?;
    // Execution continues here after SIGCONT.
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::cursor::Hide
    )?;
    // `resize` clears the screen and forgets what was drawn, so the next
    // draw repaints everything. (`Terminal::clear` would ask the terminal
    // for the cursor position, an answer the input thread would swallow.)
    let (w, h) = crossterm::terminal::size()?;
    term.resize(Rect::new(0, 0, w, h))
}
