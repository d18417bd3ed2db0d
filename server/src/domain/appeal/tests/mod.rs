//! The workflow's tests: the diagram edge by edge, each rule by name, random walks that must
//! stay on the diagram, and the agreement between the offered buttons and the steps accepted.

mod allowed;
mod approval;
mod closing;
mod edges;
mod escalation;
mod extension;
mod names;
mod property;
mod review;
mod support;
mod texts;
mod withdrawal;
