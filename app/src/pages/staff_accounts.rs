//! `/admin/staff`: the admin's list of staff accounts with their two-factor state, and the
//! reset for someone who lost their phone and their recovery codes (audited).

use crate::api::load_staff_accounts;
use crate::components::form::CsrfField;
use crate::context::use_page_context;
use crate::i18n::{labels, Locale};
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::{StaffAccountRow, StaffAccounts, TwoFactorState};
use leptos::prelude::*;
use leptos_meta::Title;

/// The flash form name of the reset handler.
const FORM: &str = "staff_accounts";

/// The admin's staff accounts page.
#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let accounts = Resource::new_blocking(|| (), |_| load_staff_accounts());
    view! {
        <Title text=tr!(locale, staff_accounts_title) />
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(accounts) => view! { <AccountsBody accounts /> }.into_any(),
                    Err(error) => load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountsBody(accounts: StaffAccounts) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let notice = flash.notice.filter(|_| flash.form == FORM);
    let own_email = context.staff.map(|s| s.email).unwrap_or_default();
    view! {
        <h1>{tr!(locale, staff_accounts_title)}</h1>
        {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
        <p class="lead">{tr!(locale, staff_accounts_intro)}</p>
        <div class="table-wrap">
            <table class="data-table staff-accounts">
                <caption class="visually-hidden">{tr!(locale, staff_accounts_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!(locale, staff_accounts_person)}</th>
                        <th scope="col">{tr!(locale, staff_accounts_role)}</th>
                        <th scope="col">{tr!(locale, two_factor_title)}</th>
                        <th scope="col"><span class="visually-hidden">{tr!(locale, staff_accounts_actions)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {accounts.accounts.into_iter().map(|row| {
                        let own = row.email == own_email;
                        view! { <AccountRow locale row own /> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn AccountRow(locale: Locale, row: StaffAccountRow, own: bool) -> impl IntoView {
    let state = match (row.two_factor, row.two_factor_required) {
        (TwoFactorState::On, _) => tr!(locale, two_factor_state_on),
        (TwoFactorState::Pending, _) => tr!(locale, two_factor_state_pending),
        (TwoFactorState::Off, true) => tr!(locale, two_factor_state_due),
        (TwoFactorState::Off, false) => tr!(locale, two_factor_state_off),
    };
    let role = match row.agency_slug {
        Some(agency) => format!("{} · {agency}", labels::role(locale, row.role)),
        None => labels::role(locale, row.role).to_string(),
    };
    let reset = (row.two_factor != TwoFactorState::Off && !own).then(|| {
        let action = format!("/admin/staff/{}/two-factor/reset", row.id);
        let label = tr!(
            locale,
            staff_accounts_reset_for,
            name = row.display_name.clone()
        );
        view! {
            <form method="post" action=action class="inline-form">
                <CsrfField />
                <button type="submit" class="button button-secondary button-small" aria-label=label>
                    {tr!(locale, staff_accounts_reset)}
                </button>
            </form>
        }
    });
    view! {
        <tr class:inactive=!row.active>
            <td>
                <span class="account-name">{row.display_name}</span>
                <br />
                <span class="hint">{row.email}</span>
                {(!row.active).then(|| view! { <span class="hint">" · "{tr!(locale, staff_accounts_inactive)}</span> })}
            </td>
            <td>{role}</td>
            <td>{state}</td>
            <td>{reset}</td>
        </tr>
    }
}
