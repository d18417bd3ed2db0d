//! `redress serve`.

use crate::config::Settings;
use crate::startup::Application;

/// Serves until stopped.
pub fn run(settings: Settings) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let bind = settings.bind.clone();
        let application = Application::build(settings).await?;
        tracing::info!(%bind, port = application.port(), "Redress is serving");
        application.run_until_stopped().await?;
        Ok(())
    })
}
