//! Running poppler's `pdftotext` and `pdfinfo` on a PDF's bytes: fed on
//! standard input (sanad never writes a copy), with a time limit and bounded
//! output, so a hostile PDF can neither hang the index nor fill memory.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::unextractable;
use crate::corpus::Skip;

/// Longer than any honest PDF of the sizes sanad reads takes (a 30 MB book
/// extracts in a few seconds); a file that takes longer is a trap.
const TIME_LIMIT: Duration = Duration::from_secs(120);
/// More text than this from one PDF is not a source but a dump.
const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;
/// Enough of standard error to say why poppler failed.
const MAX_ERROR_BYTES: u64 = 16 * 1024;

/// What `pdfinfo` tells of a PDF.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Info {
    pub title: Option<String>,
    /// ISO 8601, as `-isodates` prints it.
    pub created: Option<String>,
}

/// The PDF's text, pages separated by form feeds, in logical order.
pub fn text(pdf: &[u8]) -> Result<String, Skip> {
    let out = run(
        "pdftotext",
        &["-enc", "UTF-8", "-eol", "unix", "-", "-"],
        pdf,
    )?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The PDF's Info title and creation date.
pub fn info(pdf: &[u8]) -> Result<Info, Skip> {
    let out = run("pdfinfo", &["-isodates", "-enc", "UTF-8", "-"], pdf)?;
    Ok(parse_info(&String::from_utf8_lossy(&out)))
}

fn parse_info(printed: &str) -> Info {
    let mut info = Info::default();
    for line in printed.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = Some(value.trim().to_string()).filter(|v| !v.is_empty());
        match key {
            "Title" => info.title = value,
            "CreationDate" => info.created = value,
            _ => {}
        }
    }
    info
}

/// Runs `program` with `input` on its standard input and returns what it
/// printed, or why not (not installed, failed, too slow, too much).
fn run(program: &str, args: &[&str], input: &[u8]) -> Result<Vec<u8>, Skip> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => unextractable(format!(
                "{program} is not installed: sanad reads PDFs with poppler's tools \
                 (apt-get install poppler-utils, brew install poppler)"
            )),
            _ => unextractable(format!("cannot run {program}: {e}")),
        })?;
    let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    let outcome = std::thread::scope(|scope| {
        // A program that stops reading (it found the file broken) closes the
        // pipe: the write error then says nothing more than its exit will.
        scope.spawn(move || stdin.map(|mut s| s.write_all(input)));
        let out = scope.spawn(move || read_limited(stdout, MAX_TEXT_BYTES));
        let err = scope.spawn(move || read_limited(stderr, MAX_ERROR_BYTES));
        let status = wait_limited(&mut child, TIME_LIMIT);
        let out = out.join().unwrap_or_default();
        let err = err.join().unwrap_or_default();
        (status, out, err)
    });
    let (status, out, err) = outcome;
    let status = status.ok_or_else(|| {
        unextractable(format!(
            "{program} took longer than {}s",
            TIME_LIMIT.as_secs()
        ))
    })?;
    if out.len() as u64 > MAX_TEXT_BYTES {
        return Err(unextractable(format!(
            "more than {} MB of text",
            MAX_TEXT_BYTES / (1024 * 1024)
        )));
    }
    if !status.success() {
        return Err(unextractable(failure_reason(&String::from_utf8_lossy(
            &err,
        ))));
    }
    Ok(out)
}

/// At most `limit + 1` bytes of a pipe (one more, to tell that it overflowed);
/// the rest is read and dropped so the program is not blocked writing it.
fn read_limited(pipe: Option<impl Read>, limit: u64) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(mut pipe) = pipe {
        let _ = (&mut pipe).take(limit + 1).read_to_end(&mut out);
        let _ = std::io::copy(&mut pipe, &mut std::io::sink());
    }
    out
}

/// The child's exit status, or `None` (and the child killed) past `limit`.
fn wait_limited(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Poppler's reason, in a few words: its last error line.
fn failure_reason(stderr: &str) -> String {
    if stderr.contains("Incorrect password") {
        return "encrypted: it needs a password".into();
    }
    let last_error = stderr
        .lines()
        .rev()
        .find(|l| l.contains("Error"))
        .or_else(|| stderr.lines().next_back())
        .map(|l| l.trim().trim_start_matches("Syntax Error: ").to_string());
    match last_error {
        // Printed through the display filter with every warning.
        Some(why) if !why.is_empty() => why.chars().take(120).collect(),
        _ => "not a PDF poppler can read".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdfinfo_output_gives_title_and_creation_date() {
        let printed = "Title:           تقرير: البعثة\nCreator:  x\nCreationDate:    2023-09-21T08:00:00+03\nModDate: 2024-01-01\nPages: 2\n";
        let info = parse_info(printed);
        assert_eq!(info.title.as_deref(), Some("تقرير: البعثة"));
        assert_eq!(info.created.as_deref(), Some("2023-09-21T08:00:00+03"));
        assert_eq!(parse_info("Title:   \n"), Info::default());
    }

    #[test]
    fn failures_say_why_in_one_line() {
        assert_eq!(
            failure_reason("Command Line Error: Incorrect password\n"),
            "encrypted: it needs a password"
        );
        assert_eq!(
            failure_reason(
                "Syntax Warning: May not be a PDF file\nSyntax Error: Couldn't read xref table\n"
            ),
            "Couldn't read xref table"
        );
        assert_eq!(failure_reason(""), "not a PDF poppler can read");
    }
}
