//! The interface's two languages, one table of words per language (`en.rs`, `ko.rs`). Every visible
//! word goes through here: fixed words are fields of `Strings` (a missing one is a compile error), and
//! words that depend on an enum (strategies, balancers, metrics, tour steps, ...) or a number are
//! `Words` methods, each an exhaustive `match` (a new variant without its words is a compile error too).
//! The event log's sentences are templates in `en_log.rs` and `ko_log.rs`, filled in by `log.rs`, which
//! reads each event and command once for every language; the director's callouts likewise, templates in
//! each language's table filled in by `callout.rs`.

pub mod callout;
mod en;
mod en_log;
mod ko;
mod ko_log;
pub mod log;

use crate::model::{
    Balancer, Persistence, Replication, SeriesMetric, StickyBy, StoreKind, Strategy,
};
use crate::scenario::preset::Preset;
use crate::scenario::tour::Topic;
use crate::scenario::Metric;
use crate::view::timeline::MarkerKind;

/// The language of the interface, of the log and of the comments in generated files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// `en` or `ko`, as the page's `lang` parameter and the runner's `--lang` spell it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            _ => None,
        }
    }
    /// The language of a browser locale such as `ko-KR` or `en-US`: Korean for `ko*`, else English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
    /// This language's table of words.
    pub fn words(self) -> &'static dyn Words {
        match self {
            Lang::En => &en::English,
            Lang::Ko => &ko::Korean,
        }
    }
    /// This language's fixed words.
    pub fn strings(self) -> &'static Strings {
        self.words().strings()
    }
}

/// Every fixed string of the lab page. Names of users and servers, numbers and the brand stay as they are.
pub struct Strings {
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub language: &'static str,
    pub language_name: &'static str,
    pub theme: &'static str,
    pub theme_to_dark: &'static str,
    pub theme_to_light: &'static str,

    pub controls: &'static str,
    pub strategy: &'static str,
    pub sticky_by: &'static str,
    pub balancer: &'static str,
    pub replication: &'static str,
    pub replication_lag: &'static str,
    pub store_replica_lag: &'static str,
    pub store_kind: &'static str,
    pub persistence: &'static str,
    pub store_replica: &'static str,
    pub servers: &'static str,
    pub add_server: &'static str,
    pub remove_server: &'static str,
    pub users: &'static str,
    pub skew: &'static str,
    pub apply: &'static str,
    pub traffic: &'static str,
    pub traffic_button: &'static str,
    pub fault_server: &'static str,
    pub partition: &'static str,
    pub slow_down: &'static str,
    /// Words drawn in a server's box: cut off from its peers and the store; slowed down.
    pub badge_partitioned: &'static str,
    pub badge_slow: &'static str,
    pub crash_store: &'static str,
    pub restart_store: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub step: &'static str,
    pub step_back: &'static str,
    pub speed: &'static str,
    pub seed: &'static str,
    pub reset: &'static str,
    pub share: &'static str,
    pub embed_code: &'static str,
    pub share_link: &'static str,
    pub copied: &'static str,
    pub export_svg: &'static str,
    pub export_csv: &'static str,
    pub open_compare: &'static str,
    /// The `config` panel: the real configuration files of the current setup.
    pub config_title: &'static str,
    pub config_hint: &'static str,
    pub config_format: &'static str,
    pub config_copy: &'static str,
    pub playback: &'static str,
    pub faults: &'static str,

    pub metrics: &'static str,
    pub sim_time: &'static str,
    pub metric_memory: &'static str,
    pub metric_latency: &'static str,
    /// The time-series chart: its picker's label and the words of its accessible name (the choices are
    /// `Words::series`).
    pub chart_over_time: &'static str,
    pub chart_latest: &'static str,
    pub chart_peak: &'static str,
    pub chart_load: &'static str,
    pub chart_empty: &'static str,

    pub topology: &'static str,
    pub balancer_node: &'static str,
    pub lb_short: &'static str,
    pub server: &'static str,
    pub store_node: &'static str,
    pub replica_node: &'static str,
    pub state_up: &'static str,
    pub state_down: &'static str,
    pub state_down_undetected: &'static str,
    pub short_down: &'static str,
    pub short_crashed: &'static str,
    pub short_out_of_memory: &'static str,
    pub activate_crash: &'static str,
    pub activate_restart: &'static str,
    pub sessions: &'static str,
    pub session_one: &'static str,
    pub queue: &'static str,
    /// Requests waiting for a store that does not answer (after "queue").
    pub store_wait: &'static str,
    pub memory: &'static str,
    pub role_full: &'static str,
    pub role_backup: &'static str,
    pub role_key_only: &'static str,
    pub more: &'static str,
    /// After "+N" on a server box: sessions just lost there whose crossed-out chips are not drawn.
    pub more_lost: &'static str,
    /// `{n}`: a group of users drawn as one (`users_in_group`).
    pub users_group: &'static str,
    pub flow_mode: &'static str,
    pub arrows_mode: &'static str,

    pub legend: &'static str,
    pub legend_request: &'static str,
    pub legend_ok: &'static str,
    pub legend_mismatch: &'static str,
    pub legend_lost: &'static str,
    pub legend_error: &'static str,
    pub legend_replication: &'static str,
    pub legend_store: &'static str,
    pub legend_fetch: &'static str,
    pub legend_health: &'static str,
    pub legend_full: &'static str,
    pub legend_backup: &'static str,
    pub legend_key_only: &'static str,
    /// A dimmed chip: a session left behind by a mismatch.
    pub legend_orphaned: &'static str,
    pub legend_trailing: &'static str,
    pub legend_stale: &'static str,
    pub legend_down: &'static str,
    pub legend_partitioned: &'static str,
    pub legend_slow: &'static str,
    pub legend_undetected: &'static str,
    pub legend_flow: &'static str,
    /// What the line under a user's name says (its sample is drawn beside it).
    pub legend_cookie: &'static str,

