//! Screen tests: the explorer drawn into ratatui's TestBackend from real state
//! on the seeds, snapshotted with insta, at 80×24 and 160×45.

use crate::common;

use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use ratatui::Terminal;
use sanad::app::{Action, App, Event, Msg, Pane, Popup, Settings};

fn app_at(width: u16, height: u16, index: &std::path::Path) -> App {
    let mut app = common::seed_app(index, Settings::default());
    app.update(Event::Resize(width, height));
    app
}

/// An explorer on `corpus` still loading, its screen `width` × `height`:
/// what the binary shows before the documents arrive.
fn loading_app(
    corpus: std::path::PathBuf,
    index: Option<sanad::index::CorpusIndex>,
    width: u16,
    height: u16,
) -> App {
    let mut app = App::loading(
        corpus,
        index,
        sanad::app::Keymap::defaults(),
        Settings::default(),
    );
    app.update(Event::Resize(width, height));
    app
}

/// Moves the timeline's selection down to `entry` with the keys a user presses.
fn select_by_keys(app: &mut App, entry: usize) {
    let pos = app
        .entries
        .visible
        .iter()
        .position(|&e| e == entry)
        .expect("the entry is listed");
    for _ in 0..pos {
        app.update(Action::SelectNext);
    }
}

/// A key press as the terminal reports it.
fn key(c: char, modifiers: crossterm::event::KeyModifiers) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char(c), modifiers)
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let area = app.area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("terminal");
    terminal.draw(|f| sanad::ui::draw(f, app)).expect("draw");
    terminal
}

fn screen_text(t: &Terminal<TestBackend>) -> String {
    common::buffer_text(t.backend().buffer())
}

fn type_query(app: &mut App, q: &str) {
    for c in q.chars() {
        app.update(Event::Insert(c.to_string()));
    }
}

#[test]
fn each_pane_at_two_sizes() {
    let index = tempfile::tempdir().unwrap();
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        let mut app = app_at(w, h, index.path());
        insta::assert_snapshot!(format!("start_{w}x{h}"), draw(&app).backend());

        type_query(&mut app, "ستيباناكيرت");
        insta::assert_snapshot!(format!("search_{w}x{h}"), draw(&app).backend());

        app.update(Action::Open);
        assert_eq!(app.focus, Pane::Source);
        insta::assert_snapshot!(format!("source_{w}x{h}"), draw(&app).backend());

        // Esc goes back to the input; a second Esc, in the input, clears it.
        app.update(Action::Back);
        assert_eq!(app.focus, Pane::Search);
        assert_eq!(app.search.input.text(), "ستيباناكيرت");
        app.update(Action::Back);
        app.update(Action::NextPane);
        let entry = common::ceasefire_entry(&app.timeline);
        select_by_keys(&mut app, entry);
        app.update(Action::Open);
        insta::assert_snapshot!(format!("timeline_jump_{w}x{h}"), draw(&app).backend());

        app.update(Action::Help);
        insta::assert_snapshot!(format!("help_{w}x{h}"), draw(&app).backend());
    }
}

#[test]
fn too_small_terminal_says_so_and_never_panics() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(20, 6, index.path());
    let t = draw(&app);
    insta::assert_snapshot!("too_small_20x6", t.backend());
    assert!(screen_text(&t).contains("too small"));
    for (w, h) in [(1, 1), (0, 0), (59, 14), (60, 15), (2, 40), (300, 3)] {
        app.update(Event::Resize(w, h));
        let _ = draw(&app);
    }
}

#[test]
fn typed_arabic_query_shows_passage_in_visual_order_with_highlight() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(100, 30, index.path());
    type_query(&mut app, "ستيباناكيرت");
    let t = draw(&app);
    let text = screen_text(&t);
    let visual_word = sanad::bidi::visual_string("ستيباناكيرت", None).remove(0);
    assert!(text.contains(&visual_word), "{text}");
    assert!(text.contains("004_24d2e195e726acda.txt:7"), "{text}");
    // The matched word is drawn highlighted (bold) in the results.
    let buf = t.backend().buffer();
    let first = visual_word.chars().next().unwrap().to_string();
    let highlighted = (0..buf.area.height).any(|y| {
        (0..40)
            .any(|x| buf[(x, y)].symbol() == first && buf[(x, y)].modifier.contains(Modifier::BOLD))
    });
    assert!(highlighted);
}

