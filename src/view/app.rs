//! The page: owns the simulation, the playback clock and the animation frame. Each frame advances model
//! time by wall time × speed (clamped, so a tab or slide coming back does not leap) and re-draws.
//! While paused no frame is requested at all.

use super::actions::Action;
use super::class::{class_list, when};
use super::compare;
use super::controls::ControlsProps;
use super::dom;
use super::eventlog::EventLogProps;
use super::help::HelpProps;
use super::history::History;
use super::i18n::Lang;
use super::layout::Layout;
use super::metrics::MetricsProps;
use super::part::Part;
use super::perf::Perf;
use super::topology::{CookieProps, ServerNodeProps, StaticProps, StoreNodeProps};
use super::tour::TourProps;
use super::traffic::{self, Mode};
use super::widgets::{action_button, emit, select_input};
use super::wording::{describe, is_notable};
use super::world;
use crate::model::{
    Command, LogEntry, Micros, NodeState, Report, SeriesMetric, Simulation, Strategy,
};
use crate::number::f64_text;
use crate::scenario::tour::TourStep;
use crate::scenario::url::{parse_query, to_query, PageState, PageView, ParamError};
use crate::scenario::Scenario;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{request_animation_frame, AnimationFrame};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Longest wall-clock step one frame may take: a hidden tab or an off-screen slide gets no frames, and
/// must not jump ahead by minutes when it comes back.
const MAX_FRAME_MS: f64 = 100.0;
/// How often the (possibly sorting) model report is read while playing.
const REFRESH_EVERY_MS: f64 = 250.0;
/// At most one screen-reader announcement this often.
const ANNOUNCE_EVERY_MS: f64 = 4_000.0;
/// Log lines shown.
const LOG_LINES: usize = 8;
/// A revealed tour answer plays in about this many seconds at most: one that spans simulated seconds
/// would take minutes at the slow speed that makes single arrows easy to follow.
const ANSWER_WALL_SECONDS: f64 = 20.0;
/// Parameters only the page itself understands (not part of the shared URL codec).
const THEME_KEY: &str = "sessionscope-theme";

pub enum Msg {
    Frame(f64),
    Act(Action),
    /// One strategy of the compare view has run.
    Compared((Strategy, Report)),
}

pub struct App {
    sim: Simulation,
    history: History,
    page: PageState,
    errors: Vec<ParamError>,
    show_errors: bool,
    lang: Lang,
    dark: bool,
    reduced_motion: bool,
    playing: bool,
    speed: f64,
    help: bool,
    /// `selftest=1`: the reference scenario's history hash, computed once.
    selftest_hash: Option<String>,
    /// Tour step (from 0) and whether its answer has been revealed.
    tour: Option<(usize, bool)>,
    /// The current tour step's end of reveal and highlighted handles.
    tour_answer: (Micros, Vec<&'static str>),
    /// Every tour step, built when a tour is first shown (building a step builds its scenario).
    tour_steps: Rc<Vec<TourStep>>,
    /// The tour's "show me" was pressed: focus its answer once drawn, so keyboard users are not left
    /// on a button that just disappeared.
    focus_tour_answer: bool,
    /// Model times before each single step, so stepping back retraces steps exactly.
    step_stack: Vec<Micros>,
    report: Rc<Report>,
    /// The compare view's strategies run so far.
    compared: Vec<(Strategy, Report)>,
    report_at: f64,
    world_at: f64,
    chart: SeriesMetric,
    series: Rc<Vec<f64>>,
    layout: Rc<Layout>,
    share_value: String,
    compare_href: String,
    copied: bool,
    /// The server the partition and slow-down buttons act on (clamped to the servers there are).
    fault_server: u32,
    announcement: String,
    announced_at: f64,
    /// Key (`world::recent_log`) of the newest log entry already considered for announcement.
    log_checked: Option<u64>,
    world: Rc<world::WorldView>,
    raf: Option<AnimationFrame>,
    last_ts: Option<f64>,
    carry_us: f64,
    frame_started: Option<(f64, f64)>,
    mode: Mode,
    perf: Perf,
    act: Callback<Action>,
    _keys: EventListener,
}

/// A keyboard shortcut (embed mode and everywhere else), unless focus is in a form control that
/// needs those keys itself.
fn shortcut(e: &KeyboardEvent) -> Option<Action> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let in_control = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            matches!(
                el.tag_name().to_ascii_lowercase().as_str(),
                "input" | "select" | "textarea" | "button"
            )
        })
        .unwrap_or(false);
    let key = e.key();
    if key == "Escape" {
        return Some(Action::CloseHelp);
    }
    if in_control {
        return None;
    }
    match key.as_str() {
        " " | "Spacebar" => Some(Action::TogglePlay),
        "ArrowRight" => Some(Action::Step),
        "ArrowLeft" => Some(Action::StepBack),
        "?" => Some(Action::ToggleHelp),
        "1" | "2" | "3" | "4" | "5" => {
            let i = key.parse::<usize>().ok()? - 1;
            Some(Action::Command(Command::SetStrategy(Strategy::ALL[i])))
        }
        _ => None,
    }
}

