//! End to end: the real binary in a real pseudo-terminal (portable-pty), its
//! screen read back through a terminal emulator (vt100), as a reader would see
//! it. Every wait polls the screen until it shows what is expected; nothing
//! sleeps a fixed time and hopes.

use crate::common;

use crate::pty;

use pty::Session;

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
    // The reader thread may not have seen the last bytes yet.
    s.drain();
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
    let timeline = sanad::archive::Archive::load(&common::seeds())
        .unwrap()
        .timeline;
    let entry = common::ceasefire_entry(&timeline);
    let mentions = timeline.entries[entry].mentions.clone();

    let mut s = Session::start(120, 36);
    // The timeline loads in the background: wait until it is there.
    let loaded = format!("{} events", timeline.entries.len());
    s.wait_text(&loaded);
    s.send("\t"); // to the timeline pane
    s.wait_for("timeline focus", |sc| sc.contains("next source"));
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
        s.send("m");
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

/// A corpus indexed, then given a file `late.txt` (with the word زيتونية)
/// that its index does not hold yet: (cache, corpus, index).
fn indexed_then_a_late_file() -> (tempfile::TempDir, tempfile::TempDir, tempfile::TempDir) {
    let cache = tempfile::tempdir().unwrap();
    let corpus = common::corpus_of(&["001"]);
    let index = tempfile::tempdir().unwrap();
    let c = corpus.path().to_str().unwrap();
    let i = index.path().to_str().unwrap();
    let out = common::sanad(&["--corpus", c, "--index-dir", i, "index"], cache.path());
    assert!(out.status.success(), "{}", common::stderr(&out));
    std::fs::write(
        corpus.path().join("late.txt"),
        "وصلت قافلة زيتونية إلى لاتشين صباح اليوم.\n",
    )
    .unwrap();
    (cache, corpus, index)
}

#[test]
fn an_existing_index_answers_at_once_and_catches_up_in_the_background() {
    // The explorer opens on the old index and finds the new file once its
    // background check has run.
    let (_cache, corpus, index) = indexed_then_a_late_file();
    let c = corpus.path().to_str().unwrap();
    let mut s = Session::start_on_index(120, 30, index.path(), &["--corpus", c]);
    s.wait_text("index updated: 1 file changed since it was built");
    s.send("زيتونية");
    s.wait_text("late.txt:1");
    s.send("\x03");
    assert!(s.wait_exit().success());
}

/// An abort (a failed allocation, a library's `abort()`), `kill`, a closed
/// terminal: none unwinds, and each must still give the terminal back, its
/// modes included.
#[test]
fn a_fatal_signal_restores_the_terminal() {
    for signal in [libc::SIGABRT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT] {
        let mut s = Session::start(100, 30);
        s.wait_text("Search");
        assert!(
            s.tty_modes().contains("-icanon"),
            "raw mode while running: {}",
            s.tty_modes()
        );
        s.signal(signal);
        let status = s.wait_exit();
        assert!(!status.success(), "signal {signal}: {status:?}");
        s.assert_restored(&format!("signal {signal}"));
        let modes = s.tty_modes();
        assert!(
            modes.contains(" icanon") && modes.contains(" echo"),
            "signal {signal}: cooked mode back: {modes}"
        );
    }
}

