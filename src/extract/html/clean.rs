//! What a saved page carries around its article and what is never text:
//! scripts and styles, forms, navigation, asides, dialogs, ARIA landmarks of
//! the site (navigation, banner, footer, search), hidden elements, and the
//! page's own header and footer (not an article's header, which holds its
//! headline and date). Taken out by what the elements are, before the
//! readability pass chooses the article.
//!
//! By class and id names (`cookie-banner`, `share-tools`) only small
//! elements go, of less than [`WIDGET_CHARS`] characters: a share bar, a
//! cookie notice, a newsletter box. A container of the article may carry such
//! words too; taking those out whatever their size cut whole articles from
//! real pages (Mozilla's test pages `aclu`, `blogger`, `liberation-1`: 10 of
//! 130 pages below 0.9 recall, against 3 with the size bound;
//! `examples/html_eval.rs`). Larger ones are left to the readability pass,
//! which weighs them against the text they hold.

use dom_query::{Document, NodeRef};

/// Elements that are never the article's text. (`aria-hidden` is not among
/// them: MathJax hides its visual formulas from screen readers and shows them
/// to readers, and so do icon fonts, harmlessly.)
const NEVER_TEXT: &str = "script, style, noscript, template, iframe, object, embed, \
    canvas, form, button, select, textarea, input, nav, aside, menu, dialog, \
    [role=navigation], [role=banner], [role=contentinfo], [role=complementary], \
    [role=search], [role=dialog], [role=alertdialog], [role=menu], [role=menubar], \
    [hidden]";

/// Words of a class or id that name a widget around the article.
const WIDGET_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "breadcrumb",
    "breadcrumbs",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "promo",
    "sponsored",
    "popup",
    "modal",
    "toolbar",
    "print",
    "editsection",
    "related",
    "tags",
    "trending",
    "mostread",
];

/// Elements named by [`WIDGET_WORDS`] are taken out below this many
/// characters of text (Readability's own threshold for share elements).
pub const WIDGET_CHARS: usize = 500;

/// Takes what is never text, the page's own header and footer, and small
/// widgets out of `doc`.
pub fn remove_furniture(doc: &Document) {
    doc.select(NEVER_TEXT).remove();
    for node in doc.select("[class], [id]").nodes() {
        if is_widget(node) {
            node.remove_from_parent();
        }
    }
    for node in doc.select("header, footer").nodes() {
        // An article's own header holds its headline and date, and its
        // footer its notes or tags: the page's hold the site's furniture.
        if !inside_content(node) {
            node.remove_from_parent();
        }
    }
}

/// Inside an `<article>`, a `<main>` or an element with the `main` role, or
/// in a page that has none of them (then any header may be the article's).
fn inside_content(node: &NodeRef) -> bool {
    let is_content = |a: &NodeRef| {
        a.has_name("article")
            || a.has_name("main")
            || a.attr("role").is_some_and(|r| r.as_ref() == "main")
    };
    node.ancestors_it(None).any(|a| is_content(&a))
}

/// Where widgets live: blocks, never inline elements (a link of class
/// `popup` is a footnote in the text) nor the page's main containers.
const WIDGET_ELEMENTS: &[&str] = &["div", "section", "ul", "ol", "figure", "table", "p"];

/// A small block whose class or id words name a widget.
fn is_widget(node: &NodeRef) -> bool {
    if !WIDGET_ELEMENTS.iter().any(|n| node.has_name(n)) {
        return false;
    }
    let mut names = String::new();
    for attr in ["class", "id"] {
        if let Some(v) = node.attr(attr) {
            names.push(' ');
            names.push_str(&v.to_ascii_lowercase());
        }
    }
    let named = names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| WIDGET_WORDS.contains(&w));
    named && node.text().chars().count() < WIDGET_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::blocks::lines_of;

    fn cleaned(html: &str) -> Vec<String> {
        let doc = Document::from(html);
        remove_furniture(&doc);
        lines_of(&doc.root(), None)
    }

    #[test]
    fn page_furniture_goes_and_the_article_stays() {
        let got = cleaned(
            r#"<body><header><a>الرئيسية</a></header><nav><a>سياسة</a></nav>
            <main><article><header><h1>العنوان</h1><time>أمس</time></header>
            <div class="article-body"><p>النص</p></div>
            <footer>الوسوم: روسيا</footer></article>
            <aside>الأكثر قراءة</aside></main>
            <form><input value="ابحث"></form><footer>جميع الحقوق محفوظة</footer>
            <div role="navigation">روابط</div><div hidden>مخفي</div></body>"#,
        );
        assert_eq!(got, ["العنوان", "أمس", "النص", "الوسوم: روسيا"]);
    }

    #[test]
    fn small_widgets_go_and_large_containers_stay_whatever_their_class() {
        let article = "نص المقالة الطويل. ".repeat(40);
        let got = cleaned(&format!(
            r#"<div class="share-tools"><a>شارك</a><a>غرد</a></div><div id="cookie-notice">نستخدم الكوكيز</div>
            <div class="post share-enabled"><p>{article}</p></div><p class="adjacent">يبقى</p>"#
        ));
        assert_eq!(got, [article.trim(), "يبقى"]);
    }

    #[test]
    fn inline_elements_are_never_widgets() {
        let got = cleaned(
            r##"<p>انظر <a class="popup" href="#n1">الحاشية</a> و<span class="share">هذا</span></p>"##,
        );
        assert_eq!(got, ["انظر الحاشية وهذا"]);
    }

    #[test]
    fn formulas_hidden_from_screen_readers_are_shown_to_readers() {
        let got = cleaned(r#"<p><span aria-hidden="true">x = 2</span></p>"#);
        assert_eq!(got, ["x = 2"]);
    }
}
