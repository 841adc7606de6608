//! The subcommands: each turns parsed arguments into library calls and printed
//! output. Errors carry context for the one-line message `main` prints.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::cli::{ExplorerArgs, OutputFormat, ShapeMode, UiDirection};
use crate::config::{self, Options};
use sanad::index::{CorpusIndex, Effort, Freshness, Rebuild, Select, UpdateReport};
use sanad::output;
use sanad::query::Query;

/// The index of the chosen corpus as last built, without looking at the corpus
/// beyond checking that it is a folder; `None` when there is none yet.
fn open_committed(options: &Options) -> Result<Option<CorpusIndex>> {
    let corpus = &options.corpus;
    let dir = options.index_dir()?;
    if sanad::corpus::check_root(corpus).is_err() {
        return Ok(None);
    }
    Ok(CorpusIndex::open_committed(corpus, &dir))
}

/// Opens (building or updating as needed) the index of the chosen corpus,
/// reporting notices, warnings and slow progress on stderr.
pub fn open_index(options: &Options, rebuild: bool) -> Result<(CorpusIndex, UpdateReport)> {
    let corpus = &options.corpus;
    let dir = options.index_dir()?;
    let mut progress = StderrProgress::new();
    let (index, report) = CorpusIndex::open(corpus, &dir, rebuild, &mut |done, total| {
        progress.update(done, total)
    })?;
    progress.finish();
    report_on_stderr(&dir, &report);
    Ok((index, report))
}

fn report_on_stderr(dir: &Path, report: &UpdateReport) {
    let dir = dir.display().to_string();
    if let Some(Rebuild::Unusable(reason)) = &report.rebuilt {
        notice(&format!("index {dir} was unusable ({reason}); rebuilt it"));
    }
    if let Some(reason) = &report.not_updated {
        notice(&format!(
            "warning: index {dir} could not be updated: {reason}; answering from its last update"
        ));
    }
    for w in &report.warnings {
        notice(&w.to_string());
    }
}

/// One line on stderr, `sanad: ` first, with every control character of a
/// path, a file name or an error made visible. Never panics on a closed stderr.
pub fn notice(text: &str) {
    let line = sanad::bidi::visible_controls(text).replace('\n', " ");
    let _ = writeln!(io::stderr().lock(), "sanad: {line}");
}

/// Progress on stderr, shown only once an operation has run for a second.
struct StderrProgress {
    started: Instant,
    last: Option<Instant>,
    shown: bool,
}

impl StderrProgress {
    fn new() -> Self {
        StderrProgress {
            started: Instant::now(),
            last: None,
            shown: false,
        }
    }

    fn update(&mut self, done: usize, total: usize) {
        let now = Instant::now();
        if now - self.started < Duration::from_secs(1) {
            return;
        }
        // A terminal gets one line redrawn; a log file a line every few seconds.
        let tty = io::stderr().is_terminal();
        let every = if tty {
            Duration::from_millis(250)
        } else {
            Duration::from_secs(3)
        };
        if self.last.is_some_and(|l| now - l < every) && done < total {
            return;
        }
        self.last = Some(now);
        self.shown = true;
        let percent = (done * 100).checked_div(total).unwrap_or(100);
        let mut err = io::stderr().lock();
        if tty {
            let _ = write!(err, "\rsanad: indexing {done}/{total} files ({percent}%)");
        } else {
            let _ = writeln!(err, "sanad: indexing {done}/{total} files ({percent}%)");
        }
        let _ = err.flush();
    }

    fn finish(&self) {
        if self.shown && io::stderr().is_terminal() {
            let _ = writeln!(io::stderr());
        }
    }
}

/// How `sanad search` runs, from its options.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions {
    pub limit: usize,
    pub effort: Effort,
    /// Answer from the index as last built, without checking the corpus.
    pub cached: bool,
    pub json: bool,
    pub format: OutputFormat,
}

