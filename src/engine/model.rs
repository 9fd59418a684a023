//! The app model: the timer plus everything the screen shows, and the one
//! `update` function through which every change goes.

use chrono::NaiveTime;
use serde::de::{Deserializer, EnumAccess, Error as _, VariantAccess, Visitor};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

use super::keymap::{Action, Key, Keymap};
use super::line::EditLine;
use super::timer::{Durations, TaskRef, Timer};
use crate::domain::record::{
    Away, AwayChoice, Interruption, InterruptionKind, Kind, Outcome, Record,
};
use crate::domain::stats::{self, DaySummary};
use crate::domain::tasks::{Quadrant, TaskList};
use crate::domain::text::clean;
use crate::domain::time::{Mono, Now};

mod check_in;
pub use check_in::{CheckInStep, PendingCheckIn, Rating};
mod plan_screen;
mod review_screen;
pub use review_screen::{ATTENTION_WEEKS, ReviewCache, ReviewPanel, ReviewState};
mod tasks_screen;
pub use plan_screen::{DayPlan, DayShape};
pub(crate) use tasks_screen::{FormField, TaskForm, apply as apply_task_op};

/// Longest task title kept, in characters. Longer input is cut here so a
/// pasted novel cannot make a record or the screen unusable.
pub const MAX_TASK_CHARS: usize = 200;

/// Seconds `+` adds to a session.
pub(crate) const EXTEND_SECS: u64 = 60;

/// Behaviour settings the core needs, taken from the config by the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Phase lengths and the long-break cycle.
    pub durations: Durations,
    /// Breaks start by themselves when a pomodoro ends.
    pub auto_start_breaks: bool,
    /// Pomodoros start by themselves when a break ends.
    pub auto_start_work: bool,
    /// Cirillo's strict rule: an external interruption voids the pomodoro
    /// (it is logged as abandoned, with its marks).
    pub void_on_interruption: bool,
    /// Ring the terminal bell when a session ends.
    pub bell: bool,
    /// Pomodoros per day to aim for.
    pub daily_goal: u32,
    /// When a day starts, for counting "today".
    pub day_starts_at: NaiveTime,
    /// The first day of a week, for the Review screen.
    pub week_starts_on: chrono::Weekday,
    /// The days the daily goal applies to, for the Review screen's streaks.
    pub work_days: crate::domain::review::WorkDays,
    /// What to do with a pomodoro the machine slept through.
    pub on_suspend: AwayPolicy,
    /// Which key does what.
    pub keys: Keymap,
    /// The colours the views draw with.
    pub theme: super::theme::Theme,
    /// The workday and fixed appointments the Plan screen plans around.
    pub day_shape: DayShape,
    /// Whether and how a pomodoro is rated when it ends.
    pub check_in: CheckInSettings,
    /// How distractions are grouped into factors on the Review screen.
    pub factors: crate::domain::attention::Factors,
}

/// The check-in after a pomodoro: the config's `check_in*` keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckInSettings {
    /// Ask at all (`check_in = "ask"`).
    pub ask: bool,
    /// The scale ratings are on: 5 or 3.
    pub scale: u8,
    /// Ask for energy after focus.
    pub energy: bool,
    /// Seconds the check-in waits before the record is written unrated.
    pub timeout_secs: u64,
}

impl Default for CheckInSettings {
    /// Off: a model built without a config asks nothing. The config's own
    /// default is to ask.
    fn default() -> Self {
        CheckInSettings {
            ask: false,
            scale: 5,
            energy: false,
            timeout_secs: 120,
        }
    }
}

/// What happens to a running pomodoro when the machine sleeps: the
/// config's `on_suspend`, spelled there as [`AwayPolicy::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AwayPolicy {
    /// Pause it at the moment of sleep and ask on return.
    #[default]
    Ask,
    /// Pause it and carry on with the remainder.
    Resume,
    /// Count the time away as focus: the session completes, slept time
    /// included.
    Count,
    /// Abandon it.
    Discard,
}

impl AwayPolicy {
    /// All values, in the order they are documented.
    pub(crate) const ALL: [AwayPolicy; 4] = [
        AwayPolicy::Ask,
        AwayPolicy::Resume,
        AwayPolicy::Count,
        AwayPolicy::Discard,
    ];

    /// The spelling used in the config file.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AwayPolicy::Ask => "ask",
            AwayPolicy::Resume => "resume",
            AwayPolicy::Count => "count",
            AwayPolicy::Discard => "discard",
        }
    }
}