#[test]
fn mono_theme_marks_selection_and_hits_without_colour() {
    let index = tempfile::tempdir().unwrap();
    let mut app = common::seed_app(
        index.path(),
        Settings {
            mono: true,
            ..Settings::default()
        },
    );
    app.update(Event::Resize(100, 30));
    type_query(&mut app, "RTJMC");
    app.update(Action::Open);
    let t = draw(&app);
    let buf = t.backend().buffer();
    let mut reversed = 0;
    let mut underlined = 0;
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "no colour in mono");
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
        reversed += cell.modifier.contains(Modifier::REVERSED) as usize;
        underlined += cell.modifier.contains(Modifier::UNDERLINED) as usize;
    }
    assert!(reversed > 0 && underlined > 0);
}

#[test]
fn timeline_follows_the_query_and_can_show_all() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(100, 30, index.path());
    let all = app.entries.visible.len();
    type_query(&mut app, "RTJMC");
    let following = app.entries.visible.len();
    assert!(following > 0 && following < all);
    app.update(Action::NextPane);
    app.update(Action::ToggleFollowQuery);
    assert_eq!(app.entries.visible.len(), all);
}

#[test]
fn ceasefire_entry_cycles_through_each_source() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(100, 30, index.path());
    let entry = common::ceasefire_entry(&app.timeline);
    let files = app.timeline.entries[entry].files().len();
    assert!(
        files >= 4,
        "the 10 November ceasefire is reported by four seeds"
    );
    app.update(Action::NextPane);
    select_by_keys(&mut app, entry);
    app.update(Action::Open);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..app.timeline.entries[entry].mentions.len() {
        let doc = app.document().unwrap().doc.path.clone();
        let target = app.source.target.clone().expect("sentence highlighted");
        let text = &app.document().unwrap().doc.text[target];
        let mention = &app.timeline.entries[entry].mentions[app.entries.mention];
        assert!(text.contains(&mention.date_text), "{text}");
        seen.insert(doc);
        app.update(Action::NextMention);
    }
    assert_eq!(seen.len(), files);
}

#[test]
fn citing_events_popup_from_a_paragraph() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(100, 30, index.path());
    type_query(&mut app, "RTJMC");
    app.update(Action::Open);
    app.update(Action::CitingEvents);
    assert!(
        matches!(app.popup, Some(Popup::CitingEvents { .. })),
        "{:?}",
        app.message
    );
    app.update(Action::Open);
    assert_eq!(app.focus, Pane::Timeline);
    assert!(app.source.target.is_some());
}

#[test]
fn background_search_answers_only_the_newest_query() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(100, 30, index.path());
    app.start_search_worker();
    type_query(&mut app, "قوات");
    app.update(Action::ClearInput);
    type_query(&mut app, "RTJMC");
    assert!(app.waiting());
    let generation = app.search.generation;
    // Answers come back; every one but the newest is ignored.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while app.waiting() {
        assert!(std::time::Instant::now() < deadline, "no answer");
        if !app.receive_pending() {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    assert!(!app.search.hits.is_empty());
    assert!(app.search.hits.iter().all(|h| h.text.contains("RTJMC")));
    // A late answer to an old query changes nothing.
    let before = app.search.hits.clone();
    let stale = Ok(sanad::index::SearchResults {
        query: "قوات".into(),
        total: 0,
        total_exact: true,
        hits: Vec::new(),
        transliterations: Default::default(),
        ..Default::default()
    });
    app.receive(Msg::SearchDone(generation - 1, Box::new(stale)));
    assert_eq!(app.search.hits, before);
}

#[test]
fn the_corpus_can_arrive_after_the_screen_is_up() {
    let index = tempfile::tempdir().unwrap();
    let full = common::seed_app(index.path(), Settings::default());
    let (index2, _) =
        sanad::index::CorpusIndex::open(&common::seeds(), index.path(), false, &mut |_, _| {})
            .unwrap();
    let mut app = loading_app(common::seeds(), Some(index2), 100, 30);
    assert!(app.loading);
    assert!(screen_text(&draw(&app)).contains("loading"));
    type_query(&mut app, "RTJMC");
    assert!(
        !app.search.hits.is_empty(),
        "search works before the documents are loaded"
    );
    // As the explorer loads it: the list and the timeline from the index.
    let committed =
        sanad::index::CorpusIndex::open_committed(&common::seeds(), index.path()).unwrap();
    let loaded = sanad::app::Loaded::from_index(&common::seeds(), &committed).unwrap();
    assert_eq!(loaded.timeline, full.timeline);
    app.receive(Msg::Loaded(Box::new(loaded)));
    assert!(!app.loading);
    assert!(!app.entries.visible.is_empty());
    assert!(
        app.entries.visible.len() < app.timeline.entries.len(),
        "the timeline follows the query"
    );
}

