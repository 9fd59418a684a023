//! The engine: the session state machine and the app model around it.
//!
//! Pure, like the domain below it: nothing in here reads a clock, touches a
//! file or the terminal. Time comes in with every message as a
//! [`Now`]; what must happen in the world comes out as [`model::Effect`]
//! values for the shell to carry out.

pub mod keymap;
pub(crate) mod line;
pub mod model;
pub mod status;
pub mod theme;
pub(crate) mod timer;

pub use crate::domain::time::{Mono, Now};
pub use keymap::Key;
pub use model::{AwayPolicy, Command, Effect, Mode, Model, Msg, Screen, Settings, TaskOp};
pub use timer::{Durations, Run, Session, TaskRef, Timer};