pub fn search(options: &Options, words: &[String], how: SearchOptions) -> Result<()> {
    let SearchOptions {
        limit,
        effort,
        cached,
        json,
        format,
    } = how;
    let query = Query::parse(&words.join(" "))?;
    let (index, freshness) = open_fresh(options, cached)?;
    let (index, mut results) = match index.search_with(&query, limit, effort) {
        Ok(results) => (index, results),
        Err(err) => {
            // A damaged file that opening did not catch: never trust the index
            // after that, rebuild it and ask again.
            notice(&format!(
                "index {} failed ({err}); rebuilding it",
                index.dir.display()
            ));
            drop(index);
            let (index, _) = open_index(options, true)?;
            let results = index.search_with(&query, limit, effort)?;
            (index, results)
        }
    };
    results.freshness = Some(freshness);
    let mut out = io::stdout().lock();
    if json {
        output::print_json(&mut out, &results)?;
    } else if format != OutputFormat::Text {
        // The exports name each hit's source: its title and date, given or
        // inferred, which the hits' files' records know.
        let meta = sanad::metadata::Metadata::load(&options.corpus)?;
        let files = results.hits.iter().map(|h| h.file.clone()).collect();
        let records = indexed_records(options, index, &meta, Select::Files(files))?;
        let described: Vec<_> = records.records.into_iter().map(|r| r.described).collect();
        let meta = sanad::catalog::completed(&meta, &described);
        let printed = match format {
            OutputFormat::Csv => output::search::csv(&results, &meta),
            _ => output::search::markdown(&results, &meta),
        };
        for line in printed.lines() {
            writeln!(out, "{line}")?;
        }
    } else {
        // Said on stderr, so that a pipe reads the passages alone.
        for note in output::transliteration_notes(&results) {
            notice(&note);
        }
        let width = visual_width(options);
        output::print_search_text(&mut out, &results, options.marking(), width)?;
    }
    Ok(())
}

pub fn index(options: &Options, rebuild: bool, json: bool) -> Result<()> {
    let (index, report) = open_index(options, rebuild)?;
    if report.not_updated.is_some() {
        // Said on stderr already; updating was the one thing asked for.
        anyhow::bail!("index {} is out of date", index.dir.display());
    }
    output::print_index_report(&mut io::stdout().lock(), &index.dir, &report, json)?;
    Ok(())
}

/// The timeline records `select` picks (or more), from the index, brought up
/// to date first. Where no index can be kept (a cache folder that cannot be
/// written), the documents are read and dated instead, as before the index
/// kept the timeline, and the command still answers.
fn archive_records(
    options: &Options,
    meta: &sanad::metadata::Metadata,
    select: Select,
) -> Result<sanad::index::Records> {
    match open_fresh(options, false) {
        Ok((index, _)) => indexed_records(options, index, meta, select),
        Err(err)
            if err
                .downcast_ref::<sanad::error::Error>()
                .is_some_and(is_index_error) =>
        {
            notice(&format!("{err}; reading and dating the documents instead"));
            let corpus = sanad::corpus::Corpus::load(&options.corpus)?;
            let present = |file: &str| corpus.document(file).is_some();
            Ok(sanad::index::Records {
                warning: meta.unknown_files_warning(present),
                records: sanad::timeline::records(&corpus.documents, meta).into(),
            })
        }
        Err(err) => Err(err),
    }
}

/// An error of the index itself, not of the corpus or the arguments.
fn is_index_error(err: &sanad::error::Error) -> bool {
    use sanad::error::Error;
    matches!(
        err,
        Error::Index { .. } | Error::IndexDir { .. } | Error::Tantivy { .. } | Error::Io { .. }
    )
}

/// The timeline records `select` picks from `index`, dated with `meta`. A
/// damaged record is never trusted: the index is rebuilt and read again.
fn indexed_records(
    options: &Options,
    index: CorpusIndex,
    meta: &sanad::metadata::Metadata,
    select: Select,
) -> Result<sanad::index::Records> {
    match index.records_of(meta, select.clone()) {
        Ok(records) => Ok(records),
        Err(err) => {
            notice(&format!(
                "index {} failed ({err}); rebuilding it",
                index.dir.display()
            ));
            drop(index);
            Ok(open_index(options, true)?.0.records_of(meta, select)?)
        }
    }
}

/// The index, known to hold every change made to the corpus before now: the
/// corpus is walked unless asked not to (`cached`), or a watcher vouches for
/// it.
fn open_fresh(options: &Options, cached: bool) -> Result<(CorpusIndex, Freshness)> {
    let unchecked = if cached {
        Some(Freshness::Cached)
    } else if synced_with_watcher(options)? {
        Some(Freshness::Watched)
    } else {
        None
    };
    let committed = match unchecked {
        Some(freshness) => open_committed(options)?.map(|index| (index, freshness)),
        None => None,
    };
    Ok(match committed {
        Some(opened) => opened,
        None => (open_index(options, false)?.0, Freshness::Checked),
    })
}

