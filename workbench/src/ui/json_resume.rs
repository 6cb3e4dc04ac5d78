//! JSON Resume in and out, as `cargo xtask import | export` (the `portfolio-resume` crate): a
//! résumé file, chosen or dropped on the text, becomes the draft, laid out as the import writes
//! it, and what the page has no place for is listed by its JSON path; the draft downloads as a
//! JSON Resume 1.2.1. A file that is not a résumé leaves the draft as it was and says why.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};

use super::{out, use_workbench, Notice, Words, Workbench};
use crate::text::draft_link::MAX_DRAFT_BYTES;
use portfolio::format::fill;
use portfolio::parse::parse_profile;
use portfolio_resume::{export, import, profile_json, Defaults, ImportError};

/// The largest résumé file read, in bytes: an export holds its profile's text and a patch
/// beside it.
const MAX_FILE_BYTES: usize = 2 * MAX_DRAFT_BYTES;

/// The file the export is saved as.
const EXPORT_NAME: &str = "resume.json";

/// Why a file could not become the draft, or the draft a résumé. Each shows as its own words
/// (`words.json`), with this as the reason.
#[derive(Debug, thiserror::Error)]
enum ResumeError {
    /// The file's size in bytes.
    #[error("{0}")]
    TooLarge(u64),
    /// The browser could not read the file (its own message).
    #[error("{0}")]
    Unreadable(String),
    /// The file is not a résumé the page can be made of.
    #[error(transparent)]
    Refused(#[from] ImportError),
    /// The draft does not parse, or its profile makes no résumé.
    #[error("{0}")]
    NotExported(String),
}

impl ResumeError {
    /// The sentence shown for this error, about `file`.
    fn message(&self, words: &Words, file: &str) -> String {
        let template = match self {
            ResumeError::TooLarge(_) => &words.resume_too_large,
            ResumeError::Unreadable(_) => &words.resume_unreadable,
            ResumeError::Refused(_) => &words.resume_refused,
            ResumeError::NotExported(_) => &words.export_failed,
        };
        let reason = self.to_string();
        let limit = MAX_FILE_BYTES.to_string();
        let with = [
            ("file", file),
            ("reason", &reason),
            ("size", &reason),
            ("limit", &limit),
        ];
        fill(template, &with)
    }
}

/// Reads `file` as text, refusing one too large to be a résumé.
async fn read(file: &File) -> Result<String, ResumeError> {
    if file.size() > MAX_FILE_BYTES as f64 {
        return Err(ResumeError::TooLarge(file.size() as u64));
    }
    let unreadable = |error: JsValue| {
        let message = match error.dyn_ref::<js_sys::Error>() {
            Some(error) => String::from(error.message()),
            None => error.as_string().unwrap_or_default(),
        };
        ResumeError::Unreadable(message)
    };
    let text = JsFuture::from(file.text()).await.map_err(unreadable)?;
    text.as_string()
        .ok_or_else(|| unreadable(JsValue::UNDEFINED))
}

/// Makes the draft of the résumé `file`: the import's profile in the editor, what it could not
/// place listed; or, for a file that is not one, the reason, the draft untouched.
pub(crate) fn start_from(workbench: Workbench, file: File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        let words = workbench.words();
        let imported = match read(&file).await {
            Ok(text) => import(&text, &Defaults::committed()).map_err(ResumeError::from),
            Err(error) => Err(error),
        };
        match imported {
            Ok(imported) => {
                let count = imported.unplaced.len().to_string();
                let text = fill(&words.imported, &[("file", &name), ("count", &count)]);
                let notice = Notice {
                    text,
                    discard: false,
                };
                workbench.load(profile_json(&imported.profile), Some(notice));
                workbench.unplaced.set(Arc::new(imported.unplaced));
            }
            Err(error) => workbench.notice.set(Some(Notice {
                text: error.message(&words, &name),
                discard: false,
            })),
        }
    });
}

/// The draft as JSON Resume, as `cargo xtask export` writes it.
fn exported(text: &str) -> Result<String, ResumeError> {
    let not_exported = |error: &dyn std::fmt::Display| ResumeError::NotExported(error.to_string());
    let profile = parse_profile(text).map_err(|e| not_exported(&e))?;
    let resume = export(&profile, &Defaults::committed()).map_err(|e| not_exported(&e))?;
    Ok(serde_json::to_string_pretty(&resume).expect("JSON values serialise") + "\n")
}