#[test]
fn the_explorer_answers_from_the_last_commit_then_from_the_checked_index() {
    use sanad::index::CorpusIndex;
    let corpus = common::corpus_of(&["001"]);
    let index = tempfile::tempdir().unwrap();
    CorpusIndex::open(corpus.path(), index.path(), false, &mut |_, _| {}).unwrap();
    // A file added after the index was built.
    std::fs::write(
        corpus.path().join("late.txt"),
        "وصلت قافلة زيتونية إلى لاتشين صباح اليوم.\n",
    )
    .unwrap();
    let committed =
        CorpusIndex::open_committed(corpus.path(), index.path()).expect("a committed index");
    let mut app = loading_app(corpus.path().to_path_buf(), Some(committed), 100, 30);
    type_query(&mut app, "زيتونية");
    assert!(
        app.search.hits.is_empty(),
        "the last commit has no late.txt"
    );

    let (outbox, inbox) = std::sync::mpsc::channel();
    sanad::app::worker::check_index(
        corpus.path().to_path_buf(),
        index.path().to_path_buf(),
        outbox,
    );
    let checked = inbox
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the check answers");
    assert!(matches!(checked, Msg::IndexChecked(_)), "{checked:?}");
    app.receive(checked);
    assert_eq!(
        app.message.as_deref(),
        Some("index updated: 1 file changed since it was built")
    );
    let files: Vec<&str> = app.search.hits.iter().map(|h| h.file.as_str()).collect();
    assert_eq!(files, ["late.txt"], "the query is asked again");
    assert!(!app.search.hits[0].highlights.is_empty());
}

/// A malformed `sources.toml` is an error that stays on screen, in place of
/// "no documents", through keys and redraws, until a load succeeds.
#[test]
fn a_load_error_stays_on_screen_until_a_load_succeeds() {
    let index = tempfile::tempdir().unwrap();
    let full = common::seed_app(index.path(), Settings::default());
    let mut app = loading_app(common::seeds(), None, 120, 30);
    let reason = "seeds/sources.toml: invalid date \"2023-02-30\"";
    app.receive(Msg::LoadFailed(reason.into()));
    for event in [
        Event::Action(Action::SelectNext),
        Event::Action(Action::NextPane),
        Event::Resize(100, 28),
    ] {
        app.update(event);
        let screen = screen_text(&draw(&app));
        assert!(screen.contains("could not load the corpus"), "{screen}");
        assert!(screen.contains("2023-02-30"), "{screen}");
        assert!(!screen.contains("no documents in the corpus"), "{screen}");
        assert!(!screen.contains("0 documents"), "{screen}");
    }
    // As the explorer loads it: the list and the timeline from the index.
    let committed =
        sanad::index::CorpusIndex::open_committed(&common::seeds(), index.path()).unwrap();
    let loaded = sanad::app::Loaded::from_index(&common::seeds(), &committed).unwrap();
    assert_eq!(loaded.timeline, full.timeline);
    app.receive(Msg::Loaded(Box::new(loaded)));
    let screen = screen_text(&draw(&app));
    assert!(!screen.contains("could not load"), "{screen}");
    assert!(app.load_error.is_none());
}

#[test]
fn file_names_show_control_pictures_as_the_cli_does() {
    // ESC, TAB and CR in a file name: the explorer must not delete them (two
    // names would look the same) but show what every CLI command shows.
    let name = "a\u{1b}b\tc\rd.txt";
    let dir = tempfile::tempdir().unwrap();
    let body = "في 10 نوفمبر 2020 وقع اتفاق وقف إطلاق النار في ممر لاتشين ثم انتهى.\n\
                سطر عادي عن مدينة شوشا يكفي ليبدو الملف نصا لا ملفا ثنائيا عند الفحص.\n";
    std::fs::write(dir.path().join(name), body).unwrap();
    std::fs::write(dir.path().join("abcd.txt"), body).unwrap();
    let index = tempfile::tempdir().unwrap();
    let (index, _) =
        sanad::index::CorpusIndex::open(dir.path(), index.path(), false, &mut |_, _| {}).unwrap();
    let corpus = sanad::corpus::Corpus::load(dir.path()).unwrap();
    let meta = sanad::metadata::Metadata::load(dir.path()).unwrap();
    let timeline = sanad::timeline::build(&corpus.documents, &meta);
    let mut app = App::new(
        corpus,
        meta,
        timeline,
        Some(index),
        sanad::app::Keymap::defaults(),
        Settings::default(),
    );
    app.update(Event::Resize(100, 30));
    let shown = sanad::bidi::visible_controls(name);
    assert_eq!(shown, "a\u{241b}b c\u{240d}d.txt");
    // The first row of each list item is its number and file name.
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains(&format!(". {shown}")),
        "the document list:\n{screen}"
    );
    type_query(&mut app, "لاتشين");
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains(&format!(". {shown}:1")),
        "a hit's header:\n{screen}"
    );
    app.update(Action::DocumentList);
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains(&format!(" {shown:<28} ")),
        "the document popup:\n{screen}"
    );
}

