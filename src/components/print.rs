//! "Save as PDF": the print stylesheet turns the page into a résumé, and the browser's print
//! dialog offers PDF.

use leptos::prelude::*;

use crate::page::use_page;

#[component]
pub(crate) fn PrintButton() -> impl IntoView {
    let label = use_page().profile.site.labels.save_pdf.clone();
    view! {
        <button class="print" type="button" on:click=|_| drop(window().print())>
            {label}
        </button>
    }
}
