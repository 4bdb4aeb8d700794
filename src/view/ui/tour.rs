//! The guided tour panel: one step's title, caption and prediction question, a button that reveals the
//! answer (the app then plays the step's key moment, `view::director`), the answer once the moment's
//! outcome has happened, a replay button, and navigation between steps. It holds no state of its own: the
//! app owns the step index and whether the answer is revealed and shown.

use super::widgets::emit;
use crate::scenario::tour::Topic;
use crate::view::actions::Action;
use crate::view::ui::metrics::PointedReadout;
use crate::view::words::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TourProps {
    /// Step index counting from 0 (the URL's `tour=N` counts from 1).
    pub step: usize,
    pub lang: Lang,
    pub revealed: bool,
    /// The run has reached the outcome: the answer is shown.
    pub answer_visible: bool,
    /// Key moments "show me" plays (`data-moments`, for the pictures of each).
    pub moments: usize,
    /// The read-outs the answer points at, shown under it, where the class is looking: the metrics
    /// themselves may be below the fold (always in the embed).
    pub readouts: Vec<PointedReadout>,
    /// Go to another step, reveal the answer (the app plays the step), or leave the tour.
    pub act: Callback<Action>,
}

/// The panel. When the answer appears, the app moves focus to it (see `show_answer`), so keyboard users
/// are not left on a button that just disappeared.
#[component]
pub fn TourPanel(props: &TourProps) -> Html {
    let n = Topic::ALL.len();
    let index = props.step.min(n - 1);
    let w = props.lang.words();
    let t = w.strings();
    let step = w.tour(Topic::ALL[index]);
    let act = &props.act;
    let at_start = index == 0;
    let at_end = index + 1 == n;

    html! {
        <section class="tour" data-testid="tour" data-step={(index + 1).to_string()} data-steps={n.to_string()} data-moments={props.moments.to_string()}
            aria-labelledby="tour-title">
            <header class="tour-head">
                <p class="tour-progress" data-testid="tour-progress">{ w.tour_progress(index + 1, n) }</p>
                <h2 id="tour-title" class="tour-title">{ step.title }</h2>
                <div class="tour-close-slot">
                    <button type="button" class="tour-close" data-testid="tour-close" onclick={emit(act, Action::TourClose)}>
                        { t.tour_close }
                    </button>
                </div>
            </header>
            // A new step's caption is announced to screen readers.
            <div class="tour-live" aria-live="polite" aria-atomic="true">
                <p class="tour-caption" data-testid="tour-caption">{ step.caption }</p>
            </div>
            <div class="tour-predict">
                <p class="tour-question-label">{ t.tour_predict }</p>
                <p class="tour-question" data-testid="tour-question">{ step.question }</p>
            </div>
            <div class="tour-reveal-slot" aria-live="polite">
                if props.answer_visible {
                    <p class="tour-answer" data-testid="tour-answer" tabindex="-1">
                        { step.answer }
                    </p>
                    if !props.readouts.is_empty() {
                        <dl class="tour-readouts" data-testid="tour-readouts">
                            { for props.readouts.iter().map(|r| html! {
                                <div key={r.label}>
                                    <dt>{ r.label }</dt>
                                    <dd>{ r.now.clone() }</dd>
                                    if let Some(before) = &r.before {
                                        <dd class="tour-before" data-testid="tour-before">
                                            { format!("({} {before})", t.tour_before) }
                                        </dd>
                                    }
                                </div>
                            }) }
                        </dl>
                    }
                } else if props.revealed {
                    <p class="tour-watch">{ t.tour_watch }</p>
                }
                if props.revealed {
                    <button type="button" class="tour-replay" data-testid="tour-replay" onclick={emit(act, Action::TourReplay)}>
                        { t.tour_replay }
                    </button>
                } else {
                    <button type="button" class="tour-reveal" data-testid="tour-reveal" onclick={emit(act, Action::TourReveal)}>
                        { t.tour_show_me }
                    </button>
                }
            </div>
            <nav class="tour-nav" aria-label={t.tour_steps}>
                <button type="button" class="tour-back" data-testid="tour-back" disabled={at_start}
                    onclick={emit(act, Action::TourGo(index.saturating_sub(1)))}>
                    { t.tour_back }
                </button>
                <button type="button" class="tour-next" data-testid="tour-next" disabled={at_end}
                    onclick={emit(act, Action::TourGo((index + 1).min(n - 1)))}>
                    { t.tour_next }
                </button>
            </nav>
            <details class="tour-list">
                <summary>{ t.tour_all_steps }</summary>
                <ol>
                    { for Topic::ALL.iter().enumerate().map(|(i, topic)| html! {
                        <li key={topic.id()}>
                            <button type="button" class="tour-jump" data-testid={format!("tour-step-{}", i + 1)}
                                aria-current={(i == index).then_some("step")}
                                onclick={emit(act, Action::TourGo(i))}>
                                { w.tour(*topic).title }
                            </button>
                        </li>
                    }) }
                </ol>
            </details>
        </section>
    }
}

/// The answer has just appeared: focus it without scrolling the picture away. The read-outs it points
/// at are repeated under it, so nothing else needs scrolling into view.
pub fn show_answer() {
    let document = super::dom::document();
    if let Some(answer) = document
        .query_selector("[data-testid=\"tour-answer\"]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = answer.focus_with_options(&options);
    }
}
