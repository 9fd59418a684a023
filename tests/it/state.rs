//! The snapshot and the single-instance lock.

use crate::common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Sim, settings, ts};
use focus::engine::{Mono, Now};
use focus::store::lock::{InstanceLock, LockError};
use focus::store::snapshot::{self, SNAPSHOT_VERSION, Snapshot, SnapshotError};

fn snapshot_of(sim: &Sim, boot: &str) -> Snapshot {
    Snapshot {
        v: SNAPSHOT_VERSION,
        pid: 1,
        boot_id: Some(boot.into()),
        saved_at: sim.model.now.wall,
        saved_mono: sim.model.now.mono,
        timer: sim.model.timer.clone(),
        task: Some(focus::engine::TaskRef::titled("写周报")),
        unsaved: Vec::new(),
    }
}

#[test]
fn a_snapshot_round_trips_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state").join("state.json");
    let mut sim = Sim::new(settings(), "2026-03-02T09:00:00+01:00");
    sim.key(' ', 0.0);
    sim.key(' ', 60.0);
    let snap = snapshot_of(&sim, "boot-a");
    snapshot::save(&path, &snap).unwrap();
    assert_eq!(snapshot::load(&path).unwrap(), Some(snap));
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, vec!["state.json"]);
}

#[test]
fn no_snapshot_is_none_and_a_corrupt_one_is_an_error_that_can_be_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    assert_eq!(snapshot::load(&path).unwrap(), None);
    std::fs::write(&path, b"{\"v\":1,\"pid\":").unwrap();
    let err = snapshot::load(&path).unwrap_err();
    assert!(matches!(err, SnapshotError::Corrupt { .. }));
    assert!(err.to_string().contains("state.json"), "{err}");
    let aside = snapshot::move_aside(&path, ts("2026-03-02T09:00:00+01:00")).unwrap();
    assert!(!path.exists());
    assert_eq!(std::fs::read(&aside).unwrap(), b"{\"v\":1,\"pid\":");
    assert!(
        aside
            .to_string_lossy()
            .contains("state.json.corrupt-20260302T090000")
    );
}

#[test]
fn a_snapshot_from_a_newer_focus_is_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let sim = Sim::new(settings(), "2026-03-02T09:00:00+01:00");
    let mut snap = snapshot_of(&sim, "b");
    snap.v = SNAPSHOT_VERSION + 1;
    snapshot::save(&path, &snap).unwrap();
    assert!(matches!(
        snapshot::load(&path),
        Err(SnapshotError::Corrupt { .. })
    ));
}

#[test]
fn within_a_boot_the_deadline_stands_and_after_a_reboot_the_wall_clock_bridges() {
    let mut sim = Sim::new(settings(), "2026-03-02T09:00:00+01:00");
    sim.key(' ', 0.0);
    sim.tick(100.0);
    let snap = snapshot_of(&sim, "boot-a");
    // Same boot, 200 s later: 1200 s left.
    let now = sim.now(300.0);
    let timer = snap.timer_at(&now, Some("boot-a"));
    assert_eq!(timer.remaining_at(now.mono), 1_200_000);
    // After a reboot the session clock restarted (5 s after boot); 200 s of wall
    // time passed since the snapshot.
    let now = Now {
        mono: Mono(focus::tui::clock::SESSION_CLOCK_BASE_MS + 5_000),
        wall: ts("2026-03-02T09:05:00+01:00"),
    };
    let timer = snap.timer_at(&now, Some("boot-b"));
    assert_eq!(timer.remaining_at(now.mono), 1_200_000);
}

#[test]
fn a_second_lock_names_the_holder_and_a_dropped_lock_frees_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s").join("focus.lock");
    let first = InstanceLock::acquire(&path).unwrap();
    match InstanceLock::acquire(&path) {
        Err(LockError::Held { pid }) => assert_eq!(pid, Some(std::process::id())),
        other => panic!("expected Held, got {other:?}"),
    }
    assert_eq!(InstanceLock::holder(&path), Some(std::process::id()));
    drop(first);
    assert_eq!(InstanceLock::holder(&path), None);
    InstanceLock::acquire(&path).unwrap();
}

const CHILD_ENV: &str = "FOCUS_TEST_LOCK_HOLDER";

/// Not a test on its own: run as a child by the test below, it takes the
/// lock and waits to be killed.
#[test]
fn lock_holder_child() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let _lock = InstanceLock::acquire(std::path::Path::new(&path)).unwrap();
    println!("locked");
    std::thread::sleep(Duration::from_secs(60));
}

#[test]
fn the_kernel_releases_the_lock_of_a_process_killed_with_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("focus.lock");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &common::test_name(module_path!(), "lock_holder_child"),
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while InstanceLock::holder(&path).is_none() {
        assert!(Instant::now() < deadline, "child never took the lock");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(InstanceLock::holder(&path), Some(child.id()));
    assert!(matches!(
        InstanceLock::acquire(&path),
        Err(LockError::Held { .. })
    ));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    InstanceLock::acquire(&path).expect("free once the holder is dead");
}
