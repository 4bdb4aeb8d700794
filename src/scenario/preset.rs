//! Presets: each weakness of a fix staged in one step, for the lab's `preset` control and `?preset=NAME`.
//! Pure data, like the tour: every preset is a scenario the model really runs (tests/presets.rs checks
//! that each one produces its effect, and that a control variant without the cause does not).
//!
//! Timings are compressed so that each effect plays within seconds of simulated time: a small memory
//! budget instead of 64 MiB, a traffic event of a few seconds, a failover detected after 2 s instead of
//! Sentinel's 30 s. What the class sees is the same mechanism, only sooner. Each preset also says where
//! the page starts (`lead_in`: fast-forwarded, like the URL's `ff`, to just before the moment) and how
//! fast it plays (`speed`), chosen so that the effect is on screen within `WALL_BUDGET_S` of wall time.

use super::{Scenario, TimedCommand};
use crate::model::{
    Command, Config, Micros, Persistence, Replication, ServerId, StickyBy, StoreKind, Strategy, MS,
    SECOND,
};

/// Wall-clock seconds within which every preset shows its effect on the page.
pub const WALL_BUDGET_S: f64 = 30.0;

/// A weakness staged in one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// One server, a traffic event, out of memory: every session gone.
    Oom,
    /// An office behind one NAT address, sticky by IP hash: one hot server, the others idle.
    Nat,
    /// Sticky sessions and a server crash: its users lose their sessions and log in again.
    StickyCrash,
    /// All-to-all asynchronous replication: a click outruns the copy of its session.
    LagRace,
    /// A store with a replica, the primary crashes: writes in the lag window are lost at failover.
    StoreFailover,
    /// The store switches from an in-memory engine to a relational database: every request slows.
    RdbVsMemory,
}

impl Preset {
    pub const ALL: [Preset; 6] = [
        Preset::Oom,
        Preset::Nat,
        Preset::StickyCrash,
        Preset::LagRace,
        Preset::StoreFailover,
        Preset::RdbVsMemory,
    ];

    /// The name used in the URL (`?preset=NAME`) and the `preset` control's values.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Oom => "oom",
            Preset::Nat => "nat",
            Preset::StickyCrash => "sticky-crash",
            Preset::LagRace => "lag-race",
            Preset::StoreFailover => "store-failover",
            Preset::RdbVsMemory => "rdb-vs-memory",
        }
    }

    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The preset's world: configuration and timeline. `duration` is long enough for the runner to show
    /// the effect (`sessionscope-sim run` on `scenario().to_json()`).
    pub fn scenario(self) -> Scenario {
        let (config, timeline): (Config, &[(Micros, Command)]) = match self {
            Preset::Oom => (
                oom_config(),
                &[(
                    OOM_TRAFFIC_AT,
                    Command::Traffic {
                        factor: OOM_TRAFFIC_FACTOR,
                        for_ms: OOM_TRAFFIC_MS,
                    },
                )],
            ),
            Preset::Nat => (nat_config(), &[]),
            Preset::StickyCrash => (
                sticky_crash_config(),
                &[(CRASH_AT, Command::CrashServer(CRASHED_SERVER))],
            ),
            Preset::LagRace => (lag_race_config(), &[]),
            Preset::StoreFailover => (store_failover_config(), &[(CRASH_AT, Command::CrashStore)]),
            Preset::RdbVsMemory => (
                rdb_vs_memory_config(),
                &[(SWITCH_TO_RDB_AT, Command::SetStoreKind(StoreKind::Rdb))],
            ),
        };
        Scenario {
            config,
            duration: DURATION,
            timeline: timeline
                .iter()
                .map(|(at, command)| TimedCommand {
                    at: *at,
                    command: command.clone(),
                })
                .collect(),
        }
    }

    /// Model time the page fast-forwards to before the first frame: just before the key moment, so the
    /// class does not wait through the warm-up (users logging in) at a speed meant for the moment.
    pub fn lead_in(self) -> Micros {
        match self {
            Preset::Oom => OOM_TRAFFIC_AT - 100 * MS,
            Preset::Nat | Preset::LagRace => 0,
            Preset::StickyCrash | Preset::StoreFailover => CRASH_AT - 100 * MS,
            // The samples before the switch are already on the latency chart when the page opens.
            Preset::RdbVsMemory => SWITCH_TO_RDB_AT - 100 * MS,
        }
    }

    /// By this model time the effect has happened (tests/presets.rs checks each one against the model).
    pub fn effect_by(self) -> Micros {
        match self {
            Preset::Oom => OOM_TRAFFIC_AT + SECOND,
            Preset::Nat | Preset::LagRace => 1_200 * MS,
            Preset::StickyCrash => CRASH_AT + 2 * SECOND,
            Preset::StoreFailover => CRASH_AT + u64::from(FAILOVER_MS) * MS + 100 * MS,
            Preset::RdbVsMemory => SWITCH_TO_RDB_AT + 2 * SECOND,
        }
    }

    /// Playback speed (model seconds per wall second) the page uses for this preset: the slowest of the
    /// speed control's options that still shows the effect within `WALL_BUDGET_S`.
    pub fn speed(self) -> f64 {
        match self {
            // The default speed: one hop in about a second, a copy crawling for 30 s while the click
            // that outruns it goes by.
            Preset::Oom | Preset::Nat | Preset::LagRace => 0.05,
            Preset::StickyCrash | Preset::StoreFailover | Preset::RdbVsMemory => 0.1,
        }
    }

    /// Wall-clock seconds from the page's first frame (at `lead_in`) until the effect, at `speed`.
    pub fn wall_seconds(self, speed: f64) -> f64 {
        self.effect_by().saturating_sub(self.lead_in()) as f64 / 1e6 / speed
    }
}

