//! The picture's text size follows its drawn scale and the reader's font scale: every word is at least
//! `min_text_px` CSS px on screen.

use sessionscope::model::{Config, Simulation};
use sessionscope::view::scene::{min_text_px, Scene, FONT_SCALES};

fn scene() -> Scene {
    let sim = Simulation::new(Config::DEFAULT);
    Scene::new(&sim, sessionscope::model::SeriesMetric::ALL[0], false)
}

#[test]
fn the_smallest_word_is_at_least_the_minimum_on_screen_at_any_scale() {
    for window in [960.0, 1280.0, 1920.0, 2560.0] {
        for px_per_unit in [0.4, 0.58, 0.83, 1.25, 2.0] {
            let mut s = scene();
            s.fit_text(px_per_unit, window);
            let on_screen = s.text * px_per_unit;
            assert!(
                on_screen >= min_text_px(window) - 1e-9,
                "window {window}, scale {px_per_unit}: {on_screen} px"
            );
        }
    }
    assert!(min_text_px(1280.0) >= 14.0 && min_text_px(960.0) >= 14.0);
    assert!(min_text_px(1920.0) >= 18.0);
}

#[test]
fn font_scale_cycles_and_multiplies_the_text() {
    let mut s = scene();
    assert!(s.fit_text(0.8, 1280.0));
    assert!(
        !s.fit_text(0.8, 1280.0),
        "an unchanged size asks for no redraw"
    );
    let base = s.text;
    let mut seen = vec![s.font_scale];
    for _ in 1..FONT_SCALES.len() {
        seen.push(s.next_font_scale());
    }
    assert_eq!(seen, FONT_SCALES.to_vec());
    s.fit_text(0.8, 1280.0);
    assert!(
        (s.text - base * 2.0).abs() < 1e-9,
        "200 %: {} vs {base}",
        s.text
    );
    assert_eq!(s.next_font_scale(), 100, "after the largest, the smallest");
    s.set_font_scale(333);
    assert_eq!(s.font_scale, 100, "an unknown remembered value is ignored");
}

#[test]
fn the_key_f_changes_the_font_scale_outside_form_controls() {
    use sessionscope::view::actions::{shortcut, Action};
    assert_eq!(shortcut("f", false), Some(Action::FontScale));
    assert_eq!(shortcut("F", false), Some(Action::FontScale));
    assert_eq!(
        shortcut("f", true),
        None,
        "typing an f in a field stays an f"
    );
}
