//! `focus task …`: the task list from the command line.
//!
//! Every change goes through [`TaskStore::update`], so a command run while
//! the TUI is open never overwrites the TUI's change, nor the other way
//! round. Tasks are named by id or by exact title (ignoring case); titles
//! may be typed without quotes, since the words are joined with spaces.
//!
//! Bad flag values are refused while parsing, by clap, with the flag's name
//! and exit status 2. [`run`] reports everything else as a [`TaskError`]
//! whose [`TaskError::exit_code`] is the exit status.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use clap::{ArgGroup, Subcommand};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::domain::tasks::{
    MAX_ESTIMATE, Priority, Quadrant, Task, TaskError, TaskList, TaskPatch, check_estimate,
    check_tag, check_title, parse_due,
};
use crate::domain::text::{json_safe, one_line, shown};
use crate::store::tasks::TaskStore;

/// `focus task …`
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum TaskAction {
    /// Add a task and print its id.
    Add {
        /// What the task is; quotes are optional.
        #[arg(required = true, num_args = 1.., value_name = "TITLE")]
        title: Vec<String>,
        /// Pomodoros it should take, 1 to 100.
        #[arg(short, long, value_name = "N", default_value = "1", value_parser = estimate_arg, allow_negative_numbers = true)]
        estimate: u32,
        /// Shorthand for importance and urgency: high (important and
        /// urgent), medium (important; the default) or low (neither).
        #[arg(short, long, value_name = "PRIORITY", value_parser = priority_arg)]
        priority: Option<Priority>,
        /// It matters for your goals (with --urgent: Q1, else Q2).
        #[arg(long, overrides_with = "not_important")]
        important: bool,
        /// It does not (with --urgent: Q3, else Q4).
        #[arg(long, overrides_with = "important")]
        not_important: bool,
        /// It has to be done soon.
        #[arg(long, overrides_with = "not_urgent")]
        urgent: bool,
        /// It can wait.
        #[arg(long, overrides_with = "urgent")]
        not_urgent: bool,
        /// The day it is due, YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = due_arg)]
        due: Option<NaiveDate>,
        /// A tag, with or without `#`; repeat for several.
        #[arg(short, long = "tag", value_name = "TAG", value_parser = tag_arg)]
        tags: Vec<String>,
        /// Print the new task as a JSON object (fields as in `list --json`).
        #[arg(long)]
        json: bool,
    },
    /// List open tasks by quadrant: Q1 (important and urgent) first.
    List {
        /// Include done tasks (after the open ones).
        #[arg(short, long)]
        all: bool,
        /// Print a JSON array of tasks instead, in the same order. Fields:
        /// id (string), title, estimate and pomodoros (numbers of
        /// pomodoros), priority ("high", "medium" or "low"), important and
        /// urgent (booleans), quadrant (1 to 4), due (YYYY-MM-DD or null),
        /// tags (array of strings, without `#`), done (boolean), created_at
        /// and done_at (RFC 3339 strings, or null).
        #[arg(long, verbatim_doc_comment)]
        json: bool,
    },
    /// Mark a task done.
    Done {
        /// The task's id or exact title.
        #[arg(required = true, num_args = 1.., value_name = "ID|TITLE")]
        task: Vec<String>,
    },
    /// Reopen a done task.
    Undone {
        /// The task's id or exact title.
        #[arg(required = true, num_args = 1.., value_name = "ID|TITLE")]
        task: Vec<String>,
    },
    /// Delete a task (no prompt; its id is not reused).
    #[command(visible_alias = "remove")]
    Rm {
        /// The task's id or exact title.
        #[arg(required = true, num_args = 1.., value_name = "ID|TITLE")]
        task: Vec<String>,
    },
    /// Change a task's title, estimate, importance, urgency, due date or
    /// tags.
    #[command(group(ArgGroup::new("change").required(true).multiple(true)))]
    Edit {
        /// The task's id or exact title.
        #[arg(required = true, num_args = 1.., value_name = "ID|TITLE")]
        task: Vec<String>,
        /// New title.
        #[arg(long, value_name = "TITLE", value_parser = title_arg, group = "change")]
        title: Option<String>,
        /// New estimate, 1 to 100 pomodoros.
        #[arg(short, long, value_name = "N", value_parser = estimate_arg, allow_negative_numbers = true, group = "change")]
        estimate: Option<u32>,
        /// New priority, as shorthand: high, medium or low (the flags
        /// below override it).
        #[arg(short, long, value_name = "PRIORITY", value_parser = priority_arg, group = "change")]
        priority: Option<Priority>,
        /// Make it important.
        #[arg(long, overrides_with = "not_important", group = "change")]
        important: bool,
        /// Make it not important.
        #[arg(long, overrides_with = "important", group = "change")]
        not_important: bool,
        /// Make it urgent.
        #[arg(long, overrides_with = "not_urgent", group = "change")]
        urgent: bool,
        /// Make it not urgent.
        #[arg(long, overrides_with = "urgent", group = "change")]
        not_urgent: bool,
        /// New due date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = due_arg, group = "change", conflicts_with = "no_due")]
        due: Option<NaiveDate>,
        /// Remove the due date.
        #[arg(long, group = "change")]
        no_due: bool,
        /// Add a tag; repeat for several.
        #[arg(short, long = "tag", value_name = "TAG", value_parser = tag_arg, group = "change")]
        tags: Vec<String>,
        /// Remove all tags first (with --tag: replace the tags).
        #[arg(long, group = "change")]
        clear_tags: bool,
    },
    /// Reorder a task among tasks of the same quadrant.
    #[command(group(ArgGroup::new("place").required(true).multiple(false)))]
    Move {
        /// The task's id or exact title.
        #[arg(required = true, num_args = 1.., value_name = "ID|TITLE")]
        task: Vec<String>,
        /// One place up in `focus task list`.
        #[arg(long, group = "place")]
        up: bool,
        /// One place down in `focus task list`.
        #[arg(long, group = "place")]
        down: bool,
        /// To position N (1 = first) in the file's manual order; the
        /// quadrant still sorts first in `focus task list`.
        #[arg(long, value_name = "N", value_parser = position_arg, group = "place")]
        to: Option<usize>,
    },
}

