//! What a saved page says about itself: its title, its site, when it was
//! published and its address, from the places news sites put them (Open
//! Graph, `article:` properties, JSON-LD, `<time datetime>`, the canonical
//! link), the more specific first.

use dom_query::Document;
use serde_json::Value;

use crate::extract::xml::collapse_spaces;
use crate::extract::FileMeta;

/// JSON-LD types that describe the page's article (schema.org's
/// `NewsArticle`, `ReportageNewsArticle`, `BlogPosting`…).
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "BlogPosting",
    "Report",
    "WebPage",
    "LiveBlogPosting",
];

pub fn page_meta(doc: &Document) -> FileMeta {
    let mut meta = FileMeta::default();
    let ld = json_ld_article(doc);
    let ld_str = |path: &[&str]| ld.as_ref().and_then(|v| string_at(v, path));

    let site = meta_content(doc, "property", "og:site_name");
    meta.set_title(meta_content(doc, "property", "og:title"), "og:title");
    meta.set_title(ld_str(&["headline"]), "JSON-LD headline");
    meta.set_title(meta_content(doc, "name", "twitter:title"), "twitter:title");
    meta.set_title(title_element(doc, site.as_deref()), "<title>");

    meta.set_outlet(site, "og:site_name");
    meta.set_outlet(
        ld_str(&["publisher", "name"]).or_else(|| ld_str(&["publisher"])),
        "JSON-LD publisher",
    );
    meta.set_outlet(
        meta_content(doc, "name", "application-name"),
        "application-name",
    );

    meta.set_iso_date(
        meta_content(doc, "property", "article:published_time").as_deref(),
        "article:published_time",
    );
    meta.set_iso_date(
        ld_str(&["datePublished"]).as_deref(),
        "JSON-LD datePublished",
    );
    meta.set_iso_date(
        meta_content(doc, "itemprop", "datePublished").as_deref(),
        "itemprop=datePublished",
    );
    for name in [
        "date",
        "pubdate",
        "publishdate",
        "DC.date.issued",
        "dcterms.date",
        "DC.date",
    ] {
        meta.set_iso_date(
            meta_content(doc, "name", name).as_deref(),
            "<meta name=date>",
        );
    }
    meta.set_iso_date(time_datetime(doc).as_deref(), "<time datetime>");

    let canonical = doc
        .select(r#"link[rel~="canonical"]"#)
        .attr("href")
        .map(|h| h.to_string());
    // Only an absolute web address names where the page came from.
    let web =
        |url: Option<String>| url.filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    meta.set_url(web(canonical), "canonical link");
    meta.set_url(web(meta_content(doc, "property", "og:url")), "og:url");
    meta.set_url(web(ld_str(&["url"])), "JSON-LD url");
    meta
}

/// The `content` of the first `<meta>` whose `attr` is `value` (case as
/// written by the site, compared without case), trimmed, if not empty.
fn meta_content(doc: &Document, attr: &str, value: &str) -> Option<String> {
    doc.select(&format!("meta[{attr}]"))
        .nodes()
        .iter()
        .find(|m| {
            m.attr(attr)
                .is_some_and(|v| v.trim().eq_ignore_ascii_case(value))
        })
        .and_then(|m| m.attr("content"))
        .map(|c| collapse_spaces(&c))
        .filter(|c| !c.is_empty())
}

/// `<title>`, without the site's name when the title adds it after a
/// separator («العنوان | الجزيرة نت»): only a part that is the site's name
/// is cut, never a guess.
fn title_element(doc: &Document, site: Option<&str>) -> Option<String> {
    let title = collapse_spaces(&doc.select("head title").text());
    if title.is_empty() {
        return None;
    }
    if let Some(site) = site {
        for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » "] {
            if let Some((head, tail)) = title.rsplit_once(sep) {
                if tail.trim() == site.trim() && !head.trim().is_empty() {
                    return Some(head.trim().to_string());
                }
            }
            if let Some((head, tail)) = title.split_once(sep) {
                if head.trim() == site.trim() && !tail.trim().is_empty() {
                    return Some(tail.trim().to_string());
                }
            }
        }
    }
    Some(title)
}

/// The `datetime` of the page's publication `<time>`: one marked so
/// (`pubdate`, `itemprop="datePublished"`), else the first inside the
/// article, else the first of the page.
fn time_datetime(doc: &Document) -> Option<String> {
    [
        "time[pubdate][datetime]",
        r#"time[itemprop="datePublished"][datetime]"#,
        "article time[datetime]",
        "time[datetime]",
    ]
    .iter()
    .find_map(|sel| doc.select(sel).attr("datetime").map(|d| d.to_string()))
}

