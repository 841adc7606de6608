//! The `sanad` binary as scripts use it: contracts of `search` and `index`, exit
//! codes, corpus faults, and an index that survives kills and corruption.

use crate::common;

use std::fs;
use std::path::Path;

use common::{corpus_of, hit_files, sanad, sanad_env, sanad_stdin, stderr, stdout};
use serde_json::Value;

fn search_json(corpus: &Path, index: &Path, cache: &Path, query: &str) -> Value {
    let out = sanad(
        &[
            "--corpus",
            corpus.to_str().unwrap(),
            "--index-dir",
            index.to_str().unwrap(),
            "search",
            query,
            "--json",
        ],
        cache,
    );
    assert!(out.status.success(), "search failed: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("search --json prints one JSON object")
}

#[test]
fn search_json_follows_the_contract() {
    let cache = tempfile::tempdir().unwrap();
    let out = sanad(
        &["search", "ستيباناكيرت", "--json", "--limit", "3"],
        cache.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["query"], "ستيباناكيرت");
    assert!(v["total"].as_u64().unwrap() >= 3);
    // The seeds are far below the sampling budget: every count is exact.
    assert_eq!(v["total_exact"], true);
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3);
    for h in hits {
        let file = h["file"].as_str().unwrap();
        let text = fs::read_to_string(common::seeds().join(file)).unwrap();
        let (s, e) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], h["text"].as_str().unwrap());
        let line = text[..s].matches('\n').count() + 1;
        assert_eq!(h["paragraph"].as_u64().unwrap() as usize, line);
        assert!(h["score"].as_f64().unwrap() > 0.0);
        for r in h["highlights"].as_array().unwrap() {
            let (hs, he) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            assert!(s <= hs && he <= e);
            assert_eq!(&text[hs..he], "ستيباناكيرت");
        }
        // Each highlight says which rule matched it: here the word as typed.
        let kinds = h["highlight_matches"].as_array().unwrap();
        assert_eq!(kinds.len(), h["highlights"].as_array().unwrap().len());
        assert!(kinds.iter().all(|k| k == "exact"), "{kinds:?}");
    }
}

#[test]
fn global_options_go_before_or_after_the_subcommand() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = corpus_of(&["001"]);
    let index = tempfile::tempdir().unwrap();
    let c = corpus.path().to_str().unwrap();
    let i = index.path().to_str().unwrap();
    let before = sanad(
        &["--corpus", c, "--index-dir", i, "search", "بوتين", "--json"],
        cache.path(),
    );
    let after = sanad(
        &["search", "بوتين", "--json", "--corpus", c, "--index-dir", i],
        cache.path(),
    );
    assert!(before.status.success() && after.status.success());
    assert_eq!(stdout(&before), stdout(&after));
    let v: Value = serde_json::from_str(&stdout(&before)).unwrap();
    assert!(common::hit_files(&v).iter().all(|f| f.starts_with("001")));
}

#[test]
fn text_output_marks_matches_and_names_file_and_paragraph() {
    let cache = tempfile::tempdir().unwrap();
    let out = sanad(&["search", "RTJMC", "--limit", "2"], cache.path());
    let text = stdout(&out);
    assert!(out.status.success());
    assert!(text.contains("1. 000_271304c8eddbc6f6.txt:"), "{text}");
    assert!(text.contains("⟦RTJMC⟧"), "{text}");
    assert!(text.contains("score"));
}

#[test]
fn no_hits_is_success_with_a_message() {
    let cache = tempfile::tempdir().unwrap();
    let out = sanad(&["search", "xyzzyplugh"], cache.path());
    assert!(out.status.success());
    assert!(stdout(&out).contains("no passages match"));
}

#[test]
fn bad_usage_and_bad_corpus_exit_2_with_one_line() {
    let cache = tempfile::tempdir().unwrap();
    let missing = sanad(
        &["--corpus", "/nonexistent/sanad-corpus", "search", "قوات"],
        cache.path(),
    );
    assert_eq!(missing.status.code(), Some(2));
    let err = stderr(&missing);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("/nonexistent/sanad-corpus"), "{err}");

    let empty_query = sanad(&["search", "\""], cache.path());
    assert_eq!(empty_query.status.code(), Some(2));
    assert_eq!(stderr(&empty_query).trim().lines().count(), 1);

    let unknown = sanad(&["search"], cache.path());
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn malformed_queries_get_an_answer_not_a_crash() {
    let cache = tempfile::tempdir().unwrap();
    let long = "قوات ".repeat(2000);
    for q in [
        "\"قره باغ",
        "-",
        "*",
        "قوات \u{1b}[31m",
        long.as_str(),
        "AND OR NOT",
        "[14]",
    ] {
        let out = sanad(&["search", q, "--json"], cache.path());
        assert!(
            matches!(out.status.code(), Some(0) | Some(2)),
            "{q:?}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"));
        assert!(
            !stdout(&out).contains('\u{1b}'),
            "escape reached the terminal"
        );
    }
}

