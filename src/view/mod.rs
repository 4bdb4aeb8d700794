//! The Yew front end: it reads the model and sends it commands; nothing is simulated here.
//! `app` owns the simulation and the animation frame; the other modules each draw one part.

pub mod actions;
pub mod app;
pub mod class;
pub mod compare;
pub mod config_panel;
pub mod controls;
pub mod dom;
pub mod eventlog;
pub mod export;
pub mod help;
pub mod history;
pub mod i18n;
pub mod icons;
pub mod layout;
pub mod legend;
pub mod metrics;
pub mod names;
pub mod panic;
pub mod part;
pub mod perf;
pub mod sorted;
pub mod svgnum;
pub mod topology;
pub mod tour;
pub mod traffic;
pub mod widgets;
pub mod wording;
pub mod world;

pub fn start() {
    // Before the first render: otherwise Yew installs its own console-only hook.
    panic::install();
    yew::Renderer::<app::App>::new().render();
}
