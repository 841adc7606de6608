//! Where things are: the corpus, the index, the user's configuration.

use std::path::{Path, PathBuf};

use crate::cli::GlobalArgs;

/// The seeds shipped with sanad, where the crate was built.
pub fn bundled_seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The corpus to use: `--corpus`, else the bundled seeds.
pub fn corpus_dir(global: &GlobalArgs) -> PathBuf {
    global.corpus.clone().unwrap_or_else(bundled_seeds)
}

/// The index folder to use: `--index-dir` (refused when it is `/`, the home
/// folder, the corpus or inside it), else one in the cache directory keyed by
/// the corpus path.
pub fn index_dir(global: &GlobalArgs, corpus: &Path) -> crate::error::Result<PathBuf> {
    match &global.index_dir {
        Some(dir) => {
            crate::index::check_chosen_dir(dir, corpus)?;
            Ok(dir.clone())
        }
        None => Ok(crate::index::default_index_dir(corpus)),
    }
}

/// The user's configuration folder (`$XDG_CONFIG_HOME/sanad`).
pub fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("sanad"))
}