/// A corpus with every kind of awkward file.
fn faulty_corpus() -> tempfile::TempDir {
    let dir = corpus_of(&["001"]);
    let p = dir.path();
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode("وثيقة قديمة عن مدينة شوشا وقلعتها");
    fs::write(p.join("legacy-1256.txt"), &cp1256).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "رسالة بترميز يونيكود عن ممر لاتشين".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    fs::write(p.join("wide-utf16.txt"), &utf16).unwrap();
    let mut broken = "فقرة أولى سليمة عن أغدام\n".repeat(3).into_bytes();
    broken.extend_from_slice(&[0xC3, 0x28, 0xFF]);
    broken.extend_from_slice("\nفقرة بعد البايتات التالفة عن كلبجار\n".as_bytes());
    fs::write(p.join("broken-middle.txt"), &broken).unwrap();
    fs::write(p.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    fs::write(p.join("empty.txt"), b"").unwrap();
    fs::create_dir(p.join("sub")).unwrap();
    fs::write(p.join("sub/nested.md"), "ملاحظة في مجلد فرعي عن إنترفاكس").unwrap();
    fs::write(p.join("ignored.rtf"), "ليس نصا").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(p.join("does-not-exist.txt"), p.join("dangling.txt")).unwrap();
    dir
}

#[test]
fn corpus_faults_are_named_once_and_the_rest_is_searchable() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = faulty_corpus();
    let index = tempfile::tempdir().unwrap();
    let c = corpus.path().to_str().unwrap();
    let i = index.path().to_str().unwrap();
    let out = sanad(&["--corpus", c, "--index-dir", i, "index"], cache.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for name in [
        "image.txt",
        "empty.txt",
        "broken-middle.txt",
        "dangling.txt",
    ] {
        assert_eq!(
            err.lines().filter(|l| l.contains(name)).count(),
            1,
            "{name} in:\n{err}"
        );
    }
    assert!(
        !err.contains("legacy-1256.txt") && !err.contains("wide-utf16.txt"),
        "{err}"
    );
    assert!(!err.contains("ignored.rtf"));

    for (query, file) in [
        ("شوشا", "legacy-1256.txt"),
        ("لاتشين", "wide-utf16.txt"),
        ("كلبجار", "broken-middle.txt"),
        ("أغدام", "broken-middle.txt"),
        ("إنترفاكس", "sub/nested.md"),
    ] {
        let v = search_json(corpus.path(), index.path(), cache.path(), query);
        assert!(
            common::hit_files(&v).contains(&file.to_string()),
            "{query} → {v}"
        );
    }
}

#[test]
fn reopening_an_unchanged_corpus_reindexes_nothing_and_changes_are_incremental() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = corpus_of(&["001", "003"]);
    let index = tempfile::tempdir().unwrap();
    let args = |extra: &[&str]| -> Vec<String> {
        let mut v = vec![
            "--corpus",
            corpus.path().to_str().unwrap(),
            "--index-dir",
            index.path().to_str().unwrap(),
        ];
        v.extend_from_slice(extra);
        v.into_iter().map(String::from).collect()
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        let out = sanad(&refs, cache.path());
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str::<Value>(&stdout(&out)).unwrap()
    };
    let first = run(&["index", "--json"]);
    assert_eq!(first["added"], 2);
    let again = run(&["index", "--json"]);
    assert_eq!(common::update_counts(&again), (Some(0), Some(0), Some(0)));

    fs::write(corpus.path().join("new.txt"), "خبر جديد عن ميناء أكتاو").unwrap();
    fs::remove_file(corpus.path().join("003_fd91de2c53fe6a8c.txt")).unwrap();
    let mut text = fs::read_to_string(corpus.path().join("001_f782a295b2e42d0e.txt")).unwrap();
    text.push_str("\nفقرة مضافة عن بحيرة سيفان\n");
    fs::write(corpus.path().join("001_f782a295b2e42d0e.txt"), text).unwrap();
    let third = run(&["index", "--json"]);
    assert_eq!(common::update_counts(&third), (Some(1), Some(1), Some(1)));
    assert_eq!(third["documents"], 2);

    assert_eq!(
        common::hit_files(&run(&["search", "سيفان", "--json"])),
        ["001_f782a295b2e42d0e.txt"]
    );
    assert_eq!(
        common::hit_files(&run(&["search", "أكتاو", "--json"])),
        ["new.txt"]
    );
    assert!(common::hit_files(&run(&["search", "باشينيان", "--json"]))
        .iter()
        .all(|f| !f.starts_with("003")));
}