    pub event_log: &'static str,
    pub no_events: &'static str,

    pub bad_url: &'static str,
    pub bad_param: &'static str,
    pub dismiss: &'static str,

    pub shortcuts: &'static str,
    pub shortcut_list: [(&'static str, &'static str); 8],
    pub close: &'static str,
    pub open_full: &'static str,

    pub panic_title: &'static str,
    pub panic_body: &'static str,
    pub panic_reload: &'static str,

    pub tour_steps: &'static str,
    pub tour_close: &'static str,
    pub tour_predict: &'static str,
    pub tour_show_me: &'static str,
    pub tour_back: &'static str,
    pub tour_next: &'static str,
    pub tour_all_steps: &'static str,

    pub compare_title: &'static str,
    pub compare_back: &'static str,
    pub compare_table: &'static str,
    pub compare_strategy: &'static str,

    // Time, presets and the compare view.
    pub preset: &'static str,
    pub preset_none: &'static str,
    pub users_per_ip: &'static str,
    pub next_event: &'static str,
    pub timeline: &'static str,
    pub balancer_sticky_hint: &'static str,
    // The picture.
    /// A server box's count of each kind of session: "3 full · 1 backup · 2 keys" (one, more).
    pub word_full: &'static str,
    pub word_backup: [&'static str; 2],
    pub word_key: [&'static str; 2],
    pub crash_word: &'static str,
    pub restart_word: &'static str,
    pub role_primary: &'static str,
    pub role_promoted: &'static str,
    pub role_replica: &'static str,
    pub state_gone: &'static str,
    pub font_scale: &'static str,
    pub failover_delay: &'static str,
    pub orphaned: &'static str,
    // Director mode.
    /// The button that plays a revealed step's key moment again.
    pub tour_replay: &'static str,
    /// Shown while the key moment plays, before its answer.
    pub tour_watch: &'static str,
    /// Before a read-out's number when the step's question was asked: "(was 0)".
    pub tour_before: &'static str,
}

impl Strings {
    /// "1 session", "2 sessions" (Korean has one form).
    pub fn sessions_word(&self, count: u64) -> &'static str {
        if count == 1 {
            self.session_one
        } else {
            self.sessions
        }
    }

    /// The label of a group of users drawn as one: "12 users", "사용자 12명".
    pub fn users_in_group(&self, count: u32) -> String {
        fill(self.users_group, &[("n", &count.to_string())])
    }
}

/// What a tour step says: shown when the step opens (title, caption), asked while paused (question),
/// and shown once the viewer asks to see it (answer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TourText {
    pub title: &'static str,
    pub caption: &'static str,
    pub question: &'static str,
    pub answer: &'static str,
}

/// A preset's name in the `preset` control, and one sentence on what it stages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PresetText {
    pub label: &'static str,
    pub hint: &'static str,
}

/// What the compare page's summary sentence describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompareRun {
    pub servers: u32,
    pub users: u32,
    pub seed: u64,
    pub seconds: u64,
    pub scripted_events: usize,
}

/// One language's words. Each method is an exhaustive `match` in `en.rs` and `ko.rs`.
pub trait Words: Sync {
    fn strings(&self) -> &'static Strings;
    /// The strategy's name in the controls, the embed bar and the event log.
    fn strategy(&self, strategy: Strategy) -> &'static str;
    /// One sentence under the strategy picker: what the strategy does.
    fn strategy_hint(&self, strategy: Strategy) -> &'static str;
    /// The strategy's row header in the compare view.
    fn compare_strategy(&self, strategy: Strategy) -> &'static str;
    fn sticky_by(&self, by: StickyBy) -> &'static str;
    fn balancer(&self, balancer: Balancer) -> &'static str;
    fn replication(&self, replication: Replication) -> &'static str;
    fn store_kind(&self, kind: StoreKind) -> &'static str;
    /// The store's engine, short, as its box names it ("Redis · 8 sessions").
    fn store_engine(&self, kind: StoreKind) -> &'static str;
    fn persistence(&self, persistence: Persistence) -> &'static str;
    /// The chart picker's choice (with its unit).
    fn series(&self, metric: SeriesMetric) -> &'static str;
    fn tour(&self, topic: Topic) -> TourText;
    /// "Step 3 of 14", counting from 1.
    fn tour_progress(&self, step: usize, steps: usize) -> String;
    fn compare_summary(&self, run: &CompareRun) -> String;
    fn compare_progress(&self, done: usize, total: usize) -> String;
    /// Users active during a traffic event (more than configured).
    fn active_users_now(&self, users: u32) -> String;
    /// The event log's sentences (`log::event` and `log::command` fill them in).
    fn log(&self) -> &'static log::LogSentences;
    // Time, presets and the compare view.
    fn preset(&self, preset: Preset) -> PresetText;
    /// A metric's name wherever its number is shown (read-outs, the compare view).
    fn metric(&self, metric: Metric) -> &'static str;
    /// What a mark on the timeline stands for.
    fn marker(&self, kind: MarkerKind) -> &'static str;

    // Director mode.
    /// The callout's sentences (`callout::lines` fills them in).
    fn callout(&self) -> &'static callout::CalloutSentences;
}

/// The template with each `{name}` replaced by its value.
pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}
