//! The command line: flags, subcommands and their help.

use std::path::PathBuf;
use std::time::Duration;

use std::ffi::OsString;

use clap::builder::PossibleValue;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::app::color::ColorChoice;
use crate::app::status::{StatusFormat, StatusView};
use crate::config::Overrides;
use crate::domain::record::InterruptionKind;
use crate::engine::Command as EngineCommand;
use crate::integrations::remote::MAX_EXTEND_SECS;

const EXAMPLES: &str = "\
Examples:
  focus                              open the timer
  focus --work 50m --short-break 10m longer blocks for today
  focus --task \"Write report\"        name the first pomodoro
  focus today                        today's pomodoros on one line
  focus task add \"Write report\" --estimate 4 --priority high --tag writing
  focus --task 3                     start with task 3 from the list
  focus log -n 50                    the last 50 sessions
  focus config check                 validate the config file

Status bars (read the running timer from any shell):
  focus status                       🍅 12:34 Write report (3/8)
  focus status --format '{icon} {remaining} {task}'
  focus status --json                for scripts
  focus status --waybar              waybar custom module (return-type = \"json\")
  focus status --follow              a line a second, for polybar's tail = true

Remote control (drive the running timer, e.g. from a key binding):
  focus toggle                       start, pause or resume
  focus skip                         skip to the next phase
  focus extend 5m                    add five minutes
  focus interrupt external \"Phone call\"

Shell integration:
  focus completions bash > ~/.local/share/bash-completion/completions/focus
  focus completions zsh > ~/.zfunc/_focus
  focus completions fish > ~/.config/fish/completions/focus.fish
  focus man > ~/.local/share/man/man1/focus.1";

/// A terminal Pomodoro timer and attention journal.
#[derive(Debug, Parser)]
#[command(name = "focus", version, about, after_help = EXAMPLES)]
pub(crate) struct Cli {
    /// Read the config from PATH instead of the platform's config dir.
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,

    /// When to use colour: auto (a terminal without NO_COLOR), always or
    /// never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t)]
    pub(crate) color: ColorChoice,

    /// Settings that override the config file for this run.
    #[command(flatten)]
    pub(crate) timer: TimerFlags,

    /// What to do; without one, open the timer.
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

/// Flags that override the config file.
#[derive(Debug, Args, Default)]
pub(crate) struct TimerFlags {
    /// Length of a pomodoro, like 25m or 1h30m.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub(crate) work: Option<Duration>,
    /// Length of a short break, like 5m.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub(crate) short_break: Option<Duration>,
    /// Length of a long break, like 15m.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub(crate) long_break: Option<Duration>,
    /// Take a long break after every N pomodoros.
    #[arg(long, value_name = "N")]
    pub(crate) long_break_every: Option<u32>,
    /// The task the first pomodoro is for: a task list id or title, or
    /// any other title.
    #[arg(long, value_name = "TITLE")]
    pub(crate) task: Option<String>,
}

impl TimerFlags {
    /// The flags that change config values.
    pub(crate) fn overrides(&self) -> Overrides {
        Overrides {
            work: self.work,
            short_break: self.short_break,
            long_break: self.long_break,
            long_break_every: self.long_break_every,
        }
    }
}

fn duration(s: &str) -> Result<Duration, String> {
    crate::domain::duration::parse_duration(s).map_err(|e| e.to_string())
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
    Status(StatusArgs),
    /// Drive the running timer; flattened, so `focus skip` stays a
    /// subcommand of its own.
    #[command(flatten)]
    Remote(RemoteCommand),
    /// Print a shell completion script to standard output.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output.
    Man,
    /// Review: pomodoros and focus by day, week, hour, task or tag.
    Report(crate::app::report::ReportArgs),
    /// Lay out the day's pomodoros for the open tasks, around busy slots.
    Plan(crate::app::plan::PlanArgs),
    /// Manage the task list: add, list, done, edit, rm, move.
    Task {
        /// What to do.
        #[command(subcommand)]
        action: crate::app::task::TaskAction,
    },
    /// Inspect the config file.
    Config {
        /// What to do with it.
        #[command(subcommand)]
        action: ConfigAction,
    },
}

/// The subcommands that drive the running TUI over its socket. Only the
/// parsing surface: each becomes the one engine [`EngineCommand`] it names,
/// which is what travels.
#[derive(Debug, Clone, Subcommand)]
pub(crate) enum RemoteCommand {
    /// Start, pause or resume the running timer.
    Toggle,
    /// Pause the running timer.
    Pause,
    /// Resume the paused timer (or start the waiting session).
    Resume,
    /// Skip to the next phase (logged as skipped).
    Skip,
    /// Reset the current session (logged as abandoned).
    Reset,
    /// Add time to the current session, like 5m.
    Extend {
        /// How much: 5m, 90s, 1h.
        #[arg(value_name = "DURATION", value_parser = extension)]
        secs: u64,
    },
    /// Mark an interruption of the running pomodoro.
    Interrupt {
        /// Internal (an urge of your own) or external (someone else).
        #[arg(value_enum)]
        kind: InterruptionKind,
        /// An optional note; several words are joined with spaces.
        #[arg(value_name = "NOTE")]
        note: Vec<String>,
    },
    /// Rate the pomodoro that just ended, while its check-in is open.
    Rate {
        /// How well attention held: 1 to 5 (or 1 to 3 with
        /// check_in_scale = 3).
        #[arg(value_name = "FOCUS", value_parser = clap::value_parser!(u8).range(1..=5))]
        focus: u8,
        /// Energy, on the same scale.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=5))]
        energy: Option<u8>,
        /// What distracted you; several words are joined with spaces.
        #[arg(value_name = "DISTRACTION")]
        distraction: Vec<String>,
    },
}

impl RemoteCommand {
    /// Refuses a note the one rule for titles and notes does not let in
    /// (see `domain::text::is_unsafe`), before anything is sent: the user
    /// is told here, where the TUI could only drop the characters.
    pub(crate) fn check(&self) -> Result<(), crate::app::error::Error> {
        use crate::domain::text::{code_point, first_unsafe};
        let (name, words) = match self {
            RemoteCommand::Interrupt { note, .. } => ("NOTE", note),
            RemoteCommand::Rate { distraction, .. } => ("DISTRACTION", distraction),
            _ => return Ok(()),
        };
        if let Some(found) = words.iter().find_map(|w| first_unsafe(w)) {
            return Err(crate::app::error::Error::Argument {
                name,
                problem: format!(
                    "{} must be one line of plain text: it holds {}, a control or bidirectional formatting character",
                    if name == "NOTE" {
                        "a note"
                    } else {
                        "a distraction"
                    },
                    code_point(found)
                ),
            });
        }
        Ok(())
    }
}

impl From<RemoteCommand> for EngineCommand {
    fn from(c: RemoteCommand) -> EngineCommand {
        match c {
            RemoteCommand::Toggle => EngineCommand::Toggle,
            RemoteCommand::Pause => EngineCommand::Pause,
            RemoteCommand::Resume => EngineCommand::Resume,
            RemoteCommand::Skip => EngineCommand::Skip,
            RemoteCommand::Reset => EngineCommand::Reset,
            RemoteCommand::Extend { secs } => EngineCommand::Extend { secs },
            // Words come in separately from the shell; the note is one line.
            RemoteCommand::Interrupt { kind, note } => EngineCommand::Interrupt {
                kind,
                note: (!note.is_empty()).then(|| note.join(" ")),
            },
            RemoteCommand::Rate {
                focus,
                energy,
                distraction,
            } => EngineCommand::Rate {
                focus,
                energy,
                distraction: (!distraction.is_empty()).then(|| distraction.join(" ")),
            },
        }
    }
}

/// `focus status …`
#[derive(Debug, Args, Default)]
pub(crate) struct StatusArgs {
    /// Print JSON: state, phase, remaining_secs, planned_secs, percent,
    /// task, today, goal, pid.
    #[arg(long, conflicts_with_all = ["waybar", "format"])]
    pub(crate) json: bool,
    /// Print waybar's custom-module JSON (text, tooltip, class, alt,
    /// percentage); --format sets its text.
    #[arg(long)]
    pub(crate) waybar: bool,
    /// Print this template instead: {icon} {remaining} {task} {phase}
    /// {state} {percent} {today} {goal}; {{ and }} for braces.
    #[arg(long, value_name = "TEMPLATE", value_parser = status_format)]
    pub(crate) format: Option<StatusFormat>,
    /// Keep printing a line every second until interrupted (polybar's
    /// tail = true).
    #[arg(long)]
    pub(crate) follow: bool,
}

impl StatusArgs {
    /// How each status is to be printed.
    pub(crate) fn view(&self) -> StatusView {
        match (self.json, self.waybar, &self.format) {
            (true, _, _) => StatusView::Json,
            (_, true, format) => StatusView::Waybar(format.clone()),
            (_, _, Some(format)) => StatusView::Format(format.clone()),
            _ => StatusView::Line,
        }
    }
}

fn status_format(s: &str) -> Result<StatusFormat, String> {
    s.parse()
}

fn extension(s: &str) -> Result<u64, String> {
    let secs = duration(s)?.as_secs();
    if (1..=MAX_EXTEND_SECS).contains(&secs) {
        Ok(secs)
    } else {
        Err("an extension is from 1s to 24h".into())
    }
}

/// The kinds `focus interrupt` offers, by their log names. Here rather than
/// derived in the domain, which knows nothing of clap.
impl ValueEnum for InterruptionKind {
    fn value_variants<'a>() -> &'a [Self] {
        &InterruptionKind::MARKABLE
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            InterruptionKind::Internal => "An urge of one's own",
            InterruptionKind::External => "Someone else",
            InterruptionKind::Unknown => return None,
        };
        Some(PossibleValue::new(self.as_str()).help(help))
    }
}

/// Parses the command line. `--color` is looked for first, so that clap's
/// own help and error messages follow it too.
pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Cli, clap::Error> {
    let args: Vec<OsString> = args.into_iter().collect();
    let mut command = Cli::command();
    command = match early_color(&args) {
        Some(ColorChoice::Always) => command.color(clap::ColorChoice::Always),
        Some(ColorChoice::Never) => command.color(clap::ColorChoice::Never),
        // clap's auto already honours NO_COLOR and the terminal.
        Some(ColorChoice::Auto) | None => command,
    };
    let mut matches = command
        .try_get_matches_from_mut(args)
        .map_err(shown_safely)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| shown_safely(e.format(&mut command)))
}

