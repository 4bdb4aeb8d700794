//! Draws the page from the `App`'s state: the compare view, the embedded slide, or the full lab.
//! Each part is a component whose properties are compared: Yew draws it again only when they change.

use super::{App, Drawn};
use crate::model::{Command, ServerId, Strategy};
use crate::number::f64_text;
use crate::scenario::compare::workload;
use crate::scenario::url::PageView;
use crate::view::actions::Action;
use crate::view::traffic::Mode;
use crate::view::ui::callout::CalloutLayer;
use crate::view::ui::config_panel::ConfigPanel;
use crate::view::ui::controls::{Controls, ControlsProps};
use crate::view::ui::eventlog::{live_region, EventLog, EventLogProps};
use crate::view::ui::help::{HelpOverlay, HelpProps};
use crate::view::ui::icons;
use crate::view::ui::legend::Legend;
use crate::view::ui::metrics::{pointed_readouts, MetricsPanel, MetricsProps};
use crate::view::ui::store_node::{StoreNode, StoreNodeProps};
use crate::view::ui::text_fit::font_scale_button;
use crate::view::ui::timeline::{TimelineBar, TimelineProps};
use crate::view::ui::topology::{
    CookieLayer, CookieProps, ServerNode, ServerNodeProps, StaticLayer, StaticProps,
};
use crate::view::ui::tour::{TourPanel, TourProps};
use crate::view::ui::traffic::TrafficLayer;
use crate::view::ui::widgets::{action_button, emit, select_input};
use crate::view::ui::{compare, dom};
use crate::view::words::Lang;
use crate::view::world;
use yew::prelude::*;

impl App {
    pub(super) fn page_view(&self) -> Html {
        if self.page.view == PageView::Compare {
            return html! {
                <main class="app compare-page">
                    { self.message_notice() }
                    { compare::compare_view(&workload(&self.page.scenario()), self.prefs.lang, &self.compared) }
                </main>
            };
        }
        if self.page.embed {
            self.embed_view()
        } else {
            self.lab_view()
        }
    }

