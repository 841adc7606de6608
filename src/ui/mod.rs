//! Drawing: pure functions of the app state into ratatui widgets.

pub mod text;
