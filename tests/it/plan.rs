//! The day planner's rules, on hand-built inputs: the method's arithmetic,
//! busy slots, the long-break cycle, midnight, capacity, and a property test
//! over random windows and busy slots.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeDelta};
use focus::domain::attention::Hours;
use focus::domain::plan::{
    BestHours, Block, BlockKind, BlockTask, Plan, PlanInput, PlanTask, capacity, plan,
};
use proptest::prelude::*;

/// 2026-03-02 at `hm` ("09:00" or "09:00:30"), in UTC+01:00.
fn at(hm: &str) -> DateTime<FixedOffset> {
    let hm = if hm.len() == 5 {
        format!("{hm}:00")
    } else {
        hm.to_owned()
    };
    DateTime::parse_from_rfc3339(&format!("2026-03-02T{hm}+01:00")).expect("test time")
}

fn mins(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

/// The method's defaults (25/5/15, long break every 4) on a window, with
/// nothing done yet, no busy slots and no tasks.
fn input(from: &str, to: &str) -> PlanInput {
    PlanInput {
        window_start: at(from),
        window_end: at(to),
        busy: Vec::new(),
        work: mins(25),
        short_break: mins(5),
        long_break: mins(15),
        long_break_every: 4,
        cycle_done: 0,
        done_today: 0,
        tasks: Vec::new(),
        past: Vec::new(),
        block: 0,
        goal: None,
        best_hours: None,
    }
}

fn task(id: &str, title: &str, remaining: u32) -> PlanTask {
    PlanTask {
        id: id.to_owned(),
        title: title.to_owned(),
        remaining,
    }
}

/// One task with more pomodoros than any test window holds, so every
/// pomodoro that fits is laid out.
fn plenty() -> Vec<PlanTask> {
    vec![task("1", "Write report", 100)]
}

/// The blocks as `"HH:MM-HH:MM kind [task id]"`, to compare whole layouts
/// at a glance.
fn layout(plan: &Plan) -> Vec<String> {
    plan.blocks
        .iter()
        .map(|b| {
            let mut s = format!(
                "{}-{} {}",
                b.start.format("%H:%M"),
                b.end.format("%H:%M"),
                b.kind.as_str()
            );
            if let Some(id) = b.task.as_ref().and_then(|t| t.id.as_deref()) {
                s.push_str(&format!(" #{id}"));
            }
            if b.done {
                s.push_str(" done");
            }
            s
        })
        .collect()
}

fn work_blocks(plan: &Plan) -> Vec<&Block> {
    plan.planned_blocks(BlockKind::Work).collect()
}

#[test]
fn an_empty_window_has_room_for_nothing() {
    let mut i = input("09:00", "09:00");
    i.tasks = vec![task("1", "Write report", 2)];
    let p = plan(&i);
    assert_eq!(p.capacity, 0);
    assert_eq!(p.planned, 0);
    assert!(p.blocks.is_empty(), "{:?}", layout(&p));
    assert_eq!(p.over_capacity.len(), 1);
    assert_eq!(p.over_capacity[0].pomodoros, 2);
    assert_eq!(capacity(&i), 0);
}

#[test]
fn a_window_that_ends_before_it_starts_has_room_for_nothing() {
    let mut i = input("11:00", "09:00");
    i.tasks = plenty();
    assert_eq!(plan(&i).capacity, 0);
    assert!(plan(&i).blocks.is_empty());
}

#[test]
fn a_window_smaller_than_a_pomodoro_has_room_for_nothing() {
    let mut i = input("09:00", "09:24");
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(p.capacity, 0);
    assert!(p.blocks.is_empty());
    // One minute more and the pomodoro fits, with no break after it.
    i.window_end = at("09:25");
    assert_eq!(layout(&plan(&i)), ["09:00-09:25 work #1"]);
}

#[test]
fn exactly_k_pomodoros_fit_in_k_work_and_k_minus_1_breaks() {
    // 4×25 + 3×5 = 115 minutes.
    let mut i = input("09:00", "10:55");
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(p.capacity, 4);
    assert_eq!(p.planned, 4);
    assert_eq!(
        layout(&p),
        [
            "09:00-09:25 work #1",
            "09:25-09:30 short_break",
            "09:30-09:55 work #1",
            "09:55-10:00 short_break",
            "10:00-10:25 work #1",
            "10:25-10:30 short_break",
            "10:30-10:55 work #1",
        ]
    );
    // A minute less and the fourth no longer fits: it is never cut short.
    i.window_end = at("10:54");
    assert_eq!(capacity(&i), 3);
}

#[test]
fn a_long_break_replaces_every_fourth_short_break() {
    // 5×25 + 3×5 + 15 = 155 minutes.
    let mut i = input("09:00", "11:35");
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(p.capacity, 5);
    let breaks: Vec<(BlockKind, TimeDelta)> = p
        .blocks
        .iter()
        .filter(|b| b.kind.is_break())
        .map(|b| (b.kind, b.duration()))
        .collect();
    assert_eq!(
        breaks,
        [
            (BlockKind::ShortBreak, TimeDelta::minutes(5)),
            (BlockKind::ShortBreak, TimeDelta::minutes(5)),
            (BlockKind::ShortBreak, TimeDelta::minutes(5)),
            (BlockKind::LongBreak, TimeDelta::minutes(15)),
        ]
    );
    i.window_end = at("11:34");
    assert_eq!(capacity(&i), 4);
}

#[test]
fn the_last_block_is_a_pomodoro_never_a_trailing_break() {
    let mut i = input("09:00", "17:30");
    i.tasks = vec![task("1", "Write report", 3)];
    let p = plan(&i);
    assert_eq!(p.planned, 3);
    assert_eq!(p.blocks.last().map(|b| b.kind), Some(BlockKind::Work));
    assert_eq!(p.blocks.len(), 5, "{:?}", layout(&p));
    // The rest of the capacity is free, reported as a number: three whole
    // cycles (3 × 130 minutes) and four pomodoros in the last 120.
    assert_eq!(p.capacity, 16);
    assert_eq!(p.free(), 13);
}

#[test]
fn a_busy_slot_at_the_start_pushes_the_first_pomodoro_after_it() {
    let mut i = input("09:00", "11:00");
    i.busy = vec![(at("08:30"), at("10:00"))];
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(
        layout(&p),
        [
            // Clipped to the window.
            "09:00-10:00 busy",
            "10:00-10:25 work #1",
            "10:25-10:30 short_break",
            "10:30-10:55 work #1",
        ]
    );
    assert_eq!(p.capacity, 2);
}

#[test]
fn a_pomodoro_is_never_split_by_a_busy_slot_in_the_middle() {
    let mut i = input("09:00", "11:00");
    i.busy = vec![(at("09:45"), at("10:00"))];
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(
        layout(&p),
        [
            "09:00-09:25 work #1",
            "09:25-09:30 short_break",
            // 09:30-09:55 would run into the meeting: it waits for its end.
            "09:45-10:00 busy",
            "10:00-10:25 work #1",
            "10:25-10:30 short_break",
            "10:30-10:55 work #1",
        ]
    );
}

#[test]
fn a_busy_slot_at_the_end_takes_the_last_pomodoro() {
    let mut i = input("09:00", "11:00");
    i.busy = vec![(at("10:40"), at("11:30"))];
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(p.capacity, 3);
    assert_eq!(
        layout(&p).last().map(String::as_str),
        Some("10:40-11:00 busy")
    );
    assert_eq!(work_blocks(&p).last().map(|b| b.end), Some(at("10:25")));
}

#[test]
fn a_break_that_runs_into_a_busy_slot_is_cut_and_the_meeting_counts_as_rest() {
    let mut i = input("09:00", "11:00");
    i.busy = vec![(at("09:27"), at("09:40"))];
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(
        layout(&p)[..4],
        [
            "09:00-09:25 work #1",
            "09:25-09:27 short_break",
            "09:27-09:40 busy",
            "09:40-10:05 work #1",
        ]
    );
}

#[test]
fn a_short_meeting_inside_a_break_leaves_the_rest_of_the_break_after_it() {
    let mut i = input("09:00", "12:00");
    i.cycle_done = 3;
    i.busy = vec![(at("09:25"), at("09:30"))];
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(
        layout(&p)[..4],
        [
            "09:00-09:25 work #1",
            "09:25-09:30 busy",
            // The long break's time runs on through the stand-up.
            "09:30-09:40 long_break",
            "09:40-10:05 work #1",
        ]
    );
}

#[test]
fn a_long_break_falling_where_a_busy_slot_is_disappears_into_it_and_the_cycle_resets() {
    let mut i = input("09:00", "12:00");
    i.cycle_done = 3;
    i.busy = vec![(at("09:25"), at("10:00"))];
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(
        layout(&p)[..5],
        [
            "09:00-09:25 work #1",
            "09:25-10:00 busy",
            "10:00-10:25 work #1",
            // A new cycle: the next break is short.
            "10:25-10:30 short_break",
            "10:30-10:55 work #1",
        ]
    );
    assert!(
        !p.blocks.iter().any(|b| b.kind == BlockKind::LongBreak),
        "{:?}",
        layout(&p)
    );
}

#[test]
fn busy_slots_are_merged_clipped_and_dropped_outside_the_window() {
    let mut i = input("09:00", "11:00");
    i.busy = vec![
        (at("10:00"), at("10:30")),
        (at("10:15"), at("10:45")),
        (at("10:45"), at("10:50")),
        (at("12:00"), at("13:00")),
        (at("07:00"), at("08:00")),
        (at("10:55"), at("10:55")),
    ];
    let p = plan(&i);
    let busy: Vec<String> = layout(&p)
        .into_iter()
        .filter(|b| b.ends_with("busy"))
        .collect();
    assert_eq!(busy, ["10:00-10:50 busy"]);
}

#[test]
fn estimated_work_that_does_not_fit_is_listed_per_task() {
    let mut i = input("09:00", "10:55");
    i.tasks = vec![
        task("3", "Write report", 3),
        task("1", "Emails", 2),
        task("7", "Review", 1),
    ];
    let p = plan(&i);
    assert_eq!(p.capacity, 4);
    assert_eq!(p.planned, 4);
    let ids: Vec<&str> = work_blocks(&p)
        .iter()
        .filter_map(|b| b.task.as_ref().and_then(|t| t.id.as_deref()))
        .collect();
    assert_eq!(ids, ["3", "3", "3", "1"], "priority order, task by task");
    let over: Vec<(&str, u32)> = p
        .over_capacity
        .iter()
        .map(|o| (o.id.as_str(), o.pomodoros))
        .collect();
    assert_eq!(over, [("1", 1), ("7", 1)]);
    assert_eq!(p.over_capacity_total(), 2);
    assert_eq!(p.over_capacity[0].title, "Emails");
}

#[test]
fn tasks_with_nothing_remaining_are_skipped() {
    let mut i = input("09:00", "17:00");
    i.tasks = vec![
        task("1", "Done already", 0),
        task("2", "Write report", 2),
        task("3", "Also done", 0),
    ];
    let p = plan(&i);
    assert_eq!(p.planned, 2);
    assert!(
        work_blocks(&p)
            .iter()
            .all(|b| b.task.as_ref().and_then(|t| t.id.as_deref()) == Some("2"))
    );
    assert!(p.over_capacity.is_empty());
}

#[test]
fn a_plan_started_mid_cycle_makes_the_first_break_long() {
    let mut i = input("09:00", "11:00");
    i.cycle_done = 3;
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(
        layout(&p)[..5],
        [
            "09:00-09:25 work #1",
            "09:25-09:40 long_break",
            "09:40-10:05 work #1",
            "10:05-10:10 short_break",
            "10:10-10:35 work #1",
        ]
    );
    assert_eq!(p.cycle_done, 3);
}

#[test]
fn cycle_counts_past_a_whole_cycle_wrap_around() {
    let mut i = input("09:00", "11:30");
    i.tasks = plenty();
    // 5 since the last long break, with 4 per cycle: 1 into a new cycle,
    // so the long break comes after the third planned pomodoro.
    i.cycle_done = 5;
    let kinds: Vec<BlockKind> = plan(&i)
        .blocks
        .iter()
        .filter(|b| b.kind.is_break())
        .map(|b| b.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            BlockKind::ShortBreak,
            BlockKind::ShortBreak,
            BlockKind::LongBreak
        ]
    );
    // A due long break with no pomodoro to time it from counts as taken.
    i.cycle_done = 4;
    let first_break = plan(&i).blocks.iter().find(|b| b.kind.is_break()).cloned();
    assert_eq!(first_break.map(|b| b.kind), Some(BlockKind::ShortBreak));
}

