//! What is drawn over the timer: help, prompts and input boxes.
//!
//! Prompts sit at the bottom of the screen, over the Today line and the
//! hints, so the countdown itself stays visible while they are open.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{fit, tail_fit, theme};
use crate::core::model::{FormField, Mode, Model, TaskForm};
use crate::record::InterruptionKind;

/// Draws the overlay for the model's mode, if any.
pub fn render(model: &Model, area: Rect, buf: &mut Buffer) {
    match &model.mode {
        Mode::Normal => {}
        Mode::Help => help(area, buf),
        Mode::ConfirmQuit => confirm_quit(area, buf),
        Mode::EditTask { buffer } => {
            text_box(" Task · Enter saves · Esc cancels ", buffer, area, buf)
        }
        Mode::Note { kind, buffer } => {
            let title = match kind {
                InterruptionKind::External => " External interruption · note? ",
                _ => " Internal interruption · note? ",
            };
            text_box(title, buffer, area, buf)
        }
        Mode::Away { ms } => away(*ms, area, buf),
        Mode::TaskForm(form) => task_form(form, area, buf),
        Mode::ConfirmDelete { id, title } => confirm_delete(id, title, area, buf),
    }
}

fn confirm_delete(id: &str, title: &str, area: Rect, buf: &mut Buffer) {
    let key = |k: &'static str| Span::styled(k, theme::bold());
    let rect = dialog(area, 4);
    let w = text_width(rect, 2);
    let lines = vec![
        Line::raw(fit(&format!("Delete task {id} \"{title}\"?"), w)),
        Line::from(vec![
            key("y"),
            Span::raw(" delete  "),
            key("n"),
            Span::raw(" keep"),
        ]),
    ];
    boxed(rect, " Delete? ", lines, true, buf);
}

const FORM_LABEL: u16 = 10;

fn form_rect(area: Rect) -> Rect {
    dialog(area, 7)
}

fn task_form(form: &TaskForm, area: Rect, buf: &mut Buffer) {
    let rect = form_rect(area);
    let w = rect.width.saturating_sub(4 + FORM_LABEL);
    let row = |field: FormField, label: &'static str, value: String| {
        let style = if form.field == field {
            theme::bold()
        } else {
            theme::dim()
        };
        Line::from(vec![
            Span::styled(format!("{label:<10}"), style),
            Span::raw(value),
        ])
    };
    let priority = if form.field == FormField::Priority {
        format!("‹ {} ›  (h m l)", form.priority)
    } else {
        form.priority.to_string()
    };
    let mut lines = vec![
        row(
            FormField::Title,
            "Title",
            tail_fit(&form.title, w.saturating_sub(1)),
        ),
        row(
            FormField::Estimate,
            "Estimate",
            format!("{} pomodoros", form.estimate),
        ),
        row(FormField::Priority, "Priority", priority),
        row(
            FormField::Tags,
            "Tags",
            tail_fit(&form.tags, w.saturating_sub(1)),
        ),
    ];
    if let Some(e) = &form.error {
        lines.push(Line::styled(
            fit(e, rect.width.saturating_sub(4)),
            theme::warning(),
        ));
    }
    let title = if form.id.is_some() {
        " Edit task · Tab next · Enter save · Esc cancel "
    } else {
        " New task · Tab next · Enter save · Esc cancel "
    };
    boxed(rect, title, lines, false, buf);
}

/// The cursor in the form: after the text of the field being typed in.
pub fn form_cursor(form: &TaskForm, area: Rect) -> Option<Position> {
    let rect = form_rect(area);
    if rect.height < 7 || rect.width < 6 + FORM_LABEL {
        return None;
    }
    let w = rect.width - 4 - FORM_LABEL;
    let (row, text) = match form.field {
        FormField::Title => (0, tail_fit(&form.title, w.saturating_sub(1))),
        FormField::Estimate => (1, form.estimate.clone()),
        FormField::Tags => (3, tail_fit(&form.tags, w.saturating_sub(1))),
        FormField::Priority => return None,
    };
    Some(Position::new(
        rect.x + 2 + FORM_LABEL + text.width() as u16,
        rect.y + 1 + row,
    ))
}

/// A panel `height` rows tall across the bottom of `area`, inside the
/// frame's border when there is room for one, so nothing of the rows it
/// covers peeks out beside it.
fn dialog(area: Rect, height: u16) -> Rect {
    let framed = super::layout_for(area) == super::Layout::Full;
    let inset = u16::from(framed && area.height > height + 1);
    let width = area.width - 2 * inset;
    let height = height.min(area.height);
    Rect {
        x: area.x + inset,
        y: area.y + area.height - height - inset,
        width,
        height,
    }
}

