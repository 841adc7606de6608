//! From one document to its dated mentions: which dates it has, which sentence
//! or clause states each dated thing, and the citations that close it.

use std::collections::HashSet;
use std::ops::Range;

use super::clause::{bounded, clauses};
use super::dates;
use super::mention::{Certainty, Draft, Mention};
use super::period::When;
use super::publication::{self, counts_from_publication, Dating, Publication};
use super::resolve::{self, Context, Found, Resolved, Resolver};
use crate::cite::{self, ReferenceList};
use crate::corpus::Document;
use crate::metadata::Source;
use crate::sentences::sentence_spans;

/// The publication date the timeline resolves a document's relative dates
/// against: `None` for reference text, which has no date of its own, and for
/// news whose date neither `sources.toml` nor the text gives.
pub fn publication(doc: &Document, source: Option<&Source>) -> Option<Publication> {
    dating_of(doc, source).publication().cloned()
}

/// How `doc` is dated: its kind and publication date, given or inferred.
pub fn dating_of(doc: &Document, source: Option<&Source>) -> Dating {
    let refs = ReferenceList::of(doc);
    let located = find_dates(doc, &refs);
    publication::dating(doc, source, &refs, &located.found)
}

/// Date expressions placed in their paragraphs and sentences.
struct Located {
    found: Vec<Found>,
    /// Byte spans of the sentences `Found::sentence` numbers (those of the
    /// paragraphs that have dates).
    sentences: Vec<Range<usize>>,
}

/// The date expressions of the document's running text, reference lines
/// excluded.
fn find_dates(doc: &Document, refs: &ReferenceList) -> Located {
    let mut found = Vec::new();
    let mut all_sentences = Vec::new();
    for (index, p) in doc.paragraphs.iter().enumerate() {
        if refs.is_reference_line(p.number) {
            continue;
        }
        let exprs = dates::find(&doc.text, p.range());
        if exprs.is_empty() {
            continue;
        }
        let base = all_sentences.len();
        let sentences = sentence_spans(&doc.text, p.range());
        let mut local = 0;
        for expr in exprs {
            while local + 1 < sentences.len() && sentences[local].end <= expr.start {
                local += 1;
            }
            found.push(Found {
                paragraph: index,
                sentence: base + local,
                expr,
            });
        }
        all_sentences.extend(sentences);
    }
    Located {
        found,
        sentences: all_sentences,
    }
}

/// Adds the document's dated mentions to `out`, and says how it is dated.
pub(crate) fn document(
    doc: &Document,
    source: Option<&Source>,
    resolver: Resolver,
    out: &mut Vec<Draft>,
) -> Dating {
    let refs = ReferenceList::of(doc);
    let Located { found, sentences } = find_dates(doc, &refs);
    let dating = publication::dating(doc, source, &refs, &found);
    if found.is_empty() {
        return dating;
    }
    let publication = dating.publication();
    let mut resolved = resolve::resolve_all(
        &found,
        &Context {
            publication: publication.map(|p| p.date),
            resolver,
        },
    );
    if publication.is_some_and(|p| p.inferred) {
        mark_counted_from_an_inferred_date(&found, &mut resolved);
    }
    let mut start = 0;
    while start < found.len() {
        let sentence = found[start].sentence;
        let end = start
            + found[start..]
                .iter()
                .take_while(|f| f.sentence == sentence)
                .count();
        let dated: Vec<(&Found, Resolved)> = found[start..end]
            .iter()
            .zip(&resolved[start..end])
            .filter_map(|(f, r)| Some((f, (*r)?)))
            .collect();
        let span = sentences.get(sentence).cloned().unwrap_or(0..0);
        sentence_mentions(doc, &refs, span, &dated, out);
        start = end;
    }
    dating
}

/// A date counted from a publication date that was itself worked out is no
/// surer than that date: `inferred`, not `relative`.
fn mark_counted_from_an_inferred_date(found: &[Found], resolved: &mut [Option<Resolved>]) {
    for (f, r) in found.iter().zip(resolved) {
        if let Some(r) = r {
            if r.certainty == Certainty::Relative && counts_from_publication(f.expr.kind) {
                r.certainty = Certainty::Inferred;
            }
        }
    }
}

/// The mentions of one sentence: one per date, each with the clause that
/// states it when the sentence has several dates.
fn sentence_mentions(
    doc: &Document,
    refs: &ReferenceList,
    sentence: Range<usize>,
    dated: &[(&Found, Resolved)],
    out: &mut Vec<Draft>,
) {
    let Some((first, _)) = dated.first() else {
        return;
    };
    let paragraph = &doc.paragraphs[first.paragraph];
    let spans: Vec<Range<usize>> = dated.iter().map(|(f, _)| f.expr.span()).collect();
    let clauses = clauses(&doc.text, sentence, &spans);
    let mut kept: HashSet<(usize, usize, When)> = HashSet::new();
    for ((f, r), clause) in dated.iter().zip(clauses) {
        let clause = bounded(&doc.text, clause, f.expr.span());
        // One dated thing per clause: «فجر الثلاثاء ... منتصف ليل الإثنين-الثلاثاء»
        // in one clause is one event.
        if !kept.insert((clause.start, clause.end, r.when)) {
            continue;
        }
        out.push(Draft {
            when: r.when,
            end: r.end,
            mention: mention(doc, refs, paragraph.number, clause, f, r.certainty),
        });
    }
}

fn mention(
    doc: &Document,
    refs: &ReferenceList,
    paragraph: usize,
    clause: Range<usize>,
    found: &Found,
    certainty: Certainty,
) -> Mention {
    let markers = cite::markers_in(&doc.text, clause.clone());
    let mut references: Vec<String> = Vec::new();
    for m in &markers {
        if let Some(r) = refs.resolve(m) {
            if !references.contains(&r.text) {
                references.push(r.text.clone());
            }
        }
    }
    let place = doc.place_of(paragraph);
    Mention {
        file: doc.path.clone(),
        paragraph,
        page: place.and_then(|p| p.page),
        chapter: place.and_then(|p| p.chapter.clone()),
        start: clause.start,
        end: clause.end,
        text: doc.text[clause].to_string(),
        date_text: doc.text[found.expr.span()].to_string(),
        markers: markers.iter().map(|m| m.written()).collect(),
        references,
        date_start: found.expr.start,
        date_end: found.expr.end,
        certainty,
    }
}
