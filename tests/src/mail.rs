//! Mail test support: a real SMTP server on loopback (Debian's aiosmtpd with the handler in
//! `tests/support/smtp_sink.py`, writing each accepted message to a folder), and the
//! `redress` binary for tests that run the delivery worker as a process of its own.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running SMTP server; stopped when dropped.
pub struct SmtpSink {
    pub port: u16,
    child: Child,
    /// Always present; taken only by [`SmtpSink::stop`], which hands it on.
    folder: Option<tempfile::TempDir>,
}

/// A free port on loopback (bound, then released for the server to take).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl SmtpSink {
    /// Starts a server on a free port, answering each message after `delay`.
    pub fn start(delay: Duration) -> SmtpSink {
        SmtpSink::start_on(free_port(), delay, tempfile::tempdir().expect("folder"))
    }

    fn start_on(port: u16, delay: Duration, folder: tempfile::TempDir) -> SmtpSink {
        let support = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("support");
        // Debian's Python, where python3-aiosmtpd is installed (not a python3 earlier on PATH).
        let child = Command::new("/usr/bin/python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "smtp_sink.FolderSink"])
            .arg(folder.path())
            .arg(delay.as_secs_f64().to_string())
            .env("PYTHONPATH", support)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts (scripts/setup.sh installs python3-aiosmtpd)");
        let sink = SmtpSink {
            port,
            child,
            folder: Some(folder),
        };
        sink.wait_until_listening();
        sink
    }

    fn wait_until_listening(&self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "the SMTP server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server; `restart` brings it back on the same port with the same messages.
    pub fn stop(mut self) -> StoppedSink {
        let _ = self.child.kill();
        let _ = self.child.wait();
        StoppedSink {
            port: self.port,
            folder: self.folder.take().expect("the sink's folder"),
        }
    }

    /// Every message accepted so far, as its raw text.
    pub fn messages(&self) -> Vec<String> {
        self.folder
            .as_ref()
            .map(|f| read_messages(f.path()))
            .unwrap_or_default()
    }

    /// Waits until `count` messages were accepted (or panics after `within`).
    pub fn wait_for(&self, count: usize, within: Duration) -> Vec<String> {
        let deadline = Instant::now() + within;
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            assert!(
                Instant::now() < deadline,
                "{} of {count} messages arrived",
                messages.len()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A stopped server, keeping its port and what it received.
pub struct StoppedSink {
    pub port: u16,
    folder: tempfile::TempDir,
}

impl StoppedSink {
    /// Starts it again.
    pub fn restart(self, delay: Duration) -> SmtpSink {
        SmtpSink::start_on(self.port, delay, self.folder)
    }
}

fn read_messages(folder: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// The value of header `name` in a raw message (first occurrence, unfolded).
pub fn header(raw: &str, name: &str) -> Option<String> {
    let prefix = format!("{}:", name.to_ascii_lowercase());
    let mut lines = raw.lines().peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() {
            return None;
        }
        if line.to_ascii_lowercase().starts_with(&prefix) {
            let mut value = line[prefix.len()..].trim().to_string();
            while let Some(next) = lines.peek() {
                if next.starts_with(' ') || next.starts_with('\t') {
                    value.push(' ');
                    value.push_str(next.trim());
                    lines.next();
                } else {
                    break;
                }
            }
            return Some(value);
        }
    }
    None
}

/// The workspace's debug `redress` binary (scripts/test.sh builds it before the tests).
pub fn redress_binary() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/debug/redress");
    assert!(
        path.exists(),
        "{} is missing: run `cargo build -p server --bin redress` (scripts/test.sh does)",
        path.display()
    );
    path
}
