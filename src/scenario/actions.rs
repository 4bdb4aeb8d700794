//! Every `Command` as a named action with named arguments: the scenario file's timeline
//! (`{"do": "crash-server", "server": 1}`) and the share link's command log (`cs_1`) both read and
//! write commands through this one table, so they cover the same commands with the same checks.

use super::input::{pick, Input};
use super::keys::{Out, REPLICATION_LAG_MS, SKEW, THINK_TIME_MS, USERS};
use crate::model::{
    Balancer, Command, Persistence, Replication, StickyBy, StoreKind, Strategy, MAX_SERVERS,
};

pub(crate) struct Action {
    /// The name in scenario files (`do`).
    pub name: &'static str,
    /// The short code in share links.
    pub code: &'static str,
    /// Argument names, in the order the share link writes them.
    pub args: &'static [&'static str],
}

pub(crate) const ACTIONS: &[Action] = &[
    act("set-strategy", "st", &["strategy"]),
    act("set-sticky-by", "sb", &["sticky_by"]),
    act("set-balancer", "lb", &["balancer"]),
    act("set-replication", "rp", &["replication"]),
    act("set-replication-lag", "rl", &["replication_lag_ms"]),
    act("set-store-kind", "sk", &["store_kind"]),
    act("set-store-persistence", "sp", &["store_persistence"]),
    act("set-store-replica", "sr", &["store_replica"]),
    act("set-users", "nu", &["users"]),
    act("set-skew", "sw", &["skew"]),
    act("set-think-time", "tt", &["think_time_ms"]),
    act("add-server", "ad", &[]),
    act("remove-server", "rm", &[]),
    act("crash-server", "cs", &["server"]),
    act("restart-server", "rs", &["server"]),
    act("partition-server", "ps", &["server"]),
    act("heal-server", "hs", &["server"]),
    act("slow-server", "ss", &["server", "factor"]),
    act("crash-store", "cx", &[]),
    act("restart-store", "rx", &[]),
    act("crash-replica", "cr", &[]),
    act("restart-replica", "rr", &[]),
    act("traffic", "tf", &["factor", "for_s"]),
];

const fn act(name: &'static str, code: &'static str, args: &'static [&'static str]) -> Action {
    Action { name, code, args }
}

/// Range of `slow-server`'s service-time multiplier.
pub(crate) const SLOW_FACTOR: (f64, f64) = (0.1, 100.0);
/// Range of `traffic`'s arrival-rate multiplier: above zero, so that a traffic event never stops time.
pub(crate) const TRAFFIC_FACTOR: (f64, f64) = (0.01, 100.0);
/// Range of `traffic`'s `for_s`, in milliseconds: a millisecond to a simulated day.
pub(crate) const TRAFFIC_FOR_MS: (u64, u64) = (1, 86_400_000);

pub(crate) fn action_named(name: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|a| a.name == name)
}

pub(crate) fn action_coded(code: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|a| a.code == code)
}

/// Names of all actions, for "expected one of" messages.
pub(crate) fn action_names() -> String {
    let names: Vec<&str> = ACTIONS.iter().map(|a| a.name).collect();
    names.join(", ")
}

