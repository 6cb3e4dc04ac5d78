//! Where a draft comes from and where it is kept: a shared link's fragment (`#d1.…`, read once
//! and taken off the address), the browser's storage (the draft of last time, offered with
//! Discard), the site's own profile.json (`../profile.json`, laid out when the site serves it on
//! one line), or the minimal example.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{Notice, Workbench};
use crate::locate::{is_one_long_line, pretty};
use crate::text::draft_link::{decode_draft, PREFIX};
use portfolio::format::fill;

/// The site's profile, relative to this page (so a sub-path works).
const SITE_PROFILE: &str = "../profile.json";

/// The minimal example a fork starts from.
pub(crate) const MINIMAL: &str = include_str!("../../../tests/fixtures/minimal.json");

/// Opens the draft a visitor expects: the link's, else the one kept from last time, else the
/// site's profile.
pub(crate) fn open(workbench: Workbench) {
    let words = workbench.words();
    let hash = window().location().hash().unwrap_or_default();
    if let Some(fragment) = hash.strip_prefix('#').filter(|f| f.starts_with(PREFIX)) {
        forget_fragment();
        match decode_draft(fragment) {
            Ok(text) => workbench.load(
                text,
                Some(Notice {
                    text: words.from_link.clone(),
                    discard: false,
                }),
            ),
            Err(error) => workbench.notice.set(Some(Notice {
                text: fill(&words.bad_link, &[("reason", &error.to_string())]),
                discard: false,
            })),
        }
        return;
    }
    match kept() {
        Some(text) => workbench.load(
            text,
            Some(Notice {
                text: words.restored.clone(),
                discard: true,
            }),
        ),
        None => from_site(workbench),
    }
}

/// Fetches the site's profile.json into the editor.
pub(crate) fn from_site(workbench: Workbench) {
    let words = workbench.words();
    workbench.notice.set(Some(Notice {
        text: words.loading.clone(),
        discard: false,
    }));
    leptos::task::spawn_local(async move {
        match portfolio::load::fetch_text_at(SITE_PROFILE).await {
            Ok(text) => {
                let text = if is_one_long_line(&text) {
                    pretty(&text)
                } else {
                    text
                };
                workbench.load(text, None);
            }
            Err(error) => workbench.notice.set(Some(Notice {
                text: fill(&words.load_failed, &[("reason", &error.to_string())]),
                discard: false,
            })),
        }
    });
}

/// Drops the kept draft and starts again from the site's profile.
pub(crate) fn discard(workbench: Workbench) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key());
    }
    from_site(workbench);
}

/// Keeps the draft in the browser (a full storage keeps the last one that fitted).
pub(crate) fn keep(text: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&key(), text);
    }
}

fn kept() -> Option<String> {
    storage()?
        .get_item(&key())
        .ok()
        .flatten()
        .filter(|text| !text.is_empty())
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// One draft per page address: two sites under sub-paths of one host keep their own.
fn key() -> String {
    let path = window().location().pathname().unwrap_or_default();
    format!("workbench-draft:{path}")
}

/// The address without its fragment: the draft is read, and a reload is to show what was typed
/// since (the kept draft), not the link's again.
fn forget_fragment() {
    let location = window().location();
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
