//! Certificates: name, issuer and date, the name a link where it can be verified. Shown only
//! when the profile lists certificates and a title for the section.

use leptos::prelude::*;

use super::section::Section;
use super::work::Organisation;
use crate::page::use_page;

#[component]
pub(crate) fn Certificates() -> impl IntoView {
    let profile = use_page().profile;
    let certificates = profile
        .certificates
        .iter()
        .map(|certificate| {
            let meta = [certificate.issuer.clone(), certificate.date.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <li class="certificate">
                    <Organisation name=certificate.name.clone() url=certificate.url.clone() />
                    {(!meta.is_empty()).then(|| view! { <span class="history-meta">{meta}</span> })}
                </li>
            }
        })
        .collect_view();
    let shown = !profile.certificates.is_empty();
    profile
        .sections
        .certificates
        .clone()
        .filter(|_| shown)
        .map(|text| {
            view! {
                <Section name="certificates" text>
                    <ul class="certificate-list box">{certificates}</ul>
                </Section>
            }
        })
}
