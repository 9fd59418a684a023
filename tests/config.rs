//! Integration tests for `focus::config`: reading files, error messages and
//! command-line overrides.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveTime;
use focus::config::{Config, ConfigError, KEYS, OnSuspend, Overrides};

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
on_suspend = "discard"
void_on_interruption = true
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
            on_suspend: OnSuspend::Discard,
            void_on_interruption: true,
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
    for key in KEYS {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("{key} = "))),
            "config.example.toml does not set `{key}`"
        );
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
