//! Measures sanad at archive scale, for `benches/scale/run.sh`.
//!
//! Each subcommand measures one thing on a corpus folder and prints rows of the
//! scale table on stdout, tab-separated: metric, value, target, peer, ratio,
//! verdict. Details (per query, per phase) go to stderr. Peak memory is the
//! process's own `VmHWM` from `/proc/self/status` (which counts the index pages
//! it maps), and the peak of its heap from a counting allocator, so each memory
//! figure comes from its own process. The peer is ripgrep (`rg -w`) on the same folder, run
//! in the same process, so ratios hold on a noisy machine.
//!
//! ```text
//! scale_probe build     LABEL CORPUS INDEX_DIR RG [N] index from scratch (median of N): MB/s, peak RSS, size
//! scale_probe reopen    LABEL CORPUS INDEX_DIR REPS FIND  reopen unchanged; add, change, remove one file
//! scale_probe queries   LABEL CORPUS INDEX_DIR REPS   in-process latency of the mixed set, search RSS
//! scale_probe cli       LABEL CORPUS INDEX_DIR SANAD RG REPS WORDS   whole-process sanad search vs rg -w
//! scale_probe progress  LABEL CORPUS SANAD            `sanad index --rebuild` shows progress
//! scale_probe recall    LABEL CORPUS INDEX_DIR RG     docs rg -w finds that sanad does not
//! scale_probe analyzer  LABEL CORPUS                  analyzer throughput
//! scale_probe timeline  LABEL CORPUS                  date extraction and timeline build throughput
//! scale_probe layout    LABEL CORPUS                  a 200 KB document laid out at width 100
//! scale_probe explorer  LABEL CORPUS INDEX_DIR [WORD] first frame, the load from the index, peak RSS
//! scale_probe explorer-growth (LABEL CORPUS INDEX_DIR)...  the explorer at each scale in its own process, RSS growth
//! scale_probe source    LABEL CORPUS MB [flat]        one MB-sized document in the source view, 10 resizes
//! scale_probe following LABEL CORPUS                  the timeline following a query typed letter by letter
//! scale_probe table     ROWS.tsv                      prints the table, aligned
//! ```
//!
//! Run it from `benches/scale/run.sh`, which fetches the corpus and builds it in
//! release mode.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and measurements state what they expect

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sanad::arabic::{analyze, for_each_analyzed};
use sanad::bidi::{layout, LayoutOptions};
use sanad::corpus::{list_sources, read_source, Document};
use sanad::index::{CorpusIndex, Effort};
use sanad::metadata::Metadata;
use sanad::query::Query;
use sanad::timeline::{self, dates};

/// The mixed query set: (class, query). Common and rare words, phrases, names,
/// a prefix, an AND and an exclusion, diacritized input, and misspellings that
/// only the fuzzy match finds.
const QUERIES: &[(&str, &str)] = &[
    ("common", "الله"),
    ("common", "قال"),
    ("common", "رسول"),
    ("mid", "الصلاة"),
    ("mid", "المدينة"),
    ("rare", "العراق"),
    ("rare", "الروم"),
    ("rare", "الخليفة"),
    ("phrase", "\"رسول الله\""),
    ("phrase", "\"صلى الله عليه وسلم\""),
    ("name", "عائشة"),
    ("name", "أبو هريرة"),
    ("name", "ابن عباس"),
    ("and", "مكة المدينة"),
    ("exclude", "مكة -المدينة"),
    ("prefix", "رسو*"),
    ("diacritized", "رَسُولُ اللَّهِ"),
    ("fuzzy", "المدبنة"),
    ("fuzzy", "الخلبفة"),
    ("fuzzy", "مسعوود"),
];

/// Names typed in Latin letters, matched to their Arabic spellings through
/// the term dictionary (issue 15), and one that is in no document.
const LATIN_QUERIES: &[&str] = &[
    "Aisha",
    "Medina",
    "Mecca",
    "Muhammad",
    "Abbas",
    "Ouagadougou",
];

/// Plain words for the whole-process comparison and the recall check: rg -w
/// takes them literally, sanad analyzes them.
/// The first three span the range (36,273, 850 and 4 files at ×1), for the
/// runs that can afford only three.
const WORDS: &[&str] = &[
    "الله",
    "المدينة",
    "الخليفة",
    "رسول",
    "الصلاة",
    "مكة",
    "عائشة",
    "العراق",
    "الروم",
];

const RARE_WORD: &str = "الخليفة";

/// The system allocator, counting the bytes in use and their peak: the
/// process's own memory, apart from the index files it maps (which the kernel
/// counts in RSS as page cache it can drop).
struct CountingAlloc;

static HEAP_NOW: AtomicUsize = AtomicUsize::new(0);
static HEAP_PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = HEAP_NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            HEAP_PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        HEAP_NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Starts a new heap peak from what is in use now.
fn reset_heap_peak() {
    HEAP_PEAK.store(HEAP_NOW.load(Ordering::Relaxed), Ordering::Relaxed);
}

fn heap_peak_mb() -> f64 {
    HEAP_PEAK.load(Ordering::Relaxed) as f64 / 1e6
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| -> &str {
        args.get(i).map(String::as_str).unwrap_or_else(|| {
            eprintln!("scale_probe: missing argument {i}; see the comment at the top of examples/scale_probe.rs");
            std::process::exit(2)
        })
    };
    let path = |i: usize| PathBuf::from(arg(i));
    let number = |i: usize| arg(i).parse::<usize>().expect("a number");
    match arg(0) {
        "build" => build(
            arg(1),
            &path(2),
            &path(3),
            arg(4),
            args.get(5).map_or(1, |_| number(5)),
        ),
        "reopen" => reopen(arg(1), &path(2), &path(3), number(4), arg(5)),
        "queries" => queries(arg(1), &path(2), &path(3), number(4)),
        "cli" => cli(
            arg(1),
            &path(2),
            &path(3),
            arg(4),
            arg(5),
            number(6),
            number(7),
        ),
        "progress" => progress(arg(1), &path(2), arg(3)),
        "recall" => recall(arg(1), &path(2), &path(3), arg(4)),
        "analyzer" => analyzer(arg(1), &path(2)),
        "timeline" => timeline_rows(arg(1), &path(2)),
        "layout" => layout_rows(arg(1), &path(2)),
        "explorer" => explorer_rows(
            arg(1),
            &path(2),
            &path(3),
            args.get(4).map_or(RARE_WORD, String::as_str),
        ),
        "explorer-growth" => explorer_growth(
            &args[1..]
                .chunks_exact(3)
                .map(|c| (c[0].as_str(), PathBuf::from(&c[1]), PathBuf::from(&c[2])))
                .collect::<Vec<_>>(),
        ),
        "source" => source_view_rows(
            arg(1),
            &path(2),
            number(3),
            args.get(4).is_some_and(|a| a == "flat"),
        ),
        "following" => following_rows(arg(1), &path(2)),
        "timeline-cli" => timeline_cli_rows(
            arg(1),
            &path(2),
            &path(3),
            arg(4),
            args.get(5).map_or(1.0, |_| number(5) as f64),
        ),
        "table" => table(&path(1)),
        other => {
            eprintln!("scale_probe: unknown subcommand {other}");
            std::process::exit(2)
        }
    }
}