    fn data_mode(&self) -> &'static str {
        match self.scene.mode {
            Mode::Flows => "flows",
            Mode::Arrows => "arrows",
        }
    }

    /// The handles a revealed tour step points at (none otherwise).
    fn lit_handles(&self) -> Vec<&'static str> {
        self.tour
            .as_ref()
            .map_or_else(Vec::new, |t| t.lit(self.sim.now()).to_vec())
    }

    fn metrics(&self) -> Html {
        let config = self.sim.config();
        let props = MetricsProps {
            report: self.scene.report.clone(),
            now: self.numbers_now,
            lang: self.prefs.lang,
            memory_budget: config.timing.server_memory_bytes,
            chart: self.scene.chart,
            series: self.scene.series.clone(),
            act: self.act.clone(),
            show_store: config.strategy == Strategy::Store,
            compact: self.page.embed,
            highlight: self.lit_handles(),
        };
        html! { <MetricsPanel ..props /> }
    }

    fn tour_panel(&self) -> Option<Html> {
        self.tour.as_ref().map(|tour| {
            let answer_visible = tour.answer_visible(self.sim.now());
            let readouts = if answer_visible {
                pointed_readouts(
                    &self.lit_handles(),
                    &self.scene.report,
                    tour.before.as_deref(),
                    self.prefs.lang,
                )
            } else {
                Vec::new()
            };
            let props = TourProps {
                step: tour.step,
                lang: self.prefs.lang,
                revealed: tour.revealed,
                answer_visible,
                moments: tour.callouts.len(),
                readouts,
                act: self.act.clone(),
            };
            html! { <TourPanel ..props /> }
        })
    }

    fn help(&self) -> Html {
        html! {
            <div class="help-slot">
                if self.help {
                    <HelpOverlay ..HelpProps { lang: self.prefs.lang, act: self.act.clone() } />
                }
            </div>
        }
    }

    /// A slide: minimal chrome, large type, keyboard-driven.
    fn embed_view(&self) -> Html {
        let lang = self.prefs.lang;
        let words = lang.words();
        let t = words.strings();
        let act = &self.act;
        let tour = self.tour_panel();
        // Numbered like the keyboard shortcuts 1-5.
        let strategies: Vec<(AttrValue, AttrValue)> = Strategy::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let text = format!("{} {}", i + 1, words.strategy(*s));
                (AttrValue::from(s.name()), AttrValue::from(text))
            })
            .collect();
        let full = dom::share_url(&self.share_query(false));
        let play = if self.playing {
            html! { <>{ icons::pause() }{ t.pause }</> }
        } else {
            html! { <>{ icons::play() }{ t.play }</> }
        };
        html! {
            <main class={classes!("app", "embed", self.prefs.dark.then_some("dark"))} data-mode={self.data_mode()}>
                { self.message_notice() }
                <div class="embed-stage">
                    <div class="embed-bar">
                        { action_button("play", act, Action::TogglePlay, Some(self.playing), None, play) }
                        { action_button("step-back", act, Action::StepBack, None, Some(t.step_back), icons::step_back()) }
                        { action_button("step", act, Action::Step, None, Some(t.step), icons::step()) }
                        <label for="strategy" class="visually-hidden">{ t.strategy }</label>
                        { select_input("strategy", &strategies, self.sim.config().strategy.name(), act,
                            |v| Strategy::from_name(v).map(|s| Action::Command(Command::SetStrategy(s)))) }
                        <button type="button" class="help-button" onclick={emit(act, Action::ToggleHelp)} aria-label={t.shortcuts} title={t.shortcuts}>{ "?" }</button>
                        <a class="open-full" href={full} target="_blank" rel="noopener">{ t.open_full }</a>
                    </div>
                    { live_region(self.announcer.text()) }
                    <div class={classes!("embed-main", tour.is_some().then_some("with-tour"))}>
                        <div class="stage">{ self.topology() }</div>
                        <div class="embed-side">
                            // A tour step opened in a slide keeps its caption, question and buttons.
                            { for tour }
                            { self.metrics() }
                        </div>
                    </div>
                </div>
                { self.help() }
            </main>
        }
    }

    /// The full lab: picture, read-outs, controls, log and legend.
    fn lab_view(&self) -> Html {
        let lang = self.prefs.lang;
        let t = lang.strings();
        let config = self.sim.config();
        let servers = world::server_count(&self.sim);
        let fault_server = self.fault_server.min(ServerId(servers.saturating_sub(1)));
        let target = self.scene.world.servers.get(fault_server.index());
        let controls = ControlsProps {
            config: config.clone(),
            servers,
            active_users: self.sim.active_users(),
            fault_server,
            fault_partitioned: target.is_some_and(|s| s.partitioned),
            fault_slow: target.is_some_and(|s| s.slow),
            playing: self.playing,
            speed: self.clock.speed(),
            seed: self.history.base.config.seed,
            lang,
            dark: self.prefs.dark,
            share_value: self.share_value.clone(),
            compare_href: self.compare_href.clone(),
            copied: self.copied,
            store_up: world::store_state(&self.sim).is_none_or(|s| s.is_up()),
            act: self.act.clone(),
            preset: self.preset,
        };
        let log = EventLogProps {
            entries: self.log.clone(),
            lang,
            announcement: self.announcer.text().to_string(),
        };
        let mode_note = match self.scene.mode {
            Mode::Flows => t.flow_mode,
            Mode::Arrows => t.arrows_mode,
        };
        html! {
            <main class={classes!("app", self.prefs.dark.then_some("dark"))} data-mode={self.data_mode()}
                  data-drawing={(self.drawn != Drawn::Everything).then_some("")}>
                <header class="masthead">
                    <h1>{ t.app_title }</h1>
                    <p class="tagline">{ t.tagline }</p>
                </header>
                { self.message_notice() }
                <div class="layout">
                    <div class="stage-column">
                        <div class="stage">{ self.topology() }</div>
                        <TimelineBar ..TimelineProps { now: self.numbers_now, end: self.timeline.furthest,
                            markers: self.timeline.markers.clone(), lang, act: self.act.clone() } />
                        <p class="mode-note">{ mode_note }</p>
                        if self.drawn >= Drawn::Readouts {
                            { self.metrics() }
                            <ConfigPanel config={self.sim.config().clone()} {lang} />
                        }
                    </div>
                    <div class="side-column">
                        if self.drawn == Drawn::Everything {
                            // Beside the picture, so the caption and what it describes are seen together.
                            <div class="tour-slot">{ for self.tour_panel() }</div>
                            <Controls ..controls />
                            <EventLog ..log />
                            <Legend {lang} />
                        }
                    </div>
                </div>
                { self.help() }
                <div class="selftest-slot">
                    if let Some(hash) = &self.selftest_hash {
                        <output data-testid="selftest-hash" data-value={hash.clone()}>
                            { hash.clone() }
                        </output>
                    }
                </div>
            </main>
        }
    }

    /// The URL's bad parameters, until dismissed.
    fn message_notice(&self) -> Html {
        let lang = self.prefs.lang;
        let t = lang.strings();
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
                                    if lang == Lang::En {
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

    fn topology(&self) -> Html {
        let lang = self.prefs.lang;
        let t = lang.strings();
        let world = &self.scene.world;
        let layout = &self.scene.layout;
        let highlight = self.lit_handles();
        let lit = |id: &str| highlight.contains(&id);
        // The tour's callout, where it goes, and no arrow label over it.
        let callout = self
            .tour
            .as_ref()
            .and_then(|t| t.callout_now(self.sim.now()))
            .and_then(|(i, c)| {
                let drawn = self.scene.callouts.get(i)?;
                drawn.at.map(|at| (c.place, drawn.lines.clone(), at))
            });
        let trail = self
            .tour
            .as_ref()
            .map_or(&[][..], |t| t.trail(self.sim.now()));
        let frame = self
            .scene
            .traffic(&self.sim, callout.as_ref().map(|(.., at)| at.rect), trail);
        let engine = self
            .prefs
            .lang
            .words()
            .store_engine(self.sim.config().store_kind);
        let view_box = format!("0 0 {} {}", f64_text(layout.width), f64_text(layout.height));
        let text = self.scene.text;
        // Two SVGs: the nodes change a few times a second, the traffic every frame. The traffic's own
        // SVG is contained (`contain: strict` in app.css), so its changes each frame lay out nothing
        // else; it is not a compositor layer of its own (app.css says why).
        html! {
            <div class="picture">
            <svg data-testid="topology" ref={self.text_fit.picture()} class={classes!("topology", layout.portrait.then_some("portrait"))} viewBox={view_box.clone()}
                 role="group" aria-label={t.topology} preserveAspectRatio="xMidYMid meet">
                <StaticLayer ..StaticProps { layout: layout.clone(), lang, highlight_lb: lit("lb"), text,
                    cut: world.servers.iter().filter(|s| s.partitioned).map(|s| s.id).collect() } />
                <CookieLayer ..CookieProps { layout: layout.clone(), cookies: world.cookies.clone(), text } />
                <g class="servers">
                    { for world.servers.iter().map(|s| {
                        let props = ServerNodeProps {
                            server: s.clone(),
                            rect: layout.server_rect(s.id),
                            lang,
                            act: self.act.clone(),
                            highlighted: lit(&format!("server-{}", s.id)),
                            text,
                        };
                        html! { <ServerNode key={s.id.0} ..props /> }
                    }) }
                </g>
                <g class="store-slot">
                    if let (Some(store), Some(rect)) = (world.store.clone(), layout.store) {
                        <StoreNode ..StoreNodeProps { store, rect, replica_rect: layout.replica, lang,
                            act: self.act.clone(), highlighted: lit("store"), engine, text } />
                    }
                </g>
                <g class="callout-slot">
                    if let Some((place, lines, at)) = callout {
                        <CalloutLayer {place} {lines} {at} />
                    }
                </g>
            </svg>
            <svg class="traffic-overlay" viewBox={view_box} preserveAspectRatio="xMidYMid meet" aria-hidden="true">
                <TrafficLayer {frame} {text} />
            </svg>
            { font_scale_button(&self.act, self.scene.font_scale, lang) }
            </div>
        }
    }
}
