//! What the page rendering tests share: rendering a view to HTML with a page context, and small
//! builders of sample data.

use crate::context::PageContext;
use crate::i18n::{Locale, LocalizedText};
use crate::types::{CalendarDate, Flash};
use leptos::prelude::*;

/// The HTML `view` renders with `context` provided.
pub fn render(context: PageContext, view: impl FnOnce() -> AnyView) -> String {
    Owner::new().with(|| {
        provide_context(context);
        leptos_meta::provide_meta_context();
        view().to_html()
    })
}

/// A visitor's page context in `locale`, with `flash` from the last post.
pub fn context(locale: Locale, flash: Option<Flash>) -> PageContext {
    PageContext {
        locale,
        csrf_token: "csrf-123".into(),
        flash,
        ..PageContext::default()
    }
}

/// The same words in English and Russian.
pub fn text(s: &str) -> LocalizedText {
    LocalizedText::from_pairs([(Locale::En, s), (Locale::Ru, s)])
}

pub fn date(year: i32, month: u32, day: u32) -> CalendarDate {
    CalendarDate { year, month, day }
}
