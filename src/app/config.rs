//! `focus config path` and `focus config check`.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use crate::app::error::Error;
use crate::config::Config;
use crate::domain::duration::format_duration;
use crate::store::paths::Paths;

/// `focus config path`.
pub(crate) fn config_path(paths: &Paths, out: &mut impl Write) -> Result<(), Error> {
    let note = if paths.config_file.exists() {
        ""
    } else {
        "  (not there: defaults are used)"
    };
    writeln!(out, "{}{note}", paths.config_file.display())
        .map_err(Error::io("cannot write to standard output"))
}

/// `focus config check`: the file was already loaded and validated; say so
/// and show every setting in effect, defaults included, grouped the way
/// the file groups them.
pub fn config_check(config: &Config, paths: &Paths, out: &mut impl Write) -> Result<(), Error> {
    use crate::engine::keymap::{Action, key_name};

    let source = if paths.config_file.exists() {
        format!("{} is valid", paths.config_file.display())
    } else {
        format!(
            "{} does not exist; using defaults",
            paths.config_file.display()
        )
    };
    let busy = if config.busy.is_empty() {
        "none".to_string()
    } else {
        let slots: Vec<String> = config.busy.iter().map(ToString::to_string).collect();
        slots.join(", ")
    };
    let distractions = if config.distractions.is_empty() {
        "none".to_string()
    } else {
        config
            .distractions
            .iter()
            .map(|(name, aliases)| format!("{name} = {}", aliases.join(" / ")))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let top = vec![
        ("work", format_duration(config.work)),
        ("short_break", format_duration(config.short_break)),
        ("long_break", format_duration(config.long_break)),
        ("long_break_every", config.long_break_every.to_string()),
        ("auto_start_breaks", config.auto_start_breaks.to_string()),
        ("auto_start_work", config.auto_start_work.to_string()),
        ("bell", config.bell.to_string()),
        ("daily_goal", config.daily_goal.to_string()),
        (
            "day_starts_at",
            config.day_starts_at.format("%H:%M").to_string(),
        ),
        (
            "week_starts_on",
            crate::config::weekday_name(config.week_starts_on).to_string(),
        ),
        (
            "work_days",
            config
                .work_days
                .days()
                .map(crate::config::weekday_name)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("on_suspend", config.on_suspend.as_str().to_string()),
        (
            "void_on_interruption",
            config.void_on_interruption.to_string(),
        ),
        (
            "check_in",
            if config.check_in { "ask" } else { "off" }.to_string(),
        ),
        ("check_in_scale", config.check_in_scale.to_string()),
        ("check_in_energy", config.check_in_energy.to_string()),
        ("check_in_timeout", format_duration(config.check_in_timeout)),
        ("theme", config.theme.name().to_string()),
        ("workday", config.workday.to_string()),
        (
            "busy_ics",
            config
                .busy_ics
                .as_ref()
                .map_or_else(|| "none".to_string(), |p| p.display().to_string()),
        ),
        ("busy", busy),
        ("distractions", distractions),
    ];
    // Quoted, as in the file: a bare `+ =` or `,` would be hard to read.
    let keys = Action::ALL
        .iter()
        .map(|&action| {
            let names: Vec<String> = config
                .keys
                .effective(action)
                .iter()
                .map(|k| format!("{:?}", key_name(k)))
                .collect();
            (action.name(), names.join(", "))
        })
        .collect();
    let n = &config.notifications;
    let notifications = vec![
        ("desktop", n.desktop.to_string()),
        ("minute_warning", n.minute_warning.to_string()),
    ];
    let h = &config.hooks;
    let hook = |c: &Option<crate::config::HookCommand>| {
        c.as_ref()
            .map_or_else(|| "none".to_string(), ToString::to_string)
    };
    let hooks = vec![
        ("on_start", hook(&h.on_start)),
        ("on_pause", hook(&h.on_pause)),
        ("on_resume", hook(&h.on_resume)),
        ("on_complete", hook(&h.on_complete)),
        ("on_skip", hook(&h.on_skip)),
        ("on_reset", hook(&h.on_reset)),
        ("on_break_start", hook(&h.on_break_start)),
        ("on_break_end", hook(&h.on_break_end)),
        ("on_interruption", hook(&h.on_interruption)),
        ("on_minute_left", hook(&h.on_minute_left)),
        ("timeout", format_duration(h.timeout)),
    ];

    let mut text = format!("{source}\n");
    // Each group is aligned on its own, so one long name does not push
    // every other value far to the right.
    for (header, rows) in [
        (None, top),
        (Some("[keys]"), keys),
        (Some("[notifications]"), notifications),
        (Some("[hooks]"), hooks),
    ] {
        if let Some(header) = header {
            text.push_str(&format!("\n  {header}\n"));
        }
        let width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
        for (k, v) in rows {
            text.push_str(&format!("  {k:<width$} = {v}\n"));
        }
    }
    out.write_all(text.as_bytes())
        .map_err(Error::io("cannot write to standard output"))
}