/// True when a `sanad watch` serves this corpus's index and has confirmed
/// that the index holds every change made before now: the corpus need not be
/// walked. Without a watcher, or without its answer, the corpus is checked.
fn synced_with_watcher(options: &Options) -> Result<bool> {
    let dir = options.index_dir()?;
    Ok(sanad::serve::is_served(&dir) && sanad::serve::sync(&dir, sanad::serve::SYNC_TIMEOUT))
}

/// `sanad watch`: serves the index until killed, one line per update.
pub fn watch(options: &Options) -> Result<()> {
    use sanad::serve::Served;
    let dir = options.index_dir()?;
    sanad::corpus::check_root(&options.corpus)?;
    let corpus = options.corpus.display().to_string();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let mut first = true;
    sanad::serve::run(&options.corpus, &dir, &stop, |served| {
        match served {
        Served::Updated(report) => {
            if first {
                first = false;
                notice(&format!(
                    "watching {corpus}: {} documents, {} passages; stop with Ctrl-C",
                    report.documents, report.passages
                ));
            } else if report.touched_anything() {
                notice(&format!(
                    "index updated: {} added, {} changed, {} removed in {} ms",
                    report.added,
                    report.changed,
                    report.removed,
                    report.elapsed.as_millis()
                ));
            }
            for w in &report.warnings {
                notice(&w.to_string());
            }
        }
        Served::Failed(reason) => notice(&format!(
            "warning: the index could not be updated: {reason}; commands check the corpus themselves until it can"
        )),
        Served::Synced(_) => {}
    }
    })?;
    Ok(())
}

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    // Into a buffer first: clap_complete panics on a write error, and a
    // closed pipe must end quietly.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "sanad", &mut script);
    io::stdout().write_all(&script)?;
    Ok(())
}

/// The man page: clap's sections for the options, then the subcommands, the
/// key bindings (from the key table, so they cannot drift), files,
/// environment and exit status. One page: it names no `sanad-search(1)` page
/// that does not exist.
pub fn man() -> Result<()> {
    let cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    let page = clap_mangen::Man::new(cmd.clone());
    let mut out: Vec<u8> = Vec::new();
    page.render_title(&mut out)?;
    page.render_name_section(&mut out)?;
    page.render_synopsis_section(&mut out)?;
    page.render_description_section(&mut out)?;
    page.render_options_section(&mut out)?;
    out.extend_from_slice(man_sections(&cmd).as_bytes());
    page.render_extra_section(&mut out)?;
    page.render_version_section(&mut out)?;
    io::stdout()
        .write_all(&out)
        .context("writing the man page")?;
    Ok(())
}

