//! A Latin-script name, as a reader knows it from English, French or Russian
//! sources, turned into the Arabic spellings news writes for it.
//!
//! Arabic news transliterates foreign names by ear, so no table of spellings
//! covers them. Instead the word becomes a weighted automaton over normalized
//! Arabic letters ([`Transliteration`]): each Latin sound is a choice of Arabic
//! letters (p → ب, ch → تش or ش, v → ف, g → غ, ج or ق…), vowels may be written
//! or left out, and every choice has a cost (0 for the usual rendering, more for
//! a rarer one or a vowel left out). The index walks its term dictionary with
//! it ([`crate::index`]), and [`judge`] decides from the cost whether a term it
//! reaches is the name, a "did you mean", or nothing.
//!
//! The automaton reads normalized text (ة as ه, أ إ آ as ا), as the index
//! stores it, and accepts an optional proclitic or article in front
//! (لستيباناكيرت, والكرملين).

/// Cost of the usual rendering of a sound.
const USUAL: u8 = 0;
/// Cost of a rarer rendering, or of an interior vowel left unwritten.
const RARE: u8 = 1;
/// Cost of a final vowel left unwritten: news almost always writes it.
const UNLIKELY: u8 = 2;

/// Shorter Latin words are left to the gazetteer: a three-letter skeleton is
/// one letter away from too many Arabic words.
pub const MIN_LATIN_LETTERS: usize = 4;
/// Longer "words" are not names (a pasted identifier); the automaton's state
/// grows with the word.
pub const MAX_LATIN_LETTERS: usize = 32;
/// A term found must have at least this many letters.
const MIN_TERM_LETTERS: usize = 3;

/// What may stand in front of a name in running text: a conjunction or a
/// preposition (وستيباناكيرت), free; or the article, which few foreign names
/// take (الكرملين) and most Arabic nouns do, at a cost.
const PROCLITICS: [(&str, u8); 16] = [
    ("", USUAL),
    ("و", USUAL),
    ("ب", USUAL),
    ("ل", USUAL),
    ("ف", USUAL),
    ("ك", USUAL),
    ("وب", USUAL),
    ("ول", USUAL),
    ("فب", USUAL),
    ("فل", USUAL),
    ("ال", RARE),
    ("وال", RARE),
    ("بال", RARE),
    ("لل", RARE),
    ("فال", RARE),
    ("كال", RARE),
];

/// How sure a term is to be the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Within the word's cost budget: a hit.
    Match,
    /// Close, but not sure enough to be a hit: offered as a "did you mean".
    Near,
}

/// A Latin word lowercased, with the accents of Turkish, Azerbaijani, French
/// and Slavic spellings folded to the digraphs English writes for them
/// (ş → sh, č → ch, ə → a); `None` when it is not a Latin word.
pub fn fold_latin(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'a'..='z' => {
                out.push(c);
                continue;
            }
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ə' | 'ā' => "a",
            'é' | 'è' | 'ê' | 'ë' | 'ē' => "e",
            'í' | 'ì' | 'î' | 'ï' | 'ı' | 'ī' => "i",
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => "o",
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => "u",
            'ç' | 'č' => "ch",
            'ş' | 'š' => "sh",
            'ž' => "zh",
            'ğ' => "gh",
            'ñ' => "n",
            'ý' => "y",
            // Apostrophes of transliterated names (Kul'man) and combining
            // accents carry no letter.
            '\'' | '’' | '\u{0300}'..='\u{036F}' => "",
            _ => return None,
        };
        out.push_str(folded);
    }
    (!out.is_empty()).then_some(out)
}

/// One Latin sound and the Arabic letters that may render it, with their costs.
type Sound = Vec<(&'static str, u8)>;

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Doubled letters are written once in Arabic (Mussolini → موسوليني).
fn undouble(word: &str) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(word.len());
    for b in word.bytes() {
        if out.last() != Some(&b) {
            out.push(b);
        }
    }
    out
}

