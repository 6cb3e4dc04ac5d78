//! In and out: download the draft as profile.json (a draft with problems asks first) or as JSON
//! Resume (`json_resume.rs`), copy a link that holds the draft in its fragment (never sent to a
//! server), start again from the site's profile, the minimal example or a JSON Resume file, and
//! the way back to the site.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlAnchorElement;

use super::{draft, json_resume, use_workbench, Workbench};
use crate::text::draft_link::encode_draft;
use portfolio::format::fill;

#[component]
pub(crate) fn Actions() -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    // The last link made, or why none could be.
    let link = RwSignal::new(None::<Result<String, String>>);
    let copy = move |_| {
        let made = workbench.text.with_untracked(|text| encode_draft(text));
        match made {
            Ok(fragment) => {
                let url = address(&fragment);
                let written = window().navigator().clipboard().write_text(&url);
                leptos::task::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(written).await;
                });
                link.set(Some(Ok(url)));
            }
            Err(error) => link.set(Some(Err(error.to_string()))),
        }
    };
    let shown = {
        let words = workbench.words();
        move || {
            link.get().map(|made| match made {
                Ok(url) => view! {
                    <p class="wb-link" role="status">
                        <label>
                            {words.link_label.clone()}
                            " "
                            <input type="text" readonly id="wb-link" prop:value=url />
                        </label>
                        " "
                        {words.link_copied.clone()}
                    </p>
                }
                .into_any(),
                Err(reason) => {
                    view! { <p class="wb-link wb-warning" role="alert">{reason}</p> }.into_any()
                }
            })
        }
    };
    view! {
        <div class="wb-actions">
            <button type="button" id="wb-download" on:click=move |_| download(workbench)>
                {words.download.clone()}
            </button>
            <json_resume::DownloadResume />
            <button type="button" id="wb-copy-link" on:click=copy>
                {words.copy_link.clone()}
            </button>
            // One labelled group, so that the bar holds one row at a laptop's width.
            <div class="wb-start" role="group" aria-labelledby="wb-start-label">
                <span id="wb-start-label">{words.start_from.clone()}</span>
                <button
                    type="button"
                    id="wb-from-site"
                    on:click=move |_| draft::from_site(workbench)
                >
                    {words.start_from_site.clone()}
                </button>
                <button
                    type="button"
                    id="wb-from-minimal"
                    on:click=move |_| workbench.load(draft::MINIMAL.to_string(), None)
                >
                    {words.start_from_minimal.clone()}
                </button>
                <json_resume::ChooseResume />
            </div>
        </div>
        {shown}
    }
}

/// This page's address with `fragment`.
fn address(fragment: &str) -> String {
    let location = window().location();
    format!(
        "{}{}{}#{fragment}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// Downloads the text as profile.json, asking first when it has problems.
fn download(workbench: Workbench) {
    let count = workbench.problems.with_untracked(|p| p.len());
    if count > 0 {
        let question = fill(
            &workbench.words().download_with_problems,
            &[("count", &count.to_string())],
        );
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
    }
    let text = workbench.text.get_untracked();
    let _ = save(&text, "profile.json");
}

/// Hands `text` to the browser as the file `name`.
pub(crate) fn save(text: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
