//! Colours and text attributes. With `mono` (NO_COLOR, `--color never`) every
//! meaning is carried by bold, reverse and underline alone.

use ratatui::style::{Color, Modifier, Style};

use crate::app::source::Mark;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub title_focused: Style,
    pub selected: Style,
    pub hit: Style,
    pub target: Style,
    pub target_hit: Style,
    pub gutter: Style,
    pub status: Style,
    pub key: Style,
    pub error: Style,
    pub date: Style,
}

impl Theme {
    pub fn new(mono: bool) -> Theme {
        if mono {
            Self::mono()
        } else {
            Self::colour()
        }
    }

    fn colour() -> Theme {
        let plain = Style::default();
        Theme {
            text: plain,
            dim: plain.fg(Color::DarkGray),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Cyan),
            title: plain.fg(Color::Gray),
            title_focused: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: plain.bg(Color::Indexed(236)).add_modifier(Modifier::BOLD),
            hit: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            target: plain.bg(Color::Indexed(237)),
            target_hit: plain
                .fg(Color::Yellow)
                .bg(Color::Indexed(237))
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            gutter: plain.fg(Color::DarkGray),
            status: plain.bg(Color::Indexed(235)).fg(Color::Gray),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: plain.fg(Color::Red),
            date: plain.fg(Color::Green),
        }
    }

    fn mono() -> Theme {
        let plain = Style::default();
        Theme {
            text: plain,
            dim: plain,
            border: plain,
            border_focused: plain.add_modifier(Modifier::BOLD),
            title: plain,
            title_focused: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            hit: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            target: plain.add_modifier(Modifier::REVERSED),
            target_hit: plain
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            gutter: plain,
            status: plain.add_modifier(Modifier::REVERSED),
            key: plain.add_modifier(Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD),
            date: plain,
        }
    }

    pub fn mark(&self, mark: Mark) -> Style {
        match mark {
            Mark::Plain => self.text,
            Mark::Hit => self.hit,
            Mark::Target => self.target,
            Mark::TargetHit => self.target_hit,
        }
    }
}
