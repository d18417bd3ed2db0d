//! `/register/{slug}`: one AI system with every register field, its versions, its live
//! redress figures, and a form to flag an error in the entry.

use crate::api::{load_register_entry, AppError};
use crate::components::entry_fields::{ymd_date, EntryFields};
use crate::components::form::{described_by, has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::{counts, labels};
use crate::pages::not_found::set_not_found_status;
use crate::pages::register_quality::QualitySection;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::{PublicCount, PublicFlag, RegisterEntry};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

const FORM: &str = "flag";

/// The register entry page.
#[component]
pub fn RegisterEntryPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let params = use_params_map();
    let query = use_query_map();
    let entry = Resource::new_blocking(
        move || {
            let slug = params.read().get("slug").unwrap_or_default();
            let version = query
                .read()
                .get("version")
                .and_then(|v| v.parse::<i32>().ok());
            (slug, version)
        },
        |(slug, version)| load_register_entry(slug, version),
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match entry.await {
                    Ok(entry) => view! { <EntryView entry /> }.into_any(),
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

#[component]
fn EntryView(entry: RegisterEntry) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let c = entry.content.clone();
    let title = crate::i18n::pick_text(&c.name, locale, context.default_locale).0;
    let decisions = match entry.decisions {
        PublicCount::Exact(n) => n.to_string(),
        PublicCount::FewerThan(n) => counts::fewer_than(locale, n as i64),
    };
    let is_old = entry.version != entry.current_version;
    let current_href = format!("/register/{}", entry.slug);
    let flash = context.flash.clone().unwrap_or_default();
    let saved = flash.notice.filter(|_| flash.form == "entry");
    let can_edit = context.staff.as_ref().is_some_and(|s| {
        s.role == crate::types::Role::Supervisor
            && s.agency_slug.as_deref() == Some(entry.agency_slug.as_str())
    });
    let edit_href = format!("/staff/register/{}/edit", entry.slug);
    let stats_href = format!(
        "/stats?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("system", &entry.slug)
            .finish()
    );
    view! {
        {saved.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
        <Title text=title />
        <p><a href="/register">{tr!(locale, register_back)}</a></p>
        {is_old.then(|| view! {
            <div class="notice notice-warning" role="status">
                {tr!(locale, register_old_version, version = entry.version.to_string(), current = entry.current_version.to_string())}
                " "<a href=current_href.clone()>{tr!(locale, register_see_current)}</a>
            </div>
        })}
        <h1><AgencyText text=c.name.clone() /></h1>
        <p class="lead"><AgencyText text=c.description.clone() /></p>
        {can_edit.then(|| view! { <p><a class="button button-secondary" href=edit_href.clone()>{tr!(locale, register_edit_link)}</a></p> })}
        <section class="figures" aria-labelledby="figures-heading">
            <h2 id="figures-heading">{tr!(locale, register_figures)}</h2>
            <dl class="figure-list">
                <div><dt>{tr!(locale, register_decisions)}</dt><dd class="figure">{decisions}</dd></div>
            </dl>
            <p class="hint">{tr!(locale, register_figures_note)}</p>
            <p><a href=stats_href>{tr!(locale, register_stats_link)}</a></p>
        </section>
        <QualitySection slug=entry.slug.clone() can_review=can_edit />
        <section aria-labelledby="entry-heading">
            <h2 id="entry-heading">{tr!(locale, register_entry_version, version = entry.version.to_string())}</h2>
            <EntryFields content=c.clone() agency_name=entry.agency_name.clone() />
        </section>
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{tr!(locale, register_history)}</h2>
            <ol class="version-list" reversed>
                {entry.history.iter().map(|v| {
                    let href = format!("/register/{}?version={}", entry.slug, v.version);
                    let label = tr!(locale, register_version_label, version = v.version.to_string());
                    let date = ymd_date(locale, &v.published_on);
                    let here = v.version == entry.version;
                    let note = v.change_note.clone();
                    view! {
                        <li>
                            {if here { view! { <strong aria-current="page">{label}</strong> }.into_any() } else { view! { <a href=href>{label}</a> }.into_any() }}
                            " · "{date}
                            {note.map(|note| view! { <p class="change-note">{note}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
        <ReportList reports=entry.reports.clone() />
        <FlagForm slug=entry.slug.clone() />
    }
}

/// The errors reported in this entry, each with where it stands and the agency's reply;
/// never who reported it.
#[component]
fn ReportList(reports: Vec<PublicFlag>) -> impl IntoView {
    let locale = use_page_context().locale;
    (!reports.is_empty()).then(|| {
        view! {
            <section aria-labelledby="reports-heading">
                <h2 id="reports-heading">{tr!(locale, reports_title)}</h2>
                <ul class="report-list">
                    {reports.into_iter().map(|r| {
                        let status = r.status;
                        view! {
                            <li>
                                <p>
                                    <span class=format!("tag tag-flag-{}", status.as_str())>{labels::flag_status(locale, status)}</span>
                                    " · "{ymd_date(locale, &r.reported_on)}
                                    " · "{tr!(locale, register_version_label, version = r.version.to_string())}
                                </p>
                                <p class="message">{r.message}</p>
                                {r.reply.map(|reply| view! {
                                    <p class="report-reply"><strong>{tr!(locale, reports_reply)}</strong>" "{reply}</p>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn FlagForm(slug: String) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = Signal::stored(flash.errors_for(FORM));
    let notice = flash.notice.filter(|_| flash.form == FORM);
    let message = flash.value(FORM, "message");
    let email = flash.value(FORM, "contact_email");
    let invalid = move |f: &str| has_error(&errors.get_untracked(), f);
    let action = format!("/register/{slug}/flag");
    view! {
        <section class="panel panel-quiet" aria-labelledby="flag-heading" id="flag">
            <h2 id="flag-heading">{tr!(locale, flag_title)}</h2>
            {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
            <ErrorSummary errors=errors />
            <p>{tr!(locale, flag_intro)}</p>
            <form method="post" action=action novalidate>
                <CsrfField />
                <div class="field" class:field-invalid=invalid("message")>
                    <label for="message">{tr!(locale, flag_message)}</label>
                    <FieldMessage errors=errors field="message" />
                    <textarea id="message" name="message" rows="5" aria-invalid=invalid("message").then_some("true")
                        aria-describedby=described_by(None, "message", &errors.get_untracked())>{message}</textarea>
                </div>
                <div class="field" class:field-invalid=invalid("contact_email")>
                    <label for="contact_email">{tr!(locale, flag_email)}</label>
                    <p class="hint" id="contact-email-hint">{tr!(locale, flag_email_hint)}</p>
                    <FieldMessage errors=errors field="contact_email" />
                    <input id="contact_email" name="contact_email" type="email" autocomplete="email" value=email aria-invalid=invalid("contact_email").then_some("true")
                        aria-describedby=described_by(Some("contact-email-hint"), "contact_email", &errors.get_untracked()) />
                </div>
                <button type="submit" class="button button-secondary">{tr!(locale, flag_submit)}</button>
            </form>
        </section>
    }
}
