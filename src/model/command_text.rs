//! The text of a command that the history hash folds in: exactly what `{:?}` (the derived `Debug`)
//! prints, written out here so that the page does not link the derived `Debug` and its builders (page
//! size, issue 4). The tests below compare it with `{:?}` for every command shape: the hash must not
//! change.

use super::command::Command;
use super::config::{Balancer, Persistence, Replication, StickyBy, StoreKind, Strategy};

/// `format!("{command:?}")`, without `Debug`.
pub(super) fn command_text(command: &Command) -> String {
    use Command as C;
    let (name, fields): (&str, Fields) = match *command {
        C::SetStrategy(s) => ("SetStrategy", Fields::One(strategy(s).into())),
        C::SetStickyBy(s) => ("SetStickyBy", Fields::One(sticky_by(s).into())),
        C::SetBalancer(b) => ("SetBalancer", Fields::One(balancer(b).into())),
        C::SetReplication(r) => ("SetReplication", Fields::One(replication(r).into())),
        C::SetReplicationLag { ms } => (
            "SetReplicationLag",
            Fields::named(&[("ms", ms.to_string())]),
        ),
        C::SetStoreKind(k) => ("SetStoreKind", Fields::One(store_kind(k).into())),
        C::SetStorePersistence(p) => ("SetStorePersistence", Fields::One(persistence(p).into())),
        C::SetStoreReplica(on) => ("SetStoreReplica", Fields::One(on.to_string())),
        C::SetUsers(n) => ("SetUsers", Fields::One(n.to_string())),
        C::SetSkew(s) => ("SetSkew", Fields::One(debug_f64(s))),
        C::SetThinkTime { ms } => ("SetThinkTime", Fields::named(&[("ms", ms.to_string())])),
        C::AddServer => ("AddServer", Fields::None),
        C::RemoveServer => ("RemoveServer", Fields::None),
        C::CrashServer(s) => ("CrashServer", Fields::One(s.to_string())),
        C::RestartServer(s) => ("RestartServer", Fields::One(s.to_string())),
        C::PartitionServer {
            server,
            partitioned,
        } => (
            "PartitionServer",
            Fields::named(&[
                ("server", server.to_string()),
                ("partitioned", partitioned.to_string()),
            ]),
        ),
        C::SlowServer { server, factor } => (
            "SlowServer",
            Fields::named(&[
                ("server", server.to_string()),
                ("factor", debug_f64(factor)),
            ]),
        ),
        C::CrashStore => ("CrashStore", Fields::None),
        C::RestartStore => ("RestartStore", Fields::None),
        C::CrashReplica => ("CrashReplica", Fields::None),
        C::RestartReplica => ("RestartReplica", Fields::None),
        C::Traffic { factor, for_ms } => (
            "Traffic",
            Fields::named(&[
                ("factor", debug_f64(factor)),
                ("for_ms", for_ms.to_string()),
            ]),
        ),
    };
    match fields {
        Fields::None => name.to_string(),
        Fields::One(value) => format!("{name}({value})"),
        Fields::Named(pairs) => format!("{name} {{ {pairs} }}"),
    }
}

/// A variant's fields as the derived `Debug` shows them.
enum Fields {
    None,
    One(String),
    /// `a: 1, b: 2`.
    Named(String),
}

impl Fields {
    fn named(pairs: &[(&str, String)]) -> Fields {
        let shown: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        Fields::Named(shown.join(", "))
    }
}

/// A float as `Debug` prints it (the page links float `Debug` anyway).
fn debug_f64(x: f64) -> String {
    format!("{x:?}")
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
