//! Fetches profile.json with gloo-net and turns every way that can fail into a [`LoadError`].

use std::sync::Arc;

use gloo_net::http::Request;

use crate::model::Profile;
use crate::parse::{parse_profile, ParseError};
use crate::validate::{validate, Problem};

/// Relative to the page, so the site works at the root and under a sub-path (`/portfolio/`).
const PROFILE_URL: &str = "profile.json";

/// A profile that parsed, with the problems validation found in it (shown, not fatal).
#[derive(Clone, Debug)]
pub(crate) struct Loaded {
    pub(crate) profile: Arc<Profile>,
    pub(crate) problems: Arc<Vec<Problem>>,
    /// [`crate::render::fingerprint`] of the text it was parsed from.
    pub(crate) fingerprint: String,
}

impl Loaded {
    /// Validates once, at load, so nothing re-validates while rendering.
    pub(crate) fn new(profile: Profile, fingerprint: String) -> Self {
        let problems = validate(&profile);
        Self {
            profile: Arc::new(profile),
            problems: Arc::new(problems),
            fingerprint,
        }
    }
}

/// Why no profile could be shown. The text is what the error panel says.
#[derive(Clone, Debug, thiserror::Error)]
pub(crate) enum LoadError {
    #[error("Could not reach {url}: {reason}")]
    Network { url: &'static str, reason: String },
    #[error("{url} answered HTTP {status} {status_text}")]
    Status {
        url: &'static str,
        status: u16,
        status_text: String,
    },
    #[error("{url} is not a valid profile: {source}")]
    Parse {
        url: &'static str,
        #[source]
        source: ParseError,
    },
}

/// Fetches, parses and validates the profile.
pub(crate) async fn fetch_profile() -> Result<Loaded, LoadError> {
    let network = |error: gloo_net::Error| LoadError::Network {
        url: PROFILE_URL,
        reason: network_reason(error),
    };
    let response = Request::get(PROFILE_URL).send().await.map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: PROFILE_URL,
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let text = response.text().await.map_err(network)?;
    let profile = parse_profile(&text).map_err(|source| LoadError::Parse {
        url: PROFILE_URL,
        source,
    })?;
    Ok(Loaded::new(profile, crate::render::fingerprint(&text)))
}

/// What the browser said, e.g. "TypeError: Failed to fetch". Matched rather than formatted with
/// `to_string()`: gloo-net's `Display` covers its serde_json variant too, and formatting it
/// compiled serde_json's error messages into the wasm (measured 2 KB) for an error a fetch of
/// text never returns.
fn network_reason(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => [js.name, js.message].join(": "),
        gloo_net::Error::GlooError(text) => text,
        #[allow(unreachable_patterns)] // the `json` feature, when another crate turns it on
        _ => String::new(),
    }
}
