//! Recognises an evidence file's type from its bytes. The file name and the declared
//! content type are chosen by the uploader and prove nothing; the first and last bytes of
//! a PDF, PNG or JPEG are fixed by their formats, and checking both ends also refuses most
//! files cut short in transit.

use super::EvidenceKind;

const PDF_HEADER: &[u8] = b"%PDF-";
const PDF_TRAILER: &[u8] = b"%%EOF";
/// Where readers look for the end marker; writers may add a line ending or a little
/// padding after it.
const PDF_TRAILER_WINDOW: usize = 1024;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// The first chunk must be IHDR, whose data is always 13 bytes: length, type, data, CRC.
const PNG_IHDR_START: &[u8] = b"\x00\x00\x00\x0dIHDR";
const PNG_MIN_LEN: usize = PNG_SIGNATURE.len() + 8 + 13 + 4;

const JPEG_START: &[u8] = b"\xff\xd8\xff";
const JPEG_END: &[u8] = b"\xff\xd9";

/// The kind of `bytes`, or `None` if they are not a PDF, PNG or JPEG.
pub fn sniff(bytes: &[u8]) -> Option<EvidenceKind> {
    if is_pdf(bytes) {
        Some(EvidenceKind::Pdf)
    } else if is_png(bytes) {
        Some(EvidenceKind::Png)
    } else if is_jpeg(bytes) {
        Some(EvidenceKind::Jpeg)
    } else {
        None
    }
}

/// The header at the very start (stricter than readers, which skip leading junk that
/// could hide another format) and `%%EOF` near the end.
fn is_pdf(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(PDF_TRAILER_WINDOW)..];
    bytes.starts_with(PDF_HEADER) && contains(tail, PDF_TRAILER)
}

fn is_png(bytes: &[u8]) -> bool {
    bytes.len() >= PNG_MIN_LEN
        && bytes.starts_with(PNG_SIGNATURE)
        && bytes[PNG_SIGNATURE.len()..].starts_with(PNG_IHDR_START)
}

/// Start-of-image then end-of-image; some cameras and scanners pad the file with zeros.
fn is_jpeg(bytes: &[u8]) -> bool {
    let end = bytes
        .iter()
        .rposition(|b| *b != 0)
        .map_or(0, |last| last + 1);
    let body = &bytes[..end];
    body.len() >= JPEG_START.len() + JPEG_END.len()
        && body.starts_with(JPEG_START)
        && body.ends_with(JPEG_END)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}
