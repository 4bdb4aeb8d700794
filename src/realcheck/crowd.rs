//! Real users for a while: each on its own thread with its own cookie jar and address, thinking an
//! exponential time (seeded) between requests, with the model's request mix; the timeline's actions run
//! on the calling thread at their moments. Bounded: by a duration and by a count per user.

use super::client::{Answer, User};
use crate::model::users::client_ip;
use crate::model::{Config, RequestKind, UserId};
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;
use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Who sends what, for how long.
#[derive(Clone, Debug)]
pub struct Plan {
    pub users: u32,
    /// Mean pause between one user's requests (exponential), as the model's `think_time_ms`.
    pub think: Duration,
    pub duration: Duration,
    /// At most this many requests per user.
    pub max_requests: u32,
    pub seed: u64,
    /// Where the users send from.
    pub addresses: Addresses,
}

impl Plan {
    /// The users of `config` (as many, thinking as long, drawn from its seed) for `duration`, sending
    /// from `addresses`, at most 10 000 requests each: the real side of a run of the model on `config`.
    pub fn for_config(config: &Config, duration: Duration, addresses: Addresses) -> Plan {
        Plan {
            users: config.users,
            think: Duration::from_millis(u64::from(config.think_time_ms)),
            duration,
            max_requests: 10_000,
            seed: config.seed,
            addresses,
        }
    }
}

/// Where the users send from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addresses {
    /// Everyone from 127.0.0.1: one office behind one NAT address.
    One,
    /// User `i` from 127.X.Y.1, where X.Y are the second and third octets of the model's user `i`
    /// (10.X.Y.Z, drawn from the seed): the same /24s as the model's users.
    LikeTheModel,
}

impl Addresses {
    pub fn of(self, user: u32, seed: u64) -> Ipv4Addr {
        match self {
            Addresses::One => Ipv4Addr::LOCALHOST,
            Addresses::LikeTheModel => {
                let [_, x, y, _] = client_ip(seed, UserId(user), 1).to_be_bytes();
                Ipv4Addr::new(127, x, y, 1)
            }
        }
    }
}

/// One request and its answer.
#[derive(Clone, Copy, Debug)]
pub struct Record {
    /// When it was sent, from the start of the crowd.
    pub at: Duration,
    pub user: u32,
    pub kind: RequestKind,
    pub answer: Answer,
    /// From sending it to its answer (or to giving up on one).
    pub took: Duration,
}

impl Record {
    /// It carried a session cookie (everything but a login).
    pub fn authenticated(&self) -> bool {
        self.kind != RequestKind::Login
    }
}

/// A timeline action: at `at` from the start, run `action` (crash a server, kill Redis, ...).
pub type Action<'a> = (Duration, Box<dyn FnOnce() + 'a>);

/// A uniform number in [0, 1) from the generator.
fn unit(rng: &mut Pcg64Mcg) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// Method and path of a request.
pub fn request_line(kind: RequestKind) -> (bool, &'static str) {
    match kind {
        RequestKind::Login => (true, "/login"),
        RequestKind::Feed => (false, "/feed"),
        RequestKind::Like => (true, "/like"),
        RequestKind::Cart => (true, "/cart"),
        RequestKind::Logout => (true, "/logout"),
    }
}

/// One user's requests until the plan's end (or `stop`).
fn one_user(base: &str, plan: &Plan, id: u32, start: Instant, stop: &AtomicBool) -> Vec<Record> {
    let user = User::new(base, plan.addresses.of(id, plan.seed));
    let mut rng =
        Pcg64Mcg::seed_from_u64(plan.seed ^ u64::from(id).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let think = plan.think.as_secs_f64();
    // Users arrive one after another over one think time, as the model's do.
    let mut next = start
        + plan
            .think
            .mul_f64(f64::from(id) / f64::from(plan.users.max(1)));
    let end = start + plan.duration;
    let mut has_session = false;
    let mut records = Vec::new();
    for _ in 0..plan.max_requests {
        if next >= end || stop.load(Ordering::Relaxed) {
            break;
        }
        // The pause before the next request is the timeline of this user, not a wait for a condition.
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
        let kind = RequestKind::pick(has_session, unit(&mut rng));
        let (post, path) = request_line(kind);
        let at = start.elapsed();
        let answer = user.send(post, path);
        records.push(Record {
            at,
            user: id,
            kind,
            answer,
            took: start.elapsed().saturating_sub(at),
        });
        match (kind, answer.status) {
            (RequestKind::Login, 200) => has_session = true,
            (RequestKind::Logout, 200) | (_, 401) => {
                // Logged out, or back to the login page.
                user.forget_session();
                has_session = false;
            }
            _ => {}
        }
        let pause = -think * (1.0 - unit(&mut rng)).ln();
        next = Instant::now() + Duration::from_secs_f64(pause);
    }
    records
}

/// Run the plan's users against `base` while applying `timeline`; every record, by time sent.
pub fn run(base: &str, plan: &Plan, timeline: Vec<Action<'_>>) -> Vec<Record> {
    let start = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let mut records = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..plan.users)
            .map(|id| {
                let stop = Arc::clone(&stop);
                scope.spawn(move || one_user(base, plan, id, start, &stop))
            })
            .collect();
        let mut timeline = timeline;
        timeline.sort_by_key(|(at, _)| *at);
        for (at, action) in timeline {
            std::thread::sleep((start + at).saturating_duration_since(Instant::now()));
            action();
        }
        let mut all = Vec::new();
        for handle in handles {
            match handle.join() {
                Ok(records) => all.extend(records),
                Err(_) => stop.store(true, Ordering::Relaxed),
            }
        }
        all
    });
    records.sort_by_key(|r| (r.at, r.user));
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_loopback_in_the_model_users_slash24s() {
        let mut seen = std::collections::HashSet::new();
        for user in 0..100 {
            let a = Addresses::LikeTheModel.of(user, 7);
            assert!(a.is_loopback());
            let model = client_ip(7, UserId(user), 1).to_be_bytes();
            assert_eq!(a.octets()[1..3], model[1..3]);
            seen.insert((a.octets()[1], a.octets()[2]));
            assert_eq!(Addresses::One.of(user, 7), Ipv4Addr::LOCALHOST);
        }
        assert!(
            seen.len() > 90,
            "the /24s should be nearly all distinct: {}",
            seen.len()
        );
    }

    #[test]
    fn the_mix_is_the_models() {
        assert_eq!(RequestKind::pick(false, 0.1), RequestKind::Login);
        assert_eq!(RequestKind::pick(true, 0.1), RequestKind::Feed);
        assert_eq!(RequestKind::pick(true, 0.6), RequestKind::Like);
        assert_eq!(RequestKind::pick(true, 0.9), RequestKind::Cart);
        assert_eq!(RequestKind::pick(true, 0.99), RequestKind::Logout);
        for kind in [RequestKind::Feed, RequestKind::Like, RequestKind::Login] {
            // Only the feed is a GET: the one request nginx may retry elsewhere.
            assert_eq!(!request_line(kind).0, kind.is_idempotent());
        }
    }
}
