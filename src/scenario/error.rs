//! The one error type of scenario files: which key was wrong and why, printable on one line.

use std::fmt;

/// A rejected scenario. `key` is a path into the document (`servers`, `timeline[2].server`), empty only
/// when the text is not JSON at all (then `message` says where it broke).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    pub key: String,
    pub message: String,
}

impl ScenarioError {
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError {
            key: key.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.key, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

/// Longest piece of user text repeated in a message: enough to recognise it, too short to flood a page.
const QUOTE_CHARS: usize = 32;

/// `text` in double quotes, cut to a recognisable length, with control and invisible characters escaped
/// so that a message always stays on one line and shows what was really there.
pub fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = text.chars();
    for c in chars.by_ref().take(QUOTE_CHARS) {
        out.extend(c.escape_debug());
    }
    out.push('"');
    if chars.next().is_some() {
        out.push('…');
    }
    out
}
