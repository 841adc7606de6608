//! `sanad watch` and the commands it serves, with the real binary: a change
//! made just before a search is in its answer, a second watcher is refused,
//! and a watcher killed at any point is never trusted.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::{self, sanad, stderr, stdout};

/// A running `sanad watch` and the lines it writes on stderr.
struct Watcher {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watcher {
    fn start(corpus: &Path, cache: &Path) -> Watcher {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sanad"))
            .args(["--corpus", corpus.to_str().unwrap(), "watch"])
            .env("XDG_CACHE_HOME", cache)
            .env("XDG_CONFIG_HOME", cache)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut w = Watcher { child, lines };
        w.wait_line("watching ");
        w
    }

    fn wait_line(&mut self, needle: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(30)) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line with «{needle}» from sanad watch: {e}"),
            }
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The files `word` is found in, and how the answer knew it was current.
fn search(corpus: &Path, cache: &Path, word: &str) -> (Vec<String>, String) {
    let out = sanad(
        &[
            "--corpus",
            corpus.to_str().unwrap(),
            "search",
            "--json",
            word,
        ],
        cache,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let files = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["file"].as_str().unwrap().to_string())
        .collect();
    (
        files,
        v["freshness"].as_str().unwrap_or_default().to_string(),
    )
}

/// The files `word` is found in, answered by the watcher (not by a walk of
/// the corpus).
fn found_in(corpus: &Path, cache: &Path, word: &str) -> Vec<String> {
    let (files, freshness) = search(corpus, cache, word);
    assert_eq!(freshness, "watched", "{word}");
    files
}

#[test]
fn a_change_made_just_before_a_search_is_in_its_answer() {
    let corpus = common::corpus_of(&["001"]);
    let cache = tempfile::tempdir().unwrap();
    let _watch = Watcher::start(corpus.path(), cache.path());
    // Written, then searched at once, many times over: no sleep between.
    for i in 0..15 {
        let name = format!("late-{i}.txt");
        std::fs::write(
            corpus.path().join(&name),
            format!("وصلت قافلة زيتونية{i} إلى لاتشين.\n"),
        )
        .unwrap();
        assert_eq!(
            found_in(corpus.path(), cache.path(), &format!("زيتونية{i}")),
            std::slice::from_ref(&name)
        );
        std::fs::write(corpus.path().join(&name), "نص آخر تماما.\n").unwrap();
        assert!(
            found_in(corpus.path(), cache.path(), &format!("زيتونية{i}")).is_empty(),
            "{name} changed"
        );
        std::fs::remove_file(corpus.path().join(&name)).unwrap();
        assert!(
            found_in(corpus.path(), cache.path(), "تماما").is_empty(),
            "{name} removed"
        );
    }
}

#[test]
fn a_second_watcher_on_the_same_index_is_refused() {
    let corpus = common::corpus_of(&["001"]);
    let cache = tempfile::tempdir().unwrap();
    let _watch = Watcher::start(corpus.path(), cache.path());
    let out = sanad(
        &["--corpus", corpus.path().to_str().unwrap(), "watch"],
        cache.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("another `sanad watch` already serves the index"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_killed_watcher_is_not_trusted() {
    let corpus = common::corpus_of(&["001"]);
    let cache = tempfile::tempdir().unwrap();
    let mut watch = Watcher::start(corpus.path(), cache.path());
    watch.child.kill().unwrap();
    watch.child.wait().unwrap();
    // Its lock went with it: the next search checks the corpus itself.
    std::fs::write(
        corpus.path().join("late.txt"),
        "وصلت قافلة زيتونية إلى لاتشين.\n",
    )
    .unwrap();
    let (files, freshness) = search(corpus.path(), cache.path(), "زيتونية");
    assert_eq!(files, ["late.txt"]);
    assert_eq!(freshness, "checked");
    // And a new watcher can serve the index again.
    let _again = Watcher::start(corpus.path(), cache.path());
    std::fs::remove_file(corpus.path().join("late.txt")).unwrap();
    assert!(found_in(corpus.path(), cache.path(), "زيتونية").is_empty());
}

/// What editors and file managers do: an atomic save (a temp file renamed
/// over the original), a file deleted and written again, a file moved to
/// another folder of the corpus, and a folder moved in from outside.
#[test]
fn atomic_saves_recreations_and_moves_are_all_seen() {
    let corpus = common::corpus_of(&["001"]);
    let outside = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = corpus.path();
    std::fs::create_dir(root.join("a")).unwrap();
    std::fs::create_dir(root.join("b")).unwrap();
    std::fs::write(root.join("a/note.txt"), "كلمةأولى في الملف.\n").unwrap();
    let _watch = Watcher::start(root, cache.path());
    assert_eq!(found_in(root, cache.path(), "كلمةأولى"), ["a/note.txt"]);

    // An editor's atomic save: write a hidden temp file, rename it over.
    std::fs::write(root.join("a/.note.txt.tmp"), "كلمةثانية في الملف.\n").unwrap();
    std::fs::rename(root.join("a/.note.txt.tmp"), root.join("a/note.txt")).unwrap();
    assert!(found_in(root, cache.path(), "كلمةأولى").is_empty());
    assert_eq!(found_in(root, cache.path(), "كلمةثانية"), ["a/note.txt"]);

    // Deleted, then written again under the same name.
    std::fs::remove_file(root.join("a/note.txt")).unwrap();
    std::fs::write(root.join("a/note.txt"), "كلمةثالثة في الملف.\n").unwrap();
    assert_eq!(found_in(root, cache.path(), "كلمةثالثة"), ["a/note.txt"]);

    // Moved to another folder of the corpus.
    std::fs::rename(root.join("a/note.txt"), root.join("b/note.txt")).unwrap();
    assert_eq!(found_in(root, cache.path(), "كلمةثالثة"), ["b/note.txt"]);

    // A folder of sources moved in from outside the corpus, then out again.
    std::fs::create_dir(outside.path().join("more")).unwrap();
    std::fs::write(outside.path().join("more/x.txt"), "كلمةرابعة.\n").unwrap();
    std::fs::rename(outside.path().join("more"), root.join("more")).unwrap();
    assert_eq!(found_in(root, cache.path(), "كلمةرابعة"), ["more/x.txt"]);
    std::fs::rename(root.join("more"), outside.path().join("back")).unwrap();
    assert!(found_in(root, cache.path(), "كلمةرابعة").is_empty());
}

/// The explorer beside a `sanad watch`: when the corpus changes, the watcher
/// indexes it first, the explorer's own check then finds nothing left to do,
/// and the explorer must still answer from the watcher's newer commit.
#[test]
fn the_explorer_answers_from_a_commit_another_process_made() {
    use sanad::app::{Event, Settings};
    let corpus = common::corpus_of(&["001"]);
    let index = tempfile::tempdir().unwrap();
    let mut app = common::app_for(corpus.path(), index.path(), Settings::default());
    app.update(Event::Resize(100, 30));
    for c in "زيتونية".chars() {
        app.update(Event::Insert(c.to_string()));
    }
    assert!(app.search.hits.is_empty());
    // Another process indexes a new file, as `sanad watch` would.
    std::fs::write(corpus.path().join("new.txt"), "وصلت قافلة زيتونية.\n").unwrap();
    sanad::index::CorpusIndex::open(corpus.path(), index.path(), false, &mut |_, _| {}).unwrap();
    // The explorer hears of the change and checks.
    app.after_change(&sanad::watch::Change::Paths(vec![corpus
        .path()
        .join("new.txt")]));
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while app.search.hits.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the new file is never found"
        );
        if !app.receive_pending() {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    assert_eq!(app.search.hits[0].file, "new.txt");
    assert_eq!(
        app.message.as_deref(),
        Some("changes read: the index is up to date")
    );
    for check in std::mem::take(&mut app.checks) {
        check.finish();
    }
}
