//! `/staff`: who is signed in, their agency (or all agencies) and its AI systems.

use crate::api::{load_staff_home, AppError};
use crate::components::text::AgencyText;
use crate::context::use_locale;
use crate::i18n::labels;
use crate::i18n::Locale;
use crate::pages::not_found::NotFoundPage;
use crate::tr;
use crate::types::{AgencyOverview, Role, SystemSummary};
use leptos::prelude::*;
use leptos_meta::Title;

/// The staff home page.
#[component]
pub fn StaffHomePage() -> impl IntoView {
    let locale = use_locale();
    let home = Resource::new_blocking(|| (), |_| load_staff_home());
    // What the sign-in says on arrival (two-factor turned on, a recovery code spent).
    let flash = crate::context::use_page_context().flash.unwrap_or_default();
    let notice = flash.notice.filter(|_| flash.form == "staff");
    view! {
        <Title text=tr!(locale, staff_home_title) />
        {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(home) => {
                        let role = labels::role(locale, home.identity.role);
                        let (work_href, work_title, work_body) = if home.identity.role == Role::Ombudsman {
                            ("/ombudsman", tr!(locale, ombudsman_title), tr!(locale, ombudsman_intro))
                        } else {
                            ("/staff/appeals", tr!(locale, queue_title), tr!(locale, queue_intro))
                        };
                        view! {
                            <h1>{tr!(locale, staff_home_title)}</h1>
                            <p class="lead">
                                {tr!(locale, staff_welcome, name = home.identity.display_name, role = role)}
                            </p>
                            <section class="panel panel-quiet" aria-labelledby="staff-work">
                                <h2 id="staff-work"><a href=work_href>{work_title}</a></h2>
                                <p>{work_body}</p>
                            </section>
                            // Reviewers work single cases; the figures are for those who oversee.
                            {(home.identity.role != Role::Reviewer).then(|| view! {
                                <section class="panel panel-quiet" aria-labelledby="staff-stats">
                                    <h2 id="staff-stats"><a href="/staff/stats">{tr!(locale, stats_title)}</a></h2>
                                    <p>{tr!(locale, staff_stats_link_body)}</p>
                                </section>
                            })}
                            <section class="panel panel-quiet" aria-labelledby="staff-two-factor">
                                <h2 id="staff-two-factor"><a href="/staff/two-factor">{tr!(locale, two_factor_title)}</a></h2>
                                <p>{tr!(locale, two_factor_link_body)}</p>
                            </section>
                            {(home.identity.role == Role::Admin).then(|| view! {
                                <section class="panel panel-quiet" aria-labelledby="staff-accounts">
                                    <h2 id="staff-accounts"><a href="/admin/staff">{tr!(locale, staff_accounts_title)}</a></h2>
                                    <p>{tr!(locale, staff_accounts_link_body)}</p>
                                </section>
                            })}
                            {(home.identity.role == Role::Admin).then(|| view! {
                                <section class="panel panel-quiet" aria-labelledby="staff-outbox">
                                    <h2 id="staff-outbox"><a href="/admin/outbox">{tr!(locale, outbox_title)}</a></h2>
                                    <p>{tr!(locale, outbox_link_body)}</p>
                                </section>
                            })}
                            {home.agencies.into_iter().map(|a| view! { <AgencySection agency=a linked=true /> }).collect_view()}
                        }.into_any()
                    }
                    Err(error) => load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

/// How a page says its data could not be loaded.
pub fn load_error(locale: Locale, error: AppError) -> AnyView {
    match error {
        AppError::NotFound => view! { <NotFoundPage /> }.into_any(),
        AppError::NotSignedIn => view! {
            <h1>{tr!(locale, session_ended_title)}</h1>
            <p><a href="/staff/signin">{tr!(locale, sign_in_again)}</a></p>
        }
        .into_any(),
        AppError::Unexpected { reference } => {
            set_server_error_status();
            view! {
            <h1>{tr!(locale, error_title)}</h1>
            <p>{tr!(locale, error_reference, reference = reference)}</p>
            }
            .into_any()
        }
        AppError::Transport(_) => view! {
            <h1>{tr!(locale, error_title)}</h1>
            <p>{tr!(locale, error_try_again)}</p>
        }
        .into_any(),
    }
}

/// Marks the response as 500 while the server renders a page whose data failed to load.
fn set_server_error_status() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_actix::ResponseOptions>() {
        response.set_status(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR);
    }
}

/// An agency's contact details and its register entries.
#[component]
pub fn AgencySection(agency: AgencyOverview, linked: bool) -> impl IntoView {
    let locale = use_locale();
    let heading_id = format!("agency-{}", agency.slug);
    let labelled_by = heading_id.clone();
    let href = format!("/staff/agencies/{}", agency.slug);
    let name = agency.name.clone();
    let title = if linked {
        view! { <a href=href><AgencyText text=name /></a> }.into_any()
    } else {
        view! { <AgencyText text=name /> }.into_any()
    };
    let contact = agency.contact.clone();
    let systems = agency.systems.clone();
    let empty = systems.is_empty();
    view! {
        <section class="panel agency" aria-labelledby=labelled_by>
            <h2 id=heading_id>{title}</h2>
            <dl class="contact">
                <dt>{tr!(locale, contact_email)}</dt><dd>{contact.email}</dd>
                <dt>{tr!(locale, contact_phone)}</dt><dd>{contact.phone}</dd>
                <dt>{tr!(locale, contact_address)}</dt><dd><AgencyText text=contact.address /></dd>
            </dl>
            <h3>{tr!(locale, ai_systems)}</h3>
            {if empty {
                view! { <p>{tr!(locale, no_systems)}</p> }.into_any()
            } else {
                view! { <SystemTable systems /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn SystemTable(systems: Vec<SystemSummary>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="table-wrap">
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{tr!(locale, system_name)}</th>
                        <th scope="col">{tr!(locale, risk_level)}</th>
                        <th scope="col">{tr!(locale, system_status)}</th>
                        <th scope="col" class="numeric">{tr!(locale, system_version)}</th>
                    </tr>
                </thead>
                <tbody>
                    {systems
                        .into_iter()
                        .map(|s| {
                            let risk_class = format!("tag tag-risk-{}", s.risk_level);
                            view! {
                                <tr>
                                    <td><a href=format!("/register/{}", s.slug)><AgencyText text=s.name /></a><br /><code class="slug">{s.slug}</code></td>
                                    <td><span class=risk_class>{labels::risk_level(locale, s.risk_level)}</span></td>
                                    <td>{labels::system_status(locale, s.status)}</td>
                                    <td class="numeric">{s.version}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
