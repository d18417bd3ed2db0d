//! The page cache: whole responses of the public pages that show the same to every reader who
//! is not signed in, kept per address, query, language and data version, and sent again
//! without rendering. Rendering is most of a page's cost (the router, the reactive owner tree,
//! the suspense boundaries: docs/performance.md), and these pages change only when their data
//! does.
//!
//! What makes it safe (docs/performance.md, "The page cache"):
//! - only pages listed in [`cacheable`], only for GET, and only for a reader with no staff
//!   session, no citizen session or decision token and no flash message: a page that shows a
//!   name, an appeal or a notice is always rendered;
//! - the key holds everything such a page depends on: path, query, language, the version of its
//!   data read from the database before rendering (`services::page_versions`), and the count
//!   services bump after changes the database version does not show;
//! - per-response values are cut out of the kept copy and filled in for each response
//!   (`web::page_template`): a fresh CSP nonce, in the header and the page alike, and the
//!   reader's own CSRF token;
//! - the data version is read at most once per short window while nothing is written through
//!   this server (`web::recent_reads`): any request that may write ends the window at once;
//! - only a plain 200 HTML answer that sets no cookie is kept; cookies the outer middleware
//!   sets (the CSRF cookie of a first visit) are added to every response as before.

use crate::db::DbConnection;
use crate::services::explanations;
use crate::services::page_versions::{self, RegisterListVersion};
use crate::state::AppState;
use crate::web::page_template::{Fill, PageTemplate};
use crate::web::recent_reads::RecentReads;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpResponse};
use app::context::PageContext;
use app::i18n::Locale;
use app::port::{CitizenAccess, DecisionViewer};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Pages kept at most. The query is part of the key, so the number of keys is the readers'
/// choice; past this the cache starts again empty.
const MAX_PAGES: usize = 1_000;

/// A page larger than this is not kept.
const MAX_PAGE_BYTES: usize = 1 << 20;

const CONTENT_SECURITY_POLICY: &str = "content-security-policy";

/// What a cacheable page shows besides text fixed in the binary.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Depends {
    /// Nothing from the database: the page changes only with a new release.
    Nothing,
    /// The public register list (`services::register_browse::list`).
    RegisterList,
    /// The explanation of this decision as its citizen reads it
    /// (`services::explanations::for_viewer`), for the reader whose decision token opens it.
    Explanation(String),
}