/// The sections clap does not write, in roff.
fn man_sections(cmd: &clap::Command) -> String {
    let mut out = String::from(".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.push_str(&format!(
            ".TP\n\\fBsanad {}\\fR\n{}\n",
            roff(sub.get_name()),
            roff(&about)
        ));
    }
    out.push_str(".SH KEY BINDINGS\nThe explorer's keys, from \\fIassets/keys.toml\\fR and the user's \\fIconfig.toml\\fR.\n");
    for (section, lines) in sanad::app::Keymap::defaults().help() {
        out.push_str(&format!(".SS {}\n", roff(section.title())));
        for (keys, description) in lines {
            out.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                roff(&keys),
                roff(description)
            ));
        }
    }
    let files: [(&str, &str); 5] = [
        ("$XDG_CONFIG_HOME/sanad/config.toml", "key bindings ([[bind]] blocks) and the editor command (editor = \"hx {file}:{line}\")"),
        ("$XDG_STATE_HOME/sanad/history", "the query history, one query per line"),
        ("$XDG_CACHE_HOME/sanad/", "the index of each corpus (or --index-dir)"),
        ("CORPUS/sources.toml", "optional metadata: title, outlet, date, kind and URL per file (sanad sources --toml prints one)"),
        ("$XDG_DATA_HOME/sanad/seeds-VERSION/", "the bundled seeds, for an installed binary"),
    ];
    out.push_str(".SH FILES\n");
    for (path, what) in files {
        out.push_str(&format!(".TP\n\\fI{}\\fR\n{}\n", roff(path), roff(what)));
    }
    let environment: [(&str, &str); 5] = [
        (
            "VISUAL, EDITOR",
            "the editor e runs when config.toml names none",
        ),
        ("NO_COLOR", "no colour under --color auto"),
        (
            "XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_STATE_HOME, XDG_DATA_HOME",
            "where the files above are",
        ),
        (
            "TERM_PROGRAM, VTE_VERSION, KONSOLE_VERSION, XTERM_VERSION",
            "which terminal it is, for --shape auto",
        ),
        ("TERM", "the terminal sanad draws for"),
    ];
    out.push_str(".SH ENVIRONMENT\n");
    for (name, what) in environment {
        out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(name), roff(what)));
    }
    out.push_str(&format!(
        ".SH EXIT STATUS\n.TP\n\\fB0\\fR\n{}\n.TP\n\\fB2\\fR\n{}\n.TP\n\\fB1\\fR\n{}\n",
        roff("success, with or without hits; also when the output is a pipe that closed early"),
        roff("bad usage, an unusable corpus, a malformed sources.toml or config.toml, a document show cannot find, a refused --index-dir"),
        roff("anything else: a write error, a full disk, an index that cannot be updated")
    ));
    out
}

/// Text for roff: backslashes and hyphens escaped, no line starting a request.
fn roff(s: &str) -> String {
    let escaped = sanad::bidi::visible_controls(s)
        .replace('\\', "\\e")
        .replace('-', "\\-")
        .replace('\n', " ");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// Splits `FILE[:PARAGRAPH]`; a trailing `:N` is a paragraph only if N is a number.
pub fn split_target(target: &str) -> (PathBuf, Option<usize>) {
    if let Some((file, n)) = target.rsplit_once(':') {
        if let Ok(n) = n.parse::<usize>() {
            return (PathBuf::from(file), Some(n));
        }
    }
    (PathBuf::from(target), None)
}

pub struct TimelineArgs<'a> {
    pub json: bool,
    pub from: Option<sanad::timeline::When>,
    pub to: Option<sanad::timeline::When>,
    pub query: Option<&'a str>,
    pub format: OutputFormat,
}

