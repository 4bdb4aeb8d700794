//! Read-outs the report adds beside the model's counters: memory the session store and its replica
//! spend on sessions, so the compare view can weigh an external store against copies on the servers.

use super::simulation::Simulation;

impl Simulation {
    /// Bytes of sessions held by the store's primary and by its replica (0 for a node that is down or
    /// absent). Both hold full sessions; the replica trails the primary by its lag, which is a few
    /// writes at most and is not counted apart.
    pub(super) fn store_memory(&self) -> (u64, u64) {
        let held =
            u64::from(self.store.sessions) * u64::from(self.config.timing.full_session_bytes);
        let primary = if self.store.primary_up { held } else { 0 };
        let replica = if self.config.store_replica && self.store.replica_up {
            held
        } else {
            0
        };
        (primary, replica)
    }
}