impl std::fmt::Display for AwayPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the screen is showing on top of the timer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    /// The timer, taking single-key commands.
    #[default]
    Normal,
    /// The key list.
    Help,
    /// Typing a task name; `buffer` is what has been typed.
    EditTask {
        /// The text typed so far, and the cursor in it.
        buffer: EditLine,
    },
    /// "Quit and abandon the running session? y/n".
    ConfirmQuit,
    /// "Reset the running session? y/n": `r` throws away focus, so a slip
    /// of the finger must not do it.
    ConfirmReset {
        /// The session asked about; the answer applies to it only, not to
        /// the one after it if it ends while the question is open.
        id: String,
    },
    /// An interruption was just marked; typing an optional note for it.
    /// The timer keeps running. Enter keeps the mark (and, under
    /// [`Settings::void_on_interruption`], voids an external one's
    /// pomodoro); Esc takes it back.
    Note {
        /// Internal or external, for the prompt.
        kind: InterruptionKind,
        /// The note typed so far, and the cursor in it.
        buffer: EditLine,
    },
    /// The check-in's last, optional question: what distracted? Enter
    /// keeps the answer, Esc leaves it out; either way the pomodoro's
    /// record is written then.
    Distraction {
        /// The text typed so far, and the cursor in it.
        buffer: EditLine,
    },
    /// Adding or editing a task in the Tasks screen.
    TaskForm(TaskForm),
    /// "Delete this task? y/n".
    ConfirmDelete {
        /// The task's id.
        id: String,
        /// Its title, to show what would go.
        title: String,
    },
    /// The machine slept during a pomodoro, which is paused from that
    /// moment: resume the remainder, count the time, or discard it?
    Away {
        /// How long the machine was away, in milliseconds.
        ms: u64,
    },
}

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// The countdown.
    #[default]
    Timer,
    /// The task list.
    Tasks,
    /// Today's plan in time blocks.
    Plan,
    /// Looking back: today, the week, the attention curve, tasks.
    Review,
}

impl Screen {
    /// The next screen, for Tab.
    pub(crate) fn next(self) -> Screen {
        match self {
            Screen::Timer => Screen::Tasks,
            Screen::Tasks => Screen::Plan,
            Screen::Plan => Screen::Review,
            Screen::Review => Screen::Timer,
        }
    }

    /// The previous screen, for Shift-Tab.
    pub(crate) fn prev(self) -> Screen {
        match self {
            Screen::Timer => Screen::Review,
            Screen::Tasks => Screen::Timer,
            Screen::Plan => Screen::Tasks,
            Screen::Review => Screen::Plan,
        }
    }

    /// Every screen, in tab order.
    pub const ALL: [Screen; 4] = [Screen::Timer, Screen::Tasks, Screen::Plan, Screen::Review];

    /// The tab title.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Screen::Timer => "Timer",
            Screen::Tasks => "Tasks",
            Screen::Plan => "Plan",
            Screen::Review => "Review",
        }
    }
}

/// An action on the timer, whether it came from a key, the command line
/// (`focus skip`) or the remote-control socket.
///
/// It is also the remote-control wire format, one JSON object per request
/// (`{"cmd":"skip"}`, `{"cmd":"extend","secs":300}`), so the key, the
/// subcommand and the socket cannot drift apart. The `#[serde(skip)]`
/// variants are not remote-controllable: reading one is an unknown `cmd`,
/// and writing one fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cmd", rename_all = "snake_case")]
pub enum Command {
    /// Start, pause or resume, whichever fits.
    Toggle,
    /// Pause if running (start nothing).
    Pause,
    /// Resume if paused, start if waiting.
    Resume,
    /// Skip to the next phase.
    Skip,
    /// Abandon the current session and make it ready again.
    Reset,
    /// Add seconds to the current session.
    Extend {
        /// How many.
        secs: u64,
    },
    /// Set (or clear) the current task by a typed title.
    #[serde(skip)]
    SetTask(Option<String>),
    /// Make a task from the list (or none) the current task.
    #[serde(skip)]
    PickTask(Option<TaskRef>),
    /// Mark an interruption of the running pomodoro, now.
    Interrupt {
        /// Internal (`'`) or external (`-`).
        #[serde(deserialize_with = "markable_kind")]
        kind: InterruptionKind,
        /// An optional one-line note.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Rate the pomodoro whose check-in is open (`focus rate 4`).
    Rate {
        /// Focus, on the configured scale.
        focus: u8,
        /// Energy, on the same scale.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        energy: Option<u8>,
        /// What distracted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        distraction: Option<String>,
    },
    /// Quit now; a started session is abandoned.
    #[serde(skip)]
    Quit,
}

/// A title or note as it enters the engine from a prompt, `--task` or a
/// remote request: cleaned by the one rule ([`clean`]), trimmed, cut to
/// [`MAX_TASK_CHARS`]; nothing left means none.
fn entry_text(text: &str) -> Option<String> {
    let text = clean(text);
    let text = text.trim();
    (!text.is_empty()).then(|| text.chars().take(MAX_TASK_CHARS).collect())
}

/// Reads an interruption kind a person may mark. The log's own reading
/// turns any unknown name into [`InterruptionKind::Unknown`], to keep a
/// newer version's records; asked for, that would mark an interruption
/// nobody meant, so here an unknown name is an error, as serde words it.
fn markable_kind<'de, D: Deserializer<'de>>(d: D) -> Result<InterruptionKind, D::Error> {
    struct Markable;

    impl<'de> Visitor<'de> for Markable {
        type Value = InterruptionKind;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an interruption kind")
        }

        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<InterruptionKind, A::Error> {
            let (name, variant): (String, _) = data.variant()?;
            variant.unit_variant()?;
            InterruptionKind::MARKABLE
                .into_iter()
                .find(|k| k.as_str() == name)
                .ok_or_else(|| A::Error::unknown_variant(&name, MARKABLE_NAMES))
        }
    }

