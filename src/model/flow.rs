//! One request's life: it reaches the balancer, is routed (affinity, base algorithm, connection refused →
//! next server), waits for a worker, is served against wherever the session lives, and the answer goes
//! back to the user, who thinks and sends the next one. Two events per request: arrival and completion.

use super::balancer::{affinity, retry_after_failure, sticky_cookie};
use super::balancer::{Client, Pool};
use super::config::{Micros, StickyBy, MS};
use super::events::Ev;
use super::observe::{Endpoint, Event, MessageKind, ServerId, UserId};
use super::simulation::Simulation;
use super::strategy::{with_home, Home};
use super::users::{Fate, Phase, RequestKind, SessionCookie};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    Ok,
    Mismatch,
    LostHit,
    ExpiredHit,
    Error,
}

impl Outcome {
    fn code(self) -> u64 {
        match self {
            Outcome::Ok => 1,
            Outcome::Mismatch => 2,
            Outcome::LostHit => 3,
            Outcome::ExpiredHit => 4,
            Outcome::Error => 5,
        }
    }
}

impl Simulation {
    pub(super) fn on_arrive(&mut self, u: UserId) {
        let client_hop = self.client_hop();
        let roll = self.rng.unit();
        let user = &mut self.users[u];
        if !user.active {
            user.phase = Phase::Idle;
            return;
        }
        let kind = RequestKind::pick(user.session.is_some(), roll);
        user.kind = kind;
        user.tried = 0;
        user.sent_at = self.now.saturating_sub(client_hop);
        user.requests += 1;
        user.phase = Phase::InFlight;
        self.metrics.requests += 1;
        if kind != RequestKind::Login {
            self.metrics.authenticated_requests += 1;
        }
        self.dispatch(u, self.now);
    }

    /// The balancer picks a server for the user's request at `t`.
    fn choose(&mut self, u: UserId, t: Micros) -> Option<ServerId> {
        let user = &self.users[u];
        let pool = Pool {
            count: self.count,
            servers: &self.servers,
            now: t,
            tried: user.tried,
        };
        let client = Client {
            cookie: user.session_uid(),
            ip: user.ip,
            pinned: user.affinity,
        };
        let affinity = self.affinity();
        self.lb.choose(
            affinity,
            self.config.balancer,
            &client,
            &pool,
            &mut self.rng,
        )
    }

    /// Route the request from the balancer at `t`; a dead server refuses the connection and nginx passes
    /// the request to the next one (the client sees no error).
    pub(super) fn dispatch(&mut self, u: UserId, t: Micros) {
        let lan = self.lan_hop();
        let mut at = t;
        loop {
            let Some(s) = self.choose(u, at) else {
                self.answer(u, at, Outcome::Error, None);
                return;
            };
            self.tracer.send(
                MessageKind::Request,
                Endpoint::Balancer,
                Endpoint::Server(s),
                Some(u),
                at,
                at + lan,
            );
            if !self.servers[s].alive {
                self.lb.health[s].fail_until =
                    retry_after_failure(at, self.config.timing.fail_timeout_ms);
                self.users[u].tried |= s.bit();
                self.metrics.passed_to_next += 1;
                at += 2 * lan;
                continue;
            }
            let mean = f64::from(self.config.timing.service_ms) * 1000.0;
            let server = &mut self.servers[s];
            let service = self.rng.exp_micros(mean * server.slow_factor).max(1);
            server.active += 1;
            server.requests += 1;
            let finish = server.occupy(at + lan, service);
            let user = &mut self.users[u];
            user.server = Some(s);
            user.server_epoch = server.epoch;
            self.queue.push(finish, Ev::ServerDone { user: u });
            return;
        }
    }

    pub(super) fn on_done(&mut self, u: UserId) {
        let Some(s) = self.users[u].server else {
            return;
        };
        let server = &mut self.servers[s];
        server.active = server.active.saturating_sub(1);
        if server.epoch != self.users[u].server_epoch {
            // The server died with the request on it. nginx retries an idempotent request on the next
            // server; a POST gets a 502.
            self.lb.health[s].fail_until =
                retry_after_failure(self.now, self.config.timing.fail_timeout_ms);
            let user = &mut self.users[u];
            user.tried |= s.bit();
            if user.kind.is_idempotent() {
                self.metrics.retried += 1;
                self.note(Event::Retried { user: u, server: s });
                self.dispatch(u, self.now);
            } else {
                self.answer(u, self.now, Outcome::Error, None);
            }
            return;
        }
        let login = self.users[u].kind == RequestKind::Login;
        let (outcome, ready) = with_home!(self.config.strategy, home => if login {
            self.login(home, u, s)
        } else {
            self.authenticated(home, u, s)
        });
        // A server that crashed serving this very request (out of memory) never answers: the
        // balancer does, with a 502.
        let answered_by = self.servers[s].alive.then_some(s);
        self.answer(u, ready, outcome, answered_by);
    }

