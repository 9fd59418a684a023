//! The interactive shell around the core: one tokio task that waits for a
//! key, the alarm, a signal or a report from hooks and notifications, feeds
//! the core, carries out its effects and redraws. The only code that reads
//! clocks and touches the terminal.

pub mod clock;
pub(crate) mod effects;
mod input;
pub mod startup;
mod terminal;
pub mod view;

use std::io::{IsTerminal, Write};

use crossterm::event::Event;
use tokio::sync::mpsc;

use crate::app::error::Error;
use crate::config::Config;
use crate::engine::status::Status;
use crate::engine::{Effect, Model, Mono, Msg, Now};
use crate::integrations::hooks::{HookFailure, HookRunner};
use crate::integrations::notify::{DBusNotifier, Notifications, Report};
use crate::integrations::remote::RemoteServer;
use crate::integrations::runtime::{self, Signals};
use crate::store::paths::Paths;
use clock::Alarm;

pub(crate) use effects::Store;

/// How the TUI ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// The user quit.
    Quit,
    /// A signal ended it; the exit code should be 128 + the number.
    Signal(i32),
}

/// A gap between the two clocks longer than this is a suspend, not
/// scheduling noise.
const SLEEP_THRESHOLD_MS: u64 = 2_000;

/// What focus does in the world when something happens to the timer: the
/// user's hooks and desktop notifications. Both work off the loop (see
/// `hooks` and `notify`); what goes wrong comes back on the two channels
/// here, which the loop waits on alongside keys and the alarm.
pub(crate) struct Reactions {
    hooks: Option<HookRunner>,
    notifications: Option<Notifications>,
    hook_failures: mpsc::UnboundedReceiver<HookFailure>,
    notify_reports: mpsc::UnboundedReceiver<Report>,
}

impl Reactions {
    /// Hooks and notifications as `config` asks, the hook log in the state
    /// directory of `paths`. Starts the notifier thread if notifications
    /// are on.
    pub(crate) fn from_config(config: &Config, paths: &Paths) -> Reactions {
        let (hook_tx, hook_failures) = mpsc::unbounded_channel();
        let (notify_tx, notify_reports) = mpsc::unbounded_channel();
        let runner = HookRunner::new(config.hooks.clone(), paths.hook_log(), hook_tx);
        let n = &config.notifications;
        Reactions {
            hooks: (!runner.is_empty()).then_some(runner),
            notifications: n
                .desktop
                .then(|| Notifications::start(DBusNotifier, n.minute_warning, notify_tx)),
            hook_failures,
            notify_reports,
        }
    }

    /// Starts the hook and queues the notification for `event`; returns at
    /// once either way.
    fn event(&mut self, event: &crate::engine::model::Event) {
        if let Some(hooks) = &self.hooks {
            hooks.fire(event);
        }
        if let Some(n) = &mut self.notifications {
            n.event(event);
        }
    }
}

/// Runs the TUI until the user quits or a signal arrives. `startup` are
/// effects from restoring a snapshot, carried out before the first frame;
/// `reactions` carry out the timer's events.
pub(crate) fn run_with(
    model: Model,
    store: Store,
    startup: Vec<Effect>,
    reactions: Reactions,
) -> Result<Exit, Error> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::NotATerminal);
    }
    let runtime = runtime::current_thread().map_err(Error::io("cannot start the event loop"))?;
    let mut shell = Shell {
        model,
        store,
        awake: SleepWatch::now(),
        tasks_seen: None,
        reactions,
    };
    let now = clock::now();
    shell.reload_tasks(true, now);
    // A session that ended while focus was closed is already announced on
    // screen; a desktop notification for it now would be stale. Hooks still
    // hear of it: a status a hook set at the start must be cleared.
    let notifications = shell.reactions.notifications.take();
    shell.carry_out(startup, None, now);
    shell.reactions.notifications = notifications;
    let exit = runtime.block_on(shell.run());
    // Hooks still running finish on their own after focus is gone.
    if let Some(hooks) = &shell.reactions.hooks {
        hooks.hand_over();
    }
    // Whatever happened, the timer as it stands is on disk.
    let unsaved = shell.store.rescue();
    shell.store.save_snapshot(&shell.model);
    match exit {
        Ok(_) if unsaved > 0 => Err(Error::Unsaved {
            count: unsaved,
            path: shell.store.log.path().to_path_buf(),
        }),
        other => other,
    }
}

struct Shell {
    model: Model,
    store: Store,
    awake: SleepWatch,
    /// The task file's mtime when last read, to notice outside changes.
    tasks_seen: Option<std::time::SystemTime>,
    reactions: Reactions,
}