    /// [`InterruptionKind::MARKABLE`] by name, for the error message.
    const MARKABLE_NAMES: &[&str] = &["internal", "external"];
    d.deserialize_enum("InterruptionKind", MARKABLE_NAMES, Markable)
}

/// Whether finished sessions are reaching the disk.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Storage {
    /// Every record so far is on disk.
    #[default]
    Ok,
    /// Writes are failing; records are held in memory.
    Failing {
        /// What the operating system said.
        reason: String,
        /// Records waiting to be written.
        unsaved: usize,
    },
}

/// Everything that can happen to the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// Time has passed (the shell wakes at [`Model::next_wake`]).
    Tick,
    /// A key was pressed.
    Key(Key),
    /// An action from somewhere other than a key.
    Command(Command),
    /// The shell's report on writing the log.
    Storage(Storage),
    /// The task list as it now is on disk (after a change from here or
    /// from another process).
    TasksLoaded(TaskList),
    /// Records for the Review screen, as asked with [`Effect::LoadReview`].
    ReviewLoaded(Vec<Record>),
    /// A one-line message for the user, shown until the next key.
    Notice(String),
    /// The machine was suspended for `ms` milliseconds from `at` (a
    /// session-clock reading) until now.
    Slept {
        /// When it went to sleep.
        at: Mono,
        /// How long it slept.
        ms: u64,
    },
}

/// What the shell must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Append this record to the session log.
    Append(Box<Record>),
    /// Write the running-session snapshot (something it holds changed).
    SaveSnapshot,
    /// Ring the terminal bell.
    Bell,
    /// Leave the app.
    Quit,
    /// Run hooks and notifications for this.
    Event(Event),
    /// Read the log's records that ended on or after this day, for the
    /// Review screen, and send them back as [`Msg::ReviewLoaded`].
    LoadReview {
        /// The first day needed.
        since: chrono::NaiveDate,
    },
    /// Apply this change to the task file (re-read under its lock, so a
    /// change made meanwhile by another process is kept).
    Tasks(TaskOp),
    /// The [`Msg::Command`] had nothing to act on and changed nothing;
    /// tell whoever sent it why (remote control answers with this instead
    /// of a status, so a script is never told a no-op succeeded).
    Refused(String),
}

/// Something that happened to the timer, for hooks and notifications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// The phase it happened in.
    pub phase: Kind,
    /// The task title, if any.
    pub task: Option<String>,
    /// Planned length of the session, in seconds.
    pub planned_secs: u64,
    /// Focus so far (or in all, once it ended), in seconds.
    pub focused_secs: u64,
    /// Pomodoros completed today, this one included.
    pub today: u32,
    /// The daily goal.
    pub goal: u32,
    /// For [`EventKind::Interruption`]: which kind, and its note.
    pub interruption: Option<(InterruptionKind, Option<String>)>,
}

/// The kinds of [`Event`], one per hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// A pomodoro started.
    Start,
    /// The session was paused.
    Pause,
    /// The session was resumed.
    Resume,
    /// A pomodoro ran to its end.
    Complete,
    /// A session was skipped.
    Skip,
    /// A session was reset or abandoned.
    Reset,
    /// A break started.
    BreakStart,
    /// A break ended, however it ended.
    BreakEnd,
    /// An interruption was marked.
    Interruption,
    /// A minute is left in the session.
    MinuteLeft,
}

impl EventKind {
    /// Every kind, in the order the config documents them.
    pub const ALL: [EventKind; 10] = [
        EventKind::Start,
        EventKind::Pause,
        EventKind::Resume,
        EventKind::Complete,
        EventKind::Skip,
        EventKind::Reset,
        EventKind::BreakStart,
        EventKind::BreakEnd,
        EventKind::Interruption,
        EventKind::MinuteLeft,
    ];

    /// The name used in the config (`on_<name>`) and in `FOCUS_EVENT`.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Start => "start",
            EventKind::Pause => "pause",
            EventKind::Resume => "resume",
            EventKind::Complete => "complete",
            EventKind::Skip => "skip",
            EventKind::Reset => "reset",
            EventKind::BreakStart => "break_start",
            EventKind::BreakEnd => "break_end",
            EventKind::Interruption => "interruption",
            EventKind::MinuteLeft => "minute_left",
        }
    }
}

/// A change to the task list, as data for the shell to apply to the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskOp {
    /// Add a task.
    Add {
        /// Title.
        title: String,
        /// Estimate in pomodoros.
        estimate: u32,
        /// Importance and urgency.
        quadrant: Quadrant,
        /// Due date.
        due: Option<chrono::NaiveDate>,
        /// Tags.
        tags: Vec<String>,
    },
    /// Change a task's fields.
    Edit {
        /// Which task.
        id: String,
        /// New title.
        title: String,
        /// New estimate.
        estimate: u32,
        /// New importance and urgency.
        quadrant: Quadrant,
        /// New due date; `None` removes it.
        due: Option<chrono::NaiveDate>,
        /// New tags.
        tags: Vec<String>,
    },
    /// Delete a task.
    Remove {
        /// Which task.
        id: String,
    },
    /// Mark done (true) or open again (false).
    SetDone {
        /// Which task.
        id: String,
        /// Done or not.
        done: bool,
    },
    /// Move up (true) or down (false) in the manual order.
    Move {
        /// Which task.
        id: String,
        /// Up or down.
        up: bool,
    },
    /// A pomodoro was completed for it.
    RecordPomodoro {
        /// Which task.
        id: String,
    },
}