#[test]
fn an_update_killed_midway_leaves_the_previous_index_answering() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = corpus_of(&["001", "002"]);
    let index = tempfile::tempdir().unwrap();
    let c = corpus.path().to_str().unwrap();
    let i = index.path().to_str().unwrap();
    index_once(c, i, cache.path());
    let before = search_json(corpus.path(), index.path(), cache.path(), "فاردانيان");

    // Change both files, then kill the update after it has indexed the first.
    let names = ["001_f782a295b2e42d0e.txt", "002_af4f6c64b51bd7fa.txt"];
    let originals: Vec<String> = names
        .iter()
        .map(|n| fs::read_to_string(corpus.path().join(n)).unwrap())
        .collect();
    let append = || {
        for (name, text) in names.iter().zip(&originals) {
            fs::write(
                corpus.path().join(name),
                format!("{text}\nإضافة عن مدينة غوريس\n"),
            )
            .unwrap();
        }
    };
    append();
    let killed = sanad_env(
        &["--corpus", c, "--index-dir", i, "index"],
        cache.path(),
        &[("SANAD_CRASH_AFTER", "1")],
    );
    assert!(!killed.status.success(), "the update should have died");

    // Put the sources back as they were: the index must be exactly the previous
    // one (same passages, same scores), not a half-applied update, and not
    // thrown away as broken.
    for (name, text) in names.iter().zip(&originals) {
        fs::write(corpus.path().join(name), text).unwrap();
    }
    let after_kill = sanad(
        &[
            "--corpus",
            c,
            "--index-dir",
            i,
            "search",
            "فاردانيان",
            "--json",
        ],
        cache.path(),
    );
    assert!(
        !stderr(&after_kill).contains("unusable"),
        "{}",
        stderr(&after_kill)
    );
    let v: Value = serde_json::from_str(&stdout(&after_kill)).unwrap();
    assert_eq!(v["hits"], before["hits"]);
    assert_eq!(
        search_json(corpus.path(), index.path(), cache.path(), "غوريس")["total"],
        0
    );

    // ... and a later update completes.
    append();
    let v = search_json(corpus.path(), index.path(), cache.path(), "غوريس");
    assert_eq!(v["total"], 2);
}

#[test]
fn a_rebuild_killed_midway_keeps_the_old_generation() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = corpus_of(&["001", "002", "003"]);
    let index = tempfile::tempdir().unwrap();
    let c = corpus.path().to_str().unwrap();
    let i = index.path().to_str().unwrap();
    index_once(c, i, cache.path());
    let killed = sanad_env(
        &["--corpus", c, "--index-dir", i, "index", "--rebuild"],
        cache.path(),
        &[("SANAD_CRASH_AFTER", "2")],
    );
    assert!(!killed.status.success());
    let out = sanad(
        &["--corpus", c, "--index-dir", i, "index", "--json"],
        cache.path(),
    );
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (v["rebuilt"].as_bool(), v["documents"].as_u64()),
        (Some(false), Some(3))
    );
}

/// Builds or updates the index of corpus `c` in `i`, which must succeed.
#[test]
fn cached_search_answers_from_the_last_index_without_checking() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = common::corpus_of(&["001"]);
    let index = tempfile::tempdir().unwrap();
    let (c, i) = (
        corpus.path().to_str().unwrap(),
        index.path().to_str().unwrap(),
    );
    let search = |extra: &[&str]| {
        let mut args = vec![
            "--corpus",
            c,
            "--index-dir",
            i,
            "search",
            "زيتونية",
            "--json",
        ];
        args.extend_from_slice(extra);
        let out = sanad(&args, cache.path());
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str::<Value>(&stdout(&out)).unwrap()
    };
    // No index yet: --cached builds it like any search.
    assert_eq!(search(&["--cached"])["total"], 0);
    fs::write(
        corpus.path().join("late.txt"),
        "وصلت قافلة زيتونية إلى لاتشين صباح اليوم.\n",
    )
    .unwrap();
    assert_eq!(
        search(&["--cached"])["total"],
        0,
        "the last index, as built"
    );
    assert_eq!(hit_files(&search(&[])), ["late.txt"], "checked and updated");
    assert_eq!(hit_files(&search(&["--cached"])), ["late.txt"]);
    let exact = search(&["--exact-total"]);
    assert_eq!(
        (exact["total"].as_u64(), exact["total_exact"].as_bool()),
        (Some(1), Some(true))
    );
}