#[test]
fn a_window_crossing_midnight_plans_into_the_next_day() {
    let mut i = input("22:00", "22:00");
    i.window_end = DateTime::parse_from_rfc3339("2026-03-03T01:00:00+01:00").expect("time");
    i.tasks = plenty();
    let p = plan(&i);
    // 5×25 + 3×5 + 15 = 155 minutes fit in 180; a sixth needs 185.
    assert_eq!(p.capacity, 5);
    let last = work_blocks(&p).last().map(|b| (b.start, b.end));
    assert_eq!(
        last,
        Some((
            DateTime::parse_from_rfc3339("2026-03-03T00:10:00+01:00").expect("time"),
            DateTime::parse_from_rfc3339("2026-03-03T00:35:00+01:00").expect("time"),
        ))
    );
}

#[test]
fn past_pomodoros_are_kept_as_done_and_planning_starts_after_their_break() {
    let mut i = input("09:27", "11:00");
    i.cycle_done = 1;
    i.done_today = 1;
    i.past = vec![Block {
        start: at("09:00"),
        end: at("09:25"),
        kind: BlockKind::Work,
        task: Some(BlockTask {
            id: Some("1".into()),
            title: "Write report".into(),
        }),
        done: false,
    }];
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(
        layout(&p)[..3],
        [
            "09:00-09:25 work #1 done",
            // The rest of the break that began at 09:25, from the window on.
            "09:27-09:30 short_break",
            "09:30-09:55 work #1",
        ]
    );
    assert_eq!(p.done_today, 1);
}