/// The whole state of a running focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    /// Settings from the config.
    pub settings: Settings,
    /// The session machine.
    pub timer: Timer,
    /// The time of the latest message; views draw as of this moment.
    pub now: Now,
    /// What is shown over the timer.
    pub mode: Mode,
    /// The task the next pomodoro is for.
    pub task: Option<TaskRef>,
    /// Recently finished sessions, oldest first (the log's tail plus this
    /// run's), from which "today" is computed.
    pub(crate) history: Vec<Record>,
    /// Whether records are reaching the disk.
    pub(crate) storage: Storage,
    /// Which screen is showing.
    pub screen: Screen,
    /// The task list.
    pub tasks: TaskList,
    /// The selected row of the Tasks screen (in view order).
    pub task_cursor: usize,
    /// What the Review screen shows.
    pub review: ReviewState,
    /// The records the Review screen reads, loaded by the shell when the
    /// screen opens (the last year, or further back when asked), oldest
    /// first; `None` until then.
    pub review_records: Option<Vec<Record>>,
    /// The first day of what was asked for, so paging back asks for more.
    review_loaded_from: Option<chrono::NaiveDate>,
    /// Bumped whenever `review_records` changes, so the cache knows.
    review_generation: u64,
    /// The Review screen's statistics, built in `update`.
    review_cache: Option<Box<review_screen::ReviewCache>>,
    /// A one-line message from the shell, cleared by the next key.
    pub notice: Option<String>,
    /// The title of a done task taken off the timer, until the next
    /// pomodoro starts without it (or another task is picked). The shell
    /// only reloads the task file on its next turn, which is often the very
    /// key that starts that pomodoro and clears the notice: the start says
    /// it again, so it is not lost.
    dropped_task: Option<String>,
    /// Set once the app should exit.
    pub quitting: bool,
    /// The ended pomodoro waiting for its rating, if any.
    check_in: Option<PendingCheckIn>,
    id_seed: u64,
    id_count: u64,
}

impl Model {
    /// A model waiting to start the first pomodoro. `id_seed` should be
    /// random: session ids are built from it and the start time.
    pub fn new(settings: Settings, history: Vec<Record>, now: Now, id_seed: u64) -> Model {
        Model {
            timer: Timer::new(&settings.durations),
            settings,
            now,
            mode: Mode::Normal,
            task: None,
            history,
            storage: Storage::Ok,
            screen: Screen::Timer,
            tasks: TaskList::new(),
            task_cursor: 0,
            review: ReviewState::default(),
            review_records: None,
            review_loaded_from: None,
            review_generation: 0,
            review_cache: None,
            notice: None,
            dropped_task: None,
            quitting: false,
            check_in: None,
            id_seed,
            id_count: 0,
        }
    }

    /// Today's pomodoros and focus, from the history.
    pub fn today(&self) -> DaySummary {
        stats::today(&self.history, self.now.wall, self.settings.day_starts_at)
    }

    /// Remaining milliseconds of the current session as of [`Model::now`].
    pub fn remaining_ms(&self) -> u64 {
        self.timer.remaining_at(self.now.mono)
    }

    /// When the shell should next send [`Msg::Tick`]: the moment the
    /// displayed second changes (or the session ends) while one counts
    /// down, when an open check-in gives up waiting, and in any case when
    /// the next day begins, when today's count starts again from zero.
    pub fn next_wake(&self) -> Mono {
        let timer = self.timer_wake();
        match self.check_in_deadline() {
            Some(c) => timer.min(c),
            None => timer,
        }
    }

    fn timer_wake(&self) -> Mono {
        let day = self.next_day_wake();
        let Some(deadline) = self.timer.deadline() else {
            return day;
        };
        let left = deadline.since(self.now.mono);
        if left == 0 {
            return self.now.mono;
        }
        // The screen shows whole seconds rounded up, so it changes each time
        // `left` crosses a multiple of 1000.
        let to_next = match left % 1000 {
            0 => 1000,
            r => r,
        };
        self.now.mono.plus(to_next).min(day)
    }

    /// The session-clock instant the next day begins
    /// ([`crate::domain::time::next_day_start`]), rounded up to the
    /// millisecond so the wake comes on the new day, not just before it.
    /// Found through the wall clock as it reads now: a clock step or an
    /// offset change before then moves it, and the wake then finds the
    /// old day and sets the next one from the new reading.
    fn next_day_wake(&self) -> Mono {
        let next = crate::domain::time::next_day_start(self.now.wall, self.settings.day_starts_at);
        let micros = (next - self.now.wall)
            .num_microseconds()
            .unwrap_or(i64::MAX);
        let ms = u64::try_from(micros).unwrap_or(0).div_ceil(1000).max(1);
        self.now.mono.plus(ms)
    }

