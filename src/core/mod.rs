//! The pure core: the session machine and the app model around it.
//!
//! Nothing in here reads a clock, touches a file or the terminal. Time comes
//! in with every message as a [`time::Now`]; what must happen in the world
//! comes out as [`model::Effect`] values for the shell to carry out.

pub mod keymap;
pub mod model;
pub mod theme;
pub mod time;
pub mod timer;

pub use model::{AwayPolicy, Command, Effect, Key, Mode, Model, Msg, Screen, Settings, TaskOp};
pub use time::{Mono, Now};
pub use timer::{Durations, Run, Session, TaskRef, Timer};
