//! The Tasks screen's part of the model: selection, the add/edit form,
//! delete confirmation, and keeping the list in step with the file.

use super::{Effect, Key, Mode, Model, Screen, TaskOp};
use crate::domain::tasks::{self, Priority, Quadrant, Task, TaskList, TaskPatch};
use crate::engine::line::EditLine;
use crate::engine::timer::TaskRef;

/// Three digits hold every estimate up to the maximum.
const ESTIMATE_DIGITS: usize = 3;

/// `YYYY-MM-DD`.
const DUE_CHARS: usize = 10;

/// The fields of the task form, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum FormField {
    /// The title.
    #[default]
    Title,
    /// The estimate in pomodoros.
    Estimate,
    /// Importance and urgency, as a quadrant.
    Priority,
    /// The due date, `YYYY-MM-DD` or empty.
    Due,
    /// Tags, separated by spaces.
    Tags,
}

impl FormField {
    fn next(self) -> FormField {
        match self {
            FormField::Title => FormField::Estimate,
            FormField::Estimate => FormField::Priority,
            FormField::Priority => FormField::Due,
            FormField::Due => FormField::Tags,
            FormField::Tags => FormField::Title,
        }
    }

    fn prev(self) -> FormField {
        match self {
            FormField::Title => FormField::Tags,
            FormField::Estimate => FormField::Title,
            FormField::Priority => FormField::Estimate,
            FormField::Due => FormField::Priority,
            FormField::Tags => FormField::Due,
        }
    }
}

/// The add/edit form as typed so far.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaskForm {
    /// The task being edited; `None` when adding.
    pub id: Option<String>,
    /// Title text.
    pub(crate) title: EditLine,
    /// Estimate text (digits).
    pub(crate) estimate: EditLine,
    /// Importance and urgency.
    pub(crate) quadrant: Quadrant,
    /// Due date text, `YYYY-MM-DD`; empty for none.
    pub(crate) due: EditLine,
    /// Tags text, space separated.
    pub(crate) tags: EditLine,
    /// The field with the cursor.
    pub(crate) field: FormField,
    /// Why the last Enter was refused.
    pub error: Option<String>,
}

impl Model {
    /// The task under the cursor, in view order.
    pub fn selected_task(&self) -> Option<&Task> {
        self.tasks.sorted().get(self.task_cursor).copied()
    }

    /// The current task's entry in the list, if it came from the list.
    pub(crate) fn current_task(&self) -> Option<&Task> {
        let id = self.timer_task()?.id.as_ref()?;
        self.tasks.get(id)
    }

    /// The task the pomodoro on screen is for: the running one's, or the
    /// one the next pomodoro will take.
    pub(crate) fn timer_task(&self) -> Option<&TaskRef> {
        match &self.timer.session {
            Some(s) if s.kind == crate::domain::record::Kind::Work => s.task.as_ref(),
            _ => self.task.as_ref(),
        }
    }

    pub(super) fn tasks_key(&mut self, key: Key, fx: &mut Vec<Effect>) {
        let count = self.tasks.sorted().len();
        let selected = self.selected_task().map(|t| (t.id.clone(), t.done));
        match key {
            Key::Up | Key::Char('k') => self.task_cursor = self.task_cursor.saturating_sub(1),
            Key::Down | Key::Char('j') => {
                self.task_cursor = (self.task_cursor + 1).min(count.saturating_sub(1))
            }
            Key::Char('a') => {
                self.mode = Mode::TaskForm(TaskForm {
                    estimate: EditLine::new("1"),
                    ..TaskForm::default()
                })
            }
            Key::Char('e') => {
                if let Some(t) = self.selected_task() {
                    self.mode = Mode::TaskForm(TaskForm {
                        id: Some(t.id.clone()),
                        title: EditLine::new(t.title.clone()),
                        estimate: EditLine::new(t.estimate.to_string()),
                        quadrant: t.quadrant(),
                        due: EditLine::new(t.due.map(|d| d.to_string()).unwrap_or_default()),
                        tags: EditLine::new(t.tags.join(" ")),
                        field: FormField::Title,
                        error: None,
                    });
                }
            }
            Key::Char('d') | Key::Char('x') => {
                if let Some((id, done)) = selected {
                    self.task_op(TaskOp::SetDone { id, done: !done }, fx);
                }
            }
            Key::Delete | Key::Char('D') => {
                if let Some(t) = self.selected_task() {
                    self.mode = Mode::ConfirmDelete {
                        id: t.id.clone(),
                        title: t.title.clone(),
                    };
                }
            }
            Key::Char('K') | Key::Char('J') => {
                if let Some((id, _)) = selected {
                    let up = key == Key::Char('K');
                    self.task_op(TaskOp::Move { id: id.clone(), up }, fx);
                    self.select(&id);
                }
            }
            Key::Char('p') | Key::Char('+') | Key::Char('-') => {
                if let Some(t) = self.selected_task() {
                    let (quadrant, estimate) = match key {
                        Key::Char('p') => (t.quadrant().next(), t.estimate),
                        Key::Char('+') => (t.quadrant(), (t.estimate + 1).min(tasks::MAX_ESTIMATE)),
                        _ => (t.quadrant(), t.estimate.saturating_sub(1).max(1)),
                    };
                    let op = TaskOp::Edit {
                        id: t.id.clone(),
                        title: t.title.clone(),
                        estimate,
                        quadrant,
                        due: t.due,
                        tags: t.tags.clone(),
                    };
                    let id = t.id.clone();
                    self.task_op(op, fx);
                    self.select(&id);
                }
            }
            Key::Enter => {
                if let Some(t) = self.selected_task() {
                    let task = TaskRef {
                        id: Some(t.id.clone()),
                        title: t.title.clone(),
                        tags: t.tags.clone(),
                    };
                    self.command(super::Command::PickTask(Some(task)), fx);
                    self.screen = Screen::Timer;
                }
            }
            _ => {}
        }
    }