    /// Applies one message at time `now` and says what the world must do.
    pub fn update(&mut self, msg: Msg, now: Now) -> Vec<Effect> {
        // The session clock never runs backwards; guard anyway so a bad
        // reading can only stall the timer, never rewind it.
        let mono = now.mono.max(self.now.mono);
        self.now = Now { mono, ..now };
        let mut fx = Vec::new();
        // Sleep is handled before anything can complete: a pomodoro that
        // "ran out" while the lid was closed was not focus.
        if let Msg::Slept { at, ms } = msg {
            self.slept(at, ms, &mut fx);
        }
        self.catch_up(&mut fx);
        self.check_in_timeout(&mut fx);
        // A reset question about a session that has ended meanwhile has
        // no subject left.
        if let Mode::ConfirmReset { id } = &self.mode
            && self.timer.session.as_ref().is_none_or(|s| &s.id != id)
        {
            self.mode = Mode::Normal;
        }
        match msg {
            Msg::Tick | Msg::Slept { .. } => {}
            Msg::Notice(text) => self.notice = Some(text),
            Msg::Key(key) => {
                self.notice = None;
                self.key(key, &mut fx)
            }
            Msg::Command(cmd) => match self.pointless(&cmd) {
                Some(why) => fx.push(Effect::Refused(why)),
                None => self.command(cmd, &mut fx),
            },
            Msg::Storage(s) => self.storage = s,
            Msg::TasksLoaded(list) => self.tasks_loaded(list),
            Msg::ReviewLoaded(records) => {
                self.review_records = Some(records);
                self.review_generation += 1;
            }
        }
        self.refresh_review();
        fx
    }

    /// Takes over a timer saved by an earlier run (after a crash, a kill or
    /// a closed terminal). A session that ran out while focus was not
    /// running is logged once, at its real deadline, marked as recovered;
    /// the next phase then waits for the user instead of starting unseen.
    pub fn restore(&mut self, timer: Timer, task: Option<TaskRef>, now: Now) -> Vec<Effect> {
        self.now = now;
        self.timer = timer;
        self.task = task;
        let mut fx = Vec::new();
        if let Some(mut record) = self
            .timer
            .complete_if_due(&self.now, &self.settings.durations)
        {
            record.recovered = true;
            self.finished(record, &mut fx);
            fx.push(Effect::SaveSnapshot);
        }
        fx
    }

    fn slept(&mut self, at: Mono, ms: u64, fx: &mut Vec<Effect>) {
        let wall = self.now.wall_at(at);
        let Some(session) = &mut self.timer.session else {
            return;
        };
        if !session.is_running() {
            return;
        }
        let secs = ms.div_ceil(1000);
        if session.kind.is_break() {
            // A break is rest whether or not the machine was awake.
            session.away.push(Away {
                at: wall,
                secs,
                choice: AwayChoice::Count,
            });
            return;
        }
        session.pause(at);
        session.away.push(Away {
            at: wall,
            secs,
            choice: AwayChoice::Unknown,
        });
        match self.settings.on_suspend {
            AwayPolicy::Ask => self.mode = Mode::Away { ms },
            AwayPolicy::Resume => self.away_choice(AwayChoice::Resume, fx),
            AwayPolicy::Count => self.away_choice(AwayChoice::Count, fx),
            AwayPolicy::Discard => self.away_choice(AwayChoice::Discard, fx),
        }
        fx.push(Effect::SaveSnapshot);
    }

    /// Applies the user's (or the config's) answer about time away.
    fn away_choice(&mut self, choice: AwayChoice, fx: &mut Vec<Effect>) {
        self.mode = Mode::Normal;
        let mono = self.now.mono;
        let Some(session) = &mut self.timer.session else {
            return;
        };
        if let Some(last) = session.away.last_mut() {
            last.choice = choice;
        }
        match choice {
            AwayChoice::Count => {
                session.count_pause_as_focus();
                self.catch_up(fx);
            }
            AwayChoice::Discard => {
                if let Some(record) = self.timer.abandon(&self.now, &self.settings.durations) {
                    self.finished(record, fx);
                }
            }
            AwayChoice::Resume | AwayChoice::Unknown => session.resume(mono),
        }
        fx.push(Effect::SaveSnapshot);
    }

    /// Ends a session whose deadline has passed and starts the next one if
    /// the settings say so.
    fn catch_up(&mut self, fx: &mut Vec<Effect>) {
        self.minute_warning(fx);
        if let Some(record) = self
            .timer
            .complete_if_due(&self.now, &self.settings.durations)
        {
            self.finished(record, fx);
            if self.settings.bell {
                fx.push(Effect::Bell);
            }
            self.auto_start(fx);
            fx.push(Effect::SaveSnapshot);
        }
    }

    /// One event when a running session (of more than two minutes) has a
    /// minute left, for the optional early notification.
    fn minute_warning(&mut self, fx: &mut Vec<Effect>) {
        let now = self.now.mono;
        let due = self.timer.session.as_ref().is_some_and(|s| {
            s.is_running()
                && !s.warned
                && s.planned_ms > 120_000
                && s.remaining_at(now) <= 60_000
                && s.remaining_at(now) > 0
        });
        if due {
            if let Some(s) = &mut self.timer.session {
                s.warned = true;
            }
            self.emit(EventKind::MinuteLeft, None, fx);
        }
    }

