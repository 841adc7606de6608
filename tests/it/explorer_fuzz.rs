//! The explorer under random input: the real binary in a pseudo-terminal gets
//! random keys, pastes, mouse events and resizes (down to 1×1) for a few
//! seconds, then Ctrl-C. It must not die before, must exit 0, and must give the
//! terminal back. One run has a fixed seed, one a seed from the clock; a
//! failure prints the seed (rerun with SANAD_EXPLORER_FUZZ_SEED=N, and make a
//! run longer with SANAD_EXPLORER_FUZZ_MS). And a panic restores the terminal
//! before its short report.

use crate::pty;

use std::time::{Duration, Instant};

use pty::Session;

/// xorshift64*: small, seedable, good enough to pick keys.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Keys that do something somewhere. Not `q` or Ctrl-C (they quit), nor
/// Ctrl-Z or Ctrl-\ (job control, should the terminal leave raw mode).
const KEYS: &[&str] = &[
    "\r",
    "\t",
    "\x1b[Z",
    "\x1b[A",
    "\x1b[B",
    "\x1b[C",
    "\x1b[D",
    "\x1b[5~",
    "\x1b[6~",
    "\x1b[H",
    "\x1b[F",
    "\x1bOP",
    "\x1b[3~",
    "\x7f",
    "\x17",
    "\x01",
    "\x05",
    "\x10",
    "\x0e",
    "\x19",
    "\x1b",
    "?",
    "/",
    "]",
    "[",
    "d",
    "f",
    "n",
    "N",
    "m",
    "M",
    "i",
    "t",
    "g",
    "G",
    "j",
    "k",
    "e",
    "y",
    " ",
    "-",
    "*",
    "\"",
    "ب",
    "ق",
    "ر",
    "ه",
    "ا",
    "غ",
    "ة",
    "ى",
    "ً",
    "ّ",
    "1",
    "2",
    "0",
    "a",
    "z",
    "R",
    "\x1bb",
    "\x1b\r",
    "\x1b[1;5C",
    "\x1b[1;2A",
    "\x1b[15~",
    "\x1b[24~",
];

/// Words that find things in the seeds, so results, sources and events show.
const WORDS: &[&str] = &[
    "ستيباناكيرت",
    "وقف إطلاق النار",
    "قره باغ",
    "لاتشين",
    "\"قوات حفظ السلام\"",
    "ستيبان*",
    "بوتين -تركيا",
    "RTJMC",
    "2020",
    "\u{1b}[2J\u{9b}31m\u{202e}",
];

const PASTES: &[&str] = &[
    "قوات حفظ السلام",
    "\u{1b}]0;pwned\u{7}\u{1b}[2Jنص",
    "سطر\nسطر ثان\r\nثالث",
    "\u{202e}\u{2066}مقلوب\u{2069}",
    "\u{0651}\u{0651}\u{200d}\u{0}",
];

/// One random input event, as bytes for the terminal or a resize.
enum Event {
    Bytes(String),
    Resize(u16, u16),
}

fn random_event(rng: &mut Rng, size: (u16, u16)) -> Event {
    match rng.below(100) {
        0..=59 => Event::Bytes(rng.pick(KEYS).to_string()),
        60..=69 => Event::Bytes(rng.pick(WORDS).to_string()),
        70..=73 => Event::Bytes(format!("\x1b[200~{}\x1b[201~", rng.pick(PASTES))),
        74..=83 => {
            // Mouse: left click, wheel up or down, anywhere (also off screen).
            let (w, h) = size;
            let x = 1 + rng.below(usize::from(w) + 3);
            let y = 1 + rng.below(usize::from(h) + 3);
            let button = [0, 64, 65, 2][rng.below(4)];
            let release = if button == 0 {
                format!("\x1b[<0;{x};{y}m")
            } else {
                String::new()
            };
            Event::Bytes(format!("\x1b[<{button};{x};{y}M{release}"))
        }
        84..=87 => Event::Resize(1, 1),
        88..=91 => {
            let tiny = [(1, 1), (2, 1), (1, 2), (20, 6), (59, 14), (60, 15), (3, 40)];
            let (w, h) = tiny[rng.below(tiny.len())];
            Event::Resize(w, h)
        }
        _ => Event::Resize(1 + rng.below(200) as u16, 1 + rng.below(60) as u16),
    }
}

