//! Small browser helpers. Nothing here inserts markup: only attributes, text and the clipboard.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a document")
}

pub fn query_string() -> String {
    window().location().search().unwrap_or_default()
}

pub fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The page's address without query or fragment: the base of share links (works under any sub-path).
pub fn page_base() -> String {
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}")
}

pub fn share_url(query: &str) -> String {
    if query.is_empty() {
        page_base()
    } else {
        format!("{}?{}", page_base(), query)
    }
}

/// Replace the address bar's query without reloading or adding history entries.
pub fn replace_query(query: &str) {
    if let Ok(history) = window().history() {
        let url = share_url(query);
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(name, value);
    }
}

pub fn media_matches(query: &str) -> bool {
    window()
        .match_media(query)
        .ok()
        .flatten()
        .map(|m| m.matches())
        .unwrap_or(false)
}

pub fn navigator_language() -> String {
    window().navigator().language().unwrap_or_default()
}

pub fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Local storage can be missing or throw (sandboxed iframes, privacy modes): treat that as empty.
pub fn stored(key: &str) -> Option<String> {
    window()
        .local_storage()
        .ok()
        .flatten()?
        .get_item(key)
        .ok()
        .flatten()
}

pub fn store(key: &str, value: &str) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(key, value);
    }
}

/// Copy text to the clipboard when the browser allows it. A refusal (no permission, no focus, an
/// iframe without clipboard access) is expected and harmless: the text is in the share field anyway,
/// so the rejection is caught instead of surfacing as an uncaught promise error.
pub fn copy_to_clipboard(text: &str) {
    let navigator = window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")) else {
        return;
    };
    if clipboard.is_undefined() || clipboard.is_null() {
        return;
    }
    let Ok(write) = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")) else {
        return;
    };
    let Some(write) = write.dyn_ref::<js_sys::Function>() else {
        return;
    };
    if let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) {
        if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
            // One tiny closure per copy (a person's click): leaking it is simpler than tracking it.
            let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
            let _ = promise.catch(&ignore);
            ignore.forget();
        }
    }
}

/// Remove the element with this `id` from the page, if it is there.
pub fn remove_element(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        element.remove();
    }
}

/// Move keyboard focus to the element with this `data-testid` (if it is on the page).
pub fn focus_testid(testid: &str) {
    let selector = format!("[data-testid=\"{testid}\"]");
    if let Ok(Some(element)) = document().query_selector(&selector) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}
