//! The command line: flags, subcommands and their help.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::config::Overrides;

const EXAMPLES: &str = "\
Examples:
  focus                              open the timer
  focus --work 50m --short-break 10m longer blocks for today
  focus --task \"Write report\"        name the first pomodoro
  focus today                        today's pomodoros on one line
  focus status                       the running timer, for status bars
  focus task add \"Write report\" --estimate 4 --priority high --tag writing
  focus --task 3                     start with task 3 from the list
  focus log -n 50                    the last 50 sessions
  focus config check                 validate the config file";

/// A terminal Pomodoro timer and attention journal.
#[derive(Debug, Parser)]
#[command(name = "focus", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Read the config from PATH instead of the platform's config dir.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Settings that override the config file for this run.
    #[command(flatten)]
    pub timer: TimerFlags,

    /// What to do; without one, open the timer.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags that override the config file.
#[derive(Debug, Args, Default)]
pub struct TimerFlags {
    /// Length of a pomodoro, like 25m or 1h30m.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub work: Option<Duration>,
    /// Length of a short break, like 5m.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub short_break: Option<Duration>,
    /// Length of a long break, like 15m.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub long_break: Option<Duration>,
    /// Take a long break after every N pomodoros.
    #[arg(long, value_name = "N")]
    pub long_break_every: Option<u32>,
    /// The task the first pomodoro is for: a task list id or title, or
    /// any other title.
    #[arg(long, value_name = "TITLE")]
    pub task: Option<String>,
}

impl TimerFlags {
    /// The flags that change config values.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            work: self.work,
            short_break: self.short_break,
            long_break: self.long_break,
            long_break_every: self.long_break_every,
        }
    }
}

fn duration(s: &str) -> Result<Duration, String> {
    crate::duration::parse_duration(s).map_err(|e| e.to_string())
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print today's pomodoros and focused minutes on one line.
    Today {
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Print recent sessions as a table.
    Log {
        /// Print the records as JSON Lines instead.
        #[arg(long)]
        json: bool,
        /// How many of the most recent sessions to show.
        #[arg(short = 'n', long, default_value_t = 20, value_name = "N")]
        limit: usize,
    },
    /// Print the running timer on one line (for status bars).
    Status {
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Manage the task list: add, list, done, edit, rm, move.
    Task {
        /// What to do.
        #[command(subcommand)]
        action: crate::task_cli::TaskAction,
    },
    /// Inspect the config file.
    Config {
        /// What to do with it.
        #[command(subcommand)]
        action: ConfigAction,
    },
}

/// `focus config …`
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print where the config file is looked for.
    Path,
    /// Validate the config file and print the settings in effect.
    Check,
}