    /// Puts the cursor on the task with `id` (after a change moved it).
    fn select(&mut self, id: &str) {
        if let Some(i) = self.tasks.sorted().iter().position(|t| t.id == id) {
            self.task_cursor = i;
        }
    }

    pub(super) fn form_key(&mut self, mut form: TaskForm, key: Key, fx: &mut Vec<Effect>) {
        form.error = None;
        match key {
            Key::Esc | Key::CtrlC => return,
            Key::Enter => match self.submit(&form) {
                Ok(op) => {
                    self.task_op(op, fx);
                    return;
                }
                Err(e) => form.error = Some(e),
            },
            Key::Tab | Key::Down => form.field = form.field.next(),
            Key::BackTab | Key::Up => form.field = form.field.prev(),
            Key::Left if form.field == FormField::Priority => form.quadrant = form.quadrant.prev(),
            Key::Right | Key::Char(' ') if form.field == FormField::Priority => {
                form.quadrant = form.quadrant.next()
            }
            Key::Char(c) if form.field == FormField::Priority => {
                let q = form.quadrant;
                form.quadrant = match c {
                    'i' => Quadrant::of(!q.important(), q.urgent()),
                    'u' => Quadrant::of(q.important(), !q.urgent()),
                    // The old scale's keys still work, and mean what they
                    // always did.
                    'h' => Quadrant::from_priority(Priority::High),
                    'm' => Quadrant::from_priority(Priority::Medium),
                    'l' => Quadrant::from_priority(Priority::Low),
                    _ => q,
                }
            }
            Key::Char(c) if form.field == FormField::Due && !(c.is_ascii_digit() || c == '-') => {}
            Key::Char(c) if form.field == FormField::Estimate && !c.is_ascii_digit() => {}
            // Tags cannot hold a comma; a user typing "work, urgent" means
            // two tags, so the comma separates them as it is typed rather
            // than the form refusing it on save.
            Key::Char(',') if form.field == FormField::Tags => {
                form.tags.edit(&Key::Char(' '), tasks::MAX_TITLE_CHARS);
            }
            Key::Paste(text) if form.field == FormField::Tags => {
                let spaced = text.replace(',', " ");
                form.tags.edit(&Key::Paste(spaced), tasks::MAX_TITLE_CHARS);
            }
            Key::Paste(text) if form.field == FormField::Estimate => {
                let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                form.estimate.edit(&Key::Paste(digits), ESTIMATE_DIGITS);
            }
            _ => {
                let field = match form.field {
                    FormField::Title => Some((&mut form.title, tasks::MAX_TITLE_CHARS)),
                    FormField::Tags => Some((&mut form.tags, tasks::MAX_TITLE_CHARS)),
                    FormField::Estimate => Some((&mut form.estimate, ESTIMATE_DIGITS)),
                    FormField::Due => Some((&mut form.due, DUE_CHARS)),
                    FormField::Priority => None,
                };
                if let Some((text, max)) = field {
                    text.edit(&key, max);
                }
            }
        }
        self.mode = Mode::TaskForm(form);
    }

    /// The change the form asks for, or why it cannot be made.
    fn submit(&self, form: &TaskForm) -> Result<TaskOp, String> {
        let title = tasks::check_title(form.title.text()).map_err(|e| e.to_string())?;
        let estimate: u32 = form
            .estimate
            .text()
            .parse()
            .map_err(|_| "estimate must be a whole number of pomodoros".to_string())?;
        let estimate = tasks::check_estimate(estimate).map_err(|e| e.to_string())?;
        let words: Vec<&str> = form.tags.text().split_whitespace().collect();
        let tags = tasks::check_tags(&words).map_err(|e| e.to_string())?;
        let due = match form.due.text().trim() {
            "" => None,
            text => Some(tasks::parse_due(text).map_err(|e| e.to_string())?),
        };
        let quadrant = form.quadrant;
        Ok(match &form.id {
            Some(id) => TaskOp::Edit {
                id: id.clone(),
                title,
                estimate,
                quadrant,
                due,
                tags,
            },
            None => TaskOp::Add {
                title,
                estimate,
                quadrant,
                due,
                tags,
            },
        })
    }

