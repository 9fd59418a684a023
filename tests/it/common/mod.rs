//! Shared helpers for tests that drive the core with injected time.
#![allow(dead_code)]

pub mod history;
pub mod record;
pub mod screen;

use chrono::{DateTime, Duration, FixedOffset, NaiveTime};
use focus::domain::record::Record;
use focus::engine::{Durations, Effect, Key, Model, Mono, Msg, Now, Settings};

/// Settings with the method's defaults: 25/5/15, long break every 4,
/// breaks start by themselves, work waits.
pub fn settings() -> Settings {
    Settings {
        durations: Durations {
            work_secs: 25 * 60,
            short_break_secs: 5 * 60,
            long_break_secs: 15 * 60,
            long_break_every: 4,
        },
        auto_start_breaks: true,
        auto_start_work: false,
        void_on_interruption: false,
        bell: true,
        daily_goal: 8,
        day_starts_at: NaiveTime::MIN,
        on_suspend: focus::engine::AwayPolicy::Ask,
        keys: focus::engine::keymap::Keymap::default(),
        theme: focus::engine::theme::Theme::Default,
        week_starts_on: chrono::Weekday::Mon,
        work_days: focus::domain::review::WorkDays::MONDAY_TO_FRIDAY,
        day_shape: Default::default(),
        check_in: Default::default(),
        factors: Default::default(),
    }
}

/// The name libtest gives test `test` of the module `module` (its
/// `module_path!()`): the path without the crate's name. A test that runs
/// itself again as a child process picks it with `--exact` and this name;
/// any other name would run no test at all and pass.
pub fn test_name(module: &str, test: &str) -> String {
    let (_krate, path) = module
        .split_once("::")
        .expect("a module inside the test crate");
    format!("{path}::{test}")
}

pub fn ts(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("test timestamp")
}

/// A model driven through time: `t` is seconds since the simulation began,
/// the wall clock starts at `start` and moves with the session clock unless
/// a test steps it.
pub struct Sim {
    pub model: Model,
    pub start: DateTime<FixedOffset>,
    /// Wall-clock offset added by clock steps, in seconds.
    pub wall_step: i64,
    pub log: Vec<Record>,
    pub effects: Vec<Effect>,
}

impl Sim {
    pub fn new(settings: Settings, start: &str) -> Sim {
        let start = ts(start);
        let now = Now {
            mono: Mono(1_000_000),
            wall: start,
        };
        Sim {
            model: Model::new(settings, Vec::new(), now, 42),
            start,
            wall_step: 0,
            log: Vec::new(),
            effects: Vec::new(),
        }
    }

    pub fn now(&self, t: f64) -> Now {
        let ms = (t * 1000.0).round() as i64;
        Now {
            mono: Mono(1_000_000 + ms as u64),
            wall: self.start + Duration::milliseconds(ms) + Duration::seconds(self.wall_step),
        }
    }

    pub fn send(&mut self, msg: Msg, t: f64) -> Vec<Effect> {
        let fx = self.model.update(msg, self.now(t));
        for e in &fx {
            if let Effect::Append(r) = e {
                self.log.push((**r).clone());
            }
        }
        self.effects.extend(fx.iter().cloned());
        fx
    }

    pub fn key(&mut self, c: char, t: f64) -> Vec<Effect> {
        self.send(Msg::Key(Key::Char(c)), t)
    }

    pub fn keys(&mut self, text: &str, t: f64) {
        for c in text.chars() {
            self.key(c, t);
        }
    }

    pub fn tick(&mut self, t: f64) -> Vec<Effect> {
        self.send(Msg::Tick, t)
    }

    /// Seconds left on the screen's clock (rounded up) as of the last message.
    pub fn shown_secs(&self) -> u64 {
        self.model.remaining_ms().div_ceil(1000)
    }
}

/// The real binary with only the environment of a home at `root`: its XDG
/// directories under it, nothing inherited (like `NO_COLOR`) but `TZ`, so
/// "today" agrees with the test process.
pub fn isolated_focus(root: &std::path::Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_focus"));
    cmd.env_clear()
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_STATE_HOME", root.join("state"))
        .env("XDG_RUNTIME_DIR", root.join("runtime"));
    if let Some(tz) = std::env::var_os("TZ") {
        cmd.env("TZ", tz);
    }
    cmd
}
