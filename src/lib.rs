//! sanad: a terminal explorer for Arabic source documents.
//!
//! The library holds every piece of logic (corpus loading, Arabic analysis, the
//! index, the timeline, the right-to-left layout) so the binary, the tests and the
//! benchmarks all call the same code.

pub mod app;
pub mod arabic;
pub mod bidi;
pub mod cite;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod error;
pub mod file;
pub mod index;
pub mod metadata;
pub mod output;
pub mod parallel;
pub mod query;
pub mod sentences;
pub mod timeline;
pub mod tui;
pub mod ui;
