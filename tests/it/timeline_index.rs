//! The timeline kept in the index: the same timeline as one built from the
//! documents, kept current by updates that date again only what they read,
//! re-dated when `sources.toml` changes, and never trusted when damaged.

use std::fs;
use std::path::{Path, PathBuf};

use sanad::archive::Archive;
use sanad::index::CorpusIndex;
use sanad::metadata::{Date, Metadata};
use sanad::timeline::{Timeline, When};

use crate::common::{corpus_of, sanad_env, seeds, stderr, stdout};

fn open(corpus: &Path, dir: &Path) -> (CorpusIndex, sanad::index::UpdateReport) {
    CorpusIndex::open(corpus, dir, false, &mut |_, _| {}).expect("index")
}

fn indexed_timeline(index: &CorpusIndex, meta: &Metadata) -> Timeline {
    Timeline::of_records(&index.records(meta, None).expect("records").records)
}

fn segments(dir: &Path) -> Vec<PathBuf> {
    let current = fs::read_to_string(dir.join("CURRENT")).unwrap();
    let generation = dir.join(current.trim());
    let mut out: Vec<PathBuf> = fs::read_dir(generation)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("events-") && name.ends_with(".bin")
        })
        .collect();
    out.sort();
    out
}

/// The binary on `corpus`, its index in `dir`.
fn run_on(
    (corpus, dir, cache): (&Path, &Path, &Path),
    extra: &[&str],
    env: &[(&str, &str)],
) -> std::process::Output {
    let mut args = vec![
        "--corpus",
        corpus.to_str().unwrap(),
        "--index-dir",
        dir.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    sanad_env(&args, cache, env)
}

/// A corpus of the seeds without their `sources.toml`: the dates come from
/// the texts alone.
fn seeds_without_metadata() -> tempfile::TempDir {
    corpus_of(&[])
}

#[test]
fn the_indexed_timeline_is_the_one_built_from_the_documents() {
    let plain = seeds_without_metadata();
    for root in [seeds(), plain.path().to_path_buf()] {
        let dir = tempfile::tempdir().unwrap();
        let (index, _) = open(&root, dir.path());
        let archive = Archive::load(&root).unwrap();
        let meta = Metadata::load(&root).unwrap();
        let records = index.records(&meta, None).unwrap();
        assert!(records.warning.is_none());
        assert_eq!(
            Timeline::of_records(&records.records),
            archive.timeline,
            "{}",
            root.display()
        );
        let described: Vec<_> = records.records.into_iter().map(|r| r.described).collect();
        assert_eq!(described, archive.described);
        // And it survives a reopen: read from disk, not kept from the build.
        drop(index);
        let reopened = CorpusIndex::open_committed(&root, dir.path()).unwrap();
        assert_eq!(indexed_timeline(&reopened, &meta), archive.timeline);
    }
}

#[test]
fn a_range_reads_only_the_files_whose_mentions_reach_into_it() {
    let corpus = tempfile::tempdir().unwrap();
    fs::write(
        corpus.path().join("old.txt"),
        "في عام 1994 وقع الطرفان اتفاق بيشكيك لوقف إطلاق النار.\n",
    )
    .unwrap();
    fs::write(
        corpus.path().join("new.txt"),
        "في 10 نوفمبر 2020 وقع قادة روسيا وأذربيجان وأرمينيا بيانا ثلاثيا.\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = open(corpus.path(), dir.path());
    let meta = Metadata::default();
    let days = Some((Date::new(2020, 1, 1), Date::new(2020, 12, 31)));
    let read = index.records(&meta, days).unwrap().records;
    let files: Vec<&str> = read.iter().map(|r| r.described.file.as_str()).collect();
    assert_eq!(files, ["new.txt"]);
    let mut whole = indexed_timeline(&index, &meta);
    whole.retain_range(When::parse("2020"), When::parse("2020"));
    assert_eq!(Timeline::of_records(&read), whole);
    let none = Some((Date::new(2021, 1, 1), None));
    assert!(index.records(&meta, none).unwrap().records.is_empty());
}

#[test]
fn an_update_dates_again_only_the_files_it_reads() {
    let corpus = corpus_of(&["001", "003"]);
    let dir = tempfile::tempdir().unwrap();
    open(corpus.path(), dir.path());
    let before = segments(dir.path());
    assert_eq!(before.len(), 1, "one segment for the build");
    let file = corpus.path().join(
        fs::read_dir(corpus.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .find(|n| n.to_string_lossy().starts_with("003"))
            .unwrap(),
    );
    let mut text = fs::read_to_string(&file).unwrap();
    text.push_str("\nوفي 5 مارس 2021 افتتح الطريق الجديد أمام المدنيين.\n");
    fs::write(&file, text).unwrap();
    let (index, report) = open(corpus.path(), dir.path());
    assert_eq!((report.added, report.changed), (0, 1));
    let after = segments(dir.path());
    assert_eq!(after.len(), 2, "the build's segment and the update's");
    assert_eq!(
        fs::metadata(&before[0]).unwrap().len(),
        fs::metadata(&after[0]).unwrap().len(),
        "the build's segment is never rewritten in place"
    );
    let meta = Metadata::default();
    let t = indexed_timeline(&index, &meta);
    assert!(t.entries.iter().any(|e| e.date.label() == "2021-03-05"));
    assert_eq!(t, Archive::load(corpus.path()).unwrap().timeline);

    // A file changed again and again: the segments stay few, the records
    // whole, and what no commit points into is gone.
    for round in 0..40 {
        fs::write(
            &file,
            format!("في {} مارس 2021 اجتمع الطرفان.\n", round % 28 + 1),
        )
        .unwrap();
        open(corpus.path(), dir.path());
    }
    assert!(
        segments(dir.path()).len() <= 33,
        "{:?}",
        segments(dir.path())
    );
    let index = CorpusIndex::open_committed(corpus.path(), dir.path()).unwrap();
    assert_eq!(
        indexed_timeline(&index, &meta),
        Archive::load(corpus.path()).unwrap().timeline
    );
}

#[test]
fn a_changed_sources_entry_dates_its_file_again() {
    let corpus = corpus_of(&["001", "003"]);
    let dir = tempfile::tempdir().unwrap();
    open(corpus.path(), dir.path());
    let name = fs::read_dir(corpus.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("003"))
        .unwrap();
    fs::write(
        corpus.path().join("sources.toml"),
        format!("[sources.\"{name}\"]\nkind = \"news\"\ndate = 2021-01-20\n"),
    )
    .unwrap();
    let meta = Metadata::load(corpus.path()).unwrap();
    let expected = Archive::load(corpus.path()).unwrap();
    // Before any update, the stale record is dated again from its file.
    let committed = CorpusIndex::open_committed(corpus.path(), dir.path()).unwrap();
    assert_eq!(indexed_timeline(&committed, &meta), expected.timeline);
    // The next update reads that one file again, and only it.
    let (index, report) = open(corpus.path(), dir.path());
    assert_eq!((report.added, report.changed), (0, 1));
    let records = index.records(&meta, None).unwrap().records;
    let dated = records.iter().find(|r| r.described.file == name).unwrap();
    assert_eq!(dated.described.date.as_ref().unwrap().from, "sources.toml");
    assert_eq!(Timeline::of_records(&records), expected.timeline);
}

#[test]
fn a_damaged_record_is_not_trusted_and_the_command_rebuilds() {
    let corpus = corpus_of(&["000", "002"]);
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let at = (corpus.path(), dir.path(), cache.path());
    let run = |extra: &[&str]| run_on(at, extra, &[]);
    let first = run(&["timeline", "--json"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let segment = &segments(dir.path())[0];
    let mut bytes = fs::read(segment).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x41;
    fs::write(segment, &bytes).unwrap();
    let index = CorpusIndex::open_committed(corpus.path(), dir.path()).unwrap();
    let err = index.records(&Metadata::default(), None).unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
    let again = run(&["timeline", "--json"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stderr(&again).contains("rebuilding"), "{}", stderr(&again));
    assert_eq!(stdout(&again), stdout(&first));
}

#[test]
fn a_killed_update_leaves_the_timeline_answering_and_its_segment_goes() {
    let corpus = corpus_of(&["001", "003", "004"]);
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let at = (corpus.path(), dir.path(), cache.path());
    assert!(run_on(at, &["index"], &[]).status.success());
    for name in ["a.txt", "b.txt"] {
        fs::write(
            corpus.path().join(name),
            "في 3 يونيو 2022 عقد اجتماع في موسكو.\n".repeat(200),
        )
        .unwrap();
    }
    let killed = run_on(at, &["index"], &[("SANAD_CRASH_AFTER", "1")]);
    assert_eq!(killed.status.code(), None, "{}", stderr(&killed));
    let out = run_on(at, &["timeline", "--json"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = sanad::output::timeline::json(&Archive::load(corpus.path()).unwrap().timeline);
    assert_eq!(stdout(&out).trim_end(), expected);
    // The update that followed removed what the killed one wrote.
    assert_eq!(segments(dir.path()).len(), 2, "{:?}", segments(dir.path()));
}

#[test]
fn with_no_room_for_an_index_the_commands_date_the_documents_themselves() {
    let corpus = corpus_of(&["001", "003"]);
    let cache = tempfile::tempdir().unwrap();
    // A cache "folder" that is a file: no index can be made under it.
    let blocked = cache.path().join("not-a-folder");
    fs::write(&blocked, "x").unwrap();
    let blocked_run = |command: &str| {
        let args = [
            "--corpus",
            corpus.path().to_str().unwrap(),
            command,
            "--json",
        ];
        sanad_env(
            &args,
            cache.path(),
            &[("XDG_CACHE_HOME", blocked.to_str().unwrap())],
        )
    };
    let out = blocked_run("timeline");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("dating the documents instead"),
        "{}",
        stderr(&out)
    );
    let expected = sanad::output::timeline::json(&Archive::load(corpus.path()).unwrap().timeline);
    assert_eq!(stdout(&out).trim_end(), expected);
    let out = blocked_run("sources");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("003_"), "{}", stdout(&out));
}

/// A file with no dated mention when it was indexed (its dates were all
/// relative, and it had no publication date) is dated again once
/// `sources.toml` gives it one, by a read of every dated file and by a read
/// of some days alike.
#[test]
fn a_file_dated_only_by_a_new_sources_entry_joins_every_read() {
    let corpus = tempfile::tempdir().unwrap();
    let text = "وزارة الدفاع\n\nأعلنت الوزارة أمس انسحاب القوات من المدينة بعد مفاوضات طويلة.\n";
    fs::write(corpus.path().join("relative.txt"), text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = open(corpus.path(), dir.path());
    let bare = Metadata::load(corpus.path()).unwrap();
    assert!(indexed_timeline(&index, &bare).entries.is_empty());
    fs::write(
        corpus.path().join("sources.toml"),
        "[sources.\"relative.txt\"]\nkind = \"news\"\ndate = 2022-03-15\n",
    )
    .unwrap();
    let meta = Metadata::load(corpus.path()).unwrap();
    let expected = Archive::load(corpus.path()).unwrap().timeline;
    assert!(!expected.entries.is_empty(), "«أمس» dates nothing");
    let every = index
        .records_of(&meta, sanad::index::Select::between(None, None))
        .unwrap();
    assert_eq!(Timeline::of_records(&every.records), expected);
    let march = When::parse("2022-03").unwrap();
    let some = index
        .records_of(
            &meta,
            sanad::index::Select::between(Some(march), Some(march)),
        )
        .unwrap();
    assert_eq!(Timeline::of_records(&some.records), expected);
}

/// The explorer lists an index from one read of its manifest: every indexed
/// file in name order, each described from its own record when shown just as
/// the archive read whole describes it (`sources.toml` over what the text
/// shows), including a file `sources.toml` describes otherwise than when it
/// was indexed; and the timeline of the files with dated mentions.
#[test]
fn the_listing_describes_every_indexed_file_as_the_archive_does() {
    let corpus = corpus_of(&[]);
    let toml = fs::read_to_string(crate::common::seeds().join("sources.toml")).unwrap();
    fs::write(corpus.path().join("sources.toml"), &toml).unwrap();
    // No date of any kind: listed, though no timeline read takes its record.
    fs::write(
        corpus.path().join("notes.txt"),
        "ملاحظات ميدانية\n\nتحدث السكان عن الحياة اليومية قرب خطوط التماس وعن المدارس.\n",
    )
    .unwrap();
    fs::create_dir(corpus.path().join("مجلد")).unwrap();
    fs::write(
        corpus.path().join("مجلد/تقرير.txt"),
        "تقرير\n\nفي 5 مارس 2021 زار وفد المدينة واطلع على أوضاع النازحين.\n",
    )
    .unwrap();
    let entry = "\n[sources.\"notes.txt\"]\ntitle = \"دفتر الميدان\"\nkind = \"news\"\n";
    let dated = format!("{toml}{entry}date = 2021-06-02\n");
    fs::write(corpus.path().join("sources.toml"), dated).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = open(corpus.path(), dir.path());
    // The date is taken back after the index was made: its record's is stale.
    fs::write(corpus.path().join("sources.toml"), format!("{toml}{entry}")).unwrap();

    let archive = Archive::load(corpus.path()).unwrap();
    let loaded = sanad::app::Loaded::from_index(corpus.path(), &index).unwrap();
    assert_eq!(loaded.timeline, archive.timeline);
    let listed: Vec<&str> = loaded.shelf.names().collect();
    let mut expected: Vec<&str> = archive.described.iter().map(|d| d.file.as_str()).collect();
    expected.sort();
    assert_eq!(listed, expected);
    for (i, name) in listed.iter().enumerate() {
        let source = loaded.shelf.source(i);
        assert_eq!(source.as_deref(), archive.meta.get(name), "{name}");
        assert_eq!(loaded.shelf.source_named(name), source);
    }
    let notes = loaded.shelf.source_named("notes.txt").unwrap();
    assert_eq!(notes.title.as_deref(), Some("دفتر الميدان"));
    assert_eq!(notes.date, None, "the date taken back");
    // A report on some files describes just those.
    let some = loaded.shelf.metadata_of(["notes.txt", "gone.txt"]);
    assert_eq!(some.get("notes.txt"), Some(&*notes));
    assert_eq!(some.get("gone.txt"), None);
}

/// A timeline read for some days merges as the whole archive does: its terms
/// are weighed by the archive's counts, kept in the index. For every year,
/// month and a spread of days the seeds' mentions cover, the read's entries
/// in the range are the whole timeline's.
#[test]
fn a_timeline_read_for_any_range_is_the_whole_timeline_in_that_range() {
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = open(&crate::common::seeds(), dir.path());
    let meta = Metadata::load(&crate::common::seeds()).unwrap();
    let whole = indexed_timeline(&index, &meta);
    let mut ranges: Vec<(When, When)> = Vec::new();
    for year in 1988..=2024 {
        let y = When::parse(&year.to_string()).unwrap();
        ranges.push((y, y));
        for month in 1..=12 {
            let m = When::parse(&format!("{year}-{month:02}")).unwrap();
            ranges.push((m, m));
        }
    }
    for entry in &whole.entries {
        ranges.push((entry.date, entry.date));
    }
    ranges.push((
        When::parse("2020-11").unwrap(),
        When::parse("2021-03").unwrap(),
    ));
    ranges.push((
        When::parse("2023-09").unwrap(),
        When::parse("2023-12").unwrap(),
    ));
    let mut compared = 0;
    for (from, to) in ranges {
        let in_range = |t: &Timeline| {
            let mut t = t.clone();
            t.retain_range(Some(from), Some(to));
            t
        };
        let read = index
            .records_of(&meta, sanad::index::Select::between(Some(from), Some(to)))
            .unwrap();
        let expected = in_range(&whole);
        compared += usize::from(!expected.entries.is_empty());
        assert_eq!(
            in_range(&Timeline::of_records(&read.records)),
            expected,
            "{from} – {to}"
        );
    }
    assert!(compared > 100, "only {compared} ranges held entries");
}

/// The archive's term counts an update keeps are those a rebuild counts,
/// and those of the records read whole from the documents.
#[test]
fn updates_keep_the_archive_term_counts_a_rebuild_makes() {
    let corpus = corpus_of(&[]);
    fs::copy(
        crate::common::seeds().join("sources.toml"),
        corpus.path().join("sources.toml"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    open(corpus.path(), dir.path());
    // Changed, removed, added.
    let first = corpus.path().join("001_f782a295b2e42d0e.txt");
    let mut text = fs::read_to_string(&first).unwrap();
    text.push_str("\nوفي 3 مارس 2021 عقد اجتماع في يريفان حول ممر لاتشين والقوات الروسية.\n");
    fs::write(&first, text).unwrap();
    fs::remove_file(corpus.path().join("003_fd91de2c53fe6a8c.txt")).unwrap();
    fs::write(
        corpus.path().join("new.txt"),
        "خبر\n\nفي 12 يناير 2022 انسحبت القوات الروسية من موقع قرب مدينة شوشا.\n",
    )
    .unwrap();
    let (updated, report) = open(corpus.path(), dir.path());
    assert_eq!((report.added, report.changed, report.removed), (1, 1, 1));
    let rebuilt_dir = tempfile::tempdir().unwrap();
    let (rebuilt, _) = open(corpus.path(), rebuilt_dir.path());
    let meta = Metadata::load(corpus.path()).unwrap();
    let counts = |index: &CorpusIndex| {
        let read = index.records(&meta, None).unwrap();
        read.records.counts().into_owned()
    };
    let kept = counts(&updated);
    assert!(kept.mentions() > 50, "{}", kept.mentions());
    assert_eq!(kept, counts(&rebuilt));
    let archive = Archive::load(corpus.path()).unwrap();
    let from_documents = sanad::timeline::RecordSet::from(sanad::timeline::records(
        &archive.corpus.documents,
        &meta,
    ));
    assert_eq!(kept, from_documents.counts().into_owned());
    assert_eq!(indexed_timeline(&updated, &meta), archive.timeline);
}

/// A timeline of what a query's sentences state reads only the files the
/// search index finds the query in and those dated like them, and is the
/// whole timeline narrowed to the query: for the words of the seeds' own
/// mentions (every one of their distinct words, some as phrases, prefixes
/// and with an exclusion), and in a range.
#[test]
fn a_timeline_for_a_query_is_the_whole_timeline_narrowed_to_it() {
    use sanad::index::Select;
    use sanad::query::Query;
    let dir = tempfile::tempdir().unwrap();
    let seeds = crate::common::seeds();
    let (index, _) = open(&seeds, dir.path());
    let meta = Metadata::load(&seeds).unwrap();
    let whole = indexed_timeline(&index, &meta);
    let all_files = index.records(&meta, None).unwrap().records.len();
    let mut raws: Vec<String> = Vec::new();
    for entry in &whole.entries {
        for m in &entry.mentions {
            let words: Vec<&str> = m
                .text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() > 2)
                .collect();
            for pair in words.windows(2) {
                raws.push(pair[0].to_string());
                raws.push(format!("\"{} {}\"", pair[0], pair[1]));
            }
            if let Some(w) = words.first() {
                let prefix: String = w.chars().take(3).collect();
                raws.push(format!("{prefix}*"));
                raws.push(format!("{w} -روسيا"));
            }
        }
    }
    raws.sort();
    raws.dedup();
    // Some 400 of them, spread over the list, and a few of other kinds.
    let step = raws.len() / 400 + 1;
    let mut raws: Vec<String> = raws.into_iter().step_by(step).collect();
    raws.extend(["RTJMC", "Stepanakert", "لاتشين ممر", "-قوات"].map(String::from));
    eprintln!("{} queries", raws.len());
    let (mut compared, mut narrowed) = (0, 0);
    for raw in &raws {
        let Ok(query) = Query::parse(raw) else {
            continue;
        };
        let says = |t: &Timeline| {
            let mut t = t.clone();
            t.retain_text(|text| query.matches(text));
            t
        };
        let read = index
            .records_of(&meta, Select::saying(query.clone(), None, None))
            .unwrap();
        assert_eq!(
            says(&Timeline::of_records(&read.records)),
            says(&whole),
            "{raw}"
        );
        compared += 1;
        narrowed += usize::from(read.records.len() < all_files);
    }
    eprintln!("{narrowed} of {compared} read fewer files than the whole timeline");
    assert!(compared > 300, "only {compared} queries");
    assert!(
        narrowed * 2 > compared,
        "{narrowed} of {compared} read fewer files"
    );
    // In a range.
    let march = When::parse("2021").unwrap();
    let query = Query::parse("قوات").unwrap();
    let read = index
        .records_of(
            &meta,
            Select::saying(query.clone(), Some(march), Some(march)),
        )
        .unwrap();
    let narrow = |t: &Timeline| {
        let mut t = t.clone();
        t.retain_range(Some(march), Some(march));
        t.retain_text(|text| query.matches(text));
        t
    };
    assert_eq!(narrow(&Timeline::of_records(&read.records)), narrow(&whole));
}
