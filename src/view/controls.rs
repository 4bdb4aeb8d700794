//! The control panel. Every control that changes the world emits `Action::Command(Command)`.

use super::actions::Action;
use super::i18n::Lang;
use crate::model::{
    Balancer, Command, Config, Persistence, Replication, StickyBy, StoreKind, Strategy,
    MAX_SERVERS, MAX_USERS,
};
use crate::scenario::decimal::parse_f64;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub const SPEEDS: [f64; 12] = [
    0.01, 0.03, 0.05, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0,
];

#[derive(PartialEq)]
pub struct ControlsProps {
    /// The model's current configuration (commands change it).
    pub config: Config,
    pub servers: u32,
    pub playing: bool,
    pub speed: f64,
    pub seed: u64,
    pub lang: Lang,
    pub dark: bool,
    pub share_value: String,
    /// Link to the compare view of this workload.
    pub compare_href: String,
    pub copied: bool,
    pub store_up: bool,
    pub act: Callback<Action>,
}

fn select_value(e: &web_sys::Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn input_value(e: &web_sys::Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// A labelled select of (value name, shown text) options. Not generic on purpose: one copy of this code
/// serves every select (wasm size).
fn select(
    id: &'static str,
    label: &'static str,
    options: &[(&'static str, &'static str)],
    current: &'static str,
    act: &Callback<Action>,
    to_action: fn(&str) -> Option<Action>,
) -> Html {
    let onchange = {
        let act = act.clone();
        Callback::from(move |e: web_sys::Event| {
            if let Some(action) = to_action(&select_value(&e)) {
                act.emit(action);
            }
        })
    };
    html! {
        <div class="field">
            <label for={id}>{ label }</label>
            <select id={id} data-testid={id} {onchange}>
                { for options.iter().map(|(name, text)| html! {
                    <option key={*name} value={*name} selected={*name == current}>{ *text }</option>
                }) }
            </select>
        </div>
    }
}

pub fn controls(props: &ControlsProps) -> Html {
    let t = props.lang.strings();
    let c = &props.config;
    let act = &props.act;
    let emit = |action: Action| {
        let act = act.clone();
        Callback::from(move |_: MouseEvent| act.emit(action.clone()))
    };

    let strategies: Vec<(&str, &str)> = Strategy::ALL
        .iter()
        .zip(t.strategy_names)
        .map(|(s, text)| (s.name(), text))
        .collect();
    let balancers: Vec<(&str, &str)> = Balancer::ALL
        .iter()
        .zip(t.balancer_names)
        .map(|(b, text)| (b.name(), text))
        .collect();
    let strategy_index = Strategy::ALL
        .iter()
        .position(|s| *s == c.strategy)
        .unwrap_or(0);

    let sticky_options = html! {
        <div class="options">
            if c.strategy == Strategy::Sticky {
                { select("sticky-by", t.sticky_by,
                    &[("cookie", t.sticky_cookie), ("ip", t.sticky_ip)],
                    c.sticky_by.name(), act, |v| StickyBy::from_name(v).map(|v| Action::Command(Command::SetStickyBy(v)))) }
            }
        </div>
    };
    let cluster_options = html! {
        <div class="options">
            if matches!(c.strategy, Strategy::ClusterAll | Strategy::ClusterBackup) {
                { select("replication", t.replication,
                    &[("async", t.replication_async), ("sync", t.replication_sync)],
                    c.replication.name(), act, |v| Replication::from_name(v).map(|v| Action::Command(Command::SetReplication(v)))) }
                <div class="field">
                    <label for="replication-lag">{ t.replication_lag }</label>
                    <input id="replication-lag" data-testid="replication-lag" type="number" min="0" max="60000" step="10"
                        value={c.replication_lag_ms.to_string()}
                        onchange={{
                            let act = act.clone();
                            Callback::from(move |e: web_sys::Event| {
                                if let Ok(ms) = input_value(&e).trim().parse::<u32>() {
                                    act.emit(Action::Command(Command::SetReplicationLag { ms: ms.min(60_000) }));
                                }
                            })
                        }} />
                </div>
            }
        </div>
    };
    let store_options = html! {
        <div class="options">
            if c.strategy == Strategy::Store {
                { select("store-kind", t.store_kind,
                    &[("memory", t.store_memory), ("rdb", t.store_rdb)],
                    c.store_kind.name(), act, |v| StoreKind::from_name(v).map(|v| Action::Command(Command::SetStoreKind(v)))) }
                { select("store-persistence", t.persistence,
                    &[("none", t.persistence_names[0]), ("snapshot", t.persistence_names[1]), ("aof", t.persistence_names[2])],
                    c.store_persistence.name(), act, |v| Persistence::from_name(v).map(|v| Action::Command(Command::SetStorePersistence(v)))) }
                <div class="field check">
                    <input id="store-replica" data-testid="store-replica" type="checkbox" checked={c.store_replica}
                        onchange={{
                            let act = act.clone();
                            Callback::from(move |e: web_sys::Event| {
                                let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                                act.emit(Action::Command(Command::SetStoreReplica(on)));
                            })
                        }} />
                    <label for="store-replica">{ t.store_replica }</label>
                </div>
                <button type="button" data-testid="crash-store" onclick={emit(Action::ToggleStore)}>
                    { if props.store_up { t.crash_store } else { t.restart_store } }
                </button>
            }
        </div>
    };

    let speed_options: Vec<f64> = {
        let mut v = SPEEDS.to_vec();
        if !v.iter().any(|s| (s - props.speed).abs() < 1e-9) {
            v.push(props.speed);
            v.sort_by(|a, b| a.total_cmp(b));
        }
        v
    };
    let on_speed = {
        let act = act.clone();
        Callback::from(move |e: web_sys::Event| {
            if let Some(v) = parse_f64(&select_value(&e)) {
                act.emit(Action::SetSpeed(v));
            }
        })
    };
    let on_users = {
        let act = act.clone();
        Callback::from(move |e: web_sys::Event| {
            if let Ok(n) = input_value(&e).trim().parse::<u32>() {
                act.emit(Action::Command(Command::SetUsers(n.clamp(1, MAX_USERS))));
            }
        })
    };
    let on_skew = {
        let act = act.clone();
        Callback::from(move |e: web_sys::Event| {
            if let Some(s) = parse_f64(input_value(&e).trim()) {
                act.emit(Action::Command(Command::SetSkew(s.clamp(0.0, 1.0))));
            }
        })
    };
    let on_seed = {
        let act = act.clone();
        Callback::from(move |e: web_sys::Event| {
            if let Ok(s) = input_value(&e).trim().parse::<u64>() {
                act.emit(Action::SetSeed(s));
            }
        })
    };
    let on_lang = {
        let act = act.clone();
        Callback::from(move |e: web_sys::Event| {
            if let Some(lang) = Lang::from_code(&select_value(&e)) {
                act.emit(Action::SetLang(lang));
            }
        })
    };

    html! {
        <section class="controls" aria-labelledby="controls-title">
            <h2 id="controls-title">{ t.controls }</h2>
            <fieldset class="group playback">
                <legend>{ t.playback }</legend>
                <div class="buttons">
                    <button type="button" data-testid="play" aria-pressed={props.playing.to_string()} onclick={emit(Action::TogglePlay)}>
                        if props.playing { { super::icons::pause() }{ t.pause } } else { { super::icons::play() }{ t.play } }
                    </button>
                    <button type="button" data-testid="step-back" onclick={emit(Action::StepBack)}>{ super::icons::step_back() }{ t.step_back }</button>
                    <button type="button" data-testid="step" onclick={emit(Action::Step)}>{ super::icons::step() }{ t.step }</button>
                    <button type="button" data-testid="reset" onclick={emit(Action::Reset)}>{ super::icons::reset() }{ t.reset }</button>
                </div>
                <div class="field">
                    <label for="speed">{ t.speed }</label>
                    <select id="speed" data-testid="speed" onchange={on_speed}>
                        { for speed_options.iter().map(|s| html! {
                            <option key={s.to_string()} value={s.to_string()} selected={(s - props.speed).abs() < 1e-9}>{ format!("{s}×") }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="seed">{ t.seed }</label>
                    <input id="seed" data-testid="seed" type="number" min="0" value={props.seed.to_string()} onchange={on_seed} />
                </div>
            </fieldset>
            <fieldset class="group setup">
                <legend>{ t.strategy }</legend>
                { select("strategy", t.strategy, &strategies, c.strategy.name(), act, |v| Strategy::from_name(v).map(|v| Action::Command(Command::SetStrategy(v)))) }
                <p class="hint">{ t.strategy_hints[strategy_index] }</p>
                { sticky_options }
                { cluster_options }
                { store_options }
                { select("balancer", t.balancer, &balancers, c.balancer.name(), act, |v| Balancer::from_name(v).map(|v| Action::Command(Command::SetBalancer(v)))) }
                <div class="field servers">
                    <span class="label" id="servers-label">{ t.servers }</span>
                    <div class="stepper" role="group" aria-labelledby="servers-label">
                        <button type="button" data-testid="remove-server" aria-label={t.remove_server} title={t.remove_server}
                            disabled={props.servers <= 1} onclick={emit(Action::Command(Command::RemoveServer))}>{ "−" }</button>
                        <output data-testid="server-count" data-value={props.servers.to_string()}>{ props.servers }</output>
                        <button type="button" data-testid="add-server" aria-label={t.add_server} title={t.add_server}
                            disabled={props.servers >= MAX_SERVERS} onclick={emit(Action::Command(Command::AddServer))}>{ "+" }</button>
                    </div>
                </div>
            </fieldset>
            <fieldset class="group load">
                <legend>{ t.faults }</legend>
                <div class="field">
                    <label for="users">{ t.users }</label>
                    <input id="users" data-testid="users" type="number" min="1" max={MAX_USERS.to_string()} value={c.users.to_string()} onchange={on_users} />
                </div>
                <div class="field">
                    <label for="skew">{ t.skew }</label>
                    <input id="skew" data-testid="skew" type="range" min="0" max="1" step="0.1" value={c.skew.to_string()} onchange={on_skew} />
                </div>
                <button type="button" data-testid="traffic" onclick={emit(Action::Command(Command::Traffic { factor: 5.0, for_ms: 30_000 }))}>
                    { t.traffic_button }
                </button>
            </fieldset>
            <fieldset class="group share">
                <legend>{ t.share }</legend>
                <div class="buttons">
                    <button type="button" data-testid="share" onclick={emit(Action::Share)}>{ t.share }</button>
                    <button type="button" data-testid="embed-code" onclick={emit(Action::EmbedCode)}>{ t.embed_code }</button>
                </div>
                <label for="share-link" class="visually-hidden">{ t.share_link }</label>
                <input id="share-link" data-testid="share-link" type="text" readonly=true value={props.share_value.clone()} />
                <p class="copied" role="status">{ if props.copied { t.copied } else { "" } }</p>
                <a class="compare-link" data-testid="open-compare" href={props.compare_href.clone()}>{ t.open_compare }</a>
                <div class="buttons">
                    <button type="button" data-testid="export-svg" onclick={emit(Action::ExportSvg)}>{ t.export_svg }</button>
                    <button type="button" data-testid="export-csv" onclick={emit(Action::ExportCsv)}>{ t.export_csv }</button>
                </div>
            </fieldset>
            <fieldset class="group prefs">
                <legend>{ t.language }</legend>
                <div class="field">
                    <label for="lang">{ t.language }</label>
                    <select id="lang" data-testid="lang" onchange={on_lang}>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option key={l.code()} value={l.code()} selected={*l == props.lang}>{ l.strings().language_name }</option>
                        }) }
                    </select>
                </div>
                <button type="button" data-testid="theme" aria-pressed={props.dark.to_string()} onclick={emit(Action::ToggleTheme)}>
                    { if props.dark { t.theme_to_light } else { t.theme_to_dark } }
                </button>
            </fieldset>
        </section>
    }
}
