//! The HTTP status of a page whose data did not load, and what the citizen's pages say then:
//! the same "find your decision first" for every page behind the access code.

use crate::api::AppError;
use crate::i18n::Locale;
use crate::pages::staff_home::load_error;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the response's status while the server renders the page.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_actix::ResponseOptions>(),
        actix_web::http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// What a citizen's page shows when its data did not load: the decision is locked until it is
/// opened with its access code (401), or there is no such record (404), or a failure.
pub fn citizen_load_error(locale: Locale, error: AppError) -> AnyView {
    match error {
        AppError::NotSignedIn => {
            set_status(401);
            view! {
                <Title text=tr!(locale, find_title) />
                <h1>{tr!(locale, explanation_locked_title)}</h1>
                <p>{tr!(locale, explanation_locked_body)}</p>
                <p><a class="button" href="/find">{tr!(locale, find_title)}</a></p>
            }
            .into_any()
        }
        error => {
            if error == AppError::NotFound {
                set_status(404);
            }
            load_error(locale, error)
        }
    }
}
