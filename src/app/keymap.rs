//! Key bindings as data: the defaults in `assets/keys.toml`, overridden action by
//! action by the user's config file. The help overlay and the status-bar hints
//! are generated from the same table, so they never lie.

use std::collections::HashMap;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::Action;
use crate::error::{Error, Result};

pub const DEFAULT_KEYS: &str = include_str!("../../assets/keys.toml");

/// When a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// Everywhere, even while typing a query.
    Always,
    /// Outside the search input.
    Normal,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<String>,
    pub when: When,
    pub desc: String,
}

#[derive(Debug, Deserialize)]
struct BindingFile {
    #[serde(default)]
    bind: Vec<Binding>,
}

/// A key with its modifiers, normalized so that `G` and `shift-g` are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Chord {
    pub fn from_event(e: &KeyEvent) -> Chord {
        normalize(e.code, e.modifiers)
    }
}

fn normalize(code: KeyCode, mods: KeyModifiers) -> Chord {
    let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let code = match code {
        KeyCode::Char(c) => {
            // The character already says whether shift was held.
            mods.remove(KeyModifiers::SHIFT);
            if mods.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        KeyCode::BackTab => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        other => other,
    };
    Chord { code, mods }
}

/// Parses a key name such as `q`, `G`, `ctrl-c`, `shift-tab`, `pagedown`, `f1`.
pub fn parse_key(name: &str) -> Option<Chord> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = name;
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(r) = lower.strip_prefix("ctrl-").map(|_| &rest[5..]) {
            mods |= KeyModifiers::CONTROL;
            rest = r;
        } else if let Some(r) = lower.strip_prefix("alt-").map(|_| &rest[4..]) {
            mods |= KeyModifiers::ALT;
            rest = r;
        } else if let Some(r) = lower.strip_prefix("shift-").map(|_| &rest[6..]) {
            mods |= KeyModifiers::SHIFT;
            rest = r;
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') => {
                KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
            }
            _ => return None,
        },
    };
    Some(normalize(code, mods))
}

/// Human name of a key for hints: `ctrl-c`, `PgDn`, `?`.
pub fn key_label(name: &str) -> String {
    match name {
        "pagedown" => "PgDn".into(),
        "pageup" => "PgUp".into(),
        "backtab" => "S-Tab".into(),
        "enter" => "Enter".into(),
        "esc" => "Esc".into(),
        "tab" => "Tab".into(),
        "down" => "↓".into(),
        "up" => "↑".into(),
        other => other.to_string(),
    }
}

/// The resolved key table.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Bindings in file order (defaults, with user blocks replacing theirs).
    pub bindings: Vec<Binding>,
    always: HashMap<Chord, Action>,
    normal: HashMap<Chord, Action>,
}

impl Keymap {
    /// The default bindings.
    pub fn defaults() -> Keymap {
        // The embedded file is checked by a unit test; an error can only come
        // from a broken build.
        let bindings = toml::from_str::<BindingFile>(DEFAULT_KEYS)
            .map(|f| f.bind)
            .unwrap_or_default();
        Keymap::from_bindings(bindings)
    }

