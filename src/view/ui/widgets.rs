//! Builders for the shapes the page repeats: buttons that emit an `Action`, selects and labelled inputs
//! that parse their value into one. None is generic and each takes a plain `fn` to turn text into an
//! action, so one copy of the code (and of each event closure) serves every use (wasm size).

use crate::view::actions::Action;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Turns a control's text value into the action it asks for (`None`: ignore the input).
pub type ToAction = fn(&str) -> Option<Action>;

/// A click handler that emits `action`.
pub fn emit(act: &Callback<Action>, action: Action) -> Callback<MouseEvent> {
    let act = act.clone();
    Callback::from(move |_: MouseEvent| act.emit(action.clone()))
}

/// A change handler that emits what `to_action` makes of the control's value.
fn on_change(act: &Callback<Action>, to_action: ToAction) -> Callback<Event> {
    let act = act.clone();
    Callback::from(move |e: Event| {
        let Some(target) = e.target() else { return };
        let value = match target.dyn_ref::<HtmlSelectElement>() {
            Some(select) => select.value(),
            None => target.unchecked_into::<HtmlInputElement>().value(),
        };
        if let Some(action) = to_action(value.trim()) {
            act.emit(action);
        }
    })
}

/// A plain button that emits `action`. `pressed` makes it a toggle (`aria-pressed`); `label` names
/// an icon-only button for screen readers.
pub fn action_button(
    testid: &'static str,
    act: &Callback<Action>,
    action: Action,
    pressed: Option<bool>,
    label: Option<&'static str>,
    body: Html,
) -> Html {
    html! {
        <button type="button" data-testid={testid} aria-pressed={pressed.map(|p| if p { "true" } else { "false" })}
            aria-label={label} onclick={emit(act, action)}>
            { body }
        </button>
    }
}

/// Select options, one per choice: its value (the name the URL and the runner use) and the words shown.
pub fn named_options<T: Copy>(
    choices: impl IntoIterator<Item = T>,
    value: impl Fn(T) -> &'static str,
    words: impl Fn(T) -> &'static str,
) -> Vec<(AttrValue, AttrValue)> {
    choices
        .into_iter()
        .map(|choice| {
            (
                AttrValue::from(value(choice)),
                AttrValue::from(words(choice)),
            )
        })
        .collect()
}

/// A select of (value, shown text) options; `id` is also its test handle. The options' `selected`
/// attribute chooses the first shown option; after that the select's `value` property does: once a
/// person has picked an option, Firefox no longer lets the attribute choose, so a shortcut or a reset
/// that changes the state would leave the old choice showing.
pub fn select_input(
    id: &'static str,
    options: &[(AttrValue, AttrValue)],
    current: &str,
    act: &Callback<Action>,
    to_action: ToAction,
) -> Html {
    html! {
        <select id={id} data-testid={id} ~value={JsValue::from_str(current)} onchange={on_change(act, to_action)}>
            { for options.iter().map(|(value, text)| html! {
                <option key={value.as_str()} value={value.clone()} selected={value.as_str() == current}>{ text.clone() }</option>
            }) }
        </select>
    }
}

/// A labelled select (see `select_input`).
pub fn select(
    id: &'static str,
    label: &'static str,
    options: &[(AttrValue, AttrValue)],
    current: &str,
    act: &Callback<Action>,
    to_action: ToAction,
) -> Html {
    html! {
        <div class="field">
            <label for={id}>{ label }</label>
            { select_input(id, options, current, act, to_action) }
        </div>
    }
}

/// What an `<input>` accepts: its type and bounds.
pub struct InputKind {
    pub kind: &'static str,
    pub min: &'static str,
    pub max: Option<AttrValue>,
    pub step: Option<&'static str>,
}

/// A labelled input whose value, on change, becomes an action; `id` is also its test handle.
pub fn input(
    id: &'static str,
    label: &'static str,
    kind: InputKind,
    value: String,
    act: &Callback<Action>,
    to_action: ToAction,
) -> Html {
    html! {
        <div class="field">
            <label for={id}>{ label }</label>
            <input id={id} data-testid={id} type={kind.kind} min={kind.min} max={kind.max} step={kind.step}
                value={value} onchange={on_change(act, to_action)} />
        </div>
    }
}
