//! sanad: a terminal explorer for Arabic source documents.
//!
//! The library holds every piece of logic (corpus loading, Arabic analysis, the
//! index, the timeline, the right-to-left layout, the explorer's state and
//! drawing) so the binary, the tests and the benchmarks all call the same code.
//! The command line, its subcommands, the user's configuration paths and the
//! terminal loop are the binary's own modules (`src/main.rs`).

pub mod app;
pub mod arabic;
pub mod archive;
pub mod bidi;
pub mod catalog;
pub mod cite;
pub mod corpus;
pub mod editor;
pub mod error;
pub mod extract;
pub mod file;
pub mod filelist;
pub mod index;
pub mod metadata;
pub mod names;
pub mod output;
pub mod parallel;
pub mod query;
pub mod sentences;
pub mod serve;
pub mod shelf;
pub mod timeline;
pub mod ui;
pub mod watch;
