//! Corpus faults: files deleted, truncated or changed while the corpus is
//! read, directory link loops, unreadable files, empty files, a 100 MB
//! single-line file, 10,000 files in one folder, and file names that are not
//! UTF-8. Each fault gets one clear line on stderr and the rest of the corpus
//! works.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{sanad, stderr, stdout};
use sanad::corpus::{list_sources, read_source, Corpus, Skip};
use sanad::index::CorpusIndex;
use sanad::query::Query;

const GOOD: &str = "في 10 نوفمبر 2020 وصلت قوات حفظ السلام إلى مدينة شوشا وقلعتها.\n";

/// A corpus folder with one good document, plus its index and cache folders.
struct Fixture {
    corpus: tempfile::TempDir,
    index: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let f = Fixture {
            corpus: tempfile::tempdir().expect("temp dir"),
            index: tempfile::tempdir().expect("temp dir"),
            cache: tempfile::tempdir().expect("temp dir"),
        };
        fs::write(f.path("good.txt"), GOOD).expect("write good.txt");
        f
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.corpus.path().join(rel)
    }

    fn args<'a>(&'a self, extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec![
            "--corpus",
            self.corpus.path().to_str().expect("utf-8 temp path"),
            "--index-dir",
            self.index.path().to_str().expect("utf-8 temp path"),
        ];
        args.extend_from_slice(extra);
        args
    }

    /// `sanad index`; fails unless it succeeds with every stderr line a
    /// one-line `sanad: …` message. Returns (stdout, stderr).
    fn index(&self) -> (String, String) {
        let out = sanad(&self.args(&["index"]), self.cache.path());
        let err = stderr(&out);
        assert!(out.status.success(), "sanad index failed: {err}");
        assert_clean_lines(&err);
        (stdout(&out), err)
    }

    /// The good document is found by search and the timeline still works.
    fn assert_the_rest_works(&self) {
        let out = sanad(&self.args(&["search", "شوشا", "--json"]), self.cache.path());
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("search JSON");
        let files = common::hit_files(&v);
        assert!(
            files.iter().any(|f| f == "good.txt"),
            "good.txt not found: {v}"
        );
        let out = sanad(&self.args(&["timeline"]), self.cache.path());
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("2020-11-10"), "{}", stdout(&out));
    }
}

/// Every stderr line is a short `sanad: …` message: no panic, no backtrace.
/// (A slow run also draws `\rsanad: indexing N/M files` progress.)
fn assert_clean_lines(err: &str) {
    assert!(!err.contains("panicked"), "{err}");
    for line in err.split(['\n', '\r']).filter(|l| !l.is_empty()) {
        assert!(
            line.starts_with("sanad: "),
            "stray stderr line {line:?} in:\n{err}"
        );
        assert!(line.chars().count() < 400, "an overlong line: {line}");
    }
}

/// Exactly one stderr line names `name`, and it contains each of `words`.
fn assert_one_line(err: &str, name: &str, words: &[&str]) {
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(name)).collect();
    assert_eq!(lines.len(), 1, "{name} should be named once in:\n{err}");
    for w in words {
        assert!(lines[0].contains(w), "{name}: {:?} lacks {w:?}", lines[0]);
    }
}

// ---------------------------------------------------------------------------------------
// Files that change between listing and reading

#[test]
fn files_deleted_truncated_or_replaced_after_listing_are_clear_skips() {
    let f = Fixture::new();
    for name in ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"] {
        fs::write(f.path(name), GOOD).unwrap();
    }
    let (files, warnings) = list_sources(f.corpus.path()).unwrap();
    assert_eq!((files.len(), warnings.len()), (6, 0));
    let by_name = |n: &str| files.iter().find(|s| s.rel == n).unwrap();
    fs::remove_file(f.path("a.txt")).unwrap();
    fs::write(f.path("b.txt"), "").unwrap();
    fs::remove_file(f.path("c.txt")).unwrap();
    fs::create_dir(f.path("c.txt")).unwrap();
    fs::write(f.path("d.txt"), b"\x7fELF\0\0\0\x02").unwrap();
    fs::write(f.path("e.txt"), "نص آخر أطول من الأول بكثير عن مدينة لاتشين").unwrap();

    let skip = read_source(by_name("a.txt")).unwrap_err();
    assert!(
        matches!(&skip, Skip::Unreadable(why) if why.contains("No such file")),
        "{skip}"
    );
    assert_eq!(read_source(by_name("b.txt")).unwrap_err(), Skip::Empty);
    assert!(matches!(
        read_source(by_name("c.txt")),
        Err(Skip::Unreadable(_))
    ));
    assert_eq!(read_source(by_name("d.txt")).unwrap_err(), Skip::Binary);
    // Changed: read as it is now, whatever the listing said about its size.
    assert!(read_source(by_name("e.txt"))
        .unwrap()
        .text
        .contains("لاتشين"));
    let corpus = Corpus::load(f.corpus.path()).unwrap();
    let names: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(names, ["e.txt", "good.txt"]);
}

