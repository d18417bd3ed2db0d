//! `/staff/flags`: errors the public reported in the agency's register entries, for supervisors.

use crate::api::load_register_flags;
use crate::context::use_page_context;
use crate::pages::staff_home::load_error;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// The register error reports page.
#[component]
pub fn StaffFlagsPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let flags = Resource::new_blocking(|| (), |_| load_register_flags());
    view! {
        <Title text=tr!(locale, flags_title) />
        <h1>{tr!(locale, flags_title)}</h1>
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match flags.await {
                    Ok(flags) if flags.is_empty() => view! { <p>{tr!(locale, flags_none)}</p> }.into_any(),
                    Ok(flags) => view! {
                        <div class="table-wrap">
                            <table class="data-table">
                                <thead><tr>
                                    <th scope="col">{tr!(locale, flags_reported)}</th>
                                    <th scope="col">{tr!(locale, system_name)}</th>
                                    <th scope="col">{tr!(locale, flag_message)}</th>
                                    <th scope="col">{tr!(locale, flags_contact)}</th>
                                </tr></thead>
                                <tbody>
                                    {flags.into_iter().map(|f| {
                                        let href = format!("/register/{}?version={}", f.system_slug, f.version);
                                        view! {
                                            <tr>
                                                <td>{f.reported_at}</td>
                                                <td><a href=href>{format!("{} v{}", f.system_slug, f.version)}</a></td>
                                                <td class="message">{f.message}</td>
                                                <td>{f.contact_email.unwrap_or_default()}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(error) => load_error(locale, error),
                }
            })}
        </Suspense>
    }
}
