//! `/staff/appeals`: the agency's appeals, the nearest deadline first, filtered by state,
//! system, assignee and ground (the filters live in the URL); each opens the case page.

use crate::api::load_appeal_queue;
use crate::components::appeal_table::{
    filter_pairs, filters_from_query, is_filtered, AppealFilterForm, AppealTable,
};
use crate::components::pager::{page_href, PagePosition, Pager};
use crate::context::use_page_context;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::AppealQueue;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Which queue a page shows: the same table, with words and columns for its reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueKind {
    /// Reviewers and supervisors: their state body's appeals.
    Agency,
    /// The Human Rights Commissioner's office: appeals escalated to it, from every state body.
    Ombudsman,
}

impl QueueKind {
    fn path(self) -> &'static str {
        match self {
            QueueKind::Agency => "/staff/appeals",
            QueueKind::Ombudsman => "/ombudsman",
        }
    }
}

/// The staff appeal queue.
#[component]
pub fn StaffAppealsPage() -> impl IntoView {
    view! { <AppealQueuePage kind=QueueKind::Agency /> }
}

/// A queue page: title, filters, count, table, pager.
#[component]
pub fn AppealQueuePage(kind: QueueKind) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    // Ombudsmen and administrators see every state body: they need its name on each row.
    let sees_all_agencies = context
        .staff
        .as_ref()
        .is_some_and(|s| !s.role.is_agency_staff());
    let query = use_query_map();
    let filters = move || filters_from_query(|name| query.read().get(name));
    let queue = Resource::new_blocking(filters, load_appeal_queue);
    let current = filters();
    let (title, intro) = match kind {
        QueueKind::Agency => (tr!(locale, queue_title), tr!(locale, queue_intro)),
        QueueKind::Ombudsman => (tr!(locale, ombudsman_title), tr!(locale, ombudsman_intro)),
    };
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <p class="lead">{intro}</p>
        {(kind == QueueKind::Ombudsman).then(|| view! {
            <p><a href="/staff/stats">{tr!(locale, ombudsman_stats_link)}</a></p>
        })}
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || {
                let current = current.clone();
                Suspend::new(async move {
                    match queue.await {
                        Ok(queue) => {
                            let show_agency = queue.ombudsman || sees_all_agencies;
                            view! { <QueueBody kind queue current show_agency /> }.into_any()
                        }
                        Err(error) => load_error(locale, error),
                    }
                })
            }}
        </Suspense>
    }
}

/// The filters, the count and the table (or the empty state) of a loaded queue.
#[component]
pub(crate) fn QueueBody(
    kind: QueueKind,
    queue: AppealQueue,
    current: crate::types::AppealFilters,
    show_agency: bool,
) -> impl IntoView {
    let locale = use_page_context().locale;
    let path = kind.path();
    let position = PagePosition {
        page: queue.page,
        page_size: queue.page_size,
        total: queue.total,
    };
    let pairs = filter_pairs(&current);
    let href = move |page: u32| {
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        page_href(path, &pairs, page)
    };
    let filtered = is_filtered(&current);
    let body = if queue.rows.is_empty() {
        let text = match (filtered, kind) {
            (true, _) => tr!(locale, queue_empty_filtered),
            (false, QueueKind::Agency) => tr!(locale, queue_empty),
            (false, QueueKind::Ombudsman) => tr!(locale, ombudsman_empty),
        };
        view! {
            <div class="empty-state">
                <p>{text}</p>
                {filtered.then(|| view! { <p><a href=path>{tr!(locale, queue_clear_filters)}</a></p> })}
            </div>
        }
        .into_any()
    } else {
        view! {
            <AppealTable rows=queue.rows show_agency />
            <Pager position href />
        }
        .into_any()
    };
    view! {
        <AppealFilterForm action=path current systems=queue.systems show_assignee=kind == QueueKind::Agency />
        <p class="results-count" role="status">{tr!(locale, queue_count, count = queue.total)}</p>
        {body}
    }
}
