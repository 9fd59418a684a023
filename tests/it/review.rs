//! Tests of `focus::domain::review` on hand-built logs: what counts where, the split
//! rule, streaks, DST, far-away offsets, `day_starts_at`, `week_starts_on`,
//! tasks, tags, peaks and interruptions.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Weekday};
use focus::domain::record::{InterruptionKind, Kind, Outcome, Record};
use focus::domain::review::{
    self, Calendar, Estimate, Period, Review, Tally, focused_secs_on, meets_goal,
};
use focus::domain::stats;

use crate::common::record::work;
use proptest::prelude::*;

fn ts(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("test timestamp")
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// `n` pomodoros on `day` from 09:00 at `offset`, 30 minutes apart.
fn pomodoros(day: &str, n: u32, offset: &str) -> Vec<Record> {
    (0..n)
        .map(|i| {
            let start =
                ts(&format!("{day}T09:00:00{offset}")) + Duration::minutes(30 * i64::from(i));
            let end = start + Duration::minutes(25);
            work(&start.to_rfc3339(), &end.to_rfc3339()).build()
        })
        .collect()
}

fn range(from: &str, to: &str) -> Period {
    Period::custom(date(from), date(to)).expect("range")
}

fn cal() -> Calendar {
    Calendar::default()
}

fn four_am() -> Calendar {
    Calendar {
        day_starts_at: NaiveTime::from_hms_opt(4, 0, 0).expect("time"),
        ..Calendar::default()
    }
}

#[test]
fn pomodoros_and_minutes_per_day_week_and_hour() {
    let log = vec![
        work("2026-03-02T09:00:00+01:00", "2026-03-02T09:25:00+01:00").build(),
        work("2026-03-02T09:30:00+01:00", "2026-03-02T09:55:00+01:00").build(),
        // Skipped after 10 minutes: focus, not a pomodoro.
        work("2026-03-02T14:00:00+01:00", "2026-03-02T14:10:00+01:00")
            .outcome(Outcome::Skipped)
            .focused(600)
            .build(),
        work("2026-03-02T09:25:00+01:00", "2026-03-02T09:30:00+01:00")
            .kind(Kind::ShortBreak)
            .build(),
        work("2026-03-04T10:40:00+01:00", "2026-03-04T11:05:00+01:00").build(),
        work("2026-03-09T09:00:00+01:00", "2026-03-09T09:25:00+01:00").build(),
    ];
    let review = Review::of(cal(), range("2026-03-01", "2026-03-10"), &log);

    let days: Vec<(NaiveDate, u32, u64)> = review
        .days()
        .map(|d| (d.date, d.tally.pomodoros, d.tally.focused_secs))
        .collect();
    assert_eq!(days.len(), 10, "every day, empty ones too");
    assert_eq!(days[0], (date("2026-03-01"), 0, 0));
    assert_eq!(days[1], (date("2026-03-02"), 2, 3600));
    assert_eq!(days[3], (date("2026-03-04"), 1, 1500));
    assert_eq!(days[8], (date("2026-03-09"), 1, 1500));
    let mar2 = review.day(date("2026-03-02"));
    assert_eq!(
        (mar2.work_sessions, mar2.breaks, mar2.break_secs),
        (3, 1, 300)
    );

    let weeks = review.weeks(review.period().to(), 2);
    let spans: Vec<(NaiveDate, NaiveDate, u32, u64, u32)> = weeks
        .iter()
        .map(|w| {
            (
                w.from,
                w.to,
                w.tally.pomodoros,
                w.tally.focused_secs,
                w.goal_days,
            )
        })
        .collect();
    assert_eq!(
        spans,
        vec![
            // Clipped to the period: it starts on a Sunday.
            (date("2026-03-01"), date("2026-03-01"), 0, 0, 0),
            (date("2026-03-02"), date("2026-03-08"), 3, 5100, 1),
            (date("2026-03-09"), date("2026-03-10"), 1, 1500, 0),
        ]
    );

    let hours = review.hours();
    assert_eq!((hours[9].pomodoros, hours[9].focused_secs), (3, 4500));
    // 10:40–11:05 is split between 10 and 11, and counts in 11.
    assert_eq!((hours[10].pomodoros, hours[10].focused_secs), (0, 1200));
    assert_eq!((hours[11].pomodoros, hours[11].focused_secs), (1, 300));
    assert_eq!(hours[14].focused_secs, 600);
    let total: u64 = hours.iter().map(|h| h.focused_secs).sum();
    assert_eq!(
        total,
        review.totals(review.period().to(), 2).tally.focused_secs
    );
    assert_eq!(total, 1500 * 4 + 600);
}

#[test]
fn a_session_across_midnight_counts_on_its_last_day_and_splits_its_minutes() {
    let r = work("2026-03-02T23:50:00+01:00", "2026-03-03T00:15:00+01:00").build();
    let review = Review::of(cal(), range("2026-03-02", "2026-03-03"), [&r]);
    let (mon, tue) = (
        review.day(date("2026-03-02")),
        review.day(date("2026-03-03")),
    );
    assert_eq!((mon.pomodoros, mon.focused_secs), (0, 600));
    assert_eq!((tue.pomodoros, tue.focused_secs), (1, 900));
    assert_eq!(review.hours()[23].focused_secs, 600);
    assert_eq!(review.hours()[0].focused_secs, 900);

    // The Today panel and `focus today` agree with the report.
    let midnight = NaiveTime::MIN;
    let before = stats::day_summary([&r], date("2026-03-02"), midnight);
    let after = stats::day_summary([&r], date("2026-03-03"), midnight);
    assert_eq!((before.pomodoros, before.focused_secs), (0, 600));
    assert_eq!((after.pomodoros, after.focused_secs), (1, 900));
}

#[test]
fn paused_time_shrinks_every_share_in_proportion() {
    // An hour of wall time holding 25 minutes of focus: half on each day.
    let mut r = work("2026-03-02T23:30:00+01:00", "2026-03-03T00:30:00+01:00")
        .focused(1500)
        .paused(2100)
        .build();
    assert_eq!(focused_secs_on(&r, date("2026-03-02"), NaiveTime::MIN), 750);
    assert_eq!(focused_secs_on(&r, date("2026-03-03"), NaiveTime::MIN), 750);
    // Odd amounts still add up to the whole.
    r.focused_secs = 1501;
    let a = focused_secs_on(&r, date("2026-03-02"), NaiveTime::MIN);
    let b = focused_secs_on(&r, date("2026-03-03"), NaiveTime::MIN);
    assert_eq!(a + b, 1501);
}

#[test]
fn a_zero_length_or_backwards_span_goes_to_its_end() {
    let zero = work("2026-03-03T00:00:00+01:00", "2026-03-03T00:00:00+01:00")
        .focused(1500)
        .build();
    // The wall clock was stepped back during this one.
    let backwards = work("2026-03-03T00:10:00+01:00", "2026-03-02T23:00:00+01:00")
        .focused(1500)
        .build();
    // And forward by days during this one.
    let huge = work("2026-02-01T09:00:00+01:00", "2026-03-03T00:20:00+01:00")
        .focused(1500)
        .build();
    for r in [&zero, &huge] {
        assert_eq!(focused_secs_on(r, date("2026-03-03"), NaiveTime::MIN), 1500);
        assert_eq!(focused_secs_on(r, date("2026-03-02"), NaiveTime::MIN), 0);
    }
    assert_eq!(
        focused_secs_on(&backwards, date("2026-03-02"), NaiveTime::MIN),
        1500
    );
    let review = Review::of(cal(), range("2026-02-01", "2026-03-03"), [&zero, &huge]);
    assert_eq!(review.day(date("2026-03-03")).focused_secs, 3000);
    assert_eq!(
        review.totals(review.period().to(), 8).tally.focused_secs,
        3000
    );
    assert_eq!(review.hours()[0].focused_secs, 3000);
}

proptest! {
    #[test]
    fn shares_always_add_up_to_the_focused_seconds(
        start in 0i64..2_000_000_000,
        span in -3_600i64..200_000,
        amount in 0u64..100_000,
        start_offset in -12i32..=14,
        end_offset in -12i32..=14,
        day_start_min in 0u32..1440,
    ) {
        let start_tz = FixedOffset::east_opt(start_offset * 3600).expect("offset");
        let end_tz = FixedOffset::east_opt(end_offset * 3600).expect("offset");
        let s = DateTime::from_timestamp(start, 0).expect("instant").with_timezone(&start_tz);
        let e = (DateTime::from_timestamp(start, 0).expect("instant") + Duration::seconds(span))
            .with_timezone(&end_tz);
        let day_start = NaiveTime::from_num_seconds_from_midnight_opt(day_start_min * 60, 0)
            .expect("time");
        let mut sum = 0;
        let mut pieces = 0;
        review::spread(s, e, amount, day_start, |_, hour, secs| {
            assert!(hour < 24);
            sum += secs;
            pieces += 1;
        });
        prop_assert_eq!(sum, amount);
        prop_assert!(pieces <= 2 * 24 * 2 + 4, "{} pieces", pieces);
    }
}

fn goal_days(days: &[&str], n: u32) -> Vec<Record> {
    days.iter()
        .flat_map(|d| pomodoros(d, n, "+01:00"))
        .collect()
}

#[test]
fn streaks_run_across_month_and_year_ends() {
    let mut log = goal_days(
        &[
            "2025-12-28",
            "2025-12-29",
            "2025-12-30",
            "2025-12-31",
            "2026-01-01",
            "2026-01-02",
        ],
        3,
    );
    // One short day breaks the run; then across the end of January.
    log.extend(pomodoros("2026-01-03", 2, "+01:00"));
    log.extend(goal_days(
        &["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02"],
        4,
    ));
    let period = range("2025-12-01", "2026-02-28");
    let review = Review::of(cal(), period, &log);

    let s = review.streaks(date("2026-02-03"), 3);
    assert_eq!(
        s.current.days, 4,
        "today not met yet: the run up to yesterday"
    );
    assert_eq!(s.current.from, Some(date("2026-01-30")));
    assert_eq!(s.current.to, Some(date("2026-02-02")));
    assert!(!s.current_may_be_longer);
    assert_eq!(s.best.days, 6);
    assert_eq!(
        (s.best.from, s.best.to),
        (Some(date("2025-12-28")), Some(date("2026-01-02")))
    );

    // A gap of a day before today: no current streak.
    assert_eq!(review.streaks(date("2026-02-04"), 3).current.days, 0);
    // As of the first of January, today already meets the goal and counts.
    let s = review.streaks(date("2026-01-01"), 3);
    assert_eq!(
        (s.current.days, s.current.from, s.current.to),
        (5, Some(date("2025-12-28")), Some(date("2026-01-01")))
    );
    // With a goal of 4, only the January run is long enough.
    let s = review.streaks(date("2026-02-02"), 4);
    assert_eq!((s.current.days, s.best.days), (4, 4));
    // With no goal, any day with a pomodoro counts: the short day joins
    // the December run.
    assert_eq!(review.streaks(date("2026-01-03"), 0).current.days, 7);
    assert!(meets_goal(1, 0) && !meets_goal(0, 0));
}

#[test]
fn the_best_streak_is_inside_the_range_and_the_current_one_may_reach_past_it() {
    let log = goal_days(
        &[
            "2026-02-25",
            "2026-02-26",
            "2026-02-27",
            "2026-02-28",
            "2026-03-01",
            "2026-03-02",
        ],
        2,
    );
    let march = Period::month_of(date("2026-03-15"));
    let review = Review::of(cal(), march, &log);
    let s = review.streaks(date("2026-03-02"), 2);
    assert_eq!(s.current.days, 6);
    assert_eq!(s.best.days, 2, "only March's days are in the range");

    // A reader that fed only the range's records is told to look further.
    let mut partial = Review::new(cal(), march);
    partial.extend(
        log.iter()
            .filter(|r| r.ended_at >= ts("2026-02-28T00:00:00+01:00")),
    );
    let s = partial.streaks(date("2026-03-02"), 2);
    assert!(s.current_may_be_longer);
    assert_eq!(s.current.days, 2, "as far as is known");
    partial.extend(
        log.iter()
            .filter(|r| r.ended_at < ts("2026-02-28T00:00:00+01:00")),
    );
    partial.set_known_from(date("2026-02-01"));
    let s = partial.streaks(date("2026-03-02"), 2);
    assert!(!s.current_may_be_longer);
    assert_eq!(s.current.days, 6);
}

#[test]
fn the_spring_dst_day_has_23_hours() {
    // 2026-03-29: clocks go from 02:00 +01:00 to 03:00 +02:00.
    let log = vec![
        work("2026-03-29T00:30:00+01:00", "2026-03-29T00:55:00+01:00").build(),
        work("2026-03-29T01:20:00+01:00", "2026-03-29T01:45:00+01:00").build(),
        // Across the change: 25 real minutes, 10 before and 15 after.
        work("2026-03-29T01:50:00+01:00", "2026-03-29T03:15:00+02:00").build(),
        work("2026-03-29T03:30:00+02:00", "2026-03-29T03:55:00+02:00").build(),
        work("2026-03-29T23:30:00+02:00", "2026-03-29T23:55:00+02:00").build(),
    ];
    assert_eq!(log[2].focused_secs, 1500);
    let review = Review::of(cal(), Period::Day(date("2026-03-29")), &log);
    let day = review.day(date("2026-03-29"));
    assert_eq!((day.pomodoros, day.focused_secs), (5, 5 * 1500));
    let h = review.hours();
    assert_eq!(h[0].focused_secs, 1500);
    assert_eq!(h[1].focused_secs, 1500 + 600);
    assert_eq!(h[2], Tally::default(), "02:00–03:00 did not exist");
    assert_eq!(h[3].focused_secs, 900 + 1500);
    assert_eq!((h[3].pomodoros, h[23].pomodoros), (2, 1));
    let hours_with_focus = h.iter().filter(|t| t.focused_secs > 0).count();
    assert_eq!(hours_with_focus, 4);
}

#[test]
fn the_autumn_dst_day_has_25_hours() {
    // 2026-10-25: clocks go from 03:00 +02:00 back to 02:00 +01:00, so
    // 02:xx happens twice.
    let log = vec![
        work("2026-10-25T00:10:00+02:00", "2026-10-25T00:35:00+02:00").build(),
        work("2026-10-25T02:05:00+02:00", "2026-10-25T02:30:00+02:00").build(),
        // Across the change: 02:50 +02:00 to 02:15 +01:00 is 25 minutes.
        work("2026-10-25T02:50:00+02:00", "2026-10-25T02:15:00+01:00").build(),
        work("2026-10-25T02:30:00+01:00", "2026-10-25T02:55:00+01:00").build(),
        work("2026-10-25T23:30:00+01:00", "2026-10-25T23:55:00+01:00").build(),
    ];
    assert_eq!(log[2].focused_secs, 1500);
    let review = Review::of(cal(), Period::Day(date("2026-10-25")), &log);
    let day = review.day(date("2026-10-25"));
    assert_eq!((day.pomodoros, day.focused_secs), (5, 5 * 1500));
    let h = review.hours();
    assert_eq!((h[2].pomodoros, h[2].focused_secs), (3, 3 * 1500));
    assert_eq!(h[3], Tally::default());
    assert_eq!(
        focused_secs_on(&log[2], date("2026-10-25"), NaiveTime::MIN),
        1500
    );
}

#[test]
fn records_far_east_and_far_west_keep_their_own_local_days() {
    // Written at UTC+14 on the 2nd (the 1st, 19:00 UTC) and at UTC−12 on
    // the 1st (the 2nd, 08:00 UTC): each counts where it was written.
    let east = work("2026-03-02T09:00:00+14:00", "2026-03-02T09:25:00+14:00").build();
    let west = work("2026-03-01T20:00:00-12:00", "2026-03-01T20:25:00-12:00").build();
    assert!(east.ended_at < west.ended_at);
    let review = Review::of(cal(), range("2026-03-01", "2026-03-02"), [&west, &east]);
    assert_eq!(review.day(date("2026-03-01")).pomodoros, 1);
    assert_eq!(review.day(date("2026-03-02")).pomodoros, 1);
    let h = review.hours();
    assert_eq!((h[9].pomodoros, h[20].pomodoros), (1, 1));
    assert_eq!(
        stats::day_summary([&west, &east], date("2026-03-01"), NaiveTime::MIN).pomodoros,
        1
    );
}

#[test]
fn day_starts_at_four_moves_the_small_hours_to_the_day_before() {
    let log = vec![
        work("2026-03-03T02:30:00+01:00", "2026-03-03T02:55:00+01:00").build(),
        // Across the 04:00 boundary: 10 minutes on the 2nd, 15 on the 3rd.
        work("2026-03-03T03:50:00+01:00", "2026-03-03T04:15:00+01:00").build(),
        work("2026-03-03T09:00:00+01:00", "2026-03-03T09:25:00+01:00").build(),
    ];
    let review = Review::of(four_am(), range("2026-03-02", "2026-03-03"), &log);
    let (mon, tue) = (
        review.day(date("2026-03-02")),
        review.day(date("2026-03-03")),
    );
    assert_eq!((mon.pomodoros, mon.focused_secs), (1, 1500 + 600));
    assert_eq!((tue.pomodoros, tue.focused_secs), (2, 900 + 1500));
    // Hours stay clock hours.
    let h = review.hours();
    assert_eq!(
        (h[2].focused_secs, h[3].focused_secs, h[4].focused_secs),
        (1500, 600, 900)
    );
    // The small hours sit in the row of the evening's weekday (Monday).
    let rows = review.weekday_hours();
    assert_eq!(rows[0].0, Weekday::Mon);
    assert_eq!(rows[0].1[2].focused_secs, 1500);
    assert_eq!(rows[1].1[2].focused_secs, 0);
    // And the Today panel agrees.
    let ds = four_am().day_starts_at;
    assert_eq!(
        stats::day_summary(&log, date("2026-03-02"), ds),
        stats::DaySummary {
            pomodoros: 1,
            focused_secs: 2100
        }
    );

    // A start that is not on the hour cuts the hour in two.
    let half = Calendar {
        day_starts_at: NaiveTime::from_hms_opt(4, 30, 0).expect("time"),
        ..Calendar::default()
    };
    let r = work("2026-03-03T04:10:00+01:00", "2026-03-03T04:35:00+01:00").build();
    let review = Review::of(half, range("2026-03-02", "2026-03-03"), [&r]);
    assert_eq!(review.day(date("2026-03-02")).focused_secs, 1200);
    assert_eq!(review.day(date("2026-03-03")).focused_secs, 300);
    assert_eq!(review.hours()[4].focused_secs, 1500);
}

#[test]
fn weeks_start_on_the_configured_day() {
    // Sunday 2026-03-08 and Monday 2026-03-09.
    let log = [
        pomodoros("2026-03-08", 2, "+01:00"),
        pomodoros("2026-03-09", 3, "+01:00"),
    ]
    .concat();
    let monday = Calendar::default();
    let sunday = Calendar {
        week_starts_on: Weekday::Sun,
        ..Calendar::default()
    };
    let day = date("2026-03-08");
    assert_eq!(Period::week_of(day, &monday).from(), date("2026-03-02"));
    assert_eq!(Period::week_of(day, &sunday).from(), date("2026-03-08"));
    assert_eq!(Period::week_of(day, &sunday).to(), date("2026-03-14"));

    let period = range("2026-03-01", "2026-03-14");
    let by_monday = Review::of(monday, period, &log).weeks(period.to(), 1);
    let by_sunday = Review::of(sunday, period, &log).weeks(period.to(), 1);
    let poms = |w: &[review::Bucket]| {
        w.iter()
            .map(|b| (b.from, b.tally.pomodoros))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        poms(&by_monday),
        vec![
            (date("2026-03-01"), 0),
            (date("2026-03-02"), 2),
            (date("2026-03-09"), 3)
        ]
    );
    assert_eq!(
        poms(&by_sunday),
        vec![(date("2026-03-01"), 0), (date("2026-03-08"), 5)]
    );
    let rows = Review::of(sunday, period, &log).weekday_hours();
    assert_eq!(rows[0].0, Weekday::Sun);
    assert_eq!(rows[6].0, Weekday::Sat);
    assert_eq!(
        rows[0].1[9].pomodoros, 2,
        "Sunday's two, at 09:25 and 09:55"
    );
}

#[test]
fn tasks_by_id_or_title_with_estimates_most_over_first() {
    let at = |h: u32| {
        (
            format!("2026-03-02T{h:02}:00:00+01:00"),
            format!("2026-03-02T{h:02}:25:00+01:00"),
        )
    };
    let w = |h: u32| {
        let (s, e) = at(h);
        work(&s, &e)
    };
    let log = vec![
        // T1 renamed along the way; the latest title wins, whatever the
        // feeding order.
        w(13)
            .task_id("T1")
            .task("Draft v2")
            .tags(&["writing"])
            .build(),
        w(8).task_id("T1").task("Draft").tags(&["writing"]).build(),
        w(9).task_id("T1").task("Draft").tags(&["writing"]).build(),
        w(10).task_id("T1").task("Draft").tags(&["writing"]).build(),
        w(11)
            .task_id("T2")
            .task("Review")
            .tags(&["code", "review"])
            .build(),
        w(12).task_id("T2").task("Review").tags(&["code"]).build(),
        w(14)
            .outcome(Outcome::Abandoned)
            .task_id("T2")
            .task("Review")
            .tags(&["code"])
            .build(),
        w(15).task("Inbox").build(),
        w(16).task("Inbox").build(),
        w(17).task("Call, \"urgent\"").tags(&["admin"]).build(),
        w(18).task("Call, \"urgent\"").tags(&["admin"]).build(),
        w(19).task("Call, \"urgent\"").tags(&["admin"]).build(),
        w(20).build(),
        w(21).build(),
        w(22).build(),
        w(23).build(),
    ];
    let review = Review::of(cal(), Period::Day(date("2026-03-02")), &log);
    let estimates = [
        Estimate {
            id: "T1".into(),
            title: "Draft".into(),
            pomodoros: 2,
            // The task list's count: all of it was done today.
            done: 4,
        },
        Estimate {
            id: "T2".into(),
            title: "Review".into(),
            pomodoros: 5,
            done: 2,
        },
        Estimate {
            id: "T9".into(),
            title: "Inbox".into(),
            pomodoros: 1,
            done: 2,
        },
    ];
    let rows = review.tasks(&estimates);
    /// id, title, actual, estimate, over.
    type Summary<'a> = (
        Option<&'a str>,
        Option<&'a str>,
        u32,
        Option<u32>,
        Option<i64>,
    );
    let summary: Vec<Summary> = rows
        .iter()
        .map(|r| {
            (
                r.id.as_deref(),
                r.title.as_deref(),
                r.pomodoros,
                r.estimate,
                r.over(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (Some("T1"), Some("Draft v2"), 4, Some(2), Some(2)),
            (None, Some("Inbox"), 2, Some(1), Some(1)),
            (Some("T2"), Some("Review"), 2, Some(5), Some(-3)),
            (None, Some("Call, \"urgent\""), 3, None, None),
            (None, None, 4, None, None),
        ]
    );
    assert_eq!(rows[0].tags, vec!["writing".to_string()]);
    assert_eq!(rows[2].sessions, 3, "the abandoned one is a session");
    assert_eq!(rows[2].focused_secs, 3 * 1500);

    let tags: Vec<(String, u32, u64)> = review
        .tags()
        .into_iter()
        .map(|t| (t.tag, t.pomodoros, t.focused_secs))
        .collect();
    assert_eq!(
        tags,
        vec![
            ("writing".to_string(), 4, 6000),
            // Equal focus: more pomodoros first.
            ("admin".to_string(), 3, 4500),
            ("code".to_string(), 2, 4500),
            ("review".to_string(), 1, 1500),
        ]
    );

    // Without estimates, most focus first, work without a task last.
    let plain = review.tasks(&[]);
    assert_eq!(
        plain.iter().map(|r| r.title.as_deref()).collect::<Vec<_>>(),
        vec![
            Some("Draft v2"),
            Some("Call, \"urgent\""),
            Some("Review"),
            Some("Inbox"),
            None
        ]
    );
}

#[test]
fn tasks_outside_the_period_are_left_out_but_lend_their_latest_title() {
    let before = work("2026-03-01T09:00:00+01:00", "2026-03-01T09:25:00+01:00")
        .task_id("T1")
        .task("Old")
        .build();
    let inside = work("2026-03-02T09:00:00+01:00", "2026-03-02T09:25:00+01:00")
        .task_id("T1")
        .task("Middle")
        .build();
    let after = work("2026-03-03T09:00:00+01:00", "2026-03-03T09:25:00+01:00")
        .task_id("T1")
        .task("New")
        .build();
    let other = work("2026-03-03T10:00:00+01:00", "2026-03-03T10:25:00+01:00")
        .task_id("T2")
        .task("Elsewhere")
        .build();
    let review = Review::of(
        cal(),
        Period::Day(date("2026-03-02")),
        [&before, &inside, &after, &other],
    );
    let rows = review.tasks(&[]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].title.as_deref(), Some("New"));
    assert_eq!(rows[0].pomodoros, 1);
}

#[test]
fn interruptions_by_day_and_hour_and_the_latest_notes() {
    let a = work("2026-03-02T09:00:00+01:00", "2026-03-02T09:25:00+01:00")
        .interruption(
            "2026-03-02T09:05:00+01:00",
            InterruptionKind::Internal,
            Some("coffee"),
        )
        .interruption(
            "2026-03-02T09:10:00+01:00",
            InterruptionKind::External,
            Some("  "),
        )
        .build();
    let b = work("2026-03-03T23:50:00+01:00", "2026-03-04T00:15:00+01:00")
        .task("Late")
        .interruption(
            "2026-03-04T00:01:00+01:00",
            InterruptionKind::External,
            Some("phone"),
        )
        .build();
    let c = work("2026-03-04T10:00:00+01:00", "2026-03-04T10:25:00+01:00")
        .interruption("2026-03-04T10:01:00+01:00", InterruptionKind::Unknown, None)
        .build();
    let review = Review::of(cal(), range("2026-03-02", "2026-03-04"), [&a, &b, &c]).with_notes(1);
    let d = |s: &str| review.day(date(s));
    assert_eq!((d("2026-03-02").internal, d("2026-03-02").external), (1, 1));
    assert_eq!(d("2026-03-03").interruptions, 0, "counted when marked");
    assert_eq!(
        (d("2026-03-04").interruptions, d("2026-03-04").external),
        (2, 1)
    );
    let h = review.hours();
    assert_eq!((h[9].internal, h[9].external, h[0].external), (1, 1, 1));
    assert_eq!(h[10].interruptions, 1, "unknown kinds count in the total");
    let notes = review.recent_notes();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].note, "phone");
    assert_eq!(notes[0].task.as_deref(), Some("Late"));
    let all = Review::of(cal(), range("2026-03-02", "2026-03-04"), [&c, &b, &a]).recent_notes();
    let texts: Vec<&str> = all.iter().map(|n| n.note.as_str()).collect();
    assert_eq!(texts, vec!["phone", "coffee"], "blank notes are no notes");
}