/// The pages the cache keeps, with what their content depends on. A page belongs here only if,
/// for the readers [`reader`] lets through, it shows nothing but its address, query, language
/// and the data named. `/register/{slug}` is not here: it shows live decision counts and a form.
fn cacheable(path: &str) -> Option<Depends> {
    match path {
        "/" | "/privacy" => Some(Depends::Nothing),
        "/register" => Some(Depends::RegisterList),
        _ => {
            let reference = path.strip_prefix("/d/")?;
            (!reference.is_empty() && !reference.contains('/'))
                .then(|| Depends::Explanation(reference.to_string()))
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum DataVersion {
    Fixed,
    RegisterList(RegisterListVersion),
    /// The SHA-256 of everything the explanation page shows (`app::types::Explanation`: the
    /// decision, its agency and system, its appeals' states, whether it may still be
    /// challenged today), so any change to any of it is a new key.
    Explanation([u8; 32]),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    path: String,
    query: String,
    locale: Locale,
    data: DataVersion,
    changes: u64,
}

/// A kept response: its headers and body with the per-response values cut out.
struct Kept {
    headers: Vec<(HeaderName, PageTemplate)>,
    body: PageTemplate,
}

/// The kept pages of one server, and the recent reads that tell whether a kept page is current.
pub struct PageCache {
    pages: RwLock<HashMap<Key, Arc<Kept>>>,
    /// Each page's data version, read less than the window ago (`web::recent_reads`).
    versions: RecentReads<Depends, Option<DataVersion>>,
    /// Each decision's access code generation, which a decision token must match
    /// (`web::page_context`), read less than the window ago.
    pub(crate) code_generations: RecentReads<String, Option<String>>,
}

impl PageCache {
    /// An empty cache whose reads of the database stay current for `fresh_for`.
    pub fn new(fresh_for: std::time::Duration) -> Self {
        PageCache {
            pages: RwLock::default(),
            versions: RecentReads::new(fresh_for),
            code_generations: RecentReads::new(fresh_for),
        }
    }

    fn get(&self, key: &Key) -> Option<Arc<Kept>> {
        self.pages.read().ok()?.get(key).cloned()
    }

    fn put(&self, key: Key, kept: Kept) {
        let Ok(mut pages) = self.pages.write() else {
            return;
        };
        if pages.len() >= MAX_PAGES {
            pages.clear();
        }
        // Copies kept under an older version of the data are never asked for again.
        pages.retain(|old, _| {
            old.path != key.path || (old.changes == key.changes && old.data == key.data)
        });
        pages.insert(key, Arc::new(kept));
    }

    /// How many pages are kept (for tests and logs).
    pub fn len(&self) -> usize {
        self.pages.read().map(|pages| pages.len()).unwrap_or(0)
    }

    /// Whether no page is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The middleware. It runs inside `web::page_context`, which has put the reader's
/// [`PageContext`] into the request.
pub async fn serve(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if ![Method::GET, Method::HEAD, Method::OPTIONS].contains(req.method()) {
        // Whatever this request writes, the next read of any page's data must see it.
        let response = pass(req, next).await;
        page_versions::changed();
        return response;
    }
    let depends = match cacheable(req.path()) {
        Some(depends) if req.method() == Method::GET => depends,
        _ => return pass(req, next).await,
    };
    let (Some(cache), Some(state)) = (
        req.app_data::<web::Data<PageCache>>().cloned(),
        req.app_data::<web::Data<AppState>>().cloned(),
    ) else {
        return pass(req, next).await;
    };
    let Some((locale, csrf_token)) = reader(&req, &depends) else {
        return pass(req, next).await;
    };
    // Both versions are read before rendering: a change committed after this point gives a
    // new key, so a copy rendered from older data is never kept under a newer one.
    let changes = page_versions::changes();
    let data = match data_version(&state, &cache, depends).await {
        Ok(Some(data)) => data,
        Ok(None) => return pass(req, next).await,
        Err(error) => {
            tracing::warn!(%error, "page cache: cannot read the data version; rendering");
            return pass(req, next).await;
        }
    };
    let key = Key {
        path: req.path().to_string(),
        query: req.query_string().to_string(),
        locale,
        data,
        changes,
    };
    if let Some(kept) = cache.get(&key) {
        let response = respond(&kept, &csrf_token);
        return Ok(req.into_response(response));
    }
    let response = next.call(req).await?.map_into_boxed_body();
    keep(&cache, key, &csrf_token, response).await
}

async fn pass(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    next.call(req)
        .await
        .map(ServiceResponse::map_into_boxed_body)
}

/// The reader's language and CSRF token, if the page shows this reader what it shows every
/// such reader: no staff session or sign-in step, no citizen session, no flash message, and a
/// decision token only on the explanation it opens (elsewhere, none).
fn reader(req: &ServiceRequest, depends: &Depends) -> Option<(Locale, String)> {
    let extensions = req.extensions();
    let context = extensions.get::<PageContext>()?;
    let nobody_signed_in = context.staff.is_none()
        && context.flash.is_none()
        && extensions.get::<app::port::StaffPrincipal>().is_none()
        && extensions.get::<app::port::SignInStep>().is_none()
        && extensions.get::<app::port::CitizenEmail>().is_none();
    let token = extensions
        .get::<app::port::CitizenAccess>()
        .map(|access| access.reference.as_str());
    let token_fits = match depends {
        Depends::Explanation(reference) => {
            token == Some(reference.as_str())
                && context.citizen_reference.as_deref() == Some(reference.as_str())
        }
        Depends::Nothing | Depends::RegisterList => {
            token.is_none() && context.citizen_reference.is_none()
        }
    };
    (nobody_signed_in && token_fits).then(|| (context.locale, context.csrf_token.clone()))
}

/// The version of the page's data, or `None` when the page is not one to keep (a decision the
/// service does not show this reader).
async fn data_version(
    state: &AppState,
    cache: &PageCache,
    depends: Depends,
) -> anyhow::Result<Option<DataVersion>> {
    if let Some(version) = cache.versions.recent(&depends) {
        return Ok(version);
    }
    let start = cache.versions.start();
    let version = read_data_version(state, depends.clone()).await?;
    cache.versions.remember(depends, version, start);
    Ok(version)
}

async fn read_data_version(
    state: &AppState,
    depends: Depends,
) -> anyhow::Result<Option<DataVersion>> {
    match depends {
        Depends::Nothing => Ok(Some(DataVersion::Fixed)),
        Depends::RegisterList => {
            on_pool(state, |conn| {
                let version = page_versions::register_list(conn)?;
                Ok(Some(DataVersion::RegisterList(version)))
            })
            .await
        }
        Depends::Explanation(reference) => {
            on_pool(state, move |conn| {
                let viewer = DecisionViewer::Citizen(CitizenAccess {
                    reference: reference.clone(),
                });
                let Some(explanation) = explanations::for_viewer(conn, &viewer, &reference)? else {
                    return Ok(None);
                };
                let shown = serde_json::to_vec(&explanation)?;
                Ok(Some(DataVersion::Explanation(Sha256::digest(shown).into())))
            })
            .await
        }
    }
}

/// Runs `read` with a pooled connection on the blocking pool.
async fn on_pool<T: Send + 'static>(
    state: &AppState,
    read: impl FnOnce(&mut DbConnection) -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    let pool = state.pool.clone();
    web::block(move || {
        let mut conn = pool.get()?;
        read(&mut conn)
    })
    .await
    .map_err(|error| anyhow::anyhow!("{error}"))?
}

/// A kept page filled with a fresh nonce and the reader's token.
fn respond(kept: &Kept, csrf_token: &str) -> HttpResponse {
    let nonce = fresh_nonce();
    let fill = Fill {
        nonce: &nonce,
        csrf_token,
    };
    let mut response = HttpResponse::Ok();
    for (name, value) in &kept.headers {
        match HeaderValue::from_maybe_shared(value.fill(fill)) {
            Ok(value) => {
                response.append_header((name.clone(), value));
            }
            Err(error) => tracing::warn!(%error, %name, "page cache: a kept header is not valid"),
        }
    }
    response.body(kept.body.fill(fill))
}

/// Keeps `response` if it is a plain page every anonymous reader would get, and sends it on.
async fn keep(
    cache: &PageCache,
    key: Key,
    csrf_token: &str,
    response: ServiceResponse<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let plain_page = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && is_html(response.headers());
    if !plain_page {
        return Ok(response);
    }
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let bytes = actix_web::body::to_bytes(body)
        .await
        .map_err(actix_web::error::ErrorInternalServerError)?;
    let nonce = nonce_of(head.headers()).unwrap_or_default();
    let fill = Fill {
        nonce: &nonce,
        csrf_token,
    };
    let body = PageTemplate::cut(&bytes, fill);
    if body.size() <= MAX_PAGE_BYTES {
        let headers = head
            .headers()
            .iter()
            .map(|(name, value)| (name.clone(), PageTemplate::cut(value.as_bytes(), fill)))
            .collect();
        cache.put(key, Kept { headers, body });
    }
    Ok(ServiceResponse::new(
        request,
        head.set_body(BoxBody::new(bytes)),
    ))
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

/// The nonce of the response's Content-Security-Policy (`'nonce-…'`, set by `app::app::shell`).
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers.get(CONTENT_SECURITY_POLICY)?.to_str().ok()?;
    let rest = policy.split("'nonce-").nth(1)?;
    let nonce = rest.split('\'').next()?;
    (!nonce.is_empty()).then(|| nonce.to_string())
}

/// 128 random bits, as Leptos makes its nonces.
fn fresh_nonce() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_pages_are_kept() {
        assert_eq!(cacheable("/privacy"), Some(Depends::Nothing));
        assert_eq!(cacheable("/register"), Some(Depends::RegisterList));
        assert_eq!(
            cacheable("/d/RD-1"),
            Some(Depends::Explanation("RD-1".into()))
        );
        for path in [
            "/register/housing",
            "/d/RD-1/challenge",
            "/d/",
            "/find",
            "/me",
            "/staff",
            "/stats",
        ] {
            assert_eq!(cacheable(path), None, "{path}");
        }
    }

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static(CONTENT_SECURITY_POLICY),
            HeaderValue::from_static("script-src 'self' 'nonce-AbC_1-x' 'wasm-unsafe-eval'"),
        );
        assert_eq!(nonce_of(&headers).as_deref(), Some("AbC_1-x"));
        assert_eq!(nonce_of(&HeaderMap::new()), None);
        assert_ne!(fresh_nonce(), fresh_nonce());
        assert_eq!(fresh_nonce().len(), 22);
    }
}