/// Splits a folded, undoubled word into sounds, longest spelling first.
fn sounds(word: &[u8]) -> Vec<Sound> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < word.len() {
        let (sound, len) = sound_at(word, at);
        out.push(sound);
        at += len;
    }
    out
}

/// The sound spelled at `at`, and how many letters spell it.
fn sound_at(w: &[u8], at: usize) -> (Sound, usize) {
    let rest = &w[at..];
    let initial = at == 0;
    let next = |k: usize| rest.get(k).copied();
    let final_after = |k: usize| at + k == w.len();
    for (spelling, sound) in DIGRAPHS {
        if rest.starts_with(spelling.as_bytes()) {
            return (sound.to_vec(), spelling.len());
        }
    }
    let c = rest[0];
    if is_vowel(c) {
        let sound = match (initial, final_after(1)) {
            (true, _) => initial_vowel(c),
            (false, true) => final_vowel(c),
            (false, false) => interior_vowel(c),
        };
        return (sound, 1);
    }
    let sound: Sound = match c {
        b'b' => vec![("ب", USUAL)],
        b'p' => vec![("ب", USUAL), ("پ", USUAL)],
        b't' => vec![("ت", USUAL), ("ط", RARE)],
        b'd' => vec![("د", USUAL), ("ض", RARE)],
        b'k' => vec![("ك", USUAL), ("ق", RARE)],
        b'g' => vec![
            ("غ", USUAL),
            ("ج", USUAL),
            ("گ", USUAL),
            ("ق", RARE),
            ("ك", RARE),
        ],
        b'q' => vec![("ق", USUAL), ("ك", USUAL), ("غ", RARE)],
        // c before e, i, y is soft (Cecil, Nice); elsewhere hard (Macron); ج
        // is the Turkish and Azerbaijani c (Cavid, Recep).
        b'c' if matches!(next(1), Some(b'e' | b'i' | b'y')) => {
            vec![("س", USUAL), ("ج", RARE), ("تش", RARE)]
        }
        b'c' => vec![("ك", USUAL), ("ج", RARE)],
        b'f' => vec![("ف", USUAL)],
        b'v' => vec![("ف", USUAL), ("ڤ", USUAL), ("و", RARE)],
        b'w' => vec![("و", USUAL), ("ف", RARE)],
        b'h' => vec![("ه", USUAL), ("ح", USUAL), ("", RARE)],
        b'j' => vec![("ج", USUAL), ("ي", RARE), ("خ", RARE)],
        b'l' => vec![("ل", USUAL)],
        b'm' => vec![("م", USUAL)],
        b'n' => vec![("ن", USUAL)],
        b'r' => vec![("ر", USUAL)],
        // A voiced s (Toulouse تولوز) is rare, and would make Marseille of
        // مارزيلي.
        b's' => vec![("س", USUAL), ("ص", RARE), ("ز", UNLIKELY)],
        b'z' => vec![("ز", USUAL), ("ذ", RARE), ("ض", RARE)],
        b'x' => vec![("كس", USUAL), ("خ", RARE)],
        // y before a vowel is a consonant; otherwise a vowel.
        b'y' if next(1).is_some_and(is_vowel) => vec![("ي", USUAL)],
        b'y' if final_after(1) => vec![("ي", USUAL), ("", UNLIKELY)],
        b'y' => vec![("ي", USUAL), ("", RARE)],
        // Any other byte cannot occur in a folded word; it matches nothing.
        _ => vec![],
    };
    (sound, 1)
}

