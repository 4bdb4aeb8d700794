//! The page: owns the simulation and the animation frame, and hands each concern to its own piece:
//! the playback clock (`view::clock`), the tour (`view::tour`), what is drawn (`view::scene`), the live
//! region (`view::announce`), the reader's preferences (`prefs`), share links (`sharing`) and per-frame
//! timing (`perf`); `handle.rs` says what each `Action` does and `page.rs` draws it. While paused no frame is
//! requested at all.

mod handle;
mod page;
mod prefs;
mod sharing;

use super::compare;
use super::dom;
use super::perf::FrameTiming;
use super::text_fit::TextFit;
use crate::model::{Command, Micros, Report, ServerId, Simulation, Strategy};
use crate::scenario::preset::Preset;
use crate::scenario::url::{parse_query, PageState, PageView, ParamError};
use crate::view::actions::{shortcut, Action};
use crate::view::announce::Announcer;
use crate::view::clock::PlaybackClock;
use crate::view::history::History;
use crate::view::scene::Scene;
use crate::view::timeline::Timeline;
use crate::view::tour::TourState;
use crate::view::traffic::Mode;
use crate::view::world;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use prefs::Preferences;
use sharing::Shared;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How often the (possibly sorting) model report, and separately the picture's nodes, are re-read while
/// playing.
const REFRESH_EVERY_MS: f64 = 250.0;
/// Log lines shown.
const LOG_LINES: usize = 8;

pub enum Msg {
    Frame(f64),
    Act(Action),
    /// One strategy of the compare view has run.
    Compared((Strategy, Report)),
    /// Draw the next part of the lab (see `Drawn`).
    DrawMore,
}

/// How much of the lab is drawn. The first drawing is made in parts, each in a task of its own, so
/// that no single task keeps a slow phone's main thread busy for long (the page answers a tap
/// between parts, and Lighthouse counts less blocking time). The parts follow the page's order when
/// its two columns stack on a narrow screen, so each is appended below what is drawn and nothing
/// drawn moves, in either layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Drawn {
    /// The masthead, the picture and the scrubber.
    Picture,
    /// And the rest of that column: the read-outs and the configuration files.
    Readouts,
    /// And the other column: the tour, the controls, the log and the legend.
    Everything,
}

impl Drawn {
    fn next(self) -> Drawn {
        match self {
            Drawn::Picture => Drawn::Readouts,
            Drawn::Readouts | Drawn::Everything => Drawn::Everything,
        }
    }
}

pub struct App {
    sim: Simulation,
    history: History,
    /// Model times before each single step, so stepping back retraces steps exactly.
    step_stack: Vec<Micros>,
    /// What the URL asked for (view, embed mode, self-test, the compare view's scenario).
    page: PageState,
    /// The URL's bad parameters, shown until dismissed.
    errors: Vec<ParamError>,
    show_errors: bool,
    prefs: Preferences,
    playing: bool,
    clock: PlaybackClock,
    raf: Option<AnimationFrame>,
    tour: Option<TourState>,
    /// The tour's answer has just appeared: focus it once drawn (keyboard users are not left on a button
    /// that disappeared) and bring its highlighted read-outs into view.
    focus_tour_answer: bool,
    /// Whether the tour's answer was shown at the previous frame (to notice it appearing).
    tour_answer_shown: bool,
    help: bool,
    /// `selftest=1`: the reference scenario's history hash, computed once.
    selftest_hash: Option<String>,
    scene: Scene,
    /// When the read-outs and the picture's nodes were last re-read (wall-clock ms).
    numbers_at: f64,
    /// The model time the read-outs, the log and the scrubber show: the moment they were re-read, so
    /// they change a few times a second, not every frame (nobody reads milliseconds ticking at 60 Hz,
    /// and every changed text outside the picture costs a browser a layout and a repaint).
    numbers_now: Micros,
    /// The log lines shown (`world::recent_log`), re-read with the numbers.
    log: Rc<Vec<(u64, crate::model::LogEntry)>>,
    world_at: f64,
    /// The compare view's strategies run so far.
    compared: Vec<(Strategy, Report)>,
    compare_href: String,
    /// The last share link or embed code, and whether it was just copied.
    share_value: String,
    copied: bool,
    /// The server the partition and slow-down buttons act on (clamped to the servers there are).
    fault_server: ServerId,
    announcer: Announcer,
    timing: FrameTiming,
    act: Callback<Action>,
    _keys: EventListener,
    /// The preset the run started from (share links name it instead of its configuration).
    preset: Option<Preset>,
    /// The scrubber's extent and marks.
    timeline: Timeline,
    _resize: EventListener,
    /// The picture's text fitted to its drawn size.
    text_fit: TextFit,
    /// How much of the lab is drawn, and the task that draws the next part.
    drawn: Drawn,
    draw_more: Option<Timeout>,
}

