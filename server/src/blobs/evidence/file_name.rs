//! The name an evidence file is shown and downloaded under. The uploader chooses it, so it
//! may carry a path, control characters that break headers and logs, characters that no
//! file system accepts, or invisible direction marks that make `gpj.exe` read as `exe.jpg`.
//! The name is never used to store the file (the blob key is), only to show it.

use super::EvidenceKind;

/// Long enough for any real document title, short enough for a list and a header.
const MAX_NAME_CHARS: usize = 100;
/// A longer "extension" is part of the title, not a type.
const MAX_EXTENSION_CHARS: usize = 10;
/// Refused by Windows file systems, or meaningful to shells and paths.
const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// The uploaded name made safe to show, or `evidence.{ext}` if nothing of it is left.
pub fn safe_name(name: &str, kind: EvidenceKind) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last.chars().filter(|c| is_kept(*c)).collect();
    let shortened = shorten(trim(&cleaned));
    let name = trim(&shortened);
    if name.is_empty() {
        format!("evidence.{}", kind.extension())
    } else {
        name.to_string()
    }
}

fn is_kept(c: char) -> bool {
    !c.is_control() && !FORBIDDEN.contains(&c) && !is_invisible_format(c)
}

/// Zero-width and bidirectional formatting characters: invisible, and able to reorder
/// how the rest of the name is displayed.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Blanks and dots at either end: `..`, `.` and `name.pdf. ` are what they look like
/// without them.
fn trim(name: &str) -> &str {
    name.trim_matches(|c: char| c.is_whitespace() || c == '.')
}

/// At most `MAX_NAME_CHARS` characters, cutting the title rather than the extension.
fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_string();
    }
    let extension = name
        .rfind('.')
        .map(|dot| &name[dot..])
        .filter(|ext| ext.chars().count() <= MAX_EXTENSION_CHARS)
        .unwrap_or("");
    let stem_budget = MAX_NAME_CHARS - extension.chars().count();
    let stem = &name[..name.len() - extension.len()];
    stem.chars()
        .take(stem_budget)
        .chain(extension.chars())
        .collect()
}
