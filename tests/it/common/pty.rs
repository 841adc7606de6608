//! The real binary in a real pseudo-terminal (portable-pty), its screen read
//! back through a terminal emulator (vt100). Waits poll the screen; nothing
//! sleeps a fixed time and hopes. Include with
//! `#[path = "common/pty.rs"] mod pty;` (in `main.rs`).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

/// How long a wait may take before the test fails (SANAD_TEST_WAIT_MS scales it
/// for slow machines).
pub fn patience() -> Duration {
    let ms = std::env::var("SANAD_TEST_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15_000);
    Duration::from_millis(ms)
}

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Writer,
    /// Answer cursor-position queries (`CSI 6 n`) as a real terminal does; the
    /// vt100 emulator does not.
    answers_cursor_queries: Arc<AtomicBool>,
    pub child: Box<dyn Child + Send + Sync>,
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote to the terminal.
    pub raw: Arc<Mutex<Vec<u8>>>,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

impl Session {
    /// `sanad` on the bundled seeds with a private index and config.
    pub fn start(cols: u16, rows: u16) -> Session {
        Session::start_with(cols, rows, &[], &[])
    }

    /// `sanad ARGS` with extra environment variables.
    pub fn start_with(cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Session {
        let index = tempfile::tempdir().expect("temp dir");
        let path = index.path().to_path_buf();
        Session::launch((cols, rows), (cols, rows), &path, index, args, env)
    }

    /// `sanad ARGS` in a pseudo-terminal that reports `reported` (columns, rows)
    /// as its size, read back through an emulator of `screen`.
    pub fn start_reporting(reported: (u16, u16), screen: (u16, u16), args: &[&str]) -> Session {
        let index = tempfile::tempdir().expect("temp dir");
        let path = index.path().to_path_buf();
        Session::launch(reported, screen, &path, index, args, &[])
    }

    /// `sanad ARGS` on an index directory the test has prepared.
    pub fn start_on_index(cols: u16, rows: u16, index: &Path, args: &[&str]) -> Session {
        let unused = tempfile::tempdir().expect("temp dir");
        Session::launch((cols, rows), (cols, rows), index, unused, args, &[])
    }

    /// `sanad ARGS` on a prepared index directory, with extra environment.
    pub fn start_on_index_with(
        cols: u16,
        rows: u16,
        index: &Path,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        let unused = tempfile::tempdir().expect("temp dir");
        Session::launch((cols, rows), (cols, rows), index, unused, args, env)
    }

    fn launch(
        (reported_cols, reported_rows): (u16, u16),
        (cols, rows): (u16, u16),
        index_path: &Path,
        index: tempfile::TempDir,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        quiet_emulator_panics();
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: reported_rows,
                cols: reported_cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let home = tempfile::tempdir().expect("temp dir");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sanad"));
        cmd.args(["--index-dir", path_str(index_path)]);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("XDG_CONFIG_HOME", home.path());
        cmd.env("XDG_CACHE_HOME", home.path());
        // The query history: never the real user's.
        cmd.env("XDG_STATE_HOME", home.path());
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("RUST_BACKTRACE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn sanad");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer: Writer = Arc::new(Mutex::new(pty.master.take_writer().expect("writer")));
        let answers = Arc::new(AtomicBool::new(true));
        // Answers go through their own thread: the reader must never wait on
        // the writer (a full input buffer would stall both ends).
        let (answer_tx, answer_rx) = std::sync::mpsc::channel::<String>();
        let w = writer.clone();
        std::thread::spawn(move || {
            for answer in answer_rx {
                let mut w = w.lock().unwrap();
                let _ = w.write_all(answer.as_bytes());
                let _ = w.flush();
            }
        });
        let (p, r, a) = (parser.clone(), raw.clone(), answers.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut parser = p.lock().unwrap();
                process(&mut parser, &buf[..n]);
                let mut raw = r.lock().unwrap();
                let from = raw.len().saturating_sub(3);
                raw.extend_from_slice(&buf[..n]);
                let queries = raw[from..].windows(4).filter(|w| w == b"\x1b[6n").count();
                if queries > 0 && a.load(Ordering::SeqCst) {
                    let (row, col) = parser.screen().cursor_position();
                    let answer = format!("\x1b[{};{}R", row + 1, col + 1).repeat(queries);
                    let _ = answer_tx.send(answer);
                }
            }
        });
        Session {
            master: pty.master,
            writer,
            answers_cursor_queries: answers,
            child,
            parser,
            raw,
            _dirs: (home, index),
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn send(&mut self, bytes: &str) {
        self.send_bytes(bytes.as_bytes());
    }

    /// Writes to the terminal; false when the program has gone away.
    pub fn send_bytes(&mut self, bytes: &[u8]) -> bool {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes).is_ok() && w.flush().is_ok()
    }

    /// From now on, leave cursor-position queries unanswered, as some terminals
    /// (and terminals under load) do.
    pub fn ignore_cursor_queries(&self) {
        self.answers_cursor_queries.store(false, Ordering::SeqCst);
    }

    /// Waits until the screen satisfies `ready`, then until it stops changing.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + patience();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return self.settled();
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// The screen once two reads 100 ms apart agree.
    pub fn settled(&self) -> String {
        let mut last = self.screen();
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let now = self.screen();
            if now == last {
                return now;
            }
            last = now;
        }
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        let mut parser = self.parser.lock().unwrap();
        let resized = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            parser.screen_mut().set_size(rows, cols)
        }));
        if resized.is_err() {
            *parser = vt100::Parser::new(rows, cols, 0);
        }
        drop(parser);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    /// The exit status if the program has exited.
    pub fn exited(&mut self) -> Option<portable_pty::ExitStatus> {
        self.child.try_wait().expect("child status")
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + patience();
        loop {
            if let Some(status) = self.exited() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("sanad did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything written to the terminal, as text.
    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// Waits (briefly) until the output stops growing: the reader thread has
    /// seen everything the program wrote before it exited.
    pub fn drain(&self) {
        let mut last = self.raw.lock().unwrap().len();
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
            let now = self.raw.lock().unwrap().len();
            if now == last {
                return;
            }
            last = now;
        }
    }

    /// The terminal's line settings as `stty -a` prints them (`icanon` in
    /// cooked mode, `-icanon` in raw mode).
    pub fn tty_modes(&self) -> String {
        let name = self.master.tty_name().expect("the pty's name");
        let out = std::process::Command::new("stty")
            .arg("-a")
            .arg("-F")
            .arg(&name)
            .output()
            .expect("run stty");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends `signal` to the program.
    pub fn signal(&self, signal: i32) {
        let pid = self.child.process_id().expect("a pid") as i32;
        // SAFETY: kill(2) on the child's pid.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    }

    /// Asserts the terminal was given back: the alternate screen left after it
    /// was last entered, mouse reporting and bracketed paste switched off after
    /// they were last switched on, and the cursor shown.
    pub fn assert_restored(&self, context: &str) {
        self.drain();
        let raw = self.raw_text();
        for (on, off, what) in [
            ("\x1b[?1049h", "\x1b[?1049l", "alternate screen"),
            ("\x1b[?2004h", "\x1b[?2004l", "bracketed paste"),
            ("\x1b[?1000h", "\x1b[?1000l", "mouse capture"),
        ] {
            let entered = raw.rfind(on);
            let left = raw.rfind(off);
            assert!(
                entered.is_none() || left > entered,
                "{context}: {what} not restored (on at {entered:?}, off at {left:?})"
            );
        }
        assert!(
            raw.rfind("\x1b[?25h") >= raw.rfind("\x1b[?25l"),
            "{context}: cursor left hidden"
        );
        assert!(
            !self.parser.lock().unwrap().screen().alternate_screen(),
            "{context}: still on the alternate screen"
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Keeps the emulator's own (caught) panics out of the test output.
fn quiet_emulator_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.location().is_some_and(|l| l.file().contains("vt100")) {
                previous(info);
            }
        }));
    });
}

/// Feeds the emulator. vt100 0.16 can overflow on a wide character in a
/// one-column screen (sanad may still draw for the size before a resize, as
/// it must): then start a fresh emulator of the same size rather than lose the
/// reader thread, which would stall the program on its next write.
fn process(parser: &mut vt100::Parser, bytes: &[u8]) {
    let fed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.process(bytes)));
    if fed.is_err() {
        let (rows, cols) = parser.screen().size();
        *parser = vt100::Parser::new(rows, cols, 0);
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}