#[test]
fn unknown_kinds_and_outcomes_count_what_they_can() {
    let line = |kind: &str, outcome: &str| {
        format!(
            r#"{{"v":2,"id":"x","kind":"{kind}","started_at":"2026-03-02T09:00:00+01:00","ended_at":"2026-03-02T09:25:00+01:00","planned_secs":1500,"focused_secs":1500,"paused_secs":0,"outcome":"{outcome}","interruptions":[{{"at":"2026-03-02T09:05:00+01:00","kind":"telepathic"}}],"mood":"great"}}"#
        )
    };
    let parse = |s: String| serde_json::from_str::<Record>(&s).expect("newer record parses");
    let meditation = parse(line("meditation", "completed"));
    let merged = parse(line("work", "merged"));
    assert_eq!(
        (meditation.kind, merged.outcome),
        (Kind::Unknown, Outcome::Unknown)
    );
    let review = Review::of(
        cal(),
        Period::Day(date("2026-03-02")),
        [&meditation, &merged],
    );
    let day = review.day(date("2026-03-02"));
    assert_eq!(day.pomodoros, 0);
    assert_eq!(day.work_sessions, 1);
    assert_eq!(day.focused_secs, 1500, "only the work record's focus");
    assert_eq!(day.breaks, 0);
    assert_eq!(day.interruptions, 2);
    assert_eq!((day.internal, day.external), (0, 0));
}

