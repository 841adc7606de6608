//! The display settings fixed for a session.

/// Display settings fixed for the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Arabic-first layout: panes mirrored, Arabic labels.
    pub rtl_ui: bool,
    /// No colours: bold, reverse and underline carry every meaning.
    pub mono: bool,
    pub mouse: bool,
    /// False when the terminal reorders right-to-left text itself.
    pub reorder: bool,
    /// Convert Arabic to presentation forms (terminals that do not shape).
    pub shape: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rtl_ui: false,
            mono: false,
            mouse: true,
            reorder: true,
            shape: false,
        }
    }
}
