//! Integration tests for `focus::config`: reading files, error messages and
//! command-line overrides.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveTime, Weekday};
use focus::config::{
    ACTION_KEYS, BUSY_KEYS, Config, ConfigError, HOOK_KEYS, HookCommand, Hooks, KEYS, Keys,
    NOTIFICATION_KEYS, Notifications, Overrides, TABLE_ARRAYS, TABLES,
};
use focus::domain::plan::Slot;
use focus::domain::review::WorkDays;
use focus::engine::keymap::{Action, Keymap, key_name};
use focus::engine::theme::Theme;
use focus::engine::{AwayPolicy, Key};

const ORIGIN: &str = "/home/me/.config/focus/config.toml";

fn mins(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

/// The slot from `h1:m1` to `h2:m2`.
fn slot(h1: u32, m1: u32, h2: u32, m2: u32) -> Slot {
    Slot {
        start: NaiveTime::from_hms_opt(h1, m1, 0).unwrap(),
        end: NaiveTime::from_hms_opt(h2, m2, 0).unwrap(),
    }
}

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new(ORIGIN))
}

/// Parses text that must fail and returns the one-line message.
fn error_of(text: &str) -> String {
    let err = parse(text).expect_err("config should have been rejected");
    let message = err.to_string();
    assert!(
        !message.contains('\n'),
        "message is not one line: {message:?}"
    );
    assert_eq!(err.exit_code(), 2);
    message
}

fn write_file(dir: &tempfile::TempDir, text: &str) -> PathBuf {
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml")
}

#[test]
fn defaults_match_the_documented_values() {
    let c = Config::default();
    assert_eq!(c.work, mins(25));
    assert_eq!(c.short_break, mins(5));
    assert_eq!(c.long_break, mins(15));
    assert_eq!(c.long_break_every, 4);
    assert!(c.auto_start_breaks);
    assert!(!c.auto_start_work);
    assert!(c.bell);
    assert_eq!(c.daily_goal, 8);
    assert_eq!(c.day_starts_at, NaiveTime::from_hms_opt(0, 0, 0).unwrap());
    assert_eq!(c.on_suspend, AwayPolicy::Ask);
    // No hooks until the user writes one; notifications on, the early
    // one-minute warning off.
    assert_eq!(c.hooks.timeout, Duration::from_secs(10));
    assert_eq!(
        c.hooks,
        Hooks {
            timeout: Duration::from_secs(10),
            ..Hooks::default()
        }
    );
    assert!(c.hooks.on_complete.is_none() && c.hooks.on_start.is_none());
    assert!(c.notifications.desktop);
    assert!(!c.notifications.minute_warning);
}

#[test]
fn empty_file_gives_defaults() {
    assert_eq!(parse("").unwrap(), Config::default());
    assert_eq!(parse("# only a comment\n\n").unwrap(), Config::default());
}

#[test]
fn partial_file_keeps_other_defaults() {
    let c = parse("work = \"50m\"\n").unwrap();
    assert_eq!(
        c,
        Config {
            work: mins(50),
            ..Config::default()
        }
    );
}

#[test]
fn every_key_is_read_from_a_file() {
    let text = r#"
work = "1h 30m"
short_break = "90s"
long_break = "20m"
long_break_every = 3
auto_start_breaks = false
auto_start_work = true
bell = false
daily_goal = 12
day_starts_at = "04:30"
week_starts_on = "sunday"
work_days = ["sunday", "monday", "tuesday", "monday"]
on_suspend = "discard"
void_on_interruption = true
theme = "light"
workday = "08:30-16:00"
hooks = { on_start = ["notify-send", "started"], timeout = "30s" }
notifications = { desktop = false, minute_warning = true }
keys = { skip = ["n", "right"], quit = "x" }
busy = [{ from = "12:00", to = "13:00" }, { from = "9:30", to = "9:45" }]
busy_ics = "calendars/work.ics"
check_in = "off"
check_in_scale = 3
check_in_energy = true
check_in_timeout = "5m"
distractions = { chat = ["slack", "DM"], email = ["mail"] }
"#;
    let c = parse(text).unwrap();
    assert_eq!(
        c,
        Config {
            work: mins(90),
            short_break: Duration::from_secs(90),
            long_break: mins(20),
            long_break_every: 3,
            auto_start_breaks: false,
            auto_start_work: true,
            bell: false,
            daily_goal: 12,
            day_starts_at: NaiveTime::from_hms_opt(4, 30, 0).unwrap(),
            week_starts_on: Weekday::Sun,
            work_days: WorkDays::from_days([Weekday::Sun, Weekday::Mon, Weekday::Tue]),
            on_suspend: AwayPolicy::Discard,
            void_on_interruption: true,
            theme: Theme::Light,
            workday: slot(8, 30, 16, 0),
            hooks: Hooks {
                on_start: Some(HookCommand::Exec(vec![
                    "notify-send".into(),
                    "started".into()
                ])),
                timeout: Duration::from_secs(30),
                ..Hooks::default()
            },
            notifications: Notifications {
                desktop: false,
                minute_warning: true,
            },
            keys: Keys {
                skip: Some(vec![Key::Char('n'), Key::Right]),
                quit: Some(vec![Key::Char('x')]),
                ..Keys::default()
            },
            busy: vec![slot(12, 0, 13, 0), slot(9, 30, 9, 45)],
            busy_ics: Some("calendars/work.ics".into()),
            check_in: false,
            check_in_scale: 3,
            check_in_energy: true,
            check_in_timeout: mins(5),
            distractions: vec![
                ("chat".into(), vec!["slack".into(), "DM".into()]),
                ("email".into(), vec!["mail".into()]),
            ],
        }
    );
    // Every key in the text above is a known key, and every known key is in
    // it, so this test exercises the whole list.
    for key in KEYS {
        assert!(text.contains(&format!("\n{key} = ")), "{key} not covered");
    }
}

#[test]
fn every_on_suspend_value_is_accepted() {
    for (text, expected) in [
        ("ask", AwayPolicy::Ask),
        ("resume", AwayPolicy::Resume),
        ("count", AwayPolicy::Count),
        ("discard", AwayPolicy::Discard),
    ] {
        let c = parse(&format!("on_suspend = \"{text}\"")).unwrap();
        assert_eq!(c.on_suspend, expected);
    }
}

