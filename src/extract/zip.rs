//! Reading the parts of a ZIP-based file (DOCX, ODT, EPUB) in memory, within
//! bounds.
//!
//! An archive is a few kilobytes that can claim to unpack to gigabytes, so
//! every read is bounded: how many entries the archive may list, how many
//! parts are read, how large each part may grow when inflated (read through
//! `take`, whatever size the archive declares) and how much is inflated in
//! all. Part names are only looked up, never used as paths: nothing is ever
//! written to disk.

use std::io::{Cursor, Read};

use ::zip::result::ZipError;
use ::zip::ZipArchive;

use crate::corpus::Skip;

/// More entries than any document or book has; a listing past it is a
/// hostile archive, and its central directory is not walked.
const MAX_ENTRIES: usize = 20_000;

/// What one archive may cost to read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Parts read (an EPUB reads one per chapter).
    pub parts: usize,
    /// Bytes one part may inflate to.
    pub part_bytes: u64,
    /// Bytes all the parts read may inflate to.
    pub total_bytes: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        parts: 5_000,
        part_bytes: 64 * 1024 * 1024,
        total_bytes: 256 * 1024 * 1024,
    };
}

/// An open archive, what it has cost so far counted.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// The format's name for messages: `DOCX`.
    format: &'static str,
    limits: Limits,
    parts_read: usize,
    bytes_read: u64,
}

impl<'a> Archive<'a> {
    /// Opens the archive in `bytes`, read as `format` (named in messages).
    pub fn open(bytes: &'a [u8], format: &'static str) -> Result<Archive<'a>, Skip> {
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| unextractable(format, format!("corrupt zip: {}", describe(&e))))?;
        if zip.len() > MAX_ENTRIES {
            return Err(unextractable(
                format,
                format!("{} entries in the zip, over {MAX_ENTRIES}", zip.len()),
            ));
        }
        Ok(Archive {
            zip,
            format,
            limits: Limits::DEFAULT,
            parts_read: 0,
            bytes_read: 0,
        })
    }

    /// The same archive with other bounds, for tests.
    #[cfg(test)]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// A skip for this archive's format with `reason`.
    pub fn fail(&self, reason: impl Into<String>) -> Skip {
        unextractable(self.format, reason.into())
    }

    /// The part named `name`, inflated, or `None` when there is none.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Skip> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        if self.parts_read >= self.limits.parts {
            let most = self.limits.parts;
            return Err(self.fail(format!("more than {most} parts to read")));
        }
        self.parts_read += 1;
        let left = self.limits.total_bytes.saturating_sub(self.bytes_read);
        let limit = self.limits.part_bytes.min(left);
        let format = self.format;
        let mut entry = self.zip.by_index(index).map_err(|e| match e {
            ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED)
            | ZipError::InvalidPassword => unextractable(format, format!("{name} is encrypted")),
            e => unextractable(format, format!("{name}: {}", describe(&e))),
        })?;
        if entry.encrypted() {
            return Err(unextractable(format, format!("{name} is encrypted")));
        }
        let mut bytes = Vec::new();
        // One byte past the limit tells a part that is too large from one
        // exactly at it.
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| unextractable(format, format!("{name}: corrupt zip: {e}")))?;
        if bytes.len() as u64 > limit {
            let reason = if limit == self.limits.part_bytes {
                format!("{name} inflates to more than {}", megabytes(limit))
            } else {
                let total = megabytes(self.limits.total_bytes);
                format!("its parts inflate to more than {total} in all")
            };
            return Err(unextractable(format, reason));
        }
        self.bytes_read += bytes.len() as u64;
        Ok(Some(bytes))
    }

    /// The part named `name` as text (XML parts are UTF-8), or `None` when
    /// there is none.
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, Skip> {
        let Some(mut bytes) = self.read(name)? else {
            return Ok(None);
        };
        if bytes.starts_with("\u{feff}".as_bytes()) {
            bytes.drain(..3);
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(text)),
            Err(_) => Err(self.fail(format!("{name} is not UTF-8"))),
        }
    }

    /// The part named `name` as text; its absence is the skip's reason.
    pub fn require_text(&mut self, name: &str) -> Result<String, Skip> {
        self.read_text(name)?
            .ok_or_else(|| self.fail(format!("no {name} in the zip")))
    }
}