#[test]
fn a_past_pomodoro_that_closed_the_cycle_is_followed_by_a_long_break() {
    let mut i = input("09:25", "12:00");
    i.cycle_done = 4;
    i.past = vec![Block {
        start: at("09:00:12"),
        end: at("09:25:12"),
        kind: BlockKind::Work,
        task: None,
        done: true,
    }];
    i.tasks = plenty();
    let p = plan(&i);
    let first_rest = p.blocks.iter().find(|b| b.kind.is_break()).cloned();
    assert_eq!(
        first_rest.as_ref().map(|b| b.kind),
        Some(BlockKind::LongBreak)
    );
    assert_eq!(first_rest.map(|b| b.end), Some(at("09:40:12")));
    // The first pomodoro starts on the next whole minute, and the cycle is
    // new after the long break.
    let works = work_blocks(&p);
    assert_eq!(works.first().map(|b| b.start), Some(at("09:41")));
    let second_break = p.blocks.iter().filter(|b| b.kind.is_break()).nth(1);
    assert_eq!(second_break.map(|b| b.kind), Some(BlockKind::ShortBreak));
}

#[test]
fn a_break_already_had_is_not_planned_again() {
    let mut i = input("10:00", "11:00");
    i.cycle_done = 2;
    i.past = vec![Block {
        start: at("09:00"),
        end: at("09:25"),
        kind: BlockKind::Work,
        task: None,
        done: true,
    }];
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(
        layout(&p)[..2],
        ["09:00-09:25 work done", "10:00-10:25 work #1"]
    );
}