#[test]
fn day_starts_at_accepts_a_toml_local_time_too() {
    let c = parse("day_starts_at = 04:00").unwrap();
    assert_eq!(c.day_starts_at, NaiveTime::from_hms_opt(4, 0, 0).unwrap());
}

#[test]
fn example_file_parses_to_the_defaults() {
    assert_eq!(
        Config::load(&example_path(), true).unwrap(),
        Config::default()
    );
}

#[test]
fn example_file_mentions_every_key() {
    let text = std::fs::read_to_string(example_path()).unwrap();
    let is_table = |key: &str| TABLES.iter().chain(TABLE_ARRAYS).any(|(t, _)| *t == key);
    for key in KEYS.iter().filter(|k| !is_table(k)) {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("{key} = "))),
            "config.example.toml does not set `{key}`"
        );
    }
    // A table's keys follow its header; a key without a default (a hook)
    // is shown commented out.
    for (table, keys) in TABLES {
        let section = text
            .split_once(&format!("\n[{table}]\n"))
            .unwrap_or_else(|| panic!("config.example.toml has no [{table}] section"))
            .1;
        let section = section.split("\n[").next().unwrap_or_default();
        for key in *keys {
            assert!(
                section.lines().any(|l| l.starts_with(&format!("{key} = "))
                    || l.starts_with(&format!("# {key} = "))),
                "config.example.toml does not show `{key}` in [{table}]"
            );
        }
    }
    // An array of tables has no entries by default, so its example is
    // commented out, header and all.
    for (table, keys) in TABLE_ARRAYS {
        let entry = text
            .split_once(&format!("\n# [[{table}]]\n"))
            .unwrap_or_else(|| panic!("config.example.toml shows no [[{table}]] entry"))
            .1;
        for key in *keys {
            assert!(
                entry.lines().any(|l| l.starts_with(&format!("# {key} = "))),
                "config.example.toml does not show `{key}` in [[{table}]]"
            );
        }
    }
}

