//! Source formats other than text, read end to end from fixtures.

mod office;