#[test]
fn periods_step_back_and_forth_across_year_ends() {
    let monday = Calendar::default();
    let d = Period::Day(date("2026-01-01"));
    assert_eq!(d.prev(), Period::Day(date("2025-12-31")));
    assert_eq!(d.prev().next(), d);

    let w = Period::week_of(date("2026-01-01"), &monday);
    assert_eq!((w.from(), w.to()), (date("2025-12-29"), date("2026-01-04")));
    assert_eq!(w.next().from(), date("2026-01-05"));
    assert_eq!(w.prev().to(), date("2025-12-28"));

    let m = Period::month_of(date("2026-01-15"));
    assert_eq!((m.from(), m.to()), (date("2026-01-01"), date("2026-01-31")));
    assert_eq!(m.prev(), Period::month_of(date("2025-12-31")));
    assert_eq!(m.next().to(), date("2026-02-28"));
    assert_eq!(
        Period::month_of(date("2028-02-10")).to(),
        date("2028-02-29")
    );
    assert_eq!(m.len_days(), 31);

    let c = range("2025-12-30", "2026-01-02");
    assert_eq!(c.next(), range("2026-01-03", "2026-01-06"));
    assert_eq!(c.prev(), range("2025-12-26", "2025-12-29"));
    assert!(Period::custom(date("2026-01-02"), date("2026-01-01")).is_none());

    let four = Period::last_weeks(date("2026-03-31"), 4);
    assert_eq!(
        (four.from(), four.to()),
        (date("2026-03-04"), date("2026-03-31"))
    );
    assert_eq!(four.dates().count(), 28);

    assert_eq!(
        Period::Day(NaiveDate::MIN).prev(),
        Period::Day(NaiveDate::MIN)
    );
}

