//! focus: a terminal Pomodoro timer and attention journal.
//!
//! The binary is a thin shell over this library (see `docs/ARCHITECTURE.md`):
//! [`core`] is the pure session state machine, [`ui`] draws it, [`tui`] is the
//! one place that reads clocks and touches the terminal, and [`cli`] holds the
//! non-interactive subcommands.

pub mod cli;
pub mod clock;
pub mod color;
pub mod commands;
pub mod config;
pub mod core;
pub mod duration;
pub mod error;
pub mod hooks;
pub mod lock;
pub mod log;
pub mod loggen;
pub mod notify;
pub mod paths;
pub mod plan;
pub mod plan_cli;
pub mod record;
pub mod remote;
pub mod report;
pub mod review;
pub mod run;
pub mod snapshot;
pub mod stats;
pub mod task_cli;
pub mod tasks;
pub mod toml_input;
pub mod tui;
pub mod ui;