/// How long the runner simulates a preset.
const DURATION: Micros = 20 * SECOND;
/// When the crash of the crash presets happens: every user has logged in by then.
const CRASH_AT: Micros = 3 * SECOND;
/// The server that crashes in `sticky-crash` (server B).
const CRASHED_SERVER: ServerId = ServerId(1);

/// `oom`: sessions one server has memory for, and the traffic event that brings more visitors.
const OOM_SESSIONS: u64 = 60;
const OOM_TRAFFIC_AT: Micros = 2 * SECOND;
const OOM_TRAFFIC_FACTOR: f64 = 10.0;
const OOM_TRAFFIC_MS: u64 = 5_000;

/// `nat`: every user of the office behind one address.
const OFFICE_USERS: u32 = 12;

/// `lag-race`: one-way delay of a replication message, long enough to be outrun by the next click.
const RACE_LAG_MS: u32 = 1_500;

/// `store-failover`: detection delay (Sentinel: 30 s) and how far the replica trails (Redis: ~1 s).
const FAILOVER_MS: u32 = 2_000;
const REPLICA_LAG_MS: u32 = 1_000;

/// `rdb-vs-memory`: when the store's engine changes.
pub(crate) const SWITCH_TO_RDB_AT: Micros = 3 * SECOND;
/// `rdb-vs-memory`: a server's own work per request.
const RDB_SERVICE_MS: u32 = 5;

/// The tour's few named users behind round robin, at a quicker pace: a second between clicks.
const fn classroom(strategy: Strategy, servers: u32, users: u32) -> Config {
    Config {
        think_time_ms: 1_000,
        ..super::tour::classroom(strategy, servers, users)
    }
}

const fn oom_config() -> Config {
    let mut config = classroom(Strategy::None, 1, 20);
    config.timing.server_memory_bytes = OOM_SESSIONS * config.timing.full_session_bytes as u64;
    config
}

const fn nat_config() -> Config {
    Config {
        sticky_by: StickyBy::Ip,
        users_per_ip: OFFICE_USERS,
        // Everyone equally active: the hotspot comes from the shared address alone.
        skew: 0.0,
        ..classroom(Strategy::Sticky, 3, OFFICE_USERS)
    }
}

const fn sticky_crash_config() -> Config {
    Config {
        sticky_by: StickyBy::Cookie,
        ..classroom(Strategy::Sticky, 3, 6)
    }
}

const fn lag_race_config() -> Config {
    Config {
        replication: Replication::Async,
        replication_lag_ms: RACE_LAG_MS,
        think_time_ms: 800,
        ..classroom(Strategy::ClusterAll, 3, 6)
    }
}

const fn store_failover_config() -> Config {
    let mut config = Config {
        store_kind: StoreKind::Memory,
        store_persistence: Persistence::None,
        store_replica: true,
        think_time_ms: 500,
        ..classroom(Strategy::Store, 3, 20)
    };
    config.timing.store_failover_ms = FAILOVER_MS;
    config.timing.store_replica_lag_ms = REPLICA_LAG_MS;
    config
}

pub(crate) const fn rdb_vs_memory_config() -> Config {
    let mut config = Config {
        store_kind: StoreKind::Memory,
        think_time_ms: 500,
        ..classroom(Strategy::Store, 3, 20)
    };
    // A light endpoint: with 20 ms of work per request the exponential service time's tail hides a
    // 7 ms difference in round trips; with 5 ms the store is a visible share of every request.
    config.timing.service_ms = RDB_SERVICE_MS;
    config
}
