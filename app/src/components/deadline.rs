//! An appeal's deadlines: each due date, where it stands (in words, never by colour alone) and
//! how it was counted. Used by the citizen's and the staff's appeal pages.

use crate::context::use_locale;
use crate::i18n::appeal_labels::{
    deadline_computed, deadline_kind, deadline_status, deadline_status_class,
};
use crate::i18n::format_date;
use crate::tr;
use crate::types::{DeadlineStatus, DeadlineView};
use leptos::prelude::*;

/// The deadlines as a list; each item has an `<h3>`, so put it under an `<h2>`.
#[component]
pub fn DeadlineList(deadlines: Vec<DeadlineView>) -> impl IntoView {
    view! {
        <ul class="deadline-list">
            {deadlines.into_iter().map(|deadline| view! { <DeadlineItem deadline /> }).collect_view()}
        </ul>
    }
}

/// A symbol beside the status words, hidden from screen readers (the words say it).
fn status_symbol(status: DeadlineStatus) -> &'static str {
    match status {
        DeadlineStatus::Met { .. } => "✓",
        DeadlineStatus::Ahead => "○",
        DeadlineStatus::AtRisk => "!",
        DeadlineStatus::Overdue => "✕",
        DeadlineStatus::OnHold { .. } => "Ⅱ",
        DeadlineStatus::Moot => "–",
    }
}

#[component]
fn DeadlineItem(deadline: DeadlineView) -> impl IntoView {
    let locale = use_locale();
    let d = deadline;
    let class = format!("deadline-item {}", deadline_status_class(d.status));
    let due = match d.due {
        Some(due) => tr!(
            locale,
            deadline_due,
            date = format_date(locale, due.year, due.month, due.day)
        ),
        None => tr!(locale, deadline_due_unknown).to_string(),
    };
    // The sentence may end in an abbreviation's full stop ("3 марта 2026 г."): the message
    // adds its own.
    let sentence = deadline_computed(locale, &d);
    let how = tr!(
        locale,
        deadline_how,
        sentence = sentence.strip_suffix('.').unwrap_or(&sentence)
    );
    let extension = d.extension_reason.filter(|r| !r.trim().is_empty()).map(|reason| {
        view! { <p class="deadline-extension">{tr!(locale, deadline_extended, reason = reason)}</p> }
    });
    view! {
        <li class=class>
            <h3 class="deadline-kind">{deadline_kind(locale, d.kind)}</h3>
            <p class="deadline-due">{due}</p>
            <p class="deadline-status">
                <span class="deadline-symbol" aria-hidden="true">{status_symbol(d.status)}</span>
                {deadline_status(locale, d.status)}
            </p>
            {extension}
            <p class="hint deadline-how">{how}</p>
        </li>
    }
}