fn tour_base(step: usize) -> Scenario {
    let steps = crate::scenario::tour::steps();
    steps
        .get(step)
        .map(|s| s.scenario.clone())
        .unwrap_or_default()
}

/// Where a tour step stops for the viewer's prediction.
fn tour_pause_at(step: usize) -> Micros {
    crate::scenario::tour::steps()
        .get(step)
        .map(|s| s.pause_at)
        .unwrap_or(0)
}

/// After "show me" a step plays up to `reveal_until` and pauses again; `highlight` are the handles that
/// hold the answer. Read once per step (building the steps builds every step's scenario).
fn tour_answer(step: usize) -> (Micros, Vec<&'static str>) {
    crate::scenario::tour::steps()
        .get(step)
        .map(|s| (s.reveal_until(), s.highlight.clone()))
        .unwrap_or((Micros::MAX, Vec::new()))
}

/// Phones held upright get the top-to-bottom picture (checked at every refresh: rotating the phone
/// switches it).
fn layout_for(sim: &Simulation) -> Layout {
    let c = sim.config();
    Layout::new(
        sim.active_users(),
        world::server_count(sim),
        c.strategy == Strategy::Store,
        c.store_replica,
        dom::media_matches("(max-width: 600px) and (orientation: portrait)"),
    )
}

impl App {
    fn schedule_frame(&mut self, ctx: &Context<Self>) {
        if self.raf.is_none() {
            let link = ctx.link().clone();
            self.raf = Some(request_animation_frame(move |ts| {
                link.send_message(Msg::Frame(ts))
            }));
        }
    }

    fn set_playing(&mut self, ctx: &Context<Self>, playing: bool) {
        self.playing = playing;
        if playing {
            self.step_stack.clear();
            self.schedule_frame(ctx);
        } else {
            // Dropping the handle cancels the frame: nothing runs while paused.
            self.raf = None;
            self.last_ts = None;
            self.carry_us = 0.0;
        }
    }

    fn update_mode(&mut self) {
        let in_flight = world::in_flight(&self.sim);
        self.mode = traffic::choose_mode(in_flight, self.speed, self.reduced_motion);
    }

    /// Re-read everything the page shows from the model (after an action, or when paused).
    fn refresh(&mut self) {
        self.update_mode();
        self.refresh_numbers();
        self.refresh_world();
    }

    /// The read-outs, charts and live region.
    fn refresh_numbers(&mut self) {
        self.report = Rc::new(world::report(&self.sim));
        self.series = Rc::new(world::series(&self.sim, self.chart, 120));
        self.report_at = dom::now_ms();
        self.perf.record_memory();
        self.announce();
    }

