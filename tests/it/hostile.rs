//! Hostile text: escape sequences, C0 and C1 controls and bidi overrides in
//! documents, in file names, in metadata and in queries never reach the
//! terminal raw, in any subcommand's output, in error messages, or on the
//! explorer's screen. (tests/cli.rs has the first, smaller version of this.)

use crate::common;

use std::fs;
use std::path::Path;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use sanad::app::{Action, App, Event, Keymap, Pane, Settings};
use sanad::bidi::sanitize::is_bidi_format;
use sanad::corpus::Corpus;
use sanad::index::CorpusIndex;
use sanad::metadata::Metadata;

use common::{sanad, stderr};

/// Every way text can drive a terminal: CSI, OSC (title, clipboard), DCS, BEL,
/// backspace, carriage return, DEL, the one-character C1 CSI, NEL, and the bidi
/// overrides and isolates of "Trojan Source".
const NASTY: &str = "\u{1b}[2J\u{1b}[31m\u{1b}]0;pwned\u{7}\u{1b}]52;c;cHduZWQ=\u{1b}\\\
\u{1b}P+q\u{1b}\\\u{8}\u{8}\r\u{7f}\u{9b}31m\u{85}\u{202e}\u{2066}\u{2067}\u{2069}\u{202c}\u{200f}";

/// A file name with an escape sequence in it (Linux allows any byte but `/`).
const EVIL_NAME: &str = "evil\u{1b}[31m\u{1b}]0;pwned\u{7}\u{9b}1m\u{202e}.txt";
/// A binary file whose name is hostile too: its warning names it.
const EVIL_BINARY: &str = "bin\u{1b}[2J\u{85}.txt";

fn hostile_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    let body = format!(
        "في 10 نوفمبر 2020 وقع اتفاق وقف إطلاق النار في ممر لاتشين {NASTY} ثم انتهى.[1]\n\
         وفي 12 ديسمبر 2020 قال{NASTY}المتحدث إن قوات حفظ السلام وصلت إلى لاتشين.[2]\n\
         سطر عادي عن مدينة شوشا يكفي ليبدو الملف نصا لا ملفا ثنائيا عند فحص البايتات الأولى.\n\
         سطر آخر عن مدينة شوشا يكفي ليبدو الملف نصا لا ملفا ثنائيا عند فحص البايتات الأولى.\n\
         ^ مرجع {NASTY} أول\n\
         ^ مرجع ثان\u{1b}[0m\n"
    );
    fs::write(p.join(EVIL_NAME), &body).expect("write evil-named file");
    fs::write(p.join("plain.txt"), &body).expect("write plain file");
    fs::write(p.join(EVIL_BINARY), b"\x7fELF\x02\x01\0\0\0\x1b[2J").expect("write binary");
    let meta = "[sources.\"plain.txt\"]\n\
                title = \"عنوان \\u001b[2J\\u001b]0;pwned\\u0007 \\u202e\"\n\
                outlet = \"وكالة \\u009b31m\"\n\
                date = \"2020-11-11\"\n\
                kind = \"news\"\n\
                url = \"https://example.com/\\u001b[2J\"\n";
    fs::write(p.join("sources.toml"), meta).expect("write sources.toml");
    dir
}

/// The characters that must never be printed raw: C0 controls but newline, DEL,
/// C1 controls, bidi formatting characters, and the line separators.
fn steers(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| steers(c)) {
        let from = text[..at]
            .char_indices()
            .rev()
            .nth(30)
            .map_or(0, |(i, _)| i);
        panic!(
            "{what}: raw U+{:04X} reached the output near {:?}",
            u32::from(c),
            &text[from..(at + 40).min(text.len())]
                .chars()
                .collect::<String>()
        );
    }
}

struct Run<'a> {
    corpus: &'a Path,
    index: &'a Path,
    cache: &'a Path,
}