// ---------------------------------------------------------------------------
// Rows and numbers

enum Verdict {
    Info,
    Holds,
    Misses,
}

fn row(
    metric: &str,
    value: String,
    target: &str,
    peer: Option<String>,
    ratio: Option<f64>,
    verdict: Verdict,
) {
    let verdict = match verdict {
        Verdict::Info => "",
        Verdict::Holds => "holds",
        Verdict::Misses => "MISSES",
    };
    println!(
        "{metric}\t{value}\t{target}\t{}\t{}\t{verdict}",
        peer.unwrap_or_default(),
        ratio.map(|r| format!("{}×", sig(r))).unwrap_or_default()
    );
}

fn check(ok: bool) -> Verdict {
    if ok {
        Verdict::Holds
    } else {
        Verdict::Misses
    }
}

/// Three significant digits, no exponent.
fn sig(x: f64) -> String {
    let a = x.abs();
    if a >= 100.0 {
        format!("{x:.0}")
    } else if a >= 10.0 {
        format!("{x:.1}")
    } else if a >= 1.0 {
        format!("{x:.2}")
    } else if a >= 0.01 {
        format!("{x:.3}")
    } else {
        format!("{x:.4}")
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    samples.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * samples.len() as f64).ceil() as usize;
    samples[rank.clamp(1, samples.len()) - 1]
}

fn median(samples: &mut [f64]) -> f64 {
    percentile(samples, 50.0)
}

/// Peak resident memory of this process so far, in MB.
fn vm_hwm_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb * 1024.0 / 1e6)
}

/// CPU time this process has used (user + system), in seconds, from
/// `/proc/self/stat` (clock ticks of 1/100 s, the Linux default).
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn dir_bytes(dir: &Path) -> u64 {
    walk_files(dir)
        .iter()
        .filter_map(|p| p.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for_each_entry(dir, |e| {
        if e.file_type().is_ok_and(|t| t.is_file()) {
            out.push(e.path());
        }
    });
    out
}

/// Lists the corpus with `std::fs::read_dir` and one `DirEntry::metadata` (an
/// `fstatat` relative to the open directory) per file: the least a freshness
/// check can cost without a file-system watcher.
fn stat_walk(root: &Path) -> usize {
    let mut n = 0;
    for_each_entry(root, |e| n += usize::from(e.metadata().is_ok()));
    n
}

/// Calls `visit` for every entry that is not a directory under `root`, depth
/// first, skipping unreadable folders.
fn for_each_entry(root: &Path, mut visit: impl FnMut(&std::fs::DirEntry)) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(_) => visit(&e),
                Err(_) => {}
            }
        }
    }
}

/// Total size of the corpus's source files, and how many there are.
fn corpus_size(corpus: &Path) -> (u64, usize) {
    let (files, _) = list_sources(corpus).expect("corpus");
    (files.iter().map(|f| f.size).sum(), files.len())
}

fn open(corpus: &Path, dir: &Path) -> (CorpusIndex, Duration, bool) {
    let started = Instant::now();
    let (index, report) = CorpusIndex::open(corpus, dir, false, &mut |_, _| {}).expect("index");
    (index, started.elapsed(), report.touched_anything())
}

/// Runs a command to the end, draining its output as a pipe reader (a pager or
/// a terminal) would, and returns the wall time and what it printed.
fn run(cmd: &mut Command) -> (Duration, Vec<u8>) {
    let (elapsed, out, _) = run_child(cmd);
    (elapsed, out)
}

/// A command run to its end: the wall time, its standard output, and the
/// peak resident memory of that process alone in MB (`wait4`'s rusage).
fn run_child(cmd: &mut Command) -> (Duration, Vec<u8>, f64) {
    let started = Instant::now();
    #[allow(clippy::zombie_processes)] // reaped by wait4 below, for its rusage
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let mut out = Vec::new();
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_end(&mut out)
        .expect("read");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of the plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, writing into the two locals above.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    (started.elapsed(), out, usage.ru_maxrss as f64 / 1024.0)
}

fn rg_words(rg: &str, corpus: &Path, word: &str, list: bool) -> Command {
    let mut cmd = Command::new(rg);
    cmd.current_dir(corpus).arg("-w").arg("--no-config");
    if list {
        cmd.arg("-l");
    }
    cmd.arg("-F").arg("-e").arg(word);
    cmd
}

/// Median wall time of `rg -w` over the folder, for a word: a full scan.
fn rg_scan(rg: &str, corpus: &Path, word: &str, reps: usize) -> Duration {
    run(&mut rg_words(rg, corpus, word, false));
    let mut t: Vec<f64> = (0..reps)
        .map(|_| run(&mut rg_words(rg, corpus, word, false)).0.as_secs_f64())
        .collect();
    Duration::from_secs_f64(median(&mut t))
}

// ---------------------------------------------------------------------------
// Subcommands

