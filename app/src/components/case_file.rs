//! The case file as staff and the Human Rights Commissioner read it: deadlines with how they
//! were counted, the agency's answer, what the citizen challenges (each factor's value beside
//! the correction proposed), the statement, the evidence and the history with internal notes.

use crate::components::appeal_table::DueMarker;
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::appeal_labels::{
    deadline_computed, deadline_status_class, entry_author, entry_kind, file_size, file_type,
    finding, ground, outcome, timestamp,
};
use crate::i18n::{format_value, Locale};
use crate::tr;
use crate::types::{
    AppealView, AttachmentView, ChallengedFactorView, DeadlineKind, DeadlineView, EntryView,
    FindingKind, OutcomeView,
};
use leptos::prelude::*;

/// Every deadline of the appeal, with its status and the computation behind it.
#[component]
pub fn CaseDeadlines(deadlines: Vec<DeadlineView>) -> impl IntoView {
    let locale = use_page_context().locale;
    (!deadlines.is_empty()).then(|| {
        view! {
            <section class="case-section" aria-labelledby="case-deadlines">
                <h2 id="case-deadlines">{tr!(locale, case_deadlines_title)}</h2>
                <ul class="deadline-list">
                    {deadlines.into_iter().map(|d| {
                        let class = format!("deadline-item {}", deadline_status_class(d.status));
                        let how = tr!(locale, case_deadline_how, how = deadline_computed(locale, &d));
                        let extended = d.extension_reason.map(|reason| view! {
                            <p class="deadline-extension">{tr!(locale, case_deadline_extended, reason = reason)}</p>
                        });
                        view! {
                            <li class=class>
                                <h3 class="deadline-kind">{staff_deadline_kind(locale, d.kind)}</h3>
                                <p class="deadline-due"><DueMarker due=d.due status=d.status /></p>
                                <p class="hint">{how}</p>
                                {extended}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// Which deadline, as staff read it (the citizen's page says "your challenge").
fn staff_deadline_kind(locale: Locale, kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Acknowledge => tr!(locale, case_deadline_acknowledge),
        DeadlineKind::Decide => tr!(locale, case_deadline_decide),
        DeadlineKind::Escalate => tr!(locale, case_deadline_escalate),
    }
}

/// An outcome as decided or proposed: the answer, the corrected outcome for an overturn, the
/// reasoning the citizen reads.
#[component]
pub fn OutcomePanel(
    heading: &'static str,
    id: &'static str,
    outcome_view: OutcomeView,
    /// Marks a proposal that still waits for approval.
    #[prop(optional)]
    pending: bool,
) -> impl IntoView {
    let locale = use_page_context().locale;
    let class = if pending {
        "outcome-panel outcome-pending"
    } else {
        "outcome-panel"
    };
    let corrected = outcome_view.corrected_label.map(|label| {
        view! { <p>{tr!(locale, case_corrected_outcome)}": "<strong>{label}</strong></p> }
    });
    view! {
        <section class=class aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            <p class="outcome-label">{outcome(locale, outcome_view.kind)}</p>
            {corrected}
            <h3>{tr!(locale, case_reasoning)}</h3>
            <p class="user-text">{outcome_view.reasoning}</p>
        </section>
    }
}

/// The Human Rights Commissioner's finding.
#[component]
pub fn FindingPanel(finding_kind: FindingKind) -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <section class="outcome-panel" aria-labelledby="case-finding">
            <h2 id="case-finding">{tr!(locale, case_finding_title)}</h2>
            <p class="outcome-label">{finding(locale, finding_kind)}</p>
        </section>
    }
}

/// The grounds, and each challenged factor's value beside the citizen's correction.
#[component]
pub fn CaseChallenge(appeal: AppealView) -> impl IntoView {
    let locale = use_page_context().locale;
    let grounds = appeal.grounds.kinds.clone();
    let factors = appeal.factor_labels.clone();
    let whole = factors.is_empty();
    view! {
        <section class="case-section" aria-labelledby="case-challenge">
            <h2 id="case-challenge">{tr!(locale, case_challenge_title)}</h2>
            <h3>{tr!(locale, queue_col_grounds)}</h3>
            <ul class="ground-list">
                {grounds.into_iter().map(|g| view! { <li>{ground(locale, g)}</li> }).collect_view()}
            </ul>
            {if whole {
                view! { <p>{tr!(locale, case_whole_decision)}</p> }.into_any()
            } else {
                view! { <FactorTable factors /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn FactorTable(factors: Vec<ChallengedFactorView>) -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <div class="table-wrap">
            <table class="data-table factor-compare">
                <caption class="table-caption">{tr!(locale, case_factors_caption)}</caption>
                <thead><tr>
                    <th scope="col">{tr!(locale, case_factor)}</th>
                    <th scope="col">{tr!(locale, case_value_used)}</th>
                    <th scope="col">{tr!(locale, case_correction)}</th>
                    <th scope="col">{tr!(locale, case_why)}</th>
                </tr></thead>
                <tbody>
                    {factors.into_iter().map(|f| {
                        let used = format_value(locale, &f.value_used, f.unit.as_deref());
                        let correction = if f.correct_value.trim().is_empty() {
                            view! { <span class="muted">{tr!(locale, case_not_given)}</span> }.into_any()
                        } else {
                            view! { <strong>{format_value(locale, f.correct_value.trim(), f.unit.as_deref())}</strong> }.into_any()
                        };
                        let why = if f.why.trim().is_empty() {
                            view! { <span class="muted">{tr!(locale, case_not_given)}</span> }.into_any()
                        } else {
                            view! { <span class="user-text">{f.why}</span> }.into_any()
                        };
                        view! {
                            <tr>
                                <th scope="row"><AgencyText text=f.label /><br /><code class="slug">{f.key}</code></th>
                                <td data-label=tr!(locale, case_value_used)>{used}</td>
                                <td data-label=tr!(locale, case_correction)>{correction}</td>
                                <td data-label=tr!(locale, case_why)>{why}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The citizen's statement, in the language they wrote it.
#[component]
pub fn CaseStatement(statement: String, language: Locale) -> impl IntoView {
    let locale = use_page_context().locale;
    let body = if statement.trim().is_empty() {
        view! { <p class="muted">{tr!(locale, case_statement_none)}</p> }.into_any()
    } else {
        view! { <div class="statement-text user-text" lang=language.code()>{statement}</div> }
            .into_any()
    };
    view! {
        <section class="case-section" aria-labelledby="case-statement">
            <h2 id="case-statement">{tr!(locale, case_statement_title)}</h2>
            {body}
        </section>
    }
}

/// The evidence files, each a link, with its SHA-256 to compare with the filing receipt.
#[component]
pub fn CaseEvidence(reference: String, attachments: Vec<AttachmentView>) -> impl IntoView {
    let locale = use_page_context().locale;
    let body = if attachments.is_empty() {
        view! { <p class="muted">{tr!(locale, case_evidence_none)}</p> }.into_any()
    } else {
        view! {
            <ul class="evidence-list">
                {attachments.into_iter().map(|a| {
                    let href = format!("/appeals/{reference}/evidence/{}", a.id);
                    let meta = format!("{} · {}", file_type(&a.content_type), file_size(locale, a.size_bytes));
                    view! {
                        <li>
                            <a href=href>{a.file_name}</a>
                            " "<span class="muted">"("{meta}")"</span>
                            <details class="hash-details">
                                <summary>{tr!(locale, case_sha256)}</summary>
                                <code class="hash">{a.sha256}</code>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="case-section" aria-labelledby="case-evidence">
            <h2 id="case-evidence">{tr!(locale, case_evidence_title)}</h2>
            {body}
        </section>
    }
}

/// The case history, oldest first, with internal notes marked as such.
#[component]
pub fn CaseHistory(entries: Vec<EntryView>) -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <section class="case-section" aria-labelledby="case-history">
            <h2 id="case-history">{tr!(locale, case_history_title)}</h2>
            <ol class="timeline">
                {entries.into_iter().map(|e| {
                    let class = if e.internal { "timeline-item entry-internal" } else { "timeline-item" };
                    let author = match e.author_name {
                        Some(name) => format!("{name} ({})", entry_author(locale, e.author, true)),
                        None => entry_author(locale, e.author, true).to_string(),
                    };
                    let internal = e.internal.then(|| view! {
                        <p class="internal-mark">{tr!(locale, case_internal)}</p>
                    });
                    let body = (!e.body.trim().is_empty()).then(|| view! { <p class="timeline-body user-text">{e.body}</p> });
                    view! {
                        <li class=class>
                            <p class="timeline-meta">
                                <span class="timeline-when">{timestamp(locale, &e.at)}</span>
                                " · "{author}
                            </p>
                            <p class="timeline-what">{entry_kind(locale, e.kind)}</p>
                            {internal}
                            {body}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
