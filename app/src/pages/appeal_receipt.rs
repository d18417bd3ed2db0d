//! `/appeals/{reference}/receipt`: the filing receipt on one clean page to print or save as a
//! PDF (a citizen may need to show it to a lawyer or a court): what was filed and when, as the
//! signed receipt states it, the receipt itself, and how anyone can check it.

use crate::api::{check_receipt, load_appeal};
use crate::components::receipt::{HowToVerify, ReceiptFactsList};
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::pages::status::citizen_load_error;
use crate::tr;
use crate::types::{AppealView, ReceiptCheck};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The printable receipt page.
#[component]
pub fn AppealReceiptPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let params = use_params_map();
    let appeal = Resource::new_blocking(
        move || params.read().get("reference").unwrap_or_default(),
        load_appeal,
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match appeal.await {
                    Ok(appeal) => {
                        // The facts are read from the signed receipt itself, checked by the
                        // portal's key, so the page shows what the receipt proves.
                        let check = match appeal.receipt.clone() {
                            Some(jws) => check_receipt(jws).await.ok(),
                            None => None,
                        };
                        view! { <ReceiptDocument appeal check /> }.into_any()
                    }
                    Err(error) => citizen_load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

#[component]
pub(crate) fn ReceiptDocument(appeal: AppealView, check: Option<ReceiptCheck>) -> impl IntoView {
    let locale = use_page_context().locale;
    let a = appeal;
    let back = format!("/appeals/{}", a.reference);
    let title = format!("{} · {}", tr!(locale, receipt_print_title), a.reference);
    let facts = match (check, a.receipt.is_some()) {
        (Some(ReceiptCheck::Genuine(facts)), _) => view! {
            <p class="receipt-verified">
                <span aria-hidden="true">"✓ "</span>{tr!(locale, receipt_print_verified)}
            </p>
            <ReceiptFactsList facts />
        }
        .into_any(),
        (_, true) => {
            view! { <p class="notice notice-warning">{tr!(locale, receipt_print_unchecked)}</p> }
                .into_any()
        }
        (_, false) => {
            view! { <p class="notice notice-warning">{tr!(locale, receipt_print_missing)}</p> }
                .into_any()
        }
    };
    view! {
        <Title text=title />
        <article class="receipt-document">
            <p class="back no-print"><a href=back>{tr!(locale, receipt_print_back)}</a></p>
            <p class="caption">"Redress · "<AgencyText text=a.agency_name /></p>
            <h1>{tr!(locale, receipt_print_title)}</h1>
            <p class="reference reference-large">{a.reference.clone()}</p>
            <p class="lead">{tr!(locale, receipt_print_intro)}</p>
            {facts}
            {a.receipt.map(|jws| view! {
                <section aria-labelledby="jws-heading">
                    <h2 id="jws-heading">{tr!(locale, appeal_receipt_label)}</h2>
                    <pre class="jws">{jws}</pre>
                </section>
            })}
            <HowToVerify />
            <p class="hint no-print">{tr!(locale, receipt_print_how_to_print)}</p>
        </article>
    }
}
