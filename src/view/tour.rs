//! PLACEHOLDER: the guided tour panel. The teaching work fills it in; the app mounts it for `?tour=N`.

use super::i18n::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TourProps {
    /// Step index counting from 0 (the URL's `tour=N` counts from 1).
    pub step: usize,
    pub lang: Lang,
    /// Go to another step (the app loads that step's scenario).
    pub on_go: Callback<usize>,
}

#[function_component(TourPanel)]
pub fn tour_panel(props: &TourProps) -> Html {
    let steps = crate::scenario::tour::steps();
    let step = props.step.min(steps.len().saturating_sub(1));
    let caption = match props.lang {
        Lang::En => steps[step].caption_en,
        Lang::Ko => steps[step].caption_ko,
    };
    html! { <section class="tour"><p data-testid="tour-caption">{ caption }</p></section> }
}
