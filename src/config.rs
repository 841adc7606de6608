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

/// The bundled seeds, built into the binary: an installed `sanad` opens them
/// wherever it was built, and a build folder that has gone away changes
/// nothing. (name, bytes), in name order.
const SEEDS: [(&str, &[u8]); 6] = [
    (
        "000_271304c8eddbc6f6.txt",
        include_bytes!("../seeds/000_271304c8eddbc6f6.txt"),
    ),
    (
        "001_f782a295b2e42d0e.txt",
        include_bytes!("../seeds/001_f782a295b2e42d0e.txt"),
    ),
    (
        "002_af4f6c64b51bd7fa.txt",
        include_bytes!("../seeds/002_af4f6c64b51bd7fa.txt"),
    ),
    (
        "003_fd91de2c53fe6a8c.txt",
        include_bytes!("../seeds/003_fd91de2c53fe6a8c.txt"),
    ),
    (
        "004_24d2e195e726acda.txt",
        include_bytes!("../seeds/004_24d2e195e726acda.txt"),
    ),
    ("sources.toml", include_bytes!("../seeds/sources.toml")),
];

/// The seeds shipped with sanad: the checkout's `seeds/` when sanad runs from
/// it (`cargo run`), else the copy an installed binary unpacks once into the
/// user's data folder (`~/.local/share/sanad/seeds-VERSION/`).
pub fn bundled_seeds() -> PathBuf {
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    if SEEDS.iter().all(|(name, _)| checkout.join(name).is_file()) {
        return checkout;
    }
    unpack_seeds().unwrap_or(checkout)
}

/// Writes the built-in seeds into the data folder unless they are there
/// already; `None` when there is no data folder or it cannot be written
/// (then the missing corpus is reported as usual).
fn unpack_seeds() -> Option<PathBuf> {
    let dir = dirs::data_dir()?
        .join("sanad")
        .join(format!("seeds-{}", env!("CARGO_PKG_VERSION")));
    write_seeds(&dir)?;
    Some(dir)
}

/// Puts the built-in seeds in `dir`, rewriting any that differ.
fn write_seeds(dir: &Path) -> Option<()> {
    std::fs::create_dir_all(dir).ok()?;
    for (name, bytes) in SEEDS {
        let path = dir.join(name);
        if std::fs::read(&path).ok().as_deref() != Some(bytes) {
            std::fs::write(&path, bytes).ok()?;
        }
    }
    Some(())
}

/// The query history's file (`$XDG_STATE_HOME/sanad/history`, or the local
/// data folder where there is no state folder, as on macOS).
pub fn history_path() -> Option<PathBuf> {
    let base = dirs::state_dir().or_else(dirs::data_local_dir)?;
    Some(base.join("sanad").join("history"))
}

/// The `editor` command template of the config file (`editor = "hx
/// {file}:{line}"`), if it sets one; `user_file` is the file and its text
/// ([`sanad::app::keymap::read_user_file`]), whose `[[bind]]` blocks are the
/// keymap's.
pub fn editor_template(
    user_file: Option<&(PathBuf, String)>,
) -> sanad::error::Result<Option<String>> {
    #[derive(serde::Deserialize)]
    struct EditorKey {
        editor: Option<String>,
    }
    let Some((path, text)) = user_file else {
        return Ok(None);
    };
    let parsed: EditorKey = toml::from_str(text).map_err(|e| sanad::error::Error::Config {
        path: path.clone(),
        reason: sanad::app::keymap::toml_error(text, &e),
    })?;
    Ok(parsed.editor.filter(|e| !e.trim().is_empty()))
}

/// The user's configuration folder (`$XDG_CONFIG_HOME/sanad`).
pub fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("sanad"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of `seeds/` is built in, so an installed binary opens the
    /// same corpus as the checkout.
    #[test]
    fn the_built_in_seeds_are_the_checkouts() {
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut names: Vec<String> = std::fs::read_dir(&checkout)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let built: Vec<&str> = SEEDS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, built);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SEEDS[0].0), "changed").unwrap();
        write_seeds(dir.path()).unwrap();
        for (name, bytes) in SEEDS {
            assert_eq!(
                std::fs::read(dir.path().join(name)).unwrap(),
                bytes,
                "{name}"
            );
            assert_eq!(std::fs::read(checkout.join(name)).unwrap(), bytes, "{name}");
        }
    }
}
