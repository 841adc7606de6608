//! The `sanad` binary: parse the command line, run, print a one-line error.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;
mod config;
mod tui;

use cli::{Cli, Command};
use sanad::index::Effort;

fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(std::env::args_os().map(protect_hyphen_word)) {
        Ok(cli) => cli,
        Err(err) => return clap_exit(&err),
    };
    match run(cli) {
        Ok(code) => code,
        // Output piped into `head` that stopped reading: done, as ripgrep does.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Never `eprintln!`: it panics when stderr is a closed pipe.
            let _ = writeln!(io::stderr(), "sanad: error: {}", one_line_message(&err));
            ExitCode::from(exit_code_of(&err))
        }
    }
}

/// Prints clap's help or version, or its usage error as one line
/// (`sanad: error: …`, like every other error), and exits as clap would; every
/// control character of an argument it quotes is made visible, so a hostile
/// `--from` value never reaches the terminal raw.
fn clap_exit(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let text = err.render().to_string().replace(HYPHEN_STAND_IN, "-");
    let written = if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        io::stdout().write_all(text.as_bytes())
    } else {
        let line = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("For more information"))
            .collect::<Vec<_>>()
            .join(" ");
        let line = line.strip_prefix("error: ").unwrap_or(&line);
        writeln!(
            io::stderr(),
            "sanad: error: {}",
            sanad::bidi::visible_controls(line)
        )
    };
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        _ => ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2)),
    }
}

/// The error and its causes on one line, each cause said once (a typed error
/// often repeats its source's text), with every control character made visible.
fn one_line_message(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = sanad::error::plain_error_text(&cause.to_string());
        if !message.contains(&text) {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&text);
        }
    }
    sanad::bidi::visible_controls(&message).replace('\n', " ")
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// 2 for what the user can fix in the command or the input (usage, corpus,
/// query, index folder, metadata, configuration), 1 otherwise.
fn exit_code_of(err: &anyhow::Error) -> u8 {
    use sanad::error::Error;
    match err.downcast_ref::<Error>() {
        Some(
            Error::Corpus { .. }
            | Error::Query(_)
            | Error::NoSuchDocument(_)
            | Error::Config { .. }
            | Error::Metadata { .. }
            | Error::DateArgument(_)
            | Error::IndexDir { .. },
        ) => 2,
        _ => 1,
    }
}

/// Stands in for the `-` of a word such as `-تركيا` while clap parses, so
/// that it is read as a query word (an excluded word), not as the short
/// options `-ت -ر …`. Every option of sanad is ASCII, so a `-` followed by any
/// other character always begins a word. [`restore_hyphen`] puts it back.
const HYPHEN_STAND_IN: char = '\u{E000}';

fn protect_hyphen_word(arg: OsString) -> OsString {
    match arg.to_str().and_then(|a| a.strip_prefix('-')) {
        Some(rest) if rest.chars().next().is_some_and(|c| !c.is_ascii()) => {
            format!("{HYPHEN_STAND_IN}{rest}").into()
        }
        _ => arg,
    }
}

fn restore_hyphen(word: &str) -> String {
    match word.strip_prefix(HYPHEN_STAND_IN) {
        Some(rest) => format!("-{rest}"),
        None => word.to_string(),
    }
}

fn restore_hyphen_path(path: &mut Option<PathBuf>) {
    if let Some(p) = path.as_mut().and_then(|p| p.to_str().map(restore_hyphen)) {
        *path = Some(PathBuf::from(p));
    }
}

fn run(mut cli: Cli) -> anyhow::Result<ExitCode> {
    restore_hyphen_path(&mut cli.global.corpus);
    restore_hyphen_path(&mut cli.global.index_dir);
    let g = &config::Options::resolve(&cli.global);
    match cli.command {
        None => {
            if !std::io::stdout().is_terminal() {
                let _ = writeln!(io::stderr(), "sanad: stdout is not a terminal; use a subcommand (sanad search, sanad timeline, sanad show …), see sanad --help");
                return Ok(ExitCode::from(2));
            }
            commands::explore(g, &cli.explorer)?;
        }
        Some(Command::Search {
            query,
            limit,
            exact_total,
            cached,
            json,
            format,
        }) => {
            let effort = if exact_total {
                Effort::Exhaustive
            } else {
                Effort::Sampled
            };
            let options = commands::SearchOptions {
                limit,
                effort,
                cached,
                json,
                format,
            };
            let query: Vec<String> = query.iter().map(|w| restore_hyphen(w)).collect();
            commands::search(g, &query, options)?
        }
        Some(Command::Index { rebuild, json }) => commands::index(g, rebuild, json)?,
        Some(Command::Watch) => commands::watch(g)?,
        Some(Command::Completions { shell }) => commands::completions(shell)?,
        Some(Command::Man) => commands::man()?,
        Some(Command::Timeline {
            json,
            from,
            to,
            query,
            format,
        }) => commands::timeline(
            g,
            commands::TimelineArgs {
                json,
                from,
                to,
                query: query.as_deref().map(restore_hyphen).as_deref(),
                format,
            },
        )?,
        Some(Command::Sources { json, toml }) => commands::sources(g, json, toml)?,
        Some(Command::Show {
            target,
            width,
            shape,
        }) => commands::show(g, &restore_hyphen(&target), width, shape)?,
        Some(Command::Bidi {
            width,
            align,
            shape,
        }) => commands::bidi(g, width, align, shape)?,
    }
    Ok(ExitCode::SUCCESS)
}