#[test]
fn bad_duration_points_at_the_value() {
    let text = "# my settings\n\nwork = \"25x\"\n";
    assert_eq!(
        error_of(text),
        format!(
            r#"{ORIGIN}:3:8: work: invalid duration "25x" — write it like "25m", "90s" or "1h30m""#
        )
    );
    match parse(text).unwrap_err() {
        ConfigError::Invalid {
            line, column, key, ..
        } => assert_eq!((line, column, key.as_str()), (3, 8, "work")),
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn bare_number_duration_says_to_add_a_unit() {
    assert_eq!(
        error_of("short_break = \"5\""),
        format!(r#"{ORIGIN}:1:15: short_break: invalid duration "5": 5 needs a unit — write "5m""#)
    );
    assert_eq!(
        error_of("work = 25"),
        format!(r#"{ORIGIN}:1:8: work: expected a duration string like "25m", found integer 25"#)
    );
}

#[test]
fn wrong_type_says_what_was_expected() {
    assert_eq!(
        error_of("work = \"25m\"\nlong_break_every = \"four\""),
        format!(
            r#"{ORIGIN}:2:20: long_break_every: expected a whole number from 1 to 100, found string "four""#
        )
    );
    assert_eq!(
        error_of("bell = \"yes\""),
        format!(r#"{ORIGIN}:1:8: bell: expected true or false, found string "yes""#)
    );
    assert_eq!(
        error_of("  daily_goal = 2.5"),
        format!(
            "{ORIGIN}:1:16: daily_goal: expected a whole number from 0 to 1000, found float 2.5"
        )
    );
    assert!(error_of("long_break_every = 4.0").ends_with("found float 4.0"));
    assert_eq!(
        error_of("day_starts_at = { hour = 4 }"),
        format!(
            r#"{ORIGIN}:1:17: day_starts_at: expected a time string like "04:00", found a table"#
        )
    );
    assert!(error_of("day_starts_at = 04:00:30").ends_with("found date/time 04:00:30"));
    assert!(error_of("short_break = [\"5m\"]").ends_with("found an array"));
}

#[test]
fn bad_enum_value_lists_the_choices() {
    assert_eq!(
        error_of("on_suspend = \"sometimes\""),
        format!(
            r#"{ORIGIN}:1:14: on_suspend: unknown value "sometimes" — expected one of "ask", "resume", "count", "discard""#
        )
    );
}

#[test]
fn bad_day_start_says_the_format() {
    for bad in ["24:00", "4:00", "04:00:00", "noon"] {
        let message = error_of(&format!("day_starts_at = \"{bad}\""));
        assert!(
            message.starts_with(&format!(
                "{ORIGIN}:1:17: day_starts_at: invalid time \"{bad}\""
            )),
            "{message}"
        );
        assert!(message.contains("\"HH:MM\""), "{message}");
    }
}

#[test]
fn unknown_key_suggests_the_nearest_key() {
    let text = "work = \"25m\"\n  wrok = \"30m\"\n";
    assert_eq!(
        error_of(text),
        format!("{ORIGIN}:2:3: unknown key `wrok`; did you mean `work`?")
    );
    match parse(text).unwrap_err() {
        ConfigError::UnknownKey {
            key, suggestion, ..
        } => {
            assert_eq!(key, "wrok");
            assert_eq!(suggestion, Some("work"));
        }
        other => panic!("unexpected error {other:?}"),
    }
    assert!(error_of("long-break = \"20m\"").ends_with("did you mean `long_break`?"));
}

#[test]
fn unknown_key_without_a_close_match_lists_valid_keys() {
    let message = error_of("font_size = 12");
    assert!(
        message.starts_with(&format!(
            "{ORIGIN}:1:1: unknown key `font_size`; valid keys are: "
        )),
        "{message}"
    );
    for key in KEYS {
        assert!(message.contains(key), "{key} missing from {message}");
    }
}

#[test]
fn first_unknown_key_in_the_file_is_reported() {
    // Tables iterate alphabetically; the report must follow the file.
    let message = error_of("zzz = 1\naaa = 2\n");
    assert!(
        message.starts_with(&format!("{ORIGIN}:1:1: unknown key `zzz`")),
        "{message}"
    );
}

#[test]
fn unknown_section_is_an_unknown_key() {
    let message = error_of("[timers]\nwork = \"25m\"\n");
    assert!(
        message.starts_with(&format!("{ORIGIN}:1:2: unknown key `timers`")),
        "{message}"
    );
}

#[test]
fn syntax_error_is_one_line_with_position() {
    let message = error_of("work = \"25m\"\nbell = \"yes\n");
    assert!(message.starts_with(&format!("{ORIGIN}:2:")), "{message}");
    match parse("work = \"25m\"\nbell = tru\n").unwrap_err() {
        ConfigError::Syntax { line, column, .. } => assert_eq!((line, column), (2, 8)),
        other => panic!("unexpected error {other:?}"),
    }
    assert_eq!(
        error_of("work = \"25m\" x\n"),
        format!("{ORIGIN}:1:14: unexpected key or value, expected newline, `#`")
    );
}

#[test]
fn duplicate_key_is_reported_at_the_second_one() {
    match parse("work = \"25m\"\nwork = \"30m\"\n").unwrap_err() {
        ConfigError::Syntax { line, column, .. } => assert_eq!((line, column), (2, 1)),
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn durations_must_be_between_one_second_and_a_day() {
    assert_eq!(
        error_of("work = \"0s\""),
        format!("{ORIGIN}:1:8: work: 0s is out of range — must be between 1s and 24h")
    );
    assert_eq!(
        error_of("long_break = \"100000h\""),
        format!("{ORIGIN}:1:14: long_break: 100000h is out of range — must be between 1s and 24h")
    );
    assert!(error_of("work = \"24h1s\"").contains("out of range"));
    assert!(error_of("work = \"99999999999999999999h\"").contains("too large"));

    let c = parse("work = \"1s\"\nshort_break = \"24h\"\nlong_break = \"23h59m59s\"").unwrap();
    assert_eq!(c.work, Duration::from_secs(1));
    assert_eq!(c.short_break, Duration::from_secs(24 * 3600));
}

#[test]
fn counts_are_bounded() {
    assert_eq!(
        error_of("long_break_every = 0"),
        format!("{ORIGIN}:1:20: long_break_every: 0 is out of range — must be between 1 and 100")
    );
    assert!(error_of("long_break_every = 101").contains("101 is out of range"));
    assert!(error_of("long_break_every = -3").contains("-3 is out of range"));
    assert!(error_of("daily_goal = 1001").contains("must be between 0 and 1000"));
    assert!(error_of("daily_goal = 99999999999").contains("out of range"));
    // Beyond i64, where TOML itself stops; still a range message, not a
    // serde internal.
    assert_eq!(
        error_of("daily_goal = 99999999999999999999"),
        format!(
            "{ORIGIN}:1:14: daily_goal: 99999999999999999999 is out of range — must be between 0 and 1000"
        )
    );

    let c = parse("long_break_every = 100\ndaily_goal = 1000").unwrap();
    assert_eq!((c.long_break_every, c.daily_goal), (100, 1000));
    let c = parse("long_break_every = 1\ndaily_goal = 0").unwrap();
    assert_eq!((c.long_break_every, c.daily_goal), (1, 0));
}

#[test]
fn missing_default_file_gives_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("focus").join("config.toml");
    assert_eq!(Config::load(&path, false).unwrap(), Config::default());
}

#[test]
fn missing_explicit_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.toml");
    let err = Config::load(&path, true).unwrap_err();
    assert!(matches!(err, ConfigError::NotFound { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("{}: config file not found", path.display())
    );
    assert_eq!(err.exit_code(), 2);
}

#[test]
fn existing_file_is_read_whether_or_not_it_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(&dir, "daily_goal = 3\n");
    for must_exist in [false, true] {
        assert_eq!(Config::load(&path, must_exist).unwrap().daily_goal, 3);
    }
}

#[test]
fn load_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(&dir, "\nwork = \"25x\"\n");
    let message = Config::load(&path, false).unwrap_err().to_string();
    assert!(
        message.starts_with(&format!("{}:2:8: work: ", path.display())),
        "{message}"
    );
}

#[test]
fn unreadable_file_is_an_error_even_at_the_default_location() {
    let dir = tempfile::tempdir().unwrap();
    // A directory exists but cannot be read as a file.
    let err = Config::load(dir.path(), false).unwrap_err();
    assert!(matches!(err, ConfigError::Read { .. }), "{err:?}");
    assert!(err.to_string().contains("cannot read config file"), "{err}");

    let path = dir.path().join("config.toml");
    std::fs::write(&path, b"work = \"25m\xff\"").unwrap();
    assert!(matches!(
        Config::load(&path, false).unwrap_err(),
        ConfigError::Read { .. }
    ));
}

#[test]
fn overrides_beat_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        &dir,
        "work = \"50m\"\nshort_break = \"10m\"\nlong_break = \"30m\"\nlong_break_every = 2\n",
    );
    let mut c = Config::load(&path, true).unwrap();
    c.apply(&Overrides {
        work: Some(mins(45)),
        long_break_every: Some(6),
        ..Overrides::default()
    })
    .unwrap();
    assert_eq!(c.work, mins(45));
    assert_eq!(c.long_break_every, 6);
    // Flags that were not given leave the file's values alone.
    assert_eq!(c.short_break, mins(10));
    assert_eq!(c.long_break, mins(30));

    c.apply(&Overrides {
        short_break: Some(mins(3)),
        long_break: Some(mins(25)),
        ..Overrides::default()
    })
    .unwrap();
    assert_eq!((c.short_break, c.long_break), (mins(3), mins(25)));
}

#[test]
fn empty_overrides_change_nothing() {
    let mut c = parse("work = \"50m\"").unwrap();
    let before = c.clone();
    c.apply(&Overrides::default()).unwrap();
    assert_eq!(c, before);
}

#[test]
fn override_errors_name_the_flag() {
    let cases = [
        (
            Overrides {
                work: Some(Duration::ZERO),
                ..Overrides::default()
            },
            "--work: 0s is out of range — must be between 1s and 24h",
        ),
        (
            Overrides {
                short_break: Some(Duration::from_secs(100_000 * 3600)),
                ..Overrides::default()
            },
            "--short-break: 100000h is out of range — must be between 1s and 24h",
        ),
        (
            Overrides {
                long_break: Some(Duration::from_secs(24 * 3600 + 1)),
                ..Overrides::default()
            },
            "--long-break: 24h1s is out of range — must be between 1s and 24h",
        ),
        (
            Overrides {
                long_break_every: Some(0),
                ..Overrides::default()
            },
            "--long-break-every: 0 is out of range — must be between 1 and 100",
        ),
    ];
    for (overrides, expected) in cases {
        let mut c = Config::default();
        let err = c.apply(&overrides).unwrap_err();
        assert!(matches!(err, ConfigError::Flag { .. }), "{err:?}");
        assert_eq!(err.to_string(), expected);
        assert_eq!(err.exit_code(), 2);
    }
}

#[test]
fn rejected_overrides_leave_the_config_untouched() {
    let mut c = Config::default();
    let err = c
        .apply(&Overrides {
            work: Some(mins(40)),
            long_break_every: Some(1000),
            ..Overrides::default()
        })
        .unwrap_err();
    assert!(err.to_string().starts_with("--long-break-every: "), "{err}");
    assert_eq!(c, Config::default());
}

// --- [hooks] and [notifications] ---

#[test]
fn every_hook_key_is_read_from_a_hooks_table() {
    let mut text = String::from("[hooks]\n");
    for key in HOOK_KEYS.iter().filter(|k| k.starts_with("on_")) {
        text.push_str(&format!("{key} = [\"/bin/echo\", \"{key}\"]\n"));
    }
    text.push_str("timeout = \"1m\"\n");
    let h = parse(&text).unwrap().hooks;
    let echo = |key: &str| Some(HookCommand::Exec(vec!["/bin/echo".into(), key.into()]));
    assert_eq!(
        h,
        Hooks {
            on_start: echo("on_start"),
            on_pause: echo("on_pause"),
            on_resume: echo("on_resume"),
            on_complete: echo("on_complete"),
            on_skip: echo("on_skip"),
            on_reset: echo("on_reset"),
            on_break_start: echo("on_break_start"),
            on_break_end: echo("on_break_end"),
            on_interruption: echo("on_interruption"),
            on_minute_left: echo("on_minute_left"),
            timeout: mins(1),
        }
    );
    // One `on_<name>` per event kind, named as the core names them.
    let names: Vec<String> = focus::engine::model::EventKind::ALL
        .iter()
        .map(|k| format!("on_{}", k.name()))
        .collect();
    let hook_keys: Vec<&str> = HOOK_KEYS
        .iter()
        .copied()
        .filter(|k| *k != "timeout")
        .collect();
    assert_eq!(names, hook_keys);
}

#[test]
fn a_hook_is_an_array_for_no_shell_or_a_string_for_sh_c() {
    let c = parse(
        r#"
[hooks]
on_complete = ["paplay", "/usr/share/sounds/freedesktop/stereo/complete.oga"]
on_start = "echo \"$FOCUS_TASK\" >> ~/focus.txt"
"#,
    )
    .unwrap();
    assert_eq!(
        c.hooks.on_complete,
        Some(HookCommand::Exec(vec![
            "paplay".into(),
            "/usr/share/sounds/freedesktop/stereo/complete.oga".into()
        ]))
    );
    assert_eq!(
        c.hooks.on_start,
        Some(HookCommand::Shell(
            r#"echo "$FOCUS_TASK" >> ~/focus.txt"#.into()
        ))
    );
    // Dotted keys and inline tables are the same table to TOML.
    assert_eq!(
        parse("hooks.on_skip = [\"true\"]\n").unwrap().hooks.on_skip,
        Some(HookCommand::Exec(vec!["true".into()]))
    );
}

#[test]
fn notifications_table_is_read() {
    let c = parse("[notifications]\ndesktop = false\nminute_warning = true\n").unwrap();
    assert_eq!(
        c.notifications,
        Notifications {
            desktop: false,
            minute_warning: true
        }
    );
    // Top-level keys before the tables are still top-level.
    let c = parse("bell = false\n[notifications]\ndesktop = false\n").unwrap();
    assert!(!c.bell && !c.notifications.desktop && !c.notifications.minute_warning);
}

#[test]
fn unknown_key_in_hooks_suggests_the_nearest_hook_key() {
    let text = "work = \"25m\"\n\n[hooks]\ntimeout = \"5s\"\n  on_compelte = [\"true\"]\n";
    assert_eq!(
        error_of(text),
        format!("{ORIGIN}:5:3: unknown key `on_compelte` in [hooks]; did you mean `on_complete`?")
    );
    match parse(text).unwrap_err() {
        ConfigError::UnknownKey {
            key,
            suggestion,
            table,
            line,
            column,
            ..
        } => {
            assert_eq!((line, column), (5, 3));
            assert_eq!(key, "on_compelte");
            assert_eq!(suggestion, Some("on_complete"));
            assert_eq!(table, Some("hooks"));
        }
        other => panic!("unexpected error {other:?}"),
    }
    // Dotted and inline spellings point at the inner key too.
    assert_eq!(
        error_of("bell = true\nhooks.on-start = \"x\"\n"),
        format!("{ORIGIN}:2:7: unknown key `on-start` in [hooks]; did you mean `on_start`?")
    );
    assert_eq!(
        error_of("hooks = { timeout = \"5s\", on_brake_end = \"x\" }\n"),
        format!(
            "{ORIGIN}:1:27: unknown key `on_brake_end` in [hooks]; did you mean `on_break_end`?"
        )
    );
}

#[test]
fn unknown_key_in_notifications_is_caught_too() {
    assert_eq!(
        error_of("[notifications]\ndesktp = false\n"),
        format!("{ORIGIN}:2:1: unknown key `desktp` in [notifications]; did you mean `desktop`?")
    );
    // With no close match, the table's own keys are listed.
    let message = error_of("[notifications]\nsound = \"bell.oga\"\n");
    assert_eq!(
        message,
        format!(
            "{ORIGIN}:2:1: unknown key `sound` in [notifications]; valid keys in [notifications] are: {}",
            NOTIFICATION_KEYS.join(", ")
        )
    );
    // A sub-table is an unknown key of its table.
    assert!(
        error_of("[hooks.extra]\nx = 1\n")
            .starts_with(&format!("{ORIGIN}:1:8: unknown key `extra` in [hooks]")),
    );
}

#[test]
fn a_top_level_key_cannot_hide_in_a_table() {
    // After a [table] header every key belongs to the table; `bell` here is
    // a mistake the user should hear about, not a silently ignored line.
    assert!(
        error_of("[hooks]\nbell = false\n")
            .starts_with(&format!("{ORIGIN}:2:1: unknown key `bell` in [hooks]; ")),
    );
}

#[test]
fn bad_hook_timeout_points_at_the_value() {
    let text = "[hooks]\ntimeout = \"0s\"\n";
    assert_eq!(
        error_of(text),
        format!("{ORIGIN}:2:11: hooks.timeout: 0s is out of range — must be between 1s and 1h")
    );
    match parse(text).unwrap_err() {
        ConfigError::Invalid {
            line, column, key, ..
        } => assert_eq!((line, column, key.as_str()), (2, 11, "hooks.timeout")),
        other => panic!("unexpected error {other:?}"),
    }
    assert_eq!(
        error_of("[hooks]\ntimeout = \"2h\"\n"),
        format!("{ORIGIN}:2:11: hooks.timeout: 2h is out of range — must be between 1s and 1h")
    );
    assert_eq!(
        error_of("[hooks]\ntimeout = 10\n"),
        format!(
            r#"{ORIGIN}:2:11: hooks.timeout: expected a duration string like "10s", found integer 10"#
        )
    );
    assert_eq!(
        error_of("[hooks]\ntimeout = \"10\"\n"),
        format!(
            r#"{ORIGIN}:2:11: hooks.timeout: invalid duration "10": 10 needs a unit — write "10m""#
        )
    );
}

#[test]
fn bad_hook_commands_say_what_to_write() {
    let form = r#"a command: an array like ["program", "arg"], or a string for sh -c"#;
    assert_eq!(
        error_of("[hooks]\non_start = 3\n"),
        format!("{ORIGIN}:2:12: hooks.on_start: expected {form}, found integer 3")
    );
    assert_eq!(
        error_of("[hooks]\non_start = true\n"),
        format!("{ORIGIN}:2:12: hooks.on_start: expected {form}, found boolean true")
    );
    assert_eq!(
        error_of("[hooks]\non_start = \"  \"\n"),
        format!("{ORIGIN}:2:12: hooks.on_start: the command is empty — expected {form}")
    );
    let message = error_of("[hooks]\non_pause = []\n");
    assert!(
        message.starts_with(&format!(
            "{ORIGIN}:2:12: hooks.on_pause: the command is empty — the first string is the program"
        )),
        "{message}"
    );
    let message = error_of("[hooks]\non_pause = [\"echo\", 1]\n");
    assert!(
        message.starts_with(&format!("{ORIGIN}:2:"))
            && message.contains(
                "hooks.on_pause: every word of a command must be a string, found integer 1"
            ),
        "{message}"
    );
    let message = error_of("[hooks]\non_pause = [\"\", \"x\"]\n");
    assert!(
        message.contains("hooks.on_pause: the program name (the first string) is empty"),
        "{message}"
    );
}

#[test]
fn bad_notification_values_name_the_table_key() {
    assert_eq!(
        error_of("[notifications]\ndesktop = \"yes\"\n"),
        format!(
            r#"{ORIGIN}:2:11: notifications.desktop: expected true or false, found string "yes""#
        )
    );
}

#[test]
fn a_table_key_with_a_plain_value_says_to_write_a_table() {
    assert_eq!(
        error_of("hooks = \"notify-send done\"\n"),
        format!("{ORIGIN}:1:9: hooks: expected a table (a [hooks] section), found string")
    );
    assert_eq!(
        error_of("notifications = false\n"),
        format!(
            "{ORIGIN}:1:17: notifications: expected a table (a [notifications] section), found boolean"
        )
    );
}

#[test]
fn hook_commands_display_as_the_log_shows_them() {
    assert_eq!(
        HookCommand::Exec(vec!["paplay".into(), "a b.oga".into()]).to_string(),
        r#"["paplay", "a b.oga"]"#
    );
    assert_eq!(
        HookCommand::Shell("echo hi > /tmp/x".into()).to_string(),
        r#"sh -c "echo hi > /tmp/x""#
    );
}

// --- theme, workday, [keys] and [[busy]] ---

#[test]
fn new_keys_default_to_the_documented_values() {
    let c = Config::default();
    assert_eq!(c.week_starts_on, Weekday::Mon);
    assert_eq!(c.theme, Theme::Default);
    assert_eq!(c.workday, slot(9, 0, 17, 30));
    assert!(c.busy.is_empty());
    assert_eq!(c.keys, Keys::default());
    assert_eq!(c.keymap(), Keymap::default());
}

#[test]
fn every_theme_is_accepted_by_name() {
    for theme in Theme::ALL {
        let c = parse(&format!("theme = \"{}\"\n", theme.name())).unwrap();
        assert_eq!(c.theme, theme);
    }
    assert_eq!(
        Theme::ALL.map(Theme::name),
        ["default", "light", "mono"],
        "the names the docs use"
    );
}

#[test]
fn bad_theme_lists_the_choices() {
    assert_eq!(
        error_of("bell = true\ntheme = \"dark\"\n"),
        format!(
            r#"{ORIGIN}:2:9: theme: unknown value "dark" — expected one of "default", "light", "mono""#
        )
    );
    assert_eq!(
        error_of("theme = \"Mono\"\n"),
        format!(
            r#"{ORIGIN}:1:9: theme: unknown value "Mono" — expected one of "default", "light", "mono""#
        )
    );
    assert_eq!(
        error_of("theme = 1\n"),
        format!(
            r#"{ORIGIN}:1:9: theme: expected one of "default", "light", "mono", found integer 1"#
        )
    );
}

#[test]
fn workday_is_a_span_of_clock_time() {
    assert_eq!(
        parse("workday = \"08:00-12:00\"").unwrap().workday,
        slot(8, 0, 12, 0)
    );
    // `focus plan`'s own rules: H:MM, an en dash, spaces, and a night.
    assert_eq!(
        parse("workday = \"8:00 – 16:30\"").unwrap().workday,
        slot(8, 0, 16, 30)
    );
    assert_eq!(
        parse("workday = \"22:00-02:00\"").unwrap().workday,
        slot(22, 0, 2, 0)
    );
}

#[test]
fn bad_workday_points_at_the_value() {
    assert_eq!(
        error_of("work = \"25m\"\nworkday = \"9-5\"\n"),
        format!(
            r#"{ORIGIN}:2:11: workday: expected a time like 09:00 (HH:MM, 24-hour clock), found "9""#
        )
    );
    assert_eq!(
        error_of("workday = \"09:00-25:00\""),
        format!(
            r#"{ORIGIN}:1:11: workday: expected a time like 09:00 (HH:MM, 24-hour clock), found "25:00""#
        )
    );
    assert_eq!(
        error_of("workday = \"09:00\""),
        format!(r#"{ORIGIN}:1:11: workday: expected a slot like 12:00-13:00, found "09:00""#)
    );
    assert_eq!(
        error_of("workday = \"09:00-09:00\""),
        format!("{ORIGIN}:1:11: workday: 09:00-09:00 is empty: it starts and ends at once")
    );
    assert_eq!(
        error_of("workday = \"17:30-09:00\""),
        format!(
            "{ORIGIN}:1:11: workday: 17:30-09:00 ends before it starts; a slot may cross midnight, but this one would last 15h30m"
        )
    );
    assert_eq!(
        error_of("workday = 9"),
        format!(
            r#"{ORIGIN}:1:11: workday: expected a time span string like "09:00-17:30", found integer 9"#
        )
    );
}

#[test]
fn busy_entries_are_read_in_file_order() {
    let text = r#"
theme = "mono"

[[busy]]
from = "12:00"
to = "13:00"

[[busy]]
from = "9:30"
to = "09:45"

[[busy]]
from = 16:00
to = 16:15
"#;
    let c = parse(text).unwrap();
    assert_eq!(
        c.busy,
        vec![slot(12, 0, 13, 0), slot(9, 30, 9, 45), slot(16, 0, 16, 15)]
    );
    assert_eq!(c.theme, Theme::Mono);
    // The inline spelling is the same array to TOML.
    assert_eq!(
        parse("busy = [{ from = \"23:30\", to = \"00:30\" }]")
            .unwrap()
            .busy,
        vec![slot(23, 30, 0, 30)]
    );
}

#[test]
fn unknown_key_in_a_busy_entry_suggests_the_nearest() {
    let text = "[[busy]]\nfrom = \"12:00\"\nto = \"13:00\"\n\n[[busy]]\nfrom = \"15:00\"\n  too = \"16:00\"\n";
    assert_eq!(
        error_of(text),
        format!("{ORIGIN}:7:3: unknown key `too` in [[busy]]; did you mean `to`?")
    );
    match parse(text).unwrap_err() {
        ConfigError::UnknownKey {
            table, suggestion, ..
        } => assert_eq!((table, suggestion), (Some("busy"), Some("to"))),
        other => panic!("unexpected error {other:?}"),
    }
    assert_eq!(
        error_of("[[busy]]\nfrom = \"12:00\"\nuntil = \"13:00\"\n"),
        format!(
            "{ORIGIN}:3:1: unknown key `until` in [[busy]]; valid keys in [[busy]] are: {}",
            BUSY_KEYS.join(", ")
        )
    );
}

#[test]
fn bad_busy_time_points_at_the_value() {
    assert_eq!(
        error_of("[[busy]]\nfrom = \"12:00\"\nto = \"25:00\"\n"),
        format!(
            r#"{ORIGIN}:3:6: busy.to: expected a time like 09:00 (HH:MM, 24-hour clock), found "25:00""#
        )
    );
    assert_eq!(
        error_of("[[busy]]\nfrom = 12\nto = \"13:00\"\n"),
        format!(
            r#"{ORIGIN}:2:8: busy.from: expected a time string like "12:00", found integer 12"#
        )
    );
}

#[test]
fn a_busy_entry_must_be_a_whole_slot() {
    // Errors about an entry as a whole point at its header.
    assert_eq!(
        error_of("[[busy]]\nfrom = \"12:00\"\nto = \"13:00\"\n\n[[busy]]\nfrom = \"15:00\"\n"),
        format!(r#"{ORIGIN}:5:1: busy: `to` is missing — write to = "13:00""#)
    );
    assert_eq!(
        error_of("[[busy]]\nto = \"13:00\"\n"),
        format!(r#"{ORIGIN}:1:1: busy: `from` is missing — write from = "12:00""#)
    );
    assert_eq!(
        error_of("[[busy]]\n"),
        format!(
            r#"{ORIGIN}:1:1: busy: the entry is empty — write from = "12:00" and to = "13:00""#
        )
    );
    assert_eq!(
        error_of("[[busy]]\nfrom = \"12:00\"\nto = \"12:00\"\n"),
        format!("{ORIGIN}:1:1: busy: 12:00-12:00 is empty: it starts and ends at once")
    );
    assert_eq!(
        error_of("[[busy]]\nfrom = \"13:00\"\nto = \"12:00\"\n"),
        format!(
            "{ORIGIN}:1:1: busy: 13:00-12:00 ends before it starts; a slot may cross midnight, but this one would last 23h"
        )
    );
}

#[test]
fn busy_must_be_an_array_of_tables() {
    assert_eq!(
        error_of("[busy]\nfrom = \"12:00\"\nto = \"13:00\"\n"),
        format!(
            "{ORIGIN}:1:1: busy: expected [[busy]] entries, found a table — write the header with two pairs of brackets, [[busy]], once per appointment"
        )
    );
    assert_eq!(
        error_of("busy = \"12:00-13:00\"\n"),
        format!(
            r#"{ORIGIN}:1:8: busy: expected a [[busy]] entry like {{ from = "12:00", to = "13:00" }}, found string "12:00-13:00""#
        )
    );
    assert_eq!(
        error_of("busy = [{ from = \"12:00\", to = \"13:00\" }, \"14:00-15:00\"]\n"),
        format!(
            r#"{ORIGIN}:1:43: busy: expected a [[busy]] entry like {{ from = "12:00", to = "13:00" }}, found string "14:00-15:00""#
        )
    );
}

#[test]
fn keys_take_a_name_or_an_array_of_names() {
    let c = parse(
        r#"
[keys]
skip = "n"
toggle = ["p", "space"]
next_screen = "TAB"
reset = ["R"]
"#,
    )
    .unwrap();
    assert_eq!(c.keys.skip, Some(vec![Key::Char('n')]));
    assert_eq!(c.keys.toggle, Some(vec![Key::Char('p'), Key::Char(' ')]));
    assert_eq!(c.keys.next_screen, Some(vec![Key::Tab]));
    assert_eq!(c.keys.reset, Some(vec![Key::Char('R')]));
    assert_eq!(c.keys.quit, None);

    let keymap = c.keymap();
    assert_eq!(keymap.action(Key::Char('n')), Some(Action::Skip));
    assert_eq!(keymap.action(Key::Char(' ')), Some(Action::Toggle));
    // Rebinding replaces the defaults; the rest keep theirs.
    assert_eq!(keymap.action(Key::Char('s')), None);
    assert_eq!(keymap.action(Key::BackTab), None);
    assert_eq!(keymap.action(Key::Char('q')), Some(Action::Quit));
    assert_eq!(
        keymap,
        Keymap::with(&[
            (Action::Toggle, vec![Key::Char('p'), Key::Char(' ')]),
            (Action::Skip, vec![Key::Char('n')]),
            (Action::Reset, vec![Key::Char('R')]),
            (Action::NextScreen, vec![Key::Tab]),
        ])
    );
}

#[test]
fn every_action_can_be_bound() {
    // One [keys] key per action, named as the core names them.
    let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
    assert_eq!(names, ACTION_KEYS);
    let mut text = String::from("[keys]\n");
    let fresh = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
    for (action, c) in Action::ALL.iter().zip(fresh) {
        text.push_str(&format!("{} = \"{c}\"\n", action.name()));
    }
    let keymap = parse(&text).unwrap().keymap();
    for (&action, c) in Action::ALL.iter().zip(fresh) {
        assert_eq!(keymap.keys(action), vec![Key::Char(c)], "{action:?}");
    }
}

#[test]
fn a_key_listed_twice_for_one_action_is_bound_once() {
    let c = parse("[keys]\nskip = [\"n\", \"n\", \"right\"]\n").unwrap();
    assert_eq!(
        c.keymap().keys(Action::Skip),
        vec![Key::Char('n'), Key::Right]
    );
}

#[test]
fn the_default_keys_do_one_thing_each() {
    let keymap = Config::default().keymap();
    for action in Action::ALL {
        for key in keymap.keys(action) {
            assert_eq!(
                keymap.action(key.clone()),
                Some(action),
                "{}",
                key_name(&key)
            );
        }
    }
}

#[test]
fn unknown_action_suggests_the_nearest() {
    let text = "[keys]\nskip = \"n\"\n  skp = \"m\"\n";
    assert_eq!(
        error_of(text),
        format!("{ORIGIN}:3:3: unknown key `skp` in [keys]; did you mean `skip`?")
    );
    match parse(text).unwrap_err() {
        ConfigError::UnknownKey {
            table,
            suggestion,
            line,
            column,
            ..
        } => assert_eq!(
            (table, suggestion, line, column),
            (Some("keys"), Some("skip"), 3, 3)
        ),
        other => panic!("unexpected error {other:?}"),
    }
    assert_eq!(
        error_of("keys.next-screen = \"n\"\n"),
        format!("{ORIGIN}:1:6: unknown key `next-screen` in [keys]; did you mean `next_screen`?")
    );
    assert_eq!(
        error_of("[keys]\npause = \"p\"\n"),
        format!(
            "{ORIGIN}:2:1: unknown key `pause` in [keys]; valid keys in [keys] are: {}",
            ACTION_KEYS.join(", ")
        )
    );
}

#[test]
fn unknown_key_name_lists_the_names() {
    let expected = "unknown key \"ctrl-x\" — use a single character or one of space, tab, backtab, enter, esc, backspace, up, down, left, right, delete";
    assert_eq!(
        error_of("[keys]\nskip = \"ctrl-x\"\n"),
        format!("{ORIGIN}:2:8: keys.skip: {expected}")
    );
    // Inside an array, the very element is pointed at.
    assert_eq!(
        error_of("[keys]\nskip = [\"n\", \"ctrl-x\"]\n"),
        format!("{ORIGIN}:2:14: keys.skip: {expected}")
    );
    assert!(error_of("[keys]\nquit = \"\"\n").contains(r#"keys.quit: unknown key """#));
}

#[test]
fn bad_binding_types_say_what_to_write() {
    assert_eq!(
        error_of("[keys]\nskip = 1\n"),
        format!(
            r#"{ORIGIN}:2:8: keys.skip: expected a key name like "n", or an array like ["n", "right"], found integer 1"#
        )
    );
    assert_eq!(
        error_of("[keys]\nskip = [\"n\", true]\n"),
        format!(
            r#"{ORIGIN}:2:14: keys.skip: every key must be a string like "n" or "space", found boolean true"#
        )
    );
    assert_eq!(
        error_of("[keys]\nskip = []\n"),
        format!(
            r#"{ORIGIN}:2:8: keys.skip: no keys given — expected a key name like "n", or an array like ["n", "right"]"#
        )
    );
    assert_eq!(
        error_of("keys = \"vim\"\n"),
        format!("{ORIGIN}:1:8: keys: expected a table (a [keys] section), found string")
    );
}

#[test]
fn one_key_for_two_actions_names_both() {
    // Both written: the later one in the file is the one pointed at.
    assert_eq!(
        error_of("[keys]\ntoggle = \"p\"\nskip = [\"n\", \"p\"]\n"),
        format!(
            r#"{ORIGIN}:3:14: keys.skip: "p" is bound to both toggle and skip — a key can do only one thing"#
        )
    );
    assert_eq!(
        error_of("[keys]\nskip = [\"n\", \"p\"]\ntoggle = \"p\"\n"),
        format!(
            r#"{ORIGIN}:3:10: keys.toggle: "p" is bound to both skip and toggle — a key can do only one thing"#
        )
    );
    // Against a default: the binding in the file is the one to change.
    assert_eq!(
        error_of("[keys]\nskip = \"r\"\n"),
        format!(
            r#"{ORIGIN}:2:8: keys.skip: "r" is bound to both reset (its default key) and skip — bind reset to other keys in [keys] too, or pick another key here"#
        )
    );
    assert_eq!(
        error_of("[keys]\nhelp = [\"h\", \"tab\"]\n"),
        format!(
            r#"{ORIGIN}:2:14: keys.help: "tab" is bound to both next_screen (its default key) and help — bind next_screen to other keys in [keys] too, or pick another key here"#
        )
    );
    // Moving the default away as well makes it fine.
    let c = parse("[keys]\nskip = \"r\"\nreset = \"x\"\n").unwrap();
    assert_eq!(c.keymap().action(Key::Char('r')), Some(Action::Skip));
    assert_eq!(c.keymap().action(Key::Char('x')), Some(Action::Reset));
}

#[test]
fn example_key_bindings_are_the_defaults() {
    // The commented [keys] lines, switched on, change nothing: they show
    // the real defaults.
    let text = std::fs::read_to_string(example_path()).unwrap();
    let section = text.split_once("\n[keys]\n").unwrap().1;
    let section = section.split("\n[").next().unwrap_or_default();
    let mut keys = String::from("[keys]\n");
    for line in section.lines() {
        if let Some(binding) = line.strip_prefix("# ")
            && ACTION_KEYS
                .iter()
                .any(|a| binding.starts_with(&format!("{a} = ")))
        {
            keys.push_str(binding);
            keys.push('\n');
        }
    }
    let c = parse(&keys).unwrap();
    for action in Action::ALL {
        assert!(c.keys.get(action).is_some(), "{} not shown", action.name());
    }
    assert_eq!(c.keymap(), Keymap::default());
}

#[test]
fn example_busy_entry_parses() {
    let text = std::fs::read_to_string(example_path()).unwrap();
    let entry = text.split_once("\n# [[busy]]\n").unwrap().1;
    let entry: String = entry
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .map(|l| format!("{l}\n"))
        .collect();
    let c = parse(&format!("[[busy]]\n{entry}")).unwrap();
    assert_eq!(c.busy, vec![slot(12, 0, 13, 0)]);
}

#[test]
fn config_check_prints_every_setting() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        &dir,
        r#"week_starts_on = "sunday"
theme = "light"
workday = "08:00-16:00"

[hooks]
on_complete = ["paplay", "done.oga"]

[keys]
skip = ["n", "right"]

[[busy]]
from = "12:00"
to = "13:00"

[[busy]]
from = "15:00"
to = "15:15"
"#,
    );
    let config = Config::load(&path, true).unwrap();
    let paths = focus::store::paths::Paths {
        config_file: path.clone(),
        config_explicit: true,
        data_dir: dir.path().join("data"),
        state_dir: dir.path().join("state"),
    };
    let mut out = Vec::new();
    focus::app::config::config_check(&config, &paths, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with(&format!("{} is valid\n", path.display())),
        "{out}"
    );
    for line in [
        "  week_starts_on       = sunday",
        "  theme                = light",
        "  workday              = 08:00-16:00",
        "  busy                 = 12:00-13:00, 15:00-15:15",
        "  [keys]",
        r#"  toggle      = "space""#,
        r#"  skip        = "n", "right""#,
        r#"  extend      = "+", "=""#,
        r#"  next_screen = "tab", "backtab""#,
        "  [notifications]",
        "  desktop        = true",
        "  minute_warning = false",
        "  [hooks]",
        "  on_start        = none",
        r#"  on_complete     = ["paplay", "done.oga"]"#,
        "  timeout         = 10s",
    ] {
        assert!(out.lines().any(|l| l == line), "no {line:?} in:\n{out}");
    }
    // Every key of the file and of every table is shown.
    for key in KEYS.iter().filter(|k| !TABLES.iter().any(|(t, _)| t == *k)) {
        assert!(out.contains(&format!("  {key} ")), "{key} missing:\n{out}");
    }
    for (_, keys) in TABLES {
        for key in *keys {
            assert!(out.contains(&format!("  {key} ")), "{key} missing:\n{out}");
        }
    }
}

#[test]
fn work_days_default_to_monday_to_friday_and_take_any_weekdays() {
    let days = |c: &Config| c.work_days.days().collect::<Vec<_>>();
    assert_eq!(
        days(&Config::default()),
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri
        ]
    );
    let c = parse(r#"work_days = ["saturday", "sunday"]"#).unwrap();
    assert_eq!(days(&c), [Weekday::Sat, Weekday::Sun]);
    assert_eq!(c.calendar().work_days, c.work_days);
    assert_eq!(c.settings().work_days, c.work_days);
}

#[test]
fn work_days_errors_point_at_the_bad_value_and_list_what_is_allowed() {
    assert_eq!(
        error_of(r#"work_days = ["monday", "tusday"]"#),
        format!(
            r#"{ORIGIN}:1:24: work_days: unknown value "tusday" — expected one of "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday""#
        )
    );
    assert_eq!(
        error_of(r#"work_days = "monday""#),
        format!(
            r#"{ORIGIN}:1:13: work_days: expected an array of weekdays like ["monday", "tuesday", "wednesday", "thursday", "friday"], found string "monday""#
        )
    );
    assert_eq!(
        error_of("work_days = [1]"),
        format!(
            r#"{ORIGIN}:1:14: work_days: expected one of "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", found integer 1"#
        )
    );
    assert!(
        error_of("work_days = []").starts_with(&format!("{ORIGIN}:1:13: work_days: no days given")),
    );
}

#[test]
fn check_in_and_distraction_mistakes_name_the_key_and_the_fix() {
    let err = |text: &str| parse(text).unwrap_err().to_string();
    let e = err("check_in = \"maybe\"\n");
    assert!(
        e.contains("check_in") && e.contains("\"ask\"") && e.contains("\"off\""),
        "{e}"
    );
    let e = err("check_in_scale = 4\n");
    assert!(
        e.contains("check_in_scale") && e.contains("use 5 (1–5) or 3"),
        "{e}"
    );
    let e = err("check_in_timeout = \"2s\"\n");
    assert!(
        e.contains("check_in_timeout") && e.contains("out of range"),
        "{e}"
    );
    let e = err("[distractions]\nchat = \"slack\"\n");
    assert!(
        e.contains("distractions.chat") && e.contains("an array of words"),
        "{e}"
    );
    let e = err("[distractions]\nchat = [\"slack\", 3]\n");
    assert!(e.contains("distractions.chat"), "{e}");
    assert!(e.contains(":2:"), "names the line: {e}");
}
