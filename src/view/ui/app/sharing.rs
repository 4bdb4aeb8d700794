//! Share links, embed code, the compare view's link, and keeping the address bar in step with the page.

use crate::model::{Micros, SeriesMetric};
use crate::scenario::preset::Preset;
use crate::scenario::url::{to_query, PageState, PageView};
use crate::view::history::History;
use crate::view::ui::dom;
use crate::view::words::Lang;

/// What a share link carries beyond the run's history.
pub struct Shared {
    pub speed: f64,
    pub paused: bool,
    pub lang: Lang,
    /// The tour step shown, counting from 1.
    pub tour: Option<u32>,
    pub chart: SeriesMetric,
    pub time: Micros,
    pub preset: Option<Preset>,
}

/// The query string that reopens the page exactly as it is: configuration, every command applied so
/// far with its model time, and the model time itself.
pub fn share_query(history: &History, shared: &Shared, embed: bool) -> String {
    to_query(&PageState {
        config: history.base.config.clone(),
        speed: shared.speed,
        fast_forward: 0,
        paused: shared.paused,
        embed,
        lang: Some(shared.lang.code().to_string()),
        tour: shared.tour,
        view: PageView::Lab,
        chart: shared.chart,
        commands: history.applied.clone(),
        time: Some(shared.time),
        selftest: false,
        preset: shared.preset,
    })
}

/// The compare view of this page's workload (same configuration and commands, every strategy).
pub fn compare_query(history: &History, lang: Lang, preset: Option<Preset>) -> String {
    to_query(&PageState {
        preset,
        config: history.base.config.clone(),
        lang: Some(lang.code().to_string()),
        view: PageView::Compare,
        commands: history.applied.clone(),
        ..PageState::default()
    })
}

/// A ready `<iframe>` for slides.
pub fn embed_code(url: &str) -> String {
    format!(
        "<iframe src=\"{}\" width=\"960\" height=\"540\" title=\"SessionScope\" loading=\"lazy\" allowfullscreen></iframe>",
        url.replace('&', "&amp;").replace('"', "&quot;")
    )
}

/// Keep one parameter of the address bar in sync without touching the others.
pub fn sync_url_param(name: &str, value: &str) {
    if let Ok(params) = web_sys::UrlSearchParams::new_with_str(&dom::query_string()) {
        params.set(name, value);
        dom::replace_query(&String::from(params.to_string()));
    }
}

pub fn remove_url_param(name: &str) {
    if let Ok(params) = web_sys::UrlSearchParams::new_with_str(&dom::query_string()) {
        params.delete(name);
        dom::replace_query(&String::from(params.to_string()));
    }
}
