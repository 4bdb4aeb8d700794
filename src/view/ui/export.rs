//! Downloads: the topology as a standalone SVG file and the metrics as CSV. Both are built in the page
//! and handed to the browser as a Blob behind a temporary object URL: no network request is made.

use crate::model::Report;
use crate::scenario::csv::report_csv;
use gloo::file::{Blob, ObjectUrl};
use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

pub const TOPOLOGY_FILE: &str = "sessionscope-topology.svg";
pub const METRICS_FILE: &str = "sessionscope-metrics.csv";

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// The styles that make the drawing look the same outside the page (the page's stylesheet does not
/// travel with the file, so each element's computed value is written onto the copy as an attribute):
/// name, whether it inherits, and its initial value as the browser reports it. An attribute is written
/// only where it changes something, which keeps the file small.
const INLINED: &[(&str, bool, &str)] = &[
    ("fill", true, "rgb(0, 0, 0)"),
    ("fill-opacity", true, "1"),
    ("stroke", true, "none"),
    ("stroke-width", true, "1px"),
    ("stroke-opacity", true, "1"),
    ("stroke-dasharray", true, "none"),
    ("stroke-linecap", true, "butt"),
    ("stroke-linejoin", true, "miter"),
    // No initial value a viewer would share: always written on the root.
    ("font-family", true, ""),
    ("font-size", true, ""),
    ("font-weight", true, "400"),
    ("text-anchor", true, "start"),
    ("visibility", true, "visible"),
    ("paint-order", true, "normal"),
    ("opacity", false, "1"),
    ("dominant-baseline", false, "auto"),
    ("display", false, "inline"),
];

/// Drawn over the topology in a sibling SVG with the same viewBox (the messages in flight).
const OVERLAY_SELECTOR: &str = "svg.traffic-overlay";

/// Download the `[data-testid=topology]` drawing as `sessionscope-topology.svg`.
pub fn download_topology_svg() {
    if let Err(problem) = try_download_topology_svg() {
        gloo::console::error!(format!("SVG export failed: {problem}"));
    }
}

/// Download the metrics as `sessionscope-metrics.csv`.
pub fn download_metrics_csv(report: &Report) {
    if let Err(problem) = try_download_metrics_csv(report) {
        gloo::console::error!(format!("CSV export failed: {problem}"));
    }
}

pub fn try_download_topology_svg() -> Result<(), String> {
    let document = gloo::utils::document();
    let svg = document
        .query_selector("[data-testid=topology]")
        .map_err(describe)?
        .ok_or("no topology on the page")?;
    let text = standalone_svg(&svg)?;
    download(&text, "image/svg+xml;charset=utf-8", TOPOLOGY_FILE)
}

pub fn try_download_metrics_csv(report: &Report) -> Result<(), String> {
    download(&report_csv(report), "text/csv;charset=utf-8", METRICS_FILE)
}

/// A copy of `svg` that renders the same on its own: namespace, computed styles, the messages in
/// flight and the background inlined.
fn standalone_svg(svg: &Element) -> Result<String, String> {
    let copy = deep_copy(svg)?;
    copy.set_attribute("xmlns", SVG_NS).map_err(describe)?;
    let initial: Vec<String> = INLINED.iter().map(|p| p.2.to_string()).collect();
    let root = inline_styles(svg, &copy, &initial)?;
    let overlay = match svg.parent_element() {
        Some(parent) => parent.query_selector(OVERLAY_SELECTOR).map_err(describe)?,
        None => None,
    };
    if let Some(overlay) = overlay {
        // A nested <svg> with the same viewBox fills its parent's viewBox: the same coordinates.
        let overlay_copy = deep_copy(&overlay)?;
        inline_styles(&overlay, &overlay_copy, &root)?;
        copy.append_child(&overlay_copy).map_err(describe)?;
    }
    add_background(svg, &copy)?;
    let serializer = construct_global("XMLSerializer")?;
    let text = call_method(&serializer, "serializeToString", &copy)?
        .as_string()
        .ok_or("XMLSerializer returned no text")?;
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"
    ))
}

fn deep_copy(element: &Element) -> Result<Element, String> {
    element
        .clone_node_with_deep(true)
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "the drawing is not an element".to_string())
}

