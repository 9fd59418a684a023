//! The interactive shell around the core: one tokio task that waits for a
//! key, the alarm or a signal, feeds the core, carries out its effects and
//! redraws. The only code that reads clocks and touches the terminal.

mod input;
pub mod store;
mod terminal;

use std::io::{IsTerminal, Write};

use crossterm::event::Event;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

use crate::clock::{self, Alarm};
use crate::core::{Effect, Model, Mono, Msg};
use crate::error::Error;
use crate::ui;
pub use store::Store;

/// How the TUI ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal ended it; the exit code should be 128 + the number.
    Signal(i32),
}

/// A gap between the two clocks longer than this is a suspend, not
/// scheduling noise.
const SLEEP_THRESHOLD_MS: u64 = 2_000;

/// Runs the TUI until the user quits or a signal arrives. `startup` are
/// effects from restoring a snapshot, carried out before the first frame.
pub fn run(model: Model, store: Store, startup: Vec<Effect>) -> Result<Exit, Error> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::NotATerminal);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(Error::io("cannot start the event loop"))?;
    let mut shell = Shell {
        model,
        store,
        awake: SleepWatch::now(),
        tasks_seen: None,
    };
    shell.reload_tasks(true);
    shell.carry_out(startup, None);
    let exit = runtime.block_on(shell.run());
    // Whatever happened, the timer as it stands is on disk.
    shell.store.save_snapshot(&shell.model);
    shell.store.rescue();
    exit
}

struct Shell {
    model: Model,
    store: Store,
    awake: SleepWatch,
    /// The task file's mtime when last read, to notice outside changes.
    tasks_seen: Option<std::time::SystemTime>,
}

impl Shell {
    async fn run(&mut self) -> Result<Exit, Error> {
        let mut signals = Signals::new().map_err(Error::io("cannot listen for signals"))?;
        let mut alarm = Alarm::new().map_err(Error::io("cannot create a timer"))?;
        let mut term = terminal::enter().map_err(Error::io("cannot set up the terminal"))?;
        let (tx, mut rx) = mpsc::channel(64);
        input::spawn(tx);

        let result = loop {
            if let Err(e) = term.draw(|f| ui::draw(f, &self.model)) {
                break Err(Error::io("cannot draw to the terminal")(e));
            }
            if let Err(e) = alarm.set(self.next_wake()) {
                break Err(Error::io("cannot set the timer")(e));
            }
            let msg = tokio::select! {
                event = rx.recv() => match event {
                    Some(Event::Key(k)) => match input::decode(k) {
                        input::Input::Key(key) => Msg::Key(key),
                        input::Input::Suspend => {
                            if let Err(e) = terminal::suspend(&mut term) {
                                break Err(Error::io("cannot suspend")(e));
                            }
                            Msg::Tick
                        }
                        input::Input::Ignore => continue,
                    },
                    Some(Event::Resize(w, h)) => {
                        if let Err(e) = terminal::resize(&mut term, w, h) {
                            break Err(Error::io("cannot resize")(e));
                        }
                        continue;
                    }
                    Some(_) => continue,
                    // The terminal is gone (window closed): like SIGHUP.
                    None => break Ok(Exit::Signal(1)),
                },
                fired = alarm.fired() => match fired {
                    Ok(()) => Msg::Tick,
                    Err(e) => break Err(Error::io("cannot wait for the timer")(e)),
                },
                sig = signals.next() => break Ok(Exit::Signal(sig)),
            };
            self.reload_tasks(false);
            let now = clock::now();
            if let Some((at, ms)) = self.awake.check(now.mono) {
                let effects = self.model.update(Msg::Slept { at, ms }, now);
                self.carry_out(effects, Some(&mut term));
            }
            let effects = self.model.update(msg, now);
            self.carry_out(effects, Some(&mut term));
            if self.model.quitting {
                break Ok(Exit::Quit);
            }
        };
        terminal::leave();
        result
    }

