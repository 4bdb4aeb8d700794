//! One home per strategy: each file here says, for its strategy, where a session is created, looked up,
//! written and copied, what a crash or a partition does to it, and how sessions are re-homed when a
//! run switches to it (`local` serves `none` and `sticky`, whose sessions live alike). The machinery
//! they share (copy bitmasks, replication messages, destruction) lives in `copies`; routing, and so
//! the affinity that makes `sticky` sticky, lives in `balancer`.
//!
//! Adding a strategy: a variant of `Strategy` (with its name and a place in `Strategy::ALL`, in
//! `config.rs`), a file here implementing `Home`, one line in `with_home!` below, its affinity (an
//! arm in `balancer::affinity`), and its words in the interface. Every `match` over `Strategy` in the
//! crate is exhaustive (no `_ =>` arm) and `Home` has no default methods, so the compiler names every
//! place the new strategy must be handled (`Strategy::ALL` is the one list it cannot check).

pub(super) mod cluster_all;
pub(super) mod cluster_backup;
pub(super) mod local;
pub(super) mod store;

use super::config::Micros;
use super::flow::Outcome;
use super::ids::{ServerId, UserId};
use super::sessions::Slot;
use super::simulation::Simulation;
use super::users::RequestKind;

/// A look-up's result: when the server can go on, or the answer it gives instead (and when).
pub(super) type Answer = Result<Micros, (Outcome, Micros)>;

/// What a strategy decides about sessions. Implementations are stateless: the state is the
/// simulation's (session table, servers, store).
pub(super) trait Home {
    /// Servers exchange session copies: a crashed peer is noticed (and its copies restored), and a
    /// restarted, added or healed server receives copies before it serves.
    fn replicates(&self) -> bool;

    /// When server `s`, asked at `t` for `user`'s request, finds it cannot reach the place its sessions
    /// live, or `None` when it can. (A server cut off from the store cannot even tell whether a session
    /// exists: a 5xx, never a 401.) Sessions kept on the servers themselves always are reachable.
    fn unreachable(
        &self,
        _sim: &mut Simulation,
        _s: ServerId,
        _user: UserId,
        _t: Micros,
    ) -> Option<Micros> {
        None
    }

    /// A session just created in `slot` by server `s` at `t` is put where it lives; returns when the
    /// response may leave (synchronous replication waits for acknowledgements).
    fn place(&self, sim: &mut Simulation, slot: Slot, s: ServerId, t: Micros) -> Micros;

    /// Server `s` looks the live session up for a request of `kind`, now: `Ok(ready)` when it can
    /// serve it, `Err((outcome, at))` otherwise (a mismatch, or an error).
    fn read(&self, sim: &mut Simulation, slot: Slot, s: ServerId, kind: RequestKind) -> Answer;

    /// The request changed the session on `s`, read by `ready`; returns when the response may leave.
    fn write(&self, sim: &mut Simulation, slot: Slot, s: ServerId, ready: Micros) -> Micros;

    /// The user logs out on `s`: the other holders are told (the caller destroys the session).
    fn end(&self, sim: &mut Simulation, slot: Slot, s: ServerId);

    /// Complete the session's copies among the connected servers (after a restart, a new server, a
    /// healed partition, a lost peer).
    fn spread(&self, sim: &mut Simulation, slot: Slot);

    /// The run switches to this strategy: move the live session (in `slot`, with at least one copy)
    /// to where this strategy keeps it.
    fn rehome(&self, sim: &mut Simulation, slot: Slot);
}

/// The registration of every strategy: evaluates `$body` with `$home` bound to the behaviour of
/// `$strategy`. A `match`, so each arm is compiled for its own type and a request's path through its
/// strategy is inlined (no virtual call per request).
macro_rules! with_home {
    ($strategy:expr, $home:ident => $body:expr) => {{
        use $crate::model::config::Strategy as S;
        use $crate::model::strategy as homes;
        match $strategy {
            S::None | S::Sticky => {
                let $home = &homes::local::LocalSessions;
                $body
            }
            S::ClusterAll => {
                let $home = &homes::cluster_all::AllToAll;
                $body
            }
            S::ClusterBackup => {
                let $home = &homes::cluster_backup::PrimaryBackup;
                $body
            }
            S::Store => {
                let $home = &homes::store::ExternalStore;
                $body
            }
        }
    }};
}
pub(super) use with_home;
