//! Keeping a scenario's lit step in sight. The canvas scrolls itself, in both directions, to the
//! lit element, never the page: a scenario playing off screen does not pull the visitor back.
//! A press on the player does bring the canvas wholly into the part of the screen that the
//! sticky top bar and the player's bar leave uncovered, sizing the canvas to fit there.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DomRect, ScrollBehavior, ScrollToOptions};

use crate::app::TOP_BAR;
use crate::scroll_aim::{aim, Axis};

/// The least height an open canvas is given, on the smallest screens.
const LEAST_ROOM: f64 = 160.0;
/// Between the canvas and the player's bar (the bar's top margin).
const GAP: f64 = 8.0;

/// Scrolls a drawing larger than its canvas to bring the lit elements into view. At once, not
/// gliding: a glide that another scroll (the page's, a quicker next step) interrupts would
/// leave the step out of view, and WebKit interrupts them under load.
pub(crate) fn reveal_lit(canvas: NodeRef<Div>) {
    // `try_`: a frame may come after the card is gone (a test unmounts the page).
    let Some(canvas) = canvas.try_get_untracked().flatten() else {
        return;
    };
    let view = canvas.get_bounding_client_rect();
    let now = (canvas.scroll_left(), canvas.scroll_top());
    let furthest = (
        canvas.scroll_width() - canvas.client_width(),
        canvas.scroll_height() - canvas.client_height(),
    );
    let Ok(lit) = canvas.query_selector_all(".lit") else {
        return;
    };
    let mut to = now;
    for i in 0..lit.length() {
        let Some(element) = lit
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let part = element.get_bounding_client_rect();
        let (across, down) = axes(&view, &part, now, furthest);
        to.0 = aim(across).unwrap_or(to.0);
        to.1 = aim(down).unwrap_or(to.1);
    }
    if to != now {
        let options = ScrollToOptions::new();
        options.set_left(f64::from(to.0));
        options.set_top(f64::from(to.1));
        options.set_behavior(ScrollBehavior::Instant);
        canvas.scroll_to_with_scroll_to_options(&options);
    }
}

/// The canvas's two axes with `part` to show. The hidden drawing's parts measure nothing, and
/// `aim` leaves a part of no size alone.
fn axes(view: &DomRect, part: &DomRect, now: (i32, i32), furthest: (i32, i32)) -> (Axis, Axis) {
    let across = Axis {
        view: (view.left(), view.right()),
        part: (part.left(), part.right()),
        offset: now.0,
        furthest: furthest.0,
    };
    let down = Axis {
        view: (view.top(), view.bottom()),
        part: (part.top(), part.bottom()),
        offset: now.1,
        furthest: furthest.1,
    };
    (across, down)
}

/// An open figure's canvas and the controls under it: the canvas is given the height the
/// screen has left once the top bar and the player's bar are on it.
#[derive(Clone, Copy)]
pub(crate) struct Room {
    pub(crate) canvas: NodeRef<Div>,
    /// The player's bar, held at the bottom of the screen (none without scenarios).
    pub(crate) bar: NodeRef<Div>,
    /// Zoom, Download SVG, the speeds and the step's link, under the bar: the canvas is sized
    /// once they are there (the controls have come).
    pub(crate) tools: NodeRef<Div>,
}

impl Room {
    /// Sizes the canvas to the room it has. Returns it and the uncovered span of the screen
    /// (below the top bar, above the player's bar), or `None` once the figure is gone.
    pub(crate) fn fit_canvas(self) -> Option<(web_sys::HtmlDivElement, f64, f64)> {
        // `try_`: a frame may come after the card is gone (a test unmounts the page).
        let canvas = self.canvas.try_get_untracked().flatten()?;
        let height = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let top = document()
            .query_selector(&format!(".{TOP_BAR}"))
            .ok()
            .flatten()
            .map_or(0.0, |bar| bar.get_bounding_client_rect().bottom().max(0.0));
        let height_of = |node: NodeRef<Div>| {
            node.try_get_untracked()
                .flatten()
                .map_or(0.0, |e| e.get_bounding_client_rect().height() + GAP)
        };
        // The tools scroll with the page: only the top bar and the player's bar cover it.
        let bar = height_of(self.bar);
        let room = (height - top - bar).max(LEAST_ROOM);
        // The CSSOM, which the Content-Security-Policy allows where inline style is not.
        let _ =
            web_sys::HtmlElement::style(&canvas).set_property("--room", &format!("{room:.0}px"));
        Some((canvas, top, height - bar))
    }

    /// After a press on the player: the canvas, sized to its room, is scrolled wholly into the
    /// uncovered part of the screen if it is not there already.
    pub(crate) fn bring_into_view(self, smooth: bool) {
        let Some((canvas, top, bottom)) = self.fit_canvas() else {
            return;
        };
        // Measured after the new size is applied (reading the box lays the page out again).
        let rect = canvas.get_bounding_client_rect();
        let by = if rect.top() < top {
            rect.top() - top
        } else if rect.bottom() > bottom {
            (rect.bottom() - bottom).min(rect.top() - top)
        } else {
            return;
        };
        let options = ScrollToOptions::new();
        options.set_top(by);
        options.set_behavior(if smooth {
            ScrollBehavior::Smooth
        } else {
            ScrollBehavior::Instant
        });
        window().scroll_by_with_scroll_to_options(&options);
    }
}
