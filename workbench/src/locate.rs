//! Every problem of a draft at its place in the text: the same parser and validator as
//! `cargo xtask check` (`parse.rs`, `validate.rs`), each problem with its line, column and JSON
//! path, and the byte where the editor puts the caret when it is chosen.
//!
//! A parse error names its own line and column; a broken rule names only its path
//! (`projects[2].diagram.edges[0].from`), found in the text by the spans of [`scan`]. A path
//! that the text does not hold all of (a missing field) is placed at the deepest value it does.
//!
//! Also [`pretty`]: a draft written on one line (the site serves profile.json compacted) laid out
//! one member per line, every token kept as written, so the editor's line numbers mean something.

use std::ops::Range;

use crate::text::scan::{parse_spans, tokens_from, Spanned, TokenKind};
use portfolio::model::Profile;
use portfolio::parse::{parse_profile, ParseError};
use portfolio::validate::validate;

/// One problem of a draft, where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// 1-based, as `cargo xtask check` counts.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// The JSON path, empty at the top level.
    pub path: String,
    pub message: String,
    /// The byte of the text the problem is at.
    pub at: usize,
}

/// What checking a draft gives: the profile when it parses, and every problem.
#[derive(Clone, Debug)]
pub struct Checked {
    pub profile: Option<Profile>,
    pub problems: Vec<Located>,
}

/// Parses and validates `text` as `cargo xtask check` does, each problem placed in the text.
pub fn check(text: &str) -> Checked {
    match parse_profile(text) {
        Ok(profile) => {
            let spans = parse_spans(text);
            let problems = validate(&profile)
                .into_iter()
                .map(|problem| {
                    let at = spans
                        .as_ref()
                        .map_or(0, |root| span_of_path(root, &problem.path).start);
                    located(text, at, problem.path, problem.message)
                })
                .collect();
            Checked {
                profile: Some(profile),
                problems,
            }
        }
        Err(error) => Checked {
            profile: None,
            problems: vec![parse_problem(text, error)],
        },
    }
}

/// A parse error at its line and column (serde_json counts the column in bytes), or at its
/// path when it has no place (a version the site does not read).
fn parse_problem(text: &str, error: ParseError) -> Located {
    match error {
        ParseError::Json {
            line,
            column,
            path,
            message,
        } => {
            let mut at = byte_at(text, line, column);
            if message.starts_with("expected `,`") {
                at = end_of_value_before(text, at);
            }
            located(text, at, path, message)
        }
        ParseError::Version { .. } => {
            let at = parse_spans(text).map_or(0, |root| span_of_path(&root, "schemaVersion").start);
            located(text, at, "schemaVersion".into(), error.to_string())
        }
    }
}

/// Where a missing comma goes: just after the value before byte `at`. serde_json names the
/// token after the gap, often the next line's first, but the comma is missing at the end of the
/// line before, and that is where the owner must type it.
fn end_of_value_before(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].trim_end().len()
}

fn located(text: &str, at: usize, path: String, message: String) -> Located {
    let (line, column) = line_and_column(text, at);
    Located {
        line,
        column,
        path,
        message,
        at,
    }
}

/// The byte at serde_json's `line` and byte `column` (1-based; column 0 is the line's end
/// before it), clamped to the text and moved back to a character's start.
fn byte_at(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The 1-based line and character column of byte `at`.
pub fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// One step of a problem's path.
#[derive(Debug, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// `projects[2].diagram`, `tags.aliases["SNS/SQS"]` as steps (validate's and parse's spelling).
fn steps(path: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix("[\"") {
            let (key, after) = quoted_key(quoted);
            steps.push(Step::Key(key));
            rest = after;
        } else if let Some(index) = rest.strip_prefix('[') {
            let end = index.find(']').unwrap_or(index.len());
            match index[..end].parse() {
                Ok(i) => steps.push(Step::Index(i)),
                Err(_) => return steps,
            }
            rest = index.get(end + 1..).unwrap_or("");
        } else {
            let name = rest.strip_prefix('.').unwrap_or(rest);
            let end = name.find(['.', '[']).unwrap_or(name.len());
            steps.push(Step::Key(name[..end].to_string()));
            rest = &name[end..];
        }
    }
    steps
}

/// A key written as Rust's `{:?}` writes it, up to its closing `"]`, and the rest of the path.
fn quoted_key(quoted: &str) -> (String, &str) {
    let mut key = String::new();
    let mut chars = quoted.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    key.push(escaped);
                }
            }
            '"' => return (key, quoted[i + 1..].strip_prefix(']').unwrap_or("")),
            _ => key.push(c),
        }
    }
    (key, "")
}