/// Spellings of one sound in several letters, longest first so that "tch" is
/// read before "ch" and "ch" before "c".
const DIGRAPHS: &[(&str, &[(&str, u8)])] = &[
    ("dzh", &[("ج", USUAL)]),
    ("sch", &[("ش", USUAL)]),
    ("tch", &[("تش", USUAL), ("ش", RARE)]),
    (
        "ch",
        &[("تش", USUAL), ("ش", USUAL), ("ك", RARE), ("خ", RARE)],
    ),
    ("sh", &[("ش", USUAL)]),
    ("kh", &[("خ", USUAL)]),
    ("zh", &[("ج", USUAL), ("ژ", USUAL), ("ز", RARE)]),
    ("ts", &[("تس", USUAL), ("تز", RARE)]),
    ("tz", &[("تس", USUAL)]),
    ("dj", &[("ج", USUAL)]),
    ("th", &[("ث", USUAL), ("ت", USUAL), ("ذ", RARE)]),
    (
        "dh",
        &[("د", USUAL), ("ذ", USUAL), ("ظ", RARE), ("ض", RARE)],
    ),
    ("ph", &[("ف", USUAL)]),
    ("gh", &[("غ", USUAL), ("ج", RARE), ("", RARE)]),
    ("ck", &[("ك", USUAL)]),
    ("qu", &[("ك", USUAL), ("كو", USUAL), ("ق", USUAL)]),
    (
        "ng",
        &[("نغ", USUAL), ("نج", USUAL), ("نك", RARE), ("ن", RARE)],
    ),
    // Russian е after a vowel or at the start, written ye or ie: one ي or two
    // (Aliyev علييف, Yerevan يريفان).
    ("ye", &[("ي", USUAL), ("يي", USUAL)]),
    ("ay", &[("اي", USUAL), ("ي", USUAL)]),
    ("ai", &[("اي", USUAL), ("ي", USUAL)]),
    ("ey", &[("ي", USUAL), ("اي", USUAL)]),
    ("ei", &[("ي", USUAL), ("اي", USUAL)]),
    ("ou", &[("و", USUAL)]),
    ("ow", &[("و", USUAL), ("اف", RARE)]),
];

/// A word cannot start with a bare vowel in Arabic: an alef carries it, or an
/// ain for names of Arabic origin (Aliyev علييف, Omar عمر).
fn initial_vowel(c: u8) -> Sound {
    match c {
        b'a' => vec![("ا", USUAL), ("ع", USUAL)],
        b'e' => vec![("ا", USUAL), ("اي", USUAL), ("ي", RARE), ("ع", RARE)],
        b'i' => vec![("ا", USUAL), ("اي", USUAL), ("ع", RARE)],
        b'o' => vec![("او", USUAL), ("ا", USUAL), ("ع", RARE)],
        _ => vec![("او", USUAL), ("ا", USUAL), ("يو", RARE), ("ع", RARE)],
    }
}

/// Long vowels are written, short ones often not; English u and o are often
/// heard as a (Trump ترامب).
fn interior_vowel(c: u8) -> Sound {
    match c {
        // Arabic ears hear a foreign a as long: left out only in names that
        // follow Arabic spelling (Rustam رستم), and at a higher cost, since an
        // unwritten a is what turns Gandhi into جندي.
        b'a' => vec![("ا", USUAL), ("", UNLIKELY)],
        b'e' => vec![("ي", USUAL), ("", RARE), ("ا", RARE)],
        b'i' => vec![("ي", USUAL), ("", RARE)],
        b'o' => vec![("و", USUAL), ("", RARE), ("ا", RARE)],
        _ => vec![("و", USUAL), ("", RARE), ("ا", RARE)],
    }
}

/// A final vowel is written (Baku باكو, Shusha شوشا, Ankara أنقرة), except a
/// silent e (Lachine).
fn final_vowel(c: u8) -> Sound {
    match c {
        b'a' => vec![("ا", USUAL), ("ه", USUAL), ("", UNLIKELY)],
        b'e' => vec![("", USUAL), ("ي", RARE), ("ه", RARE)],
        b'i' => vec![("ي", USUAL), ("", UNLIKELY)],
        b'o' => vec![("و", USUAL), ("", UNLIKELY)],
        _ => vec![("و", USUAL), ("", UNLIKELY)],
    }
}

/// A step of the automaton: read `letter` from `from` to `to`, at `cost`.
#[derive(Debug, Clone, Copy)]
struct Edge {
    letter: char,
    to: u16,
    cost: u8,
}

