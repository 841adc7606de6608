//! The terminal: set-up and restore (also on error and panic), the event loop
//! that turns terminal events into actions, and the effects (clipboard, editor)
//! that need the terminal.

use std::io::{self, Write};
use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, Viewport};

use sanad::app::{App, Effect, Event as AppEvent};

/// Explicit bidi mode (`CSI 8 l`): terminals that reorder right-to-left text
/// themselves (VTE, mintty) leave sanad's cell order alone. `CSI 8 h` restores
/// their default, implicit mode.
const BIDI_EXPLICIT: &str = "\x1b[8l";
const BIDI_IMPLICIT: &str = "\x1b[8h";

/// The size assumed for a terminal that reports 0 columns or 0 rows (some
/// pseudo-terminals and serial consoles do): an unknown size, not room for one
/// letter per line.
const UNKNOWN_SIZE: (u16, u16) = (80, 24);

/// The terminal's reported `(columns, rows)` with a 0 read as unknown (80
/// columns, 24 rows). The CLI and the explorer both size themselves through it.
pub fn known_size(columns: u16, rows: u16) -> (u16, u16) {
    let or_unknown = |n: u16, unknown: u16| if n == 0 { unknown } else { n };
    (
        or_unknown(columns, UNKNOWN_SIZE.0),
        or_unknown(rows, UNKNOWN_SIZE.1),
    )
}

/// The area to draw in: the terminal's size as [`known_size`] reads it.
fn screen_area() -> io::Result<Rect> {
    let (width, height) = terminal::size()?;
    let (width, height) = known_size(width, height);
    Ok(Rect::new(0, 0, width, height))
}

/// How the terminal is set up for the session.
#[derive(Debug, Clone, Copy)]
pub struct TerminalOptions {
    pub mouse: bool,
    /// Send the explicit-bidi escape (when sanad reorders text itself).
    pub explicit_bidi: bool,
}

/// Runs the explorer until the user quits. The terminal is restored on every
/// way out, a panic included.
/// `start` begins the background work and returns what must be finished
/// after the terminal is restored: it is handed back, with the loop's result.
pub fn run<T>(
    app: &mut App,
    options: TerminalOptions,
    start: impl FnOnce(&mut App) -> Option<T>,
) -> (Option<T>, Result<()>) {
    install_panic_hook(options);
    if let Err(e) = enter(options) {
        let _ = leave(options);
        return (None, Err(e).context("setting up the terminal"));
    }
    let started = start(app);
    let result = event_loop(app, options);
    let restored = leave(options);
    (
        started,
        result.and(restored.context("restoring the terminal")),
    )
}

fn enter(options: TerminalOptions) -> io::Result<()> {
    fatal::arm(options.explicit_bidi);
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if options.mouse {
        execute!(out, EnableMouseCapture)?;
    }
    if options.explicit_bidi {
        out.write_all(BIDI_EXPLICIT.as_bytes())?;
    }
    out.flush()
}

fn leave(options: TerminalOptions) -> io::Result<()> {
    let mut out = io::stdout();
    if options.explicit_bidi {
        let _ = out.write_all(BIDI_IMPLICIT.as_bytes());
    }
    if options.mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    terminal::disable_raw_mode()?;
    fatal::disarm();
    out.flush()
}

/// The terminal given back when the process dies of a signal: an abort (an
/// allocation that fails, a stack overflow, a library's `abort()`), `kill`,
/// a closed terminal (SIGHUP) or SIGQUIT. A panic has its hook; these do not
/// unwind, so the handler does what is async-signal-safe only: it writes the
/// restore sequences prepared in advance with `write(2)`, puts back the
/// terminal modes saved before raw mode with `tcsetattr(3)`, and dies of the
/// same signal with its default action.
mod fatal {
    use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
    use std::sync::OnceLock;

