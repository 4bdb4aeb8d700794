//! Every `Command` as a named action with named arguments: the scenario file's timeline
//! (`{"do": "crash-server", "server": 1}`) and the share link's command log (`cs_1`) both read and
//! write commands through this one table, so they cover the same commands with the same checks.

use super::input::Input;
use super::keys::{config_key, timing_field, Out};
use crate::model::{Command, Config, ServerId, MAX_SERVERS};

pub(crate) struct Action {
    /// The name in scenario files (`do`).
    pub name: &'static str,
    /// The short code in share links.
    pub code: &'static str,
    /// Arguments, in the order the share link writes them.
    pub args: &'static [Arg],
    /// The command, from the arguments once read.
    make: fn(&Values) -> Command,
}

impl Action {
    pub(crate) fn arg_names(&self) -> Vec<&'static str> {
        self.args.iter().map(|a| a.name).collect()
    }
}

/// One named argument and how its value is read and written.
pub(crate) struct Arg {
    pub name: &'static str,
    kind: ArgKind,
}

// Readers as data rather than one decoder per action: one copy of the reading code.
#[derive(Clone, Copy)]
enum ArgKind {
    /// A configuration key of the same name (`keys.rs`): same values, ranges and messages.
    Setting,
    /// A timing field of the same name (`keys.rs`), likewise.
    Timing,
    Server,
    /// A multiplier within a range.
    Factor(f64, f64),
    /// A duration in seconds, kept in milliseconds.
    ForSeconds,
}

/// Argument values of one command, each in its place (the settings in a configuration).
struct Values {
    config: Config,
    server: ServerId,
    factor: f64,
    for_ms: u64,
}

impl Default for Values {
    fn default() -> Self {
        Values {
            config: Config::default(),
            server: ServerId(0),
            factor: 1.0,
            for_ms: 0,
        }
    }
}

const fn setting(name: &'static str) -> Arg {
    Arg {
        name,
        kind: ArgKind::Setting,
    }
}

const fn timing(name: &'static str) -> Arg {
    Arg {
        name,
        kind: ArgKind::Timing,
    }
}

const SERVER: Arg = Arg {
    name: "server",
    kind: ArgKind::Server,
};

/// Range of `slow-server`'s service-time multiplier.
pub(crate) const SLOW_FACTOR: (f64, f64) = (0.1, 100.0);
/// Range of `traffic`'s arrival-rate multiplier (of the active users): above zero, like every rate.
pub(crate) const TRAFFIC_FACTOR: (f64, f64) = (0.01, 100.0);
/// Range of `traffic`'s `for_s`, in milliseconds: a millisecond to a simulated day.
pub(crate) const TRAFFIC_FOR_MS: (u64, u64) = (1, 86_400_000);

use Command as C;

/// The action that sets one setting: its argument is the configuration key (or, after `timing.`, the
/// timing field) of the same name as the `Config` field, and its command carries that field's value
/// (as `ms` in a command that names it).
macro_rules! set {
    ($name:literal, $code:literal, $field:ident => $variant:ident) => {
        act($name, $code, &[setting(stringify!($field))], |v| {
            C::$variant(v.config.$field)
        })
    };
    ($name:literal, $code:literal, $field:ident => $variant:ident { ms }) => {
        act($name, $code, &[setting(stringify!($field))], |v| {
            C::$variant {
                ms: v.config.$field,
            }
        })
    };
    ($name:literal, $code:literal, timing.$field:ident => $variant:ident { ms }) => {
        act($name, $code, &[timing(stringify!($field))], |v| {
            C::$variant {
                ms: v.config.timing.$field,
            }
        })
    };
}

pub(crate) const ACTIONS: &[Action] = &[
    set!("set-strategy", "st", strategy => SetStrategy),
    set!("set-sticky-by", "sb", sticky_by => SetStickyBy),
    set!("set-balancer", "lb", balancer => SetBalancer),
    set!("set-replication", "rp", replication => SetReplication),
    set!("set-replication-lag", "rl", replication_lag_ms => SetReplicationLag { ms }),
    set!("set-store-kind", "sk", store_kind => SetStoreKind),
    set!("set-store-persistence", "sp", store_persistence => SetStorePersistence),
    set!("set-store-replica", "sr", store_replica => SetStoreReplica),
    set!("set-store-replica-lag", "ql", timing.store_replica_lag_ms => SetStoreReplicaLag { ms }),
    set!("set-store-failover", "fo", timing.store_failover_ms => SetStoreFailover { ms }),
    set!("set-users", "nu", users => SetUsers),
    set!("set-skew", "sw", skew => SetSkew),
    set!("set-think-time", "tt", think_time_ms => SetThinkTime { ms }),
    act("add-server", "ad", &[], |_| C::AddServer),
    act("remove-server", "rm", &[], |_| C::RemoveServer),
    act("crash-server", "cs", &[SERVER], |v| {
        C::CrashServer(v.server)
    }),
    act("restart-server", "rs", &[SERVER], |v| {
        C::RestartServer(v.server)
    }),
    act("partition-server", "ps", &[SERVER], |v| {
        C::PartitionServer {
            server: v.server,
            partitioned: true,
        }
    }),
    act("heal-server", "hs", &[SERVER], |v| C::PartitionServer {
        server: v.server,
        partitioned: false,
    }),
    act(
        "slow-server",
        "ss",
        &[
            SERVER,
            Arg {
                name: "factor",
                kind: ArgKind::Factor(SLOW_FACTOR.0, SLOW_FACTOR.1),
            },
        ],
        |v| C::SlowServer {
            server: v.server,
            factor: v.factor,
        },
    ),
    act("crash-store", "cx", &[], |_| C::CrashStore),
    act("restart-store", "rx", &[], |_| C::RestartStore),
    act("crash-replica", "cr", &[], |_| C::CrashReplica),
    act("restart-replica", "rr", &[], |_| C::RestartReplica),
    act(
        "traffic",
        "tf",
        &[
            Arg {
                name: "factor",
                kind: ArgKind::Factor(TRAFFIC_FACTOR.0, TRAFFIC_FACTOR.1),
            },
            Arg {
                name: "for_s",
                kind: ArgKind::ForSeconds,
            },
        ],
        |v| C::Traffic {
            factor: v.factor,
            for_ms: v.for_ms,
        },
    ),
];

