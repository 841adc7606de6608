//! Citation markers and reference lists. Being written.
