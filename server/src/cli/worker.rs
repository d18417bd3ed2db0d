//! `redress worker`: the delivery worker as a process of its own. It stops cleanly on Ctrl-C
//! or SIGTERM after the message in hand; killed harder, the messages it had claimed go to
//! another worker once their lease ends.

use crate::config::Settings;
use crate::mail::transport::Transport;
use crate::mail::worker::Worker;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Sends until stopped.
pub fn run(settings: &Settings) -> anyhow::Result<()> {
    let mail = settings.mail_settings();
    let pool = crate::db::connect(&settings.database_url, 2)?;
    crate::db::run_migrations(&mut *pool.get()?)?;
    let transport = Arc::new(Transport::open(&mail)?);
    let worker = Worker::new(pool, transport, mail.clone(), settings.public_url());
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        ctrlc_stop(move || stop.store(true, Ordering::Relaxed))?;
    }
    tracing::info!(worker = worker.id(), transport = ?mail.transport, "mail worker started");
    worker.run_until(&stop);
    tracing::info!("mail worker stopped");
    Ok(())
}

/// Calls `stop` on SIGINT or SIGTERM.
fn ctrlc_stop(stop: impl Fn() + Send + 'static) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            runtime.block_on(async {
                let mut term =
                    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                    {
                        Ok(term) => term,
                        Err(error) => {
                            tracing::warn!(%error, "cannot listen for SIGTERM");
                            return;
                        }
                    };
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
                stop();
            })
        })?;
    Ok(())
}
