//! The static part of the picture: users, balancer, servers (with session chips, memory and queue),
//! and the wires between them (the store and its replica: `store_node`). Each node is a memoised
//! component, so a frame that only moves arrows re-renders none of this.

mod chips;
mod scene;
mod server;

pub(super) use chips::{chip_marks, chip_paths, chips_fit, initials_layer, key_shape, Mark};
pub use scene::{CookieLayer, CookieProps, StaticLayer, StaticProps};
pub use server::{ServerNode, ServerNodeProps};

use crate::model::NodeState;
use crate::view::actions::Action;
use crate::view::layout::Rect;
use crate::view::words::Lang;
use yew::prelude::*;

pub(super) fn fmt1(v: f64) -> String {
    crate::view::svgnum::fmt(v)
}

pub(super) fn state_name(state: NodeState) -> &'static str {
    if state.is_up() {
        "up"
    } else {
        "down"
    }
}

pub(super) fn state_text(state: NodeState, lang: Lang) -> &'static str {
    let t = lang.strings();
    match state {
        NodeState::Up => t.state_up,
        NodeState::DownUndetected => t.state_down_undetected,
        NodeState::DownDetected => t.state_down,
    }
}

pub(super) fn detected_attr(state: NodeState) -> &'static str {
    match state {
        NodeState::Up => "n/a",
        NodeState::DownUndetected => "no",
        NodeState::DownDetected => "yes",
    }
}

/// Enter or Space on a focused node activates it, like a button.
fn key_activates(e: &KeyboardEvent) -> bool {
    matches!(e.key().as_str(), "Enter" | " " | "Spacebar")
}

pub(super) fn activation_handlers(
    act: &Callback<Action>,
    action: Action,
) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let click = {
        let act = act.clone();
        let action = action.clone();
        Callback::from(move |_: MouseEvent| act.emit(action.clone()))
    };
    let key = {
        let act = act.clone();
        Callback::from(move |e: KeyboardEvent| {
            if key_activates(&e) {
                e.prevent_default();
                e.stop_propagation();
                act.emit(action.clone());
            }
        })
    };
    (click, key)
}

/// A clickable node (server, store, replica): its handles, accessible name and box; `body` is drawn on
/// top of the box. `detected` is the `data-detected` handle (the replica has none).
#[allow(clippy::too_many_arguments)]
fn node(
    testid: String,
    state: NodeState,
    detected: Option<&'static str>,
    class: Classes,
    r: Rect,
    rx: &'static str,
    label: String,
    act: &Callback<Action>,
    action: Action,
    body: Html,
) -> Html {
    let (onclick, onkeydown) = activation_handlers(act, action);
    html! {
        <g data-testid={testid} data-state={state_name(state)} data-detected={detected} class={class}
           transform={format!("translate({} {})", fmt1(r.x), fmt1(r.y))}
           tabindex="0" role="button" aria-label={label.clone()} {onclick} {onkeydown}>
            <title>{ label }</title>
            <rect class="box" width={fmt1(r.w)} height={fmt1(r.h)} rx={rx} />
            { body }
        </g>
    }
}

/// A node's accessible name: the words it shows, in drawing order, then what it does not show.
pub(super) fn accessible_name(seen: &[Option<String>], unseen: &[String]) -> String {
    let seen: Vec<&str> = seen.iter().flatten().map(String::as_str).collect();
    format!("{}: {}", seen.join(" "), unseen.join(", "))
}

/// About how wide `text` is at `size` (proportional fonts average a little over half an em per
/// character; CJK characters take a whole em; a variation selector takes none).
pub(super) fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .filter(|c| *c != '\u{FE0E}')
        .map(|c| if c.len_utf8() > 2 { 1.0 } else { 0.6 })
        .sum::<f64>()
        * size
}

/// Where a down node's state word is centred (its middle, in the node's units): in the free band from
/// `free_top` to `free_bottom` under the node's words and chips, so that it hides neither; in a node too
/// short for that (`size` does not fit), at the middle of the node's height `h`, over everything.
pub(super) fn state_word_middle(free_top: f64, free_bottom: f64, size: f64, h: f64) -> f64 {
    if free_bottom - free_top >= size {
        (free_top + free_bottom) / 2.0
    } else {
        h / 2.0
    }
}
