//! A staff member's two-factor sign-in: set up an authenticator app (QR code or typed key,
//! recovery codes, first code), see how many recovery codes are left, replace them, or turn
//! it off where the role allows. The same page serves the enrolment a sign-in waits on when
//! the role requires it (`/staff/signin/two-factor`). Every action is a plain form post.

use crate::api::load_two_factor;
use crate::components::form::{CsrfField, ErrorSummary};
use crate::context::use_page_context;
use crate::i18n::{labels, Locale};
use crate::pages::signin_code::CodeField;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::{FieldError, TwoFactorSetup, TwoFactorState, TwoFactorView};
use leptos::prelude::*;
use leptos_meta::Title;

/// The flash form names: the signed-in page's handler, and the sign-in step's.
const FORM: &str = "two_factor";
const SIGN_IN_FORM: &str = crate::pages::signin_code::FORM;

/// `/staff/two-factor` and `/staff/signin/two-factor`.
#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let page = Resource::new_blocking(|| (), |_| load_two_factor());
    view! {
        <Title text=tr!(locale, two_factor_title) />
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view! { <TwoFactorBody view /> }.into_any(),
                    Err(error) => load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

/// The page for a loaded state.
#[component]
fn TwoFactorBody(view: TwoFactorView) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let form = if view.during_sign_in {
        SIGN_IN_FORM
    } else {
        FORM
    };
    let errors = Signal::stored(flash.errors_for(form));
    let notice = flash.notice.filter(|_| flash.form == form);
    let state = match view.state {
        TwoFactorState::On => tr!(locale, two_factor_state_on),
        TwoFactorState::Pending => tr!(locale, two_factor_state_pending),
        TwoFactorState::Off => tr!(locale, two_factor_state_off),
    };
    let body = match view.state {
        TwoFactorState::Off => view! { <Start locale required=view.required /> }.into_any(),
        TwoFactorState::Pending => match view.setup.clone() {
            Some(setup) => view! {
                <Enrol locale setup codes=view.new_recovery_codes.clone() during_sign_in=view.during_sign_in errors />
            }
            .into_any(),
            None => ().into_any(),
        },
        TwoFactorState::On => view! { <Manage locale view=view.clone() errors /> }.into_any(),
    };
    view! {
        <div class="narrow two-factor">
            <h1>{tr!(locale, two_factor_title)}</h1>
            {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
            <ErrorSummary errors=errors />
            {(!view.during_sign_in).then(|| view! {
                <p class="status-line"><strong>{state}</strong></p>
            })}
            {(view.during_sign_in).then(|| view! { <p class="lead">{tr!(locale, two_factor_required_intro)}</p> })}
            {body}
        </div>
    }
}

/// No authenticator yet: what it is, and the button to set one up.
#[component]
fn Start(locale: Locale, required: bool) -> impl IntoView {
    view! {
        <p>{tr!(locale, two_factor_intro)}</p>
        {required.then(|| view! { <p class="hint">{tr!(locale, two_factor_required_hint)}</p> })}
        <form method="post" action="/staff/two-factor/start">
            <CsrfField />
            <button type="submit" class="button">{tr!(locale, two_factor_start)}</button>
        </form>
    }
}

/// An authenticator waiting for its first code: the three steps.
#[component]
fn Enrol(
    locale: Locale,
    setup: TwoFactorSetup,
    codes: Vec<String>,
    during_sign_in: bool,
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let action = if during_sign_in {
        "/staff/signin/two-factor"
    } else {
        "/staff/two-factor/confirm"
    };
    view! {
        <ol class="steps">
            <li>
                <h2>{tr!(locale, two_factor_step_scan)}</h2>
                <p>{tr!(locale, two_factor_step_scan_body)}</p>
                // The server drew this SVG from the provisioning address: no script, no link.
                <div class="qr-code" role="img" aria-label=tr!(locale, two_factor_qr_label) inner_html=setup.qr_svg></div>
                <p class="hint">{tr!(locale, two_factor_typed_key)}</p>
                <p><code class="typed-key">{setup.secret}</code></p>
                <p class="hint">{tr!(locale, two_factor_account, account = setup.account)}</p>
            </li>
            <li>
                <h2>{tr!(locale, two_factor_step_codes)}</h2>
                <p>{tr!(locale, two_factor_step_codes_body)}</p>
                <RecoveryCodes codes />
            </li>
            <li>
                <h2>{tr!(locale, two_factor_step_confirm)}</h2>
                <form method="post" action=action novalidate>
                    <CsrfField />
                    <CodeField errors hint=tr!(locale, two_factor_confirm_hint) id="code" />
                    <button type="submit" class="button">{tr!(locale, two_factor_turn_on)}</button>
                </form>
            </li>
        </ol>
    }
}

/// The codes as a list to copy or print, one per line.
#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <ol class="recovery-codes">
            {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
        </ol>
    }
}

/// Two-factor sign-in is on: recovery codes, and turning it off where allowed.
#[component]
fn Manage(locale: Locale, view: TwoFactorView, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let left = view.recovery_codes_left.to_string();
    let fresh = (!view.new_recovery_codes.is_empty()).then(|| {
        view! {
            <section class="panel" aria-labelledby="new-codes">
                <h2 id="new-codes">{tr!(locale, two_factor_new_codes_title)}</h2>
                <p>{tr!(locale, two_factor_step_codes_body)}</p>
                <RecoveryCodes codes=view.new_recovery_codes.clone() />
                <form method="post" action="/staff/two-factor/codes-kept">
                    <CsrfField />
                    <button type="submit" class="button">{tr!(locale, two_factor_codes_kept)}</button>
                </form>
            </section>
        }
    });
    view! {
        <p>{tr!(locale, two_factor_on_body)}</p>
        {fresh}
        <section aria-labelledby="recovery">
            <h2 id="recovery">{tr!(locale, two_factor_recovery_title)}</h2>
            <p>{tr!(locale, two_factor_codes_left, left = left)}</p>
            <form method="post" action="/staff/two-factor/recovery-codes" novalidate>
                <CsrfField />
                <p class="hint">{tr!(locale, two_factor_new_codes_hint)}</p>
                <CodeField errors hint=tr!(locale, two_factor_app_code_hint) id="new-codes-code" />
                <button type="submit" class="button button-secondary">{tr!(locale, two_factor_new_codes)}</button>
            </form>
        </section>
        <section aria-labelledby="turn-off">
            <h2 id="turn-off">{tr!(locale, two_factor_off_title)}</h2>
            {if view.required {
                view! { <p>{tr!(locale, two_factor_required_hint)}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action="/staff/two-factor/off" novalidate>
                        <CsrfField />
                        <CodeField errors hint=tr!(locale, two_factor_off_hint) id="off-code" />
                        <button type="submit" class="button button-secondary">{tr!(locale, two_factor_turn_off)}</button>
                    </form>
                }
                .into_any()
            }}
        </section>
    }
}