    fn finished(&mut self, record: Record, fx: &mut Vec<Effect>) {
        if record.is_pomodoro()
            && let Some(id) = &record.task_id
        {
            self.task_op(TaskOp::RecordPomodoro { id: id.clone() }, fx);
        }
        self.history.push(record.clone());
        if let Some(loaded) = &mut self.review_records {
            loaded.push(record.clone());
            self.review_generation += 1;
        }
        let ended = |kind| Event {
            kind,
            phase: record.kind,
            task: record.task.clone(),
            planned_secs: record.planned_secs,
            focused_secs: record.focused_secs,
            today: self.today().pomodoros,
            goal: self.settings.daily_goal,
            interruption: None,
        };
        let kinds: &[EventKind] = match (record.kind.is_break(), record.outcome) {
            (false, Outcome::Completed) => &[EventKind::Complete],
            (false, Outcome::Skipped) => &[EventKind::Skip],
            (false, _) => &[EventKind::Reset],
            (true, Outcome::Completed) => &[EventKind::BreakEnd],
            (true, Outcome::Skipped) => &[EventKind::Skip, EventKind::BreakEnd],
            (true, _) => &[EventKind::Reset, EventKind::BreakEnd],
        };
        for k in kinds {
            fx.push(Effect::Event(ended(*k)));
        }
        if self.asks_check_in(&record) {
            self.open_check_in(record, fx);
        } else {
            // An earlier pomodoro still waiting for its rating goes first:
            // the log stays in the order sessions ended.
            self.close_check_in(fx);
            fx.push(Effect::Append(Box::new(record)));
        }
    }

    /// Starts the phase that just became ready if the settings say it
    /// starts by itself.
    fn auto_start(&mut self, fx: &mut Vec<Effect>) {
        let auto = match self.timer.kind {
            Kind::ShortBreak | Kind::LongBreak => self.settings.auto_start_breaks,
            Kind::Work | Kind::Unknown => self.settings.auto_start_work,
        };
        if auto {
            self.start(fx);
        }
    }

    fn start(&mut self, fx: &mut Vec<Effect>) {
        let id = self.next_id();
        self.timer.start(id, self.task.clone(), &self.now);
        if self.timer.kind == Kind::Work
            && let Some(title) = self.dropped_task.take()
        {
            self.notice = Some(format!(
                "“{title}” is done, so this pomodoro has no task; pick one on the Tasks screen"
            ));
        }
        let kind = if self.timer.kind.is_break() {
            EventKind::BreakStart
        } else {
            EventKind::Start
        };
        self.emit(kind, None, fx);
    }

    /// An event about the session on the timer now.
    fn emit(
        &self,
        kind: EventKind,
        interruption: Option<(InterruptionKind, Option<String>)>,
        fx: &mut Vec<Effect>,
    ) {
        let Some(s) = &self.timer.session else {
            return;
        };
        fx.push(Effect::Event(Event {
            kind,
            phase: s.kind,
            task: s.task.as_ref().map(|t| t.title.clone()),
            planned_secs: s.planned_ms.div_ceil(1000),
            focused_secs: s.focused_at(self.now.mono) / 1000,
            today: self.today().pomodoros,
            goal: self.settings.daily_goal,
            interruption,
        }));
    }

    fn next_id(&mut self) -> String {
        self.id_count += 1;
        let ms = self.now.wall.timestamp_millis().max(0) as u64;
        // 80 random bits: the seed's 64 above a 16-bit count, so ids from one
        // run differ even within a millisecond.
        let random = (u128::from(self.id_seed) << 16) | u128::from(self.id_count & 0xffff);
        Ulid::from_parts(ms, random).to_string()
    }