#[derive(Debug, Clone, Default)]
struct Node {
    edges: Vec<Edge>,
    /// Moves that read nothing (an unwritten vowel), to later nodes only.
    skips: Vec<(u16, u8)>,
}

/// The best cost of being at each node after the letters read so far;
/// [`UNREACHED`] where no reading leads. Empty once nothing can match.
pub type Costs = Vec<u8>;

pub const UNREACHED: u8 = u8::MAX;

/// The Arabic spellings of one Latin word, as a weighted automaton over
/// normalized Arabic letters. Nodes are numbered so that every move goes
/// forward: costs settle in one pass.
#[derive(Debug, Clone)]
pub struct Transliteration {
    nodes: Vec<Node>,
    /// Sounds in the word: the cost budget grows with it.
    sounds: usize,
    /// Costs above this are not worth following, even for a "did you mean".
    max_cost: u8,
}

impl Transliteration {
    /// The automaton for `word`, or `None` when it is not a Latin word of
    /// [`MIN_LATIN_LETTERS`] to [`MAX_LATIN_LETTERS`] letters.
    pub fn of(word: &str) -> Option<Transliteration> {
        let folded = fold_latin(word)?;
        let letters = undouble(&folded);
        if !(MIN_LATIN_LETTERS..=MAX_LATIN_LETTERS).contains(&letters.len()) {
            return None;
        }
        let sounds = sounds(&letters);
        let mut builder = Builder::default();
        let proclitics: Sound = PROCLITICS.to_vec();
        builder.add(&proclitics);
        for sound in &sounds {
            if sound.is_empty() {
                return None;
            }
            builder.add(sound);
        }
        let budget = budget(sounds.len());
        Some(Transliteration {
            nodes: builder.nodes,
            sounds: sounds.len(),
            max_cost: budget.saturating_add(NEAR_MARGIN),
        })
    }

    /// Costs before any letter is read.
    pub fn start(&self) -> Costs {
        let mut costs = vec![UNREACHED; self.nodes.len()];
        if let Some(first) = costs.first_mut() {
            *first = 0;
        }
        self.settle(costs)
    }

    /// Costs after reading `letter` in state `costs`.
    pub fn step(&self, costs: &[u8], letter: char) -> Costs {
        if costs.is_empty() {
            return Vec::new();
        }
        let mut next = vec![UNREACHED; self.nodes.len()];
        for (node, &cost) in self.nodes.iter().zip(costs) {
            if cost == UNREACHED {
                continue;
            }
            for edge in node.edges.iter().filter(|e| e.letter == letter) {
                let to = &mut next[edge.to as usize];
                *to = (*to).min(cost.saturating_add(edge.cost));
            }
        }
        self.settle(next)
    }

    /// Follows the moves that read nothing and drops readings over the
    /// maximum cost; an empty vector when none is left.
    fn settle(&self, mut costs: Costs) -> Costs {
        for i in 0..self.nodes.len() {
            let cost = costs[i];
            if cost > self.max_cost {
                costs[i] = UNREACHED;
                continue;
            }
            for &(to, extra) in &self.nodes[i].skips {
                let to = &mut costs[to as usize];
                *to = (*to).min(cost.saturating_add(extra));
            }
        }
        if costs.iter().all(|&c| c == UNREACHED) {
            costs.clear();
        }
        costs
    }

    /// The cost of a whole term ending in `costs`, if it is a spelling.
    pub fn final_cost(&self, costs: &[u8]) -> Option<u8> {
        costs.last().copied().filter(|&c| c <= self.max_cost)
    }

    /// The cost of `term` (normalized Arabic) as a spelling of the word.
    pub fn cost_of(&self, term: &str) -> Option<u8> {
        let mut costs = self.start();
        for letter in term.chars() {
            costs = self.step(&costs, letter);
            if costs.is_empty() {
                return None;
            }
        }
        self.final_cost(&costs)
    }

    /// How sure `term`, reached at `cost`, is to be this word.
    pub fn judge(&self, term: &str, cost: u8) -> Option<Verdict> {
        judge(self.sounds, term, cost)
    }
}

