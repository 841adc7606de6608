//! Index faults: damaged files, stale locks, write errors, concurrent updates.
//! Each ends with a working, consistent index or a clear error — never a wrong
//! answer from a half-written index — and the sources are never written.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{corpus_of, sanad, sanad_env, stderr, stdout};
use serde_json::Value;

struct Setup {
    cache: tempfile::TempDir,
    corpus: tempfile::TempDir,
    index: tempfile::TempDir,
}

impl Setup {
    fn new(names: &[&str]) -> Setup {
        Setup {
            cache: tempfile::tempdir().unwrap(),
            corpus: corpus_of(names),
            index: tempfile::tempdir().unwrap(),
        }
    }

    fn args<'a>(&'a self, extra: &[&'a str]) -> Vec<&'a str> {
        let mut v = vec![
            "--corpus",
            self.corpus.path().to_str().unwrap(),
            "--index-dir",
            self.index.path().to_str().unwrap(),
        ];
        v.extend_from_slice(extra);
        v
    }

    fn run(&self, extra: &[&str]) -> std::process::Output {
        sanad(&self.args(extra), self.cache.path())
    }

    fn search(&self, q: &str) -> (Value, String) {
        let out = self.run(&["search", q, "--json"]);
        assert!(out.status.success(), "search {q}: {}", stderr(&out));
        (serde_json::from_str(&stdout(&out)).unwrap(), stderr(&out))
    }

    /// `search --cached --json`: the index as last committed.
    fn run_search_cached(&self, q: &str) -> (Value, String) {
        let out = self.run(&["search", q, "--json", "--cached"]);
        assert!(
            out.status.success(),
            "search --cached {q}: {}",
            stderr(&out)
        );
        (serde_json::from_str(&stdout(&out)).unwrap(), stderr(&out))
    }

    fn generation(&self) -> PathBuf {
        let name = fs::read_to_string(self.index.path().join("CURRENT")).unwrap();
        self.index.path().join(name.trim())
    }

    fn snapshot_sources(&self) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
        let mut out = Vec::new();
        for e in fs::read_dir(self.corpus.path()).unwrap() {
            let p = e.unwrap().path();
            let m = fs::metadata(&p).unwrap();
            out.push((p.clone(), fs::read(&p).unwrap(), m.modified().unwrap()));
        }
        out.sort();
        out
    }
}

fn largest_file(dir: &Path) -> PathBuf {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().ends_with(".json"))
        .max_by_key(|p| fs::metadata(p).unwrap().len())
        .unwrap()
}

/// XORs the byte at `offset` of `path` with `mask`.
fn flip_byte(path: &Path, offset: impl Fn(usize) -> usize, mask: u8) {
    let mut bytes = fs::read(path).unwrap();
    let at = offset(bytes.len());
    bytes[at] ^= mask;
    fs::write(path, bytes).unwrap();
}

/// Searches `query` again: the damage is named once, the index rebuilt, and
/// the hits are those `before` it. Returns what went to stderr.
fn assert_rebuilt_with_the_same_hits(s: &Setup, query: &str, before: &Value) -> String {
    let (after, err) = s.search(query);
    assert_eq!(
        err.lines().filter(|l| l.contains("unusable")).count(),
        1,
        "{err}"
    );
    assert_eq!(after["hits"], before["hits"]);
    err
}

#[test]
fn a_flipped_byte_in_a_segment_is_caught_and_rebuilt() {
    let s = Setup::new(&["001", "003"]);
    let (before, _) = s.search("باشينيان");
    flip_byte(&largest_file(&s.generation()), |len| len / 2, 0x5a);
    assert_rebuilt_with_the_same_hits(&s, "باشينيان", &before);
}

