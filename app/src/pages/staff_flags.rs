//! `/staff/flags`: errors the public reported in the agency's register entries, for
//! supervisors, each with where it stands and the agency's reply; the owning agency's
//! supervisor moves a report on and replies (`POST /staff/flags/{id}`), and the public reads
//! both on the entry page.

use crate::api::load_register_flags;
use crate::components::form::{CsrfField, ErrorSummary};
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::labels;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::{FlagStatus, RegisterFlagView, Role, FLAG_RESPONSE_FORM};
use leptos::prelude::*;
use leptos_meta::Title;

/// The register error reports page.
#[component]
pub fn StaffFlagsPage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let notice = flash.notice.filter(|_| flash.form == FLAG_RESPONSE_FORM);
    let errors = Signal::stored(flash.errors_for(FLAG_RESPONSE_FORM));
    // Only the owning agency's supervisor answers; the ombudsman and admins read.
    let answers = context
        .staff
        .as_ref()
        .is_some_and(|s| s.role == Role::Supervisor);
    let flags = Resource::new_blocking(|| (), |_| load_register_flags());
    view! {
        <Title text=tr!(locale, flags_title) />
        <h1>{tr!(locale, flags_title)}</h1>
        {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
        <ErrorSummary errors=errors />
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match flags.await {
                    Ok(flags) if flags.is_empty() => view! { <p>{tr!(locale, flags_none)}</p> }.into_any(),
                    Ok(flags) => view! {
                        <div class="table-wrap">
                            <table class="data-table">
                                <thead><tr>
                                    <th scope="col">{tr!(locale, flags_reported)}</th>
                                    <th scope="col">{tr!(locale, system_name)}</th>
                                    <th scope="col">{tr!(locale, flag_message)}</th>
                                    <th scope="col">{tr!(locale, flags_contact)}</th>
                                    <th scope="col">{tr!(locale, flag_status)}</th>
                                </tr></thead>
                                <tbody>
                                    {flags.into_iter().map(|f| view! { <FlagRow flag=f answers /> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(error) => load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FlagRow(flag: RegisterFlagView, answers: bool) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let href = format!("/register/{}?version={}", flag.system_slug, flag.version);
    let version = tr!(
        locale,
        register_version_label,
        version = flag.version.to_string()
    );
    let reply_id = format!("reply-{}", flag.id);
    let status_id = format!("status-{}", flag.id);
    let typed = flash.value(FLAG_RESPONSE_FORM, &reply_id);
    let reply = if typed.is_empty() {
        flag.reply.clone().unwrap_or_default()
    } else {
        typed
    };
    let action = format!("/staff/flags/{}", flag.id);
    let status = flag.status;
    let answer = answers.then(|| {
        view! {
            <form method="post" action=action class="flag-answer">
                <CsrfField />
                <div class="field">
                    <label for=status_id.clone()>{tr!(locale, flag_status)}</label>
                    <select id=status_id.clone() name="status">
                        {FlagStatus::ALL.iter().map(|&s| view! { <option value=s.as_str() selected=s == status>{labels::flag_status(locale, s)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=reply_id.clone()>{tr!(locale, flag_reply)}</label>
                    <textarea id=reply_id.clone() name="reply" rows="3">{reply}</textarea>
                </div>
                <button type="submit" class="button button-secondary">{tr!(locale, flag_reply_save)}</button>
            </form>
        }
    });
    let shown_reply = (!answers).then(|| {
        flag.reply
            .clone()
            .map(|r| view! { <p class="message">{r}</p> })
    });
    view! {
        <tr id=format!("flag-{}", flag.id)>
            <td>{flag.reported_at}</td>
            <td><a href=href><AgencyText text=flag.system_name /></a>" · "{version}</td>
            <td class="message">{flag.message}</td>
            <td>{flag.contact_email.unwrap_or_default()}</td>
            <td>
                <p><span class=format!("tag tag-flag-{}", status.as_str())>{labels::flag_status(locale, status)}</span></p>
                {shown_reply}
                {answer}
            </td>
        </tr>
    }
}
