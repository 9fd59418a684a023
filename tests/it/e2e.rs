//! End-to-end tests: the real `focus` binary in a pseudo-terminal, with its
//! own temporary XDG directories, checked through what it draws and what it
//! writes to its session log.
//!
//! Run with `cargo test --test e2e`. The harness lives in `e2e/harness.rs`.

// A crate root's modules resolve next to it (tests/), so point into e2e/.
#[path = "e2e/harness.rs"]
mod harness;
#[path = "e2e/hooks.rs"]
mod hooks;
#[path = "e2e/plan.rs"]
mod plan;
#[path = "e2e/pomodoro.rs"]
mod pomodoro;
#[path = "e2e/remote.rs"]
mod remote;
#[path = "e2e/resilience.rs"]
mod resilience;
#[path = "e2e/startup.rs"]
mod startup;
#[path = "e2e/tasks.rs"]
mod tasks;
#[path = "e2e/terminal.rs"]
mod terminal;
