//! What a filing receipt states, and how anyone can check it: shared by the printable receipt
//! and the receipt check page.

use crate::context::use_locale;
use crate::i18n::appeal_labels::{ground, timestamp};
use crate::tr;
use crate::types::ReceiptFacts;
use leptos::prelude::*;

/// The receipt's facts as a list of terms.
#[component]
pub fn ReceiptFactsList(facts: ReceiptFacts) -> impl IntoView {
    let locale = use_locale();
    let f = facts;
    let attachments = if f.attachments.is_empty() {
        view! { <dd>{tr!(locale, receipt_no_attachments)}</dd> }.into_any()
    } else {
        view! {
            <dd>
                <ul class="hash-list">
                    {f.attachments.into_iter().map(|(name, sha)| view! {
                        <li><span class="file-name">{name}</span><br /><code class="hash">{sha}</code></li>
                    }).collect_view()}
                </ul>
            </dd>
        }
        .into_any()
    };
    view! {
        <dl class="facts">
            <dt>{tr!(locale, receipt_appeal)}</dt>
            <dd><span class="reference-inline">{f.appeal}</span></dd>
            <dt>{tr!(locale, receipt_decision)}</dt>
            <dd><span class="reference-inline">{f.decision}</span></dd>
            <dt>{tr!(locale, receipt_filed_at)}</dt>
            <dd>{timestamp(locale, &f.filed_at)}</dd>
            <dt>{tr!(locale, receipt_grounds)}</dt>
            <dd>
                <ul class="plain-list">
                    {f.grounds.into_iter().map(|g| view! { <li>{ground(locale, g)}</li> }).collect_view()}
                </ul>
            </dd>
            <dt>{tr!(locale, receipt_statement_sha256)}</dt>
            <dd><code class="hash">{f.statement_sha256}</code></dd>
            <dt>{tr!(locale, receipt_attachments)}</dt>
            {attachments}
        </dl>
    }
}

/// How to check a receipt without trusting this page: the published key and the check page.
#[component]
pub fn HowToVerify() -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="how-to-verify" aria-labelledby="how-to-verify-heading">
            <h2 id="how-to-verify-heading">{tr!(locale, receipt_how_title)}</h2>
            <p>{tr!(locale, receipt_how_body)}</p>
            <ul>
                <li>
                    {tr!(locale, receipt_how_page)}" "
                    <a href="/receipts/verify">"/receipts/verify"</a>
                </li>
                <li>
                    {tr!(locale, receipt_how_key)}" "
                    <a href="/.well-known/redress-receipt-key"><code>"/.well-known/redress-receipt-key"</code></a>
                </li>
                <li>{tr!(locale, receipt_how_hash)}" "<code>"sha256sum"</code></li>
            </ul>
        </section>
    }
}
