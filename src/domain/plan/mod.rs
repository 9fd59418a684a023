//! The day planner: lays pomodoros, breaks and busy slots out on a window
//! of time. Pure: no clocks, no files; `focus plan` ([`crate::app::plan`])
//! and views hand everything in.
//!
//! # The arithmetic
//!
//! k pomodoros in a row take k·work + (k−1) breaks, where every
//! `long_break_every`-th break is a long one (counting on from the
//! pomodoros already done in the current cycle). [`plan`] lays them out from
//! the start of the window, in order, and assigns them to the open tasks in
//! priority order until each task's remaining estimate is used up.
//!
//! # Rules
//!
//! * **A pomodoro is never split**, neither by a busy slot nor by the end
//!   of the window: one that would not fit before a busy slot starts right
//!   after it, and one that would not end by the window's end is not
//!   planned.
//! * **A break runs on through a busy slot.** A break takes its full length
//!   of wall-clock time right after its pomodoro; a busy slot inside that
//!   time cuts it into pieces (a meeting is no focus either, so it counts as
//!   rest), and the next pomodoro starts after both the break and any busy
//!   slot in its way. So a long break falling where a busy slot is
//!   disappears into it, wholly or in part, and the cycle still starts anew
//!   after it.
//! * **No trailing break**: a break is only planned before a pomodoro that
//!   follows it, so the plan ends with the last planned pomodoro.
//! * **The cycle continues** from [`PlanInput::cycle_done`]: with 3 done of
//!   4, the first planned pomodoro closes the cycle and its break is long.
//!   Busy slots and idle gaps do not reset the cycle; only a long break
//!   does.
//! * **After the pomodoros already done** ([`PlanInput::past`]): planning
//!   starts no earlier than the end of the last of them, and when that one
//!   ended less than a break ago, the plan begins with the rest of its
//!   break (long if it closed the cycle). Without a past pomodoro to time it
//!   from, a long break that is due counts as taken.
//! * **Whole minutes**: the first planned pomodoro starts on a whole minute
//!   (a window that starts "now", or a pomodoro from the log, has seconds);
//!   later ones follow from the configured lengths.
//! * **Capacity** is how many pomodoros fit in the window by these rules,
//!   whatever the tasks; only pomodoros that have a task are laid out as
//!   blocks, the rest of the capacity is reported as a number
//!   ([`Plan::free`]). Estimated work that does not fit is listed per task
//!   in [`Plan::over_capacity`].
//! * **Busy slots** are clipped to the window and merged where they overlap
//!   or touch; slots wholly outside the window are dropped.
//! * **Blocks**: the pomodoros are grouped into blocks of k
//!   ([`PlanInput::block`], `long_break_every` by default) with short breaks
//!   inside a block and a long break between blocks, so a block lasts
//!   W = k·work + (k−1)·short break (4 × 25 min with 5 min breaks: 115 min).
//!   Laid out from the start of each free stretch, the largest blocks that
//!   fit come first and the rest of the stretch gets one shorter block. A
//!   busy slot cuts a block; when the time from the pomodoro before it to
//!   the one after it is at least a long break, the meeting counted as the
//!   long break and a new block of k starts after it. [`Plan::focus_blocks`]
//!   lists the planned blocks with their W.
//! * **The daily goal** ([`PlanInput::goal`]): no more pomodoros are
//!   planned than the goal still wants; what the tasks want beyond it is
//!   listed in [`Plan::over_capacity`] and [`Plan::stopped_at_goal`] says
//!   why.
//! * **Best hours** ([`PlanInput::best_hours`]): the planned pomodoros are
//!   the earliest that fit, as ever; which task each one gets is chosen so
//!   that the highest-priority work falls in the peak hours, the lowest in
//!   the troughs, and the rest in between, each in time order.
//! * Degenerate settings never loop or panic: a window that ends before it
//!   starts, or a pomodoro of zero length, has room for nothing; a
//!   `long_break_every` of 0 means every break is long, as in the timer.