    /// Mouse reporting (every mode crossterm enables) and bracketed paste
    /// off, the main screen back, the cursor shown.
    const RESTORE: &[u8] = b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\
                             \x1b[?2004l\x1b[?1049l\x1b[?25h";
    const SIGNALS: [libc::c_int; 4] = [libc::SIGABRT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT];

    static ARMED: AtomicBool = AtomicBool::new(false);
    static IMPLICIT_BIDI: AtomicBool = AtomicBool::new(false);
    /// The terminal's descriptor and its modes before raw mode.
    static TTY: AtomicI32 = AtomicI32::new(-1);
    static SAVED: OnceLock<libc::termios> = OnceLock::new();

    /// Saves the terminal's modes and installs the handlers (once).
    pub(super) fn arm(explicit_bidi: bool) {
        IMPLICIT_BIDI.store(explicit_bidi, Ordering::SeqCst);
        if TTY.load(Ordering::SeqCst) < 0 {
            if let Some(fd) = open_tty() {
                // SAFETY: `termios` is plain data, filled by tcgetattr on an
                // open descriptor.
                let mut modes: libc::termios = unsafe { std::mem::zeroed() };
                if unsafe { libc::tcgetattr(fd, &mut modes) } == 0 {
                    let _ = SAVED.set(modes);
                    TTY.store(fd, Ordering::SeqCst);
                }
            }
            for signal in SIGNALS {
                install(signal);
            }
        }
        ARMED.store(true, Ordering::SeqCst);
    }

    /// The terminal is restored: a signal now kills without writing anything.
    pub(super) fn disarm() {
        ARMED.store(false, Ordering::SeqCst);
    }

    fn open_tty() -> Option<libc::c_int> {
        // SAFETY: a static NUL-terminated path.
        let fd = unsafe { libc::open(c"/dev/tty".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC) };
        (fd >= 0).then_some(fd)
    }

    fn install(signal: libc::c_int) {
        // SAFETY: `on_fatal_signal` only calls async-signal-safe functions;
        // SA_RESETHAND gives the signal its default action back at once, and
        // SA_ONSTACK runs it on the alternate stack Rust sets up, so that a
        // stack overflow's abort can still be handled.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_fatal_signal as *const () as libc::sighandler_t;
            action.sa_flags = libc::SA_RESETHAND | libc::SA_NODEFER | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }

    extern "C" fn on_fatal_signal(signal: libc::c_int) {
        if ARMED.swap(false, Ordering::SeqCst) {
            write_all(RESTORE);
            if IMPLICIT_BIDI.load(Ordering::SeqCst) {
                write_all(super::BIDI_IMPLICIT.as_bytes());
            }
            let fd = TTY.load(Ordering::SeqCst);
            if let (true, Some(modes)) = (fd >= 0, SAVED.get()) {
                // SAFETY: tcsetattr is async-signal-safe; `modes` was saved
                // from the same terminal.
                unsafe { libc::tcsetattr(fd, libc::TCSANOW, modes) };
            }
        }
        // SAFETY: the handler was reset to the default action, which ends
        // the process as the signal would have.
        unsafe { libc::raise(signal) };
    }

    fn write_all(mut bytes: &[u8]) {
        while !bytes.is_empty() {
            // SAFETY: write(2) on stdout with a valid buffer and length.
            let n = unsafe { libc::write(libc::STDOUT_FILENO, bytes.as_ptr().cast(), bytes.len()) };
            if n <= 0 {
                return;
            }
            bytes = &bytes[n as usize..];
        }
    }
}

fn install_panic_hook(options: TerminalOptions) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = leave(options);
        let _ = writeln!(
            io::stderr(),
            "sanad crashed; the terminal has been restored. Please report this:"
        );
        previous(info);
        // A panic on a worker thread must not leave the loop drawing on a
        // terminal that has just been restored.
        std::process::exit(101);
    }));
}

/// How long to wait for a key when a background answer is expected: short, so
/// the answer is drawn as soon as it comes.
const WAITING_POLL: Duration = Duration::from_millis(5);
const IDLE_POLL: Duration = Duration::from_millis(500);

fn event_loop(app: &mut App, options: TerminalOptions) -> Result<()> {
    // A fixed viewport, resized on every resize event: ratatui's full-screen
    // one would follow a reported 0×0 and draw nothing.
    let area = screen_area()?;
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(io::stdout()),
        ratatui::TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )?;
    app.update(AppEvent::Resize(area.width, area.height));
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| sanad::ui::draw(frame, app))?;
        }
        // Handle everything already waiting (fast typing, a paste, a resize
        // burst, answers from the workers) before drawing again: the screen
        // never lags behind the keys.
        let mut events = Vec::new();
        if event::poll(if app.waiting() {
            WAITING_POLL
        } else {
            IDLE_POLL
        })? {
            events.push(event::read()?);
            while event::poll(Duration::ZERO)? {
                events.push(event::read()?);
            }
        }
        dirty = !events.is_empty();
        // Each key is read against the state the previous one left (a Tab
        // changes what the next letter means).
        // Characters typed in a row are inserted at once: one search for the
        // burst, not one per key.
        let mut typed = String::new();
        for ev in events {
            panic_for_tests(&ev);
            let Some(event) = event_for(app, ev) else {
                continue;
            };
            if let AppEvent::Insert(text) = &event {
                typed.push_str(text);
                continue;
            }
            if !typed.is_empty()
                && apply(
                    app,
                    AppEvent::Insert(std::mem::take(&mut typed)),
                    &mut terminal,
                    options,
                )?
            {
                return Ok(());
            }
            if apply(app, event, &mut terminal, options)? {
                return Ok(());
            }
        }
        if !typed.is_empty() && apply(app, AppEvent::Insert(typed), &mut terminal, options)? {
            return Ok(());
        }
        // Answers of the background work, after the keys read with them.
        dirty |= app.receive_pending();
        // The Source pane follows the selection once the burst is read.
        dirty |= app.settle();
    }
}