/// A bordered box with the given lines, or the bare lines when there is no
/// room for a border. The last line carries a prompt's keys, so when even
/// the bare lines do not fit, the last ones are kept.
fn boxed(rect: Rect, title: &str, mut lines: Vec<Line>, warn: bool, buf: &mut Buffer) {
    Clear.render(rect, buf);
    if usize::from(rect.height) < lines.len() + 2 || rect.width < 6 {
        let keep = usize::from(rect.height);
        if lines.len() > keep {
            lines.drain(..lines.len() - keep);
        }
        Paragraph::new(lines).render(rect, buf);
        return;
    }
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(fit(title, rect.width.saturating_sub(2)))
        .padding(Padding::horizontal(1));
    if warn {
        block = block.border_style(theme::warning());
    }
    let inner = block.inner(rect);
    block.render(rect, buf);
    Paragraph::new(lines).render(inner, buf);
}

/// Columns for text in a [`boxed`] panel of `rect` holding `lines` lines.
fn text_width(rect: Rect, lines: u16) -> u16 {
    if rect.height >= lines + 2 && rect.width >= 6 {
        rect.width - 4
    } else {
        rect.width
    }
}

const HELP: &[(&str, &str)] = &[
    ("Tab", "timer · tasks"),
    ("space", "start · pause · resume"),
    ("s", "skip to the next phase"),
    ("r", "reset (logged abandoned)"),
    ("+", "add a minute"),
    ("t", "name the task"),
    ("' i", "internal interruption"),
    ("- e", "external interruption"),
    ("?", "this help"),
    ("q", "quit"),
];

fn help(area: Rect, buf: &mut Buffer) {
    let lines: Vec<Line> = HELP
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:>5}  "), theme::bold()),
                Span::raw(*what),
            ])
        })
        .collect();
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let (w, h) = (widest + 4, HELP.len() as u16 + 2);
    // Inside the frame when it fits there; otherwise the whole screen is
    // the help, so no key is hidden behind a clipped box.
    if area.width >= w + 2 && area.height >= h + 2 {
        let rect = Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + (area.height - h) / 2,
            width: w,
            height: h,
        };
        Clear.render(rect, buf);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .title(" Keys ")
            .title_bottom(Line::from(" any key closes ").style(theme::dim()))
            .padding(Padding::horizontal(1));
        let inner = block.inner(rect);
        block.render(rect, buf);
        Paragraph::new(lines).render(inner, buf);
    } else {
        Clear.render(area, buf);
        let mut plain: Vec<Line> = vec![Line::styled(
            fit("Keys (any key closes)", area.width),
            theme::bold(),
        )];
        plain.extend(
            HELP.iter()
                .map(|(k, what)| Line::raw(fit(&format!("{k} {what}"), area.width))),
        );
        Paragraph::new(plain).render(area, buf);
    }
}

fn confirm_quit(area: Rect, buf: &mut Buffer) {
    let key = |k: &'static str| Span::styled(k, theme::bold());
    let answer = Line::from(vec![
        key("y"),
        Span::raw(" quit  "),
        key("n"),
        Span::raw(" stay"),
    ]);
    let rect = dialog(area, 4);
    let w = text_width(rect, 2);
    let long = "The running session will be logged as abandoned.";
    let text = if long.width() <= usize::from(w) {
        long.to_string()
    } else {
        fit("Abandon the session?", w)
    };
    boxed(rect, " Quit? ", vec![Line::raw(text), answer], true, buf);
}

fn away(ms: u64, area: Rect, buf: &mut Buffer) {
    let key = |k: &'static str| Span::styled(k, theme::bold());
    let rect = dialog(area, 4);
    let w = text_width(rect, 2);
    let lines = vec![
        Line::raw(fit(
            &format!(
                "Away {}: the pomodoro paused at sleep.",
                duration(ms / 1000)
            ),
            w,
        )),
        Line::from(vec![
            key("Enter"),
            Span::raw(" resume · "),
            key("c"),
            Span::raw(" count · "),
            key("d"),
            Span::raw(" discard"),
        ]),
    ];
    boxed(rect, " Welcome back ", lines, true, buf);
}

fn duration(secs: u64) -> String {
    match secs {
        s if s >= 3600 => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
        s if s >= 60 => format!("{}m {:02}s", s / 60, s % 60),
        s => format!("{s}s"),
    }
}

/// The input box and the row its text is on.
fn text_rects(area: Rect) -> (Rect, Rect) {
    let rect = dialog(area, 3);
    let text = if rect.height >= 3 && rect.width >= 6 {
        Rect {
            x: rect.x + 2,
            y: rect.y + 1,
            width: rect.width - 4,
            height: 1,
        }
    } else {
        Rect { height: 1, ..rect }
    };
    (rect, text)
}

fn text_box(title: &str, buffer: &str, area: Rect, buf: &mut Buffer) {
    let (rect, text) = text_rects(area);
    let shown = tail_fit(buffer, text.width.saturating_sub(1));
    boxed(rect, title, Vec::new(), false, buf);
    Paragraph::new(shown).render(text, buf);
}

/// Where the cursor goes in the input box: after the last character.
pub fn text_cursor(buffer: &str, area: Rect) -> Option<Position> {
    let (_, text) = text_rects(area);
    if text.width == 0 || text.height == 0 {
        return None;
    }
    let shown = tail_fit(buffer, text.width.saturating_sub(1));
    Some(Position::new(text.x + shown.width() as u16, text.y))
}
