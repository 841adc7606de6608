//! Saved web pages (.html, .htm, .xhtml): the article's text in reading order,
//! its notes as the reference list, and what the page says about itself.
//!
//! * `charset`: the page's encoding, as a browser finds it.
//! * `meta`: title, site, publication date and address from the page's head.
//! * `notes`: reference lists and footnotes, and the markers that cite them.
//! * `clean`: the site's furniture (navigation, banners, share buttons…).
//! * `blocks`: the paragraphs of what is left.
//!
//! The page is parsed once by html5ever (through `dom_query`, as a browser
//! parses it, whatever its errors); the article is chosen among what is left
//! by `dom_smoothie`, a port of Mozilla's Readability (Firefox's reader view),
//! and a page it finds no article in is read whole.

mod blocks;
mod charset;
mod clean;
mod depth;
mod meta;
mod notes;

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use super::xml::assemble;
use super::Extracted;
use crate::bidi::Direction;
use crate::corpus::Skip;

/// A page of more elements than this is not scored for its article (the
/// scoring is the slow part) but read whole: a saved page of news holds a few
/// thousand.
const MAX_SCORED_ELEMENTS: usize = 60_000;

pub fn extract(bytes: &[u8]) -> Result<Extracted, Skip> {
    let (html, encoding, replaced) = charset::decode_page(bytes)?;
    if depth::nests_deeper_than(&html, depth::MAX_DEPTH) {
        return Err(Skip::Unextractable {
            format: "HTML",
            reason: format!("its elements nest more than {} deep", depth::MAX_DEPTH),
        });
    }
    let doc = Document::from(html.as_str());
    let meta = meta::page_meta(&doc);
    let direction = page_direction(&doc);
    let notes = without_furniture(&doc);
    let lines = article_lines(doc, direction).unwrap_or_else(|| {
        // No article found: the page read whole, parsed again (Readability
        // changed the first tree; keeping a copy of every page for this rare
        // case would cost more).
        let whole = Document::from(html.as_str());
        without_furniture(&whole);
        blocks::lines_of(&whole.root(), direction)
    });
    let mut out = assemble(lines, &notes, meta, Vec::new())?;
    out.encoding = encoding;
    out.replaced = replaced;
    Ok(out)
}

/// Takes the notes and the furniture out of `doc`; the notes' texts.
fn without_furniture(doc: &Document) -> Vec<String> {
    let notes = notes::take_notes(doc);
    clean::remove_furniture(doc);
    notes
}

/// The direction the page is written in: `<html dir>` or `<body dir>`, else
/// right to left for a page in Arabic script's languages (`lang="ar"`, `fa`,
/// `ur`…).
fn page_direction(doc: &Document) -> Option<Direction> {
    let attr = |sel: &str, name: &str| {
        doc.select(sel)
            .attr(name)
            .map(|v| v.trim().to_ascii_lowercase())
    };
    let declared = attr("body", "dir")
        .and_then(|d| blocks::direction_named(&d))
        .or_else(|| attr("html", "dir").and_then(|d| blocks::direction_named(&d)));
    if declared.is_some() {
        return declared;
    }
    let lang = attr("html", "lang")?;
    let primary = lang.split(['-', '_']).next().unwrap_or_default();
    ["ar", "fa", "ur", "ps", "ku", "ckb", "he", "yi"]
        .contains(&primary)
        .then_some(Direction::Rtl)
}

