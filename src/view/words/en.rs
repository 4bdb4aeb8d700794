//! The English words: every word the page shows in this language, fixed ones in `STRINGS`, the ones that
//! depend on an enum or a number in the `Words` methods.

use super::callout::CalloutSentences;
use super::log::LogSentences;
use super::{CompareRun, PresetText, Strings, TourText, Words};
use crate::model::{
    Balancer, Persistence, Replication, SeriesMetric, StickyBy, StoreKind, Strategy,
};
use crate::scenario::preset::Preset;
use crate::scenario::tour::Topic;
use crate::scenario::Metric;
use crate::view::timeline::MarkerKind;

/// The English words.
pub struct English;

impl Words for English {
    fn strings(&self) -> &'static Strings {
        &STRINGS
    }

    fn strategy(&self, strategy: Strategy) -> &'static str {
        match strategy {
            Strategy::None => "Nothing shared",
            Strategy::Sticky => "Sticky sessions",
            Strategy::ClusterAll => "Cluster: all-to-all",
            Strategy::ClusterBackup => "Cluster: primary-backup",
            Strategy::Store => "External session store",
        }
    }

    fn strategy_hint(&self, strategy: Strategy) -> &'static str {
        match strategy {
            Strategy::None => {
                "Each server keeps its own sessions: a request on another server is rejected (401)."
            }
            Strategy::Sticky => {
                "The balancer pins each user to the server that created the session."
            }
            Strategy::ClusterAll => "Every session change is copied to every other server.",
            Strategy::ClusterBackup => "One full backup copy; the other servers keep only the key.",
            Strategy::Store => "Servers are stateless; every request asks the session store.",
        }
    }

    fn compare_strategy(&self, strategy: Strategy) -> &'static str {
        match strategy {
            Strategy::None => "None (local sessions)",
            Strategy::Sticky => "Sticky sessions",
            Strategy::ClusterAll => "Cluster, all-to-all",
            Strategy::ClusterBackup => "Cluster, primary–backup",
            Strategy::Store => "External store",
        }
    }

    fn sticky_by(&self, by: StickyBy) -> &'static str {
        match by {
            StickyBy::Cookie => "Cookie (server id)",
            StickyBy::Ip => "Client IP hash",
        }
    }

    fn balancer(&self, balancer: Balancer) -> &'static str {
        match balancer {
            Balancer::RoundRobin => "Round robin",
            Balancer::LeastConnections => "Least connections",
            Balancer::Random => "Random",
            Balancer::IpHash => "IP hash",
            Balancer::CookieHash => "Session cookie hash",
            Balancer::CookieHashConsistent => "Session cookie hash (consistent)",
        }
    }

    fn replication(&self, replication: Replication) -> &'static str {
        match replication {
            Replication::Async => "Asynchronous",
            Replication::Sync => "Synchronous",
        }
    }

    fn store_kind(&self, kind: StoreKind) -> &'static str {
        match kind {
            StoreKind::Memory => "In-memory key-value",
            StoreKind::Rdb => "Relational database",
        }
    }

    fn store_engine(&self, kind: StoreKind) -> &'static str {
        // Not "RDB": to whoever knows Redis, that is its snapshot format.
        match kind {
            StoreKind::Memory => "Redis",
            StoreKind::Rdb => "SQL DB",
        }
    }

    fn persistence(&self, persistence: Persistence) -> &'static str {
        match persistence {
            Persistence::None => "None",
            Persistence::Snapshot => "Periodic snapshot",
            Persistence::AppendOnly => "Append-only file",
        }
    }

    fn series(&self, metric: SeriesMetric) -> &'static str {
        match metric {
            SeriesMetric::Mismatches => "Session mismatches per second",
            SeriesMetric::Requests => "Requests per second",
            SeriesMetric::Errors => "Errors (5xx) per second",
            SeriesMetric::Relogins => "Forced re-logins per second",
            SeriesMetric::SessionsLost => "Sessions lost per second",
            SeriesMetric::SessionsExpired => "Sessions expired per second",
            SeriesMetric::LiveSessions => "Live sessions",
            SeriesMetric::LatencyP99 => "Latency p99 (ms)",
            SeriesMetric::ReplicationMessages => "Replication messages per second",
            SeriesMetric::ReplicationBytes => "Replication bytes per second",
            SeriesMetric::StoreOps => "Store operations per second",
            SeriesMetric::Memory => "Session memory (bytes)",
            SeriesMetric::OrphanedSessions => "Orphaned sessions per second",
        }
    }

    fn tour(&self, topic: Topic) -> TourText {
        match topic {
            Topic::Problem => TourText {
                title: "The problem: session mismatch",
                caption: "Three application servers sit behind a load balancer that hands out requests in turn \
            (round robin). Each server keeps sessions in its own memory. userA has just logged in on \
            server A, so userA's session exists only there.",
                question: "userA now clicks \"like\". Which server answers, and what does it say?",
                answer: "The balancer passes the click to the next server in turn, which has never heard of \
            userA's session: 401, back to the login page. That is a session mismatch, and it keeps \
            happening to everyone — watch the counter.",
            },
            Topic::OneServer => TourText {
                title: "Fix 1: one server again",
                caption: "The simplest fix: go back to a single server. The same users click the same way, but \
            every request now lands where every session is.",
                question: "How many session mismatches will there be now?",
                answer: "None: with one server there is nowhere else to go. But that one machine's memory and CPU \
            are now the limit of the whole site — see the next step.",
            },
            Topic::OneServerCeiling => TourText {
                title: "One server's ceiling",
                caption: "One server keeps every session in its memory. To make the limit visible, its memory \
            here holds only about 200 sessions; 40 users are logged in.",
                question: "A sale starts: hundreds of new visitors arrive and log in. What happens to the \
            server — and to the users who were already logged in?",
                answer: "Every login adds a session until memory runs out: the server crashes (out of memory) and \
            every session in it is gone. When it comes back, everyone — including the users who were \
            there first — has to log in again.",
            },
            Topic::StickyCookie => TourText {
                title: "Fix 2: sticky sessions",
                caption: "Three servers again, but now the balancer remembers who went where: the first response \
            sets a cookie with the server's id (Set-Cookie: server=A), and every later request that \
            carries it goes back to that server.",
                question: "The users click just as before. How many session mismatches now?",
                answer: "None: every user always comes back to the server that holds their session. Sticky \
            sessions fix the mismatch without sharing anything — as long as no server fails.",
            },
            Topic::StickyCrash => TourText {
                title: "Sticky sessions: a server dies",
                caption: "With sticky sessions each session lives on exactly one server. Everything runs smoothly, \
            but server B is about to crash.",
                question: "What happens to the users pinned to server B?",
                answer: "Their sessions died with the server. The balancer re-pins them to another server, which \
            has never seen them: each gets a 401 and must log in again. Users of the other servers notice \
            nothing.",
            },
            Topic::StickyIpNat => TourText {
                title: "Sticky by IP: the office behind NAT",
                caption: "Instead of a cookie, the balancer can hash the client's IP address (nginx ip_hash). \
            Here all twelve users work in one office and reach the site through a single NAT address, \
            10.108.38.1: the office is one address to the balancer.",
                question: "How will their requests be spread over the three servers?",
                answer: "They are not spread at all: one address, one hash, one server. That server does all the \
            work while the other two idle: every user who logs in lands on server A, which gets 100 % of \
            the requests (imbalance, max/mean, 3). No mismatches — but a hotspot.",
            },
            Topic::ClusterAll => TourText {
                title: "Fix 3: session clustering (all-to-all)",
                caption: "Session clustering, like Tomcat's DeltaManager: every change to a session is copied to \
            every other server. Here replication is synchronous: a response waits until every copy has \
            arrived.",
                question: "Any mismatches now? And what does it cost in memory and in messages?",
                answer: "No mismatches: every server has every session. But every server now stores all the \
            sessions (N times the memory of sticky sessions), and every session write sends N−1 \
            replication messages. Both grow with every server you add.",
            },
            Topic::ClusterAsyncWindow => TourText {
                title: "Asynchronous replication: the timing window",
                caption: "The same cluster, but replication is asynchronous (the usual default): the response does \
            not wait, and here a copy takes 1.5 s to reach the other servers.",
                question: "A user logs in and clicks again quickly; round robin sends the click to another server. \
            What can go wrong?",
                answer: "When the click outruns the copy, the server it reaches has not received the session yet: \
            a mismatch caused purely by timing. With synchronous replication the same workload has none, \
            at the price of slower responses.",
            },
            Topic::PrimaryBackup => TourText {
                title: "Clustering with primary and backup",
                caption: "Like Tomcat's BackupManager: each session has a primary and one backup server holding \
            full copies; the other servers keep only the key and where the copy lives.",
                question: "A request reaches a server that has only the key. What does that server do?",
                answer: "It fetches the full session over the network from the server that has it, then serves the \
            request: no mismatch, and far less memory than all-to-all — but an extra round trip.",
            },
            Topic::PrimaryBackupDoubleLoss => TourText {
                title: "Primary and backup lost together",
                caption: "Primary–backup survives one crash: the backup takes over. Now servers A and B are about \
            to crash at the same moment.",
                question: "What happens to a session whose primary and backup were servers A and B?",
                answer: "No copy is left anywhere: the session is lost and its user must log in again. Sessions \
            with a copy on server C survive.",
            },
            Topic::Store => TourText {
                title: "Fix 4: an external session store",
                caption: "Sessions move out of the servers into an external store (Redis). The servers become \
            stateless: any server can answer any request, and each request asks the store for its session.",
                question: "A fourth server is about to be added. Will users notice, and will the new server get \
            work?",
                answer: "Nobody notices: the new server reads sessions from the store like the others and serves \
            at once, with no mismatch and no change to the existing servers. The price: every request pays \
            a round trip to the store.",
            },
            Topic::StoreCrash => TourText {
                title: "The store is a single point of failure",
                caption: "Every request now depends on the store, and this store keeps sessions only in memory \
            (no persistence). It is about to crash, and to restart ten seconds later.",
                question: "What do users see while the store is down — and after it comes back?",
                answer: "While it is down, every request fails with a 5xx error. It comes back empty: every \
            session is gone, so every user has to log in again.",
            },
            Topic::StoreFailover => TourText {
                title: "Store replica and failover",
                caption: "A replica follows the store, about a second behind. When the primary store dies, the \
            replica is promoted once the failure is detected (Sentinel; shortened here from 30 s to 5 s).",
                question: "The primary store is about to crash. What is lost?",
                answer: "Requests fail until the failover; then the replica takes over with almost everything. \
            Only the writes from the last moment before the crash, not yet copied, are lost: changes to \
            sessions (they go back to an older version) and logins (those users must log in again).",
            },
            Topic::StoreServerCrash => TourText {
                title: "Servers become disposable",
                caption: "With sessions in the store, an application server holds nothing worth losing. (Real \
            deployments often keep sticky sessions too, for cache locality, with the store as the safety \
            net.) The same six users, three servers and crash of server B as in the sticky-session step; \
            only the sessions now live in the store.",
                question: "How many users will have to log in again this time?",
                answer: "None: the other servers read the very same sessions from the store. Compare the \
            sticky-session step, where every user of the crashed server had to log in again.",
            },
            Topic::RdbVsMemory => TourText {
                title: "Where the store lives: memory or a database",
                caption: "The same store, first in memory (Redis), then a relational database. Every request \
            asks the store for its session.",
                question: "The store is about to move to a database. What changes for users?",
                answer: "Every request now waits for a database: the store's round trip below went from 1\u{a0}ms \
            to about 10\u{a0}ms (8\u{a0}ms on the network, the rest in the database). The median latency counts every \
            request since the start, so it climbs more slowly. Nothing is lost; everything is slower.",
            },
        }
    }

    fn tour_progress(&self, step: usize, steps: usize) -> String {
        format!("Step {step} of {steps}")
    }

    fn compare_summary(&self, run: &CompareRun) -> String {
        let CompareRun {
            servers,
            users,
            seed,
            seconds,
            scripted_events,
        } = *run;
        let scripted = match scripted_events {
            0 => String::new(),
            n => format!(", {n} scripted events"),
        };
        format!(
            "The same workload under every strategy: {servers} servers, {users} users, seed {seed}, \
             {seconds} simulated seconds{scripted}."
        )
    }

    fn compare_progress(&self, done: usize, total: usize) -> String {
        format!("Running every strategy: {done} of {total} done…")
    }

    fn active_users_now(&self, users: u32) -> String {
        format!("{users} active now, during the traffic event")
    }

    fn log(&self) -> &'static LogSentences {
        &super::en_log::LOG
    }

    // Time, presets and the compare view.
    fn preset(&self, preset: Preset) -> PresetText {
        let (label, hint) = match preset {
            Preset::Oom => (
                "One server runs out of memory",
                "One server, a crowd arrives: memory fills and every session dies with it.",
            ),
            Preset::Nat => (
                "An office behind one address (NAT)",
                "Twelve users share one address: IP hash sends them all to one server.",
            ),
            Preset::StickyCrash => (
                "Sticky sessions: a server dies",
                "Server B crashes: its pinned users lose their sessions and log in again.",
            ),
            Preset::LagRace => (
                "A click outruns its copy",
                "Copies take 1.5 s: the next click reaches a server before its session does.",
            ),
            Preset::StoreFailover => (
                "Store failover loses recent writes",
                "The store dies; its replica takes over 2 s later without the last writes.",
            ),
            Preset::RdbVsMemory => (
                "Store on a database vs in memory",
                "At 3 s the store moves to a database: every request waits longer.",
            ),
        };
        PresetText { label, hint }
    }

    fn metric(&self, metric: Metric) -> &'static str {
        match metric {
            Metric::Requests => "Requests",
            Metric::AuthenticatedRequests => "Authenticated requests",
            Metric::Ok => "Successful",
            Metric::Mismatches => "Session mismatches",
            Metric::LostSessionHits => "Lost-session hits",
            Metric::ExpiredHits => "Expired-session hits",
            Metric::Relogins => "Forced re-logins",
            Metric::SessionsCreated => "Sessions created",
            Metric::SessionsLost => "Sessions lost to faults",
            Metric::SessionsExpired => "Sessions expired",
            Metric::OrphanedSessions => "Orphaned sessions",
            Metric::Errors => "Errors (5xx)",
            Metric::ReplicationMessages => "Replication messages",
            Metric::ReplicationBytes => "Replication bytes",
            Metric::StoreOps => "Store operations",
            Metric::StoreReplicationMessages => "Writes sent to the replica",
            Metric::StoreWritesLost => "Writes lost at failover",
            Metric::StoreMemoryBytes => "Store memory",
            Metric::ReplicaMemoryBytes => "Replica memory",
            Metric::SessionMemoryBytes => "Session memory (servers, store, replica)",
            Metric::Imbalance => "Load imbalance (max/mean)",
            Metric::LatencyP50 => "Latency p50",
            Metric::LatencyP99 => "Latency p99",
            Metric::StoreRoundTrip => "Store round trip",
        }
    }

    fn marker(&self, kind: MarkerKind) -> &'static str {
        match kind {
            MarkerKind::Crash => "Crash",
            MarkerKind::Restart => "Restart",
            MarkerKind::Failover => "Failover",
            MarkerKind::Traffic => "Traffic event",
            MarkerKind::Mismatch => "Mismatches",
        }
    }

    // Director mode.
    fn callout(&self) -> &'static CalloutSentences {
        &CALLOUT
    }
}

