//! The draft codec of the workbench's shareable links: a profile draft (any text) as a string a
//! URL fragment carries as it is, `d1.` and the draft deflated and written in base64url, and
//! back.
//!
//! The whole draft travels in the fragment, as in Mermaid's live editor (`#pako:…`): the
//! fragment is never sent to a server, so sharing a draft needs none. Raw deflate because it is
//! the smallest of the usual wrappings (no zlib or gzip header and checksum: a link that was cut
//! short fails to inflate anyway), base64url because its alphabet is all unreserved characters
//! (RFC 3986), so a link survives being pasted into chats and mail without escaping. The `d1.`
//! prefix names the format's version, so a later format can still read (or refuse by name)
//! links made today.
//!
//! A link is someone else's text. Decoding never panics, and is bounded: a link whose draft would
//! inflate past [`MAX_DRAFT_BYTES`] is refused without inflating more than that, so a small
//! hostile link (a deflate bomb) cannot freeze the tab or exhaust its memory.

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;

/// What every link's fragment starts with: the codec (`d`, deflate) and its version (`1`).
pub const PREFIX: &str = "d1.";

/// The largest draft a link may hold, 1 MiB: many times a full profile (her profile.json is
/// 38 KB), yet inflating it takes milliseconds.
pub const MAX_DRAFT_BYTES: usize = 1 << 20;

/// Deflate's best compression: a draft is small, so the time is not noticed, and a shorter link
/// is what a chat or a mail client keeps whole.
const DEFLATE_LEVEL: u8 = 9;

/// base64url without padding when writing (the `=` would need escaping in some places), and
/// with or without when reading, since a tool that passes the link on may have added it.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why a link's fragment does not give back a draft.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DraftLinkError {
    /// The fragment is not a draft link at all (another page's anchor, or a link cut short
    /// before its prefix).
    #[error("the link holds no draft (a draft link's fragment starts with {PREFIX:?})")]
    NotADraftLink,
    /// A draft link of a version this page does not read (a later one's).
    #[error("the link holds a draft in format {found:?}, and this page reads {PREFIX:?}")]
    UnknownVersion { found: String },
    /// The draft's characters are not base64url (the link was changed or cut short).
    #[error("the link's draft is damaged: {0}")]
    NotBase64(String),
    /// The bytes are not a complete deflate stream (the link was cut short).
    #[error("the link's draft is damaged: it does not inflate ({0})")]
    NotDeflate(String),
    /// Inflated, the draft would be larger than [`MAX_DRAFT_BYTES`].
    #[error("the draft is larger than {MAX_DRAFT_BYTES} bytes, too large for a link")]
    TooLarge,
    /// The inflated bytes are not UTF-8 text.
    #[error("the link's draft is not text (UTF-8)")]
    NotUtf8,
}

/// The fragment of a link that holds `draft`, without the `#`: `d1.` and base64url characters
/// only. A draft larger than [`MAX_DRAFT_BYTES`] is refused, since no page would open its link.
pub fn encode_draft(draft: &str) -> Result<String, DraftLinkError> {
    if draft.len() > MAX_DRAFT_BYTES {
        return Err(DraftLinkError::TooLarge);
    }
    let deflated = miniz_oxide::deflate::compress_to_vec(draft.as_bytes(), DEFLATE_LEVEL);
    Ok(format!("{PREFIX}{}", BASE64URL.encode(deflated)))
}

/// The draft a link's fragment holds, byte for byte as it was encoded. The fragment may start
/// with its `#`, as `location.hash` gives it.
pub fn decode_draft(fragment: &str) -> Result<String, DraftLinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let encoded = without_prefix(fragment)?;
    // Deflate's stored blocks add 5 bytes in 65,535, so a link longer than this cannot hold a
    // draft within the limit: refused before any decoding.
    let longest_deflated = MAX_DRAFT_BYTES + MAX_DRAFT_BYTES / 1000 + 64;
    if encoded.len() > longest_deflated.div_ceil(3) * 4 {
        return Err(DraftLinkError::TooLarge);
    }
    let deflated = BASE64URL
        .decode(encoded)
        .map_err(|error| DraftLinkError::NotBase64(error.to_string()))?;
    // One byte over the limit tells a draft of exactly the limit from a larger one.
    let inflated =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_DRAFT_BYTES + 1)
            .map_err(|error| match error.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => DraftLinkError::TooLarge,
                _ => DraftLinkError::NotDeflate(error.to_string()),
            })?;
    if inflated.len() > MAX_DRAFT_BYTES {
        return Err(DraftLinkError::TooLarge);
    }
    String::from_utf8(inflated).map_err(|_| DraftLinkError::NotUtf8)
}

