//! Shell integration: completion scripts, the man page, `--help` and
//! `--color`, from the real binary.

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_focus");

/// The binary in an empty environment inside a temp home, so nothing
/// (a config, `NO_COLOR`) leaks in from the developer's machine.
fn focus(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    let root = home.path();
    Command::new(BIN)
        .args(args)
        .env_clear()
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_STATE_HOME", root.join("state"))
        .output()
        .unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = focus(args);
    assert!(
        out.status.success(),
        "focus {args:?}: {:?}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_for_each_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for word in [
            "status",
            "toggle",
            "extend",
            "interrupt",
            "completions",
            "waybar",
        ] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
    }
    let out = focus(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn completions_work_even_with_a_broken_config() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(&config, "work = \"25x\"\n").unwrap();
    let out = Command::new(BIN)
        .args(["--config", config.to_str().unwrap(), "completions", "bash"])
        .env_clear()
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn man_prints_a_roff_page() {
    let page = stdout(&["man"]);
    assert!(
        page.contains(".TH focus 1"),
        "{}",
        &page[..page.len().min(300)]
    );
    assert!(page.contains(".SH NAME") && page.contains(".SH SYNOPSIS"));
    assert!(page.contains("toggle") && page.contains("status"));
}

#[test]
fn help_shows_examples_for_status_remote_control_and_completions() {
    let help = stdout(&["--help"]);
    for example in [
        "focus status --waybar",
        "focus status --follow",
        "focus status --format '{icon} {remaining} {task}'",
        "focus toggle",
        "focus extend 5m",
        "focus completions bash",
        "focus man",
    ] {
        assert!(help.contains(example), "--help lacks {example:?}");
    }
    let help = stdout(&["status", "--help"]);
    for word in ["--json", "--waybar", "--format", "--follow", "{remaining}"] {
        assert!(help.contains(word), "status --help lacks {word}");
    }
}

#[test]
fn color_never_and_no_color_keep_help_and_errors_plain() {
    for (args, no_color) in [
        (&["--color", "never", "--help"][..], false),
        (&["--color=never", "status", "--bogus"], false),
        (&["--help"], true),
    ] {
        let home = tempfile::tempdir().unwrap();
        let mut cmd = Command::new(BIN);
        cmd.args(args).env_clear().env("HOME", home.path());
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd.output().unwrap();
        let all = [out.stdout, out.stderr].concat();
        assert!(
            !all.contains(&0x1b),
            "{args:?}: {}",
            String::from_utf8_lossy(&all)
        );
    }
    // `always` is honoured by clap's own output too, even into a pipe.
    let out = focus(&["--color", "always", "status", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stderr.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A bad value is a usage error naming the choices.
    let out = focus(&["--color", "sometimes", "status"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("auto") && err.contains("never"), "{err}");
}

/// `focus log | head`: the reader closes the pipe early. focus stops
/// quietly with the status of a process killed by SIGPIPE (141), as other
/// command-line tools do, instead of "Broken pipe" and exit 1.
#[test]
fn a_reader_that_closes_the_pipe_early_gets_no_error() {
    use std::io::Read;
    let home = tempfile::tempdir().unwrap();
    let root = home.path();
    let data = root.join("data/focus");
    std::fs::create_dir_all(&data).unwrap();
    let end = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let mut log = std::fs::File::create(data.join("sessions.jsonl")).unwrap();
    // Enough rows that the output cannot fit in a pipe's buffer, so focus
    // is still writing when the reader goes away.
    focus::domain::loggen::write_jsonl(&focus::domain::loggen::Spec::new(5_000, end), &mut log)
        .unwrap();
    let mut child = Command::new(BIN)
        .args(["log", "-n", "5000"])
        .env_clear()
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_STATE_HOME", root.join("state"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here, like `head` exiting.
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "focus complained about the closed pipe"
    );
    assert_eq!(out.status.code(), Some(141), "{:?}", out.status);
}