impl Shell {
    async fn run(&mut self) -> Result<Exit, Error> {
        // SIGTERM, SIGHUP, SIGINT and SIGQUIT save the session and restore
        // the terminal; the exit code is 128 + the signal's number.
        let mut signals =
            Signals::new(&[15, 1, 2, 3]).map_err(Error::io("cannot listen for signals"))?;
        let mut alarm = Alarm::new().map_err(Error::io("cannot create a timer"))?;
        let mut term = terminal::enter().map_err(Error::io("cannot set up the terminal"))?;
        let (tx, mut rx) = mpsc::channel(64);
        input::spawn(tx);
        // Remote control is a convenience: without a socket the timer
        // still runs, and the user is told why `focus toggle` won't work.
        let mut remote = match &self.store.socket_path {
            Some(path) => match RemoteServer::bind(path) {
                Ok(server) => Some(server),
                Err(e) => {
                    let text = format!(
                        "remote control is off: cannot listen on {}: {e}",
                        path.display()
                    );
                    self.model.update(Msg::Notice(text), clock::now());
                    None
                }
            },
            None => None,
        };

        let result = loop {
            let mut reply_to = None;
            if let Err(e) = term.draw(|f| view::draw(f, &self.model)) {
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
                    Some(Event::Paste(text)) => Msg::Key(input::decode_paste(text)),
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
                // A closed channel (hooks or notifications off) returns
                // `None`, which disables its branch for this round.
                Some(failure) = self.reactions.hook_failures.recv() => {
                    Msg::Notice(failure.to_string())
                }
                Some(report) = self.reactions.notify_reports.recv() => {
                    Msg::Notice(report.to_string())
                }
                request = async {
                    match remote.as_mut() {
                        Some(server) => server.next().await,
                        None => std::future::pending().await,
                    }
                } => match request {
                    Ok((command, reply)) => {
                        reply_to = Some(reply);
                        Msg::Command(command)
                    }
                    // A failed listener stays failed: stop asking it.
                    Err(e) => {
                        remote = None;
                        Msg::Notice(format!("remote control stopped: {e}"))
                    }
                },
            };
            // Only hooks and notifications send notices here. They arrive
            // unasked, so they join a notice already showing (a restored
            // session, a log problem) instead of replacing it.
            let msg = match (msg, &self.model.notice) {
                (Msg::Notice(new), Some(shown)) if shown.contains(&new) => {
                    Msg::Notice(shown.clone())
                }
                (Msg::Notice(new), Some(shown)) => Msg::Notice(format!("{shown} · {new}")),
                (msg, _) => msg,
            };
            // The clock is read once a turn: everything this turn does,
            // the model and the files alike, happens at one instant.
            let now = clock::now();
            // A request read only now (after a stop) whose client already
            // gave up, and reported failure, must not be applied.
            if let Some(reply) = reply_to.take_if(|r| r.expired(now.mono)) {
                reply.refuse_expired();
                continue;
            }
            self.reload_tasks(false, now);
            if let Some((at, ms)) = self.awake.check(now.mono, clock::awake_clock()) {
                let effects = self.model.update(Msg::Slept { at, ms }, now);
                self.carry_out(effects, Some(&mut term), now);
            }
            let effects = self.model.update(msg, now);
            let refused = effects.iter().find_map(|e| match e {
                Effect::Refused(why) => Some(why.clone()),
                _ => None,
            });
            self.carry_out(effects, Some(&mut term), now);
            if let Some(reply) = reply_to {
                reply.send(match refused {
                    Some(why) => Err(why),
                    None => Ok(Status::from_model(&self.model, std::process::id())),
                });
            }
            if self.model.quitting {
                break Ok(Exit::Quit);
            }
        };
        terminal::leave();
        result
    }

    fn next_wake(&self) -> Option<Mono> {
        let model = self.model.next_wake();
        Some(
            self.store
                .next_retry()
                .map_or(model, |retry| model.min(retry)),
        )
    }

    fn carry_out(&mut self, effects: Vec<Effect>, mut term: Option<&mut terminal::Term>, now: Now) {
        let mut appended = false;
        let mut save = false;
        let mut events = Vec::new();
        for effect in effects {
            match effect {
                Effect::Append(record) => {
                    self.store.push(clock::localize(*record));
                    appended = true;
                }
                Effect::Bell => {
                    if let Some(t) = term.as_deref_mut() {
                        let out = t.backend_mut();
                        let _ = out.write_all(b"\x07").and_then(|()| out.flush());
                    }
                }
                Effect::SaveSnapshot => save = true,
                // Answered to the sender by the loop, which looks for it.
                Effect::Quit | Effect::Refused(_) => {}
                Effect::Tasks(op) => self.change_tasks(&op, now),
                Effect::LoadReview { since } => self.load_review(since, now),
                Effect::Event(event) => events.push(event),
            }
        }
        // The snapshot goes first and carries the new records as unsaved: a
        // crash before they reach the log then loses nothing, and a crash
        // after only leaves a copy that the next start drops by its id.
        if save || appended {
            self.store.save_snapshot(&self.model);
        }
        if appended || self.store.retry_due(now.mono) {
            let (storage, wrote) = self.store.flush();
            // Records that reached the log leave the snapshot at once, or a
            // crash would have the next start append them a second time.
            if wrote > 0 {
                self.store.save_snapshot(&self.model);
            }
            if storage != self.model.storage {
                self.model.update(Msg::Storage(storage), now);
            }
        }
        // Hooks and notifications only once the turn's records are in the
        // log (or kept for a retry): a hook's output then never competes
        // with the record it was fired for, not even for the disk's last
        // free blocks.
        for event in &events {
            self.reactions.event(event);
        }
    }
}

