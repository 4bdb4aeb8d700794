//! The configuration keys shared by the scenario file and the URL: one table, so that both formats
//! accept the same names, values and ranges (names outside scripts and links rely on), and write them
//! back the same way.

use super::input::{pick, Input};
use crate::model::{
    Balancer, Config, Persistence, Replication, StickyBy, StoreKind, Strategy, Timing, MAX_SERVERS,
    MAX_USERS,
};

/// A value as written back out (URL text or JSON).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Out {
    Whole(u64),
    Real(f64),
    /// Fixed point: units of `10^-decimals` (seconds written, microseconds kept).
    Fixed(u64, u32),
    Word(&'static str),
    Flag(bool),
}

/// Ranges, shared with the timeline commands that change the same settings.
pub(crate) const SERVERS: (u64, u64) = (1, MAX_SERVERS as u64);
pub(crate) const USERS: (u64, u64) = (1, MAX_USERS as u64);
pub(crate) const THINK_TIME_MS: (u64, u64) = (1, 3_600_000);
pub(crate) const SKEW: (f64, f64) = (0.0, 1.0);
pub(crate) const REPLICATION_LAG_MS: (u64, u64) = (0, 600_000);
pub(crate) const STORE_REPLICA_LAG_MS: (u64, u64) = (0, HOUR_MS);
pub(crate) const SERVER_RESTART_MS: (u64, u64) = (0, HOUR_MS);

/// Store a value read from input.
fn set<T>(slot: &mut T, value: Result<T, String>) -> Result<(), String> {
    *slot = value?;
    Ok(())
}

pub(crate) struct Key {
    pub name: &'static str,
    pub read: fn(&mut Config, &dyn Input) -> Result<(), String>,
    pub write: fn(&Config) -> Out,
}

/// Top-level configuration keys, in the order they are written.
pub(crate) const CONFIG_KEYS: &[Key] = &[
    Key {
        name: "seed",
        read: |c, v| set(&mut c.seed, v.whole(0, u64::MAX)),
        write: |c| Out::Whole(c.seed),
    },
    Key {
        name: "strategy",
        read: |c, v| {
            set(
                &mut c.strategy,
                pick(v, &Strategy::ALL, Strategy::name, "strategy"),
            )
        },
        write: |c| Out::Word(c.strategy.name()),
    },
    Key {
        name: "sticky_by",
        read: |c, v| {
            set(
                &mut c.sticky_by,
                pick(v, &StickyBy::ALL, StickyBy::name, "sticky_by"),
            )
        },
        write: |c| Out::Word(c.sticky_by.name()),
    },
    Key {
        name: "balancer",
        read: |c, v| {
            set(
                &mut c.balancer,
                pick(v, &Balancer::ALL, Balancer::name, "balancer"),
            )
        },
        write: |c| Out::Word(c.balancer.name()),
    },
    Key {
        name: "servers",
        read: |c, v| {
            set(
                &mut c.servers,
                v.whole(SERVERS.0, SERVERS.1).map(|n| n as u32),
            )
        },
        write: |c| Out::Whole(c.servers.into()),
    },
    Key {
        name: "users",
        read: |c, v| set(&mut c.users, v.whole(USERS.0, USERS.1).map(|n| n as u32)),
        write: |c| Out::Whole(c.users.into()),
    },
    Key {
        name: "users_per_ip",
        read: |c, v| {
            set(
                &mut c.users_per_ip,
                v.whole(USERS.0, USERS.1).map(|n| n as u32),
            )
        },
        write: |c| Out::Whole(c.users_per_ip.into()),
    },
    Key {
        name: "think_time_ms",
        read: |c, v| {
            set(
                &mut c.think_time_ms,
                v.whole(THINK_TIME_MS.0, THINK_TIME_MS.1).map(|n| n as u32),
            )
        },
        write: |c| Out::Whole(c.think_time_ms.into()),
    },
    Key {
        name: "skew",
        read: |c, v| set(&mut c.skew, v.real(SKEW.0, SKEW.1)),
        write: |c| Out::Real(c.skew),
    },
    Key {
        name: "replication",
        read: |c, v| {
            set(
                &mut c.replication,
                pick(v, &Replication::ALL, Replication::name, "replication"),
            )
        },
        write: |c| Out::Word(c.replication.name()),
    },
    Key {
        name: "replication_lag_ms",
        read: |c, v| {
            set(
                &mut c.replication_lag_ms,
                v.whole(REPLICATION_LAG_MS.0, REPLICATION_LAG_MS.1)
                    .map(|n| n as u32),
            )
        },
        write: |c| Out::Whole(c.replication_lag_ms.into()),
    },
    Key {
        name: "store_kind",
        read: |c, v| {
            set(
                &mut c.store_kind,
                pick(v, &StoreKind::ALL, StoreKind::name, "store_kind"),
            )
        },
        write: |c| Out::Word(c.store_kind.name()),
    },
    Key {
        name: "store_persistence",
        read: |c, v| {
            set(
                &mut c.store_persistence,
                pick(v, &Persistence::ALL, Persistence::name, "store_persistence"),
            )
        },
        write: |c| Out::Word(c.store_persistence.name()),
    },
    Key {
        name: "store_replica",
        read: |c, v| set(&mut c.store_replica, v.flag()),
        write: |c| Out::Flag(c.store_replica),
    },
    Key {
        name: "server_restart_ms",
        read: |c, v| set(&mut c.timing.server_restart_ms, restart_delay(v)),
        write: |c| {
            c.timing
                .server_restart_ms
                .map_or(Out::Word(NEVER), |ms| Out::Whole(ms.into()))
        },
    },
];

