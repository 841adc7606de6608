//! The words that say nothing about a dated event: function words, reporting
//! verbs and the words of date expressions. Clause cutting (which piece of a
//! sentence has content of its own) and merging (which terms two mentions share)
//! both leave them out, by the same rule.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use super::lexicon;

/// True for a word that can say what a mention is about: not a number, not a
/// function word or reporting verb, not a word of a date expression.
pub(crate) fn is_content_word(norm: &str) -> bool {
    let numeric = norm.chars().all(|c| c.is_ascii_digit());
    !numeric && norm.chars().count() >= 2 && !is_stopword(norm) && lexicon::lookup(norm).is_none()
}

/// A function word or reporting verb, also with a leading conjunction و.
pub(crate) fn is_stopword(norm: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| STOPWORDS.iter().copied().collect());
    let bare = norm
        .strip_prefix('و')
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(norm);
    set.contains(norm) || set.contains(bare)
}

/// Function words and reporting verbs, normalized (على → علي, إلى → الي).
const STOPWORDS: &[&str] = &[
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "ان",
    "انه",
    "انها",
    "انهم",
    "ما",
    "لا",
    "لم",
    "لن",
    "قد",
    "كان",
    "كانت",
    "يكون",
    "تكون",
    "التي",
    "الذي",
    "الذين",
    "اللذين",
    "اللتان",
    "اللتين",
    "هذه",
    "هذا",
    "ذلك",
    "تلك",
    "هناك",
    "هنا",
    "بين",
    "بعد",
    "قبل",
    "مع",
    "حتي",
    "او",
    "ام",
    "ثم",
    "كما",
    "كل",
    "بعض",
    "غير",
    "اي",
    "ايضا",
    "عند",
    "منذ",
    "خلال",
    "حول",
    "ضد",
    "دون",
    "نحو",
    "لدي",
    "اذ",
    "اذا",
    "هو",
    "هي",
    "هم",
    "فيه",
    "فيها",
    "منه",
    "منها",
    "عليه",
    "عليها",
    "به",
    "بها",
    "له",
    "لها",
    "لهم",
    "الا",
    "لكن",
    "حيث",
    "فقد",
    "بان",
    "بانه",
    "قال",
    "قالت",
    "اعلن",
    "اعلنت",
    "اكد",
    "اكدت",
    "ذكر",
    "ذكرت",
    "افاد",
    "افادت",
    "اشار",
    "اشارت",
    "اضاف",
    "اضافت",
    "وفق",
    "وفقا",
    "بحسب",
    "حسب",
    "تم",
    "يوم",
    "عام",
    "اليوم",
    "امس",
    "ذاته",
    "نفسه",
    "اول",
    "الاول",
    "الثاني",
    "لاحقا",
    "بعدها",
    "اعتبارا",
    "اعتبار",
    "اكثر",
    "اقل",
    "حوالي",
    "اخر",
    "اخري",
    "اخرين",
    "بينما",
    "عبر",
    "اثر",
    "اجل",
    "لدي",
    "مما",
    "عما",
    "كلا",
    "كلتا",
    "جميع",
];
