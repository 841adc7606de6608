//! The search query language, parsed into analyzed clauses, and the matcher that
//! decides which words of a passage a query hits (for highlights and filters).
//!
//! Syntax: words (all must match), `"exact phrases"`, `prefix*`, `-excluded`.
//! Anything else is read as best it can be: an unbalanced quote runs to the end,
//! lone operators and control characters are ignored.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::arabic::{
    analyze, is_radical_initial, normalize_word, stem, stems, Token, WordRef, Words,
};
use crate::error::{Error, Result};

/// Queries with more distinct clauses than this are refused with an error that
/// names the limit, never cut: a dropped word would change the answer. A pasted
/// paragraph-long quotation is far below it; each clause costs a posting-list
/// walk.
pub const MAX_CLAUSES: usize = 1024;
/// Fuzzy matching only starts at this many letters, not counting the article:
/// short Arabic words are one edit away from too many others (الاتفاق and
/// الإنفاق, الكتاب and الكاتب).
pub const FUZZY_MIN_CHARS: usize = 6;
/// From this length, two edits are allowed.
pub const FUZZY_TWO_EDITS_CHARS: usize = 10;

/// Single-letter proclitics (and their pairs) that Light10 leaves on a word
/// because stripping them from every word mangles names (بوتين, باكو). They are
/// tried the other way round: a query word also matches itself with one of
/// these in front (وقف finds لوقف, مجلس finds لمجلس).
pub const PROCLITICS: [&str; 11] = ["ب", "ل", "ف", "ك", "و", "وب", "ول", "وك", "فب", "فل", "فك"];
/// Only words at least this long get proclitic forms: ل + a two-letter word is
/// too often another word.
pub const PROCLITIC_MIN_CHARS: usize = 3;
/// Below this many letters a query word takes no ك in front: ك + three
/// letters is far more often a word of its own (كتاب, كبير, كمال) than "like"
/// + the word.
const KAF_MIN_CHARS: usize = 4;

/// One query word with every form it may match.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The word as typed (after splitting).
    pub text: String,
    pub norm: String,
    pub stem: String,
    /// Every reading of the stem ([`crate::arabic::stems`]), `stem` first.
    pub stems: Vec<String>,
    /// Other spellings of the same name, as (norm, stem) pairs.
    pub variants: Vec<(String, String)>,
    /// The word's broken plurals, or its singulars (`assets/plurals.toml`),
    /// as (norm, stem) pairs.
    pub plurals: Vec<(String, String)>,
    /// Edit distance allowed for fuzzy matching (0 = none).
    pub fuzzy: u8,
    /// Spellings of the word in the other script, as (norm, stem) pairs: the
    /// gazetteer's, and for a Latin word the Arabic terms the index matched to
    /// it ([`Query::with_transliterations`]). They rank below every native
    /// match.
    pub transliterations: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// Must match: exact form, stem, variant spelling or, for long words, a near
    /// spelling.
    Word(Word),
    /// Must match these normalized words in a row.
    Phrase(Vec<String>),
    /// Must match a word whose normalized form starts with this.
    Prefix(String),
    /// Must not match this word (exact form or stem).
    Exclude(Word),
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub raw: String,
    pub clauses: Vec<Clause>,
}

impl Query {
    /// Parses `raw`. Fails only when nothing searchable is left.
    pub fn parse(raw: &str) -> Result<Query> {
        let cleaned: String = raw
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let mut clauses: Vec<Clause> = Vec::new();
        for piece in split_pieces(&cleaned) {
            for clause in clauses_of(piece) {
                // A repeated word asks nothing more.
                if !clauses.contains(&clause) {
                    clauses.push(clause);
                }
            }
            if clauses.len() > MAX_CLAUSES {
                return Err(Error::Query(format!(
                    "more than {MAX_CLAUSES} different words, phrases and exclusions; \
                     sanad evaluates at most {MAX_CLAUSES}: shorten the query"
                )));
            }
        }
        if !clauses.iter().any(|c| !matches!(c, Clause::Exclude(_))) {
            return Err(Error::Query(format!(
                "nothing to search for in {:?}: type a word, a \"phrase\" or a prefix*",
                truncate_for_message(raw)
            )));
        }
        Ok(Query {
            raw: raw.to_string(),
            clauses,
        })
    }