#[test]
fn the_first_pomodoro_starts_on_a_whole_minute() {
    let mut i = input("09:00:30", "10:00");
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(work_blocks(&p).first().map(|b| b.start), Some(at("09:01")));
}

#[test]
fn capacity_does_not_depend_on_the_tasks() {
    let mut i = input("09:00", "17:30");
    i.busy = vec![(at("12:00"), at("13:00"))];
    let none = plan(&i);
    assert!(none.blocks.iter().all(|b| b.kind == BlockKind::Busy));
    assert_eq!(none.planned, 0);
    assert_eq!(none.capacity, capacity(&i));
    i.tasks = vec![task("1", "Write report", 2)];
    assert_eq!(plan(&i).capacity, none.capacity);
    assert!(none.capacity > 0);
}

#[test]
fn a_zero_length_pomodoro_fits_nowhere_instead_of_looping() {
    let mut i = input("09:00", "17:00");
    i.work = Duration::ZERO;
    i.tasks = plenty();
    assert_eq!(plan(&i).capacity, 0);
    // Zero-length breaks simply leave no break blocks.
    let mut i = input("09:00", "10:15");
    i.short_break = Duration::ZERO;
    i.tasks = plenty();
    let p = plan(&i);
    assert_eq!(p.capacity, 3);
    assert!(p.blocks.iter().all(|b| b.kind == BlockKind::Work));
}

