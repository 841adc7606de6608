//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A temp folder holding copies of the named seed files (or all of them).
pub fn corpus_of(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(seeds()).expect("seeds") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".txt") && (names.is_empty() || names.iter().any(|n| name.starts_with(n)))
        {
            std::fs::copy(&path, dir.path().join(&name)).expect("copy");
        }
    }
    dir
}

/// Runs the real binary with a private cache dir.
pub fn sanad(args: &[&str], cache: &Path) -> Output {
    sanad_env(args, cache, &[])
}

pub fn sanad_env(args: &[&str], cache: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sanad"));
    cmd.args(args)
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_CONFIG_HOME", cache)
        .env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run sanad")
}

/// Runs the real binary with `input` on its standard input.
pub fn sanad_stdin(args: &[&str], cache: &Path, input: &str) -> Output {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sanad"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sanad");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("wait for sanad")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// An explorer state on the seeds, with its index in `index_dir`.
pub fn seed_app(index_dir: &Path, settings: sanad::app::Settings) -> sanad::app::App {
    app_for(&seeds(), index_dir, settings)
}

/// An explorer state on the corpus at `root`, with its index in `index_dir`.
pub fn app_for(root: &Path, index_dir: &Path, settings: sanad::app::Settings) -> sanad::app::App {
    use sanad::{archive::Archive, index::CorpusIndex};
    let (index, _) = CorpusIndex::open(root, index_dir, false, &mut |_, _| {}).expect("index");
    let archive = Archive::load(root).expect("archive");
    sanad::app::App::new(
        archive.corpus,
        archive.meta,
        archive.timeline,
        Some(index),
        sanad::app::Keymap::defaults(),
        settings,
    )
}

/// Index of the timeline entry for the 10 November 2020 ceasefire: the day-level
/// entry of that date reported by the most sources.
pub fn ceasefire_entry(timeline: &sanad::timeline::Timeline) -> usize {
    (0..timeline.entries.len())
        .filter(|&i| timeline.entries[i].date.to_string() == "2020-11-10")
        .max_by_key(|&i| timeline.entries[i].files().len())
        .expect("a 2020-11-10 entry")
}

/// The `file` of every hit in a `search --json` answer.
pub fn hit_files(v: &serde_json::Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .filter_map(|h| h["file"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// `(added, changed, removed)` of an `index --json` answer.
pub fn update_counts(v: &serde_json::Value) -> (Option<u64>, Option<u64>, Option<u64>) {
    (
        v["added"].as_u64(),
        v["changed"].as_u64(),
        v["removed"].as_u64(),
    )
}

/// The symbols of a drawn buffer, a line per row.
pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