#[test]
fn a_flipped_byte_in_the_manifest_is_caught_and_rebuilt() {
    let s = Setup::new(&["001", "003"]);
    let (before, _) = s.search("باشينيان");
    let manifest = fs::read_dir(s.generation())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("manifest-")
        })
        .expect("a manifest");
    flip_byte(&manifest, |len| len - 1, 0x01);
    let err = assert_rebuilt_with_the_same_hits(&s, "باشينيان", &before);
    assert!(err.contains("checksum"), "{err}");
}

#[test]
fn garbage_current_pointer_and_stray_files_are_handled() {
    let s = Setup::new(&["001"]);
    s.search("بوتين");
    fs::write(
        s.generation().join("garbage.bin"),
        b"\0\x01not an index file",
    )
    .unwrap();
    let (v, err) = s.search("بوتين");
    assert!(
        !err.contains("unusable"),
        "a stray file is not damage: {err}"
    );
    assert!(v["total"].as_u64().unwrap() > 0);
    fs::write(s.index.path().join("CURRENT"), b"../../etc").unwrap();
    let (v, err) = s.search("بوتين");
    assert!(err.contains("unusable"), "{err}");
    assert!(v["total"].as_u64().unwrap() > 0);
}

#[test]
fn stale_lock_files_left_by_a_killed_process_do_not_block() {
    let s = Setup::new(&["001"]);
    s.search("بوتين");
    // What a process killed mid-update leaves behind: both lock files, unlocked.
    fs::write(s.index.path().join("sanad.lock"), b"").unwrap();
    fs::write(s.generation().join(".tantivy-writer.lock"), b"").unwrap();
    fs::write(s.generation().join(".tantivy-meta.lock"), b"").unwrap();
    fs::write(s.corpus.path().join("new.txt"), "خبر عن مدينة جرمك").unwrap();
    let out = s.run(&["index", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["added"], 1);
    assert_eq!(s.search("جرمك").0["total"], 1);
}

/// Runs sanad with a file-size limit, so that writing the index fails with
/// EFBIG as on a full disk (SIGXFSZ ignored so the write returns the error).
fn run_with_file_limit(s: &Setup, kib: u32, extra: &[&str]) -> std::process::Output {
    let args: Vec<String> = s.args(extra).iter().map(|a| format!("'{a}'")).collect();
    let script = format!(
        "trap '' XFSZ; ulimit -f {kib}; exec '{}' {}",
        env!("CARGO_BIN_EXE_sanad"),
        args.join(" ")
    );
    Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("XDG_CACHE_HOME", s.cache.path())
        .output()
        .expect("bash")
}

#[test]
fn a_write_error_during_indexing_is_a_clear_error_and_loses_nothing() {
    let s = Setup::new(&["000", "001", "002"]);
    // First build fails: one line on stderr, non-zero status, no index in use.
    let failed = run_with_file_limit(&s, 4, &["index"]);
    assert!(!failed.status.success());
    let err = stderr(&failed);
    assert!(err.contains("sanad: error:"), "{err}");
    assert!(!err.contains("panicked at"), "{err}");
    // Then it builds once the disk has room.
    let (v, _) = s.search("فاردانيان");
    assert!(v["total"].as_u64().unwrap() > 0);

    // An update that fails leaves the previous index answering.
    let before = s.search("ستيباناكيرت").0;
    let extra = "وقائع جديدة عن بلدة مارتوني\n".repeat(4000);
    fs::write(s.corpus.path().join("big-new.txt"), extra).unwrap();
    let failed = run_with_file_limit(&s, 16, &["index"]);
    assert!(
        !failed.status.success(),
        "the update should fail: {}",
        stderr(&failed)
    );
    assert!(!stderr(&failed).contains("panicked at"));
    fs::remove_file(s.corpus.path().join("big-new.txt")).unwrap();
    let (after, err) = s.search("ستيباناكيرت");
    assert!(!err.contains("unusable"), "{err}");
    assert_eq!(after["hits"], before["hits"]);
}

#[test]
fn two_processes_updating_at_once_end_consistent() {
    let s = Setup::new(&["001", "002"]);
    s.search("بوتين");
    for i in 0..20 {
        fs::write(
            s.corpus.path().join(format!("n{i:02}.txt")),
            format!("خبر رقم {i} عن بلدة سيسيان"),
        )
        .unwrap();
    }
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_sanad"))
            .args(s.args(&["index", "--json"]))
            .env("XDG_CACHE_HOME", s.cache.path())
            .output()
    };
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(spawn);
        let b = scope.spawn(spawn);
        (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
    });
    assert!(
        a.status.success() && b.status.success(),
        "{} / {}",
        stderr(&a),
        stderr(&b)
    );
    let added: u64 = [&a, &b]
        .iter()
        .map(|o| {
            serde_json::from_str::<Value>(&stdout(o)).unwrap()["added"]
                .as_u64()
                .unwrap()
        })
        .sum();
    assert_eq!(added, 20, "each new file indexed exactly once");
    let v = s.search("سيسيان").0;
    assert_eq!(v["total"], 20);
    let out = s.run(&["index", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (v["documents"].as_u64(), v["added"].as_u64()),
        (Some(22), Some(0))
    );
}