fn index_once(c: &str, i: &str, cache: &Path) {
    let out = sanad(&["--corpus", c, "--index-dir", i, "index"], cache);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn generation_dir(index: &Path) -> std::path::PathBuf {
    let name = fs::read_to_string(index.join("CURRENT")).unwrap();
    index.join(name.trim())
}

#[test]
fn a_corrupt_index_is_rebuilt_with_one_notice() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = corpus_of(&["001", "003"]);
    let c = corpus.path().to_str().unwrap();
    type Corruption = fn(&Path);
    let corruptions: [(&str, Corruption); 3] = [
        ("garbage meta.json", |g| {
            fs::write(g.join("meta.json"), b"{not json").unwrap()
        }),
        ("truncated segment files", |g| {
            for e in fs::read_dir(g).unwrap() {
                let p = e.unwrap().path();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                if !name.ends_with(".json") && !name.starts_with('.') {
                    let bytes = fs::read(&p).unwrap();
                    fs::write(&p, &bytes[..bytes.len() / 2]).unwrap();
                }
            }
        }),
        ("missing manifest", |g| {
            for e in fs::read_dir(g).unwrap() {
                let p = e.unwrap().path();
                if p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("manifest-")
                {
                    fs::remove_file(p).unwrap();
                }
            }
        }),
    ];
    for (what, corrupt) in corruptions {
        let index = tempfile::tempdir().unwrap();
        let i = index.path().to_str().unwrap();
        index_once(c, i, cache.path());
        corrupt(&generation_dir(index.path()));
        let out = sanad(
            &[
                "--corpus",
                c,
                "--index-dir",
                i,
                "search",
                "باشينيان",
                "--json",
            ],
            cache.path(),
        );
        assert!(out.status.success(), "{what}: {}", stderr(&out));
        let err = stderr(&out);
        let notices = err.lines().filter(|l| l.contains("unusable")).count();
        assert_eq!(notices, 1, "{what}: {err}");
        let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert!(
            common::hit_files(&v).iter().any(|f| f.starts_with("003")),
            "{what}: {v}"
        );
    }
}

#[test]
fn help_version_completions_and_man_page() {
    let cache = tempfile::tempdir().unwrap();
    let help = sanad(&["--help"], cache.path());
    assert!(stdout(&help).contains("Examples:"));
    assert!(stdout(&sanad(&["--version"], cache.path())).starts_with("sanad "));
    let bash = sanad(&["completions", "bash"], cache.path());
    assert!(bash.status.success() && stdout(&bash).contains("sanad"));
    let man = sanad(&["man"], cache.path());
    let page = stdout(&man);
    assert!(man.status.success() && page.contains(".TH"));
    for section in [
        ".SH COMMANDS",
        ".SH KEY BINDINGS",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH EXIT STATUS",
    ] {
        assert!(page.contains(section), "{section}");
    }
    // Every key of the table is in it, and no page that does not exist.
    for (_, lines) in sanad::app::Keymap::defaults().help() {
        for (keys, _) in lines {
            assert!(page.contains(&keys.replace('-', "\\-")), "{keys}");
        }
    }
    assert!(!page.contains("(1)"), "no sanad-search(1) references");
    // The completion scripts complete file paths after `sanad show`.
    let zsh = stdout(&sanad(&["completions", "zsh"], cache.path()));
    assert!(zsh.contains("_files"), "zsh completes files");
}

#[test]
fn without_a_terminal_and_subcommand_prints_a_hint_and_exits_2() {
    let cache = tempfile::tempdir().unwrap();
    let out = sanad(&[], cache.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("subcommand"));
}