pub fn timeline(options: &Options, args: TimelineArgs) -> Result<()> {
    use sanad::output::timeline::Form;
    let query = args.query.map(Query::parse).transpose()?;
    // Read first: a malformed metadata file is an error, not other dates.
    let meta = sanad::metadata::Metadata::load(&options.corpus)?;
    let select = match &query {
        Some(q) => Select::saying(q.clone(), args.from, args.to),
        None => Select::between(args.from, args.to),
    };
    let records = archive_records(options, &meta, select)?;
    if let Some(warning) = &records.warning {
        notice(warning);
    }
    // Laid out on a terminal under --bidi app; logical into a pipe or file,
    // and always for CSV and JSON, which are for programs.
    let width = visual_width(options);
    let form = if args.json {
        Form::Json
    } else {
        match (args.format, width) {
            (OutputFormat::Text, None) => Form::Text,
            (OutputFormat::Text, Some(w)) => Form::TextLaidOut(w),
            (OutputFormat::Csv, _) => Form::Csv,
            (OutputFormat::Md, None) => Form::Markdown,
            (OutputFormat::Md, Some(w)) => Form::MarkdownLaidOut(w),
        }
    };
    let (from, to) = (args.from, args.to);
    let batches = sanad::timeline::entries_in_batches(&records.records).map(|mut batch| {
        batch.retain(|e| {
            e.overlaps(from, to)
                && query
                    .as_ref()
                    .is_none_or(|q| e.says(|text| q.matches(text)))
        });
        batch
    });
    // Every renderer makes its fields inert as it formats them, so a newline
    // in a file name is a picture, not a line.
    let mut out = io::BufWriter::new(io::stdout().lock());
    sanad::output::timeline::write(&mut out, batches, form)?;
    if form == Form::Json {
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}

/// `sanad sources`: what sanad knows of each document and where from.
pub fn sources(options: &Options, json: bool, toml: bool) -> Result<()> {
    let meta = sanad::metadata::Metadata::load(&options.corpus)?;
    let records = archive_records(options, &meta, Select::All)?;
    if let Some(warning) = &records.warning {
        notice(warning);
    }
    let described: Vec<_> = records.records.into_iter().map(|r| r.described).collect();
    let printed = if json {
        sanad::output::sources::json(&described)
    } else if toml {
        sanad::output::sources::toml(&described)
    } else {
        sanad::output::sources::text(&described)
    };
    let mut out = io::stdout().lock();
    for line in printed.lines() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Opens the explorer on the corpus. The index is brought up to date first
/// (with progress on stderr); the documents and the timeline load in the
/// background while the screen is already up.
pub fn explore(options: &Options, explorer: &ExplorerArgs) -> Result<()> {
    let corpus = options.corpus.clone();
    let dir = options.index_dir()?;
    sanad::corpus::check_root(&corpus)?;
    // An index already built answers at once; checking it against the corpus
    // (one stat per file) and updating it happen in the background. A first
    // build shows its progress before the screen opens.
    let (index, check) = match CorpusIndex::open_committed(&corpus, &dir) {
        Some(index) => (index, true),
        None => (open_index(options, false)?.0, false),
    };
    // The config file, read once: key bindings and the editor command.
    let config_file = config::config_dir().map(|d| d.join("config.toml"));
    let user_file = sanad::app::keymap::read_user_file(config_file.as_deref())?;
    let keymap = sanad::app::Keymap::from_user_file(user_file.as_ref())?;
    let settings = sanad::app::Settings {
        rtl_ui: explorer.ui == UiDirection::Rtl,
        mono: !options.colour,
        mouse: !explorer.no_mouse,
        reorder: options.reorders(),
        shape: shape_enabled(explorer.shape),
    };
    let root = options.corpus.clone();
    let mut app = sanad::app::App::loading(root.clone(), Some(index), keymap, settings);
    app.editor = config::editor_template(user_file.as_ref())?;
    let history_path = config::history_path();
    if let Some(path) = &history_path {
        app.history = load_history(path);
    }
    let terminal = crate::tui::TerminalOptions {
        mouse: settings.mouse,
        explicit_bidi: options.reorders(),
    };
    let (running_check, result) = crate::tui::run(&mut app, terminal, |app| {
        app.start_search_worker();
        let running = check
            .then(|| sanad::app::worker::check_index(corpus.clone(), dir.clone(), app.outbox()));
        app.start_loading();
        let watch = watch_corpus(&corpus, dir, app);
        Some((running, watch))
    });
    let (running_check, _watch) = running_check.unwrap_or((None, None));
    // Quitting while the background update commits must not cut the commit.
    if let Some(running) = running_check {
        running.finish();
    }
    for check in std::mem::take(&mut app.checks) {
        check.finish();
    }
    app.remember_query();
    if let Some(path) = &history_path {
        if let Err(e) = save_history(path, &app.history) {
            notice(&format!(
                "could not save the query history to {}: {e}",
                path.display()
            ));
        }
    }
    result
}

/// Watches the corpus while the explorer is open, so an edit made elsewhere,
/// a new file or a removed one is read and indexed as it happens. A folder
/// that cannot be watched (the system's watch limit) is said in the status
/// line; the explorer works on without it.
fn watch_corpus(
    corpus: &std::path::Path,
    index_dir: PathBuf,
    app: &mut sanad::app::App,
) -> Option<sanad::watch::CorpusWatcher> {
    let outbox = app.outbox();
    let watched = sanad::watch::CorpusWatcher::start(corpus, vec![index_dir], move |change| {
        let _ = outbox.send(sanad::app::Msg::CorpusChanged(change));
    });
    match watched {
        Ok(watcher) => Some(watcher),
        Err(e) => {
            app.message = Some(format!(
                "{e}; changes on disk are read after `e` or on the next start"
            ));
            None
        }
    }
}

/// The largest history file read: far more than `MAX_ENTRIES` queries.
const MAX_HISTORY_BYTES: u64 = 1024 * 1024;

/// The saved queries, one per line; none when the file is missing or
/// unreadable (a history is a convenience, never a reason not to start).
fn load_history(path: &Path) -> sanad::app::History {
    let text = sanad::file::read_text_bounded(path, MAX_HISTORY_BYTES).unwrap_or_default();
    sanad::app::History::new(text.lines().map(str::to_string))
}

/// Writes the history whole or not at all: a temporary file beside it,
/// renamed over it.
fn save_history(path: &Path, history: &sanad::app::History) -> io::Result<()> {
    let Some(dir) = path.parent() else {
        return Ok(());
    };
    std::fs::create_dir_all(dir)?;
    let mut text = history.entries().join("\n");
    text.push('\n');
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

fn shape_enabled(mode: ShapeMode) -> bool {
    mode.resolve(|name| std::env::var(name).ok())
}

/// `sanad bidi`: each stdin line is a paragraph; prints its visual lines.
/// `sanad bidi`: a filter, so it lays out into a pipe too (that is what it is
/// for), unless `--bidi terminal|off` says the reader's side does the bidi:
/// then lines are only wrapped, in logical order.
pub fn bidi(global: &Options, width: Option<usize>, align: bool, shape: ShapeMode) -> Result<()> {
    let options = sanad::bidi::LayoutOptions {
        width,
        shape: shape_enabled(shape),
        logical: !global.reorders(),
        ..Default::default()
    };
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut line = Vec::new();
    let mut reader = io::BufReader::new(stdin.lock());
    loop {
        line.clear();
        if io::BufRead::read_until(&mut reader, b'\n', &mut line).context("reading stdin")? == 0 {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        let paragraph = text.strip_suffix('\n').unwrap_or(&text);
        let paragraph = paragraph.strip_suffix('\r').unwrap_or(paragraph);
        for visual in sanad::bidi::layout_plain(paragraph, &options).lines {
            let pad = if align {
                visual.indent(width.unwrap_or(visual.width))
            } else {
                0
            };
            writeln!(out, "{}{}", " ".repeat(pad), visual.text)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Columns of `sanad show`'s paragraph-number gutter (`  12│`).
const SHOW_GUTTER: usize = 6;

/// `sanad show FILE[:PARAGRAPH]`: the document laid out for the terminal.
pub fn show(options: &Options, target: &str, width: Option<usize>, shape: ShapeMode) -> Result<()> {
    let (file, paragraph) = split_target(target);
    let root = options.corpus.clone();
    let doc = sanad::corpus::read_document(&root, &file)?;
    let visual = visual_width(options).is_some();
    let width = width
        .or_else(terminal_width)
        .unwrap_or(80)
        .max(SHOW_GUTTER + 1);
    let selected: Vec<&sanad::corpus::Paragraph> = match paragraph {
        Some(n) => vec![doc.paragraph(n).ok_or_else(|| {
            sanad::error::Error::NoSuchDocument(format!(
                "{target} (line {n} of {} is blank or past the end; it has {} lines)",
                doc.path,
                doc.text.lines().count()
            ))
        })?],
        None => doc.paragraphs.iter().collect(),
    };
    let options = sanad::bidi::LayoutOptions {
        width: Some(width - SHOW_GUTTER),
        shape: shape_enabled(shape),
        logical: !visual,
        ..Default::default()
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    for p in selected {
        let text = &doc.text[p.start..p.end];
        for (i, line) in sanad::bidi::layout_plain(text, &options)
            .lines
            .iter()
            .enumerate()
        {
            let number = if i == 0 {
                format!("{:>4}│ ", p.number)
            } else {
                "    │ ".to_string()
            };
            let pad = line.indent(width - SHOW_GUTTER);
            writeln!(out, "{number}{}{}", " ".repeat(pad), line.text)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The one rule of every subcommand's text output: visual order, wrapped to
/// the terminal's width, when stdout is a terminal and sanad does the bidi
/// (`--bidi app`); logical order otherwise (a pipe, a file, `--bidi
/// terminal|off`), which is what grep and scripts read.
fn visual_width(options: &Options) -> Option<usize> {
    options.reorders().then(terminal_width).flatten()
}

/// The width of the terminal on stdout (a reported 0 read as unknown, 80
/// columns), or `None` when stdout is not a terminal.
fn terminal_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    let (width, height) = crossterm::terminal::size().ok()?;
    Some(usize::from(crate::tui::known_size(width, height).0))
}
