//! Everything a person can do on the page. Changes to the world go through `Action::Command`
//! (a model `Command`); the rest is playback, sharing and presentation.

use super::i18n::Lang;
use crate::model::Command;

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
    /// Leave the tour and keep exploring the current run.
    TourClose,
    ToggleHelp,
    CloseHelp,
    DismissMessage,
    ExportSvg,
    ExportCsv,
}
