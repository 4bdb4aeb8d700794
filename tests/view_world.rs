//! The picture's projection of the model (`view::world`): what a server box counts.

mod common;

use common::{config, run};
use sessionscope::model::{SessionId, Strategy};
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
