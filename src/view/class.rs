//! Class attributes joined from words. Yew's `classes!` builds an IndexSet for every element on every
//! render, and its code is a large share of the wasm (issue 4's size budget); the page's words are fixed
//! and distinct, so joining them is all that is needed.

use yew::AttrValue;

/// The words joined by spaces; empty words (an option that is off) are left out.
pub fn class_list(words: &[&str]) -> AttrValue {
    let mut out = String::new();
    for word in words.iter().filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    AttrValue::from(out)
}

/// `word` when `on`, else nothing: an optional word for `class_list`.
pub fn when(on: bool, word: &'static str) -> &'static str {
    if on {
        word
    } else {
        ""
    }
}
