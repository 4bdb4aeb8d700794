//! What the screen-reader live region says: the latest notable event, at most every few seconds, so a
//! listener hears faults and mismatches without being flooded by every request.

use super::wording::{describe, is_notable};
use super::words::Lang;
use super::world;
use crate::model::{LogEntry, Simulation};

/// At most one announcement this often (wall-clock milliseconds).
pub const ANNOUNCE_EVERY_MS: f64 = 4_000.0;
/// How far back in the log a new announcement looks.
const LOOK_BACK: usize = 64;

#[derive(Clone, Debug, PartialEq)]
pub struct Announcer {
    text: String,
    announced_at_ms: f64,
    /// Key (`world::recent_log`) of the newest log entry already considered.
    log_checked: Option<u64>,
}

impl Announcer {
    /// Nothing announced; the log up to now counts as heard.
    pub fn new(sim: &Simulation) -> Announcer {
        Announcer {
            text: String::new(),
            announced_at_ms: f64::NEG_INFINITY,
            log_checked: world::newest_log_key(sim),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The run was replayed from the start: what it logged up to now is not news.
    pub fn rewound(&mut self, sim: &Simulation) {
        self.log_checked = world::newest_log_key(sim);
    }

    /// Announce the newest notable event logged since the last call, unless the last announcement is
    /// younger than `ANNOUNCE_EVERY_MS`. Keys, not times: a crash applied while paused happens at the
    /// moment already checked. Only the newest key is read until there is something new (this runs a few
    /// times a second).
    pub fn update(&mut self, sim: &Simulation, lang: Lang, now_ms: f64) {
        let Some(newest) = world::newest_log_key(sim) else {
            return;
        };
        if Some(newest) <= self.log_checked {
            return;
        }
        if now_ms - self.announced_at_ms < ANNOUNCE_EVERY_MS && !self.text.is_empty() {
            return;
        }
        let recent = world::recent_log(sim, LOOK_BACK);
        let checked = self.log_checked;
        self.log_checked = Some(newest);
        if let Some(entry) = pick(&recent, checked) {
            self.text = describe(&entry.event, lang);
            self.announced_at_ms = now_ms;
        }
    }
}

/// Among the entries newer than `checked` (oldest first in `recent`), the newest notable one; a fault
/// outranks the failed requests it causes (a crash out of memory, then a flood of 5xx).
fn pick(recent: &[(u64, LogEntry)], checked: Option<u64>) -> Option<&LogEntry> {
    let fresh: Vec<&LogEntry> = recent
        .iter()
        .rev()
        .take_while(|(key, _)| Some(*key) > checked)
        .map(|(_, e)| e)
        .filter(|e| is_notable(&e.event))
        .collect();
    fresh
        .iter()
        .find(|e| e.event.is_incident())
        .or(fresh.first())
        .copied()
}