#[test]
fn bidi_filter_prints_visual_lines() {
    let cache = tempfile::tempdir().unwrap();
    let input = "في 11 نوفمبر تم توقيع مذكرة تفاهم (RTJMC).[14]\nplain English line\n";
    let out = sanad_stdin(&["bidi"], cache.path(), input);
    assert!(out.status.success());
    let lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    let expected: Vec<String> = input
        .lines()
        .flat_map(|l| sanad::bidi::visual_string(l, None))
        .collect();
    assert_eq!(lines, expected);
    assert!(lines[0].starts_with("[14]."), "{}", lines[0]);
    assert_eq!(lines[1], "plain English line");

    let wrapped = sanad_stdin(&["bidi", "--width", "20", "--align"], cache.path(), input);
    let lines: Vec<String> = stdout(&wrapped).lines().map(String::from).collect();
    assert!(lines.len() > 2);
    for l in &lines[..lines.len() - 1] {
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(l.as_str()).max(20),
            20,
            "{l:?}"
        );
        assert!(
            l.starts_with(' ') || unicode_width::UnicodeWidthStr::width(l.as_str()) >= 19,
            "RTL lines are padded: {l:?}"
        );
    }
}

#[test]
fn show_prints_a_paragraph_laid_out_with_its_number() {
    let cache = tempfile::tempdir().unwrap();
    let out = sanad(
        &["show", "001_f782a295b2e42d0e.txt:3", "--width", "60"],
        cache.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("   3│"), "{text}");
    // Into a pipe: logical order, so `| grep لاتشين` finds it.
    assert!(text.contains("لاتشين"), "{text}");
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 60, "{line}");
    }
    let missing = sanad(&["show", "nope.txt"], cache.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nope.txt"));
    let escape = sanad(&["show", "../Cargo.toml"], cache.path());
    assert_eq!(escape.status.code(), Some(2));
    // A path as the shell completes it from the checkout, or absolute, works
    // when it is inside the corpus; one outside is refused all the same.
    let seeds = common::seeds();
    let absolute = seeds.join("001_f782a295b2e42d0e.txt");
    let out = sanad(
        &["show", &format!("{}:3", absolute.display())],
        cache.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("   3│"));
    let checkout = seeds.parent().unwrap();
    let from_checkout = std::process::Command::new(env!("CARGO_BIN_EXE_sanad"))
        .args(["show", "seeds/001_f782a295b2e42d0e.txt:3"])
        .current_dir(checkout)
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .unwrap();
    assert!(from_checkout.status.success(), "{}", stderr(&from_checkout));
    let outside = sanad(
        &["show", &checkout.join("Cargo.toml").display().to_string()],
        cache.path(),
    );
    assert_eq!(outside.status.code(), Some(2));
    let blank = sanad(&["show", "004_24d2e195e726acda.txt:2"], cache.path());
    assert_eq!(blank.status.code(), Some(2));
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    let hostile = "في 10 نوفمبر 2020 خبر عن ممر لاتشين \u{1b}[2J\u{1b}]0;pwned\u{7} ثم \u{9b}31m نهاية\u{202e}مقلوب\n";
    fs::write(corpus.path().join("hostile.txt"), hostile).unwrap();
    let index = tempfile::tempdir().unwrap();
    let base = [
        "--corpus",
        corpus.path().to_str().unwrap(),
        "--index-dir",
        index.path().to_str().unwrap(),
    ];
    for extra in [
        &["search", "لاتشين"][..],
        &["show", "hostile.txt"],
        &["show", "hostile.txt:1", "--width", "30"],
        &["timeline"],
    ] {
        let args: Vec<&str> = base.iter().chain(extra.iter()).copied().collect();
        let out = sanad(&args, cache.path());
        assert!(out.status.success(), "{extra:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{9b}'),
            "{extra:?}: {text:?}"
        );
    }
    let out = sanad_stdin(&["bidi"], cache.path(), hostile);
    assert!(!stdout(&out).contains('\u{1b}'));
}

/// The words of a passage that mentions لاتشين, without it: a query of more
/// than 32 words that the passage satisfies.
fn words_of_a_long_passage(cache: &Path) -> Vec<String> {
    let out = sanad(&["search", "لاتشين", "--json", "--limit", "50"], cache);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let text = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_string())
        .max_by_key(|t| t.split_whitespace().count())
        .unwrap();
    let mut words: Vec<String> = Vec::new();
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if w.chars().count() > 2 && !w.contains("لاتشين") && !words.iter().any(|x| x == w) {
            words.push(w.to_string());
        }
    }
    assert!(words.len() >= 40, "{text}");
    words.truncate(40);
    words
}

