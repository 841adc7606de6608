//! The index schema: one tantivy document per passage.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::IndexSettings;

use super::tokenizer::{EXACT_TOKENIZER, STEM_TOKENIZER};

/// Bumped whenever the fields or the manifest's records change; an index with
/// another version is rebuilt. 4: the manifest keeps why a file was skipped as
/// a [`super::manifest::Skipped`], no longer as its message. 5: the page or
/// chapter of the original a passage is on. 6: each file's timeline record
/// ([`super::events`]) and the `sources.toml` entry it was dated with. 7: the
/// archive's term counts after the manifest's files, which timelines merge by.
/// 8: timeline records packed in compressed blocks, a record's place with its
/// slot.
pub const SCHEMA_VERSION: u32 = 8;

/// The fields, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Path relative to the corpus root; also the key to delete a file's passages.
    pub file: Field,
    /// 1-based line number of the passage's paragraph.
    pub paragraph: Field,
    /// Byte range of the passage in the decoded document.
    pub start: Field,
    pub end: Field,
    /// The passage text, stored so a search never has to reread sources.
    pub text: Field,
    /// The PDF page (from 1) or EPUB chapter title the passage is on, for the
    /// formats that have them.
    pub page: Field,
    pub chapter: Field,
    /// Normalized words: exact forms and phrases.
    pub exact: Field,
    /// Stemmed words: inflected forms.
    pub stem: Field,
}

fn analyzed(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("file", STRING | STORED);
    b.add_u64_field("paragraph", STORED | INDEXED | FAST);
    b.add_u64_field("start", STORED);
    b.add_u64_field("end", STORED);
    b.add_text_field("text", STORED);
    b.add_u64_field("page", STORED);
    b.add_text_field("chapter", STORED);
    b.add_text_field(
        "exact",
        analyzed(EXACT_TOKENIZER, IndexRecordOption::WithFreqsAndPositions),
    );
    // Phrases run on exact forms only: the stem field needs no positions.
    b.add_text_field(
        "stem",
        analyzed(STEM_TOKENIZER, IndexRecordOption::WithFreqs),
    );
    b.build()
}

/// The stored passages are compressed with zstd: Arabic text takes about 40%
/// less room than with lz4, which brings the whole index under the size of the
/// text; a hit's 16 KiB block still decompresses in tens of microseconds.
/// Level 1, not zstd's default 3: the benchmark corpus's index grows 1.5%
/// (21.8 → 22.1 MB) and its build takes about 4% less time (medians of eight
/// alternated rebuilds, 2.16 against 2.25 s).
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        }),
        ..IndexSettings::default()
    }
}

impl Fields {
    /// Resolves the fields of `schema`, or says which one is missing.
    pub fn of(schema: &Schema) -> Result<Fields, String> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| format!("field {name} missing"))
        };
        Ok(Fields {
            file: get("file")?,
            paragraph: get("paragraph")?,
            start: get("start")?,
            end: get("end")?,
            text: get("text")?,
            page: get("page")?,
            chapter: get("chapter")?,
            exact: get("exact")?,
            stem: get("stem")?,
        })
    }
}
