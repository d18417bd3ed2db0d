//! `/appeals/{reference}`: the citizen follows their challenge: where it stands, the dates the
//! state body must keep and how they were counted, what happened and who looked at it, the
//! outcome, the steps they may take now, and the signed filing receipt.

use crate::api::load_appeal;
use crate::components::deadline::DeadlineList;
use crate::components::form::ErrorSummary;
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::appeal_labels::{
    appeal_state, appeal_state_hint, finding, outcome as outcome_words,
};
use crate::i18n::{format_date, labels};
use crate::pages::appeal_actions::{ActionsSection, STEP_FORM};
use crate::pages::appeal_evidence_form::AddEvidence;
use crate::pages::appeal_sections::{
    ChallengedSection, EvidenceSection, HistorySection, ReceiptSection, ViewsSection,
};
use crate::pages::challenge_fields::Typed;
use crate::pages::status::citizen_load_error;
use crate::tr;
use crate::types::{AppealView, EntryKind, EventKind, Notice, OutcomeView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The appeal tracking page.
#[component]
pub fn AppealPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let params = use_params_map();
    let appeal = Resource::new_blocking(
        move || params.read().get("reference").unwrap_or_default(),
        load_appeal,
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match appeal.await {
                    Ok(appeal) => view! { <AppealLayout appeal /> }.into_any(),
                    Err(error) => citizen_load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

#[component]
pub(crate) fn AppealLayout(appeal: AppealView) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = flash.errors_for(STEP_FORM);
    let typed = Typed::from_flash(&flash, STEP_FORM);
    let a = appeal;
    let notice = flash.notice.map(|notice| match notice {
        Notice::AppealFiled => view! {
            <Confirmation reference=a.reference.clone() email=a.contact_email.clone() />
        }
        .into_any(),
        other => view! { <div class="notice" role="status">{labels::notice(locale, other)}</div> }
            .into_any(),
    });
    let title = format!("{} · {}", tr!(locale, appeal_title), a.reference);
    let question = a
        .entries
        .iter()
        .rev()
        .find(|e| e.kind == EntryKind::Step(EventKind::RequestInformation))
        .map(|e| e.body.clone());
    view! {
        <Title text=title />
        {notice}
        <ErrorSummary errors=Signal::stored(errors.clone()) />
        <p class="caption">{tr!(locale, appeal_caption)}" "<span class="reference-inline">{a.reference.clone()}</span></p>
        <h1>{tr!(locale, appeal_title)}</h1>
        <StatusPanel appeal=a.clone() />
        {a.outcome.clone().map(|o| view! { <OutcomePanel outcome=o /> })}
        {a.finding.map(|f| view! {
            <section class="panel" aria-labelledby="finding-heading">
                <h2 id="finding-heading">{tr!(locale, appeal_finding_title)}</h2>
                <p class="outcome-label">{finding(locale, f)}</p>
            </section>
        })}
        <ActionsSection reference=a.reference.clone() version=a.version actions=a.actions.clone()
            question errors=errors.clone() typed />
        <section aria-labelledby="deadlines-heading">
            <h2 id="deadlines-heading">{tr!(locale, appeal_deadlines_title)}</h2>
            <DeadlineList deadlines=a.deadlines.clone() />
        </section>
        <ChallengedSection grounds=a.grounds.kinds.clone() factors=a.factor_labels.clone() statement=a.statement.clone() />
        <EvidenceSection reference=a.reference.clone() attachments=a.attachments.clone() />
        {(a.state.is_open() && !a.staff_view).then(|| view! {
            <AddEvidence reference=a.reference.clone() errors=errors.clone() />
        })}
        <HistorySection entries=a.entries.clone() staff_view=a.staff_view />
        <ViewsSection views=a.views.clone() />
        <ReceiptSection reference=a.reference.clone() receipt=a.receipt.clone() />
    }
}

/// After filing: the reference in large type, what to keep, what happens next.
#[component]
fn Confirmation(reference: String, email: String) -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <div class="confirmation-panel" role="status" aria-labelledby="confirmation-heading">
            <h2 id="confirmation-heading">{tr!(locale, notice_appeal_filed)}</h2>
            <p>{tr!(locale, appeal_reference_label)}</p>
            <p class="reference reference-large">{reference}</p>
            <p>{tr!(locale, appeal_keep_reference)}</p>
            <p>{tr!(locale, appeal_confirmation_email, email = email)}</p>
        </div>
    }
}

/// Where the appeal stands, in a few words and a sentence, with the decision it is about.
#[component]
fn StatusPanel(appeal: AppealView) -> impl IntoView {
    let locale = use_page_context().locale;
    let a = appeal;
    let state_class = format!("state-tag state-{}", a.state.as_str());
    let decision_href = format!("/d/{}", a.decision_reference);
    let filed = format_date(locale, a.filed_on.year, a.filed_on.month, a.filed_on.day);
    view! {
        <section class="status-panel" aria-labelledby="status-heading">
            <h2 id="status-heading" class="status-line">
                {tr!(locale, appeal_status_is)}" "<span class=state_class>{appeal_state(locale, a.state)}</span>
            </h2>
            <p>{appeal_state_hint(locale, a.state)}</p>
            <dl class="facts">
                <dt>{tr!(locale, appeal_decision)}</dt>
                <dd>
                    <a href=decision_href><span class="reference-inline">{a.decision_reference.clone()}</span></a>
                    " · "<AgencyText text=a.original_outcome_label />
                </dd>
                <dt>{tr!(locale, appeal_agency)}</dt>
                <dd><AgencyText text=a.agency_name /></dd>
                <dt>{tr!(locale, appeal_system)}</dt>
                <dd><AgencyText text=a.system_name /></dd>
                <dt>{tr!(locale, appeal_filed_on)}</dt>
                <dd>{filed}</dd>
            </dl>
        </section>
    }
}

/// The state body's decision on the appeal, with its reasons.
#[component]
fn OutcomePanel(outcome: OutcomeView) -> impl IntoView {
    let locale = use_page_context().locale;
    let o = outcome;
    let corrected = o
        .corrected_label
        .filter(|label| o.kind.corrects_decision() && !label.trim().is_empty());
    view! {
        <section class="outcome-panel" aria-labelledby="appeal-outcome-heading">
            <h2 id="appeal-outcome-heading">{tr!(locale, appeal_outcome_title)}</h2>
            <p class="outcome-label">{outcome_words(locale, o.kind)}</p>
            {corrected.map(|label| view! { <p class="lead">{tr!(locale, appeal_corrected, outcome = label)}</p> })}
            <h3>{tr!(locale, appeal_reasoning)}</h3>
            <p class="user-text">{o.reasoning}</p>
        </section>
    }
}
