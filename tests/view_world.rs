//! The picture's projection of the model (`view::world`): what a server box counts, drawn or not.

mod common;

use common::{config, run, tour_step};
use sessionscope::model::{Event, ServerId, SessionId, Strategy};
use sessionscope::view::world::world;
use std::collections::HashSet;

#[test]
fn a_box_counts_every_orphaned_session_not_only_those_it_draws() {
    // Round robin with nothing shared: most clicks land where their session is not, and each 401
    // leaves the session behind, orphaned, while its user logs in anew elsewhere.
    let sim = run(config(Strategy::None, 2, 300), 60);
    let held: HashSet<SessionId> = sim.users().filter_map(|u| u.session).collect();
    let picture = world(&sim);
    let mut undrawn = false;
    for (server, listed) in picture.servers.iter().zip(sim.sessions_by_server()) {
        let orphaned = listed.iter().filter(|e| !held.contains(&e.session)).count() as u64;
        assert_eq!(server.orphaned, orphaned, "server {:?}", server.id);
        assert!(server.orphaned <= server.sessions_full);
        // The chips drawn are the first of the list; the count covers those that are not.
        assert!(server.orphans.len() as u64 <= server.orphaned);
        undrawn |= (server.orphans.len() as u64) < server.orphaned;
    }
    assert!(
        undrawn,
        "more orphaned sessions than chips: (chips, orphans drawn, orphaned): {:?}",
        picture
            .servers
            .iter()
            .map(|s| (s.sessions.len(), s.orphans.len(), s.orphaned))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_crashed_box_counts_every_session_it_lost_not_only_the_ghosts_it_draws() {
    // Step 3: the only server runs out of memory holding about 200 sessions, more than a box keeps as
    // crossed-out ghosts; its bottom line draws the rest as a count, which must be the crash's.
    let step = tour_step("one-server-ceiling");
    let moment = step.moment().expect("step 3's moment");
    let mut sim = step.scenario.simulation();
    sim.advance_to(moment.outcome.at);
    let lost = sim
        .incidents()
        .iter()
        .rev()
        .find_map(|e| match e.event {
            Event::ServerCrashed {
                server: ServerId(0),
                sessions_lost,
                ..
            } => Some(u64::from(sessions_lost)),
            _ => None,
        })
        .expect("the crash, before its moment's outcome");
    let server_a = &world(&sim).servers[0];
    assert_eq!(server_a.ghosts_lost, lost);
    assert!(
        (server_a.ghosts.len() as u64) < lost,
        "{} ghosts kept of {lost}",
        server_a.ghosts.len()
    );
}
