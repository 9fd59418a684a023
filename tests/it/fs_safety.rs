//! Files on hostile ground: links planted where focus writes, a umask of
//! 000, directories and configs other users can write to, and the temp
//! files a `kill -9` leaves behind.
//!
//! Tests that must own their process (a umask is process-wide; the old
//! temp names were the pid and a per-process counter) run as a child: this
//! test binary again, with an environment variable that makes the child
//! test do the work.

use std::fs::{self, File};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use focus::config::{HookCommand, Hooks};
use focus::domain::record::Kind;
use focus::domain::tasks::{Priority, TaskList};
use focus::engine::model::{Event, EventKind};
use focus::engine::{Mono, Timer};
use focus::integrations::hooks::HookRunner;
use focus::store::lock::{InstanceLock, LockError};
use focus::store::log::SessionLog;
use focus::store::snapshot::{self, SNAPSHOT_VERSION, Snapshot};
use focus::store::tasks::TaskStore;

use crate::common::record::work;
use crate::common::{self, ts};

const BIN: &str = env!("CARGO_BIN_EXE_focus");

/// Set in a child process started by [`in_child`]: the directory to work in.
const CHILD_ENV: &str = "FOCUS_TEST_FS_SAFETY_CHILD";

/// What another user's file holds before and after every test.
const VICTIM: &str = "export PATH=$HOME/bin:$PATH\n";

/// The permission bits of `path`, in octal as `ls` and `chmod` write them.
fn mode(path: &Path) -> String {
    let mode = fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode();
    format!("{:o}", mode & 0o7777)
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("chmod {}: {e}", path.display()));
}

/// Runs the child test `name` of this module in a process of its own with
/// `dir` to work in, and fails if it fails. In the child, returns the
/// directory instead, and the test goes on to do its work.
fn in_child(name: &str, dir: &Path) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        return Some(PathBuf::from(dir));
    }
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            &common::test_name(module_path!(), name),
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, dir)
        .output()
        .expect("run the child test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{name} in a child: {}\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    None
}

/// The binary with every XDG dir inside `home` (none need exist).
fn focus(home: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_RUNTIME_DIR", home.join("runtime"));
    if let Some(path) = std::env::var_os("PATH") {
        cmd.env("PATH", path);
    }
    cmd
}

fn run(mut cmd: Command) -> Output {
    cmd.output().expect("run focus")
}

