//! The event log's sentences in English: one per model event and one per command a person applied.

use super::en::English;
use crate::model::{Command, Event};
use crate::number::{f64_text, fixed};
use crate::view::names::{server_letter, session_label, user_name};
use crate::view::wording::who_where_which;
use crate::view::words::Words;

/// What happened, as the log tells it.
pub fn event(event: &Event) -> String {
    match event {
        Event::LoggedIn {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            format!("{u} → server {s}: logged in, new session {id}")
        }
        Event::LoggedOut { user, session } => {
            let (u, id) = (user_name(*user), session_label(*session));
            format!("{u}: logged out, session {id} ended")
        }
        Event::Mismatch {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            format!("{u} → server {s}: no session {id} → 401, back to login")
        }
        Event::LostSession {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            format!("{u} → server {s}: session {id} was destroyed by a fault → 401, log in again")
        }
        Event::ExpiredHit {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            format!("{u} → server {s}: session {id} had expired → 401, log in again")
        }
        Event::Retried { user, server } => {
            let (u, s) = (user_name(*user), server_letter(*server));
            format!("{u}: the server died mid-request, retried on server {s}")
        }
        Event::ServerError { user, server } => {
            let u = user_name(*user);
            match server {
                Some(s) => format!("{u} → server {}: 5xx error", server_letter(*s)),
                None => format!("{u}: 5xx error"),
            }
        }
        Event::SessionExpired { user, session } => {
            let (u, id) = (user_name(*user), session_label(*session));
            format!("{u}: session {id} expired after idling")
        }
        Event::ServerCrashed {
            server,
            sessions_lost,
            out_of_memory,
        } => {
            let s = server_letter(*server);
            if *out_of_memory {
                format!("server {s}: out of memory, {sessions_lost} sessions lost")
            } else {
                format!("server {s}: crashed, {sessions_lost} sessions lost")
            }
        }
        Event::ServerRestarted { server } => {
            let s = server_letter(*server);
            format!("server {s}: restarted, empty")
        }
        Event::ServerMarkedDown { server } => {
            let s = server_letter(*server);
            format!("load balancer: server {s} marked down")
        }
        Event::ServerMarkedUp { server } => {
            let s = server_letter(*server);
            format!("load balancer: server {s} back in rotation")
        }
        Event::Partitioned {
            server,
            partitioned,
        } => {
            let s = server_letter(*server);
            if *partitioned {
                format!("server {s}: cut off from its peers")
            } else {
                format!("server {s}: reconnected")
            }
        }
        Event::PeerLost {
            server,
            copies_sent,
        } => {
            let s = server_letter(*server);
            format!("cluster: peer server {s} lost, {copies_sent} copies re-sent")
        }
        Event::ServerAdded { server } => {
            let s = server_letter(*server);
            format!("server {s} added")
        }
        Event::ServerRemoved { server } => {
            let s = server_letter(*server);
            format!("server {s} removed")
        }
        Event::StoreCrashed { sessions_lost } => {
            format!("session store crashed: {sessions_lost} sessions unavailable")
        }
        Event::StoreRestarted { sessions_restored } => {
            format!("session store restarted: {sessions_restored} sessions restored")
        }
        Event::ReplicaPromoted { writes_lost } => {
            format!("replica promoted to primary: {writes_lost} writes in the lag window lost")
        }
        Event::ReplicaCrashed => "store replica crashed".to_string(),
        Event::ReplicaRestarted => "store replica restarted".to_string(),
        Event::Repinned { user, from, to } => {
            let (u, f, t) = (user_name(*user), server_letter(*from), server_letter(*to));
            format!("{u}: re-pinned from server {f} to server {t}")
        }
        Event::RemoteFetched { user, server, from } => {
            let (u, s, f) = (
                user_name(*user),
                server_letter(*server),
                server_letter(*from),
            );
            format!("{u} → server {s}: fetched the session from server {f}")
        }
        Event::TrafficStarted { factor } => {
            let factor = f64_text(*factor);
            format!("traffic event: visitors ×{factor}")
        }
        Event::TrafficEnded => "traffic event over".to_string(),
        Event::Applied(command) => self::command(command),
    }
}

/// A person's intervention, as the log tells it.
pub fn command(command: &Command) -> String {
    let w = &English;
    let t = w.strings();
    let setting = |label: &str, value: &str| format!("{label}: {value}");
    match command {
        Command::SetStrategy(s) => setting(t.strategy, w.strategy(*s)),
        Command::SetStickyBy(by) => setting(t.sticky_by, w.sticky_by(*by)),
        Command::SetBalancer(b) => setting(t.balancer, w.balancer(*b)),
        Command::SetReplication(r) => setting(t.replication, w.replication(*r)),
        Command::SetReplicationLag { ms } => setting(t.replication_lag, &ms.to_string()),
        Command::SetStoreReplicaLag { ms } => setting(t.store_replica_lag, &ms.to_string()),
        Command::SetStoreFailover { ms } => setting(t.failover_delay, &ms.to_string()),
        Command::SetStoreKind(k) => setting(t.store_kind, w.store_kind(*k)),
        Command::SetStorePersistence(p) => setting(t.persistence, w.persistence(*p)),
        Command::SetStoreReplica(on) => setting(t.store_replica, if *on { "✓" } else { "✗" }),
        Command::SetUsers(n) => setting(t.users, &n.to_string()),
        Command::SetSkew(s) => setting(t.skew, &fixed(*s, 2)),
        Command::SetThinkTime { ms } => {
            format!("think time: {ms} ms")
        }
        Command::AddServer => t.add_server.to_string(),
        Command::RemoveServer => t.remove_server.to_string(),
        Command::CrashServer(s) => {
            let s = server_letter(*s);
            format!("server {s} crashed by hand")
        }
        Command::RestartServer(s) => {
            let s = server_letter(*s);
            format!("server {s} restart requested")
        }
        Command::PartitionServer {
            server,
            partitioned,
        } => {
            let s = server_letter(*server);
            if *partitioned {
                format!("server {s} cut off from its peers")
            } else {
                format!("server {s} reconnected")
            }
        }
        Command::SlowServer { server, factor } => {
            let s = server_letter(*server);
            let factor = f64_text(*factor);
            format!("server {s} service time ×{factor}")
        }
        Command::CrashStore => t.crash_store.to_string(),
        Command::RestartStore => t.restart_store.to_string(),
        Command::CrashReplica => "store replica crashed".to_string(),
        Command::RestartReplica => "store replica restarted".to_string(),
        Command::Traffic { factor, for_ms } => {
            let secs = f64_text(*for_ms as f64 / 1000.0);
            let factor = f64_text(*factor);
            format!("traffic event: ×{factor} for {secs} s")
        }
    }
}