    /// The nodes of the picture (session tables, states, layout).
    fn refresh_world(&mut self) {
        let world = world::world(&self.sim);
        if *self.world != world {
            self.world = Rc::new(world);
        }
        self.world_at = dom::now_ms();
        let layout = layout_for(&self.sim);
        if *self.layout != layout {
            self.layout = Rc::new(layout);
        }
        super::panic::remember(&dom::share_url(&self.share_query(false)), self.lang);
        let compare = dom::share_url(&self.compare_query());
        if self.compare_href != compare {
            self.compare_href = compare;
        }
    }

    /// Feed the live region with the latest notable event, at most every few seconds.
    fn announce(&mut self) {
        // Keys, not times: a crash applied while paused happens at the moment already checked. Only the
        // newest key is read until there is something new (this runs a few times a second).
        let Some(newest) = world::newest_log_key(&self.sim) else {
            return;
        };
        if Some(newest) <= self.log_checked {
            return;
        }
        let now = dom::now_ms();
        if now - self.announced_at < ANNOUNCE_EVERY_MS && !self.announcement.is_empty() {
            return;
        }
        let recent = world::recent_log(&self.sim, 64);
        let checked = self.log_checked;
        self.log_checked = Some(newest);
        let fresh: Vec<&LogEntry> = recent
            .iter()
            .rev()
            .take_while(|(key, _)| Some(*key) > checked)
            .map(|(_, e)| e)
            .filter(|e| is_notable(&e.event))
            .collect();
        // A fault outranks the failed requests it causes (a crash out of memory, then a flood of 5xx).
        let pick = fresh
            .iter()
            .find(|e| e.event.is_incident())
            .or(fresh.first());
        if let Some(entry) = pick {
            self.announcement = describe(&entry.event, self.lang);
            self.announced_at = now;
        }
    }

    fn share_query(&self, embed: bool) -> String {
        let state = PageState {
            config: self.history.base.config.clone(),
            speed: self.speed,
            fast_forward: 0,
            paused: !self.playing,
            embed,
            lang: Some(self.lang.code().to_string()),
            tour: self.tour.map(|(n, _)| n as u32 + 1),
            view: PageView::Lab,
            chart: self.chart,
            commands: self.history.applied.clone(),
            time: Some(self.sim.now()),
            selftest: false,
        };
        to_query(&state)
    }

    /// The compare view of this page's workload (same configuration and commands, every strategy).
    fn compare_query(&self) -> String {
        to_query(&PageState {
            config: self.history.base.config.clone(),
            lang: Some(self.lang.code().to_string()),
            view: PageView::Compare,
            commands: self.history.applied.clone(),
            ..PageState::default()
        })
    }

    /// Keep one parameter of the address bar in sync without touching the others.
    fn sync_url_param(name: &str, value: &str) {
        if let Ok(params) = web_sys::UrlSearchParams::new_with_str(&dom::query_string()) {
            params.set(name, value);
            dom::replace_query(&String::from(params.to_string()));
        }
    }

    fn remove_url_param(name: &str) {
        if let Ok(params) = web_sys::UrlSearchParams::new_with_str(&dom::query_string()) {
            params.delete(name);
            dom::replace_query(&String::from(params.to_string()));
        }
    }

    fn apply(&mut self, command: Command) {
        self.step_stack.clear();
        let now = self.sim.now();
        self.sim.apply(command.clone());
        self.history.record(now, command);
    }

    fn rewind_to(&mut self, until: Micros) {
        self.sim = self.history.replay_to(until);
        self.log_checked = world::newest_log_key(&self.sim);
    }

    fn go_to_tour_step(&mut self, ctx: &Context<Self>, step: usize) {
        let count = crate::scenario::tour::STEP_COUNT;
        let step = step.min(count.saturating_sub(1));
        self.set_playing(ctx, false);
        self.history = History::new(tour_base(step), Vec::new());
        self.tour = Some((step, false));
        self.tour_answer = tour_answer(step);
        if self.tour_steps.is_empty() {
            self.tour_steps = Rc::new(crate::scenario::tour::steps());
        }
        self.step_stack.clear();
        self.rewind_to(tour_pause_at(step));
        Self::sync_url_param("tour", &(step + 1).to_string());
    }

