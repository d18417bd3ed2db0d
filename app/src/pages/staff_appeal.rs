//! `/staff/appeals/{reference}`: one appeal as agency staff and the Human Rights Commissioner
//! see it: who has it and where it stands, its deadlines, the case file and history (with
//! internal notes), and a small plain form for each action the viewer may take now.

use crate::api::{load_appeal, AppError};
use crate::components::appeal_table::date;
use crate::components::case_actions::{
    failed_form, summary_errors, ActionContext, CaseActions, FailedForm,
};
use crate::components::case_file::{
    CaseChallenge, CaseDeadlines, CaseEvidence, CaseHistory, CaseStatement, FindingPanel,
    OutcomePanel,
};
use crate::components::form::ErrorSummary;
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::appeal_labels::{appeal_state, timestamp};
use crate::i18n::labels;
use crate::pages::not_found::set_not_found_status;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::{AppealView, Notice, Role};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The staff case page.
#[component]
pub fn StaffAppealPage() -> impl IntoView {
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
                    // A citizen's access is not a staff session: this page is for staff only.
                    Ok(appeal) if !appeal.staff_view => load_error(locale, AppError::NotSignedIn),
                    Ok(appeal) => view! { <StaffCase appeal /> }.into_any(),
                    Err(error) => {
                        if error == AppError::NotFound {
                            set_not_found_status();
                        }
                        load_error(locale, error)
                    }
                }
            })}
        </Suspense>
    }
}

/// The case once loaded.
#[component]
pub(crate) fn StaffCase(appeal: AppealView) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let failed: Option<FailedForm> = failed_form(&flash, &appeal.actions);
    let errors = Signal::stored(summary_errors(&flash, failed.as_ref()));
    let notice = flash
        .notice
        .filter(|n| matches!(n, Notice::AppealStepDone | Notice::AppealClaimed));
    let ombudsman = context
        .staff
        .as_ref()
        .is_some_and(|s| s.role == Role::Ombudsman);
    let (back_href, back_text) = if ombudsman {
        ("/ombudsman", tr!(locale, case_back_ombudsman))
    } else {
        ("/staff/appeals", tr!(locale, case_back_queue))
    };
    let title = tr!(locale, case_title, reference = &appeal.reference);
    let actions = ActionContext {
        reference: appeal.reference.clone(),
        version: appeal.version,
        actions: appeal.actions.clone(),
        can_claim: appeal.can_claim,
        assignable: appeal.assignable.clone(),
        assignee_name: appeal.assignee_name.clone(),
        may_write: appeal.can_write_notes,
        citizen_language: appeal.language,
    };
    let proposal = appeal.proposal.clone().map(|p| {
        view! { <OutcomePanel heading=tr!(locale, case_proposal_title) id="case-proposal" outcome_view=p pending=true /> }
    });
    let outcome = appeal.outcome.clone().map(|o| {
        view! { <OutcomePanel heading=tr!(locale, case_outcome_title) id="case-outcome" outcome_view=o /> }
    });
    let finding = appeal
        .finding
        .map(|finding_kind| view! { <FindingPanel finding_kind /> });
    view! {
        <Title text=title.clone() />
        <p class="back"><a href=back_href>{back_text}</a></p>
        {notice.map(|n| view! { <div class="notice" role="status">{labels::notice(locale, n)}</div> })}
        <ErrorSummary errors=errors />
        <CaseHeader appeal=appeal.clone() title />
        <div class="case-layout">
            <div class="case-main">
                <CaseDeadlines deadlines=appeal.deadlines.clone() />
                {proposal}
                {outcome}
                {finding}
                <CaseChallenge appeal=appeal.clone() />
                <CaseStatement statement=appeal.statement.clone() language=appeal.language />
                <CaseEvidence reference=appeal.reference.clone() attachments=appeal.attachments.clone() />
                <CaseHistory entries=appeal.entries.clone() />
            </div>
            <aside class="case-aside" aria-label=tr!(locale, case_actions_title)>
                <CaseActions context=actions failed />
            </aside>
        </div>
    }
}

/// The case's title and its key facts: state, state body, system (high risk marked), the
/// decision and its original outcome, filing, assignee and the citizen's language and contact.
#[component]
fn CaseHeader(appeal: AppealView, title: String) -> impl IntoView {
    let locale = use_page_context().locale;
    let a = appeal;
    let high_risk = a.system_high_risk.then(|| {
        view! {
            " "<span class="tag tag-risk-high">{tr!(locale, case_high_risk)}</span>
        }
    });
    let assignee = match a.assignee_name {
        Some(name) => view! { <span>{name}</span> }.into_any(),
        None => view! { <span class="muted">{tr!(locale, queue_unassigned)}</span> }.into_any(),
    };
    let filed = if a.filed_at.trim().is_empty() {
        date(locale, a.filed_on)
    } else {
        timestamp(locale, &a.filed_at)
    };
    let decision_href = format!("/d/{}", a.decision_reference);
    view! {
        <header class="case-header">
            <p class="caption">{tr!(locale, case_caption)}</p>
            <h1>{title}</h1>
            <p class="case-state">
                <span class=format!("state-tag state-{}", a.state.as_str())>{appeal_state(locale, a.state)}</span>
                " "<a href="#case-actions" class="skip-inline">{tr!(locale, case_skip_to_actions)}</a>
            </p>
            <dl class="case-facts">
                <div><dt>{tr!(locale, queue_col_agency)}</dt><dd><AgencyText text=a.agency_name /></dd></div>
                <div><dt>{tr!(locale, system_name)}</dt><dd><AgencyText text=a.system_name />{high_risk}</dd></div>
                <div>
                    <dt>{tr!(locale, queue_col_decision)}</dt>
                    <dd><a href=decision_href class="reference-inline">{a.decision_reference}</a></dd>
                </div>
                <div><dt>{tr!(locale, case_original_outcome)}</dt><dd><AgencyText text=a.original_outcome_label /></dd></div>
                <div><dt>{tr!(locale, queue_col_filed)}</dt><dd>{filed}</dd></div>
                <div><dt>{tr!(locale, queue_col_assignee)}</dt><dd>{assignee}</dd></div>
                <div><dt>{tr!(locale, case_language)}</dt><dd>{a.language.native_name()}</dd></div>
                <div><dt>{tr!(locale, case_contact)}</dt><dd class="break">{a.contact_email}</dd></div>
            </dl>
        </header>
    }
}