    fn key(&mut self, key: Key, fx: &mut Vec<Effect>) {
        match std::mem::take(&mut self.mode) {
            Mode::Normal => {
                if !self.check_in_key(&key, fx) {
                    self.normal_key(key, fx)
                }
            }
            Mode::Distraction { buffer } => self.distraction_key(buffer, key, fx),
            Mode::Help => {
                // Any key closes help; Ctrl-C still means quit.
                if key == Key::CtrlC {
                    self.request_quit(fx);
                }
            }
            Mode::EditTask { mut buffer } => match key {
                Key::Enter => {
                    let title = buffer.text().trim();
                    let task = (!title.is_empty()).then(|| title.to_string());
                    self.command(Command::SetTask(task), fx);
                }
                Key::Esc | Key::CtrlC => {}
                _ => {
                    buffer.edit(&key, MAX_TASK_CHARS);
                    self.mode = Mode::EditTask { buffer };
                }
            },
            Mode::Note { kind, mut buffer } => match key {
                Key::Esc | Key::CtrlC => {
                    // The mark went in when its key was pressed, so that its
                    // time is the interruption's; taking it back removes it
                    // again. Only from the pomodoro it was made in: if that
                    // one ended meanwhile, its record is already written.
                    if let Some(s) = self.timer.session.as_mut()
                        && s.kind == Kind::Work
                        && s.interruptions
                            .last()
                            .is_some_and(|i| i.kind == kind && i.note.is_none())
                    {
                        s.interruptions.pop();
                    }
                    fx.push(Effect::SaveSnapshot);
                }
                Key::Enter => {
                    let note = buffer.text().trim();
                    if !note.is_empty()
                        && let Some(last) = self
                            .timer
                            .session
                            .as_mut()
                            .and_then(|s| s.interruptions.last_mut())
                    {
                        last.note = Some(note.to_string());
                    }
                    let marked = self
                        .timer
                        .session
                        .as_ref()
                        .and_then(|s| s.interruptions.last())
                        .map(|i| (i.kind, i.note.clone()));
                    if marked.is_some() {
                        self.emit(EventKind::Interruption, marked, fx);
                    }
                    if kind == InterruptionKind::External && self.settings.void_on_interruption {
                        self.void(fx);
                    }
                    fx.push(Effect::SaveSnapshot);
                }
                _ => {
                    buffer.edit(&key, MAX_TASK_CHARS);
                    self.mode = Mode::Note { kind, buffer };
                }
            },
            Mode::TaskForm(form) => self.form_key(form, key, fx),
            Mode::ConfirmDelete { id, title } => self.confirm_delete_key(id, title, key, fx),
            Mode::Away { ms } => match key {
                Key::Enter | Key::Esc | Key::Char(' ' | 'r') => {
                    self.away_choice(AwayChoice::Resume, fx)
                }
                Key::Char('c') => self.away_choice(AwayChoice::Count, fx),
                Key::Char('d') => self.away_choice(AwayChoice::Discard, fx),
                Key::CtrlC => {
                    self.mode = Mode::Away { ms };
                    self.request_quit(fx);
                }
                _ => self.mode = Mode::Away { ms },
            },
            Mode::ConfirmReset { id } => match key {
                Key::Char('y' | 'Y') => self.command(Command::Reset, fx),
                Key::Char('n' | 'N') | Key::Esc => {}
                Key::CtrlC => self.request_quit(fx),
                _ => self.mode = Mode::ConfirmReset { id },
            },
            Mode::ConfirmQuit => match key {
                Key::Char('y' | 'Y') | Key::CtrlC => self.command(Command::Quit, fx),
                Key::Char('n' | 'N') | Key::Esc => {}
                _ => self.mode = Mode::ConfirmQuit,
            },
        }
    }

    fn normal_key(&mut self, key: Key, fx: &mut Vec<Effect>) {
        let action = self.settings.keys.action(key.clone());
        if self.screen != Screen::Timer && !action.is_some_and(Action::is_global) {
            return match self.screen {
                Screen::Tasks => self.tasks_key(key, fx),
                Screen::Review => self.review_key(key, fx),
                _ => self.plan_key(key, fx),
            };
        }
        let Some(action) = action else {
            return;
        };
        match action {
            Action::NextScreen => {
                self.screen = if key == Key::BackTab {
                    self.screen.prev()
                } else {
                    self.screen.next()
                };
                if self.screen == Screen::Review {
                    self.load_review(fx);
                }
            }
            Action::Toggle => self.command(Command::Toggle, fx),
            Action::Skip => self.command(Command::Skip, fx),
            Action::Reset => self.request_reset(fx),
            Action::Extend => self.command(Command::Extend { secs: EXTEND_SECS }, fx),
            Action::Task => {
                self.mode = Mode::EditTask {
                    buffer: EditLine::new(
                        self.task
                            .as_ref()
                            .map(|t| t.title.clone())
                            .unwrap_or_default(),
                    ),
                }
            }
            Action::Help => self.mode = Mode::Help,
            Action::Internal => self.mark(InterruptionKind::Internal, fx),
            Action::External => self.mark(InterruptionKind::External, fx),
            Action::Quit => self.request_quit(fx),
        }
    }

    /// A key marked an interruption: record it now, then offer a note.
    fn mark(&mut self, kind: InterruptionKind, fx: &mut Vec<Effect>) {
        if self.add_interruption(kind, None) {
            self.mode = Mode::Note {
                kind,
                buffer: EditLine::default(),
            };
            fx.push(Effect::SaveSnapshot);
        } else {
            self.notice = Some("interruptions are marked during a pomodoro".into());
        }
    }

    /// Adds an interruption to the started pomodoro; false if there is none.
    fn add_interruption(&mut self, kind: InterruptionKind, note: Option<String>) -> bool {
        let at = crate::domain::time::whole_seconds(self.now.wall);
        match &mut self.timer.session {
            Some(s) if s.kind == Kind::Work => {
                s.interruptions.push(Interruption { at, kind, note });
                true
            }
            _ => false,
        }
    }

    /// `r`: a running session is asked about first; a paused or waiting
    /// one has nothing running to lose by a slip, and resets at once.
    fn request_reset(&mut self, fx: &mut Vec<Effect>) {
        match &self.timer.session {
            Some(s) if s.is_running() => self.mode = Mode::ConfirmReset { id: s.id.clone() },
            _ => self.command(Command::Reset, fx),
        }
    }