impl Run<'_> {
    /// Runs `sanad --corpus … --index-dir … ARGS`, checks stdout and stderr are
    /// inert (after removing `allowed` sequences sanad writes itself) and
    /// returns (status ok, stdout, stderr).
    fn check(&self, args: &[&str], allowed: &[&str]) -> (bool, String, String) {
        let mut all = vec![
            "--corpus",
            self.corpus.to_str().expect("utf-8 path"),
            "--index-dir",
            self.index.to_str().expect("utf-8 path"),
        ];
        all.extend_from_slice(args);
        let out = sanad(&all, self.cache);
        let mut stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        for a in allowed {
            stdout = stdout.replace(a, "");
        }
        let what = format!("{args:?}");
        assert_inert(&format!("stdout of {what}"), stdout.as_bytes());
        assert_inert(&format!("stderr of {what}"), &out.stderr);
        (out.status.success(), stdout, stderr(&out))
    }
}

#[test]
fn no_subcommand_prints_hostile_text_raw() {
    let corpus = hostile_corpus();
    let index = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let run = Run {
        corpus: corpus.path(),
        index: index.path(),
        cache: cache.path(),
    };

    // Indexing: the binary's warning names it, made visible.
    let (ok, out, err) = run.check(&["index"], &[]);
    assert!(ok, "{err}");
    assert!(out.contains("2 documents"), "{out}");
    assert_eq!(
        err.lines().filter(|l| l.contains("bin␛[2J")).count(),
        1,
        "{err}"
    );
    let (ok, _, err) = run.check(&["index", "--json"], &[]);
    assert!(ok, "{err}");
    let (ok, _, err) = run.check(&["index", "--rebuild"], &[]);
    assert!(ok && err.contains("bin␛[2J"), "{err}");

    // Search: file names, passages and the echoed query.
    let (ok, out, _) = run.check(&["search", "لاتشين"], &[]);
    assert!(
        ok && out.contains("evil␛[31m") && out.contains("plain.txt"),
        "{out}"
    );
    let (ok, out, _) = run.check(
        &["search", "لاتشين", "--color", "always"],
        &["\u{1b}[1;7m", "\u{1b}[0m"],
    );
    assert!(ok && out.contains("evil␛[31m"), "{out}");
    for format in ["md", "csv"] {
        let (ok, out, err) = run.check(&["search", "لاتشين", "--format", format], &[]);
        assert!(
            ok && out.contains("evil␛[31m"),
            "--format {format}: {out}{err}"
        );
    }
    let (ok, out, _) = run.check(&["search", "لاتشين", "--json"], &[]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let files = common::hit_files(&v);
    assert!(
        files.iter().any(|f| f == EVIL_NAME),
        "JSON keeps the real name: {files:?}"
    );
    assert!(v["hits"][0]["text"].as_str().unwrap().contains(NASTY));
    let (ok, out, _) = run.check(&["search", &format!("{NASTY}zzzqqq{NASTY}")], &[]);
    assert!(ok && out.contains("no passages match"), "{out}");
    let (ok, _, err) = run.check(&["search", "\u{1b}\u{7}\u{9b}\u{202e}\u{85}\u{2066}"], &[]);
    assert!(!ok && err.starts_with("sanad: error: query"), "{err}");

    // Show: the document, one paragraph, logical order, shaped.
    for args in [
        &["show", EVIL_NAME][..],
        &["show", &format!("{EVIL_NAME}:2"), "--width", "30"],
        &["show", "plain.txt", "--bidi", "terminal"],
        &["show", "plain.txt", "--bidi", "off", "--width", "12"],
        &["show", "plain.txt:1", "--shape", "on"],
    ] {
        let (ok, out, err) = run.check(args, &[]);
        assert!(ok && out.contains('␛'), "{args:?}: {out}{err}");
    }

    // Timeline in every format, filtered by a hostile query too.
    for args in [
        &["timeline"][..],
        &["timeline", "--format", "csv"],
        &["timeline", "--format", "md"],
        &["timeline", "--query", &format!("لاتشين {NASTY}")],
        &["timeline", "--query", "لاتشين", "--format", "md"],
    ] {
        let (ok, out, err) = run.check(args, &[]);
        assert!(ok && out.contains("2020-11-10"), "{args:?}: {out}{err}");
        assert!(out.contains("evil␛[31m"), "{args:?}: {out}");
    }
    // Sources: titles and file names from hostile documents, in every form.
    for args in [
        &["sources"][..],
        &["sources", "--toml"],
        &["sources", "--json"],
    ] {
        let (ok, out, err) = run.check(args, &[]);
        assert!(ok && out.contains("plain.txt"), "{args:?}: {out}{err}");
    }
    let (ok, out, _) = run.check(&["timeline", "--json"], &[]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let text = v.to_string();
    assert!(text.contains("2020-11-10"));
    let mention = &v["entries"][0]["mentions"][0];
    assert!(
        mention["text"].as_str().unwrap().contains(NASTY),
        "{mention}"
    );

    // Error messages naming what the user typed.
    for args in [
        &["show", &format!("missing{NASTY}.txt")][..],
        &["show", &format!("{EVIL_NAME}:99")],
        &["show", EVIL_BINARY],
        &["timeline", "--from", NASTY],
        &["timeline", "--query", "\u{1b}\u{7}\u{9b}\u{202e}"],
    ] {
        let (ok, _, err) = run.check(args, &[]);
        assert!(!ok, "{args:?} should fail");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(err.starts_with("sanad: error: "), "{args:?}: {err}");
    }
    let missing = Run {
        corpus: &corpus.path().join(format!("nowhere{NASTY}")),
        ..run
    };
    let (ok, _, err) = missing.check(&["search", "لاتشين"], &[]);
    assert!(!ok && err.contains("nowhere␛[2J"), "{err}");
}

#[test]
fn the_bidi_filter_makes_controls_visible() {
    let input = format!("سلام {NASTY} عليكم\nplain {NASTY}\n{NASTY}\n\u{0}\u{1b}\n");
    for args in [
        &["bidi"][..],
        &["bidi", "--width", "7", "--align"],
        &["bidi", "--shape", "on"],
    ] {
        let cache = tempfile::tempdir().unwrap();
        let out = common::sanad_stdin(args, cache.path(), &input);
        assert!(out.status.success());
        assert_inert(&format!("stdout of {args:?}"), &out.stdout);
        assert_inert(&format!("stderr of {args:?}"), &out.stderr);
        assert!(String::from_utf8_lossy(&out.stdout).contains('␛'));
    }
}

// ---------------------------------------------------------------------------------------
// The explorer

fn hostile_app(corpus: &Path, index: &Path, settings: Settings) -> App {
    let (index, _) =
        CorpusIndex::open(corpus, index, false, &mut |_, _| {}).expect("index the corpus");
    let loaded = Corpus::load(corpus).expect("corpus");
    assert_eq!(loaded.documents.len(), 2);
    let meta = Metadata::load(corpus).expect("metadata");
    let timeline = sanad::timeline::build(&loaded.documents, &meta);
    assert!(!timeline.entries.is_empty());
    App::new(
        loaded,
        meta,
        timeline,
        Some(index),
        Keymap::defaults(),
        settings,
    )
}

/// Draws `app` and fails naming the first cell that holds a steering character.
fn assert_screen_inert(app: &App, what: &str) {
    let area = app.area;
    let mut terminal =
        Terminal::new(TestBackend::new(area.width, area.height)).expect("test terminal");
    terminal
        .draw(|f| sanad::ui::draw(f, app))
        .expect("draw the explorer");
    let buffer = terminal.backend().buffer();
    for y in 0..area.height {
        for x in 0..area.width {
            let symbol = buffer[(x, y)].symbol();
            if let Some(c) = symbol.chars().find(|&c| steers(c)) {
                panic!(
                    "{what} at {}x{}: cell ({x},{y}) holds U+{:04X}\n{}",
                    area.width,
                    area.height,
                    u32::from(c),
                    common::buffer_text(buffer)
                );
            }
        }
    }
}

#[test]
fn the_explorer_draws_no_control_characters() {
    let corpus = hostile_corpus();
    let index = tempfile::tempdir().unwrap();
    for settings in [
        Settings::default(),
        Settings {
            rtl_ui: true,
            mono: true,
            reorder: false,
            shape: true,
            ..Settings::default()
        },
    ] {
        for (w, h) in [(80u16, 24u16), (160, 45), (61, 16)] {
            let mut app = hostile_app(corpus.path(), index.path(), settings);
            app.update(Event::Resize(w, h));
            let step = |app: &mut App, event: Event, what: &str| {
                app.update(event);
                assert_screen_inert(app, what);
            };
            assert_screen_inert(&app, "the document list");
            step(
                &mut app,
                Action::Open.into(),
                "a hostile-named document opened",
            );
            step(&mut app, Action::Citations.into(), "its citations");
            step(&mut app, Action::Back.into(), "back");
            step(&mut app, Action::NextDocument.into(), "the next document");
            step(
                &mut app,
                Action::CitingEvents.into(),
                "the events citing a paragraph",
            );
            step(&mut app, Action::Back.into(), "back");
            step(&mut app, Action::FocusSearch.into(), "the search input");
            step(&mut app, Event::Insert("لاتشين".into()), "a search");
            step(&mut app, Event::Insert(NASTY.into()), "a hostile paste");
            step(&mut app, Action::ClearInput.into(), "cleared");
            step(&mut app, Event::Insert("لاتشين".into()), "a search again");
            step(&mut app, Action::SelectNext.into(), "the second hit");
            step(&mut app, Action::Open.into(), "a hit opened");
            app.focus = Pane::Timeline;
            step(&mut app, Action::ToggleFollowQuery.into(), "every event");
            step(&mut app, Action::Open.into(), "an event opened");
            step(&mut app, Action::NextMention.into(), "its next mention");
            step(&mut app, Action::Citations.into(), "the event's citations");
            step(&mut app, Action::Back.into(), "back");
            step(&mut app, Action::DocumentList.into(), "the document popup");
            step(&mut app, Action::Back.into(), "back");
            step(&mut app, Action::Help.into(), "the help");
            step(&mut app, Action::Back.into(), "back");
            step(
                &mut app,
                Action::Copy.into(),
                "a copy (message in the status bar)",
            );
            app.message = Some(format!("a message {NASTY} from somewhere"));
            assert_screen_inert(&app, "a hostile status message");
            app.search.error = Some(format!("an error {NASTY}"));
            assert_screen_inert(&app, "a hostile error");
        }
    }
}

/// What a copy puts on the clipboard, from the pane that has the focus.
fn copied(app: &mut App) -> String {
    match app.update(Action::Copy) {
        sanad::app::Effect::Copy(text) => text,
        _ => panic!("nothing copied from {:?}", app.focus),
    }
}

#[test]
fn a_copy_cannot_run_a_command_when_pasted() {
    let corpus = hostile_corpus();
    let index = tempfile::tempdir().unwrap();
    let mut app = hostile_app(corpus.path(), index.path(), Settings::default());
    app.update(Event::Resize(120, 40));
    let mut texts = Vec::new();
    // The source pane: a paragraph of a document with a hostile name.
    app.update(Action::Open);
    app.focus = Pane::Source;
    texts.push(copied(&mut app));
    // A search hit.
    app.update(Action::FocusSearch);
    app.update(Event::Insert("لاتشين".into()));
    texts.push(copied(&mut app));
    // A timeline mention.
    app.focus = Pane::Timeline;
    app.update(Action::ToggleFollowQuery);
    texts.push(copied(&mut app));
    for text in &texts {
        assert_inert("the clipboard", text.as_bytes());
        assert!(
            text.contains('\n'),
            "the citation line stays a line: {text:?}"
        );
    }
    // ESC and CR, which could end a bracketed paste and press Enter, are
    // pictures on the clipboard as on the screen; so is the file name.
    assert!(
        texts.iter().any(|t| t.contains("\u{241b}]0;pwned")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains('\u{240d}')), "{texts:?}");
    assert!(
        texts.iter().any(|t| t.contains("evil\u{241b}[31m")),
        "{texts:?}"
    );
}

/// A file name that holds a forged timeline line, and a document whose text
/// and name start spreadsheet formulas.
fn forging_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let body = "في 10 نوفمبر 2020 وقع اتفاق وقف إطلاق النار في ممر لاتشين ثم انتهى.\n\
                سطر عادي عن مدينة شوشا يكفي ليبدو الملف نصا لا ملفا ثنائيا عند الفحص.\n";
    let forged = "x\n2099-01-01  forged  [official.txt:1]\n## 2099-01-01 (day, explicit)\n.txt";
    fs::write(dir.path().join(forged), body).expect("write forged-name file");
    let formula = "=HYPERLINK(\"http://evil\",\"click\")\n\
                   في 11 نوفمبر 2020 قال المتحدث إن القوات وصلت إلى لاتشين.\n\
                   @SUM(1+1) في 12 نوفمبر 2020 انتهت المرحلة الأولى في لاتشين.\n";
    fs::write(dir.path().join("=cmd|' -C calc'!A0.txt"), formula).expect("write formula file");
    dir
}

fn timeline_output(corpus: &Path, args: &[&str]) -> String {
    let cache = tempfile::tempdir().unwrap();
    let mut all = vec!["--corpus", corpus.to_str().expect("utf-8 path"), "timeline"];
    all.extend_from_slice(args);
    let out = sanad(&all, cache.path());
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    assert_inert(&format!("timeline {args:?}"), &out.stdout);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_newline_in_a_file_name_forges_no_timeline_line() {
    let corpus = forging_corpus();
    let text = timeline_output(corpus.path(), &[]);
    assert!(
        text.lines().all(|l| !l.starts_with("2099")),
        "a forged event line:\n{text}"
    );
    assert!(text.contains("x\u{240a}2099-01-01"), "{text}");
    let md = timeline_output(corpus.path(), &["--format", "md"]);
    assert!(
        md.lines()
            .all(|l| !l.starts_with("2099") && !l.starts_with("## 2099")),
        "a forged Markdown line:\n{md}"
    );
    assert!(md.contains("x\u{240a}2099-01-01"), "{md}");
}

#[test]
fn no_csv_cell_starts_a_formula() {
    let corpus = forging_corpus();
    let csv = timeline_output(corpus.path(), &["--format", "csv"]);
    let mut rows = csv.lines();
    assert_eq!(rows.next(), Some(sanad::output::timeline::CSV_HEADER));
    let mut cells = 0;
    for row in rows {
        for cell in csv_cells(row) {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']),
                "cell {cell:?} starts a formula in {row:?}"
            );
        }
    }
    assert!(cells > 12, "{csv}");
    assert!(csv.contains("\"'=cmd|' -C calc'!A0.txt\""), "{csv}");
    assert!(csv.contains("'@SUM(1+1)"), "{csv}");
}

/// The cells of one RFC 4180 row (no newlines inside cells: the export makes
/// them pictures).
fn csv_cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

/// Invisible characters, and those whose width sanad and terminals disagree on.
const DISPUTED: &str = "\u{FFF9}\u{FFFA}\u{FFFB}\u{200D}\u{AD}\u{3164}\u{FFA0}\u{E0001}\u{E0041}\u{E007F}\u{200B}\u{2060}\u{FEFF}";

#[test]
fn show_prints_no_invisible_or_disputed_characters() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mixed: String = "abcdefghijklm"
        .chars()
        .zip(DISPUTED.chars())
        .flat_map(|(letter, odd)| [letter, odd])
        .collect();
    let body =
        format!("{mixed}z\nفي 10 نوفمبر{DISPUTED} 2020 وقع اتفاق وقف إطلاق النار في ممر لاتشين.\n");
    fs::write(dir.path().join("odd.txt"), body).expect("write");
    let cache = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().expect("utf-8 path");
    for args in [
        &["--corpus", root, "show", "odd.txt", "--width", "40"][..],
        &["--corpus", root, "show", "odd.txt", "--bidi", "terminal"],
    ] {
        let out = sanad(args, cache.path());
        assert!(out.status.success(), "{}", stderr(&out));
        let text = common::stdout(&out);
        assert!(
            !text.contains(|c| DISPUTED.contains(c)),
            "{args:?} printed {:?}",
            text.chars()
                .filter(|c| DISPUTED.contains(*c))
                .collect::<String>()
        );
        assert!(text.contains("abcdefghijklmz"), "{text}");
    }
}