    /// The defaults overridden by the `[[bind]]` blocks of the user's config file,
    /// if it exists. A block replaces every default block of its action.
    pub fn load(user_file: Option<&Path>) -> Result<Keymap> {
        let mut keymap = Keymap::defaults();
        let Some(path) = user_file.filter(|p| p.exists()) else {
            return Ok(keymap);
        };
        // Bounded, and never blocking on a FIFO put in its place.
        let text =
            crate::file::read_text_bounded(path, 1024 * 1024).map_err(|e| Error::Config {
                path: path.to_path_buf(),
                reason: match e {
                    crate::file::ReadError::Io(e) => crate::error::plain_os_error(&e),
                    too_large => too_large.to_string(),
                },
            })?;
        let user: BindingFile = toml::from_str(&text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: e.message().to_string(),
        })?;
        for b in &user.bind {
            if let Some(bad) = b.keys.iter().find(|k| parse_key(k).is_none()) {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    reason: format!("unknown key name {bad:?}"),
                });
            }
        }
        let overridden: Vec<Action> = user.bind.iter().map(|b| b.action.clone()).collect();
        keymap.bindings.retain(|b| !overridden.contains(&b.action));
        keymap.bindings.extend(user.bind);
        Ok(Keymap::from_bindings(keymap.bindings))
    }

    fn from_bindings(bindings: Vec<Binding>) -> Keymap {
        let mut always = HashMap::new();
        let mut normal = HashMap::new();
        for b in &bindings {
            for chord in b.keys.iter().filter_map(|k| parse_key(k)) {
                match b.when {
                    When::Always => always.insert(chord, b.action.clone()),
                    When::Normal => normal.insert(chord, b.action.clone()),
                };
            }
        }
        Keymap {
            bindings,
            always,
            normal,
        }
    }

    /// The action bound to `key`; `typing` is true while the search input has
    /// focus, where only `always` bindings apply.
    pub fn action_for(&self, key: &KeyEvent, typing: bool) -> Option<Action> {
        let chord = Chord::from_event(key);
        self.always
            .get(&chord)
            .or_else(|| {
                if typing {
                    None
                } else {
                    self.normal.get(&chord)
                }
            })
            .cloned()
    }

    /// The first key bound to `action` in context, for hints.
    pub fn first_key(&self, action: &Action, typing: bool) -> Option<String> {
        self.bindings
            .iter()
            .filter(|b| &b.action == action && (!typing || b.when == When::Always))
            .flat_map(|b| b.keys.first())
            .next()
            .map(|k| key_label(k))
    }

    /// One line per action for the help overlay: keys and description.
    pub fn help_lines(&self) -> Vec<(String, String)> {
        let mut lines: Vec<(String, String)> = Vec::new();
        let mut seen: Vec<&Action> = Vec::new();
        for b in &self.bindings {
            if seen.contains(&&b.action) {
                continue;
            }
            seen.push(&b.action);
            let mut keys: Vec<String> = Vec::new();
            for other in self.bindings.iter().filter(|o| o.action == b.action) {
                for k in &other.keys {
                    let label = key_label(k);
                    if !keys.contains(&label) {
                        keys.push(label);
                    }
                }
            }
            lines.push((keys.join(" "), b.desc.clone()));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn default_file_parses_and_every_key_is_valid() {
        let file: BindingFile = toml::from_str(DEFAULT_KEYS).expect("assets/keys.toml parses");
        for b in &file.bind {
            for k in &b.keys {
                assert!(parse_key(k).is_some(), "{k}");
            }
        }
        assert!(file.bind.len() > 20);
    }

    #[test]
    fn typing_only_sees_always_bindings() {
        let km = Keymap::defaults();
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(km.action_for(&q, false), Some(Action::Quit));
        assert_eq!(km.action_for(&q, true), None);
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.action_for(&ctrl_c, true), Some(Action::QuitNow));
    }

    #[test]
    fn shifted_letters_and_backtab_normalize() {
        let km = Keymap::defaults();
        assert_eq!(
            km.action_for(&key(KeyCode::Char('G'), KeyModifiers::SHIFT), false),
            Some(Action::Last)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::BackTab, KeyModifiers::SHIFT), true),
            Some(Action::PrevPane)
        );
        assert_eq!(parse_key("shift-tab"), parse_key("backtab"));
        assert_eq!(parse_key("f1").map(|c| c.code), Some(KeyCode::F(1)));
        assert_eq!(parse_key("ctrl-"), None);
    }

    #[test]
    fn user_file_replaces_an_action_block() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "[[bind]]\naction = \"quit\"\nkeys = [\"x\"]\nwhen = \"normal\"\ndesc = \"leave\"\n",
        )
        .unwrap();
        let km = Keymap::load(Some(&path)).unwrap();
        assert_eq!(
            km.action_for(&key(KeyCode::Char('x'), KeyModifiers::NONE), false),
            Some(Action::Quit)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::Char('q'), KeyModifiers::NONE), false),
            None
        );
        assert!(km
            .help_lines()
            .iter()
            .any(|(k, d)| k == "x" && d == "leave"));
    }

    #[test]
    fn bad_user_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "[[bind]]\naction = \"quit\"\nkeys = [\"hyper-q\"]\nwhen = \"normal\"\ndesc = \"x\"\n",
        )
        .unwrap();
        let err = Keymap::load(Some(&path)).unwrap_err().to_string();
        assert!(
            err.contains("config.toml") && err.contains("hyper-q"),
            "{err}"
        );
    }
}
