//! Running a parsed [`Query`] against the index: ranked passages with the byte
//! ranges of the words that matched.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query as TantivyQuery,
    TermQuery,
};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::Term;

use super::fuzzy::{near_terms, FuzzyPrefixQuery};
use super::latin::resolve;
use super::rank::{rank, DEFAULT_BUDGET};
use super::{CorpusIndex, Fields};
use crate::error::{Error, Result};
use crate::query::{plural_terms, proclitic_forms, Clause, Query, Word, WordMatch};

/// Exact written forms outrank stem matches, which outrank other spellings
/// and broken plurals (or singulars) of the word;
/// near spellings rank last (tantivy scores fuzzy matches flat, so they get a
/// small constant).
const EXACT_BOOST: f32 = 2.0;
const VARIANT_BOOST: f32 = 0.8;
const FUZZY_BOOST: f32 = 0.3;
/// Spellings in another script (a Latin name's Arabic spellings, found by rule
/// or in the gazetteer) rank below every native match: a guess, however good,
/// comes after what the reader typed.
const LATIN_BOOST: f32 = 0.01;

/// How a passage matched the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// Every word as typed (its forms, variants or near spellings).
    #[default]
    Native,
    /// Some word only through its spelling in another script.
    Latin,
}

/// One ranked passage.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Hit {
    /// Path relative to the corpus root.
    pub file: String,
    /// 1-based line number of the paragraph.
    pub paragraph: u64,
    /// The PDF page the passage is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    /// The EPUB chapter the passage is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chapter: Option<String>,
    /// Byte range of the passage in the decoded document.
    pub start: usize,
    pub end: usize,
    pub score: f32,
    pub text: String,
    /// Byte ranges of the matched words in the decoded document.
    pub highlights: Vec<[usize; 2]>,
    /// For each highlight, the rule that matched it (exact, stem, proclitic,
    /// plural, variant, latin, fuzzy): why the passage came back.
    pub highlight_matches: Vec<WordMatch>,
    /// How the passage matched (known once the words are marked).
    #[serde(rename = "match")]
    pub kind: MatchKind,
}

impl Hit {
    /// Where the passage is, as text output names it: `file:paragraph`, with
    /// the page or chapter between for the formats that have them
    /// (`report.pdf:3:41`).
    pub fn address(&self) -> String {
        crate::extract::address(
            &self.file,
            self.page,
            self.chapter.as_deref(),
            self.paragraph,
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Matching passages: exact when `total_exact`, else an estimate from the
    /// sample that was ranked (see [`super::rank`]).
    pub total: usize,
    pub total_exact: bool,
    pub hits: Vec<Hit>,
    /// Per query word as typed, the spellings in the other script it was
    /// matched to (Stepanakert → ستيباناكيرت), for the reader to judge.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub transliterations: BTreeMap<String, Vec<String>>,
    /// Per query word, spellings too unsure to be hits, offered instead: for
    /// a Latin word its unsure Arabic spellings, for an Arabic word that
    /// finds nothing the closest terms of the index.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub did_you_mean: BTreeMap<String, Vec<String>>,
    /// When the query finds nothing: every spelling of [`did_you_mean`], once,
    /// in order, for a client that offers "did you mean" as one list.
    ///
    /// [`did_you_mean`]: SearchResults::did_you_mean
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
    /// The query words (normalized) that were matched fuzzily: those that
    /// match nothing in the index otherwise. Marking follows the same choice.
    #[serde(skip)]
    pub fuzzy_words: Vec<String>,
    /// How the answer knows the corpus had not changed: set by the command
    /// that asked (`sanad search`), not by the index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freshness: Option<Freshness>,
}

/// How a search answer is known to be current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Freshness {
    /// The corpus was checked (every file's size and time) before answering.
    Checked,
    /// A `sanad watch` confirmed the index holds every change made before
    /// the search.
    Watched,
    /// `--cached`: the index as last built, unchecked.
    Cached,
}

/// A passage count for people: exact counts as they are, estimates rounded to
/// two significant digits and said to be estimates ("about 520000").
pub fn describe_total(total: usize, exact: bool) -> String {
    if exact {
        return total.to_string();
    }
    let digits = total.checked_ilog10().unwrap_or(0);
    let unit = 10usize.pow(digits.saturating_sub(1));
    let rounded = total.saturating_add(unit / 2) / unit * unit;
    format!("about {rounded}")
}

/// Asking for this many hits or more turns sampling off: whoever asks for a
/// thousand passages wants them all to be candidates.
pub const SAMPLED_BELOW_LIMIT: usize = DEFAULT_BUDGET / 20;

/// How much of the index a search may score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// Rank a sample of [`DEFAULT_BUDGET`] matches spread over the index and
    /// estimate the total when there are more (for fewer than
    /// [`SAMPLED_BELOW_LIMIT`] hits; more are ranked among every match).
    Sampled,
    /// Score and count every match.
    Exhaustive,
}