/// The shortcut for a key press, unless a modifier is held; in a form control only Escape counts.
fn key_action(e: &KeyboardEvent) -> Option<Action> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let in_control = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(
                el.tag_name().to_ascii_lowercase().as_str(),
                "input" | "select" | "textarea" | "button"
            )
        });
    shortcut(&e.key(), in_control)
}

/// Phones held upright get the top-to-bottom picture (checked at every refresh: rotating the phone
/// switches it).
fn portrait() -> bool {
    dom::media_matches("(max-width: 600px) and (orientation: portrait)")
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
            self.clock.stop();
        }
    }

    fn update_mode(&mut self) {
        self.scene
            .refresh_mode(&self.sim, self.clock.speed(), self.prefs.reduced_motion);
    }

    /// Re-read everything the page shows from the model (after an action, or when paused).
    fn refresh(&mut self) {
        self.update_mode();
        self.refresh_numbers();
        self.refresh_world();
    }

    /// The read-outs, charts and live region.
    fn refresh_numbers(&mut self) {
        self.scene.refresh_numbers(&self.sim);
        self.timeline.observe(&self.sim);
        self.numbers_at = dom::now_ms();
        self.numbers_now = self.sim.now();
        self.log = Rc::new(world::recent_log(&self.sim, LOG_LINES));
        self.timing.perf.record_memory();
        self.announcer
            .update(&self.sim, self.prefs.lang, self.numbers_at);
    }

    /// The nodes of the picture, and the links that depend on the run.
    fn refresh_world(&mut self) {
        self.scene.refresh_world(
            &self.sim,
            portrait(),
            self.tour.as_ref(),
            self.prefs.lang.words(),
        );
        self.world_at = dom::now_ms();
        super::panic::remember(&dom::share_url(&self.share_query(false)), self.prefs.lang);
        let compare = dom::share_url(&sharing::compare_query(
            &self.history,
            self.prefs.lang,
            self.preset,
        ));
        if self.compare_href != compare {
            self.compare_href = compare;
        }
    }

    fn share_query(&self, embed: bool) -> String {
        let shared = Shared {
            speed: self.clock.speed(),
            paused: !self.playing,
            lang: self.prefs.lang,
            tour: self.tour.as_ref().map(|t| t.step as u32 + 1),
            chart: self.scene.chart,
            time: self.sim.now(),
            preset: self.preset,
        };
        sharing::share_query(&self.history, &shared, embed)
    }

    fn apply(&mut self, command: Command) {
        self.step_stack.clear();
        let now = self.sim.now();
        self.sim.apply(command.clone());
        self.history.record(now, command);
        // Acting in the past changes the future the timeline showed.
        if now < self.timeline.furthest {
            self.timeline.branch(&self.sim);
        }
    }

    fn rewind_to(&mut self, until: Micros) {
        self.sim = self.history.replay_to(until);
        self.announcer.rewound(&self.sim);
        // The commands after `until` are gone: so is the future.
        self.timeline.branch(&self.sim);
    }
}

impl App {
    /// One animation frame while playing: advance the model by the wall time since the last frame ×
    /// speed, and re-read the numbers or the nodes when they are due.
    fn frame(&mut self, ctx: &Context<Self>, timestamp: f64) -> bool {
        self.raf = None;
        if !self.playing {
            return false;
        }
        let started = dom::now_ms();
        let (interval, advance) = self.clock.tick(timestamp);
        let now = self.sim.now();
        let mut target = now + advance;
        // A revealed tour step plays its answer, then stops for the next step.
        if let Some(limit) = self.tour.as_ref().and_then(|t| t.play_limit(now)) {
            target = target.min(limit);
        }
        self.sim.advance_to(target);
        self.update_mode();
        if self.watch_tour_answer() {
            // The answer and the numbers that prove it appear in the same frame.
            self.refresh();
        }
        if self
            .tour
            .as_ref()
            .is_some_and(|t| t.answer_played(self.sim.now()))
        {
            self.set_playing(ctx, false);
            self.refresh();
            return true;
        }
        // Numbers and nodes are re-read a few times a second, never both in the same frame, so no frame
        // carries the whole cost.
        if started - self.numbers_at >= REFRESH_EVERY_MS {
            self.refresh_numbers();
            self.timing
                .perf
                .set("tNumbers", (dom::now_ms() - started).into());
        } else if started - self.world_at >= REFRESH_EVERY_MS {
            self.refresh_world();
            self.timing
                .perf
                .set("tWorld", (dom::now_ms() - started).into());
        }
        self.timing.begin(started, interval);
        self.schedule_frame(ctx);
        true
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let timing = FrameTiming::install();
        let (page, errors) = parse_query(&dom::query_string());
        let prefs = Preferences::load(page.lang.as_deref());

        let opened = page.tour.map(|n| TourState::open((n.max(1) as usize) - 1));
        let (base, start_at, tour) = match opened {
            Some(opened) => (
                opened.scenario,
                page.time.unwrap_or(opened.pause_at),
                Some(opened.state),
            ),
            None => (page.base(), page.time.unwrap_or(page.fast_forward), None),
        };
        let mut history = History::new(base, page.commands.clone());
        let sim = history.replay_to(start_at);
        // The compare view has no animation; a tour step waits for the viewer's prediction.
        let playing = !page.paused && tour.is_none() && page.view == PageView::Lab;

        let link = ctx.link().clone();
        let keys = EventListener::new_with_options(
            &dom::document(),
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                if let Some(action) = e.dyn_ref::<KeyboardEvent>().and_then(key_action) {
                    e.prevent_default();
                    link.send_message(Msg::Act(action));
                }
            },
        );

