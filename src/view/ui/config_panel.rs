//! The `config` panel: the real configuration files of the current setup, exactly as the runner's
//! `config` subcommand prints them (both come from `realworld::sample_text`), with comments in the
//! page's language, a choice of file and a Copy button. Which file is shown is this panel's own
//! business, so it keeps that choice itself rather than in the page's state.

use super::dom;
use crate::model::Config;
use crate::realworld::{sample_text, Format};
use crate::view::words::Lang;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfigPanelProps {
    /// The setup as it is now (strategy, balancer, servers, lag, store ...).
    pub config: Config,
    pub lang: Lang,
}

/// The file each format is, as people know it (the same in both languages).
fn file_label(format: Format) -> &'static str {
    match format {
        Format::Nginx => "nginx.conf",
        Format::Haproxy => "haproxy.cfg",
        Format::Tomcat => "Tomcat server.xml <Cluster>",
        Format::SpringSession => "Spring Session application.properties",
        Format::Redis => "redis.conf + Sentinel",
    }
}

#[function_component(ConfigPanel)]
pub fn config_panel(props: &ConfigPanelProps) -> Html {
    let t = props.lang.strings();
    let format = use_state(|| Format::Nginx);
    // The text last copied: "copied" shows only while that is still the text on screen.
    let copied = use_state(|| None::<Rc<String>>);
    let text = use_memo(
        (props.config.clone(), *format, props.lang),
        |(config, format, lang)| sample_text(config, *format, *lang),
    );
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            if let Some(chosen) = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|select| Format::from_name(&select.value()))
            {
                format.set(chosen);
            }
        })
    };
    let on_copy = {
        let text = text.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            dom::copy_to_clipboard(&text);
            copied.set(Some(text.clone()));
        })
    };
    let shows_copied = copied.as_ref().is_some_and(|c| **c == *text);
    html! {
        <section class="config-panel" data-testid="config" aria-labelledby="config-title">
            <h2 id="config-title">{ t.config_title }</h2>
            <p class="hint">{ t.config_hint }</p>
            <div class="config-bar">
                <label for="config-format">{ t.config_format }</label>
                // The `value` property follows the state (as in `widgets::select_input`): once a person
                // has picked an option, Firefox no longer lets the `selected` attribute choose.
                <select id="config-format" data-testid="config-format" translate="no"
                        ~value={JsValue::from_str(format.name())} onchange={on_format}>
                    { for Format::ALL.iter().map(|&f| html! {
                        <option key={f.name()} value={f.name()} selected={f == *format}>{ file_label(f) }</option>
                    }) }
                </select>
                <button type="button" data-testid="config-copy" onclick={on_copy}>{ t.config_copy }</button>
                <p class="copied" role="status">{ if shows_copied { t.copied } else { "" } }</p>
            </div>
            // Focusable, so keyboard users can scroll a long file. `translate="no"`: file names and
            // files are code, the same in every language (their comments follow the page's).
            <pre class="config-text" data-testid="config-text" tabindex="0" role="region" translate="no"
                aria-labelledby="config-title" data-format={format.name()}>{ (*text).clone() }</pre>
        </section>
    }
}
