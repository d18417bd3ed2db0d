//! The `blobs` section of the configuration: which store keeps evidence files and how to
//! reach it. Every field has a default so that an installation without the section keeps
//! files in `data/blobs`. The S3 secret may be read from a file so that it need not sit in
//! the environment, where any child process and many crash reports can see it.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// Which store keeps the blobs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlobBackend {
    /// Files under a local folder: right for a single server.
    #[default]
    Folder,
    /// An S3 bucket or an S3-compatible store (MinIO, Ceph, …): right for several servers.
    S3,
}

/// Settings of the blob store.
#[derive(Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct BlobSettings {
    pub backend: BlobBackend,
    /// The folder of the `folder` backend; relative paths start at the working directory.
    pub folder: PathBuf,
    /// The bucket; required for `s3`.
    pub s3_bucket: Option<String>,
    pub s3_region: String,
    /// The endpoint of an S3-compatible store, such as `http://127.0.0.1:9000` for MinIO.
    pub s3_endpoint: Option<String>,
    /// With the secret, static credentials; without both, the standard AWS sources
    /// (`AWS_*` variables, web identity, instance metadata) are used.
    pub s3_access_key_id: Option<String>,
    #[serde(skip_serializing)]
    pub s3_secret_access_key: Option<String>,
    /// A file holding the secret access key (surrounding whitespace ignored).
    pub s3_secret_access_key_file: Option<PathBuf>,
    /// Permits a plain-HTTP endpoint; for a store on the same host or a private network.
    pub s3_allow_http: bool,
}

impl Default for BlobSettings {
    fn default() -> Self {
        BlobSettings {
            backend: BlobBackend::Folder,
            folder: PathBuf::from("data/blobs"),
            s3_bucket: None,
            s3_region: "us-east-1".to_string(),
            s3_endpoint: None,
            s3_access_key_id: None,
            s3_secret_access_key: None,
            s3_secret_access_key_file: None,
            s3_allow_http: false,
        }
    }
}

// Written by hand so that the secret never reaches a log through `{:?}`.
impl fmt::Debug for BlobSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret = self.s3_secret_access_key.as_ref().map(|_| "[redacted]");
        f.debug_struct("BlobSettings")
            .field("backend", &self.backend)
            .field("folder", &self.folder)
            .field("s3_bucket", &self.s3_bucket)
            .field("s3_region", &self.s3_region)
            .field("s3_endpoint", &self.s3_endpoint)
            .field("s3_access_key_id", &self.s3_access_key_id)
            .field("s3_secret_access_key", &secret)
            .field("s3_secret_access_key_file", &self.s3_secret_access_key_file)
            .field("s3_allow_http", &self.s3_allow_http)
            .finish()
    }
}

/// A key id and its secret.
pub(super) struct S3Credentials {
    pub key_id: String,
    pub secret: String,
}

impl BlobSettings {
    /// The bucket, which the `s3` backend cannot do without.
    pub(super) fn required_bucket(&self) -> anyhow::Result<&str> {
        given(&self.s3_bucket)
            .ok_or_else(|| anyhow::anyhow!("blobs.s3_bucket is required when blobs.backend = s3"))
    }

    /// The region; an empty one is a mistake rather than a wish for the default.
    pub(super) fn required_region(&self) -> anyhow::Result<&str> {
        let region = self.s3_region.trim();
        anyhow::ensure!(
            !region.is_empty(),
            "blobs.s3_region must not be empty when blobs.backend = s3"
        );
        Ok(region)
    }

    /// The endpoint, if any. A plain-HTTP one is refused here unless allowed, because the
    /// client would otherwise fail only at the first upload.
    pub(super) fn checked_endpoint(&self) -> anyhow::Result<Option<&str>> {
        let endpoint = given(&self.s3_endpoint);
        if let Some(url) = endpoint {
            anyhow::ensure!(
                self.s3_allow_http || !url.to_ascii_lowercase().starts_with("http://"),
                "blobs.s3_endpoint {url} is plain HTTP; set blobs.s3_allow_http = true to allow it"
            );
        }
        Ok(endpoint)
    }

    /// Static credentials, `None` when neither part is configured, or an error naming the
    /// part that is missing or unreadable.
    pub(super) fn s3_credentials(&self) -> anyhow::Result<Option<S3Credentials>> {
        let key_id = given(&self.s3_access_key_id);
        let secret = self.secret_access_key()?;
        match (key_id, secret) {
            (None, None) => Ok(None),
            (Some(key_id), Some(secret)) => Ok(Some(S3Credentials {
                key_id: key_id.to_string(),
                secret,
            })),
            (Some(_), None) => anyhow::bail!(
                "blobs.s3_access_key_id is set but neither blobs.s3_secret_access_key \
                 nor blobs.s3_secret_access_key_file is"
            ),
            (None, Some(_)) => anyhow::bail!(
                "a blobs.s3 secret access key is set but blobs.s3_access_key_id is not"
            ),
        }
    }

