//! The event log's sentences in English: one per model event and one per command a person applied
//! (a `{name}` stands for a value, see `log::LogSentences`).

use super::log::LogSentences;

pub static LOG: LogSentences = LogSentences {
    logged_in: "{user} → server {server}: logged in, new session {session}",
    logged_out: "{user}: logged out, session {session} ended",
    mismatch: "{user} → server {server}: no session {session} → 401, back to login",
    lost_session:
        "{user} → server {server}: session {session} was destroyed by a fault → 401, log in again",
    expired_hit: "{user} → server {server}: session {session} had expired → 401, log in again",
    retried: "{user}: the server died mid-request, retried on server {server}",
    server_error: "{user} → server {server}: 5xx error",
    error_no_server: "{user}: 5xx error",
    session_expired: "{user}: session {session} expired after idling",
    server_crashed: "server {server}: crashed, {sessions_lost} sessions lost",
    out_of_memory: "server {server}: out of memory, {sessions_lost} sessions lost",
    server_restarted: "server {server}: restarted, empty",
    marked_down: "load balancer: server {server} marked down",
    marked_up: "load balancer: server {server} back in rotation",
    partitioned: "server {server}: cut off from its peers",
    reconnected: "server {server}: reconnected",
    peer_lost: "cluster: peer server {server} lost, {copies_sent} copies re-sent",
    server_added: "server {server} added",
    server_removed: "server {server} removed",
    store_crashed: "session store crashed: {sessions_lost} sessions unavailable",
    store_restarted: "session store restarted: {sessions_restored} sessions restored",
    replica_promoted:
        "replica promoted to primary: {writes_lost} sessions lose their last write, {sessions_lost} new sessions lost",
    replica_crashed: "store replica crashed",
    replica_restarted: "store replica restarted",
    repinned: "{user}: re-pinned from server {from} to server {to}",
    remote_fetched: "{user} → server {server}: fetched the session from server {from}",
    traffic_started: "traffic event: visitors ×{factor}",
    traffic_ended: "traffic event over",

    think_time: "think time: {ms} ms",
    crash_server: "server {server} crashed by hand",
    restart_server: "server {server} restart requested",
    partition_server: "server {server} cut off from its peers",
    reconnect_server: "server {server} reconnected",
    slow_server: "server {server} service time ×{factor}",
    crash_replica: "store replica crashed",
    restart_replica: "store replica restarted",
    traffic: "traffic event: ×{factor} for {secs} s",
};
