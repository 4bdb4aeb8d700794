//! The text of a command that the history hash folds in: exactly what `{:?}` (the derived `Debug`)
//! prints, written out here so that the page does not link the derived `Debug` and its builders (page
//! size, issue 4). The tests below compare it with `{:?}` for every command shape: the hash must not
//! change.

use super::command::Command;
use super::config::{Balancer, Persistence, Replication, StickyBy, StoreKind, Strategy};

/// `format!("{command:?}")`, without `Debug`.
pub(super) fn command_text(command: &Command) -> String {
    use Command as C;
    match *command {
        C::SetStrategy(s) => format!("SetStrategy({})", strategy(s)),
        C::SetStickyBy(s) => format!("SetStickyBy({})", sticky_by(s)),
        C::SetBalancer(b) => format!("SetBalancer({})", balancer(b)),
        C::SetReplication(r) => format!("SetReplication({})", replication(r)),
        C::SetReplicationLag { ms } => format!("SetReplicationLag {{ ms: {ms} }}"),
        C::SetStoreKind(k) => format!("SetStoreKind({})", store_kind(k)),
        C::SetStorePersistence(p) => format!("SetStorePersistence({})", persistence(p)),
        C::SetStoreReplica(on) => format!("SetStoreReplica({on})"),
        C::SetStoreReplicaLag { ms } => format!("SetStoreReplicaLag {{ ms: {ms} }}"),
        C::SetUsers(n) => format!("SetUsers({n})"),
        // Floats as `Debug` prints them, without core's float formatting (src/number.rs).
        C::SetSkew(s) => format!("SetSkew({})", debug_f64(s)),
        C::SetThinkTime { ms } => format!("SetThinkTime {{ ms: {ms} }}"),
        C::AddServer => "AddServer".to_string(),
        C::RemoveServer => "RemoveServer".to_string(),
        C::CrashServer(s) => format!("CrashServer({s})"),
        C::RestartServer(s) => format!("RestartServer({s})"),
        C::PartitionServer {
            server,
            partitioned,
        } => format!("PartitionServer {{ server: {server}, partitioned: {partitioned} }}"),
        C::SlowServer { server, factor } => {
            format!(
                "SlowServer {{ server: {server}, factor: {} }}",
                debug_f64(factor)
            )
        }
        C::CrashStore => "CrashStore".to_string(),
        C::RestartStore => "RestartStore".to_string(),
        C::CrashReplica => "CrashReplica".to_string(),
        C::RestartReplica => "RestartReplica".to_string(),
        C::Traffic { factor, for_ms } => {
            format!(
                "Traffic {{ factor: {}, for_ms: {for_ms} }}",
                debug_f64(factor)
            )
        }
    }
}

fn debug_f64(x: f64) -> String {
    crate::number::f64_debug_text(x)
}

fn strategy(s: Strategy) -> &'static str {
    match s {
        Strategy::None => "None",
        Strategy::Sticky => "Sticky",
        Strategy::ClusterAll => "ClusterAll",
        Strategy::ClusterBackup => "ClusterBackup",
        Strategy::Store => "Store",
    }
}

fn sticky_by(s: StickyBy) -> &'static str {
    match s {
        StickyBy::Cookie => "Cookie",
        StickyBy::Ip => "Ip",
    }
}

fn balancer(b: Balancer) -> &'static str {
    match b {
        Balancer::RoundRobin => "RoundRobin",
        Balancer::LeastConnections => "LeastConnections",
        Balancer::Random => "Random",
        Balancer::IpHash => "IpHash",
        Balancer::CookieHash => "CookieHash",
        Balancer::CookieHashConsistent => "CookieHashConsistent",
    }
}

fn replication(r: Replication) -> &'static str {
    match r {
        Replication::Async => "Async",
        Replication::Sync => "Sync",
    }
}

fn store_kind(k: StoreKind) -> &'static str {
    match k {
        StoreKind::Memory => "Memory",
        StoreKind::Rdb => "Rdb",
    }
}

fn persistence(p: Persistence) -> &'static str {
    match p {
        Persistence::None => "None",
        Persistence::Snapshot => "Snapshot",
        Persistence::AppendOnly => "AppendOnly",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Floats of every kind: edges of the exponent form, specials, arbitrary bit patterns.
    fn floats() -> Vec<f64> {
        let mut list = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            4.0,
            0.1,
            0.30000000000000004,
            1e-4,
            0.99999e-4,
            1.000_000_000_000_001e-4,
            9.9999e-5,
            1e16,
            9999999999999998.0,
            1.5e16,
            1e-5,
            1.234e-5,
            -1.234e-7,
            123456789e20,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            5e-324,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            100.0,
            1000.0,
            0.01,
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            list.push(f64::from_bits(state));
            // Also numbers of ordinary sizes with few digits, like those people type.
            list.push((state % 2_000_001) as f64 / 10f64.powi((state % 23) as i32));
        }
        list
    }

    #[test]
    fn every_command_reads_as_debug_prints_it() {
        use Command as C;
        let mut commands = vec![
            C::SetReplicationLag { ms: 50 },
            C::SetStoreReplica(true),
            C::SetStoreReplica(false),
            C::SetStoreReplicaLag { ms: 3_600_000 },
            C::SetUsers(100_000),
            C::SetThinkTime { ms: 1 },
            C::AddServer,
            C::RemoveServer,
            C::CrashServer(0),
            C::RestartServer(63),
            C::PartitionServer {
                server: 2,
                partitioned: true,
            },
            C::PartitionServer {
                server: 2,
                partitioned: false,
            },
            C::CrashStore,
            C::RestartStore,
            C::CrashReplica,
            C::RestartReplica,
            C::Traffic {
                factor: 4.0,
                for_ms: u64::MAX,
            },
        ];
        commands.extend(Strategy::ALL.map(C::SetStrategy));
        commands.extend(StickyBy::ALL.map(C::SetStickyBy));
        commands.extend(Balancer::ALL.map(C::SetBalancer));
        commands.extend(Replication::ALL.map(C::SetReplication));
        commands.extend(StoreKind::ALL.map(C::SetStoreKind));
        commands.extend(Persistence::ALL.map(C::SetStorePersistence));
        for x in floats() {
            commands.push(C::SetSkew(x));
            commands.push(C::SlowServer {
                server: 1,
                factor: x,
            });
            commands.push(C::Traffic {
                factor: x,
                for_ms: 10_125,
            });
        }
        for command in commands {
            assert_eq!(command_text(&command), format!("{command:?}"));
        }
    }
}