/// clap's message quotes a refused value as it was given (`invalid value
/// '…' for '--title'`), and on a terminal one holding an escape sequence
/// or a bidi override would act on it. Each value the message quotes is
/// shown by the one output rule instead, [`crate::domain::text::one_line`].
fn shown_safely(mut error: clap::Error) -> clap::Error {
    use crate::domain::text::{first_unsafe, one_line};
    use clap::error::ContextValue;
    let unsafe_ = |s: &String| first_unsafe(s).is_some();
    let fixed: Vec<_> = error
        .context()
        .filter_map(|(kind, value)| match value {
            ContextValue::String(s) if unsafe_(s) => {
                Some((kind, ContextValue::String(one_line(s))))
            }
            ContextValue::Strings(v) if v.iter().any(unsafe_) => Some((
                kind,
                ContextValue::Strings(v.iter().map(|s| one_line(s)).collect()),
            )),
            _ => None,
        })
        .collect();
    for (kind, value) in fixed {
        error.insert(kind, value);
    }
    error
}

/// The last `--color WHEN` or `--color=WHEN` before any `--`; a bad value
/// is left for the real parse to report.
fn early_color(args: &[OsString]) -> Option<ColorChoice> {
    let mut choice = None;
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        let value = match word {
            "--" => break,
            "--color" => words.next(),
            _ => word.strip_prefix("--color="),
        };
        if let Some(c) = value.and_then(|v| ColorChoice::from_str(v, true).ok()) {
            choice = Some(c);
        }
    }
    choice
}

/// `focus config …`
#[derive(Debug, Subcommand)]
pub(crate) enum ConfigAction {
    /// Print where the config file is looked for.
    Path,
    /// Validate the config file and print the settings in effect.
    Check,
}
