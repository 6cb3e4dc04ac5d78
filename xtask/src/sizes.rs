//! Measures the built site: the wasm raw, gzip -9 and brotli (quality 11), and the whole first
//! load compressed, printed against the budget so every `dist` shows where it stands.

use std::io::Write;
use std::path::Path;

use crate::Result;

/// The budget of the issues, in bytes (1 KB = 1000 bytes): at most 260 KB raw and 95 KB brotli
/// for the whole wasm, filter and diagrams included.
const BUDGET_RAW: usize = 260_000;
const BUDGET_BROTLI: usize = 95_000;

pub(crate) fn gzip(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory").len()
}

pub(crate) fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("in memory");
    out.len()
}

/// Prints the sizes of dist/. Over budget is reported loudly; it does not fail the build, so
/// the measurement is always visible (the README and the issue notes track it).
pub(crate) fn report(dist: &Path) -> Result {
    let mut total_brotli = 0;
    let mut wasm = None;
    let mut entries: Vec<_> = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot read {}: {e}", dist.display()))?
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    println!("[size] file                                         raw       gzip -9   brotli");
    for entry in entries {
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        let (gz, br) = (gzip(&bytes), brotli(&bytes));
        let name = entry.file_name().to_string_lossy().into_owned();
        // A visitor's first load fetches neither the host's header rules, the 404 page, the
        // link-preview image nor the icon file (the page carries it inline).
        if !matches!(name.as_str(), "_headers" | "404.html" | "og-image.png")
            && !name.starts_with("favicon-")
        {
            total_brotli += br;
        }
        println!("[size] {name:<44} {:>8} {:>9} {:>8}", bytes.len(), gz, br);
        if name.ends_with(".wasm") {
            wasm = Some((bytes.len(), br));
        }
    }
    println!("[size] first load (every file a visitor fetches), brotli: {total_brotli} bytes");
    if let Some((raw, br)) = wasm {
        let verdict = if raw <= BUDGET_RAW && br <= BUDGET_BROTLI {
            "within budget"
        } else {
            "OVER BUDGET"
        };
        println!("[size] wasm {raw} B raw, {br} B brotli; budget {BUDGET_RAW} raw, {BUDGET_BROTLI} brotli: {verdict}");
    }
    Ok(())
}

/// Fails when the wasm in `dist` is over the budget: `cargo xtask test` runs this, so a change
/// that grows the wasm past it does not land.
pub(crate) fn check_budget(dist: &Path) -> Result {
    let wasm = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot read {}: {e}", dist.display()))?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|e| e == "wasm"))
        .ok_or("no .wasm in dist/")?;
    let bytes = std::fs::read(&wasm).map_err(|e| e.to_string())?;
    let (raw, br) = (bytes.len(), brotli(&bytes));
    if raw <= BUDGET_RAW && br <= BUDGET_BROTLI {
        println!("[size] wasm {raw} B raw, {br} B brotli: within the budget of {BUDGET_RAW} / {BUDGET_BROTLI}");
        Ok(())
    } else {
        Err(format!("the wasm is {raw} B raw, {br} B brotli: over the budget of {BUDGET_RAW} raw / {BUDGET_BROTLI} brotli"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_shrinks_repetitive_input() {
        let text = "profile ".repeat(1000);
        assert!(gzip(text.as_bytes()) < 200);
        assert!(brotli(text.as_bytes()) < 200);
    }
}