    pub(super) fn confirm_delete_key(
        &mut self,
        id: String,
        title: String,
        key: Key,
        fx: &mut Vec<Effect>,
    ) {
        match key {
            Key::Char('y' | 'Y') => self.task_op(TaskOp::Remove { id }, fx),
            Key::Char('n' | 'N') | Key::Esc | Key::CtrlC => {}
            _ => self.mode = Mode::ConfirmDelete { id, title },
        }
    }

    /// Applies `op` to the list on screen at once and asks the shell to
    /// apply it to the file, whose answer ([`super::Msg::TasksLoaded`])
    /// then replaces this list.
    pub(super) fn task_op(&mut self, op: TaskOp, fx: &mut Vec<Effect>) {
        let now = self.now.wall;
        // The file is the judge: a change it refuses comes back as a notice,
        // so a local refusal here needs no report of its own.
        let _ = apply(&mut self.tasks, &op, now);
        self.refresh_current();
        self.clamp_cursor();
        fx.push(Effect::Tasks(op));
    }

    pub(super) fn tasks_loaded(&mut self, list: TaskList) {
        self.tasks = list;
        self.refresh_current();
        self.clamp_cursor();
    }

    fn clamp_cursor(&mut self) {
        let n = self.tasks.sorted().len();
        self.task_cursor = self.task_cursor.min(n.saturating_sub(1));
    }

    /// A renamed or retagged task shows its new title; one deleted from the
    /// list stays current under its last title.
    ///
    /// A task marked done (here, or by `focus task done` in another shell,
    /// which arrives as a reload) is finished with, so the next pomodoro is
    /// not for it: logging more pomodoros to a done task would make its
    /// actual count a lie. The running session keeps its task, since that
    /// time was spent on it. The screen says so, or the next pomodoro would
    /// silently start without the task the user last saw.
    fn refresh_current(&mut self) {
        let fresh = |t: &mut TaskRef, list: &TaskList| {
            if let Some(found) = t.id.as_ref().and_then(|id| list.get(id)) {
                t.title = found.title.clone();
                t.tags = found.tags.clone();
            }
        };
        if let Some(t) = &mut self.task {
            fresh(t, &self.tasks);
        }
        let done = self.task.as_ref().filter(|t| {
            t.id.as_ref()
                .and_then(|id| self.tasks.get(id))
                .is_some_and(|found| found.done)
        });
        if let Some(t) = done {
            let title = crate::domain::text::one_line(&t.title);
            let on_it = self.timer.session.as_ref().is_some_and(|s| {
                s.kind == crate::domain::record::Kind::Work
                    && s.task.as_ref().is_some_and(|r| r.id == t.id)
            });
            self.notice = Some(if on_it {
                format!(
                    "“{title}” is done: this pomodoro stays on it, the next has no task; pick one on the Tasks screen"
                )
            } else {
                format!(
                    "“{title}” is done: the next pomodoro has no task; pick one on the Tasks screen"
                )
            });
            self.dropped_task = Some(title);
            self.task = None;
        }
        if let Some(t) = self.timer.session.as_mut().and_then(|s| s.task.as_mut()) {
            fresh(t, &self.tasks);
        }
    }
}

/// Applies a change to a list: the same code for the screen's copy and the
/// file's, so the two cannot disagree about what a change means.
pub(crate) fn apply(
    list: &mut TaskList,
    op: &TaskOp,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(), tasks::TaskError> {
    match op {
        TaskOp::Add {
            title,
            estimate,
            quadrant,
            due,
            tags,
        } => list
            .add_in(title, *estimate, *quadrant, *due, tags, now)
            .map(drop),
        TaskOp::Edit {
            id,
            title,
            estimate,
            quadrant,
            due,
            tags,
        } => list.edit(
            id,
            TaskPatch {
                title: Some(title.clone()),
                estimate: Some(*estimate),
                priority: None,
                important: Some(quadrant.important()),
                urgent: Some(quadrant.urgent()),
                due: Some(*due),
                tags: Some(tags.clone()),
            },
        ),
        TaskOp::Remove { id } => list.remove(id).map(drop),
        TaskOp::SetDone { id, done: true } => list.mark_done(id, now).map(drop),
        TaskOp::SetDone { id, done: false } => list.mark_undone(id).map(drop),
        TaskOp::Move { id, up: true } => list.move_up(id).map(drop),
        TaskOp::Move { id, up: false } => list.move_down(id).map(drop),
        TaskOp::RecordPomodoro { id } => list.record_pomodoro(id).map(drop),
    }
}
