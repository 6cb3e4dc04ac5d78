//! "Save as PDF": the print stylesheet turns the page into a résumé, and the browser's print
//! dialog offers PDF.

use leptos::prelude::*;

#[island]
pub(crate) fn PrintButton(label: String) -> impl IntoView {
    view! {
        <button class="print" type="button" on:click=|_| drop(window().print())>
            {label}
        </button>
    }
}
