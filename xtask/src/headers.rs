//! What a static host needs besides the files: a strict Content-Security-Policy (with the
//! hashes of the page's inline scripts), caching that never serves a stale `index.html` or
//! `profile.json` yet keeps hashed assets for a year, and a `404.html`.
//!
//! `_headers` is read by Netlify and Cloudflare Pages; the same policy goes into a `<meta>` for
//! hosts that take no headers (GitHub Pages). The README lists the S3 + CloudFront equivalent.

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::rewrite::{find_once, replace_once};
use crate::Result;

/// Writes `_headers` and `404.html` into `dir` and the CSP `<meta>` into its `index.html`.
pub(crate) fn write(dir: &Path, public_url: &str, not_found_text: &str) -> Result {
    let index_path = dir.join("index.html");
    let page =
        fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    // The workbench's page (edit_page.rs), when built: one policy for both pages, so a host
    // that sends one for every path serves both.
    let edit_path = dir.join(crate::edit_page::DIR).join("index.html");
    let edit_page = fs::read_to_string(&edit_path).ok();
    let pages = std::iter::once(page.as_str()).chain(edit_page.as_deref());
    let (hashes, styles) = inline_hashes(pages);
    let policy = policy(&hashes, &styles);
    let page = with_meta_policy(&page, &policy, "the index.html Trunk built")?;
    fs::write(&index_path, &page).map_err(|e| e.to_string())?;
    if let Some(edit_page) = &edit_page {
        let edit_page = with_meta_policy(edit_page, &policy, "edit/index.html")?;
        fs::write(&edit_path, edit_page).map_err(|e| e.to_string())?;
    }
    let headers = headers_file(dir, public_url, &policy, edit_page.is_some())?;
    fs::write(dir.join("_headers"), headers).map_err(|e| e.to_string())?;
    fs::write(
        dir.join("404.html"),
        not_found(&page, public_url, not_found_text)?,
    )
    .map_err(|e| e.to_string())?;
    println!(
        "[dist] _headers (CSP with {} script hashes, caching), 404.html",
        hashes.len()
    );
    Ok(())
}

/// The hashes of the inline scripts and of the style elements of `pages`, each once.
fn inline_hashes<'a>(pages: impl Iterator<Item = &'a str>) -> (Vec<String>, Vec<String>) {
    let mut hashes: Vec<String> = Vec::new();
    let mut styles: Vec<String> = Vec::new();
    for text in pages {
        for (found, into) in [
            (inline_scripts(text), &mut hashes),
            (inline_styles(text), &mut styles),
        ] {
            for hash in found.iter().map(|s| sha256_source(s)) {
                if !into.contains(&hash) {
                    into.push(hash);
                }
            }
        }
    }
    (hashes, styles)
}

/// `page` with `policy` in a `<meta>` after its charset, for hosts that send no headers.
fn with_meta_policy(page: &str, policy: &str, what: &str) -> Result<String> {
    // In a <meta>, frame-ancestors is ignored (and Chromium says so): headers only.
    let meta_policy = policy.replace("; frame-ancestors 'none'", "");
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{meta_policy}\">");
    let charset = "<meta charset=\"utf-8\" />";
    replace_once(page, charset, &format!("{charset}{meta}"), what)
}