/// The page's article as JSON-LD describes it: the first object (alone, in
/// an array or in an `@graph`) of an article type.
fn json_ld_article(doc: &Document) -> Option<Value> {
    doc.select(r#"script[type="application/ld+json"]"#)
        .nodes()
        .iter()
        .filter_map(|s| serde_json::from_str::<Value>(s.text().trim()).ok())
        .find_map(|v| first_article(v, 0))
}

fn first_article(v: Value, depth: usize) -> Option<Value> {
    if depth > 3 {
        return None;
    }
    match v {
        Value::Array(items) => items.into_iter().find_map(|i| first_article(i, depth + 1)),
        Value::Object(mut o) => {
            if is_article_type(o.get("@type")) {
                return Some(Value::Object(o));
            }
            first_article(o.remove("@graph")?, depth + 1)
        }
        _ => None,
    }
}

fn is_article_type(t: Option<&Value>) -> bool {
    match t {
        Some(Value::String(s)) => ARTICLE_TYPES.iter().any(|a| s.ends_with(a)),
        Some(Value::Array(types)) => types.iter().any(|t| is_article_type(Some(t))),
        _ => false,
    }
}

/// The string at `path` (`publisher` → `name`), the first of an array.
fn string_at(v: &Value, path: &[&str]) -> Option<String> {
    let mut at = v;
    for key in path {
        at = at.get(key)?;
        if let Value::Array(items) = at {
            at = items.first()?;
        }
    }
    at.as_str().map(collapse_spaces).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(head: &str, body: &str) -> FileMeta {
        page_meta(&Document::from(
            format!("<html><head>{head}</head><body>{body}</body></html>").as_str(),
        ))
    }

    #[test]
    fn open_graph_and_article_properties_give_title_outlet_date_and_url() {
        let m = meta(
            r#"<title>قوات روسية تنتشر | الجزيرة نت</title>
            <meta property="og:title" content=" قوات حفظ السلام الروسية تنتشر ">
            <meta property="og:site_name" content="الجزيرة نت">
            <meta property="article:published_time" content="2020-11-10T06:12:00+03:00">
            <link rel="canonical" href="https://www.aljazeera.net/news/2020/11/10/x">"#,
            "",
        );
        assert_eq!(m.title.as_deref(), Some("قوات حفظ السلام الروسية تنتشر"));
        assert_eq!(m.outlet.as_deref(), Some("الجزيرة نت"));
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2020-11-10"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://www.aljazeera.net/news/2020/11/10/x")
        );
        assert_eq!(m.source_of("date"), Some("article:published_time"));
        assert_eq!(m.source_of("title"), Some("og:title"));
    }

    #[test]
    fn json_ld_fills_what_the_meta_tags_leave() {
        let m = meta(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"الموقع"},
              {"@type":"NewsArticle","headline":"العنوان من JSON-LD","datePublished":"2023-09-21T08:00:00Z",
               "publisher":{"@type":"Organization","name":"وكالة الأنباء"},"url":"https://example.com/a"}]}</script>"#,
            "",
        );
        assert_eq!(m.title.as_deref(), Some("العنوان من JSON-LD"));
        assert_eq!(m.outlet.as_deref(), Some("وكالة الأنباء"));
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2023-09-21"));
        assert_eq!(m.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(m.source_of("outlet"), Some("JSON-LD publisher"));
    }

    #[test]
    fn the_title_loses_only_the_site_name_and_time_gives_the_date() {
        let m = meta(
            r#"<title>الجزيرة نت - انتشار القوات الروسية</title><meta property="og:site_name" content="الجزيرة نت">"#,
            r#"<aside><time datetime="2019-01-01">قديم</time></aside><article><time datetime="2021-03-04T10:00">4 مارس</time></article>"#,
        );
        assert_eq!(m.title.as_deref(), Some("انتشار القوات الروسية"));
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2021-03-04"));
        assert_eq!(m.source_of("date"), Some("<time datetime>"));
        let m = meta("<title>حرب - قره باغ</title>", "");
        assert_eq!(m.title.as_deref(), Some("حرب - قره باغ"));
    }

    #[test]
    fn broken_or_foreign_values_are_no_values() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>
            <meta property="article:published_time" content="أمس">
            <meta property="og:url" content="/relative/path">
            <script type="application/ld+json">{"@type":"Person","name":"كاتب"}</script>"#,
            "",
        );
        assert_eq!(m, FileMeta::default());
    }
}