#[test]
fn long_break_every_zero_makes_every_break_long_like_the_timer() {
    let mut i = input("09:00", "11:00");
    i.long_break_every = 0;
    i.tasks = plenty();
    let p = plan(&i);
    assert!(
        p.blocks
            .iter()
            .filter(|b| b.kind.is_break())
            .all(|b| b.kind == BlockKind::LongBreak)
    );
}

/// Everything a plan must satisfy, whatever its input.
fn check_invariants(i: &PlanInput, p: &Plan) -> Result<(), TestCaseError> {
    let work = TimeDelta::from_std(i.work).expect("small durations");
    let planned: Vec<&Block> = p
        .blocks
        .iter()
        .filter(|b| !b.done && b.kind != BlockKind::Busy)
        .collect();
    let busy: Vec<&Block> = p
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Busy)
        .collect();
    for w in p.blocks.windows(2) {
        prop_assert!(w[0].start <= w[1].start, "blocks out of order");
    }
    for b in &planned {
        prop_assert!(b.start < b.end, "empty block {b:?}");
        prop_assert!(
            b.start >= i.window_start && b.end <= i.window_end,
            "{b:?} outside"
        );
        if b.kind == BlockKind::Work {
            prop_assert_eq!(b.duration(), work);
        }
        for s in &busy {
            prop_assert!(
                b.end <= s.start || b.start >= s.end,
                "{b:?} overlaps busy {s:?}"
            );
        }
    }
    for pair in planned.windows(2) {
        prop_assert!(pair[0].end <= pair[1].start, "{pair:?} overlap");
    }
    for done in &i.past {
        prop_assert!(p.blocks.iter().any(|b| b.done && b.start == done.start));
        for b in &planned {
            prop_assert!(b.start >= done.end, "{b:?} before past {done:?}");
        }
    }
    for s in &busy {
        prop_assert!(s.start >= i.window_start && s.end <= i.window_end);
    }
    for pair in busy.windows(2) {
        prop_assert!(pair[0].end < pair[1].start, "busy not merged: {pair:?}");
    }
    if let Some(last) = planned.last() {
        prop_assert_eq!(last.kind, BlockKind::Work, "trailing break");
    }
    // Between two pomodoros (the past one included) lies at least the
    // break the cycle owes.
    let every = i.long_break_every.max(1);
    let due = match i.cycle_done {
        0 => 0,
        n => (n - 1) % every + 1,
    };
    let mut works: Vec<&Block> = i.past.iter().collect();
    let past_works = works.len();
    works.extend(planned.iter().filter(|b| b.kind == BlockKind::Work));
    let mut pos = if past_works > 0 {
        // The last past pomodoro was the due-th of its cycle.
        due - 1
    } else {
        // A due long break with nothing to time it from counts as taken.
        due % every
    };
    for pair in works.windows(2) {
        pos += 1;
        let owed = if pos == every {
            pos = 0;
            i.long_break
        } else {
            i.short_break
        };
        let owed = TimeDelta::from_std(owed).expect("small durations");
        let gap = pair[1].start - pair[0].end;
        prop_assert!(gap >= owed, "break too short");
        // A busy slot between them lasting with the gap at least a long
        // break was the long break: a new block starts.
        let long = TimeDelta::from_std(i.long_break).expect("small durations");
        if gap >= long
            && busy
                .iter()
                .any(|s| s.start < pair[1].start && s.end > pair[0].end)
        {
            pos = 0;
        }
    }
    let wanted: u32 = i.tasks.iter().map(|t| t.remaining).sum();
    prop_assert_eq!((works.len() - past_works) as u32, p.planned);
    prop_assert_eq!(p.planned, p.capacity.min(wanted));
    prop_assert_eq!(p.planned + p.over_capacity_total(), wanted);
    prop_assert_eq!(p.capacity, capacity(i));
    Ok(())
}