fn fuzz_duration() -> Duration {
    let ms = std::env::var("SANAD_EXPLORER_FUZZ_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4_000);
    Duration::from_millis(ms)
}

/// Waits until the output has grown past `from` and then stayed still for
/// 40 ms, or until `cap` has passed.
fn wait_quiet(s: &Session, from: usize, cap: Duration) {
    let deadline = Instant::now() + cap;
    let mut last = from;
    let mut still_since = Instant::now();
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
        let now = s.raw.lock().unwrap().len();
        if now != last {
            last = now;
            still_since = Instant::now();
        } else if now != from && still_since.elapsed() >= Duration::from_millis(40) {
            return;
        }
    }
}

fn run_with_seed(seed: u64) {
    println!("explorer fuzz seed {seed} (SANAD_EXPLORER_FUZZ_SEED={seed} to rerun)");
    let mut rng = Rng::new(seed);
    let mut size = (100u16, 30u16);
    let mut s = Session::start_with(
        size.0,
        size.1,
        &[],
        &[("VISUAL", "true"), ("EDITOR", "true")],
    );
    s.wait_text("Search");
    let mut log: Vec<String> = Vec::new();
    let started = Instant::now();
    let fail = |s: &Session, log: &[String], why: String| -> ! {
        s.drain();
        let raw = s.raw_text();
        let tail: String = raw
            .chars()
            .rev()
            .take(1500)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        panic!(
            "seed {seed}: {why}\nlast events: {:?}\nscreen:\n{}\nlast output: {tail:?}",
            &log[log.len().saturating_sub(25)..],
            s.screen()
        );
    };
    while started.elapsed() < fuzz_duration() {
        let output_before = s.raw.lock().unwrap().len();
        for _ in 0..1 + rng.below(6) {
            match random_event(&mut rng, size) {
                // A lone Esc glued to the next sequence reads as Esc plus
                // typed text (crossterm's rule, as in any terminal): send it
                // alone, then pause.
                Event::Bytes(bytes) if bytes == "\x1b" => {
                    log.push("Esc".into());
                    s.send_bytes(b"\x1b");
                    std::thread::sleep(Duration::from_millis(30));
                }
                Event::Bytes(bytes) => {
                    log.push(format!("{bytes:?}"));
                    if !s.send_bytes(bytes.as_bytes()) {
                        fail(&s, &log, "the terminal closed".into());
                    }
                }
                Event::Resize(w, h) => {
                    log.push(format!("resize {w}x{h}"));
                    size = (w, h);
                    s.resize(w, h);
                }
            }
        }
        std::thread::sleep(Duration::from_millis(rng.below(25) as u64));
        // Keep the unread input under 1 KB: wait (a little) until sanad has
        // drawn what it was sent. A longer backlog would only measure a debug
        // build's speed, and trips a crossterm bug that leaves the tail of a
        // burst unread (see `a_burst_of_input_is_read_to_its_end`).
        wait_quiet(&s, output_before, Duration::from_secs(2));
        if let Some(status) = s.exited() {
            fail(&s, &log, format!("sanad exited early with {status:?}"));
        }
    }
    s.resize(100, 30);
    // Let it catch up with everything sent, then quit.
    let before = s.raw.lock().unwrap().len();
    wait_quiet(&s, before, Duration::from_secs(5));
    if let Some(status) = s.exited() {
        fail(&s, &log, format!("sanad exited early with {status:?}"));
    }
    // A lone Esc still unread would glue onto the Ctrl-C, which then reads as
    // Alt+Ctrl-C (not bound): end it with an arrow first.
    let before = s.raw.lock().unwrap().len();
    s.send("\x1b[B");
    wait_quiet(&s, before, Duration::from_secs(5));
    let sent_at = s.raw.lock().unwrap().len();
    s.send("\x03");
    let deadline = Instant::now() + 2 * pty::patience();
    let status = loop {
        if let Some(status) = s.exited() {
            break status;
        }
        if Instant::now() > deadline {
            let pid = s.child.process_id().unwrap_or(0);
            let state = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
            let state = state
                .lines()
                .find(|l| l.starts_with("State"))
                .unwrap_or("")
                .to_string();
            let wchan = std::fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default();
            let after = String::from_utf8_lossy(&s.raw.lock().unwrap()[sent_at..]).into_owned();
            let after: String = after.chars().take(600).collect();
            let why = format!(
                "sanad did not quit on Ctrl-C ({state}, in {wchan}); it wrote since: {after:?}"
            );
            fail(&s, &log, why);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if !status.success() {
        fail(&s, &log, format!("Ctrl-C gave {status:?}"));
    }
    s.assert_restored(&format!("seed {seed}"));
    println!(
        "seed {seed}: {} events in {:?}",
        log.len(),
        started.elapsed()
    );
}

#[test]
fn random_input_with_a_fixed_seed() {
    let seed = std::env::var("SANAD_EXPLORER_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5A4A_D001);
    run_with_seed(seed);
}

#[test]
fn random_input_with_a_seed_from_the_clock() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    run_with_seed(seed);
}

#[test]
fn a_panic_restores_the_terminal_before_a_short_report() {
    let mut s = Session::start_with(100, 30, &[], &[("SANAD_PANIC_ON_KEY", "1")]);
    s.wait_text("Search");
    s.send("x");
    let status = s.wait_exit();
    assert!(!status.success(), "a panic must not exit 0: {status:?}");
    s.assert_restored("after a panic");
    let raw = s.raw_text();
    let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    let report = &raw[left..];
    let crashed = report
        .find("sanad crashed; the terminal has been restored")
        .unwrap_or_else(|| panic!("no report after the restore: {report:?}"));
    assert!(
        report[crashed..].contains("panic requested by SANAD_PANIC_ON_KEY"),
        "{report:?}"
    );
    let lines = report[crashed..]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert!(lines <= 6, "a short report, not {lines} lines: {report:?}");
}

/// After `e` (the editor) the explorer redraws without asking the terminal
/// where its cursor is: a terminal that does not answer `CSI 6 n` must not
/// make sanad quit with "The cursor position could not be read".
#[test]
fn returning_from_the_editor_needs_no_cursor_position_answer() {
    let mut s = Session::start_with(100, 30, &[], &[("VISUAL", "true")]);
    s.ignore_cursor_queries();
    s.wait_text("Search");
    s.send("\t\t"); // to the source pane, where `e` edits
    s.wait_for("source focus", |sc| sc.contains("edit"));
    s.send("e");
    std::thread::sleep(Duration::from_millis(2500));
    if let Some(status) = s.exited() {
        s.drain();
        panic!("sanad quit after the editor: {status:?}\n{}", s.screen());
    }
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.assert_restored("after the editor");
}

/// Input that arrives faster than sanad reads it is all read in the end: a
/// burst of more than 1 KB (type-ahead while a search runs, a paste followed
/// by keys) must not leave its tail, here the Ctrl-C, unread in the terminal.
#[test]
fn a_burst_of_input_is_read_to_its_end() {
    let mut s = Session::start(100, 30);
    s.wait_text("Search");
    s.send("\t"); // the timeline: Down moves the selection, nothing is typed
    s.wait_for("timeline focus", |sc| sc.contains("next source"));
    let burst = "\x1b[B\x1b[A".repeat(400) + "\x03";
    s.send(&burst);
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.exited().is_none() {
        assert!(
            Instant::now() < deadline,
            "sanad is still running: the tail of a {}-byte burst was never read",
            burst.len()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    s.assert_restored("after a burst");
}
