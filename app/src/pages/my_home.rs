//! `/me`: a citizen signed in by email sees every decision sent to their address and every
//! challenge filed with it; each opens its own page (`/me/decisions/…`, `/me/appeals/…`,
//! which the server answers by giving this browser the decision's access).

use crate::api::{load_citizen_home, AppError};
use crate::components::appeal_table::date;
use crate::components::form::CsrfField;
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::appeal_labels::appeal_state;
use crate::i18n::{labels, Locale};
use crate::pages::citizen_signin::FORM as SIGNIN_FORM;
use crate::pages::staff_home::load_error;
use crate::pages::status::set_status;
use crate::tr;
use crate::types::{CitizenHome, MyAppeal, MyDecision};
use leptos::prelude::*;
use leptos_meta::Title;

/// The signed-in citizen's home.
#[component]
pub fn MyHomePage() -> impl IntoView {
    let locale = use_page_context().locale;
    let home = Resource::new_blocking(|| (), |_| load_citizen_home());
    view! {
        <Title text=tr!(locale, my_home_title) />
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(home) => view! { <MyHomeView home /> }.into_any(),
                    Err(error) => citizen_email_load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

/// What the pages behind the email sign-in show when their data did not load: "sign in first"
/// when there is no email session (the server normally redirects before), else as elsewhere.
pub fn citizen_email_load_error(locale: Locale, error: AppError) -> AnyView {
    match error {
        AppError::NotSignedIn => {
            set_status(401);
            view! { <SignInFirst /> }.into_any()
        }
        error => load_error(locale, error),
    }
}

/// A short message leading to the email sign-in.
#[component]
pub fn SignInFirst() -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <div class="narrow">
            <h1>{tr!(locale, my_sign_in_first_title)}</h1>
            <p>{tr!(locale, my_sign_in_first_body)}</p>
            <p><a class="button" href="/signin">{tr!(locale, citizen_signin_title)}</a></p>
        </div>
    }
}

/// The home's content for loaded data.
#[component]
pub fn MyHomeView(home: CitizenHome) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let notice = flash
        .notice
        .filter(|_| flash.form == SIGNIN_FORM)
        .map(|n| view! { <div class="notice" role="status">{labels::notice(locale, n)}</div> });
    let decisions = if home.decisions.is_empty() {
        view! {
            <div class="empty-state">
                <p>{tr!(locale, my_decisions_empty)}</p>
                <p><a href="/find">{tr!(locale, find_title)}</a></p>
            </div>
        }
        .into_any()
    } else {
        view! { <MyDecisionTable decisions=home.decisions /> }.into_any()
    };
    let appeals = if home.appeals.is_empty() {
        view! { <div class="empty-state"><p>{tr!(locale, my_appeals_empty)}</p></div> }.into_any()
    } else {
        view! { <MyAppealTable appeals=home.appeals /> }.into_any()
    };
    view! {
        {notice}
        <h1>{tr!(locale, my_home_title)}</h1>
        <p class="lead">{tr!(locale, my_home_signed_in_as, email = home.email)}</p>
        <section aria-labelledby="my-decisions">
            <h2 id="my-decisions">{tr!(locale, my_decisions_title)}</h2>
            {decisions}
        </section>
        <section aria-labelledby="my-appeals">
            <h2 id="my-appeals">{tr!(locale, my_appeals_title)}</h2>
            {appeals}
        </section>
        <section class="panel panel-quiet">
            <p><a href="/me/data">{tr!(locale, my_data_link)}</a></p>
        </section>
        <form method="post" action="/me/signout" class="end-session">
            <CsrfField />
            <p class="hint">{tr!(locale, my_signout_hint)}</p>
            <button type="submit" class="button button-secondary">{tr!(locale, sign_out)}</button>
        </form>
    }
}

/// The decisions as a table; on a phone each row reads as a small card.
#[component]
fn MyDecisionTable(decisions: Vec<MyDecision>) -> impl IntoView {
    let locale = use_page_context().locale;
    let reference = tr!(locale, field_reference);
    let agency = tr!(locale, appeal_agency);
    let system = tr!(locale, appeal_system);
    let outcome = tr!(locale, decision_outcome);
    let decided = tr!(locale, my_col_decided);
    view! {
        <div class="table-wrap">
            <table class="data-table stack-table" aria-labelledby="my-decisions">
                <thead><tr>
                    <th scope="col">{reference}</th>
                    <th scope="col">{agency}</th>
                    <th scope="col">{system}</th>
                    <th scope="col">{outcome}</th>
                    <th scope="col">{decided}</th>
                </tr></thead>
                <tbody>
                    {decisions.into_iter().map(|d| {
                        let href = format!("/me/decisions/{}", d.reference);
                        view! {
                            <tr>
                                <th scope="row" data-label=reference><a href=href class="reference-inline">{d.reference}</a></th>
                                <td data-label=agency><AgencyText text=d.agency_name /></td>
                                <td data-label=system><AgencyText text=d.system_name /></td>
                                <td data-label=outcome><AgencyText text=d.outcome_label /></td>
                                <td data-label=decided class="nowrap">{date(locale, d.decided_on)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The challenges as a table; on a phone each row reads as a small card.
#[component]
fn MyAppealTable(appeals: Vec<MyAppeal>) -> impl IntoView {
    let locale = use_page_context().locale;
    let reference = tr!(locale, field_reference);
    let decision = tr!(locale, appeal_decision);
    let agency = tr!(locale, appeal_agency);
    let state = tr!(locale, queue_col_state);
    let filed = tr!(locale, appeal_filed_on);
    view! {
        <div class="table-wrap">
            <table class="data-table stack-table" aria-labelledby="my-appeals">
                <thead><tr>
                    <th scope="col">{reference}</th>
                    <th scope="col">{decision}</th>
                    <th scope="col">{agency}</th>
                    <th scope="col">{state}</th>
                    <th scope="col">{filed}</th>
                </tr></thead>
                <tbody>
                    {appeals.into_iter().map(|a| {
                        let href = format!("/me/appeals/{}", a.reference);
                        let state_class = format!("state-tag state-{}", a.state.as_str());
                        view! {
                            <tr>
                                <th scope="row" data-label=reference><a href=href class="reference-inline">{a.reference}</a></th>
                                <td data-label=decision><span class="reference-inline">{a.decision_reference}</span></td>
                                <td data-label=agency><AgencyText text=a.agency_name /></td>
                                <td data-label=state><span class=state_class>{appeal_state(locale, a.state)}</span></td>
                                <td data-label=filed class="nowrap">{date(locale, a.filed_on)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
