//! Generates the translation catalogue from `locales/*.json` (see docs/i18n.md) and stops the
//! build on any problem the translations have, a key missing in one language included.
//!
//! This uses leptos_i18n's parser and code generator directly: its `leptos_i18n_build` crate
//! would also bring ICU's data exporter (a CLDR downloader with TLS, a WebAssembly interpreter,
//! rayon) into every build, only to cut plural data we already take compiled.

use leptos_i18n_parser::parse_locales::options::{Config, ParseOptions};
use leptos_i18n_parser::parse_locales::parse_locales;
use std::path::PathBuf;

/// The catalogue's own default: keys are checked against it first. The deployment's default
/// language is configuration, not this.
const DEFAULT: &str = "en";
const OTHERS: [&str; 2] = ["kk", "ru"];

fn main() {
    if let Err(problem) = generate() {
        eprintln!("translations: {problem}");
        std::process::exit(1);
    }
}

fn generate() -> Result<(), String> {
    let manifest_dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let mut config = Config::new(DEFAULT)
        .and_then(|c| c.add_locales(OTHERS))
        .map_err(|e| e.to_string())?;
    // Messages with arguments are also needed as plain strings (titles, mail subjects, the
    // server's own error page), not only as views.
    config.options = ParseOptions::default().interpolate_display(true);
    let parsed = parse_locales(Some(manifest_dir.clone()), config).map_err(|e| e.to_string())?;
    for file in parsed.tracked_files.iter().flatten() {
        println!("cargo::rerun-if-changed={file}");
    }
    println!(
        "cargo::rerun-if-changed={}",
        manifest_dir.join("locales").display()
    );
    let problems: Vec<String> = {
        let errors = parsed.diag.errors();
        let warnings = parsed.diag.warnings();
        errors
            .iter()
            .map(ToString::to_string)
            .chain(warnings.iter().map(ToString::to_string))
            .collect()
    };
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let code = leptos_i18n_codegen::gen_code(&parsed, None, false, None, true)
        .map_err(|e| e.to_string())?;
    std::fs::write(out_dir.join("i18n.rs"), code.to_string()).map_err(|e| e.to_string())
}
