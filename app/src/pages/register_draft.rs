//! `/staff/register/{slug}/draft`: a supervisor reviews the agency's draft of an entry: what
//! it changes against the published version, the entry as the public will see it, a form to
//! publish it with a change note, and one to discard it. Plain forms, no JavaScript needed.

use crate::api::{load_register_draft, AppError};
use crate::components::entry_fields::{field_value, EntryFields};
use crate::components::form::{has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::{labels, pick_text};
use crate::pages::not_found::set_not_found_status;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::{DraftReview, DRAFT_FORM};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The draft review page.
#[component]
pub fn RegisterDraftPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let params = use_params_map();
    let draft = Resource::new_blocking(
        move || params.read().get("slug").unwrap_or_default(),
        load_register_draft,
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match draft.await {
                    Ok(draft) => view! { <DraftView draft /> }.into_any(),
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
fn DraftView(draft: DraftReview) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let notice = flash.notice.filter(|_| flash.form == DRAFT_FORM);
    let errors = Signal::stored(flash.errors_for(DRAFT_FORM));
    let note = flash.value(DRAFT_FORM, "change_note");
    let invalid = has_error(&errors.get_untracked(), "change_note");
    let name = pick_text(&draft.draft.name, locale, context.default_locale).0;
    let title = tr!(locale, draft_title, name = &name);
    let changes = match &draft.published {
        None => view! { <p>{tr!(locale, draft_changed_new)}</p> }.into_any(),
        Some(published) => {
            let rows = draft
                .changed
                .iter()
                .map(|&field| {
                    view! {
                        <tr>
                            <th scope="row">{labels::entry_field(locale, field)}</th>
                            <td>{field_value(locale, published, field)}</td>
                            <td>{field_value(locale, &draft.draft, field)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-wrap">
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{tr!(locale, draft_field)}</th>
                            <th scope="col">{tr!(locale, draft_before, version = draft.base_version.to_string())}</th>
                            <th scope="col">{tr!(locale, draft_after)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    };
    let publish_action = format!("/staff/register/{}/publish", draft.slug);
    let discard_action = format!("/staff/register/{}/discard", draft.slug);
    let edit_href = format!("/staff/register/{}/edit", draft.slug);
    view! {
        <Title text=title.clone() />
        <p><a href="/staff/register/drafts">{tr!(locale, drafts_back)}</a></p>
        {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
        <h1>{title}</h1>
        <p class="lead">{tr!(locale, draft_intro)}</p>
        <ErrorSummary errors=errors />
        <section aria-labelledby="changes-heading">
            <h2 id="changes-heading">{tr!(locale, draft_changed_heading)}</h2>
            {changes}
            <p><a href=edit_href>{tr!(locale, draft_edit_again)}</a></p>
        </section>
        <section class="panel" aria-labelledby="publish-heading">
            <h2 id="publish-heading">{tr!(locale, draft_publish_heading)}</h2>
            <form method="post" action=publish_action novalidate>
                <CsrfField />
                <div class="field" class:field-invalid=invalid>
                    <label for="change_note">{tr!(locale, draft_change_note)}</label>
                    <p class="hint" id="change-note-hint">{tr!(locale, draft_change_note_hint)}</p>
                    <FieldMessage errors=errors field="change_note" />
                    <textarea id="change_note" name="change_note" rows="4" maxlength="500" aria-describedby="change-note-hint" aria-invalid=invalid.then_some("true")>{note}</textarea>
                </div>
                <button type="submit" class="button">{tr!(locale, draft_publish_button)}</button>
            </form>
        </section>
        <section aria-labelledby="preview-heading">
            <h2 id="preview-heading">{tr!(locale, draft_preview_heading)}</h2>
            <div class="entry-preview">
                <p class="entry-preview-name"><strong><AgencyText text=draft.draft.name.clone() /></strong></p>
                <p class="lead"><AgencyText text=draft.draft.description.clone() /></p>
                <EntryFields content=draft.draft.clone() agency_name=draft.agency_name.clone() />
            </div>
        </section>
        <section class="panel panel-quiet" aria-labelledby="discard-heading">
            <h2 id="discard-heading">{tr!(locale, draft_discard_heading)}</h2>
            <p>{tr!(locale, draft_discard_intro)}</p>
            <form method="post" action=discard_action>
                <CsrfField />
                <button type="submit" class="button button-secondary">{tr!(locale, draft_discard_button)}</button>
            </form>
        </section>
    }
}