#[test]
fn sources_are_never_written() {
    let s = Setup::new(&[]);
    let before = s.snapshot_sources();
    s.run(&["index"]);
    s.run(&["index", "--rebuild"]);
    s.search("قوات");
    s.run(&["timeline", "--json"]);
    s.run(&["show", "000_271304c8eddbc6f6.txt"]);
    assert_eq!(s.snapshot_sources(), before);
}

// ---------------------------------------------------------------------------
// The index folder is sanad's alone, and nothing outside it is removed.

/// Every file under `dir`, with its bytes: what must survive untouched.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn assert_refused(out: &std::process::Output, what: &str) {
    assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "{what}: one line: {err}");
    assert!(
        err.starts_with("sanad: error: index folder"),
        "{what}: {err}"
    );
}

#[test]
fn a_folder_of_other_files_is_refused_as_index_folder_and_left_whole() {
    let s = Setup::new(&["001"]);
    let mine = tempfile::tempdir().unwrap();
    fs::create_dir(mine.path().join("gen-notes")).unwrap();
    fs::write(mine.path().join("gen-notes/draft.txt"), "ملاحظات").unwrap();
    fs::write(mine.path().join("CURRENT"), "gen-notes").unwrap();
    let before = tree(mine.path());
    let c = s.corpus.path().to_str().unwrap();
    let i = mine.path().to_str().unwrap();
    for args in [
        vec!["--corpus", c, "--index-dir", i, "index"],
        vec!["--corpus", c, "--index-dir", i, "index", "--rebuild"],
        vec!["--corpus", c, "--index-dir", i, "search", "بوتين"],
        vec![
            "--corpus",
            c,
            "--index-dir",
            i,
            "search",
            "بوتين",
            "--cached",
        ],
    ] {
        assert_refused(&sanad(&args, s.cache.path()), &args.join(" "));
    }
    assert_eq!(tree(mine.path()), before);
}

