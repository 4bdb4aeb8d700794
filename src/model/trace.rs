//! What the view draws and reads that the simulation itself does not need: messages in flight (only while
//! tracing is on, it costs time) and the event log (always on, a bounded ring).

use super::config::Micros;
use super::observe::{Endpoint, Event, LogEntry, Message, MessageKind, UserId};

/// The log keeps at least this many recent entries (and at most twice as many).
pub const LOG_KEEP: usize = 1_000;
/// Messages kept at most while tracing; older ones are dropped first.
pub const MESSAGES_CAP: usize = 20_000;

#[derive(Default)]
pub struct EventLog {
    entries: Vec<LogEntry>,
}

impl EventLog {
    #[inline]
    pub fn push(&mut self, at: Micros, event: Event) {
        if self.entries.len() >= 2 * LOG_KEEP {
            self.entries.drain(..LOG_KEEP);
        }
        self.entries.push(LogEntry { at, event });
    }

    /// Oldest first, the most recent `LOG_KEEP`..`2 * LOG_KEEP` entries.
    pub fn entries(&self) -> &[LogEntry] {
        &self.entries
    }

    pub fn capacity(&self) -> usize {
        self.entries.capacity()
    }
}

#[derive(Default)]
pub struct Tracer {
    pub on: bool,
    next_id: u64,
    messages: Vec<Message>,
}

impl Tracer {
    #[inline]
    pub fn send(
        &mut self,
        kind: MessageKind,
        from: Endpoint,
        to: Endpoint,
        user: Option<UserId>,
        sent_at: Micros,
        arrives_at: Micros,
    ) {
        if !self.on {
            return;
        }
        if self.messages.len() >= MESSAGES_CAP {
            self.messages.drain(..MESSAGES_CAP / 2);
        }
        self.next_id += 1;
        self.messages.push(Message {
            id: self.next_id,
            kind,
            from,
            to,
            user,
            sent_at,
            arrives_at,
        });
    }

    /// Forget messages that have arrived before `now`.
    pub fn prune(&mut self, now: Micros) {
        if !self.messages.is_empty() {
            self.messages.retain(|m| m.arrives_at >= now);
        }
    }

    pub fn clear(&mut self) {
        self.messages.clear();
    }

    pub fn messages(&self) -> &[Message] {
        &self.messages
    }
}