/// What a node says in a callout (`callout::lines` fills these in; a line break starts a new line).
static CALLOUT: CalloutSentences = CalloutSentences {
    not_found: "Cookie: SESSION={session} → not found → 401",
    copy_not_here_yet: "Cookie: SESSION={session}\n→ copy not here yet → 401",
    lost: "Cookie: SESSION={session}\n→ not found (lost) → 401",
    lost_repinned:
        "{user}: {from} down → {to}\nCookie: SESSION={session}\n→ not found (lost) → 401",
    by_address: "{address} → ip_hash → server {server}",
    by_cookie: "Cookie: server={server} → server {server}",
    found: "SESSION={session} → found → 200",
    found_in_store: "SESSION={session} → store ({ms}) → found → 200",
    copied: "write → {copies} copies → {copies} acks → 200",
    fetched: "SESSION={session}: key only\n→ fetched from {from} → 200",
    store_down: "store unreachable → 500",
    failed: "nobody can answer → 502",
    out_of_memory: "memory full → out of memory\n→ {sessions_lost} sessions lost",
    promoted: "promoted\n· {writes_lost} writes lost",
    promoted_new_lost: "promoted, lost:\nwrites {writes_lost}, logins {sessions_lost}",
};

pub static STRINGS: Strings = Strings {
    app_title: "SessionScope",
    tagline: "Sessions behind a load balancer: watch them get lost, and fix it.",
    language: "Language",
    language_name: "English",
    theme: "Theme",
    theme_to_dark: "Dark theme",
    theme_to_light: "Light theme",

    controls: "Controls",
    strategy: "Session strategy",
    sticky_by: "Pin users by",
    balancer: "Balancer algorithm",
    replication: "Replication",
    replication_lag: "Replication lag (ms)",
    store_replica_lag: "Replica lag (ms)",
    store_kind: "Store engine",
    persistence: "Store persistence",
    store_replica: "Store replica with failover",
    servers: "Servers",
    add_server: "Add a server",
    remove_server: "Remove a server",
    users: "Users",
    skew: "Activity skew",
    apply: "Apply",
    traffic: "Traffic event",
    traffic_button: "Traffic event ×5 for 30 s",
    fault_server: "Network and speed faults on",
    partition: "Cut off from peers and store",
    slow_down: "Slow down ×4",
    badge_partitioned: "cut off",
    badge_slow: "slow",
    crash_store: "Crash the store",
    restart_store: "Restart the store",
    play: "Play",
    pause: "Pause",
    step: "Step",
    step_back: "Step back",
    speed: "Speed",
    seed: "Seed",
    reset: "Reset",
    share: "Share link",
    embed_code: "Embed code",
    share_link: "Link to this state",
    copied: "Copied to the clipboard.",
    export_svg: "Download picture (SVG)",
    export_csv: "Download metrics (CSV)",
    open_compare: "Compare every strategy on this workload",
    config_title: "The real configuration",
    config_hint: "What the real balancer, application servers and session store need to behave like this setup, with its numbers; the comments name the traps.",
    config_format: "File",
    config_copy: "Copy",
    playback: "Playback",
    faults: "Faults and load",

    metrics: "Metrics",
    sim_time: "Simulated time",
    metric_memory: "Session memory",
    metric_latency: "Latency p50 / p99",
    chart_over_time: "Over simulated time",
    chart_latest: "latest",
    chart_peak: "peak",
    chart_load: "Requests per server",
    chart_empty: "Nothing yet",

    topology: "Topology: users, load balancer, servers and session store",
    balancer_node: "Load balancer",
    lb_short: "balancer",
    server: "Server",
    store_node: "Session store",
    replica_node: "Store replica",
    state_up: "up",
    state_down: "down",
    state_down_undetected: "crashed, not yet detected",
    short_down: "DOWN",
    short_crashed: "CRASHED",
    short_out_of_memory: "OUT OF MEMORY",
    activate_crash: "activate to crash it",
    activate_restart: "activate to restart it",
    sessions: "sessions",
    session_one: "session",
    queue: "queue",
    store_wait: "waiting for store",
    memory: "memory",
    role_full: "full session",
    role_backup: "backup copy",
    role_key_only: "key only",
    more: "more",
    more_lost: "more lost",
    users_group: "{n} users",
    flow_mode: "Flow view: line width shows traffic on each link",
    arrows_mode: "Each arrow is one message",

    legend: "Legend",
    legend_request: "Request",
    legend_ok: "Response OK",
    legend_mismatch: "401: session mismatch",
    legend_lost: "401: session lost",
    legend_error: "5xx error or refused connection",
    legend_replication: "Replication",
    legend_store: "Store round trip",
    legend_fetch: "Remote session fetch",
    legend_health: "Health check",
    legend_full: "Full session",
    legend_backup: "Backup copy",
    legend_key_only: "Key only",
    legend_orphaned: "Orphaned: left behind by a mismatch, never used again, holding memory until it expires",
    legend_trailing: "Outlined, in the replica: its latest write has not reached the replica yet",
    legend_stale: "Crossed out, in the store: its latest write was lost at the failover",
    legend_down: "Down (known)",
    legend_partitioned: "Cut off from its peers and the store (\"cut off\")",
    legend_slow: "Slowed down (\"slow\")",
    legend_undetected: "Crashed, not yet detected",
    legend_flow: "Flow: width = messages on the link",
    legend_cookie: "Under a user: the session cookie → the server it is pinned to, ↻ re-logins, ✕ sessions lost to faults",

    event_log: "What just happened",
    no_events: "Nothing has happened yet.",

    bad_url: "Some settings in the address were not understood; defaults are used instead:",
    bad_param: "bad value for",
    dismiss: "Dismiss",

    shortcuts: "Keyboard shortcuts",
    shortcut_list: [
        ("Space", "Play or pause"),
        ("→", "Step forward one hop of a message"),
        ("←", "Step back"),
        ("N", "Run to the next event"),
        ("1–5", "Switch session strategy"),
        ("?", "Show or hide this help"),
        ("f", "Text size in the picture (100–200 %)"),
        ("Esc", "Close"),
    ],
    close: "Close",
    open_full: "Open the full lab",

    panic_title: "Something went wrong.",
    panic_body: "The simulation stopped because of an internal error. The details are in the browser console.",
    panic_reload: "Reload at the same state",

    tour_steps: "Tour steps",
    tour_close: "Close tour",
    tour_predict: "Predict",
    tour_show_me: "Show me",
    tour_back: "← Back",
    tour_next: "Next →",
    tour_all_steps: "All steps",

    compare_title: "SessionScope — compare strategies",
    compare_back: "← Back to the lab",
    compare_table: "Metrics per strategy",
    compare_strategy: "Strategy",

    // Time, presets and the compare view.
    preset: "Stage a weakness",
    preset_none: "— (your own setup)",
    users_per_ip: "Users per address (NAT)",
    next_event: "Next event",
    timeline: "Timeline",
    balancer_sticky_hint: "Sticky: IP hash pins each address; any other choice pins by the session cookie.",
    // The picture.
    word_full: "full",
    word_backup: ["backup", "backups"],
    word_key: ["key", "keys"],
    crash_word: "crash",
    restart_word: "restart",
    role_primary: "primary",
    role_promoted: "primary (promoted)",
    role_replica: "replica",
    state_gone: "gone",
    font_scale: "Text size",
    failover_delay: "Failover delay (ms)",
    orphaned: "orphaned",
    // Director mode.
    tour_replay: "Replay",
    tour_before: "was",
    tour_watch: "Watch the picture…",
};
