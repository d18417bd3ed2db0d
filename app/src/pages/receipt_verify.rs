//! `/receipts/verify`: anyone pastes a filing receipt and learns whether this portal issued it
//! and whether it is unchanged. A plain GET form: the receipt travels in the query, so the
//! answer is a page that can be bookmarked and works without JavaScript.

use crate::api::check_receipt;
use crate::components::receipt::{HowToVerify, ReceiptFactsList};
use crate::context::use_page_context;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::ReceiptCheck;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The receipt check page.
#[component]
pub fn ReceiptVerifyPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let query = use_query_map();
    let pasted = move || {
        query
            .read()
            .get("receipt")
            .map(|r| r.split_whitespace().collect::<String>())
            .unwrap_or_default()
    };
    let result = Resource::new_blocking(pasted, |receipt| async move {
        if receipt.is_empty() {
            None
        } else {
            Some(check_receipt(receipt).await)
        }
    });
    let current = pasted();
    view! {
        <Title text=tr!(locale, receipt_verify_title) />
        <h1>{tr!(locale, receipt_verify_title)}</h1>
        <p class="lead">{tr!(locale, receipt_verify_intro)}</p>
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    None => ().into_any(),
                    Some(Ok(check)) => view! { <CheckResult check /> }.into_any(),
                    Some(Err(error)) => load_error(locale, error),
                }
            })}
        </Suspense>
        <form method="get" action="/receipts/verify" class="verify-form">
            <div class="field">
                <label for="receipt" class="label-question">{tr!(locale, receipt_verify_label)}</label>
                <p class="hint" id="receipt-hint">{tr!(locale, receipt_verify_hint)}</p>
                <textarea id="receipt" name="receipt" class="jws" rows="6" spellcheck="false"
                    autocapitalize="off" aria-describedby="receipt-hint">{current}</textarea>
            </div>
            <button type="submit" class="button">{tr!(locale, receipt_verify_submit)}</button>
        </form>
        <HowToVerify />
    }
}

/// The answer, in a panel whose heading says it plainly.
#[component]
pub(crate) fn CheckResult(check: ReceiptCheck) -> impl IntoView {
    let locale = use_page_context().locale;
    let (class, symbol, title, body) = match &check {
        ReceiptCheck::Genuine(_) => (
            "result-panel result-good",
            "✓",
            tr!(locale, receipt_genuine_title),
            tr!(locale, receipt_genuine_body),
        ),
        ReceiptCheck::Altered => (
            "result-panel result-bad",
            "✕",
            tr!(locale, receipt_altered_title),
            tr!(locale, receipt_altered_body),
        ),
        ReceiptCheck::UnknownKey => (
            "result-panel result-bad",
            "✕",
            tr!(locale, receipt_unknown_key_title),
            tr!(locale, receipt_unknown_key_body),
        ),
        ReceiptCheck::Malformed => (
            "result-panel result-warning",
            "!",
            tr!(locale, receipt_malformed_title),
            tr!(locale, receipt_malformed_body),
        ),
    };
    let facts = match check {
        ReceiptCheck::Genuine(facts) => Some(view! { <ReceiptFactsList facts /> }),
        _ => None,
    };
    view! {
        <section class=class role="status" aria-labelledby="result-heading">
            <h2 id="result-heading">
                <span class="result-symbol" aria-hidden="true">{symbol}</span>" "{title}
            </h2>
            <p>{body}</p>
            {facts}
        </section>
    }
}
