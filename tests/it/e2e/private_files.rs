//! The TUI on hostile ground: a state directory other users can write to,
//! a symlink planted at the lock file, a regular file where the socket
//! goes.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::harness::{Home, TIMEOUT, Tui, must};

/// What another user's file holds before and after.
const VICTIM: &str = "export PATH=$HOME/bin:$PATH\n";

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("chmod {}: {e}", path.display()));
}

/// Starts the TUI, which must exit at once without success, and returns
/// what it printed.
fn refused(home: &Home) -> String {
    let mut tui = home.spawn_tui(&[], 100, 24);
    let status = tui
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("focus kept running; screen:\n{}", tui.screen_text()));
    let printed = String::from_utf8_lossy(&tui.raw_output()).into_owned();
    assert!(!status.success(), "{status:?}: {printed}");
    printed
}

#[test]
fn the_tui_refuses_a_shared_state_dir_and_a_linked_lock() {
    let home = Home::new("");
    let state = home.state_dir();
    std::fs::create_dir_all(&state).expect("mkdir");
    chmod(&state, 0o777);
    let printed = refused(&home);
    assert!(
        printed.contains(&format!("refusing to use {}", state.display()))
            && printed.contains(&format!("chmod 700 {}", state.display())),
        "{printed}"
    );
    assert!(!state.join("focus.lock").exists());

    chmod(&state, 0o700);
    let victim = home.root().join("bashrc");
    std::fs::write(&victim, VICTIM).expect("write");
    let lock = state.join("focus.lock");
    std::os::unix::fs::symlink(&victim, &lock).expect("symlink");
    let printed = refused(&home);
    assert!(
        printed.contains(&format!("refusing to write {}", lock.display()))
            && printed.contains("symbolic link"),
        "{printed}"
    );
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), VICTIM);
}

fn quit(tui: &mut Tui<'_>) {
    tui.send("q");
    let status = tui
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("focus did not exit after q; screen:\n{}", tui.screen_text()));
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_regular_file_at_the_socket_path_is_left_alone_and_named() {
    let home = Home::new("");
    let path = home.root().join("runtime/focus/focus.sock");
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    std::fs::write(&path, "mine").expect("write");
    let mut tui = home.spawn_tui(&[], 240, 24);
    must(
        tui.wait_for_text(
            &["Work · ready", "remote control is off", "not a socket"],
            TIMEOUT,
        ),
        "the timer runs, and says why remote control does not",
    );

    let out = home.run(&["toggle"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() == Some(1)
            && stderr.contains(&format!(
                "{} is a regular file, not a socket",
                path.display()
            ))
            && stderr.contains("remove it")
            && !stderr.contains("not running"),
        "{out:?}"
    );
    quit(&mut tui);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "mine");
}
