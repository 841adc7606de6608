//! The integration tests, as one binary (as ripgrep keeps them): each module
//! was a test binary of its own, and every one linked tantivy, which made the
//! test build the slowest part of a fresh checkout. `source_memory.rs` stays
//! apart: it counts the whole process's heap with its own allocator.
//!
//! Modules: search relevance (`search`), command-line contracts (`cli`), the
//! timeline gold set (`timeline`), FriBidi vectors and layout properties
//! (`bidi`), screen snapshots (`ui`), the real binary in a pseudo-terminal
//! (`e2e`, `explorer_fuzz`), property tests (`robustness`), hostile input
//! (`hostile`), corpus and index faults (`corpus_faults`, `index_faults`),
//! formats other than text read from fixtures (`formats`), and `sanad watch`
//! with the commands it serves (`watch`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and measurements state what they expect

mod common;
#[path = "common/pty.rs"]
mod pty;

mod bidi;
mod cli;
mod corpus_faults;
mod e2e;
mod explorer_fuzz;
mod formats;
mod hostile;
mod index_faults;
mod robustness;
mod search;
mod timeline;
mod timeline_index;
mod ui;
mod watch;
