//! The guided tour panel: one step's title, caption and prediction question, a button that reveals the
//! answer (the app then plays the step's scenario), and navigation between steps. It holds no state of its
//! own: the app owns the step index and whether the answer is revealed (both live in the URL).

use super::actions::Action;
use super::i18n::Lang;
use super::widgets::emit;
use crate::scenario::tour::TourStep;
use std::rc::Rc;
use yew::prelude::*;

pub struct TourProps {
    /// Every step (built once by the app: building a step builds its scenario).
    pub steps: Rc<Vec<TourStep>>,
    /// Step index counting from 0 (the URL's `tour=N` counts from 1).
    pub step: usize,
    pub lang: Lang,
    pub revealed: bool,
    /// Go to another step, reveal the answer (the app plays the step), or leave the tour.
    pub act: Callback<Action>,
}

impl PartialEq for TourProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.steps, &other.steps)
            && self.step == other.step
            && self.lang == other.lang
            && self.revealed == other.revealed
            && self.act == other.act
    }
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

/// The panel. After its "show me" button reveals the answer, the app moves focus to the answer (see
/// `App::rendered`), so keyboard users are not left on a button that just disappeared.
pub fn tour_panel(props: &TourProps) -> Html {
    let all = &props.steps;
    let n = all.len();
    if n == 0 {
        return html! {};
    }
    let index = props.step.min(n - 1);
    let step = &all[index];
    let lang = props.lang;
    let korean = lang == Lang::Ko;
    let act = &props.act;
    let at_start = index == 0;
    let at_end = index + 1 == n;

    html! {
        <section class="tour" data-testid="tour" data-step={(index + 1).to_string()} data-steps={n.to_string()}
            aria-labelledby="tour-title">
            <header class="tour-head">
                <p class="tour-progress" data-testid="tour-progress">{ progress(lang, index + 1, n) }</p>
                <h2 id="tour-title" class="tour-title">{ step.title(korean) }</h2>
                <div class="tour-close-slot">
                    <button type="button" class="tour-close" data-testid="tour-close" onclick={emit(act, Action::TourClose)}>
                        { tr(lang, "Close tour", "둘러보기 닫기") }
                    </button>
                </div>
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
                    <p class="tour-answer" data-testid="tour-answer" tabindex="-1">
                        { step.answer(korean) }
                    </p>
                } else {
                    <button type="button" class="tour-reveal" data-testid="tour-reveal" onclick={emit(act, Action::TourReveal)}>
                        { tr(lang, "Show me", "보여 주세요") }
                    </button>
                }
            </div>
            <nav class="tour-nav" aria-label={tr(lang, "Tour steps", "둘러보기 단계")}>
                <button type="button" class="tour-back" data-testid="tour-back" disabled={at_start}
                    onclick={emit(act, Action::TourGo(index.saturating_sub(1)))}>
                    { tr(lang, "← Back", "← 이전") }
                </button>
                <button type="button" class="tour-next" data-testid="tour-next" disabled={at_end}
                    onclick={emit(act, Action::TourGo((index + 1).min(n - 1)))}>
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
                                onclick={emit(act, Action::TourGo(i))}>
                                { s.title(korean) }
                            </button>
                        </li>
                    }) }
                </ol>
            </details>
        </section>
    }
}