/// The source view scrolls by screen lines across paragraph boundaries exactly
/// as if the whole document were laid out: line by line from the top, `G`'s
/// last screenful is reached after (lines − height) steps; PgUp and `g` go
/// back to the top; the last screenful ends on the document's last line.
#[test]
fn source_scrolling_counts_the_lines_of_the_whole_layout() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(80, 24, index.path());
    app.update(Action::NextPane);
    app.update(Action::NextPane);
    assert_eq!(app.focus, Pane::Source);
    let opened = app.document().unwrap();
    let doc = &opened.doc;
    let options = app.layout_options(app.panes().source_text_width());
    let total: usize = doc
        .paragraphs
        .iter()
        .map(|p| {
            sanad::bidi::layout_plain(&doc.text[p.range()], &options)
                .lines
                .len()
        })
        .sum();
    let height = app.panes().source_text.height as usize;
    assert!(total > 3 * height, "a document longer than three screens");

    app.update(Action::Last);
    let bottom = app.source.top;
    let last = app.source.window.last().unwrap();
    assert_eq!(last.paragraph, doc.paragraphs.last().unwrap().number);
    assert_eq!(
        last.base + last.line.logical.end,
        doc.paragraphs.last().unwrap().end
    );
    assert_eq!(app.source.window.len(), height);

    app.update(Action::First);
    let mut steps = 0;
    while app.source.top != bottom {
        app.update(Action::SelectNext);
        steps += 1;
        assert!(steps <= total, "never reached the bottom");
    }
    assert_eq!(steps, total - height);
    app.update(Action::SelectNext);
    assert_eq!(
        app.source.top, bottom,
        "no scrolling past the last screenful"
    );

    let pages = (total - height).div_ceil(height - 1);
    for _ in 0..pages {
        app.update(Action::PageUp);
    }
    assert_eq!(app.source.top, Default::default(), "PgUp back to the top");
    for _ in 0..pages {
        app.update(Action::PageDown);
    }
    assert_eq!(app.source.top, bottom, "PgDn down to the bottom");
}

/// The help is longer than a small screen: it scrolls, to its last line and
/// no further.
#[test]
fn the_help_scrolls_to_its_end() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(80, 24, index.path());
    app.update(Action::Help);
    let first = screen_text(&draw(&app));
    assert!(first.contains("Everywhere"), "{first}");
    assert!(!first.contains("exact phrase"), "{first}");
    app.update(Action::Last);
    let last = screen_text(&draw(&app));
    assert!(last.contains("exact phrase"), "{last}");
    assert!(last.contains("clear the query"), "{last}");
    app.update(Action::SelectNext);
    assert_eq!(screen_text(&draw(&app)), last, "scrolled past the end");
    app.update(Action::First);
    assert_eq!(screen_text(&draw(&app)), first);
}

/// A document list longer than the popup keeps its selection on screen.
#[test]
fn the_document_popup_scrolls_with_its_selection() {
    let corpus = common::corpus_of(&["001"]);
    for i in 0..40 {
        std::fs::write(
            corpus.path().join(format!("extra-{i:02}.txt")),
            format!("وثيقة رقم {i}\n"),
        )
        .unwrap();
    }
    let index = tempfile::tempdir().unwrap();
    let mut app = common::app_for(corpus.path(), index.path(), Settings::default());
    app.update(Event::Resize(80, 24));
    app.update(Action::DocumentList);
    app.update(Action::Last);
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("extra-39.txt"), "{screen}");
    assert!(!screen.contains("extra-00.txt"), "{screen}");
    let Some(Popup::Documents { list, .. }) = &app.popup else {
        panic!("the document list is open: {:?}", app.popup);
    };
    assert_eq!(list.selected, 40);
    assert!(list.offset > 0);
}

