//! PLACEHOLDER: the compare view (`?view=compare`). The teaching work fills it in.

use super::i18n::Lang;
use crate::scenario::Scenario;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub scenario: Scenario,
    pub lang: Lang,
}

#[function_component(CompareView)]
pub fn compare_view(_props: &CompareProps) -> Html {
    html! { <table data-testid="compare-table"></table> }
}
