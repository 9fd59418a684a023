//! The domain: what focus knows about, as plain values and pure functions.
//!
//! Nothing here reads a clock, the environment or a file, and nothing knows
//! about the terminal or the command line. Time comes in as arguments.

pub mod attention;
pub mod duration;
pub mod factors;
pub mod loggen;
pub mod plan;
pub mod record;
pub mod review;
pub mod stats;
pub mod tasks;
pub(crate) mod text;
pub mod time;
pub(crate) mod toml_input;
