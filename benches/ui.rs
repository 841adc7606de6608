//! Explorer benchmarks: drawing the whole screen at 200×50, and a keystroke in
//! the search input through to a drawn frame (search, timeline filter, source
//! relayout, draw). Criterion gives the medians; a second pass prints p99.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and measurements state what they expect

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use sanad::app::{Action, App, Event, Keymap, Settings};
use sanad::index::CorpusIndex;

fn app(index_dir: &Path) -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (index, _) = CorpusIndex::open(&root, index_dir, false, &mut |_, _| {}).unwrap();
    let archive = sanad::archive::Archive::load(&root).unwrap();
    let mut app = App::new(
        archive.corpus,
        archive.meta,
        archive.timeline,
        Some(index),
        Keymap::defaults(),
        Settings::default(),
    );
    app.update(Event::Resize(200, 50));
    app
}

fn p99(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    samples[(samples.len() * 99 / 100).min(samples.len() - 1)]
}

fn draw(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    for ch in "قوات حفظ السلام".chars() {
        app.update(Event::Insert(ch.to_string()));
    }
    app.update(Action::Open);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function("draw full screen 200x50", |b| {
        b.iter(|| {
            terminal
                .draw(|f| sanad::ui::draw(f, black_box(&app)))
                .unwrap()
                .area
                .width
        })
    });
    let samples: Vec<f64> = (0..1000)
        .map(|_| {
            let t = Instant::now();
            terminal.draw(|f| sanad::ui::draw(f, &app)).unwrap();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    println!(
        "draw full screen 200x50: p99 {:.3} ms over 1000 frames",
        p99(samples)
    );
}

fn keystroke(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    // As the event loop runs a key: the update, the live preview of the
    // selected hit in the Source pane (`settle`), then the frame.
    let mut type_and_draw = |app: &mut App| {
        app.update(Event::Insert("ق".into()));
        app.settle();
        terminal.draw(|f| sanad::ui::draw(f, app)).unwrap();
        app.update(Action::DeleteBack);
        app.settle();
        terminal.draw(|f| sanad::ui::draw(f, app)).unwrap();
    };
    c.bench_function("two keystrokes to frames (type + delete)", |b| {
        b.iter(|| type_and_draw(&mut app))
    });
    let samples: Vec<f64> = (0..500)
        .map(|_| {
            let t = Instant::now();
            type_and_draw(&mut app);
            t.elapsed().as_secs_f64() * 1e3 / 2.0
        })
        .collect();
    println!(
        "keystroke to frame: p99 {:.3} ms over 1000 keystrokes",
        p99(samples)
    );
}

criterion_group!(benches, draw, keystroke);
criterion_main!(benches);