/// Quitting while the background update commits waits for the commit: the
/// index holds the update afterwards, whole.
#[test]
fn quitting_during_a_background_commit_lets_it_finish() {
    let (cache, corpus, index) = indexed_then_a_late_file();
    let c = corpus.path().to_str().unwrap();
    let i = index.path().to_str().unwrap();
    // Quit once the commit has begun: before it, quitting stops the update
    // before anything is written (so a check on a loaded machine made this
    // test fail now and then).
    let marker = cache.path().join("commit-begun");
    let fault = format!("slow-commit:1500:{}", marker.display());
    let mut s = Session::start_on_index_with(
        120,
        30,
        index.path(),
        &["--corpus", c],
        &[("SANAD_FAULT", fault.as_str())],
    );
    s.wait_text("Search");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !marker.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the background update never began its commit"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    s.send("\x03");
    assert!(s.wait_exit().success());
    let out = common::sanad(
        &[
            "--corpus",
            c,
            "--index-dir",
            i,
            "search",
            "زيتونية",
            "--cached",
            "--json",
        ],
        cache.path(),
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    assert_eq!(v["total"], 1, "the background update was committed: {v}");
}

#[test]
fn show_on_a_terminal_reporting_zero_columns_wraps_at_80() {
    // Some pseudo-terminals and serial consoles report 0×0: that is an unknown
    // size, not room for one letter per line.
    let mut s = Session::start_reporting((0, 0), (120, 40), &["show", "004_24d2e195e726acda.txt"]);
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let screen = s.settled();
    let widest = screen
        .lines()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.trim_end()))
        .max()
        .unwrap_or(0);
    assert!(
        (60..=80).contains(&widest),
        "widest line {widest}:\n{screen}"
    );
}

#[test]
fn the_explorer_on_a_terminal_reporting_zero_size_draws_80x24() {
    let mut s = Session::start_reporting((0, 0), (80, 24), &[]);
    let screen = s.wait_text("Search");
    assert!(!screen.contains("terminal too small"), "{screen}");
    s.send("\x03");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}

/// The editor is handed the file's real path, byte for byte, when its name is
/// not UTF-8 (a lossy `display()` would name a file that does not exist).
#[cfg(unix)]
#[test]
fn the_editor_gets_the_real_path_of_a_name_that_is_not_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::PermissionsExt;
    let corpus = tempfile::tempdir().unwrap();
    let real = corpus.path().join(OsStr::from_bytes(b"bad\xff.txt"));
    std::fs::write(&real, "وصلت قافلة إلى لاتشين صباح اليوم.\n").unwrap();
    let tools = tempfile::tempdir().unwrap();
    let record = tools.path().join("argument");
    let editor = tools.path().join("record-editor");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", record.display()),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let c = corpus.path().to_str().unwrap();
    let e = editor.to_str().unwrap();
    let mut s = Session::start_with(100, 30, &["--corpus", c], &[("VISUAL", e)]);
    s.wait_text(r"bad\xFF.txt");
    s.send("\t\t"); // to the source pane, where `e` edits
    s.wait_for("source focus", |sc| sc.contains("edit"));
    s.send("e");
    s.wait_text("back from the editor");
    let argument = std::fs::read(&record).expect("the editor ran");
    assert_eq!(argument, real.as_os_str().as_bytes());
    s.send("\x03");
    assert!(s.wait_exit().success());
}

/// One rule for every subcommand: on a terminal under `--bidi app` the text is
/// laid out in visual order and wrapped; the same commands into a pipe print
/// logical text (tests/it/cli.rs checks that side).
#[test]
fn timeline_and_show_lay_out_right_to_left_text_on_a_terminal() {
    let visual = sanad::bidi::visual_string("أرمينيا", None).remove(0);
    for args in [
        &["timeline", "--to", "1994"][..],
        &["timeline", "--to", "1994", "--format", "md"],
        &["show", "001_f782a295b2e42d0e.txt:11"],
    ] {
        let mut s = Session::start_with(100, 40, args, &[]);
        let status = s.wait_exit();
        assert!(status.success(), "{args:?}: exit status {status:?}");
        let screen = s.settled();
        assert!(screen.contains(&visual), "{args:?}:\n{screen}");
        assert!(
            !screen.contains("أرمينيا"),
            "{args:?} printed logical order:\n{screen}"
        );
        for line in screen.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 100, "{line}");
        }
    }
}

