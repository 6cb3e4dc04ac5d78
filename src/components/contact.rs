//! Contact links drawn as shell commands; a line with `copy` gets its own copy button.

use leptos::prelude::*;

use super::copy::CopyText;
use super::section::Section;
use crate::model::ContactLink;
use crate::page::use_page;
use crate::validate::is_safe_link;

/// Whether a contact link opens in a new tab: mailto: stays in this one; web links open a new
/// one (with `rel="noopener noreferrer"`, not handing it ours).
pub(crate) fn opens_a_new_tab(href: &str) -> bool {
    !href.starts_with("mailto:")
}

#[component]
pub(crate) fn Contact() -> impl IntoView {
    let profile = use_page().profile;
    let labels = &profile.site.labels;
    let lines = profile
        .contact
        .iter()
        .enumerate()
        .map(|(position, link)| {
            let id = format!("contact-{position}");
            let (copy_label, copied) = (labels.copy.clone(), labels.copied.clone());
            view! { <ContactLine link=link.clone() id copy_label copied /> }
        })
        .collect_view();
    view! {
        <Section name="contact" text=profile.sections.contact.clone() when_seen=true>
            <ul class="terminal box">{lines}</ul>
        </Section>
    }
}

#[component]
fn ContactLine(
    link: ContactLink,
    /// The link's id, for its copy button.
    id: String,
    copy_label: String,
    copied: String,
) -> impl IntoView {
    // A link that failed validation (a `javascript:` URL, say) is shown as text, never followed.
    let href = is_safe_link(&link.href).then(|| link.href.clone());
    let external = href.as_deref().is_some_and(opens_a_new_tab);
    // Printed, a link is followed by its address unless its text already is it.
    let shown_address = link.href.strip_prefix("mailto:").unwrap_or(&link.href);
    let is_address = shown_address == link.text.trim_matches('"');
    let copy = link.copy.clone().map(|text| {
        view! { <CopyText text link=id.clone() label=copy_label copied /> }
    });
    view! {
        <li class="terminal-line">
            <span class="prompt" aria-hidden="true">"$ "</span>
            <span class="command" aria-hidden="true">{link.command.clone()} " "</span>
            <a
                id=id
                href=href
                // The name starts with what is shown (WCAG 2.5.3), then says what it is.
                aria-label=format!("{} ({})", link.text.trim_matches('"'), link.label)
                class:address=is_address
                target=external.then_some("_blank")
                rel=external.then_some("noopener noreferrer")
            >
                {link.text.clone()}
            </a>
            {copy}
        </li>
    }
}
