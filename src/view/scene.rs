//! Everything the page draws, read from the model: the read-outs and chart, the picture's nodes and
//! layout, and the traffic drawing mode. Each part is kept behind an `Rc` and replaced only when its
//! value changed, so the memoised components that draw it skip the redraw otherwise.

use super::layout::Layout;
use super::traffic::{self, Mode, TrafficFrame};
use super::world::{self, WorldView};
use crate::model::{Report, SeriesMetric, Simulation, Strategy};
use std::rc::Rc;

/// Points in the time-series chart.
const CHART_POINTS: usize = 120;

#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub report: Rc<Report>,
    pub chart: SeriesMetric,
    pub series: Rc<Vec<f64>>,
    pub world: Rc<WorldView>,
    pub layout: Rc<Layout>,
    pub mode: Mode,
}

/// The picture's layout for this run; `portrait`: a phone held upright gets the top-to-bottom picture.
pub fn layout_for(sim: &Simulation, portrait: bool) -> Layout {
    let c = sim.config();
    Layout::new(
        sim.active_users(),
        world::server_count(sim),
        c.strategy == Strategy::Store,
        c.store_replica,
        portrait,
    )
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

    /// The picture's nodes (session tables, states) and layout.
    pub fn refresh_world(&mut self, sim: &Simulation, portrait: bool) {
        let world = world::world(sim);
        if *self.world != world {
            self.world = Rc::new(world);
        }
        let layout = layout_for(sim, portrait);
        if *self.layout != layout {
            self.layout = Rc::new(layout);
        }
    }

    /// This frame's messages in flight, placed by model time.
    pub fn traffic(&self, sim: &Simulation) -> TrafficFrame {
        traffic::build(sim.messages(), sim.now(), &self.layout, self.mode)
    }
}
