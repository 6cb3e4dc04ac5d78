//! Name, role, focus, her contact links, summary, and the `Engineer.builder()` code block
//! generated from the profile's builder calls.

use leptos::prelude::*;

use super::contact::opens_a_new_tab;
use crate::format::builder_lines;
use crate::page::use_page;
use crate::validate::is_safe_link;

#[component]
pub(crate) fn Hero() -> impl IntoView {
    let profile = use_page().profile;
    let person = &profile.person;
    let summary = person
        .summary
        .iter()
        .map(|paragraph| view! { <p>{paragraph.clone()}</p> })
        .collect_view();
    view! {
        <section class="hero" aria-labelledby="hero-name">
            <div class="hero-box box">
                <h1 id="hero-name">{person.name.clone()}</h1>
                <p class="role">{person.role.clone()}</p>
                {(!person.focus.is_empty())
                    .then(|| view! { <p class="focus">{person.focus.join(" · ")}</p> })}
                <HeroLinks />
            </div>
            <div class="hero-summary">{summary}</div>
            <BuilderCode />
        </section>
    }
}

/// The contact links by name, in the first screen of a phone (the contact section is the page's
/// last); only links that passed validation.
#[component]
fn HeroLinks() -> impl IntoView {
    let profile = use_page().profile;
    let links = profile
        .contact
        .iter()
        .filter(|link| is_safe_link(&link.href))
        .map(|link| {
            let external = opens_a_new_tab(&link.href);
            view! {
                <li>
                    <a
                        href=link.href.clone()
                        target=external.then_some("_blank")
                        rel=external.then_some("noopener noreferrer")
                    >
                        {link.label.clone()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="hero-links dot-list">{links}</ul> }
}

/// Each token is its own span: the highlighting needs no parsing of profile text.
#[component]
fn BuilderCode() -> impl IntoView {
    let profile = use_page().profile;
    let lines = builder_lines(&profile.builder)
        .into_iter()
        .map(|line| {
            let tokens = line
                .into_iter()
                .map(|token| view! { <span class=token.kind.class()>{token.text}</span> })
                .collect_view();
            view! {
                <span class="line">{tokens}</span>
                "\n"
            }
        })
        .collect_view();
    view! {
        <pre class="code box" tabindex="0">
            <code>{lines}</code>
        </pre>
    }
}