#[test]
fn the_document_list_marks_dates_worked_out_from_the_text() {
    // The seeds without sources.toml: 001's date comes from its lead.
    let corpus = common::corpus_of(&["001", "004"]);
    let index = tempfile::tempdir().unwrap();
    let mut app = common::app_for(corpus.path(), index.path(), Settings::default());
    app.update(Event::Resize(120, 30));
    app.update(Action::DocumentList);
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("≈2020-11-10"), "{screen}");
    // 004 has no date to show, but its headline is its title.
    let line = screen
        .lines()
        .find(|l| l.contains("004_"))
        .expect("004 listed");
    let in_popup = line.split('║').nth(1).expect("inside the popup's frame");
    assert!(!in_popup.contains("≈"), "{line}");
    // The Source pane's title shows the inferred date too.
    app.update(Action::Open);
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("≈2020-11-10"), "{screen}");
}

#[test]
fn a_question_mark_in_an_empty_input_opens_the_help_and_one_in_a_query_is_typed() {
    let index = tempfile::tempdir().unwrap();
    let mut app = common::seed_app(index.path(), Settings::default());
    app.update(Event::Resize(80, 24));
    for mark in ["?", "؟"] {
        assert!(app.typing());
        app.update(Event::Insert(mark.into()));
        assert!(matches!(app.popup, Some(Popup::Help { .. })), "{mark}");
        assert_eq!(app.search.input.text(), "");
        app.update(Action::Back);
        assert!(app.popup.is_none());
    }
    app.update(Event::Insert("ماذا".into()));
    app.update(Event::Insert("?".into()));
    assert!(app.popup.is_none());
    assert_eq!(app.search.input.text(), "ماذا?");
}

#[test]
fn a_search_in_flight_says_so_instead_of_no_match() {
    let index = tempfile::tempdir().unwrap();
    let mut app = common::seed_app(index.path(), Settings::default());
    app.update(Event::Resize(80, 24));
    type_query(&mut app, "زززززز");
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("no passages match"), "{screen}");
    // The answer to the next keystroke is not in yet.
    app.search.pending = true;
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("searching…"), "{screen}");
    assert!(!screen.contains("no passages match"), "{screen}");
}

#[test]
fn esc_goes_back_where_you_came_from_and_only_the_input_clears() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(100, 30, index.path());
    type_query(&mut app, "لاتشين");
    app.update(Action::NextPane);
    assert_eq!(app.focus, Pane::Timeline);
    app.update(Action::Open);
    assert_eq!(app.focus, Pane::Source);
    app.update(Action::Back);
    assert_eq!(
        app.focus,
        Pane::Timeline,
        "back to the timeline it came from"
    );
    app.update(Action::Back);
    assert_eq!(app.focus, Pane::Search);
    assert_eq!(app.search.input.text(), "لاتشين", "the query survives");
    app.update(Action::Back);
    assert_eq!(app.search.input.text(), "", "Esc in the input clears it");
    // From a result: Source, then back to the results.
    type_query(&mut app, "لاتشين");
    app.update(Action::Open);
    assert_eq!(app.focus, Pane::Source);
    app.update(Action::Back);
    assert_eq!(app.focus, Pane::Search);
    // Nowhere left to go back to: Esc stays, and never panics.
    app.update(Action::Back);
    app.update(Action::Back);
    assert_eq!(app.focus, Pane::Search);
}

#[test]
fn older_and_newer_queries_come_back_in_the_input() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(100, 30, index.path());
    app.history = sanad::app::History::new(["لاتشين".to_string(), "شوشا".into()]);
    type_query(&mut app, "ستيب");
    app.update(Action::OlderQuery);
    assert_eq!(app.search.input.text(), "شوشا");
    app.update(Action::OlderQuery);
    assert_eq!(app.search.input.text(), "لاتشين");
    assert!(app.search.total > 0, "the recalled query runs");
    app.update(Action::NewerQuery);
    app.update(Action::NewerQuery);
    assert_eq!(
        app.search.input.text(),
        "ستيب",
        "back to what was being typed"
    );
    // Esc clears the query into the history; alt-p brings it back.
    app.update(Action::Back);
    assert_eq!(app.search.input.text(), "");
    assert_eq!(
        app.history.entries().last().map(String::as_str),
        Some("ستيب")
    );
    app.update(Action::OlderQuery);
    assert_eq!(app.search.input.text(), "ستيب");
    // The keys: alt-p and alt-n in the input.
    let alt_p = key('p', crossterm::event::KeyModifiers::ALT);
    assert_eq!(
        app.keymap.action_for(&alt_p, true),
        Some(Action::OlderQuery)
    );
}

