//! End to end: the real binary in a real pseudo-terminal (portable-pty), its
//! screen read back through a terminal emulator (vt100), as a reader would see
//! it. Every wait polls the screen until it shows what is expected; nothing
//! sleeps a fixed time and hopes.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

/// How long a wait may take before the test fails (SANAD_TEST_WAIT_MS scales it
/// for slow machines).
fn patience() -> Duration {
    let ms = std::env::var("SANAD_TEST_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15_000);
    Duration::from_millis(ms)
}

struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

impl Session {
    fn start(cols: u16, rows: u16) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let home = tempfile::tempdir().unwrap();
        let index = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sanad"));
        cmd.args(["--index-dir", index.path().to_str().unwrap()]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("XDG_CONFIG_HOME", home.path());
        cmd.env("XDG_CACHE_HOME", home.path());
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).expect("spawn sanad");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().expect("writer");
        Session {
            master: pty.master,
            writer,
            child,
            parser,
            raw,
            _dirs: (home, index),
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to pty");
        self.writer.flush().unwrap();
    }

    /// Waits until the screen satisfies `ready`, then until it stops changing.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
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

    fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// The screen once two reads 100 ms apart agree.
    fn settled(&self) -> String {
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

    fn resize(&self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + patience();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("sanad did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn visual(s: &str) -> String {
    sanad::bidi::visual_string(s, None).remove(0)
}

fn row_of(screen: &str, needle: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(needle))
}

#[test]
fn search_open_and_quit_with_ctrl_c() {
    let mut s = Session::start(100, 30);
    s.wait_text("Search");
    s.send("ستيباناكيرت");
    // The passage appears in visual order: the word reads right to left.
    let screen = s.wait_text("004_24d2e195e726acda.txt:7");
    assert!(screen.contains(&visual("ستيباناكيرت")), "{screen}");
    assert!(screen.contains(&visual("بالقرب من")), "{screen}");

    // Enter opens it in the source view, scrolled to paragraph 7.
    s.send("\r");
    let screen = s.wait_for("paragraph 7 in the source view", |sc| sc.contains("   7│"));
    assert!(screen.contains("004_24d2e195e726acda.txt:7"));

    // Ctrl-C quits with status 0 and the terminal is restored.
    s.send("\x03");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let raw = s.raw.lock().unwrap().clone();
    let raw = String::from_utf8_lossy(&raw);
    let explicit = raw.find("\x1b[8l").expect("explicit bidi mode was set");
    let implicit = raw
        .rfind("\x1b[8h")
        .expect("implicit bidi mode was restored");
    assert!(implicit > explicit);
    let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    let entered = raw
        .find("\x1b[?1049h")
        .expect("entered the alternate screen");
    assert!(left > entered);
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
}

#[test]
fn timeline_jumps_from_the_ceasefire_to_each_source() {
    let corpus = sanad::corpus::Corpus::load(&common::seeds()).unwrap();
    let meta = sanad::metadata::Metadata::load(&common::seeds()).unwrap();
    let timeline = sanad::timeline::build(&corpus.documents, &meta);
    let entry = common::ceasefire_entry(&timeline);
    let mentions = timeline.entries[entry].mentions.clone();

    let mut s = Session::start(120, 36);
    // The timeline loads in the background: wait until it is there.
    let loaded = format!("{} events", timeline.entries.len());
    s.wait_text(&loaded);
    s.send("\t"); // to the timeline pane
    s.wait_for("timeline focus", |sc| sc.contains("jump"));
    for _ in 0..entry {
        s.send("j");
    }
    s.wait_for("the ceasefire entry selected", |sc| {
        sc.lines().any(|l| l.contains("▌2020-11-10"))
    });
    s.send("\r");
    let mut files = std::collections::BTreeSet::new();
    for (i, m) in mentions.iter().enumerate() {
        let label = format!(
            "mention {}/{}: {}:{}",
            i + 1,
            mentions.len(),
            m.file,
            m.paragraph
        );
        let screen = s.wait_text(&label);
        let gutter = format!("{:>4}│", m.paragraph);
        assert!(
            row_of(&screen, &gutter).is_some(),
            "paragraph {} not shown:\n{screen}",
            m.paragraph
        );
        files.insert(m.file.clone());
        s.send("n");
    }
    assert!(files.len() >= 4, "{files:?}");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn resizing_to_tiny_and_back() {
    let mut s = Session::start(100, 30);
    s.wait_text("Search");
    s.resize(20, 6);
    s.wait_text("too small");
    s.resize(100, 30);
    s.wait_for("panes back", |sc| {
        sc.contains("Search") && sc.contains("Timeline") && !sc.contains("too small")
    });
    s.resize(1, 1);
    s.resize(80, 24);
    s.wait_text("Source");
    s.send("\x03");
    assert!(s.wait_exit().success());
}
