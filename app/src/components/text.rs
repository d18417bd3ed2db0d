//! Agency-written text in the reader's language, with a visible note when it is not.

use crate::context::use_page_context;
use crate::i18n::{pick_text, LocalizedText};
use crate::tr;
use leptos::prelude::*;

/// Shows agency text in the reader's language, else the default, else any, saying which.
#[component]
pub fn AgencyText(text: LocalizedText) -> impl IntoView {
    let context = use_page_context();
    let (value, fallback) = pick_text(&text, context.locale, context.default_locale);
    // The space keeps the note a separate phrase for screen readers and in copied text.
    let note = fallback.map(|shown| {
        view! {
            " "
            <span class="lang-note" lang=context.locale.code()>
                {tr!(context.locale, shown_in_language, language = shown.native_name())}
            </span>
        }
    });
    let lang = fallback.unwrap_or(context.locale).code();
    view! {
        <span lang=lang>{value}</span>
        {note}
    }
}
