//! The "previous / page X of Y / next" links under a paged list. The links are plain links
//! that keep the reader's filters, so paging works without JavaScript.

use crate::context::use_page_context;
use crate::tr;
use leptos::prelude::*;

/// Where a paged list stands: the page shown (from 1), the page size and the matching total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PagePosition {
    pub page: u32,
    pub page_size: u32,
    pub total: i64,
}

impl PagePosition {
    /// How many pages the total fills (at least one, so "page 1 of 1" for an empty list).
    pub fn pages(&self) -> i64 {
        let size = i64::from(self.page_size.max(1));
        ((self.total + size - 1) / size).max(1)
    }
}

/// `path?{filters}&page=N`, with the filters' non-empty values form-encoded in the order given.
pub fn page_href(path: &str, filters: &[(&str, &str)], page: u32) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in filters {
        if !value.is_empty() {
            query.append_pair(name, value);
        }
    }
    query.append_pair("page", &page.to_string());
    format!("{path}?{}", query.finish())
}

/// The pager; renders nothing when everything fits on one page. `href` builds a page's link.
#[component]
pub fn Pager(position: PagePosition, href: impl Fn(u32) -> String + 'static) -> impl IntoView {
    let locale = use_page_context().locale;
    let pages = position.pages();
    let page = position.page;
    (pages > 1).then(|| {
        let previous = (page > 1).then(|| href(page - 1));
        let next = (i64::from(page) < pages).then(|| href(page + 1));
        view! {
            <nav class="pager" aria-label=tr!(locale, pager_label)>
                {previous.map(|href| view! { <a href=href rel="prev">{tr!(locale, pager_previous)}</a> })}
                <span>{tr!(locale, pager_position, page = page.to_string(), pages = pages.to_string())}</span>
                {next.map(|href| view! { <a href=href rel="next">{tr!(locale, pager_next)}</a> })}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_whole_pages() {
        let at = |total| {
            PagePosition {
                page: 1,
                page_size: 20,
                total,
            }
            .pages()
        };
        assert_eq!(at(0), 1);
        assert_eq!(at(20), 1);
        assert_eq!(at(21), 2);
        assert_eq!(at(100), 5);
    }

    #[test]
    fn links_keep_filters_encoded_and_drop_empty_ones() {
        let href = page_href(
            "/staff/decisions",
            &[
                ("reference", "RD 1&2#x%"),
                ("system", ""),
                ("outcome", "denied"),
            ],
            3,
        );
        assert_eq!(
            href,
            "/staff/decisions?reference=RD+1%262%23x%25&outcome=denied&page=3"
        );
    }
}
