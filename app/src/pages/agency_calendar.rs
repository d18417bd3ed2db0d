//! `/staff/agencies/{slug}/calendar?year=YYYY`: an agency's working-day calendar for
//! administrators. The country's holidays are preloaded rules; here an administrator enters
//! what the rules cannot know (the Government's yearly decree swapping days, a newly announced
//! holiday) and removes an entry. Every change recounts the agency's open appeal deadlines.

use crate::api::{load_agency_calendar, AppError};
use crate::components::form::{CsrfField, ErrorSummary};
use crate::context::use_page_context;
use crate::i18n::appeal_labels::skipped_why;
use crate::i18n::{format_date, labels, pick_text};
use crate::pages::challenge_fields::field_error;
use crate::pages::not_found::set_not_found_status;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::{AgencyCalendarView, CalendarDate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

const FORM: &str = "calendar";

/// The calendar page.
#[component]
pub fn AgencyCalendarPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let params = use_params_map();
    let query = use_query_map();
    let calendar = Resource::new_blocking(
        move || {
            let slug = params.read().get("slug").unwrap_or_default();
            let year = query
                .read()
                .get("year")
                .and_then(|y| y.parse::<i32>().ok())
                .unwrap_or(0);
            (slug, year)
        },
        |(slug, year)| load_agency_calendar(slug, year),
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match calendar.await {
                    Ok(calendar) => view! { <CalendarView calendar /> }.into_any(),
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

fn day(locale: crate::i18n::Locale, d: CalendarDate) -> String {
    format_date(locale, d.year, d.month, d.day)
}

#[component]
fn CalendarView(calendar: AgencyCalendarView) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = flash.errors_for(FORM);
    let notice = flash
        .notice
        .filter(|_| flash.form == FORM)
        .map(|n| view! { <div class="notice" role="status">{labels::notice(locale, n)}</div> });
    let typed = |name: &str| flash.value(FORM, name);
    let c = calendar;
    let agency = pick_text(&c.agency_name, locale, context.default_locale).0;
    let base = format!("/staff/agencies/{}/calendar", c.agency_slug);
    let title = tr!(
        locale,
        calendar_title,
        agency = &agency,
        year = c.year.to_string()
    );
    let kind = typed("kind");
    view! {
        <Title text=title.clone() />
        <p><a href=format!("/staff/agencies/{}", c.agency_slug)>{tr!(locale, calendar_back)}</a></p>
        {notice}
        <ErrorSummary errors=Signal::stored(errors.clone()) />
        <h1>{title}</h1>
        <p class="lead">{tr!(locale, calendar_intro)}</p>
        <p class="hint">{tr!(locale, calendar_open_appeals, count = c.open_appeals)}</p>
        <nav class="pager" aria-label=tr!(locale, calendar_years)>
            <a href=format!("{base}?year={}", c.year - 1)>{"‹ "}{(c.year - 1).to_string()}</a>
            " "
            <a href=format!("{base}?year={}", c.year + 1)>{(c.year + 1).to_string()}{" ›"}</a>
        </nav>
        <section class="panel" aria-labelledby="calendar-add-heading">
            <h2 id="calendar-add-heading">{tr!(locale, calendar_add_title)}</h2>
            <form method="post" action=base.clone() novalidate>
                <CsrfField />
                {field_error(locale, &errors, "form")}
                <div class="field">
                    <label for="date">{tr!(locale, calendar_date_label)}</label>
                    {field_error(locale, &errors, "date")}
                    <input type="date" id="date" name="date" value=typed("date") required=true />
                </div>
                <fieldset class="field" id="kind">
                    <legend>{tr!(locale, calendar_kind_label)}</legend>
                    {field_error(locale, &errors, "kind")}
                    <label class="choice">
                        <input type="radio" name="kind" value="day_off" checked=kind != "working_day" />
                        " "{tr!(locale, calendar_kind_day_off)}
                    </label>
                    <label class="choice">
                        <input type="radio" name="kind" value="working_day" checked=kind == "working_day" />
                        " "{tr!(locale, calendar_kind_working_day)}
                    </label>
                </fieldset>
                <div class="field">
                    <label for="note">{tr!(locale, calendar_note_label)}</label>
                    <p class="hint" id="note-hint">{tr!(locale, calendar_note_hint)}</p>
                    {field_error(locale, &errors, "note")}
                    <input type="text" id="note" name="note" maxlength="200" value=typed("note")
                        aria-describedby="note-hint" required=true />
                </div>
                <button type="submit" class="button">{tr!(locale, calendar_add_button)}</button>
            </form>
        </section>
        <section aria-labelledby="calendar-exceptions-heading">
            <h2 id="calendar-exceptions-heading">{tr!(locale, calendar_exceptions_title)}</h2>
            {if c.exceptions.is_empty() {
                view! { <p>{tr!(locale, calendar_exceptions_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="calendar-exceptions">
                        {c.exceptions.iter().map(|e| {
                            let kind = if e.day_off { tr!(locale, calendar_kind_day_off) } else { tr!(locale, calendar_kind_working_day) };
                            view! {
                                <li>
                                    <strong>{day(locale, e.day)}</strong>" — "{kind}" — "{e.note.clone()}
                                    <form method="post" action=format!("{base}/remove") class="inline-form">
                                        <CsrfField />
                                        <input type="hidden" name="date" value=e.date.clone() />
                                        <button type="submit" class="button button-secondary button-small">{tr!(locale, calendar_remove_button)}</button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="calendar-days-heading">
            <h2 id="calendar-days-heading">{tr!(locale, calendar_days_title)}</h2>
            <table class="data-table calendar-days">
                <caption class="visually-hidden">{tr!(locale, calendar_days_title)}</caption>
                <thead><tr><th scope="col">{tr!(locale, calendar_day_column)}</th><th scope="col">{tr!(locale, calendar_why_column)}</th></tr></thead>
                <tbody>
                    {c.days_off.iter().map(|d| view! {
                        <tr><td>{day(locale, d.first)}</td><td>{skipped_why(locale, &d.why)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