    /// Byte ranges in `text` of the words this query hits, sorted and merged.
    pub fn highlights(&self, text: &str) -> Vec<Range<usize>> {
        self.marks(text).ranges
    }

    /// The words of `text` this query hits, and whether some word of the
    /// query is found there only through another script.
    pub fn marks(&self, text: &str) -> Marks {
        let words = Words::of(text);
        let tokens: Vec<WordRef> = words.iter().collect();
        let mut marked = vec![None; tokens.len()];
        let mut latin = false;
        for clause in &self.clauses {
            mark_clause(clause, &tokens, &mut marked);
            if let Clause::Word(w) = clause {
                latin |= !w.transliterations.is_empty()
                    && !tokens.iter().any(|t| word_hits_natively(w, t, true))
                    && tokens.iter().any(|t| word_hits_transliterated(w, t));
            }
        }
        let (ranges, kinds) = merge_ranges(
            tokens
                .iter()
                .zip(marked)
                .filter_map(|(t, m)| m.map(|kind| (t.start..t.end, kind))),
        );
        Marks {
            ranges,
            kinds,
            latin,
        }
    }

    /// This query with the Arabic terms the index matched to its Latin words
    /// (keyed by the word as typed, as [`crate::index::SearchResults`] lists
    /// them) added to those words' spellings, so that highlights mark them.
    pub fn with_transliterations(&self, found: &BTreeMap<String, Vec<String>>) -> Query {
        let mut query = self.clone();
        for clause in &mut query.clauses {
            let Clause::Word(w) = clause else { continue };
            for (typed, terms) in found {
                if normalize_word(typed) != w.norm {
                    continue;
                }
                for term in terms {
                    let form = (normalize_word(term), stem(&normalize_word(term)));
                    if !w.transliterations.contains(&form) {
                        w.transliterations.push(form);
                    }
                }
            }
        }
        query
    }

    /// True when `text` satisfies every clause (same rules as the index).
    pub fn matches(&self, text: &str) -> bool {
        let words = Words::of(text);
        let tokens: Vec<WordRef> = words.iter().collect();
        self.clauses.iter().all(|clause| {
            let mut marked = vec![None; tokens.len()];
            mark_clause(clause, &tokens, &mut marked);
            let hit = marked.iter().any(Option::is_some);
            match clause {
                Clause::Exclude(_) => !hit,
                _ => hit,
            }
        })
    }
}

/// What a query hits in one text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marks {
    /// Byte ranges of the words hit, sorted and merged.
    pub ranges: Vec<Range<usize>>,
    /// For each range, the best rule that matched a word in it.
    pub kinds: Vec<WordMatch>,
    /// Some query word is found only through a spelling in another script.
    pub latin: bool,
}

