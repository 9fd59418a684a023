//! Integration tests for `focus::config`: reading files, error messages and
//! command-line overrides.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveTime, Weekday};
use focus::config::{
    Config, ConfigError, HOOK_KEYS, HookCommand, Hooks, KEYS, NOTIFICATION_KEYS, Notifications,
    OnSuspend, Overrides, TABLES,
};

const ORIGIN: &str = "/home/me/.config/focus/config.toml";

fn mins(n: u64) -> Duration {
    Duration::from_secs(n * 60)
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
    assert_eq!(c.on_suspend, OnSuspend::Ask);
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
on_suspend = "discard"
void_on_interruption = true
hooks = { on_start = ["notify-send", "started"], timeout = "30s" }
notifications = { desktop = false, minute_warning = true }
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
            on_suspend: OnSuspend::Discard,
            void_on_interruption: true,
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
        ("ask", OnSuspend::Ask),
        ("resume", OnSuspend::Resume),
        ("count", OnSuspend::Count),
        ("discard", OnSuspend::Discard),
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
    let is_table = |key: &str| TABLES.iter().any(|(t, _)| *t == key);
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
    let message = error_of("theme = \"dark\"");
    assert!(
        message.starts_with(&format!(
            "{ORIGIN}:1:1: unknown key `theme`; valid keys are: "
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
    let names: Vec<String> = focus::core::model::EventKind::ALL
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
