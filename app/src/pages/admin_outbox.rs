//! `/admin/outbox?status=queued|failed|sent`: administrators watch the email outbox (counts,
//! the oldest waiting message) and queue a failed message again.

use crate::api::load_outbox;
use crate::components::form::{CsrfField, ErrorSummary};
use crate::context::use_page_context;
use crate::i18n::{format_value, labels};
use crate::pages::my_data::utc_time;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::{Notice, OutboxRow, OutboxView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The flash form name of the retry handler.
pub const FORM: &str = "outbox";

/// The statuses a list shows; anything else in the query shows the waiting messages.
const STATUSES: [&str; 3] = ["queued", "failed", "sent"];

/// The status asked for in the query, `queued` unless it is one the list knows.
pub fn status_from_query(status: Option<String>) -> String {
    status
        .filter(|s| STATUSES.contains(&s.as_str()))
        .unwrap_or_else(|| "queued".into())
}

/// The admin's outbox page.
#[component]
pub fn AdminOutboxPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let query = use_query_map();
    let outbox = Resource::new_blocking(
        move || status_from_query(query.read().get("status")),
        load_outbox,
    );
    view! {
        <Title text=tr!(locale, outbox_title) />
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match outbox.await {
                    Ok(outbox) => view! { <OutboxBody outbox /> }.into_any(),
                    Err(error) => load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

/// The page's content for a loaded outbox.
#[component]
pub fn OutboxBody(outbox: OutboxView) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = flash.errors_for(FORM);
    let notice = flash.notice.filter(|_| flash.form == FORM).map(|notice| {
        let class = if notice == Notice::FormExpired {
            "notice notice-warning"
        } else {
            "notice"
        };
        view! { <div class=class role="status">{labels::notice(locale, notice)}</div> }
    });
    let count = |n: i64| format_value(locale, &n.to_string(), None);
    let oldest = if outbox.queued == 0 {
        "—".to_string()
    } else {
        let minutes = (outbox.oldest_queued_secs.max(0) / 60).to_string();
        tr!(locale, outbox_minutes, minutes = minutes)
    };
    let tabs = [
        (
            "queued",
            tr!(locale, outbox_queued).to_string(),
            Some(outbox.queued),
        ),
        (
            "failed",
            tr!(locale, outbox_failed).to_string(),
            Some(outbox.failed),
        ),
        ("sent", tr!(locale, outbox_tab_sent).to_string(), None),
    ];
    let current = outbox.status.clone();
    let caption = tabs
        .iter()
        .find(|(status, _, _)| *status == current)
        .map(|(_, name, _)| name.clone())
        .unwrap_or_else(|| current.clone());
    let list = if outbox.rows.is_empty() {
        view! { <div class="empty-state"><p>{tr!(locale, outbox_empty)}</p></div> }.into_any()
    } else {
        view! { <OutboxTable rows=outbox.rows caption status=current.clone() /> }.into_any()
    };
    view! {
        <p class="back"><a href="/staff">{tr!(locale, back_staff_home)}</a></p>
        <h1>{tr!(locale, outbox_title)}</h1>
        {notice}
        <ErrorSummary errors=Signal::stored(errors) />
        <p class="lead">{tr!(locale, outbox_intro)}</p>
        <section class="figures" aria-label=tr!(locale, outbox_figures_label)>
            <dl class="figure-list">
                <div><dt>{tr!(locale, outbox_queued)}</dt><dd class="figure">{count(outbox.queued)}</dd></div>
                <div><dt>{tr!(locale, outbox_failed)}</dt><dd class="figure">{count(outbox.failed)}</dd></div>
                <div><dt>{tr!(locale, outbox_sent_day)}</dt><dd class="figure">{count(outbox.sent_last_day)}</dd></div>
                <div><dt>{tr!(locale, outbox_oldest)}</dt><dd class="figure">{oldest}</dd></div>
            </dl>
        </section>
        <nav class="tabs" aria-label=tr!(locale, outbox_tabs_label)>
            <ul>
                {tabs.into_iter().map(|(status, name, n)| {
                    let href = format!("/admin/outbox?status={status}");
                    let text = match n {
                        Some(n) => format!("{name} ({})", count(n)),
                        None => name,
                    };
                    view! { <li><a href=href aria-current=(status == current).then_some("page")>{text}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
        {list}
    }
}

/// The messages of one status, with the columns that status needs (the next attempt of a
/// waiting message, the time a sent one went, the error and a retry button of a failed one).
#[component]
fn OutboxTable(rows: Vec<OutboxRow>, caption: String, status: String) -> impl IntoView {
    let locale = use_page_context().locale;
    let id = tr!(locale, outbox_col_id);
    let kind = tr!(locale, outbox_col_kind);
    let to = tr!(locale, outbox_col_to);
    let language = tr!(locale, outbox_col_language);
    let subject = tr!(locale, email_col_subject);
    let attempts = tr!(locale, outbox_col_attempts);
    let created = tr!(locale, email_col_created);
    let next = tr!(locale, outbox_col_next);
    let sent = tr!(locale, email_col_sent);
    let error = tr!(locale, outbox_col_error);
    let when = move |at: Option<String>| {
        at.map(|at| utc_time(locale, &at))
            .unwrap_or_else(|| "—".into())
    };
    view! {
        <div class="table-wrap">
            <table class="data-table stack-table outbox-table">
                <caption class="table-caption">{caption}</caption>
                <thead><tr>
                    <th scope="col" class="numeric">{id}</th>
                    <th scope="col">{kind}</th>
                    <th scope="col">{to}</th>
                    <th scope="col">{language}</th>
                    <th scope="col">{subject}</th>
                    <th scope="col" class="numeric">{attempts}</th>
                    <th scope="col">{created}</th>
                    {match status.as_str() {
                        "queued" => view! { <th scope="col">{next}</th> }.into_any(),
                        "sent" => view! { <th scope="col">{sent}</th> }.into_any(),
                        _ => view! {
                            <th scope="col">{error}</th>
                            <th scope="col"><span class="visually-hidden">{tr!(locale, outbox_retry)}</span></th>
                        }.into_any(),
                    }}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let retry = (row.status == "failed").then(|| {
                            let action = format!("/admin/outbox/{}/retry", row.id);
                            let label = tr!(locale, outbox_retry_label, id = row.id.to_string());
                            view! {
                                <form method="post" action=action class="inline-form">
                                    <CsrfField />
                                    <button type="submit" class="button button-secondary button-small" aria-label=label>
                                        {tr!(locale, outbox_retry)}
                                    </button>
                                </form>
                            }
                        });
                        let last = match row.status.as_str() {
                            "queued" => view! { <td data-label=next class="when">{when(Some(row.next_attempt_at))}</td> }.into_any(),
                            "sent" => view! { <td data-label=sent class="when">{when(row.sent_at)}</td> }.into_any(),
                            _ => view! {
                                <td data-label=error class="message">{row.last_error.unwrap_or_else(|| "—".into())}</td>
                                <td class="row-action">{retry}</td>
                            }.into_any(),
                        };
                        view! {
                            <tr>
                                <th scope="row" data-label=id class="numeric">{row.id}</th>
                                <td data-label=kind><code class="slug">{row.kind}</code></td>
                                <td data-label=to class="nowrap">{row.recipient}</td>
                                <td data-label=language>{row.language}</td>
                                <td data-label=subject>{row.subject}</td>
                                <td data-label=attempts class="numeric">{row.attempts}</td>
                                <td data-label=created class="when">{when(Some(row.created_at))}</td>
                                {last}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