    fn login(&mut self, home: &impl Home, u: UserId, s: ServerId) -> (Outcome, Micros) {
        let t = self.now;
        if let Some(known) = home.unreachable(self, s, u, t) {
            return (Outcome::Error, known);
        }
        let (slot, uid) = self.sessions.create(u, t);
        self.metrics.sessions_created += 1;
        let ready = home.place(self, slot, s, t);
        if !self.servers[s].alive {
            // Out of memory while creating it: the server and every session on it are gone.
            return (Outcome::Error, t);
        }
        self.logged_in(u, s, SessionCookie { slot, uid });
        (Outcome::Ok, ready)
    }

    fn logged_in(&mut self, u: UserId, s: ServerId, cookie: SessionCookie) {
        self.metrics.logins += 1;
        self.metrics.session_writes += 1;
        let user = &mut self.users[u];
        user.session = Some(cookie);
        user.fate = Fate::Alive;
        self.note(Event::LoggedIn {
            user: u,
            server: s,
            session: cookie.uid,
        });
    }

    fn authenticated(&mut self, home: &impl Home, u: UserId, s: ServerId) -> (Outcome, Micros) {
        let t = self.now;
        let user = &self.users[u];
        let (Some(SessionCookie { slot, uid }), kind, fate) = (user.session, user.kind, user.fate)
        else {
            // Only a user with a session cookie sends an authenticated request.
            return (Outcome::LostHit, t);
        };
        if let Some(known) = home.unreachable(self, s, u, t) {
            return (Outcome::Error, known);
        }
        let Some(session) = self.sessions.get(slot, uid) else {
            return match fate {
                Fate::Expired => (Outcome::ExpiredHit, t),
                // A session gone for any other reason was destroyed by a fault.
                Fate::Alive | Fate::Lost => (Outcome::LostHit, t),
            };
        };
        if session.last_access + self.sessions.timeout <= t {
            self.destroy(slot, Fate::Expired);
            return (Outcome::ExpiredHit, t);
        }
        let ready = match home.read(self, slot, s, kind) {
            Ok(ready) => ready,
            Err(answer) => return answer,
        };
        self.sessions.at_mut(slot).last_access = t;
        if kind.writes() {
            self.metrics.session_writes += 1;
            let done = home.write(self, slot, s, ready);
            return (Outcome::Ok, done);
        }
        if kind == RequestKind::Logout {
            self.metrics.logouts += 1;
            self.metrics.session_writes += 1;
            self.note(Event::LoggedOut {
                user: u,
                session: uid,
            });
            home.end(self, slot, s);
            self.destroy(slot, Fate::Alive);
            self.users[u].drop_session_cookie();
        }
        (Outcome::Ok, ready)
    }

    /// The answer leaves the server (or the balancer, when no server took it) at `t`.
    pub(super) fn answer(
        &mut self,
        u: UserId,
        t: Micros,
        outcome: Outcome,
        server: Option<ServerId>,
    ) {
        let lan = self.lan_hop();
        let client_hop = self.client_hop();
        let at_balancer = if server.is_some() { t + lan } else { t };
        let at_client = at_balancer + client_hop;
        let session = self.users[u].session_uid();
        match outcome {
            Outcome::Ok => self.metrics.ok += 1,
            Outcome::Mismatch => self.metrics.mismatches += 1,
            Outcome::LostHit => self.metrics.lost_session_hits += 1,
            Outcome::ExpiredHit => self.metrics.expired_hits += 1,
            Outcome::Error => self.metrics.errors += 1,
        }
        // A 401 always comes from a server, about the session in the user's cookie.
        match (outcome, server, session) {
            (Outcome::Ok, _, _) => {}
            (Outcome::Error, _, _) => self.note(Event::ServerError { user: u, server }),
            (Outcome::Mismatch, Some(server), Some(session)) => self.note(Event::Mismatch {
                user: u,
                server,
                session,
            }),
            (Outcome::LostHit, Some(server), Some(session)) => self.note(Event::LostSession {
                user: u,
                server,
                session,
            }),
            (Outcome::ExpiredHit, Some(server), Some(session)) => self.note(Event::ExpiredHit {
                user: u,
                server,
                session,
            }),
            (Outcome::Mismatch | Outcome::LostHit | Outcome::ExpiredHit, _, _) => {}
        }
        if outcome == Outcome::Mismatch {
            // The session lives on elsewhere, but its user is about to log in anew.
            self.metrics.orphaned_sessions += 1;
        }
        if matches!(
            outcome,
            Outcome::Mismatch | Outcome::LostHit | Outcome::ExpiredHit
        ) {
            // 401: back to the login page.
            self.metrics.relogins += 1;
            self.picture.note_relogin(u);
            self.users[u].drop_session_cookie();
        }
        // "No server" is folded as all ones.
        let where_ = server.map_or(u64::from(u32::MAX), |s| u64::from(s.0));
        self.hash
            .fold(outcome.code() << 32 ^ u64::from(u.0) ^ where_ << 40);
        let latency = at_client.saturating_sub(self.users[u].sent_at);
        self.latency.record(latency);
        self.window_latency.record(latency);

        if let Some(s) = server {
            let affinity = self.affinity();
            let pinned = self.users[u].affinity;
            if let Some(to) = sticky_cookie(affinity, pinned, s) {
                self.users[u].affinity = Some(to);
                if let Some(from) = pinned {
                    self.metrics.repins += 1;
                    self.note(Event::Repinned { user: u, from, to });
                }
            }
            self.tracer.send(
                response_kind(outcome),
                Endpoint::Server(s),
                Endpoint::Balancer,
                Some(u),
                t,
                at_balancer,
            );
        }
        self.tracer.send(
            response_kind(outcome),
            Endpoint::Balancer,
            Endpoint::User(u),
            Some(u),
            at_balancer,
            at_client,
        );

        // Think, then send the next request.
        let user = &mut self.users[u];
        user.phase = Phase::Thinking;
        let mean = f64::from(self.config.think_time_ms) * 1000.0 * user.think_scale;
        let think = self.rng.exp_micros(mean);
        let sent = at_client + think;
        self.queue
            .push(sent + client_hop, Ev::UserArrive { user: u });
        self.tracer.send(
            MessageKind::Request,
            Endpoint::User(u),
            Endpoint::Balancer,
            Some(u),
            sent,
            sent + client_hop,
        );
    }