/// The span of the deepest value of `root` along `path`.
fn span_of_path(root: &Spanned, path: &str) -> Range<usize> {
    let mut here = root;
    for step in steps(path) {
        let next = match step {
            Step::Key(key) => here.member(&key),
            Step::Index(i) => here.elements().and_then(|e| e.get(i)),
        };
        match next {
            Some(value) => here = value,
            None => break,
        }
    }
    here.span.clone()
}

/// Whether `text` is worth laying out: JSON on one line longer than a screen is wide.
pub fn is_one_long_line(text: &str) -> bool {
    !text.trim_end().contains('\n') && text.len() > 120
}

/// `text` (JSON) with each member and element on a line of its own, indented by two spaces; every
/// token as written. Text that is not JSON comes back as it is.
pub fn pretty(text: &str) -> String {
    if parse_spans(text).is_none() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let mut tokens = tokens_from(text, 0).peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(token) = tokens.next() {
        let written = &text[token.span.clone()];
        match token.kind {
            TokenKind::OpenObject | TokenKind::OpenArray => {
                out.push_str(written);
                let closes = matches!(
                    tokens.peek().map(|t| t.kind),
                    Some(TokenKind::CloseObject | TokenKind::CloseArray)
                );
                if !closes {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            TokenKind::CloseObject | TokenKind::CloseArray => {
                if !out.ends_with(['{', '[']) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push_str(written);
            }
            TokenKind::Comma => {
                out.push(',');
                newline(&mut out, depth);
            }
            TokenKind::Colon => out.push_str(": "),
            _ => out.push_str(written),
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.json");

    #[test]
    fn a_syntax_error_is_at_its_line_and_column() {
        let text = "{\n  \"schemaVersion\": 1,\n  oops\n}";
        let checked = check(text);
        assert!(checked.profile.is_none());
        let problem = &checked.problems[0];
        assert_eq!((problem.line, problem.column), (3, 3), "{problem:?}");
        assert_eq!(&text[problem.at..problem.at + 4], "oops");
    }

    #[test]
    fn a_missing_comma_is_at_the_end_of_the_value_it_should_follow() {
        let text = "{\n  \"schemaVersion\": 1\n  \"site\": {}\n}";
        let problem = &check(text).problems[0];
        assert!(problem.message.starts_with("expected `,`"), "{problem:?}");
        assert_eq!((problem.line, problem.column), (2, 21), "{problem:?}");
        assert_eq!(&text[problem.at - 1..problem.at + 1], "1\n");
    }

    #[test]
    fn a_broken_rule_is_at_the_value_its_path_names() {
        let text = MINIMAL.replacen("\"to\": \"", "\"to\": \"nowhere-", 1);
        let checked = check(&text);
        assert!(checked.profile.is_some());
        let problem = checked
            .problems
            .iter()
            .find(|p| p.path.ends_with(".to"))
            .expect("an edge to an unknown node");
        assert!(text[problem.at..].starts_with("\"nowhere-"), "{problem:?}");
        let line = text[..problem.at].matches('\n').count() + 1;
        assert_eq!(problem.line, line);
    }

    #[test]
    fn a_valid_draft_has_no_problem() {
        let checked = check(MINIMAL);
        assert_eq!(checked.problems, Vec::new());
    }

    #[test]
    fn paths_are_read_in_both_spellings() {
        assert_eq!(
            steps("tags.aliases[\"SNS/SQS\"].x[2]"),
            [
                Step::Key("tags".into()),
                Step::Key("aliases".into()),
                Step::Key("SNS/SQS".into()),
                Step::Key("x".into()),
                Step::Index(2)
            ]
        );
        assert_eq!(steps(""), []);
    }

    #[test]
    fn pretty_keeps_every_token_and_parses_the_same() {
        let compact: String = {
            let value: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
            serde_json::to_string(&value).unwrap()
        };
        assert!(is_one_long_line(&compact));
        let laid_out = pretty(&compact);
        assert!(laid_out.lines().count() > 20, "{laid_out}");
        let a: serde_json::Value = serde_json::from_str(&compact).unwrap();
        let b: serde_json::Value = serde_json::from_str(&laid_out).unwrap();
        assert_eq!(a, b);
        assert_eq!(pretty("{\"a\": [}"), "{\"a\": [}", "not JSON: as it is");
        assert_eq!(
            pretty("{\"a\":[],\"b\":{}}"),
            "{\n  \"a\": [],\n  \"b\": {}\n}\n"
        );
    }
}
