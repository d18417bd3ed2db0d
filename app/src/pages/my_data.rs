//! `/me/data`: everything the portal holds about the citizen signed in by email, in readable
//! sections, and the same as one JSON file to download (`/me/data.json`): the right of access.

use crate::api::load_my_data;
use crate::context::use_page_context;
use crate::i18n::appeal_labels::{
    appeal_state, entry_author, entry_kind, file_size, file_type, finding, ground, timestamp,
};
use crate::i18n::{format_date, labels, Locale};
use crate::pages::my_home::citizen_email_load_error;
use crate::tr;
use crate::types::{
    EntryAuthor, EntryKind, EventKind, FindingKind, Grounds, HeldAddress, HeldAppeal, HeldDecision,
    HeldEmail, HeldView, MyData, MyFile, MyMessage,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The citizen's data page.
#[component]
pub fn MyDataPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let data = Resource::new_blocking(|| (), |_| load_my_data());
    view! {
        <Title text=tr!(locale, my_data_title) />
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <MyDataView data /> }.into_any(),
                    Err(error) => citizen_email_load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

/// An RFC 3339 time in UTC ("2026-03-03T09:14:05Z") as "3 March 2026, 09:14 UTC"; any other
/// text as the appeal pages write times.
pub fn utc_time(locale: Locale, at: &str) -> String {
    let parsed = at
        .get(..10)
        .zip(at.get(11..16))
        .filter(|_| at.as_bytes().get(10) == Some(&b'T'));
    let Some((day, time)) = parsed else {
        return timestamp(locale, at);
    };
    let mut parts = day.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    match (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    ) {
        (Some(year), Some(month), Some(d)) if (1..=12).contains(&month) => {
            let zone = if at.ends_with('Z') || at.ends_with("+00:00") {
                " UTC"
            } else {
                ""
            };
            format!(
                "{}, {time}{zone}",
                format_date(locale, year as i32, month, d)
            )
        }
        _ => at.to_string(),
    }
}

/// How the outbox's status reads to a person.
pub fn email_status(locale: Locale, status: &str) -> String {
    match status {
        "queued" => tr!(locale, email_status_queued).to_string(),
        "sent" => tr!(locale, email_status_sent).to_string(),
        "failed" => tr!(locale, email_status_failed).to_string(),
        other => other.to_string(),
    }
}

/// A JSON value as indented text.
fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// The page's content for loaded data.
#[component]
pub fn MyDataView(data: MyData) -> impl IntoView {
    let locale = use_page_context().locale;
    let when = utc_time(locale, &data.generated_at);
    view! {
        <p class="back"><a href="/me">{tr!(locale, my_data_back)}</a></p>
        <h1>{tr!(locale, my_data_title)}</h1>
        <p class="lead">{tr!(locale, my_data_intro, when = when)}</p>
        <p class="prose">{tr!(locale, my_data_right)}</p>
        <p><a class="button" href="/me/data.json" download="redress-my-data.json">{tr!(locale, my_data_download)}</a></p>
        <AddressesSection addresses=data.addresses />
        <DecisionsSection decisions=data.decisions />
        <AppealsSection appeals=data.appeals />
        <EmailsSection emails=data.emails />
        <ViewsSection views=data.views />
    }
}

#[component]
fn AddressesSection(addresses: Vec<HeldAddress>) -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <section aria-labelledby="data-addresses">
            <h2 id="data-addresses">{tr!(locale, my_data_addresses_title)}</h2>
            <ul class="plain-list">
                {addresses.into_iter().map(|a| {
                    let state = match a.confirmed_at {
                        Some(at) => tr!(locale, my_data_confirmed, date = utc_time(locale, &at)),
                        None => tr!(locale, my_data_not_confirmed).to_string(),
                    };
                    view! { <li><strong class="break">{a.email}</strong>" — "{state}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn DecisionsSection(decisions: Vec<HeldDecision>) -> impl IntoView {
    let locale = use_page_context().locale;
    let body = if decisions.is_empty() {
        view! { <p>{tr!(locale, my_data_none)}</p> }.into_any()
    } else {
        decisions
            .into_iter()
            .map(|d| view! { <HeldDecisionCard decision=d /> })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="data-decisions">
            <h2 id="data-decisions">{tr!(locale, my_data_decisions_title)}</h2>
            {body}
        </section>
    }
}

#[component]
fn HeldDecisionCard(decision: HeldDecision) -> impl IntoView {
    let locale = use_page_context().locale;
    let d = decision;
    let national_id = if d.national_id_on_record {
        tr!(locale, my_data_national_id_held)
    } else {
        tr!(locale, my_data_national_id_none)
    };
    view! {
        <article class="panel">
            <h3><span class="reference-inline">{d.reference}</span></h3>
            <dl class="facts">
                <dt>{tr!(locale, appeal_agency)}</dt><dd><code class="slug">{d.agency}</code></dd>
                <dt>{tr!(locale, decision_outcome)}</dt><dd><code class="slug">{d.outcome}</code></dd>
                <dt>{tr!(locale, my_col_decided)}</dt><dd>{utc_time(locale, &d.decided_at)}</dd>
                {d.subject_email.map(|email| view! {
                    <dt>{tr!(locale, my_data_subject_email)}</dt><dd class="break">{email}</dd>
                })}
                {d.subject_language.map(|language| view! {
                    <dt>{tr!(locale, my_data_language)}</dt><dd>{language}</dd>
                })}
                {d.subject_region.map(|region| view! {
                    <dt>{tr!(locale, my_data_region)}</dt><dd>{region}</dd>
                })}
                <dt>{tr!(locale, my_data_national_id)}</dt><dd>{national_id}</dd>
            </dl>
            <details class="help">
                <summary>{tr!(locale, my_data_content)}</summary>
                <pre class="json">{pretty(&d.content)}</pre>
            </details>
            {d.corrected_outcome.map(|value| view! {
                <details class="help">
                    <summary>{tr!(locale, my_data_corrected)}</summary>
                    <pre class="json">{pretty(&value)}</pre>
                </details>
            })}
        </article>
    }
}

#[component]
fn AppealsSection(appeals: Vec<HeldAppeal>) -> impl IntoView {
    let locale = use_page_context().locale;
    let body = if appeals.is_empty() {
        view! { <p>{tr!(locale, my_data_none)}</p> }.into_any()
    } else {
        appeals
            .into_iter()
            .map(|a| view! { <HeldAppealCard appeal=a /> })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="data-appeals">
            <h2 id="data-appeals">{tr!(locale, my_data_appeals_title)}</h2>
            {body}
        </section>
    }
}

/// The reasons given, in words when they read as the portal stores them, else as JSON.
#[component]
fn GroundsView(grounds: serde_json::Value) -> impl IntoView {
    let locale = use_page_context().locale;
    match serde_json::from_value::<Grounds>(grounds.clone()) {
        Ok(parsed) => view! {
            <ul>
                {parsed.kinds.into_iter().map(|g| view! { <li>{ground(locale, g)}</li> }).collect_view()}
                {parsed.factors.into_iter().map(|f| {
                    let why = (!f.why.trim().is_empty()).then(|| format!(" ({})", f.why));
                    view! { <li><code class="slug">{f.key}</code>": "<span class="user-text">{f.correct_value}{why}</span></li> }
                }).collect_view()}
            </ul>
        }
        .into_any(),
        Err(_) => view! { <pre class="json">{pretty(&grounds)}</pre> }.into_any(),
    }
}

#[component]
fn HeldAppealCard(appeal: HeldAppeal) -> impl IntoView {
    let locale = use_page_context().locale;
    let a = appeal;
    let finding_text = a.finding.map(|f| match FindingKind::parse(&f) {
        Some(kind) => finding(locale, kind).to_string(),
        None => f,
    });
    view! {
        <article class="panel">
            <h3><span class="reference-inline">{a.reference}</span></h3>
            <dl class="facts">
                <dt>{tr!(locale, appeal_decision)}</dt><dd><span class="reference-inline">{a.decision_reference}</span></dd>
                <dt>{tr!(locale, queue_col_state)}</dt><dd>{appeal_state(locale, a.state)}</dd>
                <dt>{tr!(locale, appeal_filed_on)}</dt><dd>{utc_time(locale, &a.filed_at)}</dd>
                <dt>{tr!(locale, my_data_contact)}</dt><dd class="break">{a.contact_email}</dd>
                <dt>{tr!(locale, my_data_language)}</dt><dd>{a.language}</dd>
                <dt>{tr!(locale, appeal_grounds_title)}</dt><dd><GroundsView grounds=a.grounds /></dd>
            </dl>
            <h4>{tr!(locale, appeal_statement_title)}</h4>
            <div class="user-text statement-text">{a.statement}</div>
            {a.outcome.map(|value| view! {
                <details class="help">
                    <summary>{tr!(locale, appeal_outcome_title)}</summary>
                    <pre class="json">{pretty(&value)}</pre>
                </details>
            })}
            {finding_text.map(|text| view! {
                <h4>{tr!(locale, appeal_finding_title)}</h4>
                <p>{text}</p>
            })}
            <MessagesTable messages=a.messages />
            <FilesTable files=a.files />
        </article>
    }
}

/// Who wrote an entry, as the citizen's appeal page says it.
fn author(locale: Locale, author: &str) -> String {
    let known = match author {
        "citizen" => Some(EntryAuthor::Citizen),
        "staff" => Some(EntryAuthor::Staff),
        "ombudsman" => Some(EntryAuthor::Ombudsman),
        "system" => Some(EntryAuthor::System),
        _ => None,
    };
    known
        .map(|a| entry_author(locale, a, false).to_string())
        .unwrap_or_else(|| author.to_string())
}

/// What an entry records, as the appeal page says it.
fn entry_words(locale: Locale, kind: &str) -> String {
    let known = match kind {
        "filed" => Some(EntryKind::Filed),
        "claimed" | "assigned" => Some(EntryKind::Assigned),
        "evidence" => Some(EntryKind::Evidence),
        "message" => Some(EntryKind::Message),
        "note" => Some(EntryKind::Note),
        step => EventKind::parse(step).map(EntryKind::Step),
    };
    known
        .map(|k| entry_kind(locale, k).to_string())
        .unwrap_or_else(|| kind.to_string())
}

#[component]
fn MessagesTable(messages: Vec<MyMessage>) -> impl IntoView {
    let locale = use_page_context().locale;
    if messages.is_empty() {
        return ().into_any();
    }
    let when = tr!(locale, my_data_when);
    let who = tr!(locale, my_data_who);
    let what = tr!(locale, my_data_what);
    let text = tr!(locale, my_data_text);
    view! {
        <h4>{tr!(locale, my_data_messages_title)}</h4>
        <div class="table-wrap">
            <table class="data-table stack-table">
                <thead><tr>
                    <th scope="col">{when}</th>
                    <th scope="col">{who}</th>
                    <th scope="col">{what}</th>
                    <th scope="col">{text}</th>
                </tr></thead>
                <tbody>
                    {messages.into_iter().map(|m| view! {
                        <tr>
                            <td data-label=when class="nowrap">{utc_time(locale, &m.at)}</td>
                            <td data-label=who>{author(locale, &m.author)}</td>
                            <td data-label=what>{entry_words(locale, &m.kind)}</td>
                            <td data-label=text class="message">{m.body}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn FilesTable(files: Vec<MyFile>) -> impl IntoView {
    let locale = use_page_context().locale;
    if files.is_empty() {
        return ().into_any();
    }
    let name = tr!(locale, my_data_file_name);
    let size = tr!(locale, my_data_file_size);
    let added = tr!(locale, my_data_file_added);
    let checksum = tr!(locale, appeal_evidence_fingerprint);
    view! {
        <h4>{tr!(locale, my_data_files_title)}</h4>
        <div class="table-wrap">
            <table class="data-table stack-table">
                <thead><tr>
                    <th scope="col">{name}</th>
                    <th scope="col">{size}</th>
                    <th scope="col">{added}</th>
                    <th scope="col">{checksum}</th>
                </tr></thead>
                <tbody>
                    {files.into_iter().map(|f| {
                        let meta = format!("{} · {}", file_type(&f.content_type), file_size(locale, f.size_bytes));
                        view! {
                            <tr>
                                <td data-label=name class="break">{f.file_name}</td>
                                <td data-label=size class="nowrap">{meta}</td>
                                <td data-label=added class="nowrap">{utc_time(locale, &f.added_at)}</td>
                                <td data-label=checksum><code class="hash">{f.sha256}</code></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn EmailsSection(emails: Vec<HeldEmail>) -> impl IntoView {
    let locale = use_page_context().locale;
    let subject = tr!(locale, email_col_subject);
    let status = tr!(locale, email_col_status);
    let created = tr!(locale, email_col_created);
    let sent = tr!(locale, email_col_sent);
    let body = if emails.is_empty() {
        view! { <p>{tr!(locale, my_data_none)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table class="data-table stack-table" aria-labelledby="data-emails">
                    <thead><tr>
                        <th scope="col">{subject}</th>
                        <th scope="col">{status}</th>
                        <th scope="col">{created}</th>
                        <th scope="col">{sent}</th>
                    </tr></thead>
                    <tbody>
                        {emails.into_iter().map(|e| {
                            let subject_text = if e.subject.is_empty() { e.kind } else { e.subject };
                            view! {
                                <tr>
                                    <td data-label=subject>{subject_text}</td>
                                    <td data-label=status>{email_status(locale, &e.status)}</td>
                                    <td data-label=created class="nowrap">{utc_time(locale, &e.created_at)}</td>
                                    <td data-label=sent class="nowrap">{e.sent_at.map(|at| utc_time(locale, &at)).unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="data-emails">
            <h2 id="data-emails">{tr!(locale, my_data_emails_title)}</h2>
            {body}
        </section>
    }
}

#[component]
fn ViewsSection(views: Vec<HeldView>) -> impl IntoView {
    let locale = use_page_context().locale;
    let subject = tr!(locale, my_data_view_subject);
    let role = tr!(locale, my_data_view_role);
    let agency = tr!(locale, appeal_agency);
    let when = tr!(locale, my_data_when);
    let body = if views.is_empty() {
        view! { <p>{tr!(locale, my_data_views_none)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table class="data-table stack-table" aria-labelledby="data-views">
                    <thead><tr>
                        <th scope="col">{subject}</th>
                        <th scope="col">{role}</th>
                        <th scope="col">{agency}</th>
                        <th scope="col">{when}</th>
                    </tr></thead>
                    <tbody>
                        {views.into_iter().map(|v| view! {
                            <tr>
                                <td data-label=subject><span class="reference-inline">{v.subject}</span></td>
                                <td data-label=role>{v.role.map(|r| labels::role(locale, r)).unwrap_or("—")}</td>
                                <td data-label=agency>{v.agency.map(|a| view! { <code class="slug">{a}</code> }.into_any()).unwrap_or_else(|| "—".into_any())}</td>
                                <td data-label=when class="nowrap">{utc_time(locale, &v.at)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="data-views">
            <h2 id="data-views">{tr!(locale, my_data_views_title)}</h2>
            <p class="hint">{tr!(locale, my_data_views_hint)}</p>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::utc_time;
    use crate::i18n::Locale;

    #[test]
    fn times_from_the_server_read_as_dates_in_the_readers_language() {
        assert_eq!(
            utc_time(Locale::En, "2026-03-03T09:14:05Z"),
            "3 March 2026, 09:14 UTC"
        );
        assert_eq!(
            utc_time(Locale::Ru, "2026-03-03T09:14:05+00:00"),
            "3 марта 2026 г., 09:14 UTC"
        );
        assert_eq!(
            utc_time(Locale::En, "2026-03-03 09:14"),
            "3 March 2026, 09:14"
        );
        assert_eq!(utc_time(Locale::En, "soon"), "soon");
    }
}