    fn next_wake(&self) -> Option<Mono> {
        match (self.model.next_wake(), self.store.next_retry()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn carry_out(&mut self, effects: Vec<Effect>, mut term: Option<&mut terminal::Term>) {
        let mut appended = false;
        let mut save = false;
        for effect in effects {
            match effect {
                Effect::Append(record) => {
                    self.store.push(*record);
                    appended = true;
                }
                Effect::Bell => {
                    if let Some(t) = term.as_deref_mut() {
                        let out = t.backend_mut();
                        let _ = out.write_all(b"\x07").and_then(|()| out.flush());
                    }
                }
                Effect::SaveSnapshot => save = true,
                Effect::Quit => {}
                Effect::Tasks(op) => self.change_tasks(&op),
                // Hooks and notifications are carried out in a later change.
                Effect::Event(_) => {}
            }
        }
        // The snapshot goes first and carries the new records as unsaved: a
        // crash before they reach the log then loses nothing, and a crash
        // after only leaves a copy that the next start drops by its id.
        if save || appended {
            self.store.save_snapshot(&self.model);
        }
        if appended || self.store.retry_due(clock::session_clock()) {
            let storage = self.store.flush();
            if appended {
                self.store.save_snapshot(&self.model);
            }
            if storage != self.model.storage {
                self.model.update(Msg::Storage(storage), clock::now());
            }
        }
    }
}

impl Shell {
    /// Applies a task change to the file and shows the file's list.
    fn change_tasks(&mut self, op: &crate::core::TaskOp) {
        let now = self.model.now.wall;
        let result = self
            .store
            .tasks
            .update(|list| crate::core::model::apply_task_op(list, op, now));
        match result {
            Ok(((), list)) => {
                self.tasks_seen = self.store.tasks.modified();
                self.model.update(Msg::TasksLoaded(list), clock::now());
            }
            Err(e) => {
                self.model.update(Msg::Notice(e.to_string()), clock::now());
                self.reload_tasks(true);
            }
        }
    }

    /// Picks up changes another process made to the task file.
    fn reload_tasks(&mut self, force: bool) {
        let modified = self.store.tasks.modified();
        if !force && modified == self.tasks_seen {
            return;
        }
        self.tasks_seen = modified;
        match self.store.tasks.load() {
            Ok(list) => {
                self.model.update(Msg::TasksLoaded(list), clock::now());
            }
            Err(e) => {
                self.model.update(Msg::Notice(e.to_string()), clock::now());
            }
        }
    }
}

/// Notices suspend: the session clock counts time asleep, the awake clock
/// does not, so a gap between their progress is time the machine slept.
struct SleepWatch {
    session: Mono,
    awake: Mono,
}

impl SleepWatch {
    fn now() -> SleepWatch {
        SleepWatch {
            session: clock::session_clock(),
            awake: clock::awake_clock(),
        }
    }

    /// When the machine went to sleep and for how long, if it did since
    /// the last check.
    fn check(&mut self, session_now: Mono) -> Option<(Mono, u64)> {
        let awake_now = clock::awake_clock();
        let awake_for = awake_now.since(self.awake);
        let passed = session_now.since(self.session);
        let asleep = passed.saturating_sub(awake_for);
        let went_to_sleep = self.session.plus(awake_for);
        self.session = session_now;
        self.awake = awake_now;
        (asleep > SLEEP_THRESHOLD_MS).then_some((went_to_sleep, asleep))
    }
}

/// The signals that end focus cleanly.
struct Signals {
    term: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
    quit: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> std::io::Result<Signals> {
        Ok(Signals {
            term: signal(SignalKind::terminate())?,
            hup: signal(SignalKind::hangup())?,
            int: signal(SignalKind::interrupt())?,
            quit: signal(SignalKind::quit())?,
        })
    }

    /// The number of the next signal to arrive.
    async fn next(&mut self) -> i32 {
        tokio::select! {
            _ = self.term.recv() => 15,
            _ = self.hup.recv() => 1,
            _ = self.int.recv() => 2,
            _ = self.quit.recv() => 3,
        }
    }
}
