//! focus: a terminal Pomodoro timer and attention journal.

pub mod config;
pub mod core;
pub mod duration;
pub mod record;
pub mod stats;
