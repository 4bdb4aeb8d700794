//! The control panel. Every control that changes the world emits `Action::Command(Command)`.

use super::widgets::{action_button, emit, input, named_options, select, InputKind};
use crate::model::{
    Balancer, Command, Config, Persistence, Replication, ServerId, StickyBy, StoreKind, Strategy,
    MAX_SERVERS, MAX_USERS,
};
use crate::number::{f64_text, parse_f64};
use crate::scenario::preset::Preset;
use crate::scenario::{REPLICATION_LAG_MS, STORE_REPLICA_LAG_MS};
use crate::view::actions::Action;
use crate::view::clock::SPEEDS;
use crate::view::names::server_letter;
use crate::view::words::Lang;

/// How much the slow-down button multiplies a server's service time.
const SLOW_DOWN: f64 = 4.0;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The model's current configuration (commands change it).
    pub config: Config,
    pub servers: u32,
    /// Users active now: more than configured while a traffic event brings visitors.
    pub active_users: u32,
    /// The server the partition and slow-down buttons act on, and whether it is cut off or slowed.
    pub fault_server: ServerId,
    pub fault_partitioned: bool,
    pub fault_slow: bool,
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
    /// The preset this run started from, if any.
    pub preset: Option<Preset>,
}

#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let w = props.lang.words();
    let t = w.strings();
    let c = &props.config;
    let act = &props.act;
    let button = |testid, action, body: Html| action_button(testid, act, action, None, None, body);
    let text = |s: &'static str| html! { { s } };

    let strategies = named_options(Strategy::ALL, Strategy::name, |s| w.strategy(s));
    let server_options: Vec<(AttrValue, AttrValue)> = ServerId::first(props.servers)
        .map(|s| {
            let name = format!("{} {}", t.server, server_letter(s));
            (AttrValue::from(s.to_string()), AttrValue::from(name))
        })
        .collect();
    let balancers = named_options(Balancer::ALL, Balancer::name, |b| w.balancer(b));

    // Sticky by IP is the IP-hash balancer: one control says both.
    let sticky = c.strategy == Strategy::Sticky;
    let balancer_shown = if sticky && c.sticky_by == StickyBy::Ip {
        Balancer::IpHash
    } else {
        c.balancer
    };
    let mut presets = vec![(AttrValue::from(""), AttrValue::from(t.preset_none))];
    presets.extend(named_options(Preset::ALL, Preset::name, |p| {
        w.preset(p).label
    }));
    let cluster_options = html! {
        <div class="options">
            if matches!(c.strategy, Strategy::ClusterAll | Strategy::ClusterBackup) {
                { select("replication", t.replication,
                    &named_options(Replication::ALL, Replication::name, |r| w.replication(r)),
                    c.replication.name(), act, |v| Replication::from_name(v).map(|v| Action::Command(Command::SetReplication(v)))) }
                { input("replication-lag", t.replication_lag,
                    InputKind { kind: "number", min: "0", max: Some(REPLICATION_LAG_MS.1.to_string().into()), step: Some("10") },
                    c.replication_lag_ms.to_string(), act,
                    |v| v.parse::<u64>().ok().map(|ms| Action::Command(Command::SetReplicationLag { ms: ms.min(REPLICATION_LAG_MS.1) as u32 }))) }
            }
        </div>
    };
    let store_options = html! {
        <div class="options">
            if c.strategy == Strategy::Store {
                { select("store-kind", t.store_kind,
                    &named_options(StoreKind::ALL, StoreKind::name, |k| w.store_kind(k)),
                    c.store_kind.name(), act, |v| StoreKind::from_name(v).map(|v| Action::Command(Command::SetStoreKind(v)))) }
                { select("store-persistence", t.persistence,
                    &named_options(Persistence::ALL, Persistence::name, |p| w.persistence(p)),
                    c.store_persistence.name(), act, |v| Persistence::from_name(v).map(|v| Action::Command(Command::SetStorePersistence(v)))) }
                <div class="field check">
                    <input id="store-replica-toggle" data-testid="store-replica-toggle" type="checkbox" checked={c.store_replica}
                        onchange={{
                            let act = act.clone();
                            Callback::from(move |e: web_sys::Event| {
                                let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                                act.emit(Action::Command(Command::SetStoreReplica(on)));
                            })
                        }} />
                    <label for="store-replica-toggle">{ t.store_replica }</label>
                </div>
                if c.store_replica {
                    { input("store-replica-lag", t.store_replica_lag,
                        InputKind { kind: "number", min: "0", max: Some(STORE_REPLICA_LAG_MS.1.to_string().into()), step: Some("100") },
                        c.timing.store_replica_lag_ms.to_string(), act,
                        |v| v.parse::<u64>().ok().map(|ms| Action::Command(Command::SetStoreReplicaLag { ms: ms.min(STORE_REPLICA_LAG_MS.1) as u32 }))) }
                    { input("store-failover", t.failover_delay,
                        InputKind { kind: "number", min: "0", max: Some(STORE_REPLICA_LAG_MS.1.to_string().into()), step: Some("500") },
                        c.timing.store_failover_ms.to_string(), act,
                        |v| v.parse::<u64>().ok().map(|ms| Action::Command(Command::SetStoreFailover { ms: ms.min(STORE_REPLICA_LAG_MS.1) as u32 }))) }
                }
                { button("crash-store", Action::ToggleStore, text(if props.store_up { t.crash_store } else { t.restart_store })) }
            }
        </div>
    };

    let mut speeds: Vec<f64> = SPEEDS.to_vec();
    // The current speed is always one of the options (a shared link may carry any speed).
    let current_speed = match speeds.iter().find(|s| (*s - props.speed).abs() < 1e-9) {
        Some(s) => *s,
        None => {
            speeds.push(props.speed);
            speeds.sort_unstable_by(|a, b| a.total_cmp(b));
            props.speed
        }
    };
    let speed_options: Vec<(AttrValue, AttrValue)> = speeds
        .iter()
        .map(|s| {
            let value = f64_text(*s);
            let text = format!("{value}×");
            (AttrValue::from(value), AttrValue::from(text))
        })
        .collect();
    let languages: Vec<(AttrValue, AttrValue)> = Lang::ALL
        .iter()
        .map(|l| {
            (
                AttrValue::from(l.code()),
                AttrValue::from(l.strings().language_name),
            )
        })
        .collect();

    html! {
        <section class="controls" aria-labelledby="controls-title">
            <h2 id="controls-title">{ t.controls }</h2>
            <fieldset class="group playback">
                <legend>{ t.playback }</legend>
                <div class="buttons">
                    { action_button("play", act, Action::TogglePlay, Some(props.playing), None,
                        if props.playing { html! { <>{ super::icons::pause() }{ t.pause }</> } } else { html! { <>{ super::icons::play() }{ t.play }</> } }) }
                    { button("step-back", Action::StepBack, html! { <>{ super::icons::step_back() }{ t.step_back }</> }) }
                    { button("step", Action::Step, html! { <>{ super::icons::step() }{ t.step }</> }) }
                    { button("reset", Action::Reset, html! { <>{ super::icons::reset() }{ t.reset }</> }) }
                </div>
                { select("speed", t.speed, &speed_options, &f64_text(current_speed), act, |v| parse_f64(v).map(Action::SetSpeed)) }
                { input("seed", t.seed, InputKind { kind: "number", min: "0", max: None, step: None },
                    props.seed.to_string(), act, |v| v.parse::<u64>().ok().map(Action::SetSeed)) }
            </fieldset>
            <fieldset class="group setup">
                <legend>{ t.strategy }</legend>
                { select("preset", t.preset, &presets, props.preset.map_or("", Preset::name), act,
                    |v| Some(Action::SetPreset(Preset::from_name(v)))) }
                if let Some(preset) = props.preset {
                    <p class="hint" data-testid="preset-hint">{ w.preset(preset).hint }</p>
                }
                { select("strategy", t.strategy, &strategies, c.strategy.name(), act, |v| Strategy::from_name(v).map(|v| Action::Command(Command::SetStrategy(v)))) }
                <p class="hint">{ w.strategy_hint(c.strategy) }</p>
                { cluster_options }
                { store_options }
                { select("balancer", t.balancer, &balancers, balancer_shown.name(), act, |v| Balancer::from_name(v).map(Action::SetAffinity)) }
                if sticky {
                    <p class="hint">{ t.balancer_sticky_hint }</p>
                }
                <div class="field servers">
                    <span class="label" id="servers-label">{ t.servers }</span>
                    <div class="stepper" role="group" aria-labelledby="servers-label">
                        <button type="button" data-testid="remove-server" aria-label={t.remove_server} title={t.remove_server}
                            disabled={props.servers <= 1} onclick={emit(act, Action::Command(Command::RemoveServer))}>{ "−" }</button>
                        <output data-testid="server-count" data-value={props.servers.to_string()}>{ props.servers }</output>
                        <button type="button" data-testid="add-server" aria-label={t.add_server} title={t.add_server}
                            disabled={props.servers >= MAX_SERVERS} onclick={emit(act, Action::Command(Command::AddServer))}>{ "+" }</button>
                    </div>
                </div>
            </fieldset>
            <fieldset class="group load">
                <legend>{ t.faults }</legend>
                { input("users", t.users, InputKind { kind: "number", min: "1", max: Some(MAX_USERS.to_string().into()), step: None },
                    c.users.to_string(), act, |v| v.parse::<u32>().ok().map(|n| Action::Command(Command::SetUsers(n.clamp(1, MAX_USERS))))) }
                { input("users-per-ip", t.users_per_ip, InputKind { kind: "number", min: "1", max: Some(MAX_USERS.to_string().into()), step: None },
                    c.users_per_ip.to_string(), act, |v| v.parse::<u32>().ok().map(|n| Action::SetUsersPerIp(n.clamp(1, MAX_USERS)))) }
                <p class="hint" data-testid="active-users" aria-live="polite">
                    { if props.active_users == c.users { String::new() } else {
                        w.active_users_now(props.active_users)
                    } }
                </p>
                { input("skew", t.skew, InputKind { kind: "range", min: "0", max: Some("1".into()), step: Some("0.1") },
                    f64_text(c.skew), act, |v| parse_f64(v).map(|s| Action::Command(Command::SetSkew(s.clamp(0.0, 1.0))))) }
                { button("traffic", Action::Command(Command::Traffic { factor: 5.0, for_ms: 30_000 }), text(t.traffic_button)) }
                { select("fault-server", t.fault_server, &server_options, &props.fault_server.to_string(), act,
                    |v| v.parse::<u32>().ok().map(|s| Action::SelectFaultServer(ServerId(s)))) }
                <div class="buttons">
                    { action_button("partition", act,
                        Action::Command(Command::PartitionServer { server: props.fault_server, partitioned: !props.fault_partitioned }),
                        Some(props.fault_partitioned), None, text(t.partition)) }
                    { action_button("slow", act,
                        Action::Command(Command::SlowServer { server: props.fault_server, factor: if props.fault_slow { 1.0 } else { SLOW_DOWN } }),
                        Some(props.fault_slow), None, text(t.slow_down)) }
                </div>
            </fieldset>
            <fieldset class="group share">
                <legend>{ t.share }</legend>
                <div class="buttons">
                    { button("share", Action::Share, text(t.share)) }
                    { button("embed-code", Action::EmbedCode, text(t.embed_code)) }
                </div>
                <label for="share-link" class="visually-hidden">{ t.share_link }</label>
                <input id="share-link" data-testid="share-link" type="text" readonly=true value={props.share_value.clone()} />
                <p class="copied" role="status">{ if props.copied { t.copied } else { "" } }</p>
                <a class="compare-link" data-testid="open-compare" href={props.compare_href.clone()}>{ t.open_compare }</a>
                <div class="buttons">
                    { button("export-svg", Action::ExportSvg, text(t.export_svg)) }
                    { button("export-csv", Action::ExportCsv, text(t.export_csv)) }
                </div>
            </fieldset>
            <fieldset class="group prefs">
                <legend>{ t.language }</legend>
                { select("lang", t.language, &languages, props.lang.code(), act, |v| Lang::from_code(v).map(Action::SetLang)) }
                { action_button("theme", act, Action::ToggleTheme, Some(props.dark), None,
                    text(if props.dark { t.theme_to_light } else { t.theme_to_dark })) }
            </fieldset>
        </section>
    }
}
