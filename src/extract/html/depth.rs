//! How deep a page's elements nest, told from its tags before it is parsed.
//!
//! An HTML5 tree builder looks through the stack of open elements for most
//! tags, so a page nested n elements deep costs n² to parse: a hostile or
//! broken page of 100 000 unclosed `<div>`s takes minutes. Pages people save
//! nest a few dozen deep (browsers stop laying out at a few hundred), so a
//! page nested deeper than [`MAX_DEPTH`] is refused before html5ever sees it.

/// Far past any page a browser lays out, and parsed in well under a second.
pub const MAX_DEPTH: usize = 2048;

/// Elements that never hold others, and those whose end tag HTML lets a page
/// leave out (a list of 5000 `<li>` without `</li>` is 5000 siblings, not
/// 5000 deep): neither counts as nesting.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "!doctype", "html", "head", "body",
];

/// Elements whose content is text up to their end tag, never tags.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// True when the tags of `html` open more than `limit` elements without
/// closing them, at any point.
pub fn nests_deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut depth: usize = 0;
    let mut at = 0;
    while let Some(off) = memchr_lt(&bytes[at..]) {
        at += off + 1;
        let rest = &html[at..];
        if rest.starts_with("!--") {
            at += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = usize::from(closing);
        let name: String = rest[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .take(16)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let tag_end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let self_closing = rest[..tag_end].ends_with("/>");
        if closing {
            depth = depth.saturating_sub(1);
        } else if RAW_TEXT.contains(&name.as_str()) {
            let end = format!("</{name}");
            let body = &rest[tag_end..];
            at += tag_end + find_ignoring_case(body, &end).unwrap_or(body.len());
            continue;
        } else if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
            depth += 1;
            if depth > limit {
                return true;
            }
        }
        at += tag_end;
    }
    false
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

/// Where `needle` (ASCII) first occurs in `hay`, without regard to case.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_by_open_elements() {
        let deep = format!("{}<p>x{}", "<div>".repeat(50), "</div>".repeat(50));
        assert!(!nests_deeper_than(&deep, 50));
        assert!(nests_deeper_than(&deep, 49));
        let siblings = "<div>x</div>".repeat(10_000);
        assert!(!nests_deeper_than(&siblings, 2));
    }

    #[test]
    fn elements_that_close_themselves_do_not_nest() {
        let list = format!("<ul>{}</ul>", "<li>بند<br><img src=x>".repeat(5000));
        assert!(!nests_deeper_than(&list, 4));
        let paragraphs = "<p>فقرة".repeat(5000);
        assert!(!nests_deeper_than(&paragraphs, 1));
        assert!(!nests_deeper_than(&"<span/>".repeat(100), 1));
    }

    #[test]
    fn tags_inside_scripts_and_comments_are_not_tags() {
        let page = format!(
            "<div><script>document.write('{}')</SCRIPT><!-- {} --></div>",
            "<div>".repeat(100),
            "<div>".repeat(100)
        );
        assert!(!nests_deeper_than(&page, 1));
    }

    #[test]
    fn broken_tags_end_the_scan_without_panic() {
        for page in [
            "<", "<div", "</", "<!--", "<script>", "<<<>>>", "<١>", "<dív>",
        ] {
            let _ = nests_deeper_than(page, 1);
        }
    }
}
