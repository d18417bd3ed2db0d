//! The document shell (server only) and the routed application (server and client).

use crate::components::form::page_has_errors;
use crate::components::layout::{Footer, Header};
use crate::context::provide_page_context;
use crate::i18n::Locale;
use crate::pages::stats::{StaffStatsPage, StatsPage};
use crate::pages::{
    accessibility::AccessibilityPage, agency::AgencyPage, agency_calendar::AgencyCalendarPage,
    explanation::ExplanationPage, find::FindPage, home::HomePage, not_found::NotFoundPage,
    password::ChangePasswordPage, privacy::PrivacyPage, register::RegisterPage,
    register_edit::RegisterEditPage, register_entry::RegisterEntryPage, signin::SignInPage,
    staff_decisions::StaffDecisionsPage, staff_flags::StaffFlagsPage, staff_home::StaffHomePage,
};
use crate::pages::{
    admin_outbox::AdminOutboxPage, citizen_link::CitizenLinkPage,
    citizen_signin::CitizenSignInPage, confirm_address::ConfirmAddressPage, my_data::MyDataPage,
    my_home::MyHomePage,
};
use crate::pages::{
    appeal::AppealPage, appeal_receipt::AppealReceiptPage, challenge::ChallengePage,
    receipt_verify::ReceiptVerifyPage,
};
use crate::pages::{
    ombudsman::OmbudsmanPage, staff_appeal::StaffAppealPage, staff_appeals::StaffAppealsPage,
};
use crate::pages::{register_draft::RegisterDraftPage, staff_drafts::StaffDraftsPage};
use crate::pages::{
    signin_code::SignInCodePage, staff_accounts::StaffAccountsPage, two_factor::TwoFactorPage,
};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The whole HTML document. Runs on the server only; `<html lang>` and the
/// Content-Security-Policy (with this response's nonce) are decided here.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use crate::context::PageContext;
    use actix_web::HttpMessage;
    use leptos_meta::MetaTags;

    let locale = use_context::<leptos_actix::Request>()
        .and_then(|request| request.extensions().get::<PageContext>().map(|c| c.locale))
        .unwrap_or_default();
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Lets the page's own scripts (marked with this response's nonce) and the WebAssembly client run,
/// and nothing else.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use actix_web::http::header::{HeaderName, HeaderValue};

    let nonce = leptos::nonce::use_nonce()
        .map(|n| n.to_string())
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_actix::ResponseOptions>(),
        HeaderValue::from_str(&policy),
    ) {
        response.insert_header(HeaderName::from_static("content-security-policy"), value);
    }
}

/// The routed application. It runs on the server only: the browser hydrates just the islands.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let context = provide_page_context();

    view! {
        <Stylesheet id="redress-css" href="/style/redress.css" />
        <Title formatter=page_title(context.locale, page_has_errors(context.flash.as_ref())) />
        <Router>
            <a class="skip-link" href="#main">{tr!(context.locale, skip_to_content)}</a>
            <Header />
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/staff/signin") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/staff") view=StaffHomePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/signin/code") view=SignInCodePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/signin/two-factor") view=TwoFactorPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/password") view=ChangePasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/two-factor") view=TwoFactorPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/staff") view=StaffAccountsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/agencies/:slug") view=AgencyPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/agencies/:slug/calendar") view=AgencyCalendarPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/decisions") view=StaffDecisionsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/flags") view=StaffFlagsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/stats") view=StaffStatsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/appeals") view=StaffAppealsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/appeals/:reference") view=StaffAppealPage ssr=SsrMode::Async />
                    <Route path=path!("/ombudsman") view=OmbudsmanPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/register/:slug/edit") view=RegisterEditPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/register/:slug/quality") view=crate::pages::staff_quality::StaffQualityPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/register/drafts") view=StaffDraftsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/register/:slug/draft") view=RegisterDraftPage ssr=SsrMode::Async />
                    <Route path=path!("/find") view=FindPage ssr=SsrMode::Async />
                    <Route path=path!("/d/:reference") view=ExplanationPage ssr=SsrMode::Async />
                    <Route path=path!("/d/:reference/challenge") view=ChallengePage ssr=SsrMode::Async />
                    <Route path=path!("/appeals/:reference") view=AppealPage ssr=SsrMode::Async />
                    <Route path=path!("/appeals/:reference/receipt") view=AppealReceiptPage ssr=SsrMode::Async />
                    <Route path=path!("/receipts/verify") view=ReceiptVerifyPage ssr=SsrMode::Async />
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/register/:slug") view=RegisterEntryPage ssr=SsrMode::Async />
                    <Route path=path!("/stats") view=StatsPage ssr=SsrMode::Async />
                    <Route path=path!("/privacy") view=PrivacyPage />
                    <Route path=path!("/accessibility") view=AccessibilityPage />
                    <Route path=path!("/signin") view=CitizenSignInPage ssr=SsrMode::Async />
                    <Route path=path!("/signin/link") view=CitizenLinkPage ssr=SsrMode::Async />
                    <Route path=path!("/confirm") view=ConfirmAddressPage ssr=SsrMode::Async />
                    <Route path=path!("/me") view=MyHomePage ssr=SsrMode::Async />
                    <Route path=path!("/me/data") view=MyDataPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/outbox") view=AdminOutboxPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// The document title: the page's own title, then the service's name in the reader's language;
/// "Error: " first while the page shows a form error, so the first thing a screen reader says
/// after a failed post is that something needs fixing.
fn page_title(locale: Locale, has_errors: bool) -> impl Fn(String) -> String + Send + Sync {
    let service = tr!(locale, service_name);
    let prefix = if has_errors {
        tr!(locale, error_prefix)
    } else {
        ""
    };
    move |text: String| {
        if text.is_empty() {
            format!("{prefix}{service}")
        } else {
            format!("{prefix}{text} · {service}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::page_title;
    use crate::i18n::Locale;

    #[test]
    fn a_page_with_a_form_error_says_so_first_in_its_title_in_each_language() {
        assert_eq!(
            page_title(Locale::En, true)("Sign in".into()),
            "Error: Sign in · Redress: decisions explained"
        );
        assert!(page_title(Locale::Ru, true)("Вход".into()).starts_with("Ошибка: Вход · "));
        assert!(page_title(Locale::Kk, true)("Кіру".into()).starts_with("Қате: Кіру · "));
        assert_eq!(
            page_title(Locale::Ru, false)(String::new()),
            "Redress: разъяснение решений"
        );
        assert_eq!(
            page_title(Locale::Kk, false)("Кіру".into()),
            "Кіру · Redress: шешімдер түсіндірмесі"
        );
    }
}
