//! Key bindings as data: the defaults in `assets/keys.toml`, with the keys of
//! the user's config file laid over them. The help overlay and the status-bar
//! hints are generated from the same table (and from what each [`Action`] says
//! of itself), so they never lie.

use std::collections::HashMap;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::{Action, Section};
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
    /// Only while typing in the search input.
    Input,
}

impl When {
    /// True when a binding of this context applies; `typing` while the
    /// search input has the focus.
    fn applies(self, typing: bool) -> bool {
        match self {
            When::Always => true,
            When::Normal => !typing,
            When::Input => typing,
        }
    }

    /// True when one key bound in both contexts would be read in both.
    fn overlaps(self, other: When) -> bool {
        self == When::Always || other == When::Always || self == other
    }

    /// The context of a user binding that does not say: line editing is for
    /// the search input, everything else for the panes.
    fn default_for(action: Action) -> When {
        if action.input_edit().is_some() {
            When::Input
        } else {
            When::Normal
        }
    }
}

/// One `[[bind]]` block of a key file.
#[derive(Debug, Deserialize)]
struct Block {
    action: Action,
    keys: Vec<String>,
    /// The user's file may leave it out ([`When::default_for`]).
    when: Option<When>,
}

/// The user's config file and its text, `None` when it does not exist. Read
/// bounded, and never blocking on a FIFO put in its place.
pub fn read_user_file(path: Option<&Path>) -> Result<Option<(std::path::PathBuf, String)>> {
    let Some(path) = path.filter(|p| p.exists()) else {
        return Ok(None);
    };
    let text = crate::file::read_text_bounded(path, 1024 * 1024).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    Ok(Some((path.to_path_buf(), text)))
}

/// A TOML error as one line naming where it is: `line 3, column 9: …`.
pub fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().replace('\n', " ");
    match e.span() {
        Some(span) => {
            let before = text.get(..span.start).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message,
    }
}

#[derive(Debug, Deserialize)]
struct BindingFile {
    #[serde(default)]
    bind: Vec<Block>,
}

/// One key bound to one action in one context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub chord: Chord,
    /// The key as the file names it, for hints and help.
    pub key: String,
    pub action: Action,
    pub when: When,
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
    match name.to_ascii_lowercase().as_str() {
        "pagedown" => "PgDn".into(),
        "pageup" => "PgUp".into(),
        "backtab" => "S-Tab".into(),
        "enter" => "Enter".into(),
        "esc" => "Esc".into(),
        "tab" => "Tab".into(),
        "down" => "↓".into(),
        "up" => "↑".into(),
        "left" => "←".into(),
        "right" => "→".into(),
        "home" => "Home".into(),
        "end" => "End".into(),
        "backspace" => "Bksp".into(),
        "delete" => "Del".into(),
        _ => name.to_string(),
    }
}

/// The resolved key table: the defaults, with the user's keys laid over them.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// In file order, defaults first; no key is bound twice in overlapping
    /// contexts.
    bindings: Vec<Binding>,
    typing: HashMap<Chord, Action>,
    normal: HashMap<Chord, Action>,
}

impl Keymap {
    /// The default bindings.
    pub fn defaults() -> Keymap {
        // The embedded file is checked by a unit test; an error can only come
        // from a broken build.
        let blocks = toml::from_str::<BindingFile>(DEFAULT_KEYS)
            .map(|f| f.bind)
            .unwrap_or_default();
        let mut bindings = Vec::new();
        for block in &blocks {
            bind_block(&mut bindings, block);
        }
        Keymap::from_bindings(bindings)
    }

    /// The defaults with the `[[bind]]` blocks of the user's config file laid
    /// over them, if it exists. Keyed by key, as yazi does: a key the user
    /// binds leaves whatever it did by default, and the default action keeps
    /// its other keys.
    pub fn load(user_file: Option<&Path>) -> Result<Keymap> {
        Keymap::from_user_file(read_user_file(user_file)?.as_ref())
    }