pub(crate) mod day;
pub mod events;

pub(crate) use day::{DayRequest, Prepared, assemble};
pub use day::{OverEstimate, PlanSettings, Slot, WindowError, parse_clock};

use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeDelta, Timelike};

use crate::domain::attention::Hours;

/// What a block of the plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockKind {
    /// A pomodoro.
    Work,
    /// The break after most pomodoros.
    ShortBreak,
    /// The break that closes a cycle.
    LongBreak,
    /// A fixed appointment the plan works around.
    Busy,
}

impl BlockKind {
    /// The spelling in JSON, the same as the session log's `kind` for the
    /// three phases: `work`, `short_break`, `long_break`, and `busy`.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Work => "work",
            BlockKind::ShortBreak => "short_break",
            BlockKind::LongBreak => "long_break",
            BlockKind::Busy => "busy",
        }
    }

    /// True for either kind of break.
    pub fn is_break(self) -> bool {
        matches!(self, BlockKind::ShortBreak | BlockKind::LongBreak)
    }
}

/// The task a work block is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockTask {
    /// The task list id; `None` for a pomodoro from the log that was given
    /// a free title rather than a task from the list.
    pub id: Option<String>,
    /// The title.
    pub title: String,
}

/// One stretch of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// When it starts, local time with its UTC offset.
    pub start: DateTime<FixedOffset>,
    /// When it ends (exclusive).
    pub end: DateTime<FixedOffset>,
    /// Pomodoro, break or busy.
    pub kind: BlockKind,
    /// The task of a work block; `None` for breaks, busy slots and past
    /// pomodoros that had no task.
    pub task: Option<BlockTask>,
    /// True for blocks handed in as [`PlanInput::past`]: already held, not
    /// planned.
    pub done: bool,
}

impl Block {
    /// The block's length.
    pub fn duration(&self) -> TimeDelta {
        self.end.signed_duration_since(self.start)
    }
}

/// An open task to plan for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanTask {
    /// The task list id.
    pub id: String,
    /// The title.
    pub title: String,
    /// Pomodoros still to do: the estimate minus those done, never below 0.
    /// Tasks with 0 get no blocks and are not over capacity.
    pub remaining: u32,
}

/// Everything [`plan`] needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInput {
    /// Where planning may start.
    pub window_start: DateTime<FixedOffset>,
    /// Where the last pomodoro must have ended; may be on the next day (a
    /// window crossing midnight).
    pub window_end: DateTime<FixedOffset>,
    /// Fixed appointments as `(start, end)`, in any order, overlapping or
    /// not; only their parts inside the window matter.
    pub busy: Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
    /// Length of a pomodoro.
    pub work: Duration,
    /// Length of a short break.
    pub short_break: Duration,
    /// Length of a long break.
    pub long_break: Duration,
    /// A long break replaces every this many-th short break.
    pub long_break_every: u32,
    /// Completed pomodoros since the last long break. A non-zero multiple
    /// of `long_break_every` means the long break is due; larger counts
    /// wrap around (5 of 4 is 1 into a new cycle).
    pub cycle_done: u32,
    /// Completed pomodoros today, reported back as [`Plan::done_today`].
    pub done_today: u32,
    /// Open tasks in priority order.
    pub tasks: Vec<PlanTask>,
    /// Blocks already held (typically today's completed pomodoros, from the
    /// log). They are copied into the plan with `done = true`, planning
    /// starts after the last of them, and the break after the last work
    /// block among them is respected.
    pub past: Vec<Block>,
    /// Pomodoros per block (a long break between blocks); 0 means
    /// `long_break_every`.
    pub block: u32,
    /// Plan at most this many pomodoros (what the daily goal still wants);
    /// `None` for no limit.
    pub goal: Option<u32>,
    /// Hours to give the most and least important work, from the
    /// attention curve; `None` to plan in priority order.
    pub best_hours: Option<BestHours>,
}