/// Walk the original and the copy in step (same shape) and write the original's computed styles onto
/// the copy as presentation attributes where they differ from what the copy would get anyway
/// (`inherited`: the parent's values). Returns this element's values, for its children.
fn inline_styles(
    original: &Element,
    copy: &Element,
    inherited: &[String],
) -> Result<Vec<String>, String> {
    let style = computed_style(original)?;
    let mut values = Vec::with_capacity(INLINED.len());
    for (&(name, inherits, initial), from_parent) in INLINED.iter().zip(inherited) {
        let value = call_method(&style, "getPropertyValue", &JsValue::from_str(name))?
            .as_string()
            .unwrap_or_default();
        let implied = match (name, inherits) {
            // Only `none` changes what is drawn.
            ("display", _) => value != "none",
            (_, true) => value == *from_parent,
            (_, false) => value == initial,
        };
        if !value.is_empty() && !implied {
            copy.set_attribute(name, &value).map_err(describe)?;
        }
        values.push(value);
    }
    let mut from = original.first_element_child();
    let mut to = copy.first_element_child();
    while let (Some(a), Some(b)) = (from, to) {
        inline_styles(&a, &b, &values)?;
        from = a.next_element_sibling();
        to = b.next_element_sibling();
    }
    Ok(values)
}

/// The page behind the drawing, as a first rectangle: otherwise a dark theme's light text lands on a
/// viewer's white (or a light theme's on black).
fn add_background(svg: &Element, copy: &Element) -> Result<(), String> {
    let colour = background_of(svg)?.unwrap_or_else(|| "#ffffff".to_string());
    let rect = gloo::utils::document()
        .create_element_ns(Some(SVG_NS), "rect")
        .map_err(describe)?;
    let view_box: Vec<String> = svg
        .get_attribute("viewBox")
        .unwrap_or_default()
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let [x, y, w, h] = match view_box.as_slice() {
        [x, y, w, h] => [x.as_str(), y.as_str(), w.as_str(), h.as_str()],
        _ => ["0", "0", "100%", "100%"],
    };
    for (name, value) in [
        ("x", x),
        ("y", y),
        ("width", w),
        ("height", h),
        ("fill", colour.as_str()),
    ] {
        rect.set_attribute(name, value).map_err(describe)?;
    }
    copy.insert_before(&rect, copy.first_child().as_ref())
        .map_err(describe)?;
    Ok(())
}

/// The first non-transparent background colour from the drawing up to the document.
fn background_of(element: &Element) -> Result<Option<String>, String> {
    let mut current = Some(element.clone());
    while let Some(node) = current {
        let style = computed_style(&node)?;
        let colour = call_method(
            &style,
            "getPropertyValue",
            &JsValue::from_str("background-color"),
        )?
        .as_string()
        .unwrap_or_default();
        let transparent = colour.is_empty()
            || colour == "transparent"
            || colour.replace(' ', "") == "rgba(0,0,0,0)";
        if !transparent {
            return Ok(Some(colour));
        }
        current = node.parent_element();
    }
    Ok(None)
}

// web-sys types for XMLSerializer and CSSStyleDeclaration are behind features the crate does not enable;
// these two calls go through js_sys instead.

fn computed_style(element: &Element) -> Result<JsValue, String> {
    call_method(&gloo::utils::window().into(), "getComputedStyle", element)
}

fn construct_global(name: &str) -> Result<JsValue, String> {
    let constructor: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name))
            .map_err(describe)?
            .dyn_into()
            .map_err(|_| format!("{name} is not available"))?;
    js_sys::Reflect::construct(&constructor, &js_sys::Array::new()).map_err(describe)
}

fn call_method(target: &JsValue, name: &str, argument: &JsValue) -> Result<JsValue, String> {
    let method: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(name))
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| format!("{name} is not a function"))?;
    method.call1(target, argument).map_err(describe)
}

/// Hand `text` to the browser as a file: a Blob, an object URL and a temporary `<a download>`.
fn download(text: &str, mime: &str, file_name: &str) -> Result<(), String> {
    let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
    let document = gloo::utils::document();
    let link: HtmlElement = document
        .create_element("a")
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "no anchor element")?;
    link.set_attribute("href", &url).map_err(describe)?;
    link.set_attribute("download", file_name)
        .map_err(describe)?;
    link.set_attribute("hidden", "").map_err(describe)?;
    let body = gloo::utils::body();
    body.append_child(&link).map_err(describe)?;
    link.click();
    link.remove();
    // The browser reads the Blob after this task; revoke the URL (by dropping it) a little later.
    Timeout::new(10_000, move || drop(url)).forget();
    Ok(())
}

fn describe(error: JsValue) -> String {
    error
        .as_string()
        .or_else(|| {
            js_sys::Reflect::get(&error, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| format!("{error:?}"))
}
