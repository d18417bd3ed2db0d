//! Reading a `multipart/form-data` post (the challenge form with its evidence files) with
//! limits enforced while the body streams in: a text field past its limit or a file past the
//! per-file limit stops being buffered, so an oversized upload never fills memory.

use actix_multipart::Multipart;
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;

/// The most a text field may hold (the longest statement, in UTF-8, with room).
const TEXT_FIELD_MAX_BYTES: usize = 64 * 1024;
/// How many fields a form may carry (text and files together).
const MAX_FIELDS: usize = 400;

/// An uploaded file as received. `truncated` when it went past the per-file limit; its bytes
/// are then incomplete and only good for saying it is too large.
pub struct Upload {
    pub field: String,
    pub file_name: String,
    pub bytes: Bytes,
    pub truncated: bool,
}

/// A parsed form: text fields in order (a name may repeat, as checkboxes do) and files.
#[derive(Default)]
pub struct Parsed {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

impl Parsed {
    /// The first value of `name`, or empty.
    pub fn value(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of `name`, in order.
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Reads the whole form. Files larger than `max_file_bytes` are kept truncated and flagged;
/// an empty file input (no file chosen) is skipped. Errors are malformed bodies.
pub async fn read(mut body: Multipart, max_file_bytes: usize) -> anyhow::Result<Parsed> {
    let mut parsed = Parsed::default();
    let mut count = 0;
    while let Some(field) = body.next().await {
        let mut field = field.map_err(|e| anyhow::anyhow!("multipart: {e}"))?;
        count += 1;
        if count > MAX_FIELDS {
            anyhow::bail!("multipart: more than {MAX_FIELDS} fields");
        }
        let disposition = field.content_disposition().cloned();
        let name = disposition
            .as_ref()
            .and_then(|d| d.get_name())
            .unwrap_or_default()
            .to_string();
        let file_name = disposition
            .as_ref()
            .and_then(|d| d.get_filename())
            .map(str::to_string);
        let limit = if file_name.is_some() {
            max_file_bytes
        } else {
            TEXT_FIELD_MAX_BYTES
        };
        let mut buffer = BytesMut::new();
        let mut truncated = false;
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| anyhow::anyhow!("multipart: {e}"))?;
            if buffer.len() + chunk.len() > limit {
                truncated = true;
                // Keep reading (and dropping) so the client's upload completes and it sees
                // our answer instead of a reset connection.
                continue;
            }
            buffer.extend_from_slice(&chunk);
        }
        match file_name {
            Some(file_name) if file_name.is_empty() && buffer.is_empty() => {}
            Some(file_name) => parsed.files.push(Upload {
                field: name,
                file_name,
                bytes: buffer.freeze(),
                truncated,
            }),
            None => {
                if truncated {
                    anyhow::bail!("multipart: field {name} is longer than {limit} bytes");
                }
                let text = String::from_utf8(buffer.to_vec())
                    .map_err(|_| anyhow::anyhow!("multipart: field {name} is not UTF-8"))?;
                parsed.fields.push((name, text));
            }
        }
    }
    Ok(parsed)
}

/// Reads the form, or answers 400 for a body that is not a well-formed multipart form
/// (browsers never send one; it is logged for whoever did).
pub async fn read_or_reject(
    body: Multipart,
    max_file_bytes: usize,
) -> Result<Parsed, actix_web::HttpResponse> {
    read(body, max_file_bytes).await.map_err(|error| {
        tracing::warn!(error = %error, "malformed multipart form");
        actix_web::HttpResponse::BadRequest().finish()
    })
}