/// The encoded draft after the `d1.` prefix; another `d<n>.` is a version this page does not
/// read, anything else no draft link.
fn without_prefix(fragment: &str) -> Result<&str, DraftLinkError> {
    if let Some(encoded) = fragment.strip_prefix(PREFIX) {
        return Ok(encoded);
    }
    let versioned = fragment.split_once('.').filter(|(format, _)| {
        format.len() > 1
            && format.starts_with('d')
            && format[1..].bytes().all(|b| b.is_ascii_digit())
    });
    match versioned {
        Some((format, _)) => Err(DraftLinkError::UnknownVersion {
            found: format!("{format}."),
        }),
        None => Err(DraftLinkError::NotADraftLink),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a fragment may hold unescaped: RFC 3986's unreserved characters.
    fn is_unreserved(c: char) -> bool {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
    }

    #[test]
    fn the_rich_fixture_round_trips_in_a_link_a_fraction_of_its_size() {
        let draft = include_str!("../../../tests/fixtures/rich.json");
        let link = encode_draft(draft).unwrap();
        assert!(link.starts_with("d1."), "{link:.20}");
        assert!(link.chars().all(is_unreserved));
        assert!(
            link.len() < draft.len() / 2,
            "{} bytes of link for {} of draft",
            link.len(),
            draft.len()
        );
        assert_eq!(decode_draft(&link).unwrap(), draft);
        assert_eq!(decode_draft(&format!("#{link}")).unwrap(), draft);
    }

    #[test]
    fn the_empty_draft_round_trips() {
        assert_eq!(decode_draft(&encode_draft("").unwrap()).unwrap(), "");
    }

    #[test]
    fn padding_added_by_another_tool_is_read() {
        let link = encode_draft("{\"a\": 1}").unwrap();
        let padding = "=".repeat((4 - (link.len() - PREFIX.len()) % 4) % 4);
        assert!(!padding.is_empty(), "this draft's link would need padding");
        assert_eq!(
            decode_draft(&format!("{link}{padding}")).unwrap(),
            "{\"a\": 1}"
        );
    }

    #[test]
    fn each_broken_link_is_named() {
        let cases = [
            ("", DraftLinkError::NotADraftLink),
            ("#projects", DraftLinkError::NotADraftLink),
            ("pako:eNqrVkrOz0nJ", DraftLinkError::NotADraftLink),
            (
                "d2.AAAA",
                DraftLinkError::UnknownVersion {
                    found: "d2.".into(),
                },
            ),
        ];
        for (fragment, expected) in cases {
            assert_eq!(decode_draft(fragment), Err(expected), "{fragment:?}");
        }
        assert!(matches!(
            decode_draft("d1.a+b/"),
            Err(DraftLinkError::NotBase64(_))
        ));
        let link = encode_draft(&"a profile draft ".repeat(40)).unwrap();
        let cut_short = &link[..link.len() / 2];
        assert!(matches!(
            decode_draft(cut_short),
            Err(DraftLinkError::NotDeflate(_) | DraftLinkError::NotBase64(_))
        ));
        let latin1 = miniz_oxide::deflate::compress_to_vec(b"caf\xe9", 9);
        let link = format!("{PREFIX}{}", BASE64URL.encode(latin1));
        assert_eq!(decode_draft(&link), Err(DraftLinkError::NotUtf8));
    }

    #[test]
    fn a_deflate_bomb_is_refused_without_inflating_it() {
        // 64 MiB of spaces deflate to about 64 KB; the link must be refused at the limit.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 64 << 20], 9);
        let link = format!("{PREFIX}{}", BASE64URL.encode(&bomb));
        assert!(
            link.len() < 100_000,
            "the bomb's link is small: {}",
            link.len()
        );
        let started = std::time::Instant::now();
        assert_eq!(decode_draft(&link), Err(DraftLinkError::TooLarge));
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn the_limit_is_a_draft_of_exactly_that_size() {
        let largest = " ".repeat(MAX_DRAFT_BYTES);
        let link = encode_draft(&largest).unwrap();
        assert_eq!(decode_draft(&link).unwrap().len(), MAX_DRAFT_BYTES);
        assert_eq!(
            encode_draft(&format!("{largest} ")),
            Err(DraftLinkError::TooLarge)
        );
        let over = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_DRAFT_BYTES + 1], 9);
        let link = format!("{PREFIX}{}", BASE64URL.encode(over));
        assert_eq!(decode_draft(&link), Err(DraftLinkError::TooLarge));
    }

    #[test]
    fn a_link_too_long_to_hold_a_draft_is_refused_before_decoding() {
        let long = format!("{PREFIX}{}", "A".repeat(2 * MAX_DRAFT_BYTES));
        assert_eq!(decode_draft(&long), Err(DraftLinkError::TooLarge));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text comes back byte for byte, in a link of unreserved characters only.
        #[test]
        fn any_draft_round_trips(draft in any::<String>()) {
            let link = encode_draft(&draft).unwrap();
            prop_assert!(link.starts_with(PREFIX));
            prop_assert!(link.chars().all(is_unreserved), "{}", link);
            prop_assert_eq!(decode_draft(&link).unwrap(), draft);
        }

        /// Drafts that look like profiles (repetitive, with JSON's punctuation) as well.
        #[test]
        fn any_json_like_draft_round_trips(
            draft in "[ {}\\[\\]\":,a-z0-9\n\u{e9}\u{1f600}]{0,2000}",
        ) {
            prop_assert_eq!(decode_draft(&encode_draft(&draft).unwrap()).unwrap(), draft);
        }

        /// Decoding any fragment, or any draft link with damage, never panics.
        #[test]
        fn decoding_anything_never_panics(
            fragment in any::<String>(),
            tail in "[A-Za-z0-9_=-]{0,400}",
        ) {
            let _ = decode_draft(&fragment);
            let _ = decode_draft(&format!("{PREFIX}{tail}"));
        }

        /// Flipping any byte of a real link's draft gives an error or some text, never a panic.
        #[test]
        fn a_damaged_link_never_panics(at in any::<prop::sample::Index>(), to in "[A-Za-z0-9_-]") {
            let link = encode_draft(include_str!("../../../tests/fixtures/minimal.json")).unwrap();
            let at = PREFIX.len() + at.index(link.len() - PREFIX.len());
            let damaged = format!("{}{to}{}", &link[..at], &link[at + 1..]);
            let _ = decode_draft(&damaged);
        }
    }
}
