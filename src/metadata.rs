//! Source metadata (sources.toml). Being written.