/// One of the pairs `--important/--not-important` and
/// `--urgent/--not-urgent`: yes, no, or (neither given) as it was.
/// `overrides_with` leaves at most one of a pair set, the last given.
fn yes_no(yes: bool, no: bool) -> Option<bool> {
    match (yes, no) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

fn due_arg(s: &str) -> Result<NaiveDate, TaskError> {
    parse_due(s)
}

fn estimate_arg(s: &str) -> Result<u32, TaskError> {
    let n: i64 = s
        .trim()
        .parse()
        .map_err(|_| TaskError::EstimateNotANumber {
            value: s.to_owned(),
        })?;
    if n < 1 {
        return Err(TaskError::EstimateTooSmall);
    }
    check_estimate(u32::try_from(n).unwrap_or(u32::MAX))
}

fn priority_arg(s: &str) -> Result<Priority, TaskError> {
    s.parse()
}

fn tag_arg(s: &str) -> Result<String, TaskError> {
    check_tag(s)
}

fn title_arg(s: &str) -> Result<String, TaskError> {
    check_title(s)
}

fn position_arg(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "expected a position of at least 1 (1 is the first task), found {s:?}"
        )),
    }
}

/// Runs a `focus task` command on `tasks.toml` in `data_dir`, printing to
/// `out`. `now` stamps the tasks it creates and finishes.
pub fn run(
    action: TaskAction,
    data_dir: &Path,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<(), TaskError> {
    let store = TaskStore::in_dir(data_dir);
    let text = match action {
        TaskAction::Add {
            title,
            estimate,
            priority,
            important,
            not_important,
            urgent,
            not_urgent,
            due,
            tags,
            json,
        } => {
            let base = Quadrant::from_priority(priority.unwrap_or_default());
            let quadrant = Quadrant::of(
                yes_no(important, not_important).unwrap_or(base.important()),
                yes_no(urgent, not_urgent).unwrap_or(base.urgent()),
            );
            let ((task, namesakes), _) = store.update(|list| {
                let id = list.add_in(&title.join(" "), estimate, quadrant, due, &tags, now)?;
                let task = get(list, &id)?;
                let namesakes = list.find_by_title(&task.title).len();
                Ok((task, namesakes))
            })?;
            if json {
                to_json(&TaskJson::from(&task))?
            } else {
                let mut text = format!("Added task {}: {}\n", task.id, summary(&task));
                // Said now, so a later "matches 2 tasks" is no surprise.
                if namesakes > 1 {
                    text.push_str(&format!(
                        "Note: {namesakes} tasks have this title; name them by id\n"
                    ));
                }
                text
            }
        }
        TaskAction::List { all, json } => {
            let list = store.load()?;
            let shown: Vec<&Task> = list
                .sorted()
                .into_iter()
                .filter(|t| all || !t.done)
                .collect();
            if json {
                to_json(&shown.iter().map(|t| TaskJson::from(*t)).collect::<Vec<_>>())?
            } else if shown.is_empty() {
                empty_message(list.len())
            } else {
                table(&shown, all)
            }
        }
        TaskAction::Done { task } => {
            let ((done, task), _) = store.update(|list| {
                let id = list.resolve(&task.join(" "))?.id.clone();
                let changed = list.mark_done(&id, now)?;
                Ok((changed, get(list, &id)?))
            })?;
            if done {
                format!(
                    "Done: task {} \"{}\" ({}/{} pomodoros)\n",
                    task.id, task.title, task.pomodoros, task.estimate
                )
            } else {
                format!("Task {} \"{}\" was already done\n", task.id, task.title)
            }
        }
        TaskAction::Undone { task } => {
            let ((reopened, task), _) = store.update(|list| {
                let id = list.resolve(&task.join(" "))?.id.clone();
                let changed = list.mark_undone(&id)?;
                Ok((changed, get(list, &id)?))
            })?;
            if reopened {
                format!("Reopened task {} \"{}\"\n", task.id, task.title)
            } else {
                format!("Task {} \"{}\" is not done\n", task.id, task.title)
            }
        }
        TaskAction::Rm { task } => {
            let (task, _) = store.update(|list| {
                let id = list.resolve(&task.join(" "))?.id.clone();
                list.remove(&id)
            })?;
            format!("Removed task {} \"{}\"\n", task.id, task.title)
        }
        TaskAction::Edit {
            task,
            title,
            estimate,
            priority,
            important,
            not_important,
            urgent,
            not_urgent,
            due,
            no_due,
            tags,
            clear_tags,
        } => {
            let ((before, after), _) = store.update(|list| {
                let before = list.resolve(&task.join(" "))?.clone();
                // --tag adds to the current tags unless --clear-tags
                // starts from none; `check_tags` drops repeats.
                let new_tags = (clear_tags || !tags.is_empty()).then(|| {
                    let mut all = if clear_tags {
                        Vec::new()
                    } else {
                        before.tags.clone()
                    };
                    all.extend(tags.iter().cloned());
                    all
                });
                let patch = TaskPatch {
                    title: title.clone(),
                    estimate,
                    priority,
                    important: yes_no(important, not_important),
                    urgent: yes_no(urgent, not_urgent),
                    due: if no_due { Some(None) } else { due.map(Some) },
                    tags: new_tags,
                };
                list.edit(&before.id, patch)?;
                let after = get(list, &before.id)?;
                Ok((before, after))
            })?;
            if before == after {
                format!("Task {} unchanged: {}\n", after.id, summary(&after))
            } else {
                format!("Updated task {}: {}\n", after.id, summary(&after))
            }
        }
        TaskAction::Move { task, up, down, to } => {
            let ((moved, task, position, len), _) = store.update(|list| {
                let id = list.resolve(&task.join(" "))?.id.clone();
                let index =
                    |list: &TaskList| list.tasks().iter().position(|t| t.id == id).unwrap_or(0);
                let before = index(list);
                let moved = match (up, down, to) {
                    (true, _, _) => list.move_up(&id)?,
                    (_, true, _) => list.move_down(&id)?,
                    (_, _, Some(n)) => {
                        list.move_to(&id, n.saturating_sub(1))?;
                        index(list) != before
                    }
                    // clap requires one of the three; an action built by
                    // hand without any moves nothing.
                    (false, false, None) => false,
                };
                Ok((moved, get(list, &id)?, index(list) + 1, list.len()))
            })?;
            let name = format!("task {} \"{}\"", task.id, task.title);
            let subject = format!("Task {} \"{}\"", task.id, task.title);
            let group = format!(
                "{} tasks in {}",
                if task.done { "done" } else { "open" },
                task.quadrant()
            );
            match (moved, up, down) {
                (true, true, _) => format!("Moved {name} up\n"),
                (true, _, true) => format!("Moved {name} down\n"),
                (true, _, _) => format!("Moved {name} to position {position} of {len}\n"),
                (false, true, _) => format!("{subject} is already first among {group}\n"),
                (false, _, true) => format!("{subject} is already last among {group}\n"),
                (false, _, _) => format!("{subject} is already at position {position} of {len}\n"),
            }
        }
    };
    // The task file's checks keep titles and tags plain; one that slipped
    // past them still goes out by the one output rule, line by line.
    let text: String = text
        .chars()
        .map(|c| if c == '\n' { c } else { shown(c) })
        .collect();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(TaskError::Output)
}

/// A clone of the task with `id`, which the caller just looked up.
fn get(list: &TaskList, id: &str) -> Result<Task, TaskError> {
    list.get(id)
        .cloned()
        .ok_or_else(|| TaskError::NoSuchId { id: id.to_owned() })
}

/// A task on one line: title, estimate, priority, quadrant, due date and
/// tags.
fn summary(t: &Task) -> String {
    let mut s = format!(
        "\"{}\" ({} {}, {} priority, {}",
        t.title,
        t.estimate,
        if t.estimate == 1 {
            "pomodoro"
        } else {
            "pomodoros"
        },
        t.priority(),
        t.quadrant()
    );
    if let Some(due) = t.due {
        s.push_str(&format!(", due {due}"));
    }
    if !t.tags.is_empty() {
        s.push_str(", ");
        s.push_str(&hash_tags(t));
    }
    s.push(')');
    s
}

fn hash_tags(t: &Task) -> String {
    t.tags
        .iter()
        .map(|tag| format!("#{tag}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn empty_message(total: usize) -> String {
    if total == 0 {
        "No tasks yet. Add one with: focus task add \"TITLE\" --estimate N\n".to_owned()
    } else {
        format!("No open tasks ({total} done; `focus task list --all` shows them).\n")
    }
}

/// The aligned table. Widths are display widths, so titles and tags in
/// CJK (two columns a character) or with combining marks line up.
fn table(tasks: &[&Task], with_state: bool) -> String {
    let mut header = vec!["ID"];
    if with_state {
        header.push("STATE");
    }
    // DUE only when a task has one, so lists without due dates stay as
    // narrow as they were.
    let with_due = tasks.iter().any(|t| t.due.is_some());
    header.extend(["PRI", "QUADRANT", "DONE/EST"]);
    if with_due {
        header.push("DUE");
    }
    header.extend(["TAGS", "TITLE"]);
    let mut rows: Vec<Vec<String>> = vec![header.into_iter().map(str::to_owned).collect()];
    for t in tasks {
        let mut row = vec![t.id.clone()];
        if with_state {
            row.push(if t.done { "done" } else { "open" }.to_owned());
        }
        row.extend([
            t.priority().to_string(),
            t.quadrant().to_string(),
            format!("{}/{}", t.pomodoros, t.estimate),
        ]);
        if with_due {
            row.push(t.due.map_or_else(|| "-".to_owned(), |d| d.to_string()));
        }
        row.extend([one_line(&hash_tags(t)), one_line(&t.title)]);
        rows.push(row);
    }
    let columns = rows[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            // The last column is not padded, so lines carry no trailing
            // spaces.
            if c + 1 < columns {
                line.push_str(&" ".repeat(widths[c] - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A task as `--json` prints it. These names are a contract for scripts:
/// add fields, never rename.
#[derive(Serialize)]
struct TaskJson<'a> {
    id: &'a str,
    title: &'a str,
    estimate: u32,
    priority: Priority,
    important: bool,
    urgent: bool,
    quadrant: u8,
    due: Option<String>,
    tags: &'a [String],
    done: bool,
    pomodoros: u32,
    created_at: Option<String>,
    done_at: Option<String>,
}

impl<'a> From<&'a Task> for TaskJson<'a> {
    fn from(t: &'a Task) -> Self {
        let stamp = |d: DateTime<FixedOffset>| d.to_rfc3339_opts(SecondsFormat::AutoSi, false);
        TaskJson {
            id: &t.id,
            title: &t.title,
            estimate: t.estimate,
            priority: t.priority(),
            important: t.important,
            urgent: t.urgent,
            quadrant: t.quadrant().number(),
            due: t.due.map(|d| d.to_string()),
            tags: &t.tags,
            done: t.done,
            pomodoros: t.pomodoros,
            created_at: t.created_at.map(stamp),
            done_at: t.done_at.map(stamp),
        }
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<String, TaskError> {
    let mut s = serde_json::to_string_pretty(value)
        .map(json_safe)
        .map_err(|e| TaskError::Output(std::io::Error::other(e)))?;
    s.push('\n');
    Ok(s)
}

/// Keeps `MAX_ESTIMATE` in the help text honest: the `1 to 100` in the
/// flag docs must change with it.
const _: () = assert!(MAX_ESTIMATE == 100);
