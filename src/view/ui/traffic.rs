//! Draws a traffic frame (computed in `view::traffic` from model time) as SVG.

use crate::number::f64_text;
use crate::view::traffic::TrafficFrame;
use yew::prelude::*;

/// One frame of traffic; an equal frame (paused) skips the redraw.
#[derive(Properties, PartialEq)]
pub struct TrafficProps {
    pub frame: TrafficFrame,
    /// The smallest font size, in user units (see `Scene::text`).
    pub text: f64,
}

#[component]
pub fn TrafficLayer(props: &TrafficProps) -> Html {
    let f = &props.frame;
    html! {
        <g class="traffic" aria-hidden="true">
            <g class="flows">
                { for f.flows.iter().map(|(key, look, d, w, count)| html! {
                    <path key={key.clone()} class={classes!("flow", look.class())} d={d.clone()} stroke-width={f64_text(*w)}>
                        <title>{ count.to_string() }</title>
                    </path>
                }) }
            </g>
            // Under the arrows: where the tour's decisive request has been.
            if !f.trail.is_empty() {
                <g class="trail" data-testid="trail">
                    // A highlighter's stroke under the whole route, in the colour that marks the
                    // tour's answer: told apart from the live arrows of the same look.
                    { for f.trail.iter().map(|(look, wires, _)| html! {
                        <path key={format!("glow-{}", look.class())} class="trail-glow" d={wires.clone()} />
                    }) }
                    { for f.trail.iter().map(|(look, wires, heads)| html! {
                        <g key={look.class()} class={classes!("arrow", look.class())}>
                            <path class="tail" d={wires.clone()} />
                            <path class="head" d={heads.clone()} />
                        </g>
                    }) }
                </g>
            }
            <g class="arrows">
                if !f.routes.is_empty() {
                    <path class="copy-routes" d={f.routes.clone()} />
                }
                { for f.arrows.iter().map(|(look, tail, head)| html! {
                    <g key={look.class()} class={classes!("arrow", look.class())}>
                        <path class="tail" d={tail.clone()} />
                        <path class="head" d={head.clone()} />
                    </g>
                }) }
            </g>
            // A label follows its arrow by its transform, not by x and y: moving a text's x or y makes
            // WebKit lay its glyphs out again each frame, a transform only moves the drawn text.
            <g class="labels">
                { for f.labels.iter().map(|(id, x, y, text, look, anchor)| html! {
                    <text key={*id} class={classes!("arrow-label", look.class())} transform={format!("translate({} {})", f64_text(*x), f64_text(*y))}
                          text-anchor={*anchor} font-size={f64_text(props.text)}>{ text.clone() }</text>
                }) }
            </g>
        </g>
    }
}
