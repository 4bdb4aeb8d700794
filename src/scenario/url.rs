//! PLACEHOLDER: the page URL <-> page state codec. The scenario work fills in `parse_query` and
//! `to_query` (same names and values as scenario keys, CONTRACT.md "URL of the page").

use crate::model::{Command, Config, Micros};

/// Which page is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PageView {
    #[default]
    Lab,
    Compare,
}

/// Everything the URL can say about the page.
#[derive(Clone, Debug, PartialEq)]
pub struct PageState {
    pub config: Config,
    /// Playback factor: model seconds per wall second.
    pub speed: f64,
    /// Simulated time to fast-forward before the first frame.
    pub fast_forward: Micros,
    pub paused: bool,
    pub embed: bool,
    /// `None`: take the browser's language.
    pub lang: Option<String>,
    /// Tour step counting from 1, as in the URL.
    pub tour: Option<u32>,
    pub view: PageView,
    /// Commands applied so far, with the model time they were applied at (share links replay these).
    pub commands: Vec<(Micros, Command)>,
    /// Model time the sender was at (share links).
    pub time: Option<Micros>,
}

impl Default for PageState {
    fn default() -> Self {
        PageState {
            config: Config::default(),
            speed: 0.1,
            fast_forward: 0,
            paused: false,
            embed: false,
            lang: None,
            tour: None,
            view: PageView::Lab,
            commands: Vec::new(),
            time: None,
        }
    }
}

/// One rejected parameter: its name and a message a person can act on.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamError {
    pub param: String,
    pub message: String,
}

/// Parse a query string (with or without the leading `?`). Bad parameters fall back to defaults and are
/// reported; the good ones are kept. Never panics.
pub fn parse_query(_query: &str) -> (PageState, Vec<ParamError>) {
    (PageState::default(), Vec::new())
}

/// The query string (without `?`) that reproduces `state`; only values that differ from defaults.
pub fn to_query(_state: &PageState) -> String {
    String::new()
}