/// The peak and trough hours of the attention curve, for [`plan`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BestHours {
    /// Hours where the most important work goes.
    pub peaks: Vec<Hours>,
    /// Hours where the least important work goes.
    pub troughs: Vec<Hours>,
}

impl BestHours {
    /// 0 for a peak hour, 2 for a trough, 1 otherwise: the order in which
    /// hours get work by priority.
    fn rank(&self, hour: u32) -> u8 {
        if self.peaks.iter().any(|h| h.contains(hour)) {
            0
        } else if self.troughs.iter().any(|h| h.contains(hour)) {
            2
        } else {
            1
        }
    }
}

/// k planned pomodoros in a row with short breaks between them: the
/// method's time block, W = k·work + (k−1)·short break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FocusBlock {
    /// Start of its first pomodoro.
    pub start: DateTime<FixedOffset>,
    /// End of its last pomodoro.
    pub end: DateTime<FixedOffset>,
    /// k, its pomodoros.
    pub pomodoros: u32,
}

impl FocusBlock {
    /// W, the block's length.
    pub fn length(&self) -> TimeDelta {
        self.end.signed_duration_since(self.start)
    }
}

/// Estimated pomodoros of one task that did not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverCapacity {
    /// The task list id.
    pub id: String,
    /// The title.
    pub title: String,
    /// Pomodoros left unplanned.
    pub pomodoros: u32,
}

/// The laid-out day: a plain structure for text, JSON, calendars and views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The window, as given.
    pub(crate) window_start: DateTime<FixedOffset>,
    /// The window's end, as given.
    pub(crate) window_end: DateTime<FixedOffset>,
    /// Every block in time order: past blocks (`done`), busy slots (clipped
    /// to the window), and the planned pomodoros with the breaks between
    /// them. Planned blocks never overlap each other, busy slots or past
    /// blocks; past blocks may overlap busy slots (work done through a
    /// meeting is still done).
    pub blocks: Vec<Block>,
    /// Pomodoros that fit in the window, with breaks and busy slots.
    pub capacity: u32,
    /// Pomodoros planned for tasks: at most `capacity`.
    pub planned: u32,
    /// Tasks, in priority order, with the pomodoros that did not fit.
    pub over_capacity: Vec<OverCapacity>,
    /// Completed pomodoros today, as handed in.
    pub done_today: u32,
    /// The cycle position the plan started from, as handed in.
    pub cycle_done: u32,
    /// The planned pomodoros grouped into blocks, in time order.
    pub focus_blocks: Vec<FocusBlock>,
    /// Pomodoros per block the plan used (k).
    pub block: u32,
    /// The goal limit handed in.
    pub goal: Option<u32>,
    /// True when the goal, not the window, left estimated work unplanned.
    pub stopped_at_goal: bool,
    /// Planned pomodoros in peak hours and in troughs, when best hours were
    /// handed in.
    pub in_best_hours: Option<(u32, u32)>,
}

impl Plan {
    /// Pomodoros that would fit but have no task.
    pub fn free(&self) -> u32 {
        self.capacity.saturating_sub(self.planned)
    }

    /// Estimated pomodoros that did not fit, over all tasks.
    pub fn over_capacity_total(&self) -> u32 {
        self.over_capacity
            .iter()
            .fold(0, |n, o| n.saturating_add(o.pomodoros))
    }

    /// The planned (not done) blocks of one kind.
    pub fn planned_blocks(&self, kind: BlockKind) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(move |b| b.kind == kind && !b.done)
    }
}