/// Panics on the first key when `SANAD_PANIC_ON_KEY` is set, so tests can show
/// that a panic restores the terminal before it reports.
#[allow(clippy::panic)] // the panic is the point
fn panic_for_tests(ev: &Event) {
    if matches!(ev, Event::Key(_)) && std::env::var_os("SANAD_PANIC_ON_KEY").is_some() {
        panic!("panic requested by SANAD_PANIC_ON_KEY");
    }
}

/// Applies one event and its effect; true when the app should quit.
fn apply(
    app: &mut App,
    event: AppEvent,
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    options: TerminalOptions,
) -> Result<bool> {
    if let AppEvent::Resize(width, height) = event {
        terminal.resize(Rect::new(0, 0, width, height))?;
    }
    match app.update(event) {
        Effect::None => {}
        Effect::Quit => return Ok(true),
        Effect::Copy(text) => copy_osc52(&text)?,
        Effect::Edit { path, line } => {
            run_editor(&path, line, app.editor.as_deref(), options)?;
            // Not `clear()`: in ratatui 0.30 it asks the terminal for the cursor
            // position, and a terminal that does not answer stalls it. A resize
            // to the same size clears and redraws without asking.
            let area = screen_area()?;
            terminal.resize(area)?;
            app.update(AppEvent::Resize(area.width, area.height));
            app.after_edit();
        }
        Effect::Open(path) => {
            let outcome = open_with_system(&path);
            app.after_open(&path, outcome);
        }
    }
    Ok(false)
}

/// Asks the system's opener (`xdg-open`, `open` on macOS) to show a file
/// sanad cannot edit as text. It runs apart from the terminal (its output
/// would write over the screen) and is not waited for.
fn open_with_system(path: &std::path::Path) -> std::result::Result<(), String> {
    use std::process::{Command, Stdio};
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    Command::new(opener)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => format!("{opener} is not installed"),
            _ => format!("{opener}: {e}"),
        })
}

/// Turns a terminal event into the app's: a bound key (the key table decides
/// every key, line editing and Ctrl-C included), else typed text while the
/// search input has the focus.
pub fn event_for(app: &App, ev: Event) -> Option<AppEvent> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_event(app, key),
        Event::Paste(text) => Some(AppEvent::Insert(text)),
        Event::Resize(w, h) => {
            let (w, h) = known_size(w, h);
            Some(AppEvent::Resize(w, h))
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(AppEvent::Scroll {
                column: m.column,
                row: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(AppEvent::Scroll {
                column: m.column,
                row: m.row,
                down: false,
            }),
            MouseEventKind::Down(_) => Some(AppEvent::Click {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

fn key_event(app: &App, key: KeyEvent) -> Option<AppEvent> {
    let typing = app.reads_text();
    if let Some(action) = app.keymap.action_for(&key, typing) {
        return Some(AppEvent::Action(action));
    }
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if typing && plain => Some(AppEvent::Insert(c.to_string())),
        _ => None,
    }
}

/// Puts `text` on the clipboard through the terminal (OSC 52), which works over
/// SSH and inside tmux (with `set-clipboard on`).
fn copy_osc52(text: &str) -> Result<()> {
    use crossterm::clipboard::CopyToClipboard;
    let mut out = io::stdout();
    execute!(out, CopyToClipboard::to_clipboard_from(text))?;
    Ok(())
}

/// Runs `$VISUAL` or `$EDITOR` on the file at `line`, with the terminal handed
/// over for the time it runs.
fn run_editor(
    path: &std::path::Path,
    line: usize,
    template: Option<&str>,
    options: TerminalOptions,
) -> Result<()> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| sanad::editor::FALLBACK.to_string());
    let words = sanad::editor::command(&editor, template, path, line)
        .map_err(|e| anyhow::anyhow!("reading the editor command {e}"))?;
    let Some((program, args)) = words.split_first() else {
        return Ok(());
    };
    leave(options)?;
    let status = std::process::Command::new(program).args(args).status();
    enter(options)?;
    status.with_context(|| format!("running the editor {program:?}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_size_is_unknown() {
        assert_eq!(known_size(0, 0), (80, 24));
        assert_eq!(known_size(0, 50), (80, 50));
        assert_eq!(known_size(132, 0), (132, 24));
        assert_eq!(known_size(1, 1), (1, 1));
    }
}
