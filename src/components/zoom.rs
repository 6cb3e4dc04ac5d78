//! Zooming and panning a diagram's canvas: the drawing fits its box (a closed card's preview,
//! and "Fit"), or shows at a scale (1:1 when a card opens, so labels keep their size), with
//! zoom in and out and drag to pan (touch pans by scrolling the canvas).

use leptos::html::Div;
use leptos::prelude::*;

/// Each press of zoom in or out scales by this much.
const STEP: f64 = 1.25;
/// The range of scales the buttons reach.
const SMALLEST: f64 = 0.25;
const LARGEST: f64 = 3.0;

/// A diagram's scale: `None` fits the box.
#[derive(Clone, Copy)]
pub(crate) struct Zoom {
    pub(crate) scale: RwSignal<Option<f64>>,
    canvas: NodeRef<Div>,
    /// The natural widths of the drawings (wide, narrow), to know the fitted scale.
    widths: [f64; 2],
    narrow_screen: ReadSignal<bool>,
}

impl Zoom {
    pub(crate) fn new(canvas: NodeRef<Div>, widths: [f64; 2]) -> Self {
        Self {
            scale: RwSignal::new(None),
            canvas,
            widths,
            narrow_screen: crate::page::use_narrow_screen(),
        }
    }

    /// The scale a drawing shows at now: the chosen one, or what fitting gives.
    fn current(self) -> f64 {
        if let Some(scale) = self.scale.get_untracked() {
            return scale;
        }
        let Some(canvas) = self.canvas.get_untracked() else {
            return 1.0;
        };
        // The stylesheet shows the top to bottom drawing (the second) on a narrow screen.
        let shown = usize::from(self.narrow_screen.get_untracked());
        let natural = self.widths[shown].max(1.0);
        (f64::from(canvas.client_width()) / natural).min(1.0)
    }

    fn by(self, factor: f64) {
        let next = (self.current() * factor).clamp(SMALLEST, LARGEST);
        self.scale.set(Some(next));
    }

    /// A drawing's `width` or `height` attribute for its natural `length` at the current
    /// scale. (Attributes, not inline style: the Content-Security-Policy allows no inline
    /// style.) Fitted, the stylesheet sizes the drawing instead.
    pub(crate) fn size(self, length: f64) -> String {
        format!("{:.0}", length * self.scale.get().unwrap_or(1.0))
    }
}

/// Zoom out, zoom in and fit.
#[component]
pub(crate) fn ZoomControls(zoom: Zoom) -> impl IntoView {
    let labels = super::diagram::use_figure().labels.clone();
    view! {
        <div class="zoom" role="group" aria-label=labels.zoom.clone()>
            <button
                type="button"
                aria-label=labels.zoom_out.clone()
                on:click=move |_| zoom.by(1.0 / STEP)
            >
                <span aria-hidden="true">"−"</span>
            </button>
            <button type="button" aria-label=labels.zoom_in.clone() on:click=move |_| zoom.by(STEP)>
                <span aria-hidden="true">"+"</span>
            </button>
            <button
                type="button"
                aria-pressed=move || crate::page::aria(zoom.scale.get().is_none())
                on:click=move |_| zoom.scale.set(None)
            >
                {labels.zoom_fit.clone()}
            </button>
        </div>
    }
}

/// Drag to pan with a mouse or pen (touch scrolls the canvas by itself).
pub(crate) fn drag_to_pan(canvas: NodeRef<Div>) -> impl Fn(web_sys::PointerEvent) + Copy {
    move |event: web_sys::PointerEvent| {
        let Some(canvas) = canvas.get_untracked() else {
            return;
        };
        if event.pointer_type() == "touch" || event.buttons() != 1 {
            return;
        }
        canvas.set_scroll_left(canvas.scroll_left() - event.movement_x());
        canvas.set_scroll_top(canvas.scroll_top() - event.movement_y());
    }
}
