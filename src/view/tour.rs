//! The guided tour panel: one step's title, caption and prediction question, a button that reveals the
//! answer (the app then plays the step's scenario), and navigation between steps. It holds no state of its
//! own beyond focus: the app owns the step index and whether the answer is revealed (both live in the URL).

use super::i18n::Lang;
use crate::scenario::tour::{steps, TourStep};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TourProps {
    /// Step index counting from 0 (the URL's `tour=N` counts from 1).
    pub step: usize,
    pub lang: Lang,
    /// Go to another step (the app loads that step's scenario).
    pub on_go: Callback<usize>,
    /// The viewer has made a prediction: play the step and show the answer.
    pub on_reveal: Callback<()>,
    pub revealed: bool,
    /// Leave the tour; without it no close button is shown.
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
}

/// A label in the reader's language.
fn tr(lang: Lang, en: &'static str, ko: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

fn progress(lang: Lang, k: usize, n: usize) -> String {
    match lang {
        Lang::En => format!("Step {k} of {n}"),
        Lang::Ko => format!("{n}단계 중 {k}단계"),
    }
}

#[function_component(TourPanel)]
pub fn tour_panel(props: &TourProps) -> Html {
    // Building the steps builds their scenarios: once per panel, not once per render.
    let all: Rc<Vec<TourStep>> = use_memo((), |_| steps());
    let answer_ref = use_node_ref();
    // Focus moves to the answer only when this panel's button revealed it (not when a link opens a step
    // that is already revealed), so keyboard users are not left on a button that just disappeared.
    let focus_answer = use_mut_ref(|| false);
    {
        let answer_ref = answer_ref.clone();
        let focus_answer = focus_answer.clone();
        use_effect_with((props.step, props.revealed), move |(_, revealed)| {
            if *revealed && std::mem::take(&mut *focus_answer.borrow_mut()) {
                if let Some(answer) = answer_ref.cast::<web_sys::HtmlElement>() {
                    let _ = answer.focus();
                }
            }
        });
    }

    let n = all.len();
    if n == 0 {
        return html! {};
    }
    let index = props.step.min(n - 1);
    let step = &all[index];
    let lang = props.lang;
    let korean = lang == Lang::Ko;

    let go = |target: usize| {
        let on_go = props.on_go.clone();
        Callback::from(move |_: MouseEvent| on_go.emit(target))
    };
    let reveal = {
        let on_reveal = props.on_reveal.clone();
        let focus_answer = focus_answer.clone();
        Callback::from(move |_: MouseEvent| {
            *focus_answer.borrow_mut() = true;
            on_reveal.emit(());
        })
    };
    let close = props.on_close.clone().map(|on_close| {
        html! {
            <button type="button" class="tour-close" data-testid="tour-close"
                onclick={Callback::from(move |_: MouseEvent| on_close.emit(()))}>
                { tr(lang, "Close tour", "둘러보기 닫기") }
            </button>
        }
    });
    let at_start = index == 0;
    let at_end = index + 1 == n;

    html! {
        <section class="tour" data-testid="tour" data-step={(index + 1).to_string()} data-steps={n.to_string()}
            aria-labelledby="tour-title">
            <header class="tour-head">
                <p class="tour-progress" data-testid="tour-progress">{ progress(lang, index + 1, n) }</p>
                <h2 id="tour-title" class="tour-title">{ step.title(korean) }</h2>
                <div class="tour-close-slot">{ for close }</div>
            </header>
            // A new step's caption is announced to screen readers.
            <div class="tour-live" aria-live="polite" aria-atomic="true">
                <p class="tour-caption" data-testid="tour-caption">{ step.caption(korean) }</p>
            </div>
            <div class="tour-predict">
                <p class="tour-question-label">{ tr(lang, "Predict", "예측해 보세요") }</p>
                <p class="tour-question" data-testid="tour-question">{ step.question(korean) }</p>
            </div>
            <div class="tour-reveal-slot" aria-live="polite">
                if props.revealed {
                    <p class="tour-answer" data-testid="tour-answer" tabindex="-1" ref={answer_ref}>
                        { step.answer(korean) }
                    </p>
                } else {
                    <button type="button" class="tour-reveal" data-testid="tour-reveal" onclick={reveal}>
                        { tr(lang, "Show me", "보여 주세요") }
                    </button>
                }
            </div>
            <nav class="tour-nav" aria-label={tr(lang, "Tour steps", "둘러보기 단계")}>
                <button type="button" class="tour-back" data-testid="tour-back" disabled={at_start}
                    onclick={go(index.saturating_sub(1))}>
                    { tr(lang, "← Back", "← 이전") }
                </button>
                <button type="button" class="tour-next" data-testid="tour-next" disabled={at_end}
                    onclick={go((index + 1).min(n - 1))}>
                    { tr(lang, "Next →", "다음 →") }
                </button>
            </nav>
            <details class="tour-list">
                <summary>{ tr(lang, "All steps", "전체 단계") }</summary>
                <ol>
                    { for all.iter().enumerate().map(|(i, s)| html! {
                        <li key={s.id}>
                            <button type="button" class="tour-jump" data-testid={format!("tour-step-{}", i + 1)}
                                aria-current={(i == index).then_some("step")}
                                onclick={go(i)}>
                                { s.title(korean) }
                            </button>
                        </li>
                    }) }
                </ol>
            </details>
        </section>
    }
}
