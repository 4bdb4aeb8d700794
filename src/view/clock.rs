//! The playback clock: each animation frame advances model time by the wall time since the previous
//! frame × the playback speed. The model's clock and the playback speed are separate: the speed changes
//! how fast the run is shown, never what happens.

use super::director::Script;
use crate::model::{Micros, MS};

/// Longest wall-clock step one frame may take: a hidden tab or an off-screen slide gets no frames, and
/// must not jump ahead by minutes when it comes back.
pub const MAX_FRAME_MS: f64 = 100.0;

/// The speeds the speed control lists (model seconds per wall second).
pub const SPEEDS: [f64; 12] = [
    0.01, 0.03, 0.05, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0,
];

/// The slowest and fastest speed a URL or a control may set.
const SPEED_RANGE: (f64, f64) = (0.001, 10_000.0);

#[derive(Clone, Debug, PartialEq)]
pub struct PlaybackClock {
    speed: f64,
    /// The previous frame's timestamp (ms); none after a pause.
    last_frame_ms: Option<f64>,
    /// Model microseconds owed but not yet whole.
    carry_us: f64,
    /// A tour's director script being played, the wall seconds played of it so far and the model time
    /// reached: while it plays, wall time maps to model time through the script (an instant phase is a
    /// jump), and the speed shown is its phase's.
    directed: Option<(Script, f64, Micros)>,
}

impl PlaybackClock {
    pub fn new(speed: f64) -> PlaybackClock {
        let mut clock = PlaybackClock {
            speed: 1.0,
            last_frame_ms: None,
            carry_us: 0.0,
            directed: None,
        };
        clock.set_speed(speed);
        clock
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// A finite, positive speed, kept within the range the page supports; anything else is ignored.
    /// A person choosing a speed takes over from a director's script.
    pub fn set_speed(&mut self, speed: f64) {
        self.directed = None;
        self.set_rate(speed);
    }

    fn set_rate(&mut self, speed: f64) {
        if speed.is_finite() && speed > 0.0 {
            self.speed = speed.clamp(SPEED_RANGE.0, SPEED_RANGE.1);
        }
    }

    /// A frame at `timestamp_ms`: returns the wall-clock interval since the previous frame (0 for the
    /// first frame after a pause) and the whole model microseconds it is worth; fractions carry over.
    pub fn tick(&mut self, timestamp_ms: f64) -> (f64, Micros) {
        let interval = self.last_frame_ms.map_or(0.0, |last| timestamp_ms - last);
        self.last_frame_ms = Some(timestamp_ms);
        if let Some((script, played_s, reached)) = &mut self.directed {
            let before = *reached;
            *played_s += interval.clamp(0.0, MAX_FRAME_MS) / 1_000.0;
            let after = script.model_at(*played_s).max(before);
            *reached = after;
            // A hold shows the speed of the phase before it.
            let rate = script.phase_at(*played_s).map(|p| p.speed());
            let over = *played_s >= script.wall_s();
            if let Some(rate) = rate {
                self.set_rate(rate);
            }
            if over {
                self.directed = None;
            }
            return (interval, after.saturating_sub(before));
        }
        self.carry_us += interval.clamp(0.0, MAX_FRAME_MS) * self.speed * 1_000.0;
        let whole = self.carry_us.floor();
        self.carry_us -= whole;
        (interval, whole as Micros)
    }

    /// Play `script` from its start (model time must be at `script.start()`).
    pub fn direct(&mut self, script: Script) {
        if let Some(rate) = script.phase_at(0.0).map(|p| p.speed()) {
            self.set_rate(rate);
        }
        let start = script.start();
        self.directed = Some((script, 0.0, start));
    }

    /// Stop following a script (the speed stays as shown).
    pub fn undirect(&mut self) {
        self.directed = None;
    }

    /// Whether a director's script is playing.
    pub fn directing(&self) -> bool {
        self.directed.is_some()
    }

    /// Paused: the next frame starts afresh instead of counting the pause.
    pub fn stop(&mut self) {
        self.last_frame_ms = None;
        self.carry_us = 0.0;
    }

    /// How far "step back" goes when no single step is there to undo: one second of what the viewer sees
    /// at this speed, at least a millisecond.
    pub fn step_back_span(&self) -> Micros {
        ((self.speed * 1_000_000.0) as Micros).max(MS)
    }

    /// The slowest listed speed at which `remaining` model time plays in `wall_seconds`, or this clock's
    /// speed if it is fast enough already.
    pub fn speed_to_play(&self, remaining: Micros, wall_seconds: f64) -> f64 {
        let needed = remaining as f64 / 1e6 / wall_seconds;
        if needed <= self.speed {
            return self.speed;
        }
        SPEEDS.into_iter().find(|s| *s >= needed).unwrap_or(needed)
    }
}
