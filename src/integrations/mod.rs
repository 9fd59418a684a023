//! Integrations: focus talking to the rest of the desktop.
//!
//! Hook commands, desktop notifications and remote control. Each runs off
//! the event loop's thread or behind a bounded queue, so none can stall the
//! timer.

pub mod hooks;
pub mod notify;
pub mod remote;
pub(crate) mod runtime;
