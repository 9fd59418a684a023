//! The subcommands that run without the terminal UI, one module each.
//!
//! Each takes what it needs (paths, config, the current time) as arguments
//! and writes to a `Write`, so tests run them at a fixed instant.

pub mod color;
pub mod commands;
pub mod error;
pub mod plan;
pub mod report;
pub mod task;
