//! sanad's web-page extraction measured against Mozilla Readability's own
//! test pages (github.com/mozilla/readability, `test/test-pages/`: real
//! pages saved from news sites and blogs, each with the article Readability
//! extracts, `expected.html`). For every page: the words of the article
//! (`expected.html`'s text) found in sanad's extraction (recall) and the
//! words of sanad's extraction that are in the article (precision), as
//! multisets of lowercased words.
//!
//!   git clone https://github.com/mozilla/readability
//!   cargo run --release --example html_eval -- readability/test/test-pages
//!
//! The pages are Apache-2.0 and are not copied into this repository.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a measurement states what it expects

use std::collections::HashMap;
use std::path::PathBuf;

use sanad::extract::{extract, Format};

fn words(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

fn overlap(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> usize {
    a.iter()
        .map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0)))
        .sum()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("the test-pages folder"));
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("source.html").exists() && p.join("expected.html").exists())
        .collect();
    pages.sort();
    let (mut recalls, mut precisions) = (Vec::new(), Vec::new());
    let (mut all_expected, mut all_got, mut all_common) = (0, 0, 0);
    let mut skipped = Vec::new();
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read(page.join("source.html")).unwrap();
        let expected_html = std::fs::read_to_string(page.join("expected.html")).unwrap();
        let expected = dom_query::Document::from(expected_html.as_str())
            .select("body")
            .text();
        let expected = words(&expected);
        let got = match extract(Format::Html, &source) {
            Ok(e) => words(&e.text),
            Err(skip) => {
                skipped.push(format!("{name}: {skip}"));
                HashMap::new()
            }
        };
        let (n_expected, n_got) = (
            expected.values().sum::<usize>(),
            got.values().sum::<usize>(),
        );
        if n_expected == 0 {
            continue;
        }
        let common = overlap(&expected, &got);
        let recall = common as f64 / n_expected as f64;
        let precision = if n_got == 0 {
            0.0
        } else {
            common as f64 / n_got as f64
        };
        println!("{name:<45} recall {recall:.3}  precision {precision:.3}  ({n_expected} words expected, {n_got} extracted)");
        recalls.push(recall);
        precisions.push(precision);
        all_expected += n_expected;
        all_got += n_got;
        all_common += common;
    }
    let n = recalls.len();
    let below = |v: &[f64], t: f64| v.iter().filter(|&&x| x < t).count();
    println!();
    println!(
        "{n} pages; skipped: {}",
        if skipped.is_empty() {
            "none".into()
        } else {
            skipped.join("; ")
        }
    );
    println!(
        "recall    median {:.3}, pooled {:.3}, pages below 0.9: {}",
        median(&mut recalls.clone()),
        all_common as f64 / all_expected as f64,
        below(&recalls, 0.9)
    );
    println!(
        "precision median {:.3}, pooled {:.3}, pages below 0.9: {}",
        median(&mut precisions.clone()),
        all_common as f64 / all_got.max(1) as f64,
        below(&precisions, 0.9)
    );
}