/// Lays out the day; see the module docs for the rules.
pub fn plan(input: &PlanInput) -> Plan {
    let busy = normalise_busy(input);
    let mut blocks: Vec<Block> = input
        .past
        .iter()
        .cloned()
        .map(|b| Block { done: true, ..b })
        .collect();
    blocks.extend(busy.iter().map(|&(start, end)| Block {
        start,
        end,
        kind: BlockKind::Busy,
        task: None,
        done: false,
    }));

    // What each task still wants, consumed in priority order.
    let mut wants: Vec<(&PlanTask, u32)> = input
        .tasks
        .iter()
        .filter(|t| t.remaining > 0)
        .map(|t| (t, t.remaining))
        .collect();
    let wanted = wants.iter().fold(0u32, |n, w| n.saturating_add(w.1));
    let limit = input.goal.map_or(wanted, |g| g.min(wanted));
    let mut capacity: u32 = 0;
    let mut used: Vec<Fit> = Vec::new();
    for slot in Layout::new(input, busy) {
        capacity = capacity.saturating_add(1);
        // Past the limit the slots are only counted, for the capacity.
        if (used.len() as u64) < u64::from(limit) {
            used.push(slot);
        }
    }
    let planned = u32::try_from(used.len()).unwrap_or(u32::MAX);

    // One task per planned pomodoro, in priority order.
    let mut queue = Vec::with_capacity(used.len());
    let mut next_task = 0;
    while queue.len() < used.len() && next_task < wants.len() {
        let (task, left) = &mut wants[next_task];
        if *left == 0 {
            next_task += 1;
            continue;
        }
        *left -= 1;
        queue.push(BlockTask {
            id: Some(task.id.clone()),
            title: task.title.clone(),
        });
    }
    // The slots in the order they get work: by time, or peaks first and
    // troughs last when the best hours are known.
    let mut order: Vec<usize> = (0..used.len()).collect();
    let mut in_best_hours = None;
    if let Some(hours) = &input.best_hours {
        order.sort_by_key(|&i| (hours.rank(used[i].start.hour()), i));
        let count = |rank| {
            let n = used
                .iter()
                .filter(|f| hours.rank(f.start.hour()) == rank)
                .count();
            u32::try_from(n).unwrap_or(u32::MAX)
        };
        in_best_hours = Some((count(0), count(2)));
    }
    let mut tasks: Vec<Option<BlockTask>> = vec![None; used.len()];
    for (slot, task) in order.into_iter().zip(queue) {
        tasks[slot] = Some(task);
    }

    let mut focus_blocks: Vec<FocusBlock> = Vec::new();
    for (slot, task) in used.into_iter().zip(tasks) {
        match focus_blocks.last_mut() {
            Some(last) if !slot.new_block => {
                last.end = slot.end;
                last.pomodoros += 1;
            }
            _ => focus_blocks.push(FocusBlock {
                start: slot.start,
                end: slot.end,
                pomodoros: 1,
            }),
        }
        blocks.extend(slot.rest);
        blocks.push(Block {
            start: slot.start,
            end: slot.end,
            kind: BlockKind::Work,
            task,
            done: false,
        });
    }
    // Stable, and kinds order work before breaks before busy, so equal
    // starts (a zero-length past block) still come out in one order.
    blocks.sort_by_key(|b| (b.start, b.end, b.kind));

    let over_capacity: Vec<OverCapacity> = wants
        .into_iter()
        .filter(|&(_, left)| left > 0)
        .map(|(t, left)| OverCapacity {
            id: t.id.clone(),
            title: t.title.clone(),
            pomodoros: left,
        })
        .collect();
    let stopped_at_goal =
        !over_capacity.is_empty() && input.goal.is_some_and(|g| planned >= g) && capacity > planned;
    Plan {
        window_start: input.window_start,
        window_end: input.window_end,
        blocks,
        capacity,
        planned,
        over_capacity,
        done_today: input.done_today,
        cycle_done: input.cycle_done,
        focus_blocks,
        block: block_size(input),
        goal: input.goal,
        stopped_at_goal,
        in_best_hours,
    }
}