impl CorpusIndex {
    /// The best `limit` passages for `query` with their matched words marked, and
    /// how many passages match in all (estimated past [`DEFAULT_BUDGET`] matches).
    pub fn search(&self, query: &Query, limit: usize) -> Result<SearchResults> {
        self.search_with(query, limit, Effort::Sampled)
    }

    pub fn search_with(
        &self,
        query: &Query,
        limit: usize,
        effort: Effort,
    ) -> Result<SearchResults> {
        let mut results = self.rank_passages(query, limit, effort)?;
        results.mark(query);
        Ok(results)
    }

    /// [`CorpusIndex::search_with`] without marking the matched words: what a
    /// screen needs first. Marking re-analyzes every passage, which for 100 long
    /// passages costs as much as ranking them; the explorer marks after it has
    /// shown the hits.
    pub fn rank_passages(
        &self,
        query: &Query,
        limit: usize,
        effort: Effort,
    ) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let resolution =
            resolve(&searcher, self.fields, query).map_err(|e| Error::tantivy(&self.dir, e))?;
        let mut resolved = resolution.query;
        let fuzzy_words = keep_fuzzy_as_last_resort(&searcher, self.fields, &mut resolved)
            .map_err(|e| Error::tantivy(&self.dir, e))?;
        let tantivy_query = build_query(&resolved, self.fields);
        let budget = match effort {
            Effort::Sampled if limit < SAMPLED_BELOW_LIMIT => Some(DEFAULT_BUDGET),
            _ => None,
        };
        let ranked = rank(&searcher, &tantivy_query, limit, budget)
            .map_err(|e| Error::tantivy(&self.dir, e))?;
        let mut hits = Vec::with_capacity(ranked.top.len());
        for (score, address) in ranked.top {
            let doc: TantivyDocument = searcher
                .doc(address)
                .map_err(|e| Error::tantivy(&self.dir, e))?;
            hits.push(hit_of(&doc, self.fields, score));
        }
        // Equal scores in reading order: where passages land in the index
        // depends on which indexing thread took them, and a rebuilt index must
        // list the same hits the same way.
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.file.cmp(&b.file))
                .then(a.start.cmp(&b.start))
        });
        let mut did_you_mean = resolution.did_you_mean;
        let mut suggestions = Vec::new();
        if ranked.total == 0 {
            suggest_for_words_not_found(&searcher, self.fields, &resolved, &mut did_you_mean)
                .map_err(|e| Error::tantivy(&self.dir, e))?;
            for spelling in did_you_mean.values().flatten() {
                if !suggestions.contains(spelling) {
                    suggestions.push(spelling.clone());
                }
            }
        }
        Ok(SearchResults {
            query: query.raw.clone(),
            total: ranked.total,
            total_exact: ranked.exact,
            hits,
            transliterations: resolution.transliterations,
            did_you_mean,
            fuzzy_words,
            suggestions,
            freshness: None,
        })
    }
}

/// A query matching more passages than this reads the whole timeline: the
/// files of so many are most of a timeline's anyway, and each passage's
/// file is read from the store.
const NARROW_PASSAGES: usize = 5_000;

