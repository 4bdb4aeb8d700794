//! A panic is never silent. Yew is dead after a wasm panic, so the notice is built with plain DOM calls
//! (text only, never markup) and links to the last known share URL, so a reload lands at the same state.
//!
//! Test hook: opening the page with the fragment `#panic-test` panics on purpose right after the first
//! render (e2e/hardening.test.mjs checks the notice appears and the text reaches the console).

use crate::view::words::Lang;
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

/// A broken app can panic again on its way down; one notice is enough.
static NOTICE_SHOWN: AtomicBool = AtomicBool::new(false);

pub const TEST_FRAGMENT: &str = "#panic-test";

thread_local! {
    static RELOAD_URL: RefCell<String> = const { RefCell::new(String::new()) };
    static LANG: RefCell<Lang> = const { RefCell::new(Lang::En) };
}

/// Remember where a reload should go, and in which language to apologise.
pub fn remember(url: &str, lang: Lang) {
    RELOAD_URL.with(|u| {
        if let Ok(mut u) = u.try_borrow_mut() {
            if *u != url {
                u.clear();
                u.push_str(url);
            }
        }
    });
    LANG.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            *l = lang;
        }
    });
}

pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let text = info.to_string();
        if !NOTICE_SHOWN.swap(true, Ordering::SeqCst) {
            web_sys::console::error_1(&format!("SessionScope {text}").into());
            show_notice();
        }
    }));
}

fn show_notice() {
    let url = RELOAD_URL.with(|u| u.try_borrow().map(|u| u.clone()).unwrap_or_default());
    let lang = LANG.with(|l| l.try_borrow().map(|l| *l).unwrap_or_default());
    let t = lang.strings();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let build = || -> Result<web_sys::Element, wasm_bindgen::JsValue> {
        let notice = document.create_element("div")?;
        notice.set_class_name("panic-notice");
        notice.set_attribute("role", "alert")?;
        notice.set_attribute("data-testid", "panic")?;
        let title = document.create_element("strong")?;
        title.set_text_content(Some(t.panic_title));
        let body_text = document.create_element("p")?;
        body_text.set_text_content(Some(t.panic_body));
        let link = document.create_element("a")?;
        link.set_text_content(Some(t.panic_reload));
        let href = if url.is_empty() {
            super::dom::page_base()
        } else {
            url.clone()
        };
        link.set_attribute("href", &href)?;
        link.set_attribute("data-testid", "panic-reload")?;
        notice.append_child(&title)?;
        notice.append_child(&body_text)?;
        notice.append_child(&link)?;
        Ok(notice)
    };
    if let Ok(notice) = build() {
        let _ = body.append_child(&notice);
    }
}
