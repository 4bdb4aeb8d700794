//! The timeline scrubber under the picture: a range over the run so far (and the future it already
//! saw), marks for crashes, restarts, failovers, traffic events and mismatches, and "next event".
//! Moving it seeks: the page replays to that moment and keeps every command applied after it.

use super::widgets::action_button;
use crate::model::{Micros, MS};
use crate::view::actions::Action;
use crate::view::timeline::{Marker, MarkerKind};
use crate::view::words::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Width of the marks' coordinate space (stretched to the scrubber's width).
const MARKS_WIDTH: u64 = 1_000;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub now: Micros,
    /// The end of the scrubber: the furthest the run has been.
    pub end: Micros,
    pub markers: Vec<Marker>,
    pub lang: Lang,
    pub act: Callback<Action>,
}

#[component]
pub fn TimelineBar(props: &TimelineProps) -> Html {
    let w = props.lang.words();
    let t = w.strings();
    // At least a second, so an empty run still has a range to move in.
    let end_ms = (props.end.max(props.now) / MS).max(1_000);
    let x = |at: Micros| (at / MS).min(end_ms) * MARKS_WIDTH / end_ms;
    let seek = {
        let act = props.act.clone();
        Callback::from(move |e: Event| {
            let ms = e
                .target_unchecked_into::<HtmlInputElement>()
                .value_as_number();
            if !ms.is_nan() {
                // The range's bounds keep it in 0..=end; a negative value seeks to 0.
                act.emit(Action::Seek((ms.max(0.0) * 1_000.0) as Micros));
            }
        })
    };
    let summary: Vec<String> = MarkerKind::ALL
        .iter()
        .map(|kind| {
            let n = props.markers.iter().filter(|m| m.kind == *kind).count();
            format!("{}: {n}", w.marker(*kind))
        })
        .collect();
    html! {
        <div class="timeline" data-end-ms={end_ms.to_string()}>
            <div class="timeline-track">
                <svg class="timeline-marks" data-testid="timeline-marks" viewBox={format!("0 0 {MARKS_WIDTH} 10")}
                    preserveAspectRatio="none" role="img" aria-label={summary.join(", ")}>
                    { for props.markers.iter().map(|m| html! {
                        <rect class={classes!("mark", m.kind.name())} data-kind={m.kind.name()}
                            data-at-ms={(m.at / MS).to_string()} x={x(m.at).saturating_sub(2).to_string()}
                            y="0" width="4" height="10" />
                    }) }
                </svg>
                <label for="timeline" class="visually-hidden">{ t.timeline }</label>
                <input id="timeline" data-testid="timeline" type="range" min="0" max={end_ms.to_string()} step="any"
                    value={(props.now / MS).to_string()} onchange={seek} />
            </div>
            <ul class="timeline-legend" aria-hidden="true">
                { for MarkerKind::ALL.iter().map(|kind| html! {
                    <li><span class={classes!("swatch", kind.name())}></span>{ w.marker(*kind) }</li>
                }) }
            </ul>
            { action_button("next-event", &props.act, Action::NextEvent, None, None, html! { { t.next_event } }) }
        </div>
    }
}
