//! Right-to-left line layout (UAX #9). Being written.