    /// [`Keymap::load`] from the config file's text already read
    /// ([`read_user_file`]), so that the file is read once for all it says.
    pub fn from_user_file(user_file: Option<&(std::path::PathBuf, String)>) -> Result<Keymap> {
        let Some((path, text)) = user_file else {
            return Ok(Keymap::defaults());
        };
        let config_error = |reason: String| Error::Config {
            path: path.clone(),
            reason,
        };
        let user: BindingFile =
            toml::from_str(text).map_err(|e| config_error(toml_error(text, &e)))?;
        if let Some(bad) = user
            .bind
            .iter()
            .flat_map(|b| &b.keys)
            .find(|k| parse_key(k).is_none())
        {
            return Err(config_error(format!("unknown key name {bad:?}")));
        }
        let mut bindings = Keymap::defaults().bindings;
        for block in &user.bind {
            bind_block(&mut bindings, block);
        }
        if !bindings.iter().any(|b| b.action.quits()) {
            return Err(config_error(
                "no key is left to quit (bind quit or quit_now to a key)".into(),
            ));
        }
        Ok(Keymap::from_bindings(bindings))
    }

    fn from_bindings(mut bindings: Vec<Binding>) -> Keymap {
        bindings.retain(|b| b.action != Action::Noop);
        let table = |typing: bool| {
            bindings
                .iter()
                .filter(|b| b.when.applies(typing))
                .map(|b| (b.chord, b.action))
                .collect()
        };
        Keymap {
            typing: table(true),
            normal: table(false),
            bindings,
        }
    }

    /// The action bound to `key`; `typing` is true while the search input has
    /// the focus.
    pub fn action_for(&self, key: &KeyEvent, typing: bool) -> Option<Action> {
        let table = if typing { &self.typing } else { &self.normal };
        let chord = Chord::from_event(key);
        table.get(&chord).copied().or_else(|| {
            // Esc and a key read together arrive as Alt and the key: the key
            // still counts (Esc then Ctrl-C must quit).
            let without_alt = Chord {
                mods: chord.mods - KeyModifiers::ALT,
                ..chord
            };
            (without_alt != chord)
                .then(|| table.get(&without_alt).copied())
                .flatten()
        })
    }

    /// The first key bound to `action` in context, for hints.
    pub fn first_key(&self, action: Action, typing: bool) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.action == action && b.when.applies(typing))
            .map(|b| key_label(&b.key))
    }

    /// Every key of `action`, in table order, as hints name them.
    fn keys_of(&self, action: Action) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.action == action) {
            let label = key_label(&b.key);
            if !keys.contains(&label) {
                keys.push(label);
            }
        }
        keys
    }

    /// The help overlay: for each section, one line per bound action, its
    /// keys and what it does.
    pub fn help(&self) -> Vec<(Section, Vec<(String, &'static str)>)> {
        Section::ALL
            .iter()
            .map(|&section| {
                let lines = Action::all()
                    .filter(|a| a.section() == section)
                    .map(|a| (self.keys_of(a).join(" "), a.description()))
                    .filter(|(keys, _)| !keys.is_empty())
                    .collect();
                (section, lines)
            })
            .filter(|(_, lines): &(Section, Vec<_>)| !lines.is_empty())
            .collect()
    }
}

