//! The top of the program: parse the command line, load the config, run
//! one front end, and turn any error into a message and an exit code.

pub mod args;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::app::color::ColorChoice;
use crate::app::error::Error;
use crate::cli::args::{Cli, Command, ConfigAction};
use crate::config::Config;
use crate::domain::stats;
use crate::domain::time::day_of;
use crate::engine::theme::Theme;
use crate::engine::{Command as CoreCommand, Durations, Model, Msg, Settings};
use crate::engine::{Effect, TaskRef, Timer};
use crate::store::lock::{InstanceLock, LockError};
use crate::store::log::SessionLog;
use crate::store::paths::Paths;
use crate::store::snapshot::{self, SnapshotError};
use crate::store::tasks::TaskStore;
use crate::tui::clock;
use crate::tui::{self, Exit, Store};
use std::collections::HashSet;

/// Runs focus with these arguments and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match crate::cli::args::parse(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("focus: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn dispatch(cli: Cli) -> Result<ExitCode, Error> {
    // Generated from the definitions alone: no files, no config to break.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            clap_complete::generate(*shell, &mut cmd, "focus", &mut std::io::stdout().lock());
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command())
                .render(&mut std::io::stdout().lock())
                .map_err(Error::io("cannot write to standard output"))?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let paths = Paths::discover(cli.config.clone())?;
    if let Some(Command::Config {
        action: ConfigAction::Path,
    }) = cli.command
    {
        crate::app::commands::config_path(&paths, &mut std::io::stdout().lock())?;
        return Ok(ExitCode::SUCCESS);
    }
    // The running TUI has the config it needs; a broken file on disk must
    // not stop a key binding from pausing it.
    if let Some(Command::Remote(remote)) = &cli.command {
        let command = CoreCommand::from(remote.clone());
        return Ok(
            match crate::app::commands::remote(&paths, &command, &mut std::io::stdout().lock()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("focus: {e}");
                    ExitCode::FAILURE
                }
            },
        );
    }
    let mut config = Config::load(&paths.config_file, paths.config_explicit)?;
    config.apply(&cli.timer.overrides())?;
    if let Some(Command::Task { action }) = cli.command {
        crate::app::task::run(action, &paths.data_dir, &mut std::io::stdout().lock())?;
        return Ok(ExitCode::SUCCESS);
    }
    let out = &mut std::io::stdout().lock();
    match cli.command {
        Some(Command::Today { json }) => crate::app::commands::today(&config, &paths, json, out)?,
        Some(Command::Status(args)) if args.follow => {
            crate::app::commands::status_follow(&config, &paths, &args.view(), out)?
        }
        Some(Command::Status(args)) => {
            crate::app::commands::status(&config, &paths, &args.view(), out)?
        }
        Some(Command::Report(mut args)) => {
            args.color = cli.color;
            let now = crate::tui::clock::now().wall;
            crate::app::report::run(&args, &config, &paths, now, out)?;
        }
        Some(Command::Plan(args)) => {
            let settings = crate::app::plan::settings_from_config(
                &config,
                config.workday,
                config.busy.clone(),
            );
            let now = crate::tui::clock::now().wall;
            crate::app::plan::run(&args, &settings, &paths.data_dir, now, out)?;
        }
        Some(Command::Log { json, limit }) => crate::app::commands::log(&paths, json, limit, out)?,
        Some(Command::Config {
            action: ConfigAction::Check,
        }) => crate::app::commands::config_check(&config, &paths, out)?,
        Some(Command::Config {
            action: ConfigAction::Path,
        })
        | Some(
            Command::Task { .. } | Command::Completions { .. } | Command::Man | Command::Remote(_),
        ) => unreachable!("handled above"),
        None => {
            return match interactive(&config, &paths, cli.timer.task, cli.color)? {
                Exit::Quit => Ok(ExitCode::SUCCESS),
                Exit::Signal(n) => Ok(ExitCode::from((128 + n).clamp(0, 255) as u8)),
            };
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The core's settings from the config, as the file has them.
///
/// The TUI takes [`tui_settings`] instead, which also heeds `--color` and
/// `NO_COLOR`.
pub fn settings(c: &Config) -> Settings {
    Settings {
        durations: Durations {
            work_secs: c.work.as_secs(),
            short_break_secs: c.short_break.as_secs(),
            long_break_secs: c.long_break.as_secs(),
            long_break_every: c.long_break_every,
        },
        auto_start_breaks: c.auto_start_breaks,
        auto_start_work: c.auto_start_work,
        void_on_interruption: c.void_on_interruption,
        bell: c.bell,
        daily_goal: c.daily_goal,
        day_starts_at: c.day_starts_at,
        on_suspend: c.on_suspend,
        keys: c.keymap(),
        theme: c.theme,
        week_starts_on: c.week_starts_on,
    }
}

/// The core's settings for the TUI: [`settings`], but drawn in
/// [`Theme::Mono`] when colour is off (`--color never`, or `NO_COLOR` set
/// and non-empty without `--color always`), whatever the config's `theme`.
///
/// [`crate::app::color`]'s rule decides, so the TUI agrees with every other
/// command; it only runs on a terminal, so `auto` comes down to `NO_COLOR`.
pub fn tui_settings(c: &Config, color: ColorChoice) -> Settings {
    let mut s = settings(c);
    if !crate::app::color::use_color(color, true) {
        s.theme = Theme::Mono;
    }
    s
}

fn interactive(
    config: &Config,
    paths: &Paths,
    task: Option<String>,
    color: ColorChoice,
) -> Result<Exit, Error> {
    use std::io::IsTerminal;
    // Refuse before reading anything, so a pipe gets one clear line.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::NotATerminal);
    }
    let mut notices = Vec::new();
    let _lock = match InstanceLock::acquire(&paths.lock_file()) {
        Ok(lock) => Some(lock),
        Err(LockError::Held { pid }) => {
            return Err(Error::AlreadyRunning {
                pid: pid.map_or_else(|| "unknown".into(), |p| p.to_string()),
            });
        }
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
    let history = match log.read_since(stats::today_cutoff(now.wall, config.day_starts_at)) {
        Ok(read) => {
            crate::app::commands::warn_skipped(&read);
            if !read.warnings.is_empty() {
                notices.push(format!(
                    "{} damaged line(s) in the log were skipped (see `focus log`)",
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
    let mut model = Model::new(settings, history, now, random_seed());
    model.day_shape = crate::engine::model::DayShape {
        workday: config.workday,
        busy: config.busy.clone(),
    };
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
    let mut startup = Vec::new();
    let mut unsaved = Vec::new();
    if let Some(snap) = snap {
        // Records an earlier run could not write; one that did reach the
        // log before a crash is recognised by its id.
        let known: HashSet<&str> = model.history.iter().map(|r| r.id.as_str()).collect();
        unsaved = snap
            .unsaved
            .iter()
            .filter(|r| !known.contains(r.id.as_str()))
            .cloned()
            .collect();
        model.history.extend(unsaved.iter().cloned());
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
        Some(crate::integrations::remote::socket_path(paths)),
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
