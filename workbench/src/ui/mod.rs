//! The page of the owner's workbench, in the browser.
//!
//! The draft comes from a shared link's fragment, the browser's storage (the draft of last
//! time) or the site's own profile.json. On every pause in typing it is read by the same parser
//! and validator as `cargo xtask check` (`crate::locate`), its problems listed at their
//! lines, and the preview (`preview.rs`, the site's own components) rendered off the
//! keystroke's path. Every word is in `words.json`.

mod complete;
mod diagram;
mod draft;
mod editor;
mod json_resume;
mod out;
mod preview;
mod problems;
#[cfg(feature = "component-tests")]
pub mod testing;

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

use crate::locate::{check, Located};
use crate::text::completion::DraftNames;
use crate::text::draft_link::MAX_DRAFT_BYTES;
use portfolio::model::Profile;
use portfolio_resume::Unplaced;

/// The workbench's words (`words.json`): none is written in Rust.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Words {
    pub(crate) title: String,
    pub(crate) heading: String,
    pub(crate) editor_label: String,
    pub(crate) problems_heading: String,
    pub(crate) no_problems: String,
    pub(crate) problem_at: String,
    pub(crate) stale: String,
    pub(crate) edit_not_json: String,
    pub(crate) edge_taken: String,
    pub(crate) edit_out_of_date: String,
    pub(crate) nothing_previewed: String,
    pub(crate) download: String,
    pub(crate) download_with_problems: String,
    pub(crate) copy_link: String,
    pub(crate) link_copied: String,
    pub(crate) link_label: String,
    pub(crate) start_from: String,
    pub(crate) start_from_site: String,
    pub(crate) start_from_minimal: String,
    pub(crate) restored: String,
    pub(crate) discard: String,
    pub(crate) from_link: String,
    pub(crate) bad_link: String,
    pub(crate) too_large: String,
    pub(crate) load_failed: String,
    pub(crate) loading: String,
    pub(crate) back_to_site: String,
    pub(crate) completions: String,
    pub(crate) diagram_of: String,
    pub(crate) view_of: String,
    pub(crate) add_edge_heading: String,
    pub(crate) edge_from: String,
    pub(crate) edge_to: String,
    pub(crate) add_edge: String,
    pub(crate) rename_node: String,
    pub(crate) rename_to: String,
    pub(crate) rename: String,
    pub(crate) add_node_heading: String,
    pub(crate) node_id: String,
    pub(crate) node_label: String,
    pub(crate) node_kind: String,
    pub(crate) add_node: String,
    pub(crate) id_missing: String,
    pub(crate) id_not_kebab: String,
    pub(crate) id_taken: String,
    pub(crate) label_missing: String,
    pub(crate) add_step_heading: String,
    pub(crate) step_scenario: String,
    pub(crate) new_scenario: String,
    pub(crate) new_scenario_title: String,
    pub(crate) step_lights: String,
    pub(crate) lights_node: String,
    pub(crate) lights_edge: String,
    pub(crate) step_caption: String,
    pub(crate) step_fails: String,
    pub(crate) add_step: String,
    pub(crate) title_missing: String,
    pub(crate) scenario_id_of_title: String,
    pub(crate) caption_missing: String,
    pub(crate) reorder_heading: String,
    pub(crate) reorder_scenario: String,
    pub(crate) no_scenarios: String,
    pub(crate) move_up: String,
    pub(crate) move_down: String,
    pub(crate) move_up_named: String,
    pub(crate) move_down_named: String,
    pub(crate) download_resume: String,
    pub(crate) export_needs_parse: String,
    pub(crate) export_failed: String,
    pub(crate) import_resume: String,
    pub(crate) drop_here: String,
    pub(crate) imported: String,
    pub(crate) resume_too_large: String,
    pub(crate) resume_unreadable: String,
    pub(crate) resume_refused: String,
    pub(crate) unplaced_heading: String,
    pub(crate) hide_unplaced: String,
}