#[test]
fn n_steps_through_the_hits_inside_the_document_and_m_through_mentions() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(100, 30, index.path());
    type_query(&mut app, "قوات");
    app.update(Action::Open);
    assert_eq!(app.focus, Pane::Source);
    let doc = app.source.doc;
    let n = app.source.hits.len();
    assert!(n >= 2, "{n} hits");
    let first = app.source.target.clone().expect("the opened passage");
    app.update(Action::NextHit);
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.starts_with("hit ") && message.ends_with(&format!("/{n}")),
        "{message}"
    );
    let at = app.source.current_hit.expect("a current hit");
    assert!(app.source.hits[at].start >= first.start);
    assert_eq!(app.source.target.as_ref(), Some(&app.source.hits[at]));
    // n then N comes back; n past the last wraps to the first.
    app.update(Action::NextHit);
    app.update(Action::PrevHit);
    assert_eq!(app.source.current_hit, Some(at));
    for _ in 0..n {
        app.update(Action::NextHit);
    }
    assert_eq!(app.source.current_hit, Some(at), "n wraps around");
    assert_eq!(app.source.doc, doc, "hits stay in the document");
    // The mention keys are m and M.
    let m = key('m', crossterm::event::KeyModifiers::NONE);
    assert_eq!(app.keymap.action_for(&m, false), Some(Action::NextMention));
}

#[test]
fn the_hint_bar_at_80x24_always_keeps_the_way_out() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(80, 24, index.path());
    let last_line = |app: &App| {
        screen_text(&draw(app))
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    };
    assert!(last_line(&app).contains("quit"), "{}", last_line(&app));
    type_query(&mut app, "قوات حفظ السلام الروسية في ناغورنو قره باغ");
    assert!(last_line(&app).contains("quit"), "{}", last_line(&app));
    app.update(Action::Open);
    assert!(last_line(&app).contains("quit"), "{}", last_line(&app));
    app.update(Action::NextPane);
    assert!(last_line(&app).contains("quit"), "{}", last_line(&app));
}

