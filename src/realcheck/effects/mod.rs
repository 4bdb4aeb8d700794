//! The effects checked (real nginx and Redis behaviour the model claims to reproduce), each run on the real setup and through
//! the model with the same parameters, giving one or more table rows.
//!
//! The model is configured like the real setup: the same servers, users, think time, balancer and
//! strategy, no skew, and the loopback's timing (no network delay, about a millisecond of work per
//! request) instead of the lab's defaults, which stand for a real network.
//!
//! Tolerances come from the sampling noise of the real measurement (a few seconds of real traffic);
//! the model side runs long enough (or over enough keys) that its own noise is small beside it.

mod balance;
mod faults;
mod store_silent;

use super::procs::Tools;
use super::table::Row;
use crate::model::{Balancer, Config, Strategy, Timing};

/// One effect: a name for errors, and the run that measures it with a seed.
pub struct Effect {
    pub name: &'static str,
    pub run: fn(&Tools, u64) -> Result<Vec<Row>, String>,
    /// How many rows it gives (for a broken run's placeholders).
    pub rows: usize,
}

/// Every effect, in the order of the table.
pub fn all() -> Vec<Effect> {
    vec![
        Effect {
            name: "round robin, sessions in each server",
            run: balance::round_robin,
            rows: 4,
        },
        Effect {
            name: "ip_hash, every user behind one address",
            run: balance::ip_hash_one_address,
            rows: 1,
        },
        Effect {
            name: "ip_hash, users on distinct /24s",
            run: balance::ip_hash_distinct,
            rows: 2,
        },
        Effect {
            name: "hash $cookie_SESSION, 4 -> 5 servers",
            run: balance::cookie_hash_plain,
            rows: 1,
        },
        Effect {
            name: "hash $cookie_SESSION consistent, 4 -> 5 servers",
            run: balance::cookie_hash_consistent,
            rows: 1,
        },
        Effect {
            name: "sticky route cookie, crash 1 of 4",
            run: faults::sticky_crash,
            rows: 3,
        },
        Effect {
            name: "dead upstream: fail_timeout",
            run: faults::fail_timeout,
            rows: 3,
        },
        Effect {
            name: "request in flight to a dying server",
            run: faults::in_flight,
            rows: 2,
        },
        Effect {
            name: "Redis killed and restarted empty",
            run: faults::redis_restart,
            rows: 3,
        },
        Effect {
            name: "Redis frozen (answers nothing)",
            run: store_silent::redis_frozen,
            rows: 2,
        },
    ]
}

/// Run every effect with `seed`; an effect that cannot run gives failed rows saying why.
/// `only`: just the effects whose name contains it.
pub fn run_all(
    tools: &Tools,
    seed: u64,
    only: Option<&str>,
    log: &mut dyn FnMut(&str),
) -> Vec<Row> {
    let mut rows = Vec::new();
    for effect in all()
        .into_iter()
        .filter(|e| only.is_none_or(|o| e.name.contains(o)))
    {
        log(&format!("{} (seed {seed})", effect.name));
        match (effect.run)(tools, seed) {
            Ok(found) => rows.extend(found),
            Err(why) => {
                log(&format!("  failed: {why}"));
                rows.extend((0..effect.rows).map(|_| Row::broken(effect.name, &why)));
            }
        }
    }
    rows
}

/// The loopback's timing: no network hop worth a millisecond, about a millisecond of work per request,
/// no active health checks (open-source nginx has none: only `max_fails`/`fail_timeout`), and no
/// supervisor (the check does not restart a server it killed).
pub fn loopback_timing(fail_timeout_ms: u32) -> Timing {
    Timing {
        client_hop_ms: 0,
        lan_hop_ms: 0,
        service_ms: 1,
        fail_timeout_ms,
        health_check_failures: u32::MAX,
        server_restart_ms: None,
        ..Timing::DEFAULT
    }
}

/// The configuration of a check: the real setup's parameters, for the model and for nginx.conf.
pub fn setup(
    strategy: Strategy,
    balancer: Balancer,
    servers: u32,
    users: u32,
    think_ms: u32,
    seed: u64,
) -> Config {
    Config {
        seed,
        strategy,
        balancer,
        servers,
        users,
        users_per_ip: 1,
        think_time_ms: think_ms,
        skew: 0.0,
        timing: loopback_timing(Timing::DEFAULT.fail_timeout_ms),
        ..Config::DEFAULT
    }
}

/// `part / whole`, 0 when there is nothing to divide.
pub fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The middle value (the upper of the two middle ones for an even count); 0 for none.
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_unstable_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

/// max/mean of per-server counts.
pub fn imbalance(counts: &[u64]) -> f64 {
    let total: u64 = counts.iter().sum();
    if total == 0 || counts.is_empty() {
        return 1.0;
    }
    let max = counts.iter().copied().max().unwrap_or(0);
    max as f64 * counts.len() as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imbalance_is_max_over_mean() {
        assert_eq!(imbalance(&[10, 0, 0, 0]), 4.0);
        assert_eq!(imbalance(&[5, 5, 5, 5]), 1.0);
        assert_eq!(imbalance(&[]), 1.0);
    }
}