/// The bar's way in: a file input, its label drawn as the bar's buttons.
#[component]
pub(crate) fn ChooseResume() -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let chosen = move |event: web_sys::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            start_from(workbench, file);
        }
        // Choosing the same file again is a change again.
        input.set_value("");
    };
    view! {
        <input
            type="file"
            id="wb-resume-file"
            class="wb-file-input"
            accept=".json,application/json"
            on:change=chosen
        />
        <label class="wb-file" for="wb-resume-file">
            {words.import_resume.clone()}
        </label>
    }
}

/// The bar's way out: the draft as JSON Resume, disabled (saying why) while the draft does not
/// parse.
#[component]
pub(crate) fn DownloadResume() -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let failed = RwSignal::new(None::<String>);
    // A refusal is about the text it was given: the next edit takes it away.
    Effect::new(move |_| {
        workbench.text.track();
        failed.set(None);
    });
    let blocked = move || workbench.stale.get() || workbench.too_large.get();
    let download = move |_| {
        let words = workbench.words();
        match workbench.text.with_untracked(|text| exported(text)) {
            Ok(json) => {
                failed.set(None);
                let _ = out::save(&json, EXPORT_NAME);
            }
            Err(error) => failed.set(Some(error.message(&words, EXPORT_NAME))),
        }
    };
    // Why it is disabled: its tooltip, and its description for a screen reader (out of sight,
    // so the bar keeps its layout while a draft breaks and mends with typing; the preview's
    // stale note says so on screen).
    let why = words.export_needs_parse.clone();
    let title = move || blocked().then(|| why.clone());
    view! {
        <button
            type="button"
            id="wb-download-resume"
            disabled=blocked
            title=title
            aria-describedby=move || blocked().then_some("wb-resume-why")
            on:click=download
        >
            {words.download_resume.clone()}
        </button>
        <span class="visually-hidden" id="wb-resume-why" hidden=move || !blocked()>
            {words.export_needs_parse.clone()}
        </span>
        {move || {
            failed.get().map(|text| view! { <p class="wb-link wb-warning" role="alert">{text}</p> })
        }}
    }
}

/// What the last imported résumé holds that the page has no place for, by its JSON path.
#[component]
pub(crate) fn NotPlaced() -> impl IntoView {
    let workbench = use_workbench();
    move || {
        let unplaced = workbench.unplaced.get();
        (!unplaced.is_empty()).then(|| {
            let words = workbench.words();
            let count = unplaced.len().to_string();
            let heading = fill(&words.unplaced_heading, &[("count", &count)]);
            let items = unplaced
                .iter()
                .map(|item| {
                    view! {
                        <li>
                            <code>{item.path.clone()}</code>
                            " "
                            {item.what.clone()}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="wb-unplaced" aria-labelledby="wb-unplaced-heading">
                    <h2 id="wb-unplaced-heading">{heading}</h2>
                    <button type="button" on:click=move |_| workbench.unplaced.set(Arc::default())>
                        {words.hide_unplaced.clone()}
                    </button>
                    <ul id="wb-unplaced">{items}</ul>
                </section>
            }
        })
    }
}

/// Whether a drag carries files (not text being moved within the field).
fn carries_files(event: &web_sys::DragEvent) -> bool {
    event
        .data_transfer()
        .is_some_and(|data| data.types().includes(&JsValue::from_str("Files"), 0))
}

/// The text's area takes a dropped file: marked while one is over it (`dropping`), the first
/// file dropped imported.
pub(crate) fn drop_target(
    workbench: Workbench,
    dropping: RwSignal<bool>,
) -> (
    impl Fn(web_sys::DragEvent) + Copy,
    impl Fn(web_sys::DragEvent) + Copy,
    impl Fn(web_sys::DragEvent) + Copy,
) {
    let over = move |event: web_sys::DragEvent| {
        if carries_files(&event) {
            event.prevent_default();
            if let Some(data) = event.data_transfer() {
                data.set_drop_effect("copy");
            }
            if !dropping.get_untracked() {
                dropping.set(true);
            }
        }
    };
    let leave = move |_: web_sys::DragEvent| dropping.set(false);
    let dropped = move |event: web_sys::DragEvent| {
        dropping.set(false);
        let file = event
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            event.prevent_default();
            start_from(workbench, file);
        }
    };
    (over, leave, dropped)
}
