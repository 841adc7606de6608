//! The subcommands: each turns parsed arguments into library calls and printed
//! output. Errors carry context for the one-line message `main` prints.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::cli::{ColorChoice, GlobalArgs};
use crate::config;
use crate::index::{CorpusIndex, Rebuild, UpdateReport};
use crate::output::{self, Marking};
use crate::query::Query;

/// Opens (building or updating as needed) the index of the chosen corpus,
/// reporting notices, warnings and slow progress on stderr.
pub fn open_index(global: &GlobalArgs, rebuild: bool) -> Result<(CorpusIndex, UpdateReport)> {
    let corpus = config::corpus_dir(global);
    let dir = config::index_dir(global, &corpus);
    let mut progress = StderrProgress::new();
    let (index, report) = CorpusIndex::open(&corpus, &dir, rebuild, &mut |done, total| {
        progress.update(done, total)
    })?;
    progress.finish();
    report_on_stderr(&dir, &report);
    Ok((index, report))
}

fn report_on_stderr(dir: &Path, report: &UpdateReport) {
    let mut err = io::stderr().lock();
    if let Some(Rebuild::Unusable(reason)) = &report.rebuilt {
        let _ = writeln!(
            err,
            "sanad: index {} was unusable ({reason}); rebuilt it",
            dir.display()
        );
    }
    for w in &report.warnings {
        let _ = writeln!(
            err,
            "sanad: {}",
            crate::sanitize::visible_controls(&w.to_string())
        );
    }
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
        if self
            .last
            .is_some_and(|l| now - l < Duration::from_millis(250))
            && done < total
        {
            return;
        }
        self.last = Some(now);
        self.shown = true;
        let percent = (done * 100).checked_div(total).unwrap_or(100);
        let mut err = io::stderr().lock();
        let _ = write!(err, "\rsanad: indexing {done}/{total} files ({percent}%)");
        let _ = err.flush();
    }

    fn finish(&self) {
        if self.shown {
            eprintln!();
        }
    }
}

pub fn marking_for(color: ColorChoice) -> Marking {
    let colour = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    if colour {
        Marking::Ansi
    } else {
        Marking::Brackets
    }
}

pub fn search(global: &GlobalArgs, words: &[String], limit: usize, json: bool) -> Result<()> {
    let query = Query::parse(&words.join(" "))?;
    let (index, _) = open_index(global, false)?;
    let results = index.search(&query, limit)?;
    let mut out = io::stdout().lock();
    if json {
        output::print_json(&mut out, &results)?;
    } else {
        output::print_search_text(&mut out, &results, marking_for(global.color))?;
    }
    Ok(())
}

pub fn index(global: &GlobalArgs, rebuild: bool, json: bool) -> Result<()> {
    let (index, report) = open_index(global, rebuild)?;
    output::print_index_report(&mut io::stdout().lock(), &index.dir, &report, json)?;
    Ok(())
}

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut cmd, "sanad", &mut io::stdout());
    Ok(())
}

pub fn man() -> Result<()> {
    let cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    clap_mangen::Man::new(cmd)
        .render(&mut io::stdout())
        .context("writing the man page")?;
    Ok(())
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