#[test]
fn months_are_cut_at_calendar_months() {
    let log = [
        pomodoros("2026-01-31", 2, "+01:00"),
        pomodoros("2026-02-01", 3, "+01:00"),
        pomodoros("2026-03-10", 1, "+01:00"),
    ]
    .concat();
    let review = Review::of(cal(), range("2026-01-15", "2026-03-10"), &log);
    let months: Vec<(NaiveDate, NaiveDate, u32, u32)> = review
        .months(review.period().to(), 2)
        .iter()
        .map(|b| (b.from, b.to, b.tally.pomodoros, b.goal_days))
        .collect();
    assert_eq!(
        months,
        vec![
            (date("2026-01-15"), date("2026-01-31"), 2, 1),
            (date("2026-02-01"), date("2026-02-28"), 3, 1),
            (date("2026-03-01"), date("2026-03-10"), 1, 0),
        ]
    );
    let totals = review.totals(review.period().to(), 2);
    assert_eq!(
        (totals.days, totals.active_days, totals.goal_days),
        (55, 3, 2)
    );
}

#[test]
fn the_today_panel_and_the_review_agree_on_a_generated_log() {
    let spec = focus::domain::loggen::Spec::new(3_000, date("2026-03-29"));
    let log: Vec<Record> = focus::domain::loggen::records(&spec).collect();
    for ds in [
        NaiveTime::MIN,
        NaiveTime::from_hms_opt(4, 0, 0).expect("time"),
    ] {
        let cal = Calendar {
            day_starts_at: ds,
            ..Calendar::default()
        };
        let period = range("2026-01-01", "2026-03-29");
        let review = Review::of(cal, period, &log);
        for day in period.dates() {
            let today = stats::day_summary(&log, day, ds);
            let row = review.day(day);
            assert_eq!(
                (today.pomodoros, today.focused_secs),
                (row.pomodoros, row.focused_secs),
                "{day}"
            );
        }
        // Hours and days hold the same focus.
        let by_hour: u64 = review.hours().iter().map(|h| h.focused_secs).sum();
        assert_eq!(
            by_hour,
            review.totals(review.period().to(), 8).tally.focused_secs
        );
    }
}

