//! The source view's memory follows the screen, not the document: a 5 MB
//! document opened, drawn, scrolled and resized holds a bounded heap. Laying
//! out every paragraph (about 60 bytes of cell data per character) would hold
//! some 200 MB, and twice that at its peak.
//!
//! The heap is counted by this test binary's own allocator, so the tests here
//! take turns (`SERIAL`) and measure only what the explorer adds to a loaded
//! document.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and measurements state what they expect

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use sanad::app::{Action, App, Event, Keymap, Pane, Settings};
use sanad::corpus::{Corpus, Document, Encoding};

struct CountingAlloc;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

static SERIAL: Mutex<()> = Mutex::new(());

const DOCUMENT_BYTES: usize = 5_000_000;
/// What the explorer may add to a loaded 5 MB document: its layout cache and
/// the lines on screen, with room to spare (a whole layout is ~200 MB).
const LIVE_BOUND: usize = 40_000_000;
/// The peak may also hold one piece of a paragraph being laid out.
const PEAK_BOUND: usize = 64_000_000;

/// The seeds' paragraphs repeated until `bytes` long, joined by `joint`.
fn generated_text(bytes: usize, joint: &str) -> String {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = Corpus::load(&seeds).expect("seeds");
    let paragraphs: Vec<&str> = corpus
        .documents
        .iter()
        .flat_map(|d| d.paragraphs.iter().map(|p| &d.text[p.range()]))
        .collect();
    let mut text = String::with_capacity(bytes + 4096);
    for p in paragraphs.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(p);
        text.push_str(joint);
    }
    text
}

fn draw(app: &App) -> String {
    let area = app.area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("terminal");
    terminal.draw(|f| sanad::ui::draw(f, app)).expect("draw");
    let buf = terminal.backend().buffer();
    buf.content().iter().map(|c| c.symbol()).collect()
}

/// Heap growth (live at the end, peak) from opening `text` in the explorer,
/// drawing, scrolling through it and resizing it several times.
fn heap_of_viewing(text: String) -> (usize, usize) {
    let doc = Document::new("big.txt".into(), text, Encoding::Utf8, 0);
    let corpus = Corpus {
        root: std::env::temp_dir(),
        documents: vec![doc],
        warnings: Vec::new(),
    };
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let mut app = App::new(
        corpus,
        sanad::metadata::Metadata::default(),
        sanad::timeline::Timeline::default(),
        None,
        Keymap::defaults(),
        Settings::default(),
    );
    app.update(Event::Resize(100, 30));
    assert!(draw(&app).contains('│'), "the source view is drawn");
    app.update(Action::FocusSearch);
    app.update(Action::PrevPane);
    assert_eq!(app.focus, Pane::Source);
    for _ in 0..3 {
        app.update(Action::PageDown);
    }
    app.update(Action::Last);
    let _ = draw(&app);
    for (w, h) in [
        (80, 24),
        (160, 45),
        (120, 40),
        (60, 15),
        (200, 50),
        (100, 30),
    ] {
        app.update(Event::Resize(w, h));
        let _ = draw(&app);
    }
    app.update(Action::First);
    let _ = draw(&app);
    let live = LIVE.load(Ordering::Relaxed).saturating_sub(base);
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    drop(app);
    (live, peak)
}

fn assert_bounded(what: &str, (live, peak): (usize, usize)) {
    println!("{what}: live {live} bytes, peak {peak} bytes");
    assert!(
        live < LIVE_BOUND,
        "{what}: the source view holds {live} bytes after opening and resizing"
    );
    assert!(
        peak < PEAK_BOUND,
        "{what}: the source view's heap peaked at {peak} bytes"
    );
}

#[test]
fn a_large_document_of_paragraphs_holds_a_bounded_layout() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let text = generated_text(DOCUMENT_BYTES, "\n");
    assert_bounded("5 MB of paragraphs", heap_of_viewing(text));
}

#[test]
fn a_large_document_on_one_line_holds_a_bounded_layout() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let text = generated_text(DOCUMENT_BYTES, " ");
    assert!(!text.contains('\n'));
    assert_bounded("5 MB on one line", heap_of_viewing(text));
}