/// Builds the index `reps` times, each build followed by a ripgrep scan of
/// the same files, and reports the medians of both: one build on a shared
/// machine is at the mercy of its neighbours. Memory is the first build's.
fn build(label: &str, corpus: &Path, dir: &Path, rg: &str, reps: usize) {
    let (bytes, files) = corpus_size(corpus);
    let (mut walls, mut cpus, mut scans) = (Vec::new(), Vec::new(), Vec::new());
    let (mut hwm, mut heap, mut size) = (0.0, 0.0, 0);
    for rep in 0..reps.max(1) {
        let mut calls = 0usize;
        let cpu_before = cpu_secs();
        let started = Instant::now();
        let (index, report) =
            CorpusIndex::open(corpus, dir, true, &mut |_, _| calls += 1).expect("index");
        let secs = started.elapsed().as_secs_f64();
        cpus.push(cpu_secs() - cpu_before);
        walls.push(secs);
        if rep == 0 {
            hwm = vm_hwm_mb();
            heap = heap_peak_mb();
        }
        let passages = index.num_passages();
        drop(index);
        size = dir_bytes(dir);
        eprintln!(
            "build {label} #{rep}: {files} files, {:.1} MB, {passages} passages, {:.2} s, {} progress calls, {} warnings",
            mb(bytes),
            secs,
            calls,
            report.warnings.len()
        );
        scans.push(rg_scan(rg, corpus, "الله", 1).as_secs_f64());
    }
    let (secs, cpu, scan) = (median(&mut walls), median(&mut cpus), median(&mut scans));
    let rate = mb(bytes) / secs;
    let rg_rate = mb(bytes) / scan;
    let runs = if walls.len() > 1 {
        format!("median of {}: ", walls.len())
    } else {
        String::new()
    };
    row(
        &format!("corpus {label}"),
        format!("{files} files, {:.1} MB", mb(bytes)),
        "",
        None,
        None,
        Verdict::Info,
    );
    row(
        &format!("index build {label}, MB/s ({runs}{secs:.1} s wall, {cpu:.1} s CPU)"),
        sig(rate),
        "≥ 15",
        Some(format!("rg -w scan {} MB/s", sig(rg_rate))),
        Some(rate / rg_rate),
        check(rate >= 15.0),
    );
    let memory_target = if label.contains("10") {
        "≤ 512"
    } else {
        "≤ 512 at ×10"
    };
    row(
        &format!("index build {label}, peak RSS MB (heap peak)"),
        format!("{} ({})", sig(hwm), sig(heap)),
        memory_target,
        None,
        None,
        check(hwm <= 512.0),
    );
    let ratio = size as f64 / bytes as f64;
    row(
        &format!("index size {label} / text"),
        format!("{}× ({:.1} MB)", sig(ratio), mb(size)),
        "≤ 1×",
        None,
        None,
        check(ratio <= 1.0),
    );
}

fn reopen(label: &str, corpus: &Path, dir: &Path, reps: usize, find: &str) {
    // Warm: a first open pulls the index and the file metadata into the cache.
    let (_, _, touched) = open(corpus, dir);
    assert!(
        !touched,
        "reopen: the index was not up to date; run build first"
    );
    // The explorer answers from the last commit and checks the corpus in the
    // background: time to its first answer.
    let query = Query::parse(RARE_WORD).expect("query");
    let mut first_answer = Vec::new();
    for _ in 0..reps.max(1) {
        let started = Instant::now();
        let index = CorpusIndex::open_committed(corpus, dir).expect("a committed index");
        let hits = index.search(&query, 10).expect("search").hits.len();
        first_answer.push(ms(started.elapsed()));
        assert!(hits > 0, "no hits for {RARE_WORD}");
    }
    let answer = median(&mut first_answer);
    row(
        &format!("reopen unchanged {label}: first answer from the last commit (explorer), ms"),
        sig(answer),
        "< 150",
        None,
        None,
        check(answer < 150.0),
    );

    // The check itself: every file's size and time against the manifest (what
    // `sanad search` and `sanad index` do before answering).
    let mut times = Vec::new();
    let mut any_touched = false;
    reset_heap_peak();
    for _ in 0..reps.max(1) {
        let (index, took, touched) = open(corpus, dir);
        times.push(ms(took));
        any_touched |= touched;
        drop(index);
    }
    let heap = heap_peak_mb();
    let t = median(&mut times);
    let (walk, _) = best_of(3, || {
        list_sources(corpus).map(|(f, _)| f.len()).unwrap_or(0)
    });
    let (walk_once, n) = best_of(3, || stat_walk(corpus));
    let (peer, _) = best_of(3, || {
        run(Command::new(find)
            .arg(corpus)
            .args(["-name", "*.txt", "-printf", "%s %T@\\n"]))
    });
    eprintln!(
        "reopen {label}: check median {t:.0} ms (heap peak {heap:.0} MB); corpus::list_sources {:.0} ms; \
         a bare read_dir walk with one fstatat per file ({n} files) {:.0} ms; find -printf %s %T@ {:.0} ms",
        ms(walk),
        ms(walk_once),
        ms(peer)
    );
    row(
        &format!("reopen unchanged {label}: freshness check (sanad search, sanad index), ms"),
        format!(
            "{} ({}, heap peak {} MB)",
            sig(t),
            if any_touched {
                "re-indexed!"
            } else {
                "0 files re-indexed"
            },
            sig(heap)
        ),
        "0 files (time: info)",
        Some(format!("find -printf {} ms", sig(ms(peer)))),
        Some(t / ms(peer)),
        check(!any_touched),
    );

    // One file added, then changed, then removed: each must touch only that file.
    let probe = corpus.join("zz-scale-probe.txt");
    let steps: [(&str, Option<&str>); 3] = [
        ("add", Some("ملف جديد للقياس\n\nقال رسول الله\n")),
        (
            "change",
            Some("ملف جديد للقياس\n\nقال رسول الله صلى الله عليه وسلم\n"),
        ),
        ("remove", None),
    ];
    let mut summary = Vec::new();
    let mut ok = true;
    for (what, text) in steps {
        match text {
            Some(t) => std::fs::write(&probe, t).expect("write probe file"),
            None => std::fs::remove_file(&probe).expect("remove probe file"),
        }
        let started = Instant::now();
        let (_, report) = CorpusIndex::open(corpus, dir, false, &mut |_, _| {}).expect("index");
        let took = ms(started.elapsed());
        let touched = report.added + report.changed + report.removed;
        ok &= touched == 1 && report.rebuilt.is_none();
        eprintln!(
            "{what} one file {label}: added {} changed {} removed {} in {took:.0} ms",
            report.added, report.changed, report.removed
        );
        summary.push(format!("{what} {touched} in {} ms", sig(took)));
    }
    row(
        &format!("one file added/changed/removed {label}: files re-indexed"),
        summary.join(", "),
        "1 file each (time: info)",
        None,
        None,
        check(ok),
    );
}