fn truncate_for_message(raw: &str) -> String {
    let mut s: String = raw.chars().filter(|c| !c.is_control()).take(40).collect();
    if raw.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// A piece of the query before analysis.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Words(&'a str),
    Phrase(&'a str),
    Prefix(&'a str),
    Exclude(&'a str),
}

fn split_pieces(q: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = q;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            pieces.push(Piece::Phrase(&after[..end]));
            rest = after.get(end + 1..).unwrap_or("");
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        if let Some(excluded) = word.strip_prefix('-') {
            pieces.push(Piece::Exclude(excluded));
        } else if let Some(prefix) = word.strip_suffix('*') {
            pieces.push(Piece::Prefix(prefix));
        } else {
            pieces.push(Piece::Words(word));
        }
    }
    pieces
}

fn clauses_of(piece: Piece<'_>) -> Vec<Clause> {
    match piece {
        Piece::Words(text) => analyze(text)
            .into_iter()
            .map(|t| Clause::Word(word_of(text, &t)))
            .collect(),
        Piece::Exclude(text) => analyze(text)
            .into_iter()
            .map(|t| Clause::Exclude(word_of(text, &t)))
            .collect(),
        Piece::Phrase(text) => {
            let norms: Vec<String> = analyze(text).into_iter().map(|t| t.norm).collect();
            if norms.is_empty() {
                Vec::new()
            } else {
                vec![Clause::Phrase(norms)]
            }
        }
        Piece::Prefix(text) => {
            let mut tokens = analyze(text);
            let last = tokens.pop();
            let mut clauses: Vec<Clause> = tokens
                .iter()
                .map(|t| Clause::Word(word_of(text, t)))
                .collect();
            clauses.extend(last.map(|t| Clause::Prefix(t.norm)));
            clauses
        }
    }
}

/// Letters of a normalized word, not counting its article: what the fuzzy
/// length gate measures.
fn letters_after_article(norm: &str) -> usize {
    let chars = norm.chars().count();
    if norm.starts_with("ال") && chars > 3 {
        chars - 2
    } else {
        chars
    }
}

fn word_of(text: &str, token: &Token) -> Word {
    let chars = letters_after_article(&token.norm);
    let numeric = token.norm.chars().all(|c| c.is_ascii_digit());
    let fuzzy = match chars {
        _ if numeric => 0,
        n if n >= FUZZY_TWO_EDITS_CHARS => 2,
        n if n >= FUZZY_MIN_CHARS => 1,
        _ => 0,
    };
    Word {
        text: text[token.start..token.end].to_string(),
        norm: token.norm.clone(),
        stem: token.stem.clone(),
        stems: stems(&token.norm),
        variants: variants_of(&token.norm, &token.stem),
        plurals: plurals_of(&token.norm, &token.stem),
        fuzzy,
        transliterations: names_of(&token.norm, &token.stem),
    }
}

/// The gazetteer's spellings of a word in the other script.
fn names_of(norm: &str, stem: &str) -> Vec<(String, String)> {
    let table = crate::names::gazetteer();
    let forms = if is_latin(norm) {
        table.arabic_for(norm)
    } else {
        table.latin_for(norm, stem)
    };
    forms.to_vec()
}

/// A word in Latin letters (accents allowed), which the index may match to
/// its Arabic spellings.
pub fn is_latin(norm: &str) -> bool {
    crate::arabic::translit::fold_latin(norm).is_some()
}

/// Which rule made a word of the text match a query word, best first: the
/// order the index ranks them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WordMatch {
    /// The same normalized form (or a phrase, or a prefix, as typed).
    Exact,
    /// A shared stem.
    Stem,
    /// The query word with a proclitic in front (لوقف for وقف).
    Proclitic,
    /// A broken plural or singular of the word (`assets/plurals.toml`).
    Plural,
    /// Another spelling of the name (`assets/variants.toml`).
    Variant,
    /// The word's spelling in the other script.
    Latin,
    /// A near spelling, for a word the index holds in no other way.
    Fuzzy,
}

impl Clause {
    /// Does one word, with these normalized and stemmed forms, hit this clause?
    /// `None` for a phrase, which depends on the words around it. (The same
    /// test [`Query::matches`] and the highlights make word by word, so a
    /// caller can make it once per distinct word of a large text collection.)
    pub fn hit_by(&self, norm: &str, stem: &str) -> Option<bool> {
        if matches!(self, Clause::Phrase(_)) {
            return None;
        }
        // The other readings of the word's stem, as the index holds them.
        let others = stems(norm)
            .into_iter()
            .filter(|s| s != stem)
            .collect::<Vec<_>>()
            .join(" ");
        let word = WordRef {
            start: 0,
            end: 0,
            norm,
            stem,
            other_stems: &others,
        };
        Some(self.word_match(&word).is_some())
    }

    /// How one analyzed word hits this clause, if it does (never for a
    /// phrase).
    fn word_match(&self, t: &WordRef) -> Option<WordMatch> {
        match self {
            Clause::Word(w) => word_match(w, t, true),
            // Exclusions are matched as the index excludes: forms as typed.
            Clause::Exclude(w) => native_match(w, t, false),
            Clause::Prefix(p) => t.norm.starts_with(p.as_str()).then_some(WordMatch::Exact),
            Clause::Phrase(_) => None,
        }
    }
}

fn mark_clause(clause: &Clause, tokens: &[WordRef], marked: &mut [Option<WordMatch>]) {
    let mark = |m: &mut Option<WordMatch>, kind: WordMatch| {
        *m = Some(m.map_or(kind, |k| k.min(kind)));
    };
    match clause {
        Clause::Word(_) | Clause::Exclude(_) | Clause::Prefix(_) => {
            for (t, m) in tokens.iter().zip(marked.iter_mut()) {
                if let Some(kind) = clause.word_match(t) {
                    mark(m, kind);
                }
            }
        }
        Clause::Phrase(norms) => {
            if norms.is_empty() || norms.len() > tokens.len() {
                return;
            }
            for i in 0..=tokens.len() - norms.len() {
                let run = &tokens[i..i + norms.len()];
                let first_ok = run[0].norm == norms[0] || has_proclitic_of(run[0].norm, &norms[0]);
                if first_ok && run[1..].iter().zip(&norms[1..]).all(|(t, n)| t.norm == n) {
                    marked[i..i + norms.len()]
                        .iter_mut()
                        .for_each(|m| mark(m, WordMatch::Exact));
                }
            }
        }
    }
}

/// How token `t` matches query word `w`, if it does. Mirrors the index query:
/// exact form, stem, proclitic forms, plurals, variants, spellings in the
/// other script and (when `fuzzy` applies) an edit distance on form or stem.
fn word_match(w: &Word, t: &WordRef, allow_fuzzy: bool) -> Option<WordMatch> {
    native_match(w, t, allow_fuzzy)
        .or_else(|| word_hits_transliterated(w, t).then_some(WordMatch::Latin))
}

/// A transliteration hit: the form, its stem, or the form with a proclitic.
fn word_hits_transliterated(w: &Word, t: &WordRef) -> bool {
    w.transliterations
        .iter()
        .any(|(n, s)| t.norm == n || t.stem == s || has_proclitic_of(t.norm, n))
}

fn word_hits_natively(w: &Word, t: &WordRef, allow_fuzzy: bool) -> bool {
    native_match(w, t, allow_fuzzy).is_some()
}

fn native_match(w: &Word, t: &WordRef, allow_fuzzy: bool) -> Option<WordMatch> {
    if t.norm == w.norm {
        return Some(WordMatch::Exact);
    }
    if t.stems().any(|s| w.stems.iter().any(|q| q == s)) {
        return Some(WordMatch::Stem);
    }
    if has_proclitic_of(t.norm, &w.norm) || has_proclitic_of(t.stem, &w.stem) {
        return Some(WordMatch::Proclitic);
    }
    if w.plurals.iter().any(|(n, s)| plural_hits(n, s, t)) {
        return Some(WordMatch::Plural);
    }
    if w.variants
        .iter()
        .any(|(n, s)| t.norm == n || t.stems().any(|ts| ts == s))
    {
        return Some(WordMatch::Variant);
    }
    let fuzzy = allow_fuzzy
        && w.fuzzy > 0
        && (fuzzy_matches(t.norm, &w.norm, w.fuzzy)
            || (w.stem.chars().count() >= FUZZY_MIN_CHARS
                && fuzzy_matches(t.stem, &w.stem, w.fuzzy)));
    fuzzy.then_some(WordMatch::Fuzzy)
}

/// Is `form` one of [`PROCLITICS`] followed by `base`? Not when `form` is a
/// word of its own whose first letter only looks like a proclitic (the word
/// list of [`is_radical_initial`]), nor with ك before a three-letter word.
pub fn has_proclitic_of(form: &str, base: &str) -> bool {
    let n = base.chars().count();
    n >= PROCLITIC_MIN_CHARS
        && form.len() > base.len()
        && form.ends_with(base)
        && proclitic_fits(&form[..form.len() - base.len()], n)
        && !is_radical_initial(form)
}

fn proclitic_fits(proclitic: &str, base_chars: usize) -> bool {
    PROCLITICS.contains(&proclitic) && (base_chars >= KAF_MIN_CHARS || !proclitic.contains('ك'))
}

/// `base` with each proclitic in front, when it is long enough to take one
/// (the forms [`has_proclitic_of`] accepts).
pub fn proclitic_forms(base: &str) -> Vec<String> {
    let n = base.chars().count();
    if n < PROCLITIC_MIN_CHARS {
        return Vec::new();
    }
    PROCLITICS
        .iter()
        .filter(|p| proclitic_fits(p, n))
        .map(|p| format!("{p}{base}"))
        .filter(|form| !is_radical_initial(form))
        .collect()
}

/// The start of a normalized word that a fuzzy match must share: its first
/// letter, or the article and the letter after it. Misspellings rarely touch the
/// first letter, and requiring it lets the index skip all but one branch of its
/// term dictionary (as Lucene's `prefixLength` does); the variant list covers
/// names whose first letter varies (هادروت ↔ حدروت).
pub fn fuzzy_prefix(norm: &str) -> &str {
    let skip = if norm.starts_with("ال") && norm.chars().count() > 3 {
        2
    } else {
        0
    };
    let end = norm
        .char_indices()
        .nth(skip + 1)
        .map_or(norm.len(), |(i, _)| i);
    &norm[..end]
}

/// Is `form` within `max` edits of query word `word`, sharing its
/// [`fuzzy_prefix`]? Edits are counted on what follows the prefix, which for
/// strings that share a prefix is the same distance.
pub fn fuzzy_matches(form: &str, word: &str, max: u8) -> bool {
    let prefix = fuzzy_prefix(word);
    form.starts_with(prefix) && within_edits(&form[prefix.len()..], &word[prefix.len()..], max)
}

/// Levenshtein distance is at most `max`. A transposition counts as two
/// edits: swapped letters make another word far more often than a typo
/// (الكتاب, الكاتب), as the index's fuzzy automaton counts them too.
pub fn within_edits(a: &str, b: &str, max: u8) -> bool {
    let la = a.chars().count();
    let lb = b.chars().count();
    if la.abs_diff(lb) > max as usize {
        return false;
    }
    strsim::levenshtein(a, b) <= max as usize
}

/// Sorted ranges merged where they touch, each with the best kind of the
/// ranges merged into it.
fn merge_ranges(
    ranges: impl Iterator<Item = (Range<usize>, WordMatch)>,
) -> (Vec<Range<usize>>, Vec<WordMatch>) {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut kinds: Vec<WordMatch> = Vec::new();
    for (r, kind) in ranges {
        match (out.last_mut(), kinds.last_mut()) {
            (Some(last), Some(last_kind)) if r.start <= last.end => {
                last.end = last.end.max(r.end);
                *last_kind = (*last_kind).min(kind);
            }
            _ => {
                out.push(r);
                kinds.push(kind);
            }
        }
    }
    (out, kinds)
}

#[derive(Deserialize)]
struct VariantFile {
    groups: Vec<Vec<String>>,
}

/// Variant spellings, keyed by stem: every (norm, stem) in the word's group.
fn variant_table() -> &'static HashMap<String, Vec<(String, String)>> {
    static TABLE: OnceLock<HashMap<String, Vec<(String, String)>>> = OnceLock::new();
    TABLE.get_or_init(|| build_variant_table(include_str!("../assets/variants.toml")))
}

