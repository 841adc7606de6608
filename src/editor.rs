//! The command `e` runs to open a document at a paragraph: the config file's
//! template (`editor = "hx {file}:{line}"`), else `$VISUAL` / `$EDITOR` (split
//! as a shell would, so `code --wait` and quoted paths work) with the way that
//! editor is told a line.

use std::ffi::{OsStr, OsString};
use std::path::Path;

/// How the editors sanad knows take a line, by program name; `{file}` and
/// `{line}` are filled in. An editor not listed gets the file alone.
const TEMPLATES: &[(&[&str], &[&str])] = &[
    (
        &[
            "vi",
            "vim",
            "nvim",
            "gvim",
            "nano",
            "emacs",
            "emacsclient",
            "micro",
            "kak",
            "joe",
            "mg",
            "ne",
        ],
        &["+{line}", "{file}"],
    ),
    (&["hx", "helix"], &["{file}:{line}"]),
    (
        &["code", "codium", "code-insiders", "cursor"],
        &["--goto", "{file}:{line}"],
    ),
    (&["subl", "sublime_text", "zed"], &["{file}:{line}"]),
];

/// The editor used when neither a template nor `$VISUAL` / `$EDITOR` says.
pub const FALLBACK: &str = "vi";

/// The words of the command that opens `file` at `line`: `template` (from the
/// config file) if given, else `editor` (`$VISUAL` / `$EDITOR`) followed by its
/// known line form. A template without `{file}` gets the file at the end. The
/// file is passed as it is, never through a lossy string: a name that is not
/// UTF-8 reaches the editor byte for byte.
pub fn command(
    editor: &str,
    template: Option<&str>,
    file: &Path,
    line: usize,
) -> Result<Vec<OsString>, String> {
    let words: Vec<String> = match template {
        Some(t) => split(t)?,
        None => {
            let mut words = split(editor)?;
            let form = known_form(&words[0]).unwrap_or(&["{file}"]);
            words.extend(form.iter().map(|w| (*w).to_string()));
            words
        }
    };
    let mut out: Vec<OsString> = words
        .iter()
        .map(|w| fill(w, file.as_os_str(), line))
        .collect();
    if !words.iter().any(|w| w.contains("{file}")) {
        out.push(file.as_os_str().to_owned());
    }
    Ok(out)
}

/// The words of a command, never none: a blank command is [`FALLBACK`].
fn split(command: &str) -> Result<Vec<String>, String> {
    let words = shell_words::split(command).map_err(|e| format!("{command:?}: {e}"))?;
    if words.is_empty() {
        Ok(vec![FALLBACK.to_string()])
    } else {
        Ok(words)
    }
}

/// The line form of an editor known by its program's file name.
fn known_form(program: &str) -> Option<&'static [&'static str]> {
    let name = Path::new(program).file_name()?.to_str()?;
    let name = name.strip_suffix(".exe").unwrap_or(name);
    TEMPLATES
        .iter()
        .find(|(names, _)| names.contains(&name))
        .map(|(_, form)| *form)
}

/// A word with `{line}` and `{file}` filled in.
fn fill(word: &str, file: &OsStr, line: usize) -> OsString {
    let word = word.replace("{line}", &line.to_string());
    let mut out = OsString::new();
    let mut parts = word.split("{file}");
    if let Some(first) = parts.next() {
        out.push(first);
    }
    for part in parts {
        out.push(file);
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(editor: &str, template: Option<&str>) -> Vec<String> {
        command(editor, template, Path::new("/c/my file.txt"), 12)
            .unwrap()
            .into_iter()
            .map(|w| w.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn known_editors_get_their_line_form() {
        assert_eq!(words("nvim", None), ["nvim", "+12", "/c/my file.txt"]);
        assert_eq!(
            words("/usr/bin/emacs -nw", None),
            ["/usr/bin/emacs", "-nw", "+12", "/c/my file.txt"]
        );
        assert_eq!(words("hx", None), ["hx", "/c/my file.txt:12"]);
        assert_eq!(
            words("code --wait", None),
            ["code", "--wait", "--goto", "/c/my file.txt:12"]
        );
        assert_eq!(words("subl", None), ["subl", "/c/my file.txt:12"]);
        assert_eq!(words("kak", None), ["kak", "+12", "/c/my file.txt"]);
        assert_eq!(words("gedit", None), ["gedit", "/c/my file.txt"]);
        assert_eq!(words("  ", None), ["vi", "+12", "/c/my file.txt"]);
    }

    #[test]
    fn a_template_wins_and_quoted_paths_survive() {
        assert_eq!(
            words("vim", Some("'/opt/My Editor/bin/ed' --line {line} {file}")),
            ["/opt/My Editor/bin/ed", "--line", "12", "/c/my file.txt"]
        );
        assert_eq!(
            words("vim", Some("hx {file}:{line}")),
            ["hx", "/c/my file.txt:12"]
        );
        assert_eq!(
            words("vim", Some("myed -n{line}")),
            ["myed", "-n12", "/c/my file.txt"]
        );
        assert!(command("vim", Some("ed 'unclosed"), Path::new("f"), 1).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_passed_byte_for_byte() {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        let name = OsStr::from_bytes(b"/c/bad\xff.txt");
        let got = command("hx", None, Path::new(name), 3).unwrap();
        assert_eq!(got[1].clone().into_vec(), b"/c/bad\xff.txt:3".to_vec());
    }
}