/// How far past the budget a term is still offered as a "did you mean".
const NEAR_MARGIN: u8 = 2;

/// A word of n sounds may leave about one in three choices unusual (short
/// vowels unwritten: Rustam رستم, Kalbajar كلبجار).
fn budget(sounds: usize) -> u8 {
    u8::try_from(sounds / 3).unwrap_or(u8::MAX)
}

/// The verdict on a term of a word of `sounds` sounds, reached at `cost`:
/// a hit within the budget, a "did you mean" a little past it, or when the
/// term is too short to tell a name from a word; nothing beyond.
pub fn judge(sounds: usize, term: &str, cost: u8) -> Option<Verdict> {
    let letters = term.chars().count();
    let budget = budget(sounds);
    if letters < MIN_TERM_LETTERS || cost > budget.saturating_add(NEAR_MARGIN) {
        return None;
    }
    // A three-letter term is a hit only as the word's usual spelling.
    if cost > budget || (letters == MIN_TERM_LETTERS && cost > 0) {
        return Some(Verdict::Near);
    }
    Some(Verdict::Match)
}

#[derive(Default)]
struct Builder {
    nodes: Vec<Node>,
}

impl Builder {
    fn node(&mut self) -> u16 {
        self.nodes.push(Node::default());
        u16::try_from(self.nodes.len() - 1).unwrap_or(u16::MAX)
    }

