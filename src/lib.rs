//! focus: a terminal Pomodoro timer and attention journal.
//!
//! The code is a stack of layers, each a folder, each importing only from
//! the layers below it (`docs/ARCHITECTURE.md` has the map, and
//! `tests/it/layers.rs` keeps the rule):
//!
//! | layer | owns |
//! |---|---|
//! | [`domain`] | records, durations, day boundaries, tasks, statistics, the planner: pure values and maths |
//! | [`engine`] | the session state machine and the screens' models: pure, time handed in |
//! | [`store`] | every byte on disk: paths, the log, the snapshot, the lock, the task file |
//! | [`config`] | `config.toml`: keys, defaults, validation, errors with positions |
//! | [`integrations`] | hooks, desktop notifications, remote control |
//! | [`app`] | one module per subcommand, run without a terminal UI |
//! | [`tui`] | the event loop, its effects and the views |
//! | [`cli`] | the command line: parsing and dispatch |

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod engine;
pub mod integrations;
pub mod store;
pub mod tui;
