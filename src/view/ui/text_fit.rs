//! The picture's text size: fitted to the picture's drawn scale (so every word is readable from the
//! back of a room) and to the reader's font scale, which is remembered.

use crate::view::actions::Action;
use crate::view::scene::Scene;
use crate::view::ui::dom;
use crate::view::words::Lang;
use yew::prelude::*;

/// The font-scale button under the picture: shows the current scale; `f` does the same.
pub fn font_scale_button(act: &Callback<Action>, percent: u32, lang: Lang) -> Html {
    let t = lang.strings();
    let onclick = {
        let act = act.clone();
        Callback::from(move |_: MouseEvent| act.emit(Action::FontScale))
    };
    let title = format!("{} {percent}% (f)", t.font_scale);
    // The visible text is the accessible name; the word for screen readers, the shortcut in the title.
    html! {
        <button type="button" class="font-scale" data-testid="font-scale" data-value={percent.to_string()}
                {title} {onclick}>
            <span class="visually-hidden">{ t.font_scale }{ " " }</span>
            { format!("A {percent}%") }
        </button>
    }
}

/// Local-storage key of the reader's font scale.
const FONT_SCALE_KEY: &str = "sessionscope-font-scale";

/// The remembered font scale, if any.
pub fn load_font_scale(scene: &mut Scene) {
    if let Some(percent) = dom::stored(FONT_SCALE_KEY).and_then(|v| v.parse().ok()) {
        scene.set_font_scale(percent);
    }
}

/// The next font scale, remembered, and the text fitted to it.
pub fn next_font_scale(scene: &mut Scene) {
    let percent = scene.next_font_scale();
    dom::store(FONT_SCALE_KEY, &percent.to_string());
    scene.text = 0.0;
    fit_text(scene);
}

/// Fit the picture's text to its drawn size; true when it changed (the page then draws again).
pub fn fit_text(scene: &mut Scene) -> bool {
    let dom = dom::document();
    let window = dom::window()
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let scale = dom
        .query_selector("[data-testid=topology]")
        .ok()
        .flatten()
        .map_or(0.0, |svg| {
            let l = &scene.layout;
            // preserveAspectRatio "meet": the smaller of the two scales.
            (f64::from(svg.client_width()) / l.width).min(f64::from(svg.client_height()) / l.height)
        });
    scene.fit_text(scale, window)
}

thread_local! {
    /// When the picture's size was last measured (wall-clock ms).
    static MEASURED_AT: std::cell::Cell<f64> = const { std::cell::Cell::new(f64::NEG_INFINITY) };
}

/// `fit_text`, at most twice a second: measuring forces a layout, which a frame that only moves
/// arrows should not pay for. Resizes and font-scale changes fit at once (`Action::Refit`).
pub fn fit_text_now_and_then(scene: &mut Scene) -> bool {
    let now = dom::now_ms();
    if now - MEASURED_AT.with(std::cell::Cell::get) < 500.0 {
        return false;
    }
    MEASURED_AT.with(|at| at.set(now));
    fit_text(scene)
}
