//! Visual lines from the layout engine as ratatui lines. Being written.
