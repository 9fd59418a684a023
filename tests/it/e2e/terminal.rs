//! How focus treats the terminal while it runs: window resizes, the
//! alternate screen, Ctrl-Z.

use super::harness::{Home, TIMEOUT, must};

#[test]
fn resize_switches_between_full_and_compact_views() {
    let home = Home::new("work = \"25m\"\n");
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready", "0/8 pomodoros"], TIMEOUT),
        "full view at 80x24",
    );
    // Below the full layout's minimum (36x12): the compact view.
    tui.resize(30, 8);
    must(
        tui.wait_for(
            |s| {
                let text = s.contents();
                // Plain-text time only appears in the compact view (the full
                // one draws block digits); no rounded frame corner either.
                text.contains("25:00") && text.contains("ready") && !text.contains('╭')
            },
            TIMEOUT,
        ),
        "compact view after shrinking to 30x8",
    );
    tui.resize(100, 30);
    must(
        tui.wait_for(
            |s| {
                let text = s.contents();
                // The frame's right edge at the new width shows the old frame
                // was not just left in place.
                text.contains("Work · ready")
                    && text
                        .lines()
                        .nth(1)
                        .is_some_and(|l| l.chars().count() == 100)
            },
            TIMEOUT,
        ),
        "full view again at 100x30",
    );
    tui.send("q");
    let status = tui.wait_exit(TIMEOUT).expect("q quits");
    assert!(status.success(), "status {status:?}");
}

/// A full-screen TUI should draw on the alternate screen, so quitting gives
/// back the shell's screen and scrollback untouched instead of leaving the
/// last frame in it (and the shell prompt printed over it).
#[test]
fn tui_draws_on_the_alternate_screen() {
    let home = Home::new("work = \"25m\"\n");
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    assert!(
        tui.with_screen(vt100::Screen::alternate_screen),
        "focus is drawing on the main screen"
    );
    tui.send("q");
    let status = tui.wait_exit(TIMEOUT).expect("q quits");
    assert!(status.success(), "status {status:?}");
    assert!(
        !tui.with_screen(vt100::Screen::alternate_screen),
        "alternate screen not left"
    );
    assert!(
        !tui.screen_text().contains("Work · ready"),
        "the last frame was left on the shell's screen:\n{}",
        tui.screen_text()
    );
}

/// Ctrl-Z gives the terminal back and stops focus; when continued it must
/// take the screen back and carry on with the session.
///
/// In this pty focus is a session leader, so the kernel discards its own
/// SIGTSTP (orphaned process group) and it continues at once: the same code
/// path it runs after `fg` in a shell, and what happens for real when focus
/// is started directly as a tmux or terminal-emulator command.
#[test]
fn ctrl_z_then_continue_keeps_the_session_running() {
    // Long enough that the bug (exit about 2 s after Ctrl-Z) shows before
    // the pomodoro would end.
    let home = Home::new("work = \"4s\"\nshort_break = \"1s\"\n");
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    tui.send(" ");
    must(
        tui.wait_for_text(&["Work · running"], TIMEOUT),
        "pomodoro started",
    );
    tui.send_bytes(b"\x1a");
    // The break appearing proves focus survived, redrew and kept timing.
    must(
        tui.wait_for_text(&["Short break · running", "1/8 pomodoros"], TIMEOUT),
        "the pomodoro runs to its end after Ctrl-Z",
    );
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "the break ends",
    );
    assert!(tui.is_running(), "focus exited");
    tui.send("q");
    let status = tui.wait_exit(TIMEOUT).expect("q quits");
    assert!(status.success(), "status {status:?}");
    let records = home.log_records();
    assert!(
        records
            .iter()
            .any(|r| r["kind"] == "work" && r["outcome"] == "completed"),
        "records: {records:#?}"
    );
}
