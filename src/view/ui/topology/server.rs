//! One server box: its name, state, session chips, memory and queue, as a clickable node.

use super::{
    accessible_name, chip_marks, chip_paths, chips_fit, detected_attr, fmt1, initials_layer, node,
    state_text, state_word_middle, text_width, Mark,
};
use crate::model::{NodeState, SessionEntry, SessionRole};
use crate::view::actions::Action;
use crate::view::layout::Rect;
use crate::view::names::server_letter;
use crate::view::text_lines::two_lines;
use crate::view::words::Lang;
use crate::view::world::ServerView;
use std::fmt::Write;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ServerNodeProps {
    pub server: ServerView,
    pub rect: Rect,
    pub lang: Lang,
    pub act: Callback<Action>,
    pub highlighted: bool,
    /// The smallest font size, in user units (see `Scene::text`).
    pub text: f64,
}

/// "3 full · 2 backups · 1 key": the kinds of session a box holds, counted apart (empty kinds left out).
fn session_counts(s: &ServerView, lang: Lang) -> String {
    let t = lang.strings();
    let counted = |n: u64, [one, more]: [&'static str; 2]| (n, if n == 1 { one } else { more });
    let parts: Vec<String> = [
        (
            s.sessions_full.saturating_sub(s.sessions_backup),
            t.word_full,
        ),
        counted(s.sessions_backup, t.word_backup),
        counted(s.sessions_key_only, t.word_key),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| format!("{n} {w}"))
    .collect();
    if parts.is_empty() {
        format!("0 {}", t.sessions_word(0))
    } else {
        parts.join(" · ")
    }
}

#[component]
pub fn ServerNode(props: &ServerNodeProps) -> Html {
    let t = props.lang.strings();
    let s = &props.server;
    let r = props.rect;
    let text = props.text;
    let letter = server_letter(s.id);
    let sessions_total = s.sessions_full + s.sessions_key_only;
    let faults: Vec<&str> = [(s.partitioned, t.badge_partitioned), (s.slow, t.badge_slow)]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect();
    let faults = faults.join(" · ");
    let pad = (text * 0.3).clamp(3.0, 8.0);
    let bar_h = (r.h * 0.06).clamp(3.0, 8.0);
    // The name a little larger than the smallest text, when the box has room for it.
    let name_size = (text * 1.2).min(r.h - 2.0 * pad - bar_h).max(text);
    let line = text * 1.2;
    // What fits under the name: a line of counts over a row of chips; in a higher box, also a line
    // for faults and "+N more". The counts come first: "0 sessions" is often what the box is there
    // to say.
    let counts_fit = r.h >= pad * 3.0 + name_size + line + text + bar_h;
    let roomy = r.h >= pad * 3.0 + name_size + line * 2.0 + text + bar_h;
    let with_chips = r.h >= pad * 3.0 + name_size + text * 0.8 + bar_h;
    let full_name = format!("{} {letter}", t.server);
    // U+FE0E asks for the sign as text, in the word's colour: Firefox otherwise draws ⚡ as a yellow
    // emoji of its own font, unlike the other engines.
    let action_word = if s.state.is_up() {
        format!("⚡\u{FE0E} {}", t.crash_word)
    } else {
        format!("↻ {}", t.restart_word)
    };
    let wide =
        text_width(&full_name, name_size) + text_width(&action_word, text) + 3.0 * pad <= r.w;
    let name_text = if wide {
        full_name.clone()
    } else {
        letter.clone()
    };
    // The crash (or restart) affordance, visible without hovering, when the box is wide enough.
    let action_text =
        (text_width(&name_text, name_size) + text_width(&action_word, text) + 3.0 * pad <= r.w)
            .then(|| action_word.clone());
    let mut counts = session_counts(s, props.lang);
    if s.orphaned > 0 {
        // In brackets: the orphaned are among the sessions counted before them, not more of them.
        let _ = write!(counts, " ({} {})", s.orphaned, t.orphaned);
    }
    let mut counts_text = counts.clone();
    for (count, word) in [(s.queue, t.queue), (s.waiting_on_store, t.store_wait)] {
        if count > 0 {
            let _ = write!(counts_text, " · {word} {count}");
        }
    }
    // The counts on one line; too wide for that, on two where the box is high enough to keep its
    // row of chips and its bottom line under them.
    let fits = |words: &str| text_width(words, text) + 2.0 * pad <= r.w;
    let two_lines_fit = r.h >= pad * 3.0 + name_size + line * 3.0 + text + bar_h;
    let counts_lines: Vec<String> = if !counts_fit {
        Vec::new()
    } else if fits(&counts_text) {
        vec![counts_text.clone()]
    } else {
        two_lines(&counts_text, &[" · ", " ("], |words| {
            text_width(words, text)
        })
        .filter(|lines| two_lines_fit && lines.iter().all(|l| fits(l)))
        .map(Vec::from)
        .unwrap_or_default()
    };
    let counts_shown = (!counts_lines.is_empty()).then(|| counts_lines.join(" "));
    let chips_y = pad + name_size + 4.0 + line * counts_lines.len() as f64;
    // Live chips first, then the ghosts of sessions just lost here, in one grid.
    let mut all = s.sessions.clone();
    // A ghost is drawn as an outline (like a copy), crossed out by its mark.
    all.extend(s.ghosts.iter().map(|g| SessionEntry {
        role: SessionRole::Backup,
        ..*g
    }));
    let chips_h_above = |bottom: f64| (r.h - chips_y - bar_h - pad * 2.0 - bottom).max(0.0);
    // The bottom line (faults, "+N more") takes its room from the chips only when it has something to
    // say: a box with one or two sessions gets chips large enough to carry their users' letters.
    let bottom_said = !faults.is_empty()
        || s.ghosts_lost > s.ghosts.len() as u64
        || !chips_fit(all.len(), r.w - 2.0 * pad, chips_h_above(0.0), text);
    let bottom_line = if roomy && bottom_said { line } else { 0.0 };
    let chips_h = chips_h_above(bottom_line);
    let area = (pad, chips_y, r.w - 2.0 * pad, chips_h);
    let chips_on = with_chips && chips_h >= 4.0;
    let chips = chip_paths(if chips_on { &all } else { &[] }, area, text);
    let shown = chips.shown.min(s.sessions.len());
    let marks = html! {
        <g class="marks">
            if chips_on && !s.orphans.is_empty() { { chip_marks(&all, &s.orphans, area, text, Mark::Orphan) } }
            if chips_on && !s.ghosts.is_empty() { { chip_marks(&all, &s.ghosts, area, text, Mark::Ghost) } }
        </g>
    };
    let hidden = sessions_total.saturating_sub(shown as u64);
    let mem_frac = if s.memory_budget > 0 {
        (s.memory_used as f64 / s.memory_budget as f64).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let bar_w = r.w - 2.0 * pad;
    let state_class = match s.state {
        NodeState::Up => "up",
        NodeState::DownUndetected => "down-undetected",
        NodeState::DownDetected => "down-detected",
    };
    let mem_class = if mem_frac > 0.85 {
        "mem-fill mem-high"
    } else {
        "mem-fill"
    };
    // Short words in the box (the full state is in the label); sized to fit the box.
    let down_text = match s.state {
        _ if s.out_of_memory => format!("✕ {}", t.short_out_of_memory),
        NodeState::DownUndetected => format!("⚠ {}", t.short_crashed),
        _ => format!("✕ {}", t.short_down),
    };
    // Live sessions not drawn, or else lost ones whose crossed-out ghosts are not: a crash's count in
    // the tour's callout ("201 sessions lost") is then the box's too.
    let ghosts_shown = chips
        .shown
        .saturating_sub(s.sessions.len())
        .min(s.ghosts.len());
    let hidden_lost = s.ghosts_lost.saturating_sub(ghosts_shown as u64);
    let more_text = match (hidden, hidden_lost) {
        _ if !roomy => None,
        (0, 0) => None,
        (0, lost) => Some(format!("+{lost} {}", t.more_lost)),
        (hidden, _) => Some(format!("+{hidden} {}", t.more)),
    };
    let shown_faults = (!faults.is_empty() && roomy).then(|| faults.clone());
    // The accessible name starts with every word the box shows, in the order drawn (WCAG 2.5.3, label in
    // name), then says what the box does not: the full state, and what activating it does.
    let mut unseen = vec![state_text(s.state, props.lang).to_string()];
    if !wide {
        unseen.insert(0, full_name.clone());
    }
    if shown_faults.is_none() && !faults.is_empty() {
        unseen.push(faults.clone());
    }
    if counts_shown.is_none() {
        unseen.push(counts_text.clone());
    }
    unseen.push(
        if s.state.is_up() {
            t.activate_crash
        } else {
            t.activate_restart
        }
        .to_string(),
    );
    let seen = [
        Some(name_text.clone()),
        action_text.clone(),
        counts_shown.clone(),
        shown_faults.clone(),
        more_text.clone(),
        (!s.state.is_up()).then(|| down_text.clone()),
    ];
    let label = accessible_name(&seen, &unseen);
    // Capitals in a heavy weight are about 0.75 em wide, Hangul and the symbol about 1 em.
    let down_ems: f64 = down_text
        .chars()
        .map(|c| if c.is_ascii() { 0.75 } else { 1.0 })
        .sum();
    // Above the memory bar (and the bottom line, when it says something), under the name and counts: a
    // short box makes the word smaller first.
    let free_bottom = r.h - pad * 1.5 - bar_h - if more_text.is_some() { line } else { 0.0 };
    let down_size = ((r.w - 2.0 * pad) / down_ems)
        .min(name_size * 1.3)
        .min(free_bottom - chips_y)
        .max(text);
    // Under the chips (the lost sessions' crossed-out ghosts), or over them where they leave no room:
    // never over the counts, which say what the box holds now.
    let free_top = if chips_on && free_bottom - chips.bottom >= down_size {
        chips.bottom
    } else {
        chips_y
    };
    let down_middle = state_word_middle(free_top, free_bottom, down_size, r.h);
    // The cross is drawn under the name and counts, never through them; the state word over
    // everything.
    let cross = html! {
        <g class="status-cross">
            if !s.state.is_up() {
                <path class="cross" d={format!("M{p} {t}L{x} {y}M{x} {t}L{p} {y}", p = fmt1(pad), t = fmt1(chips_y), x = fmt1(r.w - pad), y = fmt1(r.h - pad))} />
            }
        </g>
    };
    let status = html! {
        <g class="status">
            if !s.state.is_up() {
                <text class="down-label" x={fmt1(r.w / 2.0)} y={fmt1(down_middle + down_size * 0.35)} text-anchor="middle" font-size={fmt1(down_size)}>
                    { down_text.clone() }
                </text>
            }
        </g>
    };
    let bottom_y = fmt1(r.h - bar_h - pad * 1.5);
    let body = html! {
        <>
            { cross }
            // Each text ends in a space (never drawn): tools that join a node's texts, such as accessibility
            // checkers comparing them with the accessible name, then read separate words.
            <text class="name" x={fmt1(pad)} y={fmt1(pad + name_size * 0.85)} font-size={fmt1(name_size)}>
                { name_text }{ " " }
            </text>
            <g class="crash-slot">
            if let Some(word) = action_text {
                <text class="crash-word" x={fmt1(r.w - pad)} y={fmt1(pad + name_size * 0.85)} text-anchor="end" font-size={fmt1(text)}>
                    { word }{ " " }
                </text>
            }
            </g>
            <g class="queue-slot">
            if !counts_lines.is_empty() {
                <text class="queue" font-size={fmt1(text)}>
                    { for counts_lines.iter().enumerate().map(|(i, words)| html! {
                        <tspan x={fmt1(pad)} y={fmt1(pad + name_size + 2.0 + text * 0.95 + line * i as f64)}>{ words.clone() }{ " " }</tspan>
                    }) }
                </text>
            }
            </g>
            { chips.drawing }
            { marks }
            <g class="fault-badge">
                if let Some(words) = shown_faults {
                    <text x={fmt1(pad)} y={bottom_y.clone()} font-size={fmt1(text)}>{ words }{ " " }</text>
                }
            </g>
            <g class="more">
                if let Some(words) = more_text {
                    <text x={fmt1(r.w - pad)} y={bottom_y} text-anchor="end" font-size={fmt1(text)}>{ words }{ " " }</text>
                }
            </g>
            <rect class="mem-bg" x={fmt1(pad)} y={fmt1(r.h - pad - bar_h)} width={fmt1(bar_w)} height={fmt1(bar_h)} rx="2" />
            <rect class={mem_class} x={fmt1(pad)} y={fmt1(r.h - pad - bar_h)} width={fmt1(bar_w * mem_frac)} height={fmt1(bar_h)} rx="2" />
            { status }
        </>
    };
    let testid = format!("server-{}", s.id);
    let initials = initials_layer(&testid, state_class, r, chips.initials);
    let node = node(
        testid,
        s.state,
        Some(detected_attr(s.state)),
        classes!(
            "node",
            "server",
            state_class,
            s.partitioned.then_some("partitioned"),
            s.slow.then_some("slow"),
            props.highlighted.then_some("tour-highlight"),
        ),
        r,
        "6",
        label,
        &props.act,
        Action::ToggleServer(s.id),
        body,
    );
    html! { <>{ node }{ initials }</> }
}
