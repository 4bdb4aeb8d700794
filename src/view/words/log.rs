//! The event log's sentences: the part every language shares. Which names and numbers an event or a
//! command carries is read here, once; each language gives only its sentences, as templates in a
//! `LogSentences` (`en_log.rs`, `ko_log.rs`) with `{user}`, `{server}`, ... where a value goes.

use super::{fill, Words};
use crate::model::{Command, Event};
use crate::number::{f64_text, fixed};
use crate::view::names::{server_letter, session_label, user_name};
use crate::view::wording::who_where_which;

/// One language's event log sentences. A `{name}` in a template stands for the value of that name
/// (user and server names, session labels, numbers); each field says which names its template uses.
pub struct LogSentences {
    /// `{user}`, `{server}`, `{session}`.
    pub logged_in: &'static str,
    /// `{user}`, `{session}`.
    pub logged_out: &'static str,
    /// `{user}`, `{server}`, `{session}`.
    pub mismatch: &'static str,
    /// `{user}`, `{server}`, `{session}`.
    pub lost_session: &'static str,
    /// `{user}`, `{server}`, `{session}`.
    pub expired_hit: &'static str,
    /// `{user}`, `{server}`: the server the request was retried on.
    pub retried: &'static str,
    /// `{user}`, `{server}`.
    pub server_error: &'static str,
    /// `{user}`: a 5xx no server answered.
    pub error_no_server: &'static str,
    /// `{user}`, `{session}`.
    pub session_expired: &'static str,
    /// `{server}`, `{sessions_lost}`.
    pub server_crashed: &'static str,
    /// `{server}`, `{sessions_lost}`.
    pub out_of_memory: &'static str,
    /// `{server}`.
    pub server_restarted: &'static str,
    /// `{server}`.
    pub marked_down: &'static str,
    /// `{server}`.
    pub marked_up: &'static str,
    /// `{server}`.
    pub partitioned: &'static str,
    /// `{server}`.
    pub reconnected: &'static str,
    /// `{server}`, `{copies_sent}`.
    pub peer_lost: &'static str,
    /// `{server}`.
    pub server_added: &'static str,
    /// `{server}`.
    pub server_removed: &'static str,
    /// `{sessions_lost}`.
    pub store_crashed: &'static str,
    /// `{sessions_restored}`.
    pub store_restarted: &'static str,
    /// `{writes_lost}` (sessions whose last write the replica lacked), `{sessions_lost}` (sessions it never
    /// received).
    pub replica_promoted: &'static str,
    pub replica_crashed: &'static str,
    pub replica_restarted: &'static str,
    /// `{user}`, `{from}`, `{to}`.
    pub repinned: &'static str,
    /// `{user}`, `{server}`, `{from}`.
    pub remote_fetched: &'static str,
    /// `{factor}`.
    pub traffic_started: &'static str,
    pub traffic_ended: &'static str,

    // Commands a person applied.
    /// `{ms}`.
    pub think_time: &'static str,
    /// `{server}`.
    pub crash_server: &'static str,
    /// `{server}`.
    pub restart_server: &'static str,
    /// `{server}`.
    pub partition_server: &'static str,
    /// `{server}`.
    pub reconnect_server: &'static str,
    /// `{server}`, `{factor}`.
    pub slow_server: &'static str,
    pub crash_replica: &'static str,
    pub restart_replica: &'static str,
    /// `{factor}`, `{secs}`.
    pub traffic: &'static str,
}