    /// The affinity the current strategy asks the balancer for.
    fn affinity(&self) -> Option<StickyBy> {
        affinity(self.config.strategy, self.config.sticky_by)
    }

    pub(super) fn store_reachable(&self, s: ServerId) -> bool {
        self.store.primary_up && !self.servers[s].partitioned
    }

    /// Server `s` cannot reach the store at `t` for `user`'s request: returns when it knows. A store
    /// that is down refuses the connection (its host answers, its port is closed), one round trip,
    /// drawn; a server cut off from the store is answered by nothing, and gives up when its client's
    /// timeout runs out.
    pub(super) fn store_refused(&mut self, s: ServerId, user: UserId, t: Micros) -> Micros {
        if self.servers[s].partitioned {
            let gives_up = t + u64::from(self.config.timing.store_timeout_ms) * MS;
            let waits = &mut self.servers[s].store_waits;
            waits.retain(|&until| until > t);
            waits.push(gives_up);
            return gives_up;
        }
        let refused = t + self.store.rtt(&self.config.timing);
        self.trace_store_exchange(s, user, t, refused, MessageKind::StoreRefused);
        refused
    }

    /// `ops` store operations from server `s` at `t` on `user`'s session; returns when the server has
    /// the answers.
    pub(super) fn store_ops(
        &mut self,
        s: ServerId,
        user: UserId,
        t: Micros,
        ops: u32,
        write: bool,
    ) -> Micros {
        self.metrics.store_ops += u64::from(ops);
        let done = self.store.round_trip(t, ops, &self.config.timing);
        self.metrics.last_store_round_trip = done - t;
        if write && self.config.store_replica && self.store.replica_up {
            let lag = u64::from(self.config.timing.store_replica_lag_ms) * MS;
            self.store.note_write(t, lag);
            self.metrics.store_replication_messages += 1;
            self.tracer.send(
                MessageKind::Replication,
                Endpoint::Store,
                Endpoint::Replica,
                None,
                t,
                t + lag,
            );
        }
        self.trace_store_exchange(s, user, t, done, MessageKind::StoreResponse);
        done
    }

    /// Server `s` asks the store at `t` about `user`'s session and has the store's `reply` back at
    /// `back`, each way half the time.
    fn trace_store_exchange(
        &mut self,
        s: ServerId,
        user: UserId,
        t: Micros,
        back: Micros,
        reply: MessageKind,
    ) {
        let there = t + (back - t) / 2;
        let (server, user) = (Endpoint::Server(s), Some(user));
        let store = Endpoint::Store;
        self.tracer
            .send(MessageKind::StoreRequest, server, store, user, t, there);
        self.tracer.send(reply, store, server, user, there, back);
    }
}

fn response_kind(outcome: Outcome) -> MessageKind {
    match outcome {
        Outcome::Ok => MessageKind::ResponseOk,
        Outcome::Mismatch => MessageKind::ResponseMismatch,
        Outcome::LostHit | Outcome::ExpiredHit => MessageKind::ResponseLostSession,
        Outcome::Error => MessageKind::ResponseError,
    }
}