impl Words {
    pub(crate) fn read() -> Self {
        serde_json::from_str(include_str!("words.json")).expect("words.json is complete")
    }
}

/// A line over the editor: where the draft came from, or what went wrong, with Discard where
/// there is something to discard.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Notice {
    pub(crate) text: String,
    pub(crate) discard: bool,
}

/// The workbench's state, in context.
#[derive(Clone, Copy)]
pub(crate) struct Workbench {
    pub(crate) words: StoredValue<Arc<Words>>,
    /// The text as typed, set on every input.
    pub(crate) text: RwSignal<String>,
    /// The problems of the text as last checked (on a pause in typing).
    pub(crate) problems: RwSignal<Arc<Vec<Located>>>,
    /// Whether the draft last checked was too large to read.
    pub(crate) too_large: RwSignal<bool>,
    /// Whether the preview shows an older draft than the text (the text does not parse).
    pub(crate) stale: RwSignal<bool>,
    pub(crate) notice: RwSignal<Option<Notice>>,
    /// Set to load a text into the editor (the editor's field follows it).
    pub(crate) loaded: Trigger,
    /// Where the caret is to go (a UTF-16 offset), when a problem is chosen.
    pub(crate) caret: RwSignal<Option<u32>>,
    /// The names of the last draft that parsed, for completion.
    pub(crate) names: RwSignal<Arc<DraftNames>>,
    /// The project whose diagram holds the caret, for the diagram's form.
    pub(crate) caret_project: RwSignal<Option<usize>>,
    /// The last draft that parsed.
    pub(crate) profile: RwSignal<Option<Arc<Profile>>>,
    /// The project whose diagram holds the caret, as the last draft that parsed has it: the
    /// diagram's forms and its large view.
    pub(crate) focused: Memo<Option<Arc<diagram::Focused>>>,
    /// What the last imported résumé holds that the page has no place for (emptied by a load).
    pub(crate) unplaced: RwSignal<Arc<Vec<Unplaced>>>,
    pending: StoredValue<Option<TimeoutHandle>>,
    pub(crate) preview: preview::Preview,
}

/// How long typing must pause before the draft is checked and previewed: with the check and
/// the render (about 100 ms on her profile), the preview follows the last key within 250 ms.
const PAUSE: Duration = Duration::from_millis(100);

impl Workbench {
    fn new() -> Self {
        let caret_project = RwSignal::new(None);
        let profile = RwSignal::new(None);
        Workbench {
            words: StoredValue::new(Arc::new(Words::read())),
            text: RwSignal::new(String::new()),
            problems: RwSignal::new(Arc::new(Vec::new())),
            too_large: RwSignal::new(false),
            stale: RwSignal::new(false),
            notice: RwSignal::new(None),
            loaded: Trigger::new(),
            caret: RwSignal::new(None),
            names: RwSignal::new(Arc::default()),
            caret_project,
            profile,
            focused: diagram::focused(caret_project, profile),
            unplaced: RwSignal::new(Arc::default()),
            pending: StoredValue::new(None),
            preview: preview::Preview::new(),
        }
    }

    pub(crate) fn words(&self) -> Arc<Words> {
        self.words.get_value()
    }

    /// Puts `text` in the editor, checked and previewed at once.
    pub(crate) fn load(self, text: String, notice: Option<Notice>) {
        self.text.set(text);
        self.notice.set(notice);
        self.unplaced.set(Arc::default());
        self.loaded.notify();
        self.refresh();
    }