/// A query run in one session comes back in the next with alt-p, from
/// `$XDG_STATE_HOME/sanad/history`.
#[test]
fn the_query_history_outlives_the_session() {
    let state = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    let visual = sanad::bidi::visual_string("لاتشين", None).remove(0);
    let mut s = Session::start_with(100, 30, &[], &env);
    s.wait_text("Search");
    s.send("لاتشين");
    s.wait_text("passages");
    s.send("\x03");
    assert!(s.wait_exit().success());
    let saved = std::fs::read_to_string(state.path().join("sanad/history")).unwrap();
    assert_eq!(saved, "لاتشين\n");

    let mut s = Session::start_with(100, 30, &[], &env);
    s.wait_text("Search");
    s.send("\x1bp");
    let screen = s.wait_text(&visual);
    assert!(
        screen.contains("passages"),
        "the recalled query is run:\n{screen}"
    );
    s.send("\x03");
    assert!(s.wait_exit().success());
}

/// The config file's editor template gets the line and the file; what the
/// editor changed is searchable when sanad comes back.
#[cfg(unix)]
#[test]
fn the_editor_template_gets_the_line_and_the_edit_shows_up() {
    use std::os::unix::fs::PermissionsExt;
    let corpus = tempfile::tempdir().unwrap();
    let file = corpus.path().join("note.txt");
    std::fs::write(&file, "السطر الأول.\nوصلت قافلة إلى لاتشين صباح اليوم.\n").unwrap();
    let tools = tempfile::tempdir().unwrap();
    let record = tools.path().join("arguments");
    let editor = tools.path().join("my editor");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nfor last; do :; done\nprintf 'كلمةمضافة في السطر الجديد.\\n' >> \"$last\"\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(config.path().join("sanad")).unwrap();
    std::fs::write(
        config.path().join("sanad/config.toml"),
        format!(
            "editor = \"'{}' --line {{line}} {{file}}\"\n",
            editor.display()
        ),
    )
    .unwrap();
    let c = corpus.path().to_str().unwrap();
    let env = [
        ("XDG_CONFIG_HOME", config.path().to_str().unwrap()),
        ("VISUAL", "vi"),
    ];
    let mut s = Session::start_with(100, 30, &["--corpus", c], &env);
    s.wait_text("note.txt");
    s.send("لاتشين");
    s.wait_text("note.txt:2");
    s.send("\r");
    s.wait_for("source focus", |sc| sc.contains("edit"));
    s.send("e");
    s.wait_text("back from the editor");
    let arguments = std::fs::read_to_string(&record).expect("the editor ran");
    assert_eq!(
        arguments,
        format!("--line\n2\n{}\n", file.canonicalize().unwrap().display())
    );
    // Esc back to the input, ctrl-u to clear it, and search the word the
    // editor added (a key right after Esc would read as alt-key).
    s.send("\x1b");
    s.wait_for("the input", |sc| sc.contains("┏ Search"));
    s.send("\x15");
    s.send("كلمةمضافة");
    s.wait_text("note.txt:3");
    s.send("\x03");
    assert!(s.wait_exit().success());
}

/// The explorer watches its corpus: a file written, changed or removed by
/// another program while it is open is read and indexed, the status says
/// so, and the current search is answered again.
#[test]
fn a_file_changed_while_the_explorer_is_open_is_found_at_once() {
    let corpus = common::corpus_of(&["001"]);
    let c = corpus.path().to_str().unwrap();
    let mut s = Session::start_with(120, 30, &["--corpus", c], &[]);
    s.wait_text("001_f782a295b2e42d0e.txt");
    s.send("زيتونية");
    s.wait_text("no passages match");
    std::fs::write(
        corpus.path().join("new.txt"),
        "وصلت قافلة زيتونية إلى لاتشين صباح اليوم.\n",
    )
    .unwrap();
    s.wait_text("1 file changed on disk");
    // The query typed before is answered from the updated index.
    s.wait_text("new.txt:1");
    std::fs::remove_file(corpus.path().join("new.txt")).unwrap();
    s.wait_for("the removed file's hit gone", |sc| {
        !sc.contains("new.txt:1") && sc.contains("no passages match")
    });
    s.send("\x03");
    assert!(s.wait_exit().success());
}
