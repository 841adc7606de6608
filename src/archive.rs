//! An archive as the explorer and `sanad timeline` read it: the corpus, its
//! metadata and the timeline built from both. One entry point, so that the
//! command line, the explorer's loading thread, the tests and the benchmarks
//! load an archive the same way.

use std::path::Path;

use crate::catalog::{self, Described};
use crate::corpus::Corpus;
use crate::error::Result;
use crate::metadata::Metadata;
use crate::timeline::Timeline;

/// A corpus, its metadata and its timeline.
#[derive(Debug, Clone)]
pub struct Archive {
    pub corpus: Corpus,
    /// `sources.toml` with what the texts show filled into the fields it
    /// leaves empty (inferred dates marked `date_inferred`).
    pub meta: Metadata,
    pub timeline: Timeline,
    /// Each document's title, outlet, date and kind with where each came from.
    pub described: Vec<Described>,
}

impl Archive {
    /// Reads every document under `root` and `root/sources.toml`, and builds
    /// the timeline. A malformed metadata file is an error: a silently ignored
    /// typo would change the dates.
    pub fn load(root: &Path) -> Result<Archive> {
        let corpus = Corpus::load(root)?;
        let given = Metadata::load(root)?;
        let records =
            crate::timeline::RecordSet::from(crate::timeline::records(&corpus.documents, &given));
        let timeline = Timeline::of_records(&records);
        let described: Vec<Described> = records.into_iter().map(|r| r.described).collect();
        Ok(Archive {
            meta: catalog::completed(&given, &described),
            corpus,
            timeline,
            described,
        })
    }

    /// One warning line naming the metadata entries for files not in the
    /// corpus, if any.
    pub fn unknown_files_warning(&self) -> Option<String> {
        self.meta
            .unknown_files_warning(|file| self.corpus.document(file).is_some())
    }
}