    /// The text was typed: checked and previewed once typing pauses.
    pub(crate) fn typed(self, text: String) {
        self.text.set(text);
        self.preview.typed();
        if let Some(handle) = self.pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || self.refresh(), PAUSE).ok();
        self.pending.set_value(handle);
    }

    /// Checks the text, keeps it in the browser and previews it (in a task of its own).
    fn refresh(self) {
        let text = self.text.get_untracked();
        if text.len() > MAX_DRAFT_BYTES {
            self.too_large.set(true);
            self.problems.set(Arc::new(Vec::new()));
            self.stale.set(true);
            return;
        }
        self.too_large.set(false);
        draft::keep(&text);
        let checked = check(&text);
        self.problems.set(Arc::new(checked.problems));
        match checked.profile {
            Some(profile) => {
                self.names.set(Arc::new(DraftNames::from_profile(&profile)));
                self.stale.set(false);
                let profile = Arc::new(profile);
                self.profile.set(Some(profile.clone()));
                self.preview.show(profile);
            }
            None => self.stale.set(true),
        }
    }
}

pub(crate) fn use_workbench() -> Workbench {
    expect_context::<Workbench>()
}

/// The page's entry, called by its module (`xtask/src/edit_page.rs`).
#[wasm_bindgen]
pub fn edit() {
    console_error_panic_hook::set_once();
    // The preview's components follow the browser (media queries, the theme) as on a live page.
    portfolio::go_live();
    let Some(body) = document().body() else {
        return;
    };
    leptos::mount::mount_to(body.unchecked_into(), || {
        let workbench = Workbench::new();
        provide_context(workbench);
        document().set_title(&workbench.words().title);
        draft::open(workbench);
        view! { <Page /> }
    })
    .forget();
}

/// The page: the bar, the editor and its problems, the preview.
#[component]
fn Page() -> impl IntoView {
    let workbench = use_workbench();
    let words = workbench.words();
    let too_large = move || {
        workbench.too_large.get().then(|| {
            let words = workbench.words();
            let text = portfolio::format::fill(
                &words.too_large,
                &[
                    ("size", &workbench.text.with(String::len).to_string()),
                    ("limit", &MAX_DRAFT_BYTES.to_string()),
                ],
            );
            view! { <p class="wb-notice wb-warning" role="alert">{text}</p> }
        })
    };
    // A JSON Resume file dropped on the text's side starts the draft from it.
    let dropping = RwSignal::new(false);
    let (over, leave, dropped) = json_resume::drop_target(workbench, dropping);
    let drop_here = words.drop_here.clone();
    let drop_note = move || {
        dropping
            .get()
            .then(|| view! { <p class="wb-drop" role="status">{drop_here.clone()}</p> })
    };
    view! {
        <div class="wb">
            <section class="wb-bar" aria-labelledby="wb-title">
                <div class="wb-title">
                    <h1 id="wb-title">{words.heading.clone()}</h1>
                    <a href="../">{words.back_to_site.clone()}</a>
                </div>
                <out::Actions />
            </section>
            <section
                class="wb-text"
                class:wb-dropping=move || dropping.get()
                aria-labelledby="wb-editor-label"
                on:dragover=over
                on:dragleave=leave
                on:drop=dropped
            >
                {drop_note}
                <NoticeLine />
                <json_resume::NotPlaced />
                {too_large}
                <editor::Editor />
                <problems::Problems />
                <preview::StaleNote />
            </section>
            <preview::PreviewPane />
        </div>
    }
}

/// Where the draft came from, or what went wrong, with Discard.
#[component]
fn NoticeLine() -> impl IntoView {
    let workbench = use_workbench();
    move || {
        workbench.notice.get().map(|notice| {
            let discard = notice.discard.then(|| {
                let label = workbench.words().discard.clone();
                view! {
                    <button type="button" on:click=move |_| draft::discard(workbench)>
                        {label}
                    </button>
                }
            });
            view! {
                <p class="wb-notice" role="status">
                    {notice.text}
                    " "
                    {discard}
                </p>
            }
        })
    }
}

/// Resolves in a task of its own: what was asked before runs first, and the browser may paint.
pub(crate) async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in the first task after the next frame is rendered.
pub(crate) async fn after_next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        request_animation_frame(move || {
            let _ = window().set_timeout_with_callback(&resolve);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// An ARIA boolean.
pub(crate) fn aria(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}
