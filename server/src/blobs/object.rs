//! A blob store in an S3 bucket or an S3-compatible store (MinIO, Ceph, …), for
//! installations with several servers that must all see every evidence file. A single PUT
//! of S3 is atomic: a reader sees the old object or the new one, never a part.

use super::{BlobKey, BlobSettings, BlobStore};
use bytes::Bytes;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, PutPayload};

/// Blobs as objects in one bucket.
#[derive(Debug)]
pub struct ObjectStoreBlobs {
    store: Box<dyn ObjectStore>,
}

impl ObjectStoreBlobs {
    /// The bucket the settings name. Nothing is sent over the network here; a wrong key or
    /// an unreachable endpoint shows at the first request.
    ///
    /// The standard `AWS_*` variables are read first and the `blobs.s3_*` settings win over
    /// them, so ambient credentials (web identity, container or instance roles) work when no
    /// key is configured.
    pub fn open_s3(settings: &BlobSettings) -> anyhow::Result<ObjectStoreBlobs> {
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(settings.required_bucket()?)
            .with_region(settings.required_region()?)
            .with_allow_http(settings.s3_allow_http);
        if let Some(endpoint) = settings.checked_endpoint()? {
            builder = builder.with_endpoint(endpoint);
        }
        if let Some(credentials) = settings.s3_credentials()? {
            builder = builder
                .with_access_key_id(credentials.key_id)
                .with_secret_access_key(credentials.secret);
        }
        let store = builder
            .build()
            .map_err(|e| anyhow::anyhow!("cannot set up the blobs.s3 store: {e}"))?;
        Ok(ObjectStoreBlobs::new(Box::new(store)))
    }

    /// Blobs in any `object_store` back end; tests use the in-memory one.
    pub fn new(store: Box<dyn ObjectStore>) -> ObjectStoreBlobs {
        ObjectStoreBlobs { store }
    }
}

/// The object name of a key. A `BlobKey` is already a valid object path, so this fails
/// only if the two rules ever part.
fn object_path(key: &BlobKey) -> anyhow::Result<ObjectPath> {
    ObjectPath::parse(key.as_str()).map_err(|e| anyhow::anyhow!("blob key {key}: {e}"))
}

#[async_trait::async_trait]
impl BlobStore for ObjectStoreBlobs {
    async fn put(&self, key: &BlobKey, bytes: Bytes) -> anyhow::Result<()> {
        let path = object_path(key)?;
        self.store
            .put(&path, PutPayload::from_bytes(bytes))
            .await
            .map_err(|e| anyhow::anyhow!("cannot store blob {key}: {e}"))?;
        Ok(())
    }

    async fn get(&self, key: &BlobKey) -> anyhow::Result<Option<Bytes>> {
        let path = object_path(key)?;
        let found = match self.store.get(&path).await {
            Ok(found) => found,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(e) => anyhow::bail!("cannot read blob {key}: {e}"),
        };
        let bytes = found
            .bytes()
            .await
            .map_err(|e| anyhow::anyhow!("cannot read blob {key}: {e}"))?;
        Ok(Some(bytes))
    }

    async fn delete(&self, key: &BlobKey) -> anyhow::Result<()> {
        let path = object_path(key)?;
        // S3 itself answers a delete of a missing object with success; some compatible
        // stores answer "not found", which means the same here.
        match self.store.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(anyhow::anyhow!("cannot delete blob {key}: {e}")),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use object_store::memory::InMemory;

    fn blobs() -> ObjectStoreBlobs {
        ObjectStoreBlobs::new(Box::new(InMemory::new()))
    }

    #[tokio::test]
    async fn put_get_delete_round_trip() {
        let blobs = blobs();
        let key = BlobKey::for_evidence("AP-3M7Q-K2ZD", "00ff");
        blobs.put(&key, Bytes::from_static(b"one")).await.unwrap();
        blobs.put(&key, Bytes::from_static(b"two")).await.unwrap();
        assert_eq!(blobs.get(&key).await.unwrap().unwrap(), "two");
        blobs.delete(&key).await.unwrap();
        assert_eq!(blobs.get(&key).await.unwrap(), None);
    }

    #[tokio::test]
    async fn missing_object_is_none_and_deleting_it_is_fine() {
        let blobs = blobs();
        let key = BlobKey::parse("never/put").unwrap();
        assert_eq!(blobs.get(&key).await.unwrap(), None);
        blobs.delete(&key).await.unwrap();
    }

    #[test]
    fn every_key_is_a_valid_object_path() {
        let key = BlobKey::for_evidence("AP-3M7Q-K2ZD", "ab");
        assert_eq!(
            object_path(&key).unwrap().as_ref(),
            "evidence/AP-3M7Q-K2ZD/ab"
        );
    }
}
