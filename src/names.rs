//! The gazetteer: names whose Arabic spelling no transliteration rule can
//! guess (exonyms such as Egypt → مصر, translated names, spellings fixed by
//! long use), from `assets/names.toml`. It is read both ways: a Latin query
//! word finds the Arabic spellings, an Arabic one the Latin spellings a
//! document may write.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::arabic::translit::fold_latin;
use crate::arabic::{normalize_word, stem};

/// A spelling as the index holds it: (normalized form, stem).
pub type Form = (String, String);

#[derive(Deserialize)]
struct NameFile {
    names: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    latin: Vec<String>,
    arabic: Vec<String>,
}

/// Both directions of the table, keyed by normalized form and by stem.
#[derive(Debug, Default)]
pub struct Gazetteer {
    arabic_of_latin: HashMap<String, Vec<Form>>,
    latin_of_arabic: HashMap<String, Vec<Form>>,
}

impl Gazetteer {
    /// Parses a gazetteer file; entries with several words on a side keep only
    /// their one-word spellings (queries are matched word by word).
    pub fn parse(source: &str) -> Result<Gazetteer, toml::de::Error> {
        let file: NameFile = toml::from_str(source)?;
        let mut table = Gazetteer::default();
        for entry in file.names {
            let latin = forms(&entry.latin, latin_key);
            let arabic = forms(&entry.arabic, normalize_word);
            for (norm, _) in &latin {
                add(&mut table.arabic_of_latin, norm, &arabic);
            }
            for (norm, stem) in &arabic {
                add(&mut table.latin_of_arabic, norm, &latin);
                add(&mut table.latin_of_arabic, stem, &latin);
            }
        }
        Ok(table)
    }

    /// The Arabic spellings of Latin word `norm`.
    pub fn arabic_for(&self, norm: &str) -> &[Form] {
        self.arabic_of_latin
            .get(&latin_key(norm))
            .map_or(&[], Vec::as_slice)
    }

    /// The Latin spellings of an Arabic word, by its form or its stem.
    pub fn latin_for(&self, norm: &str, stem: &str) -> &[Form] {
        self.latin_of_arabic
            .get(norm)
            .or_else(|| self.latin_of_arabic.get(stem))
            .map_or(&[], Vec::as_slice)
    }

    pub fn is_empty(&self) -> bool {
        self.arabic_of_latin.is_empty()
    }
}

/// Latin spellings meet with accents folded (Égypte, Egypte).
fn latin_key(word: &str) -> String {
    fold_latin(word).unwrap_or_else(|| normalize_word(word))
}

fn forms(words: &[String], key: fn(&str) -> String) -> Vec<Form> {
    words
        .iter()
        .filter(|w| !w.trim().contains(char::is_whitespace))
        .map(|w| key(w.trim()))
        .filter(|n| !n.is_empty())
        .map(|n| {
            let s = stem(&n);
            (n, s)
        })
        .collect()
}

fn add(table: &mut HashMap<String, Vec<Form>>, key: &str, forms: &[Form]) {
    let entry = table.entry(key.to_string()).or_default();
    for form in forms {
        if !entry.contains(form) {
            entry.push(form.clone());
        }
    }
}

/// The gazetteer shipped in `assets/names.toml`.
pub fn gazetteer() -> &'static Gazetteer {
    static TABLE: OnceLock<Gazetteer> = OnceLock::new();
    // The file is embedded and checked by a test, so a parse failure can only
    // come from a broken build: fall back to no names rather than panic.
    TABLE.get_or_init(|| Gazetteer::parse(include_str!("../assets/names.toml")).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_file_parses() {
        assert!(Gazetteer::parse(include_str!("../assets/names.toml")).is_ok());
        assert!(!gazetteer().is_empty());
    }

    #[test]
    fn common_arabic_given_names_are_found_from_every_usual_spelling() {
        // Their Latin spellings lose ح ع and the unwritten vowels: the
        // transliteration rules cannot read them back, the shipped list does.
        let g = gazetteer();
        for (latin, arabic) in [
            ("Muhammad", "محمد"),
            ("Mohammed", "محمد"),
            ("Mehmet", "محمد"),
            ("Aisha", "عائشه"),
            ("Hussein", "حسين"),
            ("Khaled", "خالد"),
            ("Omar", "عمر"),
            ("Mustafa", "مصطفي"),
        ] {
            let found: Vec<&str> = g.arabic_for(latin).iter().map(|f| f.0.as_str()).collect();
            assert_eq!(found, [arabic], "{latin}");
        }
        // The English word is no spelling of سعيد.
        assert!(g.arabic_for("said").is_empty());
        assert!(g
            .latin_for("سعيد", &stem("سعيد"))
            .iter()
            .all(|f| f.0 != "said"));
    }

    #[test]
    fn reads_both_ways_with_accents_and_case_folded() {
        let g = Gazetteer::parse(
            r#"names = [ { latin = ["Egypt", "Égypte"], arabic = ["مصر"] },
                         { latin = ["Red Cross"], arabic = ["الصليب الأحمر"] } ]"#,
        )
        .unwrap();
        assert_eq!(g.arabic_for("egypt")[0].0, "مصر");
        assert_eq!(g.arabic_for("EGYPTE")[0].0, "مصر");
        let latin: Vec<&str> = g
            .latin_for("مصر", "مصر")
            .iter()
            .map(|f| f.0.as_str())
            .collect();
        assert_eq!(latin, ["egypt", "egypte"]);
        assert!(g.arabic_for("red").is_empty());
        assert!(g.arabic_for("greece").is_empty());
    }
}