impl Shell {
    /// Applies a task change to the file and shows the file's list.
    fn change_tasks(&mut self, op: &crate::engine::TaskOp, now: Now) {
        let result = self
            .store
            .tasks
            .update(|list| crate::engine::model::apply_task_op(list, op, now.wall));
        match result {
            Ok(((), list)) => {
                self.tasks_seen = self.store.tasks.modified();
                self.model.update(Msg::TasksLoaded(list), now);
            }
            Err(e) => {
                self.model.update(Msg::Notice(e.to_string()), now);
                self.reload_tasks(true, now);
            }
        }
    }

    /// Reads the records the Review screen asked for. A log that cannot be
    /// read gives an empty review and a notice, never a stopped timer.
    fn load_review(&mut self, since: chrono::NaiveDate, now: Now) {
        let offset = *self.model.now.wall.offset();
        let cutoff = since
            .pred_opt()
            .and_then(|d| {
                d.and_time(chrono::NaiveTime::MIN)
                    .and_local_timezone(offset)
                    .single()
            })
            .unwrap_or(self.model.now.wall);
        let records = match self.store.log.read_since(cutoff) {
            Ok(read) => read.records,
            Err(e) => {
                self.model.update(Msg::Notice(e.to_string()), now);
                Vec::new()
            }
        };
        self.model.update(Msg::ReviewLoaded(records), now);
    }

    /// Picks up changes another process made to the task file.
    fn reload_tasks(&mut self, force: bool, now: Now) {
        let modified = self.store.tasks.modified();
        if !force && modified == self.tasks_seen {
            return;
        }
        self.tasks_seen = modified;
        match self.store.tasks.load() {
            Ok(list) => {
                self.model.update(Msg::TasksLoaded(list), now);
            }
            Err(e) => {
                self.model.update(Msg::Notice(e.to_string()), now);
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
    /// the last check: `session_now` from the session clock (counts sleep),
    /// `awake_now` from the awake clock (does not).
    fn check(&mut self, session_now: Mono, awake_now: Mono) -> Option<(Mono, u64)> {
        let awake_for = awake_now.since(self.awake);
        let passed = session_now.since(self.session);
        let asleep = passed.saturating_sub(awake_for);
        let went_to_sleep = self.session.plus(awake_for);
        self.session = session_now;
        self.awake = awake_now;
        (asleep > SLEEP_THRESHOLD_MS).then_some((went_to_sleep, asleep))
    }
}

#[cfg(test)]
mod sleep_tests {
    use super::{Mono, SleepWatch};

    fn watch() -> SleepWatch {
        SleepWatch {
            session: Mono(1_000_000),
            awake: Mono(500_000),
        }
    }

    #[test]
    fn a_gap_between_the_clocks_is_a_sleep_starting_when_the_awake_clock_stopped() {
        let mut w = watch();
        // 1 s awake, then 10 min asleep, then the next wake.
        let slept = w.check(Mono(1_000_000 + 601_000), Mono(500_000 + 1_000));
        assert_eq!(slept, Some((Mono(1_001_000), 600_000)));
        // The next check starts from there: no sleep counted twice.
        assert_eq!(w.check(Mono(1_602_000), Mono(502_000)), None);
    }

    #[test]
    fn clocks_moving_together_or_a_small_drift_is_not_a_sleep() {
        let mut w = watch();
        assert_eq!(w.check(Mono(1_001_000), Mono(501_000)), None);
        // A stopped process (SIGSTOP) moves both clocks: not a sleep.
        assert_eq!(w.check(Mono(1_121_000), Mono(621_000)), None);
        // Two seconds of drift is scheduling noise, not a suspend.
        assert_eq!(w.check(Mono(1_124_000), Mono(622_000)), None);
    }

    #[test]
    fn an_awake_clock_ahead_of_the_session_clock_never_underflows() {
        let mut w = watch();
        assert_eq!(w.check(Mono(1_000_500), Mono(510_000)), None);
    }
}