/// Loaded from the index, the document list describes each file from its
/// record when shown; its filter reads every description in the background,
/// and narrows the list as the list of a corpus read whole does.
#[test]
fn the_document_list_of_an_index_filters_once_its_keys_are_read_in_the_background() {
    let index = tempfile::tempdir().unwrap();
    let mut whole = app_at(120, 30, index.path());
    let committed =
        sanad::index::CorpusIndex::open_committed(&common::seeds(), index.path()).unwrap();
    let mut listed = loading_app(common::seeds(), Some(committed), 120, 30);
    let loaded = sanad::app::Loaded::from_index(&common::seeds(), listed.index().unwrap()).unwrap();
    listed.receive(Msg::Loaded(Box::new(loaded)));
    let shown = |app: &App| match &app.popup {
        Some(Popup::Documents { shown, .. }) => shown.clone(),
        other => panic!("the list is open: {other:?}"),
    };
    whole.update(Action::DocumentList);
    listed.update(Action::DocumentList);
    // Unfiltered, the rows (titles, outlets, dates) are the same.
    assert_eq!(screen_text(&draw(&listed)), screen_text(&draw(&whole)));
    // A word of 001's title, which its text shows too.
    type_query(&mut whole, "بوتين");
    type_query(&mut listed, "بوتين");
    let expected = shown(&whole);
    assert!(!expected.is_empty() && expected.len() < 5, "{expected:?}");
    assert_eq!(shown(&listed).len(), 5, "the list waits for its keys");
    assert!(
        listed
            .message
            .as_deref()
            .is_some_and(|m| m.contains("reading")),
        "{:?}",
        listed.message
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while shown(&listed).len() == 5 && std::time::Instant::now() < deadline {
        listed.receive_pending();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(shown(&listed), expected);
    assert_eq!(screen_text(&draw(&listed)), screen_text(&draw(&whole)));
    // Keys made for an older load's list are not taken.
    listed.update(Action::DeleteBack);
    listed.receive(Msg::DocumentKeys(
        7,
        std::sync::Arc::new(sanad::filelist::Texts::default()),
    ));
    type_query(&mut listed, "ن");
    assert_eq!(shown(&listed), expected, "the keys are the load's own");
}

#[test]
fn the_document_list_filters_as_you_type() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(120, 30, index.path());
    app.update(Action::FocusSearch);
    app.update(Action::NextPane);
    app.update(Action::DocumentList);
    assert!(app.reads_text(), "letters filter the list");
    let shown = |app: &App| match &app.popup {
        Some(Popup::Documents { shown, .. }) => shown.clone(),
        other => panic!("the list is open: {other:?}"),
    };
    assert_eq!(shown(&app).len(), 5);
    // A word of a title, typed with another hamza seat: 004's «انفصاليو».
    type_query(&mut app, "وانفصاليو");
    let only = shown(&app);
    assert_eq!(only.len(), 1, "{only:?}");
    assert!(app.shelf.name(only[0]).unwrap().starts_with("004"));
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("1 of 5"), "{screen}");
    // Esc clears the filter first; then a file name or a date narrows it.
    app.update(Action::Back);
    assert_eq!(shown(&app).len(), 5);
    type_query(&mut app, "2021-01");
    let only = shown(&app);
    assert_eq!(only.len(), 1);
    assert!(app.shelf.name(only[0]).unwrap().starts_with("003"));
    app.update(Action::DeleteBack);
    app.update(Action::ClearInput);
    type_query(&mut app, "002_");
    assert_eq!(shown(&app).len(), 1);
    // Enter opens the one shown, not the one at that row of the full list.
    app.update(Action::Open);
    assert!(app.popup.is_none());
    assert!(app.shelf.name(app.source.doc).unwrap().starts_with("002"));
    // Nothing matches: an empty list, and Enter does nothing.
    app.update(Action::DocumentList);
    type_query(&mut app, "زززز");
    assert!(shown(&app).is_empty());
    app.update(Action::Open);
    let _ = draw(&app);
    assert!(app.popup.is_some());
}

#[test]
fn popup_titles_keep_file_names_and_counts_in_order_beside_arabic() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(120, 30, index.path());
    type_query(&mut app, "الصليب الأحمر");
    app.update(Action::Open);
    app.update(Action::Citations);
    let Some(Popup::Citations { title, .. }) = app.popup.clone() else {
        panic!("citations open: {:?}", app.popup);
    };
    assert!(title.contains(".txt:"), "{title}");
    let screen = screen_text(&draw(&app));
    assert!(screen.contains(&title), "«{title}» kept whole:\n{screen}");
    assert!(screen.contains("Citations · عجارملا · "), "{screen}");
}

#[test]
fn moving_the_selection_previews_it_in_the_source_pane_and_enter_moves_there() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(120, 30, index.path());
    type_query(&mut app, "قوات");
    assert!(app.search.hits.len() >= 2);
    app.update(Action::SelectNext);
    assert!(app.settle(), "a preview was due");
    assert!(!app.settle(), "and only one");
    let hit = app.search.hits[1].clone();
    assert_eq!(app.focus, Pane::Search, "the focus stays in the results");
    assert_eq!(app.shelf.name(app.source.doc).unwrap(), hit.file);
    assert_eq!(app.source.target, Some(hit.start..hit.end));
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains(&format!("{:>4}│", hit.paragraph)),
        "{screen}"
    );
    // The timeline previews its selected event's mention too.
    app.update(Action::NextPane);
    app.update(Action::SelectNext);
    app.settle();
    let (_, m) = app
        .entries
        .selected_mention(&app.timeline)
        .expect("an event");
    assert_eq!(app.source.target, Some(m.start..m.end));
    assert_eq!(app.focus, Pane::Timeline);
    app.update(Action::Open);
    assert_eq!(app.focus, Pane::Source);
}

