//! Contact links drawn as shell commands, the e-mail with a copy button.

use leptos::prelude::*;
use leptos_use_clipboard::{use_clipboard, UseClipboardReturn};

use super::Section;
use crate::app::use_loaded;
use crate::model::ContactLink;

#[component]
pub(crate) fn Contact() -> impl IntoView {
    let profile = use_loaded().profile;
    view! {
        <Section name="contact" text=profile.sections.contact.clone()>
            <ul class="terminal box">
                {profile.contact.iter().cloned().map(|link| view! { <ContactLine link /> }).collect_view()}
            </ul>
        </Section>
    }
}

#[component]
fn ContactLine(link: ContactLink) -> impl IntoView {
    // mailto: stays in this tab; web links open a new one without handing it our window.
    let external = !link.href.starts_with("mailto:");
    view! {
        <li class="terminal-line">
            <span class="prompt" aria-hidden="true">"$ "</span>
            <span class="command" aria-hidden="true">{link.command.clone()}" "</span>
            <a
                href=link.href.clone()
                aria-label=link.label.clone()
                target=external.then_some("_blank")
                rel=external.then_some("noopener noreferrer")
            >
                {link.text.clone()}
            </a>
            {link.copy.clone().map(|text| view! { <CopyButton text /> })}
        </li>
    }
}

#[component]
fn CopyButton(text: String) -> impl IntoView {
    let labels = use_loaded().profile.site.labels.clone();
    let UseClipboardReturn { is_supported, copied, copy, .. } = use_clipboard();
    let copied_label = labels.copied.clone();
    let label = move || if copied.get() { labels.copied.clone() } else { labels.copy.clone() };
    view! {
        // Hidden, not absent, where the Clipboard API is missing: the address stays selectable.
        <button class="copy" type="button" hidden=move || !is_supported.get() on:click=move |_| copy(&text)>
            {label}
        </button>
        <span class="visually-hidden" aria-live="polite">
            {move || copied.get().then(|| copied_label.clone())}
        </span>
    }
}
