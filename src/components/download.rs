//! "Download SVG": the drawing on screen saved as a standalone SVG file, in the theme's colours.
//!
//! The page draws with CSS classes and custom properties, which a file on its own does not
//! have: each element's computed paint and type are written onto its copy as presentation
//! attributes, and the canvas colour becomes a background. Done by the browser's own
//! `getComputedStyle` and `XMLSerializer`, so the file is exactly what is on screen.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlAnchorElement};

/// The properties a drawing's look depends on, written as SVG presentation attributes.
const PAINT: [&str; 12] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-opacity",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "display",
];

/// Saves the drawing shown in `canvas` as `<file_name>.svg`.
#[component]
pub(crate) fn DownloadSvg(canvas: NodeRef<Div>, file_name: String) -> impl IntoView {
    let label = super::diagram::use_figure().labels.download_svg.clone();
    let save = move |_| {
        if let Some(canvas) = canvas.get_untracked() {
            leptos::task::spawn_local(save(canvas, file_name.clone()));
        }
    };
    view! {
        <button type="button" class="download-svg" on:click=save>
            {label}
        </button>
    }
}

/// Saves the drawing on screen. Split off (`split` builds): the code that copies a drawing
/// and its paint is fetched on the first press, not with the page.
#[cfg_attr(feature = "split", lazy)]
async fn save(canvas: web_sys::HtmlDivElement, file_name: String) {
    if let Err(error) = save_shown_drawing(&canvas, &file_name) {
        web_sys::console::error_2(&"Download SVG failed:".into(), &error);
    }
}

fn save_shown_drawing(canvas: &web_sys::HtmlDivElement, file_name: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    // The drawing the screen shows: the other direction's is not displayed.
    let shown = canvas.query_selector_all("svg.diagram-svg")?;
    let svg = (0..shown.length())
        .filter_map(|i| shown.item(i)?.dyn_into::<Element>().ok())
        .find(|svg| {
            window
                .get_computed_style(svg)
                .ok()
                .flatten()
                .is_some_and(|style| {
                    style.get_property_value("display").ok() != Some("none".into())
                })
        })
        .ok_or("no drawing on screen")?;
    let text = standalone(&window, canvas, &svg)?;
    download(&text, file_name)
}

/// A copy of `svg` that looks the same without the page's style sheet.
fn standalone(
    window: &web_sys::Window,
    canvas: &Element,
    svg: &Element,
) -> Result<String, JsValue> {
    let copy = painted_copy(window, svg)?;
    // The arrowheads are the page's, shared by every drawing: the file gets its own.
    let document = svg.owner_document().ok_or("no document")?;
    let arrows = format!("svg.{} defs", super::diagram::ARROW_MARKERS);
    if let Some(defs) = document.query_selector(&arrows)? {
        let defs: web_sys::Node = painted_copy(window, &defs)?.into();
        copy.insert_before(&defs, copy.first_child().as_ref())?;
    }
    // Moving messages and their timing belong to the page, not to a picture of it.
    let animations = copy.query_selector_all("animateMotion, animate, set")?;
    for i in 0..animations.length() {
        if let Some(node) = animations.item(i) {
            if let Some(parent) = node.parent_node() {
                parent.remove_child(&node)?;
            }
        }
    }
    for attribute in ["class", "role", "aria-labelledby", "preserveAspectRatio"] {
        copy.remove_attribute(attribute)?;
    }
    copy.set_attribute("xmlns", "http://www.w3.org/2000/svg")?;
    let background = backdrop_colour(window, canvas)?;
    let backdrop = document.create_element_ns(Some("http://www.w3.org/2000/svg"), "rect")?;
    for (name, value) in [("width", "100%"), ("height", "100%"), ("fill", &background)] {
        backdrop.set_attribute(name, value)?;
    }
    copy.insert_before(&backdrop, copy.first_child().as_ref())?;
    let text = web_sys::XmlSerializer::new()?.serialize_to_string(&copy)?;
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"
    ))
}

/// A deep copy of `original` whose elements carry their computed paint and type as
/// attributes, in place of their classes.
fn painted_copy(window: &web_sys::Window, original: &Element) -> Result<Element, JsValue> {
    let copy: Element = original.clone_node_with_deep(true)?.dyn_into()?;
    let originals = original.query_selector_all("*")?;
    let copies = copy.query_selector_all("*")?;
    for i in 0..originals.length().min(copies.length()) {
        let (Some(original), Some(copied)) = (originals.item(i), copies.item(i)) else {
            continue;
        };
        let (original, copied): (Element, Element) = (original.dyn_into()?, copied.dyn_into()?);
        if let Some(style) = window.get_computed_style(&original)? {
            for property in PAINT {
                let value = style.get_property_value(property)?;
                if !value.is_empty() {
                    copied.set_attribute(property, &value)?;
                }
            }
        }
        copied.remove_attribute("class")?;
        plain_paint(&copied)?;
    }
    Ok(copy)
}

/// Writes a colour that SVG readers other than browsers do not know (`color(srgb …)`, from
/// the stylesheet's `color-mix()`) as `rgb()` with its alpha folded into the opacity.
fn plain_paint(element: &Element) -> Result<(), JsValue> {
    for (paint, opacity) in [("fill", "fill-opacity"), ("stroke", "stroke-opacity")] {
        let Some(value) = element.get_attribute(paint) else {
            continue;
        };
        if let Some((colour, alpha)) = crate::paint::plain_colour(&value, browser_number) {
            let own = element
                .get_attribute(opacity)
                .and_then(|o| browser_number(&o))
                .unwrap_or(1.0);
            let combined = js_sys::Number::from(own * alpha).to_string_with_radix(10)?;
            element.set_attribute(paint, &colour)?;
            element.set_attribute(opacity, &String::from(combined))?;
        }
    }
    Ok(())
}

/// A number read by the browser's `parseFloat` (see `paint::plain_colour`).
fn browser_number(text: &str) -> Option<f64> {
    Some(js_sys::parse_float(text)).filter(|n| n.is_finite())
}

/// The colour the drawing is seen on: the first opaque background from the canvas outwards
/// (the canvas itself paints only a dotted grid).
fn backdrop_colour(window: &web_sys::Window, canvas: &Element) -> Result<String, JsValue> {
    let mut element = Some(canvas.clone());
    while let Some(current) = element {
        if let Some(style) = window.get_computed_style(&current)? {
            let colour = style.get_property_value("background-color")?;
            let transparent = colour == "transparent" || colour.replace(' ', "").ends_with(",0)");
            if !colour.is_empty() && !transparent {
                let plain = crate::paint::plain_colour(&colour, browser_number);
                return Ok(plain.map_or(colour, |(rgb, _)| rgb));
            }
        }
        element = current.parent_element();
    }
    Ok("white".into())
}

/// Hands `text` to the browser as a file download.
fn download(text: &str, file_name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(&format!("{file_name}.svg"));
    link.click();
    // The browser has taken the file once the click is handled; the address can go.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