fn build_variant_table(source: &str) -> HashMap<String, Vec<(String, String)>> {
    // The file is embedded and checked by a test, so a parse failure here can
    // only come from a broken build; fall back to no variants rather than panic.
    let groups = toml::from_str::<VariantFile>(source)
        .map(|f| f.groups)
        .unwrap_or_default();
    let mut table = HashMap::new();
    for group in groups {
        let forms: Vec<(String, String)> = group
            .iter()
            .map(|w| normalize_word(w))
            .filter(|n| !n.is_empty())
            .map(|n| {
                let s = stem(&n);
                (n, s)
            })
            .collect();
        for (n, s) in &forms {
            let others: Vec<(String, String)> =
                forms.iter().filter(|(on, _)| on != n).cloned().collect();
            table.insert(s.clone(), others.clone());
            table.insert(n.clone(), others);
        }
    }
    table
}

fn variants_of(norm: &str, stem: &str) -> Vec<(String, String)> {
    let table = variant_table();
    table
        .get(norm)
        .or_else(|| table.get(stem))
        .cloned()
        .unwrap_or_default()
}

#[derive(Deserialize)]
struct PluralFile {
    pairs: Vec<(String, String)>,
}

/// Broken plurals and singulars, keyed by the norm of each form: the (norm,
/// stem) of the other forms of the pair. (Not keyed by stem: المدنية has the
/// stem of مدن.)
fn plural_table() -> &'static HashMap<String, Vec<(String, String)>> {
    static TABLE: OnceLock<HashMap<String, Vec<(String, String)>>> = OnceLock::new();
    TABLE.get_or_init(|| build_plural_table(include_str!("../assets/plurals.toml")))
}