#[test]
fn absurd_records_neither_panic_nor_wrap() {
    let huge = work("2026-03-02T23:50:00+01:00", "2026-03-03T00:15:00+01:00")
        .focused(u64::MAX)
        .build();
    let log = [huge.clone(), huge];
    let review = Review::of(cal(), range("2026-03-02", "2026-03-03"), &log);
    assert_eq!(
        review.totals(review.period().to(), 8).tally.focused_secs,
        u64::MAX
    );
    assert_eq!(review.tasks(&[])[0].focused_secs, u64::MAX);
    let far = work("9999-12-31T23:50:00+14:00", "9999-12-31T23:59:59+14:00").build();
    let review = Review::of(cal(), Period::Day(date("9999-12-31")), [&far]);
    assert_eq!(review.day(date("9999-12-31")).pomodoros, 1);
    assert_eq!(review.streaks(date("9999-12-31"), 1).current.days, 1);
}

/// Monday to Friday, as the config has it by default.
fn weekdays() -> Calendar {
    Calendar {
        work_days: review::WorkDays::MONDAY_TO_FRIDAY,
        ..Calendar::default()
    }
}

#[test]
fn days_to_come_are_neither_met_nor_missed() {
    // March 2026, seen on Wednesday the 4th: three days met of the four gone
    // by, and 27 days still to come.
    let log = goal_days(&["2026-03-01", "2026-03-02", "2026-03-04"], 2);
    let review = Review::of(cal(), Period::month_of(date("2026-03-04")), &log);
    let month = review.totals(date("2026-03-04"), 2);
    assert_eq!((month.days, month.due_days, month.goal_days), (31, 4, 3));
    // Every day is due once the month is over.
    let later = review.totals(date("2026-04-10"), 2);
    assert_eq!((later.due_days, later.goal_days), (31, 3));
    // Weeks are judged the same way, each up to today.
    let weeks: Vec<(u32, u32)> = review
        .weeks(date("2026-03-04"), 2)
        .iter()
        .map(|w| (w.due_days, w.goal_days))
        .collect();
    assert_eq!(weeks[..3], [(1, 1), (3, 2), (0, 0)]);
}

