//! A store that answers nothing: Redis frozen (SIGSTOP) takes connections but never replies, as when a
//! partition cuts the servers off from it. Every request waits for the servers' store timeout and
//! then fails with a 5xx, where a killed Redis (a refused connection) fails them at once.
//!
//! The model's side of the freeze is every server cut off from the store (`PartitionServer`): from a
//! server's side the two look the same, nothing comes back.

use super::{median, setup, share};
use crate::model::{
    Balancer, Command, Endpoint, Message, MessageKind, Micros, Simulation, Strategy, MS, SECOND,
};
use crate::realcheck::crowd::{self, Addresses, Plan};
use crate::realcheck::procs::{Fleet, Tools};
use crate::realcheck::table::Row;
use std::time::Duration;

/// Redis freezes at `FREEZE_S` and goes on at `THAW_S`; the run ends at `END_S`.
const FREEZE_S: f64 = 1.0;
const THAW_S: f64 = 3.0;
const END_S: f64 = 3.5;
/// The servers' store timeout: short, so that many requests time out while Redis is frozen.
const TIMEOUT_MS: u32 = 500;
/// Requests sent this close to the freeze, or to the last moment whose timeout runs out before the
/// thaw, are left out on both sides.
const MARGIN_S: f64 = 0.05;

/// The requests compared: sent while Redis is frozen, early enough to time out before it thaws.
fn compared(at: f64) -> bool {
    let timeout = f64::from(TIMEOUT_MS) / 1_000.0;
    (FREEZE_S + MARGIN_S..THAW_S - timeout - MARGIN_S).contains(&at)
}

/// Redis frozen for two seconds under the store strategy: the share of requests answered 5xx, and
/// how long each waited for it.
pub fn redis_frozen(tools: &Tools, seed: u64) -> Result<Vec<Row>, String> {
    // 20 users: a real server holds one of its 32 worker threads while it waits for Redis, so more
    // users than workers would queue on the real side (the model keeps no worker busy while a server
    // waits for the store).
    const USERS: u32 = 20;
    const THINK_MS: u32 = 150;
    let mut config = setup(
        Strategy::Store,
        Balancer::RoundRobin,
        3,
        USERS,
        THINK_MS,
        seed,
    );
    config.timing.store_timeout_ms = TIMEOUT_MS;
    let fleet = Fleet::start(tools, &format!("redis-frozen-seed{seed}"), &config)?;
    let plan = Plan::for_config(&config, Duration::from_secs_f64(END_S), Addresses::One);
    let mut frozen: Result<(), String> = Err("the freeze never happened".into());
    let mut thawed: Result<(), String> = Err("the thaw never happened".into());
    let records = crowd::run(
        &fleet.base_url(),
        &plan,
        vec![
            (
                Duration::from_secs_f64(FREEZE_S),
                Box::new(|| frozen = fleet.freeze_redis()),
            ),
            (
                Duration::from_secs_f64(THAW_S),
                Box::new(|| thawed = fleet.thaw_redis()),
            ),
        ],
    );
    drop(fleet);
    frozen?;
    thawed?;
    let waiting: Vec<_> = records
        .iter()
        .filter(|r| compared(r.at.as_secs_f64()))
        .collect();
    if waiting.len() < 20 {
        return Err(format!(
            "only {} requests were sent while Redis was frozen",
            waiting.len()
        ));
    }
    let failed = waiting
        .iter()
        .filter(|r| r.answer.is_server_error())
        .count();
    let real_wait = median(waiting.iter().map(|r| r.took.as_secs_f64()).collect());

    let mut model = Simulation::traced(config.clone());
    let answers = model_answers(&mut model);
    let model_waiting: Vec<_> = answers
        .iter()
        .filter(|(sent, ..)| compared(*sent as f64 / SECOND as f64))
        .collect();
    let model_failed = model_waiting.iter().filter(|(.., error)| *error).count();
    let model_wait = median(
        model_waiting
            .iter()
            .map(|(sent, answered, _)| (answered - sent) as f64 / SECOND as f64)
            .collect(),
    );
    Ok(vec![
        Row::new(
            "Redis not answering (SIGSTOP): share of requests answered 5xx",
            share(failed, waiting.len()),
            share(model_failed, model_waiting.len()),
            0.02,
            3,
        ),
        // The timeout, give or take the real server's own overhead: 5-40 ms more in five runs
        // (thread wake-ups, a new connection after each timeout). Failing at once would read 0.00,
        // waiting for the thaw up to 2.
        Row::new(
            "Redis not answering: seconds a request waits for its 5xx (median)",
            real_wait,
            model_wait,
            0.1,
            2,
        ),
    ])
}

/// Every request a user sent in the model's run, with the freeze as a partition of every server: when
/// it was sent, when its answer reached the user, and whether that answer was a 5xx.
fn model_answers(sim: &mut Simulation) -> Vec<(Micros, Micros, bool)> {
    let at = |s: f64| (s * SECOND as f64) as Micros;
    let servers = sim.config().servers;
    let mut sent: Vec<Message> = Vec::new();
    let mut seen = 0;
    let mut collect_until = |sim: &mut Simulation, until: Micros| {
        while sim.now() < until && sim.step() {
            let before = seen;
            for m in sim.messages().iter().filter(|m| m.id > before) {
                seen = seen.max(m.id);
                sent.push(m.clone());
            }
        }
    };
    for (until, partitioned) in [(FREEZE_S, true), (THAW_S, false)] {
        collect_until(sim, at(until));
        for server in 0..servers {
            sim.apply(Command::PartitionServer {
                server: crate::model::ServerId(server),
                partitioned,
            });
        }
    }
    collect_until(sim, at(END_S) + u64::from(TIMEOUT_MS) * MS);
    let is_answer = |kind: MessageKind| {
        matches!(
            kind,
            MessageKind::ResponseOk
                | MessageKind::ResponseMismatch
                | MessageKind::ResponseLostSession
                | MessageKind::ResponseError
        )
    };
    sent.iter()
        .filter(|m| m.kind == MessageKind::Request && matches!(m.from, Endpoint::User(_)))
        .filter_map(|request| {
            let answer = sent.iter().find(|m| {
                is_answer(m.kind) && m.to == request.from && m.sent_at >= request.sent_at
            })?;
            Some((
                request.sent_at,
                answer.arrives_at,
                answer.kind == MessageKind::ResponseError,
            ))
        })
        .collect()
}