fn arb_input() -> impl Strategy<Value = PlanInput> {
    (
        0i64..600,
        0i64..900,
        prop::collection::vec((-60i64..900, 1i64..180), 0..5),
        (1u64..60, 0u64..20, 0u64..40, 0u32..6, 0u32..10),
        prop::collection::vec(0u32..6, 0..4),
        prop::option::of(0i64..120),
    )
        .prop_map(
            |(start, len, busy, (work, short, long, every, cycle), remaining, past)| {
                let base = at("06:00");
                let m = TimeDelta::minutes;
                PlanInput {
                    window_start: base + m(start),
                    window_end: base + m(start + len),
                    busy: busy
                        .into_iter()
                        .map(|(s, l)| (base + m(s), base + m(s + l)))
                        .collect(),
                    work: mins(work),
                    short_break: mins(short),
                    long_break: mins(long),
                    long_break_every: every,
                    cycle_done: cycle,
                    done_today: cycle,
                    tasks: remaining
                        .into_iter()
                        .enumerate()
                        .map(|(n, r)| task(&(n + 1).to_string(), "Task", r))
                        .collect(),
                    // A pomodoro that ended up to two hours before the
                    // window, as when re-planning from now; it is the
                    // cycle's last, so it needs a cycle under way.
                    past: past
                        .filter(|_| cycle > 0)
                        .map(|ago| {
                            let end = base + m(start - ago);
                            Block {
                                start: end - TimeDelta::minutes(work as i64),
                                end,
                                kind: BlockKind::Work,
                                task: None,
                                done: true,
                            }
                        })
                        .into_iter()
                        .collect(),
                    block: 0,
                    goal: None,
                    best_hours: None,
                }
            },
        )
}

proptest! {
    #[test]
    fn planned_blocks_never_overlap_and_pomodoros_are_whole(i in arb_input()) {
        let p = plan(&i);
        check_invariants(&i, &p)?;
    }

    /// Without busy slots the layout is exactly the method's arithmetic:
    /// the largest k with k·work + the k−1 breaks the cycle gives ≤ window.
    #[test]
    fn without_busy_slots_capacity_is_the_method_arithmetic(
        len in 0i64..900,
        work in 1u64..60,
        short in 0u64..20,
        long in 0u64..40,
        every in 1u32..6,
        cycle in 0u32..6,
    ) {
        let mut i = input("08:00", "08:00");
        i.window_end = i.window_start + TimeDelta::minutes(len);
        i.work = mins(work);
        i.short_break = mins(short);
        i.long_break = mins(long);
        i.long_break_every = every;
        i.cycle_done = cycle;
        let mut pos = match cycle { 0 => 0, n => (n - 1) % every + 1 } % every;
        let (mut k, mut used) = (0u32, 0i64);
        loop {
            let need = used + work as i64;
            if need > len {
                break;
            }
            k += 1;
            pos += 1;
            let brk = if pos == every { pos = 0; long } else { short };
            used = need + brk as i64;
        }
        prop_assert_eq!(capacity(&i), k);
    }
}

// ---------------------------------------------------------------------------
// Blocks of k, the daily goal and the best hours
// ---------------------------------------------------------------------------

/// W of each planned block, in minutes.
fn block_minutes(p: &Plan) -> Vec<(u32, i64)> {
    p.focus_blocks
        .iter()
        .map(|b| (b.pomodoros, b.length().num_minutes()))
        .collect()
}

#[test]
fn eight_free_hours_in_blocks_of_four_25_5_are_blocks_of_115_minutes() {
    let mut i = input("09:00", "17:00");
    i.tasks = vec![task("1", "Thesis", 20)];
    let p = plan(&i);
    // W = 4·25 + 3·5 = 115; a long break of 15 between blocks: three whole
    // blocks (09:00–15:15) and the largest that fits the last 1:45 is 3.
    assert_eq!(block_minutes(&p), [(4, 115), (4, 115), (4, 115), (3, 85)]);
    assert_eq!(p.block, 4);
    assert_eq!(p.focus_blocks[0].start, at("09:00"));
    assert_eq!(p.focus_blocks[0].end, at("10:55"));
    assert_eq!(p.focus_blocks[1].start, at("11:10"));
    // Between blocks the long break, inside them short ones.
    let breaks: Vec<_> = p
        .planned_blocks(BlockKind::LongBreak)
        .map(|b| (b.start, b.end))
        .collect();
    assert_eq!(breaks[0], (at("10:55"), at("11:10")));
    assert_eq!(breaks.len(), 3);
}

