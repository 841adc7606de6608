//! Where things are (the corpus, the index, the user's configuration) and the
//! global options resolved once, as ripgrep's `HiArgs` are: every subcommand
//! reads [`Options`], never the raw command line.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::{BidiMode, ColorChoice, GlobalArgs};
use sanad::output::Marking;

/// The global options as the subcommands use them.
#[derive(Debug, Clone)]
pub struct Options {
    /// The corpus root: `--corpus`, else the bundled seeds.
    pub corpus: PathBuf,
    index_dir: Option<PathBuf>,
    /// Colour and ANSI marks on stdout.
    pub colour: bool,
    /// Who reorders right-to-left text.
    pub bidi: BidiMode,
}

impl Options {
    pub fn resolve(global: &GlobalArgs) -> Options {
        Options {
            corpus: global.corpus.clone().unwrap_or_else(bundled_seeds),
            index_dir: global.index_dir.clone(),
            colour: use_colour(global.color),
            bidi: global.bidi,
        }
    }

    /// The index folder: `--index-dir` (refused when it is `/`, the home
    /// folder, the corpus or inside it), else one in the cache directory
    /// keyed by the corpus path. Checked when a command needs the index, so
    /// that `sanad bidi` never looks at it.
    pub fn index_dir(&self) -> sanad::error::Result<PathBuf> {
        match &self.index_dir {
            Some(dir) => {
                sanad::index::check_chosen_dir(dir, &self.corpus)?;
                Ok(dir.clone())
            }
            None => Ok(sanad::index::default_index_dir(&self.corpus)),
        }
    }

    /// How matched words are marked on stdout.
    pub fn marking(&self) -> Marking {
        if self.colour {
            Marking::Ansi
        } else {
            Marking::Brackets
        }
    }

    /// True when sanad lays right-to-left lines out itself.
    pub fn reorders(&self) -> bool {
        self.bidi == BidiMode::App
    }
}

/// Whether to use colour: `--color`, else a terminal without NO_COLOR.
fn use_colour(color: ColorChoice) -> bool {
    match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The seeds shipped with sanad, where the crate was built.
pub fn bundled_seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The user's configuration folder (`$XDG_CONFIG_HOME/sanad`).
pub fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("sanad"))
}