/// The `_headers` file: the policy and the other headers on the pages, and how long each file
/// may be cached.
fn headers_file(
    dir: &Path,
    public_url: &str,
    policy: &str,
    with_edit_page: bool,
) -> Result<String> {
    // Headers every response needs; the policy only on pages, the only responses a browser
    // applies it to (sent on every asset it cost 0.5 KB of transfer per request).
    let mut headers = String::from(concat!("/*\n", "  X-Content-Type-Options: nosniff\n",));
    // Always revalidated: a new profile.json or build reaches visitors on their next visit.
    // The referrer policy is the page's: it governs the requests the page makes (on the files
    // it fetches it would be bytes of every response, 0.2 KB of the first load, to no effect).
    let edit_paths: &[&str] = if with_edit_page {
        &["edit/", "edit/index.html"]
    } else {
        &[]
    };
    for path in ["", "index.html", "404.html"].iter().chain(edit_paths) {
        headers.push_str(&format!(
            concat!(
                "{public_url}{path}\n",
                "  Content-Security-Policy: {policy}\n",
                "  Referrer-Policy: strict-origin-when-cross-origin\n",
                "  Permissions-Policy: camera=(), microphone=(), geolocation=()\n",
                "  Cross-Origin-Opener-Policy: same-origin\n",
                "  Cache-Control: no-cache\n",
            ),
            public_url = public_url,
            path = path,
            policy = policy,
        ));
    }
    // The cards' details page (details_page.rs) has a policy of its own, which its `<meta>`
    // says too; it is named by its content, so it is cached for good below.
    if let Some(name) = crate::details_page::built(dir)? {
        headers.push_str(&format!(
            "{public_url}{name}\n  Content-Security-Policy: {}; frame-ancestors 'none'\n",
            crate::details_page::policy()
        ));
    }
    for path in ["profile.json", "og-image.png"] {
        headers.push_str(&format!("{public_url}{path}\n  Cache-Control: no-cache\n"));
    }
    // Content-hashed names change whenever the content does: cache them for a year.
    for name in hashed_files(dir)? {
        headers.push_str(&format!(
            "{public_url}{name}\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
    }
    Ok(headers)
}

/// The files of `dir` named by their content's hash, and the drawings' directory (drawings.rs),
/// as `_headers` paths.
fn hashed_files(dir: &Path) -> Result<Vec<String>> {
    let hashed_in = |sub: &str| -> Result<Vec<String>> {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else {
            return Ok(Vec::new());
        };
        Ok(entries
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| is_hashed(name))
            .map(|name| format!("{sub}{name}"))
            .collect())
    };
    let mut files = hashed_in("")?;
    files.extend(hashed_in(&format!("{}/", crate::edit_page::DIR))?);
    files.sort();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(crate::drawings::PREFIX) {
                files.push(format!("{name}/*"));
            }
        }
    }
    Ok(files)
}

/// The policy: nothing but this origin, wasm allowed to compile, inline scripts and style
/// elements by hash only (never a `style` attribute).
pub(crate) fn policy(script_hashes: &[String], style_hashes: &[String]) -> String {
    format!(
        concat!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self' {}; ",
            "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; ",
            "form-action 'self'; frame-ancestors 'none'",
        ),
        script_hashes.join(" "),
        style_hashes.join(" ")
    )
    .replace("  ", " ")
    .replace(" ;", ";")
}

/// A policy's source for an inline element with this text: `'sha256-…'`.
pub(crate) fn sha256_source(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// The text of every `<style>` element.
fn inline_styles(page: &str) -> Vec<&str> {
    page.match_indices("<style>")
        .filter_map(|(start, tag)| {
            let text = &page[start + tag.len()..];
            Some(&text[..text.find("</style>")?])
        })
        .collect()
}

/// The text of every inline script that runs (not JSON-LD data, not `src=` scripts).
fn inline_scripts(page: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<script") {
        let tag_end = start
            + rest[start..]
                .find('>')
                .map_or(rest.len() - start, |i| i + 1);
        let tag = &rest[start..tag_end];
        let body_end = tag_end
            + rest[tag_end..]
                .find("</script>")
                .unwrap_or(rest.len() - tag_end);
        if !tag.contains("src=") && !tag.contains("application/ld+json") {
            scripts.push(&rest[tag_end..body_end]);
        }
        rest = &rest[body_end..];
        if rest.is_empty() {
            break;
        }
        rest = &rest[1..];
    }
    scripts
}

/// `name-0123456789abcdef.ext`: Trunk's content-hashed asset names. Trunk writes the 64-bit
/// hash in hex without leading zeros, so one build in sixteen has 15 digits (a build's wasm
/// once went uncached for it); 12 or fewer would be one in 65,536.
fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// A 404 page: the site's head (styles, theme, policy), the profile's words for a missing page
/// and the title linking home. No app: the module script, the preloads and the JSON-LD are
/// left out, and the later stylesheet, which the app's loader would add, is linked (out of its
/// `<noscript>`: the error panel's look is there), under `public_url`: the page answers for
/// any missing path, at any depth.
fn not_found(page: &str, public_url: &str, text: &str) -> Result<String> {
    let head = &page[..find_once(page, "</head>", "the built index.html")?];
    let head = replace_once(head, "<noscript>", "", "the built index.html")?;
    let head = replace_once(&head, "</noscript>", "", "the built index.html")?;
    let link = "<link rel=\"stylesheet\" href=\"";
    let mut head = replace_once(
        &head,
        link,
        &format!("{link}{public_url}"),
        "the built index.html",
    )?;
    for (open, close) in [
        ("<script type=\"module\">", "</script>"),
        ("<script type=\"application/ld+json\">", "</script>"),
        ("<link rel=\"modulepreload\"", ">"),
        ("<link rel=\"preload\"", ">"),
    ] {
        while let Some(start) = head.find(open) {
            let end = head[start..]
                .find(close)
                .map_or(head.len(), |e| start + e + close.len());
            head.replace_range(start..end, "");
        }
    }
    let title = page
        .find("<title>")
        .and_then(|s| {
            page[s + 7..]
                .find("</title>")
                .map(|e| &page[s + 7..s + 7 + e])
        })
        .unwrap_or("");
    // The page's own title says it is a 404, in the tab and in history.
    let head = head.replacen("<title>", "<title>404 · ", 1);
    let text = crate::prerender::html_escape(text);
    Ok(format!(
        concat!(
            "{head}</head><body><main id=\"main\" class=\"not-found\">",
            "<section class=\"load-error box\"><p class=\"kicker\">404</p><h1>{text}</h1>",
            "<p><a href=\"{public_url}\">{title}</a></p></section></main></body></html>\n",
        ),
        head = head,
        text = text,
        public_url = public_url,
        title = title,
    ))
}

pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn only_running_inline_scripts_are_hashed() {
        let page = concat!(
            r#"<script>a()</script><script src="x.js"></script>"#,
            r#"<script type="module">b()</script><script type="application/ld+json">{}</script>"#,
        );
        assert_eq!(inline_scripts(page), ["a()", "b()"]);
    }

    #[test]
    fn hashed_asset_names_are_recognised() {
        assert!(is_hashed("portfolio-269220e988865721_bg.wasm"));
        assert!(is_hashed("main-3e2d0ecb3dd8e7b2.css"));
        assert!(
            is_hashed("later-94d3442cc3382b8d.css"),
            "the later stylesheet"
        );
        assert!(
            is_hashed("portfolio-8a9855fc27521c8_bg.wasm"),
            "a hash with a leading zero"
        );
        assert!(is_hashed("loader-0123456789abcdef.js"));
        assert!(is_hashed("islands-0123456789abcdef.json"));
        assert!(!is_hashed("profile.json"));
        assert!(!is_hashed("index.html"));
    }

    #[test]
    fn the_404_page_says_so_in_the_profile_s_words_and_links_home() {
        let page = concat!(
            r#"<html><head><title>Jo · Engineer</title><script type="module">go()</script>"#,
            r#"<noscript><link rel="stylesheet" href="later-1.css"></noscript>"#,
            "</head><body>…</body></html>",
        );
        let missing = not_found(page, "/portfolio/", "No page <here>.").unwrap();
        assert!(
            missing.contains("<title>404 · Jo · Engineer</title>"),
            "{missing}"
        );
        assert!(
            missing.contains("<h1>No page &lt;here&gt;.</h1>"),
            "{missing}"
        );
        assert!(
            missing.contains(r#"<a href="/portfolio/">Jo · Engineer</a>"#),
            "{missing}"
        );
        assert!(!missing.contains("go()"), "no app on the 404 page");
        assert!(
            missing.contains(r#"<link rel="stylesheet" href="/portfolio/later-1.css"></head>"#),
            "the later stylesheet is linked, for every visitor: {missing}"
        );
        assert!(not_found("<html><body>", "/", "No page.").is_err());
    }

    #[test]
    fn the_details_page_has_its_own_policy_and_is_cached_for_good() {
        let dir = std::env::temp_dir().join(format!("headers-details-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let page = concat!(
            "<!doctype html><html><head><meta charset=\"utf-8\" />",
            "<noscript><link rel=\"stylesheet\" href=\"later-1.css\"></noscript>",
            "</head><body><p>Jo</p></body></html>"
        );
        fs::write(dir.join("index.html"), page).unwrap();
        fs::write(dir.join("details-0123456789abcdef.html"), "<p>x</p>").unwrap();
        write(&dir, "/p/", "Not here").unwrap();
        let headers = fs::read_to_string(dir.join("_headers")).unwrap();
        let rules: Vec<&str> = headers
            .split("\n/")
            .filter(|rule| rule.starts_with("p/details-0123456789abcdef.html\n"))
            .map(str::trim_end)
            .collect();
        let policy = crate::details_page::policy();
        assert_eq!(
            rules,
            [
                format!(
                    "p/details-0123456789abcdef.html\n  Content-Security-Policy: {policy}; \
                     frame-ancestors 'none'"
                ),
                "p/details-0123456789abcdef.html\n  \
                 Cache-Control: public, max-age=31536000, immutable"
                    .to_string(),
            ],
            "{headers}"
        );
        assert!(
            policy.starts_with("default-src 'none'; style-src 'sha256-"),
            "{policy}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
