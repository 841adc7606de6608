//! Running a parsed [`Query`] against the index: ranked passages with the byte
//! ranges of the words that matched.

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query as TantivyQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::Term;

use super::{index_error, CorpusIndex, Fields};
use crate::error::Result;
use crate::query::{proclitic_forms, Clause, Query, Word};

/// Exact written forms outrank stem matches; near spellings rank last (tantivy
/// scores fuzzy matches flat, so they get a small constant).
const EXACT_BOOST: f32 = 2.0;
const VARIANT_BOOST: f32 = 1.5;
const FUZZY_BOOST: f32 = 0.3;

/// One ranked passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Path relative to the corpus root.
    pub file: String,
    /// 1-based line number of the paragraph.
    pub paragraph: u64,
    /// Byte range of the passage in the decoded document.
    pub start: usize,
    pub end: usize,
    pub score: f32,
    pub text: String,
    /// Byte ranges of the matched words in the decoded document.
    pub highlights: Vec<[usize; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub query: String,
    pub total: usize,
    pub hits: Vec<Hit>,
}

impl CorpusIndex {
    /// The best `limit` passages for `query`, and how many passages match in all.
    pub fn search(&self, query: &Query, limit: usize) -> Result<SearchResults> {
        let tantivy_query = build_query(query, self.fields);
        let searcher = self.reader.searcher();
        let collector = (TopDocs::with_limit(limit.max(1)).order_by_score(), Count);
        let (top, total) = searcher
            .search(&tantivy_query, &collector)
            .map_err(|e| index_error(&self.dir, e))?;
        let mut hits = Vec::with_capacity(top.len().min(limit));
        for (score, address) in top.into_iter().take(limit) {
            let doc: TantivyDocument = searcher
                .doc(address)
                .map_err(|e| index_error(&self.dir, e))?;
            hits.push(hit_of(&doc, self.fields, score, query));
        }
        Ok(SearchResults {
            query: query.raw.clone(),
            total,
            hits,
        })
    }
}

fn hit_of(doc: &TantivyDocument, f: Fields, score: f32, query: &Query) -> Hit {
    let text = doc
        .get_first(f.text)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let start = doc.get_first(f.start).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
    let highlights = query
        .highlights(&text)
        .into_iter()
        .map(|r| [start + r.start, start + r.end])
        .collect();
    Hit {
        file: doc
            .get_first(f.file)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string(),
        paragraph: doc
            .get_first(f.paragraph)
            .and_then(|v| v.as_u64())
            .unwrap_or(0),
        start,
        end: doc.get_first(f.end).and_then(|v| v.as_u64()).unwrap_or(0) as usize,
        score,
        text,
        highlights,
    }
}

/// Every positive clause must match; excluded words must not.
fn build_query(query: &Query, f: Fields) -> BooleanQuery {
    let clauses = query
        .clauses
        .iter()
        .map(|clause| match clause {
            Clause::Word(w) => (Occur::Must, word_query(w, f)),
            Clause::Exclude(w) => (Occur::MustNot, exact_or_stem(w, f)),
            Clause::Phrase(norms) => (Occur::Must, phrase_query(norms, f)),
            Clause::Prefix(p) => (Occur::Must, prefix_query(p, f)),
        })
        .collect();
    BooleanQuery::new(clauses)
}

fn term(field: tantivy::schema::Field, text: &str) -> Term {
    Term::from_field_text(field, text)
}

fn term_query(field: tantivy::schema::Field, text: &str) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(
        term(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(q: Box<dyn TantivyQuery>, boost: f32) -> Box<dyn TantivyQuery> {
    Box::new(BoostQuery::new(q, boost))
}

fn word_query(w: &Word, f: Fields) -> Box<dyn TantivyQuery> {
    let mut should: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![
        (
            Occur::Should,
            boosted(term_query(f.exact, &w.norm), EXACT_BOOST),
        ),
        (Occur::Should, term_query(f.stem, &w.stem)),
    ];
    for (norm, stem) in &w.variants {
        should.push((
            Occur::Should,
            boosted(term_query(f.exact, norm), VARIANT_BOOST),
        ));
        should.push((Occur::Should, term_query(f.stem, stem)));
    }
    for form in proclitic_forms(&w.norm) {
        should.push((Occur::Should, term_query(f.exact, &form)));
    }
    for form in proclitic_forms(&w.stem) {
        should.push((Occur::Should, term_query(f.stem, &form)));
    }
    if w.fuzzy > 0 {
        let fuzzy = FuzzyTermQuery::new(term(f.exact, &w.norm), w.fuzzy, true);
        should.push((Occur::Should, boosted(Box::new(fuzzy), FUZZY_BOOST)));
        if w.stem.chars().count() >= crate::query::FUZZY_MIN_CHARS {
            let fuzzy = FuzzyTermQuery::new(term(f.stem, &w.stem), w.fuzzy, true);
            should.push((Occur::Should, boosted(Box::new(fuzzy), FUZZY_BOOST)));
        }
    }
    Box::new(BooleanQuery::new(should))
}

fn exact_or_stem(w: &Word, f: Fields) -> Box<dyn TantivyQuery> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, term_query(f.exact, &w.norm)),
        (Occur::Should, term_query(f.stem, &w.stem)),
    ]))
}

/// The phrase as written, or with a proclitic on its first word (لمجلس الأمن for
/// "مجلس الأمن"); later words must match exactly.
fn phrase_query(norms: &[String], f: Fields) -> Box<dyn TantivyQuery> {
    let Some((first, rest)) = norms.split_first() else {
        return Box::new(BooleanQuery::new(Vec::new()));
    };
    let firsts = std::iter::once(first.clone()).chain(proclitic_forms(first));
    let alternatives = firsts
        .map(|head| -> Box<dyn TantivyQuery> {
            if rest.is_empty() {
                return term_query(f.exact, &head);
            }
            let terms = std::iter::once(&head)
                .chain(rest)
                .map(|n| term(f.exact, n))
                .collect();
            Box::new(PhraseQuery::new(terms))
        })
        .map(|q| (Occur::Should, q))
        .collect();
    boosted(Box::new(BooleanQuery::new(alternatives)), EXACT_BOOST)
}

fn prefix_query(prefix: &str, f: Fields) -> Box<dyn TantivyQuery> {
    let pattern = format!("{}.*", escape_regex(prefix));
    match RegexQuery::from_pattern(&pattern, f.exact) {
        Ok(q) => Box::new(q),
        // A prefix that does not make a valid pattern matches only itself.
        Err(_) => term_query(f.exact, prefix),
    }
}

fn escape_regex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !c.is_alphanumeric() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
