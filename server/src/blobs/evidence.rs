//! Checks of an uploaded evidence file before it is stored: not empty, within the size
//! limits, and really a PDF, PNG or JPEG judged by its content, since the name and the
//! declared content type are whatever the uploader chose (an `.exe` renamed to `.pdf` is
//! refused). Also gives the file's SHA-256, which keys the blob and goes on the filing
//! receipt, and a name safe to show. Pure functions: no I/O, so every rule is unit-tested.

mod file_name;
mod sniff;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

pub use sniff::sniff;

/// The accepted kinds of evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvidenceKind {
    Pdf,
    Png,
    Jpeg,
}

impl EvidenceKind {
    /// The content type to serve the file with, whatever the uploader declared.
    pub fn content_type(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Jpeg => "image/jpeg",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "pdf",
            EvidenceKind::Png => "png",
            EvidenceKind::Jpeg => "jpg",
        }
    }
}

const MIB: usize = 1024 * 1024;

/// How much evidence one appeal may carry; a configuration section of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EvidenceLimits {
    /// The largest single file, in bytes.
    pub max_bytes: usize,
    /// The most files on one appeal.
    pub max_files: usize,
    /// The most bytes on one appeal, all files together.
    pub max_total_bytes: usize,
}

impl Default for EvidenceLimits {
    fn default() -> Self {
        EvidenceLimits {
            max_bytes: 10 * MIB,
            max_files: 5,
            max_total_bytes: 25 * MIB,
        }
    }
}

/// A file that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedEvidence {
    pub kind: EvidenceKind,
    /// Lowercase hex SHA-256 of the content.
    pub sha256_hex: String,
    pub size: usize,
    /// The uploaded name made safe to show and to put in a download header.
    pub safe_name: String,
}

/// Why an evidence file or set of files is refused. The variants carry what a message to
/// the citizen needs; the wording and its language are the page's business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceProblem {
    Empty,
    TooLarge {
        max_bytes: usize,
    },
    /// The content is not a PDF, PNG or JPEG, whatever its name says.
    UnsupportedType,
    TooMany {
        max_files: usize,
    },
    TotalTooLarge {
        max_total_bytes: usize,
    },
}

impl fmt::Display for EvidenceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvidenceProblem::Empty => write!(f, "the file is empty"),
            EvidenceProblem::TooLarge { max_bytes } => {
                write!(f, "the file is larger than {max_bytes} bytes")
            }
            EvidenceProblem::UnsupportedType => {
                write!(f, "the file is not a PDF, PNG or JPEG")
            }
            EvidenceProblem::TooMany { max_files } => {
                write!(f, "more than {max_files} files")
            }
            EvidenceProblem::TotalTooLarge { max_total_bytes } => {
                write!(
                    f,
                    "the files together are larger than {max_total_bytes} bytes"
                )
            }
        }
    }
}

impl std::error::Error for EvidenceProblem {}

/// Checks one uploaded file. The size is checked before the content so that an oversized
/// upload is refused without being hashed.
pub fn check(
    name: &str,
    bytes: &[u8],
    limits: &EvidenceLimits,
) -> Result<CheckedEvidence, EvidenceProblem> {
    if bytes.is_empty() {
        return Err(EvidenceProblem::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(EvidenceProblem::TooLarge {
            max_bytes: limits.max_bytes,
        });
    }
    let kind = sniff(bytes).ok_or(EvidenceProblem::UnsupportedType)?;
    Ok(CheckedEvidence {
        kind,
        sha256_hex: sha256_hex(bytes),
        size: bytes.len(),
        safe_name: file_name::safe_name(name, kind),
    })
}

/// Checks the files of one appeal together, given their sizes (including any already
/// attached).
pub fn check_set(sizes: &[usize], limits: &EvidenceLimits) -> Result<(), EvidenceProblem> {
    if sizes.len() > limits.max_files {
        return Err(EvidenceProblem::TooMany {
            max_files: limits.max_files,
        });
    }
    // Saturating, so absurd sizes cannot wrap round to a small total.
    let total = sizes
        .iter()
        .fold(0usize, |sum, size| sum.saturating_add(*size));
    if total > limits.max_total_bytes {
        return Err(EvidenceProblem::TotalTooLarge {
            max_total_bytes: limits.max_total_bytes,
        });
    }
    Ok(())
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