/// The folder of a path in the archive (`OEBPS` for `OEBPS/content.opf`).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// The archive path an `href` written in a file of folder `dir` points to:
/// fragment dropped, percent escapes decoded, `.` and `..` resolved (never
/// above the archive's root: the path is only looked up).
pub fn resolve(dir: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    let href = percent_decoded(href);
    let mut parts: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in href.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

pub(super) fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

fn unextractable(format: &'static str, reason: String) -> Skip {
    Skip::Unextractable { format, reason }
}

/// A zip error as a short phrase for a message.
fn describe(e: &ZipError) -> String {
    match e {
        ZipError::Io(io) => io.to_string(),
        e => e.to_string(),
    }
}

/// Builds archives for the extractors' tests.
#[cfg(test)]
pub mod testing {
    use std::io::Write;

    use ::zip::write::SimpleFileOptions;
    use ::zip::{CompressionMethod, ZipWriter};

    /// A zip of `parts` (name, content), deflated, in the order given (the
    /// first stored, as EPUB wants its `mimetype`).
    pub fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (i, (name, content)) in parts.iter().enumerate() {
            let method = if i == 0 {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            };
            let options = SimpleFileOptions::default().compression_method(method);
            zip.start_file(*name, options).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::zip_of;
    use super::*;

    #[test]
    fn parts_are_read_by_name() {
        let bytes = zip_of(&[("a.xml", "<a>نص</a>"), ("b/c.xml", "\u{feff}<c/>")]);
        let mut zip = Archive::open(&bytes, "DOCX").unwrap();
        assert_eq!(
            zip.read_text("a.xml").unwrap().as_deref(),
            Some("<a>نص</a>")
        );
        assert_eq!(zip.read_text("b/c.xml").unwrap().as_deref(), Some("<c/>"));
        assert_eq!(zip.read_text("missing.xml").unwrap(), None);
        let missing = zip.require_text("word/document.xml").unwrap_err();
        assert_eq!(
            missing.to_string(),
            "cannot be read as DOCX (no word/document.xml in the zip), skipped"
        );
    }

    #[test]
    fn a_corrupt_zip_is_a_clear_skip() {
        for bytes in [&b"PK\x03\x04 not really"[..], b"", b"plain text"] {
            let Err(skip) = Archive::open(bytes, "ODT") else {
                panic!("opened {bytes:?}");
            };
            assert!(
                skip.to_string()
                    .starts_with("cannot be read as ODT (corrupt zip: "),
                "{skip}"
            );
        }
        // A truncated archive: its central directory is gone.
        let whole = zip_of(&[("a.xml", &"نص ".repeat(1000))]);
        assert!(Archive::open(&whole[..whole.len() / 2], "ODT").is_err());
    }

    #[test]
    fn a_part_that_inflates_past_the_bound_is_refused() {
        // 100 KB of one letter deflates to a few hundred bytes.
        let big = "ا".repeat(50_000);
        let bytes = zip_of(&[("m", ""), ("big.xml", &big)]);
        assert!(bytes.len() < 5_000);
        let limits = |part_bytes, total_bytes, parts| Limits {
            parts,
            part_bytes,
            total_bytes,
        };
        let open = |l| Archive::open(&bytes, "EPUB").unwrap().with_limits(l);
        let skip = open(limits(64 * 1024, 1 << 20, 9))
            .read("big.xml")
            .unwrap_err();
        assert_eq!(
            skip.to_string(),
            "cannot be read as EPUB (big.xml inflates to more than 0.1 MB), skipped"
        );
        let mut zip = open(limits(100_000, 150_000, 9));
        assert_eq!(zip.read("big.xml").unwrap().map(|b| b.len()), Some(100_000));
        // The second read of it passes the total, the third the parts bound.
        let skip = zip.read("big.xml").unwrap_err();
        assert!(
            skip.to_string()
                .contains("its parts inflate to more than 0.1 MB in all"),
            "{skip}"
        );
        let mut zip = open(limits(100_000, 1 << 20, 2));
        zip.read("m").unwrap();
        zip.read("big.xml").unwrap();
        let skip = zip.read("m").unwrap_err();
        assert!(
            skip.to_string().contains("more than 2 parts to read"),
            "{skip}"
        );
    }

    #[test]
    fn a_part_that_is_not_utf8_is_a_skip() {
        let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
        writer
            .start_file("x.xml", ::zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut writer, &[0xff, 0xfe, 0x00]).unwrap();
        let bytes = writer.finish().unwrap().into_inner();
        let mut zip = Archive::open(&bytes, "DOCX").unwrap();
        assert!(zip
            .read_text("x.xml")
            .unwrap_err()
            .to_string()
            .contains("not UTF-8"));
    }

    #[test]
    fn hrefs_resolve_inside_the_archive() {
        assert_eq!(
            resolve("OEBPS", "text/a%20b.xhtml#x"),
            "OEBPS/text/a b.xhtml"
        );
        assert_eq!(
            resolve("OEBPS/text", "../images/../c.xhtml"),
            "OEBPS/c.xhtml"
        );
        assert_eq!(resolve("", "../../../etc/passwd"), "etc/passwd");
        assert_eq!(resolve("a", "/b.xhtml"), "b.xhtml");
        assert_eq!(percent_decoded("%D9%86%ص%4"), "ن%ص%4");
    }

    use ::zip::ZipWriter;
}
