//! What each `Action` does to the page: the tour's steps, node toggles, presets and the rest of the
//! controls, each applied through the model's `Command`s.

use super::{sharing, App};
use crate::model::{Balancer, Command, StickyBy, Strategy};
use crate::scenario::preset::Preset;
use crate::scenario::Scenario;
use crate::view::actions::Action;
use crate::view::history::History;
use crate::view::timeline::{self, NEXT_EVENT_HORIZON};
use crate::view::tour::{TourState, STEP_SPEED};
use crate::view::ui::dom;
use crate::view::world;
use std::rc::Rc;
use yew::prelude::*;

impl App {
    fn go_to_tour_step(&mut self, ctx: &Context<Self>, step: usize) {
        self.set_playing(ctx, false);
        let opened = TourState::open(step);
        self.history = History::new(opened.scenario, Vec::new());
        sharing::sync_url_param("tour", &(opened.state.step + 1).to_string());
        self.tour = Some(opened.state);
        self.step_stack.clear();
        self.rewind_to(opened.pause_at);
        // Each step opens at its own speed, never the one the previous step's script ended at.
        self.clock.set_speed(STEP_SPEED);
        self.tour_answer_shown = false;
    }

    /// Back to the tour step's question: its pause, the answer hidden, the step's own speed.
    fn tour_to_question(&mut self, ctx: &Context<Self>) {
        let Some(tour) = &mut self.tour else {
            return;
        };
        tour.revealed = false;
        let pause_at = tour.pause_at;
        // The question as the step asks it: without the interventions made since.
        self.history.applied.clear();
        self.set_playing(ctx, false);
        self.clock.set_speed(STEP_SPEED);
        self.step_stack.clear();
        self.rewind_to(pause_at);
        self.tour_answer_shown = false;
    }

    /// "Show me" (and Replay, from the question): play the step's director script.
    fn reveal_tour_answer(&mut self, ctx: &Context<Self>) {
        let Some(tour) = &mut self.tour else {
            return;
        };
        if self.sim.now() != tour.script.start() {
            self.tour_to_question(ctx);
        }
        let Some(tour) = &mut self.tour else {
            return;
        };
        tour.revealed = true;
        tour.before = Some(Rc::new(world::report(&self.sim)));
        self.clock.direct(tour.script.clone());
        self.set_playing(ctx, true);
    }

    /// Notice the tour's answer appearing (the run reached its outcome), whatever brought it there.
    /// Returns whether it has just appeared.
    pub(super) fn watch_tour_answer(&mut self) -> bool {
        let shown = self
            .tour
            .as_ref()
            .is_some_and(|t| t.answer_visible(self.sim.now()));
        let appeared = shown && !self.tour_answer_shown;
        self.focus_tour_answer |= appeared;
        self.tour_answer_shown = shown;
        appeared
    }

    /// Crash a node that is up, restart one that is down.
    fn toggle_node(&mut self, action: &Action) {
        let command = match *action {
            Action::ToggleServer(i) => {
                if world::server_state(&self.sim, i).is_some_and(|s| s.is_up()) {
                    Command::CrashServer(i)
                } else {
                    Command::RestartServer(i)
                }
            }
            Action::ToggleStore => {
                if world::store_state(&self.sim).is_none_or(|s| s.is_up()) {
                    Command::CrashStore
                } else {
                    Command::RestartStore
                }
            }
            Action::ToggleReplica => {
                if world::replica_state(&self.sim).is_none_or(|r| r.is_up()) {
                    Command::CrashReplica
                } else {
                    Command::RestartReplica
                }
            }
            _ => return,
        };
        self.apply(command);
    }

    fn restart_run(&mut self) {
        self.history.applied.clear();
        self.step_stack.clear();
        self.rewind_to(0);
    }

    /// Start a preset's run at its lead-in and speed, playing (`None`: the lab's default world, paused
    /// at the start).
    fn load_preset(&mut self, ctx: &Context<Self>, preset: Option<Preset>) {
        self.preset = preset;
        self.step_stack.clear();
        match preset {
            Some(preset) => {
                self.history = History::new(preset.scenario(), Vec::new());
                self.clock.set_speed(preset.speed());
                self.rewind_to(preset.lead_in());
                sharing::sync_url_param("preset", preset.name());
                self.set_playing(ctx, true);
            }
            None => {
                self.history = History::new(Scenario::default(), Vec::new());
                self.rewind_to(0);
                sharing::remove_url_param("preset");
            }
        }
    }

