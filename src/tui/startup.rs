//! Starting the TUI: the single-instance lock, today's log, the snapshot
//! of a session that was running, the task named on the command line, and
//! then the loop.

use crate::app::color::ColorChoice;
use crate::app::error::Error;
use crate::config::Config;
use crate::domain::stats;
use crate::domain::time::day_of;
use crate::engine::theme::Theme;
use crate::engine::{Command as CoreCommand, Effect, Model, Msg, Settings, TaskRef, Timer};
use crate::store::lock::{InstanceLock, LockError};
use crate::store::log::SessionLog;
use crate::store::paths::Paths;
use crate::store::private;
use crate::store::snapshot::{self, SnapshotError};
use crate::store::tasks::TaskStore;
use crate::tui::{self, Exit, Store, clock};

/// The core's settings for the TUI: [`Config::settings`], but drawn in
/// [`Theme::Mono`] when colour is off (`--color never`, or `NO_COLOR` set
/// and non-empty without `--color always`), whatever the config's `theme`.
///
/// [`crate::app::color`]'s rule decides, so the TUI agrees with every other
/// command; it only runs on a terminal, so `auto` comes down to `NO_COLOR`.
pub fn tui_settings(c: &Config, color: ColorChoice) -> Settings {
    let mut s = c.settings();
    if !crate::app::color::use_color(color, true) {
        s.theme = Theme::Mono;
    }
    s
}

/// Runs the TUI until the user quits or a signal ends it.
pub(crate) fn interactive(
    config: &Config,
    paths: &Paths,
    task: Option<String>,
    color: ColorChoice,
) -> Result<Exit, Error> {
    use std::io::IsTerminal;
    // `--task` may name a task from the list or be any other title; either
    // way it is held to the rule `task add` applies, so a free title cannot
    // carry what a list title could not (an escape sequence, a bidi
    // override) into the log, status bars and hooks. A list title and an
    // id pass it, so checking first changes nothing for them.
    if let Some(t) = &task {
        crate::domain::tasks::check_title(t).map_err(|e| Error::Argument {
            name: "--task",
            problem: e.to_string(),
        })?;
    }
    // Refuse before reading anything, so a pipe gets one clear line.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::NotATerminal);
    }
    let mut notices = Vec::new();
    // A directory others can write to is refused before anything is
    // written; a disk that refuses (read-only, full) is not, since the
    // timer is still worth running and the store says so later.
    for dir in [&paths.state_dir, &paths.data_dir] {
        if let Err(e) = private::ensure_dir(dir)
            && private::is_refusal(&e)
        {
            return Err(Error::Refused(e));
        }
    }
    let _lock = match InstanceLock::acquire(&paths.lock_file()) {
        Ok(lock) => Some(lock),
        Err(LockError::Held { pid }) => {
            return Err(Error::AlreadyRunning {
                pid: pid.map_or_else(|| "unknown".into(), |p| p.to_string()),
            });
        }
        Err(LockError::Refused(e)) => return Err(Error::Refused(e)),
        Err(LockError::Io(e)) => {
            notices.push(format!(
                "cannot lock {} ({e}): a second focus would not be stopped",
                paths.lock_file().display()
            ));
            None
        }
    };
    let now = clock::now();
    let log = SessionLog::new(paths.log_file());
    let mut history = match log.read_since(stats::today_cutoff(now.wall, config.day_starts_at)) {
        Ok(read) => {
            crate::app::warn_skipped(&read);
            if !read.warnings.is_empty() {
                notices.push(format!(
                    "{} damaged line(s) in the log were skipped (see `focus today`)",
                    read.warnings.len()
                ));
            }
            read.records
        }
        // The timer is still worth running; today's count will be short.
        Err(e) => {
            notices.push(format!("cannot read the log: {e}"));
            Vec::new()
        }
    };
    let settings = tui_settings(config, color);
    let durations = settings.durations.clone();
    let boot = snapshot::boot_id();
    let snap = match snapshot::load(&paths.snapshot_file()) {
        Ok(snap) => snap,
        Err(e @ SnapshotError::Corrupt { .. }) => {
            let aside = snapshot::move_aside(&paths.snapshot_file(), now.wall);
            let msg = match aside {
                Ok(p) => format!("{e}; moved to {} and started clean", p.display()),
                Err(_) => format!("{e}; started clean"),
            };
            eprintln!("focus: warning: {msg}");
            notices.push(msg);
            None
        }
        Err(e) => {
            notices.push(e.to_string());
            None
        }
    };
    // Records an earlier run could not write, less those the log holds
    // (following focus's own advice, the user may have appended them by
    // hand, on any day since): today's records rule most out at no cost,
    // the rest are looked for in the whole log.
    let beyond_today: Vec<_> = snap
        .iter()
        .flat_map(|s| s.unsaved_beyond(&history))
        .cloned()
        .collect();
    let unsaved: Vec<_> = match log.not_in_log(&beyond_today) {
        Ok(missing) => missing.into_iter().cloned().collect(),
        Err(e) => {
            // Appending them again at worst makes a copy, which readers
            // count once.
            notices.push(format!("cannot read the log: {e}"));
            beyond_today
        }
    };
    history.extend(unsaved.iter().cloned());
    let mut model = Model::new(settings, history, now, random_seed());
    let mut startup = Vec::new();
    if let Some(snap) = snap {
        let mut timer = snap.timer_at(&now, boot.as_deref());
        if timer.session.is_none() {
            // A new day starts a new cycle; a waiting session takes the
            // lengths configured now.
            if day_of(snap.saved_at, config.day_starts_at) != day_of(now.wall, config.day_starts_at)
            {
                timer = Timer::new(&durations);
            }
            timer.ready_ms = durations.planned_ms(timer.kind);
        }
        let running = timer.session.is_some();
        startup = model.restore(timer, snap.task.clone(), now);
        if startup.iter().any(|e| matches!(e, Effect::Append(_))) {
            notices.push(
                "a session ended while focus was closed; it was logged at its end time".into(),
            );
        } else if running {
            notices.push("resumed the session that was running".into());
        }
    }
    if let Some(task) = task {
        model.update(
            Msg::Command(CoreCommand::PickTask(Some(pick_task(paths, &task)?))),
            now,
        );
    }
    if !notices.is_empty() {
        model.update(Msg::Notice(notices.join(" · ")), now);
    }
    let store = Store::new(
        log,
        paths.snapshot_file(),
        boot,
        TaskStore::in_dir(&paths.data_dir),
        Some(paths.socket_file()),
        unsaved,
    );
    tui::run_with(
        model,
        store,
        startup,
        tui::Reactions::from_config(config, paths),
    )
}

/// `--task ID|TITLE`: a task from the list when it names one, otherwise a
/// free title. A broken task file is an error here rather than a silent
/// fallback, so the pomodoro is not logged against the wrong task.
fn pick_task(paths: &Paths, key: &str) -> Result<TaskRef, Error> {
    let list = TaskStore::in_dir(&paths.data_dir).load()?;
    Ok(match list.resolve(key) {
        Ok(t) => TaskRef {
            id: Some(t.id.clone()),
            title: t.title.clone(),
            tags: t.tags.clone(),
        },
        Err(crate::domain::tasks::TaskError::NotFound { .. }) => TaskRef::titled(key.trim()),
        Err(e) => return Err(e.into()),
    })
}

/// Randomness for session ids without another dependency: std's hasher
/// keys are drawn from the OS once per process.
fn random_seed() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::process::id())
}