/// How `server_restart_ms` says that no supervisor restarts a crashed server.
const NEVER: &str = "never";

/// The supervisor's restart delay: milliseconds, or `never` (a crashed server stays down until it is
/// restarted by hand).
fn restart_delay(v: &dyn Input) -> Result<Option<u32>, String> {
    if v.word().is_ok_and(|w| w == NEVER) {
        return Ok(None);
    }
    v.whole(SERVER_RESTART_MS.0, SERVER_RESTART_MS.1)
        .map(|ms| Some(ms as u32))
        .map_err(|m| format!("{m} (or {NEVER}: no restart)"))
}

pub(crate) fn config_key(name: &str) -> Option<&'static Key> {
    CONFIG_KEYS.iter().find(|k| k.name == name)
}

/// One adjustable delay, size or count of `Timing`, by its field name.
pub(crate) struct TimingField {
    pub name: &'static str,
    pub min: u64,
    pub max: u64,
    pub get: fn(&Timing) -> u64,
    pub set: fn(&mut Timing, u64),
}

macro_rules! timing_u32 {
    ($field:ident, $min:expr, $max:expr) => {
        TimingField {
            name: stringify!($field),
            min: $min,
            max: $max,
            get: |t| u64::from(t.$field),
            // The range (at most u32::MAX) makes the narrowing exact.
            set: |t, v| t.$field = v as u32,
        }
    };
}

macro_rules! timing_u64 {
    ($field:ident, $min:expr, $max:expr) => {
        TimingField {
            name: stringify!($field),
            min: $min,
            max: $max,
            get: |t| t.$field,
            set: |t, v| t.$field = v,
        }
    };
}

const HOUR_MS: u64 = 3_600_000;

/// Every `Timing` field with its accepted range. Intervals that drive periodic events start at 1 so
/// that no setting can make the model loop without time passing.
pub(crate) const TIMING_FIELDS: &[TimingField] = &[
    timing_u32!(client_hop_ms, 0, 60_000),
    timing_u32!(lan_hop_ms, 0, 60_000),
    timing_u32!(service_ms, 1, 60_000),
    timing_u32!(concurrency, 1, 10_000),
    timing_u64!(server_memory_bytes, 1, 1 << 40),
    timing_u32!(full_session_bytes, 1, 1 << 24),
    timing_u32!(key_only_session_bytes, 1, 1 << 20),
    timing_u32!(health_check_interval_ms, 1, HOUR_MS),
    timing_u32!(health_check_failures, 1, 100),
    timing_u32!(fail_timeout_ms, 0, HOUR_MS),
    timing_u32!(peer_loss_ms, 0, HOUR_MS),
    timing_u32!(remote_timeout_ms, 1, HOUR_MS),
    timing_u64!(session_timeout_ms, 1, 7 * 24 * HOUR_MS),
    timing_u32!(store_memory_rtt_ms, 0, 60_000),
    timing_u32!(store_rdb_rtt_ms, 0, 60_000),
    timing_u32!(
        store_replica_lag_ms,
        STORE_REPLICA_LAG_MS.0,
        STORE_REPLICA_LAG_MS.1
    ),
    timing_u32!(store_failover_ms, 0, HOUR_MS),
    timing_u32!(store_snapshot_interval_ms, 1, 24 * HOUR_MS),
];

pub(crate) fn timing_field(name: &str) -> Option<&'static TimingField> {
    TIMING_FIELDS.iter().find(|f| f.name == name)
}