/// The index lists the corpus, then reads its files a batch at a time: the
/// progress callback runs before the first batch is read, so files can vanish
/// exactly then, after the listing.
#[test]
fn files_vanishing_while_the_index_is_built() {
    let f = Fixture::new();
    for i in 0..30 {
        fs::write(f.path(&format!("doc{i:02}.txt")), GOOD).unwrap();
    }
    let deleted = f.path("doc10.txt");
    let truncated = f.path("doc12.txt");
    let rewritten = f.path("doc14.txt");
    let (index, report) =
        CorpusIndex::open(f.corpus.path(), f.index.path(), false, &mut |done, _| {
            if done == 0 {
                fs::remove_file(&deleted).unwrap();
                fs::write(&truncated, "").unwrap();
                fs::write(&rewritten, "نص جديد كليا عن مدينة كلبجار").unwrap();
            }
        })
        .expect("the index is built despite the changes");
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("doc10.txt") && warnings[0].contains("cannot be read"));
    assert!(warnings[1].contains("doc12.txt") && warnings[1].contains("empty"));
    let hits = index
        .search(&Query::parse("كلبجار").unwrap(), 5)
        .unwrap()
        .hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].file, "doc14.txt");
    drop(index);

    // Reopened: the deleted file is gone, the truncated one refilled is read.
    fs::write(&truncated, "نص عن مدينة أغدام").unwrap();
    let (index, report) =
        CorpusIndex::open(f.corpus.path(), f.index.path(), false, &mut |_, _| {}).unwrap();
    assert_eq!(report.rebuilt, None, "the index stayed usable");
    assert_eq!(report.removed, 1);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.documents, 30);
    let hits = index
        .search(&Query::parse("أغدام").unwrap(), 5)
        .unwrap()
        .hits;
    assert_eq!(hits.len(), 1);
}

