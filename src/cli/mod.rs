//! The top of the program: parse the command line, load the config, run
//! one front end, and turn any error into a message and an exit code.

pub(crate) mod args;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::app::error::Error;
use crate::cli::args::{Cli, Command, ConfigAction};
use crate::config::Config;
use crate::engine::Command as CoreCommand;
use crate::store::paths::Paths;
use crate::tui::{Exit, clock};

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
        // The reader went away (`focus log | head`): nothing is wrong and
        // nobody is left to read a message. Exit as a process killed by
        // SIGPIPE would, the status shells and `pipefail` expect.
        Err(e) if closed_pipe(&e) => ExitCode::from(128 + 13),
        Err(e) => {
            eprintln!("focus: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// Whether `error`, or anything it was caused by, is a write to a pipe
/// whose reader has closed it.
fn closed_pipe(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        {
            return true;
        }
        cause = e.source();
    }
    false
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
        crate::app::config::config_path(&paths, &mut std::io::stdout().lock())?;
        return Ok(ExitCode::SUCCESS);
    }
    // The running TUI has the config it needs; a broken file on disk must
    // not stop a key binding from pausing it.
    if let Some(Command::Remote(remote)) = &cli.command {
        remote.check()?;
        let command = CoreCommand::from(remote.clone());
        return Ok(
            match crate::app::remote::remote(
                &paths,
                &command,
                &clock::now(),
                &mut std::io::stdout().lock(),
            ) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("focus: {e}");
                    ExitCode::FAILURE
                }
            },
        );
    }
    // The config names commands to run as hooks: one someone else could
    // have written is not read at all. Other errors are the reader's to
    // report.
    if let Err(e) = crate::store::private::check_config(&paths.config_file)
        && crate::store::private::is_refusal(&e)
    {
        return Err(Error::Refused(e));
    }
    let mut config = Config::load(&paths.config_file, paths.config_explicit)?;
    config.apply(&cli.timer.overrides())?;
    if let Some(Command::Task { action }) = cli.command {
        crate::app::task::run(
            action,
            &paths.data_dir,
            clock::now().wall,
            &mut std::io::stdout().lock(),
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    // The clock is read once, here, and handed to the subcommand, so each
    // runs at one instant and tests can pick theirs.
    let now = clock::now();
    let out = &mut std::io::stdout().lock();
    match cli.command {
        Some(Command::Today { json }) => {
            crate::app::today::today(&config, &paths, json, &now, out)?
        }
        Some(Command::Status(args)) if args.follow => {
            crate::app::status::status_follow(&config, &paths, &args.view(), clock::now, out)?
        }
        Some(Command::Status(args)) => {
            crate::app::status::status(&config, &paths, &args.view(), &now, out)?
        }
        Some(Command::Report(mut args)) => {
            args.color = cli.color;
            crate::app::report::run(&args, &config, &paths, now.wall, out)?;
        }
        Some(Command::Plan(mut args)) => {
            // A relative path in the config is read from the config's own
            // directory, wherever focus is run from.
            args.config_busy_ics = config.busy_ics.as_ref().map(|p| {
                paths
                    .config_file
                    .parent()
                    .map_or_else(|| p.clone(), |dir| dir.join(p))
            });
            let settings = config.plan_settings();
            crate::app::plan::run(&args, &settings, &paths.data_dir, now.wall, out)?;
        }
        Some(Command::Log { json, limit }) => crate::app::log::log(&paths, json, limit, out)?,
        Some(Command::Config {
            action: ConfigAction::Check,
        }) => crate::app::config::config_check(&config, &paths, out)?,
        Some(Command::Config {
            action: ConfigAction::Path,
        })
        | Some(
            Command::Task { .. } | Command::Completions { .. } | Command::Man | Command::Remote(_),
        ) => unreachable!("handled above"),
        None => {
            return match crate::tui::startup::interactive(
                &config,
                &paths,
                cli.timer.task,
                cli.color,
            )? {
                Exit::Quit => Ok(ExitCode::SUCCESS),
                Exit::Signal(n) => Ok(ExitCode::from((128 + n).clamp(0, 255) as u8)),
            };
        }
    }
    Ok(ExitCode::SUCCESS)
}