    fn handle(&mut self, ctx: &Context<Self>, action: Action) {
        self.copied = false;
        match action {
            Action::Command(command) => self.apply(command),
            Action::ToggleServer(i) => {
                let up = world::server_state(&self.sim, i).is_some_and(|s| s.is_up());
                self.apply(if up {
                    Command::CrashServer(i)
                } else {
                    Command::RestartServer(i)
                });
            }
            Action::ToggleStore => {
                let up = world::store_state(&self.sim).is_none_or(|s| s.is_up());
                self.apply(if up {
                    Command::CrashStore
                } else {
                    Command::RestartStore
                });
            }
            Action::ToggleReplica => {
                let up = world::replica_state(&self.sim).is_none_or(|r| r.is_up());
                self.apply(if up {
                    Command::CrashReplica
                } else {
                    Command::RestartReplica
                });
            }
            Action::TogglePlay => {
                let playing = !self.playing;
                self.set_playing(ctx, playing);
            }
            Action::Step => {
                self.set_playing(ctx, false);
                self.step_stack.push(self.sim.now());
                self.sim.step();
            }
            Action::StepBack => {
                self.set_playing(ctx, false);
                let target = match self.step_stack.pop() {
                    Some(before) => before,
                    // One second of what the viewer sees at this speed (at least a millisecond).
                    None => {
                        let span = ((self.speed * 1_000_000.0) as Micros).max(crate::model::MS);
                        self.sim.now().saturating_sub(span)
                    }
                };
                self.rewind_to(target);
            }
            Action::SetSpeed(speed) => {
                if speed.is_finite() && speed > 0.0 {
                    self.speed = speed.clamp(0.001, 10_000.0);
                }
            }
            Action::SetSeed(seed) => {
                self.history.base.config.seed = seed;
                self.history.applied.clear();
                self.step_stack.clear();
                self.rewind_to(0);
            }
            Action::SelectFaultServer(server) => self.fault_server = server,
            Action::SetChart(metric) => self.chart = metric,
            Action::Reset => {
                self.history.applied.clear();
                self.step_stack.clear();
                self.rewind_to(0);
            }
            Action::Share => {
                self.share_value = dom::share_url(&self.share_query(false));
                dom::copy_to_clipboard(&self.share_value);
                self.copied = true;
            }
            Action::EmbedCode => {
                let url = dom::share_url(&self.share_query(true));
                self.share_value = format!(
                    "<iframe src=\"{}\" width=\"960\" height=\"540\" title=\"SessionScope\" loading=\"lazy\" allowfullscreen></iframe>",
                    url.replace('&', "&amp;").replace('"', "&quot;")
                );
                dom::copy_to_clipboard(&self.share_value);
                self.copied = true;
            }
            Action::SetLang(lang) => {
                self.lang = lang;
                dom::set_root_attribute("lang", lang.code());
                Self::sync_url_param("lang", lang.code());
            }
            Action::ToggleTheme => {
                self.dark = !self.dark;
                let theme = if self.dark { "dark" } else { "light" };
                dom::set_root_attribute("data-theme", theme);
                dom::store(THEME_KEY, theme);
            }
            Action::TourGo(step) => self.go_to_tour_step(ctx, step),
            Action::TourReveal => {
                if let Some((step, _)) = self.tour {
                    self.tour = Some((step, true));
                    self.focus_tour_answer = true;
                    let remaining = self.tour_answer.0.saturating_sub(self.sim.now()) as f64 / 1e6;
                    let needed = remaining / ANSWER_WALL_SECONDS;
                    if needed > self.speed {
                        // The slowest listed speed that is fast enough (the speed control shows it).
                        self.speed = super::controls::SPEEDS
                            .into_iter()
                            .find(|s| *s >= needed)
                            .unwrap_or(needed);
                    }
                    self.set_playing(ctx, true);
                }
            }
            Action::TourClose => {
                self.tour = None;
                Self::remove_url_param("tour");
            }
            Action::ToggleHelp => self.help = !self.help,
            Action::CloseHelp => self.help = false,
            Action::DismissMessage => self.show_errors = false,
            Action::ExportSvg => super::export::download_topology_svg(),
            Action::ExportCsv => super::export::download_metrics_csv(&self.report),
        }
        self.refresh();
    }