#[test]
fn the_corpus_root_and_home_are_never_an_index_folder() {
    let s = Setup::new(&["001"]);
    let home = tempfile::tempdir().unwrap();
    let sources = tree(s.corpus.path());
    let corpus = s.corpus.path().to_str().unwrap();
    let inside = s.corpus.path().join("index");
    let file = s.corpus.path().join("001_f782a295b2e42d0e.txt");
    for dir in [
        corpus,
        inside.to_str().unwrap(),
        "/",
        home.path().to_str().unwrap(),
    ] {
        let out = sanad_env(
            &["--corpus", corpus, "--index-dir", dir, "index"],
            s.cache.path(),
            &[("HOME", home.path().to_str().unwrap())],
        );
        assert_refused(&out, dir);
    }
    assert!(!inside.exists());
    assert!(!Path::new("/CURRENT").exists() && !Path::new("/SANAD-INDEX").exists());
    let out = sanad(
        &[
            "--corpus",
            corpus,
            "--index-dir",
            file.to_str().unwrap(),
            "index",
        ],
        s.cache.path(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // Refused before anything else: inside the corpus, and (elsewhere) a file.
    let elsewhere = tempfile::NamedTempFile::new().unwrap();
    let out = sanad(
        &[
            "--corpus",
            corpus,
            "--index-dir",
            elsewhere.path().to_str().unwrap(),
            "index",
        ],
        s.cache.path(),
    );
    assert_refused(&out, "a file");
    assert!(
        stderr(&out).contains("is a file, not a folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(s.corpus.path()), sources);
}

#[test]
fn a_rebuild_removes_only_the_generations_sanad_made() {
    let s = Setup::new(&["001"]);
    s.search("بوتين");
    let old = s.generation();
    // Things a user put in sanad's folder: named like a generation, but not one.
    fs::create_dir(s.index.path().join("gen-notes")).unwrap();
    fs::write(s.index.path().join("gen-notes/a.txt"), "x").unwrap();
    fs::create_dir(s.index.path().join("gen-1-2")).unwrap();
    fs::write(s.index.path().join("gen-1-2/b.txt"), "y").unwrap();
    let out = s.run(&["index", "--rebuild"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!old.exists(), "the replaced generation is removed");
    assert!(s.index.path().join("gen-notes/a.txt").is_file());
    assert!(s.index.path().join("gen-1-2/b.txt").is_file());
}

// ---------------------------------------------------------------------------
// Interrupted commits, full disks, read-only indexes.

fn files_in(dir: &Path, suffix: &str) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(suffix))
        .collect()
}

fn manifests(generation: &Path) -> usize {
    files_in(generation, ".bin")
        .iter()
        .filter(|n| n.starts_with("manifest-"))
        .count()
}

fn index_json(s: &Setup) -> Value {
    let out = s.run(&["index", "--json"]);
    assert!(out.status.success(), "index: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn an_update_killed_between_its_delete_file_and_meta_json_is_repaired() {
    let s = Setup::new(&["001", "002"]);
    s.search("بوتين");
    let changed = s.corpus.path().join("001_f782a295b2e42d0e.txt");
    let mut text = fs::read_to_string(&changed).unwrap();
    text.push_str("\nخبر أخير عن بلدة شوشي وقرية تاليش.\n");
    fs::write(&changed, text).unwrap();
    for round in 0..3 {
        // The commit writes the changed file's .del, then dies before meta.json.
        let out = sanad_env(
            &s.args(&["index"]),
            s.cache.path(),
            &[("SANAD_FAULT", "crash-before-meta")],
        );
        assert_eq!(
            out.status.code(),
            None,
            "killed by a signal: {}",
            stderr(&out)
        );
        assert!(
            !files_in(&s.generation(), ".del").is_empty(),
            "round {round}: the cut commit left its .del file"
        );
        // The previous commit answers; the change is not in it yet.
        let (v, _) = s.run_search_cached("تاليش");
        assert_eq!(v["total"], 0);
    }
    // The next update clears the cut commits and goes through.
    let v = index_json(&s);
    assert_eq!(v["changed"], 1, "{v}");
    assert_eq!(s.search("تاليش").0["total"], 1);
    assert_eq!(manifests(&s.generation()), 1, "one manifest");
    assert!(files_in(&s.generation(), ".tmp").is_empty());
}

#[test]
fn a_full_disk_leaves_nothing_behind_and_the_next_run_succeeds() {
    let s = Setup::new(&["000", "001", "002"]);
    let full = [("SANAD_FAULT", "disk-full-after:20000")];
    // A first build that runs out of space removes what it wrote.
    let out = sanad_env(&s.args(&["index"]), s.cache.path(), &full);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("No space left on device"), "{err}");
    assert!(!err.contains("os error"), "said in words: {err}");
    assert!(
        files_in(s.index.path(), "")
            .iter()
            .all(|n| !n.starts_with("gen-")),
        "the failed generation is gone"
    );
    // With room again: built.
    assert_eq!(index_json(&s)["added"], 3);

    // An update that runs out of space...
    fs::write(
        s.corpus.path().join("new.txt"),
        "وقائع جديدة عن بلدة مارتوني\n".repeat(2000),
    )
    .unwrap();
    for _ in 0..3 {
        let out = sanad_env(&s.args(&["index"]), s.cache.path(), &full);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
    // ...leaves the previous index answering, and the next one succeeds.
    assert_eq!(s.run_search_cached("مارتوني").0["total"], 0);
    assert_eq!(index_json(&s)["added"], 1);
    assert!(s.search("مارتوني").0["total"].as_u64().unwrap() > 0);
    assert_eq!(manifests(&s.generation()), 1, "one manifest");
}

/// Makes a folder read-only for the length of a test: a read-only bind mount
/// as root (for whom permissions are no obstacle), permissions otherwise.
struct ReadOnly {
    path: PathBuf,
    mounted: bool,
}

impl ReadOnly {
    fn make(path: &Path) -> ReadOnly {
        // SAFETY: geteuid has no preconditions.
        let root = unsafe { libc::geteuid() } == 0;
        let sh = |cmd: String| {
            let ok = Command::new("sh")
                .arg("-c")
                .arg(&cmd)
                .status()
                .unwrap()
                .success();
            assert!(ok, "{cmd}");
        };
        let p = path.display();
        if root {
            sh(format!(
                "mount --bind '{p}' '{p}' && mount -o remount,bind,ro '{p}'"
            ));
        } else {
            sh(format!("chmod -R a-w '{p}'"));
        }
        ReadOnly {
            path: path.to_path_buf(),
            mounted: root,
        }
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        let p = self.path.display();
        let cmd = if self.mounted {
            format!("umount '{p}'")
        } else {
            format!("chmod -R u+w '{p}'")
        };
        let _ = Command::new("sh").arg("-c").arg(cmd).status();
    }
}

#[test]
fn a_read_only_index_answers_and_says_when_it_is_stale() {
    let s = Setup::new(&["001", "002"]);
    let (before, _) = s.search("بوتين");
    let _ro = ReadOnly::make(s.index.path());
    assert!(
        fs::write(s.index.path().join("probe"), "x").is_err(),
        "the index folder is read-only"
    );
    // Up to date: searched as usual, with and without --cached.
    let (v, err) = s.search("بوتين");
    assert_eq!(v["hits"], before["hits"]);
    assert!(err.is_empty(), "{err}");
    assert_eq!(s.run_search_cached("بوتين").0["hits"], before["hits"]);
    // Stale: answered from the last update, with a warning.
    fs::write(s.corpus.path().join("new.txt"), "خبر عن بلدة سيسيان وبوتين").unwrap();
    let (v, err) = s.search("بوتين");
    assert_eq!(v["total"], before["total"]);
    assert!(err.contains("could not be updated"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn an_index_from_an_older_analyzer_is_rebuilt_once_with_a_notice() {
    let s = Setup::new(&["001"]);
    let (before, _) = s.search("بوتين");
    let meta = s.generation().join("meta.json");
    let text = fs::read_to_string(&meta).unwrap();
    // The commit payload is JSON inside meta.json's JSON: its quotes are escaped.
    let current = format!("analyzer_version\\\":{}", sanad::arabic::ANALYZER_VERSION);
    assert!(text.contains(&current), "{text}");
    fs::write(&meta, text.replace(&current, "analyzer_version\\\":1")).unwrap();
    let err = assert_rebuilt_with_the_same_hits(&s, "بوتين", &before);
    assert!(err.contains("analyzer 1"), "{err}");
    let (_, again) = s.search("بوتين");
    assert!(!again.contains("unusable"), "rebuilt once: {again}");
}
