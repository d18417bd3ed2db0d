//! Where messages go: an SMTP server (production), a folder of `.eml` files (the embedded
//! default), or the process's memory (tests). Chosen by `mail.transport`.

use super::settings::{MailSettings, SmtpTls, TransportKind};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport as _};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Why a message was not handed over.
#[derive(Debug)]
pub struct SendError {
    pub message: String,
    /// The server refused for good (a 5xx reply): trying again will not help.
    pub permanent: bool,
}

/// A message the memory transport kept.
#[derive(Debug, Clone)]
pub struct KeptMail {
    pub to: String,
    /// The whole message as it would go on the wire.
    pub raw: String,
}

/// The memory transport's messages, shared with whoever holds a clone (the tests).
#[derive(Debug, Clone, Default)]
pub struct MemoryMailbox(Arc<Mutex<Vec<KeptMail>>>);

impl MemoryMailbox {
    /// Every message kept so far.
    pub fn messages(&self) -> Vec<KeptMail> {
        self.0.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

/// A configured transport.
pub enum Transport {
    Smtp(Box<SmtpTransport>),
    Folder(PathBuf),
    Memory(MemoryMailbox),
}

impl Transport {
    /// The transport `settings` choose (`folder` is the full path already).
    pub fn open(settings: &MailSettings) -> anyhow::Result<Transport> {
        Ok(match settings.transport {
            TransportKind::Smtp => Transport::Smtp(Box::new(smtp(settings)?)),
            TransportKind::Folder => {
                std::fs::create_dir_all(&settings.folder).map_err(|e| {
                    anyhow::anyhow!(
                        "cannot create mail.folder {}: {e}",
                        settings.folder.display()
                    )
                })?;
                Transport::Folder(settings.folder.clone())
            }
            TransportKind::Memory => Transport::Memory(MemoryMailbox::default()),
        })
    }

    /// The memory transport's mailbox, if this is it.
    pub fn mailbox(&self) -> Option<MemoryMailbox> {
        match self {
            Transport::Memory(mailbox) => Some(mailbox.clone()),
            _ => None,
        }
    }

    /// Hands `message` over. `file_stem` names the folder transport's file: the same message
    /// sent twice overwrites its own file.
    pub fn send(&self, message: &Message, file_stem: &str) -> Result<(), SendError> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message).map(|_| ()).map_err(|e| SendError {
                permanent: e.is_permanent(),
                message: e.to_string(),
            }),
            Transport::Folder(folder) => write_file(folder, file_stem, &message.formatted()),
            Transport::Memory(mailbox) => {
                let to = message
                    .envelope()
                    .to()
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                let raw = String::from_utf8_lossy(&message.formatted()).to_string();
                if let Ok(mut kept) = mailbox.0.lock() {
                    kept.push(KeptMail { to, raw });
                }
                Ok(())
            }
        }
    }
}

fn smtp(settings: &MailSettings) -> anyhow::Result<SmtpTransport> {
    let host = settings.smtp_host.as_str();
    let tls = match settings.smtp_tls {
        SmtpTls::None => Tls::None,
        SmtpTls::Starttls => Tls::Required(TlsParameters::new(host.to_string())?),
        SmtpTls::Tls => Tls::Wrapper(TlsParameters::new(host.to_string())?),
    };
    let mut builder = SmtpTransport::builder_dangerous(host)
        .port(settings.smtp_port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(settings.smtp_timeout_secs)));
    if let Some(username) = settings.smtp_username.as_ref().filter(|u| !u.is_empty()) {
        let password = settings.smtp_password()?.unwrap_or_default();
        builder = builder.credentials(Credentials::new(username.clone(), password));
    }
    Ok(builder.build())
}

/// Writes the file under a temporary name first, so a reader never sees half a message.
fn write_file(folder: &std::path::Path, stem: &str, bytes: &[u8]) -> Result<(), SendError> {
    let failed = |e: std::io::Error| SendError {
        message: format!("cannot write to {}: {e}", folder.display()),
        permanent: false,
    };
    let partial = folder.join(format!(".{stem}.partial"));
    std::fs::write(&partial, bytes).map_err(failed)?;
    std::fs::rename(&partial, folder.join(format!("{stem}.eml"))).map_err(failed)
}
