//! Timeline of dated events. Being written.
