//! A component with static children that is interactive itself (`<main>`, a card, a card's
//! details), declared once as both the component the page's views use and its island.
//!
//! Two functions are needed because Leptos renders an island's children only on the server:
//! in the browser an island's `children()` renders nothing, standing for the markup a
//! prerendered page already has. A page rendered in the browser (its profile changed since the
//! build) has no such markup, so there the same body runs as a plain component, whose children
//! render.

/// Declares, from one body, the component `$name` and its island `$island`:
///
/// ```ignore
/// component_and_island! {
///     /// The card itself …
///     fn CardShell / CardIsland(children: Children, index: usize, id: String) -> impl IntoView {
///         …
///     }
/// }
/// ```
///
/// Built for the server (`ssr`), `$name` renders `$island` around its children; in the
/// browser, `$name` is the body as a plain component, and `$island` (which takes the
/// prerendered markup over) runs the same body. The body is the function `body` of a module
/// named `$name`: the island's name in the page is its function's name and a hash of its
/// source, so the island must read the same in both builds. `children` comes first, where the
/// pattern can tell it from the other parameters: the island declares its own, as `#[island]`
/// wraps it under a name written here, which hygiene keeps apart from the caller's.
macro_rules! component_and_island {
    (
        $(#[$attr:meta])*
        fn $name:ident / $island:ident (
            $children:ident: Children $(, $arg:ident: $ty:ty)* $(,)?
        ) -> impl IntoView $body:block
    ) => {
        $(#[$attr])*
        #[::leptos::component]
        fn $name(
            $($arg: $ty,)*
            $children: ::leptos::prelude::Children,
        ) -> impl ::leptos::prelude::IntoView {
            #[cfg(feature = "ssr")]
            return ::leptos::view! { <$island $($arg)* children=$children /> };
            #[cfg(not(feature = "ssr"))]
            return $name::body($($arg,)* $children);
        }

        #[::leptos::island]
        fn $island(
            $($arg: $ty,)*
            children: ::leptos::prelude::Children,
        ) -> impl ::leptos::prelude::IntoView {
            $name::body($($arg,)* children)
        }

        #[allow(non_snake_case)]
        mod $name {
            use super::*;

            pub(super) fn body(
                $($arg: $ty,)*
                $children: ::leptos::prelude::Children,
            ) -> impl ::leptos::prelude::IntoView $body
        }
    };
}

pub(crate) use component_and_island;
