//! Everything a person can do on the page. Changes to the world go through `Action::Command`
//! (a model `Command`); the rest is playback, sharing and presentation.

use super::words::Lang;
use crate::model::{Command, Strategy};

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Command(Command),
    /// Crash the server, or restart it if it is down.
    ToggleServer(u32),
    ToggleStore,
    ToggleReplica,
    /// What the time-series chart shows.
    SetChart(crate::model::SeriesMetric),
    /// Which server the partition and slow-down buttons act on.
    SelectFaultServer(u32),
    TogglePlay,
    Step,
    StepBack,
    SetSpeed(f64),
    SetSeed(u64),
    Reset,
    Share,
    EmbedCode,
    SetLang(Lang),
    ToggleTheme,
    TourGo(usize),
    TourReveal,
    /// Rewind to the question and play the step's key moment again.
    TourReplay,
    /// Leave the tour and keep exploring the current run.
    TourClose,
    ToggleHelp,
    CloseHelp,
    DismissMessage,
    ExportSvg,
    ExportCsv,
}

/// The keyboard shortcut for `key` (a `KeyboardEvent.key`), on the embedded and the full page alike.
/// `in_control`: focus is in a form control that needs those keys itself; only Escape works there.
pub fn shortcut(key: &str, in_control: bool) -> Option<Action> {
    if key == "Escape" {
        return Some(Action::CloseHelp);
    }
    if in_control {
        return None;
    }
    match key {
        " " | "Spacebar" => Some(Action::TogglePlay),
        "ArrowRight" => Some(Action::Step),
        "ArrowLeft" => Some(Action::StepBack),
        "?" => Some(Action::ToggleHelp),
        // In the order of the strategy picker.
        "1" | "2" | "3" | "4" | "5" => {
            let strategy = Strategy::ALL.get(key.parse::<usize>().ok()? - 1)?;
            Some(Action::Command(Command::SetStrategy(*strategy)))
        }
        _ => None,
    }
}
