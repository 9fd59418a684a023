//! Starting the TUI where it cannot or should not run normally: no terminal,
//! a broken config, terminals too small for the full layout.

use std::time::Duration;

use super::harness::{Home, TIMEOUT, must};

const FAST: &str = "work = \"2s\"\nshort_break = \"1s\"\nlong_break = \"1s\"\n";

/// The sequence that switches to the alternate screen (xterm mode 1049).
const ALT_SCREEN_ON: &[u8] = b"\x1b[?1049h";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn without_a_terminal_exits_2_with_a_plain_message() {
    let home = Home::new(FAST);
    // Piped stdin and stdout, as in a script or a CI job.
    let out = home.run_with_stdin(&[], b" q");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "status {:?}\nstdout: {stdout:?}\nstderr: {stderr:?}",
        out.status
    );
    assert!(stderr.contains("terminal"), "stderr: {stderr:?}");
    // Escape codes in a pipe are garbage in someone's log file.
    assert!(
        !out.stdout.contains(&0x1b),
        "escape code on stdout: {stdout:?}"
    );
    assert!(
        !out.stderr.contains(&0x1b),
        "escape code on stderr: {stderr:?}"
    );
    assert!(
        stdout.is_empty(),
        "an error should not go to stdout: {stdout:?}"
    );
    assert!(
        home.log_records().is_empty(),
        "nothing ran, so nothing should be logged"
    );
}

#[test]
fn bad_config_exits_2_before_touching_the_terminal() {
    let home = Home::new("work = \"25x\"\n");
    let mut tui = home.spawn_tui(&[], 80, 24);
    let status = tui
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("focus kept running; screen:\n{}", tui.screen_text()));
    let raw = tui.raw_output();
    let text = String::from_utf8_lossy(&raw);
    assert_eq!(status.exit_code(), 2, "status {status:?}; output: {text:?}");
    assert!(status.signal().is_none(), "status {status:?}");
    // In a pty stdout and stderr are the same stream; the message is the
    // only thing printed, so it is the whole output.
    assert!(text.contains("config.toml:1:"), "output: {text:?}");
    assert!(text.contains("work"), "output: {text:?}");
    assert!(
        !contains(&raw, ALT_SCREEN_ON),
        "switched to the alternate screen before failing: {text:?}"
    );
    // Stronger than the above: no escape sequence at all (no cursor hiding,
    // no clearing), so the message lands intact in the user's scrollback.
    assert!(!raw.contains(&0x1b), "escape codes in output: {text:?}");
    assert!(tui.terminal_is_cooked(), "terminal left in raw mode");
}

/// Starts the TUI at `cols` x `rows`, checks it draws something and is still
/// running a second later, then quits with `q`.
fn survives_size(cols: u16, rows: u16, expect: &[&str]) {
    let home = Home::new(FAST);
    let mut tui = home.spawn_tui(&[], cols, rows);
    must(
        tui.wait_for(|s| !s.contents().trim().is_empty(), TIMEOUT),
        "something is drawn",
    );
    must(
        tui.wait_for_text(expect, TIMEOUT),
        &format!("the {cols}x{rows} screen"),
    );
    // A deliberate observation window, not a wait for the app: a crash or
    // panic in the first redraws would show up as an exit within it.
    std::thread::sleep(Duration::from_secs(1));
    assert!(
        tui.is_running(),
        "focus exited at {cols}x{rows}: {:?}; output: {:?}",
        tui.wait_exit(Duration::ZERO),
        String::from_utf8_lossy(&tui.raw_output())
    );
    tui.send("q");
    let status = tui.wait_exit(TIMEOUT).unwrap_or_else(|| {
        panic!(
            "q did not quit at {cols}x{rows}; screen:\n{}",
            tui.screen_text()
        )
    });
    assert!(status.success(), "status {status:?}");
    assert!(tui.terminal_is_cooked(), "terminal left in raw mode");
}

#[test]
fn small_terminal_40x10_shows_the_compact_view() {
    // Below the full layout's 36x12 minimum: the compact view, which shows
    // the time as plain text (the full view draws it in block digits) and
    // today's count. Only these essentials are checked; its wording changes.
    survives_size(40, 10, &["00:02", "ready", "0/8"]);
}

#[test]
fn tiny_terminal_1x1_does_not_crash() {
    // One cell cannot hold anything meaningful; it must merely not crash.
    survives_size(1, 1, &[]);
}
