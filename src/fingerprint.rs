//! A fingerprint of profile.json's text, written on `<main>` by the prerendered page, so the app
//! can tell whether that page shows the profile it just fetched (then it takes the markup over)
//! or another one (then it renders the profile it fetched), and the name of the copy of the
//! profile the build keeps beside the page.

use std::hash::{DefaultHasher, Hasher};

/// 16 hex digits. std's hasher is stable for one toolchain, and the page and the wasm are
/// always built together by one `cargo xtask dist`; this is no security check.
pub fn fingerprint(text: &str) -> String {
    let mut hasher = DefaultHasher::new();
    hasher.write(text.as_bytes());
    format!("{:016x}", hasher.finish())
}

/// Where the build keeps the profile the page was built from (relative to the page): the app
/// takes the page over from it when the profile.json on the host cannot be read.
pub fn built_profile_path(fingerprint: &str) -> String {
    format!("profile-{fingerprint}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_differ_when_the_text_does() {
        assert_eq!(fingerprint("a"), fingerprint("a"));
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint("").len(), 16);
    }
}