#[test]
fn days_off_neither_break_nor_lengthen_a_streak() {
    // Monday 2 to Friday 13 March 2026 met the goal every work day; the
    // weekend between had nothing, and Saturday the 14th had a lot.
    let days = [
        "2026-03-02",
        "2026-03-03",
        "2026-03-04",
        "2026-03-05",
        "2026-03-06",
        "2026-03-09",
        "2026-03-10",
        "2026-03-11",
        "2026-03-12",
        "2026-03-13",
        "2026-03-14",
    ];
    let log = goal_days(&days, 3);
    let period = range("2026-03-01", "2026-03-17");
    let review = Review::of(weekdays(), period, &log);
    // Monday the 16th, nothing done yet: the streak runs through the
    // weekends, and Saturday's pomodoros do not count in it.
    let s = review.streaks(date("2026-03-16"), 3);
    assert_eq!(s.current.days, 10);
    assert_eq!(s.current.from, Some(date("2026-03-02")));
    assert_eq!(s.current.to, Some(date("2026-03-13")));
    assert_eq!(s.best.days, 10);
    // Seen on Sunday the 15th it is the same streak.
    assert_eq!(review.streaks(date("2026-03-15"), 3).current.days, 10);
    // Tuesday with nothing on Monday: broken.
    assert_eq!(review.streaks(date("2026-03-17"), 3).current.days, 0);
    // Days off are not due: the 1st (Sunday), the weekends, the future.
    let t = review.totals(date("2026-03-16"), 3);
    assert_eq!((t.due_days, t.goal_days), (11, 10));

    // With every day a work day the same log breaks on the first weekend.
    let plain = Review::of(cal(), period, &log);
    assert_eq!(plain.streaks(date("2026-03-16"), 3).current.days, 0);
    assert_eq!(plain.streaks(date("2026-03-15"), 3).current.days, 6);
}

