//! The keyboard shortcuts overlay (`?`), used mostly in embed mode on slides.

use crate::view::actions::Action;
use crate::view::words::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub lang: Lang,
    pub act: Callback<Action>,
}

#[component]
pub fn HelpOverlay(props: &HelpProps) -> Html {
    let t = props.lang.strings();
    let close = {
        let act = props.act.clone();
        Callback::from(move |_: MouseEvent| act.emit(Action::CloseHelp))
    };
    html! {
        <div class="help-overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="shortcuts">
            <div class="help-card">
                <h2 id="help-title">{ t.shortcuts }</h2>
                <dl>
                    { for t.shortcut_list.iter().map(|(key, what)| html! {
                        <div key={*key} class="shortcut"><dt><kbd>{ *key }</kbd></dt><dd>{ *what }</dd></div>
                    }) }
                </dl>
                <button type="button" onclick={close}>{ t.close }</button>
            </div>
        </div>
    }
}
