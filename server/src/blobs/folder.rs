//! A blob store in a local folder, one file per key, for a single-server installation.
//! A blob is written to a temporary file beside its final place, flushed to disk and then
//! renamed over it: a rename within a directory is atomic, so a crash or a concurrent
//! reader never meets half a file. File work is blocking, so it runs on Tokio's blocking
//! pool rather than on a request's worker thread.

use super::{BlobKey, BlobStore};
use bytes::Bytes;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Tells apart the temporary files of concurrent writes within this process; the process
/// id tells apart those of several processes sharing the folder.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Blobs as files under one folder.
#[derive(Debug, Clone)]
pub struct FolderStore {
    root: PathBuf,
}

impl FolderStore {
    /// A store under `root`, which is created now so that a folder the server cannot write
    /// is reported at start.
    pub fn open(root: &Path) -> anyhow::Result<FolderStore> {
        std::fs::create_dir_all(root)
            .map_err(|e| anyhow::anyhow!("cannot create blobs.folder {}: {e}", root.display()))?;
        Ok(FolderStore {
            root: root.to_path_buf(),
        })
    }

    /// The file of `key`. `BlobKey` admits only plain segments; checking each component
    /// again costs nothing and keeps the folder closed should that rule ever loosen.
    fn path_of(&self, key: &BlobKey) -> anyhow::Result<PathBuf> {
        let mut path = self.root.clone();
        for segment in key.segments() {
            let mut components = Path::new(segment).components();
            anyhow::ensure!(
                matches!(components.next(), Some(Component::Normal(_)))
                    && components.next().is_none(),
                "blob key {key} would leave the blob folder"
            );
            path.push(segment);
        }
        Ok(path)
    }
}

#[async_trait::async_trait]
impl BlobStore for FolderStore {
    async fn put(&self, key: &BlobKey, bytes: Bytes) -> anyhow::Result<()> {
        let path = self.path_of(key)?;
        blocking(move || write_atomically(&path, &bytes)).await
    }

    async fn get(&self, key: &BlobKey) -> anyhow::Result<Option<Bytes>> {
        let path = self.path_of(key)?;
        blocking(move || match std::fs::read(&path) {
            Ok(content) => Ok(Some(Bytes::from(content))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(anyhow::anyhow!("cannot read blob {}: {e}", path.display())),
        })
        .await
    }

    async fn delete(&self, key: &BlobKey) -> anyhow::Result<()> {
        let path = self.path_of(key)?;
        blocking(move || match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(anyhow::anyhow!(
                "cannot delete blob {}: {e}",
                path.display()
            )),
        })
        .await
    }
}

/// Runs file work on the blocking pool.
async fn blocking<T, F>(work: F) -> anyhow::Result<T>
where
    F: FnOnce() -> anyhow::Result<T> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| anyhow::anyhow!("blob file task failed: {e}"))?
}

fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| anyhow::anyhow!("blob path {} has no folder", path.display()))?;
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("cannot create folder {}: {e}", dir.display()))?;
    let temp = temp_path_beside(path);
    let written = write_synced(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = written {
        // Leave no stray temporary file behind; the write error is the one worth reporting.
        let _ = std::fs::remove_file(&temp);
        anyhow::bail!("cannot write blob {}: {e}", path.display());
    }
    sync_dir(dir);
    Ok(())
}

/// A fresh name in the same folder (a rename across file systems is not atomic). It holds
/// a dot, which no key can, so it never collides with a blob.
fn temp_path_beside(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

/// Writes a new file and flushes it to disk, so the rename never exposes an empty file
/// after a power cut.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Flushes the folder entry of the rename. Best effort: the blob is already in place, and
/// not every platform can open a folder for this.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn key(text: &str) -> BlobKey {
        BlobKey::parse(text).unwrap()
    }

    #[tokio::test]
    async fn put_get_delete_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = FolderStore::open(dir.path()).unwrap();
        let key = BlobKey::for_evidence("AP-3M7Q-K2ZD", "00ff");
        store
            .put(&key, Bytes::from_static(b"%PDF-1.4"))
            .await
            .unwrap();
        assert_eq!(
            store.get(&key).await.unwrap(),
            Some(Bytes::from_static(b"%PDF-1.4"))
        );
        assert!(dir.path().join("evidence/AP-3M7Q-K2ZD/00ff").is_file());
        store.delete(&key).await.unwrap();
        assert_eq!(store.get(&key).await.unwrap(), None);
    }

    #[tokio::test]
    async fn put_overwrites_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = FolderStore::open(dir.path()).unwrap();
        let key = key("a/b");
        store.put(&key, Bytes::from_static(b"first")).await.unwrap();
        store
            .put(&key, Bytes::from_static(b"second"))
            .await
            .unwrap();
        assert_eq!(store.get(&key).await.unwrap().unwrap(), "second");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["b"]);
    }

    #[tokio::test]
    async fn missing_blob_is_none_and_deleting_it_is_fine() {
        let dir = tempfile::tempdir().unwrap();
        let store = FolderStore::open(dir.path()).unwrap();
        assert_eq!(store.get(&key("never/put")).await.unwrap(), None);
        store.delete(&key("never/put")).await.unwrap();
    }

    #[tokio::test]
    async fn empty_blob_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let store = FolderStore::open(dir.path()).unwrap();
        store.put(&key("empty"), Bytes::new()).await.unwrap();
        assert_eq!(store.get(&key("empty")).await.unwrap(), Some(Bytes::new()));
    }

    #[tokio::test]
    async fn concurrent_writes_leave_one_whole_blob() {
        let dir = tempfile::tempdir().unwrap();
        let store = FolderStore::open(dir.path()).unwrap();
        let writes = (0..8u8).map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let content = Bytes::from(vec![i; 64 * 1024]);
                store.put(&key("same"), content).await
            })
        });
        for write in writes.collect::<Vec<_>>() {
            write.await.unwrap().unwrap();
        }
        let stored = store.get(&key("same")).await.unwrap().unwrap();
        assert_eq!(stored.len(), 64 * 1024);
        assert!(stored.iter().all(|b| *b == stored[0]));
    }

    #[test]
    fn every_path_stays_under_the_root() {
        let store = FolderStore {
            root: PathBuf::from("/srv/blobs"),
        };
        let path = store.path_of(&key("evidence/AP-1/ab")).unwrap();
        assert_eq!(path, PathBuf::from("/srv/blobs/evidence/AP-1/ab"));
    }

    #[test]
    fn open_reports_a_folder_it_cannot_create() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain-file");
        std::fs::write(&file, b"").unwrap();
        let error = FolderStore::open(&file.join("blobs")).unwrap_err();
        assert!(error.to_string().contains("blobs.folder"), "{error}");
    }
}
