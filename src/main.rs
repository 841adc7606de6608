//! The `sanad` binary: parse the command line, run, print a one-line error.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use sanad::cli::{Cli, Command};
use sanad::commands;
use sanad::index::Effort;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            let message = sanad::bidi::visible_controls(&format!("{err:#}")).replace('\n', " ");
            eprintln!("sanad: error: {message}");
            ExitCode::from(exit_code_of(&err))
        }
    }
}

/// 2 for what the user can fix in the command (usage, corpus, query), 1 otherwise.
fn exit_code_of(err: &anyhow::Error) -> u8 {
    match err.downcast_ref::<sanad::error::Error>() {
        Some(
            sanad::error::Error::Corpus { .. }
            | sanad::error::Error::Query(_)
            | sanad::error::Error::NoSuchDocument(_)
            | sanad::error::Error::Config { .. },
        ) => 2,
        _ => 1,
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let g = &cli.global;
    match cli.command {
        None => {
            if !std::io::stdout().is_terminal() {
                eprintln!("sanad: stdout is not a terminal; use a subcommand (sanad search, sanad timeline, sanad show …), see sanad --help");
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
            };
            commands::search(g, &query, options)?
        }
        Some(Command::Index { rebuild, json }) => commands::index(g, rebuild, json)?,
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
                from: from.as_deref(),
                to: to.as_deref(),
                query: query.as_deref(),
                format,
            },
        )?,
        Some(Command::Show {
            target,
            width,
            shape,
        }) => commands::show(g, &target, width, shape)?,
        Some(Command::Bidi {
            width,
            align,
            shape,
        }) => commands::bidi(width, align, shape)?,
    }
    Ok(ExitCode::SUCCESS)
}
