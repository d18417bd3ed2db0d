//! The translation catalogue that `app/build.rs` generates from `app/locales/*.json`.
//!
//! Every key is a method and every `{{ name }}` a named argument, so a misspelt key or argument
//! is a compile error; the build script refuses translations with a key missing in a language.

// The generated code is the library's, not ours: it unwraps values it has just checked.
#![allow(clippy::expect_used, clippy::unwrap_used)]

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));
