//! The WebAssembly client's files under `/pkg`. The release client build writes a brotli
//! (`.br`) and a gzip (`.gz`) copy beside each file, compressed once at the highest levels;
//! each request gets the smallest copy its `Accept-Encoding` allows, so nothing is compressed
//! per request. Without the copies (a debug build) the file itself is sent and the `Compress`
//! middleware compresses it on the fly.

use actix_files::NamedFile;
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};
use std::path::{Path, PathBuf};

/// The folder the client build writes to (`target/site/pkg` by default).
#[derive(Clone, Debug)]
pub struct PkgDir(pub PathBuf);

/// `GET /pkg/{file}`.
pub async fn pkg_file(
    request: HttpRequest,
    dir: web::Data<PkgDir>,
    file: web::Path<String>,
) -> HttpResponse {
    let Some(relative) = safe_relative_path(&file) else {
        return HttpResponse::NotFound().finish();
    };
    let plain = dir.0.join(relative);
    let accept = request
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let (path, encoding) = pick_variant(&plain, accept);
    let Ok(named) = NamedFile::open_async(&path).await else {
        return HttpResponse::NotFound().finish();
    };
    let extension = plain.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mut named = named
        .set_content_type(actix_files::file_extension_to_mime(extension))
        .disable_content_disposition();
    if let Some(encoding) = encoding {
        // Set here, the `Compress` middleware leaves the body as it is.
        named = named.set_content_encoding(encoding);
    }
    let mut response = named.into_response(&request);
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    // The names carry no content hash, so a browser keeps a copy but asks each time whether it
    // changed (the ETag makes the answer a bodiless 304 when it has not).
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// The requested path if every segment is a plain file or folder name: nothing hidden, no
/// `..`, and never one of the compressed copies directly (they would go out mislabelled).
fn safe_relative_path(requested: &str) -> Option<PathBuf> {
    let plain_segment = |segment: &str| {
        !segment.is_empty()
            && !segment.starts_with('.')
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    };
    let compressed = requested.ends_with(".br") || requested.ends_with(".gz");
    (!compressed && requested.split('/').all(plain_segment)).then(|| PathBuf::from(requested))
}

/// The file to send and its content coding: brotli if accepted and present, else gzip, else
/// the file itself.
fn pick_variant(plain: &Path, accept_encoding: &str) -> (PathBuf, Option<ContentEncoding>) {
    for (coding, suffix, encoding) in [
        ("br", "br", ContentEncoding::Brotli),
        ("gzip", "gz", ContentEncoding::Gzip),
    ] {
        if accepts(accept_encoding, coding) {
            let mut name = plain.as_os_str().to_owned();
            name.push(".");
            name.push(suffix);
            let candidate = PathBuf::from(name);
            if candidate.is_file() {
                return (candidate, Some(encoding));
            }
        }
    }
    (plain.to_path_buf(), None)
}

/// Whether an `Accept-Encoding` value allows `coding`: named (or `*`) without `q=0`.
fn accepts(header: &str, coding: &str) -> bool {
    let mut named = None;
    let mut wildcard = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let quality = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            named = Some(quality > 0.0);
        } else if name == "*" {
            wildcard = Some(quality > 0.0);
        }
    }
    named.or(wildcard).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::{accepts, safe_relative_path};

    #[test]
    fn accept_encoding_honours_zero_quality_and_the_wildcard() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip, deflate, br, zstd", "gzip"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(accepts("*", "br"));
        assert!(!accepts("*;q=0, gzip", "br"));
        assert!(accepts("*;q=0, gzip", "gzip"));
        assert!(!accepts("", "gzip"));
        assert!(!accepts("identity", "gzip"));
    }

    #[test]
    fn only_plain_names_inside_the_folder_are_served() {
        assert!(safe_relative_path("redress_bg.wasm").is_some());
        assert!(safe_relative_path("snippets/leptos-abc/inline0.js").is_some());
        assert!(safe_relative_path("../secrets").is_none());
        assert!(safe_relative_path("a/../../b").is_none());
        assert!(safe_relative_path(".hidden").is_none());
        assert!(safe_relative_path("redress_bg.wasm.br").is_none());
        assert!(safe_relative_path("").is_none());
    }
}
