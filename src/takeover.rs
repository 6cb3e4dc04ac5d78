//! Takes the prerendered page over in several short tasks instead of one long one.
//!
//! Hydrating the whole page at once blocked the main thread for about 150 ms on a phone (4×
//! CPU): one long task that a tap during it waits for, and most of the page's Total Blocking
//! Time. A part wrapped in [`later`] is skipped by the first pass (its element's markup stays
//! as built) and taken over in a task of its own right after, in page order, under the owner
//! of the component that wrapped it, so its context is the same. The app turns live (see
//! [`crate::page::Live`]) only once every part has been taken over: what only the browser knows
//! (the URL's filter, the theme) then updates markup that is already hydrated.
//!
//! When the browser renders a profile instead (it changed since the build), there is nothing
//! to take over and [`later`] renders its part at once.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::html::element::ElementType;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::any_view::AnyViewState;
use leptos::tachys::view::{Position, PositionState, Render, RenderHtml};
use wasm_bindgen::JsCast;

type Job = Box<dyn FnOnce()>;

thread_local! {
    /// The parts still to take over, in page order.
    static WAITING: RefCell<VecDeque<Job>> = RefCell::new(VecDeque::new());
    /// Whether a waiting part is being taken over right now.
    static TAKING_OVER: Cell<bool> = const { Cell::new(false) };
}

/// Whether the page is being hydrated right now, in the first pass or in a part's own task (not
/// rendered at build time, not rendered in the browser from a fetched profile).
fn hydrating() -> bool {
    TAKING_OVER.get()
        || Owner::current_shared_context().is_some_and(|context| context.during_hydration())
}

/// `children`, the whole content of the element `parent` refers to: rendered at once, except
/// while the page is hydrated, when they are taken over in a task of their own after the first
/// pass.
pub(crate) fn later<E>(parent: NodeRef<E>, children: impl FnOnce() -> AnyView + 'static) -> AnyView
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    if !hydrating() {
        return children();
    }
    let owner = Owner::current().expect("later() runs inside a component");
    // The hydrated part's state (its event handlers, its reactive attributes) lives as long as
    // the component that wrapped it.
    let state = StoredValue::new_local(None::<AnyViewState>);
    WAITING.with_borrow_mut(|waiting| {
        waiting.push_back(Box::new(move || {
            let Some(element) = parent.get_untracked() else {
                return;
            };
            let element: &web_sys::Element = element.unchecked_ref();
            TAKING_OVER.set(true);
            let view = owner.with(|| children().hydrate_from::<true>(element));
            TAKING_OVER.set(false);
            state.try_set_value(Some(view));
        }))
    });
    Skipped.into_any()
}

/// Stands for a part taken over later: no markup of its own; hydrating it moves the cursor past
/// the part's prerendered markup without touching it, which waits there for its own task.
/// (`()` would not do: it expects a placeholder comment where the part's markup starts.)
struct Skipped;

impl Render for Skipped {
    type State = ();

    fn build(self) {}

    fn rebuild(self, _state: &mut ()) {}
}

impl RenderHtml for Skipped {
    type AsyncOutput = Self;
    type Owned = Self;

    const MIN_LENGTH: usize = 0;

    fn to_html_with_buf(
        self,
        _buf: &mut String,
        _position: &mut Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<AnyAttribute>,
    ) {
    }

    fn hydrate<const FROM_SERVER: bool>(self, cursor: &Cursor, position: &PositionState) {
        // The part is all of its parent's content and the cursor stands on the parent. With
        // type-erased views an element's children end with a marker of their own, after the
        // part's markup: the cursor moves to the node before that marker, as if it had
        // hydrated the part.
        if position.get() != Position::FirstChild {
            return;
        }
        let last = cursor.current().last_child();
        let end = if cfg!(erase_components) {
            last.and_then(|last| last.previous_sibling())
        } else {
            last
        };
        if let Some(end) = end {
            cursor.set(end);
            position.set(Position::NextChild);
        }
    }

    async fn resolve(self) -> Self {
        self
    }

    fn dry_resolve(&mut self) {}

    fn into_owned(self) -> Self {
        self
    }
}

leptos::tachys::no_attrs!(Skipped);

/// Takes over every waiting part, each in its own task, then returns. The parts inside a part
/// (the cards in the projects section) come right after it, before the sections below.
pub(crate) async fn finish() {
    while let Some(job) = WAITING.with_borrow_mut(VecDeque::pop_front) {
        crate::browser::next_task().await;
        let after = WAITING.take();
        job();
        WAITING.with_borrow_mut(|waiting| waiting.extend(after));
    }
}
