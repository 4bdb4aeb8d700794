//! Everything the page draws, read from the model: the read-outs and chart, the picture's nodes and
//! layout, and the traffic drawing mode. Each part is kept behind an `Rc` and replaced only when its
//! value changed, so the memoised components that draw it skip the redraw otherwise.

use super::callout_place::{place_callout, CalloutPlace};
use super::layout::{Layout, Rect};
use super::tour::TourState;
use super::traffic::{self, Mode, TrafficFrame};
use super::words::Words;
use super::world::{self, WorldView};
use crate::model::{Message, Report, SeriesMetric, Simulation, Strategy};
use std::rc::Rc;

/// Points in the time-series chart.
const CHART_POINTS: usize = 120;
/// The font-scale steps the reader cycles through, in percent.
pub const FONT_SCALES: [u32; 4] = [100, 125, 150, 200];
/// The picture's smallest font size, in user units, before anything is measured.
const BASE_TEXT: f64 = 12.0;

/// The smallest on-screen text, in CSS px, in a window `window_width` CSS px wide: readable from the
/// back of a room (14 px on a laptop or a slide, growing to 19 px on a wide projector), with a margin
/// over the 14 and 18 px the lecture hall needs.
pub fn min_text_px(window_width: f64) -> f64 {
    (window_width / 100.0).clamp(14.5, 19.0)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub report: Rc<Report>,
    pub chart: SeriesMetric,
    pub series: Rc<Vec<f64>>,
    pub world: Rc<WorldView>,
    pub layout: Rc<Layout>,
    pub mode: Mode,
    /// The picture's smallest font size in user units (the font scale included): every word in the
    /// picture is at least this large, so it is `min_text_px` on screen whatever the picture's scale.
    pub text: f64,
    /// The reader's font scale, one of `FONT_SCALES`.
    pub font_scale: u32,
    /// The tour step's callouts as drawn, in the order of `TourState::callouts`: broken into lines and
    /// placed when the picture is laid out, so that a frame only picks the one shown.
    pub callouts: Vec<DrawnCallout>,
}

/// One of the tour step's callouts as the picture draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnCallout {
    /// Its lines, broken on the picture without rooms (the rooms are sized with them).
    pub lines: Rc<[String]>,
    /// Where it goes on the picture with its rooms; None where its node is not drawn.
    pub at: Option<CalloutPlace>,
}

/// The picture's layout for this run; `portrait`: a phone held upright gets the top-to-bottom picture.
pub fn layout_for(sim: &Simulation, portrait: bool) -> Layout {
    let c = sim.config();
    Layout {
        store_promoted: sim.store_promoted(),
        ..Layout::new(
            sim.active_users(),
            world::server_count(sim),
            c.strategy == Strategy::Store,
            c.store_replica,
            portrait,
        )
    }
}

impl Scene {
    pub fn new(sim: &Simulation, chart: SeriesMetric, portrait: bool) -> Scene {
        Scene {
            report: Rc::new(world::report(sim)),
            chart,
            series: Rc::new(world::series(sim, chart, CHART_POINTS)),
            world: Rc::new(world::world(sim)),
            layout: Rc::new(layout_for(sim, portrait)),
            mode: Mode::Arrows,
            text: BASE_TEXT,
            font_scale: FONT_SCALES[0],
            callouts: Vec::new(),
        }
    }

    /// Fit the text to a picture drawn at `px_per_unit` CSS px per user unit in a window `window_width`
    /// CSS px wide (nothing measured yet: `px_per_unit` 0). True when the size changed enough to redraw.
    pub fn fit_text(&mut self, px_per_unit: f64, window_width: f64) -> bool {
        let unscaled = if px_per_unit > 0.0 && px_per_unit.is_finite() {
            (min_text_px(window_width) / px_per_unit).max(BASE_TEXT)
        } else {
            BASE_TEXT
        };
        let text = unscaled * f64::from(self.font_scale) / 100.0;
        // Sub-percent changes (scroll bars appearing) are not worth a redraw.
        if (text - self.text).abs() <= self.text * 0.01 {
            return false;
        }
        self.text = text;
        true
    }

    /// The next font scale (after the largest, the smallest); returns it.
    pub fn next_font_scale(&mut self) -> u32 {
        let at = FONT_SCALES.iter().position(|s| *s == self.font_scale);
        self.font_scale = FONT_SCALES[at.map_or(0, |i| (i + 1) % FONT_SCALES.len())];
        self.font_scale
    }

    /// A remembered font scale, if it is one of `FONT_SCALES`.
    pub fn set_font_scale(&mut self, percent: u32) {
        if FONT_SCALES.contains(&percent) {
            self.font_scale = percent;
        }
    }

    /// Arrows or flows, by the messages in flight, the speed and the reader's motion preference.
    pub fn refresh_mode(&mut self, sim: &Simulation, speed: f64, reduced_motion: bool) {
        self.mode = traffic::choose_mode(world::in_flight(sim), speed, reduced_motion);
    }

    /// The read-outs and the chart.
    pub fn refresh_numbers(&mut self, sim: &Simulation) {
        self.report = Rc::new(world::report(sim));
        self.series = Rc::new(world::series(sim, self.chart, CHART_POINTS));
    }

    /// The picture's nodes (session tables, states) and layout, and the tour step's callouts drawn in
    /// `words`, with the room they ask for kept free in the server column.
    pub fn refresh_world(
        &mut self,
        sim: &Simulation,
        portrait: bool,
        tour: Option<&TourState>,
        words: &dyn Words,
    ) {
        let world = world::world(sim);
        if *self.world != world {
            self.world = Rc::new(world);
        }
        let layout = layout_for(sim, portrait);
        // Broken on the picture without rooms, the one the rooms are sized on: the lines drawn are the
        // lines a room was made for.
        let lines = tour.map_or_else(Vec::new, |t| t.callout_lines(&layout, words));
        let rooms = tour.map_or_else(Vec::new, |t| t.callout_rooms(&layout, &lines, sim.now()));
        let layout = layout.with_rooms(&rooms);
        self.callouts = tour
            .map(|t| t.callouts.as_slice())
            .unwrap_or_default()
            .iter()
            .zip(lines)
            .map(|((_, c), lines)| DrawnCallout {
                at: place_callout(&layout, c, &lines),
                lines: lines.into(),
            })
            .collect();
        if *self.layout != layout {
            self.layout = Rc::new(layout);
        }
    }

    /// This frame's messages in flight, placed by model time, with no label over `keep_out`, and the
    /// route `trail` (a tour moment's decisive request) has taken so far. While a route is traced,
    /// only its user's messages are labelled: the class reads one request's names, not the crowd's.
    pub fn traffic(
        &self,
        sim: &Simulation,
        keep_out: Option<Rect>,
        trail: &[Message],
    ) -> TrafficFrame {
        let mut frame = traffic::build(
            sim.messages(),
            sim.now(),
            &self.layout,
            self.mode,
            self.text,
            keep_out,
        );
        if let Some(first) = trail.first() {
            let followed = |id: u64| {
                sim.messages()
                    .iter()
                    .any(|m| m.id == id && m.user == first.user)
            };
            frame.labels.retain(|(id, ..)| followed(*id));
        }
        frame.trail = traffic::trail(trail, sim.now(), &self.layout);
        frame
    }
}