    pub(super) fn handle(&mut self, ctx: &Context<Self>, action: Action) {
        self.copied = false;
        match action {
            Action::Command(command) => self.apply(command),
            Action::ToggleServer(_) | Action::ToggleStore | Action::ToggleReplica => {
                self.toggle_node(&action)
            }
            Action::TogglePlay => self.set_playing(ctx, !self.playing),
            Action::Step => {
                self.set_playing(ctx, false);
                self.step_stack.push(self.sim.now());
                timeline::step_hop(&mut self.sim);
            }
            Action::StepBack => {
                self.set_playing(ctx, false);
                let target = self
                    .step_stack
                    .pop()
                    .unwrap_or_else(|| self.sim.now().saturating_sub(self.clock.step_back_span()));
                self.rewind_to(target);
            }
            Action::SetSpeed(speed) => self.clock.set_speed(speed),
            Action::SetSeed(seed) => {
                self.history.base.config.seed = seed;
                self.restart_run();
            }
            Action::SelectFaultServer(server) => self.fault_server = server,
            Action::SetChart(metric) => self.scene.chart = metric,
            Action::Reset if self.tour.is_some() => self.tour_to_question(ctx),
            Action::Reset => self.restart_run(),
            Action::Share => {
                self.share_value = dom::share_url(&self.share_query(false));
                dom::copy_to_clipboard(&self.share_value);
                self.copied = true;
            }
            Action::EmbedCode => {
                self.share_value = sharing::embed_code(&dom::share_url(&self.share_query(true)));
                dom::copy_to_clipboard(&self.share_value);
                self.copied = true;
            }
            Action::SetLang(lang) => {
                self.prefs.set_lang(lang);
                sharing::sync_url_param("lang", lang.code());
            }
            Action::ToggleTheme => self.prefs.toggle_theme(),
            Action::TourGo(step) => self.go_to_tour_step(ctx, step),
            Action::TourReveal => self.reveal_tour_answer(ctx),
            Action::TourReplay => {
                self.tour_to_question(ctx);
                self.reveal_tour_answer(ctx);
            }
            Action::TourClose => {
                self.tour = None;
                sharing::remove_url_param("tour");
            }
            Action::ToggleHelp => self.help = !self.help,
            Action::CloseHelp => self.help = false,
            Action::DismissMessage => self.show_errors = false,
            Action::ExportSvg => crate::view::ui::export::download_topology_svg(),
            Action::ExportCsv => crate::view::ui::export::download_metrics_csv(&self.scene.report),
            Action::SetPreset(preset) => self.load_preset(ctx, preset),
            Action::SetUsersPerIp(users) => {
                // Where users connect from is part of the workload, not a command: the run so far is
                // replayed as if they had always been grouped so, keeping everything done to it.
                self.history.base.config.users_per_ip = users;
                self.step_stack.clear();
                let now = self.sim.now();
                self.rewind_to(now);
            }
            Action::SetAffinity(balancer) => {
                self.apply(Command::SetBalancer(balancer));
                if self.sim.config().strategy == Strategy::Sticky {
                    let by = match balancer {
                        Balancer::IpHash => StickyBy::Ip,
                        Balancer::RoundRobin
                        | Balancer::LeastConnections
                        | Balancer::Random
                        | Balancer::CookieHash
                        | Balancer::CookieHashConsistent => StickyBy::Cookie,
                    };
                    self.apply(Command::SetStickyBy(by));
                }
            }
            Action::NextEvent => {
                self.set_playing(ctx, false);
                self.step_stack.push(self.sim.now());
                timeline::run_to_next_event(&mut self.sim, NEXT_EVENT_HORIZON);
            }
            Action::Seek(target) => {
                self.step_stack.clear();
                self.sim = timeline::seek(&self.history, target);
                self.announcer.rewound(&self.sim);
            }
            Action::FontScale => self.text_fit.next_font_scale(&mut self.scene),
            Action::Refit => {
                self.text_fit.fit(&mut self.scene);
            }
        }
        self.watch_tour_answer();
        self.refresh();
    }
}