    /// Cirillo's rule, [`Settings::void_on_interruption`]: an external
    /// interruption voids the pomodoro. The screen says so, since otherwise
    /// the countdown simply jumps back to the start.
    fn void(&mut self, fx: &mut Vec<Effect>) {
        self.command(Command::Reset, fx);
        self.notice = Some("pomodoro voided: an external interruption ends it".into());
    }

    fn request_quit(&mut self, fx: &mut Vec<Effect>) {
        if self.timer.is_started() {
            self.mode = Mode::ConfirmQuit;
        } else {
            self.command(Command::Quit, fx);
        }
    }

    /// Why `cmd` has nothing to act on now, if it has not. A command that
    /// acts on the session under way fails without one: `pause`, `reset`
    /// (unless the waiting session was extended) and `interrupt`, which
    /// marks pomodoros only. One whose end state already holds (`pause`
    /// when paused, `resume` when running) succeeds, as does everything
    /// that starts, moves on or lengthens the waiting session.
    fn pointless(&self, cmd: &Command) -> Option<String> {
        let session = self.timer.session.as_ref();
        match cmd {
            Command::Pause if session.is_none() => {
                Some("nothing to pause: no session has started".into())
            }
            Command::Reset
                if session.is_none()
                    && self.timer.ready_ms
                        == self.settings.durations.planned_ms(self.timer.kind) =>
            {
                Some("nothing to reset: no session has started".into())
            }
            Command::Interrupt { .. } => match session {
                None => Some("no pomodoro under way to mark an interruption on".into()),
                Some(s) if s.kind != Kind::Work => Some(format!(
                    "no pomodoro under way to mark an interruption on: this is a {}",
                    s.kind.label().to_lowercase()
                )),
                Some(_) => None,
            },
            _ => None,
        }
    }

    fn command(&mut self, cmd: Command, fx: &mut Vec<Effect>) {
        let mono = self.now.mono;
        let d = &self.settings.durations;
        match cmd {
            Command::Toggle => match &self.timer.session {
                None => self.start(fx),
                Some(s) if s.is_running() => {
                    self.timer.pause(mono);
                    self.emit(EventKind::Pause, None, fx);
                }
                Some(_) => {
                    self.timer.resume(mono);
                    self.emit(EventKind::Resume, None, fx);
                }
            },
            Command::Pause => {
                if self.timer.is_running() {
                    return self.command(Command::Toggle, fx);
                }
            }
            Command::Resume => {
                if !self.timer.is_running() {
                    return self.command(Command::Toggle, fx);
                }
            }
            Command::Skip => {
                if let Some(record) = self.timer.skip(&self.now, d) {
                    self.finished(record, fx);
                }
                self.auto_start(fx);
            }
            Command::Reset => {
                if let Some(record) = self.timer.abandon(&self.now, d) {
                    self.finished(record, fx);
                }
            }
            Command::Extend { secs } => self.timer.extend(secs.saturating_mul(1000)),
            Command::Interrupt { kind, note } => {
                let note = note.as_deref().and_then(entry_text);
                let added = self.add_interruption(kind, note.clone());
                if added {
                    self.emit(EventKind::Interruption, Some((kind, note)), fx);
                }
                if added && kind == InterruptionKind::External && self.settings.void_on_interruption
                {
                    self.void(fx);
                    return;
                }
            }
            Command::SetTask(title) => {
                let task = title.as_deref().and_then(entry_text).map(|t| {
                    // A title from the list means that task, as `focus
                    // --task` reads it: its pomodoros count toward it and its
                    // tags reach the log. Two tasks with the title are not
                    // guessed between; the title then stands alone.
                    match self.tasks.find_by_title(&t).as_slice() {
                        [one] => TaskRef {
                            id: Some(one.id.clone()),
                            title: one.title.clone(),
                            tags: one.tags.clone(),
                        },
                        _ => TaskRef::titled(t),
                    }
                });
                self.command(Command::PickTask(task), fx);
                return;
            }
            Command::PickTask(task) => {
                // A list task's title and tags passed the list's checks; a
                // typed one, or one from an edited snapshot, may not have.
                let task = task.map(|t| TaskRef {
                    title: clean(&t.title),
                    tags: t.tags.iter().map(|tag| clean(tag)).collect(),
                    ..t
                });
                self.dropped_task = None;
                if let Some(s) = &mut self.timer.session
                    && s.kind == Kind::Work
                {
                    s.task = task.clone();
                }
                self.task = task;
            }
            Command::Rate {
                focus,
                energy,
                distraction,
            } => {
                let rating = Rating {
                    focus,
                    energy,
                    distraction,
                };
                if let Err(why) = self.rate(rating, fx) {
                    fx.push(Effect::Refused(why));
                }
            }
            Command::Quit => {
                if let Some(record) = self.timer.abandon(&self.now, d) {
                    self.finished(record, fx);
                }
                self.close_check_in(fx);
                self.quitting = true;
                fx.push(Effect::Quit);
            }
        }
        fx.push(Effect::SaveSnapshot);
    }
}