const fn act(
    name: &'static str,
    code: &'static str,
    args: &'static [Arg],
    make: fn(&Values) -> Command,
) -> Action {
    Action {
        name,
        code,
        args,
        make,
    }
}

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

/// Read one argument into its place in `values`.
fn read_arg(arg: &Arg, input: &dyn Input, values: &mut Values) -> Result<(), String> {
    match arg.kind {
        ArgKind::Setting => match config_key(arg.name) {
            Some(key) => (key.read)(&mut values.config, input),
            // Every setting argument names a key; a typo is caught by the round-trip tests.
            None => Err("is not a setting".to_string()),
        },
        ArgKind::Timing => match timing_field(arg.name) {
            Some(field) => input
                .whole(field.min, field.max)
                .map(|v| (field.set)(&mut values.config.timing, v)),
            None => Err("is not a timing field".to_string()),
        },
        ArgKind::Server => input
            .whole(0, u64::from(MAX_SERVERS) - 1)
            .map(|n| values.server = ServerId(n as u32)),
        ArgKind::Factor(min, max) => input.real(min, max).map(|f| values.factor = f),
        ArgKind::ForSeconds => input
            .fixed(3, TRAFFIC_FOR_MS.0, TRAFFIC_FOR_MS.1)
            .map(|ms| values.for_ms = ms),
    }
}

/// The command an action with its arguments stands for. Ranges are checked here; whether a server
/// index exists at that moment is `check_servers`' job.
pub(crate) fn decode(action: &Action, args: &mut dyn Args) -> Result<Command, ArgError> {
    let mut values = Values::default();
    for arg in action.args {
        let input = args.arg(arg.name).ok_or(ArgError::Missing(arg.name))?;
        read_arg(arg, input, &mut values).map_err(|message| ArgError::Bad(arg.name, message))?;
    }
    Ok((action.make)(&values))
}

/// The action a command is written as, with its argument values in `Action::args` order: the
/// command's fields go to their places in `Values`, and the action is the one that makes this very
/// command from them (compared by `Command::encode`, which tells every field apart, floats by their
/// bits).
pub(crate) fn encode(command: &Command) -> (&'static Action, Vec<Out>) {
    let mut values = Values::default();
    let config = &mut values.config;
    match *command {
        C::SetStrategy(s) => config.strategy = s,
        C::SetStickyBy(s) => config.sticky_by = s,
        C::SetBalancer(b) => config.balancer = b,
        C::SetReplication(r) => config.replication = r,
        C::SetReplicationLag { ms } => config.replication_lag_ms = ms,
        C::SetStoreKind(k) => config.store_kind = k,
        C::SetStorePersistence(p) => config.store_persistence = p,
        C::SetStoreReplica(on) => config.store_replica = on,
        C::SetStoreReplicaLag { ms } => config.timing.store_replica_lag_ms = ms,
        C::SetStoreFailover { ms } => config.timing.store_failover_ms = ms,
        C::SetUsers(n) => config.users = n,
        C::SetSkew(s) => config.skew = s,
        C::SetThinkTime { ms } => config.think_time_ms = ms,
        C::CrashServer(server) | C::RestartServer(server) | C::PartitionServer { server, .. } => {
            values.server = server
        }
        C::SlowServer { server, factor } => (values.server, values.factor) = (server, factor),
        C::Traffic { factor, for_ms } => (values.factor, values.for_ms) = (factor, for_ms),
        C::AddServer
        | C::RemoveServer
        | C::CrashStore
        | C::RestartStore
        | C::CrashReplica
        | C::RestartReplica => {}
    }
    let bytes = command.encode();
    let action = ACTIONS
        .iter()
        .find(|a| (a.make)(&values).encode() == bytes)
        .unwrap_or(&ACTIONS[0]);
    let out = action
        .args
        .iter()
        .map(|arg| match arg.kind {
            ArgKind::Setting => {
                config_key(arg.name).map_or(Out::Flag(false), |key| (key.write)(&values.config))
            }
            ArgKind::Timing => timing_field(arg.name).map_or(Out::Flag(false), |f| {
                Out::Whole((f.get)(&values.config.timing))
            }),
            ArgKind::Server => Out::Whole(values.server.0.into()),
            ArgKind::Factor(..) => Out::Real(values.factor),
            ArgKind::ForSeconds => Out::Fixed(values.for_ms, 3),
        })
        .collect();
    (action, out)
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
        | Command::SlowServer { server: s, .. } => s.0,
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
