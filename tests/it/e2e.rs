//! End-to-end tests: the real `focus` binary in a pseudo-terminal, with its
//! own temporary XDG directories, checked through what it draws and what it
//! writes to its session log.
//!
//! Run with `cargo test --test it e2e::`. The harness lives in `e2e/harness.rs`.

mod check_in;
mod harness;
mod hooks;
mod hostile_text;
mod plan;
mod pomodoro;
mod private_files;
mod remote;
mod resilience;
mod startup;
mod tasks;
mod terminal;