fn build_plural_table(source: &str) -> HashMap<String, Vec<(String, String)>> {
    // Embedded and checked by a test, as the variants are.
    let pairs = toml::from_str::<PluralFile>(source)
        .map(|f| f.pairs)
        .unwrap_or_default();
    let mut table: HashMap<String, Vec<(String, String)>> = HashMap::new();
    let form = |w: &str| {
        let n = normalize_word(w);
        let s = stem(&n);
        (n, s)
    };
    for (plural, singular) in pairs {
        let (p, q) = (form(&plural), form(&singular));
        if p.0.is_empty() || q.0.is_empty() || p == q {
            continue;
        }
        for (this, other) in [(&p, &q), (&q, &p)] {
            let entry = table.entry(this.0.clone()).or_default();
            if !entry.contains(other) {
                entry.push(other.clone());
            }
        }
    }
    table
}

/// Articles a plural or singular form is matched with, written as in text.
const PLURAL_ARTICLES: [&str; 6] = ["ال", "وال", "بال", "فال", "كال", "لل"];
/// A plural's stem is matched only from this many letters: shorter stems
/// belong to other words too (مدن is also the stem of المدنية, قاد of قادة).
const PLURAL_STEM_MIN_CHARS: usize = 4;

/// The index terms for a broken plural or singular (norm, stem): its written
/// forms with an article or a proclitic, and its stem when long enough to
/// say which word it is. [`plural_hits`] accepts the same words.
pub fn plural_terms(norm: &str, stem: &str) -> (Vec<String>, Option<String>) {
    let mut forms = vec![norm.to_string()];
    forms.extend(PLURAL_ARTICLES.iter().map(|a| format!("{a}{norm}")));
    forms.extend(proclitic_forms(norm));
    let stem = (stem.chars().count() >= PLURAL_STEM_MIN_CHARS).then(|| stem.to_string());
    (forms, stem)
}