    fn store_state(&self) -> Option<NodeState> {
        world::store_state(&self.sim)
    }

    fn message_notice(&self) -> Html {
        let t = self.lang.strings();
        let dismiss = emit(&self.act, Action::DismissMessage);
        html! {
            <div class="notice-slot">
                if self.show_errors && !self.errors.is_empty() {
                    <div class="notice" data-testid="message" role="alert">
                        <p>{ t.bad_url }</p>
                        <ul>
                            { for self.errors.iter().enumerate().map(|(i, e)| html! {
                                <li key={i} data-param={e.param.clone()}>
                                    <code>{ e.param.clone() }</code>
                                    if self.lang == Lang::En {
                                        { format!(": {}", e.message) }
                                    } else {
                                        // The parser's specific reason exists in English only: shown
                                        // beside the Korean summary, marked so a screen reader reads it as English.
                                        { format!(" — {} ", t.bad_param) }
                                        <span lang="en">{ format!("({})", e.message) }</span>
                                    }
                                </li>
                            }) }
                        </ul>
                        <button type="button" onclick={dismiss}>{ t.dismiss }</button>
                    </div>
                }
            </div>
        }
    }

    /// The handles a revealed tour step points at (none otherwise).
    fn lit_handles(&self) -> Vec<&'static str> {
        match self.tour {
            Some((_, true)) => self.tour_answer.1.clone(),
            _ => Vec::new(),
        }
    }

    fn topology(&self) -> Html {
        let t = self.lang.strings();
        let w = &self.world;
        let highlight = self.lit_handles();
        let lit = |id: &str| highlight.contains(&id);
        let frame = traffic::build(self.sim.messages(), self.sim.now(), &self.layout, self.mode);
        let engine = match self.sim.config().store_kind {
            crate::model::StoreKind::Memory => "Redis",
            crate::model::StoreKind::Rdb => "RDB",
        };
        let view_box = format!(
            "0 0 {} {}",
            f64_text(self.layout.width),
            f64_text(self.layout.height)
        );
        // Two layers: the nodes change a few times a second, the traffic every frame. The traffic's own
        // SVG (promoted to a compositor layer in app.css) repaints alone, not the whole picture.
        html! {
            <div class="picture">
            <svg data-testid="topology" class={class_list(&["topology", when(self.layout.portrait, "portrait")])} viewBox={view_box.clone()}
                 role="group" aria-label={t.topology} preserveAspectRatio="xMidYMid meet">
                { Part::Static(StaticProps { layout: self.layout.clone(), lang: self.lang, highlight_lb: lit("lb") }).html() }
                { Part::Cookies(CookieProps { layout: self.layout.clone(), cookies: w.cookies.clone() }).html() }
                <g class="servers">
                    { for w.servers.iter().map(|s| Part::Server(ServerNodeProps {
                        server: s.clone(),
                        rect: self.layout.server_rect(s.id),
                        lang: self.lang,
                        act: self.act.clone(),
                        highlighted: lit(&format!("server-{}", s.id)),
                    }).keyed(s.id)) }
                </g>
                <g class="store-slot">
                    if let (Some(store), Some(rect)) = (w.store.clone(), self.layout.store) {
                        { Part::Store(StoreNodeProps { store, rect, replica_rect: self.layout.replica, lang: self.lang,
                            act: self.act.clone(), highlighted: lit("store"), engine }).html() }
                    }
                </g>
            </svg>
            <svg class="traffic-overlay" viewBox={view_box} preserveAspectRatio="xMidYMid meet" aria-hidden="true">
                { Part::Traffic(frame).html() }
            </svg>
            </div>
        }
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let perf = Perf::install();
        let (page, errors) = parse_query(&dom::query_string());
        let lang = page
            .lang
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_else(|| Lang::from_locale(&dom::navigator_language()));
        dom::set_root_attribute("lang", lang.code());
        let dark = match dom::stored(THEME_KEY).as_deref() {
            Some("dark") => true,
            Some("light") => false,
            _ => dom::media_matches("(prefers-color-scheme: dark)"),
        };
        dom::set_root_attribute("data-theme", if dark { "dark" } else { "light" });
        let reduced_motion = dom::media_matches("(prefers-reduced-motion: reduce)");

        let steps = crate::scenario::tour::STEP_COUNT;
        let tour = page
            .tour
            .map(|n| ((n.max(1) as usize) - 1).min(steps.saturating_sub(1)));
        let base = match tour {
            Some(step) => tour_base(step),
            None => Scenario {
                config: page.config.clone(),
                ..Scenario::default()
            },
        };
        let mut history = History::new(base, page.commands.clone());
        let start_at = page.time.unwrap_or(if let Some(step) = tour {
            tour_pause_at(step)
        } else {
            page.fast_forward
        });
        let sim = history.replay_to(start_at);
        // The compare view has no animation; a tour step waits for the viewer's prediction.
        let playing = !page.paused && tour.is_none() && page.view == PageView::Lab;

        let link = ctx.link().clone();
        let keys = EventListener::new_with_options(
            &dom::document(),
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                if let Some(e) = e.dyn_ref::<KeyboardEvent>() {
                    if let Some(action) = shortcut(e) {
                        e.prevent_default();
                        link.send_message(Msg::Act(action));
                    }
                }
            },
        );

        if page.view == PageView::Compare {
            compare::run_all(Rc::new(page.scenario()), ctx.link().callback(Msg::Compared));
        }
        let layout = Rc::new(layout_for(&sim));
        // The codec has already replaced a bad value by the default (and reported it).
        let speed = page.speed;
        let mut app = App {
            log_checked: world::newest_log_key(&sim),
            world: Rc::new(world::world(&sim)),
            sim,
            history,
            show_errors: !errors.is_empty(),
            errors,
            lang,
            dark,
            reduced_motion,
            playing: false,
            speed,
            help: false,
            selftest_hash: page
                .selftest
                .then(|| crate::scenario::hash_hex(crate::scenario::reference_hash())),
            tour: tour.map(|s| (s, false)),
            tour_answer: tour.map(tour_answer).unwrap_or((Micros::MAX, Vec::new())),
            tour_steps: Rc::new(if tour.is_some() {
                crate::scenario::tour::steps()
            } else {
                Vec::new()
            }),
            focus_tour_answer: false,
            step_stack: Vec::new(),
            report: Rc::default(),
            compared: Vec::new(),
            report_at: 0.0,
            world_at: 0.0,
            chart: page.chart,
            series: Rc::default(),
            layout,
            share_value: String::new(),
            compare_href: String::new(),
            copied: false,
            fault_server: 0,
            announcement: String::new(),
            announced_at: f64::NEG_INFINITY,
            raf: None,
            last_ts: None,
            carry_us: 0.0,
            frame_started: None,
            mode: Mode::Arrows,
            perf,
            act: ctx.link().callback(Msg::Act),
            _keys: keys,
            page,
        };
        app.refresh();
        app.set_playing(ctx, playing);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Frame(ts) => {
                self.raf = None;
                if !self.playing {
                    return false;
                }
                let started = dom::now_ms();
                let interval = self.last_ts.map(|last| ts - last).unwrap_or(0.0);
                self.last_ts = Some(ts);
                self.carry_us += interval.clamp(0.0, MAX_FRAME_MS) * self.speed * 1_000.0;
                let whole = self.carry_us.floor();
                self.carry_us -= whole;
                let target = self.sim.now() + whole as Micros;
                let target = match self.tour {
                    // A revealed tour step plays its answer, then stops for the next step.
                    Some((_, true)) => target.min(self.tour_answer.0.max(self.sim.now())),
                    _ => target,
                };
                self.sim.advance_to(target);
                self.update_mode();
                if matches!(self.tour, Some((_, true))) && self.sim.now() >= self.tour_answer.0 {
                    self.set_playing(ctx, false);
                    self.refresh();
                    return true;
                }
                // Numbers and nodes are re-read a few times a second, never both in the same frame, so no
                // frame carries the whole cost.
                if started - self.report_at >= REFRESH_EVERY_MS {
                    self.refresh_numbers();
                    self.perf.set("tNumbers", (dom::now_ms() - started).into());
                } else if started - self.world_at >= REFRESH_EVERY_MS {
                    self.refresh_world();
                    self.perf.set("tWorld", (dom::now_ms() - started).into());
                }
                self.frame_started = Some((started, interval));
                self.schedule_frame(ctx);
                true
            }
            Msg::Act(action) => {
                self.handle(ctx, action);
                true
            }
            Msg::Compared(row) => {
                self.compared.push(row);
                true
            }
        }
    }

    fn rendered(&mut self, _ctx: &Context<Self>, first_render: bool) {
        if let Some((started, interval)) = self.frame_started.take() {
            let in_flight = world::in_flight(&self.sim);
            self.perf.record(
                interval,
                dom::now_ms() - started,
                in_flight,
                self.mode == Mode::Flows,
            );
        }
        if std::mem::take(&mut self.focus_tour_answer) {
            dom::focus_testid("tour-answer");
        }
        self.perf.set("now", (self.sim.now() as f64).into());
        if first_render {
            // Milliseconds from navigation start to the first drawn frame (the benchmark reports it).
            self.perf.set("firstRender", dom::now_ms().into());
        }
        if first_render && dom::hash() == super::panic::TEST_FRAGMENT {
            panic!(
                "deliberate panic requested by the {} test hook",
                super::panic::TEST_FRAGMENT
            );
        }
    }

    fn view(&self, _ctx: &Context<Self>) -> Html {
        let t = self.lang.strings();
        if self.page.view == PageView::Compare {
            return html! {
                <main class="app compare-page">
                    { self.message_notice() }
                    { compare::compare_view(&self.page.scenario(), self.lang, &self.compared) }
                </main>
            };
        }
        let embed = self.page.embed;
        let mode = self.mode;
        let config = self.sim.config().clone();
        let store_up = self.store_state().is_none_or(|s| s.is_up());
        let metrics = Part::Metrics(MetricsProps {
            report: self.report.clone(),
            now: self.sim.now(),
            lang: self.lang,
            memory_budget: config.timing.server_memory_bytes,
            chart: self.chart,
            series: self.series.clone(),
            act: self.act.clone(),
            show_store: config.strategy == Strategy::Store,
            compact: embed,
            highlight: self.lit_handles(),
        })
        .html();
        let tour = self.tour.map(|(step, revealed)| {
            Part::Tour(TourProps {
                steps: self.tour_steps.clone(),
                step,
                lang: self.lang,
                revealed,
                act: self.act.clone(),
            })
            .html()
        });
        let help = html! {
            <div class="help-slot">
                if self.help {
                    { Part::Help(HelpProps { lang: self.lang, act: self.act.clone() }).html() }
                }
            </div>
        };
        let selftest = html! {
            <div class="selftest-slot">
                if let Some(hash) = &self.selftest_hash {
                    <output data-testid="selftest-hash" data-value={hash.clone()}>
                        { hash.clone() }
                    </output>
                }
            </div>
        };
        let mode_note = if mode == Mode::Flows {
            t.flow_mode
        } else {
            t.arrows_mode
        };
        if embed {
            let act = &self.act;
            // Numbered like the keyboard shortcuts 1-5.
            let strategies: Vec<(AttrValue, AttrValue)> = Strategy::ALL
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let text = format!("{} {}", i + 1, t.strategy_names[i]);
                    (AttrValue::from(s.name()), AttrValue::from(text))
                })
                .collect();
            let full = dom::share_url(&self.share_query(false));
            return html! {
                <main class={class_list(&["app", "embed", when(self.dark, "dark")])} data-mode={if mode == Mode::Flows { "flows" } else { "arrows" }}>
                    { self.message_notice() }
                    <div class="embed-stage">
                        <div class="embed-bar">
                            { action_button("play", act, Action::TogglePlay, Some(self.playing), None,
                                if self.playing { html! { <>{ super::icons::pause() }{ t.pause }</> } } else { html! { <>{ super::icons::play() }{ t.play }</> } }) }
                            { action_button("step-back", act, Action::StepBack, None, Some(t.step_back), super::icons::step_back()) }
                            { action_button("step", act, Action::Step, None, Some(t.step), super::icons::step()) }
                            <label for="strategy" class="visually-hidden">{ t.strategy }</label>
                            { select_input("strategy", &strategies, config.strategy.name(), act,
                                |v| Strategy::from_name(v).map(|s| Action::Command(Command::SetStrategy(s)))) }
                            <button type="button" class="help-button" onclick={emit(act, Action::ToggleHelp)} aria-label={t.shortcuts} title={t.shortcuts}>{ "?" }</button>
                            <a class="open-full" href={full} target="_blank" rel="noopener">{ t.open_full }</a>
                        </div>
                        { super::eventlog::live_region(&self.announcement) }
                        <div class={class_list(&["embed-main", when(tour.is_some(), "with-tour")])}>
                            <div class="stage">{ self.topology() }</div>
                            <div class="embed-side">
                                // A tour step opened in a slide keeps its caption, question and buttons.
                                { for tour.clone() }
                                { metrics }
                            </div>
                        </div>
                    </div>
                    { help }
                </main>
            };
        }
        let servers = world::server_count(&self.sim);
        let fault_server = self.fault_server.min(servers.saturating_sub(1));
        let target = self.world.servers.get(fault_server as usize);
        let controls = Part::Controls(ControlsProps {
            config: config.clone(),
            servers,
            active_users: self.sim.active_users(),
            fault_server,
            fault_partitioned: target.is_some_and(|s| s.partitioned),
            fault_slow: target.is_some_and(|s| s.slow),
            playing: self.playing,
            speed: self.speed,
            seed: self.history.base.config.seed,
            lang: self.lang,
            dark: self.dark,
            share_value: self.share_value.clone(),
            compare_href: self.compare_href.clone(),
            copied: self.copied,
            store_up,
            act: self.act.clone(),
        })
        .html();
        html! {
            <main class={class_list(&["app", when(self.dark, "dark")])} data-mode={if mode == Mode::Flows { "flows" } else { "arrows" }}>
                <header class="masthead">
                    <h1>{ t.app_title }</h1>
                    <p class="tagline">{ t.tagline }</p>
                </header>
                { self.message_notice() }
                <div class="layout">
                    <div class="stage-column">
                        <div class="stage">{ self.topology() }</div>
                        <p class="mode-note">{ mode_note }</p>
                        { metrics }
                        // config panel: the real configuration of the current setup.
                        <super::config_panel::ConfigPanel config={config.clone()} lang={self.lang} />
                    </div>
                    <div class="side-column">
                        // Beside the picture, so the caption and what it describes are seen together.
                        <div class="tour-slot">{ for tour }</div>
                        { controls }
                        { Part::EventLog(EventLogProps {
                            entries: world::recent_log(&self.sim, LOG_LINES),
                            lang: self.lang,
                            announcement: self.announcement.clone(),
                        }).html() }
                        { Part::Legend(self.lang).html() }
                    </div>
                </div>
                { help }
                { selftest }
            </main>
        }
    }
}