/// k: the block size asked for, or `long_break_every`, at least 1.
fn block_size(input: &PlanInput) -> u32 {
    match input.block {
        0 => input.long_break_every.max(1),
        k => k,
    }
}

/// How many pomodoros fit in the window, by the rules of [`plan`], whatever
/// the tasks.
pub fn capacity(input: &PlanInput) -> u32 {
    let busy = normalise_busy(input);
    Layout::new(input, busy).fold(0u32, |n, _| n.saturating_add(1))
}

/// The busy slots that matter: clipped to the window, empty ones dropped,
/// sorted, and merged where they overlap or touch, so the layout can walk
/// them once in order.
fn normalise_busy(input: &PlanInput) -> Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
    let mut slots: Vec<_> = input
        .busy
        .iter()
        .map(|&(s, e)| (s.max(input.window_start), e.min(input.window_end)))
        .filter(|&(s, e)| s < e)
        .collect();
    slots.sort();
    let mut merged: Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>)> =
        Vec::with_capacity(slots.len());
    for (s, e) in slots {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// One pomodoro that fits, with the break pieces before it.
struct Fit {
    rest: Vec<Block>,
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
    /// True when it opens a block: the first, the first after a long
    /// break, or one that does not follow the last right after a short
    /// break.
    new_block: bool,
}

/// The break owed before the next pomodoro.
#[derive(Clone, Copy)]
struct Owed {
    kind: BlockKind,
    /// When the break began: the end of the pomodoro before it.
    from: DateTime<FixedOffset>,
}

/// The pomodoros that fit, in order. An iterator so that counting the
/// capacity of a long window with short pomodoros costs no memory.
struct Layout {
    busy: Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
    window_start: DateTime<FixedOffset>,
    window_end: DateTime<FixedOffset>,
    /// `None` when the pomodoro is zero or too long to represent: then
    /// nothing fits.
    work: Option<TimeDelta>,
    short_break: Option<TimeDelta>,
    long_break: Option<TimeDelta>,
    every: u32,
    /// Pomodoros done in the current cycle, 0 to `every - 1`.
    pos: u32,
    /// The earliest the next pomodoro may start.
    cursor: DateTime<FixedOffset>,
    owed: Option<Owed>,
    first: bool,
    finished: bool,
}

impl Layout {
    fn new(input: &PlanInput, busy: Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>)>) -> Layout {
        let every = block_size(input);
        // 1..=every for a cycle under way, every meaning the long break is
        // due; 0 for a fresh cycle.
        let mut pos = match input.cycle_done {
            0 => 0,
            n => (n - 1) % every + 1,
        };
        let cursor = input
            .past
            .iter()
            .map(|b| b.end)
            .fold(input.window_start, DateTime::max);
        let last_work = input
            .past
            .iter()
            .filter(|b| b.kind == BlockKind::Work)
            .map(|b| b.end)
            .max();
        let mut owed = None;
        if pos > 0
            && let Some(from) = last_work
        {
            let kind = if pos >= every {
                BlockKind::LongBreak
            } else {
                BlockKind::ShortBreak
            };
            owed = Some(Owed { kind, from });
        }
        if pos >= every {
            // Due and either owed above or, with nothing to time it from,
            // taken already: in both cases the next pomodoro opens a cycle.
            pos = 0;
        }
        let positive = |d: Duration| TimeDelta::from_std(d).ok();
        Layout {
            busy,
            window_start: input.window_start,
            window_end: input.window_end,
            work: positive(input.work).filter(|w| *w > TimeDelta::zero()),
            short_break: positive(input.short_break),
            long_break: positive(input.long_break),
            every,
            pos,
            cursor,
            owed,
            first: true,
            finished: false,
        }
    }

    /// The earliest start at or after `earliest` for a pomodoro of `work`
    /// that overlaps no busy slot and ends by the window's end.
    fn fit(
        &self,
        earliest: DateTime<FixedOffset>,
        work: TimeDelta,
    ) -> Option<DateTime<FixedOffset>> {
        let mut start = earliest;
        // Slots are sorted and disjoint, so one pass finds the first gap:
        // after jumping past a slot, only later slots can be in the way.
        for &(s, e) in &self.busy {
            if e <= start {
                continue;
            }
            let end = start.checked_add_signed(work)?;
            if s >= end {
                break;
            }
            start = e;
        }
        let end = start.checked_add_signed(work)?;
        (end <= self.window_end).then_some(start)
    }

    /// `[from, to)` minus the busy slots, as break blocks of `kind`.
    fn rest_pieces(
        &self,
        kind: BlockKind,
        from: DateTime<FixedOffset>,
        to: DateTime<FixedOffset>,
    ) -> Vec<Block> {
        let mut pieces = Vec::new();
        let mut at = from;
        let mut push = |s: DateTime<FixedOffset>, e: DateTime<FixedOffset>| {
            if s < e {
                pieces.push(Block {
                    start: s,
                    end: e,
                    kind,
                    task: None,
                    done: false,
                });
            }
        };
        for &(s, e) in &self.busy {
            if e <= at {
                continue;
            }
            if s >= to {
                break;
            }
            push(at, s.min(to));
            at = e;
        }
        if at < to {
            push(at, to);
        }
        pieces
    }

    fn break_length(&self, kind: BlockKind) -> Option<TimeDelta> {
        match kind {
            BlockKind::LongBreak => self.long_break,
            _ => self.short_break,
        }
    }
}

