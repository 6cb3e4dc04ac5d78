//! Fetches profile.json with gloo-net and reads it into a page, turning every way that can fail
//! into a [`LoadError`].

use gloo_net::http::Request;

use crate::page::Page;
use crate::parse::{parse_profile, ParseError};

/// Relative to the page, so the site works at the root and under a sub-path (`/portfolio/`).
const PROFILE_URL: &str = "profile.json";

/// Why no profile could be shown. The text is what the error panel says.
#[derive(Clone, Debug, thiserror::Error)]
pub enum LoadError {
    #[error("Could not reach {url}: {reason}")]
    Network { url: String, reason: String },
    #[error("{url} answered HTTP {status} {status_text}")]
    Status {
        url: String,
        status: u16,
        status_text: String,
    },
    #[error("{url} is not a valid profile: {source}")]
    Parse {
        url: &'static str,
        #[source]
        source: ParseError,
    },
    /// It parses, but breaks a rule: the first problem, with its place.
    #[error("{url}: {first}")]
    Invalid { url: &'static str, first: String },
}

/// Fetches profile.json's text.
pub(crate) async fn fetch_text() -> Result<String, LoadError> {
    fetch_text_at(PROFILE_URL).await
}

/// Fetches the text at `url` (relative to the page).
pub async fn fetch_text_at(url: &str) -> Result<String, LoadError> {
    let network = |error: gloo_net::Error| LoadError::Network {
        url: url.to_string(),
        reason: error.to_string(),
    };
    let response = Request::get(url).send().await.map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    response.text().await.map_err(network)
}

/// Parses and validates a fetched profile, each step in its own task, so the browser can answer
/// a tap between them (Total Blocking Time counts each long task past 50 ms; on a slow phone
/// parsing and validating are tens).
pub(crate) async fn parse_page(text: &str) -> Result<Page, LoadError> {
    crate::browser::next_task().await;
    let profile = parse_profile(text).map_err(|source| LoadError::Parse {
        url: PROFILE_URL,
        source,
    })?;
    crate::browser::next_task().await;
    let page = Page::new(profile);
    crate::browser::next_task().await;
    Ok(page)
}

/// Like [`parse_page`], but a profile that breaks a rule is an error too: for a page that has
/// a built version to fall back on, which is better than one with parts replaced by problems.
pub(crate) async fn parse_valid_page(text: &str) -> Result<Page, LoadError> {
    let page = parse_page(text).await?;
    match page.problems().first() {
        None => Ok(page),
        Some(first) => Err(LoadError::Invalid {
            url: PROFILE_URL,
            first: first.to_string(),
        }),
    }
}
