//! Everything a person can do on the page. Changes to the world go through `Action::Command`
//! (a model `Command`); the rest is playback, sharing and presentation.

use super::words::Lang;
use crate::model::{Balancer, Command, Micros, ServerId, Strategy};
use crate::scenario::preset::Preset;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Command(Command),
    /// Crash the server, or restart it if it is down.
    ToggleServer(ServerId),
    ToggleStore,
    ToggleReplica,
    /// What the time-series chart shows.
    SetChart(crate::model::SeriesMetric),
    /// Which server the partition and slow-down buttons act on.
    SelectFaultServer(ServerId),
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
    // Time, presets and the compare view.
    /// Start a preset's run (`None`: back to the lab's default world).
    SetPreset(Option<Preset>),
    /// Users behind each address: a property of the workload, so the run so far is replayed with it.
    SetUsersPerIp(u32),
    /// The balancer, and for sticky sessions what pins a user: IP hash pins by address, every other
    /// choice by the session cookie (one idea, one control).
    SetAffinity(Balancer),
    /// Play until the next incident or rejection, then pause.
    NextEvent,
    /// Go to a model time on the timeline, keeping the commands applied after it.
    Seek(Micros),
    /// The picture's next font scale (100, 125, 150, 200 %).
    FontScale,
    /// The picture was resized: fit its text again.
    Refit,
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
        "n" | "N" => Some(Action::NextEvent),
        "f" | "F" => Some(Action::FontScale),
        // In the order of the strategy picker.
        "1" | "2" | "3" | "4" | "5" => {
            let strategy = Strategy::ALL.get(key.parse::<usize>().ok()? - 1)?;
            Some(Action::Command(Command::SetStrategy(*strategy)))
        }
        _ => None,
    }
}
