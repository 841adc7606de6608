//! Index faults: damaged files, stale locks, write errors, concurrent updates.
//! Each ends with a working, consistent index or a clear error — never a wrong
//! answer from a half-written index — and the sources are never written.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{corpus_of, sanad, stderr, stdout};
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