impl CorpusIndex {
    /// The files with a passage that `query`'s words, phrases and prefixes
    /// all match (its exclusions left out: a mention can lack a word its
    /// passage has): every file with a sentence the query matches is among
    /// them. `None` when the query has nothing positive or matches more
    /// than [`NARROW_PASSAGES`] passages.
    pub fn files_matching(
        &self,
        query: &Query,
    ) -> Result<Option<std::collections::BTreeSet<String>>> {
        let positive = Query {
            raw: query.raw.clone(),
            clauses: query
                .clauses
                .iter()
                .filter(|c| !matches!(c, Clause::Exclude(_)))
                .cloned()
                .collect(),
        };
        if positive.clauses.is_empty() {
            return Ok(None);
        }
        let searcher = self.reader.searcher();
        let tantivy_query = build_query(&positive, self.fields);
        let failed = |e| Error::tantivy(&self.dir, e);
        let count = searcher
            .search(&tantivy_query, &tantivy::collector::Count)
            .map_err(failed)?;
        if count > NARROW_PASSAGES {
            return Ok(None);
        }
        let addresses = searcher
            .search(&tantivy_query, &tantivy::collector::DocSetCollector)
            .map_err(failed)?;
        let mut files = std::collections::BTreeSet::new();
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address).map_err(failed)?;
            if let Some(file) = doc.get_first(self.fields.file).and_then(|v| v.as_str()) {
                files.insert(file.to_string());
            }
        }
        Ok(Some(files))
    }
}

impl SearchResults {
    /// `query` as this search answered it: the Arabic terms found for its
    /// Latin words added to their spellings, and fuzzy matching kept only for
    /// the words that were matched fuzzily. What the highlights of these
    /// results and of their documents follow.
    pub fn resolved(&self, query: &Query) -> Query {
        let mut query = query.with_transliterations(&self.transliterations);
        for clause in &mut query.clauses {
            if let Clause::Word(w) = clause {
                if !self.fuzzy_words.contains(&w.norm) {
                    w.fuzzy = 0;
                }
            }
        }
        query
    }

    /// Fills in each hit's highlights: the byte ranges of the words `query` hits.
    /// The spellings the index matched to Latin words count as the words'
    /// own, so they are marked too, and a hit found through them says so.
    pub fn mark(&mut self, query: &Query) {
        let query = self.resolved(query);
        for hit in &mut self.hits {
            let marks = query.marks(&hit.text);
            hit.highlights = marks
                .ranges
                .into_iter()
                .map(|r| [hit.start + r.start, hit.start + r.end])
                .collect();
            hit.highlight_matches = marks.kinds;
            hit.kind = if marks.latin {
                MatchKind::Latin
            } else {
                MatchKind::Native
            };
        }
    }
}

fn hit_of(doc: &TantivyDocument, f: Fields, score: f32) -> Hit {
    let text = doc
        .get_first(f.text)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let start = doc.get_first(f.start).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
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
        page: doc.get_first(f.page).and_then(|v| v.as_u64()),
        chapter: doc
            .get_first(f.chapter)
            .and_then(|v| v.as_str())
            .map(str::to_string),
        start,
        end: doc.get_first(f.end).and_then(|v| v.as_u64()).unwrap_or(0) as usize,
        score,
        text,
        highlights: Vec::new(),
        highlight_matches: Vec::new(),
        kind: MatchKind::Native,
    }
}

/// Turns fuzzy matching off for every query word the index holds in some
/// other way (its form, a stem, a variant, a proclitic form): a near spelling
/// is a last resort for a word that finds nothing, never a way for a
/// look-alike (الإنفاق) to stand in for a word the corpus has (الاتفاق).
/// Returns the words left fuzzy.
fn keep_fuzzy_as_last_resort(
    searcher: &tantivy::Searcher,
    f: Fields,
    query: &mut Query,
) -> tantivy::Result<Vec<String>> {
    let mut fuzzy = Vec::new();
    for clause in &mut query.clauses {
        let Clause::Word(w) = clause else { continue };
        if w.fuzzy == 0 {
            continue;
        }
        if held_otherwise(searcher, f, w)? {
            w.fuzzy = 0;
        } else {
            fuzzy.push(w.norm.clone());
        }
    }
    Ok(fuzzy)
}

