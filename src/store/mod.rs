//! The store: every byte focus keeps on disk.
//!
//! Where files live, the append-only session log, the snapshot of the
//! running timer, the single-instance lock and the task file. Everything
//! that writes a file whole goes through [`atomic`].

pub(crate) mod atomic;
pub mod lock;
pub mod log;
pub mod paths;
pub(crate) mod private;
pub mod snapshot;
pub mod tasks;
