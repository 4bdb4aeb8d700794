//! PLACEHOLDER front end: a load balancer, its servers, and one working control (add a server).
//! The visualiser work replaces it.

pub mod compare;
pub mod export;
pub mod i18n;
pub mod tour;

use crate::model::{Command, Config, Simulation};
use yew::prelude::*;

pub fn start() {
    yew::Renderer::<App>::new().render();
}

#[function_component(App)]
fn app() -> Html {
    let sim = use_mut_ref(|| Simulation::new(Config::default()));
    let version = use_state(|| 0u32);
    let add_server = {
        let sim = sim.clone();
        let version = version.clone();
        Callback::from(move |_| {
            sim.borrow_mut().apply(Command::AddServer);
            version.set(*version + 1);
        })
    };
    let sim = sim.borrow();
    let servers = sim.server_states();
    let width = 120 + 120 * servers.len() as i32;
    html! {
        <main>
            <h1>{ "SessionScope" }</h1>
            <button data-testid="add-server" onclick={add_server}>{ "Add server" }</button>
            <svg data-testid="topology" viewBox={format!("0 0 {width} 240")} role="img" aria-label="Topology">
                <g data-testid="lb" data-state="up">
                    <rect x="20" y="90" width="80" height="60" rx="8" class="node lb" />
                    <text x="60" y="125" text-anchor="middle">{ "LB" }</text>
                </g>
                { for servers.iter().enumerate().map(|(i, state)| {
                    let x = 140 + 120 * i as i32;
                    html! {
                        <g key={i} data-testid={format!("server-{i}")} data-state={if state.is_up() { "up" } else { "down" }}>
                            <line x1="100" y1="120" x2={x.to_string()} y2="120" class="link" />
                            <rect x={x.to_string()} y="80" width="90" height="80" rx="8" class="node server" />
                            <text x={(x + 45).to_string()} y="125" text-anchor="middle">{ format!("server {i}") }</text>
                        </g>
                    }
                }) }
            </svg>
        </main>
    }
}