fn plural_hits(norm: &str, stem: &str, t: &WordRef) -> bool {
    let written = t.norm == norm
        || PLURAL_ARTICLES
            .iter()
            .any(|a| t.norm.strip_prefix(a) == Some(norm))
        || has_proclitic_of(t.norm, norm);
    written || (stem.chars().count() >= PLURAL_STEM_MIN_CHARS && t.stems().any(|s| s == stem))
}

/// The plurals or singulars of a query word, written bare or with an
/// article (الجنود finds الجندي), or, for a long enough stem, inflected
/// (جنودهم finds جندي).
fn plurals_of(norm: &str, stem: &str) -> Vec<(String, String)> {
    let table = plural_table();
    let bare = PLURAL_ARTICLES
        .iter()
        .find_map(|a| {
            norm.strip_prefix(a)
                .filter(|rest| rest.chars().count() >= 2)
        })
        .unwrap_or(norm);
    let mut out = Vec::new();
    let mut keys = vec![norm, bare];
    if stem.chars().count() >= PLURAL_STEM_MIN_CHARS {
        keys.push(stem);
    }
    for key in keys {
        for other in table.get(key).into_iter().flatten() {
            if !out.contains(other) {
                out.push(other.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &Query) -> Vec<&str> {
        q.clauses
            .iter()
            .filter_map(|c| match c {
                Clause::Word(w) => Some(w.norm.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn parses_words_phrases_prefixes_and_exclusions() {
        let q = Query::parse("قوات \"وقف إطلاق النار\" ستيبان* -تركيا").unwrap();
        assert_eq!(words(&q), ["قوات"]);
        assert!(q.clauses.contains(&Clause::Phrase(vec![
            "وقف".into(),
            "اطلاق".into(),
            "النار".into()
        ])));
        assert!(q.clauses.contains(&Clause::Prefix("ستيبان".into())));
        assert!(matches!(q.clauses.last(), Some(Clause::Exclude(w)) if w.norm == "تركيا"));
    }

    /// Every clause counts: none is dropped, and past the limit the query is
    /// refused with the limit named.
    #[test]
    fn long_queries_keep_every_clause_or_are_refused() {
        // Distinct made-up words, four letters each.
        let letters: Vec<char> = "بتثجحخدذرزسشصضطظعغفقكمنه".chars().collect();
        let n = letters.len();
        let words: Vec<String> = (0..MAX_CLAUSES)
            .map(|i| {
                let pick = |k: usize| letters[(i / n.pow(k as u32)) % n];
                format!("س{}{}{}", pick(0), pick(1), pick(2))
            })
            .collect();
        let q = Query::parse(&format!("{} -لاتشين", words[..40].join(" "))).unwrap();
        assert_eq!(q.clauses.len(), 41);
        assert!(matches!(q.clauses.last(), Some(Clause::Exclude(w)) if w.norm == "لاتشين"));
        assert_eq!(
            Query::parse(&words.join(" ")).unwrap().clauses.len(),
            MAX_CLAUSES
        );
        let err = Query::parse(&format!("{} زائدة", words.join(" "))).unwrap_err();
        assert!(err.to_string().contains(&MAX_CLAUSES.to_string()), "{err}");
    }

    #[test]
    fn malformed_queries_are_read_best_effort() {
        assert!(Query::parse("\"قره باغ").is_ok());
        assert!(Query::parse("قوات \u{1b}[31m").is_ok());
        assert!(Query::parse(&"ب".repeat(10_000)).is_ok());
        assert!(Query::parse(&"كلمة ".repeat(5_000))
            .map(|q| q.clauses.len() == 1)
            .unwrap());
        for bad in ["", "   ", "\"", "-", "*", "- * \"\"", "-قوات", "\u{0}\u{7}"] {
            assert!(Query::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn variant_spellings_are_attached() {
        let q = Query::parse("هادروت").unwrap();
        let Clause::Word(w) = &q.clauses[0] else {
            panic!("not a word")
        };
        assert!(w.variants.iter().any(|(n, _)| n == "حدروت"));
    }

    #[test]
    fn highlights_cover_inflected_and_diacritized_forms() {
        let text = "قوات حفظ السلام الروسية وُقِّع الاتفاق";
        let q = Query::parse("روسي وقع").unwrap();
        let got: Vec<&str> = q.highlights(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["الروسية", "وُقِّع"]);
    }

    #[test]
    fn phrase_highlights_only_the_run() {
        let text = "وقف إطلاق النار ثم وقف العمل";
        let q = Query::parse("\"وقف اطلاق النار\"").unwrap();
        let got: Vec<&str> = q.highlights(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["وقف", "إطلاق", "النار"]);
    }

    #[test]
    fn proclitics_attach_to_query_words_not_to_names() {
        let q = Query::parse("وقف").unwrap();
        assert!(q.matches("اتفاق لوقف إطلاق النار"));
        assert!(has_proclitic_of("لبوتين", "بوتين"));
        let p = Query::parse("\"مجلس الأمن\"").unwrap();
        assert!(p.matches("اجتماعا طارئا لمجلس الأمن الأرمني"));
    }

    #[test]
    fn fuzzy_matches_keep_the_first_letter_after_the_article() {
        assert_eq!(fuzzy_prefix("المدينة"), "الم");
        assert_eq!(fuzzy_prefix("ناغورني"), "ن");
        assert_eq!(fuzzy_prefix("الم"), "ا");
        assert_eq!(fuzzy_prefix(""), "");
        assert!(fuzzy_matches("ناغورنو", "ناغورني", 1));
        assert!(fuzzy_matches("المدينة", "المدبنة", 1));
        assert!(!fuzzy_matches("الحدينة", "المدينة", 1));
        assert!(!fuzzy_matches("حدروت", "هدروت", 1));
    }

    #[test]
    fn matches_requires_every_clause() {
        let q = Query::parse("بوتين -تركيا").unwrap();
        assert!(q.matches("قال بوتين إن"));
        assert!(!q.matches("قال بوتين إن تركيا"));
        assert!(!q.matches("قال علييف"));
    }

    #[test]
    fn broken_plurals_find_their_singulars_both_ways() {
        let pairs = toml::from_str::<PluralFile>(include_str!("../assets/plurals.toml")).unwrap();
        assert!(pairs.pairs.len() >= 500);
        for (q, text) in [
            ("جنود", "قتل ثلاثة من الجنود"),
            ("الجندي", "عاد جنودهم"),
            ("مدينة", "في مدن الشمال"),
            ("وزراء", "قال الوزير"),
            // Beyond the test set.
            ("مستشفى", "امتلأت المستشفيات"),
            ("خبير", "قال خبراء"),
            ("ميناء", "أغلقت الموانئ"),
        ] {
            assert!(Query::parse(q).unwrap().matches(text), "{q} in {text}");
        }
        // Not a plural of the word: nothing.
        assert!(!Query::parse("قرية").unwrap().matches("صدر قرار"));
    }

    #[test]
    fn each_mark_says_which_rule_matched() {
        let text = "جندي والجندي ولجندي جنود هادروت حدروت الانتخبات";
        let q = Query::parse("جندي").unwrap();
        let marks = q.marks(text);
        let kinds: Vec<(&str, WordMatch)> = marks
            .ranges
            .iter()
            .zip(&marks.kinds)
            .map(|(r, k)| (&text[r.clone()], *k))
            .collect();
        assert_eq!(
            kinds,
            [
                ("جندي", WordMatch::Exact),
                ("والجندي", WordMatch::Stem),
                ("ولجندي", WordMatch::Proclitic),
                ("جنود", WordMatch::Plural),
            ]
        );
        let q = Query::parse("هادروت").unwrap();
        assert_eq!(q.marks(text).kinds, [WordMatch::Exact, WordMatch::Variant]);
        let q = Query::parse("الانتخابات").unwrap();
        assert_eq!(q.marks(text).kinds, [WordMatch::Fuzzy]);
    }

    #[test]
    fn embedded_variant_file_parses() {
        assert!(toml::from_str::<VariantFile>(include_str!("../assets/variants.toml")).is_ok());
        assert!(!variant_table().is_empty());
    }
}