    /// Appends a sound: from the current last node, each rendering is a chain
    /// of letters to one new end node (allocated last, so moves go forward).
    fn add(&mut self, sound: &[(&str, u8)]) {
        if self.nodes.is_empty() {
            self.node();
        }
        let from = (self.nodes.len() - 1) as u16;
        let mut chains: Vec<(u16, char, u8)> = Vec::new();
        let mut skips = Vec::new();
        for &(letters, cost) in sound {
            let mut at = from;
            let mut chars = letters.chars().peekable();
            if chars.peek().is_none() {
                skips.push(cost);
                continue;
            }
            let mut first = true;
            while let Some(letter) = chars.next() {
                let step_cost = if first { cost } else { USUAL };
                first = false;
                if chars.peek().is_none() {
                    // The last letter goes to the end node, made below.
                    chains.push((at, letter, step_cost));
                } else {
                    let to = self.node();
                    self.nodes[at as usize].edges.push(Edge {
                        letter,
                        to,
                        cost: step_cost,
                    });
                    at = to;
                }
            }
        }
        let end = self.node();
        for (at, letter, cost) in chains {
            self.nodes[at as usize].edges.push(Edge {
                letter,
                to: end,
                cost,
            });
        }
        for cost in skips {
            self.nodes[from as usize].skips.push((end, cost));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::normalize_word;

    fn verdict(latin: &str, arabic: &str) -> Option<Verdict> {
        let t = Transliteration::of(latin)?;
        let term = normalize_word(arabic);
        let cost = t.cost_of(&term)?;
        t.judge(&term, cost)
    }

    fn hit(latin: &str, arabic: &str) {
        assert_eq!(
            verdict(latin, arabic),
            Some(Verdict::Match),
            "{latin} → {arabic}"
        );
    }

    fn miss(latin: &str, arabic: &str) {
        assert_eq!(verdict(latin, arabic), None, "{latin} ↛ {arabic}");
    }

    #[test]
    fn folds_accents_to_digraphs_and_refuses_other_scripts() {
        assert_eq!(fold_latin("Erdoğan").as_deref(), Some("erdoghan"));
        assert_eq!(fold_latin("Çavuşoğlu").as_deref(), Some("chavushoghlu"));
        assert_eq!(fold_latin("Əliyev").as_deref(), Some("aliyev"));
        assert_eq!(fold_latin("Žižek").as_deref(), Some("zhizhek"));
        assert_eq!(fold_latin("بوتين"), None);
        assert_eq!(fold_latin("B52"), None);
        assert_eq!(fold_latin(""), None);
    }

    #[test]
    fn consonants_take_their_usual_letters() {
        hit("Pashinyan", "باشينيان"); // p → ب, sh → ش
        hit("Lavrov", "لافروف"); // v → ف
        hit("Gasparyan", "غاسباريان"); // g → غ
        hit("Georgia", "جورجيا"); // g → ج
        hit("Khachaturian", "خاتشاتوريان"); // kh → خ, ch → تش
        hit("Zhukov", "جوكوف"); // zh → ج
        hit("Artsakh", "أرتساخ"); // ts → تس
        hit("Qasim", "قاسم"); // q → ق, i unwritten
        hit("Tehran", "طهران"); // t → ط, e unwritten
        hit("Macron", "ماكرون"); // c → ك
        hit("Cicero", "سيسرو"); // c → س before i, e
        hit("Djibouti", "جيبوتي"); // dj → ج, ou → و
        hit("Interfax", "إنترفاكس"); // x → كس
        hit("Thessaloniki", "ثيسالونيكي"); // th → ث
        hit("Philadelphia", "فيلادلفيا"); // ph → ف
    }

    #[test]
    fn vowels_are_written_or_left_out_at_a_cost() {
        hit("Stepanakert", "ستيباناكيرت");
        hit("Blinken", "بلينكن");
        // Names spelled the Arabic way, short a unwritten, are offered, not
        // hit: the same rule would make Gandhi of جندي (the gazetteer has them).
        assert_eq!(verdict("Rustam", "رستم"), Some(Verdict::Near));
        assert_eq!(verdict("Kalbajar", "كلبجار"), Some(Verdict::Near));
        assert_ne!(verdict("Gandhi", "جندي"), Some(Verdict::Match));
        hit("Yerevan", "يريفان");
        hit("Ulyanovsk", "أوليانوفسك");
        hit("Emmanuel", "إيمانويل");
        hit("Baku", "باكو");
        hit("Trump", "ترامب");
        // A skeleton with every vowel dropped is not a name any more.
        assert_ne!(verdict("Salamanca", "سلمنك"), Some(Verdict::Match));
    }

    #[test]
    fn name_endings_come_out_as_news_writes_them() {
        hit("Aliyev", "علييف");
        hit("Hajiyev", "حاجييف");
        hit("Muradov", "مرادوف");
        hit("Vardanyan", "فاردانيان");
        hit("Abrahamian", "أبراهاميان");
        hit("Zelensky", "زيلينسكي");
        hit("Dostoevsky", "دوستويفسكي");
    }

    #[test]
    fn doubled_letters_are_written_once() {
        hit("Mussolini", "موسوليني");
        hit("Russia", "روسيا");
    }

    #[test]
    fn proclitics_and_the_article_may_stand_in_front() {
        hit("Stepanakert", "لستيباناكيرت");
        hit("Kremlin", "الكرملين");
        hit("Kremlin", "بالكرملين");
    }

    #[test]
    fn unrelated_words_are_refused() {
        miss("Stepanakert", "ستيبانيان");
        miss("Putin", "بيروت");
        miss("Baku", "بك");
        miss("London", "لبنان");
        miss("Madrid", "مدير");
        assert_ne!(verdict("Salem", "سلم"), Some(Verdict::Match));
    }

    #[test]
    fn short_or_non_latin_words_get_no_automaton() {
        assert!(Transliteration::of("Ali").is_none());
        assert!(Transliteration::of("بوتين").is_none());
        assert!(Transliteration::of("RT-5").is_none());
        assert!(Transliteration::of(&"a".repeat(40)).is_none());
    }

    #[test]
    fn judge_needs_longer_terms_for_unusual_spellings() {
        assert_eq!(judge(4, "بوش", 0), Some(Verdict::Match));
        assert_eq!(judge(4, "بوش", 1), Some(Verdict::Near));
        assert_eq!(judge(4, "بو", 0), None);
        assert_eq!(judge(9, "واشنطن", 3), Some(Verdict::Match));
        assert_eq!(judge(9, "واشنطن", 6), None);
    }
}
