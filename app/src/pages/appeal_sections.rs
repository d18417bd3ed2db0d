//! The parts of the appeal page that record what happened: what was challenged, the evidence,
//! the history, who viewed the case, and the filing receipt.

use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::appeal_labels::{
    entry_author, entry_kind, file_size, file_type, ground, timestamp,
};
use crate::i18n::{format_value, labels};
use crate::tr;
use crate::types::{AttachmentView, CaseView, ChallengedFactorView, EntryView, GroundKind, Role};
use leptos::prelude::*;

/// The reasons, the factors with the value used beside the citizen's, and the statement.
#[component]
pub fn ChallengedSection(
    grounds: Vec<GroundKind>,
    factors: Vec<ChallengedFactorView>,
    statement: String,
) -> impl IntoView {
    let locale = use_page_context().locale;
    let factors = (!factors.is_empty()).then(|| {
        view! {
            <h3>{tr!(locale, appeal_factors_title)}</h3>
            <ul class="card-list factor-cards">
                {factors.into_iter().map(|f| {
                    let used = format_value(locale, &f.value_used, f.unit.as_deref());
                    let correct = if f.correct_value.trim().is_empty() { "—".to_string() } else { f.correct_value };
                    view! {
                        <li class="card">
                            <p class="card-title"><AgencyText text=f.label /></p>
                            <dl class="facts">
                                <dt>{tr!(locale, value_used)}</dt><dd>{used}</dd>
                                <dt>{tr!(locale, appeal_correct_value)}</dt><dd><strong>{correct}</strong></dd>
                                {(!f.why.trim().is_empty()).then(|| view! {
                                    <dt>{tr!(locale, appeal_why)}</dt><dd class="user-text">{f.why}</dd>
                                })}
                            </dl>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <section aria-labelledby="challenged-heading">
            <h2 id="challenged-heading">{tr!(locale, appeal_challenged_title)}</h2>
            <h3>{tr!(locale, appeal_grounds_title)}</h3>
            <ul>{grounds.into_iter().map(|g| view! { <li>{ground(locale, g)}</li> }).collect_view()}</ul>
            {factors}
            <h3>{tr!(locale, appeal_statement_title)}</h3>
            <div class="user-text statement-text">{statement}</div>
        </section>
    }
}

/// The files sent with the challenge, each with its type, size and SHA-256 fingerprint.
#[component]
pub fn EvidenceSection(reference: String, attachments: Vec<AttachmentView>) -> impl IntoView {
    let locale = use_page_context().locale;
    let list = if attachments.is_empty() {
        view! { <p>{tr!(locale, appeal_evidence_none)}</p> }.into_any()
    } else {
        view! {
            <ul class="evidence-list">
                {attachments.into_iter().map(|file| {
                    let href = format!("/appeals/{reference}/evidence/{}", file.id);
                    let meta = format!("{} · {}", file_type(&file.content_type), file_size(locale, file.size_bytes));
                    view! {
                        <li>
                            <a href=href class="file-name">{file.file_name}</a>
                            " "<span class="hint">"("{meta}")"</span>
                            <details class="hash-details">
                                <summary>{tr!(locale, appeal_evidence_fingerprint)}</summary>
                                <code class="hash">{file.sha256}</code>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">{tr!(locale, appeal_evidence_title)}</h2>
            {list}
        </section>
    }
}

/// The case history, oldest first, public entries only.
#[component]
pub fn HistorySection(entries: Vec<EntryView>, staff_view: bool) -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{tr!(locale, appeal_history_title)}</h2>
            <ol class="timeline">
                {entries.into_iter().filter(|e| staff_view || !e.internal).map(|e| {
                    let name = e.author_name.filter(|_| staff_view).map(|n| format!(" ({n})"));
                    view! {
                        <li class="timeline-item">
                            <p class="timeline-meta">
                                <span class="timeline-when">{timestamp(locale, &e.at)}</span>
                                " · "{entry_author(locale, e.author, staff_view)}{name}
                            </p>
                            <p class="timeline-what">{entry_kind(locale, e.kind)}</p>
                            {(!e.body.trim().is_empty()).then(|| view! { <p class="user-text timeline-body">{e.body}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Each time staff opened the case: when, in what role, of which state body.
#[component]
pub fn ViewsSection(views: Vec<CaseView>) -> impl IntoView {
    let locale = use_page_context().locale;
    let list = if views.is_empty() {
        view! { <p>{tr!(locale, appeal_views_none)}</p> }.into_any()
    } else {
        view! {
            <ul class="plain-list view-list">
                {views.into_iter().map(|v| {
                    let role = Role::parse(&v.role).map(|r| labels::role(locale, r).to_string()).unwrap_or(v.role);
                    view! {
                        <li>
                            <span class="timeline-when">{timestamp(locale, &v.at)}</span>" — "{role}
                            {v.agency_name.map(|name| view! { ", "<AgencyText text=name /> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="views-heading">
            <h2 id="views-heading">{tr!(locale, appeal_views_title)}</h2>
            <p class="hint">{tr!(locale, appeal_views_hint)}</p>
            {list}
        </section>
    }
}

/// The signed filing receipt to copy, check and print.
#[component]
pub fn ReceiptSection(reference: String, receipt: Option<String>) -> impl IntoView {
    let locale = use_page_context().locale;
    receipt.map(|jws| {
        let encoded: String = form_urlencoded::byte_serialize(jws.as_bytes()).collect();
        let check = format!("/receipts/verify?receipt={encoded}");
        let print = format!("/appeals/{reference}/receipt");
        view! {
            <section class="panel receipt-panel" aria-labelledby="receipt-heading">
                <h2 id="receipt-heading">{tr!(locale, appeal_receipt_title)}</h2>
                <p>{tr!(locale, appeal_receipt_body)}</p>
                <div class="field">
                    <label for="receipt-jws">{tr!(locale, appeal_receipt_label)}</label>
                    <p class="hint" id="receipt-jws-hint">{tr!(locale, appeal_receipt_hint)}</p>
                    <textarea id="receipt-jws" class="jws" readonly=true rows="5" spellcheck="false"
                        aria-describedby="receipt-jws-hint">{jws}</textarea>
                </div>
                <ul class="link-list">
                    <li><a href=print>{tr!(locale, appeal_receipt_print)}</a></li>
                    <li><a href=check>{tr!(locale, appeal_receipt_check)}</a></li>
                </ul>
            </section>
        }
    })
}