/// Lays one block over `bindings`: each of its keys leaves whatever it was
/// bound to in an overlapping context, then is bound to the block's action.
fn bind_block(bindings: &mut Vec<Binding>, block: &Block) {
    let when = block
        .when
        .unwrap_or_else(|| When::default_for(block.action));
    for key in &block.keys {
        let Some(chord) = parse_key(key) else {
            continue;
        };
        bindings.retain(|b| !(b.chord == chord && b.when.overlaps(when)));
        bindings.push(Binding {
            chord,
            key: key.clone(),
            action: block.action,
            when,
        });
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
    fn no_default_key_is_bound_twice_where_both_would_be_read() {
        let file: BindingFile = toml::from_str(DEFAULT_KEYS).unwrap();
        let mut seen: Vec<(Chord, When, Action)> = Vec::new();
        for b in &file.bind {
            let when = b.when.unwrap();
            for k in &b.keys {
                let chord = parse_key(k).unwrap();
                if let Some(other) = seen
                    .iter()
                    .find(|(c, w, _)| *c == chord && w.overlaps(when))
                {
                    panic!("{k} is bound to {:?} and {:?}", other.2, b.action);
                }
                seen.push((chord, when, b.action));
            }
        }
    }

    #[test]
    fn every_action_but_noop_has_a_default_key() {
        let km = Keymap::defaults();
        for action in Action::all().filter(|&a| a != Action::Noop) {
            assert!(!km.keys_of(action).is_empty(), "{action:?} has no key");
        }
    }

    #[test]
    fn typing_reads_input_and_always_bindings() {
        let km = Keymap::defaults();
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(km.action_for(&q, false), Some(Action::Quit));
        assert_eq!(km.action_for(&q, true), None);
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.action_for(&ctrl_c, true), Some(Action::QuitNow));
        let ctrl_u = key(KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(km.action_for(&ctrl_u, true), Some(Action::ClearInput));
        assert_eq!(km.action_for(&ctrl_u, false), Some(Action::PageUp));
        let home = key(KeyCode::Home, KeyModifiers::NONE);
        assert_eq!(km.action_for(&home, true), Some(Action::CursorStart));
        assert_eq!(km.action_for(&home, false), Some(Action::First));
    }

    #[test]
    fn esc_read_with_a_key_is_the_key() {
        let km = Keymap::defaults();
        let alt_ctrl_c = key(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        );
        assert_eq!(km.action_for(&alt_ctrl_c, true), Some(Action::QuitNow));
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

    fn user_keymap(text: &str) -> Result<Keymap> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        Keymap::load(Some(&path))
    }

    #[test]
    fn a_user_key_leaves_its_default_action_and_the_hints_follow() {
        let km = user_keymap("[[bind]]\naction = \"quit\"\nkeys = [\"n\"]\n").unwrap();
        let n = key(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(km.action_for(&n, false), Some(Action::Quit));
        // The action keeps its other keys; the one taken from it is gone
        // from its hint and its help line.
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(km.action_for(&q, false), Some(Action::Quit));
        assert_eq!(km.first_key(Action::NextHit, false), None);
        let help: Vec<(String, &str)> = km.help().into_iter().flat_map(|(_, l)| l).collect();
        assert!(help.iter().any(|(k, _)| k == "q n"), "{help:?}");
        assert!(!help
            .iter()
            .any(|(_, d)| *d == Action::NextHit.description()));
    }

    #[test]
    fn noop_frees_a_key_and_input_edits_rebind() {
        let km = user_keymap(
            "[[bind]]\naction = \"noop\"\nkeys = [\"ctrl-w\"]\nwhen = \"input\"\n\
             [[bind]]\naction = \"delete_word_back\"\nkeys = [\"alt-backspace\"]\n",
        )
        .unwrap();
        let ctrl_w = key(KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(km.action_for(&ctrl_w, true), None);
        let alt_bksp = key(KeyCode::Backspace, KeyModifiers::ALT);
        assert_eq!(km.action_for(&alt_bksp, true), Some(Action::DeleteWordBack));
        assert_eq!(km.action_for(&alt_bksp, false), None);
    }

    #[test]
    fn ctrl_c_can_be_rebound_but_some_key_must_quit() {
        let km =
            user_keymap("[[bind]]\naction = \"copy\"\nkeys = [\"ctrl-c\"]\nwhen = \"always\"\n")
                .unwrap();
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.action_for(&ctrl_c, true), Some(Action::Copy));
        let err = user_keymap(
            "[[bind]]\naction = \"noop\"\nkeys = [\"ctrl-c\"]\nwhen = \"always\"\n\
             [[bind]]\naction = \"noop\"\nkeys = [\"q\"]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("config.toml") && err.contains("quit"), "{err}");
    }

    #[test]
    fn bad_user_file_is_a_clear_error() {
        let err =
            user_keymap("[[bind]]\naction = \"quit\"\nkeys = [\"hyper-q\"]\nwhen = \"normal\"\n")
                .unwrap_err()
                .to_string();
        assert!(
            err.contains("config.toml") && err.contains("hyper-q"),
            "{err}"
        );
    }

    #[test]
    fn config_errors_name_the_line_and_column() {
        let text = "[[bind]]\naction = \"quit\"\nkeys = [\"q\"\n";
        let e = toml::from_str::<BindingFile>(text).unwrap_err();
        let said = toml_error(text, &e);
        assert!(said.starts_with("line 3, column "), "{said}");
        assert!(!said.contains('\n'));
    }
}
