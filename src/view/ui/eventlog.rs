//! The event log in plain words, plus a polite ARIA live region that is fed at most every few seconds
//! (the app throttles it) so screen readers are not flooded at high speed.

use super::metrics::clock;
use crate::model::LogEntry;
use crate::view::wording::describe;
use crate::view::words::Lang;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub entries: Rc<Vec<(u64, LogEntry)>>,
    pub lang: Lang,
    pub announcement: String,
}

#[component]
pub fn EventLog(props: &EventLogProps) -> Html {
    let t = props.lang.strings();
    html! {
        <section class="event-log" aria-labelledby="log-title">
            <h2 id="log-title">{ t.event_log }</h2>
            <ol class="log-lines" data-testid="event-log">
                { for props.entries.iter().rev().map(|(key, e)| html! {
                    <li key={*key} class={event_class(e)}>
                        <time>{ clock(e.at) }</time>{ " " }<span>{ describe(&e.event, props.lang) }</span>
                    </li>
                }) }
            </ol>
            <p class="empty-log">{ if props.entries.is_empty() { t.no_events } else { "" } }</p>
            { live_region(&props.announcement) }
        </section>
    }
}

/// The screen-reader announcement of the latest notable event (also in embed mode, which has no log).
pub fn live_region(announcement: &str) -> Html {
    html! {
        <p class="visually-hidden" aria-live="polite" data-testid="live-region">{ announcement.to_string() }</p>
    }
}

fn event_class(e: &LogEntry) -> &'static str {
    use crate::model::Event::*;
    match e.event {
        Mismatch { .. } => "ev-mismatch",
        LostSession { .. } => "ev-lost",
        ServerError { .. } => "ev-error",
        ServerCrashed { .. } | StoreCrashed { .. } | ServerMarkedDown { .. } => "ev-fault",
        _ => "ev-info",
    }
}