fn held_otherwise(searcher: &tantivy::Searcher, f: Fields, w: &Word) -> tantivy::Result<bool> {
    let held = |field, text: &str| -> tantivy::Result<bool> {
        Ok(searcher.doc_freq(&term(field, text))? > 0)
    };
    if held(f.exact, &w.norm)? {
        return Ok(true);
    }
    for stem in &w.stems {
        if held(f.stem, stem)? {
            return Ok(true);
        }
    }
    for (norm, stem) in &w.variants {
        if held(f.exact, norm)? || held(f.stem, stem)? {
            return Ok(true);
        }
    }
    for (norm, stem) in &w.plurals {
        let (forms, stem) = plural_terms(norm, stem);
        for form in forms {
            if held(f.exact, &form)? {
                return Ok(true);
            }
        }
        if let Some(stem) = stem {
            if held(f.stem, &stem)? {
                return Ok(true);
            }
        }
    }
    for form in proclitic_forms(&w.norm) {
        if held(f.exact, &form)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Suggestions shown per word that finds nothing.
const MAX_SUGGESTIONS: usize = 3;
/// How far a suggestion may be from the word typed, in edits after the first
/// letter (after the article): far enough for a typo in a short word, which
/// fuzzy matching does not reach.
const SUGGESTION_EDITS: u8 = 2;

/// For each Arabic word of a query that found nothing and that the index
/// holds in no form, the closest terms of the index: within
/// [`SUGGESTION_EDITS`] of it, sharing its first letter, fewest edits then
/// most passages first. (Latin words get theirs from the transliteration.)
fn suggest_for_words_not_found(
    searcher: &tantivy::Searcher,
    f: Fields,
    query: &Query,
    did_you_mean: &mut BTreeMap<String, Vec<String>>,
) -> tantivy::Result<()> {
    for clause in &query.clauses {
        let Clause::Word(w) = clause else { continue };
        if did_you_mean.contains_key(&w.text)
            || crate::query::is_latin(&w.norm)
            || w.norm.chars().all(|c| c.is_ascii_digit())
            || held_otherwise(searcher, f, w)?
        {
            continue;
        }
        let mut near = near_terms(searcher, f.exact, &w.norm, SUGGESTION_EDITS)?;
        near.retain(|(term, _)| term != &w.norm);
        near.sort_by(|(a, da), (b, db)| {
            strsim::levenshtein(a, &w.norm)
                .cmp(&strsim::levenshtein(b, &w.norm))
                .then(db.cmp(da))
                .then_with(|| a.cmp(b))
        });
        let terms: Vec<String> = near
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|(t, _)| t)
            .collect();
        if !terms.is_empty() {
            did_you_mean.insert(w.text.clone(), terms);
        }
    }
    Ok(())
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
    let mut should: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![(
        Occur::Should,
        boosted(term_query(f.exact, &w.norm), EXACT_BOOST),
    )];
    for stem in &w.stems {
        should.push((Occur::Should, term_query(f.stem, stem)));
    }
    for (norm, stem) in &w.plurals {
        let (forms, stem) = plural_terms(norm, stem);
        for form in forms {
            should.push((
                Occur::Should,
                boosted(term_query(f.exact, &form), VARIANT_BOOST),
            ));
        }
        if let Some(stem) = stem {
            should.push((
                Occur::Should,
                boosted(term_query(f.stem, &stem), VARIANT_BOOST / 2.0),
            ));
        }
    }
    for (norm, stem) in &w.variants {
        should.push((
            Occur::Should,
            boosted(term_query(f.exact, norm), VARIANT_BOOST),
        ));
        should.push((
            Occur::Should,
            boosted(term_query(f.stem, stem), VARIANT_BOOST / 2.0),
        ));
    }
    for form in proclitic_forms(&w.norm) {
        should.push((Occur::Should, term_query(f.exact, &form)));
    }
    for form in proclitic_forms(&w.stem) {
        should.push((Occur::Should, term_query(f.stem, &form)));
    }
    for (norm, stem) in &w.transliterations {
        let mut forms = vec![term_query(f.exact, norm), term_query(f.stem, stem)];
        forms.extend(proclitic_forms(norm).iter().map(|p| term_query(f.exact, p)));
        should.extend(
            forms
                .into_iter()
                .map(|q| (Occur::Should, boosted(q, LATIN_BOOST))),
        );
    }
    if w.fuzzy > 0 {
        let fuzzy = FuzzyPrefixQuery::new(f.exact, &w.norm, w.fuzzy);
        should.push((Occur::Should, boosted(Box::new(fuzzy), FUZZY_BOOST)));
        if w.stem.chars().count() >= crate::query::FUZZY_MIN_CHARS {
            let fuzzy = FuzzyPrefixQuery::new(f.stem, &w.stem, w.fuzzy);
            should.push((Occur::Should, boosted(Box::new(fuzzy), FUZZY_BOOST)));
        }
    }
    Box::new(BooleanQuery::new(should))
}

fn exact_or_stem(w: &Word, f: Fields) -> Box<dyn TantivyQuery> {
    let mut should = vec![(Occur::Should, term_query(f.exact, &w.norm))];
    should.extend(
        w.stems
            .iter()
            .map(|s| (Occur::Should, term_query(f.stem, s))),
    );
    Box::new(BooleanQuery::new(should))
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

/// Terms one `prefix*` may expand to in each segment: the first ones in
/// dictionary order, the rest are not matched. Each term is a posting-list
/// walk, and a one- or two-letter prefix covers a large part of an archive's
/// vocabulary (in the seeds, ا* expands to 604 of 2,001 written forms, ال* to
/// 373): the bound keeps the worst prefix at the cost of ten thousand words,
/// far past any prefix a reader means to complete. tantivy stops at it as it
/// walks each segment's dictionary (a test below holds it to that).
const MAX_PREFIX_EXPANSIONS: u32 = 10_000;

/// Every passage with a word that starts with `prefix`, scored flat: a
/// one-term `PhrasePrefixQuery` is tantivy's range over the term dictionary,
/// from the prefix to the first term past it.
fn prefix_query(prefix: &str, f: Fields) -> Box<dyn TantivyQuery> {
    let mut query = PhrasePrefixQuery::new(vec![term(f.exact, prefix)]);
    query.set_max_expansions(MAX_PREFIX_EXPANSIONS);
    Box::new(query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::register_tokenizers;
    use crate::index::schema::build_schema;

    /// A passage for each of `n` different words, all starting with ب.
    fn index_of_b_words(n: usize) -> (tantivy::Index, Fields) {
        let index = tantivy::Index::create_in_ram(build_schema());
        register_tokenizers(&index);
        let f = Fields::of(&index.schema()).unwrap();
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 50_000_000).unwrap();
        let letters: Vec<char> = "ابتثجحخدرزسشصطعغفقكلمنهو".chars().collect();
        let k = letters.len();
        for i in 0..n {
            let word: String = [
                'ب',
                letters[i / (k * k) % k],
                letters[i / k % k],
                letters[i % k],
            ]
            .into_iter()
            .collect();
            writer.add_document(tantivy::doc!(f.exact => word)).unwrap();
        }
        writer.commit().unwrap();
        (index, f)
    }

    #[test]
    fn a_prefix_matches_every_word_it_starts_up_to_the_expansion_limit() {
        let limit = MAX_PREFIX_EXPANSIONS as usize;
        let (index, f) = index_of_b_words(limit + 100);
        let searcher = index.reader().unwrap().searcher();
        let count = |prefix: &str| {
            searcher
                .search(&prefix_query(prefix, f), &tantivy::collector::Count)
                .unwrap()
        };
        // Under the limit: every word the prefix starts, and only those.
        assert_eq!(count("بب"), 24 * 24);
        assert_eq!(count("ببب"), 24);
        assert_eq!(count("بااا"), 1);
        assert_eq!(count("ي"), 0);
        // Past it: the first words in dictionary order, no more.
        assert_eq!(count("ب"), limit);
    }

    #[test]
    fn estimates_are_rounded_and_marked() {
        assert_eq!(describe_total(518_980, true), "518980");
        assert_eq!(describe_total(518_980, false), "about 520000");
        assert_eq!(describe_total(7, false), "about 7");
        assert_eq!(describe_total(0, false), "about 0");
        assert_eq!(describe_total(1_449, false), "about 1400");
    }
}
