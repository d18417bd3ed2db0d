//! What every handler shares: the pool, the settings and the keys.

use crate::auth::api_token::ApiTokens;
use crate::auth::session_token::SessionTokens;
use crate::config::Settings;
use crate::db::DbPool;
use crate::secrets::Keys;
use app::i18n::Locale;

/// Shared application state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub settings: Settings,
    pub keys: Keys,
    pub session_tokens: SessionTokens,
    /// The token between a staff member's password and their one-time code.
    pub step_tokens: crate::auth::signin_step::StepTokens,
    pub api_tokens: ApiTokens,
    pub citizen_tokens: crate::auth::citizen_token::CitizenTokens,
    /// Sessions of citizens signed in by email.
    pub citizen_sessions: crate::auth::citizen_session::CitizenSessions,
    pub receipts: std::sync::Arc<crate::auth::receipt::ReceiptSigner>,
    /// Where evidence files are kept.
    pub blobs: std::sync::Arc<dyn crate::blobs::BlobStore>,
    pub default_locale: Locale,
    /// The proxies whose forwarding headers name the client (`trusted_proxies`).
    pub trusted_proxies: crate::web::client_address::TrustedProxies,
}
