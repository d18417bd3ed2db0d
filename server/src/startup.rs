//! Building the application and running it until stopped. Tests bind port 0.

use crate::auth::session_token::SessionTokens;
use crate::config::Settings;
use crate::db;
use crate::portal::DbPortal;
use crate::secrets::Keys;
use crate::state::AppState;
use crate::web::{
    assets, citizen, evidence, forms, health, page_cache, page_context, receipt_key,
    security_headers, stats_export, style,
};
use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpServer};
use app::app::{shell, App as LeptosApp};
use app::i18n::Locale;
use app::port::SharedPortal;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_actix::{generate_route_list, LeptosRoutes};
use std::net::TcpListener;
use std::sync::Arc;
use tracing_actix_web::TracingLogger;

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
    mailbox: Option<crate::mail::transport::MemoryMailbox>,
    /// Set to end the background mail worker (a test's server outlives nothing).
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl Application {
    /// Connects and migrates the database, binds the address, and builds the server.
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        settings.check_transport()?;
        let pool = db::connect(&settings.database_url, settings.database_pool_size)?;
        {
            let mut conn = pool.get()?;
            let applied = db::run_migrations(&mut conn)?;
            if applied > 0 {
                tracing::info!(applied, "database migrated");
            }
            crate::services::stats::upkeep::catch_up_after_migrations(&mut conn, applied)?;
        }
        let keys = {
            let mut conn = pool.get()?;
            let keys = Keys::load(&settings.signing_secret()?, &mut conn)?;
            crate::keys::registry::register(&mut conn, &keys)?;
            keys
        };
        let session_tokens = SessionTokens::new(
            keys.clone(),
            settings.session.lifetime_minutes * 60,
            settings.session.idle_minutes * 60,
        );
        let default_locale = Locale::parse(&settings.default_language).unwrap_or_default();
        let api_tokens = crate::auth::api_token::ApiTokens::new(keys.clone());
        let citizen_tokens = crate::auth::citizen_token::CitizenTokens::new(keys.clone());
        let citizen_sessions = crate::auth::citizen_session::CitizenSessions::new(keys.clone());
        let mail = settings.mail_settings();
        let transport = Arc::new(crate::mail::transport::Transport::open(&mail)?);
        let receipts = Arc::new(crate::auth::receipt::ReceiptSigner::from_seed(
            &keys.receipt_seed(),
        )?);
        let blobs = crate::blobs::open(&settings.blob_settings())?;
        let trusted_proxies = crate::web::client_address::TrustedProxies::parse(
            &settings.trusted_proxies,
            settings.forwarded_header,
        )?;
        let step_tokens = crate::auth::signin_step::StepTokens::new(keys.clone());
        let state = AppState {
            step_tokens,
            trusted_proxies,
            citizen_tokens,
            citizen_sessions,
            receipts,
            blobs,
            api_tokens,
            pool,
            settings,
            keys,
            session_tokens,
            default_locale,
        };
        let listener = TcpListener::bind(&state.settings.bind)?;
        let port = listener.local_addr()?.port();
        crate::housekeeping::spawn(state.pool.clone(), state.keys.clone());
        crate::housekeeping::spawn_purge(
            state.pool.clone(),
            state.blobs.clone(),
            state.settings.retention.clone(),
        );
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        crate::keys::refresher::spawn(
            state.pool.clone(),
            state.keys.clone(),
            std::time::Duration::from_secs(state.settings.secrets.key_ring_refresh_seconds.max(1)),
            stop.clone(),
        );
        if mail.worker {
            crate::mail::worker::Worker::new(
                state.pool.clone(),
                transport.clone(),
                mail,
                state.settings.public_url(),
            )
            .spawn(stop.clone())?;
        }
        let mailbox = transport.mailbox();
        let server = run(listener, state)?;
        Ok(Application {
            port,
            server,
            mailbox,
            stop,
        })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The memory transport's mailbox, when `mail.transport` is `memory` (tests).
    pub fn mailbox(&self) -> Option<crate::mail::transport::MemoryMailbox> {
        self.mailbox.clone()
    }

    /// The flag that ends the background mail worker when set.
    pub fn stop_flag(&self) -> Arc<std::sync::atomic::AtomicBool> {
        self.stop.clone()
    }

    /// Serves until the process is stopped.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn leptos_options(settings: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("redress")
        .site_root(settings.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .build()
}

/// The paths of every page the portal renders (`/d/:reference` …), for the checks that run
/// over every route.
pub fn page_paths() -> Vec<String> {
    generate_route_list(LeptosApp)
        .iter()
        .map(|route| route.path().to_string())
        .collect()
}

fn run(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let options = leptos_options(&state.settings);
    let routes = generate_route_list(LeptosApp);
    let portal: SharedPortal = Arc::new(DbPortal::new(
        state.pool.clone(),
        state.receipts.clone(),
        (
            state.settings.evidence.max_files,
            state.settings.evidence.max_bytes / (1024 * 1024),
        ),
        state.settings.stats.clone(),
        crate::portal::TwoFactorContext {
            keys: state.keys.clone(),
            settings: state.settings.two_factor.clone(),
        },
    ));
    let pkg_dir = web::Data::new(assets::PkgDir(state.settings.site_root.join("pkg")));
    let state = web::Data::new(state);
    let page_cache = web::Data::new(page_cache::PageCache::new(
        std::time::Duration::from_millis(state.settings.page_cache.fresh_for_millis),
    ));
    let server = HttpServer::new(move || {
        let context = {
            let portal = portal.clone();
            move || provide_context(portal.clone())
        };
        let page_shell = {
            let options = options.clone();
            move || shell(options.clone())
        };
        App::new()
            .app_data(state.clone())
            .app_data(pkg_dir.clone())
            .app_data(page_cache.clone())
            .app_data(web::FormConfig::default().limit(64 * 1024))
            .wrap(from_fn(page_cache::serve))
            .wrap(from_fn(crate::web::same_origin::check))
            .wrap(from_fn(page_context::page_context))
            .wrap(from_fn(security_headers::html_charset))
            .wrap(from_fn(security_headers::no_store_when_personal))
            .wrap(security_headers::default_headers(
                state.settings.cookies_secure(),
            ))
            .wrap(Compress::default())
            .wrap(TracingLogger::default())
            .configure(crate::api::configure)
            .route("/healthz", web::get().to(health::healthz))
            .route("/readyz", web::get().to(health::readyz))
            .route(
                "/.well-known/redress-receipt-key",
                web::get().to(receipt_key::published_key),
            )
            .route(
                "/appeals/{reference}/evidence/{id}",
                web::get().to(evidence::download),
            )
            .route(
                "/me/decisions/{reference}",
                web::get().to(citizen::decision),
            )
            .route("/me/appeals/{reference}", web::get().to(citizen::appeal))
            .route("/me/data.json", web::get().to(citizen::data_export))
            .route("/stats/export/{file}", web::get().to(stats_export::public))
            .route(
                "/staff/stats/export/{file}",
                web::get().to(stats_export::staff),
            )
            .route("/style/redress.css", web::get().to(style::stylesheet))
            .route("/favicon.svg", web::get().to(style::icon))
            .route("/favicon.ico", web::get().to(style::icon))
            .route("/pkg/{file:.*}", web::get().to(assets::pkg_file))
            .configure(forms::configure)
            .leptos_routes_with_context(routes.clone(), context.clone(), page_shell.clone())
            .default_service(leptos_actix::render_app_to_stream_with_context(
                context,
                page_shell,
                leptos_router::Method::Get,
            ))
    })
    .listen(listener)?
    .run();
    Ok(server)
}
