//! The header (product name, language switch, navigation) and footer of every page.

use crate::components::form::CsrfField;
use crate::context::use_page_context;
use crate::i18n::Locale;
use crate::tr;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Product name, language switch and the navigation to pages that exist.
#[component]
pub fn Header() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let staff = context.staff.clone();
    // `class` goes on each item: `wide-only` in the main list, none in the phone's menu.
    let staff_links = move |class: &'static str| {
        staff.clone().map(|staff| {
            view! {
                <li class=class><a href="/staff">{tr!(locale, nav_staff_home)}</a></li>
                {if staff.role == crate::types::Role::Ombudsman {
                    view! { <li class=class><a href="/ombudsman">{tr!(locale, ombudsman_nav)}</a></li> }.into_any()
                } else {
                    view! { <li class=class><a href="/staff/appeals">{tr!(locale, staff_appeal_nav)}</a></li> }.into_any()
                }}
                <li class=class><a href="/staff/decisions">{tr!(locale, nav_staff_decisions)}</a></li>
                {(staff.role != crate::types::Role::Reviewer).then(|| view! { <li class=class><a href="/staff/flags">{tr!(locale, nav_staff_flags)}</a></li> })}
                {(staff.role == crate::types::Role::Supervisor).then(|| view! { <li class=class><a href="/staff/register/drafts">{tr!(locale, nav_staff_drafts)}</a></li> })}
                <li class=class><a href="/staff/password">{tr!(locale, nav_change_password)}</a></li>
                <li class=format!("nav-user {class}")>
                    <span class="nav-user-name">{staff.display_name}</span>
                    <form method="post" action="/staff/signout" class="inline-form">
                        <CsrfField />
                        <button type="submit" class="link-button">{tr!(locale, sign_out)}</button>
                    </form>
                </li>
            }
        })
    };
    let signed_in_staff = context.staff.is_some();
    let visitor_link = match signed_in_staff {
        true => None,
        // Visitors see one sign-in link, to the citizen's email sign-in (whose page leads staff
        // to theirs); a citizen signed in by email sees the way back to their decisions.
        false if citizen_signed_in() => {
            Some(view! { <li><a href="/me">{tr!(locale, nav_my_decisions)}</a></li> }.into_any())
        }
        false => Some(view! { <li><a href="/signin">{tr!(locale, sign_in)}</a></li> }.into_any()),
    };
    // Staff have a dozen links: on a phone they fold into a menu that opens without
    // JavaScript, so the page starts on the first screen. Only one of the two lists is shown
    // at any width (`display: none` also takes the other out of what screen readers read).
    let staff_menu = signed_in_staff.then(|| {
        let links = staff_links.clone();
        view! {
            <details class="staff-menu narrow-only">
                <summary>{tr!(locale, nav_staff_menu)}</summary>
                <ul>{links("")}</ul>
            </details>
        }
    });
    view! {
        <header class="site-header">
            <div class="header-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"R"</span>
                    <span class="brand-text">
                        <span class="brand-name">"Redress"</span>
                        <span class="brand-tagline">{tr!(locale, tagline)}</span>
                    </span>
                </a>
                <LanguageSwitch current=locale />
            </div>
            <nav class="site-nav" aria-label=tr!(locale, nav_label)>
                <ul>
                    <li><a href="/">{tr!(locale, nav_home)}</a></li>
                    <li><a href="/find">{tr!(locale, nav_find)}</a></li>
                    <li><a href="/register">{tr!(locale, nav_register)}</a></li>
                    <li><a href="/stats">{tr!(locale, nav_stats)}</a></li>
                    {visitor_link}
                    {staff_links("wide-only")}
                </ul>
                {staff_menu}
            </nav>
        </header>
    }
}

/// Whether this request carries a citizen's email session.
fn citizen_signed_in() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::port::citizen_email().is_some()
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// Links to the same page in each language; the server keeps the choice in a cookie.
/// `rel="external"` makes the hydrated router leave them to the browser, so the server
/// renders the page again in the new language.
#[component]
fn LanguageSwitch(current: Locale) -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    // The rest of the query stays (the server drops only `lang` when it redirects), so a
    // sign-in link's token or a list's filters survive the switch.
    let kept: Vec<(String, String)> = form_urlencoded::parse(
        location
            .search
            .get_untracked()
            .trim_start_matches('?')
            .as_bytes(),
    )
    .filter(|(key, _)| key != "lang")
    .map(|(key, value)| (key.into_owned(), value.into_owned()))
    .collect();
    view! {
        <nav class="language-switch" aria-label=tr!(current, language_switch_label)>
            <ul>
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        let href = format!(
                            "{path}?{}",
                            form_urlencoded::Serializer::new(String::new())
                                .extend_pairs(kept.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                                .append_pair("lang", locale.code())
                                .finish()
                        );
                        let is_current = locale == current;
                        view! {
                            <li>
                                <a
                                    href=href
                                    lang=locale.code()
                                    hreflang=locale.code()
                                    aria-current=is_current.then_some("true")
                                    rel="alternate external"
                                >
                                    {locale.native_name()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// What the service is and who runs it.
#[component]
pub fn Footer() -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <footer class="site-footer">
            <div class="footer-inner">
                <p>{tr!(locale, footer_about)}</p>
                <ul class="footer-links">
                    <li><a href="/privacy">{tr!(locale, nav_privacy)}</a></li>
                    <li><a href="/accessibility">{tr!(locale, nav_accessibility)}</a></li>
                    <li><a href="/register">{tr!(locale, nav_register)}</a></li>
                    <li><a href="/stats">{tr!(locale, nav_stats)}</a></li>
                    <li><a href="/api/v1/openapi.json">{tr!(locale, nav_api)}</a></li>
                </ul>
                <p class="footer-small">{tr!(locale, footer_law)}</p>
            </div>
        </footer>
    }
}