fn describe(out: &Output) -> String {
    format!(
        "{:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn snapshot() -> Snapshot {
    let settings = common::settings();
    Snapshot {
        v: SNAPSHOT_VERSION,
        pid: std::process::id(),
        boot_id: None,
        saved_at: ts("2026-03-02T09:00:00+01:00"),
        saved_mono: Mono(0),
        timer: Timer::new(&settings.durations),
        task: None,
        unsaved: Vec::new(),
    }
}

fn add_task(store: &TaskStore, title: &str) {
    store
        .update(|l: &mut TaskList| {
            l.add(
                title,
                1,
                Priority::Medium,
                &[] as &[&str],
                ts("2026-03-02T09:00:00+01:00"),
            )
        })
        .expect("add a task");
}

#[test]
fn a_symlinked_lock_file_truncates_nothing_and_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("bashrc");
    fs::write(&victim, VICTIM).unwrap();
    let state = dir.path().join("state");
    fs::create_dir(&state).unwrap();
    let lock = state.join("focus.lock");
    std::os::unix::fs::symlink(&victim, &lock).unwrap();

    match InstanceLock::acquire(&lock) {
        Err(e @ LockError::Refused(_)) => {
            let text = e.to_string();
            assert!(
                text.contains(&lock.display().to_string()) && text.contains("symbolic link"),
                "{text}"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Nor is the link read as if it were the lock.
    assert_eq!(InstanceLock::holder(&lock), None);
    assert_eq!(fs::read_to_string(&victim).unwrap(), VICTIM);
    assert!(fs::symlink_metadata(&lock).unwrap().is_symlink());
}

/// The child of [`links_planted_at_temp_names_receive_nothing`].
#[test]
fn planted_links_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else {
        return;
    };
    let victim = dir.join("bashrc");
    let data = dir.join("data");
    let state = dir.join("state");
    // Every name the old scheme (`.<name>.<pid>.<n>.tmp`) would have used
    // for this process's first writes.
    let pid = std::process::id();
    for (d, name) in [(&data, "tasks.toml"), (&state, "state.json")] {
        for n in 0..64 {
            std::os::unix::fs::symlink(&victim, d.join(format!(".{name}.{pid}.{n}.tmp"))).unwrap();
        }
    }
    let store = TaskStore::new(data.join("tasks.toml"));
    add_task(&store, "first");
    add_task(&store, "second");
    snapshot::save(&state.join("state.json"), &snapshot()).unwrap();
    snapshot::save(&state.join("state.json"), &snapshot()).unwrap();
}

#[test]
fn links_planted_at_temp_names_receive_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("bashrc");
    fs::write(&victim, VICTIM).unwrap();
    let (data, state) = (dir.path().join("data"), dir.path().join("state"));
    fs::create_dir(&data).unwrap();
    fs::create_dir(&state).unwrap();
    in_child("planted_links_child", dir.path());

    assert_eq!(fs::read_to_string(&victim).unwrap(), VICTIM);
    let tasks = data.join("tasks.toml");
    assert!(fs::symlink_metadata(&tasks).unwrap().is_file());
    assert!(fs::read_to_string(&tasks).unwrap().contains("second"));
    let snap = state.join("state.json");
    assert!(fs::symlink_metadata(&snap).unwrap().is_file());
    assert!(snapshot::load(&snap).unwrap().is_some());
}

/// The child of [`under_umask_000_every_writer_makes_0700_dirs_and_0600_files`].
#[test]
fn umask_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else {
        return;
    };
    rustix::process::umask(rustix::fs::Mode::empty());
    let data = dir.join("data/focus");
    let state = dir.join("state/focus");

    let _lock = InstanceLock::acquire(&state.join("focus.lock")).unwrap();
    snapshot::save(&state.join("state.json"), &snapshot()).unwrap();
    add_task(&TaskStore::in_dir(&data), "a task");
    let log = SessionLog::new(data.join("sessions.jsonl"));
    let rec = work("2026-03-02T09:00:00+01:00", "2026-03-02T09:25:00+01:00");
    log.append(&rec.clone().id("01A").build()).unwrap();
    // A torn last line, so the next append creates the side file.
    let mut file = fs::OpenOptions::new()
        .append(true)
        .open(log.path())
        .unwrap();
    std::io::Write::write_all(&mut file, b"{\"v\":1,\"id\":\"tor").unwrap();
    drop(file);
    let report = log.append(&rec.id("01B").build()).unwrap();
    assert!(report.torn_fragment_moved_to.is_some(), "{report:?}");

    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let hooks = Hooks {
        on_start: Some(HookCommand::Exec(vec!["true".into()])),
        ..Hooks::default()
    };
    let runner = HookRunner::new(hooks, state.join("hooks.log"), tx);
    assert!(runner.fire(&Event {
        kind: EventKind::Start,
        phase: Kind::Work,
        task: None,
        planned_secs: 1500,
        focused_secs: 0,
        today: 0,
        goal: 8,
        interruption: None,
    }));
    let deadline = Instant::now() + Duration::from_secs(10);
    while runner.running() > 0 || !state.join("hooks.log").exists() {
        assert!(Instant::now() < deadline, "the hook did not run");
        thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn under_umask_000_every_writer_makes_0700_dirs_and_0600_files() {
    let dir = tempfile::tempdir().unwrap();
    in_child("umask_child", dir.path());

    for d in ["data", "data/focus", "state", "state/focus"] {
        assert_eq!(mode(&dir.path().join(d)), "700", "{d}");
    }
    for f in [
        "state/focus/focus.lock",
        "state/focus/state.json",
        "state/focus/hooks.log",
        "data/focus/tasks.toml",
        "data/focus/tasks.toml.lock",
        "data/focus/sessions.jsonl",
        "data/focus/sessions.jsonl.torn",
    ] {
        assert_eq!(mode(&dir.path().join(f)), "600", "{f}");
    }
}

#[test]
fn the_binary_under_umask_000_makes_0700_dirs_and_0600_files() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let mut cmd = Command::new("sh");
    // The umask is set by the shell that then becomes focus.
    cmd.args([
        "-c",
        "umask 000 && exec \"$0\" \"$@\"",
        BIN,
        "task",
        "add",
        "A task",
    ]);
    let base = focus(home, &[]);
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    let out = run(cmd);
    assert!(out.status.success(), "{}", describe(&out));
    for d in ["data", "data/focus"] {
        assert_eq!(mode(&home.join(d)), "700", "{d}");
    }
    for f in ["data/focus/tasks.toml", "data/focus/tasks.toml.lock"] {
        assert_eq!(mode(&home.join(f)), "600", "{f}");
    }
}

#[test]
fn a_data_dir_others_can_write_to_is_refused_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let data = home.join("data/focus");
    fs::create_dir_all(&data).unwrap();
    for bits in [0o777, 0o770, 0o1777] {
        chmod(&data, bits);
        let out = run(focus(home, &["task", "add", "A task"]));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.code() == Some(1)
                && stderr.contains(&data.display().to_string())
                && stderr.contains("other users can write to it")
                && stderr.contains(&format!("chmod 700 {}", data.display())),
            "mode {bits:o}: {}",
            describe(&out)
        );
        assert!(!data.join("tasks.toml").exists(), "mode {bits:o}");
    }
    // A directory above it that others can write to (no sticky bit) would
    // let them swap it for their own.
    chmod(&data, 0o700);
    chmod(&home.join("data"), 0o777);
    let out = run(focus(home, &["task", "add", "A task"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() == Some(1)
            && stderr.contains(&format!("chmod go-w {}", home.join("data").display())),
        "{}",
        describe(&out)
    );
    // Made private, it is used.
    chmod(&home.join("data"), 0o755);
    let out = run(focus(home, &["task", "add", "A task"]));
    assert!(out.status.success(), "{}", describe(&out));
}

#[test]
fn a_config_others_can_write_to_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let config_dir = home.join("config/focus");
    fs::create_dir_all(&config_dir).unwrap();
    let config = config_dir.join("config.toml");
    let marker = home.join("hook-ran");
    fs::write(
        &config,
        format!("[hooks]\non_start = \"touch '{}'\"\n", marker.display()),
    )
    .unwrap();
    chmod(&config, 0o666);
    let out = run(focus(home, &["config", "check"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() == Some(1)
            && stderr.contains(&config.display().to_string())
            && stderr.contains("other users can write to it")
            && stderr.contains("chmod go-w"),
        "{}",
        describe(&out)
    );
    chmod(&config, 0o644);
    chmod(&config_dir, 0o777);
    let out = run(focus(home, &["today"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() == Some(1)
            && stderr.contains(&format!("chmod go-w {}", config_dir.display())),
        "{}",
        describe(&out)
    );
    chmod(&config_dir, 0o755);
    let out = run(focus(home, &["config", "check"]));
    assert!(out.status.success(), "{}", describe(&out));
}

/// Sets the modification time of `path` `ago` back.
fn age(path: &Path, ago: Duration) {
    File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(SystemTime::now() - ago))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn temp_files_of_dead_writers_are_swept_and_a_live_writers_kept() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let data = home.join("data/focus");
    fs::create_dir_all(&data).unwrap();
    let hour = Duration::from_secs(3600);
    // What writers killed mid-write leave: the old naming and the new.
    let dead = [".tasks.toml.4242.0.tmp", ".tasks.toml.aB3xYz.tmp"];
    for name in dead {
        fs::write(data.join(name), "next_id = 1\n").unwrap();
        age(&data.join(name), hour);
    }
    // A writer still alive holds its temp file locked, however long it
    // has been stopped.
    let live = data.join(".tasks.toml.LiVe01.tmp");
    fs::write(&live, "next_id = 1\n").unwrap();
    age(&live, hour);
    let held = File::open(&live).unwrap();
    held.lock().unwrap();
    // One just made may not be locked yet.
    let fresh = data.join(".tasks.toml.FrEsH1.tmp");
    fs::write(&fresh, "next_id = 1\n").unwrap();
    // Not ours at all.
    let other = data.join(".tasks.toml.notes");
    fs::write(&other, "mine").unwrap();
    age(&other, hour);

    let out = run(focus(home, &["task", "add", "A task"]));
    assert!(out.status.success(), "{}", describe(&out));
    for name in dead {
        assert!(!data.join(name).exists(), "{name} was left behind");
    }
    assert!(live.exists(), "a live writer's temp file was removed");
    assert!(fresh.exists(), "a fresh temp file was removed");
    assert!(other.exists());
    drop(held);
    let out = run(focus(home, &["task", "add", "Another"]));
    assert!(out.status.success(), "{}", describe(&out));
    assert!(!live.exists(), "its writer is gone now");
}
