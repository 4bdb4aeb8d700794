//! Small inline SVG icons for the playback buttons (emoji glyphs are missing from many fonts).

use yew::prelude::*;

fn icon(d: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d={d} />
        </svg>
    }
}

pub fn play() -> Html {
    icon("M4 2.5v11l9-5.5z")
}

pub fn pause() -> Html {
    icon("M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z")
}

pub fn step() -> Html {
    icon("M2.5 2.5v11l7-5.5zM10.5 2.5h3v11h-3z")
}

pub fn step_back() -> Html {
    icon("M13.5 2.5v11l-7-5.5zM2.5 2.5h3v11h-3z")
}

pub fn reset() -> Html {
    icon("M8 2.5a5.5 5.5 0 1 1-5.2 3.7l1.9.7A3.5 3.5 0 1 0 8 4.5v2L4.5 3.5 8 .5z")
}