impl Iterator for Layout {
    type Item = Fit;

    fn next(&mut self) -> Option<Fit> {
        if self.finished {
            return None;
        }
        let slot = self.next_slot();
        if slot.is_none() {
            self.finished = true;
        }
        slot
    }
}

impl Layout {
    fn next_slot(&mut self) -> Option<Fit> {
        let work = self.work?;
        let mut earliest = self.cursor;
        let mut rest = Vec::new();
        if let Some(owed) = self.owed {
            let rest_end = owed
                .from
                .checked_add_signed(self.break_length(owed.kind)?)?;
            // A break owed from before the window is shown only from the
            // window's start: the part before it is not the plan's.
            let shown_from = owed.from.max(self.window_start);
            rest = self.rest_pieces(owed.kind, shown_from, rest_end);
            earliest = earliest.max(rest_end);
        }
        if self.first {
            earliest = ceil_minute(earliest)?;
        }
        let start = self.fit(earliest, work)?;
        let end = start.checked_add_signed(work)?;
        // A busy slot in the way, with at least a long break's time from
        // the pomodoro before: the meeting was the long break. Without a
        // pomodoro before (nothing owed), there is no gap to judge.
        if let Some(o) = self.owed {
            let gap = start.signed_duration_since(o.from);
            let through_busy = self.busy.iter().any(|&(s, e)| s < start && e > o.from);
            if through_busy && self.long_break.is_some_and(|l| gap >= l) {
                self.pos = 0;
            }
        }
        let follows = !self.first
            && self
                .short_break
                .and_then(|b| self.cursor.checked_add_signed(b))
                .is_some_and(|t| t == start);
        let new_block = self.pos == 0 || !follows;
        self.first = false;
        self.pos += 1;
        let kind = if self.pos >= self.every {
            self.pos = 0;
            BlockKind::LongBreak
        } else {
            BlockKind::ShortBreak
        };
        self.owed = Some(Owed { kind, from: end });
        self.cursor = end;
        Some(Fit {
            rest,
            start,
            end,
            new_block,
        })
    }
}

/// `t` rounded up to a whole minute of its local clock.
fn ceil_minute(t: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
    if t.second() == 0 && t.nanosecond() == 0 {
        return Some(t);
    }
    t.with_second(0)?
        .with_nanosecond(0)?
        .checked_add_signed(TimeDelta::minutes(1))
}
