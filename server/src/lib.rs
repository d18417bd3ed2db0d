//! The Redress server: configuration, startup, the HTML and JSON endpoints, the services
//! and the database. The `redress` binary (src/main.rs) is its command line.
// Leptos views nest deeply in their types; the explanation page needs more than the default.
#![recursion_limit = "256"]

pub mod api;
pub mod auth;
pub mod blobs;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod housekeeping;
pub mod keys;
pub mod mail;
pub mod parallel;
pub mod portal;
pub mod secrets;
pub mod services;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod web;