#[test]
fn sanad_index_while_another_process_deletes_files() {
    let f = Fixture::new();
    for i in 0..400 {
        let text = format!("الوثيقة رقم {i} عن ممر لاتشين\n");
        fs::write(f.path(&format!("n{i:03}.txt")), text).unwrap();
    }
    let child = Command::new(env!("CARGO_BIN_EXE_sanad"))
        .args(f.args(&["index"]))
        .env("XDG_CACHE_HOME", f.cache.path())
        .env("XDG_CONFIG_HOME", f.cache.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sanad index");
    let corpus = f.corpus.path().to_path_buf();
    let deleter = std::thread::spawn(move || {
        // Every other file, spread over the run.
        for i in (0..400).step_by(2) {
            let _ = fs::remove_file(corpus.join(format!("n{i:03}.txt")));
            std::thread::sleep(Duration::from_millis(2));
        }
    });
    deleter.join().unwrap();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_clean_lines(&err);
    for line in err.lines() {
        assert!(
            line.contains("cannot be read") || line.contains("No such file"),
            "unexpected: {line}"
        );
    }
    // A second run sees the final state: 200 left, plus good.txt.
    let (out, err) = f.index();
    assert!(out.starts_with("201 documents"), "{out}{err}");
    assert!(err.is_empty(), "{err}");
    f.assert_the_rest_works();
}

// ---------------------------------------------------------------------------------------
// Links, permissions, empty files

#[cfg(unix)]
#[test]
fn link_loops_are_named_once_and_not_followed() {
    use std::os::unix::fs::symlink;
    let f = Fixture::new();
    fs::create_dir_all(f.path("sub/deeper")).unwrap();
    fs::write(
        f.path("sub/deeper/inner.txt"),
        "نص في مجلد عميق عن ممر لاتشين",
    )
    .unwrap();
    symlink(f.corpus.path(), f.path("sub/deeper/loop-to-root")).unwrap();
    symlink("..", f.path("sub/loop-to-parent")).unwrap();
    symlink(f.path("ping.txt"), f.path("pong.txt")).unwrap();
    symlink(f.path("pong.txt"), f.path("ping.txt")).unwrap();
    let (_, err) = f.index();
    assert_one_line(&err, "loop-to-root", &["loop"]);
    assert_one_line(&err, "loop-to-parent", &["loop"]);
    assert_one_line(&err, "ping.txt", &["cannot be read"]);
    assert_one_line(&err, "pong.txt", &["cannot be read"]);
    assert_eq!(err.lines().count(), 4, "{err}");
    f.assert_the_rest_works();
    let out = sanad(&f.args(&["search", "لاتشين"]), f.cache.path());
    assert!(
        stdout(&out).contains("sub/deeper/inner.txt"),
        "{}",
        stdout(&out)
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_once() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new();
    let locked = f.path("locked.txt");
    fs::write(&locked, "نص محمي عن مدينة أغدام").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    fs::create_dir(f.path("locked-dir")).unwrap();
    fs::write(f.path("locked-dir/inside.txt"), "نص داخل مجلد محمي").unwrap();
    fs::set_permissions(f.path("locked-dir"), fs::Permissions::from_mode(0o000)).unwrap();
    let permissions_bind = fs::read(&locked).is_err();

    if permissions_bind {
        let (_, err) = f.index();
        assert_one_line(&err, "locked.txt", &["cannot be read", "ermission denied"]);
        assert_one_line(&err, "locked-dir", &["ermission denied"]);
        f.assert_the_rest_works();
    } else {
        // Root reads through chmod 000: then sanad (as root too) must index the
        // file, and the unreadable path is exercised by a file that fails to
        // read for everyone: a link to /proc/self/mem, a regular file whose
        // first page is never mapped (EIO).
        let (out, err) = f.index();
        assert!(err.is_empty(), "{err}");
        assert!(out.starts_with("3 documents"), "{out}");
        let found = sanad(&f.args(&["search", "أغدام"]), f.cache.path());
        assert!(stdout(&found).contains("locked.txt"));
        let mem = Path::new("/proc/self/mem");
        assert!(
            mem.is_file() && fs::read(mem).is_err(),
            "no way to make an unreadable file here: chmod 000 does not bind and /proc/self/mem reads"
        );
        std::os::unix::fs::symlink(mem, f.path("proc-mem.txt")).unwrap();
        let (_, err) = f.index();
        assert_one_line(&err, "proc-mem.txt", &["cannot be read"]);
        f.assert_the_rest_works();
    }
    // Readable again: indexed on the next run (unreadable files are retried).
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(f.path("locked-dir"), fs::Permissions::from_mode(0o755)).unwrap();
    let _ = fs::remove_file(f.path("proc-mem.txt"));
    let (out, err) = f.index();
    assert!(err.is_empty(), "{err}");
    assert!(out.starts_with("3 documents"), "{out}");
}

#[test]
fn empty_files_are_named_once_each() {
    let f = Fixture::new();
    fs::create_dir(f.path("nested")).unwrap();
    for name in ["zero.txt", "zero.md", "nested/zero.txt"] {
        fs::write(f.path(name), "").unwrap();
    }
    fs::write(f.path("blank.txt"), " \n\t\r\n  \n").unwrap();
    let (out, err) = f.index();
    assert!(
        out.starts_with("1 documents") && out.contains("4 skipped"),
        "{out}"
    );
    for name in ["blank.txt", "zero.md", "nested/zero.txt"] {
        assert_one_line(&err, name, &["empty file"]);
    }
    assert_eq!(err.lines().filter(|l| l.contains("zero.txt")).count(), 2);
    assert_eq!(err.lines().count(), 4, "{err}");
    f.assert_the_rest_works();
}

// ---------------------------------------------------------------------------------------
// Size and number

/// Peak resident memory of a running child, sampled from /proc until it exits
/// (VmHWM is the high-water mark, so the last sample is the peak so far).
fn run_measuring_peak(args: &[&str], cache: &Path) -> (std::process::Output, Option<u64>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sanad"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_CONFIG_HOME", cache)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sanad");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = None;
    while child.try_wait().expect("child status").is_none() {
        if let Ok(status) = fs::read_to_string(&status_file) {
            let hwm = status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok());
            peak_kb = hwm.or(peak_kb);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (child.wait_with_output().expect("output"), peak_kb)
}

#[test]
fn a_100_mb_single_line_file_is_rejected_in_bounded_memory() {
    use std::io::Write as _;
    let f = Fixture::new();
    let big = f.path("big.txt");
    let mut file = std::io::BufWriter::new(fs::File::create(&big).unwrap());
    let chunk = "قوات حفظ السلام في ممر لاتشين ".repeat(1 << 12);
    let total = 100 * 1024 * 1024;
    let mut written = 0;
    while written + chunk.len() <= total {
        file.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    file.write_all(" ".repeat(total - written).as_bytes())
        .unwrap();
    file.flush().unwrap();
    drop(file);

    let started = Instant::now();
    let (out, peak_kb) = run_measuring_peak(&f.args(&["index"]), f.cache.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_clean_lines(&err);
    assert_one_line(&err, "big.txt", &["too large", "100.0 MB"]);
    println!(
        "index with a 100 MB file: {:?}, peak RSS {peak_kb:?} kB",
        started.elapsed()
    );
    if cfg!(target_os = "linux") {
        let peak_mb = peak_kb.expect("VmHWM from /proc") / 1024;
        assert!(peak_mb < 400, "indexing peaked at {peak_mb} MB");
    }
    f.assert_the_rest_works();

    // The commands that read the documents themselves refuse it without reading it.
    let (out, peak_kb) = run_measuring_peak(&f.args(&["timeline"]), f.cache.path());
    assert!(out.status.success(), "{}", stderr(&out));
    if let Some(kb) = peak_kb {
        assert!(kb / 1024 < 100, "timeline peaked at {} MB", kb / 1024);
    }
    let out = sanad(&f.args(&["show", "big.txt"]), f.cache.path());
    let err = stderr(&out);
    assert!(!out.status.success());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("big.txt") && err.contains("too large"),
        "{err}"
    );
}

#[test]
fn ten_thousand_files_in_one_folder() {
    let f = Fixture::new();
    for i in 0..10_000 {
        let text = format!("الوثيقة رقم {i} عن قوات حفظ السلام ومدينة رقم{i}\n");
        fs::write(f.path(&format!("f{i:05}.txt")), text).unwrap();
    }
    let started = Instant::now();
    let (out, err) = f.index();
    println!("indexed 10,001 files in {:?}", started.elapsed());
    assert!(out.starts_with("10001 documents"), "{out}{err}");
    let again = Instant::now();
    let (out, _) = f.index();
    assert!(out.contains("(0 added, 0 changed, 0 removed)"), "{out}");
    println!("reopened in {:?}", again.elapsed());
    let out = sanad(&f.args(&["search", "رقم9999", "--json"]), f.cache.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["hits"][0]["file"], "f09999.txt", "{v}");
    f.assert_the_rest_works();
}

// ---------------------------------------------------------------------------------------
// Names

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_named_once_and_kept_apart() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let f = Fixture::new();
    // Windows-1256 names of one length: a lossy conversion makes both "����.txt".
    let first = f
        .corpus
        .path()
        .join(OsStr::from_bytes(b"\xde\xd1\xc7\xd1.txt"));
    let second = f
        .corpus
        .path()
        .join(OsStr::from_bytes(b"\xc8\xed\xc7\xe4.txt"));
    fs::write(&first, "القرار الأول عن مدينة كلبجار").unwrap();
    fs::write(&second, "البيان الثاني عن مدينة كلبجار").unwrap();
    let dir = f.corpus.path().join(OsStr::from_bytes(b"dir-\xff"));
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("inner.txt"), "نص في مجلد اسمه غير صالح عن كلبجار").unwrap();

    let (out, err) = f.index();
    assert!(out.starts_with("4 documents"), "{out}{err}");
    assert_one_line(&err, r"\xDE\xD1\xC7\xD1.txt", &["not valid UTF-8"]);
    assert_one_line(&err, r"\xC8\xED\xC7\xE4.txt", &["not valid UTF-8"]);
    assert_one_line(&err, r"dir-\xFF/inner.txt", &["not valid UTF-8"]);
    let out = sanad(&f.args(&["search", "كلبجار", "--json"]), f.cache.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut files: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["file"].as_str())
        .collect();
    files.sort_unstable();
    assert_eq!(
        files,
        [
            r"\xC8\xED\xC7\xE4.txt",
            r"\xDE\xD1\xC7\xD1.txt",
            r"dir-\xFF/inner.txt"
        ]
    );
    // Reopening changes nothing: no name collides, so the manifest matches.
    let (out, err) = f.index();
    assert!(
        out.contains("(0 added, 0 changed, 0 removed)"),
        "{out}{err}"
    );
    assert!(!err.contains("rebuilt"), "{err}");
    f.assert_the_rest_works();
    // Asking for one by its listed name is a clear error, not a crash.
    let out = sanad(&f.args(&["show", r"\xDE\xD1\xC7\xD1.txt"]), f.cache.path());
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
}

/// `e` in the explorer on a file whose name is not UTF-8 hands the editor
/// that file, not the escaped name shown on screen (which names no file, so
/// saving would have made a stray one in the corpus).
#[cfg(unix)]
#[test]
fn editing_a_file_whose_name_is_not_utf8_opens_that_file() {
    use sanad::app::{Action, App, Effect, Keymap, Settings};
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let corpus = tempfile::tempdir().unwrap();
    let real = corpus.path().join(OsStr::from_bytes(b"bad\xff.txt"));
    fs::write(&real, GOOD).unwrap();
    let loaded = Corpus::load(corpus.path()).unwrap();
    assert_eq!(loaded.documents[0].path, r"bad\xFF.txt");
    let mut app = App::new(
        loaded,
        sanad::metadata::Metadata::default(),
        sanad::timeline::Timeline::default(),
        None,
        Keymap::defaults(),
        Settings::default(),
    );
    let Effect::Edit { path, line } = app.update(Action::Edit) else {
        panic!("`e` did not ask for the editor");
    };
    assert_eq!(line, 1);
    assert_eq!(path, real);
    assert!(path.exists(), "{path:?} does not exist");
}

// ---------------------------------------------------------------------------------------
// Files that never end

/// A link to a "file" that reads forever (`/proc/self/pagemap` yields 8 bytes
/// per page of the address space, some 256 GB, though its size says 0).
#[cfg(target_os = "linux")]
fn corpus_with_an_endless_file() -> Fixture {
    let f = Fixture::new();
    let endless = Path::new("/proc/self/pagemap");
    assert!(
        endless.is_file(),
        "/proc/self/pagemap is needed for this test"
    );
    std::os::unix::fs::symlink(endless, f.path("endless.txt")).unwrap();
    f
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_that_never_ends_is_refused_at_the_size_limit() {
    let f = corpus_with_an_endless_file();
    let (files, _) = list_sources(f.corpus.path()).unwrap();
    let endless = files.iter().find(|s| s.rel == "endless.txt").unwrap();
    assert_eq!(endless.size, 0, "its size says nothing");
    let started = Instant::now();
    // Refused at the limit, or by the kernel (pagemap wants reads in whole
    // 8-byte entries, and the read at the limit is not): a clear skip either way.
    let read = read_source(endless);
    assert!(
        matches!(read, Err(Skip::TooLarge(_) | Skip::Unreadable(_))),
        "{read:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    // The commands that load the documents refuse it in bounded memory.
    let (out, peak_kb) = run_measuring_peak(&f.args(&["timeline"]), f.cache.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("2020-11-10"));
    let peak_mb = peak_kb.expect("VmHWM") / 1024;
    assert!(peak_mb < 300, "timeline peaked at {peak_mb} MB");
}

/// The index reads files itself (`read_and_fingerprint` in src/index/mod.rs,
/// with `fs::read`): it must go through `corpus::read_bytes`, or it reads on
/// until memory runs out. Guarded: sanad is killed past 1 GB.
#[cfg(target_os = "linux")]
#[test]
fn sanad_index_refuses_a_file_that_never_ends() {
    let f = corpus_with_an_endless_file();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sanad"))
        .args(f.args(&["index"]))
        .env("XDG_CACHE_HOME", f.cache.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sanad index");
    let status_file = format!("/proc/{}/status", child.id());
    let mut killed = None;
    while child.try_wait().unwrap().is_none() {
        let rss_kb = fs::read_to_string(&status_file)
            .ok()
            .and_then(|s| {
                let line = s.lines().find(|l| l.starts_with("VmRSS:"))?.to_string();
                line.split_whitespace().nth(1)?.parse::<u64>().ok()
            })
            .unwrap_or(0);
        if rss_kb > 1024 * 1024 {
            let _ = child.kill();
            killed = Some(rss_kb / 1024);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        killed, None,
        "sanad index grew past 1 GB reading endless.txt"
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_one_line(&err, "endless.txt", &["skipped"]);
}
