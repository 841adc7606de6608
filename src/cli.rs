//! The command line, as clap definitions. `--help`, completions and the man page
//! are all generated from these.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use sanad::bidi::ShapeMode;

const EXAMPLES: &str = "\
Examples:
  sanad                                   open the explorer on the bundled seeds
  sanad --corpus ~/archive                open the explorer on your own folder
  sanad search قوات حفظ السلام             ranked passages, matched words marked
  sanad search '\"وقف إطلاق النار\"' --json  an exact phrase, as JSON
  sanad search ستيبان* --limit 5           words starting with a prefix
  sanad timeline --from 2020-11 --to 2020-12 --format md
  sanad show 001_f782a295b2e42d0e.txt:3   one paragraph, laid out right to left
  echo 'نص عربي (RTJMC) [14]' | sanad bidi --width 40
  sanad index --rebuild                   rebuild the index from scratch";

/// The most passages `search --limit` prints: far past any reading, and a
/// bound on what one answer may allocate.
pub const MAX_LIMIT: usize = 1_000_000;
/// The widest line `show` and `bidi` lay out: a terminal is never wider, and
/// a line is at most this many cells of padding.
pub const MAX_WIDTH: usize = 10_000;

/// A whole number from `MIN` to `MAX`, or a message naming both.
fn in_range<const MIN: usize, const MAX: usize>(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (MIN..=MAX).contains(&n) => Ok(n),
        _ => Err(format!("expected a whole number from {MIN} to {MAX}")),
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "sanad",
    version,
    about = "Search, date and read Arabic source documents in the terminal",
    long_about = "sanad indexes a folder of Arabic documents (.txt, .md in UTF-8, UTF-16 or \
                  Windows-1256; .html, .docx, .odt, .epub, .pdf), searches it with an Arabic analyzer, extracts a timeline of \
                  dated events with their citations, and lays right-to-left text out correctly \
                  in any terminal. Without a subcommand it opens the explorer.",
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(flatten)]
    pub explorer: ExplorerArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options accepted before or after the subcommand.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Folder of documents to explore [default: the bundled seeds/]
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Where the index lives [default: a folder in the user's cache directory]
    #[arg(long, global = true, value_name = "DIR")]
    pub index_dir: Option<PathBuf>,
    /// When to use colour (NO_COLOR is honoured under auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Who reorders right-to-left text: sanad (app), the terminal, or nobody (off)
    #[arg(long, global = true, value_enum, default_value_t = BidiMode::App)]
    pub bidi: BidiMode,
}

/// Options of the explorer (no subcommand).
#[derive(Debug, Clone, Args)]
pub struct ExplorerArgs {
    /// Leave the mouse to the terminal (text selection) instead of scrolling and clicking
    #[arg(long)]
    pub no_mouse: bool,
    /// Pane order and labels: ltr, or rtl for an Arabic-first layout (panes mirrored)
    #[arg(long, value_enum, default_value_t = UiDirection::Ltr)]
    pub ui: UiDirection,
    /// Arabic shaping into presentation forms (auto, on, off), for terminals that draw
    /// isolated letters; auto shapes in xterm, Alacritty and Windows Terminal
    #[arg(long, default_value = "off", value_name = "auto|on|off")]
    pub shape: ShapeMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UiDirection {
    Ltr,
    Rtl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BidiMode {
    /// sanad lays out and reorders every line (most terminals: xterm, Alacritty,
    /// kitty, Windows Terminal, tmux; VTE and mintty after sanad switches them to
    /// explicit mode)
    App,
    /// Print logical order and let the terminal reorder (Konsole, mlterm, macOS
    /// Terminal, whose own bidi cannot be switched off)
    Terminal,
    /// No reordering at all (debugging)
    Off,
}

/// The text forms of `search` and `timeline` output (JSON has its own flag).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Csv,
    Md,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search the corpus: ranked passages with matched words marked
    #[command(
        after_help = "Query syntax: words (all must match), \"exact phrase\", prefix*, -exclude.\n\
                            Diacritics, alef forms, ة/ه, ى/ي and Arabic-Indic digits are normalized;\n\
                            inflected forms and spelling variants of names are found too."
    )]
    Search {
        /// Words, "phrases", prefix* or -excluded words
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        /// How many passages to print (at most 1000000)
        #[arg(long, default_value_t = 10, value_parser = in_range::<1, MAX_LIMIT>)]
        limit: usize,
        /// Score and count every match; by default a query matching more than
        /// 20,000 passages ranks a sample spread over the whole index and
        /// estimates the total (unless --limit is 1000 or more)
        #[arg(long)]
        exact_total: bool,
        /// Answer from the index as last built, without checking the corpus for
        /// changes: instant on a large archive whose index `sanad index` keeps
        /// up to date
        #[arg(long)]
        cached: bool,
        /// Print one JSON object instead of text
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Output format when not --json: text, or a Markdown or CSV export
        /// with each hit's source title and date
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Build or update the index and print what it holds
    Index {
        /// Rebuild from scratch instead of updating
        #[arg(long)]
        rebuild: bool,
        /// Print the counts as JSON
        #[arg(long)]
        json: bool,
    },
    /// Keep the index current from file-system events while it runs: then
    /// `sanad search` answers without checking the corpus, yet sees every
    /// change made before it started
    Watch,
    /// Print a document laid out for the terminal, with paragraph numbers
    Show {
        /// FILE or FILE:PARAGRAPH: FILE relative to the corpus root, or a path
        /// (relative to the current folder, or absolute) inside the corpus
        #[arg(value_name = "FILE[:PARAGRAPH]", value_hint = clap::ValueHint::FilePath)]
        target: String,
        /// Line width in cells, at most 10000 [default: the terminal's, else 80]
        #[arg(long, value_parser = in_range::<1, MAX_WIDTH>)]
        width: Option<usize>,
        /// Arabic shaping into presentation forms: auto, on or off
        #[arg(long, default_value = "off", value_name = "auto|on|off")]
        shape: ShapeMode,
    },
    /// Lay out text from stdin (one paragraph per line) in visual order
    Bidi {
        /// Wrap at this many cells, at most 10000 [default: no wrapping]
        #[arg(long, value_parser = in_range::<1, MAX_WIDTH>)]
        width: Option<usize>,
        /// Pad right-to-left lines on the left to the width
        #[arg(long)]
        align: bool,
        /// Arabic shaping into presentation forms: auto, on or off
        #[arg(long, default_value = "off", value_name = "auto|on|off")]
        shape: ShapeMode,
    },
    /// Print the timeline of dated events, merged across sources
    Timeline {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Only events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
        #[arg(long, value_name = "DATE", value_parser = sanad::timeline::parse_bound)]
        from: Option<sanad::timeline::When>,
        /// Only events on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)
        #[arg(long, value_name = "DATE", value_parser = sanad::timeline::parse_bound)]
        to: Option<sanad::timeline::When>,
        /// Only events with a mention matching this search query
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        /// Output format when not --json
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// List every document with its title, outlet, date and kind, and where
    /// each came from (sources.toml, or what sanad infers from the text)
    Sources {
        /// Print JSON instead of text
        #[arg(long, conflicts_with = "toml")]
        json: bool,
        /// Print a sources.toml to review and save (sanad never writes it)
        #[arg(long)]
        toml: bool,
    },
    /// Print a shell completion script
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}
