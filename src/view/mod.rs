//! The front end, in two layers.
//!
//! Everything directly in `src/view/` is plain Rust that compiles on every target and is unit-tested
//! natively (`tests/view_*.rs`): it turns the model's state into values ready to draw, and never
//! simulates anything itself.
//! - `world`: the one place that reads the model for drawing (server boxes, store, cookies, log);
//!   `scene` keeps what the page currently draws from it.
//! - `layout`: where every box, user and wire sits in the picture.
//! - `traffic`: the messages in flight of one frame, placed by model time.
//! - `words`: every word the page shows, one table per language (`words/en.rs`, `words/ko.rs`, and the
//!   event log's sentences in `words/en_log.rs`, `words/ko_log.rs`, filled in by `words/log.rs`);
//!   `wording`: which events are announced.
//! - `history`: rewind and share by replaying the commands a person applied; `timeline`: the
//!   scrubber's markers, seeking, running to the next event and stepping one hop at a time.
//! - `director`: how "Show me" plays a tour step's key moment; `callout_place`: where its callout goes
//!   on the picture.
//! - `clock`: model time per animation frame; `tour`: where the page is in the guided tour;
//!   `announce`: what the screen-reader live region says.
//! - `actions`: everything a person can do on the page (and the keyboard shortcuts); `names`,
//!   `svgnum`, `text_lines`: small text helpers.
//!
//! `ui/` (wasm32 only) is the thin Yew layer that draws those values and turns clicks and keys into
//! `Action`s: `ui/app/` is the page component, the other files are the components of its parts.
//!
//! Where to look: a 401 mismatch is drawn as a `Look::Mismatch` arrow (`traffic.rs`, drawn by
//! `ui/traffic.rs`) and told in the log (`words/*_log.rs`); a server's box is `ui/topology/server.rs`.

pub mod actions;
pub mod announce;
pub mod callout_place;
pub mod clock;
pub mod director;
pub mod history;
pub mod layout;
pub mod names;
pub mod scene;
pub mod svgnum;
pub mod text_lines;
pub mod timeline;
pub mod tour;
pub mod traffic;
pub mod wording;
pub mod words;
pub mod world;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Draws the page into the document's body.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    ui::start();
}
