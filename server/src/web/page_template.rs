//! A rendered page with the values that differ from one response to the next cut out: the
//! Content-Security-Policy nonce and the form's CSRF token. The page cache keeps pages in this
//! form and fills each copy it sends with that response's own values, so no two responses share
//! a nonce and no reader gets another's token (docs/performance.md, "The page cache").

use bytes::{Bytes, BytesMut};

/// A value that belongs to one response only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hole {
    /// The nonce that lets the page's own scripts run (`app::app::shell`).
    Nonce,
    /// The token the page's forms post back (`auth::csrf`).
    CsrfToken,
}

/// The values of one response, one per kind of [`Hole`].
#[derive(Clone, Copy, Debug)]
pub struct Fill<'a> {
    pub nonce: &'a str,
    pub csrf_token: &'a str,
}

impl Fill<'_> {
    fn value(&self, hole: Hole) -> &str {
        match hole {
            Hole::Nonce => self.nonce,
            Hole::CsrfToken => self.csrf_token,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(Bytes),
    Hole(Hole),
}

/// Text with holes, ready to be filled for a response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageTemplate {
    pieces: Vec<Piece>,
    /// The length of the text without the holes, to size the filled copy at once.
    text_len: usize,
}

impl PageTemplate {
    /// Cuts every occurrence of each value out of `text`. An empty value cuts nothing (a page
    /// without a nonce or a token has no hole for it). Both values are random and at least 16
    /// characters, so one never turns up in a page by chance.
    pub fn cut(text: &[u8], values: Fill<'_>) -> PageTemplate {
        let mut found: Vec<(usize, usize, Hole)> = Vec::new();
        for hole in [Hole::Nonce, Hole::CsrfToken] {
            let needle = values.value(hole).as_bytes();
            if needle.is_empty() {
                continue;
            }
            let mut from = 0;
            while let Some(at) = find(&text[from..], needle) {
                found.push((from + at, from + at + needle.len(), hole));
                from += at + needle.len();
            }
        }
        found.sort_by_key(|(start, _, _)| *start);
        let mut pieces = Vec::with_capacity(found.len() * 2 + 1);
        let mut at = 0;
        for (start, end, hole) in found {
            if start < at {
                continue; // overlaps the hole before it
            }
            if start > at {
                pieces.push(Piece::Text(Bytes::copy_from_slice(&text[at..start])));
            }
            pieces.push(Piece::Hole(hole));
            at = end;
        }
        if at < text.len() {
            pieces.push(Piece::Text(Bytes::copy_from_slice(&text[at..])));
        }
        let text_len = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.len(),
                Piece::Hole(_) => 0,
            })
            .sum();
        PageTemplate { pieces, text_len }
    }

    /// The text with each hole filled from `values`.
    pub fn fill(&self, values: Fill<'_>) -> Bytes {
        if let [Piece::Text(text)] = self.pieces.as_slice() {
            return text.clone(); // nothing to fill: shared, not copied
        }
        let mut out = BytesMut::with_capacity(self.text_len + 64);
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.extend_from_slice(text),
                Piece::Hole(hole) => out.extend_from_slice(values.value(*hole).as_bytes()),
            }
        }
        out.freeze()
    }

    /// Whether the text has a hole of this kind.
    pub fn has(&self, hole: Hole) -> bool {
        self.pieces.contains(&Piece::Hole(hole))
    }

    /// The bytes kept (for the cache's size limit).
    pub fn size(&self) -> usize {
        self.text_len
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUT: Fill<'static> = Fill {
        nonce: "N0nceN0nceN0nceN0nce",
        csrf_token: "T0kenT0kenT0kenT0ken",
    };

    #[test]
    fn each_value_is_replaced_by_the_next_responses_own() {
        let page = b"<script nonce=\"N0nceN0nceN0nceN0nce\"></script><input value=\"T0kenT0kenT0kenT0ken\"><p>N0nceN0nceN0nceN0nce</p>";
        let template = PageTemplate::cut(page, CUT);
        assert!(template.has(Hole::Nonce) && template.has(Hole::CsrfToken));
        let filled = template.fill(Fill {
            nonce: "fresh",
            csrf_token: "mine",
        });
        assert_eq!(
            &filled[..],
            b"<script nonce=\"fresh\"></script><input value=\"mine\"><p>fresh</p>"
        );
        assert_eq!(
            template.fill(CUT),
            Bytes::from_static(page),
            "filling back gives the page"
        );
    }

    #[test]
    fn a_page_without_the_values_is_kept_whole() {
        let template = PageTemplate::cut(b"<p>static</p>", CUT);
        assert!(!template.has(Hole::Nonce) && !template.has(Hole::CsrfToken));
        assert_eq!(&template.fill(CUT)[..], b"<p>static</p>");
        assert_eq!(template.size(), 13);
    }

    #[test]
    fn an_empty_value_cuts_nothing() {
        let template = PageTemplate::cut(
            b"ab",
            Fill {
                nonce: "",
                csrf_token: "",
            },
        );
        assert_eq!(&template.fill(CUT)[..], b"ab");
    }

    #[test]
    fn values_at_the_edges_and_side_by_side_are_cut() {
        let page = b"N0nceN0nceN0nceN0nceT0kenT0kenT0kenT0ken";
        let template = PageTemplate::cut(page, CUT);
        assert_eq!(
            &template
                .fill(Fill {
                    nonce: "1",
                    csrf_token: "2"
                })
                .to_vec(),
            b"12"
        );
    }
}
