//! Storage for the evidence files citizens attach to an appeal. The database keeps only a
//! key and a digest; the bytes live in a blob store, so that a large file never sits in a
//! database row and a deployment can choose a local folder (one server) or an S3-compatible
//! bucket (several servers sharing the files). Both sit behind one small trait.

pub mod evidence;
mod folder;
mod key;
mod object;
mod settings;

use bytes::Bytes;
use std::sync::Arc;

pub use folder::FolderStore;
pub use key::BlobKey;
pub use object::ObjectStoreBlobs;
pub use settings::{BlobBackend, BlobSettings};

/// Where evidence files are kept, addressed by key. Implementations must be safe to share
/// between request handlers.
#[async_trait::async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Stores `bytes` under `key`, replacing what was there. A reader sees either the old
    /// content or the new one, never a part.
    async fn put(&self, key: &BlobKey, bytes: Bytes) -> anyhow::Result<()>;
    /// The bytes under `key`, or `None` if nothing is stored there.
    async fn get(&self, key: &BlobKey) -> anyhow::Result<Option<Bytes>>;
    /// Removes what is under `key`; a missing key is not an error, so a retried clean-up
    /// succeeds.
    async fn delete(&self, key: &BlobKey) -> anyhow::Result<()>;
}

/// Builds the store the settings ask for. Fails at start, naming the setting at fault,
/// rather than at the first upload.
pub fn open(settings: &BlobSettings) -> anyhow::Result<Arc<dyn BlobStore>> {
    match settings.backend {
        BlobBackend::Folder => Ok(Arc::new(FolderStore::open(&settings.folder)?)),
        BlobBackend::S3 => Ok(Arc::new(ObjectStoreBlobs::open_s3(settings)?)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn open_folder_gives_a_working_store() {
        let dir = tempfile::tempdir().unwrap();
        let settings = BlobSettings {
            folder: dir.path().join("blobs"),
            ..BlobSettings::default()
        };
        let store = open(&settings).unwrap();
        let key = BlobKey::for_evidence("AP-3M7Q-K2ZD", "ab12");
        store.put(&key, Bytes::from_static(b"x")).await.unwrap();
        assert_eq!(store.get(&key).await.unwrap().unwrap(), "x");
        assert!(dir.path().join("blobs").is_dir());
    }

    #[test]
    fn open_s3_without_bucket_names_the_setting() {
        let settings = BlobSettings {
            backend: BlobBackend::S3,
            ..BlobSettings::default()
        };
        let error = open(&settings).err().unwrap().to_string();
        assert!(
            error.contains("blobs.s3_bucket is required when blobs.backend = s3"),
            "{error}"
        );
    }

    #[test]
    fn open_s3_with_bucket_and_keys_builds_without_network() {
        let settings = BlobSettings {
            backend: BlobBackend::S3,
            s3_bucket: Some("evidence".into()),
            s3_endpoint: Some("http://127.0.0.1:9000".into()),
            s3_access_key_id: Some("redress".into()),
            s3_secret_access_key: Some("not-a-real-secret".into()),
            s3_allow_http: true,
            ..BlobSettings::default()
        };
        assert!(open(&settings).is_ok());
    }
}