    fn secret_access_key(&self) -> anyhow::Result<Option<String>> {
        let inline = given(&self.s3_secret_access_key);
        match (inline, &self.s3_secret_access_key_file) {
            (Some(_), Some(_)) => anyhow::bail!(
                "set only one of blobs.s3_secret_access_key and blobs.s3_secret_access_key_file"
            ),
            (Some(secret), None) => Ok(Some(secret.to_string())),
            (None, Some(path)) => read_secret_file(path).map(Some),
            (None, None) => Ok(None),
        }
    }
}

/// A setting's value, treating an empty one (as an unset environment variable in a
/// compose file often is) as absent.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn read_secret_file(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        anyhow::anyhow!(
            "cannot read blobs.s3_secret_access_key_file {}: {e}",
            path.display()
        )
    })?;
    let secret = text.trim();
    anyhow::ensure!(
        !secret.is_empty(),
        "blobs.s3_secret_access_key_file {} is empty",
        path.display()
    );
    Ok(secret.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn s3() -> BlobSettings {
        BlobSettings {
            backend: BlobBackend::S3,
            s3_bucket: Some("evidence".into()),
            ..BlobSettings::default()
        }
    }

    #[test]
    fn defaults_keep_files_in_the_data_folder() {
        let settings: BlobSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(settings.backend, BlobBackend::Folder);
        assert_eq!(settings.folder, PathBuf::from("data/blobs"));
        assert_eq!(settings.s3_region, "us-east-1");
        assert!(!settings.s3_allow_http);
    }

    #[test]
    fn backend_reads_lowercase_names() {
        let settings: BlobSettings =
            serde_json::from_str(r#"{"backend": "s3", "s3_bucket": "b"}"#).unwrap();
        assert_eq!(settings.backend, BlobBackend::S3);
        assert!(serde_json::from_str::<BlobSettings>(r#"{"backend": "S3"}"#).is_err());
    }

    #[test]
    fn secret_is_neither_printed_nor_serialised() {
        let settings = BlobSettings {
            s3_secret_access_key: Some("hunter2".into()),
            ..s3()
        };
        assert!(!format!("{settings:?}").contains("hunter2"));
        assert!(!serde_json::to_string(&settings)
            .unwrap()
            .contains("hunter2"));
    }

    #[test]
    fn empty_bucket_counts_as_missing() {
        let settings = BlobSettings {
            s3_bucket: Some("  ".into()),
            ..s3()
        };
        let error = settings.required_bucket().unwrap_err().to_string();
        assert!(error.contains("blobs.s3_bucket is required"), "{error}");
    }

    #[test]
    fn credentials_come_in_pairs() {
        assert!(s3().s3_credentials().unwrap().is_none());
        let key_only = BlobSettings {
            s3_access_key_id: Some("id".into()),
            ..s3()
        };
        let error = key_only.s3_credentials().err().unwrap().to_string();
        assert!(error.contains("blobs.s3_secret_access_key"), "{error}");
        let secret_only = BlobSettings {
            s3_secret_access_key: Some("secret".into()),
            ..s3()
        };
        let error = secret_only.s3_credentials().err().unwrap().to_string();
        assert!(error.contains("blobs.s3_access_key_id"), "{error}");
    }

    #[test]
    fn secret_is_read_from_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s3.secret");
        std::fs::write(&path, "from-file\n").unwrap();
        let settings = BlobSettings {
            s3_access_key_id: Some("id".into()),
            s3_secret_access_key_file: Some(path),
            ..s3()
        };
        let credentials = settings.s3_credentials().unwrap().unwrap();
        assert_eq!(credentials.key_id, "id");
        assert_eq!(credentials.secret, "from-file");
    }

    #[test]
    fn unreadable_or_doubled_secret_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let missing = BlobSettings {
            s3_access_key_id: Some("id".into()),
            s3_secret_access_key_file: Some(dir.path().join("absent")),
            ..s3()
        };
        let error = missing.s3_credentials().err().unwrap().to_string();
        assert!(error.contains("cannot read blobs.s3_secret_access_key_file"));
        let both = BlobSettings {
            s3_secret_access_key: Some("inline".into()),
            ..missing
        };
        let error = both.s3_credentials().err().unwrap().to_string();
        assert!(error.contains("set only one of"), "{error}");
    }

    #[test]
    fn plain_http_endpoint_needs_permission() {
        let mut settings = BlobSettings {
            s3_endpoint: Some("http://127.0.0.1:9000".into()),
            ..s3()
        };
        let error = settings.checked_endpoint().unwrap_err().to_string();
        assert!(error.contains("blobs.s3_allow_http"), "{error}");
        settings.s3_allow_http = true;
        assert_eq!(
            settings.checked_endpoint().unwrap(),
            Some("http://127.0.0.1:9000")
        );
    }
}
