//! The Yew layer: draws what the view model computes and turns clicks and keys into actions.
//! `app` owns the simulation and the animation frame; the other modules are the components of the
//! page's parts (`controls`, `metrics`, `topology`, `traffic`, `tour`, ...) and browser helpers (`dom`,
//! `export`, `perf`, `panic`).

pub mod app;
pub mod callout;
pub mod compare;
pub mod config_panel;
pub mod controls;
pub mod dom;
pub mod eventlog;
pub mod export;
pub mod help;
pub mod icons;
pub mod legend;
pub mod metrics;
pub mod panic;
pub mod perf;
pub mod store_node;
pub mod text_fit;
pub mod timeline;
pub mod topology;
pub mod tour;
pub mod traffic;
pub mod widgets;

pub fn start() {
    // Before the first render: otherwise Yew installs its own console-only hook.
    panic::install();
    // The static loading screen of index.html goes in the same task as the first render, so no frame
    // shows both.
    dom::remove_element("loading-screen");
    yew::Renderer::<app::App>::new().render();
}
