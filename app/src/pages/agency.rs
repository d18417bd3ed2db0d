//! `/staff/agencies/{slug}`: one agency, for those who may see it; 404 for everyone else.

use crate::api::{load_staff_agency, AppError};
use crate::context::{use_locale, use_page_context};
use crate::pages::not_found::set_not_found_status;
use crate::pages::staff_home::{load_error, AgencySection};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The agency page.
#[component]
pub fn AgencyPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let agency = Resource::new_blocking(
        move || params.read().get("slug").unwrap_or_default(),
        load_staff_agency,
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match agency.await {
                    Ok(agency) => view! {
                        <Title text=tr!(locale, agency_title) />
                        <p><a href="/staff">{tr!(locale, back_staff_home)}</a></p>
                        <h1 class="visually-hidden">{tr!(locale, agency_title)}</h1>
                        {use_page_context().staff.filter(|s| s.role == crate::types::Role::Admin).map(|_| view! {
                            <p><a href=format!("/staff/agencies/{}/calendar", agency.slug)>{tr!(locale, calendar_link)}</a></p>
                        })}
                        <AgencySection agency linked=false />
                    }.into_any(),
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
