//! The client population: names, shared addresses, activity levels, cookie jars and what each user is
//! doing right now.

use super::config::Micros;
use super::hash::mix64;
use super::observe::{ServerId, SessionId, UserId};
use super::sessions::Slot;

/// What a request asks for. Only the feed is idempotent (GET): nginx retries it on another server when
/// its server dies mid-request; the others are POSTs and fail with 502.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequestKind {
    Login,
    Feed,
    Like,
    Cart,
    Logout,
}

impl RequestKind {
    /// The request mix: a user without a session logs in; with one, 55 % feed (GET), 25 % like, 15 %
    /// cart, 5 % logout (POSTs). `roll` is uniform in [0, 1).
    pub fn pick(has_session: bool, roll: f64) -> RequestKind {
        if !has_session {
            RequestKind::Login
        } else if roll < 0.55 {
            RequestKind::Feed
        } else if roll < 0.80 {
            RequestKind::Like
        } else if roll < 0.95 {
            RequestKind::Cart
        } else {
            RequestKind::Logout
        }
    }
    pub fn is_idempotent(self) -> bool {
        self == RequestKind::Feed
    }
    /// Changes the session (and so is replicated / written to the store).
    pub fn writes(self) -> bool {
        matches!(self, RequestKind::Like | RequestKind::Cart)
    }
    pub fn name(self) -> &'static str {
        match self {
            RequestKind::Login => "login",
            RequestKind::Feed => "feed",
            RequestKind::Like => "like",
            RequestKind::Cart => "cart",
            RequestKind::Logout => "logout",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Not taking part (beyond the population size) and nothing scheduled.
    Idle,
    /// Reading the page; the next request is scheduled.
    Thinking,
    /// A request is between the balancer and a server.
    InFlight,
}

/// Why the session in a user's cookie no longer exists (when it does not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fate {
    Alive,
    Lost,
    Expired,
}

/// The session cookie: where the session sits in the session table, and its unique id (the cookie's
/// value; a slot reused by a later session has another id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionCookie {
    pub slot: Slot,
    pub uid: SessionId,
}

#[derive(Clone, Debug)]
pub struct User {
    pub ip: u32,
    pub heavy: bool,
    /// Multiplies the mean think time (heavy users think less).
    pub think_scale: f64,
    pub active: bool,
    pub phase: Phase,
    /// Cookie jar: the session cookie ...
    pub session: Option<SessionCookie>,
    /// (why the session in it no longer exists, when it does not) ...
    pub fate: Fate,
    /// ... and the balancer's affinity cookie (`server=N`).
    pub affinity: Option<ServerId>,
    /// The request under way, and the server it was last sent to.
    pub kind: RequestKind,
    pub server: Option<ServerId>,
    pub server_epoch: u32,
    /// When the request left the client.
    pub sent_at: Micros,
    /// Servers that refused or lost this request (not tried again for it).
    pub tried: u64,
    pub requests: u64,
}

impl User {
    /// The session id in the cookie jar, if any.
    pub fn session_uid(&self) -> Option<SessionId> {
        self.session.map(|cookie| cookie.uid)
    }
    pub fn drop_session_cookie(&mut self) {
        self.session = None;
        self.fate = Fate::Alive;
    }
}

/// "userA" .. "userZ", "userAA", "userAB", ...
pub fn user_name(id: UserId) -> String {
    format!("user{}", letters(id.0))
}

/// "A" .. "Z", "AA", "AB", ... (bijective base 26): the names of users and servers.
pub fn letters(id: u32) -> String {
    let mut n = u64::from(id) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Every client address sits in its own /24 (so nginx `ip_hash`, which looks at the first three octets,
/// tells them apart), drawn from the seed; users sharing an address are consecutive.
pub fn client_ip(seed: u64, user: UserId, users_per_ip: u32) -> u32 {
    let group = user.0 / users_per_ip.max(1);
    let h = mix64(seed ^ 0x1b87_3593 ^ u64::from(group).wrapping_mul(0x9e37_79b9));
    let third_and_second = (h & 0xffff) as u32;
    let first = 10u32;
    (first << 24) | (third_and_second << 8) | (1 + (group % 250))
}

/// One user in ten is heavy. With skew 0 everyone is equally active; with skew 1 a heavy user is twenty
/// times as active as a light one. The mean activity over the population stays 1, so `think_time_ms`
/// remains the population's mean pause.
pub fn is_heavy(user: UserId) -> bool {
    user.0.is_multiple_of(10)
}

pub fn think_scale(user: UserId, skew: f64) -> f64 {
    let skew = if skew.is_finite() {
        skew.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let ratio = 1.0 + 19.0 * skew;
    let light = 1.0 / (0.9 + 0.1 * ratio);
    let activity = if is_heavy(user) { ratio * light } else { light };
    1.0 / activity
}

pub fn new_user(seed: u64, id: UserId, users_per_ip: u32, skew: f64) -> User {
    User {
        ip: client_ip(seed, id, users_per_ip),
        heavy: is_heavy(id),
        think_scale: think_scale(id, skew),
        active: false,
        phase: Phase::Idle,
        session: None,
        fate: Fate::Alive,
        affinity: None,
        kind: RequestKind::Login,
        server: None,
        server_epoch: 0,
        sent_at: 0,
        tried: 0,
        requests: 0,
    }
}