/// Where an action's arguments come from: a JSON object, or the fields of a share-link entry.
pub(crate) trait Args {
    fn arg(&mut self, name: &'static str) -> Option<&dyn Input>;
}

#[derive(Debug, PartialEq)]
pub(crate) enum ArgError {
    Missing(&'static str),
    Bad(&'static str, String),
}

fn get<'s>(args: &'s mut dyn Args, name: &'static str) -> Result<&'s dyn Input, ArgError> {
    args.arg(name).ok_or(ArgError::Missing(name))
}

fn read<T>(
    args: &mut dyn Args,
    name: &'static str,
    reader: impl FnOnce(&dyn Input) -> Result<T, String>,
) -> Result<T, ArgError> {
    reader(get(args, name)?).map_err(|message| ArgError::Bad(name, message))
}

fn server(args: &mut dyn Args) -> Result<u32, ArgError> {
    read(args, "server", |v| v.whole(0, u64::from(MAX_SERVERS) - 1)).map(|n| n as u32)
}

/// The command an action with its arguments stands for. Ranges are checked here; whether a server
/// index exists at that moment is `check_servers`' job.
pub(crate) fn decode(action: &Action, args: &mut dyn Args) -> Result<Command, ArgError> {
    use Command as C;
    Ok(match action.name {
        "set-strategy" => C::SetStrategy(read(args, "strategy", |v| {
            pick(v, &Strategy::ALL, Strategy::name, "strategy")
        })?),
        "set-sticky-by" => C::SetStickyBy(read(args, "sticky_by", |v| {
            pick(v, &StickyBy::ALL, StickyBy::name, "sticky_by")
        })?),
        "set-balancer" => C::SetBalancer(read(args, "balancer", |v| {
            pick(v, &Balancer::ALL, Balancer::name, "balancer")
        })?),
        "set-replication" => C::SetReplication(read(args, "replication", |v| {
            pick(v, &Replication::ALL, Replication::name, "replication")
        })?),
        "set-replication-lag" => C::SetReplicationLag {
            ms: read(args, "replication_lag_ms", |v| {
                v.whole(REPLICATION_LAG_MS.0, REPLICATION_LAG_MS.1)
            })? as u32,
        },
        "set-store-kind" => C::SetStoreKind(read(args, "store_kind", |v| {
            pick(v, &StoreKind::ALL, StoreKind::name, "store_kind")
        })?),
        "set-store-persistence" => C::SetStorePersistence(read(args, "store_persistence", |v| {
            pick(v, &Persistence::ALL, Persistence::name, "store_persistence")
        })?),
        "set-store-replica" => C::SetStoreReplica(read(args, "store_replica", |v| v.flag())?),
        "set-users" => C::SetUsers(read(args, "users", |v| v.whole(USERS.0, USERS.1))? as u32),
        "set-skew" => C::SetSkew(read(args, "skew", |v| v.real(SKEW.0, SKEW.1))?),
        "set-think-time" => C::SetThinkTime {
            ms: read(args, "think_time_ms", |v| {
                v.whole(THINK_TIME_MS.0, THINK_TIME_MS.1)
            })? as u32,
        },
        "add-server" => C::AddServer,
        "remove-server" => C::RemoveServer,
        "crash-server" => C::CrashServer(server(args)?),
        "restart-server" => C::RestartServer(server(args)?),
        "partition-server" => C::PartitionServer {
            server: server(args)?,
            partitioned: true,
        },
        "heal-server" => C::PartitionServer {
            server: server(args)?,
            partitioned: false,
        },
        "slow-server" => C::SlowServer {
            server: server(args)?,
            factor: read(args, "factor", |v| v.real(SLOW_FACTOR.0, SLOW_FACTOR.1))?,
        },
        "crash-store" => C::CrashStore,
        "restart-store" => C::RestartStore,
        "crash-replica" => C::CrashReplica,
        "restart-replica" => C::RestartReplica,
        "traffic" => C::Traffic {
            factor: read(args, "factor", |v| {
                v.real(TRAFFIC_FACTOR.0, TRAFFIC_FACTOR.1)
            })?,
            for_ms: read(args, "for_s", |v| {
                v.fixed(3, TRAFFIC_FOR_MS.0, TRAFFIC_FOR_MS.1)
            })?,
        },
        // Every name in ACTIONS is matched above; a new one without a decoder is a bug caught by the
        // round-trip tests, and still never a panic here.
        _ => return Err(ArgError::Missing("do")),
    })
}

/// The action a command is written as, with its argument values in `Action::args` order.
pub(crate) fn encode(command: &Command) -> (&'static Action, Vec<Out>) {
    use Command as C;
    let (name, values) = match command {
        C::SetStrategy(s) => ("set-strategy", vec![Out::Word(s.name())]),
        C::SetStickyBy(s) => ("set-sticky-by", vec![Out::Word(s.name())]),
        C::SetBalancer(b) => ("set-balancer", vec![Out::Word(b.name())]),
        C::SetReplication(r) => ("set-replication", vec![Out::Word(r.name())]),
        C::SetReplicationLag { ms } => ("set-replication-lag", vec![Out::Whole((*ms).into())]),
        C::SetStoreKind(k) => ("set-store-kind", vec![Out::Word(k.name())]),
        C::SetStorePersistence(p) => ("set-store-persistence", vec![Out::Word(p.name())]),
        C::SetStoreReplica(on) => ("set-store-replica", vec![Out::Flag(*on)]),
        C::SetUsers(n) => ("set-users", vec![Out::Whole((*n).into())]),
        C::SetSkew(s) => ("set-skew", vec![Out::Real(*s)]),
        C::SetThinkTime { ms } => ("set-think-time", vec![Out::Whole((*ms).into())]),
        C::AddServer => ("add-server", vec![]),
        C::RemoveServer => ("remove-server", vec![]),
        C::CrashServer(s) => ("crash-server", vec![Out::Whole((*s).into())]),
        C::RestartServer(s) => ("restart-server", vec![Out::Whole((*s).into())]),
        C::PartitionServer {
            server,
            partitioned,
        } => (
            if *partitioned {
                "partition-server"
            } else {
                "heal-server"
            },
            vec![Out::Whole((*server).into())],
        ),
        C::SlowServer { server, factor } => (
            "slow-server",
            vec![Out::Whole((*server).into()), Out::Real(*factor)],
        ),
        C::CrashStore => ("crash-store", vec![]),
        C::RestartStore => ("restart-store", vec![]),
        C::CrashReplica => ("crash-replica", vec![]),
        C::RestartReplica => ("restart-replica", vec![]),
        C::Traffic { factor, for_ms } => {
            ("traffic", vec![Out::Real(*factor), Out::Fixed(*for_ms, 3)])
        }
    };
    let action = action_named(name).unwrap_or(&ACTIONS[0]);
    (action, values)
}

/// Check that a command names a server that exists at that moment, and follow the server count
/// through scale-out and scale-in. `servers` is the count before the command.
pub(crate) fn check_servers(command: &Command, servers: &mut u32) -> Result<(), ArgError> {
    let index = match command {
        Command::AddServer => {
            if *servers >= MAX_SERVERS {
                return Err(ArgError::Bad(
                    "do",
                    format!("add-server: already {MAX_SERVERS} servers, the most there can be"),
                ));
            }
            *servers += 1;
            return Ok(());
        }
        Command::RemoveServer => {
            if *servers <= 1 {
                return Err(ArgError::Bad(
                    "do",
                    "remove-server: only one server left, it cannot be removed".to_string(),
                ));
            }
            *servers -= 1;
            return Ok(());
        }
        Command::CrashServer(s)
        | Command::RestartServer(s)
        | Command::PartitionServer { server: s, .. }
        | Command::SlowServer { server: s, .. } => *s,
        _ => return Ok(()),
    };
    if index >= *servers {
        let numbered = if *servers == 1 {
            "the only server is 0".to_string()
        } else {
            format!("servers are numbered 0 to {}", *servers - 1)
        };
        return Err(ArgError::Bad(
            "server",
            format!("server {index} does not exist at that moment ({numbered})"),
        ));
    }
    Ok(())
}