fn queries(label: &str, corpus: &Path, dir: &Path, reps: usize) {
    // Searching, as the explorer does: from the last commit (the freshness
    // check, measured by `reopen`, runs beside it and is done with).
    let started = Instant::now();
    let index = CorpusIndex::open_committed(corpus, dir).expect("a committed index");
    let opened = started.elapsed();
    reset_heap_peak();
    let parsed: Vec<(&str, &str, Query)> = QUERIES
        .iter()
        .map(|(class, q)| (*class, *q, Query::parse(q).expect("query")))
        .collect();
    // One warm-up round: the first touch of each posting list reads it from the page cache.
    for (_, _, q) in &parsed {
        index.search(q, 100).expect("search");
    }
    let mut all = Vec::new();
    // The same queries with the 100 hits' words marked (the explorer shows the
    // hits first and marks them after).
    let mut with_marks = Vec::new();
    let mut worst: (f64, &str) = (0.0, "");
    for (class, raw, q) in &parsed {
        let mut t = Vec::with_capacity(reps);
        let mut total = 0;
        for _ in 0..reps {
            let started = Instant::now();
            let results = index
                .rank_passages(q, 100, Effort::Sampled)
                .expect("search");
            t.push(ms(started.elapsed()));
            total = results.total;
            let started = Instant::now();
            index.search(q, 100).expect("search");
            with_marks.push(ms(started.elapsed()));
        }
        all.extend_from_slice(&t);
        let p50 = median(&mut t);
        let max = percentile(&mut t, 100.0);
        if max > worst.0 {
            worst = (max, raw);
        }
        // Where the time goes: matching and counting (limit 1), and the highlights
        // of the 100 hits (the rest of limit 100 is fetching stored passages).
        let mut one: Vec<f64> = (0..reps.min(10))
            .map(|_| {
                let started = Instant::now();
                index.search(q, 1).expect("search");
                ms(started.elapsed())
            })
            .collect();
        let hits = index.search(q, 100).expect("search").hits;
        let mut marks: Vec<f64> = (0..reps.min(10))
            .map(|_| {
                let started = Instant::now();
                let n: usize = hits.iter().map(|h| q.highlights(&h.text).len()).sum();
                std::hint::black_box(n);
                ms(started.elapsed())
            })
            .collect();
        eprintln!(
            "query {label} {class:<11} {raw:<28} total {total:>7}  p50 {p50:>7.3} ms  max {max:>7.3} ms  \
             [limit 1: {:>6.3} ms, highlights of 100: {:>6.3} ms]",
            median(&mut one),
            median(&mut marks)
        );
    }
    let mut latin = Vec::new();
    for raw in LATIN_QUERIES {
        let q = Query::parse(raw).expect("query");
        index.search(&q, 100).expect("search");
        let mut total = 0;
        let mut t: Vec<f64> = (0..reps)
            .map(|_| {
                let started = Instant::now();
                total = index
                    .rank_passages(&q, 100, Effort::Sampled)
                    .expect("search")
                    .total;
                ms(started.elapsed())
            })
            .collect();
        latin.extend_from_slice(&t);
        eprintln!(
            "query {label} latin       {raw:<28} total {total:>7}  p50 {:>7.3} ms  max {:>7.3} ms",
            median(&mut t.clone()),
            percentile(&mut t, 100.0)
        );
    }
    let (latin_p50, latin_p99) = (median(&mut latin.clone()), percentile(&mut latin, 99.0));
    row(
        &format!(
            "Latin-name query p50 / p99 {label}, in process, ms ({} names × {reps})",
            LATIN_QUERIES.len()
        ),
        format!("{} / {}", sig(latin_p50), sig(latin_p99)),
        "≤ 2 / ≤ 20",
        None,
        None,
        check(latin_p50 <= 2.0 && latin_p99 <= 20.0),
    );
    let hwm = vm_hwm_mb();
    let heap = heap_peak_mb();
    let mut all2 = all.clone();
    let p50 = median(&mut all);
    let p99 = percentile(&mut all2, 99.0);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let rss: Vec<String> = status
        .lines()
        .filter(|l| l.starts_with("RssAnon") || l.starts_with("RssFile"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    eprintln!(
        "queries {label}: open {:.0} ms, {} samples; now {} (file = mapped index pages)",
        ms(opened),
        all.len(),
        rss.join(", ")
    );
    row(
        &format!(
            "query p50 {label}, in process, ms ({} queries × {reps}, ranked + 100 passages fetched)",
            QUERIES.len()
        ),
        sig(p50),
        "≤ 2",
        None,
        None,
        check(p50 <= 2.0),
    );
    row(
        &format!("query p50 / p99 {label} with the 100 hits' words marked, ms"),
        format!(
            "{} / {}",
            sig(median(&mut with_marks.clone())),
            sig(percentile(&mut with_marks, 99.0))
        ),
        "(info)",
        None,
        None,
        Verdict::Info,
    );
    row(
        &format!("query p99 {label}, in process, ms (slowest: {})", worst.1),
        sig(p99),
        "≤ 20",
        None,
        None,
        check(p99 <= 20.0),
    );
    let target = if label.contains("10") {
        "≤ 100"
    } else {
        "≤ 100 at ×10"
    };
    row(
        &format!(
            "search-time memory {label}, MB: heap peak (process peak incl. mapped index pages)"
        ),
        format!("{} ({})", sig(heap), sig(hwm)),
        target,
        None,
        None,
        check(heap <= 100.0),
    );
}

/// Whole-process searches with a `sanad watch` serving the index: each
/// word's median, and whether a file written just before a search was in its
/// answer (and said to be, `"freshness": "watched"`). `None` when the watcher
/// did not start.
fn watched_searches(
    corpus: &Path,
    dir: &Path,
    sanad: &str,
    words: &[&str],
    reps: usize,
) -> Option<(Vec<f64>, bool)> {
    use std::io::BufRead;
    let mut watcher = Command::new(sanad)
        .arg("--corpus")
        .arg(corpus)
        .arg("--index-dir")
        .arg(dir)
        .arg("watch")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let err = watcher.stderr.take()?;
    let mut lines = std::io::BufReader::new(err).lines();
    let started = lines.any(|l| l.is_ok_and(|l| l.contains("watching ")));
    if !started {
        let _ = watcher.kill();
        return None;
    }
    // The rest of its output is drained so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    let mut medians = Vec::new();
    for word in words {
        run(&mut sanad_search(sanad, corpus, dir, word));
        let mut t: Vec<f64> = (0..reps)
            .map(|_| ms(run(&mut sanad_search(sanad, corpus, dir, word)).0))
            .collect();
        medians.push(median(&mut t));
    }
    let probe = corpus.join("zz-watch-probe.txt");
    let fresh = std::fs::write(&probe, "كلمةالمراقبةالجديدة\n").is_ok() && {
        let out = sanad_search(sanad, corpus, dir, "كلمةالمراقبةالجديدة")
            .arg("--json")
            .output()
            .expect("sanad search");
        let text = String::from_utf8_lossy(&out.stdout);
        text.contains("zz-watch-probe.txt") && text.contains("\"freshness\":\"watched\"")
    };
    let _ = std::fs::remove_file(&probe);
    // The removal is seen before the next command runs.
    run(&mut sanad_search(sanad, corpus, dir, "كلمةالمراقبةالجديدة"));
    let _ = watcher.kill();
    let _ = watcher.wait();
    Some((medians, fresh))
}

fn sanad_search(sanad: &str, corpus: &Path, dir: &Path, word: &str) -> Command {
    let mut cmd = Command::new(sanad);
    cmd.arg("--corpus")
        .arg(corpus)
        .arg("--index-dir")
        .arg(dir)
        .arg("--color")
        .arg("never")
        .arg("search")
        .arg(word);
    cmd
}

fn cli(label: &str, corpus: &Path, dir: &Path, sanad: &str, rg: &str, reps: usize, words: usize) {
    let words = &WORDS[..words.clamp(1, WORDS.len())];
    let mut sanad_medians = Vec::new();
    let mut rg_medians = Vec::new();
    let mut cached_medians = Vec::new();
    let mut rare = (0.0, 0.0, 0.0);
    for word in words {
        // Warm all three, then alternate so drift on a shared machine hits them alike.
        run(&mut sanad_search(sanad, corpus, dir, word));
        run(&mut rg_words(rg, corpus, word, false));
        let mut s = Vec::new();
        let mut c = Vec::new();
        let mut r = Vec::new();
        for _ in 0..reps {
            s.push(ms(run(&mut sanad_search(sanad, corpus, dir, word)).0));
            c.push(ms(run(
                sanad_search(sanad, corpus, dir, word).arg("--cached")
            )
            .0));
            r.push(ms(run(&mut rg_words(rg, corpus, word, false)).0));
        }
        let (s, c, r) = (median(&mut s), median(&mut c), median(&mut r));
        eprintln!(
            "cli {label} {word:<10} sanad search {s:>8.1} ms   --cached {c:>8.1} ms   rg -w {r:>8.1} ms   ratio {:.3}",
            s / r
        );
        if *word == RARE_WORD {
            rare = (s, c, r);
        }
        sanad_medians.push(s);
        cached_medians.push(c);
        rg_medians.push(r);
    }
    let watched = watched_searches(corpus, dir, sanad, words, reps);
    let (s, c, r) = (
        median(&mut sanad_medians),
        median(&mut cached_medians),
        median(&mut rg_medians),
    );
    if let Some((mut w, fresh)) = watched {
        let w = median(&mut w);
        row(
            &format!(
                "`sanad search` whole process {label} with `sanad watch` running, ms (median of {} words); a file written just before is in the answer",
                words.len()
            ),
            format!("{}; {}", sig(w), if fresh { "yes" } else { "NO" }),
            "≤ 0.1× rg -w; yes",
            Some(format!("rg -w {} ms", sig(r))),
            Some(w / r),
            check(w / r <= 0.1 && fresh),
        );
    }
    row(
        &format!(
            "`sanad search` whole process {label}, ms (median of {} words; checks the corpus first)",
            words.len()
        ),
        sig(s),
        "",
        Some(format!("rg -w {} ms", sig(r))),
        Some(s / r),
        Verdict::Info,
    );
    row(
        &format!("`sanad search --cached` whole process {label}, ms (no check)"),
        sig(c),
        "",
        Some(format!("rg -w {} ms", sig(r))),
        Some(c / r),
        Verdict::Info,
    );
    row(
        &format!("reopen unchanged + answer {label}, whole process, ms ({RARE_WORD}): checked / --cached"),
        format!("{} / {}", sig(rare.0), sig(rare.1)),
        "< 150",
        Some(format!("rg -w {} ms", sig(rare.2))),
        Some(rare.0 / rare.2),
        check(rare.0 < 150.0),
    );
}

fn progress(label: &str, corpus: &Path, sanad: &str) {
    let dir = std::env::temp_dir().join(format!("sanad-scale-progress-{}", std::process::id()));
    let started = Instant::now();
    let out = Command::new(sanad)
        .arg("--corpus")
        .arg(corpus)
        .arg("--index-dir")
        .arg(&dir)
        .arg("index")
        .arg("--rebuild")
        .output()
        .expect("run sanad index");
    let secs = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let updates = stderr.matches("sanad: indexing").count();
    let (bytes, _) = corpus_size(corpus);
    eprintln!("progress {label}: `sanad index --rebuild` {secs:.2} s, {updates} progress updates, status {}", out.status);
    row(
        &format!("`sanad index --rebuild` {label}: progress on stderr"),
        format!(
            "{updates} updates in {secs:.1} s ({} MB/s)",
            sig(mb(bytes) / secs)
        ),
        "shown",
        None,
        None,
        check(out.status.success() && updates > 0),
    );
}

fn recall(label: &str, corpus: &Path, dir: &Path, rg: &str) {
    let (index, _, _) = open(corpus, dir);
    let mut missed_total = 0;
    let mut found_total = 0;
    let mut detail = Vec::new();
    for word in WORDS {
        let (_, out) = run(&mut rg_words(rg, corpus, word, true));
        let rg_files: BTreeSet<String> = String::from_utf8_lossy(&out)
            .lines()
            .map(|l| l.trim_start_matches("./").to_string())
            .collect();
        let results = index
            .search(&Query::parse(word).expect("query"), 10_000_000)
            .expect("search");
        let sanad_files: BTreeSet<String> = results.hits.into_iter().map(|h| h.file).collect();
        let missed: Vec<&String> = rg_files.difference(&sanad_files).collect();
        eprintln!(
            "recall {label} {word:<10} rg -w files {:>6}  sanad files {:>6}  missed {}{}",
            rg_files.len(),
            sanad_files.len(),
            missed.len(),
            missed
                .first()
                .map(|m| format!(" (e.g. {m})"))
                .unwrap_or_default()
        );
        detail.push(format!(
            "{word} {}/{}",
            rg_files.len() - missed.len(),
            rg_files.len()
        ));
        missed_total += missed.len();
        found_total += rg_files.len();
    }
    row(
        &format!(
            "recall {label}: docs rg -w finds that sanad misses ({} words)",
            WORDS.len()
        ),
        format!("{missed_total} of {found_total}"),
        "0",
        None,
        None,
        check(missed_total == 0),
    );
}

/// Every document of the corpus, read into memory (only for the in-memory passes
/// at ×1).
fn documents(corpus: &Path) -> Vec<Document> {
    let (files, _) = list_sources(corpus).expect("corpus");
    files.iter().filter_map(|f| read_source(f).ok()).collect()
}

fn best_of<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..n {
        let started = Instant::now();
        let v = f();
        best = best.min(started.elapsed());
        last = Some(v);
    }
    (best, last.expect("n > 0"))
}

fn analyzer(label: &str, corpus: &Path) {
    let docs = documents(corpus);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let (took, tokens) = best_of(3, || {
        docs.iter().map(|d| analyze(&d.text).len()).sum::<usize>()
    });
    let rate = mb(bytes as u64) / took.as_secs_f64();
    let (took_borrowed, words) = best_of(3, || {
        let mut n = 0usize;
        for d in &docs {
            for_each_analyzed(&d.text, |_, _, norm, stem| n += norm.len() + stem.len());
        }
        n
    });
    let borrowed = mb(bytes as u64) / took_borrowed.as_secs_f64();
    eprintln!(
        "analyzer {label}: {tokens} tokens in {:.0} ms; for_each_analyzed {:.0} ms ({words} bytes of forms)",
        ms(took),
        ms(took_borrowed)
    );
    row(
        &format!("analyzer {label}, MB/s, analyze() / for_each_analyzed() (1 thread)"),
        format!("{} / {}", sig(rate), sig(borrowed)),
        "≥ 15 (indexing)",
        None,
        None,
        check(rate >= 15.0),
    );
}

fn timeline_rows(label: &str, corpus: &Path) {
    let docs = documents(corpus);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let (took, found) = best_of(3, || {
        docs.iter()
            .flat_map(|d| {
                d.paragraphs
                    .iter()
                    .map(move |p| dates::find(&d.text, p.range()).len())
            })
            .sum::<usize>()
    });
    let rate = mb(bytes as u64) / took.as_secs_f64();
    eprintln!(
        "timeline {label}: {found} date expressions in {:.0} ms",
        ms(took)
    );
    row(
        &format!("timeline extraction {label}, MB/s ({found} dates)"),
        sig(rate),
        "≥ 20",
        None,
        None,
        check(rate >= 20.0),
    );
    let meta = Metadata::default();
    let (took, entries) = best_of(1, || timeline::build(&docs, &meta).entries.len());
    let rate = mb(bytes as u64) / took.as_secs_f64();
    eprintln!(
        "timeline build {label}: {entries} entries in {:.0} ms",
        ms(took)
    );
    row(
        &format!("timeline build {label} (extract+resolve+merge), MB/s"),
        sig(rate),
        "",
        None,
        None,
        Verdict::Info,
    );
}

fn layout_rows(label: &str, corpus: &Path) {
    // A 200 KB document: the corpus's first paragraphs, one per line.
    let (files, _) = list_sources(corpus).expect("corpus");
    let mut paragraphs: Vec<String> = Vec::new();
    let mut size = 0;
    for f in &files {
        let Ok(doc) = read_source(f) else { continue };
        for p in &doc.paragraphs {
            size += p.end - p.start + 1;
            paragraphs.push(doc.text[p.range()].to_string());
        }
        if size >= 200 * 1024 {
            break;
        }
    }
    let options = LayoutOptions::wrapped(100);
    let mut t = Vec::new();
    let mut lines = 0;
    for _ in 0..15 {
        let started = Instant::now();
        lines = paragraphs
            .iter()
            .map(|p| layout::<()>(p, &options, &[]).lines.len())
            .sum::<usize>();
        t.push(ms(started.elapsed()));
    }
    let m = median(&mut t);
    eprintln!(
        "layout {label}: {} paragraphs, {size} bytes, {lines} lines, median {m:.2} ms",
        paragraphs.len()
    );
    row(
        &format!("layout of a {} KB document, width 100, ms", size / 1024),
        sig(m),
        "< 20",
        None,
        None,
        check(m < 20.0),
    );
}

/// What the explorer does when it opens on an archive with an index: open
/// the last commit, draw, answer a query; the documents and the timeline load
/// on a thread meanwhile (timed here on their own).
/// The explorer on `corpus`, searching `word` (one the corpus holds).
fn explorer_rows(label: &str, corpus: &Path, dir: &Path, word: &str) {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    use sanad::app::{Action, App, Event, Keymap, Msg, Settings};
    let started = Instant::now();
    let index = CorpusIndex::open_committed(corpus, dir).expect("a committed index");
    let mut app = App::loading(
        corpus.to_path_buf(),
        Some(index),
        Keymap::defaults(),
        Settings::default(),
    );
    app.update(Event::Resize(200, 50));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    terminal.draw(|f| sanad::ui::draw(f, &app)).expect("draw");
    let first_frame = started.elapsed();
    let typed = Instant::now();
    for c in word.chars() {
        app.update(Event::Insert(c.to_string()));
    }
    terminal.draw(|f| sanad::ui::draw(f, &app)).expect("draw");
    let answered = typed.elapsed();
    assert!(!app.search.hits.is_empty(), "no hits for {word}");
    row(
        &format!(
            "explorer {label}: first frame / a typed word's hits drawn, ms (200×50, documents still loading)"
        ),
        format!("{} / {}", sig(ms(first_frame)), sig(ms(answered))),
        "< 150 (screen never waits)",
        None,
        None,
        check(ms(first_frame) < 150.0 && ms(answered) < 150.0),
    );

    reset_heap_peak();
    let loading = Instant::now();
    let loaded = sanad::app::Loaded::from_index(corpus, app.index().expect("an index"))
        .expect("the index's records");
    let took = loading.elapsed();
    let (documents, entries) = (loaded.shelf.len(), loaded.timeline.entries.len());
    eprintln!(
        "explorer {label}: {documents} documents and {entries} timeline entries loaded from the index in {:.2} s",
        took.as_secs_f64()
    );
    row(
        &format!(
            "explorer {label}: documents + timeline from the index, on a background thread, s (heap peak MB)"
        ),
        format!("{} ({})", sig(took.as_secs_f64()), sig(heap_peak_mb())),
        "off the UI thread",
        None,
        None,
        Verdict::Info,
    );

    // What the UI thread does when they arrive, then a frame of the document
    // list (the query cleared).
    let started = Instant::now();
    app.receive(Msg::Loaded(Box::new(loaded)));
    terminal.draw(|f| sanad::ui::draw(f, &app)).expect("draw");
    let installed = started.elapsed();
    let started = Instant::now();
    app.update(Action::ClearInput);
    terminal.draw(|f| sanad::ui::draw(f, &app)).expect("draw");
    let listed = started.elapsed();
    assert!(app.search.browsing_documents());
    row(
        &format!(
            "explorer {label}: on the UI thread, taking the loaded documents / a frame of the document list, ms"
        ),
        format!("{} / {}", sig(ms(installed)), sig(ms(listed))),
        "< 150 (screen never waits)",
        None,
        None,
        check(ms(installed) < 150.0 && ms(listed) < 150.0),
    );
    // The typed word is left out: opening is the index, a frame, the load
    // and taking it.
    let full = first_frame + took + installed;
    row(
        &format!("explorer {label}: opened to a full timeline (index opened, first frame, documents and timeline taken), s"),
        sig(full.as_secs_f64()),
        "≤ 1",
        None,
        None,
        check(full.as_secs_f64() <= 1.0),
    );
    row(
        &format!("{EXPLORER_PEAK} {label}, after loading and one search, MB"),
        sig(vm_hwm_mb()),
        "grows ≤ 1.5× from ×1 to ×10",
        None,
        None,
        Verdict::Info,
    );

    // After the peak row: the document list's filter reads every
    // description, in the background, once a filter is typed.
    reset_heap_peak();
    let keying = Instant::now();
    let keys = sanad::app::popup::document_keys(&app.shelf);
    let keyed = keying.elapsed();
    assert_eq!(keys.len(), app.shelf.len());
    row(
        &format!(
            "explorer {label}: the document filter's keys (every description read), on a background thread, s (heap peak MB)"
        ),
        format!("{} ({})", sig(keyed.as_secs_f64()), sig(heap_peak_mb())),
        "off the UI thread",
        None,
        None,
        Verdict::Info,
    );
}

/// The start of the explorer's peak-memory row, which [`explorer_growth`]
/// reads back.
const EXPLORER_PEAK: &str = "explorer peak RSS";

/// The explorer on each `(label, corpus, index)` in a fresh process of its
/// own (so each peak is that scale's alone), its rows passed on, then how much
/// its peak RSS grows from the first scale to the last.
fn explorer_growth(scales: &[(&str, PathBuf, PathBuf)]) {
    let me = std::env::current_exe().expect("this program's path");
    let mut peaks = Vec::new();
    for (label, corpus, dir) in scales {
        let (_, out) = run(Command::new(&me)
            .arg("explorer")
            .arg(label)
            .arg(corpus)
            .arg(dir));
        let rows = String::from_utf8(out).expect("rows in UTF-8");
        print!("{rows}");
        let peak = rows
            .lines()
            .find(|l| l.starts_with(EXPLORER_PEAK))
            .and_then(|l| l.split('\t').nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("no peak RSS row from the explorer at {label}"));
        peaks.push((*label, peak));
    }
    let (Some((first, low)), Some((last, high))) = (peaks.first(), peaks.last()) else {
        return;
    };
    let growth = high / low;
    let each = peaks
        .iter()
        .map(|(l, p)| format!("{l} {}", sig(*p)))
        .collect::<Vec<_>>()
        .join(", ");
    row(
        &format!("explorer peak RSS growth {first} → {last} ({each} MB)"),
        format!("{}×", sig(growth)),
        "≤ 1.5×",
        None,
        None,
        check(growth <= 1.5),
    );
}

/// The heap a document `mb` megabytes long costs in the source view: opened,
/// drawn at 200×50, then resized ten times with a frame after each. The text
/// is the corpus's paragraphs repeated; `flat` joins them into one paragraph
/// with no line break at all. Figures are the heap beyond the loaded document.
fn source_view_rows(label: &str, corpus: &Path, mb: usize, flat: bool) {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    use sanad::app::{App, Event, Keymap, Settings};
    let text = repeated_corpus_text(corpus, mb * 1_000_000, if flat { " " } else { "\n" });
    let doc = Document::new("big.txt".into(), text, sanad::corpus::Encoding::Utf8, 0);
    let paragraphs = doc.paragraphs.len();
    let corpus = sanad::corpus::Corpus {
        root: corpus.to_path_buf(),
        documents: vec![doc],
        warnings: Vec::new(),
    };
    let base = HEAP_NOW.load(Ordering::Relaxed);
    reset_heap_peak();
    let started = Instant::now();
    let mut app = App::new(
        corpus,
        Metadata::default(),
        timeline::Timeline::default(),
        None,
        Keymap::defaults(),
        Settings::default(),
    );
    app.update(Event::Resize(200, 50));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    terminal.draw(|f| sanad::ui::draw(f, &app)).expect("draw");
    let opened = started.elapsed();
    let after_open = HEAP_NOW.load(Ordering::Relaxed).saturating_sub(base);
    let started = Instant::now();
    for (w, h) in [(120, 40), (80, 24), (160, 45), (100, 30), (200, 50)]
        .into_iter()
        .cycle()
        .take(10)
    {
        app.update(Event::Resize(w, h));
        terminal
            .resize(ratatui::layout::Rect::new(0, 0, w, h))
            .expect("resize");
        terminal.draw(|f| sanad::ui::draw(f, &app)).expect("draw");
    }
    let resized = started.elapsed();
    let live = HEAP_NOW.load(Ordering::Relaxed).saturating_sub(base);
    let peak = HEAP_PEAK.load(Ordering::Relaxed).saturating_sub(base);
    let shape = if flat { "one paragraph" } else { "paragraphs" };
    eprintln!(
        "source view {label}: {mb} MB ({shape}: {paragraphs}); opened and drawn in {:.0} ms, 10 resizes in {:.0} ms",
        ms(opened),
        ms(resized)
    );
    row(
        &format!(
            "source view {label}: a {mb} MB document ({shape}), heap after open / after 10 resizes / peak, MB"
        ),
        format!(
            "{} / {} / {}",
            sig(after_open as f64 / 1e6),
            sig(live as f64 / 1e6),
            sig(peak as f64 / 1e6)
        ),
        "follows the screen",
        None,
        None,
        Verdict::Info,
    );
}

/// The corpus's paragraphs, repeated and joined by `joint` until `bytes` long.
fn repeated_corpus_text(corpus: &Path, bytes: usize, joint: &str) -> String {
    let paragraphs: Vec<String> = documents(corpus)
        .iter()
        .flat_map(|d| d.paragraphs.iter().map(|p| d.text[p.range()].to_string()))
        .collect();
    assert!(!paragraphs.is_empty(), "no paragraphs in the corpus");
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

/// The explorer's timeline follows the query: each keystroke selects the
/// entries with a mention the query matches. Timed per keystroke for queries
/// typed letter by letter, with the mention index and, as the peer, matching
/// every mention's text anew (what the explorer did before).
/// `sanad timeline --json` as a user runs it, whole process, on the seeds
/// copied many times (issue 18's timeline target).
/// `sanad timeline --json` as a user runs it; `scale` multiplies the
/// targets (issue 18: ×40,000 within 10× of ×4,000).
fn timeline_cli_rows(label: &str, corpus: &Path, dir: &Path, sanad: &str, scale: f64) {
    let files = list_sources(corpus).map(|l| l.0.len()).unwrap_or(0);
    let command = || {
        let mut cmd = Command::new(sanad);
        cmd.arg("--corpus")
            .arg(corpus)
            .arg("--index-dir")
            .arg(dir)
            .arg("timeline")
            .arg("--json");
        cmd
    };
    // The first run builds the index; the others are what a user waits for.
    run(&mut command());
    let mut times = Vec::new();
    let mut peak: f64 = 0.0;
    for _ in 0..3 {
        let (t, _, rss) = run_child(&mut command());
        times.push(ms(t) / 1000.0);
        peak = peak.max(rss);
    }
    let t = median(&mut times);
    row(
        &format!("`sanad timeline --json` {label} ({files} files), whole process, s (peak RSS MB)"),
        format!("{} ({})", sig(t), sig(peak)),
        &format!("≤ {} s, ≤ {} MB", 2.0 * scale, 300.0 * scale),
        None,
        None,
        check(t <= 2.0 * scale && peak <= 300.0 * scale),
    );
}

fn following_rows(label: &str, corpus: &Path) {
    use sanad::timeline::filter::MentionIndex;
    let docs = documents(corpus);
    let meta = Metadata::load(corpus).expect("metadata");
    let events = timeline::build(&docs, &meta);
    let mentions: usize = events.entries.iter().map(|e| e.mentions.len()).sum();
    let started = Instant::now();
    let index = MentionIndex::build(&events);
    let built = started.elapsed();
    let typed = [
        "قوات حفظ السلام",
        "\"وقف إطلاق النار\"",
        "لاتشين -أذربيجان",
        "ستيباناكيرت",
    ];
    let mut fast = Vec::new();
    let mut anew = Vec::new();
    for text in typed {
        let chars: Vec<char> = text.chars().collect();
        for n in 1..=chars.len() {
            let prefix: String = chars[..n].iter().collect();
            let Ok(query) = Query::parse(&prefix) else {
                continue;
            };
            let started = Instant::now();
            let selected = index.entries_matching(&events, &query);
            fast.push(ms(started.elapsed()));
            let started = Instant::now();
            let reference: Vec<usize> = (0..events.entries.len())
                .filter(|&e| {
                    events.entries[e]
                        .mentions
                        .iter()
                        .any(|m| query.matches(&m.text))
                })
                .collect();
            anew.push(ms(started.elapsed()));
            assert_eq!(selected, reference, "{prefix}");
        }
    }
    let (p50, p99) = (median(&mut fast.clone()), percentile(&mut fast, 99.0));
    let peer = median(&mut anew);
    eprintln!(
        "following {label}: {} entries, {mentions} mentions, index built in {:.0} ms",
        events.entries.len(),
        ms(built)
    );
    row(
        &format!(
            "timeline following the query {label} ({} documents, {mentions} mentions), ms per keystroke p50 / p99",
            docs.len()
        ),
        format!("{} / {}", sig(p50), sig(p99)),
        "< 16 (a frame)",
        Some(format!("each mention matched anew {} ms", sig(peer))),
        Some(p50 / peer),
        check(p99 < 16.0),
    );
}

fn table(rows: &Path) {
    let text = std::fs::read_to_string(rows).expect("rows");
    let header = [
        "metric",
        "value",
        "target",
        "peer (same run)",
        "ratio",
        "verdict",
    ];
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let width = |i: usize| {
        rows.iter()
            .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
            .chain([header[i].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let line = |cells: &[&str]| {
        let padded: Vec<String> = (0..header.len())
            .map(|i| {
                let c = cells.get(i).copied().unwrap_or("");
                format!("{c}{}", " ".repeat(widths[i] - c.chars().count()))
            })
            .collect();
        println!("| {} |", padded.join(" | "));
    };
    line(&header);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    println!("|-{}-|", rule.join("-|-"));
    for r in &rows {
        line(r);
    }
}
