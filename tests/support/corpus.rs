//! The hostile corpus of `tests/fixtures/hostile/`, built here for all three of its readers
//! (`tests/hostile.rs`, the browser test in `tests/browser/e2e.rs` and `cargo xtask check`'s
//! test in `xtask/src/check/hostile.rs`), so they always read the same cases.
//!
//! `_base.json` is a small valid profile. Each case is `<name>.case`, how its text differs from
//! the base, beside `<name>.expected`, the problem lines it must give (one a line; empty when it
//! is valid). A case file is bytes, not JSON, so that it can hold what a profile must not:
//! broken syntax, duplicate keys, raw control characters, invalid UTF-8. It is a list of blocks,
//! each a marker line and the bytes after it up to the next marker line (the line break before a
//! marker, or at the end of the file, belongs to the marker, not to the bytes):
//!
//! ```text
//! # Comment lines may come before the first marker.
//! @@ find
//!     "name": "Ada Example",
//! @@ replace
//!     "name": null,
//! ```
//!
//! Each `find` must occur exactly once in the base, finds must not overlap, and each is replaced
//! by the `replace` after it. A case unlike the base (an empty file, a bare `null`) is instead one
//! `@@ text` block: its whole text. A case without blocks is the base itself.

use std::path::{Path, PathBuf};

/// Where the corpus is, from the workspace's root.
pub const DIR: &str = "tests/fixtures/hostile";

/// One case of the corpus.
pub struct Case {
    /// The file name without `.case`, e.g. `type-name-null`.
    pub name: String,
    /// The profile's bytes: the base with the case's edits made.
    pub bytes: Vec<u8>,
    /// Its `.expected` file (which a new case may not have yet).
    pub expected: PathBuf,
}

impl Case {
    /// The text as the site reads it: the browser's `Response.text()` decodes UTF-8 and replaces
    /// invalid bytes with U+FFFD, so a case of invalid bytes is read the same way here.
    /// (`cargo xtask check` refuses such a file before it checks anything.)
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// Every case of the corpus under `workspace`, sorted by name. Panics on a case that cannot be
/// built, and on a file that belongs to no case (a stale `.expected`, a stray file), so that no
/// reader skips what another reads.
pub fn cases(workspace: &Path) -> Vec<Case> {
    let dir = workspace.join(DIR);
    let base = std::fs::read(dir.join("_base.json"))
        .unwrap_or_else(|e| panic!("{}/_base.json: {e}", dir.display()));
    let mut cases = Vec::new();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        match path.extension().and_then(|ext| ext.to_str()) {
            Some("case") => {
                let name = file.trim_end_matches(".case").to_string();
                let edits = std::fs::read(&path).unwrap();
                let bytes = build(&base, &edits).unwrap_or_else(|e| panic!("{file}: {e}"));
                let expected = path.with_extension("expected");
                cases.push(Case {
                    name,
                    bytes,
                    expected,
                });
            }
            Some("expected") => assert!(
                path.with_extension("case").exists(),
                "{file} has no .case beside it"
            ),
            _ => assert_eq!(file, "_base.json", "not part of the corpus: {file}"),
        }
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

/// What a block of a case file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    Find,
    Replace,
    Text,
}

impl Marker {
    fn of_line(line: &[u8]) -> Option<Marker> {
        match line {
            b"@@ find" => Some(Marker::Find),
            b"@@ replace" => Some(Marker::Replace),
            b"@@ text" => Some(Marker::Text),
            _ => None,
        }
    }
}

/// The blocks of a case file, each its marker and its bytes.
fn blocks(case: &[u8]) -> Result<Vec<(Marker, &[u8])>, String> {
    let mut blocks: Vec<(Marker, usize, usize)> = Vec::new();
    let mut start = 0;
    while start < case.len() {
        let end = case[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(case.len(), |at| start + at);
        let line = &case[start..end];
        let next = (end + 1).min(case.len());
        match (Marker::of_line(line), blocks.last_mut()) {
            (Some(marker), last) => {
                if let Some(last) = last {
                    last.2 = start;
                }
                blocks.push((marker, next, next));
            }
            (None, Some(_)) => {}
            (None, None) if line.is_empty() || line.starts_with(b"#") => {}
            (None, None) => return Err("text before the first marker is not a # comment".into()),
        }
        start = end + 1;
    }
    if let Some(last) = blocks.last_mut() {
        last.2 = case.len();
    }
    Ok(blocks
        .into_iter()
        .map(|(marker, from, to)| {
            let bytes = &case[from..to.max(from)];
            (marker, bytes.strip_suffix(b"\n").unwrap_or(bytes))
        })
        .collect())
}

/// The case's bytes: `base` with the edits of the case file `case` made.
pub fn build(base: &[u8], case: &[u8]) -> Result<Vec<u8>, String> {
    let blocks = blocks(case)?;
    if let [(Marker::Text, text)] = blocks.as_slice() {
        return Ok(text.to_vec());
    }
    let mut edits = Vec::new();
    for pair in blocks.chunks(2) {
        let [(Marker::Find, find), (Marker::Replace, replace)] = pair else {
            return Err("blocks are `@@ find` + `@@ replace` pairs, or one `@@ text`".into());
        };
        let at = only_place(base, find)?;
        edits.push((at, at + find.len(), *replace));
    }
    edits.sort_by_key(|&(start, ..)| start);
    let mut bytes = Vec::new();
    let mut done = 0;
    for (start, end, replace) in edits {
        if start < done {
            return Err(format!(
                "two finds overlap at byte {start} of the base: {:?}",
                String::from_utf8_lossy(&base[start..end])
            ));
        }
        bytes.extend_from_slice(&base[done..start]);
        bytes.extend_from_slice(replace);
        done = end;
    }
    bytes.extend_from_slice(&base[done..]);
    Ok(bytes)
}

/// Where `find` starts in `base`, which must hold it exactly once.
fn only_place(base: &[u8], find: &[u8]) -> Result<usize, String> {
    let shown = || String::from_utf8_lossy(find).into_owned();
    if find.is_empty() {
        return Err("an empty find".into());
    }
    let mut places = base
        .windows(find.len())
        .enumerate()
        .filter(|(_, window)| *window == find)
        .map(|(at, _)| at);
    match (places.next(), places.next()) {
        (Some(at), None) => Ok(at),
        (None, _) => Err(format!("not in the base: {:?}", shown())),
        (Some(_), Some(_)) => Err(format!("more than once in the base: {:?}", shown())),
    }
}