        let link = ctx.link().clone();
        let resize = EventListener::new(&dom::window(), "resize", move |_| {
            link.send_message(Msg::Act(Action::Refit))
        });

        if page.view == PageView::Compare {
            compare::run_all(
                std::rc::Rc::new(crate::scenario::compare::workload(&page.scenario())),
                ctx.link().callback(Msg::Compared),
            );
        }
        // The slide and the compare view are small enough to draw at once.
        let drawn = if page.view == PageView::Lab && !page.embed {
            Drawn::Picture
        } else {
            Drawn::Everything
        };
        let mut app = App {
            announcer: Announcer::new(&sim),
            scene: Scene::new(&sim, page.chart, portrait()),
            sim,
            history,
            step_stack: Vec::new(),
            show_errors: !errors.is_empty(),
            errors,
            prefs,
            playing: false,
            // The codec has already replaced a bad value by the default (and reported it).
            clock: PlaybackClock::new(page.speed),
            raf: None,
            tour,
            focus_tour_answer: false,
            tour_answer_shown: false,
            help: false,
            selftest_hash: page
                .selftest
                .then(|| crate::scenario::hash_hex(crate::scenario::reference_hash())),
            numbers_at: 0.0,
            numbers_now: 0,
            log: Rc::default(),
            world_at: 0.0,
            compared: Vec::new(),
            compare_href: String::new(),
            share_value: String::new(),
            copied: false,
            fault_server: ServerId(0),
            timing,
            act: ctx.link().callback(Msg::Act),
            _keys: keys,
            preset: page.preset,
            timeline: Timeline::default(),
            _resize: resize,
            text_fit: TextFit::new(ctx.link().callback(|()| Msg::Act(Action::Refit))),
            page,
            drawn,
            draw_more: None,
        };
        app.refresh();
        app.set_playing(ctx, playing);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Frame(timestamp) => self.frame(ctx, timestamp),
            Msg::Act(action) => {
                self.handle(ctx, action);
                true
            }
            Msg::Compared(row) => {
                self.compared.push(row);
                true
            }
            Msg::DrawMore => {
                self.draw_more = None;
                self.drawn = self.drawn.next();
                true
            }
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if self.drawn != Drawn::Everything && self.draw_more.is_none() {
            // A zero-delay timeout, not a microtask: the browser gets the main thread back (to paint,
            // or to answer a tap) before the next part is drawn.
            let link = ctx.link().clone();
            self.draw_more = Some(Timeout::new(0, move || link.send_message(Msg::DrawMore)));
        }
        self.timing.drawn(
            dom::now_ms(),
            || world::in_flight(&self.sim),
            self.scene.mode == Mode::Flows,
        );
        if std::mem::take(&mut self.focus_tour_answer) {
            super::tour::show_answer();
        }
        self.timing.perf.set("now", (self.sim.now() as f64).into());
        if first_render {
            super::text_fit::load_font_scale(&mut self.scene);
        }
        // The picture's text follows its drawn size (window, layout, font scale).
        if self.text_fit.after_render(&mut self.scene) {
            ctx.link().send_message(Msg::Act(Action::Refit));
        }
        if first_render {
            // Milliseconds from navigation start to the first drawn frame (the benchmark reports it).
            self.timing.perf.set("firstRender", dom::now_ms().into());
        }
        if first_render && dom::hash() == super::panic::TEST_FRAGMENT {
            panic!(
                "deliberate panic requested by the {} test hook",
                super::panic::TEST_FRAGMENT
            );
        }
    }

    fn view(&self, _ctx: &Context<Self>) -> Html {
        self.page_view()
    }
}