#[test]
fn a_block_size_of_two_puts_a_long_break_after_every_second_pomodoro() {
    let mut i = input("09:00", "11:00");
    i.tasks = vec![task("1", "Thesis", 20)];
    i.block = 2;
    let p = plan(&i);
    // 55 + 15 + 55 = 125 > 120: the second block is a single pomodoro.
    assert_eq!(block_minutes(&p), [(2, 55), (1, 25)]);
    assert_eq!(p.block, 2);
    assert_eq!(p.planned_blocks(BlockKind::LongBreak).count(), 1);
}

#[test]
fn a_meeting_as_long_as_a_long_break_ends_a_block_and_a_whole_one_follows() {
    let mut i = input("09:00", "14:00");
    i.busy = vec![(at("10:00"), at("11:00"))];
    i.tasks = vec![task("1", "Thesis", 20)];
    let p = plan(&i);
    // Two fit before the meeting; the hour of it was the long break, so
    // after it a block of four starts, not the two left of the cycle.
    assert_eq!(block_minutes(&p)[..2], [(2, 55), (4, 115)]);
    assert_eq!(p.focus_blocks[1].start, at("11:00"));
}

#[test]
fn a_short_meeting_cuts_a_block_and_the_cycle_goes_on() {
    let mut i = input("09:00", "12:00");
    i.busy = vec![(at("09:55"), at("10:05"))];
    i.tasks = vec![task("1", "Thesis", 20)];
    let p = plan(&i);
    // 09:55–10:05 plus nothing: shorter than a long break, so the block
    // after it closes the cycle of four.
    assert_eq!(block_minutes(&p)[..2], [(2, 55), (2, 55)]);
    assert_eq!(p.focus_blocks[1].start, at("10:05"));
}

#[test]
fn the_daily_goal_stops_the_plan_and_says_so() {
    let mut i = input("09:00", "17:00");
    i.tasks = vec![task("1", "Thesis", 6), task("2", "Emails", 4)];
    i.goal = Some(5);
    let p = plan(&i);
    assert_eq!(p.planned, 5);
    assert!(p.stopped_at_goal);
    assert_eq!(p.capacity, 15);
    assert_eq!(
        p.over_capacity
            .iter()
            .map(|o| (o.id.as_str(), o.pomodoros))
            .collect::<Vec<_>>(),
        [("1", 1), ("2", 4)]
    );
    // A goal the tasks do not reach stops nothing.
    i.goal = Some(50);
    let p = plan(&i);
    assert_eq!(p.planned, 10);
    assert!(!p.stopped_at_goal);
}

#[test]
fn the_most_important_work_goes_to_the_peak_hours_and_the_least_to_the_troughs() {
    let mut i = input("09:00", "12:10");
    // Priority order: Thesis first, Filing last.
    i.tasks = vec![
        task("1", "Thesis", 2),
        task("2", "Review", 2),
        task("3", "Filing", 2),
    ];
    i.best_hours = Some(BestHours {
        peaks: vec![Hours { from: 11, to: 12 }],
        troughs: vec![Hours { from: 9, to: 10 }],
    });
    let p = plan(&i);
    let who: Vec<(String, String)> = p
        .planned_blocks(BlockKind::Work)
        .map(|b| {
            (
                b.start.format("%H:%M").to_string(),
                b.task.as_ref().map(|t| t.title.clone()).unwrap_or_default(),
            )
        })
        .collect();
    let who: Vec<(&str, &str)> = who.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(
        who,
        [
            ("09:00", "Filing"),
            ("09:30", "Filing"),
            ("10:00", "Review"),
            ("10:30", "Review"),
            ("11:10", "Thesis"),
            ("11:40", "Thesis"),
        ]
    );
    assert_eq!(p.in_best_hours, Some((2, 2)));
    // Without the curve, priority order from the start.
    i.best_hours = None;
    let p = plan(&i);
    let first = p.planned_blocks(BlockKind::Work).next().expect("planned");
    assert_eq!(
        first.task.as_ref().map(|t| t.title.as_str()),
        Some("Thesis")
    );
    assert_eq!(p.in_best_hours, None);
}
