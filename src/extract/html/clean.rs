//! What a saved page carries around its article and a reader never reads as
//! part of it: navigation, the site's header and footer, asides, menus, share
//! buttons, cookie banners, comments, forms, scripts. Taken out before the
//! readability pass chooses the article, so none of it can be chosen with it.
//!
//! Elements are taken out by what they are (`<nav>`, `role="navigation"`) and
//! by the words of their class and id (`cookie-banner`, `share-tools`), never
//! when those also say the element is the article (`article-body`).

use dom_query::{Document, NodeRef};

/// Elements that are never the article's text.
const NEVER_TEXT: &str = "script, style, noscript, template, iframe, object, embed, svg, \
    canvas, form, button, select, textarea, input, nav, aside, menu, dialog, \
    [role=navigation], [role=banner], [role=contentinfo], [role=complementary], \
    [role=search], [role=dialog], [role=alertdialog], [role=menu], [role=menubar], \
    [hidden], [aria-hidden=true]";

/// Words of a class or id that name furniture.
const FURNITURE: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "gdpr",
    "menu",
    "modal",
    "navbar",
    "newsletter",
    "popup",
    "promo",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "social",
    "sponsored",
    "subscribe",
    "subscription",
    "trending",
    "widget",
    "disqus",
    "toolbar",
    "mostread",
    "most",
    "tags",
    "print",
];

/// Words of a class or id that name the article itself: an element that says
/// it is the article stays, whatever else its classes say.
const ARTICLE: &[&str] = &[
    "article", "content", "main", "body", "story", "entry", "post", "text", "page",
];

/// Takes the furniture out of `doc`.
pub fn remove_furniture(doc: &Document) {
    doc.select(NEVER_TEXT).remove();
    for node in doc.select("header, footer").nodes() {
        // An article's own header holds its headline and date; the page's
        // header and every footer hold the site's furniture.
        if node.has_name("footer") || !inside_article(node) {
            node.remove_from_parent();
        }
    }
    for node in doc.select("[class], [id]").nodes() {
        if is_furniture(node) {
            node.remove_from_parent();
        }
    }
}

fn inside_article(node: &NodeRef) -> bool {
    node.ancestors_it(None).any(|a| {
        a.has_name("article")
            || a.has_name("main")
            || a.attr("role").is_some_and(|r| r.as_ref() == "main")
    })
}

/// True when the element's class and id words name furniture and none names
/// the article; `<body>`, `<html>`, `<main>` and `<article>` never are.
fn is_furniture(node: &NodeRef) -> bool {
    if ["html", "body", "main", "article"]
        .iter()
        .any(|n| node.has_name(n))
    {
        return false;
    }
    let mut names = String::new();
    for attr in ["class", "id"] {
        if let Some(v) = node.attr(attr) {
            names.push(' ');
            names.push_str(&v.to_ascii_lowercase());
        }
    }
    let words: Vec<&str> = names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| FURNITURE.contains(w)) && !words.iter().any(|w| ARTICLE.contains(w))
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
            <div class="cookie-banner">نستخدم ملفات تعريف الارتباط</div>
            <main><article><header><h1>العنوان</h1><time>أمس</time></header>
            <div class="article-body share-enabled"><p>النص</p></div>
            <div class="share-tools"><a>شارك</a></div>
            <footer>الوسوم: روسيا</footer></article>
            <aside>الأكثر قراءة</aside><section id="comments"><p>تعليق</p></section></main>
            <form><input value="ابحث"></form><footer>جميع الحقوق محفوظة</footer>
            <div role="navigation">روابط</div><div hidden>مخفي</div></body>"#,
        );
        assert_eq!(got, ["العنوان", "أمس", "النص"]);
    }

    #[test]
    fn a_class_word_must_be_whole() {
        // «shared», «adjacent», «headline» are not «share», «ad», «head».
        let got = cleaned(
            r#"<div class="shared adjacent"><p>يبقى</p></div><p class="headline">وهذا</p>"#,
        );
        assert_eq!(got, ["يبقى", "وهذا"]);
    }
}