#[test]
fn copying_a_merged_event_cites_every_source_with_its_references() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(120, 30, index.path());
    app.update(Action::NextPane);
    let entry = common::ceasefire_entry(&app.timeline);
    select_by_keys(&mut app, entry);
    let sanad::app::Effect::Copy(text) = app.update(Action::Copy) else {
        panic!("a copy");
    };
    let e = &app.timeline.entries[entry];
    assert!(text.starts_with("2020-11-10 — "), "{text}");
    for file in e.files() {
        assert!(text.contains(file), "{file} cited:\n{text}");
    }
    // With the source's title and date.
    assert!(text.contains("(روسيا تنشر قوات حفظ سلام"), "{text}");
    // The encyclopedia's markers come with their reference text.
    let cited = (0..app.timeline.entries.len())
        .find(|&i| {
            app.timeline.entries[i]
                .mentions
                .iter()
                .any(|m| !m.references.is_empty())
        })
        .expect("an event citing a reference");
    app.update(Action::First);
    select_by_keys(&mut app, cited);
    let sanad::app::Effect::Copy(text) = app.update(Action::Copy) else {
        panic!("a copy");
    };
    for m in &app.timeline.entries[cited].mentions {
        if !m.markers.is_empty() {
            assert!(
                text.contains(&format!("cites {}", m.markers.join(" "))),
                "{text}"
            );
        }
        for r in &m.references {
            assert!(text.contains(r.as_str()), "{r} in:\n{text}");
        }
    }
}

#[test]
fn the_results_copy_as_a_markdown_report() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(120, 30, index.path());
    assert!(matches!(
        app.update(Action::CopyResults),
        sanad::app::Effect::None
    ));
    type_query(&mut app, "لاتشين");
    let sanad::app::Effect::Copy(md) = app.update(Action::CopyResults) else {
        panic!("a copy");
    };
    assert!(md.starts_with("# Search: «لاتشين»"), "{md}");
    assert_eq!(md.matches("\n## ").count(), app.search.hits.len());
    assert!(md.contains("**لاتشين**"), "{md}");
    let y = key('Y', crossterm::event::KeyModifiers::SHIFT);
    assert_eq!(app.keymap.action_for(&y, false), Some(Action::CopyResults));
}

#[test]
fn a_long_citation_list_scrolls_with_keys_and_the_wheel() {
    let corpus = tempfile::tempdir().unwrap();
    let markers: String = (1..=40).map(|i| format!("[{i}]")).collect();
    let refs: String = (1..=40).map(|i| format!("^ المرجع رقم {i}\n")).collect();
    std::fs::write(
        corpus.path().join("a.txt"),
        format!("وقع الاتفاق في 10 نوفمبر 2020.{markers}\n{refs}"),
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    let mut app = common::app_for(corpus.path(), index.path(), Settings::default());
    app.update(Event::Resize(80, 24));
    app.update(Action::Open);
    app.update(Action::Citations);
    let top = |app: &App| match &app.popup {
        Some(Popup::Citations { top, lines, .. }) => (*top, lines.len()),
        other => panic!("citations open: {other:?}"),
    };
    assert_eq!(top(&app), (0, 40));
    app.update(Action::SelectNext);
    assert_eq!(top(&app).0, 1);
    app.update(Event::Scroll {
        column: 40,
        row: 10,
        down: true,
    });
    assert_eq!(top(&app).0, 2, "the wheel scrolls the popup");
    app.update(Action::Last);
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("[40]"),
        "the last reference is reachable:\n{screen}"
    );
    app.update(Action::First);
    assert_eq!(top(&app).0, 0);
}

/// The status line's messages are English sentences with fields in them (a
/// file name, a date, a query): left to right whatever their first letter,
/// each Arabic field reordered in place, numbers and dates kept in order.
#[test]
fn status_messages_keep_their_fields_in_order() {
    let index = tempfile::tempdir().unwrap();
    let mut app = app_at(100, 24, index.path());
    let mut rows = Vec::new();
    for message in [
        "تقرير.docx: cannot be read as DOCX (corrupt zip), skipped",
        "opening تقرير.pdf with the system's viewer",
        "«تقرير الوزارة» dated 2021-03-05 from its <time datetime>",
        "1 file changed on disk: reading the changes…",
        "index updated: 3 files changed since it was built",
    ] {
        app.message = Some(message.to_string());
        let screen = screen_text(&draw(&app));
        let status = screen.lines().last().unwrap().to_string();
        rows.push(status.trim_end().to_string());
    }
    assert!(
        rows[0].starts_with(" ريرقت.docx: cannot be read as DOCX (corrupt zip)"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with(" opening ريرقت.pdf with the system's viewer"),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].starts_with(" «ةرازولا ريرقت» dated 2021-03-05 from its <time datetime>"),
        "{}",
        rows[2]
    );
    // Cut to leave the hints their room, with an ellipsis and a blank.
    assert!(rows[0].contains("… Enter"), "{}", rows[0]);
    insta::assert_snapshot!("status_messages_100x24", rows.join("\n"));
}
