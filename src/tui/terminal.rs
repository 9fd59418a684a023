//! Entering and leaving the full-screen terminal, resizing and Ctrl-Z.

use std::io::{self, Stdout};

use ratatui::layout::Rect;
use ratatui::prelude::CrosstermBackend;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// The terminal focus draws on.
pub(crate) type Term = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, alternate screen, hidden cursor, bracketed paste, and a
/// panic hook that restores all of it.
///
/// Bracketed paste makes a paste arrive as one event: without it, the
/// pasted characters would be read as keys, so a pasted "q" could quit.
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
    crossterm::execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableBracketedPaste
    )?;
    // ratatui's hook restores raw mode and the screen, not paste mode; a
    // shell left in it would see pastes wrapped in escape sequences.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
        ratatui_hook(info);
    }));
    Ok(term)
}

/// Gives the terminal back: paste mode and raw mode off, main screen,
/// cursor shown.
pub(crate) fn leave() {
    let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
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
        crossterm::event::EnableBracketedPaste,
        crossterm::cursor::Hide
    )?;
    // `resize` clears the screen and forgets what was drawn, so the next
    // draw repaints everything. (`Terminal::clear` would ask the terminal
    // for the cursor position, an answer the input thread would swallow.)
    let (w, h) = crossterm::terminal::size()?;
    term.resize(Rect::new(0, 0, w, h))
}
