//! Measures the built site: every file of dist/ raw, gzip -9 and brotli (quality 11), and the
//! whole first load compressed, printed on every `dist` so each build shows what it weighs.

use std::io::Write;
use std::path::Path;

use crate::Result;

/// `bytes` gzipped at the best compression (-9), as a host would precompress them.
pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory")
}

/// `bytes` compressed with brotli at quality 11 (the best), as a host would precompress them.
pub(crate) fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("in memory");
    out
}

/// Prints the sizes of dist/: a measurement to read, not a check, so it never fails the build.
pub(crate) fn report(dist: &Path) -> Result {
    let mut total_brotli = 0;
    let mut entries: Vec<_> = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot read {}: {e}", dist.display()))?
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    println!("[size] file                                         raw       gzip -9   brotli");
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(crate::drawings::PREFIX) {
            report_drawings(&path, &name)?;
        }
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        let (gz, br) = (gzip(&bytes).len(), brotli(&bytes).len());
        if is_first_load(&name) {
            total_brotli += br;
        }
        println!("[size] {name:<44} {:>8} {:>9} {:>8}", bytes.len(), gz, br);
    }
    println!("[size] first load (every file a visitor fetches), brotli: {total_brotli} bytes");
    Ok(())
}

/// The drawing files (`drawings.rs`) as one line: how many, their total and their largest
/// (brotli). Not in the first load: an image is fetched as it nears the screen, one per card.
fn report_drawings(dir: &Path, name: &str) -> Result {
    let mut sizes = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten() {
        let bytes = std::fs::read(entry.path()).map_err(|e| e.to_string())?;
        sizes.push((bytes.len(), gzip(&bytes).len(), brotli(&bytes).len()));
    }
    let sum = |part: fn(&(usize, usize, usize)) -> usize| sizes.iter().map(part).sum::<usize>();
    let largest = sizes.iter().map(|s| s.2).max().unwrap_or(0);
    let files = format!("{name}/ ({} files)", sizes.len());
    println!(
        "[size] {files:<44} {:>8} {:>9} {:>8} (largest {largest})",
        sum(|s| s.0),
        sum(|s| s.1),
        sum(|s| s.2)
    );
    Ok(())
}

/// Whether a visitor's first load fetches the file: not the host's header rules, the 404 page,
/// the link-preview image, the icon files (the page carries its icon inline), the wasm chunks
/// split off the main module (`_bg.wasm`), fetched when first used, nor the build's copy of the
/// profile (`profile-<fingerprint>.json`), fetched only when profile.json cannot be read, nor the
/// cards' details page (`details-<hash>.html`), a link for readers without JavaScript (the
/// script fetches the same parts as `details-<hash>.json`, which counts). The later stylesheet
/// (`later-<hash>.css`) counts: fetched after the paint, as the glue and the wasm are, but by
/// every visitor whose browser runs the page's script; what the first paint needs is
/// index.html's row alone.
fn is_first_load(name: &str) -> bool {
    let lazy_chunk = name.ends_with(".wasm") && !name.ends_with("_bg.wasm");
    let details_page = crate::details_page::is_details_page(name);
    !matches!(name, "_headers" | "404.html" | "og-image.png")
        && !name.starts_with("favicon-")
        && !name.starts_with("profile-")
        && !details_page
        && !lazy_chunk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_shrinks_repetitive_input() {
        let text = "profile ".repeat(1000);
        assert!(gzip(text.as_bytes()).len() < 200);
        assert!(brotli(text.as_bytes()).len() < 200);
    }

    #[test]
    fn the_first_load_leaves_out_what_a_visitor_does_not_fetch() {
        assert!(is_first_load("index.html"));
        assert!(is_first_load("profile.json"));
        assert!(!is_first_load("profile-1336b453e4d0a26c.json"));
        assert!(is_first_load("portfolio-0123abcd_bg.wasm"));
        assert!(is_first_load("split-0123abcd.js"));
        // Asked for by every visit after the first paint: the later CSS, the loader, the
        // islands' props and the cards' details.
        assert!(is_first_load("later-0123456789abcdef.css"));
        assert!(is_first_load("loader-0123456789abcdef.js"));
        assert!(is_first_load("islands-0123456789abcdef.json"));
        assert!(is_first_load("details-0123456789abcdef.json"));
        let lazy = "split_save-0123abcd.wasm";
        for name in [
            "_headers",
            "404.html",
            "details-0123456789abcdef.html",
            "og-image.png",
            "favicon-32.png",
            lazy,
        ] {
            assert!(!is_first_load(name), "{name}");
        }
    }
}