/// The lines of the page's article; the whole page's when it is too large to
/// score; `None` when Readability finds no article (a short page, a page of
/// lists).
fn article_lines(doc: Document, direction: Option<Direction>) -> Option<Vec<String>> {
    if doc.select("*").length() > MAX_SCORED_ELEMENTS {
        return Some(blocks::lines_of(&doc.root(), direction));
    }
    let article = Readability::with_document(doc, None, Some(Config::default()))
        .and_then(|mut r| r.parse())
        .ok()?;
    let content = Document::from(article.content.as_ref());
    Some(blocks::lines_of(&content.root(), direction)).filter(|lines| !lines.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Encoding;

    /// A news page as sites serve them: the article among the site's
    /// furniture.
    fn news_page(article: &str) -> String {
        format!(
            r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
            <title>انتشار القوات | وكالة الأنباء</title>
            <meta property="og:site_name" content="وكالة الأنباء">
            <meta property="article:published_time" content="2020-11-10T09:00:00+04:00">
            <script>var menu = "القائمة الرئيسية";</script></head>
            <body><header class="site-header"><a href="/">الرئيسية</a> <a href="/pol">سياسة</a></header>
            <nav><ul><li><a>اقتصاد</a></li><li><a>رياضة</a></li></ul></nav>
            <div id="cookie-consent">يستخدم هذا الموقع ملفات تعريف الارتباط <button>موافق</button></div>
            <main><article><h1>انتشار القوات</h1>{article}
            <div class="share-buttons"><a>شارك على فيسبوك</a><a>غرد</a></div></article>
            <aside class="most-read"><h3>الأكثر قراءة</h3><ol><li><a>خبر آخر عن الطقس</a></li></ol></aside>
            <section class="comments"><h3>تعليقات القراء</h3><p>تعليق: هذا خبر مهم جدا</p></section></main>
            <footer><p>جميع الحقوق محفوظة لوكالة الأنباء ٢٠٢٠</p></footer></body></html>"#
        )
    }

    const ARTICLE: &str =
        "<p>أعلنت وزارة الدفاع الروسية، فجر الثلاثاء، توجه قوات حفظ سلام تابعة لها \
        للانتشار في مناطق التماس بين قوات أذربيجان وأرمينيا في قره باغ.</p>\
        <p>وقالت الوزارة في بيان إن الكتيبة الأولى وصلت إلى ستيباناكيرت، وإن القوات ستنتشر \
        على طول ممر لاتشين الذي يربط الإقليم بأرمينيا.</p>\
        <p>وأضاف البيان أن نحو ألفي جندي روسي سيشاركون في المهمة لمدة خمس سنوات قابلة للتجديد، \
        وأن مراكز المراقبة ستقام على خط التماس.</p>";

    #[test]
    fn a_news_page_gives_its_article_and_nothing_of_the_site() {
        let got = extract(news_page(ARTICLE).as_bytes()).unwrap();
        let lines: Vec<&str> = got.text.lines().collect();
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("أعلنت وزارة الدفاع الروسية")),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("وأضاف البيان")),
            "{lines:?}"
        );
        for furniture in [
            "الرئيسية",
            "اقتصاد",
            "ملفات تعريف",
            "شارك على",
            "الأكثر قراءة",
            "تعليق",
            "الحقوق",
            "القائمة",
        ] {
            assert!(!got.text.contains(furniture), "{furniture} in {lines:?}");
        }
        assert_eq!(got.meta.title.as_deref(), Some("انتشار القوات"));
        assert_eq!(got.meta.outlet.as_deref(), Some("وكالة الأنباء"));
        assert_eq!(
            got.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2020-11-10")
        );
        assert_eq!(got.encoding, Encoding::Utf8);
    }

    #[test]
    fn a_windows_1256_page_is_read_in_its_declared_encoding() {
        let page = news_page(ARTICLE).replace(
            r#"<meta charset="utf-8">"#,
            r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">"#,
        );
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&page);
        let got = extract(&bytes).unwrap();
        assert_eq!(got.encoding, Encoding::Windows1256);
        assert!(got.text.contains("ستيباناكيرت"), "{}", got.text);
    }

    #[test]
    fn a_short_page_with_no_article_to_find_is_read_whole() {
        let got = extract("<html><body><p>سطر واحد قصير</p></body></html>".as_bytes()).unwrap();
        assert_eq!(got.text, "سطر واحد قصير\n");
    }

    #[test]
    fn notes_become_the_reference_list() {
        let article = format!(
            r##"{ARTICLE}<p>وأكدت موسكو ذلك<sup class="reference"><a href="#cite_note-1">[1]</a></sup>.</p>
            <ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><a href="#r">^</a></span> بيان وزارة الدفاع الروسية، 10 نوفمبر 2020.</li></ol>"##
        );
        let got = extract(news_page(&article).as_bytes()).unwrap();
        assert!(got.text.contains("وأكدت موسكو ذلك[1]."), "{}", got.text);
        assert!(
            got.text
                .ends_with("^ بيان وزارة الدفاع الروسية، 10 نوفمبر 2020.\n"),
            "{}",
            got.text
        );
    }

    #[test]
    fn pages_that_are_not_pages_are_skipped_with_a_reason() {
        assert_eq!(extract(b""), Err(Skip::Empty));
        assert_eq!(
            extract(b"<html><body><nav>menu</nav></body></html>"),
            Err(Skip::Empty)
        );
        let deep = "<div>".repeat(100_000);
        let started = std::time::Instant::now();
        let err = extract(deep.as_bytes()).unwrap_err();
        assert!(
            err.to_string().contains("nest more than 2048 deep"),
            "{err}"
        );
        // Refused by the scan, not after a parse of minutes.
        assert!(started.elapsed().as_secs() < 20);
    }
}