/// What happened, as the log tells it in the language of `words`.
pub fn event(words: &dyn Words, event: &Event) -> String {
    let say = words.log();
    // The sentences about a user's request on a server, with its session.
    let request = |template: &str, user, server, session| {
        let (user, server, session) = who_where_which(user, server, session);
        fill(
            template,
            &[("user", &user), ("server", &server), ("session", &session)],
        )
    };
    let user_server = |template: &str, user, server| {
        fill(
            template,
            &[
                ("user", &user_name(user)),
                ("server", &server_letter(server)),
            ],
        )
    };
    let user_session = |template: &str, user, session| {
        fill(
            template,
            &[
                ("user", &user_name(user)),
                ("session", &session_label(session)),
            ],
        )
    };
    let about_server =
        |template: &str, server| fill(template, &[("server", &server_letter(server))]);
    let count = |template: &str, name: &str, n: u32| fill(template, &[(name, &n.to_string())]);
    match *event {
        Event::LoggedIn {
            user,
            server,
            session,
        } => request(say.logged_in, user, server, session),
        Event::LoggedOut { user, session } => user_session(say.logged_out, user, session),
        Event::Mismatch {
            user,
            server,
            session,
        } => request(say.mismatch, user, server, session),
        Event::LostSession {
            user,
            server,
            session,
        } => request(say.lost_session, user, server, session),
        Event::ExpiredHit {
            user,
            server,
            session,
        } => request(say.expired_hit, user, server, session),
        Event::Retried { user, server } => user_server(say.retried, user, server),
        Event::ServerError { user, server } => match server {
            Some(server) => user_server(say.server_error, user, server),
            None => fill(say.error_no_server, &[("user", &user_name(user))]),
        },
        Event::SessionExpired { user, session } => user_session(say.session_expired, user, session),
        Event::ServerCrashed {
            server,
            sessions_lost,
            out_of_memory,
        } => fill(
            if out_of_memory {
                say.out_of_memory
            } else {
                say.server_crashed
            },
            &[
                ("server", &server_letter(server)),
                ("sessions_lost", &sessions_lost.to_string()),
            ],
        ),
        Event::ServerRestarted { server } => about_server(say.server_restarted, server),
        Event::ServerMarkedDown { server } => about_server(say.marked_down, server),
        Event::ServerMarkedUp { server } => about_server(say.marked_up, server),
        Event::Partitioned {
            server,
            partitioned,
        } => about_server(
            if partitioned {
                say.partitioned
            } else {
                say.reconnected
            },
            server,
        ),
        Event::PeerLost {
            server,
            copies_sent,
        } => fill(
            say.peer_lost,
            &[
                ("server", &server_letter(server)),
                ("copies_sent", &copies_sent.to_string()),
            ],
        ),
        Event::ServerAdded { server } => about_server(say.server_added, server),
        Event::ServerRemoved { server } => about_server(say.server_removed, server),
        Event::StoreCrashed { sessions_lost } => {
            count(say.store_crashed, "sessions_lost", sessions_lost)
        }
        Event::StoreRestarted { sessions_restored } => {
            count(say.store_restarted, "sessions_restored", sessions_restored)
        }
        Event::ReplicaPromoted {
            writes_lost,
            sessions_lost,
        } => fill(
            say.replica_promoted,
            &[
                ("writes_lost", &writes_lost.to_string()),
                ("sessions_lost", &sessions_lost.to_string()),
            ],
        ),
        Event::ReplicaCrashed => say.replica_crashed.to_string(),
        Event::ReplicaRestarted => say.replica_restarted.to_string(),
        Event::Repinned { user, from, to } => fill(
            say.repinned,
            &[
                ("user", &user_name(user)),
                ("from", &server_letter(from)),
                ("to", &server_letter(to)),
            ],
        ),
        Event::RemoteFetched { user, server, from } => fill(
            say.remote_fetched,
            &[
                ("user", &user_name(user)),
                ("server", &server_letter(server)),
                ("from", &server_letter(from)),
            ],
        ),
        Event::TrafficStarted { factor } => {
            fill(say.traffic_started, &[("factor", &f64_text(factor))])
        }
        Event::TrafficEnded => say.traffic_ended.to_string(),
        Event::Applied(ref applied) => command(words, applied),
    }
}

/// A person's intervention, as the log tells it in the language of `words`: a setting reads as the
/// control's label and the chosen value, the rest as a sentence.
pub fn command(words: &dyn Words, command: &Command) -> String {
    let (w, t, say) = (words, words.strings(), words.log());
    let setting = |label: &str, value: &str| format!("{label}: {value}");
    let about_server =
        |template: &str, server| fill(template, &[("server", &server_letter(server))]);
    match *command {
        Command::SetStrategy(s) => setting(t.strategy, w.strategy(s)),
        Command::SetStickyBy(by) => setting(t.sticky_by, w.sticky_by(by)),
        Command::SetBalancer(b) => setting(t.balancer, w.balancer(b)),
        Command::SetReplication(r) => setting(t.replication, w.replication(r)),
        Command::SetReplicationLag { ms } => setting(t.replication_lag, &ms.to_string()),
        Command::SetStoreReplicaLag { ms } => setting(t.store_replica_lag, &ms.to_string()),
        Command::SetStoreFailover { ms } => setting(t.failover_delay, &ms.to_string()),
        Command::SetStoreKind(k) => setting(t.store_kind, w.store_kind(k)),
        Command::SetStorePersistence(p) => setting(t.persistence, w.persistence(p)),
        Command::SetStoreReplica(on) => setting(t.store_replica, if on { "✓" } else { "✗" }),
        Command::SetUsers(n) => setting(t.users, &n.to_string()),
        Command::SetSkew(s) => setting(t.skew, &fixed(s, 2)),
        Command::SetThinkTime { ms } => fill(say.think_time, &[("ms", &ms.to_string())]),
        Command::AddServer => t.add_server.to_string(),
        Command::RemoveServer => t.remove_server.to_string(),
        Command::CrashServer(server) => about_server(say.crash_server, server),
        Command::RestartServer(server) => about_server(say.restart_server, server),
        Command::PartitionServer {
            server,
            partitioned,
        } => about_server(
            if partitioned {
                say.partition_server
            } else {
                say.reconnect_server
            },
            server,
        ),
        Command::SlowServer { server, factor } => fill(
            say.slow_server,
            &[
                ("server", &server_letter(server)),
                ("factor", &f64_text(factor)),
            ],
        ),
        Command::CrashStore => t.crash_store.to_string(),
        Command::RestartStore => t.restart_store.to_string(),
        Command::CrashReplica => say.crash_replica.to_string(),
        Command::RestartReplica => say.restart_replica.to_string(),
        Command::Traffic { factor, for_ms } => fill(
            say.traffic,
            &[
                ("factor", &f64_text(factor)),
                ("secs", &f64_text(for_ms as f64 / 1000.0)),
            ],
        ),
    }
}
