//! The integration tests, built as one test binary: each module was once a
//! test crate of its own, and linking every one of them against the library
//! separately was most of the build time.

mod attention;
mod cli;
mod common;
mod config;
mod core_check_in;
mod core_events;
mod core_interruptions;
mod core_keymap;
mod core_line_editing;
mod core_plan;
mod core_props;
mod core_resilience;
mod core_review;
mod core_scenarios;
mod core_tasks;
mod e2e;
mod fs_safety;
mod hooks;
mod layers;
mod log;
mod log_concurrency;
mod log_readers;
mod notify;
mod plan;
mod plan_cli;
mod remote;
mod report;
mod review;
mod screens;
mod screens_attention;
mod screens_check_in;
mod screens_plan;
mod screens_review;
mod screens_tasks;
mod state;
mod status;
mod task_cli;
mod tasks;
mod theme;