#[test]
fn every_word_of_a_long_query_counts() {
    let cache = tempfile::tempdir().unwrap();
    let words = words_of_a_long_passage(cache.path());
    let run = |extra: &[&str]| -> Value {
        let mut args = vec!["search", "--json", "--"];
        args.extend(words.iter().map(String::as_str));
        args.extend_from_slice(extra);
        let out = sanad(&args, cache.path());
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    assert!(run(&[])["total"].as_u64().unwrap() >= 1);
    // The 41st word is nowhere in the corpus: nothing matches.
    assert_eq!(run(&["زرقاوسطيلون"])["total"], 0);
    // The 41st clause excludes a word of the passage: it is gone.
    let v = run(&["-لاتشين"]);
    assert_eq!(v["total_exact"], true);
    for h in v["hits"].as_array().unwrap() {
        assert!(!h["text"].as_str().unwrap().contains("لاتشين"), "{h}");
    }
    // Past the limit: refused with the limit named, never cut.
    let many: Vec<String> = (0..1100)
        .map(|i| format!("ك{}", "ب".repeat(i % 7 + 1) + &"ت".repeat(i / 7)))
        .collect();
    let mut args = vec!["search"];
    args.extend(many.iter().map(String::as_str));
    let out = sanad(&args, cache.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("1024"), "{}", stderr(&out));
}

#[test]
fn a_query_word_may_begin_with_a_minus() {
    let cache = tempfile::tempdir().unwrap();
    let with = |args: &[&str]| -> Value {
        let out = sanad(args, cache.path());
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let all = with(&["search", "بوتين", "--json", "--limit", "100"]);
    let without = with(&["search", "بوتين", "-علييف", "--json", "--limit", "100"]);
    let first = with(&["search", "-علييف", "بوتين", "--limit", "100", "--json"]);
    assert_eq!(without["query"], "بوتين -علييف");
    assert_eq!(without["hits"], first["hits"]);
    assert!(
        without["total"].as_u64() < all["total"].as_u64(),
        "{without}"
    );
    // ASCII short options are still options.
    let out = sanad(&["search", "بوتين", "-x"], cache.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let cache = tempfile::tempdir().unwrap();
    sanad(&["index"], cache.path());
    let bin = env!("CARGO_BIN_EXE_sanad");
    for cmd in [
        "timeline",
        "search قوات --limit 200",
        "show 004_24d2e195e726acda.txt",
        "man",
        "completions bash",
        "index",
    ] {
        for redirect in ["", "2>&1"] {
            let script = format!(
                "'{bin}' {cmd} {redirect} | head -c 1 >/dev/null; echo \"${{PIPESTATUS[0]}}\""
            );
            let out = std::process::Command::new("bash")
                .arg("-c")
                .arg(&script)
                .env("XDG_CACHE_HOME", cache.path())
                .output()
                .unwrap();
            assert_eq!(stdout(&out).trim(), "0", "{script}: {}", stderr(&out));
            assert!(stderr(&out).is_empty(), "{script}: {}", stderr(&out));
        }
    }
}

#[test]
fn numbers_out_of_range_are_usage_errors() {
    let cache = tempfile::tempdir().unwrap();
    for args in [
        vec!["search", "قوات", "--limit", "100000000000"],
        vec!["search", "قوات", "--limit", "0"],
        vec![
            "show",
            "004_24d2e195e726acda.txt",
            "--width",
            "18446744073709551615",
        ],
        vec!["show", "004_24d2e195e726acda.txt", "--width", "100000000"],
        vec!["bidi", "--align", "--width", "18446744073709551615"],
    ] {
        let out = sanad(&args, cache.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("from 1 to"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

/// A corpus of one seed with `sources.toml` holding `toml`.
fn corpus_with_metadata(toml: &str) -> tempfile::TempDir {
    let corpus = corpus_of(&["001"]);
    fs::write(corpus.path().join("sources.toml"), toml).unwrap();
    corpus
}

#[test]
fn bad_metadata_and_bad_dates_exit_2_and_unknown_entries_are_named() {
    let cache = tempfile::tempdir().unwrap();
    let bad =
        corpus_with_metadata("[sources.\"001_f782a295b2e42d0e.txt\"]\ndate = \"2023-02-30\"\n");
    let out = sanad(
        &["--corpus", bad.path().to_str().unwrap(), "timeline"],
        cache.path(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("sources.toml"), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1);

    let out = sanad(&["timeline", "--from", "2020-13"], cache.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    let unknown = corpus_with_metadata(
        "[sources.\"001_f782a295b2e42d0e.txt\"]\nkind = \"news\"\n\
         [sources.\"gone.txt\"]\nkind = \"news\"\n[sources.\"typo.txt\"]\nkind = \"news\"\n",
    );
    let out = sanad(
        &["--corpus", unknown.path().to_str().unwrap(), "timeline"],
        cache.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("gone.txt") && err.contains("typo.txt") && err.contains("2 file"),
        "{err}"
    );
}

#[test]
fn a_metadata_file_that_is_a_fifo_or_endless_is_an_error_not_a_hang() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = corpus_of(&["001"]);
    let meta = corpus.path().join("sources.toml");
    let run = || {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sanad"))
            .args(["--corpus", corpus.path().to_str().unwrap(), "timeline"])
            .env("XDG_CACHE_HOME", cache.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while child.try_wait().unwrap().is_none() {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("sanad timeline hung on {}", meta.display());
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        child.wait_with_output().unwrap()
    };
    let c = std::ffi::CString::new(meta.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let out = run();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("FIFO"), "{}", stderr(&out));
    fs::remove_file(&meta).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &meta).unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    fs::remove_file(&meta).unwrap();
    // A huge sparse file is refused by its size, not parsed.
    let f = fs::File::create(&meta).unwrap();
    f.set_len(1 << 30).unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("larger than 4 MB"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn paths_in_notices_and_errors_are_made_visible_and_said_once() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = corpus_of(&["001"]);
    let parent = tempfile::tempdir().unwrap();
    let index = parent.path().join("idx\u{1b}]0;owned\u{7}\u{1b}[2J");
    let c = corpus.path().to_str().unwrap();
    let i = index.to_str().unwrap();
    assert!(
        sanad(&["--corpus", c, "--index-dir", i, "index"], cache.path())
            .status
            .success()
    );
    fs::write(index.join("CURRENT"), "gen-0-0").unwrap();
    let out = sanad(
        &["--corpus", c, "--index-dir", i, "search", "بوتين"],
        cache.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("unusable"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains('\u{241b}'), "the ESC is shown as ␛: {err}");

    // One cause, once, in words.
    let file = parent.path().join("a-file");
    fs::write(&file, "x").unwrap();
    let out = sanad(
        &[
            "--corpus",
            c,
            "--index-dir",
            file.join("sub").to_str().unwrap(),
            "index",
        ],
        cache.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(err.matches("Not a directory").count(), 1, "{err}");
}

#[test]
fn into_a_pipe_every_subcommand_prints_logical_order() {
    let cache = tempfile::tempdir().unwrap();
    for args in [
        &["timeline", "--to", "1994"][..],
        &["timeline", "--to", "1994", "--format", "md"],
        &["show", "001_f782a295b2e42d0e.txt:11"],
        &["search", "أرمينيا"],
    ] {
        let out = sanad(args, cache.path());
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("أرمينيا"),
            "{args:?}: {}",
            stdout(&out)
        );
    }
    // `sanad bidi` is a filter: visual into a pipe, unless --bidi says the
    // reader's side reorders.
    let input = "تحتل أرمينيا منذ عام 1992\n";
    let visual = sanad::bidi::visual_string(input.trim_end(), None).remove(0);
    assert_eq!(
        stdout(&sanad_stdin(&["bidi"], cache.path(), input)),
        format!("{visual}\n")
    );
    for mode in ["terminal", "off"] {
        let out = sanad_stdin(&["--bidi", mode, "bidi"], cache.path(), input);
        assert_eq!(stdout(&out), input, "--bidi {mode}");
    }
}

#[test]
fn search_exports_markdown_and_csv_with_each_source() {
    let cache = tempfile::tempdir().unwrap();
    let out = sanad(&["search", "لاتشين", "--format", "md"], cache.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("# Search: «لاتشين»"), "{md}");
    assert!(
        md.contains("روسيا تنشر قوات حفظ سلام"),
        "titles from sources.toml: {md}"
    );
    assert!(
        md.contains("**لاتشين**") || md.contains("**ولاتشين**"),
        "{md}"
    );
    let out = sanad(&["search", "لاتشين", "--format", "csv"], cache.path());
    let csv = stdout(&out);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some(sanad::output::search::CSV_HEADER));
    let rows: Vec<&str> = lines.collect();
    assert!(
        !rows.is_empty() && rows.iter().all(|r| r.contains(".txt,")),
        "{csv}"
    );
    assert!(csv.contains("⟦"), "matches marked: {csv}");
    // --json and --format are one or the other.
    let both = sanad(
        &["search", "لاتشين", "--json", "--format", "md"],
        cache.path(),
    );
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn sources_lists_what_the_texts_show_and_prints_a_metadata_file() {
    // The seeds without their sources.toml.
    let corpus = corpus_of(&["000", "001", "002", "003", "004"]);
    assert!(!corpus.path().join("sources.toml").exists());
    let cache = tempfile::tempdir().unwrap();
    let c = corpus.path().to_str().unwrap();
    let out = sanad(&["--corpus", c, "sources", "--json"], cache.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    let sources = v["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 5);
    let by_prefix = |p: &str| {
        sources
            .iter()
            .find(|s| s["file"].as_str().unwrap().starts_with(p))
            .unwrap()
    };
    assert_eq!(by_prefix("000")["kind"]["value"], "encyclopedia");
    assert_eq!(by_prefix("001")["date"]["value"], "2020-11-10");
    assert!(by_prefix("001")["date"]["from"]
        .as_str()
        .unwrap()
        .starts_with("lead «"));
    assert_eq!(by_prefix("001")["date_inferred"], true);
    assert_eq!(by_prefix("004")["date"], Value::Null);
    assert!(by_prefix("004")["undated"]
        .as_str()
        .unwrap()
        .contains("relative dates"));
    assert_eq!(
        by_prefix("004")["title"]["value"],
        "أذربيجان وانفصاليو قره باغ يبدون استعدادهم لمواصلة المحادثات"
    );

    // Text: one block per file, each field with its origin.
    let out = sanad(&["--corpus", c, "sources"], cache.path());
    let text = stdout(&out);
    assert!(text.contains("≈2021-01-11  (lead «"), "{text}");
    assert!(text.contains("encyclopedia  (citation markers"), "{text}");

    // --toml prints a file sanad reads back: saved, it changes nothing.
    let out = sanad(&["--corpus", c, "sources", "--toml"], cache.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let toml = stdout(&out);
    assert!(toml.contains("date = 2020-11-10  # lead «"), "{toml}");
    assert!(
        !corpus.path().join("sources.toml").exists(),
        "sanad never writes it"
    );
    let before = sanad(&["--corpus", c, "timeline", "--json"], cache.path());
    fs::write(corpus.path().join("sources.toml"), &toml).unwrap();
    let after = sanad(&["--corpus", c, "timeline", "--json"], cache.path());
    assert!(after.status.success(), "{}", stderr(&after));
    assert_eq!(stdout(&before), stdout(&after));
}

#[test]
fn a_word_that_finds_nothing_gets_the_closest_terms_of_the_index() {
    let cache = tempfile::tempdir().unwrap();
    // A typo too short for fuzzy matching (five letters after the article).
    let out = sanad(&["search", "الكرملن", "--json"], cache.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["total"], 0);
    let offered = v["did_you_mean"]["الكرملن"].as_array().unwrap();
    assert!(offered.iter().any(|t| t == "الكرملين"), "{offered:?}");
    // The same spellings as one list, for a client that offers one.
    assert_eq!(v["suggestions"].as_array(), Some(offered), "{v}");
    // Without --json, the suggestion is a line on stderr.
    let out = sanad(&["search", "الكرملن"], cache.path());
    let err = stderr(&out);
    assert!(
        err.contains("did you mean") && err.contains("الكرملين"),
        "{err}"
    );
    // A word the index holds is not second-guessed.
    let out = sanad(&["search", "الكرملين", "--json"], cache.path());
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(v.get("did_you_mean").is_none(), "{v}");
    assert!(v.get("suggestions").is_none(), "{v}");
}

#[test]
fn unsupported_files_are_named_by_type_and_a_corpus_of_none_readable_exits_2() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    for name in ["a.rtf", "b.doc", "c.DOC", "README"] {
        fs::write(corpus.path().join(name), "x").unwrap();
    }
    let c = corpus.path().to_str().unwrap();
    let index = tempfile::tempdir().unwrap();
    let i = index.path().to_str().unwrap();
    let out = sanad(&["--corpus", c, "--index-dir", i, "index"], cache.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    let reads = format!("it reads {} files", sanad::extract::read_types());
    assert!(err.contains(&reads), "{err}");
    assert!(reads.starts_with("it reads .txt, .md"), "{reads}");
    assert!(
        err.contains("skipped 4 files of unsupported types: .doc ×2, .rtf, no extension"),
        "{err}"
    );
    // With one readable document, the rest is one warning line.
    fs::copy(
        common::seeds().join("001_f782a295b2e42d0e.txt"),
        corpus.path().join("001.txt"),
    )
    .unwrap();
    fs::write(corpus.path().join("sources.toml"), "").unwrap();
    let out = sanad(&["--corpus", c, "--index-dir", i, "index"], cache.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: skipped 4 files of unsupported types"),
        "{err}"
    );
    assert!(
        !err.contains(".toml"),
        "sources.toml is not a document: {err}"
    );
}
