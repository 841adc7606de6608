//! An archive as the explorer and `sanad timeline` read it: the corpus, its
//! metadata and the timeline built from both. One entry point, so that the
//! command line, the explorer's loading thread, the tests and the benchmarks
//! load an archive the same way.

use std::path::Path;

use crate::corpus::Corpus;
use crate::error::Result;
use crate::metadata::Metadata;
use crate::timeline::Timeline;

/// A corpus, its metadata and its timeline.
#[derive(Debug, Clone)]
pub struct Archive {
    pub corpus: Corpus,
    pub meta: Metadata,
    pub timeline: Timeline,
}

impl Archive {
    /// Reads every document under `root` and `root/sources.toml`, and builds
    /// the timeline. A malformed metadata file is an error: a silently ignored
    /// typo would change the dates.
    pub fn load(root: &Path) -> Result<Archive> {
        let corpus = Corpus::load(root)?;
        let meta = Metadata::load(root)?;
        let timeline = crate::timeline::build(&corpus.documents, &meta);
        Ok(Archive {
            corpus,
            meta,
            timeline,
        })
    }

    /// One warning line naming the metadata entries for files not in the
    /// corpus, if any.
    pub fn unknown_files_warning(&self) -> Option<String> {
        self.meta.unknown_files_warning(&self.corpus)
    }
}