#[test]
fn estimates_are_set_against_the_whole_task_not_one_period() {
    // Two pomodoros on T1 this week; the task list counts 14 in all
    // against an estimate of 10. Focus without a task that completed
    // nothing gets no row.
    let w = |h: u32| {
        work(
            format!("2026-03-02T{h:02}:00:00+01:00").as_str(),
            format!("2026-03-02T{h:02}:25:00+01:00").as_str(),
        )
    };
    let log = [
        w(9).task_id("T1").task("Draft").build(),
        w(10).task_id("T1").task("Draft").build(),
        w(11).outcome(Outcome::Skipped).build(),
    ];
    let review = Review::of(cal(), Period::week_of(date("2026-03-02"), &cal()), &log);
    let estimates = [Estimate {
        id: "T1".into(),
        title: "Draft".into(),
        pomodoros: 10,
        done: 14,
    }];
    let rows = review.tasks(&estimates);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let r = &rows[0];
    assert_eq!(
        (r.pomodoros, r.to_date, r.estimate, r.over()),
        (2, Some(14), Some(10), Some(4))
    );
    // Work without a task that did complete a pomodoro keeps its row.
    let mut more = log.to_vec();
    more.push(w(12).build());
    let rows =
        Review::of(cal(), Period::week_of(date("2026-03-02"), &cal()), &more).tasks(&estimates);
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[1].title.as_deref(), rows[1].pomodoros), (None, 1));
}
