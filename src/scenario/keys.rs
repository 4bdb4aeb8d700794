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

/// The key of a `Config` field read by `$read` and written out as `$out` of its value: the key is the
/// field's name.
macro_rules! key {
    ($field:ident, |$v:ident| $read:expr, $out:path) => {
        Key {
            name: stringify!($field),
            read: |c, $v| set(&mut c.$field, $read),
            write: |c| $out(c.$field),
        }
    };
}

/// The key of a `Config` field whose value is one of an enum's names (`ALL`, `name`): the key is
/// the field's name.
macro_rules! named_key {
    ($field:ident, $choices:ident) => {
        Key {
            name: stringify!($field),
            read: |c, v| {
                let name = stringify!($field);
                set(&mut c.$field, pick(v, &$choices::ALL, $choices::name, name))
            },
            write: |c| Out::Word(c.$field.name()),
        }
    };
}

/// The key of a `u32` field of `Config` holding a whole number in `$range` (a `(min, max)` pair, so
/// the narrowing is exact): the key is the field's name.
macro_rules! whole_key {
    ($field:ident, $range:expr) => {
        Key {
            name: stringify!($field),
            read: |c, v| set(&mut c.$field, v.whole($range.0, $range.1).map(|n| n as u32)),
            write: |c| Out::Whole(c.$field.into()),
        }
    };
}

/// Top-level configuration keys, in the order they are written.
pub(crate) const CONFIG_KEYS: &[Key] = &[
    key!(seed, |v| v.whole(0, u64::MAX), Out::Whole),
    named_key!(strategy, Strategy),
    named_key!(sticky_by, StickyBy),
    named_key!(balancer, Balancer),
    whole_key!(servers, SERVERS),
    whole_key!(users, USERS),
    whole_key!(users_per_ip, USERS),
    whole_key!(think_time_ms, THINK_TIME_MS),
    key!(skew, |v| v.real(SKEW.0, SKEW.1), Out::Real),
    named_key!(replication, Replication),
    whole_key!(replication_lag_ms, REPLICATION_LAG_MS),
    named_key!(store_kind, StoreKind),
    named_key!(store_persistence, Persistence),
    key!(store_replica, |v| v.flag(), Out::Flag),
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

/// A `Timing` field of integer type `$int` (`u32` or `u64`).
macro_rules! timing {
    ($field:ident: $int:ty, $min:expr, $max:expr) => {
        TimingField {
            name: stringify!($field),
            min: $min,
            max: $max,
            get: |t| u64::from(t.$field),
            // The range (at most the type's largest value) makes the narrowing exact.
            set: |t, v| t.$field = v as $int,
        }
    };
}

const HOUR_MS: u64 = 3_600_000;

/// Every `Timing` field with its accepted range. Intervals that drive periodic events start at 1 so
/// that no setting can make the model loop without time passing.
pub(crate) const TIMING_FIELDS: &[TimingField] = &[
    timing!(client_hop_ms: u32, 0, 60_000),
    timing!(lan_hop_ms: u32, 0, 60_000),
    timing!(service_ms: u32, 1, 60_000),
    timing!(concurrency: u32, 1, 10_000),
    timing!(server_memory_bytes: u64, 1, 1 << 40),
    timing!(full_session_bytes: u32, 1, 1 << 24),
    timing!(key_only_session_bytes: u32, 1, 1 << 20),
    timing!(health_check_interval_ms: u32, 1, HOUR_MS),
    timing!(health_check_failures: u32, 1, 100),
    timing!(fail_timeout_ms: u32, 0, HOUR_MS),
    timing!(peer_loss_ms: u32, 0, HOUR_MS),
    timing!(remote_timeout_ms: u32, 1, HOUR_MS),
    timing!(session_timeout_ms: u64, 1, 7 * 24 * HOUR_MS),
    timing!(store_memory_rtt_ms: u32, 0, 60_000),
    timing!(store_rdb_rtt_ms: u32, 0, 60_000),
    timing!(store_replica_lag_ms: u32, STORE_REPLICA_LAG_MS.0, STORE_REPLICA_LAG_MS.1),
    timing!(store_failover_ms: u32, 0, HOUR_MS),
    timing!(store_timeout_ms: u32, 1, HOUR_MS),
    timing!(store_snapshot_interval_ms: u32, 1, 24 * HOUR_MS),
];

pub(crate) fn timing_field(name: &str) -> Option<&'static TimingField> {
    TIMING_FIELDS.iter().find(|f| f.name == name)
}
