//! Decoding a source file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM,
//! or Windows-1256; binary and undecodable files are refused.

use super::{Skip, MAX_SOURCE_BYTES};

/// The character encodings sanad recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1256,
    /// Another encoding a file declares (an HTML page's `<meta charset>`),
    /// by its WHATWG name.
    Declared(&'static str),
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1256 => "windows-1256",
            Encoding::Declared(name) => name,
        }
    }
}

/// Decodes a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or
/// Windows-1256 when the bytes are not mostly UTF-8. Returns the text, the
/// encoding and how many sequences were replaced.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding, usize), Skip> {
    check_size(bytes)?;
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let replaced = text.matches('\u{FFFD}').count();
        return finish(text.into_owned(), encoding_named(enc), replaced);
    }
    if looks_binary(bytes) {
        return Err(Skip::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_string(), Encoding::Utf8, 0);
    }
    let (valid_multibyte, invalid) = utf8_census(bytes);
    if valid_multibyte >= 4 * invalid {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return finish(text, Encoding::Utf8, invalid);
    }
    let (text, _, _) = encoding_rs::WINDOWS_1256.decode(bytes);
    finish(text.into_owned(), Encoding::Windows1256, 0)
}

/// Decodes bytes in the encoding the file itself declares (a BOM still wins,
/// as browsers do), with the same checks as [`decode`].
pub fn decode_declared(
    bytes: &[u8],
    declared: &'static encoding_rs::Encoding,
) -> Result<(String, Encoding, usize), Skip> {
    check_size(bytes)?;
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return decode(bytes);
    }
    let (text, _, _) = declared.decode(bytes);
    let replaced = text.matches('\u{FFFD}').count();
    finish(text.into_owned(), encoding_named(declared), replaced)
}

/// An empty file and one over [`MAX_SOURCE_BYTES`] are not decoded.
fn check_size(bytes: &[u8]) -> Result<(), Skip> {
    if bytes.is_empty() {
        return Err(Skip::Empty);
    }
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(Skip::TooLarge(bytes.len() as u64));
    }
    Ok(())
}

fn encoding_named(enc: &'static encoding_rs::Encoding) -> Encoding {
    if enc == encoding_rs::UTF_8 {
        Encoding::Utf8
    } else if enc == encoding_rs::WINDOWS_1256 {
        Encoding::Windows1256
    } else if enc == encoding_rs::UTF_16LE {
        Encoding::Utf16Le
    } else if enc == encoding_rs::UTF_16BE {
        Encoding::Utf16Be
    } else {
        Encoding::Declared(enc.name())
    }
}

fn finish(
    text: String,
    encoding: Encoding,
    replaced: usize,
) -> Result<(String, Encoding, usize), Skip> {
    if text.trim().is_empty() {
        return Err(Skip::Empty);
    }
    let chars = text.chars().count();
    if replaced * 10 > chars {
        return Err(Skip::Undecodable(encoding.name()));
    }
    if text.contains('\0') {
        return Err(Skip::Binary);
    }
    Ok((text, encoding, replaced))
}

/// A NUL byte, or many control bytes, in the first 8 KiB mark a binary file.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len()
}

/// Counts valid non-ASCII characters and invalid sequences in `bytes` as UTF-8.
fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let mut valid = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode("سلام".as_bytes()).unwrap().0, "سلام");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("سلام".as_bytes());
        assert_eq!(decode(&bom).unwrap().0, "سلام");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "قره باغ".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(
            decode(&le).unwrap(),
            ("قره باغ".to_string(), Encoding::Utf16Le, 0)
        );
        assert_eq!(
            decode(&be).unwrap(),
            ("قره باغ".to_string(), Encoding::Utf16Be, 0)
        );
    }

    #[test]
    fn decodes_windows_1256() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("قوات حفظ السلام الروسية");
        let (text, enc, _) = decode(&bytes).unwrap();
        assert_eq!(
            (text.as_str(), enc),
            ("قوات حفظ السلام الروسية", Encoding::Windows1256)
        );
    }

    #[test]
    fn a_declared_encoding_is_used_unless_a_bom_says_otherwise() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("قره باغ");
        let got = decode_declared(&bytes, encoding_rs::WINDOWS_1256).unwrap();
        assert_eq!(got, ("قره باغ".to_string(), Encoding::Windows1256, 0));
        // ISO-8859-6 puts the Arabic letters elsewhere: declared, it is read so.
        let (iso, _, _) = encoding_rs::ISO_8859_6.encode("قره باغ");
        let got = decode_declared(&iso, encoding_rs::ISO_8859_6).unwrap();
        assert_eq!(
            got,
            ("قره باغ".to_string(), Encoding::Declared("ISO-8859-6"), 0)
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("سلام".as_bytes());
        let got = decode_declared(&bom, encoding_rs::WINDOWS_1256).unwrap();
        assert_eq!(got.1, Encoding::Utf8);
        assert_eq!(got.0, "سلام");
    }

    #[test]
    fn invalid_utf8_in_the_middle_keeps_the_rest() {
        let mut bytes = "قوات حفظ السلام ".repeat(5).into_bytes();
        bytes.extend_from_slice(&[0xFF, 0xFE, 0x80]);
        bytes.extend_from_slice("ستيباناكيرت".as_bytes());
        let (text, enc, replaced) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::Utf8);
        assert!(replaced >= 1);
        assert!(text.ends_with("ستيباناكيرت"));
    }

    #[test]
    fn files_over_the_limit_are_too_large() {
        let big = vec![b'a'; MAX_SOURCE_BYTES as usize + 1];
        assert_eq!(decode(&big), Err(Skip::TooLarge(MAX_SOURCE_BYTES + 1)));
        let message = Skip::TooLarge(100 * 1024 * 1024).to_string();
        assert_eq!(
            message,
            "too large (100.0 MB; sanad reads files up to 32.0 MB), skipped"
        );
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b""), Err(Skip::Empty));
        assert_eq!(decode(b"  \n"), Err(Skip::Empty));
        assert_eq!(decode(b"\x7fELF\x02\x01\x01\0\0\0"), Err(Skip::Binary));
    }
}
