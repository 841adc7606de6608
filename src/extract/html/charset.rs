//! The character encoding of a web page, as a browser finds it: a byte-order
//! mark, else the `<meta charset>` or `http-equiv` declaration near the top,
//! else what the bytes look like (UTF-8, or Windows-1256, the encoding of most
//! Arabic pages that declare none).

use crate::corpus::{decode, decode_declared, Encoding, Skip};

/// How far into the page a declaration is looked for. The HTML standard's
/// prescan reads 1024 bytes; saved pages often carry a long comment or
/// `<script>` first, so a little more is read.
const PRESCAN_BYTES: usize = 4096;

/// The page's text, the encoding it was read in and how many sequences were
/// replaced.
pub fn decode_page(bytes: &[u8]) -> Result<(String, Encoding, usize), Skip> {
    match declared_encoding(bytes) {
        Some(enc) => decode_declared(bytes, enc),
        None => decode(bytes),
    }
}

/// The encoding a `<meta>` near the top declares, if it names one encoding_rs
/// knows. A page cannot declare itself UTF-16 in ASCII bytes: such a label
/// means UTF-8, as the standard says.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        let tag = &rest[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(label) = charset_in(tag) {
            let enc = encoding_rs::Encoding::for_label(label.as_bytes())?;
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                },
            );
        }
        rest = &rest[at + 5..];
    }
    None
}

/// The value after `charset=` in a meta tag: its `charset` attribute or the
/// `content` of an `http-equiv="Content-Type"`.
fn charset_in(tag: &str) -> Option<&str> {
    let at = tag.find("charset")?;
    let value = tag[at + "charset".len()..].trim_start();
    let value = value.strip_prefix('=')?.trim_start();
    let value = value.trim_start_matches(['"', '\'']);
    let end = value
        .find(|c: char| c.is_ascii_whitespace() || matches!(c, '"' | '\'' | ';' | '/' | '>'))
        .unwrap_or(value.len());
    Some(&value[..end]).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_in(enc: &'static encoding_rs::Encoding, head: &str, body: &str) -> Vec<u8> {
        let html =
            format!("<!doctype html><html><head>{head}</head><body><p>{body}</p></body></html>");
        enc.encode(&html).0.into_owned()
    }

    #[test]
    fn a_meta_charset_names_the_encoding() {
        let body = "قوات حفظ السلام الروسية في ستيباناكيرت";
        for head in [
            r#"<meta charset="windows-1256">"#,
            "<meta charset=windows-1256>",
            "<META CHARSET='Windows-1256'/>",
            r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">"#,
            r#"<meta content="text/html;charset=cp1256" http-equiv="content-type">"#,
        ] {
            let (text, enc, replaced) =
                decode_page(&page_in(encoding_rs::WINDOWS_1256, head, body)).unwrap();
            assert_eq!((enc, replaced), (Encoding::Windows1256, 0), "{head}");
            assert!(text.contains(body), "{head}");
        }
        // ISO-8859-6 bytes would be misread as Windows-1256 without the label.
        let iso = page_in(
            encoding_rs::ISO_8859_6,
            r#"<meta charset="iso-8859-6">"#,
            body,
        );
        let (text, enc, _) = decode_page(&iso).unwrap();
        assert_eq!(enc, Encoding::Declared("ISO-8859-6"));
        assert!(text.contains(body));
    }

    #[test]
    fn without_a_declaration_the_bytes_tell() {
        let body = "أعلنت وزارة الدفاع الروسية";
        let utf8 = page_in(encoding_rs::UTF_8, "<title>t</title>", body);
        assert_eq!(decode_page(&utf8).unwrap().1, Encoding::Utf8);
        let cp = page_in(encoding_rs::WINDOWS_1256, "<title>t</title>", body);
        let (text, enc, _) = decode_page(&cp).unwrap();
        assert_eq!(enc, Encoding::Windows1256);
        assert!(text.contains(body));
    }

    #[test]
    fn a_bom_wins_and_a_utf16_label_means_utf8() {
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(page_in(
            encoding_rs::UTF_8,
            r#"<meta charset="windows-1256">"#,
            "سلام",
        ));
        let (text, enc, _) = decode_page(&bom).unwrap();
        assert_eq!(enc, Encoding::Utf8);
        assert!(text.contains("سلام"));
        let page = page_in(encoding_rs::UTF_8, r#"<meta charset="utf-16">"#, "سلام");
        assert_eq!(decode_page(&page).unwrap().1, Encoding::Utf8);
    }

    #[test]
    fn an_unknown_or_empty_label_is_no_declaration() {
        for head in [
            r#"<meta charset="klingon">"#,
            r#"<meta charset="">"#,
            "<meta name=charset>",
        ] {
            let page = page_in(encoding_rs::UTF_8, head, "سلام");
            assert_eq!(decode_page(&page).unwrap().1, Encoding::Utf8, "{head}");
        }
    }
}
